#pragma once

#include <vector>

// The demo's holidays (docs/business-hours.md, "The demo"): India's three national holidays and
// Karnataka's general holidays for 2026 and 2027, for a support desk in Bengaluru.
//
// 2026 follows the Government of Karnataka's notification of its 2026 general holidays
// (DPAR; Islamic festivals as notified, subject to the moon). For 2027 only the dates that do
// not depend on a lunar calendar are given (and Good Friday, from Easter): the festivals that
// move are added when the state notifies them, through the API or an .ics file.
namespace sahayak::services::demo {

struct DemoHoliday {
  const char* date;  // "YYYY-MM-DD"
  const char* name;
  const char* calendar;  // "India" (national) or "Karnataka"
};

// By date, one per date; a national holiday is labelled "India" though Karnataka keeps it too.
const std::vector<DemoHoliday>& DemoHolidays();

}  // namespace sahayak::services::demo
