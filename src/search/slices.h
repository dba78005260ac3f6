#pragma once

#include <xapian.h>

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "services/search/search.h"

// One match of the index, on one thread or split over several.
//
// A query of common words ("thank has", "thanks for") scores every document that holds them:
// at a million tickets 200,000 or more, 20-40 ms of one core however the query is written,
// because BM25 ranks a document by its own length and counts, so no document can be passed
// over unscored. Split by document number into slices, the same match runs on every core at
// once, each slice scored with the whole index's statistics, and the slices' best documents
// merged in the order one match would give (the page, its weights and its ties are the same:
// searcher_test.cc compares them). What Lucene calls intra-query concurrency over segments.
//
// Xapian's objects are not thread-safe: every slice runs on a thread's own reader
// (reader_pool.h) over a copy of the query rebuilt from its serialised form. A helper that
// reads another revision of the index than the caller (a commit in between) gives up its
// slice and the caller runs the match alone.
namespace sahayak::search {

// What to match: the first `first + count` documents of `query` in `sort` order, checking at
// least `check` documents for the total; values counted in `facet_slots` (facets).
struct MatchSpec {
  Xapian::Query query;
  services::SearchSort sort = services::SearchSort::kRelevance;
  Xapian::doccount first = 0;
  Xapian::doccount count = 10;
  Xapian::doccount check = 0;
  std::vector<Xapian::valueno> facet_slots;
};

struct MatchedDoc {
  Xapian::docid docid = 0;
  double weight = 0;
  std::string sort_key;  // the value sorted on, when the sort uses one
};

struct MatchResult {
  std::vector<MatchedDoc> docs;  // from `first`, at most `count`, in sort order
  Xapian::doccount lower = 0, estimated = 0, upper = 0;  // matches: bounds and estimate
  std::vector<std::map<std::string, Xapian::doccount>> facets;  // one per facet slot
};

// The Enquire settings of `sort` (relevance ties newest first; by time, ties by relevance).
void SetSort(Xapian::Enquire& e, services::SearchSort sort);

// The match on the calling thread, on `db`.
MatchResult MatchOnce(Xapian::Database& db, const MatchSpec& spec);

// Runs matches split into slices over a few helper threads of its own.
class SlicedMatcher {
 public:
  // `slices`: how many parts a match is split into (the caller's thread runs one, helpers
  // the others; 1 turns slicing off). `min_documents`: an index with fewer documents is
  // matched in one piece (it is fast enough, and every slice costs a little).
  SlicedMatcher(size_t slices, Xapian::doccount min_documents);
  ~SlicedMatcher();
  SlicedMatcher(const SlicedMatcher&) = delete;
  SlicedMatcher& operator=(const SlicedMatcher&) = delete;

  // The match on `db` (the caller's reader of the index at `index_path`), split into slices
  // when the index is large enough; in one piece on the calling thread otherwise, or when a
  // helper could not read the same revision. Xapian errors of the caller's own slice or of
  // the match in one piece are thrown, as MatchOnce throws them.
  MatchResult Match(const std::string& index_path, Xapian::Database& db, const MatchSpec& spec);

  size_t slices() const { return slices_; }

 private:
  struct Pool;
  size_t slices_;
  Xapian::doccount min_documents_;
  std::once_flag started_;  // the helpers start with the first match that is split
  std::unique_ptr<Pool> pool_;
};

// The number of slices a server uses unless configured: one per core, at most 4.
size_t DefaultSlices();

}  // namespace sahayak::search
