#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sahayak::demo {

// Demo data for `sahayak seed-demo`: the support desk of "Sahayak Express", a courier with an
// online shop and business (B2B) accounts, whose customers write in English, Hindi
// (Devanagari), Kannada (Kannada script) and Hinglish (romanised Hindi mixed with English).
//
// Everything here is pure: no I/O, no clock, no database. The caller turns indices into rows.
// All text is NFC UTF-8 without control characters other than '\n'. Every e-mail domain is
// under the reserved ".example" TLD (RFC 2606) and the desk's own addresses are under
// "demo.sahayak.local", so seeded data can never mail a real person. Phone numbers are
// fictional +91 numbers in E.164.
//
// Vocabulary matches src/domain (ticket.h, people.h): statuses, priorities, types, channels,
// roles and tiers are the strings that domain::Parse* accepts; tags are already lower-case
// ASCII, sorted and unique (domain::NormaliseTags leaves them unchanged); custom-field keys
// satisfy domain::IsValidFieldKey.

// Indices into Corpus::groups(), in this order.
inline constexpr int kShipping = 0;
inline constexpr int kQualityControl = 1;
inline constexpr int kAccountsReceivable = 2;
inline constexpr int kRepairs = 3;
inline constexpr int kSales = 4;

// The demo administrator (agents()[0]).
inline constexpr std::string_view kDemoAdminName = "Asha Rao";
inline constexpr std::string_view kDemoAdminEmail = "admin@demo.sahayak.local";

struct DemoGroup {
  std::string name;  // Shipping, Quality Control, Accounts Receivable, Repairs, Sales
  std::string description;
};

struct DemoAgent {
  std::string name;
  std::string email;        // lower-case, unique, @demo.sahayak.local
  std::string role;         // "admin" | "agent"
  std::string language;     // UI language: "en" | "hi" | "kn"
  std::string time_zone;    // "Asia/Kolkata"
  std::vector<int> groups;  // indices into groups(), sorted
};

struct DemoOrganisation {
  std::string name;                  // e.g. "Kaveri Silks & Sarees Pvt Ltd"
  std::vector<std::string> domains;  // lower-case, "<slug>.example"; contacts use one of them
  std::string tier;                  // "basic" | "standard" | "premium" | "enterprise"
  std::string city;                  // head office, e.g. "Mysuru"
  std::string gstin;                 // 15 characters with a valid check character
};

struct DemoContact {
  std::string name;       // mostly Latin script; some Hindi/Kannada speakers in their own script
  std::string email;      // lower-case, unique across contacts()
  std::string phone;      // "+91" and 10 digits starting 6-9, unique across contacts()
  std::string social;     // "@handle" or empty
  std::string language;   // "en" | "hi" | "kn"
  std::string time_zone;  // "Asia/Kolkata" for almost everyone; a few live abroad
  std::string city;       // home city, e.g. "Hubballi"
  int organisation = -1;  // index into organisations(), or -1; when set, the e-mail's domain
                          // is one of that organisation's domains
};

struct DemoMessage {
  enum class Author { kCustomer, kAgent, kSystem };
  Author author = Author::kCustomer;   // kAgent messages are written by the ticket's assignee
  bool is_public = true;               // false for internal notes and system events
  std::string body;                    // plain text; paragraphs separated by "\n\n"
  int64_t minutes_after_creation = 0;  // non-decreasing; the first message is at 0
};

struct DemoTicket {
  std::string subject;
  std::string status;             // "new" | "open" | "pending" | "on_hold" | "solved" | "closed"
  std::string priority;           // "low" | "normal" | "high" | "urgent"
  std::string type;               // "question" | "incident" | "complaint" | "problem" | "task"
  std::string channel;            // "email" | "chat" | "phone" | "social" | "web" | "portal"
  std::string language;           // "en" | "hi" | "kn"; Hinglish tickets are "hi"
  std::string_view variety;       // "en" | "hi" | "kn" | "hinglish": how the customer writes.
                                  // Points at static storage.
  std::string_view scenario;      // one of Corpus::ScenarioNames(); points at static storage
  int group = 0;                  // index into groups(); follows from the scenario
  int contact = 0;                // index into contacts() (the requester)
  int organisation = -1;          // the contact's organisation, or -1
  int assignee = -1;              // index into agents() (never the admin), a member of `group`;
                                  // -1 only for new tickets and some open ones
  std::vector<std::string> tags;  // sorted, unique; e.g. "delayed", "cod", "refund", "vip"
  // Keys, in this order when present: awb_number ("SHY123456789IN"), order_id ("OD" and 10
  // digits), invoice_number ("SXP/24-25/01234"), amount_inr (whole rupees as digits, a number
  // field), gstin. All text fields except amount_inr.
  std::vector<std::pair<std::string, std::string>> custom_fields;
  int64_t created_minutes_ago = 0;  // >= 1; non-increasing in the ticket index (see Corpus)
  // 1 to 6 messages, about 3 on average. The first is the customer's. Every message is at most
  // created_minutes_ago after creation, so none lies in the future. New tickets have only
  // customer messages; solved and closed ones end in the agent's resolution (possibly
  // followed by the customer's thanks and, for closed ones, a system note).
  std::vector<DemoMessage> messages;
};

// The demo world for one seed. Groups and agents are fixed; organisations are fixed too (so
// their tiers are known); contacts and tickets depend on the seed.
//
// Tickets are spread over the last two years, denser towards the present, and ticket `index`
// of `ticket_count` is never older than ticket `index - 1`: inserting in index order gives
// ticket numbers that follow creation time. Indices at or past `ticket_count` are valid and
// were created a minute ago. Age drives status: old tickets are closed or solved, recent ones
// new, open, pending or on hold (on-hold threads end in an internal note). Over a whole run
// about 95% are solved or closed.
//
// Each ticket follows one scenario (ScenarioNames()), which fixes its group, tags and custom
// fields: parcel_delayed, address_change, failed_delivery, reschedule_delivery,
// customs_paperwork and pickup_request go to Shipping; damaged_item to Quality Control or
// Repairs; missing_item to Quality Control; refund_request, cod_dispute, invoice_copy and
// gst_invoice_correction to Accounts Receivable; repair_request to Repairs; contract_renewal
// and bulk_rate_enquiry to Sales. The B2B ones (invoice_copy, contract_renewal,
// pickup_request, gst_invoice_correction, bulk_rate_enquiry) always come from an
// organisation's contact. Customers write English (~50%), Kannada (~20%), Hinglish (~18%) or
// Hindi (~12%); agents answer in the customer's variety when they write it, else in English;
// internal notes are English or Hinglish. Priority is mostly normal; premium and enterprise
// organisations are tagged "vip" and get higher priorities more often.
//
// Thread-safety: immutable after construction; Ticket() may be called from any number of
// threads at once. Copies share the precomputed tables.
class Corpus {
 public:
  static constexpr int64_t kDefaultTicketCount = 10'000;

  // REQUIRES: ticket_count >= 1 (the number the caller will generate, for the time spread).
  explicit Corpus(uint64_t seed, int64_t ticket_count = kDefaultTicketCount);

  uint64_t seed() const { return seed_; }
  int64_t ticket_count() const { return ticket_count_; }

  const std::vector<DemoGroup>& groups() const;  // exactly 5, in the kShipping.. order
  // 13 agents. agents()[0] is the admin kDemoAdminName <kDemoAdminEmail>, a member of every
  // group, never an assignee; the others are role "agent".
  const std::vector<DemoAgent>& agents() const;
  const std::vector<DemoOrganisation>& organisations() const;  // 40 B2B accounts
  const std::vector<DemoContact>& contacts() const;            // 2,000 customers

  // Deterministic for (seed, ticket_count, index): the same arguments give the same ticket on
  // every run and platform (integer RNG, no std:: distributions), and any index can be
  // generated without the others. Takes one to two microseconds. REQUIRES: index >= 0.
  DemoTicket Ticket(int64_t index) const;

  // The scenario keys a ticket may carry, e.g. "parcel_delayed", "cod_dispute".
  static const std::vector<std::string_view>& ScenarioNames();

 private:
  struct Tables;
  uint64_t seed_;
  int64_t ticket_count_;
  std::shared_ptr<const Tables> tables_;
};

}  // namespace sahayak::demo
