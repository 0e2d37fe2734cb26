#define WFDW_PURE_TU 1
#include "providers/snowflake/snowflake_client.hpp"

#include <nlohmann/json.hpp>

#include <cctype>
#include <chrono>
#include <map>
#include <mutex>
#include <random>

#include "core/json_scan.hpp"
#include "core/string_rows.hpp"
#include "core/jwt.hpp"
#include "core/response_errors.hpp"

namespace wfdw {
namespace {

// OAuth access tokens obtained with a refresh token, per backend, keyed by
// endpoint, client id and a hash of the secret and refresh token.
struct CachedToken {
  std::string token;
  std::chrono::steady_clock::time_point renew_at;
};
std::mutex token_mu;
std::map<std::string, CachedToken> &oauth_tokens() {
  static std::map<std::string, CachedToken> tokens;
  return tokens;
}

std::string oauth_cache_key(const SnowflakeConfig &c) {
  return c.endpoint + "\n" + c.oauth_client_id + "\n" +
         sha256_hex(c.oauth_client_secret + "\n" + c.oauth_refresh_token);
}

const char *token_type(SnowflakeConfig::Auth auth) {
  switch (auth) {
    case SnowflakeConfig::Auth::KeyPair:
      return "KEYPAIR_JWT";
    case SnowflakeConfig::Auth::ProgrammaticToken:
      return "PROGRAMMATIC_ACCESS_TOKEN";
    default:
      return "OAUTH";
  }
}

using nlohmann::json;

const char kStatementShape[] =
    "a statement response: a JSON object with statementHandle (string), resultSetMetaData {numRows (number), rowType "
    "[...], partitionInfo [{rowCount}]} and data [[...]]";

bool retryable_status(long s) { return s == 429 || s == 500 || s == 502 || s == 503 || s == 504; }

// A SQLSTATE PostgreSQL can carry: five digits or upper-case letters.
bool valid_sqlstate(const std::string &s) {
  if (s.size() != 5) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c)) && !std::isupper(static_cast<unsigned char>(c))) return false;
  return true;
}

Error snowflake_error(const SnowflakeConfig &c, long status, const std::string &body, int attempts) {
  json doc = json::parse(body, nullptr, false);
  std::string message = "HTTP " + std::to_string(status), code, state;
  if (!doc.is_discarded() && doc.is_object()) {
    try {
      message = doc.value("message", message);
      code = doc.value("code", "");
      state = doc.value("sqlState", "");
    } catch (const json::exception &) {
      // Not Snowflake's error shape: only the status is reported, never the body.
      message = "HTTP " + std::to_string(status);
      code.clear();
      state.clear();
    }
  }
  std::string detail = "HTTP " + std::to_string(status);
  if (!code.empty()) detail += ", Snowflake code " + code;
  if (!state.empty()) detail += ", SQL state " + state;
  if (attempts > 1) detail += ", after " + std::to_string(attempts) + " attempts";
  detail += ".";
  std::string prefix = "Snowflake error on server \"" + c.server_name + "\": ";
  if (status == 401) {
    const char *hint;
    switch (c.auth) {
      case SnowflakeConfig::Auth::KeyPair:
        hint =
            "The key pair was rejected: check the user mapping's user and private_key, and that the public key is "
            "registered (ALTER USER ... SET RSA_PUBLIC_KEY = '...').";
        break;
      case SnowflakeConfig::Auth::OAuth:
        hint =
            "The oauth_token was rejected: Snowflake OAuth access tokens expire after about ten minutes; use "
            "oauth_client_id, oauth_client_secret and oauth_refresh_token, which warehouse_fdw renews itself.";
        break;
      case SnowflakeConfig::Auth::ProgrammaticToken:
        hint =
            "The programmatic_access_token was rejected: it may have expired or been revoked (ALTER USER ... ADD "
            "PROGRAMMATIC ACCESS TOKEN issues a new one), or the user's network policy refuses it.";
        break;
      default:
        hint =
            "The OAuth access token obtained with the refresh token was rejected twice: check the OAuth security "
            "integration and the role.";
        break;
    }
    return Error(sqlstate::kInvalidAuthorization, prefix + message, detail, hint);
  }
  if (status == 408 || code == "000604")
    return Error(sqlstate::kQueryCanceled, prefix + message, detail,
                 "The statement was cancelled or exceeded its timeout (the server's statement_timeout option).");
  if (retryable_status(status))
    return Error(sqlstate::kFdwError, prefix + message, detail,
                 "Snowflake stayed unavailable through every retry; try again later or raise max_retries.");
  return Error(valid_sqlstate(state) && state != "00000" ? state : sqlstate::kFdwError, prefix + message, detail,
               status == 422
                   ? "Snowflake rejected the remote query. EXPLAIN VERBOSE shows the Remote SQL that was sent."
                   : "See the Snowflake message.");
}

}  // namespace

SfResult parse_sf_response(std::string body) {
  SfResult r;
  r.body = std::move(body);
  json doc = parse_object_except(r.body, "data", &r.data_begin, &r.data_end);
  r.handle = doc.value("statementHandle", "");
  auto meta = doc.find("resultSetMetaData");
  if (meta != doc.end() && meta->is_object()) {
    r.complete = true;
    if (meta->contains("rowType")) r.columns = parse_sf_row_type((*meta)["rowType"]);
    auto n = meta->find("numRows");
    if (n != meta->end() && n->is_number_integer()) r.num_rows = n->get<int64_t>();
    auto parts = meta->find("partitionInfo");
    if (parts != meta->end() && parts->is_array())
      for (const json &p : *parts) {
        auto rc = p.find("rowCount");
        r.partition_rows.push_back(rc != p.end() && rc->is_number_integer() ? rc->get<int64_t>() : -1);
      }
  }
  return r;
}

void decode_sf_rows(const char *begin, const char *end, const std::vector<SfColumn> &columns, CellPage &page) {
  // Types whose jsonv2 text is already PostgreSQL's input text.
  std::vector<bool> verbatim;
  for (const SfColumn &c : columns)
    verbatim.push_back(c.type == "fixed" || c.type == "text" || c.type == "boolean" || c.type == "variant" ||
                       c.type == "object" || c.type == "array");
  decode_string_rows(
      begin, end, verbatim,
      [&](size_t c, const std::string &cell, std::string &out) { sf_cell_to_pg_text(columns[c], cell, out); },
      "Snowflake", "rowType", page);
}

SnowflakeClient::SnowflakeClient(SnowflakeConfig config) : config_(std::move(config)), http_(config_.tls) {}

HttpResponse SnowflakeClient::call(const std::string &method, const std::string &path, const std::string &body,
                                   const AbortCheck &abort, bool resubmit_flag) {
  HttpRequest req;
  req.method = method;
  req.body = body;
  req.timeout_ms = config_.timeout_ms;
  req.allow_http = config_.allow_http;
  bool renewed = false;
  RetryHooks hooks;
  hooks.label = "Snowflake";
  hooks.server_name = config_.server_name;
  hooks.unreachable_hint = "Check the server's account or endpoint option and the network.";
  hooks.prepare = [&](HttpRequest &r, int attempt) {
    // A resubmitted statement says so, and Snowflake returns the first
    // submission's result instead of running it again.
    r.url = config_.endpoint + path + (resubmit_flag && attempt > 1 ? "&retry=true" : "");
    std::string token;
    switch (config_.auth) {
      case SnowflakeConfig::Auth::KeyPair:
        token = naming_server("Snowflake", config_.server_name, "a readable private key",
                              [&] { return snowflake_bearer(config_.key); });
        break;
      case SnowflakeConfig::Auth::OAuth:
        token = config_.oauth_token;
        break;
      case SnowflakeConfig::Auth::ProgrammaticToken:
        token = config_.pat;
        break;
      case SnowflakeConfig::Auth::OAuthRefresh:
        token = oauth_access_token(abort);
        break;
    }
    r.headers = {"Accept: application/json", "User-Agent: warehouse_fdw/1.0", "Authorization: Bearer " + token,
                 std::string("X-Snowflake-Authorization-Token-Type: ") + token_type(config_.auth)};
    if (method == "POST") r.headers.push_back("Content-Type: application/json");
  };
  hooks.judge = [&](const HttpResponse &resp) {
    if (resp.status == 200 || resp.status == 202) return RetryVerdict::Accept;
    if (resp.status == 401 && config_.auth == SnowflakeConfig::Auth::KeyPair && !renewed) {
      forget_snowflake_tokens();  // one fresh JWT (clock skew, a renewed key)
      renewed = true;
      return RetryVerdict::AgainNow;
    }
    if (resp.status == 401 && config_.auth == SnowflakeConfig::Auth::OAuthRefresh && !renewed) {
      std::lock_guard<std::mutex> lock(token_mu);  // expired or revoked early: one fresh access token
      oauth_tokens().erase(oauth_cache_key(config_));
      renewed = true;
      return RetryVerdict::AgainNow;
    }
    return retryable_status(resp.status) ? RetryVerdict::Backoff : RetryVerdict::Fail;
  };
  hooks.fail = [&](const HttpResponse &resp, int attempt) {
    throw snowflake_error(config_, resp.status, resp.body, attempt);
  };
  return perform_with_retries(http_, req, config_.retry, abort, hooks, &retries_);
}

SfResult SnowflakeClient::submit(const std::string &sql, const std::vector<SfBinding> &bindings,
                                 const std::string &request_id, const AbortCheck &abort) {
  json body = {{"statement", sql}};
  if (config_.statement_timeout_s > 0) body["timeout"] = config_.statement_timeout_s;
  if (!config_.warehouse.empty()) body["warehouse"] = config_.warehouse;
  if (!config_.database.empty()) body["database"] = config_.database;
  if (!config_.schema.empty()) body["schema"] = config_.schema;
  if (!config_.role.empty()) body["role"] = config_.role;
  // One statement per request, stated rather than left to the account's
  // default: nothing appended to a query can run as a second statement.
  json params = {{"query_tag", config_.query_tag}, {"MULTI_STATEMENT_COUNT", "1"}};
  body["parameters"] = params;
  if (!bindings.empty()) {
    json b = json::object();
    int n = 0;
    for (const SfBinding &v : bindings)
      b[std::to_string(++n)] = {{"type", v.type}, {"value", v.is_null ? json(nullptr) : json(v.value)}};
    body["bindings"] = b;
  }
  HttpResponse resp = call("POST", "/api/v2/statements?requestId=" + url_encode(request_id), body.dump(), abort, true);
  return naming_server("Snowflake", config_.server_name, kStatementShape,
                       [&] { return parse_sf_response(std::move(resp.body)); });
}

SfResult SnowflakeClient::status(const std::string &handle, const AbortCheck &abort) {
  HttpResponse resp = call("GET", "/api/v2/statements/" + url_encode(handle), "", abort, false);
  SfResult r = naming_server("Snowflake", config_.server_name, kStatementShape,
                             [&] { return parse_sf_response(std::move(resp.body)); });
  if (r.handle.empty()) r.handle = handle;
  return r;
}

SfResult SnowflakeClient::partition(const std::string &handle, size_t n, const AbortCheck &abort) {
  HttpResponse resp =
      call("GET", "/api/v2/statements/" + url_encode(handle) + "?partition=" + std::to_string(n), "", abort, false);
  SfResult r = naming_server("Snowflake", config_.server_name, kStatementShape,
                             [&] { return parse_sf_response(std::move(resp.body)); });
  r.handle = handle;
  r.complete = true;
  return r;
}

void SnowflakeClient::cancel(const std::string &handle, const AbortCheck &abort) {
  call("POST", "/api/v2/statements/" + url_encode(handle) + "/cancel", "{}", abort, false);
}

SfResult SnowflakeClient::wait(SfResult r, const AbortCheck &abort) {
  long delay = 50;
  while (!r.complete) {
    sleep_interruptibly(delay, abort);
    delay = std::min(delay * 2, 2000L);
    r = status(r.handle, abort);
  }
  return r;
}

SfResult SnowflakeClient::run(const std::string &sql, const std::vector<SfBinding> &bindings, const AbortCheck &abort) {
  SfResult r = submit(sql, bindings, new_request_id(), abort);
  std::string handle = r.handle;
  try {
    return wait(std::move(r), abort);
  } catch (const Interrupted &) {
    // Abandoned while still running (Ctrl-C, statement_timeout): stop it
    // in Snowflake too, without masking the interrupt.
    cancel_sf_statement_quietly(config_, handle);
    throw;
  }
}

long sf_oauth_renew_after_s(long expires_in_s) {
  if (expires_in_s <= 0) return 0;
  return expires_in_s > 600 ? expires_in_s - 300 : expires_in_s / 2;
}

std::string SnowflakeClient::oauth_access_token(const AbortCheck &abort) {
  std::string key = oauth_cache_key(config_);
  {
    std::lock_guard<std::mutex> lock(token_mu);
    auto it = oauth_tokens().find(key);
    if (it != oauth_tokens().end() && std::chrono::steady_clock::now() < it->second.renew_at) return it->second.token;
  }
  HttpRequest req;
  req.method = "POST";
  req.url = config_.endpoint + "/oauth/token-request";
  req.body = "grant_type=refresh_token&refresh_token=" + url_encode(config_.oauth_refresh_token);
  req.timeout_ms = std::min(config_.timeout_ms, 60000L);
  req.allow_http = config_.allow_http;
  req.headers = {"Accept: application/json", "User-Agent: warehouse_fdw/1.0",
                 "Content-Type: application/x-www-form-urlencoded",
                 "Authorization: Basic " + base64_encode(config_.oauth_client_id + ":" + config_.oauth_client_secret)};
  RetryHooks hooks;
  hooks.label = "Snowflake OAuth";
  hooks.server_name = config_.server_name;
  hooks.unreachable_hint = "Check the server's account or endpoint option and the network.";
  hooks.judge = [](const HttpResponse &resp) {
    if (resp.status == 200) return RetryVerdict::Accept;
    return retryable_status(resp.status) ? RetryVerdict::Backoff : RetryVerdict::Fail;
  };
  hooks.fail = [&](const HttpResponse &resp, int) {
    // {"error": "invalid_grant", "error_description": "..."}: only these
    // two fields are reported, never the body (nor, ever, a secret).
    json doc = json::parse(resp.body, nullptr, false);
    std::string what = "HTTP " + std::to_string(resp.status);
    if (doc.is_object() && doc.contains("error") && doc["error"].is_string()) {
      what += ": " + doc["error"].get<std::string>();
      if (doc.contains("error_description") && doc["error_description"].is_string())
        what += ": " + doc["error_description"].get<std::string>();
    }
    throw Error(
        sqlstate::kInvalidAuthorization,
        "Snowflake OAuth refused the refresh token of the user mapping for server \"" + config_.server_name + "\"",
        what + (what.back() == '.' ? "" : "."),
        "Check oauth_client_id, oauth_client_secret and oauth_refresh_token of the user mapping; a refresh "
        "token expires (OAUTH_REFRESH_TOKEN_VALIDITY of the security integration): issue a new one.");
  };
  HttpResponse resp = perform_with_retries(http_, req, config_.retry, abort, hooks, &retries_);
  std::string token;
  long expires_in = 0;
  naming_server("Snowflake", config_.server_name, "an OAuth token response with access_token and expires_in", [&] {
    json doc = json::parse(resp.body);
    token = doc.at("access_token").get<std::string>();
    expires_in = doc.value("expires_in", 600L);
    if (token.empty()) throw MalformedResponse("access_token is empty");
  });
  std::lock_guard<std::mutex> lock(token_mu);
  oauth_tokens()[key] = {token,
                         std::chrono::steady_clock::now() + std::chrono::seconds(sf_oauth_renew_after_s(expires_in))};
  return token;
}

void cancel_sf_statement_quietly(const SnowflakeConfig &config, const std::string &handle) noexcept {
  if (handle.empty()) return;
  try {
    SnowflakeConfig quick = config;
    quick.timeout_ms = 5000;
    quick.retry.max_attempts = 2;
    quick.retry.base_delay_ms = 100;
    SnowflakeClient(quick).cancel(handle, nullptr);
  } catch (...) {
  }
}

}  // namespace wfdw
