#include "services/mail/threading.h"

#include <gtest/gtest.h>

namespace sahayak::services {
namespace {

TEST(NormaliseSubjectTest, RemovesReplyAndForwardPrefixesTokensAndCase) {
  const std::string want = "parcel late";
  for (const char* s :
       {"Parcel late", "Re: Parcel late", "RE : Parcel late", "Fwd: Parcel late", "Fw: parcel LATE",
        "AW: WG: Parcel late", "Re[2]: Parcel late", "Re(3): Parcel late", "re^2: Parcel late",
        "Re: [#12] Parcel late", "[#12] Re: Parcel late", "Re:Re:Re: Parcel   late ",
        "SV: VS: Parcel late", "Re\xEF\xBC\x9A Parcel late",
        "\xC2\xA0Re:\xC2\xA0Parcel\xE2\x80\x83late"}) {
    EXPECT_EQ(NormaliseSubject(s), want) << s;
  }
}

TEST(NormaliseSubjectTest, HandlesHindiAndKannadaPrefixes) {
  EXPECT_EQ(NormaliseSubject("उत्तर: पार्सल नहीं मिला"), "पार्सल नहीं मिला");
  EXPECT_EQ(NormaliseSubject("जवाब: Re: पार्सल नहीं मिला"), "पार्सल नहीं मिला");
  EXPECT_EQ(NormaliseSubject("ಉತ್ತರ: ಪಾರ್ಸೆಲ್ ಬಂದಿಲ್ಲ"), "ಪಾರ್ಸೆಲ್ ಬಂದಿಲ್ಲ");
}

TEST(NormaliseSubjectTest, KeepsWordsThatOnlyStartLikeAPrefix) {
  EXPECT_EQ(NormaliseSubject("Refund: order 55"), "refund: order 55");
  EXPECT_EQ(NormaliseSubject("Trade fair"), "trade fair");
  EXPECT_EQ(NormaliseSubject("Re"), "re");
  EXPECT_EQ(NormaliseSubject(""), "");
  EXPECT_EQ(NormaliseSubject("Re: "), "");
  EXPECT_EQ(NormaliseSubject("[#12]"), "");
}

TEST(NormaliseSubjectTest, SurvivesInvalidUtf8) {
  std::string s = NormaliseSubject("Re: \xff\xfe bad \xe0\xa4");
  EXPECT_FALSE(s.empty());
}

TEST(SubjectTicketNumbersTest, FindsEveryToken) {
  EXPECT_EQ(SubjectTicketNumbers("Re: [#1234] Parcel"), std::vector<int64_t>{1234});
  EXPECT_EQ(SubjectTicketNumbers("[#1] and [#22]"), (std::vector<int64_t>{1, 22}));
  EXPECT_TRUE(SubjectTicketNumbers("#12 [12] [#] [#x1] [#0] [#12").empty());
  EXPECT_TRUE(SubjectTicketNumbers("[#1234567890123456789012]").empty());
}

TEST(PlusAddressTest, ReadsTheTicketNumber) {
  EXPECT_EQ(PlusAddressTicketNumber("support+t1234@example.in", ""), 1234);
  EXPECT_EQ(PlusAddressTicketNumber("Support+T7@Example.IN", "support@example.in"), 7);
  EXPECT_EQ(PlusAddressTicketNumber("support+t7@example.in", "help@example.in"), std::nullopt);
  EXPECT_EQ(PlusAddressTicketNumber("support@example.in", ""), std::nullopt);
  EXPECT_EQ(PlusAddressTicketNumber("support+x7@example.in", ""), std::nullopt);
  EXPECT_EQ(PlusAddressTicketNumber("support+t@example.in", ""), std::nullopt);
  EXPECT_EQ(PlusAddressTicketNumber("support+t12a@example.in", ""), std::nullopt);
  EXPECT_EQ(PlusAddressTicketNumber("+t12@example.in", ""), std::nullopt);
  EXPECT_EQ(PlusAddressTicketNumber("support+t12@", ""), std::nullopt);
}

TEST(MessageIdTest, CleansAndSynthesises) {
  EXPECT_EQ(CleanMessageId(" <abc@x.in> "), "abc@x.in");
  EXPECT_EQ(CleanMessageId("abc@x.in"), "abc@x.in");
  EXPECT_EQ(CleanMessageId("<>"), "");
  EXPECT_EQ(CleanMessageId("a b@x"), "");
  EXPECT_EQ(CleanMessageId(std::string(1000, 'a')), "");
  EXPECT_EQ(SyntheticMessageId("raw"), SyntheticMessageId("raw"));
  EXPECT_NE(SyntheticMessageId("raw"), SyntheticMessageId("raw2"));
  EXPECT_EQ(CleanMessageId(SyntheticMessageId("raw")), SyntheticMessageId("raw"));
}

TEST(GuessLanguageByScriptTest, CountsLetters) {
  EXPECT_EQ(GuessLanguageByScript("मेरा पार्सल अभी तक नहीं आया। AWB 1234"), "hi");
  EXPECT_EQ(GuessLanguageByScript("ನನ್ನ ಪಾರ್ಸೆಲ್ ಇನ್ನೂ ಬಂದಿಲ್ಲ"), "kn");
  EXPECT_EQ(GuessLanguageByScript("My parcel has not arrived"), "");
  EXPECT_EQ(GuessLanguageByScript("Hello, my parcel is late. पार्सल"), "");
  EXPECT_EQ(GuessLanguageByScript("1234 !!"), "");
  EXPECT_EQ(GuessLanguageByScript("\xff\xfe"), "");
}

TEST(RewriteCidImagesTest, PointsKnownCidsAtAttachments) {
  std::map<std::string, std::string> urls = {{"Logo@x", "/api/v1/attachments/5/content"}};
  EXPECT_EQ(RewriteCidImages("<p><img src=\"cid:logo@x\" alt=\"l\"></p>", urls),
            "<p><img src=\"/api/v1/attachments/5/content\" alt=\"l\"></p>");
  EXPECT_EQ(RewriteCidImages("<img src=\"CID:Logo%40x\">", urls),
            "<img src=\"/api/v1/attachments/5/content\">");
  EXPECT_EQ(RewriteCidImages("<img src=\"cid:other@x\">", urls), "<img src=\"cid:other@x\">");
  EXPECT_EQ(RewriteCidImages("<img src=\"https://x/cid:logo@x\">", urls),
            "<img src=\"https://x/cid:logo@x\">");
  EXPECT_EQ(RewriteCidImages("<img src=\"cid:logo@x", urls), "<img src=\"cid:logo@x");
  EXPECT_EQ(RewriteCidImages("<p>src=\"cid:logo@x\"</p>", urls), "<p>src=\"cid:logo@x\"</p>");
}

}  // namespace
}  // namespace sahayak::services
