#include "domain/text_diff.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <optional>

namespace sahayak::domain {
namespace {

using Lines = std::vector<std::string_view>;

// Lines end at "\n", "\r\n" or "\r"; a break at the very end starts no further line.
Lines SplitLines(std::string_view s) {
  Lines lines;
  size_t start = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\n' || s[i] == '\r') {
      lines.push_back(s.substr(start, i - start));
      if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') {
        ++i;
      }
      start = i + 1;
    }
  }
  if (start < s.size()) {
    lines.push_back(s.substr(start));
  }
  return lines;
}

void Append(std::vector<DiffLine>* out, DiffLine::Op op, std::string_view text) {
  out->push_back(DiffLine{op, std::string(text)});
}

// Myers' O(ND) shortest edit script of a and b, with every step's frontier kept for the walk
// back; nullopt beyond kMaxDiffEdits edits or kMaxDiffWork comparisons.
std::optional<std::vector<DiffLine>> Myers(const Lines& a, const Lines& b) {
  const long n = static_cast<long>(a.size());
  const long m = static_cast<long>(b.size());
  const long max = n + m;
  const long offset = max + 1;
  std::vector<long> v(static_cast<size_t>(2 * max + 3), 0);
  std::vector<std::vector<int32_t>> trace;  // trace[d][k + d]: v[k] before step d
  size_t work = 0;
  long found = -1;
  for (long d = 0; d <= max && found < 0; ++d) {
    work += static_cast<size_t>(2 * d + 1);
    if (static_cast<size_t>(d) > kMaxDiffEdits || work > kMaxDiffWork) {
      return std::nullopt;
    }
    trace.emplace_back(v.begin() + (offset - d), v.begin() + (offset + d + 1));
    for (long k = -d; k <= d; k += 2) {
      long x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]))
                   ? v[offset + k + 1]
                   : v[offset + k - 1] + 1;
      long y = x - k;
      while (x < n && y < m && a[x] == b[y]) {
        ++x;
        ++y;
        ++work;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  std::vector<DiffLine> reversed;
  long x = n;
  long y = m;
  for (long d = found; d > 0; --d) {
    const std::vector<int32_t>& prev = trace[d];
    const auto at = [&](long k) { return prev[k + d]; };
    const long k = x - y;
    const long prev_k = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? k + 1 : k - 1;
    const long prev_x = at(prev_k);
    const long prev_y = prev_x - prev_k;
    while (x > prev_x && y > prev_y) {
      Append(&reversed, DiffLine::Op::kEqual, a[--x]);
      --y;
    }
    if (x == prev_x) {
      Append(&reversed, DiffLine::Op::kInsert, b[--y]);
    } else {
      Append(&reversed, DiffLine::Op::kDelete, a[--x]);
    }
  }
  while (x > 0 && y > 0) {
    Append(&reversed, DiffLine::Op::kEqual, a[--x]);
    --y;
  }
  std::reverse(reversed.begin(), reversed.end());
  return reversed;
}

// Deletions before insertions inside every run of changed lines.
void OrderChanges(std::vector<DiffLine>* lines) {
  auto it = lines->begin();
  while (it != lines->end()) {
    if (it->op == DiffLine::Op::kEqual) {
      ++it;
      continue;
    }
    auto end = std::find_if(it, lines->end(),
                            [](const DiffLine& l) { return l.op == DiffLine::Op::kEqual; });
    std::stable_partition(it, end,
                          [](const DiffLine& l) { return l.op == DiffLine::Op::kDelete; });
    it = end;
  }
}

}  // namespace

std::vector<DiffLine> DiffLines(std::string_view from, std::string_view to) {
  const Lines a = SplitLines(from);
  const Lines b = SplitLines(to);
  size_t head = 0;
  while (head < a.size() && head < b.size() && a[head] == b[head]) {
    ++head;
  }
  size_t tail = 0;
  while (tail < a.size() - head && tail < b.size() - head &&
         a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) {
    ++tail;
  }
  const Lines mid_a(a.begin() + head, a.end() - tail);
  const Lines mid_b(b.begin() + head, b.end() - tail);

  std::vector<DiffLine> out;
  out.reserve(a.size() + b.size());
  for (size_t i = 0; i < head; ++i) {
    Append(&out, DiffLine::Op::kEqual, a[i]);
  }
  std::optional<std::vector<DiffLine>> middle;
  // Lines are counted in int32_t inside Myers; far more than an article can hold.
  if (mid_a.size() < (1u << 30) && mid_b.size() < (1u << 30)) {
    middle = Myers(mid_a, mid_b);
  }
  if (middle.has_value()) {
    OrderChanges(&*middle);
    std::move(middle->begin(), middle->end(), std::back_inserter(out));
  } else {
    for (const std::string_view line : mid_a) {
      Append(&out, DiffLine::Op::kDelete, line);
    }
    for (const std::string_view line : mid_b) {
      Append(&out, DiffLine::Op::kInsert, line);
    }
  }
  for (size_t i = a.size() - tail; i < a.size(); ++i) {
    Append(&out, DiffLine::Op::kEqual, a[i]);
  }
  return out;
}

}  // namespace sahayak::domain
