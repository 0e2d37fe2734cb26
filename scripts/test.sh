#!/usr/bin/env bash
# Runs the tests of warehouse_fdw on a fresh Debian 12 machine, as root:
# installs what is missing, builds, then runs the boundary lint, the unit
# tests (ctest), pg_regress (sql/ + expected/), the differential query set,
# PostgreSQL's own postgres_fdw suite, the differential fuzzer, sqlsmith and
# the TPC-H queries against two throw-away PostgreSQL clusters (and the
# warehouse fakes) on free local ports, Google's own BigQuery client against
# the BigQuery fake (conformance), and checks the server logs for crashes.
# Prints "N passed, N failed" last; exits non-zero on any failure.
#
#   bash scripts/test.sh                    everything (what .ci/run calls)
#   bash scripts/test.sh STAGE...           only these stages, every provider
#   bash scripts/test.sh PROVIDER...        every stage, only these providers
#   bash scripts/test.sh regress bigquery   both filters at once
#
# STAGE: lint unit regress governance differential upstream fuzz sqlsmith tpch conformance
# PROVIDER: postgres bigquery snowflake databricks
# A provider filter keeps the unit tests and pg_regress suites of that
# provider (see REGRESS_SUITES), its differential and fuzz runs, sqlsmith
# over its tables; upstream and tpch belong to postgres; governance (cost
# governance on a cluster of its own: crash, concurrency, no preload) and
# conformance (tests/providers/bigquery/conformance: @google-cloud/bigquery
# from npm, through Node.js, against the BigQuery fake) to bigquery.
# KEEP=1 leaves the clusters running and writes WORK/regress.env, so that one
# suite can run alone:  source WORK/regress.env &&
#   make -f Makefile.pgxs installcheck REGRESS=pushdown
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

ALL_STAGES="lint unit regress governance differential upstream fuzz sqlsmith tpch conformance"
ALL_PROVIDERS="postgres bigquery snowflake databricks"
# pg_regress suites (run in this order) and the providers each one uses.
REGRESS_SUITES=(
  "options:postgres" "import:postgres" "pushdown:postgres" "types:postgres" "literals:postgres"
  "errors:postgres" "transactions:postgres" "cancel:postgres" "pagila:postgres" "bigquery:bigquery"
  "snowflake:snowflake" "databricks:databricks" "upper_pushdown:postgres,bigquery,snowflake" "robustness:postgres,bigquery,snowflake"
  "extension_upgrade:postgres" "security:postgres,bigquery,snowflake" "governance:postgres,bigquery"
)
# Unit test names (ctest -R) of each provider; a run over every provider runs them all.
unit_filter() {
  case "$1" in
    postgres) echo "PostgresDialect|DialectSemantics|AggregateMapping|ReadQuery" ;;
    bigquery) echo "BigQuery|GoogleAuth|Jwt" ;;
    snowflake) echo "Snowflake|CivilTime|DateFields" ;;
    databricks) echo "Databricks|PartitionStream" ;;
  esac
}

stages=""
providers=""
for arg in "$@"; do
  case " $ALL_STAGES " in
    *" $arg "*) stages="$stages $arg"; continue ;;
  esac
  case " $ALL_PROVIDERS " in
    *" $arg "*) providers="$providers $arg"; continue ;;
  esac
  echo "unknown stage or provider \"$arg\"; stages: $ALL_STAGES; providers: $ALL_PROVIDERS" >&2
  exit 2
done
all_providers=0
[ -z "$providers" ] && all_providers=1
stages=${stages:-$ALL_STAGES}
providers=${providers:-$ALL_PROVIDERS}
want_stage() { case " $stages " in *" $1 "*) return 0 ;; esac; return 1; }
want_provider() { case " $providers " in *" $1 "*) return 0 ;; esac; return 1; }

# A stage whose directory is not in this checkout is reported and skipped.
have_dir() {
  if [ -d "$REPO_ROOT/$1" ]; then return 0; fi
  log "skipping: $1 is not in this checkout"
  return 1
}

passed=0
failed=0
record() { # record NAME STATUS
  if [ "$2" -eq 0 ]; then passed=$((passed + 1)); echo "PASS: $1"; else failed=$((failed + 1)); echo "FAIL: $1"; fi
}

ensure_packages

if want_stage lint; then
  log "boundary lint (tests/lint/check_boundary.py)"
  set +e
  /usr/bin/python3 tests/lint/check_boundary.py
  record "boundary lint" $?
  set -e
fi

needs_build=0
for s in regress governance differential upstream fuzz sqlsmith tpch; do want_stage $s && needs_build=1; done
[ $needs_build = 1 ] && build_and_install
# The conformance stage needs the remote cluster (behind its fake), not the extension.
needs_clusters=$needs_build
want_stage conformance && want_provider bigquery && needs_clusters=1
want_stage unit && build_unit_tests

if want_stage unit; then
  log "unit tests"
  set +e
  if [ $all_providers = 1 ]; then
    ctest --test-dir build --output-on-failure 2>&1 | tail -n 5
    status=${PIPESTATUS[0]}
  else
    filter=""
    for p in $providers; do filter="${filter:+$filter|}$(unit_filter "$p")"; done
    ctest --test-dir build --output-on-failure -R "$filter" 2>&1 | tail -n 5
    status=${PIPESTATUS[0]}
  fi
  record "unit tests (ctest)" "$status"
  set -e
fi

if [ $needs_clusters = 0 ]; then
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit
fi

WORK=$(mktemp -d /tmp/warehouse_fdw_test.XXXXXX)
chmod 755 "$WORK"
cleanup() {
  if [ "${KEEP:-0}" = 1 ]; then
    log "clusters left running in $WORK (local port $LOCAL_PORT, remote port $REMOTE_PORT)"
    log "one suite alone: source $WORK/regress.env && make -f Makefile.pgxs installcheck REGRESS=pushdown"
    return
  fi
  stop_bigquery_fake "$WORK/bq"
  stop_bigquery_fake "$WORK/bqconf"
  stop_snowflake_fake "$WORK/sf"
  stop_databricks_fake "$WORK/dbx"
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
BQ_PORT="" SF_PORT="" DBX_PORT="" REC_PORT=""
trap cleanup EXIT

log "starting local (port $LOCAL_PORT) and remote (port $REMOTE_PORT) clusters in $WORK"
start_cluster "$WORK/remote" "$REMOTE_PORT"
# The local cluster preloads warehouse_fdw: cost governance's shared memory
# and ledger writer (flushing every second for the governance suite).
# (Only when it was built: the conformance stage alone installs nothing.)
preload=()
[ $needs_build = 1 ] && preload=("shared_preload_libraries=warehouse_fdw" "warehouse_fdw.ledger_flush_interval=1")
start_cluster "$WORK/local" "$LOCAL_PORT" "log_min_messages=warning" "${preload[@]}"
if [ ! -f "$REPO_ROOT/../shared/datasets/pagila/pagila-schema.sql" ]; then
  echo "The tests need ../shared/datasets/pagila beside the repository." >&2
  exit 1
fi
load_pagila "$WORK/remote" "$REMOTE_PORT"
psql_at "$WORK/remote" "$REMOTE_PORT" pagila -f tests/fixtures/remote.sql >/dev/null
# The pg_regress suites that use a selected provider; the fakes they need
# start too (upper_pushdown, robustness and security use postgres, BigQuery and Snowflake).
suites=""
fakes=""
for s in differential fuzz sqlsmith; do want_stage $s && fakes=$providers; done
want_stage governance && want_provider bigquery && fakes="$fakes bigquery"
if want_stage regress; then
  for entry in "${REGRESS_SUITES[@]}"; do
    uses=$(echo "${entry#*:}" | tr , ' ')
    for p in $uses; do
      if want_provider "$p"; then
        suites="$suites ${entry%%:*}"
        fakes="$fakes $uses"
        break
      fi
    done
  done
fi
want_fake() { case " $fakes " in *" $1 "*) return 0 ;; esac; return 1; }
next_port=$((REMOTE_PORT + 1))
if want_fake bigquery; then
  BQ_PORT=$(free_port $next_port)
  next_port=$((BQ_PORT + 1))
  log "starting the BigQuery fake (port $BQ_PORT)"
  start_bigquery_fake "$WORK/bq" "$BQ_PORT" "$WORK/remote" "$REMOTE_PORT"
fi
if want_fake snowflake; then
  SF_PORT=$(free_port $next_port)
  next_port=$((SF_PORT + 1))
  log "starting the Snowflake fake (port $SF_PORT)"
  start_snowflake_fake "$WORK/sf" "$SF_PORT" "$WORK/remote" "$REMOTE_PORT"
fi
if want_fake databricks; then
  DBX_PORT=$(free_port $next_port)
  next_port=$((DBX_PORT + 1))
  log "starting the Databricks fake (port $DBX_PORT)"
  start_databricks_fake "$WORK/dbx" "$DBX_PORT" "$WORK/remote" "$REMOTE_PORT"
fi
if want_stage regress; then
  REC_PORT=$(free_port $next_port)
  log "starting the recording listener (port $REC_PORT)"
  start_recording_listener "$WORK/rec" "$REC_PORT"
fi

# What pg_regress (and a suite run by hand) needs.
cat >"$WORK/regress.env" <<EOF
export PG_CONFIG='$PG_CONFIG' PGHOST='$WORK/local' PGPORT='$LOCAL_PORT' PGUSER=postgres
export WFDW_REMOTE_PORT='$REMOTE_PORT' WFDW_REC_PORT='$REC_PORT'
export WFDW_BQ_PORT='$BQ_PORT' WFDW_BQ_KEY_FILE='$WORK/bq/sa.json' WFDW_BQ_ROGUE_KEY_FILE='$WORK/bq/rogue.json'
export WFDW_SF_PORT='$SF_PORT' WFDW_SF_KEY_FILE='$WORK/sf/etl_reader.p8' WFDW_SF_ENC_KEY_FILE='$WORK/sf/etl_reader_enc.p8'
export WFDW_SF_ROGUE_KEY_FILE='$WORK/sf/rogue.p8'
export WFDW_DBX_PORT='$DBX_PORT'
EOF
CLUSTERS=(LOCAL_HOST="$WORK/local" LOCAL_PORT="$LOCAL_PORT" REMOTE_HOST="$WORK/remote" REMOTE_PORT="$REMOTE_PORT")
set +e

if [ -n "$suites" ]; then
    log "pg_regress:$suites"
    rm -rf results-regress
    (source "$WORK/regress.env" && make -f Makefile.pgxs installcheck -s REGRESS="${suites# }")
    status=$?
    [ $status -ne 0 ] && [ -f results-regress/regression.diffs ] && head -n 200 results-regress/regression.diffs
    record "pg_regress" $status
fi

if want_stage regress && want_provider databricks; then
  # The fake itself against the wire contract (its own cluster and ports).
  log "Databricks fake self-test (tests/providers/databricks/fake_selftest.sh)"
  WFDW_DBX_BASE_PORT=$((next_port + 10)) bash tests/providers/databricks/fake_selftest.sh 2>&1 | tail -n 3
  record "Databricks fake self-test" "${PIPESTATUS[0]}"
fi

if want_stage governance && want_provider bigquery && have_dir tests/governance; then
  log "cost governance: no preload, pgbench concurrency, budget race, crash and restart (tests/governance/run.sh)"
  env REMOTE_HOST="$WORK/remote" REMOTE_PORT="$REMOTE_PORT" BQ_PORT="$BQ_PORT" BQ_KEY_FILE="$WORK/bq/sa.json" \
    GOV_BASE_PORT=$((next_port + 20)) bash tests/governance/run.sh
  record "cost governance" $?
fi

if want_stage differential; then
  for p in $providers; do
    log "differential queries ($p)"
    env "${CLUSTERS[@]}" PROVIDER="$p" BQ_PORT="$BQ_PORT" SF_PORT="$SF_PORT" DBX_PORT="$DBX_PORT" SF_KEY_FILE="$WORK/sf/etl_reader.p8" \
      bash tests/differential/run.sh
    record "differential queries ($p)" $?
  done
fi

if want_stage upstream && want_provider postgres && have_dir tests/upstream; then
  log "PostgreSQL's own postgres_fdw suite, through warehouse_fdw and postgres_fdw"
  env "${CLUSTERS[@]}" bash tests/upstream/run.sh
  record "upstream postgres_fdw suite" $?
fi

if want_stage fuzz && have_dir tests/fuzz; then
  for p in $providers; do
    log "differential fuzzer ($p, fixed seed)"
    env "${CLUSTERS[@]}" PROVIDER="$p" BQ_PORT="$BQ_PORT" SF_PORT="$SF_PORT" DBX_PORT="$DBX_PORT" SF_KEY_FILE="$WORK/sf/etl_reader.p8" \
      bash tests/fuzz/run.sh
    record "fuzzer ($p)" $?
  done
fi

if want_stage sqlsmith && have_dir tests/sqlsmith; then
  log "sqlsmith crash hunt (fixed seed; $providers)"
  env "${CLUSTERS[@]}" PROVIDERS="$providers" BQ_PORT="$BQ_PORT" SF_PORT="$SF_PORT" DBX_PORT="$DBX_PORT" \
    SF_KEY_FILE="$WORK/sf/etl_reader.p8" bash tests/sqlsmith/run.sh
  record "sqlsmith" $?
fi

if want_stage tpch && want_provider postgres; then
  log "TPC-H-shaped schema, 22 queries through the postgres provider"
  /usr/bin/python3 tests/tpch/run.py "$WORK/local" "$LOCAL_PORT" "$WORK/remote" "$REMOTE_PORT"
  record "tpch (22 queries)" $?
fi

# TPC-H through the Databricks provider: tests/tpch/run.py starts its own
# Databricks fake over the remote's database tpch (catalog tpch).
if want_stage tpch && want_provider databricks; then
  log "TPC-H-shaped schema, 22 queries through the databricks provider (its own fake)"
  /usr/bin/python3 tests/tpch/run.py "$WORK/local" "$LOCAL_PORT" "$WORK/remote" "$REMOTE_PORT" --provider databricks
  record "tpch databricks (22 queries)" $?
fi

# Every response the Snowflake and Databricks fakes sent in the stages above,
# checked against the vendor's published API definition (tests/fakes/schema_check.py).
for p in snowflake databricks; do
  if want_fake $p && [ "${WFDW_FAKE_SCHEMA_CHECK:-1}" != 0 ]; then
    dir=$WORK/sf; [ $p = databricks ] && dir=$WORK/dbx
    log "$p fake: responses against the vendor's API definition"
    check_fake_schema "$dir"
    record "$p fake responses match the vendor's API definition" $?
  fi
done

# Google's official client against the BigQuery fake: a fake of its own with
# the query cache on (useQueryCache is part of the contract), over the same
# database bqdata; last, as its insertAll checks write (nothing, when the fake
# is right) to analytics.events.
if want_stage conformance && want_provider bigquery; then
  log "BigQuery conformance: @google-cloud/bigquery against the fake"
  CONF_PORT=$(free_port $((next_port + 20)))
  if ensure_node && node_modules=$(ensure_bigquery_client) &&
     start_bigquery_fake "$WORK/bqconf" "$CONF_PORT" "$WORK/remote" "$REMOTE_PORT" --result-cache; then
    NODE_PATH="$node_modules" WFDW_BQ_PORT="$CONF_PORT" WFDW_BQ_KEY_FILE="$WORK/bqconf/sa.json" \
      timeout 600 node tests/providers/bigquery/conformance/conformance.js
    record "BigQuery conformance (official client)" $?
  else
    record "BigQuery conformance (could not install the client or start the fake)" 1
  fi
  stop_bigquery_fake "$WORK/bqconf"
fi

log "server logs"
if grep -n "terminated by signal\|PANIC\|server process .* was terminated" "$WORK"/local/server.log "$WORK"/remote/server.log; then
  record "no crash in server logs" 1
else
  record "no crash in server logs" 0
fi
set -e

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
