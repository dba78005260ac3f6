#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "services/chat/chat_presence.h"
#include "services/chat/chat_service.h"
#include "services/mail/outbound_service.h"
#include "services/tickets/ticket_service.h"
#include "store/sqlite/sqlite_store.h"
#include "testing/fake_clock.h"
#include "testing/temp_dir.h"

namespace sahayak::testing {

// Live chat on a real SQLite store and a fake clock, for the chat tests: a workspace with chat
// switched on (from https://shop.example.in), an admin (supervisor) and three agents — Kavya
// (en), Ravi (hi, en) and Meena (kn) — and the mail observer wired in, so a test can check that
// nothing was queued for e-mail.
class ChatFixture : public ::testing::Test {
 protected:
  using Id = domain::Id;

  void SetUp() override {
    store::SqliteStoreOptions o;
    o.path = dir_.path() + "/chat.db";
    o.synchronous_full = false;
    store_ = std::move(store::SqliteStore::Open(o)).value();
    ASSERT_TRUE(Write([&](services::WriteTx& tx) -> Status {
                  services::Workspace w;
                  w.name = "Acme Courier";
                  RETURN_IF_ERROR(tx.InsertWorkspace(&w));
                  ws_ = w.id;
                  admin_ = AddAgent(tx, "Asha Admin", "asha@acme.in", domain::Role::kAdmin, {});
                  kavya_ = AddAgent(tx, "Kavya", "kavya@acme.in", domain::Role::kAgent, {"en"});
                  ravi_ = AddAgent(tx, "Ravi", "ravi@acme.in", domain::Role::kAgent, {"hi", "en"});
                  meena_ = AddAgent(tx, "Meena", "meena@acme.in", domain::Role::kAgent, {"kn"});
                  return Status::Ok();
                }).ok());
    ASSERT_TRUE(Write([&](services::WriteTx& tx) -> Status {
                  auto s = chat_.UpdateSettings(
                      tx, Principal(admin_),
                      {{"enabled", true}, {"allowed_origins", {"https://shop.example.in"}},
                       {"prechat", false}, {"offer_timeout_seconds", 30},
                       {"agent_grace_seconds", 60}},
                      std::nullopt);
                  if (s.ok()) settings_ = *s;
                  return s.status();
                }).ok());
  }

  Id AddAgent(services::WriteTx& tx, const std::string& name, const std::string& email,
              domain::Role role, std::vector<std::string> languages) {
    domain::Agent a;
    a.workspace_id = ws_;
    a.name = name;
    a.email = email;
    a.role = role;
    EXPECT_TRUE(tx.InsertAgent(&a).ok());
    if (!languages.empty()) {
      services::ChatAgentProfile p;
      p.workspace_id = ws_;
      p.agent_id = a.id;
      p.languages = std::move(languages);
      p.version = 1;
      EXPECT_TRUE(tx.chat().PutAgentProfile(p).ok());
    }
    return a.id;
  }

  template <typename Fn>
  Status Write(Fn fn) {
    return store_->Write([&](services::WriteTx& tx) -> Status { return fn(tx); });
  }
  template <typename Fn>
  Status Read(Fn fn) {
    return store_->Read([&](services::ReadTx& tx) -> Status { return fn(tx); });
  }

  services::Principal Principal(Id agent_id) {
    services::Principal p;
    p.workspace_id = ws_;
    p.agent_id = agent_id;
    p.role = agent_id == admin_ ? domain::Role::kAdmin : domain::Role::kAgent;
    p.name = agent_id == admin_   ? "Asha Admin"
             : agent_id == kavya_ ? "Kavya"
             : agent_id == ravi_  ? "Ravi"
                                  : "Meena";
    return p;
  }
  services::ChatParty Agent(Id agent_id) { return services::ChatParty::Agent(Principal(agent_id)); }

  // A new visitor (and its token).
  services::ChatVisitorSession NewVisitor(const std::string& language = "en") {
    services::ChatVisitorSession v;
    EXPECT_TRUE(Write([&](services::WriteTx& tx) -> Status {
                  ASSIGN_OR_RETURN(v, chat_.OpenVisitor(tx, settings_, "", language,
                                                        "https://shop.example.in/track"));
                  return Status::Ok();
                }).ok());
    return v;
  }

  Result<services::ChatPosted> Start(services::ChatVisitor* v, const std::string& text,
                                     const std::string& client_id,
                                     services::ChatEffects* fx = nullptr,
                                     const std::string& email = "") {
    services::ChatStartInput in;
    in.client_id = client_id;
    in.text = text;
    in.name = "Priya";
    in.email = email;
    services::ChatPosted out;
    services::ChatEffects local;
    Status st = Write([&](services::WriteTx& tx) -> Status {
      local = services::ChatEffects();
      ASSIGN_OR_RETURN(out, chat_.Start(tx, settings_, v, in, &local));
      return Status::Ok();
    });
    if (fx != nullptr) *fx = local;
    if (!st.ok()) return st;
    return out;
  }

  Result<services::ChatPosted> Send(const services::ChatParty& who, Id conversation,
                                    const std::string& text, const std::string& client_id,
                                    bool internal = false, services::ChatEffects* fx = nullptr) {
    services::ChatSendInput in;
    in.conversation_id = conversation;
    in.client_id = client_id;
    in.text = text;
    in.internal = internal;
    services::ChatPosted out;
    services::ChatEffects local;
    Status st = Write([&](services::WriteTx& tx) -> Status {
      local = services::ChatEffects();
      ASSIGN_OR_RETURN(out, chat_.Send(tx, who, in, &local));
      return Status::Ok();
    });
    if (fx != nullptr) *fx = local;
    if (!st.ok()) return st;
    return out;
  }

  // Runs `fn(tx, fx)` in a write and returns its status; the effects land in `*fx` when given.
  template <typename Fn>
  Status Act(Fn fn, services::ChatEffects* fx = nullptr) {
    services::ChatEffects local;
    Status st = Write([&](services::WriteTx& tx) -> Status {
      local = services::ChatEffects();
      return fn(tx, &local);
    });
    if (fx != nullptr) *fx = local;
    return st;
  }

  services::ChatConversation Conversation(Id id) {
    services::ChatConversation c;
    EXPECT_TRUE(Read([&](services::ReadTx& tx) -> Status {
                  ASSIGN_OR_RETURN(c, tx.chat().GetConversation(ws_, id));
                  return Status::Ok();
                }).ok());
    return c;
  }

  std::vector<services::ChatEvent> Events(Id conversation) {
    std::vector<services::ChatEvent> out;
    EXPECT_TRUE(Read([&](services::ReadTx& tx) -> Status {
                  ASSIGN_OR_RETURN(out, tx.chat().ListEventsAfter(ws_, conversation, 0, 1000));
                  return Status::Ok();
                }).ok());
    return out;
  }

  TempDir dir_;
  FakeClock clock_;
  std::unique_ptr<store::SqliteStore> store_;
  services::MailOutboundService outbound_{clock_};
  services::TicketService tickets_{clock_, &outbound_};
  services::ChatPresence presence_{clock_};
  services::NoAssistant assistant_;
  // Hindi and Kannada by script, as DetectLanguage (base/language.h) does for short text.
  services::ChatService chat_{clock_, tickets_, presence_, &assistant_,
                              [](std::string_view text) -> std::string {
                                for (size_t i = 0; i + 2 < text.size(); ++i) {
                                  unsigned char a = text[i], b = text[i + 1];
                                  if (a == 0xE0 && (b == 0xA4 || b == 0xA5)) return "hi";
                                  if (a == 0xE0 && (b == 0xB2 || b == 0xB3)) return "kn";
                                }
                                return "en";
                              }};
  services::ChatSettings settings_;
  Id ws_ = 0, admin_ = 0, kavya_ = 0, ravi_ = 0, meena_ = 0;
};

}  // namespace sahayak::testing
