#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "app/app.h"
#include "app/config.h"
#include "domain/mailbox.h"

namespace sahayak::app {

// What became of one delivered e-mail; shared by `sahayak mail-deliver`, the LMTP listener and
// the IMAP fetcher.
struct DeliveryOutcome {
  enum class Kind {
    kStored,    // committed (a ticket, a reply, a note, or deliberately dropped/ignored)
    kTempFail,  // not stored; the mail server keeps the mail and retries
    kNotMail,   // the input is not e-mail; retrying would not help
  };
  Kind kind = Kind::kStored;
  std::string text;  // what happened (Describe()) or why not
  bool dropped = false;  // kStored but deliberately not imported (loops, bounces...)
  std::string message_id;  // the Message-ID stored (kStored)
};

// A parsed mail and the mailbox it goes to (none: the default workspace and group).
struct PreparedMail {
  domain::InboundMail mail;
  std::optional<domain::Mailbox> mailbox;
};

// Parses `raw`; kStored means "go on with ChooseMailbox".
DeliveryOutcome ParseMail(const std::string& raw, PreparedMail* out);

// Picks the mailbox of a parsed mail: the one named `mailbox_name`, else the one whose address
// the mail was delivered or addressed to, else none. A name that does not exist is kTempFail
// (a configuration mistake defers the mail rather than putting it in the wrong group).
DeliveryOutcome ChooseMailbox(App& app, const std::string& mailbox_name, PreparedMail* prepared);

// Where a prepared mail goes, for MailIngestService::Ingest.
services::InboundMailbox InboundBox(const PreparedMail& prepared);

// Stores the files, then ingests in one write transaction, in which `also` (if given) runs
// after the ingest (the IMAP fetcher records the message's UID there). kStored only after the
// commit.
DeliveryOutcome StoreMail(
    App& app, const PreparedMail& prepared, const std::string& raw,
    const std::function<Status(services::WriteTx&, const services::IngestResult&)>& also = {});

// The workspace's mailbox whose address is `address` (plus-addressing allowed:
// support+anything@example.in matches support@example.in), if any.
Result<std::optional<domain::Mailbox>> MailboxForAddress(App& app, const std::string& address);

// Whether the workspace has any mailbox (with none, all mail goes to the default group).
Result<bool> AnyMailbox(App& app);

// Makes the config file's [[mail.mailboxes]] exist as mailboxes (by name; address and group
// follow the file). Run at start-up. A mailbox that cannot be set up (its group does not
// exist, its address is taken) is left out and named in the result, by mailbox name; the
// others are set up.
Result<std::map<std::string, std::string>> SyncConfigMailboxes(App& app);

}  // namespace sahayak::app
