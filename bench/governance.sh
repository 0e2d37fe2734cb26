#!/usr/bin/env bash
# Overhead of cost governance's recording, one command, one run, a ratio:
#   bash bench/governance.sh [SECONDS]      (default 10 s per round, 3 rounds)
# A loop of 1-row foreign queries (postgres provider, a primary-key lookup on
# the remote) through pgbench, one client, with warehouse_fdw preloaded:
# warehouse_fdw.track = on (stats entry, histogram, query log per statement)
# versus off, rounds interleaved; also a local 1-row query as the floor.
# Prints the best throughput of each and the overhead ratio (target <= 2%).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
SECS=${1:-10}
RUNS=${RUNS:-3}

bench_work governance
trap 'stop_cluster "$WORK/local"; stop_cluster "$WORK/remote"; rm -rf "$WORK"' EXIT
RPORT=$(free_port 57532)
LPORT=$(free_port $((RPORT + 1)))
start_cluster "$WORK/remote" "$RPORT"
start_cluster "$WORK/local" "$LPORT" "shared_preload_libraries=warehouse_fdw"
R() { psql_at "$WORK/remote" "$RPORT" postgres "$@"; }
L() { psql_at "$WORK/local" "$LPORT" postgres "$@"; }
R -q <<SQL
CREATE ROLE bench LOGIN PASSWORD 'bench_pw';
CREATE TABLE one AS SELECT g AS id, md5(g::text) AS v FROM generate_series(1, 10000) g;
ALTER TABLE one ADD PRIMARY KEY (id);
GRANT SELECT ON one TO bench;
SQL
L -q <<SQL
CREATE EXTENSION warehouse_fdw;
CREATE SERVER w FOREIGN DATA WRAPPER warehouse_fdw OPTIONS (provider 'postgres', host '127.0.0.1', port '$RPORT', dbname 'postgres');
CREATE USER MAPPING FOR CURRENT_USER SERVER w OPTIONS (user 'bench', password 'bench_pw');
IMPORT FOREIGN SCHEMA public FROM SERVER w INTO public;
CREATE TABLE local_one AS SELECT g AS id, md5(g::text) AS v FROM generate_series(1, 10000) g;
ALTER TABLE local_one ADD PRIMARY KEY (id);
SQL
printf '\\set n random(1, 10000)\nSELECT v FROM one WHERE id = :n;\n' >"$WORK/fdw.sql"
printf '\\set n random(1, 10000)\nSELECT v FROM local_one WHERE id = :n;\n' >"$WORK/local.sql"
tps() { # tps SCRIPT TRACK
  PGOPTIONS="-c warehouse_fdw.track=$2" as_pg env PGOPTIONS="-c warehouse_fdw.track=$2" "$PG_BIN/pgbench" \
    -h "$WORK/local" -p "$LPORT" -U postgres -n -M prepared -c 1 -T "$SECS" -f "$1" postgres 2>/dev/null |
    sed -n 's/^tps = \([0-9.]*\) .*/\1/p'
}
log "warming up, then $RUNS rounds of ${SECS}s each (track on / off interleaved)"
tps "$WORK/fdw.sql" on >/dev/null
best_on="" best_off="" best_local=""
bigger() { if [ -z "$1" ] || awk "BEGIN{exit !($2 > $1)}"; then echo "$2"; else echo "$1"; fi; }
for _ in $(seq "$RUNS"); do
  best_on=$(bigger "$best_on" "$(tps "$WORK/fdw.sql" on)")
  best_off=$(bigger "$best_off" "$(tps "$WORK/fdw.sql" off)")
  best_local=$(bigger "$best_local" "$(tps "$WORK/local.sql" on)")
done
calls=$(L -tAc "SELECT sum(calls) FROM warehouse_fdw_stats")
echo "1-row foreign query, one client: track on $(f "$best_on") tps, off $(f "$best_off") tps (local 1-row query: $(f "$best_local") tps)"
echo "recording overhead: $(f "($best_off / $best_on - 1) * 100" 2)% (target <= 2%); statements recorded: $calls"
