#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"
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
  Millis created_at = 0;
  Millis updated_at = 0;
  int64_t version = 1;
};

bool IsValidFieldKey(std::string_view key);

// Checks one value against its definition; null clears a value. Names the field as
// "custom_fields.<key>" in errors.
Status ValidateFieldValue(const CustomFieldDef& def, const nlohmann::json& value);

// Merges `patch` into `current` (null removes), checking every key is a known active field
// and every value is valid. When `creating`, required fields must be present.
Status ApplyCustomFields(const std::vector<CustomFieldDef>& defs, const nlohmann::json& patch,
                         bool creating, nlohmann::json* current);

}  // namespace sahayak::domain
