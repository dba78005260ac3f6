#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "api/chat_endpoint.h"
#include "api/router.h"
#include "base/status.h"

namespace sahayak::net {

struct HttpServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0 picks a free port
  int io_threads = 1;
  // Handlers never run on the I/O threads. GET and HEAD run on a small pool sized to the CPU
  // (they only compute and read); everything else on a larger one, because writes wait for
  // their group commit and argon2id takes tens of milliseconds.
  int read_threads = 4;
  int worker_threads = 32;
  size_t max_header_bytes = 16 * 1024;
  int idle_timeout_seconds = 60;
};

// The HTTP/1.1 server: Beast sessions on a small pool of I/O threads, each request handed to a
// worker pool (one for reads, one for writes) so blocking work never stalls the I/O threads. The only code that includes
// Beast and Asio. Thread-safe.
class HttpServer {
 public:
  // `chat` (optional) serves the live-chat WebSockets of docs/chat.md on the same port; it must
  // outlive the server.
  HttpServer(HttpServerOptions options, api::Router& router, api::ChatEndpoint* chat = nullptr);
  ~HttpServer();

  // Binds and listens. After it returns OK, port() is the bound port.
  Status Start();
  uint16_t port() const;

  // Serves until Stop() or SIGINT/SIGTERM, then drains requests in flight and closes chat
  // sockets with 1001.
  void Run();
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sahayak::net
