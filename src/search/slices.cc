#include "search/slices.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <iterator>
#include <limits>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

#include "search/reader_pool.h"
#include "search/schema.h"

namespace sahayak::search {

using services::SearchSort;

namespace {

// The documents numbered lo..hi, weighing nothing: a slice of the index as a filter. Its
// next() also steps onto numbers of deleted documents, which the query it filters never
// matches.
class DocidRange final : public Xapian::PostingSource {
 public:
  DocidRange(Xapian::docid lo, Xapian::docid hi) : lo_(lo), hi_(hi) {}

  void init(const Xapian::Database& db) override {
    last_ = std::min(hi_, db.get_lastdocid());
    size_ = last_ >= lo_ ? last_ - lo_ + 1 : 0;
    current_ = lo_ - 1;
  }
  Xapian::doccount get_termfreq_min() const override { return 0; }
  Xapian::doccount get_termfreq_est() const override { return size_; }
  Xapian::doccount get_termfreq_max() const override { return size_; }
  void next(double) override { ++current_; }
  void skip_to(Xapian::docid did, double) override { current_ = std::max({did, lo_, current_}); }
  bool at_end() const override { return current_ > last_ || size_ == 0; }
  Xapian::docid get_docid() const override { return current_; }
  DocidRange* clone() const override { return new DocidRange(lo_, hi_); }
  std::string name() const override { return "sahayak::DocidRange"; }

 private:
  Xapian::docid lo_, hi_;
  Xapian::docid last_ = 0, current_ = 0;
  Xapian::doccount size_ = 0;
};

// True when `a` comes before `b` in the order one Enquire with SetSort(sort) gives them:
// the sort's keys, then the lower document number (Xapian's default docid order).
bool Before(const MatchedDoc& a, const MatchedDoc& b, SearchSort sort) {
  switch (sort) {
    case SearchSort::kRelevance:
      if (a.weight != b.weight) return a.weight > b.weight;
      if (a.sort_key != b.sort_key) return a.sort_key > b.sort_key;
      break;
    case SearchSort::kNewest:
    case SearchSort::kUpdated:
      if (a.sort_key != b.sort_key) return a.sort_key > b.sort_key;
      if (a.weight != b.weight) return a.weight > b.weight;
      break;
    case SearchSort::kOldest:
      if (a.sort_key != b.sort_key) return a.sort_key < b.sort_key;
      if (a.weight != b.weight) return a.weight > b.weight;
      break;
  }
  return a.docid < b.docid;
}

// One slice's share of a match: its best `first + count` documents, its counts.
MatchResult MatchSlice(Xapian::Database& db, const Xapian::Query& query, const MatchSpec& spec,
                       Xapian::docid lo, Xapian::docid hi) {
  MatchSpec part;
  part.query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                             Xapian::Query((new DocidRange(lo, hi))->release()));
  part.sort = spec.sort;
  part.first = 0;
  part.count = spec.first + spec.count;
  part.check = spec.check;
  part.facet_slots = spec.facet_slots;
  return MatchOnce(db, part);
}

// The slices' results as one: their documents merged in sort order, from `first`; the
// counts added up.
MatchResult Merge(std::vector<MatchResult>& parts, const MatchSpec& spec) {
  MatchResult out;
  out.facets.resize(spec.facet_slots.size());
  std::vector<MatchedDoc> all;
  for (auto& p : parts) {
    out.lower += p.lower;
    out.estimated += p.estimated;
    out.upper += p.upper;
    for (size_t i = 0; i < p.facets.size() && i < out.facets.size(); ++i) {
      for (const auto& [value, n] : p.facets[i]) out.facets[i][value] += n;
    }
    std::move(p.docs.begin(), p.docs.end(), std::back_inserter(all));
  }
  std::sort(all.begin(), all.end(),
            [&](const MatchedDoc& a, const MatchedDoc& b) { return Before(a, b, spec.sort); });
  for (size_t i = spec.first; i < all.size() && out.docs.size() < spec.count; ++i) {
    out.docs.push_back(std::move(all[i]));
  }
  return out;
}

}  // namespace

void SetSort(Xapian::Enquire& e, SearchSort sort) {
  switch (sort) {
    case SearchSort::kRelevance:
      e.set_sort_by_relevance_then_value(schema::kCreatedAt, true);
      break;
    case SearchSort::kNewest:
      e.set_sort_by_value_then_relevance(schema::kCreatedAt, true);
      break;
    case SearchSort::kOldest:
      e.set_sort_by_value_then_relevance(schema::kCreatedAt, false);
      break;
    case SearchSort::kUpdated:
      e.set_sort_by_value_then_relevance(schema::kUpdatedAt, true);
      break;
  }
}

MatchResult MatchOnce(Xapian::Database& db, const MatchSpec& spec) {
  Xapian::Enquire enquire(db);
  enquire.set_query(spec.query);
  SetSort(enquire, spec.sort);
  std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
  for (Xapian::valueno slot : spec.facet_slots) {
    spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(slot));
    enquire.add_matchspy(spies.back().get());
  }
  Xapian::MSet mset = enquire.get_mset(spec.first, spec.count, spec.check);
  MatchResult out;
  out.lower = mset.get_matches_lower_bound();
  out.estimated = mset.get_matches_estimated();
  out.upper = mset.get_matches_upper_bound();
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    out.docs.push_back({*it, it.get_weight(), it.get_sort_key()});
  }
  for (const auto& spy : spies) {
    auto& counts = out.facets.emplace_back();
    for (auto v = spy->values_begin(); v != spy->values_end(); ++v) {
      counts[*v] = v.get_termfreq();
    }
  }
  return out;
}

// One sliced match: what its slices need, shared by the caller and the helpers that run
// them (a helper may still hold it after the caller gave up on an error of its own).
struct Job {
  std::string index_path;
  std::string query;  // serialised: each thread builds its own Xapian::Query from it
  MatchSpec spec;     // without the query
  std::string uuid;
  Xapian::rev revision = 0;
  std::vector<std::pair<Xapian::docid, Xapian::docid>> ranges;
  std::unique_ptr<std::atomic<bool>[]> claimed;
  std::vector<std::optional<MatchResult>> results;

  std::mutex mu;
  std::condition_variable cv;
  size_t finished = 0;  // slices run by helpers, successfully or not
  bool failed = false;  // a helper read another revision, or failed
};

struct SlicedMatcher::Pool {
  std::mutex mu;
  std::condition_variable cv;
  std::deque<std::pair<std::shared_ptr<Job>, size_t>> queue;
  bool stopping = false;
  std::vector<std::thread> threads;

  void Loop() {
    for (;;) {
      std::shared_ptr<Job> job;
      size_t slice = 0;
      {
        std::unique_lock lock(mu);
        cv.wait(lock, [&] { return stopping || !queue.empty(); });
        if (stopping && queue.empty()) return;
        std::tie(job, slice) = std::move(queue.front());
        queue.pop_front();
      }
      if (job->claimed[slice].exchange(true)) continue;  // the caller ran it itself
      std::optional<MatchResult> result;
      Status st = WithReader(job->index_path, [&](Xapian::Database& db) -> Status {
        if (db.get_uuid() != job->uuid || db.get_revision() != job->revision) return Status::Ok();
        const auto [lo, hi] = job->ranges[slice];
        result = MatchSlice(db, Xapian::Query::unserialise(job->query), job->spec, lo, hi);
        return Status::Ok();
      });
      std::lock_guard lock(job->mu);
      if (st.ok() && result) {
        job->results[slice] = std::move(result);
      } else {
        job->failed = true;
      }
      ++job->finished;
      job->cv.notify_all();
    }
  }
};

SlicedMatcher::SlicedMatcher(size_t slices, Xapian::doccount min_documents)
    : slices_(std::max<size_t>(1, slices)), min_documents_(min_documents) {}

SlicedMatcher::~SlicedMatcher() {
  if (!pool_) return;
  {
    std::lock_guard lock(pool_->mu);
    pool_->stopping = true;
  }
  pool_->cv.notify_all();
  for (auto& t : pool_->threads) t.join();
}

MatchResult SlicedMatcher::Match(const std::string& index_path, Xapian::Database& db,
                                 const MatchSpec& spec) {
  const Xapian::docid last = db.get_lastdocid();
  if (slices_ < 2 || db.get_doccount() < min_documents_ || last < slices_) {
    return MatchOnce(db, spec);
  }
  std::call_once(started_, [this] {
    pool_ = std::make_unique<Pool>();
    for (size_t i = 1; i < slices_; ++i) {
      pool_->threads.emplace_back([p = pool_.get()] { p->Loop(); });
    }
  });

  auto job = std::make_shared<Job>();
  job->index_path = index_path;
  job->query = spec.query.serialise();
  job->spec = spec;
  job->spec.query = Xapian::Query();
  job->uuid = db.get_uuid();
  job->revision = db.get_revision();
  for (size_t i = 0; i < slices_; ++i) {
    const auto lo = static_cast<Xapian::docid>(uint64_t{last} * i / slices_ + 1);
    // The last slice is open-ended: a document added since `last` is still in one.
    const auto hi = i + 1 == slices_ ? std::numeric_limits<Xapian::docid>::max()
                                     : static_cast<Xapian::docid>(uint64_t{last} * (i + 1) / slices_);
    job->ranges.emplace_back(lo, hi);
  }
  job->claimed = std::make_unique<std::atomic<bool>[]>(slices_);
  job->results.resize(slices_);
  {
    std::lock_guard lock(pool_->mu);
    for (size_t i = 1; i < slices_; ++i) pool_->queue.emplace_back(job, i);
  }
  pool_->cv.notify_all();

  // The first slice here, then any slice no helper has started yet (the helpers are busy
  // with other searches): never slower than one thread by more than the slicing itself.
  job->claimed[0] = true;
  std::vector<MatchResult> parts;
  parts.push_back(MatchSlice(db, spec.query, spec, job->ranges[0].first, job->ranges[0].second));
  size_t on_helpers = 0;
  for (size_t i = 1; i < slices_; ++i) {
    if (job->claimed[i].exchange(true)) {
      ++on_helpers;
      continue;
    }
    parts.push_back(MatchSlice(db, spec.query, spec, job->ranges[i].first, job->ranges[i].second));
  }
  {
    std::unique_lock lock(job->mu);
    job->cv.wait(lock, [&] { return job->finished == on_helpers; });
    if (job->failed) return MatchOnce(db, spec);
    for (auto& r : job->results) {
      if (r) parts.push_back(std::move(*r));
    }
  }
  return Merge(parts, spec);
}

size_t DefaultSlices() {
  const unsigned cores = std::thread::hardware_concurrency();
  return std::clamp<size_t>(cores, 1, 4);
}

}  // namespace sahayak::search
