// The BigQuery provider, pure zone: options and defaults.
#define WFDW_PURE_TU 1
#include "core/provider_info.hpp"
#include "providers/bigquery/google_auth.hpp"
#include "providers/bigquery/bigquery_dialect.hpp"

namespace wfdw {
namespace {

using S = OptionScope;
using K = ValueKind;

// A key's token_uri is where the signed assertion is posted: only a
// superuser may point it away from Google (as with endpoint).
const SuperuserRule kKeyTokenUri = {overrides_token_uri, "a service_account_key whose token_uri is not Google's",
                                    kRedirectsRequests.hint};
const SuperuserRule kHostIdentity = {nullptr, nullptr,
                                     "It lends the mapping the database host's own Google identity (the metadata "
                                     "server's service account): a superuser decides who may use it."};

const std::vector<OptionSpec> &bigquery_options() {
  // clang-format off
  static const std::vector<OptionSpec> rows = {
    // name                      scope           kind      su     secret libpq
    {"project",                  S::Server,      K::Text,  false, false, false},
    {"location",                 S::Server,      K::Text,  false, false, false},
    {"price_per_tib",            S::Server,      K::Cost,  false, false, false},
    {"max_bytes_billed",         S::Server,      K::Bytes, false, false, false},
    {"service_account_key",      S::UserMapping, K::Text,  false, true,  false, nullptr, &kKeyTokenUri},
    {"service_account_key_file", S::UserMapping, K::Text,  true,  false, false},
    {"access_token",             S::UserMapping, K::Text,  false, true,  false},
    // The database host's own identity: a superuser decides who may use it.
    {"use_metadata_server",      S::UserMapping, K::Bool,  true,  false, false, nullptr, &kHostIdentity},
    {"metadata_endpoint",        S::Server,      K::Text,  true,  false, false, nullptr, &kRedirectsRequests},
    // Act as another service account (IAM Credentials generateAccessToken),
    // the mapping's credential being the base: one host identity, per-team
    // service accounts. Google checks the base may (TokenCreator).
    {"impersonate_service_account", S::UserMapping, K::Text, false, false, false},
    {"iam_endpoint",             S::Server,      K::Text,  true,  false, false, nullptr, &kRedirectsRequests},
    {"project",                  S::Table,       K::Text,  false, false, false},
  };
  // clang-format on
  return rows;
}

}  // namespace

// A dry run is free and fast: remote estimates are on by default. Pages of
// 20000 rows keep a page's JSON within a few megabytes.
const ProviderInfo &bigquery_provider_info() {
  static const ProviderInfo info = {"bigquery", "BigQuery", bigquery_dialect, bigquery_options, true, 20000, true,
                                    "project", true};
  return info;
}

}  // namespace wfdw
