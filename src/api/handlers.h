#pragma once

#include "api/router.h"

namespace sahayak::services {
class DocumentRequirements;
}

// Route handlers, one function per route; routes.cc lists them.
namespace sahayak::api::handlers {

Response Healthz(ApiContext&, Call&);
Response Readyz(ApiContext&, Call&);
Response MetricsText(ApiContext&, Call&);
Response Ping(ApiContext&, Call&);

Response Login(ApiContext&, Call&);
Response Logout(ApiContext&, Call&);
Response Me(ApiContext&, Call&);
Response PatchMe(ApiContext&, Call&);
Response ChangePassword(ApiContext&, Call&);

Response ListViews(ApiContext&, Call&);
Response CreateView(ApiContext&, Call&);
Response GetView(ApiContext&, Call&);
Response PatchView(ApiContext&, Call&);
Response DeleteView(ApiContext&, Call&);

Response ListTickets(ApiContext&, Call&);
Response CountTickets(ApiContext&, Call&);
Response CreateTicket(ApiContext&, Call&);
Response BulkTickets(ApiContext&, Call&);
Response GetTicket(ApiContext&, Call&);
Response GetTicketByNumber(ApiContext&, Call&);
Response PatchTicket(ApiContext&, Call&);
Response ListMessages(ApiContext&, Call&);
Response CreateMessage(ApiContext&, Call&);
Response MergeTicket(ApiContext&, Call&);
Response TicketEvents(ApiContext&, Call&);
Response GetPresence(ApiContext&, Call&);
Response PostPresence(ApiContext&, Call&);
Response DeletePresence(ApiContext&, Call&);

Response ListContacts(ApiContext&, Call&);
Response CreateContact(ApiContext&, Call&);
Response GetContact(ApiContext&, Call&);
Response PatchContact(ApiContext&, Call&);
Response ContactTickets(ApiContext&, Call&);

Response ListOrganisations(ApiContext&, Call&);
Response CreateOrganisation(ApiContext&, Call&);
Response GetOrganisation(ApiContext&, Call&);
Response PatchOrganisation(ApiContext&, Call&);

Response ListAgents(ApiContext&, Call&);
Response CreateAgent(ApiContext&, Call&);
Response GetAgent(ApiContext&, Call&);
Response PatchAgent(ApiContext&, Call&);

Response ListGroups(ApiContext&, Call&);
Response CreateGroup(ApiContext&, Call&);
Response GetGroup(ApiContext&, Call&);
Response PatchGroup(ApiContext&, Call&);
Response DeleteGroup(ApiContext&, Call&);

Response ListTags(ApiContext&, Call&);

Response Search(ApiContext&, Call&);
Response SearchSuggest(ApiContext&, Call&);

Response ListCustomFields(ApiContext&, Call&);
Response CreateCustomField(ApiContext&, Call&);
Response GetCustomField(ApiContext&, Call&);
Response PatchCustomField(ApiContext&, Call&);
Response DeleteCustomField(ApiContext&, Call&);

Response UploadAttachment(ApiContext&, Call&);
Response GetAttachment(ApiContext&, Call&);
Response AttachmentContent(ApiContext&, Call&);

Response ListApiTokens(ApiContext&, Call&);
Response CreateApiToken(ApiContext&, Call&);
Response DeleteApiToken(ApiContext&, Call&);

Response GetWorkspace(ApiContext&, Call&);
Response PatchWorkspace(ApiContext&, Call&);
Response ListAuditEvents(ApiContext&, Call&);

Response ListMailboxes(ApiContext&, Call&);
Response CreateMailbox(ApiContext&, Call&);
Response GetMailbox(ApiContext&, Call&);
Response PatchMailbox(ApiContext&, Call&);
Response DeleteMailbox(ApiContext&, Call&);
Response TestMailboxImap(ApiContext&, Call&);
Response TestMailboxSmtp(ApiContext&, Call&);
Response FetchMailboxNow(ApiContext&, Call&);

Response ListMailOutbox(ApiContext&, Call&);
Response RetryMailOutbox(ApiContext&, Call&);

// The knowledge base (handlers_kb.cc; docs/kb.md).
Response ListKbCategories(ApiContext&, Call&);
Response CreateKbCategory(ApiContext&, Call&);
Response PatchKbCategory(ApiContext&, Call&);
Response DeleteKbCategory(ApiContext&, Call&);
Response CreateKbSection(ApiContext&, Call&);
Response PatchKbSection(ApiContext&, Call&);
Response DeleteKbSection(ApiContext&, Call&);
Response ListKbArticles(ApiContext&, Call&);
Response CreateKbArticle(ApiContext&, Call&);
Response GetKbArticle(ApiContext&, Call&);
Response PatchKbArticle(ApiContext&, Call&);
Response DeleteKbArticle(ApiContext&, Call&);
Response PutKbTranslation(ApiContext&, Call&);
Response DeleteKbTranslation(ApiContext&, Call&);
Response ListKbVersions(ApiContext&, Call&);
Response GetKbVersion(ApiContext&, Call&);
Response DiffKbTranslation(ApiContext&, Call&);
Response RestoreKbVersion(ApiContext&, Call&);
Response PreviewKb(ApiContext&, Call&);
Response KbFeedback(ApiContext&, Call&);

// The public help centre (help_pages.cc, help_actions.cc; api/help.h).
Response HelpRoot(ApiContext&, Call&);
Response HelpHome(ApiContext&, Call&);
Response HelpSection(ApiContext&, Call&);
Response HelpArticle(ApiContext&, Call&);
Response HelpSearch(ApiContext&, Call&);
Response HelpFeedback(ApiContext&, Call&);
Response HelpCss(ApiContext&, Call&);
Response HelpFile(ApiContext&, Call&);
// The friendly 404 page for a /help path no route matches (the router calls it).
Response HelpNotFound(ApiContext&, const Request&);

// Orders, invoices and contracts (handlers_commerce.cc; docs/commerce.md).
Response ListOrders(ApiContext&, Call&);
Response CreateOrder(ApiContext&, Call&);
Response GetOrder(ApiContext&, Call&);
Response PatchOrder(ApiContext&, Call&);
Response DeleteOrder(ApiContext&, Call&);
Response ListInvoices(ApiContext&, Call&);
Response CreateInvoice(ApiContext&, Call&);
Response GetInvoice(ApiContext&, Call&);
Response PatchInvoice(ApiContext&, Call&);
Response DeleteInvoice(ApiContext&, Call&);
Response InvoicePdf(ApiContext&, Call&);
Response PutInvoicePdf(ApiContext&, Call&);
Response DeleteInvoicePdf(ApiContext&, Call&);
Response ListContracts(ApiContext&, Call&);
Response CreateContract(ApiContext&, Call&);
Response GetContract(ApiContext&, Call&);
Response PatchContract(ApiContext&, Call&);
Response DeleteContract(ApiContext&, Call&);
Response ContractDocument(ApiContext&, Call&);
Response PutContractDocument(ApiContext&, Call&);
Response DeleteContractDocument(ApiContext&, Call&);
Response ContactCommerce(ApiContext&, Call&);
// CSV imports (handlers_imports.cc; docs/imports.md)
Response ImportKinds(ApiContext&, Call&);
Response ImportTemplate(ApiContext&, Call&);

Response GetShipmentFigures(ApiContext&, Call&);  // operations figures (handlers_analytics.cc)
Response GetChatFigures(ApiContext&, Call&);      // live chat figures (handlers_analytics.cc)
Response CreateImport(ApiContext&, Call&);
Response ListImports(ApiContext&, Call&);
Response GetImport(ApiContext&, Call&);
Response ImportErrors(ApiContext&, Call&);
Response OrganisationCommerce(ApiContext&, Call&);
Response TicketOrders(ApiContext&, Call&);
Response LinkTicketOrder(ApiContext&, Call&);
Response UnlinkTicketOrder(ApiContext&, Call&);
Response TicketInvoices(ApiContext&, Call&);
Response LinkTicketInvoice(ApiContext&, Call&);
Response UnlinkTicketInvoice(ApiContext&, Call&);
Response GetCommerceSettings(ApiContext&, Call&);
Response PutCommerceSettings(ApiContext&, Call&);
// The portal's orders, invoices and contracts (portal_commerce.cc).
Response PortalOrder(ApiContext&, Call&);
Response PortalInvoicePdf(ApiContext&, Call&);
Response PortalContract(ApiContext&, Call&);
Response PortalContractCopyRequest(ApiContext&, Call&);

// Shipments, carriers, tracking events and webhooks (handlers_shipments.cc).
Response ListCarriers(ApiContext&, Call&);
Response CreateCarrier(ApiContext&, Call&);
Response GetCarrier(ApiContext&, Call&);
Response PatchCarrier(ApiContext&, Call&);
Response DeleteCarrier(ApiContext&, Call&);
// A carrier's requests endpoint (handlers_carriers.cc): a new signing secret, shown once.
Response RotateCarrierRequestsSecret(ApiContext&, Call&);
Response ListShipments(ApiContext&, Call&);
Response CreateShipment(ApiContext&, Call&);
Response GetShipment(ApiContext&, Call&);
Response PatchShipment(ApiContext&, Call&);
Response ContactShipments(ApiContext&, Call&);
Response TicketShipments(ApiContext&, Call&);
Response LinkTicketShipment(ApiContext&, Call&);
Response UnlinkTicketShipment(ApiContext&, Call&);
// A shipment's JSON with its timeline, what its customer may still change and the documents
// it needs, read in `tx` (shared by the shipment and delivery handlers). `docs`: the
// workspace's document rules loaded once for the request (null: loaded for this shipment, with
// titles in the workspace's language).
Result<nlohmann::json> FullShipmentJson(ApiContext& ctx, services::ReadTx& tx,
                                        const domain::Shipment& s, const std::string& today,
                                        const services::DocumentRequirements* docs = nullptr);
// Documents international shipments need (handlers_shipment_documents.cc).
Response ListShipmentDocumentRules(ApiContext&, Call&);
Response CreateShipmentDocumentRule(ApiContext&, Call&);
Response GetShipmentDocumentRule(ApiContext&, Call&);
Response PatchShipmentDocumentRule(ApiContext&, Call&);
Response DeleteShipmentDocumentRule(ApiContext&, Call&);
// Delivery preferences, delivery requests and the customer's timeline (handlers_delivery.cc).
Response GetContactDeliveryPreferences(ApiContext&, Call&);
Response PutContactDeliveryPreferences(ApiContext&, Call&);
Response GetOrganisationDeliveryPreferences(ApiContext&, Call&);
Response PutOrganisationDeliveryPreferences(ApiContext&, Call&);
Response ListDeliveryRequests(ApiContext&, Call&);
Response CreateDeliveryRequest(ApiContext&, Call&);
// A dead delivery request queued again for its carrier (handlers_carriers.cc; admins).
Response RetryDeliveryRequest(ApiContext&, Call&);
Response ContactActivity(ApiContext&, Call&);
Response PostTrackingEvents(ApiContext&, Call&);
Response GetShipmentNoticeSettings(ApiContext& ctx, Call& call);
Response PatchShipmentNoticeSettings(ApiContext& ctx, Call& call);
Response ListShipmentNotices(ApiContext& ctx, Call& call);
Response GetShipmentUpdates(ApiContext& ctx, Call& call);
Response PutShipmentUpdates(ApiContext& ctx, Call& call);
Response TrackingHook(ApiContext&, Call&);
Response ListTrackingWebhooks(ApiContext&, Call&);
Response CreateTrackingWebhook(ApiContext&, Call&);
Response GetTrackingWebhook(ApiContext&, Call&);
Response PatchTrackingWebhook(ApiContext&, Call&);
Response DeleteTrackingWebhook(ApiContext&, Call&);
Response RotateTrackingWebhook(ApiContext&, Call&);

// Web forms and deflection (handlers_web_forms.cc, forms_*.cc; api/forms.h).
Response ListWebForms(ApiContext&, Call&);
Response CreateWebForm(ApiContext&, Call&);
Response GetWebForm(ApiContext&, Call&);
Response PatchWebForm(ApiContext&, Call&);
Response DeleteWebForm(ApiContext&, Call&);
Response WebFormPage(ApiContext&, Call&);
Response SubmitWebForm(ApiContext&, Call&);
// embed.js, the form frame's script and stylesheet, deflect.js (by the request's path).
Response FormsAsset(ApiContext&, Call&);
Response HelpSuggest(ApiContext&, Call&);
Response KbDeflection(ApiContext&, Call&);

// The customer portal (portal_signin.cc, portal_pages.cc; api/portal.h).
Response PortalHome(ApiContext&, Call&);
Response PortalSignIn(ApiContext&, Call&);
Response PortalRequestLink(ApiContext&, Call&);
Response PortalPasswordSignIn(ApiContext&, Call&);
Response PortalLinkPage(ApiContext&, Call&);
Response PortalUseLink(ApiContext&, Call&);
Response PortalSignOut(ApiContext&, Call&);
Response PortalTicket(ApiContext&, Call&);
Response PortalReply(ApiContext&, Call&);
Response PortalNewRequest(ApiContext&, Call&);
Response PortalCreateRequest(ApiContext&, Call&);
Response PortalFile(ApiContext&, Call&);
Response PortalSetPassword(ApiContext&, Call&);
Response PortalCss(ApiContext&, Call&);
Response PortalInvitation(ApiContext&, Call&);
Response PortalShipment(ApiContext&, Call&);
Response PortalShipmentDelivery(ApiContext&, Call&);
Response PortalTrackForm(ApiContext&, Call&);
Response PortalTrack(ApiContext&, Call&);
// Live chat (handlers_chat.cc; docs/chat.md).
Response GetChatSettings(ApiContext&, Call&);
Response PatchChatSettings(ApiContext&, Call&);
Response RotateChatWidgetKey(ApiContext&, Call&);
Response GetAgentChatProfile(ApiContext&, Call&);
Response PatchAgentChatProfile(ApiContext&, Call&);
Response ChatStatus(ApiContext&, Call&);
Response ChatPreflight(ApiContext&, Call&);
Response ChatOffline(ApiContext&, Call&);
Response ChatUpload(ApiContext&, Call&);
Response ListLiveChats(ApiContext&, Call&);
Response ChatVisitorAttachment(ApiContext&, Call&);
// The sockets' paths without an upgrade: 426 (net/ takes the upgrades before the router).
Response ChatSocketOnly(ApiContext&, Call&);
// Macros (handlers_macros.cc; docs/macros.md).
Response ListMacros(ApiContext&, Call&);
Response CreateMacro(ApiContext&, Call&);
Response GetMacro(ApiContext&, Call&);
Response PatchMacro(ApiContext&, Call&);
Response DeleteMacro(ApiContext&, Call&);
Response PreviewMacro(ApiContext&, Call&);
Response ApplyMacro(ApiContext&, Call&);

// Business hours and holidays (handlers_hours.cc; docs/business-hours.md).
Response ListBusinessHours(ApiContext&, Call&);
Response CreateBusinessHours(ApiContext&, Call&);
Response GetBusinessHours(ApiContext&, Call&);
Response PatchBusinessHours(ApiContext&, Call&);
Response DeleteBusinessHours(ApiContext&, Call&);
Response ListBusinessHolidays(ApiContext&, Call&);
Response AddBusinessHoliday(ApiContext&, Call&);
Response ImportBusinessHolidays(ApiContext&, Call&);
Response BusinessHoursStatus(ApiContext&, Call&);
Response BusinessHoursDue(ApiContext&, Call&);

// SLA policies and a ticket's SLA (handlers_sla.cc; docs/sla.md).
Response ListSlaPolicies(ApiContext&, Call&);
Response CreateSlaPolicy(ApiContext&, Call&);
Response GetSlaPolicy(ApiContext&, Call&);
Response PatchSlaPolicy(ApiContext&, Call&);
Response DeleteSlaPolicy(ApiContext&, Call&);
Response GetTicketSla(ApiContext&, Call&);

// Triggers and automations (handlers_rules.cc; docs/automation.md). Admins only.
Response RuleFields(ApiContext&, Call&);
Response ListTriggers(ApiContext&, Call&);
Response CreateTrigger(ApiContext&, Call&);
Response GetTrigger(ApiContext&, Call&);
Response PatchTrigger(ApiContext&, Call&);
Response DeleteTrigger(ApiContext&, Call&);
Response PreviewTrigger(ApiContext&, Call&);
Response ListAutomations(ApiContext&, Call&);
Response CreateAutomation(ApiContext&, Call&);
Response GetAutomation(ApiContext&, Call&);
Response PatchAutomation(ApiContext&, Call&);
Response DeleteAutomation(ApiContext&, Call&);
Response PreviewAutomation(ApiContext&, Call&);
// A rule's webhook deliveries and sending a dead one again (docs/automation.md, "Webhooks").
Response ListTriggerDeliveries(ApiContext&, Call&);
Response RetryTriggerDelivery(ApiContext&, Call&);
Response ListAutomationDeliveries(ApiContext&, Call&);
Response RetryAutomationDelivery(ApiContext&, Call&);

// The friendly 404 page for a /portal path no route matches (the router calls it).
Response PortalNotFound(ApiContext&, const Request&);

}  // namespace sahayak::api::handlers
