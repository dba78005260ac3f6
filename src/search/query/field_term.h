#pragma once

// Internal to the query parser: turns one term token into a node of the AST, checking field
// values (status:opne), numbers (#१२३४) and dates (created>2026-01-01, updated<7d).

#include <optional>
#include <string>
#include <string_view>

#include "search/query/lexer.h"
#include "search/query/problems.h"
#include "search/query/query.h"

namespace sahayak::search::query::internal {

// The canonical name of a field as typed (any case; organisation: → "org"), or "" when the
// name is not a field.
std::string_view CanonicalFieldName(std::string_view name);

// True for "created" and "updated", which take < <= > >= = as well as ':'.
bool IsDateField(std::string_view canonical_name);

// The node for a kWord, kPhrase or kField token, or nullopt when the term is ignored (the
// reason is reported). Nodes made from one field term carry their canonical spelling in
// `text` ("status:open", "created>2026-01-01"); a term that expands into several nodes
// (status:unsolved, created:2026-01-01) becomes a kOr/kAnd that carries it too.
std::optional<Node> BuildTerm(const Token& token, const ParseOptions& options, Problems* problems);

// How Canonical() writes a field value: bare when it reads back as the same value, else in
// quotes.
std::string SpellValue(std::string_view value);

// True when every code point of `s` is a digit (ASCII, Devanagari or Kannada); `*ascii`
// receives the ASCII digits. False for "".
bool ToAsciiDigits(std::string_view s, std::string* ascii);

}  // namespace sahayak::search::query::internal
