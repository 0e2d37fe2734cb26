// The Databricks SQL provider, pure zone: options and defaults.
#define WFDW_PURE_TU 1
#include "core/errors.hpp"
#include "core/provider_info.hpp"
#include "providers/databricks/databricks_dialect.hpp"

#include <cctype>
#include <string>

namespace wfdw {
namespace {

// The host becomes https://<host>/..., where every mapping's token is sent:
// only a Databricks workspace host (AWS, Azure, GCP) is accepted from a
// non-superuser; anything else (an internal address, a path) goes through
// the superuser-only endpoint option.
void check_workspace_host(const std::string &value) {
  std::string h = value;
  if (h.compare(0, 8, "https://") == 0) h = h.substr(8);
  while (!h.empty() && h.back() == '/') h.pop_back();
  bool ok = !h.empty() && h.size() <= 253 && h.front() != '.' && h.find("..") == std::string::npos;
  for (unsigned char c : h)
    if (!std::isalnum(c) && c != '-' && c != '.') ok = false;
  static const char *const kDomains[] = {".cloud.databricks.com", ".gcp.databricks.com", ".azuredatabricks.net",
                                         ".databricks.azure.cn", ".databricks.azure.us", ".cloud.databricks.us",
                                         ".cloud.databricks.mil"};
  bool known = false;
  for (const char *d : kDomains) {
    std::string dom(d);
    if (h.size() > dom.size() && h.compare(h.size() - dom.size(), dom.size(), dom) == 0) known = true;
  }
  if (!ok || !known)
    throw Error(sqlstate::kInvalidAttributeValue, "invalid value for option \"host\"", {},
                "A Databricks workspace host, such as dbc-1234abcd-5678.cloud.databricks.com or "
                "adb-1234567890123456.7.azuredatabricks.net; a superuser can set endpoint for any other address.");
}

using S = OptionScope;
using K = ValueKind;

const std::vector<OptionSpec> &databricks_options() {
  // clang-format off
  static const std::vector<OptionSpec> rows = {
    // name                    scope           kind       su     secret libpq
    {"host",                   S::Server,      K::Text,   false, false, false, check_workspace_host},
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
