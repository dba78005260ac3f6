#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "base/clock.h"

namespace sahayak::api {

// Token buckets per caller (an agent, or an IP address before login): `per_minute` requests
// refill evenly over a minute and up to `per_minute` may come at once. Thread-safe.
class RateLimiter {
 public:
  struct Decision {
    bool allowed = true;
    int64_t limit = 0;
    int64_t remaining = 0;
    int64_t reset_seconds = 0;  // until the bucket is full again
  };

  // per_minute == 0 disables the limiter: every request is allowed.
  RateLimiter(const Clock& clock, int64_t per_minute) : clock_(clock), per_minute_(per_minute) {}

  Decision Take(const std::string& key);
  bool enabled() const { return per_minute_ > 0; }

 private:
  struct Bucket {
    double tokens;
    Millis updated;
  };
  void Prune(Millis now);

  const Clock& clock_;
  const int64_t per_minute_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace sahayak::api
