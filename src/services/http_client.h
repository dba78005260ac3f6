#pragma once

#include <string>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "base/status.h"

// Outbound HTTP for services and workers (the carrier request and rule webhook senders): one
// POST, answered or failed. net/http_client.h implements it with Beast and OpenSSL; tests use
// fakes.
namespace sahayak::services {

struct HttpPost {
  std::string url;  // http:// or https://
  std::vector<std::pair<std::string, std::string>> headers;
  std::string content_type = "application/json";
  std::string body;
};

struct HttpAnswer {
  int status = 0;
  std::string body;  // at most the client's response cap (cut short, not refused)
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  // The server's answer, whatever its status. Unavailable when no answer came: the name did
  // not resolve, the connection was refused or timed out, TLS failed (certificate, host
  // name), or the answer was not HTTP. InvalidArgument for an address that is not a usable
  // http(s) URL; PermissionDenied when the client is set to refuse where it points (a private
  // address, net::HttpClientOptions::allow_private_addresses). Thread-safe.
  virtual Result<HttpAnswer> Post(const HttpPost& request) = 0;
};

}  // namespace sahayak::services
