#include "domain/ical.h"

#include <algorithm>
#include <map>
#include <optional>

#include "base/text.h"

namespace sahayak::domain {

namespace {

constexpr size_t kMaxLineBytes = 64 * 1024;
constexpr size_t kMaxProblems = 20;

struct Line {
  int number = 0;
  std::string text;  // unfolded
};

struct Property {
  std::string name;         // upper-case
  std::string value_param;  // VALUE=…, upper-case
  std::string value;
};

struct Moment {
  int64_t day = 0;
  bool has_time = false;
  bool midnight = true;
  std::string raw;  // for ordering DATE-TIMEs of one event
};

struct Event {
  int line = 0;
  std::optional<Moment> start, end;
  int start_line = 0, end_line = 0, rrule_line = 0, duration_line = 0;
  std::optional<int> duration_days;
  std::string summary;
  std::string rrule;
  bool cancelled = false;
};

class Parser {
 public:
  Parser(const ICalOptions& o) : options_(o) {}

  void Problem(int line, std::string message) {
    if (problems_.size() < kMaxProblems) {
      problems_.push_back("line " + std::to_string(line) + ": " + std::move(message));
    }
  }

  std::vector<Line> Unfold(std::string_view text) {
    std::vector<Line> out;
    int number = 0;
    size_t pos = 0;
    while (pos < text.size()) {
      size_t nl = text.find('\n', pos);
      std::string_view raw = text.substr(pos, nl == std::string_view::npos ? text.npos : nl - pos);
      pos = nl == std::string_view::npos ? text.size() : nl + 1;
      ++number;
      if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
      if (!raw.empty() && (raw[0] == ' ' || raw[0] == '\t') && !out.empty()) {
        if (out.back().text.size() + raw.size() > kMaxLineBytes) {
          if (out.back().text.size() <= kMaxLineBytes) {
            Problem(out.back().number, "the line is longer than 64 KiB");
          }
          out.back().text.resize(kMaxLineBytes + 1);
          continue;
        }
        out.back().text.append(raw.substr(1));
        continue;
      }
      if (raw.empty()) continue;
      out.push_back({number, std::string(raw.substr(0, kMaxLineBytes + 1))});
      if (raw.size() > kMaxLineBytes) Problem(number, "the line is longer than 64 KiB");
    }
    return out;
  }

  std::optional<Property> Split(const Line& l) {
    const std::string& t = l.text;
    size_t i = 0;
    while (i < t.size() && (std::isalnum(static_cast<unsigned char>(t[i])) || t[i] == '-')) ++i;
    if (i == 0 || i >= t.size() || (t[i] != ';' && t[i] != ':')) {
      Problem(l.number, "expected NAME:value, got \"" + Excerpt(t) + "\"");
      return std::nullopt;
    }
    Property p;
    p.name = AsciiLower(t.substr(0, i));
    std::transform(p.name.begin(), p.name.end(), p.name.begin(), ::toupper);
    // Parameters: ;NAME=value[,value] where a value may be "quoted" (and hold ':' or ';').
    while (i < t.size() && t[i] == ';') {
      const size_t name_start = ++i;
      while (i < t.size() && t[i] != '=' && t[i] != ':' && t[i] != ';') ++i;
      std::string pname = AsciiLower(t.substr(name_start, i - name_start));
      if (i >= t.size() || t[i] != '=') {
        Problem(l.number, "the parameter \"" + Excerpt(pname) + "\" has no value");
        return std::nullopt;
      }
      ++i;
      const size_t value_start = i;
      bool quoted = false;
      while (i < t.size() && (quoted || (t[i] != ':' && t[i] != ';'))) {
        if (t[i] == '"') quoted = !quoted;
        ++i;
      }
      if (quoted || i >= t.size()) {
        Problem(l.number, "a parameter is not closed before the value");
        return std::nullopt;
      }
      if (pname == "value") {
        p.value_param = AsciiLower(t.substr(value_start, i - value_start));
      }
    }
    p.value = t.substr(i + 1);
    return p;
  }

  static std::string Excerpt(std::string_view s) {
    std::string out = RepairUtf8(s.substr(0, 40));
    if (s.size() > 40) out += "…";
    return out;
  }

  // "20260126" or "20260126T093000[Z]".
  std::optional<Moment> ReadMoment(const Property& p, int line) {
    const std::string& v = p.value;
    auto digits = [&](size_t from, size_t n) {
      if (from + n > v.size()) return false;
      for (size_t k = from; k < from + n; ++k) {
        if (v[k] < '0' || v[k] > '9') return false;
      }
      return true;
    };
    Moment m;
    m.raw = v;
    bool shape = digits(0, 8);
    if (shape && v.size() > 8) {
      shape = (v.size() == 15 || (v.size() == 16 && v[15] == 'Z')) && v[8] == 'T' && digits(9, 6) &&
              p.value_param != "date";
      m.has_time = true;
      m.midnight = v.compare(9, 6, "000000") == 0;
    }
    if (shape && v.size() == 8 && p.value_param == "date-time") shape = false;
    std::string date = shape ? v.substr(0, 4) + "-" + v.substr(4, 2) + "-" + v.substr(6, 2) : "";
    if (!shape || !IsValidDate(date) || date < "1900" || date >= "2200" ||
        !DayNumber(date, &m.day)) {
      Problem(line, p.name + " \"" + Excerpt(v) +
                        "\" is not a date (YYYYMMDD) or a date-time (YYYYMMDDTHHMMSS) in "
                        "1900–2199");
      return std::nullopt;
    }
    return m;
  }

  // "P1D", "P2W" (whole days only).
  std::optional<int> ReadDuration(const std::string& v, int line) {
    std::string s = v;
    if (!s.empty() && s[0] == '+') s.erase(0, 1);
    if (s.size() >= 3 && s[0] == 'P' && (s.back() == 'D' || s.back() == 'W')) {
      const std::string n = s.substr(1, s.size() - 2);
      if (!n.empty() && n.size() <= 3 && std::all_of(n.begin(), n.end(), ::isdigit)) {
        return std::stoi(n) * (s.back() == 'W' ? 7 : 1);
      }
    }
    Problem(line, "DURATION \"" + Excerpt(v) + "\" is not a number of days or weeks (P1D, P2W)");
    return std::nullopt;
  }

  static std::string Unescape(std::string_view v) {
    std::string out;
    for (size_t i = 0; i < v.size(); ++i) {
      if (v[i] == '\\' && i + 1 < v.size()) {
        const char c = v[++i];
        out += (c == 'n' || c == 'N') ? ' ' : c;
      } else {
        out += v[i];
      }
    }
    return out;
  }

  void Add(int64_t day, const std::string& name) {
    if (days_.size() >= kMaxICalDays && !days_.count(day)) {
      too_many_ = true;
      return;
    }
    days_.emplace(day, name);
  }

  void Finish(const Event& e) {
    ++events_;
    if (!e.start) {
      if (e.start_line == 0) Problem(e.line, "the event has no DTSTART");
      return;
    }
    if (e.cancelled) {
      ++cancelled_;
      return;
    }
    const Moment& s = *e.start;
    int64_t end = s.day + 1;
    if (e.end) {
      const Moment& t = *e.end;
      const bool backwards = (t.has_time && s.has_time)
                                 ? t.raw < s.raw
                                 : t.day < s.day || (!t.has_time && t.day == s.day);
      if (backwards) {
        Problem(e.end_line, "DTEND is before DTSTART (line " + std::to_string(e.start_line) + ")");
        return;
      }
      end = std::max(s.day + 1, t.day + ((t.has_time && !t.midnight) ? 1 : 0));
    } else if (e.duration_days) {
      if (*e.duration_days < 1) {
        Problem(e.duration_line, "DURATION must be at least one day");
        return;
      }
      end = s.day + *e.duration_days;
    }
    if (end - s.day > kMaxICalEventDays) {
      Problem(e.line, "the event lasts " + std::to_string(end - s.day) +
                          " days; events longer than 31 days are not taken as holidays");
      return;
    }
    std::string name = Trim(ToNfc(Unescape(e.summary)));
    if (name.empty()) name = options_.default_name;
    if (CodePointCount(name) > kMaxHolidayNameChars) {
      size_t points = 0;
      size_t bytes = 0;
      for (; bytes < name.size(); ++bytes) {
        if ((static_cast<unsigned char>(name[bytes]) & 0xC0) != 0x80 &&
            ++points > kMaxHolidayNameChars) {
          break;
        }
      }
      name.resize(bytes);
    }
    if (e.rrule.empty()) {
      for (int64_t d = s.day; d < end; ++d) Add(d, name);
      return;
    }
    Repeat(e, s, end - s.day, name);
  }

  void Repeat(const Event& e, const Moment& s, int64_t length, const std::string& name) {
    int interval = 1;
    std::optional<int> count;
    std::optional<std::string> until;  // "YYYYMMDD"
    bool yearly = false;
    size_t pos = 0;
    const std::string& r = e.rrule;
    const std::string date = DateOfDay(s.day);
    while (pos <= r.size()) {
      size_t semi = r.find(';', pos);
      if (semi == std::string::npos) semi = r.size();
      const std::string part = r.substr(pos, semi - pos);
      pos = semi + 1;
      if (part.empty()) continue;
      const size_t eq = part.find('=');
      std::string key = part.substr(0, eq);
      std::transform(key.begin(), key.end(), key.begin(), ::toupper);
      const std::string value = eq == std::string::npos ? "" : part.substr(eq + 1);
      auto number = [&](int lo, int hi) -> std::optional<int> {
        if (value.empty() || value.size() > 4 ||
            !std::all_of(value.begin(), value.end(), ::isdigit)) {
          return std::nullopt;
        }
        const int n = std::stoi(value);
        if (n < lo || n > hi) return std::nullopt;
        return n;
      };
      if (key == "FREQ") {
        if (value != "YEARLY") {
          Problem(e.rrule_line, "only yearly repeats (RRULE:FREQ=YEARLY) are read, not FREQ=" +
                                    Excerpt(value) + "; list the dates instead");
          return;
        }
        yearly = true;
      } else if (key == "INTERVAL" || key == "COUNT") {
        auto n = number(1, 1000);
        if (!n) {
          Problem(e.rrule_line, key + " must be a number from 1 to 1000");
          return;
        }
        if (key == "INTERVAL") {
          interval = *n;
        } else {
          count = *n;
        }
      } else if (key == "UNTIL") {
        if (value.size() < 8 || !std::all_of(value.begin(), value.begin() + 8, ::isdigit)) {
          Problem(e.rrule_line, "UNTIL must be a date (YYYYMMDD)");
          return;
        }
        until = value.substr(0, 8);
      } else if (key == "BYMONTH") {
        if (number(1, 12) != std::stoi(date.substr(5, 2))) {
          Problem(e.rrule_line, "BYMONTH must be DTSTART's month; list other dates separately");
          return;
        }
      } else if (key == "BYMONTHDAY") {
        if (number(1, 31) != std::stoi(date.substr(8, 2))) {
          Problem(e.rrule_line, "BYMONTHDAY must be DTSTART's day; list other dates separately");
          return;
        }
      } else if (key == "WKST") {
      } else {
        Problem(e.rrule_line, "RRULE part " + Excerpt(key) +
                                  " is not read (holidays that move, like Diwali, need their "
                                  "dates listed)");
        return;
      }
    }
    if (!yearly) {
      Problem(e.rrule_line, "RRULE needs FREQ=YEARLY");
      return;
    }
    const std::string first = DateOfDay(s.day);
    const int year0 = std::stoi(first.substr(0, 4));
    int taken = 0;
    for (int year = year0; year <= options_.last_year; year += interval) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "%04d", year);
      const std::string date = buf + first.substr(4);
      int64_t day = 0;
      if (!IsValidDate(date) || !DayNumber(date, &day)) continue;  // 29 February
      const std::string compact = date.substr(0, 4) + date.substr(5, 2) + date.substr(8, 2);
      if (until && compact > *until) break;
      if (count && taken >= *count) break;
      ++taken;
      if (year < options_.first_year) continue;
      for (int64_t d = day; d < day + length; ++d) Add(d, name);
    }
  }

  Result<ICalHolidays> Run(std::string_view text) {
    if (text.size() > kMaxICalBytes) {
      return ResourceExhausted("the calendar is larger than 1 MiB")
          .WithField("ics", "is larger than 1 MiB")
          .WithKind("payload-too-large");
    }
    if (!IsValidUtf8(text)) {
      return InvalidArgument("the calendar is not UTF-8 text")
          .WithField("ics", "is not UTF-8 text");
    }
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    std::vector<Line> lines = Unfold(text);
    std::vector<std::pair<std::string, int>> stack;  // component, line of its BEGIN
    std::optional<Event> event;
    bool saw_calendar = false;
    for (const Line& l : lines) {
      std::optional<Property> p = Split(l);
      if (!p) continue;
      if (p->name == "BEGIN" || p->name == "END") {
        std::string comp = p->value;
        std::transform(comp.begin(), comp.end(), comp.begin(), ::toupper);
        if (p->name == "BEGIN") {
          if (stack.empty() && comp != "VCALENDAR") {
            Problem(l.number, "expected BEGIN:VCALENDAR, got BEGIN:" + Excerpt(comp));
            return Fail();
          }
          if (stack.size() >= 8) {
            Problem(l.number, "components are nested too deeply");
            return Fail();
          }
          saw_calendar = true;
          stack.emplace_back(comp, l.number);
          if (comp == "VEVENT" && stack.size() == 2) {
            if (events_ >= static_cast<int>(kMaxICalEvents)) {
              return ResourceExhausted("the calendar has more than 2000 events")
                  .WithField("ics", "has more than 2000 events")
                  .WithKind("payload-too-large");
            }
            event.emplace();
            event->line = l.number;
          }
        } else {
          if (stack.empty() || stack.back().first != comp) {
            Problem(l.number,
                    "END:" + Excerpt(comp) +
                        (stack.empty() ? std::string(" closes nothing")
                                       : " does not close BEGIN:" + stack.back().first + " (line " +
                                             std::to_string(stack.back().second) + ")"));
            return Fail();
          }
          if (comp == "VEVENT" && stack.size() == 2 && event) {
            Finish(*event);
            event.reset();
          }
          stack.pop_back();
        }
        continue;
      }
      if (stack.empty()) {
        Problem(l.number, saw_calendar ? "a property after END:VCALENDAR"
                                       : "expected BEGIN:VCALENDAR, got " + Excerpt(p->name));
        return Fail();
      }
      if (stack.size() == 1 && p->name == "X-WR-CALNAME" && calendar_name_.empty()) {
        calendar_name_ = Trim(ToNfc(Unescape(p->value))).substr(0, 100);
        if (!IsValidUtf8(calendar_name_)) calendar_name_ = RepairUtf8(calendar_name_);
      }
      if (!event || stack.size() != 2) continue;  // outside events, or inside a VALARM
      if (p->name == "DTSTART") {
        event->start_line = l.number;
        event->start = ReadMoment(*p, l.number);
      } else if (p->name == "DTEND") {
        event->end_line = l.number;
        event->end = ReadMoment(*p, l.number);
      } else if (p->name == "DURATION") {
        event->duration_line = l.number;
        event->duration_days = ReadDuration(p->value, l.number);
      } else if (p->name == "SUMMARY") {
        event->summary = p->value;
      } else if (p->name == "STATUS") {
        event->cancelled = AsciiLower(p->value) == "cancelled";
      } else if (p->name == "RRULE") {
        event->rrule_line = l.number;
        event->rrule = p->value;
      }
    }
    if (!saw_calendar) {
      return InvalidArgument("this is not an iCalendar file: it has no BEGIN:VCALENDAR")
          .WithField("ics", "is not an iCalendar file: it has no BEGIN:VCALENDAR");
    }
    if (!stack.empty()) {
      Problem(stack.back().second, "BEGIN:" + stack.back().first + " is never closed");
    }
    if (too_many_) {
      return ResourceExhausted("the calendar holds more than 5000 days of holidays")
          .WithField("ics", "holds more than 5000 days of holidays")
          .WithKind("payload-too-large");
    }
    if (!problems_.empty()) return Fail();
    ICalHolidays out;
    out.events = events_;
    out.cancelled = cancelled_;
    out.calendar_name = calendar_name_;
    for (const auto& [day, name] : days_) out.holidays.push_back({DateOfDay(day), name});
    return out;
  }

  Status Fail() {
    Status st = InvalidArgument("the calendar cannot be read: " + problems_.front());
    for (const std::string& p : problems_) st.WithField("ics", p);
    return st;
  }

 private:
  const ICalOptions& options_;
  std::vector<std::string> problems_;
  std::map<int64_t, std::string> days_;
  int events_ = 0;
  int cancelled_ = 0;
  bool too_many_ = false;
  std::string calendar_name_;
};

}  // namespace

Result<ICalHolidays> ParseICalHolidays(std::string_view text, const ICalOptions& options) {
  Parser p(options);
  return p.Run(text);
}

}  // namespace sahayak::domain
