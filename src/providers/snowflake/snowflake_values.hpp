// Snowflake SQL API result metadata (rowType) and jsonv2 cells ->
// PostgreSQL input text, exactly: NUMBER as its scaled decimal text, DATE
// from days, TIME and TIMESTAMP_* from seconds with nine decimals, BINARY
// from hex, VARIANT/OBJECT/ARRAY as the JSON text itself.
#pragma once
#include "core/pure_zone.hpp"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace wfdw {

struct SfColumn {
  std::string name;
  std::string type;  // lower case: fixed, real, text, binary, boolean, date, time, timestamp_ntz, ...
  bool nullable = true;
  int precision = -1;
  int scale = -1;
  int64_t length = -1;
};

// resultSetMetaData.rowType; type names are folded to lower case.
std::vector<SfColumn> parse_sf_row_type(const nlohmann::json &row_type);

// The PostgreSQL type for a column (IMPORT, and checking declared types):
// NUMBER(p,0) with p <= 18 is bigint, other NUMBERs numeric(p,s).
std::string pg_type_for_sf_column(const SfColumn &col);

// A column as INFORMATION_SCHEMA.COLUMNS describes it (DATA_TYPE NUMBER,
// FLOAT, TEXT, TIMESTAMP_NTZ, ...; precision/scale/length -1 when NULL),
// in rowType's terms.
SfColumn sf_column_from_information_schema(const std::string &name, const std::string &data_type, int precision,
                                           int scale, int64_t length, bool nullable);

// EXPLAIN USING JSON's GlobalStats: micro-partitions assigned of the total
// and bytes assigned (an upper bound on bytes scanned). -1 where missing.
struct SfExplainStats {
  double partitions_total = -1;
  double partitions_assigned = -1;
  double bytes_assigned = -1;
};
SfExplainStats parse_sf_explain(const std::string &plan_json);

// Appends the input text of a non-NULL cell whose jsonv2 text is `s`.
// Throws wfdw::Error (naming the column, never more than 64 bytes of the
// value) for text the type cannot have.
void sf_cell_to_pg_text(const SfColumn &col, const std::string &s, std::string &out);

}  // namespace wfdw
