#include "api/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace sahayak::api {

namespace {
constexpr size_t kMaxBuckets = 100000;
}  // namespace

RateLimiter::Decision RateLimiter::Take(const std::string& key) {
  Decision d;
  if (per_minute_ <= 0) return d;
  const Millis now = clock_.Now();
  const double capacity = static_cast<double>(per_minute_);
  const double per_ms = capacity / 60000.0;
  std::lock_guard<std::mutex> lock(mu_);
  if (buckets_.size() >= kMaxBuckets) Prune(now);
  auto [it, inserted] = buckets_.try_emplace(key, Bucket{capacity, now});
  Bucket& b = it->second;
  if (!inserted) {
    b.tokens = std::min(capacity, b.tokens + static_cast<double>(now - b.updated) * per_ms);
    b.updated = now;
  }
  d.limit = per_minute_;
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    d.allowed = true;
  } else {
    d.allowed = false;
  }
  d.remaining = static_cast<int64_t>(std::floor(b.tokens));
  d.reset_seconds = static_cast<int64_t>(std::ceil((capacity - b.tokens) / per_ms / 1000.0));
  return d;
}

void RateLimiter::Prune(Millis now) {
  // Buckets that have refilled completely carry no information; forget them.
  const double capacity = static_cast<double>(per_minute_);
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    double tokens = it->second.tokens + static_cast<double>(now - it->second.updated) *
                                            capacity / 60000.0;
    it = tokens >= capacity ? buckets_.erase(it) : std::next(it);
  }
}

}  // namespace sahayak::api
