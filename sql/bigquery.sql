-- BigQuery provider against the local fake (tests/providers/bigquery/bigquery_fake.py):
-- auth, IMPORT, EXPLAIN with bytes and dollars, Remote SQL per pushdown
-- kind, guardrails, every type, errors, faults and cancellation.
\getenv bq_port WFDW_BQ_PORT
\getenv key_file WFDW_BQ_KEY_FILE
\getenv rogue_file WFDW_BQ_ROGUE_KEY_FILE
\set key `cat :key_file`
\set rogue `cat :rogue_file`
\set endpoint 'http://127.0.0.1:' :bq_port '/bigquery/v2'
\! curl -s -X POST "http://127.0.0.1:$WFDW_BQ_PORT/_fake/reset"; echo
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS warehouse_fdw;
SET client_min_messages = notice;

-- Options are checked per provider.
CREATE SERVER bq_bad FOREIGN DATA WRAPPER warehouse_fdw OPTIONS (provider 'bigquery', host 'x');
CREATE SERVER bq_bad FOREIGN DATA WRAPPER warehouse_fdw OPTIONS (provider 'bigquery', max_bytes_billed 'lots');
CREATE SERVER bq FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'bigquery', project 'fake-project', location 'US', endpoint :'endpoint',
           retry_base_delay '20ms', max_retries '3', fetch_size '5000');

-- Auth: a key whose public half the token endpoint does not know.
CREATE USER MAPPING FOR CURRENT_USER SERVER bq OPTIONS (service_account_key :'rogue');
SELECT warehouse_fdw_test_connection('bq');
-- A bearer token the API rejects; the token never appears in the error.
ALTER USER MAPPING FOR CURRENT_USER SERVER bq OPTIONS (DROP service_account_key, ADD access_token 'ya29.secret-token-value');
SELECT warehouse_fdw_test_connection('bq');
-- The database host's own identity (GCE, GKE workload identity, Cloud Run):
-- tokens from the metadata server (here the fake's), cached (two uses, one
-- token); only a superuser may give a mapping that identity.
\! curl -s -X POST "http://127.0.0.1:$WFDW_BQ_PORT/_fake/reset"; echo
\set md_endpoint 'http://127.0.0.1:' :bq_port
ALTER SERVER bq OPTIONS (ADD metadata_endpoint :'md_endpoint');
ALTER USER MAPPING FOR CURRENT_USER SERVER bq OPTIONS (DROP access_token, ADD use_metadata_server 'true');
SELECT warehouse_fdw_test_connection('bq');
SELECT warehouse_fdw_test_connection('bq');
\! curl -s "http://127.0.0.1:$WFDW_BQ_PORT/_fake/state" | /usr/bin/python3 -c 'import json,sys; print("metadata tokens:", json.load(sys.stdin)["metadata_tokens"])'
-- One host identity acting as per-team service accounts (IAM Credentials'
-- generateAccessToken with the host's token): cached too; an account the
-- base identity may not act as is refused with the role it lacks.
ALTER SERVER bq OPTIONS (ADD iam_endpoint :'md_endpoint');
ALTER USER MAPPING FOR CURRENT_USER SERVER bq
  OPTIONS (ADD impersonate_service_account 'team-a@fake-project.iam.gserviceaccount.com');
SELECT warehouse_fdw_test_connection('bq');
SELECT warehouse_fdw_test_connection('bq');
\! curl -s "http://127.0.0.1:$WFDW_BQ_PORT/_fake/state" | /usr/bin/python3 -c 'import json,sys; print("impersonations:", json.load(sys.stdin)["impersonations"])'
ALTER USER MAPPING FOR CURRENT_USER SERVER bq
  OPTIONS (SET impersonate_service_account 'admin@fake-project.iam.gserviceaccount.com');
SELECT warehouse_fdw_test_connection('bq');
ALTER USER MAPPING FOR CURRENT_USER SERVER bq OPTIONS (DROP impersonate_service_account);
ALTER SERVER bq OPTIONS (DROP iam_endpoint);
ALTER SERVER bq OPTIONS (DROP metadata_endpoint);
-- Not JSON.
ALTER USER MAPPING FOR CURRENT_USER SERVER bq OPTIONS (DROP use_metadata_server, ADD service_account_key '{"type": "service_account"');
SELECT warehouse_fdw_test_connection('bq');
-- No credentials are allowed only for a loopback endpoint (emulators).
CREATE SERVER bq_cloud FOREIGN DATA WRAPPER warehouse_fdw OPTIONS (provider 'bigquery', project 'p');
CREATE USER MAPPING FOR CURRENT_USER SERVER bq_cloud;
SELECT warehouse_fdw_test_connection('bq_cloud');
DROP SERVER bq_cloud CASCADE;
-- The real key: RS256 JWT -> OAuth token -> API.
ALTER USER MAPPING FOR CURRENT_USER SERVER bq OPTIONS (SET service_account_key :'key');
SELECT warehouse_fdw_test_connection('bq');

-- IMPORT FOREIGN SCHEMA from a dataset (tables.list + tables.get).
CREATE SCHEMA bq;
IMPORT FOREIGN SCHEMA analytics LIMIT TO (events, all_types, buyers) FROM SERVER bq INTO bq;
\d bq.events
\d bq.all_types
-- Table and column descriptions become comments.
SELECT c.relname, a.attname, d.description FROM pg_description d
  JOIN pg_class c ON c.oid = d.objoid AND d.classoid = 'pg_class'::regclass
  LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid
  WHERE c.relnamespace = 'bq'::regnamespace ORDER BY 1, 2 NULLS FIRST;
IMPORT FOREIGN SCHEMA no_such_dataset FROM SERVER bq INTO bq;

-- Every type, exactly.
SELECT * FROM bq.all_types ORDER BY id;
SELECT id, b, ts, iv, arr_s, st -> 'tags' AS tags FROM bq.all_types WHERE id = 1;
-- A declared type that cannot hold the value: the column and value are named.
CREATE FOREIGN TABLE bq.narrow (id bigint, i64 integer) SERVER bq
  OPTIONS (schema_name 'analytics', table_name 'all_types');
SELECT * FROM bq.narrow ORDER BY id;

-- EXPLAIN: Remote SQL, estimated bytes and dollars from a dry run.
EXPLAIN (VERBOSE, COSTS OFF)
SELECT user_id, event_name FROM bq.events WHERE event_date >= '2026-11-01' ORDER BY user_id LIMIT 100;
-- Fewer columns, fewer bytes.
EXPLAIN (COSTS OFF) SELECT count(*) FROM bq.events;
EXPLAIN (COSTS OFF) SELECT * FROM bq.events;
SELECT * FROM warehouse_fdw_estimate('bq', 'SELECT * FROM `fake-project.analytics.events`');
-- Keywords in any case: a lower-case SELECT * reads every column too.
SELECT * FROM warehouse_fdw_estimate('bq', 'select * from `fake-project.analytics.events`');
SELECT bytes_processed FROM warehouse_fdw_estimate('bq', 'Select Distinct * From analytics.events e where e.user_id > 0');
SELECT * FROM warehouse_fdw_estimate('bq', 'SELECT "user_id" FROM analytics.events WHERE user_id %% 2 = 0');

-- Remote SQL per pushdown kind (GoogleSQL spellings).
EXPLAIN (VERBOSE, COSTS OFF) SELECT user_id FROM bq.events WHERE user_id % 7 = 1 AND user_id / 3 = 2;
EXPLAIN (VERBOSE, COSTS OFF) SELECT user_id FROM bq.events WHERE user_id IN (1, 2, 3) AND user_id NOT IN (4, 5);
EXPLAIN (VERBOSE, COSTS OFF) SELECT user_id FROM bq.events WHERE event_name LIKE 'b%' AND event_name ~ '^b' AND event_name <> 'it''s \ odd';
EXPLAIN (VERBOSE, COSTS OFF) SELECT user_id FROM bq.events WHERE event_date - 1 > '2026-11-01' AND revenue IS NOT NULL;
EXPLAIN (VERBOSE, COSTS OFF) SELECT user_id FROM bq.events ORDER BY user_id DESC NULLS LAST, revenue LIMIT 5 OFFSET 10;
-- Kept local: ILIKE (no GoogleSQL ILIKE), numeric division (scale differs),
-- GREATEST (NULL handling differs), text ordering under a non-C collation,
-- float to int casts (rounding differs), and LIMIT over a local qual.
EXPLAIN (VERBOSE, COSTS OFF) SELECT user_id FROM bq.events WHERE event_name ILIKE 'B%';
EXPLAIN (VERBOSE, COSTS OFF) SELECT user_id FROM bq.events WHERE revenue / 2 > 10;
EXPLAIN (VERBOSE, COSTS OFF) SELECT user_id FROM bq.events WHERE greatest(user_id, 5) = 5;
EXPLAIN (VERBOSE, COSTS OFF) SELECT user_id FROM bq.events WHERE event_name > 'b';
EXPLAIN (VERBOSE, COSTS OFF) SELECT user_id FROM bq.events WHERE (revenue::float8)::int = 3;
EXPLAIN (VERBOSE, COSTS OFF) SELECT user_id FROM bq.events WHERE event_name ILIKE 'b%' LIMIT 3;

-- Results through pushdown equal the local computation.
SELECT count(*), sum(user_id) FROM bq.events WHERE user_id % 7 = 1 AND event_name ~ '^b';
SELECT count(*), sum(revenue) FROM bq.events WHERE event_name = 'it''s \ odd';
SELECT user_id, event_name FROM bq.events WHERE user_id IN (1, 2, 3) ORDER BY user_id, event_date LIMIT 4;

-- Joins with local tables (parameterized scans send @p1 as a query parameter)
-- and with the postgres provider's tables.
CREATE TABLE local_users (user_id bigint PRIMARY KEY, name text);
INSERT INTO local_users VALUES (1, 'one'), (2, 'two'), (996, 'last');
ANALYZE local_users;
SET enable_hashjoin = off; SET enable_mergejoin = off;
EXPLAIN (VERBOSE, COSTS OFF)
SELECT u.name, count(*) FROM local_users u JOIN bq.events e ON e.user_id = u.user_id GROUP BY u.name;
SELECT u.name, count(*) FROM local_users u JOIN bq.events e ON e.user_id = u.user_id GROUP BY u.name ORDER BY 1;
RESET enable_hashjoin; RESET enable_mergejoin;
\getenv remote_port WFDW_REMOTE_PORT
CREATE SERVER pg_side FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'postgres', host '127.0.0.1', port :'remote_port', dbname 'pagila');
CREATE USER MAPPING FOR CURRENT_USER SERVER pg_side OPTIONS (user 'reader', password 'reader_pw');
CREATE FOREIGN TABLE pg_actor (actor_id int, first_name text) SERVER pg_side OPTIONS (schema_name 'public', table_name 'actor');
SELECT a.first_name, count(*) FROM pg_actor a JOIN bq.events e ON e.user_id = a.actor_id
WHERE a.actor_id <= 3 GROUP BY a.first_name ORDER BY 1;

-- Guardrails: refused before anything runs, with the numbers and the fix.
ALTER USER MAPPING FOR CURRENT_USER SERVER bq OPTIONS (ADD max_cost_usd '0.0000001');
SELECT sum(revenue) FROM bq.events;
SELECT warning FROM warehouse_fdw_estimate('bq', 'SELECT * FROM analytics.events');
ALTER USER MAPPING FOR CURRENT_USER SERVER bq OPTIONS (DROP max_cost_usd, ADD warn_cost_usd '0.0000001');
SELECT count(event_name) FROM bq.events WHERE user_id = 5;
ALTER USER MAPPING FOR CURRENT_USER SERVER bq OPTIONS (DROP warn_cost_usd);
-- maximumBytesBilled is enforced by BigQuery itself.
ALTER SERVER bq OPTIONS (ADD max_bytes_billed '1000');
SELECT sum(revenue) FROM bq.events;
ALTER SERVER bq OPTIONS (DROP max_bytes_billed);

-- Errors pass through with BigQuery's message and reason.
CREATE FOREIGN TABLE bq.gone (id bigint) SERVER bq OPTIONS (schema_name 'analytics', table_name 'gone');
SELECT * FROM bq.gone;
SELECT * FROM warehouse_fdw_estimate('bq', 'SELECT a FROM analytics.events WHERE a = ''x''''y''');

-- Paging: 20000 rows in pages of 5000, converted while the next is fetched.
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT * FROM bq.events;

-- Faults: retried with backoff (429, 403 rateLimitExceeded, 503, a
-- connection dropped mid-page, a slow page, a job that needs polling) ...
\! curl -s -X POST "http://127.0.0.1:$WFDW_BQ_PORT/_fake/faults" -d '[{"kind":"status","status":429,"reason":"rateLimitExceeded","path":"/queries","count":1},{"kind":"status","status":403,"reason":"rateLimitExceeded","path":"/queries/","count":1},{"kind":"status","status":503,"reason":"backendError","path":"/queries/","count":1,"retry_after":0},{"kind":"drop","path":"/queries/","count":1},{"kind":"slow","seconds":1,"path":"/queries/","count":1},{"kind":"slow_job","seconds":2,"count":1}]'; echo
SET warehouse_fdw.pushdown_aggregates = off;  -- every page is fetched and counted here
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT count(*) FROM bq.events;
RESET warehouse_fdw.pushdown_aggregates;
-- ... or reported: quotaExceeded is not retried; 503 four times exhausts max_retries 3.
\! curl -s -X POST "http://127.0.0.1:$WFDW_BQ_PORT/_fake/faults" -d '[{"kind":"status","status":403,"reason":"quotaExceeded","message":"Quota exceeded: Your project exceeded quota for free query bytes scanned","path":"/queries","count":1}]'; echo
SELECT count(*) FROM bq.events;
\! curl -s -X POST "http://127.0.0.1:$WFDW_BQ_PORT/_fake/faults" -d '[{"kind":"status","status":503,"reason":"backendError","path":"/queries","count":4}]'; echo
SELECT count(*) FROM bq.events;

-- Cancellation: statement_timeout stops the wait and cancels the job.
\! curl -s -X POST "http://127.0.0.1:$WFDW_BQ_PORT/_fake/reset"; echo
\! curl -s -X POST "http://127.0.0.1:$WFDW_BQ_PORT/_fake/faults" -d '[{"kind":"slow_job","seconds":30,"count":1}]'; echo
SET statement_timeout = '1s';
SELECT count(*) FROM bq.events;
RESET statement_timeout;
\! curl -s "http://127.0.0.1:$WFDW_BQ_PORT/_fake/state" | /usr/bin/python3 -c 'import json,sys; s=json.load(sys.stdin); print("jobs", s["jobs_created"], "cancelled", len(s["cancelled"]))'
-- Labels identify the job in the console.
\! curl -s "http://127.0.0.1:$WFDW_BQ_PORT/_fake/state" | /usr/bin/python3 -c 'import json,sys; print(sorted(json.load(sys.stdin)["last_job"]["labels"].items()))'

-- A rescan without parameters (here a subplan run once per outer row; the
-- outer value only gates it) reads the finished job's results again instead
-- of running, and billing, a new job per row: 3 runs, one job.
\! curl -s -X POST "http://127.0.0.1:$WFDW_BQ_PORT/_fake/reset"; echo
SET warehouse_fdw.pushdown_aggregates = off;
EXPLAIN (COSTS OFF)
SELECT v.n, (SELECT count(*) FROM bq.events e WHERE e.user_id < 5 AND v.n > 0) FROM (VALUES (1), (2), (3)) v(n);
SELECT v.n, (SELECT count(*) FROM bq.events e WHERE e.user_id < 5 AND v.n > 0) FROM (VALUES (1), (2), (3)) v(n);
RESET warehouse_fdw.pushdown_aggregates;
\! curl -s "http://127.0.0.1:$WFDW_BQ_PORT/_fake/state" | /usr/bin/python3 -c 'import json,sys; s=json.load(sys.stdin); print("jobs", s["jobs_created"])'

-- sum(bigint) is numeric here; GoogleSQL's SUM(INT64) overflows past 2^63:
-- the values are summed as NUMERIC.
EXPLAIN (VERBOSE, COSTS OFF) SELECT sum(user_id), sum(user_id) FILTER (WHERE user_id > 2) FROM bq.events;
SELECT sum(user_id), sum(user_id) FILTER (WHERE user_id > 2) FROM bq.events;

-- An egress proxy (https_proxy, superuser-only like endpoint): every request
-- goes through it. The recording listener relays and logs what it proxies.
\! curl -s -X POST "http://127.0.0.1:$WFDW_REC_PORT/_rec/reset"; echo
\getenv rec_port WFDW_REC_PORT
\set proxy_url 'http://127.0.0.1:' :rec_port
ALTER SERVER bq OPTIONS (ADD https_proxy :'proxy_url');
SELECT count(*) FROM bq.events WHERE user_id < 5;
\! curl -s "http://127.0.0.1:$WFDW_REC_PORT/_rec/log" | grep -q '^PROXY POST	http://127.0.0.1:[0-9]*/bigquery/v2/projects/fake-project/queries' && echo 'the queries went through the proxy'
ALTER SERVER bq OPTIONS (DROP https_proxy);

DROP TABLE local_users;
DROP SERVER pg_side CASCADE;
DROP SERVER bq CASCADE;
DROP SCHEMA bq CASCADE;
