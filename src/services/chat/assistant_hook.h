#pragma once

#include "base/status.h"
#include "services/chat/chat_store.h"

namespace sahayak::services {

class WriteTx;

// What the assistant decided about a new chat before it is queued for an agent.
struct AssistantDecision {
  // true: queue it for an agent now. false: the assistant keeps the conversation (it stays
  // `queued` but is not offered) until it calls ChatService::HandOff.
  bool hand_to_agents = true;
};

// The assistant's way into live chat (issue 8, item 4): called inside the transaction that
// starts a conversation, after its first message is stored and before it is queued. A later
// assistant answers routine questions here and hands off to people. Implementations must be
// thread-safe and must not block; an error undoes the start.
class AssistantHook {
 public:
  virtual ~AssistantHook() = default;
  virtual Result<AssistantDecision> BeforeQueue(WriteTx& tx, const ChatConversation& conversation,
                                                const ChatEvent& first_message) = 0;
};

// Hands every chat to the agents.
class NoAssistant final : public AssistantHook {
 public:
  Result<AssistantDecision> BeforeQueue(WriteTx&, const ChatConversation&,
                                        const ChatEvent&) override {
    return AssistantDecision{};
  }
};

}  // namespace sahayak::services
