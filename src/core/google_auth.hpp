// Google OAuth for service accounts: key JSON -> RS256 JWT assertion ->
// access token from the key's token_uri, cached per key until five minutes
// before it expires and shared by every scan of the backend (thread-safe: the
// prefetch worker may renew it during a long scan).
#pragma once
#include "core/pure_zone.hpp"

#include <cstdint>
#include <string>

#include "core/http_client.hpp"
#include "core/retry_policy.hpp"

namespace wfdw {

struct ServiceAccountKey {
  std::string client_email;
  std::string private_key;  // PEM
  std::string private_key_id;
  std::string token_uri;
};

// Parses a service-account key file's JSON; errors never quote it.
ServiceAccountKey parse_service_account_key(const std::string &json);

// The JWT assertion Google's token endpoint expects (exposed for tests).
std::string google_jwt_assertion(const ServiceAccountKey &key, const std::string &scope, int64_t now_s);

// An access token for `key`, from the cache or the token endpoint.
std::string google_access_token(const ServiceAccountKey &key, const std::string &scope, HttpClient &http,
                                const RetryPolicy &retry, const AbortCheck &abort);

// Forgets every cached token (tests; a rejected token).
void forget_google_tokens();

}  // namespace wfdw
