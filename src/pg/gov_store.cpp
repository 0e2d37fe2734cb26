// See gov_store.hpp.
#include "pg/gov_store.hpp"

extern "C" {
#include "access/genam.h"
#include "catalog/dependency.h"
#include "catalog/indexing.h"
#include "catalog/namespace.h"
#include "catalog/pg_authid.h"
#include "catalog/pg_extension.h"
#include "utils/fmgroids.h"
#include "commands/extension.h"
#include "executor/spi.h"
#include "utils/snapmgr.h"
}

namespace wfdw {

namespace {

// pg_extension.extnamespace of `ext` (PostgreSQL 16 exports
// get_extension_schema; 15 does not).
Oid extension_schema(Oid ext) {
  Relation rel = table_open(ExtensionRelationId, AccessShareLock);
  ScanKeyData key;
  ScanKeyInit(&key, Anum_pg_extension_oid, BTEqualStrategyNumber, F_OIDEQ, ObjectIdGetDatum(ext));
  SysScanDesc scan = systable_beginscan(rel, ExtensionOidIndexId, true, nullptr, 1, &key);
  HeapTuple tuple = systable_getnext(scan);
  Oid schema = HeapTupleIsValid(tuple) ? reinterpret_cast<Form_pg_extension>(GETSTRUCT(tuple))->extnamespace : InvalidOid;
  systable_endscan(scan);
  table_close(rel, AccessShareLock);
  return schema;
}

// Whether `schema`.`name` is the extension's own table. Below 1.2 the
// names are free: a role with CREATE on the extension's schema (say, the
// database owner on public) could put a table with a trigger, or a view
// calling its function, there, and the superuser reading or writing it
// would run that role's code.
bool extension_table(Oid ext, Oid schema, const char *name) {
  Oid rel = get_relname_relid(name, schema);
  return OidIsValid(rel) && getExtensionOfObject(RelationRelationId, rel) == ext;
}

}  // namespace

Oid gov_tables_schema() {
  Oid ext = get_extension_oid("warehouse_fdw", true);
  if (!OidIsValid(ext)) return InvalidOid;
  Oid schema = extension_schema(ext);
  if (!OidIsValid(schema)) return InvalidOid;
  static const char *const kTables[] = {"warehouse_fdw_budgets", "warehouse_fdw_spend_ledger",
                                        "warehouse_fdw_approval_requests"};
  for (const char *t : kTables)
    if (!extension_table(ext, schema, t)) return InvalidOid;
  return schema;
}

uint64 gov_spi(const char *sql, int nargs, Oid *types, Datum *values, const char *nulls, void (*read)(void *arg),
               void *arg) {
  Oid save_user;
  int save_sec;
  GetUserIdAndSecContext(&save_user, &save_sec);
  // The tables are the extension owner's; the governed role may not read
  // them. A transaction abort restores the user and security context.
  SetUserIdAndSecContext(BOOTSTRAP_SUPERUSERID, save_sec | SECURITY_LOCAL_USERID_CHANGE | SECURITY_RESTRICTED_OPERATION);
  // The session's search_path must not pick the functions and operators
  // this SQL runs as a superuser (an attacker's public.make_date, or "=").
  int nest = NewGUCNestLevel();
  (void)set_config_option("search_path", "pg_catalog, pg_temp", PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SAVE, true, 0,
                          false);
  if (SPI_connect() != SPI_OK_CONNECT) elog(ERROR, "warehouse_fdw: SPI_connect failed");
  int rc = SPI_execute_with_args(sql, nargs, types, values, nulls, false, 0);
  if (rc < 0) elog(ERROR, "warehouse_fdw: governance query failed (%d): %s", rc, sql);
  uint64 n = SPI_processed;
  if (read != nullptr) read(arg);
  SPI_finish();
  AtEOXact_GUC(true, nest);
  SetUserIdAndSecContext(save_user, save_sec);
  return n;
}

namespace {

const char *table(Oid schema, const char *name) {
  return psprintf("%s.%s", quote_identifier(get_namespace_name(schema)), name);
}

// The first column of the first row as double (-1: no row or NULL).
void read_double(void *arg) {
  double *out = static_cast<double *>(arg);
  *out = -1;
  if (SPI_processed == 0) return;
  bool isnull;
  Datum d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
  if (!isnull) *out = DatumGetFloat8(d);
}

struct LedgerRow {
  int64 queries;
  double bytes;
  double cost;
};

void read_ledger(void *arg) {
  LedgerRow *r = static_cast<LedgerRow *>(arg);
  if (SPI_processed == 0) return;
  bool isnull;
  HeapTuple t = SPI_tuptable->vals[0];
  TupleDesc d = SPI_tuptable->tupdesc;
  Datum v = SPI_getbinval(t, d, 1, &isnull);
  if (!isnull) r->queries = DatumGetInt64(v);
  v = SPI_getbinval(t, d, 2, &isnull);
  if (!isnull) r->bytes = DatumGetFloat8(v);
  v = SPI_getbinval(t, d, 3, &isnull);
  if (!isnull) r->cost = DatumGetFloat8(v);
}

}  // namespace

double gov_budget_usd(Oid schema, Oid userid, Oid serverid) {
  const char *sql = psprintf(
      "SELECT monthly_usd::float8 FROM %s WHERE server_oid = %u AND role_oid IN (%u, 0) ORDER BY role_oid DESC LIMIT 1",
      table(schema, "warehouse_fdw_budgets"), serverid, userid);
  double usd = -1;
  gov_spi(sql, 0, nullptr, nullptr, nullptr, read_double, &usd);
  return usd;
}

void gov_ledger_seed(Oid schema, const GovLedgerKey &key, int64 *queries, double *bytes, double *cost_usd) {
  LedgerRow r = {0, 0, 0};
  const char *sql = psprintf(
      "SELECT queries, bytes::float8, cost_usd::float8 FROM %s WHERE month = make_date(%d, %d, 1) AND role_oid = %u "
      "AND server_oid = %u",
      table(schema, "warehouse_fdw_spend_ledger"), key.month / 100, key.month % 100, key.userid, key.serverid);
  gov_spi(sql, 0, nullptr, nullptr, nullptr, read_ledger, &r);
  *queries = r.queries;
  *bytes = r.bytes;
  *cost_usd = r.cost;
}

// The clock, not now(): now() is the transaction's start, and a long
// transaction would keep an approval alive past its window.
bool gov_table_approval(Oid schema, Oid userid, Oid serverid, int64 queryid, double window_s) {
  const char *sql = psprintf(
      "SELECT 1::float8 FROM %s WHERE role_oid = %u AND server_oid = %u AND query_id = " INT64_FORMAT
      " AND approved_at > clock_timestamp() - make_interval(secs => %.3f) LIMIT 1",
      table(schema, "warehouse_fdw_approval_requests"), userid, serverid, queryid, window_s);
  double found = -1;
  gov_spi(sql, 0, nullptr, nullptr, nullptr, read_double, &found);
  return found > 0;
}

void gov_store_approval(Oid schema, const GovApproval &a) {
  const char *sql = psprintf(
      "INSERT INTO %s AS r (request_id, role_oid, server_oid, query_id, remote_sql, estimated_usd, requested_at, "
      "approved_by, approved_at) VALUES ($1, %u, %u, " INT64_FORMAT ", $2, %s, $3, $4, $5) "
      "ON CONFLICT (request_id) DO UPDATE SET approved_by = COALESCE(EXCLUDED.approved_by, r.approved_by), "
      "approved_at = COALESCE(EXCLUDED.approved_at, r.approved_at)",
      table(schema, "warehouse_fdw_approval_requests"), a.userid, a.serverid, a.queryid,
      a.est_usd >= 0 ? psprintf("%.6f", a.est_usd) : "NULL");
  Oid types[5] = {TEXTOID, TEXTOID, TIMESTAMPTZOID, NAMEOID, TIMESTAMPTZOID};
  Datum values[5];
  char nulls[6] = "     ";
  values[0] = CStringGetTextDatum(a.id);
  values[1] = CStringGetTextDatum(a.sql);
  values[2] = TimestampTzGetDatum(a.requested_at);
  if (a.approved_at != 0) {
    char *who = GetUserNameFromId(a.approved_by, true);
    values[3] = DirectFunctionCall1(namein, CStringGetDatum(who != nullptr ? who : "?"));
    values[4] = TimestampTzGetDatum(a.approved_at);
  } else {
    values[3] = values[4] = (Datum)0;
    nulls[3] = nulls[4] = 'n';
  }
  gov_spi(sql, 5, types, values, nulls, nullptr, nullptr);
}

}  // namespace wfdw
