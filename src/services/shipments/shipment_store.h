#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "domain/delivery.h"
#include "domain/kb.h"
#include "domain/shipment.h"
#include "domain/shipment_documents.h"
#include "domain/types.h"

// Shipments, carriers, tracking events, ticket links and tracking webhooks (docs/shipments.md,
// migration 0012): storage reached through ReadTx::shipments() and WriteTx::shipments()
// (services/store.h); store/sqlite/tx_shipments.cc implements it inside the store's
// transaction. Every method takes the workspace and answers NotFound for ids outside it.
namespace sahayak::services {

using domain::Id;

// A shipment as a ticket sees it.
struct LinkedShipment {
  domain::Shipment shipment;
  std::string linked_by;  // "auto" (found in the ticket's text) or "agent"
  Millis linked_at = 0;
};

struct ShipmentFilter {
  std::optional<Id> contact_id;
  std::optional<Id> organisation_id;
  std::optional<std::string> tracking_number;  // normalised
  std::optional<domain::ShipmentStatus> status;
  std::optional<std::string> order_ref;  // an order's number (domain::NormaliseReference)
};

struct TrackingWebhook {
  Id id = 0;
  Id workspace_id = 0;
  std::string public_key;     // random, URL-safe: /hooks/tracking/{public_key}
  std::string name;
  std::string secret_sealed;  // SealSecret of the signing secret
  bool enabled = true;
  std::optional<Millis> last_used_at;
  Millis created_at = 0;
  Millis updated_at = 0;
  int64_t version = 1;
};

// A workspace's choices for proactive notices (migration 0013); the defaults when never saved.
struct ShipmentNoticeSettings {
  Id workspace_id = 0;
  std::vector<std::string> notices = {"out_for_delivery", "delivered", "delivery_failed",
                                      "exception", "late"};
  std::string quiet_from = "21:00";  // the customer's local time; equal times: no quiet hours
  std::string quiet_until = "08:00";
  std::string templates = "{}";      // {"<notice>": {"<language>": {"subject", "body"}}}
  bool open_tickets = true;
  std::optional<Id> ticket_group_id;
  Millis updated_at = 0;
  int64_t version = 1;
};

// A notice decided for a shipment: mailed, posted in the customer's chat, or why not.
struct ShipmentNoticeRecord {
  Id id = 0;
  Id workspace_id = 0;
  Id shipment_id = 0;
  std::string notice;     // out_for_delivery | delivered | delivery_failed | exception | late
  std::string event_key;  // the tracking event's id, or "late:<promised date>"
  std::optional<Id> contact_id;
  std::string outcome;    // mailed | chatted | opted_out | no_address | off | stale
  std::optional<Id> outbox_id;
  std::optional<Id> ticket_id;
  std::string language;
  Millis send_after = 0;
  Millis created_at = 0;
  std::string channel;            // email | chat: how the customer is told; "" when not told
  std::string preferred_channel;  // the customer's effective preferred_channel when decided
  // Why not by the preferred channel: "" | no_conversation | chat_off | not_available.
  std::string fallback;
  // chat: the conversation, and the seq of the message once posted (nullopt while it waits
  // for the customer's quiet hours to end).
  std::optional<Id> chat_conversation_id;
  std::optional<int64_t> chat_seq;
};

// A customer's delivery request as stored (migration 0014): reschedule, window, address or
// safe_place, with its details as JSON text.
struct DeliveryRequestRecord {
  Id id = 0;
  Id workspace_id = 0;
  Id shipment_id = 0;
  std::optional<Id> contact_id;
  std::string kind;
  std::string details = "{}";
  domain::Actor actor;  // kind, id and name
  std::string via;      // portal | console | api | assistant
  Millis created_at = 0;
};

// A knowledge-base article as a document rule shows it: no bodies, only what decides its
// title and whether customers may be sent to it (migration 0007's tables).
struct DocumentArticle {
  struct Translation {
    std::string language;
    std::string title;
    domain::KbStatus status = domain::KbStatus::kDraft;
  };
  Id id = 0;
  domain::KbVisibility visibility = domain::KbVisibility::kPublic;
  std::vector<Translation> translations;  // ordered like domain::KbLanguages()
};

class ShipmentReadTx {
 public:
  virtual ~ShipmentReadTx() = default;

  virtual Result<std::vector<domain::Carrier>> ListCarriers(Id ws) = 0;
  virtual Result<domain::Carrier> GetCarrier(Id ws, Id id) = 0;
  virtual Result<domain::Carrier> FindCarrierByCode(Id ws, std::string_view code) = 0;

  virtual Result<domain::Shipment> GetShipment(Id ws, Id id) = 0;
  // NotFound when the carrier has no shipment with that number.
  virtual Result<domain::Shipment> FindShipment(Id ws, Id carrier_id,
                                                std::string_view tracking_number) = 0;
  // Every carrier's shipments with one of `numbers` (normalised), by id.
  virtual Result<std::vector<domain::Shipment>> FindShipmentsByNumbers(
      Id ws, const std::vector<std::string>& numbers) = 0;
  // Newest first (id descending); the cursor is the last id seen.
  virtual Result<std::vector<domain::Shipment>> ListShipments(Id ws, const ShipmentFilter& f,
                                                              std::optional<Id> before,
                                                              int limit) = 0;
  // Newest first (occurred_at, then id), at most `limit`.
  virtual Result<std::vector<domain::TrackingEvent>> ListTrackingEvents(Id ws, Id shipment_id,
                                                                        int limit) = 0;
  // Oldest link first.
  virtual Result<std::vector<LinkedShipment>> ListTicketShipments(Id ws, Id ticket_id) = 0;

  // The open (not solved or closed) tickets linked to a shipment, newest first.
  virtual Result<std::vector<Id>> ListOpenTicketsOfShipment(Id ws, Id shipment_id) = 0;

  virtual Result<ShipmentNoticeSettings> GetNoticeSettings(Id ws) = 0;
  // Oldest first.
  virtual Result<std::vector<ShipmentNoticeRecord>> ListShipmentNotices(Id ws,
                                                                        Id shipment_id) = 0;
  virtual Result<bool> IsOptedOut(Id ws, Id contact_id, std::string_view topic) = 0;
  // The outbox rows of a contact's notices still waiting to be sent (quiet hours, retries).
  virtual Result<std::vector<Id>> ListQueuedNoticeMail(Id ws, Id contact_id) = 0;
  // Chat notices of any workspace not posted yet and due at `now` (send_after <= now), the
  // earliest first, at most `limit`.
  virtual Result<std::vector<ShipmentNoticeRecord>> ListDueChatNotices(Millis now,
                                                                       int limit) = 0;
  // Shipments with a contact, promised before `date` ("YYYY-MM-DD"), not delivered, returned,
  // lost or damaged, and without a "late:<promised date>" notice yet; by id, at most `limit`.
  virtual Result<std::vector<domain::Shipment>> ListLateWithoutNotice(Id ws,
                                                                      std::string_view date,
                                                                      int limit) = 0;

  // Delivery preferences of a contact or an organisation (owner_type "contact" |
  // "organisation"); nullopt when never saved. (tx_delivery.cc)
  virtual Result<std::optional<domain::DeliveryPreferences>> GetDeliveryPreferences(
      Id ws, std::string_view owner_type, Id owner_id) = 0;
  // A shipment's delivery requests, newest first.
  virtual Result<std::vector<DeliveryRequestRecord>> ListDeliveryRequests(Id ws,
                                                                          Id shipment_id) = 0;

  // Document requirements of international shipments (migration 0017,
  // tx_shipment_documents.cc): by destination ("*" first), then origin ("" first).
  virtual Result<std::vector<domain::DocumentRule>> ListDocumentRules(Id ws) = 0;
  virtual Result<domain::DocumentRule> GetDocumentRule(Id ws, Id id) = 0;
  // Those of `ids` that exist and are not deleted, by id.
  virtual Result<std::vector<DocumentArticle>> ListDocumentArticles(Id ws,
                                                                    const std::vector<Id>& ids) = 0;

  virtual Result<std::vector<TrackingWebhook>> ListTrackingWebhooks(Id ws) = 0;
  virtual Result<TrackingWebhook> GetTrackingWebhook(Id ws, Id id) = 0;
  // Across workspaces: the key is unique everywhere. NotFound when none.
  virtual Result<TrackingWebhook> FindTrackingWebhookByKey(std::string_view public_key) = 0;
};

class ShipmentWriteTx : public virtual ShipmentReadTx {
 public:
  // Fill in the id. AlreadyExists when the code (carrier) or the number (shipment, per
  // carrier) is taken.
  virtual Status InsertCarrier(domain::Carrier* c) = 0;
  virtual Status UpdateCarrier(const domain::Carrier& c) = 0;
  // FailedPrecondition while shipments use it.
  virtual Status DeleteCarrier(Id ws, Id id) = 0;

  virtual Status InsertShipment(domain::Shipment* s) = 0;
  virtual Status UpdateShipment(const domain::Shipment& s) = 0;
  // Only what tracking events change: status, status_reason, eta, last_event_at and its
  // offset, updated_at and version, and booked_at when `booked_at_changed` (it is indexed:
  // setting it at all rewrites its index entry).
  virtual Status UpdateShipmentTracking(const domain::Shipment& s, bool booked_at_changed) = 0;

  // Fills in the id and answers true; false (and nothing written) when the shipment already
  // has an event with this event_id.
  virtual Result<bool> InsertTrackingEvent(domain::TrackingEvent* e) = 0;

  // True when linked now, false when it already was (the first link's kind stays).
  virtual Result<bool> LinkTicketShipment(Id ws, Id ticket_id, Id shipment_id,
                                          std::string_view by, Millis at) = 0;
  // NotFound when not linked.
  virtual Status UnlinkTicketShipment(Id ws, Id ticket_id, Id shipment_id) = 0;

  virtual Status PutNoticeSettings(const ShipmentNoticeSettings& s) = 0;
  // Whether the shipment already has this notice for this event_key.
  virtual Result<bool> HasShipmentNotice(Id shipment_id, std::string_view notice,
                                         std::string_view event_key) = 0;
  // Fills in the id and answers true; false (nothing written) when the shipment already has
  // this notice for this event_key.
  virtual Result<bool> InsertShipmentNotice(ShipmentNoticeRecord* n) = 0;
  // How a decided notice went out after all (a chat notice posted, or mailed instead): its
  // outcome, channel, fallback, outbox_id, chat_conversation_id and chat_seq, by id.
  virtual Status UpdateShipmentNoticeDelivery(const ShipmentNoticeRecord& n) = 0;
  virtual Status SetOptOut(Id ws, Id contact_id, std::string_view topic, bool opted_out,
                           Millis at) = 0;

  // Inserts (id 0; fills in the id) or updates (by id) a set of delivery preferences.
  virtual Status PutDeliveryPreferences(domain::DeliveryPreferences* p) = 0;
  // Fills in the id.
  virtual Status InsertDeliveryRequest(DeliveryRequestRecord* r) = 0;

  // Fills in the id. AlreadyExists naming `destination_country` when the workspace has a rule
  // for that destination and origin.
  virtual Status InsertDocumentRule(domain::DocumentRule* r) = 0;
  virtual Status UpdateDocumentRule(const domain::DocumentRule& r) = 0;
  virtual Status DeleteDocumentRule(Id ws, Id id) = 0;

  virtual Status InsertTrackingWebhook(TrackingWebhook* w) = 0;
  virtual Status UpdateTrackingWebhook(const TrackingWebhook& w) = 0;
  virtual Status DeleteTrackingWebhook(Id ws, Id id) = 0;
};

}  // namespace sahayak::services
