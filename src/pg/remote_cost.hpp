// What BigQuery and Snowflake scans share about estimates and their price:
// a short-lived cache of numbers the warehouse reported at plan time (so
// planning a query, or re-planning a prepared one, does not repeat remote
// calls) and how bytes and dollars are printed in EXPLAIN and messages.
#pragma once
#include "core/pure_zone.hpp"

#include <string>

#include "pg/pg.hpp"

namespace wfdw {

// A cached number for `key`, if stored less than a minute ago. C++ strings:
// call inside guard().
bool estimate_cache_get(const std::string &key, double *value);
void estimate_cache_put(const std::string &key, double value);

// "1.21 GB" style text of a byte count (palloc'd).
char *format_bytes(double bytes);
// "$0.0074", or "$0.00000267" below a cent (palloc'd).
char *format_usd(double usd);

}  // namespace wfdw
