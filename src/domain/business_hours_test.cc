#include "domain/business_hours.h"

#include <gtest/gtest.h>
#include <unicode/calendar.h>
#include <unicode/gregocal.h>
#include <unicode/timezone.h>

#include <memory>
#include <random>

namespace sahayak::domain {
namespace {

constexpr Millis kMin = 60'000;
constexpr Millis kDayMs = 24 * kHour;

Millis At(const char* rfc3339) {
  Millis t = 0;
  EXPECT_TRUE(ParseRfc3339(rfc3339, &t)) << rfc3339;
  return t;
}

std::string Local(const BusinessClock& c, Millis t) {
  return FormatRfc3339Zoned(t, c.OffsetMinutes(t));
}

BusinessSchedule Kolkata() {
  // Mon–Sat, 09:00–13:00 and 14:00–18:00: the demo's support desk.
  BusinessSchedule s;
  s.time_zone = "Asia/Kolkata";
  for (int d = 0; d < 6; ++d) {
    s.periods.push_back({d, 9 * 60, 13 * 60});
    s.periods.push_back({d, 14 * 60, 18 * 60});
  }
  s.holidays = {{"2026-01-26", "Republic Day"},
                {"2026-08-15", "Independence Day"},
                {"2026-10-02", "Gandhi Jayanti"}};
  return s;
}

BusinessClock Make(const BusinessSchedule& s) {
  auto c = BusinessClock::Make(s);
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return std::move(c).value();
}

bool HasField(const std::vector<FieldError>& errors, const std::string& field,
              const std::string& words) {
  for (const auto& e : errors) {
    if (e.field == field && e.message.find(words) != std::string::npos) return true;
  }
  return false;
}

// --- worked examples ---

TEST(BusinessHours, MailAtFiveToSixOnFridayBeforeHolidayIsDueOnTheNextWorkingMorning) {
  BusinessClock c = Make(Kolkata());
  // Friday 14 August 2026, 17:55; Saturday the 15th is Independence Day, Sunday is closed.
  const Millis mail = At("2026-08-14T17:55:00+05:30");
  EXPECT_TRUE(c.IsOpen(mail));
  EXPECT_EQ(Local(c, *c.AddBusinessTime(mail, 4 * kHour)), "2026-08-17T12:55:00+05:30");
  EXPECT_EQ(Local(c, *c.AddBusinessTime(mail, 5 * kMin)), "2026-08-14T18:00:00+05:30");
  EXPECT_EQ(Local(c, *c.AddBusinessTime(mail, 6 * kMin)), "2026-08-17T09:01:00+05:30");
  EXPECT_EQ(Local(c, *c.NextChange(mail)), "2026-08-14T18:00:00+05:30");
  EXPECT_EQ(Local(c, *c.NextOpen(mail + 10 * kMin)), "2026-08-17T09:00:00+05:30");
  ASSERT_NE(c.HolidayAt(At("2026-08-15T10:00:00+05:30")), nullptr);
  EXPECT_EQ(c.HolidayAt(At("2026-08-15T10:00:00+05:30"))->name, "Independence Day");
}

TEST(BusinessHours, TwentyFourBusinessHoursFromFridayEveningSkipTheRepublicDayMonday) {
  BusinessClock c = Make(Kolkata());
  // Friday 23 January 2026, 17:55. 5 min on Friday, 8 h on Saturday, Monday the 26th is a
  // holiday, 8 h on Tuesday, and the last 7 h 55 min on Wednesday: 09:00–13:00, 14:00–17:55.
  const Millis mail = At("2026-01-23T17:55:00+05:30");
  const Millis due = *c.AddBusinessTime(mail, 24 * kHour);
  EXPECT_EQ(Local(c, due), "2026-01-28T17:55:00+05:30");
  EXPECT_EQ(c.BusinessTimeBetween(mail, due), 24 * kHour);
  // The lunch hour and the night do not count.
  EXPECT_EQ(c.BusinessTimeBetween(At("2026-01-27T12:00:00+05:30"), At("2026-01-27T15:00:00+05:30")),
            2 * kHour);
}

TEST(BusinessHours, SpringForwardInLondonShortensTheDayAndAutumnLengthensIt) {
  BusinessSchedule s;
  s.time_zone = "Europe/London";
  s.periods = {{6, 0, 3 * 60}, {0, 9 * 60, 17 * 60}};  // Sunday 00:00–03:00, Monday 09–17
  BusinessClock c = Make(s);
  // 29 March 2026: 01:00 GMT becomes 02:00 BST, so 00:00–03:00 lasts two hours.
  EXPECT_EQ(c.BusinessTimeBetween(At("2026-03-28T12:00:00Z"), At("2026-03-29T12:00:00Z")),
            2 * kHour);
  EXPECT_FALSE(c.IsOpen(At("2026-03-29T02:00:00Z")));  // 03:00 BST
  EXPECT_TRUE(c.IsOpen(At("2026-03-29T01:59:00Z")));   // 02:59 BST
  EXPECT_EQ(*c.NextChange(At("2026-03-29T00:30:00Z")), At("2026-03-29T02:00:00Z"));
  // 25 October 2026: 02:00 BST becomes 01:00 GMT, so 00:00–03:00 lasts four hours.
  EXPECT_EQ(c.BusinessTimeBetween(At("2026-10-24T12:00:00Z"), At("2026-10-25T12:00:00Z")),
            4 * kHour);
  EXPECT_EQ(*c.NextOpen(At("2026-10-24T12:00:00Z")), At("2026-10-24T23:00:00Z"));  // 00:00 BST
  EXPECT_EQ(*c.AddBusinessTime(At("2026-10-24T23:00:00Z"), 4 * kHour),
            At("2026-10-25T03:00:00Z"));  // 03:00 GMT
  // Monday after: 09:00 GMT.
  EXPECT_EQ(*c.NextOpen(At("2026-10-25T04:00:00Z")), At("2026-10-26T09:00:00Z"));
  EXPECT_EQ(*c.NextOpen(At("2026-03-29T04:00:00Z")), At("2026-03-30T08:00:00Z"));  // 09:00 BST
}

TEST(BusinessHours, TheRepeatedHourCountsTwiceAndTheSkippedHourNever) {
  BusinessSchedule s;
  s.time_zone = "Europe/London";
  s.periods = {{6, 60, 120}};  // Sunday 01:00–02:00
  BusinessClock c = Make(s);
  // Autumn: 01:00–02:00 happens twice (00:00–01:00 UTC in BST, 01:00–02:00 UTC in GMT).
  EXPECT_EQ(c.OpenSpans(At("2026-10-24T00:00:00Z"), At("2026-10-26T00:00:00Z")),
            (std::vector<OpenSpan>{{At("2026-10-25T00:00:00Z"), At("2026-10-25T02:00:00Z")}}));
  // Spring: 01:00–02:00 never shows on the clock.
  EXPECT_TRUE(c.OpenSpans(At("2026-03-28T00:00:00Z"), At("2026-03-30T00:00:00Z")).empty());
  EXPECT_EQ(*c.NextOpen(At("2026-03-28T00:00:00Z")), At("2026-04-05T00:00:00Z"));  // 01:00 BST
}

TEST(BusinessHours, NightShiftsJoinAcrossMidnightAndHolidaysCloseTheirOwnDate) {
  BusinessSchedule s;
  s.time_zone = "Asia/Kolkata";
  s.periods = {{0, 22 * 60, 24 * 60}, {1, 0, 6 * 60}};  // Mon 22:00 – Tue 06:00
  BusinessClock c = Make(s);
  const Millis monday_night = At("2026-03-02T23:00:00+05:30");
  EXPECT_EQ(Local(c, *c.NextChange(monday_night)), "2026-03-03T06:00:00+05:30");
  EXPECT_EQ(Local(c, *c.AddBusinessTime(monday_night, 3 * kHour)), "2026-03-03T02:00:00+05:30");
  s.holidays = {{"2026-03-03", "Holi"}};
  BusinessClock closed_tuesday = Make(s);
  EXPECT_EQ(Local(closed_tuesday, *closed_tuesday.NextChange(monday_night)),
            "2026-03-03T00:00:00+05:30");
}

TEST(BusinessHours, AlwaysOpenIsPlainAdditionAndIgnoresHolidays) {
  BusinessSchedule s;
  s.time_zone = "Asia/Kolkata";
  s.always_open = true;
  s.holidays = {{"2026-01-26", "Republic Day"}};
  BusinessClock c = Make(s);
  const Millis t = At("2026-01-26T03:00:00Z");
  EXPECT_TRUE(c.IsOpen(t));
  EXPECT_EQ(*c.AddBusinessTime(t, 90 * kMin), t + 90 * kMin);
  EXPECT_EQ(c.BusinessTimeBetween(t, t + 5 * kDayMs), 5 * kDayMs);
  EXPECT_FALSE(c.NextChange(t).has_value());
  EXPECT_EQ(c.HolidayAt(t), nullptr);
}

TEST(BusinessHours, ProblemsNameEveryBadMember) {
  BusinessSchedule s;
  s.time_zone = "Mars/Olympus";
  s.periods = {{0, 9 * 60, 13 * 60}, {0, 12 * 60, 15 * 60}, {1, 18 * 60, 9 * 60},
               {2, -5, 60},          {3, 60, 1441},         {7, 60, 120}};
  s.holidays = {{"2026-01-26", "Republic Day"},
                {"2026-02-30", "Nope"},
                {"2026-01-26", "Again"},
                {"2026-08-15", ""}};
  auto p = ScheduleProblems(s);
  EXPECT_TRUE(HasField(p, "time_zone", "Mars/Olympus"));
  EXPECT_TRUE(HasField(p, "periods[1]", "overlaps periods[0] (mon 09:00–13:00)"));
  EXPECT_TRUE(HasField(p, "periods[2].end", "later than the period's start (18:00)"));
  EXPECT_TRUE(HasField(p, "periods[3].start", "00:00 to 23:59"));
  EXPECT_TRUE(HasField(p, "periods[4].end", "00:01 to 24:00"));
  EXPECT_TRUE(HasField(p, "periods[5].day", "mon"));
  EXPECT_TRUE(HasField(p, "holidays[1].date", "YYYY-MM-DD"));
  EXPECT_TRUE(HasField(p, "holidays[2].date", "repeats holidays[0] (2026-01-26, Republic Day)"));
  EXPECT_TRUE(HasField(p, "holidays[3].name", "required"));
  EXPECT_EQ(p.size(), 9u);

  BusinessSchedule never;
  never.time_zone = "Europe/London";
  EXPECT_TRUE(HasField(ScheduleProblems(never), "periods", "never open"));
  never.always_open = true;
  EXPECT_TRUE(ScheduleProblems(never).empty());
  // Back-to-back periods are fine.
  BusinessSchedule touching = Kolkata();
  touching.periods.push_back({0, 13 * 60, 14 * 60});
  EXPECT_TRUE(ScheduleProblems(touching).empty());
  auto made = BusinessClock::Make(s);
  ASSERT_FALSE(made.ok());
  EXPECT_EQ(made.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(made.status().fields().size(), 9u);
}

TEST(BusinessHours, TheHorizonEndsTheSearchForAnOpening) {
  BusinessSchedule s;
  s.time_zone = "UTC";
  s.periods = {{0, 9 * 60, 10 * 60}};
  for (int i = 0; i < 60; ++i) {  // sixty Mondays in a row are holidays
    s.holidays.push_back({AddDays("2026-01-05", 7 * i), "closed"});
  }
  BusinessClock c = Make(s);
  EXPECT_EQ(*c.NextOpen(At("2026-01-01T00:00:00Z")), At("2027-03-01T09:00:00Z"));
  EXPECT_EQ(*c.AddBusinessTime(At("2026-01-01T00:00:00Z"), kHour), At("2027-03-01T10:00:00Z"));
}

// --- properties, on random schedules in zones with and without daylight saving ---

const char* const kZones[] = {"Europe/London", "Asia/Kolkata", "America/New_York",
                              "Australia/Lord_Howe"};  // Lord Howe moves by 30 minutes

BusinessSchedule RandomSchedule(std::mt19937_64& rng) {
  BusinessSchedule s;
  s.time_zone = kZones[rng() % 4];
  s.always_open = rng() % 12 == 0;
  for (int d = 0; d < 7; ++d) {
    if (rng() % 4 == 0) continue;  // closed that day
    int at = 0;
    const int n = 1 + static_cast<int>(rng() % 3);
    for (int k = 0; k < n && at < kMinutesPerDay; ++k) {
      // Boundaries on any minute; sometimes at midnight, sometimes back to back.
      int start = rng() % 3 == 0 ? at : at + static_cast<int>(rng() % 600);
      if (start >= kMinutesPerDay) break;
      int end = rng() % 5 == 0 ? kMinutesPerDay : start + 1 + static_cast<int>(rng() % 540);
      end = std::min(end, kMinutesPerDay);
      s.periods.push_back({d, start, end});
      at = end;
    }
  }
  if (s.periods.empty()) s.periods.push_back({2, 600, 720});
  const int holidays = static_cast<int>(rng() % 25);
  for (int i = 0; i < holidays; ++i) {
    const std::string date = AddDays("2026-01-01", static_cast<int>(rng() % 730));
    bool taken = false;
    for (const auto& h : s.holidays) taken |= h.date == date;
    if (!taken) s.holidays.push_back({date, "holiday " + std::to_string(i)});
  }
  return s;
}

// Whether `s` is open at `t`, read through ICU's calendar fields rather than the clock's own
// offset arithmetic.
bool ReferenceOpen(const BusinessSchedule& s, icu::Calendar& cal, Millis t) {
  if (s.always_open) return true;
  UErrorCode st = U_ZERO_ERROR;
  cal.setTime(static_cast<UDate>(t), st);
  const int y = cal.get(UCAL_YEAR, st);
  const int m = cal.get(UCAL_MONTH, st) + 1;
  const int d = cal.get(UCAL_DAY_OF_MONTH, st);
  const int wd = (cal.get(UCAL_DAY_OF_WEEK, st) + 5) % 7;  // Sunday = 1 → 6
  const Millis in_day = ((cal.get(UCAL_HOUR_OF_DAY, st) * 60LL + cal.get(UCAL_MINUTE, st)) * 60 +
                         cal.get(UCAL_SECOND, st)) *
                            1000 +
                        cal.get(UCAL_MILLISECOND, st);
  char date[40];
  std::snprintf(date, sizeof date, "%04d-%02d-%02d", y, m, d);
  for (const auto& h : s.holidays) {
    if (h.date == date) return false;
  }
  for (const auto& p : s.periods) {
    if (p.weekday == wd && in_day >= p.start * kMin && in_day < p.end * kMin) return true;
  }
  return false;
}

std::unique_ptr<icu::Calendar> CalendarIn(const std::string& zone) {
  UErrorCode st = U_ZERO_ERROR;
  auto cal = std::make_unique<icu::GregorianCalendar>(
      icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(zone)), st);
  EXPECT_TRUE(U_SUCCESS(st));
  return cal;
}

Millis RandomInstant(std::mt19937_64& rng) {
  const Millis from = 1'767'225'600'000;  // 2026-01-01T00:00Z
  return from + static_cast<Millis>(rng() % (730ULL * 24 * 60)) * kMin +
         static_cast<Millis>(rng() % 3) * static_cast<Millis>(rng() % 60'000);
}

Millis RandomDuration(std::mt19937_64& rng) {
  switch (rng() % 4) {
    case 0:
      return static_cast<Millis>(rng() % 120) * kMin;
    case 1:
      return static_cast<Millis>(rng() % (48 * 60)) * kMin + static_cast<Millis>(rng() % 1000);
    case 2:
      return static_cast<Millis>(rng() % 200) * kHour;
    default:
      return static_cast<Millis>(rng() % (24 * 60)) * kMin;
  }
}

TEST(BusinessHoursProperties, AdditionComposesAndMeasuresBack) {
  std::mt19937_64 rng(20261206);
  for (int round = 0; round < 400; ++round) {
    const BusinessSchedule s = RandomSchedule(rng);
    BusinessClock c = Make(s);
    for (int k = 0; k < 8; ++k) {
      const Millis start = RandomInstant(rng);
      const Millis a = RandomDuration(rng);
      const Millis b = RandomDuration(rng);
      SCOPED_TRACE(s.time_zone + " round " + std::to_string(round) + " start " +
                   FormatRfc3339(start) + " a " + std::to_string(a) + " b " + std::to_string(b));
      const auto ab = c.AddBusinessTime(start, a + b);
      const auto after_a = c.AddBusinessTime(start, a);
      ASSERT_TRUE(ab && after_a);
      EXPECT_EQ(*ab, *c.AddBusinessTime(*after_a, b));
      EXPECT_EQ(c.BusinessTimeBetween(start, *ab), a + b);
      EXPECT_GE(*ab, start + (s.always_open ? a + b : 0));
      if (s.always_open) {
        EXPECT_EQ(*ab, start + a + b);
      }
      if (a + b > 0) {
        // It ends inside an open span or at its end, never at the next opening.
        EXPECT_TRUE(c.IsOpen(*ab - 1));
        // And it is the earliest such instant.
        EXPECT_LT(c.BusinessTimeBetween(start, *ab - 1), a + b);
      }
      const Millis mid = start + (*ab - start) / 2;
      EXPECT_EQ(c.BusinessTimeBetween(start, mid) + c.BusinessTimeBetween(mid, *ab), a + b);
    }
  }
}

TEST(BusinessHoursProperties, OpennessAgreesWithTheWallClock) {
  std::mt19937_64 rng(7);
  for (int round = 0; round < 300; ++round) {
    const BusinessSchedule s = RandomSchedule(rng);
    BusinessClock c = Make(s);
    auto cal = CalendarIn(s.time_zone);
    for (int k = 0; k < 40; ++k) {
      Millis t = RandomInstant(rng);
      if (k % 4 == 0) {
        // Near a daylight-saving change: London and New York in March and in autumn.
        const Millis near[] = {At("2026-03-29T01:00:00Z"), At("2026-10-25T01:00:00Z"),
                               At("2026-03-08T07:00:00Z"), At("2026-11-01T06:00:00Z"),
                               At("2026-04-04T15:00:00Z"), At("2026-10-03T15:30:00Z")};
        t = near[rng() % 6] + (static_cast<Millis>(rng() % 360) - 180) * kMin;
      }
      SCOPED_TRACE(s.time_zone + " " + FormatRfc3339(t));
      EXPECT_EQ(c.IsOpen(t), ReferenceOpen(s, *cal, t));
      const auto change = c.NextChange(t);
      if (!change) {
        EXPECT_TRUE(s.always_open);
        continue;
      }
      ASSERT_GT(*change, t);
      EXPECT_NE(c.IsOpen(*change), c.IsOpen(*change - 1));
      EXPECT_EQ(c.IsOpen(*change - 1), c.IsOpen(t));
      // Nothing changes before it (checked every 7 minutes and just before).
      for (Millis u = t; u < *change && u < t + 3 * kDayMs; u += 7 * kMin) {
        ASSERT_EQ(ReferenceOpen(s, *cal, u), c.IsOpen(t)) << FormatRfc3339(u);
      }
      const Millis next_open = *c.NextOpen(t);
      EXPECT_TRUE(c.IsOpen(next_open));
      EXPECT_EQ(next_open, c.IsOpen(t) ? t : *change);
    }
  }
}

TEST(BusinessHoursProperties, BusinessTimeIsTheCountOfOpenMinutes) {
  std::mt19937_64 rng(42);
  for (int round = 0; round < 120; ++round) {
    const BusinessSchedule s = RandomSchedule(rng);
    BusinessClock c = Make(s);
    auto cal = CalendarIn(s.time_zone);
    Millis a = RandomInstant(rng) / kMin * kMin;
    if (round % 3 == 0) a = At("2026-03-28T12:00:00Z");
    if (round % 3 == 1) a = At("2026-10-24T12:00:00Z");
    const Millis b = a + static_cast<Millis>(rng() % (3 * 24 * 60)) * kMin;
    Millis counted = 0;
    for (Millis u = a; u < b; u += kMin) counted += ReferenceOpen(s, *cal, u) ? kMin : 0;
    SCOPED_TRACE(s.time_zone + " " + FormatRfc3339(a) + " to " + FormatRfc3339(b));
    EXPECT_EQ(c.BusinessTimeBetween(a, b), counted);
    Millis spans = 0;
    for (const OpenSpan& sp : c.OpenSpans(a, b)) {
      EXPECT_LT(sp.start, sp.end);
      spans += sp.end - sp.start;
    }
    EXPECT_EQ(spans, counted);
  }
}

}  // namespace
}  // namespace sahayak::domain
