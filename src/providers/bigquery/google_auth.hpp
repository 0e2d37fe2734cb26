// Google OAuth for service accounts: key JSON -> RS256 JWT assertion ->
// access token from the key's token_uri, cached per key (a digest of the
// private key included, never its public fields alone) until five minutes
// before it expires and shared by every scan of the backend (thread-safe: the
// prefetch worker may renew it during a long scan).
#pragma once
#include "core/pure_zone.hpp"

#include <cstdint>
#include <string>

#include "core/http_client.hpp"
#include "core/retry_policy.hpp"

namespace wfdw {

// Google's token endpoint; any other token_uri in a key is an override only a
// superuser may set.
inline constexpr const char *kGoogleTokenUri = "https://oauth2.googleapis.com/token";

struct ServiceAccountKey {
  std::string client_email;
  std::string private_key;  // PEM
  std::string private_key_id;
  std::string token_uri;
};

// Parses a service-account key file's JSON; errors never quote it.
ServiceAccountKey parse_service_account_key(const std::string &json);

// Whether a service-account key's JSON names a token_uri other than
// Google's (where the signed assertion would be posted): only a superuser may
// set such a key. False for text that is not a JSON object.
bool overrides_token_uri(const std::string &json);

// The JWT assertion Google's token endpoint expects (exposed for tests).
std::string google_jwt_assertion(const ServiceAccountKey &key, const std::string &scope, int64_t now_s);

// The token cache's key: a digest of the whole key (private key included)
// and scope, so a token is reused only by holders of the same secret.
std::string google_token_cache_key(const ServiceAccountKey &key, const std::string &scope);

// An access token for `key`, from the cache or the token endpoint.
std::string google_access_token(const ServiceAccountKey &key, const std::string &scope, HttpClient &http,
                                const RetryPolicy &retry, const AbortCheck &abort);

// An access token of the host's own service account from the metadata
// server (GCE, GKE workload identity, Cloud Run): GET
// <metadata_base>/computeMetadata/v1/instance/service-accounts/default/token
// with Metadata-Flavor: Google; cached like the others.
std::string google_metadata_token(const std::string &metadata_base, const std::string &scope, HttpClient &http,
                                  const RetryPolicy &retry, const AbortCheck &abort);

// An access token of service account `target`, obtained with `base_token`
// (any credential's) from IAM Credentials' generateAccessToken at
// `iam_base` (https://iamcredentials.googleapis.com); cached under the
// base credential's cache key and the target for its hour, less 5 minutes.
std::string google_impersonated_token(const std::string &iam_base, const std::string &target,
                                      const std::string &base_token, const std::string &base_cache_key,
                                      const std::string &scope, HttpClient &http, const RetryPolicy &retry,
                                      const AbortCheck &abort);

// Forgets every cached token (tests; a rejected token).
void forget_google_tokens();

}  // namespace wfdw
