// MailIngestService on a real SQLite store, a real blob folder and a fake clock: every
// threading rule, the negative ones included.
#include "services/mail/ingest_service.h"

#include <gtest/gtest.h>

#include "store/file_blob_store.h"
#include "store/sqlite/sqlite_store.h"
#include "testing/fake_clock.h"
#include "testing/temp_dir.h"

namespace sahayak::services {
namespace {

using domain::InboundMail;
using domain::MailKind;
using domain::TicketStatus;
using Outcome = IngestResult::Outcome;

class MailIngestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store::SqliteStoreOptions o;
    o.path = dir_.path() + "/t.db";
    o.synchronous_full = false;
    store_ = std::move(store::SqliteStore::Open(o)).value();
    ASSERT_TRUE(store_
                    ->Write([&](WriteTx& tx) -> Status {
                      Workspace w;
                      w.name = "Demo";
                      RETURN_IF_ERROR(tx.InsertWorkspace(&w));
                      ws_ = w.id;
                      who_.workspace_id = w.id;
                      domain::Agent a;
                      a.workspace_id = w.id;
                      a.name = "Kavya";
                      a.email = "kavya@example.in";
                      RETURN_IF_ERROR(tx.InsertAgent(&a));
                      who_.agent_id = a.id;
                      who_.name = a.name;
                      for (const char* name : {"Shipping", "Accounts"}) {
                        domain::Group g;
                        g.workspace_id = w.id;
                        g.name = name;
                        RETURN_IF_ERROR(tx.InsertGroup(&g));
                        groups_.push_back(g.id);
                      }
                      return Status::Ok();
                    })
                    .ok());
  }

  static InboundMail Mail(const std::string& from, const std::string& subject,
                          const std::string& message_id, const std::string& text = "Hello") {
    InboundMail m;
    m.message_id = message_id;
    m.from = {"Ravi Kumar", from};
    m.to = {{"Support", "support@sahayak.test"}};
    m.subject = subject;
    m.text = text;
    return m;
  }

  Result<IngestResult> Deliver(const InboundMail& m, const std::string& raw = "",
                               const InboundMailbox& box = {}) {
    std::string bytes = raw.empty() ? "Message-ID: <" + m.message_id +
                                          ">\r\nSubject: " + m.subject + "\r\n\r\n" + m.text
                                    : raw;
    IngestResult r;
    Status st = store_->Write([&](WriteTx& tx) -> Status {
      ASSIGN_OR_RETURN(r, ingest_.Ingest(tx, ws_, box, m, bytes));
      return Status::Ok();
    });
    if (!st.ok()) return st;
    return r;
  }

  IngestResult MustDeliver(const InboundMail& m, const std::string& raw = "",
                           const InboundMailbox& box = {}) {
    auto r = Deliver(m, raw, box);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : IngestResult{};
  }

  domain::Ticket Ticket(Id id) {
    domain::Ticket t;
    EXPECT_TRUE(store_
                    ->Read([&](ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(t, tx.GetTicket(ws_, id));
                      return Status::Ok();
                    })
                    .ok());
    return t;
  }

  std::vector<domain::Message> Messages(Id ticket_id) {
    std::vector<domain::Message> out;
    EXPECT_TRUE(
        store_
            ->Read([&](ReadTx& tx) -> Status {
              ASSIGN_OR_RETURN(auto page, tx.ListMessages(ws_, ticket_id, {std::nullopt, 100}));
              out = std::move(page.items);
              return Status::Ok();
            })
            .ok());
    return out;
  }

  int64_t TicketCount() {
    int64_t n = 0;
    EXPECT_TRUE(store_
                    ->Read([&](ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(n, tx.CountTickets(ws_));
                      return Status::Ok();
                    })
                    .ok());
    return n;
  }

  void SetStatus(Id ticket_id, TicketStatus s) {
    TicketPatch p;
    p.status = s;
    ASSERT_TRUE(store_
                    ->Write([&](WriteTx& tx) -> Status {
                      return tickets_.Update(tx, who_, ticket_id, p, std::nullopt).status();
                    })
                    .ok());
  }

  sahayak::testing::TempDir dir_;
  sahayak::testing::FakeClock clock_;
  std::unique_ptr<store::SqliteStore> store_;
  store::FileBlobStore blobs_{dir_.path() + "/blobs"};
  TicketService tickets_{clock_};
  MailIngestService ingest_{tickets_, blobs_, clock_};
  Principal who_;
  Id ws_ = 0;
  std::vector<Id> groups_;
};

TEST_F(MailIngestTest, NewMailOpensATicketAsAnAgentExpects) {
  InboundMail m = Mail("Ravi.Kumar@Example.IN", "पार्सल नहीं मिला", "first@mail.example.in",
                       "मेरा पार्सल अभी तक नहीं आया।");
  m.html =
      "<p>मेरा पार्सल <b>अभी तक</b> नहीं आया।<script>alert(1)</script>"
      "<img src=\"cid:logo@x\"></p>";
  m.parts.push_back(
      {"रसीद.pdf", "application/pdf", "", false, "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"});
  m.parts.push_back({"logo.png", "image/png", "logo@x", true, "\x89PNG\r\n\x1a\nfake"});
  m.authentication_results = "mx.example.in; spf=pass; dkim=pass";
  IngestResult r = MustDeliver(m);
  ASSERT_EQ(r.outcome, Outcome::kCreated) << r.reason;
  EXPECT_EQ(r.threaded_by, "new");
  EXPECT_EQ(Describe(r), "ticket #1 created");

  domain::Ticket t = Ticket(*r.ticket_id);
  EXPECT_EQ(t.subject, "पार्सल नहीं मिला");
  EXPECT_EQ(t.channel, domain::Channel::kEmail);
  EXPECT_EQ(t.status, TicketStatus::kNew);
  EXPECT_EQ(t.language, "hi");
  EXPECT_EQ(t.group_id, groups_.front()) << "no mailbox group: the first group";
  ASSERT_TRUE(store_
                  ->Read([&](ReadTx& tx) -> Status {
                    ASSIGN_OR_RETURN(auto c, tx.GetContact(ws_, t.requester_id));
                    EXPECT_EQ(c.name, "Ravi Kumar");
                    EXPECT_EQ(c.First(domain::Identity::Kind::kEmail), "ravi.kumar@example.in");
                    ASSIGN_OR_RETURN(auto rec, tx.FindMailMessage(ws_, "first@mail.example.in"));
                    EXPECT_EQ(rec.ticket_id, t.id);
                    EXPECT_EQ(rec.direction, "in");
                    return Status::Ok();
                  })
                  .ok());

  auto msgs = Messages(t.id);
  ASSERT_EQ(msgs.size(), 1u);
  const auto& msg = msgs[0];
  EXPECT_TRUE(msg.is_public);
  EXPECT_EQ(msg.author_kind, domain::Actor::Kind::kContact);
  EXPECT_EQ(msg.author_id, t.requester_id);
  EXPECT_EQ(msg.body, "मेरा पार्सल अभी तक नहीं आया।");
  EXPECT_EQ(msg.html.find("script"), std::string::npos) << msg.html;
  EXPECT_EQ(msg.html.find("cid:"), std::string::npos) << msg.html;
  ASSERT_EQ(msg.attachments.size(), 3u);
  EXPECT_EQ(msg.attachments[0].filename, "original.eml");
  EXPECT_EQ(msg.attachments[0].mime_type, "message/rfc822");
  EXPECT_EQ(msg.attachments[1].filename, "रसीद.pdf");
  EXPECT_EQ(msg.attachments[1].mime_type, "application/pdf");
  const Id logo = msg.attachments[2].id;
  EXPECT_NE(msg.html.find("/api/v1/attachments/" + std::to_string(logo) + "/content"),
            std::string::npos)
      << msg.html;
  const auto& email = msg.channel_meta["email"];
  EXPECT_EQ(email["message_id"], "first@mail.example.in");
  EXPECT_EQ(email["from"]["email"], "Ravi.Kumar@Example.IN");
  EXPECT_EQ(email["to"][0]["email"], "support@sahayak.test");
  EXPECT_EQ(email["threaded_by"], "new");
  EXPECT_EQ(email["kind"], "normal");
  EXPECT_EQ(email["authentication_results"], "mx.example.in; spf=pass; dkim=pass");
  EXPECT_FALSE(email["thread_reason"].get<std::string>().empty());
  auto blob = blobs_.Get(msg.attachments[0].sha256);
  ASSERT_TRUE(blob.ok());
  EXPECT_NE(blob->find("Message-ID: <first@mail.example.in>"), std::string::npos);
}

TEST_F(MailIngestTest, GuessesKannadaAndLeavesEnglishToTheDefault) {
  auto kn = MustDeliver(Mail("a@example.in", "ಪಾರ್ಸೆಲ್", "kn@x", "ನನ್ನ ಪಾರ್ಸೆಲ್ ಇನ್ನೂ ಬಂದಿಲ್ಲ"));
  EXPECT_EQ(Ticket(*kn.ticket_id).language, "kn");
  auto en = MustDeliver(Mail("b@example.in", "Parcel", "en@x", "My parcel has not come"));
  EXPECT_EQ(Ticket(*en.ticket_id).language, "");
}

TEST_F(MailIngestTest, ReplyByInReplyToReopensAPendingTicket) {
  auto first = MustDeliver(Mail("ravi@example.in", "Parcel late", "a1@example.in"));
  SetStatus(*first.ticket_id, TicketStatus::kPending);
  InboundMail reply =
      Mail("ravi@example.in", "Something else entirely", "a2@example.in", "Still waiting");
  reply.in_reply_to = "a1@example.in";
  auto r = MustDeliver(reply);
  EXPECT_EQ(r.outcome, Outcome::kReplied);
  EXPECT_EQ(r.ticket_id, first.ticket_id);
  EXPECT_EQ(r.threaded_by, "in-reply-to");
  EXPECT_EQ(r.reason, "threaded by In-Reply-To <a1@example.in>");
  EXPECT_EQ(Describe(r), "reply added to ticket #1 (threaded by In-Reply-To <a1@example.in>)");
  EXPECT_EQ(Ticket(*first.ticket_id).status, TicketStatus::kOpen);
  auto msgs = Messages(*first.ticket_id);
  ASSERT_EQ(msgs.size(), 2u);
  EXPECT_TRUE(msgs[1].is_public);
  EXPECT_EQ(msgs[1].author_kind, domain::Actor::Kind::kContact);
  EXPECT_EQ(msgs[1].channel_meta["email"]["threaded_by"], "in-reply-to");
  EXPECT_EQ(TicketCount(), 1);
}

TEST_F(MailIngestTest, ReplyByReferencesAlsoFromAColleague) {
  auto first = MustDeliver(Mail("ravi@example.in", "Parcel late", "b1@example.in"));
  SetStatus(*first.ticket_id, TicketStatus::kSolved);
  InboundMail reply = Mail("colleague@example.in", "Re: Parcel late", "b2@example.in");
  reply.in_reply_to = "unknown@elsewhere";
  reply.references = {"b1@example.in", "unknown@elsewhere"};
  auto r = MustDeliver(reply);
  EXPECT_EQ(r.outcome, Outcome::kReplied);
  EXPECT_EQ(r.ticket_id, first.ticket_id);
  EXPECT_EQ(r.threaded_by, "references");
  EXPECT_EQ(Ticket(*first.ticket_id).status, TicketStatus::kOpen) << "solved reopens";
  auto msgs = Messages(*first.ticket_id);
  ASSERT_EQ(msgs.size(), 2u);
  EXPECT_NE(msgs[1].author_id, msgs[0].author_id) << "the colleague is their own contact";
}

TEST_F(MailIngestTest, SubjectTokenFromTheRequesterThreads) {
  auto first = MustDeliver(Mail("ravi@example.in", "Parcel late", "c1@example.in"));
  auto r = MustDeliver(Mail("RAVI@example.in", "Re: [#1] new subject", "c2@example.in"));
  EXPECT_EQ(r.outcome, Outcome::kReplied);
  EXPECT_EQ(r.ticket_id, first.ticket_id);
  EXPECT_EQ(r.threaded_by, "subject-token");
}

TEST_F(MailIngestTest, SubjectTokenFromAStrangerOpensANewTicket) {
  auto first = MustDeliver(Mail("ravi@example.in", "Parcel late", "d1@example.in"));
  auto r = MustDeliver(Mail("mallory@evil.example", "Re: [#1] Parcel late", "d2@example.in"));
  EXPECT_EQ(r.outcome, Outcome::kCreated);
  EXPECT_NE(r.ticket_id, first.ticket_id);
  EXPECT_EQ(r.threaded_by, "new");
  EXPECT_NE(r.reason.find("[#1]"), std::string::npos) << r.reason;
  EXPECT_NE(r.reason.find("not followed"), std::string::npos) << r.reason;
  EXPECT_EQ(Messages(*first.ticket_id).size(), 1u) << "nothing was added to #1";
  auto msgs = Messages(*r.ticket_id);
  ASSERT_EQ(msgs.size(), 1u);
  EXPECT_EQ(msgs[0].channel_meta["email"]["thread_reason"], r.reason);
}

TEST_F(MailIngestTest, SubjectTokenFromSomeoneCopiedOnTheTicketThreads) {
  InboundMail m = Mail("ravi@example.in", "Parcel late", "e1@example.in");
  m.cc = {{"Meena", "meena@example.in"}};
  auto first = MustDeliver(m);
  auto r = MustDeliver(Mail("meena@example.in", "Re: [#1] Parcel late", "e2@example.in"));
  EXPECT_EQ(r.outcome, Outcome::kReplied);
  EXPECT_EQ(r.ticket_id, first.ticket_id);
}

TEST_F(MailIngestTest, PlusAddressThreadsOnlyForPeopleOnTheTicket) {
  InboundMailbox box;  // by field: the struct grows
  box.name = "support";
  box.address = "support@sahayak.test";
  auto first = MustDeliver(Mail("ravi@example.in", "Parcel late", "f1@example.in"), "", box);
  InboundMail reply = Mail("ravi@example.in", "other words", "f2@example.in");
  reply.to = {{"", "support+t1@sahayak.test"}};
  auto r = MustDeliver(reply, "", box);
  EXPECT_EQ(r.outcome, Outcome::kReplied);
  EXPECT_EQ(r.ticket_id, first.ticket_id);
  EXPECT_EQ(r.threaded_by, "plus-address");

  InboundMail stranger = Mail("mallory@evil.example", "other words", "f3@example.in");
  stranger.to = {{"", "support+t1@sahayak.test"}};
  auto s = MustDeliver(stranger, "", box);
  EXPECT_EQ(s.outcome, Outcome::kCreated);
  EXPECT_NE(s.ticket_id, first.ticket_id);

  InboundMail elsewhere = Mail("ravi@example.in", "unrelated", "f4@example.in");
  elsewhere.cc = {{"", "sales+t1@other.example"}};
  auto e = MustDeliver(elsewhere, "", box);
  EXPECT_EQ(e.outcome, Outcome::kCreated) << "another mailbox's plus-address does not count";
}

TEST_F(MailIngestTest, SameSenderAndSubjectThreadsOntoTheirRecentTicket) {
  auto first = MustDeliver(Mail("ravi@example.in", "Parcel late", "g1@example.in"));
  clock_.Advance(2 * kDay);
  auto r = MustDeliver(Mail("ravi@example.in", "RE: parcel  LATE", "g2@example.in"));
  EXPECT_EQ(r.outcome, Outcome::kReplied);
  EXPECT_EQ(r.ticket_id, first.ticket_id);
  EXPECT_EQ(r.threaded_by, "sender-subject");
}

TEST_F(MailIngestTest, NeverJoinsTwoSendersBySubjectAlone) {
  auto first = MustDeliver(Mail("ravi@example.in", "Parcel late", "h1@example.in"));
  auto r = MustDeliver(Mail("asha@example.in", "Re: Parcel late", "h2@example.in"));
  EXPECT_EQ(r.outcome, Outcome::kCreated);
  EXPECT_NE(r.ticket_id, first.ticket_id);
}

TEST_F(MailIngestTest, SubjectFallbackNeedsARecentTicketThatIsNotClosed) {
  auto first = MustDeliver(Mail("ravi@example.in", "Parcel late", "i1@example.in"));
  clock_.Advance(8 * kDay);
  auto old = MustDeliver(Mail("ravi@example.in", "Re: Parcel late", "i2@example.in"));
  EXPECT_EQ(old.outcome, Outcome::kCreated) << "updated more than 7 days ago";

  SetStatus(*old.ticket_id, TicketStatus::kSolved);
  SetStatus(*old.ticket_id, TicketStatus::kClosed);
  auto r = MustDeliver(Mail("ravi@example.in", "Re: Parcel late", "i3@example.in"));
  EXPECT_EQ(r.outcome, Outcome::kCreated) << "closed tickets are not candidates";
  EXPECT_FALSE(r.follow_up_of);
  EXPECT_EQ(TicketCount(), 3);
}

TEST_F(MailIngestTest, ReplyToAClosedTicketOpensAFollowUp) {
  auto first = MustDeliver(Mail("ravi@example.in", "Parcel late", "j1@example.in"));
  SetStatus(*first.ticket_id, TicketStatus::kSolved);
  SetStatus(*first.ticket_id, TicketStatus::kClosed);
  InboundMail reply = Mail("ravi@example.in", "Re: Parcel late", "j2@example.in");
  reply.in_reply_to = "j1@example.in";
  auto r = MustDeliver(reply);
  EXPECT_EQ(r.outcome, Outcome::kCreated);
  EXPECT_NE(r.ticket_id, first.ticket_id);
  EXPECT_EQ(r.follow_up_of, 1);
  EXPECT_EQ(Describe(r), "ticket #2 created (follow-up of closed #1)");
  auto msgs = Messages(*r.ticket_id);
  ASSERT_EQ(msgs.size(), 1u);
  EXPECT_EQ(msgs[0].channel_meta["email"]["follow_up_of"]["number"], 1);
  EXPECT_NE(r.reason.find("follow-up of #1"), std::string::npos) << r.reason;
  EXPECT_EQ(Messages(*first.ticket_id).size(), 1u);
}

TEST_F(MailIngestTest, MailToAMergedTicketLandsOnTheSurvivor) {
  auto a = MustDeliver(Mail("ravi@example.in", "Parcel late", "k1@example.in"));
  auto b = MustDeliver(Mail("ravi@example.in", "Invoice", "k2@example.in"));
  ASSERT_TRUE(store_
                  ->Write([&](WriteTx& tx) -> Status {
                    return tickets_.Merge(tx, who_, *a.ticket_id, *b.ticket_id).status();
                  })
                  .ok());
  InboundMail reply = Mail("ravi@example.in", "Re: Parcel late", "k3@example.in");
  reply.in_reply_to = "k1@example.in";
  auto r = MustDeliver(reply);
  EXPECT_EQ(r.outcome, Outcome::kReplied);
  EXPECT_EQ(r.ticket_id, b.ticket_id);
  EXPECT_NE(r.reason.find("#1 was merged into #2"), std::string::npos) << r.reason;

  auto token = MustDeliver(Mail("ravi@example.in", "[#1] more", "k4@example.in"));
  EXPECT_EQ(token.ticket_id, b.ticket_id);
}

TEST_F(MailIngestTest, ADuplicateMessageIdWritesNothing) {
  InboundMail m = Mail("ravi@example.in", "Parcel late", "dup@example.in");
  auto first = MustDeliver(m);
  auto again = MustDeliver(m);
  EXPECT_EQ(again.outcome, Outcome::kDuplicate);
  EXPECT_EQ(again.ticket_id, first.ticket_id);
  EXPECT_EQ(Describe(again), "duplicate of <dup@example.in>, already on ticket #1");
  EXPECT_EQ(TicketCount(), 1);
  EXPECT_EQ(Messages(*first.ticket_id).size(), 1u);
  int64_t events = 0;
  ASSERT_TRUE(store_
                  ->Read([&](ReadTx& tx) -> Status {
                    ASSIGN_OR_RETURN(auto page, tx.ListAuditEvents(ws_, {}, {std::nullopt, 100}));
                    events = static_cast<int64_t>(page.items.size());
                    return Status::Ok();
                  })
                  .ok());
  auto third = MustDeliver(m);
  EXPECT_EQ(third.outcome, Outcome::kDuplicate);
  ASSERT_TRUE(store_
                  ->Read([&](ReadTx& tx) -> Status {
                    ASSIGN_OR_RETURN(auto page, tx.ListAuditEvents(ws_, {}, {std::nullopt, 100}));
                    EXPECT_EQ(static_cast<int64_t>(page.items.size()), events);
                    return Status::Ok();
                  })
                  .ok());
}

TEST_F(MailIngestTest, MailWithoutMessageIdDedupesByItsBytes) {
  InboundMail m = Mail("ravi@example.in", "Parcel late", "");
  auto first = MustDeliver(m, "From: ravi@example.in\r\nSubject: Parcel late\r\n\r\nHello");
  EXPECT_EQ(first.outcome, Outcome::kCreated);
  EXPECT_NE(first.mail_message_id.find("@sahayak.invalid"), std::string::npos);
  auto again = MustDeliver(m, "From: ravi@example.in\r\nSubject: Parcel late\r\n\r\nHello");
  EXPECT_EQ(again.outcome, Outcome::kDuplicate);
  EXPECT_EQ(TicketCount(), 1);
}

TEST_F(MailIngestTest, ABounceBecomesANoteOnTheTicketOfTheBouncedMail) {
  auto first = MustDeliver(Mail("ravi@example.in", "Parcel late", "l1@example.in"));
  SetStatus(*first.ticket_id, TicketStatus::kPending);
  InboundMail bounce = Mail("MAILER-DAEMON@mx.example.in", "Undelivered Mail Returned to Sender",
                            "l2@mx.example.in", "This is the mail system.");
  bounce.kind = MailKind::kBounce;
  bounce.delivery_status = domain::DeliveryStatus{"ravi@example.in", "failed", "5.1.1",
                                                  "smtp; 550 5.1.1 user unknown", "l1@example.in"};
  auto r = MustDeliver(bounce);
  EXPECT_EQ(r.outcome, Outcome::kNoted);
  EXPECT_EQ(r.ticket_id, first.ticket_id);
  EXPECT_EQ(r.threaded_by, "delivery-status");
  EXPECT_EQ(Ticket(*first.ticket_id).status, TicketStatus::kPending) << "never reopens";
  auto msgs = Messages(*first.ticket_id);
  ASSERT_EQ(msgs.size(), 2u);
  EXPECT_FALSE(msgs[1].is_public);
  EXPECT_EQ(msgs[1].author_kind, domain::Actor::Kind::kSystem);
  EXPECT_EQ(msgs[1].body, "Delivery to ravi@example.in failed: 5.1.1 smtp; 550 5.1.1 user unknown");
  EXPECT_EQ(msgs[1].channel_meta["email"]["kind"], "bounce");
  EXPECT_EQ(TicketCount(), 1);
}

TEST_F(MailIngestTest, AutomaticMailDoesNotMakeItsSenderAParticipant) {
  auto first = MustDeliver(Mail("ravi@example.in", "Parcel late", "r1@example.in"));
  InboundMail bounce = Mail("mailer-daemon@mx.example.in", "Undelivered", "r2@mx.example.in");
  bounce.kind = MailKind::kBounce;
  bounce.in_reply_to = "r1@example.in";
  ASSERT_EQ(MustDeliver(bounce).outcome, Outcome::kNoted);
  auto r = MustDeliver(Mail("mailer-daemon@mx.example.in", "[#1] hello", "r3@mx.example.in"));
  EXPECT_EQ(r.outcome, Outcome::kCreated);
  EXPECT_NE(r.ticket_id, first.ticket_id);
}

TEST_F(MailIngestTest, ABounceOfAnUnknownMailIsDropped) {
  InboundMail bounce = Mail("MAILER-DAEMON@mx.example.in", "Undelivered", "m1@mx.example.in");
  bounce.kind = MailKind::kBounce;
  bounce.delivery_status =
      domain::DeliveryStatus{"x@example.in", "failed", "5.1.1", "", "never-seen@example.in"};
  auto r = MustDeliver(bounce);
  EXPECT_EQ(r.outcome, Outcome::kDropped);
  EXPECT_EQ(TicketCount(), 0);
  EXPECT_EQ(Describe(r).rfind("dropped: ", 0), 0u) << Describe(r);
}

TEST_F(MailIngestTest, AnAutoReplyIsANoteThatNeverReopens) {
  auto first = MustDeliver(Mail("ravi@example.in", "Parcel late", "n1@example.in"));
  SetStatus(*first.ticket_id, TicketStatus::kSolved);
  InboundMail ooo = Mail("ravi@example.in", "Out of office: Parcel late", "n2@example.in",
                         "I am away until Monday.");
  ooo.kind = MailKind::kAutoReply;
  ooo.in_reply_to = "n1@example.in";
  auto r = MustDeliver(ooo);
  EXPECT_EQ(r.outcome, Outcome::kNoted);
  EXPECT_EQ(Ticket(*first.ticket_id).status, TicketStatus::kSolved);
  auto msgs = Messages(*first.ticket_id);
  ASSERT_EQ(msgs.size(), 2u);
  EXPECT_FALSE(msgs[1].is_public);
  EXPECT_NE(msgs[1].body.find("I am away until Monday."), std::string::npos);
}

TEST_F(MailIngestTest, AnAutoReplyThatThreadsNowhereIsIgnored) {
  InboundMail ooo = Mail("someone@example.in", "Automatic reply", "o1@example.in");
  ooo.kind = MailKind::kAutoReply;
  auto r = MustDeliver(ooo);
  EXPECT_EQ(r.outcome, Outcome::kIgnored);
  EXPECT_EQ(Describe(r), "ignored: auto-reply without a ticket");
  EXPECT_EQ(TicketCount(), 0);
}

TEST_F(MailIngestTest, BulkMailIsTaggedBulk) {
  InboundMail m = Mail("news@shop.example", "Diwali offers", "p1@shop.example");
  m.kind = MailKind::kBulk;
  auto r = MustDeliver(m);
  EXPECT_EQ(r.outcome, Outcome::kCreated);
  EXPECT_EQ(Ticket(*r.ticket_id).tags, std::vector<std::string>{"bulk"});
}

TEST_F(MailIngestTest, BrokenMailStillBecomesATicket) {
  InboundMail m;
  m.from = {"Nobody \x01", "not an address"};
  m.subject = "  ";
  m.text = "";
  m.html = "";
  auto r = MustDeliver(m, "garbage bytes but still a mail");
  ASSERT_EQ(r.outcome, Outcome::kCreated);
  domain::Ticket t = Ticket(*r.ticket_id);
  EXPECT_EQ(t.subject, "(no subject)");
  auto msgs = Messages(t.id);
  ASSERT_EQ(msgs.size(), 1u);
  EXPECT_EQ(msgs[0].attachments.size(), 1u) << "original.eml";
  ASSERT_TRUE(store_
                  ->Read([&](ReadTx& tx) -> Status {
                    ASSIGN_OR_RETURN(auto c, tx.GetContact(ws_, t.requester_id));
                    EXPECT_EQ(c.name, "Nobody");
                    return Status::Ok();
                  })
                  .ok());
}

TEST_F(MailIngestTest, MailboxGroupAndLimits) {
  InboundMailbox box;  // by field: the struct grows
  box.name = "accounts";
  box.address = "accounts@sahayak.test";
  box.group_id = groups_[1];
  InboundMail m =
      Mail("ravi@example.in", std::string(600, 'x'), "q1@example.in", std::string(700 * 1024, 'y'));
  auto r = MustDeliver(m, "", box);
  ASSERT_EQ(r.outcome, Outcome::kCreated);
  domain::Ticket t = Ticket(*r.ticket_id);
  EXPECT_EQ(t.group_id, groups_[1]);
  EXPECT_EQ(t.subject.size(), domain::kMaxSubjectChars);
  auto msgs = Messages(t.id);
  ASSERT_EQ(msgs.size(), 1u);
  EXPECT_LE(msgs[0].body.size() + msgs[0].html.size(), domain::kMaxMessageBytes);
  EXPECT_NE(msgs[0].body.find("original.eml"), std::string::npos);
  EXPECT_EQ(msgs[0].channel_meta["email"]["mailbox"], "accounts");
}

TEST_F(MailIngestTest, AuthenticationVerdictsAndSpoofingWarningsAreStored) {
  InboundMailbox box;  // by field: the struct grows
  box.name = "support";
  box.address = "support@sahayak.test";
  InboundMail m = Mail("x@evil.test", "Your account", "spoof1@evil.test");
  m.from.name = "support@sahayak.test via Helpdesk";
  m.reply_to = domain::MailAddress{"", "collect@elsewhere.test"};
  m.html = "<p>Verify <img src=\"https://evil.test/p.png\" alt=\"logo\"></p>"
           "<div class=\"gmail_quote\">On Mon, Asha wrote:<blockquote>old</blockquote></div>";
  m.authentication_results =
      "mx.sahayak.test; spf=fail (sender IP is 203.0.113.9) smtp.mailfrom=evil.test; "
      "dkim=none (message not signed); dmarc=fail (p=reject dis=reject) header.from=evil.test";
  auto r = MustDeliver(m, "", box);
  ASSERT_EQ(r.outcome, Outcome::kCreated) << r.reason;
  auto msgs = Messages(*r.ticket_id);
  ASSERT_EQ(msgs.size(), 1u);
  const auto& email = msgs[0].channel_meta["email"];
  EXPECT_EQ(email["auth"], nlohmann::json({{"spf", "fail"},
                                           {"spf_domain", "evil.test"},
                                           {"dkim", "none"},
                                           {"dmarc", "fail"},
                                           {"dmarc_domain", "evil.test"},
                                           {"authserv_id", "mx.sahayak.test"}}));
  EXPECT_EQ(email["warnings"],
            nlohmann::json({"dmarc_fail", "display_name_address", "reply_to_domain"}));
  EXPECT_EQ(email["authentication_results"], m.authentication_results) << "the raw header stays";
  EXPECT_EQ(email["reply_to"]["email"], "collect@elsewhere.test");
  // Display-only markers: the image is not fetched until an agent asks, the quote folds.
  EXPECT_NE(msgs[0].html.find("data-remote-src=\"https://evil.test/p.png\""), std::string::npos)
      << msgs[0].html;
  EXPECT_EQ(msgs[0].html.find(" src="), std::string::npos) << msgs[0].html;
  EXPECT_NE(msgs[0].html.find("data-sahayak-quote=\"1\""), std::string::npos) << msgs[0].html;
  EXPECT_NE(msgs[0].html.find("<blockquote>old</blockquote>"), std::string::npos)
      << "the quoted text is kept whole";
}

TEST_F(MailIngestTest, MailWithoutAuthenticationResultsHasNoVerdictsOrWarnings) {
  InboundMail m = Mail("asha@example.in", "Refund", "plain1@example.in");
  m.from.name = "Asha Rao";
  auto r = MustDeliver(m);
  ASSERT_EQ(r.outcome, Outcome::kCreated) << r.reason;
  const auto msgs = Messages(*r.ticket_id);
  ASSERT_EQ(msgs.size(), 1u);
  const auto& email = msgs[0].channel_meta["email"];
  EXPECT_FALSE(email.contains("auth")) << email.dump();
  EXPECT_FALSE(email.contains("warnings")) << email.dump();
}

TEST_F(MailIngestTest, ALookalikeOfOurOwnDomainIsFlagged) {
  InboundMailbox box;  // by field: the struct grows
  box.name = "support";
  box.address = "support@acmeparcels.in";
  InboundMail m = Mail("billing@acrneparcels.in", "Invoice", "look1@acrneparcels.in");
  m.authentication_results = "mx.acmeparcels.in; spf=pass smtp.mailfrom=acrneparcels.in; "
                             "dkim=pass header.d=acrneparcels.in; dmarc=pass header.from=acrneparcels.in";
  auto r = MustDeliver(m, "", box);
  ASSERT_EQ(r.outcome, Outcome::kCreated) << r.reason;
  const auto msgs = Messages(*r.ticket_id);
  ASSERT_EQ(msgs.size(), 1u);
  const auto& email = msgs[0].channel_meta["email"];
  EXPECT_EQ(email["auth"]["dmarc"], "pass");
  EXPECT_EQ(email["warnings"], nlohmann::json({"lookalike_own_domain"}));
}

}  // namespace
}  // namespace sahayak::services
