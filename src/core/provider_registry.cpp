// The providers of warehouse_fdw, pure zone (see core/provider_info.hpp).
// A new provider: one declaration and one list entry here, one in
// src/pg/provider_registry.cpp, and its folder src/providers/<name>/.
#define WFDW_PURE_TU 1
#include "core/provider_info.hpp"

namespace wfdw {

const ProviderInfo &postgres_provider_info();
const ProviderInfo &bigquery_provider_info();
const ProviderInfo &snowflake_provider_info();
const ProviderInfo &databricks_provider_info();

const std::vector<const ProviderInfo *> &provider_registry() {
  static const std::vector<const ProviderInfo *> providers = {
      &postgres_provider_info(),
      &bigquery_provider_info(),
      &snowflake_provider_info(),
      &databricks_provider_info(),
  };
  return providers;
}

const ProviderInfo *find_provider_info(const std::string &name) {
  for (const ProviderInfo *p : provider_registry())
    if (name == p->name) return p;
  return nullptr;
}

}  // namespace wfdw
