#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "search/snippets.h"
#include "services/search/search.h"
#include "services/store.h"

// Reading hits back from index documents; shared by searcher.cc and searcher_suggest.cc.
namespace sahayak::search {

// What an index document stands for: its data's "ref" ("t42", the id term without "Q") and
// its data (schema.h).
struct DocRef {
  services::SearchType type = services::SearchType::kTicket;
  domain::Id id = 0;
  nlohmann::json data = nlohmann::json::object();
};

// nullopt for a document whose data has no valid "ref" (never written by the indexer).
std::optional<DocRef> ParseDocRef(const Xapian::Document& doc);
// The ticket's subject or the contact's/organisation's name, from the document data.
std::string DocTitle(const DocRef& ref);
// The document data without the title, "ref" and a ticket's "text"; millisecond times
// (`*_at`) as RFC 3339.
nlohmann::json DocFields(const DocRef& ref);

// Completes an article hit (id and fields from the document) from the database: title and
// snippet of the translation named by fields["language"], current status, visibility,
// section_id, help_url. False when the hit must be dropped: the article or translation is
// gone, or `public_only` and it is no longer a published translation of a public article
// (searcher_articles.cc).
bool FillArticleHit(services::ReadTx& tx, domain::Id workspace_id, bool public_only,
                    const HighlightTerms& highlight, size_t snippet_chars,
                    services::SearchHit* hit);

}  // namespace sahayak::search
