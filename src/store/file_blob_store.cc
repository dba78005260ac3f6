#include "store/file_blob_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/crypto.h"

namespace sahayak::store {

namespace fs = std::filesystem;

std::string FileBlobStore::PathFor(const std::string& sha) const {
  return root_ + "/" + sha.substr(0, 2) + "/" + sha.substr(2, 2) + "/" + sha;
}

Result<std::string> FileBlobStore::Put(std::string_view bytes) { return Write(bytes, true); }

Result<std::string> FileBlobStore::PutUnsynced(std::string_view bytes) {
  return Write(bytes, false);
}

Status FileBlobStore::Sync() {
  int fd = ::open(root_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT) return Status::Ok();  // nothing stored yet
  if (fd < 0) {
    return Unavailable(std::string("cannot open the attachment folder: ") + strerror(errno));
  }
  int rc = ::syncfs(fd);
  std::string err = rc == 0 ? "" : strerror(errno);
  ::close(fd);
  if (rc != 0) return Unavailable("cannot flush attachments to disk: " + err);
  return Status::Ok();
}

Result<std::string> FileBlobStore::Write(std::string_view bytes, bool sync) {
  std::string sha = Sha256Hex(bytes);
  std::string path = PathFor(sha);
  std::error_code ec;
  auto size = fs::file_size(path, ec);
  if (!ec && size == bytes.size()) return sha;
  fs::create_directories(fs::path(path).parent_path(), ec);
  if (ec) return Unavailable("cannot create the attachment folder: " + ec.message());
  static std::atomic<uint64_t> counter{0};
  std::string tmp = path + ".tmp" + std::to_string(::getpid()) + "." +
                    std::to_string(counter.fetch_add(1));
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
  if (fd < 0) return Unavailable(std::string("cannot write an attachment: ") + strerror(errno));
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      std::string err = strerror(errno);
      ::close(fd);
      ::unlink(tmp.c_str());
      return Unavailable("cannot write an attachment: " + err);
    }
    done += static_cast<size_t>(n);
  }
  if ((sync && ::fsync(fd) != 0) || ::close(fd) != 0) {
    ::unlink(tmp.c_str());
    return Unavailable("cannot flush an attachment to disk");
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return Unavailable(std::string("cannot store an attachment: ") + strerror(errno));
  }
  if (!sync) return sha;
  int dir = ::open(fs::path(path).parent_path().c_str(), O_RDONLY | O_DIRECTORY);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return sha;
}

Result<std::string> FileBlobStore::Get(const std::string& sha) {
  if (sha.size() != 64) return NotFound("no such attachment content");
  std::ifstream in(PathFor(sha), std::ios::binary);
  if (!in) return NotFound("the attachment's content is missing from the data folder");
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace sahayak::store
