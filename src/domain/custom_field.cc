#include "domain/custom_field.h"

#include <algorithm>
#include <cmath>

#include "base/clock.h"
#include "base/text.h"

namespace sahayak::domain {

const char* Name(FieldType t) {
  switch (t) {
    case FieldType::kText: return "text";
    case FieldType::kNumber: return "number";
    case FieldType::kDate: return "date";
    case FieldType::kDropdown: return "dropdown";
    case FieldType::kCheckbox: return "checkbox";
  }
  return "text";
}

std::optional<FieldType> ParseFieldType(std::string_view s) {
  for (FieldType t : {FieldType::kText, FieldType::kNumber, FieldType::kDate,
                      FieldType::kDropdown, FieldType::kCheckbox}) {
    if (s == Name(t)) return t;
  }
  return std::nullopt;
}

bool IsValidFieldKey(std::string_view key) {
  if (key.empty() || key.size() > 64 || !(key[0] >= 'a' && key[0] <= 'z')) return false;
  return std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

Status ValidateFieldValue(const CustomFieldDef& def, const nlohmann::json& value) {
  const std::string field = "custom_fields." + def.key;
  auto bad = [&](const std::string& what) {
    return InvalidArgument(def.key + " " + what).WithField(field, what);
  };
  if (value.is_null()) {
    return Status::Ok();
  }
  switch (def.type) {
    case FieldType::kText:
      if (!value.is_string()) return bad("must be a string");
      if (CodePointCount(value.get_ref<const std::string&>()) > 10000) return bad("is too long");
      return Status::Ok();
    case FieldType::kNumber:
      if (!value.is_number()) return bad("must be a number");
      if (value.is_number_float() && !std::isfinite(value.get<double>())) {
        return bad("must be a finite number");
      }
      return Status::Ok();
    case FieldType::kDate:
      if (!value.is_string() || !IsValidDate(value.get_ref<const std::string&>())) {
        return bad("must be a date written YYYY-MM-DD");
      }
      return Status::Ok();
    case FieldType::kDropdown: {
      if (!value.is_string()) return bad("must be one of the field's options");
      const auto& s = value.get_ref<const std::string&>();
      if (std::find(def.options.begin(), def.options.end(), s) == def.options.end()) {
        return bad("must be one of the field's options");
      }
      return Status::Ok();
    }
    case FieldType::kCheckbox:
      if (!value.is_boolean()) return bad("must be true or false");
      return Status::Ok();
  }
  return Status::Ok();
}

bool ShownInPortal(const CustomFieldDef& d, Id topic_id) {
  if (!d.active || !d.customer_visible) return false;
  return d.portal_topics.empty() ||
         std::find(d.portal_topics.begin(), d.portal_topics.end(), topic_id) !=
             d.portal_topics.end();
}

Status ValidatePortalTopics(const std::vector<Id>& topics, const std::vector<Id>& category_ids) {
  auto bad = [](const std::string& what) {
    return InvalidArgument("portal_topics " + what).WithField("portal_topics", what);
  };
  if (topics.size() > kMaxPortalTopics) {
    return bad("must hold at most " + std::to_string(kMaxPortalTopics) + " topics");
  }
  for (size_t i = 0; i < topics.size(); ++i) {
    if (std::find(category_ids.begin(), category_ids.end(), topics[i]) == category_ids.end()) {
      return bad("must name knowledge-base categories of this workspace (" +
                 std::to_string(topics[i]) + " is not one)");
    }
    if (std::find(topics.begin(), topics.begin() + i, topics[i]) != topics.begin() + i) {
      return bad("must not repeat a category (" + std::to_string(topics[i]) + ")");
    }
  }
  return Status::Ok();
}

bool RequiredOnCreate(const CustomFieldDef& d, Channel channel, Id portal_topic) {
  if (!d.required) return false;
  switch (channel) {
    case Channel::kPortal: return ShownInPortal(d, portal_topic);
    case Channel::kWeb: return d.active && d.customer_visible;
    case Channel::kChat: return false;
    default: return true;
  }
}

Id PortalTopicId(const nlohmann::json& channel_meta) {
  if (!channel_meta.is_object()) return 0;
  auto portal = channel_meta.find("portal");
  if (portal == channel_meta.end() || !portal->is_object()) return 0;
  auto id = portal->find("topic_id");
  if (id == portal->end() || !id->is_number_integer()) return 0;
  return id->get<Id>();
}

Status ApplyCustomFields(const std::vector<CustomFieldDef>& defs, const nlohmann::json& patch,
                         bool creating, nlohmann::json* current) {
  if (!patch.is_object()) {
    return InvalidArgument("custom_fields must be an object").WithField("custom_fields",
                                                                        "must be an object");
  }
  Status errors = InvalidArgument("some custom fields are not valid");
  bool failed = false;
  for (auto it = patch.begin(); it != patch.end(); ++it) {
    auto def = std::find_if(defs.begin(), defs.end(),
                            [&](const CustomFieldDef& d) { return d.key == it.key() && d.active; });
    if (def == defs.end()) {
      errors.WithField("custom_fields." + it.key(), "is not a custom field of this workspace");
      failed = true;
      continue;
    }
    Status st = ValidateFieldValue(*def, it.value());
    if (!st.ok()) {
      for (const auto& f : st.fields()) errors.WithField(f.field, f.message);
      failed = true;
      continue;
    }
    if (def->required && it.value().is_null()) {
      errors.WithField("custom_fields." + it.key(), "is required");
      failed = true;
    }
  }
  if (creating) {
    for (const auto& d : defs) {
      if (d.active && d.required && (!patch.contains(d.key) || patch[d.key].is_null())) {
        errors.WithField("custom_fields." + d.key, "is required");
        failed = true;
      }
    }
  }
  if (failed) return errors;
  for (auto it = patch.begin(); it != patch.end(); ++it) {
    if (it.value().is_null()) {
      current->erase(it.key());
    } else {
      (*current)[it.key()] = it.value();
    }
  }
  return Status::Ok();
}

}  // namespace sahayak::domain
