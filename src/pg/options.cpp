#include "core/google_auth.hpp"
#include "core/option_values.hpp"
#include "pg/options.hpp"

#include "pg/guard.hpp"

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
  out->provider = provider_of(server->options);
  out->fetch_size = kDefaultFetchSize;
  out->use_remote_estimate = false;
  out->fdw_startup_cost = kDefaultStartupCost;
  out->fdw_tuple_cost = kDefaultTupleCost;
  out->keep_connections = true;
  out->analyze_sampling = true;
  if (out->provider != nullptr && strcmp(out->provider, "bigquery") == 0) {
    // A dry run is cheap and free; without it costs could not reflect bytes.
    out->use_remote_estimate = true;
    out->fetch_size = 20000;
  }
  if (out->provider != nullptr && strcmp(out->provider, "snowflake") == 0)
    out->use_remote_estimate = true;  // EXPLAIN compiles without a warehouse: no credits
  if (out->provider == nullptr)
    ereport(
        ERROR,
        (errcode(ERRCODE_FDW_OPTION_NAME_NOT_FOUND), errmsg("server \"%s\" has no provider option", server->servername),
         errhint("ALTER SERVER %s OPTIONS (ADD provider 'postgres');", quote_identifier(server->servername))));
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
    else if (strcmp(d->defname, "project") == 0)
      out->catalog_name = defGetString(d);
    else if (strcmp(d->defname, "fetch_size") == 0)
      out->fetch_size = parse_pos_int(d);
    else if (strcmp(d->defname, "use_remote_estimate") == 0)
      out->use_remote_estimate = parse_bool(d) ? 1 : 0;
  }
  if (out->schema_name == nullptr) out->schema_name = get_namespace_name(get_rel_namespace(table->relid));
  if (out->table_name == nullptr) out->table_name = get_rel_name(table->relid);
  if (out->catalog_name == nullptr) {
    ForeignServer *server = GetForeignServer(table->serverid);
    const char *provider = provider_of(server->options);
    if (provider != nullptr && strcmp(provider, "bigquery") == 0) {
      const char *project = find_option_value(server->options, "project");
      out->catalog_name = project != nullptr ? pstrdup(project) : nullptr;
    }
  }
}

Provider provider_kind(const char *provider) {
  if (provider != nullptr && strcmp(provider, "bigquery") == 0) return Provider::BigQuery;
  if (provider != nullptr && strcmp(provider, "snowflake") == 0) return Provider::Snowflake;
  return Provider::Postgres;
}

bool is_bigquery(const ServerOptions &opts) { return provider_kind(opts.provider) == Provider::BigQuery; }
bool is_snowflake(const ServerOptions &opts) { return provider_kind(opts.provider) == Provider::Snowflake; }

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

const Dialect &dialect_for(const char *provider) {
  if (provider != nullptr && strcmp(provider, "postgres") == 0) return postgres_dialect();
  if (provider != nullptr && strcmp(provider, "bigquery") == 0) return bigquery_dialect();
  if (provider != nullptr && strcmp(provider, "snowflake") == 0) return snowflake_dialect();
  ereport(ERROR,
          (errcode(ERRCODE_FDW_INVALID_OPTION_NAME), errmsg("unknown provider \"%s\"", provider ? provider : "")));
  pg_unreachable();
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
    bool needs_superuser = spec != nullptr && spec->superuser_only;
    if (strcmp(d->defname, "password_required") == 0) needs_superuser = !wfdw::parse_bool(d);
    // A key's token_uri is where the signed assertion is posted: only a
    // superuser may point it away from Google (as with endpoint).
    if (strcmp(d->defname, "service_account_key") == 0 && scope == wfdw::OptionScope::UserMapping &&
        wfdw::guard([&] { return wfdw::overrides_token_uri(value); }))
      needs_superuser = true;
    if (needs_superuser && !superuser()) {
      const char *what = strcmp(d->defname, "password_required") == 0 ? "option \"password_required=false\""
                         : strcmp(d->defname, "service_account_key") == 0
                             ? "a service_account_key whose token_uri is not Google's"
                             : psprintf("option \"%s\"", d->defname);
      const char *hint = strcmp(d->defname, "endpoint") == 0 || strcmp(d->defname, "service_account_key") == 0
                             ? "It decides where the database server sends requests, with the credentials of "
                               "every user mapping of the server; see docs/security.md."
                             : "This option reaches the server's file system or relaxes authentication.";
      ereport(ERROR, (errcode(ERRCODE_INSUFFICIENT_PRIVILEGE), errmsg("only a superuser can set %s", what),
                      errhint("%s", hint)));
    }
  }
  PG_RETURN_VOID();
}

}  // namespace

extern "C" Datum warehouse_fdw_validator(PG_FUNCTION_ARGS) { WFDW_GUARDED(return validator_body(fcinfo);); }
