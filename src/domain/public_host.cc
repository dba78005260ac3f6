// Public host names: syntax and the UTS #46 mapping (ICU's uidna).
#include "domain/public_host.h"

#include <unicode/uidna.h>

#include "base/text.h"

namespace sahayak::domain {

namespace {

const UIDNA* Idna() {
  // Immutable once made, so one instance serves every thread.
  static const UIDNA* idna = [] {
    UErrorCode err = U_ZERO_ERROR;
    UIDNA* u = uidna_openUTS46(UIDNA_USE_STD3_RULES | UIDNA_CHECK_BIDI | UIDNA_CHECK_CONTEXTJ |
                                   UIDNA_NONTRANSITIONAL_TO_ASCII,
                               &err);
    return U_SUCCESS(err) ? u : nullptr;
  }();
  return idna;
}

// `name` (no port, no trailing dot) in lower-case ASCII, or "" when it is no host name.
std::string ToAscii(std::string_view name) {
  if (name.empty() || name.size() > 4 * kMaxPublicHostChars) return "";
  const UIDNA* idna = Idna();
  if (idna == nullptr) return "";
  char out[4 * kMaxPublicHostChars + 16];
  UErrorCode err = U_ZERO_ERROR;
  UIDNAInfo info = UIDNA_INFO_INITIALIZER;
  int32_t n = uidna_nameToASCII_UTF8(idna, name.data(), static_cast<int32_t>(name.size()), out,
                                     static_cast<int32_t>(sizeof(out)), &info, &err);
  if (U_FAILURE(err) || info.errors != 0 || n <= 0) return "";
  std::string ascii = AsciiLower(std::string_view(out, static_cast<size_t>(n)));
  if (ascii.size() > kMaxPublicHostChars) return "";
  // STD3 rules already allow only letters, digits and hyphens per label; keep it certain.
  size_t label = 0;
  for (char c : ascii) {
    if (c == '.') {
      if (label == 0) return "";
      label = 0;
      continue;
    }
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || ++label > 63) return "";
  }
  if (label == 0) return "";
  return ascii;
}

}  // namespace

Result<std::string> NormalizePublicHost(std::string_view input) {
  std::string host = Trim(input);
  if (host.empty()) return std::string();
  if (host.find("://") != std::string::npos) {
    return InvalidArgument("must be a host name only, without http:// or https://");
  }
  if (host.find('/') != std::string::npos || host.find('?') != std::string::npos ||
      host.find('#') != std::string::npos) {
    return InvalidArgument("must be a host name only, without a path");
  }
  if (host.find(':') != std::string::npos) {
    return InvalidArgument("must be a host name only, without a port");
  }
  if (host.find('@') != std::string::npos) {
    return InvalidArgument("must be a host name only, without a user name");
  }
  if (host.back() == '.') host.pop_back();
  std::string ascii = ToAscii(host);
  if (ascii.empty()) {
    return InvalidArgument(
        "is not a host name: use letters, digits, hyphens and dots, such as "
        "help.example.in (at most 253 characters, 63 between dots)");
  }
  return ascii;
}

std::string RequestHost(std::string_view host_header) {
  std::string_view h = host_header;
  while (!h.empty() && (h.front() == ' ' || h.front() == '\t')) h.remove_prefix(1);
  while (!h.empty() && (h.back() == ' ' || h.back() == '\t')) h.remove_suffix(1);
  if (h.empty()) return "";
  if (h.front() == '[') return "";  // an IPv6 literal is never a workspace's host name
  if (size_t colon = h.rfind(':'); colon != std::string_view::npos) {
    std::string_view port = h.substr(colon + 1);
    for (char c : port) {
      if (c < '0' || c > '9') return "";
    }
    h = h.substr(0, colon);
  }
  if (!h.empty() && h.back() == '.') h.remove_suffix(1);
  if (h.find_first_of("/?#@:") != std::string_view::npos) return "";
  return ToAscii(h);
}

}  // namespace sahayak::domain
