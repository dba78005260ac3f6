#include "app/mail_delivery.h"

#include <spdlog/spdlog.h>

#include "base/text.h"
#include "channels/email/vmime_mail_parser.h"

namespace sahayak::app {

namespace {

// The configured mailbox named `name`; without a name, the one whose address the mail was
// delivered or addressed to; else none (the default workspace and group).
Result<const MailboxConfig*> ChooseMailbox(const Config& config, const std::string& name,
                                           const domain::InboundMail& mail) {
  if (!name.empty()) {
    for (const auto& m : config.mailboxes) {
      if (m.name == name) return &m;
    }
    return NotFound("no mailbox named \"" + name + "\" in the config ([[mail.mailboxes]])");
  }
  for (const auto* list : {&mail.delivered_to, &mail.to, &mail.cc}) {
    for (const auto& a : *list) {
      for (const auto& m : config.mailboxes) {
        if (!m.address.empty() && FoldCase(Trim(a.email)) == FoldCase(Trim(m.address))) return &m;
      }
    }
  }
  return static_cast<const MailboxConfig*>(nullptr);
}

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

DeliveryOutcome Outcome(DeliveryOutcome::Kind kind, std::string text) {
  DeliveryOutcome o;
  o.kind = kind;
  o.text = std::move(text);
  return o;
}

}  // namespace

const MailboxConfig* MailboxForAddress(const Config& config, const std::string& address) {
  const std::string want = FoldCase(Trim(address));
  const std::string base = WithoutPlus(want);
  for (const auto& m : config.mailboxes) {
    if (m.address.empty()) continue;
    const std::string have = FoldCase(Trim(m.address));
    if (have == want || have == base) return &m;
  }
  return nullptr;
}

DeliveryOutcome PrepareMail(const Config& config, const std::string& mailbox_name,
                            const std::string& raw, PreparedMail* out) {
  channels::VmimeMailParser parser;
  auto mail = parser.Parse(raw);
  if (!mail.ok()) {
    return Outcome(DeliveryOutcome::Kind::kNotMail, "not an e-mail: " + mail.status().message());
  }
  // A configuration mistake defers the mail (the mail server keeps it and retries) rather than
  // bouncing it or putting it into the wrong group.
  auto box = ChooseMailbox(config, mailbox_name, *mail);
  if (!box.ok()) return Outcome(DeliveryOutcome::Kind::kTempFail, box.status().message());
  out->mail = std::move(mail).value();
  out->mailbox = *box;
  return Outcome(DeliveryOutcome::Kind::kStored, "");
}

DeliveryOutcome StoreMail(App& app, const PreparedMail& prepared, const std::string& raw) {
  const services::Id ws = app.SystemPrincipal().workspace_id;
  services::InboundMailbox box;
  if (prepared.mailbox != nullptr) {
    const MailboxConfig& c = *prepared.mailbox;
    box.name = c.name;
    box.address = c.address;
    if (!c.group.empty()) {
      Status st = app.store().Read([&](services::ReadTx& tx) -> Status {
        ASSIGN_OR_RETURN(box.group_id, FindGroup(tx, ws, c.group));
        return Status::Ok();
      });
      if (!st.ok()) {
        return Outcome(DeliveryOutcome::Kind::kTempFail,
                       "mailbox \"" + c.name + "\": " + st.message());
      }
    }
  }
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
    return Status::Ok();
  });
  if (!st.ok()) {
    // Busy or unavailable database, full disk, or a bug: the mail stays with the mail server.
    return Outcome(DeliveryOutcome::Kind::kTempFail,
                   "the mail was not stored (the mail server will retry): " + st.message());
  }
  DeliveryOutcome o = Outcome(DeliveryOutcome::Kind::kStored, services::Describe(result));
  if (result.outcome == services::IngestResult::Outcome::kDropped ||
      result.outcome == services::IngestResult::Outcome::kIgnored) {
    o.dropped = true;
    spdlog::info("mail <{}> not imported: {}", result.mail_message_id, o.text);
  }
  return o;
}

}  // namespace sahayak::app
