#include "services/chat/chat_presence.h"

namespace sahayak::services {

void ChatPresence::Connected(domain::Id ws, domain::Id agent_id) {
  std::lock_guard<std::mutex> lock(mu_);
  Agent& a = agents_[{ws, agent_id}];
  ++a.connections;
}

void ChatPresence::Disconnected(domain::Id ws, domain::Id agent_id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = agents_.find({ws, agent_id});
  if (it == agents_.end() || it->second.connections == 0) return;
  if (--it->second.connections == 0) it->second.gone_since = clock_.Now();
}

void ChatPresence::SetState(domain::Id ws, domain::Id agent_id, const std::string& state) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = agents_.find({ws, agent_id});
  if (it == agents_.end()) {
    Agent a;
    a.gone_since = started_at_;
    it = agents_.emplace(Key{ws, agent_id}, a).first;
  }
  it->second.state = state;
}

std::string ChatPresence::State(domain::Id ws, domain::Id agent_id) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = agents_.find({ws, agent_id});
  if (it == agents_.end() || it->second.connections == 0) return "offline";
  return it->second.state;
}

std::vector<domain::Id> ChatPresence::Available(domain::Id ws) const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<domain::Id> out;
  for (auto it = agents_.lower_bound({ws, 0}); it != agents_.end() && it->first.first == ws;
       ++it) {
    if (it->second.connections > 0 && it->second.state == "online") {
      out.push_back(it->first.second);
    }
  }
  return out;
}

std::optional<Millis> ChatPresence::GoneSince(domain::Id ws, domain::Id agent_id) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = agents_.find({ws, agent_id});
  if (it == agents_.end()) return started_at_;
  if (it->second.connections > 0) return std::nullopt;
  return it->second.gone_since;
}

Millis ChatPresence::LastOffered(domain::Id ws, domain::Id agent_id) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = agents_.find({ws, agent_id});
  return it == agents_.end() ? 0 : it->second.last_offered;
}

void ChatPresence::NoteOffered(domain::Id ws, domain::Id agent_id, Millis at) {
  std::lock_guard<std::mutex> lock(mu_);
  agents_[{ws, agent_id}].last_offered = at;
}

}  // namespace sahayak::services
