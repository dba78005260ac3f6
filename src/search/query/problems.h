#pragma once

// Internal to the query parser: collects the problems of one parse.

#include <string>
#include <utility>
#include <vector>

#include "search/query/query.h"

namespace sahayak::search::query::internal {

// At most this many problems are kept per query, so a query of a thousand ")" does not
// produce a thousand messages; the first ones are the ones the agent needs to see.
constexpr size_t kMaxProblems = 32;

// Appends problems to a list, up to kMaxProblems. Not thread-safe (one per parse).
class Problems {
 public:
  explicit Problems(std::vector<Problem>* list) : list_(list) {}

  void Warn(std::string code, std::string message, Span span) {
    Add(std::move(code), std::move(message), span, false);
  }
  void Ignore(std::string code, std::string message, Span span) {
    Add(std::move(code), std::move(message), span, true);
  }

 private:
  void Add(std::string code, std::string message, Span span, bool ignored) {
    if (list_->size() >= kMaxProblems) return;
    list_->push_back(Problem{std::move(code), std::move(message), span, ignored});
  }

  std::vector<Problem>* list_;
};

}  // namespace sahayak::search::query::internal
