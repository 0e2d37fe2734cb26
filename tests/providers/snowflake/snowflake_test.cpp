// Snowflake: jsonv2 values, key-pair JWT claims, and SQL printing.
#include <gtest/gtest.h>
#include "providers/snowflake/snowflake_dialect.hpp"
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <nlohmann/json.hpp>

#include <string>

#include "core/civil_time.hpp"
#include "core/dialect.hpp"
#include "core/errors.hpp"
#include "core/jwt.hpp"
#include "providers/snowflake/snowflake_auth.hpp"
#include "providers/snowflake/snowflake_client.hpp"
#include "providers/snowflake/snowflake_values.hpp"
#include "string_sink.hpp"

namespace {

using wfdw::Error;
using wfdw::parse_sf_explain;
using wfdw::pg_type_for_sf_column;
using wfdw::sf_column_from_information_schema;
using wfdw::SfColumn;
using wfdw::SfExplainStats;

SfColumn col(const char *type, int precision = -1, int scale = -1) {
  SfColumn c;
  c.name = "c";
  c.type = type;
  c.precision = precision;
  c.scale = scale;
  return c;
}

std::string cell(const SfColumn &c, const char *s) {
  std::string out;
  wfdw::sf_cell_to_pg_text(c, s, out);
  return out;
}

std::string b64url_decode(std::string s) {
  for (char &c : s) c = c == '-' ? '+' : c == '_' ? '/' : c;
  return wfdw::base64_decode(s, "test");
}

std::string new_key_pem() {
  EVP_PKEY *k = EVP_RSA_gen(2048);
  BIO *bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, k, nullptr, nullptr, 0, nullptr, nullptr);
  char *data = nullptr;
  long n = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<size_t>(n));
  BIO_free(bio);
  EVP_PKEY_free(k);
  return pem;
}

const wfdw::Dialect &sf() { return wfdw::snowflake_dialect(); }

const char *op(const char *name, const char *a, const char *b) {
  wfdw::RoutineRef r{name, b == nullptr ? 1 : 2, {a, b}, nullptr};
  return sf().map_operator(r);
}

}  // namespace

TEST(CivilTime, DatesAndTimestampsIncludingBc) {
  std::string s;
  wfdw::append_pg_date(18262, s);
  EXPECT_EQ(s, "2020-01-01");
  s.clear();
  wfdw::append_pg_date(-719528, s);  // 0000-01-01 proleptic = 1 BC
  EXPECT_EQ(s, "0001-01-01 BC");
  s.clear();
  wfdw::append_pg_timestamp_nanos(-1, 500000000, false, s);
  EXPECT_EQ(s, "1969-12-31 23:59:59.500000000");
  s.clear();
  wfdw::append_pg_timestamp_micros(-1, true, s);
  EXPECT_EQ(s, "1969-12-31 23:59:59.999999+00");
}

TEST(SnowflakeValues, Jsonv2Encodings) {
  EXPECT_EQ(cell(col("fixed", 38, 2), "-12345678901234567890123456789012345.67"),
            "-12345678901234567890123456789012345.67");
  EXPECT_EQ(cell(col("real"), "inf"), "Infinity");
  EXPECT_EQ(cell(col("real"), "-inf"), "-Infinity");
  EXPECT_EQ(cell(col("real"), "NaN"), "NaN");
  EXPECT_EQ(cell(col("real"), "1.5e-7"), "1.5e-7");
  EXPECT_EQ(cell(col("binary"), "00FFa0"), "\\x00ffa0");
  EXPECT_EQ(cell(col("boolean"), "true"), "true");
  EXPECT_EQ(cell(col("date"), "18262"), "2020-01-01");
  EXPECT_EQ(cell(col("date"), "-1"), "1969-12-31");
  EXPECT_EQ(cell(col("time"), "82919.000000000"), "23:01:59.000000000");
  EXPECT_EQ(cell(col("time"), "0.123456789"), "00:00:00.123456789");
  EXPECT_EQ(cell(col("timestamp_ntz"), "1616173619.000000000"), "2021-03-19 17:06:59.000000000");
  EXPECT_EQ(cell(col("timestamp_ltz"), "1616173619.5"), "2021-03-19 17:06:59.500000000+00");
  // TIMESTAMP_TZ: the epoch value is the instant; the offset (+01:00) is display only.
  EXPECT_EQ(cell(col("timestamp_tz"), "1616173619.000000000 1500"), "2021-03-19 17:06:59.000000000+00");
  EXPECT_EQ(cell(col("timestamp_ntz"), "-0.250000000"), "1969-12-31 23:59:59.750000000");
  EXPECT_EQ(cell(col("variant"), "{\n  \"a\": [1, 2]\n}"), "{\n  \"a\": [1, 2]\n}");
}

TEST(SnowflakeValues, BadTextIsAnErrorNamingTheColumn) {
  EXPECT_THROW(cell(col("binary"), "ABC"), wfdw::Error);
  EXPECT_THROW(cell(col("binary"), "ZZ"), wfdw::Error);
  EXPECT_THROW(cell(col("date"), "2020-01-01"), wfdw::Error);
  EXPECT_THROW(cell(col("time"), "90000.0"), wfdw::Error);
  try {
    cell(col("timestamp_ntz"), "yesterday");
    FAIL();
  } catch (const wfdw::Error &e) {
    EXPECT_NE(std::string(e.what()).find("column \"c\""), std::string::npos);
  }
}

TEST(SnowflakeValues, RowTypeAndImportedTypes) {
  auto cols = wfdw::parse_sf_row_type(nlohmann::json::parse(
      R"([{"name":"ID","type":"FIXED","precision":18,"scale":0,"nullable":false},
          {"name":"AMT","type":"fixed","precision":12,"scale":2},{"name":"BIG","type":"fixed","precision":38,"scale":0},
          {"name":"TS","type":"timestamp_tz"},{"name":"V","type":"variant"},{"name":"G","type":"geography"}])"));
  ASSERT_EQ(cols.size(), 6u);
  EXPECT_EQ(cols[0].type, "fixed");
  EXPECT_FALSE(cols[0].nullable);
  EXPECT_EQ(wfdw::pg_type_for_sf_column(cols[0]), "bigint");
  EXPECT_EQ(wfdw::pg_type_for_sf_column(cols[1]), "numeric(12,2)");
  EXPECT_EQ(wfdw::pg_type_for_sf_column(cols[2]), "numeric(38,0)");
  EXPECT_EQ(wfdw::pg_type_for_sf_column(cols[3]), "timestamp with time zone");
  EXPECT_EQ(wfdw::pg_type_for_sf_column(cols[4]), "jsonb");
  EXPECT_EQ(wfdw::pg_type_for_sf_column(cols[5]), "text");
}

TEST(SnowflakeAuth, AccountNormalisation) {
  EXPECT_EQ(wfdw::snowflake_jwt_account("myorg-myacct"), "MYORG-MYACCT");
  EXPECT_EQ(wfdw::snowflake_jwt_account("xy12345.us-east-2.aws"), "XY12345");
  EXPECT_EQ(wfdw::snowflake_jwt_account("Xy12345"), "XY12345");
}

TEST(SnowflakeAuth, JwtClaimsAsSnowflakeComputesThem) {
  wfdw::SnowflakeKeyPair key{"xy12345.us-east-2.aws", "etl_reader", new_key_pem(), ""};
  std::string jwt = wfdw::snowflake_jwt(key, 1700000000);
  size_t d1 = jwt.find('.'), d2 = jwt.rfind('.');
  auto header = nlohmann::json::parse(b64url_decode(jwt.substr(0, d1)));
  auto claims = nlohmann::json::parse(b64url_decode(jwt.substr(d1 + 1, d2 - d1 - 1)));
  EXPECT_EQ(header["alg"], "RS256");
  std::string fp = wfdw::public_key_fingerprint(key.private_key_pem, "");
  EXPECT_EQ(claims["iss"], "XY12345.ETL_READER." + fp);
  EXPECT_EQ(claims["sub"], "XY12345.ETL_READER");
  EXPECT_EQ(claims["iat"], 1700000000);
  EXPECT_LE(claims["exp"].get<int64_t>() - 1700000000, 3600);
  EXPECT_GT(claims["exp"].get<int64_t>() - 1700000000, 3000);
  // The cache hands out the same token until shortly before expiry.
  EXPECT_EQ(wfdw::snowflake_bearer(key), wfdw::snowflake_bearer(key));
}

TEST(SnowflakeDialect, QuotingAndLiterals) {
  StringSink a, b, c;
  sf().identifier(a, "Line Items");
  EXPECT_EQ(a.out, "\"Line Items\"");
  sf().identifier(b, "say \"hi\"");
  EXPECT_EQ(b.out, "\"say \"\"hi\"\"\"");
  sf().string_literal(c, "it's a \\ path");
  EXPECT_EQ(c.out, "'it''s a \\\\ path'");
  StringSink t;
  sf().table_reference(t, nullptr, "PUBLIC", "ORDERS");
  EXPECT_EQ(t.out, "\"PUBLIC\".\"ORDERS\"");
  StringSink o;
  sf().order_suffix(o, true, false);
  EXPECT_EQ(o.out, " DESC NULLS LAST");
  StringSink p;
  sf().param_ref(p, 3, "bigint");
  EXPECT_EQ(p.out, ":3");
}

TEST(SnowflakeDialect, OperatorWhitelist) {
  // ILIKE and ~ need the collation and the pattern: see dialect_semantics_test.
  EXPECT_EQ(op("~~*", "text", "text"), nullptr);
  EXPECT_EQ(op("~", "text", "text"), nullptr);
  EXPECT_STREQ(op("%", "integer", "integer"), "MOD(%1, %2)");
  EXPECT_EQ(op("/", "integer", "integer"), nullptr);  // truncation vs decimal
  EXPECT_EQ(op("/", "numeric", "numeric"), nullptr);
  EXPECT_EQ(op("=", "timestamp with time zone", "timestamp with time zone"), nullptr);
  EXPECT_STREQ(op("-", "date", "date"), "DATEDIFF(day, %2, %1)");
  EXPECT_EQ(sf().type_name("numeric"), nullptr);  // NUMBER alone is NUMBER(38,0)
  EXPECT_STREQ(sf().type_name("bigint"), "NUMBER(38,0)");
  EXPECT_FALSE(sf().cast_shippable("text", "integer"));
}

TEST(SnowflakeResponses, ResultKeepsDataUndecoded) {
  std::string body = R"({"resultSetMetaData":{"numRows":3,"format":"jsonv2",
      "rowType":[{"name":"ID","type":"fixed","precision":38,"scale":0},{"name":"NAME","type":"text"},
                 {"name":"D","type":"date"}],
      "partitionInfo":[{"rowCount":2,"uncompressedSize":40},{"rowCount":1,"uncompressedSize":20}]},
      "data":[["1","a\"b",null],["2",null,"18262"]],"code":"090001","sqlState":"00000",
      "statementHandle":"01b2-h","statementStatusUrl":"/api/v2/statements/01b2-h"})";
  wfdw::SfResult r = wfdw::parse_sf_response(body);
  EXPECT_TRUE(r.complete);
  EXPECT_EQ(r.handle, "01b2-h");
  EXPECT_EQ(r.num_rows, 3);
  ASSERT_EQ(r.partition_rows.size(), 2u);
  EXPECT_EQ(r.partition_rows[1], 1);
  ASSERT_EQ(r.columns.size(), 3u);
  wfdw::CellPage page;
  page.ncols = 3;
  wfdw::decode_sf_rows(r.body.data() + r.data_begin, r.body.data() + r.data_end, r.columns, page);
  ASSERT_EQ(page.nrows, 2u);
  EXPECT_STREQ(page.cell(0, 1), "a\"b");
  EXPECT_EQ(page.cell(0, 2), nullptr);
  EXPECT_EQ(page.cell(1, 1), nullptr);
  EXPECT_STREQ(page.cell(1, 2), "2020-01-01");
}

TEST(SnowflakeResponses, StillRunningAndPartitionsAndBadRows) {
  wfdw::SfResult running = wfdw::parse_sf_response(
      R"({"code":"333334","message":"Asynchronous execution in progress.","statementHandle":"h2",
          "statementStatusUrl":"/api/v2/statements/h2"})");
  EXPECT_FALSE(running.complete);
  EXPECT_EQ(running.handle, "h2");
  wfdw::SfResult part = wfdw::parse_sf_response(R"({"data":[["9","z"]]})");
  EXPECT_GT(part.data_end, part.data_begin);
  std::vector<SfColumn> two = {col("fixed"), col("text")};
  wfdw::CellPage page;
  page.ncols = 2;
  std::string narrow = R"([["1"]])", wide = R"([["1","2","3"]])", bad = R"([["1",5]])";
  EXPECT_THROW(wfdw::decode_sf_rows(narrow.data(), narrow.data() + narrow.size(), two, page), wfdw::Error);
  EXPECT_THROW(wfdw::decode_sf_rows(wide.data(), wide.data() + wide.size(), two, page), wfdw::Error);
  EXPECT_THROW(wfdw::decode_sf_rows(bad.data(), bad.data() + bad.size(), two, page), wfdw::Error);
}

TEST(SnowflakeDialect, NumericValuesShipWithExactTypes) {
  // numeric(p,s) has an exact NUMBER(p,s); bare numeric has no cast target,
  // but its values compare and sort the same, so they ship.
  EXPECT_STREQ(sf().type_name("numeric(12,2)"), "NUMBER(12,2)");
  EXPECT_STREQ(sf().type_name("numeric(38,0)"), "NUMBER(38,0)");
  EXPECT_EQ(sf().type_name("numeric(39,0)"), nullptr);
  EXPECT_EQ(sf().type_name("numeric(12,2)x"), nullptr);
  EXPECT_TRUE(sf().value_type_shippable("numeric"));
  EXPECT_FALSE(sf().value_type_shippable("interval"));
  EXPECT_TRUE(sf().in_list_arrays());
  EXPECT_FALSE(sf().bracket_arrays());
}

TEST(SnowflakeValues, InformationSchemaColumnsAndExplain) {
  SfColumn n = sf_column_from_information_schema("O_TOTALPRICE", "NUMBER", 12, 2, -1, true);
  EXPECT_EQ(pg_type_for_sf_column(n), "numeric(12,2)");
  EXPECT_EQ(pg_type_for_sf_column(sf_column_from_information_schema("K", "NUMBER", 10, 0, -1, false)), "bigint");
  EXPECT_EQ(pg_type_for_sf_column(sf_column_from_information_schema("F", "FLOAT", -1, -1, -1, true)),
            "double precision");
  EXPECT_EQ(pg_type_for_sf_column(sf_column_from_information_schema("T", "TIMESTAMP_TZ", -1, -1, -1, true)),
            "timestamp with time zone");
  EXPECT_EQ(pg_type_for_sf_column(sf_column_from_information_schema("V", "VARIANT", -1, -1, -1, true)), "jsonb");
  EXPECT_EQ(pg_type_for_sf_column(sf_column_from_information_schema("G", "GEOGRAPHY", -1, -1, -1, true)), "text");

  SfExplainStats st = parse_sf_explain(
      R"({"GlobalStats":{"partitionsTotal":12,"partitionsAssigned":3,"bytesAssigned":1048576},"Operations":[[]]})");
  EXPECT_EQ(st.partitions_total, 12);
  EXPECT_EQ(st.partitions_assigned, 3);
  EXPECT_EQ(st.bytes_assigned, 1048576);
  EXPECT_EQ(parse_sf_explain(R"({"GlobalStats":{}})").bytes_assigned, -1);
  EXPECT_THROW(parse_sf_explain("not json"), Error);
}

// OAuth access tokens from a refresh token live about ten minutes: renewed at
// half their life, longer-lived ones five minutes early.
TEST(SnowflakeOAuth, RenewsBeforeExpiry) {
  EXPECT_EQ(wfdw::sf_oauth_renew_after_s(600), 300);
  EXPECT_EQ(wfdw::sf_oauth_renew_after_s(3600), 3300);
  EXPECT_EQ(wfdw::sf_oauth_renew_after_s(60), 30);
  EXPECT_EQ(wfdw::sf_oauth_renew_after_s(0), 0);
}
