#include "app/maintenance.h"

#include <spdlog/spdlog.h>

namespace sahayak::app {

namespace {
constexpr Millis kIdempotencyKeyLifetime = 24LL * 3600 * 1000;
}  // namespace

Maintenance::Maintenance(services::Store& store, const Clock& clock, Millis period,
                         std::function<Status()> also)
    : store_(store),
      clock_(clock),
      period_(period),
      also_(std::move(also)),
      thread_([this] { Loop(); }) {}

Maintenance::~Maintenance() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

Status Maintenance::RunOnce() {
  const Millis now = clock_.Now();
  RETURN_IF_ERROR(store_.Write([&](services::WriteTx& tx) -> Status {
    RETURN_IF_ERROR(tx.DeleteIdempotencyBefore(now - kIdempotencyKeyLifetime));
    RETURN_IF_ERROR(tx.DeleteSessionsExpiredBefore(now));
    // The customer portal's expired sessions and sign-in links (docs/portal.md).
    return tx.portal().DeleteExpiredPortalRows(now);
  }));
  if (also_) {
    if (Status st = also_(); !st.ok()) spdlog::warn("maintenance: {}", st.message());
  }
  return store_.Optimize();
}

void Maintenance::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    lock.unlock();
    if (Status st = RunOnce(); !st.ok()) spdlog::warn("maintenance failed: {}", st.message());
    lock.lock();
    cv_.wait_for(lock, std::chrono::milliseconds(period_), [this] { return stopping_; });
  }
}

}  // namespace sahayak::app
