-- Every common type round-trips exactly (the remote session is pinned to
-- UTC, ISO dates and full float precision), whatever the local settings.
\set setup_app 1
\i sql/setup/common.sql
SET search_path = app, public;
SET timezone = 'America/New_York';
SET datestyle = 'SQL, DMY';
SET intervalstyle = 'sql_standard';
SET extra_float_digits = 0;
SELECT * FROM types_table ORDER BY id;
RESET ALL;
SET search_path = app, public;
-- The same rows through the foreign table and as the remote has them
-- (text forms computed remotely by a view would hide conversion bugs, so
-- compare values: a row-by-row equality against literals of the remote data).
SELECT id,
       c_num = 1234567890.1234 AS num_exact,
       c_numfree = 0.000000000000000000001 AS tiny_exact,
       c_float8 = 3.141592653589793 AS float8_exact,
       c_int8 = 9223372036854775807 AS int8_max,
       c_ts = '2024-01-01 12:34:56.789012' AS ts_exact,
       c_tstz = '2024-06-30 21:00:00+00' AS tstz_exact,
       c_interval = '1 year 2 mons 3 days 04:05:06.5' AS interval_exact,
       c_bytea = '\xdeadbeef' AS bytea_exact,
       c_text_arr = ARRAY['x', 'y z', 'q"uote'] AS array_exact
FROM types_table WHERE id = 1;
SELECT id, c_float4, c_float8, c_numfree FROM types_table WHERE id IN (2, 3, 4) ORDER BY id;
SELECT id FROM types_table WHERE c_float4 = 'NaN' OR c_numfree = 'NaN' ORDER BY id;
SELECT id FROM types_table WHERE c_float8 = '-Infinity' OR c_float8 = 'Infinity' ORDER BY id;
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM types_table WHERE c_float8 = 'Infinity';
-- Comparisons on each type are pushed and give the same answer.
EXPLAIN (VERBOSE, COSTS OFF)
SELECT id FROM types_table
WHERE c_date > '2000-01-01' AND c_bytea <> '\x00' AND c_uuid <> '00000000-0000-0000-0000-000000000000'
  AND c_jsonb ? 'b' AND c_int_arr @> '{2}' AND c_inet <<= '192.168.0.0/16' AND c_interval > '1 day';
SELECT id FROM types_table
WHERE c_date > '2000-01-01' AND c_bytea <> '\x00' AND c_uuid <> '00000000-0000-0000-0000-000000000000'
  AND c_jsonb ? 'b' AND c_int_arr @> '{2}' AND c_inet <<= '192.168.0.0/16' AND c_interval > '1 day';
-- An enum that exists only remotely arrives as text, and is compared as text
-- on both sides (remote_as_text), so the answer is the same either way.
EXPLAIN (VERBOSE, COSTS OFF) SELECT id, c_mood FROM types_table WHERE c_mood > 'ok' ORDER BY c_mood;
SELECT id, c_mood FROM types_table WHERE c_mood > 'ok' ORDER BY c_mood;
-- A declared type that cannot hold the remote value: the error names the column.
CREATE FOREIGN TABLE narrow (id integer, c_int8 integer) SERVER remote
  OPTIONS (schema_name 'public', table_name 'types_table');
SELECT id, c_int8 FROM narrow ORDER BY id;
CREATE FOREIGN TABLE narrow_char (id integer, c_text varchar(3)) SERVER remote
  OPTIONS (schema_name 'public', table_name 'types_table');
SELECT id, c_text FROM narrow_char WHERE id = 1;
DROP FOREIGN TABLE narrow, narrow_char;
