#!/usr/bin/env bash
# Random-query crash hunt: Debian's sqlsmith sends random queries to a fresh
# local database whose user tables are warehouse_fdw foreign tables only (the
# postgres provider with and without use_remote_estimate, the BigQuery,
# Snowflake and Databricks fakes, a local inheritance parent with foreign children and a
# partitioned table with foreign partitions). Pass condition: no backend
# crash (server log, broken connections) and no internal error (SQLSTATE
# XX000). Every other error (type mismatches, division by zero, timeouts,
# "cannot insert into foreign table" ...) is expected from random SQL.
#
# Needs the environment scripts/test.sh sets up: LOCAL_HOST/LOCAL_PORT (local
# cluster: socket dir and port, its log in $LOCAL_HOST/server.log unless
# SERVER_LOG says otherwise), REMOTE_HOST/REMOTE_PORT (remote cluster with
# Pagila and tests/fixtures/remote.sql in database pagila), BQ_PORT, SF_PORT,
# SF_KEY_FILE and DBX_PORT (the fakes as scripts/lib.sh starts them).
#
# CI run (fixed): SEED=1 QUERIES=3000 (about 2 minutes on 2 cores, with setup).
# Long run: the same script with other values, e.g.
#   SEED=$RANDOM QUERIES=50000 bash tests/sqlsmith/run.sh
# Output: a summary of the errors seen, every failing query (the query that
# lost its connection; the shortest query of each XX000 message) and then
# "N passed, N failed": checks "sqlsmith finished", "no backend crash" (each
# crash counts) and "no internal error" (each distinct message counts).
# XX000 that PostgreSQL raises on plain tables too are not counted (see
# triage.py). Needs sqlsmith (apt-get install sqlsmith) and python3-psycopg2.
set -uo pipefail
SEED=${SEED:-1}
QUERIES=${QUERIES:-3000}
PROVIDERS=${PROVIDERS:-postgres bigquery snowflake${DBX_PORT:+ databricks}}
# sqlsmith stops after QUERIES; a run still going after TIME_LIMIT seconds
# (a query deaf to statement_timeout?) is stopped and fails.
TIME_LIMIT=${TIME_LIMIT:-$((QUERIES / 10 + 240))}
SERVER_LOG=${SERVER_LOG:-$LOCAL_HOST/server.log}
DB=${SQLSMITH_DB:-sqlsmith_fdw}
LOGDB=${DB}_log
here=$(cd "$(dirname "$0")" && pwd)
export PGOPTIONS="-c client_min_messages=warning"
lpsql() { psql -X -q -v ON_ERROR_STOP=1 -h "$LOCAL_HOST" -p "$LOCAL_PORT" -U postgres "$@"; }

if ! command -v sqlsmith >/dev/null; then
  echo "sqlsmith is not installed (apt-get install sqlsmith)" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

# Database under test, and a separate one for sqlsmith's error log (so the
# log tables are not among the tables it picks from).
lpsql -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "DROP DATABASE IF EXISTS $LOGDB" \
  -c "CREATE DATABASE $DB" -c "CREATE DATABASE $LOGDB" || exit 1
lpsql -d postgres <<'SQL' || exit 1
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'smith') THEN CREATE ROLE smith LOGIN; END IF;
END $$;
SQL
# The schema of sqlsmith's --log-to (log.sql of sqlsmith 1.4, the columns it writes).
lpsql -d "$LOGDB" <<'SQL' || exit 1
CREATE TABLE instance (id bigserial PRIMARY KEY, rev text, target text, hostname text, version text,
                       seed text, t timestamptz DEFAULT now());
CREATE TABLE error (id bigint REFERENCES instance (id), msg text, query text, target text, sqlstate text,
                    t timestamptz DEFAULT now(), errid bigserial PRIMARY KEY);
CREATE TABLE stat (id bigint REFERENCES instance (id), generated bigint, level float, nodes float,
                   retries float, updated timestamptz, impedance jsonb);
SQL

has() { case " $PROVIDERS " in *" $1 "*) return 0 ;; esac; return 1; }
setup="CREATE EXTENSION warehouse_fdw;
CREATE SCHEMA pgest; CREATE SCHEMA pgloc; CREATE SCHEMA bq; CREATE SCHEMA sf; CREATE SCHEMA dbx; CREATE SCHEMA mixed;
-- A local inheritance parent (no local rows) with foreign children, and a
-- partitioned table with foreign partitions (and a local default one).
CREATE TABLE mixed.films (film_id integer, title text, length smallint, rental_rate numeric);
CREATE TABLE mixed.payments (payment_id integer, customer_id smallint, amount numeric(5,2),
                             payment_date timestamp) PARTITION BY RANGE (payment_date);
CREATE TABLE mixed.payments_other PARTITION OF mixed.payments DEFAULT;"
if has postgres; then setup="$setup
-- postgres provider with remote estimates (EXPLAIN on the remote at plan time)
CREATE SERVER pgest FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'postgres', host '127.0.0.1', port '$REMOTE_PORT', dbname 'pagila',
           use_remote_estimate 'true', fetch_size '500');
CREATE USER MAPPING FOR PUBLIC SERVER pgest OPTIONS (user 'reader', password 'reader_pw');
IMPORT FOREIGN SCHEMA public LIMIT TO (film, actor, film_actor, inventory, types_table, t1)
  FROM SERVER pgest INTO pgest;
-- postgres provider with local estimates
CREATE SERVER pgloc FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'postgres', host '127.0.0.1', port '$REMOTE_PORT', dbname 'pagila', fetch_size '100');
CREATE USER MAPPING FOR PUBLIC SERVER pgloc OPTIONS (user 'reader', password 'reader_pw');
IMPORT FOREIGN SCHEMA public LIMIT TO (customer, rental, category, language, types_table)
  FROM SERVER pgloc INTO pgloc;
IMPORT FOREIGN SCHEMA \"Awkward Schema\" LIMIT TO (\"Mixed Case\", parted) FROM SERVER pgloc INTO pgloc;
CREATE FOREIGN TABLE mixed.films_pg () INHERITS (mixed.films)
  SERVER pgloc OPTIONS (schema_name 'public', table_name 'film');
CREATE FOREIGN TABLE mixed.payments_2007_01 PARTITION OF mixed.payments
  FOR VALUES FROM ('2007-01-01') TO ('2007-02-01')
  SERVER pgest OPTIONS (schema_name 'public', table_name 'payment_p2007_01');
CREATE FOREIGN TABLE mixed.payments_2007_02 PARTITION OF mixed.payments
  FOR VALUES FROM ('2007-02-01') TO ('2007-03-01')
  SERVER pgloc OPTIONS (schema_name 'public', table_name 'payment_p2007_02');"
fi
if has bigquery; then setup="$setup
-- BigQuery (local fake): dataset analytics and Pagila's dataset public
CREATE SERVER bq FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'bigquery', project 'fake-project', location 'US',
           endpoint 'http://127.0.0.1:$BQ_PORT/bigquery/v2', fetch_size '1000');
CREATE USER MAPPING FOR PUBLIC SERVER bq OPTIONS (access_token 'test-token-1');
IMPORT FOREIGN SCHEMA analytics LIMIT TO (events, all_types) FROM SERVER bq INTO bq;
IMPORT FOREIGN SCHEMA public LIMIT TO (film, store) FROM SERVER bq INTO bq;
CREATE FOREIGN TABLE mixed.films_bq () INHERITS (mixed.films)
  SERVER bq OPTIONS (schema_name 'public', table_name 'film');
CREATE FOREIGN TABLE mixed.payments_2007_05 PARTITION OF mixed.payments
  FOR VALUES FROM ('2007-05-01') TO ('2007-06-01')
  SERVER bq OPTIONS (schema_name 'public', table_name 'payment_p2007_05');"
fi
if has snowflake; then setup="$setup
-- Snowflake (local fake): database SALES, schema PUBLIC
CREATE SERVER sf FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'snowflake', account 'myorg-myacct', warehouse 'ANALYTICS_WH', database 'SALES',
           schema 'PUBLIC', endpoint 'http://127.0.0.1:$SF_PORT');
CREATE USER MAPPING FOR PUBLIC SERVER sf OPTIONS (user 'etl_reader', private_key :'sf_key');
IMPORT FOREIGN SCHEMA \"PUBLIC\" LIMIT TO (\"ORDERS\", \"Line Items\", \"ALL_TYPES\", actor, staff)
  FROM SERVER sf INTO sf;
CREATE FOREIGN TABLE mixed.films_sf () INHERITS (mixed.films)
  SERVER sf OPTIONS (schema_name 'PUBLIC', table_name 'film');
CREATE FOREIGN TABLE mixed.payments_2007_04 PARTITION OF mixed.payments
  FOR VALUES FROM ('2007-04-01') TO ('2007-05-01')
  SERVER sf OPTIONS (schema_name 'PUBLIC', table_name 'payment_p2007_04');"
fi
if has databricks; then setup="$setup
-- Databricks (local fake): catalog main, schemas sales and public
CREATE SERVER dbx FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'databricks', endpoint 'http://127.0.0.1:$DBX_PORT', warehouse_id 'fake-warehouse-0001',
           catalog 'main');
CREATE USER MAPPING FOR PUBLIC SERVER dbx OPTIONS (token 'dapi-fake-token-0001');
IMPORT FOREIGN SCHEMA sales LIMIT TO (orders, \"line items\", all_types, open_orders) FROM SERVER dbx INTO dbx;
IMPORT FOREIGN SCHEMA public LIMIT TO (address, city) FROM SERVER dbx INTO dbx;
CREATE FOREIGN TABLE mixed.films_dbx () INHERITS (mixed.films)
  SERVER dbx OPTIONS (schema_name 'public', table_name 'film');
CREATE FOREIGN TABLE mixed.payments_2007_03 PARTITION OF mixed.payments
  FOR VALUES FROM ('2007-03-01') TO ('2007-04-01')
  SERVER dbx OPTIONS (schema_name 'public', table_name 'payment_p2007_03');"
fi
with=()
for p in $PROVIDERS; do with+=(-v "with_$p=1"); done
lpsql -d "$DB" -v sf_key="$(cat "${SF_KEY_FILE:-/dev/null}")" "${with[@]}" <<SQL || exit 1
$setup
-- sqlsmith prints names unquoted: give tables and columns that need quotes
-- (upper case, spaces, keywords) plain local names. IMPORT has set the
-- table_name / column_name options, so the remote names stay.
DO \$\$
DECLARE r record; n text;
BEGIN
  FOR r IN SELECT c.oid::regclass AS rel, a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
           WHERE c.relkind = 'f' AND a.attnum > 0 AND NOT a.attisdropped AND a.attname <> quote_ident(a.attname) LOOP
    n := lower(regexp_replace(r.attname, '[^A-Za-z0-9_]', '_', 'g'));
    IF n <> quote_ident(n) THEN n := n || '_'; END IF;
    EXECUTE format('ALTER FOREIGN TABLE %s RENAME COLUMN %I TO %I', r.rel, r.attname, n);
  END LOOP;
  FOR r IN SELECT c.oid::regclass AS rel, c.relname FROM pg_class c
           WHERE c.relkind = 'f' AND c.relname <> quote_ident(c.relname) LOOP
    n := lower(regexp_replace(r.relname, '[^A-Za-z0-9_]', '_', 'g'));
    IF n <> quote_ident(n) THEN n := n || '_'; END IF;
    EXECUTE format('ALTER FOREIGN TABLE %s RENAME TO %I', r.rel, n);
  END LOOP;
END \$\$;

-- Views over the foreign tables bring what sqlsmith never writes itself:
-- whole-row references (in target lists, aggregates and joins) and the
-- system columns tableoid and ctid (sqlsmith skips system columns).
CREATE VIEW mixed.v_film_rows AS
  SELECT f.tableoid::regclass::text AS src, f.ctid::text AS row_ctid, f::text AS row_text, f.film_id, f.title, f.length
  FROM mixed.films f;
CREATE VIEW mixed.v_payment_rows AS
  SELECT p.tableoid::regclass::text AS src, p::text AS row_text, p.payment_id, p.amount, p.payment_date
  FROM mixed.payments p;
\if :{?with_postgres}
CREATE VIEW pgest.v_film_actor AS
  SELECT f.film_id, f.title, a.actor_id, a.first_name, fa::text AS link_row, fa.ctid::text AS link_ctid
  FROM pgest.film f JOIN pgest.film_actor fa USING (film_id) JOIN pgest.actor a USING (actor_id);
CREATE VIEW pgloc.v_rentals_per_customer AS
  SELECT r.customer_id, count(*) AS n, max(r.last_update) AS last_update, count(r) AS n_rows, min(r::text) AS first_row
  FROM pgloc.rental r GROUP BY r.customer_id;
\endif
\if :{?with_bigquery}
CREATE VIEW bq.v_events_per_name AS
  SELECT e.event_name, count(*) AS n, sum(e.revenue) AS revenue, max(e::text) AS last_row
  FROM bq.events e GROUP BY e.event_name;
\endif
\if :{?with_databricks}
CREATE VIEW dbx.v_order_rows AS
  SELECT o.o_status, o.o_orderdate, o::text AS row_text, o.ctid::text AS row_ctid, count(*) OVER () AS n
  FROM dbx.orders o;
\endif
\if :{?with_snowflake}
CREATE VIEW sf.v_order_rows AS
  SELECT o.o_status, o.o_orderdate, o::text AS row_text, o.ctid::text AS row_ctid, o.tableoid::regclass::text AS src
  FROM sf.orders o;
\endif
SET client_min_messages = error;
ANALYZE mixed.films, mixed.payments;
GRANT USAGE ON SCHEMA pgest, pgloc, bq, sf, dbx, mixed TO smith;
GRANT SELECT, UPDATE ON ALL TABLES IN SCHEMA pgest, pgloc, bq, sf, dbx, mixed TO smith;
SQL

log_lines_before=$( [ -r "$SERVER_LOG" ] && wc -l <"$SERVER_LOG" || echo 0)
# The same tables as plain local tables, filled with what the foreign tables
# return: an XX000 that PostgreSQL raises there too is not warehouse_fdw's.
/usr/bin/python3 "$here/triage.py" mirror "$LOCAL_HOST" "$LOCAL_PORT" "$DB" "${DB}_mirror" ||
  echo "warning: the mirror database is incomplete; every XX000 will count"

for _ in $(seq 1 60); do  # a crash above: wait for the server's restart
  pg_isready -q -h "$LOCAL_HOST" -p "$LOCAL_PORT" && break
  sleep 1
done
echo "sqlsmith: seed $SEED, $QUERIES queries against $(lpsql -d "$DB" -tAc \
  "SELECT count(*) FROM pg_class WHERE relkind = 'f'") foreign tables"
start=$(date +%s)
# sqlsmith sets statement_timeout to 1s itself after connecting; PGOPTIONS
# only sets what it leaves alone.
PGOPTIONS="-c client_min_messages=error -c statement_timeout=5s" \
  timeout --signal=INT --kill-after=10 "$TIME_LIMIT" \
  sqlsmith --target="host=$LOCAL_HOST port=$LOCAL_PORT user=smith dbname=$DB" \
    --log-to="host=$LOCAL_HOST port=$LOCAL_PORT user=postgres dbname=$LOGDB" \
    --seed="$SEED" --max-queries="$QUERIES" --exclude-catalog --verbose \
    >"${SQLSMITH_OUT:-/dev/null}" 2>"${SQLSMITH_ERR:-/tmp/sqlsmith.$$.err}"
status=$?
echo "sqlsmith exited with $status after $(( $(date +%s) - start ))s"
grep -a "^queries:\|^error rate:" "${SQLSMITH_ERR:-/tmp/sqlsmith.$$.err}" | tail -n 2
[ "$status" -ne 0 ] && tail -c 2000 "${SQLSMITH_ERR:-/tmp/sqlsmith.$$.err}" | tail -n 5
[ -z "${SQLSMITH_ERR:-}" ] && rm -f "/tmp/sqlsmith.$$.err"

# Crashes in the server log (signal, PANIC, assertion) during the run.
crashes=0
if [ -r "$SERVER_LOG" ]; then
  crash_lines=$(tail -n +"$((log_lines_before + 1))" "$SERVER_LOG" | grep "terminated by signal\|PANIC\|TRAP:")
  if [ -n "$crash_lines" ]; then
    # The crash and the first line of the query that crashed (the whole query is in the log database).
    tail -n +"$((log_lines_before + 1))" "$SERVER_LOG" |
      grep -A1 "terminated by signal\|PANIC\|TRAP:" | grep -v "^--$" | head -n 10 | cut -c1-300
    crashes=$(echo "$crash_lines" | wc -l)
    echo "($crashes crashes in the server log)"
  fi
else
  echo "warning: no server log at $SERVER_LOG (set SERVER_LOG); crashes are seen only through sqlsmith"
fi

ran=0
if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
  echo "FAIL: sqlsmith did not finish $QUERIES queries in ${TIME_LIMIT}s (a query that ignores statement_timeout?)"
  lpsql -d postgres -At -c "SELECT 'still running: ' || query FROM pg_stat_activity WHERE usename = 'smith'"
  ran=1
elif [ "$status" -ne 0 ]; then
  echo "FAIL: sqlsmith exited with $status"
  ran=1
else
  echo "PASS: sqlsmith ran $QUERIES queries (seed $SEED)"
fi
EXTRA_PASSED=$((1 - ran)) EXTRA_FAILED=$ran \
  /usr/bin/python3 "$here/triage.py" report "$LOCAL_HOST" "$LOCAL_PORT" "$DB" "$LOGDB" "${DB}_mirror" "$crashes"
