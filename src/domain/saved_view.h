#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/json_input.h"
#include "domain/ticket.h"
#include "domain/types.h"

namespace sahayak::domain {

// An inbox view an agent saved: ticket-list filters, a sort and the columns to show. Personal
// (agent_id set) or shared with every agent (agent_id empty; only admins make those).
struct SavedView {
  Id id = 0;
  Id workspace_id = 0;
  std::optional<Id> agent_id;  // the owner; empty when shared
  std::string name;
  // Canonical filters: {status?: [..], assignee?: "me"|"none"|id, group?: id, tag?: string,
  // priority?: [..], channel?: [..], requester?: id, organisation?: id, sla?: "breached"|"due",
  // q?: search query}.
  nlohmann::json filters = nlohmann::json::object();
  TicketSort sort = TicketSort::kUpdatedDesc;
  std::vector<std::string> columns;
  int64_t position = 0;
  Millis created_at = 0;
  Millis updated_at = 0;
  int64_t version = 1;

  bool shared() const { return !agent_id.has_value(); }
};

// The columns a view may show, and those a new view shows.
const std::vector<std::string>& ViewColumns();
const std::vector<std::string>& DefaultViewColumns();

constexpr size_t kMaxViewNameChars = 100;
constexpr int64_t kMaxViewPosition = 1000000;
constexpr size_t kMaxViewQueryChars = 1000;  // filters.q

// Reads a view's filters object (the member `key` of `in`'s object), reporting each bad member
// as `<key>.<member>` through `in`. On success `*out` holds the canonical filters (statuses and
// other lists de-duplicated, tags normalised). Returns false when absent or invalid.
bool ReadViewFilters(JsonInput& in, std::string_view key, nlohmann::json* out);
// Reads the columns array (known names, no duplicates, at least one).
bool ReadViewColumns(JsonInput& in, std::string_view key, std::vector<std::string>* out);

}  // namespace sahayak::domain
