// The light Kannada stemmer, on real words: inflected forms meet their base form's stem.
#include "search/kannada_stem.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sahayak::search {
namespace {

// The key a word is found by: its stem, or the word itself when it is its own stem.
std::string Key(const std::string& w) {
  std::string s = KannadaStem(w);
  return s.empty() ? w : s;
}

// Joiners are removed by the Analyzer before stemming; the test words are written without.
TEST(KannadaStemTest, ConsonantFinalLoanwordsAndTheirCases) {
  const std::string base = "ಪಾರ್ಸೆಲ್";  // parcel
  EXPECT_EQ(KannadaStem(base), "ಪಾರ್ಸೆಲ");
  for (const char* w : {"ಪಾರ್ಸೆಲ್ಗಳು", "ಪಾರ್ಸೆಲ್ಗಳನ್ನು", "ಪಾರ್ಸೆಲ್ಗಳಿಗೆ", "ಪಾರ್ಸೆಲನ್ನು", "ಪಾರ್ಸೆಲ್ಅನ್ನು", "ಪಾರ್ಸೆಲ್ನ",
                        "ಪಾರ್ಸೆಲ್ಗೆ", "ಪಾರ್ಸೆಲ್ನಲ್ಲಿ", "ಪಾರ್ಸೆಲ್ನಿಂದ", "ಪಾರ್ಸೆಲ್ಇಂದ", "ಪಾರ್ಸೆಲ್ಗಳ"}) {
    EXPECT_EQ(Key(w), Key(base)) << w;
  }
  EXPECT_EQ(Key("ಶಿಪ್ಮೆಂಟ್ಗಳಿಗೆ"), Key("ಶಿಪ್ಮೆಂಟ್"));    // shipments (dative)
  EXPECT_EQ(Key("ಇನ್ವಾಯ್ಸ್ಗಳು"), Key("ಇನ್ವಾಯ್ಸ್"));  // invoices
  EXPECT_EQ(Key("ರಿಫಂಡ್ಗಾಗಿ"), Key("ರಿಫಂಡ್"));      // for the refund
  EXPECT_EQ(Key("ಹಬ್ನಿಂದ"), Key("ಹಬ್"));          // from the hub
  // customers: plural -ರು, dative, accusative, "with"
  for (const char* w : {"ಗ್ರಾಹಕರಿಗೆ", "ಗ್ರಾಹಕರನ್ನು", "ಗ್ರಾಹಕರೊಂದಿಗೆ", "ಗ್ರಾಹಕರ"}) {
    EXPECT_EQ(Key(w), Key("ಗ್ರಾಹಕರು")) << w;
  }
}

TEST(KannadaStemTest, NounsEndingInAIAndU) {
  // -a: contract
  EXPECT_EQ(KannadaStem("ಒಪ್ಪಂದ"), "");
  for (const char* w : {"ಒಪ್ಪಂದಗಳು", "ಒಪ್ಪಂದದಲ್ಲಿ", "ಒಪ್ಪಂದವನ್ನು", "ಒಪ್ಪಂದಕ್ಕೆ", "ಒಪ್ಪಂದದಿಂದ", "ಒಪ್ಪಂದವು"}) {
    EXPECT_EQ(Key(w), "ಒಪ್ಪಂದ") << w;
  }
  EXPECT_EQ(Key("ವಿದೇಶಕ್ಕೆ"), "ವಿದೇಶ");  // abroad (dative)
  // -i: payment, delivery, Delhi
  for (const char* w : {"ಪಾವತಿಯ", "ಪಾವತಿಯನ್ನು", "ಪಾವತಿಗೆ", "ಪಾವತಿಗಳು", "ಪಾವತಿಯಲ್ಲಿ"}) {
    EXPECT_EQ(Key(w), Key("ಪಾವತಿ")) << w;
  }
  EXPECT_EQ(Key("ಡೆಲಿವರಿಗೆ"), Key("ಡೆಲಿವರಿ"));
  EXPECT_EQ(Key("ದೆಹಲಿಯಿಂದ"), Key("ದೆಹಲಿ"));
  // -e: house
  EXPECT_EQ(Key("ಮನೆಗೆ"), "ಮನೆ");
  EXPECT_EQ(Key("ಮನೆಯ"), "ಮನೆ");
  EXPECT_EQ(Key("ಮನೆಯಲ್ಲಿ"), "ಮನೆ");
  // -u: Bengaluru, door
  EXPECT_EQ(Key("ಬೆಂಗಳೂರಿಗೆ"), Key("ಬೆಂಗಳೂರು"));
  EXPECT_EQ(Key("ಬೆಂಗಳೂರಿನ"), Key("ಬೆಂಗಳೂರು"));
  EXPECT_EQ(Key("ಬಾಗಿಲನ್ನು"), Key("ಬಾಗಿಲು"));
}

TEST(KannadaStemTest, ShortWordsAndLookAlikesAreLeftAlone) {
  // Too little would be left: ಹೇಗೆ "how", ದಿನ "day", ರಿಂದ (after a number: "8 ರಿಂದ").
  for (const char* w : {"ಹೇಗೆ", "ದಿನ", "ರಿಂದ", "ಇಂದ", "ಗೆ", "ಮತ್ತು"}) {
    EXPECT_NE(Key(w).size(), 0u);
  }
  EXPECT_EQ(KannadaStem("ಹೇಗೆ"), "");
  EXPECT_EQ(KannadaStem("ದಿನ"), "");
  EXPECT_EQ(KannadaStem("ರಿಂದ"), "");
  // Short endings only where they cannot be part of the word.
  EXPECT_EQ(KannadaStem("ಸಮಯ"), "");      // time: -ಯ only after an i/e sign
  EXPECT_EQ(KannadaStem("ಸಹಾಯ"), "");     // help
  EXPECT_EQ(KannadaStem("ಸಾವು"), "ಸಾವ");  // -ವು only after a bare consonant; final u dropped
  EXPECT_EQ(Key("ದಿನಗಳು"), "ದಿನ");          // days → day
  // Different words keep different stems.
  EXPECT_NE(Key("ಒಪ್ಪಂದ"), Key("ಪಾವತಿ"));
  EXPECT_NE(Key("ಪಾರ್ಸೆಲ್"), Key("ಪಾರ್ಸೆಲ್ಗಳು") + "x");
}

TEST(KannadaStemTest, NotKannadaOrBrokenInput) {
  EXPECT_EQ(KannadaStem(""), "");
  EXPECT_EQ(KannadaStem("parcels"), "");
  EXPECT_EQ(KannadaStem("पार्सलों"), "");
  EXPECT_EQ(KannadaStem("ಪಾರ್ಸೆಲ್2"), "");
  EXPECT_EQ(KannadaStem(std::string("\xE0\xB2", 2)), "");  // cut inside a character
  EXPECT_EQ(KannadaStem(std::string("\xFF\xFE")), "");
}

}  // namespace
}  // namespace sahayak::search
