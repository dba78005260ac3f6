#include "services/imports/import_service.h"

#include <spdlog/spdlog.h>

#include "base/csv.h"
#include "base/text.h"
#include "domain/commerce.h"
#include "domain/shipment.h"

namespace sahayak::services {

namespace {

using domain::ImportError;
using domain::ImportJob;
using domain::ImportKind;
using domain::ImportRecord;
using domain::ImportStatus;
using nlohmann::json;

constexpr size_t kMaxFileNameChars = 200;

std::string CleanFileName(std::string_view name) {
  const size_t slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  std::string out;
  if (IsValidUtf8(name)) out = Trim(ToNfc(name));
  std::erase_if(out, [](char c) { return static_cast<unsigned char>(c) < 0x20; });
  if (out.size() > kMaxFileNameChars) {
    size_t n = kMaxFileNameChars;  // bytes; back to the start of a character
    while (n > 0 && (static_cast<unsigned char>(out[n]) & 0xC0) == 0x80) --n;
    out.resize(n);
  }
  return out.empty() ? "import.csv" : out;
}

Result<CsvTable> ParseFile(std::string_view bytes) {
  CsvOptions options;
  options.max_rows = domain::kMaxImportRows;
  auto t = ParseCsv(bytes, options);
  if (!t.ok()) {
    const std::string msg = "the file cannot be read as CSV: " + t.status().message();
    return InvalidArgument(msg).WithField("file", msg);
  }
  if (t->rows.empty()) {
    return InvalidArgument("the file has no rows below its header")
        .WithField("file", "has no rows below its header");
  }
  return t;
}

// Errors in file order, the first kMaxImportErrorsKept kept.
void Keep(std::vector<ImportError> all, ImportJob* j) {
  std::stable_sort(all.begin(), all.end(),
                   [](const ImportError& a, const ImportError& b) { return a.row < b.row; });
  j->error_count = static_cast<int64_t>(all.size());
  if (all.size() > domain::kMaxImportErrorsKept) all.resize(domain::kMaxImportErrorsKept);
  j->errors = std::move(all);
}

// The admin a job runs as: its uploader, who must still be an active admin.
Result<Principal> Uploader(ReadTx& tx, const ImportJob& j) {
  if (!j.created_by) return PermissionDenied("the admin who uploaded the file is gone");
  auto a = tx.GetAgent(j.workspace_id, *j.created_by);
  if (!a.ok() || !a->active || a->role != domain::Role::kAdmin) {
    return PermissionDenied("the admin who uploaded the file may no longer import");
  }
  Principal p;
  p.workspace_id = j.workspace_id;
  p.agent_id = a->id;
  p.role = a->role;
  p.name = a->name;
  p.email = a->email;
  p.language = a->language;
  p.via = Principal::Via::kToken;
  return p;
}

json WithoutKey(json body, const domain::ImportKindSpec& spec) {
  for (const std::string& k : spec.key) body.erase(k);
  return body;
}

// The record's existing id, if any.
Result<std::optional<domain::Id>> Existing(WriteTx& tx, domain::Id ws, ImportKind kind,
                                           const ImportRecord& r) {
  if (kind == ImportKind::kShipments) {
    auto carrier = tx.shipments().FindCarrierByCode(ws, Trim(r.key[0]));
    if (!carrier.ok()) {
      if (carrier.status().code() == Code::kNotFound) return std::optional<domain::Id>();
      return carrier.status();
    }
    auto number = domain::NormaliseTrackingNumber(r.key[1]);
    if (!number.ok()) return std::optional<domain::Id>();  // Create names the problem
    auto s = tx.shipments().FindShipment(ws, carrier->id, *number);
    if (!s.ok()) {
      if (s.status().code() == Code::kNotFound) return std::optional<domain::Id>();
      return s.status();
    }
    return std::optional<domain::Id>(s->id);
  }
  auto number = domain::NormaliseReference(r.key[0]);
  if (!number.ok()) return std::optional<domain::Id>();
  if (kind == ImportKind::kOrders) {
    ASSIGN_OR_RETURN(auto v, tx.commerce().FindOrdersByNumbers(ws, {*number}));
    if (v.empty()) return std::optional<domain::Id>();
    return std::optional<domain::Id>(v[0].id);
  }
  ASSIGN_OR_RETURN(auto v, tx.commerce().FindInvoicesByNumbers(ws, {*number}));
  if (v.empty()) return std::optional<domain::Id>();
  return std::optional<domain::Id>(v[0].id);
}

// Whether a service's answer is about the record (reported on its rows) rather than the store.
bool RecordProblem(const Status& st) {
  switch (st.code()) {
    case Code::kInvalidArgument:
    case Code::kNotFound:
    case Code::kAlreadyExists:
    case Code::kFailedPrecondition:
    case Code::kPermissionDenied:
      return true;
    default:
      return false;
  }
}

}  // namespace

Result<ImportJob> ImportService::Submit(const Principal& who, const ImportUpload& upload) {
  if (!who.is_admin()) return PermissionDenied("only admins may import");
  auto kind = domain::ParseImportKind(Trim(upload.kind));
  if (!kind) {
    return InvalidArgument("kind must be one of " + std::string(domain::kImportKindNames))
        .WithField("kind", "must be one of " + std::string(domain::kImportKindNames));
  }
  if (upload.bytes.size() > kMaxImportBytes) {
    return InvalidArgument("the file is larger than 20 MB; split it")
        .WithField("file", "is larger than 20 MB; split it");
  }
  ASSIGN_OR_RETURN(CsvTable table, ParseFile(upload.bytes));
  RETURN_IF_ERROR(domain::CheckImportHeader(*kind, table));
  std::vector<ImportError> errors;
  const auto records = domain::BuildImportRecords(*kind, table, &errors);

  ImportJob j;
  j.workspace_id = who.workspace_id;
  j.kind = *kind;
  j.file_name = CleanFileName(upload.file_name);
  j.dry_run = upload.dry_run;
  j.rows = static_cast<int64_t>(table.rows.size());
  j.records = static_cast<int64_t>(records.size());
  j.created_by = who.agent_id;
  j.created_at = clock_.Now();
  ASSIGN_OR_RETURN(j.file_sha256, blobs_.Put(upload.bytes));
  RETURN_IF_ERROR(store_.Write([&](WriteTx& tx) { return tx.imports().InsertImport(&j); }));
  if (on_queued_) on_queued_();
  return j;
}

Result<ImportJob> ImportService::Get(ReadTx& tx, const Principal& who, domain::Id id) const {
  if (!who.is_admin()) return PermissionDenied("only admins may see imports");
  return tx.imports().GetImport(who.workspace_id, id);
}

Result<Page<ImportJob>> ImportService::List(ReadTx& tx, const Principal& who,
                                            const PageRequest& page) const {
  if (!who.is_admin()) return PermissionDenied("only admins may see imports");
  ASSIGN_OR_RETURN(auto rows,
                   tx.imports().ListImports(who.workspace_id, page.cursor, page.limit + 1));
  Page<ImportJob> out;
  if (rows.size() > static_cast<size_t>(page.limit)) {
    rows.resize(static_cast<size_t>(page.limit));
    out.next = rows.back().id;
  }
  out.items = std::move(rows);
  return out;
}

int64_t ImportService::Processed(const ImportJob& j) const {
  if (j.status == ImportStatus::kSucceeded || j.status == ImportStatus::kFailed) {
    return j.records;
  }
  std::lock_guard lock(mu_);
  auto it = progress_.find(j.id);
  return it == progress_.end() ? 0 : it->second->load();
}

std::shared_ptr<std::atomic<int64_t>> ImportService::Counter(domain::Id id) {
  std::lock_guard lock(mu_);
  auto& c = progress_[id];
  if (!c) c = std::make_shared<std::atomic<int64_t>>(0);
  c->store(0);
  return c;
}

void ImportService::Forget(domain::Id id) {
  std::lock_guard lock(mu_);
  progress_.erase(id);
}

int ImportService::RunPending() {
  std::vector<ImportJob> jobs;
  Status st = store_.Read([&](ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(jobs, tx.imports().ListPendingImports(20));
    return Status::Ok();
  });
  if (!st.ok()) {
    spdlog::error("imports: cannot list the pending imports: {}", st.ToString());
    return 0;
  }
  int ran = 0;
  for (ImportJob& j : jobs) {
    const domain::Id id = j.id;
    if (Status s = Run(std::move(j)); !s.ok()) {
      spdlog::error("imports: import #{} stopped: {}", id, s.ToString());
    }
    Forget(id);
    ++ran;
  }
  return ran;
}

Status ImportService::Run(ImportJob job) {
  // Started: counted, so a file that brings the server down is not run for ever.
  job.attempts += 1;
  job.status = ImportStatus::kRunning;
  if (!job.started_at) job.started_at = clock_.Now();
  RETURN_IF_ERROR(store_.Write([&](WriteTx& tx) { return tx.imports().UpdateImport(job); }));

  auto finish = [&](ImportJob& j) {
    j.finished_at = clock_.Now();
    return store_.Write([&](WriteTx& tx) { return tx.imports().UpdateImport(j); });
  };
  auto fail_whole = [&](std::string message) {
    job.status = ImportStatus::kFailed;
    Keep({{0, std::nullopt, std::move(message)}}, &job);
    job.created = job.updated = 0;
    return finish(job);
  };
  if (job.attempts > domain::kMaxImportAttempts) {
    return fail_whole("the import stopped the server " +
                      std::to_string(domain::kMaxImportAttempts) +
                      " times and was given up; nothing was imported");
  }

  Principal who;
  Status st = store_.Read([&](ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(who, Uploader(tx, job));
    return Status::Ok();
  });
  if (!st.ok()) return fail_whole(st.message() + "; nothing was imported");
  auto bytes = blobs_.Get(job.file_sha256);
  if (!bytes.ok()) return fail_whole("the uploaded file is missing: " + bytes.status().message());
  auto table = ParseFile(*bytes);
  if (!table.ok()) return fail_whole(table.status().message());

  const domain::ImportKindSpec& spec = domain::ImportSpec(job.kind);
  std::vector<ImportError> errors;
  const std::vector<ImportRecord> records = domain::BuildImportRecords(job.kind, *table, &errors);
  job.rows = static_cast<int64_t>(table->rows.size());
  job.records = static_cast<int64_t>(records.size());
  auto processed = Counter(job.id);

  // All records in one write function: an error from it rolls every one of them back.
  int64_t created = 0;
  int64_t updated = 0;
  const Status rolled_back = Aborted("rolled back");
  st = store_.Write([&](WriteTx& tx) -> Status {
    created = updated = 0;
    processed->store(0);
    for (const ImportRecord& r : records) {
      ASSIGN_OR_RETURN(auto existing, Existing(tx, job.workspace_id, job.kind, r));
      Status s;
      if (existing) {
        json body = WithoutKey(r.body, spec);
        if (job.kind == ImportKind::kShipments) {
          s = shipments_.Update(tx, who, *existing, body, std::nullopt).status();
        } else if (job.kind == ImportKind::kOrders) {
          s = commerce_.UpdateOrder(tx, who, *existing, body, std::nullopt).status();
        } else {
          s = commerce_.UpdateInvoice(tx, who, *existing, body, std::nullopt).status();
        }
        if (s.ok()) ++updated;
      } else {
        if (job.kind == ImportKind::kShipments) {
          s = shipments_.Create(tx, who, r.body).status();
        } else if (job.kind == ImportKind::kOrders) {
          s = commerce_.CreateOrder(tx, who, r.body).status();
        } else {
          s = commerce_.CreateInvoice(tx, who, r.body).status();
        }
        if (s.ok()) ++created;
      }
      if (!s.ok()) {
        if (!RecordProblem(s)) return s;
        if (s.fields().empty()) {
          errors.push_back(domain::LocateImportError(spec, r, "", s.message()));
        } else {
          for (const FieldError& f : s.fields()) {
            errors.push_back(domain::LocateImportError(spec, r, f.field, f.message));
          }
        }
      }
      processed->fetch_add(1);
    }
    if (!errors.empty() || job.dry_run) return rolled_back;
    job.status = ImportStatus::kSucceeded;
    job.created = created;
    job.updated = updated;
    job.finished_at = clock_.Now();
    return tx.imports().UpdateImport(job);
  });
  if (st.ok()) return Status::Ok();
  if (st.code() != Code::kAborted || st.message() != rolled_back.message()) {
    // The store failed (not a record): the job stays running and is tried again.
    job.status = ImportStatus::kRunning;
    return st;
  }
  job.status = errors.empty() ? ImportStatus::kSucceeded : ImportStatus::kFailed;
  job.created = errors.empty() ? created : 0;
  job.updated = errors.empty() ? updated : 0;
  Keep(std::move(errors), &job);
  return finish(job);
}

}  // namespace sahayak::services
