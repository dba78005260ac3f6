// PeopleService: the signed-in agent's own profile.
#include "base/text.h"
#include "domain/json_input.h"
#include "services/audit.h"
#include "services/people/people_service.h"

namespace sahayak::services {

using domain::JsonInput;
using nlohmann::json;

Result<domain::Agent> PeopleService::UpdateProfile(WriteTx& tx, const Principal& who,
                                                   const json& body) {
  RETURN_IF_ERROR(domain::RequireObject(body));
  ASSIGN_OR_RETURN(domain::Agent before, tx.GetAgent(who.workspace_id, who.agent_id));
  domain::Agent a = before;
  JsonInput in(body);
  for (auto it = body.begin(); it != body.end(); ++it) {
    const std::string& k = it.key();
    if (k == "role" || k == "active" || k == "email" || k == "group_ids") {
      in.Error(k, "cannot be changed here; an admin changes it with PATCH /api/v1/agents/{id}");
    } else if (k != "name" && k != "language" && k != "time_zone") {
      in.Error(k, "is not a member of a profile; send name, language or time_zone");
    }
  }
  std::string s;
  if (in.Str("name", &s, false, 200)) {
    if (Trim(s).empty()) {
      in.Error("name", "cannot be empty");
    } else {
      a.name = Trim(s);
    }
  } else if (in.IsNull("name")) {
    in.Error("name", "cannot be empty");
  }
  if (in.Str("language", &s, false, 8)) {
    if (!domain::IsSupportedLanguage(s)) {
      in.Error("language", "must be one of en, hi, kn");
    } else {
      a.language = s;
    }
  } else if (in.IsNull("language")) {
    in.Error("language", "must be one of en, hi, kn");
  }
  if (in.Str("time_zone", &s, false, 64)) {
    if (!domain::IsValidTimeZone(s)) {
      in.Error("time_zone", "is not a time zone name such as Asia/Kolkata");
    } else {
      a.time_zone = s;
    }
  } else if (in.IsNull("time_zone")) {
    in.Error("time_zone", "is not a time zone name such as Asia/Kolkata");
  }
  RETURN_IF_ERROR(in.status());
  json changes = json::object();
  DiffField(&changes, "name", before.name, a.name);
  DiffField(&changes, "language", before.language, a.language);
  DiffField(&changes, "time_zone", before.time_zone, a.time_zone);
  if (changes.empty()) return before;
  a.updated_at = clock_.Now();
  a.version = before.version + 1;
  RETURN_IF_ERROR(tx.UpdateAgent(a));
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), "agent.profile_updated", "agent",
                               a.id, changes, a.updated_at, "agent.updated", {{"agent_id", a.id}}));
  return a;
}

}  // namespace sahayak::services
