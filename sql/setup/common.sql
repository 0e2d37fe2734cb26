\set ECHO none
-- Shared set-up of the pg_regress suites, included with \i (pg_regress feeds
-- the suites on stdin: paths are relative to the repository root) so that
-- each suite can run alone (make -f Makefile.pgxs installcheck REGRESS=pushdown).
-- Silent, and it creates only what is missing: in a full run the earlier
-- suites created all of it already, as their expected output shows.
--
-- Always: the extension, show_error(), the wfdw.remote_port setting
-- show_error() masks, and server "remote" (the remote cluster's pagila, as
-- the options suite leaves it) with the current user's mapping.
-- \set setup_app 1 before \i: schema app as the import suite leaves it.
-- \set app_extra 'div0, slow': also these remote relations in app, as later
--   suites import them (implies setup_app).
-- \set setup_sessions 1: server remote2 (user killer) and app.kill_readers,
--   app.reader_sessions, as the transactions suite creates them (implies
--   setup_app).
SET client_min_messages = warning;
\getenv remote_port WFDW_REMOTE_PORT
CREATE EXTENSION IF NOT EXISTS warehouse_fdw;

-- Runs a statement and reports its error: SQLSTATE, message, detail, hint,
-- with the remote port masked, and whether `secret` leaked into any of them.
CREATE OR REPLACE FUNCTION show_error(stmt text, secret text DEFAULT NULL) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
  st text; msg text; det text; hin text; all_text text;
BEGIN
  EXECUTE stmt;
  RETURN NEXT 'no error';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL,
                          hin = PG_EXCEPTION_HINT;
  all_text := concat_ws(' ', msg, det, hin);
  RETURN NEXT 'sqlstate: ' || st;
  RETURN NEXT 'message:  ' || msg;
  IF det <> '' THEN RETURN NEXT 'detail:   ' || replace(det, current_setting('wfdw.remote_port'), 'PORT'); END IF;
  IF hin <> '' THEN RETURN NEXT 'hint:     ' || hin; END IF;
  IF secret IS NOT NULL THEN
    RETURN NEXT CASE WHEN position(secret IN all_text) > 0 THEN 'SECRET LEAKED' ELSE 'secret not shown' END;
  END IF;
END $$;
SELECT set_config('wfdw.remote_port', :'remote_port', false) AS setup_port \gset

CREATE SERVER IF NOT EXISTS remote FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'postgres', host '127.0.0.1', port :'remote_port', dbname 'pagila',
           connect_timeout '10s', fetch_size '1000', keep_connections 'on');
CREATE USER MAPPING IF NOT EXISTS FOR CURRENT_USER SERVER remote OPTIONS (user 'reader', password 'reader_pw');

\if :{?app_extra}
\set setup_app 1
\endif
\if :{?setup_sessions}
\set setup_app 1
\endif
\if :{?setup_app}
SELECT to_regnamespace('app') IS NULL AS setup_need_app \gset
\if :setup_need_app
CREATE SCHEMA app;
IMPORT FOREIGN SCHEMA public LIMIT TO (t1, types_table) FROM SERVER remote INTO app;
IMPORT FOREIGN SCHEMA public EXCEPT (t1, types_table, slow, active_sleepers, div0, err_view, kill_readers,
                                     reader_sessions)
  FROM SERVER remote INTO app;
\endif
\endif
\if :{?app_extra}
SELECT format('IMPORT FOREIGN SCHEMA public LIMIT TO (%I) FROM SERVER remote INTO app', trim(rel))
FROM unnest(string_to_array(:'app_extra', ',')) AS rel
WHERE to_regclass(format('app.%I', trim(rel))) IS NULL \gexec
\endif
\if :{?setup_sessions}
CREATE SERVER IF NOT EXISTS remote2 FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'postgres', host '127.0.0.1', port :'remote_port', dbname 'pagila');
CREATE USER MAPPING IF NOT EXISTS FOR CURRENT_USER SERVER remote2 OPTIONS (user 'killer', password 'killer_pw');
CREATE FOREIGN TABLE IF NOT EXISTS app.kill_readers (n integer) SERVER remote2
  OPTIONS (schema_name 'public', table_name 'kill_readers');
CREATE FOREIGN TABLE IF NOT EXISTS app.reader_sessions (state text, query text) SERVER remote2
  OPTIONS (schema_name 'public', table_name 'reader_sessions');
\endif
RESET client_min_messages;
\set ECHO all
