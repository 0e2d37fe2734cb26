// Which options exist, where they may be set, and what values they take.
// One table for every provider: a new provider adds rows, not code paths.
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
  Provider,   // one of known_providers()
};

struct OptionSpec {
  const char *name;
  OptionScope scope;
  const char *providers;  // comma-separated provider names, or "*" for all
  ValueKind kind;
  bool superuser_only;  // may be set only by a superuser
  bool secret;          // never printed (errors, logs, EXPLAIN)
  bool libpq;           // passed to libpq as a connection keyword (postgres provider)
};

const std::vector<OptionSpec> &option_catalog();
const std::vector<std::string> &known_providers();
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

// A Snowflake account identifier safe to put in a host name; throws
// wfdw::Error (HV024) otherwise.
void check_account_name(const std::string &value);

}  // namespace wfdw
