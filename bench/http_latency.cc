// http_latency: a small closed-loop HTTP/1.1 load that records the latency of every request.
//
// wrk gives one latency distribution for a whole run; the ticket-list benchmark needs one per
// filter combination, so this tool keeps them apart. Each of --connections threads holds one
// keep-alive connection to 127.0.0.1 and sends requests back to back, cycling through the
// labelled paths of --mix, for --seconds (after --warmup seconds that are not recorded).
//
// Mix file: one `label path` pair a line ('#' starts a comment). In a path,
//   {id}            is replaced by a random integer in [1, --max-id] on every request;
//   a leading `page2:` before the path (`label page2:/api/v1/tickets?status=open`) fetches that
//                   path once at start, reads its next_cursor and requests the second page.
//
// Prints per label and overall: requests, non-2xx, p50/p90/p99/max latency in ms, mean body
// bytes; and one `RESULT` line each for bench/run.sh. Figures only: nothing is asserted.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "http_latency: %s\n", what.c_str());
  std::exit(1);
}

struct Options {
  int port = 0;
  std::string token;
  std::string mix_file;
  int connections = 4;
  double seconds = 15;
  double warmup = 2;
  int64_t max_id = 1;
};

struct Response {
  int status = 0;
  std::string body;
};

// One keep-alive connection. Reconnects when the server closes.
class Connection {
 public:
  explicit Connection(const Options& o) : o_(o) {}
  ~Connection() { Close(); }

  bool Get(const std::string& path, Response* out) {
    for (int attempt = 0; attempt < 2; ++attempt) {
      if (fd_ < 0 && !Connect()) return false;
      if (Send(path) && Receive(out)) return true;
      Close();
    }
    return false;
  }

 private:
  bool Connect() {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) return false;
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    timeval timeout{60, 0};  // a request slower than this counts as a failure
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(o_.port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      Close();
      return false;
    }
    buf_.clear();
    return true;
  }

  void Close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

  bool Send(const std::string& path) {
    std::string req = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n";
    if (!o_.token.empty()) req += "Authorization: Bearer " + o_.token + "\r\n";
    req += "\r\n";
    size_t sent = 0;
    while (sent < req.size()) {
      ssize_t n = ::send(fd_, req.data() + sent, req.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<size_t>(n);
    }
    return true;
  }

  bool Fill() {
    char chunk[16384];
    ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buf_.append(chunk, static_cast<size_t>(n));
    return true;
  }

  bool Receive(Response* out) {
    size_t header_end;
    while ((header_end = buf_.find("\r\n\r\n")) == std::string::npos) {
      if (!Fill()) return false;
    }
    std::string head = buf_.substr(0, header_end);
    for (char& c : head) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    if (head.rfind("http/1.", 0) != 0 || head.size() < 12) return false;
    out->status = std::atoi(head.c_str() + 9);
    size_t cl = head.find("\r\ncontent-length:");
    if (cl == std::string::npos) Die("response without Content-Length");
    size_t length = std::strtoull(head.c_str() + cl + 17, nullptr, 10);
    bool close = head.find("\r\nconnection: close") != std::string::npos;
    size_t total = header_end + 4 + length;
    while (buf_.size() < total) {
      if (!Fill()) return false;
    }
    out->body.assign(buf_, header_end + 4, length);
    buf_.erase(0, total);
    if (close) Close();
    return true;
  }

  const Options& o_;
  int fd_ = -1;
  std::string buf_;
};

struct Entry {
  std::string label;
  std::string path;  // may hold {id}
};

struct Sample {
  int entry;
  float ms;
  int status;
  uint32_t bytes;
};

std::string ExtractNextCursor(const std::string& body) {
  const std::string key = "\"next_cursor\":";
  size_t p = body.find(key);
  if (p == std::string::npos) return "";
  p += key.size();
  while (p < body.size() && body[p] == ' ') ++p;
  if (p >= body.size() || body[p] != '"') return "";
  size_t end = body.find('"', p + 1);
  return end == std::string::npos ? "" : body.substr(p + 1, end - p - 1);
}

std::string Expand(const std::string& path, std::mt19937_64& rng, int64_t max_id) {
  std::string out = path;
  size_t p;
  while ((p = out.find("{id}")) != std::string::npos) {
    std::uniform_int_distribution<int64_t> d(1, std::max<int64_t>(1, max_id));
    out.replace(p, 4, std::to_string(d(rng)));
  }
  return out;
}

double Percentile(std::vector<float>& v, double q) {
  if (v.empty()) return 0;
  size_t k = static_cast<size_t>(q * (v.size() - 1) + 0.5);
  std::nth_element(v.begin(), v.begin() + k, v.end());
  return v[k];
}

void Usage() {
  std::fprintf(stderr,
               "usage: http_latency --port P --mix FILE [--token T] [--connections N]\n"
               "       [--seconds S] [--warmup S] [--max-id N]\n");
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        Usage();
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--port") {
      o.port = std::atoi(next().c_str());
    } else if (a == "--token") {
      o.token = next();
    } else if (a == "--mix") {
      o.mix_file = next();
    } else if (a == "--connections") {
      o.connections = std::max(1, std::atoi(next().c_str()));
    } else if (a == "--seconds") {
      o.seconds = std::atof(next().c_str());
    } else if (a == "--warmup") {
      o.warmup = std::atof(next().c_str());
    } else if (a == "--max-id") {
      o.max_id = std::atoll(next().c_str());
    } else {
      Usage();
      return 2;
    }
  }
  if (o.port <= 0 || o.mix_file.empty()) {
    Usage();
    return 2;
  }
  // Bounded in time whatever the arguments say.
  o.seconds = std::clamp(o.seconds, 0.1, 600.0);
  o.warmup = std::clamp(o.warmup, 0.0, 60.0);

  std::vector<Entry> entries;
  {
    std::ifstream in(o.mix_file);
    if (!in) Die("cannot read " + o.mix_file);
    std::string line;
    while (std::getline(in, line)) {
      if (auto h = line.find('#'); h != std::string::npos) line.resize(h);
      std::istringstream ls(line);
      Entry e;
      if (!(ls >> e.label >> e.path)) continue;
      entries.push_back(e);
    }
  }
  if (entries.empty()) Die("the mix file has no entries");
  {
    Connection c(o);
    for (auto& e : entries) {
      if (e.path.rfind("page2:", 0) != 0) continue;
      std::string first = e.path.substr(6);
      Response r;
      if (!c.Get(first, &r) || r.status != 200) {
        Die("could not fetch " + first + " (status " + std::to_string(r.status) + ")");
      }
      std::string cursor = ExtractNextCursor(r.body);
      if (cursor.empty()) Die(first + " has no next_cursor");
      e.path = first + (first.find('?') == std::string::npos ? "?" : "&") + "cursor=" + cursor;
    }
  }
  std::printf("http_latency: %d connections, %.0f s (after %.0f s warm-up), %zu request kinds\n",
              o.connections, o.seconds, o.warmup, entries.size());
  for (const auto& e : entries) std::printf("  %-22s %s\n", e.label.c_str(), e.path.c_str());
  std::fflush(stdout);

  const auto start = Clock::now();
  const auto record_from = start + std::chrono::duration<double>(o.warmup);
  const auto stop_at = record_from + std::chrono::duration<double>(o.seconds);
  std::atomic<int64_t> failures{0};
  std::vector<std::vector<Sample>> per_thread(static_cast<size_t>(o.connections));
  std::vector<std::thread> threads;
  for (int t = 0; t < o.connections; ++t) {
    threads.emplace_back([&, t] {
      Connection c(o);
      std::mt19937_64 rng(0x5a4a1a + static_cast<uint64_t>(t) * 7919);
      auto& out = per_thread[static_cast<size_t>(t)];
      out.reserve(200000);
      size_t k = static_cast<size_t>(t) % entries.size();
      Response r;
      while (true) {
        auto now = Clock::now();
        if (now >= stop_at) break;
        const std::string path = Expand(entries[k].path, rng, o.max_id);
        auto t0 = Clock::now();
        bool ok = c.Get(path, &r);
        auto t1 = Clock::now();
        if (!ok) {
          failures.fetch_add(1);
          std::this_thread::sleep_for(std::chrono::milliseconds(10));
        } else if (t0 >= record_from) {
          out.push_back({static_cast<int>(k),
                         std::chrono::duration<float, std::milli>(t1 - t0).count(), r.status,
                         static_cast<uint32_t>(r.body.size())});
        }
        k = (k + 1) % entries.size();
      }
    });
  }
  for (auto& th : threads) th.join();
  const double elapsed = o.seconds;

  struct Agg {
    std::vector<float> ms;
    int64_t non2xx = 0;
    double bytes = 0;
    std::map<int, int64_t> statuses;
  };
  std::vector<Agg> per(entries.size());
  Agg all;
  for (const auto& v : per_thread) {
    for (const auto& s : v) {
      for (Agg* a : {&per[static_cast<size_t>(s.entry)], &all}) {
        a->ms.push_back(s.ms);
        a->bytes += s.bytes;
        if (s.status < 200 || s.status > 299) {
          a->non2xx++;
          a->statuses[s.status]++;
        }
      }
    }
  }
  std::printf("%-22s %9s %7s %8s %8s %8s %8s %8s %10s\n", "label", "requests", "non2xx",
              "mean_ms", "p50_ms", "p90_ms", "p99_ms", "max_ms", "mean_bytes");
  std::vector<std::string> results;
  auto print = [&](const std::string& label, Agg& a) {
    const size_t n = a.ms.size();
    double sum = 0;
    for (float x : a.ms) sum += x;
    double mean = n ? sum / n : 0;
    double p50 = Percentile(a.ms, 0.50), p90 = Percentile(a.ms, 0.90);
    double p99 = Percentile(a.ms, 0.99);
    double mx = n ? *std::max_element(a.ms.begin(), a.ms.end()) : 0;
    double mb = n ? a.bytes / n : 0;
    std::printf("%-22s %9zu %7lld %8.2f %8.2f %8.2f %8.2f %8.2f %10.0f\n", label.c_str(), n,
                static_cast<long long>(a.non2xx), mean, p50, p90, p99, mx, mb);
    std::string statuses;
    for (auto [st, c] : a.statuses) {
      statuses += (statuses.empty() ? "" : ",") + std::to_string(st) + ":" + std::to_string(c);
    }
    char line[512];
    std::snprintf(line, sizeof line,
                  "RESULT label=%s requests=%zu rps=%.1f non2xx=%lld mean_ms=%.3f p50_ms=%.3f "
                  "p90_ms=%.3f p99_ms=%.3f max_ms=%.3f mean_bytes=%.0f%s%s",
                  label.c_str(), n, n / elapsed, static_cast<long long>(a.non2xx), mean, p50,
                  p90, p99, mx, mb, statuses.empty() ? "" : " statuses=", statuses.c_str());
    results.push_back(line);
  };
  for (size_t i = 0; i < entries.size(); ++i) print(entries[i].label, per[i]);
  print("all", all);
  for (const auto& r : results) std::printf("%s\n", r.c_str());
  std::printf("RESULT label=connection_failures count=%lld\n",
              static_cast<long long>(failures.load()));
  return 0;
}
