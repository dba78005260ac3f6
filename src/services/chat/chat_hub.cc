#include "services/chat/chat_hub.h"

namespace sahayak::services {

void ChatHub::AddAgent(Id ws, Id agent_id, const std::shared_ptr<ChatSink>& sink) {
  std::lock_guard<std::mutex> lock(mu_);
  all_[sink.get()] = sink;
  agents_[{ws, agent_id}][sink.get()] = sink;
  agent_of_[sink.get()] = {ws, agent_id};
}

void ChatHub::AddVisitor(const std::shared_ptr<ChatSink>& sink) {
  std::lock_guard<std::mutex> lock(mu_);
  all_[sink.get()] = sink;
}

void ChatHub::Remove(const ChatSink* sink) {
  SinkPtr keep;  // released after the lock: a sink's destructor must not run under it
  std::lock_guard<std::mutex> lock(mu_);
  auto it = all_.find(sink);
  if (it == all_.end()) return;
  keep = it->second;
  all_.erase(it);
  if (auto w = watching_.find(sink); w != watching_.end()) {
    for (Id conv : w->second) {
      auto c = watchers_.find(conv);
      if (c == watchers_.end()) continue;
      c->second.erase(sink);
      if (c->second.empty()) watchers_.erase(c);
    }
    watching_.erase(w);
  }
  if (auto a = agent_of_.find(sink); a != agent_of_.end()) {
    auto s = agents_.find(a->second);
    if (s != agents_.end()) {
      s->second.erase(sink);
      if (s->second.empty()) agents_.erase(s);
    }
    agent_of_.erase(a);
  }
}

void ChatHub::Watch(const std::shared_ptr<ChatSink>& sink, Id conversation_id) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!all_.count(sink.get())) return;  // closed meanwhile
  watchers_[conversation_id][sink.get()] = sink;
  watching_[sink.get()].insert(conversation_id);
}

void ChatHub::Unwatch(const ChatSink* sink, Id conversation_id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto c = watchers_.find(conversation_id);
  if (c != watchers_.end()) {
    c->second.erase(sink);
    if (c->second.empty()) watchers_.erase(c);
  }
  auto w = watching_.find(sink);
  if (w != watching_.end()) w->second.erase(conversation_id);
}

std::vector<ChatHub::SinkPtr> ChatHub::WatchersOf(Id conversation_id) const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<SinkPtr> out;
  auto c = watchers_.find(conversation_id);
  if (c == watchers_.end()) return out;
  for (const auto& [_, sink] : c->second) out.push_back(sink);
  return out;
}

std::vector<ChatHub::SinkPtr> ChatHub::AgentSinks(Id ws, Id agent_id) const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<SinkPtr> out;
  auto a = agents_.find({ws, agent_id});
  if (a == agents_.end()) return out;
  for (const auto& [_, sink] : a->second) out.push_back(sink);
  return out;
}

void ChatHub::Publish(const ChatEffects& fx) {
  for (const auto& w : fx.watch) {
    for (const SinkPtr& sink : AgentSinks(fx.workspace_id, w.agent_id)) {
      sink->Begin(w.conversation_id, w.from_seq - 1);
      Watch(sink, w.conversation_id);
    }
  }
  for (const ChatEvent& e : fx.events) {
    for (const SinkPtr& sink : WatchersOf(e.conversation_id)) sink->Deliver(e);
  }
  for (const auto& [conversation_id, agent_id] : fx.unwatch) {
    for (const SinkPtr& sink : AgentSinks(fx.workspace_id, agent_id)) {
      Unwatch(sink.get(), conversation_id);
      sink->Finish(conversation_id);
    }
  }
  for (const auto& r : fx.reads) {
    for (const SinkPtr& sink : WatchersOf(r.conversation_id)) {
      sink->DeliverRead(r.conversation_id, r.author, r.seq);
    }
  }
}

void ChatHub::Relay(Id conversation_id, const ChatSink* from, const std::string& frame) {
  for (const SinkPtr& sink : WatchersOf(conversation_id)) {
    if (sink.get() != from) sink->SendFrame(frame);
  }
}

void ChatHub::ToAgents(Id ws, const std::string& frame) {
  std::vector<SinkPtr> targets;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto it = agents_.lower_bound({ws, 0}); it != agents_.end() && it->first.first == ws;
         ++it) {
      for (const auto& [_, sink] : it->second) targets.push_back(sink);
    }
  }
  for (const SinkPtr& sink : targets) sink->SendFrame(frame);
}

void ChatHub::ToAgent(Id ws, Id agent_id, const std::string& frame) {
  for (const SinkPtr& sink : AgentSinks(ws, agent_id)) sink->SendFrame(frame);
}

void ChatHub::CloseAll(int code, const std::string& reason) {
  std::vector<SinkPtr> targets;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& [_, sink] : all_) targets.push_back(sink);
  }
  for (const SinkPtr& sink : targets) sink->CloseWith(code, reason);
}

size_t ChatHub::connections() const {
  std::lock_guard<std::mutex> lock(mu_);
  return all_.size();
}

size_t ChatHub::AgentConnections(Id ws, Id agent_id) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto a = agents_.find({ws, agent_id});
  return a == agents_.end() ? 0 : a->second.size();
}

}  // namespace sahayak::services
