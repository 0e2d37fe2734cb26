// Security properties of the pure zone: the token cache key depends on the
// secret, token_uri overrides are recognised, account names cannot leave the
// host label, and the HTTP client refuses every scheme but https (and http
// where allowed) before any connection is made.
#include <gtest/gtest.h>
#include "providers/snowflake/snowflake_info.hpp"

#include "providers/bigquery/google_auth.hpp"
#include "core/http_client.hpp"
#include "core/option_catalog.hpp"

using namespace wfdw;

TEST(Security, TokenCacheKeyDependsOnThePrivateKey) {
  ServiceAccountKey victim{"sa@p.iam.gserviceaccount.com", "-----BEGIN PRIVATE KEY-----victim", "k1", kGoogleTokenUri};
  ServiceAccountKey attacker = victim;
  attacker.private_key = "-----BEGIN PRIVATE KEY-----attacker";
  const std::string scope = "https://www.googleapis.com/auth/bigquery";
  EXPECT_NE(google_token_cache_key(victim, scope), google_token_cache_key(attacker, scope));
  EXPECT_EQ(google_token_cache_key(victim, scope), google_token_cache_key(victim, scope));
  EXPECT_NE(google_token_cache_key(victim, scope), google_token_cache_key(victim, scope + "x"));
  // The key holds no secret in clear.
  EXPECT_EQ(google_token_cache_key(victim, scope).find("victim"), std::string::npos);
}

TEST(Security, TokenUriOverride) {
  EXPECT_FALSE(overrides_token_uri(R"({"type":"service_account"})"));
  EXPECT_FALSE(overrides_token_uri(R"({"token_uri":"https://oauth2.googleapis.com/token"})"));
  EXPECT_FALSE(overrides_token_uri("not json"));
  EXPECT_TRUE(overrides_token_uri(R"({"token_uri":"http://127.0.0.1:9/token"})"));
  EXPECT_TRUE(overrides_token_uri(R"({"token_uri":"file:///etc/passwd"})"));
  EXPECT_TRUE(overrides_token_uri(R"({"token_uri":["https://oauth2.googleapis.com/token"]})"));
}

TEST(Security, AccountNameIsAHostLabel) {
  EXPECT_NO_THROW(check_account_name("myorg-myacct"));
  EXPECT_NO_THROW(check_account_name("xy12345.us-east-2.aws"));
  for (const char *bad : {"", "evil.com/x#", "a:8443", "a@b", "a b", ".a", "a..b", "a?x=1"})
    EXPECT_THROW(check_account_name(bad), Error) << bad;
}

TEST(Security, HttpClientRefusesOtherSchemes) {
  HttpClient http(TlsSettings{});
  for (const char *url : {"file:///etc/passwd", "gopher://127.0.0.1:1/_x", "ftp://127.0.0.1/", "dict://127.0.0.1:1/",
                          "http://127.0.0.1:1/"}) {
    HttpRequest req;
    req.url = url;
    EXPECT_THROW(http.perform(req, nullptr), TransportError) << url;
  }
  HttpRequest req;
  req.url = "file:///etc/passwd";
  req.allow_http = true;
  EXPECT_THROW(http.perform(req, nullptr), TransportError);
}
