// Shipment notification texts (notification_text.h): the built-in texts of each kind and
// language, the lines of empty values, templates, languages, dates and statuses in words.
#include "services/shipments/notification_text.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/text.h"
#include "domain/shipment.h"
#include "testing/scripts.h"

namespace sahayak::services {
namespace {

constexpr ShipmentNotice kKinds[] = {ShipmentNotice::kOutForDelivery, ShipmentNotice::kDelivered,
                                     ShipmentNotice::kDeliveryFailed, ShipmentNotice::kException,
                                     ShipmentNotice::kLate};
constexpr const char* kLanguages[] = {"en", "hi", "kn"};
constexpr const char* kOptOut = "https://help.acme.in/notifications/stop?t=abc123";

ShipmentNoticeFields Full() {
  ShipmentNoticeFields f;
  f.customer_name = "Ravi";
  f.carrier_name = "Sahayak Express";
  f.tracking_number = "SHY123456789IN";
  f.status = "lost";
  f.reason = "Customer not at home";
  f.place = "Bengaluru hub";
  f.eta = "2026-12-07";
  f.promised_date = "2026-12-05";
  f.tracking_url = "https://track.sahayak.in/SHY123456789IN";
  f.opt_out_url = kOptOut;
  f.business_name = "Acme Store";
  return f;
}

ShipmentNoticeFields Bare() {
  ShipmentNoticeFields f;
  f.carrier_name = "Sahayak Express";
  f.tracking_number = "SHY123456789IN";
  f.status = "damaged";
  f.opt_out_url = kOptOut;
  f.business_name = "Acme Store";
  return f;
}

// Whether `s` has a code point in [lo, hi].
using sahayak::testing::HasCodePointIn;

bool IsDevanagari(std::string_view s) {
  return HasCodePointIn(s, 0x0900, 0x097F);
}
bool IsKannada(std::string_view s) {
  return HasCodePointIn(s, 0x0C80, 0x0CFF);
}

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t end; (end = s.find('\n', start)) != std::string::npos; start = end + 1) {
    out.push_back(s.substr(start, end - start));
  }
  out.push_back(s.substr(start));
  return out;
}

bool Has(const std::string& s, std::string_view part) {
  return s.find(part) != std::string::npos;
}

// The shape every body keeps: no placeholder left, no doubled blank line, no blank first or
// last line, no label without its value, the opt-out link on the last line.
void ExpectWellFormed(const NoticeText& t, std::string_view tracking_number) {
  EXPECT_FALSE(t.subject.empty());
  EXPECT_FALSE(t.body.empty());
  EXPECT_TRUE(Has(t.subject, tracking_number)) << t.subject;
  EXPECT_TRUE(Has(t.body, tracking_number)) << t.body;
  EXPECT_FALSE(Has(t.subject, "{{")) << t.subject;
  EXPECT_FALSE(Has(t.body, "{{")) << t.body;
  EXPECT_FALSE(Has(t.body, "\n\n\n")) << t.body;
  EXPECT_FALSE(Has(t.subject, "\n") || Has(t.subject, "\r")) << t.subject;
  ASSERT_TRUE(IsValidUtf8(t.subject) && IsValidUtf8(t.body));
  EXPECT_EQ(ToNfc(t.subject), t.subject);
  EXPECT_EQ(ToNfc(t.body), t.body);
  const std::vector<std::string> lines = Lines(t.body);
  EXPECT_FALSE(lines.front().empty()) << t.body;
  EXPECT_TRUE(Has(lines.back(), kOptOut)) << t.body;
  for (const std::string& line : lines) {
    const std::string trimmed = Trim(line);
    EXPECT_FALSE(!trimmed.empty() && trimmed.back() == ':') << "dangling label in\n" << t.body;
  }
}

TEST(ShipmentNoticeText, EveryKindAndLanguageHasAWellFormedBuiltInText) {
  for (const ShipmentNoticeFields& f : {Full(), Bare()}) {
    for (ShipmentNotice kind : kKinds) {
      for (const char* lang : kLanguages) {
        SCOPED_TRACE(std::string(ShipmentNoticeName(kind)) + " " + lang);
        const NoticeText t = ShipmentNoticeText("{}", kind, lang, f);
        ExpectWellFormed(t, "SHY123456789IN");
        if (std::string_view(lang) == "hi") {
          EXPECT_TRUE(IsDevanagari(t.subject)) << t.subject;
          EXPECT_TRUE(IsDevanagari(t.body)) << t.body;
          EXPECT_FALSE(IsKannada(t.body)) << t.body;
        } else if (std::string_view(lang) == "kn") {
          EXPECT_TRUE(IsKannada(t.subject)) << t.subject;
          EXPECT_TRUE(IsKannada(t.body)) << t.body;
          EXPECT_FALSE(IsDevanagari(t.body)) << t.body;
        } else {
          EXPECT_FALSE(IsDevanagari(t.body) || IsKannada(t.body)) << t.body;
        }
      }
    }
  }
}

TEST(ShipmentNoticeText, FailedDeliveryInEnglish) {
  const NoticeText t = ShipmentNoticeText("{}", ShipmentNotice::kDeliveryFailed, "en", Full());
  EXPECT_EQ(t.subject, "We could not deliver your parcel SHY123456789IN");
  EXPECT_EQ(t.body,
            "Hello Ravi,\n"
            "\n"
            "We tried to deliver your Sahayak Express parcel SHY123456789IN, but the delivery "
            "could not be completed.\n"
            "Reason: Customer not at home\n"
            "Location: Bengaluru hub\n"
            "\n"
            "We will try again on the next working day. If you would like a different day or "
            "time, just reply to this e-mail.\n"
            "Track your parcel: https://track.sahayak.in/SHY123456789IN\n"
            "\n"
            "Regards,\n"
            "Team Acme Store\n"
            "\n"
            "Stop these updates: https://help.acme.in/notifications/stop?t=abc123");
}

TEST(ShipmentNoticeText, LinesOfEmptyValuesVanish) {
  ShipmentNoticeFields f = Bare();
  f.reason = "  ";  // white space only counts as empty
  for (const char* lang : kLanguages) {
    SCOPED_TRACE(lang);
    const NoticeText failed = ShipmentNoticeText("{}", ShipmentNotice::kDeliveryFailed, lang, f);
    const NoticeText late = ShipmentNoticeText("{}", ShipmentNotice::kLate, lang, f);
    for (const NoticeText* t : {&failed, &late}) {
      ExpectWellFormed(*t, "SHY123456789IN");
      for (std::string_view label :
           {"Reason", "कारण", "ಕಾರಣ", "location", "स्थान", "ಸ್ಥಳ", "delivery date", "तारीख़",
            "ದಿನಾಂಕ", "Track", "ट्रैक", "ಟ್ರ್ಯಾಕ್", "https://track"}) {
        EXPECT_FALSE(Has(t->body, label)) << label << " in\n" << t->body;
      }
    }
  }
  // Without a name the greeting has none.
  EXPECT_EQ(Lines(ShipmentNoticeText("{}", ShipmentNotice::kDelivered, "en", f).body)[0],
            "Hello,");
  EXPECT_EQ(Lines(ShipmentNoticeText("{}", ShipmentNotice::kDelivered, "hi", f).body)[0],
            "नमस्ते,");
  EXPECT_EQ(Lines(ShipmentNoticeText("{}", ShipmentNotice::kDelivered, "kn", f).body)[0],
            "ನಮಸ್ಕಾರ,");
}

TEST(ShipmentNoticeText, FilledLinesShowTheirValues) {
  ShipmentNoticeFields f = Full();
  f.reason = "ग्राहक घर पर नहीं था";
  const NoticeText failed = ShipmentNoticeText("{}", ShipmentNotice::kDeliveryFailed, "hi", f);
  EXPECT_TRUE(Has(failed.body, "\nकारण: ग्राहक घर पर नहीं था\n")) << failed.body;
  EXPECT_EQ(Lines(failed.body)[0], "नमस्ते Ravi,");
  EXPECT_TRUE(Has(failed.body, "अपना पार्सल ट्रैक करें: https://track.sahayak.in/SHY123456789IN"))
      << failed.body;

  const NoticeText late = ShipmentNoticeText("{}", ShipmentNotice::kLate, "en", Full());
  EXPECT_TRUE(Has(late.body, "We are sorry")) << late.body;
  EXPECT_TRUE(Has(late.body, "\nPromised delivery date: 5 December 2026\n")) << late.body;
  EXPECT_TRUE(Has(late.body, "\nNew expected delivery date: 7 December 2026\n")) << late.body;
  const NoticeText late_kn = ShipmentNoticeText("{}", ShipmentNotice::kLate, "kn", Full());
  EXPECT_TRUE(Has(late_kn.body, "ಹೊಸ ಅಂದಾಜು ಡೆಲಿವರಿ ದಿನಾಂಕ: 7 ಡಿಸೆಂಬರ್ 2026")) << late_kn.body;

  const NoticeText lost = ShipmentNoticeText("{}", ShipmentNotice::kException, "hi", Full());
  EXPECT_TRUE(Has(lost.body, "\nस्थिति: खो गया\n")) << lost.body;
  ShipmentNoticeFields rto = Full();
  rto.status = "returned_to_origin";
  const NoticeText returned = ShipmentNoticeText("{}", ShipmentNotice::kException, "en", rto);
  EXPECT_TRUE(Has(returned.body, "\nStatus: returned to sender\n")) << returned.body;
  EXPECT_TRUE(Has(returned.body, "will contact you")) << returned.body;
}

TEST(ShipmentNoticeText, WithoutACarrierNameTheBusinessNameStandsIn) {
  ShipmentNoticeFields f = Full();
  f.carrier_name = "";
  const NoticeText t = ShipmentNoticeText("{}", ShipmentNotice::kDelivered, "en", f);
  EXPECT_TRUE(Has(t.body, "Your Acme Store parcel SHY123456789IN has been delivered.")) << t.body;
}

constexpr const char* kTemplates = R"({
  "delivered": {
    "hi": {"subject": "{{business.name}}: पार्सल {{shipment.tracking_number}} पहुँच गया",
           "body": "प्रिय {{customer.name}},\n\n{{shipment.tracking_number}} पहुँच गया।\n)"
           R"(स्थान: {{shipment.place}}\n\nबंद करें: {{opt_out_url}}"}
  },
  "late": {
    "en": {"body": "Dear {{customer.name}},\n\nNew date: {{ shipment.eta }}\n\nOrder {{order.ref}}"}
  }
})";

TEST(ShipmentNoticeText, ATemplateWinsForItsKindAndLanguageOnly) {
  const NoticeText hi = ShipmentNoticeText(kTemplates, ShipmentNotice::kDelivered, "hi", Full());
  EXPECT_EQ(hi.subject, "Acme Store: पार्सल SHY123456789IN पहुँच गया");
  EXPECT_EQ(hi.body,
            "प्रिय Ravi,\n\nSHY123456789IN पहुँच गया।\nस्थान: Bengaluru hub\n\nबंद करें: " +
                std::string(kOptOut));
  EXPECT_EQ(ShipmentNoticeText(kTemplates, ShipmentNotice::kDelivered, "hi-IN", Full()).body,
            hi.body);
  // Its lines of empty values go too.
  EXPECT_EQ(ShipmentNoticeText(kTemplates, ShipmentNotice::kDelivered, "hi", Bare()).body,
            "प्रिय,\n\nSHY123456789IN पहुँच गया।\n\nबंद करें: " + std::string(kOptOut));
  // Other languages and other kinds keep the built-in text.
  for (const char* lang : {"en", "kn"}) {
    EXPECT_EQ(ShipmentNoticeText(kTemplates, ShipmentNotice::kDelivered, lang, Full()).body,
              ShipmentNoticeText("{}", ShipmentNotice::kDelivered, lang, Full()).body);
  }
  EXPECT_EQ(ShipmentNoticeText(kTemplates, ShipmentNotice::kLate, "hi", Full()).body,
            ShipmentNoticeText("{}", ShipmentNotice::kLate, "hi", Full()).body);

  // A template with only a body keeps the built-in subject; an unknown placeholder stays as
  // typed; a body without the opt-out link gets the built-in line.
  const NoticeText late = ShipmentNoticeText(kTemplates, ShipmentNotice::kLate, "en", Full());
  EXPECT_EQ(late.subject, "Your parcel SHY123456789IN is delayed");
  EXPECT_EQ(late.body,
            "Dear Ravi,\n\nNew date: 7 December 2026\n\nOrder {{order.ref}}\n\n"
            "Stop these updates: " +
                std::string(kOptOut));
}

TEST(ShipmentNoticeText, BrokenTemplatesFallBackToTheBuiltInText) {
  for (const char* templates :
       {"", "not json", "{\"delivered\": ", "[]", "42", R"({"delivered": "x"})",
        R"({"delivered": {"en": "x"}})", R"({"delivered": {"en": {"subject": 5, "body": ["x"]}}})",
        R"({"delivered": {"en": {"subject": "  ", "body": ""}}})"}) {
    SCOPED_TRACE(templates);
    const NoticeText t = ShipmentNoticeText(templates, ShipmentNotice::kDelivered, "en", Full());
    const NoticeText built_in = ShipmentNoticeText("{}", ShipmentNotice::kDelivered, "en", Full());
    EXPECT_EQ(t.subject, built_in.subject);
    EXPECT_EQ(t.body, built_in.body);
  }
}

TEST(ShipmentNoticeText, LanguageTags) {
  const auto body = [](const char* lang) {
    return ShipmentNoticeText("{}", ShipmentNotice::kOutForDelivery, lang, Full()).body;
  };
  EXPECT_EQ(body("hi-IN"), body("hi"));
  EXPECT_EQ(body(" HI_in "), body("hi"));
  EXPECT_EQ(body("kn-IN"), body("kn"));
  for (const char* unknown : {"", "fr", "ta-IN", "x"}) {
    EXPECT_EQ(body(unknown), body("en")) << unknown;
  }
  EXPECT_NE(body("hi"), body("en"));
  EXPECT_NE(body("kn"), body("en"));
}

TEST(ShipmentNoticeText, TheSubjectIsOneLine) {
  ShipmentNoticeFields f = Full();
  f.tracking_number = "SHY1\r\n23";
  f.customer_name = "Ravi\nKumar";
  f.business_name = "Acme\r\nStore";
  const NoticeText built_in = ShipmentNoticeText("{}", ShipmentNotice::kLate, "en", f);
  EXPECT_EQ(built_in.subject, "Your parcel SHY1 23 is delayed");
  EXPECT_TRUE(Has(built_in.body, "SHY1\r\n23")) << "the body keeps values as given";
  const char* templates = R"({"late": {"en": {"subject":
      "{{customer.name}}:\n{{business.name}}\t{{shipment.tracking_number}}"}}})";
  const NoticeText t = ShipmentNoticeText(templates, ShipmentNotice::kLate, "en", f);
  EXPECT_EQ(t.subject, "Ravi Kumar: Acme Store SHY1 23");
}

TEST(ShipmentNoticeText, ValuesAreNotReadAsPlaceholders) {
  ShipmentNoticeFields f = Full();
  f.reason = "{{opt_out_url}} <b>not html</b>";
  const NoticeText t = ShipmentNoticeText("{}", ShipmentNotice::kDeliveryFailed, "en", f);
  EXPECT_TRUE(Has(t.body, "\nReason: {{opt_out_url}} <b>not html</b>\n")) << t.body;
}

TEST(ShipmentChatText, EveryKindAndLanguageAsAChatMessage) {
  for (const ShipmentNoticeFields& f : {Full(), Bare()}) {
    for (ShipmentNotice kind : kKinds) {
      for (const char* lang : kLanguages) {
        SCOPED_TRACE(std::string(ShipmentNoticeName(kind)) + " " + lang);
        NoticeText t;
        t.subject = "SHY123456789IN";  // a chat message has none; keeps ExpectWellFormed's shape
        t.body = ShipmentChatText(kind, lang, f);
        ExpectWellFormed(t, "SHY123456789IN");
        // A chat is answered in the chat, not by replying to a mail.
        EXPECT_FALSE(Has(t.body, "e-mail") || Has(t.body, "ई-मेल") || Has(t.body, "ಇ-ಮೇಲ್"))
            << t.body;
        EXPECT_FALSE(Has(t.body, "Regards") || Has(t.body, "धन्यवाद,")) << t.body;
        if (std::string_view(lang) == "hi") {
          EXPECT_TRUE(IsDevanagari(t.body)) << t.body;
          EXPECT_FALSE(IsKannada(t.body)) << t.body;
        } else if (std::string_view(lang) == "kn") {
          EXPECT_TRUE(IsKannada(t.body)) << t.body;
          EXPECT_FALSE(IsDevanagari(t.body)) << t.body;
        } else {
          EXPECT_FALSE(IsDevanagari(t.body) || IsKannada(t.body)) << t.body;
        }
      }
    }
  }
  EXPECT_EQ(ShipmentChatText(ShipmentNotice::kDeliveryFailed, "en", Full()),
            "Hello Ravi,\n"
            "\n"
            "We tried to deliver your Sahayak Express parcel SHY123456789IN, but the delivery "
            "could not be completed.\n"
            "Reason: Customer not at home\n"
            "Location: Bengaluru hub\n"
            "\n"
            "We will try again on the next working day. If you would like a different day or "
            "time, just write to us here.\n"
            "Track your parcel: https://track.sahayak.in/SHY123456789IN\n"
            "\n"
            "Stop these updates: https://help.acme.in/notifications/stop?t=abc123");
  EXPECT_EQ(ShipmentChatText(ShipmentNotice::kOutForDelivery, "hi-IN", Bare()),
            ShipmentChatText(ShipmentNotice::kOutForDelivery, "hi", Bare()));
}

TEST(ShipmentNoticeName, RoundTrips) {
  for (ShipmentNotice kind : kKinds) {
    EXPECT_EQ(ParseShipmentNotice(ShipmentNoticeName(kind)), kind);
  }
  EXPECT_STREQ(ShipmentNoticeName(ShipmentNotice::kOutForDelivery), "out_for_delivery");
  EXPECT_STREQ(ShipmentNoticeName(ShipmentNotice::kException), "exception");
  EXPECT_EQ(ParseShipmentNotice("Delivered"), std::nullopt);
  EXPECT_EQ(ParseShipmentNotice("lost"), std::nullopt);
}

TEST(DateInWords, EachLanguage) {
  EXPECT_EQ(DateInWords("2026-12-05", "en"), "5 December 2026");
  EXPECT_EQ(DateInWords("2026-12-05", "hi"), "5 दिसंबर 2026");
  EXPECT_EQ(DateInWords("2026-12-05", "kn"), "5 ಡಿಸೆಂಬರ್ 2026");
  EXPECT_EQ(DateInWords("2026-02-01", "hi-IN"), "1 फ़रवरी 2026");
  EXPECT_EQ(DateInWords("2026-08-15", "kn"), "15 ಆಗಸ್ಟ್ 2026");
  EXPECT_EQ(DateInWords("2026-01-31", "fr"), "31 January 2026");
  EXPECT_EQ(DateInWords("2024-02-29", "en"), "29 February 2024");
  for (const char* lang : kLanguages) {
    EXPECT_EQ(ToNfc(DateInWords("2026-02-01", lang)), DateInWords("2026-02-01", lang));
  }
}

TEST(DateInWords, ABadDateIsReturnedUnchanged) {
  for (const char* bad : {"", "2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-1-5",
                          "05-12-2026", "2026/12/05", "2026-12-05T10:00", " 2026-12-05", "tomorrow",
                          "0000-01-01", "２０２６-12-05"}) {
    EXPECT_EQ(DateInWords(bad, "hi"), bad);
  }
}

TEST(StatusInWords, EveryDomainStatusInEachLanguage) {
  std::vector<std::string> statuses;
  const std::string names = domain::kShipmentStatusNames;
  for (size_t start = 0; start < names.size();) {
    size_t end = names.find(',', start);
    if (end == std::string::npos) end = names.size();
    statuses.push_back(Trim(names.substr(start, end - start)));
    start = end + 1;
  }
  ASSERT_EQ(statuses.size(), 9u);
  for (const std::string& s : statuses) {
    SCOPED_TRACE(s);
    const std::string en = StatusInWords(s, "en");
    EXPECT_FALSE(en.empty());
    EXPECT_FALSE(Has(en, "_")) << en;
    EXPECT_TRUE(IsDevanagari(StatusInWords(s, "hi"))) << StatusInWords(s, "hi");
    EXPECT_TRUE(IsKannada(StatusInWords(s, "kn"))) << StatusInWords(s, "kn");
    EXPECT_EQ(StatusInWords(s, "hi-IN"), StatusInWords(s, "hi"));
    EXPECT_EQ(StatusInWords(s, "ta"), en);
    for (const char* lang : kLanguages) {
      EXPECT_EQ(ToNfc(StatusInWords(s, lang)), StatusInWords(s, lang));
    }
  }
  EXPECT_EQ(StatusInWords("lost", "en"), "lost");
  EXPECT_EQ(StatusInWords("lost", "hi"), "खो गया");
  EXPECT_EQ(StatusInWords("lost", "kn"), "ಕಳೆದುಹೋಗಿದೆ");
  EXPECT_EQ(StatusInWords("damaged", "hi"), "क्षतिग्रस्त हो गया");
  EXPECT_EQ(StatusInWords("returned_to_origin", "en"), "returned to sender");
  EXPECT_EQ(StatusInWords("in_transit", "kn"), "ದಾರಿಯಲ್ಲಿದೆ");
  EXPECT_EQ(StatusInWords("teleported", "hi"), "teleported");
  EXPECT_EQ(StatusInWords("", "kn"), "");
}

}  // namespace
}  // namespace sahayak::services
