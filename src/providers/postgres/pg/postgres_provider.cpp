// The postgres provider's operations table (see pg/provider.hpp).
#include "providers/postgres/pg/postgres_provider.hpp"

#include "providers/postgres/pg/connection.hpp"

namespace wfdw {

const ProviderInfo &postgres_provider_info();

namespace {

// warehouse_fdw_estimate: the remote planner's rows x width; no price.
void pg_estimate_sql(ForeignServer *server, UserMapping *user, const char *sql, SqlEstimate *out) {
  double rows;
  int width;
  Cost startup, total;
  if (remote_explain_estimate(user, server->servername, sql, &rows, &width, &startup, &total)) out->bytes = rows * width;
  out->note = "PostgreSQL servers have no per-query price: bytes are the remote planner's rows x width";
}

}  // namespace

extern const ProviderOps kPostgresProvider = {
    postgres_provider_info,
    nullptr,  // estimate_base_rel: the remote planner (explain_query) or local statistics
    remote_explain_estimate,
    nullptr,  // cost_usd: no per-query price
    pg_begin_scan,
    pg_iterate_scan,
    pg_rescan,
    pg_end_scan,
    pg_explain_scan,
    pg_analyze_foreign_table,
    pg_import_foreign_schema,
    test_connection,
    pg_estimate_sql,
};

}  // namespace wfdw
