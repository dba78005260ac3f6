#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "domain/types.h"
#include "services/principal.h"

namespace sahayak::services {

// What a search can find. Articles arrive with the knowledge base (Step 5).
enum class SearchType { kTicket, kContact, kOrganisation, kArticle };
const char* Name(SearchType t);  // "ticket" "contact" "organization" "article"
std::optional<SearchType> ParseSearchType(std::string_view s);

enum class SearchSort { kRelevance, kNewest, kOldest, kUpdated };  // "relevance" "-created_at"
                                                                   // "created_at" "-updated_at"
const char* Name(SearchSort s);
std::optional<SearchSort> ParseSearchSort(std::string_view s);

struct SearchRequest {
  std::string q;                  // the search box text (query language: docs/search.md)
  std::vector<SearchType> types;  // empty: tickets, contacts and organisations
  SearchSort sort = SearchSort::kRelevance;
  std::string cursor;  // from a previous SearchResult::next_cursor; "" for the first page
  int limit = 25;      // 1–100
  bool facets = false;  // count matching tickets by status, group, channel, priority
  int utc_offset_minutes = 330;  // the searcher's zone, for whole-day dates
  // Knowledge-base articles (one hit per translation). Agents find every translation of every
  // article that is not deleted, drafts and internal ones too (status and visibility are in
  // the hit's fields). With `public_only` (the help centre, which searches with an anonymous
  // Principal: agent_id 0, not an admin, which implies it) only published translations of
  // public articles are found, and nothing but articles whatever `types` says.
  bool public_only = false;
  std::string language;  // "en" | "hi" | "kn": articles only in that translation; "": any
};

// A problem with the query, explained (see search/query/query.h).
struct SearchProblem {
  std::string code;
  std::string message;
  // Code-point offsets [begin, end) into the NFC-normalised query (the parser's byte offsets,
  // converted by the searcher for the console).
  size_t begin = 0;
  size_t end = 0;
  bool ignored = false;
};

struct SearchHit {
  SearchType type = SearchType::kTicket;
  domain::Id id = 0;
  std::string title;    // ticket subject, contact or organisation name, article title
  std::string snippet;  // HTML-escaped text with matches wrapped in <mark>…</mark>
  double score = 0;     // relevance, comparable within one result only
  // A few fields the result list shows without another request: for tickets number, status,
  // priority, channel, group_id, assignee_id, requester {id, name}, updated_at, created_at;
  // for contacts email; for organisations domains; for articles language, status,
  // visibility, section_id, help_url ("/help/hi/articles/7"), updated_at. An article hit's id
  // is the article's; its title and snippet are in the translation's language.
  nlohmann::json fields = nlohmann::json::object();
};

struct SearchResult {
  std::vector<SearchHit> hits;
  std::string next_cursor;  // "" on the last page
  int64_t total = 0;        // matches, an estimate above 10,000 (see total_exact)
  bool total_exact = true;
  // facet name ("status" "group" "channel" "priority") → value → count, over all matching
  // tickets, when requested.
  std::map<std::string, std::map<std::string, int64_t>> facets;
  std::vector<SearchProblem> problems;
  std::string canonical_query;
};

struct Suggestion {
  SearchType type = SearchType::kTicket;
  domain::Id id = 0;
  std::string title;
  std::string detail;  // "#1234 · open", an e-mail address, a domain
};

// Search over one workspace's tickets, contacts, organisations and articles, returning only
// what `who` may see. Implemented by search/ (Xapian); thread-safe.
class SearchService {
 public:
  virtual ~SearchService() = default;

  // Errors: kInvalidArgument for a bad cursor, limit or type (the query text itself never
  // fails: its problems are in the result); kUnavailable while the index cannot be opened.
  virtual Result<SearchResult> Search(const Principal& who, const SearchRequest& request) = 0;

  // Up to `limit` (≤ 20) things whose title or identifiers start with what was typed, for the
  // search box's instant suggestions.
  virtual Result<std::vector<Suggestion>> Suggest(const Principal& who, std::string_view text,
                                                  int limit) = 0;
};

}  // namespace sahayak::services
