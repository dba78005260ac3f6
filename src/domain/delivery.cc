#include "domain/delivery.h"

#include <algorithm>
#include <array>
#include <bit>

#include <nlohmann/json.hpp>

#include "domain/people.h"

namespace sahayak::domain {

namespace {

constexpr std::array<const char*, 7> kWeekdays = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

}  // namespace

DeliveryPreferences MergePreferences(const DeliveryPreferences& own,
                                     const DeliveryPreferences& fallback) {
  DeliveryPreferences out = own;
  if (out.windows.empty()) out.windows = fallback.windows;
  if (out.time_zone.empty()) out.time_zone = fallback.time_zone;
  if (out.language.empty()) out.language = fallback.language;
  if (out.safe_place.empty()) out.safe_place = fallback.safe_place;
  if (!out.alternate_address) out.alternate_address = fallback.alternate_address;
  if (out.preferred_channel.empty()) out.preferred_channel = fallback.preferred_channel;
  if (!out.quiet_hours) out.quiet_hours = fallback.quiet_hours;
  return out;
}

std::optional<int> ParseClock(std::string_view t) {
  if (t.size() != 5 || t[2] != ':') return std::nullopt;
  for (size_t i : {0, 1, 3, 4}) {
    if (t[i] < '0' || t[i] > '9') return std::nullopt;
  }
  const int h = (t[0] - '0') * 10 + (t[1] - '0');
  const int m = (t[3] - '0') * 10 + (t[4] - '0');
  if (m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
  return h * 60 + m;
}

std::string FormatClock(int minutes) {
  std::string out = "00:00";
  const int h = minutes / 60;
  const int m = minutes % 60;
  out[0] = static_cast<char>('0' + h / 10);
  out[1] = static_cast<char>('0' + h % 10);
  out[3] = static_cast<char>('0' + m / 10);
  out[4] = static_cast<char>('0' + m % 10);
  return out;
}

std::optional<int> ParseWeekday(std::string_view name) {
  for (size_t i = 0; i < kWeekdays.size(); ++i) {
    if (name == kWeekdays[i]) return static_cast<int>(i);
  }
  return std::nullopt;
}

const char* WeekdayName(int day) { return kWeekdays[static_cast<size_t>(day % 7)]; }

bool WithinWindows(const std::vector<WeeklyWindow>& windows, std::string_view zone, Millis at) {
  if (windows.empty()) return true;
  const Millis local = at + static_cast<Millis>(ZoneOffsetMinutes(zone, at)) * kMinute;
  const Millis day = local >= 0 ? local / kDay : (local - kDay + 1) / kDay;
  const int minute = static_cast<int>((local - day * kDay) / kMinute);
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  const int weekday = static_cast<int>(((day % 7) + 7 + 3) % 7);
  for (const WeeklyWindow& w : windows) {
    if ((w.days >> weekday & 1) != 0 && minute >= w.hours.from && minute < w.hours.until) {
      return true;
    }
  }
  return false;
}

bool AttemptOutsideWindows(const TrackingEvent& e, const std::vector<WeeklyWindow>& windows,
                           std::string_view zone) {
  const bool attempt =
      e.status == ShipmentStatus::kDelivered || e.status == ShipmentStatus::kDeliveryFailed;
  return attempt && !windows.empty() && !WithinWindows(windows, zone, e.occurred_at);
}

bool DateHasWindow(const std::vector<WeeklyWindow>& windows, const std::string& date) {
  if (windows.empty()) return true;
  const int weekday = WeekdayOf(date);
  return std::any_of(windows.begin(), windows.end(),
                     [&](const WeeklyWindow& w) { return (w.days >> weekday & 1) != 0; });
}

std::string WindowsProblem(const std::vector<WeeklyWindow>& windows, size_t* index) {
  *index = 0;
  if (windows.size() > static_cast<size_t>(kMaxWeeklyWindows)) {
    *index = kMaxWeeklyWindows;
    return "at most " + std::to_string(kMaxWeeklyWindows) + " windows";
  }
  for (size_t i = 0; i < windows.size(); ++i) {
    *index = i;
    const WeeklyWindow& w = windows[i];
    if ((w.days & 0x7f) == 0) return "names no day";
    if (w.hours.from < 0 || w.hours.until > 24 * 60 || w.hours.from >= w.hours.until) {
      return "ends before it starts";
    }
    for (size_t j = 0; j < i; ++j) {
      const WeeklyWindow& o = windows[j];
      const bool same_day = (w.days & o.days) != 0;
      const bool overlap = w.hours.from < o.hours.until && o.hours.from < w.hours.until;
      if (same_day && overlap) {
        return "overlaps window " + std::to_string(j) + " on " +
               WeekdayName(std::countr_zero(static_cast<unsigned>(w.days & o.days)));
      }
    }
  }
  return "";
}

std::string DeliveryWindowProblem(const ClockRange& r) {
  if (r.from >= r.until) return "must end after it starts";
  if (r.from < kDeliveryDayStart || r.until > kDeliveryDayEnd) {
    return "must lie between " + FormatClock(kDeliveryDayStart) + " and " +
           FormatClock(kDeliveryDayEnd);
  }
  if (r.until - r.from < kMinDeliveryWindowMinutes) return "must be at least two hours long";
  return "";
}

DeliveryActions AllowedDeliveryActions(ShipmentStatus status) {
  DeliveryActions a;
  if (IsFinal(status)) return a;
  a.reschedule = a.window = a.safe_place = true;
  a.address = status == ShipmentStatus::kBooked || status == ShipmentStatus::kPickedUp ||
              status == ShipmentStatus::kInTransit;
  return a;
}

std::vector<std::string> AllowedDates(const Shipment& s, const std::vector<WeeklyWindow>& windows,
                                      const std::string& today) {
  std::vector<std::string> out;
  if (!AllowedDeliveryActions(s.status).reschedule || !IsValidDate(today)) return out;
  std::string last = today;
  if (s.promised_date && IsValidDate(*s.promised_date)) last = std::max(last, *s.promised_date);
  if (s.eta && IsValidDate(*s.eta)) last = std::max(last, *s.eta);
  last = AddDays(last, kRescheduleDays);
  for (std::string d = AddDays(today, 1); d <= last; d = AddDays(d, 1)) {
    if (DateHasWindow(windows, d)) out.push_back(d);
  }
  return out;
}

std::string AddressToJsonText(const PostalAddress& a) {
  return nlohmann::json{{"name", a.name},   {"line1", a.line1},     {"line2", a.line2},
                        {"city", a.city},   {"pin", a.pin},         {"country", a.country},
                        {"phone", a.phone}}
      .dump();
}

std::optional<PostalAddress> AddressFromJsonText(std::string_view text) {
  if (text.empty()) return std::nullopt;
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  auto str = [&](const char* k) {
    auto it = j.find(k);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  return PostalAddress{str("name"), str("line1"), str("line2"), str("city"),
                       str("pin"),  str("country"), str("phone")};
}

std::string WindowsToJsonText(const std::vector<WeeklyWindow>& windows) {
  nlohmann::json out = nlohmann::json::array();
  for (const WeeklyWindow& w : windows) {
    nlohmann::json days = nlohmann::json::array();
    for (int d = 0; d < 7; ++d) {
      if ((w.days >> d & 1) != 0) days.push_back(WeekdayName(d));
    }
    out.push_back({{"days", std::move(days)},
                   {"from", FormatClock(w.hours.from)},
                   {"until", FormatClock(w.hours.until)}});
  }
  return out.dump();
}

std::vector<WeeklyWindow> WindowsFromJsonText(std::string_view text) {
  std::vector<WeeklyWindow> out;
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& w : j) {
    if (!w.is_object() || !w.contains("days") || !w["days"].is_array()) continue;
    WeeklyWindow x;
    for (const auto& d : w["days"]) {
      if (!d.is_string()) continue;
      if (auto n = ParseWeekday(d.get<std::string>())) x.days |= static_cast<uint8_t>(1 << *n);
    }
    auto from = w.value("from", std::string());
    auto until = w.value("until", std::string());
    auto f = ParseClock(from);
    auto u = ParseClock(until);
    if (!f || !u) continue;
    x.hours = {*f, *u};
    out.push_back(x);
  }
  return out;
}

std::string ClockRangeText(const ClockRange& r) {
  return FormatClock(r.from) + "-" + FormatClock(r.until);
}

std::optional<ClockRange> ParseClockRangeText(std::string_view text) {
  if (text.size() != 11 || text[5] != '-') return std::nullopt;
  auto f = ParseClock(text.substr(0, 5));
  auto u = ParseClock(text.substr(6));
  if (!f || !u) return std::nullopt;
  return ClockRange{*f, *u};
}

}  // namespace sahayak::domain
