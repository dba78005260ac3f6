#include "channels/email/smtp_sender.h"

#include <atomic>
#include <exception>
#include <memory>
#include <string>
#include <utility>
#include <vector>
#include <vmime/net/smtp/SMTPCommand.hpp>
#include <vmime/net/smtp/SMTPConnection.hpp>
#include <vmime/net/smtp/SMTPExceptions.hpp>
#include <vmime/net/smtp/SMTPResponse.hpp>
#include <vmime/net/smtp/SMTPTransport.hpp>
#include <vmime/security/cert/certificateException.hpp>
#include <vmime/security/cert/certificateVerifier.hpp>
#include <vmime/vmime.hpp>

#include "base/clock.h"
#include "base/crypto.h"
#include "base/text.h"
#include "channels/email/tls_trust.h"

namespace sahayak::channels {

namespace smtp = vmime::net::smtp;
namespace cert = vmime::security::cert;

namespace {

// Data is handed to the socket in pieces of about this size (dot-stuffed on the way).
constexpr size_t kDataChunk = 64 * 1024;

Status SmtpTemporary(std::string message) {
  Status s = Unavailable(std::move(message));
  s.WithKind(kSmtpTemporary);
  return s;
}

Status Rejected(std::string message) {
  Status s = FailedPrecondition(std::move(message));
  s.WithKind(kSmtpRejected);
  return s;
}

Status AuthFailed(std::string message) {
  Status s = Unauthenticated(std::move(message));
  s.WithKind(kSmtpAuthFailed);
  return s;
}

// A reply as one line: "550 5.1.1 <x@example.in>: Recipient address rejected: …".
std::string ReplyText(const smtp::SMTPResponse& r) {
  std::string text = std::to_string(r.getCode());
  const auto enhanced = r.getEnhancedCode();
  std::string body = r.getText();
  for (char& c : body) {
    if (c == '\r' || c == '\n') c = ' ';
  }
  if (enhanced.klass != 0) {
    const std::string code = std::to_string(enhanced.klass) + "." +
                             std::to_string(enhanced.subject) + "." +
                             std::to_string(enhanced.detail);
    if (body.compare(0, code.size(), code) != 0) text += " " + code;
  }
  if (!body.empty()) text += " " + body;
  return RepairUtf8(text);
}

// vmime's exception and the ones it wraps, as one line.
std::string DescribeSmtpError(const vmime::exception& e) {
  std::string text = e.what();
  if (const auto* ce = dynamic_cast<const vmime::exceptions::command_error*>(&e)) {
    if (!ce->response().empty()) text += " (" + ce->response() + ")";
  }
  if (const auto* ge = dynamic_cast<const vmime::exceptions::connection_greeting_error*>(&e)) {
    if (!ge->response().empty()) text += " (" + ge->response() + ")";
  }
  for (const vmime::exception* o = e.other(); o != nullptr; o = o->other()) {
    text += ": ";
    text += o->what();
  }
  return RepairUtf8(text);
}

// A time limit without progress; vmime asks isTimeOut() while it waits and resets it on every
// byte moved. The limit changes from the connect phase to the command phase.
class Deadline final : public vmime::net::timeoutHandler {
 public:
  explicit Deadline(std::shared_ptr<std::atomic<int64_t>> limit_ns) : limit_ns_(limit_ns) {}
  bool isTimeOut() override { return MonotonicNanos() - start_ >= limit_ns_->load(); }
  void resetTimeOut() override { start_ = MonotonicNanos(); }
  bool handleTimeOut() override { return false; }

 private:
  std::shared_ptr<std::atomic<int64_t>> limit_ns_;
  int64_t start_ = MonotonicNanos();
};

class DeadlineFactory final : public vmime::net::timeoutHandlerFactory {
 public:
  explicit DeadlineFactory(std::shared_ptr<std::atomic<int64_t>> limit_ns) : limit_ns_(limit_ns) {}
  std::shared_ptr<vmime::net::timeoutHandler> create() override {
    return std::make_shared<Deadline>(limit_ns_);
  }

 private:
  std::shared_ptr<std::atomic<int64_t>> limit_ns_;
};

bool IsAsciiAddress(std::string_view a) {
  const size_t at = a.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == a.size() || a.size() > 254) {
    return false;
  }
  for (unsigned char c : a) {
    if (c <= 0x20 || c >= 0x7F || c == '<' || c == '>' || c == '"' || c == '(' || c == ')' ||
        c == ',' || c == ';' || c == '\\') {
      return false;
    }
  }
  return true;
}

}  // namespace

Result<SmtpSecurity> ParseSmtpSecurity(std::string_view text) {
  const std::string t = AsciiLower(text);
  if (t == "none") return SmtpSecurity::kNone;
  if (t == "starttls") return SmtpSecurity::kStartTls;
  if (t == "tls") return SmtpSecurity::kTls;
  return InvalidArgument("security: \"" + RepairUtf8(text) +
                         "\" is not one of none, starttls, tls");
}

const char* SmtpSecurityName(SmtpSecurity security) {
  switch (security) {
    case SmtpSecurity::kNone:
      return "none";
    case SmtpSecurity::kStartTls:
      return "starttls";
    case SmtpSecurity::kTls:
      return "tls";
  }
  return "?";
}

Status ValidateSmtpSettings(const SmtpSettings& s) {
  std::vector<FieldError> errors;
  auto add = [&](const char* field, const char* message) { errors.push_back({field, message}); };
  if (s.host.empty() || s.host.size() > 253 || HasControlChars(s.host) ||
      s.host.find_first_of(" \r\n/") != std::string::npos) {
    add("host", "must be a host name or an IP address");
  }
  if (HasControlChars(s.username) || s.username.find_first_of("\r\n") != std::string::npos ||
      !IsValidUtf8(s.username)) {
    add("username", "must be UTF-8 text without line breaks");
  }
  if (s.password.find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos) {
    add("password", "must not contain line breaks or NUL");
  }
  if (!s.username.empty() && s.password.empty()) add("password", "is needed with a username");
  if (s.connect_timeout_seconds < 1 || s.connect_timeout_seconds > 600) {
    add("connect_timeout_seconds", "must be 1 to 600");
  }
  if (s.command_timeout_seconds < 1 || s.command_timeout_seconds > 3600) {
    add("command_timeout_seconds", "must be 1 to 3600");
  }
  if (errors.empty()) return Status::Ok();
  std::string message = "invalid SMTP settings:";
  for (const FieldError& e : errors) message += " " + e.field + " " + e.message + ";";
  message.pop_back();
  Status st = InvalidArgument(message);
  for (FieldError& e : errors) st.WithField(std::move(e.field), std::move(e.message));
  return st;
}

bool IsPermanentSmtpFailure(const Status& status) {
  return status.code() == Code::kInvalidArgument ||
         (status.code() == Code::kFailedPrecondition && status.kind() == kSmtpRejected);
}

struct SmtpSender::Impl {
  std::shared_ptr<cert::certificateVerifier> verifier;
  std::shared_ptr<std::atomic<int64_t>> limit_ns = std::make_shared<std::atomic<int64_t>>(0);
  std::shared_ptr<vmime::net::session> session;
  std::shared_ptr<vmime::net::transport> transport;
  std::shared_ptr<smtp::SMTPConnection> conn;

  std::shared_ptr<smtp::SMTPResponse> Command(const std::string& text,
                                              const std::string& trace = "") {
    conn->sendRequest(smtp::SMTPCommand::createCommand(text, trace.empty() ? text : trace));
    return conn->readResponse();
  }
};

SmtpSender::SmtpSender(const SmtpSettings& settings, std::unique_ptr<Impl> impl)
    : settings_(settings), impl_(std::move(impl)) {
  const uint16_t port = settings.port != 0                             ? settings.port
                        : settings.security == SmtpSecurity::kTls      ? 465
                        : settings.security == SmtpSecurity::kStartTls ? 587
                                                                       : 25;
  settings_.port = port;
  where_ = settings.host + ":" + std::to_string(port);
}

SmtpSender::~SmtpSender() {
  Close();
}

Result<std::unique_ptr<SmtpSender>> SmtpSender::Create(const SmtpSettings& settings) {
  RETURN_IF_ERROR(ValidateSmtpSettings(settings));
  auto impl = std::make_unique<Impl>();
  if (settings.security != SmtpSecurity::kNone) {
    ASSIGN_OR_RETURN(impl->verifier,
                     MakeCertificateVerifier(settings.tls_verify, settings.ca_file, settings.host));
  }
  return std::unique_ptr<SmtpSender>(new SmtpSender(settings, std::move(impl)));
}

void SmtpSender::Close() {
  if (!impl_) return;
  if (impl_->transport) {
    try {
      if (impl_->transport->isConnected()) impl_->transport->disconnect();  // QUIT
    } catch (const std::exception&) {
    }
  }
  impl_->conn.reset();
  impl_->transport.reset();
  impl_->session.reset();
}

Status SmtpSender::Connect() {
  Close();
  const bool implicit_tls = settings_.security == SmtpSecurity::kTls;
  const bool starttls = settings_.security == SmtpSecurity::kStartTls;
  impl_->limit_ns->store(int64_t{settings_.connect_timeout_seconds} * 1000000000);
  try {
    static const bool kHandlerReady = [] { return vmime::platform::getHandler() != nullptr; }();
    (void)kHandlerReady;
    impl_->session = vmime::net::session::create();
    impl_->transport = impl_->session->getTransport(implicit_tls ? "smtps" : "smtp");
    auto& t = *impl_->transport;
    t.setProperty("server.address", settings_.host);
    t.setProperty("server.port", settings_.port);
    t.setProperty("connection.tls", starttls);
    t.setProperty("connection.tls.required", starttls);
    t.setProperty("options.need-authentication", false);  // AUTH is done below, with replies
    t.setProperty("options.pipelining", false);
    if (impl_->verifier) t.setCertificateVerifier(impl_->verifier);
    t.setTimeoutHandlerFactory(std::make_shared<DeadlineFactory>(impl_->limit_ns));
    t.connect();
    impl_->conn = vmime::dynamicCast<smtp::SMTPTransport>(impl_->transport)->getConnection();
  } catch (const cert::certificateException& e) {
    Close();
    return SmtpTemporary("the TLS certificate of the SMTP server " + where_ + " is not accepted (" +
                         DescribeSmtpError(e) +
                         "); give its CA as ca_file, or check the host name");
  } catch (const vmime::exceptions::command_error& e) {
    Close();
    if (starttls && e.command().find("STARTTLS") != std::string::npos) {
      return SmtpTemporary("the SMTP server " + where_ +
                           " refused STARTTLS: " + DescribeSmtpError(e));
    }
    return SmtpTemporary("cannot connect to the SMTP server " + where_ + ": " +
                         DescribeSmtpError(e));
  } catch (const vmime::exception& e) {
    Close();
    return SmtpTemporary("cannot connect to the SMTP server " + where_ + " (" +
                         SmtpSecurityName(settings_.security) + "): " + DescribeSmtpError(e));
  } catch (const std::exception& e) {
    Close();
    return SmtpTemporary("cannot connect to the SMTP server " + where_ + ": " + e.what());
  }
  if (!impl_->conn) {
    Close();
    return SmtpTemporary("cannot connect to the SMTP server " + where_);
  }
  if (starttls && !impl_->conn->isSecuredConnection()) {
    Close();
    return SmtpTemporary("the SMTP server " + where_ + " did not start TLS");
  }
  Status auth = Authenticate();
  if (!auth.ok()) {
    Close();
    return auth;
  }
  impl_->limit_ns->store(int64_t{settings_.command_timeout_seconds} * 1000000000);
  return Status::Ok();
}

Status SmtpSender::Authenticate() {
  if (settings_.username.empty()) return Status::Ok();
  std::vector<vmime::string> mechanisms;
  if (!impl_->conn->hasExtension("AUTH", &mechanisms)) {
    return AuthFailed("the SMTP server " + where_ +
                      " offers no AUTH on this connection, but a username is set");
  }
  auto has = [&](const char* m) {
    for (const auto& x : mechanisms) {
      if (AsciiLower(x) == AsciiLower(m)) return true;
    }
    return false;
  };
  const std::string who =
      "the SMTP server " + where_ + " refused the login of \"" + settings_.username + "\": ";
  try {
    std::shared_ptr<smtp::SMTPResponse> r;
    if (has("PLAIN")) {
      const std::string token =
          Base64Encode(std::string(1, '\0') + settings_.username + '\0' + settings_.password);
      r = impl_->Command("AUTH PLAIN " + token, "AUTH PLAIN {credentials}");
    } else if (has("LOGIN")) {
      r = impl_->Command("AUTH LOGIN");
      if (r->getCode() == 334) r = impl_->Command(Base64Encode(settings_.username), "{username}");
      if (r->getCode() == 334) r = impl_->Command(Base64Encode(settings_.password), "{password}");
    } else {
      return AuthFailed("the SMTP server " + where_ +
                        " offers neither AUTH PLAIN nor LOGIN (only what vmime cannot do)");
    }
    if (r->getCode() == 235) return Status::Ok();
    if (r->getCode() >= 400 && r->getCode() < 500) {
      return SmtpTemporary("the SMTP server " + where_ +
                           " could not check the login now: " + ReplyText(*r));
    }
    return AuthFailed(who + ReplyText(*r));
  } catch (const vmime::exception& e) {
    return SmtpTemporary("the SMTP connection to " + where_ +
                         " failed during AUTH: " + DescribeSmtpError(e));
  } catch (const std::exception& e) {
    return SmtpTemporary("the SMTP connection to " + where_ + " failed during AUTH: " + e.what());
  }
}

Status SmtpSender::Check() {
  if (impl_->conn) {
    try {
      if (impl_->Command("NOOP")->getCode() == 250) return Status::Ok();
    } catch (const std::exception&) {
    }
  }
  return Connect();
}

Result<SendReport> SmtpSender::Send(std::string_view envelope_from,
                                    const std::vector<std::string>& recipients,
                                    std::string_view raw) {
  if (!envelope_from.empty() && !IsAsciiAddress(envelope_from)) {
    return Status(InvalidArgument("envelope_from: \"" + RepairUtf8(envelope_from) +
                                  "\" is not a plain ASCII address"))
        .WithField("envelope_from", "not a plain ASCII address");
  }
  if (recipients.empty()) {
    return Status(InvalidArgument("recipients: at least one is needed"))
        .WithField("recipients", "at least one is needed");
  }
  for (size_t i = 0; i < recipients.size(); ++i) {
    if (!IsAsciiAddress(recipients[i])) {
      const std::string field = "recipients[" + std::to_string(i) + "]";
      return Status(InvalidArgument(field + ": \"" + RepairUtf8(recipients[i]) +
                                    "\" is not a plain ASCII address"))
          .WithField(field, "not a plain ASCII address");
    }
  }
  if (raw.empty()) {
    return Status(InvalidArgument("raw: the message is empty")).WithField("raw", "empty");
  }

  // A kept connection is checked with RSET; nothing was sent on it for this message yet, so
  // reconnecting after a failed RSET cannot duplicate anything.
  bool reused = false;
  if (impl_->conn) {
    try {
      reused = impl_->Command("RSET")->getCode() == 250;
    } catch (const std::exception&) {
    }
  }
  if (!reused) RETURN_IF_ERROR(Connect());

  SendReport report;
  Status failure;
  try {
    std::string mail = "MAIL FROM:<" + std::string(envelope_from) + ">";
    if (impl_->conn->hasExtension("SIZE")) mail += " SIZE=" + std::to_string(raw.size());
    bool eight_bit = false;
    for (unsigned char c : raw) eight_bit = eight_bit || c >= 0x80;
    if (eight_bit && impl_->conn->hasExtension("8BITMIME")) mail += " BODY=8BITMIME";
    auto r = impl_->Command(mail);
    if (r->getCode() != 250) {
      const std::string what = "the SMTP server " + where_ + " refused the sender <" +
                               std::string(envelope_from) + ">: " + ReplyText(*r);
      failure = r->getCode() >= 500 ? Rejected(what) : SmtpTemporary(what);
    }
    for (size_t i = 0; failure.ok() && i < recipients.size(); ++i) {
      r = impl_->Command("RCPT TO:<" + recipients[i] + ">");
      if (r->getCode() == 250 || r->getCode() == 251) {
        report.accepted.push_back(recipients[i]);
      } else {
        report.refused.push_back({recipients[i], r->getCode(), ReplyText(*r)});
      }
    }
    if (failure.ok() && report.accepted.empty()) {
      bool all_permanent = true;
      std::string what = "the SMTP server " + where_ + " refused every recipient:";
      for (const SmtpRefusal& x : report.refused) {
        all_permanent = all_permanent && x.permanent();
        what += " <" + x.address + ">: " + x.reply + ";";
      }
      what.pop_back();
      failure = all_permanent ? Rejected(what) : SmtpTemporary(what);
      for (const SmtpRefusal& x : report.refused) failure.WithField(x.address, x.reply);
    }
    if (failure.ok()) {
      r = impl_->Command("DATA");
      if (r->getCode() != 354) {
        const std::string what = "the SMTP server " + where_ + " refused DATA: " + ReplyText(*r);
        failure = r->getCode() >= 500 ? Rejected(what) : SmtpTemporary(what);
      }
    }
    if (failure.ok()) {
      std::string chunk;
      chunk.reserve(kDataChunk + 1024);
      bool line_start = true;
      for (size_t i = 0; i < raw.size(); ++i) {
        const char c = raw[i];
        if (c == '\r' || c == '\n') {
          chunk += "\r\n";
          if (c == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n') ++i;
          line_start = true;
        } else {
          if (line_start && c == '.') chunk += '.';
          chunk += c;
          line_start = false;
        }
        if (chunk.size() >= kDataChunk) {
          impl_->conn->getSocket()->send(chunk);
          chunk.clear();
        }
      }
      if (!line_start) chunk += "\r\n";
      chunk += ".\r\n";
      impl_->conn->getSocket()->send(chunk);
      r = impl_->conn->readResponse();
      if (r->getCode() == 250) {
        report.reply = ReplyText(*r);
        return report;
      }
      const std::string what =
          "the SMTP server " + where_ + " refused the message: " + ReplyText(*r);
      failure = r->getCode() >= 500 ? Rejected(what) : SmtpTemporary(what);
    }
  } catch (const vmime::exceptions::operation_timed_out&) {
    failure = SmtpTemporary("the SMTP server " + where_ + " did not answer within " +
                            std::to_string(settings_.command_timeout_seconds) + " s");
  } catch (const vmime::exception& e) {
    failure =
        SmtpTemporary("the SMTP connection to " + where_ + " failed: " + DescribeSmtpError(e));
  } catch (const std::exception& e) {
    failure = SmtpTemporary("the SMTP connection to " + where_ + " failed: " + e.what());
  }
  Close();
  return failure;
}

}  // namespace sahayak::channels
