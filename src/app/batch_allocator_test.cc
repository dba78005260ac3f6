#include "app/batch_allocator.h"

#include <gtest/gtest.h>

namespace sahayak::app {
namespace {

TEST(MimallocPreloadTest, PreloadsMimallocWhenNothingWasChosen) {
  EXPECT_EQ(MimallocPreload(nullptr, nullptr), "libmimalloc.so.2");
  EXPECT_EQ(MimallocPreload("", ""), "libmimalloc.so.2");
}

TEST(MimallocPreloadTest, KeepsWhatWasPreloadedBehindIt) {
  EXPECT_EQ(MimallocPreload(nullptr, "/opt/trace.so"), "libmimalloc.so.2:/opt/trace.so");
}

TEST(MimallocPreloadTest, RunsAsItIsOnceTheChoiceIsMade) {
  // By the user, who wants glibc's allocator, or by the restart itself.
  EXPECT_EQ(MimallocPreload("system", nullptr), std::nullopt);
  EXPECT_EQ(MimallocPreload("mimalloc", "libmimalloc.so.2"), std::nullopt);
  // Someone preloaded mimalloc by hand: no second copy.
  EXPECT_EQ(MimallocPreload(nullptr, "/usr/lib/x86_64-linux-gnu/libmimalloc.so.2.0"), std::nullopt);
}

}  // namespace
}  // namespace sahayak::app
