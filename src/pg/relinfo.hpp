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
  RelOptInfo *outerrel;  // input of an upper rel; outer side of a join

  // What the remote query of this relation covers: base relations whose
  // Vars are columns (a join's, or a grouped rel's input's).
  Relids scan_relids;
  Relids visible_relids;  // those whose columns the SELECT can see (not inside an EXISTS)
  bool grouped;           // an aggregation (UPPERREL_GROUP_AGG) over outerrel
  char *relations;        // "Relations:" of EXPLAIN for joins and aggregates

  // Joins (reloptkind JOINREL): outerrel JOIN innerrel ON joinclauses;
  // remote_conds go to WHERE. Semi/anti joins become [NOT] EXISTS
  // (SELECT FROM innerrel WHERE joinclauses) in WHERE: exists_rels are the
  // semi/anti join rels inside this one whose EXISTS must be printed.
  RelOptInfo *innerrel;
  JoinType jointype;
  List *joinclauses;
  List *exists_rels;
  // A FULL join whose input has conditions prints that input as a subquery
  // "(SELECT ... WHERE conds) sN", so the conditions apply before the join;
  // columns of its relations are then sN.cK (K: position in its reltarget).
  bool outer_subquery;
  bool inner_subquery;

  // Grouped relations: the remote SELECT list (TargetEntries, grouping
  // expressions carry ressortgroupref); remote_conds/local_conds are HAVING
  // (bare expressions, not RestrictInfos).
  List *grouped_tlist;

  // Cost of producing the rows on the remote, before transfer.
  Cost remote_work;
};

// The planner state of a foreign rel (base, join or upper), or NULL.
inline RelInfo *relinfo(RelOptInfo *rel) { return static_cast<RelInfo *>(rel->fdw_private); }

}  // namespace wfdw
