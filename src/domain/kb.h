#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/types.h"

// The knowledge base: categories hold sections, sections hold articles, and an article has a
// translation per language, each with its own status and version history (docs/kb.md).
namespace sahayak::domain {

// The languages articles, categories and the help centre are written in.
const std::vector<std::string>& KbLanguages();  // {"en", "hi", "kn"}
bool IsKbLanguage(std::string_view lang);

// Text per language: {"en": "Shipping", "hi": "शिपिंग"}. Keys are KbLanguages().
using LocalizedText = std::map<std::string, std::string>;
// The text in `lang`, else in `fallback`, else in English, else any; "" when empty.
std::string Localized(const LocalizedText& text, std::string_view lang,
                      std::string_view fallback = "en");

struct KbCategory {
  Id id = 0;
  Id workspace_id = 0;
  LocalizedText titles;
  LocalizedText descriptions;
  int64_t position = 0;
  Millis created_at = 0;
  Millis updated_at = 0;
  int64_t version = 1;
};

struct KbSection {
  Id id = 0;
  Id workspace_id = 0;
  Id category_id = 0;
  LocalizedText titles;
  LocalizedText descriptions;
  int64_t position = 0;
  Millis created_at = 0;
  Millis updated_at = 0;
  int64_t version = 1;
};

enum class KbVisibility { kPublic, kInternal };
const char* Name(KbVisibility v);
std::optional<KbVisibility> ParseKbVisibility(std::string_view s);

enum class KbStatus { kDraft, kPublished, kArchived };
const char* Name(KbStatus s);
std::optional<KbStatus> ParseKbStatus(std::string_view s);

// One language of an article: its current text and counters.
struct KbTranslation {
  Id article_id = 0;
  std::string language;
  std::string title;
  std::string body;  // Markdown
  KbStatus status = KbStatus::kDraft;
  int64_t version_no = 1;
  Id author_id = 0;
  Millis created_at = 0;
  Millis updated_at = 0;
  std::optional<Millis> published_at;
  int64_t views = 0;
  int64_t helpful_yes = 0;
  int64_t helpful_no = 0;
};

struct KbArticle {
  Id id = 0;
  Id workspace_id = 0;
  Id section_id = 0;
  KbVisibility visibility = KbVisibility::kPublic;
  int64_t position = 0;
  std::vector<std::string> tags;         // normalised like ticket tags
  std::vector<Id> attachment_ids;
  std::vector<KbTranslation> translations;  // ordered by KbLanguages()
  Id created_by = 0;
  Millis created_at = 0;
  Millis updated_at = 0;
  int64_t version = 1;  // the ETag; bumped by every change to the article or a translation

  const KbTranslation* Find(std::string_view lang) const;
  // Whether a visitor of the help centre may read it in `lang`.
  bool PublicIn(std::string_view lang) const;
};

// One saved text of a translation.
struct KbVersion {
  Id article_id = 0;
  std::string language;
  int64_t version_no = 0;
  std::string title;
  std::string body;
  KbStatus status = KbStatus::kDraft;
  Id author_id = 0;
  std::string note;
  Millis created_at = 0;
};

constexpr size_t kMaxKbTitleChars = 200;
constexpr size_t kMaxKbBodyBytes = 256 * 1024;
constexpr size_t kMaxKbTags = 20;
constexpr size_t kMaxKbAttachments = 50;

}  // namespace sahayak::domain
