#include "app/batch_allocator.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstring>

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
    __has_feature(memory_sanitizer)
#define SAHAYAK_SANITIZER_RUNTIME 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SAHAYAK_SANITIZER_RUNTIME 1
#endif

namespace sahayak::app {

std::optional<std::string> MimallocPreload(const char* choice, const char* ld_preload) {
  if (choice != nullptr && *choice != '\0') return std::nullopt;
  const std::string current = ld_preload == nullptr ? "" : ld_preload;
  if (current.find("mimalloc") != std::string::npos) return std::nullopt;
  // The loader takes the list separated by spaces or colons; ours goes first.
  return current.empty() ? std::string(kMimallocLibrary)
                         : std::string(kMimallocLibrary) + ":" + current;
}

void RunUnderMimalloc(char** argv) {
#ifndef SAHAYAK_SANITIZER_RUNTIME
  const char* previous = getenv("LD_PRELOAD");
  const std::optional<std::string> preload = MimallocPreload(getenv(kBatchAllocatorEnv), previous);
  if (!preload) return;
  // Loading it here, locally, only proves the loader finds it: the restarted process would
  // otherwise print the loader's complaint about a missing preload.
  void* probe = dlopen(kMimallocLibrary, RTLD_LAZY | RTLD_LOCAL);
  if (probe == nullptr) return;
  dlclose(probe);
  const std::string saved = previous == nullptr ? "" : previous;
  setenv(kBatchAllocatorEnv, "mimalloc", 1);
  setenv("LD_PRELOAD", preload->c_str(), 1);
  execv("/proc/self/exe", argv);
  // Still here: run as we are, with the environment as it was (the choice stays made).
  if (previous == nullptr) {
    unsetenv("LD_PRELOAD");
  } else {
    setenv("LD_PRELOAD", saved.c_str(), 1);
  }
#else
  (void)argv;
#endif
}

std::string AllocatorInUse() {
  Dl_info info;
  void* malloc_in_use = dlsym(RTLD_DEFAULT, "malloc");
  if (malloc_in_use != nullptr && dladdr(malloc_in_use, &info) != 0 && info.dli_fname != nullptr &&
      std::strstr(info.dli_fname, "mimalloc") != nullptr) {
    return "mimalloc";
  }
  return "glibc";
}

}  // namespace sahayak::app
