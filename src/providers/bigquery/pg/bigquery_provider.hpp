// The BigQuery provider, PostgreSQL side: options -> client configuration,
// plan-time metadata and dry-run estimates (cached), the scan over a
// BqStream, EXPLAIN, IMPORT FOREIGN SCHEMA and the cost guardrails. Built on
// the HTTP provider kit (pg/http_provider.hpp). C++ objects live only in the
// pure zone's classes, owned by globals or by memory-context callbacks,
// never on frames an ereport can cross. Its operations table is
// kBigQueryProvider.
#pragma once
#include "pg/http_provider.hpp"
#include "pg/provider.hpp"

namespace wfdw {

// Options of a server and user mapping, palloc'd.
struct BqServer {
  HttpServer http;
  const char *project;
  const char *location;
  const char *access_token;
  const char *key_json;
  const char *key_file;
  bool use_metadata_server;
  const char *metadata_endpoint;
  const char *impersonate;
  const char *iam_endpoint;
  int64 max_bytes_billed;  // -1: none
  int page_rows;
};

constexpr double kDefaultPricePerTib = 6.25;  // on-demand list price, USD per 2^40 bytes

void load_bq_server(ForeignServer *server, UserMapping *user, int page_rows, BqServer *out);

}  // namespace wfdw
