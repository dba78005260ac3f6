#pragma once

#include <string>
#include <string_view>
#include <vector>

// Devanagari spellings of Hindi words typed in Latin letters ("Hinglish": "parcel nahi mila"
// for पार्सल नहीं मिला), so that a Latin query word can also look up the Devanagari words
// themselves, not only their sound key (search/phonetic.h, which cannot tell मिला from मेला).
// docs/search.md ("Hinglish spellings") has the rules and what they measured.
namespace sahayak::search {

struct HinglishSpellings {
  std::vector<std::string> words;  // Devanagari, NFC; most likely first; empty: none
  // True when the words come from the curated table of common Hinglish spellings (and are
  // then trusted enough to replace the sound key), false when ICU made them.
  bool curated = false;
};

// At most this many spellings of one word.
constexpr size_t kMaxHinglishSpellings = 6;

// The Devanagari spellings of one Latin word as the Analyzer writes it (lower case). A table
// of common Hinglish spellings first ("nahi", "nahin", "nhi" → नहीं; "parcel" → पार्सल);
// otherwise ICU's Latin-Devanagari transliteration of the word rewritten as Hinglish is typed
// (aa/ee/oo are long vowels, a final a/i/u is long, e and o are always long, w is v, sh is श,
// ch is च, c before e/i/y is s), with a final virama dropped (kab → कब, not कब्), plus the
// same with one short a made long (wapas → वापस) and with a final nasal (nahi → नहीं).
// Empty for words that are not 3 to 24 ASCII letters. Thread-safe (ICU state per thread).
HinglishSpellings DevanagariSpellings(std::string_view latin_word);

// Whether the curated table has `latin_word` (DevanagariSpellings(w).curated, without ICU).
bool IsCuratedHinglish(std::string_view latin_word);

}  // namespace sahayak::search
