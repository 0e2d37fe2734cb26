-- Options: validation where they are set, value checks, error hints that
-- list the valid options, superuser-only options, password rules.
\getenv remote_port WFDW_REMOTE_PORT
-- Every suite runs on an updated extension: the previous version, then
-- ALTER EXTENSION ... UPDATE (extension_upgrade compares it with a fresh one).
CREATE EXTENSION warehouse_fdw VERSION '1.1';
ALTER EXTENSION warehouse_fdw UPDATE;
SELECT extversion FROM pg_extension WHERE extname = 'warehouse_fdw';

-- Runs a statement and reports its error: SQLSTATE, message, detail, hint,
-- with the remote port masked, and whether `secret` leaked into any of them.
CREATE FUNCTION show_error(stmt text, secret text DEFAULT NULL) RETURNS SETOF text LANGUAGE plpgsql AS $$
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
SELECT set_config('wfdw.remote_port', :'remote_port', false) IS NOT NULL AS port_set;
-- Every later test session masks the port too.
ALTER DATABASE contrib_regression SET wfdw.remote_port FROM CURRENT;

-- A server needs a provider, a known one.
CREATE SERVER bad FOREIGN DATA WRAPPER warehouse_fdw OPTIONS (host '127.0.0.1');
CREATE SERVER bad FOREIGN DATA WRAPPER warehouse_fdw OPTIONS (provider 'oracle');
-- Unknown option names list the valid ones for the provider and object.
CREATE SERVER bad FOREIGN DATA WRAPPER warehouse_fdw OPTIONS (provider 'postgres', hots '127.0.0.1');
-- Values are checked: integers, booleans, costs, durations.
CREATE SERVER bad FOREIGN DATA WRAPPER warehouse_fdw OPTIONS (provider 'postgres', fetch_size '0');
CREATE SERVER bad FOREIGN DATA WRAPPER warehouse_fdw OPTIONS (provider 'postgres', fetch_size '10k');
CREATE SERVER bad FOREIGN DATA WRAPPER warehouse_fdw OPTIONS (provider 'postgres', port 'fivethousand');
CREATE SERVER bad FOREIGN DATA WRAPPER warehouse_fdw OPTIONS (provider 'postgres', use_remote_estimate 'maybe');
CREATE SERVER bad FOREIGN DATA WRAPPER warehouse_fdw OPTIONS (provider 'postgres', fdw_startup_cost '-1');
CREATE SERVER bad FOREIGN DATA WRAPPER warehouse_fdw OPTIONS (provider 'postgres', connect_timeout '5 parsecs');
CREATE SERVER bad FOREIGN DATA WRAPPER warehouse_fdw OPTIONS (provider 'postgres', keep_connections 'yes please');
-- Options of other objects are not accepted on a server.
CREATE SERVER bad FOREIGN DATA WRAPPER warehouse_fdw OPTIONS (provider 'postgres', table_name 't');
CREATE SERVER bad FOREIGN DATA WRAPPER warehouse_fdw OPTIONS (provider 'postgres', password 'secret');

CREATE SERVER remote FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'postgres', host '127.0.0.1', port :'remote_port', dbname 'pagila',
           connect_timeout '10s', fetch_size '500');
ALTER SERVER remote OPTIONS (SET fetch_size '1000', ADD keep_connections 'on');
ALTER SERVER remote OPTIONS (SET fetch_size 'lots');

-- User mappings.
CREATE USER MAPPING FOR CURRENT_USER SERVER remote OPTIONS (user 'reader', pasword 'reader_pw');
CREATE USER MAPPING FOR CURRENT_USER SERVER remote OPTIONS (user 'reader', password 'reader_pw');
SELECT warehouse_fdw_test_connection('remote');

-- Foreign tables and columns.
CREATE FOREIGN TABLE ft_bad (a int) SERVER remote OPTIONS (tablename 't1');
CREATE FOREIGN TABLE ft_bad (a int) SERVER remote OPTIONS (fetch_size '-5');
CREATE FOREIGN TABLE ft_bad (a int OPTIONS (colname 'id')) SERVER remote;
CREATE FOREIGN TABLE ft_bad (a int OPTIONS (remote_as_text 'sometimes')) SERVER remote;
CREATE FOREIGN TABLE ft_t1 (id int OPTIONS (column_name 'id'), v text OPTIONS (column_name 'val'))
  SERVER remote OPTIONS (schema_name 'public', table_name 't1', fetch_size '100');
SELECT id, v FROM ft_t1 WHERE id <= 3 ORDER BY id;
DROP FOREIGN TABLE ft_t1;

-- Superuser-only options and password rules for non-superusers.
CREATE ROLE regress_wfdw_user LOGIN;
GRANT USAGE ON FOREIGN DATA WRAPPER warehouse_fdw TO regress_wfdw_user;
GRANT USAGE ON FOREIGN SERVER remote TO regress_wfdw_user;
SET ROLE regress_wfdw_user;
CREATE SERVER user_server FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'postgres', host '127.0.0.1', sslkey '/etc/ssl/private/key.pem');
CREATE USER MAPPING FOR CURRENT_USER SERVER remote OPTIONS (user 'reader', password_required 'false');
-- No password in the mapping: refused before connecting.
CREATE USER MAPPING FOR CURRENT_USER SERVER remote OPTIONS (user 'reader');
SELECT warehouse_fdw_test_connection('remote');
-- With a password it works.
ALTER USER MAPPING FOR CURRENT_USER SERVER remote OPTIONS (ADD password 'reader_pw');
SELECT warehouse_fdw_test_connection('remote');
RESET ROLE;

-- A wrong password: the error says why, and never shows the password.
CREATE SERVER remote_badpw FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'postgres', host '127.0.0.1', port :'remote_port', dbname 'pagila');
CREATE USER MAPPING FOR CURRENT_USER SERVER remote_badpw OPTIONS (user 'reader', password 'Very$ecret-Wrong');
SELECT show_error($$SELECT warehouse_fdw_test_connection('remote_badpw')$$, 'Very$ecret-Wrong');
-- Nothing listening: host and port in the message.
CREATE SERVER remote_closed FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'postgres', host '127.0.0.1', port '1', dbname 'pagila');
CREATE USER MAPPING FOR CURRENT_USER SERVER remote_closed OPTIONS (user 'reader', password 'Very$ecret-Wrong');
SELECT show_error($$SELECT warehouse_fdw_test_connection('remote_closed')$$, 'Very$ecret-Wrong');
-- No user mapping.
CREATE SERVER remote_nomap FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'postgres', host '127.0.0.1', port :'remote_port', dbname 'pagila');
SELECT warehouse_fdw_test_connection('remote_nomap');
SELECT warehouse_fdw_test_connection('no_such_server');
SET client_min_messages = warning;
DROP SERVER remote_badpw, remote_closed, remote_nomap CASCADE;
RESET client_min_messages;

-- ALTER SERVER takes effect on the next query (the cached connection is dropped).
ALTER SERVER remote OPTIONS (SET dbname 'no_such_db');
SELECT show_error($$SELECT warehouse_fdw_test_connection('remote')$$, 'reader_pw');
ALTER SERVER remote OPTIONS (SET dbname 'pagila');
SELECT warehouse_fdw_test_connection('remote');

-- Roles are cluster-wide: leave none behind.
DROP OWNED BY regress_wfdw_user;
DROP ROLE regress_wfdw_user;
