#include "base/language.h"

#include <cld2/public/compact_lang_det.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <cstring>

#include "base/text.h"

namespace sahayak {
namespace {

// Below this many letters CLD2's guesses are noise ("kab aayega" comes out as anything).
constexpr int kMinLettersForCld2 = 40;

struct LetterCounts {
  int total = 0;
  int latin = 0;
  int devanagari = 0;
  int kannada = 0;
};

LetterCounts CountLetters(std::string_view utf8) {
  LetterCounts counts;
  const auto* p = reinterpret_cast<const uint8_t*>(utf8.data());
  const int32_t n = static_cast<int32_t>(utf8.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) {
      continue;
    }
    if (c < 0x80) {  // most text is ASCII: skip the property look-ups
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        ++counts.total;
        ++counts.latin;
      }
      continue;
    }
    // Vowel signs and viramas are letters' parts (Mn/Mc): count them as letters of their
    // script, or Devanagari text would look shorter than its Latin transliteration.
    if (!u_isalpha(c) && !(U_GET_GC_MASK(c) & U_GC_M_MASK)) {
      continue;
    }
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(c, &status);
    if (script == USCRIPT_INHERITED || script == USCRIPT_COMMON) {
      continue;
    }
    ++counts.total;
    if (script == USCRIPT_LATIN) {
      ++counts.latin;
    } else if (script == USCRIPT_DEVANAGARI) {
      ++counts.devanagari;
    } else if (script == USCRIPT_KANNADA) {
      ++counts.kannada;
    }
  }
  return counts;
}

std::string ByMajorityScript(const LetterCounts& counts) {
  if (counts.total == 0) {
    return "";
  }
  if (counts.devanagari >= counts.kannada && counts.devanagari >= counts.latin &&
      counts.devanagari > 0 && counts.devanagari * 2 >= counts.total) {
    return "hi";
  }
  if (counts.kannada > counts.latin && counts.kannada * 2 >= counts.total) {
    return "kn";
  }
  if (counts.latin * 2 > counts.total) {
    return "en";
  }
  return "";
}

}  // namespace

std::string DetectLanguage(std::string_view text) {
  std::string repaired;
  if (!IsValidUtf8(text)) {
    repaired = RepairUtf8(text);
    text = repaired;
  }
  const LetterCounts counts = CountLetters(text);
  if (counts.total >= kMinLettersForCld2) {
    bool reliable = false;
    const CLD2::Language language = CLD2::DetectLanguage(text.data(), static_cast<int>(text.size()),
                                                         /*is_plain_text=*/true, &reliable);
    if (reliable && language != CLD2::UNKNOWN_LANGUAGE && language != CLD2::TG_UNKNOWN_LANGUAGE) {
      // The primary subtag only ("zh-Hant" → "zh"); CLD2's "xx-Nkoo" and the like name a
      // script whose language it does not know, which is no language code (found by the
      // fuzzer).
      const char* code = CLD2::LanguageCode(language);
      std::string primary = code != nullptr ? std::string(code, std::strcspn(code, "-_")) : "";
      if (primary.size() >= 2 && primary.size() <= 3 && primary != "un" && primary != "xx") {
        return primary;
      }
    }
  }
  return ByMajorityScript(counts);
}

}  // namespace sahayak
