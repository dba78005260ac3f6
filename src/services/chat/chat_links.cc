#include "services/chat/chat_links.h"

#include <sodium.h>

#include "base/crypto.h"

namespace sahayak::services {

namespace {

std::string Base64Url(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                  '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  return out;
}

}  // namespace

std::string DeriveChatLinkKey(std::string_view secret_key) {
  return HmacSha256(secret_key, "sahayak chat attachment links v1");
}

std::string ChatLinkSignature(std::string_view link_key, const ChatLinkParts& p) {
  // Every part is a number and they are separated, so no set of parts can pose as another.
  const std::string message = "chat-attachment/1|" + std::to_string(p.attachment_id) + "|" +
                              std::to_string(p.workspace_id) + "|" +
                              std::to_string(p.conversation_id) + "|" + std::to_string(p.expires);
  return Base64Url(HmacSha256(link_key, message));
}

std::string ChatAttachmentLink(std::string_view link_key, const ChatLinkParts& p) {
  return "/api/v1/chat/attachments/" + std::to_string(p.attachment_id) +
         "?w=" + std::to_string(p.workspace_id) + "&c=" + std::to_string(p.conversation_id) +
         "&e=" + std::to_string(p.expires) + "&s=" + ChatLinkSignature(link_key, p);
}

ChatLinkCheck CheckChatLink(std::string_view link_key, const ChatLinkParts& p,
                            std::string_view signature, Millis now) {
  if (p.attachment_id <= 0 || p.workspace_id <= 0 || p.conversation_id <= 0 || p.expires <= 0) {
    return ChatLinkCheck::kForged;
  }
  if (!SecureEquals(signature, ChatLinkSignature(link_key, p))) return ChatLinkCheck::kForged;
  if (now / 1000 >= p.expires) return ChatLinkCheck::kExpired;
  return ChatLinkCheck::kOk;
}

}  // namespace sahayak::services
