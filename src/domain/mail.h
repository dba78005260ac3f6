#pragma once

// An inbound e-mail as the rest of Sahayak sees it: decoded, in UTF-8 (NFC), with no MIME
// library types. channels/email/ parses raw RFC 5322 bytes into this; services/mail/ threads
// it onto a ticket. Raw bytes are kept by the caller, so nothing here needs to be lossless.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>
#include <utility>

#include "domain/types.h"

namespace sahayak::domain {

struct MailAddress {
  std::string name;   // display name, decoded (RFC 2047), may be empty
  std::string email;  // addr-spec as written, e.g. "ravi.kumar@example.in"; empty if unparsable
};

// A part of the message that is a file: an attachment, an inline image (content_id set), or a
// forwarded message (message/rfc822, kept as an .eml file).
struct MailPart {
  std::string filename;     // decoded (RFC 2231 / RFC 2047); a generated name when missing
  std::string mime_type;    // lower case, e.g. "image/png"
  std::string content_id;   // without <>, for cid: references from the HTML; empty if none
  bool is_inline = false;   // Content-Disposition: inline (or referenced by cid:)
  std::string content;      // decoded bytes
};

// Why a message is not an ordinary customer message (loops and noise).
enum class MailKind {
  kNormal,
  kAutoReply,    // Auto-Submitted: auto-replied, X-Autoreply, out-of-office subjects
  kBulk,         // Precedence: bulk|junk|list, List-Id, List-Unsubscribe
  kBounce,       // a delivery status notification (multipart/report; report-type=delivery-status)
};

struct DeliveryStatus {          // parsed from a DSN (kind == kBounce)
  std::string original_recipient; // Final-Recipient / Original-Recipient address
  std::string action;             // "failed", "delayed", …
  std::string status;             // "5.1.1"
  std::string diagnostic;         // Diagnostic-Code text
  std::string original_message_id;  // Message-ID of the bounced message, without <>
};

struct InboundMail {
  std::string message_id;               // without <>; empty when the mail had none
  std::string in_reply_to;              // without <>
  std::vector<std::string> references;  // without <>, in header order
  MailAddress from;
  std::optional<MailAddress> reply_to;
  std::vector<MailAddress> to;
  std::vector<MailAddress> cc;
  std::vector<MailAddress> delivered_to;  // Delivered-To / X-Original-To / envelope recipients
  std::string subject;                    // decoded, NFC, whitespace folded
  std::optional<Millis> date;             // from the Date header, when parsable
  std::string text;                       // plain-text body (from text/plain, or from the HTML)
  std::string html;                       // HTML body as sent (NOT sanitised: the service does)
  std::vector<MailPart> parts;            // attachments, inline images, forwarded messages
  MailKind kind = MailKind::kNormal;
  std::optional<DeliveryStatus> delivery_status;  // set when kind == kBounce
  std::string authentication_results;  // the Authentication-Results header, raw (decoded)
  std::vector<std::string> problems;   // what was broken and repaired ("bad charset x-foo")
};

}  // namespace sahayak::domain

namespace sahayak::domain {

// A file to attach to an outgoing mail (content already read from the blob store).
struct OutboundPart {
  std::string filename;    // UTF-8; encoded per RFC 2231 when not ASCII
  std::string mime_type;   // "application/pdf"; empty: application/octet-stream
  std::string content_id;  // without <>; set for an inline image the HTML refers to by cid:
  bool is_inline = false;
  std::string content;     // raw bytes
};

// An e-mail Sahayak sends (an agent's reply, an acknowledgement, a notification, a test), as
// channels/email/ needs it to compose RFC 5322 bytes. All text is UTF-8.
struct OutboundMail {
  MailAddress from;                      // "Kavya Bhat (Acme Support)" <support@acme.in>
  std::optional<MailAddress> reply_to;   // plus-addressed: support+t1234@acme.in
  std::vector<MailAddress> to;
  std::vector<MailAddress> cc;
  std::string subject;                   // with the ticket token, e.g. "Re: Parcel late [#1234]"
  std::string message_id;                // without <>; fixed when queued, so a retry reuses it
  std::string in_reply_to;               // without <>; empty: none
  std::vector<std::string> references;   // without <>, oldest first
  Millis date = 0;                       // the Date header (ms since the epoch, UTC)
  std::string text;                      // text/plain part (always present)
  std::string html;                      // text/html part; empty: text only
  std::vector<OutboundPart> parts;       // attachments and inline images
  // "auto-replied" / "auto-generated" (RFC 3834) for automatic mail; empty for a person's mail.
  std::string auto_submitted;
  std::vector<std::pair<std::string, std::string>> extra_headers;  // e.g. X-Sahayak-Ticket
};

}  // namespace sahayak::domain
