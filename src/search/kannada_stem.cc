#include "search/kannada_stem.h"

#include <algorithm>
#include <array>
#include <vector>

namespace sahayak::search {
namespace {

constexpr char32_t kVirama = 0x0CCD;
constexpr char32_t kSignI = 0x0CBF;
constexpr char32_t kSignU = 0x0CC1;

bool IsKannada(char32_t c) {
  return c >= 0x0C80 && c <= 0x0CFF;
}
bool IsConsonant(char32_t c) {
  return (c >= 0x0C95 && c <= 0x0CB9) || c == 0x0CDE;
}
// Independent vowels and consonants: what a reader counts as letters (signs excluded).
bool IsLetter(char32_t c) {
  return (c >= 0x0C85 && c <= 0x0CB9) || c == 0x0CDE || c == 0x0CE0 || c == 0x0CE1;
}
// The i, ii, e, ee, ai vowel signs, after which the genitive is -ಯ (ಪಾವತಿಯ, ಮನೆಯ).
bool IsFrontVowelSign(char32_t c) {
  return c == 0x0CBF || c == 0x0CC0 || c == 0x0CC6 || c == 0x0CC7 || c == 0x0CC8;
}

// What must come before an ending for it to be one (short endings are common word ends).
enum class Before { kAnything, kVirama, kFrontVowelSign, kBareConsonant };

struct Ending {
  std::u32string_view text;
  Before before = Before::kAnything;
};

// Plural, then case endings after -a nouns (ಒಪ್ಪಂದ), -i/-e nouns (ಪಾವತಿ, ಮನೆ), -u nouns
// (ಬೆಂಗಳೂರು → ಬೆಂಗಳೂರಿಗೆ) and consonant-final loanwords (ಪಾರ್ಸೆಲ್ → ಪಾರ್ಸೆಲ್‌ನಲ್ಲಿ,
// ಪಾರ್ಸೆಲನ್ನು).
// Joiners are gone before this runs (the Analyzer removes ZWNJ), so ಪಾರ್ಸೆಲ್‌ಗೆ is
// ಪಾರ್ಸೆಲ್ಗೆ.
constexpr std::array kEndings = {
    Ending{U"ಗಳೊಂದಿಗೆ"},
    Ending{U"ಗಳಿಗಾಗಿ"},
    Ending{U"ಗಳನ್ನೂ"},
    Ending{U"ಗಳನ್ನು"},
    Ending{U"ಗಳಲ್ಲಿ"},
    Ending{U"ಗಳಿಂದ"},
    Ending{U"ಗಳಿಗೆ"},
    Ending{U"ಗಳಂತೆ"},
    Ending{U"ಗಳು"},
    Ending{U"ಗಳೂ"},
    Ending{U"ಗಳೇ"},
    Ending{U"ಗಳ"},
    Ending{U"ದೊಂದಿಗೆ"},
    Ending{U"ಯೊಂದಿಗೆ"},
    Ending{U"ನೊಂದಿಗೆ"},
    Ending{U"ಕ್ಕಾಗಿ"},
    Ending{U"ಗಾಗಿ"},
    Ending{U"ವನ್ನು"},
    Ending{U"ಯನ್ನು"},
    Ending{U"ಅನ್ನು"},
    Ending{U"ನ್ನು"},
    Ending{U"ದಲ್ಲಿ"},
    Ending{U"ಯಲ್ಲಿ"},
    Ending{U"ನಲ್ಲಿ"},
    Ending{U"ಅಲ್ಲಿ"},
    Ending{U"ದಿಂದ"},
    Ending{U"ಯಿಂದ"},
    Ending{U"ನಿಂದ"},
    Ending{U"ಇಂದ"},
    Ending{U"ಿಂದ"},
    Ending{U"ಿನಲ್ಲಿ"},
    Ending{U"ಿಗೆ"},
    Ending{U"ಿನ"},
    Ending{U"ಕ್ಕೆ"},
    Ending{U"ಗೆ"},
    Ending{U"ೊಂದಿಗೆ"},
    Ending{U"ನಂತೆ"},
    Ending{U"ನ", Before::kVirama},          // ಪಾರ್ಸೆಲ್‌ನ
    Ending{U"ಯ", Before::kFrontVowelSign},  // ಪಾವತಿಯ, ಮನೆಯ (not ಸಮಯ)
    Ending{U"ವು", Before::kBareConsonant},  // ಒಪ್ಪಂದವು (not ಸಾವು)
};

// At least this many letters must be left of a word after an ending is taken off.
constexpr int kMinStemLetters = 2;

std::u32string Decode(std::string_view s) {
  std::u32string out;
  out.reserve(s.size() / 3 + 1);
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    int len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) return U"";
    char32_t c = len == 1 ? b : b & (0x7F >> len);
    for (int k = 1; k < len; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(c);
    i += static_cast<size_t>(len);
  }
  return out;
}

std::string Encode(std::u32string_view s) {
  std::string out;
  out.reserve(s.size() * 3);
  for (char32_t c : s) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

int Letters(std::u32string_view s) {
  return static_cast<int>(std::count_if(s.begin(), s.end(), IsLetter));
}

bool Fits(std::u32string_view rest, Before before) {
  if (Letters(rest) < kMinStemLetters) return false;
  const char32_t last = rest.back();
  switch (before) {
    case Before::kAnything:
      return true;
    case Before::kVirama:
      return last == kVirama;
    case Before::kFrontVowelSign:
      return IsFrontVowelSign(last);
    case Before::kBareConsonant:
      return IsConsonant(last);
  }
  return false;
}

// kEndings, longest first, so ಗಳನ್ನು wins over ನ್ನು.
const std::vector<Ending>& EndingsLongestFirst() {
  static const std::vector<Ending> sorted = [] {
    std::vector<Ending> v(kEndings.begin(), kEndings.end());
    std::stable_sort(v.begin(), v.end(), [](const Ending& a, const Ending& b) {
      return a.text.size() > b.text.size();
    });
    return v;
  }();
  return sorted;
}

}  // namespace

std::string KannadaStem(std::string_view word) {
  std::u32string w = Decode(word);
  if (w.empty() || !std::all_of(w.begin(), w.end(), IsKannada)) return "";
  if (Letters(w) < kMinStemLetters) return "";
  std::u32string_view rest = w;
  for (const Ending& e : EndingsLongestFirst()) {
    if (rest.size() > e.text.size() && rest.ends_with(e.text)) {
      std::u32string_view left = rest.substr(0, rest.size() - e.text.size());
      if (Fits(left, e.before)) {
        rest = left;
        break;
      }
    }
  }
  // ಪಾರ್ಸೆಲ್ / ಪಾರ್ಸೆಲನ್ನು, ಬೆಂಗಳೂರು / ಬೆಂಗಳೂರಿಗೆ, ಪಾವತಿ / ಪಾವತಿಗೆ: one stem each.
  if (rest.size() > 1 &&
      (rest.back() == kVirama || rest.back() == kSignU || rest.back() == kSignI) &&
      IsConsonant(rest[rest.size() - 2]) && Letters(rest) >= kMinStemLetters) {
    rest.remove_suffix(1);
  }
  if (rest.size() == w.size()) return "";
  return Encode(rest);
}

}  // namespace sahayak::search
