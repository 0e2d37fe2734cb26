// base64 and RS256 JWTs: the signature is verified here with OpenSSL against
// the key's public half, as Google's and Snowflake's token endpoints do.
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <algorithm>
#include <memory>
#include <string>

#include "core/errors.hpp"
#include "providers/bigquery/google_auth.hpp"
#include "core/jwt.hpp"

namespace {

using wfdw::base64_decode;
using wfdw::base64_encode;
using wfdw::base64url_encode;

struct Key {
  std::string pem;
  EVP_PKEY *pkey = nullptr;
  ~Key() { EVP_PKEY_free(pkey); }
};

std::unique_ptr<Key> new_rsa_key(const char *passphrase = nullptr) {
  auto k = std::make_unique<Key>();
  k->pkey = EVP_RSA_gen(2048);
  BIO *bio = BIO_new(BIO_s_mem());
  if (passphrase != nullptr)
    PEM_write_bio_PKCS8PrivateKey(bio, k->pkey, EVP_aes_256_cbc(), nullptr, 0, nullptr, const_cast<char *>(passphrase));
  else
    PEM_write_bio_PrivateKey(bio, k->pkey, nullptr, nullptr, 0, nullptr, nullptr);
  char *data = nullptr;
  long n = BIO_get_mem_data(bio, &data);
  k->pem.assign(data, static_cast<size_t>(n));
  BIO_free(bio);
  return k;
}

std::string b64url_to_bytes(std::string s) {
  for (char &c : s) c = c == '-' ? '+' : c == '_' ? '/' : c;
  return base64_decode(s, "test");
}

bool verify(EVP_PKEY *pkey, const std::string &jwt) {
  size_t dot2 = jwt.rfind('.');
  std::string signed_part = jwt.substr(0, dot2);
  std::string sig = b64url_to_bytes(jwt.substr(dot2 + 1));
  EVP_MD_CTX *ctx = EVP_MD_CTX_new();
  bool ok = EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, pkey) == 1 &&
            EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char *>(sig.data()), sig.size(),
                             reinterpret_cast<const unsigned char *>(signed_part.data()), signed_part.size()) == 1;
  EVP_MD_CTX_free(ctx);
  return ok;
}

}  // namespace

TEST(Base64, RoundTripsEveryLengthAndByte) {
  std::string all;
  for (int i = 0; i < 256; i++) all += static_cast<char>(i);
  for (size_t n = 0; n <= all.size(); n += 1) {
    std::string s = all.substr(0, n);
    EXPECT_EQ(base64_decode(base64_encode(s), "t"), s) << n;
  }
  EXPECT_EQ(base64_encode("foob"), "Zm9vYg==");
  EXPECT_EQ(base64url_encode("foob"), "Zm9vYg");  // no padding
  EXPECT_EQ(base64url_encode("\xfb\xff"), "-_8");
  EXPECT_EQ(base64_encode("\xfb\xff"), "+/8=");
}

TEST(Base64, DecodeAcceptsMissingPaddingAndWhitespace) {
  EXPECT_EQ(base64_decode("Zm9vYg", "t"), "foob");
  EXPECT_EQ(base64_decode("Zm9v\nYmFy\n", "t"), "foobar");
}

TEST(Base64, MalformedInputNamesWhatButNotTheText) {
  try {
    base64_decode("Zm9v!!!secret", "column \"b\"");
    FAIL() << "no error";
  } catch (const wfdw::Error &e) {
    EXPECT_NE(std::string(e.what()).find("column \"b\""), std::string::npos);
    EXPECT_EQ(std::string(e.what()).find("secret"), std::string::npos);
  }
}

TEST(Jwt, Rs256SignatureVerifiesWithThePublicKey) {
  auto key = new_rsa_key();
  std::string jwt = wfdw::rs256_jwt(R"({"alg":"RS256","typ":"JWT"})", R"({"iss":"a","exp":2})", key->pem, "");
  ASSERT_EQ(std::count(jwt.begin(), jwt.end(), '.'), 2);
  EXPECT_EQ(b64url_to_bytes(jwt.substr(0, jwt.find('.'))), R"({"alg":"RS256","typ":"JWT"})");
  EXPECT_TRUE(verify(key->pkey, jwt));
  auto other = new_rsa_key();
  EXPECT_FALSE(verify(other->pkey, jwt));
  std::string tampered = jwt;
  tampered[jwt.find('.') + 2] ^= 1;
  EXPECT_FALSE(verify(key->pkey, tampered));
}

TEST(Jwt, EncryptedKeyNeedsItsPassphrase) {
  auto key = new_rsa_key("pass phrase");
  std::string jwt = wfdw::rs256_jwt(R"({"alg":"RS256"})", R"({"sub":"x"})", key->pem, "pass phrase");
  EXPECT_TRUE(verify(key->pkey, jwt));
  try {
    wfdw::rs256_jwt(R"({"alg":"RS256"})", R"({"sub":"x"})", key->pem, "wrong");
    FAIL() << "no error";
  } catch (const wfdw::Error &e) {
    EXPECT_EQ(std::string(e.what()).find("BEGIN"), std::string::npos);
    EXPECT_EQ(std::string(e.what()).find("wrong"), std::string::npos);
  }
}

TEST(Jwt, GarbageKeyErrorsWithoutQuotingIt) {
  try {
    wfdw::rs256_jwt("{}", "{}", "-----BEGIN PRIVATE KEY-----\nTOPSECRETMATERIAL\n-----END PRIVATE KEY-----\n", "");
    FAIL() << "no error";
  } catch (const wfdw::Error &e) {
    EXPECT_EQ(std::string(e.what()).find("TOPSECRET"), std::string::npos);
    EXPECT_EQ(e.detail().find("TOPSECRET"), std::string::npos);
  }
}

TEST(Jwt, FingerprintIsSha256OfThePublicKeyDer) {
  auto key = new_rsa_key();
  unsigned char *der = nullptr;
  int n = i2d_PUBKEY(key->pkey, &der);
  ASSERT_GT(n, 0);
  unsigned char md[32];
  unsigned int mdlen = 0;
  EVP_Digest(der, static_cast<size_t>(n), md, &mdlen, EVP_sha256(), nullptr);
  OPENSSL_free(der);
  std::string expected = "SHA256:" + base64_encode(std::string(reinterpret_cast<char *>(md), mdlen));
  EXPECT_EQ(wfdw::public_key_fingerprint(key->pem, ""), expected);
  EXPECT_EQ(expected.size(), 7u + 44u);
}

TEST(GoogleAuth, AssertionCarriesTheClaimsGoogleChecks) {
  auto key = new_rsa_key();
  wfdw::ServiceAccountKey sa{"svc@p.iam.gserviceaccount.com", key->pem, "kid1", "https://oauth2.googleapis.com/token"};
  std::string jwt = wfdw::google_jwt_assertion(sa, "https://www.googleapis.com/auth/bigquery", 1000000);
  EXPECT_TRUE(verify(key->pkey, jwt));
  size_t d1 = jwt.find('.'), d2 = jwt.rfind('.');
  std::string header = b64url_to_bytes(jwt.substr(0, d1));
  std::string claims = b64url_to_bytes(jwt.substr(d1 + 1, d2 - d1 - 1));
  EXPECT_NE(header.find("\"kid\":\"kid1\""), std::string::npos);
  EXPECT_NE(claims.find("\"iss\":\"svc@p.iam.gserviceaccount.com\""), std::string::npos);
  EXPECT_NE(claims.find("\"aud\":\"https://oauth2.googleapis.com/token\""), std::string::npos);
  EXPECT_NE(claims.find("\"iat\":1000000"), std::string::npos);
  EXPECT_NE(claims.find("\"exp\":1003600"), std::string::npos);
  EXPECT_NE(claims.find("\"scope\":\"https://www.googleapis.com/auth/bigquery\""), std::string::npos);
}

TEST(GoogleAuth, KeyParsingErrorsNeverQuoteTheKey) {
  const char *bad[] = {
      R"({"type":"service_account","private_key":"-----BEGIN PRIVATE KEY-----SECRETBYTES"})",  // no client_email
      R"({"type":"authorized_user","client_secret":"SECRETBYTES"})",
      R"({"type":"service_account", "private_key": "SECRETBYTES")",  // not JSON
  };
  for (const char *text : bad) {
    try {
      wfdw::parse_service_account_key(text);
      FAIL() << text;
    } catch (const wfdw::Error &e) {
      EXPECT_EQ(e.sqlstate(), "HV024") << e.what();
      EXPECT_EQ(std::string(e.what()).find("SECRET"), std::string::npos) << e.what();
      EXPECT_FALSE(e.hint().empty());
    }
  }
  wfdw::ServiceAccountKey k =
      wfdw::parse_service_account_key(R"({"type":"service_account","client_email":"a@b","private_key":"PEM"})");
  EXPECT_EQ(k.token_uri, "https://oauth2.googleapis.com/token");
}
