-- Security: what a non-superuser role with USAGE only (as postgres_fdw users
-- commonly grant) can and cannot do. A superuser sets the stage; every attack
-- runs as regress_sec_attacker. tests/fakes/recording_listener.py stands
-- where an attacker's service would and logs every request it receives, so
-- the suite proves that no credential of another user mapping reaches it.
-- See docs/security.md.
\getenv rec_port WFDW_REC_PORT
\getenv bq_port WFDW_BQ_PORT
\getenv sf_port WFDW_SF_PORT
\getenv remote_port WFDW_REMOTE_PORT
\getenv local_host PGHOST
\getenv local_port PGPORT
\getenv key_file WFDW_BQ_KEY_FILE
\getenv rogue_file WFDW_BQ_ROGUE_KEY_FILE
\getenv sf_key_file WFDW_SF_KEY_FILE
\set key `cat :key_file`
\set rogue `cat :rogue_file`
\set sf_key `cat :sf_key_file`
\set rec 'http://127.0.0.1:' :rec_port
\set bq_endpoint 'http://127.0.0.1:' :bq_port '/bigquery/v2'
\set sf_endpoint 'http://127.0.0.1:' :sf_port
\! curl -s -X POST "http://127.0.0.1:$WFDW_REC_PORT/_rec/reset"; echo
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS warehouse_fdw;
DROP ROLE IF EXISTS regress_sec_victim;
DROP ROLE IF EXISTS regress_sec_attacker;
SET client_min_messages = notice;

-- The stage (superuser): a victim with a real BigQuery key and a view over
-- its data the attacker may read; servers whose endpoint is the recording
-- listener (set by the superuser, as only a superuser can).
CREATE ROLE regress_sec_victim;
CREATE ROLE regress_sec_attacker;
GRANT USAGE ON FOREIGN DATA WRAPPER warehouse_fdw TO regress_sec_victim, regress_sec_attacker;
CREATE SCHEMA sec;
GRANT USAGE, CREATE ON SCHEMA sec TO regress_sec_victim, regress_sec_attacker;
CREATE SERVER sec_bq_victim FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'bigquery', project 'fake-project', location 'US', endpoint :'bq_endpoint', max_retries '0');
GRANT USAGE ON FOREIGN SERVER sec_bq_victim TO regress_sec_victim;
-- The key's token_uri is the local fake's, not Google's: a superuser sets it.
CREATE USER MAPPING FOR regress_sec_victim SERVER sec_bq_victim OPTIONS (service_account_key :'key');
CREATE FOREIGN TABLE sec.victim_events (event_id bigint) SERVER sec_bq_victim
  OPTIONS (schema_name 'analytics', table_name 'events');
ALTER FOREIGN TABLE sec.victim_events OWNER TO regress_sec_victim;
SET ROLE regress_sec_victim;
CREATE VIEW sec.victim_view AS SELECT count(*) AS n FROM sec.victim_events;
GRANT SELECT ON sec.victim_view TO regress_sec_attacker;
RESET ROLE;
-- The attacker's server points at the listener; its mapping names the
-- victim's public client_email and key id with the attacker's own key.
CREATE SERVER sec_bq_rec FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'bigquery', project 'fake-project', endpoint :'rec', max_retries '0');
GRANT USAGE ON FOREIGN SERVER sec_bq_rec TO regress_sec_attacker;
CREATE USER MAPPING FOR regress_sec_attacker SERVER sec_bq_rec OPTIONS (service_account_key :'rogue');
CREATE FOREIGN TABLE sec.rec_t (c0 bigint) SERVER sec_bq_rec OPTIONS (schema_name 'd', table_name 't');
ALTER FOREIGN TABLE sec.rec_t OWNER TO regress_sec_attacker;
CREATE TABLE sec.rec_log (method text, path text, auth text);
GRANT ALL ON sec.rec_log TO regress_sec_attacker;

SET ROLE regress_sec_attacker;
SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user;

-- 1. Token theft through the per-backend token cache. The victim's token is
-- minted in this backend (the view runs with the victim's mapping) ...
SELECT n > 0 AS victim_view_works FROM sec.victim_view;
-- ... and the attacker's key (same client_email and key id, another private
-- key) does not get it from the cache: its own token request is refused.
SELECT * FROM sec.rec_t;
\copy sec.rec_log FROM PROGRAM 'curl -s "http://127.0.0.1:$WFDW_REC_PORT/_rec/log"'
-- Nothing reached the listener, least of all the victim's token.
SELECT count(*) AS requests, count(*) FILTER (WHERE auth LIKE '%ya29.%') AS victim_tokens FROM sec.rec_log;

-- 3. endpoint, token_uri and credential-less mode are a superuser's.
CREATE SERVER sec_own FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'bigquery', project 'p', endpoint 'file:///etc/passwd#');
CREATE SERVER sec_own FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'bigquery', project 'p', endpoint 'gopher://127.0.0.1:6379/_FLUSHALL');
CREATE SERVER sec_own FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'snowflake', account 'x', endpoint :'rec');
-- The Snowflake account becomes a host name: nothing else fits in it.
CREATE SERVER sec_own FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'snowflake', account 'evil.example.com/x#');
CREATE SERVER sec_own FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'snowflake', account 'evil.example.com:8443');
-- The host's own Google identity (metadata server) and where it is asked.
CREATE SERVER sec_own FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'bigquery', project 'p', metadata_endpoint :'rec');
-- An egress proxy sees every request: a superuser's too.
CREATE SERVER sec_own FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'snowflake', account 'x', https_proxy :'rec');
-- The Databricks host must be a workspace host; any other address is endpoint.
CREATE SERVER sec_own FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'databricks', host '127.0.0.1', warehouse_id 'w');
CREATE SERVER sec_own FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'databricks', host 'x.cloud.databricks.com.evil.example.com', warehouse_id 'w');
-- A server of one's own (Google's endpoint): fine; but its key may not send
-- the signed assertion anywhere but Google.
CREATE SERVER sec_own FOREIGN DATA WRAPPER warehouse_fdw OPTIONS (provider 'bigquery', project 'p');
SELECT format('{"type": "service_account", "client_email": "a@b.c", "private_key": "x", "token_uri": "%s/token"}',
              :'rec') AS sneaky_key \gset
CREATE USER MAPPING FOR CURRENT_USER SERVER sec_own OPTIONS (service_account_key :'sneaky_key');
CREATE USER MAPPING FOR CURRENT_USER SERVER sec_own
  OPTIONS (service_account_key '{"type": "service_account", "client_email": "a@b.c", "private_key": "x", "token_uri": "https://oauth2.googleapis.com/token"}');
ALTER SERVER sec_own OPTIONS (ADD endpoint 'http://127.0.0.1:1/');
-- Nor may the attacker's mapping take the database host's Google identity.
ALTER USER MAPPING FOR CURRENT_USER SERVER sec_own OPTIONS (ADD use_metadata_server 'true');
DROP SERVER sec_own CASCADE;
-- A superuser's loopback server: the attacker's mapping without credentials
-- is not enough (credential-less mode is for a superuser's own mapping).
RESET ROLE;
CREATE SERVER sec_emulator FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'bigquery', project 'p', endpoint :'rec', max_retries '0');
GRANT USAGE ON FOREIGN SERVER sec_emulator TO regress_sec_attacker;
SET ROLE regress_sec_attacker;
CREATE USER MAPPING FOR CURRENT_USER SERVER sec_emulator;
SELECT warehouse_fdw_test_connection('sec_emulator');
-- Only https (http where a superuser set the endpoint); no other protocol
-- ever, even where a superuser wrote it; nothing of the file in the error.
RESET ROLE;
ALTER SERVER sec_emulator OPTIONS (SET endpoint 'file:///etc/passwd#');
ALTER USER MAPPING FOR regress_sec_attacker SERVER sec_emulator OPTIONS (ADD access_token 'attacker-token');
SET ROLE regress_sec_attacker;
SELECT warehouse_fdw_test_connection('sec_emulator');
RESET ROLE;
ALTER SERVER sec_emulator OPTIONS (SET endpoint 'gopher://127.0.0.1:1/_x');
SET ROLE regress_sec_attacker;
SELECT warehouse_fdw_test_connection('sec_emulator');
-- A body that is not the service's JSON error never appears in an error.
RESET ROLE;
ALTER SERVER sec_emulator OPTIONS (SET endpoint :'rec');
SET ROLE regress_sec_attacker;
\! curl -s -X POST "http://127.0.0.1:$WFDW_REC_PORT/_rec/mode" -d html_error; echo
SELECT warehouse_fdw_test_connection('sec_emulator');
\! curl -s -X POST "http://127.0.0.1:$WFDW_REC_PORT/_rec/mode" -d not_json; echo
SELECT warehouse_fdw_test_connection('sec_emulator');

-- Own attack: a redirect (to anywhere) is never followed.
\! curl -s -X POST "http://127.0.0.1:$WFDW_REC_PORT/_rec/mode" -d redirect; echo
SELECT warehouse_fdw_test_connection('sec_emulator');

-- Own attack: a postgres server of one's own pointing at this very
-- cluster's socket (trust authentication) to become another role there: a
-- non-superuser's connection must have used a password.
CREATE SERVER sec_loop FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'postgres', host :'local_host', port :'local_port', dbname 'postgres');
CREATE USER MAPPING FOR CURRENT_USER SERVER sec_loop OPTIONS (user 'postgres', password 'anything');
SELECT warehouse_fdw_test_connection('sec_loop');
ALTER USER MAPPING FOR CURRENT_USER SERVER sec_loop OPTIONS (ADD password_required 'false');
DROP SERVER sec_loop CASCADE;

-- 4. A server's owner cannot redirect other users' credentials: a
-- superuser's server handed to the attacker keeps its endpoint.
RESET ROLE;
CREATE SERVER sec_owned FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'snowflake', account 'myorg-myacct', endpoint :'sf_endpoint', max_retries '0');
CREATE USER MAPPING FOR regress_sec_victim SERVER sec_owned OPTIONS (user 'etl_reader', private_key :'sf_key');
ALTER SERVER sec_owned OWNER TO regress_sec_attacker;
SET ROLE regress_sec_attacker;
ALTER SERVER sec_owned OPTIONS (SET endpoint :'rec');
ALTER SERVER sec_owned OPTIONS (SET account 'myorg-myacct.evil.example#');
-- The owner sees that the victim has a mapping, not what it holds.
SELECT srvname, usename, umoptions FROM pg_user_mappings WHERE srvname = 'sec_owned';
RESET ROLE;
DROP SERVER sec_owned CASCADE;

-- 2. warehouse_fdw_estimate: not for PUBLIC; then USAGE, a mapping, one
-- read query.
CREATE SERVER sec_pg FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'postgres', host '127.0.0.1', port :'remote_port', dbname 'pagila');
CREATE USER MAPPING FOR regress_sec_attacker SERVER sec_pg OPTIONS (user 'writer', password 'writer_pw');
CREATE FOREIGN TABLE sec.snap (n integer) SERVER sec_pg OPTIONS (schema_name 'public', table_name 'snap');
CREATE USER MAPPING FOR postgres SERVER sec_pg OPTIONS (user 'reader', password 'reader_pw');
SET ROLE regress_sec_attacker;
SELECT * FROM warehouse_fdw_estimate('sec_pg', 'SELECT 1');
RESET ROLE;
GRANT EXECUTE ON FUNCTION warehouse_fdw_estimate(text, text) TO regress_sec_attacker;
SET ROLE regress_sec_attacker;
-- No USAGE on the server:
SELECT * FROM warehouse_fdw_estimate('sec_pg', 'SELECT 1');
RESET ROLE;
GRANT USAGE ON FOREIGN SERVER sec_pg TO regress_sec_attacker;
SET ROLE regress_sec_attacker;
SELECT bytes_processed > 0 AS estimated FROM warehouse_fdw_estimate('sec_pg', 'SELECT 1 AS x');
-- One statement only: COMMIT cannot escape the READ ONLY remote transaction.
SELECT * FROM warehouse_fdw_estimate('sec_pg', 'SELECT 1; COMMIT; INSERT INTO public.snap VALUES (99)');
-- EXPLAIN options and other commands are refused before anything is sent.
SELECT * FROM warehouse_fdw_estimate('sec_pg', 'ANALYZE SELECT 1');
SELECT * FROM warehouse_fdw_estimate('sec_pg', '(ANALYZE, FORMAT JSON) SELECT 1');
SELECT * FROM warehouse_fdw_estimate('sec_pg', '/* */ INSERT INTO public.snap VALUES (99)');
SELECT * FROM warehouse_fdw_estimate('sec_pg', 'SELECT 1; SET datestyle = ''SQL, DMY''');
-- A data-modifying CTE is planned, never run (and the remote is READ ONLY).
SELECT bytes_processed IS NOT NULL AS planned
  FROM warehouse_fdw_estimate('sec_pg', 'WITH x AS (INSERT INTO public.snap VALUES (99)) SELECT 1');
-- Own attack: a read query whose functions would act if run; plain EXPLAIN
-- only plans it (pg_sleep(60) returns at once; nothing is signalled).
SET statement_timeout = '10s';
SELECT bytes_processed IS NOT NULL AS planned
  FROM warehouse_fdw_estimate('sec_pg', 'SELECT pg_sleep(60), pg_terminate_backend(pid) FROM pg_stat_activity');
RESET statement_timeout;
-- No USAGE on the victim's server (test_connection neither):
SELECT * FROM warehouse_fdw_estimate('sec_bq_victim', 'SELECT 1');
SELECT warehouse_fdw_test_connection('sec_bq_victim');
-- USAGE but no user mapping:
RESET ROLE;
GRANT USAGE ON FOREIGN SERVER sec_bq_victim TO regress_sec_attacker;
SET ROLE regress_sec_attacker;
SELECT * FROM warehouse_fdw_estimate('sec_bq_victim', 'SELECT 1');
RESET ROLE;
REVOKE USAGE ON FOREIGN SERVER sec_bq_victim FROM regress_sec_attacker;
-- Nothing was written remotely; the pinned session still reads ISO dates.
SELECT count(*) AS rows_99 FROM sec.snap WHERE n = 99;
CREATE FOREIGN TABLE sec.t1 (id int, ts timestamp) SERVER sec_pg OPTIONS (schema_name 'public', table_name 't1');
SELECT id, ts FROM sec.t1 WHERE id = 1;

-- 5 and 6. Results are reconciled with what the service announced, and
-- errors name the server and what was expected. The listener plays a
-- broken service (a superuser pointed these servers at it).
CREATE SERVER sec_bq_broken FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'bigquery', project 'fake-project', endpoint :'rec', max_retries '0', use_remote_estimate 'false');
GRANT USAGE ON FOREIGN SERVER sec_bq_broken TO regress_sec_attacker;
CREATE USER MAPPING FOR regress_sec_attacker SERVER sec_bq_broken OPTIONS (access_token 'attacker-token');
CREATE FOREIGN TABLE sec.bq_broken (c0 bigint) SERVER sec_bq_broken OPTIONS (schema_name 'd', table_name 't');
CREATE SERVER sec_sf_broken FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'snowflake', account 'myorg-myacct', endpoint :'rec', max_retries '0',
           use_remote_estimate 'false');
GRANT USAGE ON FOREIGN SERVER sec_sf_broken TO regress_sec_attacker;
CREATE USER MAPPING FOR regress_sec_attacker SERVER sec_sf_broken OPTIONS (oauth_token 'attacker-sf-token');
CREATE FOREIGN TABLE sec.sf_broken ("ID" bigint) SERVER sec_sf_broken OPTIONS (schema_name 'S', table_name 'T');
GRANT SELECT ON sec.bq_broken, sec.sf_broken TO regress_sec_attacker;
GRANT CREATE ON DATABASE :"DBNAME" TO regress_sec_attacker;
SET ROLE regress_sec_attacker;
\! curl -s -X POST "http://127.0.0.1:$WFDW_REC_PORT/_rec/mode" -d bq_short; echo
SELECT * FROM sec.bq_broken;
\! curl -s -X POST "http://127.0.0.1:$WFDW_REC_PORT/_rec/mode" -d bq_no_rows; echo
SELECT * FROM sec.bq_broken;
\! curl -s -X POST "http://127.0.0.1:$WFDW_REC_PORT/_rec/mode" -d bq_repeat_token; echo
SELECT * FROM sec.bq_broken;
\! curl -s -X POST "http://127.0.0.1:$WFDW_REC_PORT/_rec/mode" -d bq_columns; echo
SELECT * FROM sec.bq_broken;
\! curl -s -X POST "http://127.0.0.1:$WFDW_REC_PORT/_rec/mode" -d bq_type_error; echo
SELECT * FROM sec.bq_broken;
\! curl -s -X POST "http://127.0.0.1:$WFDW_REC_PORT/_rec/mode" -d bq_bad_page; echo
SELECT * FROM sec.bq_broken;
\! curl -s -X POST "http://127.0.0.1:$WFDW_REC_PORT/_rec/mode" -d sf_empty_partition; echo
SELECT * FROM sec.sf_broken;
\! curl -s -X POST "http://127.0.0.1:$WFDW_REC_PORT/_rec/mode" -d sf_short_partition; echo
SELECT * FROM sec.sf_broken;
\! curl -s -X POST "http://127.0.0.1:$WFDW_REC_PORT/_rec/mode" -d sf_numrows; echo
SELECT * FROM sec.sf_broken;
-- Own attack: a service whose table and column names and descriptions
-- try to end the generated statements; IMPORT quotes every one of them.
\! curl -s -X POST "http://127.0.0.1:$WFDW_REC_PORT/_rec/mode" -d bq_import_inject; echo
CREATE SCHEMA sec_import;
IMPORT FOREIGN SCHEMA d FROM SERVER sec_bq_broken INTO sec_import;
SELECT c.relname, a.attname, col_description(c.oid, a.attnum) AS column_comment,
       obj_description(c.oid, 'pg_class') AS table_comment
  FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
  WHERE c.relnamespace = 'sec_import'::regnamespace;
SELECT to_regclass('sec.rec_log') IS NOT NULL AS rec_log_still_there;
DROP SCHEMA sec_import CASCADE;
-- A local LIMIT that stops reading early is not an error.
\! curl -s -X POST "http://127.0.0.1:$WFDW_REC_PORT/_rec/mode" -d bq_repeat_token; echo
SELECT * FROM (SELECT * FROM sec.bq_broken WHERE random() >= 0) s LIMIT 1;

-- Every credential the listener ever saw is the attacker's own.
TRUNCATE sec.rec_log;
\copy sec.rec_log FROM PROGRAM 'curl -s "http://127.0.0.1:$WFDW_REC_PORT/_rec/log"'
SELECT auth, count(*) > 0 AS seen FROM sec.rec_log GROUP BY auth ORDER BY auth;
SELECT count(*) FILTER (WHERE path = '/_stolen') AS redirects_followed FROM sec.rec_log;
RESET ROLE;

SET client_min_messages = warning;
DROP SCHEMA sec CASCADE;
DROP SERVER sec_bq_victim, sec_bq_rec, sec_emulator, sec_pg, sec_bq_broken, sec_sf_broken CASCADE;
REVOKE ALL ON FOREIGN DATA WRAPPER warehouse_fdw FROM regress_sec_victim, regress_sec_attacker;
REVOKE EXECUTE ON FUNCTION warehouse_fdw_estimate(text, text) FROM regress_sec_attacker;
REVOKE CREATE ON DATABASE :"DBNAME" FROM regress_sec_attacker;
DROP ROLE regress_sec_victim;
DROP ROLE regress_sec_attacker;
