#pragma once

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "services/hours/hours_store.h"

// Reading business hours' request bodies (docs/business-hours.md, "The API"). Every function
// names each bad member at once (InvalidArgument with fields) and changes nothing then.
namespace sahayak::services {

inline constexpr size_t kMaxHoursNameChars = 100;
inline constexpr size_t kMaxCalendarChars = 100;

// Applies a schedule's body to `r`: `name` (required when `creating`), `time_zone`,
// `always_open`, `is_default`, `periods` ([{day: "mon", start: "09:00", end: "13:00"}], replacing
// the week), `holidays` ([{date, name, calendar?}], replacing the list) and `group_ids`. Then
// the schedule as a whole must pass domain::ScheduleProblems (overlaps, never open, a date twice
// …), whose fields are the body's (`periods[3]`). Whether the groups exist is the caller's check.
Status ReadBusinessHours(const nlohmann::json& body, bool creating, BusinessHoursRecord* r);

// One holiday: {date: "2026-01-26", name, calendar?}.
Status ReadHoliday(const nlohmann::json& body, StoredHoliday* h);

}  // namespace sahayak::services
