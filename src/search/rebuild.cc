// Indexer::Rebuild: a full rebuild from the database. A scanner thread reads batches of
// tickets (with messages, attachment names, requesters and organisations), then contacts, then
// organisations, each batch in a few set-based queries. One worker per core analyses batches
// into documents and writes them to shard databases of its own: Xapian has one writer per
// database and its in-memory inverter, not the analysis, is the expensive part, so shards let
// both cores write. Shards commit every few hundred documents (without fsync), which keeps
// the inverter's maps small and in cache, and stay small themselves (Indexer::shard_documents);
// Xapian::Database::compact then merges them into the new index in one sequential pass,
// which also packs its blocks. A bounded queue keeps memory flat whatever the database's
// size.
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "search/article_documents.h"
#include "search/documents.h"
#include "search/indexer.h"
#include "search/schema.h"

namespace sahayak::search {

namespace fs = std::filesystem;
using domain::Id;

namespace {

constexpr int kScanBatch = 500;
// Documents between commits of a shard. Small commits keep Xapian's in-memory inverter small
// and in cache: in a synthetic test on the 2-core machine (300 postings a document), 250-500
// cost about half the CPU per document of 4,000-10,000 (Xapian's default); 150 was no better.
constexpr int64_t kShardCommitEvery = 500;
// Rebuild starts a new shard every Indexer::shard_documents() documents (10,000 unless a
// test says otherwise): each commit merges into the shard's B-trees, which cost more per
// document the bigger they grow. On 100,000 demo tickets, 10,000 a shard took about 15 % less
// CPU than one growing shard per worker, and a million tickets still cost 0.5 ms of CPU
// each (bench/RESULTS.md, "Search"); compact() merges the shards at the end.

template <typename T>
class BoundedQueue {
 public:
  explicit BoundedQueue(size_t capacity) : capacity_(capacity) {}

  // False when the queue was cancelled.
  bool Push(T v) {
    std::unique_lock lock(mu_);
    not_full_.wait(lock, [&] { return cancelled_ || items_.size() < capacity_; });
    if (cancelled_) return false;
    items_.push_back(std::move(v));
    not_empty_.notify_one();
    return true;
  }

  // Nullopt once closed and drained, or cancelled.
  std::optional<T> Pop() {
    std::unique_lock lock(mu_);
    not_empty_.wait(lock, [&] { return cancelled_ || closed_ || !items_.empty(); });
    if (cancelled_ || items_.empty()) return std::nullopt;
    T v = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return v;
  }

  void Close() {
    std::lock_guard lock(mu_);
    closed_ = true;
    not_empty_.notify_all();
  }

  void Cancel() {
    std::lock_guard lock(mu_);
    cancelled_ = true;
    items_.clear();
    not_empty_.notify_all();
    not_full_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable not_empty_, not_full_;
  std::deque<T> items_;
  size_t capacity_;
  bool closed_ = false;
  bool cancelled_ = false;
};

struct RawBatch {
  std::vector<services::TicketForIndex> tickets;
  std::vector<domain::Contact> contacts;
  std::vector<domain::Organisation> organisations;
  std::vector<domain::KbArticle> articles;  // with every translation
};

// The first error any stage met.
class FirstError {
 public:
  void Set(Status st) {
    std::lock_guard lock(mu_);
    if (status_.ok()) status_ = std::move(st);
  }
  Status Get() {
    std::lock_guard lock(mu_);
    return status_;
  }

 private:
  std::mutex mu_;
  Status status_;
};

// Reads every indexable entity in id order, batch by batch (each batch its own snapshot: the
// cursor taken before the scan makes CatchUp redo whatever changed meanwhile).
Status Scan(services::Store* store, BoundedQueue<RawBatch>* out) {
  for (Id after = 0;;) {
    RawBatch b;
    RETURN_IF_ERROR(store->Read([&](services::ReadTx& tx) -> Status {
      ASSIGN_OR_RETURN(b.tickets, tx.ScanTicketsForIndex(after, kScanBatch));
      return Status::Ok();
    }));
    if (b.tickets.empty()) break;
    after = b.tickets.back().ticket.id;
    if (!out->Push(std::move(b))) return Status::Ok();
  }
  for (Id after = 0;;) {
    RawBatch b;
    RETURN_IF_ERROR(store->Read([&](services::ReadTx& tx) -> Status {
      ASSIGN_OR_RETURN(b.contacts, tx.ScanContactsForIndex(after, kScanBatch * 4));
      return Status::Ok();
    }));
    if (b.contacts.empty()) break;
    after = b.contacts.back().id;
    if (!out->Push(std::move(b))) return Status::Ok();
  }
  for (Id after = 0;;) {
    RawBatch b;
    RETURN_IF_ERROR(store->Read([&](services::ReadTx& tx) -> Status {
      ASSIGN_OR_RETURN(b.organisations, tx.ScanOrganisationsForIndex(after, kScanBatch * 4));
      return Status::Ok();
    }));
    if (b.organisations.empty()) break;
    after = b.organisations.back().id;
    if (!out->Push(std::move(b))) return Status::Ok();
  }
  for (Id after = 0;;) {
    RawBatch b;
    RETURN_IF_ERROR(store->Read([&](services::ReadTx& tx) -> Status {
      ASSIGN_OR_RETURN(b.articles, tx.kb().ScanKbArticlesForIndex(after, kScanBatch / 5));
      return Status::Ok();
    }));
    if (b.articles.empty()) break;
    after = b.articles.back().id;
    if (!out->Push(std::move(b))) return Status::Ok();
  }
  return Status::Ok();
}

std::vector<Xapian::Document> Analyse(const RawBatch& b, Analyzer& analyzer,
                                      LexiconWriter* lexicon) {
  std::vector<Xapian::Document> docs;
  docs.reserve(b.tickets.size() + b.contacts.size() + b.organisations.size());
  for (const auto& t : b.tickets) {
    if (!t.ticket.merged_into_id) docs.push_back(TicketDocument(t, analyzer, lexicon));
  }
  for (const auto& c : b.contacts) docs.push_back(ContactDocument(c, analyzer, lexicon));
  for (const auto& o : b.organisations) {
    docs.push_back(OrganisationDocument(o, analyzer, lexicon));
  }
  for (const auto& a : b.articles) {
    for (const auto& t : a.translations) docs.push_back(ArticleDocument(a, t, analyzer, lexicon));
  }
  return docs;
}

// compact() need not fsync what it wrote; the swap must not expose a half-written index.
void SyncFiles(const std::string& dir) {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    int fd = ::open(e.path().c_str(), O_RDONLY);
    if (fd < 0) continue;
    ::fsync(fd);
    ::close(fd);
  }
}

void SyncDirectory(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

int64_t TreeBytes(const std::string& path) {
  std::error_code ec;
  int64_t total = 0;
  for (const auto& e : fs::directory_iterator(path, ec)) {
    std::error_code size_ec;
    auto n = e.file_size(size_ec);
    if (!size_ec) total += static_cast<int64_t>(n);
  }
  return total;
}

// Rebuilds running in this process, by index path (RebuildInProgress).
std::mutex& RunningMutex() {
  static std::mutex mu;
  return mu;
}
std::map<std::string, RebuildState>& Running() {
  static std::map<std::string, RebuildState> running;
  return running;
}

// Registers a rebuild for RebuildInProgress for as long as it lives.
class RunningRebuild {
 public:
  RunningRebuild(std::string path, int64_t total) : path_(std::move(path)) {
    std::lock_guard lock(RunningMutex());
    Running()[path_] = RebuildState{0, total};
  }
  ~RunningRebuild() {
    std::lock_guard lock(RunningMutex());
    Running().erase(path_);
  }
  RunningRebuild(const RunningRebuild&) = delete;
  RunningRebuild& operator=(const RunningRebuild&) = delete;
  void Done(int64_t done) {
    std::lock_guard lock(RunningMutex());
    Running()[path_].done = done;
  }

 private:
  std::string path_;
};

}  // namespace

std::optional<RebuildState> RebuildInProgress(const std::string& path) {
  std::lock_guard lock(RunningMutex());
  auto it = Running().find(path);
  if (it == Running().end()) return std::nullopt;
  return it->second;
}

Result<RebuildSummary> Indexer::Rebuild(const RebuildProgress& progress,
                                        const std::atomic<bool>* stop) {
  if (!db_) return Unavailable("the search index at " + path_ + " is not open");
  const auto started = std::chrono::steady_clock::now();
  const std::string fresh = path_ + ".new";
  std::error_code ec;
  fs::remove_all(fresh, ec);

  Id cursor = 0;
  services::IndexableCounts counts;
  RETURN_IF_ERROR(store_->Read([&](services::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(cursor, tx.MaxOutboxId());
    ASSIGN_OR_RETURN(counts, tx.CountIndexable());
    return Status::Ok();
  }));
  const int64_t total =
      counts.tickets + counts.contacts + counts.organisations + counts.article_translations;

  RunningRebuild running_rebuild(path_, total);
  BoundedQueue<RawBatch> raw(4);
  FirstError error;
  std::thread scanner([&] {
    Status st = Scan(store_, &raw);
    if (!st.ok()) {
      error.Set(std::move(st));
      raw.Cancel();
    }
    raw.Close();
  });
  const std::string parts = path_ + ".parts";
  fs::remove_all(parts, ec);
  fs::create_directories(parts, ec);
  const unsigned workers_n = std::max(1u, std::min(4u, std::thread::hardware_concurrency()));
  std::atomic<int64_t> done{0};
  std::atomic<unsigned> running{workers_n};
  std::mutex progress_mu;
  std::condition_variable progress_cv;
  std::mutex shards_mu;
  std::vector<std::string> shard_paths;  // every shard written, in no particular order
  std::vector<std::thread> workers;
  for (unsigned i = 0; i < workers_n; ++i) {
    workers.emplace_back([&, i] {
      try {
        Analyzer analyzer;
        // One lexicon writer across this worker's shards: a word it recorded in one shard
        // need not be recorded in the next (compact() unites the shards' synonyms).
        LexiconWriter lexicon;
        int serial = 0;
        std::optional<Xapian::WritableDatabase> shard;
        int64_t in_shard = 0;
        int64_t since_commit = 0;
        auto finish = [&] {
          if (!shard) return;
          shard->commit();
          shard->close();
          shard.reset();
        };
        while (auto b = raw.Pop()) {
          for (auto& d : Analyse(*b, analyzer, &lexicon)) {
            if (!shard) {
              std::string path =
                  parts + "/" + std::to_string(i) + "-" + std::to_string(serial++);
              shard.emplace(path, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
              std::lock_guard lock(shards_mu);
              shard_paths.push_back(std::move(path));
            }
            lexicon.Flush(*shard);  // the batch's new stems and keys, with its first document
            shard->add_document(d);
            done.fetch_add(1);
            if (++in_shard >= shard_documents_) {
              finish();
              in_shard = 0;
              since_commit = 0;
            } else if (++since_commit >= kShardCommitEvery) {
              shard->commit();
              since_commit = 0;
            }
          }
          progress_cv.notify_one();
        }
        finish();
      } catch (const Xapian::Error& e) {
        error.Set(Status(Code::kInternal, "cannot build the search index in " + parts + ": " +
                                              e.get_description()));
        raw.Cancel();
      }
      running.fetch_sub(1);
      progress_cv.notify_one();
    });
  }

  // Progress is reported here, on the calling thread, as the header promises.
  bool stopped = false;
  int64_t reported = -1;
  while (true) {
    {
      std::unique_lock lock(progress_mu);
      progress_cv.wait_for(lock, std::chrono::milliseconds(100));
    }
    if (stop != nullptr && stop->load() && !stopped) {
      stopped = true;
      raw.Cancel();
    }
    const int64_t now_done = done.load();
    running_rebuild.Done(now_done);
    if (progress && !stopped && now_done != reported && running.load() > 0) {
      progress(now_done, total);
      reported = now_done;
    }
    if (running.load() == 0) break;
  }
  scanner.join();
  for (auto& w : workers) w.join();
  auto clean = [&] {
    std::error_code rm;
    fs::remove_all(parts, rm);
    fs::remove_all(fresh, rm);
  };
  if (stopped) {
    clean();
    return Aborted("the rebuild of the search index was stopped");
  }
  if (Status st = error.Get(); !st.ok()) {
    clean();
    return st;
  }
  if (progress) progress(done.load(), total);

  const auto merge_started = std::chrono::steady_clock::now();
  try {
    if (shard_paths.empty()) {
      Xapian::WritableDatabase(fresh, Xapian::DB_CREATE_OR_OVERWRITE).close();  // nothing to index
    } else {
      Xapian::Database all;
      for (const auto& p : shard_paths) all.add_database(Xapian::Database(p));
      all.compact(fresh);
    }
    Xapian::WritableDatabase out(fresh, Xapian::DB_OPEN);
    out.set_metadata(std::string(schema::kMetaSchema), std::to_string(schema::kSchemaVersion));
    out.set_metadata(std::string(schema::kMetaOutboxCursor), std::to_string(cursor));
    out.commit();
    out.close();
  } catch (const Xapian::Error& e) {
    clean();
    return Status(Code::kInternal, "cannot build the search index in " + fresh + ": " +
                                       e.get_description());
  }
  SyncFiles(fresh);
  const double merge_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - merge_started).count();
  fs::remove_all(parts, ec);
  ec.clear();
  const int64_t documents = done.load();

  // The swap: readers holding the old directory keep reading it (its files stay open) until
  // they notice the new IndexGeneration. One atomic renameat2(RENAME_EXCHANGE) where the file
  // system has it, so a crash leaves either the old index or the new one at `path`, both whole;
  // elsewhere two renames, and a crash between them leaves no index at `path`: the next start
  // makes an empty one, sees it needs a rebuild and rebuilds.
  try {
    db_->close();
  } catch (const Xapian::Error&) {
    // Closing a database with nothing pending cannot lose anything.
  }
  db_.reset();
  const std::string old = path_ + ".old";
  fs::remove_all(old, ec);
  ec.clear();
  const bool had_index = fs::exists(path_);
  bool exchanged = false;
  if (had_index && ::renameat2(AT_FDCWD, fresh.c_str(), AT_FDCWD, path_.c_str(),
                               RENAME_EXCHANGE) == 0) {
    exchanged = true;  // `fresh` now holds the old index
  } else if (had_index) {
    fs::rename(path_, old, ec);
  }
  if (!ec && !exchanged) {
    fs::rename(fresh, path_, ec);
    std::error_code back;
    if (ec && had_index) fs::rename(old, path_, back);
  }
  if (ec) {
    const std::string why = ec.message();
    (void)OpenDatabase();  // the old index, still behind but whole
    fs::remove_all(fresh, ec);
    return Status(Code::kInternal,
                  "cannot swap the rebuilt search index into " + path_ + ": " + why);
  }
  SyncDirectory(fs::path(path_).parent_path());
  fs::remove_all(old, ec);
  fs::remove_all(fresh, ec);
  RETURN_IF_ERROR(OpenDatabase());
  needs_rebuild_ = false;

  RebuildSummary summary;
  summary.documents = documents;
  summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  summary.bytes = TreeBytes(path_);
  summary.merge_seconds = merge_seconds;
  return summary;
}

}  // namespace sahayak::search
