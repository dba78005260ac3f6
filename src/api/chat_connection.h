#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>

#include "api/chat_endpoint.h"
#include "services/chat/chat_frames.h"
#include "services/chat/chat_hub.h"

namespace sahayak::api {

// One chat socket's protocol (docs/chat.md): reads the client's frames, calls ChatService in
// write transactions, publishes what committed, and writes the server's frames to its
// transport. As a hub sink it keeps, per watched conversation, the highest seq it has handled,
// so events reach the client once each and in order: a duplicate is dropped, a gap is read
// from the store.
//
// Thread-safety: OnText/OnBinary/OnClosed must be called one at a time (net/ runs them on one
// strand of the worker pool, never on an I/O thread); the sink calls come from any thread.
class ChatConnection final : public services::ChatSink,
                             public std::enable_shared_from_this<ChatConnection> {
 public:
  ChatConnection(ChatEndpoint& endpoint, ChatAdmission admission,
                 std::shared_ptr<ChatTransport> transport);

  void OnText(std::string_view text);
  void OnBinary();
  // The socket closed: leaves the hub (and the agent's presence).
  void OnClosed();
  // Whether `hello` was answered (net/ closes with 4401 after 10 s otherwise).
  bool greeted() const { return greeted_.load(); }

  // services::ChatSink
  void Begin(domain::Id conversation_id, int64_t after_seq) override;
  void Finish(domain::Id conversation_id) override;
  void Deliver(const services::ChatEvent& e) override;
  void DeliverRead(domain::Id conversation_id, const services::ChatAuthor& author,
                   int64_t seq) override;
  void SendFrame(const std::string& frame) override;
  void CloseWith(int code, const std::string& reason) override;

 private:
  using Frame = services::chat_frames::ClientFrame;
  // `conversation_id`: the conversation the refused frame was about (0: none).
  void Error(std::string_view code, std::string_view message, std::string_view ref,
             domain::Id conversation_id = 0);
  void ErrorFor(const Status& st, std::string_view ref, domain::Id conversation_id = 0);
  // The agent's presence to all of the agent's connections (two tabs agree).
  void EchoPresence();
  void Close(int code, const std::string& reason);
  bool TakeToken();

  void Hello(const Frame& f);
  void VisitorHello(const Frame& f);
  void AgentHello(const Frame& f);
  void Start(const Frame& f);
  void Send(const Frame& f);
  // Authorises, watches and sends the events after `after`; false (error sent) when refused.
  // REQUIRES: mu_ held.
  bool Resume(domain::Id conversation_id, int64_t after, std::string_view ref);
  void Typing(const Frame& f);
  void Read(const Frame& f);
  void Presence(const Frame& f);
  void AgentAction(const Frame& f);
  void End(const Frame& f);
  // Routes the workspace's queue now (an agent came online) and publishes.
  void RouteNow();

  // Sends `e` when this side is shown it. REQUIRES: mu_ held.
  void SendEventLocked(const services::ChatEvent& e);
  // Reads and sends one page of the events of a watched conversation after its last seq; when
  // more may follow the conversation is `behind_` until the transport drains. REQUIRES: mu_.
  void CatchUpLocked(domain::Id conversation_id);
  // Asks the transport to call Continue when it drained, if a conversation is behind. Call
  // without mu_.
  void AskForDrain();
  // The next pages of the conversations behind.
  void Continue();

  ChatEndpoint& endpoint_;
  ChatAdmission admission_;
  std::shared_ptr<ChatTransport> transport_;
  services::ChatParty party_;  // from hello on; its name changes under mu_ (Start)
  services::ChatVisitor visitor_;
  std::atomic<bool> greeted_{false};
  std::atomic<domain::Id> self_id_{0};  // the visitor's or agent's id, from hello on
  std::atomic<bool> closed_{false};
  // Rate limit: a bucket of frames_per_second × burst_seconds, refilled every second.
  double tokens_ = 0;
  Millis refilled_at_ = 0;

  std::mutex mu_;  // guards watching_ and live_, and orders the frames of one conversation
  std::map<domain::Id, int64_t> watching_;  // conversation -> highest seq handled
  std::set<domain::Id> behind_;             // watched, with stored events still to send
  bool drain_asked_ = false;
  std::set<domain::Id> live_;               // visitors: their conversations not yet ended
};

}  // namespace sahayak::api
