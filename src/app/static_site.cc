#include "app/static_site.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace sahayak::app {

namespace {

// img-src allows https: for the remote images of customers' mail, which the console loads
// only when an agent clicks "Show images": acceptable only because SanitizeHtml blocks every
// remote image by default (src moved to data-remote-src), so no mail can load one by itself.
constexpr const char* kHtmlPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob: https:; font-src 'self' data:; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

bool EndsWith(const std::string& s, const char* suffix) {
  std::string_view t(suffix);
  return s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0;
}

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buf;
  buf << in.rdbuf();
  *out = buf.str();
  return true;
}

}  // namespace

const char* MimeTypeForPath(const std::string& path) {
  static const std::pair<const char*, const char*> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".txt", "text/plain; charset=utf-8"},
      {".webmanifest", "application/manifest+json"},
  };
  for (const auto& [ext, type] : kTypes) {
    if (EndsWith(path, ext)) return type;
  }
  return "application/octet-stream";
}

bool StaticSite::Available() const {
  std::error_code ec;
  return !root_.empty() && std::filesystem::is_regular_file(root_ + "/index.html", ec);
}

std::optional<api::Response> StaticSite::Serve(const api::Request& req) const {
  if (req.method != "GET" && req.method != "HEAD") return std::nullopt;
  const std::string& path = req.path;
  if (path.rfind("/api/", 0) == 0 || path == "/api" || root_.empty()) return std::nullopt;

  // Only plain segments: no "..", no hidden files, no backslashes or NULs.
  bool safe = !path.empty() && path[0] == '/' && path.find('\0') == std::string::npos &&
              path.find('\\') == std::string::npos && path.find("/.") == std::string::npos;
  std::string relative = path == "/" ? "index.html" : path.substr(1);
  std::string last = relative.substr(relative.rfind('/') + 1);
  bool has_extension = last.find('.') != std::string::npos;
  if (!safe || (!has_extension && !Available())) return std::nullopt;

  std::string file = root_ + "/" + (has_extension ? relative : "index.html");
  std::error_code ec;
  api::Response r;
  if (!safe || !std::filesystem::is_regular_file(file, ec) || !ReadFile(file, &r.body)) {
    if (!has_extension) return std::nullopt;
    r.status = 404;
    r.content_type = "text/plain; charset=utf-8";
    r.body = "not found\n";
    return r;
  }
  r.content_type = MimeTypeForPath(file);
  if (EndsWith(file, ".html")) {
    r.AddHeader("Cache-Control", "no-cache");
    r.AddHeader("Content-Security-Policy", kHtmlPolicy);
    r.AddHeader("X-Frame-Options", "DENY");
    r.AddHeader("Referrer-Policy", "same-origin");
  } else if (relative.rfind("assets/", 0) == 0) {
    // Vite names built assets by content hash, so a changed file gets a new name.
    r.AddHeader("Cache-Control", "public, max-age=31536000, immutable");
  } else {
    r.AddHeader("Cache-Control", "public, max-age=3600");
  }
  if (req.method == "HEAD") r.body.clear();
  return r;
}

}  // namespace sahayak::app
