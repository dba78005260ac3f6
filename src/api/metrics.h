#pragma once

#include <array>
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace sahayak::api {

// Request counters and latency histograms by route, rendered as Prometheus text. Thread-safe;
// recording takes one short per-route lock.
class Metrics {
 public:
  static constexpr size_t kBucketCount = 13;
  static constexpr std::array<double, 13> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                      0.025,  0.05,  0.1,    0.25,  0.5,
                                                      1.0,    2.5,   5.0};

  struct Series;

  // The series of one route and method, to record into without a lookup; lives as long as
  // the Metrics.
  Series* Handle(const std::string& method, const std::string& route);
  void Record(Series* series, int status, double seconds);
  // `route` is the route's pattern ("/api/v1/tickets/{id}") or "unmatched".
  void Record(const std::string& method, const std::string& route, int status, double seconds) {
    Record(Handle(method, route), status, seconds);
  }

  // Gauges read when /metrics is scraped (write-queue depth, database size …).
  void AddGauge(std::string name, std::string help, std::function<double()> read);

  std::string Render() const;

 private:
  struct Gauge {
    std::string name, help;
    std::function<double()> read;
  };
  mutable std::mutex mu_;
  std::map<std::pair<std::string, std::string>, std::unique_ptr<Series>> series_;
  std::vector<Gauge> gauges_;
};

struct Metrics::Series {
  std::mutex mu;
  std::map<int, uint64_t> by_status;
  std::array<uint64_t, kBucketCount> buckets{};
  uint64_t count = 0;
  double sum = 0;
};

}  // namespace sahayak::api
