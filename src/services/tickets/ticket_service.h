#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "services/principal.h"
#include "services/store.h"

namespace sahayak::services {

// Who the ticket is for: an existing contact by id, or found/created by e-mail or phone.
struct RequesterInput {
  std::optional<Id> id;
  std::string email;
  std::string name;
  std::string phone;
};

struct NewMessage {
  std::string body;  // plain text; when html is given and body is empty, derived from it
  std::string html;  // untrusted; sanitised before storing
  bool is_public = true;
  std::vector<Id> attachment_ids;
  std::optional<domain::Channel> channel;
  nlohmann::json channel_meta = nlohmann::json::object();
  // The language of `body` when the caller has already detected it (base/language.h; "" for
  // none found); unset: the store detects it.
  std::optional<std::string> language;
  // What made the message besides its author, recorded in its audit event as "via" (a macro:
  // {"macro": {"id": 3, "name": "…"}}); null: nothing.
  nlohmann::json via;
};

struct TicketCreate {
  std::string subject;
  NewMessage message;
  RequesterInput requester;
  std::optional<domain::Priority> priority;
  std::optional<domain::TicketType> type;
  std::optional<domain::Channel> channel;
  std::optional<domain::TicketStatus> status;
  std::vector<std::string> tags;
  std::optional<Id> group_id;
  std::optional<Id> assignee_id;
  nlohmann::json custom_fields = nlohmann::json::object();
  std::string language;
};

// A partial update; absent members stay as they are. For assignee and group, an engaged outer
// optional holding nullopt clears the value.
struct TicketPatch {
  std::optional<std::string> subject;
  std::optional<domain::TicketStatus> status;
  std::optional<domain::Priority> priority;
  std::optional<domain::TicketType> type;
  std::optional<std::optional<Id>> assignee_id;
  std::optional<std::optional<Id>> group_id;
  std::optional<std::vector<std::string>> tags;
  std::vector<std::string> add_tags;
  std::vector<std::string> remove_tags;
  std::optional<nlohmann::json> custom_fields;
  std::optional<std::string> language;
  std::optional<Id> requester_id;
  // What made the change besides the actor, recorded in its audit event as "via" (see
  // NewMessage::via); null: nothing.
  nlohmann::json via;
};

// Lets another capability act inside the write transaction of a ticket change, so its work
// commits or vanishes with the change (e-mail: the reply to the customer is queued in the
// outbox). Implementations must be thread-safe and must not block; an error undoes the change.
class TicketObserver {
 public:
  virtual ~TicketObserver() = default;
  // An agent added public message `m` to ticket `t` (already updated) through AddMessage.
  virtual Status OnPublicReply(WriteTx& tx, const Principal& who, const domain::Ticket& t,
                               const domain::Message& m) = 0;
  // A channel opened ticket `t` from `first`, the message of `requester` (e-mail ingest; the
  // web form and the portal through NotifyInboundTicket, services/tickets/inbound_ticket.h).
  virtual Status OnInboundTicket(WriteTx& tx, const domain::Ticket& t,
                                 const domain::Contact& requester,
                                 const domain::Message& first) = 0;
};

// The ticket use cases. Each runs inside the caller's write transaction and records its audit
// events and outbox rows there. Stateless apart from the clock and the observer; thread-safe.
class TicketService {
 public:
  // `observer` (optional) must outlive the service.
  explicit TicketService(const Clock& clock, TicketObserver* observer = nullptr)
      : clock_(clock), observer_(observer) {}

  // nullptr when none.
  TicketObserver* observer() const { return observer_; }

  // Required custom fields: see domain::RequiredOnCreate (portal and web forms need only the
  // fields their customer can see).
  Result<domain::Ticket> Create(WriteTx& tx, const Principal& who, const TicketCreate& in);
  // `if_match`: the version the caller last saw; Aborted ("precondition-failed") when stale.
  Result<domain::Ticket> Update(WriteTx& tx, const Principal& who, Id id, const TicketPatch& p,
                                std::optional<int64_t> if_match);
  Result<domain::Message> AddMessage(WriteTx& tx, const Principal& who, Id ticket_id,
                                     const NewMessage& in);
  // Moves the source's messages to the target, closes the source pointing at the target.
  Result<domain::Ticket> Merge(WriteTx& tx, const Principal& who, Id source_id, Id target_id);
  // Applies one patch to many tickets, all or nothing.
  Result<std::vector<domain::Ticket>> Bulk(WriteTx& tx, const Principal& who,
                                           const std::vector<Id>& ids, const TicketPatch& p);

  // Finds the contact for a requester, creating it (and joining it to the organisation of its
  // e-mail domain) when new.
  Result<domain::Contact> ResolveRequester(WriteTx& tx, const Principal& who,
                                           const RequesterInput& in);

 private:
  Result<domain::Message> InsertMessage(WriteTx& tx, const Principal& who, domain::Ticket* t,
                                        const NewMessage& in, domain::Actor::Kind author_kind,
                                        Id author_id, bool* ticket_changed);
  Status ApplyPatch(WriteTx& tx, const TicketPatch& p, domain::Ticket* t);

  const Clock& clock_;
  TicketObserver* observer_ = nullptr;
};

// JSON of the fields an audit event compares.
nlohmann::json TicketAuditView(const domain::Ticket& t);

}  // namespace sahayak::services
