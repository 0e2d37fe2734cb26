// ANALYZE of a foreign table: a random sample drawn on the remote with
// TABLESAMPLE BERNOULLI when the remote relation is a table of known size,
// reservoir-sampled again locally to the target size; only the sample
// crosses the network. Views (no size) are read in batches with a reservoir,
// so memory stays bounded either way.
#include "providers/postgres/pg/connection.hpp"
#include "providers/postgres/pg/postgres_provider.hpp"
#include "providers/postgres/postgres_dialect.hpp"
#include "pg/guard.hpp"
#include "pg/deparse.hpp"
#include "pg/fdw_routines.hpp"
#include "pg/row_converter.hpp"

namespace wfdw {
namespace {

struct RemoteRelation {
  ForeignTable *table;
  ForeignServer *server;
  ServerOptions sopts;
  TableOptions topts;
  const Dialect *dialect;
  PGconn *conn;
  char *qualified;  // remote schema.table as SQL text
};

void open_remote(Relation relation, RemoteRelation *r) {
  r->table = GetForeignTable(RelationGetRelid(relation));
  r->server = GetForeignServer(r->table->serverid);
  load_server_options(r->server, &r->sopts);
  load_table_options(r->table, &r->topts);
  r->dialect = &postgres_dialect();
  UserMapping *user = GetUserMapping(relation->rd_rel->relowner, r->server->serverid);
  r->conn = get_connection(user, nullptr);
  StringInfoData buf;
  initStringInfo(&buf);
  deparse_relation(&buf, *r->dialect, r->topts);
  r->qualified = buf.data;
}

// Remote pg_class facts; reltuples < 0 when unknown.
void remote_class_info(RemoteRelation *r, double *reltuples, char *relkind, double *pages) {
  char *sql = psprintf(
      "SELECT reltuples, relkind, pg_catalog.pg_relation_size(c.oid) / %d FROM pg_catalog.pg_class c "
      "WHERE c.oid = %s::pg_catalog.regclass",
      BLCKSZ, quote_literal_cstr(r->qualified));
  PGresult *res = exec_query(r->conn, sql, r->server->servername);
  *reltuples = -1;
  *relkind = 'v';
  *pages = 0;
  if (PQntuples(res) == 1) {
    *reltuples = strtod(PQgetvalue(res, 0, 0), nullptr);
    *relkind = PQgetvalue(res, 0, 1)[0];
    *pages = strtod(PQgetvalue(res, 0, 2), nullptr);
  }
  PQclear(res);
}

int acquire_sample_rows(Relation relation, int elevel, HeapTuple *rows, int targrows, double *totalrows,
                        double *totaldeadrows) {
  RemoteRelation r;
  open_remote(relation, &r);
  double reltuples, pages;
  char relkind;
  remote_class_info(&r, &reltuples, &relkind, &pages);

  const char *sample = nullptr;
  if (r.sopts.analyze_sampling && (relkind == 'r' || relkind == 'm' || relkind == 'p') && reltuples > 0 &&
      targrows < reltuples) {
    // Oversample a little so that the local reservoir is full.
    double pct = Min(100.0, 100.0 * targrows * 1.25 / reltuples);
    sample = psprintf("TABLESAMPLE BERNOULLI (%g)", pct);
  }
  StringInfoData sql;
  initStringInfo(&sql);
  List *retrieved;
  deparse_analyze_select(&sql, relation, *r.dialect, r.topts, sample, &retrieved);

  TupleDesc desc = RelationGetDescr(relation);
  RowConverter conv;
  char *relname = psprintf("%s.%s", quote_identifier(get_namespace_name(RelationGetNamespace(relation))),
                           quote_identifier(RelationGetRelationName(relation)));
  init_row_converter(&conv, desc, retrieved, relname, r.server->servername);
  Datum *values = static_cast<Datum *>(palloc(sizeof(Datum) * desc->natts));
  bool *nulls = static_cast<bool *>(palloc(sizeof(bool) * desc->natts));
  MemoryContext anl_cxt = CurrentMemoryContext;
  MemoryContext tmp = AllocSetContextCreate(CurrentMemoryContext, "warehouse_fdw analyze", ALLOCSET_SMALL_SIZES);

  unsigned int cursor = next_cursor_number(r.conn);
  exec_command(r.conn, psprintf("DECLARE c%u CURSOR FOR %s", cursor, sql.data), r.server->servername);
  char *fetch = psprintf("FETCH %d FROM c%u", r.sopts.fetch_size, cursor);

  int numrows = 0;
  double samplerows = 0;
  double rowstoskip = -1;
  ReservoirStateData rstate;
  reservoir_init_selection_state(&rstate, targrows);
  for (;;) {
    CHECK_FOR_INTERRUPTS();
    PGresult *res = exec_query(r.conn, fetch, r.server->servername);
    int n = PQntuples(res);
    // The PGresult must not leak if a conversion raises an error.
    PG_TRY();
    {
      for (int i = 0; i < n; i++) {
        int pos = -1;
        if (numrows < targrows) {
          pos = numrows++;
        } else {
          if (rowstoskip < 0) rowstoskip = reservoir_get_next_S(&rstate, samplerows, targrows);
          if (rowstoskip <= 0) {
            pos = static_cast<int>(targrows * sampler_random_fract(&rstate.randstate));
            heap_freetuple(rows[pos]);
          }
          rowstoskip -= 1;
        }
        samplerows += 1;
        if (pos < 0) continue;
        MemoryContextReset(tmp);
        MemoryContext old = MemoryContextSwitchTo(tmp);
        convert_row(&conv, res, i, values, nulls);
        MemoryContextSwitchTo(anl_cxt);
        rows[pos] = heap_form_tuple(desc, values, nulls);
        MemoryContextSwitchTo(old);
      }
    }
    PG_CATCH();
    {
      PQclear(res);
      PG_RE_THROW();
    }
    PG_END_TRY();
    PQclear(res);
    if (n < r.sopts.fetch_size) break;
  }
  exec_command(r.conn, psprintf("CLOSE c%u", cursor), r.server->servername);
  MemoryContextDelete(tmp);

  *totalrows = sample != nullptr ? reltuples : samplerows;
  *totaldeadrows = 0;
  ereport(elevel, (errmsg("\"%s\": remote table has about %.0f rows; %.0f rows read%s, %d rows in sample",
                          RelationGetRelationName(relation), *totalrows, samplerows, sample ? " by TABLESAMPLE" : "",
                          numrows)));
  return numrows;
}

// PostgreSQL calls the sampler directly, outside AnalyzeForeignTable: an
// entry point of its own.
WFDW_PG_ENTRY int sample_rows(Relation relation, int elevel, HeapTuple *rows, int targrows, double *totalrows,
                              double *totaldeadrows) {
  return guard([&] { return acquire_sample_rows(relation, elevel, rows, targrows, totalrows, totaldeadrows); });
}

}  // namespace

bool pg_analyze_foreign_table(Relation relation, AcquireSampleRowsFunc *func, BlockNumber *totalpages) {
  RemoteRelation r;
  open_remote(relation, &r);
  double reltuples, pages;
  char relkind;
  remote_class_info(&r, &reltuples, &relkind, &pages);
  *func = sample_rows;
  *totalpages = static_cast<BlockNumber>(Max(pages, 1.0));
  return true;
}

}  // namespace wfdw
