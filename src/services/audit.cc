#include "services/audit.h"

namespace sahayak::services {

using nlohmann::json;

Status RecordChange(WriteTx& tx, Id ws, const domain::Actor& actor, const std::string& action,
                    const std::string& entity_type, Id entity_id, nlohmann::json changes,
                    Millis now, const std::string& topic, nlohmann::json payload) {
  domain::AuditEvent e;
  e.workspace_id = ws;
  e.actor = actor;
  e.action = action;
  e.entity_type = entity_type;
  e.entity_id = entity_id;
  e.changes = std::move(changes);
  e.created_at = now;
  RETURN_IF_ERROR(tx.InsertAudit(&e));
  if (!topic.empty()) {
    domain::OutboxItem o;
    o.workspace_id = ws;
    o.topic = topic;
    o.payload = std::move(payload);
    o.payload["audit_event_id"] = e.id;
    o.created_at = now;
    RETURN_IF_ERROR(tx.InsertOutbox(&o));
  }
  return Status::Ok();
}

void DiffField(nlohmann::json* changes, const std::string& field, const nlohmann::json& before,
               const nlohmann::json& after) {
  if (before != after) (*changes)[field] = nlohmann::json::array({before, after});
}

json AuditCreated(const json& view) {
  json changes = json::object();
  for (auto it = view.begin(); it != view.end(); ++it) {
    changes[it.key()] = json::array({nullptr, it.value()});
  }
  return changes;
}

json AuditDiff(const json& before, const json& after) {
  json changes = json::object();
  for (auto it = after.begin(); it != after.end(); ++it) {
    DiffField(&changes, it.key(),
              before.is_object() && before.contains(it.key()) ? before[it.key()] : json(nullptr),
              it.value());
  }
  return changes;
}

}  // namespace sahayak::services
