// The CREATE FOREIGN TABLE commands IMPORT FOREIGN SCHEMA returns, built the
// same way for every provider: quoted names, each column's remote name in
// column_name, the server and the remote schema.table in the table's
// options, and the remote comments recorded for the import comment hook.
#pragma once
#include "pg/pg.hpp"

namespace wfdw {

struct ForeignTableBuilder {
  StringInfoData buf;
  const char *table;
  int ncolumns;
  ForeignServer *server;
  const char *remote_schema;
};

// `comment`: the remote table's description, or nullptr/"".
void begin_foreign_table(ForeignTableBuilder *b, ForeignServer *server, const char *remote_schema, const char *table,
                         const char *comment);
// A column: `name type OPTIONS (column_name 'name'<more_options>)<constraints>`,
// e.g. more_options ", remote_as_text 'true'", constraints " NOT NULL".
void add_foreign_column(ForeignTableBuilder *b, const char *name, const char *type, const char *more_options,
                        const char *constraints, const char *comment);
// The finished command (palloc'd).
char *end_foreign_table(ForeignTableBuilder *b);

}  // namespace wfdw
