#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <variant>

#include "api/http.h"
#include "base/clock.h"
#include "services/auth/auth_service.h"
#include "services/chat/chat_hub.h"
#include "services/chat/chat_service.h"
#include "services/principal.h"
#include "services/store.h"

// The chat socket's protocol side (docs/chat.md), free of Beast: net/chat_socket.cc carries
// the WebSocket and calls these. ChatEndpoint decides about an upgrade request (403 before the
// upgrade, 404, 401) and makes the ChatConnection that reads a socket's frames; it also runs
// the periodic routing pass and publishes committed changes to the hub.
namespace sahayak::api {

class ChatConnection;

// What carries one connection's frames (net/chat_socket.cc). Thread-safe; never blocks.
class ChatTransport {
 public:
  virtual ~ChatTransport() = default;
  // Queues a text frame. A connection whose queue overflows (over 256 frames or 1 MiB) is
  // closed with 4408 by the transport.
  virtual void Send(std::string frame) = 0;
  // Closes with `code` after the frames queued before; later frames are dropped.
  virtual void Close(int code, std::string reason) = 0;
  // Calls `fn` once, on the connection's strand, when few frames wait to be written (at once
  // when few do now). Resuming a long conversation sends a page, then waits for this, so a
  // client that reads is never closed with 4408 for history it asked for.
  virtual void WhenDrained(std::function<void()> fn) = 0;
};

// An upgrade request the endpoint let through.
struct ChatAdmission {
  bool agent = false;
  services::ChatSettings settings;  // visitors: the widget's workspace
  services::Principal who;          // agents
  std::string origin;
};

struct ChatEndpointOptions {
  // The server's own origins (public_url's), beside http(s)://<Host> of the request, that the
  // console's socket may come from.
  std::string public_url;
  int frames_per_second = 20;  // sustained, over `burst_seconds`, before 4429
  int burst_seconds = 5;
};

class ChatEndpoint {
 public:
  // Everything must outlive the endpoint.
  ChatEndpoint(services::Store& store, services::ChatService& chat, services::ChatHub& hub,
               services::AuthService& auth, ChatEndpointOptions options);

  static bool IsChatPath(std::string_view path);

  // The upgrade request of /api/v1/chat/visitor?key= or /api/v1/chat/agent: an admission, or
  // the response that refuses it (problem+json). Blocking (reads the store): call it on a
  // worker, not an I/O thread.
  std::variant<Response, ChatAdmission> Admit(const Request& req);
  // After the WebSocket handshake: the connection that reads the socket's frames.
  std::shared_ptr<ChatConnection> Open(const ChatAdmission& admission,
                                       std::shared_ptr<ChatTransport> transport);

  // Whether `origin` may use the widget of `settings` (its allowed origins).
  static bool OriginAllowed(const services::ChatSettings& settings, std::string_view origin);
  // Whether `origin` is the server's own (the console's): http(s)://<Host> or public_url.
  bool IsOwnOrigin(const Request& req, std::string_view origin) const;

  // Commits have happened: tell the hub, and every agent of the workspace the new queue when
  // it changed.
  void Publish(const services::ChatEffects& fx);
  // Runs one routing pass (ChatService::Tick) for every workspace with chat on and publishes
  // what changed. Blocking; app/ calls it about once a second.
  void Tick();
  // Closes every chat connection with 1001 (server shutdown).
  void Shutdown();

  services::Store& store() { return store_; }
  services::ChatService& chat() { return chat_; }
  services::ChatHub& hub() { return hub_; }
  const ChatEndpointOptions& options() const { return options_; }

 private:
  services::Store& store_;
  services::ChatService& chat_;
  services::ChatHub& hub_;
  services::AuthService& auth_;
  ChatEndpointOptions options_;
};

// The `queue` frame: the workspace's waiting chats.
std::string QueueFrame(const std::vector<services::ChatConversationView>& waiting);
// A conversation as `welcome` and GET /api/v1/chat/conversations list it.
nlohmann::json ConversationSummary(const services::ChatConversationView& v);

}  // namespace sahayak::api
