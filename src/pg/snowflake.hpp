// The Snowflake provider in the PG zone: options -> client configuration,
// plan-time estimates (EXPLAIN USING JSON, INFORMATION_SCHEMA row counts;
// cached), the scan over an SfStream (partitions downloaded in parallel),
// EXPLAIN, IMPORT FOREIGN SCHEMA, the cost guardrails and
// warehouse_fdw_test_connection. C++ objects live only in the pure zone's
// classes, owned by globals or by memory-context callbacks.
#pragma once
#include "pg/options.hpp"
#include "pg/scan_private.hpp"

namespace wfdw {

// Raw options of a server and user mapping, palloc'd.
struct SfServer {
  Oid umid;
  const char *server_name;
  const char *account;
  const char *endpoint;
  const char *warehouse;
  const char *database;
  const char *schema;
  const char *role;
  const char *user;
  const char *private_key;
  const char *passphrase;
  const char *oauth_token;
  const char *ca_file;
  bool tls_verify;
  int64 timeout_ms;
  int max_retries;
  int64 retry_base_ms;
  int max_parallel_downloads;
  double price_per_credit;  // < 0: unknown (no dollar estimate)
  double credits_per_tib;   // < 0: unknown
  double max_cost_usd;      // < 0: none (user mapping overrides server)
  double warn_cost_usd;     // < 0: none
  int statement_timeout_s;  // from PostgreSQL's statement_timeout; 0: none
  const char *application_name;
  const char *role_name;
};

void load_sf_server(ForeignServer *server, UserMapping *user, SfServer *out);

// EXPLAIN USING JSON of `sql` (compiles only, no warehouse): bytes and
// micro-partitions assigned. Cached per query text for a minute.
RemoteEstimate sf_explain_estimate(const SfServer &srv, const char *sql);
// INFORMATION_SCHEMA.TABLES.ROW_COUNT (cached), or -1 (views, unknown).
double sf_table_rows(const SfServer &srv, const char *schema, const char *table);
// Dollars for `bytes` assigned, when the server has price_per_credit and
// credits_per_tib; else -1.
double sf_cost_usd(const SfServer &srv, double bytes);
// ERROR above max_cost_usd, NOTICE above warn_cost_usd (when a cost is known).
void sf_check_budget(const SfServer &srv, double bytes, const char *relation_name);

void sf_begin_scan(ForeignScanState *node, int eflags);
TupleTableSlot *sf_iterate_scan(ForeignScanState *node);
void sf_rescan(ForeignScanState *node);
void sf_end_scan(ForeignScanState *node);
void sf_explain_scan(ForeignScanState *node, ExplainState *es);

List *sf_import_foreign_schema(ImportForeignSchemaStmt *stmt, ForeignServer *server, UserMapping *user);
bool sf_test_connection(ForeignServer *server, UserMapping *user);

}  // namespace wfdw
