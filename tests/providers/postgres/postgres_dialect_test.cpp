#include <gtest/gtest.h>
#include "providers/postgres/postgres_dialect.hpp"

#include <string>

#include "core/dialect.hpp"
#include "string_sink.hpp"

namespace {

const wfdw::Dialect &pg() { return wfdw::postgres_dialect(); }

std::string ident(const char *s) {
  StringSink sink;
  pg().identifier(sink, s);
  return sink.out;
}

std::string literal(const char *s) {
  StringSink sink;
  pg().string_literal(sink, s);
  return sink.out;
}

std::string constant(wfdw::ConstKind k, const char *s) {
  StringSink sink;
  pg().constant(sink, k, s);
  return sink.out;
}

}  // namespace

TEST(PostgresDialect, PlainIdentifiersStayBare) {
  EXPECT_EQ(ident("customer_id"), "customer_id");
  EXPECT_EQ(ident("_x1"), "_x1");
}

TEST(PostgresDialect, IdentifiersNeedingQuotes) {
  EXPECT_EQ(ident("Mixed Case"), "\"Mixed Case\"");
  EXPECT_EQ(ident("select"), "\"select\"");
  EXPECT_EQ(ident("user"), "\"user\"");
  EXPECT_EQ(ident("quote\"d"), "\"quote\"\"d\"");
  EXPECT_EQ(ident("1abc"), "\"1abc\"");
  EXPECT_EQ(ident(""), "\"\"");
  EXPECT_EQ(ident("ünï"), "\"ünï\"");
  EXPECT_EQ(ident("\"\""), "\"\"\"\"\"\"");
}

TEST(PostgresDialect, StringLiterals) {
  EXPECT_EQ(literal("plain"), "'plain'");
  EXPECT_EQ(literal("O'Reilly"), "'O''Reilly'");
  EXPECT_EQ(literal("''"), "''''''");
  // A backslash forces an E'' literal so the meaning does not depend on
  // standard_conforming_strings.
  EXPECT_EQ(literal("a\\b"), "E'a\\\\b'");
  EXPECT_EQ(literal("\\'; DROP TABLE t; --"), "E'\\\\''; DROP TABLE t; --'");
  EXPECT_EQ(literal("line\nbreak"), "'line\nbreak'");
  EXPECT_EQ(literal(""), "''");
}

TEST(PostgresDialect, NumbersAreBareOrQuoted) {
  EXPECT_EQ(constant(wfdw::ConstKind::Number, "42"), "42");
  EXPECT_EQ(constant(wfdw::ConstKind::Number, "1.5e10"), "1.5e10");
  EXPECT_EQ(constant(wfdw::ConstKind::Number, "-1"), "(-1)");
  EXPECT_EQ(constant(wfdw::ConstKind::Number, "NaN"), "'NaN'");
  EXPECT_EQ(constant(wfdw::ConstKind::Number, "-Infinity"), "'-Infinity'");
  EXPECT_EQ(constant(wfdw::ConstKind::Number, "1); DROP"), "'1); DROP'");
}

TEST(PostgresDialect, BooleansAndBits) {
  EXPECT_EQ(constant(wfdw::ConstKind::Boolean, "t"), "true");
  EXPECT_EQ(constant(wfdw::ConstKind::Boolean, "f"), "false");
  EXPECT_EQ(constant(wfdw::ConstKind::BitString, "0101"), "B'0101'");
}

TEST(PostgresDialect, OrderingIsExplicit) {
  StringSink a, b;
  pg().order_suffix(a, false, false);
  pg().order_suffix(b, true, true);
  EXPECT_EQ(a.out, " ASC NULLS LAST");
  EXPECT_EQ(b.out, " DESC NULLS FIRST");
}

TEST(PostgresDialect, LimitAndParams) {
  StringSink l, p, o;
  pg().limit_clause(l, "10", "5");
  pg().param_ref(p, 3, "integer");
  pg().opaque_value(o, "text");
  EXPECT_EQ(l.out, " LIMIT 10 OFFSET 5");
  EXPECT_EQ(p.out, "CAST($3 AS integer)");
  EXPECT_EQ(o.out, "CAST((SELECT CAST(NULL AS text)) AS text)");
}

TEST(PostgresDialect, TableReference) {
  StringSink s;
  pg().table_reference(s, nullptr, "Awkward Schema", "t");
  EXPECT_EQ(s.out, "\"Awkward Schema\".t");
}
