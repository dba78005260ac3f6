// Article hits of XapianSearchService::Search: title and snippet from the database, in the
// translation's language, and a last check that the article may still be shown.
#include "base/markdown.h"
#include "search/article_documents.h"
#include "search/reader_pool.h"
#include "search/searcher_internal.h"

namespace sahayak::search {

namespace {
constexpr size_t kMaxArticleSnippetBytes = 64 * 1024;
}  // namespace

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
  std::string text = MarkdownToText(t->body);
  if (text.size() > kMaxArticleSnippetBytes) {
    size_t n = kMaxArticleSnippetBytes;  // on a character boundary
    while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
    text.resize(n);
  }
  Analyzer& analyzer = ThreadAnalyzer();
  size_t in_body = 0, in_title = 0;
  std::string body = MakeSnippet(analyzer, highlight, text, snippet_chars, &in_body);
  std::string title = MakeSnippet(analyzer, highlight, t->title, snippet_chars, &in_title);
  hit->snippet = (in_title > in_body || body.empty()) ? title : body;
  return true;
}

}  // namespace sahayak::search
