-- String literals with quotes, backslashes, newlines and unicode are escaped
-- for the remote; results equal the remote's own.
\set setup_app 1
\i sql/setup/common.sql
SET search_path = app, public;
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM types_table WHERE c_text = E'quote \' backslash \\ newline \n tab \t end';
SELECT id FROM types_table WHERE c_text = E'quote \' backslash \\ newline \n tab \t end';
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM types_table WHERE c_varchar = 'O''Reilly' OR c_varchar = 'ünïcödé ✓';
SELECT id FROM types_table WHERE c_varchar = 'O''Reilly' OR c_varchar = 'ünïcödé ✓' ORDER BY id;
-- standard_conforming_strings off locally: the literal still means the same.
SET standard_conforming_strings = off;
SELECT id FROM types_table WHERE c_text = E'quote \' backslash \\ newline \n tab \t end';
RESET standard_conforming_strings;
-- Injection attempts are data.
SELECT count(*) FROM types_table WHERE c_text = $$'; DROP TABLE t1; --$$;
SELECT count(*) FROM types_table WHERE c_text = E'\\''; SELECT 1; --';
EXPLAIN (VERBOSE, COSTS OFF) SELECT count(*) FROM types_table WHERE c_text = E'\\''; SELECT 1; --';
SELECT count(*) FROM t1;
-- LIKE with escapes.
SELECT id FROM types_table WHERE c_text LIKE 'quote '' backslash \\\\%' ORDER BY id;
SELECT id FROM types_table WHERE c_text LIKE 'quote '' backslash \\%' ORDER BY id;
SELECT id FROM types_table WHERE c_text LIKE '%\_%' ORDER BY id;
-- Empty strings and NULLs are different.
SELECT id FROM types_table WHERE c_text = '' ORDER BY id;
SELECT id FROM types_table WHERE c_text IS NULL ORDER BY id;
-- Array literals with quotes and NULL elements.
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM types_table WHERE c_text_arr = '{"x","y z","q\"uote"}';
SELECT id FROM types_table WHERE c_text_arr = '{"x","y z","q\"uote"}';
SELECT id FROM types_table WHERE c_text_arr = ARRAY[NULL, ''];
SELECT id FROM types_table WHERE c_text_arr = '{"NULL"}';
-- Numbers: negatives, exponents, numeric precision.
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM types_table WHERE c_int8 = -9223372036854775808 OR c_num = -0.0001 OR c_numfree = -1e30;
SELECT id FROM types_table WHERE c_int8 = -9223372036854775808 OR c_num = -0.0001 OR c_numfree = -1e30;
SELECT id FROM t1 WHERE -id = -5;
