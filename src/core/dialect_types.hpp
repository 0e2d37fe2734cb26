// Helpers shared by the whitelist dialects (GoogleSQL, Snowflake): type
// predicates on PostgreSQL format_type names, and the functions whose
// meaning is the same in standard SQL engines for the argument types given.
#pragma once
#include "core/pure_zone.hpp"

#include <cstring>

#include "core/dialect.hpp"

namespace wfdw {

inline bool type_eq(const char *a, const char *b) { return a != nullptr && b != nullptr && std::strcmp(a, b) == 0; }
inline bool is_int_type(const char *t) {
  return type_eq(t, "smallint") || type_eq(t, "integer") || type_eq(t, "bigint");
}
inline bool is_number_type(const char *t) {
  return is_int_type(t) || type_eq(t, "numeric") || type_eq(t, "double precision");
}
inline bool is_string_type(const char *t) { return type_eq(t, "text") || type_eq(t, "character varying"); }

inline bool is_comparison(const char *op) {
  return type_eq(op, "=") || type_eq(op, "<>") || type_eq(op, "<") || type_eq(op, "<=") || type_eq(op, ">") ||
         type_eq(op, ">=");
}

// LOWER, UPPER, REVERSE, REPLACE on strings; ABS; FLOOR, CEIL, TRUNC
// (numeric), SQRT (float); ROUND(numeric), which rounds half away from zero
// everywhere (float rounding differs: half to even in PostgreSQL). nullptr
// for anything else.
const char *common_function(const RoutineRef &fn);

}  // namespace wfdw
