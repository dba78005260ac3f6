// The queue of rules' webhooks on a real SQLite file (migration 0028): rows as written, a
// rule's list newest first, claims with leases (an ended lease is claimed again, a live one
// never), outcomes recorded only by the claim that made them, and re-queueing the dead.
#include "store/sqlite/tx_rule_webhooks.h"

#include <gtest/gtest.h>

#include "store/sqlite/sqlite_store.h"
#include "testing/temp_dir.h"

namespace sahayak::store {
namespace {

using domain::Id;
using services::RuleWebhookDelivery;
using services::WriteTx;

constexpr Millis kNow = 1'796'000'000'000;
constexpr Millis kLease = 30'000;

class RuleWebhookStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SqliteStoreOptions o;
    o.path = dir_.path() + "/t.db";
    o.synchronous_full = false;
    store_ = std::move(SqliteStore::Open(o)).value();
    ws_ = Workspace("Acme");
    other_ws_ = Workspace("Other");
  }

  Id Workspace(const std::string& name) {
    Id id = 0;
    EXPECT_TRUE(store_
                    ->Write([&](WriteTx& tx) -> Status {
                      services::Workspace w;
                      w.name = name;
                      RETURN_IF_ERROR(tx.InsertWorkspace(&w));
                      id = w.id;
                      return Status::Ok();
                    })
                    .ok());
    return id;
  }

  RuleWebhookDelivery Insert(Id ws, Id rule_id, Millis due, const std::string& state = "pending") {
    RuleWebhookDelivery d;
    d.workspace_id = ws;
    d.rule_id = rule_id;
    d.ticket_id = 501;
    d.event = "ticket.created";
    d.url = "https://hooks.example.in/sahayak";
    d.sealed_secret = "v1.sealed";
    d.body = R"({"event":"ticket.created","ticket":{"subject":"पार्सल कहाँ है?"}})";
    d.state = state;
    d.next_attempt_at = due;
    d.created_at = d.updated_at = kNow;
    EXPECT_TRUE(
        store_->Write([&](WriteTx& tx) { return tx.rule_webhooks().InsertRuleWebhookDelivery(&d); })
            .ok());
    EXPECT_GT(d.id, 0);
    return d;
  }

  std::vector<RuleWebhookDelivery> Claim(Millis now, int limit = 10) {
    std::vector<RuleWebhookDelivery> out;
    Status st = store_->Write([&](WriteTx& tx) -> Status {
      ASSIGN_OR_RETURN(out,
                       tx.rule_webhooks().ClaimRuleWebhookDeliveries(now, now + kLease, limit));
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return out;
  }

  Status Write(const std::function<Status(services::RuleWebhookWriteTx&)>& fn) {
    return store_->Write([&](WriteTx& tx) { return fn(tx.rule_webhooks()); });
  }

  Result<RuleWebhookDelivery> Get(Id ws, Id id) {
    Result<RuleWebhookDelivery> out = Internal("not read");
    EXPECT_TRUE(store_
                    ->Read([&](services::ReadTx& tx) -> Status {
                      out = tx.rule_webhooks().GetRuleWebhookDelivery(ws, id);
                      return Status::Ok();
                    })
                    .ok());
    return out;
  }

  std::vector<RuleWebhookDelivery> List(Id ws, Id rule_id, std::optional<Id> before, int limit) {
    std::vector<RuleWebhookDelivery> out;
    EXPECT_TRUE(store_
                    ->Read([&](services::ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(out, tx.rule_webhooks().ListRuleWebhookDeliveries(
                                                ws, rule_id, before, limit));
                      return Status::Ok();
                    })
                    .ok());
    return out;
  }

  testing::TempDir dir_;
  std::unique_ptr<SqliteStore> store_;
  Id ws_ = 0;
  Id other_ws_ = 0;
};

TEST_F(RuleWebhookStoreTest, KeepsARowAsWrittenInItsWorkspace) {
  const auto d = Insert(ws_, 7, kNow);
  auto got = Get(ws_, d.id);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->rule_id, 7);
  EXPECT_EQ(got->ticket_id, 501);
  EXPECT_EQ(got->event, "ticket.created");
  EXPECT_EQ(got->url, "https://hooks.example.in/sahayak");
  EXPECT_EQ(got->sealed_secret, "v1.sealed");
  EXPECT_EQ(got->body, d.body);
  EXPECT_EQ(got->state, "pending");
  EXPECT_EQ(got->attempts, 0);
  EXPECT_EQ(got->next_attempt_at, kNow);
  EXPECT_FALSE(got->lease_until);
  EXPECT_FALSE(got->last_status);
  EXPECT_FALSE(got->sent_at);
  EXPECT_EQ(Get(other_ws_, d.id).status().code(), Code::kNotFound);
}

TEST_F(RuleWebhookStoreTest, ListsARulesDeliveriesNewestFirstPageByPage) {
  std::vector<Id> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(Insert(ws_, 7, kNow).id);
  Insert(ws_, 8, kNow);        // another rule
  Insert(other_ws_, 7, kNow);  // another workspace's rule 7
  auto first = List(ws_, 7, std::nullopt, 3);
  ASSERT_EQ(first.size(), 3u);
  EXPECT_EQ(first[0].id, ids[4]);
  EXPECT_EQ(first[2].id, ids[2]);
  auto rest = List(ws_, 7, first.back().id, 3);
  ASSERT_EQ(rest.size(), 2u);
  EXPECT_EQ(rest[0].id, ids[1]);
  EXPECT_EQ(rest[1].id, ids[0]);
  EXPECT_TRUE(List(ws_, 99, std::nullopt, 10).empty());
}

TEST_F(RuleWebhookStoreTest, ClaimsDueRowsOldestFirstAndLeasesThem) {
  const auto later = Insert(ws_, 7, kNow + 1000);
  const auto b = Insert(ws_, 7, kNow - 10);
  const auto a = Insert(other_ws_, 7, kNow - 20);  // every workspace's rows
  Insert(ws_, 7, kNow - 30, "dead");
  Insert(ws_, 7, kNow - 40, "sent");
  auto claimed = Claim(kNow);
  ASSERT_EQ(claimed.size(), 2u);
  EXPECT_EQ(claimed[0].id, a.id);
  EXPECT_EQ(claimed[1].id, b.id);
  for (const auto& d : claimed) {
    EXPECT_EQ(d.state, "sending");
    EXPECT_EQ(d.attempts, 1);
    EXPECT_EQ(d.lease_until, kNow + kLease);
  }
  EXPECT_EQ(Get(ws_, b.id)->state, "sending");
  EXPECT_EQ(Get(ws_, b.id)->lease_until, kNow + kLease);
  // A live lease is never claimed again; the later row only when due.
  EXPECT_TRUE(Claim(kNow + 999).empty());
  auto due = Claim(kNow + 1000);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].id, later.id);
}

TEST_F(RuleWebhookStoreTest, AClaimWhoseLeaseEndedIsClaimedAgainFirst) {
  const auto crashed = Insert(ws_, 7, kNow);
  ASSERT_EQ(Claim(kNow).size(), 1u);  // its worker dies while sending
  const auto waiting = Insert(ws_, 7, kNow - 100);
  // The waiting row was due before the crashed one, but a claim whose lease ended goes first.
  auto at_lease_end = Claim(kNow + kLease, 1);
  ASSERT_EQ(at_lease_end.size(), 1u);
  EXPECT_EQ(at_lease_end[0].id, crashed.id);
  EXPECT_EQ(at_lease_end[0].attempts, 2);
  EXPECT_EQ(at_lease_end[0].lease_until, kNow + 2 * kLease);
  auto next = Claim(kNow + kLease, 1);
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].id, waiting.id);
  EXPECT_TRUE(Claim(kNow + 2 * kLease - 1).empty());
}

TEST_F(RuleWebhookStoreTest, OnlyTheClaimThatMadeAnAttemptRecordsItsOutcome) {
  const auto d = Insert(ws_, 7, kNow);
  ASSERT_EQ(Claim(kNow).size(), 1u);
  // The first worker outlives its lease; a second claim takes the row.
  ASSERT_EQ(Claim(kNow + kLease).size(), 1u);
  Status late = Write([&](auto& q) { return q.MarkRuleWebhookSent(d.id, 1, 200, kNow + kLease); });
  EXPECT_EQ(late.code(), Code::kAborted) << late.ToString();
  EXPECT_EQ(Get(ws_, d.id)->state, "sending");
  ASSERT_TRUE(
      Write([&](auto& q) { return q.MarkRuleWebhookSent(d.id, 2, 204, kNow + kLease + 5); }).ok());
  auto sent = Get(ws_, d.id);
  EXPECT_EQ(sent->state, "sent");
  EXPECT_EQ(sent->last_status, 204);
  EXPECT_EQ(sent->sent_at, kNow + kLease + 5);
  EXPECT_FALSE(sent->lease_until);
  // Recorded once: a sent row takes no other outcome.
  EXPECT_EQ(Write([&](auto& q) { return q.MarkRuleWebhookDead(d.id, 2, 500, "x", kNow); }).code(),
            Code::kAborted);
  EXPECT_EQ(Write([&](auto& q) { return q.MarkRuleWebhookSent(12345, 1, 200, kNow); }).code(),
            Code::kNotFound);
}

TEST_F(RuleWebhookStoreTest, RetryKeepsTheLastStatusWhenThereWasNoAnswer) {
  const auto d = Insert(ws_, 7, kNow);
  ASSERT_EQ(Claim(kNow).size(), 1u);
  ASSERT_TRUE(Write([&](auto& q) {
                return q.MarkRuleWebhookRetry(d.id, 1, kNow + 500, 503, "HTTP 503", kNow + 1);
              }).ok());
  auto row = Get(ws_, d.id);
  EXPECT_EQ(row->state, "pending");
  EXPECT_EQ(row->next_attempt_at, kNow + 500);
  EXPECT_EQ(row->last_status, 503);
  EXPECT_EQ(row->last_error, "HTTP 503");
  EXPECT_FALSE(row->lease_until);
  EXPECT_TRUE(Claim(kNow + 499).empty());
  ASSERT_EQ(Claim(kNow + 500).size(), 1u);
  ASSERT_TRUE(Write([&](auto& q) {
                return q.MarkRuleWebhookDead(d.id, 2, std::nullopt, "cannot connect", kNow + 501);
              }).ok());
  row = Get(ws_, d.id);
  EXPECT_EQ(row->state, "dead");
  EXPECT_EQ(row->attempts, 2);
  EXPECT_EQ(row->last_status, 503);
  EXPECT_EQ(row->last_error, "cannot connect");
}

TEST_F(RuleWebhookStoreTest, OnlyADeadRowIsQueuedAgain) {
  const auto d = Insert(ws_, 7, kNow);
  EXPECT_EQ(Write([&](auto& q) { return q.RequeueRuleWebhookDelivery(ws_, d.id, kNow); }).code(),
            Code::kFailedPrecondition);
  ASSERT_EQ(Claim(kNow).size(), 1u);
  ASSERT_TRUE(
      Write([&](auto& q) { return q.MarkRuleWebhookDead(d.id, 1, 400, "HTTP 400", kNow); }).ok());
  EXPECT_EQ(
      Write([&](auto& q) { return q.RequeueRuleWebhookDelivery(other_ws_, d.id, kNow); }).code(),
      Code::kNotFound);
  ASSERT_TRUE(
      Write([&](auto& q) { return q.RequeueRuleWebhookDelivery(ws_, d.id, kNow + 9); }).ok());
  auto row = Get(ws_, d.id);
  EXPECT_EQ(row->state, "pending");
  EXPECT_EQ(row->attempts, 0);
  EXPECT_EQ(row->next_attempt_at, kNow + 9);
  EXPECT_EQ(row->last_error, "HTTP 400");  // until the next attempt says otherwise
  auto claimed = Claim(kNow + 9);
  ASSERT_EQ(claimed.size(), 1u);
  EXPECT_EQ(claimed[0].attempts, 1);
}

}  // namespace
}  // namespace sahayak::store
