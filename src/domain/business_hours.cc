#include "domain/business_hours.h"

#include <unicode/basictz.h>
#include <unicode/timezone.h>
#include <unicode/tztrans.h>

#include <algorithm>
#include <array>

#include "domain/people.h"

namespace sahayak::domain {

namespace {

// Wider than any zone's offset from UTC (−12 h … +14 h), so a local day's instants all lie
// within [midnight − kReach, midnight + 1 day + kReach] read as UTC.
constexpr Millis kReach = 16 * 60 * kMinute;

constexpr std::array<const char*, 7> kDayNames = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

int64_t FloorDiv(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

int WeekdayOfDay(int64_t day) {
  return static_cast<int>(((day + 3) % 7 + 7) % 7);
}

std::string Clock(int minutes) {
  std::string out = "00:00";
  out[0] = static_cast<char>('0' + minutes / 600);
  out[1] = static_cast<char>('0' + minutes / 60 % 10);
  out[3] = static_cast<char>('0' + minutes % 60 / 10);
  out[4] = static_cast<char>('0' + minutes % 10);
  return out;
}

std::string Member(const char* list, size_t i, const char* field = nullptr) {
  std::string s = std::string(list) + "[" + std::to_string(i) + "]";
  if (field != nullptr) s += std::string(".") + field;
  return s;
}

size_t CodePoints(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool PeriodInRange(const BusinessPeriod& p) {
  return p.weekday >= 0 && p.weekday < 7 && p.start >= 0 && p.start < kMinutesPerDay && p.end > 0 &&
         p.end <= kMinutesPerDay && p.start < p.end;
}

}  // namespace

std::vector<FieldError> ScheduleProblems(const BusinessSchedule& s) {
  std::vector<FieldError> out;
  if (s.time_zone.empty()) {
    out.push_back({"time_zone", "is required: an IANA time zone such as Asia/Kolkata"});
  } else if (!IsValidTimeZone(s.time_zone)) {
    out.push_back({"time_zone", "\"" + s.time_zone +
                                    "\" is not a time zone we know: use an IANA name such as "
                                    "Asia/Kolkata or Europe/London"});
  }

  if (s.periods.size() > kMaxBusinessPeriods) {
    out.push_back({"periods", "at most " + std::to_string(kMaxBusinessPeriods) + " periods"});
  }
  for (size_t i = 0; i < s.periods.size(); ++i) {
    const BusinessPeriod& p = s.periods[i];
    if (p.weekday < 0 || p.weekday > 6) {
      out.push_back(
          {Member("periods", i, "day"), "must be one of mon, tue, wed, thu, fri, sat, sun"});
    }
    const bool start_ok = p.start >= 0 && p.start < kMinutesPerDay;
    const bool end_ok = p.end > 0 && p.end <= kMinutesPerDay;
    if (!start_ok) out.push_back({Member("periods", i, "start"), "must be 00:00 to 23:59"});
    if (!end_ok) out.push_back({Member("periods", i, "end"), "must be 00:01 to 24:00"});
    if (start_ok && end_ok && p.end <= p.start) {
      out.push_back({Member("periods", i, "end"),
                     "must be later than the period's start (" + Clock(p.start) +
                         "); split a "
                         "night shift into two periods, ending at 24:00 and starting at 00:00"});
    }
  }
  // Overlaps, reported on the later period of each pair (by start) against the earlier.
  std::vector<size_t> order;
  for (size_t i = 0; i < s.periods.size(); ++i) {
    if (PeriodInRange(s.periods[i])) order.push_back(i);
  }
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const BusinessPeriod& x = s.periods[a];
    const BusinessPeriod& y = s.periods[b];
    return std::tie(x.weekday, x.start, a) < std::tie(y.weekday, y.start, b);
  });
  for (size_t k = 1; k < order.size(); ++k) {
    // The period reaching furthest among the earlier ones of the same day.
    for (size_t j = 0; j < k; ++j) {
      const BusinessPeriod& a = s.periods[order[j]];
      const BusinessPeriod& b = s.periods[order[k]];
      if (a.weekday == b.weekday && b.start < a.end) {
        out.push_back(
            {Member("periods", order[k]), "overlaps " + Member("periods", order[j]) + " (" +
                                              kDayNames[static_cast<size_t>(a.weekday)] + " " +
                                              Clock(a.start) + "–" + Clock(a.end) + ")"});
        break;
      }
    }
  }
  if (!s.always_open && s.periods.empty()) {
    out.push_back({"periods",
                   "the schedule is never open: add at least one period, or make it "
                   "open 24/7 (always_open)"});
  }

  if (s.holidays.size() > kMaxHolidays) {
    out.push_back({"holidays", "at most " + std::to_string(kMaxHolidays) + " holidays"});
  }
  std::vector<std::pair<std::string, size_t>> dates;
  for (size_t i = 0; i < s.holidays.size(); ++i) {
    const Holiday& h = s.holidays[i];
    if (!IsValidDate(h.date)) {
      out.push_back({Member("holidays", i, "date"), "must be a date, YYYY-MM-DD"});
    } else {
      dates.emplace_back(h.date, i);
    }
    if (h.name.empty()) {
      out.push_back({Member("holidays", i, "name"), "is required"});
    } else if (CodePoints(h.name) > kMaxHolidayNameChars) {
      out.push_back({Member("holidays", i, "name"),
                     "at most " + std::to_string(kMaxHolidayNameChars) + " characters"});
    }
  }
  std::stable_sort(dates.begin(), dates.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (size_t k = 1; k < dates.size(); ++k) {
    if (dates[k].first == dates[k - 1].first) {
      const size_t first = dates[k - 1].second;
      out.push_back({Member("holidays", dates[k].second, "date"),
                     "repeats " + Member("holidays", first) + " (" + dates[k].first + ", " +
                         s.holidays[first].name + "): one holiday per date"});
    }
  }
  return out;
}

BusinessClock::BusinessClock(BusinessClock&&) noexcept = default;
BusinessClock& BusinessClock::operator=(BusinessClock&&) noexcept = default;
BusinessClock::~BusinessClock() = default;

Result<BusinessClock> BusinessClock::Make(const BusinessSchedule& s) {
  std::vector<FieldError> problems = ScheduleProblems(s);
  if (!problems.empty()) {
    Status st = InvalidArgument("the business hours cannot be used: " + problems[0].field + " " +
                                problems[0].message);
    for (FieldError& f : problems) st.WithField(std::move(f.field), std::move(f.message));
    return st;
  }
  BusinessClock c;
  c.always_open_ = s.always_open;
  std::unique_ptr<icu::TimeZone> tz(
      icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(s.time_zone)));
  auto* basic = dynamic_cast<icu::BasicTimeZone*>(tz.get());
  if (basic == nullptr) {
    return InvalidArgument("the time zone cannot be used").WithField("time_zone", "cannot be used");
  }
  tz.release();
  c.zone_.reset(basic);
  c.by_weekday_.assign(7, {});
  for (const BusinessPeriod& p : s.periods) {
    c.by_weekday_[static_cast<size_t>(p.weekday)].emplace_back(p.start, p.end);
  }
  for (auto& day : c.by_weekday_) std::sort(day.begin(), day.end());
  c.holidays_ = s.holidays;
  std::sort(c.holidays_.begin(), c.holidays_.end(),
            [](const Holiday& a, const Holiday& b) { return a.date < b.date; });
  for (const Holiday& h : c.holidays_) {
    int64_t d = 0;
    DayNumber(h.date, &d);
    c.holiday_days_.push_back(d);
  }
  return c;
}

int BusinessClock::OffsetMinutes(Millis t) const {
  int32_t raw = 0;
  int32_t dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  zone_->getOffset(static_cast<UDate>(t), /*local=*/false, raw, dst, status);
  if (U_FAILURE(status)) return 0;
  return (raw + dst) / 60000;
}

int64_t BusinessClock::LocalDay(Millis t) const {
  return FloorDiv(t + static_cast<Millis>(OffsetMinutes(t)) * kMinute, kDay);
}

const Holiday* BusinessClock::HolidayAt(Millis t) const {
  if (always_open_) return nullptr;
  const int64_t day = LocalDay(t);
  auto it = std::lower_bound(holiday_days_.begin(), holiday_days_.end(), day);
  if (it == holiday_days_.end() || *it != day) return nullptr;
  return &holidays_[static_cast<size_t>(it - holiday_days_.begin())];
}

bool BusinessClock::IsOpen(Millis t) const {
  if (always_open_) return true;
  const Millis local = t + static_cast<Millis>(OffsetMinutes(t)) * kMinute;
  const int64_t day = FloorDiv(local, kDay);
  if (std::binary_search(holiday_days_.begin(), holiday_days_.end(), day)) return false;
  const Millis in_day = local - day * kDay;
  for (const auto& [start, end] : by_weekday_[static_cast<size_t>(WeekdayOfDay(day))]) {
    if (in_day >= start * kMinute && in_day < end * kMinute) return true;
  }
  return false;
}

// The wall clock of local day `day` runs through one or more stretches of constant offset
// (two on a day the clocks change). Each period's wall-clock range is mapped to instants in
// each stretch separately, so a skipped hour yields nothing and a repeated hour yields twice.
void BusinessClock::DaySpans(int64_t day, std::vector<OpenSpan>* out) const {
  const auto& periods = by_weekday_[static_cast<size_t>(WeekdayOfDay(day))];
  if (periods.empty()) return;
  if (std::binary_search(holiday_days_.begin(), holiday_days_.end(), day)) return;
  const Millis midnight = day * kDay;  // local, read as if UTC
  const Millis until = midnight + kDay + kReach;
  Millis from = midnight - kReach;
  while (from < until) {
    Millis to = until;
    icu::TimeZoneTransition next;
    if (zone_->getNextTransition(static_cast<UDate>(from), /*inclusive=*/false, next)) {
      to = std::min(to, static_cast<Millis>(next.getTime()));
    }
    const Millis offset = static_cast<Millis>(OffsetMinutes(from)) * kMinute;
    for (const auto& [start, end] : periods) {
      const Millis a = std::max(from, midnight + start * kMinute - offset);
      const Millis b = std::min(to, midnight + end * kMinute - offset);
      if (a < b) out->push_back({a, b});
    }
    from = to;
  }
}

template <typename Fn>
void BusinessClock::WalkSpans(Millis from, int horizon_days, Fn fn) const {
  const int64_t first = LocalDay(from) - 1;
  std::optional<OpenSpan> pending;
  std::vector<OpenSpan> spans;
  for (int64_t day = first; day <= first + horizon_days + 1; ++day) {
    spans.clear();
    DaySpans(day, &spans);
    for (const OpenSpan& s : spans) {
      if (s.end <= from) continue;
      if (pending && s.start <= pending->end) {
        pending->end = std::max(pending->end, s.end);
        continue;
      }
      if (pending && !fn(*pending)) return;
      pending = s;
    }
  }
  if (pending) fn(*pending);
}

std::optional<Millis> BusinessClock::NextChange(Millis t) const {
  if (always_open_) return std::nullopt;
  std::optional<Millis> out;
  WalkSpans(t, kBusinessHorizonDays, [&](const OpenSpan& s) {
    out = s.start > t ? s.start : s.end;
    return false;
  });
  return out;
}

std::optional<Millis> BusinessClock::NextOpen(Millis t) const {
  if (always_open_) return t;
  std::optional<Millis> out;
  WalkSpans(t, kBusinessHorizonDays, [&](const OpenSpan& s) {
    out = std::max(s.start, t);
    return false;
  });
  return out;
}

std::optional<Millis> BusinessClock::AddBusinessTime(Millis start, Millis duration) const {
  if (duration <= 0) return start;
  if (always_open_) return start + duration;
  std::optional<Millis> out;
  Millis left = duration;
  WalkSpans(start, kBusinessHorizonDays, [&](const OpenSpan& s) {
    const Millis a = std::max(s.start, start);
    if (s.end - a >= left) {
      out = a + left;
      return false;
    }
    left -= s.end - a;
    return true;
  });
  return out;
}

Millis BusinessClock::BusinessTimeBetween(Millis a, Millis b) const {
  if (b <= a) return 0;
  if (always_open_) return b - a;
  Millis sum = 0;
  const int days = static_cast<int>(std::min<int64_t>((b - a) / kDay + 3, 1 << 30));
  WalkSpans(a, days, [&](const OpenSpan& s) {
    if (s.start >= b) return false;
    sum += std::min(s.end, b) - std::max(s.start, a);
    return true;
  });
  return sum;
}

std::vector<OpenSpan> BusinessClock::OpenSpans(Millis from, Millis to) const {
  std::vector<OpenSpan> out;
  if (to <= from) return out;
  if (always_open_) return {{from, to}};
  const int days = static_cast<int>(std::min<int64_t>((to - from) / kDay + 3, 1 << 30));
  WalkSpans(from, days, [&](const OpenSpan& s) {
    if (s.start >= to) return false;
    out.push_back({std::max(s.start, from), std::min(s.end, to)});
    return true;
  });
  return out;
}

}  // namespace sahayak::domain
