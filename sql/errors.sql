-- Remote errors keep their SQLSTATE, message, detail and hint, and name the
-- server and the SQL; the connection stays usable afterwards.
\set setup_app 1
\i sql/setup/common.sql
SET search_path = app, public;
IMPORT FOREIGN SCHEMA public LIMIT TO (div0, err_view, slow) FROM SERVER remote INTO app;
SELECT * FROM div0;
SELECT * FROM err_view;
SELECT show_error('SELECT * FROM app.err_view');
SELECT show_error('SELECT * FROM app.div0');
SELECT count(*) FROM t1;
-- A table that does not exist remotely.
CREATE FOREIGN TABLE missing (a int) SERVER remote OPTIONS (table_name 'no_such_table');
SELECT * FROM missing;
SELECT show_error('SELECT * FROM app.missing');
-- A column that does not exist remotely.
CREATE FOREIGN TABLE badcol (id int, nope text) SERVER remote OPTIONS (schema_name 'public', table_name 't1');
SELECT nope FROM badcol;
DROP FOREIGN TABLE missing, badcol;
-- Still fine.
SELECT count(*) FROM t1 WHERE id < 10;
-- PREPARE TRANSACTION is refused after remote reads.
BEGIN;
SELECT count(*) FROM t1 WHERE id < 10;
PREPARE TRANSACTION 'wfdw';
SELECT count(*) FROM t1 WHERE id < 10;
