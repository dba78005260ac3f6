#include "api/chat_connection.h"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace sahayak::api {

using nlohmann::json;
using services::ChatConversation;
using services::ChatEffects;
using services::ChatEvent;
using services::ReadTx;
using services::WriteTx;
namespace frames = services::chat_frames;
using FrameType = frames::FrameType;

namespace {

// Events sent per page when resuming or filling a gap: at most 64 frames of at most 16 KiB, so
// a page fits the transport's queue (256 frames, 1 MiB) beside the live ones.
constexpr int kPage = 64;

std::string Describe(const Status& st) {
  std::string out = st.message();
  for (const auto& f : st.fields()) out += "; " + f.field + ": " + f.message;
  return out;
}

}  // namespace

ChatConnection::ChatConnection(ChatEndpoint& endpoint, ChatAdmission admission,
                               std::shared_ptr<ChatTransport> transport)
    : endpoint_(endpoint), admission_(std::move(admission)), transport_(std::move(transport)) {
  if (admission_.agent) party_ = services::ChatParty::Agent(admission_.who);
  const auto& o = endpoint_.options();
  tokens_ = static_cast<double>(o.frames_per_second) * o.burst_seconds;
  refilled_at_ = endpoint_.chat().clock().Now();
}

// --- frames in --------------------------------------------------------------------------

bool ChatConnection::TakeToken() {
  const auto& o = endpoint_.options();
  const double cap = static_cast<double>(o.frames_per_second) * o.burst_seconds;
  const Millis now = endpoint_.chat().clock().Now();
  tokens_ = std::min(cap, tokens_ + static_cast<double>(now - refilled_at_) *
                                        o.frames_per_second / 1000.0);
  refilled_at_ = now;
  if (tokens_ < 1) return false;
  tokens_ -= 1;
  return true;
}

void ChatConnection::OnBinary() { Close(4400, "send JSON text frames"); }

void ChatConnection::OnText(std::string_view text) {
  if (closed_.load()) return;
  if (!TakeToken()) return Close(4429, "more than 20 frames a second");
  frames::ParsedFrame parsed = frames::ParseClientFrame(text);
  if (!parsed.frame) {
    const frames::FrameError& e = parsed.error;
    if (e.close_code != 0) return Close(e.close_code, e.message);
    return Error(e.code, e.message, e.ref, e.conversation_id);
  }
  const Frame& f = *parsed.frame;
  const char* type = frames::Name(f.type);
  if (f.type == FrameType::kHello) {
    if (greeted_.load()) return Error("bad_request", "hello was sent already", type);
    return Hello(f);
  }
  if (!greeted_.load()) return Error("bad_request", "send hello first", type);
  const bool visitor = !admission_.agent;
  switch (f.type) {
    case FrameType::kStart:
      if (!visitor) return Error("bad_request", "start is for visitors", type);
      return Start(f);
    case FrameType::kSend:
      return Send(f);
    case FrameType::kResume: {
      {
        std::lock_guard<std::mutex> lock(mu_);
        Resume(f.conversation_id, f.after, type);
      }
      return AskForDrain();
    }
    case FrameType::kTyping:
      return Typing(f);
    case FrameType::kRead:
      return Read(f);
    case FrameType::kPing:
      return SendFrame(frames::PongFrame());
    case FrameType::kPresence:
      if (visitor) return Error("bad_request", "presence is for agents", type);
      return Presence(f);
    case FrameType::kAccept:
    case FrameType::kDecline:
    case FrameType::kTransfer:
    case FrameType::kJoin:
      if (visitor) return Error("bad_request", std::string(type) + " is for agents", type);
      return AgentAction(f);
    case FrameType::kEnd:
      return End(f);
    case FrameType::kHello:
      return;
  }
}

void ChatConnection::OnClosed() {
  closed_.store(true);
  endpoint_.hub().Remove(this);
  if (admission_.agent && greeted_.load()) {
    endpoint_.chat().presence().Disconnected(admission_.who.workspace_id, admission_.who.agent_id);
  }
}

// --- frames out -------------------------------------------------------------------------

void ChatConnection::Error(std::string_view code, std::string_view message,
                           std::string_view ref, domain::Id conversation_id) {
  SendFrame(frames::ErrorFrame(code, message, ref, conversation_id));
}

void ChatConnection::ErrorFor(const Status& st, std::string_view ref,
                              domain::Id conversation_id) {
  switch (st.code()) {
    case Code::kInvalidArgument:
      return Error("bad_request", Describe(st), ref, conversation_id);
    case Code::kNotFound:
      return Error("not_found", st.message(), ref, conversation_id);
    case Code::kPermissionDenied:
      return Error("forbidden", st.message(), ref, conversation_id);
    case Code::kFailedPrecondition:
      return Error(st.kind() == "ended" ? "ended" : "bad_request", st.message(), ref,
                   conversation_id);
    case Code::kResourceExhausted:
      return Error("rate_limited", st.message(), ref, conversation_id);
    case Code::kUnauthenticated:
      return Close(4401, st.message());
    default:
      spdlog::warn("chat: {} failed: {}", ref, st.ToString());
      return Error("unavailable", "the server could not do this now; try again", ref,
                   conversation_id);
  }
}

void ChatConnection::SendFrame(const std::string& frame) {
  if (!closed_.load()) transport_->Send(frame);
}

void ChatConnection::CloseWith(int code, const std::string& reason) { Close(code, reason); }

void ChatConnection::Close(int code, const std::string& reason) {
  if (closed_.exchange(true)) return;
  transport_->Close(code, reason);
}

// --- the hub's side ---------------------------------------------------------------------

void ChatConnection::Begin(domain::Id conversation_id, int64_t after_seq) {
  std::lock_guard<std::mutex> lock(mu_);
  watching_.emplace(conversation_id, after_seq);
}

void ChatConnection::Finish(domain::Id conversation_id) {
  std::lock_guard<std::mutex> lock(mu_);
  watching_.erase(conversation_id);
}

void ChatConnection::Deliver(const ChatEvent& e) {
  if (closed_.load()) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = watching_.find(e.conversation_id);
    // A conversation still being paged out gets its live events from the store, in order.
    if (it == watching_.end() || e.seq <= it->second || behind_.count(e.conversation_id)) {
      return;
    }
    if (e.seq == it->second + 1) {
      it->second = e.seq;
      SendEventLocked(e);
      return;
    }
    // Another commit's events are still on their way (or were published before we watched):
    // what is missing is in the store.
    CatchUpLocked(e.conversation_id);
  }
  AskForDrain();
}

void ChatConnection::AskForDrain() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (behind_.empty() || drain_asked_ || closed_.load()) return;
    drain_asked_ = true;
  }
  std::weak_ptr<ChatConnection> weak = weak_from_this();
  transport_->WhenDrained([weak] {
    if (auto self = weak.lock()) self->Continue();
  });
}

void ChatConnection::Continue() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    drain_asked_ = false;
    const std::set<domain::Id> behind = behind_;
    for (domain::Id id : behind) CatchUpLocked(id);
  }
  AskForDrain();
}

void ChatConnection::DeliverRead(domain::Id conversation_id, const services::ChatAuthor& author,
                                 int64_t seq) {
  // This side's own read position is not news to it.
  if (author.kind == (admission_.agent ? "agent" : "visitor") && author.id == self_id_.load()) {
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!watching_.count(conversation_id)) return;
  }
  SendFrame(frames::ReadFrame(conversation_id, author, seq));
}

void ChatConnection::SendEventLocked(const ChatEvent& e) {
  if (e.kind.empty()) return;  // a marker for an event this visitor is not shown
  if (!admission_.agent && !frames::VisitorSees(e)) return;
  if (!admission_.agent && e.kind == "message") {
    // Visitors download through signed, expiring links, not the agents' URL.
    json j = frames::EventJson(e);
    j["attachments"] = endpoint_.chat().VisitorAttachments(e);
    SendFrame(j.dump());
  } else {
    SendFrame(frames::EventFrame(e));
  }
  // docs/chat.md: the end of a visitor's last conversation closes the socket normally.
  if (!admission_.agent && e.kind == "ended" && live_.erase(e.conversation_id) > 0 &&
      live_.empty()) {
    Close(1000, "the chat ended");
  }
}

void ChatConnection::CatchUpLocked(domain::Id conversation_id) {
  auto it = watching_.find(conversation_id);
  if (it == watching_.end()) {
    behind_.erase(conversation_id);
    return;
  }
  std::vector<ChatEvent> events;
  Status st = endpoint_.store().Read([&](ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(events, endpoint_.chat().EventsAfter(tx, party_, conversation_id,
                                                          it->second, kPage));
    return Status::Ok();
  });
  if (!st.ok()) {
    spdlog::warn("chat: catching up conversation {} failed: {}", conversation_id,
                 st.ToString());
    behind_.erase(conversation_id);
    return;
  }
  for (const ChatEvent& e : events) {
    it->second = e.seq;
    SendEventLocked(e);
  }
  if (static_cast<int>(events.size()) < kPage) {
    behind_.erase(conversation_id);
  } else {
    behind_.insert(conversation_id);
  }
}

bool ChatConnection::Resume(domain::Id conversation_id, int64_t after, std::string_view ref) {
  ChatConversation c;
  Status st = endpoint_.store().Read([&](ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(c, endpoint_.chat().Visible(tx, party_, conversation_id));
    return Status::Ok();
  });
  if (!st.ok()) {
    ErrorFor(st, ref, conversation_id);
    return false;
  }
  endpoint_.hub().Watch(shared_from_this(), c.id);
  if (!admission_.agent && c.live()) live_.insert(c.id);
  // From `after` on, whatever was sent before: the client asked for it. Live events meanwhile
  // find the cursor behind them and are read from the store in order.
  watching_[c.id] = after;
  CatchUpLocked(c.id);
  return true;
}

// --- hello --------------------------------------------------------------------------------

void ChatConnection::Hello(const Frame& f) {
  if (admission_.agent) {
    AgentHello(f);
  } else {
    VisitorHello(f);
  }
  AskForDrain();
}

void ChatConnection::VisitorHello(const Frame& f) {
  services::ChatVisitorSession session;
  Status st = endpoint_.store().Write([&](WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(session, endpoint_.chat().OpenVisitor(tx, admission_.settings, f.token,
                                                           f.language, f.page));
    return Status::Ok();
  });
  if (!st.ok()) {
    if (st.code() == Code::kUnauthenticated) return Close(4401, st.message());
    return ErrorFor(st, "hello");
  }
  visitor_ = session.visitor;
  party_ = services::ChatParty::Visitor(visitor_, visitor_.name);
  self_id_.store(visitor_.id);
  services::ChatAvailability availability;
  std::vector<ChatConversation> conversations;
  std::vector<services::ChatConversationView> summaries;
  st = endpoint_.store().Read([&](ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(availability, endpoint_.chat().Availability(tx, admission_.settings));
    ASSIGN_OR_RETURN(conversations, tx.chat().ListConversationsOfVisitor(
                                        visitor_.workspace_id, visitor_.id, 20));
    ASSIGN_OR_RETURN(summaries, endpoint_.chat().Describe(tx, conversations));
    return Status::Ok();
  });
  if (!st.ok()) return ErrorFor(st, "hello");
  std::lock_guard<std::mutex> lock(mu_);
  endpoint_.hub().AddVisitor(shared_from_this());
  json welcome = {{"type", "welcome"},
                  {"online", availability.online},
                  {"expected_wait_seconds", availability.expected_wait_seconds},
                  {"prechat", availability.prechat},
                  {"visitor", {{"name", visitor_.name}, {"email", visitor_.email}}},
                  {"conversations", json::array()}};
  if (!session.new_token.empty()) welcome["token"] = session.new_token;
  for (const auto& v : summaries) welcome["conversations"].push_back(ConversationSummary(v));
  greeted_.store(true);
  SendFrame(welcome.dump());
  for (const auto& [id, after] : f.resume) Resume(id, after, "hello");
  for (const auto& c : conversations) {
    if (!c.live() || watching_.count(c.id)) continue;
    live_.insert(c.id);
    watching_.emplace(c.id, c.last_seq);
    endpoint_.hub().Watch(shared_from_this(), c.id);
  }
}

void ChatConnection::AgentHello(const Frame& f) {
  const auto& who = admission_.who;
  self_id_.store(who.agent_id);
  {
    std::lock_guard<std::mutex> lock(mu_);
    endpoint_.hub().AddAgent(who.workspace_id, who.agent_id, shared_from_this());
    endpoint_.chat().presence().Connected(who.workspace_id, who.agent_id);
    greeted_.store(true);
    std::vector<ChatConversation> live;
    std::vector<services::ChatConversationView> live_views, waiting;
    services::ChatAgentProfile profile;
    Status st = endpoint_.store().Read([&](ReadTx& tx) -> Status {
      ASSIGN_OR_RETURN(live, endpoint_.chat().LiveChatsOf(tx, who.workspace_id, who.agent_id));
      ASSIGN_OR_RETURN(live_views, endpoint_.chat().Describe(tx, live));
      ASSIGN_OR_RETURN(auto queued, endpoint_.chat().Waiting(tx, who.workspace_id));
      ASSIGN_OR_RETURN(waiting, endpoint_.chat().Describe(tx, queued));
      ASSIGN_OR_RETURN(profile, endpoint_.chat().Profile(tx, who, who.agent_id));
      return Status::Ok();
    });
    if (!st.ok()) return ErrorFor(st, "hello");
    json welcome = {
        {"type", "welcome"},
        {"agent_id", who.agent_id},
        {"presence", endpoint_.chat().presence().State(who.workspace_id, who.agent_id)},
        {"capacity", profile.capacity},
        {"languages", profile.languages},
        {"conversations", json::array()}};
    for (const auto& v : live_views) welcome["conversations"].push_back(ConversationSummary(v));
    SendFrame(welcome.dump());
    for (const auto& [id, after] : f.resume) Resume(id, after, "hello");
    for (const auto& c : live) {
      if (watching_.count(c.id)) continue;
      watching_.emplace(c.id, c.last_seq);
      endpoint_.hub().Watch(shared_from_this(), c.id);
    }
    SendFrame(QueueFrame(waiting));
  }
  RouteNow();
}

void ChatConnection::RouteNow() {
  ChatEffects fx;
  const services::Id ws = admission_.who.workspace_id;
  Status st = endpoint_.store().Write([&](WriteTx& tx) -> Status {
    fx = ChatEffects();
    return endpoint_.chat().Route(tx, ws, &fx);
  });
  if (!st.ok()) {
    spdlog::warn("chat: routing failed: {}", st.ToString());
    return;
  }
  endpoint_.Publish(fx);
}

// --- conversation frames ------------------------------------------------------------------

void ChatConnection::Start(const Frame& f) {
  services::ChatStartInput in;
  in.client_id = f.client_id;
  in.text = f.text;
  in.name = f.name;
  in.email = f.email;
  in.fields = f.fields;
  in.attachments = f.attachments;
  ChatEffects fx;
  services::ChatPosted posted;
  services::ChatVisitor visitor = visitor_;
  Status st = endpoint_.store().Write([&](WriteTx& tx) -> Status {
    fx = ChatEffects();
    visitor = visitor_;
    ASSIGN_OR_RETURN(posted, endpoint_.chat().Start(tx, admission_.settings, &visitor, in, &fx));
    return Status::Ok();
  });
  if (!st.ok()) return ErrorFor(st, f.client_id);
  visitor_ = visitor;
  const ChatConversation& c = posted.conversation;
  {
    std::lock_guard<std::mutex> lock(mu_);
    party_.name = visitor_.name;  // catch-ups on other threads read party_ under mu_
    if (c.live()) live_.insert(c.id);
    if (!watching_.count(c.id)) {
      // New: its events arrive through the hub from the first; found again: from now on.
      watching_.emplace(c.id, posted.duplicate ? c.last_seq : 0);
      endpoint_.hub().Watch(shared_from_this(), c.id);
    }
  }
  endpoint_.Publish(fx);
  SendFrame(frames::AckFrame(f.client_id, c.id, posted.event.seq));
}

void ChatConnection::Send(const Frame& f) {
  services::ChatSendInput in;
  in.conversation_id = f.conversation_id;
  in.client_id = f.client_id;
  in.text = f.text;
  in.attachments = f.attachments;
  in.internal = f.internal;
  ChatEffects fx;
  services::ChatPosted posted;
  Status st = endpoint_.store().Write([&](WriteTx& tx) -> Status {
    fx = ChatEffects();
    ASSIGN_OR_RETURN(posted, endpoint_.chat().Send(tx, party_, in, &fx));
    return Status::Ok();
  });
  if (!st.ok()) return ErrorFor(st, f.client_id, f.conversation_id);
  endpoint_.Publish(fx);
  SendFrame(frames::AckFrame(f.client_id, posted.conversation.id, posted.event.seq));
}

void ChatConnection::Typing(const Frame& f) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!watching_.count(f.conversation_id)) {
      return Error("not_found", "no such conversation " + std::to_string(f.conversation_id),
                   "typing", f.conversation_id);
    }
  }
  endpoint_.hub().Relay(f.conversation_id, this,
                        frames::TypingFrame(f.conversation_id, party_.author(), f.active));
}

void ChatConnection::Read(const Frame& f) {
  ChatEffects fx;
  Status st = endpoint_.store().Write([&](WriteTx& tx) -> Status {
    fx = ChatEffects();
    return endpoint_.chat().MarkRead(tx, party_, f.conversation_id, f.seq, &fx);
  });
  if (!st.ok()) return ErrorFor(st, "read", f.conversation_id);
  endpoint_.Publish(fx);
}

void ChatConnection::Presence(const Frame& f) {
  const auto& who = admission_.who;
  endpoint_.chat().presence().SetState(who.workspace_id, who.agent_id, f.state);
  EchoPresence();
  if (f.state == "online") RouteNow();
}

void ChatConnection::EchoPresence() {
  const auto& who = admission_.who;
  const json frame = {{"type", "presence"},
                      {"agent_id", who.agent_id},
                      {"state", endpoint_.chat().presence().State(who.workspace_id,
                                                                  who.agent_id)}};
  endpoint_.hub().ToAgent(who.workspace_id, who.agent_id, frame.dump());
}

void ChatConnection::AgentAction(const Frame& f) {
  ChatEffects fx;
  auto& chat = endpoint_.chat();
  Status st = endpoint_.store().Write([&](WriteTx& tx) -> Status {
    fx = ChatEffects();
    switch (f.type) {
      case FrameType::kAccept: return chat.Accept(tx, party_, f.conversation_id, &fx);
      case FrameType::kDecline: return chat.Decline(tx, party_, f.conversation_id, &fx);
      case FrameType::kJoin: return chat.Join(tx, party_, f.conversation_id, &fx);
      case FrameType::kTransfer:
        return chat.Transfer(tx, party_, f.conversation_id, f.agent_id, f.group_id, &fx);
      default: return InvalidArgument("not an agent action");
    }
  });
  if (!st.ok()) return ErrorFor(st, frames::Name(f.type), f.conversation_id);
  endpoint_.Publish(fx);
}

void ChatConnection::End(const Frame& f) {
  ChatEffects fx;
  Status st = endpoint_.store().Write([&](WriteTx& tx) -> Status {
    fx = ChatEffects();
    return endpoint_.chat().End(tx, party_, f.conversation_id, &fx);
  });
  if (!st.ok()) return ErrorFor(st, "end", f.conversation_id);
  endpoint_.Publish(fx);
}

}  // namespace sahayak::api
