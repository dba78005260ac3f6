#pragma once

#include <string>
#include <vector>

#include "domain/kb.h"

// Demo knowledge-base content for `sahayak seed-demo`: the help centre of "Sahayak Express"
// (the courier, online shop and B2B desk of services/demo/corpus.h), in English, Hindi
// (Devanagari) and Kannada (Kannada script).
//
// Everything here is pure constant data: no I/O, no clock, no database. The caller (the KB
// seeder) turns it into categories, sections and articles, in the order given, using the
// vector index as the position.
//
// Guarantees (checked by kb_corpus_test.cc):
// - Every category and section has a title and a description in every domain::KbLanguages().
// - Every public article has a translation in en, hi and kn; internal (agent-only) articles
//   have at least en and hi. Translations are ordered like domain::KbLanguages().
// - Titles are non-empty and at most domain::kMaxKbTitleChars code points; bodies are
//   Markdown (headings, lists, GFM tables), at most domain::kMaxKbBodyBytes, NFC UTF-8.
// - Tags are lower-case ASCII, without spaces, sorted and unique (domain::NormaliseTags leaves
//   them unchanged), at most domain::kMaxKbTags per article.
// - Phone numbers are "1800-000-0000"-style placeholders and links point at example.com.
namespace sahayak::services::demo {

struct DemoKbTranslation {
  std::string language;  // "en" | "hi" | "kn"
  std::string title;
  std::string body;  // Markdown
};

struct DemoKbArticle {
  bool internal = false;  // true: agent-only (domain::KbVisibility::kInternal)
  std::vector<std::string> tags;
  std::vector<DemoKbTranslation> translations;
};

struct DemoKbSection {
  domain::LocalizedText titles;
  domain::LocalizedText descriptions;
  std::vector<DemoKbArticle> articles;
};

struct DemoKbCategory {
  domain::LocalizedText titles;
  domain::LocalizedText descriptions;
  std::vector<DemoKbSection> sections;
};

// The whole demo knowledge base, built once on first call; never empty.
const std::vector<DemoKbCategory>& DemoKnowledgeBase();

}  // namespace sahayak::services::demo
