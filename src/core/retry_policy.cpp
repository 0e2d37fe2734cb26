#define WFDW_PURE_TU 1
#include "core/retry_policy.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace wfdw {

long backoff_delay_ms(const RetryPolicy &policy, int attempt, long retry_after_s, uint64_t random) {
  long ceiling = policy.base_delay_ms;
  for (int i = 1; i < attempt && ceiling < policy.max_delay_ms; i++) ceiling *= 2;
  ceiling = std::min(ceiling, policy.max_delay_ms);
  // Full jitter in [ceiling/2, ceiling]: spreads clients that failed together.
  long half = ceiling / 2;
  long delay = half + (half > 0 ? static_cast<long>(random % static_cast<uint64_t>(half + 1)) : 0);
  if (retry_after_s >= 0) delay = std::max(delay, retry_after_s * 1000);
  return delay;
}

bool google_error_retryable(long status, const std::string &body) {
  if (status == 429 || status == 500 || status == 502 || status == 503 || status == 504) return true;
  if (status < 400) return false;
  nlohmann::json doc = nlohmann::json::parse(body, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return false;
  const auto err = doc.find("error");
  if (err == doc.end() || !err->is_object()) return false;
  const auto errors = err->find("errors");
  if (errors == err->end() || !errors->is_array()) return false;
  for (const auto &e : *errors) {
    std::string reason = e.value("reason", "");
    if (reason == "rateLimitExceeded" || reason == "backendError" || reason == "internalError" ||
        reason == "jobRateLimitExceeded")
      return true;
  }
  return false;
}

}  // namespace wfdw
