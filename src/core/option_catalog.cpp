#define WFDW_PURE_TU 1
#include "core/option_catalog.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>

#include "core/errors.hpp"
#include "core/option_values.hpp"

namespace wfdw {
namespace {

using S = OptionScope;
using K = ValueKind;

bool provider_matches(const char *providers, const std::string &provider) {
  if (provider.empty()) return true;
  std::string list(providers);
  if (list == "*") return true;
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    std::string item = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (item == provider) return true;
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return false;
}

}  // namespace

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

const std::vector<std::string> &known_providers() {
  static const std::vector<std::string> providers = {"postgres", "bigquery", "snowflake"};
  return providers;
}

const char *scope_name(OptionScope scope) {
  switch (scope) {
    case S::Wrapper:
      return "foreign-data wrapper";
    case S::Server:
      return "server";
    case S::UserMapping:
      return "user mapping";
    case S::Table:
      return "foreign table";
    case S::Column:
      return "column";
  }
  return "object";
}

const std::vector<OptionSpec> &option_catalog() {
  // clang-format off
  static const std::vector<OptionSpec> catalog = {
    // name                  scope           providers   kind          su     secret libpq
    {"provider",             S::Server,      "*",        K::Provider,  false, false, false},
    {"fetch_size",           S::Server,      "*",        K::PosInt,    false, false, false},
    {"use_remote_estimate",  S::Server,      "*",        K::Bool,      false, false, false},
    {"fdw_startup_cost",     S::Server,      "*",        K::Cost,      false, false, false},
    {"fdw_tuple_cost",       S::Server,      "*",        K::Cost,      false, false, false},
    {"keep_connections",     S::Server,      "*",        K::Bool,      false, false, false},
    {"analyze_sampling",     S::Server,      "postgres", K::Bool,      false, false, false},
    // libpq connection keywords of the postgres provider
    {"host",                 S::Server,      "postgres", K::Text,      false, false, true},
    {"hostaddr",             S::Server,      "postgres", K::Text,      false, false, true},
    {"port",                 S::Server,      "postgres", K::PosInt,    false, false, true},
    {"dbname",               S::Server,      "postgres", K::Text,      false, false, true},
    {"connect_timeout",      S::Server,      "postgres", K::Duration,  false, false, true},
    {"sslmode",              S::Server,      "postgres", K::Text,      false, false, true},
    {"sslrootcert",          S::Server,      "postgres", K::Text,      true,  false, true},
    {"sslcert",              S::Server,      "postgres", K::Text,      true,  false, true},
    {"sslkey",               S::Server,      "postgres", K::Text,      true,  false, true},
    {"target_session_attrs", S::Server,      "postgres", K::Text,      false, false, true},
    {"application_name",     S::Server,      "postgres", K::Text,      false, false, true},
    {"keepalives",           S::Server,      "postgres", K::Bool,      false, false, true},
    {"keepalives_idle",      S::Server,      "postgres", K::NonNegInt, false, false, true},
    // BigQuery
    {"project",              S::Server,      "bigquery", K::Text,      false, false, false},
    {"location",             S::Server,      "bigquery", K::Text,      false, false, false},
    // endpoint: where requests (with every mapping's credentials) are sent
    {"endpoint",             S::Server,      "bigquery,snowflake", K::Text,      true,  false, false},
    {"price_per_tib",        S::Server,      "bigquery", K::Cost,      false, false, false},
    {"max_cost_usd",         S::Server,      "bigquery,snowflake", K::Cost,      false, false, false},
    {"warn_cost_usd",        S::Server,      "bigquery,snowflake", K::Cost,      false, false, false},
    {"max_bytes_billed",     S::Server,      "bigquery", K::Bytes,     false, false, false},
    {"timeout",              S::Server,      "bigquery,snowflake", K::Duration,  false, false, false},
    {"max_retries",          S::Server,      "bigquery,snowflake", K::NonNegInt, false, false, false},
    {"retry_base_delay",     S::Server,      "bigquery,snowflake", K::Duration,  false, false, false},
    {"ca_file",              S::Server,      "bigquery,snowflake", K::Text,      true,  false, false},
    {"tls_verify",           S::Server,      "bigquery,snowflake", K::Bool,      true,  false, false},
    // Snowflake
    {"account",              S::Server,      "snowflake", K::Text,     false, false, false},
    {"warehouse",            S::Server,      "snowflake", K::Text,     false, false, false},
    {"database",             S::Server,      "snowflake", K::Text,     false, false, false},
    {"schema",               S::Server,      "snowflake", K::Text,     false, false, false},
    {"role",                 S::Server,      "snowflake", K::Text,     false, false, false},
    {"max_parallel_downloads", S::Server,    "snowflake", K::PosInt,   false, false, false},
    {"price_per_credit",     S::Server,      "snowflake", K::Cost,     false, false, false},
    {"credits_per_tib",      S::Server,      "snowflake", K::Cost,     false, false, false},
    // user mapping
    {"user",                 S::UserMapping, "snowflake", K::Text,     false, false, false},
    {"private_key",          S::UserMapping, "snowflake", K::Text,     false, true,  false},
    {"private_key_passphrase", S::UserMapping, "snowflake", K::Text,   false, true,  false},
    {"oauth_token",          S::UserMapping, "snowflake", K::Text,     false, true,  false},
    {"service_account_key",  S::UserMapping, "bigquery", K::Text,      false, true,  false},
    {"service_account_key_file", S::UserMapping, "bigquery", K::Text,  true,  false, false},
    {"access_token",         S::UserMapping, "bigquery", K::Text,      false, true,  false},
    {"max_cost_usd",         S::UserMapping, "bigquery,snowflake", K::Cost,      false, false, false},
    {"warn_cost_usd",        S::UserMapping, "bigquery,snowflake", K::Cost,      false, false, false},
    {"user",                 S::UserMapping, "postgres", K::Text,      false, false, true},
    {"password",             S::UserMapping, "postgres", K::Text,      false, true,  true},
    {"password_required",    S::UserMapping, "postgres", K::Bool,      true,  false, false},
    {"sslcert",              S::UserMapping, "postgres", K::Text,      true,  false, true},
    {"sslkey",               S::UserMapping, "postgres", K::Text,      true,  false, true},
    // foreign table
    {"schema_name",          S::Table,       "*",        K::Text,      false, false, false},
    {"table_name",           S::Table,       "*",        K::Text,      false, false, false},
    {"fetch_size",           S::Table,       "*",        K::PosInt,    false, false, false},
    {"use_remote_estimate",  S::Table,       "*",        K::Bool,      false, false, false},
    {"project",              S::Table,       "bigquery", K::Text,      false, false, false},
    // column
    {"column_name",          S::Column,      "*",        K::Text,      false, false, false},
    {"remote_as_text",       S::Column,      "postgres", K::Bool,      false, false, false},
  };
  // clang-format on
  return catalog;
}

const OptionSpec *find_option(const std::string &provider, OptionScope scope, const std::string &name) {
  for (const OptionSpec &spec : option_catalog())
    if (spec.scope == scope && name == spec.name && provider_matches(spec.providers, provider)) return &spec;
  return nullptr;
}

std::string valid_option_names(const std::string &provider, OptionScope scope) {
  std::vector<std::string> names;
  for (const OptionSpec &spec : option_catalog())
    if (spec.scope == scope && provider_matches(spec.providers, provider)) names.emplace_back(spec.name);
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  std::string out;
  for (const std::string &n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

void validate_option(const std::string &provider, OptionScope scope, const std::string &name,
                     const std::string &value) {
  const OptionSpec *spec = find_option(provider, scope, name);
  if (spec == nullptr) {
    std::string valid = valid_option_names(provider, scope);
    std::string who = provider.empty() ? std::string() : " of provider \"" + provider + "\"";
    throw Error(sqlstate::kInvalidOptionName, "invalid option \"" + name + "\" for a " + scope_name(scope) + who, {},
                valid.empty() ? "There are no valid options in this context."
                              : "Valid options in this context are: " + valid + ".");
  }
  switch (spec->kind) {
    case K::Text:
      if (name == "account") check_account_name(value);
      break;
    case K::Bool:
      parse_bool_option(name, value);
      break;
    case K::PosInt:
      parse_int_option(name, value, 1, 2147483647);
      break;
    case K::NonNegInt:
      parse_int_option(name, value, 0, 2147483647);
      break;
    case K::Cost:
      parse_real_option(name, value, 0.0);
      break;
    case K::Bytes:
      parse_int_option(name, value, 0, INT64_MAX);
      break;
    case K::Duration:
      parse_duration_ms(name, value);
      break;
    case K::Provider: {
      const auto &providers = known_providers();
      if (std::find(providers.begin(), providers.end(), value) == providers.end()) {
        std::string list;
        for (const std::string &p : providers) list += (list.empty() ? "" : ", ") + p;
        throw Error(sqlstate::kInvalidAttributeValue, "unknown provider \"" + value + "\"", {},
                    "Valid providers are: " + list + ".");
      }
      break;
    }
  }
}

bool is_secret_option(const std::string &name) {
  for (const OptionSpec &spec : option_catalog())
    if (spec.secret && name == spec.name) return true;
  return false;
}

}  // namespace wfdw
