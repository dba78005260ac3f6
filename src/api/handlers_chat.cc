// Live chat's HTTP routes (docs/chat.md): the widget's status, offline message and file
// upload (checked against the widget's allowed origins, with CORS answers), the admins'
// settings and widget key, agents' chat profiles, and the sockets' paths for a plain GET.
#include <algorithm>
#include <variant>

#include "api/chat_endpoint.h"
#include "api/common.h"
#include "api/crud.h"
#include "api/handlers.h"
#include "api/multipart.h"
#include "base/crypto.h"
#include "base/text.h"
#include "domain/json_input.h"

namespace sahayak::api::handlers {

using nlohmann::json;
using services::ChatAgentProfile;
using services::ChatSettings;
using services::ReadTx;
using services::WriteTx;

namespace {

constexpr size_t kMaxChatFileBytes = 10 << 20;

Response ChatMissing() {
  return Problem(503, "unavailable", "live chat is not available on this server");
}

json SettingsJson(const ChatSettings& s) {
  return {{"enabled", s.enabled},
          {"widget_key", s.widget_key.empty() ? json(nullptr) : json(s.widget_key)},
          {"allowed_origins", s.allowed_origins},
          {"prechat", s.prechat},
          {"routing", s.routing},
          {"default_group_id", s.default_group_id ? json(*s.default_group_id) : json(nullptr)},
          {"offer_timeout_seconds", s.offer_timeout_seconds},
          {"agent_grace_seconds", s.agent_grace_seconds},
          {"updated_at", s.updated_at > 0 ? json(FormatRfc3339(s.updated_at)) : json(nullptr)},
          {"version", s.version}};
}

json ProfileJson(const ChatAgentProfile& p) {
  return {{"agent_id", p.agent_id},
          {"capacity", p.capacity},
          {"languages", p.languages},
          {"updated_at", p.updated_at > 0 ? json(FormatRfc3339(p.updated_at)) : json(nullptr)},
          {"version", p.version}};
}

void AllowOrigin(Response* r, const std::string& origin) {
  r->AddHeader("Access-Control-Allow-Origin", origin);
  r->AddHeader("Vary", "Origin");
}

// The widget of `?key=` when the request's Origin may use it; otherwise the refusal.
std::variant<Response, ChatSettings> Widget(ApiContext& ctx, const Request& req) {
  Result<ChatSettings> widget = NotFound("");
  Status st = ctx.store.Read([&](ReadTx& tx) -> Status {
    widget = ctx.chat->FindWidget(tx, req.Query("key").value_or(""));
    return Status::Ok();
  });
  if (!st.ok()) return ProblemResponse(st);
  if (!widget.ok()) {
    if (widget.status().kind() == "chat-disabled") {
      return Problem(403, "chat-disabled", widget.status().message());
    }
    if (widget.status().code() == Code::kNotFound) {
      return Problem(404, "not-found", "there is no chat widget with that key");
    }
    return ProblemResponse(widget.status());
  }
  if (!ChatEndpoint::OriginAllowed(*widget, req.Header("origin"))) {
    return Problem(403, "origin-not-allowed",
                   "this site is not among the chat widget's allowed origins");
  }
  return std::move(widget).value();
}

}  // namespace

Response GetChatSettings(ApiContext& ctx, Call& call) {
  if (ctx.chat == nullptr) return ChatMissing();
  return GetOne<ChatSettings>(
      ctx, [&](ReadTx& tx) { return ctx.chat->Settings(tx, call.who.workspace_id); },
      SettingsJson);
}

Response PatchChatSettings(ApiContext& ctx, Call& call) {
  if (ctx.chat == nullptr) return ChatMissing();
  auto if_match = IfMatch(call.req);
  return UpdateOne<ChatSettings>(
      ctx, [&](WriteTx& tx) { return ctx.chat->UpdateSettings(tx, call.who, call.body, if_match); },
      SettingsJson);
}

Response RotateChatWidgetKey(ApiContext& ctx, Call& call) {
  if (ctx.chat == nullptr) return ChatMissing();
  return UpdateOne<ChatSettings>(
      ctx, [&](WriteTx& tx) { return ctx.chat->RotateWidgetKey(tx, call.who); }, SettingsJson);
}

Response GetAgentChatProfile(ApiContext& ctx, Call& call) {
  if (ctx.chat == nullptr) return ChatMissing();
  return GetOne<ChatAgentProfile>(
      ctx, [&](ReadTx& tx) { return ctx.chat->Profile(tx, call.who, call.id()); }, ProfileJson);
}

Response PatchAgentChatProfile(ApiContext& ctx, Call& call) {
  if (ctx.chat == nullptr) return ChatMissing();
  auto if_match = IfMatch(call.req);
  return UpdateOne<ChatAgentProfile>(
      ctx,
      [&](WriteTx& tx) {
        return ctx.chat->UpdateProfile(tx, call.who, call.id(), call.body, if_match);
      },
      ProfileJson);
}

Response ChatStatus(ApiContext& ctx, Call& call) {
  if (ctx.chat == nullptr) return ChatMissing();
  auto widget = Widget(ctx, call.req);
  if (auto* refusal = std::get_if<Response>(&widget)) return std::move(*refusal);
  const ChatSettings& s = std::get<ChatSettings>(widget);
  Response r = ReadJson(ctx, [&](ReadTx& tx) -> Result<json> {
    ASSIGN_OR_RETURN(auto a, ctx.chat->Availability(tx, s));
    return json{{"online", a.online},
                {"expected_wait_seconds", a.expected_wait_seconds},
                {"prechat", a.prechat}};
  });
  AllowOrigin(&r, std::string(call.req.Header("origin")));
  return r;
}

Response ChatPreflight(ApiContext& ctx, Call& call) {
  if (ctx.chat == nullptr) return ChatMissing();
  auto widget = Widget(ctx, call.req);
  if (auto* refusal = std::get_if<Response>(&widget)) return std::move(*refusal);
  Response r = NoContent();
  AllowOrigin(&r, std::string(call.req.Header("origin")));
  r.AddHeader("Access-Control-Allow-Methods", "GET, POST");
  r.AddHeader("Access-Control-Allow-Headers", "Content-Type, Authorization");
  r.AddHeader("Access-Control-Max-Age", "600");
  return r;
}

Response ChatOffline(ApiContext& ctx, Call& call) {
  if (ctx.chat == nullptr) return ChatMissing();
  auto widget = Widget(ctx, call.req);
  if (auto* refusal = std::get_if<Response>(&widget)) return std::move(*refusal);
  const ChatSettings& s = std::get<ChatSettings>(widget);
  const std::string origin(call.req.Header("origin"));
  if (ctx.chat_offline_limiter != nullptr) {
    auto d = ctx.chat_offline_limiter->Take("chat-offline:" + call.req.remote_ip);
    if (!d.allowed) {
      Response r = Problem(429, "rate-limited", "too many messages; try again in a minute");
      r.AddHeader("Retry-After", std::to_string(std::max<int64_t>(1, d.reset_seconds)));
      AllowOrigin(&r, origin);
      return r;
    }
  }
  services::ChatOfflineInput in;
  domain::JsonInput body(call.body);
  body.Str("name", &in.name, false, 200);
  body.Str("email", &in.email, false, 254);
  body.Str("text", &in.text, false, 20000);
  body.Str("language", &in.language, false, 35);
  if (!body.ok()) {
    Response r = ProblemResponse(body.status());
    AllowOrigin(&r, origin);
    return r;
  }
  domain::Ticket t;
  Status st = ctx.store.Write([&](WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(t, ctx.chat->LeaveMessage(tx, s, in));
    return Status::Ok();
  });
  Response r = st.ok() ? JsonResponse(201, {{"ticket_id", t.id}}) : ProblemResponse(st);
  AllowOrigin(&r, origin);
  return r;
}

Response ChatUpload(ApiContext& ctx, Call& call) {
  if (ctx.chat == nullptr) return ChatMissing();
  auto widget = Widget(ctx, call.req);
  if (auto* refusal = std::get_if<Response>(&widget)) return std::move(*refusal);
  const ChatSettings& s = std::get<ChatSettings>(widget);
  const std::string origin(call.req.Header("origin"));
  auto answer = [&](Response r) {
    AllowOrigin(&r, origin);
    return r;
  };
  std::string_view authz = call.req.Header("authorization");
  services::ChatVisitor visitor;
  Status who = Unauthenticated("send the visitor token as \"Authorization: Bearer <token>\"");
  if (authz.size() > 7 && AsciiLower(authz.substr(0, 7)) == "bearer ") {
    const std::string token(Trim(authz.substr(7)));
    who = ctx.store.Read([&](ReadTx& tx) -> Status {
      auto v = tx.chat().FindVisitorByTokenHash(HashToken(token));
      if (!v.ok() || v->workspace_id != s.workspace_id) {
        return Unauthenticated("the visitor token is not valid here");
      }
      visitor = std::move(v).value();
      return Status::Ok();
    });
  }
  if (!who.ok()) {
    Status st = who;
    if (st.code() == Code::kUnauthenticated) st.WithKind("unauthenticated");
    return answer(ProblemResponse(st));
  }
  auto boundary = MultipartBoundary(call.req.Header("content-type"));
  if (!boundary.ok()) return answer(Problem(400, "bad-request", boundary.status().message()));
  auto parts = ParseMultipart(call.req.body, *boundary, 4);
  if (!parts.ok()) {
    return answer(Problem(400, "bad-request", "the multipart body is malformed: " +
                                                  parts.status().message()));
  }
  const MultipartPart* file = nullptr;
  for (const auto& p : *parts) {
    if (p.name == "file") file = &p;
  }
  if (file == nullptr) {
    return answer(ProblemResponse(
        InvalidArgument("upload the file in a part named \"file\"").WithField("file",
                                                                          "is required")));
  }
  if (file->data.size() > kMaxChatFileBytes) {
    return answer(Problem(413, "payload-too-large", "a chat file is at most 10 MiB"));
  }
  services::Principal system;
  system.workspace_id = s.workspace_id;
  system.role = domain::Role::kAdmin;
  system.name = "Live chat";
  system.via = services::Principal::Via::kCli;
  auto stored = ctx.attachments.StoreFile(system, file->filename, file->data);
  if (!stored.ok()) return answer(ProblemResponse(stored.status()));
  domain::Attachment a = *stored;
  Status st = ctx.store.Write([&](WriteTx& tx) -> Status {
    RETURN_IF_ERROR(ctx.attachments.Record(tx, system, &a));
    return tx.chat().InsertChatAttachment(s.workspace_id, a.id, visitor.id, a.created_at);
  });
  if (!st.ok()) return answer(ProblemResponse(st));
  return answer(JsonResponse(201, {{"id", a.id},
                                   {"name", a.filename},
                                   {"size", a.size},
                                   {"content_type", a.mime_type}}));
}

Response ChatSocketOnly(ApiContext& ctx, Call& call) {
  Response r = Problem(426, "upgrade-required",
                       "this is a WebSocket endpoint (docs/chat.md): connect with Upgrade: "
                       "websocket");
  r.AddHeader("Upgrade", "websocket");
  return r;
}

}  // namespace sahayak::api::handlers
