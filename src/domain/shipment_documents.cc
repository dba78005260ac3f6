#include "domain/shipment_documents.h"

#include <unicode/locid.h>

#include <algorithm>
#include <set>

namespace sahayak::domain {

bool IsDocumentCode(std::string_view code) {
  if (code.empty() || code.size() > kMaxDocumentCodeChars) return false;
  return std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

bool IsCountryCode(std::string_view code) {
  if (code.size() != 2 || code[0] < 'A' || code[0] > 'Z' || code[1] < 'A' || code[1] > 'Z') {
    return false;
  }
  // ICU's list of assigned ISO 3166-1 codes, read once.
  static const std::set<std::string, std::less<>>* const kCodes = [] {
    auto* codes = new std::set<std::string, std::less<>>();
    for (const char* const* c = icu::Locale::getISOCountries(); *c != nullptr; ++c) {
      codes->insert(*c);
    }
    return codes;
  }();
  return kCodes->find(code) != kCodes->end();
}

bool IsInternational(const ShipmentPlace& origin, const ShipmentPlace& destination) {
  return !origin.country.empty() && !destination.country.empty() &&
         origin.country != destination.country;
}

const DocumentRule* MatchDocumentRule(const std::vector<DocumentRule>& rules,
                                      std::string_view origin_country,
                                      std::string_view destination_country) {
  if (origin_country.empty() || destination_country.empty() ||
      origin_country == destination_country) {
    return nullptr;
  }
  // Lower is more specific: destination's own rule before "*", a named origin before any.
  const DocumentRule* best = nullptr;
  int best_rank = 4;
  for (const DocumentRule& r : rules) {
    int rank;
    if (r.destination_country == destination_country) {
      rank = 0;
    } else if (r.destination_country == kEveryDestination) {
      rank = 2;
    } else {
      continue;
    }
    if (r.origin_country.empty()) {
      rank += 1;
    } else if (r.origin_country != origin_country) {
      continue;
    }
    if (rank < best_rank) {
      best = &r;
      best_rank = rank;
    }
  }
  return best;
}

}  // namespace sahayak::domain
