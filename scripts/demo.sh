#!/usr/bin/env bash
# The warehouse_fdw demo, on a fresh Debian 12 machine, as root: installs
# what is missing, builds and installs the extension, starts a "remote"
# PostgreSQL holding Pagila and a local PostgreSQL with warehouse_fdw, maps
# the remote tables, runs a join of foreign and local tables and an EXPLAIN
# VERBOSE, and says how to connect. Re-running it is harmless.
#   bash scripts/demo.sh         set up (or refresh) and show
#   bash scripts/demo.sh stop    stop both demo servers
set -euo pipefail
source "$(dirname "$0")/lib.sh"

DEMO=${WFDW_DEMO_DIR:-/var/tmp/warehouse_fdw_demo}
READER_PASSWORD=reader_demo_pw   # the demo's embedded default; a demo-only role

if [ "${1:-}" = stop ]; then
  stop_cluster "$DEMO/local"
  stop_cluster "$DEMO/remote"
  log "demo servers stopped (data kept in $DEMO; rm -rf it to start afresh)"
  exit 0
fi

ensure_packages
build_and_install

mkdir -p "$DEMO"
chmod 755 "$DEMO"
if [ -f "$DEMO/ports" ]; then
  source "$DEMO/ports"
else
  REMOTE_PORT=$(free_port 5433)
  LOCAL_PORT=$(free_port $((REMOTE_PORT + 1)))
  printf 'REMOTE_PORT=%s\nLOCAL_PORT=%s\n' "$REMOTE_PORT" "$LOCAL_PORT" >"$DEMO/ports"
fi
cluster_running "$DEMO/remote" || { log "starting the remote PostgreSQL on port $REMOTE_PORT"; start_cluster "$DEMO/remote" "$REMOTE_PORT"; }
cluster_running "$DEMO/local" || { log "starting the local PostgreSQL on port $LOCAL_PORT"; start_cluster "$DEMO/local" "$LOCAL_PORT"; }

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

log "mapping the remote Pagila into the local database \"demo\""
psql_at "$DEMO/local" "$LOCAL_PORT" postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'demo'" | grep -q 1 ||
  psql_at "$DEMO/local" "$LOCAL_PORT" postgres -c "CREATE DATABASE demo"
PGOPTIONS="-c client_min_messages=warning" psql_at "$DEMO/local" "$LOCAL_PORT" demo >/dev/null <<SQL
DROP EXTENSION IF EXISTS warehouse_fdw CASCADE;
DROP SCHEMA IF EXISTS app CASCADE;
CREATE EXTENSION warehouse_fdw;
CREATE SERVER app_db FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'postgres', host '127.0.0.1', port '$REMOTE_PORT', dbname 'pagila', use_remote_estimate 'true');
CREATE USER MAPPING FOR CURRENT_USER SERVER app_db OPTIONS (user 'reader', password '$READER_PASSWORD');
CREATE SCHEMA app;
IMPORT FOREIGN SCHEMA public FROM SERVER app_db INTO app;
-- A local table to join with.
CREATE TABLE IF NOT EXISTS loyalty (customer_id smallint PRIMARY KEY, tier text NOT NULL);
INSERT INTO loyalty VALUES (1, 'gold'), (148, 'platinum'), (526, 'gold') ON CONFLICT DO NOTHING;
ANALYZE loyalty;
SQL

show() { # show TITLE SQL
  printf '\n\033[1m-- %s\033[0m\n%s\n' "$1" "$2"
  psql_at "$DEMO/local" "$LOCAL_PORT" demo -c "$2"
}
show "Is the remote reachable?" "SELECT warehouse_fdw_test_connection('app_db');"
show "Imported foreign tables" "SELECT foreign_table_name FROM information_schema.foreign_tables WHERE foreign_table_schema = 'app' ORDER BY 1;"
q="SELECT l.tier, c.first_name || ' ' || c.last_name AS customer, f.title, lower(r.rental_period) AS rented
FROM loyalty l
JOIN app.customer c ON c.customer_id = l.customer_id
JOIN app.rental r ON r.customer_id = l.customer_id
JOIN app.inventory i ON i.inventory_id = r.inventory_id
JOIN app.film f ON f.film_id = i.film_id
WHERE f.rating = 'PG' AND lower(r.rental_period) >= '2005-08-01'
ORDER BY rented DESC, customer
LIMIT 10;"
show "Foreign tables joined with a local table" "$q"
show "What runs where (Remote SQL)" "EXPLAIN (VERBOSE, COSTS OFF) $q"
show "ORDER BY and LIMIT pushed to the remote" "EXPLAIN (VERBOSE, COSTS OFF) SELECT title, length FROM app.film WHERE length > 180 ORDER BY length DESC, title LIMIT 3;"

cat <<MSG

Keep playing:
  psql -h $DEMO/local -p $LOCAL_PORT -U postgres demo
  (foreign tables are in schema app; the server is app_db; try EXPLAIN (ANALYZE, VERBOSE) ...)
The remote itself:
  psql -h $DEMO/remote -p $REMOTE_PORT -U postgres pagila
Stop both servers:
  bash scripts/demo.sh stop
MSG
