#include "api/rate_limiter.h"

#include <gtest/gtest.h>

#include "testing/fake_clock.h"

namespace sahayak::api {
namespace {

TEST(RateLimiter, AllowsABurstThenRefillsEvenly) {
  sahayak::testing::FakeClock clock;
  RateLimiter limiter(clock, 60);  // one a second
  for (int i = 0; i < 60; ++i) {
    auto d = limiter.Take("agent:1");
    ASSERT_TRUE(d.allowed) << i;
    EXPECT_EQ(d.remaining, 59 - i);
  }
  auto refused = limiter.Take("agent:1");
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.limit, 60);
  EXPECT_EQ(refused.reset_seconds, 60);
  EXPECT_TRUE(limiter.Take("agent:2").allowed) << "callers have their own buckets";
  clock.Advance(1000);
  EXPECT_TRUE(limiter.Take("agent:1").allowed) << "one token back after a second";
  EXPECT_FALSE(limiter.Take("agent:1").allowed);
}

TEST(RateLimiter, ZeroDisablesIt) {
  sahayak::testing::FakeClock clock;
  RateLimiter limiter(clock, 0);
  for (int i = 0; i < 1000; ++i) ASSERT_TRUE(limiter.Take("k").allowed);
  EXPECT_FALSE(limiter.enabled());
}

}  // namespace
}  // namespace sahayak::api
