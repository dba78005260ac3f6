// What clients show beside a conversation: the supervisors' list of live chats (admins only),
// visitor names and read positions in summaries and offers, and the visitors' signed links to
// the files of their own conversation. A real SQLite store on a fake clock.
#include <gtest/gtest.h>

#include "services/chat/chat_links.h"
#include "services/chat/chat_service.h"
#include "testing/chat_fixture.h"

namespace sahayak::services {
namespace {

using nlohmann::json;

class ChatViewsTest : public sahayak::testing::ChatFixture {
 protected:
  ChatService Linked() {
    ChatServiceOptions o;
    o.link_key = DeriveChatLinkKey(std::string(32, 's'));
    return ChatService(clock_, tickets_, presence_, &assistant_, nullptr, o);
  }

  Result<std::vector<ChatConversationView>> Live(Id who, Id after = 0, int limit = 100) {
    std::vector<ChatConversationView> out;
    Status st = Read([&](ReadTx& tx) -> Status {
      ASSIGN_OR_RETURN(out, chat_.LiveConversations(tx, Principal(who), after, limit));
      return Status::Ok();
    });
    if (!st.ok()) return st;
    return out;
  }

  // A message event with a file in conversation `c`, as Send stores it.
  void StoreFileMessage(const ChatConversation& c, Id attachment_id, bool internal) {
    ASSERT_TRUE(Write([&](WriteTx& tx) -> Status {
                  ChatConversation now_c;
                  ASSIGN_OR_RETURN(now_c, tx.chat().GetConversation(ws_, c.id));
                  ChatEvent e;
                  e.workspace_id = ws_;
                  e.conversation_id = c.id;
                  e.seq = now_c.last_seq + 1;
                  e.kind = "message";
                  e.author = {"agent", kavya_, "Kavya"};
                  e.client_id = "file-" + std::to_string(attachment_id);
                  e.internal = internal;
                  json file = {{"id", attachment_id},
                               {"name", "bill.pdf"},
                               {"url", "/api/v1/attachments/1/content"}};
                  e.data = {{"attachments", json::array({file})}};
                  e.created_at = clock_.Now();
                  RETURN_IF_ERROR(tx.chat().InsertEvent(&e));
                  now_c.last_seq = e.seq;
                  return tx.chat().UpdateConversation(now_c);
                }).ok());
  }
};

TEST_F(ChatViewsTest, SupervisorsListLiveChatsWithVisitorAgentAndFiguresAgentsMayNot) {
  presence_.Connected(ws_, kavya_);
  auto v1 = NewVisitor();
  auto first = Start(&v1.visitor, "Where is my parcel?", "a-1");
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(Act([&](WriteTx& tx, ChatEffects* fx) {
                return chat_.Accept(tx, Agent(kavya_), first->conversation.id, fx);
              }).ok());
  auto v2 = NewVisitor();
  auto second = Start(&v2.visitor, "Hello", "a-2");
  ASSERT_TRUE(second.ok());
  auto v3 = NewVisitor();
  auto ended = Start(&v3.visitor, "Bye", "a-3");
  ASSERT_TRUE(ended.ok());
  ASSERT_TRUE(Act([&](WriteTx& tx, ChatEffects* fx) {
                return chat_.End(tx, ChatParty::Visitor(v3.visitor, "Priya"),
                                 ended->conversation.id, fx);
              }).ok());

  auto live = Live(admin_);
  ASSERT_TRUE(live.ok()) << live.status().ToString();
  ASSERT_EQ(live->size(), 2u) << "the ended chat is not live";
  const ChatConversationView& a = (*live)[0];
  EXPECT_EQ(a.conversation.id, first->conversation.id);
  EXPECT_EQ(a.conversation.status, "active");
  EXPECT_EQ(a.conversation.agent_id, kavya_);
  EXPECT_EQ(a.visitor_name, "Priya");
  EXPECT_TRUE(a.conversation.wait_ms.has_value());
  EXPECT_GT(a.conversation.ticket_id, 0);
  EXPECT_EQ((*live)[1].conversation.id, second->conversation.id);

  auto page = Live(admin_, first->conversation.id, 1);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->size(), 1u);
  EXPECT_EQ((*page)[0].conversation.id, second->conversation.id);

  auto denied = Live(kavya_);
  EXPECT_EQ(denied.status().code(), Code::kPermissionDenied);
}

TEST_F(ChatViewsTest, SummariesCarryHowFarEachSideRead) {
  presence_.Connected(ws_, kavya_);
  auto v = NewVisitor();
  auto started = Start(&v.visitor, "Hi", "r-1");
  ASSERT_TRUE(started.ok());
  const Id c = started->conversation.id;
  ASSERT_TRUE(Act([&](WriteTx& tx, ChatEffects* fx) {
                return chat_.Accept(tx, Agent(kavya_), c, fx);
              }).ok());
  ASSERT_TRUE(Send(Agent(kavya_), c, "Hello Priya", "r-2").ok());
  const int64_t last = Conversation(c).last_seq;
  ASSERT_TRUE(Act([&](WriteTx& tx, ChatEffects* fx) {
                return chat_.MarkRead(tx, ChatParty::Visitor(v.visitor, "Priya"), c, last, fx);
              }).ok());
  ASSERT_TRUE(Act([&](WriteTx& tx, ChatEffects* fx) {
                return chat_.MarkRead(tx, Agent(kavya_), c, 1, fx);
              }).ok());
  ChatConversationView view;
  ASSERT_TRUE(Read([&](ReadTx& tx) -> Status {
                ASSIGN_OR_RETURN(view, chat_.Describe(tx, Conversation(c)));
                return Status::Ok();
              }).ok());
  EXPECT_EQ(view.read_seq_visitor, last);
  EXPECT_EQ(view.read_seq_agent, 1);
  EXPECT_EQ(view.visitor_name, "Priya");
}

TEST_F(ChatViewsTest, AnOfferNamesTheVisitorAndTheTicket) {
  presence_.Connected(ws_, kavya_);
  auto v = NewVisitor();
  ChatEffects fx;
  auto started = Start(&v.visitor, "Hi", "o-1", &fx);
  ASSERT_TRUE(started.ok());
  const ChatEvent* offered = nullptr;
  for (const auto& e : fx.events) {
    if (e.kind == "offered") offered = &e;
  }
  ASSERT_NE(offered, nullptr);
  EXPECT_EQ(offered->data["visitor"]["name"], "Priya");
  EXPECT_EQ(offered->data["ticket_id"], started->conversation.ticket_id);
  EXPECT_EQ(offered->data["read_seq_visitor"], 0);
}

TEST_F(ChatViewsTest, VisitorLinksOpenOnlyTheirConversationsShownFiles) {
  ChatService linked = Linked();
  ChatConversation c = [&] {
    presence_.Connected(ws_, kavya_);
    auto v = NewVisitor();
    auto started = Start(&v.visitor, "Hi", "f-1");
    EXPECT_TRUE(started.ok());
    return started->conversation;
  }();
  StoreFileMessage(c, 55, /*internal=*/false);
  StoreFileMessage(c, 56, /*internal=*/true);
  ChatEvent shown;
  ASSERT_TRUE(Read([&](ReadTx& tx) -> Status {
                ASSIGN_OR_RETURN(auto events, tx.chat().ListEventsAfter(ws_, c.id, 0, 100));
                for (const auto& e : events) {
                  if (e.client_id == "file-55") shown = e;
                }
                return Status::Ok();
              }).ok());
  json files = linked.VisitorAttachments(shown);
  ASSERT_EQ(files.size(), 1u);
  const std::string url = files[0]["url"];
  const std::string want_prefix =
      "/api/v1/chat/attachments/55?w=" + std::to_string(ws_) + "&c=" + std::to_string(c.id) + "&e=";
  EXPECT_TRUE(url.starts_with(want_prefix)) << url;
  EXPECT_EQ(files[0]["name"], "bill.pdf");
  const int64_t e = clock_.Now() / 1000 + kChatLinkLifetimeSeconds;
  const std::string sig = url.substr(url.find("&s=") + 3);
  auto check = [&](Id conv, Id file, int64_t expires, const std::string& s) {
    return Read([&](ReadTx& tx) -> Status {
      return linked.CheckVisitorLink(tx, ws_, conv, file, expires, s);
    });
  };
  EXPECT_TRUE(check(c.id, 55, e, sig).ok());
  EXPECT_EQ(check(c.id, 55, e, sig + "x").kind(), "link-invalid");
  EXPECT_EQ(check(c.id + 1, 55, e, sig).kind(), "link-invalid");
  const std::string key = DeriveChatLinkKey(std::string(32, 's'));
  const std::string note_sig = ChatLinkSignature(key, {56, ws_, c.id, e});
  EXPECT_EQ(check(c.id, 56, e, note_sig).code(), Code::kNotFound)
      << "a file of an internal note is not the visitor's";
  const std::string other_sig = ChatLinkSignature(key, {77, ws_, c.id, e});
  EXPECT_EQ(check(c.id, 77, e, other_sig).code(), Code::kNotFound);
  clock_.Advance((kChatLinkLifetimeSeconds + 1) * 1000);
  EXPECT_EQ(check(c.id, 55, e, sig).kind(), "link-expired");
  // Without a key (the fixture's service) visitors get no link at all.
  EXPECT_FALSE(chat_.VisitorAttachments(shown)[0].contains("url"));
}

}  // namespace
}  // namespace sahayak::services
