// ViewService on a real SQLite store and a fake clock.
#include "services/views/view_service.h"

#include <gtest/gtest.h>

#include "store/sqlite/sqlite_store.h"
#include "testing/fake_clock.h"
#include "testing/temp_dir.h"

namespace sahayak::services {
namespace {

using nlohmann::json;

class ViewServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store::SqliteStoreOptions o;
    o.path = dir_.path() + "/t.db";
    o.synchronous_full = false;
    store_ = std::move(store::SqliteStore::Open(o)).value();
    ASSERT_TRUE(store_
                    ->Write([&](WriteTx& tx) -> Status {
                      Workspace w;
                      w.name = "Demo";
                      RETURN_IF_ERROR(tx.InsertWorkspace(&w));
                      for (Principal* p : {&admin_, &asha_, &bhaskar_}) {
                        domain::Agent a;
                        a.workspace_id = w.id;
                        a.name = p == &admin_ ? "Admin" : p == &asha_ ? "Asha" : "Bhaskar";
                        a.email = a.name + "@example.in";
                        a.role = p == &admin_ ? domain::Role::kAdmin : domain::Role::kAgent;
                        RETURN_IF_ERROR(tx.InsertAgent(&a));
                        p->workspace_id = w.id;
                        p->agent_id = a.id;
                        p->name = a.name;
                        p->role = a.role;
                      }
                      return Status::Ok();
                    })
                    .ok());
  }

  Result<domain::SavedView> Create(const Principal& who, const json& body) {
    domain::SavedView v;
    Status st = store_->Write([&](WriteTx& tx) -> Status {
      ASSIGN_OR_RETURN(v, views_.Create(tx, who, body));
      return Status::Ok();
    });
    if (!st.ok()) return st;
    return v;
  }

  Result<domain::SavedView> Update(const Principal& who, domain::Id id, const json& body,
                                   std::optional<int64_t> if_match = std::nullopt) {
    domain::SavedView v;
    Status st = store_->Write([&](WriteTx& tx) -> Status {
      ASSIGN_OR_RETURN(v, views_.Update(tx, who, id, body, if_match));
      return Status::Ok();
    });
    if (!st.ok()) return st;
    return v;
  }

  Result<domain::SavedView> Get(const Principal& who, domain::Id id) {
    domain::SavedView v;
    Status st = store_->Read([&](ReadTx& tx) -> Status {
      ASSIGN_OR_RETURN(v, views_.Get(tx, who, id));
      return Status::Ok();
    });
    if (!st.ok()) return st;
    return v;
  }

  std::vector<std::string> Names(const Principal& who) {
    std::vector<std::string> out;
    EXPECT_TRUE(store_
                    ->Read([&](ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(auto all, views_.List(tx, who));
                      for (const auto& v : all) out.push_back(v.name);
                      return Status::Ok();
                    })
                    .ok());
    return out;
  }

  static std::vector<std::string> Fields(const Status& st) {
    std::vector<std::string> out;
    for (const auto& f : st.fields()) out.push_back(f.field);
    return out;
  }

  sahayak::testing::TempDir dir_;
  sahayak::testing::FakeClock clock_;
  std::unique_ptr<store::SqliteStore> store_;
  ViewService views_{clock_};
  Principal admin_, asha_, bhaskar_;
};

TEST_F(ViewServiceTest, CreateFillsDefaultsAndCanonicalFilters) {
  auto v = Create(
      asha_,
      {{"name", "  Mine open  "},
       {"filters", {{"status", {"open", "new", "open"}}, {"assignee", "me"}, {"tag", "  VIP "}}}});
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->name, "Mine open");
  EXPECT_EQ(v->agent_id, asha_.agent_id);
  EXPECT_EQ(v->filters, (json{{"status", {"open", "new"}}, {"assignee", "me"}, {"tag", "vip"}}));
  EXPECT_EQ(v->sort, domain::TicketSort::kUpdatedDesc);
  EXPECT_EQ(v->columns, domain::DefaultViewColumns());
  EXPECT_EQ(v->version, 1);
}

TEST_F(ViewServiceTest, NamesEveryBadMember) {
  auto v = Create(
      asha_, {{"name", ""},
              {"filters",
               {{"status", {"opened"}}, {"colour", "red"}, {"priority", "high"}, {"assignee", -1}}},
              {"sort", "subject"},
              {"columns", {"number", "nope", "number"}}});
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().code(), Code::kInvalidArgument);
  auto fields = Fields(v.status());
  for (const char* f : {"name", "filters.status", "filters.colour", "filters.priority",
                        "filters.assignee", "sort", "columns"}) {
    EXPECT_NE(std::find(fields.begin(), fields.end(), f), fields.end()) << f;
  }
}

TEST_F(ViewServiceTest, KeepsASearchQueryUpTo1000Characters) {
  auto v = Create(asha_, {{"name", "Late parcels"},
                          {"filters", {{"q", "पार्सल status:open -spam"}, {"tag", "vip"}}}});
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->filters, (json{{"q", "पार्सल status:open -spam"}, {"tag", "vip"}}));

  std::string hindi_1000;
  for (int i = 0; i < 1000; ++i) hindi_1000 += "क";  // 3000 bytes, 1000 characters
  EXPECT_TRUE(Create(asha_, {{"name", "Long"}, {"filters", {{"q", hindi_1000}}}}).ok());
  auto too_long = Create(asha_, {{"name", "Longer"}, {"filters", {{"q", hindi_1000 + "ख"}}}});
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(Fields(too_long.status()), std::vector<std::string>{"filters.q"});
  auto not_text = Create(asha_, {{"name", "Number"}, {"filters", {{"q", 42}}}});
  ASSERT_FALSE(not_text.ok());
  EXPECT_EQ(Fields(not_text.status()), std::vector<std::string>{"filters.q"});
}

TEST_F(ViewServiceTest, OnlyAdminsShareAndOthersPersonalViewsAreInvisible) {
  auto denied = Create(asha_, {{"name", "Team"}, {"shared", true}});
  EXPECT_EQ(denied.status().code(), Code::kPermissionDenied);
  auto shared = Create(admin_, {{"name", "Team"}, {"shared", true}});
  ASSERT_TRUE(shared.ok());
  EXPECT_FALSE(shared->agent_id.has_value());
  auto mine = Create(asha_, {{"name", "Mine"}});
  ASSERT_TRUE(mine.ok());

  EXPECT_EQ(Get(bhaskar_, mine->id).status().code(), Code::kNotFound);
  EXPECT_EQ(Get(admin_, mine->id).status().code(), Code::kNotFound) << "personal, even to admins";
  EXPECT_TRUE(Get(bhaskar_, shared->id).ok());
  EXPECT_EQ(Update(bhaskar_, shared->id, {{"name", "Ours"}}).status().code(),
            Code::kPermissionDenied);
  EXPECT_EQ(Update(bhaskar_, mine->id, {{"name", "Stolen"}}).status().code(), Code::kNotFound);
  EXPECT_EQ(Names(asha_), (std::vector<std::string>{"Mine", "Team"})) << "own first, then shared";
  EXPECT_EQ(Names(bhaskar_), (std::vector<std::string>{"Team"}));
}

TEST_F(ViewServiceTest, NamesAreUniquePerOwner) {
  ASSERT_TRUE(Create(asha_, {{"name", "Urgent"}}).ok());
  EXPECT_EQ(Create(asha_, {{"name", "Urgent"}}).status().code(), Code::kAlreadyExists);
  EXPECT_TRUE(Create(bhaskar_, {{"name", "Urgent"}}).ok()) << "another owner may";
  ASSERT_TRUE(Create(admin_, {{"name", "Urgent"}, {"shared", true}}).ok());
  EXPECT_EQ(Create(admin_, {{"name", "Urgent"}, {"shared", true}}).status().code(),
            Code::kAlreadyExists);
}

TEST_F(ViewServiceTest, UpdateChecksTheVersionAndRecordsOnlyChanges) {
  auto v = Create(asha_, {{"name", "Mine"}});
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(Update(asha_, v->id, {{"sort", "-created_at"}}, 7).status().code(), Code::kAborted);
  auto same = Update(asha_, v->id, {{"name", "Mine"}});
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->version, 1) << "no change, no new version";
  clock_.Advance(1000);
  auto changed = Update(asha_, v->id, {{"sort", "-solved_at"}, {"columns", {"subject"}}}, 1);
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  EXPECT_EQ(changed->version, 2);
  EXPECT_EQ(changed->sort, domain::TicketSort::kSolvedDesc);
  EXPECT_EQ(changed->columns, std::vector<std::string>{"subject"});
  EXPECT_EQ(changed->updated_at, clock_.Now());
}

TEST_F(ViewServiceTest, AnAgentHasAtMostAHundredViews) {
  for (int i = 0; i < ViewService::kMaxViewsPerOwner; ++i) {
    ASSERT_TRUE(Create(asha_, {{"name", "v" + std::to_string(i)}}).ok());
  }
  auto one_more = Create(asha_, {{"name", "one more"}});
  EXPECT_EQ(one_more.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(Fields(one_more.status()), std::vector<std::string>{"views"});
  EXPECT_TRUE(Create(bhaskar_, {{"name", "first"}}).ok());
}

TEST_F(ViewServiceTest, DeleteHonoursOwnership) {
  auto shared = Create(admin_, {{"name", "Team"}, {"shared", true}});
  auto mine = Create(asha_, {{"name", "Mine"}});
  ASSERT_TRUE(shared.ok() && mine.ok());
  auto del = [&](const Principal& who, domain::Id id) {
    return store_->Write([&](WriteTx& tx) { return views_.Delete(tx, who, id); });
  };
  EXPECT_EQ(del(asha_, shared->id).code(), Code::kPermissionDenied);
  EXPECT_EQ(del(bhaskar_, mine->id).code(), Code::kNotFound);
  EXPECT_TRUE(del(asha_, mine->id).ok());
  EXPECT_TRUE(del(admin_, shared->id).ok());
  EXPECT_TRUE(Names(asha_).empty());
}

}  // namespace
}  // namespace sahayak::services
