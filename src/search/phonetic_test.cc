#include "search/phonetic.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "search/analyzer.h"

namespace sahayak::search {
namespace {

namespace fs = std::filesystem;

// The phonetic key the Analyzer gives the first word of `text`.
std::string KeyOf(Analyzer& analyzer, std::string_view text) {
  const std::vector<Token> tokens = analyzer.Analyze(text);
  return tokens.empty() ? "" : tokens[0].phonetic;
}

TEST(PhoneticTest, HinglishSpellingsMatchTheirDevanagariWords) {
  Analyzer analyzer;
  const std::vector<std::pair<std::vector<std::string>, std::string>> groups = {
      {{"parcel", "parsal"}, "पार्सल"},
      {{"nahi", "nahin", "nahee"}, "नहीं"},
      {{"mila"}, "मिला"},
      {{"kab"}, "कब"},
      {{"aayega", "ayega"}, "आएगा"},
      {{"mera"}, "मेरा"},
      {{"kahan", "kahaan"}, "कहाँ"},
      {{"paisa"}, "पैसा"},
      {{"wapas", "vapas"}, "वापस"},
      {{"order"}, "ऑर्डर"},
      {{"delivery"}, "डिलीवरी"},
      {{"courier"}, "कूरियर"},
      {{"invoice"}, "इनवॉइस"},
      {{"abhi"}, "अभी"},
      {{"tak"}, "तक"},
      {{"kyun", "kyon"}, "क्यों"},
  };
  for (const auto& [latin_words, devanagari] : groups) {
    const std::string key = KeyOf(analyzer, devanagari);
    EXPECT_FALSE(key.empty()) << devanagari;
    for (const std::string& latin : latin_words) {
      EXPECT_EQ(KeyOf(analyzer, latin), key) << latin << " vs " << devanagari;
    }
  }
  // Case and nukta do not matter: "PARCEL", फ़ोन / फोन / "phone" / "fone".
  EXPECT_EQ(KeyOf(analyzer, "PARCEL"), KeyOf(analyzer, "पार्सल"));
  EXPECT_EQ(KeyOf(analyzer, "फ़ोन"), KeyOf(analyzer, "fone"));
  EXPECT_EQ(KeyOf(analyzer, "phone"), KeyOf(analyzer, "फोन"));
}

TEST(PhoneticTest, UnrelatedWordsKeepApart) {
  Analyzer analyzer;
  EXPECT_NE(KeyOf(analyzer, "parcel"), KeyOf(analyzer, "paisa"));
  EXPECT_NE(KeyOf(analyzer, "parcel"), KeyOf(analyzer, "पैसा"));
  EXPECT_NE(KeyOf(analyzer, "kab"), KeyOf(analyzer, "kaam"));
  EXPECT_NE(KeyOf(analyzer, "kab"), KeyOf(analyzer, "काम"));
  EXPECT_NE(KeyOf(analyzer, "mera"), KeyOf(analyzer, "मेला"));
  // A real final n stays: दिन is "din", not "di"; दुकान is not "dukaa".
  EXPECT_EQ(KeyOf(analyzer, "din"), KeyOf(analyzer, "दिन"));
  EXPECT_EQ(KeyOf(analyzer, "dukaan"), KeyOf(analyzer, "दुकान"));
}

TEST(PhoneticTest, ShortKeysAndOtherScriptsAreEmpty) {
  Analyzer analyzer;
  EXPECT_EQ(KeyOf(analyzer, "hai"), "");  // one consonant: would match too much
  EXPECT_EQ(KeyOf(analyzer, "है"), "");
  EXPECT_EQ(KeyOf(analyzer, "a"), "");
  EXPECT_EQ(KeyOf(analyzer, "ಪಾರ್ಸೆಲ್"), "");
  EXPECT_EQ(KeyOf(analyzer, "2231"), "");
  EXPECT_EQ(KeyOf(analyzer, "ord2231"), "");
}

TEST(PhoneticTest, SkeletonKeyRules) {
  EXPECT_EQ(SkeletonKey("parcel", false), "prsl");    // c before e is s
  EXPECT_EQ(SkeletonKey("courier", false), "krr");    // c before o is k
  EXPECT_EQ(SkeletonKey("kharab", false), "krb");     // aspiration dropped
  EXPECT_EQ(SkeletonKey("zaroorat", false), "jrrt");  // z = j, vowels dropped
  EXPECT_EQ(SkeletonKey("order", false), "ardr");     // a leading vowel is kept as "a"
  EXPECT_EQ(SkeletonKey("accha", false), "ac");       // doubled letters, ch
  EXPECT_EQ(SkeletonKey("nahin", false), "nh");       // typed final nasal dropped
  EXPECT_EQ(SkeletonKey("nahin", true), "nhn");       // ...but not from Devanagari
  EXPECT_EQ(SkeletonKey("pahunca", true), "phnc");    // ICU's c is च
  EXPECT_EQ(SkeletonKey("P-A-R-C-E-L", false), "prsl");
  EXPECT_EQ(SkeletonKey("", false), "");
  EXPECT_EQ(SkeletonKey("123 !!", false), "");
}

// tests/data/search, found from this source file's path or by walking up from the current
// folder (a build folder inside the source tree).
fs::path DataDir() {
  const fs::path from_source =
      fs::path(__FILE__).parent_path() / ".." / ".." / "tests" / "data" / "search";
  if (fs::is_directory(from_source)) {
    return from_source;
  }
  for (fs::path dir = fs::current_path(); !dir.empty(); dir = dir.parent_path()) {
    if (fs::is_directory(dir / "tests" / "data" / "search")) {
      return dir / "tests" / "data" / "search";
    }
    if (dir == dir.parent_path()) {
      break;
    }
  }
  return {};
}

struct Pair {
  std::string latin;
  std::string devanagari;
  bool same = false;
};

std::vector<Pair> ReadPairs(const fs::path& path) {
  std::vector<Pair> pairs;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#' || line.rfind("latin\t", 0) == 0) {
      continue;
    }
    const size_t tab1 = line.find('\t');
    const size_t tab2 = line.find('\t', tab1 + 1);
    if (tab1 == std::string::npos || tab2 == std::string::npos) {
      ADD_FAILURE() << "bad line: " << line;
      continue;
    }
    const std::string expect = line.substr(tab2 + 1);
    EXPECT_TRUE(expect == "same" || expect == "different") << line;
    pairs.push_back(
        {line.substr(0, tab1), line.substr(tab1 + 1, tab2 - tab1 - 1), expect == "same"});
  }
  return pairs;
}

// The measured figures of docs/search.md: how many Hinglish/Devanagari pairs share a key, and
// how many unrelated pairs collide.
TEST(PhoneticTest, HinglishPairsFile) {
  const fs::path dir = DataDir();
  ASSERT_FALSE(dir.empty()) << "tests/data/search not found";
  const std::vector<Pair> pairs = ReadPairs(dir / "hinglish_pairs.tsv");
  Analyzer analyzer;
  int same_total = 0, same_equal = 0, different_total = 0, different_equal = 0;
  for (const Pair& p : pairs) {
    const std::string a = KeyOf(analyzer, p.latin);
    const std::string b = KeyOf(analyzer, p.devanagari);
    const bool equal = !a.empty() && a == b;
    if (p.same) {
      ++same_total;
      same_equal += equal ? 1 : 0;
    } else {
      ++different_total;
      different_equal += equal ? 1 : 0;
    }
    if (equal != p.same) {
      std::printf("  miss: %s (%s) / %s (%s), expected %s\n", p.latin.c_str(), a.c_str(),
                  p.devanagari.c_str(), b.c_str(), p.same ? "same" : "different");
    }
  }
  std::printf("hinglish pairs: %d/%d matching pairs share a key; %d/%d unrelated pairs collide\n",
              same_equal, same_total, different_equal, different_total);
  ASSERT_GE(same_total, 40);
  ASSERT_GE(different_total, 40);
  EXPECT_GE(same_equal * 100, same_total * 90);           // ≥ 90 % found
  EXPECT_LE(different_equal * 100, different_total * 5);  // ≤ 5 % false matches
}

}  // namespace
}  // namespace sahayak::search
