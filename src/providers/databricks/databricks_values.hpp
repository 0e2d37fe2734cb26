// Databricks SQL result metadata (manifest.schema.columns) and JSON_ARRAY
// cells -> PostgreSQL input text: numbers, booleans, strings and dates as
// sent; TIMESTAMP / TIMESTAMP_NTZ from ISO 8601 ('T', 'Z'); BINARY from
// base64 to bytea's \x hex; INTERVAL from Spark's text to PostgreSQL's;
// ARRAY/MAP/STRUCT as their JSON text (for jsonb). Also the column types of
// information_schema (IMPORT FOREIGN SCHEMA) and EXPLAIN COST's estimate.
#pragma once
#include "core/pure_zone.hpp"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "core/cell_page.hpp"

namespace wfdw {

struct DbxColumn {
  std::string name;
  std::string type_name;  // upper case: BOOLEAN BYTE SHORT INT LONG FLOAT DOUBLE DECIMAL STRING CHAR BINARY DATE
                          // TIMESTAMP TIMESTAMP_NTZ INTERVAL ARRAY MAP STRUCT NULL (others kept as sent)
  std::string type_text;  // "DECIMAL(10,2)", "ARRAY<INT>", "INTERVAL DAY TO SECOND"
  int precision = -1;     // DECIMAL: digits; CHAR(n): n; -1 when unknown
  int scale = -1;
};

// Spark's spellings of a type name folded to the manifest's type_name
// vocabulary: BIGINT -> LONG, INTEGER -> INT, SMALLINT -> SHORT, TINYINT ->
// BYTE, REAL -> FLOAT, NUMERIC/DEC -> DECIMAL, VARCHAR -> STRING, VOID ->
// NULL; "decimal(10,2)" / "array<int>" -> their head; upper case.
std::string dbx_normalize_type_name(const std::string &name);

// manifest.schema.columns (an array; anything else gives no columns). Throws
// MalformedResponse for a column without a name.
std::vector<DbxColumn> parse_dbx_columns(const nlohmann::json &columns);

// The PostgreSQL type for a column (IMPORT, and checking declared types):
// LONG bigint, INT integer, SHORT/BYTE smallint, DECIMAL(p,s) numeric(p,s),
// DOUBLE double precision, FLOAT real, BOOLEAN boolean, STRING text, CHAR(n) character(n),
// BINARY bytea, DATE date, TIMESTAMP timestamp with time zone, TIMESTAMP_NTZ
// timestamp, INTERVAL interval, ARRAY/MAP/STRUCT jsonb, anything else text.
std::string pg_type_for_dbx_column(const DbxColumn &col);

// A column as <catalog>.information_schema.columns describes it: data_type
// ('INT', 'DECIMAL', 'ARRAY', ...), full_data_type ('int', 'decimal(10,2)',
// 'array<int>'), numeric_precision/numeric_scale (-1 when NULL).
DbxColumn dbx_column_from_information_schema(const std::string &name, const std::string &data_type,
                                             const std::string &full_data_type, int precision, int scale);

// Appends the PostgreSQL input text of a non-NULL cell whose JSON_ARRAY
// text is `s`. Throws wfdw::Error (SQLSTATE 22P02, naming the column, never
// more than 64 bytes of the value) for text the type cannot have.
void dbx_cell_to_pg_text(const DbxColumn &col, const std::string &s, std::string &out);

// Appends the rows of the JSON_ARRAY data_array [begin, end) ([["1",null],
// ...]) to `page`, whose ncols must equal columns.size(). Throws wfdw::Error
// for a row of the wrong width or a cell that is neither a string nor null.
void decode_dbx_rows(const char *begin, const char *end, const std::vector<DbxColumn> &columns, CellPage &page);

// EXPLAIN COST's estimate: the Statistics(sizeInBytes=..., rowCount=...) of
// the first node after "== Optimized Logical Plan ==". -1 where unknown.
struct DbxExplainCost {
  double bytes = -1;
  double rows = -1;
};
DbxExplainCost parse_dbx_explain_cost(const std::string &plan_text);

}  // namespace wfdw
