#pragma once

#include "services/shipments/shipment_store.h"
#include "store/sqlite/connection.h"

namespace sahayak::store {

// Shipments over one SQLite connection (tx_shipments.cc). A member of SqliteTx, so it runs
// inside SqliteTx's transaction. Not thread-safe.
class SqliteShipmentTx final : public services::ShipmentWriteTx {
 public:
  explicit SqliteShipmentTx(Connection* conn) : c_(conn) {}

  Result<std::vector<domain::Carrier>> ListCarriers(domain::Id ws) override;
  Result<domain::Carrier> GetCarrier(domain::Id ws, domain::Id id) override;
  Result<domain::Carrier> FindCarrierByCode(domain::Id ws, std::string_view code) override;
  Result<domain::Shipment> GetShipment(domain::Id ws, domain::Id id) override;
  Result<domain::Shipment> FindShipment(domain::Id ws, domain::Id carrier_id,
                                        std::string_view tracking_number) override;
  Result<std::vector<domain::Shipment>> FindShipmentsByNumbers(
      domain::Id ws, const std::vector<std::string>& numbers) override;
  Result<std::vector<domain::Shipment>> ListShipments(domain::Id ws,
                                                      const services::ShipmentFilter& f,
                                                      std::optional<domain::Id> before,
                                                      int limit) override;
  Result<std::vector<domain::TrackingEvent>> ListTrackingEvents(domain::Id ws,
                                                                domain::Id shipment_id,
                                                                int limit) override;
  Result<std::vector<services::LinkedShipment>> ListTicketShipments(domain::Id ws,
                                                                    domain::Id ticket_id) override;
  Result<std::vector<domain::Id>> ListOpenTicketsOfShipment(domain::Id ws,
                                                            domain::Id shipment_id) override;
  Result<services::ShipmentNoticeSettings> GetNoticeSettings(domain::Id ws) override;
  Result<std::vector<services::ShipmentNoticeRecord>> ListShipmentNotices(
      domain::Id ws, domain::Id shipment_id) override;
  Result<bool> IsOptedOut(domain::Id ws, domain::Id contact_id, std::string_view topic) override;
  Result<std::vector<domain::Id>> ListQueuedNoticeMail(domain::Id ws,
                                                       domain::Id contact_id) override;
  Result<std::vector<services::ShipmentNoticeRecord>> ListDueChatNotices(Millis now,
                                                                         int limit) override;
  Result<std::vector<domain::Shipment>> ListLateWithoutNotice(domain::Id ws,
                                                              std::string_view date,
                                                              int limit) override;
  // delivery preferences and requests (tx_delivery.cc)
  Result<std::optional<domain::DeliveryPreferences>> GetDeliveryPreferences(
      domain::Id ws, std::string_view owner_type, domain::Id owner_id) override;
  Result<std::vector<services::DeliveryRequestRecord>> ListDeliveryRequests(
      domain::Id ws, domain::Id shipment_id) override;
  Status PutDeliveryPreferences(domain::DeliveryPreferences* p) override;
  Status InsertDeliveryRequest(services::DeliveryRequestRecord* r) override;
  // document requirements (tx_shipment_documents.cc)
  Result<std::vector<domain::DocumentRule>> ListDocumentRules(domain::Id ws) override;
  Result<domain::DocumentRule> GetDocumentRule(domain::Id ws, domain::Id id) override;
  Result<std::vector<services::DocumentArticle>> ListDocumentArticles(
      domain::Id ws, const std::vector<domain::Id>& ids) override;
  Status InsertDocumentRule(domain::DocumentRule* r) override;
  Status UpdateDocumentRule(const domain::DocumentRule& r) override;
  Status DeleteDocumentRule(domain::Id ws, domain::Id id) override;
  Result<std::vector<services::TrackingWebhook>> ListTrackingWebhooks(domain::Id ws) override;
  Result<services::TrackingWebhook> GetTrackingWebhook(domain::Id ws, domain::Id id) override;
  Result<services::TrackingWebhook> FindTrackingWebhookByKey(std::string_view public_key) override;

  Status InsertCarrier(domain::Carrier* c) override;
  Status UpdateCarrier(const domain::Carrier& c) override;
  Status DeleteCarrier(domain::Id ws, domain::Id id) override;
  Status InsertShipment(domain::Shipment* s) override;
  Status UpdateShipment(const domain::Shipment& s) override;
  Status UpdateShipmentTracking(const domain::Shipment& s, bool booked_at_changed) override;
  Result<bool> InsertTrackingEvent(domain::TrackingEvent* e) override;
  Result<bool> LinkTicketShipment(domain::Id ws, domain::Id ticket_id, domain::Id shipment_id,
                                  std::string_view by, Millis at) override;
  Status UnlinkTicketShipment(domain::Id ws, domain::Id ticket_id,
                              domain::Id shipment_id) override;
  Status PutNoticeSettings(const services::ShipmentNoticeSettings& s) override;
  Result<bool> HasShipmentNotice(domain::Id shipment_id, std::string_view notice,
                                 std::string_view event_key) override;
  Result<bool> InsertShipmentNotice(services::ShipmentNoticeRecord* n) override;
  Status UpdateShipmentNoticeDelivery(const services::ShipmentNoticeRecord& n) override;
  Status SetOptOut(domain::Id ws, domain::Id contact_id, std::string_view topic, bool opted_out,
                   Millis at) override;
  Status InsertTrackingWebhook(services::TrackingWebhook* w) override;
  Status UpdateTrackingWebhook(const services::TrackingWebhook& w) override;
  Status DeleteTrackingWebhook(domain::Id ws, domain::Id id) override;

 private:
  Connection* c_;
};

}  // namespace sahayak::store
