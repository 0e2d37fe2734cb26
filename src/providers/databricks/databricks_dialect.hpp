// Databricks SQL (Spark SQL with ANSI mode, as SQL warehouses run it).
#pragma once
#include "core/pure_zone.hpp"

#include "core/dialect.hpp"

namespace wfdw {

const Dialect &databricks_dialect();

}  // namespace wfdw
