#!/usr/bin/env bash
# Scan benchmark, one command, one run, ratios printed:
#   bash bench/run.sh [ROWS]      (default 5,000,000 rows x 10 mixed columns)
# Same remote table, same machine, same run: warehouse_fdw (default settings),
# postgres_fdw with its default fetch_size (100) and with fetch_size 10000,
# and the remote's own COPY (SELECT ...) TO '/dev/null' as the ceiling. Then
# peak backend memory (VmHWM) of a full scan versus a 50k-row scan.
# Times are the best of 3 rounds, configurations interleaved in each round
# (server-side Execution Time of EXPLAIN ANALYZE
# with TIMING OFF for the FDWs, wall clock for COPY).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ROWS=${1:-5000000}
RUNS=${RUNS:-3}

bench_work bench
trap 'stop_cluster "$WORK/local"; stop_cluster "$WORK/remote"; rm -rf "$WORK"' EXIT
RPORT=$(free_port 57432)
LPORT=$(free_port $((RPORT + 1)))
start_cluster "$WORK/remote" "$RPORT" "shared_buffers=1GB"
start_cluster "$WORK/local" "$LPORT" "shared_buffers=256MB"
R() { psql_at "$WORK/remote" "$RPORT" postgres "$@"; }
L() { psql_at "$WORK/local" "$LPORT" postgres "$@"; }
bench_psql() { L "$@"; }

log "generating $ROWS rows x 10 columns on the remote"
R <<SQL
CREATE ROLE bench LOGIN PASSWORD 'bench_pw';
CREATE TABLE big (id bigint, i integer, s smallint, n numeric(12,2), f double precision, t text,
                  v varchar(30), d date, ts timestamp, b boolean);
INSERT INTO big
SELECT g, (g * 7) % 100000, (g % 30000)::smallint, (g % 1000000) / 100.0, g * 0.001,
       md5(g::text), 'item-' || (g % 5000), date '2020-01-01' + (g % 2000),
       timestamp '2020-01-01' + g * interval '1 second', g % 3 = 0
FROM generate_series(1, $ROWS) g;
CREATE TABLE small AS SELECT * FROM big WHERE id <= 50000;
VACUUM ANALYZE big; VACUUM ANALYZE small;
GRANT SELECT ON big, small TO bench;
SQL
L <<SQL
CREATE EXTENSION warehouse_fdw;
CREATE EXTENSION postgres_fdw;
CREATE SERVER w FOREIGN DATA WRAPPER warehouse_fdw OPTIONS (provider 'postgres', host '127.0.0.1', port '$RPORT', dbname 'postgres');
CREATE SERVER p100 FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '127.0.0.1', port '$RPORT', dbname 'postgres');
CREATE SERVER p10k FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '127.0.0.1', port '$RPORT', dbname 'postgres', fetch_size '10000');
CREATE USER MAPPING FOR CURRENT_USER SERVER w OPTIONS (user 'bench', password 'bench_pw');
CREATE USER MAPPING FOR CURRENT_USER SERVER p100 OPTIONS (user 'bench', password 'bench_pw');
CREATE USER MAPPING FOR CURRENT_USER SERVER p10k OPTIONS (user 'bench', password 'bench_pw');
CREATE SERVER w1k FOREIGN DATA WRAPPER warehouse_fdw OPTIONS (provider 'postgres', host '127.0.0.1', port '$RPORT', dbname 'postgres', fetch_size '1000');
CREATE SERVER w5k FOREIGN DATA WRAPPER warehouse_fdw OPTIONS (provider 'postgres', host '127.0.0.1', port '$RPORT', dbname 'postgres', fetch_size '5000');
CREATE USER MAPPING FOR CURRENT_USER SERVER w5k OPTIONS (user 'bench', password 'bench_pw');
CREATE SCHEMA w5k;
IMPORT FOREIGN SCHEMA public LIMIT TO (big) FROM SERVER w5k INTO w5k;
CREATE SERVER w100k FOREIGN DATA WRAPPER warehouse_fdw OPTIONS (provider 'postgres', host '127.0.0.1', port '$RPORT', dbname 'postgres', fetch_size '100000');
CREATE USER MAPPING FOR CURRENT_USER SERVER w1k OPTIONS (user 'bench', password 'bench_pw');
CREATE USER MAPPING FOR CURRENT_USER SERVER w100k OPTIONS (user 'bench', password 'bench_pw');
CREATE SCHEMA w; CREATE SCHEMA p100; CREATE SCHEMA p10k; CREATE SCHEMA w1k; CREATE SCHEMA w100k;
IMPORT FOREIGN SCHEMA public LIMIT TO (big) FROM SERVER w1k INTO w1k;
IMPORT FOREIGN SCHEMA public LIMIT TO (big) FROM SERVER w100k INTO w100k;
IMPORT FOREIGN SCHEMA public FROM SERVER w INTO w;
IMPORT FOREIGN SCHEMA public FROM SERVER p100 INTO p100;
IMPORT FOREIGN SCHEMA public FROM SERVER p10k INTO p10k;
SQL

copy_ms() {
  local t0 t1
  t0=$(date +%s%N)
  R -c "COPY (SELECT * FROM big) TO '/dev/null'" >/dev/null
  t1=$(date +%s%N)
  echo "scale=1; ($t1 - $t0) / 1000000" | bc
}
command -v bc >/dev/null || apt-get install -y -qq bc >/dev/null

log "warming up, then scanning ($RUNS rounds, configurations interleaved)"
R -c "CHECKPOINT" -c "SELECT count(*) FROM big" >/dev/null
fdw_ms w.big >/dev/null
declare -A best
configs="w.big w1k.big w5k.big w100k.big p100.big p10k.big copy"
for _ in $(seq "$RUNS"); do
  for c in $configs; do
    if [ "$c" = copy ]; then v=$(copy_ms); else v=$(fdw_ms "$c"); fi
    best[$c]=$(best "${best[$c]:-}" "$v")
  done
done
w=${best[w.big]} w1k=${best[w1k.big]} w5k=${best[w5k.big]} w100k=${best[w100k.big]}
p100=${best[p100.big]} p10k=${best[p10k.big]} copy=${best[copy]}

# Peak memory of a fresh backend scanning the big and the small table.
mem_big=$(hwm_kb w.big)
mem_small=$(hwm_kb w.small)
mem_big_p=$(hwm_kb p10k.big)
mem_big_100k=$(hwm_kb w100k.big)

rate() { echo "scale=0; $ROWS * 1000 / $1" | bc; }
ratio() { echo "scale=2; $1 / $2" | bc; }
cat <<REPORT

Full scan of $ROWS rows x 10 columns (best of $RUNS rounds), same remote, same run
  warehouse_fdw (default fetch_size 10000, pipelined) : $(printf '%10.0f' "$w") ms  $(rate "$w") rows/s
  warehouse_fdw fetch_size 1000                       : $(printf '%10.0f' "$w1k") ms  $(rate "$w1k") rows/s
  warehouse_fdw fetch_size 5000                       : $(printf '%10.0f' "$w5k") ms  $(rate "$w5k") rows/s
  warehouse_fdw fetch_size 100000                     : $(printf '%10.0f' "$w100k") ms  $(rate "$w100k") rows/s
  postgres_fdw  fetch_size 100 (its default)          : $(printf '%10.0f' "$p100") ms  $(rate "$p100") rows/s
  postgres_fdw  fetch_size 10000                      : $(printf '%10.0f' "$p10k") ms  $(rate "$p10k") rows/s
  remote COPY (SELECT *) TO '/dev/null' (ceiling)     : $(printf '%10.0f' "$copy") ms  $(rate "$copy") rows/s
Ratios (higher is better for warehouse_fdw)
  warehouse_fdw vs postgres_fdw default   : $(ratio "$p100" "$w")x
  warehouse_fdw vs postgres_fdw 10000     : $(ratio "$p10k" "$w")x
  warehouse_fdw share of the COPY ceiling : $(ratio "$copy" "$w")
Peak backend memory (VmHWM)
  warehouse_fdw, $ROWS-row scan : ${mem_big} kB
  warehouse_fdw, 50000-row scan : ${mem_small} kB   (ratio $(ratio "$mem_big" "$mem_small"))
  warehouse_fdw fetch_size 100000, $ROWS-row scan : ${mem_big_100k} kB (memory follows the batch, not the result)
  postgres_fdw 10000, $ROWS-row scan : ${mem_big_p} kB
REPORT
