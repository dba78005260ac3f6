// Carriers' requests endpoints (columns of `carriers`) and the queue of delivery requests on
// their way to carriers (migration 0019).
#include "store/sqlite/tx_carrier_requests.h"

#include <string>

namespace sahayak::store {

using services::CarrierEndpoint;
using services::CarrierRequestDelivery;

namespace {

constexpr char kEndpointColumns[] =
    "workspace_id, id, requests_url, requests_enabled, requests_secret_sealed, "
    "requests_secret_hint";

CarrierEndpoint EndpointAt(const Stmt& s, int col) {
  CarrierEndpoint e;
  e.workspace_id = s.Int(col);
  e.carrier_id = s.Int(col + 1);
  e.url = s.Text(col + 2);
  e.enabled = s.Int(col + 3) != 0;
  e.secret_sealed = s.Text(col + 4);
  e.secret_hint = s.Text(col + 5);
  return e;
}

constexpr char kDeliveryColumns[] =
    "d.id, d.workspace_id, d.delivery_request_id, d.carrier_id, d.state, d.attempts, "
    "d.next_attempt_at, d.last_error, d.response_status, d.sent_at, d.created_at, d.updated_at";
constexpr int kDeliveryColumnCount = 12;

CarrierRequestDelivery DeliveryAt(const Stmt& s, int col) {
  CarrierRequestDelivery d;
  d.id = s.Int(col);
  d.workspace_id = s.Int(col + 1);
  d.delivery_request_id = s.Int(col + 2);
  d.carrier_id = s.Int(col + 3);
  d.state = s.Text(col + 4);
  d.attempts = static_cast<int>(s.Int(col + 5));
  d.next_attempt_at = s.Int(col + 6);
  d.last_error = s.Text(col + 7);
  d.response_status = s.OptInt(col + 8);
  d.sent_at = s.OptInt(col + 9);
  d.created_at = s.Int(col + 10);
  d.updated_at = s.Int(col + 11);
  return d;
}

domain::Actor::Kind KindOf(const std::string& s) {
  if (s == "agent") return domain::Actor::Kind::kAgent;
  if (s == "contact") return domain::Actor::Kind::kContact;
  return domain::Actor::Kind::kSystem;
}

}  // namespace

Result<CarrierEndpoint> SqliteCarrierRequestTx::GetCarrierEndpoint(domain::Id ws,
                                                                   domain::Id carrier_id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(std::string("SELECT ") + kEndpointColumns +
                                       " FROM carriers WHERE workspace_id = ? AND id = ?"));
  s.Bind(1, ws).Bind(2, carrier_id);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("there is no carrier " + std::to_string(carrier_id));
  return EndpointAt(s, 0);
}

Result<std::vector<CarrierEndpoint>> SqliteCarrierRequestTx::ListCarrierEndpoints(domain::Id ws) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(std::string("SELECT ") + kEndpointColumns +
                                       " FROM carriers WHERE workspace_id = ? ORDER BY id"));
  s.Bind(1, ws);
  std::vector<CarrierEndpoint> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(EndpointAt(s, 0));
  }
  return out;
}

Result<std::vector<CarrierRequestDelivery>> SqliteCarrierRequestTx::ListRequestDeliveries(
    domain::Id ws, const std::vector<domain::Id>& delivery_request_ids) {
  std::vector<CarrierRequestDelivery> out;
  if (delivery_request_ids.empty()) return out;
  // json_each keeps one statement for any number of ids.
  std::string ids = "[";
  for (size_t i = 0; i < delivery_request_ids.size(); ++i) {
    if (i) ids += ",";
    ids += std::to_string(delivery_request_ids[i]);
  }
  ids += "]";
  ASSIGN_OR_RETURN(Stmt s,
                   c_->Prepare(std::string("SELECT ") + kDeliveryColumns +
                               " FROM carrier_request_deliveries d WHERE d.workspace_id = ? AND "
                               "d.delivery_request_id IN "
                               "(SELECT value FROM json_each(?)) ORDER BY d.delivery_request_id"));
  s.Bind(1, ws).Bind(2, ids);
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(DeliveryAt(s, 0));
  }
  return out;
}

Result<CarrierRequestDelivery> SqliteCarrierRequestTx::GetRequestDelivery(
    domain::Id ws, domain::Id delivery_request_id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(std::string("SELECT ") + kDeliveryColumns +
                                       " FROM carrier_request_deliveries d WHERE d.workspace_id = "
                                       "? AND d.delivery_request_id = ?"));
  s.Bind(1, ws).Bind(2, delivery_request_id);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) {
    return NotFound("delivery request " + std::to_string(delivery_request_id) +
                    " is not sent to a carrier");
  }
  return DeliveryAt(s, 0);
}

Result<services::CarrierRequestJob> SqliteCarrierRequestTx::GetCarrierRequestJob(
    domain::Id delivery_id) {
  ASSIGN_OR_RETURN(
      Stmt s,
      c_->Prepare(
          std::string("SELECT ") + kDeliveryColumns +
          ", r.shipment_id, r.contact_id, r.kind, r.details, r.actor_kind, r.actor_id, "
          "r.actor_name, r.via, r.created_at, sh.tracking_number, c.code, c.name, c.workspace_id, "
          "c.id, c.requests_url, c.requests_enabled, c.requests_secret_sealed, "
          "c.requests_secret_hint "
          "FROM carrier_request_deliveries d "
          "JOIN delivery_requests r ON r.id = d.delivery_request_id "
          "JOIN shipments sh ON sh.id = r.shipment_id "
          "JOIN carriers c ON c.id = d.carrier_id "
          "WHERE d.id = ?"));
  s.Bind(1, delivery_id);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("there is no carrier request " + std::to_string(delivery_id));
  services::CarrierRequestJob j;
  j.delivery = DeliveryAt(s, 0);
  int c = kDeliveryColumnCount;
  services::DeliveryRequestRecord& r = j.request;
  r.id = j.delivery.delivery_request_id;
  r.workspace_id = j.delivery.workspace_id;
  r.shipment_id = s.Int(c);
  r.contact_id = s.OptInt(c + 1);
  r.kind = s.Text(c + 2);
  r.details = s.Text(c + 3);
  r.actor.kind = KindOf(s.Text(c + 4));
  r.actor.id = s.Int(c + 5);
  r.actor.name = s.Text(c + 6);
  r.via = s.Text(c + 7);
  r.created_at = s.Int(c + 8);
  j.tracking_number = s.Text(c + 9);
  j.carrier_code = s.Text(c + 10);
  j.carrier_name = s.Text(c + 11);
  j.endpoint = EndpointAt(s, c + 12);
  return j;
}

Status SqliteCarrierRequestTx::UpdateCarrierEndpoint(const CarrierEndpoint& e, Millis updated_at,
                                                     int64_t version) {
  ASSIGN_OR_RETURN(
      Stmt s,
      c_->Prepare(
          "UPDATE carriers SET requests_url = ?, requests_enabled = ?, requests_secret_sealed = ?, "
          "requests_secret_hint = ?, updated_at = ?, version = ? WHERE workspace_id = ? AND id = "
          "?"));
  s.Bind(1, e.url).Bind(2, e.enabled).Bind(3, e.secret_sealed).Bind(4, e.secret_hint);
  s.Bind(5, updated_at).Bind(6, version).Bind(7, e.workspace_id).Bind(8, e.carrier_id);
  RETURN_IF_ERROR(s.Exec());
  if (c_->Changes() == 0) return NotFound("there is no carrier " + std::to_string(e.carrier_id));
  return Status::Ok();
}

Status SqliteCarrierRequestTx::InsertRequestDelivery(CarrierRequestDelivery* d) {
  ASSIGN_OR_RETURN(
      Stmt s,
      c_->Prepare(
          "INSERT INTO carrier_request_deliveries (workspace_id, delivery_request_id, carrier_id, "
          "state, attempts, next_attempt_at, last_error, response_status, sent_at, created_at, "
          "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  s.Bind(1, d->workspace_id).Bind(2, d->delivery_request_id).Bind(3, d->carrier_id);
  s.Bind(4, d->state).Bind(5, d->attempts).Bind(6, d->next_attempt_at).Bind(7, d->last_error);
  s.Bind(8, d->response_status).Bind(9, d->sent_at).Bind(10, d->created_at);
  s.Bind(11, d->updated_at);
  RETURN_IF_ERROR(s.Exec());
  d->id = c_->LastInsertId();
  return Status::Ok();
}

Result<std::vector<CarrierRequestDelivery>> SqliteCarrierRequestTx::ClaimRequestDeliveries(
    Millis now, Millis lease_until, int limit) {
  std::vector<CarrierRequestDelivery> out;
  {
    ASSIGN_OR_RETURN(
        Stmt s,
        c_->Prepare(
            std::string("SELECT ") + kDeliveryColumns +
            " FROM carrier_request_deliveries d JOIN carriers c ON c.id = d.carrier_id "
            "WHERE d.state = 'pending' AND d.next_attempt_at <= ? AND c.requests_enabled = 1 "
            "AND c.requests_url <> '' AND c.requests_secret_sealed <> '' "
            "ORDER BY d.next_attempt_at, d.id LIMIT ?"));
    s.Bind(1, now).Bind(2, limit);
    while (true) {
      ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      out.push_back(DeliveryAt(s, 0));
    }
  }
  for (auto& d : out) {
    // Borrowed per row: the statement is reset when it goes out of scope.
    ASSIGN_OR_RETURN(
        Stmt u,
        c_->Prepare(
            "UPDATE carrier_request_deliveries SET attempts = attempts + 1, next_attempt_at = ?, "
            "updated_at = ? WHERE id = ?"));
    u.Bind(1, lease_until).Bind(2, now).Bind(3, d.id);
    RETURN_IF_ERROR(u.Exec());
    d.attempts += 1;
    d.next_attempt_at = lease_until;
    d.updated_at = now;
  }
  return out;
}

Status SqliteCarrierRequestTx::UpdateRequestDelivery(const CarrierRequestDelivery& d) {
  ASSIGN_OR_RETURN(
      Stmt s,
      c_->Prepare(
          "UPDATE carrier_request_deliveries SET state = ?, attempts = ?, next_attempt_at = ?, "
          "last_error = ?, response_status = ?, sent_at = ?, updated_at = ? WHERE id = ?"));
  s.Bind(1, d.state).Bind(2, d.attempts).Bind(3, d.next_attempt_at).Bind(4, d.last_error);
  s.Bind(5, d.response_status).Bind(6, d.sent_at).Bind(7, d.updated_at).Bind(8, d.id);
  RETURN_IF_ERROR(s.Exec());
  if (c_->Changes() == 0) return NotFound("there is no carrier request " + std::to_string(d.id));
  return Status::Ok();
}

}  // namespace sahayak::store
