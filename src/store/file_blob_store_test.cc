#include "store/file_blob_store.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "base/crypto.h"
#include "testing/temp_dir.h"

namespace sahayak::store {
namespace {

namespace fs = std::filesystem;

TEST(FileBlobStore, PutAndGetByContent) {
  testing::TempDir dir;
  FileBlobStore blobs(dir.path() + "/blobs");
  auto sha = blobs.Put("रसीद की प्रति");
  ASSERT_TRUE(sha.ok()) << sha.status().message();
  EXPECT_EQ(*sha, Sha256Hex("रसीद की प्रति"));
  auto again = blobs.Put("रसीद की प्रति");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *sha);
  auto got = blobs.Get(*sha);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, "रसीद की प्रति");
  EXPECT_EQ(blobs.Get(std::string(64, '0')).status().code(), Code::kNotFound);
  EXPECT_EQ(blobs.Get("short").status().code(), Code::kNotFound);
}

TEST(FileBlobStore, UnsyncedBlobsAreReadableAndSyncSucceeds) {
  testing::TempDir dir;
  FileBlobStore blobs(dir.path() + "/blobs");
  EXPECT_TRUE(blobs.Sync().ok()) << "nothing stored yet is not an error";
  auto a = blobs.PutUnsynced("part one");
  auto b = blobs.PutUnsynced("part two");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_TRUE(blobs.Sync().ok());
  EXPECT_EQ(*blobs.Get(*a), "part one");
  EXPECT_EQ(*blobs.Get(*b), "part two");
}

TEST(FileBlobStore, AFileLeftEmptyByACrashIsWrittenAgain) {
  testing::TempDir dir;
  FileBlobStore blobs(dir.path() + "/blobs");
  const std::string bytes = "ಬಿಲ್ ಪ್ರತಿ";
  const std::string sha = Sha256Hex(bytes);
  // What a crash before the flush can leave: the final name, no content.
  const fs::path path = fs::path(dir.path()) / "blobs" / sha.substr(0, 2) / sha.substr(2, 2) / sha;
  fs::create_directories(path.parent_path());
  std::ofstream(path).close();
  ASSERT_EQ(fs::file_size(path), 0u);
  auto put = blobs.PutUnsynced(bytes);
  ASSERT_TRUE(put.ok());
  EXPECT_EQ(*blobs.Get(sha), bytes);
}

}  // namespace
}  // namespace sahayak::store
