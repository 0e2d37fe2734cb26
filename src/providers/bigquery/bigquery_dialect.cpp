#define WFDW_PURE_TU 1
// GoogleSQL as BigQuery speaks it. Unlike the PostgreSQL dialect this one is
// a whitelist: an operator or function is shipped only where its GoogleSQL
// meaning is PostgreSQL's for the argument types at hand (integer division
// is DIV, % is MOD, ^ is POW, regex is REGEXP_CONTAINS); everything else
// stays local.
#include <cstdio>
#include "providers/bigquery/bigquery_dialect.hpp"
#include <cstring>

#include "core/dialect.hpp"
#include "core/dialect_types.hpp"

namespace wfdw {
namespace {

// Types whose values compare the same way on both sides.
const char *comparable_class(const char *t) {
  if (is_number_type(t)) return "number";
  if (is_string_type(t)) return "string";
  static const char *const same[] = {
      "boolean", "date", "timestamp without time zone", "timestamp with time zone", "time without time zone", "bytea"};
  for (const char *s : same)
    if (type_eq(t, s)) return s;
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

// clang-format off
// date_trunc(field, timestamp): PostgreSQL's week starts on Monday (ISO).
const FieldTemplate kTrunc[] = {
    {"year", "DATETIME_TRUNC(%2, YEAR)"}, {"quarter", "DATETIME_TRUNC(%2, QUARTER)"},
    {"month", "DATETIME_TRUNC(%2, MONTH)"}, {"week", "DATETIME_TRUNC(%2, ISOWEEK)"},
    {"day", "DATETIME_TRUNC(%2, DAY)"}, {"hour", "DATETIME_TRUNC(%2, HOUR)"},
    {"minute", "DATETIME_TRUNC(%2, MINUTE)"}, {"second", "DATETIME_TRUNC(%2, SECOND)"}};
// extract(field from date or timestamp), integral fields only (seconds
// carry a fraction whose scale PostgreSQL fixes). DAYOFWEEK is 1 = Sunday.
const FieldTemplate kDateFields[] = {
    {"year", "EXTRACT(YEAR FROM %2)"}, {"quarter", "EXTRACT(QUARTER FROM %2)"},
    {"month", "EXTRACT(MONTH FROM %2)"}, {"day", "EXTRACT(DAY FROM %2)"},
    {"doy", "EXTRACT(DAYOFYEAR FROM %2)"}, {"dow", "(EXTRACT(DAYOFWEEK FROM %2) - 1)"},
    {"isodow", "(MOD(EXTRACT(DAYOFWEEK FROM %2) + 5, 7) + 1)"}, {"week", "EXTRACT(ISOWEEK FROM %2)"},
    {"isoyear", "EXTRACT(ISOYEAR FROM %2)"}};
const FieldTemplate kTimeFields[] = {{"hour", "EXTRACT(HOUR FROM %2)"}, {"minute", "EXTRACT(MINUTE FROM %2)"}};
// clang-format on

// Comparisons of FLOAT64 as PostgreSQL makes them: NaN equals NaN and is
// greater than every other value (GoogleSQL compares NaN as IEEE 754 does:
// every comparison with it is FALSE). Each is exact under NULLs too: a NULL
// operand gives NULL, as PostgreSQL's does.
// clang-format off
const char kFloatEq[] = "(%1 = %2 OR (IS_NAN(%1) AND IS_NAN(%2)))";
const char kFloatNe[] = "(NOT (%1 = %2 OR (IS_NAN(%1) AND IS_NAN(%2))))";
const char kFloatLt[] = "(%1 < %2 OR (IS_NAN(%2) AND NOT IS_NAN(%1)))";
const char kFloatGt[] = "(%2 < %1 OR (IS_NAN(%1) AND NOT IS_NAN(%2)))";
const char kFloatLe[] = "(NOT (%2 < %1 OR (IS_NAN(%1) AND NOT IS_NAN(%2))))";
const char kFloatGe[] = "(NOT (%1 < %2 OR (IS_NAN(%2) AND NOT IS_NAN(%1))))";
// clang-format on

const char *float_comparison(const char *op) {
  if (type_eq(op, "=")) return kFloatEq;
  if (type_eq(op, "<>")) return kFloatNe;
  if (type_eq(op, "<")) return kFloatLt;
  if (type_eq(op, ">")) return kFloatGt;
  if (type_eq(op, "<=")) return kFloatLe;
  return kFloatGe;
}

// A number as PostgreSQL printed it, spelled so GoogleSQL reads the same
// value: a literal with a point or an exponent is FLOAT64 in GoogleSQL,
// so 0.1 (a numeric in PostgreSQL) would be rounded to binary. Decimal text
// without an exponent is printed as a BIGNUMERIC literal: exact for
// numerics, and for a double (whose text then has at most 17 significant
// digits between 1e-4 and 1e15) exactly the decimal that rounds back to
// it. Exponent forms and "-0" only come from doubles, which the deparser
// always wraps in CAST(... AS FLOAT64): they are printed as strings, which
// the cast parses exactly (a bare -0 would be the integer 0).
void bigquery_number(const Dialect &d, SqlSink &out, const char *text) {
  bool point = std::strchr(text, '.') != nullptr;
  bool exponent = std::strpbrk(text, "eE") != nullptr;
  if (exponent || std::strcmp(text, "-0") == 0) {
    d.string_literal(out, text);
    return;
  }
  if (point) {
    out.append("BIGNUMERIC '");
    out.append(text);
    out.append("'");
    return;
  }
  bool sign = text[0] == '-' || text[0] == '+';
  if (sign) out.append("(");
  out.append(text);
  if (sign) out.append(")");
}

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
        case '\'':
          esc = "\\'";
          break;
        case '\\':
          esc = "\\\\";
          break;
        case '\n':
          esc = "\\n";
          break;
        case '\r':
          esc = "\\r";
          break;
        case '\t':
          esc = "\\t";
          break;
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
    if (kind != ConstKind::Number || text[0] == '\0' || std::strspn(text, "0123456789+-eE.") != std::strlen(text)) {
      Dialect::constant(out, kind, text);  // NaN and Infinity as strings: CAST('NaN' AS FLOAT64)
      return;
    }
    bigquery_number(*this, out, text);
  }

  // Types with a modifier (varchar(3), numeric(10,2)) have no exact
  // GoogleSQL cast: CAST(x AS STRING) would not truncate.
  const char *type_name(const char *pg_type) const override {
    for (const TypePair &t : kTypes)
      if (type_eq(pg_type, t.pg)) return t.bq;
    return nullptr;
  }

  const char *map_operator(const RoutineRef &op) const override {
    const char *a = op.arg_types[0];
    const char *b = op.arg_types[1];
    const char *n = op.name;
    if (op.nargs == 1) {
      if (type_eq(n, "-") && is_number_type(a)) return "-";
      return nullptr;
    }
    if (is_comparison(n)) {
      const char *ca = comparable_class(a);
      if (ca == nullptr || !type_eq(ca, comparable_class(b))) return nullptr;
      if (type_eq(a, "double precision") || type_eq(b, "double precision")) return float_comparison(n);
      return n;
    }
    if (type_eq(n, "*") && type_eq(a, "numeric") && type_eq(b, "numeric")) {
      // NUMERIC * NUMERIC is a NUMERIC, rounded to 9 decimals; BIGNUMERIC
      // keeps 38, exact while the operands' scales add up to 38 or less
      // (unknown scales ship: imported NUMERIC columns have 9).
      int sa = numeric_scale(op.exact_types[0]), sb = numeric_scale(op.exact_types[1]);
      if (sa >= 0 && sb >= 0 && sa + sb > 38) return nullptr;
      return "CAST(%1 AS BIGNUMERIC) * CAST(%2 AS BIGNUMERIC)";
    }
    if (type_eq(n, "+") || type_eq(n, "-") || type_eq(n, "*")) {
      if (is_number_type(a) && is_number_type(b)) return n;
      if (type_eq(n, "+") && type_eq(a, "date") && is_int_type(b)) return "DATE_ADD(%1, INTERVAL %2 DAY)";
      if (type_eq(n, "-") && type_eq(a, "date") && is_int_type(b)) return "DATE_SUB(%1, INTERVAL %2 DAY)";
      if (type_eq(n, "-") && type_eq(a, "date") && type_eq(b, "date")) return "DATE_DIFF(%1, %2, DAY)";
      return nullptr;
    }
    if (type_eq(n, "/")) {
      if (is_int_type(a) && is_int_type(b)) return "DIV(%1, %2)";  // truncates toward zero, as PostgreSQL
      if (type_eq(a, "double precision") && type_eq(b, "double precision")) return "/";
      return nullptr;  // numeric division: the result scale differs
    }
    if (type_eq(n, "%")) return is_int_type(a) && is_int_type(b) ? "MOD(%1, %2)" : nullptr;
    if (type_eq(n, "^"))
      return type_eq(a, "double precision") && type_eq(b, "double precision") ? "POW(%1, %2)" : nullptr;
    if (is_string_type(a) && is_string_type(b)) {
      if (type_eq(n, "||")) return "||";
      if (type_eq(n, "~~")) return "LIKE";
      if (type_eq(n, "!~~")) return "NOT LIKE";
      // RE2 differs from PostgreSQL's ARE (classes, backreferences,
      // lookaround, "." and newlines): only a constant pattern of the
      // portable subset ships, with (?s) when it has a ".".
      if (type_eq(n, "~") || type_eq(n, "!~")) {
        bool dot = false;
        if (!regex_portable(op.const_arg2, &dot)) return nullptr;
        if (type_eq(n, "~")) return dot ? "REGEXP_CONTAINS(%1, CONCAT('(?s)', %2))" : "REGEXP_CONTAINS(%1, %2)";
        return dot ? "(NOT REGEXP_CONTAINS(%1, CONCAT('(?s)', %2)))" : "(NOT REGEXP_CONTAINS(%1, %2))";
      }
    }
    return nullptr;  // ILIKE, jsonb, arrays, ranges, geometric ...
  }

  const char *map_function(const RoutineRef &fn) const override {
    const char *a = fn.arg_types[0];
    const char *n = fn.name;
    if (fn.nargs == 1 && is_string_type(a) &&
        (type_eq(n, "length") || type_eq(n, "char_length") || type_eq(n, "character_length")))
      return "CHAR_LENGTH";
    if (fn.nargs == 2 && is_string_type(a) && is_string_type(fn.arg_types[1])) {
      if (type_eq(n, "starts_with")) return "STARTS_WITH";
      if (type_eq(n, "strpos")) return "STRPOS";
    }
    const char *arg = fn.arg_types[1];
    if (type_eq(n, "date_trunc") && fn.nargs == 2 && type_eq(arg, "timestamp without time zone"))
      return field_template(kTrunc, fn.const_text);
    if ((type_eq(n, "extract") || type_eq(n, "date_part")) && fn.nargs == 2) {
      bool ts = type_eq(arg, "timestamp without time zone");
      if (!ts && !type_eq(arg, "date")) return nullptr;
      const char *t = field_template(kDateFields, fn.const_text);
      return t != nullptr || !ts ? t : field_template(kTimeFields, fn.const_text);
    }
    return common_function(fn);
  }

  // sum(bigint) is numeric in PostgreSQL; SUM of a 64-bit integer overflows
  // here: sum the values as NUMERIC.
  const char *aggregate_arg_type(const RoutineRef &agg) const override {
    return type_eq(agg.name, "sum") && agg.nargs == 1 && type_eq(agg.arg_types[0], "bigint") ? "NUMERIC" : nullptr;
  }

  const char *map_aggregate(const RoutineRef &agg) const override {
    // MIN of FLOAT64 is NaN when any input is; PostgreSQL's min skips NaN
    // (the greatest value). MAX is NaN in both.
    if (type_eq(agg.name, "min") && type_eq(agg.arg_types[0], "double precision")) return nullptr;
    return common_aggregate(agg, "LOGICAL_AND", "LOGICAL_OR");
  }

  // GoogleSQL sorts NaN first (after NULL), PostgreSQL last: sorting on
  // IS_NAN(x) first puts NaN above every number in either direction.
  const char *sort_key(const char *pg_type) const override {
    return type_eq(pg_type, "double precision") ? "IS_NAN(%1)" : nullptr;
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
    if (type_eq(from, to)) return true;
    if (is_int_type(from))
      return is_int_type(to) || type_eq(to, "numeric") || type_eq(to, "double precision") || is_string_type(to);
    // text -> numeric: BIGNUMERIC rounds beyond 38 decimals, PostgreSQL
    // keeps them; text -> integer: GoogleSQL also reads hex (0x1F), where
    // PostgreSQL 15 raises an error.
    if (is_string_type(from)) return is_string_type(to) || is_int_type(to) || type_eq(to, "date");
    if (type_eq(from, "numeric")) return type_eq(to, "double precision");
    if (type_eq(from, "date")) return is_string_type(to) || type_eq(to, "timestamp without time zone");
    return false;
  }
  bool bracket_arrays() const override { return true; }
  bool unique_result_names() const override { return true; }
};

}  // namespace

const Dialect &bigquery_dialect() {
  static const BigQueryDialect d;
  return d;
}

}  // namespace wfdw
