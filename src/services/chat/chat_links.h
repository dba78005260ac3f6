#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "domain/types.h"

// Signed, expiring links through which a chat visitor downloads the files of their own
// conversation (docs/chat.md, "Attachment links"):
//   /api/v1/chat/attachments/{id}?w=<workspace>&c=<conversation>&e=<expiry, unix s>&s=<sig>
// `sig` is base64url (no padding) of HMAC-SHA256 (libsodium crypto_auth_hmacsha256, as
// base/crypto.h's HmacSha256) over the id, workspace, conversation and expiry, under a key
// derived from the server's secret key in the way of services/webforms/form_token.h. Pure and
// thread-safe.
namespace sahayak::services {

inline constexpr int64_t kChatLinkLifetimeSeconds = 24 * 3600;

// The signing key of these links: HMAC of a fixed label under the server's secret key, so the
// links cannot be mistaken for any other signature the server makes.
std::string DeriveChatLinkKey(std::string_view secret_key);

struct ChatLinkParts {
  domain::Id attachment_id = 0;
  domain::Id workspace_id = 0;
  domain::Id conversation_id = 0;
  int64_t expires = 0;  // unix seconds
};

std::string ChatLinkSignature(std::string_view link_key, const ChatLinkParts& p);
// The relative URL of the link.
std::string ChatAttachmentLink(std::string_view link_key, const ChatLinkParts& p);

enum class ChatLinkCheck { kOk, kForged, kExpired };
// Whether `signature` is the link's (constant-time), and it has not expired at `now`.
ChatLinkCheck CheckChatLink(std::string_view link_key, const ChatLinkParts& p,
                            std::string_view signature, Millis now);

}  // namespace sahayak::services
