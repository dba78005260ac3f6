#pragma once

#include <string_view>

#include "base/status.h"
#include "domain/mail.h"

namespace sahayak::services {

// Turns the raw bytes of one e-mail (RFC 5322, as IMAP, LMTP or a pipe delivers them) into an
// InboundMail. Implemented in channels/email/ with vmime; services never see MIME types.
// Broken real-world mail is parsed as far as possible (problems[] says what was repaired);
// only input that is not mail at all (empty, binary garbage without headers) is an error.
class MailParser {
 public:
  virtual ~MailParser() = default;
  virtual Result<domain::InboundMail> Parse(std::string_view raw) const = 0;
};

}  // namespace sahayak::services
