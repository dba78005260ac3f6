#include "app/secret_key.h"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "base/crypto.h"

namespace sahayak::app {

namespace {

Status WriteNewKey(const std::string& path, const std::string& text) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return Unavailable("cannot create " + path + ": " + std::strerror(errno));
  const std::string line = text + "\n";
  bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) &&
            ::fsync(fd) == 0;
  int err = errno;
  ::close(fd);
  if (!ok) {
    ::unlink(path.c_str());
    return Unavailable("cannot write " + path + ": " + std::strerror(err));
  }
  return Status::Ok();
}

}  // namespace

Result<std::string> LoadSecretKey(const Config& config) {
  if (!config.secret_key.empty()) {
    auto key = DecodeSecretKey(config.secret_key);
    if (!key.ok()) return InvalidArgument("data.secret_key: " + key.status().message());
    return key;
  }
  const std::string path = config.data_dir + "/secret.key";
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno != ENOENT) return Unavailable("cannot read " + path + ": " + std::strerror(errno));
    const std::string key = NewSecretKey();
    Status w = WriteNewKey(path, EncodeSecretKey(key));
    if (w.ok()) return key;
    if (::stat(path.c_str(), &st) != 0) return w;  // else another process made it: read it
  }
  if ((st.st_mode & 077) != 0) {
    spdlog::warn("{} can be read by other users; chmod 600 it", path);
  }
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) return Unavailable("cannot read " + path);
  auto key = DecodeSecretKey(text.str());
  if (!key.ok()) return InvalidArgument(path + ": " + key.status().message());
  return key;
}

}  // namespace sahayak::app
