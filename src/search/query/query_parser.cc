// The search box parser: a hand-written lexer (lexer.cc) and a recursive-descent parser over
// its tokens, so any query costs time linear in its length and nothing can backtrack.
//
//   query   := and
//   and     := or (["AND"] or)*          juxtaposition is AND
//   or      := unary ("OR" unary)*
//   unary   := ("NOT" | attached "-") unary | primary
//   primary := "(" and ")" | word | "phrase" | field term
//
// Errors never stop the parse: each is reported as a Problem and the parser carries on with
// what it can read (see query.h).

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/text.h"
#include "search/query/canonical.h"
#include "search/query/field_term.h"
#include "search/query/lexer.h"
#include "search/query/problems.h"
#include "search/query/query.h"

namespace sahayak::search::query {
namespace {

using internal::Problems;
using internal::Token;
using internal::TokenKind;

size_t LeafCount(const Node& node) {
  if (node.children.empty()) return 1;
  size_t n = 0;
  for (const Node& child : node.children) n += LeafCount(child);
  return n;
}

bool IsGroup(const Node& node, Node::Kind kind) {
  return node.kind == kind && !internal::IsAtomic(node);
}

// Flattens nested groups of one kind (a AND (b AND c) → a AND b AND c), replaces a group of
// one by its member and NOT NOT x by x. Returns false when nothing is left of `node`.
bool Normalise(Node& node) {
  if (internal::IsAtomic(node)) return true;
  std::vector<Node> kept;
  for (Node& child : node.children) {
    if (!Normalise(child)) continue;
    if (node.kind != Node::Kind::kNot && IsGroup(child, node.kind)) {
      for (Node& grandchild : child.children) kept.push_back(std::move(grandchild));
    } else {
      kept.push_back(std::move(child));
    }
  }
  node.children = std::move(kept);
  if (node.children.empty()) return false;
  if (node.kind == Node::Kind::kNot) {
    if (node.children.front().kind == Node::Kind::kNot) {
      Node inner = std::move(node.children.front().children.front());
      node = std::move(inner);
    }
    return true;
  }
  if (node.children.size() == 1) {
    Node only = std::move(node.children.front());
    node = std::move(only);
    return true;
  }
  node.span = Span{node.children.front().span.begin, node.children.back().span.end};
  return true;
}

// Drops subtrees that reach deeper than kMaxQueryDepth (root: depth 1). Records the span of
// the first one dropped. Returns false when `node` itself is dropped.
bool TrimDepth(Node& node, size_t depth, std::optional<Span>* dropped) {
  if (node.children.empty()) return true;
  if (depth >= kMaxQueryDepth) {
    if (!*dropped) *dropped = node.span;
    return false;
  }
  std::vector<Node> kept;
  for (Node& child : node.children) {
    if (TrimDepth(child, depth + 1, dropped)) kept.push_back(std::move(child));
  }
  node.children = std::move(kept);
  return !node.children.empty();
}

// Removes the last term (or the last field term's expansion). Returns false when nothing is
// left of `node`; the span of the term removed goes to `*removed`.
bool RemoveLastTerm(Node& node, Span* removed) {
  if (internal::IsAtomic(node)) {
    *removed = node.span;
    return false;
  }
  if (!RemoveLastTerm(node.children.back(), removed)) node.children.pop_back();
  return !node.children.empty();
}

bool HasPositiveTerm(const Node& node) {
  if (node.kind == Node::Kind::kNot) return false;
  if (internal::IsAtomic(node)) return true;
  for (const Node& child : node.children) {
    if (HasPositiveTerm(child)) return true;
  }
  return false;
}

std::optional<Node> MakeGroup(Node::Kind kind, std::vector<Node> items) {
  if (items.empty()) return std::nullopt;
  if (items.size() == 1) return std::move(items.front());
  Node node;
  node.kind = kind;
  node.span = Span{items.front().span.begin, items.back().span.end};
  node.children = std::move(items);
  return node;
}

class Parser {
 public:
  Parser(std::vector<Token> tokens, size_t text_size, const ParseOptions& options,
         Problems* problems)
      : tokens_(std::move(tokens)), text_size_(text_size), options_(options), problems_(problems) {}

  std::optional<Node> ParseQuery() {
    std::optional<Node> root = ParseAnd(0);
    for (const Span& open : skipped_) UnclosedParenthesis(open);
    return root;
  }

 private:
  const Token* Peek() const { return pos_ < tokens_.size() ? &tokens_[pos_] : nullptr; }

  // True when no operand can start here: the end, ')' or a binary operator.
  bool AtOperandEnd() const {
    const Token* t = Peek();
    return t == nullptr || t->kind == TokenKind::kClose || t->kind == TokenKind::kAnd ||
           t->kind == TokenKind::kOr;
  }

  void Dangling(const Token& op) {
    const std::string name = op.kind == TokenKind::kAnd   ? "AND"
                             : op.kind == TokenKind::kOr  ? "OR"
                             : op.kind == TokenKind::kNot ? "NOT"
                                                          : "-";
    problems_->Ignore(
        "dangling-operator",
        "\"" + name + "\" has nothing to " +
            (op.kind == TokenKind::kAnd || op.kind == TokenKind::kOr ? "join on one side"
                                                                     : "exclude after it") +
            "; it was ignored.",
        op.span);
  }

  void UnclosedParenthesis(Span open) {
    problems_->Warn("unbalanced-parenthesis",
                    "This \"(\" is not closed; it was closed at the end of the query.", open);
  }

  std::optional<Node> ParseAnd(size_t depth) {
    std::vector<Node> items;
    bool after_operand = false;
    while (const Token* t = Peek()) {
      if (t->kind == TokenKind::kClose) {
        if (!skipped_.empty()) {
          skipped_.pop_back();
          ++pos_;
          continue;
        }
        if (depth > 0) break;
        problems_->Ignore("unbalanced-parenthesis", "This \")\" closes nothing; it was ignored.",
                          t->span);
        ++pos_;
        continue;
      }
      if (t->kind == TokenKind::kAnd || t->kind == TokenKind::kOr) {
        const Token op = *t;
        ++pos_;
        if (op.kind == TokenKind::kOr || !after_operand || AtOperandEnd()) Dangling(op);
        after_operand = false;
        continue;
      }
      if (std::optional<Node> operand = ParseOr(depth)) items.push_back(std::move(*operand));
      after_operand = true;
    }
    return MakeGroup(Node::Kind::kAnd, std::move(items));
  }

  std::optional<Node> ParseOr(size_t depth) {
    std::vector<Node> items;
    if (std::optional<Node> first = ParseUnary(depth)) items.push_back(std::move(*first));
    while (Peek() != nullptr && Peek()->kind == TokenKind::kOr) {
      const Token op = *Peek();
      ++pos_;
      if (AtOperandEnd()) {
        Dangling(op);
        continue;
      }
      if (std::optional<Node> next = ParseUnary(depth)) items.push_back(std::move(*next));
    }
    return MakeGroup(Node::Kind::kOr, std::move(items));
  }

  // A run of negations is read in a loop, not by recursion, so "- - - …" cannot exhaust the
  // stack; NOT NOT x is x.
  std::optional<Node> ParseUnary(size_t depth) {
    bool negate = false;
    size_t begin = 0;
    while (Peek()->kind == TokenKind::kNot || Peek()->kind == TokenKind::kMinus) {
      const Token op = *Peek();
      ++pos_;
      const bool negates = op.kind == TokenKind::kNot || op.attached;
      if (!negates || AtOperandEnd()) Dangling(op);
      if (AtOperandEnd()) return std::nullopt;
      if (negates) {
        if (!negate) begin = op.span.begin;
        negate = !negate;
      }
    }
    std::optional<Node> operand = ParsePrimary(depth);
    if (!operand || !negate) return operand;
    Node node;
    node.kind = Node::Kind::kNot;
    node.span = Span{begin, operand->span.end};
    node.children.push_back(std::move(*operand));
    return node;
  }

  std::optional<Node> ParsePrimary(size_t depth) {
    const Token& t = *Peek();
    ++pos_;
    if (t.kind == TokenKind::kOpen) {
      if (depth + 1 >= kMaxQueryDepth) {
        // Deeper groups are read as if their parentheses were not there.
        if (!reported_too_deep_) {
          reported_too_deep_ = true;
          problems_->Ignore("too-deep",
                            "Groups nested deeper than " + std::to_string(kMaxQueryDepth) +
                                " levels were flattened.",
                            t.span);
        }
        skipped_.push_back(t.span);
        return std::nullopt;
      }
      std::optional<Node> inner = ParseAnd(depth + 1);
      if (Peek() != nullptr && Peek()->kind == TokenKind::kClose) {
        ++pos_;
      } else {
        UnclosedParenthesis(t.span);
      }
      return inner;
    }
    return Term(t);
  }

  std::optional<Node> Term(const Token& t) {
    if (terms_full_) return std::nullopt;
    std::optional<Node> node = internal::BuildTerm(t, options_, problems_);
    if (!node) return std::nullopt;
    const size_t leaves = LeafCount(*node);
    if (terms_ + leaves > kMaxQueryTerms) {
      terms_full_ = true;
      problems_->Ignore("too-many-terms",
                        "More than " + std::to_string(kMaxQueryTerms) +
                            " search terms; the rest of the query was ignored.",
                        Span{t.span.begin, text_size_});
      return std::nullopt;
    }
    terms_ += leaves;
    return node;
  }

  std::vector<Token> tokens_;
  size_t pos_ = 0;
  size_t text_size_;
  const ParseOptions& options_;
  Problems* problems_;
  size_t terms_ = 0;
  bool terms_full_ = false;
  bool reported_too_deep_ = false;
  std::vector<Span> skipped_;  // '(' read as if absent (too deep), innermost last
};

}  // namespace

ParsedQuery Parse(std::string_view input, const ParseOptions& options) {
  ParsedQuery result;
  Problems problems(&result.problems);
  std::string text = ToNfc(RepairUtf8(input));
  if (text.size() > kMaxQueryBytes) {
    const size_t cut = internal::CutPoint(text, kMaxQueryBytes);
    problems.Ignore("too-long",
                    "The query is longer than " + std::to_string(kMaxQueryBytes) +
                        " bytes; the rest was ignored.",
                    Span{cut, text.size()});
    text.resize(cut);
  }

  Parser parser(internal::Lex(text, &problems), text.size(), options, &problems);
  std::optional<Node> root = parser.ParseQuery();
  if (root && !Normalise(*root)) root.reset();

  std::optional<Span> too_deep;
  if (root && !TrimDepth(*root, 1, &too_deep)) root.reset();
  if (too_deep) {
    problems.Ignore(
        "too-deep",
        "Groups nested deeper than " + std::to_string(kMaxQueryDepth) + " levels were ignored.",
        *too_deep);
    if (root && !Normalise(*root)) root.reset();
  }

  // The normal form must fit the limits too, so that it reads back the same; spelling out
  // implicit ANDs and is:open can make it longer than what was typed.
  std::optional<Span> removed;
  while (root && internal::CanonicalOf(*root).size() > kMaxQueryBytes) {
    Span last;
    if (!RemoveLastTerm(*root, &last) || !Normalise(*root)) root.reset();
    removed = last;
  }
  if (removed) {
    problems.Ignore("too-long",
                    "The query is too long once written out in full (over " +
                        std::to_string(kMaxQueryBytes) + " bytes); its end was ignored.",
                    Span{removed->begin, text.size()});
  }

  if (root) {
    if (!HasPositiveTerm(*root)) {
      problems.Warn("only-negative",
                    "The query only excludes; everything else you may see is shown.",
                    Span{0, text.size()});
    }
    result.has_root = true;
    result.root = std::move(*root);
  }
  return result;
}

}  // namespace sahayak::search::query
