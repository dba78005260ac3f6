#pragma once

#include <atomic>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>

#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "api/chat_endpoint.h"

namespace sahayak::net {

class ChatSocket;

struct ChatSocketOptions {
  size_t max_frame_bytes = 16 * 1024;  // larger frames close the socket with 1009
  size_t max_queued_frames = 256;      // unsent frames beyond these close it with 4408
  size_t max_queued_bytes = 1 << 20;
  size_t kernel_send_bytes = 128 << 10;  // SO_SNDBUF of each chat socket
  int hello_timeout_seconds = 10;      // no `hello` answered by then: 4401
  int idle_timeout_seconds = 60;       // WebSocket pings keep an idle socket alive
};

// The live-chat WebSockets of an HttpServer (docs/chat.md, "The socket"): each one a Beast
// websocket::stream on its I/O strand, its frames handed in order to its api::ChatConnection on
// a strand of the worker pool (the connection's write transactions never run on an I/O
// thread), and the connection's frames written from a bounded queue. Thread-safe.
class ChatSockets {
 public:
  ChatSockets(api::ChatEndpoint& endpoint, boost::asio::thread_pool& workers,
              ChatSocketOptions options = ChatSocketOptions())
      : endpoint_(endpoint), workers_(workers), options_(options) {}

  // Takes over an admitted upgrade request's connection and completes the handshake.
  void Open(boost::beast::tcp_stream stream,
            boost::beast::http::request<boost::beast::http::string_body> request,
            api::ChatAdmission admission);
  // Closes every socket with 1001 (server shutdown).
  void CloseAll();
  size_t count() const;

 private:
  friend class ChatSocket;
  void Forget(const ChatSocket* socket);

  api::ChatEndpoint& endpoint_;
  boost::asio::thread_pool& workers_;
  const ChatSocketOptions options_;
  mutable std::mutex mu_;
  std::map<const ChatSocket*, std::weak_ptr<ChatSocket>> sockets_;
};

}  // namespace sahayak::net
