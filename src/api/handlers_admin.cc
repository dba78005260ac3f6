// Sign-in, API tokens, the workspace, the audit log, attachments and the operational routes.
#include <algorithm>

#include "api/crud.h"
#include "api/handlers.h"
#include "api/multipart.h"
#include "api/views.h"
#include "base/text.h"
#include "domain/json_input.h"

namespace sahayak::api::handlers {

using domain::JsonInput;
using nlohmann::json;
using services::PageRequest;
using services::ReadTx;
using services::WriteTx;

// --- operations ---------------------------------------------------------------------------

Response Healthz(ApiContext&, Call&) { return JsonResponse(200, {{"status", "ok"}}); }

Response Readyz(ApiContext& ctx, Call&) {
  if (ctx.ready && !ctx.ready()) {
    return Problem(503, "unavailable", "the database is not reachable");
  }
  return JsonResponse(200, {{"status", "ok"}});
}

Response MetricsText(ApiContext& ctx, Call&) {
  Response r;
  r.content_type = "text/plain; version=0.0.4; charset=utf-8";
  r.body = ctx.metrics.Render();
  return r;
}

Response Ping(ApiContext&, Call&) {
  Response r;
  r.content_type = "text/plain; charset=utf-8";
  r.body = "pong";
  return r;
}

// --- sign-in ------------------------------------------------------------------------------

namespace {

// A locked account's 423 says when to try again: whole seconds, rounded up, so a client that
// waits this long finds the lock gone.
void AddRetryAfterIfLocked(Response* r, Millis locked_for) {
  if (r->status == 423) {
    r->AddHeader("Retry-After", std::to_string(std::max<Millis>(1, (locked_for + 999) / 1000)));
  }
}

std::string SessionCookie(const ApiContext& ctx, const std::string& value, int64_t max_age_s) {
  std::string c = "sahayak_session=" + value + "; Path=/; HttpOnly; SameSite=Lax";
  if (max_age_s >= 0) c += "; Max-Age=" + std::to_string(max_age_s);
  if (ctx.secure_cookies) c += "; Secure";
  return c;
}

}  // namespace

Response Login(ApiContext& ctx, Call& call) {
  JsonInput in(call.body);
  std::string email, password;
  bool remember = false;
  in.Str("email", &email, true, 254);
  if (!call.body.contains("password") || !call.body["password"].is_string() ||
      call.body["password"].get_ref<const std::string&>().empty()) {
    in.Error("password", "is required");
  } else {
    password = call.body["password"].get<std::string>();
  }
  in.Bool("remember_me", &remember);
  if (!in.ok()) return ProblemResponse(in.status());
  Millis locked_for = 0;
  auto result = ctx.auth.Login(email, password, remember, call.req.remote_ip,
                               std::string(call.req.Header("user-agent").substr(0, 512)),
                               &locked_for);
  if (!result.ok()) {
    Response r = ProblemResponse(result.status());
    AddRetryAfterIfLocked(&r, locked_for);
    return r;
  }
  Response out;
  Status st = ctx.store.Read([&](ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(domain::Agent a,
                     tx.GetAgent(result->principal.workspace_id, result->principal.agent_id));
    out = JsonResponse(200, {{"agent", AgentJson(a)}, {"csrf_token", result->csrf_token}});
    return Status::Ok();
  });
  if (!st.ok()) return ProblemResponse(st);
  int64_t max_age = result->persistent ? (result->expires_at - ctx.clock.Now()) / 1000 : -1;
  out.AddHeader("Set-Cookie", SessionCookie(ctx, result->session_token, max_age));
  return out;
}

Response Logout(ApiContext& ctx, Call& call) {
  Status st = ctx.auth.Logout(call.who);
  if (!st.ok()) return ProblemResponse(st);
  Response r = NoContent();
  r.AddHeader("Set-Cookie", SessionCookie(ctx, "", 0));
  return r;
}

namespace {

json MeJson(const Call& call, const domain::Agent& a) {
  json out = {{"agent", AgentJson(a)}};
  out["csrf_token"] = call.who.via == services::Principal::Via::kSession
                          ? json(call.who.csrf_token)
                          : json(nullptr);
  return out;
}

}  // namespace

Response Me(ApiContext& ctx, Call& call) {
  return ReadJson(ctx, [&](ReadTx& tx) -> Result<json> {
    ASSIGN_OR_RETURN(domain::Agent a, tx.GetAgent(call.who.workspace_id, call.who.agent_id));
    return MeJson(call, a);
  });
}

Response PatchMe(ApiContext& ctx, Call& call) {
  Response out;
  Status st = ctx.store.Write([&](WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(domain::Agent a, ctx.people.UpdateProfile(tx, call.who, call.body));
    out = JsonResponse(200, MeJson(call, a));
    SetEtag(&out, a.version);
    return Status::Ok();
  });
  if (!st.ok()) return ProblemResponse(st);
  // Sessions and tokens carry the agent's name and language; let the next request see them.
  ctx.auth.ForgetCachedPrincipals();
  return out;
}

Response ChangePassword(ApiContext& ctx, Call& call) {
  JsonInput in(call.body);
  if (Status st = domain::RequireObject(call.body); !st.ok()) return ProblemResponse(st);
  std::string current, next;
  for (auto [name, target] : {std::pair{"current_password", &current},
                              std::pair{"new_password", &next}}) {
    const json* v = call.body.contains(name) ? &call.body[name] : nullptr;
    if (v == nullptr || v->is_null() ||
        (v->is_string() && v->get_ref<const std::string&>().empty())) {
      in.Error(name, "is required");
    } else if (!v->is_string()) {
      in.Error(name, "must be a string");
    } else {
      *target = v->get<std::string>();
    }
  }
  if (!in.ok()) return ProblemResponse(in.status());
  Millis locked_for = 0;
  Status st = ctx.auth.ChangePassword(call.who, current, next, &locked_for);
  if (st.ok()) return NoContent();
  Response r = ProblemResponse(st);
  AddRetryAfterIfLocked(&r, locked_for);
  return r;
}

// --- API tokens ---------------------------------------------------------------------------

Response ListApiTokens(ApiContext& ctx, Call& call) {
  return ListPaged<services::ApiTokenRecord>(
      ctx, call,
      [&](ReadTx& tx, const PageRequest& p) { return tx.ListApiTokens(call.who.workspace_id, p); },
      ApiTokenJson);
}

Response CreateApiToken(ApiContext& ctx, Call& call) {
  JsonInput in(call.body);
  std::string name;
  in.Str("name", &name, true, 200);
  int64_t agent_id = call.who.agent_id;
  if (in.Int("agent_id", &agent_id) && agent_id <= 0) in.Error("agent_id", "must be a positive id");
  if (!in.ok()) return ProblemResponse(in.status());
  return CreateIdempotent(ctx, call, [&](WriteTx& tx) -> Result<Response> {
    services::ApiTokenRecord rec;
    auto token = ctx.auth.CreateApiToken(tx, call.who, agent_id, Trim(name), &rec);
    if (!token.ok() && token.status().code() == Code::kNotFound) {
      return InvalidArgument("agent " + std::to_string(agent_id) + " does not exist")
          .WithField("agent_id", "is not an agent of this workspace");
    }
    RETURN_IF_ERROR(token.status());
    json body = ApiTokenJson(rec);
    body["token"] = *token;
    Response r = JsonResponse(201, body);
    r.AddHeader("Location", "/api/v1/api-tokens/" + std::to_string(rec.id));
    return r;
  }, "", "token");
}

Response DeleteApiToken(ApiContext& ctx, Call& call) {
  Status st = ctx.store.Write([&](WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(services::ApiTokenRecord t, tx.GetApiToken(call.who.workspace_id, call.id()));
    RETURN_IF_ERROR(tx.DeleteApiToken(call.who.workspace_id, call.id()));
    domain::AuditEvent e;
    e.workspace_id = call.who.workspace_id;
    e.actor = call.who.actor();
    e.action = "api_token.revoked";
    e.entity_type = "api_token";
    e.entity_id = t.id;
    e.changes = {{"name", {t.name, nullptr}}};
    e.created_at = ctx.clock.Now();
    return tx.InsertAudit(&e);
  });
  if (!st.ok()) return ProblemResponse(st);
  ctx.auth.ForgetCachedPrincipals();
  return NoContent();
}

// --- workspace and audit ------------------------------------------------------------------

Response GetWorkspace(ApiContext& ctx, Call& call) {
  return GetOne<services::Workspace>(
      ctx, [&](ReadTx& tx) { return tx.GetWorkspace(call.who.workspace_id); }, WorkspaceJson);
}

Response PatchWorkspace(ApiContext& ctx, Call& call) {
  auto if_match = IfMatch(call.req);
  return UpdateOne<services::Workspace>(
      ctx, [&](WriteTx& tx) { return ctx.people.UpdateWorkspace(tx, call.who, call.body, if_match); },
      WorkspaceJson);
}

Response ListAuditEvents(ApiContext& ctx, Call& call) {
  services::AuditFilter f;
  if (auto t = call.req.Query("entity_type"); t && !t->empty()) f.entity_type = *t;
  auto id = QueryId(call.req, "entity_id");
  if (!id.ok()) return ProblemResponse(id.status());
  f.entity_id = *id;
  return ListPaged<domain::AuditEvent>(
      ctx, call,
      [&](ReadTx& tx, const PageRequest& p) {
        return tx.ListAuditEvents(call.who.workspace_id, f, p);
      },
      AuditEventJson);
}

// --- attachments --------------------------------------------------------------------------

Response UploadAttachment(ApiContext& ctx, Call& call) {
  auto boundary = MultipartBoundary(call.req.Header("content-type"));
  if (!boundary.ok()) return Problem(400, "bad-request", boundary.status().message());
  auto parts = ParseMultipart(call.req.body, *boundary, 10);
  if (!parts.ok()) {
    Status st = parts.status();
    if (st.code() == Code::kInvalidArgument) {
      return Problem(400, "bad-request", "the multipart body is malformed: " + st.message());
    }
    return ProblemResponse(st);
  }
  const MultipartPart* file = nullptr;
  for (const auto& p : *parts) {
    if (p.name == "file") {
      file = &p;
      break;
    }
  }
  if (file == nullptr) {
    return ProblemResponse(InvalidArgument("upload the file in a part named \"file\"")
                               .WithField("file", "is required"));
  }
  auto stored = ctx.attachments.StoreFile(call.who, file->filename, file->data);
  if (!stored.ok()) return ProblemResponse(stored.status());
  return CreateIdempotent(ctx, call, [&](WriteTx& tx) -> Result<Response> {
    domain::Attachment a = *stored;
    RETURN_IF_ERROR(ctx.attachments.Record(tx, call.who, &a));
    Response r = JsonResponse(201, AttachmentJson(a));
    r.AddHeader("Location", "/api/v1/attachments/" + std::to_string(a.id));
    return r;
  }, "file " + stored->filename + " " + stored->sha256);
}

Response GetAttachment(ApiContext& ctx, Call& call) {
  return ReadJson(ctx, [&](ReadTx& tx) -> Result<json> {
    ASSIGN_OR_RETURN(domain::Attachment a, tx.GetAttachment(call.who.workspace_id, call.id()));
    return AttachmentJson(a);
  });
}

Response AttachmentContent(ApiContext& ctx, Call& call) {
  auto got = ctx.attachments.Download(call.who, call.id());
  if (!got.ok()) return ProblemResponse(got.status());
  Response r;
  r.content_type = got->first.mime_type;
  r.body = std::move(got->second);
  r.AddHeader("Content-Disposition", AttachmentDisposition(got->first.filename));
  r.AddHeader("Content-Security-Policy", "default-src 'none'; sandbox");
  return r;
}

}  // namespace sahayak::api::handlers
