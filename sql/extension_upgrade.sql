-- Extension versions: 1.0 installs, ALTER EXTENSION UPDATE brings it to 1.2:
-- 1.1 revokes EXECUTE on warehouse_fdw_estimate from PUBLIC; 1.2 adds cost
-- governance (views for everyone, budgets and approvals for administrators
-- and approvers). A fresh CREATE EXTENSION runs the same scripts.
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
-- 1.2: what each kind of role may use.
SELECT p.obj, has_function_privilege('regress_wfdw_upgrade_user', p.obj, 'EXECUTE') AS any_role,
       has_function_privilege('warehouse_fdw_approver', p.obj, 'EXECUTE') AS approver
FROM (VALUES ('warehouse_fdw_stats_reset()'), ('warehouse_fdw_set_budget(name, text, numeric)'),
             ('warehouse_fdw_approve(text)')) p(obj) ORDER BY 1;
SELECT t.obj, has_table_privilege('regress_wfdw_upgrade_user', t.obj, 'SELECT') AS any_role
FROM (VALUES ('warehouse_fdw_stats'), ('warehouse_fdw_query_log'), ('warehouse_fdw_spend'),
             ('warehouse_fdw_pending_approvals'), ('warehouse_fdw_budgets'), ('warehouse_fdw_spend_ledger'),
             ('warehouse_fdw_approval_requests')) t(obj) ORDER BY 1;
CREATE TEMP TABLE upgraded AS
  SELECT pg_describe_object(classid, objid, objsubid) AS obj FROM pg_depend
  WHERE refclassid = 'pg_extension'::regclass AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'warehouse_fdw');
-- A fresh install is the same as an updated one.
DROP EXTENSION warehouse_fdw;
CREATE EXTENSION warehouse_fdw;
SELECT extversion FROM pg_extension WHERE extname = 'warehouse_fdw';
SELECT has_function_privilege('regress_wfdw_upgrade_user', 'warehouse_fdw_estimate(text, text)', 'EXECUTE');
-- The same objects (ignoring the index's generated name).
(SELECT obj FROM upgraded EXCEPT SELECT pg_describe_object(classid, objid, objsubid) FROM pg_depend
 WHERE refclassid = 'pg_extension'::regclass AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'warehouse_fdw'))
UNION ALL
(SELECT pg_describe_object(classid, objid, objsubid) FROM pg_depend
 WHERE refclassid = 'pg_extension'::regclass AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'warehouse_fdw')
 EXCEPT SELECT obj FROM upgraded);
SELECT count(*) AS objects_compared FROM upgraded;
GRANT EXECUTE ON FUNCTION warehouse_fdw_estimate(text, text) TO regress_wfdw_upgrade_user;
SELECT has_function_privilege('regress_wfdw_upgrade_user', 'warehouse_fdw_estimate(text, text)', 'EXECUTE');
\c :regress_db
SET client_min_messages = warning;
DROP DATABASE regress_wfdw_upgrade;
DROP ROLE regress_wfdw_upgrade_user;
