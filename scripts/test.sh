#!/usr/bin/env bash
# Runs every test of warehouse_fdw on a fresh Debian 12 machine, as root:
# installs what is missing, builds, then runs the unit tests (ctest),
# pg_regress (sql/ + expected/) and the differential query set against two
# throw-away PostgreSQL clusters on free local ports, and checks the server
# logs for crashes. Prints "N passed, N failed" last; exits non-zero on any
# failure. KEEP=1 leaves the clusters running for debugging.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

ensure_packages
build_and_install
build_unit_tests

WORK=$(mktemp -d /tmp/warehouse_fdw_test.XXXXXX)
chmod 755 "$WORK"
cleanup() {
  if [ "${KEEP:-0}" = 1 ]; then
    log "clusters left running in $WORK (local port $LOCAL_PORT, remote port $REMOTE_PORT)"
    return
  fi
  stop_bigquery_fake "$WORK/bq"
  stop_snowflake_fake "$WORK/sf"
  stop_recording_listener "$WORK/rec"
  stop_cluster "$WORK/local"
  stop_cluster "$WORK/remote"
  rm -rf "$WORK"
}
# WFDW_BASE_PORT: where the search for free ports starts (two checkouts
# testing at once start far apart); the default is above the ephemeral
# port range (32768-60999), where clients of other programs come and go.
LOCAL_PORT=$(free_port "${WFDW_BASE_PORT:-61432}")
REMOTE_PORT=$(free_port $((LOCAL_PORT + 1)))
trap cleanup EXIT

log "starting local (port $LOCAL_PORT) and remote (port $REMOTE_PORT) clusters in $WORK"
start_cluster "$WORK/remote" "$REMOTE_PORT"
start_cluster "$WORK/local" "$LOCAL_PORT" "log_min_messages=warning"
if [ ! -f "$REPO_ROOT/../shared/datasets/pagila/pagila-schema.sql" ]; then
  echo "The tests need ../shared/datasets/pagila beside the repository." >&2
  exit 1
fi
load_pagila "$WORK/remote" "$REMOTE_PORT"
psql_at "$WORK/remote" "$REMOTE_PORT" pagila -f tests/fixtures/remote.sql >/dev/null
BQ_PORT=$(free_port $((REMOTE_PORT + 1)))
log "starting the BigQuery fake (port $BQ_PORT)"
start_bigquery_fake "$WORK/bq" "$BQ_PORT" "$WORK/remote" "$REMOTE_PORT"
SF_PORT=$(free_port $((BQ_PORT + 1)))
log "starting the Snowflake fake (port $SF_PORT)"
start_snowflake_fake "$WORK/sf" "$SF_PORT" "$WORK/remote" "$REMOTE_PORT"
REC_PORT=$(free_port $((SF_PORT + 1)))
log "starting the recording listener (port $REC_PORT)"
start_recording_listener "$WORK/rec" "$REC_PORT"

passed=0
failed=0
record() { # record NAME STATUS
  if [ "$2" -eq 0 ]; then passed=$((passed + 1)); echo "PASS: $1"; else failed=$((failed + 1)); echo "FAIL: $1"; fi
}

log "unit tests"
set +e
ctest --test-dir build --output-on-failure 2>&1 | tail -n 5
record "unit tests (ctest)" "${PIPESTATUS[0]}"

log "pg_regress"
rm -rf results-regress
env PGHOST="$WORK/local" PGPORT="$LOCAL_PORT" PGUSER=postgres WFDW_REMOTE_PORT="$REMOTE_PORT" \
  WFDW_BQ_PORT="$BQ_PORT" WFDW_BQ_KEY_FILE="$WORK/bq/sa.json" WFDW_BQ_ROGUE_KEY_FILE="$WORK/bq/rogue.json" \
  WFDW_SF_PORT="$SF_PORT" WFDW_SF_KEY_FILE="$WORK/sf/etl_reader.p8" WFDW_SF_ENC_KEY_FILE="$WORK/sf/etl_reader_enc.p8" \
  WFDW_SF_ROGUE_KEY_FILE="$WORK/sf/rogue.p8" WFDW_REC_PORT="$REC_PORT" \
  make -f Makefile.pgxs installcheck -s
status=$?
[ $status -ne 0 ] && [ -f results-regress/regression.diffs ] && head -n 200 results-regress/regression.diffs
record "pg_regress" $status

log "differential queries"
env LOCAL_HOST="$WORK/local" LOCAL_PORT="$LOCAL_PORT" REMOTE_HOST="$WORK/remote" REMOTE_PORT="$REMOTE_PORT" \
  bash tests/differential/run.sh
record "differential queries" $?

log "differential queries through BigQuery (fake)"
env LOCAL_HOST="$WORK/local" LOCAL_PORT="$LOCAL_PORT" REMOTE_HOST="$WORK/remote" REMOTE_PORT="$REMOTE_PORT" \
  PROVIDER=bigquery BQ_PORT="$BQ_PORT" bash tests/differential/run.sh
record "differential queries (bigquery)" $?

log "differential queries through Snowflake (fake)"
env LOCAL_HOST="$WORK/local" LOCAL_PORT="$LOCAL_PORT" REMOTE_HOST="$WORK/remote" REMOTE_PORT="$REMOTE_PORT" \
  PROVIDER=snowflake SF_PORT="$SF_PORT" SF_KEY_FILE="$WORK/sf/etl_reader.p8" bash tests/differential/run.sh
record "differential queries (snowflake)" $?

log "PostgreSQL's own postgres_fdw suite, through warehouse_fdw and postgres_fdw"
env LOCAL_HOST="$WORK/local" LOCAL_PORT="$LOCAL_PORT" REMOTE_HOST="$WORK/remote" REMOTE_PORT="$REMOTE_PORT" \
  bash tests/upstream/run.sh
record "upstream postgres_fdw suite" $?

for provider in postgres bigquery snowflake; do
  log "differential fuzzer ($provider, fixed seed)"
  env LOCAL_HOST="$WORK/local" LOCAL_PORT="$LOCAL_PORT" REMOTE_HOST="$WORK/remote" REMOTE_PORT="$REMOTE_PORT" \
    PROVIDER=$provider BQ_PORT="$BQ_PORT" SF_PORT="$SF_PORT" SF_KEY_FILE="$WORK/sf/etl_reader.p8" \
    bash tests/fuzz/run.sh
  record "fuzzer ($provider)" $?
done

log "sqlsmith crash hunt (fixed seed)"
env LOCAL_HOST="$WORK/local" LOCAL_PORT="$LOCAL_PORT" REMOTE_HOST="$WORK/remote" REMOTE_PORT="$REMOTE_PORT" \
  BQ_PORT="$BQ_PORT" SF_PORT="$SF_PORT" SF_KEY_FILE="$WORK/sf/etl_reader.p8" bash tests/sqlsmith/run.sh
record "sqlsmith" $?

log "TPC-H-shaped schema, 22 queries through the postgres provider"
/usr/bin/python3 tests/tpch/run.py "$WORK/local" "$LOCAL_PORT" "$WORK/remote" "$REMOTE_PORT"
record "tpch (22 queries)" $?

log "server logs"
if grep -n "terminated by signal\|PANIC\|server process .* was terminated" "$WORK"/local/server.log "$WORK"/remote/server.log; then
  record "no crash in server logs" 1
else
  record "no crash in server logs" 0
fi
set -e

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
