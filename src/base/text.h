#pragma once

#include <string>
#include <string_view>

namespace sahayak {

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view s);

// Length of the well-formed UTF-8 sequence at the start of `s` (REQUIRES: non-empty), or 0
// with `*bad` set to the length of its maximal ill-formed prefix, which one U+FFFD replaces
// (the Unicode and WHATWG practice).
size_t Utf8SequenceLength(std::string_view s, size_t* bad);

// `s` with every ill-formed sequence replaced by U+FFFD.
std::string RepairUtf8(std::string_view s);

// Unicode NFC of well-formed UTF-8 (ICU). REQUIRES: IsValidUtf8(s).
std::string ToNfc(std::string_view s);

// Case-folded NFC, for comparing e-mail addresses, tags and names.
std::string FoldCase(std::string_view s);

// Trims ASCII and Unicode white space at both ends.
std::string Trim(std::string_view s);

// True when `s` holds a C0/C1 control character other than tab, CR and LF.
bool HasControlChars(std::string_view s);

// Length in code points (for limits that users count in characters, not bytes).
size_t CodePointCount(std::string_view s);

// A loose but practical address check: local@domain.tld, no spaces, one @.
bool LooksLikeEmail(std::string_view s);

// Lower-cased copy of the ASCII letters.
std::string AsciiLower(std::string_view s);

// One of the five lower-case Latin vowel letters, as romanised Hindi spells its vowels.
inline bool IsLowerAsciiVowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

// Base64url without padding.
std::string Base64UrlEncode(std::string_view bytes);
bool Base64UrlDecode(std::string_view text, std::string* out);

// Whether JSON text nests arrays and objects at most `max_depth` deep (strings skipped), checked
// before a parser sees it: a small body of '[' is still a deep tree.
bool JsonDepthWithin(std::string_view text, int max_depth);

}  // namespace sahayak
