// A match split into slices against the same match in one piece, on a real Xapian index in
// a temporary folder: the same page (documents, weights, order of ties), counts and facets.
#include "search/slices.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <thread>
#include <vector>

#include "search/schema.h"
#include "testing/temp_dir.h"

namespace sahayak::search {
namespace {

using Q = Xapian::Query;
using services::SearchSort;

constexpr int kDocs = 600;
const char* const kWords[] = {"parcel", "late", "refund", "thank", "you", "courier", "pune", "box"};
const char* const kStatuses[] = {"open", "pending", "solved"};

class SlicesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.path() + "/search";
    Xapian::WritableDatabase db(path_, Xapian::DB_CREATE_OR_OVERWRITE);
    db.set_metadata(std::string(schema::kMetaSchema), std::to_string(schema::kSchemaVersion));
    std::mt19937 rng(7);
    for (int i = 0; i < kDocs; ++i) {
      Xapian::Document d;
      // Few words, short documents and few distinct times: many equal weights and keys, so
      // the order of ties is tested too.
      const int n = 1 + static_cast<int>(rng() % 6);
      for (int p = 1; p <= n; ++p) d.add_posting(kWords[rng() % std::size(kWords)], p);
      d.add_value(schema::kCreatedAt, Xapian::sortable_serialise(static_cast<double>(i % 37)));
      d.add_value(schema::kUpdatedAt, Xapian::sortable_serialise(static_cast<double>(i % 11)));
      d.add_value(schema::kStatusSlot, kStatuses[rng() % std::size(kStatuses)]);
      d.add_boolean_term("XTticket");
      db.add_document(d);
    }
    // Holes in the document numbers, as deleted and merged tickets leave them.
    for (Xapian::docid id = 5; id <= kDocs; id += 17) db.delete_document(id);
    db.commit();
  }

  std::vector<Q> Queries() const {
    return {Q("parcel"),
            Q(Q::OP_AND, Q("thank"), Q("you")),
            Q(Q::OP_OR, Q("refund"), Q(Q::OP_SCALE_WEIGHT, Q("late"), 0.5)),
            Q(Q::OP_PHRASE, Q("thank", 1, 1), Q("you", 1, 2)),
            Q(Q::OP_AND_NOT, Q("courier"), Q("pune")),
            Q(Q::OP_FILTER, Q("box"), Q(Q::OP_VALUE_GE, schema::kCreatedAt,
                                         Xapian::sortable_serialise(20.0)))};
  }

  static void ExpectSame(const MatchResult& want, const MatchResult& got, const std::string& what) {
    ASSERT_EQ(want.docs.size(), got.docs.size()) << what;
    for (size_t i = 0; i < want.docs.size(); ++i) {
      EXPECT_EQ(want.docs[i].docid, got.docs[i].docid) << what << " at " << i;
      EXPECT_EQ(want.docs[i].weight, got.docs[i].weight) << what << " at " << i;
    }
    EXPECT_EQ(want.lower, got.lower) << what;
    EXPECT_EQ(want.upper, got.upper) << what;
    EXPECT_EQ(want.estimated, got.estimated) << what;
    EXPECT_EQ(want.facets, got.facets) << what;
  }

  testing::TempDir dir_;
  std::string path_;
};

TEST_F(SlicesTest, TheSamePageCountsAndFacetsAsOneMatch) {
  Xapian::Database db(path_);
  for (size_t slices : {2, 3, 7}) {
    SlicedMatcher matcher(slices, 0);
    for (SearchSort sort : {SearchSort::kRelevance, SearchSort::kNewest, SearchSort::kOldest,
                            SearchSort::kUpdated}) {
      int qi = 0;
      for (const Q& q : Queries()) {
        ++qi;
        for (auto [first, count] : {std::pair{0u, 10u}, {7u, 26u}, {0u, kDocs + 1u}}) {
          MatchSpec spec;
          spec.query = q;
          spec.sort = sort;
          spec.first = first;
          spec.count = count;
          spec.check = kDocs;  // every count exact, so one match and the slices agree
          spec.facet_slots = {schema::kStatusSlot};
          const MatchResult want = MatchOnce(db, spec);
          ASSERT_GT(want.lower, 0u) << "query " << qi << " matches nothing: a test that cannot fail";
          ExpectSame(want, matcher.Match(path_, db, spec),
                     "slices " + std::to_string(slices) + " sort " + services::Name(sort) +
                         " query " + std::to_string(qi) + " first " + std::to_string(first));
        }
      }
    }
  }
}

TEST_F(SlicesTest, ASmallIndexIsMatchedInOnePiece) {
  Xapian::Database db(path_);
  SlicedMatcher matcher(2, kDocs + 1);
  MatchSpec spec;
  spec.query = Q("parcel");
  spec.count = 5;
  // One piece: the estimate of a match stopped early is Xapian's own, not a sum of slices'.
  const MatchResult want = MatchOnce(db, spec);
  ExpectSame(want, matcher.Match(path_, db, spec), "below min_documents");
}

TEST_F(SlicesTest, ACallerOnAnOlderRevisionGetsThatRevisionsAnswer) {
  Xapian::Database stale(path_);
  {
    Xapian::WritableDatabase w(path_, Xapian::DB_OPEN);
    for (int i = 0; i < 50; ++i) {
      Xapian::Document d;
      d.add_posting("parcel", 1);
      d.add_value(schema::kCreatedAt, Xapian::sortable_serialise(99.0));
      w.add_document(d);
    }
    w.commit();
  }
  MatchSpec spec;
  spec.query = Q("parcel");
  spec.sort = SearchSort::kNewest;
  spec.count = 100;
  spec.check = kDocs * 2;
  const MatchResult want = MatchOnce(stale, spec);
  SlicedMatcher matcher(3, 0);
  const MatchResult got = matcher.Match(path_, stale, spec);
  ExpectSame(want, got, "stale caller");
  for (const auto& d : got.docs) {
    EXPECT_LE(d.docid, stale.get_lastdocid()) << "a document the caller's revision does not hold";
  }
}

TEST_F(SlicesTest, ManySearchesAtOnceShareTheHelpers) {
  SlicedMatcher matcher(3, 0);
  std::vector<MatchResult> want;
  {
    Xapian::Database db(path_);
    for (const Q& q : Queries()) {
      MatchSpec spec;
      spec.query = q;
      spec.count = 20;
      spec.check = kDocs;
      want.push_back(MatchOnce(db, spec));
    }
  }
  std::vector<std::thread> threads;
  std::vector<int> wrong(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      Xapian::Database db(path_);  // each thread its own reader, as the server's are
      const auto queries = Queries();
      for (int round = 0; round < 25; ++round) {
        for (size_t i = 0; i < queries.size(); ++i) {
          MatchSpec spec;
          spec.query = queries[i];
          spec.count = 20;
          spec.check = kDocs;
          const MatchResult got = matcher.Match(path_, db, spec);
          bool same = got.docs.size() == want[i].docs.size() && got.lower == want[i].lower;
          for (size_t k = 0; same && k < got.docs.size(); ++k) {
            same = got.docs[k].docid == want[i].docs[k].docid;
          }
          if (!same) ++wrong[t];
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(wrong, std::vector<int>(4, 0));
}

}  // namespace
}  // namespace sahayak::search
