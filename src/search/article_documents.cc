#include "search/article_documents.h"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "base/markdown.h"
#include "search/schema.h"

namespace sahayak::search {

namespace {

using nlohmann::json;

// As search/documents.cc: Xapian refuses terms over 245 bytes.
constexpr size_t kMaxTermBytes = 240;
// Positions between title, body and tags, as kFieldGap in search/documents.h.
constexpr Xapian::termpos kGap = 100;

void AddBoolean(Xapian::Document* doc, std::string_view prefix, std::string_view value) {
  if (value.empty() || prefix.size() + value.size() > kMaxTermBytes) return;
  doc->add_boolean_term(schema::Term(prefix, value));
}

// Free text with the same terms search/documents.cc writes for tickets (the query builder
// looks words up that way): the exact term with its position, "Z" + stem when the stem
// differs, "XP" + phonetic key. Fields are kGap positions apart so phrases never span two.
class ArticleText {
 public:
  ArticleText(Xapian::Document* doc, Analyzer& analyzer) : doc_(doc), analyzer_(analyzer) {}

  void Add(std::string_view text, Xapian::termcount wdf = 1) {
    if (text.empty()) return;
    std::vector<Token> tokens = analyzer_.Analyze(text, next_);
    if (tokens.empty()) return;
    uint32_t last = next_;
    for (const Token& t : tokens) {
      if (t.term.empty() || t.term.size() > kMaxTermBytes) continue;
      doc_->add_posting(t.term, t.position, wdf);
      last = std::max(last, t.position);
      if (!t.stem.empty() && t.stem.size() + schema::kStem.size() <= kMaxTermBytes) {
        doc_->add_term(schema::Term(schema::kStem, t.stem), wdf);
      }
      if (!t.phonetic.empty() && t.phonetic.size() + schema::kPhonetic.size() <= kMaxTermBytes) {
        doc_->add_term(schema::Term(schema::kPhonetic, t.phonetic), wdf);
      }
    }
    next_ = last + 1 + kGap;
  }

  // "express_delivery" as itself and as "express delivery".
  void AddWithParts(const std::string& s) {
    Add(s);
    std::string parts = s;
    for (char& ch : parts) {
      if (ch == '_' || ch == '.' || ch == '-') ch = ' ';
    }
    if (parts != s) Add(parts);
  }

 private:
  Xapian::Document* doc_;
  Analyzer& analyzer_;
  uint32_t next_ = 1;
};

}  // namespace

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

Xapian::Document ArticleDocument(const domain::KbArticle& a, const domain::KbTranslation& t,
                                 Analyzer& analyzer) {
  Xapian::Document doc;
  doc.add_boolean_term(ArticleIdTerm(a.id, t.language));
  AddBoolean(&doc, schema::kType, "article");
  AddBoolean(&doc, schema::kWorkspace, std::to_string(a.workspace_id));
  AddBoolean(&doc, schema::kArticle, std::to_string(a.id));
  AddBoolean(&doc, schema::kStatus, domain::Name(t.status));
  AddBoolean(&doc, schema::kLanguage, t.language);
  AddBoolean(&doc, schema::kSection, std::to_string(a.section_id));
  if (a.visibility == domain::KbVisibility::kInternal) AddBoolean(&doc, schema::kInternal, "1");
  for (const auto& tag : a.tags) AddBoolean(&doc, schema::kTag, tag);

  ArticleText text(&doc, analyzer);
  text.Add(t.title, 3);
  text.Add(MarkdownToText(t.body));
  for (const auto& tag : a.tags) text.AddWithParts(tag);

  doc.add_value(schema::kCreatedAt, Xapian::sortable_serialise(static_cast<double>(t.created_at)));
  doc.add_value(schema::kUpdatedAt, Xapian::sortable_serialise(static_cast<double>(t.updated_at)));
  doc.add_value(schema::kStatusSlot, domain::Name(t.status));

  json data = {{"name", t.title},
               {"language", t.language},
               {"status", domain::Name(t.status)},
               {"visibility", domain::Name(a.visibility)},
               {"section_id", a.section_id},
               {"help_url", ArticleHelpUrl(a.id, t.language)},
               {"updated_at", t.updated_at}};
  doc.set_data(data.dump(-1, ' ', false, json::error_handler_t::replace));
  return doc;
}

void ReplaceArticleDocuments(Xapian::WritableDatabase& db, const std::vector<domain::Id>& ids,
                             const std::vector<domain::KbArticle>& found, Analyzer& analyzer) {
  for (domain::Id id : ids) db.delete_document(ArticleTerm(id));
  const std::set<domain::Id> wanted(ids.begin(), ids.end());
  for (const auto& a : found) {
    if (!wanted.count(a.id)) continue;
    for (const auto& t : a.translations) {
      db.replace_document(ArticleIdTerm(a.id, t.language), ArticleDocument(a, t, analyzer));
    }
  }
}

bool IsArticleTopic(std::string_view topic) {
  return topic == "kb.article.changed" || topic == "kb.article.deleted";
}

}  // namespace sahayak::search
