#include "search/hinglish.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <unordered_map>

#include "base/text.h"

namespace sahayak::search {
namespace {

// Common words of Hinglish support messages whose Devanagari spelling ICU cannot guess: English
// loanwords with retroflex consonants (ऑर्डर, डिलीवरी), vowel lengths a Latin spelling
// does not show (वापस), final nasals (नहीं, कहां, क्यों), and both spellings in use where
// there are two (आएगा, आयेगा). Values are NFC; the Analyzer folds nukta and chandrabindu.
const std::unordered_map<std::string_view, std::vector<std::string>>& Table() {
  static const auto* table = new std::unordered_map<std::string_view, std::vector<std::string>>{
      {"parcel", {"पार्सल"}},
      {"parsal", {"पार्सल"}},
      {"nahi", {"नहीं", "नही"}},
      {"nahin", {"नहीं"}},
      {"nahee", {"नहीं"}},
      {"nhi", {"नहीं"}},
      {"mila", {"मिला"}},
      {"mili", {"मिली"}},
      {"mile", {"मिले"}},
      {"milega", {"मिलेगा"}},
      {"milegi", {"मिलेगी"}},
      {"mera", {"मेरा"}},
      {"meri", {"मेरी"}},
      {"mere", {"मेरे"}},
      {"hai", {"है"}},
      {"hain", {"हैं"}},
      {"kab", {"कब"}},
      {"kya", {"क्या"}},
      {"kyun", {"क्यों"}},
      {"kyon", {"क्यों"}},
      {"kyu", {"क्यों"}},
      {"kahan", {"कहां"}},
      {"kahaan", {"कहां"}},
      {"aayega", {"आएगा", "आयेगा"}},
      {"ayega", {"आएगा", "आयेगा"}},
      {"aayegi", {"आएगी", "आयेगी"}},
      {"wapas", {"वापस"}},
      {"vapas", {"वापस"}},
      {"wapis", {"वापस"}},
      {"paisa", {"पैसा"}},
      {"paise", {"पैसे"}},
      {"abhi", {"अभी"}},
      {"tak", {"तक"}},
      {"order", {"ऑर्डर"}},
      {"delivery", {"डिलीवरी"}},
      {"refund", {"रिफंड"}},
      {"courier", {"कूरियर"}},
      {"kuriyar", {"कूरियर"}},
      {"status", {"स्टेटस"}},
      {"ticket", {"टिकट"}},
      {"tracking", {"ट्रैकिंग"}},
      {"invoice", {"इनवॉइस"}},
      {"pickup", {"पिकअप"}},
      {"jaldi", {"जल्दी"}},
      {"bhaiya", {"भैया"}},
      {"bhai", {"भाई"}},
      {"kal", {"कल"}},
      {"aaj", {"आज"}},
      {"din", {"दिन"}},
      {"samaan", {"सामान"}},
      {"saman", {"सामान"}},
      {"galat", {"गलत"}},
      {"dastavez", {"दस्तावेज"}},
      {"dastavej", {"दस्तावेज"}},
      {"kaise", {"कैसे"}},
      {"karein", {"करें"}},
      {"karen", {"करें"}},
      {"batao", {"बताओ"}},
      {"bataiye", {"बताइए", "बताइये"}},
      {"chahiye", {"चाहिए", "चाहिये"}},
      {"tha", {"था"}},
      {"thi", {"थी"}},
      {"thay", {"थे"}},
  };
  return *table;
}

// The word as ICU's Latin-Devanagari (ISO 15919) reads it, from the way Hinglish is typed.
// `long_a` (a position in `w`, or npos) is one short "a" to write long.
std::string AsIso(std::string_view w, size_t long_a) {
  std::string out;
  for (size_t i = 0; i < w.size(); ++i) {
    const char c = w[i];
    const char next = i + 1 < w.size() ? w[i + 1] : '\0';
    const bool last = i + 1 == w.size();
    const bool after_consonant = i > 0 && !IsLowerAsciiVowel(w[i - 1]);
    if (c == 'c' && next == 'h') {
      if (i + 2 < w.size() && w[i + 2] == 'h') {
        out += "ch";  // chh: छ
        i += 2;
      } else {
        out += "c";  // ch: च
        ++i;
      }
    } else if (c == 's' && next == 'h') {
      out += "ś";
      ++i;
    } else if (c == 'c') {
      out += (next == 'e' || next == 'i' || next == 'y') ? "s" : "k";
    } else if (c == 'q') {
      out += "k";
    } else if (c == 'x') {
      out += "ks";
    } else if (c == 'w') {
      out += "v";
    } else if (c == 'a' && next == 'a') {
      out += "ā";
      ++i;
    } else if ((c == 'e' && next == 'e') || (c == 'i' && next == 'i')) {
      out += "ī";
      ++i;
    } else if ((c == 'o' && next == 'o') || (c == 'u' && next == 'u')) {
      out += "ū";
      ++i;
    } else if (c == 'a' && next != 'i' && next != 'u' && (last || i == long_a)) {
      out += "ā";
    } else if (c == 'e') {
      out += "ē";
    } else if (c == 'o') {
      out += "ō";
    } else if (c == 'i' && last && after_consonant) {
      out += "ī";
    } else if (c == 'u' && last && after_consonant) {
      out += "ū";
    } else {
      out += c;
    }
  }
  return out;
}

struct TransliteratorDeleter {
  void operator()(icu::Transliterator* t) const { delete t; }
};

icu::Transliterator* ThreadTransliterator() {
  thread_local std::unique_ptr<icu::Transliterator, TransliteratorDeleter> t = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator, TransliteratorDeleter> made(
        icu::Transliterator::createInstance("Latin-Devanagari", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) made.reset();
    return made;
  }();
  return t.get();
}

std::string ToDevanagari(icu::Transliterator& t, const std::string& iso) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(iso);
  t.transliterate(u);
  if (u.length() > 0 && u.charAt(u.length() - 1) == 0x094D) u.truncate(u.length() - 1);
  std::string out;
  u.toUTF8String(out);
  return out;
}

void AddOnce(std::vector<std::string>* v, std::string s) {
  if (!s.empty() && v->size() < kMaxHinglishSpellings &&
      std::find(v->begin(), v->end(), s) == v->end()) {
    v->push_back(std::move(s));
  }
}

}  // namespace

bool IsCuratedHinglish(std::string_view latin_word) {
  return Table().count(latin_word) > 0;
}

HinglishSpellings DevanagariSpellings(std::string_view w) {
  HinglishSpellings out;
  if (w.size() < 3 || w.size() > 24) return out;
  for (char c : w) {
    if (c < 'a' || c > 'z') return out;
  }
  const auto& table = Table();
  if (auto it = table.find(w); it != table.end()) {
    out.words = it->second;
    out.curated = true;
    return out;
  }
  icu::Transliterator* t = ThreadTransliterator();
  if (t == nullptr) return out;
  const std::string plain = ToDevanagari(*t, AsIso(w, std::string_view::npos));
  AddOnce(&out.words, plain);
  // One short a made long, for the first two that are not already: wapas → vāpas → वापस.
  int tried = 0;
  for (size_t i = 0; i + 1 < w.size() && tried < 2; ++i) {
    if (w[i] != 'a' || w[i + 1] == 'a' || w[i + 1] == 'i' || w[i + 1] == 'u' ||
        (i > 0 && w[i - 1] == 'a')) {
      continue;
    }
    AddOnce(&out.words, ToDevanagari(*t, AsIso(w, i)));
    ++tried;
  }
  // A final nasal the Latin spelling leaves out: nahi → नहीं.
  if (IsLowerAsciiVowel(w.back())) AddOnce(&out.words, plain + "\u0902");
  return out;
}

}  // namespace sahayak::search
