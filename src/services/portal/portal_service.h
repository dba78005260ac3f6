#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/crypto.h"
#include "services/store.h"
#include "services/tickets/ticket_service.h"

// The customer portal's use cases (docs/portal.md): signing customers in by a one-time link
// mailed to them or by a password, their sessions, and what a signed-in customer may see and
// do with tickets. The api layer (api/portal_*.cc) renders pages around it.
//
// Rules kept here:
//  - A sign-in link is 32 random bytes, stored only as its SHA-256, usable once, for 15
//    minutes. Asking for one never reveals whether the address is known: the same answer, and
//    no mail, for an unknown address.
//  - A session token is 32 random bytes, stored as its SHA-256, with its own CSRF token; it
//    ends 30 days after the last visit or when the customer signs out.
//  - A customer sees the tickets they requested; a contact whose ticket_access is
//    "organization" also sees their organisation's. Any other ticket is NotFound, never
//    PermissionDenied: the portal does not reveal that it exists. Internal notes are never
//    returned, and an attachment only when it belongs to a public message of a visible ticket.
namespace sahayak::services {

struct PortalOptions {
  PasswordHashCost hash_cost;
  Millis link_ttl_ms = 15 * 60 * 1000;
  Millis session_idle_ms = 30LL * 24 * 3600 * 1000;
};

// A signed-in customer, from their session cookie.
struct PortalCustomer {
  Id workspace_id = 0;
  domain::Contact contact;
  std::string session_hash;
  std::string csrf_token;
};

// A new session: the cookie value and the CSRF token the pages embed.
struct PortalSignedIn {
  std::string token;
  std::string csrf_token;
  Id contact_id = 0;
};

// A ticket as the customer sees it: public messages only, oldest first.
struct PortalTicket {
  domain::Ticket ticket;
  std::vector<domain::Message> messages;
  std::string requester_name;
};

// What a new request from the portal holds. Attachments were stored (blob and checks) by the
// caller with AttachmentService::StoreFile; they get their rows here, in the ticket's
// transaction.
struct PortalRequest {
  std::string subject;
  std::string body;
  std::string topic;  // the chosen topic's title; kept on the message
  Id topic_id = 0;    // its knowledge-base category; 0: none ("something else")
  nlohmann::json custom_fields = nlohmann::json::object();
  std::vector<domain::Attachment> attachments;
};

// The customer's kind of error: `kind()` of the Status the methods return.
inline constexpr const char* kPortalLinkInvalid = "portal-link-invalid";
inline constexpr const char* kPortalSignInFailed = "portal-sign-in-failed";

// Thread-safe; stateless apart from its collaborators.
class PortalService {
 public:
  // `tickets` must outlive the service.
  PortalService(Store& store, const Clock& clock, TicketService& tickets,
                PortalOptions options = {});

  // Called after a sign-in mail was queued (to wake the outbox worker).
  void set_on_mail_queued(std::function<void()> f) { on_queued_ = std::move(f); }

  // Queues a sign-in mail to `email` when it is the e-mail identity of a contact of `ws`;
  // does nothing (and still returns OK) otherwise. The link is `link_base` +
  // "/portal/sign-in/" + token. The mail is in the contact's language, else `lang`.
  Status RequestSignInLink(Id ws, std::string_view email, std::string_view link_base,
                           std::string_view lang);
  // The same mail for one contact, on an agent's request: the address it went to.
  // NotFound when there is no such contact, FailedPrecondition ("no-email") when it has no
  // e-mail address.
  Result<std::string> InviteContact(const Principal& who, Id contact_id,
                                    std::string_view link_base);

  // Whether the link still works on the site of workspace `ws` (for the page that asks to
  // confirm; does not use it).
  bool SignInLinkUsable(Id ws, std::string_view token);
  // Uses the link, opened on the site of workspace `ws`, and opens a session.
  // PermissionDenied of kind kPortalLinkInvalid when the link is unknown, used, expired or
  // belongs to another workspace; a link of another workspace is not used up by the attempt.
  Result<PortalSignedIn> ConsumeSignInLink(Id ws, std::string_view token, std::string_view ip,
                                           std::string_view user_agent);
  // Unauthenticated of kind kPortalSignInFailed for an unknown address or a wrong password;
  // both take one argon2id verification.
  Result<PortalSignedIn> SignInWithPassword(Id ws, std::string_view email,
                                            std::string_view password, std::string_view ip,
                                            std::string_view user_agent);
  // The customer of a session cookie; Unauthenticated when unknown or expired. A visit moves
  // the expiry on (at most once a minute, to spare the writer).
  Result<PortalCustomer> Authenticate(std::string_view token);
  Status SignOut(std::string_view token);
  // Sets the signed-in customer's password (base/crypto.h rules: services::CheckPassword).
  Status SetPassword(const PortalCustomer& c, std::string_view password);
  // Whether the customer has a password.
  Result<bool> HasPassword(const PortalCustomer& c);

  // The tickets the customer may see, most recently updated first.
  Result<std::vector<domain::Ticket>> ListTickets(const PortalCustomer& c, int limit = 100);
  // Ticket `number` of the workspace when the customer may see it; else NotFound.
  Result<PortalTicket> GetTicket(const PortalCustomer& c, int64_t number);
  // A public reply from the customer on ticket `number`: reopens a pending or solved ticket;
  // FailedPrecondition ("ticket-closed") on a closed one.
  Result<domain::Message> Reply(const PortalCustomer& c, int64_t number, std::string_view body,
                                std::vector<domain::Attachment> attachments);
  // A new ticket (channel portal) requested by the customer.
  Result<domain::Ticket> CreateTicket(const PortalCustomer& c, PortalRequest request);
  // Attachment `id` when it belongs to a public message of a ticket the customer may see.
  Result<domain::Attachment> VisibleAttachment(const PortalCustomer& c, Id id);

  // Whether the customer may see `t` (own ticket, or the organisation's with that access).
  static bool MaySee(const domain::Contact& c, const domain::Ticket& t);

 private:
  Result<PortalSignedIn> OpenSession(WriteTx& tx, Id ws, Id contact_id, std::string_view ip,
                                     std::string_view user_agent);
  // Queues the sign-in mail to `contact` at `email` in `tx`.
  Status QueueSignInMail(WriteTx& tx, Id ws, const domain::Contact& contact,
                         const std::string& email, std::string_view link_base,
                         std::string_view lang, std::string_view purpose);
  Principal CustomerPrincipal(const PortalCustomer& c) const;

  Store& store_;
  const Clock& clock_;
  TicketService& tickets_;
  PortalOptions options_;
  std::function<void()> on_queued_;
  std::string dummy_hash_;
};

// Subject and text of the sign-in mail in `lang` (en, hi, kn; others English).
struct PortalMailText {
  std::string subject;
  std::string body;
};
PortalMailText SignInMailText(std::string_view lang, std::string_view name,
                              std::string_view workspace, std::string_view link, int minutes);

}  // namespace sahayak::services
