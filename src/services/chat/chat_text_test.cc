// Live chat's words in en, hi and kn (chat_text.h).
#include "services/chat/chat_text.h"

#include <gtest/gtest.h>

#include "base/text.h"

namespace sahayak::services::chat_text {
namespace {

TEST(ChatText, SubjectsInEachLanguageWithTheNameInItsPlace) {
  EXPECT_EQ(TicketSubject("en", "Asha Rao"), "Chat with Asha Rao");
  EXPECT_EQ(TicketSubject("hi", "आशा राव"), "आशा राव के साथ चैट");
  EXPECT_EQ(TicketSubject("kn", "ಆಶಾ"), "ಆಶಾ ಜೊತೆ ಚಾಟ್");
  EXPECT_EQ(TicketSubject("hi-IN", "Asha"), "Asha के साथ चैट") << "a region does not matter";
  EXPECT_EQ(TicketSubject("ta", "Asha"), "Chat with Asha") << "English for other languages";
  EXPECT_EQ(OfflineSubject("en", "a@b.in"), "Message from a@b.in (chat offline)");
  EXPECT_EQ(VisitorName("kn"), "ಸಂದರ್ಶಕ");
  // A name that looks like a placeholder stays as typed.
  EXPECT_EQ(TicketSubject("en", "{name}"), "Chat with {name}");
}

TEST(ChatText, EveryTextIsNfc) {
  for (const char* lang : {"en", "hi", "kn"}) {
    for (const std::string& s : {TicketSubject(lang, "x"), OfflineSubject(lang, "x"),
                                 VisitorName(lang)}) {
      EXPECT_EQ(ToNfc(s), s) << lang;
      EXPECT_TRUE(IsValidUtf8(s)) << lang;
    }
  }
}

}  // namespace
}  // namespace sahayak::services::chat_text
