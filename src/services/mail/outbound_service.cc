#include "services/mail/outbound_service.h"

#include <algorithm>
#include <regex>
#include <set>

#include "base/crypto.h"
#include "base/html_sanitizer.h"
#include "base/text.h"
#include "services/audit.h"

namespace sahayak::services {

using domain::MailAddress;
using nlohmann::json;

namespace {

constexpr const char* kNoSmtp =
    "no SMTP server is configured: add a mailbox with an SMTP server and the mail goes out";

json AddressJson(const MailAddress& a) { return {{"name", a.name}, {"email", a.email}}; }

MailAddress AddressFrom(const json& j) {
  MailAddress a;
  if (!j.is_object()) return a;
  a.name = j.value("name", "");
  a.email = j.value("email", "");
  return a;
}

std::vector<MailAddress> AddressesFrom(const json& j) {
  std::vector<MailAddress> out;
  if (!j.is_array()) return out;
  for (const auto& a : j) out.push_back(AddressFrom(a));
  return out;
}

std::string Replace(std::string s, std::string_view what, std::string_view with) {
  for (size_t at = 0; (at = s.find(what, at)) != std::string::npos; at += with.size()) {
    s.replace(at, what.size(), with);
  }
  return s;
}

std::string ContactEmail(const domain::Contact& c) {
  for (const auto& i : c.identities) {
    if (i.kind == domain::Identity::Kind::kEmail && LooksLikeEmail(i.value)) {
      return FoldCase(i.value);
    }
  }
  return "";
}

// The local part and domain of a plain address, case-folded; false when it has no "@".
bool SplitAddress(std::string_view address, std::string* local, std::string* domain) {
  const std::string a = FoldCase(Trim(address));
  const size_t at = a.rfind('@');
  if (at == std::string::npos || at == 0 || at + 1 == a.size()) return false;
  *local = a.substr(0, at);
  *domain = a.substr(at + 1);
  return true;
}

// Whether `address` is `box` or one of its plus-addresses.
bool IsMailboxAddress(std::string_view address, std::string_view box) {
  std::string l1, d1, l2, d2;
  if (!SplitAddress(address, &l1, &d1) || !SplitAddress(box, &l2, &d2) || d1 != d2) return false;
  return l1 == l2 || (l1.size() > l2.size() && l1.compare(0, l2.size(), l2) == 0 &&
                      l1[l2.size()] == '+');
}

struct MailboxChoice {
  std::optional<domain::Mailbox> box;  // From and Reply-To
  bool can_send = false;               // some mailbox of the workspace has an SMTP server
  std::vector<domain::Mailbox> all;    // the workspace's mailboxes
};

// The mailbox the ticket's first mail arrived at, else the ticket's group's, else a fallback
// (see the header).
Result<MailboxChoice> ChooseMailbox(ReadTx& tx, const domain::Ticket& t,
                                    const domain::Message* first) {
  const Id ws = t.workspace_id;
  const Id ticket_id = t.id;
  MailboxChoice out;
  ASSIGN_OR_RETURN(out.all, tx.ListMailboxes(ws));
  const std::vector<domain::Mailbox>& boxes = out.all;
  for (const auto& b : boxes) out.can_send = out.can_send || (b.enabled && !b.smtp_host.empty());
  if (boxes.empty()) return out;
  std::optional<domain::Message> loaded;
  if (first == nullptr) {
    ASSIGN_OR_RETURN(auto page, tx.ListMessages(ws, ticket_id, {std::nullopt, 1}));
    if (!page.items.empty()) loaded = std::move(page.items.front());
    first = loaded ? &*loaded : nullptr;
  }
  if (first != nullptr && first->channel_meta.is_object() &&
      first->channel_meta.contains("email") && first->channel_meta["email"].is_object()) {
    const json& email = first->channel_meta["email"];
    const std::string name = email.value("mailbox", "");
    const json id = email.value("mailbox_id", json());
    for (const auto& b : boxes) {
      if ((id.is_number_integer() && id.get<Id>() == b.id) || (!name.empty() && b.name == name)) {
        out.box = b;
        return out;
      }
    }
    for (const char* list : {"to", "cc"}) {
      if (!email.contains(list) || !email[list].is_array()) continue;
      for (const auto& a : email[list]) {
        if (!a.is_object()) continue;
        const std::string addr = a.value("email", "");
        for (const auto& b : boxes) {
          if (IsMailboxAddress(addr, b.address)) {
            out.box = b;
            return out;
          }
        }
      }
    }
  }
  if (t.group_id) {
    for (const auto& b : boxes) {
      if (b.enabled && b.group_id == t.group_id) {
        out.box = b;
        return out;
      }
    }
  }
  for (const auto& b : boxes) {
    if (b.enabled && !b.smtp_host.empty()) {
      out.box = b;
      return out;
    }
  }
  out.box = boxes.front();
  return out;
}

}  // namespace

std::string EncodeQueuedMail(const QueuedMail& q) {
  const auto& m = q.mail;
  json to = json::array(), cc = json::array(), atts = json::array(), extra = json::array();
  for (const auto& a : m.to) to.push_back(AddressJson(a));
  for (const auto& a : m.cc) cc.push_back(AddressJson(a));
  for (const auto& a : q.attachments) {
    atts.push_back({{"sha256", a.sha256},
                    {"filename", a.filename},
                    {"mime_type", a.mime_type},
                    {"content_id", a.content_id},
                    {"inline", a.is_inline}});
  }
  for (const auto& [k, v] : m.extra_headers) extra.push_back(json::array({k, v}));
  json j = {{"from", AddressJson(m.from)},
            {"to", to},
            {"cc", cc},
            {"subject", m.subject},
            {"message_id", m.message_id},
            {"in_reply_to", m.in_reply_to},
            {"references", m.references},
            {"date", m.date},
            {"text", m.text},
            {"html", m.html},
            {"attachments", atts},
            {"auto_submitted", m.auto_submitted},
            {"extra_headers", extra},
            {"null_sender", q.null_sender},
            {"from_person", q.from_person},
            {"ticket_number", q.ticket_number}};
  if (m.reply_to) j["reply_to"] = AddressJson(*m.reply_to);
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<QueuedMail> DecodeQueuedMail(std::string_view payload) {
  json j = json::parse(payload, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return InvalidArgument("the queued mail's payload is not a JSON object");
  try {
    QueuedMail q;
    auto& m = q.mail;
    m.from = AddressFrom(j.value("from", json::object()));
    if (j.contains("reply_to")) m.reply_to = AddressFrom(j["reply_to"]);
    m.to = AddressesFrom(j.value("to", json::array()));
    m.cc = AddressesFrom(j.value("cc", json::array()));
    m.subject = j.value("subject", "");
    m.message_id = j.value("message_id", "");
    m.in_reply_to = j.value("in_reply_to", "");
    m.references = j.value("references", std::vector<std::string>{});
    m.date = j.value("date", Millis{0});
    m.text = j.value("text", "");
    m.html = j.value("html", "");
    m.auto_submitted = j.value("auto_submitted", "");
    for (const auto& h : j.value("extra_headers", json::array())) {
      m.extra_headers.emplace_back(h.at(0).get<std::string>(), h.at(1).get<std::string>());
    }
    for (const auto& a : j.value("attachments", json::array())) {
      q.attachments.push_back({a.value("sha256", ""), a.value("filename", ""),
                               a.value("mime_type", ""), a.value("content_id", ""),
                               a.value("inline", false)});
    }
    q.null_sender = j.value("null_sender", false);
    q.from_person = j.value("from_person", "");
    q.ticket_number = j.value("ticket_number", int64_t{0});
    return q;
  } catch (const std::exception& e) {
    return InvalidArgument(std::string("the queued mail's payload is malformed: ") + e.what());
  }
}

void AddressFromMailbox(const domain::Mailbox& box, QueuedMail* q) {
  std::string name = Trim(box.from_name);
  if (!Trim(q->from_person).empty()) {
    name = Trim(q->from_person) + (name.empty() ? "" : " (" + name + ")");
  }
  q->mail.from = {name, box.address};
  if (q->ticket_number > 0) {
    const std::string plus = PlusAddress(box.address, q->ticket_number);
    if (!plus.empty()) q->mail.reply_to = MailAddress{Trim(box.from_name), plus};
  }
}

std::string ReplySubject(std::string_view subject, int64_t number) {
  static const std::regex kPrefix(R"(^\s*(re|aw|sv|antw)\s*(\[\d+\])?\s*:\s*)",
                                  std::regex::icase);
  std::string s = Replace(std::string(subject), "[#" + std::to_string(number) + "]", "");
  for (std::smatch m; std::regex_search(s, m, kPrefix);) s = m.suffix().str();
  std::string collapsed;
  for (char c : Trim(s)) {
    if (c == ' ' && !collapsed.empty() && collapsed.back() == ' ') continue;
    collapsed.push_back(c == '\t' ? ' ' : c);
  }
  return "Re: " + (collapsed.empty() ? "" : collapsed + " ") + "[#" + std::to_string(number) +
         "]";
}

std::string PlusAddress(std::string_view address, int64_t number) {
  const std::string a(Trim(address));
  const size_t at = a.rfind('@');
  if (at == std::string::npos || at == 0) return "";
  std::string local = a.substr(0, at);
  if (const size_t plus = local.find('+'); plus != std::string::npos) local.resize(plus);
  return local + "+t" + std::to_string(number) + a.substr(at);
}

std::string NewMessageId(std::string_view address) {
  std::string local, domain;
  if (!SplitAddress(address, &local, &domain)) domain = "sahayak.invalid";
  // Base64url: letters, digits, "-" and "_", all atext, so "sahayak.<token>" is a dot-atom.
  return "sahayak." + RandomToken(18) + "@" + domain;
}

bool IsRobotAddress(std::string_view address) {
  std::string local, domain;
  if (!SplitAddress(address, &local, &domain)) return true;
  if (const size_t plus = local.find('+'); plus != std::string::npos) local.resize(plus);
  static const std::set<std::string> kExact = {
      "mailer-daemon", "postmaster", "noreply",  "no-reply", "no_reply",  "donotreply",
      "do-not-reply",  "do_not_reply", "bounce", "bounces",  "listserv",  "majordomo",
      "daemon",        "autoreply", "auto-reply", "notifications-noreply"};
  if (kExact.count(local)) return true;
  for (std::string_view prefix : {"noreply", "no-reply", "donotreply", "bounce", "owner-"}) {
    if (local.rfind(prefix, 0) == 0) return true;
  }
  for (std::string_view suffix : {"-request", "-bounces", "-noreply"}) {
    if (local.size() > suffix.size() &&
        local.compare(local.size() - suffix.size(), suffix.size(), suffix) == 0) {
      return true;
    }
  }
  return false;
}

void MailOutboundService::Notify() const {
  if (on_queued_) on_queued_();
}

Result<domain::MailOutboxItem> MailOutboundService::Queue(
    WriteTx& tx, const domain::Ticket& t, std::optional<Id> message_row_id,
    const std::string& kind, const std::optional<domain::Mailbox>& box, QueuedMail q,
    const std::string& to_email) {
  const Millis now = clock_.Now();
  const Id ws = t.workspace_id;
  q.ticket_number = t.number;
  if (box) AddressFromMailbox(*box, &q);
  q.mail.message_id = NewMessageId(box ? box->address : "");
  q.mail.date = now;
  q.mail.extra_headers.emplace_back("X-Sahayak-Ticket", std::to_string(t.number));

  ASSIGN_OR_RETURN(auto chain, tx.ListMailMessagesOfTicket(ws, t.id, options_.max_references));
  for (const auto& r : chain) {
    q.mail.references.push_back(r.message_id);
    if (r.direction == "in") q.mail.in_reply_to = r.message_id;
  }
  if (q.mail.in_reply_to.empty() && !chain.empty()) q.mail.in_reply_to = chain.back().message_id;

  domain::MailOutboxItem item;
  item.workspace_id = ws;
  if (box) item.mailbox_id = box->id;
  item.ticket_id = t.id;
  item.message_row_id = message_row_id;
  item.kind = kind;
  item.message_id = q.mail.message_id;
  item.to_email = to_email;
  item.payload = EncodeQueuedMail(q);
  item.next_attempt_at = now;
  item.created_at = item.updated_at = now;
  RETURN_IF_ERROR(tx.InsertMailOutbox(&item));

  MailMessageRecord r;
  r.workspace_id = ws;
  r.message_id = item.message_id;
  r.ticket_id = t.id;
  r.message_row_id = message_row_id;
  r.direction = "out";
  r.threaded_by = kind;
  r.created_at = now;
  RETURN_IF_ERROR(tx.InsertMailMessage(&r));
  return item;
}

Result<std::optional<domain::MailOutboxItem>> MailOutboundService::QueueReply(
    WriteTx& tx, const Principal& who, const domain::Ticket& t, const domain::Message& m) {
  using Out = std::optional<domain::MailOutboxItem>;
  // Web-form customers have nowhere else to read the answer; portal and API tickets are
  // answered where they were opened.
  const bool by_mail = t.channel == domain::Channel::kEmail || t.channel == domain::Channel::kWeb;
  if (!by_mail || !m.is_public) return Out();
  const Id ws = t.workspace_id;
  ASSIGN_OR_RETURN(domain::Contact requester, tx.GetContact(ws, t.requester_id));
  const std::string to = ContactEmail(requester);
  if (to.empty()) return Out();
  ASSIGN_OR_RETURN(MailboxChoice choice, ChooseMailbox(tx, t, nullptr));

  QueuedMail q;
  q.from_person = Trim(who.name);
  q.mail.to.push_back({requester.name, to});
  ASSIGN_OR_RETURN(auto participants, tx.ListMailParticipants(ws, t.id, 50));
  for (const auto& p : participants) {
    if (static_cast<int>(q.mail.cc.size()) >= options_.max_cc) break;
    if (p == to || std::any_of(choice.all.begin(), choice.all.end(), [&](const auto& b) {
          return IsMailboxAddress(p, b.address);
        })) {
      continue;
    }
    ASSIGN_OR_RETURN(auto bounce, tx.GetMailBounce(ws, p));
    if (bounce) continue;
    q.mail.cc.push_back({"", p});
  }
  q.mail.subject = ReplySubject(t.subject, t.number);
  q.mail.text = m.body;
  // Stored HTML holds remote images blocked (data-remote-src) for the console; the customer's
  // mail client decides about them itself.
  q.mail.html = m.html.empty() ? std::string() : UnblockRemoteImages(m.html);
  for (const auto& a : m.attachments) {
    q.attachments.push_back({a.sha256, a.filename, a.mime_type, "", false});
  }
  ASSIGN_OR_RETURN(domain::MailOutboxItem item,
                   Queue(tx, t, m.id, "reply", choice.box, std::move(q), to));
  if (!choice.can_send) {
    RETURN_IF_ERROR(tx.MarkMailOutboxRetry(item.id, item.next_attempt_at, kNoSmtp, item.created_at));
    item.last_error = kNoSmtp;
  }
  Notify();
  return Out(std::move(item));
}

Result<std::optional<domain::MailOutboxItem>> MailOutboundService::QueueAutoAck(
    WriteTx& tx, const domain::Ticket& t, const domain::Contact& requester,
    const domain::Message& first, std::string* why) {
  using Out = std::optional<domain::MailOutboxItem>;
  const Id ws = t.workspace_id;
  const bool by_mail = first.channel_meta.is_object() && first.channel_meta.contains("email") &&
                       first.channel_meta["email"].is_object();
  // A customer who used the web form or the portal has no mail of their own to thread on:
  // the acknowledgement goes to their address and links to the ticket in the portal.
  const bool by_page =
      t.channel == domain::Channel::kWeb || t.channel == domain::Channel::kPortal;
  if (!by_mail && !by_page) {
    *why = "the ticket did not come by e-mail, the web form or the portal";
    return Out();
  }
  std::string to;
  if (by_mail) {
    const json& email = first.channel_meta["email"];
    const std::string kind = email.value("kind", "normal");
    if (kind != "normal") {
      *why = "the mail was " + kind + " mail";
      return Out();
    }
    if (email.contains("from") && email["from"].is_object()) {
      to = FoldCase(Trim(email["from"].value("email", "")));
    }
  }
  if (!LooksLikeEmail(to)) to = ContactEmail(requester);
  if (to.empty()) {
    *why = "the sender has no usable e-mail address";
    return Out();
  }
  if (IsRobotAddress(to)) {
    *why = to + " is an automatic sender";
    return Out();
  }
  ASSIGN_OR_RETURN(MailboxChoice choice, ChooseMailbox(tx, t, &first));
  if (!choice.box) {
    *why = "no mailbox is configured";
    return Out();
  }
  if (!choice.box->auto_ack) {
    *why = "the mailbox " + choice.box->name + " does not acknowledge new tickets";
    return Out();
  }
  // Unlike a reply, an acknowledgement is worth nothing days later, when an SMTP server
  // is finally added: none is queued while no mailbox can send.
  if (!choice.can_send) {
    *why = "no SMTP server is configured";
    return Out();
  }
  for (const auto& b : choice.all) {
    if (IsMailboxAddress(to, b.address)) {
      *why = to + " is one of Sahayak's own addresses";
      return Out();
    }
  }
  const Millis now = clock_.Now();
  ASSIGN_OR_RETURN(int64_t recent, tx.CountMailOutboxTo(ws, to, "auto_ack", now - kHour));
  if (recent >= options_.auto_acks_per_hour) {
    *why = std::to_string(recent) + " acknowledgements went to " + to +
           " in the last hour; no more are sent for an hour";
    RETURN_IF_ERROR(RecordChange(tx, ws, {domain::Actor::Kind::kSystem, 0, "e-mail", "", ""},
                                 "ticket.auto_ack_skipped", "ticket", t.id,
                                 {{"reason", *why}, {"to", to}}, now));
    return Out();
  }
  auto workspace = tx.GetWorkspace(ws);
  std::string language = requester.language;
  if (Trim(language).empty()) language = t.language;
  if (Trim(language).empty()) language = workspace.ok() ? workspace->default_language : "en";
  std::string url;
  if (by_page && !by_mail && site_url_) {
    std::string base = site_url_(workspace.ok() ? workspace->public_host : std::string());
    while (!base.empty() && base.back() == '/') base.pop_back();
    if (!base.empty()) url = base + "/portal/tickets/" + std::to_string(t.number);
  }
  std::string name = Trim(requester.name);
  if (name.empty()) name = to.substr(0, to.find('@'));
  AckText text =
      AutoAckText(choice.box->auto_ack_templates, language, t.number, t.subject, name, url);

  QueuedMail q;
  q.null_sender = true;
  q.mail.to.push_back({requester.name, to});
  q.mail.subject = text.subject;
  q.mail.text = text.body;
  q.mail.auto_submitted = "auto-replied";
  ASSIGN_OR_RETURN(domain::MailOutboxItem item,
                   Queue(tx, t, std::nullopt, "auto_ack", choice.box, std::move(q), to));
  Notify();
  return Out(std::move(item));
}

Status MailOutboundService::OnPublicReply(WriteTx& tx, const Principal& who,
                                          const domain::Ticket& t, const domain::Message& m) {
  return QueueReply(tx, who, t, m).status();
}

Status MailOutboundService::OnInboundTicket(WriteTx& tx, const domain::Ticket& t,
                                            const domain::Contact& requester,
                                            const domain::Message& first) {
  std::string why;
  return QueueAutoAck(tx, t, requester, first, &why).status();
}

}  // namespace sahayak::services
