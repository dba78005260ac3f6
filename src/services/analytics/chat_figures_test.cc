// Live chat figures (chat_figures.h): percentiles in constant memory, which chats count as
// answered, missed and within the one-minute promise, and the split by agent, group, language
// and local day.
#include "services/analytics/chat_figures.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace sahayak::services {
namespace {

Millis At(const std::string& rfc3339) {
  Millis t = 0;
  EXPECT_TRUE(ParseRfc3339(rfc3339, &t)) << rfc3339;
  return t;
}

// A chat an agent answered: accepted after `wait_s`, first message after `first_s`, ended after
// `duration_s` (unset: still active).
ChatOutcome Answered(domain::Id id, domain::Id agent, const std::string& agent_name,
                     std::optional<domain::Id> group, const std::string& started, int wait_s,
                     int first_s, std::optional<int> duration_s, const std::string& lang = "hi") {
  ChatOutcome c;
  c.id = id;
  c.agent_id = agent;
  c.agent_name = agent_name;
  c.group_id = group;
  c.group_name = group ? "Parcels" : "";
  c.language = lang;
  c.created_at = At(started);
  c.wait_ms = wait_s * 1000LL;
  c.first_response_ms = first_s * 1000LL;
  c.status = duration_s ? "ended" : "active";
  if (duration_s) c.duration_ms = *duration_s * 1000LL;
  return c;
}

ChatOutcome Missed(domain::Id id, std::optional<domain::Id> group, const std::string& started,
                   int gave_up_s, const std::string& lang = "kn") {
  ChatOutcome c;
  c.id = id;
  c.group_id = group;
  c.group_name = group ? "Parcels" : "";
  c.language = lang;
  c.created_at = At(started);
  c.status = "missed";
  c.missed = true;
  c.duration_ms = gave_up_s * 1000LL;
  return c;
}

TEST(DurationStats, GivesNothingWithoutValues) {
  DurationStats s;
  EXPECT_EQ(s.count(), 0);
  EXPECT_FALSE(s.AverageSeconds());
  EXPECT_FALSE(s.PercentileSeconds(0.5));
}

TEST(DurationStats, MedianAndNinetiethAreExactToTheSecondUnderTenMinutes) {
  DurationStats s;
  for (int i = 1; i <= 10; ++i) s.Add(i * 1000 + 400);  // 1.4 s … 10.4 s
  EXPECT_EQ(s.count(), 10);
  EXPECT_EQ(*s.PercentileSeconds(0.5), 5);  // nearest rank 5 of 10
  EXPECT_EQ(*s.PercentileSeconds(0.9), 9);
  EXPECT_EQ(*s.PercentileSeconds(1.0), 10);
  EXPECT_DOUBLE_EQ(*s.AverageSeconds(), 5.9);
}

TEST(DurationStats, LongDurationsFallInCoarserBuckets) {
  DurationStats s;
  s.Add(754'000);       // 12 min 34 s → the 10-second bucket 750 s
  EXPECT_EQ(*s.PercentileSeconds(0.5), 750);
  DurationStats h;
  h.Add(5'000'000);     // 83 min 20 s → the minute bucket 4,980 s
  EXPECT_EQ(*h.PercentileSeconds(0.5), 4'980);
  DurationStats d;
  d.Add(90'000'000);    // 25 h → the hour bucket
  EXPECT_EQ(*d.PercentileSeconds(0.5), 90'000);
  DurationStats n;
  n.Add(-5);            // a clock step back counts as zero, not as a negative wait
  EXPECT_EQ(*n.PercentileSeconds(0.5), 0);
}

TEST(DurationStats, PercentilesMatchSortingForRandomWaits) {
  std::mt19937 rng(20261206);
  std::uniform_int_distribution<Millis> wait(0, 599'999);
  for (int round = 0; round < 50; ++round) {
    DurationStats s;
    std::vector<int64_t> seconds;
    const int n = 1 + static_cast<int>(rng() % 300);
    for (int i = 0; i < n; ++i) {
      const Millis ms = wait(rng);
      s.Add(ms);
      seconds.push_back(ms / 1000);
    }
    std::sort(seconds.begin(), seconds.end());
    for (double p : {0.5, 0.9, 1.0}) {
      const auto rank = static_cast<size_t>(std::ceil(p * n - 1e-9));
      EXPECT_EQ(*s.PercentileSeconds(p), seconds[rank - 1]) << "n=" << n << " p=" << p;
    }
  }
}

TEST(ChatFigureBuilder, CountsAnsweredMissedWaitingAndThePromise) {
  ChatFigureBuilder b(Period("2026-12-01", "2026-12-03", "Asia/Kolkata"));
  b.Add(Answered(1, 7, "Asha", 3, "2026-12-01T10:00:00+05:30", 10, 20, 300));
  b.Add(Answered(2, 7, "Asha", 3, "2026-12-01T11:00:00+05:30", 30, 75, 600));  // late answer
  b.Add(Answered(3, 8, "ರವಿ", std::nullopt, "2026-12-02T09:00:00+05:30", 5, 8, std::nullopt,
                 "kn"));  // still going
  b.Add(Missed(4, 3, "2026-12-02T23:30:00+05:30", 120));
  ChatOutcome queued;
  queued.id = 5;
  queued.group_id = 3;
  queued.group_name = "Parcels";
  queued.status = "queued";
  queued.language = "en";
  queued.created_at = At("2026-12-03T08:00:00+05:30");
  b.Add(queued);
  ChatOutcome bot = queued;
  bot.id = 6;
  bot.status = "active";
  bot.held_by_assistant = true;
  b.Add(bot);

  ChatFigures f = b.Finish();
  EXPECT_EQ(f.from, "2026-12-01");
  EXPECT_EQ(f.to, "2026-12-03");
  EXPECT_EQ(f.totals.chats, 6);
  EXPECT_EQ(f.totals.answered, 3);
  EXPECT_EQ(f.totals.missed, 1);
  EXPECT_EQ(f.totals.waiting, 1);
  EXPECT_EQ(f.totals.by_assistant, 1);
  EXPECT_EQ(f.totals.responded, 3);
  EXPECT_EQ(f.totals.within_target, 2);  // 20 s and 8 s; 75 s broke the promise
  EXPECT_EQ(*f.totals.first_response.PercentileSeconds(0.5), 20);
  EXPECT_EQ(*f.totals.wait.PercentileSeconds(1.0), 30);
  EXPECT_EQ(f.totals.duration.count(), 2);  // ended answered chats only
  EXPECT_DOUBLE_EQ(*f.totals.duration.AverageSeconds(), 450.0);
  EXPECT_EQ(f.totals.gave_up_after.count(), 1);
  EXPECT_EQ(*f.totals.gave_up_after.PercentileSeconds(0.5), 120);

  ASSERT_EQ(f.by_agent.size(), 2u);
  EXPECT_EQ(f.by_agent[0].name, "Asha");
  EXPECT_EQ(f.by_agent[0].counts.chats, 2);
  EXPECT_EQ(f.by_agent[0].counts.within_target, 1);
  EXPECT_EQ(f.by_agent[1].name, "ರವಿ");
  EXPECT_EQ(f.by_agent[1].counts.chats, 1);

  ASSERT_EQ(f.by_group.size(), 2u);
  EXPECT_EQ(f.by_group[0].group_id, 3);
  EXPECT_EQ(f.by_group[0].name, "Parcels");
  EXPECT_EQ(f.by_group[0].counts.chats, 5);
  EXPECT_EQ(f.by_group[0].counts.missed, 1);
  EXPECT_FALSE(f.by_group[1].group_id);  // the chat in no group
  EXPECT_EQ(f.by_group[1].counts.chats, 1);

  ASSERT_EQ(f.by_language.size(), 3u);
  EXPECT_EQ(f.by_language[0].counts.chats, 2);  // hi, kn and en: two chats each
  int64_t sum = 0;
  for (const auto& l : f.by_language) sum += l.counts.chats;
  EXPECT_EQ(sum, 6);

  ASSERT_EQ(f.days.size(), 3u);
  EXPECT_EQ(f.days[0].chats, 2);
  EXPECT_EQ(f.days[0].within_target, 1);
  EXPECT_EQ(f.days[1].chats, 2);  // 23:30 IST is still 2 December there
  EXPECT_EQ(f.days[1].missed, 1);
  EXPECT_EQ(f.days[2].chats, 2);
}

TEST(Period, LocalDaysFollowTheZoneAcrossADaylightSavingChange) {
  Period p("2026-03-28", "2026-03-30", "Europe/London");  // clocks go forward on the 29th
  ASSERT_EQ(p.dates().size(), 3u);
  EXPECT_EQ(p.start(), At("2026-03-28T00:00:00Z"));
  EXPECT_EQ(p.end(), At("2026-03-30T23:00:00Z"));  // midnight BST of the 31st
  EXPECT_EQ(p.DayOf(At("2026-03-29T23:30:00Z")), 2);  // 00:30 BST on the 30th
  EXPECT_EQ(p.DayOf(At("2026-03-27T23:59:59Z")), -1);
  EXPECT_EQ(p.LocalDate(At("2026-03-29T23:30:00Z")), "2026-03-30");
}

}  // namespace
}  // namespace sahayak::services
