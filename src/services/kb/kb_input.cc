#include "services/kb/kb_input.h"

#include "base/text.h"

namespace sahayak::services::kb_internal {

using nlohmann::json;

bool ReadLocalized(domain::JsonInput& in, std::string_view key, bool required, bool need_one,
                   size_t max_chars, domain::LocalizedText* out) {
  json obj;
  if (!in.Object(key, &obj, required)) return false;
  domain::LocalizedText text;
  bool ok = true;
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    std::string field = std::string(key) + "." + it.key();
    if (!domain::IsKbLanguage(it.key())) {
      in.Error(key, "has unknown language \"" + it.key() + "\" (en, hi or kn)");
      ok = false;
      continue;
    }
    if (!it.value().is_string()) {
      in.Error(field, "must be a string");
      ok = false;
      continue;
    }
    const std::string& raw = it.value().get_ref<const std::string&>();
    if (HasControlChars(raw)) {
      in.Error(field, "must not contain control characters");
      ok = false;
      continue;
    }
    std::string s = Trim(raw);
    if (CodePointCount(s) > max_chars) {
      in.Error(field, "is longer than " + std::to_string(max_chars) + " characters");
      ok = false;
      continue;
    }
    if (!s.empty()) text[it.key()] = ToNfc(s);
  }
  if (!ok) return false;
  if (need_one && text.empty()) {
    in.Error(key, "needs a text in at least one language");
    return false;
  }
  *out = std::move(text);
  return true;
}

bool ReadPosition(domain::JsonInput& in, int64_t* out) {
  int64_t position;
  if (!in.Int("position", &position)) return false;
  if (position < 0 || position > kMaxKbPosition) {
    in.Error("position", "must be 0 to 1000000");
    return false;
  }
  *out = position;
  return true;
}

bool ReadTitle(domain::JsonInput& in, std::string_view key, bool required, std::string* out) {
  std::string s;
  if (!in.Str(key, &s, required, 100000)) {
    if (!required && in.Has(key) && in.IsNull(key)) in.Error(key, "cannot be empty");
    return false;
  }
  std::string title = Trim(s);
  if (title.empty()) {
    in.Error(key, "is required");
    return false;
  }
  if (CodePointCount(title) > domain::kMaxKbTitleChars) {
    in.Error(key, "is longer than 200 characters");
    return false;
  }
  *out = ToNfc(title);
  return true;
}

bool ReadBody(domain::JsonInput& in, std::string_view key, bool required, std::string* out) {
  const size_t limit = domain::kMaxKbBodyBytes;
  std::string s;
  if (!in.Str(key, &s, false, limit)) {
    if (required && (!in.Has(key) || in.IsNull(key))) in.Error(key, "is required");
    return false;
  }
  if (s.size() > limit) {
    in.Error(key, "is larger than 256 KiB");
    return false;
  }
  std::string nfc = ToNfc(s);
  if (nfc.size() > limit) {
    in.Error(key, "is larger than 256 KiB");
    return false;
  }
  *out = std::move(nfc);
  return true;
}

Status CheckLanguage(std::string_view lang, std::string_view field) {
  if (domain::IsKbLanguage(lang)) return Status::Ok();
  return InvalidArgument("unknown language \"" + std::string(lang) + "\"")
      .WithField(std::string(field), "must be one of en, hi, kn");
}

Status Forbidden(const char* what) {
  return PermissionDenied(std::string("only admins may ") + what).WithKind("forbidden");
}

json LocalizedJson(const domain::LocalizedText& t) {
  json j = json::object();
  for (const auto& [k, v] : t) j[k] = v;
  return j;
}

}  // namespace sahayak::services::kb_internal
