// Snowflake key-pair authentication: the bearer token is a JWT signed with
// the user's RSA key, exactly as Snowflake computes it (account and user
// upper-cased, a locator's region dropped, issuer carrying the SHA256
// fingerprint of the public key). Tokens live 59 minutes and are renewed
// five minutes before they expire; the cache is shared by every scan of the
// backend and is thread-safe (partition downloads run on worker threads).
#pragma once
#include "core/pure_zone.hpp"

#include <cstdint>
#include <string>

namespace wfdw {

struct SnowflakeKeyPair {
  std::string account;  // as configured: "myorg-myacct" or "xy12345.us-east-2.aws"
  std::string user;
  std::string private_key_pem;  // PKCS#8 (encrypted when passphrase is set) or PKCS#1
  std::string passphrase;
};

// "MYORG-MYACCT", "XY12345": the account as the JWT names it.
std::string snowflake_jwt_account(const std::string &account);

// The JWT for `key` issued at `now_s` (exposed for tests).
std::string snowflake_jwt(const SnowflakeKeyPair &key, int64_t now_s);

// A JWT from the cache, or a new one.
std::string snowflake_bearer(const SnowflakeKeyPair &key);

// Forgets every cached token (tests; a 401).
void forget_snowflake_tokens();

}  // namespace wfdw
