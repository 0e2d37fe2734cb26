// The postgres provider, PostgreSQL side: a remote PostgreSQL through libpq
// (connection.hpp), scanned with a cursor (postgres_scan.cpp), sampled by
// ANALYZE (postgres_analyze.cpp), imported from its catalogs
// (postgres_import.cpp). Its operations table is kPostgresProvider.
#pragma once
#include "pg/provider.hpp"

namespace wfdw {

void *pg_begin_scan(ForeignScanState *node, int eflags);
TupleTableSlot *pg_iterate_scan(ForeignScanState *node, void *state);
void pg_rescan(ForeignScanState *node, void *state);
void pg_end_scan(ForeignScanState *node, void *state);
void pg_explain_scan(ForeignScanState *node, void *state, ExplainState *es);

bool pg_analyze_foreign_table(Relation relation, AcquireSampleRowsFunc *func, BlockNumber *totalpages);
List *pg_import_foreign_schema(ImportForeignSchemaStmt *stmt, ForeignServer *server, UserMapping *user);

}  // namespace wfdw
