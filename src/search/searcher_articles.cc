// Article hits of XapianSearchService::Search: title and snippet from the database, in the
// translation's language, and a last check that the article may still be shown.
#include "search/article_documents.h"
#include "search/reader_pool.h"
#include "search/searcher_internal.h"

namespace sahayak::search {

bool FillArticleHit(services::ReadTx& tx, domain::Id workspace_id, bool public_only,
                    const HighlightTerms& highlight, size_t snippet_chars,
                    services::SearchHit* hit) {
  auto lang = hit->fields.find("language");
  if (lang == hit->fields.end() || !lang->is_string()) return false;
  const std::string language = lang->get<std::string>();
  // The index may lag: a deleted article, a removed translation, or (for visitors) one that
  // stopped being public and published is dropped here.
  auto a = tx.kb().GetKbArticle(workspace_id, hit->id);
  if (!a.ok()) return false;
  const domain::KbTranslation* t = a->Find(language);
  if (t == nullptr || (public_only && !a->PublicIn(language))) return false;

  hit->title = t->title;
  hit->fields["status"] = domain::Name(t->status);
  hit->fields["visibility"] = domain::Name(a->visibility);
  hit->fields["section_id"] = a->section_id;
  hit->fields["help_url"] = ArticleHelpUrl(a->id, language);
  // The plain text stored when the translation was indexed, unless the body changed since
  // (the index lags a moment behind an edit): rendering Markdown per hit is what made a
  // help-centre search cost milliseconds.
  std::string text;
  auto stored = hit->fields.find("text");
  auto key = hit->fields.find("text_of");
  if (stored != hit->fields.end() && stored->is_string() && key != hit->fields.end() &&
      key->is_string() && key->get<std::string>() == ArticleBodyKey(t->body)) {
    text = std::move(stored->get_ref<std::string&>());
  } else {
    text = ArticleSnippetText(t->body);
  }
  hit->fields.erase("text");
  hit->fields.erase("text_of");
  Analyzer& analyzer = ThreadAnalyzer();
  size_t in_body = 0, in_title = 0;
  std::string body = MakeSnippet(analyzer, highlight, text, snippet_chars, &in_body);
  std::string title = MakeSnippet(analyzer, highlight, t->title, snippet_chars, &in_title);
  hit->snippet = (in_title > in_body || body.empty()) ? title : body;
  return true;
}

}  // namespace sahayak::search
