// BusinessHoursService on a real SQLite store with a fake clock: who may write, bodies refused
// whole with every bad member named, versions, the workspace default, groups following a
// schedule, holidays added and imported from .ics, and the clock SLAs will ask for.
#include "services/hours/hours_service.h"

#include <gtest/gtest.h>

#include "store/sqlite/sqlite_store.h"
#include "testing/fake_clock.h"
#include "testing/temp_dir.h"

namespace sahayak::services {
namespace {

using nlohmann::json;

bool HasFieldSaying(const Status& st, const std::string& field, const std::string& words = "") {
  for (const auto& f : st.fields()) {
    if (f.field == field && f.message.find(words) != std::string::npos) return true;
  }
  return false;
}

json SupportDesk() {
  json periods = json::array();
  for (const char* day : {"mon", "tue", "wed", "thu", "fri", "sat"}) {
    periods.push_back({{"day", day}, {"start", "09:00"}, {"end", "13:00"}});
    periods.push_back({{"day", day}, {"start", "14:00"}, {"end", "18:00"}});
  }
  return {{"name", "Support desk"},
          {"time_zone", "Asia/Kolkata"},
          {"periods", periods},
          {"holidays",
           json::array(
               {{{"date", "2026-08-15"}, {"name", "Independence Day"}, {"calendar", "India"}}})}};
}

class HoursServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store::SqliteStoreOptions o;
    o.path = dir_.path() + "/t.db";
    o.synchronous_full = false;
    store_ = std::move(store::SqliteStore::Open(o)).value();
    clock_.Set(1'786'650'000'000);  // Friday 2026-08-14, 01:10 in Kolkata
    ASSERT_TRUE(store_
                    ->Write([&](WriteTx& tx) -> Status {
                      Workspace w;
                      w.name = "Demo";
                      w.time_zone = "Asia/Kolkata";
                      RETURN_IF_ERROR(tx.InsertWorkspace(&w));
                      admin_.workspace_id = agent_.workspace_id = w.id;
                      admin_.role = domain::Role::kAdmin;
                      agent_.role = domain::Role::kAgent;
                      for (const char* name : {"Shipping", "Chat"}) {
                        domain::Group g;
                        g.workspace_id = w.id;
                        g.name = name;
                        RETURN_IF_ERROR(tx.InsertGroup(&g));
                        groups_.push_back(g.id);
                      }
                      return Status::Ok();
                    })
                    .ok());
  }

  Result<BusinessHoursRecord> Create(const Principal& who, const json& body) {
    Result<BusinessHoursRecord> out = Internal("not run");
    Status st = store_->Write([&](WriteTx& tx) -> Status {
      out = service_.Create(tx, who, body);
      return out.status();
    });
    if (!st.ok()) return st;
    return out;
  }

  Result<BusinessHoursRecord> Update(Id id, const json& body, std::optional<int64_t> v = {}) {
    Result<BusinessHoursRecord> out = Internal("not run");
    Status st = store_->Write([&](WriteTx& tx) -> Status {
      out = service_.Update(tx, admin_, id, body, v);
      return out.status();
    });
    if (!st.ok()) return st;
    return out;
  }

  std::optional<ScheduleClock> ClockFor(std::optional<Id> group) {
    std::optional<ScheduleClock> out;
    EXPECT_TRUE(store_
                    ->Read([&](ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(
                          out, BusinessHoursService::ClockFor(tx, admin_.workspace_id, group));
                      return Status::Ok();
                    })
                    .ok());
    return out;
  }

  testing::TempDir dir_;
  testing::FakeClock clock_;
  std::unique_ptr<store::SqliteStore> store_;
  BusinessHoursService service_{clock_};
  Principal admin_, agent_;
  std::vector<Id> groups_;
};

TEST_F(HoursServiceTest, AdminsCreateAndAgentsMayNot) {
  auto refused = Create(agent_, SupportDesk());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), Code::kPermissionDenied);

  auto r = Create(admin_, SupportDesk());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->is_default);  // the workspace's first
  EXPECT_EQ(r->periods.size(), 12u);
  ASSERT_EQ(r->holidays.size(), 1u);
  EXPECT_EQ(r->holidays[0].calendar, "India");

  BusinessHoursRecord stored;
  ASSERT_TRUE(store_
                  ->Read([&](ReadTx& tx) -> Status {
                    ASSIGN_OR_RETURN(stored, service_.Get(tx, agent_, r->id));
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(stored.periods, r->periods);
  EXPECT_EQ(stored.name, "Support desk");
  EXPECT_EQ(stored.version, 1);
}

TEST_F(HoursServiceTest, BadBodiesNameEveryMemberAndChangeNothing) {
  json body = SupportDesk();
  body["time_zone"] = "Asia/Bengaluru";
  body["periods"].push_back({{"day", "mon"}, {"start", "12:00"}, {"end", "15:00"}});
  body["periods"].push_back({{"day", "tue"}, {"start", "18:00"}, {"end", "09:00"}});
  body["holidays"].push_back({{"date", "2026-08-15"}, {"name", "Again"}});
  auto r = Create(admin_, body);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
  EXPECT_TRUE(HasFieldSaying(r.status(), "time_zone", "Asia/Bengaluru"));
  EXPECT_TRUE(HasFieldSaying(r.status(), "periods[12]", "overlaps periods[0]"));
  EXPECT_TRUE(HasFieldSaying(r.status(), "periods[13].end", "later than"));
  EXPECT_TRUE(HasFieldSaying(r.status(), "holidays[1].date", "repeats holidays[0]"));

  json shape = {{"name", ""},
                {"periods", json::array({{{"day", "funday"}, {"start", "9"}}})},
                {"colour", "red"}};
  r = Create(admin_, shape);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(HasFieldSaying(r.status(), "name", "required"));
  EXPECT_TRUE(HasFieldSaying(r.status(), "periods[0].day", "mon"));
  EXPECT_TRUE(HasFieldSaying(r.status(), "periods[0].start", "HH:MM"));
  EXPECT_TRUE(HasFieldSaying(r.status(), "periods[0].end", "required"));
  EXPECT_TRUE(HasFieldSaying(r.status(), "colour", "not a member"));

  r = Create(admin_, {{"name", "Never"}, {"periods", json::array()}});
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(HasFieldSaying(r.status(), "periods", "never open"));

  std::vector<BusinessHoursRecord> all;
  ASSERT_TRUE(store_
                  ->Read([&](ReadTx& tx) -> Status {
                    ASSIGN_OR_RETURN(all, service_.List(tx, admin_));
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_TRUE(all.empty());
}

TEST_F(HoursServiceTest, VersionsDefaultsAndGroups) {
  auto desk = Create(admin_, SupportDesk());
  ASSERT_TRUE(desk.ok());
  auto chat =
      Create(admin_, {{"name", "Chat 24/7"}, {"always_open", true}, {"group_ids", {groups_[1]}}});
  ASSERT_TRUE(chat.ok()) << chat.status().ToString();
  EXPECT_FALSE(chat->is_default);
  EXPECT_EQ(chat->time_zone, "Asia/Kolkata");  // the workspace's

  // A group follows one schedule at a time.
  auto both = Update(desk->id, {{"group_ids", {groups_[1]}}});
  ASSERT_FALSE(both.ok());
  EXPECT_TRUE(HasFieldSaying(both.status(), "group_ids[0]", "follows \"Chat 24/7\" already"));
  auto ghost = Update(desk->id, {{"group_ids", {999}}});
  EXPECT_TRUE(HasFieldSaying(ghost.status(), "group_ids[0]", "not a group"));

  // The chat group follows the 24/7 schedule; the shipping group the workspace's default.
  auto c = ClockFor(groups_[1]);
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->record.id, chat->id);
  EXPECT_TRUE(c->clock.always_open());
  c = ClockFor(groups_[0]);
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->record.id, desk->id);
  EXPECT_FALSE(c->clock.IsOpen(clock_.Now()));  // 01:10 in Kolkata

  // A stale version is refused; a current one moves the default.
  auto stale = Update(chat->id, {{"is_default", true}}, 7);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.status().code(), Code::kAborted);
  auto moved = Update(chat->id, {{"is_default", true}}, chat->version);
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(moved->version, 2);
  EXPECT_EQ(ClockFor(groups_[0])->record.id, chat->id);

  // Deleting a schedule sends its groups back to the default.
  ASSERT_TRUE(
      store_->Write([&](WriteTx& tx) { return service_.Delete(tx, admin_, chat->id); }).ok());
  EXPECT_FALSE(ClockFor(groups_[1]).has_value());  // no default left either
}

TEST_F(HoursServiceTest, HolidaysAddedAndImportedFromICalendar) {
  auto desk = Create(admin_, SupportDesk());
  ASSERT_TRUE(desk.ok());
  Result<BusinessHoursRecord> added = Internal("not run");
  auto add = [&](const json& body) {
    return store_->Write([&](WriteTx& tx) -> Status {
      added = service_.AddHoliday(tx, admin_, desk->id, body, std::nullopt);
      return added.status();
    });
  };
  Status st = add({{"date", "2026-08-15"}, {"name", "Twice"}});
  EXPECT_TRUE(HasFieldSaying(st, "date", "Independence Day"));
  ASSERT_TRUE(add({{"date", "2026-10-02"}, {"name", "Gandhi Jayanti"}}).ok());
  EXPECT_EQ(added->holidays.size(), 2u);

  const std::string ics =
      "BEGIN:VCALENDAR\r\nX-WR-CALNAME:Karnataka\r\n"
      "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261101\r\nRRULE:FREQ=YEARLY\r\n"
      "SUMMARY:Kannada Rajyotsava\r\nEND:VEVENT\r\n"
      "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261002\r\nSUMMARY:Gandhi Jayanti (file)\r\n"
      "END:VEVENT\r\nEND:VCALENDAR\r\n";
  Result<HolidayImport> imported = Internal("not run");
  ASSERT_TRUE(store_
                  ->Write([&](WriteTx& tx) -> Status {
                    imported = service_.ImportHolidays(tx, admin_, desk->id, ics, "", {});
                    return imported.status();
                  })
                  .ok())
      << imported.status().ToString();
  EXPECT_EQ(imported->added, 3);  // 1 November 2026, 2027, 2028
  EXPECT_EQ(imported->already, 1);
  std::vector<std::string> got;
  for (const auto& h : imported->record.holidays) got.push_back(h.date + " " + h.calendar);
  EXPECT_EQ(got,
            (std::vector<std::string>{"2026-08-15 India", "2026-10-02 ", "2026-11-01 Karnataka",
                                      "2027-11-01 Karnataka", "2028-11-01 Karnataka"}));

  Status bad = store_->Write([&](WriteTx& tx) -> Status {
    return service_
        .ImportHolidays(tx, admin_, desk->id,
                        "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261301\nEND:VEVENT\n"
                        "END:VCALENDAR\n",
                        "", {})
        .status();
  });
  EXPECT_EQ(bad.code(), Code::kInvalidArgument);
  EXPECT_TRUE(HasFieldSaying(bad, "ics", "line 3: DTSTART \"20261301\""));
}

TEST_F(HoursServiceTest, StatusAndDueTimeOnTheFridayBeforeIndependenceDay) {
  auto desk = Create(admin_, SupportDesk());
  ASSERT_TRUE(desk.ok());
  Millis friday = 0;
  ASSERT_TRUE(ParseRfc3339("2026-08-14T17:55:00+05:30", &friday));
  ASSERT_TRUE(
      store_
          ->Read([&](ReadTx& tx) -> Status {
            ASSIGN_OR_RETURN(HoursStatus s,
                             service_.StatusAt(tx, agent_, desk->id, friday + 3600'000));
            EXPECT_FALSE(s.open);
            EXPECT_EQ(FormatRfc3339Zoned(s.next_open->at, s.next_open->offset_minutes),
                      "2026-08-17T09:00:00+05:30");
            ASSIGN_OR_RETURN(ZonedTime due,
                             service_.DueAt(tx, agent_, desk->id, friday, 60 * 60'000));
            EXPECT_EQ(FormatRfc3339Zoned(due.at, due.offset_minutes), "2026-08-17T09:55:00+05:30");
            ASSIGN_OR_RETURN(s, service_.StatusAt(tx, agent_, desk->id, friday + 16 * 3600'000));
            EXPECT_EQ(s.holiday->name, "Independence Day");
            return Status::Ok();
          })
          .ok());
}

}  // namespace
}  // namespace sahayak::services
