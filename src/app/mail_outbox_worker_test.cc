// MailOutboxWorker on a real SQLite store and a fake clock, without a mail server: backoff,
// dead letters, and mail that waits for an SMTP server. Sending to a real Postfix is in
// tests/integration/test_mail_outbox.py.
#include "app/mail_outbox_worker.h"

#include <gtest/gtest.h>

#include <sys/socket.h>
#include <netinet/in.h>
#include <unistd.h>

#include "services/mail/outbound_service.h"
#include "store/file_blob_store.h"
#include "store/sqlite/sqlite_store.h"
#include "testing/fake_clock.h"
#include "testing/temp_dir.h"

namespace sahayak::app {
namespace {

using domain::MailOutboxItem;
constexpr Millis kOutboxRetryMs = 1000;

// A loopback port nothing listens on: connecting is refused at once.
int ClosedPort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t n = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &n);
  ::close(fd);
  return ntohs(a.sin_port);
}

TEST(MailOutboxBackoff, GrowsThenStaysAtTheCap) {
  EXPECT_EQ(MailOutboxWorker::Backoff(1, 60000), 60000);
  EXPECT_EQ(MailOutboxWorker::Backoff(2, 60000), 5 * 60000);
  EXPECT_EQ(MailOutboxWorker::Backoff(3, 60000), 15 * 60000);
  EXPECT_EQ(MailOutboxWorker::Backoff(4, 60000), 60 * 60000);
  EXPECT_EQ(MailOutboxWorker::Backoff(7, 60000), 360 * 60000);
  EXPECT_EQ(MailOutboxWorker::Backoff(30, 60000), 360 * 60000);
  EXPECT_EQ(MailOutboxWorker::Backoff(0, 10), 10);
}

class MailOutboxWorkerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store::SqliteStoreOptions o;
    o.path = dir_.path() + "/t.db";
    o.synchronous_full = false;
    store_ = std::move(store::SqliteStore::Open(o)).value();
    ASSERT_TRUE(store_
                    ->Write([&](services::WriteTx& tx) -> Status {
                      services::Workspace w;
                      w.name = "Demo";
                      RETURN_IF_ERROR(tx.InsertWorkspace(&w));
                      ws_ = w.id;
                      return Status::Ok();
                    })
                    .ok());
    MailOutboxWorkerOptions wo;
    wo.retry_base_ms = kOutboxRetryMs;
    wo.max_attempts = 3;
    worker_ = std::make_unique<MailOutboxWorker>(*store_, blobs_, clock_, std::string(32, 'k'),
                                                 wo);
  }

  domain::Id Queue(const std::string& payload, std::optional<domain::Id> mailbox = {}) {
    MailOutboxItem item;
    item.workspace_id = ws_;
    item.mailbox_id = mailbox;
    item.kind = "reply";
    item.message_id = "m1@acme.in";
    item.to_email = "ravi@example.in";
    item.payload = payload;
    item.next_attempt_at = clock_.Now();
    item.created_at = item.updated_at = clock_.Now();
    EXPECT_TRUE(store_->Write([&](services::WriteTx& tx) { return tx.InsertMailOutbox(&item); })
                    .ok());
    return item.id;
  }

  domain::Id AddMailbox(int port) {
    domain::Mailbox m;
    m.workspace_id = ws_;
    m.name = "support";
    m.address = "support@acme.in";
    m.smtp_host = "127.0.0.1";
    m.smtp_port = port;
    m.smtp_security = "none";
    EXPECT_TRUE(store_->Write([&](services::WriteTx& tx) { return tx.InsertMailbox(&m); }).ok());
    return m.id;
  }

  MailOutboxItem Get(domain::Id id) {
    MailOutboxItem out;
    EXPECT_TRUE(store_
                    ->Read([&](services::ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(out, tx.GetMailOutbox(ws_, id));
                      return Status::Ok();
                    })
                    .ok());
    return out;
  }

  static std::string ValidPayload() {
    services::QueuedMail q;
    q.mail.to = {{"Ravi", "ravi@example.in"}};
    q.mail.subject = "Re: Parcel [#1]";
    q.mail.message_id = "m1@acme.in";
    q.mail.date = 1'767'225'600'000;
    q.mail.text = "On its way.";
    q.from_person = "Kavya";
    q.ticket_number = 1;
    return services::EncodeQueuedMail(q);
  }

  sahayak::testing::TempDir dir_;
  sahayak::testing::FakeClock clock_;
  std::unique_ptr<store::SqliteStore> store_;
  store::FileBlobStore blobs_{dir_.path() + "/blobs"};
  std::unique_ptr<MailOutboxWorker> worker_;
  domain::Id ws_ = 0;
};

TEST_F(MailOutboxWorkerTest, WithoutAnSmtpServerMailWaitsThenDies) {
  const domain::Id id = Queue(ValidPayload());
  EXPECT_EQ(worker_->RunOnce(), 1);
  MailOutboxItem m = Get(id);
  EXPECT_EQ(m.state, "queued");
  EXPECT_EQ(m.attempts, 1);
  EXPECT_EQ(m.next_attempt_at, clock_.Now() + kOutboxRetryMs);
  EXPECT_NE(m.last_error.find("no SMTP server is configured"), std::string::npos);
  EXPECT_EQ(worker_->RunOnce(), 0) << "not due yet";
  clock_.Advance(kOutboxRetryMs);
  EXPECT_EQ(worker_->RunOnce(), 1);
  EXPECT_EQ(Get(id).next_attempt_at, clock_.Now() + 5 * kOutboxRetryMs);
  clock_.Advance(5 * kOutboxRetryMs);
  EXPECT_EQ(worker_->RunOnce(), 1);
  m = Get(id);
  EXPECT_EQ(m.state, "dead") << "the third of three attempts failed";
  EXPECT_NE(m.last_error.find("gave up after 3 attempts"), std::string::npos) << m.last_error;
  clock_.Advance(3600 * kOutboxRetryMs);
  EXPECT_EQ(worker_->RunOnce(), 0) << "dead mail stays dead";

  ASSERT_TRUE(store_
                  ->Write([&](services::WriteTx& tx) {
                    return tx.RequeueMailOutbox(ws_, id, clock_.Now());
                  })
                  .ok());
  EXPECT_EQ(worker_->RunOnce(), 1) << "an admin's retry is due at once";
  EXPECT_EQ(Get(id).attempts, 1);
}

TEST_F(MailOutboxWorkerTest, AnUnreachableServerIsATemporaryFailure) {
  const domain::Id box = AddMailbox(ClosedPort());
  const domain::Id id = Queue(ValidPayload(), box);
  EXPECT_EQ(worker_->RunOnce(), 1);
  MailOutboxItem m = Get(id);
  EXPECT_EQ(m.state, "queued");
  EXPECT_NE(m.last_error.find("127.0.0.1"), std::string::npos) << m.last_error;
}

TEST_F(MailOutboxWorkerTest, MailThatCannotBeComposedIsDeadAtOnce) {
  AddMailbox(ClosedPort());
  const domain::Id bad_json = Queue("[not an object");
  services::QueuedMail q;
  q.mail.to = {{"", "not an address"}};
  q.mail.subject = "x";
  q.mail.message_id = "m2@acme.in";
  q.mail.text = "x";
  const domain::Id bad_address = Queue(services::EncodeQueuedMail(q));
  q.mail.to = {{"", "ravi@example.in"}};
  q.attachments = {{"0000", "gone.pdf", "application/pdf", "", false}};
  const domain::Id missing_blob = Queue(services::EncodeQueuedMail(q));
  EXPECT_EQ(worker_->RunOnce(), 3);
  EXPECT_EQ(Get(bad_json).state, "dead");
  EXPECT_EQ(Get(bad_address).state, "dead");
  EXPECT_NE(Get(bad_address).last_error.find("cannot be composed"), std::string::npos)
      << Get(bad_address).last_error;
  EXPECT_EQ(Get(missing_blob).state, "dead");
  EXPECT_NE(Get(missing_blob).last_error.find("gone.pdf"), std::string::npos)
      << Get(missing_blob).last_error;
}

}  // namespace
}  // namespace sahayak::app
