#define WFDW_PURE_TU 1
#include "providers/bigquery/bigquery_rows.hpp"

#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "core/json_scan.hpp"

namespace wfdw {
namespace {

// How a column's string cells become input text.
enum class CellKind {
  Verbatim,   // the unescaped string is the input text (most types)
  Converted,  // TIMESTAMP, BYTES, INTERVAL: through bq_scalar_text_to_pg
  Nested,     // REPEATED or STRUCT: through nlohmann and bq_cell_to_pg_text
};

CellKind kind_of(const BqField &f) {
  if (f.repeated || f.type == "STRUCT") return CellKind::Nested;
  if (f.type == "TIMESTAMP" || f.type == "BYTES" || f.type == "INTERVAL") return CellKind::Converted;
  return CellKind::Verbatim;
}

}  // namespace

void decode_bq_rows(const char *begin, const char *end, const std::vector<BqField> &schema, CellPage &page) {
  const size_t ncols = schema.size();
  std::vector<CellKind> kinds;
  kinds.reserve(ncols);
  for (const BqField &f : schema) kinds.push_back(kind_of(f));
  JsonScanner scan(begin, end);
  std::string key, scratch;

  // One cell object {"v": value}; appends its text or a NULL offset.
  auto cell_value = [&](size_t c) {
    int64_t off = static_cast<int64_t>(page.text.size());
    if (scan.consume_null()) {
      page.null_cell();
      return;
    }
    if (kinds[c] == CellKind::Verbatim && scan.peek() == '"') {
      scan.read_string(page.text);
    } else if (kinds[c] == CellKind::Converted && scan.peek() == '"') {
      scratch.clear();
      scan.read_string(scratch);
      bq_scalar_text_to_pg(schema[c], scratch, page.text);
    } else {
      const char *v = scan.skip_value();
      nlohmann::json value = nlohmann::json::parse(v, scan.pos(), nullptr, false);
      if (value.is_discarded()) scan.fail("bad cell value");
      if (!bq_cell_to_pg_text(schema[c], value, page.text)) {
        page.null_cell();
        return;
      }
    }
    page.end_cell(off);
  };

  // [{"f":[cell, ...]}, ...]
  scan.array([&] {
    scan.only_member("f", key, [&] {
      size_t c = 0;
      scan.array([&] {
        if (c == ncols)
          throw Error(sqlstate::kFdwError, "BigQuery sent a row with more cells than the " + std::to_string(ncols) +
                                               " columns of its schema");
        scan.only_member("v", key, [&] { cell_value(c); });
        c++;
      });
      if (c != ncols)
        throw Error(sqlstate::kFdwError, "BigQuery sent a row of " + std::to_string(c) + " cells for the " +
                                             std::to_string(ncols) + " columns of its schema");
    });
    page.nrows++;
  });
}

}  // namespace wfdw
