// BigQuery provider, PG zone. See bigquery_provider.hpp.
// The pure headers come first: nlohmann/json must not see PostgreSQL's
// snprintf macros.
#include "providers/bigquery/bigquery_client.hpp"
#include "providers/bigquery/bigquery_dialect.hpp"
#include "providers/bigquery/bigquery_stream.hpp"
#include "core/jwt.hpp"
#include "core/option_values.hpp"
#include "core/query_fingerprint.hpp"

#include <cmath>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include "providers/bigquery/pg/bigquery_provider.hpp"
#include "pg/import_builder.hpp"
#include "pg/import_comments.hpp"
#include "pg/relinfo.hpp"
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
  apply_http_settings(s.http, "https://bigquery.googleapis.com/bigquery/v2", c);
  c.project = s.project != nullptr ? s.project : "";
  c.location = s.location != nullptr ? s.location : "";
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
  c.labels["pg_application"] = label(s.http.application_name);
  c.labels["pg_role"] = label(s.http.role_name);
  c.labels["client"] = "warehouse_fdw";
  if (s.impersonate != nullptr) c.impersonate = s.impersonate;
  if (s.iam_endpoint != nullptr) {
    c.iam_endpoint = s.iam_endpoint;
    while (!c.iam_endpoint.empty() && c.iam_endpoint.back() == '/') c.iam_endpoint.pop_back();
  }
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
  } else if (s.use_metadata_server) {
    c.auth = BigQueryConfig::Auth::MetadataServer;
    if (s.metadata_endpoint != nullptr) c.metadata_endpoint = s.metadata_endpoint;
    while (!c.metadata_endpoint.empty() && c.metadata_endpoint.back() == '/') c.metadata_endpoint.pop_back();
  } else {
    // No credentials: only for an explicit loopback endpoint (emulators,
    // set up by a superuser) and only for a superuser's own mapping.
    const char *endpoint = s.http.endpoint;
    bool loopback = endpoint != nullptr &&
                    (strncmp(endpoint, "http://127.", 11) == 0 || strncmp(endpoint, "http://localhost", 16) == 0 ||
                     strncmp(endpoint, "http://[::1]", 12) == 0);
    if (!loopback || !s.http.superuser_mapping)
      throw Error(sqlstate::kInvalidAuthorization,
                  "user mapping for server \"" + c.server_name + "\" has no BigQuery credentials", {},
                  "Set service_account_key (the key file's JSON) or access_token in the user mapping, or (a "
                  "superuser, on Google Cloud) use_metadata_server 'true'; only a superuser's mapping on a server "
                  "whose endpoint is a loopback address (an emulator) may go without credentials.");
    c.auth = BigQueryConfig::Auth::None;
  }
  return c;
}

// The main thread's client for a user mapping (connections reused).
BigQueryClient &main_client(const BqServer &s) {
  std::string key = http_config_key(s.http, {s.project, s.location, s.access_token, s.key_json, s.key_file,
                                             s.use_metadata_server ? "metadata" : nullptr, s.metadata_endpoint,
                                             s.impersonate, s.iam_endpoint}) +
                    std::to_string(s.max_bytes_billed) + "/" + std::to_string(s.page_rows);
  return cached_client<BigQueryClient>(s.http.umid, key, [&] { return std::make_unique<BigQueryClient>(make_config(s)); });
}

}  // namespace

void load_bq_server(ForeignServer *server, UserMapping *user, int page_rows, BqServer *out) {
  memset(out, 0, sizeof(*out));
  load_http_server(server, user, &out->http);
  List *so = server->options;
  List *uo = user->options;
  out->project = find_option_value(so, "project");
  out->location = find_option_value(so, "location");
  out->access_token = find_option_value(uo, "access_token");
  out->key_json = find_option_value(uo, "service_account_key");
  out->key_file = find_option_value(uo, "service_account_key_file");
  const char *metadata = find_option_value(uo, "use_metadata_server");
  out->use_metadata_server = metadata != nullptr && guard([&] { return parse_bool_option("use_metadata_server", metadata); });
  out->metadata_endpoint = find_option_value(so, "metadata_endpoint");
  out->impersonate = find_option_value(uo, "impersonate_service_account");
  out->iam_endpoint = find_option_value(so, "iam_endpoint");
  out->max_bytes_billed = option_int_or(so, "max_bytes_billed", -1);
  out->page_rows = page_rows;
}

namespace {

// Dollars for `bytes` processed at the server's price_per_tib.
double bq_cost_usd(List *server_options, double bytes) {
  return bytes < 0 ? -1 : bytes / 1099511627776.0 * option_real_or(server_options, "price_per_tib", kDefaultPricePerTib);
}

double bq_dry_run_bytes(const BqServer &srv, const char *sql) {
  double bytes = -1;
  guard([&] {
    std::string k = std::string(srv.http.endpoint ? srv.http.endpoint : "") + "\n" +
                    (srv.project ? srv.project : "") + "\n" + std::to_string(srv.http.umid) + "\n" + sql;
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
    std::string k =
        std::string("rows\n") + std::to_string(srv.http.umid) + "\n" + project + "\n" + dataset + "\n" + table;
    if (estimate_cache_get(k, &rows)) return;
    BqTable t = main_client(srv).get_table(project, dataset, table, main_thread_should_abort);
    rows = static_cast<double>(t.num_rows);
    estimate_cache_put(k, rows);
  });
  return rows;
}

// Refuses (ERROR) a query whose estimate exceeds max_cost_usd; NOTICE above
// warn_cost_usd.
void bq_check_budget(const BqServer &srv, double bytes, const char *relation_name) {
  if (bytes < 0) return;
  double price = option_real_or(srv.http.server_options, "price_per_tib", kDefaultPricePerTib);
  check_cost_limits(srv.http, "BigQuery", relation_name, bytes, bq_cost_usd(srv.http.server_options, bytes), "processed",
                    psprintf("The dry run estimates %s processed at $%.2f per TiB.", format_bytes(bytes), price),
                    "Filter on fewer columns or partitions");
}

}  // namespace

// ---------------------------------------------------------------------------
// Scan

namespace {

// The provider's part of a scan: the server and, when the last job of this
// scan completed, its id: a rescan without parameters reads its results
// again instead of running a new job. By value: streams end inside
// IterateForeignScan, whose per-tuple memory is reset before the next row.
struct BqScanState {
  BqServer srv;
  char done_job[128];  // "" when the last job did not complete
  char done_location[64];
  int64 query_id;  // warehouse_fdw_stats' id of the statement, a job label
};

void bq_stats(PageStream *page_stream, StreamStats *out) {
  BqStream *stream = static_cast<BqStream *>(page_stream);  // this provider's streams are BqStreams
  guard([&] {
    BqStreamStats x = stream->stats();
    out->bytes_processed = x.bytes_processed >= 0 ? static_cast<double>(x.bytes_processed) : -1;
    out->bytes_billed = x.bytes_billed >= 0 ? static_cast<double>(x.bytes_billed) : -1;
    out->cache_hit = x.cache_hit ? 1 : 0;
    out->units = x.pages;
    out->retries = x.retries;
    out->bytes_received = x.bytes_received;
    out->remote_ms = x.job_ms;
    out->replays = x.replayed ? 1 : 0;
    snprintf(out->id, sizeof(out->id), "%s", x.job_id.c_str());
  });
}

// Remembers a completed job for the next rescan.
void bq_finish(void *provider, PageStream *page_stream) {
  BqScanState *scan = static_cast<BqScanState *>(provider);
  BqStream *stream = static_cast<BqStream *>(page_stream);
  char job_id[128] = "";
  char location[64] = "";
  guard([&] {
    BqStreamStats x = stream->stats();
    if (x.job_complete && x.job_id.size() < sizeof(job_id) && x.location.size() < sizeof(location)) {
      snprintf(job_id, sizeof(job_id), "%s", x.job_id.c_str());
      snprintf(location, sizeof(location), "%s", x.location.c_str());
    }
  });
  snprintf(scan->done_job, sizeof(scan->done_job), "%s", job_id);
  snprintf(scan->done_location, sizeof(scan->done_location), "%s", location);
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
    BigQueryConfig config = make_config(st->srv);
    config.labels["wfdw_query_id"] = query_id_hex(st->query_id);
    return new BqStream(std::move(config), sql, std::move(params));
  });
}

const StreamScanOps kBqScanOps = {"BigQuery", "Job ID", "Pages", "Job Time", bq_param_text, bq_start, bq_stats, bq_finish};

void *bq_begin_scan(ForeignScanState *node, int eflags) {
  if (eflags & EXEC_FLAG_EXPLAIN_ONLY) return nullptr;
  ForeignScan *plan = castNode(ForeignScan, node->ss.ps.plan);
  ScanPrivate priv = read_scan_private(plan->fdw_private);
  BqScanState *st = static_cast<BqScanState *>(palloc0(sizeof(BqScanState)));
  UserMapping *user = scan_user_mapping(node);
  load_bq_server(GetForeignServer(user->serverid), user, priv.fetch_size, &st->srv);
  GovStatement gov;
  gov_init(&gov, priv, user, true);
  st->query_id = gov.queryid;
  // Guardrails (and budgets, approvals) run before anything is billed.
  bool limits = st->srv.http.max_cost_usd >= 0 || st->srv.http.warn_cost_usd >= 0;
  double bytes = priv.est.bytes;
  if (limits || gov_wants_estimate(&gov)) {
    if (bytes < 0) bytes = bq_dry_run_bytes(st->srv, priv.sql);
    if (limits) bq_check_budget(st->srv, bytes, priv.relation_name);
  }
  return begin_stream_scan(node, &kBqScanOps, st, &gov, bytes);
}

void bq_explain_scan(ForeignScanState *node, void *state, ExplainState *es) {
  ForeignScan *plan = castNode(ForeignScan, node->ss.ps.plan);
  ScanPrivate priv = read_scan_private(plan->fdw_private);
  explain_remote_query(node, priv, es);
  if (priv.est.bytes >= 0) {
    ExplainPropertyText("Estimated Bytes Processed", format_bytes(priv.est.bytes), es);
    List *so = GetForeignServerByName(priv.server_name, false)->options;
    ExplainPropertyText("Estimated Cost", format_usd(bq_cost_usd(so, priv.est.bytes)), es);
  }
  explain_stream_scan(static_cast<StreamScan *>(state), es);
}

// ---------------------------------------------------------------------------
// IMPORT FOREIGN SCHEMA, test_connection, warehouse_fdw_estimate

struct ImportColumn {
  char *name;
  char *type;
  bool not_null;
  char *description;
};

struct ImportTable {
  char *description;
  int ncolumns;
  ImportColumn *columns;
};

List *bq_import_foreign_schema(ImportForeignSchemaStmt *stmt, ForeignServer *server, UserMapping *user) {
  if (stmt->options != NIL)
    ereport(ERROR,
            (errcode(ERRCODE_FDW_INVALID_OPTION_NAME), errmsg("IMPORT FOREIGN SCHEMA from BigQuery takes no options")));
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
    ForeignTableBuilder table;
    begin_foreign_table(&table, server, stmt->remote_schema, names[i], it.description);
    for (int c = 0; c < it.ncolumns; c++)
      add_foreign_column(&table, it.columns[c].name, it.columns[c].type, nullptr,
                         it.columns[c].not_null ? " NOT NULL" : nullptr, it.columns[c].description);
    commands = lappend(commands, end_foreign_table(&table));
  }
  return commands;
}

// How the mapping signs in, in make_config's order of precedence.
const char *bq_auth_method(const BqServer &s) {
  const char *base = s.key_json != nullptr   ? "a service-account key (signed JWT for an OAuth token)"
                     : s.key_file != nullptr ? "a service-account key file (signed JWT for an OAuth token)"
                     : s.access_token != nullptr ? "an access token of the user mapping"
                     : s.use_metadata_server     ? "the metadata server (the database host's own identity)"
                                                 : "no credentials (a superuser's emulator endpoint)";
  if (s.impersonate == nullptr) return base;
  return psprintf("%s, impersonating %s (IAM Credentials)", base, s.impersonate);
}

bool bq_test_connection(ForeignServer *server, UserMapping *user) {
  BqServer srv;
  load_bq_server(server, user, 1, &srv);
  guard([&] { main_client(srv).count_datasets(main_thread_should_abort); });
  // Which sign-in worked (a failure names the step that failed instead).
  ereport(NOTICE, (errmsg("BigQuery server \"%s\": signed in with %s", server->servername, bq_auth_method(srv))));
  return true;
}

void bq_estimate_base_rel(RelInfo *info, const char *sql, double *tuples, RemoteEstimate *est) {
  BqServer srv;
  load_bq_server(info->server, info->user, info->fetch_size, &srv);
  est->bytes = bq_dry_run_bytes(srv, sql);
  const TableOptions &t = info->table_opts;
  *tuples = bq_table_rows(srv, t.catalog_name, t.schema_name, t.table_name);
}

void bq_estimate_sql(ForeignServer *server, UserMapping *user, const char *sql, SqlEstimate *out) {
  BqServer srv;
  load_bq_server(server, user, 1, &srv);
  out->bytes = bq_dry_run_bytes(srv, sql);
  out->usd = bq_cost_usd(server->options, out->bytes);
  out->max_cost_usd = srv.http.max_cost_usd;
  out->warn_cost_usd = srv.http.warn_cost_usd;
}

}  // namespace

const ProviderInfo &bigquery_provider_info();

extern const ProviderOps kBigQueryProvider = {
    bigquery_provider_info,
    bq_estimate_base_rel,
    nullptr,  // explain_query: the estimate is a dry run of the base rel's query
    bq_cost_usd,
    bq_begin_scan,
    stream_iterate_op,
    stream_rescan_op,
    stream_end_op,
    bq_explain_scan,
    nullptr,  // analyze: numRows from table metadata; a sample would be billed as a full scan
    bq_import_foreign_schema,
    bq_test_connection,
    bq_estimate_sql,
};

}  // namespace wfdw
