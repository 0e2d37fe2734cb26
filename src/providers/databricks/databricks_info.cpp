// The Databricks SQL provider, pure zone: options and defaults.
#define WFDW_PURE_TU 1
#include "core/provider_info.hpp"
#include "providers/databricks/databricks_dialect.hpp"

namespace wfdw {
namespace {

using S = OptionScope;
using K = ValueKind;

const std::vector<OptionSpec> &databricks_options() {
  // clang-format off
  static const std::vector<OptionSpec> rows = {
    // name                    scope           kind       su     secret libpq
    {"host",                   S::Server,      K::Text,   false, false, false},  // the workspace host
    {"warehouse_id",           S::Server,      K::Text,   false, false, false},
    {"catalog",                S::Server,      K::Text,   false, false, false},
    {"schema",                 S::Server,      K::Text,   false, false, false},
    {"max_parallel_downloads", S::Server,      K::PosInt, false, false, false},
    // Pricing: dollars = TiB scanned x dbus_per_tib x price_per_dbu (both
    // needed; Databricks bills DBUs per warehouse-hour, so this is the
    // user's own effective rate).
    {"price_per_dbu",          S::Server,      K::Cost,   false, false, false},
    {"dbus_per_tib",           S::Server,      K::Cost,   false, false, false},
    {"token",                  S::UserMapping, K::Text,   false, true,  false},
    {"client_id",              S::UserMapping, K::Text,   false, false, false},
    {"client_secret",          S::UserMapping, K::Text,   false, true,  false},
    {"catalog",                S::Table,       K::Text,   false, false, false},
  };
  // clang-format on
  return rows;
}

}  // namespace

// EXPLAIN COST is compiled by the warehouse without reading data: remote
// estimates are on by default.
const ProviderInfo &databricks_provider_info() {
  static const ProviderInfo info = {"databricks", "Databricks", databricks_dialect, databricks_options, true, 10000,
                                    true, "catalog", false};
  return info;
}

}  // namespace wfdw
