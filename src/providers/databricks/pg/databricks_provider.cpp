// Databricks SQL provider, PG zone. See databricks_provider.hpp.
// The pure headers come first: nlohmann/json must not see PostgreSQL's
// snprintf macros.
#include "core/option_values.hpp"
#include "core/response_errors.hpp"
#include "providers/databricks/databricks_client.hpp"
#include "providers/databricks/databricks_dialect.hpp"
#include "providers/databricks/databricks_stream.hpp"

#include <algorithm>
#include <memory>

#include "pg/deparse.hpp"
#include "pg/guard.hpp"
#include "pg/import_builder.hpp"
#include "pg/import_comments.hpp"
#include "pg/relinfo.hpp"
#include "pg/remote_cost.hpp"
#include "pg/stream_scan.hpp"
#include "providers/databricks/pg/databricks_provider.hpp"

namespace wfdw {
namespace {

constexpr double kBytesPerTib = 1099511627776.0;

// Built without PostgreSQL calls, so it may run inside the guard.
DatabricksConfig make_config(const DbxServer &s) {
  DatabricksConfig c;
  c.server_name = s.http.server_name;
  if (s.http.endpoint == nullptr && (s.host == nullptr || s.host[0] == '\0'))
    throw Error(sqlstate::kInvalidOptionName, "server \"" + c.server_name + "\" has no host option", {},
                "ALTER SERVER " + c.server_name + " OPTIONS (ADD host 'dbc-1234abcd-5678.cloud.databricks.com');");
  apply_http_settings(s.http, s.host != nullptr ? databricks_base_url(s.host) : std::string(), c);
  if (s.warehouse_id == nullptr || s.warehouse_id[0] == '\0')
    throw Error(sqlstate::kInvalidOptionName, "server \"" + c.server_name + "\" has no warehouse_id option", {},
                "The SQL warehouse's id is in its Connection details: ALTER SERVER " + c.server_name +
                    " OPTIONS (ADD warehouse_id '...');");
  c.warehouse_id = s.warehouse_id;
  if (s.catalog != nullptr) c.catalog = s.catalog;
  if (s.schema != nullptr) c.schema = s.schema;
  c.statement_timeout_s = s.http.statement_timeout_s;
  c.max_parallel_downloads = s.max_parallel_downloads;
  if (s.token != nullptr) {
    c.auth = DatabricksConfig::Auth::Token;
    c.token = s.token;
  } else if (s.client_id != nullptr && s.client_secret != nullptr) {
    c.auth = DatabricksConfig::Auth::OAuthM2M;
    c.client_id = s.client_id;
    c.client_secret = s.client_secret;
  } else {
    throw Error(sqlstate::kInvalidAuthorization,
                "user mapping for server \"" + c.server_name + "\" has no Databricks credentials", {},
                "Set token (a personal access token), or client_id and client_secret (a service principal's OAuth "
                "secret), in the user mapping.");
  }
  return c;
}

// The main thread's client for a user mapping (connections reused).
DatabricksClient &main_client(const DbxServer &s) {
  std::string key =
      http_config_key(s.http, {s.host, s.warehouse_id, s.catalog, s.schema, s.token, s.client_id, s.client_secret});
  return cached_client<DatabricksClient>(s.http.umid, key,
                                         [&] { return std::make_unique<DatabricksClient>(make_config(s)); });
}

// Runs a small metadata statement and returns its rows (text cells); every
// chunk is read.
std::unique_ptr<CellPage> run_small(const DbxServer &srv, const std::string &sql, const std::vector<DbxParam> &params) {
  DatabricksClient &client = main_client(srv);
  DbxResult r = client.run(sql, params, main_thread_should_abort);
  auto page = std::make_unique<CellPage>();
  page->ncols = r.columns.size();
  const char *shape = "a result: data_array [[cell, ...], ...] with one value per column of the manifest's schema";
  // An empty result (or chunk) has no data_array at all.
  auto decode = [&](const DbxResult &c) {
    if (c.data_end > c.data_begin)
      naming_server("Databricks", srv.http.server_name, shape, [&] {
        decode_dbx_rows(c.body.data() + c.data_begin, c.body.data() + c.data_end, r.columns, *page);
      });
  };
  decode(r);
  for (int64_t n = 1; n < r.total_chunk_count; n++) decode(client.chunk(r.statement_id, n, main_thread_should_abort));
  return page;
}

DbxParam string_param(const char *name, const char *value) {
  DbxParam p;
  p.name = name;
  p.type = "STRING";
  p.value = value;
  return p;
}

}  // namespace

void load_dbx_server(ForeignServer *server, UserMapping *user, DbxServer *out) {
  memset(out, 0, sizeof(*out));
  load_http_server(server, user, &out->http);
  List *so = server->options;
  List *uo = user->options;
  out->host = find_option_value(so, "host");
  out->warehouse_id = find_option_value(so, "warehouse_id");
  out->catalog = find_option_value(so, "catalog");
  out->schema = find_option_value(so, "schema");
  out->token = find_option_value(uo, "token");
  out->client_id = find_option_value(uo, "client_id");
  out->client_secret = find_option_value(uo, "client_secret");
  out->max_parallel_downloads = static_cast<int>(option_int_or(so, "max_parallel_downloads", 4));
}

namespace {

// EXPLAIN COST of `sql` (planned, not run): the optimized plan's
// sizeInBytes and rowCount. Cached per query text for a minute.
void dbx_explain_cost(const DbxServer &srv, const char *sql, double *bytes, double *rows) {
  *bytes = *rows = -1;
  guard([&] {
    std::string k = std::string("dbx\n") + std::to_string(srv.http.umid) + "\n" + sql;
    if (estimate_cache_get(k + "\nb", bytes) && estimate_cache_get(k + "\nr", rows)) return;
    std::unique_ptr<CellPage> page = run_small(srv, std::string("EXPLAIN COST ") + sql, {});
    DbxExplainCost cost = naming_server("Databricks", srv.http.server_name,
                                        "one row holding EXPLAIN COST's plan, with Statistics(sizeInBytes=...)", [&] {
                                          if (page->nrows < 1 || page->ncols < 1 || page->cell(0, 0) == nullptr)
                                            throw MalformedResponse("EXPLAIN COST returned no plan");
                                          return parse_dbx_explain_cost(page->cell(0, 0));
                                        });
    *bytes = cost.bytes;
    *rows = cost.rows;
    estimate_cache_put(k + "\nb", *bytes);
    estimate_cache_put(k + "\nr", *rows);
  });
}

// Dollars for `bytes` scanned, when the server has price_per_dbu and
// dbus_per_tib; else -1.
double dbx_cost_usd(List *server_options, double bytes) {
  double per_dbu = option_real_or(server_options, "price_per_dbu", -1);
  double dbus_per_tib = option_real_or(server_options, "dbus_per_tib", -1);
  if (bytes < 0 || per_dbu < 0 || dbus_per_tib < 0) return -1;
  return bytes / kBytesPerTib * dbus_per_tib * per_dbu;
}

void dbx_check_budget(const DbxServer &srv, double bytes, const char *relation_name) {
  List *so = srv.http.server_options;
  check_cost_limits(srv.http, "Databricks", relation_name, bytes, dbx_cost_usd(so, bytes), "estimated",
                    psprintf("EXPLAIN COST estimates %s; at %.4g DBUs per TiB and $%.2f per DBU.", format_bytes(bytes),
                             option_real_or(so, "dbus_per_tib", -1), option_real_or(so, "price_per_dbu", -1)),
                    "Filter on fewer columns or partitions");
}

// An identifier in backticks, a backtick doubled.
void append_backticked(StringInfo buf, const char *name) {
  appendStringInfoChar(buf, '`');
  for (const char *p = name; *p; p++) {
    if (*p == '`') appendStringInfoChar(buf, '`');
    appendStringInfoChar(buf, *p);
  }
  appendStringInfoChar(buf, '`');
}

// ---------------------------------------------------------------------------
// Scan

struct DbxScanState {
  DbxServer srv;
};

// A parameter as Databricks' typed named parameters take it (text).
char *dbx_param_text(Oid type, FmgrInfo *out, Datum value) {
  if (type == BOOLOID) return pstrdup(DatumGetBool(value) ? "true" : "false");
  char *text = OutputFunctionCall(out, value);
  if (type == FLOAT4OID || type == FLOAT8OID) {
    if (strcmp(text, "Infinity") == 0) return pstrdup("Infinity");
    if (strcmp(text, "-Infinity") == 0) return pstrdup("-Infinity");
  }
  return text;
}

// The DECIMAL(p,s) that holds a numeric parameter's text exactly
// ("-12.50" -> DECIMAL(4,2)); "" when none does (NaN, Infinity, more than 38
// digits). Spark compares a DECIMAL with a STRING as DOUBLEs (a STRING is
// promoted to DOUBLE, not to DECIMAL): a numeric parameter sent as STRING
// would lose digits.
std::string decimal_param_type(const char *text) {
  const char *p = text;
  if (*p == '-' || *p == '+') p++;
  while (*p == '0' && p[1] >= '0' && p[1] <= '9') p++;  // leading zeros
  int whole = 0, scale = 0;
  bool zero_whole = *p == '0';
  for (; *p >= '0' && *p <= '9'; p++) whole++;
  if (zero_whole) whole = 0;
  if (*p == '.')
    for (p++; *p >= '0' && *p <= '9'; p++) scale++;
  if (*p != '\0' || whole + scale > 38) return std::string();
  int precision = whole + scale > 0 ? whole + scale : 1;
  return "DECIMAL(" + std::to_string(precision) + "," + std::to_string(scale) + ")";
}

PageStream *dbx_start(void *provider, const char *sql, int n, const char *const *values, const Oid *types) {
  DbxScanState *st = static_cast<DbxScanState *>(provider);
  const char **type_names = static_cast<const char **>(palloc0(sizeof(char *) * Max(n, 1)));
  for (int i = 0; i < n; i++) type_names[i] = databricks_dialect().type_name(format_type_be(types[i]));
  return guard([&]() -> PageStream * {
    std::vector<DbxParam> params;
    for (int i = 0; i < n; i++) {
      DbxParam p;
      p.name = "p" + std::to_string(i + 1);
      p.type = type_names[i] != nullptr ? type_names[i] : "STRING";
      p.is_null = values[i] == nullptr;
      if (!p.is_null) p.value = values[i];
      if (types[i] == NUMERICOID) {
        // NaN, Infinity and wider values compare as DOUBLE, as a STRING would.
        std::string decimal = p.is_null ? std::string("DECIMAL(38,18)") : decimal_param_type(values[i]);
        p.type = decimal.empty() ? std::string("DOUBLE") : decimal;
      }
      params.push_back(std::move(p));
    }
    return new DbxStream(make_config(st->srv), sql, std::move(params));
  });
}

const StreamScanOps kDbxScanOps = {"Databricks", "Statement ID",         "Chunks", "Statement Time", dbx_param_text,
                                   dbx_start,    partition_stream_stats, nullptr};

void *dbx_begin_scan(ForeignScanState *node, int eflags) {
  if (eflags & EXEC_FLAG_EXPLAIN_ONLY) return nullptr;
  ForeignScan *plan = castNode(ForeignScan, node->ss.ps.plan);
  ScanPrivate priv = read_scan_private(plan->fdw_private);
  DbxScanState *st = static_cast<DbxScanState *>(palloc0(sizeof(DbxScanState)));
  UserMapping *user = scan_user_mapping(node);
  load_dbx_server(GetForeignServer(user->serverid), user, &st->srv);
  GovStatement gov;
  gov_init(&gov, priv, user, true);
  // Guardrails (and budgets, approvals) run before the warehouse is started.
  bool limits = st->srv.http.max_cost_usd >= 0 || st->srv.http.warn_cost_usd >= 0;
  double bytes = priv.est.bytes;
  if ((limits || gov_wants_estimate(&gov)) && dbx_cost_usd(st->srv.http.server_options, 0) >= 0) {
    double rows;
    if (bytes < 0) dbx_explain_cost(st->srv, priv.sql, &bytes, &rows);
    if (limits) dbx_check_budget(st->srv, bytes, priv.relation_name);
  }
  return begin_stream_scan(node, &kDbxScanOps, st, &gov, bytes);
}

void dbx_explain_scan(ForeignScanState *node, void *state, ExplainState *es) {
  ForeignScan *plan = castNode(ForeignScan, node->ss.ps.plan);
  ScanPrivate priv = read_scan_private(plan->fdw_private);
  explain_remote_query(node, priv, es);
  if (priv.est.bytes >= 0) {
    ExplainPropertyText("Estimated Bytes", format_bytes(priv.est.bytes), es);
    double usd = dbx_cost_usd(GetForeignServerByName(priv.server_name, false)->options, priv.est.bytes);
    if (usd >= 0) ExplainPropertyText("Estimated Cost", format_usd(usd), es);
  }
  explain_stream_scan(static_cast<StreamScan *>(state), es);
}

// ---------------------------------------------------------------------------
// IMPORT FOREIGN SCHEMA, test_connection, warehouse_fdw_estimate

// `catalog`.information_schema: the server's catalog, else the workspace's default.
char *information_schema(const DbxServer &srv) {
  if (srv.catalog == nullptr) return pstrdup("information_schema");
  StringInfoData buf;
  initStringInfo(&buf);
  append_backticked(&buf, srv.catalog);
  appendStringInfoString(&buf, ".information_schema");
  return buf.data;
}

constexpr int kColumnCells = 8;

List *dbx_import_foreign_schema(ImportForeignSchemaStmt *stmt, ForeignServer *server, UserMapping *user) {
  if (stmt->options != NIL)
    ereport(ERROR, (errcode(ERRCODE_FDW_INVALID_OPTION_NAME),
                    errmsg("IMPORT FOREIGN SCHEMA from Databricks takes no options")));
  DbxServer srv;
  load_dbx_server(server, user, &srv);
  const char *is = information_schema(srv);
  char *tables_sql =
      psprintf("SELECT table_name, comment FROM %s.tables WHERE table_schema = :schema ORDER BY table_name", is);
  char *columns_sql = psprintf(
      "SELECT table_name, column_name, data_type, full_data_type, numeric_precision, numeric_scale, is_nullable, "
      "comment FROM %s.columns WHERE table_schema = :schema ORDER BY table_name, ordinal_position",
      is);
  int ntables = 0, ncols = 0;
  char **tcells = nullptr, **cells = nullptr;
  guard([&] {
    std::unique_ptr<CellPage> tables = run_small(srv, tables_sql, {string_param("schema", stmt->remote_schema)});
    std::unique_ptr<CellPage> columns = run_small(srv, columns_sql, {string_param("schema", stmt->remote_schema)});
    const CellPage *tp = tables.get(), *cp = columns.get();
    pg_call([&] {
      ntables = static_cast<int>(tp->nrows);
      ncols = static_cast<int>(cp->nrows);
      tcells = palloc_cells(*tp);  // table name, comment
      cells = palloc_cells(*cp);
    });
  });
  if (ntables == 0)
    ereport(ERROR, (errcode(ERRCODE_FDW_SCHEMA_NOT_FOUND),
                    errmsg("schema \"%s\" on Databricks server \"%s\" has no tables, or does not exist",
                           stmt->remote_schema, server->servername),
                    errhint("Databricks stores schema names in lower case; the server's catalog option selects the "
                            "catalog.")));
  List *commands = NIL;
  for (int i = 0; i < ntables; i++) {
    const char *tname = tcells[2 * i], *tcomment = tcells[2 * i + 1];
    if (!import_table_selected(stmt, tname)) continue;
    ForeignTableBuilder table;
    begin_foreign_table(&table, server, stmt->remote_schema, tname, tcomment);
    for (int c = 0; c < ncols; c++) {
      char **row = cells + kColumnCells * c;
      if (strcmp(row[0], tname) != 0) continue;
      char type[96] = "text";
      guard([&] {
        auto num = [](const char *v) { return v[0] ? atoi(v) : -1; };
        DbxColumn col = dbx_column_from_information_schema(row[1], row[2], row[3], num(row[4]), num(row[5]));
        snprintf(type, sizeof(type), "%s", pg_type_for_dbx_column(col).c_str());
      });
      add_foreign_column(&table, row[1], type, nullptr, strcmp(row[6], "NO") == 0 ? " NOT NULL" : nullptr, row[7]);
    }
    commands = lappend(commands, end_foreign_table(&table));
  }
  return commands;
}

bool dbx_test_connection(ForeignServer *server, UserMapping *user) {
  DbxServer srv;
  load_dbx_server(server, user, &srv);
  guard([&] { run_small(srv, "SELECT 1", {}); });
  // Which sign-in worked (a failure names the step that failed instead).
  const char *method = srv.token != nullptr ? "a personal access token"
                                            : psprintf("OAuth machine-to-machine (service principal %s)",
                                                       srv.client_id != nullptr ? srv.client_id : "?");
  ereport(NOTICE, (errmsg("Databricks server \"%s\": signed in with %s", server->servername, method)));
  return true;
}

void dbx_estimate_base_rel(RelInfo *info, const char *sql, double *tuples, RemoteEstimate *est) {
  DbxServer srv;
  load_dbx_server(info->server, info->user, &srv);
  double rows;
  dbx_explain_cost(srv, sql, &est->bytes, &rows);
  est->rows = rows;  // the query's rows, its filters applied
  // EXPLAIN COST's rowCount is of the query (after its filters); the
  // planner wants the table's: with filters, ask for the whole table's
  // (cached like any estimate).
  if (info->remote_conds != NIL) {
    const TableOptions &t = info->table_opts;
    StringInfoData whole;
    initStringInfo(&whole);
    appendStringInfoString(&whole, "SELECT 1 FROM ");
    if (t.catalog_name != nullptr) {
      append_backticked(&whole, t.catalog_name);
      appendStringInfoChar(&whole, '.');
    }
    append_backticked(&whole, t.schema_name);
    appendStringInfoChar(&whole, '.');
    append_backticked(&whole, t.table_name);
    double bytes;
    dbx_explain_cost(srv, whole.data, &bytes, &rows);
  }
  *tuples = rows;
}

void dbx_estimate_sql(ForeignServer *server, UserMapping *user, const char *sql, SqlEstimate *out) {
  DbxServer srv;
  load_dbx_server(server, user, &srv);
  double rows;
  dbx_explain_cost(srv, sql, &out->bytes, &rows);
  out->usd = dbx_cost_usd(server->options, out->bytes);
  out->max_cost_usd = srv.http.max_cost_usd;
  out->warn_cost_usd = srv.http.warn_cost_usd;
  out->note =
      "bytes estimated by Databricks' EXPLAIN COST; set the server's price_per_dbu and dbus_per_tib for a dollar "
      "estimate";
}

}  // namespace

const ProviderInfo &databricks_provider_info();

extern const ProviderOps kDatabricksProvider = {
    databricks_provider_info,
    dbx_estimate_base_rel,
    nullptr,  // explain_query: the estimate is EXPLAIN COST of the base rel's query
    dbx_cost_usd,
    dbx_begin_scan,
    stream_iterate_op,
    stream_rescan_op,
    stream_end_op,
    dbx_explain_scan,
    nullptr,  // analyze: a sample would run the warehouse; EXPLAIN COST gives rows
    dbx_import_foreign_schema,
    dbx_test_connection,
    dbx_estimate_sql,
};

}  // namespace wfdw
