// Which options exist, where they may be set, and what values they take.
// Rows come in groups: the shared rows every provider takes (here), the HTTP
// kit's rows every HTTP provider takes (here), and each provider's own rows
// (its ProviderInfo::options, in src/providers/<name>/). A new provider adds
// rows, not code paths.
#pragma once
#include "core/pure_zone.hpp"

#include <string>
#include <vector>

namespace wfdw {

enum class OptionScope { Wrapper, Server, UserMapping, Table, Column };

enum class ValueKind {
  Text,       // any string
  Bool,       // parse_bool_option
  PosInt,     // whole number >= 1
  NonNegInt,  // whole number >= 0
  Cost,       // real >= 0
  Bytes,      // whole number >= 0, 64-bit
  Duration,   // parse_duration_ms
  Provider,   // the name of a registered provider (core/provider_info.hpp)
};

// A superuser requirement beyond OptionSpec::superuser_only: for some values
// only, or with its own message.
struct SuperuserRule {
  bool (*applies)(const std::string &value);  // this value needs a superuser (nullptr: superuser_only decides)
  const char *what;                           // "option \"x\"" by default
  const char *hint;                           // nullptr: the default hint
};

// The hint for options that decide where requests, with credentials, go.
extern const SuperuserRule kRedirectsRequests;

struct OptionSpec {
  const char *name;
  OptionScope scope;
  ValueKind kind;
  bool superuser_only;  // may be set only by a superuser
  bool secret;          // never printed (errors, logs, EXPLAIN)
  bool libpq;           // passed to libpq as a connection keyword (postgres provider)
  // A further check of a Text value (throws wfdw::Error), or nullptr.
  void (*check)(const std::string &value) = nullptr;
  const SuperuserRule *superuser_rule = nullptr;
};

// Whether setting `spec` to `value` needs a superuser; then *what and *hint
// say why (static text; *what empty: "option \"<name>\"").
bool option_needs_superuser(const OptionSpec &spec, const std::string &value, const char **what, const char **hint);

// The rows every provider takes.
const std::vector<OptionSpec> &shared_options();
// The rows every HTTP provider (ProviderInfo::http) takes.
const std::vector<OptionSpec> &http_provider_options();
// The names of the registered providers, in registry order.
std::vector<std::string> known_providers();
const char *scope_name(OptionScope scope);

// The spec for `name` valid for `provider` at `scope`, or nullptr.
// `provider` may be empty where it is not known yet (a server being created
// without a provider option is rejected elsewhere); then any provider matches.
const OptionSpec *find_option(const std::string &provider, OptionScope scope, const std::string &name);

// Checks one option; throws wfdw::Error (HV00D for an unknown name, listing the
// valid names for that provider and object; HV024 for a bad value).
void validate_option(const std::string &provider, OptionScope scope, const std::string &name, const std::string &value);

// The comma-separated, sorted list of valid option names, for error hints.
std::string valid_option_names(const std::string &provider, OptionScope scope);

bool is_secret_option(const std::string &name);

}  // namespace wfdw
