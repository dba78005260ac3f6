#include "store/sqlite/migrations.h"

#include <sqlite3.h>

#include <string>

#include "store/sqlite/connection.h"

namespace sahayak::store {

namespace {

Status Exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    return Internal(msg);
  }
  return Status::Ok();
}

Result<int> CurrentVersion(sqlite3* db) {
  sqlite3_stmt* s = nullptr;
  int rc = sqlite3_prepare_v2(db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", -1,
                              &s, nullptr);
  if (rc != SQLITE_OK) return SqliteStatus(db, rc, "reading schema version");
  int version = 0;
  if (sqlite3_step(s) == SQLITE_ROW) version = sqlite3_column_int(s, 0);
  sqlite3_finalize(s);
  return version;
}

}  // namespace

Result<int> ApplyMigrations(sqlite3* db) {
  // schema_migrations is the one table without workspace_id: it describes the file itself.
  RETURN_IF_ERROR(Exec(db,
                       "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY,"
                       " name TEXT NOT NULL, applied_at INTEGER NOT NULL)"));
  ASSIGN_OR_RETURN(int current, CurrentVersion(db));
  const auto& all = EmbeddedMigrations();
  int newest = all.empty() ? 0 : all.back().version;
  if (current > newest) {
    return FailedPrecondition("the database has schema version " + std::to_string(current) +
                              " but this sahayak knows only up to " + std::to_string(newest) +
                              "; run a newer sahayak");
  }
  int applied = 0;
  for (const auto& m : all) {
    if (m.version <= current) continue;
    RETURN_IF_ERROR(Exec(db, "BEGIN IMMEDIATE"));
    Status st = Exec(db, m.sql);
    if (st.ok()) {
      st = Exec(db, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (" +
                        std::to_string(m.version) + ", '" + m.name +
                        "', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))");
    }
    if (!st.ok()) {
      (void)Exec(db, "ROLLBACK");
      return Internal(std::string("migration ") + m.name + " failed: " + st.message());
    }
    RETURN_IF_ERROR(Exec(db, "COMMIT"));
    ++applied;
  }
  return applied;
}

}  // namespace sahayak::store
