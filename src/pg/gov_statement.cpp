// See gov_statement.hpp. Locks are held only to copy numbers in and out of
// shared memory; SPI reads (budgets, the ledger's durable totals, approvals
// in the table) happen with no lock held.
#include "core/query_fingerprint.hpp"

#include "pg/gov_statement.hpp"
#include "pg/gov_store.hpp"
#include "pg/guard.hpp"
#include "pg/options.hpp"
#include "pg/provider.hpp"
#include "pg/remote_cost.hpp"

extern "C" {
#include "portability/instr_time.h"
#include "utils/elog.h"
#include "utils/timestamp.h"
}

namespace wfdw {
namespace {

int last_error_code = 0;
uint64 error_seq = 0;  // errors raised inside scan callbacks in this backend

// Error context callback around the scan callbacks: errfinish calls it for
// every message raised inside them, before any handler (a PL/pgSQL
// EXCEPTION block, which aborts the subtransaction and so our statement
// before the error is ever emitted) can swallow it.
WFDW_PG_ENTRY void note_scan_error(void *) {
  guard([] {
    int code = geterrcode();
    int category = ERRCODE_TO_CATEGORY(code);
    if (category == ERRCODE_SUCCESSFUL_COMPLETION || category == ERRCODE_WARNING || category == ERRCODE_NO_DATA) return;
    last_error_code = code;
    error_seq++;
  });
}

constexpr double kDefaultApprovalWindowS = 24 * 3600;

void copy_name(char *dst, size_t cap, const char *src) { strlcpy(dst, src != nullptr ? src : "", cap); }

const char *format_duration_s(double s) {
  if (s >= 3600 && static_cast<int64>(s) % 3600 == 0) return psprintf("%.0f hour%s", s / 3600, s == 3600 ? "" : "s");
  if (s >= 60 && static_cast<int64>(s) % 60 == 0) return psprintf("%.0f minute%s", s / 60, s == 60 ? "" : "s");
  return psprintf("%.0f s", s);
}

// One query log entry. Caller holds nothing.
void log_statement(const GovStatement *g, const GovOutcome *o, double duration_ms, double billed_usd,
                   const char *status, const char *sqlstate) {
  GovShared *sh = gov_shared();
  LWLockAcquire(sh->log_lock, LW_EXCLUSIVE);
  GovLogEntry *e = gov_log_append();
  e->started_at = g->started_at != 0 ? g->started_at : GetCurrentTimestamp();
  e->dbid = g->dbid;
  e->userid = g->userid;
  e->serverid = g->serverid;
  e->queryid = g->queryid;
  copy_name(e->provider, sizeof(e->provider), g->provider);
  copy_name(e->server_name, sizeof(e->server_name), g->server_name);
  e->bytes_processed = e->bytes_billed = -1;
  if (o != nullptr) {
    copy_name(e->job_id, sizeof(e->job_id), o->job_id);
    e->rows = o->rows;
    e->bytes_received = o->bytes_received;
    e->bytes_processed = o->bytes_processed;
    e->bytes_billed = o->bytes_billed;
    e->retries = o->retries;
  }
  e->est_usd = g->est_usd;
  e->billed_usd = billed_usd;
  e->duration_ms = duration_ms;
  copy_name(e->status, sizeof(e->status), status);
  copy_name(e->sqlstate, sizeof(e->sqlstate), sqlstate);
  gov_clip_copy(gov_log_text(e), sh->log_text_len, g->sql);
  LWLockRelease(sh->log_lock);
}

// Finds the ledger entry of `key`, creating it from the table's durable
// totals. Returns with ledger_lock held exclusively; nullptr when the
// ledger is full.
GovLedgerEntry *ledger_entry(const GovStatement *g, const GovLedgerKey &key, bool seed) {
  GovShared *sh = gov_shared();
  int64 queries = 0;
  double bytes = 0, cost = 0;
  bool seeded = false;
  for (;;) {
    LWLockAcquire(sh->ledger_lock, LW_EXCLUSIVE);
    GovLedgerEntry *e = static_cast<GovLedgerEntry *>(hash_search(gov_ledger_table(), &key, HASH_FIND, nullptr));
    if (e != nullptr) return e;
    if (seed && !seeded && OidIsValid(g->schema)) {
      LWLockRelease(sh->ledger_lock);
      gov_ledger_seed(g->schema, key, &queries, &bytes, &cost);
      seeded = true;
      continue;
    }
    if (hash_get_num_entries(gov_ledger_table()) >= kGovLedgerMax) return nullptr;
    bool found;
    e = static_cast<GovLedgerEntry *>(hash_search(gov_ledger_table(), &key, HASH_ENTER_NULL, &found));
    if (e == nullptr) return nullptr;
    memset(e, 0, sizeof(*e));
    e->key = key;
    e->queries = queries;
    e->bytes = bytes;
    e->cost_usd = cost;
    return e;  // version == flushed_version: the table already holds it
  }
}

void check_approval(GovStatement *g) {
  GovShared *sh = gov_shared();
  TimestampTz now = GetCurrentTimestamp();
  int64 window_us = static_cast<int64>(g->approval_window_s * USECS_PER_SEC);
  bool approved = false;
  LWLockAcquire(sh->approval_lock, LW_SHARED);
  for (const GovApproval &a : sh->approvals)
    if (a.used && a.dbid == g->dbid && a.userid == g->userid && a.serverid == g->serverid &&
        a.queryid == g->queryid && a.approved_at != 0 && now < a.approved_at + window_us)
      approved = true;
  LWLockRelease(sh->approval_lock);
  if (!approved && OidIsValid(g->schema))
    approved = gov_table_approval(g->schema, g->userid, g->serverid, g->queryid, g->approval_window_s);
  if (approved) return;
  // A pending request of the same statement is reused; else a new one
  // takes a free slot, or the oldest one the table already holds; never
  // one that exists only here (another role's request would be lost).
  char id[17] = "";
  LWLockAcquire(sh->approval_lock, LW_EXCLUSIVE);
  GovApproval *slot = nullptr;
  for (GovApproval &a : sh->approvals)
    if (a.used && a.dbid == g->dbid && a.userid == g->userid && a.serverid == g->serverid &&
        a.queryid == g->queryid && a.approved_at == 0)
      slot = &a;
  if (slot == nullptr) {
    GovApproval *oldest = nullptr;
    for (GovApproval &a : sh->approvals) {
      if (!a.used) {
        slot = &a;
        break;
      }
      if (a.flushed && (oldest == nullptr || a.requested_at < oldest->requested_at)) oldest = &a;
    }
    if (slot == nullptr) slot = oldest;
  }
  if (slot == nullptr) {
    LWLockRelease(sh->approval_lock);
    log_statement(g, nullptr, 0, -1, "approval_required", "53400");
    ereport(ERROR, (errcode(ERRCODE_CONFIGURATION_LIMIT_EXCEEDED),
                    errmsg("this query is estimated at %s, above the approval threshold of %s of server \"%s\", and "
                           "%d approval requests are waiting to be stored",
                           format_usd(g->est_usd), format_usd(g->approval_usd), g->server_name, kGovApprovalsMax),
                    errhint("The ledger writer stores them every warehouse_fdw.ledger_flush_interval; run the query "
                            "again then to get a request id.")));
  }
  if (slot->approved_at != 0 || !slot->used || slot->dbid != g->dbid || slot->userid != g->userid ||
      slot->serverid != g->serverid || slot->queryid != g->queryid) {
    memset(slot, 0, sizeof(*slot));
    uint8 rnd[8];
    if (!pg_strong_random(rnd, sizeof(rnd))) {
      uint64 v = static_cast<uint64>(now) ^ (static_cast<uint64>(MyProcPid) << 32);
      memcpy(rnd, &v, sizeof(rnd));
    }
    for (int i = 0; i < 8; i++) snprintf(slot->id + 2 * i, 3, "%02x", rnd[i]);
    slot->used = true;
    slot->dbid = g->dbid;
    slot->userid = g->userid;
    slot->serverid = g->serverid;
    slot->queryid = g->queryid;
    slot->est_usd = g->est_usd;
    slot->requested_at = now;
    copy_name(slot->server_name, sizeof(slot->server_name), g->server_name);
    gov_clip_copy(slot->sql, sizeof(slot->sql), g->sql);
  }
  memcpy(id, slot->id, sizeof(id));
  LWLockRelease(sh->approval_lock);
  log_statement(g, nullptr, 0, -1, "approval_required", "42501");
  ereport(ERROR, (errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
                  errmsg("this query is estimated at %s, above the approval threshold of %s of server \"%s\"",
                         format_usd(g->est_usd), format_usd(g->approval_usd), g->server_name),
                  errdetail("Approval request %s: role \"%s\", %s. An approval lets this role run this statement "
                            "(any constants) for %s.",
                            id, GetUserNameFromId(g->userid, false), g->relation_name,
                            format_duration_s(g->approval_window_s)),
                  errhint("An approver can run SELECT warehouse_fdw_approve('%s'); then run the query again.", id)));
}

void reserve(GovStatement *g) {
  GovShared *sh = gov_shared();
  GovLedgerKey key = {g->dbid, g->userid, g->serverid, g->month};
  GovLedgerEntry *e = ledger_entry(g, key, true);
  if (e == nullptr) {
    LWLockRelease(sh->ledger_lock);
    if (g->budget_usd < 0) return;  // nothing to enforce; the ledger misses this one
    ereport(ERROR, (errcode(ERRCODE_CONFIGURATION_LIMIT_EXCEEDED),
                    errmsg("the warehouse_fdw spend ledger is full (%d entries); the budget of server \"%s\" cannot "
                           "be enforced",
                           kGovLedgerMax, g->server_name),
                    errhint("Past months leave the ledger once the background writer has stored them; check that "
                            "it runs (pg_stat_activity, backend_type \"warehouse_fdw ledger writer\").")));
  }
  double est = Max(g->est_usd, 0);
  if (g->budget_usd >= 0 && e->cost_usd + e->reserved_usd + est > g->budget_usd + 1e-9) {
    double spent = e->cost_usd, reserved = e->reserved_usd;
    LWLockRelease(sh->ledger_lock);
    log_statement(g, nullptr, 0, -1, "refused_budget", "54000");
    const char *role = GetUserNameFromId(g->userid, false);
    ereport(ERROR,
            (errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
             errmsg("monthly budget of server \"%s\" for role \"%s\" would be exceeded: spent %s of %s, this query is "
                    "estimated at %s",
                    g->server_name, role, format_usd(spent), format_usd(g->budget_usd), format_usd(est)),
             reserved > 0 ? errdetail("Queries still running hold %s of the budget.", format_usd(reserved)) : 0,
             errhint("Ask an administrator to raise the budget with warehouse_fdw_set_budget('%s', '%s', <usd>).", role,
                     g->server_name)));
  }
  e->reserved_usd += est;
  e->in_flight++;
  g->reserved_usd = est;
  g->in_ledger = true;
  LWLockRelease(sh->ledger_lock);
}

// Only a statement reserve() counted: else (the ledger was full, no budget
// applied) another statement's in_flight would be taken, and an entry made
// here meanwhile would start from zero, not from the table's stored total,
// which the writer would then overwrite with it.
void settle(GovStatement *g, double usd, double bytes) {
  if (!g->in_ledger) return;
  g->in_ledger = false;
  GovShared *sh = gov_shared();
  GovLedgerKey key = {g->dbid, g->userid, g->serverid, g->month};
  GovLedgerEntry *e = ledger_entry(g, key, false);
  if (e != nullptr) {
    e->reserved_usd = Max(e->reserved_usd - g->reserved_usd, 0);
    if (e->in_flight > 0) e->in_flight--;
    e->queries++;
    e->cost_usd += Max(usd, 0);
    e->bytes += Max(bytes, 0);
    e->version++;
  }
  LWLockRelease(sh->ledger_lock);
}

void record_stats(const GovStatement *g, const GovOutcome &o, double ms, double billed_usd, int errcode) {
  GovShared *sh = gov_shared();
  GovStatsKey key;
  memset(&key, 0, sizeof(key));
  key.dbid = g->dbid;
  key.userid = g->userid;
  key.serverid = g->serverid;
  key.queryid = g->queryid;
  LWLockAcquire(sh->stats_lock, LW_EXCLUSIVE);
  GovStatsEntry *e = gov_stats_entry(key, g->norm_sql);
  if (e != nullptr) {
    copy_name(e->provider, sizeof(e->provider), g->provider);
    copy_name(e->server_name, sizeof(e->server_name), g->server_name);
    e->calls++;
    e->usage += 1;
    if (errcode == ERRCODE_QUERY_CANCELED) {
      e->cancels++;
    } else if (errcode != 0) {
      e->errors++;
      const char *cls = unpack_sql_state(errcode);
      int k = 0;
      while (k < kGovErrorClasses && e->error_class[k][0] != '\0' && strncmp(e->error_class[k], cls, 2) != 0) k++;
      if (k < kGovErrorClasses) {
        memcpy(e->error_class[k], cls, 2);
        e->error_class[k][2] = '\0';
        e->error_count[k]++;
      }
    }
    e->rows += o.rows;
    e->retries += o.retries;
    if (o.cache_hit > 0) e->cache_hits++;
    e->bytes_received += o.bytes_received;
    if (o.bytes_processed > 0) e->bytes_processed += o.bytes_processed;
    if (o.bytes_billed > 0) e->bytes_billed += o.bytes_billed;
    if (g->est_usd > 0) e->est_cost_usd += g->est_usd;
    if (billed_usd > 0) e->billed_cost_usd += billed_usd;
    e->total_ms += ms;
    if (e->min_ms < 0 || ms < e->min_ms) e->min_ms = ms;
    if (ms > e->max_ms) e->max_ms = ms;
    e->hist.add(ms);
    e->last_call = GetCurrentTimestamp();
    if (o.job_id != nullptr && o.job_id[0] != '\0') copy_name(e->last_job_id, sizeof(e->last_job_id), o.job_id);
  }
  LWLockRelease(sh->stats_lock);
}

void finish(GovStatement *g, const GovOutcome &o, int errcode) {
  if (!g->enabled || !g->active) return;
  g->active = false;
  instr_time now;
  INSTR_TIME_SET_CURRENT(now);
  INSTR_TIME_SUBTRACT(now, g->started);
  double ms = INSTR_TIME_GET_MILLISEC(now);
  double billed_usd = gov_billed_usd(g, o.bytes_billed);
  if (g->priced) {
    // What the ledger counts: the billed amount when the warehouse reports
    // one; else the estimate of a statement that reached the warehouse (a
    // failure before any job was created costs nothing).
    bool reached = errcode == 0 || (o.job_id != nullptr && o.job_id[0] != '\0');
    double usd = billed_usd >= 0 ? billed_usd : (reached ? Max(g->est_usd, 0) : 0);
    double bytes = o.bytes_billed >= 0 ? o.bytes_billed : (o.bytes_processed >= 0 ? o.bytes_processed : Max(g->est_bytes, 0));
    settle(g, usd, reached ? bytes : 0);
  }
  const char *status = errcode == 0 ? "ok" : (errcode == ERRCODE_QUERY_CANCELED ? "cancelled" : "error");
  const char *sqlstate = errcode == 0 ? "00000" : unpack_sql_state(errcode);
  if (gov_track) {
    record_stats(g, o, ms, billed_usd, errcode);
    log_statement(g, &o, ms, billed_usd, status, sqlstate);
  }
  if (gov_log_remote_statements)
    ereport(LOG, (errmsg("warehouse_fdw: %s on server \"%s\": %s, " INT64_FORMAT " rows, %.1f ms%s%s%s%s, query id %s",
                         status, g->server_name, sqlstate, o.rows, ms, o.job_id && o.job_id[0] ? ", job " : "",
                         o.job_id ? o.job_id : "", billed_usd >= 0 ? ", billed " : "",
                         billed_usd >= 0 ? format_usd(billed_usd) : "", psprintf("%016llx", (unsigned long long)g->queryid)),
                  errhidestmt(true)));
}

}  // namespace

void gov_push_error_context(ErrorContextCallback *cb) {
  cb->callback = note_scan_error;
  cb->arg = nullptr;
  cb->previous = error_context_stack;
  error_context_stack = cb;
}

void gov_pop_error_context(ErrorContextCallback *cb) { error_context_stack = cb->previous; }

void gov_init(GovStatement *g, const ScanPrivate &priv, UserMapping *user, bool backslash_escapes) {
  memset(g, 0, sizeof(*g));
  g->est_bytes = g->est_usd = g->budget_usd = g->approval_usd = -1;
  // EXPLAIN ANALYZE's billed cost needs the price with or without shared memory.
  g->cost_usd = provider_ops(priv.provider).cost_usd;
  ForeignServer *server = GetForeignServer(user->serverid);
  g->server_options = server->options;
  // The query id also labels warehouse jobs, with or without shared memory.
  size_t len = strlen(priv.sql) + 1;
  g->norm_sql = static_cast<char *>(palloc(len));
  g->queryid = fingerprint_remote_sql(priv.sql, backslash_escapes, g->norm_sql, len);
  g->enabled = gov_shared() != nullptr;
  if (!g->enabled) return;
  g->dbid = MyDatabaseId;
  g->userid = GetUserId();
  g->serverid = user->serverid;
  // Copies in the executor's memory (where the scan's state lives): priv
  // points into the plan, which can be freed before that memory is. A
  // statement abandoned when a PL/pgSQL EXCEPTION block catches an error
  // is recorded from the scan's memory-context callback, after the portal
  // has dropped its custom plan (AtSubAbort_Portals releases the cached
  // plan, then deletes the executor's memory).
  g->sql = pstrdup(priv.sql);
  g->server_name = pstrdup(priv.server_name);
  g->relation_name = pstrdup(priv.relation_name);
  g->provider = pstrdup(priv.provider);
  g->priced = g->cost_usd != nullptr && g->cost_usd(server->options, 0) >= 0;
  if (!g->priced) return;
  g->schema = gov_tables_schema();
  if (OidIsValid(g->schema)) g->budget_usd = gov_budget_usd(g->schema, g->userid, g->serverid);
  double s = option_real_or(server->options, "approval_cost_usd", -1);
  double m = option_real_or(user->options, "approval_cost_usd", -1);
  g->approval_usd = (s >= 0 && m >= 0) ? Min(s, m) : (s >= 0 ? s : m);
  g->approval_window_s = option_ms_or(server->options, "approval_window", kDefaultApprovalWindowS * 1000) / 1000.0;
}

bool gov_wants_estimate(const GovStatement *g) {
  return g->enabled && g->priced && g->est_usd < 0 && (g->budget_usd >= 0 || g->approval_usd >= 0);
}

void gov_set_estimate(GovStatement *g, double bytes) {
  if (!g->enabled || bytes < 0) return;
  g->est_bytes = bytes;
  g->est_usd = g->priced ? g->cost_usd(g->server_options, bytes) : -1;
}

void gov_begin(GovStatement *g) {
  if (!g->enabled) return;
  g->month = gov_current_month();
  g->started_at = GetCurrentTimestamp();
  INSTR_TIME_SET_CURRENT(g->started);
  g->error_seq = error_seq;
  if (g->priced) {
    if (g->approval_usd >= 0 && g->est_usd > g->approval_usd) check_approval(g);
    reserve(g);
  }
  g->active = true;
}

void gov_end(GovStatement *g, const GovOutcome &o) { finish(g, o, 0); }

void gov_abort(GovStatement *g, const GovOutcome &o) {
  if (!g->enabled || !g->active) return;
  // The error being handled was raised inside a scan callback after this
  // statement began. Otherwise no error of ours
  // ended it: a ROLLBACK (TO SAVEPOINT) closed its cursor, or a local error
  // outside the scan was caught by a PL/pgSQL handler. The remote statement
  // itself did not fail, it was abandoned (its remote work is cancelled):
  // counted as a cancel, not as an internal error (XX000) that never was.
  int code = error_seq != g->error_seq && last_error_code != 0 ? last_error_code : ERRCODE_QUERY_CANCELED;
  finish(g, o, code);
}

double gov_billed_usd(const GovStatement *g, double bytes_billed) {
  if (bytes_billed < 0 || g->cost_usd == nullptr || g->server_options == NIL) return -1;
  return g->cost_usd(g->server_options, bytes_billed);
}

}  // namespace wfdw
