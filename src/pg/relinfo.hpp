// Planner state of one foreign relation (RelOptInfo->fdw_private), shared by
// the planner callbacks, the deparser and the estimator.
#pragma once
#include "pg/options.hpp"
#include "pg/scan_private.hpp"

namespace wfdw {

struct RelInfo {
  // What is scanned and how.
  ForeignServer *server;
  ForeignTable *table;
  UserMapping *user;
  ServerOptions server_opts;
  TableOptions table_opts;
  const Dialect *dialect;
  Oid relid;
  bool use_remote_estimate;
  int fetch_size;
  char *relation_name;  // for messages and EXPLAIN
  RemoteEstimate est;   // what the warehouse estimated for the scan (BigQuery, Snowflake)

  // Restriction clauses split by shippability.
  List *remote_conds;
  List *local_conds;
  QualCost local_conds_cost;
  Selectivity local_conds_sel;
  Bitmapset *attrs_used;  // columns the query needs from the remote

  // Estimates of the unparameterized scan.
  double rows;
  int width;
  Cost startup_cost;
  Cost total_cost;
  double retrieved_rows;  // rows the remote returns before local quals

  // Upper relations (ORDER BY / LIMIT over this base relation).
  bool pushdown_safe;
  bool qp_is_pushdown_safe;  // root->query_pathkeys can be sent as ORDER BY
  UpperRelationKind stage;
  RelOptInfo *outerrel;
};

}  // namespace wfdw
