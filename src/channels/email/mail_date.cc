#include "channels/email/mail_date.h"

#include <cstdint>
#include <string>
#include <vector>

namespace sahayak::channels {
namespace {

char LowerDateChar(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}

bool IsDateSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::string_view TrimDateSpace(std::string_view s) {
  while (!s.empty() && IsDateSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsDateSpace(s.back())) s.remove_suffix(1);
  return s;
}

int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return kDays[m - 1];
}

int MonthNumber(std::string_view token) {
  static const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                  "jul", "aug", "sep", "oct", "nov", "dec"};
  if (token.size() < 3) return 0;
  for (int i = 0; i < 12; ++i) {
    if (LowerDateChar(token[0]) == kMonths[i][0] && LowerDateChar(token[1]) == kMonths[i][1] &&
        LowerDateChar(token[2]) == kMonths[i][2]) {
      return i + 1;
    }
  }
  return 0;
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool ZoneByName(std::string_view token, int* minutes) {
  static const struct {
    const char* name;
    int offset;
  } kZones[] = {{"ut", 0},     {"utc", 0},    {"gmt", 0},    {"z", 0},      {"est", -300},
                {"edt", -240}, {"cst", -360}, {"cdt", -300}, {"mst", -420}, {"mdt", -360},
                {"pst", -480}, {"pdt", -420}, {"ist", 330}};
  std::string lower;
  for (char c : token) lower.push_back(LowerDateChar(c));
  for (const auto& z : kZones) {
    if (lower == z.name) {
      *minutes = z.offset;
      return true;
    }
  }
  return false;
}

}  // namespace

std::optional<Millis> ParseMailDate(std::string_view raw) {
  std::string text;
  int depth = 0;
  for (char c : raw) {
    if (c == '(') {
      ++depth;
    } else if (c == ')') {
      if (depth > 0) --depth;
    } else if (depth == 0) {
      text.push_back(c == ',' ? ' ' : c);
    }
  }
  std::vector<std::string_view> tokens;
  std::string_view rest(text);
  while (true) {
    rest = TrimDateSpace(rest);
    if (rest.empty()) break;
    size_t n = 0;
    while (n < rest.size() && !IsDateSpace(rest[n])) ++n;
    tokens.push_back(rest.substr(0, n));
    rest.remove_prefix(n);
    if (tokens.size() > 12) return std::nullopt;
  }
  if (tokens.size() == 1 && tokens[0].find('T') != std::string_view::npos) {
    Millis t = 0;
    if (ParseRfc3339(std::string(tokens[0]), &t)) return t;
    return std::nullopt;
  }
  int day = 0, month = 0, year = -1, hour = 0, minute = 0, second = 0, zone = 0;
  bool have_time = false;
  bool have_zone = false;
  for (std::string_view t : tokens) {
    if (t.find(':') != std::string_view::npos && !have_time) {
      int parts[3] = {0, 0, 0};
      int count = 0;
      size_t start = 0;
      for (size_t k = 0; k <= t.size() && count < 3; ++k) {
        if (k == t.size() || t[k] == ':') {
          std::string_view piece = t.substr(start, k - start);
          if (!AllDigits(piece) || piece.size() > 2) return std::nullopt;
          parts[count++] = std::stoi(std::string(piece));
          start = k + 1;
        }
      }
      if (count < 2) return std::nullopt;
      hour = parts[0];
      minute = parts[1];
      second = parts[2];
      have_time = true;
    } else if ((t[0] == '+' || t[0] == '-') && t.size() == 5 && AllDigits(t.substr(1))) {
      const int hh = std::stoi(std::string(t.substr(1, 2)));
      const int mm = std::stoi(std::string(t.substr(3, 2)));
      if (hh > 23 || mm > 59) return std::nullopt;
      zone = (hh * 60 + mm) * (t[0] == '-' ? -1 : 1);
      have_zone = true;
    } else if (AllDigits(t)) {
      if (t.size() > 4) return std::nullopt;
      const int v = std::stoi(std::string(t));
      if (day == 0 && t.size() <= 2 && v >= 1 && v <= 31) {
        day = v;
      } else if (year < 0) {
        year = t.size() == 2 ? (v < 50 ? 2000 + v : 1900 + v) : (t.size() == 3 ? 1900 + v : v);
      } else {
        return std::nullopt;
      }
    } else if (month == 0 && MonthNumber(t) != 0 && (t.size() == 3 || t.size() <= 9)) {
      month = MonthNumber(t);
    } else if (!have_zone && have_time && ZoneByName(t, &zone)) {
      have_zone = true;
    }
    // Anything else (a weekday, "at", an unknown zone name) is skipped.
  }
  if (day == 0 || month == 0 || year < 1970 || year > 9999) return std::nullopt;
  if (day > DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 60) {
    return std::nullopt;
  }
  const int64_t days =
      DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  const int64_t seconds =
      days * 86400 + hour * 3600 + minute * 60 + (second == 60 ? 59 : second) - zone * 60;
  return static_cast<Millis>(seconds) * 1000;
}

}  // namespace sahayak::channels
