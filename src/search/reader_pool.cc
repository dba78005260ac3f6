#include "search/reader_pool.h"

#include <spdlog/spdlog.h>

#include <map>
#include <memory>

#include "search/indexer.h"

namespace sahayak::search {

namespace {

struct Reader {
  std::unique_ptr<Xapian::Database> db;
  uint64_t generation = 0;  // IndexGeneration when opened: a rebuild's swap changes it
};

struct ThreadState {
  std::unique_ptr<Analyzer> analyzer;
  std::map<std::string, Reader> readers;
};

ThreadState& Local() {
  thread_local ThreadState state;
  return state;
}

constexpr int kAttempts = 3;

}  // namespace

Analyzer& ThreadAnalyzer() {
  auto& a = Local().analyzer;
  if (!a) a = std::make_unique<Analyzer>();
  return *a;
}

Status WithReader(const std::string& path, const std::function<Status(Xapian::Database&)>& fn) {
  auto& readers = Local().readers;
  for (int attempt = 1;; ++attempt) {
    try {
      const uint64_t generation = IndexGeneration(path);
      if (generation == 0) {
        readers.erase(path);
        return Unavailable("the search index is not ready yet (the server builds it when it "
                           "starts; `sahayak reindex` rebuilds it)");
      }
      Reader& r = readers[path];
      if (r.db && r.generation == generation) {
        r.db->reopen();
      } else {
        r.db = std::make_unique<Xapian::Database>(path);
        r.generation = generation;
      }
      return fn(*r.db);
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (attempt >= kAttempts) return Unavailable("the search index is busy; try again");
    } catch (const Xapian::DatabaseOpeningError& e) {
      // Opening while a rebuild swaps directories: try once more, then give up for now.
      readers.erase(path);
      if (attempt >= 2) {
        return Unavailable("the search index is not ready yet: " + e.get_msg());
      }
    } catch (const Xapian::Error& e) {
      readers.erase(path);
      if (attempt >= 2) {
        spdlog::error("search: {}: {}", e.get_type(), e.get_msg());
        return Internal(std::string("search failed: ") + e.get_type() + ": " + e.get_msg());
      }
    }
  }
}

}  // namespace sahayak::search
