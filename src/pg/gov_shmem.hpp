// Cost governance's live state, in shared memory (docs/governance.md): the
// stats entries behind warehouse_fdw_stats, the query log ring, the spend
// ledger (per database, month, role and server) and the approval requests.
// It exists only when warehouse_fdw is in shared_preload_libraries; without
// it the FDW works and the views raise an error with a hint. Plain C structs:
// they live in shared memory and in the stats file written at shutdown.
#pragma once
#include "core/latency_histogram.hpp"
#include "pg/pg.hpp"

extern "C" {
#include "storage/lwlock.h"
#include "utils/hsearch.h"
}

namespace wfdw {

constexpr int kGovQueryTextMax = 2048;  // normalized query text kept per stats entry
constexpr int kGovErrorClasses = 6;     // SQLSTATE classes counted per stats entry
constexpr int kGovLedgerMax = 4096;     // (database, month, role, server) entries
constexpr int kGovApprovalsMax = 256;   // approval requests kept in memory
constexpr int kGovApprovalSqlMax = 1024;

struct GovStatsKey {
  Oid dbid;
  Oid userid;
  Oid serverid;
  int32 pad;  // zeroed: HASH_BLOBS compares the bytes
  int64 queryid;
};

struct GovStatsEntry {
  GovStatsKey key;
  char provider[16];
  char server_name[NAMEDATALEN];
  int64 calls;
  int64 errors;
  int64 cancels;
  int64 rows;
  int64 retries;
  int64 cache_hits;
  char error_class[kGovErrorClasses][3];
  int64 error_count[kGovErrorClasses];
  double bytes_received;
  double bytes_processed;
  double bytes_billed;
  double est_cost_usd;
  double billed_cost_usd;
  double total_ms;
  double min_ms;
  double max_ms;
  double usage;  // eviction order: calls, decayed at each eviction
  TimestampTz first_call;
  TimestampTz last_call;
  char last_job_id[128];
  LatencyHistogram hist;
  char query[kGovQueryTextMax];
};

struct GovLedgerKey {
  Oid dbid;
  Oid userid;
  Oid serverid;
  int32 month;  // YYYYMM, UTC
};

struct GovLedgerEntry {
  GovLedgerKey key;
  int64 queries;
  double bytes;
  double cost_usd;      // settled: billed, or the estimate when nothing was billed back
  double reserved_usd;  // estimates of the statements in flight
  int32 in_flight;
  int64 version;          // bumped by every change
  int64 flushed_version;  // what the table holds
};

// One remote statement (or refusal / approval) in the query log ring; the
// remote SQL (query_log_text_length bytes) follows each entry.
struct GovLogEntry {
  int64 seq;  // 0: unused slot
  TimestampTz started_at;
  Oid dbid;
  Oid userid;
  Oid serverid;
  int64 queryid;
  char provider[16];
  char server_name[NAMEDATALEN];
  char job_id[128];
  int64 rows;
  double bytes_received;
  double bytes_processed;  // -1: not reported
  double bytes_billed;     // -1: not reported
  double est_usd;          // -1: unknown
  double billed_usd;       // -1: unknown
  double duration_ms;
  int64 retries;
  char status[24];  // ok, error, cancelled, refused_budget, approval_required, approved
  char sqlstate[6];
};

struct GovApproval {
  bool used;
  bool flushed;  // the table holds this state of the request
  char id[17];
  Oid dbid;
  Oid userid;
  Oid serverid;
  int64 queryid;
  double est_usd;
  TimestampTz requested_at;
  TimestampTz approved_at;  // 0: pending
  Oid approved_by;
  char server_name[NAMEDATALEN];
  char sql[kGovApprovalSqlMax];
};

struct GovShared {
  LWLock *stats_lock;
  LWLock *log_lock;
  LWLock *ledger_lock;
  LWLock *approval_lock;
  int64 log_next_seq;
  int log_size;
  int log_text_len;
  int max_stats;
  int64 evictions;
  TimestampTz stats_reset;
  GovApproval approvals[kGovApprovalsMax];
};

// Settings (GUCs), defined in define_governance_settings().
extern bool gov_track;
extern bool gov_log_remote_statements;
extern int gov_flush_interval_s;

// From _PG_init: the settings, and when loaded through
// shared_preload_libraries the shared memory, its stats file and the
// ledger's background writer.
void install_governance();

// The shared state, or nullptr when not preloaded.
GovShared *gov_shared();
HTAB *gov_stats_table();
HTAB *gov_ledger_table();
// The log ring's slot for `seq` and its text.
GovLogEntry *gov_log_slot(int64 seq);
char *gov_log_text(GovLogEntry *e);
// ERROR (55000) with the shared_preload_libraries hint when not preloaded.
void gov_require(const char *what);

// Stats entry of `key`, created (evicting the least used when full) if
// missing; caller holds stats_lock exclusively.
GovStatsEntry *gov_stats_entry(const GovStatsKey &key, const char *query);
// A new log slot (caller holds log_lock exclusively), cleared, with its seq.
GovLogEntry *gov_log_append();
// Copies `src` into `dst` of `cap` bytes, cut at a character boundary of
// the database encoding: a text cut inside a multibyte character is not
// valid text and breaks whoever reads the view (or stores the request).
void gov_clip_copy(char *dst, size_t cap, const char *src);
// The current month (UTC) as YYYYMM.
int32 gov_current_month();

}  // namespace wfdw
