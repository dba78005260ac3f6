// mail_ingest_bench: inbound e-mail from a maildir into the real store, beside its ceiling.
//
//   mail_ingest_bench --maildir DIR --work DIR [--threads 1,2] [--sync full|normal]
//
// Reads every file of DIR/new and DIR/cur (sorted by name: the generator's names sort in
// delivery order) into memory, then measures, in this order:
//   1. the ceiling: VmimeMailParser::Parse over all files in memory, nothing written, with each
//      thread count (the same threads share the files by an atomic counter);
//   2. the full ingest for each thread count, each in a fresh data folder WORK/data-T opened with
//      app::App::Open exactly as `sahayak mail-deliver` opens it (SQLite in WAL mode, the
//      group-committing writer thread, the file blob store): per message, Parse, then
//      MailIngestService::StoreFiles (blobs, fsynced, outside any transaction), then
//      store().Write(Ingest) (one write function; the store's writer batches the concurrent
//      ones into one transaction). These are the calls of src/app/mail_deliver.cc, copied here.
// "Index hand-off" is the outbox row Ingest writes in the same transaction (search indexing is a
// later step that reads the outbox); it is counted from the database after the run.
//
// Prints one `RESULT` line per run for bench/run.sh, plus the outcome counts (tickets created,
// replies threaded, notes, duplicates, ignored, dropped, and how each reply was threaded) so a
// reader sees that threading did real work. Figures, not tests: nothing is asserted.
#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "app/app.h"
#include "app/config.h"
#include "app/mail_import.h"
#include "channels/email/vmime_mail_parser.h"

namespace fs = std::filesystem;
using sahayak::Status;
using Clock = std::chrono::steady_clock;

namespace {

struct Args {
  std::string maildir;
  std::string work;
  std::vector<int> threads{1, 2};
  std::string sync = "full";
  int import_batch = 200;  // 0: no import run
};

[[noreturn]] void Usage(const char* why) {
  std::fprintf(stderr,
               "mail_ingest_bench: %s\nusage: mail_ingest_bench --maildir DIR --work DIR "
               "[--threads 1,2] [--sync full|normal]\n",
               why);
  std::exit(2);
}

Args ParseArgs(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    std::string k = argv[i];
    if (i + 1 >= argc) Usage(("missing value for " + k).c_str());
    std::string v = argv[++i];
    if (k == "--maildir") {
      a.maildir = v;
    } else if (k == "--work") {
      a.work = v;
    } else if (k == "--sync") {
      if (v != "full" && v != "normal") Usage("--sync is full or normal");
      a.sync = v;
    } else if (k == "--import-batch") {
      a.import_batch = std::atoi(v.c_str());
      if (a.import_batch < 0 || a.import_batch > 10000) Usage("--import-batch: 0-10000");
    } else if (k == "--threads") {
      a.threads.clear();
      std::stringstream ss(v);
      std::string t;
      while (std::getline(ss, t, ',')) {
        int n = std::atoi(t.c_str());
        if (n < 1 || n > 64) Usage("--threads: whole numbers 1-64, comma-separated");
        a.threads.push_back(n);
      }
    } else {
      Usage(("unknown option " + k).c_str());
    }
  }
  if (a.maildir.empty() || a.work.empty()) Usage("--maildir and --work are required");
  return a;
}

std::vector<std::string> ReadMaildir(const std::string& dir, int64_t* bytes) {
  std::vector<fs::path> paths;
  for (const char* sub : {"new", "cur"}) {
    fs::path p = fs::path(dir) / sub;
    if (!fs::is_directory(p)) continue;
    for (const auto& e : fs::directory_iterator(p)) {
      if (e.is_regular_file()) paths.push_back(e.path());
    }
  }
  std::sort(paths.begin(), paths.end(),
            [](const fs::path& x, const fs::path& y) { return x.filename() < y.filename(); });
  std::vector<std::string> out;
  out.reserve(paths.size());
  *bytes = 0;
  for (const auto& p : paths) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    out.push_back(ss.str());
    *bytes += static_cast<int64_t>(out.back().size());
  }
  return out;
}

double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

double Percentile(std::vector<double>& v, double q) {
  if (v.empty()) return 0;
  size_t i = static_cast<size_t>(q * static_cast<double>(v.size() - 1) + 0.5);
  std::nth_element(v.begin(), v.begin() + static_cast<long>(i), v.end());
  return v[i];
}

std::string LoadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a + "," + b + "," + c;
}

// Runs fn(i) for i in [0, n) on `threads` threads; per-item milliseconds into `ms`.
template <typename Fn>
double RunParallel(size_t n, int threads, std::vector<double>* ms, Fn fn) {
  std::atomic<size_t> next{0};
  std::vector<std::vector<double>> lat(static_cast<size_t>(threads));
  auto t0 = Clock::now();
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      auto& mine = lat[static_cast<size_t>(t)];
      for (size_t i = next++; i < n; i = next++) {
        auto a = Clock::now();
        fn(i);
        mine.push_back(std::chrono::duration<double, std::milli>(Clock::now() - a).count());
      }
    });
  }
  for (auto& th : pool) th.join();
  double secs = Seconds(t0, Clock::now());
  if (ms != nullptr) {
    ms->clear();
    for (auto& v : lat) ms->insert(ms->end(), v.begin(), v.end());
  }
  return secs;
}

int64_t CountRows(const std::string& db, const char* sql) {
  sqlite3* h = nullptr;
  int64_t n = -1;
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(h, sql, -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
      n = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(h);
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  Args args = ParseArgs(argc, argv);
  spdlog::set_level(spdlog::level::warn);  // the ingest logs one info line per ignored mail

  int64_t bytes = 0;
  auto t_read = Clock::now();
  std::vector<std::string> mails = ReadMaildir(args.maildir, &bytes);
  std::printf("maildir %s: %zu files, %.1f MiB read in %.2f s\n", args.maildir.c_str(),
              mails.size(), static_cast<double>(bytes) / 1048576.0, Seconds(t_read, Clock::now()));
  if (mails.empty()) Usage("the maildir has no files in new/ or cur/");
  const size_t n = mails.size();

  sahayak::channels::VmimeMailParser parser;

  // --- 1. ceiling: parse only --------------------------------------------------------------
  for (int threads : args.threads) {
    std::atomic<int64_t> failed{0};
    std::vector<double> ms;
    std::string load0 = LoadAverage();
    double secs = RunParallel(n, threads, &ms, [&](size_t i) {
      if (!parser.Parse(mails[i]).ok()) ++failed;
    });
    std::printf(
        "RESULT mode=parse threads=%d messages=%zu failed=%lld seconds=%.3f msgs_per_s=%.0f "
        "mib_per_s=%.1f p50_ms=%.3f p99_ms=%.3f load_before=%s load_after=%s\n",
        threads, n, static_cast<long long>(failed.load()), secs, static_cast<double>(n) / secs,
        static_cast<double>(bytes) / 1048576.0 / secs, Percentile(ms, 0.5), Percentile(ms, 0.99),
        load0.c_str(), LoadAverage().c_str());
    std::fflush(stdout);
  }

  // --- 2. full ingest ----------------------------------------------------------------------
  for (int threads : args.threads) {
    sahayak::app::Config config;
    config.data_dir = (fs::path(args.work) / ("data-" + std::to_string(threads))).string();
    config.db_synchronous = args.sync;
    std::error_code ec;
    fs::remove_all(config.data_dir, ec);
    auto app_or = sahayak::app::App::Open(config);
    if (!app_or.ok()) {
      std::fprintf(stderr, "mail_ingest_bench: cannot open %s: %s\n", config.data_dir.c_str(),
                   app_or.status().message().c_str());
      return 1;
    }
    sahayak::app::App& app = **app_or;
    const sahayak::services::Id ws = app.SystemPrincipal().workspace_id;
    const sahayak::services::InboundMailbox box;  // the default workspace and group
    const auto stats0 = app.store().Stats();

    std::mutex mu;
    std::map<std::string, int64_t> outcomes;  // created, replied, noted, duplicate, …
    std::map<std::string, int64_t> threaded;  // how replies and notes were threaded
    int64_t parse_failed = 0, files_failed = 0, write_failed = 0;
    std::string first_error;
    std::atomic<int64_t> parse_ns{0}, files_ns{0}, write_ns{0};

    std::vector<double> ms;
    std::string load0 = LoadAverage();
    double secs = RunParallel(n, threads, &ms, [&](size_t i) {
      const std::string& raw = mails[i];
      auto a = Clock::now();
      auto mail = parser.Parse(raw);
      auto b = Clock::now();
      parse_ns += std::chrono::duration_cast<std::chrono::nanoseconds>(b - a).count();
      if (!mail.ok()) {
        std::lock_guard lock(mu);
        ++parse_failed;
        return;
      }
      // As mail-deliver: files first, outside the write transaction.
      auto files = app.mail_ingest().StoreFiles(*mail, raw);
      auto c = Clock::now();
      files_ns += std::chrono::duration_cast<std::chrono::nanoseconds>(c - b).count();
      if (!files.ok()) {
        std::lock_guard lock(mu);
        ++files_failed;
        if (first_error.empty()) first_error = files.status().message();
        return;
      }
      sahayak::services::IngestResult result;
      Status st = app.store().Write([&](sahayak::services::WriteTx& tx) -> Status {
        ASSIGN_OR_RETURN(result, app.mail_ingest().Ingest(tx, ws, box, *mail, *files));
        return Status::Ok();
      });
      write_ns += std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - c).count();
      std::lock_guard lock(mu);
      if (!st.ok()) {
        ++write_failed;
        if (first_error.empty()) first_error = st.message();
        return;
      }
      ++outcomes[sahayak::services::Name(result.outcome)];
      if (result.outcome == sahayak::services::IngestResult::Outcome::kReplied ||
          result.outcome == sahayak::services::IngestResult::Outcome::kNoted) {
        ++threaded[result.threaded_by.empty() ? "?" : result.threaded_by];
      }
      if (result.follow_up_of) ++outcomes["(follow-up of a closed ticket)"];
    });
    const auto stats1 = app.store().Stats();
    const std::string load1 = LoadAverage();
    const std::string db = (fs::path(config.data_dir) / "sahayak.db").string();
    app_or->reset();  // closes the store (the writer thread finishes)

    auto get = [&](const char* k) { return outcomes.count(k) ? outcomes[k] : 0; };
    const int64_t batches = stats1.batches_committed - stats0.batches_committed;
    const int64_t tickets = CountRows(db, "SELECT count(*) FROM tickets");
    const int64_t messages = CountRows(db, "SELECT count(*) FROM messages");
    const int64_t outbox = CountRows(db, "SELECT count(*) FROM outbox");
    const int64_t attachments = CountRows(db, "SELECT count(*) FROM attachments");
    int64_t blob_bytes = 0;
    for (const auto& e : fs::recursive_directory_iterator(config.data_dir, ec)) {
      if (e.is_regular_file(ec) && e.path().filename().string().rfind("sahayak.db", 0) != 0) {
        blob_bytes += static_cast<int64_t>(e.file_size(ec));
      }
    }
    const double dn = static_cast<double>(n);
    std::printf(
        "RESULT mode=ingest threads=%d sync=%s messages=%zu seconds=%.3f msgs_per_s=%.0f "
        "p50_ms=%.3f p99_ms=%.3f parse_ms_mean=%.3f files_ms_mean=%.3f write_ms_mean=%.3f "
        "created=%lld replied=%lld noted=%lld duplicate=%lld ignored=%lld dropped=%lld "
        "parse_failed=%lld files_failed=%lld write_failed=%lld transactions=%lld "
        "tickets=%lld ticket_messages=%lld outbox_rows=%lld attachments=%lld blob_mib=%.1f "
        "load_before=%s load_after=%s\n",
        threads, args.sync.c_str(), n, secs, dn / secs, Percentile(ms, 0.5), Percentile(ms, 0.99),
        static_cast<double>(parse_ns.load()) / 1e6 / dn,
        static_cast<double>(files_ns.load()) / 1e6 / dn,
        static_cast<double>(write_ns.load()) / 1e6 / dn, static_cast<long long>(get("created")),
        static_cast<long long>(get("replied")), static_cast<long long>(get("noted")),
        static_cast<long long>(get("duplicate")), static_cast<long long>(get("ignored")),
        static_cast<long long>(get("dropped")), static_cast<long long>(parse_failed),
        static_cast<long long>(files_failed), static_cast<long long>(write_failed),
        static_cast<long long>(batches), static_cast<long long>(tickets),
        static_cast<long long>(messages), static_cast<long long>(outbox),
        static_cast<long long>(attachments), static_cast<double>(blob_bytes) / 1048576.0,
        load0.c_str(), load1.c_str());
    std::printf("  outcomes:");
    for (const auto& [k, v] : outcomes) std::printf(" %s=%lld", k.c_str(), static_cast<long long>(v));
    std::printf("\n  threaded by:");
    for (const auto& [k, v] : threaded) std::printf(" %s=%lld", k.c_str(), static_cast<long long>(v));
    std::printf("\n");
    if (!first_error.empty()) std::printf("  first error: %s\n", first_error.c_str());
    std::fflush(stdout);
  }
  // --- 3. `sahayak mail-import`: the same maildir, batched ---------------------------------
  if (args.import_batch > 0) {
    sahayak::app::Config config;
    config.data_dir = (fs::path(args.work) / "data-import").string();
    config.db_synchronous = args.sync;
    std::error_code ec;
    fs::remove_all(config.data_dir, ec);
    auto app_or = sahayak::app::App::Open(config);
    if (!app_or.ok()) {
      std::fprintf(stderr, "mail_ingest_bench: cannot open %s: %s\n", config.data_dir.c_str(),
                   app_or.status().message().c_str());
      return 1;
    }
    auto paths = sahayak::app::ListMailFiles(args.maildir);
    if (!paths.ok()) Usage(paths.status().message().c_str());
    sahayak::app::MailImportOptions options;
    options.batch = static_cast<size_t>(args.import_batch);
    options.parse_threads = 2;
    const std::string load0 = LoadAverage();
    auto report = sahayak::app::ImportMailFiles(**app_or, *paths, options);
    const std::string load1 = LoadAverage();
    const std::string db = (fs::path(config.data_dir) / "sahayak.db").string();
    app_or->reset();
    if (!report.ok()) {
      std::fprintf(stderr, "mail_ingest_bench: import failed: %s\n",
                   report.status().message().c_str());
      return 1;
    }
    auto get = [&](const char* k) {
      auto it = report->outcomes.find(k);
      return static_cast<long long>(it == report->outcomes.end() ? 0 : it->second);
    };
    std::printf(
        "RESULT mode=import threads=2 batch=%d messages=%zu seconds=%.3f msgs_per_s=%.0f "
        "p50_ms=- p99_ms=- created=%lld replied=%lld noted=%lld duplicate=%lld ignored=%lld "
        "dropped=%lld not_mail=%lld failed=%lld transactions=%lld tickets=%lld "
        "outbox_rows=%lld load_before=%s load_after=%s\n",
        args.import_batch, paths->size(), report->seconds,
        static_cast<double>(paths->size()) / report->seconds, get("created"), get("replied"),
        get("noted"), get("duplicate"), get("ignored"), get("dropped"),
        static_cast<long long>(report->not_mail), static_cast<long long>(report->failed),
        static_cast<long long>(report->transactions),
        static_cast<long long>(CountRows(db, "SELECT count(*) FROM tickets")),
        static_cast<long long>(CountRows(db, "SELECT count(*) FROM outbox")), load0.c_str(),
        load1.c_str());
    std::fflush(stdout);
  }
  return 0;
}
