// The acknowledgement's text (AutoAckText): the portal line of web and portal tickets in each
// language, and the {{ticket.url}} placeholder of the mailbox templates.
#include <gtest/gtest.h>

#include "services/mail/outbound_service.h"

namespace sahayak::services {
namespace {

constexpr const char* kUrl = "https://help.acme.in/portal/tickets/12";

TEST(AutoAckText, BuiltInTextsLinkToThePortalInEachLanguage) {
  AckText en = AutoAckText("{}", "en", 12, "Parcel late", "Ravi", kUrl);
  EXPECT_NE(en.body.find("You can follow your request in our customer portal: "
                         "https://help.acme.in/portal/tickets/12\n"),
            std::string::npos)
      << en.body;
  EXPECT_NE(en.body.find("#12"), std::string::npos);
  EXPECT_EQ(en.subject, "Re: Parcel late [#12]");
  AckText hi = AutoAckText("{}", "hi", 12, "पार्सल", "रवि", kUrl);
  EXPECT_NE(hi.body.find("ग्राहक पोर्टल पर देख सकते हैं: https://help.acme.in/portal/tickets/12"),
            std::string::npos)
      << hi.body;
  EXPECT_EQ(hi.body.rfind("नमस्ते रवि,", 0), 0u);
  AckText kn = AutoAckText("{}", "kn-IN", 12, "x", "Asha", kUrl);
  EXPECT_NE(kn.body.find("ಗ್ರಾಹಕ ಪೋರ್ಟಲ್‌ನಲ್ಲಿ ನೋಡಬಹುದು: https://help.acme.in/portal/tickets/12"),
            std::string::npos)
      << kn.body;
  for (const AckText* a : {&en, &hi, &kn}) {
    EXPECT_EQ(a->body.find("{{"), std::string::npos) << a->body;
    EXPECT_EQ(a->body.find("\n\n\n"), std::string::npos) << a->body;
  }
}

TEST(AutoAckText, WithoutALinkThereIsNoPortalLine) {
  for (const char* lang : {"en", "hi", "kn"}) {
    AckText a = AutoAckText("{}", lang, 7, "Parcel", "Ravi");
    EXPECT_EQ(a.body.find("portal"), std::string::npos) << a.body;
    EXPECT_EQ(a.body.find("पोर्टल"), std::string::npos) << a.body;
    EXPECT_EQ(a.body.find("ಪೋರ್ಟಲ್"), std::string::npos) << a.body;
    EXPECT_EQ(a.body.find("{{"), std::string::npos) << a.body;
    EXPECT_EQ(a.body.find("\n\n\n"), std::string::npos) << a.body;
  }
}

TEST(AutoAckText, TemplatesMayPlaceTheLink) {
  const std::string templates =
      R"({"en": {"body": "Ticket {{ticket.number}}: see {{ ticket.url }}"},
          "hi": {"body": "टिकट {{ticket.number}} मिल गया"}})";
  EXPECT_EQ(AutoAckText(templates, "en", 5, "Parcel", "Ravi", kUrl).body,
            std::string("Ticket 5: see ") + kUrl);
  // A template without the placeholder is kept as written.
  EXPECT_EQ(AutoAckText(templates, "hi", 5, "पार्सल", "रवि", kUrl).body, "टिकट 5 मिल गया");
  // An e-mail ticket has no link: the placeholder is empty.
  EXPECT_EQ(AutoAckText(templates, "en", 5, "Parcel", "Ravi").body, "Ticket 5: see ");
}

TEST(AutoAckText, ValuesAreNotReadAsPlaceholders) {
  AckText a = AutoAckText(R"({"en": {"body": "{{ticket.subject}} / {{requester.name}}"}})", "en",
                          3, "About {{ticket.url}}", "{{ticket.number}}", kUrl);
  EXPECT_EQ(a.body, "About {{ticket.url}} / {{ticket.number}}");
}

}  // namespace
}  // namespace sahayak::services
