// NotifyInboundTicket with the real MailOutboundService on a real SQLite store: tickets a
// customer opens through the web form or the portal are acknowledged by mail like e-mail ones,
// from their group's mailbox, with a link to the ticket in the portal.
#include "services/tickets/inbound_ticket.h"

#include <gtest/gtest.h>

#include "services/mail/outbound_service.h"
#include "store/sqlite/sqlite_store.h"
#include "testing/fake_clock.h"
#include "testing/temp_dir.h"

namespace sahayak::services {
namespace {

using domain::MailOutboxItem;

class InboundTicketTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store::SqliteStoreOptions o;
    o.path = dir_.path() + "/t.db";
    o.synchronous_full = false;
    store_ = std::move(store::SqliteStore::Open(o)).value();
    outbound_.set_site_url([](std::string_view host) {
      return "https://" + std::string(host.empty() ? "support.example.in" : host) + "/";
    });
    ASSERT_TRUE(store_
                    ->Write([&](WriteTx& tx) -> Status {
                      Workspace w;
                      w.name = "Demo";
                      w.default_language = "en";
                      w.public_host = "help.acme.in";
                      RETURN_IF_ERROR(tx.InsertWorkspace(&w));
                      RETURN_IF_ERROR(tx.UpdateWorkspace(w));  // the host is set by updates
                      ws_ = w.id;
                      who_.workspace_id = w.id;
                      who_.via = Principal::Via::kCli;
                      who_.name = "web form: Contact us";
                      domain::Group g;
                      g.workspace_id = w.id;
                      g.name = "Shipping";
                      RETURN_IF_ERROR(tx.InsertGroup(&g));
                      shipping_ = g.id;
                      return Status::Ok();
                    })
                    .ok());
  }

  void AddMailbox(const std::string& address, std::optional<Id> group, bool auto_ack = true) {
    ASSERT_TRUE(store_
                    ->Write([&](WriteTx& tx) -> Status {
                      domain::Mailbox m;
                      m.workspace_id = ws_;
                      m.name = address.substr(0, address.find('@'));
                      m.address = address;
                      m.from_name = "Acme";
                      m.smtp_host = "127.0.0.1";
                      m.group_id = group;
                      m.auto_ack = auto_ack;
                      m.created_at = m.updated_at = clock_.Now();
                      return tx.InsertMailbox(&m);
                    })
                    .ok());
  }

  // A ticket opened as the web form or the portal opens it, acknowledged in the same
  // transaction.
  domain::Ticket Open(domain::Channel channel, const std::string& email,
                      std::optional<Id> group = std::nullopt, const std::string& language = "",
                      const std::string& subject = "Parcel not delivered") {
    domain::Ticket t;
    Status st = store_->Write([&](WriteTx& tx) -> Status {
      TicketCreate in;
      in.subject = subject;
      in.message.body = "Where is it?";
      in.requester.email = email;
      in.requester.name = "Priya Sharma";
      in.channel = channel;
      in.message.channel = channel;
      in.group_id = group;
      in.language = language;
      ASSIGN_OR_RETURN(t, tickets_.Create(tx, who_, in));
      return NotifyInboundTicket(tx, tickets_, t);
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return t;
  }

  std::vector<MailOutboxItem> Outbox() {
    std::vector<MailOutboxItem> out;
    EXPECT_TRUE(store_
                    ->Read([&](ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(auto page, tx.ListMailOutbox(ws_, "", {std::nullopt, 100}));
                      out.assign(page.items.rbegin(), page.items.rend());  // oldest first
                      return Status::Ok();
                    })
                    .ok());
    return out;
  }

  static QueuedMail Payload(const MailOutboxItem& item) {
    auto q = DecodeQueuedMail(item.payload);
    EXPECT_TRUE(q.ok()) << q.status().ToString();
    return q.ok() ? *q : QueuedMail{};
  }

  sahayak::testing::TempDir dir_;
  sahayak::testing::FakeClock clock_;
  std::unique_ptr<store::SqliteStore> store_;
  MailOutboundService outbound_{clock_};
  TicketService tickets_{clock_, &outbound_};
  Principal who_;
  Id ws_ = 0, shipping_ = 0;
};

TEST_F(InboundTicketTest, AWebFormTicketIsAcknowledgedWithAPortalLink) {
  AddMailbox("support@acme.in", std::nullopt);  // the default: first by name
  AddMailbox("tracking@acme.in", shipping_);
  domain::Ticket t = Open(domain::Channel::kWeb, "Priya@Example.in", shipping_);
  auto out = Outbox();
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, "auto_ack");
  EXPECT_EQ(out[0].to_email, "priya@example.in");
  EXPECT_EQ(out[0].ticket_id, t.id);
  QueuedMail q = Payload(out[0]);
  EXPECT_TRUE(q.null_sender);
  EXPECT_EQ(q.mail.auto_submitted, "auto-replied");
  EXPECT_EQ(q.mail.from.email, "tracking@acme.in") << "the ticket's group's mailbox";
  EXPECT_EQ(q.mail.subject, "Re: Parcel not delivered [#" + std::to_string(t.number) + "]");
  EXPECT_NE(q.mail.text.find("Hello Priya Sharma,"), std::string::npos) << q.mail.text;
  EXPECT_NE(q.mail.text.find("https://help.acme.in/portal/tickets/" + std::to_string(t.number)),
            std::string::npos)
      << q.mail.text;
  // Queued against the ticket, so the customer's answer threads by In-Reply-To.
  bool recorded = false;
  ASSERT_TRUE(store_
                  ->Read([&](ReadTx& tx) -> Status {
                    ASSIGN_OR_RETURN(auto chain, tx.ListMailMessagesOfTicket(ws_, t.id, 20));
                    for (const auto& r : chain) {
                      recorded = recorded || (r.message_id == out[0].message_id &&
                                              r.direction == "out");
                    }
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_TRUE(recorded);
}

TEST_F(InboundTicketTest, APortalTicketIsAcknowledgedInTheTicketsLanguage) {
  AddMailbox("support@acme.in", std::nullopt);
  domain::Ticket t = Open(domain::Channel::kPortal, "asha@example.in", std::nullopt, "hi",
                          "पार्सल नहीं मिला");
  auto out = Outbox();
  ASSERT_EQ(out.size(), 1u);
  QueuedMail q = Payload(out[0]);
  EXPECT_EQ(q.mail.from.email, "support@acme.in") << "no group mailbox: the default";
  EXPECT_EQ(q.mail.text.rfind("नमस्ते Priya Sharma,", 0), 0u) << q.mail.text;
  EXPECT_NE(q.mail.text.find("पोर्टल"), std::string::npos) << q.mail.text;
  EXPECT_NE(q.mail.text.find("/portal/tickets/" + std::to_string(t.number)), std::string::npos);
}

TEST_F(InboundTicketTest, TheGroupsMailboxWithoutAutoAckSendsNone) {
  // The default is the first mailbox (by name) that can send: "support", not "tracking".
  AddMailbox("support@acme.in", std::nullopt);
  AddMailbox("tracking@acme.in", shipping_, /*auto_ack=*/false);
  Open(domain::Channel::kWeb, "priya@example.in", shipping_);
  EXPECT_EQ(Outbox().size(), 0u);
  Open(domain::Channel::kWeb, "priya@example.in");
  EXPECT_EQ(Outbox().size(), 1u) << "a ticket outside the group: the default mailbox acks";
}

TEST_F(InboundTicketTest, RobotsOurselvesAndOtherChannelsGetNone) {
  AddMailbox("support@acme.in", std::nullopt);
  Open(domain::Channel::kWeb, "noreply@shop.in");
  Open(domain::Channel::kWeb, "support+x@acme.in");
  Open(domain::Channel::kApi, "priya@example.in");
  EXPECT_EQ(Outbox().size(), 0u);
}

TEST_F(InboundTicketTest, AtMostThreeAnHourToOneAddress) {
  AddMailbox("support@acme.in", std::nullopt);
  for (int i = 0; i < 5; ++i) Open(domain::Channel::kWeb, "priya@example.in");
  EXPECT_EQ(Outbox().size(), 3u);
  clock_.Advance(3600LL * 1000 + 1);
  Open(domain::Channel::kPortal, "priya@example.in");
  EXPECT_EQ(Outbox().size(), 4u);
}

}  // namespace
}  // namespace sahayak::services
