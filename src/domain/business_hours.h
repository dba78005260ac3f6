#pragma once

#include <unicode/uversion.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/status.h"

U_NAMESPACE_BEGIN
class BasicTimeZone;
U_NAMESPACE_END

// Business hours (docs/business-hours.md): a weekly schedule of opening periods read on the
// wall clock of one IANA time zone, closed on holidays, and the arithmetic SLAs build on —
// whether a moment is open, when that next changes, a deadline N business hours after a
// moment, and the business time between two moments. Pure: no clock, no I/O.
//
// The rule, daylight saving included: an instant is open when the zone's wall clock shows a
// weekday and a time inside one of that weekday's periods, on a date that is not a holiday.
// So an hour the clocks skip never counts, and an hour they repeat counts twice when it lies
// inside a period. A 24/7 schedule is open at every instant, holidays included.
namespace sahayak::domain {

inline constexpr int kMinutesPerDay = 24 * 60;
inline constexpr size_t kMaxBusinessPeriods = 70;  // ten a day
inline constexpr size_t kMaxHolidays = 1000;
inline constexpr size_t kMaxHolidayNameChars = 200;
// How far ahead the arithmetic looks for an opening before it gives up (a schedule whose
// every open day is a holiday for ten years is as good as never open).
inline constexpr int kBusinessHorizonDays = 3660;

// One opening period on a weekday (0 = Monday … 6 = Sunday), from `start` to `end` minutes
// after local midnight; `end` may be 1440 (24:00). A night shift is two periods: 22:00–24:00
// and 00:00–06:00 on the next day; they join into one span.
struct BusinessPeriod {
  int weekday = 0;
  int start = 0;
  int end = 0;
  bool operator==(const BusinessPeriod&) const = default;
};

// A whole local day on which the schedule is closed.
struct Holiday {
  std::string date;  // "YYYY-MM-DD"
  std::string name;
  bool operator==(const Holiday&) const = default;
};

struct BusinessSchedule {
  std::string time_zone;     // IANA, e.g. "Asia/Kolkata"
  bool always_open = false;  // 24/7: periods and holidays are kept but do not apply
  std::vector<BusinessPeriod> periods;
  std::vector<Holiday> holidays;
};

// Every reason `s` cannot be used, each naming its member as the API does: `time_zone`,
// `periods[2].start`, `periods[3]` (overlapping periods[1]), `periods` (never open),
// `holidays[4].date` … Empty when it can be used.
std::vector<FieldError> ScheduleProblems(const BusinessSchedule& s);

// A half-open span of instants [start, end).
struct OpenSpan {
  Millis start = 0;
  Millis end = 0;
  bool operator==(const OpenSpan&) const = default;
};

// A schedule made ready for arithmetic: its zone loaded, its holidays indexed. Immutable after
// Make; its const methods may run on several threads at once (ICU zones are read-only then).
class BusinessClock {
 public:
  // InvalidArgument with ScheduleProblems' fields when `s` cannot be used.
  static Result<BusinessClock> Make(const BusinessSchedule& s);

  BusinessClock(BusinessClock&&) noexcept;
  BusinessClock& operator=(BusinessClock&&) noexcept;
  ~BusinessClock();

  bool always_open() const { return always_open_; }

  bool IsOpen(Millis t) const;
  // The holiday on the local date of `t`, or nullptr (also for 24/7 schedules).
  const Holiday* HolidayAt(Millis t) const;
  // The first instant after `t` at which IsOpen changes; nullopt for 24/7 and when nothing
  // changes within the horizon. Back-to-back periods (13:00–14:00, 14:00–18:00; or 24:00 and
  // the next day's 00:00) are one span and do not change at the seam.
  std::optional<Millis> NextChange(Millis t) const;
  // `t` when open, else the next opening; nullopt when none within the horizon.
  std::optional<Millis> NextOpen(Millis t) const;
  // The instant `duration` of business time after `start`: the earliest instant r with
  // BusinessTimeBetween(start, r) == duration. A positive duration ends inside a span or at
  // its end (never at the next opening); 0 gives `start`. 24/7: start + duration. nullopt when
  // the horizon runs out first. REQUIRES: duration >= 0.
  std::optional<Millis> AddBusinessTime(Millis start, Millis duration) const;
  // The open time within [a, b); 0 when b <= a.
  Millis BusinessTimeBetween(Millis a, Millis b) const;
  // The open spans meeting [from, to), clipped to it, joined where they touch.
  std::vector<OpenSpan> OpenSpans(Millis from, Millis to) const;
  // The zone's offset from UTC at `t`, in minutes east.
  int OffsetMinutes(Millis t) const;

 private:
  BusinessClock() = default;
  // The open spans of one local day (days since 1970-01-01), in order, before joining.
  void DaySpans(int64_t day, std::vector<OpenSpan>* out) const;
  // Calls fn(span) for the joined spans that end after `from`, in order, until fn returns false
  // or the horizon (from `from`'s day) passes.
  template <typename Fn>
  void WalkSpans(Millis from, int horizon_days, Fn fn) const;
  int64_t LocalDay(Millis t) const;

  bool always_open_ = false;
  std::unique_ptr<icu::BasicTimeZone> zone_;
  std::vector<std::vector<std::pair<int, int>>> by_weekday_;  // sorted (start, end) minutes
  std::vector<int64_t> holiday_days_;                         // sorted day numbers
  std::vector<Holiday> holidays_;                             // in holiday_days_ order
};

}  // namespace sahayak::domain
