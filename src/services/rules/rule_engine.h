#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "base/status.h"
#include "domain/message.h"
#include "domain/rule.h"
#include "services/macros/macro_service.h"
#include "services/principal.h"
#include "services/store.h"
#include "services/tickets/ticket_service.h"

// Running rules (docs/automation.md). Triggers follow the outbox, as the search index and the
// SLA sweep do: each row that is an event for a ticket (ticket.created, ticket.updated, a
// customer's message, a chat's ticket, a tracking event of a linked parcel, an SLA warning or
// breach) is evaluated against the workspace's active triggers in position order. A trigger
// that matches acts; then the remaining triggers are evaluated again against the changed
// ticket, so each trigger acts at most once per event (Zendesk's cycle). What rules change is
// not itself an event (its audit rows carry "via": {"trigger": …}), and one rule acts on one
// ticket at most kMaxRunsPerHour times an hour: rules cannot loop. Automations are checked by
// a sweep over the open tickets and act once per ticket and anchor (the moment their time
// condition counts from), recorded in rule_runs, so a sweep repeated or run on two nodes acts
// once. Every change is made through TicketService with the rule named under "via", so audit
// history, outbox, mail and search follow as for a change by hand. Thread-safe.
namespace sahayak::services {

// Queues a webhook action's POST in the caller's transaction (services/rules/rule_webhooks.h).
using WebhookQueuer = std::function<Status(WriteTx& tx, Id ws, const domain::Rule& rule,
                                           Id ticket_id, const domain::Action& action,
                                           const nlohmann::json& body)>;

// The facts of one event, beyond the ticket.
struct RuleEventFacts {
  std::vector<domain::RuleEvent> events;     // what the trigger may fire on (one or two)
  nlohmann::json changes;                    // ticket.updated: field -> [before, after]
  std::string message_body;
  std::optional<domain::Channel> message_channel;
  std::optional<domain::ShipmentStatus> shipment_status;
  std::optional<domain::SlaMetric> sla_metric;
  Id anchor = 0;                             // the outbox row: a trigger acts once per event
};

struct AutomationSweepStats {
  int64_t workspaces = 0;
  int64_t scanned = 0;   // open tickets evaluated
  int64_t matched = 0;   // ticket × automation pairs whose conditions held
  int64_t acted = 0;     // … that acted (first time for their anchor)
  bool skipped = false;  // another node holds the lease
};

class RuleEngine {
 public:
  static constexpr int64_t kMaxRunsPerHour = 10;

  RuleEngine(const Clock& clock, TicketService& tickets, MacroService& macros)
      : clock_(clock), tickets_(tickets), macros_(macros) {}

  void set_webhook_queuer(WebhookQueuer q) { webhook_ = std::move(q); }
  void set_on_mail_queued(std::function<void()> f) { on_mail_queued_ = std::move(f); }

  // One round of triggers: the outbox rows after the runner's cursor (at most `batch`), in one
  // write; when that write fails, each row again in its own, and a row that still fails is
  // passed over with an audit event "rule.failed" naming the error. Returns the rows handled.
  Result<int> RunTriggers(Store& store, int batch = 200) const;

  // Compiled active triggers by workspace, read once per round (parsing 500 rules' conditions
  // takes milliseconds; an event takes microseconds).
  using TriggerSet = std::map<Id, std::vector<domain::Rule>>;

  // The outbox row's event, in the caller's transaction (RunTriggers' unit of work). `cache`
  // (optional) keeps the workspaces' triggers between rows of one round.
  Status HandleOutboxRow(WriteTx& tx, const domain::OutboxItem& row,
                         TriggerSet* cache = nullptr) const;

  // Evaluates `triggers` (active ones, position order) for one ticket and event, acting as
  // they match. Returns how many acted.
  Result<int> FireTriggers(WriteTx& tx, Id ws, const std::vector<domain::Rule>& triggers,
                           Id ticket_id, const RuleEventFacts& event) const;

  // The automation sweep over every workspace with active automations, `page` tickets per read
  // and per write. Runs only on the node holding the lease "automations" (`node` names this
  // one; the lease lasts `lease` and is renewed as the sweep goes).
  Result<AutomationSweepStats> SweepAutomations(Store& store, const std::string& node,
                                                int page = 1000,
                                                Millis lease = 5 * 60 * 1000) const;

  // The moment an automation's first time condition counts from, for `t` (nullopt: none yet,
  // e.g. "hours since solved" on an unsolved ticket).
  static std::optional<Millis> Anchor(const domain::Rule& automation, const RuleTicket& t);

  // The facts of `t` at `now` without an event (automations, previews, benchmarks).
  static domain::RuleFacts FactsOf(const RuleTicket& t, Millis now);

 private:
  struct Caches;
  // Runs `rule`'s actions on the ticket; NotFound/FailedPrecondition from a ticket that can no
  // longer change is passed over (false).
  Result<bool> Act(WriteTx& tx, const domain::Rule& rule, const RuleTicket& t,
                   const RuleEventFacts* event) const;
  Status Notify(WriteTx& tx, const domain::Rule& rule, const domain::Action& a,
                const domain::Ticket& t, const Principal& sys) const;

  const Clock& clock_;
  TicketService& tickets_;
  MacroService& macros_;
  WebhookQueuer webhook_;
  std::function<void()> on_mail_queued_;
};

}  // namespace sahayak::services
