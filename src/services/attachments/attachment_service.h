#pragma once

#include <string>
#include <string_view>

#include "base/clock.h"
#include "services/attachments/blob_store.h"
#include "services/principal.h"
#include "services/store.h"

namespace sahayak::services {

// Uploads and downloads of attachments. The MIME type is detected from the content with
// libmagic, never trusted from the client. Thread-safe.
class AttachmentService {
 public:
  AttachmentService(Store& store, BlobStore& blobs, const Clock& clock, size_t max_bytes)
      : store_(store), blobs_(blobs), clock_(clock), max_bytes_(max_bytes) {}

  Result<domain::Attachment> Upload(const Principal& who, std::string_view filename,
                                    std::string_view bytes);

  // Upload in two steps, so a caller can record the attachment in a transaction of its own
  // (with an idempotency record, say): Store checks the file, detects its type and stores the
  // bytes durably; Record adds the row and its audit event in `tx`.
  Result<domain::Attachment> StoreFile(const Principal& who, std::string_view filename,
                                       std::string_view bytes);
  Status Record(WriteTx& tx, const Principal& who, domain::Attachment* a);
  // The attachment and its bytes.
  Result<std::pair<domain::Attachment, std::string>> Download(const Principal& who, Id id);

  size_t max_bytes() const { return max_bytes_; }

 private:
  Store& store_;
  BlobStore& blobs_;
  const Clock& clock_;
  size_t max_bytes_;
};

// The MIME type of the bytes ("image/png", "application/pdf", "text/plain"), by content.
std::string DetectMimeType(std::string_view bytes);

}  // namespace sahayak::services
