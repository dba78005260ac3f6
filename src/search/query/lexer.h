#pragma once

// Internal to the query parser: splits a query into tokens. See docs/search.md, "Query
// language", for the syntax the tokens come from.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "search/query/problems.h"
#include "search/query/query.h"

namespace sahayak::search::query::internal {

enum class TokenKind {
  kWord,    // text: a run of characters up to white space or one of "()
  kPhrase,  // text: the words between quotes, joined by one space ("" when empty)
  kField,   // name (canonical, lower case), op and value (text) of a known field
  kAnd,     // the keyword AND (upper case)
  kOr,      // OR
  kNot,     // NOT
  kMinus,   // a '-' at the start of a token
  kOpen,    // (
  kClose,   // )
};

struct Token {
  TokenKind kind = TokenKind::kWord;
  Span span;              // the whole token, quotes included
  std::string text;       // see TokenKind; for kField the value, without quotes
  std::string name;       // kField: canonical field name ("org" for organisation:)
  std::string op;         // kField: ":" "<" "<=" ">" ">=" "=" (":<" is read as "<")
  Span value_span;        // kField: the value
  bool quoted = false;    // kField: the value was written in quotes
  bool attached = false;  // kMinus: directly followed by a term, so it negates it
};

// The tokens of `text`. REQUIRES: `text` is NFC UTF-8. An unclosed quote is reported
// ("unclosed-quote") and runs to the end. The keywords AND, OR and NOT are only recognised
// in upper case and not directly after a '-' ("-OR" excludes the word "OR"). Never splits a
// grapheme: combining marks that follow white space, a quote or a parenthesis belong to
// that character and are dropped, and a '-' followed by one is part of a word.
std::vector<Token> Lex(std::string_view text, Problems* problems);

// Code point helpers over valid UTF-8.
char32_t DecodeAt(std::string_view s, size_t pos, size_t* len);
// White space as the query language sees it: Unicode White_Space, control characters,
// ZERO WIDTH SPACE and BYTE ORDER MARK.
bool IsSpace(char32_t c);
// A code point that continues a grapheme (Grapheme_Cluster_Break Extend, SpacingMark, ZWJ).
bool IsExtender(char32_t c);
// The words of `text` (split at IsSpace, leading extenders of each dropped), joined by one
// space: how phrases and quoted values are normalised.
std::string CollapseSpaces(std::string_view text);
// Largest cut <= max_bytes that splits neither a code point nor a grapheme (a cut before
// an extender moves back).
size_t CutPoint(std::string_view text, size_t max_bytes);

}  // namespace sahayak::search::query::internal
