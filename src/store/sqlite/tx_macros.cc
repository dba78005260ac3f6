// Macros (migration 0022).
#include "store/sqlite/tx_macros.h"

#include <nlohmann/json.hpp>

namespace sahayak::store {

using domain::Id;
using nlohmann::json;

namespace {

constexpr const char* kMacroCols =
    "id, workspace_id, owner_agent_id, group_id, name, description, actions, reply, "
    "default_language, active, usage_count, last_used_at, created_at, updated_at, version";

domain::Macro ReadMacro(const Stmt& s) {
  domain::Macro m;
  m.id = s.Int(0);
  m.workspace_id = s.Int(1);
  m.owner_agent_id = s.OptInt(2);
  m.group_id = s.OptInt(3);
  m.name = s.Text(4);
  m.description = s.Text(5);
  m.actions = domain::ActionsFromJson(json::parse(s.Text(6), nullptr, false));
  json reply = json::parse(s.Text(7), nullptr, /*allow_exceptions=*/false);
  if (reply.is_object()) {
    for (auto it = reply.begin(); it != reply.end(); ++it) {
      if (it.value().is_string()) m.reply[it.key()] = it.value().get<std::string>();
    }
  }
  m.default_language = s.Text(8);
  m.active = s.Int(9) != 0;
  m.usage_count = s.Int(10);
  m.last_used_at = s.OptInt(11);
  m.created_at = s.Int(12);
  m.updated_at = s.Int(13);
  m.version = s.Int(14);
  return m;
}

Status NameTaken(Status st) {
  if (st.code() == Code::kAlreadyExists) {
    return AlreadyExists("a macro with this name exists").WithField("name", "is taken");
  }
  return st;
}

}  // namespace

Result<domain::Macro> SqliteMacroTx::GetMacro(Id ws, Id id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kMacroCols + " FROM macros WHERE workspace_id = ? AND id = ?";
  })));
  s.Bind(1, ws).Bind(2, id);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("macro " + std::to_string(id) + " does not exist");
  return ReadMacro(s);
}

Result<std::vector<domain::Macro>> SqliteMacroTx::ListMacrosFor(Id ws, Id agent_id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kMacroCols +
           " FROM macros WHERE workspace_id = ? AND (owner_agent_id IS NULL OR "
           "owner_agent_id = ?) ORDER BY name, id";
  })));
  s.Bind(1, ws).Bind(2, agent_id);
  std::vector<domain::Macro> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(ReadMacro(s));
  }
  return out;
}

Result<int64_t> SqliteMacroTx::CountMacros(Id ws, std::optional<Id> owner) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("SELECT count(*) FROM macros WHERE workspace_id = ? AND "
                                       "owner_agent_id IS ?"));
  s.Bind(1, ws).Bind(2, owner);
  ASSIGN_OR_RETURN(bool row, s.Step());
  return row ? s.Int(0) : 0;
}

Status SqliteMacroTx::InsertMacro(domain::Macro* m) {
  ASSIGN_OR_RETURN(Stmt s,
                   c_->Prepare("INSERT INTO macros (workspace_id, owner_agent_id, group_id, name, "
                               "description, actions, reply, default_language, active, "
                               "usage_count, last_used_at, created_at, updated_at, version) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  s.Bind(1, m->workspace_id).Bind(2, m->owner_agent_id).Bind(3, m->group_id).Bind(4, m->name);
  s.Bind(5, m->description).Bind(6, domain::ActionsToJson(m->actions).dump());
  s.Bind(7, json(m->reply).dump()).Bind(8, m->default_language).Bind(9, m->active);
  s.Bind(10, m->usage_count).Bind(11, m->last_used_at).Bind(12, m->created_at);
  s.Bind(13, m->updated_at).Bind(14, m->version);
  RETURN_IF_ERROR(NameTaken(s.Exec()));
  m->id = c_->LastInsertId();
  return Status::Ok();
}

Status SqliteMacroTx::UpdateMacro(const domain::Macro& m) {
  ASSIGN_OR_RETURN(Stmt s,
                   c_->Prepare("UPDATE macros SET owner_agent_id = ?, group_id = ?, name = ?, "
                               "description = ?, actions = ?, reply = ?, default_language = ?, "
                               "active = ?, updated_at = ?, version = ? WHERE workspace_id = ? "
                               "AND id = ?"));
  s.Bind(1, m.owner_agent_id).Bind(2, m.group_id).Bind(3, m.name).Bind(4, m.description);
  s.Bind(5, domain::ActionsToJson(m.actions).dump()).Bind(6, json(m.reply).dump());
  s.Bind(7, m.default_language).Bind(8, m.active).Bind(9, m.updated_at).Bind(10, m.version);
  s.Bind(11, m.workspace_id).Bind(12, m.id);
  RETURN_IF_ERROR(NameTaken(s.Exec()));
  if (c_->Changes() == 0) return NotFound("macro " + std::to_string(m.id) + " does not exist");
  return Status::Ok();
}

Status SqliteMacroTx::DeleteMacro(Id ws, Id id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("DELETE FROM macros WHERE workspace_id = ? AND id = ?"));
  s.Bind(1, ws).Bind(2, id);
  RETURN_IF_ERROR(s.Exec());
  if (c_->Changes() == 0) return NotFound("macro " + std::to_string(id) + " does not exist");
  return Status::Ok();
}

Status SqliteMacroTx::RecordMacroUse(Id ws, Id id, Millis at) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("UPDATE macros SET usage_count = usage_count + 1, "
                                       "last_used_at = ? WHERE workspace_id = ? AND id = ?"));
  s.Bind(1, at).Bind(2, ws).Bind(3, id);
  RETURN_IF_ERROR(s.Exec());
  if (c_->Changes() == 0) return NotFound("macro " + std::to_string(id) + " does not exist");
  return Status::Ok();
}

}  // namespace sahayak::store
