// RuleWebhookWorker on a real SQLite store and a fake clock, POSTing through the real HTTP
// client (net/http_client.h) to a real receiver on 127.0.0.1: the signed body verifies as a
// receiver would check it, 503 is retried and then sent, 400 is dead at once, no answer is
// retried until the worker gives up, a claim left `sending` by a crash is sent once more when
// its lease ends, and private addresses are refused unless allowed.
#include "app/rule_webhook_worker.h"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sodium.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

#include "base/crypto.h"
#include "net/http_client.h"
#include "store/sqlite/sqlite_store.h"
#include "testing/fake_clock.h"
#include "testing/http_receiver.h"
#include "testing/temp_dir.h"

namespace sahayak::app {
namespace {

using nlohmann::json;
using services::RuleWebhookDelivery;
using services::WriteTx;

constexpr Millis kBase = 1000;
constexpr Millis kLease = 60 * kBase;
constexpr services::Id kRule = 7;
const char kSecret[] = "whsec_rule-7_हुक";

// What a receiver computes: hex HMAC-SHA256 of "<timestamp>.<body>" under the secret, with
// libsodium directly rather than Sahayak's own signing code.
std::string ExpectedSignature(const std::string& secret, const std::string& timestamp,
                              const std::string& body) {
  const std::string message = timestamp + "." + body;
  crypto_auth_hmacsha256_state st;
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(secret.data()),
                              secret.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(message.data()),
                                message.size());
  crypto_auth_hmacsha256_final(&st, mac);
  char hex[2 * sizeof mac + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return std::string("sha256=") + hex;
}

// A port on 127.0.0.1 that nothing listens on.
int ClosedPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

class RuleWebhookWorkerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    InitCrypto();
    store::SqliteStoreOptions o;
    o.path = dir_.path() + "/t.db";
    o.synchronous_full = false;
    store_ = std::move(store::SqliteStore::Open(o)).value();
    clock_.Set(1'796'292'300'000);
    services::RuleWebhookOptions so;
    so.allow_private_addresses = true;  // the receiver is on 127.0.0.1
    service_ = std::make_unique<services::RuleWebhookService>(clock_, key_, so);
    net::HttpClientOptions ho;
    ho.connect_timeout_ms = ho.total_timeout_ms = 3000;
    http_ = std::make_unique<net::BeastHttpClient>(ho);
    worker_ = MakeWorker(*http_);
    ASSERT_TRUE(store_
                    ->Write([&](WriteTx& tx) -> Status {
                      services::Workspace w;
                      w.name = "Acme Couriers";
                      RETURN_IF_ERROR(tx.InsertWorkspace(&w));
                      admin_.workspace_id = w.id;
                      admin_.role = domain::Role::kAdmin;
                      admin_.name = "Asha";
                      return Status::Ok();
                    })
                    .ok());
  }

  std::unique_ptr<RuleWebhookWorker> MakeWorker(services::HttpClient& http) {
    RuleWebhookWorkerOptions wo;
    wo.retry_base_ms = kBase;
    wo.retry_cap_ms = 8 * kBase;
    wo.max_attempts = 3;
    wo.lease_ms = kLease;
    return std::make_unique<RuleWebhookWorker>(*store_, *service_, http, clock_, wo);
  }

  // Queues the rule's webhook to `url`; the row's id.
  services::Id Queue(const std::string& url, bool with_secret = true) {
    std::string sealed;
    if (with_secret) sealed = *service_->SealSecret(kSecret);
    const json body =
        services::RuleWebhookBody("ticket.created", kRule, "VIP escalation",
                                  {{"id", 501}, {"subject", "मेरा पार्सल कब आएगा?"}}, clock_.Now());
    Status st = store_->Write([&](WriteTx& tx) {
      return service_->Queue(tx, admin_.workspace_id, kRule, "VIP escalation", 501, url, sealed,
                             body);
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return Row().id;
  }

  // The newest row.
  RuleWebhookDelivery Row() {
    RuleWebhookDelivery out;
    EXPECT_TRUE(store_
                    ->Read([&](services::ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(auto rows, tx.rule_webhooks().ListRuleWebhookDeliveries(
                                                      admin_.workspace_id, kRule, std::nullopt, 1));
                      if (rows.empty()) return NotFound("no rows");
                      out = rows[0];
                      return Status::Ok();
                    })
                    .ok());
    return out;
  }

  testing::TempDir dir_;
  testing::FakeClock clock_;
  const std::string key_ = std::string(32, 'k');
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<services::RuleWebhookService> service_;
  std::unique_ptr<net::BeastHttpClient> http_;
  std::unique_ptr<RuleWebhookWorker> worker_;
  testing::HttpReceiver receiver_;
  services::Principal admin_;
};

TEST_F(RuleWebhookWorkerTest, PostsTheBodySignedSoTheReceiverCanCheckIt) {
  const auto id = Queue(receiver_.Url());
  const std::string stored = Row().body;
  EXPECT_EQ(worker_->RunOnce(), 1);
  const auto got = receiver_.Received();
  ASSERT_EQ(got.size(), 1u);
  const auto& r = got[0];
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.target, "/hooks/sahayak");
  EXPECT_EQ(r.Header("content-type"), "application/json");
  EXPECT_EQ(r.Header("x-sahayak-event"), "ticket.created");
  EXPECT_EQ(r.Header("x-sahayak-delivery"), std::to_string(id));
  EXPECT_EQ(r.Header("idempotency-key"), std::to_string(id));
  const std::string ts = r.Header("x-sahayak-timestamp");
  EXPECT_EQ(ts, std::to_string(clock_.Now() / 1000));
  EXPECT_EQ(r.body, stored);
  EXPECT_EQ(r.Header("x-sahayak-signature"), ExpectedSignature(kSecret, ts, r.body));
  // A changed byte, timestamp or secret does not verify.
  EXPECT_NE(r.Header("x-sahayak-signature"), ExpectedSignature(kSecret, ts, r.body + " "));
  EXPECT_NE(r.Header("x-sahayak-signature"), ExpectedSignature("other", ts, r.body));
  const json body = json::parse(r.body);
  EXPECT_EQ(body["event"], "ticket.created");
  EXPECT_EQ(body["rule"], json({{"id", kRule}, {"name", "VIP escalation"}}));
  EXPECT_EQ(body["ticket"]["subject"], "मेरा पार्सल कब आएगा?");

  const auto row = Row();
  EXPECT_EQ(row.state, "sent");
  EXPECT_EQ(row.attempts, 1);
  EXPECT_EQ(row.last_status, 200);
  EXPECT_EQ(row.sent_at, clock_.Now());
  EXPECT_FALSE(row.lease_until);
  clock_.Advance(100 * kBase);
  EXPECT_EQ(worker_->RunOnce(), 0);
  EXPECT_EQ(receiver_.Received().size(), 1u);
}

TEST_F(RuleWebhookWorkerTest, AWebhookWithoutASecretIsNotSigned) {
  Queue(receiver_.Url(), /*with_secret=*/false);
  EXPECT_EQ(worker_->RunOnce(), 1);
  const auto got = receiver_.Received();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].headers.count("x-sahayak-signature"), 0u);
  EXPECT_FALSE(got[0].Header("x-sahayak-timestamp").empty());
  EXPECT_EQ(Row().state, "sent");
}

TEST_F(RuleWebhookWorkerTest, A503IsRetriedAfterTheBackoffThenSent) {
  const auto id = Queue(receiver_.Url());
  receiver_.Answer({{503, "busy, try later"}, {202, "accepted"}});
  EXPECT_EQ(worker_->RunOnce(), 1);
  auto row = Row();
  EXPECT_EQ(row.state, "pending");
  EXPECT_EQ(row.attempts, 1);
  EXPECT_EQ(row.last_status, 503);
  EXPECT_EQ(row.last_error, "HTTP 503: busy, try later");
  EXPECT_EQ(row.next_attempt_at, clock_.Now() + kBase);
  // Not before it is due.
  clock_.Advance(kBase - 1);
  EXPECT_EQ(worker_->RunOnce(), 0);
  clock_.Advance(1);
  EXPECT_EQ(worker_->RunOnce(), 1);
  row = Row();
  EXPECT_EQ(row.state, "sent");
  EXPECT_EQ(row.attempts, 2);
  EXPECT_EQ(row.last_status, 202);
  EXPECT_EQ(row.last_error, "");
  const auto got = receiver_.Received();
  ASSERT_EQ(got.size(), 2u);
  // The same body and delivery id each time, each try signed with its own timestamp.
  EXPECT_EQ(got[1].body, got[0].body);
  EXPECT_EQ(got[1].Header("x-sahayak-delivery"), std::to_string(id));
  EXPECT_EQ(got[1].Header("x-sahayak-signature"),
            ExpectedSignature(kSecret, got[1].Header("x-sahayak-timestamp"), got[1].body));
}

TEST_F(RuleWebhookWorkerTest, A400IsDeadAtOnceUntilAnAdminSendsItAgain) {
  const auto id = Queue(receiver_.Url());
  receiver_.Answer({{400, "{\"error\": \"unknown field\",\n\"field\": \"ticket\"}"}});
  EXPECT_EQ(worker_->RunOnce(), 1);
  auto row = Row();
  EXPECT_EQ(row.state, "dead");
  EXPECT_EQ(row.attempts, 1);
  EXPECT_EQ(row.last_status, 400);
  EXPECT_EQ(row.last_error, "HTTP 400: {\"error\": \"unknown field\", \"field\": \"ticket\"}");
  clock_.Advance(100 * kBase);
  EXPECT_EQ(worker_->RunOnce(), 0);
  EXPECT_EQ(receiver_.Received().size(), 1u);

  Status st =
      store_->Write([&](WriteTx& tx) { return service_->Retry(tx, admin_, kRule, id).status(); });
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(worker_->RunOnce(), 1);
  row = Row();
  EXPECT_EQ(row.state, "sent");
  EXPECT_EQ(row.attempts, 1);
  EXPECT_EQ(receiver_.Received().size(), 2u);
}

TEST_F(RuleWebhookWorkerTest, NoAnswerIsRetriedUntilTheWorkerGivesUp) {
  Queue("http://127.0.0.1:" + std::to_string(ClosedPort()) + "/hook");
  for (int i = 1; i <= 3; ++i) {
    EXPECT_EQ(worker_->RunOnce(), 1) << i;
    const auto row = Row();
    EXPECT_EQ(row.attempts, i);
    EXPECT_FALSE(row.last_status);
    EXPECT_EQ(row.state, i < 3 ? "pending" : "dead");
    EXPECT_NE(row.last_error.find("cannot connect"), std::string::npos) << row.last_error;
    clock_.Advance(8 * kBase);
  }
  EXPECT_EQ(Row().last_error.rfind("gave up after 3 attempts: cannot connect", 0), 0u)
      << Row().last_error;
  EXPECT_EQ(worker_->RunOnce(), 0);
}

TEST_F(RuleWebhookWorkerTest, AClaimLeftSendingByACrashIsSentOnceWhenItsLeaseEnds) {
  const auto id = Queue(receiver_.Url());
  // A worker claimed the row and was killed before it sent anything or recorded an outcome.
  ASSERT_TRUE(store_
                  ->Write([&](WriteTx& tx) -> Status {
                    return tx.rule_webhooks()
                        .ClaimRuleWebhookDeliveries(clock_.Now(), clock_.Now() + kLease, 10)
                        .status();
                  })
                  .ok());
  EXPECT_EQ(Row().state, "sending");
  // While the lease lasts nobody sends it.
  clock_.Advance(kLease - 1);
  EXPECT_EQ(worker_->RunOnce(), 0);
  EXPECT_TRUE(receiver_.Received().empty());
  clock_.Advance(1);
  EXPECT_EQ(worker_->RunOnce(), 1);
  const auto got = receiver_.Received();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].Header("x-sahayak-delivery"), std::to_string(id));
  const auto row = Row();
  EXPECT_EQ(row.state, "sent");
  EXPECT_EQ(row.attempts, 2);
  // And only once.
  clock_.Advance(10 * kLease);
  EXPECT_EQ(worker_->RunOnce(), 0);
  EXPECT_EQ(receiver_.Received().size(), 1u);
}

TEST_F(RuleWebhookWorkerTest, AnAddressTheClientRefusesIsDeadWithoutAConnection) {
  net::HttpClientOptions ho;
  ho.allow_private_addresses = false;
  net::BeastHttpClient strict(ho);
  auto worker = MakeWorker(strict);
  Queue(receiver_.Url());
  EXPECT_EQ(worker->RunOnce(), 1);
  const auto row = Row();
  EXPECT_EQ(row.state, "dead");
  EXPECT_EQ(row.attempts, 1);
  EXPECT_NE(row.last_error.find("127.0.0.1"), std::string::npos) << row.last_error;
  EXPECT_NE(row.last_error.find("private"), std::string::npos) << row.last_error;
  EXPECT_TRUE(receiver_.Received().empty());
}

TEST_F(RuleWebhookWorkerTest, AStartedWorkerIsWokenWhenAWebhookIsQueued) {
  service_->set_on_queued([this] { worker_->Notify(); });
  worker_->Start();
  Queue(receiver_.Url());
  EXPECT_EQ(receiver_.WaitFor(1).size(), 1u);
  for (int i = 0; i < 200 && Row().state != "sent"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  worker_->Stop();
  EXPECT_EQ(Row().state, "sent");
}

}  // namespace
}  // namespace sahayak::app
