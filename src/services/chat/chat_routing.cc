// Routing live chats to agents (chat_service.h): offers, accept and decline, transfers,
// supervisors joining, lapsed offers and agents who went away.
#include <algorithm>
#include <map>

#include "services/audit.h"
#include "services/chat/chat_service.h"
#include "services/hours/hours_service.h"

namespace sahayak::services {

using nlohmann::json;

namespace {

// An agent routing may offer chats to.
struct Slot {
  Id agent_id = 0;
  std::string name;
  std::vector<Id> group_ids;
  std::vector<std::string> languages;
  int capacity = kDefaultChatCapacity;
  int load = 0;
};

bool Contains(const std::vector<Id>& v, Id id) {
  return std::find(v.begin(), v.end(), id) != v.end();
}

// The available agents (ChatPresence::Available) who are active, with their chats and limits.
Result<std::vector<Slot>> Slots(ReadTx& tx, Id ws, const ChatPresence& presence) {
  std::vector<Slot> out;
  const auto available = presence.Available(ws);
  if (available.empty()) return out;
  ASSIGN_OR_RETURN(auto loads, tx.chat().CountAgentLoads(ws));
  for (Id id : available) {
    auto a = tx.GetAgent(ws, id);
    if (!a.ok()) {
      if (a.status().code() == Code::kNotFound) continue;
      return a.status();
    }
    if (!a->active) continue;
    ASSIGN_OR_RETURN(ChatAgentProfile p, tx.chat().GetAgentProfile(ws, id));
    Slot s;
    s.agent_id = id;
    s.name = a->name;
    s.group_ids = a->group_ids;
    s.languages = p.languages.empty() ? std::vector<std::string>{a->language} : p.languages;
    s.capacity = p.capacity;
    auto l = loads.find(id);
    s.load = l == loads.end() ? 0 : l->second;
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

Result<std::vector<ChatConversation>> ChatService::Waiting(ReadTx& tx, Id ws) const {
  ASSIGN_OR_RETURN(auto all, tx.chat().ListConversationsByStatus(ws, {"queued", "offered"},
                                                                 options_.queue_scan_limit));
  std::vector<ChatConversation> out;
  for (auto& c : all) {
    if (!c.held_by_assistant) out.push_back(std::move(c));
  }
  return out;
}

Result<std::vector<ChatConversation>> ChatService::LiveChatsOf(ReadTx& tx, Id ws,
                                                              Id agent_id) const {
  return tx.chat().ListLiveConversationsOfAgent(ws, agent_id);
}

Result<ChatAvailability> ChatService::Availability(ReadTx& tx,
                                                   const ChatSettings& settings) const {
  ChatAvailability out;
  out.prechat = settings.prechat;
  if (!settings.enabled) return out;
  // Outside the chat's business hours the team is away, whoever is signed in: the widget
  // offers to leave a message (docs/chat.md, "Business hours").
  std::optional<ScheduleClock> hours;
  if (settings.business_hours_id) {
    auto record = tx.hours().GetBusinessHours(settings.workspace_id, *settings.business_hours_id);
    if (record.ok()) {
      ASSIGN_OR_RETURN(ScheduleClock c, BusinessHoursService::ClockOf(std::move(record).value()));
      hours.emplace(std::move(c));
    }
  } else {
    ASSIGN_OR_RETURN(hours, BusinessHoursService::ClockFor(tx, settings.workspace_id,
                                                           settings.default_group_id));
  }
  if (hours) {
    const Millis now = clock_.Now();
    out.open = hours->clock.IsOpen(now);
    if (!out.open) {
      out.opens_at = hours->clock.NextOpen(now);
      return out;
    }
  }
  ASSIGN_OR_RETURN(auto slots, Slots(tx, settings.workspace_id, presence_));
  out.online = !slots.empty();
  if (!out.online) return out;
  int free = 0;
  for (const auto& s : slots) free += std::max(0, s.capacity - s.load);
  ASSIGN_OR_RETURN(auto waiting, Waiting(tx, settings.workspace_id));
  int64_t queued = 0;
  for (const auto& c : waiting) queued += c.status == "queued" ? 1 : 0;
  // Free places take the queue first; beyond them each online agent finishes a chat every
  // handle_seconds.
  if (queued < free) return out;
  out.expected_wait_seconds = (queued - free + 1) * options_.handle_seconds /
                              static_cast<int64_t>(slots.size());
  return out;
}

Status ChatService::Offer(WriteTx& tx, ChatConversation* c, Id agent_id,
                          const ChatSettings& settings, ChatEffects* fx) {
  const Millis now = clock_.Now();
  ASSIGN_OR_RETURN(domain::Agent agent, tx.GetAgent(c->workspace_id, agent_id));
  c->status = "offered";
  c->offered_agent_id = agent_id;
  c->offer_expires_at = now + static_cast<Millis>(settings.offer_timeout_seconds) * 1000;
  ASSIGN_OR_RETURN(ChatConversationView view, Describe(tx, *c));
  ChatEvent e;
  e.kind = "offered";
  // What the offer card shows without another lookup (docs/chat.md, "Events").
  e.data = {{"agent", {{"id", agent_id}, {"name", agent.name}}},
            {"expires_at", *c->offer_expires_at},
            {"visitor", {{"id", c->visitor_id}, {"name", view.visitor_name}}},
            {"ticket_id", c->ticket_id},
            {"read_seq_visitor", view.read_seq_visitor},
            {"read_seq_agent", view.read_seq_agent}};
  RETURN_IF_ERROR(Append(tx, c, std::move(e), fx));
  fx->watch.push_back({c->id, agent_id, c->last_seq});
  fx->queue_changed = true;
  presence_.NoteOffered(c->workspace_id, agent_id, now);
  return Status::Ok();
}

namespace {

// The agent to offer `c` to among `slots` (nullptr: none), preferring speakers of its language.
// `ignore_declines` looks past who turned it down.
Slot* Choose(std::vector<Slot>& slots, const ChatConversation& c, const std::string& routing,
             const ChatPresence& presence, bool ignore_declines) {
  std::vector<Slot*> fit, speakers;
  for (Slot& s : slots) {
    if (s.load >= s.capacity) continue;
    if (c.group_id && !Contains(s.group_ids, *c.group_id)) continue;
    if (!ignore_declines && Contains(c.declined, s.agent_id)) continue;
    fit.push_back(&s);
    if (std::find(s.languages.begin(), s.languages.end(), c.language) != s.languages.end()) {
      speakers.push_back(&s);
    }
  }
  std::vector<Slot*>& pool = speakers.empty() ? fit : speakers;
  if (pool.empty()) return nullptr;
  auto last = [&](const Slot* s) { return presence.LastOffered(c.workspace_id, s->agent_id); };
  return *std::min_element(pool.begin(), pool.end(), [&](const Slot* a, const Slot* b) {
    if (routing == "least_busy" && a->load != b->load) return a->load < b->load;
    if (last(a) != last(b)) return last(a) < last(b);
    return a->agent_id < b->agent_id;
  });
}

}  // namespace

Status ChatService::Route(WriteTx& tx, Id ws, ChatEffects* fx) {
  return RouteQueue(tx, ws, /*reset_declines=*/false, fx);
}

Status ChatService::RouteQueue(WriteTx& tx, Id ws, bool reset_declines, ChatEffects* fx) {
  ASSIGN_OR_RETURN(ChatSettings settings, Settings(tx, ws));
  ASSIGN_OR_RETURN(auto queued, tx.chat().ListConversationsByStatus(ws, {"queued"},
                                                                    options_.queue_scan_limit));
  if (queued.empty()) return Status::Ok();
  ASSIGN_OR_RETURN(auto slots, Slots(tx, ws, presence_));
  if (slots.empty()) return Status::Ok();
  for (ChatConversation& c : queued) {
    if (c.held_by_assistant) continue;
    Slot* s = Choose(slots, c, settings.routing, presence_, /*ignore_declines=*/false);
    if (s == nullptr && reset_declines && !c.declined.empty() &&
        Choose(slots, c, settings.routing, presence_, /*ignore_declines=*/true) != nullptr) {
      // Everyone who could take it has turned it down: the next round starts afresh on the
      // next tick, not at once with whoever just declined.
      c.declined.clear();
      c.updated_at = clock_.Now();
      RETURN_IF_ERROR(tx.chat().UpdateConversation(c));
      continue;
    }
    if (s == nullptr) continue;
    RETURN_IF_ERROR(Offer(tx, &c, s->agent_id, settings, fx));
    ++s->load;
  }
  return Status::Ok();
}

Status ChatService::Tick(WriteTx& tx, Id ws, ChatEffects* fx) {
  ASSIGN_OR_RETURN(ChatSettings settings, Settings(tx, ws));
  const Millis now = clock_.Now();
  const Millis grace = static_cast<Millis>(settings.agent_grace_seconds) * 1000;
  ASSIGN_OR_RETURN(auto live, tx.chat().ListConversationsByStatus(ws, {"offered", "active"},
                                                                  options_.queue_scan_limit));
  for (ChatConversation& c : live) {
    if (c.status == "offered" && c.offer_expires_at && *c.offer_expires_at <= now) {
      // An offer nobody answered counts as declined by that agent.
      Id agent = c.offered_agent_id.value_or(0);
      if (agent != 0 && !Contains(c.declined, agent)) c.declined.push_back(agent);
      c.status = "queued";
      c.offered_agent_id.reset();
      c.offer_expires_at.reset();
      c.updated_at = now;
      RETURN_IF_ERROR(tx.chat().UpdateConversation(c));
      if (agent != 0) fx->unwatch.emplace_back(c.id, agent);
      fx->workspace_id = ws;
      fx->queue_changed = true;
      continue;
    }
    if (c.status != "active" || !c.agent_id) continue;
    auto gone = presence_.GoneSince(ws, *c.agent_id);
    if (!gone || now - *gone < grace) continue;
    // The agent's connections all dropped and they did not come back in time: the chat goes
    // back to the front of the queue.
    const Id agent = *c.agent_id;
    auto a = tx.GetAgent(ws, agent);
    ChatEvent left;
    left.kind = "left";
    left.author = {"agent", agent, a.ok() ? a->name : std::string()};
    left.data = {{"reason", "disconnected"}};
    c.agent_id.reset();
    c.declined.clear();
    c.queued_at = c.created_at;
    RETURN_IF_ERROR(Append(tx, &c, std::move(left), fx));
    RETURN_IF_ERROR(Queue(tx, &c, fx));
    fx->unwatch.emplace_back(c.id, agent);
  }
  return RouteQueue(tx, ws, /*reset_declines=*/true, fx);
}

Status ChatService::Accept(WriteTx& tx, const ChatParty& who, Id conversation_id,
                           ChatEffects* fx) {
  ASSIGN_OR_RETURN(ChatConversation c, Mine(tx, who, conversation_id));
  if (c.status == "active" && c.agent_id == who.id) return Status::Ok();
  if (!c.live()) return FailedPrecondition("the conversation has ended").WithKind("ended");
  if (c.status != "offered" || c.offered_agent_id != who.id) {
    return PermissionDenied("this chat is not offered to you");
  }
  const Millis now = clock_.Now();
  c.status = "active";
  c.agent_id = who.id;
  c.offered_agent_id.reset();
  c.offer_expires_at.reset();
  c.declined.clear();
  if (!c.accepted_at) {
    c.accepted_at = now;
    c.wait_ms = now - c.created_at;
  }
  ChatEvent e;
  e.kind = "joined";
  e.author = who.author();
  RETURN_IF_ERROR(Append(tx, &c, std::move(e), fx));
  fx->queue_changed = true;
  // The ticket is the agent's now.
  Principal p;
  p.workspace_id = who.workspace_id;
  p.agent_id = who.id;
  p.name = who.name;
  p.role = who.admin ? domain::Role::kAdmin : domain::Role::kAgent;
  TicketPatch patch;
  patch.assignee_id = std::optional<Id>(who.id);
  auto t = tickets_.Update(tx, p, c.ticket_id, patch, std::nullopt);
  if (!t.ok() && t.status().code() != Code::kFailedPrecondition) return t.status();
  return Status::Ok();
}

Status ChatService::Decline(WriteTx& tx, const ChatParty& who, Id conversation_id,
                            ChatEffects* fx) {
  ASSIGN_OR_RETURN(ChatConversation c, Mine(tx, who, conversation_id));
  if (!c.live()) return FailedPrecondition("the conversation has ended").WithKind("ended");
  if (c.status != "offered" || c.offered_agent_id != who.id) {
    return PermissionDenied("this chat is not offered to you");
  }
  if (!Contains(c.declined, who.id)) c.declined.push_back(who.id);
  c.status = "queued";
  c.offered_agent_id.reset();
  c.offer_expires_at.reset();
  c.updated_at = clock_.Now();
  RETURN_IF_ERROR(tx.chat().UpdateConversation(c));
  fx->workspace_id = who.workspace_id;
  fx->unwatch.emplace_back(c.id, who.id);
  fx->queue_changed = true;
  return Route(tx, who.workspace_id, fx);
}

Status ChatService::Transfer(WriteTx& tx, const ChatParty& who, Id conversation_id,
                             std::optional<Id> to_agent, std::optional<Id> to_group,
                             ChatEffects* fx) {
  ASSIGN_OR_RETURN(ChatConversation c, Mine(tx, who, conversation_id));
  if (!c.live()) return FailedPrecondition("the conversation has ended").WithKind("ended");
  const bool has_it = c.status == "active" && c.agent_id == who.id;
  if (!has_it && !IsParticipant(c, who) && !who.admin) {
    return PermissionDenied("only the chat's agent or a supervisor may transfer it");
  }
  const Id ws = who.workspace_id;
  ASSIGN_OR_RETURN(ChatSettings settings, Settings(tx, ws));
  ChatEvent e;
  e.kind = "transferred";
  e.author = who.author();
  std::optional<Id> previous = c.agent_id;
  if (to_agent) {
    auto a = tx.GetAgent(ws, *to_agent);
    if (!a.ok() || !a->active) {
      return InvalidArgument("agent " + std::to_string(*to_agent) + " cannot take chats")
          .WithField("agent_id", "is not an active agent of this workspace");
    }
    if (*to_agent == c.agent_id) {
      return InvalidArgument("the chat is already with that agent")
          .WithField("agent_id", "already has the chat");
    }
    e.data = {{"to", {{"kind", "agent"}, {"id", a->id}, {"name", a->name}}}};
    c.agent_id.reset();
    c.declined.clear();
    RETURN_IF_ERROR(Append(tx, &c, std::move(e), fx));
    RETURN_IF_ERROR(Offer(tx, &c, *to_agent, settings, fx));
  } else {
    auto g = tx.GetGroup(ws, to_group.value_or(0));
    if (!g.ok()) {
      return InvalidArgument("group " + std::to_string(to_group.value_or(0)) + " does not exist")
          .WithField("group_id", "is not a group of this workspace");
    }
    e.data = {{"to", {{"kind", "group"}, {"id", g->id}, {"name", g->name}}}};
    c.agent_id.reset();
    c.declined.clear();
    c.group_id = g->id;
    c.queued_at = c.created_at;
    RETURN_IF_ERROR(Append(tx, &c, std::move(e), fx));
    RETURN_IF_ERROR(Queue(tx, &c, fx));
    TicketPatch patch;
    patch.group_id = std::optional<Id>(g->id);
    patch.assignee_id = std::optional<Id>();
    auto t = tickets_.Update(tx, SystemPrincipal(ws), c.ticket_id, patch, std::nullopt);
    if (!t.ok() && t.status().code() != Code::kFailedPrecondition) return t.status();
    RETURN_IF_ERROR(Route(tx, ws, fx));
  }
  if (previous) fx->unwatch.emplace_back(c.id, *previous);
  return Status::Ok();
}

Status ChatService::Join(WriteTx& tx, const ChatParty& who, Id conversation_id,
                         ChatEffects* fx) {
  if (who.visitor() || !who.admin) {
    return PermissionDenied("only supervisors (admins) may join a chat");
  }
  ASSIGN_OR_RETURN(ChatConversation c, Mine(tx, who, conversation_id));
  if (!c.live()) return FailedPrecondition("the conversation has ended").WithKind("ended");
  if (IsParticipant(c, who)) return Status::Ok();
  c.supervisors.push_back(who.id);
  ChatEvent e;
  e.kind = "joined";
  e.author = who.author();
  e.data = {{"supervisor", true}};
  RETURN_IF_ERROR(Append(tx, &c, std::move(e), fx));
  fx->watch.push_back({c.id, who.id, c.last_seq});
  return Status::Ok();
}

Status ChatService::HandOff(WriteTx& tx, Id ws, Id conversation_id, ChatEffects* fx) {
  ASSIGN_OR_RETURN(ChatConversation c, tx.chat().GetConversation(ws, conversation_id));
  if (!c.live() || !c.held_by_assistant) return Status::Ok();
  c.held_by_assistant = false;
  RETURN_IF_ERROR(Queue(tx, &c, fx));
  return Route(tx, ws, fx);
}

}  // namespace sahayak::services
