#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/clock.h"
#include "domain/types.h"

namespace sahayak::services {

// Who has a ticket open right now, for collision detection in the console: agents heartbeat
// while they view or reply to a ticket and everyone else on it sees them.
//
// In memory and per process: with several sahayak processes each knows only its own
// heartbeats (a later step moves this to Redis and the WebSocket hub). An entry lasts
// `ttl` after its last heartbeat; at most `max_entries` are kept, the least recently seen
// evicted first. Thread-safe.
class PresenceService {
 public:
  enum class State { kViewing, kReplying };

  struct Entry {
    domain::Id agent_id = 0;
    std::string name;
    State state = State::kViewing;
    Millis since = 0;         // when the agent entered this state on the ticket
    Millis last_seen_at = 0;  // the last heartbeat
  };

  struct Options {
    Millis ttl = 30000;
    size_t max_entries = 100000;
  };

  explicit PresenceService(const Clock& clock) : PresenceService(clock, Options{}) {}
  PresenceService(const Clock& clock, Options options) : clock_(clock), options_(options) {}

  // Records a heartbeat of `agent_id` on the ticket.
  void Heartbeat(domain::Id ws, domain::Id ticket_id, domain::Id agent_id, const std::string& name,
                 State state);
  // The agent leaves the ticket (no-op when not present).
  void Leave(domain::Id ws, domain::Id ticket_id, domain::Id agent_id);
  // The agents present on the ticket now, except `except_agent_id`, most recently seen first.
  std::vector<Entry> Present(domain::Id ws, domain::Id ticket_id, domain::Id except_agent_id);

  size_t size() const;

  static const char* Name(State s);
  static bool Parse(std::string_view s, State* out);

 private:
  struct Key {
    domain::Id ws, ticket_id, agent_id;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    size_t operator()(const Key& k) const;
  };
  struct Item {
    Key key;
    Entry entry;
    uint64_t seq = 0;  // heartbeat order, for ties within one millisecond
  };
  using Lru = std::list<Item>;  // least recently seen at the front

  void Erase(Lru::iterator it);

  const Clock& clock_;
  const Options options_;
  mutable std::mutex mu_;
  uint64_t next_seq_ = 0;
  Lru lru_;
  std::unordered_map<Key, Lru::iterator, KeyHash> by_key_;
  // ticket (ws, ticket_id, 0) -> its entries, so a ticket's presence is found without a scan.
  std::unordered_map<Key, std::vector<Lru::iterator>, KeyHash> by_ticket_;
};

}  // namespace sahayak::services
