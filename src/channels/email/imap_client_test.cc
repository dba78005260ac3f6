#include "channels/email/imap_client.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>
#include <thread>

namespace sahayak::channels {
namespace {

ImapSettings Valid() {
  ImapSettings s;
  s.host = "imap.example.in";
  s.username = "support@example.in";
  s.password = "secret";
  return s;
}

bool HasField(const Status& s, const std::string& field) {
  for (const auto& f : s.fields()) {
    if (f.field == field) return true;
  }
  return false;
}

TEST(ImapSettings, ParsesSecurityAndAfterWords) {
  EXPECT_EQ(*ParseImapSecurity("none"), ImapSecurity::kNone);
  EXPECT_EQ(*ParseImapSecurity("starttls"), ImapSecurity::kStartTls);
  EXPECT_EQ(*ParseImapSecurity("tls"), ImapSecurity::kTls);
  EXPECT_EQ(*ParseImapAfter("flag"), ImapAfter::kFlag);
  EXPECT_EQ(*ParseImapAfter("move"), ImapAfter::kMove);
  EXPECT_EQ(*ParseImapAfter("delete"), ImapAfter::kDelete);
  auto bad = ParseImapSecurity("ssl");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), Code::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("\"ssl\""), std::string::npos);
  EXPECT_FALSE(ParseImapAfter("archive").ok());
  EXPECT_STREQ(ImapSecurityName(ImapSecurity::kStartTls), "starttls");
  EXPECT_STREQ(ImapAfterName(ImapAfter::kMove), "move");
}

TEST(ImapSettings, ValidSettingsPass) {
  EXPECT_TRUE(ValidateImapSettings(Valid()).ok());
  ImapSettings s = Valid();
  s.after = ImapAfter::kMove;
  s.move_to = "Imported";
  EXPECT_TRUE(ValidateImapSettings(s).ok());
}

TEST(ImapSettings, NamesEveryBadField) {
  ImapSettings s;
  s.folder = "";
  s.after = ImapAfter::kMove;
  s.timeout_seconds = 0;
  s.max_message_bytes = 0;
  s.tls_verify = false;
  s.ca_file = "/tmp/ca.pem";
  Status st = ValidateImapSettings(s);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.code(), Code::kInvalidArgument);
  for (const char* field : {"host", "username", "folder", "move_to", "timeout_seconds", "ca_file",
                            "max_message_bytes"}) {
    EXPECT_TRUE(HasField(st, field)) << field;
  }
  EXPECT_FALSE(HasField(st, "password"));
}

TEST(ImapSettings, RejectsMoveIntoTheSameFolderAndControlCharacters) {
  ImapSettings s = Valid();
  s.after = ImapAfter::kMove;
  s.move_to = "INBOX";
  EXPECT_TRUE(HasField(ValidateImapSettings(s), "move_to"));
  s = Valid();
  s.username = "a\r\nb";
  EXPECT_TRUE(HasField(ValidateImapSettings(s), "username"));
  s = Valid();
  s.host = "mail host";
  EXPECT_TRUE(HasField(ValidateImapSettings(s), "host"));
}

TEST(ImapClient, ConnectRejectsBadSettingsWithoutNetwork) {
  ImapSettings s = Valid();
  s.host = "";
  auto r = ImapClient::Connect(s);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
  EXPECT_TRUE(HasField(r.status(), "host"));
}

TEST(ImapClient, UnreadableCaFileIsASettingsError) {
  ImapSettings s = Valid();
  s.host = "127.0.0.1";
  s.ca_file = "/nonexistent/sahayak-ca.pem";
  auto r = ImapClient::Connect(s);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
  EXPECT_NE(r.status().message().find("/nonexistent/sahayak-ca.pem"), std::string::npos);
}

// A loopback port that was just free: nothing listens there.
uint16_t ClosedPort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

TEST(ImapClient, ClosedPortIsATemporaryError) {
  for (ImapSecurity security : {ImapSecurity::kNone, ImapSecurity::kTls}) {
    ImapSettings s = Valid();
    s.host = "127.0.0.1";
    s.port = ClosedPort();
    s.security = security;
    s.tls_verify = false;
    s.timeout_seconds = 5;
    auto r = ImapClient::Connect(s);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), Code::kUnavailable) << r.status().ToString();
    EXPECT_EQ(r.status().kind(), kImapTemporary);
    EXPECT_NE(r.status().message().find("127.0.0.1:" + std::to_string(s.port)), std::string::npos)
        << r.status().message();
  }
}

// --- Against a real server: run by tests/integration/test_imap_client.py, which starts
// Dovecot and sets SAHAYAK_IMAP_* (skipped otherwise). ---

std::string Env(const char* name, const char* fallback = "") {
  const char* v = std::getenv(name);
  return v != nullptr ? v : fallback;
}

// Settings from the environment, or nullopt (the test skips).
std::optional<ImapSettings> LiveSettings() {
  if (Env("SAHAYAK_IMAP_HOST").empty()) return std::nullopt;
  ImapSettings s;
  s.host = Env("SAHAYAK_IMAP_HOST");
  s.port = static_cast<uint16_t>(std::stoi(Env("SAHAYAK_IMAP_PORT", "0")));
  s.security = *ParseImapSecurity(Env("SAHAYAK_IMAP_SECURITY", "none"));
  s.username = Env("SAHAYAK_IMAP_USER");
  s.password = Env("SAHAYAK_IMAP_PASSWORD");
  s.folder = Env("SAHAYAK_IMAP_FOLDER", "INBOX");
  s.after = *ParseImapAfter(Env("SAHAYAK_IMAP_AFTER", "flag"));
  s.move_to = Env("SAHAYAK_IMAP_MOVE_TO");
  s.tls_verify = Env("SAHAYAK_IMAP_VERIFY", "1") == "1";
  s.ca_file = Env("SAHAYAK_IMAP_CA_FILE");
  s.timeout_seconds = 20;
  s.idle = Env("SAHAYAK_IMAP_IDLE", "1") == "1";
  return s;
}

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

#define LIVE_SETTINGS_OR_SKIP(var)                                                          \
  auto var##_opt = LiveSettings();                                                          \
  if (!var##_opt) GTEST_SKIP() << "SAHAYAK_IMAP_HOST not set (run by test_imap_client.py)"; \
  ImapSettings var = *var##_opt

// Imports every pending message: writes each raw message to $SAHAYAK_IMAP_OUT/<uid>.eml and
// the UIDVALIDITY to $SAHAYAK_IMAP_OUT/uidvalidity, marks each done, then expects nothing
// pending. The Python side compares the bytes and the server's flags and folders.
TEST(ImapLive, ImportsPendingMessages) {
  LIVE_SETTINGS_OR_SKIP(s);
  const std::string out = Env("SAHAYAK_IMAP_OUT");
  ASSERT_FALSE(out.empty());
  auto client = ImapClient::Connect(s);
  ASSERT_TRUE(client.ok()) << client.status().ToString();
  EXPECT_NE((*client)->uid_validity(), 0u);
  EXPECT_TRUE((*client)->uses_keyword());  // Dovecot allows keywords
  WriteFile(out + "/uidvalidity", std::to_string((*client)->uid_validity()));
  const int expected = std::stoi(Env("SAHAYAK_IMAP_EXPECT_PENDING", "-1"));

  auto first = (*client)->PendingUids(1);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  auto uids = (*client)->PendingUids(100);
  ASSERT_TRUE(uids.ok()) << uids.status().ToString();
  if (expected >= 0) {
    ASSERT_EQ(static_cast<int>(uids->size()), expected);
  }
  ASSERT_FALSE(uids->empty());
  EXPECT_EQ(first->size(), 1u);
  EXPECT_EQ(first->front(), uids->front());
  EXPECT_TRUE(std::is_sorted(uids->begin(), uids->end()));
  for (uint32_t uid : *uids) {
    auto raw = (*client)->FetchRaw(uid);
    ASSERT_TRUE(raw.ok()) << raw.status().ToString();
    WriteFile(out + "/" + std::to_string(uid) + ".eml", *raw);
  }
  // Fetching set no flag: everything is still pending until marked done.
  auto again = (*client)->PendingUids(100);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *uids);
  for (uint32_t uid : *uids) {
    Status st = (*client)->MarkDone(uid);
    ASSERT_TRUE(st.ok()) << st.ToString();
  }
  auto after = (*client)->PendingUids(100);
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(after->empty()) << after->size() << " still pending";
  // Marking again (a crash after commit, before MarkDone) is harmless.
  EXPECT_TRUE((*client)->MarkDone(uids->front()).ok());
  auto gone = (*client)->FetchRaw(4000000000u);
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.status().code(), Code::kNotFound);
  // With SAHAYAK_IMAP_READY: on the same connection (whose messages were just moved or
  // deleted away), a new message must still wake the wait.
  const std::string ready = Env("SAHAYAK_IMAP_READY");
  if (!ready.empty()) {
    WriteFile(ready, "waiting");
    const auto t0 = std::chrono::steady_clock::now();
    auto woke = (*client)->WaitForNews(30);
    const double waited =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    ASSERT_TRUE(woke.ok()) << woke.status().ToString();
    EXPECT_TRUE(*woke);
    EXPECT_LT(waited, 10.0);
    auto next = (*client)->PendingUids(100);
    ASSERT_TRUE(next.ok());
    EXPECT_EQ(next->size(), 1u);
  }
}

// Fetches every pending message into $SAHAYAK_IMAP_OUT and marks none: the Python side checks
// the server set no flag (BODY.PEEK[]), so a crash before the commit leaves mail unread.
TEST(ImapLive, FetchSetsNoFlag) {
  LIVE_SETTINGS_OR_SKIP(s);
  const std::string out = Env("SAHAYAK_IMAP_OUT");
  ASSERT_FALSE(out.empty());
  auto client = ImapClient::Connect(s);
  ASSERT_TRUE(client.ok()) << client.status().ToString();
  auto uids = (*client)->PendingUids(100);
  ASSERT_TRUE(uids.ok()) << uids.status().ToString();
  ASSERT_FALSE(uids->empty());
  for (uint32_t uid : *uids) {
    auto raw = (*client)->FetchRaw(uid);
    ASSERT_TRUE(raw.ok()) << raw.status().ToString();
    WriteFile(out + "/" + std::to_string(uid) + ".eml", *raw);
  }
}

// SAHAYAK_IMAP_MAX_BYTES below the size of the one pending message: FetchRaw refuses it,
// saying how big it is, and the connection stays usable.
TEST(ImapLive, RefusesOversizedMessage) {
  LIVE_SETTINGS_OR_SKIP(s);
  const std::string max = Env("SAHAYAK_IMAP_MAX_BYTES");
  if (max.empty()) GTEST_SKIP() << "SAHAYAK_IMAP_MAX_BYTES not set";
  s.max_message_bytes = std::stoul(max);
  auto client = ImapClient::Connect(s);
  ASSERT_TRUE(client.ok()) << client.status().ToString();
  auto uids = (*client)->PendingUids(10);
  ASSERT_TRUE(uids.ok());
  ASSERT_EQ(uids->size(), 1u);
  auto raw = (*client)->FetchRaw(uids->front());
  ASSERT_FALSE(raw.ok());
  EXPECT_EQ(raw.status().code(), Code::kResourceExhausted);
  EXPECT_NE(raw.status().message().find("over the limit of " + max), std::string::npos)
      << raw.status().message();
  auto again = (*client)->PendingUids(10);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(*again, *uids);
}

// Connect is expected to fail: SAHAYAK_IMAP_EXPECT_KIND is the error kind; the message is
// printed for the Python side, which checks it names the problem.
TEST(ImapLive, ConnectFails) {
  LIVE_SETTINGS_OR_SKIP(s);
  const std::string kind = Env("SAHAYAK_IMAP_EXPECT_KIND");
  if (kind.empty()) GTEST_SKIP() << "SAHAYAK_IMAP_EXPECT_KIND not set";
  auto client = ImapClient::Connect(s);
  ASSERT_FALSE(client.ok());
  EXPECT_EQ(client.status().kind(), kind) << client.status().ToString();
  std::printf("IMAP-ERROR: %s\n", client.status().message().c_str());
}

// Waits with IDLE after writing $SAHAYAK_IMAP_READY; the Python side then appends a message,
// which must wake the wait within seconds.
TEST(ImapLive, IdleWakesOnNewMail) {
  LIVE_SETTINGS_OR_SKIP(s);
  const std::string ready = Env("SAHAYAK_IMAP_READY");
  if (ready.empty()) GTEST_SKIP() << "SAHAYAK_IMAP_READY not set";
  auto client = ImapClient::Connect(s);
  ASSERT_TRUE(client.ok()) << client.status().ToString();
  EXPECT_EQ((*client)->has_idle(), s.idle);   // Dovecot offers IDLE
  const double limit = s.idle ? 10.0 : 30.5;  // polling: NOOP after the whole wait
  const int wait = s.idle ? 30 : 3;
  auto before = (*client)->PendingUids(100);
  ASSERT_TRUE(before.ok());
  // A quiet second first: no news is no news.
  auto quiet = (*client)->WaitForNews(1);
  ASSERT_TRUE(quiet.ok()) << quiet.status().ToString();
  EXPECT_FALSE(*quiet);
  WriteFile(ready, "waiting");
  const auto t0 = std::chrono::steady_clock::now();
  // Polling: the Python side delivers within the first second of the 3 s wait.
  auto woke = (*client)->WaitForNews(wait);
  const double waited =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_TRUE(woke.ok()) << woke.status().ToString();
  EXPECT_TRUE(*woke);
  EXPECT_LT(waited, limit);
  if (!s.idle) {
    EXPECT_GE(waited, 2.9);
  }
  std::printf("IMAP-IDLE-WOKE-AFTER: %.2f\n", waited);
  auto after = (*client)->PendingUids(100);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->size(), before->size() + 1);
}

TEST(ImapLive, InterruptEndsTheWaitFromAnotherThread) {
  LIVE_SETTINGS_OR_SKIP(s);
  auto client = ImapClient::Connect(s);
  ASSERT_TRUE(client.ok()) << client.status().ToString();
  ImapClient* c = client->get();
  std::thread other([c] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    c->Interrupt();
  });
  const auto t0 = std::chrono::steady_clock::now();
  auto woke = c->WaitForNews(30);
  const double waited =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  other.join();
  ASSERT_TRUE(woke.ok()) << woke.status().ToString();
  EXPECT_TRUE(*woke);
  EXPECT_LT(waited, 3.0);
  // An interrupt before the wait is not lost; it is used up once.
  c->Interrupt();
  auto at_once = c->WaitForNews(30);
  ASSERT_TRUE(at_once.ok());
  EXPECT_TRUE(*at_once);
  auto quiet = c->WaitForNews(1);
  ASSERT_TRUE(quiet.ok());
  EXPECT_FALSE(*quiet);
  // The connection still works after IDLE.
  EXPECT_TRUE(c->PendingUids(10).ok());
}

}  // namespace
}  // namespace sahayak::channels
