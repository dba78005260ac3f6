#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sahayak::domain {

// One line of a line-by-line diff between two texts (article revisions).
struct DiffLine {
  enum class Op { kEqual, kInsert, kDelete };
  Op op;
  std::string text;  // the line without its line break
};

// The lines of `from` and `to` compared: every line of `from` appears once as kEqual or
// kDelete and every line of `to` once as kEqual or kInsert, in order, so the kEqual+kDelete
// lines rebuild `from` and the kEqual+kInsert lines rebuild `to`. Within a changed region the
// deletions come before the insertions. The result is a shortest edit script (Myers).
// - Lines end at "\n", "\r\n" or a lone "\r"; the break itself is not part of `text`, so
//   "a\r\nb" and "a\nb" compare equal. A trailing line break does not make an extra empty
//   line ("a\n" is one line "a"; "" is no lines).
// - Lines are compared byte for byte (UTF-8 text in any script).
// - Work and memory are bounded: after the common first and last lines are set aside, when
//   the shortest edit script of the middle has more than kMaxDiffEdits changed lines, or
//   finding it would compare more than kMaxDiffWork lines, that middle is reported as all of
//   it deleted and then all of it inserted (still a correct, just not minimal, diff). Peak
//   memory stays near 4 * kMaxDiffEdits^2 bytes (16 MB).
std::vector<DiffLine> DiffLines(std::string_view from, std::string_view to);

inline constexpr size_t kMaxDiffEdits = 2000;
inline constexpr size_t kMaxDiffWork = 50'000'000;

}  // namespace sahayak::domain
