#include "api/handlers.h"
#include "api/notices.h"
#include "api/router.h"

namespace sahayak::api {

namespace h = handlers;

// Every route of the server. docs/api/openapi.yaml must describe exactly these
// (tests/integration/test_openapi.py checks it).
const std::vector<Route>& Router::Routes() {
  using A = Access;
  using B = BodyKind;
  static const std::vector<Route> kRoutes = {
      {"GET", "/healthz", A::kPublic, B::kNone, h::Healthz},
      {"GET", "/readyz", A::kPublic, B::kNone, h::Readyz},
      {"GET", "/metrics", A::kPublic, B::kNone, h::MetricsText},
      {"GET", "/ping", A::kPublic, B::kNone, h::Ping},

      {"POST", "/api/v1/auth/login", A::kPublic, B::kJson, h::Login},
      {"POST", "/api/v1/auth/logout", A::kAgent, B::kNone, h::Logout},
      {"GET", "/api/v1/auth/me", A::kAgent, B::kNone, h::Me},
      {"PATCH", "/api/v1/auth/me", A::kAgent, B::kJson, h::PatchMe},
      {"POST", "/api/v1/auth/password", A::kAgent, B::kJson, h::ChangePassword},

      {"GET", "/api/v1/views", A::kAgent, B::kNone, h::ListViews},
      {"POST", "/api/v1/views", A::kAgent, B::kJson, h::CreateView},
      {"GET", "/api/v1/views/{id}", A::kAgent, B::kNone, h::GetView},
      {"PATCH", "/api/v1/views/{id}", A::kAgent, B::kJson, h::PatchView},
      {"DELETE", "/api/v1/views/{id}", A::kAgent, B::kNone, h::DeleteView},

      {"GET", "/api/v1/tickets", A::kAgent, B::kNone, h::ListTickets},
      {"POST", "/api/v1/tickets", A::kAgent, B::kJson, h::CreateTicket},
      {"POST", "/api/v1/tickets/bulk", A::kAgent, B::kJson, h::BulkTickets},
      {"GET", "/api/v1/tickets/count", A::kAgent, B::kNone, h::CountTickets},
      {"GET", "/api/v1/tickets/{id}", A::kAgent, B::kNone, h::GetTicket},
      {"GET", "/api/v1/tickets/by-number/{number}", A::kAgent, B::kNone, h::GetTicketByNumber},
      {"PATCH", "/api/v1/tickets/{id}", A::kAgent, B::kJson, h::PatchTicket},
      {"GET", "/api/v1/tickets/{id}/messages", A::kAgent, B::kNone, h::ListMessages},
      {"POST", "/api/v1/tickets/{id}/messages", A::kAgent, B::kJson, h::CreateMessage},
      {"POST", "/api/v1/tickets/{id}/merge", A::kAgent, B::kJson, h::MergeTicket},
      {"GET", "/api/v1/tickets/{id}/events", A::kAgent, B::kNone, h::TicketEvents},
      {"GET", "/api/v1/tickets/{id}/presence", A::kAgent, B::kNone, h::GetPresence},
      {"POST", "/api/v1/tickets/{id}/presence", A::kAgent, B::kJson, h::PostPresence},
      {"DELETE", "/api/v1/tickets/{id}/presence", A::kAgent, B::kNone, h::DeletePresence},

      {"GET", "/api/v1/contacts", A::kAgent, B::kNone, h::ListContacts},
      {"POST", "/api/v1/contacts", A::kAgent, B::kJson, h::CreateContact},
      {"GET", "/api/v1/contacts/{id}", A::kAgent, B::kNone, h::GetContact},
      {"PATCH", "/api/v1/contacts/{id}", A::kAgent, B::kJson, h::PatchContact},
      {"GET", "/api/v1/contacts/{id}/tickets", A::kAgent, B::kNone, h::ContactTickets},
      {"POST", "/api/v1/contacts/{id}/portal-invitation", A::kAgent, B::kNone,
       h::PortalInvitation},

      {"GET", "/api/v1/organisations", A::kAgent, B::kNone, h::ListOrganisations},
      {"POST", "/api/v1/organisations", A::kAgent, B::kJson, h::CreateOrganisation},
      {"GET", "/api/v1/organisations/{id}", A::kAgent, B::kNone, h::GetOrganisation},
      {"PATCH", "/api/v1/organisations/{id}", A::kAgent, B::kJson, h::PatchOrganisation},

      {"GET", "/api/v1/agents", A::kAgent, B::kNone, h::ListAgents},
      {"POST", "/api/v1/agents", A::kAdmin, B::kJson, h::CreateAgent},
      {"GET", "/api/v1/agents/{id}", A::kAgent, B::kNone, h::GetAgent},
      {"PATCH", "/api/v1/agents/{id}", A::kAdmin, B::kJson, h::PatchAgent},

      {"GET", "/api/v1/groups", A::kAgent, B::kNone, h::ListGroups},
      {"POST", "/api/v1/groups", A::kAdmin, B::kJson, h::CreateGroup},
      {"GET", "/api/v1/groups/{id}", A::kAgent, B::kNone, h::GetGroup},
      {"PATCH", "/api/v1/groups/{id}", A::kAdmin, B::kJson, h::PatchGroup},
      {"DELETE", "/api/v1/groups/{id}", A::kAdmin, B::kNone, h::DeleteGroup},

      {"GET", "/api/v1/tags", A::kAgent, B::kNone, h::ListTags},

      {"GET", "/api/v1/search", A::kAgent, B::kNone, h::Search},
      {"GET", "/api/v1/search/suggest", A::kAgent, B::kNone, h::SearchSuggest},

      {"GET", "/api/v1/custom-fields", A::kAgent, B::kNone, h::ListCustomFields},
      {"POST", "/api/v1/custom-fields", A::kAdmin, B::kJson, h::CreateCustomField},
      {"GET", "/api/v1/custom-fields/{id}", A::kAgent, B::kNone, h::GetCustomField},
      {"PATCH", "/api/v1/custom-fields/{id}", A::kAdmin, B::kJson, h::PatchCustomField},
      {"DELETE", "/api/v1/custom-fields/{id}", A::kAdmin, B::kNone, h::DeleteCustomField},

      {"POST", "/api/v1/attachments", A::kAgent, B::kMultipart, h::UploadAttachment},
      {"GET", "/api/v1/attachments/{id}", A::kAgent, B::kNone, h::GetAttachment},
      {"GET", "/api/v1/attachments/{id}/content", A::kAgent, B::kNone, h::AttachmentContent},

      {"GET", "/api/v1/api-tokens", A::kAdmin, B::kNone, h::ListApiTokens},
      {"POST", "/api/v1/api-tokens", A::kAdmin, B::kJson, h::CreateApiToken},
      {"DELETE", "/api/v1/api-tokens/{id}", A::kAdmin, B::kNone, h::DeleteApiToken},

      {"GET", "/api/v1/workspace", A::kAgent, B::kNone, h::GetWorkspace},
      {"PATCH", "/api/v1/workspace", A::kAdmin, B::kJson, h::PatchWorkspace},
      {"GET", "/api/v1/audit-events", A::kAdmin, B::kNone, h::ListAuditEvents},

      {"GET", "/api/v1/mailboxes", A::kAdmin, B::kNone, h::ListMailboxes},
      {"POST", "/api/v1/mailboxes", A::kAdmin, B::kJson, h::CreateMailbox},
      {"GET", "/api/v1/mailboxes/{id}", A::kAdmin, B::kNone, h::GetMailbox},
      {"PATCH", "/api/v1/mailboxes/{id}", A::kAdmin, B::kJson, h::PatchMailbox},
      {"DELETE", "/api/v1/mailboxes/{id}", A::kAdmin, B::kNone, h::DeleteMailbox},
      {"POST", "/api/v1/mailboxes/{id}/test-imap", A::kAdmin, B::kNone, h::TestMailboxImap},
      {"POST", "/api/v1/mailboxes/{id}/test-smtp", A::kAdmin, B::kJson, h::TestMailboxSmtp},
      {"POST", "/api/v1/mailboxes/{id}/fetch-now", A::kAdmin, B::kNone, h::FetchMailboxNow},

      {"GET", "/api/v1/mail/outbox", A::kAdmin, B::kNone, h::ListMailOutbox},
      {"POST", "/api/v1/mail/outbox/{id}/retry", A::kAdmin, B::kNone, h::RetryMailOutbox},

      {"GET", "/api/v1/kb/categories", A::kAgent, B::kNone, h::ListKbCategories},
      {"POST", "/api/v1/kb/categories", A::kAdmin, B::kJson, h::CreateKbCategory},
      {"PATCH", "/api/v1/kb/categories/{id}", A::kAdmin, B::kJson, h::PatchKbCategory},
      {"DELETE", "/api/v1/kb/categories/{id}", A::kAdmin, B::kNone, h::DeleteKbCategory},
      {"POST", "/api/v1/kb/sections", A::kAdmin, B::kJson, h::CreateKbSection},
      {"PATCH", "/api/v1/kb/sections/{id}", A::kAdmin, B::kJson, h::PatchKbSection},
      {"DELETE", "/api/v1/kb/sections/{id}", A::kAdmin, B::kNone, h::DeleteKbSection},
      {"GET", "/api/v1/kb/articles", A::kAgent, B::kNone, h::ListKbArticles},
      {"POST", "/api/v1/kb/articles", A::kAgent, B::kJson, h::CreateKbArticle},
      {"GET", "/api/v1/kb/articles/{id}", A::kAgent, B::kNone, h::GetKbArticle},
      {"PATCH", "/api/v1/kb/articles/{id}", A::kAgent, B::kJson, h::PatchKbArticle},
      {"DELETE", "/api/v1/kb/articles/{id}", A::kAdmin, B::kNone, h::DeleteKbArticle},
      {"PUT", "/api/v1/kb/articles/{id}/translations/{lang}", A::kAgent, B::kJson,
       h::PutKbTranslation},
      {"DELETE", "/api/v1/kb/articles/{id}/translations/{lang}", A::kAdmin, B::kNone,
       h::DeleteKbTranslation},
      {"GET", "/api/v1/kb/articles/{id}/translations/{lang}/versions", A::kAgent, B::kNone,
       h::ListKbVersions},
      {"GET", "/api/v1/kb/articles/{id}/translations/{lang}/versions/{n}", A::kAgent, B::kNone,
       h::GetKbVersion},
      {"GET", "/api/v1/kb/articles/{id}/translations/{lang}/diff", A::kAgent, B::kNone,
       h::DiffKbTranslation},
      {"POST", "/api/v1/kb/articles/{id}/translations/{lang}/versions/{n}/restore", A::kAgent,
       B::kNone, h::RestoreKbVersion},
      {"POST", "/api/v1/kb/preview", A::kAgent, B::kJson, h::PreviewKb},
      {"POST", "/api/v1/kb/articles/{id}/feedback", A::kPublic, B::kJson, h::KbFeedback},
      {"GET", "/api/v1/kb/deflection", A::kAgent, B::kNone, h::KbDeflection},

      {"GET", "/api/v1/carriers", A::kAgent, B::kNone, h::ListCarriers},
      {"POST", "/api/v1/carriers", A::kAdmin, B::kJson, h::CreateCarrier},
      {"GET", "/api/v1/carriers/{id}", A::kAgent, B::kNone, h::GetCarrier},
      {"PATCH", "/api/v1/carriers/{id}", A::kAdmin, B::kJson, h::PatchCarrier},
      {"DELETE", "/api/v1/carriers/{id}", A::kAdmin, B::kNone, h::DeleteCarrier},
      {"GET", "/api/v1/shipments", A::kAgent, B::kNone, h::ListShipments},
      {"POST", "/api/v1/shipments", A::kAgent, B::kJson, h::CreateShipment},
      {"GET", "/api/v1/shipments/{id}", A::kAgent, B::kNone, h::GetShipment},
      {"PATCH", "/api/v1/shipments/{id}", A::kAgent, B::kJson, h::PatchShipment},
      {"GET", "/api/v1/contacts/{id}/shipments", A::kAgent, B::kNone, h::ContactShipments},
      {"GET", "/api/v1/tickets/{id}/shipments", A::kAgent, B::kNone, h::TicketShipments},
      {"POST", "/api/v1/tickets/{id}/shipments", A::kAgent, B::kJson, h::LinkTicketShipment},
      {"DELETE", "/api/v1/tickets/{id}/shipments/{shipment_id}", A::kAgent, B::kNone,
       h::UnlinkTicketShipment},
      {"POST", "/api/v1/tracking-events", A::kAdmin, B::kJson, h::PostTrackingEvents},
      {"GET", "/api/v1/tracking-webhooks", A::kAdmin, B::kNone, h::ListTrackingWebhooks},
      {"POST", "/api/v1/tracking-webhooks", A::kAdmin, B::kJson, h::CreateTrackingWebhook},
      {"GET", "/api/v1/tracking-webhooks/{id}", A::kAdmin, B::kNone, h::GetTrackingWebhook},
      {"PATCH", "/api/v1/tracking-webhooks/{id}", A::kAdmin, B::kJson, h::PatchTrackingWebhook},
      {"DELETE", "/api/v1/tracking-webhooks/{id}", A::kAdmin, B::kNone,
       h::DeleteTrackingWebhook},
      {"POST", "/api/v1/tracking-webhooks/{id}/rotate-secret", A::kAdmin, B::kNone,
       h::RotateTrackingWebhook},
      // Carrier systems: the signature is checked by the handler before the body is read.
      {"POST", "/hooks/tracking/{key}", A::kPublic, B::kNone, h::TrackingHook},
      // Shipment-notice opt-out links (api/notices.h): the token is the authority; RFC 8058
      // one-click POSTs come without cookies, urlencoded or multipart, so the body is not parsed.
      {"GET", "/notices/opt-out/{key}", A::kPublic, B::kNone, h::NoticeOptOutPage},
      {"POST", "/notices/opt-out/{key}", A::kPublic, B::kNone, h::NoticeOptOutSubmit},
      {"GET", "/api/v1/workspace/shipment-notices", A::kAgent, B::kNone,
       h::GetShipmentNoticeSettings},
      {"PATCH", "/api/v1/workspace/shipment-notices", A::kAdmin, B::kJson,
       h::PatchShipmentNoticeSettings},
      {"GET", "/api/v1/shipments/{id}/notices", A::kAgent, B::kNone, h::ListShipmentNotices},
      {"GET", "/api/v1/contacts/{id}/shipment-updates", A::kAgent, B::kNone,
       h::GetShipmentUpdates},
      {"PUT", "/api/v1/contacts/{id}/shipment-updates", A::kAgent, B::kJson,
       h::PutShipmentUpdates},

      {"GET", "/api/v1/web-forms", A::kAdmin, B::kNone, h::ListWebForms},
      {"POST", "/api/v1/web-forms", A::kAdmin, B::kJson, h::CreateWebForm},
      {"GET", "/api/v1/web-forms/{id}", A::kAdmin, B::kNone, h::GetWebForm},
      {"PATCH", "/api/v1/web-forms/{id}", A::kAdmin, B::kJson, h::PatchWebForm},
      {"DELETE", "/api/v1/web-forms/{id}", A::kAdmin, B::kNone, h::DeleteWebForm},
      {"GET", "/forms/embed.js", A::kPublic, B::kNone, h::FormsAsset},
      {"GET", "/forms/assets/frame.js", A::kPublic, B::kNone, h::FormsAsset},
      {"GET", "/forms/assets/forms.css", A::kPublic, B::kNone, h::FormsAsset},
      {"GET", "/forms/{key}", A::kPublic, B::kNone, h::WebFormPage},
      {"POST", "/forms/{key}", A::kPublic, B::kMultipart, h::SubmitWebForm},

      {"GET", "/help", A::kPublic, B::kNone, h::HelpRoot},
      {"GET", "/help/assets/help.css", A::kPublic, B::kNone, h::HelpCss},
      {"GET", "/help/assets/deflect.js", A::kPublic, B::kNone, h::FormsAsset},
      {"GET", "/help/suggest", A::kPublic, B::kNone, h::HelpSuggest},
      {"GET", "/help/files/{id}", A::kPublic, B::kNone, h::HelpFile},
      {"GET", "/help/{lang}", A::kPublic, B::kNone, h::HelpHome},
      {"GET", "/help/{lang}/search", A::kPublic, B::kNone, h::HelpSearch},
      {"GET", "/help/{lang}/sections/{id}", A::kPublic, B::kNone, h::HelpSection},
      {"GET", "/help/{lang}/articles/{id}", A::kPublic, B::kNone, h::HelpArticle},
      {"POST", "/help/{lang}/articles/{id}/feedback", A::kPublic, B::kForm, h::HelpFeedback},

      // The customer portal (api/portal.h; docs/portal.md). Its pages check the session,
      // the CSRF field and the origin themselves.
      {"GET", "/portal", A::kPublic, B::kNone, h::PortalHome},
      {"GET", "/portal/assets/portal.css", A::kPublic, B::kNone, h::PortalCss},
      {"GET", "/portal/sign-in", A::kPublic, B::kNone, h::PortalSignIn},
      {"POST", "/portal/sign-in/email", A::kPublic, B::kForm, h::PortalRequestLink},
      {"POST", "/portal/sign-in/password", A::kPublic, B::kForm, h::PortalPasswordSignIn},
      {"GET", "/portal/sign-in/{key}", A::kPublic, B::kNone, h::PortalLinkPage},
      {"POST", "/portal/sign-in/{key}", A::kPublic, B::kForm, h::PortalUseLink},
      {"POST", "/portal/sign-out", A::kPublic, B::kForm, h::PortalSignOut},
      {"POST", "/portal/password", A::kPublic, B::kForm, h::PortalSetPassword},
      {"GET", "/portal/new", A::kPublic, B::kNone, h::PortalNewRequest},
      {"POST", "/portal/new", A::kPublic, B::kMultipart, h::PortalCreateRequest},
      {"GET", "/portal/tickets/{id}", A::kPublic, B::kNone, h::PortalTicket},
      {"POST", "/portal/tickets/{id}/replies", A::kPublic, B::kMultipart, h::PortalReply},
      {"GET", "/portal/files/{id}", A::kPublic, B::kNone, h::PortalFile},
  };
  return kRoutes;
}

}  // namespace sahayak::api
