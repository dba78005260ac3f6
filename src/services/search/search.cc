#include "services/search/search.h"

namespace sahayak::services {

const char* Name(SearchType t) {
  switch (t) {
    case SearchType::kTicket: return "ticket";
    case SearchType::kContact: return "contact";
    case SearchType::kOrganisation: return "organization";
    case SearchType::kArticle: return "article";
  }
  return "ticket";
}

std::optional<SearchType> ParseSearchType(std::string_view s) {
  if (s == "ticket") return SearchType::kTicket;
  if (s == "contact") return SearchType::kContact;
  if (s == "organization" || s == "organisation") return SearchType::kOrganisation;
  if (s == "article") return SearchType::kArticle;
  return std::nullopt;
}

const char* Name(SearchSort s) {
  switch (s) {
    case SearchSort::kRelevance: return "relevance";
    case SearchSort::kNewest: return "-created_at";
    case SearchSort::kOldest: return "created_at";
    case SearchSort::kUpdated: return "-updated_at";
  }
  return "relevance";
}

std::optional<SearchSort> ParseSearchSort(std::string_view s) {
  if (s == "relevance" || s.empty()) return SearchSort::kRelevance;
  if (s == "-created_at") return SearchSort::kNewest;
  if (s == "created_at") return SearchSort::kOldest;
  if (s == "-updated_at") return SearchSort::kUpdated;
  return std::nullopt;
}

}  // namespace sahayak::services
