#include "search/phonetic.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include "base/text.h"

namespace sahayak::search {
namespace {

constexpr size_t kMinKeyLength = 2;
// The Devanagari cache is a plain map cleared when full: vocabularies are Zipfian, so a few
// thousand entries catch almost every word and a clear costs little.
constexpr size_t kMaxCachedKeys = 50000;
constexpr char16_t kAnusvara = 0x0902;

// People write a nasalised final vowel as "-n" (nahin, kahan, kyun, hain, hoon) where
// Devanagari has an anusvara that the Devanagari side drops. A real final n (din, saman,
// dukaan, kaun) must stay, so only the common nasal spellings lose it: after h or y
// (nahin, kahan, kahaan, yahan, kyun, kyon) and after "ai", "ei", "oo" (hain, mein, hoon).
void DropTypedFinalNasal(std::string& s) {
  const size_t n = s.size();
  if (n < 3 || s[n - 1] != 'n' || !IsLowerAsciiVowel(s[n - 2])) {
    return;
  }
  size_t run_start = n - 2;
  while (run_start > 0 && IsLowerAsciiVowel(s[run_start - 1])) {
    --run_start;
  }
  const std::string_view run(s.data() + run_start, n - 1 - run_start);
  const bool after_h_or_y = run_start > 0 && (s[run_start - 1] == 'h' || s[run_start - 1] == 'y');
  if (after_h_or_y || run == "ai" || run == "ei" || run == "oo") {
    s.pop_back();
  }
}

}  // namespace

std::string SkeletonKey(std::string_view ascii, bool from_devanagari) {
  std::string s;
  s.reserve(ascii.size() + 4);
  for (char c : ascii) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
    if (c < 'a' || c > 'z') {
      continue;
    }
    if (!s.empty() && s.back() == c) {
      continue;  // doubled letters: "aa", "ee", "cc", "ll" are spelling, not sound
    }
    s.push_back(c);
    // ICU romanises च as "c" and छ as "ch"; a person types च as "ch".
    if (from_devanagari && c == 'c') {
      s.push_back('h');
    }
  }
  if (!from_devanagari) {
    DropTypedFinalNasal(s);
  }

  // Phones: consonant classes, and 'V' for every vowel.
  std::string phones;
  phones.reserve(s.size());
  const size_t n = s.size();
  for (size_t i = 0; i < n; ++i) {
    const char c = s[i];
    const char prev = i > 0 ? s[i - 1] : '\0';
    const char next = i + 1 < n ? s[i + 1] : '\0';
    if (IsLowerAsciiVowel(c)) {
      phones.push_back('V');
      continue;
    }
    if (c == 'y') {
      // y is a consonant only before a vowel, and not as the glide of "aaye"/"kuriyar"/"priya"
      // that Devanagari writes as a bare vowel (आएगा, कूरियर, प्रिया).
      const bool glide = prev == 'i' || (IsLowerAsciiVowel(prev) && (next == 'e' || next == 'i'));
      phones.push_back(IsLowerAsciiVowel(next) && !glide ? 'y' : 'V');
      continue;
    }
    if (c == 'h') {
      phones.push_back('h');  // only reached after a vowel or at the start: a real h
      continue;
    }
    const bool then_h = next == 'h';
    switch (c) {
      case 'c':
        if (then_h) {
          phones.push_back('C');
        } else {
          phones.push_back(next == 'e' || next == 'i' || next == 'y' ? 's' : 'k');
        }
        break;
      case 'p':
        phones.push_back(then_h ? 'f' : 'p');
        break;
      case 'q':
        phones.push_back('k');
        break;
      case 'z':
        phones.push_back('j');
        break;
      case 'w':
        phones.push_back('v');
        break;
      case 'x':
        phones.append("ks");
        break;
      default:
        phones.push_back(c);  // kh, gh, th, dh, bh, jh, sh: aspiration dropped with the h
        break;
    }
    if (then_h) {
      ++i;
    }
  }

  std::string key;
  key.reserve(phones.size());
  if (!phones.empty() && phones[0] == 'V') {
    key.push_back('a');
  }
  char last = '\0';
  for (const char p : phones) {
    if (p == 'V') {
      last = 'V';
      continue;
    }
    if (p == last) {
      continue;  // "ck", "chch": adjacent equal consonants are one sound
    }
    key.push_back(p == 'C' ? 'c' : p);
    last = p;
  }
  if (key.size() < kMinKeyLength) {
    key.clear();
  }
  return key;
}

struct PhoneticKeyer::Icu {
  std::unique_ptr<icu::Transliterator> devanagari_to_ascii;
  std::unique_ptr<icu::Transliterator> latin_to_ascii;
};

PhoneticKeyer::PhoneticKeyer() : icu_(std::make_unique<Icu>()) {
  UErrorCode status = U_ZERO_ERROR;
  icu_->devanagari_to_ascii.reset(
      icu::Transliterator::createInstance("Devanagari-Latin; Latin-ASCII", UTRANS_FORWARD, status));
  if (U_FAILURE(status)) {
    icu_->devanagari_to_ascii.reset();  // no transliteration data: Devanagari keys stay empty
  }
  status = U_ZERO_ERROR;
  icu_->latin_to_ascii.reset(
      icu::Transliterator::createInstance("Latin-ASCII", UTRANS_FORWARD, status));
  if (U_FAILURE(status)) {
    icu_->latin_to_ascii.reset();
  }
}

PhoneticKeyer::~PhoneticKeyer() = default;

std::string PhoneticKeyer::ForLatin(std::string_view word) {
  bool ascii = true;
  for (const char c : word) {
    ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  }
  if (ascii || icu_->latin_to_ascii == nullptr) {
    return SkeletonKey(word, false);
  }
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), word.size()));
  icu_->latin_to_ascii->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return SkeletonKey(out, false);
}

std::string PhoneticKeyer::ForDevanagari(std::string_view word) {
  if (icu_->devanagari_to_ascii == nullptr) {
    return "";
  }
  std::string cache_key(word);
  if (auto it = devanagari_cache_.find(cache_key); it != devanagari_cache_.end()) {
    return it->second;
  }
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), word.size()));
  // A final anusvara only nasalises the vowel (नहीं, कहाँ, क्यों); Latin spellings mostly
  // leave it out ("nahi", "kaha", "kyu"), so it is not a consonant of the key.
  while (u.length() > 0 && u.charAt(u.length() - 1) == kAnusvara) {
    u.truncate(u.length() - 1);
  }
  icu_->devanagari_to_ascii->transliterate(u);
  std::string ascii;
  u.toUTF8String(ascii);
  std::string key = SkeletonKey(ascii, true);
  if (devanagari_cache_.size() >= kMaxCachedKeys) {
    devanagari_cache_.clear();
  }
  devanagari_cache_.emplace(std::move(cache_key), key);
  return key;
}

}  // namespace sahayak::search
