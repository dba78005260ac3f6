#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "base/status.h"

namespace sahayak::app {

class App;
struct Config;

struct MailImportOptions {
  std::string mailbox;      // the mailbox every mail goes to; "" chooses by address, as delivery does
  size_t batch = 200;       // mails per write transaction (and per flush of their files)
  int parse_threads = 2;    // mails parsed in parallel ahead of the writer
  bool acknowledge = false;  // send acknowledgements for new tickets (not for history)
};

struct MailImportReport {
  int64_t files = 0;
  std::map<std::string, int64_t> outcomes;  // "created", "replied", "noted", "duplicate" …
  int64_t not_mail = 0;                     // files that are not e-mail
  int64_t failed = 0;                       // files that could not be stored (see problems)
  int64_t transactions = 0;
  std::vector<std::string> problems;        // "<file>: why", at most 100
  double seconds = 0;
};

// The mail files of `dir`: a maildir's cur/ and new/ (by name: the order of delivery), or
// every regular file of a plain folder (by name), skipping dot-files. Errors: kNotFound.
Result<std::vector<std::string>> ListMailFiles(const std::string& dir);

// Imports the files, in the order given, as mail delivery would (threading, deduplication by
// Message-ID, bounces and auto-replies as notes), but many mails per transaction: the files
// of a batch are written, flushed once, then the batch's tickets and messages commit in one
// transaction. Importing the same files again adds nothing (duplicates). A batch whose
// transaction fails is retried one mail at a time, so one bad mail costs only itself.
// `progress(done, total)` is called after each batch. Errors only for an unknown mailbox.
Result<MailImportReport> ImportMailFiles(
    App& app, const std::vector<std::string>& paths, const MailImportOptions& options,
    const std::function<void(size_t done, size_t total)>& progress = {});

// `sahayak mail-import DIR`: exit 0 when every file was imported or deliberately skipped,
// 65 when some files are not mail, 75 when some could not be stored (run again: what was
// stored is not imported twice).
int MailImport(const Config& config, const std::string& dir, const MailImportOptions& options);

}  // namespace sahayak::app
