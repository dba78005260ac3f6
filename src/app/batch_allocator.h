#pragma once

// Batch commands run under mimalloc; the server keeps glibc's allocator (decision 0007).
//
// A rebuild of the search index allocates and frees millions of small strings and map nodes a
// second, most of them inside Xapian; mimalloc serves that about a tenth faster than glibc's
// malloc (bench/RESULTS.md, "Search"). The serving process, with its ~50 mostly idle threads,
// holds about a fifth more memory under mimalloc, so it keeps glibc's. One process has one
// allocator from its first instruction, so `sahayak reindex` starts itself again with Debian's
// libmimalloc preloaded, before it opens anything. Where the library is missing, or the
// environment says SAHAYAK_BATCH_ALLOCATOR=system, the command runs as it is.
#include <optional>
#include <string>

namespace sahayak::app {

// The environment variable: "system" keeps glibc's allocator; the restarted process finds it
// set to "mimalloc" and does not restart again.
inline constexpr const char* kBatchAllocatorEnv = "SAHAYAK_BATCH_ALLOCATOR";
// Debian's libmimalloc2.0, found by the dynamic loader's own search.
inline constexpr const char* kMimallocLibrary = "libmimalloc.so.2";

// The LD_PRELOAD a restart under mimalloc would use, given the current values of
// SAHAYAK_BATCH_ALLOCATOR and LD_PRELOAD (null when unset); nullopt when the process should
// run as it is: the choice was made (by the user or by an earlier restart) or mimalloc is
// preloaded already.
std::optional<std::string> MimallocPreload(const char* choice, const char* ld_preload);

// Restarts the process under mimalloc when MimallocPreload says so and the library loads;
// returns only when the process runs as it is. Call it first thing in main, before any thread
// starts or any file opens. Does nothing in sanitizer builds (their runtime must come first).
void RunUnderMimalloc(char** argv);

// "mimalloc" when mimalloc serves this process's malloc, else "glibc".
std::string AllocatorInUse();

}  // namespace sahayak::app
