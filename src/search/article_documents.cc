#include "search/article_documents.h"

#include <cstdint>
#include <cstdio>
#include <set>

#include <nlohmann/json.hpp>

#include "base/markdown.h"
#include "search/documents.h"
#include "search/schema.h"
#include "search/text_writer.h"

namespace sahayak::search {

using nlohmann::json;

std::string ArticleIdTerm(domain::Id article_id, std::string_view language) {
  return schema::Term(schema::kIdTerm, "a" + std::to_string(article_id) + "-" +
                                           std::string(language));
}

std::string ArticleTerm(domain::Id article_id) {
  return schema::Term(schema::kArticle, std::to_string(article_id));
}

std::string ArticleHelpUrl(domain::Id article_id, std::string_view language) {
  return "/help/" + std::string(language) + "/articles/" + std::to_string(article_id);
}

namespace {

std::string CutText(std::string text) {
  if (text.size() > kMaxArticleSnippetBytes) {
    size_t n = kMaxArticleSnippetBytes;  // on a character boundary
    while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
    text.resize(n);
  }
  return text;
}

}  // namespace

std::string ArticleSnippetText(std::string_view body) { return CutText(MarkdownToText(body)); }

std::string ArticleBodyKey(std::string_view body) {
  // FNV-1a (64 bits): computed for every article hit, so it must cost next to nothing; it only
  // has to notice an edit, not resist a forger. Stable across builds, unlike std::hash.
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : body) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return std::string(hex, 16);
}

Xapian::Document ArticleDocument(const domain::KbArticle& a, const domain::KbTranslation& t,
                                 Analyzer& analyzer, LexiconWriter* lexicon) {
  Xapian::Document doc;
  doc.add_boolean_term(ArticleIdTerm(a.id, t.language));
  AddBooleanTerm(&doc, schema::kType, "article");
  AddBooleanTerm(&doc, schema::kWorkspace, std::to_string(a.workspace_id));
  doc.add_boolean_term(CreatedMonthTerm(MonthOf(t.created_at)));
  AddBooleanTerm(&doc, schema::kArticle, std::to_string(a.id));
  AddBooleanTerm(&doc, schema::kStatus, domain::Name(t.status));
  AddBooleanTerm(&doc, schema::kLanguage, t.language);
  AddBooleanTerm(&doc, schema::kSection, std::to_string(a.section_id));
  if (a.visibility == domain::KbVisibility::kInternal) {
    AddBooleanTerm(&doc, schema::kInternal, "1");
  }
  for (const auto& tag : a.tags) AddBooleanTerm(&doc, schema::kTag, tag);

  // Rendered once here (cmark-gfm and the HTML parser are the costly part of a search hit).
  const std::string plain = MarkdownToText(t.body);
  TextWriter text(&doc, analyzer, lexicon);
  text.Add(t.title, 3);
  text.Add(plain);
  for (const auto& tag : a.tags) text.AddWithParts(tag);

  doc.add_value(schema::kCreatedAt, Xapian::sortable_serialise(static_cast<double>(t.created_at)));
  doc.add_value(schema::kUpdatedAt, Xapian::sortable_serialise(static_cast<double>(t.updated_at)));
  doc.add_value(schema::kStatusSlot, domain::Name(t.status));

  json data = {{"ref", ArticleIdTerm(a.id, t.language).substr(schema::kIdTerm.size())},
               {"name", t.title},
               {"language", t.language},
               {"status", domain::Name(t.status)},
               {"visibility", domain::Name(a.visibility)},
               {"section_id", a.section_id},
               {"help_url", ArticleHelpUrl(a.id, t.language)},
               {"updated_at", t.updated_at},
               {"text", CutText(plain)},
               {"text_of", ArticleBodyKey(t.body)}};
  doc.set_data(data.dump(-1, ' ', false, json::error_handler_t::replace));
  return doc;
}

void ReplaceArticleDocuments(Xapian::WritableDatabase& db, const std::vector<domain::Id>& ids,
                             const std::vector<domain::KbArticle>& found, Analyzer& analyzer,
                             LexiconWriter& lexicon) {
  for (domain::Id id : ids) db.delete_document(ArticleTerm(id));
  const std::set<domain::Id> wanted(ids.begin(), ids.end());
  for (const auto& a : found) {
    if (!wanted.count(a.id)) continue;
    for (const auto& t : a.translations) {
      Xapian::Document doc = ArticleDocument(a, t, analyzer, &lexicon);
      lexicon.Flush(db);
      db.replace_document(ArticleIdTerm(a.id, t.language), doc);
    }
  }
}

bool IsArticleTopic(std::string_view topic) {
  return topic == "kb.article.changed" || topic == "kb.article.deleted";
}

}  // namespace sahayak::search
