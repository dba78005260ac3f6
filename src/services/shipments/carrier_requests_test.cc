// The carrier requests endpoint and queue on a real SQLite store (endpoint input, sealed
// secrets, rows queued only for carriers with an endpoint, re-queueing the dead), and the body
// the sender sends (its signature, the meaning of answers and the backoff are
// services/webhooks/outbound_test.cc).
#include "services/shipments/carrier_requests.h"

#include <gtest/gtest.h>

#include "base/crypto.h"
#include "services/shipments/delivery_service.h"
#include "services/shipments/shipment_service.h"
#include "store/sqlite/sqlite_store.h"
#include "testing/fake_clock.h"
#include "testing/status_fields.h"
#include "testing/temp_dir.h"

namespace sahayak::services {
namespace {

using nlohmann::json;

// ---- what is sent ----

TEST(CarrierRequestBody, NamesTheRequestItsParcelAndWhoAsked) {
  CarrierRequestJob job;
  job.request.id = 42;
  job.request.shipment_id = 311;
  job.request.kind = "reschedule";
  job.request.details = R"({"date":"2026-12-08"})";
  job.request.actor = {domain::Actor::Kind::kContact, 59, "आशा राव", "", ""};
  job.request.via = "portal";
  job.request.created_at = 1796292300000;
  job.tracking_number = "BD12345678IN";
  job.carrier_code = "bluedart";
  const json got = json::parse(CarrierRequestBody(job));
  EXPECT_EQ(got, json::parse(R"({
    "id": 42, "kind": "reschedule", "details": {"date": "2026-12-08"},
    "shipment": {"id": 311, "tracking_number": "BD12345678IN", "carrier": "bluedart"},
    "requested_by": {"type": "contact", "name": "आशा राव"}, "via": "portal",
    "created_at": "2026-12-03T10:05:00.000Z"})"));
}

// ---- endpoint and queue ----

class CarrierRequestsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    InitCrypto();
    store::SqliteStoreOptions o;
    o.path = dir_.path() + "/t.db";
    o.synchronous_full = false;
    store_ = std::move(store::SqliteStore::Open(o)).value();
    clock_.Set(1'796'000'000'000);
    tickets_ = std::make_unique<TicketService>(clock_);
    shipments_ = std::make_unique<ShipmentService>(clock_, *tickets_, key_);
    requests_ = std::make_unique<CarrierRequestService>(clock_, key_);
    requests_->set_on_queued([this] { ++woken_; });
    delivery_ = std::make_unique<DeliveryService>(clock_);
    delivery_->set_carrier_requests(requests_.get());
    ASSERT_TRUE(store_
                    ->Write([&](WriteTx& tx) -> Status {
                      Workspace w;
                      w.name = "Demo";
                      RETURN_IF_ERROR(tx.InsertWorkspace(&w));
                      admin_.workspace_id = agent_.workspace_id = w.id;
                      admin_.role = domain::Role::kAdmin;
                      agent_.role = domain::Role::kAgent;
                      return Status::Ok();
                    })
                    .ok());
    for (const char* code : {"bluedart", "delhivery"}) {
      auto c = Write<domain::Carrier>([&](WriteTx& tx) {
        return shipments_->CreateCarrier(tx, admin_, {{"code", code}, {"name", code}});
      });
      ASSERT_TRUE(c.ok()) << c.status().ToString();
      carriers_.push_back(*c);
    }
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

  Result<EndpointResult> SetEndpoint(const domain::Carrier& c, const json& members,
                                     const Principal* who = nullptr) {
    return Write<EndpointResult>([&](WriteTx& tx) -> Result<EndpointResult> {
      ASSIGN_OR_RETURN(domain::Carrier now, tx.shipments().GetCarrier(admin_.workspace_id, c.id));
      return requests_->UpdateEndpoint(tx, who ? *who : admin_, c.id, members, now.version,
                                       now.version);
    });
  }

  // A parcel of `carrier` and one safe-place request for it.
  Result<DeliveryRequestDone> Request(const std::string& carrier) {
    static int n = 0;
    const std::string number = "BD" + std::to_string(10000000 + ++n) + "IN";
    auto s = Write<domain::Shipment>([&](WriteTx& tx) {
      return shipments_->Create(tx, admin_, {{"carrier", carrier}, {"tracking_number", number}});
    });
    if (!s.ok()) return s.status();
    return Write<DeliveryRequestDone>([&](WriteTx& tx) {
      return delivery_->Request(tx, admin_.workspace_id, agent_.actor(), "console", s->id,
                                {{"kind", "safe_place"}, {"safe_place", "porch"}});
    });
  }

  Result<CarrierRequestDelivery> Row(Id request_id) {
    Result<CarrierRequestDelivery> out = Internal("not run");
    Status st = store_->Read([&](ReadTx& tx) -> Status {
      out = tx.carrier_requests().GetRequestDelivery(admin_.workspace_id, request_id);
      return Status::Ok();
    });
    if (!st.ok()) return st;
    return out;
  }

  testing::TempDir dir_;
  testing::FakeClock clock_;
  const std::string key_ = std::string(32, 'k');
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<TicketService> tickets_;
  std::unique_ptr<ShipmentService> shipments_;
  std::unique_ptr<CarrierRequestService> requests_;
  std::unique_ptr<DeliveryService> delivery_;
  std::vector<domain::Carrier> carriers_;
  Principal admin_, agent_;
  int woken_ = 0;
};

TEST_F(CarrierRequestsTest, AFirstUrlMakesASecretShownOnceAndSealedAtRest) {
  auto r = SetEndpoint(carriers_[0], {{"requests_url", "https://api.bluedart.example/requests"}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->secret.has_value());
  EXPECT_EQ(r->secret->rfind(kCarrierSecretPrefix, 0), 0u);
  EXPECT_EQ(r->endpoint.secret_hint, r->secret->substr(r->secret->size() - 4));
  EXPECT_EQ(r->version, carriers_[0].version + 1);
  EXPECT_EQ(r->endpoint.secret_sealed.find(*r->secret), std::string::npos);
  auto opened = requests_->OpenEndpointSecret(r->endpoint);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(*opened, *r->secret);

  // Changing the address keeps the secret; nothing new is shown.
  auto again = SetEndpoint(carriers_[0], {{"requests_url", "https://api.bluedart.example/v2"}});
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->secret.has_value());
  EXPECT_EQ(again->endpoint.secret_sealed, r->endpoint.secret_sealed);
  // Nothing changed: no new version.
  auto same = SetEndpoint(carriers_[0], {{"requests_url", "https://api.bluedart.example/v2"}});
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->version, again->version);

  // Rotating makes another, and the old one no longer opens as the secret.
  auto rotated = Write<EndpointResult>([&](WriteTx& tx) {
    return requests_->RotateSecret(tx, admin_, carriers_[0].id, std::nullopt);
  });
  ASSERT_TRUE(rotated.ok());
  ASSERT_TRUE(rotated->secret.has_value());
  EXPECT_NE(*rotated->secret, *r->secret);
  EXPECT_EQ(*requests_->OpenEndpointSecret(rotated->endpoint), *rotated->secret);
  // A stale If-Match is refused.
  auto stale = Write<EndpointResult>([&](WriteTx& tx) {
    return requests_->RotateSecret(tx, admin_, carriers_[0].id, int64_t{1});
  });
  EXPECT_EQ(stale.status().kind(), "precondition-failed");
}

TEST_F(CarrierRequestsTest, BadAddressesAreRefusedNamingRequestsUrl) {
  for (const char* bad : {"ftp://x.example/", "https://user:pw@x.example/", "not a url",
                          "https://x.example/#frag", "https://x.example:99999/"}) {
    auto r = SetEndpoint(carriers_[0], {{"requests_url", bad}});
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), Code::kInvalidArgument) << bad;
    EXPECT_TRUE(HasField(r.status(), "requests_url")) << bad;
  }
  auto long_url =
      SetEndpoint(carriers_[0], {{"requests_url", "https://x.example/" + std::string(2000, 'a')}});
  EXPECT_TRUE(HasField(long_url.status(), "requests_url"));
  auto not_bool = SetEndpoint(carriers_[0], {{"requests_enabled", "yes"}});
  EXPECT_TRUE(HasField(not_bool.status(), "requests_enabled"));
  // Nothing was written.
  Status st = store_->Read([&](ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(
        auto e, tx.carrier_requests().GetCarrierEndpoint(admin_.workspace_id, carriers_[0].id));
    EXPECT_EQ(e.url, "");
    EXPECT_EQ(e.secret_sealed, "");
    return Status::Ok();
  });
  EXPECT_TRUE(st.ok());
  // Agents may not.
  auto agent = SetEndpoint(carriers_[0], {{"requests_url", "https://x.example/"}}, &agent_);
  EXPECT_EQ(agent.status().code(), Code::kPermissionDenied);
}

TEST_F(CarrierRequestsTest, RequestsAreQueuedOnlyForCarriersWithAnEndpointThatIsOn) {
  ASSERT_TRUE(SetEndpoint(carriers_[0], {{"requests_url", "http://127.0.0.1:9/r"}}).ok());
  auto queued = Request("bluedart");
  ASSERT_TRUE(queued.ok()) << queued.status().ToString();
  auto row = Row(queued->request.id);
  ASSERT_TRUE(row.ok()) << row.status().ToString();
  EXPECT_EQ(row->state, "pending");
  EXPECT_EQ(row->attempts, 0);
  EXPECT_EQ(row->carrier_id, carriers_[0].id);
  EXPECT_EQ(row->next_attempt_at, clock_.Now());
  EXPECT_EQ(woken_, 1);

  auto none = Request("delhivery");  // no endpoint
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(Row(none->request.id).status().code(), Code::kNotFound);

  ASSERT_TRUE(SetEndpoint(carriers_[0], {{"requests_enabled", false}}).ok());
  auto off = Request("bluedart");
  ASSERT_TRUE(off.ok());
  EXPECT_EQ(Row(off->request.id).status().code(), Code::kNotFound);
  EXPECT_EQ(woken_, 1);

  auto states = Write<std::map<Id, CarrierRequestDelivery>>([&](WriteTx& tx) {
    return requests_->States(tx, admin_.workspace_id,
                             {queued->request.id, none->request.id, off->request.id});
  });
  ASSERT_TRUE(states.ok());
  EXPECT_EQ(states->size(), 1u);
  EXPECT_TRUE(states->count(queued->request.id));
  EXPECT_TRUE(CarrierDeliveryJson(std::nullopt).is_null());
  EXPECT_EQ(CarrierDeliveryJson(states->at(queued->request.id))["state"], "pending");
}

TEST_F(CarrierRequestsTest, OnlyADeadRequestIsQueuedAgainAndOnlyByAnAdmin) {
  ASSERT_TRUE(SetEndpoint(carriers_[0], {{"requests_url", "http://127.0.0.1:9/r"}}).ok());
  auto done = Request("bluedart");
  ASSERT_TRUE(done.ok());
  const Id sid = done->shipment.id, rid = done->request.id;
  auto retry = [&](const Principal& who, Id shipment, Id request) {
    return Write<CarrierRequestDelivery>(
        [&](WriteTx& tx) { return requests_->Retry(tx, who, shipment, request); });
  };
  EXPECT_EQ(retry(admin_, sid, rid).status().kind(), "conflict");  // pending, not dead
  auto row = *Row(rid);
  row.state = "dead";
  row.attempts = 12;
  row.last_error = "HTTP 400: bad awb";
  row.response_status = 400;
  ASSERT_TRUE(
      store_->Write([&](WriteTx& tx) { return tx.carrier_requests().UpdateRequestDelivery(row); })
          .ok());
  EXPECT_EQ(retry(agent_, sid, rid).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(retry(admin_, sid, rid + 1000).status().code(), Code::kNotFound);
  EXPECT_EQ(retry(admin_, sid + 1000, rid).status().code(), Code::kNotFound);
  clock_.Advance(5000);
  woken_ = 0;
  auto again = retry(admin_, sid, rid);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->state, "pending");
  EXPECT_EQ(again->attempts, 0);
  EXPECT_EQ(again->next_attempt_at, clock_.Now());
  EXPECT_EQ(woken_, 1);
  EXPECT_EQ(Row(rid)->state, "pending");
}

}  // namespace
}  // namespace sahayak::services
