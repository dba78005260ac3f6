// The chat socket's frames (docs/chat.md): every client frame read with its checks and error
// codes, and the server's frames written.
#include "services/chat/chat_frames.h"

#include <gtest/gtest.h>

#include "base/text.h"

namespace sahayak::services::chat_frames {
namespace {

using nlohmann::json;

ParsedFrame P(const std::string& text) { return ParseClientFrame(text); }

TEST(ChatFrames, ReadsHelloWithItsResumeMap) {
  auto p = P(R"({"type":"hello","token":"vt_abc","language":"hi","page":"https://shop.example.in/",
                 "resume":{"12":4,"7":0}})");
  ASSERT_TRUE(p.frame) << p.error.message;
  EXPECT_EQ(p.frame->type, FrameType::kHello);
  EXPECT_EQ(p.frame->token, "vt_abc");
  EXPECT_EQ(p.frame->language, "hi");
  EXPECT_EQ(p.frame->resume, (std::vector<std::pair<Id, int64_t>>{{7, 0}, {12, 4}}));
  EXPECT_FALSE(P(R"({"type":"hello","resume":{"x":1}})").frame);
  EXPECT_FALSE(P(R"({"type":"hello","resume":{"5":-1}})").frame);
  EXPECT_FALSE(P(R"({"type":"hello","language":"english!"})").frame);
  EXPECT_EQ(P(R"({"type":"hello","page":")" + std::string(2001, 'a') + R"("})").error.code,
            "bad_request");
}

TEST(ChatFrames, NotAJsonObjectClosesWith4400) {
  for (const char* bad : {"", "not json", "[1,2]", "\"hello\"", "42", "{\"type\":\"ping\"",
                          "\xff\xfe{}"}) {
    auto p = P(bad);
    EXPECT_FALSE(p.frame) << bad;
    EXPECT_EQ(p.error.close_code, 4400) << bad;
  }
  EXPECT_EQ(P(std::string(20, '[') + std::string(20, ']')).error.close_code, 4400)
      << "nesting beyond 16 levels";
  EXPECT_EQ(P("{\"type\":\"ping\",\"x\":\"" + std::string(17000, 'a') + "\"}").error.close_code,
            1009);
}

TEST(ChatFrames, AMissingOrUnknownTypeIsABadRequestThatKeepsTheConnection) {
  auto none = P(R"({"text":"hi"})");
  EXPECT_EQ(none.error.code, "bad_request");
  EXPECT_EQ(none.error.close_code, 0);
  auto unknown = P(R"({"type":"dance"})");
  EXPECT_EQ(unknown.error.code, "bad_request");
  EXPECT_EQ(unknown.error.ref, "dance");
  EXPECT_NE(unknown.error.message.find("dance"), std::string::npos);
  EXPECT_EQ(P(R"({"type":7})").error.code, "bad_request");
}

TEST(ChatFrames, SendNamesTheBadMemberAndRefersToTheClientId) {
  auto ok = P(R"({"type":"send","conversation_id":3,"client_id":"6f1c-aa","text":"  hi  ",
                  "attachments":[4,4,5],"internal":true})");
  ASSERT_TRUE(ok.frame) << ok.error.message;
  EXPECT_EQ(ok.frame->text, "hi");
  EXPECT_EQ(ok.frame->attachments, (std::vector<Id>{4, 5}));
  EXPECT_TRUE(ok.frame->internal);
  auto no_id = P(R"({"type":"send","client_id":"c1","text":"hi"})");
  EXPECT_EQ(no_id.error.code, "bad_request");
  EXPECT_NE(no_id.error.message.find("conversation_id"), std::string::npos);
  EXPECT_EQ(no_id.error.ref, "c1");
  EXPECT_EQ(P(R"({"type":"send","conversation_id":0,"client_id":"c","text":"x"})").error.code,
            "bad_request");
  EXPECT_EQ(P(R"({"type":"send","conversation_id":"3","client_id":"c","text":"x"})").error.code,
            "bad_request");
  EXPECT_EQ(P(R"({"type":"send","conversation_id":3,"client_id":"a b","text":"x"})").error.code,
            "bad_request");
  EXPECT_EQ(P(R"({"type":"send","conversation_id":3,"client_id":"c","text":"   "})").error.code,
            "bad_request");
  EXPECT_EQ(P(R"({"type":"send","conversation_id":3,"client_id":"c","text":"a\u0007b"})")
                .error.code,
            "bad_request");
  EXPECT_TRUE(P(R"({"type":"send","conversation_id":3,"client_id":"c","text":"a\nb"})").frame);
}

TEST(ChatFrames, TextIsNfcAndAtMost4000Characters) {
  // "क़" written decomposed (क + nukta) and e + combining acute.
  auto p = P("{\"type\":\"start\",\"client_id\":\"c\",\"text\":\"\xE0\xA4\x95\xE0\xA4\xBC e\xCC\x81\"}");
  ASSERT_TRUE(p.frame);
  EXPECT_EQ(p.frame->text, ToNfc(p.frame->text));
  EXPECT_EQ(p.frame->text, "\xE0\xA4\x95\xE0\xA4\xBC \xC3\xA9");
  std::string hindi;
  for (int i = 0; i < 4000; ++i) hindi += "\xE0\xA4\x95";  // क: 3 bytes, 12,000 in all
  EXPECT_TRUE(P("{\"type\":\"start\",\"client_id\":\"c\",\"text\":\"" + hindi + "\"}").frame);
  auto over = P("{\"type\":\"start\",\"client_id\":\"c\",\"text\":\"" + hindi + "x\"}");
  EXPECT_EQ(over.error.code, "too_long");
  EXPECT_EQ(over.error.close_code, 0);
}

TEST(ChatFrames, ARefusedFrameAboutAConversationNamesIt) {
  auto over = P("{\"type\":\"send\",\"conversation_id\":42,\"client_id\":\"c\",\"text\":\"" +
                std::string(4001, 'x') + "\"}");
  ASSERT_FALSE(over.frame);
  EXPECT_EQ(over.error.code, "too_long");
  EXPECT_EQ(over.error.conversation_id, 42);
  auto no_conv = P("{\"type\":\"start\",\"text\":\"hi\"}");
  EXPECT_EQ(no_conv.error.conversation_id, 0);
  json frame = json::parse(ErrorFrame("not_found", "no such conversation 42", "c", 42));
  EXPECT_EQ(frame["conversation_id"], 42);
  EXPECT_EQ(frame["ref"], "c");
  EXPECT_FALSE(json::parse(ErrorFrame("bad_request", "send hello first", "send"))
                   .contains("conversation_id"));
}

TEST(ChatFrames, StartChecksThePrechatMembers) {
  auto p = P(R"({"type":"start","client_id":"c","text":"hi","name":" Priya ",
                 "email":"priya@example.in","fields":{"order":"A-1"}})");
  ASSERT_TRUE(p.frame) << p.error.message;
  EXPECT_EQ(p.frame->name, "Priya");
  EXPECT_EQ(p.frame->fields, json({{"order", "A-1"}}));
  EXPECT_EQ(P(R"({"type":"start","client_id":"c","text":"hi","email":"nope"})").error.code,
            "bad_request");
  EXPECT_EQ(P(R"({"type":"start","client_id":"c","text":"hi","fields":{"a":1}})").error.code,
            "bad_request");
}

TEST(ChatFrames, AgentFrames) {
  auto t = P(R"({"type":"transfer","conversation_id":9,"group_id":2})");
  ASSERT_TRUE(t.frame);
  EXPECT_EQ(t.frame->group_id, 2);
  EXPECT_FALSE(t.frame->agent_id);
  EXPECT_FALSE(P(R"({"type":"transfer","conversation_id":9})").frame);
  EXPECT_FALSE(P(R"({"type":"transfer","conversation_id":9,"agent_id":1,"group_id":2})").frame);
  EXPECT_TRUE(P(R"({"type":"presence","state":"away"})").frame);
  EXPECT_FALSE(P(R"({"type":"presence","state":"asleep"})").frame);
  for (const char* type : {"accept", "decline", "join", "end"}) {
    EXPECT_TRUE(P(std::string("{\"type\":\"") + type + "\",\"conversation_id\":1}").frame) << type;
    EXPECT_FALSE(P(std::string("{\"type\":\"") + type + "\"}").frame) << type;
  }
  EXPECT_TRUE(P(R"({"type":"typing","conversation_id":1,"active":false})").frame);
  EXPECT_FALSE(P(R"({"type":"typing","conversation_id":1,"active":"yes"})").frame);
  EXPECT_TRUE(P(R"({"type":"read","conversation_id":1,"seq":0})").frame);
  EXPECT_TRUE(P(R"({"type":"resume","conversation_id":1,"after":5})").frame);
  EXPECT_TRUE(P(R"({"type":"ping"})").frame);
}

TEST(ChatFrames, EventsAsClientsSeeThem) {
  ChatEvent m;
  m.conversation_id = 4;
  m.seq = 7;
  m.kind = "message";
  m.author = {"agent", 2, "Kavya"};
  m.text = "नमस्ते";
  m.client_id = "c-1";
  m.created_at = 1767225600000;
  json j = json::parse(EventFrame(m));
  EXPECT_EQ(j, json::parse(R"({"type":"event","conversation_id":4,"seq":7,"at":1767225600000,
    "kind":"message","author":{"kind":"agent","id":2,"name":"Kavya"},"text":"नमस्ते",
    "client_id":"c-1","internal":false,"attachments":[]})"));
  ChatEvent ended;
  ended.kind = "ended";
  ended.data = {{"by", "visitor"}, {"ticket_id", 31}};
  j = json::parse(EventFrame(ended));
  EXPECT_EQ(j["by"], "visitor");
  EXPECT_EQ(j["ticket_id"], 31);
  ChatEvent offered;
  offered.kind = "offered";
  EXPECT_FALSE(VisitorSees(offered));
  m.internal = true;
  EXPECT_FALSE(VisitorSees(m));
  EXPECT_EQ(json::parse(AckFrame("c-1", 4, 7)),
            json::parse(R"({"type":"ack","client_id":"c-1","conversation_id":4,"seq":7})"));
  EXPECT_EQ(json::parse(ErrorFrame("not_found", "no such conversation 9", "send"))["code"],
            "not_found");
}

}  // namespace
}  // namespace sahayak::services::chat_frames
