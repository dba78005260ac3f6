#include "domain/http_url.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <cctype>

namespace sahayak::domain {

namespace {

bool IsHostChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.';
}

}  // namespace

Result<HttpUrl> ParseHttpUrl(std::string_view url) {
  if (url.size() > kMaxHttpUrlChars) {
    return InvalidArgument("is longer than 2,000 characters");
  }
  for (char c : url) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f) {
      return InvalidArgument(
          "may hold only printable ASCII: percent-encode spaces and other characters, and give "
          "an internationalised host name in its punycode form");
    }
  }
  HttpUrl out;
  std::string lower(url.substr(0, std::min<size_t>(url.size(), 8)));
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::string_view rest;
  if (lower.rfind("https://", 0) == 0) {
    out.tls = true;
    rest = url.substr(8);
  } else if (lower.rfind("http://", 0) == 0) {
    rest = url.substr(7);
  } else {
    return InvalidArgument("must start with http:// or https://");
  }
  if (rest.find('#') != std::string_view::npos) {
    return InvalidArgument("may not contain a fragment (#…)");
  }
  const size_t end = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, end);
  std::string_view target = end == std::string_view::npos ? "" : rest.substr(end);
  if (authority.find('@') != std::string_view::npos) {
    return InvalidArgument("may not contain a user name or password");
  }
  std::string_view host;
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {
    const size_t close = authority.find(']');
    if (close == std::string_view::npos) return InvalidArgument("has an unclosed [IPv6] host");
    host = authority.substr(1, close - 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return InvalidArgument("has a malformed host");
      port = after.substr(1);
    }
    in6_addr addr{};
    if (host.empty() || host.size() > 45 ||
        inet_pton(AF_INET6, std::string(host).c_str(), &addr) != 1) {
      return InvalidArgument("has a malformed IPv6 address");
    }
  } else {
    const size_t colon = authority.find(':');
    host = authority.substr(0, colon);
    if (colon != std::string_view::npos) port = authority.substr(colon + 1);
    if (host.empty()) return InvalidArgument("has no host name");
    if (host.size() > 253 || !std::all_of(host.begin(), host.end(), IsHostChar) ||
        host.front() == '.' || host.front() == '-' || host.find("..") != std::string_view::npos) {
      return InvalidArgument("has a malformed host name");
    }
  }
  out.host = std::string(host);
  std::transform(out.host.begin(), out.host.end(), out.host.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (port.empty()) {
    if (authority.back() == ':') return InvalidArgument("has an empty port");
    out.port = out.tls ? 443 : 80;
  } else {
    if (port.size() > 5 ||
        !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return InvalidArgument("has a port that is not a number");
    }
    const int p = std::stoi(std::string(port));
    if (p < 1 || p > 65535) return InvalidArgument("has a port outside 1-65535");
    out.port = static_cast<uint16_t>(p);
  }
  out.target = target.empty() ? "/" : std::string(target);
  if (out.target.front() == '?') out.target = "/" + out.target;
  return out;
}

namespace {

bool IsPrivateV4(const unsigned char a[4]) {
  return a[0] == 0 || a[0] == 10 || a[0] == 127 || (a[0] == 100 && (a[1] & 0xc0) == 64) ||
         (a[0] == 169 && a[1] == 254) || (a[0] == 172 && (a[1] & 0xf0) == 16) ||
         (a[0] == 192 && a[1] == 168) || a[0] >= 224;
}

}  // namespace

bool IsPrivateAddress(std::string_view host) {
  std::string h(host);
  std::transform(h.begin(), h.end(), h.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (!h.empty() && h.back() == '.') h.pop_back();
  if (h == "localhost" || (h.size() > 10 && h.compare(h.size() - 10, 10, ".localhost") == 0)) {
    return true;
  }
  unsigned char v4[4];
  if (inet_pton(AF_INET, h.c_str(), v4) == 1) return IsPrivateV4(v4);
  unsigned char v6[16];
  if (inet_pton(AF_INET6, h.c_str(), v6) != 1) return false;
  const bool zero_prefix = std::all_of(v6, v6 + 10, [](unsigned char b) { return b == 0; });
  if (zero_prefix && v6[10] == 0xff && v6[11] == 0xff) {
    return IsPrivateV4(v6 + 12);  // ::ffff:a.b.c.d
  }
  if (zero_prefix && v6[10] == 0 && v6[11] == 0) {
    // ::, ::1 and the old IPv4-compatible ::a.b.c.d: none is a public IPv6 address.
    return true;
  }
  return (v6[0] & 0xfe) == 0xfc ||                     // fc00::/7 unique local
         (v6[0] == 0xfe && (v6[1] & 0xc0) == 0x80) ||  // fe80::/10 link-local
         (v6[0] == 0xfe && (v6[1] & 0xc0) == 0xc0) ||  // fec0::/10 site-local (deprecated)
         v6[0] == 0xff;                                // multicast
}

}  // namespace sahayak::domain
