#include "api/metrics.h"

#include <cstdio>

namespace sahayak::api {

static_assert(Metrics::kBuckets.size() == Metrics::kBucketCount);

Metrics::Series* Metrics::Handle(const std::string& method, const std::string& route) {
  std::lock_guard<std::mutex> lock(mu_);
  auto& s = series_[{route, method}];
  if (!s) s = std::make_unique<Series>();
  return s.get();
}

void Metrics::Record(Series* s, int status, double seconds) {
  std::lock_guard<std::mutex> lock(s->mu);
  s->by_status[status] += 1;
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) s->buckets[i] += 1;
  }
  s->count += 1;
  s->sum += seconds;
}

void Metrics::AddGauge(std::string name, std::string help, std::function<double()> read) {
  std::lock_guard<std::mutex> lock(mu_);
  gauges_.push_back({std::move(name), std::move(help), std::move(read)});
}

std::string Metrics::Render() const {
  std::string out;
  char buf[64];
  std::lock_guard<std::mutex> lock(mu_);
  out += "# HELP sahayak_http_requests_total HTTP requests by route, method and status.\n";
  out += "# TYPE sahayak_http_requests_total counter\n";
  for (const auto& [key, s] : series_) {
    std::lock_guard<std::mutex> l(s->mu);
    for (const auto& [status, n] : s->by_status) {
      out += "sahayak_http_requests_total{route=\"" + key.first + "\",method=\"" + key.second +
             "\",status=\"" + std::to_string(status) + "\"} " + std::to_string(n) + "\n";
    }
  }
  out += "# HELP sahayak_http_request_duration_seconds Time to answer a request, by route.\n";
  out += "# TYPE sahayak_http_request_duration_seconds histogram\n";
  for (const auto& [key, s] : series_) {
    std::lock_guard<std::mutex> l(s->mu);
    std::string labels = "route=\"" + key.first + "\",method=\"" + key.second + "\"";
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      std::snprintf(buf, sizeof buf, "%g", kBuckets[i]);
      out += "sahayak_http_request_duration_seconds_bucket{" + labels + ",le=\"" + buf + "\"} " +
             std::to_string(s->buckets[i]) + "\n";
    }
    out += "sahayak_http_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} " +
           std::to_string(s->count) + "\n";
    std::snprintf(buf, sizeof buf, "%.6f", s->sum);
    out += "sahayak_http_request_duration_seconds_sum{" + labels + "} " + buf + "\n";
    out += "sahayak_http_request_duration_seconds_count{" + labels + "} " +
           std::to_string(s->count) + "\n";
  }
  for (const auto& g : gauges_) {
    out += "# HELP " + g.name + " " + g.help + "\n# TYPE " + g.name + " gauge\n";
    std::snprintf(buf, sizeof buf, "%.0f", g.read());
    out += g.name + " " + buf + "\n";
  }
  return out;
}

}  // namespace sahayak::api
