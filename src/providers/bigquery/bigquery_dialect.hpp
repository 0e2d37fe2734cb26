// GoogleSQL, as BigQuery runs it.
#pragma once
#include "core/dialect.hpp"

namespace wfdw {

const Dialect &bigquery_dialect();

}  // namespace wfdw
