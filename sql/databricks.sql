-- Databricks provider against the local fake (tests/providers/databricks/databricks_fake.py):
-- options, personal access token and OAuth M2M auth, IMPORT from
-- information_schema (comments, every type), values read back exactly,
-- EXPLAIN with the Remote SQL (backticks, backslash escapes, NULLS
-- FIRST/LAST, joins, aggregates, LIMIT/OFFSET) and what stays local,
-- multi-chunk results, retried and polled statements, FAILED statements,
-- guardrails with price_per_dbu x dbus_per_tib, cancellation, secrets.
\getenv dbx_port WFDW_DBX_PORT
\set endpoint 'http://127.0.0.1:' :dbx_port
\! curl -s -X POST "http://127.0.0.1:$WFDW_DBX_PORT/_fake/reset"; echo
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS warehouse_fdw;
-- Runs a statement and reports its error: SQLSTATE, message, detail (with
-- the statement id masked), hint, and whether `secret` appears in any of them.
CREATE OR REPLACE FUNCTION dbx_error(stmt text, secret text DEFAULT NULL) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
  st text; msg text; det text; hin text;
BEGIN
  EXECUTE stmt;
  RETURN NEXT 'no error';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL,
                          hin = PG_EXCEPTION_HINT;
  RETURN NEXT 'sqlstate: ' || st;
  RETURN NEXT 'message:  ' || msg;
  IF det <> '' THEN
    RETURN NEXT 'detail:   ' || regexp_replace(det, 'statement [0-9a-f-]{20,}', 'statement <id>');
  END IF;
  IF hin <> '' THEN RETURN NEXT 'hint:     ' || hin; END IF;
  IF secret IS NOT NULL THEN
    RETURN NEXT CASE WHEN position(secret IN concat_ws(' ', msg, det, hin)) > 0 THEN 'SECRET LEAKED'
                     ELSE 'secret not shown' END;
  END IF;
END $$;
SET client_min_messages = notice;

-- Options are checked per provider.
CREATE SERVER dbx_bad FOREIGN DATA WRAPPER warehouse_fdw OPTIONS (provider 'databricks', project 'x');
CREATE SERVER dbx_bad FOREIGN DATA WRAPPER warehouse_fdw OPTIONS (provider 'databricks', max_parallel_downloads '0');
CREATE SERVER dbx_bad FOREIGN DATA WRAPPER warehouse_fdw OPTIONS (provider 'databricks', price_per_dbu '-1');
CREATE SERVER dbx_nowh FOREIGN DATA WRAPPER warehouse_fdw OPTIONS (provider 'databricks', endpoint :'endpoint');
CREATE USER MAPPING FOR CURRENT_USER SERVER dbx_nowh OPTIONS (token 'dapi-fake-token-0001');
SELECT warehouse_fdw_test_connection('dbx_nowh');
-- A warehouse that does not exist, a catalog that does not exist.
ALTER SERVER dbx_nowh OPTIONS (ADD warehouse_id 'no-such-warehouse');
SELECT * FROM dbx_error($$SELECT warehouse_fdw_test_connection('dbx_nowh')$$);
ALTER SERVER dbx_nowh OPTIONS (SET warehouse_id 'fake-warehouse-0001', ADD catalog 'hive_metastore');
SELECT * FROM dbx_error($$SELECT warehouse_fdw_test_connection('dbx_nowh')$$);
DROP SERVER dbx_nowh CASCADE;
CREATE SERVER dbx FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'databricks', endpoint :'endpoint', warehouse_id 'fake-warehouse-0001', catalog 'main',
           retry_base_delay '20ms', max_retries '3');

-- Auth. No credentials:
CREATE USER MAPPING FOR CURRENT_USER SERVER dbx;
SELECT * FROM dbx_error($$SELECT warehouse_fdw_test_connection('dbx')$$);
-- A token Databricks does not know (28000; the token is not in the error):
ALTER USER MAPPING FOR CURRENT_USER SERVER dbx OPTIONS (ADD token 'dapi-not-a-real-token-0123');
SELECT * FROM dbx_error($$SELECT warehouse_fdw_test_connection('dbx')$$, 'dapi-not-a-real-token-0123');
-- A valid token without access to the warehouse (42501):
ALTER USER MAPPING FOR CURRENT_USER SERVER dbx OPTIONS (SET token 'no-access-token');
SELECT * FROM dbx_error($$SELECT warehouse_fdw_test_connection('dbx')$$);
-- OAuth M2M: a wrong client secret (not shown), then the right one.
ALTER USER MAPPING FOR CURRENT_USER SERVER dbx
  OPTIONS (DROP token, ADD client_id 'fdw-client', ADD client_secret 'wrong-secret-4567');
SELECT * FROM dbx_error($$SELECT warehouse_fdw_test_connection('dbx')$$, 'wrong-secret-4567');
ALTER USER MAPPING FOR CURRENT_USER SERVER dbx OPTIONS (SET client_secret 'fdw-secret');
SELECT warehouse_fdw_test_connection('dbx');
-- The personal access token, used from here on.
ALTER USER MAPPING FOR CURRENT_USER SERVER dbx OPTIONS (DROP client_id, DROP client_secret, ADD token 'dapi-fake-token-0001');
SELECT warehouse_fdw_test_connection('dbx');

-- IMPORT reads <catalog>.information_schema: LIMIT TO, EXCEPT, comments.
CREATE SCHEMA dbx_pub;
IMPORT FOREIGN SCHEMA public LIMIT TO (actor, language, film_actor, no_such_table) FROM SERVER dbx INTO dbx_pub;
SELECT relname FROM pg_class WHERE relnamespace = 'dbx_pub'::regnamespace ORDER BY 1;
\d+ dbx_pub.language
CREATE SCHEMA dbx_pub2;
IMPORT FOREIGN SCHEMA public EXCEPT (actor, film, category) FROM SERVER dbx INTO dbx_pub2;
SELECT relname FROM pg_class WHERE relnamespace = 'dbx_pub2'::regnamespace
  AND relname IN ('actor', 'film', 'category', 'language', 'film_actor', 'customer') ORDER BY 1;
SET client_min_messages = warning;
DROP SCHEMA dbx_pub2 CASCADE;
SET client_min_messages = notice;
SELECT * FROM dbx_pub.actor WHERE actor_id <= 3 ORDER BY actor_id;
-- Schema sales: Unity Catalog's lower-case names, a name with a space,
-- views, table and column comments, and every type.
CREATE SCHEMA dbx;
IMPORT FOREIGN SCHEMA sales FROM SERVER dbx INTO dbx;
\d+ dbx.orders
\d+ dbx."line items"
\d+ dbx.all_types
SELECT c.relname, obj_description(c.oid, 'pg_class') FROM pg_class c
  WHERE c.relnamespace = 'dbx'::regnamespace ORDER BY 1;
-- No such schema (an empty result); upper case (Unity Catalog stores
-- lower case); IMPORT takes no options.
IMPORT FOREIGN SCHEMA no_such_schema FROM SERVER dbx INTO dbx;
IMPORT FOREIGN SCHEMA "SALES" FROM SERVER dbx INTO dbx;
IMPORT FOREIGN SCHEMA sales FROM SERVER dbx INTO dbx OPTIONS (import_not_null 'false');

-- Every type, decoded exactly: NULLs, NaN/±Infinity, -0, backslashes and
-- quotes, month ends, extreme integers and decimals, TIMESTAMP (an instant)
-- and TIMESTAMP_NTZ, BINARY (base64 on the wire), ARRAY/MAP/STRUCT as jsonb.
SET timezone = 'UTC';
SELECT id, small, big, amount, wide, f, r, flag FROM dbx.all_types ORDER BY id;
SELECT id, s, length(s), b, d, ts, ntz, iv FROM dbx.all_types ORDER BY id;
SELECT id, arr, tags, st, m, st -> 'b' AS st_b FROM dbx.all_types ORDER BY id;
SELECT id, f::text, r::text, f = 0 AS zero FROM dbx.all_types WHERE f = 0;
SET timezone = 'America/New_York';
SELECT id, ts, ntz FROM dbx.all_types WHERE id IN (1, 2) ORDER BY id;
SET timezone = 'UTC';

-- EXPLAIN: filters in Databricks SQL, literals with backslash escapes
-- (both ' and \ escaped), typed CASTs, IN lists.
EXPLAIN (VERBOSE, COSTS OFF)
  SELECT o_orderkey, o_totalprice FROM dbx.orders
  WHERE o_status IN ('O', 'F') AND o_comment = 'it''s \ urgent' AND o_orderdate BETWEEN '1996-02-01' AND '1996-02-29';
SELECT o_orderkey, o_totalprice FROM dbx.orders
  WHERE o_status IN ('O', 'F') AND o_comment = 'it''s \ urgent' AND o_orderdate BETWEEN '1996-02-01' AND '1996-02-29'
  ORDER BY 1 LIMIT 5;
-- LIKE: a backslash escapes in both.
EXPLAIN (VERBOSE, COSTS OFF)
  SELECT count(*) FROM dbx.orders WHERE o_comment LIKE 'it''s \\%' AND o_comment NOT LIKE '%\_%';
SELECT count(*) FROM dbx.orders WHERE o_comment LIKE 'it''s \\%' AND o_comment NOT LIKE '%\_%';
-- Doubles: NaN and infinities as typed strings; -0 kept.
EXPLAIN (VERBOSE, COSTS OFF)
  SELECT id FROM dbx.all_types WHERE f = 'NaN' OR f = '-Infinity' OR f = '-0' OR f > 1e19;
SELECT id FROM dbx.all_types WHERE f = 'NaN' OR f = '-Infinity' OR f = '-0' OR f > 1e19 ORDER BY id;
-- TIMESTAMP vs TIMESTAMP_NTZ constants; date arithmetic; functions.
EXPLAIN (VERBOSE, COSTS OFF)
  SELECT id FROM dbx.all_types WHERE ts >= '2024-02-29 13:45:00.123+00' AND ntz < '2100-01-01' AND d + 1 = '2024-03-01';
SELECT id FROM dbx.all_types WHERE ts >= '2024-02-29 13:45:00.123+00' AND ntz < '2100-01-01' AND d + 1 = '2024-03-01';
EXPLAIN (VERBOSE, COSTS OFF)
  SELECT o_orderkey FROM dbx.orders
  WHERE length(o_comment) > 7 AND extract(year FROM o_orderdate) = 1996 AND o_custkey % 50 = 11 AND o_custkey / 4 = 2
  ORDER BY 1 LIMIT 4;
SELECT o_orderkey FROM dbx.orders
  WHERE length(o_comment) > 7 AND extract(year FROM o_orderdate) = 1996 AND o_custkey % 50 = 11 AND o_custkey / 4 = 2
  ORDER BY 1 LIMIT 4;
-- Backticks: a name with a space, and one with a backtick (doubled).
CREATE FOREIGN TABLE dbx.tick ("we`ird" integer) SERVER dbx
  OPTIONS (schema_name 'sales', table_name 'we`ird table', use_remote_estimate 'false');
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM dbx.tick WHERE "we`ird" > 0;
SELECT * FROM dbx_error('SELECT * FROM dbx.tick');
EXPLAIN (VERBOSE, COSTS OFF)
  SELECT "order key", line, "ship mode" FROM dbx."line items" WHERE "ship mode" IS NULL AND "order key" < 3;
SELECT "order key", line, "ship mode" FROM dbx."line items" WHERE "ship mode" IS NULL AND "order key" < 3 ORDER BY 1, 2;

-- ORDER BY: Databricks' defaults differ (ASC NULLS FIRST), so NULLS FIRST/LAST
-- is always spelled; LIMIT/OFFSET when every qual is remote.
EXPLAIN (VERBOSE, COSTS OFF)
  SELECT o_orderkey, o_totalprice FROM dbx.orders WHERE o_custkey = 7 ORDER BY o_totalprice DESC NULLS LAST, o_orderkey LIMIT 3 OFFSET 1;
SELECT o_orderkey, o_totalprice FROM dbx.orders WHERE o_custkey = 7 ORDER BY o_totalprice DESC NULLS LAST, o_orderkey LIMIT 3 OFFSET 1;
EXPLAIN (VERBOSE, COSTS OFF)
  SELECT o_orderkey, o_totalprice FROM dbx.orders WHERE o_custkey = 7 ORDER BY o_totalprice NULLS FIRST, o_orderkey LIMIT 3;
SELECT o_orderkey, o_totalprice FROM dbx.orders WHERE o_custkey = 7 ORDER BY o_totalprice NULLS FIRST, o_orderkey LIMIT 3;
EXPLAIN (VERBOSE, COSTS OFF)
  SELECT o_orderkey, o_totalprice FROM dbx.orders WHERE o_custkey = 7 ORDER BY o_totalprice DESC, o_orderkey DESC LIMIT 3;
SELECT o_orderkey, o_totalprice FROM dbx.orders WHERE o_custkey = 7 ORDER BY o_totalprice DESC, o_orderkey DESC LIMIT 3;
-- OFFSET alone (valid in Databricks SQL).
EXPLAIN (VERBOSE, COSTS OFF) SELECT o_orderkey FROM dbx.orders WHERE o_custkey = 7 ORDER BY o_orderkey OFFSET 164;
SELECT o_orderkey FROM dbx.orders WHERE o_custkey = 7 ORDER BY o_orderkey OFFSET 164;

-- Aggregates: grouped, HAVING, count(*), count(DISTINCT).
EXPLAIN (VERBOSE, COSTS OFF)
  SELECT o_status, count(*), count(o_totalprice), min(o_orderdate), max(o_orderdate), sum(o_custkey)
  FROM dbx.orders GROUP BY o_status HAVING count(*) > 8333;
SELECT o_status, count(*), count(o_totalprice), min(o_orderdate), max(o_orderdate), sum(o_custkey)
  FROM dbx.orders GROUP BY o_status HAVING count(*) > 8333 ORDER BY 1;
-- SUM of a DECIMAL(12,2) is a DECIMAL(22,2) in Databricks: same digits.
EXPLAIN (VERBOSE, COSTS OFF) SELECT o_status, sum(o_totalprice) FROM dbx.orders GROUP BY o_status;
SELECT o_status, sum(o_totalprice) FROM dbx.orders GROUP BY o_status ORDER BY 1;
EXPLAIN (VERBOSE, COSTS OFF) SELECT count(*), count(DISTINCT o_custkey) FROM dbx.orders WHERE o_status = 'P';
SELECT count(*), count(DISTINCT o_custkey) FROM dbx.orders WHERE o_status = 'P';
-- avg of a DECIMAL has another scale in Databricks: computed here.
EXPLAIN (VERBOSE, COSTS OFF) SELECT avg(o_totalprice) FROM dbx.orders;
SELECT avg(o_totalprice) FROM dbx.orders;

-- Joins: inner (planner forced to consider it), semi, anti.
SET enable_hashjoin = off; SET enable_mergejoin = off;
EXPLAIN (VERBOSE, COSTS OFF)
  SELECT o.o_orderkey, l.line, l."ship mode" FROM dbx.orders o JOIN dbx."line items" l ON l."order key" = o.o_orderkey
  WHERE o.o_orderkey < 3;
SELECT o.o_orderkey, l.line, l."ship mode" FROM dbx.orders o JOIN dbx."line items" l ON l."order key" = o.o_orderkey
  WHERE o.o_orderkey < 3 ORDER BY 1, 2;
EXPLAIN (VERBOSE, COSTS OFF)
  SELECT count(*) FROM dbx.orders o WHERE EXISTS (SELECT 1 FROM dbx."line items" l WHERE l."order key" = o.o_orderkey AND l."ship mode" = 'AIR');
SELECT count(*) FROM dbx.orders o WHERE EXISTS (SELECT 1 FROM dbx."line items" l WHERE l."order key" = o.o_orderkey AND l."ship mode" = 'AIR');
EXPLAIN (VERBOSE, COSTS OFF)
  SELECT o.o_orderkey FROM dbx.orders o WHERE NOT EXISTS (SELECT 1 FROM dbx."line items" l WHERE l."order key" = o.o_orderkey)
  ORDER BY 1 LIMIT 2;
SELECT o.o_orderkey FROM dbx.orders o WHERE NOT EXISTS (SELECT 1 FROM dbx."line items" l WHERE l."order key" = o.o_orderkey)
  ORDER BY 1 LIMIT 2;
-- A join with a local table: typed named parameters (:p1 ...).
CREATE TEMP TABLE wanted (d date, c integer, label text);
INSERT INTO wanted VALUES ('1995-01-11', 11, 'it''s \ urgent'), ('1995-01-08', 8, 'regular');
ANALYZE wanted;
EXPLAIN (VERBOSE, COSTS OFF)
  SELECT w.c, count(*), min(o.o_orderkey), max(o.o_orderkey) FROM wanted w
  JOIN dbx.orders o ON o.o_orderdate = w.d AND o.o_custkey = w.c AND o.o_comment = w.label GROUP BY w.c;
SELECT w.c, count(*), min(o.o_orderkey), max(o.o_orderkey) FROM wanted w
  JOIN dbx.orders o ON o.o_orderdate = w.d AND o.o_custkey = w.c AND o.o_comment = w.label GROUP BY w.c ORDER BY 1;
\! curl -s "http://127.0.0.1:$WFDW_DBX_PORT/_fake/state" | /usr/bin/python3 -c 'import json,sys; l=json.load(sys.stdin)["last_statement"]; print(l["parameters"]); print(l["warehouse_id"], l["catalog"], l["disposition"], l["format"])'
RESET enable_hashjoin; RESET enable_mergejoin;
-- A correlated subquery: a parameterized aggregate per outer row (a NULL
-- parameter too).
CREATE TEMP TABLE custs (c integer);
INSERT INTO custs VALUES (1), (2), (NULL), (151);
SELECT c, (SELECT count(*) FROM dbx.orders o WHERE o.o_custkey = custs.c) AS n,
       (SELECT max(o_orderkey) FROM dbx.orders o WHERE o.o_custkey = custs.c AND o.o_comment = 'regular') AS last_regular
  FROM custs ORDER BY c;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF)
  SELECT c, (SELECT count(*) FROM dbx.orders o WHERE o.o_custkey = custs.c) FROM custs;
-- numeric parameters go as DECIMAL(p,s) of their digits (a STRING would be
-- compared as a DOUBLE: ...7891 would match ...7890), NaN as a DOUBLE.
CREATE TEMP TABLE amounts (a numeric(20,4));
INSERT INTO amounts VALUES ('NaN'), (1234567890123456.7891), (1234567890123456.7890), (-0.0001);
SELECT a, (SELECT count(*) FROM dbx.all_types t WHERE t.amount = amounts.a) AS equal,
       (SELECT count(*) FROM dbx.all_types t WHERE t.amount < amounts.a) AS below FROM amounts ORDER BY a;
\! curl -s "http://127.0.0.1:$WFDW_DBX_PORT/_fake/state" | /usr/bin/python3 -c 'import json,sys; l=json.load(sys.stdin)["last_statement"]; print(l["statement"]); print(l["parameters"])'

-- Kept local: text ordering and comparisons under a non-C collation (the
-- database's C.UTF-8 is not "C"; Databricks compares UTF-8 bytes), ICU
-- collations, numeric division (another result scale), bytea constants
-- (CAST('\x..' AS BINARY) is the string's bytes in Databricks), jsonb,
-- real (FLOAT) constants and sums.
EXPLAIN (VERBOSE, COSTS OFF) SELECT id, s FROM dbx.all_types WHERE s > 'p' ORDER BY s;
SELECT id, s FROM dbx.all_types WHERE s > 'p' ORDER BY s;
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM dbx.all_types ORDER BY s COLLATE "und-x-icu" NULLS FIRST, id;
SELECT id FROM dbx.all_types ORDER BY s COLLATE "und-x-icu" NULLS FIRST, id;
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM dbx.all_types WHERE amount / 3 > 1 AND b = '\xdeadbeef' AND st ->> 'b' = 'it''s';
SELECT id FROM dbx.all_types WHERE amount / 3 > 1 AND b = '\xdeadbeef' AND st ->> 'b' = 'it''s';
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM dbx.all_types WHERE r = '-Infinity';
SELECT id FROM dbx.all_types WHERE r = '-Infinity';
-- sum(real) adds in single precision here, in a DOUBLE in Databricks.
EXPLAIN (VERBOSE, COSTS OFF) SELECT sum(r) FROM dbx.all_types WHERE id IN (1, 4);
SELECT sum(r) FROM dbx.all_types WHERE id IN (1, 4);
-- A local qual keeps LIMIT local too.
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM dbx.all_types WHERE wide / 2 > 0 ORDER BY id LIMIT 1;
SELECT id FROM dbx.all_types WHERE wide / 2 > 0 ORDER BY id LIMIT 1;

-- A failed statement: the view divides by zero. Databricks' error class,
-- message and SQLSTATE 22012 reach the client.
SELECT * FROM dbx_error('SELECT * FROM dbx.bad_ratio');
SELECT * FROM dbx_error('SELECT count(*) FROM dbx.bad_ratio WHERE ratio > 0');
-- Describing such a view runs nothing: a decimal whose values cannot be
-- computed is Spark's default DECIMAL(38,18).
\d dbx.bad_ratio
-- A table that does not exist (42P01).
CREATE FOREIGN TABLE dbx.gone (x bigint) SERVER dbx OPTIONS (schema_name 'sales', table_name 'no_such_table');
SELECT * FROM dbx_error('SELECT * FROM dbx.gone');
-- An injected internal failure (no SQLSTATE mapping: HV000).
ALTER FOREIGN TABLE dbx."line items" OPTIONS (ADD use_remote_estimate 'false');
\! curl -s -X POST "http://127.0.0.1:$WFDW_DBX_PORT/_fake/faults" -d '[{"kind":"fail_statement","count":1}]'; echo
SELECT * FROM dbx_error('SELECT count(*) FROM dbx."line items"');

-- A multi-chunk result (the fake makes 10000-row chunks) arrives complete
-- and in the table's order, with chunk 1 slowed down so that chunk 2 is
-- downloaded first. Plan-time estimates are off so that every injected
-- fault meets the scan; the counts are computed here.
ALTER FOREIGN TABLE dbx.orders OPTIONS (ADD use_remote_estimate 'false');
SET warehouse_fdw.pushdown_aggregates = off;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT * FROM dbx.orders;
\! curl -s -X POST "http://127.0.0.1:$WFDW_DBX_PORT/_fake/faults" -d '[{"kind":"slow_chunk","chunk":1,"seconds":1,"count":1}]'; echo
SELECT count(*) AS n, bool_and(k = rn) AS in_order
  FROM (SELECT k, row_number() OVER () AS rn FROM (SELECT o_orderkey AS k FROM dbx.orders) s) t;
-- 429 on submit, 503 on a poll and twice on chunks, two PENDING/RUNNING
-- polls: retried and waited for, the rows complete.
\! curl -s -X POST "http://127.0.0.1:$WFDW_DBX_PORT/_fake/reset" >/dev/null
\! curl -s -X POST "http://127.0.0.1:$WFDW_DBX_PORT/_fake/faults" -d '[{"kind":"http","status":429,"on":"submit","count":1},{"kind":"http","status":503,"on":"status","count":1},{"kind":"http","status":503,"on":"chunk","count":2},{"kind":"pending_polls","polls":2,"count":1}]'; echo
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT * FROM dbx.orders;
\! curl -s "http://127.0.0.1:$WFDW_DBX_PORT/_fake/state" | /usr/bin/python3 -c 'import json,sys; s=json.load(sys.stdin); print("statements", s["statements"], "polls >= 3:", s["polls"] >= 3, "chunk fetches", s["chunk_fetches"])'
SELECT count(*), count(DISTINCT o_orderkey), sum(o_orderkey) FROM dbx.orders;
ALTER SERVER dbx OPTIONS (ADD max_parallel_downloads '1');
SELECT count(*), count(DISTINCT o_orderkey), sum(o_orderkey) FROM dbx.orders;
ALTER SERVER dbx OPTIONS (DROP max_parallel_downloads);
-- A fault that does not go away is reported after max_retries.
\! curl -s -X POST "http://127.0.0.1:$WFDW_DBX_PORT/_fake/faults" -d '[{"kind":"http","status":503,"on":"chunk","count":50}]'; echo
SELECT * FROM dbx_error('SELECT count(*) FROM dbx.orders');
RESET warehouse_fdw.pushdown_aggregates;
\! curl -s -X POST "http://127.0.0.1:$WFDW_DBX_PORT/_fake/reset"; echo
ALTER FOREIGN TABLE dbx.orders OPTIONS (DROP use_remote_estimate);

-- Cancellation: statement_timeout stops the wait (57014) and cancels the
-- statement on the warehouse.
\! curl -s -X POST "http://127.0.0.1:$WFDW_DBX_PORT/_fake/faults" -d '[{"kind":"slow_statement","seconds":30,"count":1}]'; echo
SET statement_timeout = '1s';
\set VERBOSITY sqlstate
SELECT count(*) FROM dbx."line items";
\set VERBOSITY default
RESET statement_timeout;
\! curl -s "http://127.0.0.1:$WFDW_DBX_PORT/_fake/state" | /usr/bin/python3 -c 'import json,sys; s=json.load(sys.stdin); print("cancels", s["cancels"], "canceled", len(s["canceled"]))'
-- The connection still works.
SELECT count(*) FROM dbx."line items";
ALTER FOREIGN TABLE dbx."line items" OPTIONS (DROP use_remote_estimate);

-- Guardrails: with a price per DBU and DBUs per TiB, EXPLAIN shows the
-- estimated bytes (EXPLAIN COST's sizeInBytes) and dollars; a scan above
-- max_cost_usd is refused before anything runs, warn_cost_usd notices.
ALTER SERVER dbx OPTIONS (ADD price_per_dbu '0.7', ADD dbus_per_tib '1000000');
EXPLAIN (COSTS OFF) SELECT * FROM dbx.orders;
EXPLAIN (VERBOSE, COSTS OFF) SELECT o_orderkey FROM dbx.orders WHERE o_orderkey < 100;
SELECT * FROM warehouse_fdw_estimate('dbx', 'SELECT * FROM main.sales.orders');
ALTER USER MAPPING FOR CURRENT_USER SERVER dbx OPTIONS (ADD max_cost_usd '0.1');
SELECT * FROM warehouse_fdw_estimate('dbx', 'SELECT * FROM main.sales.orders');
\! curl -s -X POST "http://127.0.0.1:$WFDW_DBX_PORT/_fake/reset" >/dev/null
SELECT * FROM dbx.orders;
-- Refused before the statement ran: only EXPLAIN COST reached the warehouse.
\! curl -s "http://127.0.0.1:$WFDW_DBX_PORT/_fake/state" | /usr/bin/python3 -c 'import json,sys; s=json.load(sys.stdin); print("statements run", s["statements"] - s["explains"])'
SELECT o_orderkey, o_comment FROM dbx.orders WHERE o_orderkey < 3 ORDER BY 1;
ALTER USER MAPPING FOR CURRENT_USER SERVER dbx OPTIONS (DROP max_cost_usd, ADD warn_cost_usd '0.1');
SELECT o_orderkey FROM dbx.orders ORDER BY o_orderkey LIMIT 2;
SELECT * FROM warehouse_fdw_estimate('dbx', 'SELECT * FROM main.sales.orders');
ALTER USER MAPPING FOR CURRENT_USER SERVER dbx OPTIONS (DROP warn_cost_usd);
ALTER SERVER dbx OPTIONS (DROP price_per_dbu, DROP dbus_per_tib);
SELECT * FROM warehouse_fdw_estimate('dbx', 'SELECT o_orderkey FROM `main`.`sales`.`orders` WHERE o_orderkey < 100');
SELECT * FROM warehouse_fdw_estimate('dbx', 'SELEC 1');
SELECT * FROM dbx_error($$SELECT * FROM warehouse_fdw_estimate('dbx', 'SELECT * FROM main.sales.nope')$$);

-- OAuth M2M in scans: one token for several statements, renewed when
-- Databricks says it expired; secrets never in EXPLAIN.
CREATE SERVER dbx_oauth FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'databricks', endpoint :'endpoint', warehouse_id 'fake-warehouse-0001', catalog 'main');
CREATE USER MAPPING FOR CURRENT_USER SERVER dbx_oauth OPTIONS (client_id 'fdw-client', client_secret 'fdw-secret');
CREATE FOREIGN TABLE dbx.lang_oauth (language_id integer, name text)
  SERVER dbx_oauth OPTIONS (schema_name 'public', table_name 'language');
-- (The token of the test_connection above expires first.)
\! curl -s -X POST "http://127.0.0.1:$WFDW_DBX_PORT/_fake/expire_tokens" >/dev/null
\! curl -s -X POST "http://127.0.0.1:$WFDW_DBX_PORT/_fake/reset" >/dev/null
SELECT * FROM dbx.lang_oauth ORDER BY 1 LIMIT 2;
SELECT count(*) FROM dbx.lang_oauth;
\! curl -s "http://127.0.0.1:$WFDW_DBX_PORT/_fake/state" | /usr/bin/python3 -c 'import json,sys; s=json.load(sys.stdin); print("tokens issued", s["tokens_issued"])'
\! curl -s -X POST "http://127.0.0.1:$WFDW_DBX_PORT/_fake/expire_tokens"; echo
SELECT * FROM dbx.lang_oauth WHERE language_id = 3;
\! curl -s "http://127.0.0.1:$WFDW_DBX_PORT/_fake/state" | /usr/bin/python3 -c 'import json,sys; s=json.load(sys.stdin); print("tokens issued", s["tokens_issued"])'
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM dbx.lang_oauth;

-- A non-superuser: cannot point a server elsewhere (endpoint), may use a
-- server with USAGE and its own mapping, and warehouse_fdw_estimate once
-- granted.
CREATE ROLE regress_dbx_user;
GRANT USAGE ON FOREIGN DATA WRAPPER warehouse_fdw TO regress_dbx_user;
GRANT USAGE ON FOREIGN SERVER dbx TO regress_dbx_user;
GRANT USAGE ON SCHEMA dbx TO regress_dbx_user;
GRANT SELECT ON dbx.orders TO regress_dbx_user;
SET ROLE regress_dbx_user;
CREATE SERVER dbx_user FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'databricks', endpoint 'http://127.0.0.1:1', warehouse_id 'fake-warehouse-0001');
ALTER SERVER dbx OPTIONS (SET endpoint 'http://127.0.0.1:1');
CREATE USER MAPPING FOR CURRENT_USER SERVER dbx OPTIONS (token 'dapi-fake-token-0001');
SELECT o_orderkey, o_status FROM dbx.orders WHERE o_orderkey = 42;
SELECT * FROM warehouse_fdw_estimate('dbx', 'SELECT 1');
RESET ROLE;
GRANT EXECUTE ON FUNCTION warehouse_fdw_estimate(text, text) TO regress_dbx_user;
SET ROLE regress_dbx_user;
SELECT bytes_processed > 0 AS estimated FROM warehouse_fdw_estimate('dbx', 'SELECT o_orderkey FROM main.sales.orders');
RESET ROLE;

-- Clean up.
SET client_min_messages = warning;
DROP SCHEMA dbx, dbx_pub CASCADE;
DROP SERVER dbx, dbx_oauth CASCADE;
DROP OWNED BY regress_dbx_user;
DROP ROLE regress_dbx_user;
DROP FUNCTION dbx_error(text, text);
RESET client_min_messages;
