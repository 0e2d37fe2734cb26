// Options as the planner and executor use them: read once from the catalogs,
// parsed with the pure zone's parsers, checked against the option catalog of
// the server's provider.
#pragma once
#include "core/dialect.hpp"
#include "core/option_catalog.hpp"
#include "pg/pg.hpp"

namespace wfdw {

struct ProviderOps;

struct ServerOptions {
  const ProviderOps *provider;
  int fetch_size;
  bool use_remote_estimate;
  double fdw_startup_cost;
  double fdw_tuple_cost;
  bool keep_connections;
  bool analyze_sampling;
};

struct TableOptions {
  char *catalog_name;       // remote catalog (ProviderInfo::catalog_option: table's, else server's), or NULL
  char *schema_name;        // remote schema (default: the local table's schema)
  char *table_name;         // remote table (default: the local table's name)
  int fetch_size;           // 0: the server's
  int use_remote_estimate;  // -1: the server's
};

// Defaults shown in README.md ("Options" table).
constexpr int kDefaultFetchSize = 10000;
constexpr double kDefaultStartupCost = 100.0;
constexpr double kDefaultTupleCost = 0.01;

void load_server_options(ForeignServer *server, ServerOptions *out);
void load_table_options(ForeignTable *table, TableOptions *out);

// Validates every option of a user mapping, table or its columns against the
// provider of `server` (DDL-time validation cannot know the server).
void check_options_for_provider(ForeignServer *server, List *options, OptionScope scope);

// For SQL-callable functions given a server name: the warehouse_fdw server,
// after checking the caller's USAGE on it, and the caller's user mapping
// (an error if any is missing), with the server's options loaded.
ForeignServer *usable_server(const char *name, UserMapping **user, ServerOptions *opts);

// The remote name of a column and whether it is fetched as text.
const char *column_remote_name(Oid relid, AttrNumber attnum, bool *as_text);

int64 option_duration_ms(DefElem *def);
// Option `name` of `options` parsed (validated when it was set), or dflt.
double option_real_or(List *options, const char *name, double dflt);
int64 option_int_or(List *options, const char *name, int64 dflt);
int64 option_ms_or(List *options, const char *name, int64 dflt);

// The value of option `name` in `options`, or NULL.
const char *find_option_value(List *options, const char *name);

}  // namespace wfdw
