// Databricks' options in the shared catalog: the workspace host check that
// keeps a non-superuser from pointing the server (and every mapping's
// token) at another address.
#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "core/option_catalog.hpp"

namespace wfdw {
namespace {

TEST(DatabricksOptions, WorkspaceHostsAreAccepted) {
  for (const char *h : {"dbc-1234abcd-5678.cloud.databricks.com", "https://dbc-1234abcd-5678.cloud.databricks.com/",
                        "adb-1234567890123456.7.azuredatabricks.net", "1234567890.1.gcp.databricks.com"})
    EXPECT_NO_THROW(validate_option("databricks", OptionScope::Server, "host", h)) << h;
}

TEST(DatabricksOptions, OtherAddressesNeedTheSuperuserEndpoint) {
  for (const char *h : {"169.254.169.254", "localhost", "evil.example.com", "cloud.databricks.com",
                        "x.cloud.databricks.com.evil.com", "x.cloud.databricks.com/path", "x.cloud.databricks.com:8443",
                        "http://x.cloud.databricks.com", "", "user@x.cloud.databricks.com"})
    EXPECT_THROW(validate_option("databricks", OptionScope::Server, "host", h), Error) << h;
}

TEST(DatabricksOptions, SecretsAreSecret) {
  EXPECT_TRUE(is_secret_option("token"));
  EXPECT_TRUE(is_secret_option("client_secret"));
  EXPECT_FALSE(is_secret_option("client_id"));
}

}  // namespace
}  // namespace wfdw
