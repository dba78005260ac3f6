#pragma once

#include <optional>
#include <string>

#include "api/http.h"

namespace sahayak::app {

// Serves the built web console (web/dist) for GET requests outside /api/: files by path, and
// index.html for any other path without a file extension so the single-page app's own routes
// (/tickets/42) load it. Hashed assets are cached for a year, index.html never; HTML carries a
// strict Content-Security-Policy. Thread-safe (reads files on every request; the OS caches).
class StaticSite {
 public:
  explicit StaticSite(std::string root) : root_(std::move(root)) {}

  // nullopt when the request is not for the site (an /api/ path, a method other than GET or
  // HEAD) so the router answers it; a 404 response for a missing file.
  std::optional<api::Response> Serve(const api::Request& req) const;

  // True when the folder holds an index.html.
  bool Available() const;

 private:
  std::string root_;
};

// The MIME type for a file name's extension, "application/octet-stream" when unknown.
const char* MimeTypeForPath(const std::string& path);

}  // namespace sahayak::app
