// ChatService on a real SQLite store and a fake clock (testing/chat_fixture.h): starting and
// sending with the ticket as the transcript, idempotent client ids, who sees what, routing by
// presence, capacity and language, offers lapsing and declined, agents going away, transfers,
// supervisors, the end with its figures, and the settings.
#include "services/chat/chat_service.h"

#include <gtest/gtest.h>

#include "base/text.h"
#include "testing/chat_fixture.h"

namespace sahayak::services {
namespace {

using nlohmann::json;

class ChatServiceTest : public sahayak::testing::ChatFixture {
 protected:
  int64_t MailQueued() {
    int64_t n = 0;
    EXPECT_TRUE(Read([&](ReadTx& tx) -> Status {
                  ASSIGN_OR_RETURN(auto page, tx.ListMailOutbox(ws_, "", PageRequest{}));
                  n = static_cast<int64_t>(page.items.size());
                  return Status::Ok();
                }).ok());
    return n;
  }

  std::vector<domain::Message> TicketMessages(Id ticket_id) {
    std::vector<domain::Message> out;
    EXPECT_TRUE(Read([&](ReadTx& tx) -> Status {
                  ASSIGN_OR_RETURN(auto page, tx.ListMessages(ws_, ticket_id,
                                                              PageRequest{std::nullopt, 100}));
                  out = page.items;
                  return Status::Ok();
                }).ok());
    return out;
  }

  // Starts a chat and has `agent` take it.
  ChatConversation Taken(Id agent, const std::string& text = "Where is my parcel?") {
    presence_.Connected(ws_, agent);
    auto v = NewVisitor();
    auto started = Start(&v.visitor, text, "start-" + std::to_string(++counter_));
    EXPECT_TRUE(started.ok()) << started.status().ToString();
    const Id c = started->conversation.id;
    EXPECT_EQ(Conversation(c).offered_agent_id, agent);
    EXPECT_TRUE(Act([&](WriteTx& tx, ChatEffects* fx) {
                  return chat_.Accept(tx, Agent(agent), c, fx);
                }).ok());
    return Conversation(c);
  }

  int counter_ = 0;
};

TEST_F(ChatServiceTest, StartOpensAChatTicketWithTheFirstMessageAndQueuesIt) {
  auto v = NewVisitor();
  EXPECT_FALSE(v.new_token.empty());
  ChatEffects fx;
  auto started = Start(&v.visitor, "Where is my parcel BD123?", "c-1", &fx, "Priya@Example.in");
  ASSERT_TRUE(started.ok()) << started.status().ToString();
  const ChatConversation& c = started->conversation;
  EXPECT_EQ(c.status, "queued") << "nobody is online";
  EXPECT_EQ(started->event.seq, 1);
  EXPECT_EQ(started->event.kind, "message");
  EXPECT_EQ(started->event.author.kind, "visitor");
  ASSERT_EQ(fx.events.size(), 2u);
  EXPECT_EQ(fx.events[1].kind, "queued");
  EXPECT_EQ(fx.events[1].data["position"], 1);
  EXPECT_TRUE(fx.queue_changed);

  domain::Ticket t;
  domain::Contact requester;
  ASSERT_TRUE(Read([&](ReadTx& tx) -> Status {
                ASSIGN_OR_RETURN(t, tx.GetTicket(ws_, c.ticket_id));
                ASSIGN_OR_RETURN(requester, tx.GetContact(ws_, t.requester_id));
                return Status::Ok();
              }).ok());
  EXPECT_EQ(t.channel, domain::Channel::kChat);
  EXPECT_EQ(t.subject, "Chat with Priya");
  EXPECT_EQ(requester.First(domain::Identity::Kind::kEmail), "priya@example.in");
  auto messages = TicketMessages(t.id);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].body, "Where is my parcel BD123?");
  EXPECT_EQ(messages[0].author_kind, domain::Actor::Kind::kContact);
  EXPECT_EQ(started->event.message_id, messages[0].id);
  EXPECT_EQ(MailQueued(), 0) << "a chat is acknowledged in the chat, not by mail";
}

TEST_F(ChatServiceTest, TheTicketSubjectIsInTheWorkspacesLanguage) {
  ASSERT_TRUE(Write([&](WriteTx& tx) -> Status {
                ASSIGN_OR_RETURN(Workspace w, tx.GetWorkspace(ws_));
                w.default_language = "hi";
                return tx.UpdateWorkspace(w);
              }).ok());
  auto v = NewVisitor();
  auto started = Start(&v.visitor, "नमस्ते", "c-hi");
  ASSERT_TRUE(started.ok());
  std::string subject;
  ASSERT_TRUE(Read([&](ReadTx& tx) -> Status {
                ASSIGN_OR_RETURN(auto t, tx.GetTicket(ws_, started->conversation.ticket_id));
                subject = t.subject;
                return Status::Ok();
              }).ok());
  EXPECT_EQ(subject, "Priya के साथ चैट");
  EXPECT_EQ(ToNfc(subject), subject);
}

TEST_F(ChatServiceTest, TheSameClientIdIsStoredOnceAndGetsTheSameSeq) {
  auto v = NewVisitor();
  auto a = Start(&v.visitor, "Hello", "start-1");
  auto again = Start(&v.visitor, "Hello", "start-1");
  ASSERT_TRUE(a.ok() && again.ok());
  EXPECT_TRUE(again->duplicate);
  EXPECT_EQ(again->conversation.id, a->conversation.id);
  const Id c = a->conversation.id;
  const ChatParty visitor = ChatParty::Visitor(v.visitor, "Priya");
  auto m1 = Send(visitor, c, "Are you there?", "msg-1");
  ChatEffects fx;
  auto m2 = Send(visitor, c, "Are you there?", "msg-1", false, &fx);
  ASSERT_TRUE(m1.ok() && m2.ok()) << m2.status().ToString();
  EXPECT_EQ(m1->event.seq, m2->event.seq);
  EXPECT_TRUE(m2->duplicate);
  EXPECT_TRUE(fx.events.empty()) << "a resent message tells nobody anything new";
  EXPECT_EQ(TicketMessages(a->conversation.ticket_id).size(), 2u);
  EXPECT_EQ(Events(c).back().seq, m1->event.seq);
}

TEST_F(ChatServiceTest, AVisitorReachesOnlyTheirOwnConversations) {
  auto mine = NewVisitor();
  auto other = NewVisitor();
  auto started = Start(&mine.visitor, "Mine", "m-1");
  ASSERT_TRUE(started.ok());
  const ChatParty stranger = ChatParty::Visitor(other.visitor, "");
  auto sent = Send(stranger, started->conversation.id, "let me in", "x-1");
  EXPECT_EQ(sent.status().code(), Code::kNotFound);
  auto missing = Send(stranger, 999999, "nothing here", "x-2");
  EXPECT_EQ(missing.status().code(), Code::kNotFound);
  EXPECT_EQ(sent.status().message(),
            "no such conversation " + std::to_string(started->conversation.id))
      << "the same answer as for a conversation that does not exist";
  Status read = Read([&](ReadTx& tx) {
    return chat_.EventsAfter(tx, stranger, started->conversation.id, 0, 10).status();
  });
  EXPECT_EQ(read.code(), Code::kNotFound);
  auto reopened = Write([&](WriteTx& tx) {
    return chat_.OpenVisitor(tx, settings_, "vt_not-a-real-token", "en", "").status();
  });
  EXPECT_EQ(reopened.code(), Code::kUnauthenticated);
}

TEST_F(ChatServiceTest, RoutingOffersToAnOnlineAgentAndAcceptAssignsTheTicket) {
  presence_.Connected(ws_, kavya_);
  auto v = NewVisitor();
  ChatEffects fx;
  auto started = Start(&v.visitor, "Hi", "s-1", &fx);
  ASSERT_TRUE(started.ok());
  EXPECT_EQ(started->conversation.status, "offered");
  EXPECT_EQ(started->conversation.offered_agent_id, kavya_);
  ASSERT_EQ(fx.events.size(), 3u);
  EXPECT_EQ(fx.events[2].kind, "offered");
  EXPECT_EQ(fx.events[2].data["expires_at"], clock_.Now() + 30000);
  ASSERT_EQ(fx.watch.size(), 1u);
  EXPECT_EQ(fx.watch[0].agent_id, kavya_);
  EXPECT_EQ(fx.watch[0].from_seq, 3);

  const Id c = started->conversation.id;
  EXPECT_EQ(Act([&](WriteTx& tx, ChatEffects* f) { return chat_.Accept(tx, Agent(ravi_), c, f); })
                .code(),
            Code::kPermissionDenied)
      << "an offer to Kavya is not Ravi's to take";
  clock_.Advance(4000);
  ASSERT_TRUE(Act([&](WriteTx& tx, ChatEffects* f) {
                return chat_.Accept(tx, Agent(kavya_), c, f);
              }).ok());
  ChatConversation now = Conversation(c);
  EXPECT_EQ(now.status, "active");
  EXPECT_EQ(now.agent_id, kavya_);
  EXPECT_EQ(now.wait_ms, 4000);
  EXPECT_EQ(Events(c).back().kind, "joined");
  std::optional<Id> assignee;
  ASSERT_TRUE(Read([&](ReadTx& tx) -> Status {
                ASSIGN_OR_RETURN(auto t, tx.GetTicket(ws_, now.ticket_id));
                assignee = t.assignee_id;
                return Status::Ok();
              }).ok());
  EXPECT_EQ(assignee, kavya_);
}

TEST_F(ChatServiceTest, AgentMessagesGoToTheTicketButNeverByMail) {
  ChatConversation c = Taken(kavya_);
  clock_.Advance(2500);
  auto reply = Send(Agent(kavya_), c.id, "It arrives tomorrow.", "a-1");
  ASSERT_TRUE(reply.ok()) << reply.status().ToString();
  auto note = Send(Agent(kavya_), c.id, "VIP customer", "a-2", /*internal=*/true);
  ASSERT_TRUE(note.ok());
  auto messages = TicketMessages(c.ticket_id);
  ASSERT_EQ(messages.size(), 3u);
  EXPECT_EQ(messages[1].author_kind, domain::Actor::Kind::kAgent);
  EXPECT_TRUE(messages[1].is_public);
  EXPECT_EQ(messages[1].channel, domain::Channel::kChat);
  EXPECT_FALSE(messages[2].is_public) << "an internal chat note is an internal ticket note";
  EXPECT_EQ(MailQueued(), 0) << "chat replies never take the e-mail reply path";
  ChatConversation after = Conversation(c.id);
  EXPECT_EQ(after.first_response_ms, 2500);
  // A visitor may not write internal notes.
  auto visitor_note = Send(ChatParty{ChatParty::Kind::kVisitor, ws_, c.visitor_id, "P", false},
                           c.id, "psst", "v-1", /*internal=*/true);
  EXPECT_EQ(visitor_note.status().code(), Code::kInvalidArgument);
  // Nor may an agent who does not have the chat.
  auto stranger = Send(Agent(ravi_), c.id, "hello", "r-1");
  EXPECT_EQ(stranger.status().code(), Code::kPermissionDenied);
}

TEST_F(ChatServiceTest, AnAgentAtCapacityIsNotOfferedAnotherChat) {
  ASSERT_TRUE(Write([&](WriteTx& tx) {
                return chat_
                    .UpdateProfile(tx, Principal(admin_), kavya_, {{"capacity", 1}}, std::nullopt)
                    .status();
              }).ok());
  ChatConversation first = Taken(kavya_);
  EXPECT_EQ(first.status, "active");
  auto v = NewVisitor();
  auto second = Start(&v.visitor, "Me too", "s-2");
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->conversation.status, "queued") << "Kavya has no room; nobody else is online";
  presence_.Connected(ws_, ravi_);
  ASSERT_TRUE(Act([&](WriteTx& tx, ChatEffects* fx) { return chat_.Route(tx, ws_, fx); }).ok());
  EXPECT_EQ(Conversation(second->conversation.id).offered_agent_id, ravi_);
}

TEST_F(ChatServiceTest, AHindiChatGoesToTheHindiSpeakingAgent) {
  presence_.Connected(ws_, kavya_);
  presence_.Connected(ws_, ravi_);
  presence_.Connected(ws_, meena_);
  auto v = NewVisitor("en");
  auto hindi = Start(&v.visitor, "मेरा पार्सल कहाँ है?", "h-1");
  ASSERT_TRUE(hindi.ok());
  EXPECT_EQ(hindi->conversation.language, "hi") << "the text's script decides over the page";
  EXPECT_EQ(hindi->conversation.offered_agent_id, ravi_);
  auto v2 = NewVisitor("kn");
  auto kannada = Start(&v2.visitor, "Hello, my parcel", "k-1");
  ASSERT_TRUE(kannada.ok());
  EXPECT_EQ(kannada->conversation.language, "kn") << "English text on a Kannada page";
  EXPECT_EQ(kannada->conversation.offered_agent_id, meena_);
  // Nobody speaks Tamil: any agent with room takes it.
  auto v3 = NewVisitor("ta");
  auto tamil = Start(&v3.visitor, "Hello", "t-1");
  ASSERT_TRUE(tamil.ok());
  EXPECT_TRUE(tamil->conversation.offered_agent_id.has_value());
}

TEST_F(ChatServiceTest, RoundRobinTakesTurnsAndLeastBusyFillsTheEmptiest) {
  presence_.Connected(ws_, kavya_);
  presence_.Connected(ws_, ravi_);
  std::vector<Id> offered;
  for (int i = 0; i < 4; ++i) {
    clock_.Advance(10);
    auto v = NewVisitor();
    auto s = Start(&v.visitor, "Hello", "rr-" + std::to_string(i));
    ASSERT_TRUE(s.ok());
    offered.push_back(s->conversation.offered_agent_id.value_or(0));
  }
  EXPECT_EQ(offered, (std::vector<Id>{kavya_, ravi_, kavya_, ravi_}));

  ASSERT_TRUE(Write([&](WriteTx& tx) {
                return chat_
                    .UpdateSettings(tx, Principal(admin_), {{"routing", "least_busy"}},
                                    std::nullopt)
                    .status();
              }).ok());
  ASSERT_TRUE(Write([&](WriteTx& tx) -> Status {
                ASSIGN_OR_RETURN(settings_, chat_.Settings(tx, ws_));
                return Status::Ok();
              }).ok());
  presence_.Connected(ws_, admin_);  // speaks English (her console's language)
  for (int i = 0; i < 2; ++i) {
    clock_.Advance(10);
    auto v = NewVisitor();
    auto s = Start(&v.visitor, "Hello", "lb-" + std::to_string(i));
    ASSERT_TRUE(s.ok());
    EXPECT_EQ(s->conversation.offered_agent_id, admin_) << "Asha has none, the others two";
  }
}

TEST_F(ChatServiceTest, ADeclinedOrLapsedOfferGoesToTheNextAgent) {
  presence_.Connected(ws_, kavya_);
  presence_.Connected(ws_, ravi_);
  auto v = NewVisitor();
  auto s = Start(&v.visitor, "Hello", "d-1");
  ASSERT_TRUE(s.ok());
  const Id c = s->conversation.id;
  ASSERT_EQ(s->conversation.offered_agent_id, kavya_);
  ChatEffects fx;
  ASSERT_TRUE(Act([&](WriteTx& tx, ChatEffects* f) { return chat_.Decline(tx, Agent(kavya_), c, f); },
                  &fx)
                  .ok());
  EXPECT_EQ(Conversation(c).offered_agent_id, ravi_);
  ASSERT_EQ(fx.unwatch.size(), 1u);
  EXPECT_EQ(fx.unwatch[0].second, kavya_);

  // Ravi lets it lapse: back to Kavya? No, she declined this round; it waits, and the next
  // tick starts a new round.
  clock_.Advance(30001);
  ASSERT_TRUE(Act([&](WriteTx& tx, ChatEffects* f) { return chat_.Tick(tx, ws_, f); }).ok());
  ChatConversation now = Conversation(c);
  EXPECT_EQ(now.status, "queued");
  EXPECT_EQ(now.declined, (std::vector<Id>{}))
      << "everyone online turned it down, so the next round starts";
  ASSERT_TRUE(Act([&](WriteTx& tx, ChatEffects* f) { return chat_.Tick(tx, ws_, f); }).ok());
  EXPECT_EQ(Conversation(c).status, "offered");
}

TEST_F(ChatServiceTest, AnAgentWhoStaysAwayPastTheGraceLosesTheirChats) {
  ChatConversation c = Taken(kavya_);
  presence_.Disconnected(ws_, kavya_);
  clock_.Advance(59000);
  ASSERT_TRUE(Act([&](WriteTx& tx, ChatEffects* f) { return chat_.Tick(tx, ws_, f); }).ok());
  EXPECT_EQ(Conversation(c.id).status, "active") << "within the grace period";
  // Back in time: nothing lost.
  presence_.Connected(ws_, kavya_);
  presence_.Disconnected(ws_, kavya_);
  clock_.Advance(60000);
  ChatEffects fx;
  ASSERT_TRUE(Act([&](WriteTx& tx, ChatEffects* f) { return chat_.Tick(tx, ws_, f); }, &fx).ok());
  ChatConversation now = Conversation(c.id);
  EXPECT_EQ(now.status, "queued");
  EXPECT_FALSE(now.agent_id.has_value());
  auto events = Events(c.id);
  ASSERT_GE(events.size(), 2u);
  EXPECT_EQ(events[events.size() - 2].kind, "left");
  EXPECT_EQ(events.back().kind, "queued");
  EXPECT_EQ(events.back().data["position"], 1) << "back at the front of the queue";
}

TEST_F(ChatServiceTest, TransfersToAnAgentOrAGroup) {
  Id group = 0;
  ASSERT_TRUE(Write([&](WriteTx& tx) -> Status {
                domain::Group g;
                g.workspace_id = ws_;
                g.name = "Returns";
                g.agent_ids = {meena_};
                RETURN_IF_ERROR(tx.InsertGroup(&g));
                group = g.id;
                return Status::Ok();
              }).ok());
  ChatConversation c = Taken(kavya_);
  presence_.Connected(ws_, ravi_);
  ChatEffects fx;
  ASSERT_TRUE(Act([&](WriteTx& tx, ChatEffects* f) {
                return chat_.Transfer(tx, Agent(kavya_), c.id, ravi_, std::nullopt, f);
              },
                  &fx)
                  .ok());
  ChatConversation now = Conversation(c.id);
  EXPECT_EQ(now.status, "offered");
  EXPECT_EQ(now.offered_agent_id, ravi_);
  ASSERT_GE(fx.events.size(), 2u);
  EXPECT_EQ(fx.events[0].kind, "transferred");
  EXPECT_EQ(fx.events[0].data["to"]["id"], ravi_);
  EXPECT_EQ(Send(Agent(kavya_), c.id, "still here?", "k-9").status().code(),
            Code::kPermissionDenied)
      << "Kavya gave it away";
  ASSERT_TRUE(Act([&](WriteTx& tx, ChatEffects* f) {
                return chat_.Accept(tx, Agent(ravi_), c.id, f);
              }).ok());
  presence_.Connected(ws_, meena_);
  ASSERT_TRUE(Act([&](WriteTx& tx, ChatEffects* f) {
                return chat_.Transfer(tx, Agent(ravi_), c.id, std::nullopt, group, f);
              }).ok());
  now = Conversation(c.id);
  EXPECT_EQ(now.group_id, group);
  EXPECT_EQ(now.offered_agent_id, meena_) << "the group's only member";
  EXPECT_EQ(Act([&](WriteTx& tx, ChatEffects* f) {
              return chat_.Transfer(tx, Agent(ravi_), c.id, std::nullopt, 424242, f);
            }).code(),
            Code::kPermissionDenied)
      << "Ravi no longer has it";
}

TEST_F(ChatServiceTest, OnlySupervisorsJoinAndThenMayWrite) {
  ChatConversation c = Taken(kavya_);
  EXPECT_EQ(Act([&](WriteTx& tx, ChatEffects* f) { return chat_.Join(tx, Agent(ravi_), c.id, f); })
                .code(),
            Code::kPermissionDenied);
  ChatEffects fx;
  ASSERT_TRUE(Act([&](WriteTx& tx, ChatEffects* f) { return chat_.Join(tx, Agent(admin_), c.id, f); },
                  &fx)
                  .ok());
  ASSERT_EQ(fx.watch.size(), 1u);
  EXPECT_EQ(fx.watch[0].agent_id, admin_);
  EXPECT_EQ(fx.events.back().kind, "joined");
  EXPECT_TRUE(Send(Agent(admin_), c.id, "Supervisor here", "ad-1").ok());
}

TEST_F(ChatServiceTest, EndingRecordsTheFiguresAndLeavesTheTicketOpen) {
  ChatConversation c = Taken(kavya_);
  clock_.Advance(1000);
  ASSERT_TRUE(Send(Agent(kavya_), c.id, "Hello!", "k-1").ok());
  clock_.Advance(9000);
  ChatEffects fx;
  ASSERT_TRUE(Act([&](WriteTx& tx, ChatEffects* f) { return chat_.End(tx, Agent(kavya_), c.id, f); },
                  &fx)
                  .ok());
  ChatConversation ended = Conversation(c.id);
  EXPECT_EQ(ended.status, "ended");
  EXPECT_FALSE(ended.missed);
  EXPECT_EQ(ended.duration_ms, 10000);
  EXPECT_EQ(ended.first_response_ms, 1000);
  EXPECT_EQ(ended.ended_by, "agent");
  EXPECT_EQ(fx.events.back().kind, "ended");
  EXPECT_EQ(fx.events.back().data["ticket_id"], c.ticket_id);
  domain::TicketStatus status;
  ASSERT_TRUE(Read([&](ReadTx& tx) -> Status {
                ASSIGN_OR_RETURN(auto t, tx.GetTicket(ws_, c.ticket_id));
                status = t.status;
                return Status::Ok();
              }).ok());
  EXPECT_EQ(status, domain::TicketStatus::kOpen) << "left open for the agent's follow-up";
  auto late = Send(Agent(kavya_), c.id, "one more thing", "k-2");
  EXPECT_EQ(late.status().kind(), "ended");
  EXPECT_TRUE(Send(Agent(kavya_), c.id, "Hello!", "k-1").ok())
      << "a resend of what was stored still gets its ack";

  // A chat nobody took is missed.
  auto v = NewVisitor();
  auto s = Start(&v.visitor, "anyone?", "m-1");
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE(Act([&](WriteTx& tx, ChatEffects* f) {
                return chat_.End(tx, ChatParty::Visitor(v.visitor, "Priya"), s->conversation.id,
                                 f);
              }).ok());
  ChatConversation missed = Conversation(s->conversation.id);
  EXPECT_EQ(missed.status, "missed");
  EXPECT_TRUE(missed.missed);
  EXPECT_FALSE(missed.wait_ms.has_value());
}

TEST_F(ChatServiceTest, TheTeamsNoticeGoesIntoAnEndedChatOnceAndAnswersNothing) {
  ChatConversation c = Taken(kavya_);
  ASSERT_TRUE(Act([&](WriteTx& tx, ChatEffects* f) {
                return chat_.End(tx, Agent(kavya_), c.id, f);
              }).ok());
  const ChatConversation ended = Conversation(c.id);
  // The chat's ticket is solved meanwhile: the notice must neither reopen nor answer it.
  ASSERT_TRUE(Write([&](WriteTx& tx) -> Status {
                TicketPatch p;
                p.status = domain::TicketStatus::kSolved;
                return tickets_.Update(tx, Principal(kavya_), c.ticket_id, p, std::nullopt)
                    .status();
              }).ok());
  ChatEffects fx;
  ChatPosted posted;
  const std::string text = "ನಿಮ್ಮ ಪಾರ್ಸೆಲ್ SHY1 ಇಂದು ಡೆಲಿವರಿಗೆ ಹೊರಟಿದೆ.";
  ASSERT_TRUE(Act([&](WriteTx& tx, ChatEffects* f) -> Status {
                ASSIGN_OR_RETURN(posted, chat_.PostNotice(tx, ws_, c.id, "Acme Courier", text,
                                                          "shipment-notice:7", f));
                return Status::Ok();
              },
              &fx)
                  .ok());
  EXPECT_FALSE(posted.duplicate);
  EXPECT_EQ(posted.event.seq, ended.last_seq + 1);
  EXPECT_EQ(posted.event.author, (ChatAuthor{"system", 0, "Acme Courier"}));
  ASSERT_EQ(fx.events.size(), 1u) << "for the hub: the visitor's widget shows it live";
  EXPECT_EQ(fx.events[0].text, text);
  const ChatConversation after = Conversation(c.id);
  EXPECT_EQ(after.status, "ended") << "a notice does not reopen the chat for the agents";
  EXPECT_EQ(after.first_response_ms, ended.first_response_ms);
  EXPECT_EQ(after.last_seq, posted.event.seq);

  // The visitor reads it after the end of the chat.
  const auto visitor_events = Read([&](ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(ChatVisitor v, tx.chat().GetVisitor(ws_, c.visitor_id));
    ASSIGN_OR_RETURN(auto events, chat_.EventsAfter(tx, ChatParty::Visitor(v, v.name), c.id,
                                                    ended.last_seq, 10));
    if (events.size() != 1 || events[0].text != text) return Internal("not shown to the visitor");
    return Status::Ok();
  });
  EXPECT_TRUE(visitor_events.ok()) << visitor_events.ToString();

  // Stored once: the same client_id again answers the same event and adds nothing.
  ChatPosted again;
  ASSERT_TRUE(Act([&](WriteTx& tx, ChatEffects* f) -> Status {
                ASSIGN_OR_RETURN(again, chat_.PostNotice(tx, ws_, c.id, "Acme Courier", text,
                                                         "shipment-notice:7", f));
                return Status::Ok();
              }).ok());
  EXPECT_TRUE(again.duplicate);
  EXPECT_EQ(again.event.seq, posted.event.seq);
  EXPECT_EQ(Events(c.id).size(), static_cast<size_t>(posted.event.seq));

  // On the ticket: a public line by the system (not an agent), the ticket still solved.
  auto messages = TicketMessages(c.ticket_id);
  ASSERT_FALSE(messages.empty());
  EXPECT_EQ(messages.back().body, text);
  EXPECT_EQ(messages.back().author_kind, domain::Actor::Kind::kSystem);
  EXPECT_TRUE(messages.back().is_public);
  EXPECT_EQ(std::count_if(messages.begin(), messages.end(),
                          [&](const domain::Message& m) { return m.body == text; }),
            1);
  ASSERT_TRUE(Read([&](ReadTx& tx) -> Status {
                ASSIGN_OR_RETURN(auto t, tx.GetTicket(ws_, c.ticket_id));
                EXPECT_EQ(t.status, domain::TicketStatus::kSolved);
                return Status::Ok();
              }).ok());
  EXPECT_EQ(MailQueued(), 0) << "never by e-mail";
}

TEST_F(ChatServiceTest, ReadPositionsAreKeptAndTold) {
  ChatConversation c = Taken(kavya_);
  ChatEffects fx;
  ASSERT_TRUE(Act([&](WriteTx& tx, ChatEffects* f) {
                return chat_.MarkRead(tx, Agent(kavya_), c.id, 99, f);
              },
                  &fx)
                  .ok());
  ASSERT_EQ(fx.reads.size(), 1u);
  EXPECT_EQ(fx.reads[0].seq, Conversation(c.id).last_seq) << "clamped to what exists";
  std::vector<ChatReadPosition> positions;
  ASSERT_TRUE(Read([&](ReadTx& tx) -> Status {
                ASSIGN_OR_RETURN(positions, tx.chat().ListReadPositions(ws_, c.id));
                return Status::Ok();
              }).ok());
  ASSERT_EQ(positions.size(), 1u);
  EXPECT_EQ(positions[0].reader_kind, "agent");
}

TEST_F(ChatServiceTest, VisitorsAreNotShownNotesAndOffers) {
  ChatConversation c = Taken(kavya_);
  ASSERT_TRUE(Send(Agent(kavya_), c.id, "internal", "n-1", true).ok());
  std::vector<ChatEvent> seen;
  ChatParty visitor{ChatParty::Kind::kVisitor, ws_, c.visitor_id, "Priya", false};
  ASSERT_TRUE(Read([&](ReadTx& tx) -> Status {
                ASSIGN_OR_RETURN(seen, chat_.EventsAfter(tx, visitor, c.id, 0, 100));
                return Status::Ok();
              }).ok());
  ASSERT_EQ(seen.size(), Events(c.id).size()) << "hidden events keep their place";
  for (const auto& e : seen) {
    EXPECT_NE(e.kind, "offered");
    EXPECT_FALSE(e.internal);
  }
  EXPECT_EQ(seen.back().kind, "") << "the internal note is a marker";
}

TEST_F(ChatServiceTest, SettingsNameEveryBadMemberAndKeepOriginsAsOrigins) {
  Status st = Write([&](WriteTx& tx) {
    return chat_
        .UpdateSettings(tx, Principal(admin_),
                        {{"allowed_origins", {"*", "https://Shop.Example.in/", "ftp://x"}},
                         {"routing", "random"},
                         {"offer_timeout_seconds", 1},
                         {"colour", "red"}},
                        std::nullopt)
        .status();
  });
  ASSERT_EQ(st.code(), Code::kInvalidArgument);
  std::set<std::string> fields;
  for (const auto& f : st.fields()) fields.insert(f.field);
  EXPECT_EQ(fields, (std::set<std::string>{"allowed_origins[0]", "allowed_origins[2]", "routing",
                                           "offer_timeout_seconds", "colour"}));
  auto ok = Write([&](WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto s, chat_.UpdateSettings(
                                 tx, Principal(admin_),
                                 {{"allowed_origins", {"https://Shop.Example.in/", "http://a.in:8080"}}},
                                 settings_.version));
    EXPECT_EQ(s.allowed_origins,
              (std::vector<std::string>{"https://shop.example.in", "http://a.in:8080"}));
    EXPECT_EQ(s.widget_key, settings_.widget_key);
    return Status::Ok();
  });
  EXPECT_TRUE(ok.ok()) << ok.ToString();
  Status stale = Write([&](WriteTx& tx) {
    return chat_.UpdateSettings(tx, Principal(admin_), {{"prechat", true}}, settings_.version)
        .status();
  });
  EXPECT_EQ(stale.code(), Code::kAborted);
  Status agent = Write([&](WriteTx& tx) {
    return chat_.UpdateSettings(tx, Principal(kavya_), {{"prechat", true}}, std::nullopt).status();
  });
  EXPECT_EQ(agent.code(), Code::kPermissionDenied);
}

TEST_F(ChatServiceTest, ARotatedWidgetKeyReplacesTheOld) {
  const std::string old_key = settings_.widget_key;
  ASSERT_EQ(old_key.rfind("wk_", 0), 0u);
  std::string new_key;
  ASSERT_TRUE(Write([&](WriteTx& tx) -> Status {
                ASSIGN_OR_RETURN(auto s, chat_.RotateWidgetKey(tx, Principal(admin_)));
                new_key = s.widget_key;
                return Status::Ok();
              }).ok());
  EXPECT_NE(new_key, old_key);
  Status gone = Read([&](ReadTx& tx) { return chat_.FindWidget(tx, old_key).status(); });
  EXPECT_EQ(gone.code(), Code::kNotFound);
  Status found = Read([&](ReadTx& tx) { return chat_.FindWidget(tx, new_key).status(); });
  EXPECT_TRUE(found.ok());
}

TEST_F(ChatServiceTest, ThePrechatFormAsksForAnAddressAndVisitorsHaveALimit) {
  ASSERT_TRUE(Write([&](WriteTx& tx) -> Status {
                ASSIGN_OR_RETURN(settings_, chat_.UpdateSettings(tx, Principal(admin_),
                                                                 {{"prechat", true}},
                                                                 std::nullopt));
                return Status::Ok();
              }).ok());
  auto v = NewVisitor();
  auto refused = Start(&v.visitor, "Hello", "p-1");
  ASSERT_EQ(refused.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(refused.status().fields().at(0).field, "email");
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(Start(&v.visitor, "Hello", "p-ok-" + std::to_string(i), nullptr,
                      "priya@example.in")
                    .ok());
  }
  auto sixth = Start(&v.visitor, "Hello", "p-6");
  EXPECT_EQ(sixth.status().kind(), "rate_limited") << "the address is remembered, the limit holds";
}

TEST_F(ChatServiceTest, TheFirstMessageKeepsTheLanguageTheChatDetected) {
  // The fixture's detector knows Hindi, Kannada and "en" for the rest; the store's own (CLD2)
  // would call this French. The chat detected the language to route by, and the store takes
  // that instead of running a second detection on the same text.
  auto v = NewVisitor("en");
  auto started = Start(&v.visitor,
                       "Bonjour, je n'ai toujours pas reçu mon colis. Pouvez-vous vérifier "
                       "la livraison, s'il vous plaît ?",
                       "lang-1");
  ASSERT_TRUE(started.ok()) << started.status().ToString();
  auto messages = TicketMessages(started->conversation.ticket_id);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].language, "en");
  auto hindi = Start(&v.visitor, "मेरा पार्सल कहाँ है?", "lang-2");
  ASSERT_TRUE(hindi.ok()) << hindi.status().ToString();
  messages = TicketMessages(hindi->conversation.ticket_id);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].language, "hi");
}

TEST_F(ChatServiceTest, AnOfflineMessageIsAnEmailTicket) {
  domain::Ticket t;
  ChatOfflineInput in{"Priya", "Priya@Example.in", "Please call me back", "hi"};
  ASSERT_TRUE(Write([&](WriteTx& tx) -> Status {
                ASSIGN_OR_RETURN(t, chat_.LeaveMessage(tx, settings_, in));
                return Status::Ok();
              }).ok());
  EXPECT_EQ(t.channel, domain::Channel::kEmail);
  EXPECT_EQ(t.subject, "Message from Priya (chat offline)");
  EXPECT_EQ(t.language, "hi");
  ChatOfflineInput bad{"", "not-an-address", "", ""};
  Status st = Write([&](WriteTx& tx) { return chat_.LeaveMessage(tx, settings_, bad).status(); });
  EXPECT_EQ(st.code(), Code::kInvalidArgument);
}

}  // namespace
}  // namespace sahayak::services
