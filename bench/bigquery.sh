#!/usr/bin/env bash
# BigQuery scan benchmark, one command, one run, ratios printed:
#   bash bench/bigquery.sh [ROWS]      (default 2,000,000 rows x 10 columns)
# The local BigQuery fake serves the rows (from its query cache, as BigQuery
# serves a repeated query, so every run reads the same stored pages). In the
# same run and interleaved, best of RUNS rounds:
#   - warehouse_fdw: EXPLAIN (ANALYZE, TIMING OFF) SELECT * FROM the table,
#     i.e. jobs.query + every page fetched, decoded and turned into tuples;
#   - raw: bench/bq_raw_download.cpp sends the same requests with libcurl
#     (one reused connection, gzip, as curl to /dev/null) and decodes nothing.
# The ratio raw_time / fdw_time is what decoding costs (1.0 = free).
# Then peak backend memory (VmHWM) of a full scan versus a 50k-row scan.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ROWS=${1:-2000000}
RUNS=${RUNS:-3}
PAGE_ROWS=${PAGE_ROWS:-10000}

bench_work bqbench
trap 'stop_fake "$WORK"; stop_cluster "$WORK/pg"; rm -rf "$WORK"' EXIT
g++ -O2 -std=c++17 -o "$WORK/bq_raw_download" "$REPO_ROOT/bench/bq_raw_download.cpp" -lcurl
PORT=$(free_port 57532)
BQPORT=$(free_port $((PORT + 1)))
start_cluster "$WORK/pg" "$PORT" "shared_buffers=512MB"
P() { psql_at "$WORK/pg" "$PORT" "$@"; }
bench_psql() { P postgres "$@"; }

log "generating $ROWS rows x 10 columns behind the fake"
P postgres -c "CREATE DATABASE bqbench" >/dev/null
P bqbench <<SQL
CREATE SCHEMA bench;
CREATE TABLE bench.big (id bigint, i bigint, s bigint, n numeric(12,2), f double precision, t text,
                        v text, d date, ts timestamptz, b boolean);
INSERT INTO bench.big
SELECT g, (g * 7) % 100000, g % 30000, (g % 1000000) / 100.0, g * 0.001,
       md5(g::text), 'item-' || (g % 5000), date '2020-01-01' + (g % 2000),
       timestamptz '2020-01-01 00:00:00+00' + g * interval '1 second', g % 3 = 0
FROM generate_series(1, $ROWS) g;
CREATE TABLE bench.small AS SELECT * FROM bench.big WHERE id <= 50000;
VACUUM ANALYZE bench.big; VACUUM ANALYZE bench.small;
SQL
launch_fake "$WORK" "$BQPORT" tests/providers/bigquery/bigquery_fake.py --dsn "host=$WORK/pg port=$PORT user=postgres dbname=bqbench" \
  --static-token bench-token --result-cache --page-cap 100000
ENDPOINT="http://127.0.0.1:$BQPORT/bigquery/v2"

P postgres <<SQL
CREATE EXTENSION warehouse_fdw;
CREATE SERVER bq FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'bigquery', project 'fake-project', location 'US', endpoint '$ENDPOINT',
           fetch_size '$PAGE_ROWS');
CREATE USER MAPPING FOR CURRENT_USER SERVER bq OPTIONS (access_token 'bench-token');
CREATE SCHEMA bq;
IMPORT FOREIGN SCHEMA bench FROM SERVER bq INTO bq;
SQL

last_query() {
  curl -s "http://127.0.0.1:$BQPORT/_fake/state" |
    /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["last_job"]["query"])'
}

log "first scan (the fake runs the query and caches its pages)"
fdw_ms bq.big >/dev/null
last_query >"$WORK/big.sql"
raw_out() { "$WORK/bq_raw_download" "$ENDPOINT" fake-project bench-token "$PAGE_ROWS" <"$WORK/big.sql"; }
raw_out >/dev/null

log "scanning ($RUNS rounds, interleaved)"
best_fdw='' best_raw=''
for _ in $(seq "$RUNS"); do
  best_fdw=$(best "$best_fdw" "$(fdw_ms bq.big)")
  out=$(raw_out)
  best_raw=$(best "$best_raw" "${out##*ms=}")
done
bytes=$(raw_out | sed -n 's/.*bytes=\([0-9]*\).*/\1/p')
pages=$(raw_out | sed -n 's/.*pages=\([0-9]*\).*/\1/p')

fdw_ms bq.small >/dev/null  # fill the fake's cache for the small scan
mem_big=$(hwm_kb bq.big)
mem_small=$(hwm_kb bq.small)

cat <<REPORT

BigQuery scan of $ROWS rows x 10 columns, $pages pages of $PAGE_ROWS rows, $(f "$bytes / 1048576" 1) MB of JSON (best of $RUNS rounds)
  warehouse_fdw (decode + tuples) : $(f "$best_fdw") ms  $(f "$ROWS * 1000 / $best_fdw") rows/s  $(f "$bytes / 1048.576 / $best_fdw" 1) MB/s
  raw download (libcurl, no decode): $(f "$best_raw") ms  $(f "$ROWS * 1000 / $best_raw") rows/s  $(f "$bytes / 1048.576 / $best_raw" 1) MB/s
  ratio warehouse_fdw / raw rate  : $(f "$best_raw / $best_fdw" 2)   (goal >= 0.70)
Peak backend memory (VmHWM)
  $ROWS-row scan : ${mem_big} kB
  50000-row scan : ${mem_small} kB   (ratio $(f "$mem_big / $mem_small" 2))
REPORT
if [ -n "${BENCH_KEEP:-}" ]; then
  # For profiling: keep the cluster and the fake until this script is killed.
  log "kept: psql -h $WORK/pg -p $PORT -U postgres postgres (fake on 127.0.0.1:$BQPORT); kill $$ to stop"
  sleep infinity
fi
