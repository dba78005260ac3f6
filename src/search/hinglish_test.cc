// Devanagari spellings of Hinglish words: the curated table and ICU's transliteration.
#include "search/hinglish.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace sahayak::search {
namespace {

bool Has(const HinglishSpellings& s, const std::string& w) {
  return std::find(s.words.begin(), s.words.end(), w) != s.words.end();
}

TEST(HinglishTest, CuratedSpellings) {
  for (const char* w : {"nahi", "nahin", "nhi"}) {
    auto s = DevanagariSpellings(w);
    EXPECT_TRUE(s.curated) << w;
    EXPECT_TRUE(Has(s, "नहीं")) << w;
  }
  EXPECT_TRUE(Has(DevanagariSpellings("parcel"), "पार्सल"));
  EXPECT_TRUE(Has(DevanagariSpellings("aayega"), "आएगा"));
  EXPECT_TRUE(Has(DevanagariSpellings("aayega"), "आयेगा"));
  EXPECT_TRUE(Has(DevanagariSpellings("order"), "ऑर्डर"));
  EXPECT_TRUE(IsCuratedHinglish("mila"));
  EXPECT_FALSE(IsCuratedHinglish("dukaan"));
}

TEST(HinglishTest, IcuTransliterationAsHinglishIsTyped) {
  // Long vowels typed double, a final a long, no virama at the end.
  EXPECT_TRUE(Has(DevanagariSpellings("dukaan"), "दुकान"));
  EXPECT_TRUE(Has(DevanagariSpellings("ghar"), "घर"));
  EXPECT_TRUE(Has(DevanagariSpellings("bahut"), "बहुत"));
  EXPECT_TRUE(Has(DevanagariSpellings("hafte"), "हफ़्ते"));
  // A short a written for a long one: khana → खाना is one of the spellings.
  auto khana = DevanagariSpellings("khana");
  EXPECT_FALSE(khana.curated);
  EXPECT_TRUE(Has(khana, "खाना"));
  EXPECT_LE(khana.words.size(), kMaxHinglishSpellings);
  // A final nasal the Latin spelling leaves out.
  EXPECT_TRUE(Has(DevanagariSpellings("kaha"), "कहां"));
}

TEST(HinglishTest, OnlyPlainLatinWordsOfThreeToTwentyFourLetters) {
  EXPECT_TRUE(DevanagariSpellings("ka").words.empty());
  EXPECT_TRUE(DevanagariSpellings("ord2231").words.empty());
  EXPECT_TRUE(DevanagariSpellings("Parcel").words.empty());  // the Analyzer folds case first
  EXPECT_TRUE(DevanagariSpellings("पार्सल").words.empty());
  EXPECT_TRUE(DevanagariSpellings(std::string(25, 'a')).words.empty());
  EXPECT_TRUE(DevanagariSpellings("").words.empty());
}

}  // namespace
}  // namespace sahayak::search
