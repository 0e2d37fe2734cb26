// Remote descriptions as COMMENTs on the tables and columns IMPORT FOREIGN
// SCHEMA creates. The FDW callback may only return CREATE FOREIGN TABLE
// statements, so a provider records the comments here while it builds them,
// and a ProcessUtility hook applies each table's comments right after
// PostgreSQL has run that table's CREATE FOREIGN TABLE (so LIMIT TO / EXCEPT
// and the local schema are PostgreSQL's own decisions).
#pragma once
#include "pg/pg.hpp"

namespace wfdw {

// Installs the hook; from _PG_init.
void install_import_comment_hook();

// Records a comment for the next created table named `table` (attname NULL:
// the table itself). Empty comments are ignored. Lives as long as the
// current memory context (the IMPORT statement's).
void expect_import_comment(const char *table, const char *attname, const char *comment);

// Whether IMPORT FOREIGN SCHEMA's LIMIT TO / EXCEPT lets remote table `name`
// through (the HTTP providers list tables themselves).
bool import_table_selected(ImportForeignSchemaStmt *stmt, const char *name);

}  // namespace wfdw
