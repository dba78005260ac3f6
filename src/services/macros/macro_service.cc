// Macros: who sees which, and their create / change / delete.
#include "services/macros/macro_service.h"

#include <algorithm>

#include "base/text.h"
#include "domain/json_input.h"
#include "services/audit.h"
#include "services/macros/macro_access.h"

namespace sahayak::services {

using domain::JsonInput;
using domain::Macro;
using nlohmann::json;

namespace {

Status Forbidden(const char* what) {
  return PermissionDenied(std::string("only admins may ") + what).WithKind("forbidden");
}

json AuditView(const Macro& m) {
  return {{"name", m.name},
          {"description", m.description},
          {"shared", m.shared()},
          {"group_id", m.group_id ? json(*m.group_id) : json(nullptr)},
          {"actions", domain::ActionsToJson(m.actions)},
          {"reply", m.reply},
          {"default_language", m.default_language},
          {"active", m.active}};
}

// The groups and active agents the body's actions name that exist, and the workspace's fields:
// enough for domain::ParseActions to tell real ids from unknown ones without listing everyone.
Result<domain::ActionVocabulary> VocabularyFor(ReadTx& tx, Id ws, const json& actions) {
  domain::ActionVocabulary v;
  v.allow_reply = false;
  if (actions.is_array()) {
    for (const auto& a : actions) {
      if (!a.is_object() || !a.contains("value") || !a["value"].is_number_integer()) continue;
      const std::string type = a.value("type", "");
      const Id id = a["value"].get<Id>();
      if (type == "set_group" && tx.GetGroup(ws, id).ok()) v.group_ids.push_back(id);
      if (type == "set_assignee") {
        auto agent = tx.GetAgent(ws, id);
        if (agent.ok() && agent->active) v.active_agent_ids.push_back(id);
      }
    }
  }
  ASSIGN_OR_RETURN(v.custom_fields, tx.ListCustomFields(ws));
  return v;
}

// Reads the members of a macro body into `m`; `shared` and `group_id` are left to the caller,
// which knows who may share.
Status ReadBody(ReadTx& tx, Id ws, const json& body, bool creating, Macro* m,
                std::optional<bool>* shared, std::optional<std::optional<Id>>* group_id) {
  RETURN_IF_ERROR(domain::RequireObject(body));
  JsonInput in(body);
  std::string s;
  if (in.Str("name", &s, creating, 1000)) {
    std::string name = Trim(s);
    if (name.empty()) {
      in.Error("name", "is required");
    } else if (CodePointCount(name) > domain::kMaxMacroNameChars) {
      in.Error("name", "is longer than 200 characters");
    } else {
      m->name = ToNfc(name);
    }
  } else if (!creating && in.IsNull("name")) {
    in.Error("name", "cannot be empty");
  }
  if (in.Str("description", &s, false, domain::kMaxMacroDescriptionChars)) {
    m->description = ToNfc(Trim(s));
  }
  bool b;
  if (in.Bool("shared", &b)) *shared = b;
  if (in.Bool("active", &b)) m->active = b;
  in.NullableId("group_id", group_id);
  if (group_id->has_value() && **group_id && !tx.GetGroup(ws, ***group_id).ok()) {
    in.Error("group_id", "is not a group of this workspace");
  }
  if (in.Str("default_language", &s, false, 16)) {
    if (!domain::IsTextLanguage(s)) {
      in.Error("default_language", std::string("must be one of ") + domain::kTextLanguages);
    } else {
      m->default_language = s;
    }
  }
  Status errors = in.status();
  auto merge = [&](const Status& st) {
    if (st.ok()) return;
    if (errors.ok()) errors = InvalidArgument("the macro is not valid");
    for (const auto& f : st.fields()) errors.WithField(f.field, f.message);
  };
  ASSIGN_OR_RETURN(domain::ActionVocabulary vocab,
                   VocabularyFor(tx, ws, body.contains("actions") ? body["actions"] : json()));
  if (body.contains("actions") && !body["actions"].is_null()) {
    auto actions = domain::ParseActions(body["actions"], vocab);
    merge(actions.status());
    if (actions.ok()) m->actions = std::move(actions).value();
  }
  if (body.contains("reply") && !body["reply"].is_null()) {
    std::vector<std::string> keys;
    for (const auto& f : vocab.custom_fields) keys.push_back(f.key);
    domain::TextVariants reply;
    Status st = domain::ReadTextVariants(body["reply"], "reply", keys, &reply);
    merge(st);
    if (st.ok()) m->reply = std::move(reply);
  } else if (body.contains("reply")) {
    m->reply.clear();
  }
  if (!errors.ok()) return errors;
  if (m->actions.empty() && m->reply.empty()) {
    return InvalidArgument("a macro needs at least one action or a reply")
        .WithField("actions", "a macro needs at least one action or a reply");
  }
  if (!m->reply.empty() && !m->reply.count(m->default_language)) {
    return InvalidArgument("the default language has no reply")
        .WithField("default_language", "has no reply text; add reply." + m->default_language +
                                           " or choose a language the reply has");
  }
  return Status::Ok();
}

Status CheckRoom(ReadTx& tx, Id ws, std::optional<Id> owner) {
  ASSIGN_OR_RETURN(int64_t n, tx.macros().CountMacros(ws, owner));
  if (n >= MacroService::kMaxMacrosPerOwner) {
    return InvalidArgument("there are 500 macros already; delete one first")
        .WithField("macros", "at most 500 per owner");
  }
  return Status::Ok();
}

// Applies `shared` and `group_id` from a body to `m`, checking who may.
Status ApplySharing(ReadTx& tx, const Principal& who, const Macro& before,
                    const std::optional<bool>& shared,
                    const std::optional<std::optional<Id>>& group_id, bool creating, Macro* m) {
  if (shared && *shared != before.shared()) {
    if (!who.is_admin()) return Forbidden(creating ? "create shared macros" : "share macros");
    // Unsharing makes the macro the admin's own.
    m->owner_agent_id = *shared ? std::nullopt : std::optional<Id>(who.agent_id);
    RETURN_IF_ERROR(CheckRoom(tx, who.workspace_id, m->owner_agent_id));
  }
  if (group_id) m->group_id = *group_id;
  if (m->group_id && !m->shared()) {
    return InvalidArgument("only shared macros are limited to a group")
        .WithField("group_id", "only shared macros are limited to a group");
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<Macro>> MacroService::List(ReadTx& tx, const Principal& who,
                                              const MacroQuery& query) {
  ASSIGN_OR_RETURN(std::vector<Id> groups, AgentGroups(tx, who));
  ASSIGN_OR_RETURN(auto all, tx.macros().ListMacrosFor(who.workspace_id, who.agent_id));
  const std::string q = FoldCase(Trim(query.q));
  std::vector<Macro> out;
  for (auto& m : all) {
    if (!MaySee(who, groups, m)) continue;
    if (query.active_only && !m.active) continue;
    if (!q.empty() && FoldCase(m.name).find(q) == std::string::npos &&
        FoldCase(m.description).find(q) == std::string::npos) {
      continue;
    }
    out.push_back(std::move(m));
  }
  if (query.by_usage) {
    std::stable_sort(out.begin(), out.end(),
                     [](const Macro& a, const Macro& b) { return a.usage_count > b.usage_count; });
  }
  return out;
}

Result<Macro> MacroService::Get(ReadTx& tx, const Principal& who, Id id) {
  return Visible(tx, who, id);
}

Result<Macro> MacroService::Create(WriteTx& tx, const Principal& who, const json& body) {
  Macro m;
  m.workspace_id = who.workspace_id;
  m.owner_agent_id = who.agent_id;
  std::optional<bool> shared;
  std::optional<std::optional<Id>> group_id;
  RETURN_IF_ERROR(ReadBody(tx, who.workspace_id, body, true, &m, &shared, &group_id));
  Macro personal = m;
  if (!shared.value_or(false)) RETURN_IF_ERROR(CheckRoom(tx, who.workspace_id, who.agent_id));
  RETURN_IF_ERROR(ApplySharing(tx, who, personal, shared, group_id, true, &m));
  m.created_at = m.updated_at = clock_.Now();
  RETURN_IF_ERROR(tx.macros().InsertMacro(&m));
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), "macro.created", "macro", m.id,
                               AuditCreated(AuditView(m)), m.created_at));
  return m;
}

Result<Macro> MacroService::Update(WriteTx& tx, const Principal& who, Id id, const json& body,
                                   std::optional<int64_t> if_match) {
  ASSIGN_OR_RETURN(Macro before, Visible(tx, who, id));
  if (before.shared() && !who.is_admin()) return Forbidden("change shared macros");
  if (if_match && *if_match != before.version) {
    return Aborted("macro " + std::to_string(id) + " changed since version " +
                   std::to_string(*if_match) + "; it is now at version " +
                   std::to_string(before.version))
        .WithKind("precondition-failed");
  }
  Macro m = before;
  std::optional<bool> shared;
  std::optional<std::optional<Id>> group_id;
  RETURN_IF_ERROR(ReadBody(tx, who.workspace_id, body, false, &m, &shared, &group_id));
  RETURN_IF_ERROR(ApplySharing(tx, who, before, shared, group_id, false, &m));
  json changes = AuditDiff(AuditView(before), AuditView(m));
  if (changes.empty()) return before;
  m.updated_at = clock_.Now();
  m.version = before.version + 1;
  RETURN_IF_ERROR(tx.macros().UpdateMacro(m));
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), "macro.updated", "macro", m.id,
                               changes, m.updated_at));
  return m;
}

Status MacroService::Delete(WriteTx& tx, const Principal& who, Id id) {
  ASSIGN_OR_RETURN(Macro m, Visible(tx, who, id));
  if (m.shared() && !who.is_admin()) return Forbidden("delete shared macros");
  RETURN_IF_ERROR(tx.macros().DeleteMacro(who.workspace_id, id));
  json changes = json::object();
  json view = AuditView(m);
  for (auto it = view.begin(); it != view.end(); ++it) changes[it.key()] = {it.value(), nullptr};
  return RecordChange(tx, who.workspace_id, who.actor(), "macro.deleted", "macro", id, changes,
                      clock_.Now());
}

}  // namespace sahayak::services
