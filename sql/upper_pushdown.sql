-- Aggregates, joins, and ORDER BY/LIMIT above them, in each dialect: the
-- same queries through the postgres provider, the BigQuery fake and the
-- Snowflake fake (all three read the same Pagila rows). EXPLAIN VERBOSE
-- shows one Foreign Scan with the whole remote query when it is pushed;
-- the cases after it must not push, and the settings turn pushdown off.
\getenv remote_port WFDW_REMOTE_PORT
\getenv bq_port WFDW_BQ_PORT
\getenv sf_port WFDW_SF_PORT
\getenv sf_key_file WFDW_SF_KEY_FILE
\set sf_key `cat :sf_key_file`
\set bq_endpoint 'http://127.0.0.1:' :bq_port '/bigquery/v2'
\set sf_endpoint 'http://127.0.0.1:' :sf_port
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS warehouse_fdw;
CREATE SERVER up_pg FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'postgres', host '127.0.0.1', port :'remote_port', dbname 'pagila');
CREATE USER MAPPING FOR CURRENT_USER SERVER up_pg OPTIONS (user 'reader', password 'reader_pw');
CREATE SERVER up_bq FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'bigquery', project 'fake-project', location 'US', endpoint :'bq_endpoint');
CREATE USER MAPPING FOR CURRENT_USER SERVER up_bq OPTIONS (access_token 'test-token-1');
CREATE SERVER up_sf FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'snowflake', account 'myorg-myacct', warehouse 'ANALYTICS_WH', database 'SALES', schema 'PUBLIC',
           endpoint :'sf_endpoint');
CREATE USER MAPPING FOR CURRENT_USER SERVER up_sf OPTIONS (user 'etl_reader', private_key :'sf_key');
CREATE SCHEMA up_pg;
CREATE SCHEMA up_bq;
CREATE SCHEMA up_sf;
IMPORT FOREIGN SCHEMA public LIMIT TO (payment, customer, film, inventory, store, category, film_category)
  FROM SERVER up_pg INTO up_pg;
IMPORT FOREIGN SCHEMA public LIMIT TO (payment, customer, film, inventory, store, category, film_category)
  FROM SERVER up_bq INTO up_bq;
IMPORT FOREIGN SCHEMA "PUBLIC" LIMIT TO (payment, customer, film, inventory, store, category, film_category)
  FROM SERVER up_sf INTO up_sf;
-- Statistics, as a user would gather them: join estimates need them.
ANALYZE up_pg.payment, up_pg.customer, up_pg.film, up_pg.inventory, up_pg.store, up_pg.category, up_pg.film_category;
CREATE TABLE up_local_tier (customer_id integer, tier text);
INSERT INTO up_local_tier VALUES (1, 'gold'), (2, 'silver');
RESET client_min_messages;

-- Pushed: aggregates with GROUP BY/HAVING/DISTINCT, FILTER, bool_and/or.
\set agg 'SELECT staff_id, count(*), sum(amount), min(amount), max(amount), count(DISTINCT customer_id) FROM payment GROUP BY staff_id HAVING count(*) > 10 ORDER BY staff_id'
\set filter 'SELECT count(*) FILTER (WHERE amount > 5), sum(amount) FILTER (WHERE staff_id = 1), count(*) FROM payment'
\set bool 'SELECT store_id, bool_and(active = 1), bool_or(activebool) FROM customer GROUP BY 1 ORDER BY 1'
\set dates 'SELECT extract(year FROM create_date), date_trunc(''month'', last_update), extract(isodow FROM create_date), count(*) FROM customer GROUP BY 1, 2, 3 ORDER BY 1, 2, 3'
\set top 'SELECT customer_id, sum(amount) FROM payment GROUP BY customer_id ORDER BY 2 DESC, 1 LIMIT 3'
-- Pushed: joins (three tables, outer, full, semi, anti).
\set join3 'SELECT fc.category_id, count(*), max(f.length) FROM category c JOIN film_category fc ON fc.category_id = c.category_id JOIN film f ON f.film_id = fc.film_id WHERE f.length > 100 GROUP BY 1 ORDER BY 1 LIMIT 4'
\set left 'SELECT s.store_id, count(i.inventory_id) FROM store s LEFT JOIN inventory i ON i.store_id = s.store_id AND i.film_id < 10 GROUP BY 1 ORDER BY 1'
\set full 'SELECT count(*), count(s.store_id), count(i.inventory_id) FROM store s FULL JOIN inventory i ON i.inventory_id = s.store_id'
\set semi 'SELECT f.film_id FROM film f WHERE EXISTS (SELECT 1 FROM inventory i WHERE i.film_id = f.film_id AND i.store_id = 2) ORDER BY 1 LIMIT 5'
\set anti 'SELECT count(*) FROM film f WHERE NOT EXISTS (SELECT 1 FROM inventory i WHERE i.film_id = f.film_id)'
-- Not pushed: a local qual below a LIMIT or an aggregate or a join; a
-- mutable function; a non-default collation; grouping sets; a local table.
\set local_limit 'SELECT customer_id FROM customer WHERE last_update < now() ORDER BY customer_id LIMIT 3'
\set local_agg 'SELECT count(*) FROM payment WHERE amount > 5 AND random() >= 0'
\set local_join 'SELECT count(*) FROM customer c JOIN payment p ON p.customer_id = c.customer_id WHERE p.payment_date < now()'
\set mutable 'SELECT count(*) FILTER (WHERE payment_date > now() - interval ''1 day'') FROM payment'
\set collation 'SELECT min(last_name COLLATE "C") FROM customer'
\set rollup 'SELECT store_id, active, count(*) FROM customer GROUP BY ROLLUP (store_id, active) ORDER BY 1, 2'
\set with_local 'SELECT t.tier, count(*) FROM up_local_tier t JOIN payment p ON p.customer_id = t.customer_id GROUP BY 1 ORDER BY 1'
-- Dialect differences: avg of an integer is an exact numeric only in
-- PostgreSQL; string_agg and text ordering are pushed only there.
\set avg_int 'SELECT avg(length) FROM film'
\set text_order 'SELECT c.name, count(*) FROM category c JOIN film_category fc ON fc.category_id = c.category_id GROUP BY 1 ORDER BY 1 LIMIT 2'
\set string_agg 'SELECT string_agg(name, '','' ORDER BY name) FROM category WHERE category_id < 4'

SET search_path = up_pg, public;
EXPLAIN (VERBOSE, COSTS OFF) :agg;
:agg;
EXPLAIN (VERBOSE, COSTS OFF) :filter;
:filter;
EXPLAIN (VERBOSE, COSTS OFF) :bool;
:bool;
EXPLAIN (VERBOSE, COSTS OFF) :dates;
:dates;
EXPLAIN (VERBOSE, COSTS OFF) :top;
:top;
EXPLAIN (VERBOSE, COSTS OFF) :join3;
:join3;
EXPLAIN (VERBOSE, COSTS OFF) :left;
:left;
EXPLAIN (VERBOSE, COSTS OFF) :full;
:full;
EXPLAIN (VERBOSE, COSTS OFF) :semi;
:semi;
EXPLAIN (VERBOSE, COSTS OFF) :anti;
:anti;
EXPLAIN (VERBOSE, COSTS OFF) :local_limit;
EXPLAIN (VERBOSE, COSTS OFF) :local_agg;
:local_agg;
EXPLAIN (VERBOSE, COSTS OFF) :local_join;
EXPLAIN (VERBOSE, COSTS OFF) :mutable;
EXPLAIN (VERBOSE, COSTS OFF) :collation;
:collation;
EXPLAIN (VERBOSE, COSTS OFF) :rollup;
:rollup;
EXPLAIN (VERBOSE, COSTS OFF) :with_local;
:with_local;
EXPLAIN (VERBOSE, COSTS OFF) :avg_int;
:avg_int;
EXPLAIN (VERBOSE, COSTS OFF) :text_order;
:text_order;
EXPLAIN (VERBOSE, COSTS OFF) :string_agg;
:string_agg;
-- The settings: everything off, or one kind at a time.
SET warehouse_fdw.pushdown = off;
EXPLAIN (VERBOSE, COSTS OFF) :top;
:top;
RESET warehouse_fdw.pushdown;
SET warehouse_fdw.pushdown_aggregates = off;
EXPLAIN (VERBOSE, COSTS OFF) :left;
RESET warehouse_fdw.pushdown_aggregates;
SET warehouse_fdw.pushdown_joins = off;
EXPLAIN (VERBOSE, COSTS OFF) :semi;
RESET warehouse_fdw.pushdown_joins;
SET warehouse_fdw.pushdown_sort_limit = off;
EXPLAIN (VERBOSE, COSTS OFF) :top;
RESET warehouse_fdw.pushdown_sort_limit;

SET search_path = up_bq, public;
EXPLAIN (VERBOSE, COSTS OFF) :agg;
:agg;
EXPLAIN (VERBOSE, COSTS OFF) :filter;
:filter;
EXPLAIN (VERBOSE, COSTS OFF) :bool;
:bool;
EXPLAIN (VERBOSE, COSTS OFF) :dates;
:dates;
EXPLAIN (VERBOSE, COSTS OFF) :top;
:top;
EXPLAIN (VERBOSE, COSTS OFF) :join3;
:join3;
EXPLAIN (VERBOSE, COSTS OFF) :left;
:left;
EXPLAIN (VERBOSE, COSTS OFF) :full;
:full;
EXPLAIN (VERBOSE, COSTS OFF) :semi;
:semi;
EXPLAIN (VERBOSE, COSTS OFF) :anti;
:anti;
EXPLAIN (VERBOSE, COSTS OFF) :local_agg;
EXPLAIN (VERBOSE, COSTS OFF) :collation;
EXPLAIN (VERBOSE, COSTS OFF) :avg_int;
:avg_int;
EXPLAIN (VERBOSE, COSTS OFF) :text_order;
:text_order;
EXPLAIN (VERBOSE, COSTS OFF) :string_agg;
:string_agg;

SET search_path = up_sf, public;
EXPLAIN (VERBOSE, COSTS OFF) :agg;
:agg;
EXPLAIN (VERBOSE, COSTS OFF) :filter;
:filter;
EXPLAIN (VERBOSE, COSTS OFF) :bool;
:bool;
EXPLAIN (VERBOSE, COSTS OFF) :dates;
:dates;
EXPLAIN (VERBOSE, COSTS OFF) :top;
:top;
EXPLAIN (VERBOSE, COSTS OFF) :join3;
:join3;
EXPLAIN (VERBOSE, COSTS OFF) :left;
:left;
EXPLAIN (VERBOSE, COSTS OFF) :full;
:full;
EXPLAIN (VERBOSE, COSTS OFF) :semi;
:semi;
EXPLAIN (VERBOSE, COSTS OFF) :anti;
:anti;
EXPLAIN (VERBOSE, COSTS OFF) :local_agg;
EXPLAIN (VERBOSE, COSTS OFF) :collation;
EXPLAIN (VERBOSE, COSTS OFF) :avg_int;
:avg_int;
EXPLAIN (VERBOSE, COSTS OFF) :text_order;
:text_order;
EXPLAIN (VERBOSE, COSTS OFF) :string_agg;
:string_agg;

SET client_min_messages = warning;
DROP SERVER up_pg, up_bq, up_sf CASCADE;
DROP SCHEMA up_pg, up_bq, up_sf;
DROP TABLE up_local_tier;
