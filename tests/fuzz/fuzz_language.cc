// libFuzzer target for DetectLanguage, which the store runs on the body of every message it
// writes (mail, chat, portal and API text from outside). Beyond "no crash, no leak, no undefined
// behaviour" it checks the contract of base/language.h: the answer is "" or a two- or three-letter
// lower-case code, the same for the same text, and text without a letter has none.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/language.h"
#include "fuzz_assert.h"

namespace {

// An ISO 639 code: two or three lower-case letters, no region or script subtag.
bool IsCode(std::string_view code) {
  if (code.size() < 2 || code.size() > 3 || code == "xx" || code == "un") return false;
  for (char ch : code) {
    if (ch < 'a' || ch > 'z') return false;
  }
  return true;
}

bool HasAsciiLetterOrNonAscii(std::string_view text) {
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string code = sahayak::DetectLanguage(text);
  if (!code.empty() && !IsCode(code)) {
    FUZZ_ASSERT_FAIL("not an ISO 639 code", code);
  }
  if (sahayak::DetectLanguage(text) != code) {
    FUZZ_ASSERT_FAIL("a different answer for the same text", text);
  }
  if (!code.empty() && !HasAsciiLetterOrNonAscii(text)) {
    FUZZ_ASSERT_FAIL("a language for text without letters", text);
  }
  return 0;
}
