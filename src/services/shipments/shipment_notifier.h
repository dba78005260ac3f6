#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "domain/shipment.h"
#include "services/principal.h"
#include "services/shipments/notification_text.h"
#include "services/shipments/shipment_store.h"
#include "services/store.h"
#include "services/tickets/ticket_service.h"

// Telling customers first (docs/shipments.md, "Telling customers first"). When a batch of
// tracking events moves a shipment to out_for_delivery, delivered, delivery_failed or an
// exception (returned_to_origin, lost, damaged), or its ETA passes the promised date, or the
// promised date passes with the parcel still on its way (the late sweep), the shipment's
// contact is told in their language, after their quiet hours, unless they opted out: by e-mail
// through the durable mail outbox, or — when their preferred channel is `chat` and they have a
// chat conversation — by a message from the team in their latest conversation, queued with the
// decision and posted by PostDueChatNotices (the chat notice worker) once it is due. Channels
// Sahayak cannot send on yet (sms, whatsapp, phone), and chat without a conversation, fall back
// to e-mail, and the notice says so (`fallback`). A failed delivery or an exception also opens
// a ticket for the customer in the workspace's shipping group, or notes it on the shipment's
// open ticket.
//
// Each decision is a row of shipment_notices, unique per (shipment, notice, event): one event
// never produces two notices, however often it is replayed. An event older than a day is
// recorded as "stale" and tells nobody (a backfill of last month's events must not wake every
// customer). Runs inside the caller's transaction. Thread-safe.
namespace sahayak::services {

inline constexpr const char* kShipmentTopic = "shipments";  // the opt-out topic
inline constexpr Millis kStaleEventMs = 24LL * 3600 * 1000;

class DeliveryService;
class ChatService;
struct ChatEffects;

class ShipmentNotifier {
 public:
  ShipmentNotifier(const Clock& clock, TicketService& tickets, std::string secret_key)
      : clock_(clock), tickets_(tickets), secret_key_(std::move(secret_key)) {}

  // The base URL of a workspace's public site from its public_host (as MailOutboundService's);
  // the opt-out links point there. Set once before use.
  void set_site_url(std::function<std::string(std::string_view public_host)> f) {
    site_url_ = std::move(f);
  }
  // Called (inside the transaction) after a mail is queued, to wake the sender.
  void set_on_queued(std::function<void()> f) { on_queued_ = std::move(f); }
  // Live chat, for customers who prefer it (ChatService::PostNotice). Unset: chat is off for
  // notices, and those customers are mailed (`fallback` "chat_off"). Set once before use.
  void set_chat(ChatService* chat) { chat_ = chat; }
  // Called (inside the transaction) after a chat notice is queued, to wake its poster.
  void set_on_chat_queued(std::function<void()> f) { on_chat_queued_ = std::move(f); }

  // What one batch of tracking events reads once for all the shipments it changes: the
  // workspace, its notice settings and its sending mailbox. Lives no longer than the write
  // transaction it was filled in (the settings cannot change under it: one writer).
  struct Batch {
    std::optional<Workspace> workspace;
    std::optional<ShipmentNoticeSettings> settings;
    std::optional<std::optional<domain::Mailbox>> mailbox;
    std::optional<bool> chat_on;  // read at the first notice that wants chat
  };

  // After a batch changed shipment `s`: `decided` is the event that set its status when the
  // status changed in this batch, nullopt otherwise; `eta_before` its ETA before the batch.
  // `batch` is shared by the calls of one batch (one workspace).
  Status OnShipmentChanged(WriteTx& tx, const domain::Shipment& s,
                           const std::optional<domain::TrackingEvent>& decided,
                           const std::optional<std::string>& eta_before, Batch& batch) const;

  // Late notices for the shipments of workspace `ws` whose promised date has passed where the
  // workspace is, at most `limit` per call. Returns how many were decided.
  Result<int> SweepLate(WriteTx& tx, Id ws, int limit = 500) const;

  // Posts the chat notices that are due (their quiet hours over), of every workspace, at most
  // `limit`: each becomes a message from the team (ChatService::PostNotice, named after the
  // workspace) in the contact's latest conversation, in the notice's language, and records the
  // conversation and seq. One the customer opted out of since is not posted (`opted_out`); one
  // whose chat is gone or switched off meanwhile is mailed instead (`fallback`). What was posted
  // is appended to `posted`, for the hub after the commit. Answers how many notices it handled.
  Result<int> PostDueChatNotices(WriteTx& tx, int limit, std::vector<ChatEffects>* posted) const;

  // Settings (agents read; admins change). Body members: notices [names], quiet_from,
  // quiet_until ("HH:MM"), templates {notice: {language: {subject, body}}}, open_tickets,
  // ticket_group_id (null: no group).
  Result<ShipmentNoticeSettings> GetSettings(ReadTx& tx, const Principal& who) const;
  Result<ShipmentNoticeSettings> UpdateSettings(WriteTx& tx, const Principal& who,
                                                const nlohmann::json& body,
                                                std::optional<int64_t> if_match) const;

  // What the customer of a shipment was told (or why not), oldest first.
  Result<std::vector<ShipmentNoticeRecord>> Notices(ReadTx& tx, const Principal& who,
                                                    Id shipment_id) const;

  // Opt-out: by an agent for a contact, or by the customer through the link in every notice.
  Result<bool> OptedOut(ReadTx& tx, const Principal& who, Id contact_id) const;
  Status SetOptedOut(WriteTx& tx, const Principal& who, Id contact_id, bool opted_out) const;
  // "<workspace>.<contact>.<hmac>"; the link is <site>/notices/opt-out/<token>.
  std::string OptOutToken(Id ws, Id contact_id) const;
  // The workspace and contact of a token; NotFound for any token this server did not make.
  Result<std::pair<Id, Id>> ReadOptOutToken(std::string_view token) const;
  // The customer's own opt-out (the token's contact), recorded on their timeline.
  Status OptOutByToken(WriteTx& tx, std::string_view token) const;

  // The customers' delivery preferences (their language and quiet hours win over the
  // workspace's); set once before use.
  void set_delivery(const DeliveryService* d) { delivery_ = d; }

 private:
  Status Decide(WriteTx& tx, Batch& batch, const domain::Shipment& s, ShipmentNotice kind,
                const std::string& event_key, Millis event_at,
                const domain::TrackingEvent* event) const;
  Result<std::optional<Id>> QueueMail(WriteTx& tx, Batch& batch,
                                      const domain::Shipment& s, const domain::Contact& c,
                                      const std::string& email, ShipmentNotice kind,
                                      const domain::TrackingEvent* event, const std::string& lang,
                                      Millis send_after) const;
  // For a contact who is neither stale news nor switched off: the outcome (mailed, chatted,
  // opted_out, no_address), the fallback, the language, zone and quiet hours of the notice.
  Status Choose(WriteTx& tx, Batch& batch, const domain::Contact& contact,
                const std::string& email, ShipmentNoticeRecord* n, std::string* zone,
                std::string* quiet_from, std::string* quiet_until) const;
  Status PostChatNotice(WriteTx& tx, Batch& batch, ShipmentNoticeRecord& n,
                        std::vector<ChatEffects>* posted) const;
  Result<bool> ChatOn(WriteTx& tx, Batch& batch) const;
  ShipmentNoticeFields FieldsOf(const Workspace& w, const domain::Shipment& s,
                                const domain::Contact& c,
                                const domain::TrackingEvent* event) const;
  Result<std::optional<Id>> OpenOrNoteTicket(WriteTx& tx, const ShipmentNoticeSettings& settings,
                                             const domain::Shipment& s, ShipmentNotice kind,
                                             const domain::TrackingEvent* event) const;

  const Clock& clock_;
  const DeliveryService* delivery_ = nullptr;
  ChatService* chat_ = nullptr;
  TicketService& tickets_;
  const std::string secret_key_;
  std::function<std::string(std::string_view)> site_url_;
  std::function<void()> on_queued_;
  std::function<void()> on_chat_queued_;
};

// The first moment at or after `now` outside quiet hours [from, until) ("HH:MM", local to
// `zone`; from > until wraps past midnight; from == until: never quiet).
Millis AfterQuietHours(Millis now, std::string_view zone, std::string_view from,
                       std::string_view until);

}  // namespace sahayak::services
