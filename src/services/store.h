#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "domain/custom_field.h"
#include "domain/mailbox.h"
#include "domain/message.h"
#include "domain/people.h"
#include "domain/saved_view.h"
#include "domain/ticket.h"
#include "services/analytics/analytics_store.h"
#include "services/chat/chat_store.h"
#include "services/commerce/commerce_store.h"
#include "services/hours/hours_store.h"
#include "services/sla/sla_store.h"
#include "services/imports/import_store.h"
#include "services/kb/kb_store.h"
#include "services/macros/macros_store.h"
#include "services/portal/portal_store.h"
#include "services/rules/rules_store.h"
#include "services/rules/webhook_store.h"
#include "services/shipments/carrier_request_store.h"
#include "services/shipments/shipment_store.h"
#include "services/deflection/deflection_store.h"
#include "services/webforms/web_form_store.h"

// The storage interfaces the services need. store/sqlite implements them (PostgreSQL later);
// services and api see only these. All methods return NotFound for ids outside the workspace.
namespace sahayak::services {

using domain::Id;

struct Workspace {
  Id id = 0;
  std::string name;
  std::string default_language = "en";
  std::string time_zone = "Asia/Kolkata";
  // The host name of its help centre and portal ("help.acme.in", lower-case, no port), or ""
  // (requests whose Host matches no workspace go to the lowest-id one). Unique when set.
  std::string public_host;
  Millis created_at = 0;
  Millis updated_at = 0;
  int64_t version = 1;
};

// A page of a list ordered by id; `next` is the id to continue from (exclusive), if any.
template <typename T>
struct Page {
  std::vector<T> items;
  std::optional<Id> next;
};

// Keyset paging: rows with id below `before` (newest first) or above `after` (oldest first).
struct PageRequest {
  std::optional<Id> cursor;
  int limit = 25;
};

struct TicketFilter {
  std::vector<domain::TicketStatus> statuses;  // empty: any
  std::optional<Id> assignee_id;
  bool unassigned = false;
  std::optional<Id> group_id;
  std::optional<std::string> tag;
  std::optional<Id> requester_id;
  std::optional<Id> organisation_id;
  std::vector<domain::Priority> priorities;  // empty: any
  std::vector<domain::Channel> channels;     // empty: any
  // SLA (docs/sla.md): any; breached: a clock is breached; due: a clock is running.
  enum class Sla { kAny, kBreached, kDue };
  Sla sla = Sla::kAny;
};

// Where a sorted ticket list continues: the sort key (updated_at, created_at or solved_at) and
// id of the last ticket seen.
struct TicketKey {
  Millis key = 0;
  Id id = 0;
};

struct TicketPage {
  std::vector<domain::Ticket> items;
  std::optional<TicketKey> next;
};

struct ContactFilter {
  std::optional<std::string> email;
  std::optional<Id> organisation_id;
};

struct AuditFilter {
  std::optional<std::string> entity_type;
  std::optional<Id> entity_id;
};

// What a ticket shows of its requester.
struct ContactSummary {
  Id id = 0;
  std::string name;
  std::string email;  // the first e-mail identity, or empty
};

struct TagCount {
  std::string name;
  int64_t ticket_count = 0;
};

struct LoginState {
  int failed = 0;
  std::optional<Millis> first_failed_at;
  std::optional<Millis> locked_until;
};

struct SessionRecord {
  std::string token_hash;
  Id workspace_id = 0;
  Id agent_id = 0;
  std::string csrf_token;
  Millis created_at = 0;
  Millis expires_at = 0;
  bool persistent = false;
  std::string ip;
  std::string user_agent;
};

struct ApiTokenRecord {
  Id id = 0;
  Id workspace_id = 0;
  Id agent_id = 0;
  std::string name;
  std::string token_hash;
  Millis created_at = 0;
  std::optional<Millis> last_used_at;
};

struct IdempotencyRecord {
  std::string request_hash;
  int status = 0;
  std::string body;
  std::string location;
  Millis created_at = 0;
};

// One e-mail Sahayak received ("in") or sent ("out"), by its Message-ID (without <>), and the
// ticket it belongs to: what In-Reply-To and References thread by, and what deduplicates a
// re-delivered mail. Unique per workspace.
struct MailMessageRecord {
  Id id = 0;
  Id workspace_id = 0;
  std::string message_id;
  Id ticket_id = 0;  // as recorded; the ticket may since have been merged into another
  std::optional<Id> message_row_id;  // the ticket message it became, if any
  std::string direction = "in";      // "in" | "out"
  std::string threaded_by;           // how an inbound mail was threaded ("references", "new" …)
  Millis created_at = 0;
};

struct StoreStats {
  int64_t write_queue_depth = 0;
  int64_t database_bytes = 0;
  int64_t batches_committed = 0;
  int64_t writes_committed = 0;
};

// --- search index (helper C1) ---
// A ticket with everything the search index keeps of it (search/documents.h), read by
// ReadTx::ScanTicketsForIndex / GetTicketsForIndex in a few set-based queries.
struct TicketForIndex {
  domain::Ticket ticket;
  // Public replies and internal notes, oldest first, with id, ticket_id, is_public, author_kind,
  // body, channel and created_at only (no html, no attachments).
  std::vector<domain::Message> messages;
  std::vector<std::string> attachment_names;  // of all its messages
  std::optional<domain::Contact> requester;   // with identities
  std::optional<domain::Organisation> organisation;  // the ticket's, with domains
};

// What a search hit shows of its ticket and checks against the index (search/searcher.cc):
// the subject, whether it was merged, and the version its stored snippet text was made at.
struct TicketHead {
  Id id = 0;
  std::string subject;
  std::optional<Id> merged_into_id;
  int64_t version = 0;
};

struct IndexableCounts {
  int64_t tickets = 0;  // not merged
  int64_t contacts = 0;
  int64_t organisations = 0;
  int64_t article_translations = 0;  // of articles not deleted: one index document each
};

// Reads see one consistent snapshot. Not thread-safe: one transaction, one thread.
class ReadTx {
 public:
  virtual ~ReadTx() = default;

  virtual Result<Workspace> GetWorkspace(Id ws) = 0;
  virtual Result<std::vector<Workspace>> ListWorkspaces() = 0;

  virtual Result<domain::Agent> GetAgent(Id ws, Id id) = 0;
  virtual Result<domain::Agent> FindAgentByEmail(Id ws, std::string_view email) = 0;
  virtual Result<Page<domain::Agent>> ListAgents(Id ws, const PageRequest& page) = 0;
  virtual Result<LoginState> GetLoginState(Id ws, Id agent_id) = 0;

  virtual Result<domain::Group> GetGroup(Id ws, Id id) = 0;
  virtual Result<Page<domain::Group>> ListGroups(Id ws, const PageRequest& page) = 0;

  virtual Result<domain::Contact> GetContact(Id ws, Id id) = 0;
  // One query for the name and first e-mail, for ticket lists and pages.
  virtual Result<ContactSummary> GetContactSummary(Id ws, Id id) = 0;
  virtual Result<domain::Contact> FindContactByIdentity(Id ws, domain::Identity::Kind kind,
                                                        std::string_view value) = 0;
  virtual Result<Page<domain::Contact>> ListContacts(Id ws, const ContactFilter& filter,
                                                     const PageRequest& page) = 0;

  virtual Result<domain::Organisation> GetOrganisation(Id ws, Id id) = 0;
  virtual Result<domain::Organisation> FindOrganisationByDomain(Id ws,
                                                                std::string_view domain) = 0;
  virtual Result<Page<domain::Organisation>> ListOrganisations(Id ws,
                                                               const PageRequest& page) = 0;

  virtual Result<domain::Ticket> GetTicket(Id ws, Id id) = 0;
  // The ticket a person calls "#1234": numbers count per workspace, ids across all of them.
  virtual Result<domain::Ticket> GetTicketByNumber(Id ws, int64_t number) = 0;
  // Newest id first (a contact's tickets).
  virtual Result<Page<domain::Ticket>> ListTickets(Id ws, const TicketFilter& filter,
                                                   const PageRequest& page) = 0;
  // In `sort` order (ties by id in the same direction), after `after` when given.
  virtual Result<TicketPage> ListTicketsSorted(Id ws, const TicketFilter& filter,
                                               domain::TicketSort sort,
                                               const std::optional<TicketKey>& after,
                                               int limit) = 0;
  // How many tickets match, counting at most `cap` (inbox counts show "10,000+").
  virtual Result<int64_t> CountMatchingTickets(Id ws, const TicketFilter& filter,
                                               int64_t cap) = 0;
  // Oldest first; `page.cursor` is the last id seen.
  virtual Result<Page<domain::Message>> ListMessages(Id ws, Id ticket_id,
                                                     const PageRequest& page) = 0;
  virtual Result<domain::Attachment> GetAttachment(Id ws, Id id) = 0;

  virtual Result<std::vector<domain::CustomFieldDef>> ListCustomFields(Id ws) = 0;
  virtual Result<domain::CustomFieldDef> GetCustomField(Id ws, Id id) = 0;

  // Ordered by name; `after` is the last name seen.
  virtual Result<std::vector<TagCount>> ListTags(Id ws, std::string_view after, int limit) = 0;

  // The agent's own views, then the shared ones; each by position, then id.
  virtual Result<std::vector<domain::SavedView>> ListSavedViews(Id ws, Id agent_id) = 0;
  virtual Result<domain::SavedView> GetSavedView(Id ws, Id id) = 0;
  // How many views `agent_id` owns (nullopt: how many are shared).
  virtual Result<int64_t> CountSavedViews(Id ws, std::optional<Id> agent_id) = 0;

  virtual Result<Page<domain::AuditEvent>> ListAuditEvents(Id ws, const AuditFilter& filter,
                                                           const PageRequest& page) = 0;

  virtual Result<SessionRecord> GetSession(std::string_view token_hash) = 0;
  virtual Result<ApiTokenRecord> FindApiToken(std::string_view token_hash) = 0;
  virtual Result<ApiTokenRecord> GetApiToken(Id ws, Id id) = 0;
  virtual Result<Page<ApiTokenRecord>> ListApiTokens(Id ws, const PageRequest& page) = 0;
  virtual Result<IdempotencyRecord> GetIdempotency(Id ws, std::string_view principal,
                                                   std::string_view key) = 0;
  virtual Result<int64_t> CountTickets(Id ws) = 0;

  // E-mail threading (migration 0005). NotFound when the Message-ID is unknown.
  virtual Result<MailMessageRecord> FindMailMessage(Id ws, std::string_view message_id) = 0;
  // Whether `email` (case-folded) took part in the ticket's mail.
  virtual Result<bool> IsMailParticipant(Id ws, Id ticket_id, std::string_view email) = 0;

  // Mailboxes (migration 0006), ordered by name.
  virtual Result<std::vector<domain::Mailbox>> ListMailboxes(Id ws) = 0;
  virtual Result<domain::Mailbox> GetMailbox(Id ws, Id id) = 0;
  virtual Result<domain::Mailbox> FindMailboxByName(Id ws, std::string_view name) = 0;
  // Every enabled mailbox with an IMAP host, in all workspaces (for the fetchers).
  virtual Result<std::vector<domain::Mailbox>> ListImapMailboxes() = 0;
  // Whether that IMAP message was imported (the ticket committed).
  virtual Result<bool> IsImapUidImported(Id mailbox_id, std::string_view folder,
                                         int64_t uid_validity, int64_t uid) = 0;

  // The outbox. Newest first; `state` empty: any.
  virtual Result<Page<domain::MailOutboxItem>> ListMailOutbox(Id ws, std::string_view state,
                                                              const PageRequest& page) = 0;
  virtual Result<domain::MailOutboxItem> GetMailOutbox(Id ws, Id id) = 0;
  // How many mails of `kind` went (or are queued) to `to_email` since `since`.
  virtual Result<int64_t> CountMailOutboxTo(Id ws, std::string_view to_email,
                                            std::string_view kind, Millis since) = 0;
  // The bounce mark of an address (case-folded), if any.
  virtual Result<std::optional<domain::MailBounce>> GetMailBounce(Id ws,
                                                                  std::string_view email) = 0;

  // --- outbound mail (helper H6) ---
  // The ticket's last `limit` Message-IDs, received and sent, oldest first (References).
  virtual Result<std::vector<MailMessageRecord>> ListMailMessagesOfTicket(Id ws, Id ticket_id,
                                                                          int limit) = 0;
  // The addresses that took part in the ticket's mail (case-folded), in address order.
  virtual Result<std::vector<std::string>> ListMailParticipants(Id ws, Id ticket_id,
                                                                int limit) = 0;

  // --- search index (helper C1): reads across all workspaces, in id order ---
  // Up to `limit` tickets with id > `after_id`, merged ones included.
  virtual Result<std::vector<TicketForIndex>> ScanTicketsForIndex(Id after_id, int limit) = 0;
  // Those of `ids` that exist (at most 500 ids).
  virtual Result<std::vector<TicketForIndex>> GetTicketsForIndex(const std::vector<Id>& ids) = 0;
  // Contacts with identities, organisations with domains: after `after_id`, or those of `ids`.
  virtual Result<std::vector<domain::Contact>> ScanContactsForIndex(Id after_id, int limit) = 0;
  virtual Result<std::vector<domain::Contact>> GetContactsForIndex(const std::vector<Id>& ids) = 0;
  virtual Result<std::vector<domain::Organisation>> ScanOrganisationsForIndex(Id after_id,
                                                                              int limit) = 0;
  virtual Result<std::vector<domain::Organisation>> GetOrganisationsForIndex(
      const std::vector<Id>& ids) = 0;
  // The heads of those of `ids` that exist in workspace `ws` (at most 500 ids), in id order:
  // one query for a page of search hits.
  virtual Result<std::vector<TicketHead>> GetTicketHeads(Id ws, const std::vector<Id>& ids) = 0;
  // The bodies of the first `per_ticket` messages (oldest first; notes too) of each of `ids`
  // in workspace `ws` (at most 500 ids): the text of a page of hits' snippets. A ticket
  // without messages, or of another workspace, has no entry.
  virtual Result<std::map<Id, std::vector<std::string>>> GetFirstMessageBodies(
      Id ws, const std::vector<Id>& ids, int per_ticket) = 0;
  // Ids of the tickets the contact requested / of the organisation's tickets.
  virtual Result<std::vector<Id>> ListTicketIdsOfContact(Id ws, Id contact_id) = 0;
  virtual Result<std::vector<Id>> ListTicketIdsOfOrganisation(Id ws, Id organisation_id) = 0;
  // Outbox rows with id > `after_id`, oldest first; the largest outbox id (0 when empty).
  virtual Result<std::vector<domain::OutboxItem>> ListOutboxAfter(Id after_id, int limit) = 0;
  virtual Result<Id> MaxOutboxId() = 0;
  virtual Result<IndexableCounts> CountIndexable() = 0;

  // The knowledge base (services/kb/kb_store.h).
  virtual KbReadTx& kb() = 0;
  // The customer portal (services/portal/portal_store.h).
  virtual PortalReadTx& portal() = 0;
  // Web forms and article deflection (helper F; services/webforms/web_form_store.h,
  // services/deflection/deflection_store.h).
  virtual WebFormReadTx& web_forms() = 0;
  virtual DeflectionReadTx& deflection() = 0;
  // Shipments, carriers, tracking events (services/shipments/shipment_store.h).
  virtual ShipmentReadTx& shipments() = 0;
  // Orders, invoices, contracts (services/commerce/commerce_store.h).
  virtual CommerceReadTx& commerce() = 0;
  // CSV import jobs (services/imports/import_store.h).
  virtual ImportReadTx& imports() = 0;
  // What the operations figures read (services/analytics/analytics_store.h).
  virtual AnalyticsReadTx& analytics() = 0;
  // Carriers' requests endpoints and the delivery-request queue
  // (services/shipments/carrier_request_store.h).
  virtual CarrierRequestReadTx& carrier_requests() = 0;
  // Live chat: settings, visitors, conversations and their events (services/chat/chat_store.h).
  virtual ChatReadTx& chat() = 0;
  // Macros: named actions and replies (services/macros/macros_store.h).
  virtual MacroReadTx& macros() = 0;
  // Business hours and their holidays (services/hours/hours_store.h).
  virtual HoursReadTx& hours() = 0;
  // SLA policies, tickets' SLA rows and notices (services/sla/sla_store.h).
  virtual SlaReadTx& sla() = 0;
  // The queue of webhooks rules call (services/rules/webhook_store.h).
  virtual RuleWebhookReadTx& rule_webhooks() = 0;
  // Triggers, automations, their runs and the scheduler's leases
  // (services/rules/rules_store.h).
  virtual RulesReadTx& rules() = 0;
};

// A write transaction; it also reads its own writes. Inserts fill in the new id.
class WriteTx : public virtual ReadTx {
 public:
  virtual Status InsertWorkspace(Workspace* w) = 0;
  virtual Status UpdateWorkspace(const Workspace& w) = 0;
  virtual Result<int64_t> NextTicketNumber(Id ws) = 0;

  virtual Status InsertAgent(domain::Agent* a) = 0;  // with its group_ids
  virtual Status UpdateAgent(const domain::Agent& a) = 0;  // with its group_ids
  virtual Status SetLoginState(Id ws, Id agent_id, const LoginState& s) = 0;

  virtual Status InsertGroup(domain::Group* g) = 0;  // with its agent_ids
  virtual Status UpdateGroup(const domain::Group& g) = 0;
  // FailedPrecondition when tickets still belong to the group.
  virtual Status DeleteGroup(Id ws, Id id) = 0;

  virtual Status InsertContact(domain::Contact* c) = 0;  // AlreadyExists on a taken identity
  virtual Status UpdateContact(const domain::Contact& c) = 0;

  virtual Status InsertOrganisation(domain::Organisation* o) = 0;  // AlreadyExists on a domain
  virtual Status UpdateOrganisation(const domain::Organisation& o) = 0;

  virtual Status InsertTicket(domain::Ticket* t) = 0;
  // `before` is the stored row, so tag counts can follow the change.
  virtual Status UpdateTicket(const domain::Ticket& before, const domain::Ticket& after) = 0;

  virtual Status InsertMessage(domain::Message* m) = 0;
  virtual Status MoveMessages(Id ws, Id from_ticket, Id to_ticket) = 0;
  virtual Status InsertAttachment(domain::Attachment* a) = 0;
  virtual Status LinkAttachment(Id ws, Id attachment_id, Id message_id) = 0;

  virtual Status InsertCustomField(domain::CustomFieldDef* f) = 0;
  virtual Status UpdateCustomField(const domain::CustomFieldDef& f) = 0;

  // AlreadyExists when the owner has a view of that name.
  virtual Status InsertSavedView(domain::SavedView* v) = 0;
  virtual Status UpdateSavedView(const domain::SavedView& v) = 0;
  virtual Status DeleteSavedView(Id ws, Id id) = 0;

  virtual Status InsertAudit(domain::AuditEvent* e) = 0;
  virtual Status InsertOutbox(domain::OutboxItem* o) = 0;

  virtual Status InsertSession(const SessionRecord& s) = 0;
  virtual Status DeleteSession(std::string_view token_hash) = 0;
  virtual Status DeleteSessionsOfAgent(Id ws, Id agent_id) = 0;
  // Every session of the agent but the one whose hash is `keep_token_hash`.
  virtual Status DeleteOtherSessionsOfAgent(Id ws, Id agent_id,
                                            std::string_view keep_token_hash) = 0;
  virtual Status InsertApiToken(ApiTokenRecord* t) = 0;
  virtual Status DeleteApiToken(Id ws, Id id) = 0;
  virtual Status TouchApiToken(Id id, Millis when) = 0;
  virtual Status PutIdempotency(Id ws, std::string_view principal, std::string_view key,
                                const IdempotencyRecord& r) = 0;
  virtual Status DeleteIdempotencyBefore(Millis cutoff) = 0;
  virtual Status DeleteSessionsExpiredBefore(Millis cutoff) = 0;

  // AlreadyExists when the workspace has a mail with that Message-ID.
  virtual Status InsertMailMessage(MailMessageRecord* r) = 0;
  // Records that `email` (case-folded) took part in the ticket's mail; repeating is a no-op.
  virtual Status AddMailParticipant(Id ws, Id ticket_id, std::string_view email) = 0;

  // AlreadyExists when the workspace has a mailbox of that name or address.
  virtual Status InsertMailbox(domain::Mailbox* m) = 0;
  virtual Status UpdateMailbox(const domain::Mailbox& m) = 0;  // the same AlreadyExists
  // Queued mail of the mailbox keeps going out through another mailbox's server.
  virtual Status DeleteMailbox(Id ws, Id id) = 0;
  virtual Status SetMailboxFetchState(Id ws, Id id, Millis at, std::string_view error) = 0;
  // Records an imported IMAP message; repeating is a no-op.
  virtual Status RecordImapUid(Id mailbox_id, std::string_view folder, int64_t uid_validity,
                               int64_t uid, std::string_view message_id, Millis at) = 0;

  virtual Status InsertMailOutbox(domain::MailOutboxItem* item) = 0;
  // Claims up to `limit` mails that are due at `now` (queued, or sending with an expired
  // claim): each becomes "sending" until `claim_until`, one more attempt counted.
  virtual Result<std::vector<domain::MailOutboxItem>> ClaimMailOutbox(Millis now,
                                                                      Millis claim_until,
                                                                      int limit) = 0;
  virtual Status MarkMailOutboxSent(Id id, Millis at) = 0;
  // Back to queued until `next_attempt_at`, with the error of this attempt.
  virtual Status MarkMailOutboxRetry(Id id, Millis next_attempt_at, std::string_view error,
                                     Millis at) = 0;
  virtual Status MarkMailOutboxDead(Id id, std::string_view error, Millis at) = 0;
  // A dead (or queued) mail queued again now, attempts reset. NotFound outside the workspace,
  // FailedPrecondition when it was sent or is being sent.
  virtual Status RequeueMailOutbox(Id ws, Id id, Millis at) = 0;

  virtual Status PutMailBounce(Id ws, const domain::MailBounce& b) = 0;
  virtual Status ClearMailBounce(Id ws, std::string_view email) = 0;

  // --- outbound mail (helper H6) ---
  // Notes `error` on a mail without changing its state (a sent mail some recipients refused).
  virtual Status SetMailOutboxError(Id id, std::string_view error, Millis at) = 0;

  // The knowledge base, writable (services/kb/kb_store.h).
  KbWriteTx& kb() override = 0;
  // The customer portal, writable (services/portal/portal_store.h).
  PortalWriteTx& portal() override = 0;
  // Web forms and article deflection, writable (helper F).
  WebFormWriteTx& web_forms() override = 0;
  DeflectionWriteTx& deflection() override = 0;
  ShipmentWriteTx& shipments() override = 0;
  CommerceWriteTx& commerce() override = 0;
  ImportWriteTx& imports() override = 0;
  CarrierRequestWriteTx& carrier_requests() override = 0;
  ChatWriteTx& chat() override = 0;
  MacroWriteTx& macros() override = 0;
  HoursWriteTx& hours() override = 0;
  SlaWriteTx& sla() override = 0;
  RuleWebhookWriteTx& rule_webhooks() override = 0;
  RulesWriteTx& rules() override = 0;
};

// The database. Thread-safe.
class Store {
 public:
  virtual ~Store() = default;

  // Runs `fn` on the calling thread in a read transaction.
  virtual Status Read(const std::function<Status(ReadTx&)>& fn) = 0;

  // Runs `fn` on the single writer thread, batched with other writers' functions into one
  // transaction (group commit); each function runs inside its own savepoint, so an error
  // undoes only that function's writes. Returns once the batch is durable (or failed).
  // `fn` must not block or take long: hash passwords and read files before calling Write.
  virtual Status Write(const std::function<Status(WriteTx&)>& fn) = 0;

  virtual StoreStats Stats() = 0;

  // Refreshes the query planner's statistics (SQLite: a sampled ANALYZE). Call after
  // bulk loads and now and then while serving.
  virtual Status Optimize() = 0;
};

}  // namespace sahayak::services
