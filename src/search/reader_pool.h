#pragma once

#include <functional>
#include <string>

#include <xapian.h>

#include "base/status.h"
#include "search/analyzer.h"

// Per-thread search state: Xapian::Database and Analyzer are not thread-safe, so each thread
// keeps its own (thread_local), created on first use.
namespace sahayak::search {

// The calling thread's Analyzer.
Analyzer& ThreadAnalyzer();

// Runs `fn` on the calling thread's reader of the index at `path`, reopened first so it sees
// the latest commit. Retries when the indexer overwrote the revision being read
// (DatabaseModifiedError); kUnavailable when there is no index at `path` yet, of kind
// "index-building" (message "the search index is being built: n of m documents" while a
// rebuild in this process runs) when its first build has not finished; any other
// Xapian error becomes kInternal. No Xapian exception leaves this function.
Status WithReader(const std::string& path, const std::function<Status(Xapian::Database&)>& fn);

}  // namespace sahayak::search
