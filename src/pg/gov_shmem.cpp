// See gov_shmem.hpp. The stats file follows pg_stat_statements: written by
// the postmaster when it exits cleanly, read (and removed) at the next
// start, so a crash leaves no stale file behind; the spend ledger's durable
// copy is the extension's table, written by the background writer
// (gov_flusher.cpp).
#include "pg/gov_shmem.hpp"

#include "pg/gov_flusher.hpp"
#include "pg/guard.hpp"

extern "C" {
#include "mb/pg_wchar.h"
#include "pgtime.h"
#include "storage/fd.h"
#include "storage/ipc.h"
#include "storage/shmem.h"
#include "utils/timestamp.h"
}

namespace wfdw {

bool gov_track = true;
bool gov_log_remote_statements = false;
int gov_flush_interval_s = 10;

namespace {

int max_stats = 1000;
int query_log_size = 1000;
int query_log_text_len = 1024;

GovShared *shared = nullptr;
HTAB *stats_htab = nullptr;
HTAB *ledger_htab = nullptr;
char *log_ring = nullptr;

shmem_request_hook_type prev_shmem_request = nullptr;
shmem_startup_hook_type prev_shmem_startup = nullptr;

constexpr const char *kStatsFile = "pg_stat/warehouse_fdw.stat";
constexpr uint32 kFileMagic = 0x57464457;  // "WFDW"
constexpr uint32 kFileVersion = 1;

size_t log_entry_size() { return MAXALIGN(sizeof(GovLogEntry) + query_log_text_len); }

Size shmem_size() {
  Size s = MAXALIGN(sizeof(GovShared));
  s = add_size(s, hash_estimate_size(max_stats, sizeof(GovStatsEntry)));
  s = add_size(s, hash_estimate_size(kGovLedgerMax, sizeof(GovLedgerEntry)));
  s = add_size(s, mul_size(query_log_size, log_entry_size()));
  return s;
}

WFDW_PG_ENTRY void request_shmem() {
  guard([] {
    if (prev_shmem_request != nullptr) prev_shmem_request();
    RequestAddinShmemSpace(shmem_size());
    RequestNamedLWLockTranche("warehouse_fdw", 4);
  });
}

struct FileHeader {
  uint32 magic;
  uint32 version;
  uint32 stats_size;
  uint32 ledger_size;
  uint32 approval_size;
  int32 nstats;
  int32 nledger;
  TimestampTz stats_reset;
};

// Writes the stats file; from the postmaster at exit. A failure is a LOG:
// the stats are lost, the server still stops.
void write_stats_file() {
  char tmp[MAXPGPATH];
  snprintf(tmp, sizeof(tmp), "%s.tmp", kStatsFile);
  FILE *f = AllocateFile(tmp, PG_BINARY_W);
  if (f == nullptr) {
    ereport(LOG, (errcode_for_file_access(), errmsg("could not write warehouse_fdw stats file \"%s\": %m", tmp)));
    return;
  }
  FileHeader h;
  memset(&h, 0, sizeof(h));
  h.magic = kFileMagic;
  h.version = kFileVersion;
  h.stats_size = sizeof(GovStatsEntry);
  h.ledger_size = sizeof(GovLedgerEntry);
  h.approval_size = sizeof(GovApproval);
  h.nstats = static_cast<int32>(hash_get_num_entries(stats_htab));
  h.nledger = static_cast<int32>(hash_get_num_entries(ledger_htab));
  h.stats_reset = shared->stats_reset;
  bool ok = fwrite(&h, sizeof(h), 1, f) == 1;
  HASH_SEQ_STATUS seq;
  hash_seq_init(&seq, stats_htab);
  for (GovStatsEntry *e; (e = static_cast<GovStatsEntry *>(hash_seq_search(&seq))) != nullptr;)
    if (ok && fwrite(e, sizeof(*e), 1, f) != 1) ok = false;
  hash_seq_init(&seq, ledger_htab);
  for (GovLedgerEntry *e; (e = static_cast<GovLedgerEntry *>(hash_seq_search(&seq))) != nullptr;)
    if (ok && fwrite(e, sizeof(*e), 1, f) != 1) ok = false;
  if (ok && fwrite(shared->approvals, sizeof(shared->approvals), 1, f) != 1) ok = false;
  if (FreeFile(f) != 0) ok = false;
  if (!ok) {
    ereport(LOG, (errcode_for_file_access(), errmsg("could not write warehouse_fdw stats file \"%s\": %m", tmp)));
    unlink(tmp);
    return;
  }
  (void)durable_rename(tmp, kStatsFile, LOG);
}

void read_stats_file() {
  FILE *f = AllocateFile(kStatsFile, PG_BINARY_R);
  if (f == nullptr) return;  // first start, or the last stop was a crash
  FileHeader h;
  bool ok = fread(&h, sizeof(h), 1, f) == 1 && h.magic == kFileMagic && h.version == kFileVersion &&
            h.stats_size == sizeof(GovStatsEntry) && h.ledger_size == sizeof(GovLedgerEntry) &&
            h.approval_size == sizeof(GovApproval);
  if (ok) {
    shared->stats_reset = h.stats_reset;
    GovStatsEntry e;
    for (int i = 0; ok && i < h.nstats; i++) {
      if (fread(&e, sizeof(e), 1, f) != 1) {
        ok = false;
        break;
      }
      if (hash_get_num_entries(stats_htab) >= max_stats) continue;
      GovStatsEntry *dst = static_cast<GovStatsEntry *>(hash_search(stats_htab, &e.key, HASH_ENTER, nullptr));
      memcpy(dst, &e, sizeof(e));
    }
    GovLedgerEntry l;
    for (int i = 0; ok && i < h.nledger; i++) {
      if (fread(&l, sizeof(l), 1, f) != 1) {
        ok = false;
        break;
      }
      GovLedgerEntry *dst = static_cast<GovLedgerEntry *>(hash_search(ledger_htab, &l.key, HASH_ENTER, nullptr));
      memcpy(dst, &l, sizeof(l));
      dst->reserved_usd = 0;  // nothing is in flight after a restart
      dst->in_flight = 0;
    }
    if (ok && fread(shared->approvals, sizeof(shared->approvals), 1, f) != 1) ok = false;
  }
  FreeFile(f);
  if (!ok) ereport(LOG, (errmsg("ignoring warehouse_fdw stats file \"%s\": unreadable or of another version", kStatsFile)));
  unlink(kStatsFile);
}

WFDW_PG_ENTRY void shmem_exit_dump(int code, Datum) {
  guard([&] {
    // Not after a crash, and only in the postmaster (see shmem_startup).
    if (code != 0 || shared == nullptr) return;
    write_stats_file();
  });
}

WFDW_PG_ENTRY void shmem_startup() {
  guard([] {
    if (prev_shmem_startup != nullptr) prev_shmem_startup();
    LWLockAcquire(AddinShmemInitLock, LW_EXCLUSIVE);
    bool found;
    shared = static_cast<GovShared *>(ShmemInitStruct("warehouse_fdw governance", sizeof(GovShared), &found));
    if (!found) {
      memset(shared, 0, sizeof(*shared));
      LWLockPadded *locks = GetNamedLWLockTranche("warehouse_fdw");
      shared->stats_lock = &locks[0].lock;
      shared->log_lock = &locks[1].lock;
      shared->ledger_lock = &locks[2].lock;
      shared->approval_lock = &locks[3].lock;
      shared->log_next_seq = 1;
      shared->log_size = query_log_size;
      shared->log_text_len = query_log_text_len;
      shared->max_stats = max_stats;
      shared->stats_reset = GetCurrentTimestamp();
    }
    HASHCTL info;
    memset(&info, 0, sizeof(info));
    info.keysize = sizeof(GovStatsKey);
    info.entrysize = sizeof(GovStatsEntry);
    stats_htab = ShmemInitHash("warehouse_fdw stats", max_stats, max_stats, &info, HASH_ELEM | HASH_BLOBS);
    memset(&info, 0, sizeof(info));
    info.keysize = sizeof(GovLedgerKey);
    info.entrysize = sizeof(GovLedgerEntry);
    ledger_htab = ShmemInitHash("warehouse_fdw ledger", kGovLedgerMax, kGovLedgerMax, &info, HASH_ELEM | HASH_BLOBS);
    log_ring = static_cast<char *>(
        ShmemInitStruct("warehouse_fdw query log", mul_size(query_log_size, log_entry_size()), &found));
    if (!found) memset(log_ring, 0, mul_size(query_log_size, log_entry_size()));
    LWLockRelease(AddinShmemInitLock);
    // The postmaster (not a backend attaching after fork) owns the file.
    if (!IsUnderPostmaster) {
      on_shmem_exit(shmem_exit_dump, (Datum)0);
      read_stats_file();
    }
  });
}

void define_int(const char *name, const char *desc, int *var, int def, int min, int max, GucContext ctx,
                int flags = 0) {
  DefineCustomIntVariable(name, desc, nullptr, var, def, min, max, ctx, flags, nullptr, nullptr, nullptr);
}

}  // namespace

void install_governance() {
  DefineCustomBoolVariable("warehouse_fdw.track", "Records each remote statement in warehouse_fdw_stats and the query log.",
                           "Budgets and approvals apply whatever this says.", &gov_track, true, PGC_SUSET, 0, nullptr,
                           nullptr, nullptr);
  DefineCustomBoolVariable("warehouse_fdw.log_remote_statements",
                           "Writes one server-log line per remote statement (server, rows, bytes, cost, time).",
                           nullptr, &gov_log_remote_statements, false, PGC_SUSET, 0, nullptr, nullptr, nullptr);
  define_int("warehouse_fdw.ledger_flush_interval",
             "How often the background writer copies the spend ledger and approval requests to their tables.",
             &gov_flush_interval_s, 10, 1, 3600, PGC_SIGHUP, GUC_UNIT_S);
  // The sizes of shared memory exist only when it does: PostgreSQL refuses
  // (FATAL) a PGC_POSTMASTER setting defined after startup.
  if (!process_shared_preload_libraries_in_progress) return;
  define_int("warehouse_fdw.max_stats", "Remote statement shapes kept in warehouse_fdw_stats; the least used go first.",
             &max_stats, 1000, 100, 100000, PGC_POSTMASTER);
  define_int("warehouse_fdw.query_log_size", "Remote statements kept in warehouse_fdw_query_log.", &query_log_size, 1000,
             10, 1000000, PGC_POSTMASTER);
  define_int("warehouse_fdw.query_log_text_length", "Bytes of remote SQL kept per warehouse_fdw_query_log entry.",
             &query_log_text_len, 1024, 64, 65536, PGC_POSTMASTER);
  prev_shmem_request = shmem_request_hook;
  shmem_request_hook = request_shmem;
  prev_shmem_startup = shmem_startup_hook;
  shmem_startup_hook = shmem_startup;
  register_ledger_writer();
}

GovShared *gov_shared() { return shared; }
HTAB *gov_stats_table() { return stats_htab; }
HTAB *gov_ledger_table() { return ledger_htab; }

GovLogEntry *gov_log_slot(int64 seq) {
  return reinterpret_cast<GovLogEntry *>(log_ring + ((seq - 1) % shared->log_size) * log_entry_size());
}
char *gov_log_text(GovLogEntry *e) { return reinterpret_cast<char *>(e) + sizeof(GovLogEntry); }

void gov_require(const char *what) {
  if (shared != nullptr) return;
  ereport(ERROR, (errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
                  errmsg("%s needs warehouse_fdw loaded through shared_preload_libraries", what),
                  errdetail("Cost governance (stats, query log, spend, budgets, approvals) keeps its state in shared "
                            "memory; foreign tables work without it."),
                  errhint("Add warehouse_fdw to shared_preload_libraries in postgresql.conf and restart the server.")));
}

namespace {

int compare_usage(const void *a, const void *b) {
  double ua = (*static_cast<GovStatsEntry *const *>(a))->usage;
  double ub = (*static_cast<GovStatsEntry *const *>(b))->usage;
  return ua < ub ? -1 : (ua > ub ? 1 : 0);
}

// Removes the least used 5% (at least one) of the entries; decays the rest.
// Runs during error cleanup too: out of memory skips it instead of raising.
void evict_least_used() {
  long n = hash_get_num_entries(stats_htab);
  GovStatsEntry **all =
      static_cast<GovStatsEntry **>(palloc_extended(sizeof(GovStatsEntry *) * Max(n, 1), MCXT_ALLOC_NO_OOM));
  if (all == nullptr) return;
  long i = 0;
  HASH_SEQ_STATUS seq;
  hash_seq_init(&seq, stats_htab);
  for (GovStatsEntry *e; (e = static_cast<GovStatsEntry *>(hash_seq_search(&seq))) != nullptr;) {
    if (i < n) all[i++] = e;
    e->usage *= 0.99;
  }
  qsort(all, i, sizeof(GovStatsEntry *), compare_usage);
  long drop = Max(i / 20, 1);
  for (long k = 0; k < drop && k < i; k++) hash_search(stats_htab, &all[k]->key, HASH_REMOVE, nullptr);
  shared->evictions += drop;
  pfree(all);
}

}  // namespace

GovStatsEntry *gov_stats_entry(const GovStatsKey &key, const char *query) {
  GovStatsEntry *e = static_cast<GovStatsEntry *>(hash_search(stats_htab, &key, HASH_FIND, nullptr));
  if (e != nullptr) return e;
  if (hash_get_num_entries(stats_htab) >= shared->max_stats) evict_least_used();
  bool found;
  e = static_cast<GovStatsEntry *>(hash_search(stats_htab, &key, HASH_ENTER_NULL, &found));
  if (e == nullptr) return nullptr;
  if (!found) {
    GovStatsKey k = e->key;
    memset(e, 0, sizeof(*e));
    e->key = k;
    e->hist.clear();
    e->min_ms = -1;
    e->first_call = GetCurrentTimestamp();
    gov_clip_copy(e->query, sizeof(e->query), query);
  }
  return e;
}

GovLogEntry *gov_log_append() {
  int64 seq = shared->log_next_seq++;
  GovLogEntry *e = gov_log_slot(seq);
  memset(e, 0, log_entry_size());
  e->seq = seq;
  return e;
}

void gov_clip_copy(char *dst, size_t cap, const char *src) {
  if (cap == 0) return;
  if (src == nullptr) src = "";
  int len = pg_mbcliplen(src, static_cast<int>(strnlen(src, cap)), static_cast<int>(cap - 1));
  memcpy(dst, src, len);
  dst[len] = '\0';
}

int32 gov_current_month() {
  pg_time_t t = timestamptz_to_time_t(GetCurrentTimestamp());
  struct pg_tm *tm = pg_gmtime(&t);
  return (tm->tm_year + 1900) * 100 + tm->tm_mon + 1;
}

}  // namespace wfdw
