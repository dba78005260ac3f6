// The widget's side of live chat and what both sides do in a conversation: visitors, starting,
// sending, reading, ending (chat_service.h). Routing is chat_routing.cc; settings and profiles
// chat_settings.cc.
#include "services/chat/chat_service.h"

#include <algorithm>

#include "base/crypto.h"
#include "base/html_sanitizer.h"
#include "base/text.h"
#include "services/audit.h"
#include "services/chat/chat_frames.h"
#include "services/chat/chat_text.h"
#include "services/tickets/mentions.h"

namespace sahayak::services {

using nlohmann::json;

ChatParty ChatParty::Visitor(const ChatVisitor& v, std::string_view name) {
  ChatParty p;
  p.kind = Kind::kVisitor;
  p.workspace_id = v.workspace_id;
  p.id = v.id;
  p.name = std::string(name);
  return p;
}

ChatParty ChatParty::Agent(const Principal& who) {
  ChatParty p;
  p.kind = Kind::kAgent;
  p.workspace_id = who.workspace_id;
  p.id = who.agent_id;
  p.name = who.name;
  p.admin = who.is_admin();
  return p;
}

ChatService::ChatService(const Clock& clock, TicketService& tickets, ChatPresence& presence,
                         AssistantHook* assistant, ChatLanguageDetector detect, Options options)
    : clock_(clock),
      tickets_(tickets),
      presence_(presence),
      assistant_(assistant),
      detect_(std::move(detect)),
      options_(options) {}

Principal ChatService::SystemPrincipal(Id ws) const {
  Principal p;
  p.workspace_id = ws;
  p.role = domain::Role::kAdmin;
  p.name = "Live chat";
  p.via = Principal::Via::kCli;  // recorded as the system, not as an agent
  return p;
}

bool ChatService::IsParticipant(const ChatConversation& c, const ChatParty& who) const {
  if (who.visitor()) return c.visitor_id == who.id;
  if (c.status == "active" && c.agent_id == who.id) return true;
  return std::find(c.supervisors.begin(), c.supervisors.end(), who.id) != c.supervisors.end();
}

Result<ChatConversation> ChatService::Visible(ReadTx& tx, const ChatParty& who,
                                              Id conversation_id) const {
  auto c = tx.chat().GetConversation(who.workspace_id, conversation_id);
  if (!c.ok()) {
    if (c.status().code() == Code::kNotFound) {
      return NotFound("no such conversation " + std::to_string(conversation_id));
    }
    return c.status();
  }
  // The same answer for someone else's conversation as for one that does not exist.
  if (who.visitor() && c->visitor_id != who.id) {
    return NotFound("no such conversation " + std::to_string(conversation_id));
  }
  return c;
}

Result<ChatConversation> ChatService::Mine(WriteTx& tx, const ChatParty& who,
                                           Id conversation_id) const {
  return Visible(tx, who, conversation_id);
}

Status ChatService::Append(WriteTx& tx, ChatConversation* c, ChatEvent e, ChatEffects* fx) {
  const Millis now = clock_.Now();
  e.workspace_id = c->workspace_id;
  e.conversation_id = c->id;
  e.seq = c->last_seq + 1;
  e.created_at = now;
  RETURN_IF_ERROR(tx.chat().InsertEvent(&e));
  c->last_seq = e.seq;
  c->updated_at = now;
  RETURN_IF_ERROR(tx.chat().UpdateConversation(*c));
  fx->workspace_id = c->workspace_id;
  fx->events.push_back(std::move(e));
  return Status::Ok();
}

Status ChatService::Queue(WriteTx& tx, ChatConversation* c, ChatEffects* fx) {
  c->status = "queued";
  c->offered_agent_id.reset();
  c->offer_expires_at.reset();
  ASSIGN_OR_RETURN(auto waiting, Waiting(tx, c->workspace_id));
  int64_t position = 1;
  for (const auto& w : waiting) {
    if (w.id != c->id && std::make_pair(w.queued_at, w.id) < std::make_pair(c->queued_at, c->id)) {
      ++position;
    }
  }
  ChatEvent e;
  e.kind = "queued";
  e.data = {{"position", position}};
  fx->queue_changed = true;
  return Append(tx, c, std::move(e), fx);
}

Result<std::optional<Id>> ChatService::AppendToTicket(WriteTx& tx, const ChatConversation& c,
                                                      const ChatParty* who,
                                                      const std::string& text, bool internal,
                                                      const std::vector<Id>& attachments) {
  const Id ws = c.workspace_id;
  ASSIGN_OR_RETURN(domain::Ticket before, tx.GetTicket(ws, c.ticket_id));
  // A merged chat ticket's messages belong to the ticket it went into.
  for (int hops = 0; before.merged_into_id && hops < 8; ++hops) {
    ASSIGN_OR_RETURN(before, tx.GetTicket(ws, *before.merged_into_id));
  }
  // A closed ticket takes no more messages; the chat's own events still hold the transcript.
  if (before.status == domain::TicketStatus::kClosed) return std::optional<Id>();
  const Millis now = clock_.Now();
  domain::Message m;
  m.workspace_id = ws;
  m.ticket_id = before.id;
  m.is_public = !internal;
  const bool visitor = who != nullptr && who->visitor();
  const bool agent = who != nullptr && !who->visitor();
  m.author_kind = visitor ? domain::Actor::Kind::kContact
                          : (agent ? domain::Actor::Kind::kAgent : domain::Actor::Kind::kSystem);
  m.author_id = visitor ? c.contact_id : (agent ? who->id : 0);
  m.body = text;
  m.html = PlainTextToHtml(text);
  m.channel = domain::Channel::kChat;
  m.channel_meta = {{"chat", {{"conversation_id", c.id}}}};
  m.created_at = now;
  // Written here, not through TicketService::AddMessage: a chat message never goes out by
  // e-mail (TicketObserver::OnPublicReply is not called), and a visitor's line is the
  // contact's message.
  RETURN_IF_ERROR(tx.InsertMessage(&m));
  RETURN_IF_ERROR(LinkMentionsInText(tx, ws, before.id, text, now));
  for (Id a : attachments) RETURN_IF_ERROR(tx.LinkAttachment(ws, a, m.id));
  domain::Ticket t = before;
  // The team's own notices neither answer nor reopen the ticket.
  if (agent && m.is_public) {
    if (!t.first_response_at) t.first_response_at = now;
    if (t.status == domain::TicketStatus::kNew) {
      domain::ApplyStatus(&t, domain::TicketStatus::kOpen, now);
    }
  } else if (visitor && (t.status == domain::TicketStatus::kPending ||
                         t.status == domain::TicketStatus::kSolved)) {
    domain::ApplyStatus(&t, domain::TicketStatus::kOpen, now);
  }
  t.updated_at = now;
  t.version = before.version + 1;
  RETURN_IF_ERROR(tx.UpdateTicket(before, t));
  // The search index follows the outbox; one row per line, no audit row per line.
  domain::OutboxItem o;
  o.workspace_id = ws;
  o.topic = "message.created";
  o.payload = {{"ticket_id", t.id}, {"message_id", m.id}, {"public", m.is_public},
               {"channel", "chat"}, {"author", visitor ? "customer" : agent ? "agent" : "system"}};
  o.created_at = now;
  RETURN_IF_ERROR(tx.InsertOutbox(&o));
  return std::optional<Id>(m.id);
}

namespace {

// The attachments a message may carry, as its event shows them.
Result<json> AttachmentsOf(WriteTx& tx, const ChatParty& who, const std::vector<Id>& ids) {
  json out = json::array();
  for (Id id : ids) {
    Status bad = InvalidArgument("attachment " + std::to_string(id) + " cannot be sent")
                     .WithField("attachments", "holds an attachment you did not upload");
    if (who.visitor()) {
      auto owner = tx.chat().GetChatAttachmentVisitor(who.workspace_id, id);
      if (!owner.ok() || *owner != who.id) return bad;
    }
    auto a = tx.GetAttachment(who.workspace_id, id);
    if (!a.ok() || a->message_id) return bad;
    out.push_back({{"id", a->id},
                   {"name", a->filename},
                   {"size", a->size},
                   {"content_type", a->mime_type},
                   {"url", "/api/v1/attachments/" + std::to_string(a->id) + "/content"}});
  }
  return out;
}

std::string PrimaryLanguage(std::string_view tag) {
  return AsciiLower(tag.substr(0, tag.find('-')));
}

}  // namespace

// --- the widget's side --------------------------------------------------------------------

Result<ChatVisitorSession> ChatService::OpenVisitor(WriteTx& tx, const ChatSettings& settings,
                                                    std::string_view token,
                                                    std::string_view language,
                                                    std::string_view page) {
  const Millis now = clock_.Now();
  ChatVisitorSession out;
  if (token.empty()) {
    out.new_token = "vt_" + RandomToken(32);
    ChatVisitor& v = out.visitor;
    v.workspace_id = settings.workspace_id;
    v.token_hash = HashToken(out.new_token);
    v.language = PrimaryLanguage(language);
    v.page = std::string(page);
    v.created_at = v.last_seen_at = now;
    RETURN_IF_ERROR(tx.chat().InsertVisitor(&v));
    return out;
  }
  auto found = tx.chat().FindVisitorByTokenHash(HashToken(token));
  if (!found.ok() || found->workspace_id != settings.workspace_id) {
    if (!found.ok() && found.status().code() != Code::kNotFound) return found.status();
    return Unauthenticated("the visitor token is not valid here");
  }
  out.visitor = std::move(found).value();
  ChatVisitor& v = out.visitor;
  bool changed = now - v.last_seen_at > 60'000;
  if (!language.empty() && PrimaryLanguage(language) != v.language) {
    v.language = PrimaryLanguage(language);
    changed = true;
  }
  if (!page.empty() && page != v.page) {
    v.page = std::string(page);
    changed = true;
  }
  if (changed) {
    v.last_seen_at = now;
    RETURN_IF_ERROR(tx.chat().UpdateVisitor(v));
  }
  return out;
}

Result<ChatPosted> ChatService::Start(WriteTx& tx, const ChatSettings& settings,
                                      ChatVisitor* visitor, const ChatStartInput& in,
                                      ChatEffects* fx) {
  const Id ws = settings.workspace_id;
  if (!in.client_id.empty()) {
    auto again = tx.chat().FindStartByClientId(ws, visitor->id, in.client_id);
    if (again.ok()) {
      ASSIGN_OR_RETURN(ChatConversation c, tx.chat().GetConversation(ws, again->conversation_id));
      return ChatPosted{std::move(c), std::move(again).value(), true};
    }
    if (again.status().code() != Code::kNotFound) return again.status();
  }
  ASSIGN_OR_RETURN(auto mine, tx.chat().ListConversationsOfVisitor(ws, visitor->id, 50));
  int live = 0;
  for (const auto& c : mine) live += c.live() ? 1 : 0;
  if (live >= options_.max_live_per_visitor) {
    return ResourceExhausted("a visitor may have at most " +
                             std::to_string(options_.max_live_per_visitor) +
                             " chats open at once; end one first")
        .WithKind("rate_limited");
  }
  const std::string email = in.email.empty() ? visitor->email : FoldCase(in.email);
  std::string name = in.name.empty() ? visitor->name : in.name;
  if (settings.prechat && email.empty()) {
    return InvalidArgument("the pre-chat form asks for an e-mail address")
        .WithField("email", "is required");
  }
  ChatParty who = ChatParty::Visitor(*visitor, name);
  ASSIGN_OR_RETURN(json attachments, AttachmentsOf(tx, who, in.attachments));
  ASSIGN_OR_RETURN(Workspace w, tx.GetWorkspace(ws));
  const Millis now = clock_.Now();
  const Principal system = SystemPrincipal(ws);

  domain::Contact contact;
  if (!email.empty()) {
    RequesterInput r;
    r.email = email;
    r.name = name;
    ASSIGN_OR_RETURN(contact, tickets_.ResolveRequester(tx, system, r));
  } else if (visitor->contact_id) {
    ASSIGN_OR_RETURN(contact, tx.GetContact(ws, *visitor->contact_id));
  } else {
    contact.workspace_id = ws;
    contact.name = name.empty() ? chat_text::VisitorName(visitor->language) : name;
    contact.language = visitor->language;
    contact.created_at = contact.updated_at = now;
    RETURN_IF_ERROR(tx.InsertContact(&contact));
    RETURN_IF_ERROR(RecordChange(tx, ws, system.actor(), "contact.created", "contact",
                                 contact.id, {{"name", {nullptr, contact.name}}}, now,
                                 "contact.created", {{"contact_id", contact.id}}));
  }
  if (name.empty()) name = contact.name;
  visitor->contact_id = contact.id;
  visitor->name = name;
  visitor->email = email;
  visitor->last_seen_at = now;
  RETURN_IF_ERROR(tx.chat().UpdateVisitor(*visitor));
  who.name = name;

  // The language to route by: what the text is written in when that is Hindi or Kannada (a
  // visitor on an English page writing Devanagari wants a Hindi speaker), else the widget's.
  std::optional<std::string> written_in;
  if (detect_) written_in = detect_(in.text);
  std::string language = written_in.value_or("");
  if (language != "hi" && language != "kn") {
    language = visitor->language.empty() ? PrimaryLanguage(w.default_language) : visitor->language;
  }

  TicketCreate tc;
  tc.subject = chat_text::TicketSubject(w.default_language, name);
  tc.message.body = in.text;
  tc.message.channel = domain::Channel::kChat;
  tc.message.attachment_ids = in.attachments;
  tc.message.channel_meta = {{"chat", {{"page", visitor->page}}}};
  tc.message.language = written_in;  // the store need not detect it again
  if (!in.fields.empty()) tc.message.channel_meta["chat"]["fields"] = in.fields;
  tc.requester.id = contact.id;
  tc.channel = domain::Channel::kChat;
  if (settings.default_group_id && tx.GetGroup(ws, *settings.default_group_id).ok()) {
    tc.group_id = settings.default_group_id;
  }
  tc.language = language;
  ASSIGN_OR_RETURN(domain::Ticket ticket, tickets_.Create(tx, system, tc));
  ASSIGN_OR_RETURN(auto first, tx.ListMessages(ws, ticket.id, PageRequest{std::nullopt, 1}));

  ChatConversation c;
  c.workspace_id = ws;
  c.ticket_id = ticket.id;
  c.visitor_id = visitor->id;
  c.contact_id = contact.id;
  c.group_id = tc.group_id;
  c.language = language;
  c.status = "queued";
  c.page = visitor->page;
  c.created_at = c.queued_at = c.updated_at = now;
  RETURN_IF_ERROR(tx.chat().InsertConversation(&c));

  ChatEvent e;
  e.kind = "message";
  e.author = who.author();
  e.text = in.text;
  e.client_id = in.client_id;
  if (!attachments.empty()) e.data = {{"attachments", attachments}};
  if (!first.items.empty()) e.message_id = first.items.front().id;
  RETURN_IF_ERROR(Append(tx, &c, e, fx));
  const ChatEvent stored = fx->events.back();
  RETURN_IF_ERROR(RecordChange(tx, ws, system.actor(), "chat.started", "chat", c.id,
                               {{"ticket_id", {nullptr, ticket.id}},
                                {"language", {nullptr, language}}},
                               now));

  AssistantDecision decision;
  if (assistant_ != nullptr) {
    ASSIGN_OR_RETURN(decision, assistant_->BeforeQueue(tx, c, stored));
  }
  if (decision.hand_to_agents) {
    RETURN_IF_ERROR(Queue(tx, &c, fx));
    RETURN_IF_ERROR(Route(tx, ws, fx));
  } else {
    c.held_by_assistant = true;
    RETURN_IF_ERROR(tx.chat().UpdateConversation(c));
  }
  ASSIGN_OR_RETURN(c, tx.chat().GetConversation(ws, c.id));
  return ChatPosted{std::move(c), stored, false};
}

// --- both sides ---------------------------------------------------------------------------

Result<ChatPosted> ChatService::Send(WriteTx& tx, const ChatParty& who, const ChatSendInput& in,
                                     ChatEffects* fx) {
  ASSIGN_OR_RETURN(ChatConversation c, Mine(tx, who, in.conversation_id));
  if (!in.client_id.empty()) {
    auto again = tx.chat().FindEventByClientId(who.workspace_id, c.id, in.client_id);
    if (again.ok()) return ChatPosted{std::move(c), std::move(again).value(), true};
    if (again.status().code() != Code::kNotFound) return again.status();
  }
  if (!c.live()) return FailedPrecondition("the conversation has ended").WithKind("ended");
  if (who.visitor() && in.internal) {
    return InvalidArgument("visitors cannot write internal notes").WithField("internal",
                                                                            "is for agents");
  }
  if (!IsParticipant(c, who)) {
    return PermissionDenied("you are not in this chat; accept it or join it first");
  }
  ASSIGN_OR_RETURN(json attachments, AttachmentsOf(tx, who, in.attachments));
  ASSIGN_OR_RETURN(std::optional<Id> message_id,
                   AppendToTicket(tx, c, &who, in.text, in.internal, in.attachments));
  const Millis now = clock_.Now();
  if (!who.visitor() && !in.internal && !c.first_response_at) {
    c.first_response_at = now;
    c.first_response_ms = now - c.created_at;
  }
  ChatEvent e;
  e.kind = "message";
  e.author = who.author();
  e.text = in.text;
  e.client_id = in.client_id;
  e.internal = in.internal;
  if (!attachments.empty()) e.data = {{"attachments", attachments}};
  e.message_id = message_id;
  RETURN_IF_ERROR(Append(tx, &c, std::move(e), fx));
  return ChatPosted{std::move(c), fx->events.back(), false};
}

Result<ChatPosted> ChatService::PostNotice(WriteTx& tx, Id ws, Id conversation_id,
                                           const std::string& author_name,
                                           const std::string& text, const std::string& client_id,
                                           ChatEffects* fx) {
  ASSIGN_OR_RETURN(ChatConversation c, tx.chat().GetConversation(ws, conversation_id));
  if (!client_id.empty()) {
    auto again = tx.chat().FindEventByClientId(ws, c.id, client_id);
    if (again.ok()) return ChatPosted{std::move(c), std::move(again).value(), true};
    if (again.status().code() != Code::kNotFound) return again.status();
  }
  // Ended or not: the widget keeps an ended conversation and fetches what came after its end
  // (docs/chat.md, "Messages from the team").
  ASSIGN_OR_RETURN(std::optional<Id> message_id,
                   AppendToTicket(tx, c, nullptr, text, /*internal=*/false, {}));
  ChatEvent e;
  e.kind = "message";
  e.author = {"system", 0, author_name};
  e.text = text;
  e.client_id = client_id;
  e.message_id = message_id;
  RETURN_IF_ERROR(Append(tx, &c, std::move(e), fx));
  return ChatPosted{std::move(c), fx->events.back(), false};
}

Result<std::vector<ChatEvent>> ChatService::EventsAfter(ReadTx& tx, const ChatParty& who,
                                                        Id conversation_id, int64_t after_seq,
                                                        int limit) const {
  ASSIGN_OR_RETURN(ChatConversation c, Visible(tx, who, conversation_id));
  ASSIGN_OR_RETURN(auto events,
                   tx.chat().ListEventsAfter(who.workspace_id, c.id, after_seq, limit));
  if (who.visitor()) {
    // The caller learns how far it read from the last element; hidden events keep their
    // place as an empty marker of kind "" so seq accounting stays exact.
    for (auto& e : events) {
      if (!chat_frames::VisitorSees(e)) {
        ChatEvent marker;
        marker.conversation_id = e.conversation_id;
        marker.seq = e.seq;
        e = std::move(marker);
      }
    }
  }
  return events;
}

Status ChatService::MarkRead(WriteTx& tx, const ChatParty& who, Id conversation_id, int64_t seq,
                             ChatEffects* fx) {
  ASSIGN_OR_RETURN(ChatConversation c, Mine(tx, who, conversation_id));
  seq = std::min(seq, c.last_seq);
  ChatReadPosition p{who.visitor() ? "visitor" : "agent", who.id, seq, clock_.Now()};
  RETURN_IF_ERROR(tx.chat().PutReadPosition(who.workspace_id, c.id, p));
  fx->workspace_id = who.workspace_id;
  fx->reads.push_back({c.id, who.author(), seq});
  return Status::Ok();
}

Status ChatService::End(WriteTx& tx, const ChatParty& who, Id conversation_id, ChatEffects* fx) {
  ASSIGN_OR_RETURN(ChatConversation c, Mine(tx, who, conversation_id));
  if (!c.live()) return FailedPrecondition("the conversation has ended").WithKind("ended");
  if (!who.visitor() && !IsParticipant(c, who) && !who.admin) {
    return PermissionDenied("only the chat's agent or a supervisor may end it");
  }
  const Millis now = clock_.Now();
  const bool was_waiting = c.status == "queued" || c.status == "offered";
  c.missed = !c.accepted_at.has_value();
  c.status = c.missed ? "missed" : "ended";
  c.ended_at = now;
  c.ended_by = who.visitor() ? "visitor" : "agent";
  c.duration_ms = now - c.created_at;
  c.offered_agent_id.reset();
  c.offer_expires_at.reset();
  c.held_by_assistant = false;
  ChatEvent e;
  e.kind = "ended";
  e.author = who.author();
  e.data = {{"by", c.ended_by}, {"ticket_id", c.ticket_id}};
  RETURN_IF_ERROR(Append(tx, &c, std::move(e), fx));
  if (was_waiting) fx->queue_changed = true;
  domain::Actor actor = who.visitor() ? domain::Actor{domain::Actor::Kind::kContact, c.contact_id,
                                                      who.name, "", ""}
                                      : domain::Actor{domain::Actor::Kind::kAgent, who.id,
                                                      who.name, "", ""};
  return RecordChange(tx, who.workspace_id, actor, "chat.ended", "chat", c.id,
                      {{"status", {"active", c.status}}}, now);
}

}  // namespace sahayak::services
