#include "core/option_values.hpp"
#include "pg/options.hpp"

#include "pg/guard.hpp"
#include "pg/provider.hpp"

namespace wfdw {
namespace {

OptionScope scope_of_catalog(Oid catalog) {
  switch (catalog) {
    case ForeignDataWrapperRelationId:
      return OptionScope::Wrapper;
    case ForeignServerRelationId:
      return OptionScope::Server;
    case UserMappingRelationId:
      return OptionScope::UserMapping;
    case ForeignTableRelationId:
      return OptionScope::Table;
    default:
      return OptionScope::Column;
  }
}

void check_one(const char *provider, OptionScope scope, const char *name, const char *value) {
  guard([&] { validate_option(provider ? provider : "", scope, name, value); });
}

bool parse_bool(DefElem *d) {
  const char *v = defGetString(d);
  return guard([&] { return parse_bool_option(d->defname, v); });
}

int parse_pos_int(DefElem *d) {
  const char *v = defGetString(d);
  return static_cast<int>(guard([&] { return parse_int_option(d->defname, v, 1, PG_INT32_MAX); }));
}

double parse_cost(DefElem *d) {
  const char *v = defGetString(d);
  return guard([&] { return parse_real_option(d->defname, v, 0.0); });
}

const char *provider_of(List *options) {
  ListCell *lc;
  foreach (lc, options) {
    DefElem *d = lfirst_node(DefElem, lc);
    if (strcmp(d->defname, "provider") == 0) return defGetString(d);
  }
  return nullptr;
}

}  // namespace

int64 option_duration_ms(DefElem *d) {
  const char *v = defGetString(d);
  return guard([&] { return parse_duration_ms(d->defname, v); });
}

double option_real_or(List *options, const char *name, double dflt) {
  const char *v = find_option_value(options, name);
  return v != nullptr ? strtod(v, nullptr) : dflt;
}

int64 option_int_or(List *options, const char *name, int64 dflt) {
  const char *v = find_option_value(options, name);
  return v != nullptr ? strtoll(v, nullptr, 10) : dflt;
}

int64 option_ms_or(List *options, const char *name, int64 dflt) {
  ListCell *lc;
  foreach (lc, options) {
    DefElem *d = lfirst_node(DefElem, lc);
    if (strcmp(d->defname, name) == 0) return option_duration_ms(d);
  }
  return dflt;
}

void load_server_options(ForeignServer *server, ServerOptions *out) {
  out->provider = &server_provider(server);
  const ProviderInfo &info = out->provider->info();
  out->fetch_size = info.default_fetch_size;
  out->use_remote_estimate = info.default_use_remote_estimate;
  out->fdw_startup_cost = kDefaultStartupCost;
  out->fdw_tuple_cost = kDefaultTupleCost;
  out->keep_connections = true;
  out->analyze_sampling = true;
  ListCell *lc;
  foreach (lc, server->options) {
    DefElem *d = lfirst_node(DefElem, lc);
    if (strcmp(d->defname, "fetch_size") == 0)
      out->fetch_size = parse_pos_int(d);
    else if (strcmp(d->defname, "use_remote_estimate") == 0)
      out->use_remote_estimate = parse_bool(d);
    else if (strcmp(d->defname, "fdw_startup_cost") == 0)
      out->fdw_startup_cost = parse_cost(d);
    else if (strcmp(d->defname, "fdw_tuple_cost") == 0)
      out->fdw_tuple_cost = parse_cost(d);
    else if (strcmp(d->defname, "keep_connections") == 0)
      out->keep_connections = parse_bool(d);
    else if (strcmp(d->defname, "analyze_sampling") == 0)
      out->analyze_sampling = parse_bool(d);
  }
}

void load_table_options(ForeignTable *table, TableOptions *out) {
  out->catalog_name = nullptr;
  out->schema_name = nullptr;
  out->table_name = nullptr;
  out->fetch_size = 0;
  out->use_remote_estimate = -1;
  ListCell *lc;
  foreach (lc, table->options) {
    DefElem *d = lfirst_node(DefElem, lc);
    if (strcmp(d->defname, "schema_name") == 0)
      out->schema_name = defGetString(d);
    else if (strcmp(d->defname, "table_name") == 0)
      out->table_name = defGetString(d);
    else if (strcmp(d->defname, "fetch_size") == 0)
      out->fetch_size = parse_pos_int(d);
    else if (strcmp(d->defname, "use_remote_estimate") == 0)
      out->use_remote_estimate = parse_bool(d) ? 1 : 0;
  }
  if (out->schema_name == nullptr) out->schema_name = get_namespace_name(get_rel_namespace(table->relid));
  if (out->table_name == nullptr) out->table_name = get_rel_name(table->relid);
  // The remote catalog (BigQuery's project): the table's option, else the
  // server's.
  ForeignServer *server = GetForeignServer(table->serverid);
  const char *catalog_option = server_provider(server).info().catalog_option;
  if (catalog_option != nullptr) {
    const char *v = find_option_value(table->options, catalog_option);
    if (v == nullptr) v = find_option_value(server->options, catalog_option);
    out->catalog_name = v != nullptr ? pstrdup(v) : nullptr;
  }
}

const char *find_option_value(List *options, const char *name) {
  ListCell *lc;
  foreach (lc, options) {
    DefElem *d = lfirst_node(DefElem, lc);
    if (strcmp(d->defname, name) == 0) return defGetString(d);
  }
  return nullptr;
}

void check_options_for_provider(ForeignServer *server, List *options, OptionScope scope) {
  const char *provider = provider_of(server->options);
  ListCell *lc;
  foreach (lc, options) {
    DefElem *d = lfirst_node(DefElem, lc);
    const char *value = defGetString(d);
    check_one(provider, scope, d->defname, value);
  }
}

const char *column_remote_name(Oid relid, AttrNumber attnum, bool *as_text) {
  const char *name = nullptr;
  *as_text = false;
  ListCell *lc;
  foreach (lc, GetForeignColumnOptions(relid, attnum)) {
    DefElem *d = lfirst_node(DefElem, lc);
    if (strcmp(d->defname, "column_name") == 0)
      name = defGetString(d);
    else if (strcmp(d->defname, "remote_as_text") == 0)
      *as_text = parse_bool(d);
  }
  return name != nullptr ? name : get_attname(relid, attnum, false);
}

ForeignServer *usable_server(const char *name, UserMapping **user, ServerOptions *opts) {
  ForeignServer *server = GetForeignServerByName(name, false);
  if (server->fdwid != GetForeignDataWrapperByName("warehouse_fdw", false)->fdwid)
    ereport(ERROR, (errcode(ERRCODE_FDW_ERROR), errmsg("server \"%s\" does not use warehouse_fdw", name)));
  AclResult acl = pg_foreign_server_aclcheck(server->serverid, GetUserId(), ACL_USAGE);
  if (acl != ACLCHECK_OK) aclcheck_error(acl, OBJECT_FOREIGN_SERVER, server->servername);
  *user = GetUserMapping(GetUserId(), server->serverid);
  load_server_options(server, opts);
  return server;
}

}  // namespace wfdw

extern "C" {
PG_FUNCTION_INFO_V1(warehouse_fdw_validator);
}

namespace {

// Validates options where they are set. The server's options carry the
// provider, so they are checked exactly; user mappings, tables and columns
// cannot see their server here, so they are checked against every provider
// now and against their own provider when first used.
Datum validator_body(FunctionCallInfo fcinfo) {
  List *options = untransformRelOptions(PG_GETARG_DATUM(0));
  Oid catalog = PG_GETARG_OID(1);
  wfdw::OptionScope scope = wfdw::scope_of_catalog(catalog);
  const char *provider = scope == wfdw::OptionScope::Server ? wfdw::provider_of(options) : nullptr;
  if (scope == wfdw::OptionScope::Server && provider == nullptr)
    ereport(ERROR,
            (errcode(ERRCODE_FDW_OPTION_NAME_NOT_FOUND), errmsg("a warehouse_fdw server needs a provider option"),
             errhint("For example: CREATE SERVER s FOREIGN DATA WRAPPER warehouse_fdw OPTIONS "
                     "(provider 'postgres', host '...', dbname '...').")));
  ListCell *lc;
  foreach (lc, options) {
    DefElem *d = lfirst_node(DefElem, lc);
    const char *value = defGetString(d);
    wfdw::check_one(provider, scope, d->defname, value);
    const wfdw::OptionSpec *spec =
        wfdw::guard([&] { return wfdw::find_option(provider ? provider : "", scope, d->defname); });
    const char *what = "", *hint = "";
    bool needs_superuser =
        spec != nullptr && wfdw::guard([&] { return wfdw::option_needs_superuser(*spec, value, &what, &hint); });
    if (needs_superuser && !superuser())
      ereport(ERROR, (errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
                      errmsg("only a superuser can set %s", what[0] ? what : psprintf("option \"%s\"", d->defname)),
                      errhint("%s", hint)));
  }
  PG_RETURN_VOID();
}

}  // namespace

extern "C" Datum warehouse_fdw_validator(PG_FUNCTION_ARGS) { WFDW_GUARDED(return validator_body(fcinfo);); }
