// Delivery preferences of contacts and organisations, the delivery requests of a shipment, and
// a customer's timeline (docs/shipments.md, "Delivery preferences and self-service").
#include "api/common.h"
#include "api/crud.h"
#include "api/handlers.h"
#include "base/clock.h"
#include "services/shipments/carrier_requests.h"
#include "services/shipments/delivery_input.h"
#include "services/shipments/shipment_documents.h"

namespace sahayak::api::handlers {

using nlohmann::json;
using services::ReadTx;
using services::WriteTx;

namespace {

Response DeliveryNotWired() {
  return Problem(503, "unavailable", "delivery preferences are not available on this server");
}

json OwnerJson(const std::string& type, domain::Id id) { return {{"type", type}, {"id", id}}; }

json PreferencesJson(const services::PreferencesView& v) {
  json j = services::delivery_input::PreferencesMembers(v.own);
  j["owner"] = OwnerJson(v.own.owner_type, v.own.owner_id);
  j["version"] = v.own.version;
  j["updated_at"] = v.own.id == 0 ? json(nullptr) : json(FormatRfc3339(v.own.updated_at));
  j["inherited_from"] = v.inherited_from
                            ? json{{"type", "organisation"},
                                   {"id", v.inherited_from->id},
                                   {"name", v.inherited_from->name}}
                            : json(nullptr);
  j["effective"] = services::delivery_input::PreferencesMembers(v.effective);
  return j;
}

Response GetPreferences(ApiContext& ctx, Call& call, const std::string& owner_type) {
  if (ctx.delivery == nullptr) return DeliveryNotWired();
  Response out;
  Status st = ctx.store.Read([&](ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto v, ctx.delivery->GetPreferences(tx, call.who.workspace_id, owner_type,
                                                          call.id()));
    out = JsonResponse(200, PreferencesJson(v));
    SetEtag(&out, v.own.version);
    return Status::Ok();
  });
  return st.ok() ? out : ProblemResponse(st);
}

Response PutPreferences(ApiContext& ctx, Call& call, const std::string& owner_type) {
  if (ctx.delivery == nullptr) return DeliveryNotWired();
  const std::optional<int64_t> if_match = IfMatch(call.req);
  if (if_match && *if_match < 0) {
    return Problem(400, "bad-request", "If-Match must be a version number such as \"3\"");
  }
  Response out;
  Status st = ctx.store.Write([&](WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto v, ctx.delivery->PutPreferences(tx, call.who, owner_type, call.id(),
                                                          call.body, if_match));
    out = JsonResponse(200, PreferencesJson(v));
    SetEtag(&out, v.own.version);
    return Status::Ok();
  });
  return st.ok() ? out : ProblemResponse(st);
}

using CarrierStateMap = std::map<domain::Id, services::CarrierRequestDelivery>;

// The carrier rows of these requests (none when carriers' endpoints are not wired).
Result<CarrierStateMap> CarrierStates(ApiContext& ctx, ReadTx& tx, domain::Id ws,
                                      const std::vector<services::DeliveryRequestRecord>& all) {
  if (ctx.carrier_requests == nullptr) return CarrierStateMap();
  std::vector<domain::Id> ids;
  for (const auto& r : all) ids.push_back(r.id);
  return ctx.carrier_requests->States(tx, ws, ids);
}

// A request with `carrier`: its way to the carrier's system, or null when its carrier had no
// endpoint when it was made.
json RequestJson(const services::DeliveryRequestRecord& r, const CarrierStateMap& carrier) {
  json j = services::DeliveryRequestJson(r);
  auto it = carrier.find(r.id);
  j["carrier"] = services::CarrierDeliveryJson(
      it == carrier.end() ? std::nullopt : std::optional<services::CarrierRequestDelivery>(it->second));
  return j;
}

}  // namespace

Response GetContactDeliveryPreferences(ApiContext& ctx, Call& call) {
  return GetPreferences(ctx, call, "contact");
}
Response PutContactDeliveryPreferences(ApiContext& ctx, Call& call) {
  return PutPreferences(ctx, call, "contact");
}
Response GetOrganisationDeliveryPreferences(ApiContext& ctx, Call& call) {
  return GetPreferences(ctx, call, "organisation");
}
Response PutOrganisationDeliveryPreferences(ApiContext& ctx, Call& call) {
  return PutPreferences(ctx, call, "organisation");
}

Response ListDeliveryRequests(ApiContext& ctx, Call& call) {
  if (ctx.delivery == nullptr) return DeliveryNotWired();
  return ReadJson(ctx, [&](ReadTx& tx) -> Result<json> {
    ASSIGN_OR_RETURN(auto all, ctx.delivery->Requests(tx, call.who.workspace_id, call.id()));
    ASSIGN_OR_RETURN(auto carrier, CarrierStates(ctx, tx, call.who.workspace_id, all));
    json data = json::array();
    for (const auto& r : all) data.push_back(RequestJson(r, carrier));
    return json{{"data", std::move(data)}};
  });
}

Response CreateDeliveryRequest(ApiContext& ctx, Call& call) {
  if (ctx.delivery == nullptr || ctx.shipments == nullptr) return DeliveryNotWired();
  // An agent in the console acts for the customer; an integration uses an API token.
  const std::string via = call.who.via == services::Principal::Via::kToken ? "api" : "console";
  return CreateIdempotent(ctx, call, [&](WriteTx& tx) -> Result<Response> {
    ASSIGN_OR_RETURN(auto done, ctx.delivery->Request(tx, call.who.workspace_id, call.who.actor(),
                                                      via, call.id(), call.body));
    ASSIGN_OR_RETURN(std::string today, ctx.shipments->Today(tx, call.who.workspace_id));
    ASSIGN_OR_RETURN(auto docs, services::DocumentRequirements::Load(
                                    tx, call.who.workspace_id, call.who.language));
    ASSIGN_OR_RETURN(json shipment, FullShipmentJson(ctx, tx, done.shipment, today, &docs));
    ASSIGN_OR_RETURN(auto carrier,
                     CarrierStates(ctx, tx, call.who.workspace_id, {done.request}));
    return JsonResponse(201, json{{"request", RequestJson(done.request, carrier)},
                                  {"shipment", std::move(shipment)}});
  });
}

// The customer's timeline: what happened to the contact, newest first — changes by agents,
// their own requests through the portal, opt-outs, delivery requests.
Response ContactActivity(ApiContext& ctx, Call& call) {
  auto page = ReadPage(call.req);
  if (!page.ok()) return ProblemResponse(page.status());
  return ReadJson(ctx, [&](ReadTx& tx) -> Result<json> {
    RETURN_IF_ERROR(tx.GetContact(call.who.workspace_id, call.id()).status());
    services::AuditFilter f;
    f.entity_type = "contact";
    f.entity_id = call.id();
    ASSIGN_OR_RETURN(auto result, tx.ListAuditEvents(call.who.workspace_id, f, *page));
    json data = json::array();
    for (const domain::AuditEvent& e : result.items) {
      data.push_back({{"id", e.id},
                      {"action", e.action},
                      {"actor",
                       {{"kind", domain::ActorKindName(e.actor.kind)},
                        {"id", e.actor.id},
                        {"name", e.actor.name}}},
                      {"entity", {{"type", e.entity_type}, {"id", e.entity_id}}},
                      {"changes", e.changes},
                      {"created_at", FormatRfc3339(e.created_at)}});
    }
    return ListBody(std::move(data), result.next);
  });
}

}  // namespace sahayak::api::handlers
