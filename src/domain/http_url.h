#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

// Addresses of other systems Sahayak sends to (a carrier's requests endpoint, rules' webhooks): the parts an
// HTTP client needs. Pure; thread-safe.
namespace sahayak::domain {

inline constexpr size_t kMaxHttpUrlChars = 2000;

struct HttpUrl {
  bool tls = false;    // https
  std::string host;    // lower case; an IPv6 address without its brackets
  uint16_t port = 0;   // 80 or 443 unless given
  std::string target;  // path and query, "/" at least
};

// "http(s)://host[:port][/path][?query]" of printable ASCII, at most kMaxHttpUrlChars.
// InvalidArgument, with a message a person can act on, for another scheme, user info
// ("user:pw@"), a fragment, spaces or other characters outside printable ASCII (percent-encode
// them; internationalised host names in their punycode form), an empty or malformed host, or
// a port outside 1-65535.
Result<HttpUrl> ParseHttpUrl(std::string_view url);

// Whether `host` (an HttpUrl's host, or an address a name resolved to, as text) is an address
// that is not on the public internet: this machine (127.0.0.0/8, ::1, 0.0.0.0/8, ::), private
// networks (10/8, 172.16/12, 192.168/16, fc00::/7), shared address space (100.64/10),
// link-local (169.254/16 — cloud metadata services — and fe80::/10), multicast and reserved
// (224/4, 240/4, ff00::/8), or an IPv4-mapped IPv6 form of these; and the names "localhost"
// and "*.localhost". Other names answer false: resolve them and ask about the addresses.
bool IsPrivateAddress(std::string_view host);

}  // namespace sahayak::domain
