// Storage contract tests on a real SQLite file: what services may rely on from any Store.
#include "store/sqlite/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <optional>
#include <thread>

#include "store/sqlite/sqlite_tx.h"
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

  // A ticket of `ws` requested by `requester`, its id appended to `ids`.
  static Status AddTicket(WriteTx& tx, Id ws, Id requester, const std::string& subject,
                          std::vector<Id>* ids, std::optional<Id> merged_into = std::nullopt) {
    domain::Ticket t;
    t.workspace_id = ws;
    ASSIGN_OR_RETURN(t.number, tx.NextTicketNumber(ws));
    t.subject = subject;
    t.requester_id = requester;
    t.merged_into_id = merged_into;
    RETURN_IF_ERROR(tx.InsertTicket(&t));
    ids->push_back(t.id);
    return Status::Ok();
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

// One write alone runs without a SAVEPOINT: its failure, or its exception, must still roll
// everything back and leave the writer ready for the next one.
TEST_F(SqliteStoreTest, ALoneFailedWriteLeavesNothingBehind) {
  Id ws = MakeWorkspace();
  auto insert = [&](const std::string& email, int fail) {
    return store_->Write([&](WriteTx& tx) -> Status {
      domain::Contact c;
      c.workspace_id = ws;
      c.name = email;
      c.identities.push_back({domain::Identity::Kind::kEmail, email});
      RETURN_IF_ERROR(tx.InsertContact(&c));
      if (fail == 1) return InvalidArgument("fails after writing");
      if (fail == 2) throw std::runtime_error("throws after writing");
      return Status::Ok();
    });
  };
  EXPECT_FALSE(insert("failed@x.in", 1).ok());
  Status thrown = insert("thrown@x.in", 2);
  EXPECT_EQ(thrown.code(), Code::kInternal);
  EXPECT_NE(thrown.message().find("throws after writing"), std::string::npos);
  ASSERT_TRUE(insert("kept@x.in", 0).ok());
  ASSERT_TRUE(store_->Read([&](ReadTx& tx) -> Status {
                for (const char* e : {"failed@x.in", "thrown@x.in"}) {
                  EXPECT_FALSE(tx.FindContactByIdentity(ws, domain::Identity::Kind::kEmail, e).ok())
                      << e;
                }
                EXPECT_TRUE(
                    tx.FindContactByIdentity(ws, domain::Identity::Kind::kEmail, "kept@x.in").ok());
                return Status::Ok();
              }).ok());
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

TEST_F(SqliteStoreTest, TicketHeadsAreOfTheWorkspaceWithMergeAndVersion) {
  Id ws1 = MakeWorkspace();
  Id ws2 = MakeWorkspace();
  Id requester = MakeContact(ws1, "r@x.in");
  std::vector<Id> ids;
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) -> Status {
                for (int i = 0; i < 3; ++i) {
                  RETURN_IF_ERROR(AddTicket(tx, ws1, requester,
                                            i == 0 ? "पार्सल नहीं मिला" : "t" + std::to_string(i),
                                            &ids, i == 2 ? std::optional<Id>(ids[0]) : std::nullopt));
                }
                return Status::Ok();
              }).ok());
  ASSERT_TRUE(store_->Read([&](ReadTx& tx) -> Status {
                ASSIGN_OR_RETURN(auto heads, tx.GetTicketHeads(ws1, {ids[2], 999, ids[0]}));
                EXPECT_EQ(heads.size(), 2u) << "an unknown id is left out";
                EXPECT_EQ(heads[0].id, ids[0]) << "in id order";
                EXPECT_EQ(heads[0].subject, "पार्सल नहीं मिला");
                EXPECT_FALSE(heads[0].merged_into_id);
                EXPECT_EQ(heads[0].version, 1);
                EXPECT_EQ(heads[1].merged_into_id, ids[0]);
                ASSIGN_OR_RETURN(auto other, tx.GetTicketHeads(ws2, ids));
                EXPECT_TRUE(other.empty()) << "another workspace's tickets are not read";
                ASSIGN_OR_RETURN(auto none, tx.GetTicketHeads(ws1, {}));
                EXPECT_TRUE(none.empty());
                return Status::Ok();
              }).ok());
}

TEST_F(SqliteStoreTest, FirstMessageBodiesAreOfTheWorkspaceOldestFirst) {
  Id ws1 = MakeWorkspace();
  Id ws2 = MakeWorkspace();
  Id requester = MakeContact(ws1, "r@x.in");
  std::vector<Id> ids;
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) -> Status {
                for (int i = 0; i < 3; ++i) {
                  const std::string subject = "t" + std::to_string(i);
                  RETURN_IF_ERROR(AddTicket(tx, ws1, requester, subject, &ids));
                  for (int m = 0; m < i * 2; ++m) {  // 0, 2 and 4 messages
                    domain::Message msg;
                    msg.workspace_id = ws1;
                    msg.ticket_id = ids.back();
                    msg.is_public = m != 1;  // a note: searched by agents, so in snippets
                    msg.body = m == 0 ? "पार्सल नहीं मिला " + subject : "m" + std::to_string(m);
                    RETURN_IF_ERROR(tx.InsertMessage(&msg));
                  }
                }
                return Status::Ok();
              }).ok());
  ASSERT_TRUE(store_->Read([&](ReadTx& tx) -> Status {
                ASSIGN_OR_RETURN(auto bodies,
                                 tx.GetFirstMessageBodies(ws1, {ids[2], 999, ids[0], ids[1]}, 3));
                EXPECT_EQ(bodies.size(), 2u) << "no entry without messages or for an unknown id";
                EXPECT_EQ(bodies[ids[1]], (std::vector<std::string>{"पार्सल नहीं मिला t1", "m1"}));
                EXPECT_EQ(bodies[ids[2]],
                          (std::vector<std::string>{"पार्सल नहीं मिला t2", "m1", "m2"}))
                    << "the first three, oldest first";
                ASSIGN_OR_RETURN(auto other, tx.GetFirstMessageBodies(ws2, ids, 3));
                EXPECT_TRUE(other.empty()) << "another workspace's messages are not read";
                return Status::Ok();
              }).ok());
}

TEST_F(SqliteStoreTest, MessagesCarryTheLanguageNotedWhenTheyWereWritten) {
  Id ws = MakeWorkspace();
  Id requester = MakeContact(ws, "r@x.in");
  std::vector<Id> ids;
  const std::vector<std::pair<std::string, std::optional<std::string>>> written = {
      {"मेरा पार्सल अभी तक नहीं आया है, कृपया बताइए कि वह कब पहुँचेगा।", std::nullopt},
      {"ನನ್ನ ಪಾರ್ಸೆಲ್ ಇನ್ನೂ ಬಂದಿಲ್ಲ, ದಯವಿಟ್ಟು ಯಾವಾಗ ಬರುತ್ತದೆ ಎಂದು ತಿಳಿಸಿ.", std::nullopt},
      {"My parcel has still not arrived, please tell me when it will come.", std::nullopt},
      {"2231 !!! ₹500", std::nullopt},
      {"Where is it?", std::string("hi")},  // a writer that knows better says so
  };
  ASSERT_TRUE(store_
                  ->Write([&](WriteTx& tx) -> Status {
                    RETURN_IF_ERROR(AddTicket(tx, ws, requester, "languages", &ids));
                    for (const auto& [body, language] : written) {
                      domain::Message m;
                      m.workspace_id = ws;
                      m.ticket_id = ids[0];
                      m.body = body;
                      m.language = language;
                      RETURN_IF_ERROR(tx.InsertMessage(&m));
                    }
                    return Status::Ok();
                  })
                  .ok());
  const std::vector<std::optional<std::string>> expected = {"hi", "kn", "en", "", "hi"};
  ASSERT_TRUE(store_
                  ->Read([&](ReadTx& tx) -> Status {
                    ASSIGN_OR_RETURN(auto page, tx.ListMessages(ws, ids[0], {}));
                    std::vector<std::optional<std::string>> listed;
                    for (const auto& m : page.items) listed.push_back(m.language);
                    EXPECT_EQ(listed, expected) << "as the conversation shows them";
                    ASSIGN_OR_RETURN(auto indexed, tx.ScanTicketsForIndex(0, 10));
                    EXPECT_EQ(indexed.size(), 1u);
                    std::vector<std::optional<std::string>> scanned;
                    for (const auto& m : indexed.at(0).messages) scanned.push_back(m.language);
                    EXPECT_EQ(scanned, expected) << "as the search index reads them";
                    return Status::Ok();
                  })
                  .ok());

  // A message of a database older than migration 0029 has no language: it reads as unknown,
  // not as "nothing could be said".
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_.path() + "/t.db").c_str(), &db), SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(db, "UPDATE messages SET language = NULL", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  ASSERT_TRUE(store_
                  ->Read([&](ReadTx& tx) -> Status {
                    ASSIGN_OR_RETURN(auto page, tx.ListMessages(ws, ids[0], {}));
                    EXPECT_EQ(page.items.size(), written.size());
                    for (const auto& m : page.items) EXPECT_FALSE(m.language) << m.body;
                    return Status::Ok();
                  })
                  .ok());
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

TEST_F(SqliteStoreTest, SortedTicketListsPageStablyInEveryOrder) {
  Id ws = MakeWorkspace();
  Id requester = MakeContact(ws, "sort@example.in");
  using S = domain::TicketStatus;
  std::vector<domain::Ticket> all;
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) -> Status {
                for (int i = 0; i < 23; ++i) {
                  domain::Ticket t;
                  t.workspace_id = ws;
                  ASSIGN_OR_RETURN(t.number, tx.NextTicketNumber(ws));
                  t.subject = "t" + std::to_string(i);
                  t.requester_id = requester;
                  t.status = i % 3 == 0 ? S::kOpen : i % 3 == 1 ? S::kPending : S::kSolved;
                  t.priority = i % 2 ? domain::Priority::kHigh : domain::Priority::kLow;
                  t.channel = i % 4 ? domain::Channel::kEmail : domain::Channel::kChat;
                  // Created out of id order, with ties, and updated in yet another order.
                  t.created_at = 1000 + (i * 7) % 5;
                  t.updated_at = 5000 + (i * 11) % 13;
                  if (t.status == S::kSolved) t.solved_at = 9000 + i % 4;
                  RETURN_IF_ERROR(tx.InsertTicket(&t));
                  all.push_back(t);
                }
                return Status::Ok();
              }).ok());
  auto key = [](const domain::Ticket& t, domain::TicketSort s) -> Millis {
    switch (s) {
      case domain::TicketSort::kCreatedAsc:
      case domain::TicketSort::kCreatedDesc: return t.created_at;
      case domain::TicketSort::kSolvedDesc: return t.solved_at.value_or(0);
      default: return t.updated_at;
    }
  };
  for (auto sort : {domain::TicketSort::kUpdatedDesc, domain::TicketSort::kUpdatedAsc,
                    domain::TicketSort::kCreatedDesc, domain::TicketSort::kCreatedAsc,
                    domain::TicketSort::kSolvedDesc}) {
    for (bool filtered : {false, true}) {
      services::TicketFilter f;
      if (filtered) {
        f.statuses = {S::kSolved, S::kOpen};
        f.priorities = {domain::Priority::kHigh};
        f.channels = {domain::Channel::kEmail};
      }
      std::vector<domain::Ticket> expected;
      for (const auto& t : all) {
        if (sort == domain::TicketSort::kSolvedDesc && !t.solved_at) continue;
        if (filtered && (t.status == S::kPending || t.priority != domain::Priority::kHigh ||
                         t.channel != domain::Channel::kEmail)) {
          continue;
        }
        expected.push_back(t);
      }
      const bool desc = sort != domain::TicketSort::kUpdatedAsc &&
                        sort != domain::TicketSort::kCreatedAsc;
      std::sort(expected.begin(), expected.end(), [&](const auto& a, const auto& b) {
        if (key(a, sort) != key(b, sort)) return desc ? key(a, sort) > key(b, sort)
                                                      : key(a, sort) < key(b, sort);
        return desc ? a.id > b.id : a.id < b.id;
      });
      std::vector<Id> want, got;
      for (const auto& t : expected) want.push_back(t.id);
      std::optional<services::TicketKey> after;
      int pages = 0;
      while (pages++ < 50) {
        services::TicketPage p;
        ASSERT_TRUE(store_->Read([&](ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(p, tx.ListTicketsSorted(ws, f, sort, after, 4));
                      return Status::Ok();
                    }).ok());
        for (const auto& t : p.items) got.push_back(t.id);
        if (!p.next) break;
        after = p.next;
      }
      EXPECT_EQ(got, want) << domain::Name(sort) << (filtered ? " filtered" : "");
      int64_t count = 0;
      ASSERT_TRUE(store_->Read([&](ReadTx& tx) -> Status {
                    ASSIGN_OR_RETURN(count, tx.CountMatchingTickets(ws, f, 1000));
                    return Status::Ok();
                  }).ok());
      if (sort != domain::TicketSort::kSolvedDesc) {
        EXPECT_EQ(count, static_cast<int64_t>(want.size())) << "list and count agree";
      }
    }
  }
}

TEST_F(SqliteStoreTest, DeletingOtherSessionsKeepsTheOneNamed) {
  Id ws = MakeWorkspace();
  Id agent = 0;
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) -> Status {
                domain::Agent a;
                a.workspace_id = ws;
                a.name = "Asha";
                a.email = "asha@example.in";
                RETURN_IF_ERROR(tx.InsertAgent(&a));
                agent = a.id;
                for (const char* hash : {"keep", "other-1", "other-2"}) {
                  services::SessionRecord s;
                  s.token_hash = hash;
                  s.workspace_id = ws;
                  s.agent_id = agent;
                  s.expires_at = 1;
                  RETURN_IF_ERROR(tx.InsertSession(s));
                }
                return tx.DeleteOtherSessionsOfAgent(ws, agent, "keep");
              }).ok());
  ASSERT_TRUE(store_->Read([&](ReadTx& tx) -> Status {
                EXPECT_TRUE(tx.GetSession("keep").ok());
                EXPECT_EQ(tx.GetSession("other-1").status().code(), Code::kNotFound);
                EXPECT_EQ(tx.GetSession("other-2").status().code(), Code::kNotFound);
                return Status::Ok();
              }).ok());
}

TEST_F(SqliteStoreTest, ACommonTagListsTheSameAsARareOne) {
  Id ws = MakeWorkspace();
  Id requester = MakeContact(ws, "tags@example.in");
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) -> Status {
                for (int i = 0; i < 12; ++i) {
                  domain::Ticket t;
                  t.workspace_id = ws;
                  ASSIGN_OR_RETURN(t.number, tx.NextTicketNumber(ws));
                  t.subject = "t";
                  t.requester_id = requester;
                  t.status = i % 2 ? domain::TicketStatus::kOpen : domain::TicketStatus::kNew;
                  t.updated_at = 100 + (i * 5) % 7;
                  t.tags = {i % 3 ? "vip" : "other"};
                  RETURN_IF_ERROR(tx.InsertTicket(&t));
                }
                return Status::Ok();
              }).ok());
  auto list = [&]() {
    std::vector<Id> ids;
    services::TicketFilter f;
    f.tag = "vip";
    std::optional<services::TicketKey> after;
    for (int pages = 0; pages < 20; ++pages) {
      services::TicketPage p;
      EXPECT_TRUE(store_->Read([&](ReadTx& tx) -> Status {
                    ASSIGN_OR_RETURN(p, tx.ListTicketsSorted(
                                            ws, f, domain::TicketSort::kUpdatedDesc, after, 3));
                    return Status::Ok();
                  }).ok());
      for (const auto& t : p.items) ids.push_back(t.id);
      if (!p.next) break;
      after = p.next;
    }
    return ids;
  };
  std::vector<Id> rare = list();
  EXPECT_EQ(rare.size(), 8u);
  // Pretend the tag is on many tickets, so the list walks the status indexes instead.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_.path() + "/t.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE tags SET ticket_count = 50000 WHERE name = 'vip'", nullptr,
                         nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  EXPECT_EQ(list(), rare);
}

// A tag on many tickets but on none of the newest tickets of a status (thousands of new
// tickets just created without it, or untagged tickets whose ids are scattered in sort order):
// the list walks past them in batches, checks whole batches against the tag's ids, or gives up
// walking and reads the tag's own rows. Every way must give the pages a brute-force sort gives.
TEST_F(SqliteStoreTest, ACommonTagMissingFromTheNewestTicketsStillListsExactly) {
  Id ws = MakeWorkspace();
  Id requester = MakeContact(ws, "walk@example.in");
  using S = domain::TicketStatus;
  using Sort = domain::TicketSort;
  std::vector<domain::Ticket> tagged;
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) -> Status {
                for (int i = 0; i < 240; ++i) {
                  domain::Ticket t;
                  t.workspace_id = ws;
                  ASSIGN_OR_RETURN(t.number, tx.NextTicketNumber(ws));
                  t.subject = "t";
                  t.requester_id = requester;
                  t.status = i % 4 == 0 ? S::kNew : i % 4 == 1 ? S::kOpen
                                                  : i % 4 == 2 ? S::kSolved : S::kClosed;
                  t.created_at = 1000 + (i * 7) % 50;
                  t.updated_at = 5000 + (i * 11) % 60;
                  if (t.status == S::kSolved || t.status == S::kClosed) {
                    t.solved_at = 9000 + (i * 13) % 40;
                  }
                  t.tags = {i % 3 ? "common" : "other"};
                  RETURN_IF_ERROR(tx.InsertTicket(&t));
                  if (i % 3) tagged.push_back(t);
                }
                return Status::Ok();
              }).ok());
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_.path() + "/t.db").c_str(), &db), SQLITE_OK);
  auto exec = [&](const std::string& sql) {
    char* err = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK)
        << (err ? err : "") << " in " << sql;
    sqlite3_free(err);
  };
  const std::string w = std::to_string(ws), r = std::to_string(requester);
  exec("PRAGMA synchronous = OFF");
  exec("BEGIN");
  // 3,000 new tickets without the tag, newest of all by updated_at and created_at, ids in a row.
  exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) "
       "INSERT INTO tickets (workspace_id, number, subject, status, priority, type, channel, "
       "requester_id, created_at, updated_at) SELECT " + w + ", 100000 + i, 'u', 'new', "
       "'normal', 'question', 'api', " + r + ", 2000000 + i, 2000000 + i FROM n");
  // 40,000 solved tickets without the tag, newest by solved_at and created_at and oldest by
  // updated_at, their ids scattered in every one of those orders.
  exec("WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 39999) "
       "INSERT INTO tickets (workspace_id, number, subject, status, priority, type, channel, "
       "requester_id, created_at, updated_at, solved_at) SELECT " + w + ", 200000 + i, 'u', "
       "'solved', 'normal', 'question', 'api', " + r + ", 3000000 + (i * 7919) % 40000, "
       "(i * 104729) % 40000 - 50000, 4000000 + (i * 7907) % 40000 FROM n");
  // Past kSortTaggedTicketsUpTo, so that the tag is checked on a walk, not sorted.
  exec("UPDATE tags SET ticket_count = 10001 WHERE name = 'common'");
  exec("COMMIT");
  sqlite3_close(db);

  auto key = [](const domain::Ticket& t, Sort s) -> Millis {
    switch (s) {
      case Sort::kCreatedAsc:
      case Sort::kCreatedDesc: return t.created_at;
      case Sort::kSolvedDesc: return t.solved_at.value_or(0);
      default: return t.updated_at;
    }
  };
  const int limit = 7;
  for (auto sort : {Sort::kUpdatedDesc, Sort::kUpdatedAsc, Sort::kCreatedDesc,
                    Sort::kCreatedAsc, Sort::kSolvedDesc}) {
    for (const std::vector<S>& statuses : std::vector<std::vector<S>>{
             {}, {S::kNew}, {S::kSolved}, {S::kNew, S::kSolved, S::kClosed}}) {
      services::TicketFilter f;
      f.tag = "common";
      f.statuses = statuses;
      std::vector<Id> want;
      {
        std::vector<domain::Ticket> expected;
        for (const auto& t : tagged) {
          if (sort == Sort::kSolvedDesc && !t.solved_at) continue;
          if (!statuses.empty() &&
              std::find(statuses.begin(), statuses.end(), t.status) == statuses.end()) {
            continue;
          }
          expected.push_back(t);
        }
        const bool desc = sort != Sort::kUpdatedAsc && sort != Sort::kCreatedAsc;
        std::sort(expected.begin(), expected.end(), [&](const auto& a, const auto& b) {
          if (key(a, sort) != key(b, sort)) return desc ? key(a, sort) > key(b, sort)
                                                        : key(a, sort) < key(b, sort);
          return desc ? a.id > b.id : a.id < b.id;
        });
        for (const auto& t : expected) want.push_back(t.id);
      }
      if (sort == Sort::kSolvedDesc && statuses == std::vector<S>{S::kNew}) continue;
      ASSERT_GT(want.size(), static_cast<size_t>(2 * limit));
      std::string what = std::string(domain::Name(sort)) + " with " +
                         std::to_string(statuses.size()) + " statuses";
      std::optional<services::TicketKey> after;
      for (int page = 0; page < 2; ++page) {
        services::TicketPage p;
        ASSERT_TRUE(store_->Read([&](ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(p, tx.ListTicketsSorted(ws, f, sort, after, limit));
                      return Status::Ok();
                    }).ok());
        std::vector<Id> got;
        for (const auto& t : p.items) got.push_back(t.id);
        EXPECT_EQ(got, std::vector<Id>(want.begin() + page * limit,
                                       want.begin() + (page + 1) * limit))
            << what << ", page " << page + 1;
        ASSERT_TRUE(p.next.has_value()) << what;
        EXPECT_EQ(p.next->id, got.back()) << what;
        after = p.next;
      }
    }
  }
}

// The inbox's common views must walk an index in order and stop after a page: a plan that
// sorts ("USE TEMP B-TREE FOR ORDER BY") reads every match, which at a million tickets is
// far too slow.
TEST_F(SqliteStoreTest, SortedTicketQueriesWalkAnIndexInsteadOfSorting) {
  MakeWorkspace();
  store_.reset();  // let the raw connection below see the migrated schema alone
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2((dir_.path() + "/t.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr),
            SQLITE_OK);
  auto plan = [&](const std::string& sql) {
    sqlite3_stmt* s = nullptr;
    std::string out;
    EXPECT_EQ(sqlite3_prepare_v2(db, ("EXPLAIN QUERY PLAN " + sql).c_str(), -1, &s, nullptr),
              SQLITE_OK)
        << sqlite3_errmsg(db);
    while (s != nullptr && sqlite3_step(s) == SQLITE_ROW) {
      out += reinterpret_cast<const char*>(sqlite3_column_text(s, 3));
      out += "; ";
    }
    sqlite3_finalize(s);
    return out;
  };
  for (auto sort : {domain::TicketSort::kUpdatedDesc, domain::TicketSort::kUpdatedAsc,
                    domain::TicketSort::kCreatedDesc, domain::TicketSort::kCreatedAsc,
                    domain::TicketSort::kSolvedDesc}) {
    for (int variant = 0; variant < 5; ++variant) {
      services::TicketFilter f;
      if (variant == 1) f.assignee_id = 3;
      if (variant == 2) f.unassigned = true;
      if (variant == 3) f.group_id = 2;
      if (variant == 4) f.tag = "common";  // a tag on many tickets: checked per row
      for (bool after : {false, true}) {
        std::string p = plan(SortedTicketSql(f, 1, sort, after, variant == 4));
        EXPECT_EQ(p.find("TEMP B-TREE"), std::string::npos)
            << domain::Name(sort) << " variant " << variant << ": " << p;
        EXPECT_NE(p.find("USING INDEX"), std::string::npos) << p;
      }
    }
  }
  sqlite3_close(db);
}

// The walks behind a common tag (SqliteTx::WalkTaggedStatus) read an index in order too: the
// batch walk from the index alone, the per-row check between two keys (after a cursor only in
// the plan), with or without a range of ids left out.
TEST_F(SqliteStoreTest, TaggedWalksReadAnIndexInOrder) {
  MakeWorkspace();
  store_.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2((dir_.path() + "/t.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr),
            SQLITE_OK);
  auto plan = [&](const std::string& sql) {
    sqlite3_stmt* s = nullptr;
    std::string out;
    EXPECT_EQ(sqlite3_prepare_v2(db, ("EXPLAIN QUERY PLAN " + sql).c_str(), -1, &s, nullptr),
              SQLITE_OK)
        << sqlite3_errmsg(db);
    while (s != nullptr && sqlite3_step(s) == SQLITE_ROW) {
      out += reinterpret_cast<const char*>(sqlite3_column_text(s, 3));
      out += "; ";
    }
    sqlite3_finalize(s);
    return out;
  };
  for (auto sort : {domain::TicketSort::kUpdatedDesc, domain::TicketSort::kUpdatedAsc,
                    domain::TicketSort::kCreatedDesc, domain::TicketSort::kCreatedAsc,
                    domain::TicketSort::kSolvedDesc}) {
    for (int variant = 0; variant < 5; ++variant) {
      services::TicketFilter f;
      f.tag = "common";
      if (variant == 1) f.assignee_id = 3;
      if (variant == 2) f.unassigned = true;
      if (variant == 3) f.group_id = 2;
      if (variant == 4) f.priorities = {domain::Priority::kHigh};
      for (int flags = 0; flags < 4; ++flags) {
        const bool after = flags & 1, skip = flags & 2;
        std::string walk = plan(SortedTicketWalkSql(f, sort, after, skip));
        EXPECT_EQ(walk.find("TEMP B-TREE"), std::string::npos)
            << domain::Name(sort) << " variant " << variant << ": " << walk;
        EXPECT_NE(walk.find("INDEX tickets_"), std::string::npos) << walk;
        if (variant != 4) {
          EXPECT_NE(walk.find("COVERING INDEX"), std::string::npos) << walk;
        }
        std::string check =
            plan(SortedTicketSql(f, 1, sort, after, true, /*within=*/true, skip));
        EXPECT_EQ(check.find("TEMP B-TREE"), std::string::npos)
            << domain::Name(sort) << " variant " << variant << ": " << check;
        EXPECT_NE(check.find("USING INDEX tickets_"), std::string::npos) << check;
      }
    }
  }
  sqlite3_close(db);
}

}  // namespace
}  // namespace sahayak::store
