#pragma once

// Imports mail from the workspaces' IMAP mailboxes: one thread per enabled mailbox with an
// IMAP host, each keeping one connection, waiting with IDLE where the server has it (else
// polling every imap_poll_seconds), importing each pending message through the same path as
// LMTP and `mail-deliver`, and marking it done on the server only after its ticket committed
// (with its UID recorded in the same transaction; see channels/email/imap_client.h).

#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "app/app.h"
#include "domain/mailbox.h"

namespace sahayak::channels {
class ImapClient;
}

namespace sahayak::app {

struct ImapFetcherOptions {
  int reconcile_seconds = 15;      // how often the list of mailboxes is re-read
  int max_backoff_seconds = 300;   // between reconnects after errors (from 5 s, doubling)
  int idle_seconds = 600;          // one IDLE before it is renewed
  size_t batch = 100;              // UIDs per pass
};

class ImapFetcher {
 public:
  ImapFetcher(App& app, ImapFetcherOptions options = {});
  ~ImapFetcher();  // Stop()
  ImapFetcher(const ImapFetcher&) = delete;
  ImapFetcher& operator=(const ImapFetcher&) = delete;

  void Start();
  // Stops every mailbox's thread (an IDLE or poll is interrupted; a connection attempt in
  // progress finishes its time-out first).
  void Stop();

  // Makes the mailbox check for mail now. NotFound when it is not an enabled IMAP mailbox of
  // the workspace; a mailbox created or changed a moment ago is picked up first.
  Status FetchNow(domain::Id ws, domain::Id mailbox_id);
  // Re-reads the mailboxes now (after one was created, changed or deleted).
  void Reload();

 private:
  struct Worker;
  void Supervise();
  void Reconcile();
  void RunWorker(Worker* w);
  // One connection's life; returns when the connection fails or the worker stops.
  void RunConnection(Worker* w, const std::string& password);
  bool SleepUnlessWoken(Worker* w, int seconds);

  App& app_;
  ImapFetcherOptions options_;
  std::thread supervisor_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  bool reload_ = false;
  std::map<domain::Id, std::unique_ptr<Worker>> workers_;  // by mailbox id
};

}  // namespace sahayak::app
