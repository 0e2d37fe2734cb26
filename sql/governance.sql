-- Cost governance (docs/governance.md), with warehouse_fdw in
-- shared_preload_libraries (scripts/test.sh starts the local cluster so):
-- warehouse_fdw_stats and its percentiles, the query log, monthly budgets
-- enforced before any job is created, approvals, privacy, spend that
-- survives a rollback and is recorded in read-only transactions, the
-- ledger's durable copy, Billed Cost in EXPLAIN ANALYZE and job labels.
\getenv bq_port WFDW_BQ_PORT
\getenv key_file WFDW_BQ_KEY_FILE
\set key `cat :key_file`
\set endpoint 'http://127.0.0.1:' :bq_port '/bigquery/v2'
\i sql/setup/common.sql
\! curl -s -X POST "http://127.0.0.1:$WFDW_BQ_PORT/_fake/reset"; echo
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS gov CASCADE;
DROP SERVER IF EXISTS gov_bq CASCADE;
DROP ROLE IF EXISTS regress_gov_analyst;
DROP ROLE IF EXISTS regress_gov_other;
DROP ROLE IF EXISTS regress_gov_approver;
DROP SCHEMA IF EXISTS regress_gov_evil CASCADE;
DROP ROLE IF EXISTS regress_gov_evil;
DROP DATABASE IF EXISTS regress_gov_old;
DROP ROLE IF EXISTS regress_gov_lead;
DROP ROLE IF EXISTS regress_gov_dbowner;
SET client_min_messages = notice;

-- Errors with the random request id masked.
CREATE FUNCTION gov_error(stmt text) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE st text; msg text; det text; hin text;
BEGIN
  EXECUTE stmt;
  RETURN NEXT 'no error';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL, hin = PG_EXCEPTION_HINT;
  RETURN NEXT 'sqlstate: ' || st;
  RETURN NEXT 'message:  ' || msg;
  IF det <> '' THEN RETURN NEXT 'detail:   ' || regexp_replace(det, '[0-9a-f]{16}', '<request id>', 'g'); END IF;
  IF hin <> '' THEN RETURN NEXT 'hint:     ' || regexp_replace(hin, '[0-9a-f]{16}', '<request id>', 'g'); END IF;
END $$;
GRANT EXECUTE ON FUNCTION gov_error(text) TO PUBLIC;

CREATE SCHEMA gov;
CREATE SERVER gov_bq FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'bigquery', project 'fake-project', location 'US', endpoint :'endpoint',
           retry_base_delay '20ms', max_retries '3', price_per_tib '1000000');
CREATE USER MAPPING FOR PUBLIC SERVER gov_bq OPTIONS (service_account_key :'key');
IMPORT FOREIGN SCHEMA analytics LIMIT TO (events) FROM SERVER gov_bq INTO gov;
CREATE FOREIGN TABLE gov.film (film_id int, title text, length int2) SERVER remote
  OPTIONS (schema_name 'public', table_name 'film');
CREATE FOREIGN TABLE gov.div0 (v int) SERVER remote OPTIONS (schema_name 'public', table_name 'div0');
CREATE FOREIGN TABLE gov.slow (x int) SERVER remote OPTIONS (schema_name 'public', table_name 'slow');
CREATE ROLE regress_gov_analyst;
CREATE ROLE regress_gov_other;
CREATE ROLE regress_gov_approver IN ROLE warehouse_fdw_approver;
GRANT USAGE ON SCHEMA gov TO PUBLIC;
GRANT SELECT ON gov.events TO PUBLIC;

-- Stats: one entry per statement shape (constants replaced), counted per
-- remote statement; errors by SQLSTATE class; cancels.
SELECT warehouse_fdw_stats_reset();
SELECT count(*) FROM gov.film WHERE film_id < 10;
SELECT count(*) FROM gov.film WHERE film_id < 100;
SELECT count(*) FROM gov.film WHERE film_id < 1000;
SELECT title FROM gov.film WHERE film_id = 1;
SELECT * FROM show_error('SELECT * FROM gov.div0');
SET statement_timeout = '300ms';
SELECT * FROM gov.slow;
RESET statement_timeout;
SELECT server, role, provider, calls, errors, cancels, error_classes, rows, bytes_received > 0 AS received, query
FROM warehouse_fdw_stats ORDER BY query;
SELECT server, status, sqlstate, rows, query FROM warehouse_fdw_query_log ORDER BY seq;

-- Latency percentiles against the exact ones of the same statements (from
-- the query log): within the histogram's stated error of 4.43%. The fake
-- runs 2 of 20 jobs for 250 ms.
SELECT warehouse_fdw_stats_reset();
\! curl -s -X POST "http://127.0.0.1:$WFDW_BQ_PORT/_fake/faults" -d '[{"kind":"slow_job","seconds":0.25,"count":2}]'; echo
DO $$ BEGIN FOR i IN 1..20 LOOP PERFORM count(*) FROM gov.events WHERE user_id > 2; END LOOP; END $$;
WITH l AS (SELECT duration_ms FROM warehouse_fdw_query_log WHERE server = 'gov_bq' AND status = 'ok'),
     exact AS (SELECT count(*) AS n, percentile_disc(0.5) WITHIN GROUP (ORDER BY duration_ms) AS p50,
                      percentile_disc(0.95) WITHIN GROUP (ORDER BY duration_ms) AS p95,
                      percentile_disc(0.99) WITHIN GROUP (ORDER BY duration_ms) AS p99,
                      max(duration_ms) AS mx FROM l)
SELECT s.calls, e.n AS logged, abs(s.p50_ms - e.p50) / e.p50 <= 0.0444 AS p50_ok,
       abs(s.p95_ms - e.p95) / e.p95 <= 0.0444 AS p95_ok, abs(s.p99_ms - e.p99) / e.p99 <= 0.0444 AS p99_ok,
       s.max_ms = e.mx AS max_ok, e.p95 >= 250 AS slow_ones_seen, s.p50_ms < 250 AS median_fast
FROM warehouse_fdw_stats s, exact e WHERE s.server = 'gov_bq';

-- What BigQuery billed, priced, in EXPLAIN ANALYZE (BigQuery bills at least
-- 10 MB per query); the job carries the stats entry's query id as a label.
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT count(*) FROM gov.events WHERE user_id > 3;
\set label `curl -s "http://127.0.0.1:$WFDW_BQ_PORT/_fake/state" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["last_job"]["labels"]["wfdw_query_id"])'`
SELECT count(*) AS entries_with_label FROM warehouse_fdw_stats WHERE lpad(to_hex(queryid), 16, '0') = :'label';

-- Budgets: per role and server, per UTC month, checked before the job is
-- created (estimate reserved), settled with the billed amount.
SELECT warehouse_fdw_set_budget('regress_gov_analyst', 'gov_bq', 10.00);
SET ROLE regress_gov_analyst;
SELECT * FROM gov_error($$SELECT warehouse_fdw_set_budget('regress_gov_analyst', 'gov_bq', 1000)$$);
SELECT count(*) FROM gov.events WHERE user_id > 5;
SELECT count(*) FROM gov.events WHERE user_id > 6;
\set jobs_before `curl -s "http://127.0.0.1:$WFDW_BQ_PORT/_fake/state" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["jobs_created"])'`
SELECT * FROM gov_error('SELECT count(*) FROM gov.events WHERE user_id > 7');
\set jobs_after `curl -s "http://127.0.0.1:$WFDW_BQ_PORT/_fake/state" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["jobs_created"])'`
SELECT :jobs_before = :jobs_after AS no_job_created;
RESET ROLE;
SELECT role, server, queries, bytes, cost_usd, budget_usd, remaining_usd, reserved_usd, in_flight
FROM warehouse_fdw_spend WHERE role = 'regress_gov_analyst';
-- A rolled-back transaction keeps its spend; a read-only one records it.
SELECT warehouse_fdw_set_budget('regress_gov_analyst', 'gov_bq', 1000);
SET ROLE regress_gov_analyst;
BEGIN;
SELECT count(*) FROM gov.events WHERE user_id > 8;
ROLLBACK;
BEGIN READ ONLY;
SELECT count(*) FROM gov.events WHERE user_id > 9;
COMMIT;
RESET ROLE;
SELECT role, queries, cost_usd FROM warehouse_fdw_spend WHERE role = 'regress_gov_analyst';
-- A server-wide default for roles without their own budget.
SELECT warehouse_fdw_set_budget(NULL, 'gov_bq', 0);
SET ROLE regress_gov_other;
SELECT * FROM gov_error('SELECT count(*) FROM gov.events WHERE user_id > 10');
RESET ROLE;
SELECT warehouse_fdw_set_budget(NULL, 'gov_bq', NULL);
SELECT status, count(*) FROM warehouse_fdw_query_log WHERE server = 'gov_bq' GROUP BY status ORDER BY status;
-- The ledger's durable copy: the background writer stores it (every
-- second here), absolute totals per month, role and server.
DO $$ BEGIN
  FOR i IN 1..100 LOOP
    EXIT WHEN NOT EXISTS (SELECT 1 FROM warehouse_fdw_spend WHERE NOT stored);
    PERFORM pg_sleep(0.1);
  END LOOP;
END $$;
SELECT s.role, l.queries = s.queries AS queries_stored, round(l.cost_usd, 6) = s.cost_usd AS cost_stored
FROM warehouse_fdw_spend s JOIN warehouse_fdw_spend_ledger l
  ON l.month = s.month AND l.role_oid = s.role::regrole AND l.server_oid = (SELECT oid FROM pg_foreign_server WHERE srvname = s.server)
WHERE s.server = 'gov_bq' ORDER BY s.role;

-- Approvals: above approval_cost_usd a query waits for an approver; the
-- approval lets that role run that statement shape for approval_window.
ALTER SERVER gov_bq OPTIONS (ADD approval_cost_usd '0.10', ADD approval_window '3s');
SET ROLE regress_gov_analyst;
\set jobs_before `curl -s "http://127.0.0.1:$WFDW_BQ_PORT/_fake/state" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["jobs_created"])'`
SELECT * FROM gov_error('SELECT count(*) FROM gov.events WHERE user_id > 11');
\set jobs_after `curl -s "http://127.0.0.1:$WFDW_BQ_PORT/_fake/state" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["jobs_created"])'`
SELECT :jobs_before = :jobs_after AS no_job_created;
-- The same statement again reuses the pending request.
SELECT * FROM gov_error('SELECT count(*) FROM gov.events WHERE user_id > 12');
SELECT role, server, estimated_usd, remote_sql FROM warehouse_fdw_pending_approvals;
SELECT request_id FROM warehouse_fdw_pending_approvals \gset
SELECT * FROM gov_error($$SELECT warehouse_fdw_approve('$$ || :'request_id' || $$')$$);
SET ROLE regress_gov_approver;
SELECT regexp_replace(warehouse_fdw_approve(:'request_id'), '[0-9a-f]{16}', '<request id>') AS approved;
SELECT count(*) AS pending FROM warehouse_fdw_pending_approvals;
SET ROLE regress_gov_analyst;
SELECT count(*) FROM gov.events WHERE user_id > 13;
SELECT pg_sleep(3.2);
SELECT * FROM gov_error('SELECT count(*) FROM gov.events WHERE user_id > 14');
RESET ROLE;
SELECT role, status, sqlstate, regexp_replace(query, '^approved by \w+: ', 'approved: ') AS query
FROM warehouse_fdw_query_log WHERE status IN ('approval_required', 'approved') ORDER BY seq;
-- Requests are stored for an approver after a restart.
SELECT count(*) AS stored_requests FROM warehouse_fdw_approval_requests;
-- A mapping may lower the server's threshold, never raise it.
ALTER USER MAPPING FOR PUBLIC SERVER gov_bq OPTIONS (ADD approval_cost_usd '1000');
SET ROLE regress_gov_other;
SELECT * FROM gov_error('SELECT count(*) FROM gov.events WHERE user_id > 15');
RESET ROLE;
ALTER USER MAPPING FOR PUBLIC SERVER gov_bq OPTIONS (DROP approval_cost_usd);
ALTER SERVER gov_bq OPTIONS (DROP approval_cost_usd, DROP approval_window);
-- The governance tables are read as a superuser: a role's search_path must
-- not slip its own now() or make_date() into those queries.
CREATE ROLE regress_gov_evil;
CREATE SCHEMA regress_gov_evil AUTHORIZATION regress_gov_evil;
-- (A stored total of this month, as after a restart: reading it runs the
-- lookup's functions on a matching row.)
INSERT INTO warehouse_fdw_spend_ledger VALUES (date_trunc('month', now() AT TIME ZONE 'UTC')::date,
  'regress_gov_evil'::regrole, (SELECT oid FROM pg_foreign_server WHERE srvname = 'gov_bq'), 0, 0, 0, now());
SET ROLE regress_gov_evil;
CREATE FUNCTION regress_gov_evil.now() RETURNS timestamptz LANGUAGE plpgsql AS $$
BEGIN ALTER ROLE regress_gov_evil SUPERUSER; RETURN pg_catalog.now(); END $$;
CREATE FUNCTION regress_gov_evil.make_date(int, int, int) RETURNS date LANGUAGE plpgsql AS $$
BEGIN ALTER ROLE regress_gov_evil SUPERUSER; RETURN pg_catalog.make_date($1, $2, $3); END $$;
SET search_path = regress_gov_evil, pg_catalog, public;
SELECT count(*) FROM gov.events WHERE user_id > 16;
RESET search_path;
RESET ROLE;
SELECT rolsuper AS evil_became_superuser FROM pg_roles WHERE rolname = 'regress_gov_evil';
DROP SCHEMA regress_gov_evil CASCADE;

-- Privacy: others' query texts and job ids are hidden, as in
-- pg_stat_statements, unless the reader has pg_read_all_stats.
SET ROLE regress_gov_other;
SELECT role, calls > 0 AS counted, query, last_job_id FROM warehouse_fdw_stats
WHERE role = 'regress_gov_analyst' ORDER BY query LIMIT 1;
SELECT DISTINCT query FROM warehouse_fdw_query_log WHERE role = 'regress_gov_analyst';
SELECT * FROM gov_error('SELECT warehouse_fdw_stats_reset()');
SELECT * FROM gov_error('SELECT * FROM warehouse_fdw_budgets');
RESET ROLE;
GRANT pg_read_all_stats TO regress_gov_other;
SET ROLE regress_gov_other;
SELECT count(*) > 0 AS sees_texts FROM warehouse_fdw_stats
WHERE role = 'regress_gov_analyst' AND query <> '<insufficient privilege>';
RESET ROLE;

-- An approver who can SET ROLE to the requesting role would approve its
-- own query: refused, as for its own role.
CREATE ROLE regress_gov_lead IN ROLE warehouse_fdw_approver;
GRANT regress_gov_analyst TO regress_gov_lead;
ALTER SERVER gov_bq OPTIONS (ADD approval_cost_usd '0.10');
SET ROLE regress_gov_analyst;
SELECT count(*) AS refused FROM gov_error('SELECT count(*) FROM gov.events WHERE user_id > 17 AND user_id < 1000');
RESET ROLE;
SELECT request_id AS lead_request FROM warehouse_fdw_pending_approvals WHERE query_id =
  (SELECT queryid FROM warehouse_fdw_query_log WHERE status = 'approval_required' ORDER BY seq DESC LIMIT 1) \gset
SET ROLE regress_gov_lead;
SELECT regexp_replace(e, '[0-9a-f]{16}', '<request id>') AS refused
FROM gov_error($$SELECT warehouse_fdw_approve('$$ || :'lead_request' || $$')$$) e;
-- Nor after SET ROLE to the approvers' role, away from its login role.
RESET ROLE;
SET SESSION AUTHORIZATION regress_gov_lead;
SET ROLE warehouse_fdw_approver;
SELECT regexp_replace(e, '[0-9a-f]{16}', '<request id>') AS refused
FROM gov_error($$SELECT warehouse_fdw_approve('$$ || :'lead_request' || $$')$$) e;
RESET SESSION AUTHORIZATION;
-- An approval rolled back is no approval: the request stays pending and
-- the query is still refused.
SET ROLE regress_gov_approver;
BEGIN;
SELECT regexp_replace(warehouse_fdw_approve(:'lead_request'), '[0-9a-f]{16}', '<request id>') AS approved;
ROLLBACK;
SELECT count(*) AS still_pending FROM warehouse_fdw_pending_approvals WHERE request_id = :'lead_request';
SET ROLE regress_gov_analyst;
SELECT count(*) AS refused FROM gov_error('SELECT count(*) FROM gov.events WHERE user_id > 17 AND user_id < 1001');
-- One released from its savepoint counts, whatever a later savepoint does.
SET ROLE regress_gov_approver;
BEGIN;
SAVEPOINT a;
SELECT regexp_replace(warehouse_fdw_approve(:'lead_request'), '[0-9a-f]{16}', '<request id>') AS approved;
RELEASE a;
SAVEPOINT b;
ROLLBACK TO b;
COMMIT;
SELECT count(*) AS pending FROM warehouse_fdw_pending_approvals WHERE request_id = :'lead_request';
SET ROLE regress_gov_analyst;
SELECT count(*) AS ran FROM gov.events WHERE user_id > 17 AND user_id < 1002;
-- The window ends on the clock, also inside a transaction that began
-- before it ended.
RESET ROLE;
ALTER SERVER gov_bq OPTIONS (ADD approval_window '2s');
SET ROLE regress_gov_analyst;
BEGIN;
SELECT pg_sleep(2.2);
SELECT count(*) AS refused FROM gov_error('SELECT count(*) FROM gov.events WHERE user_id > 17 AND user_id < 1003');
ROLLBACK;
RESET ROLE;
ALTER SERVER gov_bq OPTIONS (DROP approval_cost_usd, DROP approval_window);

-- Pending requests in the table are filtered by the view: a reader's cheap
-- function in WHERE must not see other roles' rows before that filter.
INSERT INTO warehouse_fdw_approval_requests (request_id, role_oid, server_oid, query_id, remote_sql, requested_at)
VALUES ('0123456789abcdef', 'regress_gov_analyst'::regrole, (SELECT oid FROM pg_foreign_server WHERE srvname = 'gov_bq'),
        1, 'SELECT secret FROM analyst_only', now());
SET ROLE regress_gov_other;
CREATE FUNCTION pg_temp.leak(text) RETURNS bool LANGUAGE plpgsql COST 0.0000001 AS $$
BEGIN IF $1 LIKE '%secret%' THEN RAISE NOTICE 'leaked: %', $1; END IF; RETURN true; END $$;
SELECT count(*) AS visible FROM warehouse_fdw_pending_approvals WHERE pg_temp.leak(remote_sql)
  AND remote_sql LIKE '%secret%';
RESET ROLE;
DELETE FROM warehouse_fdw_approval_requests WHERE request_id = '0123456789abcdef';

-- The query log keeps query_log_text_length bytes of remote SQL, cut at a
-- character boundary (one of the two straddles byte 1023): valid text.
SELECT count(*) FROM gov.film WHERE title = repeat('é', 600);
SELECT count(*) FROM gov.film WHERE title = 'x' || repeat('é', 600);
SELECT count(*) AS logged, max(octet_length(query)) <= 1023 AS clipped
FROM warehouse_fdw_query_log WHERE convert_to(query, 'UTF8') IS NOT NULL AND query LIKE '%éé%';

-- Below 1.2 the governance tables' names are free in the extension's
-- schema: a role that may create there must not get its view (or a table
-- with a trigger) read or written by the superuser that reads budgets and
-- stores the ledger.
SELECT current_database() AS regress_db \gset
CREATE ROLE regress_gov_dbowner;
CREATE DATABASE regress_gov_old OWNER regress_gov_dbowner;
\c regress_gov_old
SET client_min_messages = warning;
CREATE EXTENSION warehouse_fdw VERSION '1.1';
RESET client_min_messages;
GRANT USAGE ON FOREIGN DATA WRAPPER warehouse_fdw TO regress_gov_dbowner;
CREATE SERVER old_bq FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'bigquery', project 'fake-project', location 'US', endpoint :'endpoint', price_per_tib '1000000');
CREATE USER MAPPING FOR PUBLIC SERVER old_bq OPTIONS (service_account_key :'key');
GRANT USAGE ON FOREIGN SERVER old_bq TO regress_gov_dbowner;
SET ROLE regress_gov_dbowner;
CREATE FUNCTION public.escalate() RETURNS numeric LANGUAGE plpgsql AS $$
BEGIN ALTER ROLE regress_gov_dbowner SUPERUSER; RETURN NULL; END $$;
CREATE VIEW public.warehouse_fdw_budgets AS
  SELECT 0::oid AS role_oid, oid AS server_oid, public.escalate() AS monthly_usd FROM pg_catalog.pg_foreign_server;
CREATE TABLE public.warehouse_fdw_spend_ledger (month date, role_oid oid, server_oid oid, queries bigint,
  bytes numeric, cost_usd numeric, flushed_at timestamptz);
CREATE TABLE public.warehouse_fdw_approval_requests (request_id text);
CREATE FOREIGN TABLE public.old_events (user_id int) SERVER old_bq
  OPTIONS (schema_name 'analytics', table_name 'events');
SELECT count(*) FROM public.old_events WHERE user_id > 18;
RESET ROLE;
SELECT rolsuper AS dbowner_became_superuser FROM pg_roles WHERE rolname = 'regress_gov_dbowner';
\c :regress_db
DROP DATABASE regress_gov_old;
DROP ROLE regress_gov_dbowner;

-- A statement abandoned without an error of its own (a rolled-back cursor,
-- a local error a PL/pgSQL handler caught) was cancelled, not an internal
-- error (XX000); its reservation is released.
BEGIN;
DECLARE c CURSOR FOR SELECT user_id FROM gov.events WHERE user_id > 19;
FETCH 1 FROM c;
ROLLBACK;
DO $$ BEGIN PERFORM 1 / (user_id - user_id) FROM gov.events WHERE user_id > 20;
EXCEPTION WHEN division_by_zero THEN NULL; END $$;
SELECT status, sqlstate FROM warehouse_fdw_query_log ORDER BY seq DESC LIMIT 2;
SELECT in_flight, reserved_usd FROM warehouse_fdw_spend WHERE role = current_user AND server = 'gov_bq';

DROP SCHEMA gov CASCADE;
DROP SERVER gov_bq CASCADE;
DROP FUNCTION gov_error(text);
DROP ROLE regress_gov_analyst;
DROP ROLE regress_gov_other;
DROP ROLE regress_gov_approver;
DROP ROLE regress_gov_evil;
DROP ROLE regress_gov_lead;
