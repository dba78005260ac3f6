#include "domain/ticket.h"

#include <gtest/gtest.h>

namespace sahayak::domain {
namespace {

using S = TicketStatus;

TEST(TicketLifecycle, AllowsTheDocumentedTransitions) {
  const std::pair<S, S> allowed[] = {
      {S::kNew, S::kOpen},        {S::kNew, S::kPending},     {S::kNew, S::kOnHold},
      {S::kNew, S::kSolved},      {S::kOpen, S::kPending},    {S::kOpen, S::kOnHold},
      {S::kOpen, S::kSolved},     {S::kPending, S::kOpen},    {S::kPending, S::kOnHold},
      {S::kPending, S::kSolved},  {S::kOnHold, S::kOpen},     {S::kOnHold, S::kPending},
      {S::kOnHold, S::kSolved},   {S::kSolved, S::kOpen},     {S::kSolved, S::kClosed}};
  for (auto [from, to] : allowed) {
    EXPECT_TRUE(IsAllowedTransition(from, to)) << Name(from) << " -> " << Name(to);
  }
}

TEST(TicketLifecycle, RejectsEverythingElse) {
  const std::pair<S, S> denied[] = {
      {S::kOpen, S::kNew},     {S::kSolved, S::kNew},     {S::kNew, S::kClosed},
      {S::kOpen, S::kClosed},  {S::kPending, S::kClosed}, {S::kOnHold, S::kClosed},
      {S::kSolved, S::kPending}, {S::kSolved, S::kOnHold}, {S::kClosed, S::kOpen},
      {S::kClosed, S::kSolved}, {S::kClosed, S::kNew}};
  for (auto [from, to] : denied) {
    EXPECT_FALSE(IsAllowedTransition(from, to)) << Name(from) << " -> " << Name(to);
    Status st = CheckTransition(from, to);
    EXPECT_EQ(st.code(), Code::kFailedPrecondition);
    EXPECT_EQ(st.kind(), "invalid-transition");
    ASSERT_EQ(st.fields().size(), 1u);
    EXPECT_EQ(st.fields()[0].field, "status");
  }
}

TEST(TicketLifecycle, StayingPutIsAlwaysAllowed) {
  for (S s : {S::kNew, S::kOpen, S::kPending, S::kOnHold, S::kSolved, S::kClosed}) {
    EXPECT_TRUE(IsAllowedTransition(s, s));
  }
}

TEST(TicketLifecycle, SolvedAtFollowsSolveAndReopen) {
  Ticket t;
  t.status = S::kOpen;
  ApplyStatus(&t, S::kSolved, 1000);
  ASSERT_TRUE(t.solved_at.has_value());
  EXPECT_EQ(*t.solved_at, 1000);
  ApplyStatus(&t, S::kClosed, 2000);
  EXPECT_EQ(*t.solved_at, 1000) << "closing keeps the time it was solved";
  Ticket r;
  r.status = S::kSolved;
  r.solved_at = 5;
  ApplyStatus(&r, S::kOpen, 10);
  EXPECT_FALSE(r.solved_at.has_value()) << "reopening clears solved_at";
}

TEST(TicketEnums, NamesRoundTrip) {
  for (S s : {S::kNew, S::kOpen, S::kPending, S::kOnHold, S::kSolved, S::kClosed}) {
    EXPECT_EQ(ParseStatus(Name(s)), s);
  }
  EXPECT_EQ(ParseStatus("on-hold"), std::nullopt);
  EXPECT_EQ(ParsePriority("urgent"), Priority::kUrgent);
  EXPECT_EQ(ParsePriority("URGENT"), std::nullopt);
  EXPECT_EQ(ParseTicketType("complaint"), TicketType::kComplaint);
  EXPECT_EQ(ParseChannel("portal"), Channel::kPortal);
}

TEST(Tags, NormaliseFoldsTrimsAndKeepsIndianScripts) {
  EXPECT_EQ(NormaliseTag("  VIP Customer ").value(), "vip_customer");
  EXPECT_EQ(NormaliseTag("पार्सल").value(), "पार्सल");
  EXPECT_EQ(NormaliseTag("ಪಾರ್ಸೆಲ್").value(), "ಪಾರ್ಸೆಲ್");
  EXPECT_EQ(NormaliseTag("cod:dispute").value(), "cod:dispute");
  EXPECT_FALSE(NormaliseTag("").ok());
  EXPECT_FALSE(NormaliseTag("   ").ok());
  EXPECT_FALSE(NormaliseTag("<script>").ok());
  EXPECT_FALSE(NormaliseTag(std::string(65, 'a')).ok());
  auto tags = NormaliseTags({"b", "A", "a", "B "});
  ASSERT_TRUE(tags.ok());
  EXPECT_EQ(*tags, (std::vector<std::string>{"a", "b"}));
}

}  // namespace
}  // namespace sahayak::domain
