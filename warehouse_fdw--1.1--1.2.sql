/* warehouse_fdw--1.1--1.2.sql: cost governance (docs/governance.md) */

\echo Use "ALTER EXTENSION warehouse_fdw UPDATE TO '1.2'" to load this file. \quit

-- Who may approve queries above a server's approval_cost_usd (superusers
-- always may). Roles are cluster-wide: a second database's extension finds
-- it already there.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'warehouse_fdw_approver') THEN
    CREATE ROLE warehouse_fdw_approver NOLOGIN;
  END IF;
END
$$;

-- Monthly budgets in USD per (role, server); role_oid 0 is the server-wide
-- default for roles without their own. Set with warehouse_fdw_set_budget().
CREATE TABLE warehouse_fdw_budgets (
  role_oid oid NOT NULL,
  server_oid oid NOT NULL,
  monthly_usd numeric NOT NULL CHECK (monthly_usd >= 0),
  set_by name NOT NULL DEFAULT current_user,
  set_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (role_oid, server_oid)
);

-- The spend ledger's durable copy (totals per calendar month in UTC, role and
-- server), written by the background writer from shared memory.
CREATE TABLE warehouse_fdw_spend_ledger (
  month date NOT NULL,
  role_oid oid NOT NULL,
  server_oid oid NOT NULL,
  queries bigint NOT NULL,
  bytes numeric NOT NULL,
  cost_usd numeric NOT NULL,
  flushed_at timestamptz NOT NULL,
  PRIMARY KEY (month, role_oid, server_oid)
);

-- Requests to run a query above approval_cost_usd, and their approvals.
CREATE TABLE warehouse_fdw_approval_requests (
  request_id text PRIMARY KEY,
  role_oid oid NOT NULL,
  server_oid oid NOT NULL,
  query_id bigint NOT NULL,
  remote_sql text NOT NULL,
  estimated_usd numeric,
  requested_at timestamptz NOT NULL,
  approved_by name,
  approved_at timestamptz
);
CREATE INDEX ON warehouse_fdw_approval_requests (role_oid, server_oid, query_id);

REVOKE ALL ON warehouse_fdw_budgets, warehouse_fdw_spend_ledger, warehouse_fdw_approval_requests FROM PUBLIC;
SELECT pg_catalog.pg_extension_config_dump('warehouse_fdw_budgets', '');
SELECT pg_catalog.pg_extension_config_dump('warehouse_fdw_spend_ledger', '');
SELECT pg_catalog.pg_extension_config_dump('warehouse_fdw_approval_requests', '');

CREATE FUNCTION warehouse_fdw_stats_entries(
  OUT dbid oid, OUT userid oid, OUT serverid oid, OUT server text, OUT provider text, OUT queryid bigint,
  OUT calls bigint, OUT errors bigint, OUT cancels bigint, OUT error_classes text, OUT rows bigint,
  OUT bytes_received float8, OUT bytes_processed float8, OUT bytes_billed float8, OUT est_cost_usd float8,
  OUT billed_cost_usd float8, OUT total_ms float8, OUT mean_ms float8, OUT min_ms float8, OUT p50_ms float8,
  OUT p95_ms float8, OUT p99_ms float8, OUT max_ms float8, OUT retries bigint, OUT cache_hits bigint,
  OUT last_job_id text, OUT first_call timestamptz, OUT last_call timestamptz, OUT query text)
RETURNS SETOF record
AS 'MODULE_PATHNAME' LANGUAGE C STRICT VOLATILE PARALLEL SAFE;

CREATE VIEW warehouse_fdw_stats AS
SELECT s.server, pg_catalog.pg_get_userbyid(s.userid) AS role, d.datname AS database, s.provider, s.queryid,
       s.calls, s.errors, s.cancels, s.error_classes, s.rows,
       s.bytes_received::bigint AS bytes_received, s.bytes_processed::bigint AS bytes_processed,
       s.bytes_billed::bigint AS bytes_billed,
       round(s.est_cost_usd::numeric, 6) AS est_cost_usd, round(s.billed_cost_usd::numeric, 6) AS billed_cost_usd,
       round(s.total_ms::numeric, 3) AS total_ms, round(s.mean_ms::numeric, 3) AS mean_ms,
       round(s.min_ms::numeric, 3) AS min_ms, round(s.p50_ms::numeric, 3) AS p50_ms,
       round(s.p95_ms::numeric, 3) AS p95_ms, round(s.p99_ms::numeric, 3) AS p99_ms,
       round(s.max_ms::numeric, 3) AS max_ms, s.retries, s.cache_hits, s.last_job_id, s.first_call, s.last_call,
       s.query
FROM warehouse_fdw_stats_entries() s LEFT JOIN pg_catalog.pg_database d ON d.oid = s.dbid;

CREATE FUNCTION warehouse_fdw_query_log_entries(
  OUT seq bigint, OUT started_at timestamptz, OUT dbid oid, OUT userid oid, OUT serverid oid, OUT server text,
  OUT provider text, OUT queryid bigint, OUT status text, OUT sqlstate text, OUT job_id text, OUT rows bigint,
  OUT bytes_received float8, OUT bytes_processed float8, OUT bytes_billed float8, OUT est_usd float8,
  OUT billed_usd float8, OUT duration_ms float8, OUT retries bigint, OUT query text)
RETURNS SETOF record
AS 'MODULE_PATHNAME' LANGUAGE C STRICT VOLATILE PARALLEL SAFE;

CREATE VIEW warehouse_fdw_query_log AS
SELECT l.seq, l.started_at, pg_catalog.pg_get_userbyid(l.userid) AS role, d.datname AS database, l.server,
       l.provider, l.queryid, l.status, l.sqlstate, l.job_id, l.rows, l.bytes_received::bigint AS bytes_received,
       l.bytes_processed::bigint AS bytes_processed, l.bytes_billed::bigint AS bytes_billed,
       round(l.est_usd::numeric, 6) AS est_usd, round(l.billed_usd::numeric, 6) AS billed_usd,
       round(l.duration_ms::numeric, 3) AS duration_ms, l.retries, l.query
FROM warehouse_fdw_query_log_entries() l LEFT JOIN pg_catalog.pg_database d ON d.oid = l.dbid;

CREATE FUNCTION warehouse_fdw_stats_reset() RETURNS void
AS 'MODULE_PATHNAME' LANGUAGE C STRICT VOLATILE;
REVOKE EXECUTE ON FUNCTION warehouse_fdw_stats_reset() FROM PUBLIC;

CREATE FUNCTION warehouse_fdw_spend_entries(
  OUT month date, OUT userid oid, OUT serverid oid, OUT queries bigint, OUT bytes float8, OUT cost_usd float8,
  OUT reserved_usd float8, OUT in_flight integer, OUT stored boolean)
RETURNS SETOF record
AS 'MODULE_PATHNAME' LANGUAGE C STRICT VOLATILE PARALLEL SAFE;

-- This month's spend per role and server (from shared memory, which also
-- holds what the ledger table does not yet), with the budget that applies.
CREATE VIEW warehouse_fdw_spend AS
SELECT s.month, pg_catalog.pg_get_userbyid(s.userid) AS role, fs.srvname AS server, s.queries,
       s.bytes::bigint AS bytes, round(s.cost_usd::numeric, 6) AS cost_usd, b.monthly_usd AS budget_usd,
       b.monthly_usd - round(s.cost_usd::numeric, 6) AS remaining_usd, round(s.reserved_usd::numeric, 6) AS reserved_usd,
       s.in_flight, s.stored
FROM warehouse_fdw_spend_entries() s
LEFT JOIN pg_catalog.pg_foreign_server fs ON fs.oid = s.serverid
LEFT JOIN LATERAL (SELECT monthly_usd FROM warehouse_fdw_budgets b
                   WHERE b.server_oid = s.serverid AND b.role_oid IN (s.userid, 0)
                   ORDER BY b.role_oid DESC LIMIT 1) b ON true;

CREATE FUNCTION warehouse_fdw_set_budget(role name, server text, monthly_usd numeric) RETURNS text
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  r oid := 0;
  s oid;
  t regclass := pg_catalog.format('%I.warehouse_fdw_budgets',
                  (SELECT n.nspname FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n
                   ON n.oid = e.extnamespace WHERE e.extname = 'warehouse_fdw'))::regclass;
BEGIN
  IF role IS NOT NULL THEN
    SELECT oid INTO r FROM pg_catalog.pg_roles WHERE rolname = role;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'role "%" does not exist', role USING ERRCODE = 'undefined_object';
    END IF;
  END IF;
  SELECT oid INTO s FROM pg_catalog.pg_foreign_server WHERE srvname = server;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'server "%" does not exist', server USING ERRCODE = 'undefined_object';
  END IF;
  IF monthly_usd IS NULL THEN
    EXECUTE pg_catalog.format('DELETE FROM %s WHERE role_oid = $1 AND server_oid = $2', t) USING r, s;
    RETURN pg_catalog.format('no monthly budget for %s on server "%s"',
                             COALESCE('role "' || role || '"', 'roles without their own'), server);
  END IF;
  EXECUTE pg_catalog.format('INSERT INTO %s (role_oid, server_oid, monthly_usd) VALUES ($1, $2, $3) '
                            'ON CONFLICT (role_oid, server_oid) DO UPDATE SET monthly_usd = EXCLUDED.monthly_usd, '
                            'set_by = current_user, set_at = now()', t) USING r, s, monthly_usd;
  RETURN pg_catalog.format('monthly budget of %s on server "%s": $%s (UTC calendar month)',
                           COALESCE('role "' || role || '"', 'roles without their own'), server, monthly_usd);
END
$$;
REVOKE EXECUTE ON FUNCTION warehouse_fdw_set_budget(name, text, numeric) FROM PUBLIC;
COMMENT ON FUNCTION warehouse_fdw_set_budget(name, text, numeric) IS
  'sets (NULL usd: removes) the monthly USD budget of a role (NULL: every role without its own) on a server; superusers only unless granted';

CREATE FUNCTION warehouse_fdw_approval_entries(
  OUT request_id text, OUT userid oid, OUT serverid oid, OUT server text, OUT queryid bigint, OUT estimated_usd float8,
  OUT requested_at timestamptz, OUT approved_at timestamptz, OUT approved_by oid, OUT remote_sql text)
RETURNS SETOF record
AS 'MODULE_PATHNAME' LANGUAGE C STRICT VOLATILE PARALLEL SAFE;

-- Requests waiting for an approver: those in memory and those the table
-- holds from before a restart. Approvers see all; others their own (the
-- function filters the same way: a view's functions run as its reader).
-- A security barrier: else a reader's cheap (leaky) function in WHERE would
-- run on the table's rows before this view's filter, seeing every role's
-- remote_sql.
CREATE VIEW warehouse_fdw_pending_approvals WITH (security_barrier) AS
WITH mem AS (SELECT * FROM warehouse_fdw_approval_entries())
SELECT request_id, pg_catalog.pg_get_userbyid(userid) AS role, server, queryid AS query_id,
       round(estimated_usd::numeric, 6) AS estimated_usd, requested_at, remote_sql
FROM (
  SELECT m.request_id, m.userid, m.server, m.queryid, m.estimated_usd, m.requested_at, m.remote_sql
  FROM mem m WHERE m.approved_at IS NULL
  UNION ALL
  SELECT r.request_id, r.role_oid, fs.srvname, r.query_id, r.estimated_usd::float8, r.requested_at, r.remote_sql
  FROM warehouse_fdw_approval_requests r LEFT JOIN pg_catalog.pg_foreign_server fs ON fs.oid = r.server_oid
  WHERE r.approved_at IS NULL AND NOT EXISTS (SELECT 1 FROM mem m WHERE m.request_id = r.request_id)
) p
WHERE pg_catalog.pg_has_role(current_user, 'warehouse_fdw_approver', 'USAGE') OR p.userid = current_user::regrole;

CREATE FUNCTION warehouse_fdw_approve(request_id text) RETURNS text
AS 'MODULE_PATHNAME' LANGUAGE C STRICT VOLATILE;
REVOKE EXECUTE ON FUNCTION warehouse_fdw_approve(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION warehouse_fdw_approve(text) TO warehouse_fdw_approver;

GRANT SELECT ON warehouse_fdw_stats, warehouse_fdw_query_log, warehouse_fdw_spend, warehouse_fdw_pending_approvals
  TO PUBLIC;
