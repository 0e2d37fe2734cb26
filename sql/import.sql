-- IMPORT FOREIGN SCHEMA: LIMIT TO / EXCEPT, every relation kind, types,
-- NOT NULL, names that need quoting, remote-only types.
\i sql/setup/common.sql
CREATE SCHEMA app;
IMPORT FOREIGN SCHEMA public LIMIT TO (t1, types_table, no_such_table) FROM SERVER remote INTO app;
\det app.*
\d app.types_table
IMPORT FOREIGN SCHEMA public EXCEPT (t1, types_table, slow, active_sleepers, div0, err_view, kill_readers,
                                     reader_sessions)
  FROM SERVER remote INTO app;
-- Pagila imports completely: tables, views, the materialized view and the
-- partitioned payment table (not its partitions).
SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'app' ORDER BY 1;
\d app.film
\d app.payment

-- Mixed-case schema, tables, views, materialized views, partitioned tables.
CREATE SCHEMA "Awk";
IMPORT FOREIGN SCHEMA "Awkward Schema" FROM SERVER remote INTO "Awk";
\det "Awk".*
\d "Awk"."Mixed Case"
SELECT * FROM "Awk"."Mixed Case" ORDER BY "Id";
SELECT "select", "quote""d" FROM "Awk"."Mixed Case" WHERE "col with space" = 'a b';
EXPLAIN (VERBOSE, COSTS OFF) SELECT "select", "quote""d" FROM "Awk"."Mixed Case" WHERE "col with space" = 'a b';
SELECT * FROM "Awk".v_mixed ORDER BY 1;
SELECT * FROM "Awk".mv_count;
SELECT * FROM "Awk".parted ORDER BY k;

-- Without NOT NULL.
CREATE SCHEMA nn;
IMPORT FOREIGN SCHEMA "Awkward Schema" LIMIT TO ("Mixed Case") FROM SERVER remote INTO nn
  OPTIONS (import_not_null 'false');
\d nn."Mixed Case"
IMPORT FOREIGN SCHEMA "Awkward Schema" FROM SERVER remote INTO nn OPTIONS (import_defaults 'true');
DROP SCHEMA nn CASCADE;

-- Errors.
IMPORT FOREIGN SCHEMA no_such_schema FROM SERVER remote INTO app;
IMPORT FOREIGN SCHEMA "awkward schema" FROM SERVER remote INTO app;
