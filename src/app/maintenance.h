#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "base/clock.h"
#include "services/store.h"

namespace sahayak::app {

// Housekeeping while the server runs: every `period`, forgets idempotency keys older than 24
// hours and sessions that have expired, runs `also` (the late-shipment sweep), and refreshes
// the query planner's statistics. Stops (and joins) when destroyed.
class Maintenance {
 public:
  Maintenance(services::Store& store, const Clock& clock, Millis period = 10 * 60 * 1000,
              std::function<Status()> also = {});
  ~Maintenance();

  // One pass, now. Returns the store's status.
  Status RunOnce();

 private:
  void Loop();
  services::Store& store_;
  const Clock& clock_;
  Millis period_;
  std::function<Status()> also_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace sahayak::app
