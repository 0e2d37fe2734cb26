// Entry points PostgreSQL calls: _PG_init, the FDW handler, whose callbacks
// are thin trampolines into wfdw::guard, and warehouse_fdw_test_connection.
// Every body here is one guard() call (see pg/guard.hpp).
#include "pg/fdw_routines.hpp"
#include "pg/gov_shmem.hpp"
#include "pg/guard.hpp"
#include "pg/import_comments.hpp"
#include "pg/options.hpp"
#include "pg/provider.hpp"
#include "pg/settings.hpp"

extern "C" {
PG_MODULE_MAGIC;
void _PG_init(void);
PG_FUNCTION_INFO_V1(warehouse_fdw_handler);
PG_FUNCTION_INFO_V1(warehouse_fdw_test_connection);
}

namespace {

using wfdw::guard;

WFDW_PG_ENTRY void rel_size(PlannerInfo *root, RelOptInfo *baserel, Oid id) {
  guard([&] { wfdw::get_foreign_rel_size(root, baserel, id); });
}
WFDW_PG_ENTRY void paths(PlannerInfo *root, RelOptInfo *baserel, Oid id) {
  guard([&] { wfdw::get_foreign_paths(root, baserel, id); });
}
WFDW_PG_ENTRY ForeignScan *plan(PlannerInfo *root, RelOptInfo *baserel, Oid id, ForeignPath *best, List *tlist,
                                List *clauses, Plan *outer) {
  return guard([&] { return wfdw::get_foreign_plan(root, baserel, id, best, tlist, clauses, outer); });
}
WFDW_PG_ENTRY void join_paths(PlannerInfo *root, RelOptInfo *joinrel, RelOptInfo *outer, RelOptInfo *inner,
                              JoinType type, JoinPathExtraData *extra) {
  guard([&] { wfdw::get_foreign_join_paths(root, joinrel, outer, inner, type, extra); });
}
WFDW_PG_ENTRY void upper_paths(PlannerInfo *root, UpperRelationKind stage, RelOptInfo *in, RelOptInfo *out,
                               void *extra) {
  guard([&] { wfdw::get_foreign_upper_paths(root, stage, in, out, extra); });
}
WFDW_PG_ENTRY void begin(ForeignScanState *node, int eflags) {
  guard([&] { wfdw::begin_foreign_scan(node, eflags); });
}
WFDW_PG_ENTRY TupleTableSlot *iterate(ForeignScanState *node) {
  return guard([&] { return wfdw::iterate_foreign_scan(node); });
}
WFDW_PG_ENTRY void rescan(ForeignScanState *node) {
  guard([&] { wfdw::rescan_foreign_scan(node); });
}
WFDW_PG_ENTRY void end(ForeignScanState *node) {
  guard([&] { wfdw::end_foreign_scan(node); });
}
WFDW_PG_ENTRY void explain(ForeignScanState *node, ExplainState *es) {
  guard([&] { wfdw::explain_foreign_scan(node, es); });
}
WFDW_PG_ENTRY bool analyze(Relation rel, AcquireSampleRowsFunc *func, BlockNumber *pages) {
  return guard([&] { return wfdw::analyze_foreign_table(rel, func, pages); });
}
WFDW_PG_ENTRY List *import(ImportForeignSchemaStmt *stmt, Oid server) {
  return guard([&] { return wfdw::import_foreign_schema(stmt, server); });
}

// warehouse_fdw_test_connection(server text) -> boolean: connects with the
// current user's mapping and runs a trivial query; an error says why not.
Datum test_connection_body(FunctionCallInfo fcinfo) {
  char *name = text_to_cstring(PG_GETARG_TEXT_PP(0));
  UserMapping *user;
  wfdw::ServerOptions opts;
  ForeignServer *server = wfdw::usable_server(name, &user, &opts);
  wfdw::check_options_for_provider(server, user->options, wfdw::OptionScope::UserMapping);
  return BoolGetDatum(opts.provider->test_connection(server, user));
}

Datum handler_body() {
  FdwRoutine *r = makeNode(FdwRoutine);
  r->GetForeignRelSize = rel_size;
  r->GetForeignPaths = paths;
  r->GetForeignPlan = plan;
  r->GetForeignJoinPaths = join_paths;
  r->GetForeignUpperPaths = upper_paths;
  r->BeginForeignScan = begin;
  r->IterateForeignScan = iterate;
  r->ReScanForeignScan = rescan;
  r->EndForeignScan = end;
  r->ExplainForeignScan = explain;
  r->AnalyzeForeignTable = analyze;
  r->ImportForeignSchema = import;
  PG_RETURN_POINTER(r);
}

}  // namespace

extern "C" void _PG_init(void) {
  guard([] {
    // Before define_settings, which reserves the prefix (placeholders set in
    // postgresql.conf must still be there for these).
    wfdw::install_governance();
    wfdw::define_settings();
    wfdw::install_import_comment_hook();
  });
}

extern "C" Datum warehouse_fdw_handler(PG_FUNCTION_ARGS) { WFDW_GUARDED(return handler_body();); }

extern "C" Datum warehouse_fdw_test_connection(PG_FUNCTION_ARGS) { WFDW_GUARDED(return test_connection_body(fcinfo);); }
