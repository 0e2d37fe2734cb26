// The pure parts of cost governance: query fingerprints and the latency
// histogram behind warehouse_fdw_stats' percentiles.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

#include "core/latency_histogram.hpp"
#include "core/query_fingerprint.hpp"

namespace wfdw {
namespace {

std::string norm(const char *sql, bool backslash = false, int64_t *id = nullptr) {
  char buf[512];
  int64_t i = fingerprint_remote_sql(sql, backslash, buf, sizeof(buf));
  if (id != nullptr) *id = i;
  return buf;
}

TEST(QueryFingerprint, ConstantsBecomePlaceholders) {
  EXPECT_EQ(norm("SELECT a FROM t WHERE id = 42 AND name = 'x''y' AND r > 1.5e-3"),
            "SELECT a FROM t WHERE id = ? AND name = ? AND r > ?");
  EXPECT_EQ(norm("SELECT `p.d.t1`.c2 FROM `p.d.t1` WHERE c2 < -7 LIMIT 10"),
            "SELECT `p.d.t1`.c2 FROM `p.d.t1` WHERE c2 < -? LIMIT ?");
}

TEST(QueryFingerprint, IdentifiersAndParametersStay) {
  EXPECT_EQ(norm("SELECT \"col 1\", \"a\"\"9\" FROM s.t2 WHERE x = $1 AND y = @p2 AND z = :3"),
            "SELECT \"col 1\", \"a\"\"9\" FROM s.t2 WHERE x = $1 AND y = @p2 AND z = :3");
  EXPECT_EQ(norm("SELECT c1 FROM t WHERE c1 = 'it''s 5'"), "SELECT c1 FROM t WHERE c1 = ?");
}

TEST(QueryFingerprint, BackslashEscapesFollowTheDialect) {
  // BigQuery / Snowflake / Spark: \' does not end the literal.
  EXPECT_EQ(norm("SELECT 1 FROM t WHERE a = 'x\\'y' AND b = 2", true), "SELECT ? FROM t WHERE a = ? AND b = ?");
  // PostgreSQL: only E'' strings take backslash escapes.
  EXPECT_EQ(norm("SELECT 1 FROM t WHERE a = E'x\\'y' AND b = 2"), "SELECT ? FROM t WHERE a = E? AND b = ?");
  EXPECT_EQ(norm("SELECT 1 FROM t WHERE a = 'x\\' AND b = 2"), "SELECT ? FROM t WHERE a = ? AND b = ?");
}

TEST(QueryFingerprint, SameShapeSameIdOtherShapeOtherId) {
  int64_t a, b, c;
  norm("SELECT * FROM t WHERE id = 1", false, &a);
  norm("SELECT * FROM t WHERE id = 123456", false, &b);
  norm("SELECT * FROM t WHERE id > 1", false, &c);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  EXPECT_EQ(query_id_hex(a).size(), 16u);
}

TEST(QueryFingerprint, TruncatesButHashesEverything) {
  char small[8];
  int64_t a = fingerprint_remote_sql("SELECT a FROM long_table_one", false, small, sizeof(small));
  int64_t b = fingerprint_remote_sql("SELECT a FROM long_table_two", false, small, sizeof(small));
  EXPECT_STREQ(small, "SELECT ");
  EXPECT_NE(a, b);
  // Unterminated literals and quotes end the text without reading past it.
  EXPECT_EQ(norm("SELECT 'abc"), "SELECT ?");
  EXPECT_EQ(norm("SELECT \"abc"), "SELECT \"abc");
}

TEST(LatencyHistogram, PercentilesWithinTheStatedError) {
  LatencyHistogram h;
  h.clear();
  std::mt19937 rng(7);
  std::vector<double> v;
  std::lognormal_distribution<double> d(3.0, 1.5);  // 20 ms median, long tail
  for (int i = 0; i < 20000; i++) {
    double ms = d(rng);
    v.push_back(ms);
    h.add(ms);
  }
  std::sort(v.begin(), v.end());
  double err = LatencyHistogram::relative_error();
  EXPECT_NEAR(err, 0.0443, 0.001);
  for (double p : {0.5, 0.9, 0.95, 0.99, 0.999}) {
    double exact = v[static_cast<size_t>(std::ceil(p * v.size())) - 1];
    double got = h.percentile(p, v.front(), v.back());
    EXPECT_LE(std::abs(got - exact) / exact, err + 1e-9) << "p" << p << " exact " << exact << " got " << got;
  }
}

TEST(LatencyHistogram, MergeAndClamp) {
  LatencyHistogram a, b;
  a.clear();
  b.clear();
  for (int i = 0; i < 90; i++) a.add(10);
  for (int i = 0; i < 10; i++) b.add(1000);
  a.merge(b);
  EXPECT_NEAR(a.percentile(0.5, 10, 1000), 10, 10 * LatencyHistogram::relative_error());
  EXPECT_NEAR(a.percentile(0.95, 10, 1000), 1000, 1000 * LatencyHistogram::relative_error());
  EXPECT_EQ(a.percentile(1.0, 10, 999), 999);  // never above the recorded max
  LatencyHistogram e;
  e.clear();
  EXPECT_EQ(e.percentile(0.5, 0, 0), -1);
  e.add(0.001);  // below the first bound: the min bounds it
  EXPECT_EQ(e.percentile(0.5, 0.001, 0.001), 0.001);
}

}  // namespace
}  // namespace wfdw
