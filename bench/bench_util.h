#pragma once

// What every benchmark program measures the same way: its arguments' numbers, percentiles,
// the machine's load average, its own memory and CPU time, a database's size on disk.
// Header-only: each benchmark is one .cc file (bench/CMakeLists.txt).

#include <time.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace sahayak::bench {

// `value` of the argument `key` as a number from `lo` to `hi`; otherwise `usage` (which does
// not return) with a message naming both.
template <typename Usage>
double NumberArg(const std::string& key, const std::string& value, double lo, double hi,
                 Usage usage) {
  char* end = nullptr;
  const double d = std::strtod(value.c_str(), &end);
  if (value.empty() || *end != '\0' || d < lo || d > hi) {
    usage(key + ": " + value + " is not a number from " + std::to_string(lo) + " to " +
          std::to_string(hi));
  }
  return d;
}

// The q-quantile (0..1) of `v`, nearest rank; 0 for none.
inline double Percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  size_t i = static_cast<size_t>(q * static_cast<double>(v.size() - 1) + 0.5);
  std::nth_element(v.begin(), v.begin() + static_cast<long>(i), v.end());
  return v[i];
}

inline double Mean(const std::vector<double>& v) {
  if (v.empty()) return 0;
  double s = 0;
  for (double x : v) s += x;
  return s / static_cast<double>(v.size());
}

// "1.05,1.27,1.32": the 1, 5 and 15 minute load averages.
inline std::string LoadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a + "," + b + "," + c;
}

// A "kB" line of /proc/self/status (VmRSS, VmHWM) in MiB; 0 when absent.
inline double ProcStatusMiB(const char* key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  const std::string k = std::string(key) + ":";
  while (std::getline(in, line)) {
    if (line.rfind(k, 0) == 0) return std::strtod(line.c_str() + k.size(), nullptr) / 1024.0;
  }
  return 0;
}

inline double CpuSeconds(clockid_t id) {
  timespec ts{};
  clock_gettime(id, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}
// CPU time (user + system) of the calling thread, of the whole process.
inline double ThreadCpuSeconds() { return CpuSeconds(CLOCK_THREAD_CPUTIME_ID); }
inline double ProcessCpuSeconds() { return CpuSeconds(CLOCK_PROCESS_CPUTIME_ID); }

// A SQLite database's size with its write-ahead log, MiB.
inline double DatabaseMiB(const std::string& path) {
  std::error_code ec;
  double total = 0;
  for (const char* suffix : {"", "-wal"}) {
    auto n = std::filesystem::file_size(path + suffix, ec);
    if (!ec) total += static_cast<double>(n);
  }
  return total / (1024.0 * 1024.0);
}

}  // namespace sahayak::bench
