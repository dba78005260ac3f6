#pragma once

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "domain/types.h"

namespace sahayak::domain {

// Reads members of a JSON object with type checks, collecting one error per bad field so a
// client learns every problem at once. Each getter leaves `out` untouched and returns false
// when the member is absent (or null, where null is not allowed) or invalid.
class JsonInput {
 public:
  explicit JsonInput(const nlohmann::json& obj, std::string prefix = "");

  bool Has(std::string_view key) const;
  bool IsNull(std::string_view key) const;

  bool Str(std::string_view key, std::string* out, bool required = false,
           size_t max_chars = 10000);
  bool Int(std::string_view key, int64_t* out, bool required = false);
  bool Bool(std::string_view key, bool* out, bool required = false);
  // Accepts an id or null (null clears): outer optional engaged when the member is present.
  bool NullableId(std::string_view key, std::optional<std::optional<Id>>* out);
  bool StrList(std::string_view key, std::vector<std::string>* out, size_t max_items = 100);
  bool IdList(std::string_view key, std::vector<Id>* out, size_t max_items = 100,
              bool required = false);
  bool Object(std::string_view key, nlohmann::json* out, bool required = false);

  // An enum given as one of its names.
  template <typename E, typename Parse>
  bool Enum(std::string_view key, std::optional<E>* out, Parse parse, const char* allowed,
            bool required = false) {
    std::string s;
    if (!Str(key, &s, required, 64)) return false;
    auto v = parse(s);
    if (!v) {
      Error(key, std::string("must be one of ") + allowed);
      return false;
    }
    *out = *v;
    return true;
  }

  void Error(std::string_view key, std::string message);
  std::string FieldName(std::string_view key) const;
  bool ok() const { return errors_.empty(); }
  // OK, or InvalidArgument naming every bad field.
  Status status() const;

 private:
  const nlohmann::json* Get(std::string_view key) const;
  const nlohmann::json& obj_;
  std::string prefix_;
  std::vector<FieldError> errors_;
};

// A body that must be a JSON object; InvalidArgument otherwise.
Status RequireObject(const nlohmann::json& body);

// Reports each member of `body` not named in `allowed` on `in`: "is not a member of <what>".
void OnlyMembers(const nlohmann::json& body, std::initializer_list<const char*> allowed,
                 const char* what, JsonInput* in);

}  // namespace sahayak::domain
