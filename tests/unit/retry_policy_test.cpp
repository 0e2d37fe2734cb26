// Backoff arithmetic and which Google errors are worth another attempt.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>

#include "core/retry_policy.hpp"

using wfdw::backoff_delay_ms;
using wfdw::google_error_retryable;
using wfdw::RetryPolicy;

TEST(RetryPolicy, DelayDoublesWithinJitterBoundsAndIsCapped) {
  RetryPolicy p{6, 1000, 8000};
  std::mt19937_64 rng(42);
  for (int attempt = 1; attempt <= 8; attempt++) {
    long ceiling = std::min<long>(1000L << (attempt - 1), 8000);
    long lo = ceiling, hi = 0;
    for (int i = 0; i < 2000; i++) {
      long d = backoff_delay_ms(p, attempt, -1, rng());
      ASSERT_GE(d, ceiling / 2) << attempt;
      ASSERT_LE(d, ceiling) << attempt;
      lo = std::min(lo, d);
      hi = std::max(hi, d);
    }
    // Jitter really spreads the delays over the interval.
    EXPECT_LT(lo, ceiling / 2 + ceiling / 10) << attempt;
    EXPECT_GT(hi, ceiling - ceiling / 10) << attempt;
  }
}

TEST(RetryPolicy, RetryAfterIsAFloor) {
  RetryPolicy p{6, 100, 400};
  EXPECT_EQ(backoff_delay_ms(p, 1, 3, 0), 3000);
  EXPECT_GE(backoff_delay_ms(p, 3, 0, UINT64_MAX), 200);
  EXPECT_LE(backoff_delay_ms(p, 3, 0, UINT64_MAX), 400);
}

TEST(RetryPolicy, HugeAttemptNumbersDoNotOverflow) {
  RetryPolicy p{100, 1000, 32000};
  long d = backoff_delay_ms(p, 90, -1, 12345);
  EXPECT_GE(d, 16000);
  EXPECT_LE(d, 32000);
}

namespace {
std::string google_error(int code, const char *reason) {
  return std::string(R"({"error":{"code":)") + std::to_string(code) + R"(,"message":"m","errors":[{"reason":")" +
         reason + R"(","message":"m"}],"status":"X"}})";
}
}  // namespace

TEST(RetryPolicy, GoogleRetryableStatusesAndReasons) {
  for (long s : {429L, 500L, 502L, 503L, 504L}) EXPECT_TRUE(google_error_retryable(s, "")) << s;
  EXPECT_TRUE(google_error_retryable(403, google_error(403, "rateLimitExceeded")));
  EXPECT_TRUE(google_error_retryable(400, google_error(400, "backendError")));
  EXPECT_TRUE(google_error_retryable(400, google_error(400, "internalError")));
  EXPECT_TRUE(google_error_retryable(403, google_error(403, "jobRateLimitExceeded")));
}

TEST(RetryPolicy, GoogleNonRetryable) {
  EXPECT_FALSE(google_error_retryable(403, google_error(403, "quotaExceeded")));
  EXPECT_FALSE(google_error_retryable(400, google_error(400, "invalidQuery")));
  EXPECT_FALSE(google_error_retryable(404, google_error(404, "notFound")));
  EXPECT_FALSE(google_error_retryable(401, ""));
  EXPECT_FALSE(google_error_retryable(403, "<html>forbidden</html>"));
  EXPECT_FALSE(google_error_retryable(200, ""));
}
