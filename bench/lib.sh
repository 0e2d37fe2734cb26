# Shared by the bench scripts (sourced, not run): scripts/lib.sh (clusters,
# fakes through launch_fake, ports, build) plus the measures every bench
# prints. A script defines bench_psql, the psql to the database holding its
# foreign tables (bench_psql -At -c "..."), before calling fdw_ms or hwm_kb.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"

# bench_work NAME: installs what is missing, builds and installs the
# extension, and sets WORK to a fresh /tmp/warehouse_fdw_NAME.XXXXXX.
bench_work() {
  ensure_packages
  build_and_install
  WORK=$(mktemp -d "/tmp/warehouse_fdw_$1.XXXXXX")
  chmod 755 "$WORK"
}

# fdw_ms TABLE: server-side execution time (ms) of a full scan of TABLE that
# fetches every column (EXPLAIN ANALYZE with TIMING OFF: no per-row clock).
fdw_ms() {
  bench_psql -At -c "EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF) SELECT * FROM $1" |
    sed -n 's/^Execution Time: \([0-9.]*\) ms$/\1/p'
}

# hwm_kb TABLE: peak memory (VmHWM, kB) of a fresh backend after a full scan of TABLE.
hwm_kb() {
  bench_psql -At -c "EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF) SELECT * FROM $1" \
    -c "SELECT pg_read_file('/proc/self/status')" | sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB$/\1/p'
}

# best CURRENT NEW: the smaller of two times (CURRENT may be empty).
best() { if [ -z "$1" ] || awk "BEGIN{exit !($2 < $1)}"; then echo "$2"; else echo "$1"; fi; }

# f EXPR [DECIMALS]: EXPR computed by awk, printed with DECIMALS (0) decimals.
f() { awk "BEGIN{printf \"%.${2:-0}f\", $1}"; }
