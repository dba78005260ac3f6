#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "services/store.h"

namespace sahayak::services {

// Records an audit event and, when `topic` is not empty, an outbox row with `payload`, in the
// caller's transaction, so they commit or vanish with the change itself.
Status RecordChange(WriteTx& tx, Id ws, const domain::Actor& actor, const std::string& action,
                    const std::string& entity_type, Id entity_id, nlohmann::json changes,
                    Millis now, const std::string& topic = "",
                    nlohmann::json payload = nlohmann::json::object());

// Adds `field: [before, after]` to `changes` when they differ.
void DiffField(nlohmann::json* changes, const std::string& field, const nlohmann::json& before,
               const nlohmann::json& after);

// The changes of a record created: every member of its audit view as [null, value].
nlohmann::json AuditCreated(const nlohmann::json& view);
// The members of two audit views that differ, as [before, after].
nlohmann::json AuditDiff(const nlohmann::json& before, const nlohmann::json& after);

}  // namespace sahayak::services
