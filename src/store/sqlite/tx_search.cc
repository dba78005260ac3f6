// Bulk reads for the search indexer (search/indexer.h): a batch of tickets with their messages,
// attachment names, requesters and organisations in six set-based queries, whatever the batch
// size, so a full rebuild never runs a query per ticket. Ids travel as one JSON array bound to
// `json_each`, which keeps each statement cacheable whatever the number of ids.
#include <algorithm>
#include <map>
#include <set>

#include "store/sqlite/rows.h"
#include "store/sqlite/sqlite_tx.h"

namespace sahayak::store {

using nlohmann::json;

namespace {

// The same columns and parsing as tx_tickets.cc's ReadTicket; kept apart so the ticket
// repository stays free to change its private helpers.
constexpr const char* kIndexTicketCols =
    "id, workspace_id, number, subject, status, priority, type, channel, requester_id, "
    "assignee_id, group_id, organisation_id, merged_into_id, tags, custom_fields, language, "
    "created_at, updated_at, first_response_at, solved_at, version";

domain::Ticket ReadIndexTicket(const Stmt& s) {
  domain::Ticket t;
  t.id = s.Int(0);
  t.workspace_id = s.Int(1);
  t.number = s.Int(2);
  t.subject = s.Text(3);
  t.status = domain::ParseStatus(s.Text(4)).value_or(domain::TicketStatus::kOpen);
  t.priority = domain::ParsePriority(s.Text(5)).value_or(domain::Priority::kNormal);
  t.type = domain::ParseTicketType(s.Text(6)).value_or(domain::TicketType::kQuestion);
  t.channel = domain::ParseChannel(s.Text(7)).value_or(domain::Channel::kApi);
  t.requester_id = s.Int(8);
  t.assignee_id = s.OptInt(9);
  t.group_id = s.OptInt(10);
  t.organisation_id = s.OptInt(11);
  t.merged_into_id = s.OptInt(12);
  for (const auto& tag : ParseJsonColumn(s.Text(13), json::array())) {
    if (tag.is_string()) t.tags.push_back(tag.get<std::string>());
  }
  t.custom_fields = ParseJsonColumn(s.Text(14), json::object());
  t.language = s.Text(15);
  t.created_at = s.Int(16);
  t.updated_at = s.Int(17);
  t.first_response_at = s.OptInt(18);
  t.solved_at = s.OptInt(19);
  t.version = s.Int(20);
  return t;
}

domain::Actor::Kind ActorKind(const std::string& s) {
  if (s == "agent") return domain::Actor::Kind::kAgent;
  if (s == "contact") return domain::Actor::Kind::kContact;
  return domain::Actor::Kind::kSystem;
}

std::string IdArray(const std::vector<Id>& ids) {
  std::string out = "[";
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i) out += ',';
    out += std::to_string(ids[i]);
  }
  return out + "]";
}

template <typename Rows>
std::vector<Id> Ids(const Rows& rows) {
  std::vector<Id> ids;
  for (const auto& r : rows) ids.push_back(r.id);
  return ids;
}

Result<std::vector<domain::Contact>> LoadContacts(Connection* c, Stmt& s) {
  std::vector<domain::Contact> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    domain::Contact ct;
    ct.id = s.Int(0);
    ct.workspace_id = s.Int(1);
    ct.name = s.Text(2);
    ct.language = s.Text(3);
    ct.time_zone = s.Text(4);
    ct.organisation_id = s.OptInt(5);
    ct.created_at = s.Int(6);
    ct.updated_at = s.Int(7);
    ct.version = s.Int(8);
    out.push_back(std::move(ct));
  }
  if (out.empty()) return out;
  std::map<Id, size_t> at;
  for (size_t i = 0; i < out.size(); ++i) at[out[i].id] = i;
  ASSIGN_OR_RETURN(Stmt is, c->Prepare("SELECT contact_id, kind, value FROM contact_identities "
                                       "WHERE contact_id IN (SELECT value FROM json_each(?)) "
                                       "ORDER BY contact_id, position, kind, value"));
  is.Bind(1, IdArray(Ids(out)));
  while (true) {
    ASSIGN_OR_RETURN(bool row, is.Step());
    if (!row) break;
    auto it = at.find(is.Int(0));
    if (it == at.end()) continue;
    out[it->second].identities.push_back(
        {domain::ParseIdentityKind(is.Text(1)).value_or(domain::Identity::Kind::kEmail),
         is.Text(2)});
  }
  return out;
}

Result<std::vector<domain::Organisation>> LoadOrganisations(Connection* c, Stmt& s) {
  std::vector<domain::Organisation> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    domain::Organisation o;
    o.id = s.Int(0);
    o.workspace_id = s.Int(1);
    o.name = s.Text(2);
    o.tier = domain::ParseTier(s.Text(3)).value_or(domain::Tier::kStandard);
    o.account_manager_id = s.OptInt(4);
    o.notes = s.Text(5);
    o.created_at = s.Int(6);
    o.updated_at = s.Int(7);
    o.version = s.Int(8);
    out.push_back(std::move(o));
  }
  if (out.empty()) return out;
  std::map<Id, size_t> at;
  for (size_t i = 0; i < out.size(); ++i) at[out[i].id] = i;
  ASSIGN_OR_RETURN(Stmt ds, c->Prepare("SELECT organisation_id, domain FROM organisation_domains "
                                       "WHERE organisation_id IN (SELECT value FROM json_each(?)) "
                                       "ORDER BY organisation_id, domain"));
  ds.Bind(1, IdArray(Ids(out)));
  while (true) {
    ASSIGN_OR_RETURN(bool row, ds.Step());
    if (!row) break;
    auto it = at.find(ds.Int(0));
    if (it != at.end()) out[it->second].domains.push_back(ds.Text(1));
  }
  return out;
}

constexpr const char* kIndexContactCols =
    "id, workspace_id, name, language, time_zone, organisation_id, created_at, updated_at, "
    "version";
constexpr const char* kIndexOrgCols =
    "id, workspace_id, name, tier, account_manager_id, notes, created_at, updated_at, version";

// Fills in messages, attachment names, requesters and organisations of `tickets` (id order).
Result<std::vector<services::TicketForIndex>> Complete(Connection* c,
                                                       std::vector<domain::Ticket> tickets) {
  std::vector<services::TicketForIndex> out;
  if (tickets.empty()) return out;
  std::map<Id, size_t> at;
  std::set<Id> contact_ids, org_ids;
  out.reserve(tickets.size());
  for (auto& t : tickets) {
    at[t.id] = out.size();
    contact_ids.insert(t.requester_id);
    if (t.organisation_id) org_ids.insert(*t.organisation_id);
    out.push_back({std::move(t), {}, {}, std::nullopt, std::nullopt});
  }
  std::vector<Id> ticket_ids;
  for (const auto& t : out) ticket_ids.push_back(t.ticket.id);
  const std::string ids = IdArray(ticket_ids);

  ASSIGN_OR_RETURN(Stmt ms,
                   c->Prepare("SELECT id, workspace_id, ticket_id, public, author_kind, "
                              "author_id, body, channel, created_at, language FROM messages "
                              "WHERE ticket_id IN (SELECT value FROM json_each(?)) "
                              "ORDER BY ticket_id, id"));
  ms.Bind(1, ids);
  while (true) {
    ASSIGN_OR_RETURN(bool row, ms.Step());
    if (!row) break;
    auto it = at.find(ms.Int(2));
    if (it == at.end()) continue;
    domain::Message m;
    m.id = ms.Int(0);
    m.workspace_id = ms.Int(1);
    m.ticket_id = ms.Int(2);
    m.is_public = ms.Int(3) != 0;
    m.author_kind = ActorKind(ms.Text(4));
    m.author_id = ms.Int(5);
    m.body = ms.Text(6);
    m.channel = domain::ParseChannel(ms.Text(7)).value_or(domain::Channel::kApi);
    m.created_at = ms.Int(8);
    m.language = ms.OptText(9);
    out[it->second].messages.push_back(std::move(m));
  }

  ASSIGN_OR_RETURN(Stmt as, c->Prepare("SELECT m.ticket_id, a.filename FROM messages m "
                                       "JOIN attachments a ON a.message_id = m.id "
                                       "WHERE m.ticket_id IN (SELECT value FROM json_each(?)) "
                                       "ORDER BY m.ticket_id, a.id"));
  as.Bind(1, ids);
  while (true) {
    ASSIGN_OR_RETURN(bool row, as.Step());
    if (!row) break;
    auto it = at.find(as.Int(0));
    if (it != at.end()) out[it->second].attachment_names.push_back(as.Text(1));
  }

  ASSIGN_OR_RETURN(Stmt cs, c->Prepare(Sql([] {
    return std::string("SELECT ") + kIndexContactCols +
           " FROM contacts WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id";
  })));
  cs.Bind(1, IdArray(std::vector<Id>(contact_ids.begin(), contact_ids.end())));
  ASSIGN_OR_RETURN(std::vector<domain::Contact> contacts, LoadContacts(c, cs));
  std::map<Id, const domain::Contact*> contact_by_id;
  for (const auto& ct : contacts) contact_by_id[ct.id] = &ct;

  std::vector<domain::Organisation> orgs;
  if (!org_ids.empty()) {
    ASSIGN_OR_RETURN(Stmt os, c->Prepare(Sql([] {
      return std::string("SELECT ") + kIndexOrgCols +
             " FROM organisations WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id";
    })));
    os.Bind(1, IdArray(std::vector<Id>(org_ids.begin(), org_ids.end())));
    ASSIGN_OR_RETURN(orgs, LoadOrganisations(c, os));
  }
  std::map<Id, const domain::Organisation*> org_by_id;
  for (const auto& o : orgs) org_by_id[o.id] = &o;

  for (auto& t : out) {
    auto ct = contact_by_id.find(t.ticket.requester_id);
    if (ct != contact_by_id.end()) t.requester = *ct->second;
    if (t.ticket.organisation_id) {
      auto o = org_by_id.find(*t.ticket.organisation_id);
      if (o != org_by_id.end()) t.organisation = *o->second;
    }
  }
  return out;
}

Result<std::vector<domain::Ticket>> ReadTickets(Stmt& s) {
  std::vector<domain::Ticket> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(ReadIndexTicket(s));
  }
  return out;
}

Result<std::vector<Id>> ReadIds(Stmt& s) {
  std::vector<Id> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(s.Int(0));
  }
  return out;
}

}  // namespace

Result<std::vector<services::TicketForIndex>> SqliteTx::ScanTicketsForIndex(Id after_id,
                                                                            int limit) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kIndexTicketCols +
           " FROM tickets WHERE id > ? ORDER BY id LIMIT ?";
  })));
  s.Bind(1, after_id).Bind(2, limit);
  ASSIGN_OR_RETURN(std::vector<domain::Ticket> tickets, ReadTickets(s));
  return Complete(c_, std::move(tickets));
}

Result<std::vector<services::TicketForIndex>> SqliteTx::GetTicketsForIndex(
    const std::vector<Id>& ids) {
  if (ids.empty()) return std::vector<services::TicketForIndex>{};
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kIndexTicketCols +
           " FROM tickets WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id";
  })));
  s.Bind(1, IdArray(ids));
  ASSIGN_OR_RETURN(std::vector<domain::Ticket> tickets, ReadTickets(s));
  return Complete(c_, std::move(tickets));
}

Result<std::vector<services::TicketHead>> SqliteTx::GetTicketHeads(Id ws,
                                                                 const std::vector<Id>& ids) {
  std::vector<services::TicketHead> out;
  if (ids.empty()) return out;
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string(
        "SELECT id, subject, merged_into_id, version FROM tickets WHERE workspace_id = ? AND "
        "id IN (SELECT value FROM json_each(?)) ORDER BY id");
  })));
  s.Bind(1, ws).Bind(2, IdArray(ids));
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    services::TicketHead& h = out.emplace_back();
    h.id = s.Int(0);
    h.subject = s.Text(1);
    h.merged_into_id = s.OptInt(2);
    h.version = s.Int(3);
  }
  return out;
}

Result<std::map<Id, std::vector<std::string>>> SqliteTx::GetFirstMessageBodies(
    Id ws, const std::vector<Id>& ids, int per_ticket) {
  std::map<Id, std::vector<std::string>> out;
  // One query per ticket (a cached statement): each reads only its first messages through
  // messages_ticket (ticket_id, id), however long the ticket's conversation.
  for (Id id : std::set<Id>(ids.begin(), ids.end())) {
    ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
      return std::string(
          "SELECT body FROM messages WHERE ticket_id = ? AND workspace_id = ? ORDER BY id "
          "LIMIT ?");
    })));
    s.Bind(1, id).Bind(2, ws).Bind(3, per_ticket);
    while (true) {
      ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      out[id].push_back(s.Text(0));
    }
  }
  return out;
}

Result<std::vector<domain::Contact>> SqliteTx::ScanContactsForIndex(Id after_id, int limit) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kIndexContactCols +
           " FROM contacts WHERE id > ? ORDER BY id LIMIT ?";
  })));
  s.Bind(1, after_id).Bind(2, limit);
  return LoadContacts(c_, s);
}

Result<std::vector<domain::Contact>> SqliteTx::GetContactsForIndex(const std::vector<Id>& ids) {
  if (ids.empty()) return std::vector<domain::Contact>{};
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kIndexContactCols +
           " FROM contacts WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id";
  })));
  s.Bind(1, IdArray(ids));
  return LoadContacts(c_, s);
}

Result<std::vector<domain::Organisation>> SqliteTx::ScanOrganisationsForIndex(Id after_id,
                                                                              int limit) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kIndexOrgCols +
           " FROM organisations WHERE id > ? ORDER BY id LIMIT ?";
  })));
  s.Bind(1, after_id).Bind(2, limit);
  return LoadOrganisations(c_, s);
}

Result<std::vector<domain::Organisation>> SqliteTx::GetOrganisationsForIndex(
    const std::vector<Id>& ids) {
  if (ids.empty()) return std::vector<domain::Organisation>{};
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kIndexOrgCols +
           " FROM organisations WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id";
  })));
  s.Bind(1, IdArray(ids));
  return LoadOrganisations(c_, s);
}

Result<std::vector<Id>> SqliteTx::ListTicketIdsOfContact(Id ws, Id contact_id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("SELECT id FROM tickets WHERE workspace_id = ? AND "
                                       "requester_id = ? ORDER BY id"));
  s.Bind(1, ws).Bind(2, contact_id);
  return ReadIds(s);
}

Result<std::vector<Id>> SqliteTx::ListTicketIdsOfOrganisation(Id ws, Id organisation_id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("SELECT id FROM tickets WHERE workspace_id = ? AND "
                                       "organisation_id = ? ORDER BY id"));
  s.Bind(1, ws).Bind(2, organisation_id);
  return ReadIds(s);
}

Result<std::vector<domain::OutboxItem>> SqliteTx::ListOutboxAfter(Id after_id, int limit) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("SELECT id, workspace_id, topic, payload, created_at "
                                       "FROM outbox WHERE id > ? ORDER BY id LIMIT ?"));
  s.Bind(1, after_id).Bind(2, limit);
  std::vector<domain::OutboxItem> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    domain::OutboxItem o;
    o.id = s.Int(0);
    o.workspace_id = s.Int(1);
    o.topic = s.Text(2);
    o.payload = ParseJsonColumn(s.Text(3), json::object());
    o.created_at = s.Int(4);
    out.push_back(std::move(o));
  }
  return out;
}

Result<Id> SqliteTx::MaxOutboxId() {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("SELECT COALESCE(MAX(id), 0) FROM outbox"));
  ASSIGN_OR_RETURN(bool row, s.Step());
  return row ? s.Int(0) : 0;
}

Result<services::IndexableCounts> SqliteTx::CountIndexable() {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(
                               "SELECT (SELECT COUNT(*) FROM tickets WHERE merged_into_id IS "
                               "NULL), (SELECT COUNT(*) FROM contacts), (SELECT COUNT(*) FROM "
                               "organisations), (SELECT COUNT(*) FROM kb_translations t JOIN "
                               "kb_articles a ON a.id = t.article_id WHERE a.deleted_at IS NULL)"));
  ASSIGN_OR_RETURN(bool row, s.Step());
  services::IndexableCounts n;
  if (row) {
    n.tickets = s.Int(0);
    n.contacts = s.Int(1);
    n.organisations = s.Int(2);
    n.article_translations = s.Int(3);
  }
  return n;
}

}  // namespace sahayak::store
