#pragma once

// Internal to the query parser: the date terms created… and updated… (see docs/search.md).

#include <optional>

#include "search/query/lexer.h"
#include "search/query/problems.h"
#include "search/query/query.h"

namespace sahayak::search::query::internal {

// The node for a kField token of a date field: a date (2026-01-31, 2026-01, 2026: whole days,
// months or years in the searcher's zone) or an age (7d; h d w m y). `created:2026-01-01`
// becomes a kAnd of two kDate nodes (from the start of the day, before the start of the
// next). Returns nullopt with "bad-date" reported (span: the value) when the value is neither.
std::optional<Node> BuildDate(const Token& token, const ParseOptions& options, Problems* problems);

}  // namespace sahayak::search::query::internal
