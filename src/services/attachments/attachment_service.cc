#include "services/attachments/attachment_service.h"

#include <magic.h>

#include "base/text.h"
#include "services/audit.h"

namespace sahayak::services {

namespace {

// libmagic handles are not thread-safe; each thread keeps its own.
class MagicHandle {
 public:
  MagicHandle() : m_(magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS)) {
    if (m_ != nullptr && magic_load(m_, nullptr) != 0) {
      magic_close(m_);
      m_ = nullptr;
    }
  }
  ~MagicHandle() {
    if (m_ != nullptr) magic_close(m_);
  }
  magic_t get() const { return m_; }

 private:
  magic_t m_;
};

}  // namespace

std::string DetectMimeType(std::string_view bytes) {
  thread_local MagicHandle handle;
  if (handle.get() == nullptr || bytes.empty()) return "application/octet-stream";
  const char* type = magic_buffer(handle.get(), bytes.data(), bytes.size());
  return type ? std::string(type) : "application/octet-stream";
}

Result<domain::Attachment> AttachmentService::Upload(const Principal& who,
                                                     std::string_view filename,
                                                     std::string_view bytes) {
  ASSIGN_OR_RETURN(domain::Attachment a, StoreFile(who, filename, bytes));
  RETURN_IF_ERROR(store_.Write([&](WriteTx& tx) { return Record(tx, who, &a); }));
  return a;
}

Status AttachmentService::Record(WriteTx& tx, const Principal& who, domain::Attachment* a) {
  RETURN_IF_ERROR(tx.InsertAttachment(a));
  return RecordChange(tx, who.workspace_id, who.actor(), "attachment.uploaded", "attachment",
                      a->id,
                      {{"filename", a->filename}, {"mime_type", a->mime_type}, {"size", a->size}},
                      a->created_at);
}

Result<domain::Attachment> AttachmentService::StoreFile(const Principal& who,
                                                        std::string_view filename,
                                                        std::string_view bytes) {
  if (bytes.size() > max_bytes_) {
    return ResourceExhausted("the file is larger than the limit of " +
                             std::to_string(max_bytes_) + " bytes")
        .WithKind("payload-too-large");
  }
  if (bytes.empty()) {
    return InvalidArgument("the file is empty").WithField("file", "is empty");
  }
  std::string name = ToNfc(filename);
  if (!IsValidUtf8(filename) || HasControlChars(name) || CodePointCount(name) > 255) {
    return InvalidArgument("the file name is not valid").WithField("file", "bad file name");
  }
  if (name.empty()) name = "attachment";
  domain::Attachment a;
  a.workspace_id = who.workspace_id;
  a.filename = name;
  a.mime_type = DetectMimeType(bytes);
  a.size = static_cast<int64_t>(bytes.size());
  ASSIGN_OR_RETURN(a.sha256, blobs_.Put(bytes));
  a.uploaded_by = who.agent_id;
  a.created_at = clock_.Now();
  return a;
}

Result<std::pair<domain::Attachment, std::string>> AttachmentService::Download(
    const Principal& who, Id id) {
  domain::Attachment a;
  RETURN_IF_ERROR(store_.Read([&](ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(a, tx.GetAttachment(who.workspace_id, id));
    return Status::Ok();
  }));
  ASSIGN_OR_RETURN(std::string bytes, blobs_.Get(a.sha256));
  return std::make_pair(std::move(a), std::move(bytes));
}

}  // namespace sahayak::services
