// What clients show beside a conversation (visitor name, read positions), the supervisors'
// list of live chats, and the visitors' signed attachment links.
#include <algorithm>

#include "services/chat/chat_links.h"
#include "services/chat/chat_service.h"

namespace sahayak::services {

using nlohmann::json;

namespace {

// Conversations the supervisors' list reads at most: every live chat of a workspace.
constexpr int kLiveScanLimit = 10000;
// Events read per page while looking for an attachment in a conversation.
constexpr int kEventPage = 500;

}  // namespace

Result<ChatConversationView> ChatService::Describe(ReadTx& tx, const ChatConversation& c) const {
  ChatConversationView v;
  v.conversation = c;
  auto visitor = tx.chat().GetVisitor(c.workspace_id, c.visitor_id);
  if (visitor.ok()) {
    v.visitor_name = visitor->name;
  } else if (visitor.status().code() != Code::kNotFound) {
    return visitor.status();
  }
  ASSIGN_OR_RETURN(auto positions, tx.chat().ListReadPositions(c.workspace_id, c.id));
  for (const auto& p : positions) {
    int64_t& into = p.reader_kind == "visitor" ? v.read_seq_visitor : v.read_seq_agent;
    into = std::max(into, p.seq);
  }
  return v;
}

Result<std::vector<ChatConversationView>> ChatService::Describe(
    ReadTx& tx, const std::vector<ChatConversation>& cs) const {
  std::vector<ChatConversationView> out;
  out.reserve(cs.size());
  for (const auto& c : cs) {
    ASSIGN_OR_RETURN(auto v, Describe(tx, c));
    out.push_back(std::move(v));
  }
  return out;
}

Result<std::vector<ChatConversationView>> ChatService::LiveConversations(ReadTx& tx,
                                                                         const Principal& who,
                                                                         Id after,
                                                                         int limit) const {
  if (!who.is_admin()) {
    return PermissionDenied("only supervisors (admins) see every live chat");
  }
  ASSIGN_OR_RETURN(auto all,
                   tx.chat().ListConversationsByStatus(
                       who.workspace_id, {"queued", "offered", "active"}, kLiveScanLimit));
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  std::vector<ChatConversation> page;
  for (auto& c : all) {
    if (c.id <= after) continue;
    if (static_cast<int>(page.size()) >= limit) break;
    page.push_back(std::move(c));
  }
  return Describe(tx, page);
}

json ChatService::VisitorAttachments(const ChatEvent& e) const {
  json out = json::array();
  auto it = e.data.find("attachments");
  if (it == e.data.end() || !it->is_array()) return out;
  const int64_t expires = clock_.Now() / 1000 + kChatLinkLifetimeSeconds;
  for (json a : *it) {
    a.erase("url");
    if (!options_.link_key.empty() && a.contains("id") && a["id"].is_number_integer()) {
      a["url"] = ChatAttachmentLink(
          options_.link_key, {a["id"].get<Id>(), e.workspace_id, e.conversation_id, expires});
    }
    out.push_back(std::move(a));
  }
  return out;
}

Status ChatService::CheckVisitorLink(ReadTx& tx, Id ws, Id conversation_id, Id attachment_id,
                                     int64_t expires, std::string_view signature) const {
  if (options_.link_key.empty()) {
    return PermissionDenied("this link is not valid").WithKind("link-invalid");
  }
  switch (CheckChatLink(options_.link_key, {attachment_id, ws, conversation_id, expires}, signature,
                        clock_.Now())) {
    case ChatLinkCheck::kForged:
      return PermissionDenied("this link is not valid").WithKind("link-invalid");
    case ChatLinkCheck::kExpired:
      return PermissionDenied("this link has expired; reopen the chat for a new one")
          .WithKind("link-expired");
    case ChatLinkCheck::kOk:
      break;
  }
  // Only files of messages the visitor is shown (not internal notes) in that conversation.
  int64_t after = 0;
  for (;;) {
    ASSIGN_OR_RETURN(auto events,
                     tx.chat().ListEventsAfter(ws, conversation_id, after, kEventPage));
    for (const auto& e : events) {
      after = e.seq;
      if (e.internal || e.kind != "message") continue;
      auto it = e.data.find("attachments");
      if (it == e.data.end() || !it->is_array()) continue;
      for (const auto& a : *it) {
        if (a.value("id", Id{0}) == attachment_id) return Status::Ok();
      }
    }
    if (static_cast<int>(events.size()) < kEventPage) break;
  }
  return NotFound("there is no such file in this conversation");
}

}  // namespace sahayak::services
