// Shipments, carriers, tracking events, ticket links and tracking webhooks (migration 0012).
// A shipment is always read with its carrier's code, name and tracking URL (one join).
#include "store/sqlite/tx_shipments.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "domain/delivery.h"

namespace sahayak::store {

namespace {

using domain::Carrier;
using domain::Shipment;
using domain::TrackingEvent;
using services::LinkedShipment;
using services::TrackingWebhook;

// ---- carriers ----

constexpr const char* kCarrierColumns =
    "id, workspace_id, code, name, tracking_pattern, tracking_url, created_at, updated_at, "
    "version";

Carrier ReadCarrier(const Stmt& s) {
  Carrier c;
  c.id = s.Int(0);
  c.workspace_id = s.Int(1);
  c.code = s.Text(2);
  c.name = s.Text(3);
  c.tracking_pattern = s.Text(4);
  c.tracking_url = s.Text(5);
  c.created_at = s.Int(6);
  c.updated_at = s.Int(7);
  c.version = s.Int(8);
  return c;
}

Status CarrierTaken(const Status& st, const Carrier& c) {
  if (st.code() != Code::kAlreadyExists) return st;
  return AlreadyExists("a carrier with the code \"" + c.code + "\" exists")
      .WithField("code", "is taken");
}

// ---- shipments ----

constexpr const char* kShipmentColumns =
    "s.id, s.workspace_id, s.carrier_id, c.code, c.name, c.tracking_url, s.tracking_number, "
    "s.service, s.origin_city, s.origin_pin, s.origin_country, s.destination_city, "
    "s.destination_pin, s.destination_country, s.weight_grams, s.cod_minor, s.cod_currency, "
    "s.promised_date, s.eta, s.status, s.status_reason, s.contact_id, s.organisation_id, "
    "s.order_ref, s.last_event_at, s.last_event_offset, s.created_at, s.updated_at, s.version, "
    "s.delivery_date, s.delivery_window, s.delivery_address, s.safe_place, s.booked_at";
constexpr int kShipmentColumnCount = 34;
constexpr const char* kShipmentFrom = " FROM shipments s JOIN carriers c ON c.id = s.carrier_id ";

Shipment ReadShipment(const Stmt& s) {
  Shipment x;
  x.id = s.Int(0);
  x.workspace_id = s.Int(1);
  x.carrier_id = s.Int(2);
  x.carrier_code = s.Text(3);
  x.carrier_name = s.Text(4);
  x.carrier_url = s.Text(5);
  x.tracking_number = s.Text(6);
  x.service = s.Text(7);
  x.origin = {s.Text(8), s.Text(9), s.Text(10)};
  x.destination = {s.Text(11), s.Text(12), s.Text(13)};
  x.weight_grams = s.OptInt(14);
  x.cod_minor = s.OptInt(15);
  x.cod_currency = s.Text(16);
  x.promised_date = s.OptText(17);
  x.eta = s.OptText(18);
  x.status = domain::ParseShipmentStatus(s.Text(19)).value_or(domain::ShipmentStatus::kBooked);
  x.status_reason = s.Text(20);
  x.contact_id = s.OptInt(21);
  x.organisation_id = s.OptInt(22);
  x.order_ref = s.Text(23);
  x.last_event_at = s.OptInt(24);
  x.last_event_offset = static_cast<int>(s.OptInt(25).value_or(0));
  x.created_at = s.Int(26);
  x.updated_at = s.Int(27);
  x.version = s.Int(28);
  x.delivery.date = s.OptText(29);
  x.delivery.window = domain::ParseClockRangeText(s.Text(30));
  x.delivery.address = domain::AddressFromJsonText(s.Text(31));
  x.delivery.safe_place = s.Text(32);
  x.booked_at = s.Int(33);
  return x;
}

void BindOptText(Stmt& s, int i, const std::optional<std::string>& v) {
  if (v) {
    s.Bind(i, *v);
  } else {
    s.BindNull(i);
  }
}

// The columns a shipment's insert and update both write, bound from `first`; 26 of them.
void BindShipmentFields(Stmt& s, int first, const Shipment& x) {
  int i = first;
  s.Bind(i++, x.carrier_id);
  s.Bind(i++, x.tracking_number);
  s.Bind(i++, x.service);
  s.Bind(i++, x.origin.city);
  s.Bind(i++, x.origin.pin);
  s.Bind(i++, x.origin.country);
  s.Bind(i++, x.destination.city);
  s.Bind(i++, x.destination.pin);
  s.Bind(i++, x.destination.country);
  s.Bind(i++, x.weight_grams);
  s.Bind(i++, x.cod_minor);
  s.Bind(i++, x.cod_currency);
  BindOptText(s, i++, x.promised_date);
  BindOptText(s, i++, x.eta);
  s.Bind(i++, domain::ShipmentStatusName(x.status));
  s.Bind(i++, x.status_reason);
  s.Bind(i++, x.contact_id);
  s.Bind(i++, x.organisation_id);
  s.Bind(i++, x.order_ref);
  s.Bind(i++, x.last_event_at);
  if (x.last_event_at) {
    s.Bind(i++, x.last_event_offset);
  } else {
    s.BindNull(i++);
  }
  s.Bind(i++, x.updated_at);
  BindOptText(s, i++, x.delivery.date);
  s.Bind(i++, x.delivery.window ? domain::ClockRangeText(*x.delivery.window) : std::string());
  s.Bind(i++, x.delivery.address ? domain::AddressToJsonText(*x.delivery.address) : std::string());
  s.Bind(i++, x.delivery.safe_place);
}

Status NumberTaken(const Status& st, const Shipment& x) {
  if (st.code() != Code::kAlreadyExists) return st;
  return AlreadyExists("the carrier already has a shipment " + x.tracking_number)
      .WithField("tracking_number", "is taken");
}

Result<std::vector<Shipment>> AllShipments(Stmt& s) {
  std::vector<Shipment> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(ReadShipment(s));
  }
  return out;
}

// ---- tracking webhooks ----

constexpr const char* kHookColumns =
    "id, workspace_id, public_key, name, secret_sealed, enabled, last_used_at, created_at, "
    "updated_at, version";

TrackingWebhook ReadHook(const Stmt& s) {
  TrackingWebhook w;
  w.id = s.Int(0);
  w.workspace_id = s.Int(1);
  w.public_key = s.Text(2);
  w.name = s.Text(3);
  w.secret_sealed = s.Text(4);
  w.enabled = s.Int(5) != 0;
  w.last_used_at = s.OptInt(6);
  w.created_at = s.Int(7);
  w.updated_at = s.Int(8);
  w.version = s.Int(9);
  return w;
}

}  // namespace

// ---- carriers ----

Result<std::vector<Carrier>> SqliteShipmentTx::ListCarriers(domain::Id ws) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kCarrierColumns +
           " FROM carriers WHERE workspace_id = ? ORDER BY name, id";
  })));
  s.Bind(1, ws);
  std::vector<Carrier> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(ReadCarrier(s));
  }
  return out;
}

Result<Carrier> SqliteShipmentTx::GetCarrier(domain::Id ws, domain::Id id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kCarrierColumns +
           " FROM carriers WHERE workspace_id = ? AND id = ?";
  })));
  s.Bind(1, ws).Bind(2, id);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("carrier " + std::to_string(id) + " does not exist");
  return ReadCarrier(s);
}

Result<Carrier> SqliteShipmentTx::FindCarrierByCode(domain::Id ws, std::string_view code) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kCarrierColumns +
           " FROM carriers WHERE workspace_id = ? AND code = ?";
  })));
  s.Bind(1, ws).Bind(2, code);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("there is no carrier \"" + std::string(code) + "\"");
  return ReadCarrier(s);
}

Status SqliteShipmentTx::InsertCarrier(Carrier* c) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      "INSERT INTO carriers (workspace_id, code, name, tracking_pattern, tracking_url, "
      "created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  s.Bind(1, c->workspace_id).Bind(2, c->code).Bind(3, c->name).Bind(4, c->tracking_pattern);
  s.Bind(5, c->tracking_url).Bind(6, c->created_at).Bind(7, c->updated_at).Bind(8, c->version);
  RETURN_IF_ERROR(CarrierTaken(s.Exec(), *c));
  c->id = c_->LastInsertId();
  return Status::Ok();
}

Status SqliteShipmentTx::UpdateCarrier(const Carrier& c) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      "UPDATE carriers SET code = ?, name = ?, tracking_pattern = ?, tracking_url = ?, "
      "updated_at = ?, version = ? WHERE workspace_id = ? AND id = ?"));
  s.Bind(1, c.code).Bind(2, c.name).Bind(3, c.tracking_pattern).Bind(4, c.tracking_url);
  s.Bind(5, c.updated_at).Bind(6, c.version).Bind(7, c.workspace_id).Bind(8, c.id);
  RETURN_IF_ERROR(CarrierTaken(s.Exec(), c));
  if (c_->Changes() == 0) return NotFound("carrier " + std::to_string(c.id) + " does not exist");
  return Status::Ok();
}

Status SqliteShipmentTx::DeleteCarrier(domain::Id ws, domain::Id id) {
  {
    ASSIGN_OR_RETURN(Stmt used, c_->Prepare(
        "SELECT 1 FROM shipments WHERE workspace_id = ? AND carrier_id = ? LIMIT 1"));
    used.Bind(1, ws).Bind(2, id);
    ASSIGN_OR_RETURN(bool any, used.Step());
    if (any) {
      return AlreadyExists("the carrier has shipments; it cannot be deleted")
          .WithKind("conflict");
    }
  }
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("DELETE FROM carriers WHERE workspace_id = ? AND id = ?"));
  s.Bind(1, ws).Bind(2, id);
  RETURN_IF_ERROR(s.Exec());
  if (c_->Changes() == 0) return NotFound("carrier " + std::to_string(id) + " does not exist");
  return Status::Ok();
}

// ---- shipments ----

Result<Shipment> SqliteShipmentTx::GetShipment(domain::Id ws, domain::Id id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kShipmentColumns + kShipmentFrom +
           "WHERE s.workspace_id = ? AND s.id = ?";
  })));
  s.Bind(1, ws).Bind(2, id);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("shipment " + std::to_string(id) + " does not exist");
  return ReadShipment(s);
}

Result<Shipment> SqliteShipmentTx::FindShipment(domain::Id ws, domain::Id carrier_id,
                                                std::string_view tracking_number) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kShipmentColumns + kShipmentFrom +
           "WHERE s.workspace_id = ? AND s.carrier_id = ? AND s.tracking_number = ?";
  })));
  s.Bind(1, ws).Bind(2, carrier_id).Bind(3, tracking_number);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("there is no shipment " + std::string(tracking_number));
  return ReadShipment(s);
}

Result<std::vector<Shipment>> SqliteShipmentTx::FindShipmentsByNumbers(
    domain::Id ws, const std::vector<std::string>& numbers) {
  std::vector<Shipment> out;
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kShipmentColumns + kShipmentFrom +
           "WHERE s.workspace_id = ? AND s.tracking_number = ? ORDER BY s.id";
  })));
  for (const std::string& n : numbers) {
    s.Bind(1, ws).Bind(2, n);
    ASSIGN_OR_RETURN(std::vector<Shipment> some, AllShipments(s));
    for (Shipment& x : some) out.push_back(std::move(x));
  }
  std::sort(out.begin(), out.end(), [](const Shipment& a, const Shipment& b) { return a.id < b.id; });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const Shipment& a, const Shipment& b) { return a.id == b.id; }),
            out.end());
  return out;
}

Result<std::vector<Shipment>> SqliteShipmentTx::ListShipments(domain::Id ws,
                                                              const services::ShipmentFilter& f,
                                                              std::optional<domain::Id> before,
                                                              int limit) {
  // Only the filters given go into the statement (at most 32 shapes, each prepared once), so
  // the planner picks the number or contact index; "?x IS NULL OR …" made it scan the
  // workspace (bench/tracking_bench: 250 ms at 850,000 shipments).
  std::string sql = std::string("SELECT ") + kShipmentColumns + kShipmentFrom +
                    "WHERE s.workspace_id = ?1";
  if (f.contact_id) sql += " AND s.contact_id = ?2";
  if (f.organisation_id) sql += " AND s.organisation_id = ?3";
  if (f.tracking_number) sql += " AND s.tracking_number = ?4";
  if (f.status) sql += " AND s.status = ?5";
  if (f.order_ref) sql += " AND s.order_ref = ?8 AND s.order_ref != ''";
  sql += " AND (?6 IS NULL OR s.id < ?6) ORDER BY s.id DESC LIMIT ?7";
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(sql));
  s.Bind(1, ws);
  if (f.contact_id) s.Bind(2, *f.contact_id);
  if (f.organisation_id) s.Bind(3, *f.organisation_id);
  if (f.tracking_number) s.Bind(4, *f.tracking_number);
  if (f.status) s.Bind(5, domain::ShipmentStatusName(*f.status));
  if (f.order_ref) s.Bind(8, *f.order_ref);
  s.Bind(6, before).Bind(7, limit);
  return AllShipments(s);
}

Status SqliteShipmentTx::InsertShipment(Shipment* x) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      "INSERT INTO shipments (carrier_id, tracking_number, service, origin_city, origin_pin, "
      "origin_country, destination_city, destination_pin, destination_country, weight_grams, "
      "cod_minor, cod_currency, promised_date, eta, status, status_reason, contact_id, "
      "organisation_id, order_ref, last_event_at, last_event_offset, updated_at, delivery_date, "
      "delivery_window, delivery_address, safe_place, workspace_id, created_at, version, "
      "booked_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
      "?, ?)"));
  BindShipmentFields(s, 1, *x);
  s.Bind(27, x->workspace_id).Bind(28, x->created_at).Bind(29, x->version);
  s.Bind(30, x->booked_at != 0 ? x->booked_at : x->created_at);
  RETURN_IF_ERROR(NumberTaken(s.Exec(), *x));
  x->id = c_->LastInsertId();
  return Status::Ok();
}

Status SqliteShipmentTx::UpdateShipment(const Shipment& x) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      "UPDATE shipments SET carrier_id = ?, tracking_number = ?, service = ?, origin_city = ?, "
      "origin_pin = ?, origin_country = ?, destination_city = ?, destination_pin = ?, "
      "destination_country = ?, weight_grams = ?, cod_minor = ?, cod_currency = ?, "
      "promised_date = ?, eta = ?, status = ?, status_reason = ?, contact_id = ?, "
      "organisation_id = ?, order_ref = ?, last_event_at = ?, last_event_offset = ?, "
      "updated_at = ?, delivery_date = ?, delivery_window = ?, delivery_address = ?, "
      "safe_place = ?, version = ?, booked_at = ? WHERE workspace_id = ? AND id = ?"));
  BindShipmentFields(s, 1, x);
  s.Bind(27, x.version).Bind(28, x.booked_at).Bind(29, x.workspace_id).Bind(30, x.id);
  RETURN_IF_ERROR(NumberTaken(s.Exec(), x));
  if (c_->Changes() == 0) return NotFound("shipment " + std::to_string(x.id) + " does not exist");
  return Status::Ok();
}

Status SqliteShipmentTx::UpdateShipmentTracking(const Shipment& x, bool booked_at_changed) {
  // Only what events change: an UPDATE that sets no key, foreign key or unique column needs
  // no statement journal (bench/RESULTS.md, "Where the ingest's time goes").
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      booked_at_changed
          ? "UPDATE shipments SET status = ?, status_reason = ?, eta = ?, last_event_at = ?, "
            "last_event_offset = ?, updated_at = ?, version = ?, booked_at = ? "
            "WHERE workspace_id = ? AND id = ?"
          : "UPDATE shipments SET status = ?, status_reason = ?, eta = ?, last_event_at = ?, "
            "last_event_offset = ?, updated_at = ?, version = ? "
            "WHERE workspace_id = ? AND id = ?"));
  s.Bind(1, domain::ShipmentStatusName(x.status)).Bind(2, x.status_reason);
  BindOptText(s, 3, x.eta);
  s.Bind(4, x.last_event_at).Bind(5, static_cast<int64_t>(x.last_event_offset));
  s.Bind(6, x.updated_at).Bind(7, x.version);
  int next = 8;
  if (booked_at_changed) s.Bind(next++, x.booked_at);
  s.Bind(next, x.workspace_id).Bind(next + 1, x.id);
  RETURN_IF_ERROR(s.Exec());
  if (c_->Changes() == 0) return NotFound("shipment " + std::to_string(x.id) + " does not exist");
  return Status::Ok();
}

// ---- tracking events ----

Result<std::vector<TrackingEvent>> SqliteShipmentTx::ListTrackingEvents(domain::Id ws,
                                                                        domain::Id shipment_id,
                                                                        int limit) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      "SELECT id, workspace_id, shipment_id, event_id, status, reason, occurred_at, "
      "utc_offset_minutes, place, description, received_at FROM tracking_events "
      "WHERE shipment_id = ? AND workspace_id = ? ORDER BY occurred_at DESC, id DESC LIMIT ?"));
  s.Bind(1, shipment_id).Bind(2, ws).Bind(3, limit);
  std::vector<TrackingEvent> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    TrackingEvent e;
    e.id = s.Int(0);
    e.workspace_id = s.Int(1);
    e.shipment_id = s.Int(2);
    e.event_id = s.Text(3);
    e.status = domain::ParseShipmentStatus(s.Text(4)).value_or(domain::ShipmentStatus::kInTransit);
    e.reason = s.Text(5);
    e.occurred_at = s.Int(6);
    e.utc_offset_minutes = static_cast<int>(s.Int(7));
    e.place = s.Text(8);
    e.description = s.Text(9);
    e.received_at = s.Int(10);
    out.push_back(std::move(e));
  }
  return out;
}

Result<bool> SqliteShipmentTx::InsertTrackingEvent(TrackingEvent* e) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      "INSERT OR IGNORE INTO tracking_events (workspace_id, shipment_id, event_id, status, "
      "reason, occurred_at, utc_offset_minutes, place, description, received_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  s.Bind(1, e->workspace_id).Bind(2, e->shipment_id).Bind(3, e->event_id);
  s.Bind(4, domain::ShipmentStatusName(e->status)).Bind(5, e->reason).Bind(6, e->occurred_at);
  s.Bind(7, e->utc_offset_minutes).Bind(8, e->place).Bind(9, e->description);
  s.Bind(10, e->received_at);
  RETURN_IF_ERROR(s.Exec());
  if (c_->Changes() == 0) return false;
  e->id = c_->LastInsertId();
  return true;
}

// ---- ticket links ----

Result<std::vector<LinkedShipment>> SqliteShipmentTx::ListTicketShipments(domain::Id ws,
                                                                          domain::Id ticket_id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kShipmentColumns + ", l.linked_by, l.linked_at" +
           kShipmentFrom +
           "JOIN ticket_shipments l ON l.shipment_id = s.id "
           "WHERE l.ticket_id = ? AND l.workspace_id = ? ORDER BY l.linked_at, s.id";
  })));
  s.Bind(1, ticket_id).Bind(2, ws);
  std::vector<LinkedShipment> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    LinkedShipment l;
    l.shipment = ReadShipment(s);
    l.linked_by = s.Text(kShipmentColumnCount);
    l.linked_at = s.Int(kShipmentColumnCount + 1);
    out.push_back(std::move(l));
  }
  return out;
}

Result<bool> SqliteShipmentTx::LinkTicketShipment(domain::Id ws, domain::Id ticket_id,
                                                  domain::Id shipment_id, std::string_view by,
                                                  Millis at) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      "INSERT OR IGNORE INTO ticket_shipments (ticket_id, shipment_id, workspace_id, linked_by, "
      "linked_at) VALUES (?, ?, ?, ?, ?)"));
  s.Bind(1, ticket_id).Bind(2, shipment_id).Bind(3, ws).Bind(4, by).Bind(5, at);
  RETURN_IF_ERROR(s.Exec());
  return c_->Changes() > 0;
}

Status SqliteShipmentTx::UnlinkTicketShipment(domain::Id ws, domain::Id ticket_id,
                                              domain::Id shipment_id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      "DELETE FROM ticket_shipments WHERE ticket_id = ? AND shipment_id = ? AND workspace_id = ?"));
  s.Bind(1, ticket_id).Bind(2, shipment_id).Bind(3, ws);
  RETURN_IF_ERROR(s.Exec());
  if (c_->Changes() == 0) return NotFound("the ticket is not linked to this shipment");
  return Status::Ok();
}

// ---- proactive notices (migration 0013) ----

Result<std::vector<domain::Id>> SqliteShipmentTx::ListOpenTicketsOfShipment(domain::Id ws,
                                                                            domain::Id shipment_id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      // CROSS JOIN: from the shipment's links to their tickets, whatever the statistics say;
      // planned the other way (every open ticket, then its links) it grew with the tickets.
      "SELECT t.id FROM ticket_shipments l CROSS JOIN tickets t ON t.id = l.ticket_id "
      "WHERE l.shipment_id = ? AND l.workspace_id = ? AND t.workspace_id = ? "
      "AND t.status NOT IN ('solved', 'closed') ORDER BY t.id DESC"));
  s.Bind(1, shipment_id).Bind(2, ws).Bind(3, ws);
  std::vector<domain::Id> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(s.Int(0));
  }
  return out;
}

Result<services::ShipmentNoticeSettings> SqliteShipmentTx::GetNoticeSettings(domain::Id ws) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      "SELECT notices, quiet_from, quiet_until, templates, open_tickets, ticket_group_id, "
      "updated_at, version FROM shipment_notice_settings WHERE workspace_id = ?"));
  s.Bind(1, ws);
  services::ShipmentNoticeSettings out;
  out.workspace_id = ws;
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return out;
  auto notices = nlohmann::json::parse(s.Text(0), nullptr, false);
  out.notices.clear();
  if (notices.is_array()) {
    for (const auto& n : notices) {
      if (n.is_string()) out.notices.push_back(n.get<std::string>());
    }
  }
  out.quiet_from = s.Text(1);
  out.quiet_until = s.Text(2);
  out.templates = s.Text(3);
  out.open_tickets = s.Int(4) != 0;
  out.ticket_group_id = s.OptInt(5);
  out.updated_at = s.Int(6);
  out.version = s.Int(7);
  return out;
}

Status SqliteShipmentTx::PutNoticeSettings(const services::ShipmentNoticeSettings& x) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      "INSERT INTO shipment_notice_settings (workspace_id, notices, quiet_from, quiet_until, "
      "templates, open_tickets, ticket_group_id, updated_at, version) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (workspace_id) DO UPDATE SET "
      "notices = excluded.notices, quiet_from = excluded.quiet_from, "
      "quiet_until = excluded.quiet_until, templates = excluded.templates, "
      "open_tickets = excluded.open_tickets, ticket_group_id = excluded.ticket_group_id, "
      "updated_at = excluded.updated_at, version = excluded.version"));
  s.Bind(1, x.workspace_id).Bind(2, nlohmann::json(x.notices).dump()).Bind(3, x.quiet_from);
  s.Bind(4, x.quiet_until).Bind(5, x.templates).Bind(6, int64_t{x.open_tickets ? 1 : 0});
  s.Bind(7, x.ticket_group_id).Bind(8, x.updated_at).Bind(9, x.version);
  return s.Exec();
}

namespace {

constexpr const char* kNoticeColumns =
    "id, workspace_id, shipment_id, notice, event_key, contact_id, outcome, outbox_id, "
    "ticket_id, language, send_after, created_at, channel, preferred_channel, fallback, "
    "chat_conversation_id, chat_seq";

services::ShipmentNoticeRecord ReadNotice(const Stmt& s) {
  services::ShipmentNoticeRecord n;
  n.id = s.Int(0);
  n.workspace_id = s.Int(1);
  n.shipment_id = s.Int(2);
  n.notice = s.Text(3);
  n.event_key = s.Text(4);
  n.contact_id = s.OptInt(5);
  n.outcome = s.Text(6);
  n.outbox_id = s.OptInt(7);
  n.ticket_id = s.OptInt(8);
  n.language = s.Text(9);
  n.send_after = s.Int(10);
  n.created_at = s.Int(11);
  n.channel = s.Text(12);
  n.preferred_channel = s.Text(13);
  n.fallback = s.Text(14);
  n.chat_conversation_id = s.OptInt(15);
  n.chat_seq = s.OptInt(16);
  return n;
}

}  // namespace

Result<std::vector<services::ShipmentNoticeRecord>> SqliteShipmentTx::ListShipmentNotices(
    domain::Id ws, domain::Id shipment_id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kNoticeColumns +
           " FROM shipment_notices WHERE workspace_id = ? AND shipment_id = ? ORDER BY id";
  })));
  s.Bind(1, ws).Bind(2, shipment_id);
  std::vector<services::ShipmentNoticeRecord> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(ReadNotice(s));
  }
  return out;
}

Result<bool> SqliteShipmentTx::InsertShipmentNotice(services::ShipmentNoticeRecord* n) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      "INSERT OR IGNORE INTO shipment_notices (workspace_id, shipment_id, notice, event_key, "
      "contact_id, outcome, outbox_id, ticket_id, language, send_after, created_at, channel, "
      "preferred_channel, fallback, chat_conversation_id, chat_seq) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  s.Bind(1, n->workspace_id).Bind(2, n->shipment_id).Bind(3, n->notice).Bind(4, n->event_key);
  s.Bind(5, n->contact_id).Bind(6, n->outcome).Bind(7, n->outbox_id).Bind(8, n->ticket_id);
  s.Bind(9, n->language).Bind(10, n->send_after).Bind(11, n->created_at);
  s.Bind(12, n->channel).Bind(13, n->preferred_channel).Bind(14, n->fallback);
  s.Bind(15, n->chat_conversation_id).Bind(16, n->chat_seq);
  RETURN_IF_ERROR(s.Exec());
  if (c_->Changes() == 0) return false;
  n->id = c_->LastInsertId();
  return true;
}

Status SqliteShipmentTx::UpdateShipmentNoticeDelivery(const services::ShipmentNoticeRecord& n) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      "UPDATE shipment_notices SET outcome = ?, channel = ?, fallback = ?, outbox_id = ?, "
      "chat_conversation_id = ?, chat_seq = ? WHERE id = ? AND workspace_id = ?"));
  s.Bind(1, n.outcome).Bind(2, n.channel).Bind(3, n.fallback).Bind(4, n.outbox_id);
  s.Bind(5, n.chat_conversation_id).Bind(6, n.chat_seq).Bind(7, n.id).Bind(8, n.workspace_id);
  RETURN_IF_ERROR(s.Exec());
  if (c_->Changes() == 0) return NotFound("notice " + std::to_string(n.id) + " does not exist");
  return Status::Ok();
}

Result<bool> SqliteShipmentTx::HasShipmentNotice(domain::Id shipment_id, std::string_view notice,
                                                 std::string_view event_key) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      "SELECT 1 FROM shipment_notices WHERE shipment_id = ? AND notice = ? AND event_key = ?"));
  s.Bind(1, shipment_id).Bind(2, notice).Bind(3, event_key);
  return s.Step();
}

Result<bool> SqliteShipmentTx::IsOptedOut(domain::Id ws, domain::Id contact_id,
                                          std::string_view topic) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      "SELECT 1 FROM notice_opt_outs WHERE workspace_id = ? AND contact_id = ? AND topic = ?"));
  s.Bind(1, ws).Bind(2, contact_id).Bind(3, topic);
  return s.Step();
}

Result<std::vector<domain::Id>> SqliteShipmentTx::ListQueuedNoticeMail(domain::Id ws,
                                                                       domain::Id contact_id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      "SELECT o.id FROM shipment_notices n JOIN mail_outbox o ON o.id = n.outbox_id "
      "WHERE n.workspace_id = ? AND n.contact_id = ? AND o.state = 'queued' ORDER BY o.id"));
  s.Bind(1, ws).Bind(2, contact_id);
  std::vector<domain::Id> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(s.Int(0));
  }
  return out;
}

Result<std::vector<services::ShipmentNoticeRecord>> SqliteShipmentTx::ListDueChatNotices(
    Millis now, int limit) {
  // The WHERE repeats shipment_notices_chat_due's, so only the waiting rows are read.
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kNoticeColumns +
           " FROM shipment_notices WHERE outcome = 'chatted' AND chat_seq IS NULL "
           "AND send_after <= ? ORDER BY send_after, id LIMIT ?";
  })));
  s.Bind(1, now).Bind(2, int64_t{limit});
  std::vector<services::ShipmentNoticeRecord> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(ReadNotice(s));
  }
  return out;
}

Status SqliteShipmentTx::SetOptOut(domain::Id ws, domain::Id contact_id, std::string_view topic,
                                   bool opted_out, Millis at) {
  if (opted_out) {
    ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
        "INSERT OR IGNORE INTO notice_opt_outs (workspace_id, contact_id, topic, created_at) "
        "VALUES (?, ?, ?, ?)"));
    s.Bind(1, ws).Bind(2, contact_id).Bind(3, topic).Bind(4, at);
    return s.Exec();
  }
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      "DELETE FROM notice_opt_outs WHERE workspace_id = ? AND contact_id = ? AND topic = ?"));
  s.Bind(1, ws).Bind(2, contact_id).Bind(3, topic);
  return s.Exec();
}

Result<std::vector<Shipment>> SqliteShipmentTx::ListLateWithoutNotice(domain::Id ws,
                                                                     std::string_view date,
                                                                     int limit) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kShipmentColumns + kShipmentFrom +
           // The due date (domain::DueDate): the later of the promise and the customer's date.
           "WHERE s.workspace_id = ? "
           "AND (s.promised_date IS NOT NULL OR s.delivery_date IS NOT NULL) "
           "AND MAX(COALESCE(s.promised_date, ''), COALESCE(s.delivery_date, '')) < ? "
           "AND s.contact_id IS NOT NULL "
           "AND s.status NOT IN ('delivered', 'returned_to_origin', 'lost', 'damaged') "
           "AND NOT EXISTS (SELECT 1 FROM shipment_notices n WHERE n.shipment_id = s.id "
           "AND n.notice = 'late' AND n.event_key = 'late:' || "
           "MAX(COALESCE(s.promised_date, ''), COALESCE(s.delivery_date, ''))) "
           "ORDER BY s.id LIMIT ?";
  })));
  s.Bind(1, ws).Bind(2, date).Bind(3, int64_t{limit});
  return AllShipments(s);
}

// ---- tracking webhooks ----

Result<std::vector<TrackingWebhook>> SqliteShipmentTx::ListTrackingWebhooks(domain::Id ws) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kHookColumns +
           " FROM tracking_webhooks WHERE workspace_id = ? ORDER BY id";
  })));
  s.Bind(1, ws);
  std::vector<TrackingWebhook> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(ReadHook(s));
  }
  return out;
}

Result<TrackingWebhook> SqliteShipmentTx::GetTrackingWebhook(domain::Id ws, domain::Id id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kHookColumns +
           " FROM tracking_webhooks WHERE workspace_id = ? AND id = ?";
  })));
  s.Bind(1, ws).Bind(2, id);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("tracking webhook " + std::to_string(id) + " does not exist");
  return ReadHook(s);
}

Result<TrackingWebhook> SqliteShipmentTx::FindTrackingWebhookByKey(std::string_view public_key) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kHookColumns + " FROM tracking_webhooks WHERE public_key = ?";
  })));
  s.Bind(1, public_key);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("no such tracking webhook");
  return ReadHook(s);
}

Status SqliteShipmentTx::InsertTrackingWebhook(TrackingWebhook* w) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      "INSERT INTO tracking_webhooks (workspace_id, public_key, name, secret_sealed, enabled, "
      "last_used_at, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  s.Bind(1, w->workspace_id).Bind(2, w->public_key).Bind(3, w->name).Bind(4, w->secret_sealed);
  s.Bind(5, w->enabled).Bind(6, w->last_used_at).Bind(7, w->created_at).Bind(8, w->updated_at);
  s.Bind(9, w->version);
  RETURN_IF_ERROR(s.Exec());
  w->id = c_->LastInsertId();
  return Status::Ok();
}

Status SqliteShipmentTx::UpdateTrackingWebhook(const TrackingWebhook& w) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      "UPDATE tracking_webhooks SET name = ?, secret_sealed = ?, enabled = ?, last_used_at = ?, "
      "updated_at = ?, version = ? WHERE workspace_id = ? AND id = ?"));
  s.Bind(1, w.name).Bind(2, w.secret_sealed).Bind(3, w.enabled).Bind(4, w.last_used_at);
  s.Bind(5, w.updated_at).Bind(6, w.version).Bind(7, w.workspace_id).Bind(8, w.id);
  RETURN_IF_ERROR(s.Exec());
  if (c_->Changes() == 0) {
    return NotFound("tracking webhook " + std::to_string(w.id) + " does not exist");
  }
  return Status::Ok();
}

Status SqliteShipmentTx::DeleteTrackingWebhook(domain::Id ws, domain::Id id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      "DELETE FROM tracking_webhooks WHERE workspace_id = ? AND id = ?"));
  s.Bind(1, ws).Bind(2, id);
  RETURN_IF_ERROR(s.Exec());
  if (c_->Changes() == 0) return NotFound("tracking webhook " + std::to_string(id) + " does not exist");
  return Status::Ok();
}

}  // namespace sahayak::store
