// MailOutboundService on a real SQLite store with the real ingest: what an agent's reply and an
// acknowledgement queue, and when nothing may be queued.
#include "services/mail/outbound_service.h"

#include <gtest/gtest.h>

#include "services/mail/ingest_service.h"
#include "services/mail/threading.h"
#include "store/file_blob_store.h"
#include "store/sqlite/sqlite_store.h"
#include "testing/fake_clock.h"
#include "testing/temp_dir.h"

namespace sahayak::services {
namespace {

using domain::InboundMail;
using domain::MailKind;
using domain::MailOutboxItem;
using Outcome = IngestResult::Outcome;

TEST(OutboundText, ReplySubjectHasOnePrefixAndOneToken) {
  EXPECT_EQ(ReplySubject("Parcel late", 12), "Re: Parcel late [#12]");
  EXPECT_EQ(ReplySubject("RE: Re:  Parcel   late [#12]", 12), "Re: Parcel late [#12]");
  EXPECT_EQ(ReplySubject("Re[2]: AW: Parcel late", 12), "Re: Parcel late [#12]");
  EXPECT_EQ(ReplySubject("[#12] Parcel late", 12), "Re: Parcel late [#12]");
  EXPECT_EQ(ReplySubject("About [#5] Parcel", 12), "Re: About [#5] Parcel [#12]");
  EXPECT_EQ(ReplySubject("Regarding my parcel", 3), "Re: Regarding my parcel [#3]")
      << "a word starting with re is not a prefix";
  EXPECT_EQ(ReplySubject("पार्सल नहीं मिला", 7), "Re: पार्सल नहीं मिला [#7]");
  const std::string again = ReplySubject(ReplySubject("Parcel late", 12), 12);
  EXPECT_EQ(again, "Re: Parcel late [#12]");
  EXPECT_EQ(SubjectTicketNumbers(again), std::vector<int64_t>{12});
}

TEST(OutboundText, PlusAddressIsWhatIngestThreadsBy) {
  EXPECT_EQ(PlusAddress("support@acme.in", 42), "support+t42@acme.in");
  EXPECT_EQ(PlusAddress("support+old@acme.in", 42), "support+t42@acme.in");
  EXPECT_EQ(PlusAddress("nonsense", 42), "");
  EXPECT_EQ(PlusAddressTicketNumber(PlusAddress("support@acme.in", 42), "support@acme.in"), 42);
}

TEST(OutboundText, MessageIdsAreUniqueAtTheMailboxDomain) {
  const std::string a = NewMessageId("support@acme.in"), b = NewMessageId("support@acme.in");
  EXPECT_NE(a, b);
  EXPECT_EQ(a.substr(a.find('@')), "@acme.in");
  EXPECT_EQ(CleanMessageId("<" + a + ">"), a) << "a valid Message-ID as ingest reads it";
  const std::string c = NewMessageId("");
  EXPECT_EQ(c.substr(c.find('@')), "@sahayak.invalid");
  for (int i = 0; i < 200; ++i) {
    const std::string id = NewMessageId("support@acme.in");
    const std::string left = id.substr(0, id.find('@'));
    EXPECT_EQ(left.find(".."), std::string::npos) << id;
    EXPECT_NE(left.back(), '.') << id;
    EXPECT_EQ(left.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                     "0123456789-_."),
              std::string::npos)
        << id;
  }
}

TEST(OutboundText, RobotsAreRecognised) {
  for (const char* a : {"MAILER-DAEMON@mx.example.in", "postmaster@example.in",
                        "noreply@shop.in", "no-reply+x@shop.in", "do-not-reply@bank.in",
                        "bounces-123@lists.in", "list-request@lists.in", "owner-list@lists.in",
                        "not an address"}) {
    EXPECT_TRUE(IsRobotAddress(a)) << a;
  }
  for (const char* a : {"ravi@example.in", "norah@example.in", "replies@example.in"}) {
    EXPECT_FALSE(IsRobotAddress(a)) << a;
  }
}

TEST(OutboundText, AckTextByLanguageAndTemplate) {
  AckText en = AutoAckText("{}", "en", 12, "Parcel late", "Ravi");
  EXPECT_EQ(en.subject, "Re: Parcel late [#12]");
  EXPECT_NE(en.body.find("Hello Ravi,"), std::string::npos) << en.body;
  EXPECT_NE(en.body.find("#12"), std::string::npos);
  AckText hi = AutoAckText("{}", "hi-IN", 12, "पार्सल", "रवि");
  EXPECT_EQ(hi.body.rfind("नमस्ते रवि,", 0), 0u) << hi.body;
  EXPECT_EQ(hi.body.find("{{"), std::string::npos);
  AckText kn = AutoAckText("not json", "kn", 3, "x", "Asha");
  EXPECT_EQ(kn.body.rfind("ನಮಸ್ಕಾರ Asha,", 0), 0u) << kn.body;
  AckText xx = AutoAckText("{}", "fr", 3, "x", "Asha");
  EXPECT_EQ(xx.body, AutoAckText("{}", "en", 3, "x", "Asha").body)
      << "an unknown language gets English";
  const std::string templates =
      R"({"hi": {"subject": "आपका अनुरोध {{ticket.number}}", "body": "प्रिय {{ requester.name }}, टिकट {{ticket.number}}: {{ticket.subject}}"}})";
  AckText custom = AutoAckText(templates, "hi", 9, "पार्सल", "रवि");
  EXPECT_EQ(custom.subject, "आपका अनुरोध 9 [#9]") << "the token is added when missing";
  EXPECT_EQ(custom.body, "प्रिय रवि, टिकट 9: पार्सल");
  EXPECT_EQ(AutoAckText(templates, "en", 9, "Parcel", "Ravi").body,
            AutoAckText("{}", "en", 9, "Parcel", "Ravi").body)
      << "a language without a template keeps the built-in text";
}

TEST(OutboundText, PayloadRoundTrips) {
  QueuedMail q;
  q.mail.from = {"Kavya (Acme)", "support@acme.in"};
  q.mail.reply_to = domain::MailAddress{"Acme", "support+t4@acme.in"};
  q.mail.to = {{"Ravi", "ravi@example.in"}};
  q.mail.cc = {{"", "asha@example.in"}};
  q.mail.subject = "Re: x [#4]";
  q.mail.message_id = "a@acme.in";
  q.mail.references = {"r1@x", "r2@x"};
  q.mail.in_reply_to = "r2@x";
  q.mail.date = 12345;
  q.mail.text = "नमस्ते";
  q.mail.extra_headers = {{"X-Sahayak-Ticket", "4"}};
  q.attachments = {{"abc", "रसीद.pdf", "application/pdf", "", false}};
  q.null_sender = true;
  auto back = DecodeQueuedMail(EncodeQueuedMail(q));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->mail.reply_to->email, "support+t4@acme.in");
  EXPECT_EQ(back->mail.cc.at(0).email, "asha@example.in");
  EXPECT_EQ(back->mail.references, q.mail.references);
  EXPECT_EQ(back->mail.text, "नमस्ते");
  EXPECT_EQ(back->mail.extra_headers, q.mail.extra_headers);
  EXPECT_EQ(back->attachments.at(0).filename, "रसीद.pdf");
  EXPECT_TRUE(back->null_sender);
  EXPECT_FALSE(DecodeQueuedMail("[1, 2]").ok());
  EXPECT_FALSE(DecodeQueuedMail(R"({"extra_headers": [1]})").ok());
}

class OutboundTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store::SqliteStoreOptions o;
    o.path = dir_.path() + "/t.db";
    o.synchronous_full = false;
    store_ = std::move(store::SqliteStore::Open(o)).value();
    outbound_.set_on_queued([this] { ++notified_; });
    ASSERT_TRUE(store_
                    ->Write([&](WriteTx& tx) -> Status {
                      Workspace w;
                      w.name = "Demo";
                      w.default_language = "kn";
                      RETURN_IF_ERROR(tx.InsertWorkspace(&w));
                      ws_ = w.id;
                      who_.workspace_id = w.id;
                      domain::Agent a;
                      a.workspace_id = w.id;
                      a.name = "Kavya Bhat";
                      a.email = "kavya@example.in";
                      RETURN_IF_ERROR(tx.InsertAgent(&a));
                      who_.agent_id = a.id;
                      who_.name = a.name;
                      domain::Group g;
                      g.workspace_id = w.id;
                      g.name = "Support";
                      return tx.InsertGroup(&g);
                    })
                    .ok());
  }

  void AddMailbox(const std::string& name, const std::string& address, bool smtp = true,
                  bool auto_ack = true, const std::string& templates = "{}") {
    ASSERT_TRUE(store_
                    ->Write([&](WriteTx& tx) -> Status {
                      domain::Mailbox m;
                      m.workspace_id = ws_;
                      m.name = name;
                      m.address = address;
                      m.from_name = "Acme Support";
                      m.smtp_host = smtp ? "127.0.0.1" : "";
                      m.auto_ack = auto_ack;
                      m.auto_ack_templates = templates;
                      m.created_at = m.updated_at = clock_.Now();
                      return tx.InsertMailbox(&m);
                    })
                    .ok());
  }

  static InboundMail Mail(const std::string& from, const std::string& subject,
                          const std::string& message_id, const std::string& text = "Hello") {
    InboundMail m;
    m.message_id = message_id;
    m.from = {"Ravi Kumar", from};
    m.to = {{"Support", "support@acme.in"}};
    m.subject = subject;
    m.text = text;
    return m;
  }

  IngestResult Deliver(const InboundMail& m) {
    IngestResult r;
    InboundMailbox box;
    box.name = "support";
    box.address = "support@acme.in";
    Status st = store_->Write([&](WriteTx& tx) -> Status {
      ASSIGN_OR_RETURN(r, ingest_.Ingest(tx, ws_, box, m, "Subject: x\r\n\r\n" + m.text));
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return r;
  }

  domain::Message Reply(Id ticket_id, const std::string& body, bool is_public = true,
                        std::vector<Id> attachments = {}) {
    domain::Message m;
    NewMessage in;
    in.body = body;
    in.is_public = is_public;
    in.attachment_ids = std::move(attachments);
    Status st = store_->Write([&](WriteTx& tx) -> Status {
      ASSIGN_OR_RETURN(m, tickets_.AddMessage(tx, who_, ticket_id, in));
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return m;
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

  std::optional<domain::MailBounce> Bounce(const std::string& email) {
    std::optional<domain::MailBounce> b;
    EXPECT_TRUE(store_
                    ->Read([&](ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(b, tx.GetMailBounce(ws_, email));
                      return Status::Ok();
                    })
                    .ok());
    return b;
  }

  sahayak::testing::TempDir dir_;
  sahayak::testing::FakeClock clock_;
  std::unique_ptr<store::SqliteStore> store_;
  store::FileBlobStore blobs_{dir_.path() + "/blobs"};
  MailOutboundService outbound_{clock_};
  TicketService tickets_{clock_, &outbound_};
  MailIngestService ingest_{tickets_, blobs_, clock_};
  Principal who_;
  Id ws_ = 0;
  int notified_ = 0;
};

TEST_F(OutboundTest, ANewTicketIsAcknowledgedSoTheAnswerThreads) {
  AddMailbox("support", "support@acme.in");
  IngestResult r = Deliver(Mail("Ravi@Example.IN", "Parcel late", "c1@example.in"));
  ASSERT_EQ(r.outcome, Outcome::kCreated);
  auto out = Outbox();
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(notified_, 1);
  const MailOutboxItem& ack = out[0];
  EXPECT_EQ(ack.kind, "auto_ack");
  EXPECT_EQ(ack.state, "queued");
  EXPECT_EQ(ack.to_email, "ravi@example.in");
  EXPECT_EQ(ack.ticket_id, r.ticket_id);
  EXPECT_EQ(ack.last_error, "");
  QueuedMail q = Payload(ack);
  EXPECT_TRUE(q.null_sender) << "RFC 3834: automatic replies go from the null sender";
  EXPECT_EQ(q.mail.auto_submitted, "auto-replied");
  EXPECT_EQ(q.mail.subject, "Re: Parcel late [#1]");
  EXPECT_EQ(q.mail.from.email, "support@acme.in");
  EXPECT_EQ(q.mail.from.name, "Acme Support");
  ASSERT_TRUE(q.mail.reply_to);
  EXPECT_EQ(q.mail.reply_to->email, "support+t1@acme.in");
  EXPECT_EQ(q.mail.in_reply_to, "c1@example.in");
  EXPECT_EQ(q.mail.references, std::vector<std::string>{"c1@example.in"});
  EXPECT_EQ(q.mail.message_id, ack.message_id);
  EXPECT_NE(q.mail.text.find("ನಮಸ್ಕಾರ"), std::string::npos)
      << "English text guessed nothing: the workspace default (kn)\n" << q.mail.text;

  // The customer answers the acknowledgement: it threads by In-Reply-To.
  InboundMail answer = Mail("ravi@example.in", "Re: something else", "c2@example.in");
  answer.in_reply_to = ack.message_id;
  IngestResult a = Deliver(answer);
  EXPECT_EQ(a.outcome, Outcome::kReplied);
  EXPECT_EQ(a.ticket_id, r.ticket_id);
  EXPECT_EQ(a.threaded_by, "in-reply-to");
  EXPECT_EQ(Outbox().size(), 1u) << "a reply on a ticket is not acknowledged";
}

TEST_F(OutboundTest, AHindiCustomerIsAcknowledgedInHindi) {
  AddMailbox("support", "support@acme.in");
  Deliver(Mail("ravi@example.in", "पार्सल नहीं मिला", "h1@example.in",
               "मेरा पार्सल अभी तक नहीं आया।"));
  auto out = Outbox();
  ASSERT_EQ(out.size(), 1u);
  QueuedMail q = Payload(out[0]);
  EXPECT_EQ(q.mail.text.rfind("नमस्ते Ravi Kumar,", 0), 0u) << q.mail.text;
  EXPECT_NE(q.mail.text.find("#1"), std::string::npos);
  EXPECT_EQ(q.mail.subject, "Re: पार्सल नहीं मिला [#1]");
}

TEST_F(OutboundTest, TheMailboxTemplateWins) {
  AddMailbox("support", "support@acme.in", true, true,
             R"({"en": {"subject": "We got it: {{ticket.subject}} [#{{ticket.number}}]",
                        "body": "Dear {{requester.name}}, see ticket {{ticket.number}}."}})");
  Deliver(Mail("ravi@example.in", "Parcel late", "t1@example.in", "Where is my parcel?"));
  auto out = Outbox();
  ASSERT_EQ(out.size(), 1u);
  QueuedMail q = Payload(out[0]);
  // The ticket's language is empty (Latin script) and the contact has none: the workspace
  // default (kn) has no template, so the built-in Kannada text is used.
  EXPECT_NE(q.mail.text.find("ನಮಸ್ಕಾರ"), std::string::npos);
  ASSERT_TRUE(store_
                  ->Write([&](WriteTx& tx) -> Status {
                    Workspace w;
                    ASSIGN_OR_RETURN(w, tx.GetWorkspace(ws_));
                    w.default_language = "en";
                    return tx.UpdateWorkspace(w);
                  })
                  .ok());
  Deliver(Mail("asha@example.in", "Refund", "t2@example.in", "Please refund."));
  out = Outbox();
  ASSERT_EQ(out.size(), 2u);
  q = Payload(out[1]);
  EXPECT_EQ(q.mail.subject, "We got it: Refund [#2]");
  EXPECT_EQ(q.mail.text, "Dear Ravi Kumar, see ticket 2.");
}

TEST_F(OutboundTest, AtMostThreeAcknowledgementsAnHourToOneAddress) {
  AddMailbox("support", "support@acme.in");
  for (int i = 0; i < 5; ++i) {
    auto r = Deliver(Mail("ravi@example.in", "Question " + std::to_string(i),
                          "q" + std::to_string(i) + "@example.in"));
    ASSERT_EQ(r.outcome, Outcome::kCreated);
    clock_.Advance(60 * 1000);
  }
  EXPECT_EQ(Outbox().size(), 3u);
  // The skipped ones say why in the ticket's audit log.
  ASSERT_TRUE(store_
                  ->Read([&](ReadTx& tx) -> Status {
                    AuditFilter f;
                    f.entity_type = "ticket";
                    ASSIGN_OR_RETURN(auto page, tx.ListAuditEvents(ws_, f, {std::nullopt, 100}));
                    int skipped = 0;
                    for (const auto& e : page.items) {
                      if (e.action != "ticket.auto_ack_skipped") continue;
                      ++skipped;
                      EXPECT_NE(e.changes.dump().find("in the last hour"), std::string::npos);
                    }
                    EXPECT_EQ(skipped, 2);
                    return Status::Ok();
                  })
                  .ok());
  clock_.Advance(3600 * 1000);
  Deliver(Mail("ravi@example.in", "Later", "q9@example.in"));
  EXPECT_EQ(Outbox().size(), 4u) << "an hour later the limit has room again";
}

TEST_F(OutboundTest, NoAcknowledgementToAutomaticMailOrOurselves) {
  AddMailbox("support", "support@acme.in");
  AddMailbox("sales", "sales@acme.in", false);
  InboundMail bulk = Mail("news@shop.in", "Offers", "b1@shop.in");
  bulk.kind = MailKind::kBulk;
  ASSERT_EQ(Deliver(bulk).outcome, Outcome::kCreated);
  InboundMail ooo = Mail("ravi@example.in", "Out of office", "o1@example.in");
  ooo.kind = MailKind::kAutoReply;
  Deliver(ooo);  // threads nowhere: ignored
  InboundMail bounce = Mail("MAILER-DAEMON@mx.in", "Undelivered", "d1@mx.in");
  bounce.kind = MailKind::kBounce;
  Deliver(bounce);
  for (const char* robot : {"noreply@shop.in", "postmaster@example.in", "sales@acme.in",
                            "support+t99@acme.in", "Support@Acme.in"}) {
    auto r = Deliver(Mail(robot, std::string("From ") + robot, std::string("r.") + robot));
    EXPECT_EQ(r.outcome, Outcome::kCreated) << robot;
  }
  EXPECT_EQ(Outbox().size(), 0u);
  EXPECT_EQ(notified_, 0);
}

TEST_F(OutboundTest, NoAcknowledgementWhileNoMailboxCanSend) {
  AddMailbox("support", "support@acme.in", /*smtp=*/false);
  ASSERT_EQ(Deliver(Mail("ravi@example.in", "Parcel", "s1@example.in")).outcome,
            Outcome::kCreated);
  EXPECT_EQ(Outbox().size(), 0u);
}

TEST_F(OutboundTest, AMailboxWithoutAutoAckSendsNone) {
  AddMailbox("support", "support@acme.in", true, /*auto_ack=*/false);
  ASSERT_EQ(Deliver(Mail("ravi@example.in", "Parcel", "n1@example.in")).outcome,
            Outcome::kCreated);
  EXPECT_EQ(Outbox().size(), 0u);
}

TEST_F(OutboundTest, AnAgentReplyGoesOutWithThreadingHeaders) {
  AddMailbox("support", "support@acme.in", true, /*auto_ack=*/false);
  AddMailbox("sales", "sales@acme.in", false, false);
  InboundMail first = Mail("ravi@example.in", "RE: Parcel late", "m1@example.in");
  first.cc = {{"Asha", "Asha@Example.in"}, {"Sales", "sales@acme.in"}};
  IngestResult r = Deliver(first);
  ASSERT_EQ(r.outcome, Outcome::kCreated);
  InboundMail second = Mail("ravi@example.in", "Re: Parcel late", "m2@example.in");
  second.in_reply_to = "m1@example.in";
  ASSERT_EQ(Deliver(second).outcome, Outcome::kReplied);

  Reply(*r.ticket_id, "An internal note", /*is_public=*/false);
  EXPECT_EQ(Outbox().size(), 0u) << "internal notes never leave";

  domain::Message m = Reply(*r.ticket_id, "Your parcel left Pune today.");
  auto out = Outbox();
  ASSERT_EQ(out.size(), 1u);
  const MailOutboxItem& item = out[0];
  EXPECT_EQ(item.kind, "reply");
  EXPECT_EQ(item.message_row_id, m.id);
  EXPECT_EQ(item.to_email, "ravi@example.in");
  QueuedMail q = Payload(item);
  EXPECT_FALSE(q.null_sender);
  EXPECT_EQ(q.mail.from.name, "Kavya Bhat (Acme Support)");
  EXPECT_EQ(q.mail.from.email, "support@acme.in");
  EXPECT_EQ(q.mail.reply_to->email, "support+t1@acme.in");
  EXPECT_EQ(q.mail.subject, "Re: Parcel late [#1]") << "no double Re:";
  EXPECT_EQ(q.mail.in_reply_to, "m2@example.in") << "the latest received mail";
  EXPECT_EQ(q.mail.references, (std::vector<std::string>{"m1@example.in", "m2@example.in"}));
  ASSERT_EQ(q.mail.cc.size(), 1u) << "participants, not our own addresses";
  EXPECT_EQ(q.mail.cc[0].email, "asha@example.in");
  EXPECT_EQ(q.mail.text, "Your parcel left Pune today.");
  EXPECT_NE(q.mail.html.find("Your parcel left Pune today."), std::string::npos);
  EXPECT_EQ(q.mail.auto_submitted, "");

  // Recorded as sent by us, so the customer's answer threads to the ticket.
  ASSERT_TRUE(store_
                  ->Read([&](ReadTx& tx) -> Status {
                    ASSIGN_OR_RETURN(auto rec, tx.FindMailMessage(ws_, item.message_id));
                    EXPECT_EQ(rec.direction, "out");
                    EXPECT_EQ(rec.ticket_id, *r.ticket_id);
                    EXPECT_EQ(rec.message_row_id, m.id);
                    return Status::Ok();
                  })
                  .ok());
  InboundMail answer = Mail("ravi@example.in", "Re: Re: Parcel late [#1]", "m3@example.in");
  answer.in_reply_to = item.message_id;
  answer.references = {"m1@example.in", "m2@example.in", item.message_id};
  IngestResult a = Deliver(answer);
  EXPECT_EQ(a.ticket_id, r.ticket_id);
  EXPECT_EQ(a.threaded_by, "in-reply-to");

  // The next reply's References carry the chain, ours included.
  Reply(*r.ticket_id, "Delivered?");
  q = Payload(Outbox().back());
  EXPECT_EQ(q.mail.in_reply_to, "m3@example.in");
  EXPECT_EQ(q.mail.references, (std::vector<std::string>{"m1@example.in", "m2@example.in",
                                                          item.message_id, "m3@example.in"}));
}

TEST_F(OutboundTest, AttachmentsGoByBlob) {
  AddMailbox("support", "support@acme.in", true, false);
  IngestResult r = Deliver(Mail("ravi@example.in", "Invoice", "a1@example.in"));
  Id att = 0;
  ASSERT_TRUE(store_
                  ->Write([&](WriteTx& tx) -> Status {
                    domain::Attachment a;
                    a.workspace_id = ws_;
                    a.filename = "रसीद.pdf";
                    a.mime_type = "application/pdf";
                    a.size = 4;
                    a.sha256 = "ab12";
                    a.created_at = clock_.Now();
                    RETURN_IF_ERROR(tx.InsertAttachment(&a));
                    att = a.id;
                    return Status::Ok();
                  })
                  .ok());
  Reply(*r.ticket_id, "The invoice", true, {att});
  QueuedMail q = Payload(Outbox().back());
  ASSERT_EQ(q.attachments.size(), 1u);
  EXPECT_EQ(q.attachments[0].sha256, "ab12");
  EXPECT_EQ(q.attachments[0].filename, "रसीद.pdf");
  EXPECT_EQ(q.attachments[0].mime_type, "application/pdf");
}

TEST_F(OutboundTest, TicketsFromOtherChannelsAreNotMailed) {
  AddMailbox("support", "support@acme.in");
  domain::Ticket t;
  ASSERT_TRUE(store_
                  ->Write([&](WriteTx& tx) -> Status {
                    TicketCreate in;
                    in.subject = "From the API";
                    in.message.body = "Hello";
                    in.requester.email = "ravi@example.in";
                    ASSIGN_OR_RETURN(t, tickets_.Create(tx, who_, in));
                    return Status::Ok();
                  })
                  .ok());
  Reply(t.id, "Answer in the portal");
  EXPECT_EQ(Outbox().size(), 0u);
}

TEST_F(OutboundTest, AReplyOnAWebFormTicketIsMailed) {
  AddMailbox("support", "support@acme.in");
  domain::Ticket t;
  ASSERT_TRUE(store_
                  ->Write([&](WriteTx& tx) -> Status {
                    TicketCreate in;
                    in.subject = "Form: parcel damaged";
                    in.channel = domain::Channel::kWeb;
                    in.message.body = "The box was crushed";
                    in.requester.email = "ravi@example.in";
                    ASSIGN_OR_RETURN(t, tickets_.Create(tx, who_, in));
                    return Status::Ok();
                  })
                  .ok());
  Reply(t.id, "We are sending a replacement");
  auto out = Outbox();
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].to_email, "ravi@example.in");
  EXPECT_EQ(out[0].kind, "reply");
}

TEST_F(OutboundTest, WithoutAMailboxTheReplyWaitsAndSaysWhy) {
  IngestResult r = Deliver(Mail("ravi@example.in", "Parcel", "x1@example.in"));
  EXPECT_EQ(Outbox().size(), 0u) << "no mailbox, no acknowledgement";
  Reply(*r.ticket_id, "We are on it.");
  auto out = Outbox();
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].state, "queued");
  EXPECT_EQ(out[0].mailbox_id, std::nullopt);
  EXPECT_NE(out[0].last_error.find("no SMTP server is configured"), std::string::npos);
  QueuedMail q = Payload(out[0]);
  EXPECT_EQ(q.mail.from.email, "") << "filled in by the sender once a mailbox exists";
  EXPECT_EQ(q.from_person, "Kavya Bhat");
  EXPECT_EQ(q.ticket_number, 1);
  EXPECT_EQ(q.mail.in_reply_to, "x1@example.in");
}

TEST_F(OutboundTest, AReplyGoesOutThroughAMailboxWithSmtpWhenTheTicketsHasNone) {
  AddMailbox("support", "support@acme.in", /*smtp=*/false, false);
  AddMailbox("outgoing", "help@acme.in", /*smtp=*/true, false);
  IngestResult r = Deliver(Mail("ravi@example.in", "Parcel", "y1@example.in"));
  Reply(*r.ticket_id, "On it.");
  auto out = Outbox();
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].last_error, "") << "some mailbox can send";
  QueuedMail q = Payload(out[0]);
  EXPECT_EQ(q.mail.from.email, "support@acme.in") << "From stays the ticket's own mailbox";
}

TEST_F(OutboundTest, AFailedDeliveryMarksTheAddressAndNewMailClearsIt) {
  AddMailbox("support", "support@acme.in", true, false);
  IngestResult r = Deliver(Mail("ravi@example.in", "Parcel", "z1@example.in"));
  Reply(*r.ticket_id, "On it.");
  const std::string sent = Outbox().back().message_id;

  InboundMail stray = Mail("MAILER-DAEMON@mx.in", "Undelivered", "z2@mx.in");
  stray.kind = MailKind::kBounce;
  stray.delivery_status = domain::DeliveryStatus{"ravi@example.in", "failed", "5.1.1",
                                                 "smtp; 550 5.1.1 user unknown", "nobody@x"};
  EXPECT_EQ(Deliver(stray).outcome, Outcome::kDropped);
  EXPECT_FALSE(Bounce("ravi@example.in")) << "a bounce of mail we never sent marks nobody";

  InboundMail delayed = stray;
  delayed.message_id = "z3@mx.in";
  delayed.delivery_status = domain::DeliveryStatus{"ravi@example.in", "delayed", "4.4.1", "",
                                                   sent};
  EXPECT_EQ(Deliver(delayed).outcome, Outcome::kNoted);
  EXPECT_FALSE(Bounce("ravi@example.in")) << "delayed is not failed";

  InboundMail failed = stray;
  failed.message_id = "z4@mx.in";
  failed.delivery_status = domain::DeliveryStatus{"Ravi@Example.in", "failed", "5.1.1",
                                                  "smtp; 550 5.1.1 user unknown", sent};
  EXPECT_EQ(Deliver(failed).outcome, Outcome::kNoted);
  auto b = Bounce("ravi@example.in");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->status, "5.1.1");
  EXPECT_EQ(b->diagnostic, "smtp; 550 5.1.1 user unknown");
  EXPECT_EQ(b->bounced_at, clock_.Now());

  Deliver(Mail("ravi@example.in", "I am back", "z5@example.in"));
  EXPECT_FALSE(Bounce("ravi@example.in")) << "mail from the address clears the mark";
}

}  // namespace
}  // namespace sahayak::services
