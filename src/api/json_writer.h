#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sahayak::api {

// Writes JSON text straight into a string, for the hot responses (tickets and ticket lists)
// where building an nlohmann::json tree first cost more than the database reads. Commas are
// placed automatically. Strings must be valid UTF-8 (everything stored is); they are escaped
// as RFC 8259 requires. Not thread-safe.
class JsonWriter {
 public:
  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view s);
  JsonWriter& Int(int64_t v);
  JsonWriter& Bool(bool v);
  JsonWriter& Null();
  // Already-serialised JSON (a nested value), written as it is.
  JsonWriter& Raw(std::string_view json);
  JsonWriter& OptInt(const std::optional<int64_t>& v) { return v ? Int(*v) : Null(); }

  const std::string& str() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  void BeforeValue();
  std::string out_;
  std::vector<bool> has_items_;  // per open container: whether a comma is needed
  bool after_key_ = false;
};

// Appends `s` as a JSON string literal (with quotes).
void AppendJsonString(std::string_view s, std::string* out);

}  // namespace sahayak::api
