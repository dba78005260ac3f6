#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "base/clock.h"

namespace sahayak::app {

// The thread of a queue worker (mail outbox, carrier requests): runs `run_once` until it
// handles less than a full batch, then sleeps until Notify(), Stop() or `wait()` has passed.
// Start and Stop are idempotent; Stop lets the round in progress finish.
class WorkerLoop {
 public:
  WorkerLoop() = default;
  ~WorkerLoop() { Stop(); }
  WorkerLoop(const WorkerLoop&) = delete;
  WorkerLoop& operator=(const WorkerLoop&) = delete;

  // `run_once` answers how many items it handled; `batch` of them means more may be due.
  void Start(std::function<int()> run_once, int batch, std::function<Millis()> wait) {
    std::lock_guard<std::mutex> lock(mu_);
    if (thread_.joinable()) return;
    stopping_ = false;
    thread_ = std::thread([this, run_once = std::move(run_once), batch, wait = std::move(wait)] {
      Run(run_once, batch, wait);
    });
  }

  void Stop() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

  void Notify() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      woken_ = true;
    }
    cv_.notify_all();
  }

 private:
  void Run(const std::function<int()>& run_once, int batch, const std::function<Millis()>& wait) {
    while (true) {
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (stopping_) return;
        woken_ = false;
      }
      const int handled = run_once();
      std::unique_lock<std::mutex> lock(mu_);
      if (stopping_) return;
      if (handled >= batch) continue;  // a whole batch: more may be due right away
      cv_.wait_for(lock, std::chrono::milliseconds(wait()), [&] { return stopping_ || woken_; });
    }
  }

  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  bool woken_ = false;
  std::thread thread_;
};

}  // namespace sahayak::app
