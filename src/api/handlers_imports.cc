// CSV imports of shipments, orders and invoices (docs/imports.md): the kinds and their
// templates, the upload that queues a job, and the job with its progress and error report.
#include "api/common.h"
#include "api/handlers.h"
#include "api/multipart.h"
#include "base/clock.h"
#include "base/csv.h"
#include "base/text.h"
#include "domain/import.h"

namespace sahayak::api::handlers {

using domain::ImportJob;
using nlohmann::json;
using services::ReadTx;

namespace {

Response ImportsNotWired() {
  return Problem(503, "unavailable", "imports are not available here");
}

json ImportJson(const services::ImportService& imports, const ImportJob& j,
                const std::optional<std::string>& uploader) {
  json errors = json::array();
  for (const domain::ImportError& e : j.errors) {
    errors.push_back({{"row", e.row},
                      {"column", e.column ? json(*e.column) : json(nullptr)},
                      {"message", e.message}});
  }
  auto time = [](const std::optional<Millis>& t) {
    return t ? json(FormatRfc3339(*t)) : json(nullptr);
  };
  return {{"id", j.id},
          {"kind", domain::ImportKindName(j.kind)},
          {"file_name", j.file_name},
          {"dry_run", j.dry_run},
          {"status", domain::ImportStatusName(j.status)},
          {"rows", j.rows},
          {"records", j.records},
          {"processed", imports.Processed(j)},
          {"created", j.created},
          {"updated", j.updated},
          {"errors", std::move(errors)},
          {"error_count", j.error_count},
          {"created_by", j.created_by && uploader
                             ? json{{"id", *j.created_by}, {"name", *uploader}}
                             : json(nullptr)},
          {"created_at", FormatRfc3339(j.created_at)},
          {"started_at", time(j.started_at)},
          {"finished_at", time(j.finished_at)}};
}

Result<json> ImportView(ApiContext& ctx, ReadTx& tx, const ImportJob& j) {
  std::optional<std::string> name;
  if (j.created_by) {
    auto a = tx.GetAgent(j.workspace_id, *j.created_by);
    if (a.ok()) name = a->name;
  }
  return ImportJson(*ctx.imports, j, name);
}

json KindJson(domain::ImportKind kind) {
  const domain::ImportKindSpec& spec = domain::ImportSpec(kind);
  json columns = json::array();
  for (const domain::ImportColumn& c : spec.columns) {
    columns.push_back({{"name", c.name},
                       {"required", c.required},
                       {"type", c.type == domain::ImportColumnType::kInteger ? "integer" : "text"}});
  }
  return {{"kind", domain::ImportKindName(kind)},
          {"key", spec.key},
          {"group", spec.group.empty() ? json(nullptr) : json(spec.group)},
          {"columns", std::move(columns)},
          {"template", "/api/v1/import-kinds/" + std::string(domain::ImportKindName(kind)) +
                           "/template"}};
}

Response CsvResponse(std::string body, const std::string& filename) {
  Response r;
  r.content_type = "text/csv; charset=utf-8";
  r.body = std::move(body);
  r.AddHeader("Content-Disposition", AttachmentDisposition(filename));
  r.AddHeader("Cache-Control", "private, no-store");
  return r;
}

}  // namespace

Response ImportKinds(ApiContext& ctx, Call& call) {
  (void)ctx;
  (void)call;
  json data = json::array();
  for (domain::ImportKind k : domain::AllImportKinds()) data.push_back(KindJson(k));
  return JsonResponse(200, {{"data", std::move(data)}});
}

Response ImportTemplate(ApiContext& ctx, Call& call) {
  (void)ctx;
  // /api/v1/import-kinds/{kind}/template: one route per kind.
  std::string_view path = call.req.path;
  const std::string_view prefix = "/api/v1/import-kinds/";
  std::string_view rest = path.substr(prefix.size());
  auto kind = domain::ParseImportKind(rest.substr(0, rest.find('/')));
  if (!kind) return ProblemResponse(NotFound("no such kind of import"));
  return CsvResponse(domain::ImportTemplateCsv(*kind),
                     std::string(domain::ImportKindName(*kind)) + "-template.csv");
}

Response CreateImport(ApiContext& ctx, Call& call) {
  if (ctx.imports == nullptr) return ImportsNotWired();
  auto boundary = MultipartBoundary(call.req.Header("content-type"));
  if (!boundary.ok()) {
    return ProblemResponse(InvalidArgument(boundary.status().message()).WithKind("bad-request"));
  }
  auto parts = ParseMultipart(call.req.body, *boundary, 8);
  if (!parts.ok()) {
    return ProblemResponse(
        InvalidArgument("the multipart body is malformed: " + parts.status().message())
            .WithKind("bad-request"));
  }
  services::ImportUpload upload;
  bool have_file = false;
  bool have_kind = false;
  for (auto& p : *parts) {
    if (p.name == "file" && !have_file) {
      upload.file_name = p.filename;
      upload.bytes = std::move(p.data);
      have_file = true;
    } else if (p.name == "kind" && !have_kind) {
      upload.kind = p.data;
      have_kind = true;
    } else if (p.name == "dry_run") {
      const std::string v = AsciiLower(Trim(p.data));
      if (v != "true" && v != "false" && v != "1" && v != "0" && v != "on") {
        return ProblemResponse(InvalidArgument("dry_run must be true or false")
                                   .WithField("dry_run", "must be true or false"));
      }
      upload.dry_run = v == "true" || v == "1" || v == "on";
    }
  }
  Status missing = Status::Ok();
  if (!have_kind) {
    missing = InvalidArgument("say what the file holds in a part named \"kind\"")
                  .WithField("kind", "is required: one of " +
                                         std::string(domain::kImportKindNames));
  }
  if (!have_file) {
    if (missing.ok()) missing = InvalidArgument("upload the CSV in a part named \"file\"");
    missing = missing.WithField("file", "is required");
  }
  if (!missing.ok()) return ProblemResponse(missing);

  auto job = ctx.imports->Submit(call.who, upload);
  if (!job.ok()) return ProblemResponse(job.status());
  Response out;
  Status st = ctx.store.Read([&](ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(json j, ImportView(ctx, tx, *job));
    out = JsonResponse(202, j);
    return Status::Ok();
  });
  if (!st.ok()) return ProblemResponse(st);
  out.AddHeader("Location", "/api/v1/imports/" + std::to_string(job->id));
  return out;
}

Response ListImports(ApiContext& ctx, Call& call) {
  if (ctx.imports == nullptr) return ImportsNotWired();
  auto page = ReadPage(call.req);
  if (!page.ok()) return ProblemResponse(page.status());
  return ReadJson(ctx, [&](ReadTx& tx) -> Result<json> {
    ASSIGN_OR_RETURN(auto result, ctx.imports->List(tx, call.who, *page));
    json data = json::array();
    for (const ImportJob& j : result.items) {
      ASSIGN_OR_RETURN(json v, ImportView(ctx, tx, j));
      data.push_back(std::move(v));
    }
    return ListBody(std::move(data), result.next);
  });
}

Response GetImport(ApiContext& ctx, Call& call) {
  if (ctx.imports == nullptr) return ImportsNotWired();
  return ReadJson(ctx, [&](ReadTx& tx) -> Result<json> {
    ASSIGN_OR_RETURN(ImportJob j, ctx.imports->Get(tx, call.who, call.id()));
    return ImportView(ctx, tx, j);
  });
}

Response ImportErrors(ApiContext& ctx, Call& call) {
  if (ctx.imports == nullptr) return ImportsNotWired();
  ImportJob j;
  Status st = ctx.store.Read([&](ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(j, ctx.imports->Get(tx, call.who, call.id()));
    return Status::Ok();
  });
  if (!st.ok()) return ProblemResponse(st);
  std::string csv = CsvRecord({"row", "column", "message"});
  for (const domain::ImportError& e : j.errors) {
    csv += CsvRecord({std::to_string(e.row), e.column.value_or(""), e.message});
  }
  return CsvResponse(std::move(csv), "import-" + std::to_string(j.id) + "-errors.csv");
}

}  // namespace sahayak::api::handlers
