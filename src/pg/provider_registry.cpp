// The providers of warehouse_fdw, PostgreSQL side (see pg/provider.hpp). A
// new provider: one declaration and one list entry here, one in
// src/core/provider_registry.cpp, and its folder src/providers/<name>/.
#include "pg/provider.hpp"

#include "pg/options.hpp"

namespace wfdw {

extern const ProviderOps kPostgresProvider;
extern const ProviderOps kBigQueryProvider;
extern const ProviderOps kSnowflakeProvider;
extern const ProviderOps kDatabricksProvider;

namespace {

const ProviderOps *const kProviders[] = {
    &kPostgresProvider,
    &kBigQueryProvider,
    &kSnowflakeProvider,
    &kDatabricksProvider,
};

}  // namespace

const ProviderOps &provider_ops(const char *name) {
  for (const ProviderOps *p : kProviders)
    if (name != nullptr && strcmp(p->info().name, name) == 0) return *p;
  StringInfoData valid;
  initStringInfo(&valid);
  for (const ProviderOps *p : kProviders) appendStringInfo(&valid, "%s%s", valid.len ? ", " : "", p->info().name);
  ereport(ERROR, (errcode(ERRCODE_FDW_INVALID_OPTION_NAME), errmsg("unknown provider \"%s\"", name ? name : ""),
                  errhint("Valid providers are: %s.", valid.data)));
  pg_unreachable();
}

const ProviderOps &server_provider(ForeignServer *server) {
  const char *name = find_option_value(server->options, "provider");
  if (name == nullptr)
    ereport(
        ERROR,
        (errcode(ERRCODE_FDW_OPTION_NAME_NOT_FOUND), errmsg("server \"%s\" has no provider option", server->servername),
         errhint("ALTER SERVER %s OPTIONS (ADD provider 'postgres');", quote_identifier(server->servername))));
  return provider_ops(name);
}

}  // namespace wfdw
