#include "store/sqlite/sqlite_store.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <exception>
#include <future>

#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_tx.h"

namespace sahayak::store {

namespace {

// BEGIN, COMMIT, SAVEPOINT … run thousands of times a second: prepared once per connection.
Status RunCached(Connection& c, const char* sql) {
  ASSIGN_OR_RETURN(Stmt s, c.Prepare(sql));
  return s.Exec();
}

}  // namespace

struct SqliteStore::Job {
  const std::function<Status(services::WriteTx&)>* fn;
  std::promise<Status> done;
};

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const SqliteStoreOptions& options) {
  std::unique_ptr<SqliteStore> store(new SqliteStore(options));
  ConnectionOptions wo;
  wo.synchronous_full = options.synchronous_full;
  wo.cache_kib = options.writer_cache_kib;
  ASSIGN_OR_RETURN(store->writer_, Connection::Open(options.path, wo));
  ASSIGN_OR_RETURN(store->migrations_applied_, ApplyMigrations(store->writer_->raw()));
  store->writer_thread_ = std::thread([s = store.get()] { s->WriterLoop(); });
  return store;
}

SqliteStore::~SqliteStore() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (writer_thread_.joinable()) writer_thread_.join();
  readers_.clear();
  if (writer_) {
    (void)writer_->ExecScript("PRAGMA wal_checkpoint(PASSIVE)");
  }
}

Status SqliteStore::Write(const std::function<Status(services::WriteTx&)>& fn) {
  Job job{&fn, {}};
  std::future<Status> result = job.done.get_future();
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) return Unavailable("the database is shutting down");
    queue_.push_back(&job);
    queue_depth_.fetch_add(1, std::memory_order_relaxed);
  }
  cv_.notify_one();
  return result.get();
}

void SqliteStore::WriterLoop() {
  std::vector<Job*> batch;
  while (true) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty() && stopping_) return;
      while (!queue_.empty() && static_cast<int>(batch.size()) < options_.max_batch) {
        batch.push_back(queue_.front());
        queue_.pop_front();
      }
      queue_depth_.fetch_sub(static_cast<int64_t>(batch.size()), std::memory_order_relaxed);
    }
    RunBatch(batch);
    batch.clear();
  }
}

void SqliteStore::RunBatch(std::vector<Job*>& batch) {
  std::vector<Status> results(batch.size());
  Status begin = RunCached(*writer_, "BEGIN IMMEDIATE");
  if (!begin.ok()) {
    for (Job* j : batch) j->done.set_value(Unavailable("could not start a write: " +
                                                       begin.message()));
    return;
  }
  SqliteTx tx(writer_.get());
  if (batch.size() == 1) {
    // One job: its failure rolls the whole transaction back, so it needs no SAVEPOINT. Inside
    // one, SQLite copies every page the job changes to the sub-journal and walks that list at
    // the end of each statement that uses it, which made large jobs (a batch of 500 tracking
    // events) slower the more they had written (bench/RESULTS.md, "Where the ingest's time
    // goes").
    Status st;
    try {
      st = (*batch[0]->fn)(tx);
    } catch (const std::exception& e) {
      st = Internal(std::string("write failed: ") + e.what());
    }
    if (st.ok()) {
      Status commit = RunCached(*writer_, "COMMIT");
      if (!commit.ok()) st = Unavailable("the write was not committed: " + commit.message());
    }
    if (!st.ok()) (void)writer_->ExecScript("ROLLBACK");
    batches_.fetch_add(1, std::memory_order_relaxed);
    writes_.fetch_add(1, std::memory_order_relaxed);
    batch[0]->done.set_value(std::move(st));
    return;
  }
  for (size_t i = 0; i < batch.size(); ++i) {
    Status st = RunCached(*writer_, "SAVEPOINT job");
    if (st.ok()) {
      try {
        st = (*batch[i]->fn)(tx);
      } catch (const std::exception& e) {
        st = Internal(std::string("write failed: ") + e.what());
      }
      if (st.ok()) {
        st = RunCached(*writer_, "RELEASE job");
      } else {
        (void)RunCached(*writer_, "ROLLBACK TO job");
        (void)RunCached(*writer_, "RELEASE job");
      }
    }
    results[i] = std::move(st);
  }
  Status commit = RunCached(*writer_, "COMMIT");
  if (!commit.ok()) {
    (void)writer_->ExecScript("ROLLBACK");
    for (auto& r : results) {
      if (r.ok()) r = Unavailable("the write was not committed: " + commit.message());
    }
  }
  batches_.fetch_add(1, std::memory_order_relaxed);
  writes_.fetch_add(static_cast<int64_t>(batch.size()), std::memory_order_relaxed);
  for (size_t i = 0; i < batch.size(); ++i) batch[i]->done.set_value(std::move(results[i]));
}

// Connections are opened lazily up to max_readers and then reused: opening one re-reads the
// schema, which under load cost more than the queries themselves.
Result<std::unique_ptr<Connection>> SqliteStore::TakeReader() {
  {
    std::unique_lock<std::mutex> lock(readers_mu_);
    readers_cv_.wait(lock, [&] {
      return !readers_.empty() || readers_open_ < options_.max_readers;
    });
    if (!readers_.empty()) {
      auto c = std::move(readers_.back());
      readers_.pop_back();
      return c;
    }
    ++readers_open_;
  }
  ConnectionOptions ro;
  ro.read_only = true;
  ro.cache_kib = options_.reader_cache_kib;
  auto c = Connection::Open(options_.path, ro);
  if (!c.ok()) {
    std::lock_guard<std::mutex> lock(readers_mu_);
    --readers_open_;
    readers_cv_.notify_one();
  }
  return c;
}

void SqliteStore::ReturnReader(std::unique_ptr<Connection> c) {
  {
    std::lock_guard<std::mutex> lock(readers_mu_);
    readers_.push_back(std::move(c));
  }
  readers_cv_.notify_one();
}

Status SqliteStore::Read(const std::function<Status(services::ReadTx&)>& fn) {
  ASSIGN_OR_RETURN(std::unique_ptr<Connection> conn, TakeReader());
  Status st = RunCached(*conn, "BEGIN");
  if (st.ok()) {
    SqliteTx tx(conn.get());
    try {
      st = fn(tx);
    } catch (const std::exception& e) {
      st = Internal(std::string("read failed: ") + e.what());
    }
    (void)RunCached(*conn, "COMMIT");
  }
  ReturnReader(std::move(conn));
  return st;
}

Status SqliteStore::Optimize() {
  // Runs on the writer thread between batches, like any write; ANALYZE keeps the planner's
  // statistics fresh so list queries keep using the right index as the tables grow.
  // analysis_limit samples each index instead of reading it whole: milliseconds, not seconds,
  // on a million tickets, and precise enough to choose between indexes.
  return Write([this](services::WriteTx&) {
    return writer_->ExecScript("PRAGMA analysis_limit=2000; ANALYZE;");
  });
}

services::StoreStats SqliteStore::Stats() {
  services::StoreStats s;
  s.write_queue_depth = queue_depth_.load(std::memory_order_relaxed);
  s.batches_committed = batches_.load(std::memory_order_relaxed);
  s.writes_committed = writes_.load(std::memory_order_relaxed);
  for (const char* suffix : {"", "-wal"}) {
    struct stat st {};
    if (::stat((options_.path + suffix).c_str(), &st) == 0) s.database_bytes += st.st_size;
  }
  return s;
}

}  // namespace sahayak::store
