// The executor side of an HTTP warehouse scan (BigQuery, Snowflake): a
// provider's PageStream of decoded pages, waited for with interrupt checks,
// converted row by row into the scan slot; parameters of a parameterized
// path evaluated per (re)scan and handed to the provider as text. The
// provider supplies how a parameter is written, how a stream starts and its
// statistics; the EXPLAIN ANALYZE block is this file's. All state is palloc'd; the
// stream (a C++ object) is owned here and deleted by a memory-context
// callback if the query ends in an error.
#pragma once
#include "pg/gov_statement.hpp"
#include "pg/pg.hpp"
#include "pg/row_converter.hpp"
#include "pg/scan_params.hpp"
#include "pg/scan_private.hpp"

namespace wfdw {

class PageStream;
struct CellPage;

// What a provider's stream reports for EXPLAIN ANALYZE, plain data.
struct StreamStats {
  char id[128];  // the job id / statement handle ("" if none yet)
  int64 units;   // pages, result partitions or chunks
  int64 retries;
  uint64 bytes_received;
  double remote_ms;        // submit to result
  double bytes_processed;  // -1: not reported
  double bytes_billed;     // -1: not reported
  int cache_hit;           // -1: not reported, else 0/1
  int64 replays;           // rescans that read a finished result again
};

struct StreamScanOps {
  const char *provider_label;  // "BigQuery", for messages
  // EXPLAIN ANALYZE labels: the remote id ("Job ID"), the units ("Pages"),
  // the remote time ("Job Time").
  const char *id_label;
  const char *units_label;
  const char *time_label;
  // A parameter value as the provider binds it (palloc'd text).
  char *(*param_text)(Oid type, FmgrInfo *out, Datum value);
  // Starts a stream for `sql` with the parameters (values[i] nullptr: NULL).
  // Runs C++ inside guard(); returns an owned stream.
  PageStream *(*start)(void *provider, const char *sql, int nparams, const char *const *values, const Oid *types);
  // The statistics of a stream (finished or not). Runs C++ inside guard().
  void (*stats)(PageStream *stream, StreamStats *out);
  // Called before a finished stream is deleted (e.g. to remember its job). May be null.
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
  ScanParams params;
  int64 rows_fetched;  // EXPLAIN ANALYZE
  StreamStats totals;  // of the finished streams (a rescan starts another)
  bool any_stream;
  int64 stream_rows_start;  // rows_fetched when the current stream started
  GovStatement gov;         // cost governance of the current statement
  MemoryContextCallback release;
};

// Call after the provider's own checks (max_cost_usd), which may raise
// errors before any C++ object exists. `gov` (gov_init'ed by the provider)
// is copied; `est_bytes` is the estimate the provider has (-1: none).
// Returns the scan's state.
StreamScan *begin_stream_scan(ForeignScanState *node, const StreamScanOps *ops, void *provider,
                              const GovStatement *gov, double est_bytes);
TupleTableSlot *iterate_stream_scan(ForeignScanState *node, StreamScan *s);
void rescan_stream_scan(StreamScan *s);
void end_stream_scan(StreamScan *s);
// StreamScanOps::stats of a provider whose streams are PartitionStreams
// (Snowflake, Databricks): units are its partitions (chunks).
void partition_stream_stats(PageStream *stream, StreamStats *out);

// ProviderOps entries of a provider whose scan state is a StreamScan.
TupleTableSlot *stream_iterate_op(ForeignScanState *node, void *state);
void stream_rescan_op(ForeignScanState *node, void *state);
void stream_end_op(ForeignScanState *node, void *state);

// EXPLAIN ANALYZE's block: rows, the remote's bytes, units, retries and,
// with VERBOSE, the id, time and bytes received. A stream still running
// (under a LIMIT) counts too.
void explain_stream_scan(StreamScan *s, ExplainState *es);

}  // namespace wfdw
