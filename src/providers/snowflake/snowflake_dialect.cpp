#define WFDW_PURE_TU 1
// Snowflake SQL. Identifiers are always double-quoted with their exact case
// (IMPORT keeps remote names, which are upper case unless created quoted).
// Like GoogleSQL this is a whitelist keyed on PostgreSQL argument types:
// only what computes the same value on both sides is shipped.
#include <cstdio>
#include "providers/snowflake/snowflake_dialect.hpp"
#include <cstring>

#include "core/dialect.hpp"
#include "core/dialect_types.hpp"

namespace wfdw {
namespace {

// Types whose values compare the same way on both sides. Strings compare
// by UTF-8 bytes in Snowflake (no collation): shipped ordering is further
// restricted to the C collation by text_order_is_binary().
const char *comparable_class(const char *t) {
  if (is_number_type(t)) return "number";
  if (is_string_type(t)) return "string";
  static const char *const same[] = {"boolean", "date", "timestamp without time zone", "time without time zone",
                                     "bytea"};
  for (const char *s : same)
    if (type_eq(t, s)) return s;
  return nullptr;  // timestamptz: TIMESTAMP_LTZ/TZ semantics follow the session time zone
}

struct TypePair {
  const char *pg;
  const char *sf;
};
// numeric has no entry: NUMBER without a scale is NUMBER(38,0), which would
// round where PostgreSQL's numeric keeps every digit.
// numeric(p,s) has an exact NUMBER(p,s) (p <= 38), looked up separately.
const TypePair kTypes[] = {
    {"smallint", "NUMBER(38,0)"},
    {"integer", "NUMBER(38,0)"},
    {"bigint", "NUMBER(38,0)"},
    {"double precision", "FLOAT"},
    {"text", "VARCHAR"},
    {"character varying", "VARCHAR"},
    {"boolean", "BOOLEAN"},
    {"bytea", "BINARY"},
    {"date", "DATE"},
    {"time without time zone", "TIME(9)"},
    {"timestamp without time zone", "TIMESTAMP_NTZ(9)"},
};

// "numeric(p,s)" -> "NUMBER(p,s)" for p <= 38, from a fixed table of
// spellings (the dialect allocates nothing); nullptr otherwise.
const char *numeric_type(const char *pg_type) {
  int p = 0, s = 0, n = 0;
  if (std::sscanf(pg_type, "numeric(%d,%d)%n", &p, &s, &n) != 2 || pg_type[n] != '\0') return nullptr;
  if (p < 1 || p > 38 || s < 0 || s > p) return nullptr;
  struct Names {
    char text[39][39][16];
    Names() {
      for (int i = 1; i <= 38; i++)
        for (int j = 0; j <= i; j++) std::snprintf(text[i][j], sizeof(text[i][j]), "NUMBER(%d,%d)", i, j);
    }
  };
  static const Names names;  // built once, thread-safely
  return names.text[p][s];
}

// clang-format off
// date_trunc(field, timestamp). WEEK depends on the WEEK_START parameter:
// not shipped.
const FieldTemplate kTrunc[] = {
    {"year", "DATE_TRUNC('YEAR', %2)"}, {"quarter", "DATE_TRUNC('QUARTER', %2)"},
    {"month", "DATE_TRUNC('MONTH', %2)"}, {"day", "DATE_TRUNC('DAY', %2)"},
    {"hour", "DATE_TRUNC('HOUR', %2)"}, {"minute", "DATE_TRUNC('MINUTE', %2)"},
    {"second", "DATE_TRUNC('SECOND', %2)"}};
// extract(field from date or timestamp), integral fields; the ISO
// functions do not depend on WEEK_START / WEEK_OF_YEAR_POLICY.
const FieldTemplate kDateFields[] = {
    {"year", "EXTRACT(YEAR FROM %2)"}, {"quarter", "EXTRACT(QUARTER FROM %2)"},
    {"month", "EXTRACT(MONTH FROM %2)"}, {"day", "EXTRACT(DAY FROM %2)"},
    {"doy", "DAYOFYEAR(%2)"}, {"dow", "MOD(DAYOFWEEKISO(%2), 7)"}, {"isodow", "DAYOFWEEKISO(%2)"},
    {"week", "WEEKISO(%2)"}, {"isoyear", "YEAROFWEEKISO(%2)"}};
const FieldTemplate kTimeFields[] = {{"hour", "EXTRACT(HOUR FROM %2)"}, {"minute", "EXTRACT(MINUTE FROM %2)"}};
// clang-format on

// clang-format off
const char kAsciiIlike[] =
    "(TRANSLATE(%1, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') LIKE "
    "TRANSLATE(%2, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') ESCAPE '\\\\')";
const char kAsciiNotIlike[] =
    "(TRANSLATE(%1, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') NOT LIKE "
    "TRANSLATE(%2, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') ESCAPE '\\\\')";
// clang-format on

class SnowflakeDialect final : public Dialect {
 public:
  const char *name() const override { return "snowflake"; }

  void identifier(SqlSink &out, const char *ident) const override {
    out.append("\"");
    const char *start = ident;
    for (const char *p = ident; *p; ++p) {
      if (*p == '"') {
        out.append(start, static_cast<size_t>(p - start + 1));
        out.append("\"");
        start = p + 1;
      }
    }
    out.append(start);
    out.append("\"");
  }

  // Snowflake reads backslash escapes inside '...', so a backslash is
  // doubled as well as a quote.
  void string_literal(SqlSink &out, const char *value) const override {
    out.append("'");
    const char *start = value;
    for (const char *p = value; *p; ++p) {
      if (*p == '\'' || *p == '\\') {
        out.append(start, static_cast<size_t>(p - start));
        out.append(*p == '\'' ? "''" : "\\\\");
        start = p + 1;
      }
    }
    out.append(start);
    out.append("'");
  }

  // Doubles in exponent form (1e-50) and -0 as strings inside the
  // deparser's CAST(... AS FLOAT): a bare -0 is the integer 0, and an
  // exponent literal need not be read as a FLOAT. Plain decimals (1.5) are
  // exact NUMBER literals.
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
      if (type_eq(pg_type, t.pg)) return t.sf;
    return numeric_type(pg_type);
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
      // Integer overflow errors in PostgreSQL but widens in Snowflake; the
      // value is the same whenever PostgreSQL has one.
      if (type_eq(n, "*") && type_eq(a, "numeric") && type_eq(b, "numeric")) {
        // The product's scale is min(s1 + s2, max(s1, s2, 12)): digits
        // beyond it are cut. Exact only when both scales are known and
        // their sum fits.
        int sa = numeric_scale(op.exact_types[0]), sb = numeric_scale(op.exact_types[1]);
        int cap = sa > sb ? sa : sb;
        if (cap < 12) cap = 12;
        return sa >= 0 && sb >= 0 && sa + sb <= cap ? n : nullptr;
      }
      if (is_number_type(a) && is_number_type(b)) return n;
      if (type_eq(n, "+") && type_eq(a, "date") && is_int_type(b)) return "DATEADD(day, %2, %1)";
      if (type_eq(n, "-") && type_eq(a, "date") && is_int_type(b)) return "DATEADD(day, -(%2), %1)";
      if (type_eq(n, "-") && type_eq(a, "date") && type_eq(b, "date")) return "DATEDIFF(day, %2, %1)";
      return nullptr;
    }
    // Integer division truncates in PostgreSQL; Snowflake's / gives a
    // decimal rounded to a few places, so no spelling is exact: local.
    if (type_eq(n, "/")) return type_eq(a, "double precision") && type_eq(b, "double precision") ? "/" : nullptr;
    if (type_eq(n, "%"))
      return is_int_type(a) && is_int_type(b) ? "MOD(%1, %2)" : nullptr;  // sign of the dividend, both
    if (type_eq(n, "^"))
      return type_eq(a, "double precision") && type_eq(b, "double precision") ? "POWER(%1, %2)" : nullptr;
    if (is_string_type(a) && is_string_type(b)) {
      if (type_eq(n, "||")) return "||";
      // PostgreSQL's LIKE escapes with backslash by default; say so.
      if (type_eq(n, "~~")) return "(%1 LIKE %2 ESCAPE '\\\\')";
      if (type_eq(n, "!~~")) return "(%1 NOT LIKE %2 ESCAPE '\\\\')";
      // ILIKE folds case as PostgreSQL does only under a C ctype (ASCII
      // letters): spelled as LIKE over an ASCII fold of both sides.
      if (type_eq(n, "~~*") || type_eq(n, "!~~*")) {
        if (!op.ctype_is_c) return nullptr;
        return type_eq(n, "~~*") ? kAsciiIlike : kAsciiNotIlike;
      }
      // REGEXP_LIKE matches the whole string; ~ searches within it. POSIX
      // ERE differs from PostgreSQL's ARE (classes, backreferences, "."
      // and newlines): only a constant pattern of the portable subset
      // ships, with the 's' parameter (. matches newline, as in ARE).
      if (type_eq(n, "~") || type_eq(n, "!~")) {
        if (!regex_portable(op.const_arg2, nullptr)) return nullptr;
        return type_eq(n, "~") ? "(REGEXP_INSTR(%1, %2, 1, 1, 0, 's') > 0)"
                               : "(REGEXP_INSTR(%1, %2, 1, 1, 0, 's') = 0)";
      }
    }
    return nullptr;
  }

  const char *map_function(const RoutineRef &fn) const override {
    const char *a = fn.arg_types[0];
    const char *n = fn.name;
    if (fn.nargs == 1 && is_string_type(a) &&
        (type_eq(n, "length") || type_eq(n, "char_length") || type_eq(n, "character_length")))
      return "LENGTH";
    if (fn.nargs == 2 && is_string_type(a) && is_string_type(fn.arg_types[1]) && type_eq(n, "starts_with"))
      return "STARTSWITH";
    // replace(s, '', r) is s in PostgreSQL; Snowflake's REPLACE with an
    // empty search string is not documented: only a non-empty constant.
    if (type_eq(n, "replace") && (fn.const_arg2 == nullptr || fn.const_arg2[0] == '\0')) return nullptr;
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

  const char *map_aggregate(const RoutineRef &agg) const override {
    return common_aggregate(agg, "BOOLAND_AGG", "BOOLOR_AGG");
  }

  void param_ref(SqlSink &out, int n, const char *) const override {
    char name[16];
    std::snprintf(name, sizeof(name), ":%d", n);  // numbered binds may repeat
    out.append(name);
  }

  void opaque_value(SqlSink &out, const char *type) const override {
    if (type == nullptr) {  // numeric: NUMBER needs a scale to be exact
      out.append("NULL");
      return;
    }
    out.append("CAST(NULL AS ");
    out.append(type);
    out.append(")");
  }

  // Snowflake takes OFFSET only after LIMIT (or FETCH); LIMIT NULL is
  // documented as no limit.
  void limit_clause(SqlSink &out, const char *limit, const char *offset) const override {
    out.append(" LIMIT ");
    out.append(limit != nullptr ? limit : "NULL");
    if (offset != nullptr) {
      out.append(" OFFSET ");
      out.append(offset);
    }
  }

  bool text_order_is_binary() const override { return true; }
  bool in_list_arrays() const override { return true; }
  bool greatest_ignores_nulls() const override { return false; }

  bool cast_shippable(const char *from, const char *to) const override {
    if (type_eq(from, to)) return true;
    if (is_int_type(from)) return is_int_type(to) || type_eq(to, "double precision");
    if (type_eq(from, "date")) return type_eq(to, "timestamp without time zone");
    return false;  // text <-> number/date parse and print differently
  }
};

}  // namespace

const Dialect &snowflake_dialect() {
  static const SnowflakeDialect d;
  return d;
}

}  // namespace wfdw
