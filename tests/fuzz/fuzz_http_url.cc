// libFuzzer target for the addresses of other systems Sahayak sends to: a carrier's
// `requests_url` (docs/shipments.md, "Telling the carrier"; domain/http_url.h), typed by an
// admin and later handed to the HTTP client.
//
// Beyond "no crash, no leak, no undefined behaviour" it checks the contract: an accepted
// address is at most 2,000 characters of printable ASCII starting http:// or https://, with a
// non-empty lower-case host of host characters (or an IPv6 address), a port of 1-65535, a target
// starting with '/', no user info and no fragment; and put back together from its parts (with
// the port written out) it parses to the same parts.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "domain/http_url.h"
#include "fuzz_assert.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  auto url = sahayak::domain::ParseHttpUrl(input);
  if (!url.ok()) {
    FUZZ_ASSERT_TRUE(url.status().code() == sahayak::Code::kInvalidArgument,
                     "a refusal is invalid-argument");
    FUZZ_ASSERT_TRUE(!url.status().message().empty(), "a refusal says why");
    return 0;
  }
  FUZZ_ASSERT_FALSE(input.size() > sahayak::domain::kMaxHttpUrlChars, "accepted too long", input);
  for (char c : input) {
    const auto u = static_cast<unsigned char>(c);
    FUZZ_ASSERT_FALSE(u <= 0x20 || u >= 0x7f, "accepted a non-printable character", input);
  }
  FUZZ_ASSERT_FALSE(input.find('#') != std::string_view::npos, "accepted a fragment", input);
  FUZZ_ASSERT_FALSE(url->host.empty(), "accepted an empty host", input);
  for (char c : url->host) {
    FUZZ_ASSERT_FALSE(c >= 'A' && c <= 'Z', "host not lower case", url->host);
    FUZZ_ASSERT_FALSE(c == '@' || c == '/' || c == '?' || c == '[' || c == ']',
                      "host holds a delimiter", url->host);
  }
  FUZZ_ASSERT_FALSE(url->port == 0, "accepted port 0", input);
  FUZZ_ASSERT_FALSE(url->target.empty() || url->target.front() != '/',
                    "target does not start with /", url->target);
  const bool v6 = url->host.find(':') != std::string::npos;
  const std::string again = std::string(url->tls ? "https://" : "http://") +
                            (v6 ? "[" + url->host + "]" : url->host) + ":" +
                            std::to_string(url->port) + url->target;
  // The port written out may take an address at the limit over it.
  if (again.size() > sahayak::domain::kMaxHttpUrlChars) return 0;
  auto re = sahayak::domain::ParseHttpUrl(again);
  FUZZ_ASSERT_TRUE(re.ok(), "the parts put back together parse");
  FUZZ_ASSERT_FALSE(re->tls != url->tls || re->host != url->host || re->port != url->port ||
                        re->target != url->target,
                    "the parts put back together parse to the same parts", again);
  return 0;
}
