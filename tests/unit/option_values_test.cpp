#include "core/option_values.hpp"

#include <gtest/gtest.h>

#include "core/errors.hpp"

using wfdw::Error;

TEST(OptionValues, BoolAcceptsPostgresSpellings) {
  for (const char *t : {"true", "on", "yes", "1", "TRUE", " On "}) EXPECT_TRUE(wfdw::parse_bool_option("x", t)) << t;
  for (const char *f : {"false", "off", "no", "0", "False"}) EXPECT_FALSE(wfdw::parse_bool_option("x", f)) << f;
}

TEST(OptionValues, BoolRejectsOthersWithHint) {
  try {
    wfdw::parse_bool_option("use_remote_estimate", "maybe");
    FAIL() << "no exception";
  } catch (const Error &e) {
    EXPECT_EQ(e.sqlstate(), "HV024");
    EXPECT_NE(std::string(e.what()).find("use_remote_estimate"), std::string::npos);
    EXPECT_NE(e.hint().find("boolean"), std::string::npos);
  }
}

TEST(OptionValues, IntRange) {
  EXPECT_EQ(wfdw::parse_int_option("fetch_size", "100", 1, 1000), 100);
  EXPECT_THROW(wfdw::parse_int_option("fetch_size", "0", 1, 1000), Error);
  EXPECT_THROW(wfdw::parse_int_option("fetch_size", "1001", 1, 1000), Error);
  EXPECT_THROW(wfdw::parse_int_option("fetch_size", "10k", 1, 1000), Error);
  EXPECT_THROW(wfdw::parse_int_option("fetch_size", "", 1, 1000), Error);
  EXPECT_THROW(wfdw::parse_int_option("fetch_size", "99999999999999999999", 1, 1000), Error);
}

TEST(OptionValues, Real) {
  EXPECT_DOUBLE_EQ(wfdw::parse_real_option("c", "0.25", 0), 0.25);
  EXPECT_DOUBLE_EQ(wfdw::parse_real_option("c", "1e2", 0), 100);
  EXPECT_THROW(wfdw::parse_real_option("c", "-1", 0), Error);
  EXPECT_THROW(wfdw::parse_real_option("c", "inf", 0), Error);
  EXPECT_THROW(wfdw::parse_real_option("c", "nan", 0), Error);
}

TEST(OptionValues, Durations) {
  EXPECT_EQ(wfdw::parse_duration_ms("t", "30"), 30000);
  EXPECT_EQ(wfdw::parse_duration_ms("t", "30s"), 30000);
  EXPECT_EQ(wfdw::parse_duration_ms("t", "250ms"), 250);
  EXPECT_EQ(wfdw::parse_duration_ms("t", "1.5 min"), 90000);
  EXPECT_EQ(wfdw::parse_duration_ms("t", "2h"), 7200000);
  EXPECT_EQ(wfdw::parse_duration_ms("t", "1d"), 86400000);
  EXPECT_THROW(wfdw::parse_duration_ms("t", "5 parsecs"), Error);
  EXPECT_THROW(wfdw::parse_duration_ms("t", "-1s"), Error);
  EXPECT_THROW(wfdw::parse_duration_ms("t", "s"), Error);
}
