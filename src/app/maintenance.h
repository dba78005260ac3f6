#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

#include "base/clock.h"
#include "services/store.h"

namespace sahayak::app {

// Housekeeping while the server runs: every `period`, forgets idempotency keys older than 24
// hours and sessions that have expired, and refreshes the query planner's statistics. Stops
// (and joins) when destroyed.
class Maintenance {
 public:
  Maintenance(services::Store& store, const Clock& clock, Millis period = 10 * 60 * 1000);
  ~Maintenance();

  // One pass, now. Returns the store's status.
  Status RunOnce();

 private:
  void Loop();
  services::Store& store_;
  const Clock& clock_;
  Millis period_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace sahayak::app
