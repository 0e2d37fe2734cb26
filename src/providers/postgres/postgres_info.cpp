// The postgres provider, pure zone: a remote PostgreSQL reached with libpq.
#define WFDW_PURE_TU 1
#include "core/option_values.hpp"
#include "core/provider_info.hpp"
#include "providers/postgres/postgres_dialect.hpp"

namespace wfdw {
namespace {

using S = OptionScope;
using K = ValueKind;

// password_required 'false' lets a mapping connect without a password, as
// the database server's own OS user: a superuser decision.
bool is_false(const std::string &value) { return !parse_bool_option("password_required", value); }
const SuperuserRule kPasswordNotRequired = {is_false, "option \"password_required=false\"", nullptr};

const std::vector<OptionSpec> &postgres_options() {
  // clang-format off
  static const std::vector<OptionSpec> rows = {
    // name                  scope           kind          su     secret libpq
    {"analyze_sampling",     S::Server,      K::Bool,      false, false, false},
    // libpq connection keywords
    {"host",                 S::Server,      K::Text,      false, false, true},
    {"hostaddr",             S::Server,      K::Text,      false, false, true},
    {"port",                 S::Server,      K::PosInt,    false, false, true},
    {"dbname",               S::Server,      K::Text,      false, false, true},
    {"connect_timeout",      S::Server,      K::Duration,  false, false, true},
    {"sslmode",              S::Server,      K::Text,      false, false, true},
    {"sslrootcert",          S::Server,      K::Text,      true,  false, true},
    {"sslcert",              S::Server,      K::Text,      true,  false, true},
    {"sslkey",               S::Server,      K::Text,      true,  false, true},
    {"target_session_attrs", S::Server,      K::Text,      false, false, true},
    {"application_name",     S::Server,      K::Text,      false, false, true},
    {"keepalives",           S::Server,      K::Bool,      false, false, true},
    {"keepalives_idle",      S::Server,      K::NonNegInt, false, false, true},
    // user mapping
    {"user",                 S::UserMapping, K::Text,      false, false, true},
    {"password",             S::UserMapping, K::Text,      false, true,  true},
    {"password_required",    S::UserMapping, K::Bool,      false, false, false, nullptr, &kPasswordNotRequired},
    {"sslcert",              S::UserMapping, K::Text,      true,  false, true},
    {"sslkey",               S::UserMapping, K::Text,      true,  false, true},
    // column
    {"remote_as_text",       S::Column,      K::Bool,      false, false, false},
  };
  // clang-format on
  return rows;
}

}  // namespace

const ProviderInfo &postgres_provider_info() {
  static const ProviderInfo info = {"postgres", "PostgreSQL", postgres_dialect, postgres_options, false, 10000, false,
                                    nullptr, false};
  return info;
}

}  // namespace wfdw
