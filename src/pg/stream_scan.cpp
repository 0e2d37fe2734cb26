// See stream_scan.hpp. The pure headers come first (PostgreSQL's macros must
// not reach the standard library).
#include "core/page_stream.hpp"

#include <memory>

#include "pg/deparse.hpp"
#include "pg/guard.hpp"
#include "pg/stream_scan.hpp"

namespace wfdw {
namespace {

void drop_stream(StreamScan *s) noexcept {
  delete s->page;
  s->page = nullptr;
  delete s->stream;  // joins the workers; cancels remote work still running
  s->stream = nullptr;
}

WFDW_PG_ENTRY void release_stream_scan(void *arg) {
  guard([&] { drop_stream(static_cast<StreamScan *>(arg)); });
}

// Ends the current stream, letting the provider keep its statistics.
void finish_stream(StreamScan *s) {
  if (s->stream != nullptr && s->ops->finish != nullptr) s->ops->finish(s->provider, s->stream);
  drop_stream(s);
}

void start_stream(StreamScan *s, ExprContext *econtext) {
  int n = s->num_params;
  const char **values = static_cast<const char **>(palloc0(sizeof(char *) * Max(n, 1)));
  if (n > 0) {
    int nestlevel = set_transmission_modes();
    MemoryContext old = MemoryContextSwitchTo(econtext->ecxt_per_tuple_memory);
    int i = 0;
    ListCell *lc;
    foreach (lc, s->param_exprs) {
      bool isnull;
      Datum v = ExecEvalExpr(static_cast<ExprState *>(lfirst(lc)), econtext, &isnull);
      values[i] = isnull ? nullptr : s->ops->param_text(s->param_types[i], &s->param_out[i], v);
      i++;
    }
    MemoryContextSwitchTo(old);
    reset_transmission_modes(nestlevel);
  }
  s->stream = s->ops->start(s->provider, s->priv.sql, n, values, s->param_types);
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

StreamScan *begin_stream_scan(ForeignScanState *node, const StreamScanOps *ops, void *provider) {
  ForeignScan *plan = castNode(ForeignScan, node->ss.ps.plan);
  EState *estate = node->ss.ps.state;
  StreamScan *s = static_cast<StreamScan *>(palloc0(sizeof(StreamScan)));
  node->fdw_state = s;
  s->ops = ops;
  s->provider = provider;
  s->priv = read_scan_private(plan->fdw_private);
  s->row_cxt = AllocSetContextCreate(estate->es_query_cxt, "warehouse_fdw row", ALLOCSET_SMALL_SIZES);
  s->release.func = release_stream_scan;
  s->release.arg = s;
  MemoryContextRegisterResetCallback(estate->es_query_cxt, &s->release);
  init_row_converter(&s->conv, scan_tuple_desc(node), s->priv.retrieved_attrs, s->priv.relation_name,
                     s->priv.server_name);
  s->system_columns = plan->fsSystemCol && plan->scan.scanrelid > 0;
  s->cells = static_cast<const char **>(palloc0(sizeof(char *) * Max(s->conv.ncolumns, 1)));
  s->num_params = list_length(plan->fdw_exprs);
  if (s->num_params > 0) {
    s->param_out = static_cast<FmgrInfo *>(palloc0(sizeof(FmgrInfo) * s->num_params));
    s->param_types = static_cast<Oid *>(palloc0(sizeof(Oid) * s->num_params));
    int i = 0;
    ListCell *lc;
    foreach (lc, plan->fdw_exprs) {
      Oid typoutput;
      bool varlena;
      s->param_types[i] = exprType(static_cast<Node *>(lfirst(lc)));
      getTypeOutputInfo(s->param_types[i], &typoutput, &varlena);
      fmgr_info(typoutput, &s->param_out[i++]);
    }
    s->param_exprs = ExecInitExprList(plan->fdw_exprs, reinterpret_cast<PlanState *>(node));
  }
  return s;
}

TupleTableSlot *iterate_stream_scan(ForeignScanState *node) {
  StreamScan *s = static_cast<StreamScan *>(node->fdw_state);
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

void rescan_stream_scan(ForeignScanState *node) {
  StreamScan *s = static_cast<StreamScan *>(node->fdw_state);
  if (s == nullptr) return;
  // Parameters may have changed: the statement runs again on the next fetch.
  finish_stream(s);
  s->ended = false;
}

void end_stream_scan(ForeignScanState *node) {
  StreamScan *s = static_cast<StreamScan *>(node->fdw_state);
  if (s == nullptr) return;
  finish_stream(s);
}

}  // namespace wfdw
