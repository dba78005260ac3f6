#include "channels/email/vmime_mail_parser.h"

#include <gtest/gtest.h>

#include <string>

#include "base/text.h"
#include "channels/email/mail_kind.h"

namespace sahayak::channels {
namespace {

domain::InboundMail ParseOk(const std::string& raw) {
  const VmimeMailParser parser;
  Result<domain::InboundMail> mail = parser.Parse(raw);
  EXPECT_TRUE(mail.ok()) << mail.status().ToString();
  return mail.ok() ? std::move(mail).value() : domain::InboundMail();
}

TEST(VmimeMailParser, NotMailIsAnError) {
  const VmimeMailParser parser;
  Result<domain::InboundMail> empty = parser.Parse("");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().code(), Code::kInvalidArgument);
  EXPECT_NE(empty.status().message().find("empty"), std::string::npos);

  Result<domain::InboundMail> garbage = parser.Parse(std::string("\x89PNG\r\n\x1a\n\0\0\0", 11));
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.status().code(), Code::kInvalidArgument);
  EXPECT_NE(garbage.status().message().find("header"), std::string::npos);
}

TEST(VmimeMailParser, AlternativePrefersPlainForTextAndKeepsHtml) {
  const domain::InboundMail mail = ParseOk(
      "From: A <a@example.in>\r\nSubject: s\r\nContent-Type: multipart/alternative; "
      "boundary=b\r\n\r\n--b\r\nContent-Type: text/html\r\n\r\n<p>html version</p>\r\n"
      "--b\r\nContent-Type: text/plain\r\n\r\nplain version\r\n--b--\r\n");
  EXPECT_EQ(mail.text, "plain version");
  EXPECT_EQ(mail.html, "<p>html version</p>");
  EXPECT_EQ(mail.from.email, "a@example.in");
  EXPECT_EQ(mail.from.name, "A");
}

TEST(VmimeMailParser, HtmlOnlyGivesTextFromHtml) {
  const domain::InboundMail mail = ParseOk(
      "From: a@example.in\nContent-Type: text/html; charset=utf-8\n\n"
      "<p>नमस्ते <b>दुनिया</b></p><script>x()</script>");
  EXPECT_EQ(mail.text, "नमस्ते दुनिया");
  EXPECT_FALSE(mail.html.empty());
}

TEST(VmimeMailParser, Rfc2231ContinuationsWithCharset) {
  // "इनवॉइस.pdf" percent-encoded and split over three parameter sections.
  const domain::InboundMail mail = ParseOk(
      "From: a@example.in\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n"
      "--x\r\nContent-Type: text/plain\r\n\r\nsee file\r\n"
      "--x\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment;\r\n"
      " filename*0*=UTF-8''%E0%A4%87%E0%A4%A8;\r\n filename*1*=%E0%A4%B5%E0%A5%89;\r\n"
      " filename*2*=%E0%A4%87%E0%A4%B8.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n"
      "JVBERi0=\r\n--x--\r\n");
  ASSERT_EQ(mail.parts.size(), 1u);
  EXPECT_EQ(mail.parts[0].filename, "इनवॉइस.pdf");
  EXPECT_EQ(mail.parts[0].mime_type, "application/pdf");
  EXPECT_EQ(mail.parts[0].content, "%PDF-");
  EXPECT_FALSE(mail.parts[0].is_inline);
  EXPECT_EQ(mail.text, "see file");
}

TEST(VmimeMailParser, Utf16BodyAndQuotedPrintable) {
  const domain::InboundMail utf16 = ParseOk(
      "From: a@example.in\r\nContent-Type: text/plain; charset=utf-16\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\n//4oCS4J\r\n");  // BOM LE + "नम"
  EXPECT_EQ(utf16.text, "नम");
  EXPECT_TRUE(utf16.problems.empty());

  const domain::InboundMail qp = ParseOk(
      "From: a@example.in\r\nContent-Type: text/plain; charset=utf-8\r\n"
      "Content-Transfer-Encoding: quoted-printable\r\n\r\n=E0=A4=A8=E0=A4=AE soft=\r\nbreak\r\n");
  EXPECT_EQ(qp.text, "नम softbreak");
}

TEST(VmimeMailParser, BadCharsetIsNotedAndRepaired) {
  const domain::InboundMail mail = ParseOk(
      "From: a@example.in\r\nContent-Type: text/plain; charset=x-bogus\r\n\r\nok \xFF\xFE end\r\n");
  EXPECT_TRUE(IsValidUtf8(mail.text));
  EXPECT_NE(mail.text.find("ok "), std::string::npos);
  EXPECT_NE(mail.text.find(" end"), std::string::npos);
  ASSERT_FALSE(mail.problems.empty());
  EXPECT_NE(mail.problems[0].find("x-bogus"), std::string::npos);
}

TEST(VmimeMailParser, BareLineFeeds) {
  const domain::InboundMail mail = ParseOk(
      "From: a@example.in\nSubject: =?UTF-8?B?4KSq4KS+4KSw4KWN4KS44KSy?=\n"
      "Content-Type: multipart/mixed; boundary=q\n\n--q\nContent-Type: text/plain\n"
      "Content-Transfer-Encoding: quoted-printable\n\nline=\none\n--q\n"
      "Content-Type: image/png\nContent-Disposition: attachment\n\nPNG\n--q--\n");
  EXPECT_EQ(mail.subject, "पार्सल");
  EXPECT_EQ(mail.text, "lineone");
  ASSERT_EQ(mail.parts.size(), 1u);
  EXPECT_EQ(mail.parts[0].filename, "image-1.png");
  EXPECT_EQ(mail.parts[0].content, "PNG");
}

TEST(VmimeMailParser, InlineImageReferencedByCid) {
  const domain::InboundMail mail = ParseOk(
      "From: a@example.in\r\nContent-Type: multipart/related; boundary=r\r\n\r\n"
      "--r\r\nContent-Type: text/html\r\n\r\n<img src=\"cid:logo@x\">\r\n"
      "--r\r\nContent-Type: image/png\r\nContent-ID: <logo@x>\r\n\r\nPNG\r\n"
      "--r\r\nContent-Type: image/png\r\nContent-ID: <unused@x>\r\n\r\nPNG\r\n--r--\r\n");
  ASSERT_EQ(mail.parts.size(), 2u);
  EXPECT_EQ(mail.parts[0].content_id, "logo@x");
  EXPECT_TRUE(mail.parts[0].is_inline);
  EXPECT_FALSE(mail.parts[1].is_inline);
}

TEST(VmimeMailParser, DeliveryStatusNotification) {
  const domain::InboundMail mail = ParseOk(
      "From: MAILER-DAEMON@mx.example (Mail Delivery System)\r\n"
      "Subject: Undelivered Mail Returned to Sender\r\n"
      "Content-Type: multipart/report; report-type=delivery-status; boundary=\"R\"\r\n\r\n"
      "--R\r\nContent-Type: text/plain\r\n\r\nI'm sorry.\r\n"
      "--R\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example\r\n\r\n"
      "Final-Recipient: rfc822; gone@example.net\r\nAction: failed\r\nStatus: 5.1.1\r\n"
      "Diagnostic-Code: smtp; 550 5.1.1 User unknown\r\n\r\n"
      "--R\r\nContent-Type: message/rfc822\r\n\r\nMessage-ID: <orig-1@dakghar.example>\r\n"
      "Subject: hi\r\n\r\nbody\r\n--R--\r\n");
  EXPECT_EQ(mail.kind, domain::MailKind::kBounce);
  ASSERT_TRUE(mail.delivery_status.has_value());
  EXPECT_EQ(mail.delivery_status->original_recipient, "gone@example.net");
  EXPECT_EQ(mail.delivery_status->action, "failed");
  EXPECT_EQ(mail.delivery_status->status, "5.1.1");
  EXPECT_EQ(mail.delivery_status->diagnostic, "550 5.1.1 User unknown");
  EXPECT_EQ(mail.delivery_status->original_message_id, "orig-1@dakghar.example");
  EXPECT_EQ(mail.text, "I'm sorry.");  // the returned message is not appended
}

TEST(ParseDeliveryStatus, FoldedDiagnosticAndOriginalRecipient) {
  const domain::DeliveryStatus ds = ParseDeliveryStatus(
      "Reporting-MTA: dns; a\n\nOriginal-Recipient: rfc822;<x@y.example>\nAction: Failed\n"
      "Status: 5.2.2 (mailbox full)\nDiagnostic-Code: smtp; 552 over quota\n   try later\n");
  EXPECT_EQ(ds.original_recipient, "x@y.example");
  EXPECT_EQ(ds.action, "failed");
  EXPECT_EQ(ds.status, "5.2.2");
  EXPECT_EQ(ds.diagnostic, "552 over quota try later");
}

TEST(VmimeMailParser, Kinds) {
  auto kind = [](const std::string& headers) {
    return ParseOk("From: c@example.in\r\n" + headers + "\r\nbody\r\n").kind;
  };
  EXPECT_EQ(kind("Auto-Submitted: auto-replied\r\n"), domain::MailKind::kAutoReply);
  EXPECT_EQ(kind("Auto-Submitted: no\r\n"), domain::MailKind::kNormal);
  EXPECT_EQ(kind("X-Autorespond: yes\r\n"), domain::MailKind::kAutoReply);
  EXPECT_EQ(kind("Subject: Automatic reply: hi\r\n"), domain::MailKind::kAutoReply);
  EXPECT_EQ(
      kind("Subject: =?UTF-8?B?4KS44KWN4KS14KSa4KS+4KSy4KS/4KSkIOCkieCkpOCljeCkpOCksA==?=\r\n"),
      domain::MailKind::kAutoReply);  // "स्वचालित उत्तर"
  EXPECT_EQ(kind("Precedence: bulk\r\n"), domain::MailKind::kBulk);
  EXPECT_EQ(kind("List-Id: <x.example>\r\n"), domain::MailKind::kBulk);
  EXPECT_EQ(kind("List-Unsubscribe: <mailto:u@x>\r\n"), domain::MailKind::kBulk);
  EXPECT_EQ(kind("List-Unsubscribe: <mailto:u@x>\r\nIn-Reply-To: <a@b>\r\n"),
            domain::MailKind::kNormal);
  EXPECT_EQ(kind("Subject: Parcel late\r\n"), domain::MailKind::kNormal);
}

TEST(VmimeMailParser, PartLimit) {
  std::string raw = "From: a@example.in\r\nContent-Type: multipart/mixed; boundary=m\r\n\r\n";
  for (int i = 0; i < 120; ++i) {
    raw += "--m\r\nContent-Type: application/octet-stream\r\n\r\nx\r\n";
  }
  raw += "--m--\r\n";
  const domain::InboundMail mail = ParseOk(raw);
  EXPECT_EQ(mail.parts.size(), VmimeMailParser::kMaxParts);
  EXPECT_FALSE(mail.problems.empty());
}

TEST(VmimeMailParser, TooManyBoundaryLinesAreCut) {
  std::string raw = "From: a@example.in\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n";
  raw += "--x\r\nContent-Type: text/plain\r\n\r\nfirst\r\n";
  for (int i = 0; i < 50000; ++i) raw += "--x\r\n\r\n";
  const domain::InboundMail mail = ParseOk(raw);
  EXPECT_EQ(mail.text, "first");
  EXPECT_FALSE(mail.problems.empty());
}

TEST(VmimeMailParser, HugeHeaderValuesAreCapped) {
  std::string raw = "From: a@example.in\r\nSubject: ";
  for (int i = 0; i < 200000; ++i) raw += "=?a?q?";
  raw += "\r\n\r\nbody\r\n";
  const domain::InboundMail mail = ParseOk(raw);
  EXPECT_LE(mail.subject.size(), 64u * 1024);
  EXPECT_EQ(mail.text, "body");
}

TEST(VmimeMailParser, DeepNestingDoesNotRecurseWithoutBound) {
  std::string raw = "From: a@example.in\r\nContent-Type: multipart/mixed; boundary=b0\r\n\r\n";
  for (int i = 1; i < 400; ++i) {
    raw += "--b" + std::to_string(i - 1) + "\r\nContent-Type: multipart/mixed; boundary=b" +
           std::to_string(i) + "\r\n\r\n";
  }
  raw += "--b399\r\nContent-Type: text/plain\r\n\r\ndeep\r\n";
  const domain::InboundMail mail = ParseOk(raw);
  EXPECT_FALSE(mail.problems.empty());
  EXPECT_TRUE(IsValidUtf8(mail.text));
}

}  // namespace
}  // namespace sahayak::channels
