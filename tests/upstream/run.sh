#!/usr/bin/env bash
# Differential run of PostgreSQL 15's own postgres_fdw regression statements
# (tests/upstream/postgres_fdw_15.sql) through warehouse_fdw and through
# postgres_fdw on the same remote. Needs LOCAL_HOST/LOCAL_PORT and
# REMOTE_HOST/REMOTE_PORT (socket dirs and ports of the clusters
# scripts/test.sh started; postgres_fdw from postgresql-contrib and
# warehouse_fdw installed in the local one). Creates database "upstream" on the
# remote and up_pgf/up_whf locally (dropped and re-created on every run).
# Prints mismatches, counts, pushdown-depth categories and "N passed, N failed".
# Extra arguments go to run.py (--report FILE, --only L123,L456, --verbose).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
exec /usr/bin/python3 "$here/run.py" --local-host "$LOCAL_HOST" --local-port "$LOCAL_PORT" \
  --remote-host "$REMOTE_HOST" --remote-port "$REMOTE_PORT" "$@"
