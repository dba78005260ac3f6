// Deflection: the figures (pure) and the tracker on a real SQLite store and a fake clock.
#include "services/deflection/deflection_service.h"

#include <gtest/gtest.h>

#include "base/crypto.h"
#include "store/sqlite/sqlite_store.h"
#include "testing/fake_clock.h"
#include "testing/temp_dir.h"

namespace sahayak::services {
namespace {

DeflectionAttempt Attempt(Id id, Millis created, std::vector<Id> shown,
                          std::optional<Id> ticket = std::nullopt) {
  DeflectionAttempt a;
  a.id = id;
  a.created_at = created;
  a.shown_article_ids = std::move(shown);
  a.ticket_id = ticket;
  return a;
}

TEST(DeflectionFiguresTest, CountsSettledAttemptsOnly) {
  const Millis now = 1'000 * kMinute;
  std::vector<DeflectionAttempt> attempts = {
      Attempt(1, now - 60 * kMinute, {10, 11}),      // clicked 10, no request: deflected
      Attempt(2, now - 50 * kMinute, {10}, 900),     // clicked 10, then submitted
      Attempt(3, now - 40 * kMinute, {12}),          // no click, no request: deflected
      Attempt(4, now - 31 * kMinute, {11}, 901),     // submitted without a click
      Attempt(5, now - 29 * kMinute, {10}),          // too young: pending
  };
  std::vector<DeflectionClick> clicks = {{1, 10, 0}, {1, 10, 0}, {2, 10, 0}, {5, 10, 0},
                                         {1, 11, 0}};
  DeflectionFigures f = ComputeDeflectionFigures(attempts, clicks, now);
  EXPECT_EQ(f.attempts, 4);
  EXPECT_EQ(f.pending, 1);
  EXPECT_EQ(f.clicked, 2);
  EXPECT_EQ(f.submitted, 2);
  EXPECT_EQ(f.deflected, 2);
  EXPECT_DOUBLE_EQ(f.deflection_rate, 0.5);
  ASSERT_EQ(f.articles.size(), 2u);
  EXPECT_EQ(f.articles[0].id, 10);
  EXPECT_EQ(f.articles[0].clicks, 3);     // twice in attempt 1, once in 2; attempt 5 pending
  EXPECT_EQ(f.articles[0].deflected, 1);  // attempt 1 only, counted once
  EXPECT_EQ(f.articles[1].id, 11);
  EXPECT_EQ(f.articles[1].clicks, 1);
  EXPECT_EQ(f.articles[1].deflected, 1);
}

TEST(DeflectionFiguresTest, NoAttemptsNoRate) {
  DeflectionFigures f = ComputeDeflectionFigures({}, {}, 0);
  EXPECT_EQ(f.attempts, 0);
  EXPECT_EQ(f.deflection_rate, 0.0);
  EXPECT_TRUE(f.articles.empty());
}

TEST(DeflectionFiguresTest, KeepsTheTopTenArticles) {
  std::vector<DeflectionAttempt> attempts = {Attempt(1, 0, {1})};
  std::vector<DeflectionClick> clicks;
  for (Id article = 1; article <= 12; ++article) {
    for (Id n = 0; n < article; ++n) clicks.push_back({1, article, 0});
  }
  DeflectionFigures f = ComputeDeflectionFigures(attempts, clicks, kDeflectionSettleMs);
  ASSERT_EQ(f.articles.size(), 10u);
  EXPECT_EQ(f.articles.front().id, 12);
  EXPECT_EQ(f.articles.back().id, 3);
}

class DeflectionTrackerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    InitCrypto();
    store::SqliteStoreOptions o;
    o.path = dir_.path() + "/t.db";
    o.synchronous_full = false;
    store_ = std::move(store::SqliteStore::Open(o)).value();
    tracker_ = std::make_unique<DeflectionTracker>(*store_, clock_);
    ASSERT_TRUE(store_
                    ->Write([&](WriteTx& tx) -> Status {
                      for (Id* ws : {&ws_, &other_ws_}) {
                        Workspace w;
                        w.name = "W" + std::to_string(*ws);
                        RETURN_IF_ERROR(tx.InsertWorkspace(&w));
                        *ws = w.id;
                      }
                      return Status::Ok();
                    })
                    .ok());
  }

  testing::TempDir dir_;
  testing::FakeClock clock_;
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<DeflectionTracker> tracker_;
  Id ws_ = 0, other_ws_ = 0;
};

TEST_F(DeflectionTrackerTest, AnAttemptStartsWithItsFirstSuggestions) {
  auto none = tracker_->RecordShown(ws_, "", "web_form", "hi", "xyz", {});
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(*none, "");
  auto token = tracker_->RecordShown(ws_, "", "web_form", "hi", "पार्सल", {7, 8});
  ASSERT_TRUE(token.ok());
  EXPECT_TRUE(LooksLikeDeflectionToken(*token));
  auto again = tracker_->RecordShown(ws_, *token, "web_form", "hi", "पार्सल देर", {8, 9});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *token);
  store_->Read([&](ReadTx& tx) -> Status {
    auto a = tx.deflection().GetDeflectionAttempt(ws_, *token);
    EXPECT_TRUE(a.ok());
    EXPECT_EQ(a->shown_article_ids, (std::vector<Id>{7, 8, 9}));
    EXPECT_EQ(a->last_query, "पार्सल देर");
    EXPECT_EQ(a->source, "web_form");
    // Another workspace cannot see it.
    EXPECT_FALSE(tx.deflection().GetDeflectionAttempt(other_ws_, *token).ok());
    return Status::Ok();
  });
  EXPECT_FALSE(tracker_->RecordShown(ws_, "", "email", "en", "x", {1}).ok());
}

TEST_F(DeflectionTrackerTest, FiguresFollowClicksAndSubmissions) {
  auto deflected = tracker_->RecordShown(ws_, "", "portal", "en", "refund", {5});
  auto submitted = tracker_->RecordShown(ws_, "", "web_form", "kn", "ಪಾರ್ಸೆಲ್", {6});
  ASSERT_TRUE(deflected.ok() && submitted.ok());
  tracker_->RecordClick(ws_, *deflected, 5);
  tracker_->RecordClick(ws_, "not-a-token", 5);            // ignored
  tracker_->RecordClick(other_ws_, *deflected, 5);         // another workspace: ignored
  tracker_->RecordSubmitted(ws_, *submitted, 42);
  tracker_->RecordSubmitted(ws_, *submitted, 43);          // the first request counts
  tracker_->RecordSubmitted(ws_, "", 44);                  // ignored
  const Millis from = clock_.Now() - kMinute, to = clock_.Now() + kMinute;
  auto young = tracker_->Figures(ws_, from, to);
  ASSERT_TRUE(young.ok());
  EXPECT_EQ(young->attempts, 0);
  EXPECT_EQ(young->pending, 2);
  clock_.Advance(kDeflectionSettleMs);
  auto f = tracker_->Figures(ws_, from, to);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->attempts, 2);
  EXPECT_EQ(f->clicked, 1);
  EXPECT_EQ(f->submitted, 1);
  EXPECT_EQ(f->deflected, 1);
  EXPECT_DOUBLE_EQ(f->deflection_rate, 0.5);
  ASSERT_EQ(f->articles.size(), 1u);
  EXPECT_EQ(f->articles[0].id, 5);
  EXPECT_EQ(f->articles[0].clicks, 1);
  store_->Read([&](ReadTx& tx) -> Status {
    auto a = tx.deflection().GetDeflectionAttempt(ws_, *submitted);
    EXPECT_EQ(a->ticket_id, 42);
    return Status::Ok();
  });
  auto other = tracker_->Figures(other_ws_, from, to);
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(other->attempts, 0);
}

}  // namespace
}  // namespace sahayak::services
