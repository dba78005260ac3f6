#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/shipment.h"
#include "domain/types.h"

// The documents an international shipment needs (docs/shipments.md, "Documents for
// international shipments"): a workspace's rules, one per destination country (or "*", every
// international destination) and optionally per origin country, each an ordered list of
// documents that may point to a knowledge-base article. Pure rules: which shipments are
// international and which rule applies to one.
namespace sahayak::domain {

inline constexpr size_t kMaxRequiredDocuments = 20;
inline constexpr size_t kMaxDocumentCodeChars = 40;
inline constexpr size_t kMaxDocumentNameChars = 100;
inline constexpr size_t kMaxDocumentNoteChars = 500;
inline constexpr std::string_view kEveryDestination = "*";

// One document of a rule: `code` names it for integrations ("commercial_invoice"), `name` and
// `note` are what agents and customers read.
struct RequiredDocument {
  std::string code;  // 1-40 characters of a-z, 0-9, '_' and '-'
  std::string name;  // 1-100 characters, NFC
  std::string note;  // at most 500 characters, NFC; may be ""
  std::optional<Id> kb_article_id;
  bool operator==(const RequiredDocument&) const = default;
};

struct DocumentRule {
  Id id = 0;
  Id workspace_id = 0;
  std::string destination_country;  // ISO 3166-1 alpha-2, upper-case, or "*"
  std::string origin_country;       // ISO 3166-1 alpha-2, upper-case, or "" (any origin)
  std::vector<RequiredDocument> documents;  // in the order shown; may be empty ("none needed")
  Millis created_at = 0;
  Millis updated_at = 0;
  int64_t version = 1;
};

// 1-40 characters of a-z, 0-9, '_' and '-'.
bool IsDocumentCode(std::string_view code);
// An assigned ISO 3166-1 alpha-2 code in upper case ("IN", "US"); "ZZ" and "in" are not.
bool IsCountryCode(std::string_view code);

// International: both countries are known and they differ. A shipment without an origin or a
// destination country is treated as domestic (nothing is claimed about its customs).
bool IsInternational(const ShipmentPlace& origin, const ShipmentPlace& destination);

// The rule for a shipment from `origin` to `destination` (countries), or nullptr when the
// shipment is not international or no rule matches. The most specific rule wins: the
// destination's own rule for this origin, then the destination's rule for any origin, then
// "*" for this origin, then "*" for any origin. `rules` may be in any order.
const DocumentRule* MatchDocumentRule(const std::vector<DocumentRule>& rules,
                                      std::string_view origin_country,
                                      std::string_view destination_country);
inline const DocumentRule* MatchDocumentRule(const std::vector<DocumentRule>& rules,
                                             const Shipment& s) {
  if (!IsInternational(s.origin, s.destination)) return nullptr;
  return MatchDocumentRule(rules, s.origin.country, s.destination.country);
}

}  // namespace sahayak::domain
