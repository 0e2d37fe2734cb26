// IMPORT FOREIGN SCHEMA for the postgres provider: tables, views,
// materialized views, foreign and partitioned tables (not their partitions),
// with exact column types. Built-in types (and domains over them) keep their
// type; a type that exists only remotely (an enum, say) becomes text unless a
// local type of the same name exists, and is then fetched as text remotely
// too (remote_as_text) so that comparisons mean the same on both sides.
#include "providers/postgres/pg/postgres_provider.hpp"

#include "pg/import_builder.hpp"
#include "providers/postgres/pg/connection.hpp"

namespace wfdw {
namespace {

bool local_type_exists(const char *name) {
  Oid typid;
  int32 typmod;
#if PG_VERSION_NUM >= 160000
  if (!parseTypeString(name, &typid, &typmod, (Node *)makeNode(ErrorSaveContext))) return false;
#else
  parseTypeString(name, &typid, &typmod, true);
#endif
  return OidIsValid(typid);
}

}  // namespace

List *pg_import_foreign_schema(ImportForeignSchemaStmt *stmt, ForeignServer *server, UserMapping *user) {
  volatile bool import_not_null = true;
  // Remote column collations are kept (as postgres_fdw does by default), so
  // that comparisons, upper()/lower() and ORDER BY evaluated here and pushed
  // there follow the same collation.
  volatile bool import_collate = true;
  volatile bool import_default = false;
  volatile bool import_generated = true;
  ListCell *lc;
  foreach (lc, stmt->options) {
    DefElem *d = lfirst_node(DefElem, lc);
    if (strcmp(d->defname, "import_not_null") == 0)
      import_not_null = defGetBoolean(d);
    else if (strcmp(d->defname, "import_collate") == 0)
      import_collate = defGetBoolean(d);
    else if (strcmp(d->defname, "import_default") == 0)
      import_default = defGetBoolean(d);
    else if (strcmp(d->defname, "import_generated") == 0)
      import_generated = defGetBoolean(d);
    else
      ereport(ERROR,
              (errcode(ERRCODE_FDW_INVALID_OPTION_NAME),
               errmsg("invalid option \"%s\" for IMPORT FOREIGN SCHEMA", d->defname),
               errhint("Valid options are: import_collate, import_default, import_generated, import_not_null.")));
  }
  PGconn *conn = get_connection(user, nullptr);

  StringInfoData buf;
  initStringInfo(&buf);
  appendStringInfo(&buf, "SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = %s",
                   quote_literal_cstr(stmt->remote_schema));
  PGresult *res = exec_query(conn, buf.data, server->servername);
  bool found = PQntuples(res) > 0;
  PQclear(res);
  if (!found)
    ereport(ERROR,
            (errcode(ERRCODE_FDW_SCHEMA_NOT_FOUND),
             errmsg("schema \"%s\" is not present on foreign server \"%s\"", stmt->remote_schema, server->servername),
             errhint("Schema names are case-sensitive; quote a mixed-case name.")));

  resetStringInfo(&buf);
  appendStringInfoString(
      &buf,
      "SELECT c.relname, a.attname, "
      "  CASE WHEN bt.typnamespace = 'pg_catalog'::pg_catalog.regnamespace "
      "       THEN pg_catalog.format_type(bt.oid, CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END) "
      "  END, "
      "  pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull, "
      "  coll.collname, collnsp.nspname, pg_catalog.pg_get_expr(ad.adbin, ad.adrelid), a.attgenerated "
      "FROM pg_catalog.pg_class c "
      "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
      "LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
      "LEFT JOIN pg_catalog.pg_type t ON t.oid = a.atttypid "
      "LEFT JOIN pg_catalog.pg_type bt ON bt.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END "
      "LEFT JOIN pg_catalog.pg_collation coll ON coll.oid = a.attcollation "
      "LEFT JOIN pg_catalog.pg_namespace collnsp ON collnsp.oid = coll.collnamespace "
      "LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = c.oid AND ad.adnum = a.attnum "
      "WHERE c.relkind IN ('r', 'v', 'f', 'm', 'p') AND n.nspname = ");
  appendStringInfoString(&buf, quote_literal_cstr(stmt->remote_schema));
  // Partitions are read through their parent, unless named in LIMIT TO.
  if (stmt->list_type != FDW_IMPORT_SCHEMA_LIMIT_TO) appendStringInfoString(&buf, " AND NOT c.relispartition");
  if (stmt->list_type == FDW_IMPORT_SCHEMA_LIMIT_TO || stmt->list_type == FDW_IMPORT_SCHEMA_EXCEPT) {
    appendStringInfoString(&buf, stmt->list_type == FDW_IMPORT_SCHEMA_EXCEPT ? " AND c.relname <> ALL (ARRAY["
                                                                             : " AND c.relname = ANY (ARRAY[");
    bool first = true;
    foreach (lc, stmt->table_list) {
      RangeVar *rv = lfirst_node(RangeVar, lc);
      if (!first) appendStringInfoString(&buf, ", ");
      appendStringInfoString(&buf, quote_literal_cstr(rv->relname));
      first = false;
    }
    appendStringInfoString(&buf, "]::pg_catalog.name[])");
  }
  appendStringInfoString(&buf, " ORDER BY c.relname, a.attnum");

  res = exec_query(conn, buf.data, server->servername);
  List *commands = NIL;
  PG_TRY();
  {
    int n = PQntuples(res);
    int i = 0;
    while (i < n) {
      const char *relname = PQgetvalue(res, i, 0);
      ForeignTableBuilder table;
      begin_foreign_table(&table, server, stmt->remote_schema, relname, nullptr);
      for (; i < n && strcmp(PQgetvalue(res, i, 0), relname) == 0; i++) {
        if (PQgetisnull(res, i, 1)) continue;  // a relation without columns
        const char *attname = PQgetvalue(res, i, 1);
        const char *builtin = PQgetisnull(res, i, 2) ? nullptr : PQgetvalue(res, i, 2);
        const char *declared = PQgetvalue(res, i, 3);
        bool notnull = strcmp(PQgetvalue(res, i, 4), "t") == 0;
        const char *type = builtin;
        bool as_text = false;
        if (type == nullptr) {
          if (local_type_exists(declared)) {
            type = declared;
          } else {
            type = "text";
            as_text = true;
          }
        }
        resetStringInfo(&buf);
        // A column fetched as text (a remote-only type) has no remote
        // collation of its own to keep.
        if (import_collate && !as_text && !PQgetisnull(res, i, 5) && !PQgetisnull(res, i, 6))
          appendStringInfo(&buf, " COLLATE %s.%s", quote_identifier(PQgetvalue(res, i, 6)),
                           quote_identifier(PQgetvalue(res, i, 5)));
        // A stored generated column's expression is not a default.
        bool generated = PQgetvalue(res, i, 8)[0] == 's';
        if (generated && import_generated && !PQgetisnull(res, i, 7))
          appendStringInfo(&buf, " GENERATED ALWAYS AS (%s) STORED", PQgetvalue(res, i, 7));
        else if (!generated && import_default && !PQgetisnull(res, i, 7))
          appendStringInfo(&buf, " DEFAULT %s", PQgetvalue(res, i, 7));
        if (import_not_null && notnull) appendStringInfoString(&buf, " NOT NULL");
        add_foreign_column(&table, attname, type, as_text ? ", remote_as_text 'true'" : nullptr, buf.data, nullptr);
      }
      commands = lappend(commands, end_foreign_table(&table));
    }
  }
  PG_CATCH();
  {
    PQclear(res);
    PG_RE_THROW();
  }
  PG_END_TRY();
  PQclear(res);
  return commands;
}

}  // namespace wfdw
