// What the pure zone knows of a provider: its name (the server option
// `provider`), the label used in messages, its SQL dialect, its own options
// and its server defaults. Its PostgreSQL side (planner estimates, scans,
// IMPORT, ...) is a ProviderOps (src/pg/provider.hpp). Both are listed in a
// registry, src/core/provider_registry.cpp and src/pg/provider_registry.cpp:
// adding a provider adds one line to each and a folder src/providers/<name>/.
#pragma once
#include "core/pure_zone.hpp"

#include <string>
#include <vector>

#include "core/dialect.hpp"
#include "core/option_catalog.hpp"

namespace wfdw {

struct ProviderInfo {
  const char *name;   // the value of the server option `provider`
  const char *label;  // "BigQuery", in messages
  const Dialect &(*dialect)();
  // The provider's own options; every provider also takes the shared rows
  // of option_catalog.cpp, and an HTTP provider the HTTP kit's.
  const std::vector<OptionSpec> &(*options)();
  bool http;  // an HTTP warehouse: endpoint, timeout, retries, TLS and cost-limit options
  int default_fetch_size;
  bool default_use_remote_estimate;  // remote estimates are free and fast
  // The server and table option naming the remote catalog (BigQuery's
  // "project"); nullptr when tables are named schema.table.
  const char *catalog_option;
  bool hash_comments;  // '#' starts a comment in the dialect (warehouse_fdw_estimate's check)
};

// Every provider, in the order they are listed to users.
const std::vector<const ProviderInfo *> &provider_registry();
// The provider called `name`, or nullptr.
const ProviderInfo *find_provider_info(const std::string &name);

}  // namespace wfdw
