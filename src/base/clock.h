#pragma once

#include <atomic>
#include <cstdint>
#include <string>

namespace sahayak {

// Milliseconds since the Unix epoch, UTC. Every stored time is one of these.
using Millis = int64_t;

// The one source of time. Real clocks are read only in clock.cc; tests use FakeClock
// (src/testing/fake_clock.h). Implementations are thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Millis Now() const = 0;
};

// Reads the system's real-time clock.
class SystemClock final : public Clock {
 public:
  Millis Now() const override;
  static SystemClock& Get();
};

// Monotonic nanoseconds for measuring durations (metrics); never stored.
int64_t MonotonicNanos();

// "2026-11-23T18:46:45.123Z".
std::string FormatRfc3339(Millis t);
// Parses RFC 3339 / ISO 8601 date-times with an offset or Z; false on anything else.
bool ParseRfc3339(const std::string& text, Millis* out);
// Accepts "YYYY-MM-DD" with a real calendar date.
bool IsValidDate(const std::string& text);

}  // namespace sahayak
