// The postgres provider's scan: a cursor fetched in batches of fetch_size
// rows. As soon as one batch arrives the FETCH for the next one is sent, so
// the remote produces batch k+1 while we convert batch k; the socket is
// drained as we go so the remote never stalls on a full buffer. Memory is
// bounded by two batches whatever the result size.
#include "providers/postgres/pg/postgres_provider.hpp"

#include "pg/gov_statement.hpp"
#include "pg/guard.hpp"
#include "pg/row_converter.hpp"
#include "pg/scan_params.hpp"
#include "providers/postgres/pg/connection.hpp"

namespace wfdw {

namespace {

// How many rows to convert between non-blocking reads of the socket.
constexpr int kDrainEvery = 256;

struct ScanExec {
  ScanPrivate priv;
  PGconn *conn;
  PendingQuery *pending;
  unsigned int cursor_number;
  bool cursor_exists;
  bool cursor_needs_close;
  bool fetch_in_flight;

  PGresult *current;  // the batch being converted
  int current_row;
  int current_ntuples;
  PGresult *stashed;  // our in-flight batch, collected early by another user of the connection
  bool has_stash;     // stashed holds that result (which may be an error, or NULL: connection lost)

  RowConverter conv;
  MemoryContext row_cxt;  // reset per row: holds the current row's Datums
  bool system_columns;    // the query reads ctid, xmin, ...: rows become real tuples

  ScanParams params;  // of a parameterized path

  // EXPLAIN ANALYZE.
  uint64 rows_fetched;
  uint64 round_trips;
  uint64 bytes_received;

  // Cost governance: one statement per cursor (re)opened.
  GovStatement gov;
  uint64 rows_at_open;
  uint64 bytes_at_open;
  uint64 trips_at_open;

  MemoryContextCallback release;
};

GovOutcome cursor_outcome(const ScanExec *s) {
  GovOutcome o;
  o.rows = static_cast<int64>(s->rows_fetched - s->rows_at_open);
  o.bytes_received = static_cast<double>(s->bytes_received - s->bytes_at_open);
  o.bytes_processed = o.bytes_billed = -1;
  o.retries = 0;
  o.cache_hit = -1;
  o.job_id = nullptr;
  return o;
}

void clear_results(ScanExec *s) {
  PQclear(s->current);
  s->current = nullptr;
  PQclear(s->stashed);
  s->stashed = nullptr;
  s->has_stash = false;
}

// Memory-context reset callback: runs whether the query ends normally or
// with an error, so malloc'd PGresults never leak.
WFDW_PG_ENTRY void release_scan(void *arg) {
  guard([&] {
    ScanExec *s = static_cast<ScanExec *>(arg);
    if (s->gov.active) gov_abort(&s->gov, cursor_outcome(s));
    clear_results(s);
    if (s->pending != nullptr && s->pending->owner == s) s->pending->owner = nullptr;
  });
}

PGresult *take_result(ScanExec *s, const char *sql) {
  PGresult *res = get_result(s->conn);
  s->round_trips++;
  if (res == nullptr || PQresultStatus(res) != PGRES_TUPLES_OK)
    report_remote_error(ERROR, res, s->conn, sql, s->priv.server_name);
  return res;
}

// Another scan needs the connection: collect our in-flight batch now. Its
// error, if any, is kept for us to raise when we read the batch: it belongs
// to this scan's query. It is raised now too, naming this scan's SQL: it
// aborted the remote (sub)transaction, so whatever the other scan sends next
// would fail with "current transaction is aborted" (25P02) and hide it. (A
// handler that catches it there, say the other scan runs in a PL/pgSQL
// EXCEPTION block, leaves it in our stash: we still fail with it, never end
// early.)
void absorb_in_flight(void *owner) {
  ScanExec *s = static_cast<ScanExec *>(owner);
  s->fetch_in_flight = false;
  s->stashed = get_result(s->conn);
  s->has_stash = true;
  s->round_trips++;
  if (s->stashed == nullptr || PQresultStatus(s->stashed) != PGRES_TUPLES_OK)
    report_remote_error(ERROR, s->stashed, s->conn, s->priv.sql, s->priv.server_name, false);
}

// Sends `sql`, whose last result is our next batch, without waiting for it;
// registers it as the connection's pending query. Another scan's request
// still in flight is collected first: one query at a time on a connection.
void send_batch_request(ScanExec *s, const char *sql) {
  absorb_pending(s->pending);
  if (!PQsendQuery(s->conn, sql)) report_remote_error(ERROR, nullptr, s->conn, sql, s->priv.server_name);
  s->fetch_in_flight = true;
  s->pending->absorb = absorb_in_flight;
  s->pending->owner = s;
}

void send_fetch(ScanExec *s) {
  char sql[64];
  snprintf(sql, sizeof(sql), "FETCH %d FROM c%u", s->priv.fetch_size, s->cursor_number);
  send_batch_request(s, sql);
}

void open_cursor(ScanExec *s, ExprContext *econtext) {
  // Parameters first: evaluating them may run a subplan that scans another
  // table of this connection and leaves its prefetch in flight.
  eval_scan_params(&s->params, econtext, nullptr);
  gov_begin(&s->gov);
  s->rows_at_open = s->rows_fetched;
  s->bytes_at_open = s->bytes_received;
  absorb_pending(s->pending);  // someone else's prefetch must not be in the way
  StringInfoData buf;
  initStringInfo(&buf);
  if (s->params.count == 0) {
    // One round trip: close the previous incarnation, declare, first FETCH.
    if (s->cursor_needs_close) appendStringInfo(&buf, "CLOSE c%u; ", s->cursor_number);
    appendStringInfo(&buf, "DECLARE c%u CURSOR FOR %s; FETCH %d FROM c%u", s->cursor_number, s->priv.sql,
                     s->priv.fetch_size, s->cursor_number);
    send_batch_request(s, buf.data);
  } else {
    if (s->cursor_needs_close) {
      char close[64];
      snprintf(close, sizeof(close), "CLOSE c%u", s->cursor_number);
      exec_command(s->conn, close, s->priv.server_name);
    }
    appendStringInfo(&buf, "DECLARE c%u CURSOR FOR %s", s->cursor_number, s->priv.sql);
    if (!PQsendQueryParams(s->conn, buf.data, s->params.count, nullptr, s->params.values, nullptr, nullptr, 0))
      report_remote_error(ERROR, nullptr, s->conn, buf.data, s->priv.server_name);
    PGresult *res = get_result(s->conn);
    s->round_trips++;
    if (res == nullptr || PQresultStatus(res) != PGRES_COMMAND_OK)
      report_remote_error(ERROR, res, s->conn, s->priv.sql, s->priv.server_name);
    PQclear(res);
    send_fetch(s);
  }
  s->cursor_exists = true;
  s->cursor_needs_close = false;
}

// Makes the next batch current; false at the end of the result.
bool next_batch(ScanExec *s) {
  PQclear(s->current);
  s->current = nullptr;
  PGresult *res;
  if (s->has_stash) {
    res = s->stashed;
    s->stashed = nullptr;
    s->has_stash = false;
    if (res == nullptr || PQresultStatus(res) != PGRES_TUPLES_OK)
      report_remote_error(ERROR, res, s->conn, s->priv.sql, s->priv.server_name);
  } else if (s->fetch_in_flight) {
    s->pending->owner = nullptr;
    s->fetch_in_flight = false;
    res = take_result(s, s->priv.sql);
  } else {
    return false;
  }
  // One column per retrieved attribute (or a lone NULL when none is
  // needed): any other width would misalign values.
  int width = PQnfields(res);
  if (width != Max(s->conv.ncolumns, 1)) {
    PQclear(res);
    ereport(ERROR, (errcode(ERRCODE_FDW_ERROR),
                    errmsg("server \"%s\" returned %d columns for %s, expected %d", s->priv.server_name, width,
                           s->priv.relation_name, Max(s->conv.ncolumns, 1)),
                    errhint("The remote table's definition may have changed; EXPLAIN VERBOSE shows the Remote SQL.")));
  }
  int n = PQntuples(res);
  s->rows_fetched += n;
  // A full batch may have more behind it: prefetch while we convert this one.
  // A short batch is the last, and no FETCH stays in flight.
  if (n >= s->priv.fetch_size) send_fetch(s);
  s->current = res;
  s->current_row = 0;
  s->current_ntuples = n;
  return n > 0;
}

void store_row(ScanExec *s, TupleTableSlot *slot) {
  ExecClearTuple(slot);
  MemoryContextReset(s->row_cxt);
  MemoryContext old = MemoryContextSwitchTo(s->row_cxt);
  s->bytes_received += convert_row(&s->conv, s->current, s->current_row, slot->tts_values, slot->tts_isnull);
  MemoryContextSwitchTo(old);
  ExecStoreVirtualTuple(slot);
  if (s->system_columns) finish_system_columns(slot, &s->conv);
}

// Throws away our in-flight FETCH and current batches (rescan, end).
void abandon_batches(ScanExec *s) {
  if (s->has_stash && (s->stashed == nullptr || PQresultStatus(s->stashed) != PGRES_TUPLES_OK)) {
    PGresult *res = s->stashed;
    s->stashed = nullptr;
    s->has_stash = false;
    report_remote_error(ERROR, res, s->conn, s->priv.sql, s->priv.server_name);
  }
  if (s->fetch_in_flight) {
    s->pending->owner = nullptr;
    s->fetch_in_flight = false;
    PGresult *res = get_result(s->conn);
    if (res == nullptr || PQresultStatus(res) != PGRES_TUPLES_OK)
      report_remote_error(ERROR, res, s->conn, "FETCH", s->priv.server_name);
    PQclear(res);
  }
  clear_results(s);
}

}  // namespace

void *pg_begin_scan(ForeignScanState *node, int eflags) {
  if (eflags & EXEC_FLAG_EXPLAIN_ONLY) return nullptr;  // plain EXPLAIN: no connection
  ForeignScan *plan = castNode(ForeignScan, node->ss.ps.plan);
  EState *estate = node->ss.ps.state;
  ScanExec *s = static_cast<ScanExec *>(palloc0(sizeof(ScanExec)));
  s->priv = read_scan_private(plan->fdw_private);

  UserMapping *user = scan_user_mapping(node);
  gov_init(&s->gov, s->priv, user, false);
  s->conn = get_connection(user, &s->pending);
  s->cursor_number = next_cursor_number(s->conn);

  s->row_cxt = AllocSetContextCreate(estate->es_query_cxt, "warehouse_fdw row", ALLOCSET_SMALL_SIZES);
  s->release.func = release_scan;
  s->release.arg = s;
  MemoryContextRegisterResetCallback(estate->es_query_cxt, &s->release);

  init_row_converter(&s->conv, scan_tuple_desc(node), s->priv.retrieved_attrs, s->priv.relation_name,
                     s->priv.server_name);
  s->system_columns = plan->fsSystemCol && plan->scan.scanrelid > 0;

  init_scan_params(&s->params, node);
  return s;
}

TupleTableSlot *pg_iterate_scan(ForeignScanState *node, void *state) {
  ScanExec *s = static_cast<ScanExec *>(state);
  TupleTableSlot *slot = node->ss.ss_ScanTupleSlot;
  if (!s->cursor_exists) open_cursor(s, node->ss.ps.ps_ExprContext);
  if (s->current == nullptr || s->current_row >= s->current_ntuples) {
    if (!next_batch(s)) return ExecClearTuple(slot);
  }
  // Keep the socket drained so the remote never waits on us.
  if (s->fetch_in_flight && (s->current_row % kDrainEvery) == 0) PQconsumeInput(s->conn);
  store_row(s, slot);
  s->current_row++;
  return slot;
}

void pg_rescan(ForeignScanState *, void *state) {
  ScanExec *s = static_cast<ScanExec *>(state);
  if (s == nullptr || !s->cursor_exists) return;
  abandon_batches(s);
  gov_end(&s->gov, cursor_outcome(s));
  // Parameters may have changed: the cursor is re-declared on the next fetch.
  s->cursor_exists = false;
  s->cursor_needs_close = true;
}

void pg_end_scan(ForeignScanState *, void *state) {
  ScanExec *s = static_cast<ScanExec *>(state);
  if (s == nullptr) return;
  abandon_batches(s);
  gov_end(&s->gov, cursor_outcome(s));
  if (s->cursor_exists || s->cursor_needs_close) {
    char sql[64];
    snprintf(sql, sizeof(sql), "CLOSE c%u", s->cursor_number);
    absorb_pending(s->pending);  // another scan's prefetch
    exec_command(s->conn, sql, s->priv.server_name);
  }
  s->cursor_exists = false;
  s->cursor_needs_close = false;
  if (s->pending != nullptr && s->pending->owner == s) s->pending->owner = nullptr;
}

void pg_explain_scan(ForeignScanState *node, void *state, ExplainState *es) {
  ForeignScan *plan = castNode(ForeignScan, node->ss.ps.plan);
  ScanPrivate priv = read_scan_private(plan->fdw_private);
  explain_remote_query(node, priv, es);
  ScanExec *s = static_cast<ScanExec *>(state);
  if (es->analyze && s != nullptr) {
    ExplainPropertyUInteger("Rows Fetched", nullptr, s->rows_fetched, es);
    ExplainPropertyUInteger("Round Trips", nullptr, s->round_trips, es);
    ExplainPropertyUInteger("Bytes Received", "bytes", s->bytes_received, es);
  }
}

}  // namespace wfdw
