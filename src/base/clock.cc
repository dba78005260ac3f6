#include "base/clock.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>

namespace sahayak {

Millis SystemClock::Now() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

SystemClock& SystemClock::Get() {
  static SystemClock clock;
  return clock;
}

int64_t MonotonicNanos() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

namespace {

// Days from 1970-01-01 to the given civil date (proleptic Gregorian), after H. Hinnant.
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

// The civil date of a day count from 1970-01-01, after H. Hinnant.
void CivilFromDays(int64_t z, int64_t* y, unsigned* m, unsigned* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<int64_t>(yoe) + era * 400 + (*m <= 2);
}

void PutDigits(char* out, int64_t v, int width) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

bool ReadDigits(const std::string& s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

}  // namespace

// Every ticket in a response carries several timestamps, so this avoids gmtime and printf.
std::string FormatRfc3339(Millis t) {
  const int64_t secs = t >= 0 ? t / 1000 : (t - 999) / 1000;
  const int64_t ms = t - secs * 1000;
  const int64_t days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
  const int64_t sod = secs - days * 86400;
  int64_t y;
  unsigned m, d;
  CivilFromDays(days, &y, &m, &d);
  if (y < 0 || y > 9999) y = y < 0 ? 0 : 9999;
  std::string out = "0000-00-00T00:00:00.000Z";
  PutDigits(&out[0], y, 4);
  PutDigits(&out[5], m, 2);
  PutDigits(&out[8], d, 2);
  PutDigits(&out[11], sod / 3600, 2);
  PutDigits(&out[14], sod / 60 % 60, 2);
  PutDigits(&out[17], sod % 60, 2);
  PutDigits(&out[20], ms, 3);
  return out;
}

bool IsValidDate(const std::string& s) {
  int y, m, d;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  if (!ReadDigits(s, 0, 4, &y) || !ReadDigits(s, 5, 2, &m) || !ReadDigits(s, 8, 2, &d)) {
    return false;
  }
  return m >= 1 && m <= 12 && d >= 1 && d <= DaysInMonth(y, m);
}

bool DayNumber(const std::string& date, int64_t* days) {
  if (!IsValidDate(date)) return false;
  int y = 0, m = 0, d = 0;
  ReadDigits(date, 0, 4, &y);
  ReadDigits(date, 5, 2, &m);
  ReadDigits(date, 8, 2, &d);
  *days = DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
  return true;
}

std::string DateOfDay(int64_t days) {
  int64_t y;
  unsigned m, d;
  CivilFromDays(days, &y, &m, &d);
  std::string out = "0000-00-00";
  PutDigits(&out[0], y, 4);
  PutDigits(&out[5], m, 2);
  PutDigits(&out[8], d, 2);
  return out;
}

std::string AddDays(const std::string& date, int n) {
  int64_t days = 0;
  if (!DayNumber(date, &days)) return date;
  return DateOfDay(days + n);
}

int WeekdayOf(const std::string& date) {
  int64_t days = 0;
  DayNumber(date, &days);
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  return static_cast<int>(((days % 7) + 7 + 3) % 7);
}

bool ParseRfc3339(const std::string& s, Millis* out) {
  int offset_minutes = 0;
  return ParseRfc3339Zoned(s, out, &offset_minutes);
}

namespace {

constexpr int kMaxOffsetMinutes = 18 * 60;

// "2026-12-03T14:05:00" (19 characters) for local time `t` + `offset_minutes`.
std::string LocalDateTime(Millis t, int offset_minutes) {
  std::string full = FormatRfc3339(t + static_cast<Millis>(offset_minutes) * 60000);
  return full.substr(0, 19);
}

}  // namespace

std::string FormatRfc3339Zoned(Millis t, int offset_minutes) {
  offset_minutes = std::clamp(offset_minutes, -kMaxOffsetMinutes, kMaxOffsetMinutes);
  std::string out = LocalDateTime(t, offset_minutes);
  if (offset_minutes == 0) return out + "Z";
  const int a = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  char zone[7] = {offset_minutes < 0 ? '-' : '+', '0', '0', ':', '0', '0', '\0'};
  PutDigits(&zone[1], a / 60, 2);
  PutDigits(&zone[4], a % 60, 2);
  return out + zone;
}

std::string DateAt(Millis t, int offset_minutes) {
  offset_minutes = std::clamp(offset_minutes, -kMaxOffsetMinutes, kMaxOffsetMinutes);
  return LocalDateTime(t, offset_minutes).substr(0, 10);
}

bool ParseRfc3339Zoned(const std::string& s, Millis* out, int* offset_out) {
  if (s.size() < 20 || !IsValidDate(s.substr(0, 10))) return false;
  if (s[10] != 'T' && s[10] != 't' && s[10] != ' ') return false;
  int y, mo, d, h, mi, se;
  ReadDigits(s, 0, 4, &y);
  ReadDigits(s, 5, 2, &mo);
  ReadDigits(s, 8, 2, &d);
  if (!ReadDigits(s, 11, 2, &h) || s[13] != ':' || !ReadDigits(s, 14, 2, &mi) || s[16] != ':' ||
      !ReadDigits(s, 17, 2, &se) || h > 23 || mi > 59 || se > 60) {
    return false;
  }
  size_t pos = 19;
  int ms = 0;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    int digits = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (digits < 3) ms = ms * 10 + (s[pos] - '0');
      ++digits;
      ++pos;
    }
    if (digits == 0) return false;
    for (int i = digits; i < 3; ++i) ms *= 10;
  }
  int64_t offset_min = 0;
  if (pos == s.size() - 1 && (s[pos] == 'Z' || s[pos] == 'z')) {
    offset_min = 0;
  } else if (pos + 6 == s.size() && (s[pos] == '+' || s[pos] == '-') && s[pos + 3] == ':') {
    int oh, om;
    if (!ReadDigits(s, pos + 1, 2, &oh) || !ReadDigits(s, pos + 4, 2, &om) || oh > 23 ||
        om > 59) {
      return false;
    }
    offset_min = (oh * 60 + om) * (s[pos] == '+' ? 1 : -1);
  } else {
    return false;
  }
  int64_t days = DaysFromCivil(y, mo, d);
  int64_t secs = days * 86400 + h * 3600 + mi * 60 + se - offset_min * 60;
  *out = secs * 1000 + ms;
  *offset_out = static_cast<int>(offset_min);
  return true;
}

}  // namespace sahayak
