// `sahayak mail-import`: an existing mailbox (a maildir, or a folder of .eml files) becomes
// tickets, for teams moving to Sahayak with their history. Mail delivery commits each mail on
// its own, paying a flush of its files and a commit per mail; an import knows many mails at
// once, so it parses ahead on other threads and pays both once per batch.
#include "app/mail_import.h"

#include <sysexits.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <future>
#include <optional>
#include <sstream>
#include <thread>

#include "app/app.h"
#include "app/mail_delivery.h"
#include "services/mail/ingest_service.h"

namespace sahayak::app {

namespace fs = std::filesystem;

namespace {

constexpr size_t kMaxProblems = 100;

// One file, read and parsed.
struct Loaded {
  std::string path;
  std::string raw;
  std::optional<PreparedMail> prepared;  // empty: not mail, or unreadable (see why)
  std::string why;
  // Written by the loading thread, not yet flushed; empty when they could not be stored
  // (files_error says why).
  std::optional<services::StoredMail> files;
  std::string files_error;
};

void Note(MailImportReport* r, const std::string& path, const std::string& why) {
  if (r->problems.size() < kMaxProblems) r->problems.push_back(path + ": " + why);
}

Loaded Load(App& app, const std::string& path, int64_t max_bytes) {
  Loaded l;
  l.path = path;
  std::error_code ec;
  auto size = fs::file_size(path, ec);
  if (ec) {
    l.why = "cannot read: " + ec.message();
    return l;
  }
  if (static_cast<int64_t>(size) > max_bytes) {
    l.why = "larger than the limit of " + std::to_string(max_bytes) +
            " bytes (mail.max_message_bytes)";
    return l;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  if (!in && !in.eof()) {
    l.why = "cannot read the file";
    return l;
  }
  l.raw = buf.str();
  PreparedMail p;
  DeliveryOutcome o = ParseMail(l.raw, &p);
  if (o.kind == DeliveryOutcome::Kind::kNotMail) {
    l.why = o.text;
    return l;
  }
  // The files go to the blob store here, on the loading threads, so the writer only
  // flushes them and commits.
  auto files = app.mail_ingest().StoreFiles(p.mail, l.raw, /*sync=*/false);
  if (files.ok()) {
    l.files = std::move(files).value();
  } else {
    l.files_error = files.status().message();
  }
  l.prepared = std::move(p);
  return l;
}

// Reads and parses paths[begin, end) on `threads` threads.
std::vector<Loaded> LoadBatch(App& app, const std::vector<std::string>& paths, size_t begin,
                              size_t end, int threads, int64_t max_bytes) {
  std::vector<Loaded> out(end - begin);
  std::atomic<size_t> next{begin};
  auto work = [&] {
    for (size_t i = next++; i < end; i = next++) out[i - begin] = Load(app, paths[i], max_bytes);
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  return out;
}

// Stores one batch: files, one flush, one transaction. Returns false when the transaction
// failed (nothing of it committed).
bool StoreBatch(App& app, std::vector<Loaded>& batch, const MailImportOptions& options,
                MailImportReport* report) {
  const services::Id ws = app.SystemPrincipal().workspace_id;
  struct Ready {
    Loaded* loaded;
    services::InboundMailbox box;
    services::StoredMail files;
  };
  std::vector<Ready> ready;
  for (Loaded& l : batch) {
    if (!l.prepared) continue;
    if (!l.files) {
      ++report->failed;
      Note(report, l.path, "cannot store its files: " + l.files_error);
      continue;
    }
    services::InboundMailbox box = InboundBox(*l.prepared);
    box.acknowledge = options.acknowledge;
    ready.push_back({&l, std::move(box), *l.files});
  }
  if (ready.empty()) return true;
  if (Status st = app.blobs().Sync(); !st.ok()) {
    for (const Ready& r : ready) Note(report, r.loaded->path, st.message());
    report->failed += static_cast<int64_t>(ready.size());
    return true;
  }
  std::vector<services::IngestResult> results;
  Status st = app.store().Write([&](services::WriteTx& tx) -> Status {
    results.clear();
    for (const Ready& r : ready) {
      ASSIGN_OR_RETURN(auto result,
                       app.mail_ingest().Ingest(tx, ws, r.box, r.loaded->prepared->mail, r.files));
      results.push_back(std::move(result));
    }
    return Status::Ok();
  });
  ++report->transactions;
  if (!st.ok()) return false;
  for (const auto& r : results) ++report->outcomes[services::Name(r.outcome)];
  return true;
}

}  // namespace

Result<std::vector<std::string>> ListMailFiles(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return NotFound("no folder " + dir);
  std::vector<fs::path> folders;
  if (fs::is_directory(fs::path(dir) / "cur", ec) || fs::is_directory(fs::path(dir) / "new", ec)) {
    folders = {fs::path(dir) / "cur", fs::path(dir) / "new"};
  } else {
    folders = {fs::path(dir)};
  }
  std::vector<fs::path> files;
  for (const auto& folder : folders) {
    for (const auto& e : fs::directory_iterator(folder, ec)) {
      if (!e.is_regular_file(ec) || e.path().filename().string().rfind('.', 0) == 0) continue;
      files.push_back(e.path());
    }
  }
  // By file name across cur/ and new/: maildir names begin with the delivery time.
  std::sort(files.begin(), files.end(),
            [](const fs::path& a, const fs::path& b) { return a.filename() < b.filename(); });
  std::vector<std::string> out;
  out.reserve(files.size());
  for (const auto& f : files) out.push_back(f.string());
  return out;
}

Result<MailImportReport> ImportMailFiles(
    App& app, const std::vector<std::string>& paths, const MailImportOptions& options,
    const std::function<void(size_t done, size_t total)>& progress) {
  const auto start = std::chrono::steady_clock::now();
  MailImportReport report;
  report.files = static_cast<int64_t>(paths.size());
  const size_t batch = std::clamp<size_t>(options.batch, 1, 10000);
  const int threads = std::clamp(options.parse_threads, 1, 64);
  const int64_t max_bytes = app.config().mail_max_message_bytes;

  // The first mail decides nothing about the mailbox: check the name once, up front.
  if (!options.mailbox.empty()) {
    PreparedMail probe;
    DeliveryOutcome o = ChooseMailbox(app, options.mailbox, &probe);
    if (o.kind != DeliveryOutcome::Kind::kStored) return NotFound(o.text);
  }
  auto load = [&](size_t begin) {
    return LoadBatch(app, paths, begin, std::min(paths.size(), begin + batch), threads,
                     max_bytes);
  };
  std::future<std::vector<Loaded>> next;
  if (!paths.empty()) next = std::async(std::launch::async, load, size_t{0});
  for (size_t begin = 0; begin < paths.size(); begin += batch) {
    std::vector<Loaded> current = next.get();
    if (begin + batch < paths.size()) next = std::async(std::launch::async, load, begin + batch);
    for (Loaded& l : current) {
      if (!l.prepared) {
        ++report.not_mail;
        Note(&report, l.path, l.why);
        continue;
      }
      DeliveryOutcome o = ChooseMailbox(app, options.mailbox, &*l.prepared);
      if (o.kind != DeliveryOutcome::Kind::kStored) {
        l.prepared.reset();
        ++report.failed;
        Note(&report, l.path, o.text);
      }
    }
    if (!StoreBatch(app, current, options, &report)) {
      // One mail (or the database) failed the batch: one at a time, to keep the others.
      for (Loaded& l : current) {
        if (!l.prepared) continue;
        std::vector<Loaded> one;
        one.push_back(std::move(l));
        if (!StoreBatch(app, one, options, &report)) {
          ++report.failed;
          Note(&report, one[0].path, "could not be stored; the database refused it");
        }
      }
    }
    if (progress) progress(std::min(paths.size(), begin + batch), paths.size());
  }
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

int MailImport(const Config& config, const std::string& dir, const MailImportOptions& options) {
  auto paths = ListMailFiles(dir);
  if (!paths.ok()) {
    std::fprintf(stderr, "sahayak mail-import: %s\n", paths.status().message().c_str());
    return EX_NOINPUT;
  }
  auto app_or = App::Open(config);
  if (!app_or.ok()) {
    std::fprintf(stderr, "sahayak mail-import: cannot open the data folder: %s\n",
                 app_or.status().message().c_str());
    return EX_TEMPFAIL;
  }
  App& app = **app_or;
  auto synced = SyncConfigMailboxes(app);
  if (!synced.ok()) {
    std::fprintf(stderr, "sahayak mail-import: %s\n", synced.status().message().c_str());
    return EX_TEMPFAIL;
  }
  const bool tty = ::isatty(STDERR_FILENO) != 0;
  size_t last_tenth = 0;
  auto report = ImportMailFiles(app, *paths, options, [&](size_t done, size_t total) {
    if (tty) {
      std::fprintf(stderr, "\rimporting: %zu of %zu mails (%zu%%)", done, total,
                   total ? done * 100 / total : 100);
    } else if (size_t tenth = total ? done * 10 / total : 10; tenth > last_tenth) {
      last_tenth = tenth;
      std::fprintf(stderr, "importing: %zu of %zu mails (%zu%%)\n", done, total,
                   total ? done * 100 / total : 100);
    }
  });
  if (tty) std::fprintf(stderr, "\n");
  if (!report.ok()) {
    std::fprintf(stderr, "sahayak mail-import: %s\n", report.status().message().c_str());
    return EX_TEMPFAIL;
  }
  std::printf("Imported %lld files from %s in %.1f s (%.0f mails/s, %lld transactions):",
              static_cast<long long>(report->files), dir.c_str(), report->seconds,
              report->seconds > 0 ? static_cast<double>(report->files) / report->seconds : 0.0,
              static_cast<long long>(report->transactions));
  for (const auto& [k, v] : report->outcomes) std::printf(" %s %lld,", k.c_str(), static_cast<long long>(v));
  std::printf(" not mail %lld, failed %lld\n", static_cast<long long>(report->not_mail),
              static_cast<long long>(report->failed));
  for (const auto& p : report->problems) std::fprintf(stderr, "  %s\n", p.c_str());
  if (report->failed > 0) return EX_TEMPFAIL;
  if (report->not_mail > 0) return EX_DATAERR;
  return EX_OK;
}

}  // namespace sahayak::app
