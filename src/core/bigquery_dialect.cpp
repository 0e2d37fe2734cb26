#define WFDW_PURE_TU 1
// GoogleSQL as BigQuery speaks it. Unlike the PostgreSQL dialect this one is
// a whitelist: an operator or function is shipped only where its GoogleSQL
// meaning is PostgreSQL's for the argument types at hand (integer division
// is DIV, % is MOD, ^ is POW, regex is REGEXP_CONTAINS); everything else
// stays local.
#include <cstdio>
#include <cstring>

#include "core/dialect.hpp"

namespace wfdw {
namespace {

bool eq(const char *a, const char *b) { return a != nullptr && b != nullptr && std::strcmp(a, b) == 0; }

bool is_int(const char *t) { return eq(t, "smallint") || eq(t, "integer") || eq(t, "bigint"); }
bool is_exact_or_float(const char *t) { return is_int(t) || eq(t, "numeric") || eq(t, "double precision"); }
bool is_string(const char *t) { return eq(t, "text") || eq(t, "character varying"); }

// Types whose values compare the same way on both sides.
const char *comparable_class(const char *t) {
  if (is_exact_or_float(t)) return "number";
  if (is_string(t)) return "string";
  static const char *const same[] = {"boolean", "date", "timestamp without time zone", "timestamp with time zone",
                                     "time without time zone", "bytea"};
  for (const char *s : same)
    if (eq(t, s)) return s;
  return nullptr;
}

struct TypePair {
  const char *pg;
  const char *bq;
};
// clang-format off
const TypePair kTypes[] = {
    {"smallint", "INT64"}, {"integer", "INT64"}, {"bigint", "INT64"},
    {"double precision", "FLOAT64"}, {"numeric", "BIGNUMERIC"},
    {"text", "STRING"}, {"character varying", "STRING"},
    {"boolean", "BOOL"}, {"bytea", "BYTES"}, {"date", "DATE"},
    {"time without time zone", "TIME"},
    {"timestamp without time zone", "DATETIME"}, {"timestamp with time zone", "TIMESTAMP"},
    {"smallint[]", "ARRAY<INT64>"}, {"integer[]", "ARRAY<INT64>"}, {"bigint[]", "ARRAY<INT64>"},
    {"double precision[]", "ARRAY<FLOAT64>"}, {"numeric[]", "ARRAY<BIGNUMERIC>"},
    {"text[]", "ARRAY<STRING>"}, {"character varying[]", "ARRAY<STRING>"},
    {"boolean[]", "ARRAY<BOOL>"}, {"date[]", "ARRAY<DATE>"},
    {"timestamp without time zone[]", "ARRAY<DATETIME>"}, {"timestamp with time zone[]", "ARRAY<TIMESTAMP>"},
};
// clang-format on

class BigQueryDialect final : public Dialect {
 public:
  const char *name() const override { return "bigquery"; }

  void identifier(SqlSink &out, const char *ident) const override {
    out.append("`");
    const char *start = ident;
    for (const char *p = ident; *p; ++p) {
      if (*p == '`' || *p == '\\') {
        out.append(start, static_cast<size_t>(p - start));
        out.append("\\");
        out.append(p, 1);
        start = p + 1;
      }
    }
    out.append(start);
    out.append("`");
  }

  // Backslash escapes; '' is not an escape in GoogleSQL and a quoted
  // literal may not hold a raw newline.
  void string_literal(SqlSink &out, const char *value) const override {
    out.append("'");
    const char *start = value;
    for (const char *p = value; *p; ++p) {
      unsigned char c = static_cast<unsigned char>(*p);
      const char *esc = nullptr;
      char hex[8];
      switch (c) {
        case '\'': esc = "\\'"; break;
        case '\\': esc = "\\\\"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        default:
          if (c < 0x20 || c == 0x7f) {
            std::snprintf(hex, sizeof(hex), "\\x%02x", c);
            esc = hex;
          }
      }
      if (esc != nullptr) {
        out.append(start, static_cast<size_t>(p - start));
        out.append(esc);
        start = p + 1;
      }
    }
    out.append(start);
    out.append("'");
  }

  void constant(SqlSink &out, ConstKind kind, const char *text) const override {
    switch (kind) {
      case ConstKind::Number:
        number_constant(out, text);  // NaN, Infinity: quoted, inside CAST(... AS FLOAT64)
        return;
      case ConstKind::Boolean:
        out.append(eq(text, "t") || eq(text, "true") ? "TRUE" : "FALSE");
        return;
      case ConstKind::BitString:
      case ConstKind::String:
        string_literal(out, text);
        return;
    }
  }

  // Types with a modifier (varchar(3), numeric(10,2)) have no exact
  // GoogleSQL cast: CAST(x AS STRING) would not truncate.
  const char *type_name(const char *pg_type) const override {
    for (const TypePair &t : kTypes)
      if (eq(pg_type, t.pg)) return t.bq;
    return nullptr;
  }

  const char *map_operator(const RoutineRef &op) const override {
    const char *a = op.arg_types[0];
    const char *b = op.arg_types[1];
    const char *n = op.name;
    if (op.nargs == 1) {
      if (eq(n, "-") && is_exact_or_float(a)) return "-";
      return nullptr;
    }
    if (eq(n, "=") || eq(n, "<>") || eq(n, "<") || eq(n, "<=") || eq(n, ">") || eq(n, ">=")) {
      const char *ca = comparable_class(a);
      return ca != nullptr && eq(ca, comparable_class(b)) ? n : nullptr;
    }
    if (eq(n, "+") || eq(n, "-") || eq(n, "*")) {
      if (is_exact_or_float(a) && is_exact_or_float(b)) return n;
      if (eq(n, "+") && eq(a, "date") && is_int(b)) return "DATE_ADD(%1, INTERVAL %2 DAY)";
      if (eq(n, "-") && eq(a, "date") && is_int(b)) return "DATE_SUB(%1, INTERVAL %2 DAY)";
      if (eq(n, "-") && eq(a, "date") && eq(b, "date")) return "DATE_DIFF(%1, %2, DAY)";
      return nullptr;
    }
    if (eq(n, "/")) {
      if (is_int(a) && is_int(b)) return "DIV(%1, %2)";  // truncates toward zero, as PostgreSQL
      if (eq(a, "double precision") && eq(b, "double precision")) return "/";
      return nullptr;  // numeric division: the result scale differs
    }
    if (eq(n, "%")) return is_int(a) && is_int(b) ? "MOD(%1, %2)" : nullptr;
    if (eq(n, "^")) return eq(a, "double precision") && eq(b, "double precision") ? "POW(%1, %2)" : nullptr;
    if (is_string(a) && is_string(b)) {
      if (eq(n, "||")) return "||";
      if (eq(n, "~~")) return "LIKE";
      if (eq(n, "!~~")) return "NOT LIKE";
      if (eq(n, "~")) return "REGEXP_CONTAINS(%1, %2)";
      if (eq(n, "!~")) return "(NOT REGEXP_CONTAINS(%1, %2))";
    }
    return nullptr;  // ILIKE, jsonb, arrays, ranges, geometric ...
  }

  const char *map_function(const RoutineRef &fn) const override {
    const char *a = fn.arg_types[0];
    const char *n = fn.name;
    if (fn.nargs == 1 && is_string(a)) {
      if (eq(n, "lower")) return "LOWER";
      if (eq(n, "upper")) return "UPPER";
      if (eq(n, "length") || eq(n, "char_length") || eq(n, "character_length")) return "CHAR_LENGTH";
      if (eq(n, "reverse")) return "REVERSE";
    }
    if (fn.nargs == 2 && is_string(a) && is_string(fn.arg_types[1])) {
      if (eq(n, "starts_with")) return "STARTS_WITH";
      if (eq(n, "strpos")) return "STRPOS";
    }
    if (eq(n, "replace") && fn.nargs == 3 && is_string(a)) return "REPLACE";
    if (fn.nargs == 1 && (is_int(a) || eq(a, "numeric") || eq(a, "double precision"))) {
      if (eq(n, "abs")) return "ABS";
    }
    if (fn.nargs == 1 && (eq(a, "numeric") || eq(a, "double precision"))) {
      if (eq(n, "floor")) return "FLOOR";
      if (eq(n, "ceil") || eq(n, "ceiling")) return "CEIL";
      if (eq(n, "trunc") && eq(a, "numeric")) return "TRUNC";
      if (eq(n, "sqrt") && eq(a, "double precision")) return "SQRT";
    }
    // round(numeric[, int]) rounds half away from zero on both sides;
    // round(float8) rounds half to even in PostgreSQL, so it stays local.
    if (eq(n, "round") && eq(a, "numeric")) return "ROUND";
    return nullptr;
  }

  void param_ref(SqlSink &out, int n, const char *) const override {
    char name[16];
    std::snprintf(name, sizeof(name), "@p%d", n);
    out.append(name);
  }

  void opaque_value(SqlSink &out, const char *type) const override {
    out.append("CAST(NULL AS ");
    out.append(type);
    out.append(")");
  }

  void limit_clause(SqlSink &out, const char *limit, const char *offset) const override {
    // GoogleSQL allows OFFSET only after LIMIT.
    out.append(" LIMIT ");
    out.append(limit != nullptr ? limit : "9223372036854775807");
    if (offset != nullptr) {
      out.append(" OFFSET ");
      out.append(offset);
    }
  }

  bool text_order_is_binary() const override { return true; }
  bool greatest_ignores_nulls() const override { return false; }  // GREATEST(1, NULL) is NULL

  // Casts whose result is the same value on both sides. float -> int rounds
  // half to even in PostgreSQL and away from zero in GoogleSQL; float and
  // timestamp -> string print differently.
  bool cast_shippable(const char *from, const char *to) const override {
    if (eq(from, to)) return true;
    if (is_int(from)) return is_int(to) || eq(to, "numeric") || eq(to, "double precision") || is_string(to);
    if (is_string(from)) return is_string(to) || is_int(to) || eq(to, "date") || eq(to, "numeric");
    if (eq(from, "numeric")) return eq(to, "double precision");
    if (eq(from, "date")) return is_string(to) || eq(to, "timestamp without time zone");
    return false;
  }
  bool bracket_arrays() const override { return true; }
};

}  // namespace

const Dialect &bigquery_dialect() {
  static const BigQueryDialect d;
  return d;
}

}  // namespace wfdw
