#define WFDW_PURE_TU 1
#include "core/dialect_types.hpp"

#include <cstdio>
#include <cstring>

namespace wfdw {

const char kAsciiLower[] = "TRANSLATE(%1, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')";
const char kAsciiUpper[] = "TRANSLATE(%1, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')";

int numeric_scale(const char *t) {
  if (t == nullptr) return -1;
  if (is_int_type(t)) return 0;
  int p = 0, s = 0, n = 0;
  if (std::sscanf(t, "numeric(%d,%d)%n", &p, &s, &n) != 2 || t[n] != '\0' || s < 0 || s > 1000) return -1;
  return s;
}

namespace {

// A recursive-descent check of the portable subset; `p` advances.
struct RegexCheck {
  const char *p;
  bool has_dot = false;
  int depth = 0;

  static bool is_meta(char c) { return c != '\0' && std::strchr("\\^$.|?*+()[]{}", c) != nullptr; }

  // {m}, {m,}, {m,n} with m <= n <= 255.
  bool bound() {
    ++p;  // '{'
    int m = 0, digits = 0;
    while (*p >= '0' && *p <= '9' && digits < 4) m = m * 10 + (*p++ - '0'), digits++;
    if (digits == 0 || m > 255) return false;
    if (*p == '}') return ++p, true;
    if (*p++ != ',') return false;
    if (*p == '}') return ++p, true;
    int n = 0;
    digits = 0;
    while (*p >= '0' && *p <= '9' && digits < 4) n = n * 10 + (*p++ - '0'), digits++;
    if (digits == 0 || n > 255 || n < m || *p != '}') return false;
    return ++p, true;
  }

  // [abc], [a-z0-9_]: no negation, classes, escapes or bare '-'.
  bool bracket() {
    ++p;  // '['
    if (*p == '^' || *p == ']') return false;
    int items = 0;
    while (*p != ']') {
      char c = *p;
      if (c == '\0' || c == '[' || c == '\\' || c == '-') return false;
      if (p[1] == '-' && p[2] != ']') {
        char e = p[2];
        bool same = (c >= '0' && c <= '9' && e >= '0' && e <= '9') || (c >= 'a' && c <= 'z' && e >= 'a' && e <= 'z') ||
                    (c >= 'A' && c <= 'Z' && e >= 'A' && e <= 'Z');
        if (!same || e < c) return false;
        p += 3;
      } else {
        if (p[1] == '-') return false;  // "[a-]": a literal '-' in some engines only
        ++p;
      }
      items++;
    }
    ++p;  // ']'
    return items > 0;
  }

  // One atom with an optional quantifier; false when not portable.
  bool piece() {
    bool quantifiable = true;
    char c = *p;
    if (c == '(') {
      if (p[1] == '?' || ++depth > 32) return false;
      ++p;
      if (!alternation()) return false;
      if (*p != ')') return false;
      ++p;
      --depth;
    } else if (c == '[') {
      if (!bracket()) return false;
    } else if (c == '\\') {
      // Only metacharacters may be escaped: \d, \w, \1, \b, \A ... differ.
      if (!is_meta(p[1])) return false;
      p += 2;
    } else if (c == '.') {
      has_dot = true;
      ++p;
    } else if (c == '^' || c == '$') {
      quantifiable = false;
      ++p;
    } else if (is_meta(c)) {
      return false;  // a quantifier without an atom, a stray ] { }
    } else {
      ++p;  // a literal byte (UTF-8 sequences are literal bytes too)
    }
    if (*p == '*' || *p == '+' || *p == '?' || *p == '{') {
      if (!quantifiable) return false;
      if (*p == '{') {
        if (!bound()) return false;
      } else {
        ++p;
      }
      // Non-greedy (*?) and stacked quantifiers differ or are errors.
      if (*p == '*' || *p == '+' || *p == '?' || *p == '{') return false;
    }
    return true;
  }

  bool branch() {
    int pieces = 0;
    while (*p != '\0' && *p != '|' && *p != ')') {
      if (!piece()) return false;
      pieces++;
    }
    return pieces > 0;
  }

  bool alternation() {
    if (!branch()) return false;
    while (*p == '|') {
      ++p;
      if (!branch()) return false;
    }
    return true;
  }
};

}  // namespace

bool regex_portable(const char *pattern, bool *has_dot) {
  if (pattern == nullptr) return false;
  RegexCheck check{pattern};
  if (!check.alternation() || *check.p != '\0') return false;
  if (has_dot != nullptr) *has_dot = check.has_dot;
  return true;
}

const char *common_function(const RoutineRef &fn) {
  const char *a = fn.arg_types[0];
  const char *n = fn.name;
  if (fn.nargs == 1 && is_string_type(a)) {
    // Both warehouses fold Unicode (BigQuery with ICU's full mapping:
    // upper('ß') is 'SS'); PostgreSQL folds ASCII only under a C ctype and
    // per character with libc otherwise: ship the ASCII fold only.
    if (type_eq(n, "lower")) return fn.ctype_is_c ? kAsciiLower : nullptr;
    if (type_eq(n, "upper")) return fn.ctype_is_c ? kAsciiUpper : nullptr;
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
