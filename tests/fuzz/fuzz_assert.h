#pragma once

// Assertions for the fuzz targets: on failure they print what broke and the offending value,
// then abort, which libFuzzer records as a crash and saves the input that caused it.

#include <cstdio>
#include <cstdlib>
#include <string_view>

[[noreturn]] inline void FuzzAssertionFailed(const char* what, std::string_view detail) {
  std::fprintf(stderr, "fuzz assertion failed: %s: %.*s\n", what, static_cast<int>(detail.size()),
               detail.data());
  std::abort();
}

// Reports a failed check found by the code around it: `if (bad) FUZZ_ASSERT_FAIL(what, x);`.
#define FUZZ_ASSERT_FAIL(what, detail) FuzzAssertionFailed((what), (detail))

// Fails when `bad` holds.
#define FUZZ_ASSERT_FALSE(bad, what, detail)            \
  do {                                                  \
    if (bad) FuzzAssertionFailed((what), (detail));     \
  } while (0)

// Fails unless `good` holds.
#define FUZZ_ASSERT_TRUE(good, what) FUZZ_ASSERT_FALSE(!(good), (what), std::string_view())
