// Planning: split quals, estimate, build base / sorted / parameterized paths,
// push ORDER BY and LIMIT into the remote query when nothing stays local.
#include <cmath>

#include "pg/deparse.hpp"
#include "pg/fdw_routines.hpp"
#include "pg/provider.hpp"
#include "pg/scan_private.hpp"
#include "pg/settings.hpp"

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
  const ProviderOps *provider = info->server_opts.provider;
  if (provider->explain_query == nullptr ||
      !provider->explain_query(info->user, info->server->servername, sql, rows, width, startup, total))
    ereport(ERROR, (errcode(ERRCODE_FDW_ERROR),
                    errmsg("could not read the remote estimate of server \"%s\"", info->server->servername)));
}

void estimate(PlannerInfo *root, RelOptInfo *baserel, List *param_join_conds, List *pathkeys, const LimitSpec *limit,
              double *p_rows, int *p_width, Cost *p_startup, Cost *p_total, double *p_retrieved = nullptr) {
  RelInfo *info = relinfo(baserel);
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
  if (p_retrieved != nullptr) *p_retrieved = retrieved_rows;
}

// Transfer of `rows` rows and the connection: what a remote result costs
// beyond producing it.
Cost transfer_cost(const RelInfo *info, double rows) {
  return info->server_opts.fdw_startup_cost + (info->server_opts.fdw_tuple_cost + cpu_tuple_cost) * rows;
}

// Records the remote work of a base rel's unparameterized scan: its cost
// without transfer, the input of join and aggregate estimates.
void record_remote_work(RelInfo *info) {
  info->remote_work = Max(info->total_cost - transfer_cost(info, info->retrieved_rows), 0.0);
}

// Whether `pathkeys` (the query's or its final ORDER BY) can be sent as a
// remote ORDER BY of `rel`: non-empty and every key shippable.
bool pathkeys_shippable(PlannerInfo *root, RelOptInfo *rel, List *pathkeys) {
  if (pathkeys == NIL) return false;
  ListCell *lc;
  foreach (lc, pathkeys)
    if (!is_foreign_pathkey(root, rel, static_cast<PathKey *>(lfirst(lc)))) return false;
  return true;
}

// Orders the remote could return `rel`'s rows in, worth a path each: the
// query's ORDER BY, and each equivalence class a merge join above could use
// (as postgres_fdw's get_useful_pathkeys_for_relation). A remote sort stays
// valid under local quals: filtering keeps the order.
List *useful_pathkeys(PlannerInfo *root, RelOptInfo *rel) {
  List *result = NIL;
  if (pathkeys_shippable(root, rel, root->query_pathkeys)) result = lappend(result, root->query_pathkeys);
  if (!pushdown_enabled(PushdownKind::SortLimit)) return result;
  List *ecs = NIL;
  ListCell *lc;
  if (rel->has_eclass_joins) {
    foreach (lc, root->eq_classes) {
      EquivalenceClass *ec = static_cast<EquivalenceClass *>(lfirst(lc));
      if (eclass_useful_for_merging(root, ec, rel)) ecs = lappend(ecs, ec);
    }
  }
  Relids relids = IS_OTHER_REL(rel) ? rel->top_parent_relids : rel->relids;
  foreach (lc, rel->joininfo) {
    RestrictInfo *ri = lfirst_node(RestrictInfo, lc);
    if (ri->mergeopfamilies == NIL) continue;
    update_mergeclause_eclasses(root, ri);
    if (bms_overlap(relids, ri->right_ec->ec_relids))
      ecs = list_append_unique_ptr(ecs, ri->right_ec);
    else if (bms_overlap(relids, ri->left_ec->ec_relids))
      ecs = list_append_unique_ptr(ecs, ri->left_ec);
  }
  foreach (lc, ecs) {
    EquivalenceClass *ec = static_cast<EquivalenceClass *>(lfirst(lc));
    // Already first in the query's order: that path covers it.
    if (root->query_pathkeys != NIL && linitial_node(PathKey, root->query_pathkeys)->pk_eclass == ec) continue;
    if (ec->ec_has_volatile || ec->ec_opfamilies == NIL) continue;
    PathKey *pk = make_canonical_pathkey(root, ec, linitial_oid(ec->ec_opfamilies), BTLessStrategyNumber, false);
    if (!is_foreign_pathkey(root, rel, pk)) continue;
    result = lappend(result, list_make1(pk));
  }
  return result;
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

// Cost of a join or grouped rel's remote query with an ORDER BY and/or a
// LIMIT on top, from the rel's own estimates.
void upper_estimate(RelInfo *info, bool sorted, const LimitSpec *limit, double *p_rows, Cost *p_startup,
                    Cost *p_total) {
  double rows = info->retrieved_rows;
  Cost startup = info->startup_cost;
  Cost work = info->remote_work;
  if (sorted) {
    double keep = limit != nullptr && limit->limit >= 0 ? static_cast<double>(limit->limit + limit->offset) : -1;
    work += remote_sort_cost(rows, keep);
    startup = info->server_opts.fdw_startup_cost + work;
  }
  if (!sorted && !info->grouped && limit != nullptr && limit->limit >= 0 && rows > 0) {
    // An unsorted join stops producing once it has sent the rows wanted (an
    // aggregation must still read all of its input).
    double wanted = Min(rows, static_cast<double>(limit->limit + limit->offset));
    work *= wanted / rows;
  }
  if (limit != nullptr && limit->limit >= 0) rows = Min(rows, static_cast<double>(limit->limit));
  Cost total = Max(startup, info->server_opts.fdw_startup_cost + work) + transfer_cost(info, rows) -
               info->server_opts.fdw_startup_cost;
  if (limit != nullptr && limit->limit >= 0) total -= (total - startup) * 0.05 + 1e-3;
  *p_rows = rows;
  *p_startup = startup;
  *p_total = total;
}

ForeignPath *make_upper_path(PlannerInfo *root, RelOptInfo *rel, PathTarget *target, double rows, Cost startup,
                             Cost total, List *pathkeys, List *fdw_private) {
#if PG_VERSION_NUM >= 170000
  return create_foreign_upper_path(root, rel, target, rows, startup, total, pathkeys, nullptr, NIL, fdw_private);
#else
  return create_foreign_upper_path(root, rel, target, rows, startup, total, pathkeys, nullptr, fdw_private);
#endif
}

// ForeignPath->fdw_private of a pushed ORDER BY/LIMIT (upper paths): named
// slots, read by get_foreign_plan.
enum SortLimitSlot { kHasFinalSort, kLimit, kOffset };

List *sort_limit_private(bool has_final_sort, int64 limit, int64 offset) {
  return list_make3(makeBoolean(has_final_sort), makeString(psprintf(INT64_FORMAT, limit)),
                    makeString(psprintf(INT64_FORMAT, offset)));
}

void add_final_path(PlannerInfo *root, RelOptInfo *input_rel, RelOptInfo *final_rel, FinalPathExtraData *extra) {
  Query *parse = root->parse;
  if (parse->commandType != CMD_SELECT || !extra->limit_needed) return;
  if (parse->hasTargetSRFs || parse->rowMarks != NIL || parse->limitOption == LIMIT_OPTION_WITH_TIES) return;
  if (!pushdown_enabled(PushdownKind::SortLimit)) return;

  bool has_final_sort = false;
  RelOptInfo *base = input_rel;
  RelInfo *in = relinfo(input_rel);
  if (in == nullptr) return;
  if (input_rel->reloptkind == RELOPT_UPPER_REL && !in->grouped) {
    if (in->stage != UPPERREL_ORDERED || !in->pushdown_safe) return;
    base = in->outerrel;
    has_final_sort = true;
  }
  RelInfo *info = relinfo(base);
  if (info == nullptr || !info->pushdown_safe) return;
  // Never LIMIT remotely what a local qual would still filter.
  if (info->local_conds != NIL) return;
  if (has_final_sort &&
      (info->grouped ? !pathkeys_shippable(root, base, root->sort_pathkeys) : !info->qp_is_pushdown_safe))
    return;

  LimitSpec limit = {has_final_sort, -1, 0};
  if (!const_limit(parse->limitCount, &limit.limit, -1) || !const_limit(parse->limitOffset, &limit.offset, 0)) return;
  if (limit.limit < 0 && limit.offset == 0) return;

  List *pathkeys = has_final_sort ? root->sort_pathkeys : NIL;
  double rows;
  int width;
  Cost startup, total;
  if (base->reloptkind == RELOPT_BASEREL)
    estimate(root, base, NIL, pathkeys, &limit, &rows, &width, &startup, &total);
  else
    upper_estimate(info, has_final_sort, &limit, &rows, &startup, &total);
  ForeignPath *path = make_upper_path(root, base, root->upper_targets[UPPERREL_FINAL], rows, startup, total, pathkeys,
                                      sort_limit_private(has_final_sort, limit.limit, limit.offset));
  add_path(final_rel, reinterpret_cast<Path *>(path));
}

// A join or grouped rel's state starts as a copy of the server, user and
// dialect of the (first) base relation below it.
RelInfo *derived_relinfo(const RelInfo *from) {
  RelInfo *info = static_cast<RelInfo *>(palloc0(sizeof(RelInfo)));
  info->server = from->server;
  info->user = from->user;
  info->server_opts = from->server_opts;
  info->dialect = from->dialect;
  info->fetch_size = from->fetch_size;
  info->stage = UPPERREL_SETOP;
  info->est = from->est;
  return info;
}

double add_estimates(double a, double b) { return a < 0 || b < 0 ? -1 : a + b; }

// Whether every Var the join outputs or evaluates locally is a column of
// the remote query. System columns and whole rows are only for dialects
// that can write them (tableoid must be the local table's, a whole row must
// go NULL with its outer join), and the inner side of a semi/anti join
// lives inside an EXISTS, out of reach of anything above the join.
bool join_columns_remote(RelOptInfo *joinrel, RelOptInfo *innerrel, bool semi, List *local_conds,
                         const Dialect &dialect) {
  List *vars = pull_var_clause(reinterpret_cast<Node *>(joinrel->reltarget->exprs), PVC_RECURSE_PLACEHOLDERS);
  vars = list_concat(vars, pull_var_clause(reinterpret_cast<Node *>(extract_actual_clauses(local_conds, false)),
                                           PVC_RECURSE_PLACEHOLDERS));
  ListCell *lc;
  foreach (lc, vars) {
    if (!IsA(lfirst(lc), Var)) continue;
    Var *v = static_cast<Var *>(lfirst(lc));
    if (semi && bms_is_member(v->varno, innerrel->relids)) return false;
    // A PostgreSQL remote can build them (deparse's print_join_special_column).
    if (v->varattno <= 0 && !dialect.has_ctid()) return false;
  }
  return true;
}

// Whether `rel` can be printed as a subquery of a FULL join: its output is
// plain columns (it may hold subqueries of its own).
bool subquery_ok(RelOptInfo *rel) {
  ListCell *lc;
  foreach (lc, rel->reltarget->exprs) {
    Node *e = static_cast<Node *>(lfirst(lc));
    if (!IsA(e, Var) || castNode(Var, e)->varattno <= 0) return false;
  }
  return true;
}

// Decides whether a join of two foreign relations can run remotely and
// fills the join rel's state: which clauses go to ON, WHERE, an EXISTS, or
// stay local. Mirrors postgres_fdw's foreign_join_ok.
bool foreign_join_ok(PlannerInfo *root, RelOptInfo *joinrel, JoinType jointype, RelOptInfo *outerrel,
                     RelOptInfo *innerrel, JoinPathExtraData *extra) {
  RelInfo *o = relinfo(outerrel);
  RelInfo *i = relinfo(innerrel);
  RelInfo *info = relinfo(joinrel);
  if (o == nullptr || i == nullptr || !o->pushdown_safe || !i->pushdown_safe) return false;
  if (o->grouped || i->grouped) return false;
  // Rows filtered locally below the join would be joined remotely unfiltered.
  if (o->local_conds != NIL || i->local_conds != NIL) return false;
  if (o->server->serverid != i->server->serverid || o->user->umid != i->user->umid) return false;
  if (join_type_name(jointype) == nullptr) return false;
  // Row locks and EvalPlanQual need each base row: keep the tables apart.
  if (root->rowMarks != NIL || root->parse->commandType != CMD_SELECT) return false;
  if (!bms_is_empty(joinrel->lateral_relids)) return false;
  // A PlaceHolderVar computed at this join would have to go to NULL with
  // its outer join: not something a fetched Var can do.
  ListCell *lc;
  foreach (lc, root->placeholder_list) {
    PlaceHolderInfo *ph = static_cast<PlaceHolderInfo *>(lfirst(lc));
    if (bms_is_subset(ph->ph_eval_at, joinrel->relids) && bms_nonempty_difference(joinrel->relids, ph->ph_eval_at))
      return false;
  }

  bool semi = jointype == JOIN_SEMI || jointype == JOIN_ANTI;
  info->scan_relids = bms_union(o->scan_relids, i->scan_relids);
  info->visible_relids = semi ? bms_copy(o->visible_relids) : bms_union(o->visible_relids, i->visible_relids);
  info->outerrel = outerrel;
  info->innerrel = innerrel;
  info->jointype = jointype;
  foreach (lc, extra->restrictlist) {
    RestrictInfo *ri = lfirst_node(RestrictInfo, lc);
    bool remote = is_foreign_expr(root, joinrel, ri->clause);
    // The join's own clauses (ON, or inside the EXISTS of a semi/anti join)
    // are those not pushed down from above; the rest filter its output. A
    // semi join outputs no inner column, so a clause over one is its own
    // (equalities derived from equivalence classes come marked as pushed).
    // An anti join's output has NULL inner columns: a filter over them is
    // not part of the NOT EXISTS and cannot be written beside it.
    bool pushed = RINFO_IS_PUSHED_DOWN(ri, joinrel->relids);
    bool touches_inner = bms_overlap(ri->clause_relids, innerrel->relids);
    if (jointype == JOIN_ANTI && pushed && touches_inner) return false;
    bool join_clause = jointype == JOIN_INNER || !pushed || (jointype == JOIN_SEMI && touches_inner);
    if (join_clause && remote) {
      info->joinclauses = lappend(info->joinclauses, ri);
    } else if (join_clause && jointype != JOIN_INNER) {
      return false;  // an outer join's ON clause cannot be evaluated above it
    } else if (remote) {
      info->remote_conds = lappend(info->remote_conds, ri);
    } else {
      info->local_conds = lappend(info->local_conds, ri);
    }
  }
  if (!join_columns_remote(joinrel, innerrel, semi, info->local_conds, *o->dialect)) return false;
  // An outer join without a join clause is printed ON TRUE, which only the
  // PostgreSQL dialect is known to accept for every join type.
  if (jointype != JOIN_INNER && info->joinclauses == NIL && !o->dialect->join_on_true()) return false;

  // Conditions of the inputs: WHERE for a preserved side, ON for a nullable
  // one; a FULL join has no place for them.
  switch (jointype) {
    case JOIN_INNER:
      info->remote_conds = list_concat(info->remote_conds, list_concat_copy(o->remote_conds, i->remote_conds));
      info->exists_rels = list_concat_copy(o->exists_rels, i->exists_rels);
      break;
    case JOIN_LEFT:
    case JOIN_SEMI:
    case JOIN_ANTI:
      if (i->exists_rels != NIL) return false;
      info->joinclauses = list_concat(info->joinclauses, i->remote_conds);
      info->remote_conds = list_concat(info->remote_conds, o->remote_conds);
      info->exists_rels = list_copy(o->exists_rels);
      if (semi) info->exists_rels = lappend(info->exists_rels, joinrel);
      break;
    case JOIN_RIGHT:
      if (o->exists_rels != NIL) return false;
      info->joinclauses = list_concat(info->joinclauses, o->remote_conds);
      info->remote_conds = list_concat(info->remote_conds, i->remote_conds);
      info->exists_rels = list_copy(i->exists_rels);
      break;
    case JOIN_FULL:
      // An input's conditions must filter it before the join: it becomes
      // a subquery (as postgres_fdw does).
      if (o->exists_rels != NIL || i->exists_rels != NIL) return false;
      if ((o->remote_conds != NIL || i->remote_conds != NIL) && !o->dialect->from_subqueries()) return false;
      if (o->remote_conds != NIL) {
        if (!subquery_ok(outerrel)) return false;
        info->outer_subquery = true;
      }
      if (i->remote_conds != NIL) {
        if (!subquery_ok(innerrel)) return false;
        info->inner_subquery = true;
      }
      foreach (lc, info->joinclauses)
        if (!full_join_clause_ok(joinrel, lfirst_node(RestrictInfo, lc))) return false;
      break;
    default:
      return false;
  }
  info->relations = psprintf("(%s) %s JOIN (%s)", o->relations, join_type_name(jointype), i->relations);
  info->relation_name = psprintf("%s, %s", o->relation_name, i->relation_name);
  info->est.bytes = add_estimates(o->est.bytes, i->est.bytes);
  info->est.parts_assigned = add_estimates(o->est.parts_assigned, i->est.parts_assigned);
  info->est.parts_total = add_estimates(o->est.parts_total, i->est.parts_total);
  return true;
}

// Cost of a remote join: both inputs' remote work, a hash join's passes
// over them, and the transfer of the joined rows only.
void estimate_join(PlannerInfo *root, RelOptInfo *joinrel, JoinType jointype, JoinPathExtraData *extra) {
  RelInfo *info = relinfo(joinrel);
  RelInfo *o = relinfo(info->outerrel);
  RelInfo *i = relinfo(info->innerrel);
  List *local = extract_actual_clauses(info->local_conds, false);
  Selectivity local_sel = clauselist_selectivity(root, local, 0, jointype, extra->sjinfo);
  info->rows = joinrel->rows;
  info->retrieved_rows = clamp_row_est(joinrel->rows / Max(local_sel, 1e-10));
  info->width = joinrel->reltarget->width;
  QualCost local_cost;
  cost_qual_eval(&local_cost, local, root);
  info->remote_work = o->remote_work + i->remote_work + cpu_tuple_cost * (o->retrieved_rows + i->retrieved_rows) +
                      cpu_operator_cost * list_length(info->joinclauses) * o->retrieved_rows +
                      cpu_tuple_cost * info->retrieved_rows;
  info->startup_cost = info->server_opts.fdw_startup_cost + i->remote_work + local_cost.startup;
  info->total_cost = info->remote_work + transfer_cost(info, info->retrieved_rows) + local_cost.startup +
                     local_cost.per_tuple * info->retrieved_rows;
}

// Whether `expr` would be sent as a parameter: a Param, or a Var of a
// relation outside the remote query. Such an expression must not be an item
// of the remote SELECT list: setrefs would replace the parameter the scan
// evaluates (fdw_exprs) by a reference to that very output column.
bool is_foreign_param(RelOptInfo *rel, Expr *expr) {
  if (expr == nullptr) return false;
  if (IsA(expr, Param)) return true;
  if (IsA(expr, Var)) {
    Var *var = castNode(Var, expr);
    return !(bms_is_member(var->varno, relinfo(rel)->scan_relids) && var->varlevelsup == 0);
  }
  return false;
}

// Builds the grouped rel's remote SELECT list and splits HAVING, as
// postgres_fdw's foreign_grouping_ok: grouping expressions and aggregates
// must all ship; expressions over them may be computed locally.
bool foreign_grouping_ok(PlannerInfo *root, RelOptInfo *grouped_rel, Node *having) {
  Query *query = root->parse;
  RelInfo *info = relinfo(grouped_rel);
  PathTarget *target = grouped_rel->reltarget;
  List *tlist = NIL;
  int i = 0;
  ListCell *lc;
  foreach (lc, target->exprs) {
    Expr *expr = static_cast<Expr *>(lfirst(lc));
    Index sgref = get_pathtarget_sortgroupref(target, i);
    if (sgref != 0 && get_sortgroupref_clause_noerr(sgref, query->groupClause) != nullptr) {
      // A grouping key: shipped as is (a constant or parameter key would be
      // an ordinal or an error remotely).
      if (!is_foreign_expr(root, grouped_rel, expr) || is_foreign_param(grouped_rel, expr)) return false;
      if (!contain_var_clause(reinterpret_cast<Node *>(expr)) &&
          !(IsA(expr, Const) && info->dialect->group_by_constants()))
        return false;
      TargetEntry *tle = makeTargetEntry(expr, list_length(tlist) + 1, nullptr, false);
      tle->ressortgroupref = sgref;
      tlist = lappend(tlist, tle);
    } else if (is_foreign_expr(root, grouped_rel, expr) && !is_foreign_param(grouped_rel, expr)) {
      tlist = add_to_flat_tlist(tlist, list_make1(expr));
    } else {
      List *aggvars = pull_var_clause(reinterpret_cast<Node *>(expr), PVC_INCLUDE_AGGREGATES);
      if (!is_foreign_expr(root, grouped_rel, reinterpret_cast<Expr *>(aggvars))) return false;
      ListCell *l;
      foreach (l, aggvars)
        if (IsA(lfirst(l), Aggref)) tlist = add_to_flat_tlist(tlist, list_make1(lfirst(l)));
    }
    i++;
  }
  if (having != nullptr) {
    foreach (lc, castNode(List, having)) {
      Expr *expr = static_cast<Expr *>(lfirst(lc));
      if (is_foreign_expr(root, grouped_rel, expr))
        info->remote_conds = lappend(info->remote_conds, expr);
      else
        info->local_conds = lappend(info->local_conds, expr);
    }
  }
  // Aggregates a local HAVING needs come from the remote too.
  if (info->local_conds != NIL) {
    List *aggvars = pull_var_clause(reinterpret_cast<Node *>(info->local_conds), PVC_INCLUDE_AGGREGATES);
    foreach (lc, aggvars) {
      Expr *e = static_cast<Expr *>(lfirst(lc));
      if (!IsA(e, Aggref)) continue;
      if (!is_foreign_expr(root, grouped_rel, e)) return false;
      tlist = add_to_flat_tlist(tlist, list_make1(e));
    }
  }
  info->grouped_tlist = tlist;
  return true;
}

void add_grouping_path(PlannerInfo *root, RelOptInfo *input_rel, RelOptInfo *grouped_rel, GroupPathExtraData *extra) {
  Query *parse = root->parse;
  if (!pushdown_enabled(PushdownKind::Aggregates)) return;
  if (parse->groupingSets != NIL || extra->patype != PARTITIONWISE_AGGREGATE_NONE) return;
  if (input_rel->reloptkind != RELOPT_BASEREL && input_rel->reloptkind != RELOPT_JOINREL) return;
  RelInfo *in = relinfo(input_rel);
  // An aggregate over rows a local qual would still filter is wrong.
  if (in == nullptr || !in->pushdown_safe || in->local_conds != NIL) return;
  if (root->rowMarks != NIL || parse->commandType != CMD_SELECT) return;

  RelInfo *info = derived_relinfo(in);
  grouped_rel->fdw_private = info;
  info->stage = UPPERREL_GROUP_AGG;
  info->grouped = true;
  info->outerrel = input_rel;
  info->scan_relids = in->scan_relids;
  info->visible_relids = in->visible_relids;
  info->relations = psprintf("Aggregate on (%s)", in->relations);
  info->relation_name = in->relation_name;
  if (!foreign_grouping_ok(root, grouped_rel, extra->havingQual)) return;
  info->pushdown_safe = true;

  // Groups: the planner's estimate over the remote input rows.
  double input_rows = in->retrieved_rows;
  List *group_exprs = get_sortgrouplist_exprs(parse->groupClause, info->grouped_tlist);
  double groups = parse->groupClause != NIL ? estimate_num_groups(root, group_exprs, input_rows, nullptr, nullptr) : 1;
  AggClauseCosts aggcosts;
  MemSet(&aggcosts, 0, sizeof(aggcosts));
  if (parse->hasAggs) get_agg_clause_costs(root, AGGSPLIT_SIMPLE, &aggcosts);
  Selectivity remote_sel = clauselist_selectivity(root, info->remote_conds, 0, JOIN_INNER, nullptr);
  Selectivity local_sel = clauselist_selectivity(root, info->local_conds, 0, JOIN_INNER, nullptr);
  QualCost local_cost;
  cost_qual_eval(&local_cost, info->local_conds, root);
  info->retrieved_rows = clamp_row_est(groups * remote_sel);
  info->rows = clamp_row_est(info->retrieved_rows * local_sel);
  info->width = grouped_rel->reltarget->width;
  info->remote_work = in->remote_work +
                      (aggcosts.transCost.per_tuple + cpu_operator_cost * list_length(group_exprs)) * input_rows +
                      (aggcosts.finalCost.per_tuple + cpu_tuple_cost) * groups;
  info->startup_cost = info->server_opts.fdw_startup_cost + info->remote_work;
  info->total_cost = info->remote_work + transfer_cost(info, info->retrieved_rows) +
                     local_cost.per_tuple * info->retrieved_rows + local_cost.startup;
  ForeignPath *path = make_upper_path(root, grouped_rel, grouped_rel->reltarget, info->rows, info->startup_cost,
                                      info->total_cost, NIL, NIL);
  add_path(grouped_rel, reinterpret_cast<Path *>(path));
}

// ORDER BY over a grouped rel (base and join rels offered sorted paths of
// their own).
void add_ordered_path(PlannerInfo *root, RelOptInfo *input_rel, RelOptInfo *ordered_rel, RelInfo *state) {
  RelInfo *in = relinfo(input_rel);
  if (input_rel->reloptkind == RELOPT_BASEREL || input_rel->reloptkind == RELOPT_JOINREL) {
    state->pushdown_safe = in->pushdown_safe && in->qp_is_pushdown_safe && root->query_pathkeys == root->sort_pathkeys;
    return;
  }
  if (!in->grouped || !in->pushdown_safe || in->local_conds != NIL) return;
  if (root->parse->hasTargetSRFs || !pathkeys_shippable(root, input_rel, root->sort_pathkeys)) return;
  state->pushdown_safe = true;
  double rows;
  Cost startup, total;
  upper_estimate(in, true, nullptr, &rows, &startup, &total);
  ForeignPath *path = make_upper_path(root, input_rel, root->upper_targets[UPPERREL_ORDERED], rows, startup, total,
                                      root->sort_pathkeys, sort_limit_private(true, -1, 0));
  add_path(ordered_rel, reinterpret_cast<Path *>(path));
}

// Warehouses (ProviderOps::estimate_base_rel): rows from table metadata
// (BigQuery's numRows, Snowflake's INFORMATION_SCHEMA.TABLES.ROW_COUNT),
// bytes from the warehouse's estimate of the scan's query (a BigQuery dry
// run; Snowflake's EXPLAIN USING JSON, compiled without resuming a
// warehouse). Bytes stand in for pages, so the planner's usual arithmetic
// prefers plans that scan less; then the local-statistics estimate applies.
void warehouse_rel_size(PlannerInfo *root, RelOptInfo *baserel, RelInfo *info) {
  double tuples = -1;
  if (info->use_remote_estimate) {
    SelectSpec spec = {info->attrs_used, info->remote_conds, NIL, -1, 0};
    StringInfoData sql;
    initStringInfo(&sql);
    List *retrieved;
    deparse_select(&sql, root, baserel, spec, &retrieved, nullptr);
    info->server_opts.provider->estimate_base_rel(info, sql.data, &tuples, &info->est);
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
  // The warehouse's own estimate of the rows its query returns knows its
  // filters better than local defaults: only the local quals apply on top.
  if (info->est.rows >= 0) baserel->rows = clamp_row_est(info->est.rows * info->local_conds_sel);
  estimate(root, baserel, NIL, NIL, nullptr, &info->rows, &info->width, &info->startup_cost, &info->total_cost,
           &info->retrieved_rows);
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
  info->dialect = &info->server_opts.provider->info().dialect();
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
  info->scan_relids = baserel->relids;
  info->visible_relids = baserel->relids;
  info->pushdown_safe = true;
  info->relations = psprintf("%s r%u", info->relation_name, baserel->relid);

  classify_conditions(root, baserel, baserel->baserestrictinfo, &info->remote_conds, &info->local_conds);

  info->attrs_used = nullptr;
  pull_varattnos(reinterpret_cast<Node *>(baserel->reltarget->exprs), baserel->relid, &info->attrs_used);
  ListCell *lc;
  foreach (lc, info->local_conds)
    pull_varattnos(reinterpret_cast<Node *>(lfirst_node(RestrictInfo, lc)->clause), baserel->relid, &info->attrs_used);

  info->local_conds_sel = clauselist_selectivity(root, info->local_conds, baserel->relid, JOIN_INNER, nullptr);
  cost_qual_eval(&info->local_conds_cost, info->local_conds, root);

  info->est.bytes = info->est.parts_assigned = info->est.parts_total = info->est.rows = -1;
  if (info->server_opts.provider->estimate_base_rel != nullptr) {
    warehouse_rel_size(root, baserel, info);
  } else if (info->use_remote_estimate) {
    estimate(root, baserel, NIL, NIL, nullptr, &info->rows, &info->width, &info->startup_cost, &info->total_cost,
             &info->retrieved_rows);
    baserel->rows = info->rows;
    baserel->reltarget->width = info->width;
  } else {
    // Never analyzed: assume 10 pages, as PostgreSQL does for new tables.
    if (baserel->tuples < 0) {
      baserel->pages = 10;
      baserel->tuples = (10.0 * BLCKSZ) / (baserel->reltarget->width + MAXALIGN(SizeofHeapTupleHeader));
    }
    set_baserel_size_estimates(root, baserel);
    estimate(root, baserel, NIL, NIL, nullptr, &info->rows, &info->width, &info->startup_cost, &info->total_cost,
             &info->retrieved_rows);
  }
  record_remote_work(info);
}

void get_foreign_paths(PlannerInfo *root, RelOptInfo *baserel, Oid) {
  RelInfo *info = relinfo(baserel);

  add_path(baserel, reinterpret_cast<Path *>(make_path(root, baserel, nullptr, info->rows, info->startup_cost,
                                                       info->total_cost, NIL, baserel->lateral_relids, NIL)));

  // Paths sorted by the remote, for the query's ORDER BY or merge joins.
  info->qp_is_pushdown_safe = pathkeys_shippable(root, baserel, root->query_pathkeys);
  ListCell *lc;
  foreach (lc, useful_pathkeys(root, baserel)) {
    List *pathkeys = static_cast<List *>(lfirst(lc));
    double rows;
    int width;
    Cost startup, total;
    estimate(root, baserel, NIL, pathkeys, nullptr, &rows, &width, &startup, &total);
    add_path(baserel, reinterpret_cast<Path *>(make_path(root, baserel, nullptr, rows, startup, total, pathkeys,
                                                         baserel->lateral_relids, NIL)));
  }

  // Parameterized paths: a nested loop sends the outer side's join key as a
  // parameter instead of pulling the whole remote table.
  List *ppi_list = NIL;
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

void get_foreign_join_paths(PlannerInfo *root, RelOptInfo *joinrel, RelOptInfo *outerrel, RelOptInfo *innerrel,
                            JoinType jointype, JoinPathExtraData *extra) {
  if (joinrel->fdw_private != nullptr) return;  // the first pair of inputs decided
  if (outerrel->fdw_private == nullptr || innerrel->fdw_private == nullptr) return;
  RelInfo *info = derived_relinfo(relinfo(outerrel));
  joinrel->fdw_private = info;
  if (!pushdown_enabled(PushdownKind::Joins)) return;
  if (!foreign_join_ok(root, joinrel, jointype, outerrel, innerrel, extra)) return;
  info->pushdown_safe = true;
  estimate_join(root, joinrel, jointype, extra);
#if PG_VERSION_NUM >= 170000
  ForeignPath *path = create_foreign_join_path(root, joinrel, nullptr, info->rows, info->startup_cost, info->total_cost,
                                               NIL, joinrel->lateral_relids, nullptr, NIL, NIL);
#else
  ForeignPath *path = create_foreign_join_path(root, joinrel, nullptr, info->rows, info->startup_cost, info->total_cost,
                                               NIL, joinrel->lateral_relids, nullptr, NIL);
#endif
  add_path(joinrel, reinterpret_cast<Path *>(path));

  // Sorted by the remote for the query's ORDER BY or a merge join above.
  info->qp_is_pushdown_safe = pathkeys_shippable(root, joinrel, root->query_pathkeys);
  ListCell *lc;
  foreach (lc, useful_pathkeys(root, joinrel)) {
    List *pathkeys = static_cast<List *>(lfirst(lc));
    Cost sort = remote_sort_cost(info->retrieved_rows, -1);
    Cost startup = info->server_opts.fdw_startup_cost + info->remote_work + sort;
#if PG_VERSION_NUM >= 170000
    path = create_foreign_join_path(root, joinrel, nullptr, info->rows, startup, info->total_cost + sort, pathkeys,
                                    joinrel->lateral_relids, nullptr, NIL, NIL);
#else
    path = create_foreign_join_path(root, joinrel, nullptr, info->rows, startup, info->total_cost + sort, pathkeys,
                                    joinrel->lateral_relids, nullptr, NIL);
#endif
    add_path(joinrel, reinterpret_cast<Path *>(path));
  }
}

void get_foreign_upper_paths(PlannerInfo *root, UpperRelationKind stage, RelOptInfo *input_rel, RelOptInfo *output_rel,
                             void *extra) {
  if (output_rel->fdw_private != nullptr) return;  // already done
  if (input_rel->fdw_private == nullptr) return;
  if (stage == UPPERREL_GROUP_AGG) {
    add_grouping_path(root, input_rel, output_rel, static_cast<GroupPathExtraData *>(extra));
    return;
  }
  if (stage != UPPERREL_ORDERED && stage != UPPERREL_FINAL) return;
  RelInfo *state = static_cast<RelInfo *>(palloc0(sizeof(RelInfo)));
  state->stage = stage;
  state->outerrel = input_rel;
  output_rel->fdw_private = state;
  if (stage == UPPERREL_ORDERED) {
    if (pushdown_enabled(PushdownKind::SortLimit)) add_ordered_path(root, input_rel, output_rel, state);
    return;
  }
  add_final_path(root, input_rel, output_rel, static_cast<FinalPathExtraData *>(extra));
}

namespace {

// The remote SELECT list of a join (the Vars its target and local quals
// need) or of a grouped rel (grouping keys and aggregates).
List *scan_tlist(RelOptInfo *rel) {
  RelInfo *info = relinfo(rel);
  if (info->grouped) return info->grouped_tlist;
  List *tlist = add_to_flat_tlist(
      NIL, pull_var_clause(reinterpret_cast<Node *>(rel->reltarget->exprs), PVC_RECURSE_PLACEHOLDERS));
  ListCell *lc;
  foreach (lc, info->local_conds)
    tlist = add_to_flat_tlist(tlist, pull_var_clause(reinterpret_cast<Node *>(lfirst_node(RestrictInfo, lc)->clause),
                                                     PVC_RECURSE_PLACEHOLDERS));
  return tlist;
}

// A join or an aggregate: one remote query, no base relation to scan.
ForeignScan *upper_plan(PlannerInfo *root, RelOptInfo *rel, ForeignPath *best_path, List *tlist, Plan *outer_plan,
                        int64 limit, int64 offset) {
  RelInfo *info = relinfo(rel);
  List *fdw_scan_tlist = scan_tlist(rel);
  List *local_exprs = info->grouped ? info->local_conds : extract_actual_clauses(info->local_conds, false);
  StringInfoData sql;
  initStringInfo(&sql);
  List *retrieved_attrs = NIL;
  List *params_list = NIL;
  deparse_rel_select(&sql, root, rel, fdw_scan_tlist, info->remote_conds, best_path->path.pathkeys, limit, offset,
                     &retrieved_attrs, &params_list);
  List *fdw_private =
      make_scan_private(sql.data, retrieved_attrs, info->fetch_size, info->server->servername, info->relation_name,
                        info->est, info->server_opts.provider->info().name, info->relations);
  return make_foreignscan(tlist, local_exprs, 0, params_list, fdw_private, fdw_scan_tlist, NIL, outer_plan);
}

}  // namespace

ForeignScan *get_foreign_plan(PlannerInfo *root, RelOptInfo *baserel, Oid, ForeignPath *best_path, List *tlist,
                              List *scan_clauses, Plan *outer_plan) {
  RelInfo *info = relinfo(baserel);
  int64 limit = -1, offset = 0;
  if (best_path->fdw_private != NIL) {
    limit = strtoll(strVal(list_nth(best_path->fdw_private, kLimit)), nullptr, 10);
    offset = strtoll(strVal(list_nth(best_path->fdw_private, kOffset)), nullptr, 10);
  }
  // Inheritance children and partitions (RELOPT_OTHER_MEMBER_REL) are
  // plain scans of their own table like any base relation.
  if (!IS_SIMPLE_REL(baserel)) return upper_plan(root, baserel, best_path, tlist, outer_plan, limit, offset);
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

  SelectSpec spec = {info->attrs_used, remote_exprs, best_path->path.pathkeys, limit, offset};
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
                                        info->relation_name, info->est, info->server_opts.provider->info().name);
  return make_foreignscan(tlist, local_exprs, baserel->relid, params_list, fdw_private, NIL, remote_exprs, outer_plan);
}

}  // namespace wfdw
