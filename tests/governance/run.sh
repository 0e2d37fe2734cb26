#!/usr/bin/env bash
# Cost governance beyond pg_regress (docs/governance.md), on a cluster of its
# own that preloads warehouse_fdw (ledger flushed every second):
#   1. without shared_preload_libraries the FDW works and the views say why
#      they cannot (on the remote cluster, which does not preload it);
#   2. concurrency: pgbench, 8 clients, mixed BigQuery and postgres foreign
#      queries: the stats' calls equal the statements pgbench ran;
#   3. a budget raced by 8 clients: the overspend stays within the
#      documented bound (statements in flight x (billed - estimate));
#   4. crash: spend stored by the background writer survives
#      pg_ctl -m immediate stop, and the ledger continues from it; a request
#      stored before the crash can be approved after it;
#   5. warehouse_fdw.log_remote_statements: one log line per statement, no key;
#   6. stats survive a clean restart;
#   7. a database dropped with unstored spend: the writer forgets it (no
#      flush worker failing on it every round);
#   8. a database made read-only by default (ALTER DATABASE SET): the
#      ledger is stored there all the same.
# Needs the BigQuery fake and the remote cluster that scripts/test.sh starts:
#   env BQ_PORT=... BQ_KEY_FILE=... REMOTE_HOST=... REMOTE_PORT=... bash tests/governance/run.sh
# GOV_PGBENCH_SECONDS (60) sets the length of the concurrency run.
set -euo pipefail
source "$(dirname "$0")/../../scripts/lib.sh"
: "${BQ_PORT:?}" "${BQ_KEY_FILE:?}" "${REMOTE_HOST:?}" "${REMOTE_PORT:?}"
SECONDS_RUN=${GOV_PGBENCH_SECONDS:-60}
CLIENTS=8
W=$(mktemp -d /tmp/warehouse_fdw_gov.XXXXXX)
chmod 755 "$W"
PORT=$(free_port "${GOV_BASE_PORT:-$((REMOTE_PORT + 50))}")
cleanup() {
  stop_cluster "$W/c"
  psql_at "$REMOTE_HOST" "$REMOTE_PORT" postgres -qc "DROP DATABASE IF EXISTS wfdw_nopreload" >/dev/null 2>&1 || true
  rm -rf "$W"
}
trap cleanup EXIT
failures=0
check() { # check NAME CONDITION-RESULT(t/f) [DETAIL]
  if [ "$2" = t ]; then echo "ok: $1"; else echo "FAILED: $1 ${3:-}"; failures=$((failures + 1)); fi
}

# MALLOC_PERTURB_: glibc fills freed memory, so that a use of it (step 9)
# reads garbage instead of what happened to be left there.
start_gov() {
  MALLOC_PERTURB_=165 start_cluster "$W/c" "$PORT" "log_min_messages=warning" "shared_preload_libraries=warehouse_fdw" \
    "warehouse_fdw.ledger_flush_interval=1" "max_connections=40"
}
start_gov
G() { psql_at "$W/c" "$PORT" gov -v ON_ERROR_STOP=1 -qtAX "$@"; }
psql_at "$W/c" "$PORT" postgres -qc "CREATE DATABASE gov" >/dev/null
# 10 MB billed per query (BigQuery's minimum) at this price: $1.00 a query.
G <<SQL
SET client_min_messages = warning;
CREATE EXTENSION warehouse_fdw;
CREATE SERVER bq FOREIGN DATA WRAPPER warehouse_fdw OPTIONS (provider 'bigquery', project 'fake-project',
  location 'US', endpoint 'http://127.0.0.1:$BQ_PORT/bigquery/v2', price_per_tib '104857.6', retry_base_delay '20ms');
CREATE USER MAPPING FOR PUBLIC SERVER bq OPTIONS (service_account_key '$(sed "s/'/''/g" "$BQ_KEY_FILE")');
CREATE SCHEMA bq;
IMPORT FOREIGN SCHEMA analytics LIMIT TO (events) FROM SERVER bq INTO bq;
CREATE SERVER pg FOREIGN DATA WRAPPER warehouse_fdw OPTIONS (provider 'postgres', host '127.0.0.1',
  port '$REMOTE_PORT', dbname 'pagila');
CREATE USER MAPPING FOR PUBLIC SERVER pg OPTIONS (user 'reader', password 'reader_pw');
CREATE SCHEMA app;
IMPORT FOREIGN SCHEMA public LIMIT TO (film) FROM SERVER pg INTO app;
GRANT USAGE ON SCHEMA bq, app TO PUBLIC;
GRANT SELECT ON ALL TABLES IN SCHEMA bq, app TO PUBLIC;
CREATE ROLE gov_spender LOGIN;
CREATE ROLE gov_crash LOGIN;
CREATE ROLE gov_approver LOGIN IN ROLE warehouse_fdw_approver;
-- A budget refusal is an expected outcome here, not a pgbench error.
CREATE FUNCTION try_bq(n int) RETURNS int LANGUAGE plpgsql AS \$\$
BEGIN
  RETURN (SELECT count(*) FROM bq.events WHERE user_id > n);
EXCEPTION WHEN program_limit_exceeded THEN
  RETURN -1;
END \$\$;
SQL

wait_stored() { # until the writer has stored every ledger entry (at most 10 s)
  for _ in $(seq 1 100); do
    [ "$(G -c "SELECT count(*) FROM warehouse_fdw_spend WHERE NOT stored")" = 0 ] && return 0
    sleep 0.1
  done
  return 1
}

echo "== 1. without shared_preload_libraries"
R() { psql_at "$REMOTE_HOST" "$REMOTE_PORT" wfdw_nopreload -qtAX "$@"; }
psql_at "$REMOTE_HOST" "$REMOTE_PORT" postgres -qc "DROP DATABASE IF EXISTS wfdw_nopreload" -c "CREATE DATABASE wfdw_nopreload" >/dev/null
R -c "SET client_min_messages = warning" -c "CREATE EXTENSION warehouse_fdw" \
  -c "CREATE SERVER self FOREIGN DATA WRAPPER warehouse_fdw OPTIONS (provider 'postgres', host '127.0.0.1', port '$REMOTE_PORT', dbname 'pagila')" \
  -c "CREATE USER MAPPING FOR CURRENT_USER SERVER self OPTIONS (user 'reader', password 'reader_pw')" \
  -c "CREATE FOREIGN TABLE film (film_id int) SERVER self OPTIONS (schema_name 'public', table_name 'film')" >/dev/null
check "foreign tables work without it" "$( [ "$(R -c 'SELECT count(*) FROM film')" = 1000 ] && echo t || echo f)"
err=$(R -c "SELECT * FROM warehouse_fdw_stats" 2>&1 || true)
check "the stats view says how to enable it" "$(echo "$err" | grep -q "shared_preload_libraries" && echo t || echo f)" "$err"
err=$(R -c "SELECT warehouse_fdw_set_budget(NULL, 'self', 1)" -c "SELECT * FROM warehouse_fdw_spend" 2>&1 || true)
check "the spend view too" "$(echo "$err" | grep -q "shared_preload_libraries" && echo t || echo f)" "$err"

echo "== 2. concurrency: pgbench -c $CLIENTS -T $SECONDS_RUN, mixed BigQuery and postgres queries"
cat >"$W/bq.sql" <<'SQL'
\set n random(1, 100)
SELECT count(*) FROM bq.events WHERE user_id > :n;
SQL
cat >"$W/pg.sql" <<'SQL'
\set n random(1, 1000)
SELECT title FROM app.film WHERE film_id = :n;
SQL
G -c "SELECT warehouse_fdw_stats_reset()" >/dev/null
out=$(as_pg "$PG_BIN/pgbench" -h "$W/c" -p "$PORT" -U postgres -n -c $CLIENTS -j 2 -T "$SECONDS_RUN" \
  -f "$W/bq.sql@1" -f "$W/pg.sql@3" gov 2>&1)
ran=$(echo "$out" | sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p')
failed=$(echo "$out" | sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p')
calls=$(G -c "SELECT coalesce(sum(calls), 0) FROM warehouse_fdw_stats")
errors=$(G -c "SELECT coalesce(sum(errors + cancels), 0) FROM warehouse_fdw_stats")
echo "pgbench: $ran statements (${failed:-0} failed); stats: $calls calls, $errors errors"
echo "$out" | grep -E "^tps|latency average" || true
check "stats calls equal the statements pgbench ran" "$( [ -n "$ran" ] && [ "$ran" -gt 0 ] && [ "$calls" = "$ran" ] && echo t || echo f)" "($calls vs $ran)"
check "no failed statements" "$( [ "${failed:-0}" = 0 ] && [ "$errors" = 0 ] && echo t || echo f)"

echo "== 3. a budget raced by $CLIENTS clients"
BUDGET=20
G -c "SELECT warehouse_fdw_set_budget('gov_spender', 'bq', $BUDGET)" >/dev/null
cat >"$W/spend.sql" <<'SQL'
\set n random(1, 100)
SELECT try_bq(:n);
SQL
as_pg "$PG_BIN/pgbench" -h "$W/c" -p "$PORT" -U gov_spender -n -c $CLIENTS -j 2 -T 10 -f "$W/spend.sql" gov >/dev/null 2>&1
read -r spent queries <<<"$(G -F' ' -c "SELECT cost_usd, queries FROM warehouse_fdw_spend WHERE role = 'gov_spender'")"
refused=$(G -c "SELECT count(*) FROM warehouse_fdw_query_log WHERE role = 'gov_spender' AND status = 'refused_budget'")
# Each admitted statement reserved its estimate; it settles with what was
# billed ($1.00, estimate $0.0149): the bound is clients x (billed - estimate).
bound=$(awk "BEGIN{print $BUDGET + $CLIENTS * (1.0 - 0.0149)}")
echo "budget \$$BUDGET: spent \$$spent in $queries queries, $refused refusals; bound \$$bound"
check "spend within the documented bound" "$(awk "BEGIN{print ($spent <= $bound) ? \"t\" : \"f\"}")"
check "the budget was reached and refused" "$(awk "BEGIN{print ($spent >= $BUDGET - 1 && $refused > 0) ? \"t\" : \"f\"}")"

echo "== 4. crash: pg_ctl -m immediate stop"
for n in 1 2 3; do psql_at "$W/c" "$PORT" gov -U gov_crash -qtAX -c "SELECT count(*) FROM bq.events WHERE user_id > $n" >/dev/null; done
G -c "ALTER SERVER bq OPTIONS (ADD approval_cost_usd '0.001')"
psql_at "$W/c" "$PORT" gov -U gov_crash -qtAX -c "SELECT count(*) FROM bq.events WHERE user_id > 4" >/dev/null 2>&1 || true
wait_stored || true
check "the writer stored the ledger within the interval" "$(G -c "SELECT count(*) = 0 FROM warehouse_fdw_spend WHERE NOT stored")"
for _ in $(seq 1 100); do  # and the approval request (at most 10 s)
  [ "$(G -c "SELECT count(*) FROM warehouse_fdw_approval_requests WHERE role_oid = 'gov_crash'::regrole")" = 1 ] && break
  sleep 0.1
done
before=$(G -c "SELECT queries || ' ' || cost_usd FROM warehouse_fdw_spend_ledger WHERE role_oid = 'gov_crash'::regrole")
request=$(G -c "SELECT request_id FROM warehouse_fdw_approval_requests WHERE role_oid = 'gov_crash'::regrole")
as_pg "$PG_BIN/pg_ctl" -D "$W/c/data" -m immediate -w stop >/dev/null
start_gov
after=$(G -c "SELECT queries || ' ' || cost_usd FROM warehouse_fdw_spend_ledger WHERE role_oid = 'gov_crash'::regrole")
echo "ledger of gov_crash before the crash: $before; after: $after"
check "the ledger holds what was stored before the crash" "$( [ -n "$before" ] && [ "$before" = "$after" ] && echo t || echo f)"
G -c "ALTER SERVER bq OPTIONS (DROP approval_cost_usd)"
psql_at "$W/c" "$PORT" gov -U gov_crash -qtAX -c "SELECT count(*) FROM bq.events WHERE user_id > 5" >/dev/null
q_after=$(G -c "SELECT queries FROM warehouse_fdw_spend WHERE role = 'gov_crash'")
check "the ledger continues from the stored totals" "$( [ "$q_after" = $(( ${before%% *} + 1 )) ] && echo t || echo f)" "($q_after)"
G -c "ALTER SERVER bq OPTIONS (ADD approval_cost_usd '0.001')"
approved=$(psql_at "$W/c" "$PORT" gov -U gov_approver -qtAX -c "SELECT warehouse_fdw_approve('$request')" 2>&1 || true)
check "a request stored before the crash is approved after it" "$(echo "$approved" | grep -q "approved" && echo t || echo f)" "$approved"
# The same statement shape (other constants) as the request's.
ran=$(psql_at "$W/c" "$PORT" gov -U gov_crash -qtAX -c "SELECT count(*) FROM bq.events WHERE user_id > 6" 2>&1 || true)
check "and the approved statement runs" "$(echo "$ran" | grep -qx "[0-9]*" && echo t || echo f)" "$ran"
G -c "ALTER SERVER bq OPTIONS (DROP approval_cost_usd)"

echo "== 5. warehouse_fdw.log_remote_statements: one server-log line per statement, no secret"
PGOPTIONS="-c warehouse_fdw.log_remote_statements=on" psql_at "$W/c" "$PORT" gov -qtAX \
  -c "SELECT count(*) FROM bq.events WHERE user_id > 77" >/dev/null
line=$(grep "warehouse_fdw: ok on server \"bq\"" "$W/c/server.log" | tail -n 1)
echo "${line#*LOG:  }"
check "the statement is logged with its query id" "$(echo "$line" | grep -q "rows, .* ms, job .*query id [0-9a-f]\{16\}" && echo t || echo f)"
check "no key in the server log" "$(grep -q "PRIVATE KEY" "$W/c/server.log" && echo f || echo t)"

echo "== 6. clean restart: stats survive (stats file)"
calls_before=$(G -c "SELECT sum(calls) || '/' || count(*) FROM warehouse_fdw_stats")
stop_cluster "$W/c"
start_gov
calls_after=$(G -c "SELECT sum(calls) || '/' || count(*) FROM warehouse_fdw_stats")
echo "calls/entries before: $calls_before, after: $calls_after"
check "stats survive a clean restart" "$( [ "$calls_before" = "$calls_after" ] && echo t || echo f)"

echo "== 7. a database dropped with spend not yet stored"
# The writer waits a minute, so the entry is unstored when the database goes.
G -c "ALTER SYSTEM SET warehouse_fdw.ledger_flush_interval = 60" -c "SELECT pg_reload_conf()" >/dev/null
sleep 2  # the writer's current wait (1 s) ends first
psql_at "$W/c" "$PORT" postgres -qc "CREATE DATABASE gov_drop" >/dev/null
D() { psql_at "$W/c" "$PORT" gov_drop -v ON_ERROR_STOP=1 -qtAX "$@"; }
D <<SQL >/dev/null
SET client_min_messages = warning;
CREATE EXTENSION warehouse_fdw;
CREATE SERVER bq FOREIGN DATA WRAPPER warehouse_fdw OPTIONS (provider 'bigquery', project 'fake-project',
  location 'US', endpoint 'http://127.0.0.1:$BQ_PORT/bigquery/v2', price_per_tib '104857.6');
CREATE USER MAPPING FOR PUBLIC SERVER bq OPTIONS (service_account_key '$(sed "s/'/''/g" "$BQ_KEY_FILE")');
CREATE FOREIGN TABLE events (user_id int) SERVER bq OPTIONS (schema_name 'analytics', table_name 'events');
SELECT count(*) FROM events WHERE user_id > 1;
SQL
dropped=$(G -c "SELECT oid FROM pg_database WHERE datname = 'gov_drop'")
unstored=$(D -c "SELECT count(*) FROM warehouse_fdw_spend WHERE NOT stored")
psql_at "$W/c" "$PORT" postgres -qc "DROP DATABASE gov_drop" >/dev/null
G -c "ALTER SYSTEM RESET warehouse_fdw.ledger_flush_interval" -c "SELECT pg_reload_conf()" >/dev/null
# A worker started just before the drop may fail once; none after that.
sleep 2
fatals=$(grep -c "database $dropped does not exist" "$W/c/server.log" || true)
sleep 3
fatals_later=$(grep -c "database $dropped does not exist" "$W/c/server.log" || true)
echo "unstored entries when dropped: $unstored; flush workers failing on the dropped database: $fatals, 3 s later $fatals_later"
check "the writer forgets a dropped database's entries" "$( [ "$unstored" = 1 ] && [ "$fatals_later" = "$fatals" ] && echo t || echo f)"

echo "== 8. a database whose owner made its transactions read-only"
# ALTER DATABASE ... SET is its owner's; the writer's flush worker must
# still store the ledger there.
psql_at "$W/c" "$PORT" postgres -qc "ALTER DATABASE gov SET default_transaction_read_only = on" >/dev/null
G -c "SELECT count(*) FROM bq.events WHERE user_id > 7" >/dev/null
stored=$(wait_stored && echo t || echo f)
psql_at "$W/c" "$PORT" postgres -qc "ALTER DATABASE gov RESET default_transaction_read_only" >/dev/null
check "the ledger is stored in a database read-only by default" "$stored"

echo "== 9. statements abandoned in a PL/pgSQL EXCEPTION block, from a custom plan"
# The subtransaction's abort releases the portal's custom plan before it
# deletes the executor's memory, whose callback records the abandoned
# statement: its server name and SQL must not be read from the plan.
G <<'SQL' >/dev/null
CREATE FUNCTION abandon(n int) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  BEGIN
    FOR r IN SELECT * FROM app.film WHERE film_id > n AND title <> repeat('x', n) LOOP RAISE EXCEPTION 'stop'; END LOOP;
  EXCEPTION WHEN raise_exception THEN NULL;
  END;
  BEGIN
    FOR r IN SELECT * FROM bq.events WHERE user_id > n AND event_name <> repeat('x', n) LOOP RAISE EXCEPTION 'stop'; END LOOP;
  EXCEPTION WHEN raise_exception THEN NULL;
  END;
  RETURN 'ok';
END $$;
SQL
before=$(wc -l <"$W/c/server.log")
PGOPTIONS="-c warehouse_fdw.log_remote_statements=on" G -c "SELECT abandon(g) FROM generate_series(1, 3) g" >/dev/null
recorded=$(G -c "SELECT count(*) FROM (SELECT * FROM warehouse_fdw_query_log ORDER BY seq DESC LIMIT 6) l
                 WHERE status = 'cancelled' AND ((server = 'pg' AND provider = 'postgres' AND query LIKE 'SELECT film_id, title, %film%')
                    OR (server = 'bq' AND provider = 'bigquery' AND query LIKE 'SELECT %events%'))")
lines=$(tail -n +"$before" "$W/c/server.log" | grep -ac 'warehouse_fdw: cancelled on server "\(pg\|bq\)": 57014' || true)
echo "query log entries with their server and SQL: $recorded of 6; log lines naming the server: $lines of 6"
check "abandoned statements are recorded with their server and SQL" "$( [ "$recorded" = 6 ] && [ "$lines" = 6 ] && echo t || echo f)"

if grep -n "terminated by signal\|PANIC" "$W/c/server.log"; then
  check "no crash in the server log" f
else
  check "no crash in the server log" t
fi
echo "governance: $failures failed"
[ "$failures" -eq 0 ]
