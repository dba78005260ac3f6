#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "services/chat/chat_service.h"
#include "services/chat/chat_store.h"

namespace sahayak::services {

// One connected client as the hub sees it (api/chat_connection.h implements it). Calls come
// from any thread, never with the hub's lock held; implementations are thread-safe.
class ChatSink {
 public:
  virtual ~ChatSink() = default;
  // Start watching the conversation with events after `after_seq` (no-op when watching).
  virtual void Begin(Id conversation_id, int64_t after_seq) = 0;
  // Stop watching it.
  virtual void Finish(Id conversation_id) = 0;
  // A stored event of a watched conversation. Events arrive after their commit, in no order
  // the hub guarantees across threads: the sink orders them by seq and reads a gap from the
  // store itself.
  virtual void Deliver(const ChatEvent& e) = 0;
  // How far `author` has read in a watched conversation (the sink skips its own).
  virtual void DeliverRead(Id conversation_id, const ChatAuthor& author, int64_t seq) = 0;
  // A frame as it is (typing, queue).
  virtual void SendFrame(const std::string& frame) = 0;
  // Closes the connection with a WebSocket close code (1001 on shutdown).
  virtual void CloseWith(int code, const std::string& reason) = 0;
};

// Who watches which conversation, and which connections are whose agent's, in memory and per
// process: the fan-out of docs/chat.md after each commit. Thread-safe; it never calls a sink
// while holding its lock (a slow sink cannot stall the others, and a sink may call back).
class ChatHub {
 public:
  // An agent's connection: it gets the workspace's `queue` frames, and starts watching the
  // conversations its agent is offered or joins.
  void AddAgent(Id ws, Id agent_id, const std::shared_ptr<ChatSink>& sink);
  // A visitor's connection (watches only what it asks for).
  void AddVisitor(const std::shared_ptr<ChatSink>& sink);
  // Forgets the sink everywhere.
  void Remove(const ChatSink* sink);
  void Watch(const std::shared_ptr<ChatSink>& sink, Id conversation_id);
  void Unwatch(const ChatSink* sink, Id conversation_id);

  // Tells the watchers of a committed change: watches first, then events in order, then
  // unwatches and read positions.
  void Publish(const ChatEffects& fx);
  // A frame for the conversation's watchers other than `from` (typing).
  void Relay(Id conversation_id, const ChatSink* from, const std::string& frame);
  // A frame for every agent connection of the workspace (queue).
  void ToAgents(Id ws, const std::string& frame);
  // A frame for every connection of one agent (their presence, so two tabs agree).
  void ToAgent(Id ws, Id agent_id, const std::string& frame);
  // Closes every connection (shutdown: 1001).
  void CloseAll(int code, const std::string& reason);

  size_t connections() const;
  // How many connections of the agent are registered.
  size_t AgentConnections(Id ws, Id agent_id) const;

 private:
  using SinkPtr = std::shared_ptr<ChatSink>;
  std::vector<SinkPtr> WatchersOf(Id conversation_id) const;
  std::vector<SinkPtr> AgentSinks(Id ws, Id agent_id) const;

  mutable std::mutex mu_;
  std::map<const ChatSink*, SinkPtr> all_;
  std::map<Id, std::map<const ChatSink*, SinkPtr>> watchers_;       // by conversation
  std::map<const ChatSink*, std::set<Id>> watching_;                 // by sink
  std::map<std::pair<Id, Id>, std::map<const ChatSink*, SinkPtr>> agents_;  // (ws, agent)
  std::map<const ChatSink*, std::pair<Id, Id>> agent_of_;
};

}  // namespace sahayak::services
