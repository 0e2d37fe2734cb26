// warehouse_fdw_estimate() plans a query in the warehouse's own dialect
// without running it. Only a read query may be sent: the text must start
// (after comments) with SELECT, WITH, VALUES or TABLE, so that no option of
// EXPLAIN (ANALYZE runs the query), no other command, and nothing the
// prefix "EXPLAIN " would turn into something else gets through. One
// statement only is enforced by the transport (PostgreSQL: the extended
// protocol; Snowflake: the SQL API's statement count of 1).
#pragma once
#include "core/pure_zone.hpp"

#include <string>

namespace wfdw {

// Empty when `sql` starts like a read query; otherwise why it is refused.
// `hash_comments`: '#' starts a comment too (BigQuery).
std::string read_query_problem(const std::string &sql, bool hash_comments);

}  // namespace wfdw
