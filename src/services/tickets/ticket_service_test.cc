// TicketService on a real SQLite store and a fake clock.
#include "services/tickets/ticket_service.h"

#include <gtest/gtest.h>

#include "services/people/people_service.h"
#include "store/sqlite/sqlite_store.h"
#include "testing/fake_clock.h"
#include "testing/temp_dir.h"

namespace sahayak::services {
namespace {

using nlohmann::json;

class TicketServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store::SqliteStoreOptions o;
    o.path = dir_.path() + "/t.db";
    o.synchronous_full = false;
    store_ = std::move(store::SqliteStore::Open(o)).value();
    ASSERT_TRUE(store_->Write([&](WriteTx& tx) -> Status {
                  Workspace w;
                  w.name = "Demo";
                  RETURN_IF_ERROR(tx.InsertWorkspace(&w));
                  who_.workspace_id = w.id;
                  domain::Agent a;
                  a.workspace_id = w.id;
                  a.name = "Kavya";
                  a.email = "kavya@example.in";
                  RETURN_IF_ERROR(tx.InsertAgent(&a));
                  who_.agent_id = a.id;
                  who_.name = a.name;
                  return Status::Ok();
                }).ok());
  }

  Result<domain::Ticket> Create(const std::string& subject, const std::string& email) {
    TicketCreate c;
    c.subject = subject;
    c.message.body = "मेरा पार्सल कहाँ है?";
    c.requester.email = email;
    c.requester.name = "Ravi";
    domain::Ticket t;
    Status st = store_->Write([&](WriteTx& tx) -> Status {
      ASSIGN_OR_RETURN(t, tickets_.Create(tx, who_, c));
      return Status::Ok();
    });
    if (!st.ok()) return st;
    return t;
  }

  template <typename Fn>
  Status Write(Fn fn) {
    return store_->Write([&](WriteTx& tx) -> Status { return fn(tx); });
  }

  sahayak::testing::TempDir dir_;
  sahayak::testing::FakeClock clock_;
  std::unique_ptr<store::SqliteStore> store_;
  TicketService tickets_{clock_};
  Principal who_;
};

TEST_F(TicketServiceTest, CreateFindsOrCreatesTheRequesterAndNumbersTickets) {
  auto a = Create("Parcel delayed", "Ravi@Example.IN");
  auto b = Create("Invoice copy", "ravi@example.in");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(a->number, 1);
  EXPECT_EQ(b->number, 2);
  EXPECT_EQ(a->requester_id, b->requester_id) << "e-mail matching is case-insensitive";
  EXPECT_EQ(a->status, domain::TicketStatus::kNew);
}

TEST_F(TicketServiceTest, CreateRejectsEveryBadFieldAtOnceAndWritesNothing) {
  TicketCreate c;
  c.subject = "   ";
  c.requester.email = "not-an-address";
  c.tags = {"ok", "<bad>"};
  c.group_id = 999;
  c.custom_fields = {{"nope", 1}};
  Status st = Write([&](WriteTx& tx) { return tickets_.Create(tx, who_, c).status(); });
  ASSERT_EQ(st.code(), Code::kInvalidArgument);
  std::set<std::string> fields;
  for (const auto& f : st.fields()) fields.insert(f.field);
  EXPECT_TRUE(fields.count("subject"));
  EXPECT_TRUE(fields.count("tags"));
  EXPECT_TRUE(fields.count("group_id"));
  EXPECT_TRUE(fields.count("custom_fields.nope"));
  ASSERT_TRUE(store_->Read([&](ReadTx& tx) -> Status {
                EXPECT_EQ(tx.CountTickets(who_.workspace_id).value(), 0);
                return Status::Ok();
              }).ok());
}

TEST_F(TicketServiceTest, AgentReplyOpensANewTicketAndSetsFirstResponse) {
  auto t = Create("Damaged item", "meera@example.in");
  ASSERT_TRUE(t.ok());
  clock_.Advance(90'000);
  NewMessage note;
  note.body = "internal: check the hub CCTV";
  note.is_public = false;
  ASSERT_TRUE(Write([&](WriteTx& tx) { return tickets_.AddMessage(tx, who_, t->id, note).status(); }).ok());
  domain::Ticket after_note;
  ASSERT_TRUE(store_->Read([&](ReadTx& tx) -> Status {
                ASSIGN_OR_RETURN(after_note, tx.GetTicket(who_.workspace_id, t->id));
                return Status::Ok();
              }).ok());
  EXPECT_EQ(after_note.status, domain::TicketStatus::kNew) << "a note is not a response";
  EXPECT_FALSE(after_note.first_response_at);

  NewMessage reply;
  reply.body = "ಕ್ಷಮಿಸಿ, ನಾವು ಬದಲಿ ಕಳುಹಿಸುತ್ತೇವೆ";
  ASSERT_TRUE(Write([&](WriteTx& tx) { return tickets_.AddMessage(tx, who_, t->id, reply).status(); }).ok());
  domain::Ticket after;
  ASSERT_TRUE(store_->Read([&](ReadTx& tx) -> Status {
                ASSIGN_OR_RETURN(after, tx.GetTicket(who_.workspace_id, t->id));
                return Status::Ok();
              }).ok());
  EXPECT_EQ(after.status, domain::TicketStatus::kOpen);
  ASSERT_TRUE(after.first_response_at);
  EXPECT_EQ(*after.first_response_at, clock_.Now());
}

TEST_F(TicketServiceTest, UpdateChecksTransitionsAndVersions) {
  auto t = Create("COD dispute", "arjun@example.in");
  ASSERT_TRUE(t.ok());
  TicketPatch close;
  close.status = domain::TicketStatus::kClosed;
  Status st = Write([&](WriteTx& tx) { return tickets_.Update(tx, who_, t->id, close, {}).status(); });
  EXPECT_EQ(st.kind(), "invalid-transition");

  TicketPatch solve;
  solve.status = domain::TicketStatus::kSolved;
  st = Write([&](WriteTx& tx) { return tickets_.Update(tx, who_, t->id, solve, t->version + 5).status(); });
  EXPECT_EQ(st.code(), Code::kAborted) << "a stale version is refused";
  st = Write([&](WriteTx& tx) { return tickets_.Update(tx, who_, t->id, solve, t->version).status(); });
  EXPECT_TRUE(st.ok()) << st.ToString();
}

TEST_F(TicketServiceTest, MergeMovesMessagesClosesTheSourceAndAudits) {
  auto source = Create("Where is my parcel", "neha@example.in");
  auto target = Create("Parcel not delivered", "neha@example.in");
  ASSERT_TRUE(source.ok() && target.ok());
  Status st = Write([&](WriteTx& tx) {
    return tickets_.Merge(tx, who_, source->id, target->id).status();
  });
  ASSERT_TRUE(st.ok()) << st.ToString();
  ASSERT_TRUE(store_->Read([&](ReadTx& tx) -> Status {
                ASSIGN_OR_RETURN(auto s, tx.GetTicket(who_.workspace_id, source->id));
                EXPECT_EQ(s.status, domain::TicketStatus::kClosed);
                EXPECT_EQ(s.merged_into_id, target->id);
                ASSIGN_OR_RETURN(auto msgs, tx.ListMessages(who_.workspace_id, target->id, {std::nullopt, 50}));
                EXPECT_EQ(msgs.items.size(), 3u) << "both first messages plus the merge note";
                ASSIGN_OR_RETURN(auto left, tx.ListMessages(who_.workspace_id, source->id, {std::nullopt, 50}));
                EXPECT_TRUE(left.items.empty());
                AuditFilter f;
                f.entity_type = "ticket";
                f.entity_id = source->id;
                ASSIGN_OR_RETURN(auto events, tx.ListAuditEvents(who_.workspace_id, f, {std::nullopt, 10}));
                EXPECT_EQ(events.items.front().action, "ticket.merged");
                return Status::Ok();
              }).ok());
  st = Write([&](WriteTx& tx) { return tickets_.Merge(tx, who_, source->id, target->id).status(); });
  EXPECT_EQ(st.kind(), "ticket-closed") << "a merged ticket cannot be merged again";
  st = Write([&](WriteTx& tx) { return tickets_.Merge(tx, who_, target->id, target->id).status(); });
  EXPECT_EQ(st.code(), Code::kInvalidArgument);
}

TEST_F(TicketServiceTest, BulkIsAllOrNothing) {
  auto a = Create("One", "x1@example.in");
  auto b = Create("Two", "x2@example.in");
  ASSERT_TRUE(a.ok() && b.ok());
  TicketPatch p;
  p.priority = domain::Priority::kUrgent;
  Status st = Write([&](WriteTx& tx) {
    return tickets_.Bulk(tx, who_, {a->id, 12345, b->id}, p).status();
  });
  ASSERT_FALSE(st.ok());
  ASSERT_EQ(st.fields().size(), 1u);
  EXPECT_EQ(st.fields()[0].field, "ids[1]");
  ASSERT_TRUE(store_->Read([&](ReadTx& tx) -> Status {
                EXPECT_EQ(tx.GetTicket(who_.workspace_id, a->id)->priority, domain::Priority::kNormal);
                return Status::Ok();
              }).ok());
  st = Write([&](WriteTx& tx) { return tickets_.Bulk(tx, who_, {a->id, b->id}, p).status(); });
  EXPECT_TRUE(st.ok());
}

}  // namespace
}  // namespace sahayak::services
