// `sahayak mail-deliver`: one e-mail on standard input becomes a ticket, a reply or a note.
// Made for pipe delivery from a mail server (Postfix pipe(8), procmail, fetchmail's mda), so
// its exit status follows sysexits.h: 0 delivered or deliberately dropped, EX_DATAERR (65)
// for input that is not mail, EX_TEMPFAIL (75) for anything the mail server should retry.
#include <sysexits.h>

#include <cstdio>
#include <string>

#include "app/app.h"
#include "app/commands.h"
#include "app/mail_delivery.h"

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
  PreparedMail prepared;
  DeliveryOutcome o = ParseMail(raw, &prepared);
  if (o.kind == DeliveryOutcome::Kind::kNotMail) return Refuse(EX_DATAERR, o.text);

  auto app_or = App::Open(config);
  if (!app_or.ok()) {
    return Refuse(EX_TEMPFAIL, "cannot open the data folder: " + app_or.status().message());
  }
  auto synced = SyncConfigMailboxes(**app_or);
  if (!synced.ok()) return Refuse(EX_TEMPFAIL, synced.status().message());
  if (auto it = synced->find(mailbox_name); it != synced->end()) {
    return Refuse(EX_TEMPFAIL, it->second);
  }
  o = ChooseMailbox(**app_or, mailbox_name, &prepared);
  if (o.kind == DeliveryOutcome::Kind::kTempFail) return Refuse(EX_TEMPFAIL, o.text);
  o = StoreMail(**app_or, prepared, raw);
  if (o.kind != DeliveryOutcome::Kind::kStored) return Refuse(EX_TEMPFAIL, o.text);
  std::printf("%s\n", o.text.c_str());
  return EX_OK;
}

}  // namespace sahayak::app
