#include "app/mail_delivery.h"

#include <spdlog/spdlog.h>

#include "base/text.h"
#include "channels/email/vmime_mail_parser.h"

namespace sahayak::app {

namespace {

// The id of the group named `name` (case-insensitively) in the workspace.
Result<services::Id> FindGroup(services::ReadTx& tx, services::Id ws, const std::string& name) {
  services::PageRequest page{std::nullopt, 100};
  const std::string want = FoldCase(Trim(name));
  for (int i = 0; i < 1000; ++i) {
    ASSIGN_OR_RETURN(auto groups, tx.ListGroups(ws, page));
    for (const auto& g : groups.items) {
      if (FoldCase(g.name) == want) return g.id;
    }
    if (!groups.next) break;
    page.cursor = groups.next;
  }
  return NotFound("group \"" + name + "\" does not exist");
}

// "support+t12@example.in" -> "support@example.in".
std::string WithoutPlus(const std::string& address) {
  size_t at = address.rfind('@');
  if (at == std::string::npos) return address;
  size_t plus = address.find('+');
  if (plus == std::string::npos || plus > at) return address;
  return address.substr(0, plus) + address.substr(at);
}

const domain::Mailbox* Match(const std::vector<domain::Mailbox>& boxes,
                             const std::string& address) {
  const std::string want = FoldCase(Trim(address));
  const std::string base = WithoutPlus(want);
  for (const auto& m : boxes) {
    if (m.address.empty() || !m.enabled) continue;
    const std::string have = FoldCase(Trim(m.address));
    if (have == want || have == base) return &m;
  }
  return nullptr;
}

Result<std::vector<domain::Mailbox>> Mailboxes(App& app) {
  std::vector<domain::Mailbox> boxes;
  RETURN_IF_ERROR(app.store().Read([&](services::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(boxes, tx.ListMailboxes(app.SystemPrincipal().workspace_id));
    return Status::Ok();
  }));
  return boxes;
}

DeliveryOutcome Outcome(DeliveryOutcome::Kind kind, std::string text) {
  DeliveryOutcome o;
  o.kind = kind;
  o.text = std::move(text);
  return o;
}

}  // namespace

Result<std::optional<domain::Mailbox>> MailboxForAddress(App& app, const std::string& address) {
  ASSIGN_OR_RETURN(auto boxes, Mailboxes(app));
  const domain::Mailbox* m = Match(boxes, address);
  if (m == nullptr) return std::optional<domain::Mailbox>();
  return std::optional<domain::Mailbox>(*m);
}

Result<bool> AnyMailbox(App& app) {
  ASSIGN_OR_RETURN(auto boxes, Mailboxes(app));
  return !boxes.empty();
}

DeliveryOutcome ParseMail(const std::string& raw, PreparedMail* out) {
  channels::VmimeMailParser parser;
  auto mail = parser.Parse(raw);
  if (!mail.ok()) {
    return Outcome(DeliveryOutcome::Kind::kNotMail, "not an e-mail: " + mail.status().message());
  }
  out->mail = std::move(mail).value();
  return Outcome(DeliveryOutcome::Kind::kStored, "");
}

DeliveryOutcome ChooseMailbox(App& app, const std::string& mailbox_name, PreparedMail* prepared) {
  auto boxes = Mailboxes(app);
  if (!boxes.ok()) {
    return Outcome(DeliveryOutcome::Kind::kTempFail,
                   "cannot read the mailboxes: " + boxes.status().message());
  }
  prepared->mailbox.reset();
  if (!mailbox_name.empty()) {
    for (const auto& m : *boxes) {
      if (m.name == mailbox_name) {
        prepared->mailbox = m;
        return Outcome(DeliveryOutcome::Kind::kStored, "");
      }
    }
    return Outcome(DeliveryOutcome::Kind::kTempFail,
                   "no mailbox named \"" + mailbox_name +
                       "\" (add it in Admin → Mailboxes or to [[mail.mailboxes]])");
  }
  const domain::InboundMail& mail = prepared->mail;
  for (const auto* list : {&mail.delivered_to, &mail.to, &mail.cc}) {
    for (const auto& a : *list) {
      if (const domain::Mailbox* m = Match(*boxes, a.email)) {
        prepared->mailbox = *m;
        return Outcome(DeliveryOutcome::Kind::kStored, "");
      }
    }
  }
  return Outcome(DeliveryOutcome::Kind::kStored, "");
}

services::InboundMailbox InboundBox(const PreparedMail& prepared) {
  services::InboundMailbox box;
  if (prepared.mailbox) {
    const domain::Mailbox& m = *prepared.mailbox;
    box.mailbox_id = m.id;
    box.name = m.name;
    box.address = m.address;
    box.group_id = m.group_id;
  }
  return box;
}

DeliveryOutcome StoreMail(
    App& app, const PreparedMail& prepared, const std::string& raw,
    const std::function<Status(services::WriteTx&, const services::IngestResult&)>& also) {
  const services::Id ws = app.SystemPrincipal().workspace_id;
  const services::InboundMailbox box = InboundBox(prepared);
  // Files first, outside the write transaction; a crash between the two steps leaves only
  // unreferenced blobs, and the mail server delivers again.
  auto files = app.mail_ingest().StoreFiles(prepared.mail, raw);
  if (!files.ok()) {
    return Outcome(DeliveryOutcome::Kind::kTempFail,
                   "cannot store the mail's files: " + files.status().message());
  }
  services::IngestResult result;
  Status st = app.store().Write([&](services::WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(result, app.mail_ingest().Ingest(tx, ws, box, prepared.mail, *files));
    if (also) RETURN_IF_ERROR(also(tx, result));
    return Status::Ok();
  });
  if (!st.ok()) {
    // Busy or unavailable database, full disk, or a bug: the mail stays with the mail server.
    return Outcome(DeliveryOutcome::Kind::kTempFail,
                   "the mail was not stored (the mail server will retry): " + st.message());
  }
  DeliveryOutcome o = Outcome(DeliveryOutcome::Kind::kStored, services::Describe(result));
  o.message_id = result.mail_message_id;
  if (result.outcome == services::IngestResult::Outcome::kDropped ||
      result.outcome == services::IngestResult::Outcome::kIgnored) {
    o.dropped = true;
    spdlog::info("mail <{}> not imported: {}", result.mail_message_id, o.text);
  }
  return o;
}

Result<std::map<std::string, std::string>> SyncConfigMailboxes(App& app) {
  const Config& config = app.config();
  std::map<std::string, std::string> problems;
  const services::Id ws = app.SystemPrincipal().workspace_id;
  for (const MailboxConfig& c : config.mailboxes) {
    // One transaction per mailbox: one that cannot be set up does not keep out the others.
    Status st = app.store().Write([&](services::WriteTx& tx) -> Status {
      std::optional<services::Id> group;
      if (!c.group.empty()) {
        ASSIGN_OR_RETURN(group, FindGroup(tx, ws, c.group));
      }
      const std::string address = FoldCase(Trim(c.address));
      auto existing = tx.FindMailboxByName(ws, c.name);
      if (existing.ok()) {
        domain::Mailbox m = *existing;
        if (m.address == address && m.group_id == group) return Status::Ok();
        m.address = address;
        m.group_id = group;
        m.updated_at = SystemClock::Get().Now();
        m.version += 1;
        return tx.UpdateMailbox(m);
      }
      if (existing.status().code() != Code::kNotFound) return existing.status();
      domain::Mailbox m;
      m.workspace_id = ws;
      m.name = c.name;
      m.address = address;
      m.group_id = group;
      m.created_at = m.updated_at = SystemClock::Get().Now();
      RETURN_IF_ERROR(tx.InsertMailbox(&m));
      spdlog::info("mailbox \"{}\" <{}> added from the config file", m.name, m.address);
      return Status::Ok();
    });
    if (st.code() == Code::kUnavailable || st.code() == Code::kInternal) return st;
    if (!st.ok()) {
      problems[c.name] = "[[mail.mailboxes]] \"" + c.name + "\": " + st.message();
    }
  }
  return problems;
}

}  // namespace sahayak::app
