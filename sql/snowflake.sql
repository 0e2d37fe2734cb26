-- Snowflake provider against the local fake (tests/providers/snowflake/snowflake_fake.py):
-- options, key-pair, OAuth (token, refresh token) and programmatic access token auth, IMPORT (mixed-case and spaced names,
-- comments), every type, EXPLAIN with partitions/bytes/credits, Remote SQL,
-- bindings, guardrails, errors, faults, partitions in order, cancellation.
\getenv sf_port WFDW_SF_PORT
\getenv key_file WFDW_SF_KEY_FILE
\getenv enc_key_file WFDW_SF_ENC_KEY_FILE
\getenv rogue_file WFDW_SF_ROGUE_KEY_FILE
\set key `cat :key_file`
\set enc_key `cat :enc_key_file`
\set rogue `cat :rogue_file`
\set endpoint 'http://127.0.0.1:' :sf_port
\! curl -s -X POST "http://127.0.0.1:$WFDW_SF_PORT/_fake/reset"; echo
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS warehouse_fdw;
SET client_min_messages = notice;

-- Options are checked per provider.
CREATE SERVER sf_bad FOREIGN DATA WRAPPER warehouse_fdw OPTIONS (provider 'snowflake', project 'x');
CREATE SERVER sf_bad FOREIGN DATA WRAPPER warehouse_fdw OPTIONS (provider 'snowflake', max_parallel_downloads '0');
CREATE SERVER sf_noacct FOREIGN DATA WRAPPER warehouse_fdw OPTIONS (provider 'snowflake', endpoint :'endpoint');
CREATE USER MAPPING FOR CURRENT_USER SERVER sf_noacct OPTIONS (oauth_token 'test-oauth-1');
SELECT warehouse_fdw_test_connection('sf_noacct');
DROP SERVER sf_noacct CASCADE;
CREATE SERVER sf FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'snowflake', account 'myorg-myacct', warehouse 'ANALYTICS_WH', database 'SALES',
           schema 'PUBLIC', role 'ANALYST', endpoint :'endpoint', retry_base_delay '20ms', max_retries '3');

-- Auth. No credentials:
CREATE USER MAPPING FOR CURRENT_USER SERVER sf;
SELECT warehouse_fdw_test_connection('sf');
-- A key without a user:
ALTER USER MAPPING FOR CURRENT_USER SERVER sf OPTIONS (ADD private_key :'key');
SELECT warehouse_fdw_test_connection('sf');
-- A key pair Snowflake does not know for the user (the key never appears in errors):
ALTER USER MAPPING FOR CURRENT_USER SERVER sf OPTIONS (SET private_key :'rogue', ADD user 'etl_reader');
SELECT warehouse_fdw_test_connection('sf');
-- The registered key for another user:
ALTER USER MAPPING FOR CURRENT_USER SERVER sf OPTIONS (SET private_key :'key', SET user 'someone_else');
SELECT warehouse_fdw_test_connection('sf');
-- The encrypted copy of the registered key, with a wrong and then the right passphrase:
ALTER USER MAPPING FOR CURRENT_USER SERVER sf
  OPTIONS (SET private_key :'enc_key', SET user 'etl_reader', ADD private_key_passphrase 'wrong');
SELECT warehouse_fdw_test_connection('sf');
ALTER USER MAPPING FOR CURRENT_USER SERVER sf OPTIONS (SET private_key_passphrase 'fdw-pass');
SELECT warehouse_fdw_test_connection('sf');
-- OAuth: an unknown token, then a valid one.
ALTER USER MAPPING FOR CURRENT_USER SERVER sf
  OPTIONS (DROP private_key, DROP private_key_passphrase, DROP user, ADD oauth_token 'not-a-token');
SELECT warehouse_fdw_test_connection('sf');
ALTER USER MAPPING FOR CURRENT_USER SERVER sf OPTIONS (SET oauth_token 'test-oauth-1');
SELECT warehouse_fdw_test_connection('sf');
-- A programmatic access token: a wrong one (the token is never shown), then
-- a valid one.
ALTER USER MAPPING FOR CURRENT_USER SERVER sf
  OPTIONS (DROP oauth_token, ADD programmatic_access_token 'sf-pat-wrong-0002');
SELECT warehouse_fdw_test_connection('sf');
ALTER USER MAPPING FOR CURRENT_USER SERVER sf OPTIONS (SET programmatic_access_token 'sf-pat-0001');
SELECT warehouse_fdw_test_connection('sf');
-- OAuth with a refresh token: access tokens are obtained at the account's
-- /oauth/token-request and cached until shortly before they expire (two
-- uses, one token request); a stale refresh token is a clear error.
\! curl -s -X POST "http://127.0.0.1:$WFDW_SF_PORT/_fake/reset"; echo
ALTER USER MAPPING FOR CURRENT_USER SERVER sf OPTIONS (DROP programmatic_access_token,
  ADD oauth_client_id 'sf-client', ADD oauth_client_secret 'sf-secret', ADD oauth_refresh_token 'sf-refresh-0001');
SELECT warehouse_fdw_test_connection('sf');
SELECT warehouse_fdw_test_connection('sf');
\! curl -s "http://127.0.0.1:$WFDW_SF_PORT/_fake/state" | /usr/bin/python3 -c 'import json,sys; print("token requests:", json.load(sys.stdin)["token_requests"])'
ALTER USER MAPPING FOR CURRENT_USER SERVER sf OPTIONS (SET oauth_refresh_token 'sf-refresh-stale');
SELECT warehouse_fdw_test_connection('sf');
-- The plain key pair, used from here on.
ALTER USER MAPPING FOR CURRENT_USER SERVER sf OPTIONS (DROP oauth_client_id, DROP oauth_client_secret,
  DROP oauth_refresh_token, ADD user 'etl_reader', ADD private_key :'key');
SELECT warehouse_fdw_test_connection('sf');
-- A role the user does not have.
ALTER SERVER sf OPTIONS (SET role 'ACCOUNTADMIN');
SELECT warehouse_fdw_test_connection('sf');
ALTER SERVER sf OPTIONS (SET role 'ANALYST');

-- IMPORT keeps Snowflake's names: upper case unless created quoted, spaces too.
CREATE SCHEMA sf;
IMPORT FOREIGN SCHEMA "PUBLIC" LIMIT TO ("ORDERS", "Line Items", "ALL_TYPES", "OPEN_ORDERS") FROM SERVER sf INTO sf;
\d sf."ORDERS"
\d sf."Line Items"
\d sf."ALL_TYPES"
SELECT c.relname, obj_description(c.oid, 'pg_class') FROM pg_class c
  WHERE c.relnamespace = 'sf'::regnamespace ORDER BY 1;
SELECT col_description('sf."ORDERS"'::regclass, 4);
CREATE SCHEMA sf_mixed;
IMPORT FOREIGN SCHEMA "Mixed Case" FROM SERVER sf INTO sf_mixed;
SELECT * FROM sf_mixed.tiny ORDER BY k;
IMPORT FOREIGN SCHEMA public FROM SERVER sf INTO sf_mixed;
IMPORT FOREIGN SCHEMA "PUBLIC" FROM SERVER sf INTO sf_mixed OPTIONS (import_not_null 'false');

-- Every type, decoded exactly (TIMESTAMP_TZ values carry a +01:00 offset).
SET timezone = 'UTC';
SELECT * FROM sf."ALL_TYPES" ORDER BY "ID";
SELECT "ID", "F" FROM sf."ALL_TYPES" WHERE "F" = 'NaN' OR "F" = 'Infinity' ORDER BY "ID";

-- EXPLAIN: Remote SQL, micro-partitions and bytes assigned.
EXPLAIN (VERBOSE, COSTS OFF)
  SELECT "O_ORDERKEY", "O_TOTALPRICE" FROM sf."ORDERS" WHERE "O_STATUS" IN ('O', 'F') AND "O_COMMENT" LIKE 'it''s%';
SELECT count(*), sum("O_TOTALPRICE") FROM sf."ORDERS" WHERE "O_STATUS" IN ('O', 'F') AND "O_COMMENT" LIKE 'it''s%';
-- Backslashes and quotes in literals, ILIKE, regex (a search, as ~ is), NOT IN.
EXPLAIN (VERBOSE, COSTS OFF)
  SELECT count(*) FROM sf."ORDERS" WHERE "O_COMMENT" = 'it''s \ urgent' AND "O_STATUS" ILIKE 'o' AND "O_COMMENT" ~ 'urg' AND "O_STATUS" NOT IN ('F', 'P');
SELECT count(*) FROM sf."ORDERS" WHERE "O_COMMENT" = 'it''s \ urgent' AND "O_STATUS" ILIKE 'o' AND "O_COMMENT" ~ 'urg' AND "O_STATUS" NOT IN ('F', 'P');
-- ORDER BY with explicit NULLS, LIMIT/OFFSET when every qual is remote.
EXPLAIN (VERBOSE, COSTS OFF)
  SELECT "O_ORDERKEY", "O_TOTALPRICE" FROM sf."ORDERS" WHERE "O_CUSTKEY" = 7 ORDER BY "O_TOTALPRICE" DESC NULLS LAST, "O_ORDERKEY" LIMIT 3 OFFSET 1;
SELECT "O_ORDERKEY", "O_TOTALPRICE" FROM sf."ORDERS" WHERE "O_CUSTKEY" = 7 ORDER BY "O_TOTALPRICE" DESC NULLS LAST, "O_ORDERKEY" LIMIT 3 OFFSET 1;
-- Kept local: integer division (Snowflake's / is decimal), timestamptz
-- comparisons (session time zone semantics); LIMIT then stays local too.
EXPLAIN (VERBOSE, COSTS OFF)
  SELECT "ID" FROM sf."ALL_TYPES" WHERE "SMALL" / 2 = 0 AND "LTZ" > '2000-01-01' LIMIT 1;
SELECT "ID" FROM sf."ALL_TYPES" WHERE "SMALL" / 2 = 0 AND "LTZ" > '2000-01-01' LIMIT 1;
SELECT "Order Key", "Line", "Quantity", "Ship Mode" FROM sf."Line Items" WHERE "Ship Mode" IS NULL ORDER BY 1, 2 LIMIT 3;

-- A join with a local table runs Snowflake with typed bindings (DATE as
-- epoch milliseconds, NUMBER as FIXED).
CREATE TEMP TABLE wanted (d date, c bigint);
INSERT INTO wanted VALUES ('1995-01-08', 8), ('1997-06-19', 3);
ANALYZE wanted;
SET enable_hashjoin = off; SET enable_mergejoin = off;
EXPLAIN (VERBOSE, COSTS OFF)
  SELECT o."O_ORDERKEY" FROM wanted w JOIN sf."ORDERS" o ON o."O_ORDERDATE" = w.d AND o."O_CUSTKEY" = w.c;
SELECT o."O_ORDERKEY" FROM wanted w JOIN sf."ORDERS" o ON o."O_ORDERDATE" = w.d AND o."O_CUSTKEY" = w.c ORDER BY 1;
RESET enable_hashjoin; RESET enable_mergejoin;
\! curl -s "http://127.0.0.1:$WFDW_SF_PORT/_fake/state" | /usr/bin/python3 -c 'import json,sys; l=json.load(sys.stdin)["last"]; print(l["bindings"]); print(l["query_tag"], l["warehouse"], l["role"])'

-- Guardrails: with a price per credit and credits per TiB, EXPLAIN shows
-- credits and dollars, and a scan above max_cost_usd is refused before the
-- warehouse resumes.
ALTER SERVER sf OPTIONS (ADD price_per_credit '3', ADD credits_per_tib '50000');
EXPLAIN (COSTS OFF) SELECT * FROM sf."ORDERS";
SELECT * FROM warehouse_fdw_estimate('sf', 'SELECT * FROM "PUBLIC"."ORDERS"');
ALTER USER MAPPING FOR CURRENT_USER SERVER sf OPTIONS (ADD max_cost_usd '0.005');
SELECT "O_ORDERKEY", "O_COMMENT" FROM sf."ORDERS" WHERE "O_ORDERKEY" < 3;
-- count(*) needs no column: nothing assigned, nothing refused.
SELECT count(*) FROM sf."ORDERS";
ALTER USER MAPPING FOR CURRENT_USER SERVER sf OPTIONS (DROP max_cost_usd, ADD warn_cost_usd '0.005');
SELECT "O_ORDERKEY", "O_COMMENT" FROM sf."ORDERS" WHERE "O_ORDERKEY" < 3;
ALTER USER MAPPING FOR CURRENT_USER SERVER sf OPTIONS (DROP warn_cost_usd);
ALTER SERVER sf OPTIONS (DROP price_per_credit, DROP credits_per_tib);
SELECT * FROM warehouse_fdw_estimate('sf', 'SELECT "O_ORDERKEY" FROM "PUBLIC"."ORDERS"');

-- Errors carry Snowflake's code and SQL state.
CREATE FOREIGN TABLE sf.gone (x bigint) SERVER sf OPTIONS (schema_name 'PUBLIC', table_name 'NO_SUCH_TABLE');
SELECT * FROM sf.gone;
SELECT * FROM warehouse_fdw_estimate('sf', 'SELEC 1');
SELECT * FROM warehouse_fdw_estimate('sf', 'SELECT 1 FROM WHERE');
ALTER SERVER sf OPTIONS (SET warehouse 'NOT_MY_WH');
SELECT count(*) FROM sf."Line Items";
ALTER SERVER sf OPTIONS (SET warehouse 'ANALYTICS_WH');
-- A statement that fails while it runs (a view dividing by zero, a cast of
-- text that is no number) is Snowflake's 422 with the SQL error, its code and
-- its SQL state, at the first attempt (nothing to retry). The view's
-- unconstrained numerics import as Snowflake describes them: NUMBER(38,s).
IMPORT FOREIGN SCHEMA "PUBLIC" LIMIT TO ("ORDER_RATIOS") FROM SERVER sf INTO sf;
\d sf."ORDER_RATIOS"
SELECT "O_ORDERKEY", "RATIO" FROM sf."ORDER_RATIOS";
DO $$
BEGIN
  PERFORM "RATIO" FROM sf."ORDER_RATIOS";
EXCEPTION WHEN division_by_zero THEN
  RAISE NOTICE 'SQLSTATE %', SQLSTATE;
END $$;
SELECT "COMMENT_NUMBER" FROM sf."ORDER_RATIOS";
-- The rows that divide by a non-zero number read fine, and EXPLAIN compiles
-- the view without running it.
SELECT "O_ORDERKEY", "RATIO" FROM sf."ORDER_RATIOS" WHERE "O_CUSTKEY" = 8 ORDER BY 1 LIMIT 2;
EXPLAIN (COSTS OFF) SELECT "O_ORDERKEY", "RATIO" FROM sf."ORDER_RATIOS";

-- A multi-partition result (the fake makes 1000-row partitions) arrives
-- complete and in the table's order, with partition 1 slowed down so later
-- ones are downloaded first. Plan-time estimates are off so that every
-- injected fault meets the scan.
ALTER FOREIGN TABLE sf."ORDERS" OPTIONS (ADD use_remote_estimate 'false');
-- The counts below are computed here, over every downloaded row.
SET warehouse_fdw.pushdown_aggregates = off;
\! curl -s -X POST "http://127.0.0.1:$WFDW_SF_PORT/_fake/faults" -d '[{"kind":"slow_partition","partition":1,"seconds":1,"count":1}]'; echo
SELECT count(*) AS n, bool_and(k = rn) AS in_order
  FROM (SELECT k, row_number() OVER () AS rn FROM (SELECT "O_ORDERKEY" AS k FROM sf."ORDERS") s) t;
-- 429 on submit, 503 twice and a dropped connection on partitions, a slow
-- statement (202, then polling): retried, the rows complete.
\! curl -s -X POST "http://127.0.0.1:$WFDW_SF_PORT/_fake/faults" -d '[{"kind":"http","status":429,"on":"submit","count":1},{"kind":"http","status":503,"on":"partition","count":2},{"kind":"drop","on":"partition","count":1},{"kind":"slow_statement","seconds":1,"count":1}]'; echo
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT * FROM sf."ORDERS";
SELECT count(*), count(DISTINCT "O_ORDERKEY"), sum("O_ORDERKEY") FROM sf."ORDERS";
ALTER SERVER sf OPTIONS (ADD max_parallel_downloads '1');
SELECT count(*), count(DISTINCT "O_ORDERKEY"), sum("O_ORDERKEY") FROM sf."ORDERS";
ALTER SERVER sf OPTIONS (DROP max_parallel_downloads);
-- A fault that does not go away is reported.
\! curl -s -X POST "http://127.0.0.1:$WFDW_SF_PORT/_fake/faults" -d '[{"kind":"http","status":503,"on":"partition","count":50}]'; echo
SELECT count(*) FROM sf."ORDERS";
RESET warehouse_fdw.pushdown_aggregates;
\! curl -s -X POST "http://127.0.0.1:$WFDW_SF_PORT/_fake/reset"; echo

-- Cancellation: statement_timeout stops the wait and cancels the statement.
\! curl -s -X POST "http://127.0.0.1:$WFDW_SF_PORT/_fake/faults" -d '[{"kind":"slow_statement","seconds":30,"count":1}]'; echo
SET statement_timeout = '1s';
SELECT count(*) FROM sf."Line Items";
RESET statement_timeout;
\! curl -s "http://127.0.0.1:$WFDW_SF_PORT/_fake/state" | /usr/bin/python3 -c 'import json,sys; s=json.load(sys.stdin); print("statements", s["statements"], "cancelled", len(s["cancelled"]))'
