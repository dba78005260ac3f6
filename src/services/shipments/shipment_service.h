#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "services/principal.h"
#include "services/shipments/shipment_input.h"
#include "services/shipments/shipment_store.h"
#include "services/store.h"
#include "services/tickets/ticket_service.h"

// Shipments (docs/shipments.md): carriers, shipments, the tracking events carrier systems feed
// (through the API or a signed webhook), and the shipments linked to tickets. Bodies are the
// API's JSON (docs/api/openapi.yaml); errors name each bad member. Every use case runs inside
// the caller's transaction. Thread-safe.
namespace sahayak::services {

class ShipmentNotifier;

inline constexpr int kMaxEventsShown = 100;        // a shipment's timeline in the API
inline constexpr int kMaxContactShipments = 50;

// What one batch of tracking events did, one result per event in the order sent.
struct TrackingIngestResult {
  struct Item {
    Id shipment_id = 0;
    std::string event_id;
    bool recorded = false;  // false: a duplicate of an event already stored (nothing changed)
  };
  std::vector<Item> items;
  int accepted = 0;
  int duplicates = 0;
};

// A webhook as created or re-keyed: the signing secret is shown this once.
struct IssuedWebhook {
  TrackingWebhook hook;
  std::string secret;  // "whsec_…"
};

class ShipmentService {
 public:
  // `secret_key`: the server's secret (app/secret_key.cc); webhook secrets are sealed with it.
  ShipmentService(const Clock& clock, TicketService& tickets, std::string secret_key)
      : clock_(clock), tickets_(tickets), secret_key_(std::move(secret_key)) {}

  // Carriers: any agent reads; admins write.
  Result<std::vector<domain::Carrier>> ListCarriers(ReadTx& tx, const Principal& who) const;
  Result<domain::Carrier> GetCarrier(ReadTx& tx, const Principal& who, Id id) const;
  Result<domain::Carrier> CreateCarrier(WriteTx& tx, const Principal& who,
                                        const nlohmann::json& body) const;
  // `if_match`: the version the caller last saw; Aborted ("precondition-failed") when stale.
  Result<domain::Carrier> UpdateCarrier(WriteTx& tx, const Principal& who, Id id,
                                        const nlohmann::json& body,
                                        std::optional<int64_t> if_match) const;
  Status DeleteCarrier(WriteTx& tx, const Principal& who, Id id) const;

  // Shipments: any agent.
  Result<domain::Shipment> Get(ReadTx& tx, const Principal& who, Id id) const;
  Result<Page<domain::Shipment>> List(ReadTx& tx, const Principal& who, const ShipmentFilter& f,
                                      const PageRequest& page) const;
  Result<std::vector<domain::Shipment>> ContactShipments(ReadTx& tx, const Principal& who,
                                                         Id contact_id) const;
  Result<domain::Shipment> Create(WriteTx& tx, const Principal& who,
                                  const nlohmann::json& body) const;
  Result<domain::Shipment> Update(WriteTx& tx, const Principal& who, Id id,
                                  const nlohmann::json& body,
                                  std::optional<int64_t> if_match) const;
  // The timeline shown with a shipment: newest first, at most kMaxEventsShown.
  Result<std::vector<domain::TrackingEvent>> Events(ReadTx& tx, const domain::Shipment& s) const;
  // "YYYY-MM-DD" now in the workspace's time zone: what `late` is judged against.
  Result<std::string> Today(ReadTx& tx, Id ws) const;

  // Tracking events `{"events": [...]}` from an admin (POST /api/v1/tracking-events) or a
  // webhook. All are checked before any is written: one bad event is InvalidArgument naming
  // `events[i].member`, and nothing changes.
  Result<TrackingIngestResult> Ingest(WriteTx& tx, Id ws, const domain::Actor& actor,
                              const nlohmann::json& body) const;

  // Shipments on tickets (any agent who can see the ticket).
  Result<std::vector<LinkedShipment>> TicketShipments(ReadTx& tx, const Principal& who,
                                                      Id ticket_id) const;
  // Body `{"tracking_number", "carrier"?}` or `{"shipment_id"}`. `*created`: linked now (false:
  // it already was). NotFound with a readable detail when there is no such shipment.
  Result<LinkedShipment> Link(WriteTx& tx, const Principal& who, Id ticket_id,
                              const nlohmann::json& body, bool* created) const;
  Status Unlink(WriteTx& tx, const Principal& who, Id ticket_id, Id shipment_id) const;

  // Documents international shipments need (docs/shipments.md; shipment_documents.cc): any
  // agent reads the rules, admins write them. A document's kb_article_id must name an article of
  // the workspace (InvalidArgument naming `documents[i].kb_article_id`); a second rule for the
  // same destination and origin is AlreadyExists naming `destination_country`.
  Result<std::vector<domain::DocumentRule>> ListDocumentRules(ReadTx& tx,
                                                              const Principal& who) const;
  Result<domain::DocumentRule> GetDocumentRule(ReadTx& tx, const Principal& who, Id id) const;
  Result<domain::DocumentRule> CreateDocumentRule(WriteTx& tx, const Principal& who,
                                                  const nlohmann::json& body) const;
  Result<domain::DocumentRule> UpdateDocumentRule(WriteTx& tx, const Principal& who, Id id,
                                                  const nlohmann::json& body,
                                                  std::optional<int64_t> if_match) const;
  Status DeleteDocumentRule(WriteTx& tx, const Principal& who, Id id) const;

  // Tracking webhooks (admins).
  Result<std::vector<TrackingWebhook>> ListWebhooks(ReadTx& tx, const Principal& who) const;
  Result<TrackingWebhook> GetWebhook(ReadTx& tx, const Principal& who, Id id) const;
  Result<IssuedWebhook> CreateWebhook(WriteTx& tx, const Principal& who,
                                      const nlohmann::json& body) const;
  Result<TrackingWebhook> UpdateWebhook(WriteTx& tx, const Principal& who, Id id,
                                        const nlohmann::json& body,
                                        std::optional<int64_t> if_match) const;
  Status DeleteWebhook(WriteTx& tx, const Principal& who, Id id) const;
  Result<IssuedWebhook> RotateWebhookSecret(WriteTx& tx, const Principal& who, Id id) const;

  // A delivery to /hooks/tracking/{key}: the enabled hook, or NotFound; Unauthenticated
  // ("invalid-signature") unless `signature` is "sha256=" + hex HMAC-SHA256 of
  // "<timestamp>.<body>" under the hook's secret and `timestamp` (Unix seconds) is within
  // kWebhookWindowSeconds of now.
  Result<TrackingWebhook> VerifyDelivery(ReadTx& tx, std::string_view key,
                                         std::string_view timestamp, std::string_view signature,
                                         std::string_view body) const;
  // Ingests a verified delivery's events for the hook's workspace and notes its use.
  Result<TrackingIngestResult> IngestDelivery(WriteTx& tx, const TrackingWebhook& hook,
                                      const nlohmann::json& body) const;

  const Clock& clock() const { return clock_; }
  // Told of every shipment a batch changed (proactive notices); set once before use.
  void set_notifier(const ShipmentNotifier* n) { notifier_ = n; }

 private:
  const Clock& clock_;
  TicketService& tickets_;
  const std::string secret_key_;
  const ShipmentNotifier* notifier_ = nullptr;
};

// The JSON the audit log keeps of a shipment.
nlohmann::json ShipmentAuditView(const domain::Shipment& s);

// Links ticket `ticket_id` to every shipment of the workspace whose tracking number `text`
// mentions (linked_by "auto"): each carrier's tracking pattern over the upper-cased text, and
// every word of 8-40 characters of A-Z, 0-9 and '-' with a digit. Cheap when the workspace has
// no carriers. Called wherever a ticket gets text: a new ticket's subject and every message.
Status LinkShipmentsInText(WriteTx& tx, Id ws, Id ticket_id, std::string_view text, Millis now);

// Words and pattern matches in `text` that may be reference numbers, not yet normalised: each
// pattern's matches over the upper-cased text (its first group when it has one; "" patterns and
// patterns that do not compile skipped), and every word of `min_chars`-40 characters of A-Z,
// 0-9 and '-' (and '/' when `slash`) with a digit; at most 100.
std::vector<std::string> ReferenceWords(std::string_view text,
                                        const std::vector<std::string>& patterns,
                                        size_t min_chars, bool slash);

// The tracking numbers `text` may mention (normalised, at most 50), given the carriers'
// patterns ("" patterns skipped; a pattern that does not compile is skipped).
std::vector<std::string> TrackingNumberCandidates(std::string_view text,
                                                  const std::vector<std::string>& patterns);

}  // namespace sahayak::services
