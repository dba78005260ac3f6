#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "domain/kb.h"
#include "search/analyzer.h"
#include "search/lexicon.h"
#include "services/store.h"

// Knowledge-base articles in the search index: one Xapian document per translation (article
// id + language), laid out as search/schema.h says for type "article". Pure functions of
// their input like search/documents.h, so a rebuild equals the incremental result.
namespace sahayak::search {

// The unique id term of one translation's document: "Qa7-hi" (ParseDocRef reads id 7).
std::string ArticleIdTerm(domain::Id article_id, std::string_view language);
// The term every translation of the article carries ("XART7"): deleting by it removes them all.
std::string ArticleTerm(domain::Id article_id);

// Where the help centre shows the translation: "/help/hi/articles/7".
std::string ArticleHelpUrl(domain::Id article_id, std::string_view language);

// The document of translation `t` of article `a`. Filter terms: type "article", workspace,
// XART + article id, status (XS + draft|published|archived), language (XL + en|hi|kn),
// section (XSEC + id), tags (XK + tag), XI1 when the article is internal. Free text like
// tickets (exact terms with positions, Z + stem, XP + phonetic key): the title (wdf ×3), the
// body as the text a reader sees (Markdown and HTML removed), then the tags (whole and in
// parts). Values: created/updated (the translation's), status. Data: {"name" (the title),
// "language", "status", "visibility", "section_id", "help_url", "updated_at", "text"
// (ArticleSnippetText of the body, so a search renders no Markdown), "text_of"
// (ArticleBodyKey of the body it was made from)}.
Xapian::Document ArticleDocument(const domain::KbArticle& a, const domain::KbTranslation& t,
                                 Analyzer& analyzer, LexiconWriter* lexicon = nullptr);

// The text a hit's snippet is cut from: what a reader sees of the Markdown `body`
// (MarkdownToText), at most kMaxArticleSnippetBytes, cut on a character boundary.
inline constexpr size_t kMaxArticleSnippetBytes = 64 * 1024;
std::string ArticleSnippetText(std::string_view body);
// Identifies a body (16 hex digits of a 64-bit FNV-1a hash): the searcher uses the stored
// "text" only when the database's body still has this key (the index may lag behind an edit).
std::string ArticleBodyKey(std::string_view body);

// Brings the documents of the articles `ids` in line with `found` (what the database holds
// of them now; deleted or missing articles are absent): every document of each id is removed,
// then one is added per translation of the found articles, its words' stems and keys
// recorded through `lexicon`. Throws Xapian::Error.
void ReplaceArticleDocuments(Xapian::WritableDatabase& db, const std::vector<domain::Id>& ids,
                             const std::vector<domain::KbArticle>& found, Analyzer& analyzer,
                             LexiconWriter& lexicon);

// The outbox topics that change an article's documents (payload {"article_id": n}).
bool IsArticleTopic(std::string_view topic);

}  // namespace sahayak::search
