#define WFDW_PURE_TU 1
// Databricks SQL: Spark SQL as SQL warehouses run it, with ANSI mode on
// (integer overflow, division by zero and invalid casts raise errors, as in
// PostgreSQL). Identifiers in backticks; string literals with backslash
// escapes. Like GoogleSQL and Snowflake this is a whitelist keyed on
// PostgreSQL argument types: only what computes the same value on both
// sides is shipped. Spark's NaN semantics are PostgreSQL's (NaN = NaN, NaN
// above every number), and so is GREATEST/LEAST's skipping of NULLs.
#include <cstdio>
#include <cstring>

#include "core/dialect_types.hpp"
#include "providers/databricks/databricks_dialect.hpp"

namespace wfdw {
namespace {

// Types whose values compare the same way on both sides. Strings compare by
// UTF-8 bytes (the default UTF8_BINARY collation): shipped ordering is
// restricted to the C collation by text_order_is_binary(). TIMESTAMP is an
// instant, like timestamptz; TIMESTAMP_NTZ is timestamp. BINARY compares
// unsigned bytes, as bytea, but a bytea constant (or parameter) would be
// printed as its text form '\\xdeadbeef', and CAST(string AS BINARY) is
// the string's UTF-8 bytes in Spark, not the bytes the hex digits spell:
// bytea comparisons stay local.
const char *comparable_class(const char *t) {
  if (is_number_type(t)) return "number";
  if (is_string_type(t)) return "string";
  static const char *const same[] = {"boolean", "date", "timestamp without time zone", "timestamp with time zone"};
  for (const char *s : same)
    if (type_eq(t, s)) return s;
  return nullptr;  // time (no TIME type in Spark), interval, real mixed with double, ...
}

struct TypePair {
  const char *pg;
  const char *dbx;
};
// numeric has no entry: DECIMAL alone is DECIMAL(10,0).
const TypePair kTypes[] = {
    {"smallint", "SMALLINT"},
    {"integer", "INT"},
    {"bigint", "BIGINT"},
    {"double precision", "DOUBLE"},
    {"real", "FLOAT"},
    {"text", "STRING"},
    {"character varying", "STRING"},
    {"boolean", "BOOLEAN"},
    {"bytea", "BINARY"},
    {"date", "DATE"},
    {"timestamp with time zone", "TIMESTAMP"},
    {"timestamp without time zone", "TIMESTAMP_NTZ"},
};

// "numeric(p,s)" -> "DECIMAL(p,s)" for p <= 38, from a fixed table of
// spellings (the dialect allocates nothing); nullptr otherwise.
const char *decimal_type(const char *pg_type) {
  int p = 0, s = 0, n = 0;
  if (std::sscanf(pg_type, "numeric(%d,%d)%n", &p, &s, &n) != 2 || pg_type[n] != '\0') return nullptr;
  if (p < 1 || p > 38 || s < 0 || s > p) return nullptr;
  struct Names {
    char text[39][39][16];
    Names() {
      for (int i = 1; i <= 38; i++)
        for (int j = 0; j <= i; j++) std::snprintf(text[i][j], sizeof(text[i][j]), "DECIMAL(%d,%d)", i, j);
    }
  };
  static const Names names;  // built once, thread-safely
  return names.text[p][s];
}

// The DECIMAL(p,s) Spark gives an operand: integers widen to DECIMAL(5,0),
// (10,0), (20,0); numeric(p,s) from its exact type. False when unknown.
bool decimal_of(const char *arg_type, const char *exact, int *p, int *s) {
  const char *t = exact != nullptr ? exact : arg_type;
  if (type_eq(t, "smallint")) return *p = 5, *s = 0, true;
  if (type_eq(t, "integer")) return *p = 10, *s = 0, true;
  if (type_eq(t, "bigint")) return *p = 20, *s = 0, true;
  int n = 0;
  return t != nullptr && std::sscanf(t, "numeric(%d,%d)%n", p, s, &n) == 2 && t[n] == '\0' && *p >= 1 && *s >= 0 &&
         *s <= *p;
}

// Whether Spark computes + - * of these operands exactly. DECIMAL results
// wider than 38 digits lose scale (spark.sql.decimalOperations.
// allowPrecisionLoss), where PostgreSQL's numeric keeps every digit.
bool arithmetic_exact(const RoutineRef &op) {
  const char *a = op.arg_types[0], *b = op.arg_types[1];
  if (!is_number_type(a) || !is_number_type(b)) return false;
  if (type_eq(a, "double precision") || type_eq(b, "double precision")) return true;
  if (is_int_type(a) && is_int_type(b)) return true;  // overflow raises in both
  int p1, s1, p2, s2;
  if (!decimal_of(a, op.exact_types[0], &p1, &s1) || !decimal_of(b, op.exact_types[1], &p2, &s2)) return false;
  if (type_eq(op.name, "*")) return p1 + p2 + 1 <= 38;
  int scale = s1 > s2 ? s1 : s2;
  int whole = p1 - s1 > p2 - s2 ? p1 - s1 : p2 - s2;
  return whole + scale + 1 <= 38;
}

// A LIKE pattern Spark reads as PostgreSQL does: a backslash escapes only
// %, _ and itself in Spark (anything else is an error there, a literal in
// PostgreSQL). Only constant patterns are checked, so only they ship.
bool like_pattern_portable(const char *pattern) {
  if (pattern == nullptr) return false;
  for (const char *p = pattern; *p; ++p) {
    if (*p != '\\') continue;
    if (p[1] != '%' && p[1] != '_' && p[1] != '\\') return false;
    ++p;
  }
  return true;
}

// clang-format off
// date_trunc(field, timestamp without time zone), through DATE so that no
// session time zone is involved (Spark's DATE_TRUNC works on TIMESTAMP).
// TRUNC's WEEK is the Monday of the week, as PostgreSQL's (ISO).
const FieldTemplate kTrunc[] = {
    {"year", "CAST(TRUNC(CAST(%2 AS DATE), 'YEAR') AS TIMESTAMP_NTZ)"},
    {"quarter", "CAST(TRUNC(CAST(%2 AS DATE), 'QUARTER') AS TIMESTAMP_NTZ)"},
    {"month", "CAST(TRUNC(CAST(%2 AS DATE), 'MONTH') AS TIMESTAMP_NTZ)"},
    {"week", "CAST(TRUNC(CAST(%2 AS DATE), 'WEEK') AS TIMESTAMP_NTZ)"},
    {"day", "CAST(CAST(%2 AS DATE) AS TIMESTAMP_NTZ)"}};
// extract(field from date or timestamp), integral fields. Spark's DOW is
// 1 = Sunday; DOW_ISO 1 = Monday; WEEK and YEAROFWEEK are ISO 8601's.
const FieldTemplate kDateFields[] = {
    {"year", "EXTRACT(YEAR FROM %2)"}, {"quarter", "EXTRACT(QUARTER FROM %2)"},
    {"month", "EXTRACT(MONTH FROM %2)"}, {"day", "EXTRACT(DAY FROM %2)"},
    {"doy", "EXTRACT(DOY FROM %2)"}, {"dow", "(EXTRACT(DOW FROM %2) - 1)"},
    {"isodow", "EXTRACT(DOW_ISO FROM %2)"}, {"week", "EXTRACT(WEEK FROM %2)"},
    {"isoyear", "EXTRACT(YEAROFWEEK FROM %2)"}};
const FieldTemplate kTimeFields[] = {{"hour", "EXTRACT(HOUR FROM %2)"}, {"minute", "EXTRACT(MINUTE FROM %2)"}};

const char kAsciiIlike[] =
    "(TRANSLATE(%1, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') LIKE "
    "TRANSLATE(%2, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'))";
const char kAsciiNotIlike[] =
    "(TRANSLATE(%1, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') NOT LIKE "
    "TRANSLATE(%2, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'))";
// clang-format on

class DatabricksDialect final : public Dialect {
 public:
  const char *name() const override { return "databricks"; }

  // `name`, a backtick doubled.
  void identifier(SqlSink &out, const char *ident) const override {
    out.append("`");
    const char *start = ident;
    for (const char *p = ident; *p; ++p) {
      if (*p == '`') {
        out.append(start, static_cast<size_t>(p - start + 1));
        out.append("`");
        start = p + 1;
      }
    }
    out.append(start);
    out.append("`");
  }

  // Spark reads backslash escapes inside '...' and '' is not an escaped
  // quote (adjacent literals concatenate): both ' and \ get a backslash.
  void string_literal(SqlSink &out, const char *value) const override {
    out.append("'");
    const char *start = value;
    for (const char *p = value; *p; ++p) {
      if (*p == '\'' || *p == '\\') {
        out.append(start, static_cast<size_t>(p - start));
        out.append(*p == '\'' ? "\\'" : "\\\\");
        start = p + 1;
      }
    }
    out.append(start);
    out.append("'");
  }

  // Doubles in exponent form (1e-50) and -0 as strings inside the
  // deparser's CAST(... AS DOUBLE): a bare -0 is the integer 0. Plain
  // decimals (1.5) are exact DECIMAL literals.
  void constant(SqlSink &out, ConstKind kind, const char *text) const override {
    if (kind == ConstKind::Number && (std::strpbrk(text, "eE") != nullptr || std::strcmp(text, "-0") == 0) &&
        std::strspn(text, "0123456789+-eE.") == std::strlen(text)) {
      string_literal(out, text);
      return;
    }
    Dialect::constant(out, kind, text);
  }

  const char *type_name(const char *pg_type) const override {
    for (const TypePair &t : kTypes)
      if (type_eq(pg_type, t.pg)) return t.dbx;
    return decimal_type(pg_type);
  }

  bool value_type_shippable(const char *pg_type) const override {
    return type_eq(pg_type, "numeric") || type_name(pg_type) != nullptr;
  }

  const char *map_operator(const RoutineRef &op) const override {
    const char *a = op.arg_types[0];
    const char *b = op.arg_types[1];
    const char *n = op.name;
    if (op.nargs == 1) return type_eq(n, "-") && is_number_type(a) ? "-" : nullptr;
    if (is_comparison(n)) {
      const char *ca = comparable_class(a);
      return ca != nullptr && type_eq(ca, comparable_class(b)) ? n : nullptr;
    }
    if (type_eq(n, "+") || type_eq(n, "-") || type_eq(n, "*")) {
      if (is_number_type(a) && is_number_type(b)) return arithmetic_exact(op) ? n : nullptr;
      if (type_eq(n, "+") && type_eq(a, "date") && type_eq(b, "integer")) return "DATE_ADD(%1, %2)";
      if (type_eq(n, "+") && type_eq(a, "integer") && type_eq(b, "date")) return "DATE_ADD(%2, %1)";
      if (type_eq(n, "-") && type_eq(a, "date") && type_eq(b, "integer")) return "DATE_SUB(%1, %2)";
      if (type_eq(n, "-") && type_eq(a, "date") && type_eq(b, "date")) return "DATEDIFF(%1, %2)";
      return nullptr;  // timestamps and intervals: time zones and month arithmetic differ
    }
    if (type_eq(n, "/")) {
      // / is always fractional in Spark; div truncates toward zero, as
      // PostgreSQL's integer division (both raise on a zero divisor).
      if (is_int_type(a) && is_int_type(b)) return "(%1 DIV %2)";
      if (type_eq(a, "double precision") && type_eq(b, "double precision")) return "/";
      return nullptr;  // numeric division: the result scale differs
    }
    if (type_eq(n, "%")) return is_int_type(a) && is_int_type(b) ? "MOD(%1, %2)" : nullptr;  // sign of the dividend
    if (type_eq(n, "^"))
      return type_eq(a, "double precision") && type_eq(b, "double precision") ? "POWER(%1, %2)" : nullptr;
    if (is_string_type(a) && is_string_type(b)) {
      if (type_eq(n, "||")) return "||";
      // LIKE escapes with a backslash by default on both sides.
      if (type_eq(n, "~~") || type_eq(n, "!~~")) {
        if (!like_pattern_portable(op.const_arg2)) return nullptr;
        return type_eq(n, "~~") ? "(%1 LIKE %2)" : "(%1 NOT LIKE %2)";
      }
      // Spark's ILIKE folds Unicode; PostgreSQL's folds ASCII only under a
      // C ctype: spelled as LIKE over an ASCII fold of both sides.
      if (type_eq(n, "~~*") || type_eq(n, "!~~*")) {
        if (!op.ctype_is_c || !like_pattern_portable(op.const_arg2)) return nullptr;
        return type_eq(n, "~~*") ? kAsciiIlike : kAsciiNotIlike;
      }
      // RLIKE is Java's find(): a search, as ~. Only a constant pattern of
      // the portable subset ships, without $ (Java's matches before a
      // final line terminator too), with (?s) when it has a "." (Java's
      // does not match line terminators by default).
      if (type_eq(n, "~") || type_eq(n, "!~")) {
        bool dot = false;
        if (!regex_portable(op.const_arg2, &dot) || std::strchr(op.const_arg2, '$') != nullptr) return nullptr;
        if (type_eq(n, "~")) return dot ? "(%1 RLIKE CONCAT('(?s)', %2))" : "(%1 RLIKE %2)";
        return dot ? "(NOT (%1 RLIKE CONCAT('(?s)', %2)))" : "(NOT (%1 RLIKE %2))";
      }
    }
    return nullptr;  // jsonb, arrays, ranges, geometric, timestamps with intervals ...
  }

  const char *map_function(const RoutineRef &fn) const override {
    const char *a = fn.arg_types[0];
    const char *n = fn.name;
    if (fn.nargs == 1 && is_string_type(a) &&
        (type_eq(n, "length") || type_eq(n, "char_length") || type_eq(n, "character_length")))
      return "CHAR_LENGTH";
    if (fn.nargs == 2 && is_string_type(a) && is_string_type(fn.arg_types[1])) {
      if (type_eq(n, "starts_with")) return "STARTSWITH";
      if (type_eq(n, "strpos")) return "INSTR";
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
    // Spark has no numeric TRUNC (its TRUNC truncates dates), and FLOOR and
    // CEIL of a DOUBLE return a BIGINT (clamped) where PostgreSQL keeps a
    // double.
    if (type_eq(n, "trunc")) return nullptr;
    if ((type_eq(n, "floor") || type_eq(n, "ceil") || type_eq(n, "ceiling")) && !type_eq(a, "numeric")) return nullptr;
    return common_function(fn);
  }

  // sum(bigint) is numeric in PostgreSQL; SUM of a 64-bit integer overflows
  // here: sum the values as DECIMAL(38,0).
  const char *aggregate_arg_type(const RoutineRef &agg) const override {
    return type_eq(agg.name, "sum") && agg.nargs == 1 && type_eq(agg.arg_types[0], "bigint") ? "DECIMAL(38,0)" : nullptr;
  }

  const char *map_aggregate(const RoutineRef &agg) const override {
    // Spark sums a FLOAT in a DOUBLE (its result is DOUBLE); PostgreSQL's
    // sum(real) adds in single precision: the totals differ.
    if (agg.nargs == 1 && type_eq(agg.name, "sum") && type_eq(agg.arg_types[0], "real")) return nullptr;
    return common_aggregate(agg, "BOOL_AND", "BOOL_OR");
  }

  void param_ref(SqlSink &out, int n, const char *) const override {
    char name[16];
    std::snprintf(name, sizeof(name), ":p%d", n);  // named parameter markers; DbxParam{"p<n>", ...}
    out.append(name);
  }

  void opaque_value(SqlSink &out, const char *type) const override {
    if (type == nullptr) {  // numeric: DECIMAL needs a precision to be exact
      out.append("NULL");
      return;
    }
    out.append("CAST(NULL AS ");
    out.append(type);
    out.append(")");
  }

  bool text_order_is_binary() const override { return true; }
  bool in_list_arrays() const override { return true; }
  bool join_on_true() const override { return true; }
  bool float_special_values() const override { return true; }

  bool cast_shippable(const char *from, const char *to) const override {
    if (type_eq(from, to)) return true;
    // Narrowing raises on overflow in both (ANSI); numeric(p,s) targets
    // round half away from zero in both.
    if (is_int_type(from))
      return is_int_type(to) || type_eq(to, "double precision") || is_string_type(to) || decimal_type(to) != nullptr;
    if (type_eq(from, "numeric") || (from != nullptr && std::strncmp(from, "numeric(", 8) == 0))
      return type_eq(to, "double precision") || decimal_type(to) != nullptr;  // not to integers: Spark truncates
    if (type_eq(from, "date")) return type_eq(to, "timestamp without time zone");
    if (type_eq(from, "timestamp without time zone")) return type_eq(to, "date");
    return false;  // text <-> number/date parse and print differently; double -> integer truncates in Spark
  }
};

}  // namespace

const Dialect &databricks_dialect() {
  static const DatabricksDialect d;
  return d;
}

}  // namespace wfdw
