#pragma once

#include <functional>
#include <optional>
#include <string>

#include "base/clock.h"
#include "base/status.h"
#include "domain/types.h"

// What the operations and live chat figures read (docs/analytics.md), reached through ReadTx::analytics()
// (services/store.h); store/sqlite/tx_analytics.cc implements it. Each method streams rows to a
// visitor instead of building a list, so a year of a large courier's shipments is added up in
// constant memory.
namespace sahayak::services {

// Which shipments a figure covers: those of workspace `ws` booked in [from, to) (their
// `booked_at`: registration or first tracking event, whichever came first), of one carrier
// when `carrier_id` is set.
struct ShipmentCohort {
  domain::Id ws = 0;
  Millis from = 0;
  Millis to = 0;
  std::optional<domain::Id> carrier_id;
};

// One shipment of the cohort and what became of it.
struct ShipmentOutcome {
  domain::Id id = 0;
  domain::Id carrier_id = 0;
  std::string origin;       // city, else PIN code, else country, else ""
  std::string destination;  // likewise
  Millis booked_at = 0;
  std::string status;       // its status now
  bool failed_attempt = false;  // a delivery_failed event (NDR) on its timeline
  bool returned = false;        // a returned_to_origin event or status (RTO)
};

// A customer getting in touch about a shipment of the cohort: a ticket linked to it in which
// the customer wrote (or a phone ticket). A ticket about several shipments counts once, for the
// lowest shipment id. Merged-away tickets are left out.
struct ShipmentContact {
  domain::Id ticket_id = 0;
  domain::Id shipment_id = 0;
  domain::Id carrier_id = 0;
  std::string origin;
  std::string destination;
  Millis shipment_booked_at = 0;
  Millis contact_at = 0;            // the customer's first message, or the phone ticket's creation
  std::string status_at_contact;    // the shipment's status then (newest event at or before)
  std::optional<std::string> promised_date;  // "YYYY-MM-DD"
};

// The first notice of one kind decided for a shipment of the cohort, and whether the customer
// got in touch about that shipment in the `window` after it was decided.
struct NoticeFollowUp {
  domain::Id shipment_id = 0;
  std::string notice;   // out_for_delivery | delivered | delivery_failed | exception | late
  std::string outcome;  // mailed | chatted | opted_out | no_address | off | stale
  Millis decided_at = 0;
  bool contacted_after = false;
};

// Which live chats a figure covers: those of workspace `ws` that a visitor started in
// [from, to), of one group when `group_id` is set (the group the chat was in last).
struct ChatCohort {
  domain::Id ws = 0;
  Millis from = 0;
  Millis to = 0;
  std::optional<domain::Id> group_id;
};

// One chat of the cohort as it stands (docs/chat.md: figures are kept as they happen).
struct ChatOutcome {
  domain::Id id = 0;
  std::optional<domain::Id> group_id;
  std::string group_name;
  std::optional<domain::Id> agent_id;  // the agent who had it last
  std::string agent_name;
  std::string language;
  std::string status;  // queued | offered | active | ended | missed
  Millis created_at = 0;
  std::optional<Millis> wait_ms;            // started → an agent accepted
  std::optional<Millis> first_response_ms;  // started → the first agent message
  std::optional<Millis> duration_ms;        // started → ended
  bool missed = false;                      // ended before any agent took it
  bool held_by_assistant = false;
};

class AnalyticsReadTx {
 public:
  virtual ~AnalyticsReadTx() = default;
  virtual Status ForEachShipmentOutcome(
      const ShipmentCohort& cohort, const std::function<void(const ShipmentOutcome&)>& fn) = 0;
  virtual Status ForEachShipmentContact(
      const ShipmentCohort& cohort, const std::function<void(const ShipmentContact&)>& fn) = 0;
  virtual Status ForEachNoticeFollowUp(const ShipmentCohort& cohort, Millis window,
                                       const std::function<void(const NoticeFollowUp&)>& fn) = 0;
  virtual Status ForEachChat(const ChatCohort& cohort,
                             const std::function<void(const ChatOutcome&)>& fn) = 0;
};

}  // namespace sahayak::services
