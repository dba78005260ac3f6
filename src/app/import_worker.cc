#include "app/import_worker.h"

#include <chrono>

namespace sahayak::app {

void ImportWorker::Start() {
  std::lock_guard lock(mu_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { Loop(); });
}

void ImportWorker::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ImportWorker::Notify() {
  {
    std::lock_guard lock(mu_);
    woken_ = true;
  }
  cv_.notify_all();
}

void ImportWorker::Loop() {
  while (true) {
    {
      std::unique_lock lock(mu_);
      cv_.wait_for(lock, std::chrono::milliseconds(poll_ms_),
                   [this] { return stopping_ || woken_; });
      if (stopping_) return;
      woken_ = false;
    }
    // Jobs queued while one ran are picked up by the next round at once.
    while (imports_.RunPending() > 0) {
      std::lock_guard lock(mu_);
      if (stopping_) return;
    }
  }
}

}  // namespace sahayak::app
