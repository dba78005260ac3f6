#include "app/search_indexer.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "app/app.h"
#include "app/batch_allocator.h"
#include "search/indexer.h"

namespace sahayak::app {

namespace {

// EX_TEMPFAIL: the index is busy; try again when the server is stopped.
constexpr int kExitTempFail = 75;
// How long the thread waits before retrying after an error.
constexpr auto kRetryAfter = std::chrono::seconds(5);

std::string Mebibytes(int64_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  return buf;
}

// Logs a rebuild's progress every 10% (a server's log is no terminal).
class LogProgress {
 public:
  void operator()(int64_t done, int64_t total) {
    if (total <= 0) return;
    int decile = static_cast<int>(std::min<int64_t>(10, done * 10 / total));
    if (decile > last_) {
      last_ = decile;
      spdlog::info("search index rebuild: {}% ({} of {} documents)", decile * 10, done, total);
    }
  }

 private:
  int last_ = 0;
};

}  // namespace

std::string SearchIndexPath(const Config& config) {
  return search::IndexPathFor(config.data_dir);
}

SearchIndexer::SearchIndexer(services::Store* store, std::string path, int64_t interval_ms)
    : store_(store), path_(std::move(path)), interval_ms_(interval_ms) {}

SearchIndexer::~SearchIndexer() { Stop(); }

void SearchIndexer::Start() {
  if (thread_.joinable()) return;
  thread_ = std::thread([this] { Run(); });
}

void SearchIndexer::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void SearchIndexer::Wake() {
  {
    std::lock_guard lock(mu_);
    woken_ = true;
  }
  cv_.notify_all();
}

void SearchIndexer::Run() {
  std::unique_ptr<search::Indexer> indexer;
  bool lock_reported = false;
  auto wait = [&](std::chrono::milliseconds d) {
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, d, [&] { return stop_.load() || woken_; });
    woken_ = false;
  };
  while (!stop_) {
    if (!indexer) {
      auto opened = search::Indexer::Open(path_, store_);
      if (!opened.ok()) {
        if (opened.status().kind() != "index-locked" || !lock_reported) {
          spdlog::error("search index: {}", opened.status().message());
          lock_reported = opened.status().kind() == "index-locked";
        }
        wait(kRetryAfter);
        continue;
      }
      indexer = std::move(opened).value();
      lock_reported = false;
      if (indexer->needs_rebuild()) {
        spdlog::info("search index at {} is missing or out of date: rebuilding", path_);
        LogProgress progress;
        auto done = indexer->Rebuild(std::ref(progress), &stop_);
        if (!done.ok()) {
          if (!stop_) spdlog::error("search index rebuild failed: {}", done.status().message());
          indexer.reset();
          if (!stop_) wait(kRetryAfter);
          continue;
        }
        spdlog::info("search index rebuilt: {} documents in {:.1f} s, {}", done->documents,
                     done->seconds, Mebibytes(done->bytes));
      }
    }
    auto applied = indexer->CatchUp();
    if (!applied.ok()) {
      spdlog::error("search index catch-up failed: {}", applied.status().message());
      wait(kRetryAfter);
      continue;
    }
    if (*applied > 0) spdlog::debug("search index: applied {} change(s)", *applied);
    caught_up_ = true;
    wait(std::chrono::milliseconds(interval_ms_));
  }
}

int Reindex(const Config& config) {
  auto app = App::Open(config);
  if (!app.ok()) {
    std::fprintf(stderr, "sahayak: %s\n", app.status().message().c_str());
    return 1;
  }
  const std::string path = SearchIndexPath(config);
  auto indexer = search::Indexer::Open(path, &(*app)->store());
  if (!indexer.ok()) {
    if (indexer.status().kind() == "index-locked") {
      std::fprintf(stderr,
                   "sahayak: the server is running and keeps the search index up to date; "
                   "it rebuilds the index itself when it starts and finds it missing or out "
                   "of date. To rebuild now, stop the server and run `sahayak reindex` again.\n");
      return kExitTempFail;
    }
    std::fprintf(stderr, "sahayak: %s\n", indexer.status().message().c_str());
    return 1;
  }
  const bool tty = isatty(STDERR_FILENO) != 0;
  int last_decile = -1;
  auto progress = [&](int64_t done, int64_t total) {
    const int64_t pct = total > 0 ? std::min<int64_t>(100, done * 100 / total) : 100;
    if (tty) {
      constexpr int kWidth = 30;
      const int filled = static_cast<int>(pct * kWidth / 100);
      std::fprintf(stderr, "\rindexing [%s%s] %3lld%% %lld/%lld", std::string(filled, '#').c_str(),
                   std::string(kWidth - filled, ' ').c_str(), static_cast<long long>(pct),
                   static_cast<long long>(done), static_cast<long long>(total));
      std::fflush(stderr);
    } else if (pct / 10 > last_decile) {
      last_decile = static_cast<int>(pct / 10);
      std::fprintf(stderr, "indexing: %lld%% (%lld of %lld documents)\n",
                   static_cast<long long>(pct), static_cast<long long>(done),
                   static_cast<long long>(total));
    }
  };
  auto summary = (*indexer)->Rebuild(progress);
  if (tty) std::fprintf(stderr, "\n");
  if (!summary.ok()) {
    std::fprintf(stderr, "sahayak: %s\n", summary.status().message().c_str());
    return 1;
  }
  const double rate = summary->seconds > 0 ? summary->documents / summary->seconds : 0;
  std::printf(
      "indexed %lld documents in %.2f s (%.0f documents/s; merging the shards %.2f s of it; "
      "allocator %s); index %s at %s\n",
      static_cast<long long>(summary->documents), summary->seconds, rate, summary->merge_seconds,
      AllocatorInUse().c_str(), Mebibytes(summary->bytes).c_str(), path.c_str());
  return 0;
}

int SearchStats(const Config& config) {
  auto stats = search::ReadIndexStats(SearchIndexPath(config));
  if (!stats.ok()) {
    std::fprintf(stderr, "sahayak: %s\n", stats.status().message().c_str());
    return 1;
  }
  nlohmann::json j = {{"path", stats->path},
                      {"documents", stats->documents},
                      {"tickets", stats->tickets},
                      {"contacts", stats->contacts},
                      {"organisations", stats->organisations},
                      {"outbox_cursor", stats->outbox_cursor},
                      {"schema_version", stats->schema_version},
                      {"bytes", stats->bytes}};
  std::printf("%s\n", j.dump().c_str());
  return 0;
}

}  // namespace sahayak::app
