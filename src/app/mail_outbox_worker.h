#pragma once

// Sends the mail queued in mail_outbox (services/mail/outbound_service.h queues it).
//
// One thread claims due mail (queued, or "sending" whose claim expired) through the store's
// writer, composes it (channels/email/mail_composer.h) with its attachments read from the blob
// store, and sends it with SmtpSender through the SMTP server of its mailbox — or, when that
// mailbox has none, the workspace's first mailbox that has one. Then:
//   sent                      -> "sent";
//   temporary failure         -> queued again after 1, 5, 15, 60, 120, 240, then 360 ×
//                                retry_base (1 min by default: a day for 10 attempts);
//   permanent failure (5xx for every recipient, a mail that cannot be composed), or the
//                                last attempt failed -> "dead", listed for admins, who may
//                                queue it again (POST /api/v1/mail/outbox/{id}/retry);
//   a login refused           -> retried like a temporary failure, but never dead: the
//                                settings are wrong, not the mail; it is tried again (at
//                                most 6 hours apart by default) until an admin fixes them.
// Some recipients refused, others accepted: the mail counts as sent (it reached the customer
// or their colleagues); the refusals are noted in last_error and a permanent refusal marks
// the address as bouncing. Resending to the refused ones alone would need per-recipient state
// and would show those people a mail twice when a later attempt succeeds for all.
//
// Crash safety: a mail claimed but not marked (a crash or kill while sending) is claimed again
// when its claim (5 minutes) expires and sent with the same Message-ID and Date. SMTP gives no
// exactly-once delivery: the window is between the server's "250" after DATA and our commit of
// "sent"; a duplicate in that window carries the same Message-ID, which mail clients use to
// drop it.
//
// Thread-safety: Start, Stop and Notify may be called from any thread; RunOnce is for tests
// and the worker thread (not concurrently with a started worker).

#include <map>
#include <memory>
#include <string>

#include "app/worker_loop.h"
#include "base/clock.h"
#include "channels/email/smtp_sender.h"
#include "domain/mailbox.h"
#include "services/attachments/blob_store.h"
#include "services/store.h"

namespace sahayak::app {

struct MailOutboxWorkerOptions {
  Millis retry_base_ms = 60 * 1000;
  int max_attempts = 10;
  Millis poll_ms = 5000;          // a look for due mail when not woken
  Millis claim_ms = 5 * 60 * 1000;  // how long a claimed mail is left to this worker
  int batch = 10;                 // mails claimed at a time
};

class MailOutboxWorker {
 public:
  // `secret_key` opens the mailboxes' sealed SMTP passwords.
  MailOutboxWorker(services::Store& store, services::BlobStore& blobs, const Clock& clock,
                   std::string secret_key, MailOutboxWorkerOptions options = {});
  ~MailOutboxWorker();  // Stop()
  MailOutboxWorker(const MailOutboxWorker&) = delete;
  MailOutboxWorker& operator=(const MailOutboxWorker&) = delete;

  void Start();
  // Finishes the mail being sent, then returns. Idempotent.
  void Stop();
  // Look for due mail now (after a mail was queued).
  void Notify();

  // Claims the mail due now and sends it; returns how many mails were handled.
  int RunOnce();

  // The wait before attempt `attempts` + 1, after `attempts` failed ones (>= 1).
  static Millis Backoff(int attempts, Millis base);

 private:
  struct Outcome;
  Outcome SendOne(const domain::MailOutboxItem& item);
  Result<channels::SmtpSender*> SenderFor(const domain::Mailbox& box);

  services::Store& store_;
  services::BlobStore& blobs_;
  const Clock& clock_;
  std::string secret_key_;
  MailOutboxWorkerOptions options_;

  // One connection per mailbox, kept while its settings (version) stay the same.
  struct CachedSender {
    int64_t version = 0;
    Millis updated_at = 0;
    std::unique_ptr<channels::SmtpSender> sender;
  };
  std::map<domain::Id, CachedSender> senders_;  // worker thread only
  WorkerLoop loop_;  // last: stopped before the members its thread uses
};

}  // namespace sahayak::app
