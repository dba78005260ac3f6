// Storage contract tests on a real SQLite file: what services may rely on from any Store.
#include "store/sqlite/sqlite_store.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "testing/temp_dir.h"

namespace sahayak::store {
namespace {

using domain::Id;

using services::ReadTx;
using services::WriteTx;

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { store_ = Open(); }

  std::unique_ptr<SqliteStore> Open() {
    SqliteStoreOptions o;
    o.path = dir_.path() + "/t.db";
    o.synchronous_full = false;
    auto s = SqliteStore::Open(o);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return std::move(s).value();
  }

  Id MakeWorkspace() {
    Id id = 0;
    EXPECT_TRUE(store_->Write([&](WriteTx& tx) {
                  services::Workspace w;
                  w.name = "Test";
                  RETURN_IF_ERROR(tx.InsertWorkspace(&w));
                  id = w.id;
                  return Status::Ok();
                }).ok());
    return id;
  }

  Id MakeContact(Id ws, const std::string& email) {
    Id id = 0;
    Status st = store_->Write([&](WriteTx& tx) {
      domain::Contact c;
      c.workspace_id = ws;
      c.name = email;
      c.identities.push_back({domain::Identity::Kind::kEmail, email});
      RETURN_IF_ERROR(tx.InsertContact(&c));
      id = c.id;
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return id;
  }

  sahayak::testing::TempDir dir_;
  std::unique_ptr<SqliteStore> store_;
};

TEST_F(SqliteStoreTest, MigrationsApplyOnceAndReopenCleanly) {
  EXPECT_GE(store_->migrations_applied(), 1);
  store_.reset();
  auto again = Open();
  EXPECT_EQ(again->migrations_applied(), 0);
}

TEST_F(SqliteStoreTest, AFailedWriteLeavesNothingBehindAndDoesNotSpoilItsBatch) {
  Id ws = MakeWorkspace();
  constexpr int kWriters = 40;
  std::atomic<int> ok{0}, failed{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kWriters; ++i) {
    threads.emplace_back([&, i] {
      Status st = store_->Write([&](WriteTx& tx) -> Status {
        domain::Contact c;
        c.workspace_id = ws;
        c.name = "c" + std::to_string(i);
        c.identities.push_back({domain::Identity::Kind::kEmail, "c" + std::to_string(i) + "@x.in"});
        RETURN_IF_ERROR(tx.InsertContact(&c));
        if (i % 2 == 1) return InvalidArgument("odd writers fail after writing");
        return Status::Ok();
      });
      (st.ok() ? ok : failed).fetch_add(1);
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), kWriters / 2);
  EXPECT_EQ(failed.load(), kWriters / 2);
  ASSERT_TRUE(store_->Read([&](ReadTx& tx) -> Status {
                for (int i = 0; i < kWriters; ++i) {
                  auto c = tx.FindContactByIdentity(ws, domain::Identity::Kind::kEmail,
                                                    "c" + std::to_string(i) + "@x.in");
                  EXPECT_EQ(c.ok(), i % 2 == 0) << i;
                }
                return Status::Ok();
              }).ok());
  auto stats = store_->Stats();
  EXPECT_LE(stats.batches_committed, stats.writes_committed);
}

TEST_F(SqliteStoreTest, ATakenIdentityIsAlreadyExistsNamingTheField) {
  Id ws = MakeWorkspace();
  MakeContact(ws, "asha@example.in");
  Status st = store_->Write([&](WriteTx& tx) {
    domain::Contact c;
    c.workspace_id = ws;
    c.name = "Other";
    c.identities.push_back({domain::Identity::Kind::kEmail, "asha@example.in"});
    return tx.InsertContact(&c);
  });
  EXPECT_EQ(st.code(), Code::kAlreadyExists);
  ASSERT_FALSE(st.fields().empty());
  EXPECT_EQ(st.fields()[0].field, "email");
}

TEST_F(SqliteStoreTest, UnknownIdsAreNotFoundAndWorkspacesDoNotLeak) {
  Id ws1 = MakeWorkspace();
  Id ws2 = MakeWorkspace();
  Id c = MakeContact(ws1, "a@b.in");
  ASSERT_TRUE(store_->Read([&](ReadTx& tx) -> Status {
                EXPECT_TRUE(tx.GetContact(ws1, c).ok());
                EXPECT_EQ(tx.GetContact(ws2, c).status().code(), Code::kNotFound);
                EXPECT_EQ(tx.GetTicket(ws1, 999).status().code(), Code::kNotFound);
                return Status::Ok();
              }).ok());
}

TEST_F(SqliteStoreTest, TicketNumbersAreSequentialPerWorkspace) {
  Id ws1 = MakeWorkspace();
  Id ws2 = MakeWorkspace();
  std::vector<int64_t> got;
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) -> Status {
                for (Id ws : {ws1, ws1, ws2, ws1}) {
                  ASSIGN_OR_RETURN(int64_t n, tx.NextTicketNumber(ws));
                  got.push_back(n);
                }
                return Status::Ok();
              }).ok());
  EXPECT_EQ(got, (std::vector<int64_t>{1, 2, 1, 3}));
}

TEST_F(SqliteStoreTest, TicketPagesFollowTheCursorAndTagCountsFollowChanges) {
  Id ws = MakeWorkspace();
  Id requester = MakeContact(ws, "r@x.in");
  std::vector<Id> ids;
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) -> Status {
                for (int i = 0; i < 7; ++i) {
                  domain::Ticket t;
                  t.workspace_id = ws;
                  ASSIGN_OR_RETURN(t.number, tx.NextTicketNumber(ws));
                  t.subject = "t" + std::to_string(i);
                  t.requester_id = requester;
                  t.status = i < 4 ? domain::TicketStatus::kOpen : domain::TicketStatus::kSolved;
                  t.tags = {i % 2 ? "odd" : "even"};
                  RETURN_IF_ERROR(tx.InsertTicket(&t));
                  ids.push_back(t.id);
                }
                return Status::Ok();
              }).ok());
  services::TicketFilter open;
  open.statuses = {domain::TicketStatus::kOpen};
  std::vector<Id> seen;
  services::PageRequest page{std::nullopt, 3};
  while (true) {
    services::Page<domain::Ticket> p;
    ASSERT_TRUE(store_->Read([&](ReadTx& tx) -> Status {
                  ASSIGN_OR_RETURN(p, tx.ListTickets(ws, open, page));
                  return Status::Ok();
                }).ok());
    for (const auto& t : p.items) seen.push_back(t.id);
    if (!p.next) break;
    page.cursor = p.next;
  }
  EXPECT_EQ(seen, (std::vector<Id>{ids[3], ids[2], ids[1], ids[0]}));
  ASSERT_TRUE(store_->Read([&](ReadTx& tx) -> Status {
                EXPECT_EQ(tx.CountMatchingTickets(ws, open, 100).value(), 4);
                EXPECT_EQ(tx.CountMatchingTickets(ws, open, 2).value(), 2) << "stops at the cap";
                services::TicketFilter odd;
                odd.tag = "odd";
                EXPECT_EQ(tx.CountMatchingTickets(ws, odd, 100).value(), 3);
                return Status::Ok();
              }).ok());

  ASSERT_TRUE(store_->Write([&](WriteTx& tx) -> Status {
                ASSIGN_OR_RETURN(domain::Ticket before, tx.GetTicket(ws, ids[0]));
                domain::Ticket after = before;
                after.tags = {"vip"};
                return tx.UpdateTicket(before, after);
              }).ok());
  std::vector<services::TagCount> tags;
  ASSERT_TRUE(store_->Read([&](ReadTx& tx) -> Status {
                ASSIGN_OR_RETURN(tags, tx.ListTags(ws, "", 10));
                return Status::Ok();
              }).ok());
  ASSERT_EQ(tags.size(), 3u);
  EXPECT_EQ(tags[0].name, "even");
  EXPECT_EQ(tags[0].ticket_count, 3);
  EXPECT_EQ(tags[1].name, "odd");
  EXPECT_EQ(tags[1].ticket_count, 3);
  EXPECT_EQ(tags[2].name, "vip");
  EXPECT_EQ(tags[2].ticket_count, 1);
}

}  // namespace
}  // namespace sahayak::store
