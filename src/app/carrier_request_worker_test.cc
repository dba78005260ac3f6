// CarrierRequestWorker on a real SQLite store and a fake clock, with a scripted HttpClient:
// what is sent, retries with backoff, dead at once on a refusal, giving up, leases after a
// crash, and endpoints switched off. The real HTTP path is tests/integration/
// test_carrier_requests.py.
#include "app/carrier_request_worker.h"

#include <gtest/gtest.h>

#include <deque>

#include "base/crypto.h"
#include "services/shipments/delivery_service.h"
#include "services/shipments/shipment_input.h"
#include "services/shipments/shipment_service.h"
#include "store/sqlite/sqlite_store.h"
#include "testing/fake_clock.h"
#include "testing/temp_dir.h"

namespace sahayak::app {
namespace {

using nlohmann::json;
using services::CarrierRequestDelivery;
using services::WriteTx;
constexpr Millis kCarrierRetryMs = 1000;

// Answers from a script, one per POST, and remembers what it was sent.
class ScriptedHttp final : public services::HttpClient {
 public:
  Result<services::HttpAnswer> Post(const services::HttpPost& request) override {
    sent.push_back(request);
    if (script.empty()) return Unavailable("connection refused");
    auto next = std::move(script.front());
    script.pop_front();
    return next;
  }
  std::string Header(size_t i, const std::string& name) const {
    for (const auto& [k, v] : sent.at(i).headers) {
      if (k == name) return v;
    }
    return "";
  }
  std::deque<Result<services::HttpAnswer>> script;
  std::vector<services::HttpPost> sent;
};

services::HttpAnswer Answer(int status, std::string body = "") {
  return {status, std::move(body)};
}

class CarrierRequestWorkerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    InitCrypto();
    store::SqliteStoreOptions o;
    o.path = dir_.path() + "/t.db";
    o.synchronous_full = false;
    store_ = std::move(store::SqliteStore::Open(o)).value();
    clock_.Set(1'796'000'000'000);
    tickets_ = std::make_unique<services::TicketService>(clock_);
    shipments_ = std::make_unique<services::ShipmentService>(clock_, *tickets_, key_);
    requests_ = std::make_unique<services::CarrierRequestService>(clock_, key_);
    delivery_ = std::make_unique<services::DeliveryService>(clock_);
    delivery_->set_carrier_requests(requests_.get());
    CarrierRequestWorkerOptions wo;
    wo.retry_base_ms = kCarrierRetryMs;
    wo.retry_cap_ms = 8 * kCarrierRetryMs;
    wo.max_attempts = 4;
    wo.claim_ms = 60 * kCarrierRetryMs;
    worker_ = std::make_unique<CarrierRequestWorker>(*store_, *requests_, http_, clock_, wo);
    ASSERT_TRUE(store_
                    ->Write([&](WriteTx& tx) -> Status {
                      services::Workspace w;
                      w.name = "Demo";
                      RETURN_IF_ERROR(tx.InsertWorkspace(&w));
                      admin_.workspace_id = w.id;
                      admin_.role = domain::Role::kAdmin;
                      admin_.name = "Asha";
                      return Status::Ok();
                    })
                    .ok());
    auto c = Write<domain::Carrier>([&](WriteTx& tx) {
      return shipments_->CreateCarrier(tx, admin_, {{"code", "bluedart"}, {"name", "Blue Dart"}});
    });
    ASSERT_TRUE(c.ok());
    carrier_ = *c;
    auto e = Write<services::EndpointResult>([&](WriteTx& tx) {
      return requests_->UpdateEndpoint(tx, admin_, carrier_.id,
                                       {{"requests_url", "https://carrier.example/requests"}},
                                       carrier_.version, carrier_.version);
    });
    ASSERT_TRUE(e.ok());
    secret_ = *e->secret;
  }

  template <typename T>
  Result<T> Write(const std::function<Result<T>(WriteTx&)>& fn) {
    Result<T> out = Internal("not run");
    Status st = store_->Write([&](WriteTx& tx) -> Status {
      out = fn(tx);
      return out.ok() ? Status::Ok() : out.status();
    });
    if (!st.ok()) return st;
    return out;
  }

  // A parcel and a reschedule-free request (a safe place); the request's id.
  services::Id Request() {
    static int n = 0;
    auto s = Write<domain::Shipment>([&](WriteTx& tx) {
      return shipments_->Create(
          tx, admin_,
          {{"carrier", "bluedart"},
           {"tracking_number", "BD" + std::to_string(20000000 + ++n) + "IN"}});
    });
    EXPECT_TRUE(s.ok());
    auto r = Write<services::DeliveryRequestDone>([&](WriteTx& tx) {
      return delivery_->Request(tx, admin_.workspace_id, admin_.actor(), "console", s->id,
                                {{"kind", "safe_place"}, {"safe_place", "पड़ोसी के घर"}});
    });
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    last_shipment_ = s->id;
    return r->request.id;
  }

  CarrierRequestDelivery Row(services::Id request_id) {
    CarrierRequestDelivery out;
    EXPECT_TRUE(store_
                    ->Read([&](services::ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(out, tx.carrier_requests().GetRequestDelivery(
                                                admin_.workspace_id, request_id));
                      return Status::Ok();
                    })
                    .ok());
    return out;
  }

  testing::TempDir dir_;
  testing::FakeClock clock_;
  const std::string key_ = std::string(32, 'k');
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<services::TicketService> tickets_;
  std::unique_ptr<services::ShipmentService> shipments_;
  std::unique_ptr<services::CarrierRequestService> requests_;
  std::unique_ptr<services::DeliveryService> delivery_;
  ScriptedHttp http_;
  std::unique_ptr<CarrierRequestWorker> worker_;
  services::Principal admin_;
  domain::Carrier carrier_;
  std::string secret_;
  services::Id last_shipment_ = 0;
};

TEST_F(CarrierRequestWorkerTest, SendsTheRequestSignedWithItsIdAsIdempotencyKey) {
  const auto id = Request();
  http_.script.push_back(Answer(202));
  EXPECT_EQ(worker_->RunOnce(), 1);
  ASSERT_EQ(http_.sent.size(), 1u);
  const auto& post = http_.sent[0];
  EXPECT_EQ(post.url, "https://carrier.example/requests");
  EXPECT_EQ(http_.Header(0, "Idempotency-Key"), std::to_string(id));
  const std::string ts = http_.Header(0, "X-Sahayak-Timestamp");
  EXPECT_EQ(ts, std::to_string(clock_.Now() / 1000));
  // The carrier checks it as Sahayak checks its own tracking webhooks.
  EXPECT_TRUE(services::shipment_input::CheckSignature(secret_, ts,
                                                       http_.Header(0, "X-Sahayak-Signature"),
                                                       post.body, clock_.Now() / 1000)
                  .ok());
  const json body = json::parse(post.body);
  EXPECT_EQ(body["id"], id);
  EXPECT_EQ(body["kind"], "safe_place");
  EXPECT_EQ(body["details"]["safe_place"], "पड़ोसी के घर");
  EXPECT_EQ(body["shipment"]["carrier"], "bluedart");
  EXPECT_EQ(body["requested_by"], json({{"type", "agent"}, {"name", "Asha"}}));
  EXPECT_EQ(body["via"], "console");

  const auto row = Row(id);
  EXPECT_EQ(row.state, "sent");
  EXPECT_EQ(row.attempts, 1);
  EXPECT_EQ(row.response_status, 202);
  EXPECT_EQ(row.sent_at, clock_.Now());
  // Nothing more to send.
  EXPECT_EQ(worker_->RunOnce(), 0);
  EXPECT_EQ(http_.sent.size(), 1u);
}

TEST_F(CarrierRequestWorkerTest, RetriesWithGrowingWaitsThenSends) {
  const auto id = Request();
  http_.script.push_back(Answer(503, "busy"));
  http_.script.push_back(Unavailable("cannot connect: Connection refused"));
  http_.script.push_back(Answer(429));
  http_.script.push_back(Answer(200));
  EXPECT_EQ(worker_->RunOnce(), 1);
  auto row = Row(id);
  EXPECT_EQ(row.state, "pending");
  EXPECT_EQ(row.last_error, "HTTP 503: busy");
  EXPECT_EQ(row.response_status, 503);
  EXPECT_EQ(row.next_attempt_at, clock_.Now() + kCarrierRetryMs);

  // Not before it is due.
  clock_.Advance(kCarrierRetryMs - 1);
  EXPECT_EQ(worker_->RunOnce(), 0);
  clock_.Advance(1);
  EXPECT_EQ(worker_->RunOnce(), 1);
  row = Row(id);
  EXPECT_EQ(row.attempts, 2);
  EXPECT_EQ(row.last_error, "cannot connect: Connection refused");
  EXPECT_EQ(row.next_attempt_at, clock_.Now() + 2 * kCarrierRetryMs);

  clock_.Advance(2 * kCarrierRetryMs);
  EXPECT_EQ(worker_->RunOnce(), 1);
  EXPECT_EQ(Row(id).next_attempt_at, clock_.Now() + 4 * kCarrierRetryMs);
  clock_.Advance(4 * kCarrierRetryMs);
  EXPECT_EQ(worker_->RunOnce(), 1);
  row = Row(id);
  EXPECT_EQ(row.state, "sent");
  EXPECT_EQ(row.attempts, 4);
  EXPECT_EQ(row.last_error, "");
  ASSERT_EQ(http_.sent.size(), 4u);
  // Every try carries the same body and key; each is signed anew.
  for (size_t i = 1; i < 4; ++i) {
    EXPECT_EQ(http_.sent[i].body, http_.sent[0].body);
    EXPECT_EQ(http_.Header(i, "Idempotency-Key"), std::to_string(id));
  }
}

TEST_F(CarrierRequestWorkerTest, ARefusalIsDeadAtOnceWithTheStatusAndAnExcerpt) {
  const auto id = Request();
  http_.script.push_back(
      Answer(400, "{\"error\": \"unknown AWB\",\n" + std::string(400, 'x') + "}"));
  EXPECT_EQ(worker_->RunOnce(), 1);
  const auto row = Row(id);
  EXPECT_EQ(row.state, "dead");
  EXPECT_EQ(row.attempts, 1);
  EXPECT_EQ(row.response_status, 400);
  EXPECT_EQ(row.last_error.rfind("HTTP 400: {\"error\": \"unknown AWB\", xxx", 0), 0u)
      << row.last_error;
  EXPECT_LT(row.last_error.size(), 260u);
  clock_.Advance(100 * kCarrierRetryMs);
  EXPECT_EQ(worker_->RunOnce(), 0);
  EXPECT_EQ(http_.sent.size(), 1u);

  // An admin queues it again and it goes.
  auto again = Write<CarrierRequestDelivery>(
      [&](WriteTx& tx) { return requests_->Retry(tx, admin_, last_shipment_, id); });
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  http_.script.push_back(Answer(200));
  EXPECT_EQ(worker_->RunOnce(), 1);
  EXPECT_EQ(Row(id).state, "sent");
  EXPECT_EQ(Row(id).attempts, 1);
}

TEST_F(CarrierRequestWorkerTest, GivesUpAfterTheLastAttempt) {
  const auto id = Request();
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(worker_->RunOnce(), 1);  // the script is empty: connection refused
    clock_.Advance(8 * kCarrierRetryMs);
  }
  const auto row = Row(id);
  EXPECT_EQ(row.state, "dead");
  EXPECT_EQ(row.attempts, 4);
  EXPECT_EQ(row.last_error, "gave up after 4 attempts: connection refused");
  EXPECT_EQ(worker_->RunOnce(), 0);
}

TEST_F(CarrierRequestWorkerTest, AClaimWhoseSenderDiedIsTakenAgainWhenItsLeaseEnds) {
  const auto id = Request();
  // A claim nobody finished (the process was killed while sending).
  ASSERT_TRUE(store_
                  ->Write([&](WriteTx& tx) -> Status {
                    return tx.carrier_requests()
                        .ClaimRequestDeliveries(clock_.Now(), clock_.Now() + 60 * kCarrierRetryMs,
                                                10)
                        .status();
                  })
                  .ok());
  EXPECT_EQ(worker_->RunOnce(), 0);
  clock_.Advance(60 * kCarrierRetryMs);
  http_.script.push_back(Answer(200));
  EXPECT_EQ(worker_->RunOnce(), 1);
  EXPECT_EQ(Row(id).state, "sent");
  EXPECT_EQ(Row(id).attempts, 2);
}

TEST_F(CarrierRequestWorkerTest, RowsWaitWhileTheEndpointIsOffAndGoWhenItIsOn) {
  const auto id = Request();
  auto set = [&](const json& members) {
    return Write<services::EndpointResult>([&](WriteTx& tx) -> Result<services::EndpointResult> {
      ASSIGN_OR_RETURN(auto c, tx.shipments().GetCarrier(admin_.workspace_id, carrier_.id));
      return requests_->UpdateEndpoint(tx, admin_, carrier_.id, members, c.version, c.version);
    });
  };
  ASSERT_TRUE(set({{"requests_enabled", false}}).ok());
  EXPECT_EQ(worker_->RunOnce(), 0);
  EXPECT_EQ(Row(id).state, "pending");
  ASSERT_TRUE(
      set({{"requests_enabled", true}, {"requests_url", "https://carrier.example/v2"}}).ok());
  http_.script.push_back(Answer(204));
  EXPECT_EQ(worker_->RunOnce(), 1);
  EXPECT_EQ(http_.sent.at(0).url, "https://carrier.example/v2");
  EXPECT_EQ(Row(id).state, "sent");
}

TEST_F(CarrierRequestWorkerTest, AStartedWorkerIsWokenWhenARequestIsQueued) {
  requests_->set_on_queued([this] { worker_->Notify(); });
  http_.script.push_back(Answer(200));
  worker_->Start();
  const auto id = Request();
  for (int i = 0; i < 200 && Row(id).state != "sent"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  worker_->Stop();
  EXPECT_EQ(Row(id).state, "sent");
}

}  // namespace
}  // namespace sahayak::app
