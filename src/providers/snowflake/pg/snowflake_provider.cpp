// Snowflake provider, PG zone. See snowflake_provider.hpp.
// The pure headers come first: nlohmann/json must not see PostgreSQL's
// snprintf macros.
#include "core/option_values.hpp"
#include "core/query_fingerprint.hpp"
#include "providers/snowflake/snowflake_info.hpp"
#include "core/response_errors.hpp"
#include "providers/snowflake/snowflake_client.hpp"
#include "providers/snowflake/snowflake_stream.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <map>
#include <memory>

#include "pg/deparse.hpp"
#include "pg/guard.hpp"
#include "pg/import_builder.hpp"
#include "pg/import_comments.hpp"
#include "pg/relinfo.hpp"
#include "pg/remote_cost.hpp"
#include "providers/snowflake/pg/snowflake_provider.hpp"
#include "pg/stream_scan.hpp"
#include "utils/date.h"
#include "utils/timestamp.h"

namespace wfdw {
namespace {

constexpr double kBytesPerTib = 1099511627776.0;

// Built without PostgreSQL calls, so it may run inside the guard.
SnowflakeConfig make_config(const SfServer &s) {
  SnowflakeConfig c;
  c.server_name = s.http.server_name;
  if (s.account == nullptr || s.account[0] == '\0')
    throw Error(sqlstate::kInvalidOptionName, "server \"" + c.server_name + "\" has no account option", {},
                "ALTER SERVER " + c.server_name + " OPTIONS (ADD account 'myorg-myaccount');");
  c.account = s.account;
  check_account_name(c.account);  // it becomes the host name
  apply_http_settings(s.http, "https://" + c.account + ".snowflakecomputing.com", c);
  if (s.warehouse != nullptr) c.warehouse = s.warehouse;
  if (s.database != nullptr) c.database = s.database;
  if (s.schema != nullptr) c.schema = s.schema;
  if (s.role != nullptr) c.role = s.role;
  c.statement_timeout_s = s.http.statement_timeout_s;
  c.max_parallel_downloads = s.max_parallel_downloads;
  // QUERY_HISTORY's QUERY_TAG: who ran it from where.
  c.query_tag =
      nlohmann::json{
          {"client", "warehouse_fdw"}, {"pg_application", s.http.application_name}, {"pg_role", s.http.role_name}}
          .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (s.private_key != nullptr) {
    if (s.user == nullptr || s.user[0] == '\0')
      throw Error(
          sqlstate::kInvalidAuthorization,
          "user mapping for server \"" + c.server_name + "\" has a private_key but no user", {},
          "ALTER USER MAPPING FOR CURRENT_USER SERVER " + c.server_name + " OPTIONS (ADD user 'SNOWFLAKE_USER');");
    c.auth = SnowflakeConfig::Auth::KeyPair;
    c.key.account = c.account;
    c.key.user = s.user;
    c.key.private_key_pem = s.private_key;
    if (s.passphrase != nullptr) c.key.passphrase = s.passphrase;
  } else if (s.oauth_token != nullptr) {
    c.auth = SnowflakeConfig::Auth::OAuth;
    c.oauth_token = s.oauth_token;
  } else if (s.pat != nullptr) {
    c.auth = SnowflakeConfig::Auth::ProgrammaticToken;
    c.pat = s.pat;
  } else if (s.oauth_refresh_token != nullptr) {
    if (s.oauth_client_id == nullptr || s.oauth_client_secret == nullptr)
      throw Error(sqlstate::kInvalidAuthorization,
                  "user mapping for server \"" + c.server_name + "\" has an oauth_refresh_token but no client", {},
                  "Set oauth_client_id and oauth_client_secret (the OAuth security integration's) too.");
    c.auth = SnowflakeConfig::Auth::OAuthRefresh;
    c.oauth_client_id = s.oauth_client_id;
    c.oauth_client_secret = s.oauth_client_secret;
    c.oauth_refresh_token = s.oauth_refresh_token;
  } else {
    throw Error(sqlstate::kInvalidAuthorization,
                "user mapping for server \"" + c.server_name + "\" has no Snowflake credentials", {},
                "Set user and private_key (a PKCS#8 PEM whose public key is registered with ALTER USER ... SET "
                "RSA_PUBLIC_KEY; private_key_passphrase if it is encrypted), programmatic_access_token, "
                "oauth_client_id + oauth_client_secret + oauth_refresh_token, or oauth_token, in the user mapping.");
  }
  return c;
}

// The statement's query id joins the query_tag (a JSON object), so
// Snowflake's QUERY_HISTORY can be joined back to warehouse_fdw_stats.
void tag_query(SnowflakeConfig &c, int64 query_id) {
  nlohmann::json tag = nlohmann::json::parse(c.query_tag, nullptr, false);
  if (tag.is_discarded() || !tag.is_object()) return;
  tag["query_id"] = query_id_hex(query_id);
  c.query_tag = tag.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The main thread's client for a user mapping (connections reused).
SnowflakeClient &main_client(const SfServer &s) {
  std::string key = http_config_key(
      s.http, {s.account, s.warehouse, s.database, s.schema, s.role, s.user, s.private_key, s.passphrase, s.oauth_token,
               s.pat, s.oauth_client_id, s.oauth_client_secret, s.oauth_refresh_token});
  return cached_client<SnowflakeClient>(s.http.umid, key,
                                        [&] { return std::make_unique<SnowflakeClient>(make_config(s)); });
}

// Runs a small metadata statement and returns its rows (text cells).
std::unique_ptr<CellPage> run_small(const SfServer &srv, const std::string &sql,
                                    const std::vector<SfBinding> &bindings) {
  SnowflakeClient &client = main_client(srv);
  SfResult r = client.run(sql, bindings, main_thread_should_abort);
  auto page = std::make_unique<CellPage>();
  page->ncols = r.columns.size();
  const char *shape = "a result: data [[cell, ...], ...] with one value per column of resultSetMetaData.rowType";
  naming_server("Snowflake", srv.http.server_name, shape,
                [&] { decode_sf_rows(r.body.data() + r.data_begin, r.body.data() + r.data_end, r.columns, *page); });
  // Metadata answers are small: more than one partition would be a surprise
  // worth reading rather than silently dropping.
  for (size_t n = 1; n < r.partition_rows.size(); n++) {
    SfResult p = client.partition(r.handle, n, main_thread_should_abort);
    naming_server("Snowflake", srv.http.server_name, shape,
                  [&] { decode_sf_rows(p.body.data() + p.data_begin, p.body.data() + p.data_end, r.columns, *page); });
  }
  if (r.num_rows >= 0 && static_cast<int64_t>(page->nrows) != r.num_rows)
    throw Error(sqlstate::kFdwError,
                "Snowflake server \"" + std::string(srv.http.server_name) + "\" sent " + std::to_string(page->nrows) +
                    " rows of a result of " + std::to_string(r.num_rows),
                "Expected resultSetMetaData.numRows rows over its partitions.",
                "The result is incomplete and is not returned; run the query again.");
  return page;
}

SfBinding text_binding(const char *value) {
  SfBinding b;
  b.type = "TEXT";
  b.value = value;
  return b;
}

}  // namespace

void load_sf_server(ForeignServer *server, UserMapping *user, SfServer *out) {
  memset(out, 0, sizeof(*out));
  load_http_server(server, user, &out->http);
  List *so = server->options;
  List *uo = user->options;
  out->account = find_option_value(so, "account");
  out->warehouse = find_option_value(so, "warehouse");
  out->database = find_option_value(so, "database");
  out->schema = find_option_value(so, "schema");
  out->role = find_option_value(so, "role");
  out->user = find_option_value(uo, "user");
  out->private_key = find_option_value(uo, "private_key");
  out->passphrase = find_option_value(uo, "private_key_passphrase");
  out->oauth_token = find_option_value(uo, "oauth_token");
  out->pat = find_option_value(uo, "programmatic_access_token");
  out->oauth_client_id = find_option_value(uo, "oauth_client_id");
  out->oauth_client_secret = find_option_value(uo, "oauth_client_secret");
  out->oauth_refresh_token = find_option_value(uo, "oauth_refresh_token");
  out->max_parallel_downloads = static_cast<int>(option_int_or(so, "max_parallel_downloads", 4));
}

namespace {

// EXPLAIN USING JSON of `sql` (compiles only, no warehouse): bytes and
// micro-partitions assigned. Cached per query text for a minute.
RemoteEstimate sf_explain_estimate(const SfServer &srv, const char *sql) {
  RemoteEstimate est = {-1, -1, -1, -1};
  guard([&] {
    std::string k = std::string("sf\n") + std::to_string(srv.http.umid) + "\n" + sql;
    double b, a, t;
    if (estimate_cache_get(k + "\nb", &b) && estimate_cache_get(k + "\na", &a) && estimate_cache_get(k + "\nt", &t)) {
      est = {b, a, t, -1};
      return;
    }
    std::unique_ptr<CellPage> page = run_small(srv, std::string("EXPLAIN USING JSON ") + sql, {});
    SfExplainStats st = naming_server("Snowflake", srv.http.server_name,
                                      "one row holding EXPLAIN USING JSON's plan, with GlobalStats", [&] {
                                        if (page->nrows < 1 || page->ncols < 1 || page->cell(0, 0) == nullptr)
                                          throw MalformedResponse("EXPLAIN USING JSON returned no plan");
                                        return parse_sf_explain(page->cell(0, 0));
                                      });
    est = {st.bytes_assigned, st.partitions_assigned, st.partitions_total, -1};
    estimate_cache_put(k + "\nb", est.bytes);
    estimate_cache_put(k + "\na", est.parts_assigned);
    estimate_cache_put(k + "\nt", est.parts_total);
  });
  return est;
}

double sf_table_rows(const SfServer &srv, const char *schema, const char *table) {
  double rows = -1;
  guard([&] {
    std::string k = std::string("sfrows\n") + std::to_string(srv.http.umid) + "\n" + schema + "\n" + table;
    if (estimate_cache_get(k, &rows)) return;
    std::unique_ptr<CellPage> page =
        run_small(srv, "SELECT ROW_COUNT FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = :1 AND TABLE_NAME = :2",
                  {text_binding(schema), text_binding(table)});
    if (page->nrows > 0 && page->cell(0, 0) != nullptr) rows = strtod(page->cell(0, 0), nullptr);
    estimate_cache_put(k, rows);
  });
  return rows;
}

// Dollars for `bytes` assigned, when the server has price_per_credit and
// credits_per_tib; else -1.
double sf_cost_usd(List *server_options, double bytes) {
  double per_credit = option_real_or(server_options, "price_per_credit", -1);
  double credits_per_tib = option_real_or(server_options, "credits_per_tib", -1);
  if (bytes < 0 || per_credit < 0 || credits_per_tib < 0) return -1;
  return bytes / kBytesPerTib * credits_per_tib * per_credit;
}

// ERROR above max_cost_usd, NOTICE above warn_cost_usd (when a cost is known).
void sf_check_budget(const SfServer &srv, double bytes, const char *relation_name) {
  List *so = srv.http.server_options;
  check_cost_limits(srv.http, "Snowflake", relation_name, bytes, sf_cost_usd(so, bytes), "assigned",
                    psprintf("EXPLAIN assigns %s; at %.4g credits per TiB and $%.2f per credit.", format_bytes(bytes),
                             option_real_or(so, "credits_per_tib", -1), option_real_or(so, "price_per_credit", -1)),
                    "Filter on fewer columns or a clustering key");
}

// ---------------------------------------------------------------------------
// Scan

struct SfScanState {
  SfServer srv;
  int64 query_id;  // warehouse_fdw_stats' id of the statement, in its query_tag
};

// A parameter as a Snowflake binding value: DATE in epoch milliseconds, TIME
// and TIMESTAMP in (epoch) nanoseconds, BINARY in hex, the rest as text.
const char *binding_type(Oid type) {
  switch (type) {
    case INT2OID:
    case INT4OID:
    case INT8OID:
    case NUMERICOID:
      return "FIXED";
    case FLOAT4OID:
    case FLOAT8OID:
      return "REAL";
    case BOOLOID:
      return "BOOLEAN";
    case BYTEAOID:
      return "BINARY";
    case DATEOID:
      return "DATE";
    case TIMEOID:
      return "TIME";
    case TIMESTAMPOID:
      return "TIMESTAMP_NTZ";
    case TIMESTAMPTZOID:
      return "TIMESTAMP_LTZ";
    default:
      return "TEXT";
  }
}

constexpr int64 kEpochShiftDays = POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE;  // 2000-01-01 - 1970-01-01

char *sf_param_text(Oid type, FmgrInfo *out, Datum value) {
  switch (type) {
    case BOOLOID:
      return pstrdup(DatumGetBool(value) ? "true" : "false");
    case BYTEAOID: {
      bytea *b = DatumGetByteaPP(value);
      int len = VARSIZE_ANY_EXHDR(b);
      const unsigned char *p = reinterpret_cast<const unsigned char *>(VARDATA_ANY(b));
      char *hex = static_cast<char *>(palloc(2 * len + 1));
      for (int i = 0; i < len; i++) snprintf(hex + 2 * i, 3, "%02X", p[i]);
      hex[2 * len] = '\0';
      return hex;
    }
    case DATEOID: {
      DateADT d = DatumGetDateADT(value);
      if (DATE_NOT_FINITE(d))
        ereport(ERROR, (errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
                        errmsg("an infinite date cannot be sent to Snowflake as a parameter")));
      return psprintf(INT64_FORMAT, (static_cast<int64>(d) + kEpochShiftDays) * 86400000);
    }
    case TIMEOID:
      return psprintf(INT64_FORMAT, static_cast<int64>(DatumGetTimeADT(value)) * 1000);
    case TIMESTAMPOID:
    case TIMESTAMPTZOID: {
      Timestamp ts = DatumGetTimestamp(value);
      if (TIMESTAMP_NOT_FINITE(ts))
        ereport(ERROR, (errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
                        errmsg("an infinite timestamp cannot be sent to Snowflake as a parameter")));
      return psprintf(INT64_FORMAT, (ts + kEpochShiftDays * USECS_PER_DAY) * 1000);
    }
    case FLOAT4OID:
    case FLOAT8OID: {
      char *text = OutputFunctionCall(out, value);
      if (strcmp(text, "Infinity") == 0) return pstrdup("inf");
      if (strcmp(text, "-Infinity") == 0) return pstrdup("-inf");
      return text;
    }
    default:
      return OutputFunctionCall(out, value);
  }
}

PageStream *sf_start(void *provider, const char *sql, int n, const char *const *values, const Oid *types) {
  SfScanState *st = static_cast<SfScanState *>(provider);
  return guard([&]() -> PageStream * {
    std::vector<SfBinding> bindings;
    for (int i = 0; i < n; i++) {
      SfBinding b;
      b.type = binding_type(types[i]);
      b.is_null = values[i] == nullptr;
      if (!b.is_null) b.value = values[i];
      bindings.push_back(std::move(b));
    }
    SnowflakeConfig config = make_config(st->srv);
    tag_query(config, st->query_id);
    return new SfStream(std::move(config), sql, std::move(bindings));
  });
}

const StreamScanOps kSfScanOps = {"Snowflake",   "Statement Handle", "Result Partitions",    "Statement Time",
                                  sf_param_text, sf_start,           partition_stream_stats, nullptr};

void *sf_begin_scan(ForeignScanState *node, int eflags) {
  if (eflags & EXEC_FLAG_EXPLAIN_ONLY) return nullptr;
  ForeignScan *plan = castNode(ForeignScan, node->ss.ps.plan);
  ScanPrivate priv = read_scan_private(plan->fdw_private);
  SfScanState *st = static_cast<SfScanState *>(palloc0(sizeof(SfScanState)));
  UserMapping *user = scan_user_mapping(node);
  load_sf_server(GetForeignServer(user->serverid), user, &st->srv);
  GovStatement gov;
  gov_init(&gov, priv, user, true);
  st->query_id = gov.queryid;
  // Guardrails (and budgets, approvals) run before the warehouse is resumed.
  bool limits = st->srv.http.max_cost_usd >= 0 || st->srv.http.warn_cost_usd >= 0;
  double bytes = priv.est.bytes;
  if ((limits || gov_wants_estimate(&gov)) && sf_cost_usd(st->srv.http.server_options, 0) >= 0) {
    if (bytes < 0) bytes = sf_explain_estimate(st->srv, priv.sql).bytes;
    if (limits) sf_check_budget(st->srv, bytes, priv.relation_name);
  }
  return begin_stream_scan(node, &kSfScanOps, st, &gov, bytes);
}

void sf_explain_scan(ForeignScanState *node, void *state, ExplainState *es) {
  ForeignScan *plan = castNode(ForeignScan, node->ss.ps.plan);
  ScanPrivate priv = read_scan_private(plan->fdw_private);
  explain_remote_query(node, priv, es);
  if (priv.est.parts_total >= 0)
    ExplainPropertyText("Partitions Assigned",
                        psprintf("%.0f of %.0f", Max(priv.est.parts_assigned, 0.0), priv.est.parts_total), es);
  if (priv.est.bytes >= 0) {
    ExplainPropertyText("Bytes Assigned", format_bytes(priv.est.bytes), es);
    List *so = GetForeignServerByName(priv.server_name, false)->options;
    double usd = sf_cost_usd(so, priv.est.bytes);
    if (usd >= 0) {
      double credits = priv.est.bytes / kBytesPerTib * option_real_or(so, "credits_per_tib", -1);
      ExplainPropertyText("Estimated Credits", psprintf("%.6f", credits), es);
      ExplainPropertyText("Estimated Cost", format_usd(usd), es);
    }
  }
  explain_stream_scan(static_cast<StreamScan *>(state), es);
}

// ---------------------------------------------------------------------------
// IMPORT FOREIGN SCHEMA, test_connection, warehouse_fdw_estimate

List *sf_import_foreign_schema(ImportForeignSchemaStmt *stmt, ForeignServer *server, UserMapping *user) {
  if (stmt->options != NIL)
    ereport(ERROR, (errcode(ERRCODE_FDW_INVALID_OPTION_NAME),
                    errmsg("IMPORT FOREIGN SCHEMA from Snowflake takes no options")));
  SfServer srv;
  load_sf_server(server, user, &srv);
  // Tables (with comments), then every column of the schema in one
  // statement. The cells are copied into palloc'd memory through pg_call, so
  // an allocation error unwinds the C++ pages.
  int ntables = 0, ncols = 0;
  char **tcells = nullptr, **cells = nullptr;
  guard([&] {
    std::unique_ptr<CellPage> tables =
        run_small(srv,
                  "SELECT TABLE_NAME, COMMENT FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = :1 "
                  "ORDER BY TABLE_NAME",
                  {text_binding(stmt->remote_schema)});
    std::unique_ptr<CellPage> columns = run_small(
        srv,
        "SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, NUMERIC_PRECISION, NUMERIC_SCALE, CHARACTER_MAXIMUM_LENGTH, "
        "IS_NULLABLE, COMMENT FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = :1 "
        "ORDER BY TABLE_NAME, ORDINAL_POSITION",
        {text_binding(stmt->remote_schema)});
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
                    errmsg("schema \"%s\" on Snowflake server \"%s\" has no tables, or does not exist",
                           stmt->remote_schema, server->servername),
                    errhint("Snowflake folds unquoted names to upper case: IMPORT FOREIGN SCHEMA \"PUBLIC\" ...")));

  List *commands = NIL;
  for (int i = 0; i < ntables; i++) {
    const char *tname = tcells[2 * i], *tcomment = tcells[2 * i + 1];
    if (!import_table_selected(stmt, tname)) continue;
    ForeignTableBuilder table;
    begin_foreign_table(&table, server, stmt->remote_schema, tname, tcomment);
    for (int c = 0; c < ncols; c++) {
      char **row = cells + 8 * c;
      if (strcmp(row[0], tname) != 0) continue;
      char type[64] = "text";
      guard([&] {
        auto num = [](const char *v) { return v[0] ? atoi(v) : -1; };
        SfColumn col = sf_column_from_information_schema(row[1], row[2], num(row[3]), num(row[4]),
                                                         row[5][0] ? atoll(row[5]) : -1, strcmp(row[6], "NO") != 0);
        snprintf(type, sizeof(type), "%s", pg_type_for_sf_column(col).c_str());
      });
      add_foreign_column(&table, row[1], type, nullptr, strcmp(row[6], "NO") == 0 ? " NOT NULL" : nullptr, row[7]);
    }
    commands = lappend(commands, end_foreign_table(&table));
  }
  return commands;
}

// How the mapping signs in, in make_config's order of precedence.
const char *sf_auth_method(const SfServer &s) {
  if (s.private_key != nullptr) return psprintf("key-pair JWT as user %s", s.user != nullptr ? s.user : "?");
  if (s.oauth_token != nullptr) return "an OAuth access token of the user mapping";
  if (s.pat != nullptr) return "a programmatic access token";
  if (s.oauth_refresh_token != nullptr)
    return psprintf("OAuth, access tokens from a refresh token (client %s)",
                    s.oauth_client_id != nullptr ? s.oauth_client_id : "?");
  return "no credentials";
}

bool sf_test_connection(ForeignServer *server, UserMapping *user) {
  SfServer srv;
  load_sf_server(server, user, &srv);
  guard([&] { run_small(srv, "SELECT 1", {}); });
  // Which sign-in worked (a failure names the step that failed instead).
  ereport(NOTICE, (errmsg("Snowflake server \"%s\": signed in with %s", server->servername, sf_auth_method(srv))));
  return true;
}

void sf_estimate_base_rel(RelInfo *info, const char *sql, double *tuples, RemoteEstimate *est) {
  SfServer srv;
  load_sf_server(info->server, info->user, &srv);
  *est = sf_explain_estimate(srv, sql);
  *tuples = sf_table_rows(srv, info->table_opts.schema_name, info->table_opts.table_name);
}

void sf_estimate_sql(ForeignServer *server, UserMapping *user, const char *sql, SqlEstimate *out) {
  SfServer srv;
  load_sf_server(server, user, &srv);
  out->bytes = sf_explain_estimate(srv, sql).bytes;
  out->usd = sf_cost_usd(server->options, out->bytes);
  out->max_cost_usd = srv.http.max_cost_usd;
  out->warn_cost_usd = srv.http.warn_cost_usd;
  out->note =
      "bytes assigned by Snowflake's EXPLAIN (an upper bound); set the server's price_per_credit and "
      "credits_per_tib for a dollar estimate";
}

}  // namespace

const ProviderInfo &snowflake_provider_info();

extern const ProviderOps kSnowflakeProvider = {
    snowflake_provider_info,
    sf_estimate_base_rel,
    nullptr,  // explain_query: the estimate is EXPLAIN USING JSON of the base rel's query
    sf_cost_usd,
    sf_begin_scan,
    stream_iterate_op,
    stream_rescan_op,
    stream_end_op,
    sf_explain_scan,
    nullptr,  // analyze: ROW_COUNT from INFORMATION_SCHEMA; a sample would resume a warehouse
    sf_import_foreign_schema,
    sf_test_connection,
    sf_estimate_sql,
};

}  // namespace wfdw
