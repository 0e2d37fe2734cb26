// The FdwRoutine callbacks, grouped by file: planner.cpp, scan.cpp,
// analyze.cpp, import.cpp. handler.cpp wires them, each through the guard.
#pragma once
#include "pg/pg.hpp"

namespace wfdw {

void get_foreign_rel_size(PlannerInfo *root, RelOptInfo *baserel, Oid foreigntableid);
void get_foreign_paths(PlannerInfo *root, RelOptInfo *baserel, Oid foreigntableid);
ForeignScan *get_foreign_plan(PlannerInfo *root, RelOptInfo *baserel, Oid foreigntableid, ForeignPath *best_path,
                              List *tlist, List *scan_clauses, Plan *outer_plan);
void get_foreign_join_paths(PlannerInfo *root, RelOptInfo *joinrel, RelOptInfo *outerrel, RelOptInfo *innerrel,
                            JoinType jointype, JoinPathExtraData *extra);
void get_foreign_upper_paths(PlannerInfo *root, UpperRelationKind stage, RelOptInfo *input_rel, RelOptInfo *output_rel,
                             void *extra);

void begin_foreign_scan(ForeignScanState *node, int eflags);
TupleTableSlot *iterate_foreign_scan(ForeignScanState *node);
void rescan_foreign_scan(ForeignScanState *node);
void end_foreign_scan(ForeignScanState *node);
void explain_foreign_scan(ForeignScanState *node, ExplainState *es);

bool analyze_foreign_table(Relation relation, AcquireSampleRowsFunc *func, BlockNumber *totalpages);
List *import_foreign_schema(ImportForeignSchemaStmt *stmt, Oid serverOid);

}  // namespace wfdw
