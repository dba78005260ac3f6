#include "search/reader_pool.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <memory>

#include "search/indexer.h"
#include "search/schema.h"

namespace sahayak::search {

namespace {

struct Reader {
  std::unique_ptr<Xapian::Database> db;
  uint64_t generation = 0;  // IndexGeneration when opened: a rebuild's swap changes it
  bool built = false;       // the index carries its schema version (a finished build)
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

// kUnavailable "index-building" (the API adds Retry-After): the first build is under way.
Status Building(const std::string& path) {
  std::string msg = "the search index is being built";
  if (auto state = RebuildInProgress(path); state && state->total > 0) {
    msg += ": " + std::to_string(std::min(state->done, state->total)) + " of " +
           std::to_string(state->total) + " documents";
  }
  return Unavailable(msg + "; try again in a few seconds").WithKind("index-building");
}

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
        if (RebuildInProgress(path)) return Building(path);
        return Unavailable("the search index is not ready yet (the server builds it when it "
                           "starts; `sahayak reindex` rebuilds it)");
      }
      Reader& r = readers[path];
      if (r.db && r.generation == generation) {
        r.db->reopen();
      } else {
        r.db = std::make_unique<Xapian::Database>(path);
        r.generation = generation;
        r.built = false;
      }
      // An index without its schema version was just created and is not built yet (a build
      // writes the version last): searching it would answer "no results" for everything.
      if (!r.built) {
        r.built = !r.db->get_metadata(std::string(schema::kMetaSchema)).empty();
        if (!r.built) return Building(path);
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
