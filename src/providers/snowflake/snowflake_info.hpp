// Snowflake option checks shared by the option catalog and the client.
#pragma once
#include "core/pure_zone.hpp"

#include <string>

namespace wfdw {

// A Snowflake account identifier safe to put in a host name; throws
// wfdw::Error (HV024) otherwise.
void check_account_name(const std::string &value);

}  // namespace wfdw
