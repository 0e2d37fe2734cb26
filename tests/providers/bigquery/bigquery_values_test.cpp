// BigQuery cells -> PostgreSQL input text, exactly.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>

#include "providers/bigquery/bigquery_values.hpp"
#include "core/errors.hpp"

namespace {

using nlohmann::json;
using wfdw::BqField;

BqField field(const char *type, bool repeated = false) {
  BqField f;
  f.name = "c";
  f.type = type;
  f.repeated = repeated;
  return f;
}

std::string cell(const BqField &f, const json &v) {
  std::string out;
  if (!wfdw::bq_cell_to_pg_text(f, v, out)) return "<NULL>";
  return out;
}

}  // namespace

TEST(BigQueryValues, TimestampMicrosIncludingBeforeTheEpoch) {
  EXPECT_EQ(wfdw::bq_timestamp_micros_to_text(0), "1970-01-01 00:00:00.000000+00");
  EXPECT_EQ(wfdw::bq_timestamp_micros_to_text(1), "1970-01-01 00:00:00.000001+00");
  EXPECT_EQ(wfdw::bq_timestamp_micros_to_text(-1), "1969-12-31 23:59:59.999999+00");
  EXPECT_EQ(wfdw::bq_timestamp_micros_to_text(951782400000000LL), "2000-02-29 00:00:00.000000+00");
  EXPECT_EQ(wfdw::bq_timestamp_micros_to_text(253402300799999999LL), "9999-12-31 23:59:59.999999+00");
  EXPECT_EQ(wfdw::bq_timestamp_micros_to_text(-62135596800000000LL), "0001-01-01 00:00:00.000000+00");
}

TEST(BigQueryValues, TimestampCellsIntAndFloatSeconds) {
  EXPECT_EQ(cell(field("TIMESTAMP"), "1700000000123456"), "2023-11-14 22:13:20.123456+00");
  EXPECT_EQ(cell(field("TIMESTAMP"), "1.7000000001234559E9"), "2023-11-14 22:13:20.123456+00");
  EXPECT_THROW(cell(field("TIMESTAMP"), "yesterday"), wfdw::Error);
}

TEST(BigQueryValues, IntervalEverySignExplicit) {
  EXPECT_EQ(wfdw::bq_interval_to_pg("1-2 3 4:5:6.5"), "+1 years +2 mons +3 days +4 hours +5 mins +6.5 secs");
  EXPECT_EQ(wfdw::bq_interval_to_pg("-1-2 -3 -4:5:6"), "-1 years -2 mons -3 days -4 hours -5 mins -6 secs");
  EXPECT_EQ(wfdw::bq_interval_to_pg("0-0 0 0:0:0"), "+0 years +0 mons +0 days +0 hours +0 mins +0 secs");
  EXPECT_THROW(wfdw::bq_interval_to_pg("P1D"), wfdw::Error);
}

TEST(BigQueryValues, ScalarsPassThroughExactly) {
  EXPECT_EQ(cell(field("NUMERIC"), "12345678901234567890.123456789"), "12345678901234567890.123456789");
  EXPECT_EQ(cell(field("FLOAT64"), "NaN"), "NaN");
  EXPECT_EQ(cell(field("FLOAT64"), "-Infinity"), "-Infinity");
  EXPECT_EQ(cell(field("INT64"), "-9223372036854775808"), "-9223372036854775808");
  EXPECT_EQ(cell(field("STRING"), "a\"b\\c\n"), "a\"b\\c\n");
  EXPECT_EQ(cell(field("STRING"), nullptr), "<NULL>");
  EXPECT_EQ(cell(field("BYTES"), "AP8Q"), "\\x00ff10");
  EXPECT_THROW(cell(field("BYTES"), "!!"), wfdw::Error);
  EXPECT_THROW(cell(field("INT64"), 5), wfdw::Error);  // cells are strings on the wire
}

TEST(BigQueryValues, ArraysQuoteEveryElement) {
  json v = json::array({{{"v", "a,b"}}, {{"v", "say \"hi\""}}, {{"v", "back\\slash"}}, {{"v", "NULL"}}});
  EXPECT_EQ(cell(field("STRING", true), v), R"({"a,b","say \"hi\"","back\\slash","NULL"})");
  // A NULL array arrives as []: PostgreSQL sees an empty array.
  EXPECT_EQ(cell(field("INT64", true), json::array()), "{}");
  EXPECT_EQ(cell(field("TIMESTAMP", true), json::array({{{"v", "0"}}})), R"({"1970-01-01 00:00:00.000000+00"})");
}

TEST(BigQueryValues, StructBecomesTypedJson) {
  BqField s = field("STRUCT");
  BqField a = field("INT64");
  a.name = "n";
  BqField b = field("STRING", true);
  b.name = "tags";
  BqField c = field("JSON");
  c.name = "doc";
  BqField d = field("FLOAT64");
  d.name = "f";
  s.fields = {a, b, c, d};
  json v = {
      {"f",
       json::array({{{"v", "42"}}, {{"v", json::array({{{"v", "x"}}})}}, {{"v", R"({"k":[1,2]})"}}, {{"v", "NaN"}}})}};
  EXPECT_EQ(json::parse(cell(s, v)), json::parse(R"({"n":42,"tags":["x"],"doc":{"k":[1,2]},"f":"NaN"})"));
  EXPECT_EQ(cell(s, nullptr), "<NULL>");
}

TEST(BigQueryValues, SchemaCanonicalisesLegacyNamesAndModes) {
  auto fields = wfdw::parse_bq_schema(json::parse(
      R"({"fields":[{"name":"a","type":"INTEGER","mode":"REQUIRED"},{"name":"b","type":"RECORD","mode":"REPEATED",
          "fields":[{"name":"x","type":"FLOAT"}]},{"name":"c","type":"BOOLEAN","description":"d"}]})"));
  ASSERT_EQ(fields.size(), 3u);
  EXPECT_EQ(fields[0].type, "INT64");
  EXPECT_TRUE(fields[0].required);
  EXPECT_EQ(fields[1].type, "STRUCT");
  EXPECT_TRUE(fields[1].repeated);
  EXPECT_EQ(fields[1].fields[0].type, "FLOAT64");
  EXPECT_EQ(fields[2].description, "d");
  EXPECT_EQ(wfdw::pg_type_for_bq_field(fields[0]), "bigint");
  EXPECT_EQ(wfdw::pg_type_for_bq_field(fields[1]), "jsonb[]");
  EXPECT_EQ(wfdw::pg_type_for_bq_field(field("TIMESTAMP")), "timestamp with time zone");
  EXPECT_EQ(wfdw::pg_type_for_bq_field(field("DATETIME")), "timestamp");
}
