// BigQuery provider, PG zone. See bigquery.hpp.
// The pure headers come first: nlohmann/json must not see PostgreSQL's
// snprintf macros.
#include "core/bigquery_client.hpp"
#include "core/bigquery_stream.hpp"
#include "core/jwt.hpp"
#include "core/option_values.hpp"

#include <cmath>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include "pg/bigquery.hpp"
#include "pg/import_comments.hpp"
#include "pg/remote_cost.hpp"
#include "pg/deparse.hpp"
#include "pg/guard.hpp"
#include "pg/row_converter.hpp"
#include "pg/scan_private.hpp"
#include "pg/stream_scan.hpp"
#include "utils/timestamp.h"

namespace wfdw {
namespace {

// Built without PostgreSQL calls, so it may run inside the guard.
BigQueryConfig make_config(const BqServer &s) {
  BigQueryConfig c;
  c.server_name = s.server_name;
  c.project = s.project != nullptr ? s.project : "";
  c.location = s.location != nullptr ? s.location : "";
  c.endpoint = s.endpoint != nullptr ? s.endpoint : "https://bigquery.googleapis.com/bigquery/v2";
  while (!c.endpoint.empty() && c.endpoint.back() == '/') c.endpoint.pop_back();
  c.allow_http = s.endpoint != nullptr;  // only a superuser sets an endpoint
  c.tls.verify = s.tls_verify;
  if (s.ca_file != nullptr) c.tls.ca_file = s.ca_file;
  c.timeout_ms = static_cast<long>(s.timeout_ms);
  c.retry.max_attempts = s.max_retries + 1;
  c.retry.base_delay_ms = static_cast<long>(s.retry_base_ms);
  c.retry.max_delay_ms = std::max(32000L, c.retry.base_delay_ms);
  c.max_bytes_billed = s.max_bytes_billed;
  c.page_rows = s.page_rows;
  // Labels: lowercase letters, digits, _ and -, at most 63 characters.
  auto label = [](const char *v) {
    std::string out;
    for (const char *p = v != nullptr ? v : ""; *p && out.size() < 63; ++p) {
      char ch = static_cast<char>(std::tolower(static_cast<unsigned char>(*p)));
      out += (std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '-') ? ch : '_';
    }
    return out;
  };
  c.labels["pg_application"] = label(s.application_name);
  c.labels["pg_role"] = label(s.role_name);
  c.labels["client"] = "warehouse_fdw";
  if (c.project.empty())
    throw Error(sqlstate::kInvalidOptionName, "server \"" + c.server_name + "\" has no project option", {},
                "ALTER SERVER " + c.server_name + " OPTIONS (ADD project 'my-gcp-project');");
  if (s.key_json != nullptr || s.key_file != nullptr) {
    std::string text;
    if (s.key_json != nullptr) {
      text = s.key_json;
    } else {
      std::ifstream in(s.key_file);
      if (!in)
        throw Error(sqlstate::kInvalidAttributeValue,
                    std::string("could not read service_account_key_file \"") + s.key_file + "\"");
      std::stringstream ss;
      ss << in.rdbuf();
      text = ss.str();
    }
    c.auth = BigQueryConfig::Auth::ServiceAccount;
    c.key = parse_service_account_key(text);
  } else if (s.access_token != nullptr) {
    c.auth = BigQueryConfig::Auth::AccessToken;
    c.access_token = s.access_token;
  } else {
    // No credentials: only for an explicit loopback endpoint (emulators,
    // set up by a superuser) and only for a superuser's own mapping.
    bool loopback = s.endpoint != nullptr &&
                    (strncmp(s.endpoint, "http://127.", 11) == 0 || strncmp(s.endpoint, "http://localhost", 16) == 0 ||
                     strncmp(s.endpoint, "http://[::1]", 12) == 0);
    if (!loopback || !s.superuser_mapping)
      throw Error(sqlstate::kInvalidAuthorization,
                  "user mapping for server \"" + c.server_name + "\" has no BigQuery credentials", {},
                  "Set service_account_key (the key file's JSON) or access_token in the user mapping; only a "
                  "superuser's mapping on a server whose endpoint is a loopback address (an emulator) may go "
                  "without credentials.");
    c.auth = BigQueryConfig::Auth::None;
  }
  return c;
}

// A fingerprint of the configuration: a changed server or mapping (ALTER)
// gets a fresh client.
std::string config_key(const BqServer &s) {
  std::string k;
  for (const char *v : {s.server_name, s.project, s.location, s.endpoint, s.access_token, s.key_json, s.key_file,
                        s.ca_file, s.role_name, s.application_name})
    k += (v != nullptr ? v : "\x01") + std::string("\x02");
  k += std::to_string(s.tls_verify) + "/" + std::to_string(s.timeout_ms) + "/" + std::to_string(s.max_retries) + "/" +
       std::to_string(s.retry_base_ms) + "/" + std::to_string(s.max_bytes_billed) + "/" + std::to_string(s.page_rows) +
       "/" + std::to_string(s.superuser_mapping);
  return k;
}

struct MainClient {
  std::string key;
  std::unique_ptr<BigQueryClient> client;
};

std::map<Oid, MainClient> &main_clients() {
  static std::map<Oid, MainClient> clients;
  return clients;
}

// The main thread's client for a user mapping (connections reused).
BigQueryClient &main_client(const BqServer &s) {
  MainClient &mc = main_clients()[s.umid];
  std::string key = config_key(s);
  if (!mc.client || mc.key != key) {
    mc.client = std::make_unique<BigQueryClient>(make_config(s));
    mc.key = key;
  }
  return *mc.client;
}

}  // namespace

void load_bq_server(ForeignServer *server, UserMapping *user, int page_rows, BqServer *out) {
  memset(out, 0, sizeof(*out));
  List *so = server->options;
  List *uo = user->options;
  out->umid = user->umid;
  out->server_name = server->servername;
  out->project = find_option_value(so, "project");
  out->location = find_option_value(so, "location");
  out->endpoint = find_option_value(so, "endpoint");
  out->access_token = find_option_value(uo, "access_token");
  out->key_json = find_option_value(uo, "service_account_key");
  out->key_file = find_option_value(uo, "service_account_key_file");
  out->ca_file = find_option_value(so, "ca_file");
  const char *verify = find_option_value(so, "tls_verify");
  out->tls_verify = verify == nullptr || guard([&] { return parse_bool_option("tls_verify", verify); });
  out->timeout_ms = option_ms_or(so, "timeout", 300000);
  out->max_retries = static_cast<int>(option_int_or(so, "max_retries", 5));
  out->retry_base_ms = option_ms_or(so, "retry_base_delay", 1000);
  out->max_bytes_billed = option_int_or(so, "max_bytes_billed", -1);
  out->price_per_tib = option_real_or(so, "price_per_tib", kDefaultPricePerTib);
  out->max_cost_usd = option_real_or(uo, "max_cost_usd", option_real_or(so, "max_cost_usd", -1));
  out->warn_cost_usd = option_real_or(uo, "warn_cost_usd", option_real_or(so, "warn_cost_usd", -1));
  out->page_rows = page_rows;
  out->application_name = application_name != nullptr ? pstrdup(application_name) : "";
  out->role_name = GetUserNameFromId(GetUserId(), false);
  out->superuser_mapping = superuser_arg(user->userid);
}

double bq_cost_usd(const BqServer &srv, double bytes) {
  return bytes < 0 ? -1 : bytes / 1099511627776.0 * srv.price_per_tib;
}

double bq_dry_run_bytes(const BqServer &srv, const char *sql) {
  double bytes = -1;
  guard([&] {
    std::string k = std::string(srv.endpoint ? srv.endpoint : "") + "\n" + (srv.project ? srv.project : "") + "\n" +
                    std::to_string(srv.umid) + "\n" + sql;
    if (estimate_cache_get(k, &bytes)) return;
    BqResult r = main_client(srv).query(sql, {}, true, new_request_id(), main_thread_should_abort);
    bytes = static_cast<double>(r.bytes_processed);
    estimate_cache_put(k, bytes);
  });
  return bytes;
}

double bq_table_rows(const BqServer &srv, const char *project, const char *dataset, const char *table) {
  double rows = -1;
  guard([&] {
    std::string k = std::string("rows\n") + std::to_string(srv.umid) + "\n" + project + "\n" + dataset + "\n" + table;
    if (estimate_cache_get(k, &rows)) return;
    BqTable t = main_client(srv).get_table(project, dataset, table, main_thread_should_abort);
    rows = static_cast<double>(t.num_rows);
    estimate_cache_put(k, rows);
  });
  return rows;
}

void bq_check_budget(const BqServer &srv, double bytes, const char *relation_name) {
  if (bytes < 0) return;
  double usd = bq_cost_usd(srv, bytes);
  if (srv.max_cost_usd >= 0 && usd > srv.max_cost_usd)
    ereport(ERROR,
            (errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
             errmsg("BigQuery query on %s would cost an estimated %s, above max_cost_usd %s of server \"%s\"",
                    relation_name, format_usd(usd), format_usd(srv.max_cost_usd), srv.server_name),
             errdetail("The dry run estimates %s processed at $%.2f per TiB.", format_bytes(bytes), srv.price_per_tib),
             errhint("Filter on fewer columns or partitions, or raise the limit: ALTER USER MAPPING FOR CURRENT_USER "
                     "SERVER %s OPTIONS (ADD max_cost_usd '%.2f') (SET if it exists).",
                     quote_identifier(srv.server_name), std::ceil(usd * 100) / 100)));
  if (srv.warn_cost_usd >= 0 && usd > srv.warn_cost_usd)
    ereport(NOTICE, (errmsg("BigQuery query on %s will cost an estimated %s (%s processed), above warn_cost_usd "
                            "%s of server \"%s\"",
                            relation_name, format_usd(usd), format_bytes(bytes), format_usd(srv.warn_cost_usd),
                            srv.server_name)));
}

// ---------------------------------------------------------------------------
// Scan

namespace {

// Job statistics over every job of a scan (a rescan starts another one).
// Plain data: it lives in palloc'd memory.
struct ScanTotals {
  bool any;
  int64 bytes_processed;
  int64 bytes_billed;
  bool cache_hit;
  int64 pages;
  int64 retries;
  uint64 bytes_received;
  double job_ms;
  char job_id[128];  // the latest job's (by value: see done_job)
  int64 replays;     // rescans that read a finished job's results again
};

// The provider's part of a scan: the server and the finished jobs' totals.
struct BqScanState {
  BqServer srv;
  ScanTotals totals;
  // The last job of this scan, when it completed: a rescan without
  // parameters reads its results again instead of running a new job.
  // By value: streams end inside IterateForeignScan, whose per-tuple memory
  // is reset before the next row (and a copy per rescan would grow).
  char done_job[128];  // "" when the last job did not complete
  char done_location[64];
};

// Adds the statistics of `stream` (if any) to `t`.
void add_stream_stats(BqScanState *scan, PageStream *page_stream) {
  if (page_stream == nullptr) return;
  ScanTotals *t = &scan->totals;
  BqStream *stream = static_cast<BqStream *>(page_stream);  // this provider's streams are BqStreams
  char job_id[128] = "";
  char location[64] = "";
  bool complete = false;
  ScanTotals st;
  memset(&st, 0, sizeof(st));
  guard([&] {
    BqStreamStats x = stream->stats();
    st.bytes_processed = x.bytes_processed;
    st.bytes_billed = x.bytes_billed;
    st.cache_hit = x.cache_hit;
    st.pages = x.pages;
    st.retries = x.retries;
    st.bytes_received = x.bytes_received;
    st.job_ms = x.job_ms;
    snprintf(job_id, sizeof(job_id), "%s", x.job_id.c_str());
    snprintf(location, sizeof(location), "%s", x.location.c_str());
    complete = x.job_complete && x.job_id.size() < sizeof(job_id) && x.location.size() < sizeof(location);
    st.replays = x.replayed ? 1 : 0;
  });
  snprintf(scan->done_job, sizeof(scan->done_job), "%s", complete ? job_id : "");
  snprintf(scan->done_location, sizeof(scan->done_location), "%s", complete ? location : "");
  if (!t->any) {
    t->bytes_processed = t->bytes_billed = -1;
    t->any = true;
  }
  if (st.bytes_processed >= 0) t->bytes_processed = Max(t->bytes_processed, 0) + st.bytes_processed;
  if (st.bytes_billed >= 0) t->bytes_billed = Max(t->bytes_billed, 0) + st.bytes_billed;
  t->cache_hit = st.cache_hit;
  t->pages += st.pages;
  t->retries += st.retries;
  t->bytes_received += st.bytes_received;
  t->job_ms += st.job_ms;
  t->replays += st.replays;
  if (job_id[0] != '\0') snprintf(t->job_id, sizeof(t->job_id), "%s", job_id);
}

// A parameter value as BigQuery's queryParameters want it.
char *bq_param_text(Oid type, FmgrInfo *out, Datum value) {
  char *text = OutputFunctionCall(out, value);
  if (type == BOOLOID) return pstrdup(text[0] == 't' ? "true" : "false");
  if (type == BYTEAOID) {
    bytea *b = DatumGetByteaPP(value);
    int len = VARSIZE_ANY_EXHDR(b);
    char *enc = static_cast<char *>(palloc(pg_b64_enc_len(len) + 1));
    int n = pg_b64_encode(VARDATA_ANY(b), len, enc, pg_b64_enc_len(len));
    enc[n < 0 ? 0 : n] = '\0';
    return enc;
  }
  return text;
}

PageStream *bq_start(void *provider, const char *sql, int n, const char *const *values, const Oid *types) {
  BqScanState *st = static_cast<BqScanState *>(provider);
  const char **type_names = static_cast<const char **>(palloc0(sizeof(char *) * Max(n, 1)));
  for (int i = 0; i < n; i++) type_names[i] = bigquery_dialect().type_name(format_type_be(types[i]));
  if (n == 0 && st->done_job[0] != '\0') {
    const char *job = st->done_job, *location = st->done_location;
    return guard([&]() -> PageStream * { return new BqStream(make_config(st->srv), job, location); });
  }
  return guard([&]() -> PageStream * {
    std::vector<BqParam> params;
    for (int i = 0; i < n; i++) {
      BqParam p;
      p.type = type_names[i] != nullptr ? type_names[i] : "STRING";
      p.is_null = values[i] == nullptr;
      if (!p.is_null) p.value = values[i];
      params.push_back(std::move(p));
    }
    return new BqStream(make_config(st->srv), sql, std::move(params));
  });
}

void bq_finish(void *provider, PageStream *stream) { add_stream_stats(static_cast<BqScanState *>(provider), stream); }

const StreamScanOps kBqScanOps = {"BigQuery", bq_param_text, bq_start, bq_finish};

}  // namespace

void bq_begin_scan(ForeignScanState *node, int eflags) {
  if (eflags & EXEC_FLAG_EXPLAIN_ONLY) return;
  ForeignScan *plan = castNode(ForeignScan, node->ss.ps.plan);
  ScanPrivate priv = read_scan_private(plan->fdw_private);
  BqScanState *st = static_cast<BqScanState *>(palloc0(sizeof(BqScanState)));
  UserMapping *user = scan_user_mapping(node);
  load_bq_server(GetForeignServer(user->serverid), user, priv.fetch_size, &st->srv);
  // Guardrails run before anything is billed.
  if (st->srv.max_cost_usd >= 0 || st->srv.warn_cost_usd >= 0) {
    double bytes = priv.est.bytes;
    if (bytes < 0) bytes = bq_dry_run_bytes(st->srv, priv.sql);
    bq_check_budget(st->srv, bytes, priv.relation_name);
  }
  begin_stream_scan(node, &kBqScanOps, st);
}

TupleTableSlot *bq_iterate_scan(ForeignScanState *node) { return iterate_stream_scan(node); }
void bq_rescan(ForeignScanState *node) { rescan_stream_scan(node); }
void bq_end_scan(ForeignScanState *node) { end_stream_scan(node); }

void bq_explain_scan(ForeignScanState *node, ExplainState *es) {
  ForeignScan *plan = castNode(ForeignScan, node->ss.ps.plan);
  ScanPrivate priv = read_scan_private(plan->fdw_private);
  explain_remote_query(node, priv, es);
  if (priv.est.bytes >= 0) {
    ForeignServer *server = GetForeignServerByName(priv.server_name, false);
    double price = kDefaultPricePerTib;
    const char *p = find_option_value(server->options, "price_per_tib");
    if (p != nullptr) price = strtod(p, nullptr);
    ExplainPropertyText("Estimated Bytes Processed", format_bytes(priv.est.bytes), es);
    double usd = priv.est.bytes / 1099511627776.0 * price;
    ExplainPropertyText("Estimated Cost", format_usd(usd), es);
  }
  StreamScan *s = static_cast<StreamScan *>(node->fdw_state);
  if (es->analyze && s != nullptr) {
    // EXPLAIN runs before EndForeignScan: a job still streaming (LIMIT)
    // counts too, without being folded into the totals twice.
    BqScanState copy = *static_cast<BqScanState *>(s->provider);
    add_stream_stats(&copy, s->stream);
    const ScanTotals *st = &copy.totals;
    ExplainPropertyInteger("Rows Fetched", nullptr, s->rows_fetched, es);
    if (copy.totals.replays > 0) ExplainPropertyInteger("Jobs Reused", nullptr, copy.totals.replays, es);
    if (st->any) {
      if (st->bytes_processed >= 0)
        ExplainPropertyText("Bytes Processed", format_bytes(static_cast<double>(st->bytes_processed)), es);
      if (st->bytes_billed >= 0)
        ExplainPropertyText("Bytes Billed", format_bytes(static_cast<double>(st->bytes_billed)), es);
      ExplainPropertyBool("Cache Hit", st->cache_hit, es);
      ExplainPropertyInteger("Pages", nullptr, st->pages, es);
      ExplainPropertyInteger("Retries", nullptr, st->retries, es);
      if (es->verbose) {
        ExplainPropertyText("Job ID", st->job_id, es);
        if (es->timing) ExplainPropertyFloat("Job Time", "ms", st->job_ms, 1, es);
        ExplainPropertyUInteger("Bytes Received", "bytes", st->bytes_received, es);
      }
    }
  }
}

// ---------------------------------------------------------------------------
// IMPORT FOREIGN SCHEMA and test_connection

namespace {

struct ImportColumn {
  char *name;
  char *type;
  bool not_null;
  char *description;
};

struct ImportTable {
  char *name;
  char *description;
  int ncolumns;
  ImportColumn *columns;
};

}  // namespace

List *bq_import_foreign_schema(ImportForeignSchemaStmt *stmt, ForeignServer *server, UserMapping *user) {
  BqServer srv;
  load_bq_server(server, user, 1000, &srv);
  // Names first (C strings), then metadata of the selected tables only. The
  // C++ results are copied into palloc'd memory through pg_call, so an
  // allocation error unwinds them.
  char **names = nullptr;
  int ntables = 0;
  guard([&] {
    std::vector<BqTable> list =
        main_client(srv).list_tables(srv.project, stmt->remote_schema, main_thread_should_abort);
    size_t n = list.size();
    names = pg_call([&] { return static_cast<char **>(palloc0(sizeof(char *) * (n + 1))); });
    for (const BqTable &t : list) {
      if (t.type != "TABLE" && t.type != "VIEW" && t.type != "MATERIALIZED_VIEW" && t.type != "EXTERNAL") continue;
      const char *id = t.table_id.c_str();
      names[ntables++] = pg_call([&] { return pstrdup(id); });
    }
  });
  List *commands = NIL;
  for (int i = 0; i < ntables; i++) {
    if (!import_table_selected(stmt, names[i])) continue;
    ImportTable it;
    memset(&it, 0, sizeof(it));
    guard([&] {
      BqTable t = main_client(srv).get_table(srv.project, stmt->remote_schema, names[i], main_thread_should_abort);
      size_t n = t.schema.size();
      it.name = names[i];
      const char *description = t.description.c_str();
      it.description = pg_call([&] { return pstrdup(description); });
      it.ncolumns = static_cast<int>(n);
      it.columns = pg_call([&] { return static_cast<ImportColumn *>(palloc0(sizeof(ImportColumn) * (n + 1))); });
      for (size_t c = 0; c < n; c++) {
        std::string type = pg_type_for_bq_field(t.schema[c]);
        const BqField &f = t.schema[c];
        ImportColumn *col = &it.columns[c];
        pg_call([&] {
          col->name = pstrdup(f.name.c_str());
          col->type = pstrdup(type.c_str());
          col->not_null = f.required;
          col->description = pstrdup(f.description.c_str());
        });
      }
    });
    StringInfoData buf;
    initStringInfo(&buf);
    appendStringInfo(&buf, "CREATE FOREIGN TABLE %s (", quote_identifier(it.name));
    for (int c = 0; c < it.ncolumns; c++)
      appendStringInfo(&buf, "%s\n  %s %s OPTIONS (column_name %s)%s", c == 0 ? "" : ",",
                       quote_identifier(it.columns[c].name), it.columns[c].type, quote_literal_cstr(it.columns[c].name),
                       it.columns[c].not_null ? " NOT NULL" : "");
    appendStringInfo(&buf, "\n) SERVER %s OPTIONS (schema_name %s, table_name %s);",
                     quote_identifier(server->servername), quote_literal_cstr(stmt->remote_schema),
                     quote_literal_cstr(it.name));
    commands = lappend(commands, buf.data);
    expect_import_comment(it.name, nullptr, it.description);
    for (int c = 0; c < it.ncolumns; c++) expect_import_comment(it.name, it.columns[c].name, it.columns[c].description);
  }
  return commands;
}

bool bq_test_connection(ForeignServer *server, UserMapping *user) {
  BqServer srv;
  load_bq_server(server, user, 1, &srv);
  guard([&] { main_client(srv).count_datasets(main_thread_should_abort); });
  return true;
}

}  // namespace wfdw
