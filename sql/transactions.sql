-- One remote REPEATABLE READ READ ONLY transaction per local transaction;
-- savepoints for subtransactions; broken connections are replaced.
\set app_extra 'div0'
\i sql/setup/common.sql
\getenv remote_port WFDW_REMOTE_PORT
SET search_path = app, public;
CREATE SERVER remote2 FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'postgres', host '127.0.0.1', port :'remote_port', dbname 'pagila');
-- killer may terminate reader's sessions; used to break connections.
CREATE USER MAPPING FOR CURRENT_USER SERVER remote2 OPTIONS (user 'killer', password 'killer_pw');
CREATE FOREIGN TABLE kill_readers (n integer) SERVER remote2 OPTIONS (schema_name 'public', table_name 'kill_readers');
CREATE FOREIGN TABLE reader_sessions (state text, query text) SERVER remote2
  OPTIONS (schema_name 'public', table_name 'reader_sessions');


-- Two scans in one local transaction see one snapshot: a row another remote
-- session commits meanwhile is invisible until the local transaction ends.
BEGIN;
SELECT count(*) FROM snap;
SELECT state, count(*) FROM reader_sessions GROUP BY state;
\! PGPASSWORD=writer_pw psql -X -q -h 127.0.0.1 -p "$WFDW_REMOTE_PORT" -U writer -d pagila -c 'INSERT INTO snap VALUES (2)'
SELECT count(*) FROM snap;
COMMIT;
SELECT count(*) FROM snap;
SELECT state, count(*) FROM reader_sessions GROUP BY state;
-- (a local SERIALIZABLE transaction gets a SERIALIZABLE remote one.)
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT count(*) FROM t1 WHERE id < 3;
COMMIT;

-- A failing statement inside a subtransaction leaves the connection usable.
BEGIN;
SELECT count(*) FROM t1 WHERE id < 3;
SAVEPOINT a;
SELECT * FROM div0;
ROLLBACK TO SAVEPOINT a;
SELECT count(*) FROM t1 WHERE id < 5;
SAVEPOINT b;
SELECT count(*) FROM t1 WHERE id < 6;
RELEASE SAVEPOINT b;
COMMIT;
-- The same through PL/pgSQL exception blocks.
DO $$
DECLARE n integer;
BEGIN
  FOR i IN 1..3 LOOP
    BEGIN
      PERFORM * FROM app.div0;
    EXCEPTION WHEN division_by_zero THEN
      SELECT count(*) INTO n FROM app.t1 WHERE id <= i;
      RAISE NOTICE 'caught, then % rows', n;
    END;
  END LOOP;
END $$;

-- A cursor open across batches while another scan uses the same connection.
BEGIN;
DECLARE c CURSOR FOR SELECT id FROM t1 ORDER BY id;
FETCH 2 FROM c;
SELECT count(*) FROM t1 WHERE id > 19990;
FETCH 2 FROM c;
CLOSE c;
COMMIT;
ALTER SERVER remote OPTIONS (SET fetch_size '3');
-- Two scans of the same server interleaved (nested loop): each keeps its batch.
SELECT a.id, b.id FROM t1 a JOIN t1 b ON b.id = a.id + 1 WHERE a.id < 8 AND b.id < 9 ORDER BY 1;
ALTER SERVER remote OPTIONS (SET fetch_size '1000');

-- Broken connection: the remote session is terminated between queries; the
-- next query outside a transaction reconnects transparently.
SELECT count(*) FROM t1 WHERE id < 4;
SELECT n > 0 AS killed FROM kill_readers;
SELECT count(*) FROM t1 WHERE id < 4;
-- Inside a transaction that already used it, the loss is reported ...
BEGIN;
SELECT count(*) FROM t1 WHERE id < 4;
SELECT n > 0 AS killed FROM kill_readers;
SELECT show_error('SELECT count(*) FROM app.t1');
ROLLBACK;
-- ... and the next transaction works again.
SELECT count(*) FROM t1 WHERE id < 4;

-- keep_connections off: the remote session ends with the local transaction.
-- The remote backend exits a moment after the connection closes: poll (one
-- transaction per look, since a transaction sees one pg_stat_activity
-- snapshot) for up to 10 s until it is gone.
CREATE PROCEDURE wait_reader_sessions(INOUT reader_sessions bigint) LANGUAGE plpgsql AS $$
DECLARE wanted bigint := reader_sessions;
BEGIN
  FOR i IN 1..200 LOOP
    SELECT count(*) INTO reader_sessions FROM reader_sessions;
    EXIT WHEN reader_sessions = wanted;
    COMMIT;
    PERFORM pg_sleep(0.05);
  END LOOP;
END $$;
ALTER SERVER remote OPTIONS (SET keep_connections 'off');
SELECT count(*) FROM t1 WHERE id < 4;
CALL wait_reader_sessions(0);
ALTER SERVER remote OPTIONS (SET keep_connections 'on');
SELECT count(*) FROM t1 WHERE id < 4;
SELECT count(*) AS reader_sessions FROM reader_sessions;
-- Leave snap as the fixture made it, so that the suite can run again.
\! PGPASSWORD=writer_pw psql -X -q -h 127.0.0.1 -p "$WFDW_REMOTE_PORT" -U writer -d pagila -c 'DELETE FROM snap' -c 'INSERT INTO snap VALUES (1)'
