// The Snowflake provider, pure zone: options and defaults.
#define WFDW_PURE_TU 1
#include "providers/snowflake/snowflake_info.hpp"

#include <cctype>

#include "core/errors.hpp"
#include "core/provider_info.hpp"
#include "providers/snowflake/snowflake_dialect.hpp"

namespace wfdw {

void check_account_name(const std::string &value) {
  // The account becomes the host name https://<account>.snowflakecomputing.com:
  // nothing but a host label's characters may reach the URL.
  bool ok = !value.empty() && value.size() <= 255;
  for (unsigned char c : value)
    if (!std::isalnum(c) && c != '-' && c != '_' && c != '.') ok = false;
  if (!ok || value.front() == '.' || value.find("..") != std::string::npos)
    throw Error(sqlstate::kInvalidAttributeValue, "invalid value for option \"account\"", {},
                "A Snowflake account identifier has letters, digits, '-', '_' and '.' only (\"myorg-myaccount\" "
                "or \"xy12345.us-east-2.aws\").");
}

namespace {

using S = OptionScope;
using K = ValueKind;

const std::vector<OptionSpec> &snowflake_options() {
  // clang-format off
  static const std::vector<OptionSpec> rows = {
    // name                    scope           kind       su     secret libpq  check
    {"account",                S::Server,      K::Text,   false, false, false, check_account_name},
    {"warehouse",              S::Server,      K::Text,   false, false, false},
    {"database",               S::Server,      K::Text,   false, false, false},
    {"schema",                 S::Server,      K::Text,   false, false, false},
    {"role",                   S::Server,      K::Text,   false, false, false},
    {"max_parallel_downloads", S::Server,      K::PosInt, false, false, false},
    {"price_per_credit",       S::Server,      K::Cost,   false, false, false},
    {"credits_per_tib",        S::Server,      K::Cost,   false, false, false},
    {"user",                   S::UserMapping, K::Text,   false, false, false},
    {"private_key",            S::UserMapping, K::Text,   false, true,  false},
    {"private_key_passphrase", S::UserMapping, K::Text,   false, true,  false},
    {"oauth_token",            S::UserMapping, K::Text,   false, true,  false},
    {"programmatic_access_token", S::UserMapping, K::Text, false, true, false},
    {"oauth_client_id",        S::UserMapping, K::Text,   false, false, false},
    {"oauth_client_secret",    S::UserMapping, K::Text,   false, true,  false},
    {"oauth_refresh_token",    S::UserMapping, K::Text,   false, true,  false},
  };
  // clang-format on
  return rows;
}

}  // namespace

// EXPLAIN compiles without resuming a warehouse (no credits): remote
// estimates are on by default.
const ProviderInfo &snowflake_provider_info() {
  static const ProviderInfo info = {"snowflake", "Snowflake", snowflake_dialect, snowflake_options, true, 10000, true,
                                    nullptr, false};
  return info;
}

}  // namespace wfdw
