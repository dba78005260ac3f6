// CSV import jobs (migration 0016).
#include "store/sqlite/tx_imports.h"

#include "store/sqlite/rows.h"

namespace sahayak::store {

namespace {

using domain::Id;
using domain::ImportJob;

constexpr const char* kImportColumns =
    "SELECT id, workspace_id, kind, file_name, file_sha256, dry_run, status, rows, records, "
    "created, updated, error_count, errors, created_by, attempts, created_at, started_at, "
    "finished_at FROM imports ";

ImportJob ReadJob(const Stmt& s) {
  ImportJob j;
  j.id = s.Int(0);
  j.workspace_id = s.Int(1);
  j.kind = domain::ParseImportKind(s.Text(2)).value_or(domain::ImportKind::kShipments);
  j.file_name = s.Text(3);
  j.file_sha256 = s.Text(4);
  j.dry_run = s.Int(5) != 0;
  j.status = domain::ParseImportStatus(s.Text(6)).value_or(domain::ImportStatus::kFailed);
  j.rows = s.Int(7);
  j.records = s.Int(8);
  j.created = s.Int(9);
  j.updated = s.Int(10);
  j.error_count = s.Int(11);
  j.errors = domain::ParseImportErrorsJson(s.Text(12));
  j.created_by = s.OptInt(13);
  j.attempts = static_cast<int>(s.Int(14));
  j.created_at = s.Int(15);
  j.started_at = s.OptInt(16);
  j.finished_at = s.OptInt(17);
  return j;
}

}  // namespace

Result<ImportJob> SqliteImportTx::GetImport(Id ws, Id id) {
  ASSIGN_OR_RETURN(Stmt s,
                   c_->Prepare(std::string(kImportColumns) + "WHERE workspace_id = ? AND id = ?"));
  s.Bind(1, ws).Bind(2, id);
  return ReadOne<ImportJob>(s, ReadJob, "import", id);
}

Result<std::vector<ImportJob>> SqliteImportTx::ListImports(Id ws, std::optional<Id> before,
                                                           int limit) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(std::string(kImportColumns) +
                                       "WHERE workspace_id = ?1 AND (?2 IS NULL OR id < ?2) "
                                       "ORDER BY id DESC LIMIT ?3"));
  s.Bind(1, ws).Bind(2, before).Bind(3, limit);
  return ReadAll<ImportJob>(s, ReadJob);
}

Result<std::vector<ImportJob>> SqliteImportTx::ListPendingImports(int limit) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(std::string(kImportColumns) +
                                       "WHERE status IN ('queued', 'running') ORDER BY id "
                                       "LIMIT ?"));
  s.Bind(1, limit);
  return ReadAll<ImportJob>(s, ReadJob);
}

Status SqliteImportTx::InsertImport(ImportJob* j) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      "INSERT INTO imports (workspace_id, kind, file_name, file_sha256, dry_run, status, rows, "
      "records, created, updated, error_count, errors, created_by, attempts, created_at, "
      "started_at, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  s.Bind(1, j->workspace_id).Bind(2, domain::ImportKindName(j->kind)).Bind(3, j->file_name);
  s.Bind(4, j->file_sha256).Bind(5, j->dry_run).Bind(6, domain::ImportStatusName(j->status));
  s.Bind(7, j->rows).Bind(8, j->records).Bind(9, j->created).Bind(10, j->updated);
  s.Bind(11, j->error_count).Bind(12, domain::ImportErrorsJson(j->errors));
  s.Bind(13, j->created_by).Bind(14, j->attempts).Bind(15, j->created_at);
  s.Bind(16, j->started_at).Bind(17, j->finished_at);
  RETURN_IF_ERROR(s.Exec());
  j->id = c_->LastInsertId();
  return Status::Ok();
}

Status SqliteImportTx::UpdateImport(const ImportJob& j) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
      "UPDATE imports SET status = ?, rows = ?, records = ?, created = ?, updated = ?, "
      "error_count = ?, errors = ?, attempts = ?, started_at = ?, finished_at = ? "
      "WHERE workspace_id = ? AND id = ?"));
  s.Bind(1, domain::ImportStatusName(j.status)).Bind(2, j.rows).Bind(3, j.records);
  s.Bind(4, j.created).Bind(5, j.updated).Bind(6, j.error_count);
  s.Bind(7, domain::ImportErrorsJson(j.errors)).Bind(8, j.attempts).Bind(9, j.started_at);
  s.Bind(10, j.finished_at).Bind(11, j.workspace_id).Bind(12, j.id);
  RETURN_IF_ERROR(s.Exec());
  if (c_->Changes() == 0) return NotFound("import " + std::to_string(j.id));
  return Status::Ok();
}

}  // namespace sahayak::store
