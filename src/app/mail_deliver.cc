// `sahayak mail-deliver`: one e-mail on standard input becomes a ticket, a reply or a note.
// Made for pipe delivery from a mail server (Postfix pipe(8), procmail, fetchmail's mda), so
// its exit status follows sysexits.h: 0 delivered or deliberately dropped, EX_DATAERR (65)
// for input that is not mail, EX_TEMPFAIL (75) for anything the mail server should retry.
#include <spdlog/spdlog.h>
#include <sysexits.h>

#include <cstdio>
#include <string>

#include "app/app.h"
#include "app/commands.h"
#include "base/text.h"
#include "channels/email/vmime_mail_parser.h"

namespace sahayak::app {

namespace {

int Refuse(int code, const std::string& why) {
  std::fprintf(stderr, "sahayak mail-deliver: %s\n", why.c_str());
  return code;
}

// Reads all of stdin, at most `limit` bytes; false (with `*too_big`) past the limit.
bool ReadStdin(size_t limit, std::string* out, bool* too_big) {
  char buf[1 << 16];
  *too_big = false;
  while (true) {
    size_t n = std::fread(buf, 1, sizeof buf, stdin);
    if (n > 0) {
      if (out->size() + n > limit) {
        *too_big = true;
        return false;
      }
      out->append(buf, n);
    }
    if (n < sizeof buf) return std::ferror(stdin) == 0;
  }
}

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

}  // namespace

int MailDeliver(const Config& config, const std::string& mailbox_name) {
  std::string raw;
  bool too_big = false;
  if (!ReadStdin(static_cast<size_t>(config.mail_max_message_bytes), &raw, &too_big)) {
    if (too_big) {
      return Refuse(EX_DATAERR, "the message is larger than the limit of " +
                                    std::to_string(config.mail_max_message_bytes) +
                                    " bytes (mail.max_message_bytes)");
    }
    return Refuse(EX_TEMPFAIL, "cannot read the message from standard input");
  }
  channels::VmimeMailParser parser;
  auto mail = parser.Parse(raw);
  if (!mail.ok()) return Refuse(EX_DATAERR, "not an e-mail: " + mail.status().message());

  // A configuration mistake defers the mail (the mail server keeps it and retries) rather than
  // bouncing it or putting it into the wrong group.
  auto box_config = ChooseMailbox(config, mailbox_name, *mail);
  if (!box_config.ok()) return Refuse(EX_TEMPFAIL, box_config.status().message());

  auto app_or = App::Open(config);
  if (!app_or.ok()) {
    return Refuse(EX_TEMPFAIL, "cannot open the data folder: " + app_or.status().message());
  }
  App& app = **app_or;
  const services::Id ws = app.SystemPrincipal().workspace_id;
  services::InboundMailbox box;
  if (*box_config != nullptr) {
    const MailboxConfig& c = **box_config;
    box.name = c.name;
    box.address = c.address;
    if (!c.group.empty()) {
      Status st = app.store().Read([&](services::ReadTx& tx) -> Status {
        ASSIGN_OR_RETURN(box.group_id, FindGroup(tx, ws, c.group));
        return Status::Ok();
      });
      if (!st.ok()) {
        return Refuse(EX_TEMPFAIL, "mailbox \"" + c.name + "\": " + st.message());
      }
    }
  }

  // Files first, outside the write transaction; a crash between the two steps leaves only
  // unreferenced blobs, and the mail server delivers again.
  auto files = app.mail_ingest().StoreFiles(*mail, raw);
  if (!files.ok()) {
    return Refuse(EX_TEMPFAIL, "cannot store the mail's files: " + files.status().message());
  }
  services::IngestResult result;
  Status st = app.store().Write([&](services::WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(result, app.mail_ingest().Ingest(tx, ws, box, *mail, *files));
    return Status::Ok();
  });
  if (!st.ok()) {
    // Busy or unavailable database, full disk, or a bug: the mail stays with the mail server.
    return Refuse(EX_TEMPFAIL,
                  "the mail was not stored (the mail server will retry): " + st.message());
  }
  const std::string line = services::Describe(result);
  std::printf("%s\n", line.c_str());
  if (result.outcome == services::IngestResult::Outcome::kDropped ||
      result.outcome == services::IngestResult::Outcome::kIgnored) {
    spdlog::info("mail <{}> not imported: {}", result.mail_message_id, line);
  }
  return EX_OK;
}

}  // namespace sahayak::app
