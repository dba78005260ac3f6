#pragma once

#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

// A real HTTP/1.1 receiver on 127.0.0.1 (an ephemeral port) for tests of outbound webhooks:
// answers each request with the next scripted (status, body) — 200 "ok" once the script is
// empty — and keeps what it was sent. One connection at a time, one request per connection
// (the senders close after each). Plain sockets, no Beast: only net/ includes it.
// Thread-safe.
namespace sahayak::testing {

class HttpReceiver {
 public:
  struct Request {
    std::string method;
    std::string target;
    std::map<std::string, std::string> headers;  // names in lower case
    std::string body;
    std::string Header(const std::string& lower_name) const {
      auto it = headers.find(lower_name);
      return it == headers.end() ? "" : it->second;
    }
  };

  HttpReceiver();  // throws std::runtime_error when it cannot listen
  ~HttpReceiver();
  HttpReceiver(const HttpReceiver&) = delete;
  HttpReceiver& operator=(const HttpReceiver&) = delete;

  int port() const { return port_; }
  // "http://127.0.0.1:<port><path>".
  std::string Url(const std::string& path = "/hooks/sahayak") const;
  // The answers to the next requests, in order.
  void Answer(std::vector<std::pair<int, std::string>> script);
  std::vector<Request> Received() const;
  // Waits up to `timeout_ms` for at least `n` requests; what was received by then.
  std::vector<Request> WaitFor(size_t n, int timeout_ms = 5000) const;

 private:
  void Serve();
  void HandleOne(int fd);

  int listen_fd_ = -1;
  int port_ = 0;
  mutable std::mutex mu_;
  mutable std::condition_variable cv_;
  std::deque<std::pair<int, std::string>> script_;
  std::vector<Request> received_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace sahayak::testing
