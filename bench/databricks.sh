#!/usr/bin/env bash
# Databricks scan benchmark, one command, one run, ratios printed:
#   bash bench/databricks.sh [ROWS]     (default 2,000,000 rows x 8 columns)
# The local Databricks fake serves the result in chunks of CHUNK_ROWS rows
# (default 100,000: 20 chunks; at least 8 are needed for the comparison to
# mean something), each chunk fetch (GET .../result/chunks/n, n >= 1; chunk 0
# comes inline with the statement) delayed by LATENCY_MS (default 150 ms),
# as a real warehouse's result store adds per chunk; repeated statements
# come from its result cache, as Databricks SQL's query result cache does.
# In the same run and interleaved, best of RUNS rounds:
#   - parallel: EXPLAIN (ANALYZE, TIMING OFF) SELECT * with the default
#     max_parallel_downloads (4);
#   - serial: the same with max_parallel_downloads 1;
#   - raw: curl submits the same statement (wait_timeout 50s) and downloads
#     chunks 1..N-1 with the same concurrency (4), decoding nothing.
# Then peak backend memory (VmHWM) of the full scan versus a 50k-row scan.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ROWS=${1:-2000000}
RUNS=${RUNS:-3}
CHUNK_ROWS=${CHUNK_ROWS:-100000}
LATENCY_MS=${LATENCY_MS:-150}
PARALLEL=${PARALLEL:-4}
TOKEN=dapi-fake-token-0001

bench_work dbxbench
trap 'stop_fake "$WORK"; stop_cluster "$WORK/pg"; rm -rf "$WORK"' EXIT
PORT=$(free_port "${WFDW_BASE_PORT:-57632}")
DBXPORT=$(free_port $((PORT + 1)))
start_cluster "$WORK/pg" "$PORT" "shared_buffers=512MB"
P() { psql_at "$WORK/pg" "$PORT" "$@"; }
bench_psql() { P postgres "$@"; }

log "generating $ROWS rows x 8 columns behind the fake"
P postgres -c "CREATE DATABASE dbxbench" >/dev/null
P dbxbench <<SQL
CREATE SCHEMA bench;
CREATE TABLE bench.big (id bigint, i integer, n numeric(12,2), f double precision, t text, d date,
                        ts timestamp, b boolean);
INSERT INTO bench.big
SELECT g, (g * 7) % 100000, (g % 1000000) / 100.0, g * 0.001, md5(g::text), date '2020-01-01' + (g % 2000),
       timestamp '2020-01-01 00:00:00' + g * interval '1 second', g % 3 = 0
FROM generate_series(1, $ROWS) g;
CREATE TABLE bench.small AS SELECT * FROM bench.big WHERE id <= 50000;
VACUUM ANALYZE;
SQL
launch_fake "$WORK" "$DBXPORT" tests/providers/databricks/databricks_fake.py \
  --dsn "host=$WORK/pg port=$PORT user=postgres dbname=dbxbench" --catalog bench --result-cache \
  --chunk-rows "$CHUNK_ROWS" --chunk-latency-ms "$LATENCY_MS"
ENDPOINT="http://127.0.0.1:$DBXPORT"

P postgres <<SQL
CREATE EXTENSION warehouse_fdw;
CREATE SERVER dbx FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'databricks', endpoint '$ENDPOINT', warehouse_id 'fake-warehouse-0001', catalog 'bench',
           max_parallel_downloads '$PARALLEL');
CREATE SERVER dbx_serial FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'databricks', endpoint '$ENDPOINT', warehouse_id 'fake-warehouse-0001', catalog 'bench',
           max_parallel_downloads '1');
CREATE USER MAPPING FOR CURRENT_USER SERVER dbx OPTIONS (token '$TOKEN');
CREATE USER MAPPING FOR CURRENT_USER SERVER dbx_serial OPTIONS (token '$TOKEN');
CREATE SCHEMA dbx; CREATE SCHEMA dbx_serial;
IMPORT FOREIGN SCHEMA bench FROM SERVER dbx INTO dbx;
IMPORT FOREIGN SCHEMA bench FROM SERVER dbx_serial INTO dbx_serial;
SQL

# The raw baseline: POST the statement the scan sends (chunk 0 comes inline),
# then GET chunks 1..N-1, $PARALLEL at a time, to files. Prints "ms bytes chunks".
raw_download() {
  local t0 t1
  t0=$(date +%s%N)
  curl -s -o "$WORK/c0.json" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -H 'User-Agent: raw-bench' "$ENDPOINT/api/2.0/sql/statements" --data-binary @"$WORK/stmt.json"
  read -r sid nchunks state < <(/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
print(d["statement_id"], d.get("manifest", {}).get("total_chunk_count", 0), d["status"]["state"])' "$WORK/c0.json")
  [ "$state" = SUCCEEDED ] || { echo "raw statement: $state" >&2; cat "$WORK/c0.json" >&2; exit 1; }
  seq 1 $((nchunks - 1)) | xargs -P "$PARALLEL" -I{} curl -s -o "$WORK/c{}.json" -H "Authorization: Bearer $TOKEN" \
    -H 'User-Agent: raw-bench' "$ENDPOINT/api/2.0/sql/statements/$sid/result/chunks/{}"
  t1=$(date +%s%N)
  echo "$(((t1 - t0) / 1000000)) $(cat "$WORK"/c*.json | wc -c) $nchunks"
  rm -f "$WORK"/c*.json
}

log "first scan (the fake runs the statement and caches its rows)"
fdw_ms dbx.big >/dev/null
curl -s "$ENDPOINT/_fake/state" | /usr/bin/python3 -c 'import json,sys; l=json.load(sys.stdin)["last_statement"]
d={"warehouse_id": "fake-warehouse-0001", "statement": l["statement"], "wait_timeout": "50s",
   "disposition": "INLINE", "format": "JSON_ARRAY"}
for k in ("catalog", "schema", "parameters"):
    if l.get(k): d[k] = l[k]
print(json.dumps(d))' >"$WORK/stmt.json"
raw_download >/dev/null

log "scanning ($RUNS rounds, interleaved)"
bp='' bs='' br=''
for _ in $(seq "$RUNS"); do
  bp=$(best "$bp" "$(fdw_ms dbx.big)")
  bs=$(best "$bs" "$(fdw_ms dbx_serial.big)")
  read -r ms bytes nchunks < <(raw_download)
  br=$(best "$br" "$ms")
done
maxpar=$(curl -s "$ENDPOINT/_fake/state" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["max_parallel_chunk_fetches"])')

fdw_ms dbx.small >/dev/null
mem_big=$(hwm_kb dbx.big)
mem_small=$(hwm_kb dbx.small)

cat <<REPORT

Databricks scan of $ROWS rows x 8 columns, $nchunks chunks of $CHUNK_ROWS rows, $LATENCY_MS ms per chunk fetch, $(f "$bytes / 1048576" 1) MB JSON_ARRAY (best of $RUNS rounds; at most $maxpar chunk fetches at once)
  parallel (max_parallel_downloads $PARALLEL): $(f "$bp") ms  $(f "$ROWS * 1000 / $bp") rows/s
  serial   (max_parallel_downloads 1): $(f "$bs") ms  $(f "$ROWS * 1000 / $bs") rows/s
  raw download ($PARALLEL at a time, no decode): $(f "$br") ms  $(f "$ROWS * 1000 / $br") rows/s
  parallel / serial speed-up      : $(f "$bs / $bp" 2)   (goal >= 2)
  parallel / raw rate             : $(f "$br / $bp" 2)
Peak backend memory (VmHWM)
  $ROWS-row scan : ${mem_big} kB
  50000-row scan : ${mem_small} kB   (ratio $(f "$mem_big / $mem_small" 2))
REPORT
