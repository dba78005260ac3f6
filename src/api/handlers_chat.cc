// Live chat's HTTP routes (docs/chat.md): the widget's status, offline message and file
// upload (checked against the widget's allowed origins, with CORS answers, refusals included),
// the visitors' signed file links, the supervisors' list of live chats, the admins' settings
// and widget key, agents' chat profiles, and the sockets' paths for a plain GET.
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
using domain::Id;

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
          {"business_hours_id", s.business_hours_id ? json(*s.business_hours_id) : json(nullptr)},
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

// The widget of `?key=` when the request's Origin may use it; otherwise the refusal. CORS
// (docs/chat.md, "CORS"): a refusal carries Access-Control-Allow-Origin when the key is known
// and the Origin is among its allowed origins (chat switched off), so the widget can read it;
// for an unknown key or an Origin not allowed it carries only Vary: Origin.
std::variant<Response, ChatSettings> Widget(ApiContext& ctx, const Request& req) {
  const std::string key(req.Query("key").value_or(""));
  const std::string origin(req.Header("origin"));
  Result<ChatSettings> found = NotFound("");
  Status st = ctx.store.Read([&](ReadTx& tx) -> Status {
    if (!key.empty() && key.size() <= 100) found = tx.chat().FindChatSettingsByKey(key);
    return Status::Ok();
  });
  auto refuse = [&](Response r, bool allowed) {
    if (allowed) {
      AllowOrigin(&r, origin);
    } else {
      r.AddHeader("Vary", "Origin");
    }
    return r;
  };
  if (!st.ok()) return refuse(ProblemResponse(st), false);
  if (!found.ok()) {
    if (found.status().code() == Code::kNotFound) {
      return refuse(Problem(404, "not-found", "there is no chat widget with that key"), false);
    }
    return refuse(ProblemResponse(found.status()), false);
  }
  const bool allowed = ChatEndpoint::OriginAllowed(*found, origin);
  if (!found->enabled) {
    return refuse(Problem(403, "chat-disabled", "chat is switched off for this widget"),
                  allowed);
  }
  if (!allowed) {
    return refuse(Problem(403, "origin-not-allowed",
                          "this site is not among the chat widget's allowed origins"),
                  false);
  }
  return std::move(found).value();
}

services::Principal ChatSystem(Id ws) {
  services::Principal system;
  system.workspace_id = ws;
  system.role = domain::Role::kAdmin;
  system.name = "Live chat";
  system.via = services::Principal::Via::kCli;
  return system;
}

// A positive whole number from the query; 0 when absent or not one.
int64_t QueryNumber(const Request& req, const char* name) {
  auto v = req.Query(name);
  if (!v || v->empty() || v->size() > 19) return 0;
  int64_t out = 0;
  for (char ch : *v) {
    if (ch < '0' || ch > '9') return 0;
    out = out * 10 + (ch - '0');
  }
  return out;
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
                {"prechat", a.prechat},
                {"open", a.open},
                {"opens_at", a.opens_at ? json(FormatRfc3339(*a.opens_at)) : json(nullptr)}};
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
  services::Principal system = ChatSystem(s.workspace_id);
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

Response ListLiveChats(ApiContext& ctx, Call& call) {
  if (ctx.chat == nullptr) return ChatMissing();
  auto page = ReadPage(call.req);
  if (!page.ok()) return ProblemResponse(page.status());
  return ReadJson(ctx, [&](ReadTx& tx) -> Result<json> {
    // One more than asked for says whether another page follows.
    ASSIGN_OR_RETURN(auto views, ctx.chat->LiveConversations(tx, call.who,
                                                             page->cursor.value_or(0),
                                                             page->limit + 1));
    std::optional<int64_t> next;
    if (static_cast<int>(views.size()) > page->limit) {
      views.resize(page->limit);
      next = views.back().conversation.id;
    }
    json data = json::array();
    for (const auto& v : views) data.push_back(ConversationSummary(v));
    return ListBody(std::move(data), next);
  });
}

Response ChatVisitorAttachment(ApiContext& ctx, Call& call) {
  if (ctx.chat == nullptr) return ChatMissing();
  const Id ws = QueryNumber(call.req, "w");
  const Id conversation = QueryNumber(call.req, "c");
  const int64_t expires = QueryNumber(call.req, "e");
  const std::string signature(call.req.Query("s").value_or(""));
  const std::string origin(call.req.Header("origin"));
  bool allowed = false;  // the Origin (when the widget fetches) is one of the workspace's
  Status st = ctx.store.Read([&](ReadTx& tx) -> Status {
    if (!origin.empty() && ws > 0) {
      auto settings = tx.chat().GetChatSettings(ws);
      allowed = settings.ok() && ChatEndpoint::OriginAllowed(*settings, origin);
    }
    return ctx.chat->CheckVisitorLink(tx, ws, conversation, call.id(), expires, signature);
  });
  auto answer = [&](Response r) {
    if (allowed) {
      AllowOrigin(&r, origin);
    } else {
      r.AddHeader("Vary", "Origin");
    }
    return r;
  };
  if (!st.ok()) return answer(ProblemResponse(st));
  auto got = ctx.attachments.Download(ChatSystem(ws), call.id());
  if (!got.ok()) return answer(ProblemResponse(got.status()));
  Response r;
  r.content_type = got->first.mime_type;
  r.body = std::move(got->second);
  r.AddHeader("Content-Disposition", AttachmentDisposition(got->first.filename));
  r.AddHeader("Content-Security-Policy", "default-src 'none'; sandbox");
  r.AddHeader("Cache-Control", "private, max-age=300");
  r.AddHeader("Referrer-Policy", "no-referrer");
  return answer(std::move(r));
}

Response ChatSocketOnly(ApiContext& ctx, Call& call) {
  Response r = Problem(426, "upgrade-required",
                       "this is a WebSocket endpoint (docs/chat.md): connect with Upgrade: "
                       "websocket");
  r.AddHeader("Upgrade", "websocket");
  return r;
}

}  // namespace sahayak::api::handlers
