// MailboxService: mailboxes managed by admins, with sealed passwords and server tests.
#include "services/mail/mailbox_service.h"

#include <algorithm>

#include "base/crypto.h"
#include "base/text.h"
#include "domain/json_input.h"
#include "services/audit.h"
#include "services/errors.h"

namespace sahayak::services {

using domain::JsonInput;
using nlohmann::json;

namespace {

constexpr const char* kMembers[] = {
    "name",        "address",           "from_name",     "group_id",          "enabled",
    "imap_host",   "imap_port",         "imap_security", "imap_username",     "imap_password",
    "imap_folder", "imap_after",        "imap_move_to",  "imap_poll_seconds", "smtp_host",
    "smtp_port",   "smtp_security",     "smtp_username", "smtp_password",     "tls_verify",
    "auto_ack",    "auto_ack_templates"};

constexpr const char* kLanguages[] = {"en", "hi", "kn"};

bool HasLineBreak(std::string_view s) {
  return s.find('\n') != std::string_view::npos || s.find('\r') != std::string_view::npos;
}

// A one-line text member (names, hosts, folders): no line breaks, NFC, trimmed when asked.
bool Line(JsonInput& in, const char* key, std::string* out, bool required, size_t max_chars,
          bool trim = true) {
  std::string s;
  if (!in.Str(key, &s, required, max_chars)) return false;
  if (HasLineBreak(s) || s.find('\t') != std::string::npos) {
    in.Error(key, "must be one line without tabs");
    return false;
  }
  *out = ToNfc(trim ? Trim(s) : s);
  return true;
}

// A host name or address literal: no spaces, at most 253 characters.
bool Host(JsonInput& in, const char* key, std::string* out) {
  std::string s;
  if (!Line(in, key, &s, false, 253)) return false;
  if (s.find(' ') != std::string::npos || s.find('/') != std::string::npos) {
    in.Error(key, "must be a host name such as imap.example.in, without spaces or slashes");
    return false;
  }
  *out = s;
  return true;
}

bool Port(JsonInput& in, const char* key, int* out) {
  int64_t v;
  if (!in.Int(key, &v)) return false;
  if (v < 1 || v > 65535) {
    in.Error(key, "must be a port number from 1 to 65535");
    return false;
  }
  *out = static_cast<int>(v);
  return true;
}

bool OneOf(JsonInput& in, const char* key, std::string* out,
           std::initializer_list<const char*> allowed) {
  std::string s;
  if (!in.Str(key, &s, false, 32)) return false;
  std::string list;
  for (const char* a : allowed) {
    if (s == a) {
      *out = s;
      return true;
    }
    list += list.empty() ? a : std::string(", ") + a;
  }
  in.Error(key, "must be one of " + list);
  return false;
}

// A password member: a string of at most 1024 bytes; "" clears. Returns true when present.
bool Password(JsonInput& in, const json& body, const char* key, std::string* out) {
  auto it = body.find(key);
  if (it == body.end()) return false;
  if (!it->is_string()) {
    in.Error(key, "must be a string (\"\" clears the password)");
    return false;
  }
  const auto& s = it->get_ref<const std::string&>();
  if (s.size() > 1024) {
    in.Error(key, "is longer than 1024 bytes");
    return false;
  }
  if (HasControlChars(s) || HasLineBreak(s)) {
    in.Error(key, "must not contain control characters");
    return false;
  }
  *out = s;
  return true;
}

// {"en": {"subject": "…", "body": "…"}, …}: only en, hi, kn; subject ≤ 200 one line,
// body ≤ 5000; both required in a language that is given. Returns the normalised object.
bool Templates(JsonInput& in, const json& body, json* out) {
  auto it = body.find("auto_ack_templates");
  if (it == body.end()) return false;
  const char* key = "auto_ack_templates";
  if (it->is_null()) {
    *out = json::object();
    return true;
  }
  if (!it->is_object()) {
    in.Error(key, "must be an object with en, hi or kn templates");
    return false;
  }
  json result = json::object();
  bool good = true;
  for (auto lang = it->begin(); lang != it->end(); ++lang) {
    const std::string field = std::string(key) + "." + lang.key();
    if (std::find_if(std::begin(kLanguages), std::end(kLanguages),
                     [&](const char* l) { return lang.key() == l; }) == std::end(kLanguages)) {
      in.Error(field, "is not a language; use en, hi or kn");
      good = false;
      continue;
    }
    if (!lang.value().is_object()) {
      in.Error(field, "must be an object with subject and body");
      good = false;
      continue;
    }
    JsonInput t(lang.value(), field);
    std::string subject, text;
    if (t.Str("subject", &subject, true, 200) && HasLineBreak(subject)) {
      t.Error("subject", "must be one line");
    }
    t.Str("body", &text, true, 5000);
    for (auto m = lang.value().begin(); m != lang.value().end(); ++m) {
      if (m.key() != "subject" && m.key() != "body") {
        t.Error(m.key(), "is not a template member; use subject and body");
      }
    }
    if (!t.ok()) {
      Status ts = t.status();
      for (const auto& f : ts.fields()) in.Error(f.field, f.message);
      good = false;
      continue;
    }
    result[lang.key()] = {{"subject", ToNfc(Trim(subject))}, {"body", ToNfc(text)}};
  }
  if (!good) return false;
  *out = std::move(result);
  return true;
}

json TemplatesJson(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  return j.is_object() ? j : json::object();
}

// Names the field that collides, since the store's AlreadyExists names neither.
Status CheckUnique(ReadTx& tx, const domain::Mailbox& m) {
  ASSIGN_OR_RETURN(auto all, tx.ListMailboxes(m.workspace_id));
  for (const auto& other : all) {
    if (other.id == m.id) continue;
    if (FoldCase(other.name) == FoldCase(m.name)) {
      return AlreadyExists("a mailbox named \"" + m.name + "\" already exists")
          .WithField("name", "is taken by another mailbox");
    }
    if (other.address == m.address) {
      return AlreadyExists("the mailbox \"" + other.name + "\" already has the address " +
                           m.address)
          .WithField("address", "is taken by another mailbox");
    }
  }
  return Status::Ok();
}

}  // namespace

json MailboxAuditView(const domain::Mailbox& m) {
  return {{"name", m.name},
          {"address", m.address},
          {"from_name", m.from_name},
          {"group_id", m.group_id ? json(*m.group_id) : json(nullptr)},
          {"enabled", m.enabled},
          {"imap_host", m.imap_host},
          {"imap_port", m.imap_port},
          {"imap_security", m.imap_security},
          {"imap_username", m.imap_username},
          {"imap_folder", m.imap_folder},
          {"imap_after", m.imap_after},
          {"imap_move_to", m.imap_move_to},
          {"imap_poll_seconds", m.imap_poll_seconds},
          {"smtp_host", m.smtp_host},
          {"smtp_port", m.smtp_port},
          {"smtp_security", m.smtp_security},
          {"smtp_username", m.smtp_username},
          {"tls_verify", m.tls_verify},
          {"auto_ack", m.auto_ack},
          {"auto_ack_templates", TemplatesJson(m.auto_ack_templates)}};
}

Status MailboxService::RequireAdmin(const Principal& who) const {
  if (!who.is_admin()) return PermissionDenied("only admins manage mailboxes");
  return Status::Ok();
}

Result<std::string> MailboxService::OpenPassword(const std::string& sealed) const {
  if (sealed.empty()) return std::string();
  auto opened = OpenSecret(secret_key_, sealed);
  if (!opened.ok()) {
    return FailedPrecondition(
        "the stored password cannot be opened with this server's secret key (was the key "
        "changed?); enter the password again");
  }
  return opened;
}

Status MailboxService::Apply(ReadTx& tx, Id ws, const json& body, bool creating, domain::Mailbox* m,
                             json* password_changes) const {
  RETURN_IF_ERROR(domain::RequireObject(body));
  JsonInput in(body);
  for (auto it = body.begin(); it != body.end(); ++it) {
    if (std::find_if(std::begin(kMembers), std::end(kMembers),
                     [&](const char* k) { return it.key() == k; }) == std::end(kMembers)) {
      in.Error(it.key(), "is not a mailbox setting");
    }
  }
  std::string s;
  if (Line(in, "name", &s, creating, 64)) {
    if (s.empty()) {
      in.Error("name", "is required");
    } else {
      m->name = s;
    }
  }
  if (Line(in, "address", &s, creating, 254)) {
    std::string address = FoldCase(s);
    if (!LooksLikeEmail(address)) {
      in.Error("address", "is not an e-mail address");
    } else {
      m->address = address;
    }
  }
  if (Line(in, "from_name", &s, false, 100)) m->from_name = s;
  std::optional<std::optional<Id>> group;
  if (in.NullableId("group_id", &group)) {
    if (*group && !tx.GetGroup(ws, **group).ok()) {
      in.Error("group_id", "group " + std::to_string(**group) + " does not exist");
    } else {
      m->group_id = *group;
    }
  }
  bool b;
  if (in.Bool("enabled", &b)) m->enabled = b;
  if (in.Bool("tls_verify", &b)) m->tls_verify = b;
  if (in.Bool("auto_ack", &b)) m->auto_ack = b;

  Host(in, "imap_host", &m->imap_host);
  Port(in, "imap_port", &m->imap_port);
  OneOf(in, "imap_security", &m->imap_security, {"tls", "starttls", "none"});
  if (Line(in, "imap_username", &s, false, 254)) m->imap_username = s;
  if (Line(in, "imap_folder", &s, false, 200)) {
    if (s.empty()) {
      in.Error("imap_folder", "is required (INBOX unless the mail is kept elsewhere)");
    } else {
      m->imap_folder = s;
    }
  }
  OneOf(in, "imap_after", &m->imap_after, {"flag", "move", "delete"});
  if (Line(in, "imap_move_to", &s, false, 200)) m->imap_move_to = s;
  int64_t poll;
  if (in.Int("imap_poll_seconds", &poll)) {
    if (poll < 10 || poll > 3600) {
      in.Error("imap_poll_seconds", "must be from 10 to 3600 seconds");
    } else {
      m->imap_poll_seconds = static_cast<int>(poll);
    }
  }
  Host(in, "smtp_host", &m->smtp_host);
  Port(in, "smtp_port", &m->smtp_port);
  OneOf(in, "smtp_security", &m->smtp_security, {"tls", "starttls", "none"});
  if (Line(in, "smtp_username", &s, false, 254)) m->smtp_username = s;

  json templates;
  if (Templates(in, body, &templates)) m->auto_ack_templates = templates.dump();

  for (auto [key, column] : {std::pair{"imap_password", &m->imap_password_sealed},
                             std::pair{"smtp_password", &m->smtp_password_sealed}}) {
    std::string plain;
    if (!Password(in, body, key, &plain)) continue;
    const char* change = nullptr;
    if (plain.empty()) {
      if (!column->empty()) change = "cleared";
      column->clear();
    } else {
      change = column->empty() ? "set" : "changed";
      *column = SealSecret(secret_key_, plain);
    }
    if (change != nullptr) (*password_changes)[key] = change;
  }

  // Rules across members, checked on the result so a PATCH cannot break them either.
  if (in.ok()) {
    if (m->imap_after == "move" && m->imap_move_to.empty()) {
      in.Error("imap_move_to", "is required when imap_after is move");
    }
    if (m->imap_after == "move" && m->imap_move_to == m->imap_folder) {
      in.Error("imap_move_to", "must differ from imap_folder");
    }
    if (!m->imap_host.empty() && m->imap_username.empty()) {
      in.Error("imap_username", "is required when imap_host is set");
    }
  }
  return in.status();
}

Result<std::vector<domain::Mailbox>> MailboxService::List(ReadTx& tx, const Principal& who) const {
  RETURN_IF_ERROR(RequireAdmin(who));
  return tx.ListMailboxes(who.workspace_id);
}

Result<domain::Mailbox> MailboxService::Get(ReadTx& tx, const Principal& who, Id id) const {
  RETURN_IF_ERROR(RequireAdmin(who));
  return tx.GetMailbox(who.workspace_id, id);
}

Result<domain::Mailbox> MailboxService::Create(WriteTx& tx, const Principal& who,
                                               const json& body) {
  RETURN_IF_ERROR(RequireAdmin(who));
  domain::Mailbox m;
  m.workspace_id = who.workspace_id;
  json passwords = json::object();
  RETURN_IF_ERROR(Apply(tx, who.workspace_id, body, true, &m, &passwords));
  RETURN_IF_ERROR(CheckUnique(tx, m));
  m.created_at = m.updated_at = clock_.Now();
  RETURN_IF_ERROR(tx.InsertMailbox(&m));
  json changes = json::object();
  json view = MailboxAuditView(m);
  for (auto it = view.begin(); it != view.end(); ++it) changes[it.key()] = {nullptr, it.value()};
  for (auto it = passwords.begin(); it != passwords.end(); ++it) changes[it.key()] = it.value();
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), "mailbox.created", "mailbox",
                               m.id, changes, m.created_at));
  return m;
}

Result<domain::Mailbox> MailboxService::Update(WriteTx& tx, const Principal& who, Id id,
                                               const json& body, std::optional<int64_t> if_match) {
  RETURN_IF_ERROR(RequireAdmin(who));
  ASSIGN_OR_RETURN(domain::Mailbox before, tx.GetMailbox(who.workspace_id, id));
  if (if_match && *if_match != before.version) {
    return Stale("mailbox", id, *if_match, before.version);
  }
  domain::Mailbox m = before;
  json passwords = json::object();
  RETURN_IF_ERROR(Apply(tx, who.workspace_id, body, false, &m, &passwords));
  RETURN_IF_ERROR(CheckUnique(tx, m));
  json changes = json::object();
  json va = MailboxAuditView(before), vb = MailboxAuditView(m);
  for (auto it = vb.begin(); it != vb.end(); ++it) {
    DiffField(&changes, it.key(), va[it.key()], it.value());
  }
  for (auto it = passwords.begin(); it != passwords.end(); ++it) changes[it.key()] = it.value();
  if (changes.empty()) return before;
  m.updated_at = clock_.Now();
  m.version = before.version + 1;
  // New settings deserve a fresh verdict: the old error was about the old ones.
  m.last_error.clear();
  RETURN_IF_ERROR(tx.UpdateMailbox(m));
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), "mailbox.updated", "mailbox",
                               m.id, changes, m.updated_at));
  return m;
}

Status MailboxService::Delete(WriteTx& tx, const Principal& who, Id id) {
  RETURN_IF_ERROR(RequireAdmin(who));
  ASSIGN_OR_RETURN(domain::Mailbox m, tx.GetMailbox(who.workspace_id, id));
  RETURN_IF_ERROR(tx.DeleteMailbox(who.workspace_id, id));
  return RecordChange(tx, who.workspace_id, who.actor(), "mailbox.deleted", "mailbox", id,
                      {{"name", {m.name, nullptr}}, {"address", {m.address, nullptr}}},
                      clock_.Now());
}

Result<MailboxCheckOutcome> MailboxService::TestImap(const Principal& who, Id id) {
  RETURN_IF_ERROR(RequireAdmin(who));
  domain::Mailbox m;
  RETURN_IF_ERROR(store_.Read([&](ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(m, tx.GetMailbox(who.workspace_id, id));
    return Status::Ok();
  }));
  if (m.imap_host.empty()) {
    return FailedPrecondition("the mailbox " + m.name +
                              " has no IMAP server: its mail arrives by LMTP or mail-deliver")
        .WithKind("no-imap-server")
        .WithField("imap_host", "is not set");
  }
  if (check_ == nullptr) return Unavailable("mail server checks are not available here");
  MailboxCheckOutcome out;
  auto password = OpenPassword(m.imap_password_sealed);
  if (!password.ok()) {
    out.error = password.status().message();
    return out;
  }
  auto pending = check_->CheckImap(m, *password, kCheckDeadlineSeconds);
  if (!pending.ok()) {
    out.error = pending.status().message();
    return out;
  }
  out.ok = true;
  out.messages_pending = *pending;
  return out;
}

Result<MailboxCheckOutcome> MailboxService::TestSmtp(const Principal& who, Id id,
                                                     const std::string& to_in) {
  RETURN_IF_ERROR(RequireAdmin(who));
  std::string to = FoldCase(Trim(to_in));
  if (!LooksLikeEmail(to) || HasControlChars(to) || HasLineBreak(to)) {
    return InvalidArgument("give the address to send the test message to")
        .WithField("to", "is not an e-mail address");
  }
  domain::Mailbox m;
  RETURN_IF_ERROR(store_.Read([&](ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(m, tx.GetMailbox(who.workspace_id, id));
    return Status::Ok();
  }));
  if (m.smtp_host.empty()) {
    return FailedPrecondition("the mailbox " + m.name +
                              " has no SMTP server; set smtp_host to send through it")
        .WithKind("no-smtp-server")
        .WithField("smtp_host", "is not set");
  }
  if (check_ == nullptr) return Unavailable("mail server checks are not available here");
  MailboxCheckOutcome out;
  auto password = OpenPassword(m.smtp_password_sealed);
  if (!password.ok()) {
    out.error = password.status().message();
  } else {
    Millis now = clock_.Now();
    domain::OutboundMail mail;
    mail.from.name = m.from_name.empty() ? m.name : m.from_name;
    mail.from.email = m.address;
    domain::MailAddress rcpt;
    rcpt.email = to;
    mail.to.push_back(rcpt);
    mail.subject = "Sahayak test message from " + m.name;
    std::string domain = m.address.substr(m.address.find('@') + 1);
    mail.message_id = "test." + RandomToken(12) + "@" + domain;
    mail.date = now;
    mail.text = "This is a test message from Sahayak, sent by " + who.name + " through " +
                m.smtp_host + ":" + std::to_string(m.smtp_port) +
                " to check the settings of the mailbox " + m.name + " <" + m.address +
                ">.\n\nIf you can read this, replies from Sahayak will reach customers "
                "through this server. No reply is needed.\n";
    mail.auto_submitted = "auto-generated";
    mail.extra_headers.push_back({"X-Sahayak-Test", "mailbox " + std::to_string(m.id)});
    auto reply = check_->SendMail(m, *password, mail, kCheckDeadlineSeconds);
    if (reply.ok()) {
      out.ok = true;
      out.server_reply = *reply;
    } else {
      out.error = reply.status().message();
    }
  }
  json changes = {{"to", to}, {"ok", out.ok}};
  if (!out.ok) changes["error"] = out.error;
  RETURN_IF_ERROR(store_.Write([&](WriteTx& tx) -> Status {
    return RecordChange(tx, who.workspace_id, who.actor(), "mailbox.test_sent", "mailbox", m.id,
                        changes, clock_.Now());
  }));
  return out;
}

}  // namespace sahayak::services
