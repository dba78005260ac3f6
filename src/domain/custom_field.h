#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "domain/ticket.h"
#include "domain/types.h"

namespace sahayak::domain {

enum class FieldType { kText, kNumber, kDate, kDropdown, kCheckbox };
const char* Name(FieldType t);
std::optional<FieldType> ParseFieldType(std::string_view s);

// An admin-defined typed field on tickets ("AWB number", "Order id", "Refund amount").
struct CustomFieldDef {
  Id id = 0;
  Id workspace_id = 0;
  std::string key;  // [a-z][a-z0-9_]{0,63}, unique per workspace
  std::string label;
  FieldType type = FieldType::kText;
  std::vector<std::string> options;  // dropdown values
  bool required = false;
  bool active = true;
  // Customers fill it in on the portal's new-request form (and may set it only there); other
  // fields are agent-only. New fields start agent-only.
  bool customer_visible = false;
  // Knowledge-base category ids (the portal's topics) whose requests show the field; empty:
  // every topic, and requests with no topic.
  std::vector<Id> portal_topics;
  Millis created_at = 0;
  Millis updated_at = 0;
  int64_t version = 1;
};

bool IsValidFieldKey(std::string_view key);

// Checks one value against its definition; null clears a value. Names the field as
// "custom_fields.<key>" in errors.
Status ValidateFieldValue(const CustomFieldDef& def, const nlohmann::json& value);

// At most this many topics per field.
inline constexpr size_t kMaxPortalTopics = 100;

// Whether the portal's new-request form about `topic_id` (0: no topic, "something else")
// shows `d`: an active, customer-visible field for every topic or for this one.
bool ShownInPortal(const CustomFieldDef& d, Id topic_id);

// Checks a field's portal topics: distinct ids, each one of `category_ids` (the workspace's
// knowledge-base categories), at most kMaxPortalTopics. Names `portal_topics` in errors.
Status ValidatePortalTopics(const std::vector<Id>& topics, const std::vector<Id>& category_ids);

// Whether a required field must have a value when a ticket is created through `channel`.
// Customers cannot fill in what their form does not show, so: on the portal only the fields
// ShownInPortal(d, portal_topic) are required; on web forms only customer-visible ones (a web
// form checks the fields it shows itself); on chat none (a visitor starts a chat with one
// line, before anyone could ask; agents fill the fields in while they chat); on every other
// channel every required field.
bool RequiredOnCreate(const CustomFieldDef& d, Channel channel, Id portal_topic);

// The topic id a portal ticket's first message records in channel_meta.portal.topic_id; 0
// when there is none.
Id PortalTopicId(const nlohmann::json& channel_meta);

// Merges `patch` into `current` (null removes), checking every key is a known active field
// and every value is valid. When `creating`, required fields must be present.
Status ApplyCustomFields(const std::vector<CustomFieldDef>& defs, const nlohmann::json& patch,
                         bool creating, nlohmann::json* current);

}  // namespace sahayak::domain
