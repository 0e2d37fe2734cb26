// Databricks: JSON_ARRAY values, responses, the statement state machine and
// the chunk stream against canned responses (an injected transport), OAuth
// M2M tokens, EXPLAIN COST, and SQL printing.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/errors.hpp"
#include "core/jwt.hpp"
#include "providers/databricks/databricks_auth.hpp"
#include "providers/databricks/databricks_client.hpp"
#include "providers/databricks/databricks_dialect.hpp"
#include "providers/databricks/databricks_stream.hpp"
#include "providers/databricks/databricks_values.hpp"
#include "string_sink.hpp"

namespace {

using nlohmann::json;
using wfdw::DbxColumn;
using wfdw::Error;

DbxColumn col(const char *type_name, const char *type_text = "") {
  DbxColumn c;
  c.name = "c";
  c.type_name = type_name;
  c.type_text = type_text;
  return c;
}

std::string cell(const DbxColumn &c, const char *s) {
  std::string out;
  wfdw::dbx_cell_to_pg_text(c, s, out);
  return out;
}

bool contains(const std::string &haystack, const std::string &needle) {
  return haystack.find(needle) != std::string::npos;
}

// Canned HTTP answers: a handler per test, every request logged. Thread-safe
// (stream downloaders call it concurrently).
struct FakeServer {
  std::mutex mu;
  std::vector<wfdw::HttpRequest> log;
  std::function<wfdw::HttpResponse(const wfdw::HttpRequest &)> handler;

  wfdw::HttpResponse operator()(const wfdw::HttpRequest &req) {
    std::function<wfdw::HttpResponse(const wfdw::HttpRequest &)> h;
    {
      std::lock_guard<std::mutex> lock(mu);
      log.push_back(req);
      h = handler;
    }
    return h(req);
  }
  size_t count(const std::string &method, const std::string &url_part) {
    std::lock_guard<std::mutex> lock(mu);
    size_t n = 0;
    for (const auto &r : log) n += r.method == method && contains(r.url, url_part);
    return n;
  }
};

wfdw::HttpResponse reply(long status, const json &body, long retry_after = -1) {
  wfdw::HttpResponse r;
  r.status = status;
  r.body = body.dump();
  r.retry_after_s = retry_after;
  return r;
}

wfdw::DatabricksConfig config_for(const std::shared_ptr<FakeServer> &server) {
  wfdw::DatabricksConfig c;
  c.server_name = "dbx";
  c.endpoint = "http://127.0.0.1:1/";
  c.allow_http = true;
  c.warehouse_id = "wh1";
  c.token = "dapi-test";
  c.retry.base_delay_ms = 1;
  c.retry.max_delay_ms = 4;
  c.retry.max_attempts = 3;
  c.transport = [server](const wfdw::HttpRequest &req, const wfdw::AbortCheck &) { return (*server)(req); };
  return c;
}

json manifest(const std::vector<int64_t> &chunk_rows) {
  json chunks = json::array();
  int64_t total = 0, offset = 0;
  for (size_t i = 0; i < chunk_rows.size(); i++) {
    chunks.push_back({{"chunk_index", i}, {"row_offset", offset}, {"row_count", chunk_rows[i]}});
    offset += chunk_rows[i];
    total += chunk_rows[i];
  }
  return {{"format", "JSON_ARRAY"},
          {"schema",
           {{"column_count", 2},
            {"columns",
             {{{"name", "id"}, {"position", 0}, {"type_name", "LONG"}, {"type_text", "BIGINT"}},
              {{"name", "ts"}, {"position", 1}, {"type_name", "TIMESTAMP"}, {"type_text", "TIMESTAMP"}}}}}},
          {"total_chunk_count", chunk_rows.size()},
          {"total_row_count", total},
          {"truncated", false},
          {"chunks", chunks}};
}

// Rows of chunk n: ids offset .. offset + rows - 1.
json chunk_result(int64_t n, int64_t offset, int64_t rows, bool more) {
  json data = json::array();
  for (int64_t i = 0; i < rows; i++) data.push_back({std::to_string(offset + i), "2024-02-29T13:45:00.123Z"});
  json r = {{"chunk_index", n}, {"row_offset", offset}, {"row_count", rows}, {"data_array", data}};
  if (more) {
    r["next_chunk_index"] = n + 1;
    r["next_chunk_internal_link"] = "/api/2.0/sql/statements/st-1/result/chunks/" + std::to_string(n + 1);
  }
  return r;
}

json status_body(const char *state) { return {{"statement_id", "st-1"}, {"status", {{"state", state}}}}; }

const wfdw::Dialect &dbx() { return wfdw::databricks_dialect(); }

const char *op(const char *name, const char *a, const char *b, const char *arg2 = nullptr) {
  wfdw::RoutineRef r{name, b == nullptr ? 1 : 2, {a, b}, nullptr, nullptr};
  r.const_arg2 = arg2;
  return dbx().map_operator(r);
}

}  // namespace

// ---------------------------------------------------------------- values

TEST(DatabricksValues, JsonArrayCellsBecomePostgresInputText) {
  EXPECT_EQ(cell(col("LONG"), "-9223372036854775808"), "-9223372036854775808");
  EXPECT_EQ(cell(col("DECIMAL", "DECIMAL(10,4)"), "123.4500"), "123.4500");
  EXPECT_EQ(cell(col("BOOLEAN"), "true"), "true");
  EXPECT_EQ(cell(col("DOUBLE"), "NaN"), "NaN");
  EXPECT_EQ(cell(col("DOUBLE"), "-Infinity"), "-Infinity");
  EXPECT_EQ(cell(col("FLOAT"), "1.0E10"), "1.0E10");
  EXPECT_EQ(cell(col("STRING"), "it's \\ \"q\""), "it's \\ \"q\"");
  EXPECT_EQ(cell(col("DATE"), "2024-02-29"), "2024-02-29");
  EXPECT_EQ(cell(col("DATE"), "-0043-03-15"), "0044-03-15 BC");  // proleptic year -43 is 44 BC
  EXPECT_EQ(cell(col("DATE"), "0000-01-01"), "0001-01-01 BC");
  EXPECT_EQ(cell(col("DATE"), "+10000-01-01"), "10000-01-01");
  EXPECT_EQ(cell(col("TIMESTAMP"), "2024-02-29T13:45:00.123Z"), "2024-02-29 13:45:00.123+00");
  EXPECT_EQ(cell(col("TIMESTAMP"), "2024-02-29T13:45:00+01:00"), "2024-02-29 13:45:00+01:00");
  EXPECT_EQ(cell(col("TIMESTAMP_NTZ"), "2024-02-29T13:45:00.123"), "2024-02-29 13:45:00.123");
  EXPECT_EQ(cell(col("TIMESTAMP"), "-0043-03-15T12:00:00Z"), "0044-03-15 12:00:00+00 BC");
  EXPECT_EQ(cell(col("BINARY"), "AP+g"), "\\x00ffa0");
  EXPECT_EQ(cell(col("BINARY"), ""), "\\x");
  EXPECT_EQ(cell(col("ARRAY", "ARRAY<INT>"), "[1,2,null]"), "[1,2,null]");
  EXPECT_EQ(cell(col("STRUCT", "STRUCT<a: INT>"), "{\"a\":1}"), "{\"a\":1}");
}

TEST(DatabricksValues, IntervalsInEverySpellingSpark) {
  EXPECT_EQ(cell(col("INTERVAL", "INTERVAL YEAR TO MONTH"), "1-2"), "1 years 2 mons");
  EXPECT_EQ(cell(col("INTERVAL", "INTERVAL YEAR TO MONTH"), "-1-2"), "-1 years -2 mons");
  EXPECT_EQ(cell(col("INTERVAL", "INTERVAL DAY TO SECOND"), "-1 02:03:04.500000000"),
            "-1 days -02 hours -03 mins -04.500000000 secs");
  EXPECT_EQ(cell(col("INTERVAL", "INTERVAL DAY"), "3"), "3 days");
  EXPECT_EQ(cell(col("INTERVAL", "INTERVAL HOUR TO MINUTE"), "100:30"), "100 hours 30 mins");
  EXPECT_EQ(cell(col("INTERVAL"), "INTERVAL '-3' DAY"), "-3 days");
  EXPECT_EQ(cell(col("INTERVAL"), "INTERVAL '1 02:03:04' DAY TO SECOND"), "1 days 02 hours 03 mins 04 secs");
  EXPECT_EQ(cell(col("INTERVAL"), "1 02:03:04.5"), "1 days 02 hours 03 mins 04.5 secs");  // no qualifier: inferred
  EXPECT_EQ(cell(col("INTERVAL"), "2 years 3 months"), "2 years 3 months");               // legacy form
  EXPECT_THROW(cell(col("INTERVAL"), "7"), Error);                                        // a unit is needed
  EXPECT_THROW(cell(col("INTERVAL", "INTERVAL DAY TO SECOND"), "1 02:03"), Error);
}

TEST(DatabricksValues, BadTextIsAnErrorNamingTheColumn) {
  EXPECT_THROW(cell(col("BINARY"), "not base64!"), Error);
  EXPECT_THROW(cell(col("DATE"), "yesterday"), Error);
  EXPECT_THROW(cell(col("TIMESTAMP"), "13:45"), Error);
  // An instant without Z or an offset is refused, never read in the local zone.
  EXPECT_THROW(cell(col("TIMESTAMP"), "2024-02-29T13:45:00"), Error);
  EXPECT_EQ(cell(col("TIMESTAMP"), "2024-02-29 13:45:00-05:00"), "2024-02-29 13:45:00-05:00");
  try {
    cell(col("DATE"), "2024/02/29");
    FAIL();
  } catch (const Error &e) {
    EXPECT_EQ(e.sqlstate(), "22P02");
    EXPECT_TRUE(contains(e.what(), "column \"c\""));
  }
}

TEST(DatabricksValues, ManifestColumnsAndPostgresTypes) {
  auto cols = wfdw::parse_dbx_columns(json::parse(R"J([
      {"name":"id","position":0,"type_name":"LONG","type_text":"BIGINT"},
      {"name":"amt","type_name":"DECIMAL","type_text":"DECIMAL(12,2)","type_precision":12,"type_scale":2},
      {"name":"d2","type_name":"DECIMAL","type_text":"DECIMAL(38,10)"},
      {"name":"n","type_name":"INT"},{"name":"s","type_name":"SHORT"},{"name":"b","type_name":"BYTE"},
      {"name":"f","type_name":"FLOAT"},{"name":"x","type_name":"DOUBLE"},{"name":"t","type_name":"STRING"},
      {"name":"ch","type_name":"CHAR","type_text":"CHAR(3)"},{"name":"bin","type_name":"BINARY"},
      {"name":"ts","type_name":"TIMESTAMP"},{"name":"ntz","type_name":"TIMESTAMP_NTZ"},
      {"name":"iv","type_name":"INTERVAL","type_text":"INTERVAL DAY TO SECOND"},
      {"name":"arr","type_name":"ARRAY","type_text":"ARRAY<INT>"},{"name":"m","type_name":"MAP"},
      {"name":"st","type_name":"STRUCT"},{"name":"nul","type_name":"NULL"},{"name":"v","type_name":"VARIANT"}])J"));
  std::vector<std::string> pg;
  for (const DbxColumn &c : cols) pg.push_back(wfdw::pg_type_for_dbx_column(c));
  std::vector<std::string> want = {
      "bigint",    "numeric(12,2)",    "numeric(38,10)", "integer", "smallint", "smallint",
      "real",      "double precision", "text",           "character(3)", "bytea", "timestamp with time zone",
      "timestamp", "interval",         "jsonb",          "jsonb",   "jsonb",    "text",
      "text"};
  EXPECT_EQ(pg, want);
  EXPECT_EQ(cols[2].precision, 38);
  EXPECT_EQ(cols[2].scale, 10);
  EXPECT_THROW(wfdw::parse_dbx_columns(json::parse(R"([{"type_name":"INT"}])")), Error);
}

TEST(DatabricksValues, InformationSchemaColumns) {
  auto pg = [](const char *dt, const char *full, int p = -1, int s = -1) {
    return wfdw::pg_type_for_dbx_column(wfdw::dbx_column_from_information_schema("c", dt, full, p, s));
  };
  EXPECT_EQ(pg("DECIMAL", "decimal(10,2)", 10, 2), "numeric(10,2)");
  EXPECT_EQ(pg("DECIMAL", "decimal(7,3)"), "numeric(7,3)");
  EXPECT_EQ(pg("DECIMAL", "decimal", 10, 0), "numeric(10,0)");
  EXPECT_EQ(pg("BIGINT", "bigint", 19, 0), "bigint");
  EXPECT_EQ(pg("LONG", "bigint"), "bigint");
  EXPECT_EQ(pg("INT", "int", 10, 0), "integer");
  EXPECT_EQ(pg("TINYINT", "tinyint"), "smallint");
  EXPECT_EQ(pg("STRING", "string"), "text");
  EXPECT_EQ(pg("VARCHAR", "varchar(10)"), "text");
  EXPECT_EQ(pg("CHAR", "char(20)"), "character(20)");
  EXPECT_EQ(pg("CHAR", "char"), "text");
  EXPECT_EQ(pg("TIMESTAMP", "timestamp"), "timestamp with time zone");
  EXPECT_EQ(pg("TIMESTAMP_NTZ", "timestamp_ntz"), "timestamp");
  EXPECT_EQ(pg("ARRAY", "array<int>"), "jsonb");
  EXPECT_EQ(pg("MAP", "map<string,int>"), "jsonb");
  EXPECT_EQ(pg("INTERVAL", "interval day to second"), "interval");
  EXPECT_EQ(pg("", "struct<a:int>"), "jsonb");
}

TEST(DatabricksValues, DecodeRowsStraightToAPage) {
  std::vector<DbxColumn> cols = {col("LONG"), col("STRING"), col("TIMESTAMP"), col("BINARY")};
  std::string data = R"([["1","a\"b\u00e9","2024-01-01T00:00:00Z","AAE="],["2",null,null,null]])";
  wfdw::CellPage page;
  page.ncols = 4;
  wfdw::decode_dbx_rows(data.data(), data.data() + data.size(), cols, page);
  ASSERT_EQ(page.nrows, 2u);
  EXPECT_STREQ(page.cell(0, 1), "a\"b\xc3\xa9");
  EXPECT_STREQ(page.cell(0, 2), "2024-01-01 00:00:00+00");
  EXPECT_STREQ(page.cell(0, 3), "\\x0001");
  EXPECT_EQ(page.cell(1, 1), nullptr);
  EXPECT_STREQ(page.cell(1, 0), "2");
  std::vector<DbxColumn> two = {col("LONG"), col("STRING")};
  std::string narrow = R"([["1"]])", wide = R"([["1","2","3"]])", number = R"([["1",5]])";
  wfdw::CellPage p2;
  p2.ncols = 2;
  EXPECT_THROW(wfdw::decode_dbx_rows(narrow.data(), narrow.data() + narrow.size(), two, p2), Error);
  EXPECT_THROW(wfdw::decode_dbx_rows(wide.data(), wide.data() + wide.size(), two, p2), Error);
  EXPECT_THROW(wfdw::decode_dbx_rows(number.data(), number.data() + number.size(), two, p2), Error);
}

TEST(DatabricksValues, ExplainCost) {
  std::string plan =
      "== Parsed Logical Plan ==\n'Project [*]\n+- 'UnresolvedRelation [t]\n\n"
      "== Analyzed Logical Plan ==\nid: bigint\nProject [id#1L]\n\n"
      "== Optimized Logical Plan ==\n"
      "Filter (isnotnull(id#1L) AND (id#1L > 5)), Statistics(sizeInBytes=1234.5 KiB, rowCount=1.00E+3)\n"
      "+- Relation t[id#1L] parquet, Statistics(sizeInBytes=8.0 MiB, rowCount=5.00E+5)\n\n"
      "== Physical Plan ==\n*(1) Filter ...\n";
  wfdw::DbxExplainCost c = wfdw::parse_dbx_explain_cost(plan);
  EXPECT_DOUBLE_EQ(c.bytes, 1234.5 * 1024);
  EXPECT_DOUBLE_EQ(c.rows, 1000);
  c = wfdw::parse_dbx_explain_cost(
      "== Optimized Logical Plan ==\nRelation t[id#1L] json, Statistics(sizeInBytes=2.0 GiB)\n");
  EXPECT_DOUBLE_EQ(c.bytes, 2.0 * 1024 * 1024 * 1024);
  EXPECT_EQ(c.rows, -1);  // rowCount omitted: unknown
  c = wfdw::parse_dbx_explain_cost(
      "== Optimized Logical Plan ==\nLocalRelation, Statistics(sizeInBytes=16.0 B, rowCount=10)\n");
  EXPECT_DOUBLE_EQ(c.bytes, 16);
  EXPECT_DOUBLE_EQ(c.rows, 10);
  c = wfdw::parse_dbx_explain_cost(
      "== Optimized Logical Plan ==\nRelation t\n\n== Physical Plan ==\nStatistics(sizeInBytes=1.0 B)");
  EXPECT_EQ(c.bytes, -1);
  EXPECT_EQ(wfdw::parse_dbx_explain_cost("no plan").rows, -1);
}

// ---------------------------------------------------------------- responses and errors

TEST(DatabricksResponses, SucceededStatementKeepsDataUndecoded) {
  json body = {{"statement_id", "st-1"},
               {"status", {{"state", "SUCCEEDED"}}},
               {"manifest", manifest({2, 1})},
               {"result", chunk_result(0, 0, 2, true)}};
  wfdw::DbxResult r = wfdw::parse_dbx_response(body.dump());
  EXPECT_EQ(r.statement_id, "st-1");
  EXPECT_EQ(r.state, wfdw::DbxState::Succeeded);
  ASSERT_TRUE(r.has_manifest);
  EXPECT_EQ(r.total_chunk_count, 2);
  EXPECT_EQ(r.total_row_count, 3);
  ASSERT_EQ(r.chunk_rows.size(), 2u);
  EXPECT_EQ(r.chunk_rows[1], 1);
  ASSERT_EQ(r.columns.size(), 2u);
  EXPECT_EQ(r.columns[1].type_name, "TIMESTAMP");
  EXPECT_TRUE(r.has_result);
  EXPECT_EQ(r.chunk_index, 0);
  EXPECT_EQ(r.row_count, 2);
  EXPECT_EQ(r.next_chunk_index, 1);
  EXPECT_EQ(r.next_chunk_internal_link, "/api/2.0/sql/statements/st-1/result/chunks/1");
  ASSERT_GT(r.data_end, r.data_begin);
  EXPECT_EQ(r.body[r.data_begin], '[');
  EXPECT_EQ(r.body[r.data_end - 1], ']');
  wfdw::CellPage page;
  page.ncols = 2;
  wfdw::decode_dbx_rows(r.body.data() + r.data_begin, r.body.data() + r.data_end, r.columns, page);
  EXPECT_EQ(page.nrows, 2u);
  EXPECT_STREQ(page.cell(1, 1), "2024-02-29 13:45:00.123+00");

  wfdw::DbxResult c = wfdw::parse_dbx_response(chunk_result(1, 2, 1, false).dump(), true);
  EXPECT_EQ(c.chunk_index, 1);
  EXPECT_EQ(c.row_count, 1);
  EXPECT_GT(c.data_end, c.data_begin);
  wfdw::DbxResult empty = wfdw::parse_dbx_response(
      R"({"statement_id":"e","status":{"state":"SUCCEEDED"},"manifest":{"format":"JSON_ARRAY",
          "schema":{"column_count":0,"columns":[]},"total_chunk_count":0,"total_row_count":0},
          "result":{"row_count":0}})");
  EXPECT_EQ(empty.data_begin, empty.data_end);
  EXPECT_EQ(wfdw::parse_dbx_response(R"({"statement_id":"p","status":{"state":"PENDING"}})").state,
            wfdw::DbxState::Pending);
  EXPECT_THROW(wfdw::parse_dbx_response(R"({"statement_id":"x","status":{"state":"SUCCEEDED"},
      "manifest":{"format":"ARROW_STREAM"}})"),
               Error);
}

TEST(DatabricksResponses, SqlstateMapping) {
  EXPECT_EQ(wfdw::dbx_sqlstate("22012", "", "BAD_REQUEST"), "22012");
  EXPECT_EQ(
      wfdw::dbx_sqlstate("", "[DIVIDE_BY_ZERO] Division by zero. Use `try_divide`. SQLSTATE: 22012", "BAD_REQUEST"),
      "22012");
  EXPECT_EQ(
      wfdw::dbx_sqlstate("", "[TABLE_OR_VIEW_NOT_FOUND] The table `x` cannot be found. SQLSTATE: 42P01", "BAD_REQUEST"),
      "42P01");
  EXPECT_EQ(wfdw::dbx_sqlstate("42K03", "", ""), "42K03");  // Spark's own codes keep their class
  EXPECT_EQ(wfdw::dbx_sqlstate("XX000", "", ""), "HV000");  // not a PostgreSQL internal error
  EXPECT_EQ(wfdw::dbx_sqlstate("KD001", "", ""), "HV000");  // Delta's class
  EXPECT_EQ(wfdw::dbx_sqlstate("00000", "", ""), "HV000");
  EXPECT_EQ(wfdw::dbx_sqlstate("2201", "SQLSTATE: zz", "BAD_REQUEST"), "HV000");
  EXPECT_EQ(wfdw::dbx_sqlstate("", "", "DEADLINE_EXCEEDED"), "57014");
  EXPECT_EQ(wfdw::dbx_sqlstate("", "", "PERMISSION_DENIED"), "42501");
}

TEST(DatabricksResponses, HttpErrorsNameTheServerAndNeverQuoteTheBody) {
  Error e = wfdw::dbx_http_error("dbx", 404, R"({"error_code":"RESOURCE_DOES_NOT_EXIST","message":"No warehouse"})", 1);
  EXPECT_EQ(e.sqlstate(), "HV000");
  EXPECT_TRUE(contains(e.what(), "server \"dbx\""));
  EXPECT_TRUE(contains(e.what(), "No warehouse"));
  EXPECT_TRUE(contains(e.detail(), "RESOURCE_DOES_NOT_EXIST"));
  EXPECT_EQ(wfdw::dbx_http_error("dbx", 401, "{}", 1).sqlstate(), "28000");
  EXPECT_EQ(wfdw::dbx_http_error("dbx", 403, "{}", 1).sqlstate(), "42501");
  Error html = wfdw::dbx_http_error("dbx", 502, "<html>secret proxy page</html>", 3);
  EXPECT_FALSE(contains(html.what(), "secret"));
  EXPECT_TRUE(contains(html.detail(), "after 3 attempts"));
}

TEST(DatabricksClient, SubmitBodyAndNamedParameters) {
  wfdw::DatabricksConfig c;
  c.warehouse_id = "wh1";
  c.catalog = "main";
  c.schema = "sales";
  json b = json::parse(
      wfdw::dbx_submit_body(c, "SELECT :p1, :p2", {{"p1", "INT", false, "42"}, {"p2", "STRING", true, ""}}));
  EXPECT_EQ(b["warehouse_id"], "wh1");
  EXPECT_EQ(b["statement"], "SELECT :p1, :p2");
  EXPECT_EQ(b["catalog"], "main");
  EXPECT_EQ(b["schema"], "sales");
  EXPECT_EQ(b["wait_timeout"], "0s");
  EXPECT_EQ(b["on_wait_timeout"], "CONTINUE");
  EXPECT_EQ(b["disposition"], "INLINE");
  EXPECT_EQ(b["format"], "JSON_ARRAY");
  EXPECT_EQ(b["parameters"][0], json({{"name", "p1"}, {"type", "INT"}, {"value", "42"}}));
  EXPECT_FALSE(b["parameters"][1].contains("value"));  // NULL
  c.submit_wait_s = 2;
  EXPECT_EQ(json::parse(wfdw::dbx_submit_body(c, "x", {}))["wait_timeout"], "5s");
  c.submit_wait_s = 90;
  EXPECT_EQ(json::parse(wfdw::dbx_submit_body(c, "x", {}))["wait_timeout"], "50s");
  EXPECT_FALSE(json::parse(wfdw::dbx_submit_body(c, "x", {})).contains("parameters"));
  EXPECT_EQ(wfdw::databricks_base_url("dbc-1.cloud.databricks.com/"), "https://dbc-1.cloud.databricks.com");
  EXPECT_EQ(wfdw::databricks_base_url("http://127.0.0.1:5"), "http://127.0.0.1:5");
}

// ---------------------------------------------------------------- the state machine

TEST(DatabricksClient, PendingRunningSucceeded) {
  auto server = std::make_shared<FakeServer>();
  int polls = 0;
  server->handler = [&](const wfdw::HttpRequest &req) {
    if (req.method == "POST") return reply(200, status_body("PENDING"));
    if (++polls < 3) return reply(200, status_body("RUNNING"));
    return reply(200, {{"statement_id", "st-1"},
                       {"status", {{"state", "SUCCEEDED"}}},
                       {"manifest", manifest({1})},
                       {"result", chunk_result(0, 0, 1, false)}});
  };
  wfdw::DatabricksClient client(config_for(server));
  wfdw::DbxResult r = client.run("SELECT 1", {}, nullptr);
  EXPECT_EQ(r.state, wfdw::DbxState::Succeeded);
  EXPECT_EQ(polls, 3);
  ASSERT_GE(server->log.size(), 4u);
  const wfdw::HttpRequest &post = server->log[0];
  EXPECT_EQ(post.url, "http://127.0.0.1:1/api/2.0/sql/statements");
  EXPECT_TRUE(post.allow_http);
  bool bearer = false, content_type = false;
  for (const auto &h : post.headers) {
    bearer |= h == "Authorization: Bearer dapi-test";
    content_type |= h == "Content-Type: application/json";
  }
  EXPECT_TRUE(bearer);
  EXPECT_TRUE(content_type);
  EXPECT_EQ(server->log[1].method, "GET");
  EXPECT_EQ(server->log[1].url, "http://127.0.0.1:1/api/2.0/sql/statements/st-1");
  EXPECT_GT(client.bytes_received(), 0u);
}

TEST(DatabricksClient, FailedWithHttp200RaisesTheStatementsSqlstate) {
  auto server = std::make_shared<FakeServer>();
  server->handler = [](const wfdw::HttpRequest &req) {
    if (req.method == "POST") return reply(200, status_body("RUNNING"));
    return reply(200, {{"statement_id", "st-1"},
                       {"status",
                        {{"state", "FAILED"},
                         {"error",
                          {{"error_code", "BAD_REQUEST"},
                           {"message",
                            "[DIVIDE_BY_ZERO] Division by zero. Use `try_divide` to tolerate divisor "
                            "being 0 and return NULL instead. SQLSTATE: 22012"}}}}}});
  };
  wfdw::DatabricksClient client(config_for(server));
  try {
    client.run("SELECT 1/0", {}, nullptr);
    FAIL();
  } catch (const Error &e) {
    EXPECT_EQ(e.sqlstate(), "22012");
    EXPECT_TRUE(contains(e.what(), "server \"dbx\""));
    EXPECT_TRUE(contains(e.what(), "[DIVIDE_BY_ZERO]"));
    EXPECT_TRUE(contains(e.detail(), "BAD_REQUEST"));
    EXPECT_TRUE(contains(e.detail(), "st-1"));
  }
  // status.sql_state wins over the message; CANCELED and CLOSED are errors too.
  server->handler = [](const wfdw::HttpRequest &) {
    return reply(200, {{"statement_id", "st-2"},
                       {"status",
                        {{"state", "FAILED"},
                         {"sql_state", "42P01"},
                         {"error", {{"error_code", "BAD_REQUEST"}, {"message", "[TABLE_OR_VIEW_NOT_FOUND] t"}}}}}});
  };
  try {
    client.run("SELECT * FROM t", {}, nullptr);
    FAIL();
  } catch (const Error &e) {
    EXPECT_EQ(e.sqlstate(), "42P01");
  }
  server->handler = [](const wfdw::HttpRequest &) { return reply(200, status_body("CANCELED")); };
  try {
    client.run("SELECT 1", {}, nullptr);
    FAIL();
  } catch (const Error &e) {
    EXPECT_EQ(e.sqlstate(), "57014");
  }
  server->handler = [](const wfdw::HttpRequest &) { return reply(200, status_body("CLOSED")); };
  EXPECT_THROW(client.run("SELECT 1", {}, nullptr), Error);
  server->handler = [](const wfdw::HttpRequest &) { return reply(200, status_body("EXPLODED")); };
  try {
    client.run("SELECT 1", {}, nullptr);
    FAIL();
  } catch (const Error &e) {
    EXPECT_TRUE(contains(e.what(), "not what its API documents"));
  }
}

TEST(DatabricksClient, RetriesTooManyRequestsButNotBadRequests) {
  auto server = std::make_shared<FakeServer>();
  int posts = 0;
  server->handler = [&](const wfdw::HttpRequest &req) {
    if (req.method == "POST" && ++posts < 3)
      return reply(posts == 1 ? 429 : 503, {{"error_code", "TOO_MANY_REQUESTS"}, {"message", "slow down"}}, 0);
    return reply(200, {{"statement_id", "st-1"}, {"status", {{"state", "SUCCEEDED"}}}, {"manifest", manifest({0})}});
  };
  wfdw::DatabricksClient client(config_for(server));
  client.run("SELECT 1", {}, nullptr);
  EXPECT_EQ(posts, 3);
  EXPECT_EQ(client.retries(), 2);

  server->handler = [](const wfdw::HttpRequest &) {
    return reply(400, {{"error_code", "INVALID_PARAMETER_VALUE"}, {"message", "wait_timeout must be 0s or 5s-50s"}});
  };
  size_t before = server->log.size();
  try {
    client.run("SELECT 1", {}, nullptr);
    FAIL();
  } catch (const Error &e) {
    EXPECT_TRUE(contains(e.what(), "wait_timeout must be"));
    EXPECT_TRUE(contains(e.detail(), "INVALID_PARAMETER_VALUE"));
  }
  EXPECT_EQ(server->log.size(), before + 1);

  // A 500 on the submission is not replayed (the statement may have run); on a poll it is.
  server->handler = [](const wfdw::HttpRequest &) { return reply(500, {{"error_code", "INTERNAL_ERROR"}}); };
  before = server->log.size();
  EXPECT_THROW(client.submit("SELECT 1", {}, nullptr), Error);
  EXPECT_EQ(server->log.size(), before + 1);
  before = server->log.size();
  EXPECT_THROW(client.status("st-1", nullptr), Error);
  EXPECT_EQ(server->log.size(), before + 3);  // max_attempts
}

TEST(DatabricksClient, StatementTimeoutCancelsAtTheDeadline) {
  auto server = std::make_shared<FakeServer>();
  server->handler = [](const wfdw::HttpRequest &req) {
    if (contains(req.url, "/cancel")) return reply(200, json::object());
    return reply(200, status_body("RUNNING"));
  };
  wfdw::DatabricksConfig c = config_for(server);
  c.statement_timeout_s = 1;
  wfdw::DatabricksClient client(c);
  auto t0 = std::chrono::steady_clock::now();
  try {
    client.run("SELECT slow()", {}, nullptr);
    FAIL();
  } catch (const Error &e) {
    EXPECT_EQ(e.sqlstate(), "57014");
  }
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_GE(s, 0.9);
  EXPECT_LT(s, 3.0);
  EXPECT_EQ(server->count("POST", "/api/2.0/sql/statements/st-1/cancel"), 1u);
}

TEST(DatabricksClient, InterruptCancelsTheStatement) {
  auto server = std::make_shared<FakeServer>();
  server->handler = [](const wfdw::HttpRequest &req) {
    if (contains(req.url, "/cancel")) return reply(200, json::object());
    return reply(200, status_body("RUNNING"));
  };
  wfdw::DatabricksClient client(config_for(server));
  auto t0 = std::chrono::steady_clock::now();
  wfdw::AbortCheck abort = [t0] { return std::chrono::steady_clock::now() - t0 > std::chrono::milliseconds(200); };
  EXPECT_THROW(client.run("SELECT slow()", {}, abort), wfdw::Interrupted);
  EXPECT_EQ(server->count("POST", "/cancel"), 1u);
}

// ---------------------------------------------------------------- OAuth M2M

TEST(DatabricksAuth, RenewalArithmetic) {
  EXPECT_EQ(wfdw::dbx_token_renew_at(1000, 3600), 1000 + 3600 - 300);  // 5 minutes early
  EXPECT_EQ(wfdw::dbx_token_renew_at(1000, 400), 1000 + 200);          // halfway when shorter
  EXPECT_EQ(wfdw::dbx_token_renew_at(1000, 600), 1000 + 300);
  EXPECT_EQ(wfdw::dbx_token_renew_at(1000, 0), 1000);
  EXPECT_EQ(wfdw::dbx_token_renew_at(1000, -5), 1000);
  wfdw::DbxOAuthClient a{"s", "https://h", false, "id", "secret-1"}, b = a;
  b.client_secret = "secret-2";
  EXPECT_NE(wfdw::dbx_token_cache_key(a), wfdw::dbx_token_cache_key(b));
  EXPECT_FALSE(contains(wfdw::dbx_token_cache_key(a), "secret-1"));
}

TEST(DatabricksAuth, ClientCredentialsTokenIsCachedAndRenewedOnA401) {
  wfdw::forget_dbx_token(nullptr);
  auto server = std::make_shared<FakeServer>();
  std::atomic<int> issued{0};
  server->handler = [&](const wfdw::HttpRequest &req) {
    if (contains(req.url, "/oidc/v1/token")) {
      bool basic = false;
      for (const auto &h : req.headers)
        basic |= h == "Authorization: Basic " + wfdw::base64_encode("fdw-client:s3cret");
      if (!basic || req.body != "grant_type=client_credentials&scope=all-apis")
        return reply(401, {{"error", "invalid_client"}, {"error_description", "Client authentication failed"}});
      int n = ++issued;
      return reply(200, {{"access_token", "tok-" + std::to_string(n)},
                         {"token_type", "Bearer"},
                         {"expires_in", 3600},
                         {"scope", "all-apis"}});
    }
    // The first issued token "expired" on the server.
    for (const auto &h : req.headers)
      if (h == "Authorization: Bearer tok-1")
        return reply(401, {{"error_code", "UNAUTHENTICATED"}, {"message", "Token expired"}});
    return reply(200, {{"statement_id", "st-1"}, {"status", {{"state", "SUCCEEDED"}}}, {"manifest", manifest({0})}});
  };
  wfdw::DatabricksConfig c = config_for(server);
  c.auth = wfdw::DatabricksConfig::Auth::OAuthM2M;
  c.token.clear();
  c.client_id = "fdw-client";
  c.client_secret = "s3cret";
  wfdw::DatabricksClient client(c);
  client.run("SELECT 1", {}, nullptr);  // tok-1 refused, tok-2 fetched
  EXPECT_EQ(issued.load(), 2);
  client.run("SELECT 1", {}, nullptr);  // tok-2 from the cache
  wfdw::DatabricksClient other(c);      // the cache is process-wide
  other.run("SELECT 1", {}, nullptr);
  EXPECT_EQ(issued.load(), 2);
  EXPECT_EQ(server->count("POST", "/oidc/v1/token"), 2u);

  // Bad credentials: 28000, the secret never in the error.
  c.client_secret = "wrong-secret";
  wfdw::DatabricksClient bad(c);
  try {
    bad.run("SELECT 1", {}, nullptr);
    FAIL();
  } catch (const Error &e) {
    EXPECT_EQ(e.sqlstate(), "28000");
    EXPECT_TRUE(contains(e.what(), "fdw-client"));
    EXPECT_TRUE(contains(e.detail(), "invalid_client"));
    std::string all = std::string(e.what()) + e.detail() + e.hint();
    EXPECT_FALSE(contains(all, "wrong-secret"));
  }
  wfdw::forget_dbx_token(nullptr);
}

// ---------------------------------------------------------------- the chunk stream

namespace {

// Serves statement st-1 whose chunks hold `rows[n]` rows each, after
// `running_polls` RUNNING answers.
void serve_statement(FakeServer &server, std::vector<int64_t> rows, int running_polls,
                     std::function<wfdw::HttpResponse(int64_t)> chunk_override = nullptr) {
  auto polls = std::make_shared<std::atomic<int>>(0);
  server.handler = [rows, running_polls, polls, chunk_override](const wfdw::HttpRequest &req) {
    if (contains(req.url, "/cancel")) return reply(200, json::object());
    if (req.method == "POST") return reply(200, status_body("PENDING"));
    size_t at = req.url.find("/result/chunks/");
    std::vector<int64_t> offsets(rows.size(), 0);
    for (size_t i = 1; i < rows.size(); i++) offsets[i] = offsets[i - 1] + rows[i - 1];
    if (at != std::string::npos) {
      int64_t n = std::stoll(req.url.substr(at + 15));
      if (chunk_override) return chunk_override(n);
      if (n < 1 || n >= static_cast<int64_t>(rows.size()))
        return reply(400, {{"error_code", "INVALID_PARAMETER_VALUE"}, {"message", "bad chunk"}});
      std::this_thread::sleep_for(std::chrono::milliseconds((rows.size() - n) * 3));  // out of order
      return reply(200, chunk_result(n, offsets[n], rows[n], n + 1 < static_cast<int64_t>(rows.size())));
    }
    if (++*polls <= running_polls) return reply(200, status_body("RUNNING"));
    json body = {{"statement_id", "st-1"}, {"status", {{"state", "SUCCEEDED"}}}, {"manifest", manifest(rows)}};
    if (!rows.empty()) body["result"] = chunk_result(0, 0, rows[0], rows.size() > 1);
    return reply(200, body);
  };
}

// Every row's id, in the order the stream handed them out.
std::vector<int64_t> drain(wfdw::PageStream &s, size_t *pages = nullptr) {
  std::vector<int64_t> ids;
  size_t n = 0;
  for (int waits = 0; waits < 200;) {
    std::unique_ptr<wfdw::CellPage> page;
    wfdw::PageStream::Wait w = s.next(&page, 100);
    if (w == wfdw::PageStream::Wait::End) break;
    if (w == wfdw::PageStream::Wait::Timeout) {
      waits++;
      continue;
    }
    n++;
    for (size_t r = 0; r < page->nrows; r++) ids.push_back(std::stoll(page->cell(r, 0)));
  }
  if (pages) *pages = n;
  return ids;
}

}  // namespace

TEST(DatabricksStream, ChunksInParallelHandedOutInOrder) {
  auto server = std::make_shared<FakeServer>();
  serve_statement(*server, {3, 2, 4, 1, 5, 2, 3}, 2);
  wfdw::DatabricksConfig c = config_for(server);
  c.max_parallel_downloads = 3;
  wfdw::DbxStream stream(c, "SELECT id, ts FROM t", {});
  size_t pages = 0;
  std::vector<int64_t> ids = drain(stream, &pages);
  EXPECT_EQ(pages, 7u);
  ASSERT_EQ(ids.size(), 20u);
  for (size_t i = 0; i < ids.size(); i++) EXPECT_EQ(ids[i], static_cast<int64_t>(i));
  wfdw::PartitionStreamStats st = stream.stats();
  EXPECT_EQ(st.id, "st-1");
  EXPECT_EQ(st.rows, 20);
  EXPECT_EQ(st.partitions, 7);
  EXPECT_EQ(st.partitions_fetched, 7);
  EXPECT_GT(st.bytes_received, 0u);
  EXPECT_GT(st.statement_ms, 0);
  for (int n = 1; n < 7; n++) EXPECT_EQ(server->count("GET", "/result/chunks/" + std::to_string(n)), 1u);
  EXPECT_EQ(server->count("POST", "/cancel"), 0u);  // finished: nothing to cancel
}

TEST(DatabricksStream, EmptyResultAndSingleChunk) {
  auto server = std::make_shared<FakeServer>();
  serve_statement(*server, {}, 0);
  wfdw::DatabricksConfig c = config_for(server);
  {
    wfdw::DbxStream stream(c, "SELECT id, ts FROM t WHERE false", {});
    size_t pages = 0;
    EXPECT_TRUE(drain(stream, &pages).empty());
    EXPECT_EQ(pages, 1u);  // one empty page, marked last
  }
  serve_statement(*server, {4}, 0);
  wfdw::DbxStream one(c, "SELECT id, ts FROM t", {});
  EXPECT_EQ(drain(one).size(), 4u);
  EXPECT_EQ(server->count("GET", "/result/chunks/"), 0u);
}

TEST(DatabricksStream, AChunkShorterThanAnnouncedIsAnError) {
  auto server = std::make_shared<FakeServer>();
  serve_statement(*server, {2, 2, 2}, 0, [](int64_t n) { return reply(200, chunk_result(n, n * 2, 1, false)); });
  wfdw::DbxStream stream(config_for(server), "SELECT id, ts FROM t", {});
  try {
    drain(stream);
    FAIL();
  } catch (const Error &e) {
    EXPECT_TRUE(contains(e.what(), "announced 2"));
  }
}

TEST(DatabricksStream, AFailedStatementSurfacesFromNext) {
  auto server = std::make_shared<FakeServer>();
  server->handler = [](const wfdw::HttpRequest &req) {
    if (req.method == "POST") return reply(200, status_body("PENDING"));
    return reply(
        200, {{"statement_id", "st-1"},
              {"status",
               {{"state", "FAILED"},
                {"error", {{"error_code", "BAD_REQUEST"}, {"message", "[PARSE_SYNTAX_ERROR] x SQLSTATE: 42601"}}}}}});
  };
  {
    wfdw::DbxStream stream(config_for(server), "SELEC 1", {});
    try {
      drain(stream);
      FAIL();
    } catch (const Error &e) {
      EXPECT_EQ(e.sqlstate(), "42601");
    }
  }
  EXPECT_EQ(server->count("POST", "/cancel"), 0u);  // it ended: nothing to cancel
}

TEST(DatabricksStream, DestroyingARunningStreamCancelsTheStatement) {
  auto server = std::make_shared<FakeServer>();
  serve_statement(*server, {1}, 1000000);
  {
    wfdw::DbxStream stream(config_for(server), "SELECT slow()", {});
    std::unique_ptr<wfdw::CellPage> page;
    for (int i = 0; i < 10 && server->count("GET", "/statements/st-1") == 0; i++)
      EXPECT_EQ(stream.next(&page, 50), wfdw::PageStream::Wait::Timeout);
  }
  EXPECT_EQ(server->count("POST", "/api/2.0/sql/statements/st-1/cancel"), 1u);
}

// ---------------------------------------------------------------- dialect

TEST(DatabricksDialect, QuotingAndLiterals) {
  StringSink a, b, c, d;
  dbx().identifier(a, "Line Items");
  EXPECT_EQ(a.out, "`Line Items`");
  dbx().identifier(b, "say `hi`");
  EXPECT_EQ(b.out, "`say ``hi```");
  dbx().string_literal(c, "it's a \\ path");
  EXPECT_EQ(c.out, "'it\\'s a \\\\ path'");
  dbx().string_literal(d, "multi\nline ''");
  EXPECT_EQ(d.out, "'multi\nline \\'\\''");
  StringSink t;
  dbx().table_reference(t, "main", "sales", "orders");
  EXPECT_EQ(t.out, "`main`.`sales`.`orders`");
  StringSink o1, o2;
  dbx().order_suffix(o1, true, false);
  EXPECT_EQ(o1.out, " DESC NULLS LAST");
  dbx().order_suffix(o2, false, false);
  EXPECT_EQ(o2.out, " ASC NULLS LAST");  // Spark's default is NULLS FIRST: always explicit
  StringSink l, l2;
  dbx().limit_clause(l, "10", "5");
  EXPECT_EQ(l.out, " LIMIT 10 OFFSET 5");
  dbx().limit_clause(l2, nullptr, "5");
  EXPECT_EQ(l2.out, " OFFSET 5");
  StringSink p;
  dbx().param_ref(p, 3, "bigint");
  EXPECT_EQ(p.out, ":p3");
  StringSink n1, n2, n3;
  dbx().constant(n1, wfdw::ConstKind::Number, "1.5e-50");
  EXPECT_EQ(n1.out, "'1.5e-50'");
  dbx().constant(n2, wfdw::ConstKind::Number, "-12.50");
  EXPECT_EQ(n2.out, "(-12.50)");
  dbx().constant(n3, wfdw::ConstKind::Number, "NaN");
  EXPECT_EQ(n3.out, "'NaN'");
  EXPECT_STREQ(dbx().name(), "databricks");
}

TEST(DatabricksDialect, TypesAndCasts) {
  EXPECT_STREQ(dbx().type_name("bigint"), "BIGINT");
  EXPECT_STREQ(dbx().type_name("integer"), "INT");
  EXPECT_STREQ(dbx().type_name("smallint"), "SMALLINT");
  EXPECT_STREQ(dbx().type_name("double precision"), "DOUBLE");
  EXPECT_STREQ(dbx().type_name("real"), "FLOAT");
  EXPECT_STREQ(dbx().type_name("text"), "STRING");
  EXPECT_STREQ(dbx().type_name("bytea"), "BINARY");
  EXPECT_STREQ(dbx().type_name("timestamp with time zone"), "TIMESTAMP");
  EXPECT_STREQ(dbx().type_name("timestamp without time zone"), "TIMESTAMP_NTZ");
  EXPECT_STREQ(dbx().type_name("numeric(12,2)"), "DECIMAL(12,2)");
  EXPECT_EQ(dbx().type_name("numeric"), nullptr);  // DECIMAL alone is DECIMAL(10,0)
  EXPECT_EQ(dbx().type_name("numeric(39,0)"), nullptr);
  EXPECT_EQ(dbx().type_name("interval"), nullptr);
  EXPECT_TRUE(dbx().value_type_shippable("numeric"));
  EXPECT_TRUE(dbx().cast_shippable("integer", "bigint"));
  EXPECT_TRUE(dbx().cast_shippable("date", "timestamp without time zone"));
  EXPECT_FALSE(dbx().cast_shippable("double precision", "integer"));  // Spark truncates
  EXPECT_FALSE(dbx().cast_shippable("numeric", "integer"));
  EXPECT_FALSE(dbx().cast_shippable("text", "integer"));
  EXPECT_TRUE(dbx().text_order_is_binary());
  EXPECT_TRUE(dbx().in_list_arrays());
  EXPECT_TRUE(dbx().float_special_values());
  EXPECT_TRUE(dbx().greatest_ignores_nulls());
}

TEST(DatabricksDialect, OperatorWhitelist) {
  EXPECT_STREQ(op("/", "integer", "integer"), "(%1 DIV %2)");  // / would be fractional
  EXPECT_STREQ(op("/", "bigint", "smallint"), "(%1 DIV %2)");
  EXPECT_STREQ(op("/", "double precision", "double precision"), "/");
  EXPECT_EQ(op("/", "numeric", "numeric"), nullptr);
  EXPECT_STREQ(op("%", "integer", "integer"), "MOD(%1, %2)");
  EXPECT_STREQ(op("+", "integer", "bigint"), "+");
  EXPECT_STREQ(op("=", "timestamp with time zone", "timestamp with time zone"), "=");
  EXPECT_EQ(op("=", "timestamp with time zone", "timestamp without time zone"), nullptr);
  EXPECT_EQ(op("=", "interval", "interval"), nullptr);
  // A bytea constant would be CAST('\\x..' AS BINARY): the string's bytes in Spark.
  EXPECT_EQ(op("=", "bytea", "bytea"), nullptr);
  EXPECT_STREQ(op("-", "date", "date"), "DATEDIFF(%1, %2)");
  EXPECT_STREQ(op("+", "date", "integer"), "DATE_ADD(%1, %2)");
  EXPECT_STREQ(op("+", "integer", "date"), "DATE_ADD(%2, %1)");
  EXPECT_STREQ(op("-", "date", "integer"), "DATE_SUB(%1, %2)");
  EXPECT_EQ(op("+", "timestamp without time zone", "interval"), nullptr);
  EXPECT_STREQ(op("-", "double precision", nullptr), "-");
  EXPECT_STREQ(op("||", "text", "text"), "||");
  // LIKE: a constant pattern whose backslashes escape only % _ and \.
  EXPECT_STREQ(op("~~", "text", "text", "a\\%b%"), "(%1 LIKE %2)");
  EXPECT_EQ(op("~~", "text", "text", "a\\qb"), nullptr);
  EXPECT_EQ(op("~~", "text", "text", "ab\\"), nullptr);
  EXPECT_EQ(op("~~", "text", "text"), nullptr);
  // ILIKE only under a C ctype.
  EXPECT_EQ(op("~~*", "text", "text", "ab%"), nullptr);
  wfdw::RoutineRef il{"~~*", 2, {"text", "text"}, nullptr, nullptr};
  il.const_arg2 = "ab%";
  il.ctype_is_c = true;
  EXPECT_NE(dbx().map_operator(il), nullptr);
  // Regex: the portable subset, no $, (?s) for a dot.
  EXPECT_STREQ(op("~", "text", "text", "^ab+c"), "(%1 RLIKE %2)");
  EXPECT_STREQ(op("~", "text", "text", "a.c"), "(%1 RLIKE CONCAT('(?s)', %2))");
  EXPECT_STREQ(op("!~", "text", "text", "abc"), "(NOT (%1 RLIKE %2))");
  EXPECT_EQ(op("~", "text", "text", "abc$"), nullptr);
  EXPECT_EQ(op("~", "text", "text", "\\d+"), nullptr);
  EXPECT_EQ(op("~", "text", "text"), nullptr);
}

TEST(DatabricksDialect, DecimalArithmeticOnlyWhenSparkKeepsEveryDigit) {
  wfdw::RoutineRef r{"*", 2, {"numeric", "numeric"}, "numeric", nullptr};
  r.exact_types[0] = "numeric(12,2)";
  r.exact_types[1] = "numeric(10,4)";
  EXPECT_STREQ(dbx().map_operator(r), "*");  // 12 + 10 + 1 <= 38
  r.exact_types[0] = "numeric(30,2)";
  EXPECT_EQ(dbx().map_operator(r), nullptr);  // 41 digits: Spark drops scale
  r.name = "+";
  EXPECT_STREQ(dbx().map_operator(r), "+");  // max(28, 6) + 4 + 1 = 33
  r.exact_types[0] = "numeric(38,18)";
  r.exact_types[1] = "numeric(38,18)";
  EXPECT_EQ(dbx().map_operator(r), nullptr);  // 39 digits
  r.exact_types[0] = "integer";
  r.exact_types[1] = "numeric(10,2)";
  EXPECT_STREQ(dbx().map_operator(r), "+");
  r.exact_types[0] = nullptr;  // unknown operand: local
  EXPECT_EQ(dbx().map_operator(r), nullptr);
  wfdw::RoutineRef d{"+", 2, {"double precision", "numeric"}, "double precision", nullptr};
  EXPECT_STREQ(dbx().map_operator(d), "+");
}

TEST(DatabricksDialect, FunctionsAndAggregates) {
  auto fn = [](const char *name, int nargs, const char *a, const char *b = nullptr, const char *text = nullptr) {
    wfdw::RoutineRef r{name, nargs, {a, b}, nullptr, text};
    return dbx().map_function(r);
  };
  EXPECT_STREQ(fn("length", 1, "text"), "CHAR_LENGTH");
  EXPECT_STREQ(fn("starts_with", 2, "text", "text"), "STARTSWITH");
  EXPECT_STREQ(fn("strpos", 2, "text", "text"), "INSTR");
  EXPECT_EQ(fn("lower", 1, "text"), nullptr);  // Unicode folding: only under a C ctype
  EXPECT_STREQ(fn("abs", 1, "integer"), "ABS");
  EXPECT_STREQ(fn("floor", 1, "numeric"), "FLOOR");
  EXPECT_EQ(fn("floor", 1, "double precision"), nullptr);  // BIGINT in Spark
  EXPECT_EQ(fn("trunc", 1, "numeric"), nullptr);           // Spark's TRUNC is for dates
  EXPECT_STREQ(fn("date_trunc", 2, "text", "timestamp without time zone", "month"),
               "CAST(TRUNC(CAST(%2 AS DATE), 'MONTH') AS TIMESTAMP_NTZ)");
  EXPECT_EQ(fn("date_trunc", 2, "text", "timestamp without time zone", "hour"), nullptr);
  EXPECT_EQ(fn("date_trunc", 2, "text", "timestamp with time zone", "month"), nullptr);
  EXPECT_STREQ(fn("extract", 2, "text", "date", "dow"), "(EXTRACT(DOW FROM %2) - 1)");
  EXPECT_STREQ(fn("date_part", 2, "text", "timestamp without time zone", "hour"), "EXTRACT(HOUR FROM %2)");
  EXPECT_EQ(fn("extract", 2, "text", "date", "hour"), nullptr);
  EXPECT_EQ(fn("extract", 2, "text", "date", "epoch"), nullptr);
  auto agg = [](const char *name, int nargs, const char *a) {
    wfdw::RoutineRef r{name, nargs, {a, nullptr}, nullptr, nullptr};
    return dbx().map_aggregate(r);
  };
  EXPECT_STREQ(agg("count", 0, nullptr), "COUNT");
  EXPECT_STREQ(agg("sum", 1, "integer"), "SUM");
  EXPECT_STREQ(agg("bool_and", 1, "boolean"), "BOOL_AND");
  EXPECT_STREQ(agg("bool_or", 1, "boolean"), "BOOL_OR");
  EXPECT_EQ(agg("avg", 1, "integer"), nullptr);  // exact numeric in PostgreSQL
  EXPECT_EQ(agg("sum", 1, "real"), nullptr);     // DOUBLE accumulation in Spark
  EXPECT_STREQ(agg("sum", 1, "double precision"), "SUM");
  StringSink v, v2;
  dbx().opaque_value(v, "BIGINT");
  EXPECT_EQ(v.out, "CAST(NULL AS BIGINT)");
  dbx().opaque_value(v2, nullptr);
  EXPECT_EQ(v2.out, "NULL");
}
