#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "base/status.h"
#include "domain/types.h"

// Errors that several services return in the same words.
namespace sahayak::services {

// The request clashes with what is stored (409, kind "conflict").
inline Status Conflict(std::string message) {
  return AlreadyExists(std::move(message)).WithKind("conflict");
}

// An If-Match version that is no longer current (412): "<what> <id> changed since version
// <seen>; it is now at version <now>".
inline Status Stale(std::string_view what, domain::Id id, int64_t seen, int64_t now) {
  return Aborted(std::string(what) + " " + std::to_string(id) + " changed since version " +
                 std::to_string(seen) + "; it is now at version " + std::to_string(now))
      .WithKind("precondition-failed");
}

}  // namespace sahayak::services
