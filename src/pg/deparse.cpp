#include "pg/deparse.hpp"

#include <cmath>

#include "pg/settings.hpp"

#include "access/sysattr.h"

namespace wfdw {
namespace {

// ---------------------------------------------------------------------------
// Printing helpers

// A SqlSink over a StringInfo. Trivially destructible: safe on PG frames.
class StringInfoSink final : public SqlSink {
 public:
  explicit StringInfoSink(StringInfo buf) : buf_(buf) {}
  void append(const char *text, size_t len) override { appendBinaryStringInfo(buf_, text, static_cast<int>(len)); }
  using SqlSink::append;

 private:
  StringInfo buf_;
};

bool is_builtin(Oid oid) { return oid < FirstGenbkiObjectId; }

// Whether a dialect's spelling is a template ("MOD(%1, %2)") rather than a
// name or an infix operator.
bool is_template(const char *spelling) {
  return strstr(spelling, "%1") != nullptr || strstr(spelling, "%2") != nullptr;
}

// The type as PostgreSQL spells it, with its modifier (e.g. numeric(10,2)).
const char *pg_type_name(Oid type, int32 typmod) {
  return format_type_extended(type, typmod, FORMAT_TYPE_TYPEMOD_GIVEN);
}

// ---------------------------------------------------------------------------
// Shippability

enum class CollateState { None, Safe, Unsafe };

struct LocCtx {
  Oid collation;
  CollateState state;
};

struct GlobCtx {
  PlannerInfo *root;
  Relids relids;  // the base relations scanned: their Vars are columns
  bool grouped;   // aggregates may appear (a grouped upper relation)
  const Dialect *dialect;
};

bool type_shippable(const Dialect &d, Oid type) {
  if (!is_builtin(type)) return false;
  return d.type_name(format_type_be(type)) != nullptr;
}

// The type of an argument with its modifier, looking through implicit
// casts ("numeric(12,2)" for such a column, "integer" for an integer
// promoted to numeric); for a numeric constant, numeric(p,s) of its digits.
const char *exact_type(Node *arg) {
  Node *bare = strip_implicit_coercions(arg);
  Oid type = exprType(bare);
  int32 typmod = exprTypmod(bare);
  if (type == NUMERICOID && typmod < 0 && IsA(bare, Const) && !castNode(Const, bare)->constisnull) {
    char *text = DatumGetCString(DirectFunctionCall1(numeric_out, castNode(Const, bare)->constvalue));
    if (strspn(text, "0123456789+-.") != strlen(text)) return nullptr;  // NaN, Infinity
    const char *point = strchr(text, '.');
    int scale = point != nullptr ? static_cast<int>(strlen(point + 1)) : 0;
    int digits = 0;
    for (const char *p = text; *p; ++p) digits += (*p >= '0' && *p <= '9');
    return psprintf("numeric(%d,%d)", Max(digits, 1), scale);
  }
  return pg_type_name(type, typmod);
}

// Fills what a dialect needs to decide on a routine and spell it:
// argument types (exact ones too), a constant first argument (a date
// field), a constant text second argument (a pattern), and whether the
// input collation folds ASCII only. `pattern_arg` is false where the second
// argument is no pattern (an array of an = ANY).
void fill_routine_ref(RoutineRef *ref, const char *name, List *args, Oid result_type, Oid inputcollid = InvalidOid,
                      bool pattern_arg = true) {
  *ref = RoutineRef{};
  ref->name = name;
  ref->nargs = list_length(args);
  ref->arg_types[0] = ref->arg_types[1] = nullptr;
  ref->const_text = nullptr;
  int i = 0;
  ListCell *lc;
  foreach (lc, args) {
    if (i >= 2) break;
    Node *arg = static_cast<Node *>(lfirst(lc));
    if (IsA(arg, TargetEntry)) arg = reinterpret_cast<Node *>(castNode(TargetEntry, arg)->expr);  // aggregates
    ref->exact_types[i] = exact_type(arg);
    ref->arg_types[i++] = format_type_be(exprType(arg));
    if (i == 1 && IsA(arg, Const) && exprType(arg) == TEXTOID && !castNode(Const, arg)->constisnull) {
      char *field = TextDatumGetCString(castNode(Const, arg)->constvalue);
      for (char *p = field; *p; ++p) *p = static_cast<char>(pg_ascii_tolower(static_cast<unsigned char>(*p)));
      ref->const_text = field;
    }
    if (i == 2 && pattern_arg) {
      Node *bare = strip_implicit_coercions(arg);
      if (IsA(bare, Const) && !castNode(Const, bare)->constisnull &&
          (exprType(bare) == TEXTOID || exprType(bare) == VARCHAROID))
        ref->const_arg2 = TextDatumGetCString(castNode(Const, bare)->constvalue);
    }
  }
  ref->ctype_is_c = OidIsValid(inputcollid) && lc_ctype_is_c(inputcollid);
  ref->result_type = format_type_be(result_type);
}

const char *mapped_function(const Dialect &d, Oid funcid, List *args, Oid result_type, Oid inputcollid) {
  if (!is_builtin(funcid)) return nullptr;
  RoutineRef ref;
  fill_routine_ref(&ref, get_func_name(funcid), args, result_type, inputcollid);
  return d.map_function(ref);
}

const char *mapped_operator(const Dialect &d, Oid opno, List *args, Oid result_type, Oid inputcollid) {
  if (!is_builtin(opno)) return nullptr;
  RoutineRef ref;
  fill_routine_ref(&ref, get_opname(opno), args, result_type, inputcollid);
  return d.map_operator(ref);
}

// The remote name of an aggregate; count(*) is seen with no argument.
const char *mapped_aggregate(const Dialect &d, Aggref *agg) {
  if (!is_builtin(agg->aggfnoid)) return nullptr;
  RoutineRef ref;
  fill_routine_ref(&ref, get_func_name(agg->aggfnoid), agg->aggstar ? NIL : agg->args, agg->aggtype, agg->inputcollid);
  return d.map_aggregate(ref);
}

// The remote type an aggregate's argument is cast to, or nullptr.
const char *aggregate_arg_type(const Dialect &d, Aggref *agg) {
  if (agg->aggstar || list_length(agg->args) != 1) return nullptr;
  RoutineRef ref;
  fill_routine_ref(&ref, get_func_name(agg->aggfnoid), agg->args, agg->aggtype, agg->inputcollid);
  return d.aggregate_arg_type(ref);
}

// An ORDER BY inside an aggregate ships when each item sorts by its type's
// default ascending or descending operator.
bool agg_order_ok(Aggref *agg) {
  ListCell *lc;
  foreach (lc, agg->aggorder) {
    SortGroupClause *sgc = lfirst_node(SortGroupClause, lc);
    TargetEntry *tle = get_sortgroupref_tle(sgc->tleSortGroupRef, agg->args);
    TypeCacheEntry *tce =
        lookup_type_cache(exprType(reinterpret_cast<Node *>(tle->expr)), TYPECACHE_LT_OPR | TYPECACHE_GT_OPR);
    if (sgc->sortop != tce->lt_opr && sgc->sortop != tce->gt_opr) return false;
  }
  return true;
}

// An operator of a ScalarArrayOpExpr: the routine seen with the element type
// of its array argument. Dialects with bracket arrays ship only IN / NOT IN.
const char *mapped_saop(const Dialect &d, ScalarArrayOpExpr *oe) {
  if (!is_builtin(oe->opno) || list_length(oe->args) != 2) return nullptr;
  RoutineRef ref;
  fill_routine_ref(&ref, get_opname(oe->opno), oe->args, BOOLOID, oe->inputcollid, false);
  Oid elem = get_element_type(exprType(static_cast<Node *>(lsecond(oe->args))));
  if (!OidIsValid(elem)) return nullptr;
  ref.arg_types[1] = format_type_be(elem);
  const char *op = d.map_operator(ref);
  if (op == nullptr || !(d.bracket_arrays() || d.in_list_arrays())) return op;
  if (oe->useOr ? strcmp(ref.name, "=") == 0 : strcmp(ref.name, "<>") == 0) return op;
  return nullptr;
}

bool is_ordering_operator(Oid opno) {
  const char *name = get_opname(opno);
  return name != nullptr &&
         (strcmp(name, "<") == 0 || strcmp(name, "<=") == 0 || strcmp(name, ">") == 0 || strcmp(name, ">=") == 0);
}

// Code-point string ordering (BigQuery) equals ours only under C.
bool ordering_collation_ok(const Dialect &d, Oid collation) {
  return !d.text_order_is_binary() || !OidIsValid(collation) || lc_collate_is_c(collation);
}

bool cast_ok(const Dialect &d, Node *arg, Oid result_type) {
  return d.cast_shippable(format_type_be(exprType(arg)), format_type_be(result_type));
}

// The collation a node introduces, compared with what its inputs carried.
CollateState derived_state(Oid collation, const LocCtx &inner) {
  if (collation == InvalidOid) return CollateState::None;
  if (inner.state == CollateState::Safe && collation == inner.collation) return CollateState::Safe;
  if (collation == DEFAULT_COLLATION_OID) return CollateState::None;
  return CollateState::Unsafe;
}

// Input collation of an operator/function must come from a foreign Var, or
// be the default collation of constants/parameters: the remote's default
// collation is assumed to match ours for foreign Vars already.
bool input_collation_ok(Oid inputcollid, const LocCtx &inner) {
  if (inputcollid == InvalidOid) return true;
  if (inner.state == CollateState::None && inputcollid == DEFAULT_COLLATION_OID) return true;
  return inner.state == CollateState::Safe && inputcollid == inner.collation;
}

// Collation of a leaf that does not come from the foreign table.
CollateState outside_state(Oid collation) {
  return collation == InvalidOid || collation == DEFAULT_COLLATION_OID ? CollateState::None : CollateState::Unsafe;
}

bool walker(Node *node, GlobCtx *glob, LocCtx *outer, LocCtx *case_arg);

// Whether a value of this type can be sent as a query parameter: BigQuery's
// and Snowflake's scalar bindings carry no arrays (a BigQuery ARRAY
// parameter is a structured type, not "ARRAY<STRING>").
bool param_type_ok(const Dialect &d, Oid type) {
  if (!(d.bracket_arrays() || d.in_list_arrays())) return true;
  return !OidIsValid(get_element_type(type));
}

bool walk_list(List *list, GlobCtx *glob, LocCtx *inner, LocCtx *case_arg) {
  ListCell *lc;
  foreach (lc, list)
    if (!walker(static_cast<Node *>(lfirst(lc)), glob, inner, case_arg)) return false;
  return true;
}

bool walker(Node *node, GlobCtx *glob, LocCtx *outer, LocCtx *case_arg) {
  if (node == nullptr) return true;
  const Dialect &d = *glob->dialect;
  LocCtx inner = {InvalidOid, CollateState::None};
  Oid collation = InvalidOid;
  CollateState state = CollateState::None;
  bool check_type = true;

  switch (nodeTag(node)) {
    case T_Var: {
      Var *var = castNode(Var, node);
      if (bms_is_member(var->varno, glob->relids) && var->varlevelsup == 0) {
        // System columns and whole rows stay local; a PostgreSQL remote has
        // the ctid of a plain table scan (not of a join or aggregate).
        bool remote_ctid = var->varattno == SelfItemPointerAttributeNumber && d.has_ctid() && !glob->grouped &&
                           bms_num_members(glob->relids) == 1;
        if (var->varattno <= 0 && !remote_ctid) return false;
        collation = var->varcollid;
        state = OidIsValid(collation) ? CollateState::Safe : CollateState::None;
      } else {
        if (var->varlevelsup != 0) return false;
        if (!param_type_ok(d, var->vartype)) return false;  // sent as a parameter
        collation = var->varcollid;
        state = outside_state(collation);
      }
      break;
    }
    case T_Const: {
      Const *c = castNode(Const, node);
      // A numeric constant without a remote type prints bare: only finite
      // values have a literal.
      if (c->consttype == NUMERICOID && !c->constisnull && d.type_name("numeric") == nullptr) {
        char *text = DatumGetCString(DirectFunctionCall1(numeric_out, c->constvalue));
        if (strspn(text, "0123456789+-.") != strlen(text)) return false;
      }
      // NaN and the infinities order and compare differently on warehouses.
      if ((c->consttype == FLOAT8OID || c->consttype == FLOAT4OID) && !c->constisnull && !d.float_special_values()) {
        double v = c->consttype == FLOAT8OID ? DatumGetFloat8(c->constvalue) : DatumGetFloat4(c->constvalue);
        if (std::isnan(v) || std::isinf(v)) return false;
      }
      if (d.in_list_arrays() && OidIsValid(get_element_type(c->consttype))) return false;
      if (d.bracket_arrays() && !c->constisnull && OidIsValid(get_element_type(c->consttype))) {
        ArrayType *arr = DatumGetArrayTypeP(c->constvalue);
        if (ARR_NDIM(arr) != 1 || ArrayGetNItems(ARR_NDIM(arr), ARR_DIMS(arr)) == 0) return false;
      }
      collation = c->constcollid;
      state = outside_state(collation);
      break;
    }
    case T_Param: {
      Param *p = castNode(Param, node);
      if (p->paramkind != PARAM_EXTERN && p->paramkind != PARAM_EXEC) return false;
      if (!param_type_ok(d, p->paramtype)) return false;
      collation = p->paramcollid;
      state = outside_state(collation);
      break;
    }
    case T_FuncExpr: {
      FuncExpr *fe = castNode(FuncExpr, node);
      if (fe->funcretset) return false;
      if (fe->funcformat != COERCE_IMPLICIT_CAST &&
          mapped_function(d, fe->funcid, fe->args, fe->funcresulttype, fe->inputcollid) == nullptr)
        return false;
      if (fe->funcformat == COERCE_IMPLICIT_CAST && !is_builtin(fe->funcid)) return false;
      if (fe->funcformat == COERCE_EXPLICIT_CAST) {
        if (!type_shippable(d, fe->funcresulttype)) return false;
        if (!cast_ok(d, static_cast<Node *>(linitial(fe->args)), fe->funcresulttype)) return false;
        int32 typmod;
        if (exprIsLengthCoercion(node, &typmod) && d.type_name(pg_type_name(fe->funcresulttype, typmod)) == nullptr)
          return false;
      }
      if (!walk_list(fe->args, glob, &inner, case_arg)) return false;
      if (!input_collation_ok(fe->inputcollid, inner)) return false;
      collation = fe->funccollid;
      state = derived_state(collation, inner);
      break;
    }
    case T_OpExpr:
    case T_DistinctExpr:
    case T_NullIfExpr: {
      OpExpr *oe = reinterpret_cast<OpExpr *>(node);
      const char *op = mapped_operator(d, oe->opno, oe->args, oe->opresulttype, oe->inputcollid);
      if (op == nullptr) return false;
      // NULLIF prints no operator: one the dialect must spell as a template
      // (BigQuery's NaN-aware float equality) cannot be used there.
      if (nodeTag(node) == T_NullIfExpr && is_template(op)) return false;
      if (!walk_list(oe->args, glob, &inner, case_arg)) return false;
      if (!input_collation_ok(oe->inputcollid, inner)) return false;
      if (is_ordering_operator(oe->opno) && !ordering_collation_ok(d, oe->inputcollid)) return false;
      collation = oe->opcollid;
      state = derived_state(collation, inner);
      break;
    }
    case T_ScalarArrayOpExpr: {
      ScalarArrayOpExpr *oe = castNode(ScalarArrayOpExpr, node);
      // IN lists and = ANY print the operator's name: a template spelling
      // (BigQuery's NaN-aware float comparisons) cannot be used there.
      const char *op = mapped_saop(d, oe);
      if (op == nullptr || is_template(op)) return false;
      if (is_ordering_operator(oe->opno) && !ordering_collation_ok(d, oe->inputcollid)) return false;
      if (d.in_list_arrays()) {
        // Only a non-empty one-dimensional constant becomes an IN list.
        Node *arr = static_cast<Node *>(lsecond(oe->args));
        if (!IsA(arr, Const) || castNode(Const, arr)->constisnull) return false;
        ArrayType *a = DatumGetArrayTypeP(castNode(Const, arr)->constvalue);
        if (ARR_NDIM(a) != 1 || ArrayGetNItems(ARR_NDIM(a), ARR_DIMS(a)) == 0) return false;
        if (!walker(static_cast<Node *>(linitial(oe->args)), glob, &inner, case_arg)) return false;
        if (!input_collation_ok(oe->inputcollid, inner)) return false;
        break;
      }
      if (!walk_list(oe->args, glob, &inner, case_arg)) return false;
      if (!input_collation_ok(oe->inputcollid, inner)) return false;
      break;
    }
    case T_RelabelType: {
      RelabelType *r = castNode(RelabelType, node);
      // An explicit relabeling is printed as a cast: the dialect needs a
      // spelling of its exact target type (Snowflake has none for an
      // unconstrained numeric).
      if (r->relabelformat != COERCE_IMPLICIT_CAST &&
          (!cast_ok(d, reinterpret_cast<Node *>(r->arg), r->resulttype) ||
           d.type_name(pg_type_name(r->resulttype, r->resulttypmod)) == nullptr))
        return false;
      if (!walker(reinterpret_cast<Node *>(r->arg), glob, &inner, case_arg)) return false;
      collation = r->resultcollid;
      state = derived_state(collation, inner);
      break;
    }
    case T_CoerceViaIO: {
      CoerceViaIO *c = castNode(CoerceViaIO, node);
      if (!type_shippable(d, c->resulttype)) return false;
      if (!cast_ok(d, reinterpret_cast<Node *>(c->arg), c->resulttype)) return false;
      if (!walker(reinterpret_cast<Node *>(c->arg), glob, &inner, case_arg)) return false;
      collation = c->resultcollid;
      state = derived_state(collation, inner);
      break;
    }
    case T_BoolExpr:
      if (!walk_list(castNode(BoolExpr, node)->args, glob, &inner, case_arg)) return false;
      break;
    case T_NullTest: {
      NullTest *nt = castNode(NullTest, node);
      if (nt->argisrow) return false;  // row-wise IS NULL differs from a scalar test
      if (!walker(reinterpret_cast<Node *>(nt->arg), glob, &inner, case_arg)) return false;
      break;
    }
    case T_BooleanTest:
      if (!walker(reinterpret_cast<Node *>(castNode(BooleanTest, node)->arg), glob, &inner, case_arg)) return false;
      break;
    case T_CaseExpr: {
      CaseExpr *ce = castNode(CaseExpr, node);
      LocCtx arg_ctx = {InvalidOid, CollateState::None};
      if (ce->arg != nullptr && !walker(reinterpret_cast<Node *>(ce->arg), glob, &arg_ctx, case_arg)) return false;
      ListCell *lc;
      foreach (lc, ce->args) {
        CaseWhen *cw = lfirst_node(CaseWhen, lc);
        if (ce->arg != nullptr) {
          // CASE x WHEN v: the printer needs "CaseTestExpr = v".
          Node *when = reinterpret_cast<Node *>(cw->expr);
          if (!IsA(when, OpExpr)) return false;
          List *op_args = castNode(OpExpr, when)->args;
          if (list_length(op_args) != 2 ||
              !IsA(strip_implicit_coercions(static_cast<Node *>(linitial(op_args))), CaseTestExpr))
            return false;
          // The printer drops the operator: it must be a plain "=".
          OpExpr *eq = castNode(OpExpr, when);
          const char *op = mapped_operator(d, eq->opno, eq->args, eq->opresulttype, eq->inputcollid);
          if (op == nullptr || is_template(op)) return false;
        }
        LocCtx tmp = {InvalidOid, CollateState::None};
        if (!walker(reinterpret_cast<Node *>(cw->expr), glob, &tmp, &arg_ctx)) return false;
        if (!walker(reinterpret_cast<Node *>(cw->result), glob, &inner, case_arg)) return false;
      }
      if (!walker(reinterpret_cast<Node *>(ce->defresult), glob, &inner, case_arg)) return false;
      collation = ce->casecollid;
      state = derived_state(collation, inner);
      break;
    }
    case T_CaseTestExpr: {
      if (case_arg == nullptr) return false;
      collation = castNode(CaseTestExpr, node)->collation;
      state = derived_state(collation, *case_arg);
      break;
    }
    case T_CoalesceExpr: {
      CoalesceExpr *c = castNode(CoalesceExpr, node);
      if (!walk_list(c->args, glob, &inner, case_arg)) return false;
      collation = c->coalescecollid;
      state = derived_state(collation, inner);
      break;
    }
    case T_MinMaxExpr: {
      MinMaxExpr *m = castNode(MinMaxExpr, node);
      if (!d.greatest_ignores_nulls()) return false;
      if (!walk_list(m->args, glob, &inner, case_arg)) return false;
      if (!input_collation_ok(m->inputcollid, inner)) return false;
      if (!ordering_collation_ok(d, m->inputcollid)) return false;
      collation = m->minmaxcollid;
      state = derived_state(collation, inner);
      break;
    }
    case T_ArrayExpr: {
      ArrayExpr *a = castNode(ArrayExpr, node);
      if (a->multidims) return false;
      if (!walk_list(a->elements, glob, &inner, case_arg)) return false;
      collation = a->array_collid;
      state = derived_state(collation, inner);
      break;
    }
    case T_SubscriptingRef: {
      SubscriptingRef *sr = castNode(SubscriptingRef, node);
      // Reading an element or slice of an array; not an assignment.
      if (!d.array_subscripts() || sr->refassgnexpr != nullptr) return false;
      if (!OidIsValid(get_element_type(sr->refcontainertype))) return false;
      if (!walk_list(sr->refupperindexpr, glob, &inner, case_arg) ||
          !walk_list(sr->reflowerindexpr, glob, &inner, case_arg))
        return false;
      if (!walker(reinterpret_cast<Node *>(sr->refexpr), glob, &inner, case_arg)) return false;
      collation = sr->refcollid;
      state = derived_state(collation, inner);
      break;
    }
    case T_Aggref: {
      Aggref *agg = castNode(Aggref, node);
      // Only over a grouped relation, whole (not partial), plain or
      // DISTINCT, with a name the dialect maps for these argument types.
      if (!glob->grouped || agg->aggsplit != AGGSPLIT_SIMPLE || agg->agglevelsup != 0) return false;
      if (agg->aggvariadic) return false;
      // Ordered-set aggregates (percentile_cont(0.5) WITHIN GROUP (ORDER BY
      // x), rank(..) WITHIN GROUP ...) where the dialect sorts inside
      // aggregates as PostgreSQL does.
      if (AGGKIND_IS_ORDERED_SET(agg->aggkind)) {
        if (!d.aggregate_order_by() || agg->aggfilter != nullptr) return false;
        if (!walk_list(agg->aggdirectargs, glob, &inner, case_arg)) return false;
      }
      if (mapped_aggregate(d, agg) == nullptr) return false;
      if (agg->aggorder != NIL && (!d.aggregate_order_by() || !agg_order_ok(agg))) return false;
      if (agg->aggfilter != nullptr && !d.aggregate_filter() && list_length(agg->args) > 1) return false;
      ListCell *lc;
      foreach (lc, agg->args) {
        TargetEntry *tle = lfirst_node(TargetEntry, lc);
        if (!walker(reinterpret_cast<Node *>(tle->expr), glob, &inner, case_arg)) return false;
      }
      if (agg->aggfilter != nullptr) {
        LocCtx tmp = {InvalidOid, CollateState::None};
        if (!walker(reinterpret_cast<Node *>(agg->aggfilter), glob, &tmp, case_arg)) return false;
        if (tmp.state == CollateState::Unsafe) return false;
      }
      if (!input_collation_ok(agg->inputcollid, inner)) return false;
      // min/max of text order by the collation, as comparisons do.
      if (!ordering_collation_ok(d, agg->inputcollid)) return false;
      collation = agg->aggcollid;
      state = derived_state(collation, inner);
      break;
    }
    case T_List:
      if (!walk_list(castNode(List, node), glob, &inner, case_arg)) return false;
      collation = inner.collation;
      state = inner.state;
      check_type = false;
      break;
    default:
      return false;
  }

  if (check_type && (!is_builtin(exprType(node)) || !d.value_type_shippable(format_type_be(exprType(node)))))
    return false;

  // Merge this node's collation into the parent's.
  if (state > outer->state) {
    outer->collation = collation;
    outer->state = state;
  } else if (state == outer->state && state == CollateState::Safe && collation != outer->collation) {
    if (outer->collation == DEFAULT_COLLATION_OID)
      outer->collation = collation;
    else if (collation != DEFAULT_COLLATION_OID)
      outer->state = CollateState::Unsafe;
  }
  return true;
}

// ---------------------------------------------------------------------------
// Printing

struct Ctx {
  PlannerInfo *root;  // NULL for ANALYZE
  Relids relids;      // base relations scanned; their Vars print as columns
  bool use_alias;     // columns as r<rtindex>.col (joins)
  StringInfo buf;
  List **params_list;
  const Dialect *dialect;
  List *subqueries;  // RelOptInfos printed as subqueries of FULL joins: their Vars print as sN.cK
};

void print_expr(Expr *node, Ctx *ctx);

// The input rels of FULL joins in `rel`'s tree that are printed as
// subqueries.
void collect_subqueries(RelOptInfo *rel, List **out) {
  RelInfo *info = relinfo(rel);
  if (info == nullptr || IS_SIMPLE_REL(rel)) return;
  if (info->grouped) {
    collect_subqueries(info->outerrel, out);
    return;
  }
  if (info->outerrel == nullptr || info->innerrel == nullptr) return;
  if (info->outer_subquery)
    *out = lappend(*out, info->outerrel);
  else
    collect_subqueries(info->outerrel, out);
  if (info->inner_subquery)
    *out = lappend(*out, info->innerrel);
  else
    collect_subqueries(info->innerrel, out);
}

// "cK" names of a subquery's columns.
void print_subquery_name(Ctx *ctx, char kind, int n) {
  char name[32];
  snprintf(name, sizeof(name), "%c%d", kind, n);
  StringInfoSink out(ctx->buf);
  ctx->dialect->identifier(out, name);
}

// The alias of the subquery of `rel`: s<relid> for a table, s<first>_<last>
// for a join, so that nested subqueries never share one.
void print_subquery_alias(Ctx *ctx, RelOptInfo *rel) {
  char name[48];
  int first = bms_next_member(rel->relids, -1);
  int last = bms_prev_member(rel->relids, -1);
  if (first == last)
    snprintf(name, sizeof(name), "s%d", first);
  else
    snprintf(name, sizeof(name), "s%d_%d", first, last);
  StringInfoSink out(ctx->buf);
  ctx->dialect->identifier(out, name);
}

// A Var of a relation inside a subquery: sN.cK. False when not in one.
bool print_subquery_var(Var *var, Ctx *ctx) {
  if (var->varlevelsup != 0) return false;
  ListCell *lc;
  foreach (lc, ctx->subqueries) {
    RelOptInfo *sq = static_cast<RelOptInfo *>(lfirst(lc));
    if (!bms_is_member(var->varno, sq->relids)) continue;
    int pos = 1;
    ListCell *lc2;
    foreach (lc2, sq->reltarget->exprs) {
      Var *v = static_cast<Var *>(lfirst(lc2));
      if (IsA(v, Var) && v->varno == var->varno && v->varattno == var->varattno) {
        print_subquery_alias(ctx, sq);
        appendStringInfoChar(ctx->buf, '.');
        print_subquery_name(ctx, 'c', pos);
        return true;
      }
      pos++;
    }
    elog(ERROR, "warehouse_fdw: column %d of relation %u is not in its subquery's output", var->varattno, var->varno);
  }
  return false;
}

// The remote name of a type, with its modifier when the dialect has one,
// else of the bare type (a parameter's or constant's value fits either).
const char *remote_type(const Dialect &d, Oid type, int32 typmod) {
  const char *name = d.type_name(pg_type_name(type, typmod));
  return name != nullptr ? name : d.type_name(format_type_be(type));
}

// Prints a dialect template such as "MOD(%1, %2)" with the arguments.
void print_template(const char *tmpl, List *args, Ctx *ctx) {
  for (const char *p = tmpl; *p; ++p) {
    if (p[0] == '%' && (p[1] == '1' || p[1] == '2')) {
      int i = p[1] - '1';
      if (i < list_length(args)) print_expr(static_cast<Expr *>(list_nth(args, i)), ctx);
      ++p;
    } else {
      appendStringInfoChar(ctx->buf, *p);
    }
  }
}

// The alias of base relation `rtindex` in a join's FROM list.
void print_alias(Ctx *ctx, Index rtindex) {
  char alias[32];
  snprintf(alias, sizeof(alias), "r%u", rtindex);
  StringInfoSink out(ctx->buf);
  ctx->dialect->identifier(out, alias);
}

void print_column(Ctx *ctx, Oid relid, AttrNumber attnum, Index rtindex = 0) {
  bool as_text;
  const char *name = column_remote_name(relid, attnum, &as_text);
  StringInfoSink out(ctx->buf);
  if (as_text) out.append("CAST(");
  if (rtindex > 0) {
    print_alias(ctx, rtindex);
    out.append(".");
  }
  ctx->dialect->identifier(out, name);
  if (as_text) {
    out.append(" AS ");
    out.append(ctx->dialect->type_name("text"));
    out.append(")");
  }
}

void print_param(Expr *node, Ctx *ctx) {
  const char *type =
      remote_type(*ctx->dialect, exprType(reinterpret_cast<Node *>(node)), exprTypmod(reinterpret_cast<Node *>(node)));
  StringInfoSink out(ctx->buf);
  if (ctx->params_list == nullptr) {
    ctx->dialect->opaque_value(out, type);
    return;
  }
  int n = 0;
  ListCell *lc;
  int i = 1;
  foreach (lc, *ctx->params_list) {
    if (equal(lfirst(lc), node)) {
      n = i;
      break;
    }
    i++;
  }
  if (n == 0) {
    *ctx->params_list = lappend(*ctx->params_list, node);
    n = list_length(*ctx->params_list);
  }
  ctx->dialect->param_ref(out, n, type);
}

// A whole row or a system column of a base relation inside a pushed join
// (PostgreSQL remotes, as postgres_fdw): the whole row as ROW(columns...),
// tableoid as the local table's OID, ctid as the remote's, xmin and the rest
// as 0. Each goes NULL with its outer join: "(rN.*)::text IS NOT NULL" is
// false only for the row an outer join made up.
void print_join_special_column(Var *var, Ctx *ctx) {
  StringInfo buf = ctx->buf;
  if (var->varattno == SelfItemPointerAttributeNumber) {
    print_alias(ctx, var->varno);
    appendStringInfoString(buf, ".ctid");
    return;
  }
  appendStringInfoString(buf, "CASE WHEN (");
  print_alias(ctx, var->varno);
  appendStringInfoString(buf, ".*)::text IS NOT NULL THEN ");
  Oid relid = planner_rt_fetch(var->varno, ctx->root)->relid;
  if (var->varattno == 0) {
    Relation rel = table_open(relid, NoLock);
    TupleDesc desc = RelationGetDescr(rel);
    appendStringInfoString(buf, "ROW(");
    bool first = true;
    for (int i = 1; i <= desc->natts; i++) {
      if (TupleDescAttr(desc, i - 1)->attisdropped) continue;
      if (!first) appendStringInfoString(buf, ", ");
      first = false;
      print_column(ctx, relid, i, var->varno);
    }
    appendStringInfoChar(buf, ')');
    table_close(rel, NoLock);
  } else {
    appendStringInfo(buf, "%u", var->varattno == TableOidAttributeNumber ? relid : 0);
  }
  appendStringInfoString(buf, " END");
}

void print_var(Var *var, Ctx *ctx) {
  if (ctx->subqueries != NIL && print_subquery_var(var, ctx)) return;
  if (var->varattno <= 0 && var->varlevelsup == 0 && bms_is_member(var->varno, ctx->relids)) {
    if (ctx->use_alias) {
      print_join_special_column(var, ctx);
      return;
    }
    appendStringInfoString(ctx->buf, "ctid");  // the shippability walker allowed it (PostgreSQL)
    return;
  }
  if (bms_is_member(var->varno, ctx->relids) && var->varlevelsup == 0)
    print_column(ctx, planner_rt_fetch(var->varno, ctx->root)->relid, var->varattno, ctx->use_alias ? var->varno : 0);
  else
    print_param(reinterpret_cast<Expr *>(var), ctx);
}

// How a constant's type is shown: Auto casts unless the remote infers the
// type from the literal; Force always casts; UntypedString leaves a string
// literal uncast (compared with a plain column, whose type it takes).
enum class ConstType { Auto, Force, UntypedString };

void print_const(Const *c, Ctx *ctx, ConstType how) {
  bool force_type = how == ConstType::Force;
  StringInfoSink out(ctx->buf);
  const char *type = remote_type(*ctx->dialect, c->consttype, c->consttypmod);
  if (c->constisnull && type == nullptr) {
    out.append("NULL");  // no remote spelling of the type (Snowflake numeric)
    return;
  }
  if (c->constisnull) {
    out.append("CAST(NULL AS ");
    out.append(type);
    out.append(")");
    return;
  }
  Oid elemtype = get_element_type(c->consttype);
  if (ctx->dialect->bracket_arrays() && OidIsValid(elemtype)) {
    // [e1, e2, ...], each element a constant of the element type.
    int16 elmlen;
    bool elmbyval;
    char elmalign;
    get_typlenbyvalalign(elemtype, &elmlen, &elmbyval, &elmalign);
    Datum *elems;
    bool *nulls;
    int n;
    deconstruct_array(DatumGetArrayTypeP(c->constvalue), elemtype, elmlen, elmbyval, elmalign, &elems, &nulls, &n);
    appendStringInfoChar(ctx->buf, '[');
    for (int i = 0; i < n; i++) {
      if (i > 0) appendStringInfoString(ctx->buf, ", ");
      Const *e = makeConst(elemtype, -1, c->constcollid, elmlen, elems[i], nulls[i], elmbyval);
      print_const(e, ctx, ConstType::Auto);
    }
    appendStringInfoChar(ctx->buf, ']');
    return;
  }
  Oid typoutput;
  bool typvarlena;
  getTypeOutputInfo(c->consttype, &typoutput, &typvarlena);
  char *text = OidOutputFunctionCall(typoutput, c->constvalue);
  ConstKind kind = ConstKind::String;
  bool needs_type = true;
  switch (c->consttype) {
    case INT2OID:
    case INT4OID:
    case INT8OID:
    case OIDOID:
    case NUMERICOID:
      kind = ConstKind::Number;
      break;
    case FLOAT4OID:
    case FLOAT8OID:
      // A typed string literal: a bare -0 would be read as the integer 0,
      // and NaN/Infinity have no numeric literal. Full precision comes from
      // extra_float_digits (set_transmission_modes).
      force_type = true;
      break;
    case BOOLOID:
      kind = ConstKind::Boolean;
      break;
    case BITOID:
    case VARBITOID:
      kind = ConstKind::BitString;
      break;
    default:
      break;
  }
  // Types the remote parser infers exactly from the literal need no cast.
  if (c->consttype == BOOLOID || c->consttype == INT4OID || c->consttype == UNKNOWNOID) needs_type = false;
  if (c->consttype == NUMERICOID && c->consttypmod < 0 && strcspn(text, "eE.") != strlen(text) &&
      strspn(text, "0123456789+-eE.") == strlen(text))
    needs_type = false;
  if (how == ConstType::UntypedString && kind == ConstKind::String) needs_type = false;
  needs_type = (needs_type || force_type) && type != nullptr;
  if (needs_type) out.append("CAST(");
  ctx->dialect->constant(out, kind, text);
  if (needs_type) {
    out.append(" AS ");
    out.append(type);
    out.append(")");
  }
}

void print_args(List *args, Ctx *ctx) {
  bool first = true;
  ListCell *lc;
  foreach (lc, args) {
    if (!first) appendStringInfoString(ctx->buf, ", ");
    print_expr(static_cast<Expr *>(lfirst(lc)), ctx);
    first = false;
  }
}

void print_cast(Expr *arg, Oid type, int32 typmod, Ctx *ctx) {
  const char *name = ctx->dialect->type_name(pg_type_name(type, typmod));
  if (name == nullptr)  // the shippability walker should have kept it local
    elog(ERROR, "warehouse_fdw: no %s spelling of type %s", ctx->dialect->name(), pg_type_name(type, typmod));
  appendStringInfoString(ctx->buf, "CAST(");
  print_expr(arg, ctx);
  appendStringInfo(ctx->buf, " AS %s)", name);
}

void print_func(FuncExpr *fe, Ctx *ctx) {
  if (fe->funcformat == COERCE_IMPLICIT_CAST) {
    print_expr(static_cast<Expr *>(linitial(fe->args)), ctx);
    return;
  }
  if (fe->funcformat == COERCE_EXPLICIT_CAST) {
    int32 typmod;
    exprIsLengthCoercion(reinterpret_cast<Node *>(fe), &typmod);
    print_cast(static_cast<Expr *>(linitial(fe->args)), fe->funcresulttype, typmod, ctx);
    return;
  }
  const char *name = mapped_function(*ctx->dialect, fe->funcid, fe->args, fe->funcresulttype, fe->inputcollid);
  if (is_template(name)) {
    print_template(name, fe->args, ctx);
    return;
  }
  StringInfoSink out(ctx->buf);
  ctx->dialect->function_name(out, name);
  appendStringInfoChar(ctx->buf, '(');
  bool first = true;
  ListCell *lc;
  foreach (lc, fe->args) {
    if (!first) appendStringInfoString(ctx->buf, ", ");
    if (fe->funcvariadic && lnext(fe->args, lc) == nullptr) appendStringInfoString(ctx->buf, "VARIADIC ");
    print_expr(static_cast<Expr *>(lfirst(lc)), ctx);
    first = false;
  }
  appendStringInfoChar(ctx->buf, ')');
}

// The sort items of an aggregate's ORDER BY (or WITHIN GROUP), each with
// ASC/DESC and NULLS FIRST/LAST.
void print_agg_order(Aggref *agg, Ctx *ctx) {
  StringInfoSink out(ctx->buf);
  bool first = true;
  ListCell *lc;
  foreach (lc, agg->aggorder) {
    SortGroupClause *sgc = lfirst_node(SortGroupClause, lc);
    TargetEntry *tle = get_sortgroupref_tle(sgc->tleSortGroupRef, agg->args);
    if (!first) appendStringInfoString(ctx->buf, ", ");
    print_expr(tle->expr, ctx);
    TypeCacheEntry *tce = lookup_type_cache(exprType(reinterpret_cast<Node *>(tle->expr)), TYPECACHE_GT_OPR);
    ctx->dialect->order_suffix(out, sgc->sortop == tce->gt_opr, sgc->nulls_first);
    first = false;
  }
}

void print_aggref(Aggref *agg, Ctx *ctx) {
  const Dialect &d = *ctx->dialect;
  StringInfo buf = ctx->buf;
  const char *name = mapped_aggregate(d, agg);
  StringInfoSink out(buf);
  d.function_name(out, name);
  appendStringInfoChar(buf, '(');
  if (AGGKIND_IS_ORDERED_SET(agg->aggkind)) {
    // name(direct args) WITHIN GROUP (ORDER BY aggregated args)
    print_args(agg->aggdirectargs, ctx);
    appendStringInfoString(buf, ") WITHIN GROUP (ORDER BY ");
    print_agg_order(agg, ctx);
    appendStringInfoChar(buf, ')');
    return;
  }
  if (agg->aggdistinct != NIL) appendStringInfoString(buf, "DISTINCT ");
  const char *arg_type = aggregate_arg_type(d, agg);
  if (arg_type != nullptr) appendStringInfoString(buf, "CAST(");
  // Without FILTER: agg(CASE WHEN filter THEN arg END), count(*) counting 1s.
  bool as_case = agg->aggfilter != nullptr && !d.aggregate_filter();
  if (as_case) {
    appendStringInfoString(buf, "CASE WHEN ");
    print_expr(agg->aggfilter, ctx);
    appendStringInfoString(buf, " THEN ");
    if (agg->aggstar)
      appendStringInfoChar(buf, '1');
    else
      print_expr(castNode(TargetEntry, linitial(agg->args))->expr, ctx);
    appendStringInfoString(buf, " END");
  } else if (agg->aggstar) {
    appendStringInfoChar(buf, '*');
  } else {
    bool first = true;
    ListCell *lc;
    foreach (lc, agg->args) {
      TargetEntry *tle = lfirst_node(TargetEntry, lc);
      if (tle->resjunk) continue;  // ORDER BY-only inputs
      if (!first) appendStringInfoString(buf, ", ");
      print_expr(tle->expr, ctx);
      first = false;
    }
  }
  if (arg_type != nullptr) appendStringInfo(buf, " AS %s)", arg_type);
  if (agg->aggorder != NIL) {
    appendStringInfoString(buf, " ORDER BY ");
    print_agg_order(agg, ctx);
  }
  appendStringInfoChar(buf, ')');
  if (agg->aggfilter != nullptr && !as_case) {
    appendStringInfoString(buf, " FILTER (WHERE ");
    print_expr(agg->aggfilter, ctx);
    appendStringInfoChar(buf, ')');
  }
}

// A Var of the scanned relations, possibly under an implicit binary
// coercion (varchar compared as text): printed as a bare column.
bool is_plain_foreign_var(Expr *node, Ctx *ctx) {
  if (IsA(node, RelabelType) && reinterpret_cast<RelabelType *>(node)->relabelformat == COERCE_IMPLICIT_CAST)
    node = reinterpret_cast<RelabelType *>(node)->arg;
  if (!IsA(node, Var)) return false;
  Var *var = reinterpret_cast<Var *>(node);
  return bms_is_member(var->varno, ctx->relids) && var->varlevelsup == 0 && var->varattno > 0;
}

void print_operand(Expr *node, bool untyped_const, Ctx *ctx) {
  if (untyped_const && IsA(node, Const) && !reinterpret_cast<Const *>(node)->constisnull)
    print_const(reinterpret_cast<Const *>(node), ctx, ConstType::UntypedString);
  else
    print_expr(node, ctx);
}

void print_op(OpExpr *oe, Ctx *ctx) {
  const char *op = mapped_operator(*ctx->dialect, oe->opno, oe->args, oe->opresulttype, oe->inputcollid);
  if (is_template(op)) {
    appendStringInfoChar(ctx->buf, '(');
    print_template(op, oe->args, ctx);
    appendStringInfoChar(ctx->buf, ')');
    return;
  }
  appendStringInfoChar(ctx->buf, '(');
  if (list_length(oe->args) == 2) {
    Expr *left = static_cast<Expr *>(linitial(oe->args));
    Expr *right = static_cast<Expr *>(lsecond(oe->args));
    // "col = 'foo'" rather than "col = CAST('foo' AS text)" when both sides
    // have one type, as postgres_fdw does: the remote gives the literal its
    // column's type, so a local text column over a remote enum still works.
    bool untyped = ctx->dialect->untyped_literals() &&
                   exprType(reinterpret_cast<Node *>(left)) == exprType(reinterpret_cast<Node *>(right));
    print_operand(left, untyped && is_plain_foreign_var(right, ctx), ctx);
    appendStringInfo(ctx->buf, " %s ", op);
    print_operand(right, untyped && is_plain_foreign_var(left, ctx), ctx);
  } else {
    appendStringInfo(ctx->buf, "%s ", op);
    print_expr(static_cast<Expr *>(linitial(oe->args)), ctx);
  }
  appendStringInfoChar(ctx->buf, ')');
}

void print_expr(Expr *node, Ctx *ctx) {
  if (node == nullptr) return;
  StringInfo buf = ctx->buf;
  switch (nodeTag(node)) {
    case T_Var:
      print_var(reinterpret_cast<Var *>(node), ctx);
      break;
    case T_Const:
      print_const(reinterpret_cast<Const *>(node), ctx, ConstType::Auto);
      break;
    case T_Param:
      print_param(node, ctx);
      break;
    case T_FuncExpr:
      print_func(reinterpret_cast<FuncExpr *>(node), ctx);
      break;
    case T_Aggref:
      print_aggref(reinterpret_cast<Aggref *>(node), ctx);
      break;
    case T_OpExpr:
      print_op(reinterpret_cast<OpExpr *>(node), ctx);
      break;
    case T_DistinctExpr: {
      OpExpr *oe = reinterpret_cast<OpExpr *>(node);
      appendStringInfoChar(buf, '(');
      print_expr(static_cast<Expr *>(linitial(oe->args)), ctx);
      appendStringInfoString(buf, " IS DISTINCT FROM ");
      print_expr(static_cast<Expr *>(lsecond(oe->args)), ctx);
      appendStringInfoChar(buf, ')');
      break;
    }
    case T_NullIfExpr: {
      OpExpr *oe = reinterpret_cast<OpExpr *>(node);
      appendStringInfoString(buf, "NULLIF(");
      print_args(oe->args, ctx);
      appendStringInfoChar(buf, ')');
      break;
    }
    case T_ScalarArrayOpExpr: {
      ScalarArrayOpExpr *oe = reinterpret_cast<ScalarArrayOpExpr *>(node);
      const char *op = mapped_saop(*ctx->dialect, oe);
      appendStringInfoChar(buf, '(');
      print_expr(static_cast<Expr *>(linitial(oe->args)), ctx);
      if (ctx->dialect->in_list_arrays()) {
        Const *c = castNode(Const, lsecond(oe->args));
        Oid elemtype = get_element_type(c->consttype);
        int16 elmlen;
        bool elmbyval;
        char elmalign;
        get_typlenbyvalalign(elemtype, &elmlen, &elmbyval, &elmalign);
        Datum *elems;
        bool *nulls;
        int n;
        deconstruct_array(DatumGetArrayTypeP(c->constvalue), elemtype, elmlen, elmbyval, elmalign, &elems, &nulls, &n);
        appendStringInfoString(buf, oe->useOr ? " IN (" : " NOT IN (");
        for (int i = 0; i < n; i++) {
          if (i > 0) appendStringInfoString(buf, ", ");
          print_const(makeConst(elemtype, -1, c->constcollid, elmlen, elems[i], nulls[i], elmbyval), ctx,
                      ConstType::Auto);
        }
        appendStringInfoString(buf, "))");
        break;
      }
      if (ctx->dialect->bracket_arrays()) {
        appendStringInfoString(buf, oe->useOr ? " IN UNNEST(" : " NOT IN UNNEST(");
        print_expr(static_cast<Expr *>(lsecond(oe->args)), ctx);
        appendStringInfoString(buf, "))");
        break;
      }
      appendStringInfo(buf, " %s %s(", op, oe->useOr ? "ANY" : "ALL");
      Expr *arr = static_cast<Expr *>(lsecond(oe->args));
      if (IsA(arr, Const))
        print_const(reinterpret_cast<Const *>(arr), ctx, ConstType::Force);  // typed: '{...}' alone is ambiguous
      else
        print_expr(arr, ctx);
      appendStringInfoString(buf, "))");
      break;
    }
    case T_RelabelType: {
      RelabelType *r = reinterpret_cast<RelabelType *>(node);
      if (r->relabelformat == COERCE_IMPLICIT_CAST)
        print_expr(r->arg, ctx);
      else
        print_cast(r->arg, r->resulttype, r->resulttypmod, ctx);
      break;
    }
    case T_CoerceViaIO: {
      CoerceViaIO *c = reinterpret_cast<CoerceViaIO *>(node);
      print_cast(c->arg, c->resulttype, -1, ctx);
      break;
    }
    case T_BoolExpr: {
      BoolExpr *b = reinterpret_cast<BoolExpr *>(node);
      if (b->boolop == NOT_EXPR) {
        appendStringInfoString(buf, "(NOT ");
        print_expr(static_cast<Expr *>(linitial(b->args)), ctx);
        appendStringInfoChar(buf, ')');
        break;
      }
      const char *word = b->boolop == AND_EXPR ? " AND " : " OR ";
      appendStringInfoChar(buf, '(');
      bool first = true;
      ListCell *lc;
      foreach (lc, b->args) {
        if (!first) appendStringInfoString(buf, word);
        print_expr(static_cast<Expr *>(lfirst(lc)), ctx);
        first = false;
      }
      appendStringInfoChar(buf, ')');
      break;
    }
    case T_NullTest: {
      NullTest *nt = reinterpret_cast<NullTest *>(node);
      appendStringInfoChar(buf, '(');
      print_expr(nt->arg, ctx);
      appendStringInfoString(buf, nt->nulltesttype == IS_NULL ? " IS NULL)" : " IS NOT NULL)");
      break;
    }
    case T_BooleanTest: {
      BooleanTest *bt = reinterpret_cast<BooleanTest *>(node);
      // IS [NOT] UNKNOWN of a boolean is IS [NOT] NULL, which every dialect
      // has (GoogleSQL has no IS UNKNOWN).
      static const char *const words[] = {" IS TRUE)",      " IS NOT TRUE)", " IS FALSE)",
                                          " IS NOT FALSE)", " IS NULL)",     " IS NOT NULL)"};
      appendStringInfoChar(buf, '(');
      print_expr(bt->arg, ctx);
      appendStringInfoString(buf, words[bt->booltesttype]);
      break;
    }
    case T_CaseExpr: {
      CaseExpr *ce = reinterpret_cast<CaseExpr *>(node);
      appendStringInfoString(buf, "(CASE");
      if (ce->arg != nullptr) {
        appendStringInfoChar(buf, ' ');
        print_expr(ce->arg, ctx);
      }
      ListCell *lc;
      foreach (lc, ce->args) {
        CaseWhen *cw = lfirst_node(CaseWhen, lc);
        appendStringInfoString(buf, " WHEN ");
        if (ce->arg != nullptr)
          print_expr(static_cast<Expr *>(lsecond(castNode(OpExpr, cw->expr)->args)), ctx);
        else
          print_expr(cw->expr, ctx);
        appendStringInfoString(buf, " THEN ");
        print_expr(cw->result, ctx);
      }
      if (ce->defresult != nullptr) {
        appendStringInfoString(buf, " ELSE ");
        print_expr(ce->defresult, ctx);
      }
      appendStringInfoString(buf, " END)");
      break;
    }
    case T_CoalesceExpr:
      appendStringInfoString(buf, "COALESCE(");
      print_args(reinterpret_cast<CoalesceExpr *>(node)->args, ctx);
      appendStringInfoChar(buf, ')');
      break;
    case T_MinMaxExpr: {
      MinMaxExpr *m = reinterpret_cast<MinMaxExpr *>(node);
      appendStringInfoString(buf, m->op == IS_GREATEST ? "GREATEST(" : "LEAST(");
      print_args(m->args, ctx);
      appendStringInfoChar(buf, ')');
      break;
    }
    case T_ArrayExpr: {
      ArrayExpr *a = reinterpret_cast<ArrayExpr *>(node);
      if (ctx->dialect->bracket_arrays()) {
        appendStringInfoChar(buf, '[');
        print_args(a->elements, ctx);
        appendStringInfoChar(buf, ']');
        break;
      }
      appendStringInfoString(buf, "CAST(ARRAY[");
      print_args(a->elements, ctx);
      appendStringInfo(buf, "] AS %s)", ctx->dialect->type_name(pg_type_name(a->array_typeid, -1)));
      break;
    }
    case T_SubscriptingRef: {
      // ((array)[i]) or ((array)[i:j]), parenthesized so that a cast in the
      // array expression cannot swallow the subscript.
      SubscriptingRef *sr = reinterpret_cast<SubscriptingRef *>(node);
      appendStringInfoString(buf, "((");
      print_expr(sr->refexpr, ctx);
      appendStringInfoChar(buf, ')');
      ListCell *lower = list_head(sr->reflowerindexpr);
      ListCell *lc;
      foreach (lc, sr->refupperindexpr) {
        appendStringInfoChar(buf, '[');
        if (lower != nullptr) {
          print_expr(static_cast<Expr *>(lfirst(lower)), ctx);
          appendStringInfoChar(buf, ':');
          lower = lnext(sr->reflowerindexpr, lower);
        }
        print_expr(static_cast<Expr *>(lfirst(lc)), ctx);
        appendStringInfoChar(buf, ']');
      }
      appendStringInfoChar(buf, ')');
      break;
    }
    default:
      elog(ERROR, "warehouse_fdw: unsupported expression type for deparse: %d", static_cast<int>(nodeTag(node)));
  }
}

void print_columns(Ctx *ctx, Relation rel, Bitmapset *attrs_used, List **retrieved_attrs) {
  TupleDesc desc = RelationGetDescr(rel);
  bool whole_row = bms_is_member(0 - FirstLowInvalidHeapAttributeNumber, attrs_used);
  bool first = true;
  *retrieved_attrs = NIL;
  for (int i = 1; i <= desc->natts; i++) {
    if (TupleDescAttr(desc, i - 1)->attisdropped) continue;
    if (whole_row || bms_is_member(i - FirstLowInvalidHeapAttributeNumber, attrs_used)) {
      if (!first) appendStringInfoString(ctx->buf, ", ");
      first = false;
      print_column(ctx, RelationGetRelid(rel), i);
      *retrieved_attrs = lappend_int(*retrieved_attrs, i);
    }
  }
  if (ctx->dialect->has_ctid() &&
      bms_is_member(SelfItemPointerAttributeNumber - FirstLowInvalidHeapAttributeNumber, attrs_used)) {
    if (!first) appendStringInfoString(ctx->buf, ", ");
    first = false;
    appendStringInfoString(ctx->buf, "ctid");
    *retrieved_attrs = lappend_int(*retrieved_attrs, SelfItemPointerAttributeNumber);
  }
  if (first) appendStringInfoString(ctx->buf, "NULL");  // no column needed (e.g. count(*))
}

void print_conds(List *conds, const char *first_word, bool *first, Ctx *ctx) {
  ListCell *lc;
  foreach (lc, conds) {
    Expr *clause = static_cast<Expr *>(lfirst(lc));
    if (IsA(clause, RestrictInfo)) clause = reinterpret_cast<RestrictInfo *>(clause)->clause;
    appendStringInfoString(ctx->buf, *first ? first_word : " AND ");
    appendStringInfoChar(ctx->buf, '(');
    print_expr(clause, ctx);
    appendStringInfoChar(ctx->buf, ')');
    *first = false;
  }
}

void print_from(RelOptInfo *rel, Ctx *ctx);

// [NOT] EXISTS (SELECT NULL FROM inner WHERE clauses) of a semi/anti join.
void print_exists(RelOptInfo *semi, Ctx *ctx) {
  RelInfo *info = relinfo(semi);
  appendStringInfoString(ctx->buf,
                         info->jointype == JOIN_ANTI ? "(NOT EXISTS (SELECT NULL FROM " : "(EXISTS (SELECT NULL FROM ");
  print_from(info->innerrel, ctx);
  bool first = true;
  print_conds(info->joinclauses, " WHERE ", &first, ctx);
  appendStringInfoString(ctx->buf, "))");
}

// "(SELECT cols AS c1.. FROM rel WHERE its conditions) sN": the input of a
// FULL join, filtered before the join.
void print_subquery(RelOptInfo *rel, Ctx *ctx) {
  RelInfo *info = relinfo(rel);
  Ctx inner = *ctx;
  inner.subqueries = NIL;
  collect_subqueries(rel, &inner.subqueries);  // its own FULL joins' inputs
  inner.relids = IS_SIMPLE_REL(rel) ? rel->relids : info->scan_relids;
  inner.use_alias = true;
  StringInfo buf = ctx->buf;
  appendStringInfoString(buf, "(SELECT ");
  int pos = 1;
  ListCell *lc;
  foreach (lc, rel->reltarget->exprs) {
    if (pos > 1) appendStringInfoString(buf, ", ");
    print_expr(static_cast<Expr *>(lfirst(lc)), &inner);
    appendStringInfoString(buf, " AS ");
    print_subquery_name(&inner, 'c', pos++);
  }
  if (pos == 1) appendStringInfoString(buf, "NULL");
  appendStringInfoString(buf, " FROM ");
  print_from(rel, &inner);
  bool first = true;
  print_conds(info->remote_conds, " WHERE ", &first, &inner);
  appendStringInfoString(buf, ") ");
  print_subquery_alias(ctx, rel);
}

void print_from(RelOptInfo *rel, Ctx *ctx) {
  RelInfo *info = relinfo(rel);
  if (IS_SIMPLE_REL(rel)) {
    deparse_relation(ctx->buf, *ctx->dialect, info->table_opts);
    if (ctx->use_alias) {
      appendStringInfoChar(ctx->buf, ' ');
      print_alias(ctx, rel->relid);
    }
    return;
  }
  if (info->jointype == JOIN_SEMI || info->jointype == JOIN_ANTI) {
    print_from(info->outerrel, ctx);  // the EXISTS is part of WHERE
    return;
  }
  appendStringInfoChar(ctx->buf, '(');
  if (info->outer_subquery)
    print_subquery(info->outerrel, ctx);
  else
    print_from(info->outerrel, ctx);
  if (info->jointype == JOIN_INNER && info->joinclauses == NIL) {
    appendStringInfoString(ctx->buf, " CROSS JOIN ");
    print_from(info->innerrel, ctx);
  } else {
    appendStringInfo(ctx->buf, " %s JOIN ", join_type_name(info->jointype));
    if (info->inner_subquery)
      print_subquery(info->innerrel, ctx);
    else
      print_from(info->innerrel, ctx);
    bool first = true;
    print_conds(info->joinclauses, " ON ", &first, ctx);
    if (first) appendStringInfoString(ctx->buf, " ON TRUE");  // an outer join with no join clause
  }
  appendStringInfoChar(ctx->buf, ')');
}

// One ORDER BY item: the dialect's extra leading key for the type, if any
// (BigQuery sorts NaN first: IS_NAN(x) puts it last, as PostgreSQL does),
// then the expression, each with ASC/DESC and NULLS FIRST/LAST.
void print_sort_item(Expr *em, PathKey *pk, Ctx *ctx) {
  const Dialect &d = *ctx->dialect;
  bool desc = pk->pk_strategy == BTGreaterStrategyNumber;
  StringInfoSink out(ctx->buf);
  const char *key = d.sort_key(format_type_be(exprType(reinterpret_cast<Node *>(em))));
  if (key != nullptr) {
    print_template(key, list_make1(em), ctx);
    d.order_suffix(out, desc, pk->pk_nulls_first);
    appendStringInfoString(ctx->buf, ", ");
  }
  print_expr(em, ctx);
  d.order_suffix(out, desc, pk->pk_nulls_first);
}

void print_limit(const Dialect &d, StringInfo buf, int64 limit, int64 offset) {
  if (limit < 0 && offset <= 0) return;
  char l[32], o[32];
  snprintf(l, sizeof(l), INT64_FORMAT, limit);
  snprintf(o, sizeof(o), INT64_FORMAT, offset);
  StringInfoSink out(buf);
  d.limit_clause(out, limit >= 0 ? l : nullptr, offset > 0 ? o : nullptr);
}

// Position (1-based) in tlist of the expression an EquivalenceClass sorts
// by, or 0.
int em_position_in_tlist(EquivalenceClass *ec, List *tlist) {
  int i = 1;
  ListCell *lc;
  foreach (lc, tlist) {
    Expr *te = castNode(TargetEntry, lfirst(lc))->expr;
    while (IsA(te, RelabelType)) te = reinterpret_cast<RelabelType *>(te)->arg;
    ListCell *lc2;
    foreach (lc2, ec->ec_members) {
      Expr *em = static_cast<EquivalenceMember *>(lfirst(lc2))->em_expr;
      while (IsA(em, RelabelType)) em = reinterpret_cast<RelabelType *>(em)->arg;
      if (equal(em, te)) return i;
    }
    i++;
  }
  return 0;
}

}  // namespace

int set_transmission_modes() {
  int nestlevel = NewGUCNestLevel();
  if (DateStyle != USE_ISO_DATES)
    (void)set_config_option("datestyle", "ISO", PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SAVE, true, 0, false);
  if (IntervalStyle != INTSTYLE_POSTGRES)
    (void)set_config_option("intervalstyle", "postgres", PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SAVE, true, 0, false);
  if (extra_float_digits < 3)
    (void)set_config_option("extra_float_digits", "3", PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SAVE, true, 0, false);
  (void)set_config_option("search_path", "pg_catalog", PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SAVE, true, 0, false);
  return nestlevel;
}

void reset_transmission_modes(int nestlevel) { AtEOXact_GUC(true, nestlevel); }

bool is_foreign_expr(PlannerInfo *root, RelOptInfo *rel, Expr *expr) {
  if (!pushdown_enabled(PushdownKind::Quals)) return false;
  RelInfo *info = relinfo(rel);
  GlobCtx glob = {root, info->scan_relids, info->grouped, info->dialect};
  LocCtx loc = {InvalidOid, CollateState::None};
  if (!walker(reinterpret_cast<Node *>(expr), &glob, &loc, nullptr)) return false;
  if (loc.state == CollateState::Unsafe) return false;
  // A mutable function would be evaluated at another time, or differently.
  if (contain_mutable_functions(reinterpret_cast<Node *>(expr))) return false;
  return true;
}

bool full_join_clause_ok(RelOptInfo *rel, RestrictInfo *ri) {
  if (!ri->can_join || (ri->mergeopfamilies == NIL && !OidIsValid(ri->hashjoinoperator))) return false;
  if (!IsA(ri->clause, OpExpr)) return false;
  OpExpr *oe = castNode(OpExpr, ri->clause);
  const char *op = mapped_operator(*relinfo(rel)->dialect, oe->opno, oe->args, oe->opresulttype, oe->inputcollid);
  return op != nullptr && !is_template(op);
}

void classify_conditions(PlannerInfo *root, RelOptInfo *baserel, List *input_conds, List **remote_conds,
                         List **local_conds) {
  *remote_conds = NIL;
  *local_conds = NIL;
  ListCell *lc;
  foreach (lc, input_conds) {
    RestrictInfo *ri = lfirst_node(RestrictInfo, lc);
    if (is_foreign_expr(root, baserel, ri->clause))
      *remote_conds = lappend(*remote_conds, ri);
    else
      *local_conds = lappend(*local_conds, ri);
  }
}

Expr *find_em_expr_for_rel(PlannerInfo *root, EquivalenceClass *ec, RelOptInfo *rel) {
  ListCell *lc;
  foreach (lc, ec->ec_members) {
    EquivalenceMember *em = static_cast<EquivalenceMember *>(lfirst(lc));
    // Semi/anti join inner rels are inside an EXISTS: not in scope.
    Relids visible = rel->fdw_private != nullptr ? relinfo(rel)->visible_relids : rel->relids;
    // A member without a column of the relation (the constant an appendrel
    // child translates a UNION ALL key to) sorts nothing, and printed in an
    // ORDER BY an integer would name an output column by position.
    if (bms_is_subset(em->em_relids, visible) && !bms_is_empty(em->em_relids) &&
        contain_var_clause(reinterpret_cast<Node *>(em->em_expr)) && is_foreign_expr(root, rel, em->em_expr))
      return em->em_expr;
  }
  return nullptr;
}

// The pathkey's sort expression for `rel`: an EC member over its relations,
// or for a grouped rel one of its output expressions.
static Expr *pathkey_expr(PlannerInfo *root, PathKey *pathkey, RelOptInfo *rel) {
  RelInfo *info = relinfo(rel);
  if (!info->grouped) return find_em_expr_for_rel(root, pathkey->pk_eclass, rel);
  int pos = em_position_in_tlist(pathkey->pk_eclass, info->grouped_tlist);
  if (pos == 0) return nullptr;
  Expr *e = castNode(TargetEntry, list_nth(info->grouped_tlist, pos - 1))->expr;
  return is_foreign_expr(root, rel, e) ? e : nullptr;
}

bool is_foreign_pathkey(PlannerInfo *root, RelOptInfo *rel, PathKey *pathkey) {
  if (!pushdown_enabled(PushdownKind::SortLimit)) return false;
  EquivalenceClass *ec = pathkey->pk_eclass;
  if (ec->ec_has_volatile) return false;
  if (!is_builtin(pathkey->pk_opfamily)) return false;
  if (pathkey->pk_strategy != BTLessStrategyNumber && pathkey->pk_strategy != BTGreaterStrategyNumber) return false;
  Expr *em = pathkey_expr(root, pathkey, rel);
  if (em == nullptr) return false;
  // A grouped rel's ORDER BY names output positions: no room for the
  // dialect's extra sort key.
  if (relinfo(rel)->grouped &&
      relinfo(rel)->dialect->sort_key(format_type_be(exprType(reinterpret_cast<Node *>(em)))) != nullptr)
    return false;
  // ASC/DESC on the remote means the type's default ordering; a pathkey of
  // another operator family (e.g. text_pattern_ops) would sort differently.
  TypeCacheEntry *tce = lookup_type_cache(exprType(reinterpret_cast<Node *>(em)), TYPECACHE_BTREE_OPFAMILY);
  if (tce->btree_opf != pathkey->pk_opfamily) return false;
  // The sort collation must be the one the expression carries remotely.
  Oid em_coll = exprCollation(reinterpret_cast<Node *>(em));
  if (OidIsValid(ec->ec_collation) && ec->ec_collation != em_coll) return false;
  if (!ordering_collation_ok(*relinfo(rel)->dialect, em_coll)) return false;
  return true;
}

void deparse_relation(StringInfo buf, const Dialect &dialect, const TableOptions &topts) {
  StringInfoSink out(buf);
  dialect.table_reference(out, topts.catalog_name, topts.schema_name, topts.table_name);
}

void deparse_select(StringInfo buf, PlannerInfo *root, RelOptInfo *baserel, const SelectSpec &spec,
                    List **retrieved_attrs, List **params_list) {
  RelInfo *info = relinfo(baserel);
  int nestlevel = set_transmission_modes();
  RangeTblEntry *rte = planner_rt_fetch(baserel->relid, root);
  Relation rel = table_open(rte->relid, NoLock);
  Ctx ctx = {root, baserel->relids, false, buf, params_list, info->dialect, NIL};

  appendStringInfoString(buf, "SELECT ");
  print_columns(&ctx, rel, spec.attrs_used, retrieved_attrs);
  appendStringInfoString(buf, " FROM ");
  deparse_relation(buf, *info->dialect, info->table_opts);
  table_close(rel, NoLock);

  bool first = true;
  print_conds(spec.remote_conds, " WHERE ", &first, &ctx);

  first = true;
  ListCell *lc;
  foreach (lc, spec.pathkeys) {
    PathKey *pk = static_cast<PathKey *>(lfirst(lc));
    Expr *em = find_em_expr_for_rel(root, pk->pk_eclass, baserel);
    Assert(em != nullptr);
    appendStringInfoString(buf, first ? " ORDER BY " : ", ");
    print_sort_item(em, pk, &ctx);
    first = false;
  }
  print_limit(*info->dialect, buf, spec.limit, spec.offset);
  reset_transmission_modes(nestlevel);
}

void deparse_rel_select(StringInfo buf, PlannerInfo *root, RelOptInfo *rel, List *tlist, List *conds, List *pathkeys,
                        int64 limit, int64 offset, List **retrieved_attrs, List **params_list) {
  RelInfo *info = relinfo(rel);
  const Dialect &d = *info->dialect;
  int nestlevel = set_transmission_modes();
  Ctx ctx = {root, info->scan_relids, bms_num_members(info->scan_relids) > 1, buf, params_list, info->dialect, NIL};
  collect_subqueries(rel, &ctx.subqueries);

  appendStringInfoString(buf, "SELECT ");
  *retrieved_attrs = NIL;
  int i = 1;
  ListCell *lc;
  foreach (lc, tlist) {
    if (i > 1) appendStringInfoString(buf, ", ");
    print_expr(castNode(TargetEntry, lfirst(lc))->expr, &ctx);
    if (d.unique_result_names()) {
      char alias[32];
      snprintf(alias, sizeof(alias), "c%d", i);
      StringInfoSink out(buf);
      out.append(" AS ");
      d.identifier(out, alias);
    }
    *retrieved_attrs = lappend_int(*retrieved_attrs, i++);
  }
  if (tlist == NIL) appendStringInfoString(buf, "NULL");

  RelOptInfo *scan = info->grouped ? info->outerrel : rel;
  RelInfo *scan_info = relinfo(scan);
  appendStringInfoString(buf, " FROM ");
  print_from(scan, &ctx);
  bool first = true;
  print_conds(info->grouped ? scan_info->remote_conds : conds, " WHERE ", &first, &ctx);
  foreach (lc, scan_info->exists_rels) {
    appendStringInfoString(buf, first ? " WHERE " : " AND ");
    print_exists(static_cast<RelOptInfo *>(lfirst(lc)), &ctx);
    first = false;
  }

  if (info->grouped) {
    // GROUP BY positions of the grouping expressions in the SELECT list.
    first = true;
    foreach (lc, root->parse->groupClause) {
      SortGroupClause *sgc = lfirst_node(SortGroupClause, lc);
      int pos = 1;
      ListCell *lc2;
      foreach (lc2, tlist) {
        if (castNode(TargetEntry, lfirst(lc2))->ressortgroupref == sgc->tleSortGroupRef) break;
        pos++;
      }
      appendStringInfo(buf, "%s%d", first ? " GROUP BY " : ", ", pos);
      first = false;
    }
    first = true;
    print_conds(conds, " HAVING ", &first, &ctx);
  }

  first = true;
  foreach (lc, pathkeys) {
    PathKey *pk = static_cast<PathKey *>(lfirst(lc));
    appendStringInfoString(buf, first ? " ORDER BY " : ", ");
    if (info->grouped) {
      appendStringInfo(buf, "%d", em_position_in_tlist(pk->pk_eclass, tlist));
      StringInfoSink out(buf);
      d.order_suffix(out, pk->pk_strategy == BTGreaterStrategyNumber, pk->pk_nulls_first);
    } else {
      Expr *em = find_em_expr_for_rel(root, pk->pk_eclass, rel);
      Assert(em != nullptr);
      print_sort_item(em, pk, &ctx);
    }
    first = false;
  }
  print_limit(d, buf, limit, offset);
  reset_transmission_modes(nestlevel);
}

const char *join_type_name(JoinType type) {
  switch (type) {
    case JOIN_INNER:
      return "INNER";
    case JOIN_LEFT:
      return "LEFT";
    case JOIN_RIGHT:
      return "RIGHT";
    case JOIN_FULL:
      return "FULL";
    case JOIN_SEMI:
      return "SEMI";
    case JOIN_ANTI:
      return "ANTI";
    default:
      return nullptr;
  }
}

void deparse_analyze_select(StringInfo buf, Relation rel, const Dialect &dialect, const TableOptions &topts,
                            const char *sample_clause, List **retrieved_attrs) {
  Ctx ctx = {nullptr, nullptr, false, buf, nullptr, &dialect, NIL};
  Bitmapset *all = bms_make_singleton(0 - FirstLowInvalidHeapAttributeNumber);
  appendStringInfoString(buf, "SELECT ");
  print_columns(&ctx, rel, all, retrieved_attrs);
  appendStringInfoString(buf, " FROM ");
  deparse_relation(buf, dialect, topts);
  if (sample_clause != nullptr) appendStringInfo(buf, " %s", sample_clause);
}

}  // namespace wfdw
