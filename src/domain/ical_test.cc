#include "domain/ical.h"

#include <gtest/gtest.h>

namespace sahayak::domain {
namespace {

ICalOptions Years(int first, int last) {
  ICalOptions o;
  o.first_year = first;
  o.last_year = last;
  return o;
}

std::string Messages(const Status& st) {
  std::string out;
  for (const auto& f : st.fields()) out += f.field + ": " + f.message + "\n";
  return out;
}

TEST(ICalHolidays, ReadsDatesNamesFoldedLinesAndEscapes) {
  const std::string ics =
      "BEGIN:VCALENDAR\r\n"
      "VERSION:2.0\r\n"
      "PRODID:-//Example//Holidays//EN\r\n"
      "X-WR-CALNAME:India\r\n"
      "BEGIN:VTIMEZONE\r\nTZID:Asia/Kolkata\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
      "TZOFFSETFROM:+0530\r\nTZOFFSETTO:+0530\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
      "BEGIN:VEVENT\r\n"
      "UID:1@example\r\n"
      "DTSTART;VALUE=DATE:20260126\r\n"
      "DTEND;VALUE=DATE:20260127\r\n"
      "SUMMARY:Republic\r\n"
      "  Day\r\n"
      "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDTSTART:20000101\r\nSUMMARY:not this\r\nEND:VALARM\r\n"
      "END:VEVENT\r\n"
      "BEGIN:VEVENT\n"
      "DTSTART:20261102T000000\n"
      "SUMMARY;LANGUAGE=kn:ಕನ್ನಡ ರಾಜ್ಯೋತ್ಸವ\\, Karnataka\\; state\\nholiday\n"
      "X-MICROSOFT-CDO-BUSYSTATUS:FREE\n"
      "END:VEVENT\n"
      "END:VCALENDAR\n";
  auto r = ParseICalHolidays(ics, Years(2026, 2027));
  ASSERT_TRUE(r.ok()) << r.status().ToString() << Messages(r.status());
  ASSERT_EQ(r->holidays.size(), 2u);
  EXPECT_EQ(r->holidays[0], (Holiday{"2026-01-26", "Republic Day"}));
  EXPECT_EQ(r->holidays[1], (Holiday{"2026-11-02", "ಕನ್ನಡ ರಾಜ್ಯೋತ್ಸವ, Karnataka; state holiday"}));
  EXPECT_EQ(r->events, 2);
  EXPECT_EQ(r->calendar_name, "India");
}

TEST(ICalHolidays, SpreadsMultiDayEventsAndRepeatsYearly) {
  const std::string ics =
      "BEGIN:VCALENDAR\n"
      "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20261020\nDTEND;VALUE=DATE:20261023\n"
      "SUMMARY:Dasara break\nEND:VEVENT\n"
      "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20200815\nRRULE:FREQ=YEARLY\n"
      "SUMMARY:Independence Day\nEND:VEVENT\n"
      "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20240229\nRRULE:FREQ=YEARLY;COUNT=3\n"
      "SUMMARY:Leap day\nEND:VEVENT\n"
      "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20251225\nRRULE:FREQ=YEARLY;UNTIL=20261231\n"
      "SUMMARY:Christmas\nEND:VEVENT\n"
      "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20260501\nDURATION:P2D\nSUMMARY:May Day\nEND:VEVENT\n"
      "BEGIN:VEVENT\nDTSTART:20260310T090000Z\nDTEND:20260311T120000Z\nSUMMARY:Offsite\n"
      "END:VEVENT\n"
      "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20260704\nSTATUS:CANCELLED\nSUMMARY:Picnic\nEND:VEVENT\n"
      "END:VCALENDAR\n";
  auto r = ParseICalHolidays(ics, Years(2026, 2028));
  ASSERT_TRUE(r.ok()) << Messages(r.status());
  std::vector<std::string> dates;
  for (const auto& h : r->holidays) dates.push_back(h.date + " " + h.name);
  EXPECT_EQ(
      dates,
      (std::vector<std::string>{
          "2026-03-10 Offsite", "2026-03-11 Offsite", "2026-05-01 May Day", "2026-05-02 May Day",
          "2026-08-15 Independence Day", "2026-10-20 Dasara break", "2026-10-21 Dasara break",
          "2026-10-22 Dasara break", "2026-12-25 Christmas", "2027-08-15 Independence Day",
          "2028-02-29 Leap day", "2028-08-15 Independence Day"}));
  EXPECT_EQ(r->cancelled, 1);
}

TEST(ICalHolidays, ProblemsSayTheirLine) {
  auto check = [](const std::string& ics, const std::string& words) {
    auto r = ParseICalHolidays(ics, Years(2026, 2027));
    ASSERT_FALSE(r.ok()) << ics;
    EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
    ASSERT_FALSE(r.status().fields().empty());
    EXPECT_EQ(r.status().fields()[0].field, "ics");
    EXPECT_NE(Messages(r.status()).find(words), std::string::npos)
        << Messages(r.status()) << " lacks " << words;
  };
  check(
      "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20260126\n"
      "DTEND;VALUE=DATE:20260120\nEND:VEVENT\nEND:VCALENDAR\n",
      "line 4: DTEND is before DTSTART (line 3)");
  check("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:2026-01-26\nEND:VEVENT\nEND:VCALENDAR\n",
        "line 3: DTSTART \"2026-01-26\" is not a date");
  check("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20260230\nEND:VEVENT\nEND:VCALENDAR\n",
        "line 3: DTSTART \"20260230\"");
  check("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR\n",
        "line 2: the event has no DTSTART");
  check(
      "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20260126\nRRULE:FREQ=WEEKLY\nEND:VEVENT\n"
      "END:VCALENDAR\n",
      "line 4: only yearly repeats");
  check(
      "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20260126\nRRULE:FREQ=YEARLY;BYDAY=1MO\n"
      "END:VEVENT\nEND:VCALENDAR\n",
      "line 4: RRULE part BYDAY is not read");
  check("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20260126\nEND:VCALENDAR\n",
        "line 4: END:VCALENDAR does not close BEGIN:VEVENT (line 2)");
  check("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20260126\nEND:VEVENT\n",
        "line 1: BEGIN:VCALENDAR is never closed");
  check("BEGIN:VCALENDAR\nthis is not a property\nEND:VCALENDAR\n", "line 2: expected NAME:value");
  check(
      "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20260101\n"
      "DTEND;VALUE=DATE:20260301\nEND:VEVENT\nEND:VCALENDAR\n",
      "line 2: the event lasts 59 days");
  check("Subject,Start Date\nDiwali,2026-11-08\n", "not an iCalendar file");
  check("DTSTART:20260126\n", "expected BEGIN:VCALENDAR, got DTSTART");
  check("", "no BEGIN:VCALENDAR");
}

TEST(ICalHolidays, RefusesWhatIsTooBigOrNotText) {
  std::string big = "BEGIN:VCALENDAR\n";
  while (big.size() <= kMaxICalBytes) big += "X-PADDING:" + std::string(100, 'a') + "\n";
  auto r = ParseICalHolidays(big, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kResourceExhausted);

  std::string many = "BEGIN:VCALENDAR\n";
  for (int i = 0; i < 200; ++i) {
    many +=
        "BEGIN:VEVENT\nDTSTART;VALUE=DATE:19000101\nRRULE:FREQ=YEARLY\nDTEND;VALUE=DATE:"
        "19000131\nSUMMARY:" +
        std::to_string(i) + "\nEND:VEVENT\n";
  }
  many += "END:VCALENDAR\n";
  r = ParseICalHolidays(many, Years(2000, 2199));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kResourceExhausted);

  r = ParseICalHolidays("BEGIN:VCALENDAR\nSUMMARY:\xff\xfe\nEND:VCALENDAR\n", {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(Messages(r.status()), "ics: is not UTF-8 text\n");
}

}  // namespace
}  // namespace sahayak::domain
