// Databricks OAuth machine-to-machine (service principal) tokens:
// POST <endpoint>/oidc/v1/token with HTTP Basic client_id:client_secret and
// grant_type=client_credentials&scope=all-apis. Tokens are cached
// process-wide per (endpoint, client_id, digest of the secret) and renewed
// five minutes before they expire, or at half their lifetime when that is
// sooner. The cache is thread-safe: chunk downloaders share it. Errors
// never quote the secret or a token.
#pragma once
#include "core/pure_zone.hpp"

#include <cstdint>
#include <functional>
#include <string>

#include "core/http_client.hpp"
#include "core/retry_policy.hpp"

namespace wfdw {

// Performs one HTTP request (HttpClient::perform, or a test's canned answers).
using DbxTransport = std::function<HttpResponse(const HttpRequest &, const AbortCheck &)>;

struct DbxOAuthClient {
  std::string server_name;  // for messages
  std::string endpoint;     // the workspace's base URL, no trailing slash
  bool allow_http = false;
  std::string client_id;
  std::string client_secret;
  long timeout_ms = 60000;  // per token request
};

// When a token issued at `issued_at_s` that lives `expires_in_s` seconds is
// renewed: 5 minutes before it expires, or halfway when it lives less than
// 10 minutes. A token without a positive lifetime is renewed at once.
int64_t dbx_token_renew_at(int64_t issued_at_s, int64_t expires_in_s);

// The cache key: endpoint, client id and a SHA-256 of the secret.
std::string dbx_token_cache_key(const DbxOAuthClient &client);

// An access token from the cache, or a new one from the token endpoint
// (retrying 429 and 5xx with `retry`). Throws wfdw::Error 28000 when the
// credentials are refused.
std::string dbx_oauth_token(const DbxOAuthClient &client, const DbxTransport &send, const RetryPolicy &retry,
                            const AbortCheck &abort);

// Forgets the cached token of `client` (a 401 on an API call), or every
// token when `client` is null (tests).
void forget_dbx_token(const DbxOAuthClient *client);

}  // namespace wfdw
