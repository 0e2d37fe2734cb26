#include <gtest/gtest.h>

#include "core/read_query.hpp"

using wfdw::read_query_problem;

TEST(ReadQuery, AcceptsReadQueries) {
  for (const char *q : {"SELECT 1", "  select * from t", "WITH x AS (SELECT 1) SELECT * FROM x", "VALUES (1)",
                        "TABLE t", "-- c\nSELECT 1", "/* a /* nested */ b */ SELECT 1", "select\t1", "SELECT"})
    EXPECT_EQ(read_query_problem(q, false), "") << q;
  EXPECT_EQ(read_query_problem("# bigquery comment\nSELECT 1", true), "");
}

TEST(ReadQuery, RefusesEverythingElse) {
  for (const char *q : {"ANALYZE SELECT 1", "(ANALYZE) SELECT 1", "(ANALYZE true, FORMAT JSON) SELECT 1",
                        "VERBOSE SELECT 1", "DELETE FROM t", "INSERT INTO t VALUES (1)", "COMMIT", "SET x = 1",
                        "EXPLAIN SELECT 1", "", "   ", "/* unterminated SELECT 1", "SELECTx 1", "select_x", "selects 1",
                        "; SELECT 1", "# c\nSELECT 1", "CREATE TABLE t AS SELECT 1"})
    EXPECT_NE(read_query_problem(q, false), "") << q;
  EXPECT_NE(read_query_problem("# c\nDELETE FROM t", true), "");
}
