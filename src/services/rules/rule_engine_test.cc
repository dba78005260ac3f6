// Triggers and automations on a real SQLite store with a fake clock: a trigger acts on a new
// ticket with every change in the audit history under its name; triggers run in order and
// again after one acts (each once per event); a customer's message is an event and an agent's
// reply is not; a rule's own changes never fire rules; a rule that keeps acting on one ticket
// is held back; an automation acts once per ticket when its time has come, and a notice to
// agents waits for their business hours.
#include "services/rules/rule_engine.h"

#include <gtest/gtest.h>

#include "services/hours/hours_service.h"
#include "services/rules/rule_service.h"
#include "store/sqlite/sqlite_store.h"
#include "testing/fake_clock.h"
#include "testing/temp_dir.h"

namespace sahayak::services {
namespace {

using nlohmann::json;

Millis At(const char* rfc3339) {
  Millis t = 0;
  EXPECT_TRUE(ParseRfc3339(rfc3339, &t)) << rfc3339;
  return t;
}

class RuleEngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store::SqliteStoreOptions o;
    o.path = dir_.path() + "/t.db";
    o.synchronous_full = false;
    store_ = std::move(store::SqliteStore::Open(o)).value();
    clock_.Set(At("2026-12-07T10:00:00+05:30"));  // a Monday morning in India
    ASSERT_TRUE(Write([&](WriteTx& tx) -> Status {
                  Workspace w;
                  w.name = "Demo";
                  RETURN_IF_ERROR(tx.InsertWorkspace(&w));
                  ws_ = w.id;
                  domain::Agent a;
                  a.workspace_id = w.id;
                  a.name = "Asha";
                  a.email = "asha@demo.test";
                  RETURN_IF_ERROR(tx.InsertAgent(&a));
                  domain::Agent b = a;
                  b.name = "Bhaskar";
                  b.email = "bhaskar@demo.test";
                  RETURN_IF_ERROR(tx.InsertAgent(&b));
                  domain::Group g;
                  g.workspace_id = w.id;
                  g.name = "Shipping";
                  g.agent_ids = {a.id, b.id};
                  RETURN_IF_ERROR(tx.InsertGroup(&g));
                  group_ = g.id;
                  domain::Organisation org;
                  org.workspace_id = w.id;
                  org.name = "Acme";
                  org.tier = domain::Tier::kEnterprise;
                  org.domains = {"acme.in"};
                  RETURN_IF_ERROR(tx.InsertOrganisation(&org));
                  admin_.workspace_id = agent_.workspace_id = w.id;
                  admin_.agent_id = agent_.agent_id = a.id;
                  admin_.role = domain::Role::kAdmin;
                  admin_.name = agent_.name = "Asha";
                  return Status::Ok();
                }).ok());
    engine_.set_webhook_queuer([this](WriteTx&, Id, const domain::Rule& r, Id ticket_id,
                                      const domain::Action& a, const json& body) {
      webhooks_.push_back({r.name, a.url, body});
      return Status::Ok();
    });
  }

  Status Write(const std::function<Status(WriteTx&)>& fn) { return store_->Write(fn); }

  domain::Rule Create(domain::RuleKind kind, const json& body) {
    domain::Rule r;
    Status st = Write([&](WriteTx& tx) -> Status {
      ASSIGN_OR_RETURN(r, rules_.Create(tx, admin_, kind, body));
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.message() << " "
                         << (st.fields().empty() ? "" : st.fields()[0].field + ": " +
                                                            st.fields()[0].message);
    return r;
  }

  domain::Ticket NewTicket(const std::string& email, domain::Channel channel,
                           const std::string& body = "मेरा पार्सल अभी तक नहीं आया") {
    domain::Ticket t;
    EXPECT_TRUE(Write([&](WriteTx& tx) -> Status {
                  TicketCreate in;
                  in.subject = "पार्सल कहाँ है?";
                  in.message.body = body;
                  in.requester.email = email;
                  in.requester.name = "Meera Rao";
                  in.channel = channel;
                  ASSIGN_OR_RETURN(t, tickets_.Create(tx, agent_, in));
                  return Status::Ok();
                }).ok());
    return t;
  }

  int RunTriggers() {
    int total = 0;
    while (true) {
      auto n = engine_.RunTriggers(*store_, 50);
      EXPECT_TRUE(n.ok()) << n.status().message();
      if (!n.ok() || *n == 0) return total;
      total += *n;
    }
  }

  domain::Ticket Get(Id id) {
    domain::Ticket t;
    EXPECT_TRUE(store_->Read([&](ReadTx& tx) -> Status {
                  ASSIGN_OR_RETURN(t, tx.GetTicket(ws_, id));
                  return Status::Ok();
                }).ok());
    return t;
  }

  // "<action> via <rule kind>:<rule name>" for each audit event on the ticket a rule made.
  std::vector<std::string> RuleAudit(Id ticket_id) {
    std::vector<std::string> out;
    EXPECT_TRUE(store_->Read([&](ReadTx& tx) -> Status {
                  AuditFilter f;
                  f.entity_type = "ticket";
                  f.entity_id = ticket_id;
                  ASSIGN_OR_RETURN(auto page, tx.ListAuditEvents(ws_, f, PageRequest{std::nullopt, 100}));
                  for (const auto& e : page.items) {
                    if (!e.changes.contains("via") || !e.changes["via"].is_object()) continue;
                    for (const char* k : {"trigger", "automation"}) {
                      if (e.changes["via"].contains(k)) {
                        out.push_back(e.action + " via " + k + ":" +
                                      e.changes["via"][k].value("name", ""));
                      }
                    }
                  }
                  return Status::Ok();
                }).ok());
    std::sort(out.begin(), out.end());
    return out;
  }

  std::vector<domain::Message> Messages(Id ticket_id) {
    std::vector<domain::Message> out;
    EXPECT_TRUE(store_->Read([&](ReadTx& tx) -> Status {
                  ASSIGN_OR_RETURN(auto page, tx.ListMessages(ws_, ticket_id, PageRequest{std::nullopt, 100}));
                  out = page.items;
                  return Status::Ok();
                }).ok());
    return out;
  }

  std::vector<domain::MailOutboxItem> Outbox() {
    std::vector<domain::MailOutboxItem> out;
    EXPECT_TRUE(store_->Read([&](ReadTx& tx) -> Status {
                  ASSIGN_OR_RETURN(auto page, tx.ListMailOutbox(ws_, "queued", PageRequest{std::nullopt, 100}));
                  out = page.items;
                  return Status::Ok();
                }).ok());
    return out;
  }

  struct Hook {
    std::string rule;
    std::string url;
    json body;
  };

  testing::TempDir dir_;
  std::unique_ptr<store::SqliteStore> store_;
  testing::FakeClock clock_;
  TicketService tickets_{clock_};
  MacroService macros_{clock_, tickets_};
  RuleService rules_{clock_, [](std::string_view s) -> Result<std::string> {
                       return "sealed:" + std::string(s);
                     }};
  RuleEngine engine_{clock_, tickets_, macros_};
  Principal admin_, agent_;
  Id ws_ = 0, group_ = 0;
  std::vector<Hook> webhooks_;
};

TEST_F(RuleEngineTest, TriggerActsOnANewTicketUnderItsName) {
  Create(domain::RuleKind::kTrigger,
         {{"name", "Enterprise first"},
          {"events", {"ticket.created"}},
          {"conditions", {{"all", {{{"field", "tier"}, {"operator", "is"}, {"value", "enterprise"}}}}}},
          {"actions",
           {{{"type", "set_priority"}, {"value", "urgent"}},
            {{"type", "add_tags"}, {"value", {"vip"}}},
            {{"type", "round_robin"}, {"value", group_}},
            {{"type", "add_note"}, {"value", "{{ticket.requester.first_name}} is an enterprise customer"}},
            {{"type", "webhook"}, {"url", "https://crm.example.in/hook"}, {"secret", "0123456789abcdef"}}}}});
  const domain::Ticket vip = NewTicket("meera@acme.in", domain::Channel::kEmail);
  const domain::Ticket other = NewTicket("ravi@example.in", domain::Channel::kEmail);
  EXPECT_GE(RunTriggers(), 2);

  const domain::Ticket t = Get(vip.id);
  EXPECT_EQ(t.priority, domain::Priority::kUrgent);
  EXPECT_EQ(t.tags, std::vector<std::string>{"vip"});
  EXPECT_EQ(t.group_id, group_);
  EXPECT_TRUE(t.assignee_id.has_value());
  EXPECT_EQ(Get(other.id).priority, domain::Priority::kNormal);
  EXPECT_TRUE(Get(other.id).tags.empty());

  const auto msgs = Messages(vip.id);
  ASSERT_EQ(msgs.size(), 2u);
  EXPECT_FALSE(msgs[1].is_public);
  EXPECT_EQ(msgs[1].body, "Meera is an enterprise customer");

  EXPECT_EQ(RuleAudit(vip.id),
            (std::vector<std::string>{"ticket.noted via trigger:Enterprise first",
                                      "ticket.updated via trigger:Enterprise first"}));
  ASSERT_EQ(webhooks_.size(), 1u);
  EXPECT_EQ(webhooks_[0].url, "https://crm.example.in/hook");
  EXPECT_EQ(webhooks_[0].body["ticket"]["priority"], "urgent");
  EXPECT_EQ(webhooks_[0].body["event"], "ticket.created");

  // Its own changes are not events: running again does nothing more.
  RunTriggers();
  EXPECT_EQ(Messages(vip.id).size(), 2u);
  std::vector<domain::Rule> list;
  ASSERT_TRUE(store_->Read([&](ReadTx& tx) -> Status {
                ASSIGN_OR_RETURN(list, rules_.List(tx, admin_, domain::RuleKind::kTrigger));
                return Status::Ok();
              }).ok());
  EXPECT_EQ(list[0].run_count, 1);
  // The API never shows the secret.
  const json shown = RuleJson(list[0]);
  EXPECT_EQ(shown["actions"][4]["secret_set"], true);
  EXPECT_FALSE(shown["actions"][4].contains("sealed_secret"));
}

TEST_F(RuleEngineTest, RoundRobinAssignsTheGroupInTurn) {
  Create(domain::RuleKind::kTrigger,
         {{"name", "Shipping in turn"},
          {"events", {"ticket.created"}},
          {"actions", {{{"type", "round_robin"}, {"value", group_}}}}});
  // Three tickets handled in one round: the turn moves on within the round too.
  const Id a = NewTicket("a@example.in", domain::Channel::kEmail).id;
  const Id b = NewTicket("b@example.in", domain::Channel::kEmail).id;
  const Id c = NewTicket("c@example.in", domain::Channel::kEmail).id;
  RunTriggers();
  ASSERT_TRUE(Get(a).assignee_id && Get(b).assignee_id && Get(c).assignee_id);
  EXPECT_NE(*Get(a).assignee_id, *Get(b).assignee_id);
  EXPECT_EQ(*Get(a).assignee_id, *Get(c).assignee_id);
  EXPECT_EQ(Get(b).group_id, group_);
}

TEST_F(RuleEngineTest, TriggersRunInOrderAndAgainAfterOneActs) {
  // The first only matches once the second has acted: the cycle evaluates it again.
  Create(domain::RuleKind::kTrigger,
         {{"name", "Urgent goes to Shipping"},
          {"events", {"ticket.created"}},
          {"conditions", {{"all", {{{"field", "priority"}, {"operator", "is"}, {"value", "urgent"}}}}}},
          {"actions", {{{"type", "set_group"}, {"value", group_}}}}});
  Create(domain::RuleKind::kTrigger,
         {{"name", "Lost parcel is urgent"},
          {"events", {"ticket.created"}},
          {"conditions", {{"all", {{{"field", "message.body"}, {"operator", "contains"}, {"value", "खो"}}}}}},
          {"actions", {{{"type", "set_priority"}, {"value", "urgent"}}}}});
  const domain::Ticket t = NewTicket("ravi@example.in", domain::Channel::kEmail, "मेरा पार्सल खो गया");
  RunTriggers();
  EXPECT_EQ(Get(t.id).priority, domain::Priority::kUrgent);
  EXPECT_EQ(Get(t.id).group_id, group_);
}

TEST_F(RuleEngineTest, CustomerMessagesAreEventsAgentRepliesAreNot) {
  Create(domain::RuleKind::kTrigger,
         {{"name", "Customer wrote"},
          {"events", {"message.received"}},
          {"actions", {{{"type", "add_tags"}, {"value", {"customer-replied"}}}}}});
  const domain::Ticket t = NewTicket("ravi@example.in", domain::Channel::kEmail);
  RunTriggers();
  ASSERT_TRUE(Write([&](WriteTx& tx) -> Status {
                NewMessage m;
                m.body = "We are checking with the courier.";
                return tickets_.AddMessage(tx, agent_, t.id, m).status();
              }).ok());
  RunTriggers();
  EXPECT_TRUE(Get(t.id).tags.empty());
}

TEST_F(RuleEngineTest, ARuleThatKeepsActingOnOneTicketIsHeldBack) {
  Create(domain::RuleKind::kTrigger,
         {{"name", "Note every change"},
          {"events", {"ticket.updated"}},
          {"actions", {{{"type", "add_note"}, {"value", "changed"}}}}});
  const domain::Ticket t = NewTicket("ravi@example.in", domain::Channel::kEmail);
  for (int i = 0; i < 15; ++i) {
    ASSERT_TRUE(Write([&](WriteTx& tx) -> Status {
                  TicketPatch p;
                  p.priority = i % 2 ? domain::Priority::kHigh : domain::Priority::kLow;
                  return tickets_.Update(tx, agent_, t.id, p, std::nullopt).status();
                }).ok());
    RunTriggers();
    clock_.Advance(60'000);
  }
  // Ten notes in the hour, then held back; the rule's own notes never fired it.
  EXPECT_EQ(Messages(t.id).size(), 1u + RuleEngine::kMaxRunsPerHour);
}

TEST_F(RuleEngineTest, RulesThatWouldLoopAreRefused) {
  Create(domain::RuleKind::kTrigger,
         {{"name", "Park"},
          {"events", {"ticket.updated"}},
          {"conditions", {{"all", {{{"field", "status"}, {"operator", "is"}, {"value", "open"}}}}}},
          {"actions", {{{"type", "set_status"}, {"value", "pending"}}}}});
  Status st = Write([&](WriteTx& tx) -> Status {
    return rules_
        .Create(tx, admin_, domain::RuleKind::kTrigger,
                {{"name", "Reopen"},
                 {"events", {"ticket.updated"}},
                 {"conditions", {{"all", {{{"field", "status"}, {"operator", "is"}, {"value", "pending"}}}}}},
                 {"actions", {{{"type", "set_status"}, {"value", "open"}}}}})
        .status();
  });
  ASSERT_EQ(st.code(), Code::kInvalidArgument);
  ASSERT_FALSE(st.fields().empty());
  EXPECT_EQ(st.fields()[0].field, "actions[0]");
  EXPECT_NE(st.fields()[0].message.find("would loop with trigger \"Park\""), std::string::npos);
}

TEST_F(RuleEngineTest, AutomationActsOnceWhenItsTimeHasCome) {
  Create(domain::RuleKind::kAutomation,
         {{"name", "Close after 3 days pending"},
          {"conditions",
           {{"all",
             {{{"field", "status"}, {"operator", "is"}, {"value", "pending"}},
              {{"field", "hours_since_status_changed"}, {"operator", "greater_than"}, {"value", 72}}}}}},
          {"actions",
           {{{"type", "set_status"}, {"value", "solved"}},
            {{"type", "add_note"}, {"value", "Solved: no answer for three days."}}}}});
  const domain::Ticket t = NewTicket("ravi@example.in", domain::Channel::kEmail);
  const domain::Ticket open = NewTicket("sita@example.in", domain::Channel::kEmail);
  ASSERT_TRUE(Write([&](WriteTx& tx) -> Status {
                TicketPatch p;
                p.status = domain::TicketStatus::kPending;
                return tickets_.Update(tx, agent_, t.id, p, std::nullopt).status();
              }).ok());
  clock_.Advance(71 * 3'600'000LL);
  auto s = engine_.SweepAutomations(*store_, "node-a");
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->scanned, 2);
  EXPECT_EQ(s->acted, 0);
  EXPECT_EQ(Get(t.id).status, domain::TicketStatus::kPending);

  clock_.Advance(2 * 3'600'000LL);
  s = engine_.SweepAutomations(*store_, "node-a");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->acted, 1);
  EXPECT_EQ(Get(t.id).status, domain::TicketStatus::kSolved);
  EXPECT_EQ(Get(open.id).status, domain::TicketStatus::kNew);
  EXPECT_EQ(RuleAudit(t.id),
            (std::vector<std::string>{"ticket.noted via automation:Close after 3 days pending",
                                      "ticket.updated via automation:Close after 3 days pending"}));

  // Another node's sweep while the lease runs does nothing; after it expires, it takes over and
  // still acts only once per ticket.
  s = engine_.SweepAutomations(*store_, "node-b");
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(s->skipped);
  clock_.Advance(6 * 60'000);
  s = engine_.SweepAutomations(*store_, "node-b");
  ASSERT_TRUE(s.ok());
  EXPECT_FALSE(s->skipped);
  EXPECT_EQ(s->acted, 0);
  EXPECT_EQ(Messages(t.id).size(), 2u);
}

TEST_F(RuleEngineTest, EscalationWaitsForTheAgentsBusinessHours) {
  BusinessHoursService hours(clock_);
  ASSERT_TRUE(Write([&](WriteTx& tx) -> Status {
                return hours
                    .Create(tx, admin_,
                            {{"name", "India office"},
                             {"time_zone", "Asia/Kolkata"},
                             {"is_default", true},
                             {"periods", {{{"day", "mon"}, {"start", "09:00"}, {"end", "18:00"}},
                                          {{"day", "tue"}, {"start", "09:00"}, {"end", "18:00"}}}}})
                    .status();
              }).ok());
  Create(domain::RuleKind::kTrigger,
         {{"name", "Escalate breaches"},
          {"events", {"ticket.created"}},
          {"conditions", {{"all", {{{"field", "channel"}, {"operator", "is"}, {"value", "email"}}}}}},
          {"actions",
           {{{"type", "notify"},
             {"target", "group"},
             {"id", group_},
             {"subject", {{"en", "Ticket {{ticket.number}} needs you"}, {"hi", "टिकट {{ticket.number}}"}}},
             {"value", {{"en", "{{ticket.subject}}"}}},
             {"respect_business_hours", true}}}}});
  clock_.Set(At("2026-12-07T21:30:00+05:30"));  // Monday night: closed
  NewTicket("ravi@example.in", domain::Channel::kEmail);
  RunTriggers();
  const auto mails = Outbox();
  std::vector<domain::MailOutboxItem> notices;
  for (const auto& m : mails) {
    if (m.kind == "notification") notices.push_back(m);
  }
  ASSERT_EQ(notices.size(), 2u);  // both agents of Shipping
  for (const auto& m : notices) {
    EXPECT_EQ(m.next_attempt_at, At("2026-12-08T09:00:00+05:30")) << m.to_email;
  }
}

TEST_F(RuleEngineTest, PreviewCountsTicketsThatMatchNow) {
  NewTicket("meera@acme.in", domain::Channel::kEmail);
  NewTicket("ravi@example.in", domain::Channel::kChat);
  NewTicket("sita@acme.in", domain::Channel::kChat);
  RulePreview p;
  ASSERT_TRUE(store_->Read([&](ReadTx& tx) -> Status {
                ASSIGN_OR_RETURN(
                    p, rules_.Preview(tx, admin_, domain::RuleKind::kTrigger,
                                      {{"events", {"message.received"}},
                                       {"conditions",
                                        {{"all", {{{"field", "tier"}, {"operator", "is"}, {"value", "enterprise"}},
                                                  {{"field", "message.body"}, {"operator", "contains"}, {"value", "x"}}}}}}}));
                return Status::Ok();
              }).ok());
  EXPECT_EQ(p.count, 2);
  EXPECT_EQ(p.scanned, 3);
  EXPECT_EQ(p.skipped, std::vector<std::string>{"conditions.all[1]"});
  EXPECT_EQ(p.tickets.size(), 2u);
  // Agents may not see or change rules.
  Status st = store_->Read([&](ReadTx& tx) {
    return rules_.List(tx, agent_, domain::RuleKind::kTrigger).status();
  });
  EXPECT_EQ(st.code(), Code::kPermissionDenied);
}

}  // namespace
}  // namespace sahayak::services
