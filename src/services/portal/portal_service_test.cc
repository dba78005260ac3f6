// PortalService on a real SQLite store and a fake clock: sign-in links, passwords, sessions
// and who may see which ticket.
#include "services/portal/portal_service.h"

#include <gtest/gtest.h>

#include "services/mail/outbound_service.h"
#include "store/sqlite/sqlite_store.h"
#include "testing/fake_clock.h"
#include "testing/temp_dir.h"

namespace sahayak::services {
namespace {

using domain::Ticket;

class PortalServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    InitCrypto();
    store::SqliteStoreOptions o;
    o.path = dir_.path() + "/t.db";
    o.synchronous_full = false;
    store_ = std::move(store::SqliteStore::Open(o)).value();
    PortalOptions po;
    po.hash_cost.ops = 1;
    po.hash_cost.mem_bytes = 64 * 1024;
    portal_ = std::make_unique<PortalService>(*store_, clock_, tickets_, po);
    ASSERT_TRUE(store_
                    ->Write([&](WriteTx& tx) -> Status {
                      Workspace w;
                      w.name = "Demo Couriers";
                      RETURN_IF_ERROR(tx.InsertWorkspace(&w));
                      ws_ = w.id;
                      domain::Organisation org;
                      org.workspace_id = ws_;
                      org.name = "Acme";
                      org.domains = {"acme.in"};
                      RETURN_IF_ERROR(tx.InsertOrganisation(&org));
                      org_ = org.id;
                      ASSIGN_OR_RETURN(asha_, AddContact(tx, "Asha", "asha@acme.in", "hi"));
                      ASSIGN_OR_RETURN(ravi_, AddContact(tx, "Ravi", "ravi@acme.in", "kn"));
                      ASSIGN_OR_RETURN(other_, AddContact(tx, "Meera", "meera@other.in", ""));
                      domain::Agent a;
                      a.workspace_id = ws_;
                      a.name = "Kavya";
                      a.email = "kavya@demo.in";
                      RETURN_IF_ERROR(tx.InsertAgent(&a));
                      agent_.workspace_id = ws_;
                      agent_.agent_id = a.id;
                      agent_.name = a.name;
                      return Status::Ok();
                    })
                    .ok());
  }

  Result<domain::Contact> AddContact(WriteTx& tx, const std::string& name, const std::string& email,
                                     const std::string& lang) {
    domain::Contact c;
    c.workspace_id = ws_;
    c.name = name;
    c.language = lang;
    c.identities.push_back({domain::Identity::Kind::kEmail, email});
    if (email.find("@acme.in") != std::string::npos) c.organisation_id = org_;
    c.created_at = c.updated_at = clock_.Now();
    RETURN_IF_ERROR(tx.InsertContact(&c));
    return c;
  }

  // An agent-made ticket for `requester` with a public reply and an internal note carrying
  // an attachment.
  Ticket MakeTicket(const domain::Contact& requester, const std::string& subject) {
    Ticket t;
    EXPECT_TRUE(store_
                    ->Write([&](WriteTx& tx) -> Status {
                      TicketCreate in;
                      in.subject = subject;
                      in.message.body = "first message";
                      in.requester.id = requester.id;
                      ASSIGN_OR_RETURN(t, tickets_.Create(tx, agent_, in));
                      NewMessage reply;
                      reply.body = "public answer";
                      RETURN_IF_ERROR(tickets_.AddMessage(tx, agent_, t.id, reply).status());
                      domain::Attachment att;
                      att.workspace_id = ws_;
                      att.filename = "secret.txt";
                      att.mime_type = "text/plain";
                      att.size = 3;
                      att.sha256 = std::string(64, 'b');
                      att.created_at = clock_.Now();
                      RETURN_IF_ERROR(tx.InsertAttachment(&att));
                      note_attachment_ = att.id;
                      NewMessage note;
                      note.body = "internal only: customer is difficult";
                      note.is_public = false;
                      note.attachment_ids = {att.id};
                      RETURN_IF_ERROR(tickets_.AddMessage(tx, agent_, t.id, note).status());
                      ASSIGN_OR_RETURN(t, tx.GetTicket(ws_, t.id));
                      return Status::Ok();
                    })
                    .ok());
    return t;
  }

  // The newest queued mail's sign-in token (from its text), or "".
  std::string LastLinkToken(int* mails = nullptr) {
    std::string token;
    int count = 0;
    EXPECT_TRUE(store_
                    ->Read([&](ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(auto page, tx.ListMailOutbox(ws_, "", {std::nullopt, 50}));
                      count = static_cast<int>(page.items.size());
                      if (page.items.empty()) return Status::Ok();
                      ASSIGN_OR_RETURN(QueuedMail q, DecodeQueuedMail(page.items.front().payload));
                      last_mail_ = q.mail;
                      last_kind_ = page.items.front().kind;
                      const std::string marker = "/portal/sign-in/";
                      size_t at = q.mail.text.find(marker);
                      if (at == std::string::npos) return Status::Ok();
                      at += marker.size();
                      size_t end = q.mail.text.find_first_of(" \n", at);
                      token = q.mail.text.substr(at, end - at);
                      return Status::Ok();
                    })
                    .ok());
    if (mails != nullptr) *mails = count;
    return token;
  }

  PortalCustomer SignIn(const domain::Contact& c) {
    EXPECT_TRUE(portal_
                    ->RequestSignInLink(ws_, c.First(domain::Identity::Kind::kEmail),
                                        "https://support.example.in", "en")
                    .ok());
    auto s = portal_->ConsumeSignInLink(ws_, LastLinkToken(), "127.0.0.1", "test");
    EXPECT_TRUE(s.ok()) << s.status().message();
    auto customer = portal_->Authenticate(s.ok() ? s->token : "");
    EXPECT_TRUE(customer.ok());
    return customer.ok() ? *customer : PortalCustomer{};
  }

  void SetAccess(domain::Contact* c, const std::string& access) {
    c->ticket_access = access;
    ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.UpdateContact(*c); }).ok());
  }

  testing::TempDir dir_;
  testing::FakeClock clock_{1'780'000'000'000};
  std::unique_ptr<store::SqliteStore> store_;
  TicketService tickets_{clock_};
  std::unique_ptr<PortalService> portal_;
  Principal agent_;
  Id ws_ = 0, org_ = 0, note_attachment_ = 0;
  domain::Contact asha_, ravi_, other_;
  domain::OutboundMail last_mail_;
  std::string last_kind_;
};

TEST_F(PortalServiceTest, SignInLinkGoesOnlyToKnownAddressesInTheirLanguage) {
  ASSERT_TRUE(portal_->RequestSignInLink(ws_, "nobody@nowhere.in", "https://x.in", "en").ok());
  int mails = -1;
  EXPECT_EQ(LastLinkToken(&mails), "");
  EXPECT_EQ(mails, 0);

  ASSERT_TRUE(portal_->RequestSignInLink(ws_, "  ASHA@acme.in ", "https://x.in/", "en").ok());
  const std::string token = LastLinkToken(&mails);
  EXPECT_EQ(mails, 1);
  EXPECT_GE(token.size(), 40u);
  EXPECT_EQ(last_kind_, "notification");
  ASSERT_EQ(last_mail_.to.size(), 1u);
  EXPECT_EQ(last_mail_.to[0].email, "asha@acme.in");
  EXPECT_NE(last_mail_.text.find("https://x.in/portal/sign-in/" + token), std::string::npos);
  // Asha reads Hindi.
  EXPECT_NE(last_mail_.subject.find("साइन इन"), std::string::npos) << last_mail_.subject;
}

TEST_F(PortalServiceTest, LinkWorksOnceAndOnlyFifteenMinutes) {
  ASSERT_TRUE(portal_->RequestSignInLink(ws_, "ravi@acme.in", "https://x.in", "en").ok());
  const std::string token = LastLinkToken();
  // Looking does not use it.
  EXPECT_TRUE(portal_->SignInLinkUsable(ws_, token));
  EXPECT_TRUE(portal_->SignInLinkUsable(ws_, token));
  auto first = portal_->ConsumeSignInLink(ws_, token, "1.2.3.4", "ua");
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(first->contact_id, ravi_.id);
  auto again = portal_->ConsumeSignInLink(ws_, token, "1.2.3.4", "ua");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().kind(), kPortalLinkInvalid);
  EXPECT_FALSE(portal_->SignInLinkUsable(ws_, token));

  ASSERT_TRUE(portal_->RequestSignInLink(ws_, "ravi@acme.in", "https://x.in", "en").ok());
  const std::string late = LastLinkToken();
  clock_.Advance(15 * 60 * 1000 + 1);
  auto expired = portal_->ConsumeSignInLink(ws_, late, "1.2.3.4", "ua");
  ASSERT_FALSE(expired.ok());
  EXPECT_EQ(expired.status().kind(), kPortalLinkInvalid);

  auto forged = portal_->ConsumeSignInLink(ws_, "forged-token-that-was-never-issued", "", "");
  ASSERT_FALSE(forged.ok());
  EXPECT_EQ(forged.status().kind(), kPortalLinkInvalid);
}

TEST_F(PortalServiceTest, LinkOpenedOnAnotherWorkspacesSiteIsRefusedAndNotUsedUp) {
  Id other_ws = 0;
  ASSERT_TRUE(store_
                  ->Write([&](WriteTx& tx) -> Status {
                    Workspace w;
                    w.name = "Other Brand";
                    RETURN_IF_ERROR(tx.InsertWorkspace(&w));
                    other_ws = w.id;
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_TRUE(portal_->RequestSignInLink(ws_, "ravi@acme.in", "https://x.in", "en").ok());
  const std::string token = LastLinkToken();
  ASSERT_FALSE(token.empty());
  EXPECT_FALSE(portal_->SignInLinkUsable(other_ws, token));
  auto elsewhere = portal_->ConsumeSignInLink(other_ws, token, "1.2.3.4", "ua");
  ASSERT_FALSE(elsewhere.ok());
  EXPECT_EQ(elsewhere.status().kind(), kPortalLinkInvalid);
  // Still usable where it belongs, once.
  EXPECT_TRUE(portal_->SignInLinkUsable(ws_, token));
  auto home = portal_->ConsumeSignInLink(ws_, token, "1.2.3.4", "ua");
  ASSERT_TRUE(home.ok()) << home.status().message();
  EXPECT_EQ(home->contact_id, ravi_.id);
  EXPECT_FALSE(portal_->ConsumeSignInLink(ws_, token, "1.2.3.4", "ua").ok());
}

TEST_F(PortalServiceTest, PasswordSignInAndSessions) {
  PortalCustomer asha = SignIn(asha_);
  EXPECT_EQ(asha.contact.id, asha_.id);
  EXPECT_FALSE(asha.csrf_token.empty());
  EXPECT_FALSE(*portal_->HasPassword(asha));
  EXPECT_FALSE(portal_->SetPassword(asha, "short").ok());
  ASSERT_TRUE(portal_->SetPassword(asha, "parcel-kab-aayega").ok());
  EXPECT_TRUE(*portal_->HasPassword(asha));

  auto wrong = portal_->SignInWithPassword(ws_, "asha@acme.in", "wrong-password", "", "");
  ASSERT_FALSE(wrong.ok());
  auto unknown = portal_->SignInWithPassword(ws_, "ghost@acme.in", "parcel-kab-aayega", "", "");
  ASSERT_FALSE(unknown.ok());
  // The same answer whether or not the address is known.
  EXPECT_EQ(wrong.status().kind(), kPortalSignInFailed);
  EXPECT_EQ(unknown.status().kind(), kPortalSignInFailed);
  EXPECT_EQ(wrong.status().message(), unknown.status().message());

  auto ok = portal_->SignInWithPassword(ws_, "Asha@Acme.in", "parcel-kab-aayega", "", "");
  ASSERT_TRUE(ok.ok());
  ASSERT_TRUE(portal_->Authenticate(ok->token).ok());
  ASSERT_TRUE(portal_->SignOut(ok->token).ok());
  EXPECT_EQ(portal_->Authenticate(ok->token).status().code(), Code::kUnauthenticated);

  // Idle for 30 days: the session is over.
  auto idle = portal_->SignInWithPassword(ws_, "asha@acme.in", "parcel-kab-aayega", "", "");
  ASSERT_TRUE(idle.ok());
  clock_.Advance(29LL * 24 * 3600 * 1000);
  ASSERT_TRUE(portal_->Authenticate(idle->token).ok());  // a visit moves the expiry on
  clock_.Advance(29LL * 24 * 3600 * 1000);
  ASSERT_TRUE(portal_->Authenticate(idle->token).ok());
  clock_.Advance(30LL * 24 * 3600 * 1000 + 1);
  EXPECT_FALSE(portal_->Authenticate(idle->token).ok());
}

TEST_F(PortalServiceTest, CustomersSeeOnlyTheirOwnTicketsUnlessOrganisationAccess) {
  Ticket ashas = MakeTicket(asha_, "Parcel late");
  Ticket meeras = MakeTicket(other_, "Invoice copy");
  PortalCustomer asha = SignIn(asha_);
  PortalCustomer ravi = SignIn(ravi_);
  PortalCustomer meera = SignIn(other_);

  auto list = portal_->ListTickets(asha);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(list->front().id, ashas.id);

  auto seen = portal_->GetTicket(asha, ashas.number);
  ASSERT_TRUE(seen.ok());
  ASSERT_EQ(seen->messages.size(), 2u);  // the note is not there
  for (const auto& m : seen->messages) {
    EXPECT_TRUE(m.is_public);
    EXPECT_EQ(m.body.find("internal only"), std::string::npos);
  }
  // Another customer's ticket does not exist for her, nor its files.
  EXPECT_EQ(portal_->GetTicket(asha, meeras.number).status().code(), Code::kNotFound);
  EXPECT_EQ(portal_->GetTicket(meera, ashas.number).status().code(), Code::kNotFound);
  EXPECT_EQ(portal_->GetTicket(asha, 9999).status().code(), Code::kNotFound);
  EXPECT_EQ(portal_->Reply(meera, ashas.number, "hi", {}).status().code(), Code::kNotFound);
  // Internal notes' files stay internal, even for the requester.
  EXPECT_EQ(portal_->VisibleAttachment(asha, note_attachment_).status().code(), Code::kNotFound);

  // A colleague at the same organisation: only with organisation access.
  EXPECT_TRUE(portal_->ListTickets(ravi)->empty());
  EXPECT_EQ(portal_->GetTicket(ravi, ashas.number).status().code(), Code::kNotFound);
  SetAccess(&ravi_, "organization");
  ravi = SignIn(ravi_);
  EXPECT_EQ(ravi.contact.ticket_access, "organization");
  auto org_list = portal_->ListTickets(ravi);
  ASSERT_TRUE(org_list.ok());
  ASSERT_EQ(org_list->size(), 1u);
  EXPECT_EQ(org_list->front().id, ashas.id);
  EXPECT_TRUE(portal_->GetTicket(ravi, ashas.number).ok());
  // Organisation access does not reach other organisations' tickets.
  EXPECT_EQ(portal_->GetTicket(ravi, meeras.number).status().code(), Code::kNotFound);
}

TEST_F(PortalServiceTest, ReplyIsAPublicMessageFromTheCustomerAndReopens) {
  Ticket t = MakeTicket(asha_, "Parcel late");
  ASSERT_TRUE(store_
                  ->Write([&](WriteTx& tx) -> Status {
                    TicketPatch p;
                    p.status = domain::TicketStatus::kSolved;
                    return tickets_.Update(tx, agent_, t.id, p, std::nullopt).status();
                  })
                  .ok());
  PortalCustomer asha = SignIn(asha_);
  EXPECT_FALSE(portal_->Reply(asha, t.number, "   ", {}).ok());
  auto m = portal_->Reply(asha, t.number, "अभी तक नहीं आया", {});
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_TRUE(m->is_public);
  EXPECT_EQ(m->author_kind, domain::Actor::Kind::kContact);
  EXPECT_EQ(m->author_id, asha_.id);
  EXPECT_EQ(m->channel, domain::Channel::kPortal);
  auto after = portal_->GetTicket(asha, t.number);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->ticket.status, domain::TicketStatus::kOpen);
  EXPECT_EQ(after->messages.back().body, "अभी तक नहीं आया");
}

TEST_F(PortalServiceTest, NewRequestIsAPortalTicketOfTheCustomer) {
  PortalCustomer ravi = SignIn(ravi_);
  PortalRequest r;
  r.subject = "ಪಾರ್ಸೆಲ್ ಎಲ್ಲಿದೆ?";
  r.body = "AWB 123";
  r.topic = "Shipping";
  EXPECT_FALSE(portal_->CreateTicket(ravi, PortalRequest{"", "body", "", {}, {}}).ok());
  auto t = portal_->CreateTicket(ravi, r);
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ(t->channel, domain::Channel::kPortal);
  EXPECT_EQ(t->requester_id, ravi_.id);
  auto seen = portal_->GetTicket(ravi, t->number);
  ASSERT_TRUE(seen.ok());
  ASSERT_EQ(seen->messages.size(), 1u);
  EXPECT_EQ(seen->messages[0].author_kind, domain::Actor::Kind::kContact);
  // Asha (own access) does not see her colleague's request.
  PortalCustomer asha = SignIn(asha_);
  EXPECT_EQ(portal_->GetTicket(asha, t->number).status().code(), Code::kNotFound);
}

TEST_F(PortalServiceTest, InvitationNeedsAnEmailAddress) {
  Principal admin = agent_;
  auto sent = portal_->InviteContact(admin, ravi_.id, "https://x.in");
  ASSERT_TRUE(sent.ok());
  EXPECT_EQ(*sent, "ravi@acme.in");
  EXPECT_FALSE(LastLinkToken().empty());
  EXPECT_NE(last_mail_.subject.find("ಸೈನ್ ಇನ್"), std::string::npos) << last_mail_.subject;
  domain::Contact phone_only;
  ASSERT_TRUE(
      store_
          ->Write([&](WriteTx& tx) -> Status {
            phone_only.workspace_id = ws_;
            phone_only.name = "Phone";
            phone_only.identities.push_back({domain::Identity::Kind::kPhone, "+919845012345"});
            return tx.InsertContact(&phone_only);
          })
          .ok());
  auto none = portal_->InviteContact(admin, phone_only.id, "https://x.in");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().kind(), "no-email");
  EXPECT_EQ(portal_->InviteContact(admin, 99999, "https://x.in").status().code(), Code::kNotFound);
}

}  // namespace
}  // namespace sahayak::services
