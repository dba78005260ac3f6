#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "domain/business_hours.h"

// Holidays from an iCalendar file (RFC 5545, the .ics files calendars export; docs/
// business-hours.md, "Importing holidays"). Only what a holiday list needs is read: VEVENTs
// with DTSTART, DTEND or DURATION in days, SUMMARY, STATUS and RRULE:FREQ=YEARLY; every other
// component and property is skipped. Outside input: bounded in size and fuzzed
// (tests/fuzz/fuzz_ical.cc).
namespace sahayak::domain {

inline constexpr size_t kMaxICalBytes = 1 << 20;
inline constexpr size_t kMaxICalEvents = 2000;
inline constexpr size_t kMaxICalDays = 5000;  // holidays after spreading multi-day events
inline constexpr int kMaxICalEventDays = 31;  // the longest event taken as holidays

struct ICalOptions {
  // Yearly repeats are spread over these years (both included); single events are kept
  // whatever their year.
  int first_year = 2026;
  int last_year = 2028;
  std::string default_name = "Holiday";  // for events without a SUMMARY
};

struct ICalHolidays {
  std::vector<Holiday> holidays;  // by date; one per date (the first event's name wins)
  int events = 0;                 // VEVENTs read, cancelled ones included
  int cancelled = 0;              // STATUS:CANCELLED events left out
  std::string calendar_name;      // X-WR-CALNAME, or ""
};

// The holidays of `text`: each day of each event (a DATE DTEND is exclusive; a DATE-TIME
// event covers the dates it touches, the date part read as written), names unescaped and NFC.
// InvalidArgument with one field per problem, named "ics" and saying its line ("line 12:
// DTEND is before DTSTART"), at most 20; ResourceExhausted when over the limits above.
Result<ICalHolidays> ParseICalHolidays(std::string_view text, const ICalOptions& options);

}  // namespace sahayak::domain
