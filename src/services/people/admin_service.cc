// PeopleService: agents, groups, custom-field definitions and the workspace (admin only).
#include <algorithm>

#include "base/text.h"
#include "domain/custom_field.h"
#include "domain/json_input.h"
#include "domain/public_host.h"
#include "services/audit.h"
#include "services/errors.h"
#include "services/people/people_service.h"

namespace sahayak::services {

using domain::JsonInput;
using nlohmann::json;

Status CheckPassword(const std::string& password) {
  size_t n = CodePointCount(password);
  if (n < 8 || n > 256) {
    return InvalidArgument("a password has 8 to 256 characters")
        .WithField("password", "must have 8 to 256 characters");
  }
  return Status::Ok();
}

namespace {

json AgentAuditView(const domain::Agent& a) {
  return {{"name", a.name},         {"email", a.email},         {"role", domain::Name(a.role)},
          {"language", a.language}, {"time_zone", a.time_zone}, {"active", a.active},
          {"group_ids", a.group_ids}};
}

Status CheckGroupIds(WriteTx& tx, Id ws, const std::vector<Id>& ids, JsonInput& in) {
  for (Id g : ids) {
    if (!tx.GetGroup(ws, g).ok()) {
      in.Error("group_ids", "group " + std::to_string(g) + " does not exist");
    }
  }
  return Status::Ok();
}

Status ApplyAgent(WriteTx& tx, Id ws, const json& body, bool creating, domain::Agent* a) {
  RETURN_IF_ERROR(domain::RequireObject(body));
  JsonInput in(body);
  std::string s;
  if (in.Str("name", &s, creating, 200)) a->name = Trim(s);
  if (in.Str("email", &s, creating, 254)) {
    std::string email = FoldCase(Trim(s));
    if (!LooksLikeEmail(email)) {
      in.Error("email", "is not an e-mail address");
    } else {
      a->email = email;
    }
  }
  std::optional<domain::Role> role;
  if (in.Enum("role", &role, domain::ParseRole, "admin, agent")) a->role = *role;
  if (in.Str("language", &s, false, 8)) {
    if (!domain::IsSupportedLanguage(s)) {
      in.Error("language", "must be one of en, hi, kn");
    } else {
      a->language = s;
    }
  }
  if (in.Str("time_zone", &s, false, 64)) {
    if (!domain::IsValidTimeZone(s)) {
      in.Error("time_zone", "is not a time zone name such as Asia/Kolkata");
    } else {
      a->time_zone = s;
    }
  }
  bool active;
  if (in.Bool("active", &active)) a->active = active;
  std::vector<Id> groups;
  if (in.IdList("group_ids", &groups, 100)) {
    RETURN_IF_ERROR(CheckGroupIds(tx, ws, groups, in));
    std::sort(groups.begin(), groups.end());
    groups.erase(std::unique(groups.begin(), groups.end()), groups.end());
    a->group_ids = groups;
  }
  return in.status();
}

}  // namespace

Result<domain::Agent> PeopleService::CreateAgent(WriteTx& tx, const Principal& who,
                                                 const json& body,
                                                 const std::string& password_hash) {
  domain::Agent a;
  a.workspace_id = who.workspace_id;
  RETURN_IF_ERROR(ApplyAgent(tx, who.workspace_id, body, true, &a));
  a.password_hash = password_hash;
  a.created_at = a.updated_at = clock_.Now();
  RETURN_IF_ERROR(tx.InsertAgent(&a));
  json changes = json::object();
  json view = AgentAuditView(a);
  for (auto it = view.begin(); it != view.end(); ++it) changes[it.key()] = {nullptr, it.value()};
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), "agent.created", "agent", a.id,
                               changes, a.created_at, "agent.created", {{"agent_id", a.id}}));
  return a;
}

Result<domain::Agent> PeopleService::UpdateAgent(WriteTx& tx, const Principal& who, Id id,
                                                 const json& body,
                                                 std::optional<int64_t> if_match,
                                                 const std::string& new_password_hash) {
  ASSIGN_OR_RETURN(domain::Agent before, tx.GetAgent(who.workspace_id, id));
  if (if_match && *if_match != before.version) return Stale("agent", id, *if_match, before.version);
  domain::Agent a = before;
  RETURN_IF_ERROR(ApplyAgent(tx, who.workspace_id, body, false, &a));
  if (id == who.agent_id && (!a.active || a.role != domain::Role::kAdmin) && who.is_admin()) {
    return FailedPrecondition("you cannot deactivate yourself or give up your own admin role")
        .WithKind("self-lockout")
        .WithField(a.active ? "role" : "active", "would lock you out");
  }
  json changes = json::object();
  json va = AgentAuditView(before), vb = AgentAuditView(a);
  for (auto it = vb.begin(); it != vb.end(); ++it) DiffField(&changes, it.key(), va[it.key()], it.value());
  if (!new_password_hash.empty()) {
    a.password_hash = new_password_hash;
    changes["password"] = "changed";
  }
  if (changes.empty()) return before;
  a.updated_at = clock_.Now();
  a.version = before.version + 1;
  RETURN_IF_ERROR(tx.UpdateAgent(a));
  if (!a.active || !new_password_hash.empty()) {
    RETURN_IF_ERROR(tx.DeleteSessionsOfAgent(who.workspace_id, a.id));
  }
  const char* action = (before.active && !a.active) ? "agent.deactivated" : "agent.updated";
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), action, "agent", a.id, changes,
                               a.updated_at, "agent.updated", {{"agent_id", a.id}}));
  return a;
}

// --- groups -------------------------------------------------------------------------------

namespace {

Status ApplyGroup(WriteTx& tx, Id ws, const json& body, bool creating, domain::Group* g) {
  RETURN_IF_ERROR(domain::RequireObject(body));
  JsonInput in(body);
  std::string s;
  if (in.Str("name", &s, creating, 100)) g->name = Trim(s);
  if (in.Str("description", &s, false, 2000)) g->description = s;
  std::vector<Id> agents;
  if (in.IdList("agent_ids", &agents, 1000)) {
    for (Id a : agents) {
      if (!tx.GetAgent(ws, a).ok()) {
        in.Error("agent_ids", "agent " + std::to_string(a) + " does not exist");
      }
    }
    std::sort(agents.begin(), agents.end());
    agents.erase(std::unique(agents.begin(), agents.end()), agents.end());
    g->agent_ids = agents;
  }
  return in.status();
}

json GroupAuditView(const domain::Group& g) {
  return {{"name", g.name}, {"description", g.description}, {"agent_ids", g.agent_ids}};
}

}  // namespace

Result<domain::Group> PeopleService::CreateGroup(WriteTx& tx, const Principal& who,
                                                 const json& body) {
  domain::Group g;
  g.workspace_id = who.workspace_id;
  RETURN_IF_ERROR(ApplyGroup(tx, who.workspace_id, body, true, &g));
  g.created_at = g.updated_at = clock_.Now();
  RETURN_IF_ERROR(tx.InsertGroup(&g));
  json changes = json::object();
  json view = GroupAuditView(g);
  for (auto it = view.begin(); it != view.end(); ++it) changes[it.key()] = {nullptr, it.value()};
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), "group.created", "group", g.id,
                               changes, g.created_at));
  return g;
}

Result<domain::Group> PeopleService::UpdateGroup(WriteTx& tx, const Principal& who, Id id,
                                                 const json& body,
                                                 std::optional<int64_t> if_match) {
  ASSIGN_OR_RETURN(domain::Group before, tx.GetGroup(who.workspace_id, id));
  if (if_match && *if_match != before.version) return Stale("group", id, *if_match, before.version);
  domain::Group g = before;
  RETURN_IF_ERROR(ApplyGroup(tx, who.workspace_id, body, false, &g));
  json changes = json::object();
  json va = GroupAuditView(before), vb = GroupAuditView(g);
  for (auto it = vb.begin(); it != vb.end(); ++it) DiffField(&changes, it.key(), va[it.key()], it.value());
  if (changes.empty()) return before;
  g.updated_at = clock_.Now();
  g.version = before.version + 1;
  RETURN_IF_ERROR(tx.UpdateGroup(g));
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), "group.updated", "group", g.id,
                               changes, g.updated_at));
  return g;
}

Status PeopleService::DeleteGroup(WriteTx& tx, const Principal& who, Id id) {
  ASSIGN_OR_RETURN(domain::Group g, tx.GetGroup(who.workspace_id, id));
  RETURN_IF_ERROR(tx.DeleteGroup(who.workspace_id, id));
  return RecordChange(tx, who.workspace_id, who.actor(), "group.deleted", "group", id,
                      {{"name", {g.name, nullptr}}}, clock_.Now());
}

// --- custom fields ------------------------------------------------------------------------

namespace {

json FieldAuditView(const domain::CustomFieldDef& f) {
  return {{"key", f.key},           {"label", f.label},       {"type", domain::Name(f.type)},
          {"options", f.options},   {"required", f.required}, {"active", f.active},
          {"customer_visible", f.customer_visible}, {"portal_topics", f.portal_topics}};
}

Status ApplyField(const json& body, bool creating, domain::CustomFieldDef* f) {
  RETURN_IF_ERROR(domain::RequireObject(body));
  JsonInput in(body);
  std::string s;
  if (creating) {
    if (in.Str("key", &s, true, 64)) {
      if (!domain::IsValidFieldKey(s)) {
        in.Error("key", "must start with a-z and hold only a-z, 0-9 and _ (at most 64)");
      } else {
        f->key = s;
      }
    }
    std::optional<domain::FieldType> type;
    if (in.Enum("type", &type, domain::ParseFieldType, "text, number, date, dropdown, checkbox",
                true)) {
      f->type = *type;
    }
  } else {
    if (in.Has("key")) in.Error("key", "cannot change once created");
    if (in.Has("type")) in.Error("type", "cannot change once created");
  }
  if (in.Str("label", &s, creating, 200)) f->label = Trim(s);
  std::vector<std::string> options;
  if (in.StrList("options", &options, 500)) {
    std::vector<std::string> out;
    for (auto& o : options) {
      std::string t = Trim(o);
      if (t.empty()) {
        in.Error("options", "options must not be empty");
        continue;
      }
      if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
    }
    f->options = out;
  }
  bool b;
  if (in.Bool("required", &b)) f->required = b;
  if (in.Bool("active", &b)) f->active = b;
  if (in.Bool("customer_visible", &b)) f->customer_visible = b;
  std::vector<Id> topics;
  if (in.IdList("portal_topics", &topics, domain::kMaxPortalTopics)) f->portal_topics = topics;
  if (in.ok() && f->type == domain::FieldType::kDropdown && f->options.empty()) {
    in.Error("options", "a dropdown needs at least one option");
  }
  if (in.ok() && f->type != domain::FieldType::kDropdown && !f->options.empty()) {
    in.Error("options", "only dropdown fields have options");
  }
  return in.status();
}

// The topics must be knowledge-base categories of the field's workspace.
Status CheckPortalTopics(ReadTx& tx, const domain::CustomFieldDef& f) {
  if (f.portal_topics.empty()) return Status::Ok();
  ASSIGN_OR_RETURN(auto categories, tx.kb().ListKbCategories(f.workspace_id));
  std::vector<Id> ids;
  for (const auto& c : categories) ids.push_back(c.id);
  return domain::ValidatePortalTopics(f.portal_topics, ids);
}

}  // namespace

Result<domain::CustomFieldDef> PeopleService::CreateCustomField(WriteTx& tx, const Principal& who,
                                                                const json& body) {
  domain::CustomFieldDef f;
  f.workspace_id = who.workspace_id;
  RETURN_IF_ERROR(ApplyField(body, true, &f));
  RETURN_IF_ERROR(CheckPortalTopics(tx, f));
  f.created_at = f.updated_at = clock_.Now();
  RETURN_IF_ERROR(tx.InsertCustomField(&f));
  json changes = json::object();
  json view = FieldAuditView(f);
  for (auto it = view.begin(); it != view.end(); ++it) changes[it.key()] = {nullptr, it.value()};
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), "custom_field.created",
                               "custom_field", f.id, changes, f.created_at));
  return f;
}

Result<domain::CustomFieldDef> PeopleService::UpdateCustomField(WriteTx& tx, const Principal& who,
                                                                Id id, const json& body,
                                                                std::optional<int64_t> if_match) {
  ASSIGN_OR_RETURN(domain::CustomFieldDef before, tx.GetCustomField(who.workspace_id, id));
  if (if_match && *if_match != before.version) {
    return Stale("custom field", id, *if_match, before.version);
  }
  domain::CustomFieldDef f = before;
  RETURN_IF_ERROR(ApplyField(body, false, &f));
  if (f.portal_topics != before.portal_topics) RETURN_IF_ERROR(CheckPortalTopics(tx, f));
  json changes = json::object();
  json va = FieldAuditView(before), vb = FieldAuditView(f);
  for (auto it = vb.begin(); it != vb.end(); ++it) DiffField(&changes, it.key(), va[it.key()], it.value());
  if (changes.empty()) return before;
  f.updated_at = clock_.Now();
  f.version = before.version + 1;
  RETURN_IF_ERROR(tx.UpdateCustomField(f));
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), "custom_field.updated",
                               "custom_field", f.id, changes, f.updated_at));
  return f;
}

Status PeopleService::DeleteCustomField(WriteTx& tx, const Principal& who, Id id) {
  ASSIGN_OR_RETURN(domain::CustomFieldDef f, tx.GetCustomField(who.workspace_id, id));
  if (!f.active) return Status::Ok();
  domain::CustomFieldDef after = f;
  after.active = false;
  after.updated_at = clock_.Now();
  after.version = f.version + 1;
  RETURN_IF_ERROR(tx.UpdateCustomField(after));
  return RecordChange(tx, who.workspace_id, who.actor(), "custom_field.deactivated",
                      "custom_field", id, {{"active", {true, false}}}, after.updated_at);
}

// --- workspace ----------------------------------------------------------------------------

Result<Workspace> PeopleService::UpdateWorkspace(WriteTx& tx, const Principal& who,
                                                 const json& body,
                                                 std::optional<int64_t> if_match) {
  RETURN_IF_ERROR(domain::RequireObject(body));
  ASSIGN_OR_RETURN(Workspace before, tx.GetWorkspace(who.workspace_id));
  if (if_match && *if_match != before.version) {
    return Stale("workspace", before.id, *if_match, before.version);
  }
  Workspace w = before;
  JsonInput in(body);
  std::string s;
  if (in.Str("name", &s, false, 200)) {
    if (Trim(s).empty()) {
      in.Error("name", "is required");
    } else {
      w.name = Trim(s);
    }
  }
  if (in.Str("default_language", &s, false, 8)) {
    if (!domain::IsSupportedLanguage(s)) {
      in.Error("default_language", "must be one of en, hi, kn");
    } else {
      w.default_language = s;
    }
  }
  if (in.Str("time_zone", &s, false, 64)) {
    if (!domain::IsValidTimeZone(s)) {
      in.Error("time_zone", "is not a time zone name such as Asia/Kolkata");
    } else {
      w.time_zone = s;
    }
  }
  if (in.Str("public_host", &s, false, 4 * domain::kMaxPublicHostChars)) {
    auto host = domain::NormalizePublicHost(s);
    if (!host.ok()) {
      in.Error("public_host", host.status().message());
    } else {
      w.public_host = *host;
    }
  }
  RETURN_IF_ERROR(in.status());
  if (!w.public_host.empty() && w.public_host != before.public_host) {
    // Names the field, which the store's unique index would not.
    ASSIGN_OR_RETURN(auto all, tx.ListWorkspaces());
    for (const auto& other : all) {
      if (other.id != w.id && other.public_host == w.public_host) {
        return AlreadyExists("another workspace already uses the host " + w.public_host)
            .WithField("public_host", "is used by another workspace");
      }
    }
  }
  json changes = json::object();
  DiffField(&changes, "name", before.name, w.name);
  DiffField(&changes, "default_language", before.default_language, w.default_language);
  DiffField(&changes, "time_zone", before.time_zone, w.time_zone);
  DiffField(&changes, "public_host", before.public_host, w.public_host);
  if (changes.empty()) return before;
  w.updated_at = clock_.Now();
  w.version = before.version + 1;
  RETURN_IF_ERROR(tx.UpdateWorkspace(w));
  RETURN_IF_ERROR(RecordChange(tx, w.id, who.actor(), "workspace.updated", "workspace", w.id,
                               changes, w.updated_at));
  return w;
}

}  // namespace sahayak::services
