#pragma once

// Internal to the query parser: writing a parsed query back as text.

#include <string>

#include "search/query/query.h"

namespace sahayak::search::query::internal {

// True for a leaf, and for the kAnd/kOr that one field term expands into (status:unsolved,
// created:2026-01-01), which carries its spelling in `text` and is written as one term.
bool IsAtomic(const Node& node);

// The normal form of `node` (see ParsedQuery::Canonical).
std::string CanonicalOf(const Node& node);

// How Canonical() writes a word: bare when it reads back as the same word, else in quotes
// (a word "AND" kept after a '-', a word that would read as a field or a prefix).
std::string SpellWord(const std::string& word);

}  // namespace sahayak::search::query::internal
