#include "search/query/canonical.h"

#include <algorithm>
#include <vector>

#include "search/query/field_term.h"
#include "search/query/lexer.h"

namespace sahayak::search::query {
namespace internal {
namespace {

const char* CompareOp(Compare c) {
  switch (c) {
    case Compare::kLess:
      return "<";
    case Compare::kLessOrEqual:
      return "<=";
    case Compare::kEqual:
      return ":";
    case Compare::kGreaterOrEqual:
      return ">=";
    case Compare::kGreater:
      return ">";
  }
  return ":";
}

bool IsGroup(const Node& node) {
  return (node.kind == Node::Kind::kAnd || node.kind == Node::Kind::kOr) && !IsAtomic(node);
}

void Write(const Node& node, std::string* out);

// A child of a NOT, AND or OR. Groups go in parentheses even where precedence makes them
// unnecessary ("parcel AND (status:open OR status:pending)"): that is how people read it.
void WriteOperand(const Node& child, std::string* out) {
  if (IsGroup(child)) {
    *out += '(';
    Write(child, out);
    *out += ')';
  } else {
    Write(child, out);
  }
}

void Write(const Node& node, std::string* out) {
  switch (node.kind) {
    case Node::Kind::kWord:
      *out += SpellWord(node.text);
      return;
    case Node::Kind::kPhrase:
      *out += '"' + node.text + '"';
      return;
    case Node::Kind::kPrefix:
      *out += node.text + '*';
      return;
    case Node::Kind::kField:
      *out += node.text.empty() ? node.field + ":" + SpellValue(node.value) : node.text;
      return;
    case Node::Kind::kDate:
      *out += node.text.empty() ? node.field + CompareOp(node.compare) + node.value : node.text;
      return;
    case Node::Kind::kNot:
      *out += "NOT ";
      if (!node.children.empty()) WriteOperand(node.children.front(), out);
      return;
    case Node::Kind::kAnd:
    case Node::Kind::kOr:
      if (IsAtomic(node)) {
        *out += node.text;
        return;
      }
      for (size_t i = 0; i < node.children.size(); ++i) {
        if (i > 0) *out += node.kind == Node::Kind::kAnd ? " AND " : " OR ";
        WriteOperand(node.children[i], out);
      }
      return;
  }
}

void CollectHighlights(const Node& node, std::vector<std::string>* words) {
  auto add = [words](std::string w) {
    if (!w.empty() && std::find(words->begin(), words->end(), w) == words->end()) {
      words->push_back(std::move(w));
    }
  };
  switch (node.kind) {
    case Node::Kind::kWord:
    case Node::Kind::kPrefix:
      add(node.text);
      return;
    case Node::Kind::kPhrase: {
      size_t start = 0;
      while (start <= node.text.size()) {
        const size_t space = node.text.find(' ', start);
        const size_t end = space == std::string::npos ? node.text.size() : space;
        add(node.text.substr(start, end - start));
        start = end + 1;
      }
      return;
    }
    case Node::Kind::kNot:
      return;
    default:
      if (IsAtomic(node)) return;  // field values are not in the text
      for (const Node& child : node.children) CollectHighlights(child, words);
  }
}

}  // namespace

bool IsAtomic(const Node& node) {
  switch (node.kind) {
    case Node::Kind::kAnd:
    case Node::Kind::kOr:
      return !node.text.empty();
    case Node::Kind::kNot:
      return false;
    default:
      return true;
  }
}

std::string CanonicalOf(const Node& node) {
  std::string out;
  Write(node, &out);
  return out;
}

std::string SpellWord(const std::string& word) {
  if (word != "AND" && word != "OR" && word != "NOT" &&
      word.find_first_of("-:<>=#*") == std::string::npos) {
    return word;  // nothing in it the lexer could read as syntax
  }
  std::vector<Problem> ignored;
  Problems problems(&ignored);
  const std::vector<Token> tokens = Lex(word, &problems);
  std::string digits;
  const bool reads_back = tokens.size() == 1 && tokens[0].kind == TokenKind::kWord &&
                          tokens[0].text == word && word.back() != '*' &&
                          !(word[0] == '#' && ToAsciiDigits(word.substr(1), &digits));
  return reads_back ? word : '"' + word + '"';
}

}  // namespace internal

std::string ParsedQuery::Canonical() const {
  return has_root ? internal::CanonicalOf(root) : std::string();
}

std::vector<std::string> ParsedQuery::HighlightWords() const {
  std::vector<std::string> words;
  if (has_root) internal::CollectHighlights(root, &words);
  return words;
}

}  // namespace sahayak::search::query
