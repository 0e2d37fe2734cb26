#!/usr/bin/env bash
# Overhead of cost governance's recording, one command, one run, a ratio:
#   bash bench/governance.sh             (RUNS=7 loops each, N=3000 statements per loop)
# A loop of 1-row foreign queries (postgres provider, a primary-key lookup on
# the remote), with warehouse_fdw preloaded: warehouse_fdw.track = on (stats
# entry, histogram, query log per statement) versus off; budgets and
# approvals are not involved (the postgres provider has no price).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
RUNS=${RUNS:-7}

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
SQL
# One backend runs loops of N 1-row foreign queries (PL/pgSQL, one remote
# statement each), track on and off alternating; for each loop, its wall
# time and the backend's CPU time (utime + stime from /proc/self/stat). The
# median of each is compared: wall time is what a user sees, CPU time is
# what recording costs without this machine's scheduling noise.
N=${N:-3000}
{
  echo "CREATE FUNCTION cpu_ticks() RETURNS bigint LANGUAGE sql AS \$\$"
  echo "  SELECT (f[14])::bigint + (f[15])::bigint FROM regexp_split_to_array(split_part(pg_read_file('/proc/self/stat'), ') ', 2), ' ') s(g),"
  echo "  LATERAL (SELECT ARRAY['', ''] || g AS f) x \$\$;"
  echo "CREATE FUNCTION loop_once(track text) RETURNS text LANGUAGE plpgsql AS \$\$"
  echo "DECLARE t0 timestamptz; c0 bigint; v text;"
  echo "BEGIN PERFORM set_config('warehouse_fdw.track', track, false); c0 := cpu_ticks(); t0 := clock_timestamp();"
  echo "  FOR i IN 1..$N LOOP SELECT o.v INTO v FROM one o WHERE o.id = (i * 7919) % 10000 + 1; END LOOP;"
  echo "  RETURN track || ' ' || extract(epoch FROM clock_timestamp() - t0) * 1000 || ' ' || (cpu_ticks() - c0) * 10; END \$\$;"
  echo "SELECT loop_once('on');"  # warm-up
  for round in $(seq "$RUNS"); do
    if [ $((round % 2)) = 1 ]; then echo "SELECT loop_once('on'); SELECT loop_once('off');"
    else echo "SELECT loop_once('off'); SELECT loop_once('on');"; fi
  done
} >"$WORK/loops.sql"
log "$RUNS rounds of $N statements with track on and off (alternating order)"
L -tA -f "$WORK/loops.sql" | grep -E '^(on|off) ' | tail -n $((RUNS * 2)) >"$WORK/loops.out"
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
wall_on=$(awk '$1 == "on" {print $2}' "$WORK/loops.out" | median)
wall_off=$(awk '$1 == "off" {print $2}' "$WORK/loops.out" | median)
cpu_on=$(awk '$1 == "on" {print $3}' "$WORK/loops.out" | median)
cpu_off=$(awk '$1 == "off" {print $3}' "$WORK/loops.out" | median)
calls=$(L -tAc "SELECT sum(calls) FROM warehouse_fdw_stats")
echo "1-row foreign query, $N per loop, median of $RUNS loops each:"
echo "  wall: track on $(f "$wall_on * 1000 / $N" 1) us/statement, off $(f "$wall_off * 1000 / $N" 1) us -> overhead $(f "($wall_on / $wall_off - 1) * 100" 2)%"
echo "  backend CPU: on $(f "$cpu_on * 1000 / $N" 1) us/statement, off $(f "$cpu_off * 1000 / $N" 1) us -> overhead $(f "($cpu_on / $cpu_off - 1) * 100" 2)%"
echo "  (target <= 2%; statements recorded: $calls)"
