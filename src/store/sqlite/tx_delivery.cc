// Delivery preferences and the customer's delivery requests (migration 0014): part of
// SqliteShipmentTx, kept apart from tx_shipments.cc.
#include "domain/delivery.h"
#include "store/sqlite/tx_shipments.h"

namespace sahayak::store {

namespace {

domain::Actor::Kind KindOf(const std::string& s) {
  if (s == "agent") return domain::Actor::Kind::kAgent;
  if (s == "contact") return domain::Actor::Kind::kContact;
  return domain::Actor::Kind::kSystem;
}

}  // namespace

Result<std::optional<domain::DeliveryPreferences>> SqliteShipmentTx::GetDeliveryPreferences(
    domain::Id ws, std::string_view owner_type, domain::Id owner_id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      "SELECT id, windows, time_zone, language, safe_place, alternate_address, "
      "preferred_channel, quiet_from, quiet_until, updated_at, version "
      "FROM delivery_preferences WHERE workspace_id = ? AND owner_type = ? AND owner_id = ?"));
  s.Bind(1, ws).Bind(2, owner_type).Bind(3, owner_id);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return std::optional<domain::DeliveryPreferences>();
  domain::DeliveryPreferences p;
  p.id = s.Int(0);
  p.workspace_id = ws;
  p.owner_type = std::string(owner_type);
  p.owner_id = owner_id;
  p.windows = domain::WindowsFromJsonText(s.Text(1));
  p.time_zone = s.Text(2);
  p.language = s.Text(3);
  p.safe_place = s.Text(4);
  p.alternate_address = domain::AddressFromJsonText(s.Text(5));
  p.preferred_channel = s.Text(6);
  auto from = domain::ParseClock(s.Text(7));
  auto until = domain::ParseClock(s.Text(8));
  if (from && until) p.quiet_hours = domain::ClockRange{*from, *until};
  p.updated_at = s.Int(9);
  p.version = s.Int(10);
  return std::optional<domain::DeliveryPreferences>(std::move(p));
}

Status SqliteShipmentTx::PutDeliveryPreferences(domain::DeliveryPreferences* p) {
  const bool insert = p->id == 0;
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      insert ? "INSERT INTO delivery_preferences (windows, time_zone, language, safe_place, "
               "alternate_address, preferred_channel, quiet_from, quiet_until, updated_at, "
               "version, workspace_id, owner_type, owner_id) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
             : "UPDATE delivery_preferences SET windows = ?, time_zone = ?, language = ?, "
               "safe_place = ?, alternate_address = ?, preferred_channel = ?, quiet_from = ?, "
               "quiet_until = ?, updated_at = ?, version = ? "
               "WHERE workspace_id = ? AND owner_type = ? AND owner_id = ?"));
  s.Bind(1, domain::WindowsToJsonText(p->windows)).Bind(2, p->time_zone).Bind(3, p->language);
  s.Bind(4, p->safe_place);
  s.Bind(5, p->alternate_address ? domain::AddressToJsonText(*p->alternate_address)
                                 : std::string());
  s.Bind(6, p->preferred_channel);
  s.Bind(7, p->quiet_hours ? domain::FormatClock(p->quiet_hours->from) : std::string());
  s.Bind(8, p->quiet_hours ? domain::FormatClock(p->quiet_hours->until) : std::string());
  s.Bind(9, p->updated_at).Bind(10, p->version).Bind(11, p->workspace_id);
  s.Bind(12, p->owner_type).Bind(13, p->owner_id);
  RETURN_IF_ERROR(s.Exec());
  if (insert) {
    p->id = c_->LastInsertId();
  } else if (c_->Changes() == 0) {
    return NotFound("those delivery preferences do not exist");
  }
  return Status::Ok();
}

Result<std::vector<services::DeliveryRequestRecord>> SqliteShipmentTx::ListDeliveryRequests(
    domain::Id ws, domain::Id shipment_id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      "SELECT id, contact_id, kind, details, actor_kind, actor_id, actor_name, via, created_at "
      "FROM delivery_requests WHERE shipment_id = ? AND workspace_id = ? ORDER BY id DESC"));
  s.Bind(1, shipment_id).Bind(2, ws);
  std::vector<services::DeliveryRequestRecord> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    services::DeliveryRequestRecord r;
    r.id = s.Int(0);
    r.workspace_id = ws;
    r.shipment_id = shipment_id;
    r.contact_id = s.OptInt(1);
    r.kind = s.Text(2);
    r.details = s.Text(3);
    r.actor.kind = KindOf(s.Text(4));
    r.actor.id = s.Int(5);
    r.actor.name = s.Text(6);
    r.via = s.Text(7);
    r.created_at = s.Int(8);
    out.push_back(std::move(r));
  }
  return out;
}

Status SqliteShipmentTx::InsertDeliveryRequest(services::DeliveryRequestRecord* r) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      "INSERT INTO delivery_requests (workspace_id, shipment_id, contact_id, kind, details, "
      "actor_kind, actor_id, actor_name, via, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  s.Bind(1, r->workspace_id).Bind(2, r->shipment_id).Bind(3, r->contact_id).Bind(4, r->kind);
  s.Bind(5, r->details).Bind(6, domain::ActorKindName(r->actor.kind)).Bind(7, r->actor.id);
  s.Bind(8, r->actor.name).Bind(9, r->via).Bind(10, r->created_at);
  RETURN_IF_ERROR(s.Exec());
  r->id = c_->LastInsertId();
  return Status::Ok();
}

}  // namespace sahayak::store
