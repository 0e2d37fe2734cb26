// BigQuery result schemas and cells -> PostgreSQL input text. Every cell is a
// JSON string on the wire; each type is converted exactly (NUMERIC as its
// decimal text, TIMESTAMP from int64 microseconds, BYTES from base64), so the
// PG zone only runs the column type's input function.
#pragma once
#include "core/pure_zone.hpp"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace wfdw {

struct BqField {
  std::string name;
  std::string type;  // canonical GoogleSQL name: INT64, FLOAT64, BOOL, STRUCT, STRING, ...
  bool repeated = false;
  bool required = false;
  std::string description;
  std::vector<BqField> fields;  // STRUCT members
};

// schema.fields of a response or table; legacy names are canonicalised.
std::vector<BqField> parse_bq_schema(const nlohmann::json &schema);
std::string canonical_bq_type(const std::string &type);

// The PostgreSQL type IMPORT FOREIGN SCHEMA declares for a field.
std::string pg_type_for_bq_field(const BqField &field);

// Appends the PostgreSQL input text of cell value `v` (the "v" member of a
// cell) to `out`; returns false (appending nothing) for NULL. Throws
// wfdw::Error for a value the type cannot hold.
bool bq_cell_to_pg_text(const BqField &field, const nlohmann::json &v, std::string &out);

// The PostgreSQL input text of a non-NULL scalar cell whose wire value is
// the string `s` (STRUCT excluded). Throws wfdw::Error for a bad value.
void bq_scalar_text_to_pg(const BqField &field, const std::string &s, std::string &out);

// Exposed for unit tests.
std::string bq_timestamp_micros_to_text(int64_t micros);
std::string bq_interval_to_pg(const std::string &bq);

}  // namespace wfdw
