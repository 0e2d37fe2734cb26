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

#include "core/bigquery_values.hpp"

namespace wfdw {

// One decoded page: row-major NUL-terminated cells in one buffer.
struct BqPage {
  size_t nrows = 0;
  size_t ncols = 0;
  std::string text;
  std::vector<int64_t> offsets;  // per cell; -1 for NULL
  bool last = false;
  const char *cell(size_t row, size_t col) const {
    int64_t off = offsets[row * ncols + col];
    return off < 0 ? nullptr : text.data() + off;
  }
};

// Appends the rows of the JSON array [begin, end) ([{"f":[{"v":...}]}, ...])
// to `page`, whose ncols must equal schema.size(). Throws wfdw::Error for a
// malformed page, a row of the wrong width, or a value its type cannot hold.
void decode_bq_rows(const char *begin, const char *end, const std::vector<BqField> &schema, BqPage &page);

}  // namespace wfdw
