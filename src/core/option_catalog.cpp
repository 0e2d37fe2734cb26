#define WFDW_PURE_TU 1
#include "core/option_catalog.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>

#include "core/errors.hpp"
#include "core/option_values.hpp"
#include "core/provider_info.hpp"

namespace wfdw {
namespace {

using S = OptionScope;
using K = ValueKind;

// Calls f(spec) for every row valid for `provider` ("" for any provider).
template <class F>
void for_each_option(const std::string &provider, F f) {
  for (const OptionSpec &spec : shared_options()) f(spec);
  for (const ProviderInfo *p : provider_registry()) {
    if (!provider.empty() && provider != p->name) continue;
    if (p->http)
      for (const OptionSpec &spec : http_provider_options()) f(spec);
    for (const OptionSpec &spec : p->options()) f(spec);
  }
}

}  // namespace

const SuperuserRule kRedirectsRequests = {
    nullptr, nullptr,
    "It decides where the database server sends requests, with the credentials of every user mapping of the "
    "server; see docs/security.md."};

bool option_needs_superuser(const OptionSpec &spec, const std::string &value, const char **what, const char **hint) {
  const SuperuserRule *rule = spec.superuser_rule;
  bool needs = spec.superuser_only || (rule != nullptr && rule->applies != nullptr && rule->applies(value));
  *what = rule != nullptr && rule->what != nullptr ? rule->what : "";
  *hint = rule != nullptr && rule->hint != nullptr ? rule->hint
                                                   : "This option reaches the server's file system or relaxes "
                                                     "authentication.";
  return needs;
}

std::vector<std::string> known_providers() {
  std::vector<std::string> names;
  for (const ProviderInfo *p : provider_registry()) names.emplace_back(p->name);
  return names;
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

const std::vector<OptionSpec> &shared_options() {
  // clang-format off
  static const std::vector<OptionSpec> rows = {
    // name                  scope           kind          su     secret libpq
    {"provider",             S::Server,      K::Provider,  false, false, false},
    {"fetch_size",           S::Server,      K::PosInt,    false, false, false},
    {"use_remote_estimate",  S::Server,      K::Bool,      false, false, false},
    {"fdw_startup_cost",     S::Server,      K::Cost,      false, false, false},
    {"fdw_tuple_cost",       S::Server,      K::Cost,      false, false, false},
    {"keep_connections",     S::Server,      K::Bool,      false, false, false},
    // foreign table
    {"schema_name",          S::Table,       K::Text,      false, false, false},
    {"table_name",           S::Table,       K::Text,      false, false, false},
    {"fetch_size",           S::Table,       K::PosInt,    false, false, false},
    {"use_remote_estimate",  S::Table,       K::Bool,      false, false, false},
    // column
    {"column_name",          S::Column,      K::Text,      false, false, false},
  };
  // clang-format on
  return rows;
}

const std::vector<OptionSpec> &http_provider_options() {
  // clang-format off
  static const std::vector<OptionSpec> rows = {
    // name                  scope           kind          su     secret libpq
    // endpoint: where requests (with every mapping's credentials) are sent
    {"endpoint",             S::Server,      K::Text,      true,  false, false, nullptr, &kRedirectsRequests},
    {"max_cost_usd",         S::Server,      K::Cost,      false, false, false},
    {"warn_cost_usd",        S::Server,      K::Cost,      false, false, false},
    // cost governance (docs/governance.md): above this estimate a query waits for an approver
    {"approval_cost_usd",    S::Server,      K::Cost,      false, false, false},
    {"approval_window",      S::Server,      K::Duration,  false, false, false},
    {"timeout",              S::Server,      K::Duration,  false, false, false},
    {"max_retries",          S::Server,      K::NonNegInt, false, false, false},
    {"retry_base_delay",     S::Server,      K::Duration,  false, false, false},
    {"ca_file",              S::Server,      K::Text,      true,  false, false},
    {"tls_verify",           S::Server,      K::Bool,      true,  false, false},
    // https_proxy: an egress proxy every request (and its credentials) goes through
    {"https_proxy",          S::Server,      K::Text,      true,  false, false, nullptr, &kRedirectsRequests},
    {"max_cost_usd",         S::UserMapping, K::Cost,      false, false, false},
    {"warn_cost_usd",        S::UserMapping, K::Cost,      false, false, false},
    // a mapping can only lower the server's threshold (the smaller applies)
    {"approval_cost_usd",    S::UserMapping, K::Cost,      false, false, false},
  };
  // clang-format on
  return rows;
}

const OptionSpec *find_option(const std::string &provider, OptionScope scope, const std::string &name) {
  const OptionSpec *found = nullptr;
  for_each_option(provider, [&](const OptionSpec &spec) {
    if (found == nullptr && spec.scope == scope && name == spec.name) found = &spec;
  });
  return found;
}

std::string valid_option_names(const std::string &provider, OptionScope scope) {
  std::vector<std::string> names;
  for_each_option(provider, [&](const OptionSpec &spec) {
    if (spec.scope == scope) names.emplace_back(spec.name);
  });
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
      if (spec->check != nullptr) spec->check(value);
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
      const std::vector<std::string> providers = known_providers();
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
  bool secret = false;
  for_each_option("", [&](const OptionSpec &spec) { secret = secret || (spec.secret && name == spec.name); });
  return secret;
}

}  // namespace wfdw
