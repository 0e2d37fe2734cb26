-- Read-only statements of PostgreSQL 15's contrib/postgres_fdw/sql/postgres_fdw.sql
-- (release 15.18), tagged for tests/upstream/run.py by tests/upstream/port.py. Statements
-- that are not run are kept as comments under a "skip:<group>" tag; run.py lists the
-- groups with their reasons. Tags: "-- @L<upstream line> <kind>" (see port.py).
--
-- The statements are taken from PostgreSQL, which carries this notice:
--
-- PostgreSQL Database Management System
-- (also known as Postgres, formerly known as Postgres95)
--
-- Portions Copyright (c) 1996-2026, PostgreSQL Global Development Group
--
-- Portions Copyright (c) 1994, The Regents of the University of California
--
-- Permission to use, copy, modify, and distribute this software and its
-- documentation for any purpose, without fee, and without a written agreement
-- is hereby granted, provided that the above copyright notice and this
-- paragraph and the following two paragraphs appear in all copies.
--
-- IN NO EVENT SHALL THE UNIVERSITY OF CALIFORNIA BE LIABLE TO ANY PARTY FOR
-- DIRECT, INDIRECT, SPECIAL, INCIDENTAL, OR CONSEQUENTIAL DAMAGES, INCLUDING
-- LOST PROFITS, ARISING OUT OF THE USE OF THIS SOFTWARE AND ITS
-- DOCUMENTATION, EVEN IF THE UNIVERSITY OF CALIFORNIA HAS BEEN ADVISED OF THE
-- POSSIBILITY OF SUCH DAMAGE.
--
-- THE UNIVERSITY OF CALIFORNIA SPECIFICALLY DISCLAIMS ANY WARRANTIES,
-- INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES OF MERCHANTABILITY
-- AND FITNESS FOR A PARTICULAR PURPOSE.  THE SOFTWARE PROVIDED HEREUNDER IS
-- ON AN "AS IS" BASIS, AND THE UNIVERSITY OF CALIFORNIA HAS NO OBLIGATIONS TO
-- PROVIDE MAINTENANCE, SUPPORT, UPDATES, ENHANCEMENTS, OR MODIFICATIONS.


-- ==== create FDW objects ====
-- @L5 skip:fdw-objects
-- CREATE EXTENSION postgres_fdw;
-- @L7 skip:fdw-objects
-- CREATE SERVER testserver1 FOREIGN DATA WRAPPER postgres_fdw;
-- @L8 skip:fdw-objects
-- DO $d$
--     BEGIN
--         EXECUTE $$CREATE SERVER loopback FOREIGN DATA WRAPPER postgres_fdw
--             OPTIONS (dbname '$$||current_database()||$$',
--                      port '$$||current_setting('port')||$$'
--             )$$;
--         EXECUTE $$CREATE SERVER loopback2 FOREIGN DATA WRAPPER postgres_fdw
--             OPTIONS (dbname '$$||current_database()||$$',
--                      port '$$||current_setting('port')||$$'
--             )$$;
--         EXECUTE $$CREATE SERVER loopback3 FOREIGN DATA WRAPPER postgres_fdw
--             OPTIONS (dbname '$$||current_database()||$$',
--                      port '$$||current_setting('port')||$$'
--             )$$;
--     END;
-- $d$;
-- @L25 skip:fdw-objects
-- CREATE USER MAPPING FOR public SERVER testserver1
-- 	OPTIONS (user 'value', password 'value');
-- @L27 skip:fdw-objects
-- CREATE USER MAPPING FOR CURRENT_USER SERVER loopback;
-- @L28 skip:fdw-objects
-- CREATE USER MAPPING FOR CURRENT_USER SERVER loopback2;
-- @L29 skip:fdw-objects
-- CREATE USER MAPPING FOR public SERVER loopback3;

-- ==== create objects used through FDW loopback server ====
-- @L34 all
CREATE TYPE user_enum AS ENUM ('foo', 'bar', 'buz');
-- @L35 all
CREATE SCHEMA "S 1";
-- @L36 all
CREATE TABLE "S 1"."T 1" (
	"C 1" int NOT NULL,
	c2 int NOT NULL,
	c3 text,
	c4 timestamptz,
	c5 timestamp,
	c6 varchar(10),
	c7 char(10),
	c8 user_enum,
	CONSTRAINT t1_pkey PRIMARY KEY ("C 1")
);
-- @L47 all
CREATE TABLE "S 1"."T 2" (
	c1 int NOT NULL,
	c2 text,
	CONSTRAINT t2_pkey PRIMARY KEY (c1)
);
-- @L52 all
CREATE TABLE "S 1"."T 3" (
	c1 int NOT NULL,
	c2 int NOT NULL,
	c3 text,
	CONSTRAINT t3_pkey PRIMARY KEY (c1)
);
-- @L58 all
CREATE TABLE "S 1"."T 4" (
	c1 int NOT NULL,
	c2 int NOT NULL,
	c3 text,
	CONSTRAINT t4_pkey PRIMARY KEY (c1)
);
-- @L66 all
ALTER TABLE "S 1"."T 1" SET (autovacuum_enabled = 'false');
-- @L67 all
ALTER TABLE "S 1"."T 2" SET (autovacuum_enabled = 'false');
-- @L68 all
ALTER TABLE "S 1"."T 3" SET (autovacuum_enabled = 'false');
-- @L69 all
ALTER TABLE "S 1"."T 4" SET (autovacuum_enabled = 'false');
-- @L71 all
INSERT INTO "S 1"."T 1"
	SELECT id,
	       id % 10,
	       to_char(id, 'FM00000'),
	       '1970-01-01'::timestamptz + ((id % 100) || ' days')::interval,
	       '1970-01-01'::timestamp + ((id % 100) || ' days')::interval,
	       id % 10,
	       id % 10,
	       'foo'::user_enum
	FROM generate_series(1, 1000) id;
-- @L81 all
INSERT INTO "S 1"."T 2"
	SELECT id,
	       'AAA' || to_char(id, 'FM000')
	FROM generate_series(1, 100) id;
-- @L85 all
INSERT INTO "S 1"."T 3"
	SELECT id,
	       id + 1,
	       'AAA' || to_char(id, 'FM000')
	FROM generate_series(1, 100) id;
-- @L90 all
DELETE FROM "S 1"."T 3" WHERE c1 % 2 != 0;
-- @L91 all
INSERT INTO "S 1"."T 4"
	SELECT id,
	       id + 1,
	       'AAA' || to_char(id, 'FM000')
	FROM generate_series(1, 100) id;
-- @L96 all
DELETE FROM "S 1"."T 4" WHERE c1 % 3 != 0;
-- @L98 all
ANALYZE "S 1"."T 1";
-- @L99 all
ANALYZE "S 1"."T 2";
-- @L100 all
ANALYZE "S 1"."T 3";
-- @L101 all
ANALYZE "S 1"."T 4";

-- ==== create foreign tables ====
-- @L106 both
CREATE FOREIGN TABLE ft1 (
	c0 int,
	c1 int NOT NULL,
	c2 int NOT NULL,
	c3 text,
	c4 timestamptz,
	c5 timestamp,
	c6 varchar(10),
	c7 char(10) default 'ft1',
	c8 user_enum
) SERVER loopback;
-- @L117 both
ALTER FOREIGN TABLE ft1 DROP COLUMN c0;
-- @L119 both
CREATE FOREIGN TABLE ft2 (
	c1 int NOT NULL,
	c2 int NOT NULL,
	cx int,
	c3 text,
	c4 timestamptz,
	c5 timestamp,
	c6 varchar(10),
	c7 char(10) default 'ft2',
	c8 user_enum
) SERVER loopback;
-- @L130 both
ALTER FOREIGN TABLE ft2 DROP COLUMN cx;
-- @L132 both
CREATE FOREIGN TABLE ft4 (
	c1 int NOT NULL,
	c2 int NOT NULL,
	c3 text
) SERVER loopback OPTIONS (schema_name 'S 1', table_name 'T 3');
-- @L138 both
CREATE FOREIGN TABLE ft5 (
	c1 int NOT NULL,
	c2 int NOT NULL,
	c3 text
) SERVER loopback OPTIONS (schema_name 'S 1', table_name 'T 4');
-- @L144 both
CREATE FOREIGN TABLE ft6 (
	c1 int NOT NULL,
	c2 int NOT NULL,
	c3 text
) SERVER loopback2 OPTIONS (schema_name 'S 1', table_name 'T 4');
-- @L150 both
CREATE FOREIGN TABLE ft7 (
	c1 int NOT NULL,
	c2 int NOT NULL,
	c3 text
) SERVER loopback3 OPTIONS (schema_name 'S 1', table_name 'T 4');

-- ==== tests for validator ====
-- @L161 skip:validator
-- ALTER SERVER testserver1 OPTIONS (
-- 	use_remote_estimate 'false',
-- 	updatable 'true',
-- 	fdw_startup_cost '123.456',
-- 	fdw_tuple_cost '0.123',
-- 	service 'value',
-- 	connect_timeout 'value',
-- 	dbname 'value',
-- 	host 'value',
-- 	hostaddr 'value',
-- 	port 'value',
-- 	
-- 	application_name 'value',
-- 	
-- 	keepalives 'value',
-- 	keepalives_idle 'value',
-- 	keepalives_interval 'value',
-- 	tcp_user_timeout 'value',
-- 	
-- 	sslcompression 'value',
-- 	sslmode 'value',
-- 	sslcert 'value',
-- 	sslkey 'value',
-- 	sslrootcert 'value',
-- 	sslcrl 'value',
-- 	
-- 	krbsrvname 'value',
-- 	gsslib 'value'
-- 	
-- );
-- @L193 skip:validator
-- ALTER SERVER testserver1 OPTIONS (ADD extensions 'foo; bar');
-- @L196 skip:validator
-- ALTER SERVER testserver1 OPTIONS (ADD extensions 'foo, bar');
-- @L197 skip:validator
-- ALTER SERVER testserver1 OPTIONS (DROP extensions);
-- @L199 skip:validator
-- ALTER USER MAPPING FOR public SERVER testserver1
-- 	OPTIONS (DROP user, DROP password);
-- @L203 skip:validator
-- ALTER USER MAPPING FOR public SERVER testserver1
-- 	OPTIONS (ADD sslmode 'require');
-- @L207 skip:validator
-- ALTER USER MAPPING FOR public SERVER testserver1
-- 	OPTIONS (ADD sslpassword 'dummy');
-- @L212 skip:validator
-- ALTER USER MAPPING FOR public SERVER testserver1
-- 	OPTIONS (ADD sslkey 'value', ADD sslcert 'value');
-- @L215 both
ALTER FOREIGN TABLE ft1 OPTIONS (schema_name 'S 1', table_name 'T 1');
-- @L216 both
ALTER FOREIGN TABLE ft2 OPTIONS (schema_name 'S 1', table_name 'T 1');
-- @L217 both
ALTER FOREIGN TABLE ft1 ALTER COLUMN c1 OPTIONS (column_name 'C 1');
-- @L218 both
ALTER FOREIGN TABLE ft2 ALTER COLUMN c1 OPTIONS (column_name 'C 1');
-- @L219 skip:psql
-- \det+
-- @L223 skip:psql
-- \set VERBOSITY terse
-- @L224 query
SELECT c3, c4 FROM ft1 ORDER BY c3, c1 LIMIT 1;
-- @L225 skip:reconnection
-- ALTER SERVER loopback OPTIONS (SET dbname 'no such database');
-- @L226 query
SELECT c3, c4 FROM ft1 ORDER BY c3, c1 LIMIT 1;
-- @L227 skip:reconnection
-- DO $d$
--     BEGIN
--         EXECUTE $$ALTER SERVER loopback
--             OPTIONS (SET dbname '$$||current_database()||$$')$$;
--     END;
-- $d$;
-- @L233 query
SELECT c3, c4 FROM ft1 ORDER BY c3, c1 LIMIT 1;
-- @L236 skip:reconnection
-- ALTER USER MAPPING FOR CURRENT_USER SERVER loopback
--   OPTIONS (ADD user 'no such user');
-- @L238 query
SELECT c3, c4 FROM ft1 ORDER BY c3, c1 LIMIT 1;
-- @L239 skip:reconnection
-- ALTER USER MAPPING FOR CURRENT_USER SERVER loopback
--   OPTIONS (DROP user);
-- @L241 query
SELECT c3, c4 FROM ft1 ORDER BY c3, c1 LIMIT 1;
-- @L242 skip:psql
-- \set VERBOSITY default
-- @L247 both
ANALYZE ft1;
-- @L248 both
ALTER FOREIGN TABLE ft2 OPTIONS (use_remote_estimate 'true');

-- ==== test error case for create publication on foreign table ====
-- @L253 skip:publication
-- CREATE PUBLICATION testpub_ftbl FOR TABLE ft1;

-- ==== simple queries ====
-- @L259 explain
EXPLAIN (COSTS OFF) SELECT * FROM ft1 ORDER BY c3, c1 OFFSET 100 LIMIT 10;
-- @L260 query
SELECT * FROM ft1 ORDER BY c3, c1 OFFSET 100 LIMIT 10;
-- @L262 explain
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM ft1 t1 ORDER BY t1.c3, t1.c1, t1.tableoid OFFSET 100 LIMIT 10;
-- @L263 query
SELECT * FROM ft1 t1 ORDER BY t1.c3, t1.c1, t1.tableoid OFFSET 100 LIMIT 10;
-- @L265 explain
EXPLAIN (VERBOSE, COSTS OFF) SELECT t1 FROM ft1 t1 ORDER BY t1.c3, t1.c1 OFFSET 100 LIMIT 10;
-- @L266 query
SELECT t1 FROM ft1 t1 ORDER BY t1.c3, t1.c1 OFFSET 100 LIMIT 10;
-- @L268 query
SELECT * FROM ft1 WHERE false;
-- @L270 explain
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM ft1 t1 WHERE t1.c1 = 101 AND t1.c6 = '1' AND t1.c7 >= '1';
-- @L271 query
SELECT * FROM ft1 t1 WHERE t1.c1 = 101 AND t1.c6 = '1' AND t1.c7 >= '1';
-- @L273 skip:dml-explain
-- EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM ft1 t1 WHERE c1 = 101 FOR UPDATE;
-- @L274 query
SELECT * FROM ft1 t1 WHERE c1 = 101 FOR UPDATE;
-- @L275 explain
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM ft1 t1 WHERE c1 = 102 FOR SHARE;
-- @L276 query
SELECT * FROM ft1 t1 WHERE c1 = 102 FOR SHARE;
-- @L278 query
SELECT COUNT(*) FROM ft1 t1;
-- @L280 query
SELECT * FROM ft1 t1 WHERE t1.c3 IN (SELECT c3 FROM ft2 t2 WHERE c1 <= 10) ORDER BY c1;
-- @L282 query
SELECT * FROM ft1 t1 WHERE t1.c3 = (SELECT MAX(c3) FROM ft2 t2) ORDER BY c1;
-- @L284 query
WITH t1 AS (SELECT * FROM ft1 WHERE c1 <= 10) SELECT t2.c1, t2.c2, t2.c3, t2.c4 FROM t1, ft2 t2 WHERE t1.c1 = t2.c1 ORDER BY t1.c1;
-- @L286 query
SELECT 'fixed', NULL FROM ft1 t1 WHERE c1 = 1;
-- @L288 session
SET enable_hashjoin TO false;
-- @L289 session
SET enable_nestloop TO false;
-- @L291 explain
EXPLAIN (VERBOSE, COSTS OFF)
	SELECT t1.c1, t2."C 1" FROM ft2 t1 JOIN "S 1"."T 1" t2 ON (t1.c1 = t2."C 1") OFFSET 100 LIMIT 10;
-- @L293 query
SELECT t1.c1, t2."C 1" FROM ft2 t1 JOIN "S 1"."T 1" t2 ON (t1.c1 = t2."C 1") OFFSET 100 LIMIT 10;
-- @L296 explain
EXPLAIN (VERBOSE, COSTS OFF)
	SELECT t1.c1, t2."C 1" FROM ft2 t1 LEFT JOIN "S 1"."T 1" t2 ON (t1.c1 = t2."C 1") OFFSET 100 LIMIT 10;
-- @L298 query
SELECT t1.c1, t2."C 1" FROM ft2 t1 LEFT JOIN "S 1"."T 1" t2 ON (t1.c1 = t2."C 1") OFFSET 100 LIMIT 10;
-- @L301 explain
EXPLAIN (VERBOSE, COSTS OFF)
	SELECT t1."C 1" FROM "S 1"."T 1" t1 left join ft1 t2 join ft2 t3 on (t2.c1 = t3.c1) on (t3.c1 = t1."C 1") OFFSET 100 LIMIT 10;
-- @L303 query
SELECT t1."C 1" FROM "S 1"."T 1" t1 left join ft1 t2 join ft2 t3 on (t2.c1 = t3.c1) on (t3.c1 = t1."C 1") OFFSET 100 LIMIT 10;
-- @L307 explain
EXPLAIN (VERBOSE, COSTS OFF)
	SELECT t1."C 1", t2.c1, t3.c1 FROM "S 1"."T 1" t1 left join ft1 t2 full join ft2 t3 on (t2.c1 = t3.c1) on (t3.c1 = t1."C 1") OFFSET 100 LIMIT 10;
-- @L309 query
SELECT t1."C 1", t2.c1, t3.c1 FROM "S 1"."T 1" t1 left join ft1 t2 full join ft2 t3 on (t2.c1 = t3.c1) on (t3.c1 = t1."C 1") OFFSET 100 LIMIT 10;
-- @L311 explain
EXPLAIN (VERBOSE, COSTS OFF)
	SELECT t1."C 1", t2.c1, t3.c1 FROM "S 1"."T 1" t1 full join ft1 t2 full join ft2 t3 on (t2.c1 = t3.c1) on (t3.c1 = t1."C 1") OFFSET 100 LIMIT 10;
-- @L313 query
SELECT t1."C 1", t2.c1, t3.c1 FROM "S 1"."T 1" t1 full join ft1 t2 full join ft2 t3 on (t2.c1 = t3.c1) on (t3.c1 = t1."C 1") OFFSET 100 LIMIT 10;
-- @L314 session
RESET enable_hashjoin;
-- @L315 session
RESET enable_nestloop;
-- @L320 all
CREATE TABLE loct_empty (c1 int NOT NULL, c2 text);
-- @L321 both
CREATE FOREIGN TABLE ft_empty (c1 int NOT NULL, c2 text)
  SERVER loopback OPTIONS (table_name 'loct_empty');
-- @L323 all
INSERT INTO loct_empty
  SELECT id, 'AAA' || to_char(id, 'FM000') FROM generate_series(1, 100) id;
-- @L325 all
DELETE FROM loct_empty;
-- @L326 both
ANALYZE ft_empty;
-- @L327 explain
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM ft_empty ORDER BY c1;
-- @L330 session
SET restrict_nonsystem_relation_kind TO 'foreign-table';
-- @L331 query
SELECT * from ft1 where c1 < 1;
-- @L332 pgf
INSERT INTO ft1 (c1) VALUES (1);
-- @L333 pgf
DELETE FROM ft1 WHERE c1 = 1;
-- @L334 pgf
TRUNCATE ft1;
-- @L335 session
RESET restrict_nonsystem_relation_kind;

-- ==== WHERE with remotely-executable conditions ====
-- @L340 explain
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM ft1 t1 WHERE t1.c1 = 1;
-- @L341 explain
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM ft1 t1 WHERE t1.c1 = 100 AND t1.c2 = 0;
-- @L342 explain
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM ft1 t1 WHERE c1 IS NULL;
-- @L343 explain
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM ft1 t1 WHERE c1 IS NOT NULL;
-- @L344 explain
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM ft1 t1 WHERE round(abs(c1), 0) = 1;
-- @L345 explain
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM ft1 t1 WHERE c1 = -c1;
-- @L346 explain
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM ft1 t1 WHERE (c1 IS NOT NULL) IS DISTINCT FROM (c1 IS NOT NULL);
-- @L347 explain
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM ft1 t1 WHERE c1 = ANY(ARRAY[c2, 1, c1 + 0]);
-- @L348 explain
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM ft1 t1 WHERE c1 = (ARRAY[c1,c2,3])[1];
-- @L349 explain
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM ft1 t1 WHERE c6 = E'foo''s\\bar';
-- @L350 explain
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM ft1 t1 WHERE c8 = 'foo';
-- @L352 explain
EXPLAIN (VERBOSE, COSTS OFF)
  SELECT * FROM "S 1"."T 1" a, ft2 b WHERE a."C 1" = 47 AND b.c1 = a.c2;
-- @L354 query
SELECT * FROM "S 1"."T 1" a, ft2 b WHERE a."C 1" = 47 AND b.c1 = a.c2;
-- @L357 explain
EXPLAIN (VERBOSE, COSTS OFF)
  SELECT * FROM ft2 a, ft2 b
  WHERE a.c2 = 6 AND b.c1 = a.c1 AND a.c8 = 'foo' AND b.c7 = upper(a.c7);
-- @L360 query
SELECT * FROM ft2 a, ft2 b
WHERE a.c2 = 6 AND b.c1 = a.c1 AND a.c8 = 'foo' AND b.c7 = upper(a.c7);
-- @L363 query
SELECT * FROM ft1 WHERE c1 = ANY (ARRAY(SELECT c1 FROM ft2 WHERE c1 < 5));
-- @L364 query
SELECT * FROM ft2 WHERE c1 = ANY (ARRAY(SELECT c1 FROM ft1 WHERE c1 < 5));
-- @L367 all
CREATE FUNCTION postgres_fdw_abs(int) RETURNS int AS $$
BEGIN
RETURN abs($1);
END
$$ LANGUAGE plpgsql IMMUTABLE;
-- @L372 all
CREATE OPERATOR === (
    LEFTARG = int,
    RIGHTARG = int,
    PROCEDURE = int4eq,
    COMMUTATOR = ===
);
-- @L380 explain
EXPLAIN (VERBOSE, COSTS OFF)
  SELECT count(c3) FROM ft1 t1 WHERE t1.c1 = abs(t1.c2);
-- @L382 query
SELECT count(c3) FROM ft1 t1 WHERE t1.c1 = abs(t1.c2);
-- @L383 explain
EXPLAIN (VERBOSE, COSTS OFF)
  SELECT count(c3) FROM ft1 t1 WHERE t1.c1 = t1.c2;
-- @L385 query
SELECT count(c3) FROM ft1 t1 WHERE t1.c1 = t1.c2;
-- @L388 explain
EXPLAIN (VERBOSE, COSTS OFF)
  SELECT count(c3) FROM ft1 t1 WHERE t1.c1 = postgres_fdw_abs(t1.c2);
-- @L390 query
SELECT count(c3) FROM ft1 t1 WHERE t1.c1 = postgres_fdw_abs(t1.c2);
-- @L391 explain
EXPLAIN (VERBOSE, COSTS OFF)
  SELECT count(c3) FROM ft1 t1 WHERE t1.c1 === t1.c2;
-- @L393 query
SELECT count(c3) FROM ft1 t1 WHERE t1.c1 === t1.c2;
-- @L396 explain
EXPLAIN (VERBOSE, COSTS OFF)
  SELECT * FROM ft1 t1 WHERE t1.c1 === t1.c2 order by t1.c2 limit 1;
-- @L398 query
SELECT * FROM ft1 t1 WHERE t1.c1 === t1.c2 order by t1.c2 limit 1;
-- @L401 skip:pgfdw-option
-- ALTER EXTENSION postgres_fdw ADD FUNCTION postgres_fdw_abs(int);
-- @L402 skip:pgfdw-option
-- ALTER EXTENSION postgres_fdw ADD OPERATOR === (int, int);
-- @L403 skip:pgfdw-option
-- ALTER SERVER loopback OPTIONS (ADD extensions 'postgres_fdw');
-- @L406 explain
EXPLAIN (VERBOSE, COSTS OFF)
  SELECT count(c3) FROM ft1 t1 WHERE t1.c1 = postgres_fdw_abs(t1.c2);
-- @L408 query
SELECT count(c3) FROM ft1 t1 WHERE t1.c1 = postgres_fdw_abs(t1.c2);
-- @L409 explain
EXPLAIN (VERBOSE, COSTS OFF)
  SELECT count(c3) FROM ft1 t1 WHERE t1.c1 === t1.c2;
-- @L411 query
SELECT count(c3) FROM ft1 t1 WHERE t1.c1 === t1.c2;
-- @L414 explain
EXPLAIN (VERBOSE, COSTS OFF)
  SELECT * FROM ft1 t1 WHERE t1.c1 === t1.c2 order by t1.c2 limit 1;
-- @L416 query
SELECT * FROM ft1 t1 WHERE t1.c1 === t1.c2 order by t1.c2 limit 1;
-- @L419 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t1.c2 FROM ft1 t1 WHERE t1.c1 > 960 ORDER BY t1.c2 FETCH FIRST 2 ROWS WITH TIES;
-- @L421 query
SELECT t1.c2 FROM ft1 t1 WHERE t1.c1 > 960 ORDER BY t1.c2 FETCH FIRST 2 ROWS WITH TIES;
-- @L424 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT c1,c2,c3 FROM ft2 WHERE CASE WHEN c1 > 990 THEN c1 END < 1000 ORDER BY c1;
-- @L426 query
SELECT c1,c2,c3 FROM ft2 WHERE CASE WHEN c1 > 990 THEN c1 END < 1000 ORDER BY c1;
-- @L429 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT c1,c2,c3 FROM ft2 WHERE CASE CASE WHEN c2 > 0 THEN c2 END WHEN 100 THEN 601 WHEN c2 THEN c2 ELSE 0 END > 600 ORDER BY c1;
-- @L432 query
SELECT c1,c2,c3 FROM ft2 WHERE CASE CASE WHEN c2 > 0 THEN c2 END WHEN 100 THEN 601 WHEN c2 THEN c2 ELSE 0 END > 600 ORDER BY c1;
-- @L435 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT * FROM ft1 WHERE c1 > (CASE mod(c1, 4) WHEN 0 THEN 1 WHEN 2 THEN 50 ELSE 100 END);
-- @L439 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT * FROM ft1 WHERE c1 > (CASE random()::integer WHEN 0 THEN 1 WHEN 2 THEN 50 ELSE 100 END);
-- @L443 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT * FROM ft1 WHERE CASE c6 WHEN 'foo' THEN true ELSE c3 < 'bar' END;
-- @L445 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT * FROM ft1 WHERE CASE c3 WHEN c6 THEN true ELSE c3 < 'bar' END;
-- @L449 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT * FROM ft1 WHERE CASE c3 COLLATE "C" WHEN c6 THEN true ELSE c3 < 'bar' END;
-- @L453 all
CREATE TEXT SEARCH CONFIGURATION public.custom_search
  (COPY = pg_catalog.english);
-- @L455 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT c1, to_tsvector('custom_search'::regconfig, c3) FROM ft1
WHERE c1 = 642 AND length(to_tsvector('custom_search'::regconfig, c3)) > 0;
-- @L458 query
SELECT c1, to_tsvector('custom_search'::regconfig, c3) FROM ft1
WHERE c1 = 642 AND length(to_tsvector('custom_search'::regconfig, c3)) > 0;

-- ==== ORDER BY queries ====
-- @L466 explain
EXPLAIN (VERBOSE, COSTS OFF)
	SELECT * FROM ft2 ORDER BY ft2.c1, random();
-- @L468 explain
EXPLAIN (VERBOSE, COSTS OFF)
	SELECT * FROM ft2 ORDER BY ft2.c1, ft2.c3 collate "C";
-- @L473 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT * FROM (
    SELECT 1 AS type,c1 FROM ft1
    UNION ALL
    SELECT 2 AS type,c1 FROM ft2
) a ORDER BY type,c1;
-- @L480 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT * FROM (
    SELECT 1 AS type,c1 FROM ft1
    UNION ALL
    SELECT 2 AS type,c1 FROM ft2
) a ORDER BY type;

-- ==== JOIN queries ====
-- @L492 both
ANALYZE ft4;
-- @L493 both
ANALYZE ft5;
-- @L496 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t1.c1, t2.c1 FROM ft1 t1 JOIN ft2 t2 ON (t1.c1 = t2.c1) ORDER BY t1.c3, t1.c1 OFFSET 100 LIMIT 10;
-- @L498 query
SELECT t1.c1, t2.c1 FROM ft1 t1 JOIN ft2 t2 ON (t1.c1 = t2.c1) ORDER BY t1.c3, t1.c1 OFFSET 100 LIMIT 10;
-- @L500 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t1.c1, t2.c2, t3.c3 FROM ft1 t1 JOIN ft2 t2 ON (t1.c1 = t2.c1) JOIN ft4 t3 ON (t3.c1 = t1.c1) ORDER BY t1.c3, t1.c1 OFFSET 10 LIMIT 10;
-- @L502 query
SELECT t1.c1, t2.c2, t3.c3 FROM ft1 t1 JOIN ft2 t2 ON (t1.c1 = t2.c1) JOIN ft4 t3 ON (t3.c1 = t1.c1) ORDER BY t1.c3, t1.c1 OFFSET 10 LIMIT 10;
-- @L504 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t1.c1, t2.c1 FROM ft4 t1 LEFT JOIN ft5 t2 ON (t1.c1 = t2.c1) ORDER BY t1.c1, t2.c1 OFFSET 10 LIMIT 10;
-- @L506 query
SELECT t1.c1, t2.c1 FROM ft4 t1 LEFT JOIN ft5 t2 ON (t1.c1 = t2.c1) ORDER BY t1.c1, t2.c1 OFFSET 10 LIMIT 10;
-- @L508 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t1.c1, t2.c2, t3.c3 FROM ft2 t1 LEFT JOIN ft2 t2 ON (t1.c1 = t2.c1) LEFT JOIN ft4 t3 ON (t2.c1 = t3.c1) OFFSET 10 LIMIT 10;
-- @L510 query
SELECT t1.c1, t2.c2, t3.c3 FROM ft2 t1 LEFT JOIN ft2 t2 ON (t1.c1 = t2.c1) LEFT JOIN ft4 t3 ON (t2.c1 = t3.c1) OFFSET 10 LIMIT 10;
-- @L514 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t1.c1, t1.c2, t2.c1, t2.c2 FROM ft4 t1 LEFT JOIN (SELECT * FROM ft5 WHERE c1 < 10) t2 ON (t1.c1 = t2.c1) WHERE t1.c1 < 10;
-- @L516 query
SELECT t1.c1, t1.c2, t2.c1, t2.c2 FROM ft4 t1 LEFT JOIN (SELECT * FROM ft5 WHERE c1 < 10) t2 ON (t1.c1 = t2.c1) WHERE t1.c1 < 10;
-- @L519 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t1.c1, t1.c2, t2.c1, t2.c2 FROM ft4 t1 LEFT JOIN (SELECT * FROM ft5 WHERE c1 < 10) t2 ON (t1.c1 = t2.c1)
			WHERE (t2.c1 < 10 OR t2.c1 IS NULL) AND t1.c1 < 10;
-- @L522 query
SELECT t1.c1, t1.c2, t2.c1, t2.c2 FROM ft4 t1 LEFT JOIN (SELECT * FROM ft5 WHERE c1 < 10) t2 ON (t1.c1 = t2.c1)
			WHERE (t2.c1 < 10 OR t2.c1 IS NULL) AND t1.c1 < 10;
-- @L525 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t1.c1, t2.c1 FROM ft5 t1 RIGHT JOIN ft4 t2 ON (t1.c1 = t2.c1) ORDER BY t2.c1, t1.c1 OFFSET 10 LIMIT 10;
-- @L527 query
SELECT t1.c1, t2.c1 FROM ft5 t1 RIGHT JOIN ft4 t2 ON (t1.c1 = t2.c1) ORDER BY t2.c1, t1.c1 OFFSET 10 LIMIT 10;
-- @L529 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t1.c1, t2.c2, t3.c3 FROM ft2 t1 RIGHT JOIN ft2 t2 ON (t1.c1 = t2.c1) RIGHT JOIN ft4 t3 ON (t2.c1 = t3.c1) OFFSET 10 LIMIT 10;
-- @L531 query
SELECT t1.c1, t2.c2, t3.c3 FROM ft2 t1 RIGHT JOIN ft2 t2 ON (t1.c1 = t2.c1) RIGHT JOIN ft4 t3 ON (t2.c1 = t3.c1) OFFSET 10 LIMIT 10;
-- @L533 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t1.c1, t2.c1 FROM ft4 t1 FULL JOIN ft5 t2 ON (t1.c1 = t2.c1) ORDER BY t1.c1, t2.c1 OFFSET 45 LIMIT 10;
-- @L535 query
SELECT t1.c1, t2.c1 FROM ft4 t1 FULL JOIN ft5 t2 ON (t1.c1 = t2.c1) ORDER BY t1.c1, t2.c1 OFFSET 45 LIMIT 10;
-- @L538 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t1.c1, t2.c1 FROM (SELECT c1 FROM ft4 WHERE c1 between 50 and 60) t1 FULL JOIN (SELECT c1 FROM ft5 WHERE c1 between 50 and 60) t2 ON (t1.c1 = t2.c1) ORDER BY t1.c1, t2.c1;
-- @L540 query
SELECT t1.c1, t2.c1 FROM (SELECT c1 FROM ft4 WHERE c1 between 50 and 60) t1 FULL JOIN (SELECT c1 FROM ft5 WHERE c1 between 50 and 60) t2 ON (t1.c1 = t2.c1) ORDER BY t1.c1, t2.c1;
-- @L541 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT 1 FROM (SELECT c1 FROM ft4 WHERE c1 between 50 and 60) t1 FULL JOIN (SELECT c1 FROM ft5 WHERE c1 between 50 and 60) t2 ON (TRUE) OFFSET 10 LIMIT 10;
-- @L543 query
SELECT 1 FROM (SELECT c1 FROM ft4 WHERE c1 between 50 and 60) t1 FULL JOIN (SELECT c1 FROM ft5 WHERE c1 between 50 and 60) t2 ON (TRUE) OFFSET 10 LIMIT 10;
-- @L546 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t1.c1, ss.a, ss.b FROM (SELECT c1 FROM ft4 WHERE c1 between 50 and 60) t1 FULL JOIN (SELECT t2.c1, t3.c1 FROM ft4 t2 LEFT JOIN ft5 t3 ON (t2.c1 = t3.c1) WHERE (t2.c1 between 50 and 60)) ss(a, b) ON (t1.c1 = ss.a) ORDER BY t1.c1, ss.a, ss.b;
-- @L548 query
SELECT t1.c1, ss.a, ss.b FROM (SELECT c1 FROM ft4 WHERE c1 between 50 and 60) t1 FULL JOIN (SELECT t2.c1, t3.c1 FROM ft4 t2 LEFT JOIN ft5 t3 ON (t2.c1 = t3.c1) WHERE (t2.c1 between 50 and 60)) ss(a, b) ON (t1.c1 = ss.a) ORDER BY t1.c1, ss.a, ss.b;
-- @L550 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t1.c1, ss.a, ss.b FROM (SELECT c1 FROM ft4 WHERE c1 between 50 and 60) t1 FULL JOIN (SELECT t2.c1, t3.c1 FROM (SELECT c1 FROM ft4 WHERE c1 between 50 and 60) t2 FULL JOIN (SELECT c1 FROM ft5 WHERE c1 between 50 and 60) t3 ON (t2.c1 = t3.c1) WHERE t2.c1 IS NULL OR t2.c1 IS NOT NULL) ss(a, b) ON (t1.c1 = ss.a) ORDER BY t1.c1, ss.a, ss.b;
-- @L552 query
SELECT t1.c1, ss.a, ss.b FROM (SELECT c1 FROM ft4 WHERE c1 between 50 and 60) t1 FULL JOIN (SELECT t2.c1, t3.c1 FROM (SELECT c1 FROM ft4 WHERE c1 between 50 and 60) t2 FULL JOIN (SELECT c1 FROM ft5 WHERE c1 between 50 and 60) t3 ON (t2.c1 = t3.c1) WHERE t2.c1 IS NULL OR t2.c1 IS NOT NULL) ss(a, b) ON (t1.c1 = ss.a) ORDER BY t1.c1, ss.a, ss.b;
-- @L554 skip:dml-explain
-- EXPLAIN (VERBOSE, COSTS OFF)
-- SELECT t1.c1, ss.a, ss.b FROM (SELECT c1 FROM "S 1"."T 3" WHERE c1 = 50) t1 INNER JOIN (SELECT t2.c1, t3.c1 FROM (SELECT c1 FROM ft4 WHERE c1 between 50 and 60) t2 FULL JOIN (SELECT c1 FROM ft5 WHERE c1 between 50 and 60) t3 ON (t2.c1 = t3.c1) WHERE t2.c1 IS NULL OR t2.c1 IS NOT NULL) ss(a, b) ON (TRUE) ORDER BY t1.c1, ss.a, ss.b FOR UPDATE OF t1;
-- @L556 query
SELECT t1.c1, ss.a, ss.b FROM (SELECT c1 FROM "S 1"."T 3" WHERE c1 = 50) t1 INNER JOIN (SELECT t2.c1, t3.c1 FROM (SELECT c1 FROM ft4 WHERE c1 between 50 and 60) t2 FULL JOIN (SELECT c1 FROM ft5 WHERE c1 between 50 and 60) t3 ON (t2.c1 = t3.c1) WHERE t2.c1 IS NULL OR t2.c1 IS NOT NULL) ss(a, b) ON (TRUE) ORDER BY t1.c1, ss.a, ss.b FOR UPDATE OF t1;
-- @L558 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t1.c1, t2.c1, t3.c1 FROM ft4 t1 INNER JOIN ft5 t2 ON (t1.c1 = t2.c1 + 1 and t1.c1 between 50 and 60) FULL JOIN ft4 t3 ON (t2.c1 = t3.c1) ORDER BY t1.c1, t2.c1, t3.c1 LIMIT 10;
-- @L560 query
SELECT t1.c1, t2.c1, t3.c1 FROM ft4 t1 INNER JOIN ft5 t2 ON (t1.c1 = t2.c1 + 1 and t1.c1 between 50 and 60) FULL JOIN ft4 t3 ON (t2.c1 = t3.c1) ORDER BY t1.c1, t2.c1, t3.c1 LIMIT 10;
-- @L562 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t1.c1, t2.c2, t3.c3 FROM ft2 t1 FULL JOIN ft2 t2 ON (t1.c1 = t2.c1) FULL JOIN ft4 t3 ON (t2.c1 = t3.c1) OFFSET 10 LIMIT 10;
-- @L564 query
SELECT t1.c1, t2.c2, t3.c3 FROM ft2 t1 FULL JOIN ft2 t2 ON (t1.c1 = t2.c1) FULL JOIN ft4 t3 ON (t2.c1 = t3.c1) OFFSET 10 LIMIT 10;
-- @L566 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t1.c1, t2.c2, t3.c3 FROM ft2 t1 FULL JOIN ft2 t2 ON (t1.c1 = t2.c1) RIGHT JOIN ft4 t3 ON (t2.c1 = t3.c1) OFFSET 10 LIMIT 10;
-- @L568 query
SELECT t1.c1, t2.c2, t3.c3 FROM ft2 t1 FULL JOIN ft2 t2 ON (t1.c1 = t2.c1) RIGHT JOIN ft4 t3 ON (t2.c1 = t3.c1) OFFSET 10 LIMIT 10;
-- @L570 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t1.c1, t2.c2, t3.c3 FROM ft2 t1 RIGHT JOIN ft2 t2 ON (t1.c1 = t2.c1) FULL JOIN ft4 t3 ON (t2.c1 = t3.c1) OFFSET 10 LIMIT 10;
-- @L572 query
SELECT t1.c1, t2.c2, t3.c3 FROM ft2 t1 RIGHT JOIN ft2 t2 ON (t1.c1 = t2.c1) FULL JOIN ft4 t3 ON (t2.c1 = t3.c1) OFFSET 10 LIMIT 10;
-- @L574 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t1.c1, t2.c2, t3.c3 FROM ft2 t1 FULL JOIN ft2 t2 ON (t1.c1 = t2.c1) LEFT JOIN ft4 t3 ON (t2.c1 = t3.c1) OFFSET 10 LIMIT 10;
-- @L576 query
SELECT t1.c1, t2.c2, t3.c3 FROM ft2 t1 FULL JOIN ft2 t2 ON (t1.c1 = t2.c1) LEFT JOIN ft4 t3 ON (t2.c1 = t3.c1) OFFSET 10 LIMIT 10;
-- @L578 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t1.c1, t2.c2, t3.c3 FROM ft2 t1 LEFT JOIN ft2 t2 ON (t1.c1 = t2.c1) FULL JOIN ft4 t3 ON (t2.c1 = t3.c1) OFFSET 10 LIMIT 10;
-- @L580 query
SELECT t1.c1, t2.c2, t3.c3 FROM ft2 t1 LEFT JOIN ft2 t2 ON (t1.c1 = t2.c1) FULL JOIN ft4 t3 ON (t2.c1 = t3.c1) OFFSET 10 LIMIT 10;
-- @L581 session
SET enable_memoize TO off;
-- @L583 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t1.c1, t2.c2, t3.c3 FROM ft2 t1 RIGHT JOIN ft2 t2 ON (t1.c1 = t2.c1) LEFT JOIN ft4 t3 ON (t2.c1 = t3.c1) OFFSET 10 LIMIT 10;
-- @L585 query
SELECT t1.c1, t2.c2, t3.c3 FROM ft2 t1 RIGHT JOIN ft2 t2 ON (t1.c1 = t2.c1) LEFT JOIN ft4 t3 ON (t2.c1 = t3.c1) OFFSET 10 LIMIT 10;
-- @L586 session
RESET enable_memoize;
-- @L588 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t1.c1, t2.c2, t3.c3 FROM ft2 t1 LEFT JOIN ft2 t2 ON (t1.c1 = t2.c1) RIGHT JOIN ft4 t3 ON (t2.c1 = t3.c1) OFFSET 10 LIMIT 10;
-- @L590 query
SELECT t1.c1, t2.c2, t3.c3 FROM ft2 t1 LEFT JOIN ft2 t2 ON (t1.c1 = t2.c1) RIGHT JOIN ft4 t3 ON (t2.c1 = t3.c1) OFFSET 10 LIMIT 10;
-- @L592 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t1.c1, t2.c1 FROM ft4 t1 FULL JOIN ft5 t2 ON (t1.c1 = t2.c1) WHERE (t1.c1 = t2.c1 OR t1.c1 IS NULL) ORDER BY t1.c1, t2.c1 OFFSET 10 LIMIT 10;
-- @L594 query
SELECT t1.c1, t2.c1 FROM ft4 t1 FULL JOIN ft5 t2 ON (t1.c1 = t2.c1) WHERE (t1.c1 = t2.c1 OR t1.c1 IS NULL) ORDER BY t1.c1, t2.c1 OFFSET 10 LIMIT 10;
-- @L596 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t1.c1, t2.c2, t1.c3 FROM ft1 t1 FULL JOIN ft2 t2 ON (t1.c1 = t2.c1) WHERE postgres_fdw_abs(t1.c1) > 0 OFFSET 10 LIMIT 10;
-- @L598 skip:pgfdw-option
-- ALTER SERVER loopback OPTIONS (DROP extensions);
-- @L600 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t1.c1, t2.c2, t1.c3 FROM ft1 t1 FULL JOIN ft2 t2 ON (t1.c1 = t2.c1) WHERE postgres_fdw_abs(t1.c1) > 0 OFFSET 10 LIMIT 10;
-- @L602 skip:pgfdw-option
-- ALTER SERVER loopback OPTIONS (ADD extensions 'postgres_fdw');
-- @L605 skip:dml-explain
-- EXPLAIN (VERBOSE, COSTS OFF)
-- SELECT t1.c1, t2.c1 FROM ft1 t1 JOIN ft2 t2 ON (t1.c1 = t2.c1) ORDER BY t1.c3, t1.c1 OFFSET 100 LIMIT 10 FOR UPDATE OF t1;
-- @L607 query
SELECT t1.c1, t2.c1 FROM ft1 t1 JOIN ft2 t2 ON (t1.c1 = t2.c1) ORDER BY t1.c3, t1.c1 OFFSET 100 LIMIT 10 FOR UPDATE OF t1;
-- @L608 skip:dml-explain
-- EXPLAIN (VERBOSE, COSTS OFF)
-- SELECT t1.c1, t2.c1 FROM ft1 t1 JOIN ft2 t2 ON (t1.c1 = t2.c1) ORDER BY t1.c3, t1.c1 OFFSET 100 LIMIT 10 FOR UPDATE;
-- @L610 query
SELECT t1.c1, t2.c1 FROM ft1 t1 JOIN ft2 t2 ON (t1.c1 = t2.c1) ORDER BY t1.c3, t1.c1 OFFSET 100 LIMIT 10 FOR UPDATE;
-- @L612 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t1.c1, t2.c1 FROM ft1 t1 JOIN ft2 t2 ON (t1.c1 = t2.c1) ORDER BY t1.c3, t1.c1 OFFSET 100 LIMIT 10 FOR SHARE OF t1;
-- @L614 query
SELECT t1.c1, t2.c1 FROM ft1 t1 JOIN ft2 t2 ON (t1.c1 = t2.c1) ORDER BY t1.c3, t1.c1 OFFSET 100 LIMIT 10 FOR SHARE OF t1;
-- @L615 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t1.c1, t2.c1 FROM ft1 t1 JOIN ft2 t2 ON (t1.c1 = t2.c1) ORDER BY t1.c3, t1.c1 OFFSET 100 LIMIT 10 FOR SHARE;
-- @L617 query
SELECT t1.c1, t2.c1 FROM ft1 t1 JOIN ft2 t2 ON (t1.c1 = t2.c1) ORDER BY t1.c3, t1.c1 OFFSET 100 LIMIT 10 FOR SHARE;
-- @L619 explain
EXPLAIN (VERBOSE, COSTS OFF)
WITH t (c1_1, c1_3, c2_1) AS MATERIALIZED (SELECT t1.c1, t1.c3, t2.c1 FROM ft1 t1 JOIN ft2 t2 ON (t1.c1 = t2.c1)) SELECT c1_1, c2_1 FROM t ORDER BY c1_3, c1_1 OFFSET 100 LIMIT 10;
-- @L621 query
WITH t (c1_1, c1_3, c2_1) AS MATERIALIZED (SELECT t1.c1, t1.c3, t2.c1 FROM ft1 t1 JOIN ft2 t2 ON (t1.c1 = t2.c1)) SELECT c1_1, c2_1 FROM t ORDER BY c1_3, c1_1 OFFSET 100 LIMIT 10;
-- @L623 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t1.ctid, t1, t2, t1.c1 FROM ft1 t1 JOIN ft2 t2 ON (t1.c1 = t2.c1) ORDER BY t1.c3, t1.c1 OFFSET 100 LIMIT 10;
-- @L626 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t1.c1 FROM ft1 t1 WHERE EXISTS (SELECT 1 FROM ft2 t2 WHERE t1.c1 = t2.c1) ORDER BY t1.c1 OFFSET 100 LIMIT 10;
-- @L628 query
SELECT t1.c1 FROM ft1 t1 WHERE EXISTS (SELECT 1 FROM ft2 t2 WHERE t1.c1 = t2.c1) ORDER BY t1.c1 OFFSET 100 LIMIT 10;
-- @L630 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t1.c1 FROM ft1 t1 WHERE NOT EXISTS (SELECT 1 FROM ft2 t2 WHERE t1.c1 = t2.c2) ORDER BY t1.c1 OFFSET 100 LIMIT 10;
-- @L632 query
SELECT t1.c1 FROM ft1 t1 WHERE NOT EXISTS (SELECT 1 FROM ft2 t2 WHERE t1.c1 = t2.c2) ORDER BY t1.c1 OFFSET 100 LIMIT 10;
-- @L634 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t1.c1, t2.c1 FROM ft1 t1 CROSS JOIN ft2 t2 ORDER BY t1.c1, t2.c1 OFFSET 100 LIMIT 10;
-- @L636 query
SELECT t1.c1, t2.c1 FROM ft1 t1 CROSS JOIN ft2 t2 ORDER BY t1.c1, t2.c1 OFFSET 100 LIMIT 10;
-- @L638 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t1.c1, t2.c1 FROM ft5 t1 JOIN ft6 t2 ON (t1.c1 = t2.c1) ORDER BY t1.c1, t2.c1 OFFSET 100 LIMIT 10;
-- @L640 query
SELECT t1.c1, t2.c1 FROM ft5 t1 JOIN ft6 t2 ON (t1.c1 = t2.c1) ORDER BY t1.c1, t2.c1 OFFSET 100 LIMIT 10;
-- @L643 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t1.c1, t2.c1 FROM ft1 t1 LEFT JOIN ft2 t2 ON (t1.c8 = t2.c8) ORDER BY t1.c1, t2.c1 OFFSET 100 LIMIT 10;
-- @L645 query
SELECT t1.c1, t2.c1 FROM ft1 t1 LEFT JOIN ft2 t2 ON (t1.c8 = t2.c8) ORDER BY t1.c1, t2.c1 OFFSET 100 LIMIT 10;
-- @L647 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t1.c1, t2.c1 FROM ft1 t1 LEFT JOIN ft2 t2 ON (t1.c1 = t2.c1) WHERE t1.c8 = 'foo' ORDER BY t1.c3, t1.c1 OFFSET 100 LIMIT 10;
-- @L649 query
SELECT t1.c1, t2.c1 FROM ft1 t1 LEFT JOIN ft2 t2 ON (t1.c1 = t2.c1) WHERE t1.c8 = 'foo' ORDER BY t1.c3, t1.c1 OFFSET 100 LIMIT 10;
-- @L654 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t1.c1, t2.c1 FROM ft1 t1 JOIN ft2 t2 ON (t1.c1 = t2.c1) WHERE t1.c8 = t2.c8 ORDER BY t1.c3, t1.c1 OFFSET 100 LIMIT 10;
-- @L656 query
SELECT t1.c1, t2.c1 FROM ft1 t1 JOIN ft2 t2 ON (t1.c1 = t2.c1) WHERE t1.c8 = t2.c8 ORDER BY t1.c3, t1.c1 OFFSET 100 LIMIT 10;
-- @L658 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t1c1, avg(t1c1 + t2c1) FROM (SELECT t1.c1, t2.c1 FROM ft1 t1 JOIN ft2 t2 ON (t1.c1 = t2.c1) UNION SELECT t1.c1, t2.c1 FROM ft1 t1 JOIN ft2 t2 ON (t1.c1 = t2.c1)) AS t (t1c1, t2c1) GROUP BY t1c1 ORDER BY t1c1 OFFSET 100 LIMIT 10;
-- @L660 query
SELECT t1c1, avg(t1c1 + t2c1) FROM (SELECT t1.c1, t2.c1 FROM ft1 t1 JOIN ft2 t2 ON (t1.c1 = t2.c1) UNION SELECT t1.c1, t2.c1 FROM ft1 t1 JOIN ft2 t2 ON (t1.c1 = t2.c1)) AS t (t1c1, t2c1) GROUP BY t1c1 ORDER BY t1c1 OFFSET 100 LIMIT 10;
-- @L662 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t1."C 1" FROM "S 1"."T 1" t1, LATERAL (SELECT DISTINCT t2.c1, t3.c1 FROM ft1 t2, ft2 t3 WHERE t2.c1 = t3.c1 AND t2.c2 = t1.c2) q ORDER BY t1."C 1" OFFSET 10 LIMIT 10;
-- @L664 query
SELECT t1."C 1" FROM "S 1"."T 1" t1, LATERAL (SELECT DISTINCT t2.c1, t3.c1 FROM ft1 t2, ft2 t3 WHERE t2.c1 = t3.c1 AND t2.c2 = t1.c2) q ORDER BY t1."C 1" OFFSET 10 LIMIT 10;
-- @L666 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t1.c1, t2.c1 FROM ft1 t1 JOIN ft2 t2 ON (t1.c1 = t2.c1 AND CURRENT_USER = SESSION_USER) ORDER BY t1.c3, t1.c1 OFFSET 100 LIMIT 10;
-- @L672 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT q.a, ft2.c1 FROM (SELECT 13 FROM ft1 WHERE c1 = 13) q(a) RIGHT JOIN ft2 ON (q.a = ft2.c1) WHERE ft2.c1 BETWEEN 10 AND 15;
-- @L674 query
SELECT q.a, ft2.c1 FROM (SELECT 13 FROM ft1 WHERE c1 = 13) q(a) RIGHT JOIN ft2 ON (q.a = ft2.c1) WHERE ft2.c1 BETWEEN 10 AND 15;
-- @L677 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT ft4.c1, q.* FROM ft4 LEFT JOIN (SELECT 13, ft1.c1, ft2.c1 FROM ft1 RIGHT JOIN ft2 ON (ft1.c1 = ft2.c1) WHERE ft1.c1 = 12) q(a, b, c) ON (ft4.c1 = q.b) WHERE ft4.c1 BETWEEN 10 AND 15;
-- @L679 query
SELECT ft4.c1, q.* FROM ft4 LEFT JOIN (SELECT 13, ft1.c1, ft2.c1 FROM ft1 RIGHT JOIN ft2 ON (ft1.c1 = ft2.c1) WHERE ft1.c1 = 12) q(a, b, c) ON (ft4.c1 = q.b) WHERE ft4.c1 BETWEEN 10 AND 15;
-- @L682 pgf
UPDATE ft5 SET c3 = null where c1 % 9 = 0;
-- @L683 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT ft5, ft5.c1, ft5.c2, ft5.c3, ft4.c1, ft4.c2 FROM ft5 left join ft4 on ft5.c1 = ft4.c1 WHERE ft4.c1 BETWEEN 10 and 30 ORDER BY ft5.c1, ft4.c1;
-- @L685 query
SELECT ft5, ft5.c1, ft5.c2, ft5.c3, ft4.c1, ft4.c2 FROM ft5 left join ft4 on ft5.c1 = ft4.c1 WHERE ft4.c1 BETWEEN 10 and 30 ORDER BY ft5.c1, ft4.c1;
-- @L689 all
CREATE TABLE local_tbl (c1 int NOT NULL, c2 int NOT NULL, c3 text, CONSTRAINT local_tbl_pkey PRIMARY KEY (c1));
-- @L690 all
INSERT INTO local_tbl SELECT id, id % 10, to_char(id, 'FM0000') FROM generate_series(1, 1000) id;
-- @L691 all
ANALYZE local_tbl;
-- @L692 session
SET enable_nestloop TO false;
-- @L693 session
SET enable_hashjoin TO false;
-- @L694 skip:dml-explain
-- EXPLAIN (VERBOSE, COSTS OFF)
-- SELECT * FROM ft1, ft2, ft4, ft5, local_tbl WHERE ft1.c1 = ft2.c1 AND ft1.c2 = ft4.c1
--     AND ft1.c2 = ft5.c1 AND ft1.c2 = local_tbl.c1 AND ft1.c1 < 100 AND ft2.c1 < 100 FOR UPDATE;
-- @L697 query
SELECT * FROM ft1, ft2, ft4, ft5, local_tbl WHERE ft1.c1 = ft2.c1 AND ft1.c2 = ft4.c1
    AND ft1.c2 = ft5.c1 AND ft1.c2 = local_tbl.c1 AND ft1.c1 < 100 AND ft2.c1 < 100 FOR UPDATE;
-- @L699 session
RESET enable_nestloop;
-- @L700 session
RESET enable_hashjoin;
-- @L704 skip:dml-explain
-- EXPLAIN (VERBOSE, COSTS OFF)
-- SELECT * FROM local_tbl LEFT JOIN (SELECT ft1.*, COALESCE(ft1.c3 || ft2.c3, 'foobar') FROM ft1 INNER JOIN ft2 ON (ft1.c1 = ft2.c1 AND ft1.c1 < 100)) ss ON (local_tbl.c1 = ss.c1) ORDER BY local_tbl.c1 FOR UPDATE OF local_tbl;
-- @L707 skip:pgfdw-option
-- ALTER SERVER loopback OPTIONS (DROP extensions);
-- @L708 both
ALTER SERVER loopback OPTIONS (ADD fdw_startup_cost '10000.0');
-- @L709 skip:dml-explain
-- EXPLAIN (VERBOSE, COSTS OFF)
-- SELECT * FROM local_tbl LEFT JOIN (SELECT ft1.* FROM ft1 INNER JOIN ft2 ON (ft1.c1 = ft2.c1 AND ft1.c1 < 100 AND ft1.c1 = postgres_fdw_abs(ft2.c2))) ss ON (local_tbl.c3 = ss.c3) ORDER BY local_tbl.c1 FOR UPDATE OF local_tbl;
-- @L711 both
ALTER SERVER loopback OPTIONS (DROP fdw_startup_cost);
-- @L712 skip:pgfdw-option
-- ALTER SERVER loopback OPTIONS (ADD extensions 'postgres_fdw');
-- @L714 all
DROP TABLE local_tbl;
-- @L717 all
CREATE ROLE regress_view_owner SUPERUSER;
-- @L718 both
CREATE USER MAPPING FOR regress_view_owner SERVER loopback;
-- @L719 both
GRANT SELECT ON ft4 TO regress_view_owner;
-- @L720 both
GRANT SELECT ON ft5 TO regress_view_owner;
-- @L722 both
CREATE VIEW v4 AS SELECT * FROM ft4;
-- @L723 both
CREATE VIEW v5 AS SELECT * FROM ft5;
-- @L724 all
ALTER VIEW v5 OWNER TO regress_view_owner;
-- @L725 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t1.c1, t2.c2 FROM v4 t1 LEFT JOIN v5 t2 ON (t1.c1 = t2.c1) ORDER BY t1.c1, t2.c1 OFFSET 10 LIMIT 10;
-- @L727 query
SELECT t1.c1, t2.c2 FROM v4 t1 LEFT JOIN v5 t2 ON (t1.c1 = t2.c1) ORDER BY t1.c1, t2.c1 OFFSET 10 LIMIT 10;
-- @L728 all
ALTER VIEW v4 OWNER TO regress_view_owner;
-- @L729 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t1.c1, t2.c2 FROM v4 t1 LEFT JOIN v5 t2 ON (t1.c1 = t2.c1) ORDER BY t1.c1, t2.c1 OFFSET 10 LIMIT 10;
-- @L731 query
SELECT t1.c1, t2.c2 FROM v4 t1 LEFT JOIN v5 t2 ON (t1.c1 = t2.c1) ORDER BY t1.c1, t2.c1 OFFSET 10 LIMIT 10;
-- @L733 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t1.c1, t2.c2 FROM v4 t1 LEFT JOIN ft5 t2 ON (t1.c1 = t2.c1) ORDER BY t1.c1, t2.c1 OFFSET 10 LIMIT 10;
-- @L735 query
SELECT t1.c1, t2.c2 FROM v4 t1 LEFT JOIN ft5 t2 ON (t1.c1 = t2.c1) ORDER BY t1.c1, t2.c1 OFFSET 10 LIMIT 10;
-- @L736 all
ALTER VIEW v4 OWNER TO CURRENT_USER;
-- @L737 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t1.c1, t2.c2 FROM v4 t1 LEFT JOIN ft5 t2 ON (t1.c1 = t2.c1) ORDER BY t1.c1, t2.c1 OFFSET 10 LIMIT 10;
-- @L739 query
SELECT t1.c1, t2.c2 FROM v4 t1 LEFT JOIN ft5 t2 ON (t1.c1 = t2.c1) ORDER BY t1.c1, t2.c1 OFFSET 10 LIMIT 10;
-- @L740 all
ALTER VIEW v4 OWNER TO regress_view_owner;
-- @L743 all
DROP OWNED BY regress_view_owner;
-- @L744 all
DROP ROLE regress_view_owner;

-- ==== Aggregate and grouping queries ====
-- @L752 explain
explain (verbose, costs off)
select count(c6), sum(c1), avg(c1), min(c2), max(c1), stddev(c2), sum(c1) * (random() <= 1)::int as sum2 from ft1 where c2 < 5 group by c2 order by 1, 2;
-- @L754 query
select count(c6), sum(c1), avg(c1), min(c2), max(c1), stddev(c2), sum(c1) * (random() <= 1)::int as sum2 from ft1 where c2 < 5 group by c2 order by 1, 2;
-- @L756 explain
explain (verbose, costs off)
select count(c6), sum(c1), avg(c1), min(c2), max(c1), stddev(c2), sum(c1) * (random() <= 1)::int as sum2 from ft1 where c2 < 5 group by c2 order by 1, 2 limit 1;
-- @L758 query
select count(c6), sum(c1), avg(c1), min(c2), max(c1), stddev(c2), sum(c1) * (random() <= 1)::int as sum2 from ft1 where c2 < 5 group by c2 order by 1, 2 limit 1;
-- @L761 explain
explain (verbose, costs off)
select sum(c1 * (random() <= 1)::int) as sum, avg(c1) from ft1;
-- @L765 explain
explain (verbose, costs off)
select count(*), sum(t1.c1), avg(t2.c1) from ft1 t1 inner join ft1 t2 on (t1.c2 = t2.c2) where t1.c2 = 6;
-- @L767 query
select count(*), sum(t1.c1), avg(t2.c1) from ft1 t1 inner join ft1 t2 on (t1.c2 = t2.c2) where t1.c2 = 6;
-- @L770 explain
explain (verbose, costs off)
select sum(t1.c1), count(t2.c1) from ft1 t1 inner join ft2 t2 on (t1.c1 = t2.c1) where ((t1.c1 * t2.c1)/(t1.c1 * t2.c1)) * random() <= 1;
-- @L774 explain
explain (verbose, costs off)
select c2/2, sum(c2) * (c2/2) from ft1 group by c2/2 order by c2/2;
-- @L776 query
select c2/2, sum(c2) * (c2/2) from ft1 group by c2/2 order by c2/2;
-- @L779 explain
explain (verbose, costs off)
select count(x.a), sum(x.a) from (select c2 a, sum(c1) b from ft1 group by c2, sqrt(c1) order by 1, 2) x;
-- @L781 query
select count(x.a), sum(x.a) from (select c2 a, sum(c1) b from ft1 group by c2, sqrt(c1) order by 1, 2) x;
-- @L784 explain
explain (verbose, costs off)
select c2 * (random() <= 1)::int as sum1, sum(c1) * c2 as sum2 from ft1 group by c2 order by 1, 2;
-- @L786 query
select c2 * (random() <= 1)::int as sum1, sum(c1) * c2 as sum2 from ft1 group by c2 order by 1, 2;
-- @L789 explain
explain (verbose, costs off)
select c2 * (random() <= 1)::int as c2 from ft2 group by c2 * (random() <= 1)::int order by 1;
-- @L793 explain
explain (verbose, costs off)
select count(c2) w, c2 x, 5 y, 7.0 z from ft1 group by 2, y, 9.0::int order by 2;
-- @L795 query
select count(c2) w, c2 x, 5 y, 7.0 z from ft1 group by 2, y, 9.0::int order by 2;
-- @L799 explain
explain (verbose, costs off)
select c2, c2 from ft1 where c2 > 6 group by 1, 2 order by sum(c1);
-- @L801 query
select c2, c2 from ft1 where c2 > 6 group by 1, 2 order by sum(c1);
-- @L804 explain
explain (verbose, costs off)
select c2, sum(c1) from ft2 group by c2 having avg(c1) < 500 and sum(c1) < 49800 order by c2;
-- @L806 query
select c2, sum(c1) from ft2 group by c2 having avg(c1) < 500 and sum(c1) < 49800 order by c2;
-- @L809 explain
explain (verbose, costs off)
select count(*) from (select c5, count(c1) from ft1 group by c5, sqrt(c2) having (avg(c1) / avg(c1)) * random() <= 1 and avg(c1) < 500) x;
-- @L811 query
select count(*) from (select c5, count(c1) from ft1 group by c5, sqrt(c2) having (avg(c1) / avg(c1)) * random() <= 1 and avg(c1) < 500) x;
-- @L814 explain
explain (verbose, costs off)
select sum(c1) from ft1 group by c2 having avg(c1 * (random() <= 1)::int) > 100 order by 1;
-- @L819 explain
explain (verbose, costs off)
select exists(select 1 from pg_enum), sum(c1) from ft1;
-- @L821 query
select exists(select 1 from pg_enum), sum(c1) from ft1;
-- @L823 explain
explain (verbose, costs off)
select exists(select 1 from pg_enum), sum(c1) from ft1 group by 1;
-- @L825 query
select exists(select 1 from pg_enum), sum(c1) from ft1 group by 1;
-- @L831 explain
explain (verbose, costs off)
select array_agg(c1 order by c1) from ft1 where c1 < 100 group by c2 order by 1;
-- @L833 query
select array_agg(c1 order by c1) from ft1 where c1 < 100 group by c2 order by 1;
-- @L836 explain
explain (verbose, costs off)
select array_agg(c5 order by c1 desc) from ft2 where c2 = 6 and c1 < 50;
-- @L838 query
select array_agg(c5 order by c1 desc) from ft2 where c2 = 6 and c1 < 50;
-- @L841 explain
explain (verbose, costs off)
select array_agg(distinct (t1.c1)%5) from ft4 t1 full join ft5 t2 on (t1.c1 = t2.c1) where t1.c1 < 20 or (t1.c1 is null and t2.c1 < 5) group by (t2.c1)%3 order by 1;
-- @L843 query
select array_agg(distinct (t1.c1)%5) from ft4 t1 full join ft5 t2 on (t1.c1 = t2.c1) where t1.c1 < 20 or (t1.c1 is null and t2.c1 < 5) group by (t2.c1)%3 order by 1;
-- @L846 explain
explain (verbose, costs off)
select array_agg(distinct (t1.c1)%5 order by (t1.c1)%5) from ft4 t1 full join ft5 t2 on (t1.c1 = t2.c1) where t1.c1 < 20 or (t1.c1 is null and t2.c1 < 5) group by (t2.c1)%3 order by 1;
-- @L848 query
select array_agg(distinct (t1.c1)%5 order by (t1.c1)%5) from ft4 t1 full join ft5 t2 on (t1.c1 = t2.c1) where t1.c1 < 20 or (t1.c1 is null and t2.c1 < 5) group by (t2.c1)%3 order by 1;
-- @L850 explain
explain (verbose, costs off)
select array_agg(distinct (t1.c1)%5 order by (t1.c1)%5 desc nulls last) from ft4 t1 full join ft5 t2 on (t1.c1 = t2.c1) where t1.c1 < 20 or (t1.c1 is null and t2.c1 < 5) group by (t2.c1)%3 order by 1;
-- @L852 query
select array_agg(distinct (t1.c1)%5 order by (t1.c1)%5 desc nulls last) from ft4 t1 full join ft5 t2 on (t1.c1 = t2.c1) where t1.c1 < 20 or (t1.c1 is null and t2.c1 < 5) group by (t2.c1)%3 order by 1;
-- @L855 explain
explain (verbose, costs off)
select sum(c1) filter (where c1 < 100 and c2 > 5) from ft1 group by c2 order by 1 nulls last;
-- @L857 query
select sum(c1) filter (where c1 < 100 and c2 > 5) from ft1 group by c2 order by 1 nulls last;
-- @L860 explain
explain (verbose, costs off)
select sum(c1%3), sum(distinct c1%3 order by c1%3) filter (where c1%3 < 2), c2 from ft1 where c2 = 6 group by c2;
-- @L862 query
select sum(c1%3), sum(distinct c1%3 order by c1%3) filter (where c1%3 < 2), c2 from ft1 where c2 = 6 group by c2;
-- @L865 explain
explain (verbose, costs off)
select distinct (select count(*) filter (where t2.c2 = 6 and t2.c1 < 10) from ft1 t1 where t1.c1 = 6) from ft2 t2 where t2.c2 % 6 = 0 order by 1;
-- @L867 query
select distinct (select count(*) filter (where t2.c2 = 6 and t2.c1 < 10) from ft1 t1 where t1.c1 = 6) from ft2 t2 where t2.c2 % 6 = 0 order by 1;
-- @L869 explain
explain (verbose, costs off)
select distinct (select count(t1.c1) filter (where t2.c2 = 6 and t2.c1 < 10) from ft1 t1 where t1.c1 = 6) from ft2 t2 where t2.c2 % 6 = 0 order by 1;
-- @L871 query
select distinct (select count(t1.c1) filter (where t2.c2 = 6 and t2.c1 < 10) from ft1 t1 where t1.c1 = 6) from ft2 t2 where t2.c2 % 6 = 0 order by 1;
-- @L874 explain
explain (verbose, costs off)
select sum(c1) filter (where (c1 / c1) * random() <= 1) from ft1 group by c2 order by 1;
-- @L876 explain
explain (verbose, costs off)
select sum(c2) filter (where c2 in (select c2 from ft1 where c2 < 5)) from ft1;
-- @L880 explain
explain (verbose, costs off)
select c2, rank('10'::varchar) within group (order by c6), percentile_cont(c2/10::numeric) within group (order by c1) from ft1 where c2 < 10 group by c2 having percentile_cont(c2/10::numeric) within group (order by c1) < 500 order by c2;
-- @L882 query
select c2, rank('10'::varchar) within group (order by c6), percentile_cont(c2/10::numeric) within group (order by c1) from ft1 where c2 < 10 group by c2 having percentile_cont(c2/10::numeric) within group (order by c1) < 500 order by c2;
-- @L885 explain
explain (verbose, costs off)
select c1, rank(c1, c2) within group (order by c1, c2) from ft1 group by c1, c2 having c1 = 6 order by 1;
-- @L887 query
select c1, rank(c1, c2) within group (order by c1, c2) from ft1 group by c1, c2 having c1 = 6 order by 1;
-- @L890 all
create function least_accum(anyelement, variadic anyarray)
returns anyelement language sql as
  'select least($1, min($2[i])) from generate_subscripts($2,1) g(i)';
-- @L893 all
create aggregate least_agg(variadic items anyarray) (
  stype = anyelement, sfunc = least_accum
);
-- @L898 session
set enable_hashagg to false;
-- @L901 explain
explain (verbose, costs off)
select c2, least_agg(c1) from ft1 group by c2 order by c2;
-- @L905 skip:pgfdw-option
-- alter extension postgres_fdw add function least_accum(anyelement, variadic anyarray);
-- @L906 skip:pgfdw-option
-- alter extension postgres_fdw add aggregate least_agg(variadic items anyarray);
-- @L907 skip:pgfdw-option
-- alter server loopback options (set extensions 'postgres_fdw');
-- @L910 explain
explain (verbose, costs off)
select c2, least_agg(c1) from ft1 where c2 < 100 group by c2 order by c2;
-- @L912 query
select c2, least_agg(c1) from ft1 where c2 < 100 group by c2 order by c2;
-- @L915 skip:pgfdw-option
-- alter extension postgres_fdw drop function least_accum(anyelement, variadic anyarray);
-- @L916 skip:pgfdw-option
-- alter extension postgres_fdw drop aggregate least_agg(variadic items anyarray);
-- @L917 skip:pgfdw-option
-- alter server loopback options (set extensions 'postgres_fdw');
-- @L920 explain
explain (verbose, costs off)
select c2, least_agg(c1) from ft1 group by c2 order by c2;
-- @L924 session
reset enable_hashagg;
-- @L925 all
drop aggregate least_agg(variadic items anyarray);
-- @L926 all
drop function least_accum(anyelement, variadic anyarray);
-- @L934 all
create operator public.<^ (
 leftarg = int4,
 rightarg = int4,
 procedure = int4eq
);
-- @L940 all
create operator public.=^ (
 leftarg = int4,
 rightarg = int4,
 procedure = int4lt
);
-- @L946 all
create operator public.>^ (
 leftarg = int4,
 rightarg = int4,
 procedure = int4gt
);
-- @L952 all
create operator family my_op_family using btree;
-- @L954 all
create function my_op_cmp(a int, b int) returns int as
  $$begin return btint4cmp(a, b); end $$ language plpgsql;
-- @L957 all
create operator class my_op_class for type int using btree family my_op_family as
 operator 1 public.<^,
 operator 3 public.=^,
 operator 5 public.>^,
 function 1 my_op_cmp(int, int);
-- @L965 explain
explain (verbose, costs off)
select array_agg(c1 order by c1 using operator(public.<^)) from ft2 where c2 = 6 and c1 < 100 group by c2;
-- @L969 explain
explain (verbose, costs off)
select * from ft2 order by c1 using operator(public.<^);
-- @L973 both
ANALYZE ft2;
-- @L976 skip:pgfdw-option
-- alter extension postgres_fdw add operator class my_op_class using btree;
-- @L977 skip:pgfdw-option
-- alter extension postgres_fdw add function my_op_cmp(a int, b int);
-- @L978 skip:pgfdw-option
-- alter extension postgres_fdw add operator family my_op_family using btree;
-- @L979 skip:pgfdw-option
-- alter extension postgres_fdw add operator public.<^(int, int);
-- @L980 skip:pgfdw-option
-- alter extension postgres_fdw add operator public.=^(int, int);
-- @L981 skip:pgfdw-option
-- alter extension postgres_fdw add operator public.>^(int, int);
-- @L982 skip:pgfdw-option
-- alter server loopback options (set extensions 'postgres_fdw');
-- @L985 explain
explain (verbose, costs off)
select array_agg(c1 order by c1 using operator(public.<^)) from ft2 where c2 = 6 and c1 < 100 group by c2;
-- @L987 query
select array_agg(c1 order by c1 using operator(public.<^)) from ft2 where c2 = 6 and c1 < 100 group by c2;
-- @L990 explain
explain (verbose, costs off)
select * from ft2 order by c1 using operator(public.<^);
-- @L994 skip:pgfdw-option
-- alter extension postgres_fdw drop operator class my_op_class using btree;
-- @L995 skip:pgfdw-option
-- alter extension postgres_fdw drop function my_op_cmp(a int, b int);
-- @L996 skip:pgfdw-option
-- alter extension postgres_fdw drop operator family my_op_family using btree;
-- @L997 skip:pgfdw-option
-- alter extension postgres_fdw drop operator public.<^(int, int);
-- @L998 skip:pgfdw-option
-- alter extension postgres_fdw drop operator public.=^(int, int);
-- @L999 skip:pgfdw-option
-- alter extension postgres_fdw drop operator public.>^(int, int);
-- @L1000 skip:pgfdw-option
-- alter server loopback options (set extensions 'postgres_fdw');
-- @L1003 explain
explain (verbose, costs off)
select array_agg(c1 order by c1 using operator(public.<^)) from ft2 where c2 = 6 and c1 < 100 group by c2;
-- @L1007 all
drop operator class my_op_class using btree;
-- @L1008 all
drop function my_op_cmp(a int, b int);
-- @L1009 all
drop operator family my_op_family using btree;
-- @L1010 all
drop operator public.>^(int, int);
-- @L1011 all
drop operator public.=^(int, int);
-- @L1012 all
drop operator public.<^(int, int);
-- @L1016 explain
explain (verbose, costs off)
select count(t1.c3) from ft2 t1 left join ft2 t2 on (t1.c1 = random() * t2.c2);
-- @L1020 explain
explain (verbose, costs off)
select count(*), x.b from ft1, (select c2 a, sum(c1) b from ft1 group by c2) x where ft1.c2 = x.a group by x.b order by 1, 2;
-- @L1022 query
select count(*), x.b from ft1, (select c2 a, sum(c1) b from ft1 group by c2) x where ft1.c2 = x.a group by x.b order by 1, 2;
-- @L1025 explain
explain (verbose, costs off)
select avg(t1.c1), sum(t2.c1) from ft4 t1 full join ft5 t2 on (t1.c1 = t2.c1) group by t2.c1 having (avg(t1.c1) is null and sum(t2.c1) < 10) or sum(t2.c1) is null order by 1 nulls last, 2;
-- @L1027 query
select avg(t1.c1), sum(t2.c1) from ft4 t1 full join ft5 t2 on (t1.c1 = t2.c1) group by t2.c1 having (avg(t1.c1) is null and sum(t2.c1) < 10) or sum(t2.c1) is null order by 1 nulls last, 2;
-- @L1031 explain
explain (verbose, costs off)
select count(*), sum(t1.c1), avg(t2.c1) from (select c1 from ft4 where c1 between 50 and 60) t1 full join (select c1 from ft5 where c1 between 50 and 60) t2 on (t1.c1 = t2.c1);
-- @L1033 query
select count(*), sum(t1.c1), avg(t2.c1) from (select c1 from ft4 where c1 between 50 and 60) t1 full join (select c1 from ft5 where c1 between 50 and 60) t2 on (t1.c1 = t2.c1);
-- @L1037 explain
explain (verbose, costs off)
select sum(c2) * (random() <= 1)::int as sum from ft1 order by 1;
-- @L1039 query
select sum(c2) * (random() <= 1)::int as sum from ft1 order by 1;
-- @L1042 session
set enable_hashagg to false;
-- @L1043 explain
explain (verbose, costs off)
select c2, sum from "S 1"."T 1" t1, lateral (select sum(t2.c1 + t1."C 1") sum from ft2 t2 group by t2.c1) qry where t1.c2 * 2 = qry.sum and t1.c2 < 3 and t1."C 1" < 100 order by 1;
-- @L1045 query
select c2, sum from "S 1"."T 1" t1, lateral (select sum(t2.c1 + t1."C 1") sum from ft2 t2 group by t2.c1) qry where t1.c2 * 2 = qry.sum and t1.c2 < 3 and t1."C 1" < 100 order by 1;
-- @L1046 session
reset enable_hashagg;
-- @L1049 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT ref_0.c2, subq_1.*
FROM
    "S 1"."T 1" AS ref_0,
    LATERAL (
        SELECT ref_0."C 1" c1, subq_0.*
        FROM (SELECT ref_0.c2, ref_1.c3
              FROM ft1 AS ref_1) AS subq_0
             RIGHT JOIN ft2 AS ref_3 ON (subq_0.c3 = ref_3.c3)
    ) AS subq_1
WHERE ref_0."C 1" < 10 AND subq_1.c3 = '00001'
ORDER BY ref_0."C 1";
-- @L1062 query
SELECT ref_0.c2, subq_1.*
FROM
    "S 1"."T 1" AS ref_0,
    LATERAL (
        SELECT ref_0."C 1" c1, subq_0.*
        FROM (SELECT ref_0.c2, ref_1.c3
              FROM ft1 AS ref_1) AS subq_0
             RIGHT JOIN ft2 AS ref_3 ON (subq_0.c3 = ref_3.c3)
    ) AS subq_1
WHERE ref_0."C 1" < 10 AND subq_1.c3 = '00001'
ORDER BY ref_0."C 1";
-- @L1075 explain
explain (verbose, costs off)
select sum(q.a), count(q.b) from ft4 left join (select 13, avg(ft1.c1), sum(ft2.c1) from ft1 right join ft2 on (ft1.c1 = ft2.c1)) q(a, b, c) on (ft4.c1 <= q.b);
-- @L1077 query
select sum(q.a), count(q.b) from ft4 left join (select 13, avg(ft1.c1), sum(ft2.c1) from ft1 right join ft2 on (ft1.c1 = ft2.c1)) q(a, b, c) on (ft4.c1 <= q.b);
-- @L1082 explain
explain (verbose, costs off)
select c2, sum(c1) from ft1 where c2 < 3 group by rollup(c2) order by 1 nulls last;
-- @L1084 query
select c2, sum(c1) from ft1 where c2 < 3 group by rollup(c2) order by 1 nulls last;
-- @L1085 explain
explain (verbose, costs off)
select c2, sum(c1) from ft1 where c2 < 3 group by cube(c2) order by 1 nulls last;
-- @L1087 query
select c2, sum(c1) from ft1 where c2 < 3 group by cube(c2) order by 1 nulls last;
-- @L1088 explain
explain (verbose, costs off)
select c2, c6, sum(c1) from ft1 where c2 < 3 group by grouping sets(c2, c6) order by 1 nulls last, 2 nulls last;
-- @L1090 query
select c2, c6, sum(c1) from ft1 where c2 < 3 group by grouping sets(c2, c6) order by 1 nulls last, 2 nulls last;
-- @L1091 explain
explain (verbose, costs off)
select c2, sum(c1), grouping(c2) from ft1 where c2 < 3 group by c2 order by 1 nulls last;
-- @L1093 query
select c2, sum(c1), grouping(c2) from ft1 where c2 < 3 group by c2 order by 1 nulls last;
-- @L1096 explain
explain (verbose, costs off)
select distinct sum(c1)/1000 s from ft2 where c2 < 6 group by c2 order by 1;
-- @L1098 query
select distinct sum(c1)/1000 s from ft2 where c2 < 6 group by c2 order by 1;
-- @L1101 explain
explain (verbose, costs off)
select c2, sum(c2), count(c2) over (partition by c2%2) from ft2 where c2 < 10 group by c2 order by 1;
-- @L1103 query
select c2, sum(c2), count(c2) over (partition by c2%2) from ft2 where c2 < 10 group by c2 order by 1;
-- @L1104 explain
explain (verbose, costs off)
select c2, array_agg(c2) over (partition by c2%2 order by c2 desc) from ft1 where c2 < 10 group by c2 order by 1;
-- @L1106 query
select c2, array_agg(c2) over (partition by c2%2 order by c2 desc) from ft1 where c2 < 10 group by c2 order by 1;
-- @L1107 explain
explain (verbose, costs off)
select c2, array_agg(c2) over (partition by c2%2 order by c2 range between current row and unbounded following) from ft1 where c2 < 10 group by c2 order by 1;
-- @L1109 query
select c2, array_agg(c2) over (partition by c2%2 order by c2 range between current row and unbounded following) from ft1 where c2 < 10 group by c2 order by 1;

-- ==== parameterized queries ====
-- @L1116 session
PREPARE st1(int, int) AS SELECT t1.c3, t2.c3 FROM ft1 t1, ft2 t2 WHERE t1.c1 = $1 AND t2.c1 = $2;
-- @L1117 explain
EXPLAIN (VERBOSE, COSTS OFF) EXECUTE st1(1, 2);
-- @L1118 query
EXECUTE st1(1, 1);
-- @L1119 query
EXECUTE st1(101, 101);
-- @L1121 session
PREPARE st2(int) AS SELECT * FROM ft1 t1 WHERE t1.c1 < $2 AND t1.c3 IN (SELECT c3 FROM ft2 t2 WHERE c1 > $1 AND date(c4) = '1970-01-17'::date) ORDER BY c1;
-- @L1122 explain
EXPLAIN (VERBOSE, COSTS OFF) EXECUTE st2(10, 20);
-- @L1123 query
EXECUTE st2(10, 20);
-- @L1124 query
EXECUTE st2(101, 121);
-- @L1126 session
PREPARE st3(int) AS SELECT * FROM ft1 t1 WHERE t1.c1 < $2 AND t1.c3 IN (SELECT c3 FROM ft2 t2 WHERE c1 > $1 AND date(c5) = '1970-01-17'::date) ORDER BY c1;
-- @L1127 explain
EXPLAIN (VERBOSE, COSTS OFF) EXECUTE st3(10, 20);
-- @L1128 query
EXECUTE st3(10, 20);
-- @L1129 query
EXECUTE st3(20, 30);
-- @L1131 session
PREPARE st4(int) AS SELECT * FROM ft1 t1 WHERE t1.c1 = $1;
-- @L1132 explain
EXPLAIN (VERBOSE, COSTS OFF) EXECUTE st4(1);
-- @L1133 explain
EXPLAIN (VERBOSE, COSTS OFF) EXECUTE st4(1);
-- @L1134 explain
EXPLAIN (VERBOSE, COSTS OFF) EXECUTE st4(1);
-- @L1135 explain
EXPLAIN (VERBOSE, COSTS OFF) EXECUTE st4(1);
-- @L1136 explain
EXPLAIN (VERBOSE, COSTS OFF) EXECUTE st4(1);
-- @L1138 explain
EXPLAIN (VERBOSE, COSTS OFF) EXECUTE st4(1);
-- @L1140 session
PREPARE st5(user_enum,int) AS SELECT * FROM ft1 t1 WHERE c8 = $1 and c1 = $2;
-- @L1141 explain
EXPLAIN (VERBOSE, COSTS OFF) EXECUTE st5('foo', 1);
-- @L1142 explain
EXPLAIN (VERBOSE, COSTS OFF) EXECUTE st5('foo', 1);
-- @L1143 explain
EXPLAIN (VERBOSE, COSTS OFF) EXECUTE st5('foo', 1);
-- @L1144 explain
EXPLAIN (VERBOSE, COSTS OFF) EXECUTE st5('foo', 1);
-- @L1145 explain
EXPLAIN (VERBOSE, COSTS OFF) EXECUTE st5('foo', 1);
-- @L1146 explain
EXPLAIN (VERBOSE, COSTS OFF) EXECUTE st5('foo', 1);
-- @L1147 query
EXECUTE st5('foo', 1);
-- @L1150 session
PREPARE st6 AS SELECT * FROM ft1 t1 WHERE t1.c1 = t1.c2;
-- @L1151 explain
EXPLAIN (VERBOSE, COSTS OFF) EXECUTE st6;
-- @L1152 skip:dml-explain
-- PREPARE st7 AS INSERT INTO ft1 (c1,c2,c3) VALUES (1001,101,'foo');
-- @L1153 skip:dml-explain
-- EXPLAIN (VERBOSE, COSTS OFF) EXECUTE st7;
-- @L1154 all
ALTER TABLE "S 1"."T 1" RENAME TO "T 0";
-- @L1155 both
ALTER FOREIGN TABLE ft1 OPTIONS (SET table_name 'T 0');
-- @L1156 explain
EXPLAIN (VERBOSE, COSTS OFF) EXECUTE st6;
-- @L1157 query
EXECUTE st6;
-- @L1158 skip:dml-explain
-- EXPLAIN (VERBOSE, COSTS OFF) EXECUTE st7;
-- @L1159 all
ALTER TABLE "S 1"."T 0" RENAME TO "T 1";
-- @L1160 both
ALTER FOREIGN TABLE ft1 OPTIONS (SET table_name 'T 1');
-- @L1162 session
PREPARE st8 AS SELECT count(c3) FROM ft1 t1 WHERE t1.c1 === t1.c2;
-- @L1163 explain
EXPLAIN (VERBOSE, COSTS OFF) EXECUTE st8;
-- @L1164 skip:pgfdw-option
-- ALTER SERVER loopback OPTIONS (DROP extensions);
-- @L1165 explain
EXPLAIN (VERBOSE, COSTS OFF) EXECUTE st8;
-- @L1166 query
EXECUTE st8;
-- @L1167 skip:pgfdw-option
-- ALTER SERVER loopback OPTIONS (ADD extensions 'postgres_fdw');
-- @L1170 session
DEALLOCATE st1;
-- @L1171 session
DEALLOCATE st2;
-- @L1172 session
DEALLOCATE st3;
-- @L1173 session
DEALLOCATE st4;
-- @L1174 session
DEALLOCATE st5;
-- @L1175 session
DEALLOCATE st6;
-- @L1176 session
DEALLOCATE st7;
-- @L1177 session
DEALLOCATE st8;
-- @L1180 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT * FROM ft1 t1 WHERE t1.tableoid = 'pg_class'::regclass LIMIT 1;
-- @L1182 query
SELECT * FROM ft1 t1 WHERE t1.tableoid = 'ft1'::regclass LIMIT 1;
-- @L1183 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT tableoid::regclass, * FROM ft1 t1 LIMIT 1;
-- @L1185 query
SELECT tableoid::regclass, * FROM ft1 t1 LIMIT 1;
-- @L1186 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT * FROM ft1 t1 WHERE t1.ctid = '(0,2)';
-- @L1188 query
SELECT * FROM ft1 t1 WHERE t1.ctid = '(0,2)';
-- @L1189 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT ctid, * FROM ft1 t1 LIMIT 1;
-- @L1191 query
SELECT ctid, * FROM ft1 t1 LIMIT 1;

-- ==== used in PL/pgSQL function ====
-- @L1196 both
CREATE OR REPLACE FUNCTION f_test(p_c1 int) RETURNS int AS $$
DECLARE
	v_c1 int;
BEGIN
    SELECT c1 INTO v_c1 FROM ft1 WHERE c1 = p_c1 LIMIT 1;
    PERFORM c1 FROM ft1 WHERE c1 = p_c1 AND p_c1 = v_c1 LIMIT 1;
    RETURN v_c1;
END;
$$ LANGUAGE plpgsql;
-- @L1205 query
SELECT f_test(100);
-- @L1206 all
DROP FUNCTION f_test(int);

-- ==== REINDEX ====
-- @L1212 both
CREATE FOREIGN TABLE reindex_foreign (c1 int, c2 int)
  SERVER loopback2 OPTIONS (table_name 'reindex_local');
-- @L1214 both
REINDEX TABLE reindex_foreign;
-- @L1215 all
REINDEX TABLE CONCURRENTLY reindex_foreign;
-- @L1216 both
DROP FOREIGN TABLE reindex_foreign;
-- @L1218 all
CREATE TABLE reind_fdw_parent (c1 int) PARTITION BY RANGE (c1);
-- @L1219 all
CREATE TABLE reind_fdw_0_10 PARTITION OF reind_fdw_parent
  FOR VALUES FROM (0) TO (10);
-- @L1221 both
CREATE FOREIGN TABLE reind_fdw_10_20 PARTITION OF reind_fdw_parent
  FOR VALUES FROM (10) TO (20)
  SERVER loopback OPTIONS (table_name 'reind_local_10_20');
-- @L1224 both
REINDEX TABLE reind_fdw_parent;
-- @L1225 all
REINDEX TABLE CONCURRENTLY reind_fdw_parent;
-- @L1226 all
DROP TABLE reind_fdw_parent;

-- ==== conversion error ====
-- @L1231 both
ALTER FOREIGN TABLE ft1 ALTER COLUMN c8 TYPE int;
-- @L1232 query
SELECT * FROM ft1 ftx(x1,x2,x3,x4,x5,x6,x7,x8) WHERE x1 = 1;
-- @L1233 query
SELECT ftx.x1, ft2.c2, ftx.x8 FROM ft1 ftx(x1,x2,x3,x4,x5,x6,x7,x8), ft2
  WHERE ftx.x1 = ft2.c1 AND ftx.x1 = 1;
-- @L1235 query
SELECT ftx.x1, ft2.c2, ftx FROM ft1 ftx(x1,x2,x3,x4,x5,x6,x7,x8), ft2
  WHERE ftx.x1 = ft2.c1 AND ftx.x1 = 1;
-- @L1237 query
SELECT sum(c2), array_agg(c8) FROM ft1 GROUP BY c8;
-- @L1238 both
ANALYZE ft1;
-- @L1239 both
ALTER FOREIGN TABLE ft1 ALTER COLUMN c8 TYPE user_enum;

-- ==== local type can be different from remote type in some cases, ====
-- @L1245 both
ALTER FOREIGN TABLE ft1 ALTER COLUMN c8 TYPE text;
-- @L1246 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT * FROM ft1 WHERE c8 = 'foo' LIMIT 1;
-- @L1248 query
SELECT * FROM ft1 WHERE c8 = 'foo' LIMIT 1;
-- @L1249 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT * FROM ft1 WHERE 'foo' = c8 LIMIT 1;
-- @L1251 query
SELECT * FROM ft1 WHERE 'foo' = c8 LIMIT 1;
-- @L1255 query
SELECT * FROM ft1 WHERE c8 LIKE 'foo' LIMIT 1;
-- @L1256 query
SELECT * FROM ft1 WHERE c8::text LIKE 'foo' LIMIT 1;
-- @L1257 both
ALTER FOREIGN TABLE ft1 ALTER COLUMN c8 TYPE user_enum;

-- ==== subtransaction ====
-- @L1263 session
BEGIN;
-- @L1264 session
DECLARE c CURSOR FOR SELECT * FROM ft1 ORDER BY c1;
-- @L1265 query
FETCH c;
-- @L1266 session
SAVEPOINT s;
-- @L1267 all
ERROR OUT;
-- @L1268 session
ROLLBACK TO s;
-- @L1269 query
FETCH c;
-- @L1270 session
SAVEPOINT s;
-- @L1271 query
SELECT * FROM ft1 WHERE 1 / (c1 - 1) > 0;
-- @L1272 session
ROLLBACK TO s;
-- @L1273 query
FETCH c;
-- @L1274 query
SELECT * FROM ft1 ORDER BY c1 LIMIT 1;
-- @L1275 session
COMMIT;

-- ==== test handling of collations ====
-- @L1280 all
create table loct3 (f1 text collate "C" unique, f2 text, f3 varchar(10) unique);
-- @L1281 both
create foreign table ft3 (f1 text collate "C", f2 text, f3 varchar(10))
  server loopback options (table_name 'loct3', use_remote_estimate 'true');
-- @L1285 explain
explain (verbose, costs off) select * from ft3 where f1 = 'foo';
-- @L1286 explain
explain (verbose, costs off) select * from ft3 where f1 COLLATE "C" = 'foo';
-- @L1287 explain
explain (verbose, costs off) select * from ft3 where f2 = 'foo';
-- @L1288 explain
explain (verbose, costs off) select * from ft3 where f3 = 'foo';
-- @L1289 explain
explain (verbose, costs off) select * from ft3 f, loct3 l
  where f.f3 = l.f3 and l.f1 = 'foo';
-- @L1292 explain
explain (verbose, costs off) select * from ft3 where f1 COLLATE "POSIX" = 'foo';
-- @L1293 explain
explain (verbose, costs off) select * from ft3 where f1 = 'foo' COLLATE "C";
-- @L1294 explain
explain (verbose, costs off) select * from ft3 where f2 COLLATE "C" = 'foo';
-- @L1295 explain
explain (verbose, costs off) select * from ft3 where f2 = 'foo' COLLATE "C";
-- @L1296 explain
explain (verbose, costs off) select * from ft3 f, loct3 l
  where f.f3 = l.f3 COLLATE "POSIX" and l.f1 = 'foo';

-- ==== test writable foreign table stuff ====
-- @L1302 skip:dml-explain
-- EXPLAIN (verbose, costs off)
-- INSERT INTO ft2 (c1,c2,c3) SELECT c1+1000,c2+100, c3 || c3 FROM ft2 LIMIT 20;
-- @L1304 pgf
INSERT INTO ft2 (c1,c2,c3) SELECT c1+1000,c2+100, c3 || c3 FROM ft2 LIMIT 20;
-- @L1305 pgf
INSERT INTO ft2 (c1,c2,c3)
  VALUES (1101,201,'aaa'), (1102,202,'bbb'), (1103,203,'ccc') RETURNING *;
-- @L1307 pgf
INSERT INTO ft2 (c1,c2,c3) VALUES (1104,204,'ddd'), (1105,205,'eee');
-- @L1308 skip:dml-explain
-- EXPLAIN (verbose, costs off)
-- UPDATE ft2 SET c2 = c2 + 300, c3 = c3 || '_update3' WHERE c1 % 10 = 3;
-- @L1310 pgf
UPDATE ft2 SET c2 = c2 + 300, c3 = c3 || '_update3' WHERE c1 % 10 = 3;
-- @L1311 skip:dml-explain
-- EXPLAIN (verbose, costs off)
-- UPDATE ft2 SET c2 = c2 + 400, c3 = c3 || '_update7' WHERE c1 % 10 = 7 RETURNING *;
-- @L1313 pgf
UPDATE ft2 SET c2 = c2 + 400, c3 = c3 || '_update7' WHERE c1 % 10 = 7 RETURNING *;
-- @L1314 skip:dml-explain
-- EXPLAIN (verbose, costs off)
-- UPDATE ft2 SET c2 = ft2.c2 + 500, c3 = ft2.c3 || '_update9', c7 = DEFAULT
--   FROM ft1 WHERE ft1.c1 = ft2.c2 AND ft1.c1 % 10 = 9;
-- @L1317 pgf
UPDATE ft2 SET c2 = ft2.c2 + 500, c3 = ft2.c3 || '_update9', c7 = DEFAULT
  FROM ft1 WHERE ft1.c1 = ft2.c2 AND ft1.c1 % 10 = 9;
-- @L1319 skip:dml-explain
-- EXPLAIN (verbose, costs off)
--   DELETE FROM ft2 WHERE c1 % 10 = 5 RETURNING c1, c4;
-- @L1321 pgf
DELETE FROM ft2 WHERE c1 % 10 = 5 RETURNING c1, c4;
-- @L1322 skip:dml-explain
-- EXPLAIN (verbose, costs off)
-- DELETE FROM ft2 USING ft1 WHERE ft1.c1 = ft2.c2 AND ft1.c1 % 10 = 2;
-- @L1324 pgf
DELETE FROM ft2 USING ft1 WHERE ft1.c1 = ft2.c2 AND ft1.c1 % 10 = 2;
-- @L1325 query
SELECT c1,c2,c3,c4 FROM ft2 ORDER BY c1;
-- @L1326 skip:dml-explain
-- EXPLAIN (verbose, costs off)
-- INSERT INTO ft2 (c1,c2,c3) VALUES (1200,999,'foo') RETURNING tableoid::regclass;
-- @L1328 pgf
INSERT INTO ft2 (c1,c2,c3) VALUES (1200,999,'foo') RETURNING tableoid::regclass;
-- @L1329 skip:dml-explain
-- EXPLAIN (verbose, costs off)
-- UPDATE ft2 SET c3 = 'bar' WHERE c1 = 1200 RETURNING tableoid::regclass;
-- @L1331 pgf
UPDATE ft2 SET c3 = 'bar' WHERE c1 = 1200 RETURNING tableoid::regclass;
-- @L1332 skip:dml-explain
-- EXPLAIN (verbose, costs off)
-- DELETE FROM ft2 WHERE c1 = 1200 RETURNING tableoid::regclass;
-- @L1334 pgf
DELETE FROM ft2 WHERE c1 = 1200 RETURNING tableoid::regclass;
-- @L1337 pgf
INSERT INTO ft2 (c1,c2,c3)
  SELECT id, id - 1200, to_char(id, 'FM00000') FROM generate_series(1201, 1300) id;
-- @L1339 skip:dml-explain
-- EXPLAIN (verbose, costs off)
-- UPDATE ft2 SET c3 = 'foo'
--   FROM ft4 INNER JOIN ft5 ON (ft4.c1 = ft5.c1)
--   WHERE ft2.c1 > 1200 AND ft2.c2 = ft4.c1
--   RETURNING ft2, ft2.*, ft4, ft4.*;
-- @L1344 pgf
UPDATE ft2 SET c3 = 'foo'
  FROM ft4 INNER JOIN ft5 ON (ft4.c1 = ft5.c1)
  WHERE ft2.c1 > 1200 AND ft2.c2 = ft4.c1
  RETURNING ft2, ft2.*, ft4, ft4.*;
-- @L1348 skip:dml-explain
-- EXPLAIN (verbose, costs off)
-- DELETE FROM ft2
--   USING ft4 LEFT JOIN ft5 ON (ft4.c1 = ft5.c1)
--   WHERE ft2.c1 > 1200 AND ft2.c1 % 10 = 0 AND ft2.c2 = ft4.c1
--   RETURNING 100;
-- @L1353 pgf
DELETE FROM ft2
  USING ft4 LEFT JOIN ft5 ON (ft4.c1 = ft5.c1)
  WHERE ft2.c1 > 1200 AND ft2.c1 % 10 = 0 AND ft2.c2 = ft4.c1
  RETURNING 100;
-- @L1357 pgf
DELETE FROM ft2 WHERE ft2.c1 > 1200;
-- @L1361 skip:dml-explain
-- EXPLAIN (verbose, costs off)
-- UPDATE ft2 AS target SET (c2, c7) = (
--     SELECT c2 * 10, c7
--         FROM ft2 AS src
--         WHERE target.c1 = src.c1
-- ) WHERE c1 > 1100;
-- @L1367 pgf
UPDATE ft2 AS target SET (c2, c7) = (
    SELECT c2 * 10, c7
        FROM ft2 AS src
        WHERE target.c1 = src.c1
) WHERE c1 > 1100;
-- @L1373 pgf
UPDATE ft2 AS target SET (c2) = (
    SELECT c2 / 10
        FROM ft2 AS src
        WHERE target.c1 = src.c1
) WHERE c1 > 1100;
-- @L1381 skip:dml-explain
-- EXPLAIN (VERBOSE, COSTS OFF)
-- UPDATE ft2 d SET c2 = CASE WHEN random() >= 0 THEN d.c2 ELSE 0 END
--   FROM ft2 AS t WHERE d.c1 = t.c1 AND d.c1 > 1000;
-- @L1384 pgf
UPDATE ft2 d SET c2 = CASE WHEN random() >= 0 THEN d.c2 ELSE 0 END
  FROM ft2 AS t WHERE d.c1 = t.c1 AND d.c1 > 1000;
-- @L1389 skip:pgfdw-option
-- ALTER SERVER loopback OPTIONS (DROP extensions);
-- @L1390 pgf
INSERT INTO ft2 (c1,c2,c3)
  SELECT id, id % 10, to_char(id, 'FM00000') FROM generate_series(2001, 2010) id;
-- @L1394 skip:dml-explain
-- EXPLAIN (verbose, costs off)
-- WITH cte AS (
--   UPDATE ft2 SET c3 = 'bar' WHERE postgres_fdw_abs(c1) > 2000 RETURNING *
-- ) SELECT * FROM cte ORDER BY c1;
-- @L1398 skip:returning-dml
-- WITH cte AS (
--   UPDATE ft2 SET c3 = 'bar' WHERE postgres_fdw_abs(c1) > 2000 RETURNING *
-- ) SELECT * FROM cte ORDER BY c1;
-- @L1402 skip:dml-explain
-- EXPLAIN (verbose, costs off)
-- UPDATE ft2 SET c3 = 'baz'
--   FROM ft4 INNER JOIN ft5 ON (ft4.c1 = ft5.c1)
--   WHERE ft2.c1 > 2000 AND ft2.c2 === ft4.c1
--   RETURNING ft2.*, ft4.*, ft5.*;
-- @L1407 pgf
UPDATE ft2 SET c3 = 'baz'
  FROM ft4 INNER JOIN ft5 ON (ft4.c1 = ft5.c1)
  WHERE ft2.c1 > 2000 AND ft2.c2 === ft4.c1
  RETURNING ft2.*, ft4.*, ft5.*;
-- @L1411 skip:dml-explain
-- EXPLAIN (verbose, costs off)
-- DELETE FROM ft2
--   USING ft4 INNER JOIN ft5 ON (ft4.c1 === ft5.c1)
--   WHERE ft2.c1 > 2000 AND ft2.c2 = ft4.c1
--   RETURNING ft2.c1, ft2.c2, ft2.c3;
-- @L1416 pgf
DELETE FROM ft2
  USING ft4 INNER JOIN ft5 ON (ft4.c1 === ft5.c1)
  WHERE ft2.c1 > 2000 AND ft2.c2 = ft4.c1
  RETURNING ft2.c1, ft2.c2, ft2.c3;
-- @L1420 pgf
DELETE FROM ft2 WHERE ft2.c1 > 2000;
-- @L1421 skip:pgfdw-option
-- ALTER SERVER loopback OPTIONS (ADD extensions 'postgres_fdw');
-- @L1424 all
CREATE OR REPLACE FUNCTION "S 1".F_BRTRIG() RETURNS trigger AS $$
BEGIN
    NEW.c3 = NEW.c3 || '_trig_update';
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
-- @L1430 all
CREATE TRIGGER t1_br_insert BEFORE INSERT OR UPDATE
    ON "S 1"."T 1" FOR EACH ROW EXECUTE PROCEDURE "S 1".F_BRTRIG();
-- @L1433 pgf
INSERT INTO ft2 (c1,c2,c3) VALUES (1208, 818, 'fff') RETURNING *;
-- @L1434 pgf
INSERT INTO ft2 (c1,c2,c3,c6) VALUES (1218, 818, 'ggg', '(--;') RETURNING *;
-- @L1435 pgf
UPDATE ft2 SET c2 = c2 + 600 WHERE c1 % 10 = 8 AND c1 < 1200 RETURNING *;
-- @L1438 all
ALTER TABLE "S 1"."T 1" ADD CONSTRAINT c2positive CHECK (c2 >= 0);
-- @L1440 pgf
INSERT INTO ft1(c1, c2) VALUES(11, 12);
-- @L1441 pgf
INSERT INTO ft1(c1, c2) VALUES(11, 12) ON CONFLICT DO NOTHING;
-- @L1442 pgf
INSERT INTO ft1(c1, c2) VALUES(11, 12) ON CONFLICT (c1, c2) DO NOTHING;
-- @L1443 pgf
INSERT INTO ft1(c1, c2) VALUES(11, 12) ON CONFLICT (c1, c2) DO UPDATE SET c3 = 'ffg';
-- @L1444 pgf
INSERT INTO ft1(c1, c2) VALUES(1111, -2);
-- @L1445 pgf
UPDATE ft1 SET c2 = -c2 WHERE c1 = 1;
-- @L1448 query
select c2, count(*) from ft2 where c2 < 500 group by 1 order by 1;
-- @L1449 query
select c2, count(*) from "S 1"."T 1" where c2 < 500 group by 1 order by 1;
-- @L1450 session
begin;
-- @L1451 pgf
update ft2 set c2 = 42 where c2 = 0;
-- @L1452 query
select c2, count(*) from ft2 where c2 < 500 group by 1 order by 1;
-- @L1453 session
savepoint s1;
-- @L1454 pgf
update ft2 set c2 = 44 where c2 = 4;
-- @L1455 query
select c2, count(*) from ft2 where c2 < 500 group by 1 order by 1;
-- @L1456 session
release savepoint s1;
-- @L1457 query
select c2, count(*) from ft2 where c2 < 500 group by 1 order by 1;
-- @L1458 session
savepoint s2;
-- @L1459 pgf
update ft2 set c2 = 46 where c2 = 6;
-- @L1460 query
select c2, count(*) from ft2 where c2 < 500 group by 1 order by 1;
-- @L1461 session
rollback to savepoint s2;
-- @L1462 query
select c2, count(*) from ft2 where c2 < 500 group by 1 order by 1;
-- @L1463 session
release savepoint s2;
-- @L1464 query
select c2, count(*) from ft2 where c2 < 500 group by 1 order by 1;
-- @L1465 session
savepoint s3;
-- @L1466 pgf
update ft2 set c2 = -2 where c2 = 42 and c1 = 10;
-- @L1467 session
rollback to savepoint s3;
-- @L1468 query
select c2, count(*) from ft2 where c2 < 500 group by 1 order by 1;
-- @L1469 session
release savepoint s3;
-- @L1470 query
select c2, count(*) from ft2 where c2 < 500 group by 1 order by 1;
-- @L1472 query
select c2, count(*) from "S 1"."T 1" where c2 < 500 group by 1 order by 1;
-- @L1473 session
commit;
-- @L1474 query
select c2, count(*) from ft2 where c2 < 500 group by 1 order by 1;
-- @L1475 query
select c2, count(*) from "S 1"."T 1" where c2 < 500 group by 1 order by 1;
-- @L1477 all
VACUUM ANALYZE "S 1"."T 1";
-- @L1482 explain
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM ft1 ORDER BY c6 DESC NULLS LAST, c1 OFFSET 795 LIMIT 10;
-- @L1483 query
SELECT * FROM ft1 ORDER BY c6 DESC NULLS LAST, c1 OFFSET 795  LIMIT 10;
-- @L1485 explain
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM ft1 ORDER BY c6 DESC NULLS FIRST, c1 OFFSET 15 LIMIT 10;
-- @L1486 query
SELECT * FROM ft1 ORDER BY c6 DESC NULLS FIRST, c1 OFFSET 15 LIMIT 10;
-- @L1488 explain
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM ft1 ORDER BY c6 ASC NULLS FIRST, c1 OFFSET 15 LIMIT 10;
-- @L1489 query
SELECT * FROM ft1 ORDER BY c6 ASC NULLS FIRST, c1 OFFSET 15 LIMIT 10;
-- @L1493 all
CREATE TABLE loct1 (c1 int);
-- @L1494 all
CREATE TABLE loct2 (c1 int, c2 text);
-- @L1495 all
INSERT INTO loct1 VALUES (1001);
-- @L1496 all
INSERT INTO loct1 VALUES (1002);
-- @L1497 all
INSERT INTO loct2 SELECT id, to_char(id, 'FM0000') FROM generate_series(1, 1000) id;
-- @L1498 all
INSERT INTO loct2 VALUES (1001, 'foo');
-- @L1499 all
INSERT INTO loct2 VALUES (1002, 'bar');
-- @L1500 both
CREATE FOREIGN TABLE remt2 (c1 int, c2 text) SERVER loopback OPTIONS (table_name 'loct2');
-- @L1501 all
ANALYZE loct1;
-- @L1502 both
ANALYZE remt2;
-- @L1503 session
SET enable_mergejoin TO false;
-- @L1504 session
SET enable_hashjoin TO false;
-- @L1505 session
SET enable_material TO false;
-- @L1506 skip:dml-explain
-- EXPLAIN (VERBOSE, COSTS OFF)
-- UPDATE remt2 SET c2 = remt2.c2 || remt2.c2 FROM loct1 WHERE loct1.c1 = remt2.c1 RETURNING remt2.*;
-- @L1508 pgf
UPDATE remt2 SET c2 = remt2.c2 || remt2.c2 FROM loct1 WHERE loct1.c1 = remt2.c1 RETURNING remt2.*;
-- @L1509 session
RESET enable_mergejoin;
-- @L1510 session
RESET enable_hashjoin;
-- @L1511 session
RESET enable_material;
-- @L1512 both
DROP FOREIGN TABLE remt2;
-- @L1513 all
DROP TABLE loct1;
-- @L1514 all
DROP TABLE loct2;

-- ==== test check constraints ====
-- @L1521 both
ALTER FOREIGN TABLE ft1 ADD CONSTRAINT ft1_c2positive CHECK (c2 >= 0);
-- @L1522 explain
EXPLAIN (VERBOSE, COSTS OFF) SELECT count(*) FROM ft1 WHERE c2 < 0;
-- @L1523 query
SELECT count(*) FROM ft1 WHERE c2 < 0;
-- @L1524 session
SET constraint_exclusion = 'on';
-- @L1525 explain
EXPLAIN (VERBOSE, COSTS OFF) SELECT count(*) FROM ft1 WHERE c2 < 0;
-- @L1526 query
SELECT count(*) FROM ft1 WHERE c2 < 0;
-- @L1527 session
RESET constraint_exclusion;
-- @L1529 pgf
INSERT INTO ft1(c1, c2) VALUES(1111, -2);
-- @L1530 pgf
UPDATE ft1 SET c2 = -c2 WHERE c1 = 1;
-- @L1531 both
ALTER FOREIGN TABLE ft1 DROP CONSTRAINT ft1_c2positive;
-- @L1534 both
ALTER FOREIGN TABLE ft1 ADD CONSTRAINT ft1_c2negative CHECK (c2 < 0);
-- @L1535 explain
EXPLAIN (VERBOSE, COSTS OFF) SELECT count(*) FROM ft1 WHERE c2 >= 0;
-- @L1536 query
SELECT count(*) FROM ft1 WHERE c2 >= 0;
-- @L1537 session
SET constraint_exclusion = 'on';
-- @L1538 explain
EXPLAIN (VERBOSE, COSTS OFF) SELECT count(*) FROM ft1 WHERE c2 >= 0;
-- @L1539 query
SELECT count(*) FROM ft1 WHERE c2 >= 0;
-- @L1540 session
RESET constraint_exclusion;
-- @L1542 pgf
INSERT INTO ft1(c1, c2) VALUES(1111, 2);
-- @L1543 pgf
UPDATE ft1 SET c2 = c2 + 1 WHERE c1 = 1;
-- @L1544 both
ALTER FOREIGN TABLE ft1 DROP CONSTRAINT ft1_c2negative;

-- ==== test WITH CHECK OPTION constraints ====
-- @L1550 all
CREATE FUNCTION row_before_insupd_trigfunc() RETURNS trigger AS $$BEGIN NEW.a := NEW.a + 10; RETURN NEW; END$$ LANGUAGE plpgsql;
-- @L1552 all
CREATE TABLE base_tbl (a int, b int);
-- @L1553 all
ALTER TABLE base_tbl SET (autovacuum_enabled = 'false');
-- @L1554 all
CREATE TRIGGER row_before_insupd_trigger BEFORE INSERT OR UPDATE ON base_tbl FOR EACH ROW EXECUTE PROCEDURE row_before_insupd_trigfunc();
-- @L1555 both
CREATE FOREIGN TABLE foreign_tbl (a int, b int)
  SERVER loopback OPTIONS (table_name 'base_tbl');
-- @L1557 both
CREATE VIEW rw_view AS SELECT * FROM foreign_tbl
  WHERE a < b WITH CHECK OPTION;
-- @L1559 skip:psql
-- \d+ rw_view
-- @L1561 skip:dml-explain
-- EXPLAIN (VERBOSE, COSTS OFF)
-- INSERT INTO rw_view VALUES (0, 5);
-- @L1563 pgf
INSERT INTO rw_view VALUES (0, 5);
-- @L1564 skip:dml-explain
-- EXPLAIN (VERBOSE, COSTS OFF)
-- INSERT INTO rw_view VALUES (0, 15);
-- @L1566 pgf
INSERT INTO rw_view VALUES (0, 15);
-- @L1567 query
SELECT * FROM foreign_tbl;
-- @L1569 skip:dml-explain
-- EXPLAIN (VERBOSE, COSTS OFF)
-- UPDATE rw_view SET b = b + 5;
-- @L1571 pgf
UPDATE rw_view SET b = b + 5;
-- @L1572 skip:dml-explain
-- EXPLAIN (VERBOSE, COSTS OFF)
-- UPDATE rw_view SET b = b + 15;
-- @L1574 pgf
UPDATE rw_view SET b = b + 15;
-- @L1575 query
SELECT * FROM foreign_tbl;
-- @L1578 skip:pgfdw-option
-- ALTER SERVER loopback OPTIONS (ADD batch_size '10');
-- @L1579 skip:dml-explain
-- EXPLAIN (VERBOSE, COSTS OFF)
-- INSERT INTO rw_view VALUES (0, 15), (0, 5);
-- @L1581 pgf
INSERT INTO rw_view VALUES (0, 15), (0, 5);
-- @L1582 query
SELECT * FROM foreign_tbl;
-- @L1583 skip:pgfdw-option
-- ALTER SERVER loopback OPTIONS (DROP batch_size);
-- @L1585 both
DROP FOREIGN TABLE foreign_tbl CASCADE;
-- @L1586 all
DROP TRIGGER row_before_insupd_trigger ON base_tbl;
-- @L1587 all
DROP TABLE base_tbl;
-- @L1591 all
CREATE TABLE child_tbl (a int, b int);
-- @L1592 all
ALTER TABLE child_tbl SET (autovacuum_enabled = 'false');
-- @L1593 all
CREATE TRIGGER row_before_insupd_trigger BEFORE INSERT OR UPDATE ON child_tbl FOR EACH ROW EXECUTE PROCEDURE row_before_insupd_trigfunc();
-- @L1594 both
CREATE FOREIGN TABLE foreign_tbl (a int, b int)
  SERVER loopback OPTIONS (table_name 'child_tbl');
-- @L1597 all
CREATE TABLE parent_tbl (a int, b int) PARTITION BY RANGE(a);
-- @L1598 both
ALTER TABLE parent_tbl ATTACH PARTITION foreign_tbl FOR VALUES FROM (0) TO (100);
-- @L1600 both
ALTER TABLE parent_tbl DETACH PARTITION foreign_tbl CONCURRENTLY;
-- @L1601 both
ALTER TABLE parent_tbl ATTACH PARTITION foreign_tbl FOR VALUES FROM (0) TO (100);
-- @L1603 both
CREATE VIEW rw_view AS SELECT * FROM parent_tbl
  WHERE a < b WITH CHECK OPTION;
-- @L1605 skip:psql
-- \d+ rw_view
-- @L1607 skip:dml-explain
-- EXPLAIN (VERBOSE, COSTS OFF)
-- INSERT INTO rw_view VALUES (0, 5);
-- @L1609 pgf
INSERT INTO rw_view VALUES (0, 5);
-- @L1610 skip:dml-explain
-- EXPLAIN (VERBOSE, COSTS OFF)
-- INSERT INTO rw_view VALUES (0, 15);
-- @L1612 pgf
INSERT INTO rw_view VALUES (0, 15);
-- @L1613 query
SELECT * FROM foreign_tbl;
-- @L1615 skip:dml-explain
-- EXPLAIN (VERBOSE, COSTS OFF)
-- UPDATE rw_view SET b = b + 5;
-- @L1617 pgf
UPDATE rw_view SET b = b + 5;
-- @L1618 skip:dml-explain
-- EXPLAIN (VERBOSE, COSTS OFF)
-- UPDATE rw_view SET b = b + 15;
-- @L1620 pgf
UPDATE rw_view SET b = b + 15;
-- @L1621 query
SELECT * FROM foreign_tbl;
-- @L1624 skip:pgfdw-option
-- ALTER SERVER loopback OPTIONS (ADD batch_size '10');
-- @L1625 skip:dml-explain
-- EXPLAIN (VERBOSE, COSTS OFF)
-- INSERT INTO rw_view VALUES (0, 15), (0, 5);
-- @L1627 pgf
INSERT INTO rw_view VALUES (0, 15), (0, 5);
-- @L1628 query
SELECT * FROM foreign_tbl;
-- @L1629 skip:pgfdw-option
-- ALTER SERVER loopback OPTIONS (DROP batch_size);
-- @L1631 both
DROP FOREIGN TABLE foreign_tbl CASCADE;
-- @L1632 all
DROP TRIGGER row_before_insupd_trigger ON child_tbl;
-- @L1633 all
DROP TABLE parent_tbl CASCADE;
-- @L1635 all
DROP FUNCTION row_before_insupd_trigfunc;

-- ==== test serial columns (ie, sequence-based defaults) ====
-- @L1640 all
create table loc1 (f1 serial, f2 text);
-- @L1641 all
alter table loc1 set (autovacuum_enabled = 'false');
-- @L1642 both
create foreign table rem1 (f1 serial, f2 text)
  server loopback options(table_name 'loc1');
-- @L1644 query
select pg_catalog.setval('rem1_f1_seq', 10, false);
-- @L1645 all
insert into loc1(f2) values('hi');
-- @L1646 pgf
insert into rem1(f2) values('hi remote');
-- @L1647 all
insert into loc1(f2) values('bye');
-- @L1648 pgf
insert into rem1(f2) values('bye remote');
-- @L1649 query
select * from loc1;
-- @L1650 query
select * from rem1;

-- ==== test generated columns ====
-- @L1655 all
create table gloc1 (
  a int,
  b int generated always as (a * 2) stored);
-- @L1658 all
alter table gloc1 set (autovacuum_enabled = 'false');
-- @L1659 both
create foreign table grem1 (
  a int,
  b int generated always as (a * 2) stored)
  server loopback options(table_name 'gloc1');
-- @L1663 skip:dml-explain
-- explain (verbose, costs off)
-- insert into grem1 (a) values (1), (2);
-- @L1665 pgf
insert into grem1 (a) values (1), (2);
-- @L1666 skip:dml-explain
-- explain (verbose, costs off)
-- update grem1 set a = 22 where a = 2;
-- @L1668 pgf
update grem1 set a = 22 where a = 2;
-- @L1669 query
select * from gloc1;
-- @L1670 query
select * from grem1;
-- @L1671 pgf
delete from grem1;
-- @L1674 skip:copy
-- copy grem1 from stdin;
-- @L1678 query
select * from gloc1;
-- @L1679 query
select * from grem1;
-- @L1680 pgf
delete from grem1;
-- @L1683 skip:pgfdw-option
-- alter server loopback options (add batch_size '10');
-- @L1684 skip:dml-explain
-- explain (verbose, costs off)
-- insert into grem1 (a) values (1), (2);
-- @L1686 pgf
insert into grem1 (a) values (1), (2);
-- @L1687 query
select * from gloc1;
-- @L1688 query
select * from grem1;
-- @L1689 pgf
delete from grem1;
-- @L1693 all
create table tab_batch_local (id int, data text);
-- @L1694 all
insert into tab_batch_local select i, 'test'|| i from generate_series(1, 45) i;
-- @L1695 all
create table tab_batch_sharded (id int, data text) partition by hash(id);
-- @L1696 all
create table tab_batch_sharded_p0 partition of tab_batch_sharded
  for values with (modulus 2, remainder 0);
-- @L1698 all
create table tab_batch_sharded_p1_remote (id int, data text);
-- @L1699 both
create foreign table tab_batch_sharded_p1 partition of tab_batch_sharded
  for values with (modulus 2, remainder 1)
  server loopback options (table_name 'tab_batch_sharded_p1_remote');
-- @L1702 pgf
insert into tab_batch_sharded select * from tab_batch_local;
-- @L1703 query
select count(*) from tab_batch_sharded;
-- @L1704 all
drop table tab_batch_local;
-- @L1705 all
drop table tab_batch_sharded;
-- @L1706 all
drop table tab_batch_sharded_p1_remote;
-- @L1708 skip:pgfdw-option
-- alter server loopback options (drop batch_size);

-- ==== test local triggers ====
-- @L1715 all
CREATE FUNCTION trigger_func() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE NOTICE 'trigger_func(%) called: action = %, when = %, level = %',
		TG_ARGV[0], TG_OP, TG_WHEN, TG_LEVEL;
	RETURN NULL;
END;$$;
-- @L1722 all
CREATE TRIGGER trig_stmt_before BEFORE DELETE OR INSERT OR UPDATE ON rem1
	FOR EACH STATEMENT EXECUTE PROCEDURE trigger_func();
-- @L1724 all
CREATE TRIGGER trig_stmt_after AFTER DELETE OR INSERT OR UPDATE ON rem1
	FOR EACH STATEMENT EXECUTE PROCEDURE trigger_func();
-- @L1727 all
CREATE OR REPLACE FUNCTION trigger_data()  RETURNS trigger
LANGUAGE plpgsql AS $$

declare
	oldnew text[];
	relid text;
    argstr text;
begin

	relid := TG_relid::regclass;
	argstr := '';
	for i in 0 .. TG_nargs - 1 loop
		if i > 0 then
			argstr := argstr || ', ';
		end if;
		argstr := argstr || TG_argv[i];
	end loop;

    RAISE NOTICE '%(%) % % % ON %',
		tg_name, argstr, TG_when, TG_level, TG_OP, relid;
    oldnew := '{}'::text[];
	if TG_OP != 'INSERT' then
		oldnew := array_append(oldnew, format('OLD: %s', OLD));
	end if;

	if TG_OP != 'DELETE' then
		oldnew := array_append(oldnew, format('NEW: %s', NEW));
	end if;

    RAISE NOTICE '%', array_to_string(oldnew, ',');

	if TG_OP = 'DELETE' then
		return OLD;
	else
		return NEW;
	end if;
end;
$$;
-- @L1767 both
CREATE TRIGGER trig_row_before
BEFORE INSERT OR UPDATE OR DELETE ON rem1
FOR EACH ROW EXECUTE PROCEDURE trigger_data(23,'skidoo');
-- @L1771 both
CREATE TRIGGER trig_row_after
AFTER INSERT OR UPDATE OR DELETE ON rem1
FOR EACH ROW EXECUTE PROCEDURE trigger_data(23,'skidoo');
-- @L1775 pgf
delete from rem1;
-- @L1776 pgf
insert into rem1 values(1,'insert');
-- @L1777 pgf
update rem1 set f2  = 'update' where f1 = 1;
-- @L1778 pgf
update rem1 set f2 = f2 || f2;
-- @L1782 both
DROP TRIGGER trig_row_before ON rem1;
-- @L1783 both
DROP TRIGGER trig_row_after ON rem1;
-- @L1784 both
DROP TRIGGER trig_stmt_before ON rem1;
-- @L1785 both
DROP TRIGGER trig_stmt_after ON rem1;
-- @L1787 pgf
DELETE from rem1;
-- @L1790 both
CREATE TRIGGER trig_row_after1
AFTER INSERT OR UPDATE OR DELETE ON rem1
FOR EACH ROW EXECUTE PROCEDURE trigger_data(23,'skidoo');
-- @L1794 both
CREATE TRIGGER trig_row_after2
AFTER INSERT OR UPDATE OR DELETE ON rem1
FOR EACH ROW EXECUTE PROCEDURE trigger_data(23,'skidoo');
-- @L1798 pgf
insert into rem1 values(1,'insert');
-- @L1799 pgf
update rem1 set f2  = 'update' where f1 = 1;
-- @L1800 pgf
update rem1 set f2 = f2 || f2;
-- @L1801 pgf
delete from rem1;
-- @L1804 both
DROP TRIGGER trig_row_after1 ON rem1;
-- @L1805 both
DROP TRIGGER trig_row_after2 ON rem1;
-- @L1809 all
CREATE TRIGGER trig_row_before_insupd
BEFORE INSERT OR UPDATE ON rem1
FOR EACH ROW
WHEN (NEW.f2 like '%update%')
EXECUTE PROCEDURE trigger_data(23,'skidoo');
-- @L1815 all
CREATE TRIGGER trig_row_after_insupd
AFTER INSERT OR UPDATE ON rem1
FOR EACH ROW
WHEN (NEW.f2 like '%update%')
EXECUTE PROCEDURE trigger_data(23,'skidoo');
-- @L1822 pgf
INSERT INTO rem1 values(1, 'insert');
-- @L1823 pgf
UPDATE rem1 set f2 = 'test';
-- @L1826 pgf
INSERT INTO rem1 values(2, 'update');
-- @L1827 pgf
UPDATE rem1 set f2 = 'update update' where f1 = '2';
-- @L1829 both
CREATE TRIGGER trig_row_before_delete
BEFORE DELETE ON rem1
FOR EACH ROW
WHEN (OLD.f2 like '%update%')
EXECUTE PROCEDURE trigger_data(23,'skidoo');
-- @L1835 both
CREATE TRIGGER trig_row_after_delete
AFTER DELETE ON rem1
FOR EACH ROW
WHEN (OLD.f2 like '%update%')
EXECUTE PROCEDURE trigger_data(23,'skidoo');
-- @L1842 pgf
DELETE FROM rem1;
-- @L1845 both
DROP TRIGGER trig_row_before_insupd ON rem1;
-- @L1846 both
DROP TRIGGER trig_row_after_insupd ON rem1;
-- @L1847 both
DROP TRIGGER trig_row_before_delete ON rem1;
-- @L1848 both
DROP TRIGGER trig_row_after_delete ON rem1;
-- @L1853 all
CREATE FUNCTION trig_row_before_insupdate() RETURNS TRIGGER AS $$
  BEGIN
    NEW.f2 := NEW.f2 || ' triggered !';
    RETURN NEW;
  END
$$ language plpgsql;
-- @L1860 all
CREATE TRIGGER trig_row_before_insupd
BEFORE INSERT OR UPDATE ON rem1
FOR EACH ROW EXECUTE PROCEDURE trig_row_before_insupdate();
-- @L1865 pgf
INSERT INTO rem1 values(1, 'insert');
-- @L1866 query
SELECT * from loc1;
-- @L1867 pgf
INSERT INTO rem1 values(2, 'insert') RETURNING f2;
-- @L1868 query
SELECT * from loc1;
-- @L1869 pgf
UPDATE rem1 set f2 = '';
-- @L1870 query
SELECT * from loc1;
-- @L1871 pgf
UPDATE rem1 set f2 = 'skidoo' RETURNING f2;
-- @L1872 query
SELECT * from loc1;
-- @L1874 skip:dml-explain
-- EXPLAIN (verbose, costs off)
-- UPDATE rem1 set f1 = 10;
-- @L1876 pgf
UPDATE rem1 set f1 = 10;
-- @L1877 query
SELECT * from loc1;
-- @L1879 pgf
DELETE FROM rem1;
-- @L1883 all
CREATE TRIGGER trig_row_before_insupd2
BEFORE INSERT OR UPDATE ON rem1
FOR EACH ROW EXECUTE PROCEDURE trig_row_before_insupdate();
-- @L1887 pgf
INSERT INTO rem1 values(1, 'insert');
-- @L1888 query
SELECT * from loc1;
-- @L1889 pgf
INSERT INTO rem1 values(2, 'insert') RETURNING f2;
-- @L1890 query
SELECT * from loc1;
-- @L1891 pgf
UPDATE rem1 set f2 = '';
-- @L1892 query
SELECT * from loc1;
-- @L1893 pgf
UPDATE rem1 set f2 = 'skidoo' RETURNING f2;
-- @L1894 query
SELECT * from loc1;
-- @L1896 both
DROP TRIGGER trig_row_before_insupd ON rem1;
-- @L1897 both
DROP TRIGGER trig_row_before_insupd2 ON rem1;
-- @L1899 pgf
DELETE from rem1;
-- @L1901 pgf
INSERT INTO rem1 VALUES (1, 'test');
-- @L1904 all
CREATE FUNCTION trig_null() RETURNS TRIGGER AS $$
  BEGIN
    RETURN NULL;
  END
$$ language plpgsql;
-- @L1910 both
CREATE TRIGGER trig_null
BEFORE INSERT OR UPDATE OR DELETE ON rem1
FOR EACH ROW EXECUTE PROCEDURE trig_null();
-- @L1915 pgf
INSERT INTO rem1 VALUES (2, 'test2');
-- @L1917 query
SELECT * from loc1;
-- @L1919 pgf
UPDATE rem1 SET f2 = 'test2';
-- @L1921 query
SELECT * from loc1;
-- @L1923 pgf
DELETE from rem1;
-- @L1925 query
SELECT * from loc1;
-- @L1927 both
DROP TRIGGER trig_null ON rem1;
-- @L1928 pgf
DELETE from rem1;
-- @L1931 both
CREATE TRIGGER trig_row_before
BEFORE INSERT OR UPDATE OR DELETE ON rem1
FOR EACH ROW EXECUTE PROCEDURE trigger_data(23,'skidoo');
-- @L1935 both
CREATE TRIGGER trig_row_after
AFTER INSERT OR UPDATE OR DELETE ON rem1
FOR EACH ROW EXECUTE PROCEDURE trigger_data(23,'skidoo');
-- @L1939 all
CREATE TRIGGER trig_local_before BEFORE INSERT OR UPDATE ON loc1
FOR EACH ROW EXECUTE PROCEDURE trig_row_before_insupdate();
-- @L1942 pgf
INSERT INTO rem1(f2) VALUES ('test');
-- @L1943 pgf
UPDATE rem1 SET f2 = 'testo';
-- @L1946 pgf
INSERT INTO rem1(f2) VALUES ('test') RETURNING ctid;
-- @L1949 both
DROP TRIGGER trig_row_before ON rem1;
-- @L1950 both
DROP TRIGGER trig_row_after ON rem1;
-- @L1951 all
DROP TRIGGER trig_local_before ON loc1;
-- @L1955 skip:dml-explain
-- EXPLAIN (verbose, costs off)
-- DELETE FROM rem1;
-- @L1957 skip:dml-explain
-- EXPLAIN (verbose, costs off)
-- DELETE FROM rem1 WHERE false;
-- @L1961 all
CREATE TRIGGER trig_stmt_before
	BEFORE DELETE OR INSERT OR UPDATE ON rem1
	FOR EACH STATEMENT EXECUTE PROCEDURE trigger_func();
-- @L1964 skip:dml-explain
-- EXPLAIN (verbose, costs off)
-- UPDATE rem1 set f2 = '';
-- @L1966 skip:dml-explain
-- EXPLAIN (verbose, costs off)
-- DELETE FROM rem1;
-- @L1968 both
DROP TRIGGER trig_stmt_before ON rem1;
-- @L1970 all
CREATE TRIGGER trig_stmt_after
	AFTER DELETE OR INSERT OR UPDATE ON rem1
	FOR EACH STATEMENT EXECUTE PROCEDURE trigger_func();
-- @L1973 skip:dml-explain
-- EXPLAIN (verbose, costs off)
-- UPDATE rem1 set f2 = '';
-- @L1975 skip:dml-explain
-- EXPLAIN (verbose, costs off)
-- DELETE FROM rem1;
-- @L1977 both
DROP TRIGGER trig_stmt_after ON rem1;
-- @L1980 both
CREATE TRIGGER trig_row_before_insert
BEFORE INSERT ON rem1
FOR EACH ROW EXECUTE PROCEDURE trigger_data(23,'skidoo');
-- @L1983 skip:dml-explain
-- EXPLAIN (verbose, costs off)
-- UPDATE rem1 set f2 = '';
-- @L1985 skip:dml-explain
-- EXPLAIN (verbose, costs off)
-- DELETE FROM rem1;
-- @L1987 both
DROP TRIGGER trig_row_before_insert ON rem1;
-- @L1989 both
CREATE TRIGGER trig_row_after_insert
AFTER INSERT ON rem1
FOR EACH ROW EXECUTE PROCEDURE trigger_data(23,'skidoo');
-- @L1992 skip:dml-explain
-- EXPLAIN (verbose, costs off)
-- UPDATE rem1 set f2 = '';
-- @L1994 skip:dml-explain
-- EXPLAIN (verbose, costs off)
-- DELETE FROM rem1;
-- @L1996 both
DROP TRIGGER trig_row_after_insert ON rem1;
-- @L1999 all
CREATE TRIGGER trig_row_before_update
BEFORE UPDATE ON rem1
FOR EACH ROW EXECUTE PROCEDURE trigger_data(23,'skidoo');
-- @L2002 skip:dml-explain
-- EXPLAIN (verbose, costs off)
-- UPDATE rem1 set f2 = '';
-- @L2004 skip:dml-explain
-- EXPLAIN (verbose, costs off)
-- DELETE FROM rem1;
-- @L2006 both
DROP TRIGGER trig_row_before_update ON rem1;
-- @L2008 all
CREATE TRIGGER trig_row_after_update
AFTER UPDATE ON rem1
FOR EACH ROW EXECUTE PROCEDURE trigger_data(23,'skidoo');
-- @L2011 skip:dml-explain
-- EXPLAIN (verbose, costs off)
-- UPDATE rem1 set f2 = '';
-- @L2013 skip:dml-explain
-- EXPLAIN (verbose, costs off)
-- DELETE FROM rem1;
-- @L2015 both
DROP TRIGGER trig_row_after_update ON rem1;
-- @L2018 both
CREATE TRIGGER trig_row_before_delete
BEFORE DELETE ON rem1
FOR EACH ROW EXECUTE PROCEDURE trigger_data(23,'skidoo');
-- @L2021 skip:dml-explain
-- EXPLAIN (verbose, costs off)
-- UPDATE rem1 set f2 = '';
-- @L2023 skip:dml-explain
-- EXPLAIN (verbose, costs off)
-- DELETE FROM rem1;
-- @L2025 both
DROP TRIGGER trig_row_before_delete ON rem1;
-- @L2027 both
CREATE TRIGGER trig_row_after_delete
AFTER DELETE ON rem1
FOR EACH ROW EXECUTE PROCEDURE trigger_data(23,'skidoo');
-- @L2030 skip:dml-explain
-- EXPLAIN (verbose, costs off)
-- UPDATE rem1 set f2 = '';
-- @L2032 skip:dml-explain
-- EXPLAIN (verbose, costs off)
-- DELETE FROM rem1;
-- @L2034 both
DROP TRIGGER trig_row_after_delete ON rem1;
-- @L2041 all
CREATE TABLE local_tbl (a text, b int);
-- @L2042 both
CREATE FOREIGN TABLE foreign_tbl (a text, b int)
  SERVER loopback OPTIONS (table_name 'local_tbl');
-- @L2045 pgf
INSERT INTO foreign_tbl VALUES ('AAA', 42);
-- @L2048 all
CREATE TABLE parent_tbl (a text, b int) PARTITION BY LIST (a);
-- @L2049 both
ALTER TABLE parent_tbl ATTACH PARTITION foreign_tbl FOR VALUES IN ('AAA');
-- @L2051 both
CREATE TRIGGER parent_tbl_insert_trig
  AFTER INSERT ON parent_tbl REFERENCING NEW TABLE AS new_table
  FOR EACH STATEMENT EXECUTE PROCEDURE trigger_func();
-- @L2054 all
CREATE TRIGGER parent_tbl_update_trig
  AFTER UPDATE ON parent_tbl REFERENCING OLD TABLE AS old_table NEW TABLE AS new_table
  FOR EACH STATEMENT EXECUTE PROCEDURE trigger_func();
-- @L2057 both
CREATE TRIGGER parent_tbl_delete_trig
  AFTER DELETE ON parent_tbl REFERENCING OLD TABLE AS old_table
  FOR EACH STATEMENT EXECUTE PROCEDURE trigger_func();
-- @L2061 pgf
INSERT INTO parent_tbl VALUES ('AAA', 42);
-- @L2063 skip:copy
-- COPY parent_tbl (a, b) FROM stdin;
-- @L2067 skip:pgfdw-option
-- ALTER SERVER loopback OPTIONS (ADD batch_size '10');
-- @L2069 pgf
INSERT INTO parent_tbl VALUES ('AAA', 42);
-- @L2071 skip:copy
-- COPY parent_tbl (a, b) FROM stdin;
-- @L2075 skip:pgfdw-option
-- ALTER SERVER loopback OPTIONS (DROP batch_size);
-- @L2077 skip:dml-explain
-- EXPLAIN (VERBOSE, COSTS OFF)
-- UPDATE parent_tbl SET b = b + 1;
-- @L2079 pgf
UPDATE parent_tbl SET b = b + 1;
-- @L2081 skip:dml-explain
-- EXPLAIN (VERBOSE, COSTS OFF)
-- DELETE FROM parent_tbl;
-- @L2083 pgf
DELETE FROM parent_tbl;
-- @L2085 both
ALTER TABLE parent_tbl DETACH PARTITION foreign_tbl;
-- @L2086 all
DROP TABLE parent_tbl;
-- @L2089 all
CREATE TABLE parent_tbl (a text, b int);
-- @L2090 both
ALTER FOREIGN TABLE foreign_tbl INHERIT parent_tbl;
-- @L2092 all
CREATE TRIGGER parent_tbl_update_trig
  AFTER UPDATE ON parent_tbl REFERENCING OLD TABLE AS old_table NEW TABLE AS new_table
  FOR EACH STATEMENT EXECUTE PROCEDURE trigger_func();
-- @L2095 both
CREATE TRIGGER parent_tbl_delete_trig
  AFTER DELETE ON parent_tbl REFERENCING OLD TABLE AS old_table
  FOR EACH STATEMENT EXECUTE PROCEDURE trigger_func();
-- @L2099 skip:dml-explain
-- EXPLAIN (VERBOSE, COSTS OFF)
-- UPDATE parent_tbl SET b = b + 1;
-- @L2101 pgf-only
UPDATE parent_tbl SET b = b + 1;
-- @L2103 skip:dml-explain
-- EXPLAIN (VERBOSE, COSTS OFF)
-- DELETE FROM parent_tbl;
-- @L2105 pgf-only
DELETE FROM parent_tbl;
-- @L2107 both
ALTER FOREIGN TABLE foreign_tbl NO INHERIT parent_tbl;
-- @L2108 all
DROP TABLE parent_tbl;
-- @L2111 both
DROP FOREIGN TABLE foreign_tbl;
-- @L2112 all
DROP TABLE local_tbl;

-- ==== test inheritance features ====
-- @L2118 all
CREATE TABLE a (aa TEXT);
-- @L2119 all
CREATE TABLE loct (aa TEXT, bb TEXT);
-- @L2120 all
ALTER TABLE a SET (autovacuum_enabled = 'false');
-- @L2121 all
ALTER TABLE loct SET (autovacuum_enabled = 'false');
-- @L2122 both
CREATE FOREIGN TABLE b (bb TEXT) INHERITS (a)
  SERVER loopback OPTIONS (table_name 'loct');
-- @L2125 both
INSERT INTO a(aa) VALUES('aaa');
-- @L2126 both
INSERT INTO a(aa) VALUES('aaaa');
-- @L2127 both
INSERT INTO a(aa) VALUES('aaaaa');
-- @L2129 pgf
INSERT INTO b(aa) VALUES('bbb');
-- @L2130 pgf
INSERT INTO b(aa) VALUES('bbbb');
-- @L2131 pgf
INSERT INTO b(aa) VALUES('bbbbb');
-- @L2133 query
SELECT tableoid::regclass, * FROM a;
-- @L2134 query
SELECT tableoid::regclass, * FROM b;
-- @L2135 query
SELECT tableoid::regclass, * FROM ONLY a;
-- @L2137 pgf-only
UPDATE a SET aa = 'zzzzzz' WHERE aa LIKE 'aaaa%';
-- @L2139 query
SELECT tableoid::regclass, * FROM a;
-- @L2140 query
SELECT tableoid::regclass, * FROM b;
-- @L2141 query
SELECT tableoid::regclass, * FROM ONLY a;
-- @L2143 pgf
UPDATE b SET aa = 'new';
-- @L2145 query
SELECT tableoid::regclass, * FROM a;
-- @L2146 query
SELECT tableoid::regclass, * FROM b;
-- @L2147 query
SELECT tableoid::regclass, * FROM ONLY a;
-- @L2149 pgf-only
UPDATE a SET aa = 'newtoo';
-- @L2151 query
SELECT tableoid::regclass, * FROM a;
-- @L2152 query
SELECT tableoid::regclass, * FROM b;
-- @L2153 query
SELECT tableoid::regclass, * FROM ONLY a;
-- @L2155 pgf-only
DELETE FROM a;
-- @L2157 query
SELECT tableoid::regclass, * FROM a;
-- @L2158 query
SELECT tableoid::regclass, * FROM b;
-- @L2159 query
SELECT tableoid::regclass, * FROM ONLY a;
-- @L2161 all
DROP TABLE a CASCADE;
-- @L2162 all
DROP TABLE loct;
-- @L2165 all
create table loct1 (f1 int, f2 int, f3 int);
-- @L2166 all
create table loct2 (f1 int, f2 int, f3 int);
-- @L2168 all
alter table loct1 set (autovacuum_enabled = 'false');
-- @L2169 all
alter table loct2 set (autovacuum_enabled = 'false');
-- @L2171 all
create table foo (f1 int, f2 int);
-- @L2172 both
create foreign table foo2 (f3 int) inherits (foo)
  server loopback options (table_name 'loct1');
-- @L2174 all
create table bar (f1 int, f2 int);
-- @L2175 both
create foreign table bar2 (f3 int) inherits (bar)
  server loopback options (table_name 'loct2');
-- @L2178 both
alter table foo set (autovacuum_enabled = 'false');
-- @L2179 both
alter table bar set (autovacuum_enabled = 'false');
-- @L2181 both
insert into foo values(1,1);
-- @L2182 both
insert into foo values(3,3);
-- @L2183 pgf
insert into foo2 values(2,2,2);
-- @L2184 pgf
insert into foo2 values(4,4,4);
-- @L2185 both
insert into bar values(1,11);
-- @L2186 both
insert into bar values(2,22);
-- @L2187 both
insert into bar values(6,66);
-- @L2188 pgf
insert into bar2 values(3,33,33);
-- @L2189 pgf
insert into bar2 values(4,44,44);
-- @L2190 pgf
insert into bar2 values(7,77,77);
-- @L2192 skip:dml-explain
-- explain (verbose, costs off)
-- select * from bar where f1 in (select f1 from foo) for update;
-- @L2194 query
select * from bar where f1 in (select f1 from foo) for update;
-- @L2196 explain
explain (verbose, costs off)
select * from bar where f1 in (select f1 from foo) for share;
-- @L2198 query
select * from bar where f1 in (select f1 from foo) for share;
-- @L2202 all
create table loct4 (f1 int, f2 int, f3 int);
-- @L2203 both
create foreign table foo2child (f3 int) inherits (foo2)
  server loopback options (table_name 'loct4');
-- @L2206 explain
explain (verbose, costs off)
select * from bar where f1 in (select f1 from foo2) for share;
-- @L2208 query
select * from bar where f1 in (select f1 from foo2) for share;
-- @L2210 both
drop foreign table foo2child;
-- @L2213 all
create table foo2child (f3 int) inherits (foo2);
-- @L2215 explain
explain (verbose, costs off)
select * from bar where f1 in (select f1 from foo2) for share;
-- @L2217 query
select * from bar where f1 in (select f1 from foo2) for share;
-- @L2219 all
drop table foo2child;
-- @L2222 skip:dml-explain
-- explain (verbose, costs off)
-- update bar set f2 = f2 + 100 where f1 in (select f1 from foo);
-- @L2224 pgf-only
update bar set f2 = f2 + 100 where f1 in (select f1 from foo);
-- @L2226 query
select tableoid::regclass, * from bar order by 1,2;
-- @L2229 skip:dml-explain
-- explain (verbose, costs off)
-- update bar set f2 = f2 + 100
-- from
--   ( select f1 from foo union all select f1+3 from foo ) ss
-- where bar.f1 = ss.f1;
-- @L2234 pgf-only
update bar set f2 = f2 + 100
from
  ( select f1 from foo union all select f1+3 from foo ) ss
where bar.f1 = ss.f1;
-- @L2239 query
select tableoid::regclass, * from bar order by 1,2;
-- @L2243 all
truncate table loct1;
-- @L2244 all
truncate table only foo;
-- @L2245 skip:psql
-- \set num_rows_foo 2000
-- @L2246 skip:psql-vars
-- insert into loct1 select generate_series(0, :num_rows_foo, 2), generate_series(0, :num_rows_foo, 2), generate_series(0, :num_rows_foo, 2);
-- @L2247 skip:psql-vars
-- insert into foo select generate_series(1, :num_rows_foo, 2), generate_series(1, :num_rows_foo, 2);
-- @L2248 session
SET enable_hashjoin to false;
-- @L2249 session
SET enable_nestloop to false;
-- @L2250 both
alter foreign table foo2 options (use_remote_estimate 'true');
-- @L2251 all
create index i_loct1_f1 on loct1(f1);
-- @L2252 both
create index i_foo_f1 on foo(f1);
-- @L2253 both
analyze foo;
-- @L2254 all
analyze loct1;
-- @L2256 explain
explain (verbose, costs off)
	select foo.f1, loct1.f1 from foo join loct1 on (foo.f1 = loct1.f1) order by foo.f2 offset 10 limit 10;
-- @L2258 query
select foo.f1, loct1.f1 from foo join loct1 on (foo.f1 = loct1.f1) order by foo.f2 offset 10 limit 10;
-- @L2261 explain
explain (verbose, costs off)
	select foo.f1, loct1.f1 from foo left join loct1 on (foo.f1 = loct1.f1) order by foo.f2 offset 10 limit 10;
-- @L2263 query
select foo.f1, loct1.f1 from foo left join loct1 on (foo.f1 = loct1.f1) order by foo.f2 offset 10 limit 10;
-- @L2264 session
RESET enable_hashjoin;
-- @L2265 session
RESET enable_nestloop;
-- @L2268 session
begin;
-- @L2269 session
declare c cursor for select * from bar where f1 = 7;
-- @L2270 query
fetch from c;
-- @L2271 pgf
update bar set f2 = null where current of c;
-- @L2272 session
rollback;
-- @L2274 skip:dml-explain
-- explain (verbose, costs off)
-- delete from foo where f1 < 5 returning *;
-- @L2276 pgf-only
delete from foo where f1 < 5 returning *;
-- @L2277 skip:dml-explain
-- explain (verbose, costs off)
-- update bar set f2 = f2 + 100 returning *;
-- @L2279 pgf-only
update bar set f2 = f2 + 100 returning *;
-- @L2282 both
CREATE TRIGGER trig_row_before
BEFORE UPDATE OR DELETE ON bar2
FOR EACH ROW EXECUTE PROCEDURE trigger_data(23,'skidoo');
-- @L2286 both
CREATE TRIGGER trig_row_after
AFTER UPDATE OR DELETE ON bar2
FOR EACH ROW EXECUTE PROCEDURE trigger_data(23,'skidoo');
-- @L2290 skip:dml-explain
-- explain (verbose, costs off)
-- update bar set f2 = f2 + 100;
-- @L2292 pgf-only
update bar set f2 = f2 + 100;
-- @L2294 skip:dml-explain
-- explain (verbose, costs off)
-- delete from bar where f2 < 400;
-- @L2296 pgf-only
delete from bar where f2 < 400;
-- @L2299 all
drop table foo cascade;
-- @L2300 all
drop table bar cascade;
-- @L2301 all
drop table loct1;
-- @L2302 all
drop table loct2;
-- @L2305 all
create table parent (a int, b text);
-- @L2306 all
create table loct1 (a int, b text);
-- @L2307 all
create table loct2 (a int, b text);
-- @L2308 both
create foreign table remt1 (a int, b text)
  server loopback options (table_name 'loct1');
-- @L2310 both
create foreign table remt2 (a int, b text)
  server loopback options (table_name 'loct2');
-- @L2312 both
alter foreign table remt1 inherit parent;
-- @L2314 pgf
insert into remt1 values (1, 'foo');
-- @L2315 pgf
insert into remt1 values (2, 'bar');
-- @L2316 pgf
insert into remt2 values (1, 'foo');
-- @L2317 pgf
insert into remt2 values (2, 'bar');
-- @L2319 both
analyze remt1;
-- @L2320 both
analyze remt2;
-- @L2322 skip:dml-explain
-- explain (verbose, costs off)
-- update parent set b = parent.b || remt2.b from remt2 where parent.a = remt2.a returning *;
-- @L2324 pgf-only
update parent set b = parent.b || remt2.b from remt2 where parent.a = remt2.a returning *;
-- @L2325 skip:dml-explain
-- explain (verbose, costs off)
-- delete from parent using remt2 where parent.a = remt2.a returning parent;
-- @L2327 pgf-only
delete from parent using remt2 where parent.a = remt2.a returning parent;
-- @L2330 both
drop foreign table remt1;
-- @L2331 both
drop foreign table remt2;
-- @L2332 all
drop table loct1;
-- @L2333 all
drop table loct2;
-- @L2334 all
drop table parent;

-- ==== test tuple routing for foreign-table partitions ====
-- @L2341 all
create table itrtest (a int, b text) partition by list (a);
-- @L2342 all
create table loct1 (a int check (a in (1)), b text);
-- @L2343 both
create foreign table remp1 (a int check (a in (1)), b text) server loopback options (table_name 'loct1');
-- @L2344 all
create table loct2 (a int check (a in (2)), b text);
-- @L2345 both
create foreign table remp2 (b text, a int check (a in (2))) server loopback options (table_name 'loct2');
-- @L2346 both
alter table itrtest attach partition remp1 for values in (1);
-- @L2347 both
alter table itrtest attach partition remp2 for values in (2);
-- @L2349 pgf
insert into itrtest values (1, 'foo');
-- @L2350 pgf
insert into itrtest values (1, 'bar') returning *;
-- @L2351 pgf
insert into itrtest values (2, 'baz');
-- @L2352 pgf
insert into itrtest values (2, 'qux') returning *;
-- @L2353 pgf
insert into itrtest values (1, 'test1'), (2, 'test2') returning *;
-- @L2355 query
select tableoid::regclass, * FROM itrtest;
-- @L2356 query
select tableoid::regclass, * FROM remp1;
-- @L2357 query
select tableoid::regclass, * FROM remp2;
-- @L2359 pgf
delete from itrtest;
-- @L2362 pgf
merge into itrtest using (select 1, 'foo') as source on (true)
  when matched then do nothing;
-- @L2365 all
create unique index loct1_idx on loct1 (a);
-- @L2368 pgf
insert into itrtest values (1, 'foo') on conflict do nothing returning *;
-- @L2369 pgf
insert into itrtest values (1, 'foo') on conflict do nothing returning *;
-- @L2372 pgf
insert into itrtest values (1, 'bar') on conflict (a) do nothing;
-- @L2373 pgf
insert into itrtest values (1, 'bar') on conflict (a) do update set b = excluded.b;
-- @L2375 query
select tableoid::regclass, * FROM itrtest;
-- @L2377 pgf
delete from itrtest;
-- @L2379 all
drop index loct1_idx;
-- @L2382 all
create function br_insert_trigfunc() returns trigger as $$
begin
	new.b := new.b || ' triggered !';
	return new;
end
$$ language plpgsql;
-- @L2388 all
create trigger loct1_br_insert_trigger before insert on loct1
	for each row execute procedure br_insert_trigfunc();
-- @L2390 all
create trigger loct2_br_insert_trigger before insert on loct2
	for each row execute procedure br_insert_trigfunc();
-- @L2394 pgf
insert into itrtest values (1, 'foo') returning *;
-- @L2395 pgf
insert into itrtest values (2, 'qux') returning *;
-- @L2396 pgf
insert into itrtest values (1, 'test1'), (2, 'test2') returning *;
-- @L2397 skip:returning-dml
-- with result as (insert into itrtest values (1, 'test1'), (2, 'test2') returning *) select * from result;
-- @L2399 all
drop trigger loct1_br_insert_trigger on loct1;
-- @L2400 all
drop trigger loct2_br_insert_trigger on loct2;
-- @L2402 all
drop table itrtest;
-- @L2403 all
drop table loct1;
-- @L2404 all
drop table loct2;
-- @L2407 all
create table utrtest (a int, b text) partition by list (a);
-- @L2408 all
create table loct (a int check (a in (1)), b text);
-- @L2409 both
create foreign table remp (a int check (a in (1)), b text) server loopback options (table_name 'loct');
-- @L2410 all
create table locp (a int check (a in (2)), b text);
-- @L2411 both
alter table utrtest attach partition remp for values in (1);
-- @L2412 both
alter table utrtest attach partition locp for values in (2);
-- @L2414 pgf
insert into utrtest values (1, 'foo');
-- @L2415 pgf
insert into utrtest values (2, 'qux');
-- @L2417 query
select tableoid::regclass, * FROM utrtest;
-- @L2418 query
select tableoid::regclass, * FROM remp;
-- @L2419 query
select tableoid::regclass, * FROM locp;
-- @L2422 pgf
update utrtest set a = 2 where b = 'foo' returning *;
-- @L2425 pgf
update utrtest set a = 1 where b = 'qux' returning *;
-- @L2427 query
select tableoid::regclass, * FROM utrtest;
-- @L2428 query
select tableoid::regclass, * FROM remp;
-- @L2429 query
select tableoid::regclass, * FROM locp;
-- @L2432 pgf
update utrtest set a = 1 where b = 'foo';
-- @L2435 all
create trigger loct_br_insert_trigger before insert on loct
	for each row execute procedure br_insert_trigfunc();
-- @L2438 pgf
delete from utrtest;
-- @L2439 pgf
insert into utrtest values (2, 'qux');
-- @L2442 skip:dml-explain
-- explain (verbose, costs off)
-- update utrtest set a = 1 where a = 1 or a = 2 returning *;
-- @L2445 pgf
update utrtest set a = 1 where a = 1 or a = 2 returning *;
-- @L2447 pgf
delete from utrtest;
-- @L2448 pgf
insert into utrtest values (2, 'qux');
-- @L2451 skip:dml-explain
-- explain (verbose, costs off)
-- update utrtest set a = 1 where a = 2 returning *;
-- @L2454 pgf
update utrtest set a = 1 where a = 2 returning *;
-- @L2456 all
drop trigger loct_br_insert_trigger on loct;
-- @L2461 pgf
delete from utrtest;
-- @L2462 pgf
insert into utrtest values (1, 'foo');
-- @L2463 pgf
insert into utrtest values (2, 'qux');
-- @L2467 skip:dml-explain
-- explain (verbose, costs off)
-- update utrtest set a = 1 returning *;
-- @L2469 pgf
update utrtest set a = 1 returning *;
-- @L2471 pgf
delete from utrtest;
-- @L2472 pgf
insert into utrtest values (1, 'foo');
-- @L2473 pgf
insert into utrtest values (2, 'qux');
-- @L2476 skip:dml-explain
-- explain (verbose, costs off)
-- update utrtest set a = 1 from (values (1), (2)) s(x) where a = s.x returning *;
-- @L2478 pgf
update utrtest set a = 1 from (values (1), (2)) s(x) where a = s.x returning *;
-- @L2482 pgf
delete from utrtest;
-- @L2483 both
alter table utrtest detach partition remp;
-- @L2484 both
drop foreign table remp;
-- @L2485 all
alter table loct drop constraint loct_a_check;
-- @L2486 all
alter table loct add check (a in (3));
-- @L2487 both
create foreign table remp (a int check (a in (3)), b text) server loopback options (table_name 'loct');
-- @L2488 both
alter table utrtest attach partition remp for values in (3);
-- @L2489 pgf
insert into utrtest values (2, 'qux');
-- @L2490 pgf
insert into utrtest values (3, 'xyzzy');
-- @L2494 skip:dml-explain
-- explain (verbose, costs off)
-- update utrtest set a = 3 returning *;
-- @L2496 pgf
update utrtest set a = 3 returning *;
-- @L2499 skip:dml-explain
-- explain (verbose, costs off)
-- update utrtest set a = 3 from (values (2), (3)) s(x) where a = s.x returning *;
-- @L2501 pgf
update utrtest set a = 3 from (values (2), (3)) s(x) where a = s.x returning *;
-- @L2503 all
drop table utrtest;
-- @L2504 all
drop table loct;
-- @L2507 all
create table ctrtest (a int, b text) partition by list (a);
-- @L2508 all
create table loct1 (a int check (a in (1)), b text);
-- @L2509 both
create foreign table remp1 (a int check (a in (1)), b text) server loopback options (table_name 'loct1');
-- @L2510 all
create table loct2 (a int check (a in (2)), b text);
-- @L2511 both
create foreign table remp2 (b text, a int check (a in (2))) server loopback options (table_name 'loct2');
-- @L2512 both
alter table ctrtest attach partition remp1 for values in (1);
-- @L2513 both
alter table ctrtest attach partition remp2 for values in (2);
-- @L2515 skip:copy
-- copy ctrtest from stdin;
-- @L2520 query
select tableoid::regclass, * FROM ctrtest;
-- @L2521 query
select tableoid::regclass, * FROM remp1;
-- @L2522 query
select tableoid::regclass, * FROM remp2;
-- @L2525 skip:copy
-- copy remp1 from stdin;
-- @L2529 query
select tableoid::regclass, * FROM remp1;
-- @L2531 all
drop table ctrtest;
-- @L2532 all
drop table loct1;
-- @L2533 all
drop table loct2;

-- ==== test COPY FROM ====
-- @L2539 all
create table loc2 (f1 int, f2 text);
-- @L2540 all
alter table loc2 set (autovacuum_enabled = 'false');
-- @L2541 both
create foreign table rem2 (f1 int, f2 text) server loopback options(table_name 'loc2');
-- @L2544 skip:copy
-- copy rem2 from stdin;
-- @L2548 query
select * from rem2;
-- @L2550 pgf
delete from rem2;
-- @L2553 all
alter table loc2 add constraint loc2_f1positive check (f1 >= 0);
-- @L2554 both
alter foreign table rem2 add constraint rem2_f1positive check (f1 >= 0);
-- @L2557 skip:copy
-- copy rem2 from stdin;
-- @L2561 skip:copy
-- copy rem2 from stdin;
-- @L2564 query
select * from rem2;
-- @L2566 both
alter foreign table rem2 drop constraint rem2_f1positive;
-- @L2567 all
alter table loc2 drop constraint loc2_f1positive;
-- @L2569 pgf
delete from rem2;
-- @L2572 both
create trigger trig_stmt_before before insert on rem2
	for each statement execute procedure trigger_func();
-- @L2574 both
create trigger trig_stmt_after after insert on rem2
	for each statement execute procedure trigger_func();
-- @L2576 both
create trigger trig_row_before before insert on rem2
	for each row execute procedure trigger_data(23,'skidoo');
-- @L2578 both
create trigger trig_row_after after insert on rem2
	for each row execute procedure trigger_data(23,'skidoo');
-- @L2581 skip:copy
-- copy rem2 from stdin;
-- @L2585 query
select * from rem2;
-- @L2587 both
drop trigger trig_row_before on rem2;
-- @L2588 both
drop trigger trig_row_after on rem2;
-- @L2589 both
drop trigger trig_stmt_before on rem2;
-- @L2590 both
drop trigger trig_stmt_after on rem2;
-- @L2592 pgf
delete from rem2;
-- @L2594 both
create trigger trig_row_before_insert before insert on rem2
	for each row execute procedure trig_row_before_insupdate();
-- @L2598 skip:copy
-- copy rem2 from stdin;
-- @L2602 query
select * from rem2;
-- @L2604 both
drop trigger trig_row_before_insert on rem2;
-- @L2606 pgf
delete from rem2;
-- @L2608 both
create trigger trig_null before insert on rem2
	for each row execute procedure trig_null();
-- @L2612 skip:copy
-- copy rem2 from stdin;
-- @L2616 query
select * from rem2;
-- @L2618 both
drop trigger trig_null on rem2;
-- @L2620 pgf
delete from rem2;
-- @L2623 all
create trigger trig_row_before_insert before insert on loc2
	for each row execute procedure trig_row_before_insupdate();
-- @L2627 skip:copy
-- copy rem2 from stdin;
-- @L2631 query
select * from rem2;
-- @L2633 all
drop trigger trig_row_before_insert on loc2;
-- @L2635 pgf
delete from rem2;
-- @L2637 all
create trigger trig_null before insert on loc2
	for each row execute procedure trig_null();
-- @L2641 skip:copy
-- copy rem2 from stdin;
-- @L2645 query
select * from rem2;
-- @L2647 all
drop trigger trig_null on loc2;
-- @L2649 pgf
delete from rem2;
-- @L2652 both
create trigger rem2_trig_row_before before insert on rem2
	for each row execute procedure trigger_data(23,'skidoo');
-- @L2654 both
create trigger rem2_trig_row_after after insert on rem2
	for each row execute procedure trigger_data(23,'skidoo');
-- @L2656 all
create trigger loc2_trig_row_before_insert before insert on loc2
	for each row execute procedure trig_row_before_insupdate();
-- @L2659 skip:copy
-- copy rem2 from stdin;
-- @L2663 query
select * from rem2;
-- @L2665 both
drop trigger rem2_trig_row_before on rem2;
-- @L2666 both
drop trigger rem2_trig_row_after on rem2;
-- @L2667 all
drop trigger loc2_trig_row_before_insert on loc2;
-- @L2669 pgf
delete from rem2;
-- @L2672 all
create table loc3 (f1 int, f2 text);
-- @L2673 session
begin;
-- @L2674 both
create foreign table rem3 (f1 int, f2 text)
	server loopback options(table_name 'loc3');
-- @L2676 skip:copy
-- copy rem3 from stdin;
-- @L2680 session
commit;
-- @L2681 query
select * from rem3;
-- @L2682 both
drop foreign table rem3;
-- @L2683 all
drop table loc3;

-- ==== test for TRUNCATE ====
-- @L2688 all
CREATE TABLE tru_rtable0 (id int primary key);
-- @L2689 both
CREATE FOREIGN TABLE tru_ftable (id int)
       SERVER loopback OPTIONS (table_name 'tru_rtable0');
-- @L2691 all
INSERT INTO tru_rtable0 (SELECT x FROM generate_series(1,10) x);
-- @L2693 all
CREATE TABLE tru_ptable (id int) PARTITION BY HASH(id);
-- @L2694 all
CREATE TABLE tru_ptable__p0 PARTITION OF tru_ptable
                            FOR VALUES WITH (MODULUS 2, REMAINDER 0);
-- @L2696 all
CREATE TABLE tru_rtable1 (id int primary key);
-- @L2697 both
CREATE FOREIGN TABLE tru_ftable__p1 PARTITION OF tru_ptable
                                    FOR VALUES WITH (MODULUS 2, REMAINDER 1)
       SERVER loopback OPTIONS (table_name 'tru_rtable1');
-- @L2700 pgf
INSERT INTO tru_ptable (SELECT x FROM generate_series(11,20) x);
-- @L2702 all
CREATE TABLE tru_pk_table(id int primary key);
-- @L2703 all
CREATE TABLE tru_fk_table(fkey int references tru_pk_table(id));
-- @L2704 all
INSERT INTO tru_pk_table (SELECT x FROM generate_series(1,10) x);
-- @L2705 all
INSERT INTO tru_fk_table (SELECT x % 10 + 1 FROM generate_series(5,25) x);
-- @L2706 both
CREATE FOREIGN TABLE tru_pk_ftable (id int)
       SERVER loopback OPTIONS (table_name 'tru_pk_table');
-- @L2709 all
CREATE TABLE tru_rtable_parent (id int);
-- @L2710 all
CREATE TABLE tru_rtable_child (id int);
-- @L2711 both
CREATE FOREIGN TABLE tru_ftable_parent (id int)
       SERVER loopback OPTIONS (table_name 'tru_rtable_parent');
-- @L2713 both
CREATE FOREIGN TABLE tru_ftable_child () INHERITS (tru_ftable_parent)
       SERVER loopback OPTIONS (table_name 'tru_rtable_child');
-- @L2715 all
INSERT INTO tru_rtable_parent (SELECT x FROM generate_series(1,8) x);
-- @L2716 all
INSERT INTO tru_rtable_child  (SELECT x FROM generate_series(10, 18) x);
-- @L2719 query
SELECT sum(id) FROM tru_ftable;
-- @L2720 pgf
TRUNCATE tru_ftable;
-- @L2721 query
SELECT count(*) FROM tru_rtable0;
-- @L2722 query
SELECT count(*) FROM tru_ftable;
-- @L2725 skip:pgfdw-option
-- ALTER SERVER loopback OPTIONS (ADD truncatable 'false');
-- @L2726 pgf
TRUNCATE tru_ftable;
-- @L2727 skip:pgfdw-option
-- ALTER FOREIGN TABLE tru_ftable OPTIONS (ADD truncatable 'true');
-- @L2728 pgf
TRUNCATE tru_ftable;
-- @L2729 skip:pgfdw-option
-- ALTER FOREIGN TABLE tru_ftable OPTIONS (SET truncatable 'false');
-- @L2730 pgf
TRUNCATE tru_ftable;
-- @L2731 skip:pgfdw-option
-- ALTER SERVER loopback OPTIONS (DROP truncatable);
-- @L2732 skip:pgfdw-option
-- ALTER FOREIGN TABLE tru_ftable OPTIONS (SET truncatable 'false');
-- @L2733 pgf
TRUNCATE tru_ftable;
-- @L2734 skip:pgfdw-option
-- ALTER FOREIGN TABLE tru_ftable OPTIONS (SET truncatable 'true');
-- @L2735 pgf
TRUNCATE tru_ftable;
-- @L2738 query
SELECT sum(id) FROM tru_ptable;
-- @L2739 pgf
TRUNCATE tru_ptable;
-- @L2740 query
SELECT count(*) FROM tru_ptable;
-- @L2741 query
SELECT count(*) FROM tru_ptable__p0;
-- @L2742 query
SELECT count(*) FROM tru_ftable__p1;
-- @L2743 query
SELECT count(*) FROM tru_rtable1;
-- @L2746 query
SELECT sum(id) FROM tru_pk_ftable;
-- @L2747 pgf
TRUNCATE tru_pk_ftable;
-- @L2748 pgf
TRUNCATE tru_pk_ftable CASCADE;
-- @L2749 query
SELECT count(*) FROM tru_pk_ftable;
-- @L2750 query
SELECT count(*) FROM tru_fk_table;
-- @L2753 pgf
INSERT INTO tru_ftable (SELECT x FROM generate_series(1,8) x);
-- @L2754 pgf
INSERT INTO tru_pk_ftable (SELECT x FROM generate_series(3,10) x);
-- @L2755 query
SELECT count(*) from tru_ftable;
-- @L2756 query
SELECT count(*) from tru_pk_ftable;
-- @L2757 pgf
TRUNCATE tru_ftable, tru_pk_ftable CASCADE;
-- @L2758 query
SELECT count(*) from tru_ftable;
-- @L2759 query
SELECT count(*) from tru_pk_ftable;
-- @L2764 pgf
TRUNCATE ONLY tru_ftable_parent;
-- @L2765 query
SELECT sum(id) FROM tru_ftable_parent;
-- @L2766 pgf
TRUNCATE tru_ftable_parent;
-- @L2767 query
SELECT count(*) FROM tru_ftable_parent;
-- @L2770 all
CREATE TABLE tru_rtable0_child () INHERITS (tru_rtable0);
-- @L2771 all
INSERT INTO tru_rtable0 (SELECT x FROM generate_series(5,9) x);
-- @L2772 all
INSERT INTO tru_rtable0_child (SELECT x FROM generate_series(10,14) x);
-- @L2773 query
SELECT sum(id) FROM tru_ftable;
-- @L2778 pgf
TRUNCATE ONLY tru_ftable;
-- @L2779 query
SELECT count(*) FROM tru_ftable;
-- @L2781 all
INSERT INTO tru_rtable0 (SELECT x FROM generate_series(21,25) x);
-- @L2782 all
INSERT INTO tru_rtable0_child (SELECT x FROM generate_series(26,30) x);
-- @L2783 query
SELECT sum(id) FROM tru_ftable;
-- @L2784 pgf
TRUNCATE tru_ftable;
-- @L2785 query
SELECT count(*) FROM tru_ftable;
-- @L2788 both
DROP FOREIGN TABLE tru_ftable_parent, tru_ftable_child, tru_pk_ftable,tru_ftable__p1,tru_ftable;
-- @L2789 all
DROP TABLE tru_rtable0, tru_rtable1, tru_ptable, tru_ptable__p0, tru_pk_table, tru_fk_table,
tru_rtable_parent,tru_rtable_child, tru_rtable0_child;

-- ==== test IMPORT FOREIGN SCHEMA ====
-- @L2796 all
CREATE SCHEMA import_source;
-- @L2797 all
CREATE TABLE import_source.t1 (c1 int, c2 varchar NOT NULL);
-- @L2798 all
CREATE TABLE import_source.t2 (c1 int default 42, c2 varchar NULL, c3 text collate "POSIX");
-- @L2799 all
CREATE TYPE typ1 AS (m1 int, m2 varchar);
-- @L2800 all
CREATE TABLE import_source.t3 (c1 timestamptz default now(), c2 typ1);
-- @L2801 all
CREATE TABLE import_source."x 4" (c1 float8, "C 2" text, c3 varchar(42));
-- @L2802 all
CREATE TABLE import_source."x 5" (c1 float8);
-- @L2803 all
ALTER TABLE import_source."x 5" DROP COLUMN c1;
-- @L2804 all
CREATE TABLE import_source."x 6" (c1 int, c2 int generated always as (c1 * 2) stored);
-- @L2805 all
CREATE TABLE import_source.t4 (c1 int) PARTITION BY RANGE (c1);
-- @L2806 all
CREATE TABLE import_source.t4_part PARTITION OF import_source.t4
  FOR VALUES FROM (1) TO (100);
-- @L2808 all
CREATE TABLE import_source.t4_part2 PARTITION OF import_source.t4
  FOR VALUES FROM (100) TO (200);
-- @L2811 all
CREATE SCHEMA import_dest1;
-- @L2812 both
IMPORT FOREIGN SCHEMA import_source FROM SERVER loopback INTO import_dest1;
-- instead of psql's \det+ import_dest1.*: the imported definitions
-- @L2813 query
SELECT c.relname, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull, co.collname, pg_get_expr(d.adbin, d.adrelid) AS default, a.attgenerated
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> 100
  LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
 WHERE n.nspname = 'import_dest1' ORDER BY c.relname, a.attnum;
-- instead of psql's \d import_dest1.*: the imported definitions
-- @L2814 query
SELECT c.relname, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull, co.collname, pg_get_expr(d.adbin, d.adrelid) AS default, a.attgenerated
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> 100
  LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
 WHERE n.nspname = 'import_dest1' ORDER BY c.relname, a.attnum;
-- @L2817 all
CREATE SCHEMA import_dest2;
-- @L2818 both
IMPORT FOREIGN SCHEMA import_source FROM SERVER loopback INTO import_dest2
  OPTIONS (import_default 'true');
-- instead of psql's \det+ import_dest2.*: the imported definitions
-- @L2820 query
SELECT c.relname, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull, co.collname, pg_get_expr(d.adbin, d.adrelid) AS default, a.attgenerated
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> 100
  LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
 WHERE n.nspname = 'import_dest2' ORDER BY c.relname, a.attnum;
-- instead of psql's \d import_dest2.*: the imported definitions
-- @L2821 query
SELECT c.relname, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull, co.collname, pg_get_expr(d.adbin, d.adrelid) AS default, a.attgenerated
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> 100
  LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
 WHERE n.nspname = 'import_dest2' ORDER BY c.relname, a.attnum;
-- @L2822 all
CREATE SCHEMA import_dest3;
-- @L2823 both
IMPORT FOREIGN SCHEMA import_source FROM SERVER loopback INTO import_dest3
  OPTIONS (import_collate 'false', import_generated 'false', import_not_null 'false');
-- instead of psql's \det+ import_dest3.*: the imported definitions
-- @L2825 query
SELECT c.relname, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull, co.collname, pg_get_expr(d.adbin, d.adrelid) AS default, a.attgenerated
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> 100
  LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
 WHERE n.nspname = 'import_dest3' ORDER BY c.relname, a.attnum;
-- instead of psql's \d import_dest3.*: the imported definitions
-- @L2826 query
SELECT c.relname, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull, co.collname, pg_get_expr(d.adbin, d.adrelid) AS default, a.attgenerated
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> 100
  LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
 WHERE n.nspname = 'import_dest3' ORDER BY c.relname, a.attnum;
-- @L2829 all
CREATE SCHEMA import_dest4;
-- @L2830 both
IMPORT FOREIGN SCHEMA import_source LIMIT TO (t1, nonesuch, t4_part)
  FROM SERVER loopback INTO import_dest4;
-- instead of psql's \det+ import_dest4.*: the imported definitions
-- @L2832 query
SELECT c.relname, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull, co.collname, pg_get_expr(d.adbin, d.adrelid) AS default, a.attgenerated
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> 100
  LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
 WHERE n.nspname = 'import_dest4' ORDER BY c.relname, a.attnum;
-- @L2833 both
IMPORT FOREIGN SCHEMA import_source EXCEPT (t1, "x 4", nonesuch, t4_part)
  FROM SERVER loopback INTO import_dest4;
-- instead of psql's \det+ import_dest4.*: the imported definitions
-- @L2835 query
SELECT c.relname, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull, co.collname, pg_get_expr(d.adbin, d.adrelid) AS default, a.attgenerated
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> 100
  LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
 WHERE n.nspname = 'import_dest4' ORDER BY c.relname, a.attnum;
-- @L2838 both
IMPORT FOREIGN SCHEMA import_source FROM SERVER loopback INTO import_dest4;
-- @L2839 both
IMPORT FOREIGN SCHEMA nonesuch FROM SERVER loopback INTO import_dest4;
-- @L2840 both
IMPORT FOREIGN SCHEMA nonesuch FROM SERVER loopback INTO notthere;
-- @L2841 both
IMPORT FOREIGN SCHEMA nonesuch FROM SERVER nowhere INTO notthere;
-- @L2845 all
CREATE TYPE "Colors" AS ENUM ('red', 'green', 'blue');
-- @L2846 all
CREATE TABLE import_source.t5 (c1 int, c2 text collate "C", "Col" "Colors");
-- @L2848 all
CREATE SCHEMA import_dest5;
-- @L2849 session
BEGIN;
-- @L2850 all
DROP TYPE "Colors" CASCADE;
-- @L2851 both
IMPORT FOREIGN SCHEMA import_source LIMIT TO (t5)
  FROM SERVER loopback INTO import_dest5;
-- @L2854 session
ROLLBACK;
-- @L2856 session
BEGIN;
-- @L2859 both
CREATE SERVER fetch101 FOREIGN DATA WRAPPER postgres_fdw OPTIONS( fetch_size '101' );
-- @L2861 query
SELECT count(*)
FROM pg_foreign_server
WHERE srvname = 'fetch101'
AND srvoptions @> array['fetch_size=101'];
-- @L2866 both
ALTER SERVER fetch101 OPTIONS( SET fetch_size '202' );
-- @L2868 query
SELECT count(*)
FROM pg_foreign_server
WHERE srvname = 'fetch101'
AND srvoptions @> array['fetch_size=101'];
-- @L2873 query
SELECT count(*)
FROM pg_foreign_server
WHERE srvname = 'fetch101'
AND srvoptions @> array['fetch_size=202'];
-- @L2878 both
CREATE FOREIGN TABLE table30000 ( x int ) SERVER fetch101 OPTIONS ( fetch_size '30000' );
-- @L2880 query
SELECT COUNT(*)
FROM pg_foreign_table
WHERE ftrelid = 'table30000'::regclass
AND ftoptions @> array['fetch_size=30000'];
-- @L2885 both
ALTER FOREIGN TABLE table30000 OPTIONS ( SET fetch_size '60000');
-- @L2887 query
SELECT COUNT(*)
FROM pg_foreign_table
WHERE ftrelid = 'table30000'::regclass
AND ftoptions @> array['fetch_size=30000'];
-- @L2892 query
SELECT COUNT(*)
FROM pg_foreign_table
WHERE ftrelid = 'table30000'::regclass
AND ftoptions @> array['fetch_size=60000'];
-- @L2897 session
ROLLBACK;

-- ==== test partitionwise joins ====
-- @L2902 session
SET enable_partitionwise_join=on;
-- @L2904 all
CREATE TABLE fprt1 (a int, b int, c varchar) PARTITION BY RANGE(a);
-- @L2905 all
CREATE TABLE fprt1_p1 (LIKE fprt1);
-- @L2906 all
CREATE TABLE fprt1_p2 (LIKE fprt1);
-- @L2907 all
ALTER TABLE fprt1_p1 SET (autovacuum_enabled = 'false');
-- @L2908 all
ALTER TABLE fprt1_p2 SET (autovacuum_enabled = 'false');
-- @L2909 all
INSERT INTO fprt1_p1 SELECT i, i, to_char(i/50, 'FM0000') FROM generate_series(0, 249, 2) i;
-- @L2910 all
INSERT INTO fprt1_p2 SELECT i, i, to_char(i/50, 'FM0000') FROM generate_series(250, 499, 2) i;
-- @L2911 both
CREATE FOREIGN TABLE ftprt1_p1 PARTITION OF fprt1 FOR VALUES FROM (0) TO (250)
	SERVER loopback OPTIONS (table_name 'fprt1_p1', use_remote_estimate 'true');
-- @L2913 both
CREATE FOREIGN TABLE ftprt1_p2 PARTITION OF fprt1 FOR VALUES FROM (250) TO (500)
	SERVER loopback OPTIONS (TABLE_NAME 'fprt1_p2');
-- @L2915 both
ANALYZE fprt1;
-- @L2916 all
ANALYZE fprt1_p1;
-- @L2917 all
ANALYZE fprt1_p2;
-- @L2919 all
CREATE TABLE fprt2 (a int, b int, c varchar) PARTITION BY RANGE(b);
-- @L2920 all
CREATE TABLE fprt2_p1 (LIKE fprt2);
-- @L2921 all
CREATE TABLE fprt2_p2 (LIKE fprt2);
-- @L2922 all
ALTER TABLE fprt2_p1 SET (autovacuum_enabled = 'false');
-- @L2923 all
ALTER TABLE fprt2_p2 SET (autovacuum_enabled = 'false');
-- @L2924 all
INSERT INTO fprt2_p1 SELECT i, i, to_char(i/50, 'FM0000') FROM generate_series(0, 249, 3) i;
-- @L2925 all
INSERT INTO fprt2_p2 SELECT i, i, to_char(i/50, 'FM0000') FROM generate_series(250, 499, 3) i;
-- @L2926 both
CREATE FOREIGN TABLE ftprt2_p1 (b int, c varchar, a int)
	SERVER loopback OPTIONS (table_name 'fprt2_p1', use_remote_estimate 'true');
-- @L2928 both
ALTER TABLE fprt2 ATTACH PARTITION ftprt2_p1 FOR VALUES FROM (0) TO (250);
-- @L2929 both
CREATE FOREIGN TABLE ftprt2_p2 PARTITION OF fprt2 FOR VALUES FROM (250) TO (500)
	SERVER loopback OPTIONS (table_name 'fprt2_p2', use_remote_estimate 'true');
-- @L2931 both
ANALYZE fprt2;
-- @L2932 all
ANALYZE fprt2_p1;
-- @L2933 all
ANALYZE fprt2_p2;
-- @L2936 explain
EXPLAIN (COSTS OFF)
SELECT t1.a,t2.b,t3.c FROM fprt1 t1 INNER JOIN fprt2 t2 ON (t1.a = t2.b) INNER JOIN fprt1 t3 ON (t2.b = t3.a) WHERE t1.a % 25 =0 ORDER BY 1,2,3;
-- @L2938 query
SELECT t1.a,t2.b,t3.c FROM fprt1 t1 INNER JOIN fprt2 t2 ON (t1.a = t2.b) INNER JOIN fprt1 t3 ON (t2.b = t3.a) WHERE t1.a % 25 =0 ORDER BY 1,2,3;
-- @L2941 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT t1.a,t2.b,t2.c FROM fprt1 t1 LEFT JOIN (SELECT * FROM fprt2 WHERE a < 10) t2 ON (t1.a = t2.b and t1.b = t2.a) WHERE t1.a < 10 ORDER BY 1,2,3;
-- @L2943 query
SELECT t1.a,t2.b,t2.c FROM fprt1 t1 LEFT JOIN (SELECT * FROM fprt2 WHERE a < 10) t2 ON (t1.a = t2.b and t1.b = t2.a) WHERE t1.a < 10 ORDER BY 1,2,3;
-- @L2946 explain
EXPLAIN (COSTS OFF)
SELECT t1.wr, t2.wr FROM (SELECT t1 wr, a FROM fprt1 t1 WHERE t1.a % 25 = 0) t1 FULL JOIN (SELECT t2 wr, b FROM fprt2 t2 WHERE t2.b % 25 = 0) t2 ON (t1.a = t2.b) ORDER BY 1,2;
-- @L2948 query
SELECT t1.wr, t2.wr FROM (SELECT t1 wr, a FROM fprt1 t1 WHERE t1.a % 25 = 0) t1 FULL JOIN (SELECT t2 wr, b FROM fprt2 t2 WHERE t2.b % 25 = 0) t2 ON (t1.a = t2.b) ORDER BY 1,2;
-- @L2951 explain
EXPLAIN (COSTS OFF)
SELECT t1.a,t1.b FROM fprt1 t1, LATERAL (SELECT t2.a, t2.b FROM fprt2 t2 WHERE t1.a = t2.b AND t1.b = t2.a) q WHERE t1.a%25 = 0 ORDER BY 1,2;
-- @L2953 query
SELECT t1.a,t1.b FROM fprt1 t1, LATERAL (SELECT t2.a, t2.b FROM fprt2 t2 WHERE t1.a = t2.b AND t1.b = t2.a) q WHERE t1.a%25 = 0 ORDER BY 1,2;
-- @L2956 explain
EXPLAIN (COSTS OFF)
SELECT t1.a, t1.phv, t2.b, t2.phv FROM (SELECT 't1_phv' phv, * FROM fprt1 WHERE a % 25 = 0) t1 FULL JOIN (SELECT 't2_phv' phv, * FROM fprt2 WHERE b % 25 = 0) t2 ON (t1.a = t2.b) ORDER BY t1.a, t2.b;
-- @L2958 query
SELECT t1.a, t1.phv, t2.b, t2.phv FROM (SELECT 't1_phv' phv, * FROM fprt1 WHERE a % 25 = 0) t1 FULL JOIN (SELECT 't2_phv' phv, * FROM fprt2 WHERE b % 25 = 0) t2 ON (t1.a = t2.b) ORDER BY t1.a, t2.b;
-- @L2961 skip:dml-explain
-- EXPLAIN (COSTS OFF)
-- SELECT t1.a, t2.b FROM fprt1 t1 INNER JOIN fprt2 t2 ON (t1.a = t2.b) WHERE t1.a % 25 = 0 ORDER BY 1,2 FOR UPDATE OF t1;
-- @L2963 query
SELECT t1.a, t2.b FROM fprt1 t1 INNER JOIN fprt2 t2 ON (t1.a = t2.b) WHERE t1.a % 25 = 0 ORDER BY 1,2 FOR UPDATE OF t1;
-- @L2965 session
RESET enable_partitionwise_join;

-- ==== test partitionwise aggregates ====
-- @L2972 all
CREATE TABLE pagg_tab (a int, b int, c text) PARTITION BY RANGE(a);
-- @L2974 all
CREATE TABLE pagg_tab_p1 (LIKE pagg_tab);
-- @L2975 all
CREATE TABLE pagg_tab_p2 (LIKE pagg_tab);
-- @L2976 all
CREATE TABLE pagg_tab_p3 (LIKE pagg_tab);
-- @L2978 all
INSERT INTO pagg_tab_p1 SELECT i % 30, i % 50, to_char(i/30, 'FM0000') FROM generate_series(1, 3000) i WHERE (i % 30) < 10;
-- @L2979 all
INSERT INTO pagg_tab_p2 SELECT i % 30, i % 50, to_char(i/30, 'FM0000') FROM generate_series(1, 3000) i WHERE (i % 30) < 20 and (i % 30) >= 10;
-- @L2980 all
INSERT INTO pagg_tab_p3 SELECT i % 30, i % 50, to_char(i/30, 'FM0000') FROM generate_series(1, 3000) i WHERE (i % 30) < 30 and (i % 30) >= 20;
-- @L2983 both
CREATE FOREIGN TABLE fpagg_tab_p1 PARTITION OF pagg_tab FOR VALUES FROM (0) TO (10) SERVER loopback OPTIONS (table_name 'pagg_tab_p1');
-- @L2984 both
CREATE FOREIGN TABLE fpagg_tab_p2 PARTITION OF pagg_tab FOR VALUES FROM (10) TO (20) SERVER loopback OPTIONS (table_name 'pagg_tab_p2');
-- @L2985 both
CREATE FOREIGN TABLE fpagg_tab_p3 PARTITION OF pagg_tab FOR VALUES FROM (20) TO (30) SERVER loopback OPTIONS (table_name 'pagg_tab_p3');
-- @L2987 both
ANALYZE pagg_tab;
-- @L2988 both
ANALYZE fpagg_tab_p1;
-- @L2989 both
ANALYZE fpagg_tab_p2;
-- @L2990 both
ANALYZE fpagg_tab_p3;
-- @L2994 session
SET enable_partitionwise_aggregate TO false;
-- @L2995 explain
EXPLAIN (COSTS OFF)
SELECT a, sum(b), min(b), count(*) FROM pagg_tab GROUP BY a HAVING avg(b) < 22 ORDER BY 1;
-- @L2999 session
SET enable_partitionwise_aggregate TO true;
-- @L3000 explain
EXPLAIN (COSTS OFF)
SELECT a, sum(b), min(b), count(*) FROM pagg_tab GROUP BY a HAVING avg(b) < 22 ORDER BY 1;
-- @L3002 query
SELECT a, sum(b), min(b), count(*) FROM pagg_tab GROUP BY a HAVING avg(b) < 22 ORDER BY 1;
-- @L3006 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT a, count(t1) FROM pagg_tab t1 GROUP BY a HAVING avg(b) < 22 ORDER BY 1;
-- @L3008 query
SELECT a, count(t1) FROM pagg_tab t1 GROUP BY a HAVING avg(b) < 22 ORDER BY 1;
-- @L3011 explain
EXPLAIN (COSTS OFF)
SELECT b, avg(a), max(a), count(*) FROM pagg_tab GROUP BY b HAVING sum(a) < 700 ORDER BY 1;

-- ==== access rights and superuser ====
-- @L3019 skip:connection-mgmt
-- CREATE ROLE regress_nosuper NOSUPERUSER;
-- @L3021 skip:connection-mgmt
-- GRANT USAGE ON FOREIGN DATA WRAPPER postgres_fdw TO regress_nosuper;
-- @L3023 skip:connection-mgmt
-- SET ROLE regress_nosuper;
-- @L3025 skip:connection-mgmt
-- SHOW is_superuser;
-- @L3028 skip:connection-mgmt
-- DO $d$
--     BEGIN
--         EXECUTE $$CREATE SERVER loopback_nopw FOREIGN DATA WRAPPER postgres_fdw
--             OPTIONS (dbname '$$||current_database()||$$',
--                      port '$$||current_setting('port')||$$'
--             )$$;
--     END;
-- $d$;
-- @L3038 skip:connection-mgmt
-- CREATE USER MAPPING FOR public SERVER loopback_nopw;
-- @L3039 skip:connection-mgmt
-- CREATE USER MAPPING FOR CURRENT_USER SERVER loopback_nopw;
-- @L3041 skip:connection-mgmt
-- CREATE FOREIGN TABLE pg_temp.ft1_nopw (
-- 	c1 int NOT NULL,
-- 	c2 int NOT NULL,
-- 	c3 text,
-- 	c4 timestamptz,
-- 	c5 timestamp,
-- 	c6 varchar(10),
-- 	c7 char(10) default 'ft1',
-- 	c8 user_enum
-- ) SERVER loopback_nopw OPTIONS (schema_name 'public', table_name 'ft1');
-- @L3052 skip:connection-mgmt
-- SELECT 1 FROM ft1_nopw LIMIT 1;
-- @L3057 skip:connection-mgmt
-- DO $d$
--     BEGIN
--         EXECUTE $$ALTER SERVER loopback_nopw OPTIONS (ADD password 'dummypw')$$;
--     END;
-- $d$;
-- @L3068 skip:connection-mgmt
-- ALTER USER MAPPING FOR CURRENT_USER SERVER loopback_nopw OPTIONS (ADD password 'dummypw');
-- @L3070 skip:connection-mgmt
-- SELECT 1 FROM ft1_nopw LIMIT 1;
-- @L3073 skip:connection-mgmt
-- ALTER USER MAPPING FOR CURRENT_USER SERVER loopback_nopw OPTIONS (ADD password_required 'false');
-- @L3076 skip:connection-mgmt
-- SELECT 1 FROM ft1_nopw LIMIT 1;
-- @L3078 skip:connection-mgmt
-- RESET ROLE;
-- @L3081 skip:connection-mgmt
-- ALTER USER MAPPING FOR regress_nosuper SERVER loopback_nopw OPTIONS (ADD password_required 'false');
-- @L3083 skip:connection-mgmt
-- SET ROLE regress_nosuper;
-- @L3086 skip:connection-mgmt
-- SELECT 1 FROM ft1_nopw LIMIT 1;
-- @L3090 skip:connection-mgmt
-- ALTER USER MAPPING FOR CURRENT_USER SERVER loopback_nopw OPTIONS (SET password_required 'true');
-- @L3091 skip:connection-mgmt
-- ALTER USER MAPPING FOR CURRENT_USER SERVER loopback_nopw OPTIONS (ADD sslcert 'foo.crt');
-- @L3092 skip:connection-mgmt
-- ALTER USER MAPPING FOR CURRENT_USER SERVER loopback_nopw OPTIONS (ADD sslkey 'foo.key');
-- @L3096 skip:connection-mgmt
-- DROP USER MAPPING FOR CURRENT_USER SERVER loopback_nopw;
-- @L3100 skip:connection-mgmt
-- SELECT 1 FROM ft1_nopw LIMIT 1;
-- @L3102 skip:connection-mgmt
-- RESET ROLE;
-- @L3106 skip:connection-mgmt
-- SELECT 1 FROM ft1_nopw LIMIT 1;
-- @L3109 skip:connection-mgmt
-- DROP USER MAPPING FOR public SERVER loopback_nopw;
-- @L3110 skip:connection-mgmt
-- DROP OWNED BY regress_nosuper;
-- @L3111 skip:connection-mgmt
-- DROP ROLE regress_nosuper;
-- @L3114 session
RESET enable_partitionwise_aggregate;
-- @L3117 skip:connection-mgmt
-- BEGIN;
-- @L3118 skip:connection-mgmt
-- SELECT count(*) FROM ft1;
-- @L3120 skip:connection-mgmt
-- PREPARE TRANSACTION 'fdw_tpc';
-- @L3121 skip:connection-mgmt
-- ROLLBACK;

-- ==== reestablish new connection ====
-- @L3129 skip:connection-mgmt
-- ALTER SERVER loopback OPTIONS (application_name 'fdw_retry_check');
-- @L3132 skip:connection-mgmt
-- SELECT 1 FROM ft1 LIMIT 1;
-- @L3137 skip:connection-mgmt
-- DO $$ BEGIN
-- PERFORM pg_terminate_backend(pid, 180000) FROM pg_stat_activity
-- 	WHERE application_name = 'fdw_retry_check';
-- END $$;
-- @L3144 skip:connection-mgmt
-- BEGIN;
-- @L3145 skip:connection-mgmt
-- SELECT 1 FROM ft1 LIMIT 1;
-- @L3150 skip:connection-mgmt
-- DO $$ BEGIN
-- PERFORM pg_terminate_backend(pid, 180000) FROM pg_stat_activity
-- 	WHERE application_name = 'fdw_retry_check';
-- END $$;
-- @L3154 skip:connection-mgmt
-- SAVEPOINT s;
-- @L3156 skip:psql
-- \set VERBOSITY sqlstate
-- @L3157 skip:connection-mgmt
-- SELECT 1 FROM ft1 LIMIT 1;
-- @L3158 skip:psql
-- \set VERBOSITY default
-- @L3159 skip:connection-mgmt
-- COMMIT;

-- ==== test connection invalidation cases and postgres_fdw_get_connections function ====
-- @L3165 skip:connection-mgmt
-- SELECT 1 FROM postgres_fdw_disconnect_all();
-- @L3167 skip:connection-mgmt
-- SELECT server_name FROM postgres_fdw_get_connections() ORDER BY 1;
-- @L3169 skip:connection-mgmt
-- BEGIN;
-- @L3171 skip:connection-mgmt
-- SELECT 1 FROM ft1 LIMIT 1;
-- @L3172 skip:connection-mgmt
-- SELECT 1 FROM ft7 LIMIT 1;
-- @L3175 skip:connection-mgmt
-- SELECT server_name FROM postgres_fdw_get_connections() ORDER BY 1;
-- @L3179 skip:connection-mgmt
-- ALTER SERVER loopback OPTIONS (ADD use_remote_estimate 'off');
-- @L3180 skip:connection-mgmt
-- DROP SERVER loopback3 CASCADE;
-- @L3184 skip:connection-mgmt
-- SELECT * FROM postgres_fdw_get_connections() ORDER BY 1;
-- @L3186 skip:connection-mgmt
-- COMMIT;
-- @L3189 skip:connection-mgmt
-- SELECT server_name FROM postgres_fdw_get_connections() ORDER BY 1;

-- ==== test postgres_fdw_disconnect and postgres_fdw_disconnect_all functions ====
-- @L3194 skip:connection-mgmt
-- BEGIN;
-- @L3196 skip:connection-mgmt
-- SELECT 1 FROM ft1 LIMIT 1;
-- @L3198 skip:connection-mgmt
-- SELECT 1 FROM ft6 LIMIT 1;
-- @L3201 skip:connection-mgmt
-- SELECT server_name FROM postgres_fdw_get_connections() ORDER BY 1;
-- @L3204 skip:connection-mgmt
-- SELECT postgres_fdw_disconnect('loopback');
-- @L3207 skip:connection-mgmt
-- SELECT server_name FROM postgres_fdw_get_connections() ORDER BY 1;
-- @L3210 skip:connection-mgmt
-- SET client_min_messages = 'ERROR';
-- @L3211 skip:connection-mgmt
-- SELECT postgres_fdw_disconnect_all();
-- @L3212 skip:connection-mgmt
-- RESET client_min_messages;
-- @L3213 skip:connection-mgmt
-- COMMIT;
-- @L3215 skip:connection-mgmt
-- SELECT 1 FROM postgres_fdw_disconnect('loopback2');
-- @L3216 skip:connection-mgmt
-- SELECT server_name FROM postgres_fdw_get_connections() WHERE server_name = 'loopback2';
-- @L3218 skip:connection-mgmt
-- SELECT postgres_fdw_disconnect('loopback2');
-- @L3220 skip:connection-mgmt
-- SELECT postgres_fdw_disconnect('unknownserver');
-- @L3222 skip:connection-mgmt
-- SELECT 1 FROM postgres_fdw_disconnect_all();
-- @L3224 skip:connection-mgmt
-- SELECT server_name FROM postgres_fdw_get_connections() ORDER BY 1;

-- ==== test case for having multiple cached connections for a foreign server ====
-- @L3229 skip:connection-mgmt
-- CREATE ROLE regress_multi_conn_user1 SUPERUSER;
-- @L3230 skip:connection-mgmt
-- CREATE ROLE regress_multi_conn_user2 SUPERUSER;
-- @L3231 skip:connection-mgmt
-- CREATE USER MAPPING FOR regress_multi_conn_user1 SERVER loopback;
-- @L3232 skip:connection-mgmt
-- CREATE USER MAPPING FOR regress_multi_conn_user2 SERVER loopback;
-- @L3234 skip:connection-mgmt
-- BEGIN;
-- @L3236 skip:connection-mgmt
-- SET ROLE regress_multi_conn_user1;
-- @L3237 skip:connection-mgmt
-- SELECT 1 FROM ft1 LIMIT 1;
-- @L3238 skip:connection-mgmt
-- RESET ROLE;
-- @L3241 skip:connection-mgmt
-- SET ROLE regress_multi_conn_user2;
-- @L3242 skip:connection-mgmt
-- SELECT 1 FROM ft1 LIMIT 1;
-- @L3243 skip:connection-mgmt
-- RESET ROLE;
-- @L3246 skip:connection-mgmt
-- SELECT server_name FROM postgres_fdw_get_connections() ORDER BY 1;
-- @L3247 skip:connection-mgmt
-- COMMIT;
-- @L3249 skip:connection-mgmt
-- SELECT 1 FROM postgres_fdw_disconnect_all();
-- @L3251 skip:connection-mgmt
-- SELECT server_name FROM postgres_fdw_get_connections() ORDER BY 1;
-- @L3254 skip:connection-mgmt
-- DROP USER MAPPING FOR regress_multi_conn_user1 SERVER loopback;
-- @L3255 skip:connection-mgmt
-- DROP USER MAPPING FOR regress_multi_conn_user2 SERVER loopback;
-- @L3256 skip:connection-mgmt
-- DROP ROLE regress_multi_conn_user1;
-- @L3257 skip:connection-mgmt
-- DROP ROLE regress_multi_conn_user2;

-- ==== Test foreign server level option keep_connections ====
-- @L3264 skip:connection-mgmt
-- ALTER SERVER loopback OPTIONS (keep_connections 'off');
-- @L3267 skip:connection-mgmt
-- SELECT 1 FROM ft1 LIMIT 1;
-- @L3269 skip:connection-mgmt
-- SELECT server_name FROM postgres_fdw_get_connections() ORDER BY 1;
-- @L3270 skip:connection-mgmt
-- ALTER SERVER loopback OPTIONS (SET keep_connections 'on');

-- ==== batch insert ====
-- @L3276 session
BEGIN;
-- (postgres_fdw-only options removed: batch_size)
-- @L3278 both
CREATE SERVER batch10 FOREIGN DATA WRAPPER postgres_fdw;
-- @L3280 query
SELECT count(*)
FROM pg_foreign_server
WHERE srvname = 'batch10'
AND srvoptions @> array['batch_size=10'];
-- @L3285 skip:pgfdw-option
-- ALTER SERVER batch10 OPTIONS( SET batch_size '20' );
-- @L3287 query
SELECT count(*)
FROM pg_foreign_server
WHERE srvname = 'batch10'
AND srvoptions @> array['batch_size=10'];
-- @L3292 query
SELECT count(*)
FROM pg_foreign_server
WHERE srvname = 'batch10'
AND srvoptions @> array['batch_size=20'];
-- (postgres_fdw-only options removed: batch_size)
-- @L3297 both
CREATE FOREIGN TABLE table30 ( x int ) SERVER batch10;
-- @L3299 query
SELECT COUNT(*)
FROM pg_foreign_table
WHERE ftrelid = 'table30'::regclass
AND ftoptions @> array['batch_size=30'];
-- @L3304 skip:pgfdw-option
-- ALTER FOREIGN TABLE table30 OPTIONS ( SET batch_size '40');
-- @L3306 query
SELECT COUNT(*)
FROM pg_foreign_table
WHERE ftrelid = 'table30'::regclass
AND ftoptions @> array['batch_size=30'];
-- @L3311 query
SELECT COUNT(*)
FROM pg_foreign_table
WHERE ftrelid = 'table30'::regclass
AND ftoptions @> array['batch_size=40'];
-- @L3316 session
ROLLBACK;
-- @L3318 all
CREATE TABLE batch_table ( x int );
-- (postgres_fdw-only options removed: batch_size)
-- @L3320 both
CREATE FOREIGN TABLE ftable ( x int ) SERVER loopback OPTIONS ( table_name 'batch_table');
-- @L3321 skip:dml-explain
-- EXPLAIN (VERBOSE, COSTS OFF) INSERT INTO ftable SELECT * FROM generate_series(1, 10) i;
-- @L3322 pgf
INSERT INTO ftable SELECT * FROM generate_series(1, 10) i;
-- @L3323 pgf
INSERT INTO ftable SELECT * FROM generate_series(11, 31) i;
-- @L3324 pgf
INSERT INTO ftable VALUES (32);
-- @L3325 pgf
INSERT INTO ftable VALUES (33), (34);
-- @L3326 query
SELECT COUNT(*) FROM ftable;
-- @L3327 all
TRUNCATE batch_table;
-- @L3328 both
DROP FOREIGN TABLE ftable;
-- (postgres_fdw-only options removed: batch_size)
-- @L3331 both
CREATE FOREIGN TABLE ftable ( x int ) SERVER loopback OPTIONS ( table_name 'batch_table');
-- @L3332 skip:dml-explain
-- EXPLAIN (VERBOSE, COSTS OFF) INSERT INTO ftable VALUES (1), (2);
-- @L3333 pgf
INSERT INTO ftable VALUES (1), (2);
-- @L3334 query
SELECT COUNT(*) FROM ftable;
-- @L3338 skip:pgfdw-option
-- ALTER FOREIGN TABLE ftable OPTIONS ( SET batch_size '10' );
-- @L3339 both
CREATE TRIGGER trig_row_before BEFORE INSERT ON ftable
FOR EACH ROW EXECUTE PROCEDURE trigger_data(23,'skidoo');
-- @L3341 skip:dml-explain
-- EXPLAIN (VERBOSE, COSTS OFF) INSERT INTO ftable VALUES (3), (4);
-- @L3342 pgf
INSERT INTO ftable VALUES (3), (4);
-- @L3343 query
SELECT COUNT(*) FROM ftable;
-- @L3346 both
DROP TRIGGER trig_row_before ON ftable;
-- @L3347 both
DROP FOREIGN TABLE ftable;
-- @L3348 all
DROP TABLE batch_table;
-- @L3351 all
CREATE TABLE batch_table ( x int ) PARTITION BY HASH (x);
-- @L3353 all
CREATE TABLE batch_table_p0 (LIKE batch_table);
-- (postgres_fdw-only options removed: batch_size)
-- @L3354 both
CREATE FOREIGN TABLE batch_table_p0f
	PARTITION OF batch_table
	FOR VALUES WITH (MODULUS 3, REMAINDER 0)
	SERVER loopback
	OPTIONS (table_name 'batch_table_p0');
-- @L3360 all
CREATE TABLE batch_table_p1 (LIKE batch_table);
-- (postgres_fdw-only options removed: batch_size)
-- @L3361 both
CREATE FOREIGN TABLE batch_table_p1f
	PARTITION OF batch_table
	FOR VALUES WITH (MODULUS 3, REMAINDER 1)
	SERVER loopback
	OPTIONS (table_name 'batch_table_p1');
-- @L3367 all
CREATE TABLE batch_table_p2
	PARTITION OF batch_table
	FOR VALUES WITH (MODULUS 3, REMAINDER 2);
-- @L3371 pgf
INSERT INTO batch_table SELECT * FROM generate_series(1, 66) i;
-- @L3372 query
SELECT COUNT(*) FROM batch_table;
-- @L3376 all
CREATE TABLE batch_cp_upd_test (a int) PARTITION BY LIST (a);
-- @L3377 all
CREATE TABLE batch_cp_upd_test1 (LIKE batch_cp_upd_test);
-- (postgres_fdw-only options removed: batch_size)
-- @L3378 both
CREATE FOREIGN TABLE batch_cp_upd_test1_f
	PARTITION OF batch_cp_upd_test
	FOR VALUES IN (1)
	SERVER loopback
	OPTIONS (table_name 'batch_cp_upd_test1');
-- @L3383 all
CREATE TABLE batch_cp_up_test1 PARTITION OF batch_cp_upd_test
	FOR VALUES IN (2);
-- @L3385 pgf
INSERT INTO batch_cp_upd_test VALUES (1), (2);
-- @L3388 pgf
UPDATE batch_cp_upd_test t SET a = 1 FROM (VALUES (1), (2)) s(a) WHERE t.a = s.a;
-- @L3389 query
SELECT tableoid::regclass, * FROM batch_cp_upd_test;
-- @L3392 all
DROP TABLE batch_table, batch_cp_upd_test, batch_table_p0, batch_table_p1 CASCADE;
-- @L3395 skip:pgfdw-option
-- ALTER SERVER loopback OPTIONS (ADD batch_size '10');
-- @L3397 all
CREATE TABLE batch_table ( x int, field1 text, field2 text) PARTITION BY HASH (x);
-- @L3399 all
CREATE TABLE batch_table_p0 (LIKE batch_table);
-- @L3400 all
ALTER TABLE batch_table_p0 ADD CONSTRAINT p0_pkey PRIMARY KEY (x);
-- @L3401 both
CREATE FOREIGN TABLE batch_table_p0f
	PARTITION OF batch_table
	FOR VALUES WITH (MODULUS 2, REMAINDER 0)
	SERVER loopback
	OPTIONS (table_name 'batch_table_p0');
-- @L3407 all
CREATE TABLE batch_table_p1 (LIKE batch_table);
-- @L3408 all
ALTER TABLE batch_table_p1 ADD CONSTRAINT p1_pkey PRIMARY KEY (x);
-- @L3409 both
CREATE FOREIGN TABLE batch_table_p1f
	PARTITION OF batch_table
	FOR VALUES WITH (MODULUS 2, REMAINDER 1)
	SERVER loopback
	OPTIONS (table_name 'batch_table_p1');
-- @L3415 pgf
INSERT INTO batch_table SELECT i, 'test'||i, 'test'|| i FROM generate_series(1, 50) i;
-- @L3416 query
SELECT COUNT(*) FROM batch_table;
-- @L3417 query
SELECT * FROM batch_table ORDER BY x;
-- @L3420 all
DROP TABLE batch_table;
-- @L3421 all
DROP TABLE batch_table_p0;
-- @L3422 all
DROP TABLE batch_table_p1;
-- @L3424 skip:pgfdw-option
-- ALTER SERVER loopback OPTIONS (DROP batch_size);
-- @L3427 all
CREATE TABLE batch_table (a text, b int);
-- (postgres_fdw-only options removed: batch_size)
-- @L3428 both
CREATE FOREIGN TABLE ftable (a text, b int)
	SERVER loopback
	OPTIONS (table_name 'batch_table');
-- @L3431 all
CREATE TABLE ltable (a text, b int);
-- @L3432 both
CREATE FUNCTION ftable_rowcount_trigf() RETURNS trigger LANGUAGE plpgsql AS
$$
begin
	raise notice '%: there are % rows in ftable',
		TG_NAME, (SELECT count(*) FROM ftable);
	if TG_OP = 'DELETE' then
		return OLD;
	else
		return NEW;
	end if;
end;
$$;
-- @L3444 all
CREATE TRIGGER ftable_rowcount_trigger
BEFORE INSERT OR UPDATE OR DELETE ON ltable
FOR EACH ROW EXECUTE PROCEDURE ftable_rowcount_trigf();
-- @L3448 skip:returning-dml
-- WITH t AS (
-- 	INSERT INTO ltable VALUES ('AAA', 42), ('BBB', 42) RETURNING *
-- )
-- INSERT INTO ftable SELECT * FROM t;
-- @L3453 query
SELECT * FROM ltable;
-- @L3454 query
SELECT * FROM ftable;
-- @L3455 pgf
DELETE FROM ftable;
-- @L3457 skip:returning-dml
-- WITH t AS (
-- 	UPDATE ltable SET b = b + 100 RETURNING *
-- )
-- INSERT INTO ftable SELECT * FROM t;
-- @L3462 query
SELECT * FROM ltable;
-- @L3463 query
SELECT * FROM ftable;
-- @L3464 pgf
DELETE FROM ftable;
-- @L3466 skip:returning-dml
-- WITH t AS (
-- 	DELETE FROM ltable RETURNING *
-- )
-- INSERT INTO ftable SELECT * FROM t;
-- @L3471 query
SELECT * FROM ltable;
-- @L3472 query
SELECT * FROM ftable;
-- @L3473 pgf
DELETE FROM ftable;
-- @L3476 both
DROP FOREIGN TABLE ftable;
-- @L3477 all
DROP TABLE batch_table;
-- @L3478 all
DROP TRIGGER ftable_rowcount_trigger ON ltable;
-- @L3479 all
DROP TABLE ltable;
-- @L3481 all
CREATE TABLE parent (a text, b int) PARTITION BY LIST (a);
-- @L3482 all
CREATE TABLE batch_table (a text, b int);
-- (postgres_fdw-only options removed: batch_size)
-- @L3483 both
CREATE FOREIGN TABLE ftable
	PARTITION OF parent
	FOR VALUES IN ('AAA')
	SERVER loopback
	OPTIONS (table_name 'batch_table');
-- @L3488 all
CREATE TABLE ltable
	PARTITION OF parent
	FOR VALUES IN ('BBB');
-- @L3491 all
CREATE TRIGGER ftable_rowcount_trigger
BEFORE INSERT ON ltable
FOR EACH ROW EXECUTE PROCEDURE ftable_rowcount_trigf();
-- @L3495 pgf
INSERT INTO parent VALUES ('AAA', 42), ('BBB', 42), ('AAA', 42), ('BBB', 42);
-- @L3497 query
SELECT tableoid::regclass, * FROM parent;
-- @L3500 both
DROP FOREIGN TABLE ftable;
-- @L3501 all
DROP TABLE batch_table;
-- @L3502 all
DROP TRIGGER ftable_rowcount_trigger ON ltable;
-- @L3503 all
DROP TABLE ltable;
-- @L3504 all
DROP TABLE parent;
-- @L3505 all
DROP FUNCTION ftable_rowcount_trigf;

-- ==== test asynchronous execution ====
-- @L3511 skip:pgfdw-option
-- ALTER SERVER loopback OPTIONS (DROP extensions);
-- @L3512 skip:pgfdw-option
-- ALTER SERVER loopback OPTIONS (ADD async_capable 'true');
-- @L3513 skip:pgfdw-option
-- ALTER SERVER loopback2 OPTIONS (ADD async_capable 'true');
-- @L3515 all
CREATE TABLE async_pt (a int, b int, c text) PARTITION BY RANGE (a);
-- @L3516 all
CREATE TABLE base_tbl1 (a int, b int, c text);
-- @L3517 all
CREATE TABLE base_tbl2 (a int, b int, c text);
-- @L3518 both
CREATE FOREIGN TABLE async_p1 PARTITION OF async_pt FOR VALUES FROM (1000) TO (2000)
  SERVER loopback OPTIONS (table_name 'base_tbl1');
-- @L3520 both
CREATE FOREIGN TABLE async_p2 PARTITION OF async_pt FOR VALUES FROM (2000) TO (3000)
  SERVER loopback2 OPTIONS (table_name 'base_tbl2');
-- @L3522 pgf
INSERT INTO async_p1 SELECT 1000 + i, i, to_char(i, 'FM0000') FROM generate_series(0, 999, 5) i;
-- @L3523 pgf
INSERT INTO async_p2 SELECT 2000 + i, i, to_char(i, 'FM0000') FROM generate_series(0, 999, 5) i;
-- @L3524 both
ANALYZE async_pt;
-- @L3527 all
CREATE TABLE result_tbl (a int, b int, c text);
-- @L3529 skip:dml-explain
-- EXPLAIN (VERBOSE, COSTS OFF)
-- INSERT INTO result_tbl SELECT * FROM async_pt WHERE b % 100 = 0;
-- @L3531 both
INSERT INTO result_tbl SELECT * FROM async_pt WHERE b % 100 = 0;
-- @L3533 query
SELECT * FROM result_tbl ORDER BY a;
-- @L3534 all
DELETE FROM result_tbl;
-- @L3536 skip:dml-explain
-- EXPLAIN (VERBOSE, COSTS OFF)
-- INSERT INTO result_tbl SELECT * FROM async_pt WHERE b === 505;
-- @L3538 both
INSERT INTO result_tbl SELECT * FROM async_pt WHERE b === 505;
-- @L3540 query
SELECT * FROM result_tbl ORDER BY a;
-- @L3541 all
DELETE FROM result_tbl;
-- @L3543 skip:dml-explain
-- EXPLAIN (VERBOSE, COSTS OFF)
-- INSERT INTO result_tbl SELECT a, b, 'AAA' || c FROM async_pt WHERE b === 505;
-- @L3545 both
INSERT INTO result_tbl SELECT a, b, 'AAA' || c FROM async_pt WHERE b === 505;
-- @L3547 query
SELECT * FROM result_tbl ORDER BY a;
-- @L3548 all
DELETE FROM result_tbl;
-- @L3551 both
CREATE FOREIGN TABLE async_p_broken PARTITION OF async_pt FOR VALUES FROM (10000) TO (10001)
  SERVER loopback OPTIONS (table_name 'non_existent_table');
-- @L3553 query
SELECT * FROM async_pt;
-- @L3554 both
DROP FOREIGN TABLE async_p_broken;
-- @L3557 all
CREATE TABLE base_tbl3 (a int, b int, c text);
-- @L3558 both
CREATE FOREIGN TABLE async_p3 PARTITION OF async_pt FOR VALUES FROM (3000) TO (4000)
  SERVER loopback2 OPTIONS (table_name 'base_tbl3');
-- @L3560 pgf
INSERT INTO async_p3 SELECT 3000 + i, i, to_char(i, 'FM0000') FROM generate_series(0, 999, 5) i;
-- @L3561 both
ANALYZE async_pt;
-- @L3563 skip:dml-explain
-- EXPLAIN (VERBOSE, COSTS OFF)
-- INSERT INTO result_tbl SELECT * FROM async_pt WHERE b === 505;
-- @L3565 both
INSERT INTO result_tbl SELECT * FROM async_pt WHERE b === 505;
-- @L3567 query
SELECT * FROM result_tbl ORDER BY a;
-- @L3568 all
DELETE FROM result_tbl;
-- @L3570 both
DROP FOREIGN TABLE async_p3;
-- @L3571 all
DROP TABLE base_tbl3;
-- @L3574 all
CREATE TABLE async_p3 PARTITION OF async_pt FOR VALUES FROM (3000) TO (4000);
-- @L3575 all
INSERT INTO async_p3 SELECT 3000 + i, i, to_char(i, 'FM0000') FROM generate_series(0, 999, 5) i;
-- @L3576 both
ANALYZE async_pt;
-- @L3578 skip:dml-explain
-- EXPLAIN (VERBOSE, COSTS OFF)
-- INSERT INTO result_tbl SELECT * FROM async_pt WHERE b === 505;
-- @L3580 both
INSERT INTO result_tbl SELECT * FROM async_pt WHERE b === 505;
-- @L3582 query
SELECT * FROM result_tbl ORDER BY a;
-- @L3583 all
DELETE FROM result_tbl;
-- @L3586 session
SET enable_partitionwise_join TO true;
-- @L3588 all
CREATE TABLE join_tbl (a1 int, b1 int, c1 text, a2 int, b2 int, c2 text);
-- @L3590 skip:dml-explain
-- EXPLAIN (VERBOSE, COSTS OFF)
-- INSERT INTO join_tbl SELECT * FROM async_pt t1, async_pt t2 WHERE t1.a = t2.a AND t1.b = t2.b AND t1.b % 100 = 0;
-- @L3592 both
INSERT INTO join_tbl SELECT * FROM async_pt t1, async_pt t2 WHERE t1.a = t2.a AND t1.b = t2.b AND t1.b % 100 = 0;
-- @L3594 query
SELECT * FROM join_tbl ORDER BY a1;
-- @L3595 all
DELETE FROM join_tbl;
-- @L3597 skip:dml-explain
-- EXPLAIN (VERBOSE, COSTS OFF)
-- INSERT INTO join_tbl SELECT t1.a, t1.b, 'AAA' || t1.c, t2.a, t2.b, 'AAA' || t2.c FROM async_pt t1, async_pt t2 WHERE t1.a = t2.a AND t1.b = t2.b AND t1.b % 100 = 0;
-- @L3599 both
INSERT INTO join_tbl SELECT t1.a, t1.b, 'AAA' || t1.c, t2.a, t2.b, 'AAA' || t2.c FROM async_pt t1, async_pt t2 WHERE t1.a = t2.a AND t1.b = t2.b AND t1.b % 100 = 0;
-- @L3601 query
SELECT * FROM join_tbl ORDER BY a1;
-- @L3602 all
DELETE FROM join_tbl;
-- @L3604 session
RESET enable_partitionwise_join;
-- @L3607 session
SET enable_hashjoin TO false;
-- @L3609 skip:dml-explain
-- EXPLAIN (VERBOSE, COSTS OFF)
-- INSERT INTO join_tbl SELECT * FROM async_p1 t1, async_pt t2 WHERE t1.a = t2.a AND t1.b = t2.b AND t1.b % 100 = 0;
-- @L3611 both
INSERT INTO join_tbl SELECT * FROM async_p1 t1, async_pt t2 WHERE t1.a = t2.a AND t1.b = t2.b AND t1.b % 100 = 0;
-- @L3613 query
SELECT * FROM join_tbl ORDER BY a1;
-- @L3614 all
DELETE FROM join_tbl;
-- @L3616 session
RESET enable_hashjoin;
-- @L3619 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT * FROM async_pt WHERE a < 3000;
-- @L3622 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT * FROM async_pt WHERE a < 2000;
-- @L3626 session
SET plan_cache_mode TO force_generic_plan;
-- @L3628 skip:dml-explain
-- PREPARE async_pt_query (int, int) AS
--   INSERT INTO result_tbl SELECT * FROM async_pt WHERE a < $1 AND b === $2;
-- @L3631 skip:dml-explain
-- EXPLAIN (VERBOSE, COSTS OFF)
-- EXECUTE async_pt_query (3000, 505);
-- @L3633 skip:dml-explain
-- EXECUTE async_pt_query (3000, 505);
-- @L3635 query
SELECT * FROM result_tbl ORDER BY a;
-- @L3636 all
DELETE FROM result_tbl;
-- @L3638 skip:dml-explain
-- EXPLAIN (VERBOSE, COSTS OFF)
-- EXECUTE async_pt_query (2000, 505);
-- @L3640 skip:dml-explain
-- EXECUTE async_pt_query (2000, 505);
-- @L3642 query
SELECT * FROM result_tbl ORDER BY a;
-- @L3643 all
DELETE FROM result_tbl;
-- @L3645 session
RESET plan_cache_mode;
-- @L3647 all
CREATE TABLE local_tbl(a int, b int, c text);
-- @L3648 all
INSERT INTO local_tbl VALUES (1505, 505, 'foo'), (2505, 505, 'bar');
-- @L3649 all
ANALYZE local_tbl;
-- @L3651 all
CREATE INDEX base_tbl1_idx ON base_tbl1 (a);
-- @L3652 all
CREATE INDEX base_tbl2_idx ON base_tbl2 (a);
-- @L3653 all
CREATE INDEX async_p3_idx ON async_p3 (a);
-- @L3654 all
ANALYZE base_tbl1;
-- @L3655 all
ANALYZE base_tbl2;
-- @L3656 all
ANALYZE async_p3;
-- @L3658 both
ALTER FOREIGN TABLE async_p1 OPTIONS (use_remote_estimate 'true');
-- @L3659 both
ALTER FOREIGN TABLE async_p2 OPTIONS (use_remote_estimate 'true');
-- @L3661 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT * FROM local_tbl, async_pt WHERE local_tbl.a = async_pt.a AND local_tbl.c = 'bar';
-- @L3663 explain
EXPLAIN (ANALYZE, COSTS OFF, SUMMARY OFF, TIMING OFF)
SELECT * FROM local_tbl, async_pt WHERE local_tbl.a = async_pt.a AND local_tbl.c = 'bar';
-- @L3665 query
SELECT * FROM local_tbl, async_pt WHERE local_tbl.a = async_pt.a AND local_tbl.c = 'bar';
-- @L3667 both
ALTER FOREIGN TABLE async_p1 OPTIONS (DROP use_remote_estimate);
-- @L3668 both
ALTER FOREIGN TABLE async_p2 OPTIONS (DROP use_remote_estimate);
-- @L3670 all
DROP TABLE local_tbl;
-- @L3671 all
DROP INDEX base_tbl1_idx;
-- @L3672 all
DROP INDEX base_tbl2_idx;
-- @L3673 all
DROP INDEX async_p3_idx;
-- @L3676 skip:dml-explain
-- EXPLAIN (VERBOSE, COSTS OFF)
-- INSERT INTO result_tbl
-- (SELECT a, b, 'AAA' || c FROM async_p1 ORDER BY a LIMIT 10)
-- UNION
-- (SELECT a, b, 'AAA' || c FROM async_p2 WHERE b < 10);
-- @L3681 both
INSERT INTO result_tbl
(SELECT a, b, 'AAA' || c FROM async_p1 ORDER BY a LIMIT 10)
UNION
(SELECT a, b, 'AAA' || c FROM async_p2 WHERE b < 10);
-- @L3686 query
SELECT * FROM result_tbl ORDER BY a;
-- @L3687 all
DELETE FROM result_tbl;
-- @L3689 skip:dml-explain
-- EXPLAIN (VERBOSE, COSTS OFF)
-- INSERT INTO result_tbl
-- (SELECT a, b, 'AAA' || c FROM async_p1 ORDER BY a LIMIT 10)
-- UNION ALL
-- (SELECT a, b, 'AAA' || c FROM async_p2 WHERE b < 10);
-- @L3694 both
INSERT INTO result_tbl
(SELECT a, b, 'AAA' || c FROM async_p1 ORDER BY a LIMIT 10)
UNION ALL
(SELECT a, b, 'AAA' || c FROM async_p2 WHERE b < 10);
-- @L3699 query
SELECT * FROM result_tbl ORDER BY a;
-- @L3700 all
DELETE FROM result_tbl;
-- @L3704 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT * FROM async_pt WHERE CURRENT_USER = SESSION_USER;
-- @L3707 explain
EXPLAIN (VERBOSE, COSTS OFF)
(SELECT * FROM async_p1 WHERE CURRENT_USER = SESSION_USER)
UNION ALL
(SELECT * FROM async_p2 WHERE CURRENT_USER = SESSION_USER);
-- @L3712 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT * FROM ((SELECT * FROM async_p1 WHERE b < 10) UNION ALL (SELECT * FROM async_p2 WHERE b < 10)) s WHERE CURRENT_USER = SESSION_USER;
-- @L3716 session
SET enable_mergejoin TO false;
-- @L3717 session
SET enable_hashjoin TO false;
-- @L3719 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT * FROM async_pt t1, async_p2 t2 WHERE t1.a = t2.a AND t1.b === 505;
-- @L3721 query
SELECT * FROM async_pt t1, async_p2 t2 WHERE t1.a = t2.a AND t1.b === 505;
-- @L3723 all
CREATE TABLE local_tbl (a int, b int, c text);
-- @L3724 all
INSERT INTO local_tbl VALUES (1505, 505, 'foo');
-- @L3725 all
ANALYZE local_tbl;
-- @L3727 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT * FROM local_tbl t1 LEFT JOIN (SELECT *, (SELECT count(*) FROM async_pt WHERE a < 3000) FROM async_pt WHERE a < 3000) t2 ON t1.a = t2.a;
-- @L3729 explain
EXPLAIN (ANALYZE, COSTS OFF, SUMMARY OFF, TIMING OFF)
SELECT * FROM local_tbl t1 LEFT JOIN (SELECT *, (SELECT count(*) FROM async_pt WHERE a < 3000) FROM async_pt WHERE a < 3000) t2 ON t1.a = t2.a;
-- @L3731 query
SELECT * FROM local_tbl t1 LEFT JOIN (SELECT *, (SELECT count(*) FROM async_pt WHERE a < 3000) FROM async_pt WHERE a < 3000) t2 ON t1.a = t2.a;
-- @L3733 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT * FROM async_pt t1 WHERE t1.b === 505 LIMIT 1;
-- @L3735 explain
EXPLAIN (ANALYZE, COSTS OFF, SUMMARY OFF, TIMING OFF)
SELECT * FROM async_pt t1 WHERE t1.b === 505 LIMIT 1;
-- @L3737 query
SELECT * FROM async_pt t1 WHERE t1.b === 505 LIMIT 1;
-- @L3740 all
CREATE TABLE base_tbl3 (a int, b int, c text);
-- @L3741 both
CREATE FOREIGN TABLE remote_tbl (a int, b int, c text)
  SERVER loopback OPTIONS (table_name 'base_tbl3');
-- @L3743 pgf
INSERT INTO remote_tbl VALUES (2505, 505, 'bar');
-- @L3745 all
CREATE TABLE base_tbl4 (a int, b int, c text);
-- @L3746 both
CREATE FOREIGN TABLE insert_tbl (a int, b int, c text)
  SERVER loopback OPTIONS (table_name 'base_tbl4');
-- @L3749 skip:dml-explain
-- EXPLAIN (VERBOSE, COSTS OFF)
-- INSERT INTO insert_tbl (SELECT * FROM local_tbl UNION ALL SELECT * FROM remote_tbl);
-- @L3751 pgf
INSERT INTO insert_tbl (SELECT * FROM local_tbl UNION ALL SELECT * FROM remote_tbl);
-- @L3753 query
SELECT * FROM insert_tbl ORDER BY a;
-- @L3756 skip:dml-explain
-- EXPLAIN (VERBOSE, COSTS OFF)
-- WITH t AS (UPDATE remote_tbl SET c = c || c RETURNING *)
-- INSERT INTO join_tbl SELECT * FROM async_pt LEFT JOIN t ON (async_pt.a = t.a AND async_pt.b = t.b) WHERE async_pt.b === 505;
-- @L3759 skip:returning-dml
-- WITH t AS (UPDATE remote_tbl SET c = c || c RETURNING *)
-- INSERT INTO join_tbl SELECT * FROM async_pt LEFT JOIN t ON (async_pt.a = t.a AND async_pt.b = t.b) WHERE async_pt.b === 505;
-- @L3762 query
SELECT * FROM join_tbl ORDER BY a1;
-- @L3763 all
DELETE FROM join_tbl;
-- @L3765 all
DROP TABLE local_tbl;
-- @L3766 both
DROP FOREIGN TABLE remote_tbl;
-- @L3767 both
DROP FOREIGN TABLE insert_tbl;
-- @L3768 all
DROP TABLE base_tbl3;
-- @L3769 all
DROP TABLE base_tbl4;
-- @L3771 session
RESET enable_mergejoin;
-- @L3772 session
RESET enable_hashjoin;
-- @L3775 skip:dml-explain
-- EXPLAIN (VERBOSE, COSTS OFF)
-- UPDATE async_pt SET c = c || c WHERE b = 0 RETURNING *;
-- @L3777 pgf
UPDATE async_pt SET c = c || c WHERE b = 0 RETURNING *;
-- @L3778 skip:dml-explain
-- EXPLAIN (VERBOSE, COSTS OFF)
-- DELETE FROM async_pt WHERE b = 0 RETURNING *;
-- @L3780 pgf
DELETE FROM async_pt WHERE b = 0 RETURNING *;
-- @L3783 pgf
DELETE FROM async_p1;
-- @L3784 pgf
DELETE FROM async_p2;
-- @L3785 all
DELETE FROM async_p3;
-- @L3787 explain
EXPLAIN (ANALYZE, COSTS OFF, SUMMARY OFF, TIMING OFF)
SELECT * FROM async_pt;
-- @L3791 all
DROP TABLE async_pt;
-- @L3792 all
DROP TABLE base_tbl1;
-- @L3793 all
DROP TABLE base_tbl2;
-- @L3794 all
DROP TABLE result_tbl;
-- @L3795 all
DROP TABLE join_tbl;
-- @L3799 all
CREATE TABLE base_tbl (a int, b int);
-- @L3800 all
INSERT INTO base_tbl VALUES (1, 11), (2, 22), (3, 33);
-- @L3801 both
CREATE FOREIGN TABLE foreign_tbl (b int)
  SERVER loopback OPTIONS (table_name 'base_tbl');
-- @L3803 both
CREATE FOREIGN TABLE foreign_tbl2 () INHERITS (foreign_tbl)
  SERVER loopback OPTIONS (table_name 'base_tbl');
-- @L3806 explain
EXPLAIN (VERBOSE, COSTS OFF)
SELECT a FROM base_tbl WHERE a IN (SELECT a FROM foreign_tbl);
-- @L3808 query
SELECT a FROM base_tbl WHERE a IN (SELECT a FROM foreign_tbl);
-- @L3811 both
DROP FOREIGN TABLE foreign_tbl CASCADE;
-- @L3812 all
DROP TABLE base_tbl;
-- @L3814 skip:pgfdw-option
-- ALTER SERVER loopback OPTIONS (DROP async_capable);
-- @L3815 skip:pgfdw-option
-- ALTER SERVER loopback2 OPTIONS (DROP async_capable);

-- ==== test invalid server, foreign table and foreign data wrapper options ====
-- @L3821 both
CREATE SERVER inv_scst FOREIGN DATA WRAPPER postgres_fdw
	OPTIONS(fdw_startup_cost '100$%$#$#');
-- @L3824 both
CREATE SERVER inv_scst FOREIGN DATA WRAPPER postgres_fdw
	OPTIONS(fdw_tuple_cost '100$%$#$#');
-- @L3827 both
CREATE FOREIGN TABLE inv_fsz (c1 int )
	SERVER loopback OPTIONS (fetch_size '100$%$#$#');
-- (postgres_fdw-only options removed: batch_size)
-- @L3830 both
CREATE FOREIGN TABLE inv_bsz (c1 int )
	SERVER loopback;
-- @L3834 both
ALTER FOREIGN DATA WRAPPER postgres_fdw OPTIONS (nonexistent 'fdw');

-- ==== test postgres_fdw.application_name GUC ====
-- @L3841 skip:connection-mgmt
-- CREATE VIEW my_application_name AS
--   SELECT application_name FROM pg_stat_activity WHERE pid = pg_backend_pid();
-- @L3844 skip:connection-mgmt
-- CREATE FOREIGN TABLE remote_application_name (application_name text)
--   SERVER loopback2
--   OPTIONS (schema_name 'public', table_name 'my_application_name');
-- @L3848 skip:connection-mgmt
-- SELECT count(*) FROM remote_application_name;
-- @L3859 skip:connection-mgmt
-- ALTER SERVER loopback2 OPTIONS (application_name 'fdw_%d%p');
-- @L3860 skip:connection-mgmt
-- SELECT count(*) FROM remote_application_name
--   WHERE application_name =
--     substring('fdw_' || current_database() || pg_backend_pid() for
--       current_setting('max_identifier_length')::int);
-- @L3867 skip:connection-mgmt
-- ALTER SERVER loopback2 OPTIONS (SET application_name 'fdw_wrong');
-- @L3868 skip:connection-mgmt
-- SET postgres_fdw.application_name TO 'fdw_%a%u%%';
-- @L3869 skip:connection-mgmt
-- SELECT count(*) FROM remote_application_name
--   WHERE application_name =
--     substring('fdw_' || current_setting('application_name') ||
--       CURRENT_USER || '%' for current_setting('max_identifier_length')::int);
-- @L3873 skip:connection-mgmt
-- RESET postgres_fdw.application_name;
-- @L3876 skip:connection-mgmt
-- ALTER SERVER loopback2 OPTIONS (SET application_name 'fdw_%C%c');
-- @L3877 skip:connection-mgmt
-- SELECT count(*) FROM remote_application_name
--   WHERE application_name =
--     substring('fdw_' || current_setting('cluster_name') ||
--       to_hex(trunc(EXTRACT(EPOCH FROM (SELECT backend_start FROM
--       pg_stat_get_activity(pg_backend_pid()))))::integer) || '.' ||
--       to_hex(pg_backend_pid())
--       for current_setting('max_identifier_length')::int);
-- @L3886 skip:connection-mgmt
-- DROP FOREIGN TABLE remote_application_name;
-- @L3887 skip:connection-mgmt
-- DROP VIEW my_application_name;

-- ==== test parallel commit ====
-- @L3892 skip:connection-mgmt
-- ALTER SERVER loopback OPTIONS (ADD parallel_commit 'true');
-- @L3893 skip:connection-mgmt
-- ALTER SERVER loopback2 OPTIONS (ADD parallel_commit 'true');
-- @L3895 skip:connection-mgmt
-- CREATE TABLE ploc1 (f1 int, f2 text);
-- @L3896 skip:connection-mgmt
-- CREATE FOREIGN TABLE prem1 (f1 int, f2 text)
--   SERVER loopback OPTIONS (table_name 'ploc1');
-- @L3898 skip:connection-mgmt
-- CREATE TABLE ploc2 (f1 int, f2 text);
-- @L3899 skip:connection-mgmt
-- CREATE FOREIGN TABLE prem2 (f1 int, f2 text)
--   SERVER loopback2 OPTIONS (table_name 'ploc2');
-- @L3902 skip:connection-mgmt
-- BEGIN;
-- @L3903 skip:connection-mgmt
-- INSERT INTO prem1 VALUES (101, 'foo');
-- @L3904 skip:connection-mgmt
-- INSERT INTO prem2 VALUES (201, 'bar');
-- @L3905 skip:connection-mgmt
-- COMMIT;
-- @L3906 skip:connection-mgmt
-- SELECT * FROM prem1;
-- @L3907 skip:connection-mgmt
-- SELECT * FROM prem2;
-- @L3909 skip:connection-mgmt
-- BEGIN;
-- @L3910 skip:connection-mgmt
-- SAVEPOINT s;
-- @L3911 skip:connection-mgmt
-- INSERT INTO prem1 VALUES (102, 'foofoo');
-- @L3912 skip:connection-mgmt
-- INSERT INTO prem2 VALUES (202, 'barbar');
-- @L3913 skip:connection-mgmt
-- RELEASE SAVEPOINT s;
-- @L3914 skip:connection-mgmt
-- COMMIT;
-- @L3915 skip:connection-mgmt
-- SELECT * FROM prem1;
-- @L3916 skip:connection-mgmt
-- SELECT * FROM prem2;
-- @L3920 skip:connection-mgmt
-- BEGIN;
-- @L3921 skip:connection-mgmt
-- SAVEPOINT s;
-- @L3922 skip:connection-mgmt
-- INSERT INTO prem1 VALUES (103, 'baz');
-- @L3923 skip:connection-mgmt
-- INSERT INTO prem2 VALUES (203, 'qux');
-- @L3924 skip:connection-mgmt
-- ROLLBACK TO SAVEPOINT s;
-- @L3925 skip:connection-mgmt
-- RELEASE SAVEPOINT s;
-- @L3926 skip:connection-mgmt
-- INSERT INTO prem1 VALUES (104, 'bazbaz');
-- @L3927 skip:connection-mgmt
-- INSERT INTO prem2 VALUES (204, 'quxqux');
-- @L3928 skip:connection-mgmt
-- COMMIT;
-- @L3929 skip:connection-mgmt
-- SELECT * FROM prem1;
-- @L3930 skip:connection-mgmt
-- SELECT * FROM prem2;
-- @L3932 skip:connection-mgmt
-- ALTER SERVER loopback OPTIONS (DROP parallel_commit);
-- @L3933 skip:connection-mgmt
-- ALTER SERVER loopback2 OPTIONS (DROP parallel_commit);

-- ==== test cleanup of failed connections on abort ====
-- @L3939 skip:connection-mgmt
-- CREATE VIEW my_backend_pid (pid) AS SELECT pg_backend_pid();
-- @L3940 skip:connection-mgmt
-- CREATE FOREIGN TABLE remote_backend_pid (pid int)
--   SERVER loopback OPTIONS (table_name 'my_backend_pid');
-- @L3942 skip:connection-mgmt
-- CREATE FUNCTION wait_for_backend_termination(int) RETURNS void AS $$
--   BEGIN
--     WHILE (SELECT count(*) FROM pg_stat_activity WHERE pid = $1) > 0
--     LOOP
--       PERFORM pg_stat_clear_snapshot();
--     END LOOP;
--   END
-- $$ LANGUAGE plpgsql;
-- @L3951 skip:connection-mgmt
-- SET client_min_messages = 'ERROR';
-- @L3953 skip:connection-mgmt
-- BEGIN;
-- @L3954 skip:connection-mgmt
-- DECLARE c CURSOR FOR SELECT * FROM ft1 ORDER BY c1;
-- @L3955 skip:connection-mgmt
-- SAVEPOINT s;
-- @L3956 skip:connection-mgmt
-- SELECT pid AS remote_pid FROM remote_backend_pid \gset
-- SELECT pg_terminate_backend(:remote_pid);
-- @L3958 skip:connection-mgmt
-- SELECT wait_for_backend_termination(:remote_pid);
-- @L3959 skip:connection-mgmt
-- ROLLBACK TO SAVEPOINT s;
-- @L3960 skip:connection-mgmt
-- SELECT pid FROM remote_backend_pid;
-- @L3961 skip:connection-mgmt
-- ROLLBACK TO SAVEPOINT s;
-- @L3962 skip:connection-mgmt
-- RELEASE SAVEPOINT s;
-- @L3963 skip:connection-mgmt
-- FETCH c;
-- @L3964 skip:connection-mgmt
-- ABORT;
-- @L3966 skip:connection-mgmt
-- BEGIN;
-- @L3967 skip:connection-mgmt
-- DECLARE c CURSOR FOR SELECT * FROM ft1 ORDER BY c1;
-- @L3968 skip:connection-mgmt
-- FETCH c;
-- @L3969 skip:connection-mgmt
-- SAVEPOINT s;
-- @L3970 skip:connection-mgmt
-- SELECT pid AS remote_pid FROM remote_backend_pid \gset
-- SELECT pg_terminate_backend(:remote_pid);
-- @L3972 skip:connection-mgmt
-- SELECT wait_for_backend_termination(:remote_pid);
-- @L3973 skip:connection-mgmt
-- ROLLBACK TO SAVEPOINT s;
-- @L3974 skip:connection-mgmt
-- SELECT pid FROM remote_backend_pid;
-- @L3975 skip:connection-mgmt
-- ROLLBACK TO SAVEPOINT s;
-- @L3976 skip:connection-mgmt
-- RELEASE SAVEPOINT s;
-- @L3977 skip:connection-mgmt
-- CLOSE c;
-- @L3978 skip:connection-mgmt
-- ABORT;
-- @L3980 skip:connection-mgmt
-- RESET client_min_messages;
-- @L3982 skip:connection-mgmt
-- DROP FUNCTION wait_for_backend_termination(int);
-- @L3983 skip:connection-mgmt
-- DROP FOREIGN TABLE remote_backend_pid;
-- @L3984 skip:connection-mgmt
-- DROP VIEW my_backend_pid;
