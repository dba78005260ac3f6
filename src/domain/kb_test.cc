#include "domain/kb.h"

#include <gtest/gtest.h>

namespace sahayak::domain {
namespace {

TEST(KbTest, LocalizedFallsBackToTheWorkspaceLanguageThenEnglish) {
  LocalizedText t = {{"en", "Shipping"}, {"hi", "शिपिंग"}, {"kn", ""}};
  EXPECT_EQ(Localized(t, "hi"), "शिपिंग");
  EXPECT_EQ(Localized(t, "kn", "hi"), "शिपिंग");  // empty Kannada counts as missing
  EXPECT_EQ(Localized(t, "kn"), "Shipping");
  EXPECT_EQ(Localized({{"kn", "ಸಾಗಣೆ"}}, "en"), "ಸಾಗಣೆ");
  EXPECT_EQ(Localized({}, "en"), "");
}

TEST(KbTest, OnlyPublishedTranslationsOfPublicArticlesArePublic) {
  KbArticle a;
  a.translations.push_back({.language = "en", .status = KbStatus::kPublished});
  a.translations.push_back({.language = "hi", .status = KbStatus::kDraft});
  EXPECT_TRUE(a.PublicIn("en"));
  EXPECT_FALSE(a.PublicIn("hi"));
  EXPECT_FALSE(a.PublicIn("kn"));
  a.visibility = KbVisibility::kInternal;
  EXPECT_FALSE(a.PublicIn("en"));
}

TEST(KbTest, NamesRoundTrip) {
  for (auto s : {KbStatus::kDraft, KbStatus::kPublished, KbStatus::kArchived}) {
    EXPECT_EQ(ParseKbStatus(Name(s)), s);
  }
  EXPECT_EQ(ParseKbVisibility("internal"), KbVisibility::kInternal);
  EXPECT_FALSE(ParseKbStatus("Published").has_value());
  EXPECT_TRUE(IsKbLanguage("kn"));
  EXPECT_FALSE(IsKbLanguage("ta"));
}

}  // namespace
}  // namespace sahayak::domain
