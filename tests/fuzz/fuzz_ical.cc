// libFuzzer target for ParseICalHolidays (domain/ical.h), the reader of uploaded .ics holiday
// calendars. Beyond "no crash, no leak, no undefined behaviour" it checks the contract: errors
// are InvalidArgument or ResourceExhausted, each problem a field "ics" whose UTF-8 message
// names its line; holidays come by date, one per date, within the limits, with real dates and
// non-empty UTF-8 names, and a schedule holding them passes ScheduleProblems.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"
#include "base/text.h"
#include "domain/business_hours.h"
#include "domain/ical.h"
#include "fuzz_assert.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  sahayak::domain::ICalOptions options;
  options.first_year = 2026;
  options.last_year = 2030;
  const auto r = sahayak::domain::ParseICalHolidays(input, options);
  if (!r.ok()) {
    const sahayak::Status& st = r.status();
    FUZZ_ASSERT_FALSE(st.code() != sahayak::Code::kInvalidArgument &&
                          st.code() != sahayak::Code::kResourceExhausted,
                      "unexpected error code", st.ToString());
    FUZZ_ASSERT_FALSE(st.fields().empty() || st.fields().size() > 20, "problems not 1–20",
                      st.ToString());
    for (const auto& f : st.fields()) {
      FUZZ_ASSERT_FALSE(f.field != "ics", "problem not on \"ics\"", f.field);
      FUZZ_ASSERT_FALSE(!sahayak::IsValidUtf8(f.message) || f.message.empty(),
                        "message empty or not UTF-8", f.message);
    }
    return 0;
  }
  FUZZ_ASSERT_FALSE(r->holidays.size() > sahayak::domain::kMaxICalDays, "too many days",
                    std::to_string(r->holidays.size()));
  sahayak::domain::BusinessSchedule s;
  s.time_zone = "Asia/Kolkata";
  s.periods = {{0, 540, 1080}};
  std::string previous;
  for (const auto& h : r->holidays) {
    FUZZ_ASSERT_FALSE(!sahayak::IsValidDate(h.date), "not a date", h.date);
    FUZZ_ASSERT_FALSE(h.date <= previous, "dates not increasing", h.date);
    FUZZ_ASSERT_FALSE(h.name.empty() || !sahayak::IsValidUtf8(h.name) ||
                          sahayak::CodePointCount(h.name) > sahayak::domain::kMaxHolidayNameChars,
                      "bad name", h.name);
    previous = h.date;
  }
  if (r->holidays.size() <= sahayak::domain::kMaxHolidays) {
    s.holidays = r->holidays;
    const auto problems = sahayak::domain::ScheduleProblems(s);
    FUZZ_ASSERT_FALSE(!problems.empty(), "imported holidays refused by the schedule",
                      problems[0].field + " " + problems[0].message);
  }
  return 0;
}
