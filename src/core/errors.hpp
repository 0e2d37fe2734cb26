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
inline constexpr const char *kUnableToConnect = "HV00N";  // fdw_unable_to_establish_connection
inline constexpr const char *kConnectionFailure = "08006";
inline constexpr const char *kInvalidAuthorization = "28000";
inline constexpr const char *kInsufficientPrivilege = "42501";
inline constexpr const char *kSyntaxError = "42601";
inline constexpr const char *kUndefinedTable = "42P01";
inline constexpr const char *kQueryCanceled = "57014";
inline constexpr const char *kProgramLimitExceeded = "54000";
inline constexpr const char *kConfigurationLimitExceeded = "53400";
inline constexpr const char *kTooManyConnections = "53300";
inline constexpr const char *kDataException = "22000";
inline constexpr const char *kNumericOutOfRange = "22003";
inline constexpr const char *kInvalidText = "22P02";
inline constexpr const char *kUntranslatableCharacter = "22P05";
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

// Thrown when the caller's abort check fired (Ctrl-C, statement_timeout) and
// a network wait was abandoned. The boundary guard lets PostgreSQL raise its
// own cancel error instead of this one.
class Interrupted : public Error {
 public:
  Interrupted() : Error(sqlstate::kQueryCanceled, "warehouse request abandoned: query canceled") {}
};

}  // namespace wfdw
