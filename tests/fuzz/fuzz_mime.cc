// libFuzzer target for VmimeMailParser::Parse, the entry point for every inbound e-mail (IMAP,
// LMTP, mail-deliver). Beyond "no crash, no leak, no undefined behaviour, no exception" it
// checks the contract of domain::InboundMail: every string is valid UTF-8, ids carry no
// brackets or spaces, file names are safe and non-empty, limits hold, a bounce has a delivery
// status, and only InvalidArgument is returned as an error.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"
#include "base/text.h"
#include "channels/email/vmime_mail_parser.h"
#include "domain/mail.h"
#include "fuzz_assert.h"

namespace {

void CheckText(const std::string& s, const char* what) {
  if (!sahayak::IsValidUtf8(s)) FUZZ_ASSERT_FAIL(what, s);
}

void CheckId(const std::string& id) {
  CheckText(id, "message id is not UTF-8");
  for (const char c : id) {
    if (c == '<' || c == '>' || static_cast<unsigned char>(c) <= 0x20) {
      FUZZ_ASSERT_FAIL("message id holds a bracket or space", id);
    }
  }
}

void CheckAddress(const sahayak::domain::MailAddress& a) {
  CheckText(a.name, "address name is not UTF-8");
  CheckText(a.email, "address is not UTF-8");
}

void CheckFilename(const std::string& filename) {
  CheckText(filename, "filename is not UTF-8");
  if (filename.empty() || filename.size() > 255 || filename == "." || filename == "..") {
    FUZZ_ASSERT_FAIL("filename empty, too long or a directory", filename);
  }
  for (const char ch : filename) {
    const auto c = static_cast<unsigned char>(ch);
    if (ch == '/' || ch == '\\' || c < 0x20 || c == 0x7F) {
      FUZZ_ASSERT_FAIL("filename holds a separator or control character", filename);
    }
  }
  if (filename.find("\xE2\x80\xAE") != std::string::npos) {
    FUZZ_ASSERT_FAIL("filename holds a right-to-left override", filename);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const sahayak::channels::VmimeMailParser parser;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const sahayak::Result<sahayak::domain::InboundMail> result = parser.Parse(input);
  if (!result.ok()) {
    if (result.status().code() != sahayak::Code::kInvalidArgument) {
      FUZZ_ASSERT_FAIL("unexpected error code", result.status().ToString());
    }
    CheckText(result.status().message(), "error message is not UTF-8");
    return 0;
  }
  const sahayak::domain::InboundMail& mail = *result;
  CheckId(mail.message_id);
  CheckId(mail.in_reply_to);
  for (const std::string& id : mail.references) CheckId(id);
  CheckAddress(mail.from);
  if (mail.reply_to.has_value()) CheckAddress(*mail.reply_to);
  for (const auto& a : mail.to) CheckAddress(a);
  for (const auto& a : mail.cc) CheckAddress(a);
  for (const auto& a : mail.delivered_to) CheckAddress(a);
  CheckText(mail.subject, "subject is not UTF-8");
  if (mail.subject.find_first_of("\r\n\t") != std::string::npos) {
    FUZZ_ASSERT_FAIL("subject holds a line break or tab", mail.subject);
  }
  CheckText(mail.text, "text is not UTF-8");
  if (mail.text.find('\0') != std::string::npos || mail.text.find('\r') != std::string::npos) {
    FUZZ_ASSERT_FAIL("text holds NUL or CR", mail.text);
  }
  CheckText(mail.html, "html is not UTF-8");
  CheckText(mail.authentication_results, "Authentication-Results is not UTF-8");
  for (const std::string& p : mail.problems) CheckText(p, "problem is not UTF-8");
  if (mail.parts.size() > sahayak::channels::VmimeMailParser::kMaxParts) {
    FUZZ_ASSERT_FAIL("more parts than allowed", input);
  }
  for (const sahayak::domain::MailPart& part : mail.parts) {
    CheckFilename(part.filename);
    CheckText(part.mime_type, "mime type is not UTF-8");
    CheckId(part.content_id);
    if (part.content.size() > sahayak::channels::VmimeMailParser::kMaxPartBytes) {
      FUZZ_ASSERT_FAIL("part over the size limit", part.filename);
    }
  }
  if ((mail.kind == sahayak::domain::MailKind::kBounce) != mail.delivery_status.has_value()) {
    FUZZ_ASSERT_FAIL("delivery status present exactly when the mail is a bounce", input);
  }
  if (mail.delivery_status.has_value()) {
    const auto& ds = *mail.delivery_status;
    CheckText(ds.original_recipient, "bounce recipient is not UTF-8");
    CheckText(ds.diagnostic, "diagnostic is not UTF-8");
    CheckId(ds.original_message_id);
  }
  return 0;
}
