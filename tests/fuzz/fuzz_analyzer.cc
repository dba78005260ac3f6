// libFuzzer target for search::Analyzer, which sees every ticket, message and search query.
// Beyond "no crash, no leak, no undefined behaviour" it checks the contract of analyzer.h:
// every token has a non-empty, well-formed UTF-8 term that NormalizeWord leaves unchanged,
// stems and phonetic keys are well-formed, keys are ASCII letters of length 0 or ≥ 2, and
// positions rise by one from the first position. The same text written into a document
// (search/text_writer.h, with the lexicon of search/lexicon.h) gives terms of at most
// kMaxTermBytes that are well-formed UTF-8, every part of a joined word inside its word.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/text.h"
#include "fuzz_assert.h"
#include "search/analyzer.h"
#include "search/lexicon.h"
#include "search/text_writer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static sahayak::search::Analyzer analyzer;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  constexpr uint32_t kFirst = 7;
  const std::vector<sahayak::search::Token> tokens = analyzer.Analyze(input, kFirst);
  uint32_t expected_position = kFirst;
  for (const sahayak::search::Token& t : tokens) {
    FUZZ_ASSERT_FALSE(t.term.empty(), "empty term", input);
    FUZZ_ASSERT_FALSE(!sahayak::IsValidUtf8(t.term), "term is not UTF-8", t.term);
    FUZZ_ASSERT_FALSE(!sahayak::IsValidUtf8(t.stem), "stem is not UTF-8", t.stem);
    FUZZ_ASSERT_FALSE(t.stem == t.term, "stem equal to the term is not left empty", t.term);
    FUZZ_ASSERT_FALSE(t.position != expected_position, "positions not consecutive", t.term);
    ++expected_position;
    FUZZ_ASSERT_FALSE(t.phonetic.size() == 1, "one-letter phonetic key", t.term);
    for (const char c : t.phonetic) {
      FUZZ_ASSERT_FALSE(c < 'a' || c > 'z', "phonetic key not lower-case ASCII", t.phonetic);
    }
    const std::string normalized = analyzer.NormalizeWord(t.term);
    FUZZ_ASSERT_FALSE(normalized != t.term, "NormalizeWord(term) != term", t.term);
  }
  // Written as a document: terms and parts are bounded, well-formed words.
  Xapian::Document doc;
  sahayak::search::LexiconWriter lexicon;
  sahayak::search::TextWriter writer(&doc, analyzer, &lexicon);
  writer.Add(input, 2);
  writer.AddWithParts(std::string(input));
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    const std::string term = *it;
    FUZZ_ASSERT_FALSE(term.empty(), "empty document term", input);
    FUZZ_ASSERT_FALSE(term.size() > sahayak::search::kMaxTermBytes, "overlong term", term);
    FUZZ_ASSERT_FALSE(!sahayak::IsValidUtf8(term), "document term is not UTF-8", term);
  }
  // NormalizeWord is idempotent on any input.
  const std::string once = analyzer.NormalizeWord(input);
  FUZZ_ASSERT_FALSE(!sahayak::IsValidUtf8(once), "NormalizeWord output is not UTF-8", once);
  FUZZ_ASSERT_FALSE(analyzer.NormalizeWord(once) != once, "NormalizeWord not idempotent", once);
  return 0;
}
