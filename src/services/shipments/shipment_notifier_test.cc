// Proactive shipment notices on a real SQLite store and a fake clock: event sequences →
// the notices mailed (through the outbox), the tickets opened or noted, and what never
// happens twice; quiet hours, opt-outs, stale events, the late sweep and the settings. Also
// the delivery service beside them: a customer's preferences and requests change what the
// notifier does (language, quiet hours, the day a parcel is due).
#include "services/shipments/shipment_notifier.h"

#include <gtest/gtest.h>

#include "base/crypto.h"
#include "base/text.h"
#include "services/chat/chat_presence.h"
#include "services/chat/chat_service.h"
#include "services/mail/outbound_service.h"
#include "services/shipments/delivery_service.h"
#include "services/shipments/shipment_service.h"
#include "store/sqlite/sqlite_store.h"
#include "testing/fake_clock.h"
#include "testing/status_fields.h"
#include "testing/temp_dir.h"

namespace sahayak::services {
namespace {

using domain::ShipmentStatus;
using nlohmann::json;

// 2026-12-01T06:30:00Z = 12:00 in India.
constexpr Millis kNoonIst = 1'796'106'600'000;

bool HasDevanagari(const std::string& s) { return s.find("\xE0\xA4") != std::string::npos; }

class ShipmentNotifierTest : public ::testing::Test {
 protected:
  void SetUp() override {
    InitCrypto();
    store::SqliteStoreOptions o;
    o.path = dir_.path() + "/t.db";
    o.synchronous_full = false;
    store_ = std::move(store::SqliteStore::Open(o)).value();
    clock_.Set(kNoonIst);
    tickets_ = std::make_unique<TicketService>(clock_);
    service_ = std::make_unique<ShipmentService>(clock_, *tickets_, std::string(32, 'k'));
    notifier_ = std::make_unique<ShipmentNotifier>(clock_, *tickets_, std::string(32, 'k'));
    notifier_->set_site_url([](std::string_view) { return std::string("https://help.demo.in"); });
    service_->set_notifier(notifier_.get());
    delivery_ = std::make_unique<DeliveryService>(clock_);
    notifier_->set_delivery(delivery_.get());
    presence_ = std::make_unique<ChatPresence>(clock_);
    chat_ = std::make_unique<ChatService>(clock_, *tickets_, *presence_);
    notifier_->set_chat(chat_.get());
    notifier_->set_on_chat_queued([this] { ++chat_queued_; });
    Status st = store_->Write([&](WriteTx& tx) -> Status {
      Workspace w;
      w.name = "Sahayak Express";
      RETURN_IF_ERROR(tx.InsertWorkspace(&w));
      admin_.workspace_id = agent_.workspace_id = w.id;
      admin_.role = domain::Role::kAdmin;
      agent_.role = domain::Role::kAgent;
      RETURN_IF_ERROR(service_
                          ->CreateCarrier(tx, admin_,
                                          {{"code", "shy"},
                                           {"name", "Sahayak Express"},
                                           {"tracking_url", "https://track.example/{number}"}})
                          .status());
      domain::Contact c;
      c.workspace_id = w.id;
      c.name = "Asha Rao";
      c.language = "hi";
      c.identities.push_back({domain::Identity::Kind::kEmail, "asha@example.in"});
      c.created_at = c.updated_at = clock_.Now();
      RETURN_IF_ERROR(tx.InsertContact(&c));
      contact_ = c.id;
      return Status::Ok();
    });
    ASSERT_TRUE(st.ok()) << st.ToString();
  }

  // A shipment of Asha's, promised on `promised`.
  Id NewShipment(const std::string& number, const std::string& promised = "2026-12-05") {
    Id id = 0;
    Status st = store_->Write([&](WriteTx& tx) -> Status {
      ASSIGN_OR_RETURN(auto s, service_->Create(tx, agent_,
                                                {{"carrier", "shy"},
                                                 {"tracking_number", number},
                                                 {"contact_id", contact_},
                                                 {"promised_date", promised}}));
      id = s.id;
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return id;
  }

  Status Ingest(const std::string& number, const std::string& status, Millis at,
                const std::string& event_id, const std::string& reason = "",
                const std::string& eta = "") {
    json e = {{"carrier", "shy"},
              {"tracking_number", number},
              {"status", status},
              {"occurred_at", FormatRfc3339Zoned(at, 330)},
              {"place", "ಮೈಸೂರು Hub"},
              {"event_id", event_id}};
    if (!reason.empty()) e["reason"] = reason;
    if (!eta.empty()) e["eta"] = eta;
    json batch = {{"events", json::array({e})}};
    return store_->Write([&](WriteTx& tx) -> Status {
      return service_->Ingest(tx, admin_.workspace_id, admin_.actor(), batch).status();
    });
  }

  std::vector<ShipmentNoticeRecord> Notices(Id shipment) {
    std::vector<ShipmentNoticeRecord> out;
    Status st = store_->Read([&](ReadTx& tx) -> Status {
      ASSIGN_OR_RETURN(out, notifier_->Notices(tx, agent_, shipment));
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return out;
  }

  // Asha asks, through the portal, for `body` on shipment `id`.
  Result<DeliveryRequestDone> Ask(Id id, const json& body) {
    const domain::Actor asha{domain::Actor::Kind::kContact, contact_, "Asha Rao", "", ""};
    std::optional<DeliveryRequestDone> done;
    Status st = store_->Write([&](WriteTx& tx) -> Status {
      ASSIGN_OR_RETURN(done, delivery_->Request(tx, admin_.workspace_id, asha, "portal", id, body));
      return Status::Ok();
    });
    if (!st.ok()) return st;
    return std::move(*done);
  }

  int Sweep() {
    int swept = -1;
    Status st = store_->Write([&](WriteTx& tx) -> Status {
      ASSIGN_OR_RETURN(swept, notifier_->SweepLate(tx, admin_.workspace_id));
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return swept;
  }

  domain::MailOutboxItem Outbox(Id id) {
    domain::MailOutboxItem out;
    Status st = store_->Read([&](ReadTx& tx) -> Status {
      ASSIGN_OR_RETURN(out, tx.GetMailOutbox(admin_.workspace_id, id));
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return out;
  }

  int64_t OutboxCount() {
    int64_t n = 0;
    Status st = store_->Read([&](ReadTx& tx) -> Status {
      ASSIGN_OR_RETURN(auto page, tx.ListMailOutbox(admin_.workspace_id, "", PageRequest{std::nullopt, 100}));
      n = static_cast<int64_t>(page.items.size());
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return n;
  }

  domain::Ticket Ticket(Id id) {
    domain::Ticket t;
    Status st = store_->Read([&](ReadTx& tx) -> Status {
      ASSIGN_OR_RETURN(t, tx.GetTicket(admin_.workspace_id, id));
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return t;
  }

  // ---- live chat ----

  void SetChat(bool enabled) {
    Status st = store_->Write([&](WriteTx& tx) -> Status {
      ASSIGN_OR_RETURN(chat_settings_,
                       chat_->UpdateSettings(tx, admin_,
                                             {{"enabled", enabled},
                                              {"allowed_origins", {"https://shop.demo.in"}},
                                              {"prechat", false}},
                                             std::nullopt));
      return Status::Ok();
    });
    ASSERT_TRUE(st.ok()) << st.ToString();
  }

  // Asha opens the widget and starts a chat with her e-mail address (so it is hers).
  ChatConversation AshaChats(const std::string& text = "नमस्ते") {
    ChatConversation c;
    Status st = store_->Write([&](WriteTx& tx) -> Status {
      ASSIGN_OR_RETURN(ChatVisitorSession v,
                       chat_->OpenVisitor(tx, chat_settings_, "", "hi", "https://shop.demo.in/"));
      visitor_ = v.visitor;
      ChatStartInput in;
      in.client_id = "asha-start-" + std::to_string(++chats_);
      in.text = text;
      in.name = "Asha Rao";
      in.email = "asha@example.in";
      ChatEffects fx;
      ASSIGN_OR_RETURN(ChatPosted p, chat_->Start(tx, chat_settings_, &visitor_, in, &fx));
      c = p.conversation;
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    EXPECT_EQ(c.contact_id, contact_) << "the chat is linked to Asha by her address";
    return c;
  }

  // Asha's standing preferences: `channel`, in Kannada.
  void Prefer(const std::string& channel, const std::string& language = "kn") {
    Status st = store_->Write([&](WriteTx& tx) -> Status {
      return delivery_
          ->PutPreferences(tx, agent_, "contact", contact_,
                           {{"preferred_channel", channel}, {"language", language}},
                           std::nullopt)
          .status();
    });
    ASSERT_TRUE(st.ok()) << st.ToString();
  }

  // The chat notice worker's round: posts what is due; the effects for the hub.
  std::vector<ChatEffects> PostDue(int* handled = nullptr) {
    std::vector<ChatEffects> posted;
    int n = -1;
    Status st = store_->Write([&](WriteTx& tx) -> Status {
      posted.clear();
      ASSIGN_OR_RETURN(n, notifier_->PostDueChatNotices(tx, 100, &posted));
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    if (handled != nullptr) *handled = n;
    return posted;
  }

  std::vector<ChatEvent> ChatEvents(Id conversation) {
    std::vector<ChatEvent> out;
    Status st = store_->Read([&](ReadTx& tx) -> Status {
      ASSIGN_OR_RETURN(out, tx.chat().ListEventsAfter(admin_.workspace_id, conversation, 0, 1000));
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return out;
  }

  std::vector<domain::Message> TicketMessages(Id ticket) {
    std::vector<domain::Message> out;
    Status st = store_->Read([&](ReadTx& tx) -> Status {
      ASSIGN_OR_RETURN(auto page, tx.ListMessages(admin_.workspace_id, ticket,
                                                  PageRequest{std::nullopt, 100}));
      out = page.items;
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return out;
  }

  testing::TempDir dir_;
  testing::FakeClock clock_;
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<TicketService> tickets_;
  std::unique_ptr<ShipmentService> service_;
  std::unique_ptr<ShipmentNotifier> notifier_;
  std::unique_ptr<DeliveryService> delivery_;
  std::unique_ptr<ChatPresence> presence_;
  std::unique_ptr<ChatService> chat_;
  ChatSettings chat_settings_;
  ChatVisitor visitor_;
  int chats_ = 0;
  int chat_queued_ = 0;
  Principal admin_, agent_;
  Id contact_ = 0;
};

TEST_F(ShipmentNotifierTest, ASequenceMailsEachStepOnceAndOpensOneTicket) {
  const Id s = NewShipment("SHY100000001IN");
  ASSERT_TRUE(Ingest("SHY100000001IN", "booked", kNoonIst - 3 * kHour, "e1").ok());
  ASSERT_TRUE(Ingest("SHY100000001IN", "in_transit", kNoonIst - 2 * kHour, "e2").ok());
  EXPECT_TRUE(Notices(s).empty()) << "booked and in transit tell nobody";

  ASSERT_TRUE(Ingest("SHY100000001IN", "out_for_delivery", kNoonIst - kHour, "e3").ok());
  auto n = Notices(s);
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(n[0].notice, "out_for_delivery");
  EXPECT_EQ(n[0].outcome, "mailed");
  EXPECT_EQ(n[0].language, "hi");
  ASSERT_TRUE(n[0].outbox_id.has_value());
  domain::MailOutboxItem mail = Outbox(*n[0].outbox_id);
  EXPECT_EQ(mail.kind, "notification");
  EXPECT_EQ(mail.to_email, "asha@example.in");
  EXPECT_EQ(mail.next_attempt_at, kNoonIst) << "noon is outside the quiet hours";
  auto q = DecodeQueuedMail(mail.payload);
  ASSERT_TRUE(q.ok());
  EXPECT_TRUE(HasDevanagari(q->mail.subject)) << q->mail.subject;
  EXPECT_NE(q->mail.text.find("SHY100000001IN"), std::string::npos) << q->mail.text;
  EXPECT_NE(q->mail.text.find("https://help.demo.in/notices/opt-out/"), std::string::npos);
  EXPECT_EQ(q->mail.auto_submitted, "auto-generated");
  bool unsubscribe = false;
  for (const auto& [k, v] : q->mail.extra_headers) {
    if (k == "List-Unsubscribe") unsubscribe = v.rfind("<https://help.demo.in/notices/opt-out/", 0) == 0;
  }
  EXPECT_TRUE(unsubscribe);

  // The same event again (a carrier's retry): nothing new.
  ASSERT_TRUE(Ingest("SHY100000001IN", "out_for_delivery", kNoonIst - kHour, "e3").ok());
  EXPECT_EQ(Notices(s).size(), 1u);
  EXPECT_EQ(OutboxCount(), 1);

  // A failed attempt: a notice with the reason, and a ticket for the customer.
  clock_.Advance(kHour);
  ASSERT_TRUE(Ingest("SHY100000001IN", "delivery_failed", kNoonIst, "e4",
                     "Customer not available").ok());
  n = Notices(s);
  ASSERT_EQ(n.size(), 2u);
  EXPECT_EQ(n[1].notice, "delivery_failed");
  EXPECT_EQ(n[1].outcome, "mailed");
  ASSERT_TRUE(n[1].ticket_id.has_value());
  domain::Ticket t = Ticket(*n[1].ticket_id);
  EXPECT_EQ(t.requester_id, contact_);
  EXPECT_EQ(t.priority, domain::Priority::kHigh);
  EXPECT_NE(t.subject.find("SHY100000001IN"), std::string::npos);
  auto failed = DecodeQueuedMail(Outbox(*n[1].outbox_id).payload);
  ASSERT_TRUE(failed.ok());
  EXPECT_NE(failed->mail.text.find("Customer not available"), std::string::npos);

  // A second failure the next day notes the same open ticket instead of opening another.
  clock_.Advance(20 * kHour);
  ASSERT_TRUE(Ingest("SHY100000001IN", "out_for_delivery", clock_.Now() - 2 * kHour, "e5").ok());
  ASSERT_TRUE(Ingest("SHY100000001IN", "lost", clock_.Now() - kHour, "e6", "Misrouted").ok());
  n = Notices(s);
  ASSERT_EQ(n.size(), 4u);
  EXPECT_EQ(n[3].notice, "exception");
  EXPECT_EQ(n[3].ticket_id, n[1].ticket_id);
  EXPECT_EQ(Ticket(*n[3].ticket_id).priority, domain::Priority::kUrgent) << "lost is urgent";
  EXPECT_EQ(OutboxCount(), 4);
}

TEST_F(ShipmentNotifierTest, QuietHoursDelayTheMailNotTheDecision) {
  const Id s = NewShipment("SHY100000002IN");
  clock_.Set(kNoonIst + 10 * kHour + 30 * kMinute);  // 22:30 in India
  ASSERT_TRUE(Ingest("SHY100000002IN", "delivered", clock_.Now() - kMinute, "d1").ok());
  auto n = Notices(s);
  ASSERT_EQ(n.size(), 1u);
  const Millis eight_next_morning = kNoonIst + 20 * kHour;
  EXPECT_EQ(n[0].send_after, eight_next_morning);
  EXPECT_EQ(Outbox(*n[0].outbox_id).next_attempt_at, eight_next_morning);
  // The customer says stop before the morning: the waiting mail is not sent.
  const std::string token = notifier_->OptOutToken(admin_.workspace_id, contact_);
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return notifier_->OptOutByToken(tx, token); }).ok());
  domain::MailOutboxItem mail = Outbox(*n[0].outbox_id);
  EXPECT_EQ(mail.state, "dead");
  EXPECT_NE(mail.last_error.find("opted out"), std::string::npos) << mail.last_error;
}

TEST_F(ShipmentNotifierTest, AfterQuietHoursWrapsPastMidnight) {
  const std::string india = "Asia/Kolkata";
  EXPECT_EQ(AfterQuietHours(kNoonIst, india, "21:00", "08:00"), kNoonIst);
  EXPECT_EQ(AfterQuietHours(kNoonIst + 9 * kHour, india, "21:00", "08:00"), kNoonIst + 20 * kHour);
  EXPECT_EQ(AfterQuietHours(kNoonIst - 5 * kHour, india, "21:00", "08:00"), kNoonIst - 4 * kHour)
      << "07:00 waits an hour";
  EXPECT_EQ(AfterQuietHours(kNoonIst, india, "12:00", "13:30"), kNoonIst + 90 * kMinute);
  EXPECT_EQ(AfterQuietHours(kNoonIst + 9 * kHour, india, "08:00", "08:00"), kNoonIst + 9 * kHour)
      << "equal times: never quiet";
  EXPECT_EQ(AfterQuietHours(kNoonIst, india, "25:00", "08:00"), kNoonIst) << "malformed: never";
  // The customer's zone decides: noon in India is 01:30 in New York.
  EXPECT_EQ(AfterQuietHours(kNoonIst, "America/New_York", "21:00", "08:00"),
            kNoonIst + 6 * kHour + 30 * kMinute);
}

TEST_F(ShipmentNotifierTest, OptedOutCustomersAreNotMailedAndTokensCannotBeForged) {
  const Id s = NewShipment("SHY100000003IN");
  const std::string token = notifier_->OptOutToken(admin_.workspace_id, contact_);
  auto read = notifier_->ReadOptOutToken(token);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->second, contact_);
  for (const std::string& bad : {token.substr(0, token.size() - 1) + "0",
                                 std::to_string(admin_.workspace_id) + "." +
                                     std::to_string(contact_ + 1) + token.substr(token.rfind('.')),
                                 std::string("1.1"), std::string(""), std::string("x.y.z")}) {
    EXPECT_EQ(notifier_->ReadOptOutToken(bad).status().code(), Code::kNotFound) << bad;
  }
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return notifier_->OptOutByToken(tx, token); }).ok());
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return notifier_->OptOutByToken(tx, token); }).ok())
      << "twice is fine";
  ASSERT_TRUE(Ingest("SHY100000003IN", "out_for_delivery", kNoonIst - kMinute, "o1").ok());
  auto n = Notices(s);
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(n[0].outcome, "opted_out");
  EXPECT_FALSE(n[0].outbox_id.has_value());
  EXPECT_EQ(OutboxCount(), 0);
  // An agent turns the updates back on (the customer asked by phone).
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) {
                      return notifier_->SetOptedOut(tx, agent_, contact_, false);
                    }).ok());
  ASSERT_TRUE(Ingest("SHY100000003IN", "delivered", kNoonIst, "o2").ok());
  EXPECT_EQ(Notices(s).back().outcome, "mailed");
}

TEST_F(ShipmentNotifierTest, StaleEventsAndNoticesTurnedOffMailNobody) {
  const Id s = NewShipment("SHY100000004IN");
  ASSERT_TRUE(Ingest("SHY100000004IN", "delivery_failed", kNoonIst - 50 * kHour, "x1",
                     "Address not found").ok());
  auto n = Notices(s);
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(n[0].outcome, "stale");
  EXPECT_FALSE(n[0].ticket_id.has_value()) << "a backfill opens no tickets";

  auto denied = store_->Write([&](WriteTx& tx) {
    return notifier_->UpdateSettings(tx, agent_, {{"notices", json::array()}}, std::nullopt)
        .status();
  });
  EXPECT_EQ(denied.code(), Code::kPermissionDenied);
  Status bad = store_->Write([&](WriteTx& tx) {
    return notifier_
        ->UpdateSettings(tx, admin_,
                         {{"notices", {"delivered", "teleported"}},
                          {"quiet_from", "9pm"},
                          {"templates", {{"delivered", {{"fr", {{"subject", "x"}, {"body", "y"}}}}}}},
                          {"colour", "red"}},
                         std::nullopt)
        .status();
  });
  EXPECT_EQ(bad.code(), Code::kInvalidArgument);
  for (const char* f : {"notices[1]", "quiet_from", "templates", "colour"}) {
    EXPECT_TRUE(HasField(bad, f)) << f << ": " << bad.ToString();
  }
  Status ok = store_->Write([&](WriteTx& tx) {
    return notifier_->UpdateSettings(tx, admin_, {{"notices", {"delivered"}}}, int64_t{1}).status();
  });
  ASSERT_TRUE(ok.ok()) << ok.ToString();
  ASSERT_TRUE(Ingest("SHY100000004IN", "out_for_delivery", kNoonIst - kMinute, "x2").ok());
  EXPECT_EQ(Notices(s).back().outcome, "off");
  EXPECT_EQ(OutboxCount(), 0);
}

TEST_F(ShipmentNotifierTest, LateOnceWhetherTheEtaSaysSoOrTheDatePasses) {
  const Id by_eta = NewShipment("SHY100000005IN", "2026-12-03");
  ASSERT_TRUE(Ingest("SHY100000005IN", "in_transit", kNoonIst - kHour, "l1", "", "2026-12-06").ok());
  auto n = Notices(by_eta);
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(n[0].notice, "late");
  EXPECT_EQ(n[0].event_key, "late:2026-12-03");
  EXPECT_EQ(n[0].outcome, "mailed");

  const Id by_date = NewShipment("SHY100000006IN", "2026-11-30");
  ASSERT_TRUE(Ingest("SHY100000006IN", "in_transit", kNoonIst - kHour, "l2").ok());
  EXPECT_TRUE(Notices(by_date).empty());
  int swept = -1;
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) -> Status {
                      ASSIGN_OR_RETURN(swept, notifier_->SweepLate(tx, admin_.workspace_id));
                      return Status::Ok();
                    }).ok());
  EXPECT_EQ(swept, 1) << "the ETA one was told already";
  ASSERT_EQ(Notices(by_date).size(), 1u);
  EXPECT_EQ(Notices(by_date)[0].event_key, "late:2026-11-30");
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) -> Status {
                      ASSIGN_OR_RETURN(swept, notifier_->SweepLate(tx, admin_.workspace_id));
                      return Status::Ok();
                    }).ok());
  EXPECT_EQ(swept, 0);
  EXPECT_EQ(Notices(by_eta).size(), 1u);
}

TEST_F(ShipmentNotifierTest, ARescheduledParcelIsLateOnlyAfterTheChosenDay) {
  const Id id = NewShipment("SHY100000007IN", "2026-12-03");
  auto done = Ask(id, {{"kind", "reschedule"}, {"date", "2026-12-06"}});
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(done->shipment.delivery.date, "2026-12-06");
  EXPECT_EQ(done->request.kind, "reschedule");
  EXPECT_EQ(done->request.via, "portal");

  clock_.Set(kNoonIst + 3 * 24 * kHour);  // 4 December: past the promise, before the new day
  EXPECT_EQ(Sweep(), 0) << "the customer asked for the 6th";
  EXPECT_TRUE(Notices(id).empty());
  clock_.Set(kNoonIst + 6 * 24 * kHour);  // 7 December
  EXPECT_EQ(Sweep(), 1);
  auto n = Notices(id);
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(n[0].event_key, "late:2026-12-06");
}

TEST_F(ShipmentNotifierTest, RequestsFollowTheParcelsProgress) {
  const Id id = NewShipment("SHY100000008IN", "2026-12-03");
  // Today is 1 December in India: the 2nd … the 10th are open; today and the 11th are not.
  for (const char* day : {"2026-12-01", "2026-12-11", "2026-11-30"}) {
    auto r = Ask(id, {{"kind", "reschedule"}, {"date", day}});
    ASSERT_FALSE(r.ok()) << day;
    EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
    EXPECT_TRUE(HasField(r.status(), "date")) << r.status().ToString();
  }
  auto given = Ask(id, {{"kind", "address"},
                        {"address", {{"line1", "ಗಾಂಧಿ ಬಜಾರ್ 7"}, {"city", "ಬೆಂಗಳೂರು"},
                                     {"pin", "560004"}}}});
  ASSERT_TRUE(given.ok()) << given.status().ToString();
  ASSERT_TRUE(given->shipment.delivery.address.has_value());
  EXPECT_EQ(given->shipment.delivery.address->city, "ಬೆಂಗಳೂರು");
  auto alternate = Ask(id, {{"kind", "address"}, {"address", "alternate"}});
  ASSERT_FALSE(alternate.ok()) << "Asha saved no alternate address";
  EXPECT_TRUE(HasField(alternate.status(), "address"));

  ASSERT_TRUE(Ingest("SHY100000008IN", "out_for_delivery", kNoonIst - kHour, "o1").ok());
  auto late_address = Ask(id, {{"kind", "address"}, {"address", nullptr}});
  ASSERT_FALSE(late_address.ok());
  EXPECT_EQ(late_address.status().code(), Code::kAlreadyExists);
  EXPECT_EQ(late_address.status().kind(), "conflict");
  EXPECT_NE(late_address.status().message().find("out for delivery"), std::string::npos);
  auto window = Ask(id, {{"kind", "window"}, {"window", {{"from", "17:00"}, {"until", "20:00"}}}});
  ASSERT_TRUE(window.ok()) << "the van can still come in the evening";
  EXPECT_EQ(window->shipment.delivery.window, (domain::ClockRange{17 * 60, 20 * 60}));
  EXPECT_TRUE(window->shipment.delivery.address.has_value()) << "the earlier change stays";

  ASSERT_TRUE(Ingest("SHY100000008IN", "delivered", kNoonIst - 30 * kMinute, "d1").ok());
  for (const json& body : {json{{"kind", "reschedule"}, {"date", "2026-12-04"}},
                           json{{"kind", "safe_place"}, {"safe_place", "porch"}}}) {
    auto r = Ask(id, body);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().kind(), "conflict") << body.dump();
  }
  std::vector<DeliveryRequestRecord> requests;
  ASSERT_TRUE(store_->Read([&](ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(requests, delivery_->Requests(tx, admin_.workspace_id, id));
                      return Status::Ok();
                    }).ok());
  ASSERT_EQ(requests.size(), 2u) << "refused requests leave nothing behind";
}

TEST_F(ShipmentNotifierTest, TheCustomersPreferencesSetLanguageAndQuietHours) {
  Status st = store_->Write([&](WriteTx& tx) -> Status {
    return delivery_
        ->PutPreferences(tx, agent_, "contact", contact_,
                         {{"language", "kn"},
                          {"time_zone", "Asia/Kolkata"},
                          {"quiet_hours", {{"from", "11:00"}, {"until", "14:00"}}},
                          {"windows", json::array({{{"days", {"mon", "tue", "wed", "thu", "fri"}},
                                                    {"from", "09:00"},
                                                    {"until", "18:00"}}})}},
                         0)
        .status();
  });
  ASSERT_TRUE(st.ok()) << st.ToString();
  const Id id = NewShipment("SHY100000009IN");
  ASSERT_TRUE(Ingest("SHY100000009IN", "out_for_delivery", kNoonIst - kMinute, "o1").ok());
  auto n = Notices(id);
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(n[0].outcome, "mailed");
  EXPECT_EQ(n[0].language, "kn") << "the contact's language, not Hindi any more";
  EXPECT_EQ(n[0].send_after, kNoonIst + 2 * kHour) << "after her quiet hours end at 14:00";

  // Rescheduling offers only her weekdays: 1 December 2026 is a Tuesday.
  DeliveryOptions o;
  ASSERT_TRUE(store_->Read([&](ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(auto s, tx.shipments().GetShipment(admin_.workspace_id, id));
                      ASSIGN_OR_RETURN(o, delivery_->Options(tx, s));
                      return Status::Ok();
                    }).ok());
  for (const std::string& d : o.allowed_dates) EXPECT_LT(WeekdayOf(d), 5) << d;
  EXPECT_EQ(o.allowed_dates.front(), "2026-12-02");
  EXPECT_FALSE(o.allowed.address) << "out for delivery";

  // A stale version is refused and changes nothing.
  auto stale = store_->Write([&](WriteTx& tx) -> Status {
    return delivery_->PutPreferences(tx, agent_, "contact", contact_, {{"language", "hi"}}, 0)
        .status();
  });
  EXPECT_EQ(stale.kind(), "precondition-failed");
}

// ---- by live chat ----

bool HasKannada(const std::string& s) {
  return s.find("\xE0\xB2") != std::string::npos || s.find("\xE0\xB3") != std::string::npos;
}

TEST_F(ShipmentNotifierTest, AChatCustomerIsToldInTheirChatOnceInTheirLanguage) {
  SetChat(true);
  const ChatConversation chat = AshaChats();
  Prefer("chat", "kn");
  const Id s = NewShipment("SHY200000001IN");
  ASSERT_TRUE(Ingest("SHY200000001IN", "out_for_delivery", kNoonIst - kHour, "c1").ok());
  auto n = Notices(s);
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(n[0].outcome, "chatted");
  EXPECT_EQ(n[0].channel, "chat");
  EXPECT_EQ(n[0].preferred_channel, "chat");
  EXPECT_EQ(n[0].fallback, "");
  EXPECT_EQ(n[0].language, "kn");
  EXPECT_EQ(n[0].chat_conversation_id, chat.id);
  EXPECT_FALSE(n[0].chat_seq.has_value()) << "queued with the decision, posted by the worker";
  EXPECT_FALSE(n[0].outbox_id.has_value());
  EXPECT_EQ(n[0].send_after, kNoonIst);
  EXPECT_EQ(chat_queued_, 1) << "the worker is woken";
  EXPECT_EQ(OutboxCount(), 0) << "not mailed as well";

  int handled = 0;
  std::vector<ChatEffects> posted = PostDue(&handled);
  EXPECT_EQ(handled, 1);
  ASSERT_EQ(posted.size(), 1u);
  ASSERT_EQ(posted[0].events.size(), 1u);
  const ChatEvent& e = posted[0].events[0];
  EXPECT_EQ(e.conversation_id, chat.id);
  EXPECT_EQ(e.kind, "message");
  EXPECT_EQ(e.author.kind, "system") << "from the team, not an agent";
  EXPECT_EQ(e.author.name, "Sahayak Express");
  EXPECT_FALSE(e.internal);
  EXPECT_NE(e.text.find("SHY200000001IN"), std::string::npos) << e.text;
  EXPECT_NE(e.text.find("ಮೈಸೂರು Hub"), std::string::npos) << "the event's place: " << e.text;
  EXPECT_TRUE(HasKannada(e.text)) << e.text;
  EXPECT_FALSE(HasDevanagari(e.text)) << "Kannada, not the contact's old Hindi: " << e.text;
  EXPECT_NE(e.text.find("https://help.demo.in/notices/opt-out/"), std::string::npos) << e.text;
  const std::vector<ChatEvent> events = ChatEvents(chat.id);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().text, e.text) << "stored in the conversation";
  n = Notices(s);
  EXPECT_EQ(n[0].chat_seq, e.seq);
  // The transcript on the chat's ticket shows what the customer was told, by the system.
  auto messages = TicketMessages(chat.ticket_id);
  ASSERT_FALSE(messages.empty());
  EXPECT_EQ(messages.back().body, e.text);
  EXPECT_EQ(messages.back().author_kind, domain::Actor::Kind::kSystem);
  EXPECT_FALSE(Ticket(chat.ticket_id).first_response_at.has_value())
      << "a notice is no agent's first response";

  // A carrier's retry of the same event, and another round of the worker: nothing new.
  ASSERT_TRUE(Ingest("SHY200000001IN", "out_for_delivery", kNoonIst - kHour, "c1").ok());
  EXPECT_EQ(Notices(s).size(), 1u);
  EXPECT_TRUE(PostDue(&handled).empty());
  EXPECT_EQ(handled, 0);
  EXPECT_EQ(ChatEvents(chat.id).size(), events.size());
  EXPECT_EQ(OutboxCount(), 0);

  // A failed delivery: told in the chat too, and the trouble ticket opened as for mail.
  clock_.Advance(kHour);
  ASSERT_TRUE(Ingest("SHY200000001IN", "delivery_failed", kNoonIst, "c2", "Door locked").ok());
  PostDue();
  n = Notices(s);
  ASSERT_EQ(n.size(), 2u);
  EXPECT_EQ(n[1].outcome, "chatted");
  EXPECT_TRUE(n[1].ticket_id.has_value());
  EXPECT_NE(ChatEvents(chat.id).back().text.find("Door locked"), std::string::npos);
}

TEST_F(ShipmentNotifierTest, ChatNoticesWaitForQuietHoursAndReachAnEndedChat) {
  SetChat(true);
  const ChatConversation chat = AshaChats();
  Prefer("chat", "hi");
  const Id s = NewShipment("SHY200000002IN");
  clock_.Set(kNoonIst + 10 * kHour + 30 * kMinute);  // 22:30 in India
  ASSERT_TRUE(Ingest("SHY200000002IN", "delivered", clock_.Now() - kMinute, "q1").ok());
  auto n = Notices(s);
  ASSERT_EQ(n.size(), 1u);
  const Millis eight_next_morning = kNoonIst + 20 * kHour;
  EXPECT_EQ(n[0].outcome, "chatted");
  EXPECT_EQ(n[0].send_after, eight_next_morning);
  const size_t before = ChatEvents(chat.id).size();
  EXPECT_TRUE(PostDue().empty()) << "not during the quiet hours";
  EXPECT_EQ(ChatEvents(chat.id).size(), before);

  // Asha ends the chat during the night; in the morning the notice still reaches it.
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) -> Status {
                ChatEffects fx;
                return chat_->End(tx, ChatParty::Visitor(visitor_, "Asha Rao"), chat.id, &fx);
              }).ok());
  clock_.Set(eight_next_morning - kMinute);
  EXPECT_TRUE(PostDue().empty());
  clock_.Set(eight_next_morning);
  auto posted = PostDue();
  ASSERT_EQ(posted.size(), 1u);
  EXPECT_TRUE(HasDevanagari(posted[0].events[0].text)) << posted[0].events[0].text;
  n = Notices(s);
  ASSERT_TRUE(n[0].chat_seq.has_value());
  const std::vector<ChatEvent> events = ChatEvents(chat.id);
  EXPECT_EQ(events.back().seq, *n[0].chat_seq);
  EXPECT_EQ(events[events.size() - 2].kind, "ended") << "after the end of the chat";
  ChatConversation after;
  ASSERT_TRUE(store_->Read([&](ReadTx& tx) -> Status {
                ASSIGN_OR_RETURN(after, tx.chat().GetConversation(admin_.workspace_id, chat.id));
                return Status::Ok();
              }).ok());
  EXPECT_EQ(after.status, "missed") << "ended before any agent took it, and stays so";
}

TEST_F(ShipmentNotifierTest, AWaitingChatNoticeIsNotPostedAfterTheCustomerOptsOut) {
  SetChat(true);
  const ChatConversation chat = AshaChats();
  Prefer("chat");
  const Id s = NewShipment("SHY200000003IN");
  clock_.Set(kNoonIst + 10 * kHour + 30 * kMinute);
  ASSERT_TRUE(Ingest("SHY200000003IN", "delivered", clock_.Now() - kMinute, "o1").ok());
  const std::string token = notifier_->OptOutToken(admin_.workspace_id, contact_);
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return notifier_->OptOutByToken(tx, token); }).ok());
  const size_t before = ChatEvents(chat.id).size();
  clock_.Set(kNoonIst + 20 * kHour);
  int handled = 0;
  EXPECT_TRUE(PostDue(&handled).empty());
  EXPECT_EQ(handled, 1);
  EXPECT_EQ(ChatEvents(chat.id).size(), before);
  auto n = Notices(s);
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(n[0].outcome, "opted_out");
  EXPECT_EQ(n[0].channel, "");
  EXPECT_EQ(OutboxCount(), 0);
  // Opted out from the start: not queued at all.
  ASSERT_TRUE(Ingest("SHY200000003IN", "delivered", clock_.Now(), "o2").ok());
  EXPECT_EQ(Notices(s).back().outcome, "opted_out");
}

TEST_F(ShipmentNotifierTest, AChatCustomerWithoutAChatIsMailedAndTheNoticeSaysWhy) {
  Prefer("chat", "kn");
  // Live chat is off in the workspace: e-mail, "chat_off".
  const Id off = NewShipment("SHY200000004IN");
  ASSERT_TRUE(Ingest("SHY200000004IN", "out_for_delivery", kNoonIst - kHour, "f1").ok());
  auto n = Notices(off);
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(n[0].outcome, "mailed");
  EXPECT_EQ(n[0].channel, "email");
  EXPECT_EQ(n[0].preferred_channel, "chat");
  EXPECT_EQ(n[0].fallback, "chat_off");
  ASSERT_TRUE(n[0].outbox_id.has_value());
  auto mail = DecodeQueuedMail(Outbox(*n[0].outbox_id).payload);
  ASSERT_TRUE(mail.ok());
  EXPECT_TRUE(HasKannada(mail->mail.subject)) << "in her language all the same";

  // Chat on, but Asha never chatted: e-mail, "no_conversation" — exactly as before.
  SetChat(true);
  const Id none = NewShipment("SHY200000005IN");
  ASSERT_TRUE(Ingest("SHY200000005IN", "out_for_delivery", kNoonIst - kHour, "f2").ok());
  n = Notices(none);
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(n[0].outcome, "mailed");
  EXPECT_EQ(n[0].fallback, "no_conversation");
  EXPECT_FALSE(n[0].chat_conversation_id.has_value());
  EXPECT_EQ(Outbox(*n[0].outbox_id).to_email, "asha@example.in");
  EXPECT_EQ(chat_queued_, 0);
  EXPECT_TRUE(PostDue().empty());

  // Once she has chatted, the next notice goes to her chat.
  const ChatConversation chat = AshaChats();
  ASSERT_TRUE(Ingest("SHY200000005IN", "delivered", kNoonIst - 30 * kMinute, "f3").ok());
  EXPECT_EQ(Notices(none).back().outcome, "chatted");
  EXPECT_EQ(PostDue().size(), 1u);
  EXPECT_EQ(OutboxCount(), 2);

  // Chat switched off while a notice waits for the morning: it is mailed in the morning.
  clock_.Set(kNoonIst + 10 * kHour + 30 * kMinute);
  const Id night = NewShipment("SHY200000006IN");
  ASSERT_TRUE(Ingest("SHY200000006IN", "delivered", clock_.Now() - kMinute, "f4").ok());
  EXPECT_EQ(Notices(night)[0].outcome, "chatted");
  SetChat(false);
  clock_.Set(kNoonIst + 20 * kHour);
  EXPECT_TRUE(PostDue().empty());
  n = Notices(night);
  EXPECT_EQ(n[0].outcome, "mailed");
  EXPECT_EQ(n[0].channel, "email");
  EXPECT_EQ(n[0].fallback, "chat_off");
  ASSERT_TRUE(n[0].outbox_id.has_value());
  EXPECT_EQ(Outbox(*n[0].outbox_id).next_attempt_at, kNoonIst + 20 * kHour);
  EXPECT_EQ(ChatEvents(chat.id).back().author.kind, "system")
      << "only the earlier notice is in the chat";
}

TEST_F(ShipmentNotifierTest, ChannelsNotBuiltYetFallBackToMailAndSaySo) {
  SetChat(true);
  AshaChats();  // a chat exists, but she did not ask for chat
  int i = 0;
  for (const std::string channel : {"sms", "whatsapp", "phone"}) {
    SCOPED_TRACE(channel);
    Prefer(channel, "hi");
    const std::string number = "SHY30000000" + std::to_string(++i) + "IN";
    const Id s = NewShipment(number);
    ASSERT_TRUE(Ingest(number, "out_for_delivery", kNoonIst - kHour, "n" + channel).ok());
    auto n = Notices(s);
    ASSERT_EQ(n.size(), 1u);
    EXPECT_EQ(n[0].outcome, "mailed") << "never dropped in silence";
    EXPECT_EQ(n[0].channel, "email");
    EXPECT_EQ(n[0].preferred_channel, channel);
    EXPECT_EQ(n[0].fallback, "not_available");
    ASSERT_TRUE(n[0].outbox_id.has_value());
    EXPECT_EQ(Outbox(*n[0].outbox_id).to_email, "asha@example.in");
  }
  // E-mail, or no preference at all: mailed, no fallback.
  for (const std::string channel : {"email", ""}) {
    Prefer(channel, "hi");
    const std::string number = "SHY30000001" + std::to_string(++i) + "IN";
    const Id s = NewShipment(number);
    ASSERT_TRUE(Ingest(number, "out_for_delivery", kNoonIst - kHour, "e" + channel).ok());
    auto n = Notices(s);
    ASSERT_EQ(n.size(), 1u);
    EXPECT_EQ(n[0].outcome, "mailed");
    EXPECT_EQ(n[0].preferred_channel, channel);
    EXPECT_EQ(n[0].fallback, "");
  }
  EXPECT_EQ(chat_queued_, 0);
  EXPECT_TRUE(PostDue().empty());
}

TEST_F(ShipmentNotifierTest, AChatOnlyCustomerWithoutAnAddressIsToldInTheirChat) {
  SetChat(true);
  // A visitor who never gave an address: their chat made a contact without e-mail.
  ChatConversation chat;
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) -> Status {
                ASSIGN_OR_RETURN(ChatVisitorSession v, chat_->OpenVisitor(tx, chat_settings_, "",
                                                                          "kn", ""));
                ChatStartInput in;
                in.client_id = "anon-1";
                in.text = "ನನ್ನ ಪಾರ್ಸೆಲ್ ಎಲ್ಲಿದೆ?";
                in.name = "Ravi";
                ChatEffects fx;
                ASSIGN_OR_RETURN(ChatPosted p,
                                 chat_->Start(tx, chat_settings_, &v.visitor, in, &fx));
                chat = p.conversation;
                return Status::Ok();
              }).ok());
  const Id ravi = chat.contact_id;
  ASSERT_NE(ravi, contact_);
  Id s = 0;
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) -> Status {
                ASSIGN_OR_RETURN(auto made, service_->Create(tx, agent_,
                                                             {{"carrier", "shy"},
                                                              {"tracking_number", "SHY400000001IN"},
                                                              {"contact_id", ravi}}));
                s = made.id;
                return Status::Ok();
              }).ok());
  // No preference: nothing to send on, as before.
  ASSERT_TRUE(Ingest("SHY400000001IN", "out_for_delivery", kNoonIst - kHour, "r1").ok());
  EXPECT_EQ(Notices(s).back().outcome, "no_address");
  // The agent sets chat for him: the next notice reaches his chat.
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) -> Status {
                return delivery_
                    ->PutPreferences(tx, agent_, "contact", ravi,
                                     {{"preferred_channel", "chat"}, {"language", "kn"}},
                                     std::nullopt)
                    .status();
              }).ok());
  ASSERT_TRUE(Ingest("SHY400000001IN", "delivered", kNoonIst - 30 * kMinute, "r2").ok());
  auto n = Notices(s);
  ASSERT_EQ(n.size(), 2u);
  EXPECT_EQ(n[1].outcome, "chatted");
  auto posted = PostDue();
  ASSERT_EQ(posted.size(), 1u);
  EXPECT_EQ(posted[0].events[0].conversation_id, chat.id);
  EXPECT_TRUE(HasKannada(posted[0].events[0].text));
  // Chat switched off: he cannot be told at all, and the notice says so.
  SetChat(false);
  ASSERT_TRUE(Ingest("SHY400000001IN", "delivery_failed", kNoonIst - 10 * kMinute, "r3").ok());
  EXPECT_EQ(Notices(s).back().outcome, "no_address");
  EXPECT_EQ(OutboxCount(), 0);
}

}  // namespace
}  // namespace sahayak::services
