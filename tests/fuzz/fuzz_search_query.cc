// libFuzzer target for the search box query parser (search/query/query.h): any bytes an agent
// or an API client may type. Beyond "no crash, no leak, no undefined behaviour" it checks the
// contracts: problem and node spans lie within the NFC-normalised query, the tree is well
// formed and within kMaxQueryTerms and kMaxQueryDepth, and Canonical() is valid UTF-8 within
// kMaxQueryBytes that reads back to itself without hitting a limit.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/text.h"
#include "fuzz_assert.h"
#include "search/query/query.h"

namespace {

namespace q = sahayak::search::query;

// Checks one node and its subtree; returns its depth and adds its leaves to `*leaves`.
size_t CheckNode(const q::Node& node, size_t text_size, size_t* leaves, const std::string& c) {
  FUZZ_ASSERT_FALSE(node.span.begin > node.span.end || node.span.end > text_size,
                    "node span outside the query", c);
  size_t deepest = 0;
  for (const q::Node& child : node.children) {
    deepest = std::max(deepest, CheckNode(child, text_size, leaves, c));
  }
  switch (node.kind) {
    case q::Node::Kind::kAnd:
    case q::Node::Kind::kOr:
      FUZZ_ASSERT_FALSE(node.children.size() < 2, "AND/OR with fewer than two children", c);
      break;
    case q::Node::Kind::kNot:
      FUZZ_ASSERT_FALSE(node.children.size() != 1, "NOT without exactly one child", c);
      break;
    case q::Node::Kind::kWord:
    case q::Node::Kind::kPhrase:
    case q::Node::Kind::kPrefix:
      FUZZ_ASSERT_FALSE(node.text.empty() || !sahayak::IsValidUtf8(node.text),
                        "empty or malformed word", c);
      [[fallthrough]];
    default:
      FUZZ_ASSERT_FALSE(!node.children.empty(), "a term with children", c);
      ++*leaves;
  }
  return deepest + 1;
}

void CheckParse(const q::ParsedQuery& parsed, size_t text_size, const std::string& c) {
  FUZZ_ASSERT_FALSE(parsed.problems.size() > 32, "more than 32 problems", c);
  for (const q::Problem& p : parsed.problems) {
    FUZZ_ASSERT_FALSE(p.span.begin > p.span.end || p.span.end > text_size,
                      "problem span outside the query", p.code);
    FUZZ_ASSERT_FALSE(p.message.empty() || !sahayak::IsValidUtf8(p.message),
                      "empty or malformed message", p.code);
  }
  if (!parsed.has_root) {
    FUZZ_ASSERT_FALSE(!c.empty(), "canonical text without a root", c);
    return;
  }
  size_t leaves = 0;
  const size_t depth = CheckNode(parsed.root, text_size, &leaves, c);
  FUZZ_ASSERT_FALSE(depth > q::kMaxQueryDepth, "tree deeper than kMaxQueryDepth", c);
  FUZZ_ASSERT_FALSE(leaves > q::kMaxQueryTerms, "more than kMaxQueryTerms terms", c);
  for (const std::string& w : parsed.HighlightWords()) {
    FUZZ_ASSERT_FALSE(w.empty() || !sahayak::IsValidUtf8(w), "bad highlight word", c);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  q::ParseOptions options;
  options.now_millis = 1773576000000;  // 2026-03-15T12:00Z

  const q::ParsedQuery parsed = q::Parse(input, options);
  const std::string canonical = parsed.Canonical();
  const size_t text_size = sahayak::ToNfc(sahayak::RepairUtf8(input)).size();
  CheckParse(parsed, text_size, canonical);

  FUZZ_ASSERT_TRUE(sahayak::IsValidUtf8(canonical), "canonical text is not UTF-8");
  FUZZ_ASSERT_FALSE(canonical.size() > q::kMaxQueryBytes, "canonical text too long", canonical);
  const q::ParsedQuery again = q::Parse(canonical, options);
  CheckParse(again, canonical.size(), canonical);
  FUZZ_ASSERT_FALSE(again.Canonical() != canonical, "canonical text does not read back the same",
                    canonical + "  →  " + again.Canonical());
  for (const q::Problem& p : again.problems) {
    FUZZ_ASSERT_FALSE(p.code == "too-long" || p.code == "too-many-terms" || p.code == "too-deep",
                      "canonical text hits a limit", p.code + ": " + canonical);
  }
  return 0;
}
