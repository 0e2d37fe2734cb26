#include "core/option_catalog.hpp"

#include <gtest/gtest.h>

#include "core/errors.hpp"

using wfdw::Error;
using wfdw::OptionScope;

TEST(OptionCatalog, KnownOptionsValidate) {
  EXPECT_NO_THROW(wfdw::validate_option("postgres", OptionScope::Server, "host", "db.example"));
  EXPECT_NO_THROW(wfdw::validate_option("postgres", OptionScope::Server, "fetch_size", "5000"));
  EXPECT_NO_THROW(wfdw::validate_option("postgres", OptionScope::UserMapping, "password", "x"));
  EXPECT_NO_THROW(wfdw::validate_option("", OptionScope::Table, "table_name", "t"));
}

TEST(OptionCatalog, UnknownNameListsValidOnes) {
  try {
    wfdw::validate_option("postgres", OptionScope::Table, "tablename", "t");
    FAIL();
  } catch (const Error &e) {
    EXPECT_EQ(e.sqlstate(), "HV00D");
    EXPECT_NE(e.hint().find("table_name"), std::string::npos);
    EXPECT_NE(e.hint().find("schema_name"), std::string::npos);
    EXPECT_EQ(e.hint().find("password"), std::string::npos);  // not a table option
  }
}

TEST(OptionCatalog, ObjectsDoNotShareOptions) {
  EXPECT_THROW(wfdw::validate_option("postgres", OptionScope::Server, "password", "x"), Error);
  EXPECT_THROW(wfdw::validate_option("postgres", OptionScope::UserMapping, "host", "x"), Error);
  EXPECT_THROW(wfdw::validate_option("postgres", OptionScope::Column, "table_name", "x"), Error);
}

TEST(OptionCatalog, ProviderIsChecked) {
  EXPECT_NO_THROW(wfdw::validate_option("", OptionScope::Server, "provider", "postgres"));
  try {
    wfdw::validate_option("", OptionScope::Server, "provider", "oracle");
    FAIL();
  } catch (const Error &e) {
    EXPECT_NE(e.hint().find("postgres"), std::string::npos);
  }
}

TEST(OptionCatalog, ValuesAreChecked) {
  EXPECT_THROW(wfdw::validate_option("postgres", OptionScope::Server, "port", "http"), Error);
  EXPECT_THROW(wfdw::validate_option("postgres", OptionScope::Server, "connect_timeout", "soon"), Error);
  EXPECT_THROW(wfdw::validate_option("postgres", OptionScope::Server, "fdw_tuple_cost", "-0.1"), Error);
}

TEST(OptionCatalog, SecretsAreMarked) {
  EXPECT_TRUE(wfdw::is_secret_option("password"));
  EXPECT_FALSE(wfdw::is_secret_option("user"));
}

TEST(OptionCatalog, ValidNamesAreSortedAndUnique) {
  std::string names = wfdw::valid_option_names("postgres", OptionScope::UserMapping);
  EXPECT_EQ(names, "password, password_required, sslcert, sslkey, user");
}
