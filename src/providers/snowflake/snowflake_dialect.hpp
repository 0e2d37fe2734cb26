// Snowflake SQL.
#pragma once
#include "core/dialect.hpp"

namespace wfdw {

const Dialect &snowflake_dialect();

}  // namespace wfdw
