#include "services/chat/chat_links.h"

#include <gtest/gtest.h>

namespace sahayak::services {
namespace {

const std::string kKey = DeriveChatLinkKey(std::string(32, 'k'));

ChatLinkParts Parts() {
  return {.attachment_id = 7, .workspace_id = 1, .conversation_id = 3, .expires = 1'800'000'000};
}

TEST(ChatLinks, LinkNamesEveryPartAndItsSignatureChecks) {
  const std::string link = ChatAttachmentLink(kKey, Parts());
  EXPECT_EQ(link.rfind("/api/v1/chat/attachments/7?w=1&c=3&e=1800000000&s=", 0), 0u) << link;
  const std::string sig = link.substr(link.find("&s=") + 3);
  EXPECT_EQ(CheckChatLink(kKey, Parts(), sig, 1'799'999'999'000), ChatLinkCheck::kOk);
}

TEST(ChatLinks, ExpiredLinkIsRefusedAsExpired) {
  const std::string sig = ChatLinkSignature(kKey, Parts());
  EXPECT_EQ(CheckChatLink(kKey, Parts(), sig, 1'800'000'000'000), ChatLinkCheck::kExpired);
}

TEST(ChatLinks, AnyChangedPartOrOtherKeyIsForged) {
  const std::string sig = ChatLinkSignature(kKey, Parts());
  const Millis now = 1'700'000'000'000;
  for (int i = 0; i < 4; ++i) {
    ChatLinkParts p = Parts();
    if (i == 0) p.attachment_id = 8;
    if (i == 1) p.workspace_id = 2;
    if (i == 2) p.conversation_id = 4;
    if (i == 3) p.expires += 3600;  // stretching the expiry
    EXPECT_EQ(CheckChatLink(kKey, p, sig, now), ChatLinkCheck::kForged) << i;
  }
  EXPECT_EQ(CheckChatLink(DeriveChatLinkKey(std::string(32, 'x')), Parts(), sig, now),
            ChatLinkCheck::kForged);
  EXPECT_EQ(CheckChatLink(kKey, Parts(), "", now), ChatLinkCheck::kForged);
}

}  // namespace
}  // namespace sahayak::services
