// MacroService on a real SQLite store and a fake clock.
#include "services/macros/macro_service.h"

#include <gtest/gtest.h>

#include "store/sqlite/sqlite_store.h"
#include "testing/fake_clock.h"
#include "testing/temp_dir.h"

namespace sahayak::services {
namespace {

using nlohmann::json;

class MacroServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store::SqliteStoreOptions o;
    o.path = dir_.path() + "/t.db";
    o.synchronous_full = false;
    store_ = std::move(store::SqliteStore::Open(o)).value();
    ASSERT_TRUE(Write([&](WriteTx& tx) -> Status {
                  Workspace w;
                  w.name = "Demo";
                  RETURN_IF_ERROR(tx.InsertWorkspace(&w));
                  domain::Group g;
                  g.workspace_id = w.id;
                  g.name = "Shipping";
                  RETURN_IF_ERROR(tx.InsertGroup(&g));
                  shipping_ = g.id;
                  g = {};
                  g.workspace_id = w.id;
                  g.name = "Accounts";
                  RETURN_IF_ERROR(tx.InsertGroup(&g));
                  accounts_ = g.id;
                  for (Principal* p : {&admin_, &asha_, &bhaskar_}) {
                    domain::Agent a;
                    a.workspace_id = w.id;
                    a.name = p == &admin_ ? "Admin" : p == &asha_ ? "आशा राव" : "Bhaskar";
                    a.email = std::to_string(reinterpret_cast<uintptr_t>(p)) + "@example.in";
                    a.role = p == &admin_ ? domain::Role::kAdmin : domain::Role::kAgent;
                    if (p == &asha_) a.group_ids = {shipping_};
                    RETURN_IF_ERROR(tx.InsertAgent(&a));
                    p->workspace_id = w.id;
                    p->agent_id = a.id;
                    p->name = a.name;
                    p->role = a.role;
                  }
                  TicketCreate c;
                  c.subject = "पार्सल कहाँ है?";
                  c.message.body = "मेरा पार्सल कहाँ है?";
                  c.requester.email = "sunita@example.in";
                  c.requester.name = "श्रीमती सुनीता शर्मा";
                  c.language = "hi";
                  ASSIGN_OR_RETURN(auto t, tickets_.Create(tx, admin_, c));
                  ticket_ = t.id;
                  return Status::Ok();
                }).ok());
  }

  Status Write(const std::function<Status(WriteTx&)>& fn) { return store_->Write(fn); }

  Result<domain::Macro> Create(const Principal& who, const json& body) {
    domain::Macro m;
    Status st = Write([&](WriteTx& tx) -> Status {
      ASSIGN_OR_RETURN(m, macros_.Create(tx, who, body));
      return Status::Ok();
    });
    if (!st.ok()) return st;
    return m;
  }

  Result<MacroOutcome> Apply(const Principal& who, domain::Id macro, bool send) {
    MacroOutcome out;
    Status st = Write([&](WriteTx& tx) -> Status {
      ASSIGN_OR_RETURN(out, macros_.Apply(tx, who, ticket_, macro, send));
      return Status::Ok();
    });
    if (!st.ok()) return st;
    return out;
  }

  Result<MacroOutcome> Preview(const Principal& who, domain::Id macro) {
    MacroOutcome out;
    Status st = store_->Read([&](ReadTx& tx) -> Status {
      ASSIGN_OR_RETURN(out, macros_.Preview(tx, who, ticket_, macro));
      return Status::Ok();
    });
    if (!st.ok()) return st;
    return out;
  }

  std::vector<std::string> Names(const Principal& who, MacroQuery q = {}) {
    std::vector<std::string> names;
    EXPECT_TRUE(store_
                    ->Read([&](ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(auto list, macros_.List(tx, who, q));
                      for (const auto& m : list) names.push_back(m.name);
                      return Status::Ok();
                    })
                    .ok());
    return names;
  }

  domain::Ticket Ticket() {
    domain::Ticket t;
    EXPECT_TRUE(store_
                    ->Read([&](ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(t, tx.GetTicket(admin_.workspace_id, ticket_));
                      return Status::Ok();
                    })
                    .ok());
    return t;
  }

  json Escalate() {
    return {{"name", "Escalate to supervisors"},
            {"shared", true},
            {"actions",
             {{{"type", "set_priority"}, {"value", "urgent"}},
              {{"type", "set_group"}, {"value", accounts_}},
              {{"type", "add_tags"}, {"value", {"escalated"}}},
              {{"type", "add_note"}, {"value", "Escalated by {{agent.first_name}}"}}}},
            {"reply",
             {{"en", "Hi {{ticket.requester.first_name | default: \"there\"}}, we escalated it."},
              {"hi",
               "नमस्ते {{ticket.requester.first_name}}, हमने टिकट #{{ticket.number}} आगे "
               "बढ़ाया है।"}}}};
  }

  testing::TempDir dir_;
  testing::FakeClock clock_;
  std::unique_ptr<store::SqliteStore> store_;
  TicketService tickets_{clock_};
  MacroService macros_{clock_, tickets_};
  Principal admin_, asha_, bhaskar_;
  domain::Id shipping_ = 0, accounts_ = 0, ticket_ = 0;
};

std::string FieldMessage(const Status& st, const std::string& field) {
  for (const auto& f : st.fields()) {
    if (f.field == field) return f.message;
  }
  return "";
}

TEST_F(MacroServiceTest, ApplyChangesFieldsNamesTheMacroAndCountsTheUse) {
  auto m = Create(admin_, Escalate());
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  clock_.Advance(1000);
  auto out = Apply(asha_, m->id, /*send=*/false);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->reply, "नमस्ते सुनीता, हमने टिकट #1 आगे बढ़ाया है।");
  EXPECT_EQ(out->reply_language, "hi");
  EXPECT_EQ(out->notes, std::vector<std::string>{"Escalated by आशा"});
  domain::Ticket t = Ticket();
  EXPECT_EQ(t.priority, domain::Priority::kUrgent);
  EXPECT_EQ(t.group_id, accounts_);
  EXPECT_EQ(t.tags, std::vector<std::string>{"escalated"});
  EXPECT_EQ(out->macro.usage_count, 1);

  // The update's audit event names the macro; so does the note's.
  int naming = 0;
  ASSERT_TRUE(store_
                  ->Read([&](ReadTx& tx) -> Status {
                    AuditFilter f;
                    f.entity_type = "ticket";
                    f.entity_id = ticket_;
                    ASSIGN_OR_RETURN(auto page, tx.ListAuditEvents(admin_.workspace_id, f, {}));
                    for (const auto& e : page.items) {
                      if (e.changes.contains("via") && e.changes["via"]["macro"]["id"] == m->id) {
                        ++naming;
                      }
                    }
                    ASSIGN_OR_RETURN(auto stored, tx.macros().GetMacro(admin_.workspace_id, m->id));
                    EXPECT_EQ(stored.usage_count, 1);
                    EXPECT_EQ(stored.last_used_at, clock_.Now());
                    EXPECT_EQ(stored.version, 1);
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(naming, 2);  // ticket.updated and ticket.noted
}

TEST_F(MacroServiceTest, PreviewShowsTheChangesAndWritesNothing) {
  auto m = Create(admin_, Escalate());
  ASSERT_TRUE(m.ok());
  domain::Ticket before = Ticket();
  auto p = Preview(bhaskar_, m->id);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->changes["priority"], json({"normal", "urgent"}));
  EXPECT_EQ(p->changes["group_id"], json({nullptr, accounts_}));
  EXPECT_EQ(p->changes["tags"], json::array({json::array(), json::array({"escalated"})}));
  EXPECT_FALSE(p->changes.contains("subject"));
  EXPECT_EQ(p->reply_language, "hi");
  domain::Ticket after = Ticket();
  EXPECT_EQ(after.version, before.version);
  EXPECT_EQ(after.priority, before.priority);
  ASSERT_TRUE(store_
                  ->Read([&](ReadTx& tx) -> Status {
                    ASSIGN_OR_RETURN(auto stored, tx.macros().GetMacro(admin_.workspace_id, m->id));
                    EXPECT_EQ(stored.usage_count, 0);
                    return Status::Ok();
                  })
                  .ok());
}

TEST_F(MacroServiceTest, SendPostsTheReplyInTheTicketsLanguage) {
  auto m = Create(
      admin_,
      {{"name", "Close: resolved"},
       {"shared", true},
       {"actions", {{{"type", "set_status"}, {"value", "solved"}}}},
       {"reply", {{"en", "Glad we could help, {{ticket.requester.name}}."}, {"kn", "ಧನ್ಯವಾದಗಳು"}}}});
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  auto out = Apply(bhaskar_, m->id, /*send=*/true);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  // No Hindi variant: the macro's default language.
  EXPECT_EQ(out->reply, "Glad we could help, श्रीमती सुनीता शर्मा.");
  ASSERT_TRUE(out->sent.has_value());
  EXPECT_TRUE(out->sent->is_public);
  EXPECT_EQ(out->sent->body, out->reply);
  EXPECT_EQ(Ticket().status, domain::TicketStatus::kSolved);
}

TEST_F(MacroServiceTest, WhoSeesWhich) {
  ASSERT_TRUE(Create(admin_, Escalate()).ok());
  json shipping_only = Escalate();
  shipping_only["name"] = "Shipping only";
  shipping_only["group_id"] = shipping_;
  ASSERT_TRUE(Create(admin_, shipping_only).ok());
  auto mine = Create(bhaskar_, {{"name", "मेरा मैक्रो"}, {"reply", {{"en", "Hi"}}}});
  ASSERT_TRUE(mine.ok()) << mine.status().ToString();
  EXPECT_FALSE(mine->shared());

  EXPECT_EQ(Names(asha_), (std::vector<std::string>{"Escalate to supervisors", "Shipping only"}));
  EXPECT_EQ(Names(bhaskar_), (std::vector<std::string>{"Escalate to supervisors", "मेरा मैक्रो"}));
  EXPECT_EQ(Names(admin_), (std::vector<std::string>{"Escalate to supervisors", "Shipping only"}));
  MacroQuery q;
  q.q = "मैक्रो";
  EXPECT_EQ(Names(bhaskar_, q), std::vector<std::string>{"मेरा मैक्रो"});
  // Another agent's personal macro does not exist for them, nor can they apply it.
  EXPECT_EQ(Apply(asha_, mine->id, false).status().code(), Code::kNotFound);

  auto shared = Create(bhaskar_, {{"name", "x"}, {"shared", true}, {"reply", {{"en", "Hi"}}}});
  EXPECT_EQ(shared.status().code(), Code::kPermissionDenied);
}

TEST_F(MacroServiceTest, BadInputNamesEveryMemberAndWritesNothing) {
  auto m = Create(
      admin_, {{"name", ""},
               {"shared", true},
               {"default_language", "fr"},
               {"actions",
                {{{"type", "set_group"}, {"value", 999}}, {{"type", "set_status"}, {"value", 3}}}},
               {"reply", {{"hi", "नमस्ते {{ticket.requester.nam}}"}}}});
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(FieldMessage(m.status(), "name"), "is required");
  EXPECT_NE(FieldMessage(m.status(), "default_language"), "");
  EXPECT_EQ(FieldMessage(m.status(), "actions[0].value"), "999 is not a group of this workspace");
  EXPECT_EQ(FieldMessage(m.status(), "actions[1].value"), "must be a string");
  EXPECT_EQ(FieldMessage(m.status(), "reply.hi"),
            "unknown placeholder {{ticket.requester.nam}} at character 8");
  EXPECT_TRUE(Names(admin_).empty());
  auto empty = Create(admin_, {{"name", "Nothing"}});
  EXPECT_EQ(FieldMessage(empty.status(), "actions"),
            "a macro needs at least one action or a reply");
}

TEST_F(MacroServiceTest, ApplyThatCannotWorkChangesNothing) {
  auto m = Create(admin_, Escalate());
  ASSERT_TRUE(m.ok());
  // The group goes away after the macro was written.
  ASSERT_TRUE(
      Write([&](WriteTx& tx) { return tx.DeleteGroup(admin_.workspace_id, accounts_); }).ok());
  domain::Ticket before = Ticket();
  auto out = Apply(asha_, m->id, false);
  ASSERT_FALSE(out.ok());
  EXPECT_NE(FieldMessage(out.status(), "actions[1].value").find("no longer exists"),
            std::string::npos)
      << out.status().ToString();
  EXPECT_EQ(Ticket().version, before.version);
}

}  // namespace
}  // namespace sahayak::services
