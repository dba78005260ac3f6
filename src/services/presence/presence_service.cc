#include "services/presence/presence_service.h"

#include <algorithm>
#include <functional>

namespace sahayak::services {

size_t PresenceService::KeyHash::operator()(const Key& k) const {
  size_t h = std::hash<domain::Id>{}(k.ws);
  h = h * 1000003u ^ std::hash<domain::Id>{}(k.ticket_id);
  return h * 1000003u ^ std::hash<domain::Id>{}(k.agent_id);
}

const char* PresenceService::Name(State s) {
  return s == State::kReplying ? "replying" : "viewing";
}

bool PresenceService::Parse(std::string_view s, State* out) {
  if (s == "viewing") {
    *out = State::kViewing;
  } else if (s == "replying") {
    *out = State::kReplying;
  } else {
    return false;
  }
  return true;
}

void PresenceService::Erase(Lru::iterator it) {
  Key ticket{it->key.ws, it->key.ticket_id, 0};
  auto t = by_ticket_.find(ticket);
  if (t != by_ticket_.end()) {
    auto& v = t->second;
    v.erase(std::remove(v.begin(), v.end(), it), v.end());
    if (v.empty()) by_ticket_.erase(t);
  }
  by_key_.erase(it->key);
  lru_.erase(it);
}

void PresenceService::Heartbeat(domain::Id ws, domain::Id ticket_id, domain::Id agent_id,
                                const std::string& name, State state) {
  const Millis now = clock_.Now();
  const Key key{ws, ticket_id, agent_id};
  std::lock_guard<std::mutex> lock(mu_);
  auto found = by_key_.find(key);
  if (found != by_key_.end()) {
    Lru::iterator it = found->second;
    Entry& e = it->entry;
    if (e.state != state || now - e.last_seen_at > options_.ttl) e.since = now;
    e.state = state;
    e.name = name;
    e.last_seen_at = now;
    it->seq = ++next_seq_;
    lru_.splice(lru_.end(), lru_, it);  // iterators stay valid
    return;
  }
  // Expired entries sit at the front; drop them, then make room if still full.
  while (!lru_.empty() && (now - lru_.front().entry.last_seen_at > options_.ttl ||
                           lru_.size() >= options_.max_entries)) {
    Erase(lru_.begin());
  }
  lru_.push_back(Item{key, Entry{agent_id, name, state, now, now}, ++next_seq_});
  auto it = std::prev(lru_.end());
  by_key_.emplace(key, it);
  by_ticket_[Key{ws, ticket_id, 0}].push_back(it);
}

void PresenceService::Leave(domain::Id ws, domain::Id ticket_id, domain::Id agent_id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto found = by_key_.find(Key{ws, ticket_id, agent_id});
  if (found != by_key_.end()) Erase(found->second);
}

std::vector<PresenceService::Entry> PresenceService::Present(domain::Id ws, domain::Id ticket_id,
                                                             domain::Id except_agent_id) {
  const Millis now = clock_.Now();
  std::vector<Entry> out;
  std::lock_guard<std::mutex> lock(mu_);
  auto t = by_ticket_.find(Key{ws, ticket_id, 0});
  if (t == by_ticket_.end()) return out;
  std::vector<Lru::iterator> expired, present;
  for (Lru::iterator it : t->second) {
    if (now - it->entry.last_seen_at > options_.ttl) {
      expired.push_back(it);
    } else if (it->entry.agent_id != except_agent_id) {
      present.push_back(it);
    }
  }
  // Most recent heartbeat first (seq grows with every heartbeat, so it also orders ties).
  std::sort(present.begin(), present.end(),
            [](Lru::iterator a, Lru::iterator b) { return a->seq > b->seq; });
  for (Lru::iterator it : present) out.push_back(it->entry);
  for (Lru::iterator it : expired) Erase(it);  // may invalidate `t`; not used after this
  return out;
}

size_t PresenceService::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return lru_.size();
}

}  // namespace sahayak::services
