#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "base/status.h"
#include "domain/types.h"

// Live chat's storage (docs/chat.md; migration 0020): the widget settings, visitors,
// conversations with their numbered events, agents' chat profiles, read positions and the
// files visitors upload. Reached through ReadTx::chat() and WriteTx::chat()
// (services/store.h); store/sqlite/tx_chat.cc implements it inside the store's transaction.
// Methods that take the workspace answer NotFound for ids outside it.
namespace sahayak::services {

using domain::Id;

inline constexpr int kDefaultChatCapacity = 3;

// A workspace's chat settings (Admin → Chat).
struct ChatSettings {
  Id workspace_id = 0;
  bool enabled = false;
  std::string widget_key;                    // public, in the business's page: "wk_…"
  std::vector<std::string> allowed_origins;  // normalised: "https://shop.example.in"
  bool prechat = true;                       // the widget asks for a name and e-mail first
  std::string routing = "round_robin";       // round_robin | least_busy
  std::optional<Id> default_group_id;        // new chats queue in this group
  // The schedule the widget is online in (docs/chat.md, "Business hours"); unset: the default
  // group's schedule, else the workspace's default, else always.
  std::optional<Id> business_hours_id;
  int offer_timeout_seconds = 30;
  int agent_grace_seconds = 60;
  Millis updated_at = 0;
  int64_t version = 0;  // 0: never saved (the defaults)
};

struct ChatVisitor {
  Id id = 0;
  Id workspace_id = 0;
  std::string token_hash;  // HashToken of the token the widget keeps
  std::optional<Id> contact_id;
  std::string name;
  std::string email;
  std::string language;  // en, hi, kn, or ""
  std::string page;      // the page the widget was last opened on
  Millis created_at = 0;
  Millis last_seen_at = 0;
};

// Who did something in a conversation.
struct ChatAuthor {
  std::string kind = "system";  // visitor | agent | system
  Id id = 0;
  std::string name;
  bool operator==(const ChatAuthor&) const = default;
};

struct ChatConversation {
  Id id = 0;
  Id workspace_id = 0;
  Id ticket_id = 0;
  Id visitor_id = 0;
  Id contact_id = 0;
  std::optional<Id> group_id;
  std::optional<Id> agent_id;  // who has it (active), or had it last
  std::string language;
  std::string status = "queued";  // queued | offered | active | ended | missed
  std::string page;
  std::optional<Id> offered_agent_id;
  std::optional<Millis> offer_expires_at;
  std::vector<Id> declined;     // agents who turned this round of offers down (or let it lapse)
  std::vector<Id> supervisors;  // supervisors (admins) who joined
  int64_t last_seq = 0;
  Millis created_at = 0;
  Millis queued_at = 0;  // when it last went into the queue: the queue's order
  std::optional<Millis> accepted_at;
  std::optional<Millis> first_response_at;
  std::optional<Millis> ended_at;
  std::string ended_by;  // visitor | agent | system
  std::optional<int64_t> wait_ms;
  std::optional<int64_t> first_response_ms;
  std::optional<int64_t> duration_ms;
  bool missed = false;
  bool held_by_assistant = false;  // not offered to agents until the assistant hands it off
  Millis updated_at = 0;

  bool live() const { return status != "ended" && status != "missed"; }
};

// One stored event. `data` holds the members its kind adds (docs/chat.md: position,
// expires_at, to, by, ticket_id, attachments).
struct ChatEvent {
  Id id = 0;
  Id workspace_id = 0;
  Id conversation_id = 0;
  int64_t seq = 0;
  std::string kind;  // message | queued | offered | joined | left | transferred | ended
  ChatAuthor author;
  std::string text;
  std::string client_id;  // messages only; "" otherwise
  bool internal = false;  // a note only agents see
  nlohmann::json data = nlohmann::json::object();
  std::optional<Id> message_id;  // the ticket message it became
  Millis created_at = 0;
};

struct ChatAgentProfile {
  Id workspace_id = 0;
  Id agent_id = 0;
  int capacity = kDefaultChatCapacity;
  std::vector<std::string> languages;  // empty: the agent's console language
  Millis updated_at = 0;
  int64_t version = 0;  // 0: never saved (the defaults)
};

struct ChatReadPosition {
  std::string reader_kind;  // visitor | agent
  Id reader_id = 0;
  int64_t seq = 0;
  Millis updated_at = 0;
};

class ChatReadTx {
 public:
  virtual ~ChatReadTx() = default;

  // NotFound until the workspace's settings were first saved.
  virtual Result<ChatSettings> GetChatSettings(Id ws) = 0;
  // Any workspace's; NotFound for an unknown key.
  virtual Result<ChatSettings> FindChatSettingsByKey(std::string_view widget_key) = 0;
  // Every workspace with chat enabled.
  virtual Result<std::vector<ChatSettings>> ListEnabledChatSettings() = 0;

  // Any workspace's visitor by token hash; NotFound when unknown.
  virtual Result<ChatVisitor> FindVisitorByTokenHash(std::string_view token_hash) = 0;
  virtual Result<ChatVisitor> GetVisitor(Id ws, Id id) = 0;

  virtual Result<ChatConversation> GetConversation(Id ws, Id id) = 0;
  // The visitor's conversations, newest first, at most `limit`.
  virtual Result<std::vector<ChatConversation>> ListConversationsOfVisitor(Id ws, Id visitor_id,
                                                                           int limit) = 0;
  // Conversations in any of `statuses`, oldest queued_at first, at most `limit`.
  virtual Result<std::vector<ChatConversation>> ListConversationsByStatus(
      Id ws, const std::vector<std::string>& statuses, int limit) = 0;
  // Live conversations the agent has (active), is offered, or joined as a supervisor.
  virtual Result<std::vector<ChatConversation>> ListLiveConversationsOfAgent(Id ws,
                                                                             Id agent_id) = 0;
  // Per agent: the active chats they have plus the offers they hold.
  virtual Result<std::map<Id, int>> CountAgentLoads(Id ws) = 0;
  // The contact's newest conversation (any status); NotFound when the contact never chatted.
  virtual Result<ChatConversation> LatestConversationOfContact(Id ws, Id contact_id) = 0;
  // The workspace's conversations of a ticket, newest first.
  virtual Result<std::vector<ChatConversation>> ListConversationsOfTicket(Id ws,
                                                                          Id ticket_id) = 0;

  // Events with seq > after_seq, in seq order, at most `limit`.
  virtual Result<std::vector<ChatEvent>> ListEventsAfter(Id ws, Id conversation_id,
                                                         int64_t after_seq, int limit) = 0;
  // The message stored with that client_id; NotFound when none.
  virtual Result<ChatEvent> FindEventByClientId(Id ws, Id conversation_id,
                                                std::string_view client_id) = 0;
  // The first event (seq 1) with that client_id of any of the visitor's conversations: a
  // `start` sent again. NotFound when none.
  virtual Result<ChatEvent> FindStartByClientId(Id ws, Id visitor_id,
                                                std::string_view client_id) = 0;

  // The stored profile, or the defaults (version 0) when the agent has none.
  virtual Result<ChatAgentProfile> GetAgentProfile(Id ws, Id agent_id) = 0;
  virtual Result<std::vector<ChatAgentProfile>> ListAgentProfiles(Id ws) = 0;

  virtual Result<std::vector<ChatReadPosition>> ListReadPositions(Id ws, Id conversation_id) = 0;

  // The visitor who uploaded the attachment; NotFound when no visitor did.
  virtual Result<Id> GetChatAttachmentVisitor(Id ws, Id attachment_id) = 0;
};

class ChatWriteTx : public virtual ChatReadTx {
 public:
  // Inserts or updates (by workspace); AlreadyExists when the widget key is taken.
  virtual Status PutChatSettings(const ChatSettings& s) = 0;
  virtual Status InsertVisitor(ChatVisitor* v) = 0;  // fills in the id
  virtual Status UpdateVisitor(const ChatVisitor& v) = 0;
  virtual Status InsertConversation(ChatConversation* c) = 0;  // fills in the id
  virtual Status UpdateConversation(const ChatConversation& c) = 0;
  // Fills in the id; AlreadyExists when the (conversation, seq) or (conversation, client_id)
  // is taken.
  virtual Status InsertEvent(ChatEvent* e) = 0;
  virtual Status PutAgentProfile(const ChatAgentProfile& p) = 0;
  // Keeps the larger of the stored and the given seq.
  virtual Status PutReadPosition(Id ws, Id conversation_id, const ChatReadPosition& p) = 0;
  virtual Status InsertChatAttachment(Id ws, Id attachment_id, Id visitor_id, Millis at) = 0;
};

}  // namespace sahayak::services
