-- What is pushed to the remote and what stays local. Each EXPLAIN shows the
-- Remote SQL; queries show that results are right either way.
\set setup_app 1
\i sql/setup/common.sql
SET search_path = app, public;

-- Projection: only referenced columns travel.
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM t1;
EXPLAIN (VERBOSE, COSTS OFF) SELECT count(*) FROM t1;

-- WHERE: comparisons, arithmetic, boolean logic.
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM t1 WHERE id + 1 > 19990 AND grp * 2 <> 4 AND NOT flag;
SELECT id FROM t1 WHERE id + 1 > 19990 AND grp * 2 <> 4 AND NOT flag ORDER BY id;
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM t1 WHERE (id < 3 OR id > 19998) AND amount IS NOT NULL;
-- IN / = ANY / <> ALL, IS [NOT] NULL, IS [NOT] TRUE, DISTINCT FROM.
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM t1 WHERE id IN (1, 2, 3) AND val IS NOT NULL;
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM t1 WHERE grp = ANY ('{1,2}') AND id <> ALL (ARRAY[1, 2]) AND id < 20;
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM t1 WHERE flag IS NOT TRUE AND val IS DISTINCT FROM 'val 3' AND id < 12;
SELECT id, flag, val FROM t1 WHERE flag IS NOT TRUE AND val IS DISTINCT FROM 'val 3' AND id < 12 ORDER BY id;
-- LIKE, ILIKE, regular expressions.
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM t1 WHERE val LIKE 'val 9%' AND val ILIKE '%V 9_' AND val ~ '^val [0-9]+$';
SELECT count(*) FROM t1 WHERE val LIKE 'val 9%' AND val ILIKE '%V 9_' AND val ~ '^val [0-9]+$';
-- CASE, COALESCE, NULLIF, GREATEST, casts, functions.
EXPLAIN (VERBOSE, COSTS OFF)
SELECT id FROM t1
WHERE CASE WHEN grp = 1 THEN 'one' WHEN grp = 2 THEN 'two' ELSE 'many' END = 'two'
  AND COALESCE(amount, 0) > 10 AND NULLIF(grp, 2) IS NULL AND GREATEST(id, 5) = id
  AND id::numeric / 3 > 1.5 AND length(val) = 5 AND upper(val) LIKE 'VAL%' AND abs(-id) < 100;
SELECT count(*) FROM t1
WHERE CASE WHEN grp = 1 THEN 'one' WHEN grp = 2 THEN 'two' ELSE 'many' END = 'two'
  AND COALESCE(amount, 0) > 10 AND NULLIF(grp, 2) IS NULL AND GREATEST(id, 5) = id
  AND id::numeric / 3 > 1.5 AND length(val) = 5 AND upper(val) LIKE 'VAL%' AND abs(-id) < 100;
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM t1 WHERE CASE grp WHEN 3 THEN true ELSE false END AND id < 10;
-- Date/time: immutable expressions are shipped.
EXPLAIN (VERBOSE, COSTS OFF)
SELECT id FROM t1 WHERE date_trunc('day', ts) = '2026-01-02' AND extract(hour FROM ts) = 3 AND ts::date = '2026-01-02';
SELECT id, ts FROM t1 WHERE date_trunc('day', ts) = '2026-01-02' AND extract(hour FROM ts) = 3 AND ts::date = '2026-01-02' ORDER BY id;

-- Quals that must stay local.
-- Mutable functions (now(), random()): evaluated locally.
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM t1 WHERE ts > now() - interval '100 years' AND random() >= 0 AND id < 3;
-- timestamptz to text depends on the local TimeZone/DateStyle: stable, kept local.
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM t1 WHERE tstz::text LIKE '2026-01-01%' AND id < 3;
-- Non-default collation.
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM t1 WHERE val COLLATE "C" > 'val 5' AND id < 100;
-- A user-defined function stays local (a SQL function the planner inlines
-- into built-in operators is shipped as those operators).
CREATE FUNCTION local_double(integer) RETURNS integer IMMUTABLE LANGUAGE plpgsql AS 'BEGIN RETURN $1 * 2; END';
CREATE FUNCTION inlined_double(integer) RETURNS integer IMMUTABLE LANGUAGE sql AS 'SELECT $1 * 2';
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM t1 WHERE local_double(id) = 10;
SELECT id FROM t1 WHERE local_double(id) = 10;
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM t1 WHERE inlined_double(id) = 10;
-- Constants are printed in ISO form whatever the local DateStyle, so a
-- remote reading another date order gets the same date.
SHOW datestyle;
SET datestyle = 'SQL, DMY';
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM t1 WHERE ts >= '02/01/2026 10:00' AND ts < '2026-01-02 11:00';
SELECT id, ts FROM t1 WHERE ts >= '02/01/2026 10:00' AND ts < '2026-01-02 11:00' ORDER BY id;
RESET datestyle;

-- ORDER BY: explicit NULLS FIRST/LAST, and no local Sort.
EXPLAIN (VERBOSE, COSTS OFF) SELECT id, val FROM t1 ORDER BY val DESC, id;
EXPLAIN (VERBOSE, COSTS OFF) SELECT id, val FROM t1 ORDER BY val NULLS FIRST, id DESC NULLS LAST;
-- NULL ordering is PostgreSQL's: NULLs last ascending, first descending.
SELECT id, val FROM t1 WHERE id IN (10, 11, 12, 22, 33) ORDER BY val, id;
SELECT id, val FROM t1 WHERE id IN (10, 11, 12, 22, 33) ORDER BY val DESC, id;
SELECT id, val FROM t1 WHERE id IN (10, 11, 12, 22, 33) ORDER BY val NULLS FIRST, id;
SELECT id, val FROM t1 WHERE id IN (10, 11, 12, 22, 33) ORDER BY val DESC NULLS LAST, id;
-- A sort by a non-default operator class is done locally.
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM t1 ORDER BY val USING ~<~, id;

-- LIMIT/OFFSET with ORDER BY: pushed when every qual is remote.
EXPLAIN (VERBOSE, COSTS OFF) SELECT id, val FROM t1 WHERE grp = 3 ORDER BY id DESC LIMIT 5 OFFSET 2;
SELECT id, val FROM t1 WHERE grp = 3 ORDER BY id DESC LIMIT 5 OFFSET 2;
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM t1 LIMIT 3;
-- Never over a qual that stayed local: LIMIT and ORDER BY run locally.
EXPLAIN (VERBOSE, COSTS OFF) SELECT id, val FROM t1 WHERE val COLLATE "C" > 'val 5' ORDER BY id LIMIT 3;
SELECT id, val FROM t1 WHERE val COLLATE "C" > 'val 5' ORDER BY id LIMIT 3;
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM t1 WHERE local_double(id) > 10 LIMIT 2;
-- Not with FETCH FIRST ... WITH TIES, nor with a parameter as the count (generic plan).
EXPLAIN (VERBOSE, COSTS OFF) SELECT id, grp FROM t1 ORDER BY grp FETCH FIRST 2 ROWS WITH TIES;
PREPARE lim(bigint) AS SELECT id FROM t1 ORDER BY id LIMIT $1;
EXPLAIN (VERBOSE, COSTS OFF) EXECUTE lim(2);
SET plan_cache_mode = force_generic_plan;
EXPLAIN (VERBOSE, COSTS OFF) EXECUTE lim(2);
EXECUTE lim(2);
RESET plan_cache_mode;
DEALLOCATE lim;
-- An aggregate with GROUP BY, ORDER BY and LIMIT is one remote query.
EXPLAIN (VERBOSE, COSTS OFF) SELECT grp, count(*) FROM t1 GROUP BY grp ORDER BY grp LIMIT 2;
SELECT grp, count(*) FROM t1 GROUP BY grp ORDER BY grp LIMIT 2;
EXPLAIN (VERBOSE, COSTS OFF) SELECT DISTINCT grp FROM t1 ORDER BY grp LIMIT 2;

-- Parameterized scans: a nested loop with a local table sends the join key.
CREATE TABLE local_ids (id integer PRIMARY KEY, note text);
INSERT INTO local_ids VALUES (1, 'one'), (55, 'fifty-five'), (19999, 'last but one'), (30000, 'missing');
ANALYZE local_ids;
ALTER FOREIGN TABLE t1 OPTIONS (ADD use_remote_estimate 'true');
EXPLAIN (VERBOSE, COSTS OFF) SELECT l.note, t.val FROM local_ids l JOIN t1 t ON t.id = l.id;
SELECT l.note, t.val FROM local_ids l JOIN t1 t ON t.id = l.id ORDER BY l.id;
EXPLAIN (ANALYZE, VERBOSE, COSTS OFF, TIMING OFF, SUMMARY OFF)
SELECT l.note, t.val FROM local_ids l JOIN t1 t ON t.id = l.id;
-- A join key that cannot be shipped (collation) stays a local join qual.
EXPLAIN (VERBOSE, COSTS OFF)
SELECT l.note, t.id FROM local_ids l JOIN t1 t ON t.val = l.note COLLATE "C";
ALTER FOREIGN TABLE t1 OPTIONS (DROP use_remote_estimate);

-- Parameters from the outer query (initplans, prepared statements).
EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM t1 WHERE id = (SELECT max(id) FROM local_ids WHERE id < 100);
SELECT id FROM t1 WHERE id = (SELECT max(id) FROM local_ids WHERE id < 100);
PREPARE by_id(integer) AS SELECT id, val FROM t1 WHERE id = $1;
EXECUTE by_id(7);
EXECUTE by_id(8);
DEALLOCATE by_id;

-- EXPLAIN ANALYZE shows rows fetched, round trips and bytes received.
EXPLAIN (ANALYZE, VERBOSE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT id FROM t1 WHERE id <= 2500;
ALTER FOREIGN TABLE t1 OPTIONS (ADD fetch_size '100');
EXPLAIN (ANALYZE, VERBOSE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT id FROM t1 WHERE id <= 2500;
ALTER FOREIGN TABLE t1 OPTIONS (DROP fetch_size);
