// The operations figures' reads (docs/analytics.md): each streams one row per shipment,
// contact or notice of a cohort, found through shipments_booked (migration 0018).
#include "store/sqlite/tx_analytics.h"

#include <string>

namespace sahayak::store {

namespace {

using services::ShipmentCohort;

// The cohort's shipments `s`; parameters ?1-?4.
constexpr const char* kCohort =
    "s.workspace_id = ?1 AND s.booked_at >= ?2 AND s.booked_at < ?3 "
    "AND (?4 IS NULL OR s.carrier_id = ?4)";

// A place for grouping routes: the city, else the PIN code, else the country.
constexpr const char* kOrigin =
    "COALESCE(NULLIF(s.origin_city, ''), NULLIF(s.origin_pin, ''), "
    "NULLIF(s.origin_country, ''), '')";
constexpr const char* kDestination =
    "COALESCE(NULLIF(s.destination_city, ''), NULLIF(s.destination_pin, ''), "
    "NULLIF(s.destination_country, ''), '')";

void BindCohort(Stmt& s, const ShipmentCohort& c) {
  s.Bind(1, c.ws).Bind(2, c.from).Bind(3, c.to).Bind(4, c.carrier_id);
}

// A step's error, or the rows through `fn`.
template <typename F>
Status EachRow(Stmt& s, F fn) {
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return Status::Ok();
    fn(s);
  }
}

}  // namespace

Status SqliteAnalyticsTx::ForEachShipmentOutcome(
    const ShipmentCohort& cohort,
    const std::function<void(const services::ShipmentOutcome&)>& fn) {
  ASSIGN_OR_RETURN(
      Stmt s,
      c_->Prepare(std::string("SELECT s.id, s.carrier_id, ") + kOrigin + ", " + kDestination +
                  ", s.booked_at, s.status, "
                  "EXISTS (SELECT 1 FROM tracking_events e WHERE e.shipment_id = s.id "
                  "AND e.status = 'delivery_failed'), "
                  "s.status = 'returned_to_origin' OR EXISTS (SELECT 1 FROM tracking_events e "
                  "WHERE e.shipment_id = s.id AND e.status = 'returned_to_origin') "
                  "FROM shipments s WHERE " + kCohort));
  BindCohort(s, cohort);
  services::ShipmentOutcome o;
  return EachRow(s, [&](const Stmt& r) {
    o.id = r.Int(0);
    o.carrier_id = r.Int(1);
    o.origin = r.Text(2);
    o.destination = r.Text(3);
    o.booked_at = r.Int(4);
    o.status = r.Text(5);
    o.failed_attempt = r.Int(6) != 0;
    o.returned = r.Int(7) != 0;
    fn(o);
  });
}

Status SqliteAnalyticsTx::ForEachShipmentContact(
    const ShipmentCohort& cohort,
    const std::function<void(const services::ShipmentContact&)>& fn) {
  // linked: each ticket about a cohort shipment, with the lowest such shipment;
  // contacts: when its customer first wrote in it (or when a phone ticket was logged).
  ASSIGN_OR_RETURN(
      Stmt s,
      c_->Prepare(
          std::string("WITH linked AS (SELECT ts.ticket_id, MIN(ts.shipment_id) AS shipment_id "
                      "FROM shipments s JOIN ticket_shipments ts ON ts.shipment_id = s.id WHERE ") +
          kCohort +
          " GROUP BY ts.ticket_id), "
          "contacts AS (SELECT l.ticket_id, l.shipment_id, COALESCE("
          "(SELECT MIN(m.created_at) FROM messages m WHERE m.ticket_id = l.ticket_id "
          "AND m.author_kind = 'contact' AND m.public = 1), "
          "CASE WHEN t.channel = 'phone' THEN t.created_at END) AS contact_at "
          "FROM linked l JOIN tickets t ON t.id = l.ticket_id WHERE t.merged_into_id IS NULL) "
          "SELECT c.ticket_id, c.shipment_id, s.carrier_id, " +
          kOrigin + ", " + kDestination +
          ", s.booked_at, c.contact_at, "
          "COALESCE((SELECT e.status FROM tracking_events e WHERE e.shipment_id = s.id "
          "AND e.occurred_at <= c.contact_at ORDER BY e.occurred_at DESC, e.id DESC LIMIT 1), "
          "'booked'), s.promised_date "
          "FROM contacts c JOIN shipments s ON s.id = c.shipment_id "
          "WHERE c.contact_at IS NOT NULL"));
  BindCohort(s, cohort);
  services::ShipmentContact c;
  return EachRow(s, [&](const Stmt& r) {
    c.ticket_id = r.Int(0);
    c.shipment_id = r.Int(1);
    c.carrier_id = r.Int(2);
    c.origin = r.Text(3);
    c.destination = r.Text(4);
    c.shipment_booked_at = r.Int(5);
    c.contact_at = r.Int(6);
    c.status_at_contact = r.Text(7);
    c.promised_date.reset();
    if (!r.IsNull(8)) c.promised_date = r.Text(8);
    fn(c);
  });
}

Status SqliteAnalyticsTx::ForEachNoticeFollowUp(
    const ShipmentCohort& cohort, Millis window,
    const std::function<void(const services::NoticeFollowUp&)>& fn) {
  // firsts: the first notice of each kind per cohort shipment; told: when it was mailed or
  // posted in the customer's chat (after quiet hours), or when it was decided for the others.
  ASSIGN_OR_RETURN(
      Stmt s,
      c_->Prepare(
          std::string("WITH firsts AS (SELECT MIN(n.id) AS id FROM shipments s "
                      "JOIN shipment_notices n ON n.shipment_id = s.id WHERE ") +
          kCohort +
          " GROUP BY n.shipment_id, n.notice), "
          "told AS (SELECT n.shipment_id, n.notice, n.outcome, CASE WHEN n.outcome IN ('mailed', "
          "'chatted') "
          "THEN MAX(n.send_after, n.created_at) ELSE n.created_at END AS at "
          "FROM firsts f JOIN shipment_notices n ON n.id = f.id) "
          "SELECT d.shipment_id, d.notice, d.outcome, d.at, "
          "EXISTS (SELECT 1 FROM ticket_shipments ts JOIN tickets t ON t.id = ts.ticket_id "
          "WHERE ts.shipment_id = d.shipment_id AND t.merged_into_id IS NULL AND ("
          "(t.channel = 'phone' AND t.created_at >= d.at AND t.created_at < d.at + ?5) OR "
          "EXISTS (SELECT 1 FROM messages m WHERE m.ticket_id = t.id "
          "AND m.author_kind = 'contact' AND m.public = 1 AND m.created_at >= d.at "
          "AND m.created_at < d.at + ?5))) "
          "FROM told d"));
  BindCohort(s, cohort);
  s.Bind(5, window);
  services::NoticeFollowUp n;
  return EachRow(s, [&](const Stmt& r) {
    n.shipment_id = r.Int(0);
    n.notice = r.Text(1);
    n.outcome = r.Text(2);
    n.decided_at = r.Int(3);
    n.contacted_after = r.Int(4) != 0;
    fn(n);
  });
}

Status SqliteAnalyticsTx::ForEachChat(
    const services::ChatCohort& cohort,
    const std::function<void(const services::ChatOutcome&)>& fn) {
  // Through chat_conversations_started (migration 0023).
  ASSIGN_OR_RETURN(
      Stmt s,
      c_->Prepare("SELECT c.id, c.group_id, COALESCE(g.name, ''), c.agent_id, "
                  "COALESCE(a.name, ''), c.language, c.status, c.created_at, c.wait_ms, "
                  "c.first_response_ms, c.duration_ms, c.missed, c.held_by_assistant "
                  "FROM chat_conversations c "
                  "LEFT JOIN agent_groups g ON g.id = c.group_id "
                  "LEFT JOIN agents a ON a.id = c.agent_id "
                  "WHERE c.workspace_id = ?1 AND c.created_at >= ?2 AND c.created_at < ?3 "
                  "AND (?4 IS NULL OR c.group_id = ?4)"));
  s.Bind(1, cohort.ws).Bind(2, cohort.from).Bind(3, cohort.to).Bind(4, cohort.group_id);
  services::ChatOutcome o;
  auto optional = [](const Stmt& r, int i) -> std::optional<int64_t> {
    if (r.IsNull(i)) return std::nullopt;
    return r.Int(i);
  };
  return EachRow(s, [&](const Stmt& r) {
    o.id = r.Int(0);
    o.group_id = optional(r, 1);
    o.group_name = r.Text(2);
    o.agent_id = optional(r, 3);
    o.agent_name = r.Text(4);
    o.language = r.Text(5);
    o.status = r.Text(6);
    o.created_at = r.Int(7);
    o.wait_ms = optional(r, 8);
    o.first_response_ms = optional(r, 9);
    o.duration_ms = optional(r, 10);
    o.missed = r.Int(11) != 0;
    o.held_by_assistant = r.Int(12) != 0;
    fn(o);
  });
}

}  // namespace sahayak::store
