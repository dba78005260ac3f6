// ChatHub's fan-out with recording sinks: who is told what, in which order, and that nobody is
// told after leaving.
#include "services/chat/chat_hub.h"

#include <gtest/gtest.h>

namespace sahayak::services {
namespace {

class RecordingSink : public ChatSink {
 public:
  void Begin(Id conversation_id, int64_t after_seq) override {
    log.push_back("begin " + std::to_string(conversation_id) + " after " +
                  std::to_string(after_seq));
  }
  void Finish(Id conversation_id) override {
    log.push_back("finish " + std::to_string(conversation_id));
  }
  void Deliver(const ChatEvent& e) override {
    log.push_back("event " + std::to_string(e.conversation_id) + "#" + std::to_string(e.seq));
  }
  void DeliverRead(Id conversation_id, const ChatAuthor& author, int64_t seq) override {
    log.push_back("read " + std::to_string(conversation_id) + " " + author.kind + " " +
                  std::to_string(seq));
  }
  void SendFrame(const std::string& frame) override { log.push_back("frame " + frame); }
  void CloseWith(int code, const std::string&) override {
    log.push_back("close " + std::to_string(code));
  }
  std::vector<std::string> log;
};

ChatEvent Event(Id conversation, int64_t seq) {
  ChatEvent e;
  e.conversation_id = conversation;
  e.seq = seq;
  e.kind = "message";
  return e;
}

TEST(ChatHub, EventsReachTheWatchersOfTheirConversationOnly) {
  ChatHub hub;
  auto visitor = std::make_shared<RecordingSink>();
  auto other = std::make_shared<RecordingSink>();
  hub.AddVisitor(visitor);
  hub.AddVisitor(other);
  hub.Watch(visitor, 1);
  hub.Watch(other, 2);
  ChatEffects fx;
  fx.workspace_id = 9;
  fx.events = {Event(1, 1), Event(1, 2), Event(2, 1)};
  hub.Publish(fx);
  EXPECT_EQ(visitor->log, (std::vector<std::string>{"event 1#1", "event 1#2"}));
  EXPECT_EQ(other->log, (std::vector<std::string>{"event 2#1"}));
}

TEST(ChatHub, AnOfferMakesTheAgentsConnectionsWatchBeforeTheEventAndAnUnwatchStopsThem) {
  ChatHub hub;
  auto laptop = std::make_shared<RecordingSink>();
  auto phone = std::make_shared<RecordingSink>();
  auto colleague = std::make_shared<RecordingSink>();
  hub.AddAgent(9, 5, laptop);
  hub.AddAgent(9, 5, phone);
  hub.AddAgent(9, 6, colleague);
  ChatEffects offer;
  offer.workspace_id = 9;
  offer.watch = {{3, 5, 4}};
  offer.events = {Event(3, 4)};
  hub.Publish(offer);
  for (auto* sink : {laptop.get(), phone.get()}) {
    EXPECT_EQ(sink->log, (std::vector<std::string>{"begin 3 after 3", "event 3#4"}));
  }
  EXPECT_TRUE(colleague->log.empty());
  EXPECT_EQ(hub.AgentConnections(9, 5), 2u);

  ChatEffects declined;
  declined.workspace_id = 9;
  declined.unwatch = {{3, 5}};
  hub.Publish(declined);
  ChatEffects later;
  later.events = {Event(3, 5)};
  hub.Publish(later);
  EXPECT_EQ(laptop->log.back(), "finish 3");
}

TEST(ChatHub, TypingSkipsTheSenderAndQueueFramesStayInTheirWorkspace) {
  ChatHub hub;
  auto a = std::make_shared<RecordingSink>();
  auto b = std::make_shared<RecordingSink>();
  auto elsewhere = std::make_shared<RecordingSink>();
  hub.AddAgent(1, 10, a);
  hub.AddVisitor(b);
  hub.AddAgent(2, 20, elsewhere);
  hub.Watch(a, 7);
  hub.Watch(b, 7);
  hub.Relay(7, a.get(), "typing");
  EXPECT_TRUE(a->log.empty());
  EXPECT_EQ(b->log, (std::vector<std::string>{"frame typing"}));
  hub.ToAgents(1, "queue");
  EXPECT_EQ(a->log, (std::vector<std::string>{"frame queue"}));
  EXPECT_TRUE(elsewhere->log.empty());
}

TEST(ChatHub, AFrameForOneAgentReachesAllTheirConnectionsOnly) {
  ChatHub hub;
  auto tab1 = std::make_shared<RecordingSink>();
  auto tab2 = std::make_shared<RecordingSink>();
  auto colleague = std::make_shared<RecordingSink>();
  hub.AddAgent(1, 10, tab1);
  hub.AddAgent(1, 10, tab2);
  hub.AddAgent(1, 11, colleague);
  hub.ToAgent(1, 10, "presence away");
  EXPECT_EQ(tab1->log, (std::vector<std::string>{"frame presence away"}));
  EXPECT_EQ(tab2->log, (std::vector<std::string>{"frame presence away"}));
  EXPECT_TRUE(colleague->log.empty());
}

TEST(ChatHub, ARemovedSinkIsToldNothingAndCloseAllClosesTheRest) {
  ChatHub hub;
  auto gone = std::make_shared<RecordingSink>();
  auto staying = std::make_shared<RecordingSink>();
  hub.AddAgent(1, 10, gone);
  hub.AddVisitor(staying);
  hub.Watch(gone, 4);
  hub.Watch(staying, 4);
  hub.Remove(gone.get());
  EXPECT_EQ(hub.connections(), 1u);
  EXPECT_EQ(hub.AgentConnections(1, 10), 0u);
  ChatEffects fx;
  fx.events = {Event(4, 1)};
  hub.Publish(fx);
  hub.Watch(gone, 4);  // a late watch of a closed sink is ignored
  hub.Publish(fx);
  EXPECT_TRUE(gone->log.empty());
  hub.CloseAll(1001, "bye");
  EXPECT_EQ(staying->log, (std::vector<std::string>{"event 4#1", "event 4#1", "close 1001"}));
}

}  // namespace
}  // namespace sahayak::services
