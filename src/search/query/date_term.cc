#include "search/query/date_term.h"

#include <cstdint>
#include <cstdio>
#include <limits>
#include <string>
#include <utility>

#include "search/query/field_term.h"

namespace sahayak::search::query::internal {
namespace {

constexpr int64_t kHour = 3600LL * 1000;
constexpr int64_t kDay = 24 * kHour;
constexpr int64_t kMaxAge = 100000;  // in units: 100000y is far enough back

// Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (Howard Hinnant's
// days_from_civil).
int64_t DaysFromCivil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

// The value with Devanagari and Kannada digits as ASCII and ASCII letters in lower case.
std::string Normalise(std::string_view value) {
  std::string out;
  size_t pos = 0;
  while (pos < value.size()) {
    size_t len = 0;
    DecodeAt(value, pos, &len);
    std::string digit;
    if (ToAsciiDigits(value.substr(pos, len), &digit)) {
      out += digit;
    } else if (len == 1 && value[pos] >= 'A' && value[pos] <= 'Z') {
      out += static_cast<char>(value[pos] - 'A' + 'a');
    } else {
      out.append(value.substr(pos, len));
    }
    pos += len;
  }
  return out;
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int64_t SaturatingSub(int64_t a, int64_t b) {
  if (b > 0 && a < std::numeric_limits<int64_t>::min() + b) {
    return std::numeric_limits<int64_t>::min();
  }
  return a - b;
}

// A whole period: [start, end) in ms, and its normalised spelling.
struct Period {
  int64_t start = 0;
  int64_t end = 0;
  std::string spelling;
};

// 2026, 2026-01 or 2026-01-31 (one-digit months and days allowed).
std::optional<Period> ParsePeriod(std::string_view v, int utc_offset_minutes) {
  const size_t dash1 = v.find('-');
  const std::string_view ys = v.substr(0, dash1);
  if (ys.size() != 4 || !AllDigits(ys)) return std::nullopt;
  const int y = std::stoi(std::string(ys));
  if (y < 1) return std::nullopt;
  int m = 0;
  int d = 0;
  if (dash1 != std::string_view::npos) {
    const std::string_view rest = v.substr(dash1 + 1);
    const size_t dash2 = rest.find('-');
    const std::string_view ms = rest.substr(0, dash2);
    if (ms.empty() || ms.size() > 2 || !AllDigits(ms)) return std::nullopt;
    m = std::stoi(std::string(ms));
    if (m < 1 || m > 12) return std::nullopt;
    if (dash2 != std::string_view::npos) {
      const std::string_view ds = rest.substr(dash2 + 1);
      if (ds.empty() || ds.size() > 2 || !AllDigits(ds)) return std::nullopt;
      d = std::stoi(std::string(ds));
      if (d < 1 || d > DaysInMonth(y, m)) return std::nullopt;
    }
  }
  int64_t first = 0;
  int64_t next = 0;
  char buf[32];
  if (m == 0) {
    first = DaysFromCivil(y, 1, 1);
    next = DaysFromCivil(y + 1, 1, 1);
    std::snprintf(buf, sizeof buf, "%04d", y);
  } else if (d == 0) {
    first = DaysFromCivil(y, m, 1);
    next = first + DaysInMonth(y, m);
    std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
  } else {
    first = DaysFromCivil(y, m, d);
    next = first + 1;
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  }
  const int64_t offset = static_cast<int64_t>(utc_offset_minutes) * 60 * 1000;
  return Period{first * kDay - offset, next * kDay - offset, buf};
}

// 7d, 12h, 2w, 3m (30 days), 1y (365 days): the age in ms and its normalised spelling.
std::optional<std::pair<int64_t, std::string>> ParseAge(std::string_view v) {
  if (v.size() < 2) return std::nullopt;
  const std::string_view digits = v.substr(0, v.size() - 1);
  if (!AllDigits(digits) || digits.size() > 9) return std::nullopt;
  const int64_t n = std::stoll(std::string(digits));
  if (n > kMaxAge) return std::nullopt;
  int64_t unit = 0;
  switch (v.back()) {
    case 'h':
      unit = kHour;
      break;
    case 'd':
      unit = kDay;
      break;
    case 'w':
      unit = 7 * kDay;
      break;
    case 'm':
      unit = 30 * kDay;
      break;
    case 'y':
      unit = 365 * kDay;
      break;
    default:
      return std::nullopt;
  }
  return std::make_pair(n * unit, std::to_string(n) + v.back());
}

Node DateNode(const Token& token, Compare compare, int64_t millis, std::string value,
              std::string text) {
  Node node;
  node.kind = Node::Kind::kDate;
  node.field = token.name;
  node.compare = compare;
  node.millis = millis;
  node.value = std::move(value);
  node.text = std::move(text);
  node.span = token.span;
  return node;
}

}  // namespace

std::optional<Node> BuildDate(const Token& token, const ParseOptions& options, Problems* problems) {
  const std::string v = Normalise(token.text);
  const std::string& f = token.name;
  const std::string& op = token.op;
  if (auto age = ParseAge(v)) {
    const int64_t bound = SaturatingSub(options.now_millis, age->first);
    // An age compares the other way round: updated<7d is "less than 7 days ago".
    if (op == ">") {
      return DateNode(token, Compare::kLess, bound, age->second, f + ">" + age->second);
    }
    if (op == ">=") {
      return DateNode(token, Compare::kLessOrEqual, bound, age->second, f + ">=" + age->second);
    }
    return DateNode(token, Compare::kGreaterOrEqual, bound, age->second, f + "<" + age->second);
  }
  if (auto period = ParsePeriod(v, options.utc_offset_minutes)) {
    const std::string& p = period->spelling;
    if (op == ">") return DateNode(token, Compare::kGreaterOrEqual, period->end, p, f + ">" + p);
    if (op == ">=") {
      return DateNode(token, Compare::kGreaterOrEqual, period->start, p, f + ">=" + p);
    }
    if (op == "<") return DateNode(token, Compare::kLess, period->start, p, f + "<" + p);
    if (op == "<=") return DateNode(token, Compare::kLess, period->end, p, f + "<=" + p);
    Node within;
    within.kind = Node::Kind::kAnd;
    within.field = f;
    within.value = p;
    within.text = f + ":" + p;
    within.span = token.span;
    within.children.push_back(DateNode(token, Compare::kGreaterOrEqual, period->start, p, ""));
    within.children.push_back(DateNode(token, Compare::kLess, period->end, p, ""));
    return within;
  }
  problems->Ignore("bad-date",
                   "Not a date or an age: \"" + token.text + "\"; write " + f + ">2026-01-31, " +
                       f + ":2026-01, " + f + "<2026 or an age such as " + f + "<7d (h, d, w, " +
                       "m = 30 days, y = 365 days).",
                   token.value_span);
  return std::nullopt;
}

}  // namespace sahayak::search::query::internal
