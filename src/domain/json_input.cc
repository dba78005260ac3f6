#include "domain/json_input.h"

#include <algorithm>
#include <cmath>

#include "base/text.h"

namespace sahayak::domain {

using nlohmann::json;

JsonInput::JsonInput(const json& obj, std::string prefix) : obj_(obj), prefix_(std::move(prefix)) {}

const json* JsonInput::Get(std::string_view key) const {
  if (!obj_.is_object()) return nullptr;
  auto it = obj_.find(std::string(key));
  return it == obj_.end() ? nullptr : &*it;
}

bool JsonInput::Has(std::string_view key) const { return Get(key) != nullptr; }

bool JsonInput::IsNull(std::string_view key) const {
  const json* v = Get(key);
  return v != nullptr && v->is_null();
}

std::string JsonInput::FieldName(std::string_view key) const {
  return prefix_.empty() ? std::string(key) : prefix_ + "." + std::string(key);
}

void JsonInput::Error(std::string_view key, std::string message) {
  errors_.push_back({FieldName(key), std::move(message)});
}

bool JsonInput::Str(std::string_view key, std::string* out, bool required, size_t max_chars) {
  const json* v = Get(key);
  if (v == nullptr || v->is_null()) {
    if (required) Error(key, "is required");
    return false;
  }
  if (!v->is_string()) {
    Error(key, "must be a string");
    return false;
  }
  const auto& s = v->get_ref<const std::string&>();
  if (HasControlChars(s)) {
    Error(key, "must not contain control characters");
    return false;
  }
  if (CodePointCount(s) > max_chars) {
    Error(key, "is longer than " + std::to_string(max_chars) + " characters");
    return false;
  }
  if (required && Trim(s).empty()) {
    Error(key, "is required");
    return false;
  }
  *out = s;
  return true;
}

bool JsonInput::Int(std::string_view key, int64_t* out, bool required) {
  const json* v = Get(key);
  if (v == nullptr || v->is_null()) {
    if (required) Error(key, "is required");
    return false;
  }
  if (v->is_number_integer()) {
    *out = v->get<int64_t>();
    return true;
  }
  if (v->is_number_float()) {
    double d = v->get<double>();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9e15) {
      *out = static_cast<int64_t>(d);
      return true;
    }
  }
  Error(key, "must be an integer");
  return false;
}

bool JsonInput::Bool(std::string_view key, bool* out, bool required) {
  const json* v = Get(key);
  if (v == nullptr || v->is_null()) {
    if (required) Error(key, "is required");
    return false;
  }
  if (!v->is_boolean()) {
    Error(key, "must be true or false");
    return false;
  }
  *out = v->get<bool>();
  return true;
}

bool JsonInput::NullableId(std::string_view key, std::optional<std::optional<Id>>* out) {
  const json* v = Get(key);
  if (v == nullptr) return false;
  if (v->is_null()) {
    *out = std::optional<Id>();
    return true;
  }
  int64_t id;
  if (!Int(key, &id)) return false;
  if (id <= 0) {
    Error(key, "must be a positive id or null");
    return false;
  }
  *out = std::optional<Id>(id);
  return true;
}

bool JsonInput::StrList(std::string_view key, std::vector<std::string>* out, size_t max_items) {
  const json* v = Get(key);
  if (v == nullptr || v->is_null()) return false;
  if (!v->is_array()) {
    Error(key, "must be an array of strings");
    return false;
  }
  if (v->size() > max_items) {
    Error(key, "holds more than " + std::to_string(max_items) + " items");
    return false;
  }
  std::vector<std::string> items;
  for (const auto& e : *v) {
    if (!e.is_string() || HasControlChars(e.get_ref<const std::string&>())) {
      Error(key, "must be an array of strings");
      return false;
    }
    items.push_back(e.get<std::string>());
  }
  *out = std::move(items);
  return true;
}

bool JsonInput::IdList(std::string_view key, std::vector<Id>* out, size_t max_items,
                       bool required) {
  const json* v = Get(key);
  if (v == nullptr || v->is_null()) {
    if (required) Error(key, "is required");
    return false;
  }
  if (!v->is_array()) {
    Error(key, "must be an array of ids");
    return false;
  }
  if (v->size() > max_items) {
    Error(key, "holds more than " + std::to_string(max_items) + " ids");
    return false;
  }
  std::vector<Id> items;
  for (const auto& e : *v) {
    if (!e.is_number_integer() || e.get<int64_t>() <= 0) {
      Error(key, "must be an array of ids");
      return false;
    }
    items.push_back(e.get<int64_t>());
  }
  *out = std::move(items);
  return true;
}

bool JsonInput::Object(std::string_view key, json* out, bool required) {
  const json* v = Get(key);
  if (v == nullptr || v->is_null()) {
    if (required) Error(key, "is required");
    return false;
  }
  if (!v->is_object()) {
    Error(key, "must be an object");
    return false;
  }
  *out = *v;
  return true;
}

Status JsonInput::status() const {
  if (errors_.empty()) return Status::Ok();
  std::string detail = "invalid fields:";
  for (const auto& e : errors_) detail += " " + e.field + " " + e.message + ";";
  detail.pop_back();
  Status st = InvalidArgument(detail);
  for (const auto& e : errors_) st.WithField(e.field, e.message);
  return st;
}

Status RequireObject(const json& body) {
  if (!body.is_object()) {
    return InvalidArgument("the request body must be a JSON object").WithField("", "not an object");
  }
  return Status::Ok();
}

void OnlyMembers(const json& body, std::initializer_list<const char*> allowed, const char* what,
                 JsonInput* in) {
  for (auto it = body.begin(); it != body.end(); ++it) {
    if (std::none_of(allowed.begin(), allowed.end(),
                     [&](const char* m) { return it.key() == m; })) {
      in->Error(it.key(), std::string("is not a member of ") + what);
    }
  }
}

}  // namespace sahayak::domain
