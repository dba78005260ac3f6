#pragma once

// Sending composed mail (channels/email/mail_composer.h) to an SMTP server, with errors
// classified for the outbox: retry later, or give up on this message.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace sahayak::channels {

enum class SmtpSecurity {
  kNone,      // plain TCP: only for a relay on loopback or a trusted network
  kStartTls,  // STARTTLS, required: the mail is not sent when the server does not offer it
  kTls,       // implicit TLS from the first byte ("smtps", port 465)
};

// "none" | "starttls" | "tls", as written in the config.
Result<SmtpSecurity> ParseSmtpSecurity(std::string_view text);
const char* SmtpSecurityName(SmtpSecurity security);

struct SmtpSettings {
  std::string host;
  uint16_t port = 0;  // 0: 465 for kTls, 587 for kStartTls, 25 for kNone
  SmtpSecurity security = SmtpSecurity::kStartTls;
  // Empty: no AUTH. Otherwise AUTH PLAIN (or LOGIN) after TLS. With kNone the password
  // crosses the network in clear text; use that only on loopback.
  std::string username;
  std::string password;
  // Certificate checks (chain to a trusted CA, validity dates, host name = `host`). Turning
  // them off (tls_verify = false) accepts ANY certificate, so anyone on the path can read the
  // mail and the password: UNSAFE, for test servers with self-signed certificates only. To
  // trust a self-signed or private CA, give its PEM file as ca_file instead.
  bool tls_verify = true;
  std::string ca_file;               // PEM file of trusted CAs; empty: the system's bundle
  int connect_timeout_seconds = 30;  // TCP connect, greeting, EHLO, TLS handshake, AUTH
  int command_timeout_seconds = 60;  // longest wait for any later reply (also after DATA)
};

// InvalidArgument naming every bad field ("host", "port", "ca_file", …), or OK.
Status ValidateSmtpSettings(const SmtpSettings& settings);

// Kinds of the errors Send and Check return (Status::kind()), and what the outbox does:
//   kSmtpRejected    kFailedPrecondition: the server refused this message or all its
//                    recipients for good (5xx): dead-letter it; retrying cannot help.
//   kSmtpTemporary   kUnavailable: 4xx replies, connection refused or reset, time-outs, TLS
//                    and certificate failures: retry later with backoff.
//   kSmtpAuthFailed  kUnauthenticated: the server refused the login (535 …): the settings are
//                    wrong, not the message; keep the message queued, show the error to
//                    admins, retry after the settings change (or with a long backoff).
// InvalidArgument (no kind) from Send: the envelope itself is malformed (caller's bug); do not
// retry. The message of every error names the server and carries its reply text.
inline constexpr char kSmtpRejected[] = "smtp-rejected";
inline constexpr char kSmtpTemporary[] = "smtp-temporary";
inline constexpr char kSmtpAuthFailed[] = "smtp-auth-failed";

// True when retrying the same message cannot succeed (kSmtpRejected or InvalidArgument).
bool IsPermanentSmtpFailure(const Status& status);

// A recipient the server refused at RCPT TO.
struct SmtpRefusal {
  std::string address;
  int code = 0;       // 550, 450, …
  std::string reply;  // the server's reply, e.g. "550 5.1.1 <x@example.in>: Recipient ..."
  bool permanent() const { return code >= 500; }
};

struct SendReport {
  std::vector<std::string> accepted;  // recipients the server took the message for
  std::vector<SmtpRefusal> refused;   // the others (empty when all were accepted)
  std::string reply;                  // the reply to the end of DATA, "250 2.0.0 Ok: queued …"
};

// An SMTP client on vmime's SMTP connection (TLS through GnuTLS). The envelope and the data
// are sent by this class, one command at a time (no PIPELINING), so that every recipient's
// answer is known.
//
// Send(from, recipients, raw):
//  - MAIL FROM (empty `from`: the null sender <>, as RFC 3834 asks of auto-replies), with
//    SIZE= and BODY=8BITMIME when the server offers them; then RCPT TO for each recipient.
//  - When some recipients are refused and others accepted, the message goes to the accepted
//    ones and Send returns OK with report.refused saying who and why (the outbox retries the
//    temporary refusals and gives up on the permanent ones for those recipients only).
//  - When all are refused: kSmtpRejected if every refusal was permanent, else
//    kSmtpTemporary; status.fields() has one entry per recipient (field = address,
//    message = the server's reply).
//  - The data: line ends made CRLF, lines starting with "." doubled, then "<CRLF>.<CRLF>".
//  - A time-out after the data was sent leaves it unknown whether the server took the
//    message (RFC 5321 §6.1 problem); it is reported as kSmtpTemporary, so a retry may
//    deliver a duplicate, which the receiver can recognise by the unchanged Message-ID.
// The connection stays open for the next Send (checked with RSET first; reconnected when the
// server has closed it). After any error it is closed. Close() or the destructor says QUIT.
//
// Thread-safety: not thread-safe; one sender per thread (an outbox worker each).
class SmtpSender {
 public:
  // Validates the settings and reads the CA file (InvalidArgument naming the field). Does not
  // connect.
  static Result<std::unique_ptr<SmtpSender>> Create(const SmtpSettings& settings);

  ~SmtpSender();
  SmtpSender(const SmtpSender&) = delete;
  SmtpSender& operator=(const SmtpSender&) = delete;

  // REQUIRES: recipients not empty; addresses plain ASCII local@domain (InvalidArgument
  // otherwise); raw is the whole message.
  Result<SendReport> Send(std::string_view envelope_from,
                          const std::vector<std::string>& recipients, std::string_view raw);

  // Connects, says EHLO, starts TLS, logs in, and keeps the connection for the next Send:
  // "test the mailbox settings" for admins. Errors as for Send.
  Status Check();

  // Says QUIT and closes the connection, if open. Safe to call at any time.
  void Close();

  const std::string& where() const { return where_; }  // "host:port", for messages and logs

  struct Impl;  // vmime objects, in smtp_sender.cc

 private:
  SmtpSender(const SmtpSettings& settings, std::unique_ptr<Impl> impl);
  Status Connect();
  Status Authenticate();

  SmtpSettings settings_;
  std::string where_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sahayak::channels
