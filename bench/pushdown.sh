#!/usr/bin/env bash
# Pushdown benchmark, one command, one run:
#   bash bench/pushdown.sh
# 1. The 22 TPC-H-shaped queries (tests/tpch) through warehouse_fdw and
#    postgres_fdw on the same remote tables: time per query (median of 3)
#    and rows transferred (rows the Foreign Scans returned plus those their
#    local filters removed), and which queries were fully pushed.
# 2. Rows transferred with warehouse_fdw.pushdown on and off per query,
#    through the postgres provider and the BigQuery and Snowflake fakes.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"
bench_work pushbench
trap 'stop_fake "$WORK/bq"; stop_fake "$WORK/sf"; stop_cluster "$WORK/local"; stop_cluster "$WORK/remote"; rm -rf "$WORK"' EXIT
RPORT=$(free_port 57532)
LPORT=$(free_port $((RPORT + 1)))
start_cluster "$WORK/remote" "$RPORT"
start_cluster "$WORK/local" "$LPORT"
load_pagila "$WORK/remote" "$RPORT"
psql_at "$WORK/remote" "$RPORT" pagila -f tests/fixtures/remote.sql >/dev/null
BQ_PORT=$(free_port $((LPORT + 1)))
start_bigquery_fake "$WORK/bq" "$BQ_PORT" "$WORK/remote" "$RPORT"
SF_PORT=$(free_port $((BQ_PORT + 1)))
start_snowflake_fake "$WORK/sf" "$SF_PORT" "$WORK/remote" "$RPORT"

log "TPC-H-shaped queries: warehouse_fdw versus postgres_fdw"
/usr/bin/python3 tests/tpch/run.py "$WORK/local" "$LPORT" "$WORK/remote" "$RPORT" --bench
log "rows transferred with pushdown on and off"
/usr/bin/python3 bench/pushdown_rows.py "$WORK/local" "$LPORT" "$RPORT" "$BQ_PORT" "$SF_PORT" "$WORK/sf/etl_reader.p8"
