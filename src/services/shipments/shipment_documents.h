#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "domain/shipment_documents.h"
#include "services/shipments/shipment_store.h"
#include "services/store.h"

// The documents international shipments need (docs/shipments.md, "Documents for international
// shipments"): reading a rule's body, and a workspace's rules loaded once for a request and
// asked for each shipment it shows. The use cases (list, create, change, delete) are
// ShipmentService's (shipment_service.h); they run in the caller's transaction.
namespace sahayak::services {

// Applies a rule's body to `r`: `destination_country` ("US", or "*" for every international
// destination; required when `creating`), `origin_country` ("" or null: any origin) and
// `documents` (required when `creating`; replaces the list), each
// `{code, name, note?, kb_article_id?}`. Country codes are upper-cased; text is trimmed NFC.
// InvalidArgument naming every bad member (`documents[2].code`); nothing of `r` changes then.
// Whether the articles exist is the caller's check (it needs the store).
Status ReadDocumentRule(const nlohmann::json& body, bool creating, domain::DocumentRule* r);

// A knowledge-base article as a shipment's document links it.
struct DocumentArticleLink {
  Id id = 0;
  std::string title;
  std::string language;  // of `title`
  std::string url;       // the help centre's page ("/help/hi/articles/7"), or "" when none
};

// For agents: the title in `language` when the article has it, else in its first language; the
// help centre's page in that language when the article is public and published there ("" else).
DocumentArticleLink AgentArticleLink(const DocumentArticle& a, std::string_view language);
// For customers: nullopt unless the article is public and published in some language; the
// title and page in `language` when published there, else in the first published language.
// Internal articles and drafts are never linked.
std::optional<DocumentArticleLink> PublicArticleLink(const DocumentArticle& a,
                                                     std::string_view language);

// One document as a shipment shows it.
struct ShownDocument {
  const domain::RequiredDocument* document = nullptr;
  std::optional<DocumentArticleLink> article;  // nullopt: none named, deleted, or not public
};

// A workspace's rules and the articles they name, read in one go (two queries) so a list of
// shipments costs nothing more per shipment. Not thread-safe; lives for one request.
class DocumentRequirements {
 public:
  // `language`: the reader's (en, hi, kn); `customer`: links only public, published articles
  // (the portal).
  static Result<DocumentRequirements> Load(ReadTx& tx, Id ws, std::string language,
                                           bool customer = false);
  DocumentRequirements() = default;

  // The rule that applies to `s` (domain::MatchDocumentRule), or nullptr.
  const domain::DocumentRule* RuleFor(const domain::Shipment& s) const;
  // The documents `s` needs, in the rule's order; empty when it needs none.
  std::vector<ShownDocument> For(const domain::Shipment& s) const;
  // The link of article `id` for this reader, or nullopt (deleted; or not public for a customer).
  std::optional<DocumentArticleLink> Article(std::optional<Id> id) const;

  const std::vector<domain::DocumentRule>& rules() const { return rules_; }

 private:
  std::vector<domain::DocumentRule> rules_;
  std::map<Id, DocumentArticle> articles_;
  std::string language_ = "en";
  bool customer_ = false;
};

}  // namespace sahayak::services
