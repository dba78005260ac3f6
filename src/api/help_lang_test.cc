#include <gtest/gtest.h>

#include "api/help.h"

namespace sahayak::api::help {
namespace {

TEST(HelpLanguage, AcceptLanguageHonoursQValues) {
  EXPECT_EQ(PreferredLanguage("hi-IN,hi;q=0.9,en;q=0.8"), "hi");
  EXPECT_EQ(PreferredLanguage("en;q=0.5, kn;q=0.9"), "kn");
  EXPECT_EQ(PreferredLanguage("fr-FR, de;q=0.9, kn-IN;q=0.3"), "kn");
  EXPECT_EQ(PreferredLanguage("KN"), "kn");
  EXPECT_EQ(PreferredLanguage("hi;q=0, en;q=0.1"), "en") << "q=0 refuses a language";
  EXPECT_EQ(PreferredLanguage("fr, *;q=0.5"), "");
  EXPECT_EQ(PreferredLanguage(""), "");
  EXPECT_EQ(PreferredLanguage("en, hi"), "en") << "equal q: the first wins";
  EXPECT_EQ(PreferredLanguage("hi;q=abc, en;q=0.2"), "en");
}

TEST(HelpLanguage, CookieThenHeaderThenWorkspace) {
  EXPECT_EQ(ChooseLanguage("a=1; sahayak_help_lang=kn; b=2", "hi", "en"), "kn");
  EXPECT_EQ(ChooseLanguage("sahayak_help_lang=fr", "hi-IN,en;q=0.5", "en"), "hi");
  EXPECT_EQ(ChooseLanguage("", "fr", "kn"), "kn");
  EXPECT_EQ(ChooseLanguage("", "", "de"), "en");
  EXPECT_EQ(CookieValue("x=1;y=2", "y"), "2");
  EXPECT_EQ(CookieValue("xy=1", "y"), "");
}

Request Post(std::string host, std::string origin, std::string referer) {
  Request r;
  r.method = "POST";
  if (!host.empty()) r.headers.emplace_back("host", host);
  if (!origin.empty()) r.headers.emplace_back("origin", origin);
  if (!referer.empty()) r.headers.emplace_back("referer", referer);
  return r;
}

TEST(HelpSameOrigin, AcceptsOnlyThisSite) {
  EXPECT_TRUE(SameOrigin(Post("help.example.in", "https://help.example.in", "")));
  EXPECT_TRUE(SameOrigin(Post("127.0.0.1:8080", "http://127.0.0.1:8080", "")));
  EXPECT_TRUE(SameOrigin(Post("Help.Example.in", "", "https://help.example.in/help/en/x")));
  EXPECT_TRUE(SameOrigin(Post("help.example.in:443", "https://help.example.in", "")));
  EXPECT_FALSE(SameOrigin(Post("help.example.in", "https://evil.example", "")));
  EXPECT_FALSE(SameOrigin(Post("help.example.in", "https://help.example.in.evil.example", "")));
  EXPECT_FALSE(SameOrigin(Post("127.0.0.1:8080", "http://127.0.0.1:9090", "")));
  EXPECT_FALSE(SameOrigin(Post("help.example.in", "null", "https://help.example.in/")))
      << "an opaque origin is not ours, whatever the referer says";
  EXPECT_FALSE(SameOrigin(Post("help.example.in", "", ""))) << "neither header";
  EXPECT_FALSE(SameOrigin(Post("", "https://help.example.in", "")));
  EXPECT_FALSE(SameOrigin(Post("help.example.in", "", "https://user@help.example.in/")));
}

TEST(HelpDate, LocalisedInEachLanguageAndZone) {
  // 2026-12-03 20:00 UTC is already 4 December in India.
  const Millis at = 1796328000000;
  std::string en = FormatDate(at, "en", "Asia/Kolkata");
  std::string hi = FormatDate(at, "hi", "Asia/Kolkata");
  std::string kn = FormatDate(at, "kn", "Asia/Kolkata");
  EXPECT_NE(en.find("December"), std::string::npos) << en;
  EXPECT_NE(en.find("4"), std::string::npos) << en;
  EXPECT_NE(en.find("2026"), std::string::npos) << en;
  EXPECT_NE(hi.find("दिसंबर"), std::string::npos) << hi;
  EXPECT_NE(kn.find("ಡಿಸೆಂಬರ್"), std::string::npos) << kn;
  std::string utc = FormatDate(at, "en", "UTC");
  EXPECT_NE(utc.find("3"), std::string::npos) << utc;
  EXPECT_EQ(utc.find("4"), std::string::npos) << utc;
}

TEST(HelpLanguage, NamesAreEndonyms) {
  EXPECT_EQ(LanguageName("en"), "English");
  EXPECT_EQ(LanguageName("hi"), "हिन्दी");
  EXPECT_EQ(LanguageName("kn"), "ಕನ್ನಡ");
}

}  // namespace
}  // namespace sahayak::api::help
