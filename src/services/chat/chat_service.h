#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "services/chat/assistant_hook.h"
#include "services/chat/chat_presence.h"
#include "services/chat/chat_store.h"
#include "services/principal.h"
#include "services/store.h"
#include "services/tickets/ticket_service.h"

// Live chat's use cases (docs/chat.md): visitors start conversations and send messages, agents
// are offered chats by routing and accept, decline, transfer, join and end them. Every change
// is one call inside the caller's write transaction: the events it stores (numbered per
// conversation), the ticket (channel chat) whose conversation is the transcript, and the audit
// rows commit together. What the change means for connected clients is collected in
// ChatEffects, which the caller hands to the hub (services/chat/chat_hub.h) after the commit.
//
// Who may do what:
// - a visitor reaches only their own conversations (NotFound for any other, the same answer as
//   for one that does not exist);
// - agents see every chat of their workspace, as they see every ticket (search/searcher.h's
//   permission rule); they send in, transfer and end the chats they have, and accept or
//   decline the chats offered to them (PermissionDenied otherwise);
// - supervisors are admins: they join any live chat and then act in it like its agent.
//
// Stateless apart from the clock, the presence and the hooks; thread-safe.
namespace sahayak::services {

// Who acts in a conversation.
struct ChatParty {
  enum class Kind { kVisitor, kAgent };
  Kind kind = Kind::kVisitor;
  Id workspace_id = 0;
  Id id = 0;  // visitor id or agent id
  std::string name;
  bool admin = false;  // an agent who may supervise

  bool visitor() const { return kind == Kind::kVisitor; }
  ChatAuthor author() const { return {visitor() ? "visitor" : "agent", id, name}; }
  static ChatParty Visitor(const ChatVisitor& v, std::string_view name);
  static ChatParty Agent(const Principal& who);
};

// What a committed change means for connected clients.
struct ChatEffects {
  // (conversation, agent): the agent's connections start watching the conversation at the
  // event with seq `from_seq` (an offer, a join).
  struct Watch {
    Id conversation_id = 0;
    Id agent_id = 0;
    int64_t from_seq = 0;
  };
  struct Read {
    Id conversation_id = 0;
    ChatAuthor author;
    int64_t seq = 0;
  };
  Id workspace_id = 0;
  std::vector<ChatEvent> events;  // stored, in seq order per conversation
  std::vector<Watch> watch;
  std::vector<std::pair<Id, Id>> unwatch;  // (conversation, agent), after the events
  std::vector<Read> reads;
  bool queue_changed = false;  // the workspace's waiting chats changed

  bool empty() const {
    return events.empty() && watch.empty() && unwatch.empty() && reads.empty() && !queue_changed;
  }
};

struct ChatStartInput {
  std::string client_id;
  std::string text;  // NFC, trimmed
  std::string name;
  std::string email;
  nlohmann::json fields = nlohmann::json::object();
  std::vector<Id> attachments;
};

struct ChatSendInput {
  Id conversation_id = 0;
  std::string client_id;
  std::string text;  // NFC, trimmed
  std::vector<Id> attachments;
  bool internal = false;
};

// A message stored (or found again by its client_id: `duplicate`).
struct ChatPosted {
  ChatConversation conversation;
  ChatEvent event;
  bool duplicate = false;
};

struct ChatVisitorSession {
  ChatVisitor visitor;
  std::string new_token;  // set when the visitor is new: the widget keeps it
};

struct ChatAvailability {
  bool online = false;  // open (business hours) and an agent with room is online
  int64_t expected_wait_seconds = 0;
  bool prechat = true;
  bool open = true;                // the chat's business hours are open now
  std::optional<Millis> opens_at;  // when closed: the next opening, if any
};

struct ChatOfflineInput {
  std::string name;
  std::string email;
  std::string text;
  std::string language;
};

// The language of a visitor's text: an ISO 639-1 code or "" (base/language.h's
// DetectLanguage in the server).
using ChatLanguageDetector = std::function<std::string(std::string_view)>;

struct ChatServiceOptions {
  int max_live_per_visitor = 5;  // live conversations a visitor may have at once
  int queue_scan_limit = 500;    // queued chats routing looks at per pass
  int handle_seconds = 180;      // the expected wait assumes one chat takes this long
  // Signs the visitors' attachment links (services/chat/chat_links.h: DeriveChatLinkKey of
  // the server's secret key). Empty: visitors get no links.
  std::string link_key;
};

// A conversation with what clients show beside it (summaries, queue items, the supervisors'
// list): the visitor's name and how far each side has read.
struct ChatConversationView {
  ChatConversation conversation;
  std::string visitor_name;
  int64_t read_seq_visitor = 0;
  int64_t read_seq_agent = 0;  // the furthest any agent has read
};

class ChatService {
 public:
  using Options = ChatServiceOptions;

  // `tickets`, `presence` and `assistant` (optional) must outlive the service.
  ChatService(const Clock& clock, TicketService& tickets, ChatPresence& presence,
              AssistantHook* assistant = nullptr, ChatLanguageDetector detect = nullptr,
              Options options = Options());

  const Clock& clock() const { return clock_; }
  ChatPresence& presence() { return presence_; }

  // --- settings (chat_settings.cc) ---
  static ChatSettings Defaults(Id ws);
  // The stored settings, or the defaults (no widget key yet).
  Result<ChatSettings> Settings(ReadTx& tx, Id ws) const;
  // Admins only (PermissionDenied otherwise). `body`: enabled, allowed_origins, prechat,
  // routing, default_group_id, offer_timeout_seconds, agent_grace_seconds; errors name each
  // bad member. The first save makes the widget key. `if_match`: Aborted when stale.
  Result<ChatSettings> UpdateSettings(WriteTx& tx, const Principal& who,
                                      const nlohmann::json& body,
                                      std::optional<int64_t> if_match);
  // A new widget key; the old one stops working at once.
  Result<ChatSettings> RotateWidgetKey(WriteTx& tx, const Principal& who);
  // Any agent reads any agent's profile; admins change them, agents their own.
  Result<ChatAgentProfile> Profile(ReadTx& tx, const Principal& who, Id agent_id) const;
  Result<ChatAgentProfile> UpdateProfile(WriteTx& tx, const Principal& who, Id agent_id,
                                         const nlohmann::json& body,
                                         std::optional<int64_t> if_match);

  // --- the widget's side (chat_service.cc) ---
  // NotFound for an unknown key, FailedPrecondition ("chat-disabled") when chat is off.
  Result<ChatSettings> FindWidget(ReadTx& tx, std::string_view widget_key) const;
  Result<ChatAvailability> Availability(ReadTx& tx, const ChatSettings& settings) const;
  // The visitor of `token` (Unauthenticated when it is unknown or of another workspace), or a
  // new visitor with a new token when `token` is empty.
  Result<ChatVisitorSession> OpenVisitor(WriteTx& tx, const ChatSettings& settings,
                                         std::string_view token, std::string_view language,
                                         std::string_view page);
  // Opens a conversation with its first message, on a new ticket (channel chat), and queues
  // it. The same client_id again returns the first conversation (`duplicate`). InvalidArgument
  // naming `email` when the pre-chat form is on and no address is known; ResourceExhausted
  // ("rate_limited") beyond Options::max_live_per_visitor live conversations.
  Result<ChatPosted> Start(WriteTx& tx, const ChatSettings& settings, ChatVisitor* visitor,
                           const ChatStartInput& in, ChatEffects* fx);
  // A message leaves the team offline: an e-mail ticket for that address, acknowledged by mail
  // like a web form's.
  Result<domain::Ticket> LeaveMessage(WriteTx& tx, const ChatSettings& settings,
                                      const ChatOfflineInput& in);

  // --- both sides ---
  // The conversation if `who` may see it; NotFound otherwise.
  Result<ChatConversation> Visible(ReadTx& tx, const ChatParty& who, Id conversation_id) const;
  // Stores a message (also a message of the ticket) or, for a client_id seen before in the
  // conversation, returns the stored one. FailedPrecondition ("ended") once it is over.
  Result<ChatPosted> Send(WriteTx& tx, const ChatParty& who, const ChatSendInput& in,
                          ChatEffects* fx);
  // A message from the team itself, not from an agent (author kind "system", named
  // `author_name`: the business): a notice the business sends unasked, such as a shipment
  // notice (docs/shipments.md, "By live chat"). Into any conversation of workspace `ws`, live or
  // ended; it changes neither the conversation's status and figures nor its ticket's status,
  // and it is nobody's first response. Stored once per `client_id`: the same call again answers
  // the stored event (`duplicate`). Also a public message of the chat's ticket (author
  // system), unless that ticket is closed.
  Result<ChatPosted> PostNotice(WriteTx& tx, Id ws, Id conversation_id,
                                const std::string& author_name, const std::string& text,
                                const std::string& client_id, ChatEffects* fx);
  // Events after `after_seq`, oldest first, at most `limit`. A visitor gets the events they
  // are not shown (internal notes, offers) as markers with an empty kind and only their seq,
  // so the caller can count through them.
  Result<std::vector<ChatEvent>> EventsAfter(ReadTx& tx, const ChatParty& who,
                                             Id conversation_id, int64_t after_seq,
                                             int limit) const;
  Status MarkRead(WriteTx& tx, const ChatParty& who, Id conversation_id, int64_t seq,
                  ChatEffects* fx);
  // Event `ended`. The ticket stays as it is: open for the agent's follow-up, new when no one
  // took the chat (docs/chat.md, "Ending").
  Status End(WriteTx& tx, const ChatParty& who, Id conversation_id, ChatEffects* fx);

  // --- agents (chat_routing.cc) ---
  Status Accept(WriteTx& tx, const ChatParty& who, Id conversation_id, ChatEffects* fx);
  Status Decline(WriteTx& tx, const ChatParty& who, Id conversation_id, ChatEffects* fx);
  // To an agent (offered to them) or a group (queued there). Only the chat's agent or a
  // supervisor.
  Status Transfer(WriteTx& tx, const ChatParty& who, Id conversation_id,
                  std::optional<Id> to_agent, std::optional<Id> to_group, ChatEffects* fx);
  // Supervisors (admins) only.
  Status Join(WriteTx& tx, const ChatParty& who, Id conversation_id, ChatEffects* fx);
  // Queues a conversation the assistant kept (AssistantDecision::hand_to_agents false).
  Status HandOff(WriteTx& tx, Id ws, Id conversation_id, ChatEffects* fx);
  // Offers queued chats to available agents: per chat (oldest first), the connected `online`
  // agents of its group (any agent when it has none) with room under their capacity who have
  // not turned it down, preferring those who speak its language; among them the one offered
  // least recently (round_robin) or with the fewest chats (least_busy).
  Status Route(WriteTx& tx, Id ws, ChatEffects* fx);
  // Lapsed offers go to the next agent; chats of agents gone longer than the grace period go
  // back to the queue; then Route.
  Status Tick(WriteTx& tx, Id ws, ChatEffects* fx);
  // Queued and offered chats, oldest first.
  Result<std::vector<ChatConversation>> Waiting(ReadTx& tx, Id ws) const;
  Result<std::vector<ChatConversation>> LiveChatsOf(ReadTx& tx, Id ws, Id agent_id) const;

  // --- views (chat_views.cc) ---
  Result<ChatConversationView> Describe(ReadTx& tx, const ChatConversation& c) const;
  Result<std::vector<ChatConversationView>> Describe(
      ReadTx& tx, const std::vector<ChatConversation>& cs) const;
  // Supervisors (admins; PermissionDenied otherwise): the workspace's live conversations
  // (queued, offered, active), in id order, those with an id above `after`, at most `limit`.
  Result<std::vector<ChatConversationView>> LiveConversations(ReadTx& tx, const Principal& who,
                                                              Id after, int limit) const;
  // The attachments of `e` as the visitor gets them: each `url` a signed link that expires
  // kChatLinkLifetimeSeconds from now (no `url` when the server has no link key).
  nlohmann::json VisitorAttachments(const ChatEvent& e) const;
  // Whether a visitor's link is good: PermissionDenied ("link-invalid" / "link-expired") for a
  // forged or expired signature, NotFound when the attachment is not one the visitor was
  // shown in that conversation.
  Status CheckVisitorLink(ReadTx& tx, Id ws, Id conversation_id, Id attachment_id,
                          int64_t expires, std::string_view signature) const;

 private:
  Result<ChatConversation> Mine(WriteTx& tx, const ChatParty& who, Id conversation_id) const;
  // Stores an event as the conversation's next (c->last_seq advances).
  Status Append(WriteTx& tx, ChatConversation* c, ChatEvent e, ChatEffects* fx);
  Status Queue(WriteTx& tx, ChatConversation* c, ChatEffects* fx);
  // Route; `reset_declines` starts a new round for chats every available agent turned down.
  Status RouteQueue(WriteTx& tx, Id ws, bool reset_declines, ChatEffects* fx);
  Status Offer(WriteTx& tx, ChatConversation* c, Id agent_id, const ChatSettings& settings,
               ChatEffects* fx);
  // The ticket message for a chat message (channel chat): never the e-mail reply path.
  // `who` nullptr: the team itself (PostNotice), author kind system.
  Result<std::optional<Id>> AppendToTicket(WriteTx& tx, const ChatConversation& c,
                                           const ChatParty* who, const std::string& text,
                                           bool internal, const std::vector<Id>& attachments);
  Principal SystemPrincipal(Id ws) const;
  bool IsParticipant(const ChatConversation& c, const ChatParty& who) const;

  const Clock& clock_;
  TicketService& tickets_;
  ChatPresence& presence_;
  AssistantHook* assistant_;
  ChatLanguageDetector detect_;
  Options options_;
};

}  // namespace sahayak::services
