// SLA policies, tickets' clocks and the sweep (sla_service.h, docs/sla.md).
#include "services/sla/sla_service.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "services/audit.h"
#include "services/hours/hours_service.h"
#include "services/sla/sla_input.h"

namespace sahayak::services {

namespace {

using domain::SlaClock;
using domain::SlaPolicy;
using domain::SlaState;
using nlohmann::json;

json AuditView(const SlaPolicy& p) {
  json targets = json::array();
  for (const auto& t : p.targets) {
    targets.push_back({{"metric", domain::Name(t.metric)},
                       {"minutes", t.minutes},
                       {"business_hours", t.business_hours}});
  }
  auto names = [](const auto& list) {
    json out = json::array();
    for (const auto& v : list) out.push_back(domain::Name(v));
    return out;
  };
  return json{{"name", p.name},
              {"description", p.description},
              {"position", p.position},
              {"active", p.active},
              {"conditions",
               {{"channels", names(p.when.channels)},
                {"priorities", names(p.when.priorities)},
                {"tiers", names(p.when.tiers)},
                {"group_ids", p.when.group_ids},
                {"tags", p.when.tags}}},
              {"targets", targets}};
}

}  // namespace

Millis SlaWarningLead(const SlaClock& c) {
  return std::min<Millis>(c.target_minutes * 60'000 / 4, kHour);
}

Status SlaService::CheckGroups(ReadTx& tx, Id ws, const SlaPolicy& p) const {
  Status bad = InvalidArgument("a condition names a group this workspace does not have");
  bool failed = false;
  for (size_t i = 0; i < p.when.group_ids.size(); ++i) {
    auto g = tx.GetGroup(ws, p.when.group_ids[i]);
    if (g.ok()) continue;
    if (g.status().code() != Code::kNotFound) return g.status();
    bad.WithField("conditions.group_ids[" + std::to_string(i) + "]",
                  "is not a group of this workspace");
    failed = true;
  }
  return failed ? bad : Status::Ok();
}

Result<std::vector<SlaPolicy>> SlaService::List(ReadTx& tx, const Principal& who) const {
  return tx.sla().ListSlaPolicies(who.workspace_id);
}

Result<SlaPolicy> SlaService::Get(ReadTx& tx, const Principal& who, Id id) const {
  return tx.sla().GetSlaPolicy(who.workspace_id, id);
}

Result<SlaPolicy> SlaService::Create(WriteTx& tx, const Principal& who, const json& body) const {
  RETURN_IF_ERROR(RequireAdmin(who, "change SLA policies"));
  SlaPolicy p;
  p.workspace_id = who.workspace_id;
  if (!body.is_object() || !body.contains("position")) {
    // New policies go last unless told otherwise.
    ASSIGN_OR_RETURN(auto all, tx.sla().ListSlaPolicies(who.workspace_id));
    for (const auto& other : all) p.position = std::max(p.position, other.position + 1);
  }
  RETURN_IF_ERROR(ReadSlaPolicy(body, /*creating=*/true, &p));
  RETURN_IF_ERROR(CheckGroups(tx, who.workspace_id, p));
  p.created_at = p.updated_at = clock_.Now();
  p.version = 1;
  RETURN_IF_ERROR(tx.sla().InsertSlaPolicy(&p));
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), "sla_policy.created",
                               "sla_policy", p.id, AuditCreated(AuditView(p)), p.created_at,
                               "sla_policy.changed", {{"sla_policy_id", p.id}}));
  return p;
}

Result<SlaPolicy> SlaService::Update(WriteTx& tx, const Principal& who, Id id, const json& body,
                                     std::optional<int64_t> if_match) const {
  RETURN_IF_ERROR(RequireAdmin(who, "change SLA policies"));
  ASSIGN_OR_RETURN(SlaPolicy before, tx.sla().GetSlaPolicy(who.workspace_id, id));
  if (if_match && *if_match != before.version) {
    return Aborted("SLA policy " + std::to_string(id) + " changed since version " +
                   std::to_string(*if_match) + "; it is now at version " +
                   std::to_string(before.version))
        .WithKind("precondition-failed");
  }
  SlaPolicy p = before;
  RETURN_IF_ERROR(ReadSlaPolicy(body, /*creating=*/false, &p));
  RETURN_IF_ERROR(CheckGroups(tx, who.workspace_id, p));
  json changes = AuditDiff(AuditView(before), AuditView(p));
  if (changes.empty()) return before;
  p.updated_at = clock_.Now();
  p.version = before.version + 1;
  RETURN_IF_ERROR(tx.sla().UpdateSlaPolicy(p));
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), "sla_policy.updated",
                               "sla_policy", p.id, changes, p.updated_at, "sla_policy.changed",
                               {{"sla_policy_id", p.id}}));
  return p;
}

Status SlaService::Delete(WriteTx& tx, const Principal& who, Id id) const {
  RETURN_IF_ERROR(RequireAdmin(who, "change SLA policies"));
  ASSIGN_OR_RETURN(SlaPolicy before, tx.sla().GetSlaPolicy(who.workspace_id, id));
  RETURN_IF_ERROR(tx.sla().DeleteSlaPolicy(who.workspace_id, id));
  return RecordChange(tx, who.workspace_id, who.actor(), "sla_policy.deleted", "sla_policy", id,
                      AuditDiff(AuditView(before), json::object()), clock_.Now(),
                      "sla_policy.changed", {{"sla_policy_id", id}});
}

Result<TicketSla> ComputeTicketSla(ReadTx& tx, const domain::Ticket& t,
                                   const std::vector<SlaPolicy>& policies, Millis now) {
  TicketSla out;
  if (t.merged_into_id) return out;  // its conversation lives on in the other ticket
  domain::SlaFacts facts;
  facts.channel = t.channel;
  facts.priority = t.priority;
  facts.group_id = t.group_id;
  facts.tags = t.tags;
  if (t.organisation_id) {
    auto org = tx.GetOrganisation(t.workspace_id, *t.organisation_id);
    if (org.ok()) facts.tier = org->tier;
  }
  const SlaPolicy* policy = domain::MatchPolicy(policies, facts);
  if (policy == nullptr) return out;
  out.policy = *policy;
  ASSIGN_OR_RETURN(auto hours, BusinessHoursService::ClockFor(tx, t.workspace_id, t.group_id));
  if (hours) out.business_hours_id = hours->record.id;
  ASSIGN_OR_RETURN(std::vector<domain::SlaEvent> events,
                   tx.sla().ListSlaEvents(t.workspace_id, t.id));
  out.clocks = domain::ComputeSlaClocks(*policy, hours ? &hours->clock : nullptr, t.created_at,
                                        domain::TicketStatus::kNew, events, now);
  out.next_due_at = domain::NextDue(out.clocks);
  out.breached = domain::AnyBreached(out.clocks);
  return out;
}

Result<TicketSla> SlaService::ForTicket(ReadTx& tx, const Principal& who, Id ticket_id,
                                        Millis now) const {
  ASSIGN_OR_RETURN(domain::Ticket t, tx.GetTicket(who.workspace_id, ticket_id));
  ASSIGN_OR_RETURN(auto policies, tx.sla().ListSlaPolicies(who.workspace_id));
  return ComputeTicketSla(tx, t, policies, now);
}

Status SlaService::Refresh(WriteTx& tx, Id ws, Id ticket_id, Millis now,
                           std::map<Id, std::vector<SlaPolicy>>* policies) const {
  auto t = tx.GetTicket(ws, ticket_id);
  if (!t.ok()) return t.status().code() == Code::kNotFound ? Status::Ok() : t.status();
  auto cached = policies->find(ws);
  if (cached == policies->end()) {
    ASSIGN_OR_RETURN(auto list, tx.sla().ListSlaPolicies(ws));
    cached = policies->emplace(ws, std::move(list)).first;
  }
  ASSIGN_OR_RETURN(TicketSla sla, ComputeTicketSla(tx, *t, cached->second, now));
  TicketSlaRow row;
  row.ticket_id = ticket_id;
  row.workspace_id = ws;
  row.computed_at = now;
  if (sla.policy) row.policy_id = sla.policy->id;
  row.next_due_at = sla.next_due_at;
  row.breached = sla.breached;

  ASSIGN_OR_RETURN(std::vector<SlaNotice> notices, tx.sla().ListSlaNotices(ws, ticket_id));
  std::set<std::tuple<std::string, Millis, std::string>> told;
  for (const auto& n : notices) told.insert({n.metric, n.due_at, n.kind});
  const domain::Actor system{domain::Actor::Kind::kSystem, 0, "SLA", "", ""};
  auto announce = [&](const SlaClock& c, const char* kind) -> Status {
    const std::string metric = domain::Name(c.metric);
    if (told.count({metric, *c.due_at, kind})) return Status::Ok();
    ASSIGN_OR_RETURN(bool fresh, tx.sla().InsertSlaNotice({ws, ticket_id, metric, *c.due_at,
                                                           kind, now}));
    told.insert({metric, *c.due_at, kind});
    if (!fresh) return Status::Ok();
    const bool breach = std::string_view(kind) == "breach";
    json data = {{"metric", metric},
                 {"due_at", FormatRfc3339(*c.due_at)},
                 {"target_minutes", c.target_minutes},
                 {"business_hours", c.business_hours},
                 {"via", {{"kind", "sla_policy"}, {"id", sla.policy->id},
                          {"name", sla.policy->name}}}};
    return RecordChange(tx, ws, system, breach ? "sla.breached" : "sla.warning", "ticket",
                        ticket_id, data, now, breach ? "sla.breached" : "sla.warning",
                        {{"ticket_id", ticket_id}, {"metric", metric},
                         {"due_at", *c.due_at}, {"sla_policy_id", sla.policy->id}});
  };
  std::optional<Millis> next_check;
  auto consider = [&](Millis at) {
    if (!next_check || at < *next_check) next_check = at;
  };
  for (const SlaClock& c : sla.clocks) {
    if (!c.due_at) continue;
    const std::string metric = domain::Name(c.metric);
    if (c.state == SlaState::kBreached && !c.fulfilled_at) {
      RETURN_IF_ERROR(announce(c, "breach"));
    } else if (c.state == SlaState::kActive) {
      const Millis warn_at = *c.due_at - SlaWarningLead(c);
      if (now >= warn_at) {
        RETURN_IF_ERROR(announce(c, "warning"));
      } else {
        consider(warn_at);
      }
      consider(*c.due_at + 1);  // breached once `now` is past the due time
    }
  }
  row.next_check_at = next_check;
  return tx.sla().PutTicketSla(row);
}

Result<int> SlaService::Sweep(WriteTx& tx, int batch) const {
  const Millis now = clock_.Now();
  std::map<Id, std::vector<SlaPolicy>> policies;
  std::set<std::pair<Id, Id>> done;  // (workspace, ticket) computed this round
  ASSIGN_OR_RETURN(Id cursor, tx.sla().SlaSweepCursor());
  ASSIGN_OR_RETURN(std::vector<domain::OutboxItem> rows, tx.ListOutboxAfter(cursor, batch));
  for (const domain::OutboxItem& r : rows) {
    cursor = std::max(cursor, r.id);
    if (r.topic.rfind("sla.", 0) == 0) continue;  // our own announcements
    std::vector<Id> tickets;
    for (const char* key : {"ticket_id", "target_id", "source_id"}) {
      if (r.payload.contains(key) && r.payload[key].is_number_integer()) {
        tickets.push_back(r.payload[key].get<Id>());
      }
    }
    if (r.topic == "sla_policy.changed") {
      // Every open ticket of the workspace may now fall under another policy: leave that to
      // the tickets' next change or check, but recompute the ones with a row at once.
      continue;
    }
    for (Id id : tickets) {
      if (!done.insert({r.workspace_id, id}).second) continue;
      RETURN_IF_ERROR(Refresh(tx, r.workspace_id, id, now, &policies));
    }
  }
  if (!rows.empty()) RETURN_IF_ERROR(tx.sla().SetSlaSweepCursor(cursor));
  ASSIGN_OR_RETURN(std::vector<TicketSlaRow> due, tx.sla().ListSlaChecksDue(now, batch));
  for (const TicketSlaRow& row : due) {
    if (!done.insert({row.workspace_id, row.ticket_id}).second) continue;
    RETURN_IF_ERROR(Refresh(tx, row.workspace_id, row.ticket_id, now, &policies));
  }
  return static_cast<int>(done.size());
}

}  // namespace sahayak::services
