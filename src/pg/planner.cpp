// Planning: split quals, estimate, build base / sorted / parameterized paths,
// push ORDER BY and LIMIT into the remote query when nothing stays local.
#include <cmath>

#include "pg/bigquery.hpp"
#include "pg/snowflake.hpp"
#include "pg/connection.hpp"
#include "pg/deparse.hpp"
#include "pg/fdw_routines.hpp"
#include "pg/scan_private.hpp"

namespace wfdw {
namespace {

// The remote sorts with the same comparison cost PostgreSQL charges a local
// Sort, a little less: a presorted remote result also spares a local Sort
// node and the remote may read an index in order.
constexpr double kRemoteSortDiscount = 0.95;

// Cost of sorting `rows` rows remotely, keeping the first `keep` (top-N).
Cost remote_sort_cost(double rows, double keep) {
  double n = Max(rows, 2.0);
  double k = keep > 0 && keep < n ? Max(2.0 * keep, 2.0) : n;
  return kRemoteSortDiscount * 2.0 * cpu_operator_cost * n * std::log2(k);
}

struct LimitSpec {
  bool has_final_sort;
  int64 limit;   // -1: none
  int64 offset;  // 0: none
};

// Runs EXPLAIN on the remote for `sql` and reads the top plan line.
void remote_explain(RelInfo *info, const char *sql, double *rows, int *width, Cost *startup, Cost *total) {
  if (!remote_explain_estimate(info->user, info->server->servername, sql, rows, width, startup, total))
    ereport(ERROR, (errcode(ERRCODE_FDW_ERROR),
                    errmsg("could not read the remote estimate of server \"%s\"", info->server->servername)));
}

void estimate(PlannerInfo *root, RelOptInfo *baserel, List *param_join_conds, List *pathkeys, const LimitSpec *limit,
              double *p_rows, int *p_width, Cost *p_startup, Cost *p_total) {
  RelInfo *info = static_cast<RelInfo *>(baserel->fdw_private);
  double rows, retrieved_rows;
  int width;
  Cost startup, total;

  if (info->use_remote_estimate) {
    List *remote_param, *local_param;
    classify_conditions(root, baserel, param_join_conds, &remote_param, &local_param);
    SelectSpec spec = {info->attrs_used, list_concat(list_copy(info->remote_conds), remote_param), pathkeys,
                       limit ? limit->limit : -1, limit ? limit->offset : 0};
    // Local quals' columns must be fetched too, so the estimate's width is right.
    StringInfoData sql;
    initStringInfo(&sql);
    List *retrieved;
    deparse_select(&sql, root, baserel, spec, &retrieved, nullptr);
    remote_explain(info, sql.data, &rows, &width, &startup, &total);
    retrieved_rows = rows;
    Selectivity local_sel =
        info->local_conds_sel * clauselist_selectivity(root, local_param, baserel->relid, JOIN_INNER, nullptr);
    rows = clamp_row_est(rows * local_sel);
    QualCost local_cost;
    cost_qual_eval(&local_cost, local_param, root);
    startup += info->local_conds_cost.startup + local_cost.startup;
    total += (info->local_conds_cost.per_tuple + local_cost.per_tuple) * retrieved_rows;
  } else {
    Selectivity join_sel = clauselist_selectivity(root, param_join_conds, baserel->relid, JOIN_INNER, nullptr);
    rows = clamp_row_est(baserel->rows * join_sel);
    width = baserel->reltarget->width;
    retrieved_rows = Min(clamp_row_est(rows / Max(info->local_conds_sel, 1e-10)), Max(baserel->tuples, rows));
    // The remote reads the table and evaluates its quals; we evaluate ours.
    QualCost remote_cost;
    cost_qual_eval(&remote_cost, info->remote_conds, root);
    startup = remote_cost.startup + info->local_conds_cost.startup;
    Cost run = seq_page_cost * baserel->pages + (cpu_tuple_cost + remote_cost.per_tuple) * baserel->tuples;
    run += info->local_conds_cost.per_tuple * retrieved_rows;
    total = startup + run;
    if (pathkeys != NIL) {
      // The first row comes after the whole input was read and sorted.
      double keep = limit != nullptr && limit->limit >= 0 ? static_cast<double>(limit->limit + limit->offset) : -1;
      Cost sort = remote_sort_cost(retrieved_rows, keep);
      startup = total + sort;
      total = startup;
    }
    if (limit != nullptr && (limit->limit >= 0 || limit->offset > 0)) {
      double wanted = limit->limit >= 0 ? Min(rows, static_cast<double>(limit->limit + limit->offset)) : rows;
      double frac = rows > 0 ? wanted / rows : 1.0;
      if (pathkeys == NIL) total = startup + (total - startup) * frac;
      retrieved_rows = clamp_row_est(retrieved_rows * frac);
      rows = limit->limit >= 0 ? Min(rows, static_cast<double>(limit->limit)) : Max(rows - limit->offset, 1.0);
    }
  }

  // Connection overhead, transfer per row, local handling per row.
  startup += info->server_opts.fdw_startup_cost;
  total += info->server_opts.fdw_startup_cost;
  total += (info->server_opts.fdw_tuple_cost + cpu_tuple_cost) * retrieved_rows;
  // Fewer rows cross the network when the remote applies the LIMIT: make
  // the pushed path win over a local Limit on the same scan.
  if (limit != nullptr && limit->limit >= 0) total -= (total - startup) * 0.05 + 1e-3;

  *p_rows = rows;
  *p_width = width;
  *p_startup = startup;
  *p_total = total;
}

// root->query_pathkeys as a remote ORDER BY, when every key is shippable.
bool query_pathkeys_shippable(PlannerInfo *root, RelOptInfo *baserel) {
  if (root->query_pathkeys == NIL) return false;
  ListCell *lc;
  foreach (lc, root->query_pathkeys)
    if (!is_foreign_pathkey(root, baserel, static_cast<PathKey *>(lfirst(lc)))) return false;
  return true;
}

struct EcArg {
  Expr *current;
  List *already_used;
};

bool ec_member_matches(PlannerInfo *, RelOptInfo *, EquivalenceClass *, EquivalenceMember *em, void *arg) {
  EcArg *state = static_cast<EcArg *>(arg);
  if (state->current != nullptr) return equal(em->em_expr, state->current);
  if (list_member(state->already_used, em->em_expr)) return false;
  state->current = em->em_expr;
  return true;
}

List *add_param_info(PlannerInfo *root, RelOptInfo *baserel, RestrictInfo *ri, List *ppi_list) {
  if (!join_clause_is_movable_to(ri, baserel)) return ppi_list;
  if (!is_foreign_expr(root, baserel, ri->clause)) return ppi_list;
  Relids required_outer = bms_union(ri->clause_relids, baserel->lateral_relids);
  required_outer = bms_del_member(required_outer, baserel->relid);
  if (bms_is_empty(required_outer)) return ppi_list;
  ParamPathInfo *ppi = get_baserel_parampathinfo(root, baserel, required_outer);
  return list_append_unique_ptr(ppi_list, ppi);
}

ForeignPath *make_path(PlannerInfo *root, RelOptInfo *rel, PathTarget *target, double rows, Cost startup, Cost total,
                       List *pathkeys, Relids required_outer, List *fdw_private) {
#if PG_VERSION_NUM >= 170000
  return create_foreignscan_path(root, rel, target, rows, startup, total, pathkeys, required_outer, nullptr, NIL,
                                 fdw_private);
#else
  return create_foreignscan_path(root, rel, target, rows, startup, total, pathkeys, required_outer, nullptr,
                                 fdw_private);
#endif
}

// Reads LIMIT/OFFSET if they are plain constants; false when they are not
// (parameters stay local rather than be guessed).
bool const_limit(Node *node, int64 *out, int64 dflt) {
  *out = dflt;
  if (node == nullptr) return true;
  if (!IsA(node, Const)) return false;
  Const *c = castNode(Const, node);
  if (c->constisnull) return true;  // LIMIT NULL / ALL
  int64 v = DatumGetInt64(c->constvalue);
  if (v < 0) return false;  // let the executor raise its error
  *out = v;
  return true;
}

void add_final_path(PlannerInfo *root, RelOptInfo *input_rel, RelOptInfo *final_rel, FinalPathExtraData *extra) {
  Query *parse = root->parse;
  if (parse->commandType != CMD_SELECT || !extra->limit_needed) return;
  if (parse->hasTargetSRFs || parse->rowMarks != NIL || parse->limitOption == LIMIT_OPTION_WITH_TIES) return;

  bool has_final_sort = false;
  RelOptInfo *base = input_rel;
  if (input_rel->reloptkind == RELOPT_UPPER_REL) {
    RelInfo *ordered = static_cast<RelInfo *>(input_rel->fdw_private);
    if (ordered == nullptr || ordered->stage != UPPERREL_ORDERED || !ordered->pushdown_safe) return;
    base = ordered->outerrel;
    has_final_sort = true;
  }
  if (base->reloptkind != RELOPT_BASEREL) return;
  RelInfo *info = static_cast<RelInfo *>(base->fdw_private);
  if (info == nullptr) return;
  // Never LIMIT remotely what a local qual would still filter.
  if (info->local_conds != NIL) return;
  if (has_final_sort && !info->qp_is_pushdown_safe) return;

  LimitSpec limit = {has_final_sort, -1, 0};
  if (!const_limit(parse->limitCount, &limit.limit, -1) || !const_limit(parse->limitOffset, &limit.offset, 0)) return;
  if (limit.limit < 0 && limit.offset == 0) return;

  List *pathkeys = has_final_sort ? root->sort_pathkeys : NIL;
  double rows;
  int width;
  Cost startup, total;
  estimate(root, base, NIL, pathkeys, &limit, &rows, &width, &startup, &total);
  List *priv = list_make3(makeBoolean(has_final_sort), makeString(psprintf(INT64_FORMAT, limit.limit)),
                          makeString(psprintf(INT64_FORMAT, limit.offset)));
#if PG_VERSION_NUM >= 170000
  ForeignPath *path = create_foreign_upper_path(root, base, root->upper_targets[UPPERREL_FINAL], rows, startup, total,
                                                pathkeys, nullptr, NIL, priv);
#else
  ForeignPath *path = create_foreign_upper_path(root, base, root->upper_targets[UPPERREL_FINAL], rows, startup, total,
                                                pathkeys, nullptr, priv);
#endif
  add_path(final_rel, reinterpret_cast<Path *>(path));
}

// BigQuery and Snowflake: rows from table metadata (BigQuery's numRows,
// Snowflake's INFORMATION_SCHEMA.TABLES.ROW_COUNT), bytes from the
// warehouse's estimate of the scan's query (a BigQuery dry run; Snowflake's
// EXPLAIN USING JSON, compiled without resuming a warehouse). Bytes stand in
// for pages, so the planner's usual arithmetic prefers plans that scan less;
// then the local-statistics estimate applies.
void warehouse_rel_size(PlannerInfo *root, RelOptInfo *baserel, RelInfo *info) {
  double tuples = -1;
  if (info->use_remote_estimate) {
    SelectSpec spec = {info->attrs_used, info->remote_conds, NIL, -1, 0};
    StringInfoData sql;
    initStringInfo(&sql);
    List *retrieved;
    deparse_select(&sql, root, baserel, spec, &retrieved, nullptr);
    const TableOptions &t = info->table_opts;
    if (is_bigquery(info->server_opts)) {
      BqServer srv;
      load_bq_server(info->server, info->user, info->fetch_size, &srv);
      info->est.bytes = bq_dry_run_bytes(srv, sql.data);
      tuples = bq_table_rows(srv, t.catalog_name, t.schema_name, t.table_name);
    } else {
      SfServer srv;
      load_sf_server(info->server, info->user, &srv);
      info->est = sf_explain_estimate(srv, sql.data);
      tuples = sf_table_rows(srv, t.schema_name, t.table_name);
    }
  }
  info->use_remote_estimate = false;  // the estimate below uses these numbers
  if (tuples >= 0) {
    baserel->tuples = Max(tuples, 1.0);
    baserel->pages = static_cast<BlockNumber>(Max(info->est.bytes / BLCKSZ, 1.0));
  } else if (baserel->tuples < 0) {
    baserel->pages = 10;
    baserel->tuples = (10.0 * BLCKSZ) / (baserel->reltarget->width + MAXALIGN(SizeofHeapTupleHeader));
  }
  set_baserel_size_estimates(root, baserel);
  estimate(root, baserel, NIL, NIL, nullptr, &info->rows, &info->width, &info->startup_cost, &info->total_cost);
}

}  // namespace

void get_foreign_rel_size(PlannerInfo *root, RelOptInfo *baserel, Oid foreigntableid) {
  RelInfo *info = static_cast<RelInfo *>(palloc0(sizeof(RelInfo)));
  baserel->fdw_private = info;
  info->table = GetForeignTable(foreigntableid);
  info->server = GetForeignServer(info->table->serverid);
  load_server_options(info->server, &info->server_opts);
  load_table_options(info->table, &info->table_opts);
  check_options_for_provider(info->server, info->table->options, OptionScope::Table);
  info->dialect = &dialect_for(info->server_opts.provider);
  info->relid = foreigntableid;
  info->relation_name = psprintf("%s.%s", quote_identifier(get_namespace_name(get_rel_namespace(foreigntableid))),
                                 quote_identifier(get_rel_name(foreigntableid)));
  info->use_remote_estimate = info->table_opts.use_remote_estimate >= 0 ? info->table_opts.use_remote_estimate == 1
                                                                        : info->server_opts.use_remote_estimate;
  info->fetch_size = info->table_opts.fetch_size > 0 ? info->table_opts.fetch_size : info->server_opts.fetch_size;
  // The user mapping of the user the query runs as (the view owner for views).
  RangeTblEntry *rte = planner_rt_fetch(baserel->relid, root);
  Oid userid = OidIsValid(rte->checkAsUser) ? rte->checkAsUser : GetUserId();
  info->user = GetUserMapping(userid, info->server->serverid);
  check_options_for_provider(info->server, info->user->options, OptionScope::UserMapping);
  info->stage = UPPERREL_SETOP;  // not an upper rel

  classify_conditions(root, baserel, baserel->baserestrictinfo, &info->remote_conds, &info->local_conds);

  info->attrs_used = nullptr;
  pull_varattnos(reinterpret_cast<Node *>(baserel->reltarget->exprs), baserel->relid, &info->attrs_used);
  ListCell *lc;
  foreach (lc, info->local_conds)
    pull_varattnos(reinterpret_cast<Node *>(lfirst_node(RestrictInfo, lc)->clause), baserel->relid, &info->attrs_used);

  info->local_conds_sel = clauselist_selectivity(root, info->local_conds, baserel->relid, JOIN_INNER, nullptr);
  cost_qual_eval(&info->local_conds_cost, info->local_conds, root);

  info->est.bytes = info->est.parts_assigned = info->est.parts_total = -1;
  if (is_bigquery(info->server_opts) || is_snowflake(info->server_opts)) {
    warehouse_rel_size(root, baserel, info);
  } else if (info->use_remote_estimate) {
    estimate(root, baserel, NIL, NIL, nullptr, &info->rows, &info->width, &info->startup_cost, &info->total_cost);
    baserel->rows = info->rows;
    baserel->reltarget->width = info->width;
  } else {
    // Never analyzed: assume 10 pages, as PostgreSQL does for new tables.
    if (baserel->tuples < 0) {
      baserel->pages = 10;
      baserel->tuples = (10.0 * BLCKSZ) / (baserel->reltarget->width + MAXALIGN(SizeofHeapTupleHeader));
    }
    set_baserel_size_estimates(root, baserel);
    estimate(root, baserel, NIL, NIL, nullptr, &info->rows, &info->width, &info->startup_cost, &info->total_cost);
  }
}

void get_foreign_paths(PlannerInfo *root, RelOptInfo *baserel, Oid) {
  RelInfo *info = static_cast<RelInfo *>(baserel->fdw_private);

  add_path(baserel, reinterpret_cast<Path *>(make_path(root, baserel, nullptr, info->rows, info->startup_cost,
                                                       info->total_cost, NIL, baserel->lateral_relids, NIL)));

  // A path sorted by the remote, for the query's ORDER BY (or merge joins).
  // Only when every qual is remote: nothing between the remote sort and us.
  info->qp_is_pushdown_safe = info->local_conds == NIL && query_pathkeys_shippable(root, baserel);
  if (info->qp_is_pushdown_safe) {
    double rows;
    int width;
    Cost startup, total;
    estimate(root, baserel, NIL, root->query_pathkeys, nullptr, &rows, &width, &startup, &total);
    add_path(baserel, reinterpret_cast<Path *>(make_path(root, baserel, nullptr, rows, startup, total,
                                                         root->query_pathkeys, baserel->lateral_relids, NIL)));
  }

  // Parameterized paths: a nested loop sends the outer side's join key as a
  // parameter instead of pulling the whole remote table.
  List *ppi_list = NIL;
  ListCell *lc;
  foreach (lc, baserel->joininfo) ppi_list = add_param_info(root, baserel, lfirst_node(RestrictInfo, lc), ppi_list);
  if (baserel->has_eclass_joins) {
    EcArg arg = {nullptr, NIL};
    for (;;) {
      arg.current = nullptr;
      List *clauses =
          generate_implied_equalities_for_column(root, baserel, ec_member_matches, &arg, baserel->lateral_referencers);
      if (arg.current == nullptr) break;
      foreach (lc, clauses) ppi_list = add_param_info(root, baserel, lfirst_node(RestrictInfo, lc), ppi_list);
      arg.already_used = lappend(arg.already_used, arg.current);
    }
  }
  foreach (lc, ppi_list) {
    ParamPathInfo *ppi = static_cast<ParamPathInfo *>(lfirst(lc));
    double rows;
    int width;
    Cost startup, total;
    estimate(root, baserel, ppi->ppi_clauses, NIL, nullptr, &rows, &width, &startup, &total);
    ppi->ppi_rows = rows;
    add_path(baserel, reinterpret_cast<Path *>(
                          make_path(root, baserel, nullptr, rows, startup, total, NIL, ppi->ppi_req_outer, NIL)));
  }
}

void get_foreign_upper_paths(PlannerInfo *root, UpperRelationKind stage, RelOptInfo *input_rel, RelOptInfo *output_rel,
                             void *extra) {
  if (output_rel->fdw_private != nullptr) return;  // already done
  if (stage != UPPERREL_ORDERED && stage != UPPERREL_FINAL) return;
  if (input_rel->fdw_private == nullptr) return;
  RelInfo *state = static_cast<RelInfo *>(palloc0(sizeof(RelInfo)));
  state->stage = stage;
  state->outerrel = input_rel;
  output_rel->fdw_private = state;
  if (stage == UPPERREL_ORDERED) {
    // The sort itself was offered as pathkeys of the base rel's paths; this
    // only records that the ordered rel sits directly on our base rel.
    if (input_rel->reloptkind == RELOPT_BASEREL) {
      RelInfo *base = static_cast<RelInfo *>(input_rel->fdw_private);
      state->pushdown_safe = base->qp_is_pushdown_safe && root->query_pathkeys == root->sort_pathkeys;
    }
    return;
  }
  add_final_path(root, input_rel, output_rel, static_cast<FinalPathExtraData *>(extra));
}

ForeignScan *get_foreign_plan(PlannerInfo *root, RelOptInfo *baserel, Oid, ForeignPath *best_path, List *tlist,
                              List *scan_clauses, Plan *outer_plan) {
  RelInfo *info = static_cast<RelInfo *>(baserel->fdw_private);
  List *remote_exprs = NIL;
  List *local_exprs = NIL;
  ListCell *lc;
  foreach (lc, scan_clauses) {
    RestrictInfo *ri = lfirst_node(RestrictInfo, lc);
    if (ri->pseudoconstant) continue;
    if (list_member_ptr(info->remote_conds, ri))
      remote_exprs = lappend(remote_exprs, ri->clause);
    else if (list_member_ptr(info->local_conds, ri))
      local_exprs = lappend(local_exprs, ri->clause);
    else if (is_foreign_expr(root, baserel, ri->clause))
      remote_exprs = lappend(remote_exprs, ri->clause);
    else
      local_exprs = lappend(local_exprs, ri->clause);
  }

  SelectSpec spec = {info->attrs_used, remote_exprs, best_path->path.pathkeys, -1, 0};
  if (best_path->fdw_private != NIL) {
    spec.limit = strtoll(strVal(lsecond(best_path->fdw_private)), nullptr, 10);
    spec.offset = strtoll(strVal(lthird(best_path->fdw_private)), nullptr, 10);
  }
  // Columns the local quals need are fetched too.
  Bitmapset *attrs = bms_copy(info->attrs_used);
  pull_varattnos(reinterpret_cast<Node *>(local_exprs), baserel->relid, &attrs);
  spec.attrs_used = attrs;

  StringInfoData sql;
  initStringInfo(&sql);
  List *retrieved_attrs = NIL;
  List *params_list = NIL;
  deparse_select(&sql, root, baserel, spec, &retrieved_attrs, &params_list);

  List *fdw_private = make_scan_private(sql.data, retrieved_attrs, info->fetch_size, info->server->servername,
                                        info->relation_name, info->est, provider_kind(info->server_opts.provider));
  return make_foreignscan(tlist, local_exprs, baserel->relid, params_list, fdw_private, NIL, remote_exprs, outer_plan);
}

}  // namespace wfdw
