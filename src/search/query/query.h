#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sahayak::search::query {

// Byte offsets [begin, end) into the query text, so the console can underline a problem.
// The text is the query after ill-formed UTF-8 is replaced (RepairUtf8) and NFC (ToNfc): an
// API showing spans to a browser converts them from bytes of ToNfc(RepairUtf8(q)).
struct Span {
  size_t begin = 0;
  size_t end = 0;
};

// Something the parser had to say about a query. The search still runs: a warning means a
// part was read in a way the agent may not have meant (an unclosed quote closed at the end);
// `ignored` means a part was left out (a date that is not a date). `code` is stable (the
// console translates it); `message` is English for API users; `span` points at the part.
struct Problem {
  std::string code;  // "unclosed-quote", "unbalanced-parenthesis", "unknown-field",
                     // "unknown-value", "bad-date", "empty-value", "dangling-operator",
                     // "too-long", "too-many-terms", "too-deep", "only-negative"
  std::string message;
  Span span;
  bool ignored = false;
};

enum class Compare { kLess, kLessOrEqual, kEqual, kGreaterOrEqual, kGreater };

// A node of the parsed query. Words are kept as written (the searcher runs them through the
// Analyzer, so NFC and folding happen in one place).
struct Node {
  enum class Kind {
    kWord,    // text: one word (may analyse to several terms: "ORD-2231")
    kPhrase,  // text: the words between quotes, in order
    kPrefix,  // text: the word before '*'
    kField,   // field + value: status:open, tag:vip, assignee:me, has:attachment, #1234 …
    kDate,    // field ("created" | "updated") + compare + millis: the bound as an instant
    kAnd,     // children: two or more, all required
    kOr,      // children: two or more, any
    kNot,     // children: exactly one, excluded
  };
  Kind kind = Kind::kWord;
  // kWord, kPhrase, kPrefix: see above. A node made from one field term (kField, kDate, and
  // the kOr/kAnd that status:unsolved, is:open or created:2026-01-01 expand into) carries the
  // term's canonical spelling here ("status:open", "updated<7d"); Canonical() writes it.
  std::string text;
  // Canonical field names: status priority type channel assignee group tag requester org
  // lang has is number created updated. Aliases map to them (organization: → org,
  // organisation: → org, language: → lang).
  std::string field;
  std::string value;  // as written, without quotes; for number: the digits
  Compare compare = Compare::kEqual;
  int64_t millis = 0;  // kDate: ms since the epoch
  std::vector<Node> children;
  Span span;
};

struct ParsedQuery {
  bool has_root = false;  // false when nothing searchable is left ("" or only ignored parts)
  Node root;
  std::vector<Problem> problems;

  // The query written back in one normal form ("parcel AND (status:open OR status:pending)");
  // two queries that mean the same read the same. Used for saved views and cursors.
  std::string Canonical() const;
  // Words and phrase words that are not under a NOT, for highlighting snippets.
  std::vector<std::string> HighlightWords() const;
};

struct ParseOptions {
  int64_t now_millis = 0;  // for relative dates: updated<7d
  // Offset of the searcher's time zone from UTC, in minutes (IST: 330), for whole-day dates:
  // created>2026-01-01 means after the end of 1 January there.
  int utc_offset_minutes = 330;
};

// Limits, so one query cannot make the searcher do unbounded work.
constexpr size_t kMaxQueryBytes = 1000;
constexpr size_t kMaxQueryTerms = 64;
constexpr size_t kMaxQueryDepth = 16;

// Parses a search box query. Never fails: every problem is reported in `problems` (at most
// 32), and what could be understood is in `root`. Precedence, as in the mail search agents know: NOT (or a
// leading '-') binds tightest, then OR, then AND, which is also what juxtaposition means
// ("parcel late" = "parcel AND late"). Parentheses group. Thread-safe.
ParsedQuery Parse(std::string_view text, const ParseOptions& options);

}  // namespace sahayak::search::query
