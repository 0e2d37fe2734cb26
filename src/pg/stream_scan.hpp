// The executor side of an HTTP warehouse scan (BigQuery, Snowflake): a
// provider's PageStream of decoded pages, waited for with interrupt checks,
// converted row by row into the scan slot; parameters of a parameterized
// path evaluated per (re)scan and handed to the provider as text. The
// provider supplies how a parameter is written, how a stream starts and what
// to keep of a finished stream's statistics. All state is palloc'd; the
// stream (a C++ object) is owned here and deleted by a memory-context
// callback if the query ends in an error.
#pragma once
#include "pg/pg.hpp"
#include "pg/row_converter.hpp"
#include "pg/scan_private.hpp"

namespace wfdw {

class PageStream;
struct CellPage;

struct StreamScanOps {
  const char *provider_label;  // "BigQuery", for messages
  // A parameter value as the provider binds it (palloc'd text).
  char *(*param_text)(Oid type, FmgrInfo *out, Datum value);
  // Starts a stream for `sql` with the parameters (values[i] nullptr: NULL).
  // Runs C++ inside guard(); returns an owned stream.
  PageStream *(*start)(void *provider, const char *sql, int nparams, const char *const *values, const Oid *types);
  // Called before a stream is deleted, to keep its statistics. May be null.
  void (*finish)(void *provider, PageStream *stream);
};

struct StreamScan {
  const StreamScanOps *ops;
  void *provider;  // the provider's palloc'd state
  ScanPrivate priv;
  RowConverter conv;
  MemoryContext row_cxt;
  bool system_columns;  // the query reads xmin, ctid, ...: rows become real tuples
  PageStream *stream;   // owned
  CellPage *page;       // owned
  size_t row;
  bool ended;
  const char **cells;
  int num_params;
  List *param_exprs;
  FmgrInfo *param_out;
  Oid *param_types;
  int64 rows_fetched;  // EXPLAIN ANALYZE
  MemoryContextCallback release;
};

// Sets node->fdw_state. Call after the provider's own checks (budgets),
// which may raise errors before any C++ object exists.
StreamScan *begin_stream_scan(ForeignScanState *node, const StreamScanOps *ops, void *provider);
TupleTableSlot *iterate_stream_scan(ForeignScanState *node);
void rescan_stream_scan(ForeignScanState *node);
void end_stream_scan(ForeignScanState *node);

}  // namespace wfdw
