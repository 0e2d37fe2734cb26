// The spend ledger's background writer: every
// warehouse_fdw.ledger_flush_interval it starts, for each database with
// changed ledger entries or approval requests, a short-lived worker
// connected to that database that copies them into the extension's tables
// in its own transaction (so a rollback of the user's transaction never
// loses spend, and read-only transactions and standbys record it in memory).
#pragma once
#include "pg/pg.hpp"

namespace wfdw {

// From _PG_init under shared_preload_libraries.
void register_ledger_writer();
// Copies this database's changed entries now (the per-database worker's
// body; also warehouse_fdw_flush_ledger()). Returns the rows written.
int64 gov_flush_database();

}  // namespace wfdw
