#define WFDW_PURE_TU 1
#include "providers/snowflake/snowflake_auth.hpp"

#include <nlohmann/json.hpp>

#include <cctype>
#include <chrono>
#include <map>
#include <mutex>

#include "core/jwt.hpp"

namespace wfdw {
namespace {

constexpr int64_t kLifetimeS = 3540;  // Snowflake accepts at most one hour
constexpr int64_t kRenewBeforeS = 300;

struct CachedJwt {
  std::string token;
  int64_t expires_at_s;
};

std::mutex cache_mutex;
std::map<std::string, CachedJwt> &jwt_cache() {
  static std::map<std::string, CachedJwt> cache;
  return cache;
}
// Fingerprints per key text: computing one parses the key.
std::map<std::string, std::string> &fingerprints() {
  static std::map<std::string, std::string> cache;
  return cache;
}

std::string upper(std::string s) {
  for (char &c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string fingerprint(const SnowflakeKeyPair &key) {
  std::string k = key.private_key_pem + '\n' + key.passphrase;
  {
    std::lock_guard<std::mutex> lock(cache_mutex);
    auto it = fingerprints().find(k);
    if (it != fingerprints().end()) return it->second;
  }
  std::string fp = public_key_fingerprint(key.private_key_pem, key.passphrase);
  std::lock_guard<std::mutex> lock(cache_mutex);
  if (fingerprints().size() > 100) fingerprints().clear();
  fingerprints()[k] = fp;
  return fp;
}

}  // namespace

std::string snowflake_jwt_account(const std::string &account) {
  // A locator with region and cloud ("xy12345.us-east-2.aws") keeps only the
  // locator; an org-account name ("myorg-myacct") is whole.
  return upper(account.substr(0, account.find('.')));
}

std::string snowflake_jwt(const SnowflakeKeyPair &key, int64_t now_s) {
  std::string qualified = snowflake_jwt_account(key.account) + "." + upper(key.user);
  nlohmann::json claims = {
      {"iss", qualified + "." + fingerprint(key)}, {"sub", qualified}, {"iat", now_s}, {"exp", now_s + kLifetimeS}};
  return rs256_jwt(R"({"alg":"RS256","typ":"JWT"})", claims.dump(), key.private_key_pem, key.passphrase);
}

std::string snowflake_bearer(const SnowflakeKeyPair &key) {
  std::string k = key.account + '\n' + key.user + '\n' + key.private_key_pem + '\n' + key.passphrase;
  int64_t now = now_seconds();
  {
    std::lock_guard<std::mutex> lock(cache_mutex);
    auto it = jwt_cache().find(k);
    if (it != jwt_cache().end() && it->second.expires_at_s - kRenewBeforeS > now) return it->second.token;
  }
  CachedJwt t{snowflake_jwt(key, now), now + kLifetimeS};
  std::lock_guard<std::mutex> lock(cache_mutex);
  if (jwt_cache().size() > 100) jwt_cache().clear();
  jwt_cache()[k] = t;
  return t.token;
}

void forget_snowflake_tokens() {
  std::lock_guard<std::mutex> lock(cache_mutex);
  jwt_cache().clear();
}

}  // namespace wfdw
