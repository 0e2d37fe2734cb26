// The BigQuery provider in the PG zone: options -> client configuration,
// plan-time metadata and dry-run estimates (cached), the scan over a
// BqStream, EXPLAIN, IMPORT FOREIGN SCHEMA and the cost guardrails. C++
// objects live only in the pure zone's classes, owned by globals or by
// memory-context callbacks, never on frames an ereport can cross.
#pragma once
#include "pg/options.hpp"

namespace wfdw {

// Raw options of a server and user mapping, palloc'd (read with PG calls
// before any C++ object exists).
struct BqServer {
  Oid umid;
  const char *server_name;
  const char *project;
  const char *location;
  const char *endpoint;  // set by a superuser only
  const char *access_token;
  const char *key_json;
  const char *key_file;
  const char *ca_file;
  bool tls_verify;
  int64 timeout_ms;
  int max_retries;
  int64 retry_base_ms;
  int64 max_bytes_billed;  // -1: none
  double price_per_tib;
  double max_cost_usd;   // < 0: none (user mapping overrides server)
  double warn_cost_usd;  // < 0: none
  int page_rows;
  const char *application_name;
  const char *role_name;
  bool superuser_mapping;  // the mapping's role is a superuser (credential-less mode)
};

constexpr double kDefaultPricePerTib = 6.25;  // on-demand list price, USD per 2^40 bytes

void load_bq_server(ForeignServer *server, UserMapping *user, int page_rows, BqServer *out);

// Bytes a query would process (dry run, cached per query text for a minute).
double bq_dry_run_bytes(const BqServer &srv, const char *sql);
// numRows of a table from its metadata (cached), or -1.
double bq_table_rows(const BqServer &srv, const char *project, const char *dataset, const char *table);
double bq_cost_usd(const BqServer &srv, double bytes);

// Refuses (ERROR) a query whose estimate exceeds max_cost_usd; NOTICE above
// warn_cost_usd.
void bq_check_budget(const BqServer &srv, double bytes, const char *relation_name);

void bq_begin_scan(ForeignScanState *node, int eflags);
TupleTableSlot *bq_iterate_scan(ForeignScanState *node);
void bq_rescan(ForeignScanState *node);
void bq_end_scan(ForeignScanState *node);
void bq_explain_scan(ForeignScanState *node, ExplainState *es);

List *bq_import_foreign_schema(ImportForeignSchemaStmt *stmt, ForeignServer *server, UserMapping *user);
bool bq_test_connection(ForeignServer *server, UserMapping *user);

}  // namespace wfdw
