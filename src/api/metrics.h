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
  static constexpr std::array<double, 13> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                      0.025,  0.05,  0.1,    0.25,  0.5,
                                                      1.0,    2.5,   5.0};

  // `route` is the route's pattern ("/api/v1/tickets/{id}") or "unmatched".
  void Record(const std::string& method, const std::string& route, int status, double seconds);

  // Gauges read when /metrics is scraped (write-queue depth, database size …).
  void AddGauge(std::string name, std::string help, std::function<double()> read);

  std::string Render() const;

 private:
  struct Series {
    std::mutex mu;
    std::map<int, uint64_t> by_status;
    std::array<uint64_t, kBuckets.size()> buckets{};
    uint64_t count = 0;
    double sum = 0;
  };
  struct Gauge {
    std::string name, help;
    std::function<double()> read;
  };
  Series& SeriesFor(const std::string& method, const std::string& route);

  mutable std::mutex mu_;
  std::map<std::pair<std::string, std::string>, std::unique_ptr<Series>> series_;
  std::vector<Gauge> gauges_;
};

}  // namespace sahayak::api
