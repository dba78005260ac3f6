// SLA policies and clocks (sla.h): which policy applies, the first response, next response and
// resolution clocks with pauses, reopening and business hours, and properties over random
// histories.
#include "domain/sla.h"

#include <gtest/gtest.h>

#include <random>

namespace sahayak::domain {
namespace {

using Kind = SlaEvent::Kind;
constexpr Millis kMin = 60'000;

Millis At(const char* rfc3339) {
  Millis t = 0;
  EXPECT_TRUE(ParseRfc3339(rfc3339, &t)) << rfc3339;
  return t;
}

SlaPolicy Policy(std::vector<SlaTarget> targets) {
  SlaPolicy p;
  p.id = 1;
  p.name = "Standard";
  p.targets = std::move(targets);
  return p;
}

SlaEvent Reply(Millis at) { return {at, Kind::kAgentReply, TicketStatus::kOpen}; }
SlaEvent Customer(Millis at) { return {at, Kind::kCustomerMessage, TicketStatus::kOpen}; }
SlaEvent StatusAt(Millis at, TicketStatus s) {
  return {at, Kind::kStatus, s};
}

// Mon–Fri 09:00–13:00 and 14:00–18:00 in Kolkata; Republic Day (Monday 26 January 2026) off.
BusinessClock OfficeHours() {
  BusinessSchedule s;
  s.time_zone = "Asia/Kolkata";
  for (int d = 0; d < 5; ++d) {
    s.periods.push_back({d, 9 * 60, 13 * 60});
    s.periods.push_back({d, 14 * 60, 18 * 60});
  }
  s.holidays.push_back({"2026-01-26", "Republic Day"});
  auto c = BusinessClock::Make(s);
  EXPECT_TRUE(c.ok());
  return std::move(*c);
}

TEST(SlaPolicy, ProblemsNameTheirMembers) {
  SlaPolicy p = Policy({{SlaMetric::kFirstResponse, 0, true},
                        {SlaMetric::kFirstResponse, 60, true}});
  p.name = "  ";
  std::vector<std::string> fields;
  for (const FieldError& e : SlaPolicyProblems(p)) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"name", "targets[0].minutes", "targets[1].metric"}));
  EXPECT_EQ(SlaPolicyProblems(Policy({}))[0].field, "targets");
  EXPECT_TRUE(SlaPolicyProblems(Policy({{SlaMetric::kResolution, 60 * 24, false}})).empty());
  EXPECT_FALSE(
      SlaPolicyProblems(Policy({{SlaMetric::kResolution, kMaxSlaTargetMinutes + 1, false}})).empty());
}

TEST(SlaPolicy, TheFirstActiveMatchingPolicyByPositionApplies) {
  SlaPolicy chat = Policy({{SlaMetric::kFirstResponse, 1, false}});
  chat.id = 10;
  chat.position = 2;
  chat.when.channels = {Channel::kChat};
  SlaPolicy enterprise = Policy({{SlaMetric::kFirstResponse, 240, true}});
  enterprise.id = 11;
  enterprise.position = 1;
  enterprise.when.tiers = {Tier::kEnterprise};
  enterprise.when.channels = {Channel::kEmail, Channel::kWeb};
  SlaPolicy email = Policy({{SlaMetric::kFirstResponse, 24 * 60, true}});
  email.id = 12;
  email.position = 3;
  email.when.channels = {Channel::kEmail};
  SlaPolicy off = email;
  off.id = 13;
  off.position = 0;
  off.active = false;
  const std::vector<SlaPolicy> all = {chat, enterprise, email, off};

  SlaFacts f;
  f.channel = Channel::kEmail;
  EXPECT_EQ(MatchPolicy(all, f)->id, 12);
  f.tier = Tier::kEnterprise;
  EXPECT_EQ(MatchPolicy(all, f)->id, 11);
  f.channel = Channel::kChat;
  EXPECT_EQ(MatchPolicy(all, f)->id, 10);
  f.channel = Channel::kPhone;
  EXPECT_EQ(MatchPolicy(all, f), nullptr);

  SlaConditions tagged;
  tagged.tags = {"vip", "ಪಾರ್ಸಲ್"};
  f.tags = {"refund", "ಪಾರ್ಸಲ್"};
  EXPECT_TRUE(Matches(tagged, f));
  f.tags = {"refund"};
  EXPECT_FALSE(Matches(tagged, f));
  SlaConditions grouped;
  grouped.group_ids = {4};
  EXPECT_FALSE(Matches(grouped, f)) << "a ticket in no group is not in group 4";
  f.group_id = 4;
  EXPECT_TRUE(Matches(grouped, f));
}

TEST(SlaClocks, ChatFirstResponseWithinAMinute) {
  const SlaPolicy p = Policy({{SlaMetric::kFirstResponse, 1, false}});
  const Millis start = At("2026-12-07T10:00:00+05:30");
  auto c = ComputeSlaClocks(p, nullptr, start, TicketStatus::kNew, {}, start + 30'000);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].state, SlaState::kActive);
  EXPECT_EQ(c[0].due_at, start + kMin);
  EXPECT_EQ(NextDue(c), start + kMin);

  c = ComputeSlaClocks(p, nullptr, start, TicketStatus::kNew, {}, start + 61'000);
  EXPECT_EQ(c[0].state, SlaState::kBreached);
  EXPECT_TRUE(AnyBreached(c));
  EXPECT_FALSE(NextDue(c)) << "a breached clock is no longer 'due next'";

  c = ComputeSlaClocks(p, nullptr, start, TicketStatus::kNew, {Reply(start + 45'000)},
                       start + 3'600'000);
  EXPECT_EQ(c[0].state, SlaState::kAchieved);
  EXPECT_EQ(c[0].fulfilled_at, start + 45'000);
  EXPECT_EQ(c[0].elapsed, 45'000);

  c = ComputeSlaClocks(p, nullptr, start, TicketStatus::kNew, {Reply(start + kMin)}, start + kMin);
  EXPECT_EQ(c[0].state, SlaState::kAchieved) << "a reply at the due instant is in time";

  c = ComputeSlaClocks(p, nullptr, start, TicketStatus::kNew, {Reply(start + 2 * kMin)},
                       start + 3 * kMin);
  EXPECT_EQ(c[0].state, SlaState::kBreached);
  EXPECT_EQ(c[0].due_at, start + kMin) << "breached at its due time";

  c = ComputeSlaClocks(p, nullptr, start, TicketStatus::kNew,
                       {StatusAt(start + 20'000, TicketStatus::kSolved)}, start + kMin * 5);
  EXPECT_EQ(c[0].state, SlaState::kAchieved) << "solved without a reply";
}

TEST(SlaClocks, AnEmailAtFiveToSixOnTheFridayBeforeAHolidayIsDueOnTuesdayMorning) {
  const BusinessClock hours = OfficeHours();
  const SlaPolicy p = Policy({{SlaMetric::kFirstResponse, 60, true},
                              {SlaMetric::kResolution, 8 * 60, true}});
  const Millis mail = At("2026-01-23T17:55:00+05:30");  // Friday
  auto c = ComputeSlaClocks(p, &hours, mail, TicketStatus::kNew, {},
                            At("2026-01-26T12:00:00+05:30"));  // on the holiday
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].state, SlaState::kActive) << "weekend and holiday do not count";
  EXPECT_EQ(c[0].elapsed, 5 * kMin);
  EXPECT_EQ(c[0].due_at, At("2026-01-27T09:55:00+05:30"));
  // Eight business hours: 5 minutes on Friday, then Tuesday 09:00–13:00 and 14:00–17:55.
  EXPECT_EQ(c[1].due_at, At("2026-01-27T17:55:00+05:30"));

  c = ComputeSlaClocks(p, &hours, mail, TicketStatus::kNew, {Reply(At("2026-01-27T09:30:00+05:30"))},
                       At("2026-01-27T10:00:00+05:30"));
  EXPECT_EQ(c[0].state, SlaState::kAchieved);
  EXPECT_EQ(c[0].elapsed, 35 * kMin);
}

TEST(SlaClocks, ResolutionPausesWhilePendingAndRunsOnAfterReopening) {
  const SlaPolicy p = Policy({{SlaMetric::kResolution, 60, false}});
  const Millis t0 = At("2026-12-07T10:00:00Z");
  const std::vector<SlaEvent> waited = {StatusAt(t0 + 20 * kMin, TicketStatus::kPending),
                                        Customer(t0 + 60 * kMin),
                                        StatusAt(t0 + 60 * kMin, TicketStatus::kOpen),
                                        StatusAt(t0 + 90 * kMin, TicketStatus::kSolved)};
  auto c = ComputeSlaClocks(p, nullptr, t0, TicketStatus::kNew, waited, t0 + 100 * kMin);
  EXPECT_EQ(c[0].state, SlaState::kAchieved);
  EXPECT_EQ(c[0].elapsed, 50 * kMin) << "the 40 minutes pending do not count";
  EXPECT_EQ(c[0].fulfilled_at, t0 + 90 * kMin);

  c = ComputeSlaClocks(p, nullptr, t0, TicketStatus::kNew, {waited[0]}, t0 + 5 * 60 * kMin);
  EXPECT_EQ(c[0].state, SlaState::kPaused);
  EXPECT_FALSE(c[0].due_at);
  EXPECT_EQ(c[0].elapsed, 20 * kMin);

  // Solved after 30 minutes, reopened an hour and a half later: it runs on from 30.
  const std::vector<SlaEvent> reopened = {StatusAt(t0 + 30 * kMin, TicketStatus::kSolved),
                                          StatusAt(t0 + 120 * kMin, TicketStatus::kOpen)};
  c = ComputeSlaClocks(p, nullptr, t0, TicketStatus::kNew, reopened, t0 + 140 * kMin);
  EXPECT_EQ(c[0].state, SlaState::kActive);
  EXPECT_EQ(c[0].elapsed, 50 * kMin);
  EXPECT_EQ(c[0].due_at, t0 + 150 * kMin);
  EXPECT_FALSE(c[0].fulfilled_at);
  c = ComputeSlaClocks(p, nullptr, t0, TicketStatus::kNew, reopened, t0 + 160 * kMin);
  EXPECT_EQ(c[0].state, SlaState::kBreached);

  // Used up exactly when it was paused: any time after resuming is late.
  const std::vector<SlaEvent> exact = {StatusAt(t0 + 60 * kMin, TicketStatus::kPending),
                                       StatusAt(t0 + 90 * kMin, TicketStatus::kOpen)};
  c = ComputeSlaClocks(p, nullptr, t0, TicketStatus::kNew, exact, t0 + 90 * kMin + 1);
  EXPECT_EQ(c[0].state, SlaState::kBreached);
  EXPECT_EQ(c[0].due_at, t0 + 90 * kMin);
}

TEST(SlaClocks, NextResponseCyclesStartWithTheCustomerAfterAnAgentReplied) {
  const SlaPolicy p = Policy({{SlaMetric::kNextResponse, 15, false}});
  const Millis t0 = At("2026-12-07T10:00:00Z");
  auto c = ComputeSlaClocks(p, nullptr, t0, TicketStatus::kNew, {Customer(t0 + kMin)},
                            t0 + 60 * kMin);
  EXPECT_TRUE(c.empty()) << "before the first reply the first-response clock covers it";

  std::vector<SlaEvent> ev = {Reply(t0 + 5 * kMin), Customer(t0 + 10 * kMin),
                              Customer(t0 + 12 * kMin), Reply(t0 + 40 * kMin),
                              Customer(t0 + 60 * kMin), Reply(t0 + 65 * kMin)};
  c = ComputeSlaClocks(p, nullptr, t0, TicketStatus::kNew, ev, t0 + 70 * kMin);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].state, SlaState::kAchieved) << "the latest cycle: 60 → 65";
  EXPECT_EQ(c[0].started_at, t0 + 60 * kMin);
  EXPECT_EQ(c[0].breaches, 1) << "10 → 40 was late; the second message did not restart it";

  ev.push_back(Customer(t0 + 80 * kMin));
  c = ComputeSlaClocks(p, nullptr, t0, TicketStatus::kNew, ev, t0 + 100 * kMin);
  EXPECT_EQ(c[0].state, SlaState::kBreached);
  EXPECT_EQ(c[0].due_at, t0 + 95 * kMin);
  EXPECT_EQ(c[0].breaches, 2);
}

// Random histories: a 24/7 schedule counts like the calendar; a met clock is breached exactly
// when it was met after its due time; nothing counts more time than passed.
TEST(SlaClocks, PropertiesHoldForRandomHistories) {
  BusinessSchedule always;
  always.time_zone = "Europe/London";
  always.always_open = true;
  auto made = BusinessClock::Make(always);
  ASSERT_TRUE(made.ok());
  const BusinessClock& all_day = *made;
  const BusinessClock office = OfficeHours();
  std::mt19937 rng(7);
  const SlaPolicy p = Policy({{SlaMetric::kFirstResponse, 30, true},
                              {SlaMetric::kNextResponse, 45, true},
                              {SlaMetric::kResolution, 600, true}});
  const Millis t0 = At("2026-01-20T08:00:00Z");
  const TicketStatus statuses[] = {TicketStatus::kOpen, TicketStatus::kPending,
                                   TicketStatus::kOnHold, TicketStatus::kSolved};
  for (int round = 0; round < 500; ++round) {
    std::vector<SlaEvent> ev;
    Millis t = t0;
    const int n = static_cast<int>(rng() % 12);
    for (int i = 0; i < n; ++i) {
      t += static_cast<Millis>(rng() % (6 * 60)) * kMin;
      switch (rng() % 3) {
        case 0: ev.push_back(Customer(t)); break;
        case 1: ev.push_back(Reply(t)); break;
        default:
          ev.push_back(StatusAt(t, statuses[rng() % 4]));
          break;
      }
    }
    const Millis now = t + static_cast<Millis>(rng() % (48 * 60)) * kMin;
    const auto calendar = ComputeSlaClocks(p, nullptr, t0, TicketStatus::kNew, ev, now);
    const auto open = ComputeSlaClocks(p, &all_day, t0, TicketStatus::kNew, ev, now);
    ASSERT_EQ(calendar.size(), open.size());
    for (size_t i = 0; i < calendar.size(); ++i) {
      EXPECT_EQ(calendar[i].state, open[i].state) << round;
      EXPECT_EQ(calendar[i].due_at, open[i].due_at) << round;
      EXPECT_EQ(calendar[i].elapsed, open[i].elapsed) << round;
    }
    const auto in_office = ComputeSlaClocks(p, &office, t0, TicketStatus::kNew, ev, now);
    for (const std::vector<SlaClock>* clocks : {&calendar, &in_office}) {
      for (const SlaClock& c : *clocks) {
        EXPECT_LE(c.elapsed, now - t0) << round;
        EXPECT_GE(c.elapsed, 0) << round;
        if (c.fulfilled_at && c.due_at && c.metric != SlaMetric::kResolution) {
          EXPECT_EQ(c.state == SlaState::kBreached, *c.fulfilled_at > *c.due_at) << round;
        }
        if (c.state == SlaState::kActive) {
          ASSERT_TRUE(c.due_at) << round;
          EXPECT_GE(*c.due_at, now) << round;
          EXPECT_LT(c.elapsed, c.target_minutes * kMin + 1) << round;
        }
      }
    }
  }
}

}  // namespace
}  // namespace sahayak::domain
