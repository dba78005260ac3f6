// Field filters and dates of the query language, on the real index (see searcher_test.cc).
#include "store/sqlite/sqlite_store.h"
#include "testing/fake_clock.h"
#include "testing/temp_dir.h"
// After the three above (see its header comment).
#include "search/searcher_test_util.h"

namespace sahayak::search {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

class SearcherFieldsTest : public SearcherTest {
 protected:
  void SetUp() override {
    SearcherTest::SetUp();
    plain_ = Ticket("Parcel one", "parcel");
    rich_ = Ticket("Parcel two", "मेरा पार्सल कहाँ है? तीन दिन हो गए, कोई जवाब नहीं आया।",
                   [&](services::TicketCreate& c) {
                     c.status = domain::TicketStatus::kPending;
                     c.priority = domain::Priority::kUrgent;
                     c.type = domain::TicketType::kIncident;
                     c.channel = domain::Channel::kChat;
                     c.tags = {"VIP", "पार्सल"};
                     c.assignee_id = asha_.agent_id;
                     c.group_id = qc_group_;
                     c.requester.email = "meera@bluedart.example";
                     c.requester.name = "Meera Iyer";
                   });
    other_ = Ticket("Parcel three", "parcel", [&](services::TicketCreate& c) {
      c.assignee_id = bhaskar_id_;
    });
    Index();
  }

  std::vector<domain::Id> Problems(const std::string& q, std::string* code) {
    auto res = Find(q);
    *code = res.problems.empty() ? "" : res.problems[0].code;
    std::vector<domain::Id> ids;
    for (const auto& h : res.hits) ids.push_back(h.id);
    return ids;
  }

  domain::Ticket plain_, rich_, other_;
};

TEST_F(SearcherFieldsTest, EnumerationsTagsAndLanguage) {
  EXPECT_THAT(Ids("parcel status:pending"), ElementsAre(rich_.id));
  EXPECT_THAT(Ids("parcel status:new"), ElementsAre(plain_.id));
  EXPECT_THAT(Ids("parcel status:open"), ElementsAre(other_.id)) << "assigned, so open";
  EXPECT_THAT(IdSet("status:unsolved"), UnorderedElementsAre(plain_.id, rich_.id, other_.id));
  EXPECT_THAT(Ids("priority:urgent"), ElementsAre(rich_.id));
  EXPECT_THAT(Ids("type:incident"), ElementsAre(rich_.id));
  EXPECT_THAT(Ids("channel:chat"), ElementsAre(rich_.id));
  EXPECT_THAT(Ids("tag:vip"), ElementsAre(rich_.id));
  EXPECT_THAT(Ids("tag:पार्सल"), ElementsAre(rich_.id));
  EXPECT_THAT(Ids("lang:hi"), ElementsAre(rich_.id));
  EXPECT_THAT(IdSet("parcel -tag:vip"), UnorderedElementsAre(plain_.id, other_.id));
  EXPECT_THAT(IdSet("tag:vip OR status:new"), UnorderedElementsAre(plain_.id, rich_.id));
}

TEST_F(SearcherFieldsTest, AssigneeGroupRequesterOrganisationAndNumber) {
  EXPECT_THAT(Ids("assignee:me"), ElementsAre(rich_.id));
  EXPECT_THAT(Ids("assignee:none"), ElementsAre(plain_.id));
  EXPECT_THAT(Ids("assignee:bhaskar@courier.example"), ElementsAre(other_.id));
  EXPECT_THAT(Ids("assignee:\"bhaskar\""), ElementsAre(other_.id));
  EXPECT_THAT(Ids("assignee:" + std::to_string(bhaskar_id_)), ElementsAre(other_.id));
  EXPECT_THAT(Ids("group:\"quality control\""), ElementsAre(rich_.id));
  EXPECT_THAT(Ids("group:" + std::to_string(qc_group_)), ElementsAre(rich_.id));
  EXPECT_THAT(IdSet("group:none"), UnorderedElementsAre(plain_.id, other_.id));
  EXPECT_THAT(Ids("requester:meera@bluedart.example"), ElementsAre(rich_.id));
  EXPECT_THAT(Ids("requester:meera"), ElementsAre(rich_.id));
  EXPECT_THAT(IdSet("requester:ravi"), UnorderedElementsAre(plain_.id, other_.id));
  EXPECT_THAT(Ids("org:bluedart"), ElementsAre(rich_.id));
  EXPECT_THAT(Ids("#" + std::to_string(other_.number)), ElementsAre(other_.id));
  EXPECT_THAT(Ids("number:" + std::to_string(rich_.number)), ElementsAre(rich_.id));
}

TEST_F(SearcherFieldsTest, UnknownAgentsAndGroupsMatchNothingAndSaySo) {
  std::string code;
  EXPECT_THAT(Problems("parcel assignee:nobody@courier.example", &code), ElementsAre());
  EXPECT_EQ(code, "unknown-value");
  EXPECT_THAT(Problems("parcel group:\"Billing\"", &code), ElementsAre());
  EXPECT_EQ(code, "unknown-value");
  // Another workspace's agent is unknown here.
  EXPECT_THAT(Problems("assignee:zoya@shop.example", &code), ElementsAre());
  EXPECT_EQ(code, "unknown-value");
  // status:opne is the parser's problem; the rest of the query still runs.
  auto res = Find("parcel status:opne");
  ASSERT_FALSE(res.problems.empty());
  EXPECT_EQ(res.problems[0].code, "unknown-value");
}

TEST_F(SearcherFieldsTest, DatesAreWholeDaysInTheSearchersZone) {
  // plain_, rich_ and other_ were made at 2026-01-01T00:00Z (05:30 in India).
  clock_.Advance(10LL * 24 * 3600 * 1000);
  auto later = Ticket("Parcel four", "parcel");
  Index();
  EXPECT_THAT(IdSet("created<2026-01-05"), UnorderedElementsAre(plain_.id, rich_.id, other_.id));
  EXPECT_THAT(Ids("created>=2026-01-05"), ElementsAre(later.id));
  EXPECT_THAT(Ids("created>2026-01-10"), ElementsAre(later.id));
  EXPECT_THAT(IdSet("parcel created:2026-01-01"),
              UnorderedElementsAre(plain_.id, rich_.id, other_.id));
  EXPECT_THAT(Ids("parcel created:2026-01-11"), ElementsAre(later.id));
  EXPECT_THAT(Ids("parcel created:2026-01-12"), ElementsAre());
  EXPECT_THAT(Ids("updated<3d"), ElementsAre(later.id));
  EXPECT_THAT(IdSet("updated>3d"), UnorderedElementsAre(plain_.id, rich_.id, other_.id));
  // In UTC, 2026-01-01T00:00Z is still 1 January; at UTC−1 it is 31 December.
  auto west = Find("created:2025-12-31", [](SearchRequest& r) { r.utc_offset_minutes = -60; });
  EXPECT_EQ(west.hits.size(), 3u);
}

}  // namespace
}  // namespace sahayak::search
