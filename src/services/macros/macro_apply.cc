// Macros on a ticket: what one would change (Preview) and the change itself (Apply).
#include <algorithm>

#include "base/text.h"
#include "services/audit.h"
#include "services/macros/macro_access.h"
#include "services/macros/macro_service.h"
#include "services/macros/template_values.h"

namespace sahayak::services {

using domain::Macro;
using domain::Ticket;
using nlohmann::json;

Result<std::vector<Id>> AgentGroups(ReadTx& tx, const Principal& who) {
  if (who.is_admin()) return std::vector<Id>{};
  auto agent = tx.GetAgent(who.workspace_id, who.agent_id);
  if (!agent.ok()) return std::vector<Id>{};
  return agent->group_ids;
}

bool MaySee(const Principal& who, const std::vector<Id>& groups, const Macro& m) {
  if (!m.shared()) return *m.owner_agent_id == who.agent_id;
  if (!m.group_id || who.is_admin()) return true;
  return std::find(groups.begin(), groups.end(), *m.group_id) != groups.end();
}

Result<Macro> Visible(ReadTx& tx, const Principal& who, Id id) {
  auto m = tx.macros().GetMacro(who.workspace_id, id);
  if (!m.ok()) return m;
  ASSIGN_OR_RETURN(std::vector<Id> groups, AgentGroups(tx, who));
  if (!MaySee(who, groups, *m)) return NotFound("macro " + std::to_string(id) + " does not exist");
  return m;
}

namespace {

std::string FieldText(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "";
  return v.dump();
}

}  // namespace

Result<domain::PlaceholderValues> TemplateValues(ReadTx& tx, const Principal& who,
                                                 const Ticket& t,
                                                 std::vector<std::string>* languages) {
  domain::PlaceholderValues v;
  v["ticket.id"] = std::to_string(t.id);
  v["ticket.number"] = std::to_string(t.number);
  v["ticket.subject"] = t.subject;
  v["ticket.status"] = domain::Name(t.status);
  v["ticket.priority"] = domain::Name(t.priority);
  languages->push_back(t.language);
  auto requester = tx.GetContact(t.workspace_id, t.requester_id);
  if (requester.ok()) {
    v["ticket.requester.name"] = requester->name;
    v["ticket.requester.first_name"] = domain::FirstName(requester->name);
    v["ticket.requester.email"] = requester->First(domain::Identity::Kind::kEmail);
    languages->push_back(requester->language);
  }
  if (t.organisation_id) {
    auto org = tx.GetOrganisation(t.workspace_id, *t.organisation_id);
    if (org.ok()) v["organization.name"] = v["organisation.name"] = org->name;
  }
  auto agent = tx.GetAgent(who.workspace_id, who.agent_id);
  const std::string agent_name = agent.ok() ? agent->name : who.name;
  v["agent.name"] = agent_name;
  v["agent.first_name"] = domain::FirstName(agent_name);
  if (t.custom_fields.is_object()) {
    for (auto it = t.custom_fields.begin(); it != t.custom_fields.end(); ++it) {
      v["ticket.custom_fields." + it.key()] = FieldText(it.value());
    }
  }
  return v;
}

Result<MacroOutcome> MacroService::Plan(ReadTx& tx, const Principal& who, Id ticket_id, Id macro_id,
                                        TicketPatch* patch) {
  const Id ws = who.workspace_id;
  ASSIGN_OR_RETURN(Macro m, Visible(tx, who, macro_id));
  if (!m.active) {
    return FailedPrecondition("macro \"" + m.name + "\" is inactive").WithKind("macro-inactive");
  }
  ASSIGN_OR_RETURN(Ticket t, tx.GetTicket(ws, ticket_id));
  if (t.status == domain::TicketStatus::kClosed) {
    return FailedPrecondition("ticket " + std::to_string(t.number) +
                              " is closed and can no longer change")
        .WithKind("ticket-closed");
  }
  std::vector<std::string> languages;
  ASSIGN_OR_RETURN(domain::PlaceholderValues values, TemplateValues(tx, who, t, &languages));

  Status errors = InvalidArgument("the macro cannot be applied to this ticket");
  bool failed = false;
  auto fail = [&](const std::string& field, const std::string& message) {
    errors.WithField(field, message);
    failed = true;
  };
  MacroOutcome out;
  json custom = json::object();
  size_t status_at = 0;
  for (size_t i = 0; i < m.actions.size(); ++i) {
    const domain::Action& a = m.actions[i];
    const std::string at = "actions[" + std::to_string(i) + "].value";
    switch (a.type) {
      case domain::ActionType::kSetStatus:
        patch->status = a.status;
        status_at = i;
        break;
      case domain::ActionType::kSetPriority:
        patch->priority = a.priority;
        break;
      case domain::ActionType::kSetGroup:
        if (a.id && !tx.GetGroup(ws, *a.id).ok()) {
          fail(at, "group " + std::to_string(*a.id) + " no longer exists; edit the macro");
        }
        patch->group_id = a.id;
        break;
      case domain::ActionType::kSetAssignee:
        if (a.id) {
          auto agent = tx.GetAgent(ws, *a.id);
          if (!agent.ok() || !agent->active) {
            fail(at, "agent " + std::to_string(*a.id) + " is no longer active; edit the macro");
          }
        }
        patch->assignee_id = a.id;
        break;
      case domain::ActionType::kAddTags:
        patch->add_tags.insert(patch->add_tags.end(), a.tags.begin(), a.tags.end());
        break;
      case domain::ActionType::kRemoveTags:
        patch->remove_tags.insert(patch->remove_tags.end(), a.tags.begin(), a.tags.end());
        break;
      case domain::ActionType::kSetCustomField:
        custom[a.field] = a.value;
        break;
      case domain::ActionType::kAddNote:
        out.notes.push_back(domain::RenderTemplate(a.text, values));
        break;
      case domain::ActionType::kReply:
        break;  // macros keep their reply in Macro::reply
      case domain::ActionType::kNotify:
      case domain::ActionType::kWebhook:
      case domain::ActionType::kApplyMacro:
      case domain::ActionType::kRoundRobin:
        break;  // rules only: ParseActions refuses them in macros
    }
  }
  if (!custom.empty()) patch->custom_fields = custom;

  // The ticket as TicketService::Update will leave it (its ApplyPatch, without writing).
  Ticket after = t;
  const Millis now = clock_.Now();
  if (patch->status) {
    // A reply or note goes first; a public reply moves a new ticket to open.
    Status st = domain::CheckTransition(t.status, *patch->status);
    if (!st.ok()) fail("actions[" + std::to_string(status_at) + "].value", st.message());
  }
  if (patch->priority) after.priority = *patch->priority;
  if (patch->group_id) after.group_id = *patch->group_id;
  if (patch->assignee_id) after.assignee_id = *patch->assignee_id;
  std::vector<std::string> tags = t.tags;
  tags.insert(tags.end(), patch->add_tags.begin(), patch->add_tags.end());
  for (const auto& r : patch->remove_tags)
    tags.erase(std::remove(tags.begin(), tags.end(), r), tags.end());
  auto normalised = domain::NormaliseTags(tags);
  if (!normalised.ok()) {
    fail("tags", normalised.status().message());
  } else {
    after.tags = std::move(normalised).value();
  }
  if (patch->custom_fields) {
    ASSIGN_OR_RETURN(auto defs, tx.ListCustomFields(ws));
    Status st = domain::ApplyCustomFields(defs, *patch->custom_fields, false, &after.custom_fields);
    if (!st.ok()) {
      for (const auto& f : st.fields()) fail(f.field, f.message);
      if (st.fields().empty()) fail("actions", st.message());
    }
  }
  if (failed) return errors;
  if (patch->status && *patch->status != after.status) {
    domain::ApplyStatus(&after, *patch->status, now);
  } else if (!patch->status && after.status == domain::TicketStatus::kNew && after.assignee_id &&
             patch->assignee_id) {
    after.status = domain::TicketStatus::kOpen;
  }
  out.changes = AuditDiff(TicketAuditView(t), TicketAuditView(after));
  std::string reply =
      domain::PickVariant(m.reply, languages, m.default_language, &out.reply_language);
  out.reply = domain::RenderTemplate(reply, values);
  out.ticket = std::move(after);
  out.macro = std::move(m);
  return out;
}

Result<MacroOutcome> MacroService::Preview(ReadTx& tx, const Principal& who, Id ticket_id,
                                           Id macro_id) {
  TicketPatch patch;
  return Plan(tx, who, ticket_id, macro_id, &patch);
}

Result<MacroOutcome> MacroService::Apply(WriteTx& tx, const Principal& who, Id ticket_id,
                                         Id macro_id, bool send) {
  TicketPatch patch;
  ASSIGN_OR_RETURN(MacroOutcome out, Plan(tx, who, ticket_id, macro_id, &patch));
  if (send && Trim(out.reply).empty()) {
    return InvalidArgument("the macro has no reply to send")
        .WithField("send", "the macro has no reply; apply it without send");
  }
  const json via = {{"macro", {{"id", out.macro.id}, {"name", out.macro.name}}}};
  for (const auto& note : out.notes) {
    NewMessage n;
    n.body = note;
    n.is_public = false;
    n.via = via;
    RETURN_IF_ERROR(tickets_.AddMessage(tx, who, ticket_id, n).status());
  }
  if (send) {
    NewMessage r;
    r.body = out.reply;
    r.is_public = true;
    r.via = via;
    ASSIGN_OR_RETURN(out.sent, tickets_.AddMessage(tx, who, ticket_id, r));
  }
  patch.via = via;
  ASSIGN_OR_RETURN(out.ticket, tickets_.Update(tx, who, ticket_id, patch, std::nullopt));
  const Millis now = clock_.Now();
  RETURN_IF_ERROR(tx.macros().RecordMacroUse(who.workspace_id, out.macro.id, now));
  ++out.macro.usage_count;
  out.macro.last_used_at = now;
  RETURN_IF_ERROR(
      RecordChange(tx, who.workspace_id, who.actor(), "ticket.macro_applied", "ticket", ticket_id,
                   {{"macro", {nullptr, via["macro"]}}, {"sent", {nullptr, send}}}, now));
  return out;
}

}  // namespace sahayak::services
