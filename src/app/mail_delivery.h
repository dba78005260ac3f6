#pragma once

#include <string>

#include "app/app.h"
#include "app/config.h"

namespace sahayak::app {

// What became of one delivered e-mail; shared by `sahayak mail-deliver` and the LMTP listener.
struct DeliveryOutcome {
  enum class Kind {
    kStored,    // committed (a ticket, a reply, a note, or deliberately dropped/ignored)
    kTempFail,  // not stored; the mail server keeps the mail and retries
    kNotMail,   // the input is not e-mail; retrying would not help
  };
  Kind kind = Kind::kStored;
  std::string text;  // what happened (Describe()) or why not
  bool dropped = false;  // kStored but deliberately not imported (loops, bounces...)
};

// A parsed mail and the mailbox it goes to (nullptr: the default workspace and group).
struct PreparedMail {
  domain::InboundMail mail;
  const MailboxConfig* mailbox = nullptr;
};

// Parses `raw` and picks the mailbox: the one named `mailbox_name`, else the one whose address
// the mail was delivered or addressed to. kStored means "go on with StoreMail".
DeliveryOutcome PrepareMail(const Config& config, const std::string& mailbox_name,
                            const std::string& raw, PreparedMail* out);

// Stores the files, then ingests in one write transaction. kStored only after the commit.
DeliveryOutcome StoreMail(App& app, const PreparedMail& prepared, const std::string& raw);

// The configured mailbox whose address is `address` (plus-addressing allowed:
// support+anything@example.in matches support@example.in), or nullptr.
const MailboxConfig* MailboxForAddress(const Config& config, const std::string& address);

}  // namespace sahayak::app
