#include "domain/text_diff.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sahayak::domain {
namespace {

using Op = DiffLine::Op;

std::string Show(const std::vector<DiffLine>& lines) {
  std::string out;
  for (const DiffLine& l : lines) {
    out += l.op == Op::kEqual ? ' ' : l.op == Op::kInsert ? '+' : '-';
    out += l.text;
    out += '|';
  }
  return out;
}

// The side `op` belongs to, rebuilt with "\n" after every line.
std::string Rebuild(const std::vector<DiffLine>& lines, Op side) {
  std::string out;
  for (const DiffLine& l : lines) {
    if (l.op == Op::kEqual || l.op == side) {
      out += l.text + "\n";
    }
  }
  return out;
}

size_t Changes(const std::vector<DiffLine>& lines) {
  size_t n = 0;
  for (const DiffLine& l : lines) {
    n += l.op != Op::kEqual;
  }
  return n;
}

TEST(TextDiff, EmptyAndIdentical) {
  EXPECT_TRUE(DiffLines("", "").empty());
  EXPECT_EQ(Show(DiffLines("a\nb\n", "a\nb\n")), " a| b|");
  EXPECT_EQ(Show(DiffLines("", "x\n")), "+x|");
  EXPECT_EQ(Show(DiffLines("x", "")), "-x|");
}

TEST(TextDiff, ChangedLineInTheMiddle) {
  EXPECT_EQ(Show(DiffLines("a\nb\nc\n", "a\nB\nc\n")), " a|-b|+B| c|");
}

TEST(TextDiff, InsertionsAndDeletions) {
  EXPECT_EQ(Show(DiffLines("a\nc\n", "a\nb\nc\n")), " a|+b| c|");
  EXPECT_EQ(Show(DiffLines("a\nb\nc\n", "a\nc\n")), " a|-b| c|");
  EXPECT_EQ(Show(DiffLines("x\na\nb\n", "a\nb\ny\n")), "-x| a| b|+y|");
}

TEST(TextDiff, LineBreakStylesAndTrailingNewline) {
  EXPECT_EQ(Show(DiffLines("a\r\nb\r\n", "a\nb")), " a| b|");
  EXPECT_EQ(Show(DiffLines("a\rb", "a\nb\n")), " a| b|");
  // An empty line is a line.
  EXPECT_EQ(Show(DiffLines("a\n\nb\n", "a\nb\n")), " a|-| b|");
}

TEST(TextDiff, Utf8Lines) {
  EXPECT_EQ(Show(DiffLines("पार्सल\nಪಾರ್ಸೆಲ್\n", "पार्सल\nಪಾರ್ಸೆಲ್ ಬಂದಿದೆ\n")),
            " पार्सल|-ಪಾರ್ಸೆಲ್|+ಪಾರ್ಸೆಲ್ ಬಂದಿದೆ|");
}

TEST(TextDiff, ShortestScriptAndBothSidesRebuilt) {
  // Classic Myers example: ABCABBA -> CBABAC has edit distance 5.
  const std::string from = "A\nB\nC\nA\nB\nB\nA\n";
  const std::string to = "C\nB\nA\nB\nA\nC\n";
  const auto diff = DiffLines(from, to);
  EXPECT_EQ(Changes(diff), 5u) << Show(diff);
  EXPECT_EQ(Rebuild(diff, Op::kDelete), from);
  EXPECT_EQ(Rebuild(diff, Op::kInsert), to);
}

TEST(TextDiff, DeletionsComeBeforeInsertionsInARun) {
  const auto diff = DiffLines("k\na\nb\nk\n", "k\nx\ny\nk\n");
  EXPECT_EQ(Show(diff), " k|-a|-b|+x|+y| k|");
}

TEST(TextDiff, LargeTextsStayCorrectAndBounded) {
  std::string from;
  std::string to;
  for (int i = 0; i < 20000; ++i) {
    from += "line " + std::to_string(i) + "\n";
    to += "line " + std::to_string(i % 7 == 3 ? -i : i) + "\n";  // ~2,900 changed lines
  }
  const auto diff = DiffLines(from, to);
  EXPECT_EQ(Rebuild(diff, Op::kDelete), from);
  EXPECT_EQ(Rebuild(diff, Op::kInsert), to);
  // Beyond the cap the changed middle is all deleted, then all inserted; the common first
  // and last lines are still found.
  EXPECT_EQ(Show({diff.begin(), diff.begin() + 4}), " line 0| line 1| line 2|-line 3|");
  ASSERT_EQ(diff.size(), 3u + 2 * 19993 + 4);
  EXPECT_EQ(Show({diff.begin() + 19995, diff.begin() + 19997}), "-line 19995|+line -3|");
  EXPECT_EQ(Show({diff.end() - 1, diff.end()}), " line 19999|");
}

TEST(TextDiff, SmallEditInALongTextIsMinimal) {
  std::string from;
  for (int i = 0; i < 8000; ++i) {
    from += "row " + std::to_string(i) + "\n";
  }
  std::string to = from;
  to.replace(to.find("row 100\n"), 8, "row hundred\n");
  to += "appended\n";
  const auto diff = DiffLines(from, to);
  EXPECT_EQ(Changes(diff), 3u);
  EXPECT_EQ(Rebuild(diff, Op::kInsert), to);
}

}  // namespace
}  // namespace sahayak::domain
