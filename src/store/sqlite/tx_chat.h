#pragma once

#include "services/chat/chat_store.h"
#include "store/sqlite/connection.h"

namespace sahayak::store {

// Live chat's tables over one SQLite connection (tx_chat.cc, migration 0020). A member of
// SqliteTx, so it runs inside SqliteTx's transaction. Not thread-safe.
class SqliteChatTx final : public services::ChatWriteTx {
 public:
  explicit SqliteChatTx(Connection* conn) : c_(conn) {}

  Result<services::ChatSettings> GetChatSettings(domain::Id ws) override;
  Result<services::ChatSettings> FindChatSettingsByKey(std::string_view widget_key) override;
  Result<std::vector<services::ChatSettings>> ListEnabledChatSettings() override;
  Result<services::ChatVisitor> FindVisitorByTokenHash(std::string_view token_hash) override;
  Result<services::ChatVisitor> GetVisitor(domain::Id ws, domain::Id id) override;
  Result<services::ChatConversation> GetConversation(domain::Id ws, domain::Id id) override;
  Result<std::vector<services::ChatConversation>> ListConversationsOfVisitor(
      domain::Id ws, domain::Id visitor_id, int limit) override;
  Result<services::ChatConversation> LatestConversationOfContact(domain::Id ws,
                                                                 domain::Id contact_id) override;
  Result<std::vector<services::ChatConversation>> ListConversationsByStatus(
      domain::Id ws, const std::vector<std::string>& statuses, int limit) override;
  Result<std::vector<services::ChatConversation>> ListLiveConversationsOfAgent(
      domain::Id ws, domain::Id agent_id) override;
  Result<std::map<domain::Id, int>> CountAgentLoads(domain::Id ws) override;
  Result<std::vector<services::ChatConversation>> ListConversationsOfTicket(
      domain::Id ws, domain::Id ticket_id) override;
  Result<std::vector<services::ChatEvent>> ListEventsAfter(domain::Id ws,
                                                           domain::Id conversation_id,
                                                           int64_t after_seq, int limit) override;
  Result<services::ChatEvent> FindEventByClientId(domain::Id ws, domain::Id conversation_id,
                                                  std::string_view client_id) override;
  Result<services::ChatEvent> FindStartByClientId(domain::Id ws, domain::Id visitor_id,
                                                  std::string_view client_id) override;
  Result<services::ChatAgentProfile> GetAgentProfile(domain::Id ws, domain::Id agent_id) override;
  Result<std::vector<services::ChatAgentProfile>> ListAgentProfiles(domain::Id ws) override;
  Result<std::vector<services::ChatReadPosition>> ListReadPositions(
      domain::Id ws, domain::Id conversation_id) override;
  Result<domain::Id> GetChatAttachmentVisitor(domain::Id ws, domain::Id attachment_id) override;

  Status PutChatSettings(const services::ChatSettings& s) override;
  Status InsertVisitor(services::ChatVisitor* v) override;
  Status UpdateVisitor(const services::ChatVisitor& v) override;
  Status InsertConversation(services::ChatConversation* c) override;
  Status UpdateConversation(const services::ChatConversation& c) override;
  Status InsertEvent(services::ChatEvent* e) override;
  Status PutAgentProfile(const services::ChatAgentProfile& p) override;
  Status PutReadPosition(domain::Id ws, domain::Id conversation_id,
                         const services::ChatReadPosition& p) override;
  Status InsertChatAttachment(domain::Id ws, domain::Id attachment_id, domain::Id visitor_id,
                              Millis at) override;

 private:
  Connection* c_;
};

}  // namespace sahayak::store
