// The chat socket's protocol (ChatConnection) without a socket: frames in, frames and close
// codes out through a recording transport, on a real store (testing/chat_fixture.h).
#include "api/chat_connection.h"

#include <gtest/gtest.h>

#include "testing/chat_fixture.h"

namespace sahayak::api {
namespace {

using nlohmann::json;

class RecordingTransport : public ChatTransport {
 public:
  void Send(std::string frame) override {
    std::lock_guard<std::mutex> lock(mu);
    if (close_code == 0) frames.push_back(json::parse(frame));
  }
  void Close(int code, std::string) override {
    std::lock_guard<std::mutex> lock(mu);
    if (close_code == 0) close_code = code;
  }
  void WhenDrained(std::function<void()> fn) override {
    std::lock_guard<std::mutex> lock(mu);
    drained = std::move(fn);
  }
  // The frames since the last call, as a client that reads them all gets them: each time it
  // has read everything, the connection may send the next page.
  std::vector<json> Take() {
    std::vector<json> out;
    while (true) {
      std::function<void()> next;
      {
        std::lock_guard<std::mutex> lock(mu);
        out.insert(out.end(), frames.begin(), frames.end());
        frames.clear();
        next.swap(drained);
      }
      if (!next) return out;
      next();
    }
  }
  // What was sent without the client reading (no pages after the first).
  size_t Pending() {
    std::lock_guard<std::mutex> lock(mu);
    return frames.size();
  }
  std::mutex mu;
  std::vector<json> frames;
  std::function<void()> drained;
  int close_code = 0;
};

class ChatConnectionTest : public sahayak::testing::ChatFixture {
 protected:
  struct Client {
    std::shared_ptr<RecordingTransport> transport;
    std::shared_ptr<ChatConnection> conn;
    void Frame(const json& j) { conn->OnText(j.dump()); }
    std::vector<json> Take() { return transport->Take(); }
  };

  Client Visitor() {
    ChatAdmission a;
    a.settings = settings_;
    a.origin = "https://shop.example.in";
    auto t = std::make_shared<RecordingTransport>();
    return {t, endpoint_->Open(a, t)};
  }

  Client AgentClient(Id agent) {
    ChatAdmission a;
    a.agent = true;
    a.who = Principal(agent);
    auto t = std::make_shared<RecordingTransport>();
    return {t, endpoint_->Open(a, t)};
  }

  static std::vector<std::string> Types(const std::vector<json>& frames) {
    std::vector<std::string> out;
    for (const auto& f : frames) {
      std::string t = f["type"];
      if (t == "event") t += ":" + f["kind"].get<std::string>();
      out.push_back(t);
    }
    return out;
  }

  void SetUp() override {
    ChatFixture::SetUp();
    auth_ = std::make_unique<services::AuthService>(*store_, clock_, services::AuthOptions{});
    endpoint_ = std::make_unique<ChatEndpoint>(*store_, chat_, hub_, *auth_,
                                               ChatEndpointOptions{});
  }

  std::unique_ptr<services::AuthService> auth_;
  services::ChatHub hub_;
  std::unique_ptr<ChatEndpoint> endpoint_;
};

TEST_F(ChatConnectionTest, AVisitorGetsATokenStartsAChatAndIsAcked) {
  Client v = Visitor();
  v.Frame({{"type", "hello"}, {"language", "en"}, {"page", "https://shop.example.in/"}});
  auto welcome = v.Take();
  ASSERT_EQ(welcome.size(), 1u);
  EXPECT_EQ(welcome[0]["type"], "welcome");
  EXPECT_EQ(welcome[0]["token"].get<std::string>().rfind("vt_", 0), 0u);
  EXPECT_EQ(welcome[0]["online"], false);
  EXPECT_EQ(welcome[0]["conversations"], json::array());
  EXPECT_TRUE(v.conn->greeted());

  v.Frame({{"type", "start"}, {"client_id", "c-1"}, {"text", "Where is my parcel?"}});
  auto frames = v.Take();
  EXPECT_EQ(Types(frames), (std::vector<std::string>{"event:message", "event:queued", "ack"}));
  EXPECT_EQ(frames[0]["seq"], 1);
  EXPECT_EQ(frames[1]["position"], 1);
  EXPECT_EQ(frames[2]["client_id"], "c-1");
  EXPECT_EQ(frames[2]["seq"], 1);
}

TEST_F(ChatConnectionTest, AfterAReconnectResumingAndResendingLoseAndRepeatNothing) {
  Client first = Visitor();
  first.Frame({{"type", "hello"}});
  const std::string token = first.Take()[0]["token"];
  first.Frame({{"type", "start"}, {"client_id", "c-1"}, {"text", "One"}});
  const Id conv = first.Take()[0]["conversation_id"];
  first.Frame({{"type", "send"}, {"conversation_id", conv}, {"client_id", "c-2"}, {"text", "Two"}});
  EXPECT_EQ(Types(first.Take()), (std::vector<std::string>{"event:message", "ack"}));
  first.conn->OnClosed();

  // The client saw seq 1 only, and never got the ack of c-2.
  Client second = Visitor();
  second.Frame({{"type", "hello"}, {"token", token}, {"resume", {{std::to_string(conv), 1}}}});
  auto frames = second.Take();
  EXPECT_FALSE(frames[0].contains("token")) << "a known visitor keeps their token";
  ASSERT_EQ(frames[0]["conversations"].size(), 1u);
  EXPECT_EQ(Types(frames), (std::vector<std::string>{"welcome", "event:queued", "event:message"}));
  EXPECT_EQ(frames[2]["seq"], 3);
  second.Frame({{"type", "send"}, {"conversation_id", conv}, {"client_id", "c-2"}, {"text", "Two"}});
  frames = second.Take();
  EXPECT_EQ(Types(frames), (std::vector<std::string>{"ack"})) << "stored once, acked again";
  EXPECT_EQ(frames[0]["seq"], 3);
  EXPECT_EQ(Events(conv).size(), 3u);
}

TEST_F(ChatConnectionTest, AnotherVisitorsTokenOrConversationIsNotTheirs) {
  Client owner = Visitor();
  owner.Frame({{"type", "hello"}});
  owner.Take();
  owner.Frame({{"type", "start"}, {"client_id", "c-1"}, {"text", "Private"}});
  const Id conv = owner.Take()[0]["conversation_id"];

  Client stranger = Visitor();
  stranger.Frame({{"type", "hello"}});
  stranger.Take();
  stranger.Frame({{"type", "resume"}, {"conversation_id", conv}, {"after", 0}});
  auto frames = stranger.Take();
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(frames[0]["code"], "not_found");
  stranger.Frame({{"type", "send"}, {"conversation_id", conv}, {"client_id", "x"}, {"text", "hi"}});
  EXPECT_EQ(stranger.Take()[0]["code"], "not_found");
  stranger.Frame({{"type", "typing"}, {"conversation_id", conv}, {"active", true}});
  EXPECT_EQ(stranger.Take()[0]["code"], "not_found");

  Client forger = Visitor();
  forger.Frame({{"type", "hello"}, {"token", "vt_made-up"}});
  EXPECT_EQ(forger.transport->close_code, 4401);
}

TEST_F(ChatConnectionTest, BadFramesGetTheirCodesAndTheConnectionCarriesOn) {
  Client v = Visitor();
  v.Frame({{"type", "ping"}});
  EXPECT_EQ(v.Take()[0]["code"], "bad_request") << "hello comes first";
  v.Frame({{"type", "hello"}});
  v.Take();
  v.Frame({{"type", "dance"}});
  auto frames = v.Take();
  EXPECT_EQ(frames[0]["code"], "bad_request");
  EXPECT_EQ(frames[0]["ref"], "dance");
  v.Frame({{"type", "accept"}, {"conversation_id", 1}});
  EXPECT_EQ(v.Take()[0]["code"], "bad_request") << "agents' frames are not for visitors";
  v.Frame({{"type", "ping"}});
  EXPECT_EQ(v.Take()[0]["type"], "pong");
  EXPECT_EQ(v.transport->close_code, 0);
  v.conn->OnText("{not json");
  EXPECT_EQ(v.transport->close_code, 4400);

  Client b = Visitor();
  b.conn->OnBinary();
  EXPECT_EQ(b.transport->close_code, 4400);
}

TEST_F(ChatConnectionTest, AFloodClosesWith4429) {
  Client v = Visitor();
  v.Frame({{"type", "hello"}});
  int sent = 1;
  while (v.transport->close_code == 0 && sent < 1000) {
    v.Frame({{"type", "ping"}});
    ++sent;
  }
  EXPECT_EQ(v.transport->close_code, 4429);
  EXPECT_EQ(sent, 101) << "20 a second for 5 seconds, at one instant";
  // At 20 a second a client never hits the limit.
  Client calm = Visitor();
  calm.Frame({{"type", "hello"}});
  for (int i = 0; i < 300; ++i) {
    clock_.Advance(50);
    calm.Frame({{"type", "ping"}});
  }
  EXPECT_EQ(calm.transport->close_code, 0);
}

TEST_F(ChatConnectionTest, AgentAndVisitorChatBothWays) {
  Client agent = AgentClient(kavya_);
  agent.Frame({{"type", "hello"}});
  auto frames = agent.Take();
  EXPECT_EQ(Types(frames), (std::vector<std::string>{"welcome", "queue"}));
  EXPECT_EQ(frames[0]["agent_id"], kavya_);
  EXPECT_EQ(frames[0]["presence"], "online");
  EXPECT_EQ(frames[0]["capacity"], 3);

  Client v = Visitor();
  v.Frame({{"type", "hello"}});
  EXPECT_EQ(v.Take()[0]["online"], true);
  v.Frame({{"type", "start"}, {"client_id", "c-1"}, {"text", "Hello"}});
  auto vf = v.Take();
  EXPECT_EQ(Types(vf), (std::vector<std::string>{"event:message", "event:queued", "ack"}))
      << "the offer is for agents only";
  const Id conv = vf[0]["conversation_id"];
  frames = agent.Take();
  EXPECT_EQ(Types(frames), (std::vector<std::string>{"event:offered", "queue"}));
  EXPECT_EQ(frames[0]["agent"]["id"], kavya_);
  EXPECT_EQ(frames[1]["waiting"][0]["conversation_id"], conv);

  agent.Frame({{"type", "accept"}, {"conversation_id", conv}});
  EXPECT_EQ(Types(agent.Take()), (std::vector<std::string>{"event:joined", "queue"}));
  EXPECT_EQ(Types(v.Take()), (std::vector<std::string>{"event:joined"}));

  agent.Frame({{"type", "send"}, {"conversation_id", conv}, {"client_id", "a-1"},
               {"text", "नमस्ते, मैं कविता हूँ"}});
  EXPECT_EQ(Types(agent.Take()), (std::vector<std::string>{"event:message", "ack"}));
  vf = v.Take();
  ASSERT_EQ(Types(vf), (std::vector<std::string>{"event:message"}));
  EXPECT_EQ(vf[0]["text"], "नमस्ते, मैं कविता हूँ");
  EXPECT_EQ(vf[0]["author"]["name"], "Kavya");

  agent.Frame({{"type", "send"}, {"conversation_id", conv}, {"client_id", "a-2"},
               {"text", "note"}, {"internal", true}});
  agent.Take();
  EXPECT_TRUE(v.Take().empty()) << "internal notes stay with the agents";

  v.Frame({{"type", "typing"}, {"conversation_id", conv}, {"active", true}});
  auto typing = agent.Take();
  ASSERT_EQ(typing.size(), 1u);
  EXPECT_EQ(typing[0]["type"], "typing");
  EXPECT_EQ(typing[0]["author"]["kind"], "visitor");
  v.Frame({{"type", "read"}, {"conversation_id", conv}, {"seq", 6}});
  EXPECT_EQ(agent.Take()[0]["type"], "read");

  agent.Frame({{"type", "decline"}, {"conversation_id", conv}});
  EXPECT_EQ(agent.Take()[0]["code"], "forbidden");

  v.Frame({{"type", "end"}, {"conversation_id", conv}});
  vf = v.Take();
  EXPECT_EQ(Types(vf), (std::vector<std::string>{"event:ended"}));
  EXPECT_EQ(v.transport->close_code, 1000) << "the visitor's last conversation ended";
  EXPECT_EQ(Types(agent.Take()), (std::vector<std::string>{"event:ended"}));
}

TEST_F(ChatConnectionTest, AGapInTheLiveEventsIsReadFromTheStore) {
  Client v = Visitor();
  v.Frame({{"type", "hello"}});
  v.Take();
  v.Frame({{"type", "start"}, {"client_id", "c-1"}, {"text", "One"}});
  const Id conv = v.Take()[0]["conversation_id"];
  // Two messages commit, but the hub hands the second to the connection first.
  services::ChatParty party;
  party.workspace_id = ws_;
  party.id = Conversation(conv).visitor_id;
  auto a = Send(party, conv, "Two", "c-2");
  auto b = Send(party, conv, "Three", "c-3");
  ASSERT_TRUE(a.ok() && b.ok());
  v.conn->Deliver(b->event);
  v.conn->Deliver(a->event);
  auto frames = v.Take();
  ASSERT_EQ(frames.size(), 2u);
  EXPECT_EQ(frames[0]["seq"], 3);
  EXPECT_EQ(frames[1]["seq"], 4);
  v.conn->Deliver(b->event);
  EXPECT_TRUE(v.Take().empty()) << "nothing twice";
}

TEST_F(ChatConnectionTest, ALongHistoryIsSentAPageAtATimeAsTheClientReads) {
  Client v = Visitor();
  v.Frame({{"type", "hello"}});
  const std::string token = v.Take()[0]["token"];
  v.Frame({{"type", "start"}, {"client_id", "c-0"}, {"text", "0"}});
  const Id conv = v.Take()[0]["conversation_id"];
  services::ChatParty party;
  party.workspace_id = ws_;
  party.id = Conversation(conv).visitor_id;
  for (int i = 1; i <= 150; ++i) {
    ASSERT_TRUE(Send(party, conv, std::to_string(i), "c-" + std::to_string(i)).ok());
  }
  v.conn->OnClosed();
  Client again = Visitor();
  again.Frame({{"type", "hello"}, {"token", token}, {"resume", {{std::to_string(conv), 0}}}});
  EXPECT_EQ(again.transport->Pending(), 1u + 64u) << "welcome and the first page only";
  auto frames = again.Take();
  ASSERT_EQ(frames.size(), 1u + 152u);
  for (size_t i = 1; i < frames.size(); ++i) EXPECT_EQ(frames[i]["seq"], static_cast<int>(i));
  // A live event while a page is pending waits its turn in the store.
  ASSERT_TRUE(Send(party, conv, "live", "c-live").ok());
  Client third = Visitor();
  third.Frame({{"type", "hello"}, {"token", token}, {"resume", {{std::to_string(conv), 0}}}});
  services::ChatEvent live;
  ASSERT_TRUE(Read([&](services::ReadTx& tx) -> Status {
                ASSIGN_OR_RETURN(live, tx.chat().FindEventByClientId(ws_, conv, "c-live"));
                return Status::Ok();
              }).ok());
  third.conn->Deliver(live);
  frames = third.Take();
  ASSERT_EQ(frames.size(), 1u + 153u);
  EXPECT_EQ(frames.back()["text"], "live");
  EXPECT_EQ(third.transport->close_code, 0);
}

TEST_F(ChatConnectionTest, AnAgentWhoLeavesIsGoneFromPresence) {
  Client agent = AgentClient(ravi_);
  agent.Frame({{"type", "hello"}});
  EXPECT_EQ(presence_.Available(ws_), (std::vector<Id>{ravi_}));
  agent.Frame({{"type", "presence"}, {"state", "away"}});
  EXPECT_TRUE(presence_.Available(ws_).empty());
  agent.Frame({{"type", "presence"}, {"state", "online"}});
  agent.conn->OnClosed();
  EXPECT_TRUE(presence_.Available(ws_).empty());
  EXPECT_TRUE(presence_.GoneSince(ws_, ravi_).has_value());
  EXPECT_EQ(hub_.connections(), 0u);
}

}  // namespace
}  // namespace sahayak::api
