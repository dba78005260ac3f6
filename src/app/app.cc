#include "app/app.h"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <filesystem>
#include <mutex>

#include <nlohmann/json.hpp>

#include "api/help.h"
#include "api/portal.h"
#include "app/secret_key.h"
#include "services/chat/chat_links.h"
#include "net/http_client.h"
#include "render/invoice_pdf.h"
#include "search/indexer.h"
#include "base/language.h"
#include "search/searcher.h"
#include "channels/email/mail_server_check.h"
#include "base/clock.h"
#include "base/crypto.h"

namespace sahayak::app {

namespace {

// One JSON object per line on stderr, with the message escaped properly (a pattern cannot
// escape quotes or newlines inside the message).
class JsonStderrSink final : public spdlog::sinks::base_sink<std::mutex> {
 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(msg.time.time_since_epoch());
    nlohmann::json line = {
        {"time", FormatRfc3339(ms.count())},
        {"level", std::string(spdlog::level::to_string_view(msg.level).data(),
                              spdlog::level::to_string_view(msg.level).size())},
        {"thread", msg.thread_id},
        {"message", std::string(msg.payload.data(), msg.payload.size())}};
    std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    text += '\n';
    std::fwrite(text.data(), 1, text.size(), stderr);
  }
  void flush_() override { std::fflush(stderr); }
};

}  // namespace

void ConfigureLogging(const std::string& format, const std::string& level) {
  std::shared_ptr<spdlog::logger> logger;
  if (format == "json") {
    logger = std::make_shared<spdlog::logger>("sahayak", std::make_shared<JsonStderrSink>());
  } else {
    logger = spdlog::stderr_logger_mt("sahayak");
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %l %v", spdlog::pattern_time_type::utc);
  }
  logger->set_level(spdlog::level::from_str(level));
  spdlog::set_default_logger(logger);
}

Result<std::unique_ptr<App>> App::Open(const Config& config) {
  RETURN_IF_ERROR(config.Validate());
  InitCrypto();
  std::unique_ptr<App> app(new App(config));
  std::error_code ec;
  std::filesystem::create_directories(config.data_dir + "/attachments", ec);
  if (ec) {
    return Unavailable("cannot create the data folder " + config.data_dir + ": " + ec.message());
  }
  ASSIGN_OR_RETURN(app->secret_key_, LoadSecretKey(config));
  store::SqliteStoreOptions so;
  so.path = config.data_dir + "/sahayak.db";
  so.max_readers = config.db_readers;
  so.synchronous_full = config.db_synchronous == "full";
  ASSIGN_OR_RETURN(app->store_, store::SqliteStore::Open(so));

  const Clock& clock = SystemClock::Get();
  services::Id workspace_id = 0;
  RETURN_IF_ERROR(app->store_->Write([&](services::WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto all, tx.ListWorkspaces());
    if (!all.empty()) {
      workspace_id = all.front().id;
      return Status::Ok();
    }
    services::Workspace w;
    w.name = "Sahayak";
    w.created_at = w.updated_at = clock.Now();
    RETURN_IF_ERROR(tx.InsertWorkspace(&w));
    workspace_id = w.id;
    return Status::Ok();
  }));

  app->blobs_ = std::make_unique<store::FileBlobStore>(config.data_dir + "/attachments");
  app->outbound_ = std::make_unique<services::MailOutboundService>(clock);
  app->tickets_ = std::make_unique<services::TicketService>(clock, app->outbound_.get());
  MailOutboxWorkerOptions wo;
  wo.retry_base_ms = config.mail_retry_base_ms;
  wo.max_attempts = static_cast<int>(config.mail_max_attempts);
  wo.poll_ms = config.mail_outbox_poll_ms;
  app->outbox_worker_ = std::make_unique<MailOutboxWorker>(*app->store_, *app->blobs_, clock,
                                                           app->secret_key_, wo);
  app->outbound_->set_on_queued([w = app->outbox_worker_.get()] { w->Notify(); });
  app->people_ = std::make_unique<services::PeopleService>(clock);
  app->views_ = std::make_unique<services::ViewService>(clock);
  app->macros_ = std::make_unique<services::MacroService>(clock, *app->tickets_);
  app->hours_ = std::make_unique<services::BusinessHoursService>(clock);
  app->sla_ = std::make_unique<services::SlaService>(clock);
  app->presence_ = std::make_unique<services::PresenceService>(clock);
  services::AuthOptions ao;
  ao.workspace_id = workspace_id;
  ao.hash_cost.ops = static_cast<unsigned long long>(config.password_ops);
  ao.hash_cost.mem_bytes = static_cast<size_t>(config.password_memory_kib) * 1024;
  app->auth_ = std::make_unique<services::AuthService>(*app->store_, clock, ao);
  app->attachments_ = std::make_unique<services::AttachmentService>(
      *app->store_, *app->blobs_, clock, static_cast<size_t>(config.max_attachment_bytes));
  services::MailIngestOptions mo;
  mo.max_attachment_bytes = config.max_attachment_bytes;
  app->mail_ingest_ =
      std::make_unique<services::MailIngestService>(*app->tickets_, *app->blobs_, clock, mo);
  app->metrics_ = std::make_unique<api::Metrics>();
  store::SqliteStore* s = app->store_.get();
  app->metrics_->AddGauge("sahayak_write_queue_depth", "Writes waiting for the writer thread.",
                          [s] { return static_cast<double>(s->Stats().write_queue_depth); });
  app->metrics_->AddGauge("sahayak_database_bytes", "Size of the database and its WAL.",
                          [s] { return static_cast<double>(s->Stats().database_bytes); });
  app->metrics_->AddGauge("sahayak_write_batches_total", "Group-committed transactions.",
                          [s] { return static_cast<double>(s->Stats().batches_committed); });
  app->metrics_->AddGauge("sahayak_writes_total", "Write functions committed.",
                          [s] { return static_cast<double>(s->Stats().writes_committed); });
  api::Limits limits;
  limits.max_body_bytes = static_cast<size_t>(config.max_body_bytes);
  limits.max_attachment_bytes = static_cast<size_t>(config.max_attachment_bytes);
  app->context_.reset(new api::ApiContext{*app->store_, clock, *app->tickets_, *app->people_,
                                          *app->auth_, *app->attachments_, *app->metrics_,
                                          limits, config.secure_cookies, nullptr});
  app->api_limiter_ = std::make_unique<api::RateLimiter>(clock, config.requests_per_minute);
  app->login_limiter_ =
      std::make_unique<api::RateLimiter>(clock, config.logins_per_minute_per_ip);
  app->context_->api_limiter = app->api_limiter_.get();
  app->context_->login_limiter = app->login_limiter_.get();
  app->help_feedback_limiter_ =
      std::make_unique<api::RateLimiter>(clock, api::help::kFeedbackPerMinute);
  app->context_->help_feedback_limiter = app->help_feedback_limiter_.get();
  app->context_->help_contact_url = config.help_contact_url;
  services::PortalOptions portal_options;
  portal_options.hash_cost = ao.hash_cost;
  app->portal_ = std::make_unique<services::PortalService>(*app->store_, clock, *app->tickets_,
                                                           portal_options);
  app->portal_->set_on_mail_queued([w = app->outbox_worker_.get()] { w->Notify(); });
  app->portal_address_limiter_ =
      std::make_unique<api::RateLimiter>(clock, api::portal::kPerAddressPerMinute);
  app->portal_ip_limiter_ = std::make_unique<api::RateLimiter>(clock, api::portal::kPerIpPerMinute);
  app->context_->portal = app->portal_.get();
  app->context_->public_url = config.public_url;
  // Acknowledgements of web-form and portal tickets link to the ticket on the workspace's site
  // (read when queued: `serve` fills in public_url once it knows its port).
  app->outbound_->set_site_url([ctx = app->context_.get()](std::string_view public_host) {
    return api::help::SiteUrl(ctx->public_url.empty() ? "http://127.0.0.1:8080" : ctx->public_url,
                              public_host);
  });
  app->context_->portal_address_limiter = app->portal_address_limiter_.get();
  app->context_->portal_ip_limiter = app->portal_ip_limiter_.get();
  app->track_ip_limiter_ =
      std::make_unique<api::RateLimiter>(clock, api::portal::kTrackPerIpPerMinute);
  app->track_number_limiter_ =
      std::make_unique<api::RateLimiter>(clock, api::portal::kTrackPerNumberPerMinute);
  app->context_->track_ip_limiter = app->track_ip_limiter_.get();
  app->context_->track_number_limiter = app->track_number_limiter_.get();
  app->context_->views = app->views_.get();
  app->context_->macros = app->macros_.get();
  app->context_->hours = app->hours_.get();
  app->context_->sla = app->sla_.get();
  app->context_->presence = app->presence_.get();
  app->mail_check_ = std::make_unique<channels::VmimeMailServerCheck>();
  app->mailboxes_ = std::make_unique<services::MailboxService>(
      *app->store_, clock, app->secret_key_, app->mail_check_.get());
  app->context_->mailboxes = app->mailboxes_.get();
  search::SearcherOptions search_options;
  search_options.index_path = search::IndexPathFor(config.data_dir);
  search_options.slices = config.search_slices > 0 ? static_cast<size_t>(config.search_slices)
                                                  : search::DefaultSlices();
  app->search_ =
      std::make_unique<search::XapianSearchService>(*app->store_, clock, search_options);
  app->context_->search = app->search_.get();
  app->kb_ = std::make_unique<services::KbService>(*app->store_, clock);
  app->context_->kb = app->kb_.get();
  app->context_->kb_feedback_limiter = app->help_feedback_limiter_.get();
  // Web forms and article deflection (docs/web-forms.md).
  app->web_forms_ = std::make_unique<services::WebFormService>(clock, app->secret_key_);
  app->deflection_ = std::make_unique<services::DeflectionTracker>(
      *app->store_, clock, config.deflection_settle_seconds * 1000);
  app->web_form_ip_limiter_ =
      std::make_unique<api::RateLimiter>(clock, config.web_form_per_minute_per_ip);
  app->web_form_email_limiter_ =
      std::make_unique<api::RateLimiter>(clock, config.web_form_per_minute_per_email);
  app->help_suggest_limiter_ =
      std::make_unique<api::RateLimiter>(clock, config.help_suggest_per_minute_per_ip);
  app->context_->web_forms = app->web_forms_.get();
  // Shipments and tracking (docs/shipments.md).
  app->shipments_ =
      std::make_unique<services::ShipmentService>(clock, *app->tickets_, app->secret_key_);
  app->context_->shipments = app->shipments_.get();
  // Telling customers first: notices on tracking events, mailed through the outbox.
  app->notifier_ =
      std::make_unique<services::ShipmentNotifier>(clock, *app->tickets_, app->secret_key_);
  app->notifier_->set_site_url([ctx = app->context_.get()](std::string_view public_host) {
    return api::help::SiteUrl(ctx->public_url.empty() ? "http://127.0.0.1:8080" : ctx->public_url,
                              public_host);
  });
  app->notifier_->set_on_queued([w = app->outbox_worker_.get()] { w->Notify(); });
  app->shipments_->set_notifier(app->notifier_.get());
  app->context_->notifier = app->notifier_.get();
  app->delivery_ = std::make_unique<services::DeliveryService>(clock);
  app->context_->delivery = app->delivery_.get();
  app->notifier_->set_delivery(app->delivery_.get());
  // Delivery requests passed on to the carriers' own systems, signed, from a durable queue.
  app->carrier_requests_ =
      std::make_unique<services::CarrierRequestService>(clock, app->secret_key_);
  app->delivery_->set_carrier_requests(app->carrier_requests_.get());
  app->context_->carrier_requests = app->carrier_requests_.get();
  net::HttpClientOptions http_options;
  http_options.connect_timeout_ms = config.carrier_requests_timeout_ms;
  http_options.total_timeout_ms = config.carrier_requests_timeout_ms;
  http_options.ca_file = config.carrier_requests_ca_file;
  app->http_client_ = std::make_unique<net::BeastHttpClient>(http_options);
  CarrierRequestWorkerOptions cro;
  cro.retry_base_ms = config.carrier_requests_retry_base_ms;
  cro.max_attempts = static_cast<int>(config.carrier_requests_max_attempts);
  // A claim outlives the longest POST with room to record its result.
  cro.claim_ms = 3 * config.carrier_requests_timeout_ms + 5000;
  app->carrier_request_worker_ = std::make_unique<CarrierRequestWorker>(
      *app->store_, *app->carrier_requests_, *app->http_client_, clock, cro);
  app->carrier_requests_->set_on_queued(
      [w = app->carrier_request_worker_.get()] { w->Notify(); });
  // Webhooks called by rules (docs/automation.md, "Webhooks"): signed like carrier requests, from
  // their own durable queue.
  services::RuleWebhookOptions rwo;
  rwo.allow_private_addresses = config.rule_webhooks_allow_private_addresses;
  app->rule_webhooks_ =
      std::make_unique<services::RuleWebhookService>(clock, app->secret_key_, rwo);
  app->context_->rule_webhooks = app->rule_webhooks_.get();
  net::HttpClientOptions rule_http;
  rule_http.connect_timeout_ms = config.rule_webhooks_timeout_ms;
  rule_http.total_timeout_ms = config.rule_webhooks_timeout_ms;
  rule_http.ca_file = config.rule_webhooks_ca_file;
  rule_http.allow_private_addresses = config.rule_webhooks_allow_private_addresses;
  app->rule_webhook_http_ = std::make_unique<net::BeastHttpClient>(rule_http);
  RuleWebhookWorkerOptions rwwo;
  rwwo.retry_base_ms = config.rule_webhooks_retry_base_ms;
  rwwo.max_attempts = static_cast<int>(config.rule_webhooks_max_attempts);
  rwwo.lease_ms = 3 * config.rule_webhooks_timeout_ms + 5000;
  app->rule_webhook_worker_ = std::make_unique<RuleWebhookWorker>(
      *app->store_, *app->rule_webhooks_, *app->rule_webhook_http_, clock, rwwo);
  app->rule_webhooks_->set_on_queued([w = app->rule_webhook_worker_.get()] { w->Notify(); });
  // Triggers and automations (docs/automation.md): managed through RuleService, run by the
  // engine from `serve`'s trigger and automation loops.
  app->rules_ = std::make_unique<services::RuleService>(
      clock,
      [rw = app->rule_webhooks_.get()](std::string_view secret) { return rw->SealSecret(secret); },
      [rw = app->rule_webhooks_.get()](std::string_view url) { return rw->CheckUrl(url); });
  app->context_->rules = app->rules_.get();
  app->rule_engine_ =
      std::make_unique<services::RuleEngine>(clock, *app->tickets_, *app->macros_);
  app->rule_engine_->set_webhook_queuer(
      [rw = app->rule_webhooks_.get()](services::WriteTx& tx, services::Id ws,
                                       const domain::Rule& rule, services::Id ticket_id,
                                       const domain::Action& a, const nlohmann::json& body) {
        return rw->Queue(tx, ws, rule.id, rule.name, ticket_id, a.url, a.sealed_secret, body);
      });
  app->rule_engine_->set_on_mail_queued([w = app->outbox_worker_.get()] { w->Notify(); });
  // Orders, invoices and contracts (docs/commerce.md); invoices without a PDF of their own are
  // rendered with Cairo and Pango.
  app->commerce_ =
      std::make_unique<services::CommerceService>(clock, *app->tickets_, *app->blobs_);
  app->invoice_renderer_ = std::make_unique<render::PangoInvoiceRenderer>();
  app->context_->commerce = app->commerce_.get();
  app->context_->invoice_renderer = app->invoice_renderer_.get();
  // CSV imports of shipments, orders and invoices (docs/imports.md), run by their own worker.
  app->imports_ = std::make_unique<services::ImportService>(*app->store_, clock, *app->blobs_,
                                                            *app->shipments_, *app->commerce_);
  app->import_worker_ = std::make_unique<ImportWorker>(*app->imports_);
  app->imports_->set_on_queued([w = app->import_worker_.get()] { w->Notify(); });
  app->context_->imports = app->imports_.get();
  app->context_->deflection = app->deflection_.get();
  app->context_->deflection_tracker = app->deflection_.get();
  app->context_->web_form_ip_limiter = app->web_form_ip_limiter_.get();
  app->context_->web_form_email_limiter = app->web_form_email_limiter_.get();
  app->context_->help_suggest_limiter = app->help_suggest_limiter_.get();
  app->metrics_->AddGauge("sahayak_web_form_spam_total",
                          "Web form submissions a honeypot caught since start.",
                          [f = app->web_forms_.get()] {
                            return static_cast<double>(f->spam_count());
                          });
  // Live chat (docs/chat.md): routing by the language the visitor writes in (CLD2 and the
  // script, search/language.h).
  app->chat_presence_ = std::make_unique<services::ChatPresence>(clock);
  app->assistant_ = std::make_unique<services::NoAssistant>();
  services::ChatServiceOptions chat_service_options;
  chat_service_options.link_key = services::DeriveChatLinkKey(app->secret_key_);
  app->chat_ = std::make_unique<services::ChatService>(
      clock, *app->tickets_, *app->chat_presence_, app->assistant_.get(),
      [](std::string_view text) { return DetectLanguage(text); }, chat_service_options);
  app->chat_hub_ = std::make_unique<services::ChatHub>();
  api::ChatEndpointOptions chat_options;
  chat_options.public_url = config.public_url;
  app->chat_endpoint_ = std::make_unique<api::ChatEndpoint>(
      *app->store_, *app->chat_, *app->chat_hub_, *app->auth_, chat_options);
  // Shipment notices for customers who prefer chat (docs/shipments.md, "By live chat"): queued
  // by the notifier in the ingest's transaction, posted and pushed to the widgets by the worker.
  app->notifier_->set_chat(app->chat_.get());
  app->chat_notice_worker_ = std::make_unique<ChatNoticeWorker>(
      *app->store_, *app->notifier_,
      [e = app->chat_endpoint_.get()](const services::ChatEffects& fx) { e->Publish(fx); });
  app->notifier_->set_on_chat_queued([w = app->chat_notice_worker_.get()] { w->Notify(); });
  app->chat_offline_limiter_ = std::make_unique<api::RateLimiter>(clock, 10);
  app->context_->chat = app->chat_.get();
  app->context_->chat_offline_limiter = app->chat_offline_limiter_.get();
  app->context_->ready = [s] {
    return s->Read([](services::ReadTx& tx) { return tx.ListWorkspaces().status(); }).ok();
  };
  app->site_ = std::make_unique<StaticSite>(config.web_root);
  app->context_->static_site = [site = app->site_.get()](const api::Request& req) {
    return site->Serve(req);
  };
  app->router_ = std::make_unique<api::Router>(*app->context_);
  return app;
}

Result<int> App::SweepLateShipments() {
  int decided = 0;
  Status st = store_->Write([&](services::WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto workspaces, tx.ListWorkspaces());
    for (const auto& w : workspaces) {
      ASSIGN_OR_RETURN(int n, notifier_->SweepLate(tx, w.id));
      decided += n;
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return decided;
}

Result<int> App::SyncContractTiers() {
  int applied = 0;
  Status st = store_->Write([&](services::WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto workspaces, tx.ListWorkspaces());
    for (const auto& w : workspaces) {
      ASSIGN_OR_RETURN(int n, commerce_->SyncContractTiers(tx, w.id));
      applied += n;
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return applied;
}

services::Principal App::SystemPrincipal() const {
  services::Principal p;
  p.workspace_id = auth_->options().workspace_id;
  p.agent_id = 0;
  p.role = domain::Role::kAdmin;
  p.name = "sahayak CLI";
  p.via = services::Principal::Via::kCli;
  return p;
}

services::BlobStore& App::blobs() { return *blobs_; }

}  // namespace sahayak::app
