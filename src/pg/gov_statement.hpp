// One remote statement under cost governance (docs/governance.md): before
// it is sent, the approval threshold and the monthly budget are checked and
// its estimate reserved in the spend ledger; when it ends (or fails, or is
// cancelled) the reservation is settled with what was billed, and the
// stats entry and the query log record it. Every provider's scan calls
// these; without shared_preload_libraries they only do what needs no shared
// memory (nothing), so the FDW works unchanged.
#pragma once
#include "pg/pg.hpp"
#include "pg/scan_private.hpp"

extern "C" {
#include "portability/instr_time.h"
}

namespace wfdw {

// What a finished (or failed) statement reports.
struct GovOutcome {
  int64 rows;
  double bytes_received;
  double bytes_processed;  // -1: not reported
  double bytes_billed;     // -1: not reported
  int64 retries;
  int cache_hit;       // -1: not reported
  const char *job_id;  // "" or nullptr: none
};

struct GovStatement {
  bool enabled;  // shared memory exists
  bool priced;   // the provider prices queries: the ledger, budgets and approvals apply
  Oid dbid;
  Oid userid;  // the role that runs the query (GetUserId() at the scan's start)
  Oid serverid;
  Oid schema;  // of the governance tables; InvalidOid: none
  int64 queryid;
  char *norm_sql;  // constants replaced (palloc'd)
  const char *sql;
  const char *server_name;
  const char *relation_name;
  const char *provider;
  double (*cost_usd)(List *server_options, double bytes);
  List *server_options;
  double budget_usd;    // -1: unlimited
  double approval_usd;  // -1: no threshold
  double approval_window_s;
  double est_bytes;  // -1: unknown
  double est_usd;    // -1: unknown
  // The statement in flight.
  bool active;
  bool in_ledger;  // reserve() counted it in the ledger: settle() must uncount it
  double reserved_usd;
  int32 month;
  TimestampTz started_at;
  instr_time started;
  uint64 error_seq;  // errors this backend had seen when it began
};

// At BeginForeignScan (not under plain EXPLAIN): who, where, what; reads the
// budget and approval settings. `backslash_escapes`: the dialect's string
// literals take \ escapes (for the normalized text).
void gov_init(GovStatement *g, const ScanPrivate &priv, UserMapping *user, bool backslash_escapes);
// Whether the plan-time estimate is needed (a budget or approval threshold
// applies and the plan has none): the provider then asks the warehouse.
bool gov_wants_estimate(const GovStatement *g);
void gov_set_estimate(GovStatement *g, double bytes);
// Before the statement is sent: ERROR when it needs an approval or would
// exceed the budget; else its estimate is reserved.
void gov_begin(GovStatement *g);
// The statement ended normally (also under a LIMIT that stopped reading).
void gov_end(GovStatement *g, const GovOutcome &o);
// The statement's query failed or was cancelled: from a memory-context
// reset callback during abort; never raises an error.
void gov_abort(GovStatement *g, const GovOutcome &o);
// The dollars of billed bytes (-1: not reported or no price), for EXPLAIN ANALYZE.
double gov_billed_usd(const GovStatement *g, double bytes_billed);

// Around every scan callback: remembers the SQLSTATE of an error raised
// inside it (even one a PL/pgSQL handler catches later). A longjmp past the
// pop is fine: PG_TRY/PG_CATCH restore error_context_stack.
void gov_push_error_context(ErrorContextCallback *cb);
void gov_pop_error_context(ErrorContextCallback *cb);

}  // namespace wfdw
