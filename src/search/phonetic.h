#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace sahayak::search {

// Script-neutral sound keys ("Hinglish" keys): "parcel", "parsal" and पार्सल all give "prsl",
// "nahi", "nahin", "nahee" and नहीं give "nh". The key is a consonant skeleton of an ASCII
// romanisation: aspiration, vowel length, doubled letters and a word-final nasal
// (anusvara/chandrabindu, "-in"/"-an" after h or y) are dropped; c/k/q, s/sh, v/w, j/z, f/ph
// are merged; a leading vowel becomes "a". Keys shorter than two letters are "" (too
// ambiguous to match anything). docs/search.md has the rules and their measured accuracy.

// The key of an ASCII romanisation. `from_devanagari` says the text came out of ICU's
// Devanagari-Latin transliteration (where "c" is च and a final nasal was already removed)
// rather than being typed by a person in Latin letters. Non-letters are ignored.
std::string SkeletonKey(std::string_view ascii, bool from_devanagari);

// Computes keys for whole tokens (already normalised by the Analyzer). Holds ICU
// transliterators and a cache of Devanagari keys; not thread-safe (one per Analyzer).
class PhoneticKeyer {
 public:
  PhoneticKeyer();
  ~PhoneticKeyer();
  PhoneticKeyer(const PhoneticKeyer&) = delete;
  PhoneticKeyer& operator=(const PhoneticKeyer&) = delete;

  // Key of a Latin-script word (case-folded; accents are removed first).
  std::string ForLatin(std::string_view word);
  // Key of a Devanagari word (normalised as by the Analyzer: nukta and chandrabindu folded).
  std::string ForDevanagari(std::string_view word);

 private:
  struct Icu;
  std::unique_ptr<Icu> icu_;
  std::unordered_map<std::string, std::string> devanagari_cache_;
};

}  // namespace sahayak::search
