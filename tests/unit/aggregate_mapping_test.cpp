// How the whitelist dialects spell aggregates and date functions, and
// what they refuse because the result would differ from PostgreSQL's.
#include <gtest/gtest.h>
#include "providers/postgres/postgres_dialect.hpp"
#include "providers/bigquery/bigquery_dialect.hpp"
#include "providers/snowflake/snowflake_dialect.hpp"

#include <string>

#include "core/dialect.hpp"

namespace {

const char *agg(const wfdw::Dialect &d, const char *name, const char *arg) {
  wfdw::RoutineRef r{name, arg == nullptr ? 0 : 1, {arg, nullptr}, nullptr, nullptr};
  return d.map_aggregate(r);
}

const char *field_fn(const wfdw::Dialect &d, const char *name, const char *field, const char *arg) {
  wfdw::RoutineRef r{name, 2, {"text", arg}, nullptr, field};
  return d.map_function(r);
}

std::string str(const char *s) { return s == nullptr ? "(local)" : s; }

}  // namespace

TEST(AggregateMapping, BigQuerySpellsWhatMatchesAndRefusesTheRest) {
  const wfdw::Dialect &bq = wfdw::bigquery_dialect();
  EXPECT_EQ(str(agg(bq, "count", nullptr)), "COUNT");
  EXPECT_EQ(str(agg(bq, "sum", "integer")), "SUM");
  EXPECT_EQ(str(agg(bq, "max", "text")), "MAX");
  EXPECT_EQ(str(agg(bq, "bool_and", "boolean")), "LOGICAL_AND");
  EXPECT_EQ(str(agg(bq, "every", "boolean")), "LOGICAL_AND");
  EXPECT_EQ(str(agg(bq, "avg", "double precision")), "AVG");
  EXPECT_EQ(str(agg(bq, "stddev", "double precision")), "STDDEV_SAMP");
  // avg and stddev of integers/numerics are exact numerics with
  // PostgreSQL's own scale: kept local.
  EXPECT_EQ(str(agg(bq, "avg", "integer")), "(local)");
  EXPECT_EQ(str(agg(bq, "avg", "numeric")), "(local)");
  EXPECT_EQ(str(agg(bq, "stddev", "bigint")), "(local)");
  EXPECT_EQ(str(agg(bq, "string_agg", "text")), "(local)");
  EXPECT_EQ(str(agg(bq, "max", "jsonb")), "(local)");
  EXPECT_FALSE(bq.aggregate_filter());
  EXPECT_TRUE(bq.unique_result_names());
}

TEST(AggregateMapping, SnowflakeBooleanAggregatesHaveTheirOwnNames) {
  const wfdw::Dialect &sf = wfdw::snowflake_dialect();
  EXPECT_EQ(str(agg(sf, "bool_and", "boolean")), "BOOLAND_AGG");
  EXPECT_EQ(str(agg(sf, "bool_or", "boolean")), "BOOLOR_AGG");
  EXPECT_EQ(str(agg(sf, "var_pop", "double precision")), "VAR_POP");
  EXPECT_EQ(str(agg(sf, "avg", "smallint")), "(local)");
}

TEST(AggregateMapping, PostgresShipsEveryBuiltinWithFilterAndOrder) {
  const wfdw::Dialect &pg = wfdw::postgres_dialect();
  EXPECT_EQ(str(agg(pg, "string_agg", "text")), "string_agg");
  EXPECT_EQ(str(agg(pg, "avg", "integer")), "avg");
  EXPECT_TRUE(pg.aggregate_filter());
  EXPECT_TRUE(pg.aggregate_order_by());
}

TEST(DateFields, TruncAndExtractPerDialect) {
  const wfdw::Dialect &bq = wfdw::bigquery_dialect();
  const wfdw::Dialect &sf = wfdw::snowflake_dialect();
  const char *ts = "timestamp without time zone";
  EXPECT_EQ(str(field_fn(bq, "date_trunc", "month", ts)), "DATETIME_TRUNC(%2, MONTH)");
  EXPECT_EQ(str(field_fn(bq, "date_trunc", "week", ts)), "DATETIME_TRUNC(%2, ISOWEEK)");
  EXPECT_EQ(str(field_fn(sf, "date_trunc", "month", ts)), "DATE_TRUNC('MONTH', %2)");
  // Snowflake's week start is a session parameter; timestamptz truncation
  // depends on the time zone: both local.
  EXPECT_EQ(str(field_fn(sf, "date_trunc", "week", ts)), "(local)");
  EXPECT_EQ(str(field_fn(bq, "date_trunc", "month", "timestamp with time zone")), "(local)");
  EXPECT_EQ(str(field_fn(bq, "extract", "dow", "date")), "(EXTRACT(DAYOFWEEK FROM %2) - 1)");
  EXPECT_EQ(str(field_fn(sf, "extract", "dow", "date")), "MOD(DAYOFWEEKISO(%2), 7)");
  EXPECT_EQ(str(field_fn(bq, "extract", "hour", ts)), "EXTRACT(HOUR FROM %2)");
  EXPECT_EQ(str(field_fn(bq, "extract", "hour", "date")), "(local)");
  // Seconds carry a fraction whose scale PostgreSQL fixes.
  EXPECT_EQ(str(field_fn(bq, "extract", "second", ts)), "(local)");
  EXPECT_EQ(str(field_fn(bq, "date_trunc", nullptr, ts)), "(local)");
}
