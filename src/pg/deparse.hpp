// PostgreSQL expression trees -> remote SQL, through a Dialect. The walker
// that decides shippability and the printer share one set of node cases, so
// whatever is judged shippable can be printed.
#pragma once
#include "pg/relinfo.hpp"

namespace wfdw {

// Forces DateStyle=ISO, IntervalStyle=postgres, extra_float_digits=3 and
// search_path=pg_catalog until reset_transmission_modes(), so that values
// printed into remote SQL or sent as parameters read back exactly on the
// remote whatever the local session's settings. An error in between undoes
// them (GUC nest level).
int set_transmission_modes();
void reset_transmission_modes(int nestlevel);

// Whether `expr` (over foreign relation `rel`: a base rel, a join of them,
// or a grouped upper rel whose expressions may hold aggregates; Vars of
// other rels become parameters) can be evaluated remotely with identical
// results: built-in immutable objects the dialect maps, collation-safe.
bool is_foreign_expr(PlannerInfo *root, RelOptInfo *rel, Expr *expr);

// Whether a join clause can be the condition of a remote FULL JOIN: an
// equality the remote can hash or merge on, spelled as a plain operator
// (not a template such as BigQuery's NaN-aware float equality, which the
// warehouse does not accept as a FULL JOIN condition).
bool full_join_clause_ok(RelOptInfo *rel, RestrictInfo *ri);

void classify_conditions(PlannerInfo *root, RelOptInfo *baserel, List *input_conds, List **remote_conds,
                         List **local_conds);

// The expression of `ec` that belongs to `rel` alone and is shippable, or NULL.
Expr *find_em_expr_for_rel(PlannerInfo *root, EquivalenceClass *ec, RelOptInfo *rel);
// Whether the pathkey can be printed as a remote ORDER BY item.
bool is_foreign_pathkey(PlannerInfo *root, RelOptInfo *baserel, PathKey *pathkey);

struct SelectSpec {
  Bitmapset *attrs_used;
  List *remote_conds;  // RestrictInfos or bare clauses
  List *pathkeys;      // ORDER BY, or NIL
  int64 limit;         // -1: none
  int64 offset;        // 0: none
};

// Prints SELECT <columns> FROM <table> [WHERE] [ORDER BY] [LIMIT/OFFSET].
// Columns fetched are returned in *retrieved_attrs (attribute numbers). Vars
// of other relations and Params become $n and are appended to *params_list;
// if params_list is NULL they print as opaque values (for remote EXPLAIN).
void deparse_select(StringInfo buf, PlannerInfo *root, RelOptInfo *baserel, const SelectSpec &spec,
                    List **retrieved_attrs, List **params_list);

// SELECT <tlist> FROM <rel's joins> [WHERE] [GROUP BY] [HAVING] [ORDER BY]
// [LIMIT] for a join or grouped relation. `conds` are the join's WHERE
// clauses, or a grouped rel's HAVING clauses. Columns of the result are
// tlist's, in order (*retrieved_attrs = 1..n).
void deparse_rel_select(StringInfo buf, PlannerInfo *root, RelOptInfo *rel, List *tlist, List *conds, List *pathkeys,
                        int64 limit, int64 offset, List **retrieved_attrs, List **params_list);

// "INNER", "LEFT", ... for EXPLAIN's Relations line; nullptr if not pushed.
const char *join_type_name(JoinType type);

// SELECT of all columns of `rel` (ANALYZE), with an optional sampling clause.
void deparse_analyze_select(StringInfo buf, Relation rel, const Dialect &dialect, const TableOptions &topts,
                            const char *sample_clause, List **retrieved_attrs);

// The remote table reference (schema.table) of a foreign table.
void deparse_relation(StringInfo buf, const Dialect &dialect, const TableOptions &topts);

}  // namespace wfdw
