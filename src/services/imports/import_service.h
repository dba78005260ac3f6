#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "base/clock.h"
#include "base/status.h"
#include "domain/import.h"
#include "services/attachments/blob_store.h"
#include "services/commerce/commerce_service.h"
#include "services/principal.h"
#include "services/shipments/shipment_service.h"
#include "services/store.h"

// CSV imports of shipments, orders and invoices (docs/imports.md).
//
// An admin uploads a file; Submit checks what can be checked at once — that it is CSV, that
// its columns are the kind's, that it has 1 to 50,000 rows — keeps the file in the blob store
// and queues a job (the 202). The import worker (app/import_worker.h) runs queued jobs one at
// a time: every record goes through the same service function as the API's POST or PATCH (a
// record whose key exists is updated, else created), all inside ONE write function of the
// store, so the import is all or nothing — any bad record rolls every record back and the job
// lists the bad rows and columns. A dry run does the same and always rolls back.
//
// The price of all-or-nothing: while a job's records are written, other writers wait for the
// store's writer (docs/decisions/0004). A job the server died running is run again at start
// (at most kMaxImportAttempts times); its rolled-back writes left nothing behind.
//
// Thread-safety: every method may be called from any thread; RunPending from one at a time.
namespace sahayak::services {

inline constexpr size_t kMaxImportBytes = 20 * 1024 * 1024;

struct ImportUpload {
  std::string kind;
  std::string file_name;
  std::string bytes;
  bool dry_run = false;
};

class ImportService {
 public:
  ImportService(Store& store, const Clock& clock, BlobStore& blobs,
                const ShipmentService& shipments, const CommerceService& commerce)
      : store_(store), clock_(clock), blobs_(blobs), shipments_(shipments),
        commerce_(commerce) {}

  // Admins only (PermissionDenied). InvalidArgument naming "kind" or "file" for a file that
  // cannot be imported at all; nothing is kept then.
  Result<domain::ImportJob> Submit(const Principal& who, const ImportUpload& upload);

  Result<domain::ImportJob> Get(ReadTx& tx, const Principal& who, domain::Id id) const;
  Result<Page<domain::ImportJob>> List(ReadTx& tx, const Principal& who,
                                       const PageRequest& page) const;
  // Records done so far of a running job (its `processed`); a finished job's are its records.
  int64_t Processed(const domain::ImportJob& j) const;

  // Runs every queued (or interrupted) job; how many ran.
  int RunPending();
  // Called after a job is queued (the worker wakes).
  void set_on_queued(std::function<void()> f) { on_queued_ = std::move(f); }

 private:
  Status Run(domain::ImportJob job);
  std::shared_ptr<std::atomic<int64_t>> Counter(domain::Id id);
  void Forget(domain::Id id);

  Store& store_;
  const Clock& clock_;
  BlobStore& blobs_;
  const ShipmentService& shipments_;
  const CommerceService& commerce_;
  std::function<void()> on_queued_;
  mutable std::mutex mu_;
  std::map<domain::Id, std::shared_ptr<std::atomic<int64_t>>> progress_;
};

}  // namespace sahayak::services
