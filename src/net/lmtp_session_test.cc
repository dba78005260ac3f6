#include "net/lmtp_session.h"

#include <gtest/gtest.h>

namespace sahayak::net {
namespace {

LmtpLimits Limits(size_t max_bytes = 1000) {
  LmtpLimits l;
  l.hostname = "test";
  l.max_message_bytes = max_bytes;
  l.max_command_line = 100;
  return l;
}

LmtpSession::AcceptRecipient OnlyExample() {
  return [](const std::string& a) { return a.ends_with("@example.in"); };
}

TEST(LmtpSession, HappyPathTwoRecipientsGetOneReplyEach) {
  LmtpSession s(Limits(), OnlyExample());
  EXPECT_EQ(s.Greeting().substr(0, 4), "220 ");
  std::string out = s.Feed("LHLO mta.local\r\n");
  EXPECT_NE(out.find("250-PIPELINING\r\n"), std::string::npos);
  EXPECT_NE(out.find("250-ENHANCEDSTATUSCODES\r\n"), std::string::npos);
  EXPECT_NE(out.find("250-8BITMIME\r\n"), std::string::npos);
  EXPECT_NE(out.find("250 SIZE 1000\r\n"), std::string::npos);
  EXPECT_EQ(s.Feed("MAIL FROM:<a@b.c> SIZE=100\r\n"), "250 2.1.0 sender OK\r\n");
  EXPECT_EQ(s.Feed("RCPT TO:<Support@Example.in>\r\n"), "250 2.1.5 recipient OK\r\n");
  EXPECT_EQ(s.Feed("RCPT TO:<nobody@elsewhere.org>\r\n").substr(0, 10), "550 5.1.1 ");
  EXPECT_EQ(s.Feed("RCPT TO:<sales@example.in>\r\n"), "250 2.1.5 recipient OK\r\n");
  EXPECT_EQ(s.Feed("DATA\r\n").substr(0, 4), "354 ");
  EXPECT_EQ(s.Feed("Subject: hi\r\n\r\nbody\r\n.\r\n"), "");
  ASSERT_TRUE(s.HasMessage());
  EXPECT_EQ(s.message(), "Subject: hi\r\n\r\nbody\r\n");
  ASSERT_EQ(s.recipients().size(), 2u);
  EXPECT_EQ(s.recipients()[0], "support@example.in");
  out = s.Delivered({{250, "2.0.0", "created"}, {451, "4.3.0", "busy"}});
  EXPECT_EQ(out, "250 2.0.0 created\r\n451 4.3.0 busy\r\n");
  EXPECT_FALSE(s.HasMessage());
  EXPECT_EQ(s.Feed("QUIT\r\n"), "221 2.0.0 bye\r\n");
  EXPECT_TRUE(s.closed());
}

TEST(LmtpSession, PipelinedCommandsAreAnsweredInOrderAcrossDelivery) {
  LmtpSession s(Limits(), nullptr);
  std::string out = s.Feed(
      "LHLO x\r\nMAIL FROM:<>\r\nRCPT TO:<a@x>\r\nDATA\r\nm\r\n.\r\nMAIL FROM:<>\r\n"
      "RCPT TO:<b@x>\r\nDATA\r\nn\r\n.\r\nQUIT\r\n");
  EXPECT_NE(out.find("250 2.1.0"), std::string::npos);
  EXPECT_NE(out.find("354 "), std::string::npos);
  ASSERT_TRUE(s.HasMessage());
  EXPECT_EQ(s.message(), "m\r\n");
  out = s.Delivered({{250, "2.0.0", "one"}});
  EXPECT_EQ(out.substr(0, 19), "250 2.0.0 one\r\n250 ");
  ASSERT_TRUE(s.HasMessage());
  EXPECT_EQ(s.message(), "n\r\n");
  EXPECT_EQ(s.recipients(), std::vector<std::string>{"b@x"});
  out = s.Delivered({{250, "2.0.0", "two"}});
  EXPECT_EQ(out, "250 2.0.0 two\r\n221 2.0.0 bye\r\n");
  EXPECT_TRUE(s.closed());
}

TEST(LmtpSession, DotUnstuffingAndBytewiseInput) {
  LmtpSession s(Limits(), nullptr);
  std::string input =
      "LHLO x\r\nMAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\n..leading dot\r\n..\r\n"
      "...two\r\n.x\r\n.\r\n";
  for (char c : input) s.Feed(std::string_view(&c, 1));
  ASSERT_TRUE(s.HasMessage());
  EXPECT_EQ(s.message(), ".leading dot\r\n.\r\n..two\r\nx\r\n");
}

TEST(LmtpSession, BadSequenceAndUnknownCommands) {
  LmtpSession s(Limits(), nullptr);
  EXPECT_EQ(s.Feed("MAIL FROM:<a@b>\r\n").substr(0, 10), "503 5.5.1 ");
  EXPECT_EQ(s.Feed("EHLO x\r\n").substr(0, 4), "500 ");
  EXPECT_EQ(s.Feed("LHLO x\r\n").substr(0, 4), "250-");
  EXPECT_EQ(s.Feed("RCPT TO:<a@b>\r\n").substr(0, 10), "503 5.5.1 ");
  EXPECT_EQ(s.Feed("DATA\r\n").substr(0, 10), "503 5.5.1 ");
  EXPECT_EQ(s.Feed("MAIL FROM:<a@b>\r\n").substr(0, 4), "250 ");
  EXPECT_EQ(s.Feed("MAIL FROM:<a@b>\r\n").substr(0, 10), "503 5.5.1 ");
  EXPECT_EQ(s.Feed("DATA\r\n").substr(0, 10), "503 5.5.1 ");  // no recipients
  EXPECT_EQ(s.Feed("RCPT TO:garbage\r\n").substr(0, 10), "501 5.5.4 ");
  EXPECT_EQ(s.Feed("FROB\r\n"), "500 5.5.1 unknown command\r\n");
  EXPECT_EQ(s.Feed("VRFY a@b\r\n").substr(0, 4), "252 ");
  EXPECT_EQ(s.Feed("NOOP\r\n"), "250 2.0.0 OK\r\n");
  EXPECT_EQ(s.Feed("RSET\r\n"), "250 2.0.0 OK\r\n");
  EXPECT_EQ(s.Feed("RCPT TO:<a@b>\r\n").substr(0, 10), "503 5.5.1 ");  // RSET forgot MAIL
  EXPECT_EQ(s.Feed(std::string("\0\xff\r\n", 4)).substr(0, 4), "500 ");
  EXPECT_FALSE(s.closed());
}

TEST(LmtpSession, TooLongCommandLine) {
  LmtpSession s(Limits(), nullptr);
  EXPECT_EQ(s.Feed(std::string(150, 'A')), "");  // no line end yet: discarded
  EXPECT_EQ(s.Feed(std::string(150, 'A') + "\r\n"), "500 5.5.2 line too long\r\n");
  EXPECT_EQ(s.Feed("NOOP " + std::string(120, 'x') + "\r\n"), "500 5.5.2 line too long\r\n");
  EXPECT_EQ(s.Feed("NOOP\r\n"), "250 2.0.0 OK\r\n");
}

TEST(LmtpSession, TooLargeMessage) {
  LmtpSession s(Limits(100), nullptr);
  s.Feed("LHLO x\r\n");
  EXPECT_EQ(s.Feed("MAIL FROM:<a@b> SIZE=5000\r\n").substr(0, 10), "552 5.3.4 ");
  EXPECT_EQ(s.Feed("MAIL FROM:<a@b>\r\nRCPT TO:<a@x>\r\nRCPT TO:<b@x>\r\n").size() > 0, true);
  s.Feed("DATA\r\n");
  std::string out;
  for (int i = 0; i < 20; ++i) out += s.Feed("0123456789\r\n");
  out += s.Feed(".\r\n");
  EXPECT_FALSE(s.HasMessage());
  EXPECT_EQ(out.substr(0, 10), "552 5.3.4 ");
  EXPECT_NE(out.find("\r\n552 5.3.4 "), std::string::npos);  // one per recipient
  EXPECT_EQ(s.Feed("NOOP\r\n"), "250 2.0.0 OK\r\n");
}

TEST(LmtpSession, HugeLineInDataIsConsumedWithoutGrowingUnbounded) {
  LmtpSession s(Limits(100), nullptr);
  s.Feed("LHLO x\r\nMAIL FROM:<a@b>\r\nRCPT TO:<a@x>\r\nDATA\r\n");
  for (int i = 0; i < 10; ++i) s.Feed(std::string(100000, 'z'));
  std::string out = s.Feed("\r\n.\r\n");
  EXPECT_EQ(out.substr(0, 10), "552 5.3.4 ");
}

TEST(LmtpSession, TimeoutAndBusyReplies) {
  EXPECT_EQ(LmtpSession::TimeoutReply().substr(0, 10), "421 4.4.2 ");
  EXPECT_EQ(LmtpSession::BusyReply().substr(0, 10), "421 4.3.2 ");
  LmtpSession s(Limits(), nullptr);
  EXPECT_EQ(s.Delivered({}), "");  // nothing pending: ignored
}

TEST(LmtpSession, MissingReplyForARecipientIsATemporaryFailure) {
  LmtpSession s(Limits(), nullptr);
  s.Feed("LHLO x\r\nMAIL FROM:<a@b>\r\nRCPT TO:<a@x>\r\nRCPT TO:<b@x>\r\nDATA\r\nm\n.\n");
  ASSERT_TRUE(s.HasMessage());
  EXPECT_EQ(s.message(), "m\n");
  std::string out = s.Delivered({{250, "2.0.0", "ok"}});
  EXPECT_EQ(out.substr(out.find('\n') + 1, 10), "451 4.3.0 ");
}

}  // namespace
}  // namespace sahayak::net
