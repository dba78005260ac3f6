#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/ticket.h"
#include "domain/types.h"

namespace sahayak::domain {

// A file in the content-addressed store, linked to at most one message.
struct Attachment {
  Id id = 0;
  Id workspace_id = 0;
  std::string filename;
  std::string mime_type;
  int64_t size = 0;
  std::string sha256;
  std::optional<Id> message_id;
  Id uploaded_by = 0;  // agent id
  Millis created_at = 0;
};

// A public reply or an internal note on a ticket.
struct Message {
  Id id = 0;
  Id workspace_id = 0;
  Id ticket_id = 0;
  bool is_public = true;
  Actor::Kind author_kind = Actor::Kind::kAgent;
  Id author_id = 0;
  std::string author_name;  // filled on read
  std::string body;         // plain text
  std::string html;         // sanitised HTML
  Channel channel = Channel::kApi;
  nlohmann::json channel_meta = nlohmann::json::object();
  std::vector<Attachment> attachments;  // filled on read
  Millis created_at = 0;
  // The body's language as the store found it when it wrote the message (base/language.h:
  // "en", "hi", "kn" …, "" when nothing could be said); nullopt for messages stored before
  // the store noted languages (migration 0029), whose language is worked out when needed.
  std::optional<std::string> language;
};

constexpr size_t kMaxMessageBytes = 512 * 1024;
constexpr size_t kMaxAttachmentsPerMessage = 20;

// Who changed what, when and from where; written in the same transaction as the change.
struct AuditEvent {
  Id id = 0;
  Id workspace_id = 0;
  Actor actor;
  std::string action;       // "ticket.created", "ticket.updated", "agent.deactivated" …
  std::string entity_type;  // "ticket", "contact" …
  Id entity_id = 0;
  nlohmann::json changes = nlohmann::json::object();  // field -> [old, new]
  Millis created_at = 0;
};

// Work to do after commit (notifications, webhooks, index updates), written with the change.
struct OutboxItem {
  Id id = 0;
  Id workspace_id = 0;
  std::string topic;  // "ticket.created" …
  nlohmann::json payload = nlohmann::json::object();
  Millis created_at = 0;
};

}  // namespace sahayak::domain
