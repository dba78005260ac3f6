#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace sahayak::channels {

enum class ImapSecurity { kNone, kStartTls, kTls };
enum class ImapAfter { kFlag, kMove, kDelete };

// "none" | "starttls" | "tls" and "flag" | "move" | "delete", as written in the config.
Result<ImapSecurity> ParseImapSecurity(std::string_view text);
Result<ImapAfter> ParseImapAfter(std::string_view text);
const char* ImapSecurityName(ImapSecurity security);
const char* ImapAfterName(ImapAfter after);

// One IMAP mailbox folder to import from.
struct ImapSettings {
  std::string host;
  uint16_t port = 0;  // 0: 993 for kTls, 143 otherwise
  ImapSecurity security = ImapSecurity::kTls;
  std::string username;
  std::string password;
  std::string folder = "INBOX";  // '/' separates levels; any UTF-8 (sent as modified UTF-7)
  ImapAfter after = ImapAfter::kFlag;
  std::string move_to;       // REQUIRES for kMove: a folder that exists, not `folder`
  // Certificate checks (chain, dates, host name = `host`; see channels/email/tls_trust.h).
  // false accepts ANY certificate: UNSAFE, for test servers only; prefer ca_file.
  bool tls_verify = true;
  std::string ca_file;       // PEM file of trusted CAs; empty: the system's bundle
  int timeout_seconds = 60;  // for one server reply (not for WaitForNews)
  bool idle = true;          // false: never IDLE, poll with NOOP (for proxies that cut idle links)
  size_t max_message_bytes = 50u * 1024 * 1024;  // FetchRaw refuses larger messages
};

// InvalidArgument naming every bad field (field names as above), or OK.
Status ValidateImapSettings(const ImapSettings& settings);

// Kinds of the errors ImapClient returns (Status::kind()):
inline constexpr char kImapAuthFailed[] = "imap-auth-failed";  // kUnauthenticated: fix settings
inline constexpr char kImapTemporary[] = "imap-temporary";     // kUnavailable: retry later
inline constexpr char kImapRefused[] = "imap-refused";  // kFailedPrecondition: server said NO

// The keyword set on imported messages when the folder allows keywords.
inline constexpr char kImportedKeyword[] = "$SahayakImported";

// An IMAP client for importing mail from one folder, on vmime's IMAP connection.
//
// The poller's loop it is made for (the database is the truth; the server's flags only
// spare work):
//
//   ASSIGN_OR_RETURN(auto client, ImapClient::Connect(settings));
//   while (!stopping) {
//     ASSIGN_OR_RETURN(auto uids, client->PendingUids(100));
//     for (uint32_t uid : uids) {
//       if (!db.Imported(mailbox, folder, client->uid_validity(), uid)) {
//         ASSIGN_OR_RETURN(std::string raw, client->FetchRaw(uid));   // NotFound: skip it
//         parse, then in ONE transaction: store the ticket (dedup by Message-ID too) and
//         record (mailbox, folder, uid_validity, uid) as imported;
//       }
//       RETURN_IF_ERROR(client->MarkDone(uid));   // only after that commit
//     }
//     if (uids.size() < 100) ASSIGN_OR_RETURN(bool news, client->WaitForNews(300));
//   }
//
// A crash between the commit and MarkDone leaves the message pending on the server; the next
// pass finds the UID recorded and only marks it done, so nothing is lost or imported twice.
// On any kUnavailable error the connection is unusable (every later call says so): drop the
// client and Connect again after a pause. A UIDVALIDITY change means old UIDs name other
// messages; the (uid_validity, uid) key keeps them apart and Message-ID dedup catches the
// rest.
//
// What "pending" means: messages without the keyword $SahayakImported and without \Deleted.
// When the folder's PERMANENTFLAGS do not allow new keywords (no "\*" and the keyword not
// already listed), \Seen is used instead: pending = unseen and not deleted, so a message a
// person has already read in that folder before the import began is not imported (say so in
// the mailbox set-up docs). FetchRaw never sets \Seen (BODY.PEEK[]).
//
// Thread-safety: one thread uses a client, except Interrupt(), which any thread may call.
class ImapClient {
 public:
  // Connects (TLS, or STARTTLS required when asked), logs in and selects settings.folder
  // read-write; for kMove also checks that move_to exists. Errors: InvalidArgument (settings),
  // kImapAuthFailed with the server's words, kImapTemporary (network, TLS, certificate, time
  // out), kImapRefused (folder missing or not selectable, with the server's words).
  static Result<std::unique_ptr<ImapClient>> Connect(const ImapSettings& settings);

  ~ImapClient();  // logs out politely when it can
  ImapClient(const ImapClient&) = delete;
  ImapClient& operator=(const ImapClient&) = delete;

  uint32_t uid_validity() const { return uid_validity_; }
  // Whether pending is decided by the keyword (true) or by \Seen (false); see above.
  bool uses_keyword() const { return uses_keyword_; }
  // Whether WaitForNews uses IDLE (RFC 2177): the server offers it and settings.idle is set;
  // otherwise it polls with NOOP.
  bool has_idle() const { return has_idle_; }

  // The first `limit` pending UIDs in ascending order. REQUIRES: limit > 0.
  Result<std::vector<uint32_t>> PendingUids(size_t limit);

  // The message's bytes exactly as the server stores them, without setting \Seen. NotFound
  // when the UID is no longer in the folder (expunged by someone else); ResourceExhausted
  // (before any of the body is read) when its RFC822.SIZE exceeds max_message_bytes.
  Result<std::string> FetchRaw(uint32_t uid);

  // Marks the message done per settings.after: kFlag sets the keyword (when used) and \Seen;
  // kMove sets them and moves it to move_to (MOVE, or COPY + \Deleted + UID EXPUNGE — plain
  // EXPUNGE without UIDPLUS, which also removes other messages marked \Deleted); kDelete sets
  // them and \Deleted and expunges likewise. Marking a UID that is already gone is OK.
  Status MarkDone(uint32_t uid);

  // Waits up to `seconds` for news: with IDLE until the server reports EXISTS above the
  // count it last reported (a new message), otherwise by sleeping and then sending NOOP.
  // Returns true when there may be new mail (such an EXISTS came during the wait or with any
  // reply since the last wait) or Interrupt() was called (before or during the wait); false
  // when the time ran out quietly. An interrupt returns within about a quarter of a second.
  Result<bool> WaitForNews(int seconds);

  // Makes the current or next WaitForNews return true soon. Thread-safe, never blocks.
  void Interrupt();

  struct Impl;  // vmime objects, in imap_client.cc

 private:
  ImapClient(const ImapSettings& settings, std::unique_ptr<Impl> impl);

  Status Select();
  Status ExpungeUid(uint32_t uid);
  bool TakeInterrupt();

  ImapSettings settings_;
  std::unique_ptr<Impl> impl_;
  uint32_t uid_validity_ = 0;
  bool uses_keyword_ = false;
  bool has_idle_ = false;
  bool has_move_ = false;
  bool has_uidplus_ = false;

  std::mutex mu_;
  std::condition_variable cv_;
  std::atomic<bool> interrupted_{false};
};

}  // namespace sahayak::channels
