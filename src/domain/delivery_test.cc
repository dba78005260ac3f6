#include "domain/delivery.h"

#include <gtest/gtest.h>

namespace sahayak::domain {
namespace {

Millis At(const char* rfc3339) {
  Millis t = 0;
  EXPECT_TRUE(ParseRfc3339(rfc3339, &t)) << rfc3339;
  return t;
}

constexpr uint8_t kMon = 1, kTue = 2, kWed = 4, kThu = 8, kFri = 16, kSat = 32, kSun = 64;

WeeklyWindow Window(uint8_t days, const char* from, const char* until) {
  return {days, {*ParseClock(from), *ParseClock(until)}};
}

TEST(CalendarTest, WeekdaysAndDayArithmetic) {
  EXPECT_EQ(WeekdayOf("2026-12-07"), 0) << "a Monday";
  EXPECT_EQ(WeekdayOf("2026-12-06"), 6) << "a Sunday";
  EXPECT_EQ(WeekdayOf("2028-02-29"), 1) << "a leap day, Tuesday";
  EXPECT_EQ(AddDays("2026-12-30", 3), "2027-01-02");
  EXPECT_EQ(AddDays("2028-03-01", -1), "2028-02-29");
  int64_t n = 0;
  ASSERT_TRUE(DayNumber("1970-01-02", &n));
  EXPECT_EQ(n, 1);
  EXPECT_EQ(DateOfDay(n), "1970-01-02");
  EXPECT_FALSE(DayNumber("2026-02-30", &n));
}

TEST(ClockTest, ParsesAndFormatsHoursAndWeekdays) {
  EXPECT_EQ(ParseClock("07:30"), 450);
  EXPECT_EQ(ParseClock("00:00"), 0);
  EXPECT_EQ(ParseClock("24:00"), 1440);
  for (const char* bad : {"", "7:30", "24:01", "12:60", "ab:cd", "12-30", "012:30", "१२:३०"}) {
    EXPECT_FALSE(ParseClock(bad).has_value()) << bad;
  }
  EXPECT_EQ(FormatClock(450), "07:30");
  EXPECT_EQ(FormatClock(1440), "24:00");
  for (int d = 0; d < 7; ++d) EXPECT_EQ(ParseWeekday(WeekdayName(d)), d);
  EXPECT_FALSE(ParseWeekday("monday").has_value());
  EXPECT_EQ(ParseClockRangeText("10:00-14:00"), (ClockRange{600, 840}));
  EXPECT_FALSE(ParseClockRangeText("10:00").has_value());
  EXPECT_EQ(ClockRangeText({600, 840}), "10:00-14:00");
}

TEST(WeeklyWindowTest, ReadsInstantsInTheCustomersZone) {
  // Monday 10:00–14:00 in Bengaluru (UTC+05:30, no daylight saving).
  const std::vector<WeeklyWindow> ist{Window(kMon, "10:00", "14:00")};
  EXPECT_TRUE(WithinWindows(ist, "Asia/Kolkata", At("2026-12-07T04:30:00Z"))) << "10:00 IST";
  EXPECT_FALSE(WithinWindows(ist, "Asia/Kolkata", At("2026-12-07T04:29:00Z"))) << "09:59 IST";
  EXPECT_FALSE(WithinWindows(ist, "Asia/Kolkata", At("2026-12-07T08:30:00Z")))
      << "14:00 IST: the end is not inside";
  EXPECT_FALSE(WithinWindows(ist, "Asia/Kolkata", At("2026-12-08T05:00:00Z"))) << "a Tuesday";
  // A Sunday evening in UTC is already Monday morning in India.
  const std::vector<WeeklyWindow> early{Window(kMon, "00:00", "02:00")};
  EXPECT_TRUE(WithinWindows(early, "Asia/Kolkata", At("2026-12-06T19:00:00Z")));
  EXPECT_FALSE(WithinWindows(early, "UTC", At("2026-12-06T19:00:00Z")));

  // Monday 09:00–12:00 in London: UTC+1 in July, UTC+0 in December.
  const std::vector<WeeklyWindow> london{Window(kMon, "09:00", "12:00")};
  EXPECT_TRUE(WithinWindows(london, "Europe/London", At("2026-07-06T08:30:00Z"))) << "09:30 BST";
  EXPECT_FALSE(WithinWindows(london, "Europe/London", At("2026-07-06T07:30:00Z"))) << "08:30 BST";
  EXPECT_FALSE(WithinWindows(london, "Europe/London", At("2026-12-07T08:30:00Z"))) << "08:30 GMT";
  EXPECT_TRUE(WithinWindows(london, "Europe/London", At("2026-12-07T09:30:00Z"))) << "09:30 GMT";

  EXPECT_TRUE(WithinWindows({}, "Asia/Kolkata", At("2026-12-06T19:00:00Z")))
      << "no windows: any time is fine";
  // Two windows on the same days; either one will do.
  const std::vector<WeeklyWindow> split{Window(kMon | kTue, "08:00", "10:00"),
                                        Window(kMon | kTue, "18:00", "20:00")};
  EXPECT_TRUE(WithinWindows(split, "Asia/Kolkata", At("2026-12-08T13:00:00Z"))) << "Tue 18:30";
  EXPECT_FALSE(WithinWindows(split, "Asia/Kolkata", At("2026-12-08T07:00:00Z"))) << "Tue 12:30";
}

TEST(WeeklyWindowTest, FlagsAttemptsWhenTheCustomerSaidNobodyIsThere) {
  // A shop open Monday to Saturday, 07:00–16:00 in Bengaluru.
  const std::vector<WeeklyWindow> shop{
      Window(kMon | kTue | kWed | kThu | kFri | kSat, "07:00", "16:00")};
  TrackingEvent e;
  e.status = ShipmentStatus::kDeliveryFailed;
  e.occurred_at = At("2026-12-07T11:30:00Z");  // Monday 17:00 IST
  EXPECT_TRUE(AttemptOutsideWindows(e, shop, "Asia/Kolkata"));
  e.occurred_at = At("2026-12-07T05:30:00Z");  // Monday 11:00 IST
  EXPECT_FALSE(AttemptOutsideWindows(e, shop, "Asia/Kolkata"));
  e.status = ShipmentStatus::kDelivered;
  e.occurred_at = At("2026-12-06T05:30:00Z");  // Sunday 11:00 IST: closed
  EXPECT_TRUE(AttemptOutsideWindows(e, shop, "Asia/Kolkata"));
  e.status = ShipmentStatus::kInTransit;
  EXPECT_FALSE(AttemptOutsideWindows(e, shop, "Asia/Kolkata")) << "a scan at a hub is no attempt";
  e.status = ShipmentStatus::kDeliveryFailed;
  EXPECT_FALSE(AttemptOutsideWindows(e, {}, "Asia/Kolkata")) << "no windows: any time is fine";
}

TEST(WeeklyWindowTest, RefusesWindowsThatCannotBeKept) {
  size_t index = 99;
  EXPECT_EQ(WindowsProblem({Window(kMon | kFri, "09:00", "17:00")}, &index), "");
  EXPECT_NE(WindowsProblem({Window(0, "09:00", "17:00")}, &index), "") << "no days";
  EXPECT_NE(WindowsProblem({Window(kMon, "17:00", "09:00")}, &index), "") << "empty span";
  EXPECT_NE(WindowsProblem({Window(kMon | kWed, "09:00", "12:00"),
                            Window(kWed | kThu, "11:00", "13:00")},
                           &index),
            "")
      << "overlap on Wednesday";
  EXPECT_EQ(index, 1u) << "the second window is the one at fault";
  EXPECT_EQ(WindowsProblem({Window(kMon, "09:00", "12:00"), Window(kMon, "12:00", "13:00")},
                           &index),
            "")
      << "touching windows do not overlap";
  std::vector<WeeklyWindow> many(kMaxWeeklyWindows + 1, Window(kSat, "09:00", "10:00"));
  EXPECT_NE(WindowsProblem(many, &index), "");

  EXPECT_EQ(DeliveryWindowProblem({10 * 60, 12 * 60}), "");
  EXPECT_NE(DeliveryWindowProblem({10 * 60, 11 * 60}), "") << "shorter than two hours";
  EXPECT_NE(DeliveryWindowProblem({6 * 60, 9 * 60}), "") << "before 07:00";
  EXPECT_NE(DeliveryWindowProblem({19 * 60, 22 * 60}), "") << "after 21:00";
  EXPECT_EQ(DeliveryWindowProblem({7 * 60, 21 * 60}), "") << "the whole day is fine";
}

TEST(DeliveryActionsTest, FollowTheParcelsProgress) {
  for (auto s : {ShipmentStatus::kBooked, ShipmentStatus::kPickedUp, ShipmentStatus::kInTransit}) {
    const DeliveryActions a = AllowedDeliveryActions(s);
    EXPECT_TRUE(a.reschedule && a.window && a.address && a.safe_place) << ShipmentStatusName(s);
  }
  for (auto s : {ShipmentStatus::kOutForDelivery, ShipmentStatus::kDeliveryFailed}) {
    const DeliveryActions a = AllowedDeliveryActions(s);
    EXPECT_TRUE(a.reschedule && a.window && a.safe_place) << ShipmentStatusName(s);
    EXPECT_FALSE(a.address) << "the van is loaded: " << ShipmentStatusName(s);
  }
  for (auto s : {ShipmentStatus::kDelivered, ShipmentStatus::kReturnedToOrigin,
                 ShipmentStatus::kLost, ShipmentStatus::kDamaged}) {
    const DeliveryActions a = AllowedDeliveryActions(s);
    EXPECT_FALSE(a.reschedule || a.window || a.address || a.safe_place) << ShipmentStatusName(s);
  }
}

TEST(AllowedDatesTest, FromTomorrowToAWeekAfterTheLaterOfPromiseAndEta) {
  Shipment s;
  s.status = ShipmentStatus::kInTransit;
  s.promised_date = "2026-12-08";
  s.eta = "2026-12-10";
  const auto dates = AllowedDates(s, {}, "2026-12-05");
  ASSERT_FALSE(dates.empty());
  EXPECT_EQ(dates.front(), "2026-12-06") << "tomorrow, never today";
  EXPECT_EQ(dates.back(), "2026-12-17") << "the ETA plus seven days";
  EXPECT_EQ(dates.size(), 12u);

  // Only days with one of the customer's windows: weekdays.
  const auto weekdays =
      AllowedDates(s, {Window(kMon | kTue | kWed | kThu | kFri, "09:00", "18:00")}, "2026-12-05");
  for (const std::string& d : weekdays) EXPECT_LT(WeekdayOf(d), 5) << d;
  EXPECT_EQ(weekdays.front(), "2026-12-07");
  EXPECT_EQ(weekdays.size(), 9u);

  // Neither promise nor ETA: a week from today.
  Shipment bare;
  bare.status = ShipmentStatus::kBooked;
  EXPECT_EQ(AllowedDates(bare, {}, "2026-12-30").back(), "2027-01-06");

  s.status = ShipmentStatus::kDelivered;
  EXPECT_TRUE(AllowedDates(s, {}, "2026-12-05").empty());
  Shipment sunday_only;
  sunday_only.status = ShipmentStatus::kBooked;
  EXPECT_EQ(AllowedDates(sunday_only, {Window(kSun, "10:00", "12:00")}, "2026-12-05").size(), 1u);
}

TEST(DueDateTest, ACustomersLaterDayMovesTheDueDate) {
  Shipment s;
  s.status = ShipmentStatus::kInTransit;
  s.promised_date = "2026-12-08";
  EXPECT_EQ(DueDate(s), "2026-12-08");
  EXPECT_TRUE(IsLate(s, "2026-12-09"));
  s.delivery.date = "2026-12-11";
  EXPECT_EQ(DueDate(s), "2026-12-11");
  EXPECT_FALSE(IsLate(s, "2026-12-09")) << "the customer asked for the 11th";
  EXPECT_TRUE(IsLate(s, "2026-12-12"));
  s.delivery.date = "2026-12-06";
  EXPECT_EQ(DueDate(s), "2026-12-08") << "an earlier day does not shorten the promise";
  Shipment unpromised;
  unpromised.delivery.date = "2026-12-11";
  EXPECT_EQ(DueDate(unpromised), "2026-12-11");
}

TEST(PreferencesTest, AContactsGapsFillFromItsOrganisation) {
  DeliveryPreferences own;
  own.time_zone = "Europe/London";
  own.safe_place = "पीछे का दरवाज़ा";
  DeliveryPreferences org;
  org.time_zone = "Asia/Kolkata";
  org.language = "kn";
  org.windows = {Window(kMon | kTue, "09:00", "17:00")};
  org.quiet_hours = ClockRange{21 * 60, 8 * 60};
  org.alternate_address = PostalAddress{"", "12 MG Road", "", "Bengaluru", "560001", "IN", ""};
  const DeliveryPreferences m = MergePreferences(own, org);
  EXPECT_EQ(m.time_zone, "Europe/London");
  EXPECT_EQ(m.safe_place, "पीछे का दरवाज़ा");
  EXPECT_EQ(m.language, "kn");
  EXPECT_EQ(m.windows, org.windows);
  EXPECT_EQ(m.quiet_hours, org.quiet_hours);
  ASSERT_TRUE(m.alternate_address.has_value());
  EXPECT_EQ(m.alternate_address->pin, "560001");
}

TEST(DeliveryJsonTest, StoredFormsRoundTrip) {
  const PostalAddress a{"ರಮೇಶ್", "೪ನೇ ಕ್ರಾಸ್, 12", "Jayanagar", "Bengaluru", "560011", "IN", ""};
  EXPECT_EQ(AddressFromJsonText(AddressToJsonText(a)), a);
  EXPECT_FALSE(AddressFromJsonText("").has_value());
  EXPECT_FALSE(AddressFromJsonText("[1,2]").has_value());
  const std::vector<WeeklyWindow> w{Window(kMon | kSat, "07:00", "09:30"),
                                    Window(kSun, "18:00", "21:00")};
  EXPECT_EQ(WindowsFromJsonText(WindowsToJsonText(w)), w);
  EXPECT_TRUE(WindowsFromJsonText("not json").empty());
}

}  // namespace
}  // namespace sahayak::domain
