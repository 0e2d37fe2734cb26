// The Databricks SQL provider, PostgreSQL side: options -> client
// configuration, plan-time estimates (EXPLAIN COST; cached), the scan over a
// DbxStream (chunks downloaded in parallel), EXPLAIN, IMPORT FOREIGN SCHEMA
// from information_schema, the cost guardrails and test_connection. Built
// on the HTTP provider kit (pg/http_provider.hpp). Its operations table is
// kDatabricksProvider.
#pragma once
#include "pg/http_provider.hpp"
#include "pg/provider.hpp"

namespace wfdw {

// Options of a server and user mapping, palloc'd.
struct DbxServer {
  HttpServer http;
  const char *host;
  const char *warehouse_id;
  const char *catalog;
  const char *schema;
  const char *token;
  const char *client_id;
  const char *client_secret;
  int max_parallel_downloads;
};

void load_dbx_server(ForeignServer *server, UserMapping *user, DbxServer *out);

}  // namespace wfdw
