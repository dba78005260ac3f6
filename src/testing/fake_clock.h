#pragma once

#include <atomic>

#include "base/clock.h"

namespace sahayak::testing {

// A clock that stands still until a test moves it. Thread-safe.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(Millis start = 1'767'225'600'000) : now_(start) {}  // 2026-01-01T00:00Z
  Millis Now() const override { return now_.load(); }
  void Advance(Millis ms) { now_.fetch_add(ms); }
  void Set(Millis t) { now_.store(t); }

 private:
  std::atomic<Millis> now_;
};

}  // namespace sahayak::testing
