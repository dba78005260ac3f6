#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "app/config.h"
#include "services/store.h"

namespace sahayak::search {
class Indexer;
}

namespace sahayak::app {

// Where the server keeps its search index: `<data_dir>/search` (search::IndexPathFor). The
// searcher opens its read-only `Xapian::Database` here; see search::IndexGeneration for
// following a rebuild's swap.
std::string SearchIndexPath(const Config& config);

// The server's indexing thread (`serve` starts it unless `search.index = false`): on start it
// rebuilds the index when search::Indexer::needs_rebuild() (logging progress), else catches
// up; then it catches up every `interval_ms` or sooner when woken. Errors are logged and
// retried on the next round; a lock held by another process is logged once and retried.
// Thread-safe.
class SearchIndexer {
 public:
  SearchIndexer(services::Store* store, std::string path, int64_t interval_ms = 200);
  ~SearchIndexer();  // Stop()s
  SearchIndexer(const SearchIndexer&) = delete;
  SearchIndexer& operator=(const SearchIndexer&) = delete;

  void Start();
  // Finishes the round under way (a rebuild stops at its next batch and leaves the old index
  // in place), then joins the thread. Idempotent.
  void Stop();
  // Asks for a catch-up now instead of at the next interval (e.g. after a write).
  void Wake();

  // True once the first rebuild or catch-up after Start() has finished.
  bool caught_up() const { return caught_up_.load(); }

 private:
  void Run();

  services::Store* store_;
  std::string path_;
  int64_t interval_ms_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::atomic<bool> stop_{false};  // set under mu_, so the wait cannot miss it
  bool woken_ = false;             // guarded by mu_
  std::atomic<bool> caught_up_{false};
  std::thread thread_;
};

// The `reindex` command: rebuilds the index of the data folder with a progress bar on stderr
// and prints a summary. Exit 0 on success, 75 (EX_TEMPFAIL) when a running server holds the
// index (it keeps the index current itself), 1 on other errors.
int Reindex(const Config& config);

// The `search-stats` command: prints the index's figures as one JSON object on stdout
// (works while the server runs). Exit 0, or 1 when there is no readable index.
int SearchStats(const Config& config);

}  // namespace sahayak::app
