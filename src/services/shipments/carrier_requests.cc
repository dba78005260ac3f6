#include "services/shipments/carrier_requests.h"

#include <algorithm>

#include "base/crypto.h"
#include "base/text.h"
#include "domain/http_url.h"
#include "domain/json_input.h"
#include "services/audit.h"
#include "services/errors.h"

namespace sahayak::services {

using nlohmann::json;

namespace {

std::string NewSecret() {
  return kCarrierSecretPrefix + RandomToken(24);
}

std::string Hint(const std::string& secret) {
  return secret.size() > 4 ? secret.substr(secret.size() - 4) : secret;
}

json EndpointAudit(const CarrierEndpoint& e) {
  return {{"requests_url", e.url}, {"requests_enabled", e.enabled}};
}

}  // namespace

Result<EndpointResult> CarrierRequestService::UpdateEndpoint(WriteTx& tx, const Principal& who,
                                                             Id carrier_id, const json& members,
                                                             int64_t version_before,
                                                             int64_t version_now) const {
  RETURN_IF_ERROR(RequireAdmin(who, "manage carriers' endpoints"));
  ASSIGN_OR_RETURN(CarrierEndpoint before,
                   tx.carrier_requests().GetCarrierEndpoint(who.workspace_id, carrier_id));
  EndpointResult out;
  out.endpoint = before;
  out.version = version_now;
  CarrierEndpoint& e = out.endpoint;
  domain::JsonInput in(members);
  if (members.contains("requests_url")) {
    if (members["requests_url"].is_null()) {
      e.url.clear();
    } else {
      std::string url;
      if (in.Str("requests_url", &url, false, 100000)) {
        url = Trim(url);
        if (!url.empty()) {
          auto parsed = domain::ParseHttpUrl(url);
          if (!parsed.ok()) in.Error("requests_url", parsed.status().message());
        }
        e.url = url;
      }
    }
  }
  in.Bool("requests_enabled", &e.enabled);
  RETURN_IF_ERROR(in.status());
  if (!e.url.empty() && e.secret_sealed.empty()) {
    out.secret = NewSecret();
    e.secret_sealed = SealSecret(secret_key_, *out.secret);
    e.secret_hint = Hint(*out.secret);
  }
  json changes = AuditDiff(EndpointAudit(before), EndpointAudit(e));
  if (changes.empty() && !out.secret) {
    // Nothing of the endpoint changed: the caller's own update (if any) stands as it is.
    ASSIGN_OR_RETURN(domain::Carrier c, tx.shipments().GetCarrier(who.workspace_id, carrier_id));
    out.version = c.version;
    out.updated_at = c.updated_at;
    return out;
  }
  if (out.secret) changes["secret"] = {nullptr, "(new)"};
  out.updated_at = clock_.Now();
  out.version = std::max(version_now, version_before + 1);
  RETURN_IF_ERROR(tx.carrier_requests().UpdateCarrierEndpoint(e, out.updated_at, out.version));
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(),
                               "carrier.requests_endpoint_updated", "carrier", carrier_id,
                               std::move(changes), out.updated_at));
  return out;
}

Result<EndpointResult> CarrierRequestService::RotateSecret(WriteTx& tx, const Principal& who,
                                                           Id carrier_id,
                                                           std::optional<int64_t> if_match) const {
  RETURN_IF_ERROR(RequireAdmin(who, "manage carriers' endpoints"));
  ASSIGN_OR_RETURN(domain::Carrier c, tx.shipments().GetCarrier(who.workspace_id, carrier_id));
  if (if_match && *if_match != c.version) {
    return Aborted("carrier " + std::to_string(carrier_id) + " changed since version " +
                   std::to_string(*if_match) + "; it is now at version " +
                   std::to_string(c.version))
        .WithKind("precondition-failed");
  }
  EndpointResult out;
  ASSIGN_OR_RETURN(out.endpoint,
                   tx.carrier_requests().GetCarrierEndpoint(who.workspace_id, carrier_id));
  if (out.endpoint.url.empty()) {
    return Conflict("carrier " + c.code + " has no requests URL; set requests_url first");
  }
  out.secret = NewSecret();
  out.endpoint.secret_sealed = SealSecret(secret_key_, *out.secret);
  out.endpoint.secret_hint = Hint(*out.secret);
  out.updated_at = clock_.Now();
  out.version = c.version + 1;
  RETURN_IF_ERROR(
      tx.carrier_requests().UpdateCarrierEndpoint(out.endpoint, out.updated_at, out.version));
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), "carrier.requests_secret_rotated",
                               "carrier", carrier_id, {{"secret", {"(old)", "(new)"}}},
                               out.updated_at));
  return out;
}

Result<CarrierWithEndpoint> CarrierRequestService::GetCarrier(ReadTx& tx, const Principal& who,
                                                              Id carrier_id) const {
  CarrierWithEndpoint out;
  ASSIGN_OR_RETURN(out.carrier, tx.shipments().GetCarrier(who.workspace_id, carrier_id));
  ASSIGN_OR_RETURN(out.endpoint,
                   tx.carrier_requests().GetCarrierEndpoint(who.workspace_id, carrier_id));
  return out;
}

Result<std::vector<CarrierWithEndpoint>> CarrierRequestService::ListCarriers(
    ReadTx& tx, const Principal& who) const {
  ASSIGN_OR_RETURN(auto carriers, tx.shipments().ListCarriers(who.workspace_id));
  ASSIGN_OR_RETURN(auto endpoints, tx.carrier_requests().ListCarrierEndpoints(who.workspace_id));
  std::map<Id, CarrierEndpoint> by_id;
  for (auto& e : endpoints) by_id[e.carrier_id] = std::move(e);
  std::vector<CarrierWithEndpoint> out;
  for (auto& c : carriers) {
    CarrierWithEndpoint cw;
    cw.endpoint = by_id[c.id];
    cw.carrier = std::move(c);
    out.push_back(std::move(cw));
  }
  return out;
}

Status CarrierRequestService::Queue(WriteTx& tx, const DeliveryRequestRecord& r,
                                    const domain::Shipment& s) const {
  ASSIGN_OR_RETURN(CarrierEndpoint e,
                   tx.carrier_requests().GetCarrierEndpoint(s.workspace_id, s.carrier_id));
  if (!e.active()) return Status::Ok();
  CarrierRequestDelivery d;
  d.workspace_id = r.workspace_id;
  d.delivery_request_id = r.id;
  d.carrier_id = s.carrier_id;
  d.next_attempt_at = r.created_at;
  d.created_at = d.updated_at = r.created_at;
  RETURN_IF_ERROR(tx.carrier_requests().InsertRequestDelivery(&d));
  Notify();
  return Status::Ok();
}

Result<std::map<Id, CarrierRequestDelivery>> CarrierRequestService::States(
    ReadTx& tx, Id ws, const std::vector<Id>& request_ids) const {
  ASSIGN_OR_RETURN(auto rows, tx.carrier_requests().ListRequestDeliveries(ws, request_ids));
  std::map<Id, CarrierRequestDelivery> out;
  for (auto& d : rows) out[d.delivery_request_id] = std::move(d);
  return out;
}

Result<CarrierRequestDelivery> CarrierRequestService::Retry(WriteTx& tx, const Principal& who,
                                                            Id shipment_id, Id request_id) const {
  if (!who.is_admin()) return PermissionDenied("only admins may send a request again");
  ASSIGN_OR_RETURN(auto requests,
                   tx.shipments().ListDeliveryRequests(who.workspace_id, shipment_id));
  const bool known =
      std::any_of(requests.begin(), requests.end(),
                  [&](const DeliveryRequestRecord& r) { return r.id == request_id; });
  if (!known) {
    RETURN_IF_ERROR(tx.shipments().GetShipment(who.workspace_id, shipment_id).status());
    return NotFound("shipment " + std::to_string(shipment_id) + " has no delivery request " +
                    std::to_string(request_id));
  }
  ASSIGN_OR_RETURN(CarrierRequestDelivery d,
                   tx.carrier_requests().GetRequestDelivery(who.workspace_id, request_id));
  if (d.state != "dead") {
    return Conflict("the request is " + d.state + ", not dead; only a dead one is sent again");
  }
  const Millis now = clock_.Now();
  const std::string was = d.last_error;
  d.state = "pending";
  d.attempts = 0;
  d.next_attempt_at = now;
  d.updated_at = now;
  RETURN_IF_ERROR(tx.carrier_requests().UpdateRequestDelivery(d));
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(),
                               "shipment.delivery_request_requeued", "shipment", shipment_id,
                               {{"request_id", {nullptr, request_id}},
                                {"carrier_state", {"dead", "pending"}},
                                {"last_error", {was, nullptr}}},
                               now));
  Notify();
  return d;
}

Result<std::string> CarrierRequestService::OpenEndpointSecret(const CarrierEndpoint& e) const {
  auto secret = OpenSecret(secret_key_, e.secret_sealed);
  if (!secret.ok()) {
    return Unavailable(
        "the carrier's signing secret cannot be opened with this server's "
        "secret key; rotate it (POST /api/v1/carriers/" +
        std::to_string(e.carrier_id) + "/requests-secret)");
  }
  return secret;
}

// ---- what the sender sends ----

std::string CarrierRequestBody(const CarrierRequestJob& job) {
  const DeliveryRequestRecord& r = job.request;
  json details = json::parse(r.details, nullptr, false);
  if (details.is_discarded()) details = json::object();
  json body = {
      {"id", r.id},
      {"kind", r.kind},
      {"details", std::move(details)},
      {"shipment",
       {{"id", r.shipment_id},
        {"tracking_number", job.tracking_number},
        {"carrier", job.carrier_code}}},
      {"requested_by", {{"type", domain::ActorKindName(r.actor.kind)}, {"name", r.actor.name}}},
      {"via", r.via},
      {"created_at", FormatRfc3339(r.created_at)}};
  return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

json CarrierDeliveryJson(const std::optional<CarrierRequestDelivery>& d) {
  if (!d) return nullptr;
  return {{"state", d->state},
          {"attempts", d->attempts},
          {"sent_at", d->sent_at ? json(FormatRfc3339(*d->sent_at)) : json(nullptr)},
          {"last_error", d->last_error.empty() ? json(nullptr) : json(d->last_error)},
          {"response_status", d->response_status ? json(*d->response_status) : json(nullptr)},
          {"next_attempt_at",
           d->state == "pending" ? json(FormatRfc3339(d->next_attempt_at)) : json(nullptr)}};
}

}  // namespace sahayak::services
