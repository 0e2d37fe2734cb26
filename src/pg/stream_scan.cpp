// See stream_scan.hpp. The pure headers come first (PostgreSQL's macros must
// not reach the standard library).
#include "core/page_stream.hpp"
#include "core/partition_stream.hpp"

#include <memory>

#include "pg/deparse.hpp"
#include "pg/guard.hpp"
#include "pg/remote_cost.hpp"
#include "pg/stream_scan.hpp"

namespace wfdw {
namespace {

void drop_stream(StreamScan *s) noexcept {
  delete s->page;
  s->page = nullptr;
  delete s->stream;  // joins the workers; cancels remote work still running
  s->stream = nullptr;
}

// The statistics of one stream.
StreamStats stream_stats(const StreamScanOps *ops, PageStream *stream) {
  StreamStats st;
  memset(&st, 0, sizeof(st));
  st.bytes_processed = st.bytes_billed = -1;
  st.cache_hit = -1;
  if (stream != nullptr) ops->stats(stream, &st);
  return st;
}

// What cost governance records of the current stream's statement. A replay
// (a rescan reading a finished job again) bills nothing.
GovOutcome stream_outcome(const StreamScan *s, const StreamStats &st) {
  GovOutcome o;
  o.rows = s->rows_fetched - s->stream_rows_start;
  o.bytes_received = static_cast<double>(st.bytes_received);
  o.bytes_processed = st.replays > 0 ? 0 : st.bytes_processed;
  o.bytes_billed = st.replays > 0 ? 0 : st.bytes_billed;
  o.retries = st.retries;
  o.cache_hit = st.cache_hit;
  o.job_id = st.id;
  return o;
}

// The query ends with an error: the statement in flight is settled and
// recorded as failed, then its stream is dropped (cancelling remote work).
void abort_stream_scan(StreamScan *s) {
  if (s->gov.active) {
    StreamStats st = stream_stats(s->ops, s->stream);
    GovOutcome o = stream_outcome(s, st);
    gov_abort(&s->gov, o);
  }
  drop_stream(s);
}

WFDW_PG_ENTRY void release_stream_scan(void *arg) {
  guard([&] { abort_stream_scan(static_cast<StreamScan *>(arg)); });
}

// Adds the statistics `st` of a stream to `t`.
void add_stats(const StreamStats &st, StreamStats *t, bool *any) {
  if (!*any) {
    memset(t, 0, sizeof(*t));
    t->bytes_processed = t->bytes_billed = -1;
    t->cache_hit = -1;
    *any = true;
  }
  if (st.bytes_processed >= 0) t->bytes_processed = Max(t->bytes_processed, 0) + st.bytes_processed;
  if (st.bytes_billed >= 0) t->bytes_billed = Max(t->bytes_billed, 0) + st.bytes_billed;
  if (st.cache_hit >= 0) t->cache_hit = st.cache_hit;
  t->units += st.units;
  t->retries += st.retries;
  t->bytes_received += st.bytes_received;
  t->remote_ms += st.remote_ms;
  t->replays += st.replays;
  if (st.id[0] != '\0') snprintf(t->id, sizeof(t->id), "%s", st.id);
}

// Adds the statistics of `stream` (if any) to `t`.
void add_stream_stats(const StreamScanOps *ops, PageStream *stream, StreamStats *t, bool *any) {
  if (stream == nullptr) return;
  add_stats(stream_stats(ops, stream), t, any);
}

// Ends the current stream, keeping its statistics.
void finish_stream(StreamScan *s) {
  if (s->stream != nullptr) {
    StreamStats st = stream_stats(s->ops, s->stream);
    add_stats(st, &s->totals, &s->any_stream);
    if (s->ops->finish != nullptr) s->ops->finish(s->provider, s->stream);
    GovOutcome o = stream_outcome(s, st);
    gov_end(&s->gov, o);
  }
  drop_stream(s);
}

void start_stream(StreamScan *s, ExprContext *econtext) {
  eval_scan_params(&s->params, econtext, s->ops->param_text);
  // Budgets and approvals are checked before anything is sent.
  gov_begin(&s->gov);
  s->stream_rows_start = s->rows_fetched;
  s->stream = s->ops->start(s->provider, s->priv.sql, s->params.count, s->params.values, s->params.types);
  s->ended = false;
  s->row = 0;
}

// Waits for the next page, checking for interrupts between short waits.
bool next_page(StreamScan *s) {
  delete s->page;
  s->page = nullptr;
  for (;;) {
    int state = guard([&] {
      std::unique_ptr<CellPage> page;
      PageStream::Wait w = s->stream->next(&page, 100);
      if (w == PageStream::Wait::Page) s->page = page.release();
      return static_cast<int>(w);
    });
    if (state == static_cast<int>(PageStream::Wait::Page)) {
      s->row = 0;
      if (s->page->nrows == 0) {
        delete s->page;
        s->page = nullptr;
        continue;
      }
      return true;
    }
    if (state == static_cast<int>(PageStream::Wait::End)) return false;
    CHECK_FOR_INTERRUPTS();  // no C++ object lives on this frame
  }
}

}  // namespace

StreamScan *begin_stream_scan(ForeignScanState *node, const StreamScanOps *ops, void *provider,
                              const GovStatement *gov, double est_bytes) {
  ForeignScan *plan = castNode(ForeignScan, node->ss.ps.plan);
  EState *estate = node->ss.ps.state;
  StreamScan *s = static_cast<StreamScan *>(palloc0(sizeof(StreamScan)));
  s->ops = ops;
  s->provider = provider;
  s->priv = read_scan_private(plan->fdw_private);
  s->gov = *gov;
  gov_set_estimate(&s->gov, est_bytes >= 0 ? est_bytes : s->priv.est.bytes);
  s->row_cxt = AllocSetContextCreate(estate->es_query_cxt, "warehouse_fdw row", ALLOCSET_SMALL_SIZES);
  s->release.func = release_stream_scan;
  s->release.arg = s;
  MemoryContextRegisterResetCallback(estate->es_query_cxt, &s->release);
  init_row_converter(&s->conv, scan_tuple_desc(node), s->priv.retrieved_attrs, s->priv.relation_name,
                     s->priv.server_name);
  s->system_columns = plan->fsSystemCol && plan->scan.scanrelid > 0;
  s->cells = static_cast<const char **>(palloc0(sizeof(char *) * Max(s->conv.ncolumns, 1)));
  init_scan_params(&s->params, node);
  return s;
}

TupleTableSlot *iterate_stream_scan(ForeignScanState *node, StreamScan *s) {
  TupleTableSlot *slot = node->ss.ss_ScanTupleSlot;
  if (s->stream == nullptr && !s->ended) start_stream(s, node->ss.ps.ps_ExprContext);
  if (s->ended) return ExecClearTuple(slot);
  if (s->page == nullptr || s->row >= s->page->nrows) {
    if (!next_page(s)) {
      finish_stream(s);
      s->ended = true;
      return ExecClearTuple(slot);
    }
  }
  // The remote select list has one column per retrieved attribute (or a
  // lone NULL when none is needed): any other width would misalign values.
  if (static_cast<int>(s->page->ncols) != Max(s->conv.ncolumns, 1))
    ereport(ERROR, (errcode(ERRCODE_FDW_ERROR),
                    errmsg("%s server \"%s\" returned %d columns for %s, expected %d", s->ops->provider_label,
                           s->priv.server_name, (int)s->page->ncols, s->priv.relation_name, Max(s->conv.ncolumns, 1)),
                    errdetail("The result's schema does not match the Remote SQL's select list."),
                    errhint("No partial result is returned; EXPLAIN VERBOSE shows the Remote SQL.")));
  for (int j = 0; j < s->conv.ncolumns; j++) s->cells[j] = s->page->cell(s->row, j);
  ExecClearTuple(slot);
  MemoryContextReset(s->row_cxt);
  MemoryContext old = MemoryContextSwitchTo(s->row_cxt);
  convert_cells(&s->conv, s->cells, slot->tts_values, slot->tts_isnull);
  MemoryContextSwitchTo(old);
  ExecStoreVirtualTuple(slot);
  if (s->system_columns) finish_system_columns(slot, &s->conv);
  s->row++;
  s->rows_fetched++;
  return slot;
}

void rescan_stream_scan(StreamScan *s) {
  if (s == nullptr) return;
  // Parameters may have changed: the statement runs again on the next fetch.
  finish_stream(s);
  s->ended = false;
}

void end_stream_scan(StreamScan *s) {
  if (s == nullptr) return;
  finish_stream(s);
}

void partition_stream_stats(PageStream *page_stream, StreamStats *out) {
  PartitionStream *stream = static_cast<PartitionStream *>(page_stream);
  guard([&] {
    PartitionStreamStats st = stream->stats();
    out->units = st.partitions;
    out->retries = st.retries;
    out->bytes_received = st.bytes_received;
    out->remote_ms = st.statement_ms;
    snprintf(out->id, sizeof(out->id), "%s", st.id.c_str());
  });
}

TupleTableSlot *stream_iterate_op(ForeignScanState *node, void *state) {
  return iterate_stream_scan(node, static_cast<StreamScan *>(state));
}
void stream_rescan_op(ForeignScanState *, void *state) { rescan_stream_scan(static_cast<StreamScan *>(state)); }
void stream_end_op(ForeignScanState *, void *state) { end_stream_scan(static_cast<StreamScan *>(state)); }

void explain_stream_scan(StreamScan *s, ExplainState *es) {
  if (!es->analyze || s == nullptr) return;
  // EXPLAIN runs before EndForeignScan: a stream still running (LIMIT)
  // counts too, without being folded into the totals twice.
  StreamStats t = s->totals;
  bool any = s->any_stream;
  add_stream_stats(s->ops, s->stream, &t, &any);
  ExplainPropertyInteger("Rows Fetched", nullptr, s->rows_fetched, es);
  if (t.replays > 0) ExplainPropertyInteger("Jobs Reused", nullptr, t.replays, es);
  if (!any) return;
  if (t.bytes_processed >= 0) ExplainPropertyText("Bytes Processed", format_bytes(t.bytes_processed), es);
  if (t.bytes_billed >= 0) {
    ExplainPropertyText("Bytes Billed", format_bytes(t.bytes_billed), es);
    double usd = gov_billed_usd(&s->gov, t.bytes_billed);
    if (usd >= 0) ExplainPropertyText("Billed Cost", format_usd(usd), es);
  }
  if (t.cache_hit >= 0) ExplainPropertyBool("Cache Hit", t.cache_hit != 0, es);
  ExplainPropertyInteger(s->ops->units_label, nullptr, t.units, es);
  ExplainPropertyInteger("Retries", nullptr, t.retries, es);
  if (es->verbose) {
    ExplainPropertyText(s->ops->id_label, t.id, es);
    if (es->timing) ExplainPropertyFloat(s->ops->time_label, "ms", t.remote_ms, 1, es);
    ExplainPropertyUInteger("Bytes Received", "bytes", t.bytes_received, es);
  }
}

}  // namespace wfdw
