#!/usr/bin/env bash
# Differential test: every query in queries.sql and analytics.sql runs
# through warehouse_fdw foreign tables (local cluster), with pushdown on and
# off, and directly on the remote; the outputs must be identical. Needs LOCAL_HOST/LOCAL_PORT and REMOTE_HOST/REMOTE_PORT (socket
# dirs and ports of the clusters scripts/test.sh started, remote loaded with
# Pagila and tests/fixtures/remote.sql). Prints "N passed, N failed".
# PROVIDER=bigquery runs the same queries through BigQuery foreign tables
# served by the local fake (BQ_PORT; dataset public of database bqdata, a
# copy of pagila); a query preceded by "--@skip bigquery: why" is skipped
# there (types BigQuery does not have) and reported. PROVIDER=snowflake does
# the same through the Snowflake fake (SF_PORT, SF_KEY_FILE; schema "PUBLIC"
# of database SALES, a copy of pagila whose tables keep lower-case names).
# PROVIDER=databricks runs them through the Databricks fake (DBX_PORT;
# catalog main = database dbxdata, a copy of pagila: schema public and
# "Awkward Schema", which the fake resolves case-insensitively).
PROVIDER=${PROVIDER:-postgres}
set -uo pipefail
export PGOPTIONS="-c client_min_messages=warning"
here=$(cd "$(dirname "$0")" && pwd)
lpsql() { psql -X -q -v ON_ERROR_STOP=1 -h "$LOCAL_HOST" -p "$LOCAL_PORT" -U postgres "$@"; }
rpsql() { psql -X -q -v ON_ERROR_STOP=1 -h "$REMOTE_HOST" -p "$REMOTE_PORT" -U postgres "$@"; }

# Local tables, present on both sides with the same rows.
local_tables="
DROP SCHEMA IF EXISTS diff_local CASCADE;
CREATE SCHEMA diff_local;
CREATE TABLE diff_local.vip (customer_id smallint PRIMARY KEY, tier text);
INSERT INTO diff_local.vip VALUES (1, 'gold'), (148, 'platinum'), (526, 'gold'), (600, 'unknown');
CREATE TABLE diff_local.watch (inventory_id integer PRIMARY KEY, label text);
INSERT INTO diff_local.watch VALUES (1, 'first'), (367, 'popular'), (4581, 'last'), (99999, 'missing');
ANALYZE diff_local.vip; ANALYZE diff_local.watch;"
rpsql -d pagila -c "$local_tables" || exit 1
lpsql -d postgres -c "DROP DATABASE IF EXISTS difftest" -c "CREATE DATABASE difftest" || exit 1
lpsql -d difftest <<SQL || exit 1
$local_tables
CREATE EXTENSION warehouse_fdw;
CREATE SCHEMA ft;
CREATE SCHEMA "Awkward Schema";
SQL
if [ "$PROVIDER" = bigquery ]; then
  lpsql -d difftest <<SQL || exit 1
CREATE SERVER remote FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'bigquery', project 'fake-project', location 'US',
           endpoint 'http://127.0.0.1:$BQ_PORT/bigquery/v2', fetch_size '1000');
CREATE USER MAPPING FOR CURRENT_USER SERVER remote OPTIONS (access_token 'test-token-1');
IMPORT FOREIGN SCHEMA public FROM SERVER remote INTO ft;
SQL
elif [ "$PROVIDER" = snowflake ]; then
  lpsql -d difftest -v key="$(cat "$SF_KEY_FILE")" <<SQL || exit 1
CREATE SERVER remote FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'snowflake', account 'myorg-myacct', warehouse 'ANALYTICS_WH', database 'SALES',
           schema 'PUBLIC', endpoint 'http://127.0.0.1:$SF_PORT');
CREATE USER MAPPING FOR CURRENT_USER SERVER remote OPTIONS (user 'etl_reader', private_key :'key');
IMPORT FOREIGN SCHEMA "PUBLIC" FROM SERVER remote INTO ft;
IMPORT FOREIGN SCHEMA "Awkward Schema" FROM SERVER remote INTO "Awkward Schema";
SQL
elif [ "$PROVIDER" = databricks ]; then
  lpsql -d difftest <<SQL || exit 1
CREATE SERVER remote FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'databricks', endpoint 'http://127.0.0.1:$DBX_PORT', warehouse_id 'fake-warehouse-0001',
           catalog 'main');
CREATE USER MAPPING FOR CURRENT_USER SERVER remote OPTIONS (token 'dapi-fake-token-0001');
IMPORT FOREIGN SCHEMA public FROM SERVER remote INTO ft;
IMPORT FOREIGN SCHEMA "Awkward Schema" FROM SERVER remote INTO "Awkward Schema";
SQL
else
  lpsql -d difftest <<SQL || exit 1
CREATE SERVER remote FOREIGN DATA WRAPPER warehouse_fdw
  OPTIONS (provider 'postgres', host '127.0.0.1', port '$REMOTE_PORT', dbname 'pagila', fetch_size '1000');
CREATE USER MAPPING FOR CURRENT_USER SERVER remote OPTIONS (user 'reader', password 'reader_pw');
IMPORT FOREIGN SCHEMA public FROM SERVER remote INTO ft;
IMPORT FOREIGN SCHEMA "Awkward Schema" FROM SERVER remote INTO "Awkward Schema";
SQL
fi

passed=0
failed=0
skipped=0
n=0
query=""
skip=""
# Each query runs three ways: through the foreign tables with pushdown on,
# with warehouse_fdw.pushdown = off, and directly on the remote.
for file in queries.sql analytics.sql; do
  while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in "--@skip $PROVIDER:"*) skip="${line#--@skip }"; continue ;; esac
    case "$line" in --*|"") continue ;; esac
    query="$query$line"$'\n'
    case "$line" in *";") ;; *) continue ;; esac
    n=$((n + 1))
    if [ -n "$skip" ]; then
      skipped=$((skipped + 1))
      echo "skipped query $n ($skip)"
      skip=""
      query=""
      continue
    fi
    via_fdw=$(lpsql -d difftest -At -F '|' -c "SET search_path = ft, public" -c "$query" 2>&1)
    no_push=$(lpsql -d difftest -At -F '|' -c "SET search_path = ft, public" -c "SET warehouse_fdw.pushdown = off" \
      -c "$query" 2>&1)
    direct=$(rpsql -d pagila -At -F '|' -c "SET search_path = public" -c "$query" 2>&1)
    if [ "$via_fdw" == "$direct" ] && [ "$no_push" == "$direct" ] && [ -n "$direct" ]; then
      passed=$((passed + 1))
    else
      failed=$((failed + 1))
      echo "FAIL query $n ($file): $query"
      echo "--- pushdown on:"
      diff <(echo "$direct") <(echo "$via_fdw") | head -n 20
      echo "--- pushdown off:"
      diff <(echo "$direct") <(echo "$no_push") | head -n 20
    fi
    query=""
  done < "$here/$file"
done
echo "differential ($PROVIDER): $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -ge 100 ]
