#include "app/mail_outbox_worker.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "base/crypto.h"
#include "base/text.h"
#include "channels/email/mail_composer.h"
#include "services/mail/outbound_service.h"

namespace sahayak::app {

using domain::Id;
using domain::MailOutboxItem;

struct MailOutboxWorker::Outcome {
  enum class Kind { kSent, kRetry, kDead };
  Kind kind = Kind::kSent;
  std::string error;  // for kRetry / kDead; for kSent, the refused recipients, if any
  std::vector<domain::MailBounce> bounces;  // permanent refusals
  bool settings_wrong = false;  // the server refused the login: not the mail's fault
};

namespace {

constexpr char kNoSmtp[] =
    "no SMTP server is configured: add a mailbox with an SMTP server and the mail goes out";

// The mailbox to send through: `preferred` when it has an SMTP server, else the workspace's
// first enabled mailbox that has one.
Result<std::optional<domain::Mailbox>> SendingMailbox(services::Store& store, Id ws,
                                                      std::optional<Id> preferred,
                                                      std::optional<domain::Mailbox>* from_box) {
  std::optional<domain::Mailbox> out;
  RETURN_IF_ERROR(store.Read([&](services::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto boxes, tx.ListMailboxes(ws));
    for (const auto& b : boxes) {
      if (preferred && b.id == *preferred) {
        *from_box = b;
        if (b.enabled && !b.smtp_host.empty()) out = b;
      }
    }
    if (!out) {
      for (const auto& b : boxes) {
        if (b.enabled && !b.smtp_host.empty()) {
          out = b;
          break;
        }
      }
    }
    return Status::Ok();
  }));
  return out;
}

}  // namespace

MailOutboxWorker::MailOutboxWorker(services::Store& store, services::BlobStore& blobs,
                                   const Clock& clock, std::string secret_key,
                                   MailOutboxWorkerOptions options)
    : store_(store),
      blobs_(blobs),
      clock_(clock),
      secret_key_(std::move(secret_key)),
      options_(options) {}

MailOutboxWorker::~MailOutboxWorker() { Stop(); }

Millis MailOutboxWorker::Backoff(int attempts, Millis base) {
  static constexpr Millis kSteps[] = {1, 5, 15, 60, 120, 240, 360};
  const int i = std::clamp(attempts, 1, static_cast<int>(std::size(kSteps))) - 1;
  return kSteps[i] * base;
}

void MailOutboxWorker::Start() {
  loop_.Start([this] { return RunOnce(); }, options_.batch, [this] { return options_.poll_ms; });
}

void MailOutboxWorker::Stop() {
  loop_.Stop();
  for (auto& [id, c] : senders_) {
    if (c.sender) c.sender->Close();
  }
  senders_.clear();
}

void MailOutboxWorker::Notify() { loop_.Notify(); }

Result<channels::SmtpSender*> MailOutboxWorker::SenderFor(const domain::Mailbox& box) {
  auto it = senders_.find(box.id);
  if (it != senders_.end() && it->second.version == box.version &&
      it->second.updated_at == box.updated_at) {
    return it->second.sender.get();
  }
  channels::SmtpSettings s;
  s.host = box.smtp_host;
  s.port = static_cast<uint16_t>(box.smtp_port);
  ASSIGN_OR_RETURN(s.security, channels::ParseSmtpSecurity(box.smtp_security));
  s.username = box.smtp_username;
  if (!box.smtp_password_sealed.empty()) {
    auto pw = OpenSecret(secret_key_, box.smtp_password_sealed);
    if (!pw.ok()) {
      return Unavailable("the SMTP password of mailbox " + box.name +
                         " cannot be opened with this server's secret key; enter it again");
    }
    s.password = std::move(pw).value();
  }
  s.tls_verify = box.tls_verify;
  ASSIGN_OR_RETURN(auto sender, channels::SmtpSender::Create(s));
  CachedSender& c = senders_[box.id];
  if (c.sender) c.sender->Close();
  c.version = box.version;
  c.updated_at = box.updated_at;
  c.sender = std::move(sender);
  return c.sender.get();
}

MailOutboxWorker::Outcome MailOutboxWorker::SendOne(const MailOutboxItem& item) {
  using K = Outcome::Kind;
  auto queued = services::DecodeQueuedMail(item.payload);
  if (!queued.ok()) return {K::kDead, queued.status().message(), {}};
  services::QueuedMail q = std::move(queued).value();

  std::optional<domain::Mailbox> from_box;
  auto via = SendingMailbox(store_, item.workspace_id, item.mailbox_id, &from_box);
  if (!via.ok()) return {K::kRetry, via.status().message(), {}};
  if (!*via) return {K::kRetry, kNoSmtp, {}};
  const domain::Mailbox& box = **via;
  // Queued without a mailbox (or its mailbox was deleted): From is the sending one's.
  if (q.mail.from.email.empty()) services::AddressFromMailbox(from_box ? *from_box : box, &q);

  for (const auto& a : q.attachments) {
    auto bytes = blobs_.Get(a.sha256);
    if (!bytes.ok()) {
      if (bytes.status().code() == Code::kNotFound) {
        return {K::kDead, "attachment " + a.filename + " is missing from the file store", {}};
      }
      return {K::kRetry, "attachment " + a.filename + ": " + bytes.status().message(), {}};
    }
    q.mail.parts.push_back(
        {a.filename, a.mime_type, a.content_id, a.is_inline, std::move(bytes).value()});
  }
  auto raw = channels::ComposeMail(q.mail);
  if (!raw.ok()) {
    std::string why = "the mail cannot be composed: " + raw.status().message();
    for (const auto& f : raw.status().fields()) {
      if (why.find(f.message) == std::string::npos) why += "; " + f.field + ": " + f.message;
    }
    return {K::kDead, why, {}};
  }
  std::vector<std::string> rcpts;
  for (const auto* list : {&q.mail.to, &q.mail.cc}) {
    for (const auto& a : *list) rcpts.push_back(a.email);
  }
  auto sender = SenderFor(box);
  if (!sender.ok()) return {K::kRetry, "mailbox " + box.name + ": " + sender.status().message(), {}};
  const std::string from = q.null_sender ? "" : q.mail.from.email;
  auto report = (*sender)->Send(from, rcpts, *raw);
  const Millis now = clock_.Now();
  if (report.ok()) {
    Outcome out{K::kSent, "", {}};
    for (const auto& r : report->refused) {
      out.error += (out.error.empty() ? "sent; refused: " : "; ") + r.address + " (" + r.reply + ")";
      if (r.permanent()) out.bounces.push_back({FoldCase(r.address), "", r.reply, now});
    }
    return out;
  }
  const Status& st = report.status();
  Outcome out{channels::IsPermanentSmtpFailure(st) ? K::kDead : K::kRetry, st.message(), {}};
  out.settings_wrong = st.kind() == channels::kSmtpAuthFailed;
  if (st.kind() == channels::kSmtpRejected) {
    for (const auto& f : st.fields()) {
      out.bounces.push_back({FoldCase(f.field), "", f.message, now});
    }
  }
  return out;
}

int MailOutboxWorker::RunOnce() {
  const Millis now = clock_.Now();
  std::vector<MailOutboxItem> claimed;
  Status st = store_.Write([&](services::WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(claimed, tx.ClaimMailOutbox(now, now + options_.claim_ms, options_.batch));
    return Status::Ok();
  });
  if (!st.ok()) {
    spdlog::warn("mail outbox: cannot claim mail: {}", st.message());
    return 0;
  }
  for (const auto& item : claimed) {
    Outcome o = SendOne(item);
    const Millis at = clock_.Now();
    Outcome::Kind kind = o.kind;
    // A refused login waits (at the longest backoff) for an admin to fix the mailbox.
    if (kind == Outcome::Kind::kRetry && item.attempts >= options_.max_attempts &&
        !o.settings_wrong) {
      kind = Outcome::Kind::kDead;
      o.error = "gave up after " + std::to_string(item.attempts) + " attempts: " + o.error;
    }
    const Millis next = at + Backoff(item.attempts, options_.retry_base_ms);
    Status mark = store_.Write([&](services::WriteTx& tx) -> Status {
      switch (kind) {
        case Outcome::Kind::kSent:
          RETURN_IF_ERROR(tx.MarkMailOutboxSent(item.id, at));
          if (!o.error.empty()) RETURN_IF_ERROR(tx.SetMailOutboxError(item.id, o.error, at));
          break;
        case Outcome::Kind::kRetry:
          RETURN_IF_ERROR(tx.MarkMailOutboxRetry(item.id, next, o.error, at));
          break;
        case Outcome::Kind::kDead:
          RETURN_IF_ERROR(tx.MarkMailOutboxDead(item.id, o.error, at));
          break;
      }
      for (const auto& b : o.bounces) {
        if (!b.email.empty()) RETURN_IF_ERROR(tx.PutMailBounce(item.workspace_id, b));
      }
      return Status::Ok();
    });
    switch (kind) {
      case Outcome::Kind::kSent:
        spdlog::info("mail outbox: sent {} #{} <{}> to {}{}", item.kind, item.id, item.message_id,
                     item.to_email, o.error.empty() ? "" : " (" + o.error + ")");
        break;
      case Outcome::Kind::kRetry:
        spdlog::warn("mail outbox: {} #{} to {} failed (attempt {}), retrying in {:.1f} s: {}",
                     item.kind, item.id, item.to_email, item.attempts,
                     static_cast<double>(next - at) / 1000.0, o.error);
        break;
      case Outcome::Kind::kDead:
        spdlog::error("mail outbox: {} #{} to {} is dead after {} attempt(s): {}", item.kind,
                      item.id, item.to_email, item.attempts, o.error);
        break;
    }
    if (!mark.ok()) {
      // The claim expires and the mail is tried again: for a sent one, a duplicate with the
      // same Message-ID (see the header).
      spdlog::error("mail outbox: cannot record the result of #{}: {}", item.id, mark.message());
    }
  }
  return static_cast<int>(claimed.size());
}

}  // namespace sahayak::app
