#pragma once

#include <memory>
#include <string>

#include "api/chat_endpoint.h"
#include "api/context.h"
#include "api/metrics.h"
#include "api/router.h"
#include "app/carrier_request_worker.h"
#include "app/chat_notice_worker.h"
#include "app/config.h"
#include "app/import_worker.h"
#include "app/mail_outbox_worker.h"
#include "app/rule_webhook_worker.h"
#include "app/static_site.h"
#include "services/attachments/attachment_service.h"
#include "services/auth/auth_service.h"
#include "services/chat/assistant_hook.h"
#include "services/chat/chat_hub.h"
#include "services/chat/chat_presence.h"
#include "services/chat/chat_service.h"
#include "services/kb/kb_service.h"
#include "services/mail/ingest_service.h"
#include "services/mail/mailbox_service.h"
#include "services/mail/outbound_service.h"
#include "services/people/people_service.h"
#include "services/portal/portal_service.h"
#include "services/presence/presence_service.h"
#include "services/rules/rule_engine.h"
#include "services/rules/rule_service.h"
#include "services/search/search.h"
#include "services/tickets/ticket_service.h"
#include "services/views/view_service.h"
#include "store/file_blob_store.h"
#include "store/sqlite/sqlite_store.h"

namespace sahayak::app {

// The composition root: the one place that names concrete classes and wires them together.
class App {
 public:
  // Creates the data folder when missing, opens the database and applies migrations, and
  // makes sure the default workspace exists. Never adds demo data.
  static Result<std::unique_ptr<App>> Open(const Config& config);

  const Config& config() const { return config_; }
  store::SqliteStore& store() { return *store_; }
  services::TicketService& tickets() { return *tickets_; }
  services::PeopleService& people() { return *people_; }
  services::AuthService& auth() { return *auth_; }
  services::KbService& kb() { return *kb_; }
  services::MacroService& macros() { return *macros_; }
  services::ShipmentService& shipments() { return *shipments_; }
  services::ShipmentNotifier& notifier() { return *notifier_; }
  // Late notices for every workspace's shipments past their promised date (the maintenance
  // pass runs it); how many were decided.
  Result<int> SweepLateShipments();
  // Brings every workspace's organisations into step with their contracts in force (the
  // maintenance pass runs it); how many contracts applied.
  Result<int> SyncContractTiers();
  services::CommerceService& commerce() { return *commerce_; }
  services::BusinessHoursService& hours() { return *hours_; }
  services::SlaService& sla() { return *sla_; }
  services::MailIngestService& mail_ingest() { return *mail_ingest_; }
  services::BlobStore& blobs();
  // Sends the mail outbox; `serve` starts and stops it.
  MailOutboxWorker& outbox_worker() { return *outbox_worker_; }
  ImportWorker& import_worker() { return *import_worker_; }
  // Sends delivery requests to carriers' endpoints; `serve` starts and stops it.
  CarrierRequestWorker& carrier_request_worker() { return *carrier_request_worker_; }
  // Webhooks called by rules (docs/automation.md, "Webhooks"): the rules engine queues through
  // the service; `serve` starts and stops the worker that sends them.
  services::RuleWebhookService& rule_webhooks() { return *rule_webhooks_; }
  RuleWebhookWorker& rule_webhook_worker() { return *rule_webhook_worker_; }
  // Triggers and automations (docs/automation.md); `serve` runs the engine's loops.
  services::RuleService& rules() { return *rules_; }
  services::RuleEngine& rule_engine() { return *rule_engine_; }
  api::Router& router() { return *router_; }
  // Live chat (docs/chat.md): the sockets' protocol side, which `serve` hands to the HTTP
  // server, and whose Tick it runs every second.
  api::ChatEndpoint& chat_endpoint() { return *chat_endpoint_; }
  services::ChatService& chat() { return *chat_; }
  // Posts shipment notices into customers' chats and tells the hub; `serve` starts and stops it.
  ChatNoticeWorker& chat_notice_worker() { return *chat_notice_worker_; }
  // What the routes share; `serve` adds what only it runs (the IMAP fetchers' "fetch now").
  api::ApiContext& context() { return *context_; }
  services::Principal SystemPrincipal() const;
  int migrations_applied() const { return store_->migrations_applied(); }
  bool web_console_available() const { return site_->Available(); }
  // Seals and opens secrets kept in the database (app/secret_key.h).
  const std::string& secret_key() const { return secret_key_; }

 private:
  explicit App(Config config) : config_(std::move(config)) {}
  Config config_;
  std::string secret_key_;
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<store::FileBlobStore> blobs_;
  std::unique_ptr<services::TicketService> tickets_;
  std::unique_ptr<services::PeopleService> people_;
  std::unique_ptr<services::ViewService> views_;
  std::unique_ptr<services::MacroService> macros_;
  std::unique_ptr<services::BusinessHoursService> hours_;
  std::unique_ptr<services::SlaService> sla_;
  std::unique_ptr<services::RuleService> rules_;
  std::unique_ptr<services::RuleEngine> rule_engine_;
  std::unique_ptr<services::PresenceService> presence_;
  std::unique_ptr<services::AuthService> auth_;
  std::unique_ptr<services::AttachmentService> attachments_;
  std::unique_ptr<services::MailIngestService> mail_ingest_;
  std::unique_ptr<services::MailServerCheck> mail_check_;
  std::unique_ptr<services::MailboxService> mailboxes_;
  std::unique_ptr<services::SearchService> search_;
  // After store_: its destructor writes the view counts it still holds.
  std::unique_ptr<services::KbService> kb_;
  std::unique_ptr<api::Metrics> metrics_;
  std::unique_ptr<api::RateLimiter> api_limiter_;
  std::unique_ptr<api::RateLimiter> login_limiter_;
  std::unique_ptr<api::RateLimiter> help_feedback_limiter_;
  // Web forms and deflection (helper F).
  std::unique_ptr<services::WebFormService> web_forms_;
  std::unique_ptr<services::ShipmentService> shipments_;
  std::unique_ptr<services::ShipmentNotifier> notifier_;
  std::unique_ptr<services::DeliveryService> delivery_;
  std::unique_ptr<services::CommerceService> commerce_;
  std::unique_ptr<services::InvoiceRenderer> invoice_renderer_;
  std::unique_ptr<services::DeflectionTracker> deflection_;
  std::unique_ptr<api::RateLimiter> web_form_ip_limiter_;
  std::unique_ptr<api::RateLimiter> web_form_email_limiter_;
  std::unique_ptr<api::RateLimiter> help_suggest_limiter_;
  // The customer portal (helper P).
  std::unique_ptr<services::PortalService> portal_;
  std::unique_ptr<api::RateLimiter> portal_address_limiter_;
  std::unique_ptr<api::RateLimiter> portal_ip_limiter_;
  std::unique_ptr<api::RateLimiter> track_ip_limiter_;
  std::unique_ptr<api::RateLimiter> track_number_limiter_;
  std::unique_ptr<api::ApiContext> context_;
  std::unique_ptr<api::Router> router_;
  std::unique_ptr<StaticSite> site_;
  std::unique_ptr<services::MailOutboundService> outbound_;
  // Last: its thread stops before the store and blobs it uses go.
  std::unique_ptr<MailOutboxWorker> outbox_worker_;
  std::unique_ptr<services::ImportService> imports_;
  std::unique_ptr<ImportWorker> import_worker_;
  // Delivery requests passed on to carriers (docs/shipments.md, "Telling the carrier").
  std::unique_ptr<services::CarrierRequestService> carrier_requests_;
  std::unique_ptr<services::HttpClient> http_client_;
  std::unique_ptr<CarrierRequestWorker> carrier_request_worker_;
  // Webhooks called by rules, with their own HTTP client (private addresses refused unless
  // rule_webhooks.allow_private_addresses).
  std::unique_ptr<services::RuleWebhookService> rule_webhooks_;
  std::unique_ptr<services::HttpClient> rule_webhook_http_;
  std::unique_ptr<RuleWebhookWorker> rule_webhook_worker_;
  // Live chat: presence and the hub are in memory, per process.
  std::unique_ptr<services::ChatPresence> chat_presence_;
  std::unique_ptr<services::NoAssistant> assistant_;
  std::unique_ptr<services::ChatService> chat_;
  std::unique_ptr<services::ChatHub> chat_hub_;
  std::unique_ptr<api::ChatEndpoint> chat_endpoint_;
  // After the endpoint: its thread publishes through it, so it stops first.
  std::unique_ptr<ChatNoticeWorker> chat_notice_worker_;
  std::unique_ptr<api::RateLimiter> chat_offline_limiter_;
};

// Logging to stderr as text or one JSON object per line.
void ConfigureLogging(const std::string& format, const std::string& level);

}  // namespace sahayak::app
