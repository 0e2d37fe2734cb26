// See gov_flusher.hpp. The launcher connects to no database; a background
// worker can only ever connect to one, hence one short-lived worker per
// database and round. The table rows hold absolute totals (not deltas), so
// a round that fails or runs twice writes the same values again.
#include "pg/gov_flusher.hpp"

#include "pg/gov_shmem.hpp"
#include "pg/gov_store.hpp"
#include "pg/guard.hpp"

extern "C" {
#include "access/xact.h"
#include "access/xlog.h"
#include "executor/spi.h"
#include "pgstat.h"
#include "postmaster/bgworker.h"
#include "postmaster/interrupt.h"
#include "storage/ipc.h"
#include "storage/latch.h"
#include "tcop/tcopprot.h"
#include "utils/guc.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"
#include "utils/timestamp.h"
PGDLLEXPORT void warehouse_fdw_ledger_writer_main(Datum arg);
PGDLLEXPORT void warehouse_fdw_ledger_flush_main(Datum arg);
}

namespace wfdw {
namespace {

constexpr int kMaxDatabases = 64;

// Databases with entries the tables do not hold yet.
int dirty_databases(Oid *out) {
  GovShared *sh = gov_shared();
  int n = 0;
  auto add = [&](Oid db) {
    for (int i = 0; i < n; i++)
      if (out[i] == db) return;
    if (n < kMaxDatabases) out[n++] = db;
  };
  LWLockAcquire(sh->ledger_lock, LW_SHARED);
  HASH_SEQ_STATUS seq;
  hash_seq_init(&seq, gov_ledger_table());
  for (GovLedgerEntry *e; (e = static_cast<GovLedgerEntry *>(hash_seq_search(&seq))) != nullptr;)
    if (e->version != e->flushed_version) add(e->key.dbid);
  LWLockRelease(sh->ledger_lock);
  LWLockAcquire(sh->approval_lock, LW_SHARED);
  for (const GovApproval &a : sh->approvals)
    if (a.used && !a.flushed) add(a.dbid);
  LWLockRelease(sh->approval_lock);
  return n;
}

// Whether database `db` exists (pg_database is shared: readable without
// connecting to any database).
bool database_exists(Oid db) {
  SetCurrentStatementStartTimestamp();
  StartTransactionCommand();
  bool exists = SearchSysCacheExists1(DATABASEOID, ObjectIdGetDatum(db));
  CommitTransactionCommand();
  return exists;
}

// Drops the ledger entries and approval requests of a dropped database:
// nothing can store them any more, and kept they would start a worker that
// fails (FATAL) every round, for good, take the slots of live databases in
// a round and fill the ledger.
void forget_database(Oid db) {
  GovShared *sh = gov_shared();
  LWLockAcquire(sh->ledger_lock, LW_EXCLUSIVE);
  HASH_SEQ_STATUS seq;
  hash_seq_init(&seq, gov_ledger_table());
  for (GovLedgerEntry *e; (e = static_cast<GovLedgerEntry *>(hash_seq_search(&seq))) != nullptr;)
    if (e->key.dbid == db) hash_search(gov_ledger_table(), &e->key, HASH_REMOVE, nullptr);
  LWLockRelease(sh->ledger_lock);
  LWLockAcquire(sh->approval_lock, LW_EXCLUSIVE);
  for (GovApproval &a : sh->approvals)
    if (a.used && a.dbid == db) memset(&a, 0, sizeof(a));
  LWLockRelease(sh->approval_lock);
}

void flush_round() {
  Oid dbs[kMaxDatabases];
  int n = dirty_databases(dbs);
  for (int i = 0; i < n; i++) {
    if (!database_exists(dbs[i])) {
      forget_database(dbs[i]);
      continue;
    }
    BackgroundWorker w;
    memset(&w, 0, sizeof(w));
    w.bgw_flags = BGWORKER_SHMEM_ACCESS | BGWORKER_BACKEND_DATABASE_CONNECTION;
    w.bgw_start_time = BgWorkerStart_RecoveryFinished;
    w.bgw_restart_time = BGW_NEVER_RESTART;
    snprintf(w.bgw_library_name, BGW_MAXLEN, "warehouse_fdw");
    snprintf(w.bgw_function_name, BGW_MAXLEN, "warehouse_fdw_ledger_flush_main");
    snprintf(w.bgw_name, BGW_MAXLEN, "warehouse_fdw ledger flush for database %u", dbs[i]);
    snprintf(w.bgw_type, BGW_MAXLEN, "warehouse_fdw ledger flush");
    w.bgw_main_arg = ObjectIdGetDatum(dbs[i]);
    w.bgw_notify_pid = MyProcPid;
    BackgroundWorkerHandle *h;
    if (!RegisterDynamicBackgroundWorker(&w, &h)) {
      ereport(LOG, (errmsg("warehouse_fdw: no background worker slot to store the spend ledger; retrying later"),
                    errhint("Raise max_worker_processes.")));
      return;
    }
    // Polled (not WaitForBackgroundWorkerShutdown): a lost notification
    // must not stop the writer for good.
    pid_t pid;
    for (;;) {
      BgwHandleStatus st = GetBackgroundWorkerPid(h, &pid);
      if (st == BGWH_STOPPED || st == BGWH_POSTMASTER_DIED || ShutdownRequestPending) break;
      (void)WaitLatch(MyLatch, WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH, 100L, PG_WAIT_EXTENSION);
      ResetLatch(MyLatch);
      CHECK_FOR_INTERRUPTS();  // e.g. DROP DATABASE's barrier waits for every process
    }
    pfree(h);
  }
}

void writer_main() {
  pqsignal(SIGHUP, SignalHandlerForConfigReload);
  pqsignal(SIGTERM, SignalHandlerForShutdownRequest);
  BackgroundWorkerUnblockSignals();
  // Connected to no database (as the logical replication launcher): the
  // postmaster then knows this process and may notify it about its workers.
  BackgroundWorkerInitializeConnection(nullptr, nullptr, 0);
  while (!ShutdownRequestPending) {
    (void)WaitLatch(MyLatch, WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH, gov_flush_interval_s * 1000L,
                    PG_WAIT_EXTENSION);
    ResetLatch(MyLatch);
    CHECK_FOR_INTERRUPTS();  // e.g. DROP DATABASE's barrier waits for every process
    if (ShutdownRequestPending) break;
    if (ConfigReloadPending) {
      ConfigReloadPending = false;
      ProcessConfigFile(PGC_SIGHUP);
    }
    if (gov_shared() != nullptr) flush_round();
  }
}

// A copy of the ledger entries to store.
struct Snapshot {
  int n;
  GovLedgerEntry ledger[kGovLedgerMax];
};

// The connection took the database's own settings (ALTER DATABASE ... SET,
// which its owner may run): default_transaction_read_only or a tiny
// statement_timeout there made every round fail, and the spend of that
// database was then never stored (lost at a crash).
void neutral_settings() {
  SetConfigOption("default_transaction_read_only", "off", PGC_SUSET, PGC_S_OVERRIDE);
  SetConfigOption("statement_timeout", "0", PGC_SUSET, PGC_S_OVERRIDE);
  SetConfigOption("lock_timeout", "0", PGC_SUSET, PGC_S_OVERRIDE);
}

void flush_main(Datum arg) {
  BackgroundWorkerUnblockSignals();
  BackgroundWorkerInitializeConnectionByOid(DatumGetObjectId(arg), InvalidOid, 0);
  neutral_settings();
  pgstat_report_appname("warehouse_fdw ledger flush");
  (void)gov_flush_database();
}

}  // namespace

void register_ledger_writer() {
  BackgroundWorker w;
  memset(&w, 0, sizeof(w));
  w.bgw_flags = BGWORKER_SHMEM_ACCESS | BGWORKER_BACKEND_DATABASE_CONNECTION;
  w.bgw_start_time = BgWorkerStart_RecoveryFinished;  // a standby cannot write tables
  w.bgw_restart_time = 10;
  snprintf(w.bgw_library_name, BGW_MAXLEN, "warehouse_fdw");
  snprintf(w.bgw_function_name, BGW_MAXLEN, "warehouse_fdw_ledger_writer_main");
  snprintf(w.bgw_name, BGW_MAXLEN, "warehouse_fdw ledger writer");
  snprintf(w.bgw_type, BGW_MAXLEN, "warehouse_fdw ledger writer");
  RegisterBackgroundWorker(&w);
}

int64 gov_flush_database() {
  GovShared *sh = gov_shared();
  if (sh == nullptr || RecoveryInProgress()) return 0;
  // The copies outlive the transaction (they are marked stored after it
  // commits): not in its memory, which the commit frees.
  Snapshot *snap = static_cast<Snapshot *>(MemoryContextAlloc(TopMemoryContext, sizeof(Snapshot)));
  GovApproval *approvals =
      static_cast<GovApproval *>(MemoryContextAlloc(TopMemoryContext, sizeof(GovApproval) * kGovApprovalsMax));
  SetCurrentStatementStartTimestamp();
  StartTransactionCommand();
  PushActiveSnapshot(GetTransactionSnapshot());
  int64 written = 0;
  Oid schema = gov_tables_schema();
  // Copies first: no lock is held while SPI runs.
  snap->n = 0;
  int32 month = gov_current_month();
  LWLockAcquire(sh->ledger_lock, LW_EXCLUSIVE);
  HASH_SEQ_STATUS seq;
  hash_seq_init(&seq, gov_ledger_table());
  for (GovLedgerEntry *e; (e = static_cast<GovLedgerEntry *>(hash_seq_search(&seq))) != nullptr;) {
    if (e->key.dbid != MyDatabaseId) continue;
    if (e->version != e->flushed_version) {
      snap->ledger[snap->n++] = *e;
    } else if (e->key.month < month && e->in_flight == 0) {
      // A past month the table holds: it leaves memory (seeded again if needed).
      hash_search(gov_ledger_table(), &e->key, HASH_REMOVE, nullptr);
    }
  }
  LWLockRelease(sh->ledger_lock);
  int napprovals = 0;
  LWLockAcquire(sh->approval_lock, LW_SHARED);
  for (const GovApproval &a : sh->approvals)
    if (a.used && !a.flushed && a.dbid == MyDatabaseId) approvals[napprovals++] = a;
  LWLockRelease(sh->approval_lock);
  if (OidIsValid(schema)) {
    const char *ledger = psprintf("%s.warehouse_fdw_spend_ledger", quote_identifier(get_namespace_name(schema)));
    for (int i = 0; i < snap->n; i++) {
      const GovLedgerEntry &e = snap->ledger[i];
      const char *sql = psprintf(
          "INSERT INTO %s (month, role_oid, server_oid, queries, bytes, cost_usd, flushed_at) VALUES "
          "(make_date(%d, %d, 1), %u, %u, " INT64_FORMAT ", %.0f, %.6f, now()) ON CONFLICT (month, role_oid, "
          "server_oid) DO UPDATE SET queries = EXCLUDED.queries, bytes = EXCLUDED.bytes, cost_usd = "
          "EXCLUDED.cost_usd, flushed_at = EXCLUDED.flushed_at",
          ledger, e.key.month / 100, e.key.month % 100, e.key.userid, e.key.serverid, e.queries, e.bytes, e.cost_usd);
      written += gov_spi(sql, 0, nullptr, nullptr, nullptr, nullptr, nullptr);
    }
    for (int i = 0; i < napprovals; i++) {
      gov_store_approval(schema, approvals[i]);
      written++;
    }
  }
  PopActiveSnapshot();
  CommitTransactionCommand();
  // Committed: mark what was written, unless it changed meanwhile. Without
  // the tables (the extension below 1.2 here) there is nowhere to write:
  // the entries count as stored all the same, else the writer would start
  // a worker for this database every round, for good, and past months
  // would never leave the ledger.
  LWLockAcquire(sh->ledger_lock, LW_EXCLUSIVE);
  for (int i = 0; i < snap->n; i++) {
    GovLedgerEntry *e =
        static_cast<GovLedgerEntry *>(hash_search(gov_ledger_table(), &snap->ledger[i].key, HASH_FIND, nullptr));
    if (e != nullptr && Max(e->flushed_version, snap->ledger[i].version) == snap->ledger[i].version)
      e->flushed_version = snap->ledger[i].version;
  }
  LWLockRelease(sh->ledger_lock);
  LWLockAcquire(sh->approval_lock, LW_EXCLUSIVE);
  for (int i = 0; i < napprovals; i++)
    for (GovApproval &a : sh->approvals)
      if (a.used && strcmp(a.id, approvals[i].id) == 0 && a.approved_at == approvals[i].approved_at) a.flushed = true;
  LWLockRelease(sh->approval_lock);
  pfree(snap);
  pfree(approvals);
  return written;
}

}  // namespace wfdw

extern "C" void warehouse_fdw_ledger_writer_main(Datum) {
  wfdw::guard([] { wfdw::writer_main(); });
}

extern "C" void warehouse_fdw_ledger_flush_main(Datum arg) {
  wfdw::guard([&] { wfdw::flush_main(arg); });
}
