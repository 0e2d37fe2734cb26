// See import_builder.hpp.
#include "pg/import_builder.hpp"

#include "pg/import_comments.hpp"

namespace wfdw {

void begin_foreign_table(ForeignTableBuilder *b, ForeignServer *server, const char *remote_schema, const char *table,
                         const char *comment) {
  initStringInfo(&b->buf);
  b->table = pstrdup(table);
  b->ncolumns = 0;
  b->server = server;
  b->remote_schema = remote_schema;
  appendStringInfo(&b->buf, "CREATE FOREIGN TABLE %s (", quote_identifier(table));
  if (comment != nullptr) expect_import_comment(b->table, nullptr, comment);
}

void add_foreign_column(ForeignTableBuilder *b, const char *name, const char *type, const char *more_options,
                        const char *constraints, const char *comment) {
  appendStringInfo(&b->buf, "%s\n  %s %s OPTIONS (column_name %s%s)%s", b->ncolumns++ == 0 ? "" : ",",
                   quote_identifier(name), type, quote_literal_cstr(name), more_options ? more_options : "",
                   constraints ? constraints : "");
  if (comment != nullptr) expect_import_comment(b->table, name, comment);
}

char *end_foreign_table(ForeignTableBuilder *b) {
  appendStringInfo(&b->buf, "\n) SERVER %s OPTIONS (schema_name %s, table_name %s);",
                   quote_identifier(b->server->servername), quote_literal_cstr(b->remote_schema),
                   quote_literal_cstr(b->table));
  return b->buf.data;
}

}  // namespace wfdw
