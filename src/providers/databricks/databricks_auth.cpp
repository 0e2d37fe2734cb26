#define WFDW_PURE_TU 1
#include "providers/databricks/databricks_auth.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <map>
#include <mutex>
#include <random>

#include "core/jwt.hpp"

namespace wfdw {
namespace {

using nlohmann::json;

struct CachedToken {
  std::string token;
  int64_t renew_at_s;
};

std::mutex cache_mutex;
std::map<std::string, CachedToken> &token_cache() {
  static std::map<std::string, CachedToken> cache;
  return cache;
}

int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

const char kHint[] =
    "Check the user mapping's client_id and client_secret: they must be an OAuth secret of a Databricks service "
    "principal of this workspace.";

}  // namespace

int64_t dbx_token_renew_at(int64_t issued_at_s, int64_t expires_in_s) {
  if (expires_in_s <= 0) return issued_at_s;
  return issued_at_s + expires_in_s - std::min<int64_t>(300, expires_in_s / 2);
}

std::string dbx_token_cache_key(const DbxOAuthClient &client) {
  std::string all;
  for (const std::string *f : {&client.endpoint, &client.client_id}) all += std::to_string(f->size()) + ":" + *f + "\n";
  return all + sha256_hex(client.client_secret);
}

std::string dbx_oauth_token(const DbxOAuthClient &client, const DbxTransport &send, const RetryPolicy &retry,
                            const AbortCheck &abort) {
  std::string key = dbx_token_cache_key(client);
  {
    std::lock_guard<std::mutex> lock(cache_mutex);
    auto it = token_cache().find(key);
    if (it != token_cache().end() && it->second.renew_at_s > now_seconds()) return it->second.token;
  }
  const std::string who = "Databricks OAuth token request for client_id \"" + client.client_id + "\" of server \"" +
                          client.server_name + "\"";
  HttpRequest req;
  req.method = "POST";
  req.url = client.endpoint + "/oidc/v1/token";
  req.headers = {"Content-Type: application/x-www-form-urlencoded", "Accept: application/json",
                 "Authorization: Basic " + base64_encode(client.client_id + ":" + client.client_secret)};
  req.body = "grant_type=client_credentials&scope=all-apis";
  req.timeout_ms = client.timeout_ms;
  req.allow_http = client.allow_http;
  int64_t now = now_seconds();
  int retries = 0;
  RetryHooks hooks;
  hooks.label = "the OAuth token endpoint of Databricks";
  hooks.server_name = client.server_name;
  hooks.unreachable_hint = "Check the server's host or endpoint option and the network.";
  hooks.prepare = [&](HttpRequest &, int) { now = now_seconds(); };
  hooks.judge = [](const HttpResponse &resp) {
    if (resp.status == 200) return RetryVerdict::Accept;
    return resp.status == 429 || resp.status >= 500 ? RetryVerdict::Backoff : RetryVerdict::Fail;
  };
  HttpResponse resp = perform_with_retries(send, req, retry, abort, hooks, &retries);
  {
    json doc = json::parse(resp.body, nullptr, false);
    bool has_token = resp.status == 200 && doc.is_object() && doc.contains("access_token") &&
                     doc["access_token"].is_string() && !doc["access_token"].get<std::string>().empty();
    if (!has_token) {
      std::string why = "HTTP " + std::to_string(resp.status);
      if (doc.is_object()) {
        auto text = [&](const char *k) {
          auto it = doc.find(k);
          return it != doc.end() && it->is_string() ? it->get<std::string>() : std::string();
        };
        std::string error = text("error"), description = text("error_description");
        if (!error.empty()) why += ": " + error;
        if (!description.empty()) why += ": " + description.substr(0, 300);
      }
      if (resp.status == 200) why += ": the response has no access_token";
      throw Error(resp.status == 200 || resp.status >= 500 ? sqlstate::kFdwError : sqlstate::kInvalidAuthorization,
                  who + " was refused", why + ".", kHint);
    }
    int64_t expires_in = 3600;
    auto e = doc.find("expires_in");
    if (e != doc.end() && e->is_number()) expires_in = e->get<int64_t>();
    CachedToken t{doc["access_token"].get<std::string>(), dbx_token_renew_at(now, expires_in)};
    std::lock_guard<std::mutex> lock(cache_mutex);
    if (token_cache().size() > 100) token_cache().clear();
    token_cache()[key] = t;
    return t.token;
  }
}

void forget_dbx_token(const DbxOAuthClient *client) {
  std::lock_guard<std::mutex> lock(cache_mutex);
  if (client == nullptr)
    token_cache().clear();
  else
    token_cache().erase(dbx_token_cache_key(*client));
}

}  // namespace wfdw
