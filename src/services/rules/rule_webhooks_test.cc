// RuleWebhookService on a real SQLite store and a fake clock: what Queue writes (and what it
// refuses without failing the rule's transaction), sealed secrets, the admins' list and
// re-queueing the dead, and the body and JSON the API shows.
#include "services/rules/rule_webhooks.h"

#include <gtest/gtest.h>

#include "base/crypto.h"
#include "services/webhooks/outbound.h"
#include "store/sqlite/sqlite_store.h"
#include "testing/fake_clock.h"
#include "testing/temp_dir.h"

namespace sahayak::services {
namespace {

using nlohmann::json;

constexpr Id kRule = 7;

class RuleWebhookServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    InitCrypto();
    store::SqliteStoreOptions o;
    o.path = dir_.path() + "/t.db";
    o.synchronous_full = false;
    store_ = std::move(store::SqliteStore::Open(o)).value();
    clock_.Set(1'796'292'300'000);
    service_.set_on_queued([this] { ++woken_; });
    ASSERT_TRUE(store_
                    ->Write([&](WriteTx& tx) -> Status {
                      Workspace w;
                      w.name = "Acme Couriers";
                      RETURN_IF_ERROR(tx.InsertWorkspace(&w));
                      admin_.workspace_id = agent_.workspace_id = w.id;
                      admin_.role = domain::Role::kAdmin;
                      admin_.name = "Asha";
                      agent_.name = "Ravi";
                      return Status::Ok();
                    })
                    .ok());
  }

  json Body() {
    return RuleWebhookBody("ticket.created", kRule, "VIP escalation",
                           {{"id", 501}, {"subject", "पार्सल कहाँ है?"}}, clock_.Now());
  }

  Status Queue(const RuleWebhookService& s, const std::string& url,
               const std::string& sealed = "") {
    return store_->Write([&](WriteTx& tx) {
      return s.Queue(tx, admin_.workspace_id, kRule, "VIP escalation", 501, url, sealed, Body());
    });
  }

  std::vector<RuleWebhookDelivery> Rows(const Principal& who, int limit = 25) {
    std::vector<RuleWebhookDelivery> out;
    Status st = store_->Read([&](ReadTx& tx) -> Status {
      PageRequest page;
      page.limit = limit;
      ASSIGN_OR_RETURN(auto p, service_.List(tx, who, kRule, page));
      out = std::move(p.items);
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return out;
  }

  Result<RuleWebhookDelivery> Retry(const Principal& who, Id rule_id, Id id) {
    Result<RuleWebhookDelivery> out = Internal("not run");
    Status st = store_->Write([&](WriteTx& tx) -> Status {
      out = service_.Retry(tx, who, rule_id, id);
      return out.status();
    });
    if (!st.ok()) return st;
    return out;
  }

  // Makes the newest row dead, as the worker would after a refusal.
  void KillNewest() {
    ASSERT_TRUE(store_
                    ->Write([&](WriteTx& tx) -> Status {
                      ASSIGN_OR_RETURN(auto claimed, tx.rule_webhooks().ClaimRuleWebhookDeliveries(
                                                         clock_.Now(), clock_.Now() + 1000, 10));
                      for (const auto& d : claimed) {
                        RETURN_IF_ERROR(tx.rule_webhooks().MarkRuleWebhookDead(
                            d.id, d.attempts, 400, "HTTP 400: unknown ticket", clock_.Now()));
                      }
                      return Status::Ok();
                    })
                    .ok());
  }

  testing::TempDir dir_;
  testing::FakeClock clock_;
  const std::string key_ = std::string(32, 'k');
  std::unique_ptr<store::SqliteStore> store_;
  RuleWebhookService service_{clock_, key_};
  int woken_ = 0;
  Principal admin_;
  Principal agent_;
};

TEST_F(RuleWebhookServiceTest, QueuesTheBodyDueNowAndWakesTheSender) {
  auto sealed = service_.SealSecret("whsec_7Hq2");
  ASSERT_TRUE(sealed.ok());
  ASSERT_TRUE(Queue(service_, "https://hooks.example.in/sahayak?team=vip", *sealed).ok());
  EXPECT_EQ(woken_, 1);
  const auto rows = Rows(admin_);
  ASSERT_EQ(rows.size(), 1u);
  const auto& d = rows[0];
  EXPECT_EQ(d.rule_id, kRule);
  EXPECT_EQ(d.ticket_id, 501);
  EXPECT_EQ(d.event, "ticket.created");
  EXPECT_EQ(d.url, "https://hooks.example.in/sahayak?team=vip");
  EXPECT_EQ(d.sealed_secret, *sealed);
  EXPECT_EQ(d.state, "pending");
  EXPECT_EQ(d.next_attempt_at, clock_.Now());
  EXPECT_EQ(json::parse(d.body), Body());
  EXPECT_NE(d.body.find("पार्सल"), std::string::npos);  // UTF-8 as is, not \u-escaped
}

TEST_F(RuleWebhookServiceTest, ABodyWithoutAnEventIsSentAsRule) {
  ASSERT_TRUE(store_
                  ->Write([&](WriteTx& tx) {
                    return service_.Queue(tx, admin_.workspace_id, kRule, "r", 501,
                                          "https://hooks.example.in/", "", {{"x", 1}});
                  })
                  .ok());
  EXPECT_EQ(Rows(admin_).at(0).event, "rule");
}

TEST_F(RuleWebhookServiceTest, AnAddressItMayNotCallIsQueuedDeadWithoutFailingTheRule) {
  for (const char* url : {"http://127.0.0.1:9000/hook", "http://localhost/hook",
                          "http://169.254.169.254/latest/meta-data", "http://[::1]/",
                          "ftp://hooks.example.in/", "https://"}) {
    EXPECT_TRUE(Queue(service_, url).ok()) << url;
  }
  EXPECT_EQ(woken_, 0);
  const auto rows = Rows(admin_);
  ASSERT_EQ(rows.size(), 6u);
  for (const auto& d : rows) {
    EXPECT_EQ(d.state, "dead") << d.url;
    EXPECT_EQ(d.last_error.rfind("the address ", 0), 0u) << d.last_error;
  }
  EXPECT_NE(rows[5].last_error.find("private network"), std::string::npos) << rows[5].last_error;
  EXPECT_NE(rows[1].last_error.find("http:// or https://"), std::string::npos);
}

TEST_F(RuleWebhookServiceTest, PrivateAddressesAreCalledWhenTheServerAllowsThem) {
  RuleWebhookOptions o;
  o.allow_private_addresses = true;
  RuleWebhookService open(clock_, key_, o);
  EXPECT_TRUE(open.CheckUrl("http://127.0.0.1:9000/hook").ok());
  EXPECT_TRUE(open.CheckUrl("http://10.0.0.5/erp").ok());
  EXPECT_FALSE(open.CheckUrl("ftp://10.0.0.5/").ok());
  EXPECT_FALSE(service_.CheckUrl("http://10.0.0.5/erp").ok());
  EXPECT_TRUE(service_.CheckUrl("https://hooks.example.in/x").ok());
  ASSERT_TRUE(Queue(open, "http://127.0.0.1:9000/hook").ok());
  EXPECT_EQ(Rows(admin_).at(0).state, "pending");
}

TEST_F(RuleWebhookServiceTest, SecretsAreSealedUnderTheServerKeyAndCheckedFirst) {
  auto sealed = service_.SealSecret("शह-secret-१२३");
  ASSERT_TRUE(sealed.ok());
  EXPECT_EQ(sealed->find("शह"), std::string::npos);
  EXPECT_NE(*service_.SealSecret("शह-secret-१२३"), *sealed);  // a fresh nonce each time
  EXPECT_EQ(*service_.OpenSecret(*sealed), "शह-secret-१२३");
  RuleWebhookService other_key(clock_, std::string(32, 'z'));
  EXPECT_EQ(other_key.OpenSecret(*sealed).status().code(), Code::kUnavailable);
  for (const std::string& bad : {std::string(), std::string(201, 'a'), std::string("a\nb"),
                                 std::string(" padded"), std::string("bad \xff")}) {
    EXPECT_EQ(service_.SealSecret(bad).status().code(), Code::kInvalidArgument) << bad;
  }
  EXPECT_TRUE(service_.SealSecret(std::string(200, 'a')).ok());
}

TEST_F(RuleWebhookServiceTest, OnlyAdminsListAndPagesGoNewestFirst) {
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(Queue(service_, "https://hooks.example.in/").ok());
  Status denied = store_->Read(
      [&](ReadTx& tx) { return service_.List(tx, agent_, kRule, PageRequest{}).status(); });
  EXPECT_EQ(denied.code(), Code::kPermissionDenied);
  Page<RuleWebhookDelivery> first;
  ASSERT_TRUE(store_
                  ->Read([&](ReadTx& tx) -> Status {
                    ASSIGN_OR_RETURN(first, service_.List(tx, admin_, kRule, {std::nullopt, 2}));
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_EQ(first.items.size(), 2u);
  EXPECT_GT(first.items[0].id, first.items[1].id);
  ASSERT_TRUE(first.next);
  Page<RuleWebhookDelivery> second;
  ASSERT_TRUE(store_
                  ->Read([&](ReadTx& tx) -> Status {
                    ASSIGN_OR_RETURN(second, service_.List(tx, admin_, kRule, {first.next, 2}));
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_EQ(second.items.size(), 1u);
  EXPECT_FALSE(second.next);
}

TEST_F(RuleWebhookServiceTest, AnAdminQueuesADeadDeliveryAgainOnTheAuditLog) {
  ASSERT_TRUE(Queue(service_, "https://hooks.example.in/").ok());
  const Id id = Rows(admin_).at(0).id;
  // Not while it is pending.
  auto early = Retry(admin_, kRule, id);
  EXPECT_EQ(early.status().code(), Code::kAlreadyExists);
  EXPECT_EQ(early.status().kind(), "conflict");
  KillNewest();
  EXPECT_EQ(Retry(agent_, kRule, id).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(Retry(admin_, kRule + 1, id).status().code(), Code::kNotFound);
  EXPECT_EQ(Retry(admin_, kRule, id + 100).status().code(), Code::kNotFound);
  woken_ = 0;
  clock_.Advance(60'000);
  auto again = Retry(admin_, kRule, id);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->state, "pending");
  EXPECT_EQ(again->attempts, 0);
  EXPECT_EQ(again->next_attempt_at, clock_.Now());
  EXPECT_EQ(woken_, 1);
  Page<domain::AuditEvent> audit;
  ASSERT_TRUE(store_
                  ->Read([&](ReadTx& tx) -> Status {
                    AuditFilter f;
                    f.entity_type = "rule";
                    f.entity_id = kRule;
                    ASSIGN_OR_RETURN(audit, tx.ListAuditEvents(admin_.workspace_id, f, {}));
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_EQ(audit.items.size(), 1u);
  EXPECT_EQ(audit.items[0].action, "rule.webhook_requeued");
  EXPECT_EQ(audit.items[0].actor.name, "Asha");
  EXPECT_EQ(audit.items[0].changes["delivery_id"], json({nullptr, id}));
  EXPECT_EQ(audit.items[0].changes["last_error"], json({"HTTP 400: unknown ticket", nullptr}));
}

TEST(RuleWebhookBody, NamesTheEventTheRuleAndTheTicket) {
  const json body =
      RuleWebhookBody("sla.breached", 7, "Breach → manager", {{"id", 501}}, 1'796'292'300'118);
  EXPECT_EQ(body, json::parse(R"({"event": "sla.breached",
      "occurred_at": "2026-12-03T10:05:00.118Z",
      "rule": {"id": 7, "name": "Breach → manager"}, "ticket": {"id": 501}})"));
}

TEST(RuleWebhookBody, TheWorkedExampleOfTheDocsIsSignedAsTheyShow) {
  // docs/automation.md, "Webhooks", "Verifying a signature": the body as Queue stores it.
  const json ticket = {{"id", 501}, {"number", 1042}, {"subject", "मेरा पार्सल कब आएगा?"}};
  const std::string body = RuleWebhookBody("ticket.created", 7, "VIP escalation", ticket,
                                           1'796'361'160'118)
                               .dump(-1, ' ', false, json::error_handler_t::replace);
  EXPECT_EQ(body,
            R"({"event":"ticket.created","occurred_at":"2026-12-04T05:12:40.118Z","rule":{"id":7,"name":"VIP escalation"},"ticket":{"id":501,"number":1042,"subject":"मेरा पार्सल कब आएगा?"}})");
  EXPECT_EQ(SignWebhook("whsec_Vq3nP8xT2kL9", "1796361162", body),
            "sha256=22cdcea738429495f56089ae9c5970e82846a5a5c6c784c0092f62d1e35c0861");
}

TEST(RuleWebhookDeliveryJson, ShowsTheStateNeverTheSecret) {
  RuleWebhookDelivery d;
  d.id = 9;
  d.rule_id = 7;
  d.ticket_id = 501;
  d.event = "ticket.created";
  d.url = "https://hooks.example.in/";
  d.sealed_secret = "v1.abc";
  d.body = "{}";
  d.state = "pending";
  d.attempts = 2;
  d.next_attempt_at = 1'796'292'300'000;
  d.last_status = 503;
  d.last_error = "HTTP 503: busy";
  d.created_at = d.updated_at = 1'796'292'200'000;
  const json j = RuleWebhookDeliveryJson(d);
  EXPECT_EQ(j["signed"], true);
  EXPECT_EQ(j["state"], "pending");
  EXPECT_EQ(j["last_status"], 503);
  EXPECT_EQ(j["next_attempt_at"], "2026-12-03T10:05:00.000Z");
  EXPECT_EQ(j["sent_at"], nullptr);
  EXPECT_EQ(j.dump().find("v1.abc"), std::string::npos);
  EXPECT_FALSE(j.contains("body"));
  d.state = "sent";
  d.sent_at = d.next_attempt_at;
  d.last_error.clear();
  d.sealed_secret.clear();
  const json sent = RuleWebhookDeliveryJson(d);
  EXPECT_EQ(sent["next_attempt_at"], nullptr);
  EXPECT_EQ(sent["last_error"], nullptr);
  EXPECT_EQ(sent["signed"], false);
  EXPECT_EQ(sent["sent_at"], "2026-12-03T10:05:00.000Z");
}

}  // namespace
}  // namespace sahayak::services
