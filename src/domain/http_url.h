#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

// Addresses of other systems Sahayak sends to (a carrier's requests endpoint): the parts an
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

}  // namespace sahayak::domain
