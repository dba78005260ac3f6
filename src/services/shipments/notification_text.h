#pragma once

#include <optional>
#include <string>
#include <string_view>

// The text of proactive shipment notifications: the mail a customer gets when their parcel's
// status changes (docs/shipments.md). Built-in texts in English, Hindi and Kannada (NFC UTF-8,
// plain text), which a workspace may replace per kind and language with its own templates, as
// acknowledgements do (AutoAckText in services/mail/outbound_service.h). Pure functions;
// thread-safe.
namespace sahayak::services {

// What a shipment notification is about.
enum class ShipmentNotice {
  kOutForDelivery,
  kDelivered,
  kDeliveryFailed,
  kException,  // returned_to_origin, lost, damaged: ShipmentNoticeFields::status says which
  kLate,
};
// "out_for_delivery", "delivered", "delivery_failed", "exception", "late": the kind's key in
// the templates JSON.
const char* ShipmentNoticeName(ShipmentNotice k);
// The kind of one of those names (exactly as written), else nullopt.
std::optional<ShipmentNotice> ParseShipmentNotice(std::string_view name);

// What a notification says. Every member is plain text, inserted as given.
struct ShipmentNoticeFields {
  std::string customer_name;    // may be empty: the greeting then has no name
  std::string carrier_name;     // "Sahayak Express"; when empty the business name stands in
  std::string tracking_number;  // "SHY123456789IN"
  std::string status;           // domain status name ("lost"); for kException, which one
  std::string reason;           // the NDR reason, may be empty, may be Hindi or Kannada
  std::string place;            // the newest event's place, may be empty
  std::string eta;              // "YYYY-MM-DD" or ""
  std::string promised_date;    // "YYYY-MM-DD" or ""
  std::string tracking_url;     // may be empty
  std::string opt_out_url;      // always given: where the customer stops these mails
  std::string business_name;    // the workspace's name, e.g. "Sahayak Express"
};

struct NoticeText {
  std::string subject;  // one line
  std::string body;     // plain text, lines end with "\n", no trailing newline
};

// The subject and body of a `kind` notification in `language` ("en", "hi", "kn"; "hi-IN" is
// Hindi; anything else English), from `templates_json` when it has an entry for that kind and
// language, else the built-in text.
//
// `templates_json`: {"delivered": {"hi": {"subject": "…", "body": "…"}}, …}. The entry is looked
// up under the language tag as given ("hi-IN"), then its base ("hi"), and never under another
// language; a template may therefore add a language the built-in texts lack. A non-empty
// "subject" or "body" string replaces the built-in one, each on its own. Anything that is not
// JSON or not of that shape is ignored: the built-in text is used.
//
// Placeholders, written "{{name}}" or "{{ name }}": {{customer.name}}, {{carrier.name}},
// {{shipment.tracking_number}}, {{shipment.status}} (in words: StatusInWords),
// {{shipment.reason}}, {{shipment.place}}, {{shipment.eta}} and {{shipment.promised_date}} (in
// words: DateInWords), {{shipment.tracking_url}}, {{opt_out_url}}, {{business.name}}. An unknown
// placeholder stays as typed; a value is never read as a placeholder.
//
// Empty values (empty or white space only), in the body, built-in or template alike:
// - a line with {{shipment.reason}}, {{shipment.place}}, {{shipment.eta}},
//   {{shipment.promised_date}}, {{shipment.tracking_url}}, {{shipment.status}} or
//   {{business.name}} is left out, and so is a blank line the omission leaves doubled;
// - an empty {{customer.name}} takes the space before it along ("Hello {{customer.name}}," →
//   "Hello,").
// In the subject placeholders are only filled, and line breaks (a value's or a template's)
// become spaces.
//
// The body always carries the opt-out link: a template body without `opt_out_url` gets the
// built-in "Stop these updates: …" line of the language appended.
NoticeText ShipmentNoticeText(std::string_view templates_json, ShipmentNotice kind,
                              std::string_view language, const ShipmentNoticeFields& f);

// The text of a `kind` notice as a chat message from the team (docs/shipments.md, "By live
// chat"), built in for `language` as ShipmentNoticeText reads it: the greeting and the news of
// the mail, advice that asks the customer to write in the chat (not to reply to an e-mail), the
// tracking link and the opt-out link; no sign-off, the message carries the business's name.
// Lines of blank values go as in the mail's body. Workspace templates are the e-mail's and do
// not apply.
std::string ShipmentChatText(ShipmentNotice kind, std::string_view language,
                             const ShipmentNoticeFields& f);

// A domain status name in words in `language` (as ShipmentNoticeText reads it): "lost" →
// "lost", "खो गया", "ಕಳೆದುಹೋಗಿದೆ"; "returned_to_origin" → "returned to sender" …, written to
// follow "Status:". An unknown status is returned unchanged.
std::string StatusInWords(std::string_view status, std::string_view language);

// A date "2026-12-05" as the language writes it: en "5 December 2026", hi "5 दिसंबर 2026",
// kn "5 ಡಿಸೆಂಬರ್ 2026". Anything but a real date in exactly that form is returned unchanged.
std::string DateInWords(std::string_view date, std::string_view language);

}  // namespace sahayak::services
