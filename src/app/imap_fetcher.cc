#include "app/imap_fetcher.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

#include "app/mail_delivery.h"
#include "base/crypto.h"
#include "channels/email/imap_client.h"

namespace sahayak::app {

struct ImapFetcher::Worker {
  domain::Mailbox mailbox;
  std::thread thread;
  std::atomic<bool> stop{false};
  std::mutex mu;  // guards client, wake
  std::condition_variable cv;
  bool wake = false;
  channels::ImapClient* client = nullptr;  // while connected

  void Wake() {
    std::lock_guard<std::mutex> lock(mu);
    wake = true;
    if (client != nullptr) client->Interrupt();
    cv.notify_all();
  }
};

namespace {

Result<channels::ImapSettings> SettingsOf(const domain::Mailbox& m, const std::string& password,
                                          size_t max_message_bytes) {
  channels::ImapSettings s;
  s.host = m.imap_host;
  s.port = static_cast<uint16_t>(m.imap_port);
  ASSIGN_OR_RETURN(s.security, channels::ParseImapSecurity(m.imap_security));
  ASSIGN_OR_RETURN(s.after, channels::ParseImapAfter(m.imap_after));
  s.username = m.imap_username;
  s.password = password;
  s.folder = m.imap_folder.empty() ? "INBOX" : m.imap_folder;
  s.move_to = m.imap_move_to;
  s.tls_verify = m.tls_verify;
  s.timeout_seconds = 30;
  s.max_message_bytes = max_message_bytes;
  return s;
}

}  // namespace

ImapFetcher::ImapFetcher(App& app, ImapFetcherOptions options)
    : app_(app), options_(options) {}

ImapFetcher::~ImapFetcher() { Stop(); }

void ImapFetcher::Start() {
  std::lock_guard<std::mutex> lock(mu_);
  if (supervisor_.joinable()) return;
  stopping_ = false;
  supervisor_ = std::thread([this] { Supervise(); });
}

void ImapFetcher::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
    cv_.notify_all();
  }
  if (supervisor_.joinable()) supervisor_.join();
  std::map<domain::Id, std::unique_ptr<Worker>> workers;
  {
    std::lock_guard<std::mutex> lock(mu_);
    workers.swap(workers_);
  }
  for (auto& [id, w] : workers) {
    w->stop = true;
    w->Wake();
  }
  for (auto& [id, w] : workers) {
    if (w->thread.joinable()) w->thread.join();
  }
}

void ImapFetcher::Reload() {
  std::lock_guard<std::mutex> lock(mu_);
  reload_ = true;
  cv_.notify_all();
}

Status ImapFetcher::FetchNow(domain::Id ws, domain::Id mailbox_id) {
  domain::Mailbox m;
  RETURN_IF_ERROR(app_.store().Read([&](services::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(m, tx.GetMailbox(ws, mailbox_id));
    return Status::Ok();
  }));
  if (!m.enabled) return FailedPrecondition("mailbox \"" + m.name + "\" is disabled");
  if (m.imap_host.empty()) {
    return FailedPrecondition("mailbox \"" + m.name +
                              "\" has no IMAP server; its mail arrives by LMTP or mail-deliver");
  }
  std::unique_lock<std::mutex> lock(mu_);
  auto it = workers_.find(mailbox_id);
  if (it == workers_.end() || it->second->mailbox.version != m.version) {
    reload_ = true;  // the supervisor starts it, and a new worker fetches at once
    cv_.notify_all();
    return Status::Ok();
  }
  it->second->Wake();
  return Status::Ok();
}

void ImapFetcher::Supervise() {
  while (true) {
    Reconcile();
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait_for(lock, std::chrono::seconds(options_.reconcile_seconds),
                 [this] { return stopping_ || reload_; });
    if (stopping_) return;
    reload_ = false;
  }
}

void ImapFetcher::Reconcile() {
  std::vector<domain::Mailbox> boxes;
  Status st = app_.store().Read([&](services::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(boxes, tx.ListImapMailboxes());
    return Status::Ok();
  });
  if (!st.ok()) {
    spdlog::warn("IMAP: cannot read the mailboxes: {}", st.message());
    return;
  }
  std::vector<std::unique_ptr<Worker>> retired;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) return;
    std::map<domain::Id, const domain::Mailbox*> want;
    for (const auto& m : boxes) want[m.id] = &m;
    for (auto it = workers_.begin(); it != workers_.end();) {
      auto w = want.find(it->first);
      if (w == want.end() || w->second->version != it->second->mailbox.version) {
        retired.push_back(std::move(it->second));
        it = workers_.erase(it);
      } else {
        ++it;
      }
    }
    for (const auto& m : boxes) {
      if (workers_.count(m.id) != 0) continue;
      auto w = std::make_unique<Worker>();
      w->mailbox = m;
      Worker* raw = w.get();
      w->thread = std::thread([this, raw] { RunWorker(raw); });
      workers_[m.id] = std::move(w);
    }
  }
  for (auto& w : retired) {
    w->stop = true;
    w->Wake();
  }
  for (auto& w : retired) {
    if (w->thread.joinable()) w->thread.join();
  }
}

bool ImapFetcher::SleepUnlessWoken(Worker* w, int seconds) {
  std::unique_lock<std::mutex> lock(w->mu);
  w->cv.wait_for(lock, std::chrono::seconds(seconds), [w] { return w->stop || w->wake; });
  w->wake = false;
  return !w->stop;
}

void ImapFetcher::RunWorker(Worker* w) {
  const domain::Mailbox& m = w->mailbox;
  int backoff = 5;
  while (!w->stop) {
    std::string password;
    if (!m.imap_password_sealed.empty()) {
      auto opened = OpenSecret(app_.secret_key(), m.imap_password_sealed);
      if (!opened.ok()) {
        spdlog::error("IMAP mailbox \"{}\": {}", m.name, opened.status().message());
        (void)app_.store().Write([&](services::WriteTx& tx) {
          return tx.SetMailboxFetchState(m.workspace_id, m.id, SystemClock::Get().Now(),
                                         "the IMAP password " + opened.status().message());
        });
        if (!SleepUnlessWoken(w, options_.max_backoff_seconds)) return;
        continue;
      }
      password = *opened;
    }
    const auto started = std::chrono::steady_clock::now();
    RunConnection(w, password);
    if (w->stop) return;
    // A connection that lasted a while resets the pause; quick failures double it.
    if (std::chrono::steady_clock::now() - started > std::chrono::minutes(2)) backoff = 5;
    if (!SleepUnlessWoken(w, backoff)) return;
    backoff = std::min(backoff * 2, options_.max_backoff_seconds);
  }
}

void ImapFetcher::RunConnection(Worker* w, const std::string& password) {
  const domain::Mailbox& m = w->mailbox;
  auto record = [&](const std::string& error) {
    Status st = app_.store().Write([&](services::WriteTx& tx) {
      return tx.SetMailboxFetchState(m.workspace_id, m.id, SystemClock::Get().Now(), error);
    });
    if (!st.ok()) spdlog::warn("IMAP mailbox \"{}\": {}", m.name, st.message());
  };
  const size_t max_bytes = static_cast<size_t>(app_.config().mail_max_message_bytes);
  auto settings = SettingsOf(m, password, max_bytes);
  if (!settings.ok()) {
    record(settings.status().message());
    return;
  }
  auto connected = channels::ImapClient::Connect(*settings);
  if (!connected.ok()) {
    spdlog::warn("IMAP mailbox \"{}\" ({}:{}): {}", m.name, m.imap_host, m.imap_port,
                 connected.status().message());
    record(connected.status().message());
    return;
  }
  std::unique_ptr<channels::ImapClient> client = std::move(connected).value();
  {
    std::lock_guard<std::mutex> lock(w->mu);
    w->client = client.get();
    w->wake = false;
  }
  struct Unpublish {
    Worker* w;
    ~Unpublish() {
      std::lock_guard<std::mutex> lock(w->mu);
      w->client = nullptr;
    }
  } unpublish{w};
  spdlog::info("IMAP mailbox \"{}\": connected to {}:{} ({})", m.name, m.imap_host, m.imap_port,
               client->has_idle() ? "IDLE" : "polling");
  const std::string folder = settings->folder;

  while (!w->stop) {
    auto uids = client->PendingUids(options_.batch);
    if (!uids.ok()) {
      record(uids.status().message());
      return;
    }
    std::string problem;
    for (uint32_t uid : *uids) {
      if (w->stop) return;
      bool imported = false;
      Status st = app_.store().Read([&](services::ReadTx& tx) -> Status {
        ASSIGN_OR_RETURN(imported, tx.IsImapUidImported(m.id, folder, client->uid_validity(),
                                                        uid));
        return Status::Ok();
      });
      if (!st.ok()) {
        record(st.message());
        return;
      }
      if (!imported) {
        auto raw = client->FetchRaw(uid);
        if (!raw.ok() && raw.status().code() == Code::kNotFound) continue;  // expunged meanwhile
        if (!raw.ok() && raw.status().code() != Code::kResourceExhausted) {
          record(raw.status().message());
          return;
        }
        auto remember = [&](services::WriteTx& tx, const std::string& message_id) {
          return tx.RecordImapUid(m.id, folder, client->uid_validity(), uid, message_id,
                                  SystemClock::Get().Now());
        };
        PreparedMail prepared;
        DeliveryOutcome o;
        if (!raw.ok()) {  // larger than mail.max_message_bytes: not even read
          o.kind = DeliveryOutcome::Kind::kNotMail;
          o.text = raw.status().message() + " (mail.max_message_bytes)";
        } else {
          o = ParseMail(*raw, &prepared);
        }
        if (o.kind == DeliveryOutcome::Kind::kNotMail) {
          // Not importable: it stays on the server (marked, so it is not fetched again and
          // again) and the admins are told which message it was.
          problem = "message UID " + std::to_string(uid) + " in " + folder +
                    " was not imported: " + o.text;
          spdlog::warn("IMAP mailbox \"{}\": {}", m.name, problem);
          Status kept = app_.store().Write([&](services::WriteTx& tx) { return remember(tx, ""); });
          if (!kept.ok()) {
            record(kept.message());
            return;
          }
        } else {
          prepared.mailbox = m;
          o = StoreMail(app_, prepared, *raw,
                        [&](services::WriteTx& tx, const services::IngestResult& r) {
                          return remember(tx, r.mail_message_id);
                        });
          if (o.kind != DeliveryOutcome::Kind::kStored) {
            spdlog::warn("IMAP mailbox \"{}\": UID {} not stored: {}", m.name, uid, o.text);
            record(o.text);
            return;  // reconnect after a pause; the message is still pending
          }
          spdlog::info("IMAP mailbox \"{}\": UID {}: {}", m.name, uid, o.text);
        }
      }
      if (Status done = client->MarkDone(uid); !done.ok()) {
        record(done.message());
        return;
      }
    }
    record(problem);
    if (uids->size() >= options_.batch) continue;
    auto news = client->WaitForNews(client->has_idle() ? options_.idle_seconds
                                                       : std::max(10, m.imap_poll_seconds));
    if (!news.ok()) {
      record(news.status().message());
      return;
    }
  }
}

}  // namespace sahayak::app
