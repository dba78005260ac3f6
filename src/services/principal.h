#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "domain/people.h"
#include "domain/types.h"

namespace sahayak::services {

// Who is calling: an authenticated agent, by session cookie or API token.
struct Principal {
  enum class Via { kSession, kToken, kCli };
  domain::Id workspace_id = 0;
  domain::Id agent_id = 0;
  domain::Role role = domain::Role::kAgent;
  std::string name;
  std::string email;
  std::string language = "en";
  Via via = Via::kSession;
  std::string session_hash;  // when via == kSession
  std::string csrf_token;    // when via == kSession
  std::string ip;
  std::string user_agent;

  bool is_admin() const { return role == domain::Role::kAdmin; }
  domain::Actor actor() const {
    auto kind = via == Via::kCli ? domain::Actor::Kind::kSystem : domain::Actor::Kind::kAgent;
    return {kind, agent_id, name, ip, user_agent};
  }
  // A stable key for idempotency records: one agent's keys never collide with another's.
  std::string key() const { return "agent:" + std::to_string(agent_id); }
};

// OK for an admin; for anyone else PermissionDenied "only admins may <what>".
inline Status RequireAdmin(const Principal& who, std::string_view what) {
  if (!who.is_admin()) return PermissionDenied("only admins may " + std::string(what));
  return Status::Ok();
}

}  // namespace sahayak::services
