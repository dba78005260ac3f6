// Triggers and automations as admins manage them (rule_service.h, docs/automation.md).
#include "services/rules/rule_service.h"

#include <algorithm>

#include "base/text.h"
#include "domain/json_input.h"
#include "services/audit.h"

namespace sahayak::services {

namespace {

using domain::Rule;
using domain::RuleKind;
using nlohmann::json;

json ActionsForApi(const std::vector<domain::Action>& actions) {
  json out = json::array();
  for (const auto& a : actions) {
    json j = domain::ActionToJson(a);
    if (a.type == domain::ActionType::kWebhook) {
      j.erase("sealed_secret");
      j["secret_set"] = !a.sealed_secret.empty();
    }
    out.push_back(std::move(j));
  }
  return out;
}

json AuditView(const Rule& r) {
  json events = json::array();
  for (auto e : r.events) events.push_back(domain::Name(e));
  return {{"name", r.name},
          {"description", r.description},
          {"position", r.position},
          {"active", r.active},
          {"events", events},
          {"conditions", domain::RuleConditionsToJson(r.conditions)},
          {"actions", ActionsForApi(r.actions)}};
}

std::string Noun(RuleKind k) { return k == RuleKind::kTrigger ? "trigger" : "automation"; }

// Every group and active agent of the workspace, every active shared macro: what rules may name.
Result<domain::RuleVocabulary> VocabularyOf(ReadTx& tx, Id ws,
                                            domain::ActionVocabulary* actions) {
  domain::RuleVocabulary v;
  PageRequest page;
  page.limit = 1000;
  while (true) {
    ASSIGN_OR_RETURN(auto groups, tx.ListGroups(ws, page));
    for (const auto& g : groups.items) v.group_ids.push_back(g.id);
    if (!groups.next) break;
    page.cursor = groups.next;
  }
  page = PageRequest{};
  page.limit = 1000;
  while (true) {
    ASSIGN_OR_RETURN(auto agents, tx.ListAgents(ws, page));
    for (const auto& a : agents.items) {
      v.agent_ids.push_back(a.id);
      if (a.active) actions->active_agent_ids.push_back(a.id);
    }
    if (!agents.next) break;
    page.cursor = agents.next;
  }
  ASSIGN_OR_RETURN(v.custom_fields, tx.ListCustomFields(ws));
  actions->group_ids = v.group_ids;
  actions->custom_fields = v.custom_fields;
  actions->rules = true;
  actions->allow_reply = true;
  ASSIGN_OR_RETURN(auto macros, tx.macros().ListMacrosFor(ws, 0));
  for (const auto& m : macros) {
    if (m.shared() && m.active) actions->shared_macro_ids.push_back(m.id);
  }
  return v;
}

std::vector<domain::RuleEvent> ReadEvents(const json& body, std::vector<FieldError>* errors) {
  std::vector<domain::RuleEvent> out;
  const json& v = body["events"];
  if (!v.is_array()) {
    errors->push_back({"events", std::string("must be an array of events: ") +
                                     domain::kRuleEvents});
    return out;
  }
  for (size_t i = 0; i < v.size(); ++i) {
    auto e = v[i].is_string() ? domain::ParseRuleEvent(v[i].get<std::string>()) : std::nullopt;
    if (!e) {
      errors->push_back({"events[" + std::to_string(i) + "]",
                         std::string("is not an event; use one of ") + domain::kRuleEvents});
      continue;
    }
    if (std::find(out.begin(), out.end(), *e) == out.end()) out.push_back(*e);
  }
  return out;
}

}  // namespace

json RuleJson(const Rule& r) {
  json events = json::array();
  for (auto e : r.events) events.push_back(domain::Name(e));
  return {{"id", r.id},
          {"kind", domain::Name(r.kind)},
          {"name", r.name},
          {"description", r.description},
          {"position", r.position},
          {"active", r.active},
          {"events", events},
          {"conditions", domain::RuleConditionsToJson(r.conditions)},
          {"actions", ActionsForApi(r.actions)},
          {"run_count", r.run_count},
          {"last_run_at", r.last_run_at ? json(FormatRfc3339(*r.last_run_at)) : json(nullptr)},
          {"created_at", FormatRfc3339(r.created_at)},
          {"updated_at", FormatRfc3339(r.updated_at)},
          {"version", r.version}};
}

Result<std::vector<Rule>> LoadRules(ReadTx& tx, Id ws, RuleKind kind) {
  ASSIGN_OR_RETURN(auto stored, tx.rules().ListRules(ws, kind));
  ASSIGN_OR_RETURN(auto fields, tx.ListCustomFields(ws));
  std::vector<Rule> out;
  out.reserve(stored.size());
  for (auto& s : stored) {
    s.rule.conditions = domain::RuleConditionsFromJson(s.conditions, fields);
    out.push_back(std::move(s.rule));
  }
  return out;
}

Result<std::vector<Rule>> RuleService::List(ReadTx& tx, const Principal& who,
                                            RuleKind kind) const {
  RETURN_IF_ERROR(RequireAdmin(who, "see or change triggers and automations"));
  return LoadRules(tx, who.workspace_id, kind);
}

Result<Rule> RuleService::Get(ReadTx& tx, const Principal& who, RuleKind kind, Id id) const {
  RETURN_IF_ERROR(RequireAdmin(who, "see or change triggers and automations"));
  auto s = tx.rules().GetRule(who.workspace_id, id);
  if (!s.ok()) return s.status();
  if (s->rule.kind != kind) return NotFound(Noun(kind) + " " + std::to_string(id) + " does not exist");
  ASSIGN_OR_RETURN(auto fields, tx.ListCustomFields(who.workspace_id));
  s->rule.conditions = domain::RuleConditionsFromJson(s->conditions, fields);
  return std::move(s->rule);
}

Status RuleService::Read(ReadTx& tx, Id ws, const json& body, bool creating, const Rule* before,
                         Rule* r, json* conditions) const {
  RETURN_IF_ERROR(domain::RequireObject(body));
  std::vector<FieldError> errors;
  for (auto it = body.begin(); it != body.end(); ++it) {
    static const char* kMembers[] = {"name", "description", "position", "active",
                                     "events", "conditions", "actions", "id", "kind",
                                     "version", "run_count", "last_run_at", "created_at",
                                     "updated_at"};
    if (std::find_if(std::begin(kMembers), std::end(kMembers),
                     [&](const char* m) { return it.key() == m; }) == std::end(kMembers)) {
      errors.push_back({it.key(), "is not a member of a rule"});
    }
  }
  domain::JsonInput in(body);
  std::string name;
  if (in.Str("name", &name, creating, domain::kMaxRuleNameChars)) r->name = ToNfc(Trim(name));
  std::string description;
  if (in.Str("description", &description, false, domain::kMaxRuleDescriptionChars)) {
    r->description = ToNfc(description);
  }
  in.Int("position", &r->position);
  in.Bool("active", &r->active);
  Status basic = in.status();
  for (const auto& f : basic.fields()) errors.push_back(f);

  if (body.contains("events")) {
    r->events = ReadEvents(body, &errors);
  }
  domain::ActionVocabulary action_vocab;
  ASSIGN_OR_RETURN(domain::RuleVocabulary vocab, VocabularyOf(tx, ws, &action_vocab));
  if (body.contains("conditions") || creating) {
    const json c = body.contains("conditions") ? body["conditions"] : json();
    auto parsed = domain::ParseRuleConditions(c, r->kind, r->events, vocab);
    if (parsed.ok()) {
      r->conditions = std::move(parsed).value();
    } else {
      for (const auto& f : parsed.status().fields()) errors.push_back(f);
    }
  } else if (body.contains("events")) {
    // The events changed: the stored conditions must still fit them.
    auto parsed = domain::ParseRuleConditions(domain::RuleConditionsToJson(r->conditions),
                                              r->kind, r->events, vocab);
    if (!parsed.ok()) {
      for (const auto& f : parsed.status().fields()) errors.push_back(f);
    }
  }
  if (body.contains("actions") || creating) {
    auto actions = domain::ParseActions(body.contains("actions") ? body["actions"] : json(),
                                        action_vocab);
    if (actions.ok()) {
      std::vector<domain::Action> list = std::move(actions).value();
      for (size_t i = 0; i < list.size(); ++i) {
        domain::Action& a = list[i];
        if (a.type != domain::ActionType::kWebhook) continue;
        const std::string at = "actions[" + std::to_string(i) + "]";
        if (check_url_) {
          Status url = check_url_(a.url);
          if (!url.ok()) errors.push_back({at + ".url", url.message()});
        }
        if (a.value.is_string()) {
          auto sealed = seal_(a.value.get<std::string>());
          if (!sealed.ok()) {
            if (sealed.status().code() != Code::kInvalidArgument) return sealed.status();
            errors.push_back({at + ".secret", sealed.status().message()});
            continue;
          }
          a.sealed_secret = std::move(sealed).value();
        } else if (before != nullptr) {
          // No new secret: keep the one the same address had.
          for (const auto& old : before->actions) {
            if (old.type == domain::ActionType::kWebhook && old.url == a.url) {
              a.sealed_secret = old.sealed_secret;
              break;
            }
          }
        }
        a.value = json();
      }
      r->actions = std::move(list);
    } else {
      for (const auto& f : actions.status().fields()) errors.push_back(f);
      if (actions.status().fields().empty()) errors.push_back({"actions", actions.status().message()});
    }
  }
  for (auto& f : domain::RuleProblems(*r)) {
    // Avoid repeating a member already reported by its own parser.
    if (std::none_of(errors.begin(), errors.end(),
                     [&](const FieldError& e) { return e.field == f.field; })) {
      errors.push_back(std::move(f));
    }
  }
  if (errors.empty() && r->kind == RuleKind::kTrigger) {
    ASSIGN_OR_RETURN(auto others, LoadRules(tx, ws, RuleKind::kTrigger));
    for (auto& f : domain::RuleLoopProblems(*r, others)) errors.push_back(std::move(f));
  }
  if (!errors.empty()) {
    Status st = InvalidArgument("the " + Noun(r->kind) + " is not valid");
    for (auto& f : errors) st.WithField(f.field, f.message);
    return st;
  }
  *conditions = domain::RuleConditionsToJson(r->conditions);
  return Status::Ok();
}

Result<Rule> RuleService::Create(WriteTx& tx, const Principal& who, RuleKind kind,
                                 const json& body) const {
  RETURN_IF_ERROR(RequireAdmin(who, "see or change triggers and automations"));
  const Id ws = who.workspace_id;
  Rule r;
  r.workspace_id = ws;
  r.kind = kind;
  ASSIGN_OR_RETURN(auto existing, tx.rules().ListRules(ws, kind));
  if (static_cast<int64_t>(existing.size()) >= static_cast<int64_t>(domain::kMaxRulesPerKind)) {
    return FailedPrecondition("a workspace may have at most 1,000 " + Noun(kind) + "s");
  }
  for (const auto& other : existing) r.position = std::max(r.position, other.rule.position + 1);
  json conditions;
  RETURN_IF_ERROR(Read(tx, ws, body, /*creating=*/true, nullptr, &r, &conditions));
  r.created_at = r.updated_at = clock_.Now();
  r.version = 1;
  RETURN_IF_ERROR(tx.rules().InsertRule(&r, conditions));
  RETURN_IF_ERROR(RecordChange(tx, ws, who.actor(), Noun(kind) + ".created", Noun(kind), r.id,
                               AuditCreated(AuditView(r)), r.created_at));
  return r;
}

Result<Rule> RuleService::Update(WriteTx& tx, const Principal& who, RuleKind kind, Id id,
                                 const json& body, std::optional<int64_t> if_match) const {
  RETURN_IF_ERROR(RequireAdmin(who, "see or change triggers and automations"));
  ASSIGN_OR_RETURN(Rule before, Get(tx, who, kind, id));
  if (if_match && *if_match != before.version) {
    return Aborted(Noun(kind) + " " + std::to_string(id) + " changed since version " +
                   std::to_string(*if_match) + "; it is now at version " +
                   std::to_string(before.version))
        .WithKind("precondition-failed");
  }
  Rule r = before;
  json conditions;
  RETURN_IF_ERROR(Read(tx, who.workspace_id, body, /*creating=*/false, &before, &r, &conditions));
  json changes = AuditDiff(AuditView(before), AuditView(r));
  if (changes.empty()) return before;
  r.updated_at = clock_.Now();
  r.version = before.version + 1;
  RETURN_IF_ERROR(tx.rules().UpdateRule(r, conditions));
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), Noun(kind) + ".updated",
                               Noun(kind), r.id, changes, r.updated_at));
  return r;
}

Status RuleService::Delete(WriteTx& tx, const Principal& who, RuleKind kind, Id id) const {
  RETURN_IF_ERROR(RequireAdmin(who, "see or change triggers and automations"));
  ASSIGN_OR_RETURN(Rule before, Get(tx, who, kind, id));
  RETURN_IF_ERROR(tx.rules().DeleteRule(who.workspace_id, id));
  return RecordChange(tx, who.workspace_id, who.actor(), Noun(kind) + ".deleted", Noun(kind), id,
                      AuditDiff(AuditView(before), json::object()), clock_.Now());
}

Result<RulePreview> RuleService::Preview(ReadTx& tx, const Principal& who, RuleKind kind,
                                         const json& body) const {
  RETURN_IF_ERROR(RequireAdmin(who, "see or change triggers and automations"));
  RETURN_IF_ERROR(domain::RequireObject(body));
  const Id ws = who.workspace_id;
  std::vector<FieldError> errors;
  std::vector<domain::RuleEvent> events;
  if (body.contains("events")) events = ReadEvents(body, &errors);
  domain::ActionVocabulary unused;
  ASSIGN_OR_RETURN(domain::RuleVocabulary vocab, VocabularyOf(tx, ws, &unused));
  auto parsed = domain::ParseRuleConditions(
      body.contains("conditions") ? body["conditions"] : json(), kind, events, vocab);
  if (!parsed.ok()) {
    for (const auto& f : parsed.status().fields()) errors.push_back(f);
  }
  if (!errors.empty()) {
    Status st = InvalidArgument("the conditions are not valid");
    for (auto& f : errors) st.WithField(f.field, f.message);
    return st;
  }
  const domain::RuleConditions& conditions = *parsed;
  RulePreview out;
  const Millis now = clock_.Now();
  Id after = 0;
  bool first = true;
  while (out.scanned < kPreviewScan) {
    const int want = static_cast<int>(std::min<int64_t>(1000, kPreviewScan - out.scanned));
    ASSIGN_OR_RETURN(auto page, tx.rules().ScanRuleTickets(ws, after, want));
    for (const RuleTicket& t : page) {
      after = t.ticket.id;
      ++out.scanned;
      domain::RuleFacts f = domain::RuleFacts::ForTicket(t.ticket, now);
      f.tier = t.tier;
      f.requester_email = FoldCase(t.requester_email);
      f.status_changed_at = t.status_changed_at;
      std::vector<std::string> skipped;
      const bool match = domain::MatchesNow(conditions, f, &skipped);
      if (first) {
        out.skipped = skipped;
        first = false;
      }
      if (!match) continue;
      ++out.count;
      if (out.tickets.size() < 25) out.tickets.push_back(t.ticket);
    }
    if (static_cast<int>(page.size()) < want) break;
    if (out.scanned >= kPreviewScan) out.complete = false;
  }
  if (first) {
    // No ticket to look at: say which conditions a ticket would not have been checked on.
    domain::Ticket none;
    domain::RuleFacts f = domain::RuleFacts::ForTicket(none, now);
    domain::MatchesNow(conditions, f, &out.skipped);
  }
  return out;
}

Result<json> RuleService::Vocabulary(ReadTx& tx, const Principal& who) const {
  RETURN_IF_ERROR(RequireAdmin(who, "see or change triggers and automations"));
  ASSIGN_OR_RETURN(auto fields, tx.ListCustomFields(who.workspace_id));
  return domain::RuleVocabularyJson(fields);
}

}  // namespace sahayak::services
