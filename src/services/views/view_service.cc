#include "services/views/view_service.h"

#include "base/text.h"
#include "domain/json_input.h"
#include "services/audit.h"

namespace sahayak::services {

using domain::JsonInput;
using domain::SavedView;
using nlohmann::json;

namespace {

// Members a body may set; `shared` is read by the caller, which knows who may share.
Status ApplyView(const json& body, bool creating, SavedView* v, std::optional<bool>* shared) {
  RETURN_IF_ERROR(domain::RequireObject(body));
  JsonInput in(body);
  std::string s;
  if (in.Str("name", &s, creating, 1000)) {
    std::string name(Trim(s));
    if (name.empty()) {
      in.Error("name", "is required");
    } else if (CodePointCount(name) > domain::kMaxViewNameChars) {
      in.Error("name", "is longer than 100 characters");
    } else {
      v->name = ToNfc(name);
    }
  } else if (!creating && in.IsNull("name")) {
    in.Error("name", "cannot be empty");
  }
  bool b;
  if (in.Bool("shared", &b)) *shared = b;
  json filters;
  if (domain::ReadViewFilters(in, "filters", &filters)) v->filters = std::move(filters);
  std::optional<domain::TicketSort> sort;
  if (in.Enum("sort", &sort, domain::ParseTicketSort, domain::kTicketSorts)) v->sort = *sort;
  std::vector<std::string> columns;
  if (domain::ReadViewColumns(in, "columns", &columns)) v->columns = std::move(columns);
  int64_t position;
  if (in.Int("position", &position)) {
    if (position < 0 || position > domain::kMaxViewPosition) {
      in.Error("position", "must be 0 to 1000000");
    } else {
      v->position = position;
    }
  }
  return in.status();
}

json AuditView(const SavedView& v) {
  return {{"name", v.name},       {"shared", v.shared()},
          {"filters", v.filters}, {"sort", domain::Name(v.sort)},
          {"columns", v.columns}, {"position", v.position}};
}

Status Forbidden(const char* what) {
  return PermissionDenied(std::string("only admins may ") + what).WithKind("forbidden");
}

// The view, if `who` may see it: their own, or a shared one.
Result<SavedView> Visible(ReadTx& tx, const Principal& who, Id id) {
  auto v = tx.GetSavedView(who.workspace_id, id);
  if (v.ok() && v->agent_id && *v->agent_id != who.agent_id) {
    return NotFound("view " + std::to_string(id) + " does not exist");
  }
  return v;
}

Status CheckRoom(ReadTx& tx, const Principal& who, std::optional<Id> owner) {
  ASSIGN_OR_RETURN(int64_t n, tx.CountSavedViews(who.workspace_id, owner));
  if (n >= ViewService::kMaxViewsPerOwner) {
    return InvalidArgument(owner ? "you have 100 views; delete one first"
                                 : "there are 100 shared views; delete one first")
        .WithField("views", "at most 100 per owner");
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<SavedView>> ViewService::List(ReadTx& tx, const Principal& who) {
  return tx.ListSavedViews(who.workspace_id, who.agent_id);
}

Result<SavedView> ViewService::Get(ReadTx& tx, const Principal& who, Id id) {
  return Visible(tx, who, id);
}

Result<SavedView> ViewService::Create(WriteTx& tx, const Principal& who, const json& body) {
  SavedView v;
  v.workspace_id = who.workspace_id;
  v.columns = domain::DefaultViewColumns();
  std::optional<bool> shared;
  RETURN_IF_ERROR(ApplyView(body, true, &v, &shared));
  if (shared.value_or(false)) {
    if (!who.is_admin()) return Forbidden("create shared views");
  } else {
    v.agent_id = who.agent_id;
  }
  RETURN_IF_ERROR(CheckRoom(tx, who, v.agent_id));
  if (!body.contains("position") || body["position"].is_null()) {
    ASSIGN_OR_RETURN(v.position, tx.CountSavedViews(who.workspace_id, v.agent_id));
  }
  v.created_at = v.updated_at = clock_.Now();
  RETURN_IF_ERROR(tx.InsertSavedView(&v));
  json changes = json::object();
  json view = AuditView(v);
  for (auto it = view.begin(); it != view.end(); ++it) changes[it.key()] = {nullptr, it.value()};
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), "view.created", "view", v.id,
                               changes, v.created_at));
  return v;
}

Result<SavedView> ViewService::Update(WriteTx& tx, const Principal& who, Id id, const json& body,
                                      std::optional<int64_t> if_match) {
  ASSIGN_OR_RETURN(SavedView before, Visible(tx, who, id));
  if (before.shared() && !who.is_admin()) return Forbidden("change shared views");
  if (if_match && *if_match != before.version) {
    return Aborted("view " + std::to_string(id) + " changed since version " +
                   std::to_string(*if_match) + "; it is now at version " +
                   std::to_string(before.version))
        .WithKind("precondition-failed");
  }
  SavedView v = before;
  std::optional<bool> shared;
  RETURN_IF_ERROR(ApplyView(body, false, &v, &shared));
  if (shared && *shared != before.shared()) {
    if (!who.is_admin()) return Forbidden("share views");
    // Unsharing makes the view the admin's own.
    v.agent_id = *shared ? std::nullopt : std::optional<Id>(who.agent_id);
    RETURN_IF_ERROR(CheckRoom(tx, who, v.agent_id));
  }
  json changes = json::object();
  json va = AuditView(before), vb = AuditView(v);
  for (auto it = vb.begin(); it != vb.end(); ++it) {
    DiffField(&changes, it.key(), va[it.key()], it.value());
  }
  if (changes.empty()) return before;
  v.updated_at = clock_.Now();
  v.version = before.version + 1;
  RETURN_IF_ERROR(tx.UpdateSavedView(v));
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), "view.updated", "view", v.id,
                               changes, v.updated_at));
  return v;
}

Status ViewService::Delete(WriteTx& tx, const Principal& who, Id id) {
  ASSIGN_OR_RETURN(SavedView v, Visible(tx, who, id));
  if (v.shared() && !who.is_admin()) return Forbidden("delete shared views");
  RETURN_IF_ERROR(tx.DeleteSavedView(who.workspace_id, id));
  return RecordChange(tx, who.workspace_id, who.actor(), "view.deleted", "view", id,
                      {{"name", {v.name, nullptr}}, {"shared", {v.shared(), nullptr}}},
                      clock_.Now());
}

}  // namespace sahayak::services
