#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

// Host names of the workspaces' public sites (help centre, portal, /help/suggest): one
// workspace per host, chosen by the request's Host header (docs/portal.md, "One site per
// workspace"). Thread-safe.
namespace sahayak::domain {

// The longest host name DNS allows, in ASCII (punycode) form.
inline constexpr size_t kMaxPublicHostChars = 253;

// The stored form of a workspace's public host as an admin typed it: surrounding spaces and
// one trailing dot dropped, internationalised names (Unicode or punycode) turned into their
// lower-case ASCII form per UTS #46 ("Hilfe.Bücher.DE" -> "hilfe.xn--bcher-kva.de"). ""
// stays "" (no host of its own). InvalidArgument, with a message a person can act on, for a
// scheme, port, path, user, characters other than letters, digits, hyphens and dots, an
// empty label, a label over 63 characters, or more than 253 characters in all.
Result<std::string> NormalizePublicHost(std::string_view input);

// The host a request's Host header names, in the same form: the port ("…:8080", "[::1]:80")
// dropped, case folded, Unicode turned into punycode. "" when the header is empty or names no
// valid host name.
std::string RequestHost(std::string_view host_header);

}  // namespace sahayak::domain
