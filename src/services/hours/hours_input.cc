#include "services/hours/hours_input.h"

#include <algorithm>
#include <array>

#include "base/text.h"
#include "domain/delivery.h"
#include "domain/json_input.h"

namespace sahayak::services {

namespace {

using nlohmann::json;

// Trimmed NFC text; false (with the error) when absent, not text, too long, or empty and
// required.
bool Text(domain::JsonInput* in, std::string_view key, std::string* out, size_t max,
          bool required) {
  std::string s;
  if (!in->Str(key, &s, required, 10 * max)) return false;
  s = ToNfc(Trim(s));
  if (CodePointCount(s) > max) {
    in->Error(key, "is longer than " + std::to_string(max) + " characters");
    return false;
  }
  if (required && s.empty()) {
    in->Error(key, "is required");
    return false;
  }
  *out = std::move(s);
  return true;
}

std::optional<domain::BusinessPeriod> ReadPeriod(const json& j, const std::string& prefix,
                                                 domain::JsonInput* outer) {
  if (!j.is_object()) {
    outer->Error(prefix, "must be an object {day, start, end}");
    return std::nullopt;
  }
  domain::JsonInput in(j, prefix);
  domain::OnlyMembers(j, {"day", "start", "end"}, "a period", &in);
  domain::BusinessPeriod p;
  std::string day, start, end;
  if (in.Str("day", &day, true, 10)) {
    auto d = domain::ParseWeekday(AsciiLower(Trim(day)));
    if (d) {
      p.weekday = *d;
    } else {
      in.Error("day", "must be one of mon, tue, wed, thu, fri, sat, sun");
    }
  }
  for (auto [key, out] : {std::pair{"start", &p.start}, std::pair{"end", &p.end}}) {
    std::string text;
    if (!in.Str(key, &text, true, 10)) continue;
    auto m = domain::ParseClock(Trim(text));
    if (!m) {
      in.Error(key, "must be a time of day, HH:MM from 00:00 to 24:00");
    } else {
      *out = *m;
    }
  }
  if (!in.ok()) {
    const Status bad = in.status();
    for (const auto& e : bad.fields()) outer->Error(e.field, e.message);
    return std::nullopt;
  }
  return p;
}

std::optional<StoredHoliday> ReadHolidayAt(const json& j, const std::string& prefix,
                                           domain::JsonInput* outer) {
  if (!j.is_object()) {
    outer->Error(prefix, "must be an object {date, name}");
    return std::nullopt;
  }
  domain::JsonInput in(j, prefix);
  domain::OnlyMembers(j, {"date", "name", "calendar"}, "a holiday", &in);
  StoredHoliday h;
  std::string date;
  if (in.Str("date", &date, true, 20)) {
    date = Trim(date);
    if (!IsValidDate(date)) {
      in.Error("date", "must be a date, YYYY-MM-DD");
    } else {
      h.date = date;
    }
  }
  Text(&in, "name", &h.name, domain::kMaxHolidayNameChars, true);
  Text(&in, "calendar", &h.calendar, kMaxCalendarChars, false);
  if (!in.ok()) {
    const Status bad = in.status();
    for (const auto& e : bad.fields()) outer->Error(e.field, e.message);
    return std::nullopt;
  }
  return h;
}

}  // namespace

Status ReadBusinessHours(const json& body, bool creating, BusinessHoursRecord* r) {
  RETURN_IF_ERROR(domain::RequireObject(body));
  domain::JsonInput in(body);
  domain::OnlyMembers(
      body, {"name", "time_zone", "always_open", "is_default", "periods", "holidays", "group_ids"},
      "business hours", &in);
  BusinessHoursRecord out = *r;
  Text(&in, "name", &out.name, kMaxHoursNameChars, creating);
  if (in.Has("time_zone")) {
    std::string zone;
    if (in.Str("time_zone", &zone, true, 64)) out.time_zone = Trim(zone);
  }
  in.Bool("always_open", &out.always_open);
  in.Bool("is_default", &out.is_default);
  if (in.Has("periods")) {
    const json& list = body["periods"];
    if (!list.is_array()) {
      in.Error("periods", "must be a list of periods {day, start, end}");
    } else if (list.size() > domain::kMaxBusinessPeriods) {
      in.Error("periods",
               "has more than " + std::to_string(domain::kMaxBusinessPeriods) + " periods");
    } else {
      out.periods.clear();
      for (size_t i = 0; i < list.size(); ++i) {
        auto p = ReadPeriod(list[i], "periods[" + std::to_string(i) + "]", &in);
        out.periods.push_back(p.value_or(domain::BusinessPeriod{0, 0, 1}));
      }
    }
  }
  if (in.Has("holidays")) {
    const json& list = body["holidays"];
    if (!list.is_array()) {
      in.Error("holidays", "must be a list of holidays {date, name}");
    } else if (list.size() > domain::kMaxHolidays) {
      in.Error("holidays", "has more than " + std::to_string(domain::kMaxHolidays) + " holidays");
    } else {
      out.holidays.clear();
      for (size_t i = 0; i < list.size(); ++i) {
        auto h = ReadHolidayAt(list[i], "holidays[" + std::to_string(i) + "]", &in);
        // A placeholder keeps the indexes of later holidays those of the body.
        out.holidays.push_back(h.value_or(StoredHoliday{"", "", ""}));
      }
    }
  }
  if (in.Has("group_ids")) {
    std::vector<Id> ids;
    if (in.IdList("group_ids", &ids, 100)) {
      std::sort(ids.begin(), ids.end());
      ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
      out.group_ids = std::move(ids);
    }
  }
  if (creating && out.time_zone.empty()) in.Error("time_zone", "is required");
  RETURN_IF_ERROR(in.status());
  std::vector<FieldError> problems = domain::ScheduleProblems(out.Schedule());
  if (!problems.empty()) {
    Status st = InvalidArgument("these business hours cannot be used: " + problems[0].field + " " +
                                problems[0].message);
    for (auto& p : problems) st.WithField(std::move(p.field), std::move(p.message));
    return st;
  }
  std::sort(out.holidays.begin(), out.holidays.end(),
            [](const StoredHoliday& a, const StoredHoliday& b) { return a.date < b.date; });
  *r = std::move(out);
  return Status::Ok();
}

Status ReadHoliday(const json& body, StoredHoliday* h) {
  RETURN_IF_ERROR(domain::RequireObject(body));
  domain::JsonInput in(body);
  auto read = ReadHolidayAt(body, "", &in);
  RETURN_IF_ERROR(in.status());
  *h = std::move(*read);
  return Status::Ok();
}

}  // namespace sahayak::services
