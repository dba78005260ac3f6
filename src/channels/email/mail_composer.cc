#include "channels/email/mail_composer.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <exception>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>
#include <vmime/contentDispositionField.hpp>
#include <vmime/contentTypeField.hpp>
#include <vmime/vmime.hpp>

#include "base/crypto.h"
#include "base/text.h"

namespace sahayak::channels {
namespace {

using domain::MailAddress;
using domain::OutboundMail;
using domain::OutboundPart;

// Folding aims at 78 columns (RFC 5322 "SHOULD"); no unbreakable piece is longer than
// kMaxPlainRun + the field name, so the 998-octet "MUST" always holds.
constexpr size_t kFoldAt = 78;
constexpr size_t kMaxPlainRun = 70;
// 45 bytes of UTF-8 → 60 base64 characters → 72-character encoded words.
constexpr size_t kEncodedWordBytes = 45;
constexpr size_t kMaxLineOctets = 998;
constexpr size_t kMaxIdLength = 250;
constexpr size_t kMaxFieldNameLength = 76;

// --- validation ------------------------------------------------------------------------------

class Errors {
 public:
  void Add(std::string field, std::string message) {
    list_.push_back({std::move(field), std::move(message)});
  }
  bool empty() const { return list_.empty(); }
  Status ToStatus() const {
    std::string message = "invalid outbound mail: ";
    for (size_t i = 0; i < list_.size(); ++i) {
      if (i > 0) message += "; ";
      message += list_[i].field + ": " + list_[i].message;
    }
    Status st = InvalidArgument(message);
    for (const FieldError& e : list_) st.WithField(e.field, e.message);
    return st;
  }

 private:
  std::vector<FieldError> list_;
};

bool HasCrOrLf(std::string_view s) {
  return s.find_first_of("\r\n") != std::string_view::npos;
}

// Header text: valid UTF-8, no CR/LF (injection), no other control characters.
bool CheckHeaderText(std::string_view value, const std::string& field, Errors* errors) {
  if (HasCrOrLf(value)) {
    errors->Add(field, "contains a line break (CR or LF), which would start a new header field");
    return false;
  }
  if (!IsValidUtf8(value)) {
    errors->Add(field, "is not valid UTF-8");
    return false;
  }
  for (unsigned char c : value) {
    if ((c < 0x20 && c != '\t') || c == 0x7F) {
      errors->Add(field, "contains a control character");
      return false;
    }
  }
  if (HasControlChars(value)) {
    errors->Add(field, "contains a control character");
    return false;
  }
  return true;
}

bool IsAtext(unsigned char c) {
  if (c >= 'a' && c <= 'z') return true;
  if (c >= 'A' && c <= 'Z') return true;
  if (c >= '0' && c <= '9') return true;
  return std::string_view("!#$%&'*+-/=?^_`{|}~").find(static_cast<char>(c)) !=
         std::string_view::npos;
}

bool IsDotAtom(std::string_view s) {
  if (s.empty() || s.front() == '.' || s.back() == '.') return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '.') {
      if (s[i + 1] == '.') return false;
    } else if (!IsAtext(c)) {
      return false;
    }
  }
  return true;
}

bool IsDomain(std::string_view d) {
  if (d.empty() || d.size() > 253 || d.find('.') == std::string_view::npos) return false;
  size_t start = 0;
  while (start <= d.size()) {
    size_t end = d.find('.', start);
    if (end == std::string_view::npos) end = d.size();
    const std::string_view label = d.substr(start, end - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
      return false;
    }
    for (char c : label) {
      const bool ok =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
      if (!ok) return false;
    }
    start = end + 1;
  }
  return true;
}

// A plain ASCII addr-spec: dot-atom "@" host name. Quoted local parts, address literals and
// internationalised addresses (SMTPUTF8) are not sent.
bool IsSendableAddress(std::string_view a) {
  const size_t at = a.rfind('@');
  if (at == std::string_view::npos || a.size() > 254) return false;
  const std::string_view local = a.substr(0, at);
  return local.size() <= 64 && IsDotAtom(local) && IsDomain(a.substr(at + 1));
}

void CheckAddress(const MailAddress& a, const std::string& field, Errors* errors) {
  CheckHeaderText(a.name, field + ".name", errors);
  if (HasCrOrLf(a.email)) {
    errors->Add(field + ".email",
                "contains a line break (CR or LF), which would start a new header field");
  } else if (!IsSendableAddress(a.email)) {
    errors->Add(field + ".email", "\"" + RepairUtf8(a.email) +
                                      "\" is not a valid address (expected local@domain.tld "
                                      "in ASCII)");
  }
}

// The inside of a msg-id as Sahayak writes and keeps them (without <>): printable ASCII,
// no white space, quotes, angle brackets or backslashes. `need_at` for our own Message-ID.
bool IsIdText(std::string_view id, bool need_at) {
  if (id.empty() || id.size() > kMaxIdLength) return false;
  for (unsigned char c : id) {
    if (c <= 0x20 || c >= 0x7F || c == '<' || c == '>' || c == '"' || c == '\\') return false;
  }
  if (!need_at) return true;
  const size_t at = id.rfind('@');
  return at != std::string_view::npos && at > 0 && at + 1 < id.size();
}

void CheckId(std::string_view id, const std::string& field, bool need_at, Errors* errors) {
  if (HasCrOrLf(id)) {
    errors->Add(field, "contains a line break (CR or LF), which would start a new header field");
  } else if (!IsIdText(id, need_at)) {
    errors->Add(field, std::string("\"") + RepairUtf8(id) + "\" is not a message id (" +
                           (need_at ? "left@right, " : "") +
                           "printable ASCII without <>, quotes or spaces, at most 250 characters)");
  }
}

bool IsToken(std::string_view s) {  // RFC 2045 token
  if (s.empty()) return false;
  for (unsigned char c : s) {
    if (c <= 0x20 || c >= 0x7F ||
        std::string_view("()<>@,;:\\\"/[]?=").find(static_cast<char>(c)) !=
            std::string_view::npos) {
      return false;
    }
  }
  return true;
}

bool IsMediaType(std::string_view s) {
  const size_t slash = s.find('/');
  return slash != std::string_view::npos && IsToken(s.substr(0, slash)) &&
         IsToken(s.substr(slash + 1));
}

bool EqualsNoCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && AsciiLower(a) == AsciiLower(b);
}

bool IsReservedField(std::string_view name) {
  static constexpr std::string_view kReserved[] = {"From",
                                                   "Sender",
                                                   "Reply-To",
                                                   "To",
                                                   "Cc",
                                                   "Bcc",
                                                   "Subject",
                                                   "Date",
                                                   "Message-ID",
                                                   "In-Reply-To",
                                                   "References",
                                                   "MIME-Version",
                                                   "Auto-Submitted",
                                                   "Return-Path",
                                                   "Received",
                                                   "Content-Type",
                                                   "Content-Transfer-Encoding",
                                                   "Content-Disposition",
                                                   "Content-ID"};
  for (std::string_view r : kReserved) {
    if (EqualsNoCase(name, r)) return true;
  }
  return name.size() >= 8 && EqualsNoCase(name.substr(0, 8), "Content-");
}

bool IsFieldName(std::string_view name) {
  if (name.empty() || name.size() > kMaxFieldNameLength) return false;
  for (unsigned char c : name) {
    if (c <= 0x20 || c >= 0x7F || c == ':') return false;
  }
  return true;
}

Status Validate(const OutboundMail& m) {
  Errors errors;
  CheckAddress(m.from, "from", &errors);
  if (m.reply_to) CheckAddress(*m.reply_to, "reply_to", &errors);
  for (size_t i = 0; i < m.to.size(); ++i) {
    CheckAddress(m.to[i], "to[" + std::to_string(i) + "]", &errors);
  }
  for (size_t i = 0; i < m.cc.size(); ++i) {
    CheckAddress(m.cc[i], "cc[" + std::to_string(i) + "]", &errors);
  }
  if (m.to.empty() && m.cc.empty()) errors.Add("to", "at least one recipient (to or cc) is needed");
  CheckHeaderText(m.subject, "subject", &errors);
  CheckId(m.message_id, "message_id", /*need_at=*/true, &errors);
  if (!m.in_reply_to.empty()) CheckId(m.in_reply_to, "in_reply_to", false, &errors);
  for (size_t i = 0; i < m.references.size(); ++i) {
    CheckId(m.references[i], "references[" + std::to_string(i) + "]", false, &errors);
  }
  if (m.date < 0) errors.Add("date", "must not be before 1970");
  if (!IsValidUtf8(m.text)) errors.Add("text", "is not valid UTF-8");
  if (!IsValidUtf8(m.html)) errors.Add("html", "is not valid UTF-8");
  if (!m.auto_submitted.empty()) {
    if (HasCrOrLf(m.auto_submitted)) {
      errors.Add("auto_submitted", "contains a line break (CR or LF)");
    } else if (!IsToken(m.auto_submitted)) {
      errors.Add("auto_submitted", "must be a token such as \"auto-replied\"");
    }
  }
  for (size_t i = 0; i < m.extra_headers.size(); ++i) {
    const std::string field = "extra_headers[" + std::to_string(i) + "]";
    const auto& [name, value] = m.extra_headers[i];
    if (HasCrOrLf(name) || !IsFieldName(name)) {
      errors.Add(field + ".name", "\"" + RepairUtf8(name) + "\" is not a header field name");
    } else if (IsReservedField(name)) {
      errors.Add(field + ".name", name + " is written by the composer and cannot be given");
    }
    CheckHeaderText(value, field + ".value", &errors);
  }
  for (size_t i = 0; i < m.parts.size(); ++i) {
    const std::string field = "parts[" + std::to_string(i) + "]";
    const OutboundPart& p = m.parts[i];
    CheckHeaderText(p.filename, field + ".filename", &errors);
    if (!p.mime_type.empty() && (HasCrOrLf(p.mime_type) || !IsMediaType(p.mime_type))) {
      errors.Add(field + ".mime_type", "\"" + RepairUtf8(p.mime_type) + "\" is not type/subtype");
    }
    if (!p.content_id.empty()) CheckId(p.content_id, field + ".content_id", false, &errors);
  }
  return errors.empty() ? Status::Ok() : errors.ToStatus();
}

// --- header fields -----------------------------------------------------------------------------

// RFC 2047 B words of whole UTF-8 characters, each at most 72 characters long.
std::vector<std::string> EncodedWords(std::string_view utf8) {
  std::vector<std::string> words;
  size_t start = 0;
  while (start < utf8.size()) {
    size_t end = start;
    while (end < utf8.size()) {
      size_t bad = 0;
      size_t len = Utf8SequenceLength(utf8.substr(end), &bad);
      if (len == 0) len = bad > 0 ? bad : 1;
      if (end + len - start > kEncodedWordBytes && end > start) break;
      end += len;
    }
    words.push_back("=?UTF-8?B?" + Base64Encode(utf8.substr(start, end - start)) + "?=");
    start = end;
  }
  return words;
}

// One header field, folded at white space before kFoldAt columns where it can be.
class FieldWriter {
 public:
  explicit FieldWriter(std::string_view name) : out_(name), column_(name.size() + 1) {
    out_ += ':';
  }
  // Appends an unbreakable piece, preceded by one space, or by a fold when the line is full.
  void Add(std::string_view piece) {
    if (column_ + 1 + piece.size() > kFoldAt && !first_) {
      out_ += "\r\n ";
      column_ = 1;
    } else {
      out_ += ' ';
      ++column_;
    }
    out_ += piece;
    column_ += piece.size();
    first_ = false;
  }
  std::string Finish() && { return std::move(out_) + "\r\n"; }

 private:
  std::string out_;
  size_t column_;
  bool first_ = true;
};

std::vector<std::string_view> SplitOnSpace(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '\t') ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

bool IsPlainWord(std::string_view w) {
  if (w.size() > kMaxPlainRun || w.find("=?") != std::string_view::npos) return false;
  for (unsigned char c : w) {
    if (c < 0x21 || c > 0x7E) return false;
  }
  return true;
}

// Unstructured text (Subject, extra headers): ASCII words as they are, runs of other words
// as encoded words (the spaces inside a run are encoded too: decoders drop white space
// between adjacent encoded words).
// Printable ASCII words separated by spaces, none longer than `max_word`.
bool IsAsciiFieldValue(std::string_view v, size_t max_word) {
  if (v.empty()) return false;
  size_t run = 0;
  for (char c : v) {
    if (c == ' ') {
      run = 0;
      continue;
    }
    if (c < 0x21 || c > 0x7e || ++run > max_word) return false;
  }
  return true;
}

void AddUnstructured(FieldWriter* w, std::string_view text) {
  const std::vector<std::string_view> words = SplitOnSpace(text);
  size_t i = 0;
  while (i < words.size()) {
    if (IsPlainWord(words[i])) {
      w->Add(words[i]);
      ++i;
      continue;
    }
    std::string run(words[i]);
    size_t j = i + 1;
    while (j < words.size() && !IsPlainWord(words[j])) {
      run += ' ';
      run += words[j];
      ++j;
    }
    for (const std::string& ew : EncodedWords(run)) w->Add(ew);
    i = j;
  }
}

// A display name: atoms as they are, ASCII with specials as one quoted string, anything
// else as encoded words (allowed in a phrase, RFC 2047 section 5).
void AddPhrase(FieldWriter* w, std::string_view name) {
  const std::string trimmed = Trim(name);
  if (trimmed.empty()) return;
  bool ascii = true;
  bool atoms = true;
  for (unsigned char c : trimmed) {
    if (c >= 0x80 || c < 0x20) ascii = false;
    if (!(IsAtext(c) || c == ' ')) atoms = false;
  }
  const std::vector<std::string_view> words = SplitOnSpace(trimmed);
  bool short_words = true;
  for (std::string_view word : words) short_words = short_words && IsPlainWord(word);
  if (ascii && atoms && short_words) {
    for (std::string_view word : words) w->Add(word);
  } else if (ascii && trimmed.size() <= kMaxPlainRun) {
    std::string quoted = "\"";
    for (char c : trimmed) {
      if (c == '"' || c == '\\') quoted += '\\';
      quoted += c;
    }
    w->Add(quoted + "\"");
  } else {
    for (const std::string& ew : EncodedWords(trimmed)) w->Add(ew);
  }
}

std::string AddressField(std::string_view name, const std::vector<MailAddress>& list) {
  FieldWriter w(name);
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string addr = "<" + list[i].email + ">" + (i + 1 < list.size() ? "," : "");
    if (Trim(list[i].name).empty()) {
      w.Add(i + 1 < list.size() ? list[i].email + "," : list[i].email);
    } else {
      AddPhrase(&w, ToNfc(list[i].name));
      w.Add(addr);
    }
  }
  return std::move(w).Finish();
}

std::string FormatDate(Millis ms) {
  const std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%s, %d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday],
                tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buf;
}

std::string Headers(const OutboundMail& m) {
  std::string out;
  out += AddressField("From", {m.from});
  if (m.reply_to) out += AddressField("Reply-To", {*m.reply_to});
  if (!m.to.empty()) out += AddressField("To", m.to);
  if (!m.cc.empty()) out += AddressField("Cc", m.cc);
  {
    FieldWriter w("Subject");
    AddUnstructured(&w, ToNfc(m.subject));
    out += std::move(w).Finish();
  }
  out += "Date: " + FormatDate(m.date) + "\r\n";
  out += "Message-ID: <" + m.message_id + ">\r\n";
  if (!m.in_reply_to.empty()) out += "In-Reply-To: <" + m.in_reply_to + ">\r\n";
  if (!m.references.empty()) {
    FieldWriter w("References");
    for (const std::string& id : m.references) w.Add("<" + id + ">");
    out += std::move(w).Finish();
  }
  out += "MIME-Version: 1.0\r\n";
  if (!m.auto_submitted.empty()) out += "Auto-Submitted: " + m.auto_submitted + "\r\n";
  for (const auto& [name, value] : m.extra_headers) {
    FieldWriter w(name);
    if (IsAsciiFieldValue(value, kMaxLineOctets - name.size() - 3)) {
      // Printable ASCII stays as written, folded at spaces: a List-Unsubscribe URL must reach
      // the mail client as a URL, not as an encoded word, however long it is.
      for (std::string_view word : SplitOnSpace(value)) w.Add(word);
    } else {
      AddUnstructured(&w, ToNfc(value));
    }
    out += std::move(w).Finish();
  }
  return out;
}

// --- body --------------------------------------------------------------------------------------

std::string ToCrlf(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 32 + 2);
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      out += "\r\n";
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else if (s[i] == '\n') {
      out += "\r\n";
    } else {
      out += s[i];
    }
  }
  return out;
}

// 7bit when the text is ASCII without control characters and its lines fit; otherwise the
// shorter of quoted-printable and base64. "=_" rules out 7bit because boundaries start with
// it: QP and base64 output never contain it, so no body line can look like a boundary.
std::string TextEncoding(const std::string& crlf) {
  size_t escaped = 0;
  size_t line = 0;
  size_t longest = 0;
  for (size_t i = 0; i < crlf.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(crlf[i]);
    if (c == '\r' && i + 1 < crlf.size() && crlf[i + 1] == '\n') {
      longest = std::max(longest, line);
      line = 0;
      ++i;
      continue;
    }
    ++line;
    if (c >= 0x80 || (c < 0x20 && c != '\t') || c == 0x7F || c == '=') ++escaped;
  }
  longest = std::max(longest, line);
  if (escaped == 0 && longest <= 76 && crlf.find("=_") == std::string::npos) return "7bit";
  const size_t qp = crlf.size() + 2 * escaped;
  const size_t b64 = crlf.size() / 3 * 4 + 4;
  return qp <= b64 ? "quoted-printable" : "base64";
}

uint64_t Fnv1a(std::string_view s) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

class BodyBuilder {
 public:
  explicit BodyBuilder(const std::string& message_id) {
    char hex[17];
    std::snprintf(hex, sizeof(hex), "%016llx", static_cast<unsigned long long>(Fnv1a(message_id)));
    boundary_base_ = std::string("=_sahayak_") + hex + "_";
  }

  std::shared_ptr<vmime::bodyPart> Text(const std::string& subtype, const std::string& utf8) {
    auto part = std::make_shared<vmime::bodyPart>();
    const std::string crlf = ToCrlf(utf8);
    const vmime::encoding enc(TextEncoding(crlf), vmime::encoding::USAGE_TEXT);
    part->getBody()->setContents(std::make_shared<vmime::stringContentHandler>(crlf),
                                 vmime::mediaType("text", subtype), vmime::charset("utf-8"), enc);
    return part;
  }

  std::shared_ptr<vmime::bodyPart> File(const OutboundPart& p, bool inline_image) {
    auto part = std::make_shared<vmime::bodyPart>();
    auto header = part->getHeader();
    const vmime::mediaType type(p.mime_type.empty() ? "application/octet-stream"
                                                    : AsciiLower(p.mime_type));
    auto ctf = vmime::dynamicCast<vmime::contentTypeField>(header->ContentType());
    ctf->setValue(type);
    const std::string filename = ToNfc(p.filename);
    if (!filename.empty()) {
      ctf->appendParameter(std::make_shared<vmime::parameter>(
          "name", vmime::word(filename, vmime::charset("utf-8"))));
    }
    auto cdf = vmime::dynamicCast<vmime::contentDispositionField>(header->ContentDisposition());
    cdf->setValue(vmime::contentDisposition(inline_image || p.is_inline ? "inline" : "attachment"));
    if (!filename.empty()) cdf->setFilename(vmime::word(filename, vmime::charset("utf-8")));
    if (!p.content_id.empty()) {
      header->ContentId()->setValue(vmime::messageId("<" + p.content_id + ">"));
    }
    header->ContentTransferEncoding()->setValue(
        vmime::encoding("base64", vmime::encoding::USAGE_BINARY_DATA));
    part->getBody()->setContents(std::make_shared<vmime::stringContentHandler>(p.content));
    return part;
  }

  std::shared_ptr<vmime::bodyPart> Multipart(
      const std::string& subtype, const std::vector<std::shared_ptr<vmime::bodyPart>>& children) {
    auto part = std::make_shared<vmime::bodyPart>();
    auto ctf = vmime::dynamicCast<vmime::contentTypeField>(part->getHeader()->ContentType());
    ctf->setValue(vmime::mediaType("multipart", subtype));
    ctf->setBoundary(boundary_base_ + subtype);
    for (const auto& child : children) part->getBody()->appendPart(child);
    return part;
  }

 private:
  std::string boundary_base_;
};

std::shared_ptr<vmime::bodyPart> BuildBody(const OutboundMail& m) {
  BodyBuilder b(m.message_id);
  std::vector<std::shared_ptr<vmime::bodyPart>> inline_images;
  std::vector<std::shared_ptr<vmime::bodyPart>> attachments;
  for (const OutboundPart& p : m.parts) {
    if (p.is_inline && !p.content_id.empty() && !m.html.empty()) {
      inline_images.push_back(b.File(p, /*inline_image=*/true));
    } else {
      attachments.push_back(b.File(p, false));
    }
  }
  std::shared_ptr<vmime::bodyPart> body = b.Text("plain", m.text);
  if (!m.html.empty()) {
    std::shared_ptr<vmime::bodyPart> html = b.Text("html", m.html);
    if (!inline_images.empty()) {
      inline_images.insert(inline_images.begin(), html);
      html = b.Multipart("related", inline_images);
    }
    body = b.Multipart("alternative", {body, html});
  }
  if (!attachments.empty()) {
    attachments.insert(attachments.begin(), body);
    body = b.Multipart("mixed", attachments);
  }
  return body;
}

bool LinesFit(std::string_view raw) {
  size_t start = 0;
  while (start < raw.size()) {
    const size_t end = raw.find("\r\n", start);
    const size_t stop = end == std::string_view::npos ? raw.size() : end;
    if (stop - start > kMaxLineOctets) return false;
    const std::string_view line = raw.substr(start, stop - start);
    if (line.find_first_of("\r\n") != std::string_view::npos) return false;
    start = stop + 2;
  }
  return true;
}

}  // namespace

Result<std::string> ComposeMail(const OutboundMail& mail) {
  RETURN_IF_ERROR(Validate(mail));
  try {
    static const bool kHandlerReady = [] { return vmime::platform::getHandler() != nullptr; }();
    (void)kHandlerReady;
    std::string raw = Headers(mail);
    std::shared_ptr<vmime::bodyPart> body = BuildBody(mail);
    vmime::generationContext ctx;
    ctx.setMaxLineLength(76);
    ctx.setPrologText("This is a multi-part message in MIME format.");
    ctx.setEpilogText("");
    ctx.setEncodedParameterValueMode(vmime::generationContext::PARAMETER_VALUE_RFC2231_AND_RFC2047);
    std::ostringstream os;
    vmime::utility::outputStreamAdapter adapter(os);
    body->generate(ctx, adapter);
    raw += os.str();
    if (raw.size() < 2 || raw.compare(raw.size() - 2, 2, "\r\n") != 0) raw += "\r\n";
    if (!LinesFit(raw)) {
      // A guard on the rules above, not an input error: every piece is folded or encoded.
      return Internal("composed mail has a line over 998 octets or a bare line break");
    }
    return raw;
  } catch (const std::exception& e) {
    return Internal(std::string("cannot compose mail: ") + RepairUtf8(e.what()));
  }
}

}  // namespace sahayak::channels
