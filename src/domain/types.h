#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/clock.h"

namespace sahayak::domain {

using Id = int64_t;

// The principal performing a change, recorded in audit events.
struct Actor {
  enum class Kind { kAgent, kContact, kSystem };
  Kind kind = Kind::kSystem;
  Id id = 0;
  std::string name;
  std::string ip;
  std::string user_agent;
};

const char* ActorKindName(Actor::Kind kind);

}  // namespace sahayak::domain
