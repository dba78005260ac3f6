#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "domain/json_input.h"
#include "domain/kb.h"
#include "services/principal.h"

// Validation shared by kb_service.cc and kb_articles.cc (internal to services/kb).
namespace sahayak::services::kb_internal {

constexpr size_t kMaxKbDescriptionChars = 2000;
constexpr int64_t kMaxKbPosition = 1000000;

// Reads {"en": "...", "hi": "..."}: keys must be KB languages, values strings of at most
// `max_chars` code points (trimmed, NFC); empty values are dropped. With `need_one`, at least
// one non-empty value is required.
bool ReadLocalized(domain::JsonInput& in, std::string_view key, bool required, bool need_one,
                   size_t max_chars, domain::LocalizedText* out);
// A position 0..1000000.
bool ReadPosition(domain::JsonInput& in, int64_t* out);
// A title: 1–200 code points after trimming, NFC.
bool ReadTitle(domain::JsonInput& in, std::string_view key, bool required, std::string* out);
// A Markdown body: at most 256 KiB, NFC (may be empty).
bool ReadBody(domain::JsonInput& in, std::string_view key, bool required, std::string* out);
// InvalidArgument naming `field` unless `lang` is en, hi or kn.
Status CheckLanguage(std::string_view lang, std::string_view field = "language");

Status Forbidden(const char* what);

nlohmann::json LocalizedJson(const domain::LocalizedText& t);

}  // namespace sahayak::services::kb_internal
