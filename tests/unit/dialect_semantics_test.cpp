// Pins the decisions of docs/dialect-semantics.md: for every operator,
// function, aggregate, cast and constant the whitelist dialects ship,
// whether (and how) it is spelled so that BigQuery / Snowflake compute
// PostgreSQL's value, and what stays local because the vendor's meaning
// differs. The fakes run PostgreSQL underneath and cannot show these.
#include <gtest/gtest.h>
#include "providers/postgres/postgres_dialect.hpp"
#include "providers/bigquery/bigquery_dialect.hpp"
#include "providers/snowflake/snowflake_dialect.hpp"

#include <string>

#include "core/dialect.hpp"
#include "core/dialect_types.hpp"
#include "string_sink.hpp"

namespace {

const wfdw::Dialect &bq() { return wfdw::bigquery_dialect(); }
const wfdw::Dialect &sf() { return wfdw::snowflake_dialect(); }

std::string str(const char *s) { return s == nullptr ? "(local)" : s; }

wfdw::RoutineRef ref(const char *name, const char *a, const char *b) {
  wfdw::RoutineRef r{name, b == nullptr ? 1 : 2, {a, b}, nullptr, nullptr};
  return r;
}
std::string op(const wfdw::Dialect &d, const char *name, const char *a, const char *b) {
  return str(d.map_operator(ref(name, a, b)));
}
// An operator whose second argument is the text constant `pattern`.
std::string op_const(const wfdw::Dialect &d, const char *name, const char *pattern) {
  wfdw::RoutineRef r = ref(name, "text", "text");
  r.const_arg2 = pattern;
  return str(d.map_operator(r));
}
std::string op_ctype(const wfdw::Dialect &d, const char *name, bool ctype_is_c) {
  wfdw::RoutineRef r = ref(name, "text", "text");
  r.ctype_is_c = ctype_is_c;
  return str(d.map_operator(r));
}
std::string numeric_product(const wfdw::Dialect &d, const char *exact_a, const char *exact_b) {
  wfdw::RoutineRef r = ref("*", "numeric", "numeric");
  r.exact_types[0] = exact_a;
  r.exact_types[1] = exact_b;
  return str(d.map_operator(r));
}
std::string fn1(const wfdw::Dialect &d, const char *name, const char *a, bool ctype_is_c = false) {
  wfdw::RoutineRef r = ref(name, a, nullptr);
  r.ctype_is_c = ctype_is_c;
  return str(d.map_function(r));
}
std::string replace_fn(const wfdw::Dialect &d, const char *search) {
  wfdw::RoutineRef r = ref("replace", "text", "text");
  r.nargs = 3;
  r.const_arg2 = search;
  return str(d.map_function(r));
}
std::string agg(const wfdw::Dialect &d, const char *name, const char *arg) {
  wfdw::RoutineRef r{name, 1, {arg, nullptr}, nullptr, nullptr};
  return str(d.map_aggregate(r));
}
std::string constant(const wfdw::Dialect &d, const char *text) {
  StringSink s;
  d.constant(s, wfdw::ConstKind::Number, text);
  return s.out;
}
bool portable(const char *re) { return wfdw::regex_portable(re, nullptr); }

}  // namespace

// --- Regular expressions --------------------------------------------------

TEST(DialectSemantics, RegexPortableSubset) {
  EXPECT_TRUE(portable("^abc$"));
  EXPECT_TRUE(portable("foo|bar"));
  EXPECT_TRUE(portable("^(ab)+c?d*$"));
  EXPECT_TRUE(portable("[0-9]{2,4}"));
  EXPECT_TRUE(portable("[A-Za-z_]+x{3}"));
  EXPECT_TRUE(portable("a\\.b\\$c\\(d\\)"));  // escaped metacharacters
  EXPECT_TRUE(portable("caf\xc3\xa9"));       // UTF-8 literal
  EXPECT_TRUE(portable("a{2,}"));
  bool dot = false;
  EXPECT_TRUE(wfdw::regex_portable("a.c", &dot));
  EXPECT_TRUE(dot);
  EXPECT_TRUE(wfdw::regex_portable("abc", &dot));
  EXPECT_FALSE(dot);
}

TEST(DialectSemantics, RegexConstructsThatDifferAreRefused) {
  EXPECT_FALSE(portable(nullptr));  // not a constant
  EXPECT_FALSE(portable(""));       // empty pattern
  EXPECT_FALSE(portable("\\d+"));   // \d \w \s: Unicode in ARE under non-C ctypes, \v
  EXPECT_FALSE(portable("\\w"));
  EXPECT_FALSE(portable("\\s"));
  EXPECT_FALSE(portable("(a)\\1"));       // backreference: none in RE2
  EXPECT_FALSE(portable("a(?=b)"));       // lookahead: none in RE2 / POSIX
  EXPECT_FALSE(portable("(?i)abc"));      // embedded options
  EXPECT_FALSE(portable("***=a.b"));      // ARE director
  EXPECT_FALSE(portable("a*?"));          // non-greedy: none in Snowflake
  EXPECT_FALSE(portable("a**"));          // stacked quantifiers
  EXPECT_FALSE(portable("*a"));           // quantifier without atom
  EXPECT_FALSE(portable("^*"));           // quantified anchor
  EXPECT_FALSE(portable("[[:alpha:]]"));  // classes
  EXPECT_FALSE(portable("[^a]"));         // negation and newlines
  EXPECT_FALSE(portable("[a\\]]"));       // escapes in brackets: literal in POSIX
  EXPECT_FALSE(portable("[a-]"));
  EXPECT_FALSE(portable("[a-Z]"));
  EXPECT_FALSE(portable("a{256}"));  // PostgreSQL's bound limit is 255
  EXPECT_FALSE(portable("a{2"));
  EXPECT_FALSE(portable("a|"));  // empty branch
  EXPECT_FALSE(portable("()"));
  EXPECT_FALSE(portable("(a"));
  EXPECT_FALSE(portable("a)"));
  EXPECT_FALSE(portable("\\bword\\b"));
  EXPECT_FALSE(portable("\\Aabc"));
}

TEST(DialectSemantics, BigQueryRegexOnlyForPortableConstants) {
  EXPECT_EQ(op(bq(), "~", "text", "text"), "(local)");
  EXPECT_EQ(op_const(bq(), "~", "^b"), "REGEXP_CONTAINS(%1, %2)");
  EXPECT_EQ(op_const(bq(), "!~", "^b"), "(NOT REGEXP_CONTAINS(%1, %2))");
  // "." matches a newline in PostgreSQL's ARE, not in RE2 without (?s).
  EXPECT_EQ(op_const(bq(), "~", "a.c"), "REGEXP_CONTAINS(%1, CONCAT('(?s)', %2))");
  EXPECT_EQ(op_const(bq(), "!~", "a.c"), "(NOT REGEXP_CONTAINS(%1, CONCAT('(?s)', %2)))");
  EXPECT_EQ(op_const(bq(), "~", "\\d"), "(local)");
  EXPECT_EQ(op_const(bq(), "~*", "abc"), "(local)");  // case-insensitive regex
}

TEST(DialectSemantics, SnowflakeRegexOnlyForPortableConstants) {
  EXPECT_EQ(op(sf(), "~", "text", "text"), "(local)");
  EXPECT_EQ(op_const(sf(), "~", "urg"), "(REGEXP_INSTR(%1, %2, 1, 1, 0, 's') > 0)");
  EXPECT_EQ(op_const(sf(), "!~", "a.c"), "(REGEXP_INSTR(%1, %2, 1, 1, 0, 's') = 0)");
  EXPECT_EQ(op_const(sf(), "~", "(a)\\1"), "(local)");
}

// --- Case folding ----------------------------------------------------------

TEST(DialectSemantics, LowerUpperFoldAsciiOnlyUnderCCtype) {
  for (const wfdw::Dialect *d : {&bq(), &sf()}) {
    EXPECT_EQ(fn1(*d, "lower", "text"), "(local)");  // libc/ICU fold vs Unicode (upper('ß') = 'SS')
    EXPECT_EQ(fn1(*d, "upper", "character varying"), "(local)");
    EXPECT_EQ(fn1(*d, "lower", "text", true), wfdw::kAsciiLower);
    EXPECT_EQ(fn1(*d, "upper", "text", true), wfdw::kAsciiUpper);
  }
  EXPECT_EQ(std::string(wfdw::kAsciiLower),
            "TRANSLATE(%1, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')");
}

TEST(DialectSemantics, SnowflakeIlikeAsAsciiFoldedLike) {
  EXPECT_EQ(op_ctype(sf(), "~~*", false), "(local)");
  EXPECT_EQ(op_ctype(sf(), "~~*", true),
            "(TRANSLATE(%1, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') LIKE "
            "TRANSLATE(%2, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') ESCAPE '\\\\')");
  EXPECT_NE(op_ctype(sf(), "!~~*", true).find("NOT LIKE"), std::string::npos);
  EXPECT_EQ(op_ctype(bq(), "~~*", true), "(local)");  // no ILIKE in GoogleSQL
}

// --- LIKE, concatenation, string functions ---------------------------------

TEST(DialectSemantics, LikeEscapesWithBackslashAsPostgreSQL) {
  EXPECT_EQ(op(bq(), "~~", "text", "text"), "LIKE");  // GoogleSQL's escape is backslash
  EXPECT_EQ(op(bq(), "!~~", "text", "text"), "NOT LIKE");
  EXPECT_EQ(op(sf(), "~~", "text", "text"), "(%1 LIKE %2 ESCAPE '\\\\')");  // Snowflake has none by default
  EXPECT_EQ(op(bq(), "||", "text", "text"), "||");                          // NULL if either is NULL
  EXPECT_EQ(op(sf(), "||", "text", "text"), "||");
  EXPECT_EQ(op(bq(), "||", "text", "integer"), "(local)");  // textanycat
}

TEST(DialectSemantics, StringFunctionsCountCharacters) {
  EXPECT_EQ(fn1(bq(), "length", "text"), "CHAR_LENGTH");
  EXPECT_EQ(fn1(sf(), "length", "text"), "LENGTH");
  EXPECT_EQ(fn1(bq(), "reverse", "text"), "REVERSE");
  wfdw::RoutineRef strpos = ref("strpos", "text", "text");
  EXPECT_EQ(str(bq().map_function(strpos)), "STRPOS");
  EXPECT_EQ(str(sf().map_function(strpos)), "(local)");
  EXPECT_EQ(fn1(bq(), "length", "bytea"), "(local)");  // bytes vs characters
}

TEST(DialectSemantics, ReplaceWithEmptySearchString) {
  EXPECT_EQ(replace_fn(bq(), nullptr), "REPLACE");  // documented: empty search = no change
  EXPECT_EQ(replace_fn(sf(), "x"), "REPLACE");
  EXPECT_EQ(replace_fn(sf(), ""), "(local)");
  EXPECT_EQ(replace_fn(sf(), nullptr), "(local)");
}

// --- Floating point: NaN ---------------------------------------------------

TEST(DialectSemantics, BigQueryFloatComparisonsTreatNaNAsPostgreSQL) {
  const char *f = "double precision";
  EXPECT_EQ(op(bq(), "=", f, f), "(%1 = %2 OR (IS_NAN(%1) AND IS_NAN(%2)))");
  EXPECT_EQ(op(bq(), "<>", f, f), "(NOT (%1 = %2 OR (IS_NAN(%1) AND IS_NAN(%2))))");
  EXPECT_EQ(op(bq(), "<", f, f), "(%1 < %2 OR (IS_NAN(%2) AND NOT IS_NAN(%1)))");
  EXPECT_EQ(op(bq(), ">", f, f), "(%2 < %1 OR (IS_NAN(%1) AND NOT IS_NAN(%2)))");
  EXPECT_EQ(op(bq(), "<=", f, f), "(NOT (%2 < %1 OR (IS_NAN(%1) AND NOT IS_NAN(%2))))");
  EXPECT_EQ(op(bq(), ">=", f, f), "(NOT (%1 < %2 OR (IS_NAN(%2) AND NOT IS_NAN(%1))))");
  EXPECT_EQ(op(bq(), "=", "bigint", "numeric"), "=");  // no NaN: plain
  // Snowflake: NaN = NaN and NaN above +inf, as PostgreSQL.
  EXPECT_EQ(op(sf(), "<", f, f), "<");
  EXPECT_EQ(op(sf(), "=", f, f), "=");
}

// Evaluates a NaN-aware template in three-valued logic over doubles in
// which GoogleSQL's comparisons are IEEE's, and checks PostgreSQL's answer.
namespace {
enum class Tv { F, T, N };
struct Val {
  bool null;
  double v;
};
Tv tv(bool b) { return b ? Tv::T : Tv::F; }
Tv t_and(Tv a, Tv b) {
  if (a == Tv::F || b == Tv::F) return Tv::F;
  if (a == Tv::N || b == Tv::N) return Tv::N;
  return Tv::T;
}
Tv t_or(Tv a, Tv b) {
  if (a == Tv::T || b == Tv::T) return Tv::T;
  if (a == Tv::N || b == Tv::N) return Tv::N;
  return Tv::F;
}
Tv t_not(Tv a) { return a == Tv::N ? Tv::N : (a == Tv::T ? Tv::F : Tv::T); }
Tv ieee_eq(Val a, Val b) { return a.null || b.null ? Tv::N : tv(a.v == b.v); }
Tv ieee_lt(Val a, Val b) { return a.null || b.null ? Tv::N : tv(a.v < b.v); }
Tv is_nan(Val a) { return a.null ? Tv::N : tv(a.v != a.v); }
// The templates of BigQueryFloatComparisonsTreatNaNAsPostgreSQL, by hand.
Tv bq_eq(Val a, Val b) { return t_or(ieee_eq(a, b), t_and(is_nan(a), is_nan(b))); }
Tv bq_lt(Val a, Val b) { return t_or(ieee_lt(a, b), t_and(is_nan(b), t_not(is_nan(a)))); }
// PostgreSQL's float8 comparison: NaN equal to itself, above everything.
int pg_cmp(double a, double b) {
  bool an = a != a, bn = b != b;
  if (an || bn) return an && bn ? 0 : (an ? 1 : -1);
  return a < b ? -1 : (a > b ? 1 : 0);
}
}  // namespace

TEST(DialectSemantics, NaNTemplatesAgreeWithPostgreSQLOnEveryPair) {
  const double nan = __builtin_nan(""), inf = __builtin_inf();
  const Val vals[] = {{true, 0},    {false, nan},  {false, inf}, {false, -inf},
                      {false, 0.0}, {false, -0.0}, {false, 1.5}, {false, -2}};
  for (Val a : vals) {
    for (Val b : vals) {
      Tv eq = bq_eq(a, b), ne = t_not(bq_eq(a, b)), lt = bq_lt(a, b), gt = bq_lt(b, a);
      Tv le = t_not(bq_lt(b, a)), ge = t_not(bq_lt(a, b));
      if (a.null || b.null) {
        for (Tv r : {eq, ne, lt, gt, le, ge}) EXPECT_EQ(r, Tv::N);
        continue;
      }
      int c = pg_cmp(a.v, b.v);
      EXPECT_EQ(eq, tv(c == 0));
      EXPECT_EQ(ne, tv(c != 0));
      EXPECT_EQ(lt, tv(c < 0));
      EXPECT_EQ(gt, tv(c > 0));
      EXPECT_EQ(le, tv(c <= 0));
      EXPECT_EQ(ge, tv(c >= 0));
    }
  }
}

TEST(DialectSemantics, NaNInAggregatesAndSorts) {
  EXPECT_EQ(agg(bq(), "min", "double precision"), "(local)");  // GoogleSQL MIN is NaN if any input is
  EXPECT_EQ(agg(bq(), "max", "double precision"), "MAX");      // NaN in both
  EXPECT_EQ(agg(bq(), "min", "bigint"), "MIN");
  EXPECT_EQ(agg(sf(), "min", "double precision"), "MIN");
  EXPECT_EQ(agg(bq(), "sum", "double precision"), "SUM");
  EXPECT_EQ(agg(bq(), "avg", "double precision"), "AVG");
  EXPECT_EQ(str(bq().sort_key("double precision")), "IS_NAN(%1)");  // GoogleSQL sorts NaN first
  EXPECT_EQ(str(bq().sort_key("numeric")), "(local)");              // nullptr: no extra key
  EXPECT_EQ(str(sf().sort_key("double precision")), "(local)");
  EXPECT_EQ(str(wfdw::postgres_dialect().sort_key("double precision")), "(local)");
}

// --- Numbers ----------------------------------------------------------------

TEST(DialectSemantics, IntegerDivisionModuloAndPower) {
  EXPECT_EQ(op(bq(), "/", "integer", "integer"), "DIV(%1, %2)");  // truncates toward zero, errors on 0
  EXPECT_EQ(op(sf(), "/", "integer", "integer"), "(local)");      // Snowflake's / is a decimal
  EXPECT_EQ(op(bq(), "%", "bigint", "integer"), "MOD(%1, %2)");   // sign of the dividend in all three
  EXPECT_EQ(op(sf(), "%", "bigint", "integer"), "MOD(%1, %2)");
  EXPECT_EQ(op(bq(), "%", "numeric", "numeric"), "(local)");
  EXPECT_EQ(op(bq(), "^", "double precision", "double precision"), "POW(%1, %2)");
  EXPECT_EQ(op(bq(), "/", "numeric", "numeric"), "(local)");  // result scale differs
  EXPECT_EQ(op(bq(), "/", "double precision", "double precision"), "/");
}

TEST(DialectSemantics, NumericProductsKeepEveryDigit) {
  // BigQuery: NUMERIC * NUMERIC rounds to 9 decimals; BIGNUMERIC keeps 38.
  EXPECT_EQ(numeric_product(bq(), nullptr, nullptr), "CAST(%1 AS BIGNUMERIC) * CAST(%2 AS BIGNUMERIC)");
  EXPECT_EQ(numeric_product(bq(), "numeric(38,20)", "numeric(38,18)"),
            "CAST(%1 AS BIGNUMERIC) * CAST(%2 AS BIGNUMERIC)");
  EXPECT_EQ(numeric_product(bq(), "numeric(38,20)", "numeric(38,19)"), "(local)");
  // Snowflake: the product's scale is min(s1 + s2, max(s1, s2, 12)).
  EXPECT_EQ(numeric_product(sf(), "numeric(12,2)", "numeric(12,2)"), "*");
  EXPECT_EQ(numeric_product(sf(), "integer", "numeric(20,8)"), "*");
  EXPECT_EQ(numeric_product(sf(), "numeric(20,6)", "numeric(20,6)"), "*");        // 12 <= 12
  EXPECT_EQ(numeric_product(sf(), "numeric(20,8)", "numeric(20,8)"), "(local)");  // 16 > 12
  EXPECT_EQ(numeric_product(sf(), "numeric(30,14)", "numeric(10,0)"), "*");       // 14 <= 14
  EXPECT_EQ(numeric_product(sf(), "numeric(30,14)", "numeric(10,1)"), "(local)");
  EXPECT_EQ(numeric_product(sf(), nullptr, "numeric(12,2)"), "(local)");  // scale unknown
  EXPECT_EQ(op(sf(), "+", "numeric", "numeric"), "+");                    // scale max(s1, s2): exact
  EXPECT_EQ(op(sf(), "*", "bigint", "bigint"), "*");
  EXPECT_EQ(op(sf(), "*", "double precision", "double precision"), "*");
  EXPECT_EQ(wfdw::numeric_scale("numeric(12,2)"), 2);
  EXPECT_EQ(wfdw::numeric_scale("smallint"), 0);
  EXPECT_EQ(wfdw::numeric_scale("numeric"), -1);
  EXPECT_EQ(wfdw::numeric_scale(nullptr), -1);
}

TEST(DialectSemantics, ConstantsKeepTheirValueAndType) {
  // GoogleSQL reads 0.1 as FLOAT64: decimals are BIGNUMERIC literals.
  EXPECT_EQ(constant(bq(), "0.1"), "BIGNUMERIC '0.1'");
  EXPECT_EQ(constant(bq(), "-12.50"), "BIGNUMERIC '-12.50'");
  EXPECT_EQ(constant(bq(), "42"), "42");
  EXPECT_EQ(constant(bq(), "-42"), "(-42)");
  // Doubles (inside the deparser's CAST(... AS FLOAT64)): exponent forms,
  // -0, NaN and Infinity as strings.
  EXPECT_EQ(constant(bq(), "1e-50"), "'1e-50'");
  EXPECT_EQ(constant(bq(), "-0"), "'-0'");
  EXPECT_EQ(constant(bq(), "NaN"), "'NaN'");
  EXPECT_EQ(constant(bq(), "-Infinity"), "'-Infinity'");
  // Snowflake's 0.1 is an exact NUMBER; exponent forms and -0 as strings.
  EXPECT_EQ(constant(sf(), "0.1"), "0.1");
  EXPECT_EQ(constant(sf(), "1.5e+300"), "'1.5e+300'");
  EXPECT_EQ(constant(sf(), "-0"), "'-0'");
  EXPECT_EQ(constant(sf(), "-3"), "(-3)");
  // PostgreSQL: -0 keeps its sign through CAST('-0' AS double precision).
  EXPECT_EQ(constant(wfdw::postgres_dialect(), "-0"), "'-0'");
  EXPECT_EQ(constant(wfdw::postgres_dialect(), "1e-50"), "1e-50");
}

// --- Casts ------------------------------------------------------------------

TEST(DialectSemantics, CastsThatParseOrPrintDifferentlyStayLocal) {
  // Float to text: shortest round-trip digits in PostgreSQL, other formats
  // remotely; float to integer: half to even vs half away from zero.
  for (const wfdw::Dialect *d : {&bq(), &sf()}) {
    EXPECT_FALSE(d->cast_shippable("double precision", "text"));
    EXPECT_FALSE(d->cast_shippable("double precision", "integer"));
    EXPECT_FALSE(d->cast_shippable("numeric", "text"));
    EXPECT_FALSE(d->cast_shippable("boolean", "text"));  // 'true' vs 'TRUE'/'true'
    EXPECT_FALSE(d->cast_shippable("integer", "boolean"));
    EXPECT_FALSE(d->cast_shippable("timestamp without time zone", "text"));
    EXPECT_TRUE(d->cast_shippable("integer", "double precision"));
    EXPECT_TRUE(d->cast_shippable("date", "timestamp without time zone"));
  }
  EXPECT_FALSE(bq().cast_shippable("text", "numeric"));  // BIGNUMERIC rounds past 38 decimals
  EXPECT_TRUE(bq().cast_shippable("text", "bigint"));    // only error cases differ (hex)
  EXPECT_TRUE(bq().cast_shippable("integer", "text"));
  EXPECT_TRUE(bq().cast_shippable("numeric", "double precision"));
  EXPECT_FALSE(sf().cast_shippable("text", "integer"));
  EXPECT_FALSE(sf().cast_shippable("integer", "text"));
}

TEST(DialectSemantics, NullsAreOrderedExplicitly) {
  for (const wfdw::Dialect *d : {&bq(), &sf()}) {
    StringSink s;
    d->order_suffix(s, false, false);
    EXPECT_EQ(s.out, " ASC NULLS LAST");
    StringSink t;
    d->order_suffix(t, true, true);
    EXPECT_EQ(t.out, " DESC NULLS FIRST");
  }
}
