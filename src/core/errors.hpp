// The one exception type of the pure zone. It carries what a PostgreSQL error
// needs (SQLSTATE, message, detail, hint) so the boundary guard can raise it
// unchanged once the C++ frames are gone.
#pragma once
#include "core/pure_zone.hpp"

#include <stdexcept>
#include <string>

namespace wfdw {

// SQLSTATEs used by the pure zone (the PG zone maps them with MAKE_SQLSTATE).
namespace sqlstate {
inline constexpr const char *kInvalidOptionName = "HV00D";      // fdw_invalid_option_name
inline constexpr const char *kInvalidAttributeValue = "HV024";  // fdw_invalid_attribute_value
inline constexpr const char *kFdwError = "HV000";               // fdw_error
inline constexpr const char *kInternal = "XX000";
inline constexpr const char *kOutOfMemory = "53200";
}  // namespace sqlstate

class Error : public std::runtime_error {
 public:
  Error(std::string sqlstate, std::string message, std::string detail = {}, std::string hint = {})
      : std::runtime_error(message),
        sqlstate_(std::move(sqlstate)),
        detail_(std::move(detail)),
        hint_(std::move(hint)) {}

  const std::string &sqlstate() const noexcept { return sqlstate_; }
  const std::string &detail() const noexcept { return detail_; }
  const std::string &hint() const noexcept { return hint_; }

 private:
  std::string sqlstate_;
  std::string detail_;
  std::string hint_;
};

}  // namespace wfdw
