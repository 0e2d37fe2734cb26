// The hot-path page decoder must give exactly what the nlohmann path gives.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "providers/bigquery/bigquery_client.hpp"
#include "providers/bigquery/bigquery_rows.hpp"
#include "core/errors.hpp"

namespace {

using wfdw::BqField;
using wfdw::CellPage;

std::vector<BqField> schema(const char *json) { return wfdw::parse_bq_schema(nlohmann::json::parse(json)); }

CellPage decode(const std::string &rows, const std::vector<BqField> &s) {
  CellPage page;
  page.ncols = s.size();
  wfdw::decode_bq_rows(rows.data(), rows.data() + rows.size(), s, page);
  return page;
}

std::string at(const CellPage &p, size_t r, size_t c) {
  const char *v = p.cell(r, c);
  return v == nullptr ? "<NULL>" : v;
}

}  // namespace

TEST(BigQueryRows, ScalarsNullsAndEscapes) {
  auto s = schema(R"([{"name":"a","type":"STRING"},{"name":"b","type":"INT64"},{"name":"t","type":"TIMESTAMP"},
                      {"name":"y","type":"BYTES"}])");
  CellPage p = decode(R"([{"f":[{"v":"x\"y\\z\n\u00e9\ud83d\ude00"},{"v":"-5"},{"v":"0"},{"v":"AP8="}]},
                        {"f":[{"v":null},{"v":null},{"v":null},{"v":null}]} ,
                        { "f" : [ { "v" : "" } , {"v":"7"}, {"v":"-1"}, {"v":""} ] } ])",
                      s);
  ASSERT_EQ(p.nrows, 3u);
  EXPECT_EQ(at(p, 0, 0), "x\"y\\z\n\xc3\xa9\xf0\x9f\x98\x80");
  EXPECT_EQ(at(p, 0, 1), "-5");
  EXPECT_EQ(at(p, 0, 2), "1970-01-01 00:00:00.000000+00");
  EXPECT_EQ(at(p, 0, 3), "\\x00ff");
  for (size_t c = 0; c < 4; c++) EXPECT_EQ(at(p, 1, c), "<NULL>");
  EXPECT_EQ(at(p, 2, 0), "");  // empty string is not NULL
  EXPECT_EQ(at(p, 2, 2), "1969-12-31 23:59:59.999999+00");
  EXPECT_EQ(at(p, 2, 3), "\\x");
}

TEST(BigQueryRows, NestedCellsMatchTheDomPath) {
  auto s = schema(R"([{"name":"tags","type":"STRING","mode":"REPEATED"},
                      {"name":"st","type":"RECORD","fields":[{"name":"n","type":"INTEGER"},{"name":"s","type":"STRING"}]}])");
  CellPage p = decode(R"([{"f":[{"v":[{"v":"a"},{"v":"b,\"c\""}]},{"v":{"f":[{"v":"1"},{"v":"]}"}]}}]},
                        {"f":[{"v":[]},{"v":null}]}])",
                      s);
  ASSERT_EQ(p.nrows, 2u);
  EXPECT_EQ(at(p, 0, 0), R"({"a","b,\"c\""})");
  EXPECT_EQ(nlohmann::json::parse(at(p, 0, 1)), nlohmann::json::parse(R"({"n":1,"s":"]}"})"));
  EXPECT_EQ(at(p, 1, 0), "{}");
  EXPECT_EQ(at(p, 1, 1), "<NULL>");
}

TEST(BigQueryRows, WrongWidthAndMalformedPagesAreErrors) {
  auto s = schema(R"([{"name":"a","type":"STRING"},{"name":"b","type":"STRING"}])");
  EXPECT_THROW(decode(R"([{"f":[{"v":"1"}]}])", s), wfdw::Error);
  EXPECT_THROW(decode(R"([{"f":[{"v":"1"},{"v":"2"},{"v":"3"}]}])", s), wfdw::Error);
  EXPECT_THROW(decode(R"([{"f":[{"v":"1"},{"v":"2)", s), wfdw::Error);
  EXPECT_THROW(decode(R"([{"f":[{"v":"1"},{"v":"bad \q escape"}]}])", s), wfdw::Error);
  EXPECT_THROW(decode(R"([{"f":[{"v":"\u0000"},{"v":"2"}]}])", s), wfdw::Error);  // PG text has no NUL
  EXPECT_THROW(decode(R"([{"f":[{"v":"\ud800"},{"v":"2"}]}])", s), wfdw::Error);  // lone surrogate
  EXPECT_THROW(decode(R"([{"f":[{"v":5},{"v":"2"}]}])", s), wfdw::Error);         // cells are strings
  EXPECT_EQ(decode("[]", s).nrows, 0u);
}

TEST(BigQueryRows, ResponseKeepsRowsUndecodedWhateverTheMemberOrder) {
  std::string body = R"({"rows":[{"f":[{"v":"1"}]}],"schema":{"fields":[{"name":"a","type":"INTEGER"}]},
                         "pageToken":"tok\/1","jobComplete":true,"totalRows":"10","cacheHit":true,
                         "jobReference":{"jobId":"j1","location":"EU"},"totalBytesProcessed":"123"})";
  wfdw::BqResult r = wfdw::parse_bq_response(body);
  EXPECT_EQ(r.job_id, "j1");
  EXPECT_EQ(r.location, "EU");
  EXPECT_EQ(r.page_token, "tok/1");
  EXPECT_TRUE(r.complete);
  EXPECT_TRUE(r.cache_hit);
  EXPECT_EQ(r.total_rows, 10);
  EXPECT_EQ(r.bytes_processed, 123);
  ASSERT_EQ(r.schema.size(), 1u);
  EXPECT_EQ(r.body.substr(r.rows_begin, r.rows_end - r.rows_begin), R"([{"f":[{"v":"1"}]}])");
  wfdw::BqResult none = wfdw::parse_bq_response(R"({"jobComplete":false,"jobReference":{"jobId":"j2"}})");
  EXPECT_EQ(none.rows_end, none.rows_begin);
  EXPECT_FALSE(none.complete);
  EXPECT_THROW(wfdw::parse_bq_response("<html>"), wfdw::Error);
}
