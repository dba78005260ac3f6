#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/sqlite/connection.h"

// Reading a statement's rows into entities, shared by the tx_*.cc files.
namespace sahayak::store {

// Every row of `s`, each read by `read` (a function of const Stmt&).
template <typename T, typename F>
Result<std::vector<T>> ReadAll(Stmt& s, F read) {
  std::vector<T> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(read(s));
  }
  return out;
}

// The one row of `s`, or NotFound "<what> <id>".
template <typename T, typename F>
Result<T> ReadOne(Stmt& s, F read, const char* what, int64_t id) {
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound(std::string(what) + " " + std::to_string(id));
  return read(s);
}

// A JSON column's value, or `fallback` when the text does not parse.
inline nlohmann::json ParseJsonColumn(const std::string& text, nlohmann::json fallback) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  return j.is_discarded() ? fallback : j;
}

}  // namespace sahayak::store
