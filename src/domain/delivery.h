#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "domain/shipment.h"
#include "domain/types.h"

// Delivery preferences and the customer's own delivery requests (docs/shipments.md, "Delivery
// preferences and self-service"): the entities and the pure rules — weekly windows in a time
// zone, which changes a parcel's status still allows, and which days it may be rescheduled to.
namespace sahayak::domain {

// One weekly window: on these days (bit 0 = Monday … bit 6 = Sunday), from `hours.from` to
// `hours.until`, local time.
struct WeeklyWindow {
  uint8_t days = 0;
  ClockRange hours;
  bool operator==(const WeeklyWindow&) const = default;
};

inline constexpr int kMaxWeeklyWindows = 14;
// A window the customer sets for one delivery: at least two hours, within 07:00–21:00.
inline constexpr int kDeliveryDayStart = 7 * 60;
inline constexpr int kDeliveryDayEnd = 21 * 60;
inline constexpr int kMinDeliveryWindowMinutes = 120;
// A parcel may be rescheduled up to this many days after the later of its promise and ETA.
inline constexpr int kRescheduleDays = 7;
inline constexpr size_t kMaxSafePlaceChars = 200;

// A contact's or an organisation's standing wishes. Empty members are "not set": a contact's
// fall back to its organisation's, and those to the workspace's.
struct DeliveryPreferences {
  Id id = 0;  // 0: never saved
  Id workspace_id = 0;
  std::string owner_type;  // "contact" | "organisation"
  Id owner_id = 0;
  std::vector<WeeklyWindow> windows;
  std::string time_zone;
  std::string language;
  std::string safe_place;
  std::optional<PostalAddress> alternate_address;
  std::string preferred_channel;  // "" | email | chat | sms | whatsapp | phone
  std::optional<ClockRange> quiet_hours;
  Millis updated_at = 0;
  int64_t version = 0;
};

// `own` with its empty members filled from `fallback` (a contact's from its organisation's).
DeliveryPreferences MergePreferences(const DeliveryPreferences& own,
                                     const DeliveryPreferences& fallback);

// "HH:MM" ("00:00"–"24:00") ↔ minutes from midnight.
std::optional<int> ParseClock(std::string_view text);
std::string FormatClock(int minutes);
// "mon" … "sun" ↔ 0 … 6.
std::optional<int> ParseWeekday(std::string_view name);
const char* WeekdayName(int day);

// Whether instant `at` falls in one of `windows`, read in `zone` (an IANA name; daylight
// saving included). No windows: any time is fine.
bool WithinWindows(const std::vector<WeeklyWindow>& windows, std::string_view zone, Millis at);
// Whether `e` is a delivery attempt (delivered, or failed) made outside the customer's weekly
// windows in `zone`: the carrier came when the customer said nobody would be there. Other
// scans, and customers without windows, never are.
bool AttemptOutsideWindows(const TrackingEvent& e, const std::vector<WeeklyWindow>& windows,
                           std::string_view zone);
// Whether the weekday of `date` ("YYYY-MM-DD") has a window; no windows: every day has.
bool DateHasWindow(const std::vector<WeeklyWindow>& windows, const std::string& date);
// Why a set of weekly windows cannot be saved ("" when it can): a window without days, an
// empty span, more than kMaxWeeklyWindows, or two windows overlapping on a day. `*index` is
// the window at fault.
std::string WindowsProblem(const std::vector<WeeklyWindow>& windows, size_t* index);
// Why a delivery-day window cannot be asked for ("" when it can).
std::string DeliveryWindowProblem(const ClockRange& r);

// What a parcel's status still allows the customer to change.
struct DeliveryActions {
  bool reschedule = false;  // not yet delivered, returned, lost or damaged
  bool window = false;      // same
  bool address = false;     // before it goes out for delivery
  bool safe_place = false;  // not yet delivered, returned, lost or damaged
};
DeliveryActions AllowedDeliveryActions(ShipmentStatus status);

// The days a parcel may be rescheduled to: from the day after `today` (the destination's date)
// to kRescheduleDays after the latest of its promise, its ETA and today; only days with one of
// the customer's weekly windows. Empty when rescheduling is not allowed.
std::vector<std::string> AllowedDates(const Shipment& s, const std::vector<WeeklyWindow>& windows,
                                      const std::string& today);

// The stored and API forms: an address as {"name", "line1", "line2", "city", "pin", "country",
// "phone"}; weekly windows as [{"days": ["mon", …], "from": "07:00", "until": "16:00"}]; a
// delivery-day window as "10:00-14:00". Readers give nullopt for text that is not one.
std::string AddressToJsonText(const PostalAddress& a);
std::optional<PostalAddress> AddressFromJsonText(std::string_view text);
std::string WindowsToJsonText(const std::vector<WeeklyWindow>& windows);
std::vector<WeeklyWindow> WindowsFromJsonText(std::string_view text);
std::string ClockRangeText(const ClockRange& r);
std::optional<ClockRange> ParseClockRangeText(std::string_view text);

}  // namespace sahayak::domain
