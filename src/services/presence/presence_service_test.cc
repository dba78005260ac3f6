// PresenceService on a fake clock.
#include "services/presence/presence_service.h"

#include <gtest/gtest.h>

#include <thread>

#include "testing/fake_clock.h"

namespace sahayak::services {
namespace {

using State = PresenceService::State;

class PresenceServiceTest : public ::testing::Test {
 protected:
  sahayak::testing::FakeClock clock_;
  PresenceService presence_{clock_};
};

TEST_F(PresenceServiceTest, ListsTheOtherAgentsMostRecentFirst) {
  presence_.Heartbeat(1, 10, 1, "Asha", State::kViewing);
  clock_.Advance(1000);
  presence_.Heartbeat(1, 10, 2, "Bhaskar", State::kReplying);
  clock_.Advance(1000);
  presence_.Heartbeat(1, 11, 3, "Chitra", State::kViewing);  // another ticket

  auto seen_by_3 = presence_.Present(1, 10, 3);
  ASSERT_EQ(seen_by_3.size(), 2u);
  EXPECT_EQ(seen_by_3[0].agent_id, 2);
  EXPECT_EQ(seen_by_3[0].name, "Bhaskar");
  EXPECT_EQ(seen_by_3[0].state, State::kReplying);
  EXPECT_EQ(seen_by_3[1].agent_id, 1);

  auto seen_by_1 = presence_.Present(1, 10, 1);
  ASSERT_EQ(seen_by_1.size(), 1u) << "the caller is not listed";
  EXPECT_EQ(seen_by_1[0].agent_id, 2);
  EXPECT_TRUE(presence_.Present(2, 10, 0).empty()) << "workspaces are apart";
}

TEST_F(PresenceServiceTest, SinceFollowsTheStateAndLastSeenEveryHeartbeat) {
  const Millis t0 = clock_.Now();
  presence_.Heartbeat(1, 10, 1, "Asha", State::kViewing);
  clock_.Advance(10000);
  presence_.Heartbeat(1, 10, 1, "Asha", State::kViewing);
  auto p = presence_.Present(1, 10, 0);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].since, t0);
  EXPECT_EQ(p[0].last_seen_at, t0 + 10000);
  clock_.Advance(5000);
  presence_.Heartbeat(1, 10, 1, "Asha", State::kReplying);
  p = presence_.Present(1, 10, 0);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].state, State::kReplying);
  EXPECT_EQ(p[0].since, t0 + 15000) << "a new state starts its own since";
}

TEST_F(PresenceServiceTest, EntriesExpireThirtySecondsAfterTheLastHeartbeat) {
  presence_.Heartbeat(1, 10, 1, "Asha", State::kViewing);
  clock_.Advance(20000);
  presence_.Heartbeat(1, 10, 2, "Bhaskar", State::kViewing);
  clock_.Advance(10000);
  EXPECT_EQ(presence_.Present(1, 10, 0).size(), 2u) << "exactly 30 s: still there";
  clock_.Advance(1);
  auto p = presence_.Present(1, 10, 0);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].agent_id, 2);
  clock_.Advance(20000);
  EXPECT_TRUE(presence_.Present(1, 10, 0).empty());
  EXPECT_EQ(presence_.size(), 0u) << "expired entries are dropped, not only hidden";
}

TEST_F(PresenceServiceTest, LeaveRemovesOnlyTheCaller) {
  presence_.Heartbeat(1, 10, 1, "Asha", State::kViewing);
  presence_.Heartbeat(1, 10, 2, "Bhaskar", State::kViewing);
  presence_.Leave(1, 10, 2);
  presence_.Leave(1, 10, 99);  // not there: nothing happens
  auto p = presence_.Present(1, 10, 0);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].agent_id, 1);
}

TEST_F(PresenceServiceTest, StaysBoundedByEvictingTheLeastRecentlySeen) {
  PresenceService small(clock_, {.ttl = 30000, .max_entries = 3});
  for (int agent = 1; agent <= 3; ++agent) {
    small.Heartbeat(1, 10, agent, "a", State::kViewing);
    clock_.Advance(1);
  }
  small.Heartbeat(1, 10, 1, "a", State::kViewing);  // agent 1 is now the most recent
  small.Heartbeat(1, 11, 4, "d", State::kViewing);  // full: agent 2 goes
  EXPECT_EQ(small.size(), 3u);
  std::vector<domain::Id> ids;
  for (const auto& e : small.Present(1, 10, 0)) ids.push_back(e.agent_id);
  EXPECT_EQ(ids, (std::vector<domain::Id>{1, 3}));
}

TEST_F(PresenceServiceTest, ManyThreadsHeartbeatAndReadAtOnce) {
  PresenceService bounded(clock_, {.ttl = 30000, .max_entries = 500});
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) {
        bounded.Heartbeat(1, i % 50, t * 1000 + i % 37, "x",
                          i % 2 ? State::kViewing : State::kReplying);
        if (i % 7 == 0) (void)bounded.Present(1, i % 50, 0);
        if (i % 11 == 0) bounded.Leave(1, i % 50, t * 1000 + i % 37);
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_LE(bounded.size(), 500u);
}

}  // namespace
}  // namespace sahayak::services
