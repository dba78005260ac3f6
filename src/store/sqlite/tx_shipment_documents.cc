// Document requirements of international shipments (migration 0017): part of SqliteShipmentTx,
// kept apart from tx_shipments.cc. A rule's documents are one JSON text column.
#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "store/sqlite/tx_shipments.h"

namespace sahayak::store {

namespace {

using domain::DocumentRule;
using domain::RequiredDocument;
using nlohmann::json;

constexpr const char* kDocumentRuleColumns =
    "id, workspace_id, destination_country, origin_country, documents, created_at, updated_at, "
    "version";

std::string DocumentsToJsonText(const std::vector<RequiredDocument>& docs) {
  json out = json::array();
  for (const RequiredDocument& d : docs) {
    out.push_back({{"code", d.code},
                   {"name", d.name},
                   {"note", d.note},
                   {"kb_article_id", d.kb_article_id ? json(*d.kb_article_id) : json(nullptr)}});
  }
  return out.dump();
}

// What the column holds; a damaged value reads as no documents rather than failing every read
// of every shipment.
std::vector<RequiredDocument> DocumentsFromJsonText(const std::string& text) {
  std::vector<RequiredDocument> out;
  json list = json::parse(text, nullptr, false);
  if (!list.is_array()) return out;
  for (const json& j : list) {
    if (!j.is_object()) continue;
    RequiredDocument d;
    d.code = j.value("code", "");
    d.name = j.value("name", "");
    d.note = j.value("note", "");
    if (j.contains("kb_article_id") && j["kb_article_id"].is_number_integer()) {
      d.kb_article_id = j["kb_article_id"].get<int64_t>();
    }
    out.push_back(std::move(d));
  }
  return out;
}

DocumentRule ReadDocumentRule(const Stmt& s) {
  DocumentRule r;
  r.id = s.Int(0);
  r.workspace_id = s.Int(1);
  r.destination_country = s.Text(2);
  r.origin_country = s.Text(3);
  r.documents = DocumentsFromJsonText(s.Text(4));
  r.created_at = s.Int(5);
  r.updated_at = s.Int(6);
  r.version = s.Int(7);
  return r;
}

Status RuleTaken(const Status& st, const DocumentRule& r) {
  if (st.code() != Code::kAlreadyExists) return st;
  std::string what = r.destination_country == "*" ? "every international destination"
                                                  : r.destination_country;
  return AlreadyExists("there is already a rule for " + what +
                       (r.origin_country.empty() ? " from any origin"
                                                 : " from " + r.origin_country))
      .WithField("destination_country", "already has a rule for this origin");
}

int LangOrder(const std::string& lang) {
  const auto& all = domain::KbLanguages();
  return static_cast<int>(std::find(all.begin(), all.end(), lang) - all.begin());
}

}  // namespace

Result<std::vector<DocumentRule>> SqliteShipmentTx::ListDocumentRules(domain::Id ws) {
  // "*" sorts before letters, "" before any origin: the general rules lead.
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kDocumentRuleColumns +
           " FROM shipment_document_rules WHERE workspace_id = ? "
           "ORDER BY destination_country, origin_country, id";
  })));
  s.Bind(1, ws);
  std::vector<DocumentRule> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(ReadDocumentRule(s));
  }
  return out;
}

Result<DocumentRule> SqliteShipmentTx::GetDocumentRule(domain::Id ws, domain::Id id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kDocumentRuleColumns +
           " FROM shipment_document_rules WHERE workspace_id = ? AND id = ?";
  })));
  s.Bind(1, ws).Bind(2, id);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("document rule " + std::to_string(id) + " does not exist");
  return ReadDocumentRule(s);
}

Result<std::vector<services::DocumentArticle>> SqliteShipmentTx::ListDocumentArticles(
    domain::Id ws, const std::vector<domain::Id>& ids) {
  std::vector<services::DocumentArticle> out;
  if (ids.empty()) return out;
  json id_list = json::array();
  for (domain::Id id : ids) id_list.push_back(id);
  std::map<domain::Id, services::DocumentArticle> by_id;
  {
    ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
        "SELECT id, visibility FROM kb_articles WHERE workspace_id = ?1 AND deleted_at IS NULL "
        "AND id IN (SELECT value FROM json_each(?2))"));
    s.Bind(1, ws).Bind(2, id_list.dump());
    while (true) {
      ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      services::DocumentArticle a;
      a.id = s.Int(0);
      a.visibility =
          domain::ParseKbVisibility(s.Text(1)).value_or(domain::KbVisibility::kInternal);
      by_id.emplace(a.id, std::move(a));
    }
  }
  if (by_id.empty()) return out;
  {
    ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
        "SELECT article_id, language, title, status FROM kb_translations WHERE workspace_id = ?1 "
        "AND article_id IN (SELECT value FROM json_each(?2))"));
    s.Bind(1, ws).Bind(2, id_list.dump());
    while (true) {
      ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      auto it = by_id.find(s.Int(0));
      if (it == by_id.end()) continue;
      it->second.translations.push_back(
          {s.Text(1), s.Text(2),
           domain::ParseKbStatus(s.Text(3)).value_or(domain::KbStatus::kDraft)});
    }
  }
  for (auto& [id, a] : by_id) {
    std::sort(a.translations.begin(), a.translations.end(),
              [](const auto& x, const auto& y) { return LangOrder(x.language) < LangOrder(y.language); });
    out.push_back(std::move(a));
  }
  return out;
}

Status SqliteShipmentTx::InsertDocumentRule(DocumentRule* r) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      "INSERT INTO shipment_document_rules (workspace_id, destination_country, origin_country, "
      "documents, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?)"));
  s.Bind(1, r->workspace_id).Bind(2, r->destination_country).Bind(3, r->origin_country);
  s.Bind(4, DocumentsToJsonText(r->documents)).Bind(5, r->created_at).Bind(6, r->updated_at);
  s.Bind(7, r->version);
  RETURN_IF_ERROR(RuleTaken(s.Exec(), *r));
  r->id = c_->LastInsertId();
  return Status::Ok();
}

Status SqliteShipmentTx::UpdateDocumentRule(const DocumentRule& r) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      "UPDATE shipment_document_rules SET destination_country = ?, origin_country = ?, "
      "documents = ?, updated_at = ?, version = ? WHERE workspace_id = ? AND id = ?"));
  s.Bind(1, r.destination_country).Bind(2, r.origin_country);
  s.Bind(3, DocumentsToJsonText(r.documents)).Bind(4, r.updated_at).Bind(5, r.version);
  s.Bind(6, r.workspace_id).Bind(7, r.id);
  RETURN_IF_ERROR(RuleTaken(s.Exec(), r));
  if (c_->Changes() == 0) {
    return NotFound("document rule " + std::to_string(r.id) + " does not exist");
  }
  return Status::Ok();
}

Status SqliteShipmentTx::DeleteDocumentRule(domain::Id ws, domain::Id id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      "DELETE FROM shipment_document_rules WHERE workspace_id = ? AND id = ?"));
  s.Bind(1, ws).Bind(2, id);
  RETURN_IF_ERROR(s.Exec());
  if (c_->Changes() == 0) return NotFound("document rule " + std::to_string(id) + " does not exist");
  return Status::Ok();
}

}  // namespace sahayak::store
