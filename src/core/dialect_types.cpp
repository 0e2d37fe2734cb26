#define WFDW_PURE_TU 1
#include "core/dialect_types.hpp"

namespace wfdw {

const char *common_function(const RoutineRef &fn) {
  const char *a = fn.arg_types[0];
  const char *n = fn.name;
  if (fn.nargs == 1 && is_string_type(a)) {
    if (type_eq(n, "lower")) return "LOWER";
    if (type_eq(n, "upper")) return "UPPER";
    if (type_eq(n, "reverse")) return "REVERSE";
  }
  if (type_eq(n, "replace") && fn.nargs == 3 && is_string_type(a)) return "REPLACE";
  if (fn.nargs == 1 && is_number_type(a) && type_eq(n, "abs")) return "ABS";
  if (fn.nargs == 1 && (type_eq(a, "numeric") || type_eq(a, "double precision"))) {
    if (type_eq(n, "floor")) return "FLOOR";
    if (type_eq(n, "ceil") || type_eq(n, "ceiling")) return "CEIL";
    if (type_eq(n, "trunc") && type_eq(a, "numeric")) return "TRUNC";
    if (type_eq(n, "sqrt") && type_eq(a, "double precision")) return "SQRT";
  }
  if (type_eq(n, "round") && type_eq(a, "numeric")) return "ROUND";
  return nullptr;
}

}  // namespace wfdw
