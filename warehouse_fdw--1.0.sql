/* warehouse_fdw--1.0.sql */

\echo Use "CREATE EXTENSION warehouse_fdw" to load this file. \quit

CREATE FUNCTION warehouse_fdw_handler()
RETURNS fdw_handler
AS 'MODULE_PATHNAME'
LANGUAGE C STRICT;

CREATE FUNCTION warehouse_fdw_validator(text[], oid)
RETURNS void
AS 'MODULE_PATHNAME'
LANGUAGE C STRICT;

CREATE FOREIGN DATA WRAPPER warehouse_fdw
  HANDLER warehouse_fdw_handler
  VALIDATOR warehouse_fdw_validator;

CREATE FUNCTION warehouse_fdw_test_connection(server text)
RETURNS boolean
AS 'MODULE_PATHNAME'
LANGUAGE C STRICT VOLATILE PARALLEL RESTRICTED;

COMMENT ON FUNCTION warehouse_fdw_test_connection(text) IS
  'connects to a warehouse_fdw server with the current user''s mapping; true, or an error that says why not';

CREATE FUNCTION warehouse_fdw_estimate(server text, sql text,
    OUT bytes_processed bigint, OUT cost_usd numeric, OUT warning text)
RETURNS record
AS 'MODULE_PATHNAME'
LANGUAGE C STRICT VOLATILE PARALLEL RESTRICTED;

COMMENT ON FUNCTION warehouse_fdw_estimate(text, text) IS
  'what a query in the warehouse''s own dialect would scan and cost, without running it (BigQuery: a dry run)';
