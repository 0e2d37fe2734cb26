// Cost governance's tables (created by warehouse_fdw--1.1--1.2.sql in the
// extension's schema): budgets, the spend ledger's durable copy and approval
// requests. Read and written through SPI as the bootstrap superuser, since
// the roles whose queries are governed may not read them; every value is a
// number formatted here or a bound parameter.
#pragma once
#include "pg/gov_shmem.hpp"

namespace wfdw {

// The schema holding the tables, or InvalidOid when the extension is not
// at 1.2 or later in this database (then no budget applies and approvals
// cannot be stored).
Oid gov_tables_schema();

// The monthly budget of `userid` on `serverid` (its own, else the
// server-wide default set for role 0); -1: unlimited. Caches nothing: a
// change applies to the next statement.
double gov_budget_usd(Oid schema, Oid userid, Oid serverid);

// The durable totals of a ledger key (zero when the table has no row).
void gov_ledger_seed(Oid schema, const GovLedgerKey &key, int64 *queries, double *bytes, double *cost_usd);

// An approval of (role, server, query) still inside its window, in the table.
bool gov_table_approval(Oid schema, Oid userid, Oid serverid, int64 queryid, double window_s);

// Writes `a` (new or approved) into the requests table, in the current
// transaction.
void gov_store_approval(Oid schema, const GovApproval &a);

// Runs `sql` (built from numbers and bound text) through SPI as the
// bootstrap superuser; returns SPI_processed. Results are read by `read`
// inside the SPI connection (may be null).
uint64 gov_spi(const char *sql, int nargs, Oid *types, Datum *values, const char *nulls,
               void (*read)(void *arg), void *arg);

}  // namespace wfdw
