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

const char *common_aggregate(const RoutineRef &agg, const char *bool_and, const char *bool_or) {
  const char *a = agg.arg_types[0];
  const char *n = agg.name;
  if (type_eq(n, "count") && agg.nargs <= 1) return "COUNT";
  if (agg.nargs != 1) return nullptr;
  if (type_eq(n, "sum") && is_number_type(a)) return "SUM";
  if (type_eq(n, "min") || type_eq(n, "max")) {
    bool comparable = is_number_type(a) || is_string_type(a) || type_eq(a, "date") ||
                      type_eq(a, "timestamp without time zone") || type_eq(a, "timestamp with time zone") ||
                      type_eq(a, "time without time zone");
    if (!comparable) return nullptr;
    return type_eq(n, "min") ? "MIN" : "MAX";
  }
  if (type_eq(a, "boolean")) {
    if (type_eq(n, "bool_and") || type_eq(n, "every")) return bool_and;
    if (type_eq(n, "bool_or")) return bool_or;
  }
  if (type_eq(a, "double precision")) {
    if (type_eq(n, "avg")) return "AVG";
    if (type_eq(n, "stddev") || type_eq(n, "stddev_samp")) return "STDDEV_SAMP";
    if (type_eq(n, "stddev_pop")) return "STDDEV_POP";
    if (type_eq(n, "variance") || type_eq(n, "var_samp")) return "VAR_SAMP";
    if (type_eq(n, "var_pop")) return "VAR_POP";
  }
  return nullptr;
}

}  // namespace wfdw
