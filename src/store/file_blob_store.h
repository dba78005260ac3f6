#pragma once

#include <string>

#include "services/attachments/blob_store.h"

namespace sahayak::store {

// Blobs as files under `root`/ab/cd/<sha256>, written to a temporary file, fsynced and renamed
// into place so a crash never leaves a half-written blob under its final name.
class FileBlobStore final : public services::BlobStore {
 public:
  explicit FileBlobStore(std::string root) : root_(std::move(root)) {}
  Result<std::string> Put(std::string_view bytes) override;
  Result<std::string> Get(const std::string& sha256) override;

 private:
  std::string PathFor(const std::string& sha256) const;
  std::string root_;
};

}  // namespace sahayak::store
