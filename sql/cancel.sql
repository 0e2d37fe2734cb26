-- Ctrl-C and statement_timeout during a slow remote query: the query returns
-- promptly, the remote query is cancelled (the remote backend goes idle),
-- and the next query on that connection works.
\set app_extra 'slow'
\set setup_sessions 1
\i sql/setup/common.sql
SET search_path = app, public;
SELECT clock_timestamp() AS t0 \gset
SET statement_timeout = '500ms';
SELECT * FROM slow;
RESET statement_timeout;
-- While it runs, the remote query is visible to the checks below.
SELECT count(*) AS reader_sessions_seen FROM reader_sessions;
-- The remote view sleeps 30 s: returning within 10 s means we did not wait for it.
SELECT clock_timestamp() - :'t0'::timestamptz < interval '10 seconds' AS returned_promptly;
-- No remote query of the reader is still running.
SELECT state, count(*) FROM reader_sessions WHERE query LIKE '%slow%' GROUP BY state;
SELECT count(*) FROM t1 WHERE id < 10;

-- Inside a transaction with a savepoint: roll back and carry on.
BEGIN;
SELECT count(*) FROM t1 WHERE id < 10;
SAVEPOINT s;
SET LOCAL statement_timeout = '300ms';
SELECT * FROM slow;
ROLLBACK TO SAVEPOINT s;
SELECT count(*) FROM t1 WHERE id < 20;
COMMIT;
SELECT state, count(*) FROM reader_sessions WHERE query LIKE '%slow%' GROUP BY state;

-- Cancelled while connecting is covered by connect_timeout; an unroutable
-- address is not used here (tests stay on 127.0.0.1).
