# Shared shell functions of scripts/demo.sh, scripts/test.sh and the bench
# scripts (through bench/lib.sh).
# Sourced, not run. Everything runs as root on Debian 12; PostgreSQL servers
# run as the postgres OS user and listen on 127.0.0.1 only.

# WFDW_PG_BIN points at another (relocated) PostgreSQL 15 installation, so two
# checkouts can build, install and test side by side without sharing one.
PG_BIN=${WFDW_PG_BIN:-/usr/lib/postgresql/15/bin}
export PG_CONFIG=$PG_BIN/pg_config
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# Installs the Debian packages the build, the tests and the demo need.
ensure_packages() {
  local pkgs=(postgresql-15 postgresql-client-15 postgresql-contrib postgresql-server-dev-15 libpq-dev
              libcurl4-openssl-dev libssl-dev nlohmann-json3-dev libgtest-dev cmake g++ make
              python3-psycopg2 python3-cryptography curl openssl
              python3 iproute2 sqlsmith)
  local missing=()
  for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # Debian's postgresql-common would create and start a cluster of its own; we run ours.
    mkdir -p /etc/postgresql-common
    grep -qs '^create_main_cluster' /etc/postgresql-common/createcluster.conf ||
      echo 'create_main_cluster = false' >> /etc/postgresql-common/createcluster.conf
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# Node.js and npm (Debian's nodejs and npm packages when `node` or `npm` is
# missing), for the conformance stage only.
ensure_node() {
  command -v node >/dev/null && command -v npm >/dev/null && return 0
  log "installing nodejs npm"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
}

# Google's official BigQuery client for Node.js, installed from npm into a
# cache outside the repository (WFDW_NPM_CACHE, default
# /var/cache/warehouse_fdw/npm) and reused while it holds the pinned version.
# Prints the node_modules directory (for NODE_PATH).
BQ_CLIENT_VERSION=8.3.1
ensure_bigquery_client() {
  local dir=${WFDW_NPM_CACHE:-/var/cache/warehouse_fdw/npm}
  local pkg="$dir/node_modules/@google-cloud/bigquery/package.json"
  if ! [ -f "$pkg" ] || ! grep -q "\"version\": \"$BQ_CLIENT_VERSION\"" "$pkg"; then
    log "installing @google-cloud/bigquery@$BQ_CLIENT_VERSION from npm into $dir"
    mkdir -p "$dir"
    [ -f "$dir/package.json" ] || echo '{"name": "warehouse-fdw-conformance", "private": true}' >"$dir/package.json"
    (cd "$dir" && npm install --no-audit --no-fund --loglevel=error "@google-cloud/bigquery@$BQ_CLIENT_VERSION" >&2)
  fi
  echo "$dir/node_modules"
}

# Builds and installs the extension (PGXS), and builds the unit tests (CMake).
build_and_install() {
  log "building and installing warehouse_fdw"
  make -C "$REPO_ROOT" -f Makefile.pgxs PG_CONFIG="$PG_CONFIG" -j"$(nproc)" -s >/dev/null
  make -C "$REPO_ROOT" -f Makefile.pgxs PG_CONFIG="$PG_CONFIG" install -s >/dev/null
}

build_unit_tests() {
  log "building unit tests"
  cmake -S "$REPO_ROOT" -B "$REPO_ROOT/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$REPO_ROOT/build" -j"$(nproc)" >/dev/null
}

# A TCP port nobody listens on, from $1 upwards.
free_port() {
  local p=$1
  while (echo >/dev/tcp/127.0.0.1/"$p") 2>/dev/null || ss -ltn 2>/dev/null | grep -q ":$p "; do
    p=$((p + 1))
  done
  echo "$p"
}

as_pg() { runuser -u postgres -- "$@"; }

# start_cluster DIR PORT [extra postgres -c settings...]
# Initialises DIR if needed and starts a server on 127.0.0.1:PORT with its
# socket in DIR. Remote clusters require passwords over TCP (scram), so the
# non-superuser password checks are real.
start_cluster() {
  local dir=$1 port=$2
  shift 2
  mkdir -p "$dir"
  chown postgres:postgres "$dir"
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    as_pg "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      --locale=C.UTF-8 --encoding=UTF8 >/dev/null
  fi
  local opts="-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
  for s in "$@"; do opts="$opts -c $s"; done
  as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -o "$opts" -w -t 60 start >/dev/null
}

stop_cluster() {
  local dir=$1
  [ -f "$dir/data/postmaster.pid" ] && as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1
  return 0
}

cluster_running() { [ -f "$1/data/postmaster.pid" ] && as_pg "$PG_BIN/pg_ctl" -D "$1/data" status >/dev/null 2>&1; }

# psql against a cluster's socket: psql_at DIR PORT DB [psql args...]
psql_at() {
  local dir=$1 port=$2 db=$3
  shift 3
  psql -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres -d "$db" "$@"
}

# Loads Pagila (from ../shared, or a generated stand-in) into database pagila.
load_pagila() {
  local dir=$1 port=$2
  local pagila="$REPO_ROOT/../shared/datasets/pagila"
  if psql_at "$dir" "$port" postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'pagila'" | grep -q 1; then
    return 0
  fi
  psql_at "$dir" "$port" postgres -c "CREATE DATABASE pagila"
  if [ -f "$pagila/pagila-schema.sql" ]; then
    log "loading Pagila into the remote cluster"
    # Three statements need PostgreSQL 17 (transaction_timeout, JSON_TABLE); they fail harmlessly.
    psql -X -q -h "$dir" -p "$port" -U postgres -d pagila -f "$pagila/pagila-schema.sql" >/dev/null 2>&1
    psql_at "$dir" "$port" pagila -f "$pagila/pagila-data.sql" >/dev/null
  else
    log "../shared/datasets/pagila not found: generating a sample instead"
    psql_at "$dir" "$port" pagila -f "$REPO_ROOT/tests/fixtures/pagila_sample.sql" >/dev/null
  fi
  psql_at "$dir" "$port" pagila -c "ANALYZE" >/dev/null
}

# launch_fake WORKDIR PORT SCRIPT [fake args...]: runs SCRIPT (a path in the
# repository, e.g. tests/providers/bigquery/bigquery_fake.py) on
# 127.0.0.1:PORT (log WORKDIR/fake.log, pid WORKDIR/fake.pid) and waits until
# it answers GET /_fake/state. The fakes stop when their parent (the calling
# script) exits, or with stop_fake WORKDIR.
launch_fake() {
  local work=$1 port=$2 script=$3
  shift 3
  mkdir -p "$work"
  /usr/bin/python3 "$REPO_ROOT/$script" --port "$port" "$@" >"$work/fake.log" 2>&1 &
  echo $! >"$work/fake.pid"
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "http://127.0.0.1:$port/_fake/state" && return 0
    sleep 0.2
  done
  echo "$script did not start:" >&2
  cat "$work/fake.log" >&2
  return 1
}

# fake_schema_args WORKDIR: --check-schema WORKDIR/schema_violations.log (an
# empty file now), so that the Snowflake and Databricks fakes check every
# response against the vendor's published API definition
# (tests/fakes/schema_check.py); check_fake_schema WORKDIR fails when a
# violation was logged. WFDW_FAKE_SCHEMA_CHECK=0 turns the checks off.
fake_schema_args() {
  [ "${WFDW_FAKE_SCHEMA_CHECK:-1}" = 0 ] && return 0
  mkdir -p "$1"
  : >"$1/schema_violations.log"
  echo --check-schema "$1/schema_violations.log"
}

check_fake_schema() {
  local f=$1/schema_violations.log
  [ -f "$f" ] || { echo "no $f: the fake ran without --check-schema" >&2; return 1; }
  if [ -s "$f" ]; then
    echo "$(wc -l <"$f") violation(s) of the vendor's API definition in $f:" >&2
    # one line per kind of violation (statement ids and row numbers elided), most frequent first
    cut -d' ' -f2- "$f" | sed -E 's/[0-9a-f]{8}-[0-9a-f-]{27}/{id}/g; s/\[[0-9]+\]/[]/g' | sort | uniq -c |
      sort -rn | head -n 30 >&2
    return 1
  fi
}

stop_fake() {
  [ -f "$1/fake.pid" ] && kill "$(cat "$1/fake.pid")" 2>/dev/null || true
}

# start_bigquery_fake WORKDIR PORT REMOTE_SOCKET_DIR REMOTE_PORT [fake args...]: a copy of
# pagila (database bqdata) plus tests/providers/bigquery/bigquery_data.sql behind the
# local BigQuery fake on 127.0.0.1:PORT; writes a service-account key the
# fake trusts (WORKDIR/sa.json) and one it does not (WORKDIR/rogue.json).
start_bigquery_fake() {
  local work=$1 port=$2 rhost=$3 rport=$4
  shift 4
  mkdir -p "$work"
  if ! psql_at "$rhost" "$rport" postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'bqdata'" | grep -q 1; then
    psql_at "$rhost" "$rport" postgres -c "CREATE DATABASE bqdata TEMPLATE pagila" >/dev/null
    psql_at "$rhost" "$rport" bqdata -v ON_ERROR_STOP=1 -f "$REPO_ROOT/tests/providers/bigquery/bigquery_data.sql" >/dev/null
  fi
  openssl genpkey -algorithm RSA -out "$work/sa.pem" -pkeyopt rsa_keygen_bits:2048 2>/dev/null
  openssl pkey -in "$work/sa.pem" -pubout -out "$work/sa.pub"
  openssl genpkey -algorithm RSA -out "$work/rogue.pem" -pkeyopt rsa_keygen_bits:2048 2>/dev/null
  /usr/bin/python3 - "$work" "$port" <<'PY'
import json, sys
work, port = sys.argv[1], int(sys.argv[2])
email = "fdw-test@fake-project.iam.gserviceaccount.com"
base = {"type": "service_account", "project_id": "fake-project", "private_key_id": "k1", "client_email": email,
        "token_uri": "http://127.0.0.1:%d/token" % port}
json.dump({email: open(work + "/sa.pub").read()}, open(work + "/keys.json", "w"))
json.dump(dict(base, private_key=open(work + "/sa.pem").read()), open(work + "/sa.json", "w"))
json.dump(dict(base, private_key=open(work + "/rogue.pem").read()), open(work + "/rogue.json", "w"))
PY
  launch_fake "$work" "$port" tests/providers/bigquery/bigquery_fake.py \
    --dsn "host=$rhost port=$rport user=postgres dbname=bqdata" --keys "$work/keys.json" --static-token test-token-1 "$@"
}

stop_bigquery_fake() { stop_fake "$1"; }

# start_snowflake_fake WORKDIR PORT REMOTE_SOCKET_DIR REMOTE_PORT [fake args...]:
# a copy of pagila (database sfdata) plus tests/providers/snowflake/snowflake_data.sql
# behind the local Snowflake fake on 127.0.0.1:PORT (account MYORG-MYACCT,
# database SALES, warehouse ANALYTICS_WH, role ANALYST). User ETL_READER's
# key pair is registered (WORKDIR/etl_reader.p8, and an encrypted copy
# WORKDIR/etl_reader_enc.p8 with passphrase "fdw-pass"); WORKDIR/rogue.p8 is
# not. OAuth token test-oauth-1 is accepted.
start_snowflake_fake() {
  local work=$1 port=$2 rhost=$3 rport=$4
  shift 4
  mkdir -p "$work"
  if ! psql_at "$rhost" "$rport" postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'sfdata'" | grep -q 1; then
    psql_at "$rhost" "$rport" postgres -c "CREATE DATABASE sfdata TEMPLATE pagila" >/dev/null
    psql_at "$rhost" "$rport" sfdata -f "$REPO_ROOT/tests/providers/snowflake/snowflake_data.sql" >/dev/null
  fi
  openssl genpkey -algorithm RSA -out "$work/etl_reader.p8" -pkeyopt rsa_keygen_bits:2048 2>/dev/null
  openssl pkcs8 -topk8 -v2 aes-256-cbc -in "$work/etl_reader.p8" -out "$work/etl_reader_enc.p8" \
    -passout pass:fdw-pass 2>/dev/null
  openssl genpkey -algorithm RSA -out "$work/rogue.p8" -pkeyopt rsa_keygen_bits:2048 2>/dev/null
  /usr/bin/python3 -c 'import json, sys; json.dump({"ETL_READER": open(sys.argv[1]).read()}, open(sys.argv[2], "w"))' \
    <(openssl pkey -in "$work/etl_reader.p8" -pubout) "$work/keys.json"
  # shellcheck disable=SC2046
  launch_fake "$work" "$port" tests/providers/snowflake/snowflake_fake.py \
    --dsn "host=$rhost port=$rport user=postgres dbname=sfdata" --keys "$work/keys.json" \
    --role ANALYST --role PUBLIC --oauth-token test-oauth-1 $(fake_schema_args "$work") "$@"
}

stop_snowflake_fake() { stop_fake "$1"; }

# start_recording_listener WORKDIR PORT: tests/fakes/recording_listener.py on
# 127.0.0.1:PORT (the security suite's stand-in for an attacker's service);
# it logs what it receives and stops itself after 30 minutes.
start_recording_listener() {
  local work=$1 port=$2
  mkdir -p "$work"
  /usr/bin/python3 "$REPO_ROOT/tests/fakes/recording_listener.py" --port "$port" --lifetime 1800 \
    >"$work/listener.log" 2>&1 &
  echo $! >"$work/listener.pid"
  for _ in $(seq 1 50); do
    curl -s -o /dev/null "http://127.0.0.1:$port/_rec/log" && return 0
    sleep 0.2
  done
  echo "the recording listener did not start:" >&2
  cat "$work/listener.log" >&2
  return 1
}

stop_recording_listener() {
  [ -f "$1/listener.pid" ] && kill "$(cat "$1/listener.pid")" 2>/dev/null || true
}

# start_databricks_fake WORKDIR PORT REMOTE_SOCKET_DIR REMOTE_PORT [fake args...]:
# a copy of pagila (database dbxdata) plus tests/providers/databricks/databricks_data.sql
# behind the local Databricks fake on 127.0.0.1:PORT (catalog main, warehouse
# fake-warehouse-0001). Personal access token dapi-fake-token-0001 and OAuth
# client fdw-client:fdw-secret are accepted; no-access-token answers 403.
start_databricks_fake() {
  local work=$1 port=$2 rhost=$3 rport=$4
  shift 4
  mkdir -p "$work"
  if ! psql_at "$rhost" "$rport" postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'dbxdata'" | grep -q 1; then
    psql_at "$rhost" "$rport" postgres -c "CREATE DATABASE dbxdata TEMPLATE pagila" >/dev/null
    psql_at "$rhost" "$rport" dbxdata -f "$REPO_ROOT/tests/providers/databricks/databricks_data.sql" >/dev/null
  fi
  # shellcheck disable=SC2046
  launch_fake "$work" "$port" tests/providers/databricks/databricks_fake.py \
    --dsn "host=$rhost port=$rport user=postgres dbname=dbxdata" $(fake_schema_args "$work") "$@"
}

stop_databricks_fake() { stop_fake "$1"; }
