// Saved inbox views.
#include "store/sqlite/sqlite_tx.h"

namespace sahayak::store {

using nlohmann::json;

namespace {

constexpr const char* kViewCols =
    "id, workspace_id, agent_id, name, filters, sort, columns, position, created_at, updated_at, "
    "version";

domain::SavedView ReadView(const Stmt& s) {
  domain::SavedView v;
  v.id = s.Int(0);
  v.workspace_id = s.Int(1);
  v.agent_id = s.OptInt(2);
  v.name = s.Text(3);
  json filters = json::parse(s.Text(4), nullptr, /*allow_exceptions=*/false);
  v.filters = filters.is_object() ? filters : json::object();
  v.sort = domain::ParseTicketSort(s.Text(5)).value_or(domain::TicketSort::kUpdatedDesc);
  json cols = json::parse(s.Text(6), nullptr, /*allow_exceptions=*/false);
  if (cols.is_array()) {
    for (const auto& c : cols) {
      if (c.is_string()) v.columns.push_back(c.get<std::string>());
    }
  }
  v.position = s.Int(7);
  v.created_at = s.Int(8);
  v.updated_at = s.Int(9);
  v.version = s.Int(10);
  return v;
}

Status NameTaken(Status st) {
  if (st.code() == Code::kAlreadyExists) {
    return AlreadyExists("a view with this name exists").WithField("name", "is taken");
  }
  return st;
}

}  // namespace

Result<std::vector<domain::SavedView>> SqliteTx::ListSavedViews(Id ws, Id agent_id) {
  // Own views first (agent_id IS NULL sorts the shared ones after them), then position, id.
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kViewCols +
           " FROM saved_views WHERE workspace_id = ? AND (agent_id = ? OR agent_id IS NULL)"
           " ORDER BY agent_id IS NULL, position, id";
  })));
  s.Bind(1, ws).Bind(2, agent_id);
  std::vector<domain::SavedView> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(ReadView(s));
  }
  return out;
}

Result<domain::SavedView> SqliteTx::GetSavedView(Id ws, Id id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kViewCols +
           " FROM saved_views WHERE workspace_id = ? AND id = ?";
  })));
  s.Bind(1, ws).Bind(2, id);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("view " + std::to_string(id) + " does not exist");
  return ReadView(s);
}

Result<int64_t> SqliteTx::CountSavedViews(Id ws, std::optional<Id> agent_id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("SELECT count(*) FROM saved_views WHERE workspace_id = ? "
                                       "AND agent_id IS ?"));
  s.Bind(1, ws).Bind(2, agent_id);
  ASSIGN_OR_RETURN(bool row, s.Step());
  return row ? s.Int(0) : 0;
}

Status SqliteTx::InsertSavedView(domain::SavedView* v) {
  ASSIGN_OR_RETURN(Stmt s,
                   c_->Prepare("INSERT INTO saved_views (workspace_id, agent_id, name, "
                               "filters, sort, columns, position, created_at, "
                               "updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  s.Bind(1, v->workspace_id).Bind(2, v->agent_id).Bind(3, v->name).Bind(4, v->filters.dump());
  s.Bind(5, domain::Name(v->sort)).Bind(6, json(v->columns).dump()).Bind(7, v->position);
  s.Bind(8, v->created_at).Bind(9, v->updated_at).Bind(10, v->version);
  RETURN_IF_ERROR(NameTaken(s.Exec()));
  v->id = c_->LastInsertId();
  return Status::Ok();
}

Status SqliteTx::UpdateSavedView(const domain::SavedView& v) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("UPDATE saved_views SET agent_id = ?, name = ?, "
                                       "filters = ?, sort = ?, columns = ?, position = ?, "
                                       "updated_at = ?, version = ? WHERE workspace_id = ? AND "
                                       "id = ?"));
  s.Bind(1, v.agent_id).Bind(2, v.name).Bind(3, v.filters.dump()).Bind(4, domain::Name(v.sort));
  s.Bind(5, json(v.columns).dump()).Bind(6, v.position).Bind(7, v.updated_at);
  s.Bind(8, v.version).Bind(9, v.workspace_id).Bind(10, v.id);
  return NameTaken(s.Exec());
}

Status SqliteTx::DeleteSavedView(Id ws, Id id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("DELETE FROM saved_views WHERE workspace_id = ? AND "
                                       "id = ?"));
  s.Bind(1, ws).Bind(2, id);
  RETURN_IF_ERROR(s.Exec());
  if (c_->Changes() == 0) return NotFound("view " + std::to_string(id) + " does not exist");
  return Status::Ok();
}

}  // namespace sahayak::store
