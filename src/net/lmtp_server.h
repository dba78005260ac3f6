#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "net/lmtp_session.h"

namespace sahayak::net {

// What the LMTP server delivers into; implemented by the app. Called on worker threads.
class LmtpBackend {
 public:
  virtual ~LmtpBackend() = default;
  // Whether RCPT TO may name `address` (lower-case).
  virtual bool AcceptRecipient(const std::string& address) = 0;
  // Stores `message` for each recipient; returns one reply per recipient, only after the
  // store committed (250) or with 4xx/5xx when it did not.
  virtual std::vector<LmtpReply> Deliver(const std::string& message,
                                         const std::vector<std::string>& recipients) = 0;
};

struct LmtpServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 2424;  // 0 picks a free port
  std::string hostname = "sahayak";
  size_t max_message_bytes = 50u << 20;
  int worker_threads = 4;
  int max_connections = 64;
  int idle_timeout_seconds = 300;
};

// The LMTP listener (RFC 2033): one Asio I/O thread, deliveries on a worker pool.
class LmtpServer {
 public:
  LmtpServer(LmtpServerOptions options, LmtpBackend& backend);
  ~LmtpServer();

  Status Start();  // binds and listens; then port() is the bound port
  uint16_t port() const;
  // Serves on a background thread until Stop(), which waits (up to 10 s) for deliveries.
  void RunInBackground();
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sahayak::net
