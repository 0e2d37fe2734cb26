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
#include "pg/deparse.hpp"
#include "pg/guard.hpp"
#include "pg/row_converter.hpp"
#include "pg/scan_private.hpp"
#include "utils/timestamp.h"

namespace wfdw {
namespace {

// Network waits on the main thread stop when PostgreSQL wants to cancel or
// die; reading these flags is a memory read, not a PostgreSQL call.
bool main_thread_should_abort() { return QueryCancelPending || ProcDiePending; }

double option_cost(List *options, const char *name, double dflt) {
  const char *v = find_option_value(options, name);
  return v != nullptr ? strtod(v, nullptr) : dflt;
}

int64 option_int(List *options, const char *name, int64 dflt) {
  const char *v = find_option_value(options, name);
  return v != nullptr ? strtoll(v, nullptr, 10) : dflt;
}

int64 option_ms(List *options, const char *name, int64 dflt) {
  ListCell *lc;
  foreach (lc, options) {
    DefElem *d = lfirst_node(DefElem, lc);
    if (strcmp(d->defname, name) == 0) return option_duration_ms(d);
  }
  return dflt;
}

// Built without PostgreSQL calls, so it may run inside the guard.
BigQueryConfig make_config(const BqServer &s) {
  BigQueryConfig c;
  c.server_name = s.server_name;
  c.project = s.project != nullptr ? s.project : "";
  c.location = s.location != nullptr ? s.location : "";
  c.endpoint = s.endpoint != nullptr ? s.endpoint : "https://bigquery.googleapis.com/bigquery/v2";
  while (!c.endpoint.empty() && c.endpoint.back() == '/') c.endpoint.pop_back();
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
    // No credentials: only for an explicit loopback endpoint (emulators).
    bool loopback = s.endpoint != nullptr &&
                    (strncmp(s.endpoint, "http://127.", 11) == 0 || strncmp(s.endpoint, "http://localhost", 16) == 0 ||
                     strncmp(s.endpoint, "http://[::1]", 12) == 0);
    if (!loopback)
      throw Error(sqlstate::kInvalidAuthorization,
                  "user mapping for server \"" + c.server_name + "\" has no BigQuery credentials", {},
                  "Set service_account_key (the key file's JSON) or access_token in the user mapping; only an "
                  "endpoint on a loopback address (an emulator) may be used without credentials.");
    c.auth = BigQueryConfig::Auth::None;
  }
  return c;
}

// A fingerprint of the configuration: a changed server or mapping (ALTER)
// gets a fresh client.
std::string config_key(const BqServer &s) {
  std::string k;
  for (const char *v :
       {s.server_name, s.project, s.location, s.endpoint, s.access_token, s.key_json, s.key_file, s.ca_file})
    k += (v != nullptr ? v : "\x01") + std::string("\x02");
  k += std::to_string(s.tls_verify) + "/" + std::to_string(s.timeout_ms) + "/" + std::to_string(s.max_retries) + "/" +
       std::to_string(s.retry_base_ms) + "/" + std::to_string(s.max_bytes_billed) + "/" + std::to_string(s.page_rows);
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

struct CachedNumber {
  double value;
  TimestampTz at;
};

// Dry runs and table metadata are cached briefly: planning a query (and
// re-planning a prepared one) must not repeat the calls.
constexpr int64 kCacheMicros = 60 * USECS_PER_SEC;

std::map<std::string, CachedNumber> &number_cache() {
  static std::map<std::string, CachedNumber> cache;
  return cache;
}

bool cache_get(const std::string &key, double *value) {
  auto it = number_cache().find(key);
  if (it == number_cache().end() || GetCurrentTimestamp() - it->second.at > kCacheMicros) return false;
  *value = it->second.value;
  return true;
}

void cache_put(const std::string &key, double value) {
  if (number_cache().size() > 1000) number_cache().clear();
  number_cache()[key] = CachedNumber{value, GetCurrentTimestamp()};
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
  out->timeout_ms = option_ms(so, "timeout", 300000);
  out->max_retries = static_cast<int>(option_int(so, "max_retries", 5));
  out->retry_base_ms = option_ms(so, "retry_base_delay", 1000);
  out->max_bytes_billed = option_int(so, "max_bytes_billed", -1);
  out->price_per_tib = option_cost(so, "price_per_tib", kDefaultPricePerTib);
  out->max_cost_usd = option_cost(uo, "max_cost_usd", option_cost(so, "max_cost_usd", -1));
  out->warn_cost_usd = option_cost(uo, "warn_cost_usd", option_cost(so, "warn_cost_usd", -1));
  out->page_rows = page_rows;
  out->application_name = application_name != nullptr ? pstrdup(application_name) : "";
  out->role_name = GetUserNameFromId(GetUserId(), false);
}

double bq_cost_usd(const BqServer &srv, double bytes) {
  return bytes < 0 ? -1 : bytes / 1099511627776.0 * srv.price_per_tib;
}

char *bq_format_bytes(double bytes) {
  static const char *const units[] = {"bytes", "kB", "MB", "GB", "TB", "PB"};
  int u = 0;
  while (bytes >= 1024 && u < 5) {
    bytes /= 1024;
    u++;
  }
  return u == 0 ? psprintf("%.0f bytes", bytes) : psprintf("%.2f %s", bytes, units[u]);
}

double bq_dry_run_bytes(const BqServer &srv, const char *sql) {
  double bytes = -1;
  guard([&] {
    std::string k = std::string(srv.endpoint ? srv.endpoint : "") + "\n" + (srv.project ? srv.project : "") + "\n" +
                    std::to_string(srv.umid) + "\n" + sql;
    if (cache_get(k, &bytes)) return;
    BqResult r = main_client(srv).query(sql, {}, true, new_request_id(), main_thread_should_abort);
    bytes = static_cast<double>(r.bytes_processed);
    cache_put(k, bytes);
  });
  return bytes;
}

double bq_table_rows(const BqServer &srv, const char *project, const char *dataset, const char *table) {
  double rows = -1;
  guard([&] {
    std::string k = std::string("rows\n") + std::to_string(srv.umid) + "\n" + project + "\n" + dataset + "\n" + table;
    if (cache_get(k, &rows)) return;
    BqTable t = main_client(srv).get_table(project, dataset, table, main_thread_should_abort);
    rows = static_cast<double>(t.num_rows);
    cache_put(k, rows);
  });
  return rows;
}

char *bq_format_usd(double usd) {
  // Cents with four decimals; fractions of a cent (a dry run of a small
  // table) with eight, so they never print as $0.0000.
  return psprintf(usd >= 0.01 || usd == 0 ? "$%.4f" : "$%.8f", usd);
}

void bq_check_budget(const BqServer &srv, double bytes, const char *relation_name) {
  if (bytes < 0) return;
  double usd = bq_cost_usd(srv, bytes);
  if (srv.max_cost_usd >= 0 && usd > srv.max_cost_usd)
    ereport(
        ERROR,
        (errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
         errmsg("BigQuery query on %s would cost an estimated %s, above max_cost_usd %s of server \"%s\"",
                relation_name, bq_format_usd(usd), bq_format_usd(srv.max_cost_usd), srv.server_name),
         errdetail("The dry run estimates %s processed at $%.2f per TiB.", bq_format_bytes(bytes), srv.price_per_tib),
         errhint("Filter on fewer columns or partitions, or raise the limit: ALTER USER MAPPING FOR CURRENT_USER "
                 "SERVER %s OPTIONS (ADD max_cost_usd '%.2f') (SET if it exists).",
                 quote_identifier(srv.server_name), std::ceil(usd * 100) / 100)));
  if (srv.warn_cost_usd >= 0 && usd > srv.warn_cost_usd)
    ereport(NOTICE, (errmsg("BigQuery query on %s will cost an estimated %s (%s processed), above warn_cost_usd "
                            "%s of server \"%s\"",
                            relation_name, bq_format_usd(usd), bq_format_bytes(bytes), bq_format_usd(srv.warn_cost_usd),
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
  char *job_id;  // the latest job's
};

struct BqScan {
  ScanPrivate priv;
  BqServer srv;
  RowConverter conv;
  MemoryContext row_cxt;
  BqStream *stream;  // owned; deleted by release_bq_scan
  CellPage *page;      // owned
  size_t row;
  bool ended;
  const char **cells;
  // Parameters of a parameterized path.
  int num_params;
  List *param_exprs;
  FmgrInfo *param_out;
  Oid *param_types;
  // EXPLAIN ANALYZE: rows converted, and the statistics of finished jobs.
  int64 rows_fetched;
  ScanTotals totals;
  MemoryContextCallback release;
};

void drop_stream(BqScan *s) noexcept {
  delete s->page;
  s->page = nullptr;
  delete s->stream;  // joins the worker; cancels a job still running
  s->stream = nullptr;
}

void release_bq_scan(void *arg) { drop_stream(static_cast<BqScan *>(arg)); }

// Adds the statistics of `stream` (if any) to `t`.
void add_stream_stats(ScanTotals *t, BqStream *stream) {
  if (stream == nullptr) return;
  char job_id[128] = "";
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
  });
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
  if (job_id[0] != '\0') t->job_id = pstrdup(job_id);
}

// Ends the current job's stream, keeping its statistics.
void finish_stream(BqScan *s) {
  add_stream_stats(&s->totals, s->stream);
  drop_stream(s);
}

// A parameter value as BigQuery's queryParameters want it.
char *param_text(Oid type, FmgrInfo *out, Datum value) {
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

void start_stream(BqScan *s, ExprContext *econtext) {
  int n = s->num_params;
  const char **values = static_cast<const char **>(palloc0(sizeof(char *) * Max(n, 1)));
  const char **types = static_cast<const char **>(palloc0(sizeof(char *) * Max(n, 1)));
  if (n > 0) {
    int nestlevel = set_transmission_modes();
    MemoryContext old = MemoryContextSwitchTo(econtext->ecxt_per_tuple_memory);
    int i = 0;
    ListCell *lc;
    foreach (lc, s->param_exprs) {
      bool isnull;
      Datum v = ExecEvalExpr(static_cast<ExprState *>(lfirst(lc)), econtext, &isnull);
      values[i] = isnull ? nullptr : param_text(s->param_types[i], &s->param_out[i], v);
      types[i] = bigquery_dialect().type_name(format_type_be(s->param_types[i]));
      i++;
    }
    MemoryContextSwitchTo(old);
    reset_transmission_modes(nestlevel);
  }
  guard([&] {
    std::vector<BqParam> params;
    for (int i = 0; i < n; i++) {
      BqParam p;
      p.type = types[i] != nullptr ? types[i] : "STRING";
      p.is_null = values[i] == nullptr;
      if (!p.is_null) p.value = values[i];
      params.push_back(std::move(p));
    }
    s->stream = new BqStream(make_config(s->srv), s->priv.sql, std::move(params));
  });
  s->ended = false;
  s->row = 0;
}

// Waits for the next page, checking for interrupts between short waits.
bool next_page(BqScan *s) {
  delete s->page;
  s->page = nullptr;
  for (;;) {
    int state = guard([&] {
      std::unique_ptr<CellPage> page;
      BqStream::Wait w = s->stream->next(&page, 100);
      if (w == BqStream::Wait::Page) s->page = page.release();
      return static_cast<int>(w);
    });
    if (state == static_cast<int>(BqStream::Wait::Page)) {
      s->row = 0;
      if (s->page->nrows == 0) {
        delete s->page;
        s->page = nullptr;
        continue;
      }
      return true;
    }
    if (state == static_cast<int>(BqStream::Wait::End)) return false;
    CHECK_FOR_INTERRUPTS();  // no C++ object lives on this frame
  }
}

}  // namespace

void bq_begin_scan(ForeignScanState *node, int eflags) {
  if (eflags & EXEC_FLAG_EXPLAIN_ONLY) return;
  ForeignScan *plan = castNode(ForeignScan, node->ss.ps.plan);
  EState *estate = node->ss.ps.state;
  BqScan *s = static_cast<BqScan *>(palloc0(sizeof(BqScan)));
  node->fdw_state = s;
  s->priv = read_scan_private(plan->fdw_private);
  UserMapping *user = scan_user_mapping(node);
  load_bq_server(GetForeignServer(user->serverid), user, s->priv.fetch_size, &s->srv);

  // Guardrails run before anything is billed.
  if (s->srv.max_cost_usd >= 0 || s->srv.warn_cost_usd >= 0) {
    double bytes = s->priv.est_bytes;
    if (bytes < 0) bytes = bq_dry_run_bytes(s->srv, s->priv.sql);
    bq_check_budget(s->srv, bytes, s->priv.relation_name);
  }

  s->row_cxt = AllocSetContextCreate(estate->es_query_cxt, "warehouse_fdw bigquery row", ALLOCSET_SMALL_SIZES);
  s->release.func = release_bq_scan;
  s->release.arg = s;
  MemoryContextRegisterResetCallback(estate->es_query_cxt, &s->release);
  init_row_converter(&s->conv, RelationGetDescr(node->ss.ss_currentRelation), s->priv.retrieved_attrs,
                     s->priv.relation_name, s->priv.server_name);
  s->cells = static_cast<const char **>(palloc0(sizeof(char *) * Max(s->conv.ncolumns, 1)));

  s->num_params = list_length(plan->fdw_exprs);
  if (s->num_params > 0) {
    s->param_out = static_cast<FmgrInfo *>(palloc0(sizeof(FmgrInfo) * s->num_params));
    s->param_types = static_cast<Oid *>(palloc0(sizeof(Oid) * s->num_params));
    int i = 0;
    ListCell *lc;
    foreach (lc, plan->fdw_exprs) {
      Oid typoutput;
      bool varlena;
      s->param_types[i] = exprType(static_cast<Node *>(lfirst(lc)));
      getTypeOutputInfo(s->param_types[i], &typoutput, &varlena);
      fmgr_info(typoutput, &s->param_out[i++]);
    }
    s->param_exprs = ExecInitExprList(plan->fdw_exprs, reinterpret_cast<PlanState *>(node));
  }
}

TupleTableSlot *bq_iterate_scan(ForeignScanState *node) {
  BqScan *s = static_cast<BqScan *>(node->fdw_state);
  TupleTableSlot *slot = node->ss.ss_ScanTupleSlot;
  if (s->stream == nullptr && !s->ended) start_stream(s, node->ss.ps.ps_ExprContext);
  if (s->ended) return ExecClearTuple(slot);
  if (s->page == nullptr || s->row >= s->page->nrows) {
    if (!next_page(s)) {
      finish_stream(s);
      s->ended = true;
      return ExecClearTuple(slot);
    }
  }
  if (static_cast<int>(s->page->ncols) < s->conv.ncolumns)
    ereport(ERROR, (errcode(ERRCODE_FDW_ERROR), errmsg("BigQuery returned %d columns for foreign table %s, expected %d",
                                                       (int)s->page->ncols, s->priv.relation_name, s->conv.ncolumns)));
  for (int j = 0; j < s->conv.ncolumns; j++) s->cells[j] = s->page->cell(s->row, j);
  ExecClearTuple(slot);
  MemoryContextReset(s->row_cxt);
  MemoryContext old = MemoryContextSwitchTo(s->row_cxt);
  convert_cells(&s->conv, s->cells, slot->tts_values, slot->tts_isnull);
  MemoryContextSwitchTo(old);
  ExecStoreVirtualTuple(slot);
  s->row++;
  s->rows_fetched++;
  return slot;
}

void bq_rescan(ForeignScanState *node) {
  BqScan *s = static_cast<BqScan *>(node->fdw_state);
  if (s == nullptr) return;
  // Parameters may have changed: a new job on the next fetch. (A rescan
  // without parameters could replay the result; BigQuery's cache makes the
  // repeated job free.)
  finish_stream(s);
  s->ended = false;
}

void bq_end_scan(ForeignScanState *node) {
  BqScan *s = static_cast<BqScan *>(node->fdw_state);
  if (s == nullptr) return;
  finish_stream(s);
}

void bq_explain_scan(ForeignScanState *node, ExplainState *es) {
  ForeignScan *plan = castNode(ForeignScan, node->ss.ps.plan);
  ScanPrivate priv = read_scan_private(plan->fdw_private);
  if (es->verbose) {
    ExplainPropertyText("Server", priv.server_name, es);
    ExplainPropertyText("Remote SQL", priv.sql, es);
  }
  if (priv.est_bytes >= 0) {
    ForeignTable *table = GetForeignTable(RelationGetRelid(node->ss.ss_currentRelation));
    ForeignServer *server = GetForeignServer(table->serverid);
    double price = kDefaultPricePerTib;
    const char *p = find_option_value(server->options, "price_per_tib");
    if (p != nullptr) price = strtod(p, nullptr);
    ExplainPropertyText("Estimated Bytes Processed", bq_format_bytes(priv.est_bytes), es);
    double usd = priv.est_bytes / 1099511627776.0 * price;
    ExplainPropertyText("Estimated Cost", bq_format_usd(usd), es);
  }
  BqScan *s = static_cast<BqScan *>(node->fdw_state);
  if (es->analyze && s != nullptr) {
    // EXPLAIN runs before EndForeignScan: a job still streaming (LIMIT)
    // counts too, without being folded into the totals twice.
    ScanTotals totals = s->totals;
    add_stream_stats(&totals, s->stream);
    const ScanTotals *st = &totals;
    ExplainPropertyInteger("Rows Fetched", nullptr, s->rows_fetched, es);
    if (st->any) {
      if (st->bytes_processed >= 0)
        ExplainPropertyText("Bytes Processed", bq_format_bytes(static_cast<double>(st->bytes_processed)), es);
      if (st->bytes_billed >= 0)
        ExplainPropertyText("Bytes Billed", bq_format_bytes(static_cast<double>(st->bytes_billed)), es);
      ExplainPropertyBool("Cache Hit", st->cache_hit, es);
      ExplainPropertyInteger("Pages", nullptr, st->pages, es);
      ExplainPropertyInteger("Retries", nullptr, st->retries, es);
      if (es->verbose) {
        ExplainPropertyText("Job ID", st->job_id != nullptr ? st->job_id : "", es);
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

bool table_selected(ImportForeignSchemaStmt *stmt, const char *name) {
  if (stmt->list_type == FDW_IMPORT_SCHEMA_ALL) return true;
  bool listed = false;
  ListCell *lc;
  foreach (lc, stmt->table_list)
    if (strcmp(static_cast<RangeVar *>(lfirst(lc))->relname, name) == 0) listed = true;
  return stmt->list_type == FDW_IMPORT_SCHEMA_LIMIT_TO ? listed : !listed;
}

}  // namespace

List *bq_import_foreign_schema(ImportForeignSchemaStmt *stmt, ForeignServer *server, UserMapping *user) {
  BqServer srv;
  load_bq_server(server, user, 1000, &srv);
  // Names first (C strings), then metadata of the selected tables only.
  char **names = nullptr;
  int ntables = 0;
  guard([&] {
    std::vector<BqTable> list =
        main_client(srv).list_tables(srv.project, stmt->remote_schema, main_thread_should_abort);
    names = static_cast<char **>(palloc0(sizeof(char *) * (list.size() + 1)));
    for (const BqTable &t : list) {
      if (t.type != "TABLE" && t.type != "VIEW" && t.type != "MATERIALIZED_VIEW" && t.type != "EXTERNAL") continue;
      names[ntables++] = pstrdup(t.table_id.c_str());
    }
  });
  List *commands = NIL;
  for (int i = 0; i < ntables; i++) {
    if (!table_selected(stmt, names[i])) continue;
    ImportTable it;
    memset(&it, 0, sizeof(it));
    guard([&] {
      BqTable t = main_client(srv).get_table(srv.project, stmt->remote_schema, names[i], main_thread_should_abort);
      it.name = names[i];
      it.description = pstrdup(t.description.c_str());
      it.ncolumns = static_cast<int>(t.schema.size());
      it.columns = static_cast<ImportColumn *>(palloc0(sizeof(ImportColumn) * (t.schema.size() + 1)));
      for (size_t c = 0; c < t.schema.size(); c++) {
        it.columns[c].name = pstrdup(t.schema[c].name.c_str());
        it.columns[c].type = pstrdup(pg_type_for_bq_field(t.schema[c]).c_str());
        it.columns[c].not_null = t.schema[c].required;
        it.columns[c].description = pstrdup(t.schema[c].description.c_str());
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
