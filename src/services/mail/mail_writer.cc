#include "services/mail/mail_writer.h"

#include <algorithm>
#include <map>
#include <set>

#include "base/html_sanitizer.h"
#include "base/text.h"
#include "services/audit.h"
#include "services/mail/auth_results.h"
#include "services/mail/threading.h"
#include "services/shipments/shipment_service.h"
#include "services/tickets/mentions.h"

namespace sahayak::services {

using domain::InboundMail;
using nlohmann::json;

namespace {

// HTML past this is not sanitised (the sanitiser's cost grows with it); the text part shows.
constexpr size_t kMaxHtmlInput = 4u << 20;
constexpr size_t kMaxNameChars = 200;
constexpr const char* kTooLongNotice =
    "\n\n[…] This mail is longer than a message can show; the whole mail is attached as "
    "original.eml.";

// The first `max_bytes` of valid UTF-8 `s`, cut at a character boundary.
std::string CutUtf8(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return std::string(s);
  size_t n = max_bytes;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return std::string(s.substr(0, n));
}

// The first `max_chars` code points of valid UTF-8 `s`.
std::string CutChars(std::string_view s, size_t max_chars) {
  size_t chars = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && chars++ == max_chars) {
      return std::string(s.substr(0, i));
    }
  }
  return std::string(s);
}

json AddressList(const std::vector<domain::MailAddress>& list) {
  json out = json::array();
  for (const auto& a : list) {
    out.push_back({{"name", ValidText(a.name)}, {"email", ValidText(a.email)}});
  }
  return out;
}

// Body and HTML of a message cut to the message size limit, as plain text with a notice.
void FitBody(std::string* body, std::string* html) {
  if (body->size() + html->size() <= domain::kMaxMessageBytes) return;
  // Plain text shown as HTML at most quadruples (every character escaped); keep well under.
  size_t keep = domain::kMaxMessageBytes / 3;
  while (true) {
    *body = CutUtf8(*body, keep) + kTooLongNotice;
    *html = PlainTextToHtml(*body);
    if (body->size() + html->size() <= domain::kMaxMessageBytes || keep < 1024) return;
    keep /= 2;
  }
}

}  // namespace

std::string ValidText(std::string_view s) {
  return IsValidUtf8(s) ? std::string(s) : RepairUtf8(s);
}

std::string OneLine(std::string_view s, size_t max_chars) {
  std::string v = ValidText(s), out;
  for (char ch : v) {
    const unsigned char c = static_cast<unsigned char>(ch);
    out.push_back(c < 0x20 || c == 0x7F ? ' ' : ch);
  }
  // C1 controls (U+0080-U+009F) are two bytes, C2 80-9F.
  for (size_t i = 0; i + 1 < out.size(); ++i) {
    if (static_cast<unsigned char>(out[i]) == 0xC2 &&
        static_cast<unsigned char>(out[i + 1]) < 0xA0) {
      out.replace(i, 2, " ");
    }
  }
  return CutChars(Trim(ToNfc(out)), max_chars);
}

std::string SafeFilename(std::string_view raw, const std::string& fallback) {
  std::string name = OneLine(raw, 255);
  std::replace(name.begin(), name.end(), '/', '_');
  std::replace(name.begin(), name.end(), '\\', '_');
  // Bidirectional overrides make "invoice\u202Efdp.exe" read as "invoiceexe.pdf".
  for (std::string_view bad : {"\xE2\x80\xAE", "\xE2\x80\xAD", "\xE2\x81\xA6", "\xE2\x81\xA7",
                               "\xE2\x81\xA8", "\xE2\x81\xA9"}) {
    for (size_t at; (at = name.find(bad)) != std::string::npos;) name.erase(at, bad.size());
  }
  if (name.empty() || name == "." || name == "..") return fallback;
  return name;
}

std::string FoldedAddress(const domain::MailAddress& a) {
  std::string e = FoldCase(Trim(ValidText(a.email)));
  return LooksLikeEmail(e) ? e : "";
}

const char* MailKindName(domain::MailKind k) {
  switch (k) {
    case domain::MailKind::kNormal:
      return "normal";
    case domain::MailKind::kAutoReply:
      return "auto-reply";
    case domain::MailKind::kBulk:
      return "bulk";
    case domain::MailKind::kBounce:
      return "bounce";
  }
  return "normal";
}

MailWriter::MailWriter(WriteTx& tx, TicketService& tickets, Id ws, const InboundMailbox& box,
                       const InboundMail& mail, const StoredMail& files, Millis now)
    : tx_(tx), tickets_(tickets), ws_(ws), box_(box), mail_(mail), files_(files), now_(now) {
  system_.workspace_id = ws;
  system_.via = Principal::Via::kCli;
  system_.name = box.name.empty() ? "e-mail" : "e-mail (" + box.name + ")";
  sender_ = FoldedAddress(mail.from);
  if (sender_.empty() && mail.reply_to) sender_ = FoldedAddress(*mail.reply_to);
}

json MailWriter::Meta(const std::string& threaded_by, const std::string& reason) const {
  json email = {
      {"message_id", files_.message_id},
      {"from", {{"name", ValidText(mail_.from.name)}, {"email", ValidText(mail_.from.email)}}},
      {"to", AddressList(mail_.to)},
      {"cc", AddressList(mail_.cc)},
      {"subject", ValidText(mail_.subject)},
      {"threaded_by", threaded_by},
      {"thread_reason", reason},
      {"kind", MailKindName(mail_.kind)},
      {"authentication_results", ValidText(mail_.authentication_results)}};
  if (!box_.name.empty()) email["mailbox"] = box_.name;
  if (box_.mailbox_id) email["mailbox_id"] = *box_.mailbox_id;
  if (mail_.reply_to) {
    email["reply_to"] = {{"name", ValidText(mail_.reply_to->name)},
                         {"email", ValidText(mail_.reply_to->email)}};
  }
  // Only the topmost Authentication-Results header reaches here (InboundMail keeps one): the
  // one our receiving server wrote; auth_results.h says why the others are not trusted.
  const AuthResults auth = ParseAuthenticationResults(mail_.authentication_results);
  if (auth.any()) {
    json verdicts = json::object();
    for (const auto& [method, v] : {std::pair<const char*, const AuthVerdict*>{"spf", &auth.spf},
                                    {"dkim", &auth.dkim},
                                    {"dmarc", &auth.dmarc}}) {
      if (v->result.empty()) continue;
      verdicts[method] = v->result;
      if (!v->domain.empty()) verdicts[std::string(method) + "_domain"] = ValidText(v->domain);
    }
    if (!auth.authserv_id.empty()) verdicts["authserv_id"] = ValidText(auth.authserv_id);
    email["auth"] = verdicts;
  }
  std::vector<std::string> own_domains;
  if (std::string d = AddressDomain(box_.address); !d.empty()) own_domains.push_back(d);
  for (const auto& a : mail_.delivered_to) {
    const std::string d = AddressDomain(a.email);
    if (!d.empty() && std::find(own_domains.begin(), own_domains.end(), d) == own_domains.end()) {
      own_domains.push_back(d);
    }
  }
  const std::vector<std::string> warnings = MailWarnings(mail_, auth, own_domains);
  if (!warnings.empty()) email["warnings"] = warnings;
  if (!files_.skipped.empty()) email["skipped_attachments"] = files_.skipped;
  if (!mail_.problems.empty()) {
    json problems = json::array();
    for (const auto& p : mail_.problems) problems.push_back(ValidText(p));
    email["problems"] = problems;
  }
  return {{"email", email}};
}

Result<domain::Contact> MailWriter::Sender() {
  std::string name = OneLine(mail_.from.name, kMaxNameChars);
  if (!sender_.empty()) {
    RequesterInput in;
    in.email = sender_;
    in.name = name;
    return tickets_.ResolveRequester(tx_, system_, in);
  }
  domain::Contact c;
  c.workspace_id = ws_;
  c.name = name.empty() ? "Unknown sender" : name;
  c.created_at = c.updated_at = now_;
  RETURN_IF_ERROR(tx_.InsertContact(&c));
  RETURN_IF_ERROR(RecordChange(tx_, ws_, system_.actor(), "contact.created", "contact", c.id,
                               {{"name", {nullptr, c.name}}}, now_, "contact.created",
                               {{"contact_id", c.id}}));
  return c;
}

Result<domain::Message> MailWriter::WriteMessage(Id ticket_id, bool is_public,
                                                 domain::Actor::Kind author_kind, Id author_id,
                                                 std::string body, std::string html, json meta) {
  // Attachment rows first, so the HTML can point its cid: images at them.
  std::vector<domain::Attachment> atts;
  std::map<std::string, std::string> cid_urls;
  for (const auto& p : files_.parts) {
    domain::Attachment a;
    a.workspace_id = ws_;
    a.filename = p.filename;
    a.mime_type = p.mime_type;
    a.size = p.size;
    a.sha256 = p.sha256;
    a.created_at = now_;
    RETURN_IF_ERROR(tx_.InsertAttachment(&a));
    if (!p.content_id.empty()) {
      cid_urls.emplace(p.content_id, "/api/v1/attachments/" + std::to_string(a.id) + "/content");
    }
    atts.push_back(std::move(a));
  }
  domain::Message m;
  m.workspace_id = ws_;
  m.ticket_id = ticket_id;
  m.is_public = is_public;
  m.author_kind = author_kind;
  m.author_id = author_id;
  body = ValidText(body);
  if (!html.empty() && html.size() <= kMaxHtmlInput) {
    m.html = RewriteCidImages(SanitizeHtml(html), cid_urls);
    m.body = Trim(body).empty() ? HtmlToPlainText(m.html) : body;
  } else {
    m.body = body;
    m.html = PlainTextToHtml(body);
  }
  FitBody(&m.body, &m.html);
  m.channel = domain::Channel::kEmail;
  m.channel_meta = std::move(meta);
  m.created_at = now_;
  RETURN_IF_ERROR(tx_.InsertMessage(&m));
  RETURN_IF_ERROR(LinkMentionsInText(tx_, ws_, ticket_id, m.body, now_));
  for (auto& a : atts) {
    RETURN_IF_ERROR(tx_.LinkAttachment(ws_, a.id, m.id));
    a.message_id = m.id;
  }
  m.attachments = std::move(atts);
  return m;
}

Status MailWriter::RecordParticipants(Id ticket_id) {
  std::set<std::string> own;
  if (!box_.address.empty()) own.insert(FoldCase(Trim(box_.address)));
  for (const auto& a : mail_.delivered_to) own.insert(FoldedAddress(a));
  std::set<std::string> seen;
  if (!sender_.empty()) seen.insert(sender_);
  for (const auto* list : {&mail_.to, &mail_.cc}) {
    for (const auto& a : *list) {
      std::string e = FoldedAddress(a);
      if (e.empty() || own.count(e) || PlusAddressTicketNumber(e, box_.address)) continue;
      seen.insert(e);
    }
  }
  for (const auto& e : seen) RETURN_IF_ERROR(tx_.AddMailParticipant(ws_, ticket_id, e));
  return Status::Ok();
}

Status MailWriter::RecordMessageId(Id ticket_id, Id message_row_id, const std::string& threaded_by,
                                   bool participants) {
  MailMessageRecord r;
  r.workspace_id = ws_;
  r.message_id = files_.message_id;
  r.ticket_id = ticket_id;
  r.message_row_id = message_row_id;
  r.direction = "in";
  r.threaded_by = threaded_by;
  r.created_at = now_;
  RETURN_IF_ERROR(tx_.InsertMailMessage(&r));
  return participants ? RecordParticipants(ticket_id) : Status::Ok();
}

Result<std::optional<Id>> MailWriter::Group() {
  if (box_.group_id && tx_.GetGroup(ws_, *box_.group_id).ok()) return box_.group_id;
  std::optional<Id> first;
  PageRequest page{std::nullopt, 100};
  for (int i = 0; i < 100; ++i) {
    ASSIGN_OR_RETURN(auto groups, tx_.ListGroups(ws_, page));
    for (const auto& g : groups.items) {
      if (!first || g.id < *first) first = g.id;
    }
    if (!groups.next) break;
    page.cursor = groups.next;
  }
  return first;
}

}  // namespace sahayak::services
