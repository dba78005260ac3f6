#include "channels/email/smtp_sender.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "base/clock.h"
#include "channels/email/mail_composer.h"

namespace sahayak::channels {
namespace {

// A TCP socket on 127.0.0.1 with a kernel-chosen port. listening = false: closed again at
// once, so the port refuses connections.
struct LoopbackPort {
  int fd = -1;
  uint16_t port = 0;
  explicit LoopbackPort(bool listening) {
    fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    EXPECT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
    socklen_t len = sizeof(addr);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    port = ntohs(addr.sin_port);
    if (listening) {
      EXPECT_EQ(::listen(fd, 4), 0);
    } else {
      ::close(fd);
      fd = -1;
    }
  }
  ~LoopbackPort() {
    if (fd >= 0) ::close(fd);
  }
};

std::unique_ptr<SmtpSender> MakeSender(const SmtpSettings& s) {
  auto sender = SmtpSender::Create(s);
  EXPECT_TRUE(sender.ok()) << sender.status().ToString();
  return sender.ok() ? std::move(sender).value() : nullptr;
}

TEST(SmtpSender, SettingsAreValidated) {
  EXPECT_EQ(*ParseSmtpSecurity("STARTTLS"), SmtpSecurity::kStartTls);
  EXPECT_EQ(*ParseSmtpSecurity("tls"), SmtpSecurity::kTls);
  EXPECT_EQ(*ParseSmtpSecurity("none"), SmtpSecurity::kNone);
  EXPECT_FALSE(ParseSmtpSecurity("ssl").ok());
  EXPECT_STREQ(SmtpSecurityName(SmtpSecurity::kStartTls), "starttls");

  SmtpSettings s;
  s.host = "";
  s.username = "support@acme.in";
  s.password = "";
  s.command_timeout_seconds = 0;
  const Status st = ValidateSmtpSettings(s);
  ASSERT_EQ(st.code(), Code::kInvalidArgument);
  std::vector<std::string> fields;
  for (const FieldError& f : st.fields()) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"host", "password", "command_timeout_seconds"}));

  s = SmtpSettings{};
  s.host = "smtp.acme.in\r\nX";
  EXPECT_FALSE(ValidateSmtpSettings(s).ok());

  s = SmtpSettings{};
  s.host = "127.0.0.1";
  s.ca_file = "/nonexistent/ca.pem";
  auto sender = SmtpSender::Create(s);
  ASSERT_FALSE(sender.ok());
  EXPECT_EQ(sender.status().code(), Code::kInvalidArgument);
  ASSERT_FALSE(sender.status().fields().empty());
  EXPECT_EQ(sender.status().fields()[0].field, "ca_file");

  // Default ports follow the security.
  s = SmtpSettings{};
  s.host = "smtp.acme.in";
  s.security = SmtpSecurity::kNone;
  EXPECT_EQ(MakeSender(s)->where(), "smtp.acme.in:25");
  s.security = SmtpSecurity::kTls;
  s.tls_verify = false;
  EXPECT_EQ(MakeSender(s)->where(), "smtp.acme.in:465");
  s.security = SmtpSecurity::kStartTls;
  EXPECT_EQ(MakeSender(s)->where(), "smtp.acme.in:587");
}

TEST(SmtpSender, BadEnvelopeIsRefusedBeforeConnecting) {
  SmtpSettings s;
  s.host = "127.0.0.1";
  s.port = LoopbackPort(false).port;  // nothing listens: a connect attempt would fail
  s.security = SmtpSecurity::kNone;
  auto sender = MakeSender(s);
  ASSERT_NE(sender, nullptr);
  struct Case {
    std::string from;
    std::vector<std::string> to;
    std::string raw;
    std::string field;
  };
  const std::vector<Case> cases = {
      {"support@acme.in", {}, "x", "recipients"},
      {"support@acme.in", {"a@example.in\r\nRCPT TO:<b@example.in>"}, "x", "recipients[0]"},
      {"support@acme.in", {"a@example.in", "no-at-sign"}, "x", "recipients[1]"},
      {"support@acme.in>\r\nRCPT TO:<x@y.in", {"a@example.in"}, "x", "envelope_from"},
      {"support@acme.in", {"a@example.in"}, "", "raw"},
  };
  for (const Case& c : cases) {
    Result<SendReport> r = sender->Send(c.from, c.to, c.raw);
    ASSERT_FALSE(r.ok()) << c.field;
    EXPECT_EQ(r.status().code(), Code::kInvalidArgument) << r.status().ToString();
    ASSERT_FALSE(r.status().fields().empty());
    EXPECT_EQ(r.status().fields()[0].field, c.field);
    EXPECT_TRUE(IsPermanentSmtpFailure(r.status()));
  }
}

TEST(SmtpSender, ServerDownIsTemporary) {
  SmtpSettings s;
  s.host = "127.0.0.1";
  s.port = LoopbackPort(false).port;
  s.security = SmtpSecurity::kNone;
  auto sender = MakeSender(s);
  ASSERT_NE(sender, nullptr);
  Result<SendReport> r =
      sender->Send("support@acme.in", {"customer@example.in"}, "Subject: x\r\n\r\nx\r\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kUnavailable);
  EXPECT_EQ(r.status().kind(), kSmtpTemporary);
  EXPECT_FALSE(IsPermanentSmtpFailure(r.status()));
  EXPECT_NE(r.status().message().find("127.0.0.1:" + std::to_string(s.port)), std::string::npos)
      << r.status().message();
  // vmime 0.9.2 reports a refused connection as "Connection timed out" (it overwrites errno
  // before reporting), so only the gist is checked here.
  EXPECT_NE(r.status().message().find("cannot connect"), std::string::npos) << r.status().message();
  EXPECT_EQ(sender->Check().kind(), kSmtpTemporary);
}

TEST(SmtpSender, SilentServerTimesOut) {
  LoopbackPort silent(/*listening=*/true);  // accepts TCP (backlog) but never greets
  SmtpSettings s;
  s.host = "127.0.0.1";
  s.port = silent.port;
  s.security = SmtpSecurity::kNone;
  s.connect_timeout_seconds = 1;
  auto sender = MakeSender(s);
  ASSERT_NE(sender, nullptr);
  const int64_t start = MonotonicNanos();
  Status st = sender->Check();
  const double seconds = (MonotonicNanos() - start) / 1e9;
  EXPECT_EQ(st.code(), Code::kUnavailable) << st.ToString();
  EXPECT_EQ(st.kind(), kSmtpTemporary);
  EXPECT_LT(seconds, 10.0);
  EXPECT_GE(seconds, 0.9);
}

TEST(SmtpSender, PermanenceFollowsTheKind) {
  EXPECT_TRUE(IsPermanentSmtpFailure(FailedPrecondition("x").WithKind(kSmtpRejected)));
  EXPECT_FALSE(IsPermanentSmtpFailure(Unavailable("x").WithKind(kSmtpTemporary)));
  EXPECT_FALSE(IsPermanentSmtpFailure(Unauthenticated("x").WithKind(kSmtpAuthFailed)));
  EXPECT_FALSE(IsPermanentSmtpFailure(Status::Ok()));
  SmtpRefusal r{"a@example.in", 550, "550 5.1.1 unknown"};
  EXPECT_TRUE(r.permanent());
  r.code = 452;
  EXPECT_FALSE(r.permanent());
}

// --- against a real SMTP server (tests/integration/test_smtp_sender.py runs these) ---------
//
// SAHAYAK_TEST_SMTP_PORT      the server's port; without it these tests skip
// SAHAYAK_TEST_SMTP_HOST      default 127.0.0.1
// SAHAYAK_TEST_SMTP_SECURITY  none | starttls | tls (default none)
// SAHAYAK_TEST_SMTP_USER / _PASSWORD   AUTH (optional)
// SAHAYAK_TEST_SMTP_CA_FILE   PEM to trust; SAHAYAK_TEST_SMTP_TLS_VERIFY=0 turns checks off
// SAHAYAK_TEST_SMTP_TO        a mailbox that exists (default customer@example.in)
// SAHAYAK_TEST_SMTP_UNKNOWN   an address the server refuses (default nobody@example.in)
// SAHAYAK_TEST_SMTP_MESSAGE_ID  Message-ID of the mail DeliversComposedMail sends

std::string SmtpEnv(const char* name, const std::string& fallback = "") {
  const char* v = std::getenv(name);
  return v != nullptr ? std::string(v) : fallback;
}

class SmtpSenderLive : public ::testing::Test {
 protected:
  void SetUp() override {
    if (SmtpEnv("SAHAYAK_TEST_SMTP_PORT").empty()) {
      GTEST_SKIP() << "SAHAYAK_TEST_SMTP_PORT is not set (tests/integration/"
                      "test_smtp_sender.py runs this against Postfix)";
    }
    settings_.host = SmtpEnv("SAHAYAK_TEST_SMTP_HOST", "127.0.0.1");
    settings_.port = static_cast<uint16_t>(std::stoi(SmtpEnv("SAHAYAK_TEST_SMTP_PORT")));
    settings_.security = *ParseSmtpSecurity(SmtpEnv("SAHAYAK_TEST_SMTP_SECURITY", "none"));
    settings_.username = SmtpEnv("SAHAYAK_TEST_SMTP_USER");
    settings_.password = SmtpEnv("SAHAYAK_TEST_SMTP_PASSWORD");
    settings_.ca_file = SmtpEnv("SAHAYAK_TEST_SMTP_CA_FILE");
    settings_.tls_verify = SmtpEnv("SAHAYAK_TEST_SMTP_TLS_VERIFY", "1") != "0";
    settings_.connect_timeout_seconds = 20;
    settings_.command_timeout_seconds = 20;
    to_ = SmtpEnv("SAHAYAK_TEST_SMTP_TO", "customer@example.in");
    unknown_ = SmtpEnv("SAHAYAK_TEST_SMTP_UNKNOWN", "nobody@example.in");
  }

  // The reply the integration test looks for: Hindi subject, threading headers, HTML, a
  // Kannada-named PDF.
  std::string Compose(const std::string& message_id) {
    domain::OutboundMail m;
    m.from = {"कव्या भट (Acme Support)", "support@acme-courier.test"};
    m.reply_to = domain::MailAddress{"", "support+t1234@acme-courier.test"};
    m.to = {{"Customer", to_}};
    m.subject = "मेरा पार्सल कहाँ है [#1234]";
    m.message_id = message_id;
    m.in_reply_to = "q-" + message_id;
    m.references = {"first-" + message_id, "q-" + message_id};
    m.date = 1764000000000;
    m.text = "नमस्ते,\nआपका पार्सल कल पहुँचेगा।\n.\n.a line that starts with a dot\n";
    m.html = "<p>नमस्ते</p>";
    m.parts.push_back({"ರಸೀದಿ.pdf", "application/pdf", "", false, "%PDF-1.4 sahayak test\n"});
    m.extra_headers = {{"X-Sahayak-Ticket", "1234"}};
    Result<std::string> raw = ComposeMail(m);
    EXPECT_TRUE(raw.ok()) << raw.status().ToString();
    return raw.ok() ? *raw : std::string();
  }

  SmtpSettings settings_;
  std::string to_;
  std::string unknown_;
};

TEST_F(SmtpSenderLive, DeliversComposedMail) {
  const std::string mid = SmtpEnv("SAHAYAK_TEST_SMTP_MESSAGE_ID");
  ASSERT_FALSE(mid.empty()) << "SAHAYAK_TEST_SMTP_MESSAGE_ID is needed";
  auto sender = MakeSender(settings_);
  ASSERT_NE(sender, nullptr);
  ASSERT_TRUE(sender->Check().ok()) << sender->Check().ToString();
  Result<SendReport> r = sender->Send("support@acme-courier.test", {to_}, Compose(mid));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->accepted, std::vector<std::string>{to_});
  EXPECT_TRUE(r->refused.empty());
  EXPECT_EQ(r->reply.substr(0, 3), "250") << r->reply;
  // The same connection again (RSET, not a new session), with the null sender and a
  // hand-written message: bare LF line ends, lines starting with dots (stuffed on the wire,
  // unstuffed by the server), no final line end.
  const std::string raw = "From: support@acme-courier.test\nTo: " + to_ +
                          "\nSubject: dots\nMessage-ID: <second-" + mid +
                          ">\n\n.\n..two\n.three\nlast";
  Result<SendReport> second = sender->Send("", {to_}, raw);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->reply.substr(0, 3), "250");
}

TEST_F(SmtpSenderLive, WrongPasswordIsAuthFailure) {
  ASSERT_FALSE(settings_.username.empty()) << "needs SAHAYAK_TEST_SMTP_USER";
  settings_.password = "wrong-" + settings_.password;
  auto sender = MakeSender(settings_);
  ASSERT_NE(sender, nullptr);
  Result<SendReport> r = sender->Send("support@acme-courier.test", {to_}, Compose("wrong@x.test"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kUnauthenticated) << r.status().ToString();
  EXPECT_EQ(r.status().kind(), kSmtpAuthFailed);
  EXPECT_FALSE(IsPermanentSmtpFailure(r.status()));  // the settings are wrong, not the mail
  EXPECT_NE(r.status().message().find("535"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find(settings_.username), std::string::npos);
  EXPECT_EQ(r.status().message().find(settings_.password), std::string::npos);
}

TEST_F(SmtpSenderLive, UnknownRecipientIsPermanent) {
  auto sender = MakeSender(settings_);
  ASSERT_NE(sender, nullptr);
  const std::string mid = SmtpEnv("SAHAYAK_TEST_SMTP_MESSAGE_ID", "unknown@sahayak.test");
  Result<SendReport> r = sender->Send("support@acme-courier.test", {unknown_}, Compose("u-" + mid));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kFailedPrecondition) << r.status().ToString();
  EXPECT_EQ(r.status().kind(), kSmtpRejected);
  EXPECT_TRUE(IsPermanentSmtpFailure(r.status()));
  EXPECT_NE(r.status().message().find("550"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find(unknown_), std::string::npos);
  ASSERT_EQ(r.status().fields().size(), 1u);
  EXPECT_EQ(r.status().fields()[0].field, unknown_);

  // One known and one unknown recipient: sent to the known one, the other reported.
  Result<SendReport> mixed =
      sender->Send("support@acme-courier.test", {unknown_, to_}, Compose("mixed-" + mid));
  ASSERT_TRUE(mixed.ok()) << mixed.status().ToString();
  EXPECT_EQ(mixed->accepted, std::vector<std::string>{to_});
  ASSERT_EQ(mixed->refused.size(), 1u);
  EXPECT_EQ(mixed->refused[0].address, unknown_);
  EXPECT_EQ(mixed->refused[0].code, 550);
  EXPECT_TRUE(mixed->refused[0].permanent());
  EXPECT_NE(mixed->refused[0].reply.find("5.1.1"), std::string::npos) << mixed->refused[0].reply;
}

TEST_F(SmtpSenderLive, UntrustedCertificateIsTemporary) {
  ASSERT_NE(settings_.security, SmtpSecurity::kNone) << "needs a TLS server";
  settings_.tls_verify = true;
  settings_.ca_file.clear();  // the system's CAs do not know the test's self-signed certificate
  auto sender = MakeSender(settings_);
  ASSERT_NE(sender, nullptr);
  Status st = sender->Check();
  EXPECT_EQ(st.code(), Code::kUnavailable) << st.ToString();
  EXPECT_EQ(st.kind(), kSmtpTemporary);
  EXPECT_NE(st.message().find("certificate"), std::string::npos) << st.message();
}

// The CA file is trusted, but the certificate does not name the host connected to.
TEST_F(SmtpSenderLive, CertificateForAnotherHostIsRefused) {
  ASSERT_NE(settings_.security, SmtpSecurity::kNone) << "needs a TLS server";
  ASSERT_FALSE(settings_.ca_file.empty()) << "needs SAHAYAK_TEST_SMTP_CA_FILE";
  settings_.tls_verify = true;
  auto sender = MakeSender(settings_);
  ASSERT_NE(sender, nullptr);
  Status st = sender->Check();
  EXPECT_EQ(st.code(), Code::kUnavailable) << st.ToString();
  EXPECT_EQ(st.kind(), kSmtpTemporary);
  EXPECT_NE(st.message().find("certificate"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find(settings_.host), std::string::npos) << st.message();
}

}  // namespace
}  // namespace sahayak::channels
