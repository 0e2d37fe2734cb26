// Snowflake provider, PG zone. See snowflake.hpp.
// The pure headers come first: nlohmann/json must not see PostgreSQL's
// snprintf macros.
#include "core/option_values.hpp"
#include "core/response_errors.hpp"
#include "core/snowflake_client.hpp"
#include "core/snowflake_stream.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <map>
#include <memory>

#include "pg/deparse.hpp"
#include "pg/guard.hpp"
#include "pg/import_comments.hpp"
#include "pg/remote_cost.hpp"
#include "pg/snowflake.hpp"
#include "pg/stream_scan.hpp"
#include "utils/date.h"
#include "utils/timestamp.h"

namespace wfdw {
namespace {

constexpr double kBytesPerTib = 1099511627776.0;

// Built without PostgreSQL calls, so it may run inside the guard.
SnowflakeConfig make_config(const SfServer &s) {
  SnowflakeConfig c;
  c.server_name = s.server_name;
  if (s.account == nullptr || s.account[0] == '\0')
    throw Error(sqlstate::kInvalidOptionName, "server \"" + c.server_name + "\" has no account option", {},
                "ALTER SERVER " + c.server_name + " OPTIONS (ADD account 'myorg-myaccount');");
  c.account = s.account;
  check_account_name(c.account);  // it becomes the host name
  c.endpoint = s.endpoint != nullptr ? s.endpoint : "https://" + c.account + ".snowflakecomputing.com";
  while (!c.endpoint.empty() && c.endpoint.back() == '/') c.endpoint.pop_back();
  c.allow_http = s.endpoint != nullptr;  // only a superuser sets an endpoint
  if (s.warehouse != nullptr) c.warehouse = s.warehouse;
  if (s.database != nullptr) c.database = s.database;
  if (s.schema != nullptr) c.schema = s.schema;
  if (s.role != nullptr) c.role = s.role;
  c.tls.verify = s.tls_verify;
  if (s.ca_file != nullptr) c.tls.ca_file = s.ca_file;
  c.timeout_ms = static_cast<long>(s.timeout_ms);
  c.statement_timeout_s = s.statement_timeout_s;
  c.retry.max_attempts = s.max_retries + 1;
  c.retry.base_delay_ms = static_cast<long>(s.retry_base_ms);
  c.retry.max_delay_ms = std::max(32000L, c.retry.base_delay_ms);
  c.max_parallel_downloads = s.max_parallel_downloads;
  // QUERY_HISTORY's QUERY_TAG: who ran it from where.
  c.query_tag = nlohmann::json{{"client", "warehouse_fdw"},
                               {"pg_application", s.application_name != nullptr ? s.application_name : ""},
                               {"pg_role", s.role_name != nullptr ? s.role_name : ""}}
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
  } else {
    throw Error(sqlstate::kInvalidAuthorization,
                "user mapping for server \"" + c.server_name + "\" has no Snowflake credentials", {},
                "Set user and private_key (a PKCS#8 PEM whose public key is registered with ALTER USER ... SET "
                "RSA_PUBLIC_KEY; private_key_passphrase if it is encrypted), or oauth_token, in the user mapping.");
  }
  return c;
}

// A fingerprint of the configuration: a changed server or mapping (ALTER)
// gets a fresh client.
std::string config_key(const SfServer &s) {
  std::string k;
  for (const char *v : {s.server_name, s.account, s.endpoint, s.warehouse, s.database, s.schema, s.role, s.user,
                        s.private_key, s.passphrase, s.oauth_token, s.ca_file})
    k += (v != nullptr ? v : "\x01") + std::string("\x02");
  k += std::to_string(s.tls_verify) + "/" + std::to_string(s.timeout_ms) + "/" + std::to_string(s.max_retries) + "/" +
       std::to_string(s.retry_base_ms) + "/" + std::to_string(s.statement_timeout_s);
  return k;
}

struct MainClient {
  std::string key;
  std::unique_ptr<SnowflakeClient> client;
};

// The main thread's client for a user mapping (connections reused).
SnowflakeClient &main_client(const SfServer &s) {
  static std::map<Oid, MainClient> clients;
  MainClient &mc = clients[s.umid];
  std::string key = config_key(s);
  if (!mc.client || mc.key != key) {
    mc.client = std::make_unique<SnowflakeClient>(make_config(s));
    mc.key = key;
  }
  return *mc.client;
}

// Runs a small metadata statement and returns its rows (text cells).
std::unique_ptr<CellPage> run_small(const SfServer &srv, const std::string &sql,
                                    const std::vector<SfBinding> &bindings) {
  SnowflakeClient &client = main_client(srv);
  SfResult r = client.run(sql, bindings, main_thread_should_abort);
  auto page = std::make_unique<CellPage>();
  page->ncols = r.columns.size();
  const char *shape = "a result: data [[cell, ...], ...] with one value per column of resultSetMetaData.rowType";
  naming_server("Snowflake", srv.server_name, shape,
                [&] { decode_sf_rows(r.body.data() + r.data_begin, r.body.data() + r.data_end, r.columns, *page); });
  // Metadata answers are small: more than one partition would be a surprise
  // worth reading rather than silently dropping.
  for (size_t n = 1; n < r.partition_rows.size(); n++) {
    SfResult p = client.partition(r.handle, n, main_thread_should_abort);
    naming_server("Snowflake", srv.server_name, shape,
                  [&] { decode_sf_rows(p.body.data() + p.data_begin, p.body.data() + p.data_end, r.columns, *page); });
  }
  if (r.num_rows >= 0 && static_cast<int64_t>(page->nrows) != r.num_rows)
    throw Error(sqlstate::kFdwError,
                "Snowflake server \"" + std::string(srv.server_name) + "\" sent " + std::to_string(page->nrows) +
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
  List *so = server->options;
  List *uo = user->options;
  out->umid = user->umid;
  out->server_name = server->servername;
  out->account = find_option_value(so, "account");
  out->endpoint = find_option_value(so, "endpoint");
  out->warehouse = find_option_value(so, "warehouse");
  out->database = find_option_value(so, "database");
  out->schema = find_option_value(so, "schema");
  out->role = find_option_value(so, "role");
  out->user = find_option_value(uo, "user");
  out->private_key = find_option_value(uo, "private_key");
  out->passphrase = find_option_value(uo, "private_key_passphrase");
  out->oauth_token = find_option_value(uo, "oauth_token");
  out->ca_file = find_option_value(so, "ca_file");
  const char *verify = find_option_value(so, "tls_verify");
  out->tls_verify = verify == nullptr || guard([&] { return parse_bool_option("tls_verify", verify); });
  out->timeout_ms = option_ms_or(so, "timeout", 300000);
  out->max_retries = static_cast<int>(option_int_or(so, "max_retries", 5));
  out->retry_base_ms = option_ms_or(so, "retry_base_delay", 1000);
  out->max_parallel_downloads = static_cast<int>(option_int_or(so, "max_parallel_downloads", 4));
  out->price_per_credit = option_real_or(so, "price_per_credit", -1);
  out->credits_per_tib = option_real_or(so, "credits_per_tib", -1);
  out->max_cost_usd = option_real_or(uo, "max_cost_usd", option_real_or(so, "max_cost_usd", -1));
  out->warn_cost_usd = option_real_or(uo, "warn_cost_usd", option_real_or(so, "warn_cost_usd", -1));
  // The statement stops in Snowflake too when PostgreSQL's timeout would
  // cancel it here (whole seconds, rounded up).
  out->statement_timeout_s = StatementTimeout > 0 ? (StatementTimeout + 999) / 1000 : 0;
  out->application_name = application_name != nullptr ? pstrdup(application_name) : "";
  out->role_name = GetUserNameFromId(GetUserId(), false);
}

RemoteEstimate sf_explain_estimate(const SfServer &srv, const char *sql) {
  RemoteEstimate est = {-1, -1, -1};
  guard([&] {
    std::string k = std::string("sf\n") + std::to_string(srv.umid) + "\n" + sql;
    double b, a, t;
    if (estimate_cache_get(k + "\nb", &b) && estimate_cache_get(k + "\na", &a) && estimate_cache_get(k + "\nt", &t)) {
      est = {b, a, t};
      return;
    }
    std::unique_ptr<CellPage> page = run_small(srv, std::string("EXPLAIN USING JSON ") + sql, {});
    SfExplainStats st =
        naming_server("Snowflake", srv.server_name, "one row holding EXPLAIN USING JSON's plan, with GlobalStats", [&] {
          if (page->nrows < 1 || page->ncols < 1 || page->cell(0, 0) == nullptr)
            throw MalformedResponse("EXPLAIN USING JSON returned no plan");
          return parse_sf_explain(page->cell(0, 0));
        });
    est = {st.bytes_assigned, st.partitions_assigned, st.partitions_total};
    estimate_cache_put(k + "\nb", est.bytes);
    estimate_cache_put(k + "\na", est.parts_assigned);
    estimate_cache_put(k + "\nt", est.parts_total);
  });
  return est;
}

double sf_table_rows(const SfServer &srv, const char *schema, const char *table) {
  double rows = -1;
  guard([&] {
    std::string k = std::string("sfrows\n") + std::to_string(srv.umid) + "\n" + schema + "\n" + table;
    if (estimate_cache_get(k, &rows)) return;
    std::unique_ptr<CellPage> page =
        run_small(srv, "SELECT ROW_COUNT FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = :1 AND TABLE_NAME = :2",
                  {text_binding(schema), text_binding(table)});
    if (page->nrows > 0 && page->cell(0, 0) != nullptr) rows = strtod(page->cell(0, 0), nullptr);
    estimate_cache_put(k, rows);
  });
  return rows;
}

double sf_cost_usd(const SfServer &srv, double bytes) {
  if (bytes < 0 || srv.price_per_credit < 0 || srv.credits_per_tib < 0) return -1;
  return bytes / kBytesPerTib * srv.credits_per_tib * srv.price_per_credit;
}

void sf_check_budget(const SfServer &srv, double bytes, const char *relation_name) {
  double usd = sf_cost_usd(srv, bytes);
  if (usd < 0) return;
  if (srv.max_cost_usd >= 0 && usd > srv.max_cost_usd)
    ereport(ERROR, (errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                    errmsg("Snowflake query on %s would cost an estimated %s, above max_cost_usd %s of server \"%s\"",
                           relation_name, format_usd(usd), format_usd(srv.max_cost_usd), srv.server_name),
                    errdetail("EXPLAIN assigns %s; at %.4g credits per TiB and $%.2f per credit.", format_bytes(bytes),
                              srv.credits_per_tib, srv.price_per_credit),
                    errhint("Filter on fewer columns or a clustering key, or raise the limit: ALTER USER MAPPING FOR "
                            "CURRENT_USER SERVER %s OPTIONS (ADD max_cost_usd '%.2f') (SET if it exists).",
                            quote_identifier(srv.server_name), std::ceil(usd * 100) / 100)));
  if (srv.warn_cost_usd >= 0 && usd > srv.warn_cost_usd)
    ereport(NOTICE, (errmsg("Snowflake query on %s will cost an estimated %s (%s assigned), above warn_cost_usd "
                            "%s of server \"%s\"",
                            relation_name, format_usd(usd), format_bytes(bytes), format_usd(srv.warn_cost_usd),
                            srv.server_name)));
}

// ---------------------------------------------------------------------------
// Scan

namespace {

// Statistics over every statement of a scan (a rescan runs another one).
struct SfTotals {
  bool any;
  int64 partitions;
  int64 partitions_fetched;
  int64 retries;
  uint64 bytes_received;
  double statement_ms;
  // The latest statement's, by value: the stream ends inside
  // IterateForeignScan, whose per-tuple memory is reset before EXPLAIN
  // ANALYZE reads this.
  char handle[128];
};

struct SfScanState {
  SfServer srv;
  SfTotals totals;
};

void add_stream_stats(SfTotals *t, PageStream *page_stream) {
  if (page_stream == nullptr) return;
  SfStream *stream = static_cast<SfStream *>(page_stream);  // this provider's streams are SfStreams
  char handle[128] = "";
  int64 parts = 0, fetched = 0, retries = 0;
  uint64 received = 0;
  double ms = 0;
  guard([&] {
    SfStreamStats st = stream->stats();
    parts = st.partitions;
    fetched = st.partitions_fetched;
    retries = st.retries;
    received = st.bytes_received;
    ms = st.statement_ms;
    snprintf(handle, sizeof(handle), "%s", st.handle.c_str());
  });
  t->any = true;
  t->partitions += parts;
  t->partitions_fetched += fetched;
  t->retries += retries;
  t->bytes_received += received;
  t->statement_ms += ms;
  if (handle[0] != '\0') snprintf(t->handle, sizeof(t->handle), "%s", handle);
}

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
    return new SfStream(make_config(st->srv), sql, std::move(bindings));
  });
}

void sf_finish(void *provider, PageStream *stream) {
  add_stream_stats(&static_cast<SfScanState *>(provider)->totals, stream);
}

const StreamScanOps kSfScanOps = {"Snowflake", sf_param_text, sf_start, sf_finish};

}  // namespace

void sf_begin_scan(ForeignScanState *node, int eflags) {
  if (eflags & EXEC_FLAG_EXPLAIN_ONLY) return;
  ForeignScan *plan = castNode(ForeignScan, node->ss.ps.plan);
  ScanPrivate priv = read_scan_private(plan->fdw_private);
  SfScanState *st = static_cast<SfScanState *>(palloc0(sizeof(SfScanState)));
  UserMapping *user = scan_user_mapping(node);
  load_sf_server(GetForeignServer(user->serverid), user, &st->srv);
  // Guardrails run before the warehouse is resumed.
  if ((st->srv.max_cost_usd >= 0 || st->srv.warn_cost_usd >= 0) && st->srv.price_per_credit >= 0 &&
      st->srv.credits_per_tib >= 0) {
    double bytes = priv.est.bytes;
    if (bytes < 0) bytes = sf_explain_estimate(st->srv, priv.sql).bytes;
    sf_check_budget(st->srv, bytes, priv.relation_name);
  }
  begin_stream_scan(node, &kSfScanOps, st);
}

TupleTableSlot *sf_iterate_scan(ForeignScanState *node) { return iterate_stream_scan(node); }
void sf_rescan(ForeignScanState *node) { rescan_stream_scan(node); }
void sf_end_scan(ForeignScanState *node) { end_stream_scan(node); }

void sf_explain_scan(ForeignScanState *node, ExplainState *es) {
  ForeignScan *plan = castNode(ForeignScan, node->ss.ps.plan);
  ScanPrivate priv = read_scan_private(plan->fdw_private);
  explain_remote_query(node, priv, es);
  if (priv.est.parts_total >= 0)
    ExplainPropertyText("Partitions Assigned",
                        psprintf("%.0f of %.0f", Max(priv.est.parts_assigned, 0.0), priv.est.parts_total), es);
  if (priv.est.bytes >= 0) {
    ExplainPropertyText("Bytes Assigned", format_bytes(priv.est.bytes), es);
    List *so = GetForeignServerByName(priv.server_name, false)->options;
    double per_credit = option_real_or(so, "price_per_credit", -1);
    double credits_per_tib = option_real_or(so, "credits_per_tib", -1);
    if (per_credit >= 0 && credits_per_tib >= 0) {
      double credits = priv.est.bytes / kBytesPerTib * credits_per_tib;
      ExplainPropertyText("Estimated Credits", psprintf("%.6f", credits), es);
      ExplainPropertyText("Estimated Cost", format_usd(credits * per_credit), es);
    }
  }
  StreamScan *s = static_cast<StreamScan *>(node->fdw_state);
  if (es->analyze && s != nullptr) {
    // A statement still streaming (LIMIT) counts too.
    SfTotals totals = static_cast<SfScanState *>(s->provider)->totals;
    add_stream_stats(&totals, s->stream);
    ExplainPropertyInteger("Rows Fetched", nullptr, s->rows_fetched, es);
    if (totals.any) {
      ExplainPropertyInteger("Result Partitions", nullptr, totals.partitions, es);
      ExplainPropertyInteger("Retries", nullptr, totals.retries, es);
      if (es->verbose) {
        ExplainPropertyText("Statement Handle", totals.handle, es);
        if (es->timing) ExplainPropertyFloat("Statement Time", "ms", totals.statement_ms, 1, es);
        ExplainPropertyUInteger("Bytes Received", "bytes", totals.bytes_received, es);
      }
    }
  }
}

// ---------------------------------------------------------------------------
// IMPORT FOREIGN SCHEMA and test_connection

namespace {

// Text of cell (r, c), "" for NULL, palloc'd.
char *cell_text(const CellPage &p, size_t r, size_t c) { return pstrdup(p.cell(r, c) ? p.cell(r, c) : ""); }

}  // namespace

List *sf_import_foreign_schema(ImportForeignSchemaStmt *stmt, ForeignServer *server, UserMapping *user) {
  SfServer srv;
  load_sf_server(server, user, &srv);
  // Tables (with comments), then every column of the schema in one
  // statement. The cells are copied into palloc'd memory through pg_call, so
  // an allocation error unwinds the C++ pages.
  int ntables = 0, ncols = 0;
  char **tname = nullptr, **tcomment = nullptr, **cells = nullptr;
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
      tname = static_cast<char **>(palloc0(sizeof(char *) * (ntables + 1)));
      tcomment = static_cast<char **>(palloc0(sizeof(char *) * (ntables + 1)));
      cells = static_cast<char **>(palloc0(sizeof(char *) * (8 * ncols + 1)));
      for (int i = 0; i < ntables; i++) {
        tname[i] = cell_text(*tp, i, 0);
        tcomment[i] = cell_text(*tp, i, 1);
      }
      for (int i = 0; i < ncols; i++)
        for (int j = 0; j < 8; j++) cells[8 * i + j] = cell_text(*cp, i, j);
    });
  });
  if (ntables == 0)
    ereport(ERROR, (errcode(ERRCODE_FDW_SCHEMA_NOT_FOUND),
                    errmsg("schema \"%s\" on Snowflake server \"%s\" has no tables, or does not exist",
                           stmt->remote_schema, server->servername),
                    errhint("Snowflake folds unquoted names to upper case: IMPORT FOREIGN SCHEMA \"PUBLIC\" ...")));

  List *commands = NIL;
  for (int i = 0; i < ntables; i++) {
    if (!import_table_selected(stmt, tname[i])) continue;
    StringInfoData buf;
    initStringInfo(&buf);
    appendStringInfo(&buf, "CREATE FOREIGN TABLE %s (", quote_identifier(tname[i]));
    int n = 0;
    for (int c = 0; c < ncols; c++) {
      char **row = cells + 8 * c;
      if (strcmp(row[0], tname[i]) != 0) continue;
      char type[64] = "text";
      guard([&] {
        auto num = [](const char *v) { return v[0] ? atoi(v) : -1; };
        SfColumn col = sf_column_from_information_schema(row[1], row[2], num(row[3]), num(row[4]),
                                                         row[5][0] ? atoll(row[5]) : -1, strcmp(row[6], "NO") != 0);
        snprintf(type, sizeof(type), "%s", pg_type_for_sf_column(col).c_str());
      });
      appendStringInfo(&buf, "%s\n  %s %s OPTIONS (column_name %s)%s", n++ == 0 ? "" : ",", quote_identifier(row[1]),
                       type, quote_literal_cstr(row[1]), strcmp(row[6], "NO") == 0 ? " NOT NULL" : "");
      expect_import_comment(tname[i], row[1], row[7]);
    }
    appendStringInfo(&buf, "\n) SERVER %s OPTIONS (schema_name %s, table_name %s);",
                     quote_identifier(server->servername), quote_literal_cstr(stmt->remote_schema),
                     quote_literal_cstr(tname[i]));
    commands = lappend(commands, buf.data);
    expect_import_comment(tname[i], nullptr, tcomment[i]);
  }
  return commands;
}

bool sf_test_connection(ForeignServer *server, UserMapping *user) {
  SfServer srv;
  load_sf_server(server, user, &srv);
  guard([&] { run_small(srv, "SELECT 1", {}); });
  return true;
}

}  // namespace wfdw
