// The SQL functions of cost governance (warehouse_fdw--1.1--1.2.sql builds
// the views on them): stats, query log, spend and approval requests read
// from shared memory, the stats reset and warehouse_fdw_approve. Query texts
// and job ids of other roles read as <insufficient privilege> unless the
// caller is a superuser or has pg_read_all_stats, as in pg_stat_statements.
#include "pg/gov_shmem.hpp"
#include "pg/gov_store.hpp"
#include "pg/guard.hpp"

extern "C" {
#include "access/xact.h"
#include "catalog/pg_authid.h"
#include "executor/spi.h"
#include "utils/acl.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/timestamp.h"
#include "utils/tuplestore.h"
PG_FUNCTION_INFO_V1(warehouse_fdw_stats_entries);
PG_FUNCTION_INFO_V1(warehouse_fdw_query_log_entries);
PG_FUNCTION_INFO_V1(warehouse_fdw_spend_entries);
PG_FUNCTION_INFO_V1(warehouse_fdw_approval_entries);
PG_FUNCTION_INFO_V1(warehouse_fdw_stats_reset);
PG_FUNCTION_INFO_V1(warehouse_fdw_approve);
}

namespace wfdw {
namespace {

constexpr const char *kHidden = "<insufficient privilege>";

bool sees_all() { return superuser() || has_privs_of_role(GetUserId(), ROLE_PG_READ_ALL_STATS); }

// A row builder over the materialized result of an SRF.
struct Row {
  Datum v[40];
  bool n[40];
  int i;
  void reset() {
    i = 0;
    memset(n, 0, sizeof(n));
  }
  void add(Datum d) { v[i++] = d; }
  void null() {
    n[i] = true;
    v[i++] = (Datum)0;
  }
  void text(const char *s) {
    if (s == nullptr) null();
    else add(CStringGetTextDatum(s));
  }
  void f8(double d, bool known = true) {
    if (known) add(Float8GetDatum(d));
    else null();
  }
  void i8(int64 d) { add(Int64GetDatum(d)); }
};

void put(FunctionCallInfo fcinfo, Row &r) {
  ReturnSetInfo *rsinfo = reinterpret_cast<ReturnSetInfo *>(fcinfo->resultinfo);
  tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, r.v, r.n);
}

Datum stats_entries(FunctionCallInfo fcinfo) {
  gov_require("warehouse_fdw_stats");
  InitMaterializedSRF(fcinfo, 0);
  GovShared *sh = gov_shared();
  bool all = sees_all();
  Oid me = GetUserId();
  Row r;
  LWLockAcquire(sh->stats_lock, LW_SHARED);
  HASH_SEQ_STATUS seq;
  hash_seq_init(&seq, gov_stats_table());
  for (GovStatsEntry *e; (e = static_cast<GovStatsEntry *>(hash_seq_search(&seq))) != nullptr;) {
    bool mine = all || e->key.userid == me;
    r.reset();
    r.add(ObjectIdGetDatum(e->key.dbid));
    r.add(ObjectIdGetDatum(e->key.userid));
    r.add(ObjectIdGetDatum(e->key.serverid));
    r.text(e->server_name);
    r.text(e->provider);
    r.i8(e->key.queryid);
    r.i8(e->calls);
    r.i8(e->errors);
    r.i8(e->cancels);
    StringInfoData classes;
    initStringInfo(&classes);
    for (int k = 0; k < kGovErrorClasses && e->error_class[k][0] != '\0'; k++)
      appendStringInfo(&classes, "%s%s:" INT64_FORMAT, k ? " " : "", e->error_class[k], e->error_count[k]);
    r.text(classes.data);
    r.i8(e->rows);
    r.f8(e->bytes_received);
    r.f8(e->bytes_processed);
    r.f8(e->bytes_billed);
    r.f8(e->est_cost_usd);
    r.f8(e->billed_cost_usd);
    r.f8(e->total_ms);
    r.f8(e->calls > 0 ? e->total_ms / e->calls : 0);
    r.f8(e->min_ms, e->min_ms >= 0);
    double p50 = e->hist.percentile(0.50, e->min_ms, e->max_ms);
    double p95 = e->hist.percentile(0.95, e->min_ms, e->max_ms);
    double p99 = e->hist.percentile(0.99, e->min_ms, e->max_ms);
    r.f8(p50, p50 >= 0);
    r.f8(p95, p95 >= 0);
    r.f8(p99, p99 >= 0);
    r.f8(e->max_ms);
    r.i8(e->retries);
    r.i8(e->cache_hits);
    r.text(mine ? (e->last_job_id[0] ? e->last_job_id : nullptr) : kHidden);
    r.add(TimestampTzGetDatum(e->first_call));
    r.add(TimestampTzGetDatum(e->last_call));
    r.text(mine ? e->query : kHidden);
    put(fcinfo, r);
  }
  LWLockRelease(sh->stats_lock);
  return (Datum)0;
}

Datum query_log_entries(FunctionCallInfo fcinfo) {
  gov_require("warehouse_fdw_query_log");
  InitMaterializedSRF(fcinfo, 0);
  GovShared *sh = gov_shared();
  bool all = sees_all();
  Oid me = GetUserId();
  Row r;
  LWLockAcquire(sh->log_lock, LW_SHARED);
  int64 last = sh->log_next_seq - 1;
  int64 first = Max(1, last - sh->log_size + 1);
  for (int64 s = first; s <= last; s++) {
    GovLogEntry *e = gov_log_slot(s);
    if (e->seq != s) continue;
    bool mine = all || e->userid == me;
    r.reset();
    r.i8(e->seq);
    r.add(TimestampTzGetDatum(e->started_at));
    r.add(ObjectIdGetDatum(e->dbid));
    r.add(ObjectIdGetDatum(e->userid));
    r.add(ObjectIdGetDatum(e->serverid));
    r.text(e->server_name);
    r.text(e->provider);
    r.i8(e->queryid);
    r.text(e->status);
    r.text(e->sqlstate);
    r.text(mine ? (e->job_id[0] ? e->job_id : nullptr) : kHidden);
    r.i8(e->rows);
    r.f8(e->bytes_received);
    r.f8(e->bytes_processed, e->bytes_processed >= 0);
    r.f8(e->bytes_billed, e->bytes_billed >= 0);
    r.f8(e->est_usd, e->est_usd >= 0);
    r.f8(e->billed_usd, e->billed_usd >= 0);
    r.f8(e->duration_ms);
    r.i8(e->retries);
    r.text(mine ? gov_log_text(e) : kHidden);
    put(fcinfo, r);
  }
  LWLockRelease(sh->log_lock);
  return (Datum)0;
}

Datum spend_entries(FunctionCallInfo fcinfo) {
  gov_require("warehouse_fdw_spend");
  InitMaterializedSRF(fcinfo, 0);
  GovShared *sh = gov_shared();
  Row r;
  LWLockAcquire(sh->ledger_lock, LW_SHARED);
  HASH_SEQ_STATUS seq;
  hash_seq_init(&seq, gov_ledger_table());
  for (GovLedgerEntry *e; (e = static_cast<GovLedgerEntry *>(hash_seq_search(&seq))) != nullptr;) {
    if (e->key.dbid != MyDatabaseId) continue;
    r.reset();
    r.add(DateADTGetDatum(date2j(e->key.month / 100, e->key.month % 100, 1) - POSTGRES_EPOCH_JDATE));
    r.add(ObjectIdGetDatum(e->key.userid));
    r.add(ObjectIdGetDatum(e->key.serverid));
    r.i8(e->queries);
    r.f8(e->bytes);
    r.f8(e->cost_usd);
    r.f8(e->reserved_usd);
    r.add(Int32GetDatum(e->in_flight));
    r.add(BoolGetDatum(e->version == e->flushed_version));
    put(fcinfo, r);
  }
  LWLockRelease(sh->ledger_lock);
  return (Datum)0;
}

bool is_approver();

Datum approval_entries(FunctionCallInfo fcinfo) {
  gov_require("warehouse_fdw_pending_approvals");
  InitMaterializedSRF(fcinfo, 0);
  GovShared *sh = gov_shared();
  bool all = is_approver();
  Oid me = GetUserId();
  Row r;
  LWLockAcquire(sh->approval_lock, LW_SHARED);
  for (const GovApproval &a : sh->approvals) {
    if (!a.used || a.dbid != MyDatabaseId || !(all || a.userid == me)) continue;
    r.reset();
    r.text(a.id);
    r.add(ObjectIdGetDatum(a.userid));
    r.add(ObjectIdGetDatum(a.serverid));
    r.text(a.server_name);
    r.i8(a.queryid);
    r.f8(a.est_usd, a.est_usd >= 0);
    r.add(TimestampTzGetDatum(a.requested_at));
    if (a.approved_at != 0) {
      r.add(TimestampTzGetDatum(a.approved_at));
      r.add(ObjectIdGetDatum(a.approved_by));
    } else {
      r.null();
      r.null();
    }
    r.text(a.sql);
    put(fcinfo, r);
  }
  LWLockRelease(sh->approval_lock);
  return (Datum)0;
}

Datum stats_reset() {
  gov_require("warehouse_fdw_stats_reset()");
  GovShared *sh = gov_shared();
  LWLockAcquire(sh->stats_lock, LW_EXCLUSIVE);
  HASH_SEQ_STATUS seq;
  hash_seq_init(&seq, gov_stats_table());
  for (GovStatsEntry *e; (e = static_cast<GovStatsEntry *>(hash_seq_search(&seq))) != nullptr;)
    hash_search(gov_stats_table(), &e->key, HASH_REMOVE, nullptr);
  sh->stats_reset = GetCurrentTimestamp();
  LWLockRelease(sh->stats_lock);
  LWLockAcquire(sh->log_lock, LW_EXCLUSIVE);
  for (int64 s = 1; s <= sh->log_size; s++) gov_log_slot(s)->seq = 0;
  sh->log_next_seq = 1;
  LWLockRelease(sh->log_lock);
  PG_RETURN_VOID();
}

// A role's name, or its OID once dropped.
const char *role_name(Oid role) {
  const char *name = GetUserNameFromId(role, true);
  return name != nullptr ? name : psprintf("%u", role);
}

// Whether the caller would approve its own request: that of its own role or
// of a role it can SET ROLE to (and so run the approved query as). The
// session's login role counts too: else an approver approved its own
// request after SET ROLE warehouse_fdw_approver. A superuser may approve
// anything.
bool own_request(Oid requester) {
  return !superuser() && (is_member_of_role_nosuper(GetUserId(), requester) ||
                          is_member_of_role_nosuper(GetSessionUserId(), requester));
}

bool is_approver() {
  if (superuser()) return true;
  Oid role = get_role_oid("warehouse_fdw_approver", true);
  return OidIsValid(role) && has_privs_of_role(GetUserId(), role);
}

void read_request(void *arg) {
  GovApproval *a = static_cast<GovApproval *>(arg);
  if (SPI_processed == 0) return;
  HeapTuple t = SPI_tuptable->vals[0];
  TupleDesc d = SPI_tuptable->tupdesc;
  bool isnull;
  a->used = true;
  a->userid = DatumGetObjectId(SPI_getbinval(t, d, 1, &isnull));
  a->serverid = DatumGetObjectId(SPI_getbinval(t, d, 2, &isnull));
  a->queryid = DatumGetInt64(SPI_getbinval(t, d, 3, &isnull));
  Datum v = SPI_getbinval(t, d, 4, &isnull);
  a->est_usd = isnull ? -1 : DatumGetFloat8(v);
  a->requested_at = DatumGetTimestampTz(SPI_getbinval(t, d, 5, &isnull));
  v = SPI_getbinval(t, d, 6, &isnull);
  a->approved_at = isnull ? 0 : DatumGetTimestampTz(v);
  char *sql = SPI_getvalue(t, d, 7);
  gov_clip_copy(a->sql, sizeof(a->sql), sql);
  char *server = SPI_getvalue(t, d, 8);
  strlcpy(a->server_name, server != nullptr ? server : "", sizeof(a->server_name));
}

// A request only the table holds (made before a crash emptied shared
// memory): approved there, in the approver's transaction.
bool approve_stored(const char *id, GovApproval *out, bool *self, bool *already) {
  Oid schema = gov_tables_schema();
  if (!OidIsValid(schema)) return false;
  const char *t = psprintf("%s.warehouse_fdw_approval_requests", quote_identifier(get_namespace_name(schema)));
  memset(out, 0, sizeof(*out));
  Oid types[2] = {TEXTOID, NAMEOID};
  Datum values[2] = {CStringGetTextDatum(id), (Datum)0};
  gov_spi(psprintf("SELECT r.role_oid, r.server_oid, r.query_id, r.estimated_usd::float8, r.requested_at, "
                   "r.approved_at, r.remote_sql, s.srvname FROM %s r LEFT JOIN pg_catalog.pg_foreign_server s ON "
                   "s.oid = r.server_oid WHERE r.request_id = $1",
                   t),
          1, types, values, nullptr, read_request, out);
  if (!out->used) return false;
  strlcpy(out->id, id, sizeof(out->id));
  out->dbid = MyDatabaseId;
  if (own_request(out->userid)) {
    *self = true;
    return true;
  }
  if (out->approved_at != 0) {
    *already = true;
    return true;
  }
  out->approved_at = GetCurrentTimestamp();
  out->approved_by = GetUserId();
  gov_store_approval(schema, *out);
  out->flushed = true;
  return true;
}

// A copy of request `id` of this database in shared memory.
bool find_request(const char *id, GovApproval *out) {
  GovShared *sh = gov_shared();
  bool found = false;
  LWLockAcquire(sh->approval_lock, LW_SHARED);
  for (const GovApproval &a : sh->approvals)
    if (a.used && a.dbid == MyDatabaseId && strcmp(a.id, id) == 0) {
      *out = a;
      found = true;
      break;
    }
  LWLockRelease(sh->approval_lock);
  return found;
}

// Marks request `id` of role `requester` approved by `approver` at `when`,
// unless it changed since it was read (approved meanwhile, or its slot
// taken by another request). Never raises: from the commit callback.
void mark_approved(const char *id, Oid requester, Oid approver, TimestampTz when, Oid db) {
  GovShared *sh = gov_shared();
  LWLockAcquire(sh->approval_lock, LW_EXCLUSIVE);
  for (GovApproval &a : sh->approvals) {
    if (!a.used || a.dbid != db || strcmp(a.id, id) != 0 || a.userid != requester || a.approved_at != 0) continue;
    a.approved_at = when;
    a.approved_by = approver;
    a.flushed = false;
    break;
  }
  LWLockRelease(sh->approval_lock);
}

void log_approval(const GovApproval &copy, const char *text) {
  GovShared *sh = gov_shared();
  LWLockAcquire(sh->log_lock, LW_EXCLUSIVE);
  GovLogEntry *e = gov_log_append();
  e->started_at = copy.approved_at;
  e->dbid = copy.dbid;
  e->userid = copy.userid;
  e->serverid = copy.serverid;
  e->queryid = copy.queryid;
  strlcpy(e->server_name, copy.server_name, sizeof(e->server_name));
  e->bytes_processed = e->bytes_billed = e->billed_usd = -1;
  e->est_usd = copy.est_usd;
  snprintf(e->status, sizeof(e->status), "approved");
  snprintf(e->sqlstate, sizeof(e->sqlstate), "00000");
  gov_clip_copy(gov_log_text(e), sh->log_text_len, text);
  LWLockRelease(sh->log_lock);
}

// Approvals of this transaction, applied to shared memory (and the query
// log) when it commits: an approval rolled back (or failing to be stored)
// must not let the query run.
struct PendingApproval {
  GovApproval copy;
  int nest_level;  // of the subtransaction that approved
  char log_text[kGovApprovalSqlMax + NAMEDATALEN + 32];
};
constexpr int kPendingMax = 64;
PendingApproval *pending = nullptr;  // kPendingMax, in TopMemoryContext
int npending = 0;
bool callbacks_registered = false;

WFDW_PG_ENTRY void approvals_at_xact_end(XactEvent event, void *) {
  guard([&] {
    if (event == XACT_EVENT_COMMIT || event == XACT_EVENT_PARALLEL_COMMIT) {
      for (int i = 0; i < npending; i++) {
        const GovApproval &c = pending[i].copy;
        mark_approved(c.id, c.userid, c.approved_by, c.approved_at, c.dbid);
        log_approval(c, pending[i].log_text);
      }
      npending = 0;
    } else if (event == XACT_EVENT_ABORT || event == XACT_EVENT_PARALLEL_ABORT || event == XACT_EVENT_PREPARE) {
      // (A prepared approval is in the table when COMMIT PREPARED runs;
      // check_approval reads it there.)
      npending = 0;
    }
  });
}

WFDW_PG_ENTRY void approvals_at_subxact_end(SubXactEvent event, SubTransactionId, SubTransactionId, void *) {
  guard([&] {
    int level = GetCurrentTransactionNestLevel();
    if (event == SUBXACT_EVENT_ABORT_SUB) {
      while (npending > 0 && pending[npending - 1].nest_level >= level) npending--;
    } else if (event == SUBXACT_EVENT_COMMIT_SUB) {
      // Now the parent's: a later subtransaction's abort must not drop it.
      for (int i = 0; i < npending; i++)
        if (pending[i].nest_level >= level) pending[i].nest_level = level - 1;
    }
  });
}

void approve_at_commit(const GovApproval &copy, const char *log_text) {
  if (!callbacks_registered) {
    pending = static_cast<PendingApproval *>(MemoryContextAlloc(TopMemoryContext, sizeof(PendingApproval) * kPendingMax));
    RegisterXactCallback(approvals_at_xact_end, nullptr);
    RegisterSubXactCallback(approvals_at_subxact_end, nullptr);
    callbacks_registered = true;
  }
  if (npending >= kPendingMax)
    ereport(ERROR, (errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                    errmsg("at most %d approvals per transaction", kPendingMax)));
  PendingApproval &p = pending[npending++];
  p.copy = copy;
  p.nest_level = GetCurrentTransactionNestLevel();
  gov_clip_copy(p.log_text, sizeof(p.log_text), log_text);
}

// The role checks (catalog lookups) run with no lock held: a backend
// waiting for an LWLock cannot be cancelled.
Datum approve(FunctionCallInfo fcinfo) {
  gov_require("warehouse_fdw_approve()");
  char *id = text_to_cstring(PG_GETARG_TEXT_PP(0));
  if (!is_approver())
    ereport(ERROR, (errcode(ERRCODE_INSUFFICIENT_PRIVILEGE), errmsg("permission denied to approve warehouse queries"),
                    errhint("Approvers are superusers and members of the role warehouse_fdw_approver.")));
  GovApproval copy;
  bool self = false, already = false;
  bool found = find_request(id, &copy);
  if (found) {
    self = own_request(copy.userid);
    already = copy.approved_at != 0;
    if (!self && !already) {
      copy.approved_at = GetCurrentTimestamp();
      copy.approved_by = GetUserId();
      copy.flushed = false;
    }
  } else {
    found = approve_stored(id, &copy, &self, &already);
  }
  if (!found)
    ereport(ERROR, (errcode(ERRCODE_UNDEFINED_OBJECT), errmsg("no approval request \"%s\" in this database", id),
                    errhint("SELECT * FROM warehouse_fdw_pending_approvals lists the requests waiting.")));
  if (self)
    ereport(ERROR, (errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
                    errmsg("approval request \"%s\" is your own; another approver must approve it", id),
                    errdetail("It was made by role \"%s\", which you (or the role you logged in as) are or "
                              "can become with SET ROLE.",
                              role_name(copy.userid))));
  if (!already) {
    // Durable in the approver's transaction (the background writer would
    // store it too); effective in shared memory when that commits.
    Oid schema = gov_tables_schema();
    if (OidIsValid(schema) && !copy.flushed) gov_store_approval(schema, copy);
    approve_at_commit(copy, psprintf("approved by %s: %s", GetUserNameFromId(GetUserId(), false), copy.sql));
  }
  PG_RETURN_TEXT_P(cstring_to_text(psprintf("request %s %s: role \"%s\" may run it on server \"%s\"", id,
                                            already ? "was already approved" : "approved",
                                            role_name(copy.userid), copy.server_name)));
}

}  // namespace

}  // namespace wfdw

extern "C" Datum warehouse_fdw_stats_entries(PG_FUNCTION_ARGS) { WFDW_GUARDED(return wfdw::stats_entries(fcinfo);); }
extern "C" Datum warehouse_fdw_query_log_entries(PG_FUNCTION_ARGS) {
  WFDW_GUARDED(return wfdw::query_log_entries(fcinfo););
}
extern "C" Datum warehouse_fdw_spend_entries(PG_FUNCTION_ARGS) { WFDW_GUARDED(return wfdw::spend_entries(fcinfo);); }
extern "C" Datum warehouse_fdw_approval_entries(PG_FUNCTION_ARGS) {
  WFDW_GUARDED(return wfdw::approval_entries(fcinfo););
}
extern "C" Datum warehouse_fdw_stats_reset(PG_FUNCTION_ARGS) { WFDW_GUARDED(return wfdw::stats_reset();); }
extern "C" Datum warehouse_fdw_approve(PG_FUNCTION_ARGS) { WFDW_GUARDED(return wfdw::approve(fcinfo);); }
