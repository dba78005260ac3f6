// Web forms (migration 0009). Origins and fields are JSON arrays in one column each: a form
// is always read whole and they are never queried apart.
#include "store/sqlite/tx_web_forms.h"

#include <nlohmann/json.hpp>

namespace sahayak::store {

namespace {

using nlohmann::json;
using services::WebForm;

constexpr const char* kFormColumns =
    "id, workspace_id, public_key, name, group_id, enabled, allowed_origins, fields, "
    "min_fill_seconds, created_at, updated_at, version";

std::string OriginsText(const WebForm& f) { return json(f.allowed_origins).dump(); }

std::string FieldsText(const WebForm& f) {
  json a = json::array();
  for (const auto& x : f.fields) a.push_back({{"key", x.key}, {"required", x.required}});
  return a.dump();
}

WebForm ReadForm(const Stmt& s) {
  WebForm f;
  f.id = s.Int(0);
  f.workspace_id = s.Int(1);
  f.public_key = s.Text(2);
  f.name = s.Text(3);
  f.group_id = s.OptInt(4);
  f.enabled = s.Int(5) != 0;
  json origins = json::parse(s.Text(6), nullptr, /*allow_exceptions=*/false);
  if (origins.is_array()) {
    for (const auto& o : origins) {
      if (o.is_string()) f.allowed_origins.push_back(o.get<std::string>());
    }
  }
  json fields = json::parse(s.Text(7), nullptr, /*allow_exceptions=*/false);
  if (fields.is_array()) {
    for (const auto& x : fields) {
      if (!x.is_object() || !x.contains("key") || !x["key"].is_string()) continue;
      f.fields.push_back({x["key"].get<std::string>(), x.value("required", false)});
    }
  }
  f.min_fill_seconds = s.Int(8);
  f.created_at = s.Int(9);
  f.updated_at = s.Int(10);
  f.version = s.Int(11);
  return f;
}

Result<WebForm> One(Stmt& s, std::string what) {
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound(std::move(what));
  return ReadForm(s);
}

}  // namespace

Result<std::vector<WebForm>> SqliteWebFormTx::ListWebForms(domain::Id ws) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kFormColumns +
           " FROM web_forms WHERE workspace_id = ? ORDER BY id";
  })));
  s.Bind(1, ws);
  std::vector<WebForm> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(ReadForm(s));
  }
  return out;
}

Result<WebForm> SqliteWebFormTx::GetWebForm(domain::Id ws, domain::Id id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kFormColumns +
           " FROM web_forms WHERE workspace_id = ? AND id = ?";
  })));
  s.Bind(1, ws).Bind(2, id);
  return One(s, "web form " + std::to_string(id) + " does not exist");
}

Result<WebForm> SqliteWebFormTx::FindWebFormByKey(std::string_view public_key) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kFormColumns + " FROM web_forms WHERE public_key = ?";
  })));
  s.Bind(1, public_key);
  return One(s, "no such web form");
}

Status SqliteWebFormTx::InsertWebForm(WebForm* f) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      "INSERT INTO web_forms (workspace_id, public_key, name, group_id, enabled, "
      "allowed_origins, fields, min_fill_seconds, created_at, updated_at, version) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  s.Bind(1, f->workspace_id).Bind(2, f->public_key).Bind(3, f->name).Bind(4, f->group_id);
  s.Bind(5, f->enabled).Bind(6, OriginsText(*f)).Bind(7, FieldsText(*f));
  s.Bind(8, f->min_fill_seconds).Bind(9, f->created_at).Bind(10, f->updated_at);
  s.Bind(11, f->version);
  RETURN_IF_ERROR(s.Exec());
  f->id = c_->LastInsertId();
  return Status::Ok();
}

Status SqliteWebFormTx::UpdateWebForm(const WebForm& f) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      "UPDATE web_forms SET name = ?, group_id = ?, enabled = ?, allowed_origins = ?, "
      "fields = ?, min_fill_seconds = ?, updated_at = ?, version = ? "
      "WHERE workspace_id = ? AND id = ?"));
  s.Bind(1, f.name).Bind(2, f.group_id).Bind(3, f.enabled).Bind(4, OriginsText(f));
  s.Bind(5, FieldsText(f)).Bind(6, f.min_fill_seconds).Bind(7, f.updated_at).Bind(8, f.version);
  s.Bind(9, f.workspace_id).Bind(10, f.id);
  RETURN_IF_ERROR(s.Exec());
  if (c_->Changes() == 0) return NotFound("web form " + std::to_string(f.id) + " does not exist");
  return Status::Ok();
}

Status SqliteWebFormTx::DeleteWebForm(domain::Id ws, domain::Id id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("DELETE FROM web_forms WHERE workspace_id = ? AND id = ?"));
  s.Bind(1, ws).Bind(2, id);
  RETURN_IF_ERROR(s.Exec());
  if (c_->Changes() == 0) return NotFound("web form " + std::to_string(id) + " does not exist");
  return Status::Ok();
}

}  // namespace sahayak::store
