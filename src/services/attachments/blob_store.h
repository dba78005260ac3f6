#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace sahayak::services {

// Content-addressed file storage for attachments: a blob is named by the hex SHA-256 of its
// bytes, so the same file uploaded twice is stored once. Thread-safe.
class BlobStore {
 public:
  virtual ~BlobStore() = default;
  // Stores the bytes durably (fsync) and returns their SHA-256.
  virtual Result<std::string> Put(std::string_view bytes) = 0;
  // Stores the bytes without waiting for the disk; they are durable only after a later
  // Sync() returns OK. For writing many blobs with one flush (a mail's parts, an import
  // batch); nothing may reference them in the database before that Sync().
  virtual Result<std::string> PutUnsynced(std::string_view bytes) = 0;
  // Makes every blob stored so far durable.
  virtual Status Sync() = 0;
  virtual Result<std::string> Get(const std::string& sha256) = 0;
};

}  // namespace sahayak::services
