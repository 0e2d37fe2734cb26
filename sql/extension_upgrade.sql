-- Extension versions: 1.0 installs, ALTER EXTENSION UPDATE brings it to 1.1,
-- which revokes EXECUTE on warehouse_fdw_estimate from PUBLIC (a fresh
-- CREATE EXTENSION gets the same through 1.0 + the 1.0--1.1 script).
\set regress_db :DBNAME
SET client_min_messages = warning;
DROP DATABASE IF EXISTS regress_wfdw_upgrade;
CREATE DATABASE regress_wfdw_upgrade;
\c regress_wfdw_upgrade
SET client_min_messages = warning;
CREATE ROLE regress_wfdw_upgrade_user;
SELECT name, version, installed FROM pg_available_extension_versions WHERE name = 'warehouse_fdw' ORDER BY version;
CREATE EXTENSION warehouse_fdw VERSION '1.0';
SELECT extversion FROM pg_extension WHERE extname = 'warehouse_fdw';
-- 1.0: every role may call it.
SELECT has_function_privilege('regress_wfdw_upgrade_user', 'warehouse_fdw_estimate(text, text)', 'EXECUTE');
ALTER EXTENSION warehouse_fdw UPDATE;
SELECT extversion FROM pg_extension WHERE extname = 'warehouse_fdw';
-- 1.1: only roles a superuser grants it to.
SELECT has_function_privilege('regress_wfdw_upgrade_user', 'warehouse_fdw_estimate(text, text)', 'EXECUTE');
SELECT has_function_privilege('regress_wfdw_upgrade_user', 'warehouse_fdw_test_connection(text)', 'EXECUTE');
SELECT obj_description('warehouse_fdw_estimate(text, text)'::regprocedure, 'pg_proc');
-- A fresh install is the same as an updated one.
DROP EXTENSION warehouse_fdw;
CREATE EXTENSION warehouse_fdw;
SELECT extversion FROM pg_extension WHERE extname = 'warehouse_fdw';
SELECT has_function_privilege('regress_wfdw_upgrade_user', 'warehouse_fdw_estimate(text, text)', 'EXECUTE');
GRANT EXECUTE ON FUNCTION warehouse_fdw_estimate(text, text) TO regress_wfdw_upgrade_user;
SELECT has_function_privilege('regress_wfdw_upgrade_user', 'warehouse_fdw_estimate(text, text)', 'EXECUTE');
\c :regress_db
SET client_min_messages = warning;
DROP DATABASE regress_wfdw_upgrade;
DROP ROLE regress_wfdw_upgrade_user;
