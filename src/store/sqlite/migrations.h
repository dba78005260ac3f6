#pragma once

#include <vector>

#include "base/status.h"

struct sqlite3;

namespace sahayak::store {

struct Migration {
  int version;
  const char* name;
  const char* sql;
};

// The numbered .sql files of src/store/migrations, embedded at build time, in order.
const std::vector<Migration>& EmbeddedMigrations();

// Applies every embedded migration newer than the database's, each in its own transaction,
// recording it in schema_migrations. Returns the number applied. Fails when the database is
// newer than this binary.
Result<int> ApplyMigrations(sqlite3* db);

}  // namespace sahayak::store
