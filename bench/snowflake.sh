#!/usr/bin/env bash
# Snowflake scan benchmark, one command, one run, ratios printed:
#   bash bench/snowflake.sh [ROWS]     (default 2,000,000 rows x 8 columns)
# The local Snowflake fake serves the result in partitions of PART_ROWS rows
# (default 100,000: 20 partitions), each partition >= 1 delayed by
# LATENCY_MS (default 150 ms), as a real warehouse's result store adds per
# partition; repeated statements come from its result cache, as Snowflake's
# do. In the same run and interleaved, best of RUNS rounds:
#   - parallel: EXPLAIN (ANALYZE, TIMING OFF) SELECT * with the default
#     max_parallel_downloads (4);
#   - serial: the same with max_parallel_downloads 1;
#   - raw: curl submits the same statement and downloads partitions 1..N with
#     the same concurrency (4), keeping the gzip bytes, decoding nothing.
# Then peak backend memory (VmHWM) of the full scan versus a 50k-row scan.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ROWS=${1:-2000000}
RUNS=${RUNS:-3}
PART_ROWS=${PART_ROWS:-100000}
LATENCY_MS=${LATENCY_MS:-150}
PARALLEL=${PARALLEL:-4}

bench_work sfbench
trap 'stop_fake "$WORK"; stop_cluster "$WORK/pg"; rm -rf "$WORK"' EXIT
PORT=$(free_port 57632)
SFPORT=$(free_port $((PORT + 1)))
start_cluster "$WORK/pg" "$PORT" "shared_buffers=512MB"
P() { psql_at "$WORK/pg" "$PORT" "$@"; }
bench_psql() { P postgres "$@"; }

log "generating $ROWS rows x 8 columns behind the fake"
P postgres -c "CREATE DATABASE sfbench" >/dev/null
P sfbench <<SQL
CREATE SCHEMA "BENCH";
CREATE TABLE "BENCH"."BIG" ("ID" numeric(18,0), "I" numeric(10,0), "N" numeric(12,2), "F" double precision,
                            "T" text, "D" date, "TS" timestamp, "B" boolean);
INSERT INTO "BENCH"."BIG"
SELECT g, (g * 7) % 100000, (g % 1000000) / 100.0, g * 0.001, md5(g::text), date '2020-01-01' + (g % 2000),
       timestamp '2020-01-01 00:00:00' + g * interval '1 second', g % 3 = 0
FROM generate_series(1, $ROWS) g;
CREATE TABLE "BENCH"."SMALL" AS SELECT * FROM "BENCH"."BIG" WHERE "ID" <= 50000;
VACUUM ANALYZE;
SQL
launch_fake "$WORK" "$SFPORT" tests/providers/snowflake/snowflake_fake.py --dsn "host=$WORK/pg port=$PORT user=postgres dbname=sfbench" \
  --database SFBENCH --oauth-token bench-token --result-cache --partition-rows "$PART_ROWS" \
  --partition-latency-ms "$LATENCY_MS"
ENDPOINT="http://127.0.0.1:$SFPORT"

P postgres <<SQL
CREATE EXTENSION warehouse_fdw;
CREATE SERVER sf FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'snowflake', account 'myorg-myacct', warehouse 'ANALYTICS_WH', database 'SFBENCH',
           schema 'BENCH', endpoint '$ENDPOINT', max_parallel_downloads '$PARALLEL');
CREATE SERVER sf_serial FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'snowflake', account 'myorg-myacct', warehouse 'ANALYTICS_WH', database 'SFBENCH',
           schema 'BENCH', endpoint '$ENDPOINT', max_parallel_downloads '1');
CREATE USER MAPPING FOR CURRENT_USER SERVER sf OPTIONS (oauth_token 'bench-token');
CREATE USER MAPPING FOR CURRENT_USER SERVER sf_serial OPTIONS (oauth_token 'bench-token');
CREATE SCHEMA sf; CREATE SCHEMA sf_serial;
IMPORT FOREIGN SCHEMA "BENCH" FROM SERVER sf INTO sf;
IMPORT FOREIGN SCHEMA "BENCH" FROM SERVER sf_serial INTO sf_serial;
SQL

# The raw baseline: POST the statement the scan sends, then GET partitions
# 1..N, $PARALLEL at a time, gzip bytes to a file. Prints "ms bytes parts".
raw_download() {
  local t0 t1 body
  t0=$(date +%s%N)
  curl -s -o "$WORK/p0.json" -H 'Authorization: Bearer bench-token' -H 'Content-Type: application/json' \
    -H 'Accept: application/json' -H 'User-Agent: raw-bench' -H 'Accept-Encoding: gzip' \
    "$ENDPOINT/api/v2/statements?requestId=$(cat /proc/sys/kernel/random/uuid)" --data-binary @"$WORK/stmt.json"
  read -r handle nparts < <(/usr/bin/python3 -c 'import gzip,json,sys; b=open(sys.argv[1],"rb").read();
b=gzip.decompress(b) if b[:2]==b"\x1f\x8b" else b; d=json.loads(b)
print(d["statementHandle"], len(d["resultSetMetaData"]["partitionInfo"]))' "$WORK/p0.json")
  seq 1 $((nparts - 1)) | xargs -P "$PARALLEL" -I{} curl -s -o "$WORK/p{}.gz" -H 'Authorization: Bearer bench-token' \
    -H 'User-Agent: raw-bench' -H 'Accept-Encoding: gzip' "$ENDPOINT/api/v2/statements/$handle?partition={}"
  t1=$(date +%s%N)
  echo "$(((t1 - t0) / 1000000)) $(cat "$WORK"/p*.* | wc -c) $nparts"
  rm -f "$WORK"/p*.gz
}

log "first scan (the fake runs the statement and caches its rows)"
fdw_ms sf.'"BIG"' >/dev/null
curl -s "$ENDPOINT/_fake/state" | /usr/bin/python3 -c 'import json,sys; l=json.load(sys.stdin)["last"]
print(json.dumps({"statement": l["statement"], "warehouse": "ANALYTICS_WH", "database": "SFBENCH", "schema": "BENCH"}))' \
  >"$WORK/stmt.json"
raw_download >/dev/null

log "scanning ($RUNS rounds, interleaved)"
bp='' bs='' br=''
for _ in $(seq "$RUNS"); do
  bp=$(best "$bp" "$(fdw_ms sf.'"BIG"')")
  bs=$(best "$bs" "$(fdw_ms sf_serial.'"BIG"')")
  read -r ms bytes nparts < <(raw_download)
  br=$(best "$br" "$ms")
done

fdw_ms sf.'"SMALL"' >/dev/null
mem_big=$(hwm_kb sf.'"BIG"')
mem_small=$(hwm_kb sf.'"SMALL"')

cat <<REPORT

Snowflake scan of $ROWS rows x 8 columns, $nparts partitions of $PART_ROWS rows, $LATENCY_MS ms per partition, $(f "$bytes / 1048576" 1) MB gzip (best of $RUNS rounds)
  parallel (max_parallel_downloads $PARALLEL): $(f "$bp") ms  $(f "$ROWS * 1000 / $bp") rows/s
  serial   (max_parallel_downloads 1): $(f "$bs") ms  $(f "$ROWS * 1000 / $bs") rows/s
  raw download ($PARALLEL at a time, no decode): $(f "$br") ms  $(f "$ROWS * 1000 / $br") rows/s
  parallel / serial speed-up      : $(f "$bs / $bp" 2)   (goal >= 2)
  parallel / raw rate             : $(f "$br / $bp" 2)
Peak backend memory (VmHWM)
  $ROWS-row scan : ${mem_big} kB
  50000-row scan : ${mem_small} kB   (ratio $(f "$mem_big / $mem_small" 2))
REPORT
