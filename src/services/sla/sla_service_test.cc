// SlaService on a real SQLite store with a fake clock: policies written by admins only with
// every bad member named, a chat ticket's one-minute promise warned about and breached exactly
// once by the sweep, the ticket's row for lists (sorted and filtered by due time), and an
// e-mail at 17:55 on the Friday before a holiday due on the next working morning.
#include "services/sla/sla_service.h"

#include <gtest/gtest.h>

#include "services/hours/hours_service.h"
#include "services/tickets/ticket_service.h"
#include "store/sqlite/sqlite_store.h"
#include "testing/fake_clock.h"
#include "testing/status_fields.h"
#include "testing/temp_dir.h"

namespace sahayak::services {
namespace {

using nlohmann::json;

Millis At(const char* rfc3339) {
  Millis t = 0;
  EXPECT_TRUE(ParseRfc3339(rfc3339, &t)) << rfc3339;
  return t;
}

json ChatPolicy() {
  return {{"name", "Live chat"},
          {"conditions", {{"channels", {"chat"}}}},
          {"targets", {{{"metric", "first_response"}, {"minutes", 1}, {"business_hours", false}},
                       {{"metric", "resolution"}, {"minutes", 60}, {"business_hours", false}}}}};
}

class SlaServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store::SqliteStoreOptions o;
    o.path = dir_.path() + "/t.db";
    o.synchronous_full = false;
    store_ = std::move(store::SqliteStore::Open(o)).value();
    clock_.Set(At("2026-12-07T10:00:00+05:30"));
    ASSERT_TRUE(store_
                    ->Write([&](WriteTx& tx) -> Status {
                      Workspace w;
                      w.name = "Demo";
                      RETURN_IF_ERROR(tx.InsertWorkspace(&w));
                      domain::Agent a;
                      a.workspace_id = w.id;
                      a.name = "Asha";
                      a.email = "asha@demo.test";
                      RETURN_IF_ERROR(tx.InsertAgent(&a));
                      admin_.workspace_id = agent_.workspace_id = w.id;
                      admin_.agent_id = agent_.agent_id = a.id;
                      admin_.role = domain::Role::kAdmin;
                      return Status::Ok();
                    })
                    .ok());
  }

  Result<domain::SlaPolicy> Create(const Principal& who, const json& body) {
    Result<domain::SlaPolicy> out = Internal("not run");
    Status st = store_->Write([&](WriteTx& tx) -> Status {
      out = sla_.Create(tx, who, body);
      return out.status();
    });
    if (!st.ok()) return st;
    return out;
  }

  domain::Ticket NewTicket(domain::Channel channel) {
    domain::Ticket t;
    EXPECT_TRUE(store_
                    ->Write([&](WriteTx& tx) -> Status {
                      TicketCreate in;
                      in.subject = "पार्सल कहाँ है?";
                      in.message.body = "मेरा पार्सल अभी तक नहीं आया";
                      in.requester.email = "meera@example.in";
                      in.requester.name = "Meera";
                      in.channel = channel;
                      ASSIGN_OR_RETURN(t, tickets_.Create(tx, agent_, in));
                      return Status::Ok();
                    })
                    .ok());
    return t;
  }

  int Sweep() {
    int n = -1;
    EXPECT_TRUE(store_
                    ->Write([&](WriteTx& tx) -> Status {
                      ASSIGN_OR_RETURN(n, sla_.Sweep(tx));
                      return Status::Ok();
                    })
                    .ok());
    return n;
  }

  std::vector<std::string> SlaAudit(Id ticket_id) {
    std::vector<std::string> out;
    EXPECT_TRUE(store_
                    ->Read([&](ReadTx& tx) -> Status {
                      AuditFilter f;
                      f.entity_type = "ticket";
                      f.entity_id = ticket_id;
                      ASSIGN_OR_RETURN(auto page, tx.ListAuditEvents(admin_.workspace_id, f,
                                                                     PageRequest{std::nullopt, 100}));
                      for (const auto& e : page.items) {
                        if (e.action.rfind("sla.", 0) != 0) continue;
                        out.push_back(e.action + " " + e.changes.value("metric", "") + " via " +
                                      e.changes["via"].value("name", ""));
                      }
                      return Status::Ok();
                    })
                    .ok());
    std::sort(out.begin(), out.end());
    return out;
  }

  domain::Ticket Get(Id id) {
    domain::Ticket t;
    EXPECT_TRUE(store_
                    ->Read([&](ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(t, tx.GetTicket(admin_.workspace_id, id));
                      return Status::Ok();
                    })
                    .ok());
    return t;
  }

  testing::TempDir dir_;
  std::unique_ptr<store::SqliteStore> store_;
  testing::FakeClock clock_;
  SlaService sla_{clock_};
  TicketService tickets_{clock_};
  Principal admin_, agent_;
};

TEST_F(SlaServiceTest, OnlyAdminsWritePoliciesAndEveryBadMemberIsNamed) {
  EXPECT_EQ(Create(agent_, ChatPolicy()).status().code(), Code::kPermissionDenied);
  json bad = {{"name", ""},
              {"conditions", {{"channels", {"chat", "fax"}}, {"group_ids", {999}}}},
              {"targets", {{{"metric", "first_response"}, {"minutes", 0}},
                           {{"metric", "soon"}, {"minutes", 5}}}},
              {"colour", "red"}};
  Status st = Create(admin_, bad).status();
  EXPECT_EQ(st.code(), Code::kInvalidArgument);
  for (const char* field : {"name", "conditions.channels[1]", "targets[1].metric", "colour"}) {
    EXPECT_TRUE(HasField(st, field)) << field << ": " << st.ToString();
  }
  // Once the members read, the policy as a whole: a second target for one metric, a group
  // that is not the workspace's.
  json twice = ChatPolicy();
  twice["targets"].push_back({{"metric", "first_response"}, {"minutes", 5}});
  EXPECT_TRUE(HasField(Create(admin_, twice).status(), "targets[2].metric"));
  json group = ChatPolicy();
  group["conditions"]["group_ids"] = {999};
  EXPECT_TRUE(HasField(Create(admin_, group).status(), "conditions.group_ids[0]"));
  EXPECT_TRUE(HasField(Create(admin_, {{"name", "No targets"}}).status(), "targets"));

  auto made = Create(admin_, ChatPolicy());
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  EXPECT_EQ(made->targets.size(), 2u);
  EXPECT_EQ(Create(admin_, ChatPolicy()).status().code(), Code::kAlreadyExists);
  Status stale = store_->Write([&](WriteTx& tx) {
    return sla_.Update(tx, admin_, made->id, {{"active", false}}, made->version + 1).status();
  });
  EXPECT_EQ(stale.code(), Code::kAborted);
}

TEST_F(SlaServiceTest, TheSweepWarnsAndBreachesOnceAndKeepsTheRowForLists) {
  ASSERT_TRUE(Create(admin_, ChatPolicy()).ok());
  const domain::Ticket chat = NewTicket(domain::Channel::kChat);
  const domain::Ticket mail = NewTicket(domain::Channel::kEmail);  // no policy covers e-mail
  EXPECT_EQ(Sweep(), 2);
  domain::Ticket t = Get(chat.id);
  EXPECT_EQ(t.sla_due_at, chat.created_at + 60'000);
  EXPECT_FALSE(t.sla_breached);
  EXPECT_FALSE(Get(mail.id).sla_due_at);
  EXPECT_TRUE(SlaAudit(chat.id).empty());

  clock_.Advance(46'000);  // within the last quarter of the minute
  Sweep();
  EXPECT_EQ(SlaAudit(chat.id), std::vector<std::string>{"sla.warning first_response via Live chat"});
  clock_.Advance(15'000);  // 61 s
  Sweep();
  Sweep();
  EXPECT_EQ(SlaAudit(chat.id), (std::vector<std::string>{
                                   "sla.breached first_response via Live chat",
                                   "sla.warning first_response via Live chat"}))
      << "each once, however often the sweep runs";
  t = Get(chat.id);
  EXPECT_TRUE(t.sla_breached);
  EXPECT_EQ(t.sla_due_at, chat.created_at + 3'600'000) << "the resolution clock runs on";

  // Lists: sorted by due time, filtered by breach.
  ASSERT_TRUE(store_
                  ->Read([&](ReadTx& tx) -> Status {
                    TicketFilter f;
                    ASSIGN_OR_RETURN(auto page, tx.ListTicketsSorted(admin_.workspace_id, f,
                                                                     domain::TicketSort::kSlaDue,
                                                                     std::nullopt, 10));
                    EXPECT_EQ(page.items.size(), 1u);
                    if (!page.items.empty()) EXPECT_EQ(page.items[0].id, chat.id);
                    f.sla = TicketFilter::Sla::kBreached;
                    ASSIGN_OR_RETURN(auto breached, tx.ListTicketsSorted(
                                                        admin_.workspace_id, f,
                                                        domain::TicketSort::kUpdatedDesc,
                                                        std::nullopt, 10));
                    EXPECT_EQ(breached.items.size(), 1u);
                    return Status::Ok();
                  })
                  .ok());

  // The agent answers late and solves it: no clock runs, the breach stays on record.
  ASSERT_TRUE(store_
                  ->Write([&](WriteTx& tx) -> Status {
                    NewMessage reply;
                    reply.body = "माफ़ कीजिए, आपका पार्सल आज पहुँचेगा।";
                    RETURN_IF_ERROR(tickets_.AddMessage(tx, agent_, chat.id, reply).status());
                    TicketPatch solve;
                    solve.status = domain::TicketStatus::kSolved;
                    return tickets_.Update(tx, agent_, chat.id, solve, std::nullopt).status();
                  })
                  .ok());
  Sweep();
  t = Get(chat.id);
  EXPECT_FALSE(t.sla_due_at);
  EXPECT_TRUE(t.sla_breached);
  auto sla = [&] {
    TicketSla out;
    EXPECT_TRUE(store_
                    ->Read([&](ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(out, sla_.ForTicket(tx, agent_, chat.id, clock_.Now()));
                      return Status::Ok();
                    })
                    .ok());
    return out;
  }();
  ASSERT_EQ(sla.clocks.size(), 2u);
  EXPECT_EQ(sla.clocks[0].state, domain::SlaState::kBreached);
  EXPECT_EQ(sla.clocks[1].state, domain::SlaState::kAchieved);
  EXPECT_EQ(SlaAudit(chat.id).size(), 2u);
}

TEST_F(SlaServiceTest, AnEmailOnTheFridayBeforeAHolidayIsDueOnTheNextWorkingMorning) {
  BusinessHoursService hours(clock_);
  json periods = json::array();
  for (const char* day : {"mon", "tue", "wed", "thu", "fri", "sat"}) {
    periods.push_back({{"day", day}, {"start", "09:00"}, {"end", "13:00"}});
    periods.push_back({{"day", day}, {"start", "14:00"}, {"end", "18:00"}});
  }
  const json desk = {{"name", "Support desk"},
                     {"time_zone", "Asia/Kolkata"},
                     {"is_default", true},
                     {"periods", periods},
                     {"holidays", {{{"date", "2026-08-15"}, {"name", "Independence Day"}}}}};
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return hours.Create(tx, admin_, desk).status(); })
                  .ok());
  ASSERT_TRUE(Create(admin_, {{"name", "E-mail"},
                              {"conditions", {{"channels", {"email"}}}},
                              {"targets", {{{"metric", "first_response"}, {"minutes", 60}}}}})
                  .ok());
  // Friday 14 August 2026, 17:55; Saturday the 15th is Independence Day, Sunday is closed.
  clock_.Set(At("2026-08-14T17:55:00+05:30"));
  const domain::Ticket mail = NewTicket(domain::Channel::kEmail);
  Sweep();
  EXPECT_EQ(Get(mail.id).sla_due_at, At("2026-08-17T09:55:00+05:30"));
}

}  // namespace
}  // namespace sahayak::services
