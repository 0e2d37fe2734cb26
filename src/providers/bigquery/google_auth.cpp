#define WFDW_PURE_TU 1
#include "providers/bigquery/google_auth.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <map>
#include <mutex>
#include <random>

#include "core/jwt.hpp"
#include "core/errors.hpp"

namespace wfdw {
namespace {

using nlohmann::json;

struct CachedToken {
  std::string token;
  int64_t expires_at_s;
};

std::mutex cache_mutex;
std::map<std::string, CachedToken> &token_cache() {
  static std::map<std::string, CachedToken> cache;
  return cache;
}

int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// A token response {"access_token", "expires_in"} into the cache, or the
// refusal (only its error and error_description, never the body).
std::string cache_token(const std::string &cache_key, const HttpResponse &resp, int64_t issued_s,
                        const std::string &refused, const char *hint) {
  json doc = json::parse(resp.body, nullptr, false);
  if (resp.status != 200 || doc.is_discarded() || !doc.is_object() || !doc.contains("access_token") ||
      !doc["access_token"].is_string()) {
    std::string why = "HTTP " + std::to_string(resp.status);
    if (!doc.is_discarded() && doc.is_object() && doc.contains("error") && doc["error"].is_string()) {
      why += ": " + doc["error"].get<std::string>();
      if (doc.contains("error_description") && doc["error_description"].is_string())
        why += ": " + doc["error_description"].get<std::string>();
    }
    throw Error(sqlstate::kInvalidAuthorization, refused, why, hint);
  }
  int64_t expires_in = doc.contains("expires_in") && doc["expires_in"].is_number_integer()
                           ? doc["expires_in"].get<int64_t>()
                           : 3600;
  CachedToken t{doc["access_token"].get<std::string>(), issued_s + expires_in};
  std::lock_guard<std::mutex> lock(cache_mutex);
  token_cache()[cache_key] = t;
  return t.token;
}

}  // namespace

std::string google_token_cache_key(const ServiceAccountKey &key, const std::string &scope) {
  // Every field that names the account is public (client_email, key id,
  // token_uri): a token is cached under a digest of the private key too, so
  // it is only ever reused by a mapping that holds the same secret.
  std::string all;
  for (const std::string *f : {&key.client_email, &key.private_key_id, &key.token_uri, &scope, &key.private_key})
    all += std::to_string(f->size()) + ":" + *f;
  return sha256_hex(all);
}

ServiceAccountKey parse_service_account_key(const std::string &text) {
  json doc = json::parse(text, nullptr, false);
  const char *hint = "Paste the whole JSON key file of a service account (\"type\": \"service_account\").";
  if (doc.is_discarded() || !doc.is_object())
    throw Error(sqlstate::kInvalidAttributeValue, "service_account_key is not valid JSON", {}, hint);
  ServiceAccountKey key;
  auto field = [&](const char *name, bool required) {
    auto it = doc.find(name);
    if (it == doc.end() || !it->is_string() || it->get<std::string>().empty()) {
      if (required)
        throw Error(sqlstate::kInvalidAttributeValue, std::string("service_account_key has no \"") + name + "\" field",
                    {}, hint);
      return std::string();
    }
    return it->get<std::string>();
  };
  std::string type = field("type", false);
  if (!type.empty() && type != "service_account")
    throw Error(sqlstate::kInvalidAttributeValue, "service_account_key is a \"" + type + "\" credential", {}, hint);
  key.client_email = field("client_email", true);
  key.private_key = field("private_key", true);
  key.private_key_id = field("private_key_id", false);
  key.token_uri = field("token_uri", false);
  if (key.token_uri.empty()) key.token_uri = kGoogleTokenUri;
  return key;
}

bool overrides_token_uri(const std::string &text) {
  json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return false;  // refused when used, with its own error
  auto it = doc.find("token_uri");
  if (it == doc.end() || it->is_null()) return false;
  return !it->is_string() || (!it->get<std::string>().empty() && it->get<std::string>() != kGoogleTokenUri);
}

std::string google_jwt_assertion(const ServiceAccountKey &key, const std::string &scope, int64_t now_s) {
  json header = {{"alg", "RS256"}, {"typ", "JWT"}};
  if (!key.private_key_id.empty()) header["kid"] = key.private_key_id;
  json claims = {
      {"iss", key.client_email}, {"scope", scope}, {"aud", key.token_uri}, {"iat", now_s}, {"exp", now_s + 3600}};
  return rs256_jwt(header.dump(), claims.dump(), key.private_key, "");
}

std::string google_access_token(const ServiceAccountKey &key, const std::string &scope, HttpClient &http,
                                const RetryPolicy &retry, const AbortCheck &abort) {
  std::string cache_key = google_token_cache_key(key, scope);
  {
    std::lock_guard<std::mutex> lock(cache_mutex);
    auto it = token_cache().find(cache_key);
    if (it != token_cache().end() && it->second.expires_at_s - 300 > now_seconds()) return it->second.token;
  }
  HttpRequest req;
  req.method = "POST";
  req.url = key.token_uri;
  req.headers = {"Content-Type: application/x-www-form-urlencoded"};
  req.timeout_ms = 60000;
  // Only a superuser can give a key another token_uri (the option validator
  // checks it); Google's own is https.
  req.allow_http = key.token_uri != kGoogleTokenUri;
  int64_t now = 0;
  int retries = 0;
  RetryHooks hooks;
  hooks.label = "the OAuth token endpoint";
  hooks.server_name = key.client_email;
  hooks.unreachable_hint = "Check the token_uri of the service account key and the network.";
  hooks.prepare = [&](HttpRequest &r, int) {  // a fresh assertion each attempt
    now = now_seconds();
    r.body = "grant_type=" + url_encode("urn:ietf:params:oauth:grant-type:jwt-bearer") +
             "&assertion=" + google_jwt_assertion(key, scope, now);
  };
  hooks.judge = [](const HttpResponse &resp) {
    if (resp.status == 200) return RetryVerdict::Accept;
    return resp.status == 429 || resp.status >= 500 ? RetryVerdict::Backoff : RetryVerdict::Fail;
  };
  HttpResponse resp = perform_with_retries(http, req, retry, abort, hooks, &retries);
  return cache_token(cache_key, resp, now, "Google OAuth token request for " + key.client_email + " was refused",
                     "Check the service_account_key of the user mapping: the key must be current and its service "
                     "account enabled.");
}

std::string google_metadata_token(const std::string &metadata_base, const std::string &scope, HttpClient &http,
                                  const RetryPolicy &retry, const AbortCheck &abort) {
  std::string cache_key = "metadata\n" + metadata_base + "\n" + scope;
  {
    std::lock_guard<std::mutex> lock(cache_mutex);
    auto it = token_cache().find(cache_key);
    if (it != token_cache().end() && it->second.expires_at_s - 300 > now_seconds()) return it->second.token;
  }
  HttpRequest req;
  req.method = "GET";
  req.url = metadata_base + "/computeMetadata/v1/instance/service-accounts/default/token?scopes=" + url_encode(scope);
  req.headers = {"Metadata-Flavor: Google"};
  req.timeout_ms = 10000;
  req.allow_http = true;  // the metadata server is plain http on the host's link-local network
  int retries = 0;
  RetryHooks hooks;
  hooks.label = "the metadata server";
  hooks.server_name = metadata_base;
  hooks.unreachable_hint =
      "use_metadata_server needs a Google Cloud host (GCE, GKE workload identity, Cloud Run) whose metadata server "
      "answers at " + metadata_base + ".";
  hooks.judge = [](const HttpResponse &resp) {
    if (resp.status == 200) return RetryVerdict::Accept;
    return resp.status == 429 || resp.status >= 500 ? RetryVerdict::Backoff : RetryVerdict::Fail;
  };
  HttpResponse resp = perform_with_retries(http, req, retry, abort, hooks, &retries);
  return cache_token(cache_key, resp, now_seconds(), "the metadata server refused a token for the host's service account",
                     "The host's service account needs the BigQuery scope (or cloud-platform) and, on GKE, workload "
                     "identity bound to the pod's Kubernetes service account.");
}

std::string google_impersonated_token(const std::string &iam_base, const std::string &target,
                                      const std::string &base_token, const std::string &base_cache_key,
                                      const std::string &scope, HttpClient &http, const RetryPolicy &retry,
                                      const AbortCheck &abort) {
  std::string cache_key = "impersonate\n" + iam_base + "\n" + target + "\n" + sha256_hex(base_cache_key) + "\n" + scope;
  {
    std::lock_guard<std::mutex> lock(cache_mutex);
    auto it = token_cache().find(cache_key);
    if (it != token_cache().end() && it->second.expires_at_s - 300 > now_seconds()) return it->second.token;
  }
  constexpr int64_t kLifetimeS = 3600;
  HttpRequest req;
  req.method = "POST";
  req.url = iam_base + "/v1/projects/-/serviceAccounts/" + url_encode(target) + ":generateAccessToken";
  req.headers = {"Content-Type: application/json", "Authorization: Bearer " + base_token};
  req.body = json{{"scope", json::array({scope})}, {"lifetime", std::to_string(kLifetimeS) + "s"}}.dump();
  req.timeout_ms = 60000;
  req.allow_http = iam_base.compare(0, 8, "https://") != 0;  // only a superuser sets iam_endpoint
  int retries = 0;
  RetryHooks hooks;
  hooks.label = "IAM Credentials";
  hooks.server_name = target;
  hooks.unreachable_hint = "Check the network (and the server's iam_endpoint option, if set).";
  hooks.judge = [](const HttpResponse &resp) {
    if (resp.status == 200) return RetryVerdict::Accept;
    return resp.status == 429 || resp.status >= 500 ? RetryVerdict::Backoff : RetryVerdict::Fail;
  };
  int64_t issued = now_seconds();
  HttpResponse resp = perform_with_retries(http, req, retry, abort, hooks, &retries);
  // {"accessToken": "...", "expireTime": "2026-11-30T01:00:00Z"}; errors in
  // Google's shape {"error": {"code", "message", "status"}}.
  json doc = json::parse(resp.body, nullptr, false);
  if (resp.status != 200 || !doc.is_object() || !doc.contains("accessToken") || !doc["accessToken"].is_string()) {
    std::string why = "HTTP " + std::to_string(resp.status);
    if (doc.is_object() && doc.contains("error") && doc["error"].is_object() && doc["error"].contains("message") &&
        doc["error"]["message"].is_string())
      why += ": " + doc["error"]["message"].get<std::string>();
    throw Error(sqlstate::kInvalidAuthorization, "impersonating " + target + " was refused", why,
                "The mapping's credential needs roles/iam.serviceAccountTokenCreator on " + target + ".");
  }
  CachedToken t{doc["accessToken"].get<std::string>(), issued + kLifetimeS};
  std::lock_guard<std::mutex> lock(cache_mutex);
  token_cache()[cache_key] = t;
  return t.token;
}

void forget_google_tokens() {
  std::lock_guard<std::mutex> lock(cache_mutex);
  token_cache().clear();
}

}  // namespace wfdw
