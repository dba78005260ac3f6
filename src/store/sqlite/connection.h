#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace sahayak::store {

// SQL assembled from constants, built once per call site: `Sql([] { return a + b; })`. Each
// lambda is its own type, so each call site gets its own static string.
template <typename Build>
const std::string& Sql(Build build) {
  static const std::string sql = build();
  return sql;
}

// Maps an SQLite result code to a Status (unique violations become AlreadyExists).
Status SqliteStatus(sqlite3* db, int rc, std::string_view what);

// A prepared statement borrowed from a Connection's cache; reset when it goes out of scope.
class Stmt {
 public:
  explicit Stmt(sqlite3_stmt* s) : s_(s) {}
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Stmt(Stmt&& o) noexcept : s_(o.s_) { o.s_ = nullptr; }
  ~Stmt();

  Stmt& Bind(int i, int64_t v);
  Stmt& Bind(int i, int v) { return Bind(i, static_cast<int64_t>(v)); }
  Stmt& Bind(int i, bool v) { return Bind(i, static_cast<int64_t>(v ? 1 : 0)); }
  Stmt& Bind(int i, std::string_view v);
  Stmt& Bind(int i, const std::string& v) { return Bind(i, std::string_view(v)); }
  Stmt& Bind(int i, const char* v) { return Bind(i, std::string_view(v)); }
  Stmt& Bind(int i, const std::optional<int64_t>& v);
  Stmt& BindNull(int i);

  // Advances: true when a row is ready, false when done.
  Result<bool> Step();
  // Runs a statement that returns no rows.
  Status Exec();

  int64_t Int(int col) const;
  std::optional<int64_t> OptInt(int col) const;
  std::string Text(int col) const;
  std::optional<std::string> OptText(int col) const;
  bool IsNull(int col) const;

  sqlite3_stmt* raw() const { return s_; }

 private:
  sqlite3_stmt* s_;
};

struct ConnectionOptions {
  bool read_only = false;
  int busy_timeout_ms = 5000;
  int cache_kib = 8192;
  bool synchronous_full = true;  // fsync on every commit: a committed write survives power loss
};

// One SQLite connection with its statement cache. Not thread-safe.
class Connection {
 public:
  static Result<std::unique_ptr<Connection>> Open(const std::string& path,
                                                  const ConnectionOptions& options);
  ~Connection();

  // A cached prepared statement for `sql`.
  Result<Stmt> Prepare(std::string_view sql);
  Status ExecScript(const char* sql);
  int64_t LastInsertId() const;
  int Changes() const;
  sqlite3* raw() const { return db_; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  // Looked up by string_view, so a cache hit allocates nothing.
  struct SqlHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*, SqlHash, std::equal_to<>> cache_;
};

}  // namespace sahayak::store
