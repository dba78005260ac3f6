// Carriers (docs/shipments.md) with their requests endpoints ("Telling the carrier"): list,
// create, get and patch, the endpoint's secret rotated, and a dead delivery request queued
// again for its carrier.
#include "api/crud.h"
#include "api/handlers.h"
#include "base/clock.h"
#include "services/shipments/carrier_requests.h"

namespace sahayak::api::handlers {

using nlohmann::json;
using services::CarrierWithEndpoint;
using services::ReadTx;
using services::WriteTx;

namespace {

constexpr char kSecretMember[] = "requests_secret";

Response CarriersNotWired() {
  return Problem(503, "unavailable", "shipments are not available on this server");
}

json EndpointJson(const services::CarrierEndpoint& e) {
  if (e.url.empty()) return nullptr;
  return {{"url", e.url},
          {"enabled", e.enabled},
          {"secret_hint", e.secret_hint.empty() ? json(nullptr) : json("…" + e.secret_hint)}};
}

json CarrierJson(const CarrierWithEndpoint& cw) {
  const domain::Carrier& c = cw.carrier;
  json j = {{"id", c.id},
            {"code", c.code},
            {"name", c.name},
            {"tracking_pattern", c.tracking_pattern},
            {"tracking_url", c.tracking_url},
            {"requests_endpoint", EndpointJson(cw.endpoint)},
            {"created_at", FormatRfc3339(c.created_at)},
            {"updated_at", FormatRfc3339(c.updated_at)},
            {"version", c.version}};
  if (cw.secret) j[kSecretMember] = *cw.secret;
  return j;
}

// The body split in two: the members ShipmentService knows, and the endpoint's.
void Split(const json& body, json* core, json* endpoint) {
  *core = json::object();
  *endpoint = json::object();
  for (auto it = body.begin(); it != body.end(); ++it) {
    (services::CarrierRequestService::IsEndpointMember(it.key()) ? *endpoint : *core)[it.key()] =
        it.value();
  }
}

// Applies the endpoint members after ShipmentService's own change (`before` and `after` its
// versions) and returns the carrier as it is now.
Result<CarrierWithEndpoint> WithEndpoint(ApiContext& ctx, WriteTx& tx, const Call& call,
                                         domain::Carrier c, const json& endpoint,
                                         int64_t version_before) {
  CarrierWithEndpoint out;
  if (ctx.carrier_requests == nullptr) {
    out.carrier = std::move(c);
    return out;
  }
  if (endpoint.empty()) {
    ASSIGN_OR_RETURN(out.endpoint,
                     tx.carrier_requests().GetCarrierEndpoint(call.who.workspace_id, c.id));
    out.carrier = std::move(c);
    return out;
  }
  ASSIGN_OR_RETURN(auto r, ctx.carrier_requests->UpdateEndpoint(tx, call.who, c.id, endpoint,
                                                                version_before, c.version));
  if (r.version != c.version) {
    c.version = r.version;
    c.updated_at = r.updated_at;
  }
  out.carrier = std::move(c);
  out.endpoint = std::move(r.endpoint);
  out.secret = std::move(r.secret);
  return out;
}

}  // namespace

Response ListCarriers(ApiContext& ctx, Call& call) {
  if (ctx.shipments == nullptr) return CarriersNotWired();
  return ReadJson(ctx, [&](ReadTx& tx) -> Result<json> {
    json data = json::array();
    if (ctx.carrier_requests != nullptr) {
      ASSIGN_OR_RETURN(auto all, ctx.carrier_requests->ListCarriers(tx, call.who));
      for (const auto& c : all) data.push_back(CarrierJson(c));
    } else {
      ASSIGN_OR_RETURN(auto all, ctx.shipments->ListCarriers(tx, call.who));
      for (auto& c : all) data.push_back(CarrierJson({std::move(c), {}, std::nullopt}));
    }
    return ListBody(std::move(data), std::nullopt);
  });
}

Response CreateCarrier(ApiContext& ctx, Call& call) {
  if (ctx.shipments == nullptr) return CarriersNotWired();
  json core = call.body;
  json endpoint = json::object();
  if (call.body.is_object() && ctx.carrier_requests != nullptr) Split(call.body, &core, &endpoint);
  return CreateIdempotent(
      ctx, call,
      [&](WriteTx& tx) -> Result<Response> {
        ASSIGN_OR_RETURN(domain::Carrier c, ctx.shipments->CreateCarrier(tx, call.who, core));
        const int64_t created_version = c.version;
        ASSIGN_OR_RETURN(CarrierWithEndpoint cw,
                         WithEndpoint(ctx, tx, call, std::move(c), endpoint, created_version - 1));
        Response r = JsonResponse(201, CarrierJson(cw));
        SetEtag(&r, cw.carrier.version);
        r.AddHeader("Location", "/api/v1/carriers/" + std::to_string(cw.carrier.id));
        return r;
      },
      "", kSecretMember);
}

Response GetCarrier(ApiContext& ctx, Call& call) {
  if (ctx.shipments == nullptr) return CarriersNotWired();
  Response out;
  Status st = ctx.store.Read([&](ReadTx& tx) -> Status {
    CarrierWithEndpoint cw;
    if (ctx.carrier_requests != nullptr) {
      ASSIGN_OR_RETURN(cw, ctx.carrier_requests->GetCarrier(tx, call.who, call.id()));
    } else {
      ASSIGN_OR_RETURN(cw.carrier, ctx.shipments->GetCarrier(tx, call.who, call.id()));
    }
    out = JsonResponse(200, CarrierJson(cw));
    SetEtag(&out, cw.carrier.version);
    return Status::Ok();
  });
  return st.ok() ? out : ProblemResponse(st);
}

Response PatchCarrier(ApiContext& ctx, Call& call) {
  if (ctx.shipments == nullptr) return CarriersNotWired();
  const auto if_match = IfMatch(call.req);
  json core = call.body;
  json endpoint = json::object();
  if (call.body.is_object() && ctx.carrier_requests != nullptr) Split(call.body, &core, &endpoint);
  Response out;
  Status st = ctx.store.Write([&](WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(domain::Carrier before, ctx.shipments->GetCarrier(tx, call.who, call.id()));
    ASSIGN_OR_RETURN(domain::Carrier c,
                     ctx.shipments->UpdateCarrier(tx, call.who, call.id(), core, if_match));
    ASSIGN_OR_RETURN(CarrierWithEndpoint cw,
                     WithEndpoint(ctx, tx, call, std::move(c), endpoint, before.version));
    out = JsonResponse(200, CarrierJson(cw));
    SetEtag(&out, cw.carrier.version);
    return Status::Ok();
  });
  return st.ok() ? out : ProblemResponse(st);
}

Response RotateCarrierRequestsSecret(ApiContext& ctx, Call& call) {
  if (ctx.shipments == nullptr || ctx.carrier_requests == nullptr) return CarriersNotWired();
  const auto if_match = IfMatch(call.req);
  Response out;
  Status st = ctx.store.Write([&](WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto r, ctx.carrier_requests->RotateSecret(tx, call.who, call.id(), if_match));
    ASSIGN_OR_RETURN(CarrierWithEndpoint cw,
                     ctx.carrier_requests->GetCarrier(tx, call.who, call.id()));
    cw.secret = std::move(r.secret);
    out = JsonResponse(200, CarrierJson(cw));
    SetEtag(&out, cw.carrier.version);
    return Status::Ok();
  });
  return st.ok() ? out : ProblemResponse(st);
}

Response RetryDeliveryRequest(ApiContext& ctx, Call& call) {
  if (ctx.delivery == nullptr || ctx.carrier_requests == nullptr) return CarriersNotWired();
  Response out;
  Status st = ctx.store.Write([&](WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto d, ctx.carrier_requests->Retry(tx, call.who, call.id(0), call.id(1)));
    ASSIGN_OR_RETURN(auto all, ctx.delivery->Requests(tx, call.who.workspace_id, call.id(0)));
    for (const auto& r : all) {
      if (r.id != call.id(1)) continue;
      json j = services::DeliveryRequestJson(r);
      j["carrier"] = services::CarrierDeliveryJson(d);
      out = JsonResponse(200, j);
    }
    return Status::Ok();
  });
  return st.ok() ? out : ProblemResponse(st);
}

}  // namespace sahayak::api::handlers
