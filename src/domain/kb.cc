#include "domain/kb.h"

#include <algorithm>

namespace sahayak::domain {

const std::vector<std::string>& KbLanguages() {
  static const std::vector<std::string> kLanguages = {"en", "hi", "kn"};
  return kLanguages;
}

bool IsKbLanguage(std::string_view lang) {
  const auto& all = KbLanguages();
  return std::find(all.begin(), all.end(), lang) != all.end();
}

std::string Localized(const LocalizedText& text, std::string_view lang,
                      std::string_view fallback) {
  for (std::string_view want : {lang, fallback, std::string_view("en")}) {
    auto it = text.find(std::string(want));
    if (it != text.end() && !it->second.empty()) return it->second;
  }
  for (const auto& [key, value] : text) {
    if (!value.empty()) return value;
  }
  return "";
}

const char* Name(KbVisibility v) { return v == KbVisibility::kPublic ? "public" : "internal"; }

std::optional<KbVisibility> ParseKbVisibility(std::string_view s) {
  if (s == "public") return KbVisibility::kPublic;
  if (s == "internal") return KbVisibility::kInternal;
  return std::nullopt;
}

const char* Name(KbStatus s) {
  switch (s) {
    case KbStatus::kDraft:
      return "draft";
    case KbStatus::kPublished:
      return "published";
    case KbStatus::kArchived:
      return "archived";
  }
  return "draft";
}

std::optional<KbStatus> ParseKbStatus(std::string_view s) {
  if (s == "draft") return KbStatus::kDraft;
  if (s == "published") return KbStatus::kPublished;
  if (s == "archived") return KbStatus::kArchived;
  return std::nullopt;
}

const KbTranslation* KbArticle::Find(std::string_view lang) const {
  for (const auto& t : translations) {
    if (t.language == lang) return &t;
  }
  return nullptr;
}

bool KbArticle::PublicIn(std::string_view lang) const {
  const KbTranslation* t = Find(lang);
  return visibility == KbVisibility::kPublic && t != nullptr && t->status == KbStatus::kPublished;
}

}  // namespace sahayak::domain
