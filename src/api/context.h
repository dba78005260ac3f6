#pragma once

#include <cstddef>
#include <functional>
#include <optional>

#include "api/http.h"
#include "api/metrics.h"
#include "api/rate_limiter.h"
#include "base/clock.h"
#include "services/attachments/attachment_service.h"
#include "services/auth/auth_service.h"
#include "services/chat/chat_service.h"
#include "services/commerce/commerce_service.h"
#include "services/commerce/invoice_renderer.h"
#include "services/imports/import_service.h"
#include "services/deflection/deflection.h"
#include "services/deflection/deflection_service.h"
#include "services/hours/hours_service.h"
#include "services/kb/kb_service.h"
#include "services/macros/macro_service.h"
#include "services/rules/rule_service.h"
#include "services/sla/sla_service.h"
#include "services/mail/mailbox_service.h"
#include "services/people/people_service.h"
#include "services/portal/portal_service.h"
#include "services/presence/presence_service.h"
#include "services/search/search.h"
#include "services/shipments/carrier_requests.h"
#include "services/rules/rule_webhooks.h"
#include "services/shipments/delivery_service.h"
#include "services/shipments/shipment_notifier.h"
#include "services/shipments/shipment_service.h"
#include "services/store.h"
#include "services/tickets/ticket_service.h"
#include "services/views/view_service.h"
#include "services/webforms/web_form_service.h"

namespace sahayak::api {

struct Limits {
  size_t max_body_bytes = 1 << 20;          // JSON bodies
  size_t max_attachment_bytes = 25 << 20;   // multipart uploads
};

// Everything a handler may use. Built by app/, which alone names concrete classes.
struct ApiContext {
  services::Store& store;
  const Clock& clock;
  services::TicketService& tickets;
  services::PeopleService& people;
  services::AuthService& auth;
  services::AttachmentService& attachments;
  Metrics& metrics;
  Limits limits;
  bool secure_cookies = false;  // add `Secure` when served over TLS
  std::function<bool()> ready;  // for /readyz
  // Serves the web console for GET/HEAD outside /api/ when no route matches; nullopt (or an
  // empty function) leaves the request to the router's 404.
  std::function<std::optional<Response>(const Request&)> static_site;
  RateLimiter* api_limiter = nullptr;    // per agent, on authenticated routes
  RateLimiter* login_limiter = nullptr;  // per IP address, on login
  services::ViewService* views = nullptr;        // REQUIRES: set before serving
  services::PresenceService* presence = nullptr;  // REQUIRES: set before serving
  // Mailbox administration (/api/v1/mailboxes); null: those routes answer 503.
  services::MailboxService* mailboxes = nullptr;
  // "Fetch now" for one IMAP mailbox, offered by the IMAP fetchers; null while they are not
  // running (POST /api/v1/mailboxes/{id}/fetch-now then answers 503).
  std::function<Status(domain::Id ws, domain::Id mailbox_id)> fetch_now;
  // Search (/api/v1/search, /api/v1/search/suggest); null: those routes answer 503.
  services::SearchService* search = nullptr;
  // The knowledge base (/api/v1/kb/...); null: those routes answer 503. Public feedback
  // (POST /api/v1/kb/articles/{id}/feedback) is limited per address by kb_feedback_limiter.
  services::KbService* kb = nullptr;
  RateLimiter* kb_feedback_limiter = nullptr;
  // The public help centre (/help): where its "contact us" link points ("" hides the link),
  // and the per-address limit on its feedback form (null: no limit).
  std::string help_contact_url = "/portal";
  RateLimiter* help_feedback_limiter = nullptr;
  // Records deflection attempts that ended in a submitted request (portal, web form); null:
  // nothing is recorded.
  services::DeflectionService* deflection = nullptr;
  // Suggestions, clicks and figures of deflection (/help/suggest, /api/v1/kb/deflection);
  // the same object as `deflection`; null: those routes answer 503.
  services::DeflectionTracker* deflection_tracker = nullptr;
  RateLimiter* help_suggest_limiter = nullptr;  // per IP on /help/suggest (null: no limit)
  // Web forms (/api/v1/web-forms, /forms/{key}); null: the API answers 503, the pages 404.
  // Submissions are limited per IP and per e-mail address (null: no limit).
  services::WebFormService* web_forms = nullptr;
  RateLimiter* web_form_ip_limiter = nullptr;
  RateLimiter* web_form_email_limiter = nullptr;
  // Shipments, carriers, tracking events and webhooks (/api/v1/shipments, /hooks/tracking);
  // null: the API answers 503, the webhook 404.
  services::ShipmentService* shipments = nullptr;
  // Proactive shipment notices: settings, what a customer was told, opt-outs (/notices/…).
  services::ShipmentNotifier* notifier = nullptr;
  // Delivery preferences and customers' delivery requests (docs/shipments.md).
  services::DeliveryService* delivery = nullptr;
  // Carriers' requests endpoints and the delivery requests passed on to them; null: carriers
  // show no endpoint and their endpoint routes answer 503.
  services::CarrierRequestService* carrier_requests = nullptr;
  // The customer portal (/portal; api/portal.h); null: its pages say it is unavailable.
  // `public_url` ("https://support.example.in") starts the sign-in links mailed to customers.
  // Sign-in link requests and password attempts are limited per address and per IP, agents'
  // portal invitations per contact (null: no limit).
  services::PortalService* portal = nullptr;
  std::string public_url;
  RateLimiter* portal_address_limiter = nullptr;
  RateLimiter* portal_ip_limiter = nullptr;
  // The public tracking page (/portal/track): lookups per IP address and per tracking number
  // (null: no limit).
  RateLimiter* track_ip_limiter = nullptr;
  RateLimiter* track_number_limiter = nullptr;
  // Orders, invoices and contracts (/api/v1/orders, …; docs/commerce.md) and the renderer of
  // invoices without a PDF of their own; null: the API answers 503, the portal shows none.
  services::CommerceService* commerce = nullptr;
  // CSV imports (/api/v1/imports; docs/imports.md).
  services::ImportService* imports = nullptr;
  const services::InvoiceRenderer* invoice_renderer = nullptr;
  // Live chat (docs/chat.md): settings, profiles, the widget's status, offline messages and
  // files; null: those routes answer 503. Offline messages are limited per IP (null: no limit).
  services::ChatService* chat = nullptr;
  // Macros (/api/v1/macros, applying one to a ticket; docs/macros.md); null: 503.
  services::MacroService* macros = nullptr;
  // Business hours and holidays (/api/v1/business-hours; docs/business-hours.md); null: 503.
  services::BusinessHoursService* hours = nullptr;
  // SLA policies and tickets' SLA (/api/v1/sla-policies; docs/sla.md); null: 503.
  services::SlaService* sla = nullptr;
  // Triggers and automations (/api/v1/triggers, /api/v1/automations; docs/automation.md);
  // null: 503.
  services::RuleService* rules = nullptr;
  // Webhooks called by rules: a rule's deliveries and sending a dead one again
  // (docs/automation.md, "Webhooks"); null: 503.
  services::RuleWebhookService* rule_webhooks = nullptr;
  RateLimiter* chat_offline_limiter = nullptr;
};

}  // namespace sahayak::api
