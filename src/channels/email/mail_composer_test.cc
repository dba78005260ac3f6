#include "channels/email/mail_composer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "channels/email/vmime_mail_parser.h"

namespace sahayak::channels {
namespace {

using domain::InboundMail;
using domain::MailAddress;
using domain::OutboundMail;
using domain::OutboundPart;

OutboundMail Reply() {
  OutboundMail m;
  m.from = {"Kavya Bhat (Acme Support)", "support@acme.in"};
  m.reply_to = MailAddress{"", "support+t1234@acme.in"};
  m.to = {{"रवि कुमार", "ravi.kumar@example.in"}};
  m.subject = "Re: Parcel late [#1234]";
  m.message_id = "t1234.m5.k3j2@acme.in";
  m.in_reply_to = "CAF=abc+123@mail.gmail.com";
  m.references = {"first@example.in", "CAF=abc+123@mail.gmail.com"};
  m.date = 1764000000000;  // 2025-11-24 16:00:00 UTC
  m.text = "Namaste Ravi,\nyour parcel is on its way.\n";
  return m;
}

std::string ComposeOk(const OutboundMail& m) {
  Result<std::string> raw = ComposeMail(m);
  EXPECT_TRUE(raw.ok()) << raw.status().ToString();
  return raw.ok() ? *raw : std::string();
}

InboundMail Parse(const std::string& raw) {
  const VmimeMailParser parser;
  Result<InboundMail> mail = parser.Parse(raw);
  EXPECT_TRUE(mail.ok()) << mail.status().ToString();
  return mail.ok() ? std::move(mail).value() : InboundMail();
}

// The header block, unfolded, as "Name: value" lines.
std::string HeaderBlock(const std::string& raw) {
  return raw.substr(0, raw.find("\r\n\r\n") + 2);
}

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t p = haystack.find(needle); p != std::string::npos; p = haystack.find(needle, p + 1)) {
    ++n;
  }
  return n;
}

void ExpectWellFormed(const std::string& raw) {
  size_t start = 0;
  while (start < raw.size()) {
    size_t end = raw.find("\r\n", start);
    ASSERT_NE(end, std::string::npos) << "the message does not end with CRLF";
    const std::string line = raw.substr(start, end - start);
    EXPECT_LE(line.size(), 998u) << line.substr(0, 80);
    EXPECT_EQ(line.find_first_of("\r\n"), std::string::npos) << "bare CR or LF: " << line;
    for (unsigned char c : line) ASSERT_LT(c, 0x80) << "8-bit byte in: " << line.substr(0, 80);
    start = end + 2;
  }
}

TEST(ComposeMail, TextReplyRoundTripsThroughTheParser) {
  const OutboundMail m = Reply();
  const std::string raw = ComposeOk(m);
  ExpectWellFormed(raw);
  const std::string head = HeaderBlock(raw);
  EXPECT_NE(head.find("Message-ID: <t1234.m5.k3j2@acme.in>\r\n"), std::string::npos) << head;
  EXPECT_NE(head.find("In-Reply-To: <CAF=abc+123@mail.gmail.com>\r\n"), std::string::npos);
  EXPECT_NE(head.find("Date: Mon, 24 Nov 2025 16:00:00 +0000\r\n"), std::string::npos);
  EXPECT_NE(head.find("MIME-Version: 1.0\r\n"), std::string::npos);
  EXPECT_NE(head.find("From: \"Kavya Bhat (Acme Support)\" <support@acme.in>\r\n"),
            std::string::npos)
      << head;
  EXPECT_NE(head.find("Content-Type: text/plain; charset=utf-8"), std::string::npos) << head;
  EXPECT_EQ(head.find("Auto-Submitted"), std::string::npos);

  const InboundMail in = Parse(raw);
  EXPECT_EQ(in.message_id, m.message_id);
  EXPECT_EQ(in.in_reply_to, m.in_reply_to);
  EXPECT_EQ(in.references, m.references);
  EXPECT_EQ(in.subject, m.subject);
  EXPECT_EQ(in.from.name, "Kavya Bhat (Acme Support)");
  EXPECT_EQ(in.from.email, "support@acme.in");
  ASSERT_TRUE(in.reply_to.has_value());
  EXPECT_EQ(in.reply_to->email, "support+t1234@acme.in");
  ASSERT_EQ(in.to.size(), 1u);
  EXPECT_EQ(in.to[0].name, "रवि कुमार");
  EXPECT_EQ(in.to[0].email, "ravi.kumar@example.in");
  ASSERT_TRUE(in.date.has_value());
  EXPECT_EQ(*in.date, m.date);
  EXPECT_EQ(in.text, "Namaste Ravi,\nyour parcel is on its way.");
  EXPECT_TRUE(in.html.empty());
  EXPECT_TRUE(in.parts.empty());
}

TEST(ComposeMail, HindiSubjectAndKannadaFileNameSurvive) {
  OutboundMail m = Reply();
  m.subject = "मेरा पार्सल कहाँ है [#1234]";
  m.text = "आपका पार्सल कल पहुँचेगा।\nधन्यवाद";
  m.parts.push_back(
      {"ರಸೀದಿ.pdf", "application/pdf", "", false, std::string("%PDF-1.4\0\xff\x01", 11)});
  m.parts.push_back({"इनवॉइस नवंबर 2025 का पूरा विवरण और भुगतान की रसीद.pdf", "application/pdf", "",
                     false, "second"});
  const std::string raw = ComposeOk(m);
  ExpectWellFormed(raw);
  // The subject is encoded; its ASCII ticket token stays readable.
  EXPECT_NE(HeaderBlock(raw).find("=?UTF-8?B?"), std::string::npos);
  EXPECT_NE(HeaderBlock(raw).find(" [#1234]\r\n"), std::string::npos) << HeaderBlock(raw);
  EXPECT_NE(raw.find("filename*"), std::string::npos);  // RFC 2231

  const InboundMail in = Parse(raw);
  EXPECT_EQ(in.subject, "मेरा पार्सल कहाँ है [#1234]");
  EXPECT_EQ(in.text, "आपका पार्सल कल पहुँचेगा।\nधन्यवाद");
  ASSERT_EQ(in.parts.size(), 2u);
  EXPECT_EQ(in.parts[0].filename, "ರಸೀದಿ.pdf");
  EXPECT_EQ(in.parts[0].mime_type, "application/pdf");
  EXPECT_EQ(in.parts[0].content, std::string("%PDF-1.4\0\xff\x01", 11));
  EXPECT_FALSE(in.parts[0].is_inline);
  EXPECT_EQ(in.parts[1].filename, "इनवॉइस नवंबर 2025 का पूरा विवरण और भुगतान की रसीद.pdf");
  EXPECT_EQ(in.parts[1].content, "second");
}

TEST(ComposeMail, MultipartShapes) {
  OutboundMail m = Reply();
  m.html = "<p>Namaste <b>Ravi</b></p><img src=\"cid:logo@acme.in\">";
  {
    const std::string raw = ComposeOk(m);
    ExpectWellFormed(raw);
    EXPECT_NE(HeaderBlock(raw).find("Content-Type: multipart/alternative;"), std::string::npos);
    EXPECT_EQ(raw.find("multipart/related"), std::string::npos);
    const InboundMail in = Parse(raw);
    EXPECT_EQ(in.text, "Namaste Ravi,\nyour parcel is on its way.");
    EXPECT_EQ(in.html, m.html);
  }
  m.parts.push_back({"logo.png", "image/png", "logo@acme.in", true, "\x89PNG-logo"});
  {
    const std::string raw = ComposeOk(m);
    ExpectWellFormed(raw);
    EXPECT_NE(HeaderBlock(raw).find("Content-Type: multipart/alternative;"), std::string::npos);
    EXPECT_NE(raw.find("Content-Type: multipart/related;"), std::string::npos);
    EXPECT_EQ(raw.find("multipart/mixed"), std::string::npos);
    // related sits inside alternative, after the plain text.
    EXPECT_LT(raw.find("Content-Type: text/plain"), raw.find("Content-Type: multipart/related"));
    const InboundMail in = Parse(raw);
    EXPECT_EQ(in.html, m.html);
    ASSERT_EQ(in.parts.size(), 1u);
    EXPECT_EQ(in.parts[0].content_id, "logo@acme.in");
    EXPECT_TRUE(in.parts[0].is_inline);
    EXPECT_EQ(in.parts[0].content, "\x89PNG-logo");
  }
  m.parts.push_back({"ರಸೀದಿ.pdf", "application/pdf", "", false, "%PDF"});
  {
    const std::string raw = ComposeOk(m);
    ExpectWellFormed(raw);
    EXPECT_NE(HeaderBlock(raw).find("Content-Type: multipart/mixed;"), std::string::npos);
    EXPECT_LT(raw.find("multipart/alternative"), raw.find("multipart/related"));
    EXPECT_LT(raw.find("multipart/related"), raw.find("application/pdf"));
    const InboundMail in = Parse(raw);
    EXPECT_EQ(in.text, "Namaste Ravi,\nyour parcel is on its way.");
    ASSERT_EQ(in.parts.size(), 2u);
    EXPECT_TRUE(in.parts[0].is_inline);
    EXPECT_EQ(in.parts[1].filename, "ರಸೀದಿ.pdf");
    EXPECT_FALSE(in.parts[1].is_inline);
  }
  {  // Text + attachment, no HTML: mixed(text/plain, file).
    OutboundMail t = Reply();
    t.parts.push_back({"a.txt", "", "", false, "abc"});
    const std::string raw = ComposeOk(t);
    EXPECT_NE(HeaderBlock(raw).find("Content-Type: multipart/mixed;"), std::string::npos);
    EXPECT_EQ(raw.find("multipart/alternative"), std::string::npos);
    EXPECT_NE(raw.find("application/octet-stream"), std::string::npos);
    const InboundMail in = Parse(raw);
    ASSERT_EQ(in.parts.size(), 1u);
    EXPECT_EQ(in.parts[0].filename, "a.txt");
    EXPECT_EQ(in.parts[0].content, "abc");
  }
}

TEST(ComposeMail, SameInputGivesSameBytes) {
  OutboundMail m = Reply();
  m.html = "<p>x</p>";
  m.parts.push_back({"a.pdf", "application/pdf", "", false, "%PDF"});
  EXPECT_EQ(ComposeOk(m), ComposeOk(m));
}

TEST(ComposeMail, HeaderInjectionIsRefusedNamingTheField) {
  struct Case {
    const char* field;
    void (*change)(OutboundMail*);
  };
  const Case cases[] = {
      {"subject", [](OutboundMail* m) { m->subject = "Hi\r\nBcc: victim@example.in"; }},
      {"subject", [](OutboundMail* m) { m->subject = "Hi\nX-Evil: 1"; }},
      {"from.name", [](OutboundMail* m) { m->from.name = "Kavya\r\nBcc: x@example.in"; }},
      {"to[0].email", [](OutboundMail* m) { m->to[0].email = "a@example.in\r\nBcc: b@x.in"; }},
      {"reply_to.email", [](OutboundMail* m) { m->reply_to->email = "x\n@example.in"; }},
      {"message_id", [](OutboundMail* m) { m->message_id = "a@b\r\nBcc: c@d.in"; }},
      {"in_reply_to", [](OutboundMail* m) { m->in_reply_to = "a@b\nX: y"; }},
      {"references[1]", [](OutboundMail* m) { m->references[1] = "x@y\r\n"; }},
      {"auto_submitted", [](OutboundMail* m) { m->auto_submitted = "auto-replied\r\nX: y"; }},
      {"extra_headers[0].value",
       [](OutboundMail* m) {
         m->extra_headers = {{"X-Sahayak-Ticket", "1\r\nBcc: a@b.in"}};
       }},
      {"extra_headers[0].name",
       [](OutboundMail* m) {
         m->extra_headers = {{"X-A\r\nBcc", "1"}};
       }},
      {"parts[0].filename",
       [](OutboundMail* m) {
         m->parts = {{"a.pdf\r\nContent-Type: text/html", "", "", false, ""}};
       }},
      {"parts[0].content_id",
       [](OutboundMail* m) {
         m->parts = {{"a.png", "image/png", "x@y\r\nX: 1", true, ""}};
       }},
      {"parts[0].mime_type",
       [](OutboundMail* m) {
         m->parts = {{"a.png", "image/png\r\nX: 1", "", false, ""}};
       }},
  };
  for (const Case& c : cases) {
    OutboundMail m = Reply();
    c.change(&m);
    Result<std::string> raw = ComposeMail(m);
    ASSERT_FALSE(raw.ok()) << c.field;
    EXPECT_EQ(raw.status().code(), Code::kInvalidArgument) << c.field;
    EXPECT_NE(raw.status().message().find(c.field), std::string::npos)
        << c.field << ": " << raw.status().message();
    ASSERT_FALSE(raw.status().fields().empty());
    EXPECT_EQ(raw.status().fields()[0].field, c.field);
  }
}

TEST(ComposeMail, OtherBadInputIsRefused) {
  struct Case {
    const char* field;
    void (*change)(OutboundMail*);
  };
  const Case cases[] = {
      {"to", [](OutboundMail* m) { m->to.clear(); }},
      {"to[0].email", [](OutboundMail* m) { m->to[0].email = "not an address"; }},
      {"to[0].email", [](OutboundMail* m) { m->to[0].email = "ravi@localhost"; }},
      {"to[0].email", [](OutboundMail* m) { m->to[0].email = "रवि@example.in"; }},
      {"cc[0].email",
       [](OutboundMail* m) {
         m->cc = {{"", "a..b@example.in"}};
       }},
      {"from.email", [](OutboundMail* m) { m->from.email = ""; }},
      {"message_id", [](OutboundMail* m) { m->message_id = ""; }},
      {"message_id", [](OutboundMail* m) { m->message_id = "no-at-sign"; }},
      {"message_id", [](OutboundMail* m) { m->message_id = "<a@b.in>"; }},
      {"subject", [](OutboundMail* m) { m->subject = "bad \xff utf-8"; }},
      {"subject", [](OutboundMail* m) { m->subject = std::string("nul\0here", 8); }},
      {"text", [](OutboundMail* m) { m->text = "\xc3"; }},
      {"date", [](OutboundMail* m) { m->date = -1; }},
      {"auto_submitted", [](OutboundMail* m) { m->auto_submitted = "auto replied"; }},
      {"extra_headers[0].name",
       [](OutboundMail* m) {
         m->extra_headers = {{"Bcc", "a@b.in"}};
       }},
      {"extra_headers[0].name",
       [](OutboundMail* m) {
         m->extra_headers = {{"content-type", "text/html"}};
       }},
  };
  for (const Case& c : cases) {
    OutboundMail m = Reply();
    c.change(&m);
    Result<std::string> raw = ComposeMail(m);
    ASSERT_FALSE(raw.ok()) << c.field;
    EXPECT_EQ(raw.status().code(), Code::kInvalidArgument);
    ASSERT_FALSE(raw.status().fields().empty()) << c.field;
    EXPECT_EQ(raw.status().fields()[0].field, c.field) << raw.status().message();
  }
  // Cc alone is enough of a recipient.
  OutboundMail cc_only = Reply();
  cc_only.cc = cc_only.to;
  cc_only.to.clear();
  const std::string raw = ComposeOk(cc_only);
  EXPECT_EQ(HeaderBlock(raw).find("\r\nTo:"), std::string::npos);
  EXPECT_EQ(Parse(raw).cc.size(), 1u);
}

TEST(ComposeMail, NoLineExceeds998Octets) {
  OutboundMail m = Reply();
  m.subject = "Re: " + std::string(1500, 'x') + " [#1234] " + std::string(40, 'y');
  m.text = std::string(5000, 'a') + "\n" + std::string(3000, 'b') + " end";
  m.html = "<p>" + std::string(4000, 'h') + "</p>";
  for (int i = 0; i < 60; ++i) m.references.push_back("ref" + std::to_string(i) + "@example.in");
  m.extra_headers = {{"X-Long", std::string(2000, 'z')}, {"X-Sahayak-Ticket", "1234"}};
  m.to.clear();
  for (int i = 0; i < 40; ++i) {
    m.to.push_back(
        {"Customer Number " + std::to_string(i), "c" + std::to_string(i) + "@example.in"});
  }
  // 190 characters: long enough to need RFC 2231 continuations, short enough for the parser's
  // 200-character cap on file names.
  m.parts.push_back(
      {std::string(190, 'f') + ".pdf", "application/pdf", "", false, std::string(10000, '\x01')});
  const std::string raw = ComposeOk(m);
  ExpectWellFormed(raw);
  const InboundMail in = Parse(raw);
  EXPECT_EQ(in.subject, m.subject);
  EXPECT_EQ(in.text, std::string(5000, 'a') + "\n" + std::string(3000, 'b') + " end");
  EXPECT_EQ(in.html, m.html);
  EXPECT_EQ(in.references.size(), m.references.size());
  EXPECT_EQ(in.references.back(), "ref59@example.in");
  EXPECT_EQ(in.to.size(), 40u);
  EXPECT_EQ(in.to[39].email, "c39@example.in");
  ASSERT_EQ(in.parts.size(), 1u);
  EXPECT_EQ(in.parts[0].filename, std::string(190, 'f') + ".pdf");
  EXPECT_EQ(in.parts[0].content, std::string(10000, '\x01'));
  // Folded header lines stay near 78 columns.
  const std::string head = HeaderBlock(raw);
  size_t start = 0;
  while (start < head.size()) {
    const size_t end = head.find("\r\n", start);
    EXPECT_LE(end - start, 90u) << head.substr(start, end - start);
    start = end + 2;
  }
}

TEST(ComposeMail, BodyEncodingFitsTheText) {
  OutboundMail m = Reply();
  m.text = "Plain ASCII text.\nSecond line.";
  std::string raw = ComposeOk(m);
  EXPECT_NE(raw.find("Content-Transfer-Encoding: 7bit"), std::string::npos) << raw;
  EXPECT_NE(raw.find("\r\n\r\nPlain ASCII text.\r\nSecond line.\r\n"), std::string::npos);

  m.text =
      "Mostly English text with one word पार्सल in Hindi, so quoted-printable is shorter than "
      "base64 would be for it.\nA second line of plain English text makes that even clearer.";
  raw = ComposeOk(m);
  EXPECT_NE(raw.find("Content-Transfer-Encoding: quoted-printable"), std::string::npos) << raw;
  EXPECT_EQ(Parse(raw).text, m.text);

  m.text = "आपका पार्सल कल शाम तक आपके पते पर पहुँच जाएगा। धन्यवाद।";
  raw = ComposeOk(m);
  EXPECT_NE(raw.find("Content-Transfer-Encoding: base64"), std::string::npos) << raw;
  EXPECT_EQ(Parse(raw).text, m.text);

  // A text that contains the boundary marker "=_" is never sent as 7bit.
  m.text = "--=_sahayak_0000000000000000_mixed\nlooks like a boundary";
  m.parts.push_back({"a.txt", "text/plain", "", false, "x"});
  raw = ComposeOk(m);
  const InboundMail in = Parse(raw);
  EXPECT_EQ(in.text, "--=_sahayak_0000000000000000_mixed\nlooks like a boundary");
  EXPECT_EQ(in.parts.size(), 1u);
}

TEST(ComposeMail, AutoSubmittedAndExtraHeaders) {
  OutboundMail m = Reply();
  m.auto_submitted = "auto-replied";
  m.extra_headers = {{"X-Sahayak-Ticket", "1234"}, {"X-Note", "टिकट खुला है"}};
  const std::string raw = ComposeOk(m);
  const std::string head = HeaderBlock(raw);
  EXPECT_NE(head.find("Auto-Submitted: auto-replied\r\n"), std::string::npos);
  EXPECT_NE(head.find("X-Sahayak-Ticket: 1234\r\n"), std::string::npos);
  EXPECT_NE(head.find("X-Note: =?UTF-8?B?"), std::string::npos);
  EXPECT_EQ(Count(head, "Message-ID:"), 1u);
  EXPECT_EQ(Parse(raw).kind, domain::MailKind::kAutoReply);
}

TEST(ComposeMail, LongAsciiHeaderValuesStayReadable) {
  // A List-Unsubscribe URL longer than a plain run must reach the mail client as a URL.
  OutboundMail m = Reply();
  const std::string url =
      "<https://support.acme-courier.example.in/notices/opt-out/1.9.bb04c7e1f2a3d4c5b6a7980112233445>";
  m.extra_headers = {{"List-Unsubscribe", url},
                     {"List-Unsubscribe-Post", "List-Unsubscribe=One-Click"}};
  const std::string head = HeaderBlock(ComposeOk(m));
  EXPECT_NE(head.find("List-Unsubscribe: " + url + "\r\n"), std::string::npos) << head;
  EXPECT_NE(head.find("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"), std::string::npos);
}

TEST(ComposeMail, DisplayNamesAreQuotedOrEncoded) {
  OutboundMail m = Reply();
  m.from.name = "Bhat, Kavya \"KB\"";
  m.cc = {{"Ravi", "ravi@example.in"}, {"", "plain@example.in"}, {"ಕಾವ್ಯಾ", "k@example.in"}};
  const std::string raw = ComposeOk(m);
  const std::string head = HeaderBlock(raw);
  EXPECT_NE(head.find("From: \"Bhat, Kavya \\\"KB\\\"\" <support@acme.in>\r\n"), std::string::npos)
      << head;
  const InboundMail in = Parse(raw);
  EXPECT_EQ(in.from.name, "Bhat, Kavya \"KB\"");
  ASSERT_EQ(in.cc.size(), 3u);
  EXPECT_EQ(in.cc[0].name, "Ravi");
  EXPECT_EQ(in.cc[1].email, "plain@example.in");
  EXPECT_EQ(in.cc[2].name, "ಕಾವ್ಯಾ");
  EXPECT_EQ(in.cc[2].email, "k@example.in");
}

}  // namespace
}  // namespace sahayak::channels
