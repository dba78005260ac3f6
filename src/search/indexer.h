#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <xapian.h>

#include "base/status.h"
#include "search/analyzer.h"
#include "search/lexicon.h"
#include "services/store.h"

// The Xapian index of tickets, contacts and organisations (layout: search/schema.h), kept up
// to date from the database's outbox. docs/search.md ("The index") tells the whole story.
namespace sahayak::search {

// Where a data folder keeps its index: `<data_dir>/search`.
std::string IndexPathFor(const std::string& data_dir);

// Identifies the index directory at `path` as it is now: it changes when a rebuild swaps in a
// new directory, and only then (a commit does not change it). 0 when there is no index.
// Cheap (one statx()), thread-safe.
//
// For readers (the searcher): `Xapian::Database::reopen()` follows commits but NOT a swap, so
// remember the generation seen when opening and, before a search, open a fresh
// `Xapian::Database(path)` when IndexGeneration(path) differs (or when reopen() throws
// Xapian::DatabaseError). A reader that opens while a rebuild swaps may get
// Xapian::DatabaseOpeningError for a moment: retry once, then report kUnavailable.
uint64_t IndexGeneration(const std::string& path);

// What `sahayak search-stats` prints.
struct IndexStats {
  std::string path;
  int64_t documents = 0;
  int64_t tickets = 0;
  int64_t contacts = 0;
  int64_t organisations = 0;
  int64_t outbox_cursor = 0;  // the last outbox row applied
  int schema_version = 0;     // as stored in the index (0: none)
  int64_t bytes = 0;          // on disk
};

// Reads the figures of the index at `path` with a read-only handle, so it works while a
// server writes the index. NotFound when there is no index; kInternal when it cannot be read.
Result<IndexStats> ReadIndexStats(const std::string& path);

struct RebuildSummary {
  int64_t documents = 0;
  double seconds = 0;
  int64_t bytes = 0;  // the new index on disk
  // Of `seconds`, the last step's: the shards merged into the new index and synced to disk,
  // on one thread.
  double merge_seconds = 0;
};

// (done, total) documents; `total` is counted before the scan, so `done` may end a little
// above or below it when the database changed meanwhile. Called on the rebuilding thread.
using RebuildProgress = std::function<void(int64_t done, int64_t total)>;

// How far a rebuild of the index at `path` running in THIS process has come: documents
// written so far and the total counted before its scan. Nullopt when none runs. Readers use it
// to say "the search index is being built: n of m" instead of returning an empty result.
// Thread-safe.
struct RebuildState {
  int64_t done = 0;
  int64_t total = 0;
};
std::optional<RebuildState> RebuildInProgress(const std::string& path);

// The one writer of the index: owns the `Xapian::WritableDatabase` at `path` and with it
// Xapian's write lock (one Indexer per index, in one process).
//
// Thread-safety: not thread-safe. One thread calls CatchUp/Rebuild (the server's
// indexing thread, app/search_indexer.h, or the `reindex` command). Readers open their own
// `Xapian::Database` on the same path in any thread (see IndexGeneration).
//
// Consistency: the index only ever lags the database. CatchUp applies outbox rows after the
// cursor stored in the index's metadata and commits the documents and the new cursor in one
// Xapian commit, so a crash at any point repeats idempotent work on the next start.
class Indexer {
 public:
  // Opens the index at `path` (created when missing). `store` must outlive the Indexer.
  // Errors: kUnavailable of kind "index-locked" when another Indexer (in this or another
  // process, e.g. a running server) holds the write lock; kInternal for any other Xapian
  // failure (a damaged index: remove the folder and rebuild).
  static Result<std::unique_ptr<Indexer>> Open(const std::string& path, services::Store* store);
  ~Indexer();
  Indexer(const Indexer&) = delete;
  Indexer& operator=(const Indexer&) = delete;

  const std::string& path() const { return path_; }

  // True when the index cannot be trusted to reflect the database and only Rebuild helps:
  // its schema version differs from schema::kSchemaVersion, or it was just created (or lost)
  // while the database has tickets, contacts or organisations.
  bool needs_rebuild() const { return needs_rebuild_; }

  // Applies outbox rows after the cursor, in batches of `batch` rows, until none are left:
  // reloads every ticket, contact and organisation they name (and the tickets of a changed
  // contact or organisation) and replaces or deletes their documents. Returns how many
  // outbox rows it applied (0 when up to date).
  Result<int64_t> CatchUp(int batch = 1000);

  // Builds a new index from the whole database in `<path>.new`, then swaps it in for `path`
  // (readers follow through IndexGeneration). The cursor is the outbox's last id read BEFORE
  // the scan, so changes made meanwhile are applied again by the next CatchUp. A scanner
  // thread and one analysing and writing thread per core (each into shards of its own in
  // `<path>.parts`, a new one every shard_documents() documents, merged by Xapian's
  // compaction) do the work; `progress` is called on the
  // calling thread. When `*stop` becomes true it gives up within about 100 ms with kAborted,
  // leaving the old index in place. The swap is one atomic renameat2(RENAME_EXCHANGE) (two
  // renames where unsupported) after an fsync, and the schema version is written last, so a
  // crash never leaves a half-built index that looks complete. Stale `<path>.new`, `.parts`
  // and `.old` folders (from a crash) are removed by Open. While a rebuild runs,
  // RebuildInProgress(path) reports its progress.
  Result<RebuildSummary> Rebuild(const RebuildProgress& progress = nullptr,
                                 const std::atomic<bool>* stop = nullptr);

  // Documents a rebuild writes into one shard before it starts the next (rebuild.cc says why;
  // tests make it small to exercise many shards).
  int64_t shard_documents() const { return shard_documents_; }
  void set_shard_documents(int64_t n) { shard_documents_ = n < 1 ? 1 : n; }

 private:
  Indexer(std::string path, services::Store* store) : path_(std::move(path)), store_(store) {}
  Status OpenDatabase();

  std::string path_;
  services::Store* store_;
  std::unique_ptr<Xapian::WritableDatabase> db_;
  std::unique_ptr<Analyzer> analyzer_;  // CatchUp's, made on first use
  std::unique_ptr<LexiconWriter> lexicon_;  // CatchUp's, with analyzer_
  bool needs_rebuild_ = false;
  int64_t shard_documents_ = 10000;
};

}  // namespace sahayak::search
