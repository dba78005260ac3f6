#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sahayak::search {

// The writing system of a token; decides which stemmer applies.
enum class Script { kLatin, kDevanagari, kKannada, kNumber, kOther };

// One word of analysed text.
struct Token {
  std::string term;      // normalised and case-folded: what exact matching compares
  std::string stem;      // Snowball stem (English for Latin, Hindi for Devanagari), the light
                         // Kannada stem of search/kannada_stem.h for Kannada; empty when
                         // there is none or it equals `term`
  std::string phonetic;  // a script-neutral sound key shared by पार्सल and "parcel" (Latin
                         // and Devanagari words only; empty otherwise). See docs/search.md.
  uint32_t position = 0;  // 0-based word position, for phrases
  Script script = Script::kOther;
};

// Turns text into the terms the index stores and queries look up, the same way for both:
// NFC; ZWJ, ZWNJ and soft hyphens removed; nukta forms folded to their base letters
// (क़ → क, ಜ಼ → ಜ); chandrabindu folded to anusvara; Devanagari and Kannada digits to ASCII
// digits; ICU case folding; ICU word boundaries, so conjuncts and vowel signs stay inside
// their word ("पार्सल" is one token, never प / र / सल). "ORD-2231" gives "ord" and "2231".
//
// Not thread-safe (it holds ICU and Snowball state): use one Analyzer per thread. Input that
// is not valid UTF-8 is repaired (U+FFFD), never rejected.
class Analyzer {
 public:
  Analyzer();
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  // What Analyze works out for each token.
  enum class Detail {
    kFull,       // term, position, script, stem and sound key
    kTermsOnly,  // no stem or sound key (AddStemAndKey adds them): what a document's writer
                 // wants for the words its lexicon has seen (search/text_writer.h)
  };

  // All tokens of `text`, positions counted from `first_position`.
  std::vector<Token> Analyze(std::string_view text, uint32_t first_position = 0,
                             Detail detail = Detail::kFull);

  // Fills in the stem and sound key of a token Analyze gave with Detail::kTermsOnly, exactly
  // as Detail::kFull would have.
  void AddStemAndKey(Token& token);

  // The normalised, case-folded form of one word as Analyze would produce it as `term` (for
  // prefixes and field values); "" when the word has no letters or digits. White space at
  // the ends is trimmed; the word is not split ("ORD-2231" stays "ord-2231"). For every
  // token t of Analyze, NormalizeWord(t.term) == t.term.
  std::string NormalizeWord(std::string_view word);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sahayak::search
