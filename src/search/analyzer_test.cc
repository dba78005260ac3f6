#include "search/analyzer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/text.h"

namespace sahayak::search {
namespace {

std::vector<std::string> Terms(Analyzer& analyzer, std::string_view text) {
  std::vector<std::string> terms;
  for (const Token& t : analyzer.Analyze(text)) {
    terms.push_back(t.term);
  }
  return terms;
}

using Strings = std::vector<std::string>;

// --- 1. Normalisation ---------------------------------------------------------------------

TEST(AnalyzerTest, RepairsInvalidUtf8) {
  Analyzer analyzer;
  const std::vector<Token> tokens = analyzer.Analyze("bad\xFF\xFEword \xE0\xA4 पार्सल \xC0\xAF");
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[0].term, "bad");
  EXPECT_EQ(tokens[1].term, "word");
  EXPECT_EQ(tokens[2].term, "पार्सल");
  for (const Token& t : tokens) {
    EXPECT_TRUE(IsValidUtf8(t.term)) << t.term;
  }
}

TEST(AnalyzerTest, ComposesToNfc) {
  Analyzer analyzer;
  // "café" typed with a combining acute accent matches the precomposed form.
  EXPECT_EQ(Terms(analyzer, "cafe\xCC\x81"), Strings{"caf\xC3\xA9"});
  EXPECT_EQ(analyzer.NormalizeWord("cafe\xCC\x81"), analyzer.NormalizeWord("caf\xC3\xA9"));
}

TEST(AnalyzerTest, RemovesJoinersSoftHyphensAndBom) {
  Analyzer analyzer;
  EXPECT_EQ(Terms(analyzer, "par\u00ADcel"), Strings{"parcel"});
  EXPECT_EQ(Terms(analyzer, "\uFEFFparcel"), Strings{"parcel"});
  // A ZWJ or ZWNJ changes how क्ष or ಕ್ಷ is drawn, not what it says.
  EXPECT_EQ(Terms(analyzer, "क्\u200Dष"), Strings{"क्ष"});
  EXPECT_EQ(Terms(analyzer, "क्\u200Cष"), Strings{"क्ष"});
  EXPECT_EQ(Terms(analyzer, "ಕ್\u200Dಷ"), Strings{"ಕ್ಷ"});
}

TEST(AnalyzerTest, FoldsNuktaToBaseLetter) {
  Analyzer analyzer;
  // ज़रूरत with a precomposed U+095B, with ज + combining nukta, and without the nukta.
  const std::string precomposed = "\u095Bरूरत";
  const std::string combining = "ज\u093Cरूरत";
  EXPECT_EQ(Terms(analyzer, precomposed), Strings{"जरूरत"});
  EXPECT_EQ(Terms(analyzer, combining), Strings{"जरूरत"});
  EXPECT_EQ(Terms(analyzer, "\u0958\u0959\u095A\u095B\u095C\u095D\u095E\u095F"),
            Strings{"कखगजडढफय"});
  // ड़ and ढ़ fold too (documented in docs/search.md): लड़का finds लडका.
  EXPECT_EQ(Terms(analyzer, "लड़का पढ़ाई"), (Strings{"लडका", "पढाई"}));
  EXPECT_EQ(Terms(analyzer, "फ़ोन"), Terms(analyzer, "फोन"));
  // Kannada nukta U+0CBC: ಫ಼್ಯಾನ್ (fan) = ಫ್ಯಾನ್.
  EXPECT_EQ(Terms(analyzer, "ಫ\u0CBC್ಯಾನ್"), Strings{"ಫ್ಯಾನ್"});
}

TEST(AnalyzerTest, FoldsChandrabinduToAnusvara) {
  Analyzer analyzer;
  EXPECT_EQ(Terms(analyzer, "कहाँ पहुँचा"), (Strings{"कहां", "पहुंचा"}));
  EXPECT_EQ(analyzer.NormalizeWord("नहीँ"), analyzer.NormalizeWord("नहीं"));
}

TEST(AnalyzerTest, IndicDigitsBecomeAsciiNumbers) {
  Analyzer analyzer;
  const std::vector<Token> tokens = analyzer.Analyze("ऑर्डर २२३१ ಆರ್ಡರ್ ೨೨೩೧");
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(tokens[1].term, "2231");
  EXPECT_EQ(tokens[1].script, Script::kNumber);
  EXPECT_EQ(tokens[3].term, "2231");
  EXPECT_EQ(tokens[3].script, Script::kNumber);
}

TEST(AnalyzerTest, FoldsCaseFully) {
  Analyzer analyzer;
  EXPECT_EQ(Terms(analyzer, "PARCEL Parcel"), (Strings{"parcel", "parcel"}));
  EXPECT_EQ(Terms(analyzer, "STRASSE Straße"), (Strings{"strasse", "strasse"}));
  EXPECT_EQ(Terms(analyzer, "ΣΊΣΥΦΟΣ"), Strings{"σίσυφοσ"});
}

// --- 2. Segmentation ----------------------------------------------------------------------

TEST(AnalyzerTest, KeepsConjunctsAndVowelSignsInsideTheWord) {
  Analyzer analyzer;
  EXPECT_EQ(Terms(analyzer, "पार्सल"), Strings{"पार्सल"});
  EXPECT_EQ(Terms(analyzer, "ಪಾರ್ಸೆಲ್"), Strings{"ಪಾರ್ಸೆಲ್"});
  EXPECT_EQ(Terms(analyzer, "क्षमा कीजिए"), (Strings{"क्षमा", "कीजिए"}));
  EXPECT_EQ(Terms(analyzer, "ನನ್ನ ಪಾರ್ಸೆಲ್ ಇನ್ನೂ ಬಂದಿಲ್ಲ"), (Strings{"ನನ್ನ", "ಪಾರ್ಸೆಲ್", "ಇನ್ನೂ", "ಬಂದಿಲ್ಲ"}));
}

TEST(AnalyzerTest, SplitsOnPunctuationTheIcuWay) {
  Analyzer analyzer;
  EXPECT_EQ(Terms(analyzer, "ORD-2231"), (Strings{"ord", "2231"}));
  EXPECT_EQ(Terms(analyzer, "don't"), Strings{"don't"});
  EXPECT_EQ(Terms(analyzer, "नमस्ते। आपका ऑर्डर?!"), (Strings{"नमस्ते", "आपका", "ऑर्डर"}));
  EXPECT_EQ(Terms(analyzer, "  -- !! ... "), Strings{});
  EXPECT_EQ(Terms(analyzer, ""), Strings{});
  // ICU keeps letters joined by "." and "@" together (documented in docs/search.md).
  EXPECT_EQ(Terms(analyzer, "Mail a.b@example.in now"), (Strings{"mail", "a.b@example.in", "now"}));
  // U+202F (narrow no-break space, as in "₹ 500\u202F/-") is ExtendNumLet for ICU, which
  // would end the word "500" with it; a term never keeps white space.
  EXPECT_EQ(Terms(analyzer, "7777\u202F 12\u202F34"), (Strings{"7777", "12\u202F34"}));
}

TEST(AnalyzerTest, MixedScriptSentence) {
  Analyzer analyzer;
  const std::vector<Token> tokens = analyzer.Analyze("मेरा parcel कहाँ है");
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(tokens[0].term, "मेरा");
  EXPECT_EQ(tokens[0].script, Script::kDevanagari);
  EXPECT_EQ(tokens[1].term, "parcel");
  EXPECT_EQ(tokens[1].script, Script::kLatin);
  EXPECT_EQ(tokens[2].term, "कहां");
  EXPECT_EQ(tokens[2].script, Script::kDevanagari);
  EXPECT_EQ(tokens[3].term, "है");
  EXPECT_EQ(tokens[3].script, Script::kDevanagari);
}

TEST(AnalyzerTest, PositionsCountWordsFromFirstPosition) {
  Analyzer analyzer;
  const std::vector<Token> tokens = analyzer.Analyze("parcel, — कहाँ   ಇದೆ?", 10);
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[0].position, 10u);
  EXPECT_EQ(tokens[1].position, 11u);
  EXPECT_EQ(tokens[2].position, 12u);
}

// --- 3. Script ----------------------------------------------------------------------------

TEST(AnalyzerTest, ScriptComesFromTheLetters) {
  Analyzer analyzer;
  const std::vector<Token> tokens = analyzer.Analyze(
      "invoice इनवॉइस ಇನ್‌ವಾಯ್ಸ್ 42 ord2231 σπίτι");
  ASSERT_EQ(tokens.size(), 6u);
  EXPECT_EQ(tokens[0].script, Script::kLatin);
  EXPECT_EQ(tokens[1].script, Script::kDevanagari);
  EXPECT_EQ(tokens[2].script, Script::kKannada);
  EXPECT_EQ(tokens[3].script, Script::kNumber);
  EXPECT_EQ(tokens[4].script, Script::kLatin);
  EXPECT_EQ(tokens[5].script, Script::kOther);
}

// --- 4. Stems -----------------------------------------------------------------------------

TEST(AnalyzerTest, EnglishStems) {
  Analyzer analyzer;
  const std::vector<Token> tokens = analyzer.Analyze("parcels deliveries parcel");
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[0].stem, "parcel");
  EXPECT_EQ(tokens[1].stem, "deliveri");
  EXPECT_EQ(tokens[2].stem, "");  // equal to the term
}

TEST(AnalyzerTest, HindiStemsJoinInflections) {
  Analyzer analyzer;
  const std::vector<Token> tokens = analyzer.Analyze("पार्सलों पार्सल लड़के लड़का");
  ASSERT_EQ(tokens.size(), 4u);
  auto stem_or_term = [](const Token& t) { return t.stem.empty() ? t.term : t.stem; };
  EXPECT_FALSE(tokens[0].stem.empty());
  EXPECT_EQ(stem_or_term(tokens[0]), stem_or_term(tokens[1]));
  EXPECT_EQ(stem_or_term(tokens[2]), stem_or_term(tokens[3]));
  EXPECT_NE(stem_or_term(tokens[0]), stem_or_term(tokens[2]));
}

TEST(AnalyzerTest, KannadaLightStemsAndNoStemForNumbers) {
  Analyzer analyzer;
  auto tokens = analyzer.Analyze("ಪಾರ್ಸೆಲ್‌ಗಳು ಪಾರ್ಸೆಲ್ ಬಂದಿಲ್ಲ 2231 ೨೨");
  ASSERT_EQ(tokens.size(), 5u);
  // The plural (joiner removed) and the singular share the stem of search/kannada_stem.h.
  EXPECT_EQ(tokens[0].term, "ಪಾರ್ಸೆಲ್ಗಳು");
  EXPECT_EQ(tokens[0].stem, "ಪಾರ್ಸೆಲ");
  EXPECT_EQ(tokens[1].stem, "ಪಾರ್ಸೆಲ");
  EXPECT_EQ(tokens[2].stem, "");  // ಬಂದಿಲ್ಲ: no ending of the list
  for (const Token& t : tokens) {
    EXPECT_EQ(t.phonetic, "") << t.term;
    if (t.script == Script::kNumber) {
      EXPECT_EQ(t.stem, "") << t.term;
    }
  }
}

TEST(AnalyzerTest, TermsOnlyLeavesStemsAndKeysForAddStemAndKey) {
  Analyzer analyzer;
  const std::string text = "Parcels पार्सलों ಪಾರ್ಸೆಲ್‌ಗಳು delivered नहीं मिला ORD-2231 ೨೨ don't";
  const std::vector<Token> full = analyzer.Analyze(text, 7);
  std::vector<Token> lazy = analyzer.Analyze(text, 7, Analyzer::Detail::kTermsOnly);
  ASSERT_EQ(full.size(), lazy.size());
  int with_stem = 0, with_key = 0;
  for (size_t i = 0; i < full.size(); ++i) {
    EXPECT_EQ(lazy[i].term, full[i].term);
    EXPECT_EQ(lazy[i].position, full[i].position);
    EXPECT_EQ(lazy[i].script, full[i].script);
    EXPECT_EQ(lazy[i].stem, "") << lazy[i].term;
    EXPECT_EQ(lazy[i].phonetic, "") << lazy[i].term;
    analyzer.AddStemAndKey(lazy[i]);
    EXPECT_EQ(lazy[i].stem, full[i].stem) << full[i].term;
    EXPECT_EQ(lazy[i].phonetic, full[i].phonetic) << full[i].term;
    with_stem += full[i].stem.empty() ? 0 : 1;
    with_key += full[i].phonetic.empty() ? 0 : 1;
  }
  // Each script's stemmer and both sound keyers took part.
  EXPECT_GE(with_stem, 3);
  EXPECT_GE(with_key, 4);
}

// --- 6. NormalizeWord ---------------------------------------------------------------------

TEST(AnalyzerTest, NormalizeWordMatchesTerms) {
  Analyzer analyzer;
  EXPECT_EQ(analyzer.NormalizeWord("PARCEL"), "parcel");
  EXPECT_EQ(analyzer.NormalizeWord(" Parcel\t"), "parcel");
  EXPECT_EQ(analyzer.NormalizeWord("\u095Bरूरत"), "जरूरत");
  EXPECT_EQ(analyzer.NormalizeWord("२२३१"), "2231");
  EXPECT_EQ(analyzer.NormalizeWord("ಪಾರ್\u200Cಸೆಲ್"), "ಪಾರ್ಸೆಲ್");
  EXPECT_EQ(analyzer.NormalizeWord("—"), "");
  EXPECT_EQ(analyzer.NormalizeWord("   "), "");
  EXPECT_EQ(analyzer.NormalizeWord(""), "");
  const std::string text = "Mera PARCEL कहाँ है? ज़रूरत ಫ಼್ಯಾನ್ ORD-2231 Straße ΣΊΣΥΦΟΣ \xFF";
  for (const Token& t : analyzer.Analyze(text)) {
    EXPECT_EQ(analyzer.NormalizeWord(t.term), t.term);
  }
}

// --- 7. Reuse -----------------------------------------------------------------------------

TEST(AnalyzerTest, ReusedAnalyzerGivesTheSameAnswer) {
  Analyzer analyzer;
  const std::string text = "मेरा parcel कहाँ है, ORD-2231 ಬಂದಿಲ್ಲ";
  const std::vector<Token> first = analyzer.Analyze(text);
  analyzer.Analyze("something else entirely पूरी तरह अलग");
  const std::vector<Token> second = analyzer.Analyze(text);
  ASSERT_EQ(first.size(), second.size());
  for (size_t i = 0; i < first.size(); ++i) {
    EXPECT_EQ(first[i].term, second[i].term);
    EXPECT_EQ(first[i].stem, second[i].stem);
    EXPECT_EQ(first[i].phonetic, second[i].phonetic);
    EXPECT_EQ(first[i].position, second[i].position);
  }
}

}  // namespace
}  // namespace sahayak::search
