// The Snowflake provider, PostgreSQL side: options -> client configuration,
// plan-time estimates (EXPLAIN USING JSON, INFORMATION_SCHEMA row counts;
// cached), the scan over an SfStream (partitions downloaded in parallel),
// EXPLAIN, IMPORT FOREIGN SCHEMA, the cost guardrails and
// warehouse_fdw_test_connection. Built on the HTTP provider kit
// (pg/http_provider.hpp). C++ objects live only in the pure zone's classes,
// owned by globals or by memory-context callbacks. Its operations table is
// kSnowflakeProvider.
#pragma once
#include "pg/http_provider.hpp"
#include "pg/provider.hpp"

namespace wfdw {

// Options of a server and user mapping, palloc'd.
struct SfServer {
  HttpServer http;
  const char *account;
  const char *warehouse;
  const char *database;
  const char *schema;
  const char *role;
  const char *user;
  const char *private_key;
  const char *passphrase;
  const char *oauth_token;
  const char *pat;
  const char *oauth_client_id;
  const char *oauth_client_secret;
  const char *oauth_refresh_token;
  int max_parallel_downloads;
};

void load_sf_server(ForeignServer *server, UserMapping *user, SfServer *out);

}  // namespace wfdw
