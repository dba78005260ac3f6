#include "channels/email/vmime_mail_parser.h"

#include <algorithm>
#include <exception>
#include <string>
#include <utility>
#include <vector>
#include <vmime/vmime.hpp>

#include "base/clock.h"
#include "base/html_sanitizer.h"
#include "base/text.h"
#include "channels/email/mail_date.h"
#include "channels/email/mail_kind.h"
#include "channels/email/mail_text.h"
#include "channels/email/mime_walker.h"

namespace sahayak::channels {
namespace {

using domain::InboundMail;
using domain::MailAddress;

// Forwarded messages inside forwarded messages are summarised this deep, no deeper.
constexpr int kMaxForwardDepth = 3;
// More multipart headers than this and the MIME tree is not handed to vmime, whose parser
// recurses once per nesting level.
constexpr size_t kMaxMultipartHeaders = 250;

std::string WordsToUtf8(const vmime::text& text, std::vector<std::string>* problems) {
  // Adjacent words in one charset are joined first (a character may be split between them).
  std::string joined;
  std::string pending;
  std::string pending_charset;
  auto flush = [&]() {
    if (!pending.empty()) joined += ConvertToUtf8(pending, pending_charset, problems);
    pending.clear();
  };
  for (const auto& word : text.getWordList()) {
    std::string charset = word->getCharset().getName();
    if (EqualsIgnoreCase(charset, "us-ascii")) charset.clear();  // not an encoded word
    if (charset != pending_charset) {
      flush();
      pending_charset = charset;
    }
    pending += word->getBuffer();
  }
  flush();
  return DecodeHeaderText(joined, problems);
}

// At most this many addresses are read from one list (a mail to more is bulk anyway).
constexpr size_t kMaxAddresses = 500;

// `raw_lower` is the header value the mailbox came from, lower-cased: vmime completes an
// address without a domain with the local host name ("Customer" becomes "Customer@host"),
// which the sender never wrote.
void AddMailbox(const vmime::mailbox& mb, const std::string& raw_lower,
                std::vector<MailAddress>* out, std::vector<std::string>* problems) {
  if (out->size() >= kMaxAddresses) return;
  MailAddress a;
  a.name = WordsToUtf8(mb.getName(), problems);
  // The address is put together from its raw parts: emailAddress::toString() re-encodes a
  // non-ASCII part through an ICU converter that libvmime leaks when the bytes are not in
  // the part's charset (found by the fuzzer), and the raw bytes are what the sender wrote.
  const vmime::emailAddress& address = mb.getEmail();
  std::string email = address.getLocalName().getBuffer();
  if (!address.getDomainName().getBuffer().empty()) {
    email += '@';
    email += address.getDomainName().getBuffer();
  }
  email = RepairUtf8(email);
  std::string clean;
  for (char c : email) {
    if (static_cast<unsigned char>(c) > 0x20 && c != '<' && c != '>' && c != 0x7F) clean += c;
  }
  const size_t at = clean.find('@');
  if (at == std::string::npos || at == 0 || at + 1 == clean.size() || clean.size() > 320 ||
      raw_lower.find(AsciiLower(clean.substr(0, at + 1))) == std::string::npos) {
    clean.clear();
  }
  a.email = ToNfc(clean);
  if (a.email.empty() && a.name.empty()) return;
  out->push_back(std::move(a));
}

std::vector<MailAddress> ParseAddresses(const std::string& raw,
                                        std::vector<std::string>* problems) {
  std::vector<MailAddress> out;
  const std::string raw_lower = AsciiLower(raw);
  try {
    vmime::addressList list;
    list.parse(raw);
    for (const auto& address : list.getAddressList()) {
      if (address->isGroup()) {
        auto group = vmime::dynamicCast<const vmime::mailboxGroup>(address);
        if (!group) continue;
        for (const auto& mb : group->getMailboxList()) AddMailbox(*mb, raw_lower, &out, problems);
      } else if (auto mb = vmime::dynamicCast<const vmime::mailbox>(address)) {
        AddMailbox(*mb, raw_lower, &out, problems);
      }
    }
  } catch (const std::exception&) {
    NoteProblem(problems, "unreadable address list");
  }
  return out;
}

// The MIME fields of the header block (Content-*, MIME-Version: vmime needs no others, and
// reads none it might choke on), unfolded and with CRLF line ends, followed by the body as
// sent: the form vmime reads most reliably, and one where both readers agree on where the body
// starts.
std::string NormalizedMime(const std::vector<RawHeader>& headers, std::string_view body) {
  std::string mime;
  mime.reserve(body.size() + 4096);
  for (const RawHeader& h : headers) {
    if (!EqualsIgnoreCase(h.name.substr(0, std::min<size_t>(h.name.size(), 8)), "Content-") &&
        !EqualsIgnoreCase(h.name, "MIME-Version")) {
      continue;
    }
    mime += h.name;
    mime += ": ";
    mime += h.value;
    mime += "\r\n";
  }
  mime += "\r\n";
  // Bare LF line ends become CRLF, so boundaries and QP soft breaks are found whichever the
  // sender used.
  if (body.find("\r\n") == std::string_view::npos && body.find('\n') != std::string_view::npos) {
    for (char c : body) {
      if (c == '\n') mime += '\r';
      mime += c;
    }
  } else {
    mime.append(body);
  }
  return mime;
}

size_t CountMultipartHeaders(std::string_view raw) {
  size_t count = 0;
  for (size_t i = 0; i + 10 <= raw.size(); ++i) {
    if ((raw[i] == 'm' || raw[i] == 'M') && EqualsIgnoreCase(raw.substr(i, 10), "multipart/")) {
      ++count;
    }
  }
  return count;
}

// vmime builds an object for every part before the walk can stop; a body with more boundary
// lines than this is cut at the next one (vmime then reads the last part as unterminated).
constexpr size_t kMaxDelimiterLines = 1000;

std::string_view CapDelimiterLines(std::string_view body, bool* cut) {
  size_t count = 0;
  size_t pos = 0;
  while (true) {
    const size_t p = body.find("\n--", pos);
    if (p == std::string_view::npos) return body;
    if (++count > kMaxDelimiterLines) {
      *cut = true;
      return body.substr(0, p + 1);
    }
    pos = p + 3;
  }
}

Result<InboundMail> ParseMail(std::string_view raw, int depth);

// For a forwarded message: its subject, and "From/Date/Subject + text" for the outer text.
std::string SummarizeForward(std::string_view eml, int depth, std::string* summary) {
  if (depth > kMaxForwardDepth) return "";
  Result<InboundMail> inner = ParseMail(eml, depth);
  if (!inner.ok()) return "";
  std::string s = "---------- Forwarded message ----------\n";
  if (!inner->from.email.empty() || !inner->from.name.empty()) {
    s += "From: " + inner->from.name;
    if (!inner->from.email.empty()) {
      s += inner->from.name.empty() ? inner->from.email : " <" + inner->from.email + ">";
    }
    s += "\n";
  }
  if (inner->date.has_value()) s += "Date: " + FormatRfc3339(*inner->date) + "\n";
  if (!inner->subject.empty()) s += "Subject: " + inner->subject + "\n";
  s += "\n" + inner->text;
  *summary = std::move(s);
  return inner->subject;
}

Result<InboundMail> ParseMail(std::string_view raw, int depth) {
  if (raw.empty()) return InvalidArgument("not an e-mail message: it is empty");
  size_t body_offset = 0;
  bool missing_blank_line = false;
  const std::vector<RawHeader> headers = ScanHeaders(raw, &body_offset, &missing_blank_line);
  if (headers.empty()) {
    return InvalidArgument("not an e-mail message: it does not start with a header line");
  }
  InboundMail mail;
  std::vector<std::string>& problems = mail.problems;
  if (missing_blank_line) NoteProblem(&problems, "no blank line between header and body");
  for (const char* name : {"From", "Subject", "Message-ID", "Date", "Content-Type"}) {
    int seen = 0;
    for (const RawHeader& h : headers) seen += EqualsIgnoreCase(h.name, name) ? 1 : 0;
    if (seen > 1) {
      NoteProblem(&problems, std::string("duplicated ") + name + " header; the first is used");
    }
  }

  if (const std::string* v = FindHeader(headers, "Message-ID")) {
    std::vector<std::string> ids = ParseMessageIds(*v);
    if (!ids.empty()) mail.message_id = ids.front();
  }
  if (const std::string* v = FindHeader(headers, "In-Reply-To")) {
    std::vector<std::string> ids = ParseMessageIds(*v);
    if (!ids.empty()) mail.in_reply_to = ids.front();
  }
  if (const std::string* v = FindHeader(headers, "References")) {
    mail.references = ParseMessageIds(*v);
  }
  if (const std::string* v = FindHeader(headers, "Subject")) {
    mail.subject = DecodeHeaderText(*v, &problems);
  }
  if (const std::string* v = FindHeader(headers, "Date")) {
    mail.date = ParseMailDate(*v);
    if (!mail.date.has_value()) NoteProblem(&problems, "unreadable Date header");
  }
  if (const std::string* v = FindHeader(headers, "From")) {
    std::vector<MailAddress> from = ParseAddresses(*v, &problems);
    if (!from.empty()) mail.from = std::move(from.front());
  }
  if (mail.from.email.empty()) {
    if (const std::string* v = FindHeader(headers, "Sender")) {
      std::vector<MailAddress> sender = ParseAddresses(*v, &problems);
      if (!sender.empty() && !sender.front().email.empty()) mail.from = std::move(sender.front());
    }
  }
  if (mail.from.email.empty()) NoteProblem(&problems, "no usable From address");
  if (const std::string* v = FindHeader(headers, "Reply-To")) {
    std::vector<MailAddress> reply_to = ParseAddresses(*v, &problems);
    if (!reply_to.empty() && !reply_to.front().email.empty()) {
      mail.reply_to = std::move(reply_to.front());
    }
  }
  for (const RawHeader& h : headers) {
    std::vector<MailAddress>* target = nullptr;
    if (EqualsIgnoreCase(h.name, "To")) {
      target = &mail.to;
    } else if (EqualsIgnoreCase(h.name, "Cc")) {
      target = &mail.cc;
    } else if (EqualsIgnoreCase(h.name, "Delivered-To") ||
               EqualsIgnoreCase(h.name, "X-Original-To") ||
               EqualsIgnoreCase(h.name, "Envelope-To")) {
      target = &mail.delivered_to;
    }
    if (target == nullptr) continue;
    for (MailAddress& a : ParseAddresses(h.value, &problems)) {
      if (target->size() >= kMaxAddresses) break;
      bool duplicate = false;
      for (const MailAddress& have : *target) {
        duplicate =
            duplicate || (!a.email.empty() && AsciiLower(have.email) == AsciiLower(a.email));
      }
      if (!duplicate) target->push_back(std::move(a));
    }
  }
  if (const std::string* v = FindHeader(headers, "Authentication-Results")) {
    mail.authentication_results = DecodeHeaderText(*v, &problems);
  }

  const std::string_view body = raw.substr(body_offset);
  WalkResult walk;
  if (CountMultipartHeaders(raw) > kMaxMultipartHeaders) {
    NoteProblem(&problems, "too many nested multiparts; body read as text");
    walk.plain = CleanBodyText(RepairUtf8(body.substr(0, VmimeMailParser::kMaxPartBytes)));
  } else {
    WalkLimits limits;
    limits.max_parts = VmimeMailParser::kMaxParts;
    limits.max_part_bytes = VmimeMailParser::kMaxPartBytes;
    bool cut = false;
    const std::string_view capped = CapDelimiterLines(body, &cut);
    if (cut) NoteProblem(&problems, "too many MIME boundary lines; the rest was dropped");
    walk = WalkMime(NormalizedMime(headers, capped), limits, depth, SummarizeForward, &problems);
  }
  mail.html = std::move(walk.html);
  mail.text = std::move(walk.plain);
  if (mail.text.find_first_not_of(" \t\n") == std::string::npos) {
    mail.text = mail.html.empty() ? "" : CleanBodyText(HtmlToPlainText(mail.html));
  }
  // Blank lines at either end are transport, not text.
  mail.text.erase(mail.text.find_last_not_of(" \t\n") + 1);
  mail.text.erase(0, mail.text.find_first_not_of("\n"));
  mail.parts = std::move(walk.parts);

  KindSignals signals;
  signals.is_delivery_report = walk.is_delivery_report;
  signals.has_dsn_part = walk.has_dsn_part;
  signals.from_email = mail.from.email;
  signals.subject = mail.subject;
  mail.kind = ClassifyMail(headers, signals);
  if (mail.kind == domain::MailKind::kBounce) {
    domain::DeliveryStatus status = ParseDeliveryStatus(walk.dsn);
    if (status.original_recipient.empty()) {
      if (const std::string* v = FindHeader(headers, "X-Failed-Recipients")) {
        status.original_recipient = RepairUtf8(Trim(v->substr(0, v->find(','))));
      }
    }
    if (!walk.returned_headers.empty()) {
      size_t offset = 0;
      bool missing = false;
      const std::vector<RawHeader> returned = ScanHeaders(walk.returned_headers, &offset, &missing);
      if (const std::string* v = FindHeader(returned, "Message-ID")) {
        std::vector<std::string> ids = ParseMessageIds(*v);
        if (!ids.empty()) status.original_message_id = ids.front();
      }
    }
    mail.delivery_status = std::move(status);
  }
  return mail;
}

}  // namespace

VmimeMailParser::VmimeMailParser() {
  // vmime completes addresses with the host name through its platform handler, which it
  // creates on first use without a lock; create it here, once, under C++'s static-init lock.
  static const bool kHandlerReady = [] {
    try {
      return vmime::platform::getHandler() != nullptr;
    } catch (const std::exception&) {
      return false;
    }
  }();
  (void)kHandlerReady;
}

Result<InboundMail> VmimeMailParser::Parse(std::string_view raw) const {
  try {
    return ParseMail(raw, 0);
  } catch (const std::exception& e) {
    // Nothing above should throw; if vmime does where it was not expected, the message is
    // still not lost: the caller keeps the raw bytes.
    return Internal(std::string("mail parser failed: ") + RepairUtf8(e.what()));
  }
}

}  // namespace sahayak::channels
