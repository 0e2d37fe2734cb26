// GoogleSQL printing: quoting, escaping, and the operator whitelist.
#include <gtest/gtest.h>
#include "providers/bigquery/bigquery_dialect.hpp"

#include <string>

#include "core/dialect.hpp"
#include "string_sink.hpp"

namespace {

const wfdw::Dialect &bq() { return wfdw::bigquery_dialect(); }

std::string ident(const char *s) {
  StringSink sink;
  bq().identifier(sink, s);
  return sink.out;
}
std::string literal(const char *s) {
  StringSink sink;
  bq().string_literal(sink, s);
  return sink.out;
}
const char *op(const char *name, const char *a, const char *b) {
  wfdw::RoutineRef r{name, b == nullptr ? 1 : 2, {a, b}, nullptr};
  return bq().map_operator(r);
}
std::string limit(const char *l, const char *o) {
  StringSink sink;
  bq().limit_clause(sink, l, o);
  return sink.out;
}

}  // namespace

TEST(BigQueryDialect, IdentifiersInBackticksWithEscapes) {
  EXPECT_EQ(ident("events"), "`events`");
  EXPECT_EQ(ident("my table"), "`my table`");
  EXPECT_EQ(ident("a`b"), "`a\\`b`");
  EXPECT_EQ(ident("a\\b"), "`a\\\\b`");
}

TEST(BigQueryDialect, StringLiteralsUseBackslashEscapes) {
  EXPECT_EQ(literal("plain"), "'plain'");
  EXPECT_EQ(literal("it's"), "'it\\'s'");  // '' is no escape in GoogleSQL
  EXPECT_EQ(literal("a\\b"), "'a\\\\b'");
  EXPECT_EQ(literal("line\nbreak\ttab\r"), "'line\\nbreak\\ttab\\r'");
  EXPECT_EQ(literal("\x01"), "'\\x01'");
  EXPECT_EQ(literal("caf\xc3\xa9"), "'caf\xc3\xa9'");  // UTF-8 passes through
}

TEST(BigQueryDialect, TableReferenceIsOneBacktickedPath) {
  StringSink sink;
  bq().table_reference(sink, "acme-prod", "analytics", "events");
  EXPECT_NE(sink.out.find("acme-prod"), std::string::npos);
  EXPECT_NE(sink.out.find("events"), std::string::npos);
  EXPECT_EQ(sink.out.find('"'), std::string::npos);
}

TEST(BigQueryDialect, OperatorsMapWhereMeaningsMatch) {
  EXPECT_STREQ(op("/", "integer", "bigint"), "DIV(%1, %2)");
  EXPECT_STREQ(op("%", "bigint", "bigint"), "MOD(%1, %2)");
  EXPECT_STREQ(op("^", "double precision", "double precision"), "POW(%1, %2)");
  EXPECT_EQ(op("~", "text", "text"), nullptr);  // pattern unknown: see dialect_semantics_test
  EXPECT_STREQ(op("~~", "text", "character varying"), "LIKE");
  EXPECT_STREQ(op("=", "integer", "numeric"), "=");
  EXPECT_STREQ(op("-", "date", "date"), "DATE_DIFF(%1, %2, DAY)");
}

TEST(BigQueryDialect, OperatorsWhoseMeaningDiffersStayLocal) {
  EXPECT_EQ(op("/", "numeric", "numeric"), nullptr);  // result scale differs
  EXPECT_EQ(op("%", "numeric", "numeric"), nullptr);
  EXPECT_EQ(op("~~*", "text", "text"), nullptr);  // no ILIKE
  EXPECT_EQ(op("=", "text", "integer"), nullptr);
  EXPECT_EQ(op("=", "jsonb", "jsonb"), nullptr);
  EXPECT_EQ(op("@>", "integer[]", "integer[]"), nullptr);
}

TEST(BigQueryDialect, OffsetOnlyAfterLimit) {
  EXPECT_EQ(limit("10", nullptr), " LIMIT 10");
  EXPECT_EQ(limit("10", "5"), " LIMIT 10 OFFSET 5");
  EXPECT_EQ(limit(nullptr, "5"), " LIMIT 9223372036854775807 OFFSET 5");
}

TEST(BigQueryDialect, CastsOnlyWhereValuesMatch) {
  EXPECT_TRUE(bq().cast_shippable("integer", "bigint"));
  EXPECT_TRUE(bq().cast_shippable("text", "date"));
  EXPECT_FALSE(bq().cast_shippable("double precision", "integer"));  // rounding differs
  EXPECT_FALSE(bq().cast_shippable("timestamp with time zone", "text"));
  EXPECT_STREQ(bq().type_name("timestamp with time zone"), "TIMESTAMP");
  EXPECT_EQ(bq().type_name("character varying(3)"), nullptr);
}
