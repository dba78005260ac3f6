// ShipmentService on a real SQLite store: carriers, shipments, tracking events (order,
// idempotency, all-or-nothing batches), ticket links and webhook signatures, on a fake clock.
#include "services/shipments/shipment_service.h"

#include <gtest/gtest.h>

#include "base/crypto.h"
#include "store/sqlite/sqlite_store.h"
#include "testing/fake_clock.h"
#include "testing/status_fields.h"
#include "testing/temp_dir.h"

namespace sahayak::services {
namespace {

using domain::ShipmentStatus;
using nlohmann::json;

json Event(const std::string& number, const std::string& status, const std::string& when,
           const std::string& id = "") {
  json e = {{"carrier", "bluedart"},
            {"tracking_number", number},
            {"status", status},
            {"occurred_at", when},
            {"place", "Bengaluru Hub"}};
  if (!id.empty()) e["event_id"] = id;
  return e;
}

class ShipmentServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    InitCrypto();
    store::SqliteStoreOptions o;
    o.path = dir_.path() + "/t.db";
    o.synchronous_full = false;
    store_ = std::move(store::SqliteStore::Open(o)).value();
    clock_.Set(1'796'000'000'000);  // 2026-11-29T…Z
    tickets_ = std::make_unique<TicketService>(clock_);
    service_ = std::make_unique<ShipmentService>(clock_, *tickets_, std::string(32, 'k'));
    ASSERT_TRUE(store_
                    ->Write([&](WriteTx& tx) -> Status {
                      Workspace w;
                      w.name = "Demo";
                      RETURN_IF_ERROR(tx.InsertWorkspace(&w));
                      admin_.workspace_id = agent_.workspace_id = w.id;
                      admin_.role = domain::Role::kAdmin;
                      agent_.role = domain::Role::kAgent;
                      Workspace other;
                      other.name = "Other";
                      RETURN_IF_ERROR(tx.InsertWorkspace(&other));
                      stranger_.workspace_id = other.id;
                      stranger_.role = domain::Role::kAdmin;
                      return Status::Ok();
                    })
                    .ok());
    auto c = Write<domain::Carrier>([&](WriteTx& tx) {
      return service_->CreateCarrier(tx, admin_,
                                     {{"code", "bluedart"},
                                      {"name", "Blue Dart"},
                                      {"tracking_url", "https://track.example/{number}"}});
    });
    ASSERT_TRUE(c.ok()) << c.status().ToString();
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

  // A vector, not a json: `{Event(…)}` as a json would be the event itself, not an array.
  Result<TrackingIngestResult> Ingest(const std::vector<json>& events,
                                      const Principal* who = nullptr) {
    const Principal& p = who != nullptr ? *who : admin_;
    json batch = {{"events", json::array()}};
    for (const json& e : events) batch["events"].push_back(e);
    return Write<TrackingIngestResult>([&](WriteTx& tx) {
      return service_->Ingest(tx, p.workspace_id, p.actor(), batch);
    });
  }

  domain::Shipment Find(const std::string& number) {
    domain::Shipment out;
    EXPECT_TRUE(store_
                    ->Read([&](ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(auto c, tx.shipments().FindCarrierByCode(
                                                   admin_.workspace_id, "bluedart"));
                      ASSIGN_OR_RETURN(out, tx.shipments().FindShipment(admin_.workspace_id,
                                                                        c.id, number));
                      return Status::Ok();
                    })
                    .ok());
    return out;
  }

  std::vector<domain::TrackingEvent> Events(const domain::Shipment& s) {
    std::vector<domain::TrackingEvent> out;
    EXPECT_TRUE(store_
                    ->Read([&](ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(out, service_->Events(tx, s));
                      return Status::Ok();
                    })
                    .ok());
    return out;
  }

  testing::TempDir dir_;
  testing::FakeClock clock_;
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<TicketService> tickets_;
  std::unique_ptr<ShipmentService> service_;
  Principal admin_, agent_, stranger_;
};

TEST_F(ShipmentServiceTest, CarriersAreAdminsAndNamedErrors) {
  auto denied = Write<domain::Carrier>([&](WriteTx& tx) {
    return service_->CreateCarrier(tx, agent_, {{"code", "dtdc"}, {"name", "DTDC"}});
  });
  EXPECT_EQ(denied.status().code(), Code::kPermissionDenied);
  auto dup = Write<domain::Carrier>([&](WriteTx& tx) {
    return service_->CreateCarrier(tx, admin_, {{"code", "bluedart"}, {"name", "Again"}});
  });
  EXPECT_EQ(dup.status().code(), Code::kAlreadyExists);
  EXPECT_TRUE(HasField(dup.status(), "code"));
  auto bad = Write<domain::Carrier>([&](WriteTx& tx) {
    return service_->CreateCarrier(tx, admin_,
                                   {{"code", "Blue Dart"},
                                    {"name", ""},
                                    {"tracking_pattern", "([A-Z"},
                                    {"tracking_url", "https://track.example/"},
                                    {"colour", "blue"}});
  });
  ASSERT_EQ(bad.status().code(), Code::kInvalidArgument);
  for (const char* f : {"code", "name", "tracking_pattern", "tracking_url", "colour"}) {
    EXPECT_TRUE(HasField(bad.status(), f)) << f << ": " << bad.status().ToString();
  }
}

TEST_F(ShipmentServiceTest, EventsBuildATimelineAndTheNewestDecidesTheStatus) {
  auto r = Ingest({Event("bd 1234 5678", "picked_up", "2026-11-27T09:00:00+05:30", "e1"),
                   Event("BD12345678", "in_transit", "2026-11-28T02:30:00Z", "e2")});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->accepted, 2);
  EXPECT_EQ(r->duplicates, 0);
  domain::Shipment s = Find("BD12345678");
  EXPECT_EQ(s.status, ShipmentStatus::kInTransit);
  EXPECT_EQ(s.last_event_offset, 0);
  // A late-arriving older event joins the timeline without moving the status back.
  r = Ingest({Event("BD12345678", "booked", "2026-11-26T18:00:00+05:30", "e0")});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  s = Find("BD12345678");
  EXPECT_EQ(s.status, ShipmentStatus::kInTransit);
  auto events = Events(s);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].event_id, "e2");
  EXPECT_EQ(events[2].event_id, "e0");
  EXPECT_EQ(events[2].utc_offset_minutes, 330) << "the offset the carrier reported is kept";
  // A failed delivery carries its reason (NDR).
  json failed = Event("BD12345678", "delivery_failed", "2026-11-28T17:10:00+05:30", "e3");
  failed["reason"] = "Customer not available";
  ASSERT_TRUE(Ingest({failed}).ok());
  s = Find("BD12345678");
  EXPECT_EQ(s.status, ShipmentStatus::kDeliveryFailed);
  EXPECT_EQ(s.status_reason, "Customer not available");
  EXPECT_EQ(s.last_event_offset, 330);
}

TEST_F(ShipmentServiceTest, ReplayedEventsChangeNothing) {
  json batch = {Event("BD20000001", "picked_up", "2026-11-27T09:00:00+05:30", "x1"),
                Event("BD20000001", "in_transit", "2026-11-27T19:00:00+05:30")};
  ASSERT_TRUE(Ingest(batch).ok());
  domain::Shipment before = Find("BD20000001");
  clock_.Advance(60'000);
  auto again = Ingest(batch);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->accepted, 0);
  EXPECT_EQ(again->duplicates, 2) << "an event without event_id is still recognised";
  domain::Shipment after = Find("BD20000001");
  EXPECT_EQ(after.version, before.version);
  EXPECT_EQ(after.updated_at, before.updated_at);
  EXPECT_EQ(Events(after).size(), 2u);
}

TEST_F(ShipmentServiceTest, OneBadEventWritesNothingAndNamesIt) {
  json batch = {Event("BD30000001", "picked_up", "2026-11-27T09:00:00+05:30", "g1"),
                Event("BD30000001", "teleported", "2026-11-27T10:00:00+05:30", "g2"),
                Event("BD30000001", "in_transit", "2026-11-27T10:00:00", "g3"),
                Event("BD30000001", "in_transit", "2027-01-01T10:00:00+05:30", "g4")};
  batch[0]["carrier"] = "ups";
  auto r = Ingest(batch);
  ASSERT_EQ(r.status().code(), Code::kInvalidArgument);
  for (const char* f : {"events[0].carrier", "events[1].status", "events[2].occurred_at",
                        "events[3].occurred_at"}) {
    EXPECT_TRUE(HasField(r.status(), f)) << f << ": " << r.status().ToString();
  }
  Status st = store_->Read([&](ReadTx& tx) -> Status {
    auto all = tx.shipments().ListShipments(admin_.workspace_id, {}, std::nullopt, 10);
    if (!all.ok()) return all.status();
    EXPECT_TRUE(all->empty()) << "nothing of a refused batch is written";
    return Status::Ok();
  });
  EXPECT_TRUE(st.ok());
  EXPECT_EQ(Ingest(json::array()).status().code(), Code::kInvalidArgument);
}

TEST_F(ShipmentServiceTest, LateAgainstThePromisedDate) {
  auto s = Write<domain::Shipment>([&](WriteTx& tx) {
    return service_->Create(tx, agent_,
                            {{"carrier", "bluedart"},
                             {"tracking_number", "BD40000001"},
                             {"promised_date", "2026-11-28"},
                             {"cod", {{"amount", "499.5"}, {"currency", "inr"}}},
                             {"contact", {{"email", "asha@example.in"}, {"name", "आशा"}}}});
  });
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->cod_minor, 49950);
  EXPECT_EQ(s->cod_currency, "INR");
  EXPECT_TRUE(s->contact_id.has_value());
  std::string today;
  ASSERT_TRUE(store_
                  ->Read([&](ReadTx& tx) -> Status {
                    ASSIGN_OR_RETURN(today, service_->Today(tx, admin_.workspace_id));
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(today, DateAt(clock_.Now(), 330)) << "the workspace's zone is Asia/Kolkata";
  EXPECT_TRUE(domain::IsLate(*s, today));
  json delivered = Event("BD40000001", "delivered", "2026-11-28T20:00:00+05:30", "d1");
  ASSERT_TRUE(Ingest({delivered}).ok());
  EXPECT_FALSE(domain::IsLate(Find("BD40000001"), today));
}

TEST_F(ShipmentServiceTest, PatchRefusesStatusAndNumber) {
  auto s = Write<domain::Shipment>([&](WriteTx& tx) {
    return service_->Create(tx, agent_, {{"carrier", "bluedart"}, {"tracking_number", "BD5000001"}});
  });
  ASSERT_TRUE(s.ok());
  auto p = Write<domain::Shipment>([&](WriteTx& tx) {
    return service_->Update(tx, agent_, s->id,
                            {{"status", "delivered"}, {"tracking_number", "X1234567"}},
                            std::nullopt);
  });
  EXPECT_TRUE(HasField(p.status(), "status"));
  EXPECT_TRUE(HasField(p.status(), "tracking_number"));
  auto stale = Write<domain::Shipment>([&](WriteTx& tx) {
    return service_->Update(tx, agent_, s->id, {{"service", "Express"}}, s->version + 1);
  });
  EXPECT_EQ(stale.status().code(), Code::kAborted);
  auto ok = Write<domain::Shipment>([&](WriteTx& tx) {
    return service_->Update(tx, agent_, s->id, {{"service", "Express"}}, s->version);
  });
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->service, "Express");
  EXPECT_EQ(ok->version, s->version + 1);
  // Another workspace does not see it.
  Status st = store_->Read([&](ReadTx& tx) -> Status {
    EXPECT_EQ(service_->Get(tx, stranger_, s->id).status().code(), Code::kNotFound);
    return Status::Ok();
  });
  EXPECT_TRUE(st.ok());
}

TEST(TrackingNumberCandidatesTest, FindsNumbersInAnyScriptAndByPattern) {
  auto c = TrackingNumberCandidates("मेरा पार्सल bd12345678 कहाँ है? ऑर्डर 2024 से", {});
  EXPECT_EQ(c, std::vector<std::string>{"BD12345678"});
  EXPECT_TRUE(TrackingNumberCandidates("call me at 9am, order placed 2024", {}).empty());
  auto spaced =
      TrackingNumberCandidates("AWB 5901 2345 678 please", {"\\b(\\d{4} \\d{4} \\d{3})\\b"});
  EXPECT_NE(std::find(spaced.begin(), spaced.end(), "59012345678"), spaced.end());
  EXPECT_TRUE(TrackingNumberCandidates("AWB 5901 2345 678", {"(["}).empty())
      << "a broken pattern finds nothing rather than failing";
}

TEST_F(ShipmentServiceTest, TicketTextLinksItsShipments) {
  ASSERT_TRUE(Ingest({Event("BD60000001", "in_transit", "2026-11-27T09:00:00+05:30")}).ok());
  auto t = Write<domain::Ticket>([&](WriteTx& tx) {
    TicketCreate in;
    in.subject = "पार्सल BD60000001 कहाँ है";
    in.requester.email = "ravi@example.in";
    in.message.body = "Please help";
    return tickets_->Create(tx, agent_, in);
  });
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  Status st = store_->Read([&](ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto links, service_->TicketShipments(tx, agent_, t->id));
    EXPECT_EQ(links.size(), 1u);
    if (!links.empty()) {
      EXPECT_EQ(links[0].shipment.tracking_number, "BD60000001");
      EXPECT_EQ(links[0].linked_by, "auto");
    }
    return Status::Ok();
  });
  EXPECT_TRUE(st.ok()) << st.ToString();
}

TEST_F(ShipmentServiceTest, WebhookSignatureWindowAndKey) {
  auto hook = Write<IssuedWebhook>(
      [&](WriteTx& tx) { return service_->CreateWebhook(tx, admin_, {{"name", "Blue Dart"}}); });
  ASSERT_TRUE(hook.ok()) << hook.status().ToString();
  ASSERT_EQ(hook->secret.rfind("whsec_", 0), 0u);
  const std::string body = R"({"events":[]})";
  const std::string ts = std::to_string(clock_.Now() / 1000);
  const std::string sig = "sha256=" + HmacSha256Hex(hook->secret, ts + "." + body);
  auto verify = [&](const std::string& key, const std::string& t, const std::string& s,
                    const std::string& b) {
    Result<TrackingWebhook> out = Internal("not run");
    EXPECT_TRUE(store_
                    ->Read([&](ReadTx& tx) -> Status {
                      out = service_->VerifyDelivery(tx, key, t, s, b);
                      return Status::Ok();
                    })
                    .ok());
    return out;
  };
  EXPECT_TRUE(verify(hook->hook.public_key, ts, sig, body).ok());
  auto tampered = verify(hook->hook.public_key, ts, sig, body + " ");
  EXPECT_EQ(tampered.status().code(), Code::kUnauthenticated);
  EXPECT_EQ(tampered.status().kind(), "invalid-signature");
  const std::string old = std::to_string(clock_.Now() / 1000 - 301);
  EXPECT_EQ(verify(hook->hook.public_key, old,
                   "sha256=" + HmacSha256Hex(hook->secret, old + "." + body), body)
                .status()
                .code(),
            Code::kUnauthenticated);
  EXPECT_EQ(verify(hook->hook.public_key, "", "", body).status().code(), Code::kUnauthenticated);
  EXPECT_EQ(verify("nope", ts, sig, body).status().code(), Code::kNotFound);
  auto rotated = Write<IssuedWebhook>([&](WriteTx& tx) {
    return service_->RotateWebhookSecret(tx, admin_, hook->hook.id);
  });
  ASSERT_TRUE(rotated.ok());
  EXPECT_EQ(verify(hook->hook.public_key, ts, sig, body).status().code(),
            Code::kUnauthenticated)
      << "the old secret stops working";
}

}  // namespace
}  // namespace sahayak::services
