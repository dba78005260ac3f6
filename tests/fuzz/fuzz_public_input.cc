// libFuzzer target for what anonymous visitors of the public pages control besides bodies:
// the Host header that chooses the workspace (domain/public_host.h), the host an admin types
// for a workspace, and the signed start token of a web form (services/webforms/form_token.h).
// Beyond "no crash, no leak, no undefined behaviour" it checks the contracts:
//  - RequestHost() and a successful NormalizePublicHost() give lower-case ASCII host names of
//    at most 253 characters, and normalising a normalised name changes nothing;
//  - a form token the fuzzer made up is never accepted (only kForged), unless it is exactly
//    the token the server would have issued for that time.

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "domain/public_host.h"
#include "fuzz_assert.h"
#include "services/webforms/form_token.h"

namespace {

void CheckHostName(std::string_view host, std::string_view input) {
  FUZZ_ASSERT_FALSE(host.size() > 253, "host longer than 253 characters", input);
  for (char c : host) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    FUZZ_ASSERT_FALSE(!ok, "host with a character other than a-z 0-9 - .", input);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);

  CheckHostName(sahayak::domain::RequestHost(input), input);

  auto normal = sahayak::domain::NormalizePublicHost(input);
  if (normal.ok()) {
    CheckHostName(*normal, input);
    auto again = sahayak::domain::NormalizePublicHost(*normal);
    FUZZ_ASSERT_FALSE(!again.ok() || *again != *normal, "normalising twice changes the host",
                      input);
  }

  namespace s = sahayak::services;
  static const std::string key = s::DeriveFormTokenKey(std::string(32, 'k'));
  const sahayak::Millis now = 1'800'000'000'000;
  const s::FormTokenCheck check = s::CheckFormToken(key, "contact-form", input, now, 3000);
  if (check != s::FormTokenCheck::kForged) {
    // Accepted (or merely too fast/old): it must be a token the server itself issues.
    const size_t dot = input.find('.');
    FUZZ_ASSERT_FALSE(dot == std::string::npos, "a token without a dot was not forged", input);
    const std::string prefix = input.substr(0, dot);
    long long t = 0;
    auto [end, ec] = std::from_chars(prefix.data(), prefix.data() + prefix.size(), t);
    const bool issued = ec == std::errc() && end == prefix.data() + prefix.size() &&
                        s::IssueFormToken(key, "contact-form", t) == input;
    FUZZ_ASSERT_FALSE(!issued, "a made-up form token was not refused as forged", input);
  }
  return 0;
}
