#pragma once

// Runs the CSV imports admins queue (services/imports/import_service.h) on its own thread: at
// start (a job the server died running is run again), when woken after an upload, and every
// `poll_ms` in case a wake-up was missed. One job at a time.
//
// Thread-safety: Start, Stop and Notify may be called from any thread.

#include <condition_variable>
#include <mutex>
#include <thread>

#include "base/clock.h"
#include "services/imports/import_service.h"

namespace sahayak::app {

class ImportWorker {
 public:
  explicit ImportWorker(services::ImportService& imports, Millis poll_ms = 30000)
      : imports_(imports), poll_ms_(poll_ms) {}
  ~ImportWorker() { Stop(); }
  ImportWorker(const ImportWorker&) = delete;
  ImportWorker& operator=(const ImportWorker&) = delete;

  void Start();
  // Finishes the job being run, then returns. Idempotent.
  void Stop();
  void Notify();

 private:
  void Loop();

  services::ImportService& imports_;
  const Millis poll_ms_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  bool woken_ = true;  // look at once on start
  std::thread thread_;
};

}  // namespace sahayak::app
