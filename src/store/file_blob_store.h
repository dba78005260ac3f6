#pragma once

#include <string>

#include "services/attachments/blob_store.h"

namespace sahayak::store {

// Blobs as files under `root`/ab/cd/<sha256>, written to a temporary file and renamed into
// place. Put fsyncs the file and its folder; PutUnsynced leaves that to one Sync() (syncfs(2)
// of the data folder's file system) for many blobs. A blob whose file exists with the wrong
// size (a crash before the flush can leave an empty file under its final name) is rewritten.
class FileBlobStore final : public services::BlobStore {
 public:
  explicit FileBlobStore(std::string root) : root_(std::move(root)) {}
  Result<std::string> Put(std::string_view bytes) override;
  Result<std::string> PutUnsynced(std::string_view bytes) override;
  Status Sync() override;
  Result<std::string> Get(const std::string& sha256) override;

 private:
  std::string PathFor(const std::string& sha256) const;
  Result<std::string> Write(std::string_view bytes, bool sync);
  std::string root_;
};

}  // namespace sahayak::store
