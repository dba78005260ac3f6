#pragma once

#include <cstddef>
#include <string>

#include "base/clock.h"
#include "services/http_client.h"

// services::HttpClient over Beast and OpenSSL: one connection per request (no keep-alive),
// http and https. For https the peer's certificate must chain to the system's CA store (plus
// `ca_file` when set) and name the host (or its IP address); SNI names the host. Redirects are
// answers like any other (never followed). Thread-safe: each call has its own I/O context.
namespace sahayak::net {

struct HttpClientOptions {
  Millis connect_timeout_ms = 10 * 1000;  // name lookup, TCP connect and TLS handshake
  Millis total_timeout_ms = 10 * 1000;    // the whole exchange
  size_t max_response_bytes = 64 * 1024;  // the body kept; a longer one is cut here
  std::string ca_file;                    // extra trusted CAs (PEM); "" for the system's only
  std::string user_agent = "Sahayak";
  // false: refuse to connect to an address off the public internet (domain::IsPrivateAddress:
  // loopback, private networks, link-local such as cloud metadata services), checked on the
  // addresses the host name resolves to; Post answers PermissionDenied then.
  bool allow_private_addresses = true;
};

class BeastHttpClient final : public services::HttpClient {
 public:
  explicit BeastHttpClient(HttpClientOptions options = {}) : options_(std::move(options)) {}
  Result<services::HttpAnswer> Post(const services::HttpPost& request) override;

 private:
  HttpClientOptions options_;
};

}  // namespace sahayak::net
