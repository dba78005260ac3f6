#pragma once

#include <string_view>

#include "base/status.h"
#include "domain/mail.h"
#include "services/mail/mail_parser.h"

namespace sahayak::channels {

// services::MailParser on vmime (MIME structure, transfer encodings, RFC 2231 parameters,
// address lists) and ICU (charsets).
//
// What it makes of a message:
//  - Header fields are read from the top-level header block as written (an mbox "From " line
//    is skipped; bare LF line ends, 8-bit UTF-8 or Latin-1 header text and duplicated fields
//    are accepted; the first of a duplicated field wins and problems[] says so).
//  - text is the text/plain body (the first text/plain of a multipart/alternative, all inline
//    text/plain parts of a multipart/mixed joined by a blank line), LF line ends, NFC; when the
//    mail has only HTML, the HTML's text (HtmlToPlainText). html is the text/html body in
//    UTF-8, not sanitised.
//  - parts: every leaf that is not body text, up to kMaxParts and kMaxPartBytes each (the rest
//    is dropped and noted). An inline image is_inline when the HTML refers to its Content-ID
//    (cid:) or, in a mail without HTML, when it is an inline image/*. A missing file name is
//    generated ("attachment-2.pdf", "image-1.png", "invite.ics").
//  - A forwarded message (message/rfc822) is kept whole as a part "<its subject>.eml"; unless
//    it is marked "Content-Disposition: attachment", its From, Date, Subject and text are also
//    appended to text under a "---------- Forwarded message ----------" line, so agents read
//    it without opening the file (three levels deep at most).
//    Inside a delivery report it only supplies the bounced Message-ID.
//  - kind and delivery_status: see channels/email/mail_kind.h.
// Cost: about linear in the input; header values are cut at 64 KiB, bodies with more than 1,000
// boundary lines are cut there, and more than 250 multipart headers make the body plain text
// (vmime recurses per nesting level). The caller caps the message size.
// Known limitation (vmime 0.9.2): a nested boundary that starts with its parent's boundary
// followed by "-" ("b1" and "b1-alt") splits the parent early; the text is still read, as text.
// Only input that is not mail at all (empty, or no header line at its start) is an error
// (InvalidArgument naming the problem); vmime exceptions never leave Parse.
// Thread-safe: Parse keeps no state between calls (the constructor sets up vmime's process-wide
// platform handler once, which vmime would otherwise create lazily and racily).
class VmimeMailParser final : public services::MailParser {
 public:
  static constexpr size_t kMaxParts = 100;
  static constexpr size_t kMaxPartBytes = 25u * 1024 * 1024;

  VmimeMailParser();
  Result<domain::InboundMail> Parse(std::string_view raw) const override;
};

}  // namespace sahayak::channels
