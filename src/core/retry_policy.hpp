// When to try a failed request again and how long to wait first: exponential
// backoff from a base delay, doubling, capped, with full jitter, and at least
// what the server asked for in Retry-After. Pure arithmetic, unit-tested.
#pragma once
#include "core/pure_zone.hpp"

#include <cstdint>
#include <string>

namespace wfdw {

struct RetryPolicy {
  int max_attempts = 6;  // including the first
  long base_delay_ms = 1000;
  long max_delay_ms = 32000;
};

// Delay before attempt `attempt + 1`, after `attempt` (>= 1) failures.
// `random` is any 64-bit random number; `retry_after_s` < 0 when absent.
long backoff_delay_ms(const RetryPolicy &policy, int attempt, long retry_after_s, uint64_t random);

// Google APIs: whether an HTTP status and error body are worth retrying.
// Retryable: 429, 500, 502, 503, 504, and the reasons rateLimitExceeded (sent
// as 403), backendError, internalError, jobRateLimitExceeded. Not:
// quotaExceeded and every other 4xx.
bool google_error_retryable(long status, const std::string &body);

}  // namespace wfdw
