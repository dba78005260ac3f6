#include "api/chat_endpoint.h"

#include <spdlog/spdlog.h>

#include "api/chat_connection.h"
#include "api/help.h"
#include "api/problem.h"
#include "base/text.h"
#include "services/webforms/web_form_service.h"

namespace sahayak::api {

using nlohmann::json;
using services::ChatConversation;
using services::ReadTx;
using services::WriteTx;

namespace {

constexpr std::string_view kVisitorPath = "/api/v1/chat/visitor";
constexpr std::string_view kAgentPath = "/api/v1/chat/agent";

std::string_view WithoutSlash(std::string_view path) {
  if (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  return path;
}

}  // namespace

json ConversationSummary(const services::ChatConversationView& v) {
  const ChatConversation& c = v.conversation;
  auto opt = [](const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); };
  return {{"conversation_id", c.id},
          {"status", c.status},
          {"ticket_id", c.ticket_id},
          {"last_seq", c.last_seq},
          {"language", c.language},
          {"group_id", opt(c.group_id)},
          {"agent_id", opt(c.agent_id)},
          {"offered_agent_id", opt(c.offered_agent_id)},
          {"offer_expires_at", opt(c.offer_expires_at)},
          {"created_at", c.created_at},
          {"visitor", {{"id", c.visitor_id}, {"name", v.visitor_name}}},
          {"read_seq_visitor", v.read_seq_visitor},
          {"read_seq_agent", v.read_seq_agent},
          {"queued_at", c.queued_at},
          {"accepted_at", opt(c.accepted_at)},
          {"wait_ms", opt(c.wait_ms)},
          {"first_response_ms", opt(c.first_response_ms)}};
}

std::string QueueFrame(const std::vector<services::ChatConversationView>& waiting) {
  json list = json::array();
  for (const auto& v : waiting) {
    const ChatConversation& c = v.conversation;
    list.push_back({{"conversation_id", c.id},
                    {"since", c.queued_at},
                    {"language", c.language},
                    {"group_id", c.group_id ? json(*c.group_id) : json(nullptr)},
                    {"status", c.status},
                    {"offered_agent_id",
                     c.offered_agent_id ? json(*c.offered_agent_id) : json(nullptr)},
                    {"visitor", {{"id", c.visitor_id}, {"name", v.visitor_name}}},
                    {"ticket_id", c.ticket_id},
                    {"read_seq_visitor", v.read_seq_visitor},
                    {"read_seq_agent", v.read_seq_agent}});
  }
  return json{{"type", "queue"}, {"waiting", list}}.dump();
}

ChatEndpoint::ChatEndpoint(services::Store& store, services::ChatService& chat,
                           services::ChatHub& hub, services::AuthService& auth,
                           ChatEndpointOptions options)
    : store_(store), chat_(chat), hub_(hub), auth_(auth), options_(std::move(options)) {}

bool ChatEndpoint::IsChatPath(std::string_view path) {
  path = WithoutSlash(path);
  return path == kVisitorPath || path == kAgentPath;
}

bool ChatEndpoint::OriginAllowed(const services::ChatSettings& settings,
                                 std::string_view origin) {
  auto o = services::NormaliseOrigin(origin);
  if (!o) return false;
  return std::find(settings.allowed_origins.begin(), settings.allowed_origins.end(), *o) !=
         settings.allowed_origins.end();
}

bool ChatEndpoint::IsOwnOrigin(const Request& req, std::string_view origin) const {
  if (origin.empty()) return false;
  if (help::SameOrigin(req)) return true;
  auto own = services::NormaliseOrigin(options_.public_url);
  auto got = services::NormaliseOrigin(origin);
  return own && got && *own == *got;
}

std::variant<Response, ChatAdmission> ChatEndpoint::Admit(const Request& req) {
  const std::string_view path = WithoutSlash(req.path);
  const std::string origin(req.Header("origin"));
  ChatAdmission a;
  a.origin = origin;
  if (path == kVisitorPath) {
    const std::string key = req.Query("key").value_or("");
    Result<services::ChatSettings> widget = NotFound("");
    Status st = store_.Read([&](ReadTx& tx) -> Status {
      widget = chat_.FindWidget(tx, key);
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
    if (!OriginAllowed(*widget, origin)) {
      return Problem(403, "origin-not-allowed",
                     "this site (Origin \"" + std::string(origin.substr(0, 200)) +
                         "\") is not among the widget's allowed origins");
    }
    a.settings = std::move(widget).value();
    return a;
  }
  // The console: its session cookie from its own origin, or an API token.
  a.agent = true;
  std::string_view authz = req.Header("authorization");
  Result<services::Principal> who = Unauthenticated("log in or send an API token");
  if (authz.size() > 7 && AsciiLower(authz.substr(0, 7)) == "bearer ") {
    who = auth_.AuthenticateBearer(std::string(Trim(authz.substr(7))));
  } else {
    std::string token = help::CookieValue(req.Header("cookie"), "sahayak_session");
    if (!token.empty()) {
      if (!IsOwnOrigin(req, origin)) {
        return Problem(403, "origin-not-allowed",
                       "the console's chat socket must come from the server's own origin");
      }
      who = auth_.AuthenticateSession(token);
    }
  }
  if (!who.ok()) {
    Status st = who.status();
    if (st.code() == Code::kUnauthenticated) st.WithKind("unauthenticated");
    return ProblemResponse(st);
  }
  a.who = std::move(who).value();
  a.who.ip = req.remote_ip;
  return a;
}

std::shared_ptr<ChatConnection> ChatEndpoint::Open(const ChatAdmission& admission,
                                                   std::shared_ptr<ChatTransport> transport) {
  return std::make_shared<ChatConnection>(*this, admission, std::move(transport));
}

void ChatEndpoint::Publish(const services::ChatEffects& fx) {
  if (fx.empty()) return;
  hub_.Publish(fx);
  if (!fx.queue_changed || fx.workspace_id == 0) return;
  std::vector<services::ChatConversationView> waiting;
  Status st = store_.Read([&](ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto queued, chat_.Waiting(tx, fx.workspace_id));
    ASSIGN_OR_RETURN(waiting, chat_.Describe(tx, queued));
    return Status::Ok();
  });
  if (!st.ok()) {
    spdlog::warn("chat: reading the queue failed: {}", st.ToString());
    return;
  }
  hub_.ToAgents(fx.workspace_id, QueueFrame(waiting));
}

void ChatEndpoint::Tick() {
  std::vector<services::ChatSettings> enabled;
  Status st = store_.Read([&](ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(enabled, tx.chat().ListEnabledChatSettings());
    return Status::Ok();
  });
  if (!st.ok()) {
    spdlog::warn("chat: listing workspaces failed: {}", st.ToString());
    return;
  }
  for (const auto& s : enabled) {
    services::ChatEffects fx;
    st = store_.Write([&](WriteTx& tx) -> Status {
      fx = services::ChatEffects();
      return chat_.Tick(tx, s.workspace_id, &fx);
    });
    if (!st.ok()) {
      spdlog::warn("chat: routing workspace {} failed: {}", s.workspace_id, st.ToString());
      continue;
    }
    Publish(fx);
  }
}

void ChatEndpoint::Shutdown() { hub_.CloseAll(1001, "the server is shutting down"); }

}  // namespace sahayak::api
