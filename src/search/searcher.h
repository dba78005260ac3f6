#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "services/search/search.h"
#include "search/slices.h"
#include "services/store.h"

// The search service over the Xapian index that search/indexer.h keeps up to date.
//
// PERMISSION RULE: a search only ever returns documents of the caller's workspace, of the
// requested types. Every query is built by VisibleQuery::Make (search/query_builder.h) from
// ScopeFor(caller), which adds the filter "XW<workspace> AND (XT<type> OR …)"; no other code
// hands a query to Xapian. Agents see every ticket of their workspace, internal notes
// included; a later step may restrict outsourced agents to their groups by filling
// Scope::group_ids. Merged tickets are not in the index (the indexer deletes them), and a hit
// whose ticket the database says is merged or gone is dropped too.
//
// The query text never fails: the parser's and the translator's problems are returned in
// SearchResult::problems, with begin/end converted HERE from byte offsets to code-point
// offsets into the (NFC-normalised) query, which is what the console underlines. An empty
// query, or one with nothing searchable left, lists nothing.
//
// Totals are exact up to 1,000 matches of a text query and 10,000 of filters alone (Enquire's
// check_at_least), an estimate above.
// Facets (ticket hits only, by status, group id, channel and priority) count every match up
// to 100,000; beyond that they are a sample. Snippets are built from the ticket's subject and
// its first 30 messages (at most 64 KiB of text), highlighted with the Analyzer
// (search/snippets.h).
//
// Thread-safe: each thread keeps its own Xapian::Database per index path (reopened before
// each query, which is cheap when nothing changed) and its own Analyzer.
namespace sahayak::search {

struct SearcherOptions {
  std::string index_path;          // the folder of the Xapian database (<data>/search)
  size_t snippet_chars = 200;      // about this many characters per snippet
  // A scored match is split into this many slices run at once (search/slices.h); 1: on the
  // searching thread alone. The server uses one per core (DefaultSlices).
  size_t slices = 1;
  // Indexes with fewer documents are matched in one piece.
  Xapian::doccount slice_min_documents = 100000;
};

class XapianSearchService final : public services::SearchService {
 public:
  // `store` and `clock` must outlive the service. The index need not exist yet: searches
  // answer kUnavailable until it does.
  XapianSearchService(services::Store& store, const Clock& clock, SearcherOptions options)
      : store_(store),
        clock_(clock),
        options_(std::move(options)),
        matcher_(options_.slices, options_.slice_min_documents) {}

  Result<services::SearchResult> Search(const services::Principal& who,
                                        const services::SearchRequest& request) override;
  // Tickets by number ("#123", "123"), then prefix matches of the typed words (the last word
  // as a prefix) on contacts and organisations (by relevance) and tickets (newest update
  // first). kInvalidArgument naming `limit` outside 1–20.
  Result<std::vector<services::Suggestion>> Suggest(const services::Principal& who,
                                                    std::string_view text, int limit) override;

  const SearcherOptions& options() const { return options_; }

 private:
  services::Store& store_;
  const Clock& clock_;
  SearcherOptions options_;
  SlicedMatcher matcher_;
};

}  // namespace sahayak::search
