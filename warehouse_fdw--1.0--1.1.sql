/* warehouse_fdw--1.0--1.1.sql */

\echo Use "ALTER EXTENSION warehouse_fdw UPDATE TO '1.1'" to load this file. \quit

-- warehouse_fdw_estimate() sends text to the remote service under a user
-- mapping's credentials. Like pg_read_server_files-style functions, it is
-- not for everyone by default: a superuser grants EXECUTE to the roles that
-- need it (docs/security.md). The function itself also requires USAGE on the
-- server, a user mapping, and one read query.
REVOKE EXECUTE ON FUNCTION warehouse_fdw_estimate(text, text) FROM PUBLIC;

COMMENT ON FUNCTION warehouse_fdw_estimate(text, text) IS
  'what one read query in the warehouse''s own dialect would scan and cost, without running it (BigQuery: a dry run); EXECUTE is not granted to PUBLIC';
