#include "services/demo/holidays.h"

#include <gtest/gtest.h>

#include <string>

#include "base/clock.h"
#include "domain/business_hours.h"

namespace sahayak::services::demo {
namespace {

TEST(DemoHolidays, RealDatesInOrderThatASchedulesAccepts) {
  domain::BusinessSchedule s;
  s.time_zone = "Asia/Kolkata";
  s.periods = {{0, 540, 1080}};
  std::string previous;
  for (const DemoHoliday& h : DemoHolidays()) {
    EXPECT_TRUE(IsValidDate(h.date)) << h.date;
    EXPECT_LT(previous, h.date);
    EXPECT_TRUE(std::string(h.calendar) == "India" || std::string(h.calendar) == "Karnataka");
    previous = h.date;
    s.holidays.push_back({h.date, h.name});
  }
  EXPECT_TRUE(domain::ScheduleProblems(s).empty());
  auto named = [&](const char* date) {
    for (const DemoHoliday& h : DemoHolidays()) {
      if (std::string(h.date) == date) return std::string(h.name);
    }
    return std::string();
  };
  // The national holidays, both years, and Karnataka's own day.
  for (const char* year : {"2026", "2027"}) {
    EXPECT_EQ(named((std::string(year) + "-01-26").c_str()), "Republic Day");
    EXPECT_EQ(named((std::string(year) + "-08-15").c_str()), "Independence Day");
    EXPECT_EQ(named((std::string(year) + "-10-02").c_str()), "Gandhi Jayanti");
    EXPECT_EQ(named((std::string(year) + "-11-01").c_str()), "Kannada Rajyotsava");
  }
  // Good Friday is two days before Easter: 5 April 2026, 28 March 2027.
  EXPECT_EQ(WeekdayOf("2026-04-03"), 4);
  EXPECT_EQ(named("2027-03-26"), "Good Friday");
  EXPECT_EQ(WeekdayOf("2027-03-26"), 4);
}

}  // namespace
}  // namespace sahayak::services::demo
