// Execution of a remote query: a cursor fetched in batches of fetch_size
// rows. As soon as one batch arrives the FETCH for the next one is sent, so
// the remote produces batch k+1 while we convert batch k; the socket is
// drained as we go so the remote never stalls on a full buffer. Memory is
// bounded by two batches whatever the result size.
#include "pg/bigquery.hpp"
#include "pg/snowflake.hpp"
#include "pg/connection.hpp"
#include "pg/deparse.hpp"
#include "pg/fdw_routines.hpp"
#include "pg/guard.hpp"
#include "pg/row_converter.hpp"
#include "pg/scan_private.hpp"

namespace wfdw {

namespace {

// Slots of ForeignScan->fdw_private (a List of copyable nodes), as
// postgres_fdw's FdwScanPrivateIndex: each read and written by name.
enum ScanPrivateSlot {
  kSql,             // String: the remote query
  kRetrievedAttrs,  // List of Integer: what each result column fills
  kFetchSize,       // Integer
  kServerName,      // String
  kRelationName,    // String: the foreign tables read, for messages
  kEstBytes,        // Float: the warehouse's byte estimate at plan time (-1: none)
  kEstPartsAssigned,
  kEstPartsTotal,
  kProvider,   // Integer: Provider
  kRelations,  // String: "Relations:" of a join or aggregate ("" for a table)
  kSlotCount
};

Node *float_node(double v) { return reinterpret_cast<Node *>(makeFloat(psprintf("%.17g", v))); }

}  // namespace

List *make_scan_private(const char *sql, List *retrieved_attrs, int fetch_size, const char *server_name,
                        const char *relation_name, const RemoteEstimate &est, Provider provider,
                        const char *relations) {
  Node *slots[kSlotCount];
  slots[kSql] = reinterpret_cast<Node *>(makeString(pstrdup(sql)));
  slots[kRetrievedAttrs] = reinterpret_cast<Node *>(retrieved_attrs);
  slots[kFetchSize] = reinterpret_cast<Node *>(makeInteger(fetch_size));
  slots[kServerName] = reinterpret_cast<Node *>(makeString(pstrdup(server_name)));
  slots[kRelationName] = reinterpret_cast<Node *>(makeString(pstrdup(relation_name)));
  slots[kEstBytes] = float_node(est.bytes);
  slots[kEstPartsAssigned] = float_node(est.parts_assigned);
  slots[kEstPartsTotal] = float_node(est.parts_total);
  slots[kProvider] = reinterpret_cast<Node *>(makeInteger(static_cast<int>(provider)));
  slots[kRelations] = reinterpret_cast<Node *>(makeString(pstrdup(relations)));
  List *l = NIL;
  for (Node *n : slots) l = lappend(l, n);
  return l;
}

UserMapping *scan_user_mapping(ForeignScanState *node) {
  ForeignScan *plan = castNode(ForeignScan, node->ss.ps.plan);
  // A join or aggregate scans no single relation: any of its base
  // relations has the server and user (the planner checked they agree).
  Index rtindex = plan->scan.scanrelid;
#if PG_VERSION_NUM >= 160000
  if (rtindex == 0) rtindex = bms_next_member(plan->fs_base_relids, -1);
#else
  if (rtindex == 0) rtindex = bms_next_member(plan->fs_relids, -1);
#endif
  RangeTblEntry *rte = exec_rt_fetch(rtindex, node->ss.ps.state);
#if PG_VERSION_NUM >= 160000
  Oid userid = OidIsValid(plan->checkAsUser) ? plan->checkAsUser : GetUserId();
#else
  Oid userid = OidIsValid(rte->checkAsUser) ? rte->checkAsUser : GetUserId();
#endif
  return GetUserMapping(userid, GetForeignTable(rte->relid)->serverid);
}

TupleDesc scan_tuple_desc(ForeignScanState *node) { return node->ss.ss_ScanTupleSlot->tts_tupleDescriptor; }

void explain_remote_query(ForeignScanState *node, const ScanPrivate &priv, ExplainState *es) {
  if (castNode(ForeignScan, node->ss.ps.plan)->scan.scanrelid == 0)
    ExplainPropertyText("Relations", priv.relations, es);
  if (es->verbose) {
    ExplainPropertyText("Server", priv.server_name, es);
    ExplainPropertyText("Remote SQL", priv.sql, es);
  }
}

Provider scan_provider(ForeignScanState *node) {
  return static_cast<Provider>(intVal(list_nth(castNode(ForeignScan, node->ss.ps.plan)->fdw_private, kProvider)));
}

ScanPrivate read_scan_private(List *fdw_private) {
  ScanPrivate p;
  p.sql = strVal(list_nth(fdw_private, kSql));
  p.retrieved_attrs = static_cast<List *>(list_nth(fdw_private, kRetrievedAttrs));
  p.fetch_size = intVal(list_nth(fdw_private, kFetchSize));
  p.server_name = strVal(list_nth(fdw_private, kServerName));
  p.relation_name = strVal(list_nth(fdw_private, kRelationName));
  p.est.bytes = floatVal(list_nth(fdw_private, kEstBytes));
  p.est.parts_assigned = floatVal(list_nth(fdw_private, kEstPartsAssigned));
  p.est.parts_total = floatVal(list_nth(fdw_private, kEstPartsTotal));
  p.provider = static_cast<Provider>(intVal(list_nth(fdw_private, kProvider)));
  p.relations = strVal(list_nth(fdw_private, kRelations));
  return p;
}

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

  // Parameters of a parameterized path.
  int num_params;
  FmgrInfo *param_out;
  List *param_exprs;
  const char **param_values;

  // EXPLAIN ANALYZE.
  uint64 rows_fetched;
  uint64 round_trips;
  uint64 bytes_received;

  MemoryContextCallback release;
};

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
// to this scan's query, not to the one that happened to need the connection.
void absorb_in_flight(void *owner) {
  ScanExec *s = static_cast<ScanExec *>(owner);
  s->fetch_in_flight = false;
  s->stashed = get_result(s->conn);
  s->has_stash = true;
  s->round_trips++;
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

void evaluate_params(ScanExec *s, ExprContext *econtext) {
  MemoryContext old = MemoryContextSwitchTo(econtext->ecxt_per_tuple_memory);
  int nestlevel = set_transmission_modes();
  int i = 0;
  ListCell *lc;
  foreach (lc, s->param_exprs) {
    bool isnull;
    Datum v = ExecEvalExpr(static_cast<ExprState *>(lfirst(lc)), econtext, &isnull);
    s->param_values[i] = isnull ? nullptr : OutputFunctionCall(&s->param_out[i], v);
    i++;
  }
  reset_transmission_modes(nestlevel);
  MemoryContextSwitchTo(old);
}

void open_cursor(ScanExec *s, ExprContext *econtext) {
  // Parameters first: evaluating them may run a subplan that scans another
  // table of this connection and leaves its prefetch in flight.
  if (s->num_params > 0) evaluate_params(s, econtext);
  absorb_pending(s->pending);  // someone else's prefetch must not be in the way
  StringInfoData buf;
  initStringInfo(&buf);
  if (s->num_params == 0) {
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
    if (!PQsendQueryParams(s->conn, buf.data, s->num_params, nullptr, s->param_values, nullptr, nullptr, 0))
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

void begin_foreign_scan(ForeignScanState *node, int eflags) {
  if (scan_provider(node) == Provider::BigQuery) return bq_begin_scan(node, eflags);
  if (scan_provider(node) == Provider::Snowflake) return sf_begin_scan(node, eflags);
  if (eflags & EXEC_FLAG_EXPLAIN_ONLY) return;  // plain EXPLAIN: no connection
  ForeignScan *plan = castNode(ForeignScan, node->ss.ps.plan);
  EState *estate = node->ss.ps.state;
  ScanExec *s = static_cast<ScanExec *>(palloc0(sizeof(ScanExec)));
  node->fdw_state = s;
  s->priv = read_scan_private(plan->fdw_private);

  s->conn = get_connection(scan_user_mapping(node), &s->pending);
  s->cursor_number = next_cursor_number(s->conn);

  s->row_cxt = AllocSetContextCreate(estate->es_query_cxt, "warehouse_fdw row", ALLOCSET_SMALL_SIZES);
  s->release.func = release_scan;
  s->release.arg = s;
  MemoryContextRegisterResetCallback(estate->es_query_cxt, &s->release);

  init_row_converter(&s->conv, scan_tuple_desc(node), s->priv.retrieved_attrs, s->priv.relation_name,
                     s->priv.server_name);
  s->system_columns = plan->fsSystemCol && plan->scan.scanrelid > 0;

  s->num_params = list_length(plan->fdw_exprs);
  if (s->num_params > 0) {
    s->param_out = static_cast<FmgrInfo *>(palloc0(sizeof(FmgrInfo) * s->num_params));
    s->param_values = static_cast<const char **>(palloc0(sizeof(char *) * s->num_params));
    int i = 0;
    ListCell *lc;
    foreach (lc, plan->fdw_exprs) {
      Oid typoutput;
      bool varlena;
      getTypeOutputInfo(exprType(static_cast<Node *>(lfirst(lc))), &typoutput, &varlena);
      fmgr_info(typoutput, &s->param_out[i++]);
    }
    s->param_exprs = ExecInitExprList(plan->fdw_exprs, reinterpret_cast<PlanState *>(node));
  }
}

TupleTableSlot *iterate_foreign_scan(ForeignScanState *node) {
  if (scan_provider(node) == Provider::BigQuery) return bq_iterate_scan(node);
  if (scan_provider(node) == Provider::Snowflake) return sf_iterate_scan(node);
  ScanExec *s = static_cast<ScanExec *>(node->fdw_state);
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

void rescan_foreign_scan(ForeignScanState *node) {
  if (scan_provider(node) == Provider::BigQuery) return bq_rescan(node);
  if (scan_provider(node) == Provider::Snowflake) return sf_rescan(node);
  ScanExec *s = static_cast<ScanExec *>(node->fdw_state);
  if (s == nullptr || !s->cursor_exists) return;
  abandon_batches(s);
  // Parameters may have changed: the cursor is re-declared on the next fetch.
  s->cursor_exists = false;
  s->cursor_needs_close = true;
}

void end_foreign_scan(ForeignScanState *node) {
  if (scan_provider(node) == Provider::BigQuery) return bq_end_scan(node);
  if (scan_provider(node) == Provider::Snowflake) return sf_end_scan(node);
  ScanExec *s = static_cast<ScanExec *>(node->fdw_state);
  if (s == nullptr) return;
  abandon_batches(s);
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

void explain_foreign_scan(ForeignScanState *node, ExplainState *es) {
  if (scan_provider(node) == Provider::BigQuery) return bq_explain_scan(node, es);
  if (scan_provider(node) == Provider::Snowflake) return sf_explain_scan(node, es);
  ForeignScan *plan = castNode(ForeignScan, node->ss.ps.plan);
  ScanPrivate priv = read_scan_private(plan->fdw_private);
  explain_remote_query(node, priv, es);
  ScanExec *s = static_cast<ScanExec *>(node->fdw_state);
  if (es->analyze && s != nullptr) {
    ExplainPropertyUInteger("Rows Fetched", nullptr, s->rows_fetched, es);
    ExplainPropertyUInteger("Round Trips", nullptr, s->round_trips, es);
    ExplainPropertyUInteger("Bytes Received", "bytes", s->bytes_received, es);
  }
}

}  // namespace wfdw
