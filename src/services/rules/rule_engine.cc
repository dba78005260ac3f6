// Running triggers and automations (rule_engine.h, docs/automation.md).
#include "services/rules/rule_engine.h"

#include <algorithm>
#include <set>

#include <spdlog/spdlog.h>

#include "base/text.h"
#include "services/audit.h"
#include "services/hours/hours_service.h"
#include "services/macros/template_values.h"
#include "services/mail/outbound_service.h"
#include "services/rules/rule_service.h"
#include "services/rules/rule_webhooks.h"

namespace sahayak::services {

namespace {

using domain::Action;
using domain::ActionType;
using domain::Rule;
using domain::RuleEvent;
using domain::RuleKind;
using nlohmann::json;

Principal RulePrincipal(Id ws, const Rule& r) {
  Principal p;
  p.workspace_id = ws;
  p.agent_id = 0;
  p.role = domain::Role::kAdmin;
  p.name = std::string(r.kind == RuleKind::kTrigger ? "Trigger: " : "Automation: ") + r.name;
  p.via = Principal::Via::kCli;  // a system actor
  return p;
}

json Via(const Rule& r) {
  return {{domain::Name(r.kind), {{"id", r.id}, {"name", r.name}}}};
}

// Whether an outbox row was written by a rule's own change (not an event for triggers).
bool MadeByRule(const json& payload) {
  const json* via = nullptr;
  if (payload.contains("via")) via = &payload["via"];
  if (payload.contains("changes") && payload["changes"].is_object() &&
      payload["changes"].contains("via")) {
    via = &payload["changes"]["via"];
  }
  return via != nullptr && via->is_object() &&
         (via->contains("trigger") || via->contains("automation"));
}

std::optional<Id> IdMember(const json& j, const char* key) {
  if (j.contains(key) && j[key].is_number_integer()) return j[key].get<Id>();
  return std::nullopt;
}

}  // namespace

// What one round keeps between rows: the workspace's triggers and its schedules.
struct RuleEngine::Caches {
  std::map<Id, std::vector<Rule>> triggers;
};

domain::RuleFacts RuleEngine::FactsOf(const RuleTicket& t, Millis now) {
  domain::RuleFacts f = domain::RuleFacts::ForTicket(t.ticket, now);
  f.tier = t.tier;
  f.requester_email = FoldCase(t.requester_email);
  f.status_changed_at = t.status_changed_at;
  return f;
}

std::optional<Millis> RuleEngine::Anchor(const Rule& automation, const RuleTicket& t) {
  for (const auto& c : automation.conditions.all) {
    switch (c.field) {
      case domain::RuleField::kHoursSinceCreated:
        return t.ticket.created_at;
      case domain::RuleField::kHoursSinceUpdated:
        return t.ticket.updated_at;
      case domain::RuleField::kHoursSinceStatusChanged:
        return t.status_changed_at.value_or(t.ticket.updated_at);
      case domain::RuleField::kHoursSinceSolved:
        return t.ticket.solved_at;
      case domain::RuleField::kHoursUntilSlaDue:
        return t.ticket.sla_due_at;
      default:
        break;
    }
  }
  return std::nullopt;
}

Status RuleEngine::Notify(WriteTx& tx, const Rule& rule, const Action& a, const domain::Ticket& t,
                          const Principal& sys) const {
  const Id ws = t.workspace_id;
  struct Recipient {
    std::string name;
    std::string email;
    std::string language;
    std::optional<Id> hours_group;  // whose business hours the mail waits for
  };
  std::vector<Recipient> to;
  auto add_agent = [&](Id id) {
    auto agent = tx.GetAgent(ws, id);
    if (!agent.ok() || !agent->active || agent->email.empty()) return;
    std::optional<Id> group =
        agent->group_ids.empty() ? t.group_id : std::optional<Id>(agent->group_ids.front());
    to.push_back({agent->name, agent->email, agent->language, group});
  };
  if (a.target == "requester") {
    auto c = tx.GetContact(ws, t.requester_id);
    if (c.ok()) {
      const std::string email = c->First(domain::Identity::Kind::kEmail);
      if (!email.empty()) {
        to.push_back({c->name, email, c->language.empty() ? t.language : c->language,
                      t.group_id});
      }
    }
  } else if (a.target == "assignee") {
    if (t.assignee_id) add_agent(*t.assignee_id);
  } else if (a.target == "agent") {
    if (a.id) add_agent(*a.id);
  } else if (a.target == "group") {
    if (a.id) {
      auto g = tx.GetGroup(ws, *a.id);
      if (g.ok()) {
        for (Id id : g->agent_ids) {
          const size_t before = to.size();
          add_agent(id);
          if (to.size() > before) to.back().hours_group = *a.id;
        }
      }
    }
  }
  if (to.empty()) return Status::Ok();

  std::vector<std::string> languages;
  ASSIGN_OR_RETURN(domain::PlaceholderValues values, TemplateValues(tx, sys, t, &languages));
  std::optional<domain::Mailbox> box;
  ASSIGN_OR_RETURN(auto boxes, tx.ListMailboxes(ws));
  for (auto& b : boxes) {
    if (b.enabled && !b.smtp_host.empty()) {
      box = std::move(b);
      break;
    }
  }
  const Millis now = clock_.Now();
  std::map<std::optional<Id>, std::optional<ScheduleClock>> clocks;
  for (const Recipient& r : to) {
    Millis send_at = now;
    if (a.respect_business_hours) {
      auto it = clocks.find(r.hours_group);
      if (it == clocks.end()) {
        ASSIGN_OR_RETURN(auto clock, BusinessHoursService::ClockFor(tx, ws, r.hours_group));
        it = clocks.emplace(r.hours_group, std::move(clock)).first;
      }
      if (it->second && !it->second->clock.IsOpen(now)) {
        send_at = it->second->clock.NextOpen(now).value_or(now);
      }
    }
    const std::vector<std::string> want = {r.language, t.language};
    const std::string subject =
        domain::RenderTemplate(domain::PickVariant(a.subjects, want, "en"), values);
    const std::string body = domain::RenderTemplate(domain::PickVariant(a.texts, want, "en"), values);
    QueuedMail q;
    if (box) AddressFromMailbox(*box, &q);
    q.mail.reply_to.reset();
    q.mail.to.push_back({r.name, r.email});
    q.mail.subject = subject + " [#" + std::to_string(t.number) + "]";
    q.mail.text = body;
    q.mail.message_id = NewMessageId(box ? box->address : "");
    q.mail.date = send_at;
    q.mail.auto_submitted = "auto-generated";
    q.mail.extra_headers.emplace_back("X-Sahayak-Ticket", std::to_string(t.number));
    q.mail.extra_headers.emplace_back(
        rule.kind == RuleKind::kTrigger ? "X-Sahayak-Trigger" : "X-Sahayak-Automation",
        std::to_string(rule.id));
    domain::MailOutboxItem item;
    item.workspace_id = ws;
    if (box) item.mailbox_id = box->id;
    item.ticket_id = t.id;
    item.kind = "notification";
    item.message_id = q.mail.message_id;
    item.to_email = AsciiLower(r.email);
    item.payload = EncodeQueuedMail(q);
    item.next_attempt_at = send_at;
    item.created_at = item.updated_at = now;
    if (!box) item.last_error = "no mailbox with an SMTP server is configured";
    RETURN_IF_ERROR(tx.InsertMailOutbox(&item));
  }
  RETURN_IF_ERROR(RecordChange(
      tx, ws, sys.actor(), "ticket.notified", "ticket", t.id,
      {{"notified", {nullptr, a.target}}, {"recipients", {nullptr, static_cast<int64_t>(to.size())}},
       {"via", Via(rule)}},
      now));
  if (on_mail_queued_) on_mail_queued_();
  return Status::Ok();
}

Result<bool> RuleEngine::Act(WriteTx& tx, const Rule& rule, const RuleTicket& rt,
                             const RuleEventFacts* event) const {
  const domain::Ticket& t = rt.ticket;
  const Id ws = t.workspace_id;
  const Principal sys = RulePrincipal(ws, rule);
  const json via = Via(rule);
  const Millis now = clock_.Now();

  // Field changes first, in one update: it is what most often cannot apply (a status the
  // ticket cannot move to), and it writes nothing when it fails.
  TicketPatch patch;
  patch.via = via;
  bool changes = false;
  json custom = json::object();
  for (const Action& a : rule.actions) {
    switch (a.type) {
      case ActionType::kSetStatus:
        if (a.status && *a.status != t.status &&
            domain::CheckTransition(t.status, *a.status).ok()) {
          patch.status = a.status;
          changes = true;
        }
        break;
      case ActionType::kSetPriority:
        patch.priority = a.priority;
        changes = true;
        break;
      case ActionType::kSetGroup:
        if (!a.id || tx.GetGroup(ws, *a.id).ok()) {
          patch.group_id = a.id;
          changes = true;
        }
        break;
      case ActionType::kSetAssignee:
        if (a.id) {
          auto agent = tx.GetAgent(ws, *a.id);
          if (!agent.ok() || !agent->active) break;
        }
        patch.assignee_id = a.id;
        changes = true;
        break;
      case ActionType::kRoundRobin: {
        if (!a.id) break;
        auto g = tx.GetGroup(ws, *a.id);
        if (!g.ok()) break;
        std::vector<Id> agents;
        for (Id id : g->agent_ids) {
          auto agent = tx.GetAgent(ws, id);
          if (agent.ok() && agent->active) agents.push_back(id);
        }
        std::sort(agents.begin(), agents.end());
        patch.group_id = *a.id;
        if (!agents.empty()) {
          // In turn: the rule's runs as stored (this one counted already) pick the next agent.
          auto stored = tx.rules().GetRule(ws, rule.id);
          const int64_t runs = stored.ok() ? std::max<int64_t>(stored->rule.run_count - 1, 0)
                                           : rule.run_count;
          patch.assignee_id = agents[static_cast<size_t>(runs) % agents.size()];
        }
        changes = true;
        break;
      }
      case ActionType::kAddTags:
        patch.add_tags.insert(patch.add_tags.end(), a.tags.begin(), a.tags.end());
        changes = true;
        break;
      case ActionType::kRemoveTags:
        patch.remove_tags.insert(patch.remove_tags.end(), a.tags.begin(), a.tags.end());
        changes = true;
        break;
      case ActionType::kSetCustomField:
        custom[a.field] = a.value;
        changes = true;
        break;
      default:
        break;
    }
  }
  if (!custom.empty()) patch.custom_fields = custom;
  domain::Ticket after = t;
  if (changes) {
    auto updated = tickets_.Update(tx, sys, t.id, patch, std::nullopt);
    if (!updated.ok()) {
      const Code code = updated.status().code();
      if (code == Code::kInternal || code == Code::kUnavailable) return updated.status();
      // The ticket cannot take the change (a field deleted since, a full tag list …): say so
      // on the ticket and do nothing else.
      RETURN_IF_ERROR(RecordChange(tx, ws, sys.actor(), "rule.failed", "ticket", t.id,
                                   {{"error", {nullptr, updated.status().message()}},
                                    {"via", via}},
                                   now));
      return false;
    }
    after = std::move(updated).value();
  }

  // Placeholder values and the reader's languages, read once when a text needs them.
  std::vector<std::string> languages;
  std::optional<domain::PlaceholderValues> values;
  auto ensure_values = [&]() -> Status {
    if (values) return Status::Ok();
    ASSIGN_OR_RETURN(values, TemplateValues(tx, sys, after, &languages));
    return Status::Ok();
  };
  for (const Action& a : rule.actions) {
    switch (a.type) {
      case ActionType::kAddNote: {
        RETURN_IF_ERROR(ensure_values());
        NewMessage n;
        n.body = domain::RenderTemplate(a.text, *values);
        n.is_public = false;
        n.via = via;
        RETURN_IF_ERROR(tickets_.AddMessage(tx, sys, t.id, n).status());
        break;
      }
      case ActionType::kReply: {
        RETURN_IF_ERROR(ensure_values());
        const std::string text =
            domain::RenderTemplate(domain::PickVariant(a.texts, languages, "en"), *values);
        if (Trim(text).empty()) break;
        NewMessage r;
        r.body = text;
        r.is_public = true;
        r.via = via;
        RETURN_IF_ERROR(tickets_.AddMessage(tx, sys, t.id, r).status());
        break;
      }
      case ActionType::kNotify:
        RETURN_IF_ERROR(Notify(tx, rule, a, after, sys));
        break;
      case ActionType::kWebhook: {
        if (!webhook_) break;
        json ticket = {{"id", after.id},
                       {"number", after.number},
                       {"subject", after.subject},
                       {"status", domain::Name(after.status)},
                       {"priority", domain::Name(after.priority)},
                       {"channel", domain::Name(after.channel)},
                       {"language", after.language},
                       {"tags", after.tags},
                       {"group_id", after.group_id ? json(*after.group_id) : json(nullptr)},
                       {"assignee_id", after.assignee_id ? json(*after.assignee_id) : json(nullptr)},
                       {"requester_id", after.requester_id},
                       {"custom_fields", after.custom_fields}};
        const json body = RuleWebhookBody(
            event != nullptr && !event->events.empty() ? domain::Name(event->events.front())
                                                       : "automation",
            rule.id, rule.name, ticket, now);
        RETURN_IF_ERROR(webhook_(tx, ws, rule, t.id, a, body));
        break;
      }
      case ActionType::kApplyMacro: {
        if (!a.id) break;
        auto m = tx.macros().GetMacro(ws, *a.id);
        if (!m.ok() || !m->active || !m->shared()) break;
        bool send = false;
        for (const auto& [lang, text] : m->reply) send = send || !Trim(text).empty();
        auto applied = macros_.Apply(tx, sys, t.id, *a.id, send);
        if (!applied.ok()) {
          const Code code = applied.status().code();
          if (code == Code::kInternal || code == Code::kUnavailable) return applied.status();
          RETURN_IF_ERROR(RecordChange(tx, ws, sys.actor(), "rule.failed", "ticket", t.id,
                                       {{"error", {nullptr, applied.status().message()}},
                                        {"via", via}},
                                       now));
        }
        break;
      }
      default:
        break;
    }
  }
  return true;
}

Result<int> RuleEngine::FireTriggers(WriteTx& tx, Id ws, const std::vector<Rule>& triggers,
                                     Id ticket_id, const RuleEventFacts& event) const {
  const Millis now = clock_.Now();
  std::set<Id> fired;
  int acted = 0;
  std::optional<ScheduleClock> hours;
  bool hours_read = false;
  // Zendesk's cycle: after a trigger acts, evaluate the rest again against the changed ticket.
  for (size_t pass = 0; pass <= triggers.size(); ++pass) {
    auto t = tx.rules().GetRuleTicket(ws, ticket_id);
    if (!t.ok()) return t.status().code() == Code::kNotFound ? Result<int>(acted) : t.status();
    if (t->ticket.status == domain::TicketStatus::kClosed || t->ticket.merged_into_id) break;
    domain::RuleFacts f = FactsOf(*t, now);
    f.changes = event.changes.is_object() ? &event.changes : nullptr;
    f.message_body = FoldCase(event.message_body);
    f.message_channel = event.message_channel;
    f.shipment_status = event.shipment_status;
    f.sla_metric = event.sla_metric;
    bool any = false;
    for (const Rule& r : triggers) {
      if (!r.active || fired.count(r.id)) continue;
      bool on = false;
      for (RuleEvent e : event.events) on = on || domain::FiresOn(r, e);
      if (!on) continue;
      f.event = event.events.front();
      // Business hours only when some condition asks.
      if (!hours_read) {
        bool wants = false;
        for (const auto* list : {&r.conditions.all, &r.conditions.any}) {
          for (const auto& c : *list) {
            wants = wants || c.field == domain::RuleField::kWithinBusinessHours;
          }
        }
        if (wants) {
          ASSIGN_OR_RETURN(hours, BusinessHoursService::ClockFor(tx, ws, t->ticket.group_id));
          hours_read = true;
        }
      }
      f.within_business_hours = !hours || hours->clock.IsOpen(now);
      if (!domain::Matches(r.conditions, f)) continue;
      fired.insert(r.id);
      // Loop protection beyond the cycle: one rule, one ticket, at most so many runs an hour.
      ASSIGN_OR_RETURN(int64_t recent, tx.rules().CountRuleRuns(r.id, ticket_id, now - kHour));
      if (recent >= kMaxRunsPerHour) {
        RETURN_IF_ERROR(RecordChange(
            tx, ws, RulePrincipal(ws, r).actor(), "rule.suppressed", "ticket", ticket_id,
            {{"reason", {nullptr, "acted " + std::to_string(recent) +
                                      " times on this ticket in the last hour"}},
             {"via", Via(r)}},
            now));
        continue;
      }
      ASSIGN_OR_RETURN(bool fresh, tx.rules().InsertRuleRun(ws, r.id, ticket_id, event.anchor, now));
      if (!fresh) continue;  // this event was handled before
      ASSIGN_OR_RETURN(bool done, Act(tx, r, *t, &event));
      if (done) ++acted;
      any = true;
      break;  // evaluate the rest against the ticket as it is now
    }
    if (!any) break;
  }
  return acted;
}

Status RuleEngine::HandleOutboxRow(WriteTx& tx, const domain::OutboxItem& row,
                                  TriggerSet* cache) const {
  const json& p = row.payload;
  if (MadeByRule(p)) return Status::Ok();
  RuleEventFacts ev;
  ev.anchor = row.id;
  std::vector<Id> tickets;
  const std::string& topic = row.topic;
  if (topic == "ticket.created") {
    auto id = IdMember(p, "ticket_id");
    if (!id) return Status::Ok();
    auto t = tx.GetTicket(row.workspace_id, *id);
    if (!t.ok()) return Status::Ok();
    ev.events = {RuleEvent::kTicketCreated};
    if (t->channel == domain::Channel::kChat) ev.events.push_back(RuleEvent::kChatStarted);
    ev.message_channel = t->channel;
    PageRequest page;
    page.limit = 1;
    auto first = tx.ListMessages(row.workspace_id, *id, page);  // oldest first
    if (first.ok() && !first->items.empty()) ev.message_body = first->items.front().body;
    tickets.push_back(*id);
  } else if (topic == "ticket.updated") {
    auto id = IdMember(p, "ticket_id");
    if (!id || !p.contains("changes") || !p["changes"].is_object()) return Status::Ok();
    ev.events = {RuleEvent::kTicketUpdated};
    ev.changes = p["changes"];
    tickets.push_back(*id);
  } else if (topic == "message.created") {
    auto id = IdMember(p, "ticket_id");
    if (!id || p.value("author", "") != "customer" || !p.value("public", false)) {
      return Status::Ok();
    }
    ev.events = {RuleEvent::kMessageReceived};
    if (p.contains("channel") && p["channel"].is_string()) {
      ev.message_channel = domain::ParseChannel(p["channel"].get<std::string>());
    }
    if (auto mid = IdMember(p, "message_id")) {
      // The message is the ticket's newest; read backwards from it.
      PageRequest page;
      page.cursor = *mid - 1;
      page.limit = 1;
      auto m = tx.ListMessages(row.workspace_id, *id, page);
      if (m.ok() && !m->items.empty() && m->items.front().id == *mid) {
        ev.message_body = m->items.front().body;
      }
    }
    tickets.push_back(*id);
  } else if (topic == "shipment.status_changed") {
    auto sid = IdMember(p, "shipment_id");
    if (!sid) return Status::Ok();
    ev.events = {RuleEvent::kTrackingEvent};
    if (p.contains("to") && p["to"].is_string()) {
      ev.shipment_status = domain::ParseShipmentStatus(p["to"].get<std::string>());
    }
    ASSIGN_OR_RETURN(tickets, tx.shipments().ListOpenTicketsOfShipment(row.workspace_id, *sid));
  } else if (topic == "sla.warning" || topic == "sla.breached") {
    auto id = IdMember(p, "ticket_id");
    if (!id) return Status::Ok();
    ev.events = {topic == "sla.warning" ? RuleEvent::kSlaWarning : RuleEvent::kSlaBreached};
    if (p.contains("metric") && p["metric"].is_string()) {
      ev.sla_metric = domain::ParseSlaMetric(p["metric"].get<std::string>());
    }
    tickets.push_back(*id);
  } else {
    return Status::Ok();
  }
  if (tickets.empty()) return Status::Ok();
  TriggerSet local;
  if (cache == nullptr) cache = &local;
  auto cached = cache->find(row.workspace_id);
  if (cached == cache->end()) {
    ASSIGN_OR_RETURN(std::vector<Rule> loaded, LoadRules(tx, row.workspace_id, RuleKind::kTrigger));
    loaded.erase(std::remove_if(loaded.begin(), loaded.end(),
                                [](const Rule& r) { return !r.active; }),
                 loaded.end());
    cached = cache->emplace(row.workspace_id, std::move(loaded)).first;
  }
  const std::vector<Rule>& triggers = cached->second;
  bool any = false;
  for (const Rule& r : triggers) {
    if (!r.active) continue;
    for (RuleEvent e : ev.events) any = any || domain::FiresOn(r, e);
  }
  if (!any) return Status::Ok();
  for (Id id : tickets) {
    RETURN_IF_ERROR(FireTriggers(tx, row.workspace_id, triggers, id, ev).status());
  }
  return Status::Ok();
}

Result<int> RuleEngine::RunTriggers(Store& store, int batch) const {
  std::vector<domain::OutboxItem> rows;
  RETURN_IF_ERROR(store.Read([&](ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(Id cursor, tx.rules().RuleCursor());
    ASSIGN_OR_RETURN(rows, tx.ListOutboxAfter(cursor, batch));
    return Status::Ok();
  }));
  if (rows.empty()) return 0;
  Status all = store.Write([&](WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(Id cursor, tx.rules().RuleCursor());
    TriggerSet cache;
    for (const auto& row : rows) {
      if (row.id <= cursor) continue;  // another round took it
      RETURN_IF_ERROR(HandleOutboxRow(tx, row, &cache));
    }
    return tx.rules().SetRuleCursor(std::max(cursor, rows.back().id));
  });
  if (all.ok()) return static_cast<int>(rows.size());
  spdlog::warn("triggers: a round of {} events failed ({}); handling them one by one",
               rows.size(), all.message());
  for (const auto& row : rows) {
    Status one = store.Write([&](WriteTx& tx) -> Status {
      ASSIGN_OR_RETURN(Id cursor, tx.rules().RuleCursor());
      if (row.id <= cursor) return Status::Ok();
      RETURN_IF_ERROR(HandleOutboxRow(tx, row));
      return tx.rules().SetRuleCursor(row.id);
    });
    if (one.ok()) continue;
    spdlog::warn("triggers: event {} ({}) failed: {}", row.id, row.topic, one.message());
    RETURN_IF_ERROR(store.Write([&](WriteTx& tx) -> Status {
      ASSIGN_OR_RETURN(Id cursor, tx.rules().RuleCursor());
      if (row.id <= cursor) return Status::Ok();
      if (auto id = IdMember(row.payload, "ticket_id")) {
        const domain::Actor system{domain::Actor::Kind::kSystem, 0, "Triggers", "", ""};
        RETURN_IF_ERROR(RecordChange(tx, row.workspace_id, system, "rule.failed", "ticket", *id,
                                     {{"error", {nullptr, one.message()}},
                                      {"event", {nullptr, row.topic}}},
                                     clock_.Now()));
      }
      return tx.rules().SetRuleCursor(row.id);
    }));
  }
  return static_cast<int>(rows.size());
}

Result<AutomationSweepStats> RuleEngine::SweepAutomations(Store& store, const std::string& node,
                                                          int page, Millis lease) const {
  AutomationSweepStats stats;
  auto take = [&]() -> Result<bool> {
    bool held = false;
    RETURN_IF_ERROR(store.Write([&](WriteTx& tx) -> Status {
      const Millis now = clock_.Now();
      ASSIGN_OR_RETURN(held, tx.rules().TakeLease("automations", node, now, now + lease));
      return Status::Ok();
    }));
    return held;
  };
  ASSIGN_OR_RETURN(bool held, take());
  if (!held) {
    stats.skipped = true;
    return stats;
  }
  std::vector<Id> workspaces;
  RETURN_IF_ERROR(store.Read([&](ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(workspaces, tx.rules().ListWorkspacesWithRules(RuleKind::kAutomation));
    return Status::Ok();
  }));
  Millis renewed = clock_.Now();
  for (Id ws : workspaces) {
    ++stats.workspaces;
    std::vector<Rule> automations;
    RETURN_IF_ERROR(store.Read([&](ReadTx& tx) -> Status {
      ASSIGN_OR_RETURN(automations, LoadRules(tx, ws, RuleKind::kAutomation));
      return Status::Ok();
    }));
    automations.erase(std::remove_if(automations.begin(), automations.end(),
                                     [](const Rule& r) { return !r.active; }),
                      automations.end());
    Id after = 0;
    while (true) {
      std::vector<RuleTicket> tickets;
      RETURN_IF_ERROR(store.Read([&](ReadTx& tx) -> Status {
        ASSIGN_OR_RETURN(tickets, tx.rules().ScanRuleTickets(ws, after, page));
        return Status::Ok();
      }));
      if (tickets.empty()) break;
      after = tickets.back().ticket.id;
      const Millis now = clock_.Now();
      // Which (ticket, automation) pairs hold now, read without the writer.
      std::vector<std::pair<Id, size_t>> due;
      for (const RuleTicket& t : tickets) {
        ++stats.scanned;
        const domain::RuleFacts f = FactsOf(t, now);
        for (size_t i = 0; i < automations.size(); ++i) {
          if (domain::Matches(automations[i].conditions, f)) due.push_back({t.ticket.id, i});
        }
      }
      stats.matched += static_cast<int64_t>(due.size());
      if (!due.empty()) {
        RETURN_IF_ERROR(store.Write([&](WriteTx& tx) -> Status {
          const Millis at = clock_.Now();
          for (const auto& [ticket_id, i] : due) {
            const Rule& r = automations[i];
            // The ticket may have changed since it was read: check again in the write.
            auto t = tx.rules().GetRuleTicket(ws, ticket_id);
            if (!t.ok()) continue;
            if (t->ticket.status == domain::TicketStatus::kClosed || t->ticket.merged_into_id) {
              continue;
            }
            if (!domain::Matches(r.conditions, FactsOf(*t, at))) continue;
            const std::optional<Millis> anchor = Anchor(r, *t);
            if (!anchor) continue;
            ASSIGN_OR_RETURN(bool fresh,
                             tx.rules().InsertRuleRun(ws, r.id, ticket_id, *anchor, at));
            if (!fresh) continue;
            ASSIGN_OR_RETURN(bool done, Act(tx, r, *t, nullptr));
            if (done) ++stats.acted;
          }
          return Status::Ok();
        }));
      }
      if (static_cast<int>(tickets.size()) < page) break;
      if (clock_.Now() - renewed > lease / 3) {
        ASSIGN_OR_RETURN(bool still, take());
        if (!still) return stats;  // another node took over
        renewed = clock_.Now();
      }
    }
  }
  return stats;
}

}  // namespace sahayak::services
