#include "api/catalog.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "base/text.h"
#include "testing/scripts.h"

namespace sahayak::api {
namespace {

// Whether the UTF-8 text holds a code point in [lo, hi].
using sahayak::testing::HasCodePointIn;

TEST(Catalog, HelpCataloguesAreEmbeddedAndParse) {
  for (const char* lang : {"en", "hi", "kn"}) {
    std::string name = std::string("i18n/help.") + lang + ".json";
    const EmbeddedFile* f = FindEmbeddedFile(name);
    ASSERT_NE(f, nullptr) << name;
    EXPECT_EQ(std::string(f->sha256).size(), 64u);
    auto parsed = ParseCatalogue(f->content);
    ASSERT_TRUE(parsed.ok()) << name << ": " << parsed.status().message();
    EXPECT_GT(parsed->size(), 20u) << name;
  }
  ASSERT_NE(FindEmbeddedFile("assets/help.css"), nullptr);
}

TEST(Catalog, EveryLanguageHasTheSameKeysAndPlaceholders) {
  const auto& langs = Catalog::Help().languages();
  ASSERT_EQ(langs.size(), 3u);
  const auto& en = langs.at("en");
  for (const auto& [lang, texts] : langs) {
    std::set<std::string> missing, extra;
    for (const auto& [k, _] : en) {
      if (!texts.count(k)) missing.insert(k);
    }
    for (const auto& [k, _] : texts) {
      if (!en.count(k)) extra.insert(k);
    }
    EXPECT_TRUE(missing.empty()) << lang << " lacks " << *missing.begin();
    EXPECT_TRUE(extra.empty()) << lang << " has extra " << *extra.begin();
    for (const auto& [k, text] : texts) {
      if (!en.count(k)) continue;
      auto want = Placeholders(en.at(k));
      auto got = Placeholders(text);
      std::sort(want.begin(), want.end());
      std::sort(got.begin(), got.end());
      EXPECT_EQ(got, want) << lang << " " << k;
      EXPECT_FALSE(Trim(text).empty()) << lang << " " << k;
      EXPECT_TRUE(IsValidUtf8(text) && ToNfc(text) == text) << lang << " " << k << " is not NFC";
    }
  }
}

TEST(Catalog, HindiAndKannadaAreTranslatedNotCopied) {
  const auto& langs = Catalog::Help().languages();
  for (const auto& [k, text] : langs.at("hi")) {
    EXPECT_TRUE(HasCodePointIn(text, 0x0900, 0x097F)) << "hi " << k << ": " << text;
    EXPECT_NE(text, langs.at("en").at(k)) << "hi " << k;
  }
  for (const auto& [k, text] : langs.at("kn")) {
    EXPECT_TRUE(HasCodePointIn(text, 0x0C80, 0x0CFF)) << "kn " << k << ": " << text;
    EXPECT_NE(text, langs.at("en").at(k)) << "kn " << k;
  }
}

TEST(Catalog, FormatFillsPlaceholdersAndFallsBackToEnglish) {
  Catalog c({{"en", {{"hello", "Hello, {name}! {name}?"}, {"only_en", "English"}}},
             {"hi", {{"hello", "नमस्ते, {name}!"}}}});
  EXPECT_EQ(c.Format("hi", "hello", {{"name", "सीता"}}), "नमस्ते, सीता!");
  EXPECT_EQ(c.Format("en", "hello", {{"name", "<b>"}}), "Hello, <b>! <b>?");
  EXPECT_EQ(c.Text("hi", "only_en"), "English");
  EXPECT_EQ(c.Text("kn", "hello"), "Hello, {name}! {name}?");
  EXPECT_EQ(c.Text("hi", "nothing"), "nothing");
  EXPECT_EQ(c.Format("en", "hello", {}), "Hello, {name}! {name}?");
}

TEST(Catalog, PlaceholdersAndParsing) {
  EXPECT_EQ(Placeholders("a {x} b {y_2} {Bad} {}"), (std::vector<std::string>{"x", "y_2"}));
  EXPECT_FALSE(ParseCatalogue("[1]").ok());
  EXPECT_FALSE(ParseCatalogue("{\"a\": 1}").ok());
  EXPECT_FALSE(ParseCatalogue("{").ok());
  EXPECT_TRUE(ParseCatalogue("{\"a\": \"b\"}").ok());
}

}  // namespace
}  // namespace sahayak::api
