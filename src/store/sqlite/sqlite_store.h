#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "services/store.h"
#include "store/sqlite/connection.h"

namespace sahayak::store {

struct SqliteStoreOptions {
  std::string path;          // the database file; created when missing
  int max_readers = 8;       // read connections; more concurrent reads wait for one
  int max_batch = 512;       // write functions per group-committed transaction
  bool synchronous_full = true;
  int reader_cache_kib = 1024;
  int writer_cache_kib = 16384;
};

// services::Store on one SQLite file in WAL mode: one writer thread that group-commits
// concurrent writes, and a pool of read connections. Thread-safe.
class SqliteStore final : public services::Store {
 public:
  // Opens (creating when missing) and applies pending migrations.
  static Result<std::unique_ptr<SqliteStore>> Open(const SqliteStoreOptions& options);
  ~SqliteStore() override;

  Status Read(const std::function<Status(services::ReadTx&)>& fn) override;
  Status Write(const std::function<Status(services::WriteTx&)>& fn) override;
  services::StoreStats Stats() override;
  Status Optimize() override;

  int migrations_applied() const { return migrations_applied_; }

 private:
  struct Job;
  explicit SqliteStore(SqliteStoreOptions options) : options_(std::move(options)) {}
  void WriterLoop();
  void RunBatch(std::vector<Job*>& batch);
  Result<std::unique_ptr<Connection>> TakeReader();
  void ReturnReader(std::unique_ptr<Connection> c);

  SqliteStoreOptions options_;
  int migrations_applied_ = 0;
  std::unique_ptr<Connection> writer_;
  std::thread writer_thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job*> queue_;
  bool stopping_ = false;

  std::mutex readers_mu_;
  std::condition_variable readers_cv_;
  std::vector<std::unique_ptr<Connection>> readers_;  // idle
  int readers_open_ = 0;

  std::atomic<int64_t> queue_depth_{0};
  std::atomic<int64_t> batches_{0};
  std::atomic<int64_t> writes_{0};
};

}  // namespace sahayak::store
