// Documents international shipments need (docs/shipments.md, "Documents for international
// shipments"): the rules' routes under /api/v1/shipment-document-rules, and the JSON a shipment
// shows them with.
#include "api/crud.h"
#include "api/handlers.h"
#include "api/shipment_documents.h"
#include "base/clock.h"

namespace sahayak::api {

using domain::DocumentRule;
using nlohmann::json;
using services::ReadTx;
using services::WriteTx;

json DocumentArticleJson(const std::optional<services::DocumentArticleLink>& a) {
  if (!a) return nullptr;
  return {{"id", a->id},
          {"title", a->title},
          {"language", a->language},
          {"url", a->url.empty() ? json(nullptr) : json(a->url)}};
}

json DocumentsRequiredJson(const services::DocumentRequirements& docs, const domain::Shipment& s) {
  json out = json::array();
  for (const services::ShownDocument& d : docs.For(s)) {
    out.push_back({{"code", d.document->code},
                   {"name", d.document->name},
                   {"note", d.document->note},
                   {"article", DocumentArticleJson(d.article)}});
  }
  return out;
}

namespace handlers {

namespace {

Response ShipmentDocumentsNotWired() {
  return Problem(503, "unavailable", "shipments are not available on this server");
}

// A rule as the API shows it; `docs` resolves the articles its documents name.
json RuleJson(const DocumentRule& r, const services::DocumentRequirements& docs) {
  json documents = json::array();
  for (const domain::RequiredDocument& d : r.documents) {
    documents.push_back(
        {{"code", d.code},
         {"name", d.name},
         {"note", d.note},
         {"kb_article_id", d.kb_article_id ? json(*d.kb_article_id) : json(nullptr)},
         {"article", DocumentArticleJson(docs.Article(d.kb_article_id))}});
  }
  return {{"id", r.id},
          {"destination_country", r.destination_country},
          {"origin_country", r.origin_country},
          {"documents", std::move(documents)},
          {"created_at", FormatRfc3339(r.created_at)},
          {"updated_at", FormatRfc3339(r.updated_at)},
          {"version", r.version}};
}

Result<Response> RuleResponse(ReadTx& tx, const Call& call, int status, const DocumentRule& r) {
  ASSIGN_OR_RETURN(auto docs, services::DocumentRequirements::Load(tx, call.who.workspace_id,
                                                                   call.who.language));
  Response out = JsonResponse(status, RuleJson(r, docs));
  SetEtag(&out, r.version);
  return out;
}

}  // namespace

Response ListShipmentDocumentRules(ApiContext& ctx, Call& call) {
  if (ctx.shipments == nullptr) return ShipmentDocumentsNotWired();
  return ReadJson(ctx, [&](ReadTx& tx) -> Result<json> {
    ASSIGN_OR_RETURN(auto docs, services::DocumentRequirements::Load(tx, call.who.workspace_id,
                                                                     call.who.language));
    json data = json::array();
    for (const DocumentRule& r : docs.rules()) data.push_back(RuleJson(r, docs));
    return ListBody(std::move(data), std::nullopt);
  });
}

Response CreateShipmentDocumentRule(ApiContext& ctx, Call& call) {
  if (ctx.shipments == nullptr) return ShipmentDocumentsNotWired();
  return CreateIdempotent(ctx, call, [&](WriteTx& tx) -> Result<Response> {
    ASSIGN_OR_RETURN(DocumentRule r, ctx.shipments->CreateDocumentRule(tx, call.who, call.body));
    ASSIGN_OR_RETURN(Response out, RuleResponse(tx, call, 201, r));
    out.AddHeader("Location", "/api/v1/shipment-document-rules/" + std::to_string(r.id));
    return out;
  });
}

Response GetShipmentDocumentRule(ApiContext& ctx, Call& call) {
  if (ctx.shipments == nullptr) return ShipmentDocumentsNotWired();
  Response out;
  Status st = ctx.store.Read([&](ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(DocumentRule r, ctx.shipments->GetDocumentRule(tx, call.who, call.id()));
    ASSIGN_OR_RETURN(out, RuleResponse(tx, call, 200, r));
    return Status::Ok();
  });
  return st.ok() ? out : ProblemResponse(st);
}

Response PatchShipmentDocumentRule(ApiContext& ctx, Call& call) {
  if (ctx.shipments == nullptr) return ShipmentDocumentsNotWired();
  auto if_match = IfMatch(call.req);
  Response out;
  Status st = ctx.store.Write([&](WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(DocumentRule r, ctx.shipments->UpdateDocumentRule(tx, call.who, call.id(),
                                                                       call.body, if_match));
    ASSIGN_OR_RETURN(out, RuleResponse(tx, call, 200, r));
    return Status::Ok();
  });
  return st.ok() ? out : ProblemResponse(st);
}

Response DeleteShipmentDocumentRule(ApiContext& ctx, Call& call) {
  if (ctx.shipments == nullptr) return ShipmentDocumentsNotWired();
  Status st = ctx.store.Write(
      [&](WriteTx& tx) { return ctx.shipments->DeleteDocumentRule(tx, call.who, call.id()); });
  return st.ok() ? NoContent() : ProblemResponse(st);
}

}  // namespace handlers

}  // namespace sahayak::api
