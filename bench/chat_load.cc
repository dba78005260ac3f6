// chat_load: live-chat load on a running server (issue 8's benchmark), beside ceilings measured
// in the same run.
//
//   chat_load --port P --key WIDGET_KEY --origin https://bench.example.in
//             --agent-tokens TOKEN[,TOKEN...] [--server-pid PID] [--conns 10000]
//             [--rate 500] [--senders 200] [--duration 60] [--warmup 10]
//             [--open-concurrency 200] [--ping-seconds 25] [--start-rate 50]
//             [--ceiling-seconds 10] [--probe-seconds 5] [--probe-rate 10] [--threads 1]
//             [--fsync-dir DIR] [--fsync-seconds 5] [--host 127.0.0.1]
//
// Speaks docs/chat.md as the widget (web/widget/connection.ts) and the console do, over
// Boost.Beast WebSockets; nothing of Sahayak is linked. In this order:
//   1. ceiling: a minimal Beast WebSocket echo server inside this process (its own thread),
//      and `--senders` client sockets sending frames shaped like a chat `send` at `--rate`
//      frames/s in total; each frame's round trip (client → echo → client: two socket hops, as
//      visitor → server → agent) for `--ceiling-seconds` after 2 s of warm-up. What loopback,
//      Beast and this client can do on this machine, with no chat work behind it.
//   1b. ceiling of the disk (with --fsync-dir, the server's data folder): a message is stored
//      (committed, WAL fsynced: synchronous=FULL) before it is acknowledged or delivered, so
//      the time of one 4 KiB append + fdatasync to a file in that folder, 100 a second for
//      `--fsync-seconds`, is what the slowest part of the path costs on this disk today.
//   2. the agents: one console socket per `--agent-tokens` token (`Authorization: Bearer`,
//      as docs/chat.md allows the console), `hello`; they accept every chat offered to them.
//   3. ceiling: the server's own path at no load: one visitor starts a chat, an agent accepts
//      it, the visitor sends `--probe-rate` messages/s for `--probe-seconds`, the delivery
//      latency (visitor's send → the agent has the event) is measured; then the chat is ended.
//   4. memory: the server's VmRSS (/proc/PID/status), then `--conns` visitor sockets are opened
//      as the widget opens them (Origin header, `hello` without a token: the server makes a
//      visitor and answers `welcome` with its token), at most `--open-concurrency` handshakes
//      at once; 3 s later VmRSS again: (after − before) / conns is the memory per idle
//      connection (it includes what the server caches of the visitors it made). Every socket
//      then sends `ping` every `--ping-seconds` (the widget's 25 s) from a random phase.
//   5. the load: the first `--senders` visitors start a chat each (`--start-rate` a second),
//      the agents accept them; then the senders send `send` frames on a fixed schedule (open
//      loop, evenly spread: `--rate` messages/s in total), `--warmup` s unmeasured, then
//      `--duration` s measured. A message's latency is from the moment its frame is handed to
//      the socket to the moment the agent's socket has read the event (both in this process,
//      one steady clock); the visitor's `ack` is timed too. Server CPU is utime + stime from
//      /proc/PID/stat over the measured window; VmRSS is sampled every second.
// Prints a summary block, one `RESULT chat …` key=value line (bench/chat.sh reads it) and one
// `JSON {…}` line. Figures, not tests: nothing is asserted; the exit status is 0 unless the run
// could not happen at all (no agent, no server).
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <utility>  // before asio: Boost 1.74's awaitable.hpp uses std::exchange
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench_util.h"

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using nlohmann::json;

namespace {

using sahayak::bench::LoadAverage;
using sahayak::bench::Mean;
using sahayak::bench::NumberArg;
using sahayak::bench::Percentile;

// ---- options ---------------------------------------------------------------------------

struct Args {
  std::string host = "127.0.0.1";
  int port = 0;
  std::string key;
  std::string origin;
  std::vector<std::string> agent_tokens;
  int server_pid = 0;
  int conns = 10000;
  double rate = 500;
  int senders = 200;
  double duration = 60;
  double warmup = 10;
  int open_concurrency = 200;
  double ping_seconds = 25;
  double start_rate = 50;
  double ceiling_seconds = 10;
  double probe_seconds = 5;
  double probe_rate = 10;
  int threads = 1;
  std::string fsync_dir;
  double fsync_seconds = 5;
};

[[noreturn]] void Usage(const std::string& why) {
  std::fprintf(stderr,
               "chat_load: %s\nusage: chat_load --port P --key WIDGET_KEY --origin ORIGIN "
               "--agent-tokens T1[,T2...] [--server-pid PID] [--conns N] [--rate R] "
               "[--senders S] [--duration S] [--warmup S] [--open-concurrency N] "
               "[--ping-seconds S] [--start-rate R] [--ceiling-seconds S] [--probe-seconds S] "
               "[--probe-rate R] [--threads N] [--fsync-dir DIR] [--fsync-seconds S] "
               "[--host IP]\n",
               why.c_str());
  std::exit(2);
}

Args ParseArgs(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    std::string k = argv[i];
    if (i + 1 >= argc) Usage("missing value for " + k);
    std::string v = argv[++i];
    auto num = [&](double lo, double hi) { return NumberArg(k, v, lo, hi, Usage); };
    if (k == "--host") {
      a.host = v;
    } else if (k == "--port") {
      a.port = static_cast<int>(num(1, 65535));
    } else if (k == "--key") {
      a.key = v;
    } else if (k == "--origin") {
      a.origin = v;
    } else if (k == "--agent-tokens") {
      std::stringstream ss(v);
      std::string t;
      while (std::getline(ss, t, ',')) {
        if (!t.empty()) a.agent_tokens.push_back(t);
      }
    } else if (k == "--server-pid") {
      a.server_pid = static_cast<int>(num(0, 1e9));
    } else if (k == "--conns") {
      a.conns = static_cast<int>(num(1, 1e6));
    } else if (k == "--rate") {
      a.rate = num(0.1, 1e6);
    } else if (k == "--senders") {
      a.senders = static_cast<int>(num(1, 1e6));
    } else if (k == "--duration") {
      a.duration = num(1, 1e6);
    } else if (k == "--warmup") {
      a.warmup = num(0, 1e6);
    } else if (k == "--open-concurrency") {
      a.open_concurrency = static_cast<int>(num(1, 1e5));
    } else if (k == "--ping-seconds") {
      a.ping_seconds = num(0, 1e5);
    } else if (k == "--start-rate") {
      a.start_rate = num(0.1, 1e5);
    } else if (k == "--ceiling-seconds") {
      a.ceiling_seconds = num(0, 1e5);
    } else if (k == "--probe-seconds") {
      a.probe_seconds = num(0, 1e5);
    } else if (k == "--probe-rate") {
      a.probe_rate = num(0.1, 19);
    } else if (k == "--fsync-dir") {
      a.fsync_dir = v;
    } else if (k == "--fsync-seconds") {
      a.fsync_seconds = num(0, 1e5);
    } else if (k == "--threads") {
      a.threads = static_cast<int>(num(1, 64));
    } else {
      Usage("unknown option " + k);
    }
  }
  if (a.port == 0 || a.key.empty() || a.origin.empty()) Usage("--port, --key and --origin are required");
  if (a.agent_tokens.empty()) Usage("--agent-tokens is required");
  a.senders = std::min(a.senders, a.conns);
  return a;
}

// ---- small helpers ---------------------------------------------------------------------

const Clock::time_point kEpoch = Clock::now();
int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - kEpoch).count();
}
Clock::time_point AtNs(int64_t ns) { return kEpoch + std::chrono::nanoseconds(ns); }
double NsToMs(int64_t ns) { return static_cast<double>(ns) / 1e6; }

void SleepS(double s) { std::this_thread::sleep_for(std::chrono::duration<double>(s)); }

double Max(const std::vector<double>& v) {
  return v.empty() ? 0 : *std::max_element(v.begin(), v.end());
}

// A /proc/PID/status value in kB (VmRSS, VmHWM, Threads …); -1 when unreadable.
double ProcStatus(int pid, const char* key) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  const std::string k = std::string(key) + ":";
  while (std::getline(in, line)) {
    if (line.rfind(k, 0) == 0) return std::strtod(line.c_str() + k.size(), nullptr);
  }
  return -1;
}

// utime + stime of PID in seconds (/proc/PID/stat fields 14 and 15); -1 when unreadable.
double ProcCpuSeconds(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto close = all.rfind(')');  // the command name may hold spaces
  if (close == std::string::npos) return -1;
  std::istringstream rest(all.substr(close + 2));
  std::string field;
  double utime = 0, stime = 0;
  for (int i = 3; i <= 15 && rest >> field; ++i) {
    if (i == 14) utime = std::strtod(field.c_str(), nullptr);
    if (i == 15) stime = std::strtod(field.c_str(), nullptr);
  }
  return (utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double SelfCpuSeconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

// The kernel's TCP memory, all sockets of the machine (/proc/net/sockstat "TCP: … mem N", in
// pages): not in any process's RSS.
double TcpKernelKiB() {
  std::ifstream in("/proc/net/sockstat");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("TCP:", 0) != 0) continue;
    auto p = line.find(" mem ");
    if (p == std::string::npos) return -1;
    return std::strtod(line.c_str() + p + 5, nullptr) * static_cast<double>(sysconf(_SC_PAGESIZE)) /
           1024.0;
  }
  return -1;
}

// 4 KiB appends, each followed by fdatasync, `per_second` a second for `seconds`; the time of
// each append + fdatasync in ms. The file is removed afterwards.
std::vector<double> FsyncLatencies(const std::string& dir, double seconds, int per_second) {
  std::vector<double> out;
  const std::string path = dir + "/chat-load-fsync.tmp";
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    std::perror(("chat_load: " + path).c_str());
    return out;
  }
  std::string block(4096, 'x');
  const auto period = std::chrono::nanoseconds(1'000'000'000 / per_second);
  auto next = Clock::now();
  const auto stop = next + std::chrono::duration_cast<Clock::duration>(
                               std::chrono::duration<double>(seconds));
  off_t offset = 0;
  while (Clock::now() < stop) {
    std::this_thread::sleep_until(next);
    next += period;
    const auto t = Clock::now();
    if (::pwrite(fd, block.data(), block.size(), offset) != static_cast<ssize_t>(block.size()) ||
        ::fdatasync(fd) != 0) {
      std::perror("chat_load: fsync ceiling");
      break;
    }
    offset += static_cast<off_t>(block.size());
    out.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t).count());
  }
  ::close(fd);
  ::unlink(path.c_str());
  return out;
}

// client_id "b<phase>-<visitor>-<n>-<send ns>": the agent and the visitor's ack read the
// send time back from it.
struct Stamp {
  int phase = -1;
  long visitor = 0;
  long n = 0;
  int64_t ns = 0;
};
std::string ClientId(int phase, long visitor, long n, int64_t ns) {
  return "b" + std::to_string(phase) + "-" + std::to_string(visitor) + "-" + std::to_string(n) +
         "-" + std::to_string(ns);
}
bool ParseClientId(const std::string& s, Stamp* out) {
  long long ns = 0;
  if (std::sscanf(s.c_str(), "b%d-%ld-%ld-%lld", &out->phase, &out->visitor, &out->n, &ns) != 4) {
    return false;
  }
  out->ns = ns;
  return true;
}

// What a visitor writes: about the length of a real line, in English.
std::string MessageText(long visitor, long n) {
  static const char* kLines[] = {
      "Hi, my parcel was supposed to arrive yesterday, where is it now?",
      "The tracking page says out for delivery since morning. Any update please?",
      "Can I change the delivery address to my office in Koramangala?",
      "I paid by UPI but the order still shows payment pending.",
      "Please cancel the second item, I ordered it twice by mistake.",
  };
  return std::string(kLines[(visitor + n) % 5]) + " (order " + std::to_string(100000 + visitor) +
         ", line " + std::to_string(n) + ")";
}

// ---- latency samples -------------------------------------------------------------------

struct Samples {
  std::mutex mu;
  std::vector<double> ms;
  void Add(double v) {
    std::lock_guard<std::mutex> lock(mu);
    ms.push_back(v);
  }
  std::vector<double> Take() {
    std::lock_guard<std::mutex> lock(mu);
    return ms;
  }
};

// Counters and samples of one run, shared by every socket.
struct Stats {
  // window of the measured load (send times), ns; phase 1 only
  std::atomic<int64_t> window_start{INT64_MAX};
  std::atomic<int64_t> window_end{INT64_MAX};
  Samples delivery;      // phase 1, in window: visitor send → agent has the event
  Samples ack;           // phase 1, in window: visitor send → visitor has the ack
  Samples probe;         // phase 0: delivery at no load
  Samples probe_ack;
  Samples lag;           // phase 1, in window: how late the send timer fired, ms
  std::atomic<int64_t> sent_in_window{0};
  std::atomic<int64_t> delivered_in_window{0};
  std::atomic<int64_t> acked_in_window{0};
  std::atomic<int64_t> sent_total{0};
  std::atomic<int64_t> delivered_total{0};
  std::atomic<int64_t> duplicates{0};
  std::atomic<int64_t> offered{0};
  std::atomic<int64_t> accepted{0};  // `joined` events the agents saw
  std::atomic<int64_t> pings{0};
  std::atomic<int64_t> pongs{0};
  std::mutex mu;
  std::map<std::string, int64_t> errors;  // error frames by code, closes by code
  std::unordered_set<std::string> delivered_ids;
  void Count(const std::string& what) {
    std::lock_guard<std::mutex> lock(mu);
    ++errors[what];
  }
  bool FirstDelivery(const std::string& id) {
    std::lock_guard<std::mutex> lock(mu);
    return delivered_ids.insert(id).second;
  }
  std::string Errors() {
    std::lock_guard<std::mutex> lock(mu);
    std::string out;
    for (const auto& [k, v] : errors) {
      if (!out.empty()) out += ",";
      out += k + ":" + std::to_string(v);
    }
    return out.empty() ? "none" : out;
  }
};

// ---- one client WebSocket ----------------------------------------------------------------

struct Target {
  tcp::endpoint endpoint;
  std::string host;  // Host header
};

// A client socket on its own strand: connect, handshake with the given headers, then a read
// loop; frames written from a queue. Subclasses see the text frames and the close.
class Ws : public std::enable_shared_from_this<Ws> {
 public:
  Ws(asio::io_context& ioc, const Target& target)
      : target_(target), ws_(asio::make_strand(ioc)), timer_(ws_.get_executor()) {}
  virtual ~Ws() = default;

  // From any thread.
  void Open(std::string path, std::vector<std::pair<http::field, std::string>> headers) {
    asio::post(ws_.get_executor(), [self = shared_from_this(), path = std::move(path),
                                    headers = std::move(headers)]() mutable {
      self->DoConnect(std::move(path), std::move(headers));
    });
  }
  // From any thread.
  void Post(std::function<void()> fn) { asio::post(ws_.get_executor(), std::move(fn)); }
  // On the strand.
  void Send(std::string frame) {
    if (done_) return;
    queue_.push_back(std::move(frame));
    if (!writing_) DoWrite();
  }
  // From any thread: drop the TCP connection at once.
  void Kill() {
    Post([self = shared_from_this()] {
      self->done_ = true;
      self->timer_.cancel();
      beast::error_code ec;
      beast::get_lowest_layer(self->ws_).socket().close(ec);
    });
  }
  bool open() const { return open_.load(); }

 protected:
  virtual void OnOpen() = 0;
  virtual void OnText(const std::string& text) = 0;
  // `what`: "connect", "handshake-<status>", "close-<code>", "read" …
  virtual void OnGone(const std::string& what) = 0;

  asio::steady_timer& timer() { return timer_; }
  bool done() const { return done_; }

 private:
  void DoConnect(std::string path, std::vector<std::pair<http::field, std::string>> headers) {
    path_ = std::move(path);
    headers_ = std::move(headers);
    beast::get_lowest_layer(ws_).expires_after(std::chrono::seconds(60));
    beast::get_lowest_layer(ws_).async_connect(
        target_.endpoint, [self = shared_from_this()](beast::error_code ec) {
          self->OnConnect(ec);
        });
  }

  void OnConnect(beast::error_code ec) {
    if (ec) return Gone("connect-" + ec.message());
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).socket().set_option(tcp::no_delay(true), ignored);
    beast::get_lowest_layer(ws_).expires_never();
    websocket::stream_base::timeout t = websocket::stream_base::timeout::suggested(beast::role_type::client);
    t.handshake_timeout = std::chrono::seconds(60);
    ws_.set_option(t);
    ws_.set_option(websocket::stream_base::decorator(
        [headers = headers_](websocket::request_type& req) {
          req.set(http::field::user_agent, "sahayak-chat-load");
          for (const auto& [k, v] : headers) req.set(k, v);
        }));
    ws_.async_handshake(res_, target_.host, path_,
                        [self = shared_from_this()](beast::error_code ec) {
                          self->OnHandshake(ec);
                        });
  }

  void OnHandshake(beast::error_code ec) {
    if (ec) {
      if (ec == websocket::error::upgrade_declined) {
        return Gone("handshake-" + std::to_string(res_.result_int()));
      }
      return Gone("handshake-" + ec.message());
    }
    res_ = {};
    open_.store(true);
    OnOpen();
    DoRead();
  }

  void DoRead() {
    ws_.async_read(buf_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      self->OnRead(ec);
    });
  }

  void OnRead(beast::error_code ec) {
    if (ec) {
      if (ec == websocket::error::closed) return Gone("close-" + std::to_string(ws_.reason().code));
      return Gone(done_ ? "killed" : "read-" + ec.message());
    }
    std::string text = beast::buffers_to_string(buf_.data());
    buf_.consume(buf_.size());
    OnText(text);
    DoRead();
  }

  void DoWrite() {
    writing_ = true;
    ws_.text(true);
    ws_.async_write(asio::buffer(queue_.front()),
                    [self = shared_from_this()](beast::error_code ec, std::size_t) {
                      self->OnWrite(ec);
                    });
  }

  void OnWrite(beast::error_code ec) {
    writing_ = false;
    queue_.pop_front();
    if (ec) return;  // the read side reports it
    if (!queue_.empty()) DoWrite();
  }

  void Gone(const std::string& what) {
    if (gone_) return;
    gone_ = true;
    done_ = true;
    open_.store(false);
    timer_.cancel();
    OnGone(what);
  }

  const Target& target_;
  websocket::stream<beast::tcp_stream> ws_;
  asio::steady_timer timer_;
  beast::flat_buffer buf_;
  websocket::response_type res_;
  std::string path_;
  std::vector<std::pair<http::field, std::string>> headers_;
  std::deque<std::string> queue_;
  bool writing_ = false;
  bool done_ = false;
  bool gone_ = false;
  std::atomic<bool> open_{false};
};

// ---- a visitor (the widget) ----------------------------------------------------------------

class Visitor : public Ws {
 public:
  Visitor(asio::io_context& ioc, const Target& target, Stats& stats, long index,
          double ping_seconds, std::function<void(bool)> on_ready)
      : Ws(ioc, target),
        stats_(stats),
        index_(index),
        ping_seconds_(ping_seconds),
        on_ready_(std::move(on_ready)) {}

  // From any thread, once welcomed: starts a chat (its first message).
  void StartChat() {
    Post([self = Self()] {
      self->Send(json{{"type", "start"},
                      {"client_id", ClientId(9, self->index_, 0, NowNs())},
                      {"text", "Hello, I need help with my order " +
                                   std::to_string(100000 + self->index_) + "."}}
                     .dump());
    });
  }

  // From any thread: sends messages on a fixed schedule, the first at `first_ns`, then every
  // `period_ns`, until `stop_ns` (send times). Phase 1: the load; phase 0: the probe.
  void SendEvery(int phase, int64_t first_ns, int64_t period_ns, int64_t stop_ns) {
    Post([self = Self(), phase, first_ns, period_ns, stop_ns] {
      self->phase_ = phase;
      self->next_ns_ = first_ns;
      self->period_ns_ = period_ns;
      self->stop_ns_ = stop_ns;
      self->ScheduleSend();
    });
  }

  // From any thread.
  void EndChat() {
    Post([self = Self()] {
      self->ending_expected_ = true;
      if (self->conversation_id_ != 0) {
        self->Send(json{{"type", "end"}, {"conversation_id", self->conversation_id_}}.dump());
      }
    });
  }

  bool joined() const { return joined_.load(); }
  bool started() const { return conversation_known_.load(); }

 protected:
  void OnOpen() override {
    Send(json{{"type", "hello"}, {"language", "en"}, {"page", "https://bench.example.in/track"}}
             .dump());
  }

  void OnText(const std::string& text) override {
    json f = json::parse(text, nullptr, false);
    if (!f.is_object()) return stats_.Count("visitor-bad-json");
    const std::string type = f.value("type", "");
    if (type == "welcome") {
      welcomed_ = true;
      if (on_ready_) on_ready_(true);
      on_ready_ = nullptr;
      SchedulePing(true);
    } else if (type == "ack") {
      const std::string cid = f.value("client_id", "");
      Stamp s;
      if (!ParseClientId(cid, &s)) return;
      if (s.phase == 9) {
        conversation_id_ = f.value("conversation_id", int64_t{0});
        conversation_known_.store(true);
        return;
      }
      const int64_t now = NowNs();
      if (s.phase == 0) {
        stats_.probe_ack.Add(NsToMs(now - s.ns));
      } else if (s.phase == 1 && InWindow(s.ns)) {
        stats_.ack.Add(NsToMs(now - s.ns));
        stats_.acked_in_window.fetch_add(1);
      }
    } else if (type == "event") {
      if (f.value("kind", "") == "joined") joined_.store(true);
    } else if (type == "pong") {
      stats_.pongs.fetch_add(1);
    } else if (type == "error") {
      stats_.Count("visitor-error-" + f.value("code", "?"));
    }
  }

  void OnGone(const std::string& what) override {
    if (!welcomed_ && on_ready_) {
      stats_.Count("visitor-open-" + what);
      on_ready_(false);
      on_ready_ = nullptr;
      return;
    }
    if (!ending_expected_) stats_.Count("visitor-" + what);
  }

 private:
  std::shared_ptr<Visitor> Self() { return std::static_pointer_cast<Visitor>(shared_from_this()); }

  bool InWindow(int64_t ns) const {
    return ns >= stats_.window_start.load() && ns < stats_.window_end.load();
  }

  // Pings: the first at a random point of the interval (sockets opened at different times),
  // then every interval, as the widget does. Shares the timer with nothing: senders use a
  // second timer.
  void SchedulePing(bool first) {
    if (ping_seconds_ <= 0 || done()) return;
    static thread_local std::mt19937_64 rng(std::random_device{}());
    double wait = ping_seconds_;
    if (first) wait = std::uniform_real_distribution<double>(0.1, ping_seconds_)(rng);
    timer().expires_after(std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(wait)));
    timer().async_wait([self = Self()](beast::error_code ec) {
      if (ec || self->done()) return;
      self->Send(R"({"type":"ping"})");
      self->stats_.pings.fetch_add(1);
      self->SchedulePing(false);
    });
  }

  void ScheduleSend() {
    if (done() || next_ns_ >= stop_ns_) return;
    if (!send_timer_) send_timer_ = std::make_unique<asio::steady_timer>(timer().get_executor());
    send_timer_->expires_at(AtNs(next_ns_));
    send_timer_->async_wait([self = Self()](beast::error_code ec) {
      if (ec || self->done()) return;
      self->SendNow();
      self->next_ns_ += self->period_ns_;
      self->ScheduleSend();
    });
  }

  void SendNow() {
    const int64_t now = NowNs();
    const long n = ++sent_;
    if (phase_ == 1) {
      stats_.sent_total.fetch_add(1);
      if (InWindow(now)) {
        stats_.sent_in_window.fetch_add(1);
        stats_.lag.Add(NsToMs(now - next_ns_));
      }
    }
    Send(json{{"type", "send"},
              {"conversation_id", conversation_id_},
              {"client_id", ClientId(phase_, index_, n, now)},
              {"text", MessageText(index_, n)}}
             .dump());
  }

  Stats& stats_;
  const long index_;
  const double ping_seconds_;
  std::function<void(bool)> on_ready_;
  bool welcomed_ = false;
  bool ending_expected_ = false;
  int64_t conversation_id_ = 0;
  std::atomic<bool> conversation_known_{false};
  std::atomic<bool> joined_{false};
  std::unique_ptr<asio::steady_timer> send_timer_;
  int phase_ = 1;
  int64_t next_ns_ = 0, period_ns_ = 0, stop_ns_ = 0;
  long sent_ = 0;
};

// ---- an agent (the console) ----------------------------------------------------------------

class Agent : public Ws {
 public:
  Agent(asio::io_context& ioc, const Target& target, Stats& stats, double ping_seconds)
      : Ws(ioc, target), stats_(stats), ping_seconds_(ping_seconds) {}

  bool welcomed() const { return welcomed_.load(); }
  std::string gone() {
    std::lock_guard<std::mutex> lock(mu_);
    return gone_;
  }

 protected:
  void OnOpen() override { Send(R"({"type":"hello"})"); }

  void OnText(const std::string& text) override {
    const int64_t now = NowNs();
    json f = json::parse(text, nullptr, false);
    if (!f.is_object()) return stats_.Count("agent-bad-json");
    const std::string type = f.value("type", "");
    if (type == "event") {
      const std::string kind = f.value("kind", "");
      if (kind == "message") {
        const json& author = f.contains("author") ? f["author"] : json::object();
        if (!author.is_object() || author.value("kind", "") != "visitor") return;
        Stamp s;
        const std::string cid = f.value("client_id", "");
        if (!ParseClientId(cid, &s)) return;
        if (!stats_.FirstDelivery(cid)) {
          stats_.duplicates.fetch_add(1);
          return;
        }
        if (s.phase == 0) {
          stats_.probe.Add(NsToMs(now - s.ns));
        } else if (s.phase == 1) {
          stats_.delivered_total.fetch_add(1);
          if (s.ns >= stats_.window_start.load() && s.ns < stats_.window_end.load()) {
            stats_.delivery.Add(NsToMs(now - s.ns));
            stats_.delivered_in_window.fetch_add(1);
          }
        }
      } else if (kind == "offered") {
        stats_.offered.fetch_add(1);
        Send(json{{"type", "accept"}, {"conversation_id", f.value("conversation_id", int64_t{0})}}
                 .dump());
      } else if (kind == "joined") {
        stats_.accepted.fetch_add(1);
      }
    } else if (type == "welcome") {
      welcomed_.store(true);
      SchedulePing();
    } else if (type == "error") {
      stats_.Count("agent-error-" + f.value("code", "?"));
    }
  }

  void OnGone(const std::string& what) override {
    stats_.Count("agent-" + what);
    std::lock_guard<std::mutex> lock(mu_);
    gone_ = what;
  }

 private:
  void SchedulePing() {
    if (ping_seconds_ <= 0 || done()) return;
    timer().expires_after(std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(ping_seconds_)));
    timer().async_wait([self = std::static_pointer_cast<Agent>(shared_from_this())](
                           beast::error_code ec) {
      if (ec || self->done()) return;
      self->Send(R"({"type":"ping"})");
      self->SchedulePing();
    });
  }

  Stats& stats_;
  const double ping_seconds_;
  std::atomic<bool> welcomed_{false};
  std::mutex mu_;
  std::string gone_;
};

// ---- the ceiling: a minimal Beast WebSocket echo server and its clients ------------------

class EchoSession : public std::enable_shared_from_this<EchoSession> {
 public:
  explicit EchoSession(tcp::socket s) : ws_(std::move(s)) {}
  void Run() {
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    ws_.async_accept([self = shared_from_this()](beast::error_code ec) {
      if (!ec) self->DoRead();
    });
  }

 private:
  void DoRead() {
    ws_.async_read(buf_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return;
      self->ws_.text(self->ws_.got_text());
      self->ws_.async_write(self->buf_.data(),
                            [self](beast::error_code ec, std::size_t) {
                              if (ec) return;
                              self->buf_.consume(self->buf_.size());
                              self->DoRead();
                            });
    });
  }
  websocket::stream<beast::tcp_stream> ws_;
  beast::flat_buffer buf_;
};

class EchoServer {
 public:
  EchoServer() : acceptor_(ioc_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
    DoAccept();
    thread_ = std::thread([this] { ioc_.run(); });
  }
  ~EchoServer() {
    ioc_.stop();
    thread_.join();
  }
  uint16_t port() const { return acceptor_.local_endpoint().port(); }

 private:
  void DoAccept() {
    acceptor_.async_accept(asio::make_strand(ioc_), [this](beast::error_code ec, tcp::socket s) {
      if (!ec) {
        s.set_option(tcp::no_delay(true), ec);
        std::make_shared<EchoSession>(std::move(s))->Run();
      }
      DoAccept();
    });
  }
  asio::io_context ioc_{1};
  tcp::acceptor acceptor_;
  std::thread thread_;
};

// Sends frames shaped like a chat `send` on a schedule, times each echo.
class EchoClient : public Ws {
 public:
  EchoClient(asio::io_context& ioc, const Target& target, Samples& rtt, long index,
             std::atomic<int>& ready, std::atomic<int64_t>& window_start,
             std::atomic<int64_t>& received)
      : Ws(ioc, target),
        rtt_(rtt),
        index_(index),
        ready_(ready),
        window_start_(window_start),
        received_(received) {}

  void SendEvery(int64_t first_ns, int64_t period_ns, int64_t stop_ns) {
    Post([self = Self(), first_ns, period_ns, stop_ns] {
      self->next_ns_ = first_ns;
      self->period_ns_ = period_ns;
      self->stop_ns_ = stop_ns;
      self->Schedule();
    });
  }

 protected:
  void OnOpen() override { ready_.fetch_add(1); }
  void OnText(const std::string& text) override {
    const int64_t now = NowNs();
    json f = json::parse(text, nullptr, false);
    Stamp s;
    if (!f.is_object() || !ParseClientId(f.value("client_id", ""), &s)) return;
    if (s.ns >= window_start_.load()) {
      rtt_.Add(NsToMs(now - s.ns));
      received_.fetch_add(1);
    }
  }
  void OnGone(const std::string&) override {}

 private:
  std::shared_ptr<EchoClient> Self() {
    return std::static_pointer_cast<EchoClient>(shared_from_this());
  }
  void Schedule() {
    if (done() || next_ns_ >= stop_ns_) return;
    timer().expires_at(AtNs(next_ns_));
    timer().async_wait([self = Self()](beast::error_code ec) {
      if (ec || self->done()) return;
      const int64_t now = NowNs();
      const long n = ++self->sent_;
      self->Send(json{{"type", "send"},
                      {"conversation_id", 1000 + self->index_},
                      {"client_id", ClientId(1, self->index_, n, now)},
                      {"text", MessageText(self->index_, n)}}
                     .dump());
      self->next_ns_ += self->period_ns_;
      self->Schedule();
    });
  }

  Samples& rtt_;
  const long index_;
  std::atomic<int>& ready_;
  std::atomic<int64_t>& window_start_;
  std::atomic<int64_t>& received_;
  int64_t next_ns_ = 0, period_ns_ = 0, stop_ns_ = 0;
  long sent_ = 0;
};

// Waits until `done()` or `seconds`; true when done.
bool WaitFor(const std::function<bool()>& done, double seconds) {
  const auto deadline = Clock::now() + std::chrono::duration<double>(seconds);
  while (!done()) {
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

std::string Fmt(double v, int digits = 2) {
  char b[64];
  std::snprintf(b, sizeof b, "%.*f", digits, v);
  return b;
}

}  // namespace

int main(int argc, char** argv) {
  const Args args = ParseArgs(argc, argv);
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  // Room for every socket (chat.sh raises the soft limit; this takes what the hard one allows).
  rlimit rl{};
  if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
  }
  getrlimit(RLIMIT_NOFILE, &rl);
  if (static_cast<double>(rl.rlim_cur) < args.conns + args.senders + 100.0) {
    std::fprintf(stderr, "chat_load: the open-files limit (%lu) is too low for %d connections\n",
                 static_cast<unsigned long>(rl.rlim_cur), args.conns);
  }

  asio::io_context ioc(args.threads);
  auto guard = asio::make_work_guard(ioc);
  std::vector<std::thread> threads;
  for (int i = 0; i < args.threads; ++i) threads.emplace_back([&] { ioc.run(); });

  Target target;
  target.endpoint = tcp::endpoint(asio::ip::make_address(args.host), static_cast<uint16_t>(args.port));
  target.host = args.host + ":" + std::to_string(args.port);
  const std::string visitor_path = "/api/v1/chat/visitor?key=" + args.key;
  const double period_s = static_cast<double>(args.senders) / args.rate;  // per sender
  std::printf("chat_load: %d visitor connections, %d of them sending %.0f messages/s in total "
              "(one each %.2f s), %zu agents; %.0f s warm-up, %.0f s measured; %d client "
              "thread(s); load average %s\n",
              args.conns, args.senders, args.rate, period_s, args.agent_tokens.size(),
              args.warmup, args.duration, args.threads, LoadAverage().c_str());

  // ---- 1. ceiling: the echo server --------------------------------------------------------
  std::vector<double> echo_rtt;
  int64_t echo_sent = 0, echo_received = 0;
  if (args.ceiling_seconds > 0) {
    EchoServer echo;
    Target et;
    et.endpoint = tcp::endpoint(asio::ip::make_address("127.0.0.1"), echo.port());
    et.host = "127.0.0.1:" + std::to_string(echo.port());
    Samples rtt;
    std::atomic<int> ready{0};
    std::atomic<int64_t> window{INT64_MAX};
    std::atomic<int64_t> received{0};
    std::vector<std::shared_ptr<EchoClient>> clients;
    for (int i = 0; i < args.senders; ++i) {
      clients.push_back(std::make_shared<EchoClient>(ioc, et, rtt, i, ready, window, received));
      clients.back()->Open("/", {});
    }
    WaitFor([&] { return ready.load() == args.senders; }, 30);
    const int64_t period = static_cast<int64_t>(period_s * 1e9);
    const int64_t t0 = NowNs() + 100'000'000;
    const int64_t measure_from = t0 + 2'000'000'000;
    const int64_t stop = measure_from + static_cast<int64_t>(args.ceiling_seconds * 1e9);
    window.store(measure_from);
    for (int i = 0; i < args.senders; ++i) {
      clients[static_cast<size_t>(i)]->SendEvery(t0 + period * i / args.senders, period, stop);
    }
    SleepS(NsToMs(stop - NowNs()) / 1000.0 + 1.0);
    echo_rtt = rtt.Take();
    echo_received = received.load();
    echo_sent = static_cast<int64_t>(args.ceiling_seconds * args.rate);
    for (auto& c : clients) c->Kill();
    SleepS(0.3);
    std::printf("ceiling (echo): %zu round trips at %.0f/s over %d sockets: p50 %.3f ms, p99 "
                "%.3f ms, max %.3f ms\n",
                echo_rtt.size(), args.rate, args.senders, Percentile(echo_rtt, 0.5),
                Percentile(echo_rtt, 0.99), Max(echo_rtt));
  }

  std::vector<double> fsync_ms;
  if (!args.fsync_dir.empty() && args.fsync_seconds > 0) {
    fsync_ms = FsyncLatencies(args.fsync_dir, args.fsync_seconds, 100);
    std::printf("ceiling (disk): %zu appends of 4 KiB + fdatasync in %s: p50 %.2f ms, p99 %.2f "
                "ms, max %.2f ms\n",
                fsync_ms.size(), args.fsync_dir.c_str(), Percentile(fsync_ms, 0.5),
                Percentile(fsync_ms, 0.99), Max(fsync_ms));
  }

  Stats stats;

  // ---- 2. the agents ---------------------------------------------------------------------
  std::vector<std::shared_ptr<Agent>> agents;
  for (const auto& token : args.agent_tokens) {
    agents.push_back(std::make_shared<Agent>(ioc, target, stats, args.ping_seconds));
    agents.back()->Open("/api/v1/chat/agent", {{http::field::authorization, "Bearer " + token}});
  }
  if (!WaitFor([&] {
        return std::all_of(agents.begin(), agents.end(),
                           [](const auto& a) { return a->welcomed() || !a->gone().empty(); });
      }, 30) ||
      !std::all_of(agents.begin(), agents.end(), [](const auto& a) { return a->welcomed(); })) {
    std::fprintf(stderr, "chat_load: not every agent got a welcome (%s)\n", stats.Errors().c_str());
    return 1;
  }
  std::printf("agents: %zu connected\n", agents.size());

  // ---- 3. ceiling: one conversation at no load ------------------------------------------------
  if (args.probe_seconds > 0) {
    std::atomic<int> ok{-1};
    auto probe = std::make_shared<Visitor>(ioc, target, stats, 9'000'000, 0,
                                           [&ok](bool good) { ok.store(good ? 1 : 0); });
    probe->Open(visitor_path, {{http::field::origin, args.origin}});
    WaitFor([&] { return ok.load() >= 0; }, 30);
    if (ok.load() == 1) {
      probe->StartChat();
      if (WaitFor([&] { return probe->joined(); }, 30)) {
        SleepS(0.5);
        const int64_t period = static_cast<int64_t>(1e9 / args.probe_rate);
        const int64_t t0 = NowNs() + 50'000'000;
        probe->SendEvery(0, t0, period, t0 + static_cast<int64_t>(args.probe_seconds * 1e9));
        SleepS(args.probe_seconds + 1.0);
      } else {
        std::printf("probe: the chat was not accepted within 30 s\n");
      }
      probe->EndChat();
      SleepS(0.5);
    } else {
      std::printf("probe: the visitor socket did not open (%s)\n", stats.Errors().c_str());
    }
    probe->Kill();
    auto p = stats.probe.Take();
    std::printf("ceiling (server, 1 conversation, %.0f msg/s, no other load): %zu messages: p50 "
                "%.2f ms, p99 %.2f ms, max %.2f ms\n",
                args.probe_rate, p.size(), Percentile(p, 0.5), Percentile(p, 0.99), Max(p));
  }

  // ---- 4. the idle connections and their memory ---------------------------------------------
  const int pid = args.server_pid;
  SleepS(2);
  const double rss_before = pid ? ProcStatus(pid, "VmRSS") : -1;
  const double tcp_before = TcpKernelKiB();
  const double threads_before = pid ? ProcStatus(pid, "Threads") : -1;
  std::printf("server before: VmRSS %.1f MiB, %0.f threads; kernel TCP memory %.1f MiB\n",
              rss_before / 1024, threads_before, tcp_before / 1024);

  std::vector<std::shared_ptr<Visitor>> visitors(static_cast<size_t>(args.conns));
  std::mutex open_mu;
  int next_open = 0, in_flight = 0;
  std::atomic<int> opened{0}, failed{0};
  std::function<void()> kick;
  kick = [&] {
    std::vector<std::shared_ptr<Visitor>> launch;
    {
      std::lock_guard<std::mutex> lock(open_mu);
      while (in_flight < args.open_concurrency && next_open < args.conns) {
        const int i = next_open++;
        ++in_flight;
        visitors[static_cast<size_t>(i)] = std::make_shared<Visitor>(
            ioc, target, stats, i, args.ping_seconds, [&](bool good) {
              (good ? opened : failed).fetch_add(1);
              {
                std::lock_guard<std::mutex> lock(open_mu);
                --in_flight;
              }
              kick();
            });
        launch.push_back(visitors[static_cast<size_t>(i)]);
      }
    }
    for (auto& v : launch) v->Open(visitor_path, {{http::field::origin, args.origin}});
  };
  const int64_t open_t0 = NowNs();
  kick();
  int last_report = 0;
  WaitFor([&] {
    const int done = opened.load() + failed.load();
    if (done - last_report >= 2000) {
      last_report = done;
      std::printf("  %d/%d opened (%d failed) after %.1f s\n", opened.load(), args.conns,
                  failed.load(), NsToMs(NowNs() - open_t0) / 1000);
    }
    return done == args.conns;
  }, 900);
  const double open_s = NsToMs(NowNs() - open_t0) / 1000;
  std::printf("opened %d of %d visitor connections in %.1f s (%.0f/s), %d failed (%s)\n",
              opened.load(), args.conns, open_s, opened.load() / open_s, failed.load(),
              stats.Errors().c_str());
  SleepS(3);
  const double rss_after = pid ? ProcStatus(pid, "VmRSS") : -1;
  const double tcp_after = TcpKernelKiB();
  const double threads_after = pid ? ProcStatus(pid, "Threads") : -1;
  const int held = opened.load();
  const double per_conn_kib = held > 0 && pid ? (rss_after - rss_before) / held : 0;
  const double tcp_per_conn_kib = held > 0 ? (tcp_after - tcp_before) / held : 0;
  std::printf("server after: VmRSS %.1f MiB, %.0f threads: %.1f KiB per idle connection; kernel "
              "TCP memory %.1f MiB (%.2f KiB per connection pair, both ends, outside RSS)\n",
              rss_after / 1024, threads_after, per_conn_kib, tcp_after / 1024, tcp_per_conn_kib);

  // ---- 5. the load -----------------------------------------------------------------------------
  std::vector<std::shared_ptr<Visitor>> senders;
  for (auto& v : visitors) {
    if (static_cast<int>(senders.size()) >= args.senders) break;
    if (v && v->open()) senders.push_back(v);
  }
  const int64_t start_t0 = NowNs();
  for (size_t i = 0; i < senders.size(); ++i) {
    senders[i]->StartChat();
    SleepS(1.0 / args.start_rate);
  }
  const bool all_joined = WaitFor([&] {
    return std::all_of(senders.begin(), senders.end(), [](const auto& v) { return v->joined(); });
  }, 120);
  const int joined = static_cast<int>(std::count_if(senders.begin(), senders.end(),
                                                    [](const auto& v) { return v->joined(); }));
  std::printf("chats: %d started, %d accepted by the agents in %.1f s%s (offered %lld, joined "
              "events %lld)\n",
              static_cast<int>(senders.size()), joined, NsToMs(NowNs() - start_t0) / 1000,
              all_joined ? "" : " (not all within 120 s)", static_cast<long long>(stats.offered.load()),
              static_cast<long long>(stats.accepted.load()));
  std::vector<std::shared_ptr<Visitor>> active;
  for (auto& v : senders) {
    if (v->joined()) active.push_back(v);
  }
  const double effective_rate =
      active.empty() ? 0 : args.rate * static_cast<double>(active.size()) / static_cast<double>(senders.size());
  const int64_t period = static_cast<int64_t>(period_s * 1e9);
  const int64_t t0 = NowNs() + 200'000'000;
  const int64_t measure_from = t0 + static_cast<int64_t>(args.warmup * 1e9);
  const int64_t measure_to = measure_from + static_cast<int64_t>(args.duration * 1e9);
  stats.window_start.store(measure_from);
  stats.window_end.store(measure_to);
  for (size_t i = 0; i < active.size(); ++i) {
    active[i]->SendEvery(1, t0 + period * static_cast<int64_t>(i) / static_cast<int64_t>(active.size()),
                         period, measure_to);
  }
  std::printf("sending %.0f messages/s from %zu visitors: %.0f s warm-up, then %.0f s measured\n",
              effective_rate, active.size(), args.warmup, args.duration);
  SleepS(std::max(0.0, NsToMs(measure_from - NowNs()) / 1000));
  const double cpu0 = pid ? ProcCpuSeconds(pid) : -1;
  const double self0 = SelfCpuSeconds();
  const std::string load_before = LoadAverage();
  const int64_t wall0 = NowNs();
  double rss_peak = 0;
  while (NowNs() < measure_to) {
    if (pid) rss_peak = std::max(rss_peak, ProcStatus(pid, "VmRSS"));
    const double left = NsToMs(measure_to - NowNs()) / 1000;
    SleepS(std::min(1.0, std::max(0.0, left)));
  }
  const double cpu1 = pid ? ProcCpuSeconds(pid) : -1;
  const double self1 = SelfCpuSeconds();
  const double wall = NsToMs(NowNs() - wall0) / 1000;
  const std::string load_after = LoadAverage();
  // Deliveries still in flight when the window closed.
  WaitFor([&] { return stats.delivered_in_window.load() >= stats.sent_in_window.load(); }, 10);
  SleepS(0.2);
  const double rss_end = pid ? ProcStatus(pid, "VmRSS") : -1;
  const double hwm_end = pid ? ProcStatus(pid, "VmHWM") : -1;
  int still_open = 0;
  for (auto& v : visitors) {
    if (v && v->open()) ++still_open;
  }

  // ---- summary -------------------------------------------------------------------------------
  auto d = stats.delivery.Take();
  auto ack = stats.ack.Take();
  auto probe = stats.probe.Take();
  auto lag = stats.lag.Take();
  const int64_t sent = stats.sent_in_window.load();
  const int64_t delivered = stats.delivered_in_window.load();
  const double server_cpu = pid ? cpu1 - cpu0 : -1;
  const double server_cores = pid ? server_cpu / wall : -1;
  const double client_cpu = self1 - self0;
  const double p99 = Percentile(d, 0.99);
  const double echo_p99 = Percentile(echo_rtt, 0.99);
  const unsigned ncpu = std::thread::hardware_concurrency();

  std::printf("\n== chat load summary\n");
  std::printf("connections: %d visitor sockets open of %d asked (%d failed to open, %d still open "
              "at the end), %zu agents; opened in %.1f s\n",
              held, args.conns, failed.load(), still_open, agents.size(), open_s);
  std::printf("memory: server VmRSS %.1f MiB before, %.1f MiB with the idle sockets: %.1f KiB per "
              "idle connection (target < 32 KB: %s); %.1f MiB after the load, peak sampled "
              "%.1f MiB, VmHWM %.1f MiB\n",
              rss_before / 1024, rss_after / 1024, per_conn_kib,
              per_conn_kib * 1.024 < 32 ? "yes" : "NO", rss_end / 1024, rss_peak / 1024,
              hwm_end / 1024);
  std::printf("load: %.0f messages/s from %zu visitors (%.2f s apart each) to %zu agents; %lld "
              "sent in the %.0f s window, %lld delivered (%lld missing, %lld duplicates), %lld "
              "acked\n",
              effective_rate, active.size(), period_s, agents.size(), static_cast<long long>(sent),
              args.duration, static_cast<long long>(delivered),
              static_cast<long long>(sent - delivered), static_cast<long long>(stats.duplicates.load()),
              static_cast<long long>(stats.acked_in_window.load()));
  std::printf("delivery (visitor send -> agent has it): p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, "
              "max %.2f ms (target p99 < 50 ms: %s)\n",
              Percentile(d, 0.5), Percentile(d, 0.9), p99, Max(d), !d.empty() && p99 < 50 ? "yes" : "NO");
  std::printf("ack (visitor send -> visitor has the ack): p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
              Percentile(ack, 0.5), Percentile(ack, 0.99), Max(ack));
  std::printf("ceilings: echo round trip (Beast echo server in this process, same frames and "
              "rate) p50 %.3f ms, p99 %.3f ms; the server at no load (1 conversation) p50 %.2f "
              "ms, p99 %.2f ms\n",
              Percentile(echo_rtt, 0.5), echo_p99, Percentile(probe, 0.5), Percentile(probe, 0.99));
  if (!fsync_ms.empty()) {
    std::printf("ceiling (disk, before the load): 4 KiB append + fdatasync in the data folder p50 "
                "%.2f ms, p99 %.2f ms, max %.2f ms\n",
                Percentile(fsync_ms, 0.5), Percentile(fsync_ms, 0.99), Max(fsync_ms));
  }
  std::printf("cpu: server %.1f s over %.1f s = %.2f cores of %u (%.0f %% of the machine); this "
              "client %.1f s (%.2f cores); load average %s -> %s\n",
              server_cpu, wall, server_cores, ncpu, 100 * server_cores / ncpu, client_cpu,
              client_cpu / wall, load_before.c_str(), load_after.c_str());
  std::printf("client send timers: p99 %.2f ms late, max %.2f ms; pings %lld, pongs %lld\n",
              Percentile(lag, 0.99), Max(lag), static_cast<long long>(stats.pings.load()),
              static_cast<long long>(stats.pongs.load()));
  std::printf("errors and closes: %s\n", stats.Errors().c_str());

  json out = {
      {"conns", args.conns},
      {"opened", held},
      {"open_failed", failed.load()},
      {"still_open", still_open},
      {"open_seconds", open_s},
      {"agents", agents.size()},
      {"senders", active.size()},
      {"rate", static_cast<int64_t>(effective_rate + 0.5)},
      {"duration_s", static_cast<int64_t>(args.duration)},
      {"sent", sent},
      {"delivered", delivered},
      {"duplicates", stats.duplicates.load()},
      {"delivery_p50_ms", Percentile(d, 0.5)},
      {"delivery_p90_ms", Percentile(d, 0.9)},
      {"delivery_p99_ms", p99},
      {"delivery_max_ms", Max(d)},
      {"delivery_mean_ms", Mean(d)},
      {"ack_p50_ms", Percentile(ack, 0.5)},
      {"ack_p99_ms", Percentile(ack, 0.99)},
      {"echo_p50_ms", Percentile(echo_rtt, 0.5)},
      {"echo_p99_ms", echo_p99},
      {"echo_max_ms", Max(echo_rtt)},
      {"echo_round_trips", echo_rtt.size()},
      {"echo_sent", echo_sent},
      {"echo_received", echo_received},
      {"fsync_p50_ms", Percentile(fsync_ms, 0.5)},
      {"fsync_p99_ms", Percentile(fsync_ms, 0.99)},
      {"fsync_max_ms", Max(fsync_ms)},
      {"fsyncs", fsync_ms.size()},
      {"probe_p50_ms", Percentile(probe, 0.5)},
      {"probe_p99_ms", Percentile(probe, 0.99)},
      {"probe_max_ms", Max(probe)},
      {"probe_messages", probe.size()},
      {"rss_before_mib", rss_before / 1024},
      {"rss_after_mib", rss_after / 1024},
      {"rss_end_mib", rss_end / 1024},
      {"rss_peak_mib", rss_peak / 1024},
      {"hwm_mib", hwm_end / 1024},
      {"kib_per_conn", per_conn_kib},
      {"tcp_kernel_kib_per_conn", tcp_per_conn_kib},
      {"server_threads", static_cast<int64_t>(threads_after)},
      {"server_cpu_s", server_cpu},
      {"server_cores", server_cores},
      {"client_cpu_s", client_cpu},
      {"wall_s", wall},
      {"cpus", ncpu},
      {"lag_p99_ms", Percentile(lag, 0.99)},
      {"lag_max_ms", Max(lag)},
      {"load_before", load_before},
      {"load_after", load_after},
      {"errors", stats.Errors()},
  };
  std::string kv = "RESULT chat";
  for (auto it = out.begin(); it != out.end(); ++it) {
    std::string v = it.value().is_string() ? it.value().get<std::string>() : it.value().dump();
    if (it.value().is_number_float()) v = Fmt(it.value().get<double>(), 3);
    std::replace(v.begin(), v.end(), ' ', '_');
    kv += " " + it.key() + "=" + v;
  }
  std::printf("%s\nJSON %s\n", kv.c_str(), out.dump().c_str());
  std::fflush(stdout);
  // Thousands of sockets: let the kernel close them.
  std::_Exit(0);
}
