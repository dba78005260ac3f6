// The shipment-notice opt-out pages' catalogues and helpers (api/notices.h).
#include "api/notices.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "base/text.h"
#include "testing/scripts.h"

namespace sahayak::api::notices {
namespace {

using sahayak::testing::HasCodePointIn;

TEST(NoticesCatalog, EveryLanguageHasTheSameKeysAndPlaceholders) {
  const auto& langs = NoticesCatalog().languages();
  ASSERT_EQ(langs.size(), 3u);
  const auto& en = langs.at("en");
  // Every text the pages use.
  for (const char* k : {"site.generic", "skip", "nav.languages", "confirm.heading",
                        "confirm.heading_plain", "confirm.body", "confirm.button",
                        "already.title", "already.body", "done.title", "done.body",
                        "invalid.title", "invalid.body", "unavailable.title",
                        "unavailable.body"}) {
    EXPECT_TRUE(en.count(k)) << k;
  }
  EXPECT_EQ(en.at("confirm.button"), "Stop updates");
  EXPECT_EQ(en.at("invalid.title"), "This link is not valid");
  EXPECT_EQ(en.at("done.title"), "You will get no more shipment updates");
  for (const auto& [lang, texts] : langs) {
    std::set<std::string> keys, want;
    for (const auto& [k, _] : texts) keys.insert(k);
    for (const auto& [k, _] : en) want.insert(k);
    EXPECT_EQ(keys, want) << lang;
    for (const auto& [k, text] : texts) {
      if (!en.count(k)) continue;
      auto a = Placeholders(en.at(k));
      auto b = Placeholders(text);
      std::sort(a.begin(), a.end());
      std::sort(b.begin(), b.end());
      EXPECT_EQ(a, b) << lang << " " << k;
      EXPECT_FALSE(Trim(text).empty()) << lang << " " << k;
      EXPECT_TRUE(IsValidUtf8(text) && ToNfc(text) == text) << lang << " " << k;
    }
  }
}

TEST(NoticesCatalog, HindiAndKannadaAreTranslatedNotCopied) {
  const auto& langs = NoticesCatalog().languages();
  for (const auto& [k, text] : langs.at("hi")) {
    EXPECT_TRUE(HasCodePointIn(text, 0x0900, 0x097F)) << "hi " << k << ": " << text;
    EXPECT_NE(text, langs.at("en").at(k)) << "hi " << k;
  }
  for (const auto& [k, text] : langs.at("kn")) {
    EXPECT_TRUE(HasCodePointIn(text, 0x0C80, 0x0CFF)) << "kn " << k << ": " << text;
    EXPECT_NE(text, langs.at("en").at(k)) << "kn " << k;
  }
  EXPECT_EQ(NoticesCatalog().Format("en", "confirm.heading", {{"who", "a***@example.in"}}),
            "Stop shipment updates for a***@example.in?");
}

TEST(Notices, TokenFromPath) {
  EXPECT_EQ(TokenFromPath("/notices/opt-out/3.17.0123abcd"), "3.17.0123abcd");
  EXPECT_EQ(TokenFromPath("/notices/opt-out/3.17.0123abcd/"), "3.17.0123abcd");
  EXPECT_EQ(TokenFromPath("/notices/opt-out/"), "");
  EXPECT_EQ(TokenFromPath("/notices/opt-out/a/b"), "");
  EXPECT_EQ(TokenFromPath("/forms/3.17.0123abcd"), "");
  EXPECT_EQ(TokenFromPath("/notices/opt-out"), "");
}

TEST(Notices, MaskEmail) {
  EXPECT_EQ(MaskEmail("asha.rao@example.in"), "a***@example.in");
  EXPECT_EQ(MaskEmail("a@example.in"), "a***@example.in");
  // A first character of several bytes is kept whole.
  EXPECT_EQ(MaskEmail("आशा@उदाहरण.भारत"), "आ***@उदाहरण.भारत");
  EXPECT_EQ(MaskEmail(""), "");
  EXPECT_EQ(MaskEmail("no-at-sign"), "");
  EXPECT_EQ(MaskEmail("@example.in"), "");
  EXPECT_EQ(MaskEmail("asha@"), "");
}

TEST(Notices, PageLanguage) {
  Request req;
  // The contact's language (region dropped), else the workspace's, else English.
  EXPECT_EQ(PageLanguage(req, "kn", "hi"), "kn");
  EXPECT_EQ(PageLanguage(req, "hi-IN", "en"), "hi");
  EXPECT_EQ(PageLanguage(req, "", "hi"), "hi");
  EXPECT_EQ(PageLanguage(req, "ta", "kn"), "kn");
  EXPECT_EQ(PageLanguage(req, "", "fr"), "en");
  // Accept-Language comes after the contact's language, before the workspace's.
  req.headers.emplace_back("accept-language", "hi-IN,hi;q=0.9,en;q=0.8");
  EXPECT_EQ(PageLanguage(req, "kn", "en"), "kn");
  EXPECT_EQ(PageLanguage(req, "", "en"), "hi");
  // The language cookie beats the contact's; ?lang= beats everything.
  Request cookie = req;
  cookie.headers.emplace_back("cookie", "a=b; sahayak_help_lang=en");
  EXPECT_EQ(PageLanguage(cookie, "kn", "hi"), "en");
  cookie.query.emplace_back("lang", "kn");
  EXPECT_EQ(PageLanguage(cookie, "hi", "hi"), "kn");
  Request bad = req;
  bad.query.emplace_back("lang", "xx");
  EXPECT_EQ(PageLanguage(bad, "kn", "en"), "kn");
}

TEST(Notices, PagePolicyAllowsNothingFromElsewhere) {
  std::string p = kPagePolicy;
  EXPECT_NE(p.find("default-src 'none'"), std::string::npos);
  EXPECT_NE(p.find("script-src 'none'"), std::string::npos);
  EXPECT_NE(p.find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_NE(p.find("form-action 'self'"), std::string::npos);
  EXPECT_EQ(p.find("http"), std::string::npos);
}

}  // namespace
}  // namespace sahayak::api::notices
