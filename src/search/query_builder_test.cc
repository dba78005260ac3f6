// Which query words are also looked up by sound (Hinglish ↔ Devanagari).
#include "search/query_builder.h"

#include <gtest/gtest.h>

namespace sahayak::search {
namespace {

bool BySound(Analyzer& analyzer, const std::string& written) {
  auto tokens = analyzer.Analyze(written);
  return tokens.size() == 1 && SearchesBySound(tokens.front(), written);
}

TEST(SearchesBySoundTest, HinglishAndHindiWordsButNotAcronymsOrTinyWords) {
  Analyzer analyzer;
  for (const char* w : {"dukaan", "bahut", "Hafte", "पार्सल", "नहीं"}) {
    EXPECT_TRUE(BySound(analyzer, w)) << w;
  }
  // Words of the curated Hinglish table are looked up by their Devanagari spellings instead.
  for (const char* w : {"parcel", "nahi", "mila", "Wapas"}) {
    EXPECT_FALSE(BySound(analyzer, w)) << w;
  }
  // Acronyms: GST would sound like घोषित, KYC like कैश; tiny words sound like too much.
  for (const char* w : {"GST", "KYC", "NDR", "OTP", "gst", "ndr", "ka", "क", "सल", "ORD2231"}) {
    EXPECT_FALSE(BySound(analyzer, w)) << w;
  }
}

TEST(HinglishTermsTest, AnalysedSpellingsOfLatinWordsOnly) {
  Analyzer analyzer;
  auto mila = analyzer.Analyze("mila").front();
  auto terms = HinglishTerms(analyzer, mila, "mila");
  ASSERT_FALSE(terms.empty());
  EXPECT_EQ(terms.front().term, "मिला");
  // Analysed like indexed text: the nukta of हफ़्ते is folded.
  auto hafte = analyzer.Analyze("hafte").front();
  terms = HinglishTerms(analyzer, hafte, "hafte");
  ASSERT_FALSE(terms.empty());
  EXPECT_EQ(terms.front().term, "हफ्ते");
  auto gst = analyzer.Analyze("GST").front();
  EXPECT_TRUE(HinglishTerms(analyzer, gst, "GST").empty());
  auto hindi = analyzer.Analyze("मिला").front();
  EXPECT_TRUE(HinglishTerms(analyzer, hindi, "मिला").empty());
}

}  // namespace
}  // namespace sahayak::search
