#pragma once

// services::MailServerCheck on ImapClient and SmtpSender: the admins' "test incoming" and
// "test outgoing" for a mailbox.

#include "services/mail/mailbox_service.h"

namespace sahayak::channels {

// Each check runs on a thread of its own and is given up after the deadline (the thread
// finishes its socket time-outs in the background and then ends), so a request never waits
// much longer than `deadline_seconds`. Thread-safe: no state.
class VmimeMailServerCheck : public services::MailServerCheck {
 public:
  Result<int64_t> CheckImap(const domain::Mailbox& m, const std::string& password,
                            int deadline_seconds) override;
  Result<std::string> SendMail(const domain::Mailbox& m, const std::string& password,
                               const domain::OutboundMail& mail, int deadline_seconds) override;
};

}  // namespace sahayak::channels
