#include "channels/email/mail_server_check.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "channels/email/imap_client.h"
#include "channels/email/mail_composer.h"
#include "channels/email/smtp_sender.h"

namespace sahayak::channels {

namespace {

// "invalid IMAP settings: host is required; port …": the fields in the words an admin reads.
Status WithFieldsInWords(const Status& st) {
  if (st.fields().empty()) return st;
  std::string m = st.message();
  const char* sep = ": ";
  for (const auto& f : st.fields()) {
    m += sep + f.field + " " + f.message;
    sep = "; ";
  }
  return Status(st.code(), m);
}

// Runs `fn` on a detached thread and waits up to `seconds` for its result. The thread owns
// everything it touches (its arguments are copies), so abandoning it is safe.
template <typename T>
Result<T> WithDeadline(int seconds, const std::string& where, std::function<Result<T>()> fn) {
  struct Shared {
    std::mutex mu;
    std::condition_variable cv;
    std::optional<Result<T>> result;
  };
  auto shared = std::make_shared<Shared>();
  std::thread([shared, fn = std::move(fn)] {
    Result<T> r = fn();
    std::lock_guard<std::mutex> lock(shared->mu);
    shared->result.emplace(std::move(r));
    shared->cv.notify_all();
  }).detach();
  std::unique_lock<std::mutex> lock(shared->mu);
  if (!shared->cv.wait_for(lock, std::chrono::seconds(seconds),
                           [&] { return shared->result.has_value(); })) {
    return Unavailable(where + " did not answer within " + std::to_string(seconds) + " seconds");
  }
  return std::move(*shared->result);
}

int ReplyTimeout(int deadline_seconds) {
  return std::max(2, deadline_seconds - 5);
}

// Admins read these: make sure each names the server it is about.
Status NamingServer(const std::string& where, Status st) {
  if (st.ok()) return st;
  std::string hostport = where.substr(where.rfind(' ') + 1);
  if (st.message().find(hostport) != std::string::npos) return st;
  return Status(st.code(), where + ": " + st.message()).WithKind(st.kind());
}

}  // namespace

Result<int64_t> VmimeMailServerCheck::CheckImap(const domain::Mailbox& m,
                                                const std::string& password, int deadline_seconds) {
  ImapSettings s;
  s.host = m.imap_host;
  s.port = static_cast<uint16_t>(m.imap_port);
  auto security = ParseImapSecurity(m.imap_security);
  if (!security.ok()) return security.status();
  s.security = *security;
  s.username = m.imap_username;
  s.password = password;
  s.folder = m.imap_folder;
  auto after = ParseImapAfter(m.imap_after);
  if (!after.ok()) return after.status();
  s.after = *after;
  s.move_to = m.imap_move_to;
  s.tls_verify = m.tls_verify;
  s.timeout_seconds = ReplyTimeout(deadline_seconds);
  std::string where = "the IMAP server " + m.imap_host + ":" + std::to_string(m.imap_port);
  auto r = WithDeadline<int64_t>(deadline_seconds, where, [s]() -> Result<int64_t> {
    auto client = ImapClient::Connect(s);
    if (!client.ok()) return WithFieldsInWords(client.status());
    // Counting needs the UIDs themselves; a folder this large is an answer in itself.
    auto uids = (*client)->PendingUids(1000000);
    if (!uids.ok()) return WithFieldsInWords(uids.status());
    return static_cast<int64_t>(uids->size());
  });
  if (!r.ok()) return NamingServer(where, r.status());
  return r;
}

Result<std::string> VmimeMailServerCheck::SendMail(const domain::Mailbox& m,
                                                   const std::string& password,
                                                   const domain::OutboundMail& mail,
                                                   int deadline_seconds) {
  auto raw = ComposeMail(mail);
  if (!raw.ok()) return WithFieldsInWords(raw.status());
  SmtpSettings s;
  s.host = m.smtp_host;
  s.port = static_cast<uint16_t>(m.smtp_port);
  auto security = ParseSmtpSecurity(m.smtp_security);
  if (!security.ok()) return security.status();
  s.security = *security;
  s.username = m.smtp_username;
  s.password = password;
  s.tls_verify = m.tls_verify;
  s.connect_timeout_seconds = ReplyTimeout(deadline_seconds);
  s.command_timeout_seconds = ReplyTimeout(deadline_seconds);
  std::vector<std::string> rcpts;
  for (const auto& a : mail.to) rcpts.push_back(a.email);
  std::string from = mail.from.email;
  std::string where = "the SMTP server " + m.smtp_host + ":" + std::to_string(m.smtp_port);
  auto r = WithDeadline<std::string>(
      deadline_seconds, where, [s, rcpts, from, raw = std::move(*raw)]() -> Result<std::string> {
        auto sender = SmtpSender::Create(s);
        if (!sender.ok()) return WithFieldsInWords(sender.status());
        auto report = (*sender)->Send(from, rcpts, raw);
        if (!report.ok()) {
          Status st = report.status();
          if (st.fields().empty()) return st;
          // All recipients refused: the server's words for each.
          std::string msg = st.message();
          for (const auto& f : st.fields()) msg += "; " + f.field + ": " + f.message;
          return Status(st.code(), msg);
        }
        if (!report->refused.empty()) {
          return FailedPrecondition((*sender)->where() + " refused " +
                                    report->refused.front().address + ": " +
                                    report->refused.front().reply);
        }
        return report->reply;
      });
  if (!r.ok()) return NamingServer(where, r.status());
  return r;
}

}  // namespace sahayak::channels
