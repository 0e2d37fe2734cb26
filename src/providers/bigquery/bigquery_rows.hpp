// Decoding the "rows" of a BigQuery result page straight into PostgreSQL
// input text. This is the scan's hot path: scalar cells are unescaped from
// the response text into the page buffer by a forward scanner (json_scan),
// with no JSON DOM; only REPEATED and STRUCT cells take the nlohmann path.
#pragma once
#include "core/pure_zone.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "providers/bigquery/bigquery_values.hpp"
#include "core/cell_page.hpp"

namespace wfdw {

// Appends the rows of the JSON array [begin, end) ([{"f":[{"v":...}]}, ...])
// to `page`, whose ncols must equal schema.size(). Throws wfdw::Error for a
// malformed page, a row of the wrong width, or a value its type cannot hold.
void decode_bq_rows(const char *begin, const char *end, const std::vector<BqField> &schema, CellPage &page);

}  // namespace wfdw
