#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "domain/types.h"

namespace sahayak::services {

// Which agents are connected to the chat socket and whether they take chats (docs/chat.md,
// `presence`): in memory, per process, like PresenceService. Routing offers chats only to
// agents who are connected and `online`. An agent whose connections all dropped is "gone"
// from that moment; ChatService::Tick gives their chats back to the queue once the workspace's
// grace period has passed. An agent this process has not seen since it started counts as gone
// since the start, so chats of agents who do not come back after a restart are re-queued too.
// Thread-safe.
class ChatPresence {
 public:
  explicit ChatPresence(const Clock& clock) : clock_(clock), started_at_(clock.Now()) {}

  // A connection of the agent opened / closed.
  void Connected(domain::Id ws, domain::Id agent_id);
  void Disconnected(domain::Id ws, domain::Id agent_id);
  // online | away | offline. An agent's first connection starts `online`; the state stays
  // across reconnects.
  void SetState(domain::Id ws, domain::Id agent_id, const std::string& state);
  std::string State(domain::Id ws, domain::Id agent_id) const;

  // Connected and online: the agents routing may offer chats to, by id.
  std::vector<domain::Id> Available(domain::Id ws) const;
  // Since when the agent has had no connection; nullopt while connected.
  std::optional<Millis> GoneSince(domain::Id ws, domain::Id agent_id) const;

  // Round-robin: when the agent was last offered a chat (0: never).
  Millis LastOffered(domain::Id ws, domain::Id agent_id) const;
  void NoteOffered(domain::Id ws, domain::Id agent_id, Millis at);

 private:
  struct Agent {
    int connections = 0;
    std::string state = "online";
    Millis gone_since = 0;
    Millis last_offered = 0;
  };
  using Key = std::pair<domain::Id, domain::Id>;
  const Clock& clock_;
  const Millis started_at_;
  mutable std::mutex mu_;
  std::map<Key, Agent> agents_;
};

}  // namespace sahayak::services
