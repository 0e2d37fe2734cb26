-- Analytical differential queries (issue 5): aggregates, GROUP BY/HAVING,
-- joins of several foreign tables, outer joins with NULLs, ORDER BY and
-- LIMIT above them, date bucketing. Each runs through the foreign tables
-- with pushdown on and with warehouse_fdw.pushdown = off, and directly on
-- the remote; all three outputs must be identical. Every query orders its
-- rows completely; float results are rounded so summation order cannot
-- show. Enum columns are compared as text (Snowflake holds them as text).
-- Plain aggregates.
SELECT count(*), count(return_date), count(DISTINCT customer_id), min(rental_id), max(rental_id) FROM rental;
SELECT sum(amount), min(amount), max(amount), count(DISTINCT amount) FROM payment;
SELECT avg(amount), avg(length) FROM payment, (SELECT 1) one, film WHERE film_id = 1;
SELECT sum(length), avg(length), min(title), max(title) FROM film;
SELECT bool_and(active = 1), bool_or(active = 0), every(store_id IN (1, 2)) FROM customer;
SELECT round(stddev(length::float8)::numeric, 6), round(variance(length::float8)::numeric, 4),
  round(stddev_pop(rental_duration::float8)::numeric, 6), round(var_pop(rental_duration::float8)::numeric, 6) FROM film;
SELECT count(*) FROM film WHERE length > 500;
SELECT sum(amount), max(payment_date) FROM payment WHERE amount > 1000;
SELECT count(*) FILTER (WHERE amount > 5), sum(amount) FILTER (WHERE staff_id = 1), count(DISTINCT customer_id) FILTER (WHERE amount < 1) FROM payment;
-- GROUP BY / HAVING.
SELECT store_id, count(*), count(DISTINCT address_id) FROM customer GROUP BY store_id ORDER BY store_id;
SELECT customer_id, count(*), sum(amount) FROM payment GROUP BY customer_id HAVING sum(amount) > 180 ORDER BY customer_id;
SELECT staff_id, count(*), min(amount), max(amount), sum(amount) FROM payment GROUP BY staff_id ORDER BY staff_id;
SELECT rating::text, count(*), sum(length), min(rental_rate), max(replacement_cost) FROM film GROUP BY rating ORDER BY 1;
SELECT rental_duration, rental_rate, count(*) FROM film GROUP BY rental_duration, rental_rate ORDER BY 1, 2;
SELECT length / 30 AS bucket, count(*) FROM film GROUP BY 1 ORDER BY 1;
SELECT length % 3, count(*), max(title) FROM film GROUP BY length % 3 HAVING count(*) > 300 ORDER BY 1;
SELECT customer_id, count(*) FROM rental GROUP BY customer_id HAVING count(*) >= 40 ORDER BY 2 DESC, 1;
SELECT customer_id, count(*) FILTER (WHERE return_date IS NULL) AS open FROM rental GROUP BY customer_id
  HAVING count(*) FILTER (WHERE return_date IS NULL) > 1 ORDER BY 1;
SELECT active, store_id, count(*) FROM customer GROUP BY active, store_id HAVING min(customer_id) < 10 ORDER BY 1, 2;
SELECT upper(substr(last_name, 1, 1)) AS initial, count(*) FROM actor GROUP BY 1 ORDER BY 1;
SELECT CASE WHEN length < 60 THEN 'short' WHEN length < 120 THEN 'medium' ELSE 'long' END AS kind, count(*), avg(rental_rate)
  FROM film GROUP BY 1 ORDER BY 1;
SELECT coalesce(original_language_id, 0), count(*) FROM film GROUP BY 1 ORDER BY 1;
SELECT nullif(store_id, 1), count(*) FROM customer GROUP BY 1 ORDER BY 1 NULLS FIRST;
SELECT customer_id, sum(amount) * 2, count(*) + 1 FROM payment GROUP BY customer_id ORDER BY customer_id LIMIT 5;
SELECT customer_id FROM payment GROUP BY customer_id HAVING bool_and(amount > 0.5) ORDER BY 1 LIMIT 10;
-- ORDER BY and LIMIT over aggregates.
SELECT customer_id, sum(amount) FROM payment GROUP BY customer_id ORDER BY 2 DESC, 1 LIMIT 10;
SELECT customer_id, count(*) FROM rental GROUP BY customer_id ORDER BY count(*) DESC, customer_id LIMIT 5 OFFSET 3;
SELECT film_id, count(*) FROM inventory GROUP BY film_id ORDER BY 2, 1 LIMIT 7;
SELECT staff_id, max(amount) FROM payment GROUP BY staff_id ORDER BY 2 DESC NULLS LAST, 1 LIMIT 1;
SELECT inventory_id, max(rental_date) FROM rental GROUP BY inventory_id ORDER BY 1 DESC LIMIT 5;
-- Date bucketing.
SELECT extract(year FROM create_date), extract(month FROM create_date), count(*) FROM customer GROUP BY 1, 2 ORDER BY 1, 2;
SELECT date_trunc('month', last_update), count(*) FROM film GROUP BY 1 ORDER BY 1;
SELECT date_trunc('day', last_update), extract(dow FROM create_date), count(*) FROM customer GROUP BY 1, 2 ORDER BY 1, 2;
SELECT extract(isodow FROM create_date), extract(doy FROM create_date), extract(week FROM create_date), count(*) FROM customer GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
SELECT date_trunc('month', payment_date), count(*), sum(amount) FROM payment GROUP BY 1 ORDER BY 1;
SELECT extract(hour FROM last_update), count(*) FROM address GROUP BY 1 ORDER BY 1;
SELECT create_date + 30, count(*) FROM customer GROUP BY 1 ORDER BY 1;
-- Inner joins, two to four tables.
SELECT c.name, count(*) FROM category c JOIN film_category fc ON fc.category_id = c.category_id GROUP BY c.name ORDER BY 2 DESC, 1 LIMIT 5;
SELECT f.title, count(i.inventory_id) FROM film f JOIN inventory i ON i.film_id = f.film_id WHERE f.length > 180 GROUP BY f.title ORDER BY 2 DESC, 1 LIMIT 10;
SELECT a.first_name, a.last_name, count(*) FROM actor a JOIN film_actor fa ON fa.actor_id = a.actor_id GROUP BY a.actor_id, a.first_name, a.last_name ORDER BY 3 DESC, 1, 2 LIMIT 10;
SELECT c.name, sum(f.length), count(DISTINCT f.rating::text) FROM category c JOIN film_category fc ON fc.category_id = c.category_id
  JOIN film f ON f.film_id = fc.film_id GROUP BY c.name ORDER BY c.name;
SELECT s.store_id, sum(p.amount) FROM payment p JOIN staff s ON s.staff_id = p.staff_id GROUP BY s.store_id ORDER BY 1;
SELECT cu.customer_id, cu.last_name, sum(p.amount) FROM customer cu JOIN payment p ON p.customer_id = cu.customer_id
  JOIN rental r ON r.rental_id = p.rental_id WHERE r.return_date IS NOT NULL GROUP BY cu.customer_id, cu.last_name ORDER BY 3 DESC, 1 LIMIT 10;
SELECT ci.city, co.country FROM city ci JOIN country co ON co.country_id = ci.country_id WHERE co.country LIKE 'A%' ORDER BY ci.city, co.country;
SELECT co.country, count(*) FROM customer cu JOIN address a ON a.address_id = cu.address_id JOIN city ci ON ci.city_id = a.city_id
  JOIN country co ON co.country_id = ci.country_id GROUP BY co.country HAVING count(*) > 20 ORDER BY 2 DESC, 1;
SELECT r.rental_id, f.title, cu.email FROM rental r JOIN inventory i ON i.inventory_id = r.inventory_id JOIN film f ON f.film_id = i.film_id
  JOIN customer cu ON cu.customer_id = r.customer_id WHERE r.rental_id < 30 ORDER BY r.rental_id;
SELECT f.film_id, f.title, l.name::text FROM film f JOIN language l ON l.language_id = f.language_id ORDER BY f.film_id LIMIT 10 OFFSET 100;
SELECT fa.actor_id, fc.category_id, count(*) FROM film_actor fa JOIN film_category fc ON fc.film_id = fa.film_id
  WHERE fa.actor_id < 5 GROUP BY 1, 2 ORDER BY 1, 2;
SELECT a.actor_id, b.actor_id, count(*) FROM film_actor a JOIN film_actor b ON a.film_id = b.film_id AND a.actor_id < b.actor_id
  WHERE a.actor_id < 4 GROUP BY 1, 2 HAVING count(*) > 1 ORDER BY 1, 2;
-- Outer joins with NULLs.
SELECT s.store_id, count(i.inventory_id), count(*) FROM store s LEFT JOIN inventory i ON i.store_id = s.store_id AND i.film_id < 10 GROUP BY s.store_id ORDER BY 1;
SELECT f.film_id, f.title, i.inventory_id FROM film f LEFT JOIN inventory i ON i.film_id = f.film_id WHERE i.inventory_id IS NULL ORDER BY f.film_id LIMIT 20;
SELECT f.film_id, count(i.inventory_id) FROM film f LEFT JOIN inventory i ON i.film_id = f.film_id GROUP BY f.film_id HAVING count(i.inventory_id) = 0 ORDER BY 1;
SELECT a.address_id, cu.customer_id FROM address a LEFT JOIN customer cu ON cu.address_id = a.address_id WHERE a.address_id < 10 ORDER BY 1, 2;
SELECT cu.customer_id, a.address_id FROM customer cu RIGHT JOIN address a ON cu.address_id = a.address_id WHERE a.address_id BETWEEN 1 AND 8 ORDER BY 2, 1;
SELECT ci.city_id, a.address_id FROM (SELECT * FROM city WHERE city_id < 20) ci FULL JOIN (SELECT * FROM address WHERE address_id < 30) a
  ON a.city_id = ci.city_id ORDER BY 1 NULLS FIRST, 2 NULLS FIRST;
SELECT l.name::text, count(f.film_id) FROM language l FULL JOIN film f ON f.original_language_id = l.language_id GROUP BY l.name ORDER BY 1 NULLS LAST;
SELECT cu.customer_id, r.rental_id, p.payment_id FROM customer cu LEFT JOIN rental r ON r.customer_id = cu.customer_id AND r.rental_id < 100
  LEFT JOIN payment p ON p.rental_id = r.rental_id WHERE cu.customer_id < 30 ORDER BY 1, 2 NULLS FIRST, 3 NULLS FIRST;
SELECT co.country, count(ci.city_id), count(a.address_id) FROM country co LEFT JOIN city ci ON ci.country_id = co.country_id
  LEFT JOIN address a ON a.city_id = ci.city_id GROUP BY co.country ORDER BY 3 DESC, 1 LIMIT 8;
SELECT coalesce(r.return_date::date::text, 'open'), count(*) FROM rental r WHERE r.rental_id < 16100 AND r.rental_id > 15900 GROUP BY 1 ORDER BY 1;
-- Semi and anti joins.
SELECT f.film_id FROM film f WHERE EXISTS (SELECT 1 FROM inventory i WHERE i.film_id = f.film_id AND i.store_id = 2) ORDER BY 1 LIMIT 15;
SELECT count(*) FROM film f WHERE NOT EXISTS (SELECT 1 FROM inventory i WHERE i.film_id = f.film_id);
SELECT cu.customer_id FROM customer cu WHERE cu.customer_id IN (SELECT p.customer_id FROM payment p WHERE p.amount > 10) ORDER BY 1;
SELECT count(*) FROM actor a WHERE EXISTS (SELECT 1 FROM film_actor fa JOIN film f ON f.film_id = fa.film_id WHERE fa.actor_id = a.actor_id AND f.length > 180);
SELECT c.name FROM category c WHERE NOT EXISTS (SELECT 1 FROM film_category fc WHERE fc.category_id = c.category_id AND fc.film_id < 20) ORDER BY 1;
-- Subqueries and mixes of local and foreign rows (partly pushed).
SELECT v.tier, count(p.payment_id), sum(p.amount) FROM diff_local.vip v JOIN payment p ON p.customer_id = v.customer_id GROUP BY v.tier ORDER BY 1;
SELECT t.customer_id, t.total FROM (SELECT customer_id, sum(amount) AS total FROM payment GROUP BY customer_id) t
  WHERE t.total > (SELECT avg(amount) * 35 FROM payment) ORDER BY 1;
SELECT max(n) FROM (SELECT customer_id, count(*) AS n FROM rental GROUP BY customer_id) s;
SELECT customer_id, sum(amount) FROM payment WHERE payment_date > now() - interval '100 years' GROUP BY customer_id ORDER BY 2 DESC, 1 LIMIT 3;
SELECT DISTINCT store_id FROM customer ORDER BY 1;
SELECT rating::text, count(*), rank() OVER (ORDER BY count(*) DESC, rating::text) FROM film GROUP BY rating ORDER BY 3;
