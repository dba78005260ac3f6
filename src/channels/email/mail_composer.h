#pragma once

// Outgoing mail: domain::OutboundMail → RFC 5322 bytes, ready for SmtpSender::Send.

#include <string>

#include "base/status.h"
#include "domain/mail.h"

namespace sahayak::channels {

// Composes `mail` as an RFC 5322 / MIME message (CRLF line ends, 7-bit clean).
//
// Header fields, in this order: From, Reply-To, To, Cc, Subject, Date, Message-ID,
// In-Reply-To, References, MIME-Version, Auto-Submitted, then extra_headers as given, then
// the top-level Content-Type. Display names, the subject and extra header values that are not
// plain ASCII are RFC 2047 encoded words (UTF-8, B); ASCII names with specials are quoted.
// Lines are folded at white space near 78 columns; no line ever exceeds 998 octets (runs
// of more than 70 characters without white space are encoded so they can be folded).
// Date comes from mail.date (UTC, "+0000"); Message-ID from mail.message_id, so a retry of
// the same queued mail composes the same header.
//
// Body shapes (outermost first):
//   text only                        text/plain
//   text + html                      multipart/alternative(text/plain, text/html)
//   + inline images (cid:)           multipart/alternative(text/plain,
//                                        multipart/related(text/html, image…))
//   + attachments                    multipart/mixed(<the above>, attachment…)
// A part is an inline image of the HTML when is_inline, content_id is set and html is not
// empty; other parts are attachments (Content-Disposition: inline when is_inline). Text
// parts are UTF-8: 7bit when ASCII with short lines, otherwise quoted-printable or base64,
// whichever is shorter; attachments are base64. File names are sent both as RFC 2231
// parameters (filename*=UTF-8''…, the standard) and as RFC 2047 words in filename= / name=
// (which older Outlook versions read). Line ends in text and html become CRLF.
// Boundaries are derived from the Message-ID, so equal input gives byte-identical output.
//
// Errors (InvalidArgument, message and fields() naming the field, e.g. "subject",
// "to[1].email", "extra_headers[0].value"): CR or LF (header injection) or other control
// characters in any header value, display name or file name; invalid UTF-8; no recipient
// in to and cc together; an address that is not a plain ASCII addr-spec (local@domain, dot-atom
// local part); a message_id / in_reply_to / reference / content_id that is not
// "left@right" in printable ASCII without <>, spaces or quotes; date < 0; auto_submitted other
// than a token (e.g. "auto-replied"); an extra header whose name is not a field name or is
// one this function writes itself (From, To, Content-Type, …); a mime_type that is not
// "type/subtype".
//
// Thread-safe (no state; vmime's platform handler is created once).
Result<std::string> ComposeMail(const domain::OutboundMail& mail);

}  // namespace sahayak::channels
