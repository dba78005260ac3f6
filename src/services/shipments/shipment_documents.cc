// Documents international shipments need: the use cases of ShipmentService that manage the
// rules, and the rules as a request reads them for its shipments (bodies: document_rule_input.cc).
#include "services/shipments/shipment_documents.h"

#include <algorithm>
#include <set>

#include "base/text.h"
#include "domain/json_input.h"
#include "services/audit.h"
#include "services/shipments/shipment_input.h"
#include "services/shipments/shipment_service.h"

namespace sahayak::services {

using domain::DocumentRule;
using domain::RequiredDocument;
using nlohmann::json;

namespace {

json RuleAuditView(const DocumentRule& r) {
  json docs = json::array();
  for (const RequiredDocument& d : r.documents) {
    docs.push_back({{"code", d.code},
                    {"name", d.name},
                    {"note", d.note},
                    {"kb_article_id", d.kb_article_id ? json(*d.kb_article_id) : json(nullptr)}});
  }
  return {{"destination_country", r.destination_country},
          {"origin_country", r.origin_country},
          {"documents", std::move(docs)}};
}

// Every kb_article_id of `r` names an article of the workspace; InvalidArgument naming each
// that does not.
Status CheckArticles(ReadTx& tx, Id ws, const DocumentRule& r) {
  std::vector<Id> ids;
  for (const RequiredDocument& d : r.documents) {
    if (d.kb_article_id) ids.push_back(*d.kb_article_id);
  }
  if (ids.empty()) return Status::Ok();
  ASSIGN_OR_RETURN(auto found, tx.shipments().ListDocumentArticles(ws, ids));
  std::set<Id> known;
  for (const DocumentArticle& a : found) known.insert(a.id);
  Status bad = InvalidArgument("a document names an article the knowledge base does not have");
  bool any = false;
  for (size_t i = 0; i < r.documents.size(); ++i) {
    const auto& id = r.documents[i].kb_article_id;
    if (id && !known.count(*id)) {
      bad.WithField("documents[" + std::to_string(i) + "].kb_article_id",
                    "is not an article of this workspace's knowledge base");
      any = true;
    }
  }
  return any ? bad : Status::Ok();
}

}  // namespace

DocumentArticleLink AgentArticleLink(const DocumentArticle& a, std::string_view language) {
  DocumentArticleLink out;
  out.id = a.id;
  const DocumentArticle::Translation* shown = nullptr;
  for (const auto& t : a.translations) {
    if (t.language == language) shown = &t;
  }
  if (shown == nullptr && !a.translations.empty()) shown = &a.translations.front();
  if (shown != nullptr) {
    out.title = shown->title;
    out.language = shown->language;
    if (a.visibility == domain::KbVisibility::kPublic &&
        shown->status == domain::KbStatus::kPublished) {
      out.url = "/help/" + shown->language + "/articles/" + std::to_string(a.id);
    }
  }
  return out;
}

std::optional<DocumentArticleLink> PublicArticleLink(const DocumentArticle& a,
                                                     std::string_view language) {
  if (a.visibility != domain::KbVisibility::kPublic) return std::nullopt;
  const DocumentArticle::Translation* shown = nullptr;
  for (const auto& t : a.translations) {
    if (t.status != domain::KbStatus::kPublished) continue;
    if (t.language == language) {
      shown = &t;
      break;
    }
    if (shown == nullptr) shown = &t;
  }
  if (shown == nullptr) return std::nullopt;
  return DocumentArticleLink{a.id, shown->title, shown->language,
                             "/help/" + shown->language + "/articles/" + std::to_string(a.id)};
}

// ---- DocumentRequirements ----

Result<DocumentRequirements> DocumentRequirements::Load(ReadTx& tx, Id ws, std::string language,
                                                        bool customer) {
  DocumentRequirements out;
  out.language_ = std::move(language);
  out.customer_ = customer;
  ASSIGN_OR_RETURN(out.rules_, tx.shipments().ListDocumentRules(ws));
  std::vector<Id> ids;
  for (const DocumentRule& r : out.rules_) {
    for (const RequiredDocument& d : r.documents) {
      if (d.kb_article_id) ids.push_back(*d.kb_article_id);
    }
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  if (!ids.empty()) {
    ASSIGN_OR_RETURN(auto articles, tx.shipments().ListDocumentArticles(ws, ids));
    for (DocumentArticle& a : articles) out.articles_.emplace(a.id, std::move(a));
  }
  return out;
}

const DocumentRule* DocumentRequirements::RuleFor(const domain::Shipment& s) const {
  return domain::MatchDocumentRule(rules_, s);
}

std::optional<DocumentArticleLink> DocumentRequirements::Article(std::optional<Id> id) const {
  if (!id) return std::nullopt;
  auto it = articles_.find(*id);
  if (it == articles_.end()) return std::nullopt;
  if (customer_) return PublicArticleLink(it->second, language_);
  return AgentArticleLink(it->second, language_);
}

std::vector<ShownDocument> DocumentRequirements::For(const domain::Shipment& s) const {
  std::vector<ShownDocument> out;
  const DocumentRule* rule = RuleFor(s);
  if (rule == nullptr) return out;
  for (const RequiredDocument& d : rule->documents) {
    out.push_back({&d, Article(d.kb_article_id)});
  }
  return out;
}

// ---- the use cases ----

Result<std::vector<DocumentRule>> ShipmentService::ListDocumentRules(ReadTx& tx,
                                                                     const Principal& who) const {
  return tx.shipments().ListDocumentRules(who.workspace_id);
}

Result<DocumentRule> ShipmentService::GetDocumentRule(ReadTx& tx, const Principal& who,
                                                      Id id) const {
  return tx.shipments().GetDocumentRule(who.workspace_id, id);
}

Result<DocumentRule> ShipmentService::CreateDocumentRule(WriteTx& tx, const Principal& who,
                                                         const json& body) const {
  RETURN_IF_ERROR(RequireAdmin(who, "manage document requirements"));
  DocumentRule r;
  r.workspace_id = who.workspace_id;
  RETURN_IF_ERROR(ReadDocumentRule(body, true, &r));
  RETURN_IF_ERROR(CheckArticles(tx, who.workspace_id, r));
  r.created_at = r.updated_at = clock_.Now();
  RETURN_IF_ERROR(tx.shipments().InsertDocumentRule(&r));
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), "shipment_document_rule.created",
                               "shipment_document_rule", r.id, AuditCreated(RuleAuditView(r)),
                               r.created_at));
  return r;
}

Result<DocumentRule> ShipmentService::UpdateDocumentRule(WriteTx& tx, const Principal& who, Id id,
                                                         const json& body,
                                                         std::optional<int64_t> if_match) const {
  RETURN_IF_ERROR(RequireAdmin(who, "manage document requirements"));
  ASSIGN_OR_RETURN(DocumentRule before, tx.shipments().GetDocumentRule(who.workspace_id, id));
  if (if_match && *if_match != before.version) {
    return Aborted("document rule " + std::to_string(id) + " changed since version " +
                   std::to_string(*if_match) + "; it is now at version " +
                   std::to_string(before.version))
        .WithKind("precondition-failed");
  }
  DocumentRule r = before;
  RETURN_IF_ERROR(ReadDocumentRule(body, false, &r));
  RETURN_IF_ERROR(CheckArticles(tx, who.workspace_id, r));
  json changes = AuditDiff(RuleAuditView(before), RuleAuditView(r));
  if (changes.empty()) return before;
  r.updated_at = clock_.Now();
  r.version = before.version + 1;
  RETURN_IF_ERROR(tx.shipments().UpdateDocumentRule(r));
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), "shipment_document_rule.updated",
                               "shipment_document_rule", r.id, changes, r.updated_at));
  return r;
}

Status ShipmentService::DeleteDocumentRule(WriteTx& tx, const Principal& who, Id id) const {
  RETURN_IF_ERROR(RequireAdmin(who, "manage document requirements"));
  ASSIGN_OR_RETURN(DocumentRule r, tx.shipments().GetDocumentRule(who.workspace_id, id));
  RETURN_IF_ERROR(tx.shipments().DeleteDocumentRule(who.workspace_id, id));
  return RecordChange(tx, who.workspace_id, who.actor(), "shipment_document_rule.deleted",
                      "shipment_document_rule", id,
                      {{"destination_country", {r.destination_country, nullptr}},
                       {"origin_country", {r.origin_country, nullptr}}},
                      clock_.Now());
}

}  // namespace sahayak::services
