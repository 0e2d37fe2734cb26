// A provider's PostgreSQL side: one table of operations per warehouse kind.
// The planner resolves a server's provider once (RelInfo::provider) and names
// it in the plan; the executor resolves it once per scan (ScanHandle). Only
// src/pg/provider_registry.cpp lists the providers; nothing else compares
// provider names. The pure zone's half (dialect, options, defaults) is
// ProviderInfo (core/provider_info.hpp).
#pragma once
#include "core/provider_info.hpp"
#include "pg/pg.hpp"
#include "pg/scan_private.hpp"

namespace wfdw {

struct RelInfo;

// warehouse_fdw_estimate's answer: bytes and dollars (-1: unknown) and,
// when there is no dollar figure, why (palloc'd or static text).
struct SqlEstimate {
  double bytes;
  double usd;
  double max_cost_usd;  // the caller's limits, for the warning column (-1: none)
  double warn_cost_usd;
  const char *note;  // why there is no price (nullptr: none to give)
};

struct ProviderOps {
  const ProviderInfo &(*info)();

  // Planner ---------------------------------------------------------------
  // A base relation's size from the warehouse, asked when use_remote_estimate
  // holds: the table's rows (-1: unknown) and the warehouse's estimate of
  // `sql`, the scan's query. nullptr: the provider plans with the remote
  // planner (explain_query) or local statistics.
  void (*estimate_base_rel)(RelInfo *info, const char *sql, double *tuples, RemoteEstimate *est);
  // The remote planner's estimate of any query (use_remote_estimate for
  // joins and aggregates too). nullptr: none.
  bool (*explain_query)(UserMapping *user, const char *server_name, const char *sql, double *rows, int *width,
                        Cost *startup, Cost *total);
  // Dollars for `bytes` under the server's options (-1: no price). The one
  // function behind the budget check, EXPLAIN and warehouse_fdw_estimate.
  // nullptr: the provider has no per-query price.
  double (*cost_usd)(List *server_options, double bytes);

  // Executor --------------------------------------------------------------
  // The scan's state (palloc'd), or nullptr under EXPLAIN without ANALYZE.
  void *(*begin_scan)(ForeignScanState *node, int eflags);
  TupleTableSlot *(*iterate_scan)(ForeignScanState *node, void *state);
  void (*rescan)(ForeignScanState *node, void *state);
  void (*end_scan)(ForeignScanState *node, void *state);
  // `state` is nullptr under plain EXPLAIN.
  void (*explain_scan)(ForeignScanState *node, void *state, ExplainState *es);

  // ANALYZE: a sampler, or false when the provider keeps no statistics
  // locally (nullptr: same).
  bool (*analyze)(Relation relation, AcquireSampleRowsFunc *func, BlockNumber *totalpages);
  // IMPORT FOREIGN SCHEMA: CREATE FOREIGN TABLE commands.
  List *(*import_schema)(ImportForeignSchemaStmt *stmt, ForeignServer *server, UserMapping *user);
  // warehouse_fdw_test_connection.
  bool (*test_connection)(ForeignServer *server, UserMapping *user);
  // warehouse_fdw_estimate: what `sql` (the warehouse's dialect) would scan.
  void (*estimate_sql)(ForeignServer *server, UserMapping *user, const char *sql, SqlEstimate *out);
};

// The provider called `name`; an error naming the valid ones if none is.
const ProviderOps &provider_ops(const char *name);
// The provider of `server` (its `provider` option).
const ProviderOps &server_provider(ForeignServer *server);

}  // namespace wfdw
