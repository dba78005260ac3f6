#pragma once

#include <string>

#include "services/store.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/tx_analytics.h"
#include "store/sqlite/tx_deflection.h"
#include "store/sqlite/tx_imports.h"
#include "store/sqlite/tx_commerce.h"
#include "store/sqlite/tx_carrier_requests.h"
#include "store/sqlite/tx_chat.h"
#include "store/sqlite/tx_hours.h"
#include "store/sqlite/tx_rules.h"
#include "store/sqlite/tx_sla.h"
#include "store/sqlite/tx_kb.h"
#include "store/sqlite/tx_macros.h"
#include "store/sqlite/tx_portal.h"
#include "store/sqlite/tx_rule_webhooks.h"
#include "store/sqlite/tx_shipments.h"
#include "store/sqlite/tx_web_forms.h"

namespace sahayak::store {

using domain::Id;

// One query of SqliteTx::ListTicketsSorted: tickets matching `filter` with `status_count`
// status parameters (1 when it runs one query per status), in `sort` order, after a key when
// `after`, from one key to another (both included) when `within`, leaving out a range of ids
// when `skip_ids`; a tag is the source of rows, or with `tag_as_filter` a check on each row.
// Exposed for the query-plan tests.
std::string SortedTicketSql(const services::TicketFilter& filter, size_t status_count,
                            domain::TicketSort sort, bool after, bool tag_as_filter = false,
                            bool within = false, bool skip_ids = false);
// The walk of SqliteTx::WalkTaggedStatus: the ids and sort keys of one status's tickets
// matching `filter` without its tag, in `sort` order, from its index alone.
std::string SortedTicketWalkSql(const services::TicketFilter& filter, domain::TicketSort sort,
                                bool after, bool skip_ids = false);

// ReadTx and WriteTx over one SQLite connection. The caller (SqliteStore) owns BEGIN/COMMIT;
// this class only runs statements. Not thread-safe.
class SqliteTx final : public services::WriteTx {
 public:
  explicit SqliteTx(Connection* conn)
      : c_(conn), kb_(conn), web_forms_(conn), deflection_(conn), portal_(conn), shipments_(conn),
        commerce_(conn), imports_(conn), analytics_(conn), carrier_requests_(conn),
        chat_(conn), macros_(conn), hours_(conn), sla_(conn), rule_webhooks_(conn),
        rules_(conn) {}

  // ReadTx
  Result<services::Workspace> GetWorkspace(Id ws) override;
  Result<std::vector<services::Workspace>> ListWorkspaces() override;
  Result<domain::Agent> GetAgent(Id ws, Id id) override;
  Result<domain::Agent> FindAgentByEmail(Id ws, std::string_view email) override;
  Result<services::Page<domain::Agent>> ListAgents(Id ws,
                                                   const services::PageRequest& page) override;
  Result<services::LoginState> GetLoginState(Id ws, Id agent_id) override;
  Result<domain::Group> GetGroup(Id ws, Id id) override;
  Result<services::Page<domain::Group>> ListGroups(Id ws,
                                                   const services::PageRequest& page) override;
  Result<domain::Contact> GetContact(Id ws, Id id) override;
  Result<services::ContactSummary> GetContactSummary(Id ws, Id id) override;
  Result<domain::Contact> FindContactByIdentity(Id ws, domain::Identity::Kind kind,
                                                std::string_view value) override;
  Result<services::Page<domain::Contact>> ListContacts(
      Id ws, const services::ContactFilter& filter, const services::PageRequest& page) override;
  Result<domain::Organisation> GetOrganisation(Id ws, Id id) override;
  Result<domain::Organisation> FindOrganisationByDomain(Id ws, std::string_view domain) override;
  Result<services::Page<domain::Organisation>> ListOrganisations(
      Id ws, const services::PageRequest& page) override;
  Result<domain::Ticket> GetTicket(Id ws, Id id) override;
  Result<domain::Ticket> GetTicketByNumber(Id ws, int64_t number) override;
  Result<int64_t> CountMatchingTickets(Id ws, const services::TicketFilter& filter,
                                       int64_t cap) override;
  Result<services::Page<domain::Ticket>> ListTickets(Id ws, const services::TicketFilter& filter,
                                                     const services::PageRequest& page) override;
  Result<services::TicketPage> ListTicketsSorted(Id ws, const services::TicketFilter& filter,
                                                 domain::TicketSort sort,
                                                 const std::optional<services::TicketKey>& after,
                                                 int limit) override;
  // ListTicketsSorted's kSlaDue order (tx_tickets.cc).
  Result<services::TicketPage> ListSlaDueTickets(Id ws, const services::TicketFilter& filter,
                                                 const std::optional<services::TicketKey>& after,
                                                 int limit);
  Result<std::vector<domain::SavedView>> ListSavedViews(Id ws, Id agent_id) override;
  Result<domain::SavedView> GetSavedView(Id ws, Id id) override;
  Result<int64_t> CountSavedViews(Id ws, std::optional<Id> agent_id) override;
  Result<services::Page<domain::Message>> ListMessages(
      Id ws, Id ticket_id, const services::PageRequest& page) override;
  Result<domain::Attachment> GetAttachment(Id ws, Id id) override;
  Result<std::vector<domain::CustomFieldDef>> ListCustomFields(Id ws) override;
  Result<domain::CustomFieldDef> GetCustomField(Id ws, Id id) override;
  Result<std::vector<services::TagCount>> ListTags(Id ws, std::string_view after,
                                                   int limit) override;
  Result<services::Page<domain::AuditEvent>> ListAuditEvents(
      Id ws, const services::AuditFilter& filter, const services::PageRequest& page) override;
  Result<services::SessionRecord> GetSession(std::string_view token_hash) override;
  Result<services::ApiTokenRecord> FindApiToken(std::string_view token_hash) override;
  Result<services::ApiTokenRecord> GetApiToken(Id ws, Id id) override;
  Result<services::Page<services::ApiTokenRecord>> ListApiTokens(
      Id ws, const services::PageRequest& page) override;
  Result<services::IdempotencyRecord> GetIdempotency(Id ws, std::string_view principal,
                                                     std::string_view key) override;
  Result<int64_t> CountTickets(Id ws) override;
  Result<services::MailMessageRecord> FindMailMessage(Id ws,
                                                      std::string_view message_id) override;
  Result<bool> IsMailParticipant(Id ws, Id ticket_id, std::string_view email) override;

  // WriteTx
  Status InsertWorkspace(services::Workspace* w) override;
  Status UpdateWorkspace(const services::Workspace& w) override;
  Result<int64_t> NextTicketNumber(Id ws) override;
  Status InsertAgent(domain::Agent* a) override;
  Status UpdateAgent(const domain::Agent& a) override;
  Status SetLoginState(Id ws, Id agent_id, const services::LoginState& s) override;
  Status InsertGroup(domain::Group* g) override;
  Status UpdateGroup(const domain::Group& g) override;
  Status DeleteGroup(Id ws, Id id) override;
  Status InsertContact(domain::Contact* c) override;
  Status UpdateContact(const domain::Contact& c) override;
  Status InsertOrganisation(domain::Organisation* o) override;
  Status UpdateOrganisation(const domain::Organisation& o) override;
  Status InsertTicket(domain::Ticket* t) override;
  Status UpdateTicket(const domain::Ticket& before, const domain::Ticket& after) override;
  Status InsertMessage(domain::Message* m) override;
  Status MoveMessages(Id ws, Id from_ticket, Id to_ticket) override;
  Status InsertAttachment(domain::Attachment* a) override;
  Status LinkAttachment(Id ws, Id attachment_id, Id message_id) override;
  Status InsertCustomField(domain::CustomFieldDef* f) override;
  Status UpdateCustomField(const domain::CustomFieldDef& f) override;
  Status InsertSavedView(domain::SavedView* v) override;
  Status UpdateSavedView(const domain::SavedView& v) override;
  Status DeleteSavedView(Id ws, Id id) override;
  Status InsertAudit(domain::AuditEvent* e) override;
  Status InsertOutbox(domain::OutboxItem* o) override;
  Status InsertSession(const services::SessionRecord& s) override;
  Status DeleteSession(std::string_view token_hash) override;
  Status DeleteSessionsOfAgent(Id ws, Id agent_id) override;
  Status DeleteOtherSessionsOfAgent(Id ws, Id agent_id,
                                    std::string_view keep_token_hash) override;
  Status InsertApiToken(services::ApiTokenRecord* t) override;
  Status DeleteApiToken(Id ws, Id id) override;
  Status TouchApiToken(Id id, Millis when) override;
  Status PutIdempotency(Id ws, std::string_view principal, std::string_view key,
                        const services::IdempotencyRecord& r) override;
  Status DeleteIdempotencyBefore(Millis cutoff) override;
  Status DeleteSessionsExpiredBefore(Millis cutoff) override;
  Status InsertMailMessage(services::MailMessageRecord* r) override;
  Status AddMailParticipant(Id ws, Id ticket_id, std::string_view email) override;
  Result<std::vector<domain::Mailbox>> ListMailboxes(Id ws) override;
  Result<domain::Mailbox> GetMailbox(Id ws, Id id) override;
  Result<domain::Mailbox> FindMailboxByName(Id ws, std::string_view name) override;
  Result<std::vector<domain::Mailbox>> ListImapMailboxes() override;
  Result<bool> IsImapUidImported(Id mailbox_id, std::string_view folder, int64_t uid_validity,
                                 int64_t uid) override;
  Result<services::Page<domain::MailOutboxItem>> ListMailOutbox(
      Id ws, std::string_view state, const services::PageRequest& page) override;
  Result<domain::MailOutboxItem> GetMailOutbox(Id ws, Id id) override;
  Result<int64_t> CountMailOutboxTo(Id ws, std::string_view to_email, std::string_view kind,
                                    Millis since) override;
  Result<std::optional<domain::MailBounce>> GetMailBounce(Id ws,
                                                          std::string_view email) override;
  Status InsertMailbox(domain::Mailbox* m) override;
  Status UpdateMailbox(const domain::Mailbox& m) override;
  Status DeleteMailbox(Id ws, Id id) override;
  Status SetMailboxFetchState(Id ws, Id id, Millis at, std::string_view error) override;
  Status RecordImapUid(Id mailbox_id, std::string_view folder, int64_t uid_validity, int64_t uid,
                       std::string_view message_id, Millis at) override;
  Status InsertMailOutbox(domain::MailOutboxItem* item) override;
  Result<std::vector<domain::MailOutboxItem>> ClaimMailOutbox(Millis now, Millis claim_until,
                                                              int limit) override;
  Status MarkMailOutboxSent(Id id, Millis at) override;
  Status MarkMailOutboxRetry(Id id, Millis next_attempt_at, std::string_view error,
                             Millis at) override;
  Status MarkMailOutboxDead(Id id, std::string_view error, Millis at) override;
  Status RequeueMailOutbox(Id ws, Id id, Millis at) override;
  Status PutMailBounce(Id ws, const domain::MailBounce& b) override;
  Status ClearMailBounce(Id ws, std::string_view email) override;
  // outbound mail (helper H6)
  Result<std::vector<services::MailMessageRecord>> ListMailMessagesOfTicket(Id ws, Id ticket_id,
                                                                            int limit) override;
  Result<std::vector<std::string>> ListMailParticipants(Id ws, Id ticket_id, int limit) override;
  Status SetMailOutboxError(Id id, std::string_view error, Millis at) override;
  // search index (helper C1; tx_search.cc)
  Result<std::vector<services::TicketForIndex>> ScanTicketsForIndex(Id after_id,
                                                                    int limit) override;
  Result<std::vector<services::TicketForIndex>> GetTicketsForIndex(
      const std::vector<Id>& ids) override;
  Result<std::vector<services::TicketHead>> GetTicketHeads(Id ws,
                                                           const std::vector<Id>& ids) override;
  Result<std::map<Id, std::vector<std::string>>> GetFirstMessageBodies(
      Id ws, const std::vector<Id>& ids, int per_ticket) override;
  Result<std::vector<domain::Contact>> ScanContactsForIndex(Id after_id, int limit) override;
  Result<std::vector<domain::Contact>> GetContactsForIndex(const std::vector<Id>& ids) override;
  Result<std::vector<domain::Organisation>> ScanOrganisationsForIndex(Id after_id,
                                                                      int limit) override;
  Result<std::vector<domain::Organisation>> GetOrganisationsForIndex(
      const std::vector<Id>& ids) override;
  Result<std::vector<Id>> ListTicketIdsOfContact(Id ws, Id contact_id) override;
  Result<std::vector<Id>> ListTicketIdsOfOrganisation(Id ws, Id organisation_id) override;
  Result<std::vector<domain::OutboxItem>> ListOutboxAfter(Id after_id, int limit) override;
  Result<Id> MaxOutboxId() override;
  Result<services::IndexableCounts> CountIndexable() override;
  // knowledge base (helper K1; tx_kb.h)
  services::KbWriteTx& kb() override { return kb_; }
  // web forms and deflection (helper F; tx_web_forms.h, tx_deflection.h)
  services::WebFormWriteTx& web_forms() override { return web_forms_; }
  services::DeflectionWriteTx& deflection() override { return deflection_; }
  // customer portal (helper P; tx_portal.h)
  services::PortalWriteTx& portal() override { return portal_; }
  // shipments, carriers, tracking events (tx_shipments.h)
  services::ShipmentWriteTx& shipments() override { return shipments_; }
  // orders, invoices, contracts (tx_commerce.h)
  services::CommerceWriteTx& commerce() override { return commerce_; }
  // CSV import jobs (tx_imports.h)
  services::ImportWriteTx& imports() override { return imports_; }
  // operations figures (tx_analytics.h)
  services::AnalyticsReadTx& analytics() override { return analytics_; }
  // carriers' requests endpoints and their queue (tx_carrier_requests.h)
  services::CarrierRequestWriteTx& carrier_requests() override { return carrier_requests_; }
  // live chat (tx_chat.h)
  services::ChatWriteTx& chat() override { return chat_; }
  // macros (tx_macros.h)
  services::MacroWriteTx& macros() override { return macros_; }
  // business hours (tx_hours.h)
  services::HoursWriteTx& hours() override { return hours_; }
  // SLA policies and tickets' SLA rows (tx_sla.h)
  services::SlaWriteTx& sla() override { return sla_; }
  // triggers, automations, their runs and the scheduler's leases (tx_rules.h)
  services::RulesWriteTx& rules() override { return rules_; }
  // the queue of rules' webhooks (tx_rule_webhooks.h)
  services::RuleWebhookWriteTx& rule_webhooks() override { return rule_webhooks_; }

 private:
  Status LoadIdentities(domain::Contact* c);
  Status WriteIdentities(const domain::Contact& c);
  Status LoadDomains(domain::Organisation* o);
  Status WriteDomains(const domain::Organisation& o);
  Status LoadGroupIdsOfAgent(domain::Agent* a);
  Status WriteAgentGroups(const domain::Agent& a);
  Status LoadAgentIdsOfGroup(domain::Group* g);
  Status WriteGroupMembers(const domain::Group& g);
  Status AdjustTagCount(Id ws, const std::string& tag, int delta);
  // The first `want` tickets of one status with filter.tag (on `tag_count` tickets) after
  // `after`, in `sort` order; see tx_tickets.cc.
  Result<std::vector<domain::Ticket>> WalkTaggedStatus(
      Id ws, const services::TicketFilter& filter, domain::TicketStatus status,
      domain::TicketSort sort, const std::optional<services::TicketKey>& after, int want,
      int64_t tag_count);

  Connection* c_;
  SqliteKbTx kb_;
  SqliteWebFormTx web_forms_;
  SqliteDeflectionTx deflection_;
  SqlitePortalTx portal_;
  SqliteShipmentTx shipments_;
  SqliteCommerceTx commerce_;
  SqliteImportTx imports_;
  SqliteAnalyticsTx analytics_;
  SqliteCarrierRequestTx carrier_requests_;
  SqliteChatTx chat_;
  SqliteMacroTx macros_;
  SqliteHoursTx hours_;
  SqliteSlaTx sla_;
  SqliteRuleWebhookTx rule_webhooks_;
  SqliteRulesTx rules_;
};

}  // namespace sahayak::store
