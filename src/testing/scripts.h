#pragma once

#include <string_view>

// Checks of the script a text is written in, for tests of Hindi and Kannada texts.
namespace sahayak::testing {

// Whether UTF-8 text `s` holds a code point in [lo, hi] (e.g. Devanagari U+0900-U+097F,
// Kannada U+0C80-U+0CFF).
inline bool HasCodePointIn(std::string_view s, char32_t lo, char32_t hi) {
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    char32_t cp = c;
    size_t n = 1;
    if (c >= 0xF0) {
      cp = c & 0x07, n = 4;
    } else if (c >= 0xE0) {
      cp = c & 0x0F, n = 3;
    } else if (c >= 0xC0) {
      cp = c & 0x1F, n = 2;
    }
    for (size_t k = 1; k < n && i + k < s.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    if (cp >= lo && cp <= hi) return true;
    i += n;
  }
  return false;
}

}  // namespace sahayak::testing
