// SLA policies (migration 0024): conditions and targets as JSON text columns; tickets' SLA
// rows for lists and the sweep; notices recorded once by their primary key.
#include "store/sqlite/tx_sla.h"

#include <nlohmann/json.hpp>

namespace sahayak::store {

using domain::Id;

namespace {

using domain::SlaPolicy;
using nlohmann::json;
using services::TicketSlaRow;

constexpr const char* kPolicyColumns =
    "id, workspace_id, name, description, position, active, conditions, targets, created_at, "
    "updated_at, version";

template <typename T, typename Name>
json Names(const std::vector<T>& values, Name name) {
  json out = json::array();
  for (const T& v : values) out.push_back(name(v));
  return out;
}

std::string ConditionsText(const domain::SlaConditions& c) {
  return json{{"channels", Names(c.channels, [](auto v) { return domain::Name(v); })},
              {"priorities", Names(c.priorities, [](auto v) { return domain::Name(v); })},
              {"tiers", Names(c.tiers, [](auto v) { return domain::Name(v); })},
              {"group_ids", c.group_ids},
              {"tags", c.tags}}
      .dump();
}

std::string TargetsText(const std::vector<domain::SlaTarget>& targets) {
  json out = json::array();
  for (const auto& t : targets) {
    out.push_back({{"metric", domain::Name(t.metric)},
                   {"minutes", t.minutes},
                   {"business_hours", t.business_hours}});
  }
  return out.dump();
}

// Values the parser does not know (a damaged column) are left out rather than failing reads.
template <typename T, typename Parse>
std::vector<T> Parsed(const json& list, Parse parse) {
  std::vector<T> out;
  if (!list.is_array()) return out;
  for (const json& v : list) {
    if (!v.is_string()) continue;
    if (auto p = parse(v.get<std::string>())) out.push_back(*p);
  }
  return out;
}

domain::SlaConditions ConditionsFrom(const std::string& text) {
  domain::SlaConditions c;
  json j = json::parse(text, nullptr, false);
  if (!j.is_object()) return c;
  c.channels = Parsed<domain::Channel>(j.value("channels", json::array()),
                                       [](const std::string& s) { return domain::ParseChannel(s); });
  c.priorities = Parsed<domain::Priority>(
      j.value("priorities", json::array()), [](const std::string& s) { return domain::ParsePriority(s); });
  c.tiers = Parsed<domain::Tier>(j.value("tiers", json::array()),
                                 [](const std::string& s) { return domain::ParseTier(s); });
  for (const json& v : j.value("group_ids", json::array())) {
    if (v.is_number_integer()) c.group_ids.push_back(v.get<Id>());
  }
  for (const json& v : j.value("tags", json::array())) {
    if (v.is_string()) c.tags.push_back(v.get<std::string>());
  }
  return c;
}

std::vector<domain::SlaTarget> TargetsFrom(const std::string& text) {
  std::vector<domain::SlaTarget> out;
  json list = json::parse(text, nullptr, false);
  if (!list.is_array()) return out;
  for (const json& j : list) {
    if (!j.is_object()) continue;
    auto metric = domain::ParseSlaMetric(j.value("metric", ""));
    if (!metric) continue;
    out.push_back({*metric, j.value("minutes", int64_t{0}), j.value("business_hours", true)});
  }
  return out;
}

SlaPolicy ReadPolicy(const Stmt& s) {
  SlaPolicy p;
  p.id = s.Int(0);
  p.workspace_id = s.Int(1);
  p.name = s.Text(2);
  p.description = s.Text(3);
  p.position = s.Int(4);
  p.active = s.Int(5) != 0;
  p.when = ConditionsFrom(s.Text(6));
  p.targets = TargetsFrom(s.Text(7));
  p.created_at = s.Int(8);
  p.updated_at = s.Int(9);
  p.version = s.Int(10);
  return p;
}

Status NameTaken(const Status& st, const SlaPolicy& p) {
  if (st.code() != Code::kAlreadyExists) return st;
  return AlreadyExists("there is already an SLA policy named \"" + p.name + "\"")
      .WithField("name", "is taken by another SLA policy");
}

constexpr const char* kRowColumns =
    "ticket_id, workspace_id, policy_id, next_due_at, breached, next_check_at, computed_at";

TicketSlaRow ReadRow(const Stmt& s) {
  TicketSlaRow r;
  r.ticket_id = s.Int(0);
  r.workspace_id = s.Int(1);
  r.policy_id = s.OptInt(2);
  r.next_due_at = s.OptInt(3);
  r.breached = s.Int(4) != 0;
  r.next_check_at = s.OptInt(5);
  r.computed_at = s.Int(6);
  return r;
}

}  // namespace

Result<std::vector<SlaPolicy>> SqliteSlaTx::ListSlaPolicies(Id ws) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(std::string("SELECT ") + kPolicyColumns +
                                       " FROM sla_policies WHERE workspace_id = ? "
                                       "ORDER BY position, id"));
  s.Bind(1, ws);
  std::vector<SlaPolicy> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return out;
    out.push_back(ReadPolicy(s));
  }
}

Result<SlaPolicy> SqliteSlaTx::GetSlaPolicy(Id ws, Id id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(std::string("SELECT ") + kPolicyColumns +
                                       " FROM sla_policies WHERE workspace_id = ? AND id = ?"));
  s.Bind(1, ws).Bind(2, id);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("SLA policy " + std::to_string(id) + " does not exist");
  return ReadPolicy(s);
}

Result<std::vector<domain::SlaEvent>> SqliteSlaTx::ListSlaEvents(Id ws, Id ticket_id) {
  // Kind 0: the customer wrote; 1: an agent replied in public; 2: the status changed. At the
  // same moment a message comes before the status change it caused.
  ASSIGN_OR_RETURN(
      Stmt s,
      c_->Prepare("SELECT created_at, CASE author_kind WHEN 'contact' THEN 0 ELSE 1 END AS kind, "
                  "'' AS status, id FROM messages WHERE workspace_id = ?1 AND ticket_id = ?2 "
                  "AND public = 1 AND author_kind IN ('contact', 'agent') "
                  "UNION ALL "
                  "SELECT created_at, 2, json_extract(changes, '$.status[1]'), id "
                  "FROM audit_events WHERE workspace_id = ?1 AND entity_type = 'ticket' "
                  "AND entity_id = ?2 AND json_valid(changes) "
                  "AND json_type(changes, '$.status[1]') = 'text' "
                  "ORDER BY 1, 2, 4"));
  s.Bind(1, ws).Bind(2, ticket_id);
  std::vector<domain::SlaEvent> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return out;
    domain::SlaEvent e;
    e.at = s.Int(0);
    switch (s.Int(1)) {
      case 0: e.kind = domain::SlaEvent::Kind::kCustomerMessage; break;
      case 1: e.kind = domain::SlaEvent::Kind::kAgentReply; break;
      default: {
        auto status = domain::ParseStatus(s.Text(2));
        if (!status) continue;
        e.kind = domain::SlaEvent::Kind::kStatus;
        e.status = *status;
      }
    }
    out.push_back(e);
  }
}

Result<std::optional<TicketSlaRow>> SqliteSlaTx::GetTicketSla(Id ws, Id ticket_id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(std::string("SELECT ") + kRowColumns +
                                       " FROM ticket_sla WHERE workspace_id = ? AND ticket_id = ?"));
  s.Bind(1, ws).Bind(2, ticket_id);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return std::optional<TicketSlaRow>();
  return std::optional<TicketSlaRow>(ReadRow(s));
}

Result<std::vector<services::SlaNotice>> SqliteSlaTx::ListSlaNotices(Id ws, Id ticket_id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("SELECT workspace_id, ticket_id, metric, due_at, kind, "
                                       "created_at FROM sla_notices WHERE ticket_id = ? "
                                       "AND workspace_id = ? ORDER BY created_at, due_at"));
  s.Bind(1, ticket_id).Bind(2, ws);
  std::vector<services::SlaNotice> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return out;
    out.push_back({s.Int(0), s.Int(1), s.Text(2), s.Int(3), s.Text(4), s.Int(5)});
  }
}

Result<std::vector<TicketSlaRow>> SqliteSlaTx::ListSlaChecksDue(Millis until, int limit) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(std::string("SELECT ") + kRowColumns +
                                       " FROM ticket_sla WHERE next_check_at IS NOT NULL "
                                       "AND next_check_at <= ? ORDER BY next_check_at LIMIT ?"));
  s.Bind(1, until).Bind(2, limit);
  std::vector<TicketSlaRow> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return out;
    out.push_back(ReadRow(s));
  }
}

Result<Id> SqliteSlaTx::SlaSweepCursor() {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("SELECT outbox_id FROM sla_sweep WHERE id = 1"));
  ASSIGN_OR_RETURN(bool row, s.Step());
  return row ? s.Int(0) : Id{0};
}

Status SqliteSlaTx::InsertSlaPolicy(SlaPolicy* p) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("INSERT INTO sla_policies (workspace_id, name, description, "
                                       "position, active, conditions, targets, created_at, "
                                       "updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  s.Bind(1, p->workspace_id).Bind(2, p->name).Bind(3, p->description).Bind(4, p->position);
  s.Bind(5, p->active).Bind(6, ConditionsText(p->when)).Bind(7, TargetsText(p->targets));
  s.Bind(8, p->created_at).Bind(9, p->updated_at).Bind(10, p->version);
  Status st = s.Exec();
  if (!st.ok()) return NameTaken(st, *p);
  p->id = c_->LastInsertId();
  return Status::Ok();
}

Status SqliteSlaTx::UpdateSlaPolicy(const SlaPolicy& p) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("UPDATE sla_policies SET name = ?, description = ?, "
                                       "position = ?, active = ?, conditions = ?, targets = ?, "
                                       "updated_at = ?, version = ? WHERE workspace_id = ? AND id = ?"));
  s.Bind(1, p.name).Bind(2, p.description).Bind(3, p.position).Bind(4, p.active);
  s.Bind(5, ConditionsText(p.when)).Bind(6, TargetsText(p.targets)).Bind(7, p.updated_at);
  s.Bind(8, p.version).Bind(9, p.workspace_id).Bind(10, p.id);
  Status st = s.Exec();
  if (!st.ok()) return NameTaken(st, p);
  if (c_->Changes() == 0) return NotFound("SLA policy " + std::to_string(p.id) + " does not exist");
  return Status::Ok();
}

Status SqliteSlaTx::DeleteSlaPolicy(Id ws, Id id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("DELETE FROM sla_policies WHERE workspace_id = ? AND id = ?"));
  s.Bind(1, ws).Bind(2, id);
  RETURN_IF_ERROR(s.Exec());
  if (c_->Changes() == 0) return NotFound("SLA policy " + std::to_string(id) + " does not exist");
  return Status::Ok();
}

Status SqliteSlaTx::PutTicketSla(const TicketSlaRow& r) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(std::string("INSERT OR REPLACE INTO ticket_sla (") +
                                       kRowColumns + ") VALUES (?, ?, ?, ?, ?, ?, ?)"));
  s.Bind(1, r.ticket_id).Bind(2, r.workspace_id).Bind(3, r.policy_id).Bind(4, r.next_due_at);
  s.Bind(5, r.breached).Bind(6, r.next_check_at).Bind(7, r.computed_at);
  return s.Exec();
}

Result<bool> SqliteSlaTx::InsertSlaNotice(const services::SlaNotice& n) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("INSERT OR IGNORE INTO sla_notices (ticket_id, metric, "
                                       "due_at, kind, workspace_id, created_at) "
                                       "VALUES (?, ?, ?, ?, ?, ?)"));
  s.Bind(1, n.ticket_id).Bind(2, n.metric).Bind(3, n.due_at).Bind(4, n.kind);
  s.Bind(5, n.workspace_id).Bind(6, n.created_at);
  RETURN_IF_ERROR(s.Exec());
  return c_->Changes() > 0;
}

Status SqliteSlaTx::SetSlaSweepCursor(Id outbox_id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("INSERT INTO sla_sweep (id, outbox_id) VALUES (1, ?) "
                                       "ON CONFLICT (id) DO UPDATE SET outbox_id = excluded.outbox_id"));
  s.Bind(1, outbox_id);
  return s.Exec();
}

}  // namespace sahayak::store
