// Mailboxes, imported IMAP UIDs and the mail outbox on a real SQLite file.
#include <gtest/gtest.h>

#include "store/sqlite/sqlite_store.h"
#include "testing/temp_dir.h"

namespace sahayak::store {
namespace {

using domain::Id;
using services::ReadTx;
using services::WriteTx;

class MailboxStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SqliteStoreOptions o;
    o.path = dir_.path() + "/t.db";
    o.synchronous_full = false;
    auto s = SqliteStore::Open(o);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
    ASSERT_TRUE(store_->Write([&](WriteTx& tx) {
                  services::Workspace w;
                  w.name = "Test";
                  RETURN_IF_ERROR(tx.InsertWorkspace(&w));
                  ws_ = w.id;
                  return Status::Ok();
                }).ok());
  }

  Id QueueMail(const std::string& to, Millis due) {
    Id id = 0;
    EXPECT_TRUE(store_->Write([&](WriteTx& tx) {
                  domain::MailOutboxItem o;
                  o.workspace_id = ws_;
                  o.kind = "auto_ack";
                  o.message_id = "m" + std::to_string(due) + to + "@acme.test";
                  o.to_email = to;
                  o.next_attempt_at = due;
                  o.created_at = o.updated_at = due;
                  RETURN_IF_ERROR(tx.InsertMailOutbox(&o));
                  id = o.id;
                  return Status::Ok();
                }).ok());
    return id;
  }

  std::vector<domain::MailOutboxItem> Claim(Millis now) {
    std::vector<domain::MailOutboxItem> got;
    EXPECT_TRUE(store_->Write([&](WriteTx& tx) -> Status {
                  ASSIGN_OR_RETURN(got, tx.ClaimMailOutbox(now, now + 300'000, 10));
                  return Status::Ok();
                }).ok());
    return got;
  }

  sahayak::testing::TempDir dir_;
  std::unique_ptr<SqliteStore> store_;
  Id ws_ = 0;
};

TEST_F(MailboxStoreTest, MailboxesKeepEveryFieldAndRefuseATakenNameOrAddress) {
  domain::Mailbox m;
  m.workspace_id = ws_;
  m.name = "support";
  m.address = "support@acme.test";
  m.from_name = "Acme सहायता";
  m.imap_host = "imap.acme.test";
  m.imap_security = "starttls";
  m.imap_port = 143;
  m.imap_password_sealed = "v1.sealed";
  m.imap_after = "move";
  m.imap_move_to = "Imported";
  m.auto_ack_templates = R"({"hi":{"subject":"नमस्ते","body":"…"}})";
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.InsertMailbox(&m); }).ok());
  ASSERT_GT(m.id, 0);

  domain::Mailbox twin = m;
  twin.name = "other";
  Status st = store_->Write([&](WriteTx& tx) { return tx.InsertMailbox(&twin); });
  EXPECT_EQ(st.code(), Code::kAlreadyExists);
  EXPECT_NE(st.message().find("support@acme.test"), std::string::npos);

  ASSERT_TRUE(store_->Read([&](ReadTx& tx) -> Status {
                ASSIGN_OR_RETURN(auto got, tx.FindMailboxByName(ws_, "support"));
                EXPECT_EQ(got.from_name, "Acme सहायता");
                EXPECT_EQ(got.imap_port, 143);
                EXPECT_EQ(got.imap_security, "starttls");
                EXPECT_EQ(got.imap_password_sealed, "v1.sealed");
                EXPECT_EQ(got.imap_move_to, "Imported");
                EXPECT_EQ(got.auto_ack_templates, m.auto_ack_templates);
                ASSIGN_OR_RETURN(auto imap, tx.ListImapMailboxes());
                EXPECT_EQ(imap.size(), 1u);
                return Status::Ok();
              }).ok());

  m.enabled = false;
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.UpdateMailbox(m); }).ok());
  ASSERT_TRUE(store_->Read([&](ReadTx& tx) -> Status {
                ASSIGN_OR_RETURN(auto imap, tx.ListImapMailboxes());
                EXPECT_TRUE(imap.empty()) << "a disabled mailbox is not fetched";
                return Status::Ok();
              }).ok());
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.DeleteMailbox(ws_, m.id); }).ok());
  EXPECT_EQ(store_->Write([&](WriteTx& tx) { return tx.DeleteMailbox(ws_, m.id); }).code(),
            Code::kNotFound);
}

TEST_F(MailboxStoreTest, ImportedImapUidsAreRememberedPerUidValidity) {
  domain::Mailbox m;
  m.workspace_id = ws_;
  m.name = "support";
  m.address = "support@acme.test";
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.InsertMailbox(&m); }).ok());
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) {
                RETURN_IF_ERROR(tx.RecordImapUid(m.id, "INBOX", 7, 42, "a@b", 1));
                return tx.RecordImapUid(m.id, "INBOX", 7, 42, "a@b", 2);  // no-op
              }).ok());
  ASSERT_TRUE(store_->Read([&](ReadTx& tx) -> Status {
                ASSIGN_OR_RETURN(bool seen, tx.IsImapUidImported(m.id, "INBOX", 7, 42));
                EXPECT_TRUE(seen);
                ASSIGN_OR_RETURN(bool other, tx.IsImapUidImported(m.id, "INBOX", 8, 42));
                EXPECT_FALSE(other) << "a new UIDVALIDITY starts afresh";
                return Status::Ok();
              }).ok());
}

TEST_F(MailboxStoreTest, OutboxClaimsDueMailOnceRetriesLaterAndReclaimsAfterACrash) {
  Id due = QueueMail("ravi@example.in", 1000);
  Id later = QueueMail("asha@example.in", 50'000);
  auto first = Claim(2000);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].id, due);
  EXPECT_EQ(first[0].state, "sending");
  EXPECT_EQ(first[0].attempts, 1);
  EXPECT_TRUE(Claim(2001).empty()) << "a claimed mail is not claimed twice";

  // The sender died without marking it: after the claim runs out it is due again.
  auto again = Claim(2000 + 300'001);
  ASSERT_EQ(again.size(), 2u);
  EXPECT_EQ(again[0].attempts + again[1].attempts, 3);

  ASSERT_TRUE(store_->Write([&](WriteTx& tx) {
                RETURN_IF_ERROR(tx.MarkMailOutboxSent(due, 400'000));
                return tx.MarkMailOutboxDead(later, "550 5.1.1 no such user", 400'000);
              }).ok());
  ASSERT_TRUE(store_->Read([&](ReadTx& tx) -> Status {
                ASSIGN_OR_RETURN(auto dead, tx.ListMailOutbox(ws_, "dead", {std::nullopt, 10}));
                EXPECT_EQ(dead.items.size(), 1u);
                EXPECT_EQ(dead.items[0].last_error, "550 5.1.1 no such user");
                ASSIGN_OR_RETURN(int64_t n, tx.CountMailOutboxTo(ws_, "ravi@example.in",
                                                                 "auto_ack", 0));
                EXPECT_EQ(n, 1);
                return Status::Ok();
              }).ok());
  EXPECT_EQ(store_->Write([&](WriteTx& tx) { return tx.RequeueMailOutbox(ws_, due, 1); }).code(),
            Code::kFailedPrecondition)
      << "a sent mail is never queued again";
  ASSERT_TRUE(
      store_->Write([&](WriteTx& tx) { return tx.RequeueMailOutbox(ws_, later, 500'000); }).ok());
  auto requeued = Claim(500'000);
  ASSERT_EQ(requeued.size(), 1u);
  EXPECT_EQ(requeued[0].attempts, 1) << "a retried dead letter starts counting afresh";
}

}  // namespace
}  // namespace sahayak::store
