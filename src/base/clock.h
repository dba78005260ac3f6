#pragma once

#include <atomic>
#include <cstdint>
#include <string>

namespace sahayak {

// Milliseconds since the Unix epoch, UTC. Every stored time is one of these.
using Millis = int64_t;

// Lengths of time in Millis.
inline constexpr Millis kMinute = 60'000;
inline constexpr Millis kHour = 60 * kMinute;
inline constexpr Millis kDay = 24 * kHour;

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
// Like ParseRfc3339, and also gives the offset the text was written in, in minutes east of UTC
// ("…+05:30" → 330, "…Z" → 0).
bool ParseRfc3339Zoned(const std::string& text, Millis* out, int* offset_minutes);
// `t` as local time at `offset_minutes` east of UTC, to the second: "2026-12-03T14:05:00+05:30"
// (offset 0 gives "…Z"). Offsets beyond ±18 hours are clamped.
std::string FormatRfc3339Zoned(Millis t, int offset_minutes);
// The calendar date, "YYYY-MM-DD", at `offset_minutes` east of UTC.
std::string DateAt(Millis t, int offset_minutes);
// Accepts "YYYY-MM-DD" with a real calendar date.
bool IsValidDate(const std::string& text);
// Days from 1970-01-01 to a valid "YYYY-MM-DD" (false when not valid), and back.
bool DayNumber(const std::string& date, int64_t* days);
std::string DateOfDay(int64_t days);
// `date` ("YYYY-MM-DD", valid) moved by `n` days.
std::string AddDays(const std::string& date, int n);
// 0 = Monday … 6 = Sunday, of a valid "YYYY-MM-DD".
int WeekdayOf(const std::string& date);

}  // namespace sahayak
