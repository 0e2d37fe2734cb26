#define WFDW_PURE_TU 1
#include "providers/databricks/databricks_client.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <random>

#include "core/json_scan.hpp"
#include "core/response_errors.hpp"

namespace wfdw {
namespace {

using nlohmann::json;

const char kStatementShape[] =
    "a statement response: a JSON object with statement_id (string), status {state}, and once SUCCEEDED manifest "
    "{schema {columns [...]}, total_chunk_count, total_row_count} and result {chunk_index, row_count, data_array}";
const char kChunkShape[] = "a result chunk: a JSON object with chunk_index, row_count and data_array [[...], ...]";

bool valid_sqlstate(const std::string &s) {
  if (s.size() != 5) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c)) && !std::isupper(static_cast<unsigned char>(c))) return false;
  return true;
}

// SQLSTATE classes PostgreSQL defines whose meaning a remote error keeps.
// Not 00/01/02 (not errors), XX (would read as a PostgreSQL bug), P0
// (PL/pgSQL).
bool passable_class(const std::string &s) {
  static const char *const classes[] = {"03", "08", "09", "0A", "0B", "0F", "0L", "0P", "0Z", "20", "21", "22", "23",
                                        "24", "25", "26", "27", "28", "2B", "2D", "2F", "34", "38", "39", "3B", "3D",
                                        "3F", "40", "42", "44", "53", "54", "55", "57", "58", "72", "F0", "HV"};
  for (const char *c : classes)
    if (s.compare(0, 2, c) == 0) return true;
  return false;
}

std::string text_member(const json &o, const char *k) {
  if (!o.is_object()) return {};
  auto it = o.find(k);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int64_t int_member(const json &o, const char *k) {
  if (!o.is_object()) return -1;
  auto it = o.find(k);
  return it != o.end() && it->is_number_integer() ? it->get<int64_t>() : -1;
}

// A JSON value at the scanner, parsed with nlohmann::json.
json parse_value(JsonScanner &scan) {
  const char *v = scan.skip_value();
  json j = json::parse(v, scan.pos(), nullptr, false);
  if (j.is_discarded()) scan.fail("bad member value");
  return j;
}

// The result object at the scanner; data_array only located.
void parse_result_object(JsonScanner &scan, const char *base, DbxResult &r) {
  r.has_result = true;
  std::string key;
  scan.object(key, [&](const std::string &k) {
    if (k == "data_array") {
      if (scan.consume_null()) return;
      const char *v = scan.skip_value();
      r.data_begin = static_cast<size_t>(v - base);
      r.data_end = static_cast<size_t>(scan.pos() - base);
      return;
    }
    json v = parse_value(scan);
    if (k == "chunk_index")
      r.chunk_index = v.is_number_integer() ? v.get<int64_t>() : -1;
    else if (k == "row_offset")
      r.row_offset = v.is_number_integer() ? v.get<int64_t>() : -1;
    else if (k == "row_count")
      r.row_count = v.is_number_integer() ? v.get<int64_t>() : -1;
    else if (k == "next_chunk_index")
      r.next_chunk_index = v.is_number_integer() ? v.get<int64_t>() : -1;
    else if (k == "next_chunk_internal_link" && v.is_string())
      r.next_chunk_internal_link = v.get<std::string>();
  });
}

std::string wait_timeout_text(int s) {
  if (s <= 0) return "0s";
  return std::to_string(std::min(50, std::max(5, s))) + "s";
}

}  // namespace

std::string databricks_base_url(const std::string &host) {
  std::string h = host;
  while (!h.empty() && h.back() == '/') h.pop_back();
  if (h.compare(0, 8, "https://") == 0 || h.compare(0, 7, "http://") == 0) return h;
  return "https://" + h;
}

DbxState parse_dbx_state(const std::string &s) {
  if (s == "PENDING") return DbxState::Pending;
  if (s == "RUNNING") return DbxState::Running;
  if (s == "SUCCEEDED") return DbxState::Succeeded;
  if (s == "FAILED") return DbxState::Failed;
  if (s == "CANCELED") return DbxState::Canceled;
  if (s == "CLOSED") return DbxState::Closed;
  return DbxState::Unknown;
}

const char *dbx_state_name(DbxState s) {
  switch (s) {
    case DbxState::Pending:
      return "PENDING";
    case DbxState::Running:
      return "RUNNING";
    case DbxState::Succeeded:
      return "SUCCEEDED";
    case DbxState::Failed:
      return "FAILED";
    case DbxState::Canceled:
      return "CANCELED";
    case DbxState::Closed:
      return "CLOSED";
    default:
      return "UNKNOWN";
  }
}

DbxResult parse_dbx_response(std::string body, bool chunk) {
  DbxResult r;
  r.body = std::move(body);
  const char *base = r.body.data();
  JsonScanner scan(base, base + r.body.size());
  if (chunk) {
    parse_result_object(scan, base, r);
    return r;
  }
  json doc = json::object();
  std::string key;
  scan.object(key, [&](const std::string &k) {
    if (k == "result" && scan.peek() == '{') {
      parse_result_object(scan, base, r);
      return;
    }
    doc[k] = parse_value(scan);
  });
  r.statement_id = text_member(doc, "statement_id");
  auto st = doc.find("status");
  if (st != doc.end() && st->is_object()) {
    r.state = parse_dbx_state(text_member(*st, "state"));
    r.sql_state = text_member(*st, "sql_state");
    auto err = st->find("error");
    if (err != st->end() && err->is_object()) {
      r.error_code = text_member(*err, "error_code");
      r.error_message = text_member(*err, "message");
    }
  }
  auto m = doc.find("manifest");
  if (m != doc.end() && m->is_object()) {
    r.has_manifest = true;
    std::string format = text_member(*m, "format");
    if (!format.empty() && format != "JSON_ARRAY")
      throw MalformedResponse("the result is in format " + format.substr(0, 32) + ", not JSON_ARRAY");
    auto schema = m->find("schema");
    if (schema != m->end() && schema->is_object() && schema->contains("columns"))
      r.columns = parse_dbx_columns((*schema)["columns"]);
    r.total_chunk_count = int_member(*m, "total_chunk_count");
    r.total_row_count = int_member(*m, "total_row_count");
    auto t = m->find("truncated");
    r.truncated = t != m->end() && t->is_boolean() && t->get<bool>();
    auto chunks = m->find("chunks");
    if (chunks != m->end() && chunks->is_array()) {
      for (const json &c : *chunks) {
        int64_t idx = int_member(c, "chunk_index");
        if (idx < 0 || idx > 1000000) throw MalformedResponse("a chunk of manifest.chunks has no chunk_index");
        if (static_cast<size_t>(idx) >= r.chunk_rows.size()) r.chunk_rows.resize(static_cast<size_t>(idx) + 1, -1);
        r.chunk_rows[static_cast<size_t>(idx)] = int_member(c, "row_count");
      }
    }
  }
  return r;
}

std::string dbx_sqlstate(const std::string &sql_state, const std::string &message, const std::string &error_code) {
  std::string s = sql_state;
  if (!valid_sqlstate(s)) {
    s.clear();
    size_t at = message.rfind("SQLSTATE: ");
    if (at != std::string::npos) s = message.substr(at + 10, 5);
    if (!valid_sqlstate(s)) s.clear();
  }
  if (!s.empty()) return passable_class(s) ? s : sqlstate::kFdwError;
  if (error_code == "CANCELLED" || error_code == "CANCELED" || error_code == "DEADLINE_EXCEEDED")
    return sqlstate::kQueryCanceled;
  if (error_code == "UNAUTHENTICATED") return sqlstate::kInvalidAuthorization;
  if (error_code == "PERMISSION_DENIED") return sqlstate::kInsufficientPrivilege;
  if (error_code == "RESOURCE_EXHAUSTED") return "53000";  // insufficient_resources
  return sqlstate::kFdwError;
}

Error dbx_statement_error(const std::string &server_name, const DbxResult &r) {
  const std::string server = "server \"" + server_name + "\"";
  std::string detail;
  auto add = [&detail](const std::string &what) { detail += (detail.empty() ? "" : ", ") + what; };
  if (!r.error_code.empty()) add("Databricks error_code " + r.error_code);
  if (!r.sql_state.empty()) add("SQL state " + r.sql_state);
  if (!r.statement_id.empty()) add("statement " + r.statement_id);
  if (!detail.empty()) detail += ".";
  if (r.state == DbxState::Canceled)
    return Error(sqlstate::kQueryCanceled, "Databricks statement on " + server + " was canceled", detail,
                 "It was canceled on the warehouse: by a user or an administrator, or by the warehouse's own "
                 "statement timeout.");
  if (r.state == DbxState::Closed)
    return Error(sqlstate::kFdwError, "Databricks statement on " + server + " was closed before its result was read",
                 detail, "Run the query again.");
  std::string message = r.error_message.empty() ? "the statement failed" : r.error_message.substr(0, 4000);
  return Error(dbx_sqlstate(r.sql_state, r.error_message, r.error_code),
               "Databricks error on " + server + ": " + message, detail,
               "Databricks rejected the remote query. EXPLAIN VERBOSE shows the Remote SQL that was sent.");
}

Error dbx_http_error(const std::string &server_name, long status, const std::string &body, int attempts) {
  json doc = json::parse(body, nullptr, false);
  std::string code = text_member(doc, "error_code"), message = text_member(doc, "message");
  if (message.empty()) message = "HTTP " + std::to_string(status);
  std::string detail = "HTTP " + std::to_string(status);
  if (!code.empty()) detail += ", Databricks error_code " + code.substr(0, 64);
  if (attempts > 1) detail += ", after " + std::to_string(attempts) + " attempts";
  detail += ".";
  std::string prefix = "Databricks error on server \"" + server_name + "\": ";
  message = message.substr(0, 2000);
  if (status == 401)
    return Error(sqlstate::kInvalidAuthorization, prefix + message, detail,
                 "The token was rejected: check the user mapping's token, or its client_id and client_secret.");
  if (status == 403)
    return Error(sqlstate::kInsufficientPrivilege, prefix + message, detail,
                 "The user or service principal of the user mapping may not use this workspace or SQL warehouse "
                 "(it needs CAN USE on the warehouse).");
  if (status == 404)
    return Error(sqlstate::kFdwError, prefix + message, detail,
                 "Check the server's warehouse_id option (and host or endpoint).");
  if (status == 429 || status >= 500)
    return Error(sqlstate::kFdwError, prefix + message, detail,
                 "Databricks stayed unavailable through every retry; try again later or raise max_retries.");
  return Error(sqlstate::kFdwError, prefix + message, detail, "See the Databricks message.");
}

std::string dbx_submit_body(const DatabricksConfig &config, const std::string &sql,
                            const std::vector<DbxParam> &params) {
  json body = {{"warehouse_id", config.warehouse_id},
               {"statement", sql},
               {"wait_timeout", wait_timeout_text(config.submit_wait_s)},
               {"on_wait_timeout", "CONTINUE"},
               {"disposition", "INLINE"},
               {"format", "JSON_ARRAY"}};
  if (!config.catalog.empty()) body["catalog"] = config.catalog;
  if (!config.schema.empty()) body["schema"] = config.schema;
  if (!params.empty()) {
    json ps = json::array();
    for (const DbxParam &p : params) {
      json o = {{"name", p.name}, {"type", p.type.empty() ? "STRING" : p.type}};
      if (!p.is_null) o["value"] = p.value;  // no value: NULL
      ps.push_back(std::move(o));
    }
    body["parameters"] = std::move(ps);
  }
  return body.dump();
}

DatabricksClient::DatabricksClient(DatabricksConfig config) : config_(std::move(config)) {
  while (!config_.endpoint.empty() && config_.endpoint.back() == '/') config_.endpoint.pop_back();
  if (!config_.transport) http_ = std::make_unique<HttpClient>(config_.tls);
}

uint64_t DatabricksClient::bytes_received() const { return http_ ? http_->bytes_received() : injected_bytes_; }

HttpResponse DatabricksClient::send(const HttpRequest &req, const AbortCheck &abort) {
  if (http_) return http_->perform(req, abort);
  HttpResponse resp = config_.transport(req, abort);
  injected_bytes_ += resp.body.size();
  return resp;
}

std::string DatabricksClient::bearer(const AbortCheck &abort) {
  if (config_.auth == DatabricksConfig::Auth::Token) return config_.token;
  DbxOAuthClient c{config_.server_name, config_.endpoint,      config_.allow_http,
                   config_.client_id,   config_.client_secret, std::min(config_.timeout_ms, 60000L)};
  DbxTransport send_fn = [this](const HttpRequest &req, const AbortCheck &a) { return send(req, a); };
  return dbx_oauth_token(c, send_fn, config_.retry, abort);
}

HttpResponse DatabricksClient::call(const std::string &method, const std::string &path, const std::string &body,
                                    const AbortCheck &abort, bool replayable) {
  HttpRequest req;
  req.method = method;
  req.url = config_.endpoint + path;
  req.body = body;
  req.timeout_ms = config_.timeout_ms;
  req.allow_http = config_.allow_http;
  bool renewed = false;
  RetryHooks hooks;
  hooks.label = "Databricks";
  hooks.server_name = config_.server_name;
  hooks.unreachable_hint = "Check the server's host or endpoint option and the network.";
  // Retry-After is honoured up to the request timeout (a quiet cancel waits
  // at most its 5 s). A dropped connection is retried even for a statement
  // submission: the request may not have arrived (one that did runs once
  // more, unread: reads only).
  hooks.max_retry_after_s = std::max(config_.timeout_ms / 1000, 1L);
  hooks.prepare = [&](HttpRequest &r, int) {
    r.headers = {"Accept: application/json", "Authorization: Bearer " + bearer(abort)};
    if (method == "POST") r.headers.push_back("Content-Type: application/json");
  };
  hooks.judge = [&](const HttpResponse &resp) {
    if (resp.status >= 200 && resp.status < 300) return RetryVerdict::Accept;
    if (resp.status == 401 && config_.auth == DatabricksConfig::Auth::OAuthM2M && !renewed) {
      // An expired or revoked token: one fresh token.
      DbxOAuthClient c{config_.server_name, config_.endpoint, config_.allow_http, config_.client_id,
                       config_.client_secret};
      forget_dbx_token(&c);
      renewed = true;
      return RetryVerdict::AgainNow;
    }
    bool transient = resp.status == 429 || resp.status == 503 ||
                     (replayable && (resp.status == 500 || resp.status == 502 || resp.status == 504));
    return transient ? RetryVerdict::Backoff : RetryVerdict::Fail;
  };
  hooks.fail = [&](const HttpResponse &resp, int attempt) {
    throw dbx_http_error(config_.server_name, resp.status, resp.body, attempt);
  };
  HttpSend transport = [this](const HttpRequest &r, const AbortCheck &a) { return send(r, a); };
  return perform_with_retries(transport, req, config_.retry, abort, hooks, &retries_);
}

DbxResult DatabricksClient::submit(const std::string &sql, const std::vector<DbxParam> &params,
                                   const AbortCheck &abort) {
  HttpResponse resp = call("POST", "/api/2.0/sql/statements", dbx_submit_body(config_, sql, params), abort, false);
  return naming_server("Databricks", config_.server_name, kStatementShape, [&] {
    DbxResult r = parse_dbx_response(std::move(resp.body));
    if (r.statement_id.empty()) throw MalformedResponse("it has no statement_id");
    return r;
  });
}

DbxResult DatabricksClient::status(const std::string &statement_id, const AbortCheck &abort) {
  HttpResponse resp = call("GET", "/api/2.0/sql/statements/" + url_encode(statement_id), "", abort, true);
  DbxResult r = naming_server("Databricks", config_.server_name, kStatementShape,
                              [&] { return parse_dbx_response(std::move(resp.body)); });
  if (r.statement_id.empty()) r.statement_id = statement_id;
  return r;
}

DbxResult DatabricksClient::chunk(const std::string &statement_id, int64_t n, const AbortCheck &abort) {
  HttpResponse resp =
      call("GET", "/api/2.0/sql/statements/" + url_encode(statement_id) + "/result/chunks/" + std::to_string(n), "",
           abort, true);
  DbxResult r = naming_server("Databricks", config_.server_name, kChunkShape, [&] {
    DbxResult c = parse_dbx_response(std::move(resp.body), true);
    if (c.chunk_index >= 0 && c.chunk_index != n)
      throw MalformedResponse("chunk " + std::to_string(c.chunk_index) + " came for chunk " + std::to_string(n));
    return c;
  });
  r.statement_id = statement_id;
  r.chunk_index = n;
  return r;
}

void DatabricksClient::cancel(const std::string &statement_id, const AbortCheck &abort) {
  call("POST", "/api/2.0/sql/statements/" + url_encode(statement_id) + "/cancel", "{}", abort, true);
}

DbxResult DatabricksClient::wait(DbxResult r, const AbortCheck &abort, std::chrono::steady_clock::time_point started) {
  long delay = 50;
  for (;;) {
    last_state_ = r.state;
    switch (r.state) {
      case DbxState::Succeeded:
        naming_server("Databricks", config_.server_name, kStatementShape, [&] {
          if (!r.has_manifest) throw MalformedResponse("a SUCCEEDED statement came without its manifest");
        });
        if (r.truncated)
          throw Error(
              sqlstate::kFdwError,
              "Databricks server \"" + config_.server_name + "\" truncated the result of statement " + r.statement_id,
              "manifest.truncated is true: the result exceeded what the INLINE disposition returns.",
              "The result is incomplete and is not returned; push down less (fewer rows or columns).");
        return r;
      case DbxState::Failed:
      case DbxState::Canceled:
      case DbxState::Closed:
        throw dbx_statement_error(config_.server_name, r);
      case DbxState::Pending:
      case DbxState::Running:
        break;
      default:
        naming_server("Databricks", config_.server_name, kStatementShape,
                      [&] { throw MalformedResponse("status.state is missing or unknown"); });
    }
    long sleep_ms = delay;
    if (config_.statement_timeout_s > 0) {
      long elapsed =
          std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
      long left = config_.statement_timeout_s * 1000 - elapsed;
      if (left <= 0) {
        cancel_dbx_statement_quietly(config_, r.statement_id);
        last_state_ = DbxState::Canceled;
        throw Error(sqlstate::kQueryCanceled,
                    "Databricks statement on server \"" + config_.server_name + "\" was canceled after " +
                        std::to_string(config_.statement_timeout_s) + " s",
                    "Statement " + r.statement_id + " was still " + dbx_state_name(r.state) + ".",
                    "Raise the server's statement_timeout option, or push down a cheaper query.");
      }
      sleep_ms = std::min(sleep_ms, left);
    }
    sleep_interruptibly(sleep_ms, abort);
    delay = std::min(delay * 2, 2000L);
    r = status(r.statement_id, abort);
  }
}

DbxResult DatabricksClient::run(const std::string &sql, const std::vector<DbxParam> &params, const AbortCheck &abort) {
  auto started = std::chrono::steady_clock::now();
  DbxResult r = submit(sql, params, abort);
  std::string id = r.statement_id;
  try {
    return wait(std::move(r), abort, started);
  } catch (const Interrupted &) {
    // Abandoned while still running (Ctrl-C, statement_timeout): stop it in
    // Databricks too, without masking the interrupt.
    cancel_dbx_statement_quietly(config_, id);
    throw;
  }
}

void cancel_dbx_statement_quietly(const DatabricksConfig &config, const std::string &statement_id) noexcept {
  if (statement_id.empty()) return;
  try {
    DatabricksConfig quick = config;
    quick.timeout_ms = 5000;
    quick.retry.max_attempts = 2;
    quick.retry.base_delay_ms = 100;
    quick.retry.max_delay_ms = 200;
    DatabricksClient(quick).cancel(statement_id, nullptr);
  } catch (...) {
  }
}

}  // namespace wfdw
