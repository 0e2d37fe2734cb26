-- Pagila through foreign tables: the classic queries, joins with local
-- tables, and a parameterized nested loop.
\set setup_app 1
\i sql/setup/common.sql
SET search_path = app, public;
-- Late rentals, five films by title (from Pagila's README; rental_period
-- replaces return_date in this release).
SELECT concat(customer.last_name, ', ', customer.first_name) AS customer, address.phone, film.title
FROM rental
JOIN customer ON rental.customer_id = customer.customer_id
JOIN address ON customer.address_id = address.address_id
JOIN inventory ON rental.inventory_id = inventory.inventory_id
JOIN film ON inventory.film_id = film.film_id
WHERE upper(rental.rental_period) IS NULL
ORDER BY title, customer
LIMIT 5;
-- A local table joined with foreign ones.
CREATE TABLE vip (customer_id smallint PRIMARY KEY, tier text);
INSERT INTO vip VALUES (1, 'gold'), (148, 'platinum'), (526, 'gold');
ANALYZE vip;
EXPLAIN (VERBOSE, COSTS OFF)
SELECT v.tier, c.first_name, count(*) AS rentals
FROM vip v JOIN customer c ON c.customer_id = v.customer_id
JOIN rental r ON r.customer_id = v.customer_id
GROUP BY v.tier, c.first_name ORDER BY rentals DESC;
SELECT v.tier, c.first_name, count(*) AS rentals
FROM vip v JOIN customer c ON c.customer_id = v.customer_id
JOIN rental r ON r.customer_id = v.customer_id
GROUP BY v.tier, c.first_name ORDER BY rentals DESC;
-- Views and the partitioned payment table.
SELECT * FROM sales_by_store ORDER BY store;
SELECT count(*), sum(amount) FROM payment;
SELECT title, rating, special_features FROM film WHERE rating = 'G' AND 'Trailers' = ANY (special_features)
ORDER BY title LIMIT 3;
EXPLAIN (VERBOSE, COSTS OFF)
SELECT title, rating FROM film WHERE rating = 'G' AND 'Trailers' = ANY (special_features) ORDER BY title LIMIT 3;
-- ANALYZE samples the remote table.
ANALYZE rental;
SELECT reltuples BETWEEN 15000 AND 17000 AS about_right FROM pg_class WHERE oid = 'app.rental'::regclass;
SELECT count(*) > 0 AS has_stats FROM pg_stats WHERE schemaname = 'app' AND tablename = 'rental';
ANALYZE film_list;
SELECT reltuples FROM pg_class WHERE oid = 'app.film_list'::regclass;
-- With remote estimates the planner sees that looking rentals up by an
-- indexed column is cheap remotely: a nested loop sends each key as a
-- parameter instead of pulling the table. (rental.customer_id has no index
-- in this Pagila release, so that join rightly stays a hash join.)
CREATE TABLE watchlist (inventory_id integer PRIMARY KEY);
INSERT INTO watchlist VALUES (1), (367), (4581);
ANALYZE watchlist;
ALTER FOREIGN TABLE rental OPTIONS (ADD use_remote_estimate 'true');
EXPLAIN (VERBOSE, COSTS OFF)
SELECT w.inventory_id, r.rental_id FROM watchlist w JOIN rental r ON r.inventory_id = w.inventory_id;
SELECT w.inventory_id, count(*) FROM watchlist w JOIN rental r ON r.inventory_id = w.inventory_id
GROUP BY 1 ORDER BY 1;
ALTER FOREIGN TABLE rental OPTIONS (DROP use_remote_estimate);
