#!/usr/bin/env bash
# The warehouse_fdw demo, on a fresh Debian 12 machine, as root: installs
# what is missing, builds and installs the extension, then starts
#   - a "remote" PostgreSQL holding Pagila,
#   - the local BigQuery, Snowflake and Databricks services of the tests (tests/providers/*/,
#     PostgreSQL-backed copies of Pagila and of the test fixtures) as
#     embedded warehouses,
#   - a local PostgreSQL with warehouse_fdw (database "demo"),
# and walks through the product: IMPORT FOREIGN SCHEMA from each warehouse,
# EXPLAIN with bytes and dollars before running, a max_cost_usd guardrail
# refusing a scan, one query joining BigQuery, Snowflake and a local table,
# and warehouse_fdw_estimate. It ends with how to connect with psql. The
# servers keep running until `bash scripts/demo.sh stop`. Re-running it is
# harmless: what runs keeps running, the demo database is rebuilt.
#   bash scripts/demo.sh         set up (or refresh) and show
#   bash scripts/demo.sh stop    stop every demo server
# Environment: DEMO_DIR (or WFDW_DEMO_DIR; default /var/tmp/warehouse_fdw_demo)
# holds data, logs, keys and the ports; DEMO_PORT (default 5433) is where the
# search for free ports starts on a first run; WFDW_PG_BIN (scripts/lib.sh)
# another PostgreSQL 15 installation.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

DEMO=${DEMO_DIR:-${WFDW_DEMO_DIR:-/var/tmp/warehouse_fdw_demo}}
READER_PASSWORD=reader_demo_pw   # the demo's embedded default; a demo-only role

# The fakes stop when their parent process exits (they watch getppid()), so
# each runs under a wrapper shell in a session of its own that waits for it:
# it outlives this script and the terminal. WORK/wrapper.pid (the wrapper,
# also the session id) and WORK/fake.pid (written by scripts/lib.sh) say what
# to stop; a pid counts only while it is still that process (the wrapper's
# marker in its command line; the fake in the wrapper's session).
WRAPPER_MARK=warehouse_fdw-demo-fake
wrapper_pid() { # wrapper_pid WORK: prints the live wrapper's pid
  local pid
  pid=$(cat "$1/wrapper.pid" 2>/dev/null) && [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] &&
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$WRAPPER_MARK" && echo "$pid"
}
fake_pid() { # fake_pid WORK: prints the live fake's pid
  local wrapper pid stat
  wrapper=$(wrapper_pid "$1") && pid=$(cat "$1/fake.pid" 2>/dev/null) && [ -n "$pid" ] &&
    stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
  # shellcheck disable=SC2086  # split on purpose
  set -- ${stat##*") "}   # state ppid pgrp session ...
  [ "$4" = "$wrapper" ] && echo "$pid"
}
fake_running() { fake_pid "$1" >/dev/null; }

start_fake_detached() { # start_fake_detached KIND WORK PORT   (KIND: bigquery, snowflake or databricks)
  local kind=$1 work=$2 port=$3
  mkdir -p "$work"
  rm -f "$work/ready" "$work/wrapper.pid" "$work/fake.pid"
  # shellcheck disable=SC2016
  setsid bash -c 'echo $$ >"$3/wrapper.pid"
                  source "$1"
                  "start_$2_fake" "$3" "$4" "$5" "$6" && touch "$3/ready" && wait' \
    "$WRAPPER_MARK" "$REPO_ROOT/scripts/lib.sh" "$kind" "$work" "$port" "$DEMO/remote" "$REMOTE_PORT" \
    </dev/null >"$work/wrapper.log" 2>&1 &
  local wrapper=$!
  for _ in $(seq 1 600); do
    [ -f "$work/ready" ] && return 0
    kill -0 "$wrapper" 2>/dev/null || break
    sleep 0.1
  done
  echo "the $kind service did not start:" >&2
  cat "$work/wrapper.log" "$work/fake.log" >&2 2>/dev/null || true
  stop_fake_detached "$work"
  return 1
}

stop_fake_detached() { # stop_fake_detached WORK
  local pid
  for pid in $(fake_pid "$1") $(wrapper_pid "$1"); do
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  done
  rm -f "$1/wrapper.pid" "$1/fake.pid" "$1/ready"
}

if [ "${1:-}" = stop ]; then
  stop_fake_detached "$DEMO/bigquery"
  stop_fake_detached "$DEMO/snowflake"
  stop_fake_detached "$DEMO/databricks"
  stop_cluster "$DEMO/local"
  stop_cluster "$DEMO/remote"
  log "demo servers stopped (data kept in $DEMO; rm -rf it to start afresh)"
  exit 0
fi

ensure_packages
build_and_install

mkdir -p "$DEMO"
chmod 755 "$DEMO"
# Ports: chosen on the first run, then kept (a demo directory from before the
# warehouses were added gets theirs appended).
unset REMOTE_PORT LOCAL_PORT BQ_PORT SF_PORT DBX_PORT
[ -f "$DEMO/ports" ] && source "$DEMO/ports"
if [ -z "${REMOTE_PORT:-}" ] || [ -z "${LOCAL_PORT:-}" ]; then
  REMOTE_PORT=$(free_port "${DEMO_PORT:-5433}")
  LOCAL_PORT=$(free_port $((REMOTE_PORT + 1)))
fi
# A stopped service whose port someone else took since gets another one.
fake_running "$DEMO/bigquery" || [ -z "${BQ_PORT:-}" ] || [ "$(free_port "$BQ_PORT")" = "$BQ_PORT" ] || BQ_PORT=""
fake_running "$DEMO/snowflake" || [ -z "${SF_PORT:-}" ] || [ "$(free_port "$SF_PORT")" = "$SF_PORT" ] || SF_PORT=""
fake_running "$DEMO/databricks" || [ -z "${DBX_PORT:-}" ] || [ "$(free_port "$DBX_PORT")" = "$DBX_PORT" ] || DBX_PORT=""
other_port() { # other_port FROM NOT...: a free port from FROM upwards that is none of NOT...
  local p n
  p=$(free_port "$1")
  shift
  for _ in 1 2 3; do
    for n in "$@"; do [ "$p" = "$n" ] && p=$(free_port $((p + 1))); done
  done
  echo "$p"
}
[ -n "${BQ_PORT:-}" ] || BQ_PORT=$(other_port $((LOCAL_PORT + 1)) "${SF_PORT:-}")
[ -n "${SF_PORT:-}" ] || SF_PORT=$(other_port $((BQ_PORT + 1)) "$BQ_PORT" "${DBX_PORT:-}")
[ -n "${DBX_PORT:-}" ] || DBX_PORT=$(other_port $((SF_PORT + 1)) "$BQ_PORT" "$SF_PORT")
printf 'REMOTE_PORT=%s\nLOCAL_PORT=%s\nBQ_PORT=%s\nSF_PORT=%s\nDBX_PORT=%s\n' \
  "$REMOTE_PORT" "$LOCAL_PORT" "$BQ_PORT" "$SF_PORT" "$DBX_PORT" >"$DEMO/ports"

cluster_running "$DEMO/remote" || { log "starting the remote PostgreSQL on port $REMOTE_PORT"; start_cluster "$DEMO/remote" "$REMOTE_PORT"; }
# The local cluster preloads warehouse_fdw (cost governance: stats, budgets,
# approvals); one started by an older demo without it is restarted.
if cluster_running "$DEMO/local" &&
  ! psql_at "$DEMO/local" "$LOCAL_PORT" postgres -tAc "SHOW shared_preload_libraries" | grep -q warehouse_fdw; then
  stop_cluster "$DEMO/local"
fi
cluster_running "$DEMO/local" || {
  log "starting the local PostgreSQL on port $LOCAL_PORT"
  start_cluster "$DEMO/local" "$LOCAL_PORT" "shared_preload_libraries=warehouse_fdw" "warehouse_fdw.ledger_flush_interval=2"
}

load_pagila "$DEMO/remote" "$REMOTE_PORT"
psql_at "$DEMO/remote" "$REMOTE_PORT" pagila >/dev/null <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'reader') THEN
    CREATE ROLE reader LOGIN PASSWORD '$READER_PASSWORD';
  END IF;
END \$\$;
GRANT USAGE ON SCHEMA public TO reader;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader;
SQL

# The embedded warehouses: their data lives in the remote cluster (databases
# bqdata, sfdata and dbxdata, copies of Pagila plus tests/providers/*/*_data.sql).
if fake_running "$DEMO/bigquery"; then
  log "the BigQuery service is running on port $BQ_PORT"
else
  log "starting the BigQuery service (project fake-project) on port $BQ_PORT"
  start_fake_detached bigquery "$DEMO/bigquery" "$BQ_PORT"
fi
if fake_running "$DEMO/snowflake"; then
  log "the Snowflake service is running on port $SF_PORT"
else
  log "starting the Snowflake service (account MYORG-MYACCT) on port $SF_PORT"
  start_fake_detached snowflake "$DEMO/snowflake" "$SF_PORT"
fi
if fake_running "$DEMO/databricks"; then
  log "the Databricks service is running on port $DBX_PORT"
else
  log "starting the Databricks SQL service (warehouse fake-warehouse-0001) on port $DBX_PORT"
  start_fake_detached databricks "$DEMO/databricks" "$DBX_PORT"
fi

log "building the local database \"demo\""
psql_at "$DEMO/local" "$LOCAL_PORT" postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'demo'" | grep -q 1 ||
  psql_at "$DEMO/local" "$LOCAL_PORT" postgres -c "CREATE DATABASE demo"
PGOPTIONS="-c client_min_messages=warning" psql_at "$DEMO/local" "$LOCAL_PORT" demo >/dev/null <<SQL
DROP EXTENSION IF EXISTS warehouse_fdw CASCADE;
DROP SCHEMA IF EXISTS app CASCADE;
DROP SCHEMA IF EXISTS bq CASCADE;
DROP SCHEMA IF EXISTS sf CASCADE;
DROP SCHEMA IF EXISTS dbx CASCADE;
CREATE EXTENSION warehouse_fdw;
CREATE SCHEMA app;
CREATE SCHEMA bq;
CREATE SCHEMA sf;
CREATE SCHEMA dbx;
-- A local table to join with.
CREATE TABLE IF NOT EXISTS loyalty (customer_id smallint PRIMARY KEY, tier text NOT NULL);
INSERT INTO loyalty VALUES (1, 'gold'), (148, 'platinum'), (526, 'gold') ON CONFLICT DO NOTHING;
ANALYZE loyalty;
SQL

# walk TITLE [psql args] <<'SQL' ... SQL: runs a psql script in database demo,
# echoing each line (comments, statements; psql variables unexpanded) before
# its result.
walk() {
  printf '\n\033[1m== %s\033[0m\n' "$1"
  shift
  PGOPTIONS="-c client_min_messages=notice" psql_at "$DEMO/local" "$LOCAL_PORT" demo -a "$@" 2>&1
}

walk "One server per warehouse (the keys are in $DEMO/bigquery/sa.json and $DEMO/snowflake/etl_reader.p8)" \
  -v reader_pw="$READER_PASSWORD" -v bq_key="$(cat "$DEMO/bigquery/sa.json")" \
  -v sf_key="$(cat "$DEMO/snowflake/etl_reader.p8")" <<SQL
-- PostgreSQL (the "remote" cluster, with Pagila).
CREATE SERVER app_db FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'postgres', host '127.0.0.1', port '$REMOTE_PORT', dbname 'pagila', use_remote_estimate 'true');
CREATE USER MAPPING FOR CURRENT_USER SERVER app_db OPTIONS (user 'reader', password :'reader_pw');
-- BigQuery: a service-account key (RS256 JWT -> OAuth token), as with Google's API.
CREATE SERVER bq FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'bigquery', project 'fake-project', location 'US',
           endpoint 'http://127.0.0.1:$BQ_PORT/bigquery/v2');
CREATE USER MAPPING FOR CURRENT_USER SERVER bq OPTIONS (service_account_key :'bq_key');
-- Snowflake: key-pair JWT; with a price per credit and credits per TiB, EXPLAIN shows dollars.
CREATE SERVER sf FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'snowflake', account 'myorg-myacct', warehouse 'ANALYTICS_WH', database 'SALES',
           schema 'PUBLIC', role 'ANALYST', endpoint 'http://127.0.0.1:$SF_PORT',
           price_per_credit '3', credits_per_tib '20');
CREATE USER MAPPING FOR CURRENT_USER SERVER sf OPTIONS (user 'etl_reader', private_key :'sf_key');
-- Databricks SQL: a SQL warehouse and a Unity Catalog catalog; OAuth machine-to-machine (a
-- service principal's client id and secret; a personal access token works too).
CREATE SERVER dbx FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'databricks', warehouse_id 'fake-warehouse-0001', catalog 'main',
           endpoint 'http://127.0.0.1:$DBX_PORT', price_per_dbu '0.70', dbus_per_tib '40');
CREATE USER MAPPING FOR CURRENT_USER SERVER dbx OPTIONS (client_id 'fdw-client', client_secret 'fdw-secret');
SELECT warehouse_fdw_test_connection('app_db') AS app_db, warehouse_fdw_test_connection('bq') AS bq,
       warehouse_fdw_test_connection('sf') AS sf, warehouse_fdw_test_connection('dbx') AS dbx;
SQL

walk "IMPORT FOREIGN SCHEMA from each warehouse" <<'SQL'
-- PostgreSQL: the whole Pagila schema.
IMPORT FOREIGN SCHEMA public FROM SERVER app_db INTO app;
-- BigQuery: a dataset is a schema; descriptions become comments.
IMPORT FOREIGN SCHEMA public LIMIT TO (film, category, film_category) FROM SERVER bq INTO bq;
IMPORT FOREIGN SCHEMA analytics LIMIT TO (events) FROM SERVER bq INTO bq;
-- Snowflake: database SALES, schema "PUBLIC"; names keep their case.
IMPORT FOREIGN SCHEMA "PUBLIC" LIMIT TO (rental, inventory, "ORDERS", "Line Items") FROM SERVER sf INTO sf;
-- Databricks: catalog main (the server's), schema public, from information_schema.
IMPORT FOREIGN SCHEMA public LIMIT TO (payment, customer, store) FROM SERVER dbx INTO dbx;
SELECT foreign_server_name AS server, foreign_table_schema AS schema, count(*) AS tables,
       string_agg(foreign_table_name, ', ' ORDER BY foreign_table_name) FILTER (WHERE foreign_table_schema <> 'app') AS names
FROM information_schema.foreign_tables GROUP BY 1, 2 ORDER BY 1;
-- Types are mapped; table and column descriptions become comments.
SELECT obj_description('bq.events'::regclass) AS "bq.events";
SELECT attname AS column, format_type(atttypid, atttypmod) AS type, attnotnull AS not_null,
       col_description(attrelid, attnum) AS comment
FROM pg_attribute WHERE attrelid = 'bq.events'::regclass AND attnum > 0 ORDER BY attnum;
SQL

walk "PostgreSQL: a join, an aggregate, ORDER BY and LIMIT pushed down whole" <<'SQL'
EXPLAIN (VERBOSE, COSTS OFF)
SELECT c.name AS category, count(*) AS films, round(avg(f.length)) AS avg_minutes
FROM app.film f JOIN app.film_category fc USING (film_id) JOIN app.category c USING (category_id)
WHERE f.rating = 'PG' GROUP BY c.name ORDER BY films DESC, c.name LIMIT 3;
SELECT c.name AS category, count(*) AS films, round(avg(f.length)) AS avg_minutes
FROM app.film f JOIN app.film_category fc USING (film_id) JOIN app.category c USING (category_id)
WHERE f.rating = 'PG' GROUP BY c.name ORDER BY films DESC, c.name LIMIT 3;
SQL

walk "EXPLAIN: the Remote SQL, bytes and dollars, before anything runs" <<'SQL'
-- BigQuery: a dry run gives the bytes; price_per_tib (default $6.25) the dollars.
EXPLAIN (VERBOSE, COSTS OFF)
SELECT event_name, count(*), sum(revenue) FROM bq.events
WHERE event_date >= '2026-11-01' GROUP BY event_name ORDER BY 3 DESC NULLS LAST;
SELECT event_name, count(*), sum(revenue) FROM bq.events
WHERE event_date >= '2026-11-01' GROUP BY event_name ORDER BY 3 DESC NULLS LAST;
-- Snowflake: EXPLAIN USING JSON gives partitions and bytes; price_per_credit x credits_per_tib the dollars.
-- Here the join, the aggregate, ORDER BY and LIMIT all run in Snowflake.
EXPLAIN (VERBOSE, COSTS OFF)
SELECT i.film_id, count(*) AS rentals FROM sf.rental r JOIN sf.inventory i ON i.inventory_id = r.inventory_id
WHERE i.store_id = 1 GROUP BY i.film_id ORDER BY rentals DESC, i.film_id LIMIT 3;
SELECT i.film_id, count(*) AS rentals FROM sf.rental r JOIN sf.inventory i ON i.inventory_id = r.inventory_id
WHERE i.store_id = 1 GROUP BY i.film_id ORDER BY rentals DESC, i.film_id LIMIT 3;
-- Databricks: EXPLAIN COST gives the bytes; price_per_dbu x dbus_per_tib the dollars.
EXPLAIN (VERBOSE, COSTS OFF)
SELECT c.store_id, count(*) AS payments, sum(p.amount) AS revenue
FROM dbx.payment p JOIN dbx.customer c ON c.customer_id = p.customer_id
GROUP BY c.store_id ORDER BY c.store_id;
SELECT c.store_id, count(*) AS payments, sum(p.amount) AS revenue
FROM dbx.payment p JOIN dbx.customer c ON c.customer_id = p.customer_id
GROUP BY c.store_id ORDER BY c.store_id;
SQL

walk "A guardrail: max_cost_usd refuses a scan before it runs" <<'SQL'
-- A (tiny) budget of one ten-thousandth of a cent per query for this user on BigQuery.
ALTER USER MAPPING FOR CURRENT_USER SERVER bq OPTIONS (ADD max_cost_usd '0.000001');
\set ON_ERROR_STOP 0
SELECT * FROM bq.events WHERE revenue > 60;
\set ON_ERROR_STOP 1
-- Fewer columns, fewer bytes: this one fits the budget.
EXPLAIN (COSTS OFF) SELECT count(*) FROM bq.events WHERE user_id = 42;
SELECT count(*) FROM bq.events WHERE user_id = 42;
ALTER USER MAPPING FOR CURRENT_USER SERVER bq OPTIONS (DROP max_cost_usd);
SQL

walk "One query: BigQuery (film) x Snowflake (rental, inventory) x a local table (loyalty)" <<'SQL'
-- The longest family films our loyalty customers rented.
SELECT l.tier, l.customer_id, f.title, f.rating, f.length AS minutes
FROM loyalty l
JOIN sf.rental r ON r.customer_id = l.customer_id
JOIN sf.inventory i ON i.inventory_id = r.inventory_id
JOIN bq.film f ON f.film_id = i.film_id
WHERE f.rating IN ('G', 'PG') AND f.length > 120
ORDER BY f.length DESC, f.title
LIMIT 10;
-- What runs where: each warehouse gets the columns and filters it can evaluate, with its own
-- estimate; PostgreSQL joins the three.
EXPLAIN (VERBOSE, COSTS OFF)
SELECT l.tier, l.customer_id, f.title, f.rating, f.length AS minutes
FROM loyalty l
JOIN sf.rental r ON r.customer_id = l.customer_id
JOIN sf.inventory i ON i.inventory_id = r.inventory_id
JOIN bq.film f ON f.film_id = i.film_id
WHERE f.rating IN ('G', 'PG') AND f.length > 120
ORDER BY f.length DESC, f.title
LIMIT 10;
SQL

walk "warehouse_fdw_estimate: price a query in the warehouse's own dialect without running it" <<'SQL'
SELECT * FROM warehouse_fdw_estimate('bq', 'SELECT user_id, revenue FROM `fake-project.analytics.events` WHERE revenue > 100');
SELECT * FROM warehouse_fdw_estimate('sf', 'SELECT * FROM "PUBLIC"."ORDERS" o JOIN "PUBLIC"."Line Items" l ON l."Order Key" = o."O_ORDERKEY"');
SELECT * FROM warehouse_fdw_estimate('dbx', 'SELECT customer_id, amount FROM main.public.payment WHERE amount > 5');
SQL

walk "Cost governance: what the queries above cost, budgets and approvals" -v bq_key="$(cat "$DEMO/bigquery/sa.json")" <<'SQL'
-- Every remote statement of this demo, by shape (constants replaced), with latency percentiles.
SELECT server, calls, rows, bytes_billed, est_cost_usd, billed_cost_usd, p50_ms, p95_ms, left(query, 50) AS query
FROM warehouse_fdw_stats ORDER BY billed_cost_usd DESC, calls DESC LIMIT 6;
SELECT started_at::time(0) AS at, server, status, rows, billed_usd, duration_ms, left(query, 50) AS query
FROM warehouse_fdw_query_log ORDER BY seq DESC LIMIT 5;
-- BigQuery bills at least 10 MB per query: EXPLAIN ANALYZE prices what was billed.
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT count(*) FROM bq.events WHERE user_id = 7;
-- A monthly budget for role analyst on BigQuery: a tiny one, so that the third query is refused
-- before any BigQuery job is created.
DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'analyst') THEN CREATE ROLE analyst; END IF; END $$;
GRANT USAGE ON SCHEMA bq TO analyst;
GRANT SELECT ON bq.events TO analyst;
CREATE USER MAPPING FOR analyst SERVER bq OPTIONS (service_account_key :'bq_key');
SELECT warehouse_fdw_set_budget('analyst', 'bq', 0.0001);
SET ROLE analyst;
SELECT count(*) FROM bq.events WHERE user_id = 1;
SELECT count(*) FROM bq.events WHERE user_id = 2;
\set ON_ERROR_STOP 0
SELECT count(*) FROM bq.events WHERE user_id = 3;
\set ON_ERROR_STOP 1
RESET ROLE;
SELECT month, role, server, queries, cost_usd, budget_usd, remaining_usd FROM warehouse_fdw_spend ORDER BY role, server;
-- Approvals: above approval_cost_usd a query waits for an approver (superusers, members of warehouse_fdw_approver).
ALTER SERVER bq OPTIONS (ADD approval_cost_usd '0.0000001');
\set ON_ERROR_STOP 0
SELECT event_name, sum(revenue) FROM bq.events GROUP BY event_name ORDER BY 2 DESC LIMIT 3;
\set ON_ERROR_STOP 1
SELECT request_id, role, server, estimated_usd, remote_sql FROM warehouse_fdw_pending_approvals;
SELECT warehouse_fdw_approve(request_id) FROM warehouse_fdw_pending_approvals;
SELECT event_name, sum(revenue) FROM bq.events GROUP BY event_name ORDER BY 2 DESC LIMIT 3;
ALTER SERVER bq OPTIONS (DROP approval_cost_usd);
SELECT status, count(*) FROM warehouse_fdw_query_log GROUP BY status ORDER BY status;
SQL

cat <<MSG

Keep playing:
  psql -h $DEMO/local -p $LOCAL_PORT -U postgres demo
  (servers: app_db (PostgreSQL, schema app), bq (BigQuery, schema bq), sf (Snowflake, schema sf),
   dbx (Databricks, schema dbx);
   try EXPLAIN (ANALYZE, VERBOSE) ..., SELECT * FROM warehouse_fdw_stats, or import the rest of a warehouse:
   IMPORT FOREIGN SCHEMA public EXCEPT (film, category, film_category) FROM SERVER bq INTO bq;)
The remote PostgreSQL (it also holds the warehouses' data, databases bqdata, sfdata and dbxdata):
  psql -h $DEMO/remote -p $REMOTE_PORT -U postgres pagila
The BigQuery, Snowflake and Databricks services listen on 127.0.0.1:$BQ_PORT, 127.0.0.1:$SF_PORT and
127.0.0.1:$DBX_PORT (logs in $DEMO/*/fake.log).
Stop every demo server:
  bash scripts/demo.sh stop
MSG
