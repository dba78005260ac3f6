// Workspaces, agents, groups, contacts and organisations.
#include <limits>

#include "store/sqlite/sqlite_tx.h"

namespace sahayak::store {

using services::Page;
using services::PageRequest;

namespace {

constexpr int64_t kNoCursor = std::numeric_limits<int64_t>::max();

int64_t Before(const PageRequest& p) {
  return p.cursor.value_or(kNoCursor);
}

// Trims a fetched limit+1 rows to a page and sets its continuation.
template <typename T>
void FinishPage(Page<T>* page, int limit) {
  if (static_cast<int>(page->items.size()) > limit) {
    page->items.resize(limit);
    page->next = page->items.back().id;
  }
}

Status NotFoundIn(const char* what, Id id) {
  return NotFound(std::string(what) + " " + std::to_string(id) + " does not exist");
}

constexpr const char* kWorkspaceCols =
    "id, name, default_language, time_zone, created_at, updated_at, version, public_host";

services::Workspace ReadWorkspace(const Stmt& s) {
  services::Workspace w;
  w.id = s.Int(0);
  w.name = s.Text(1);
  w.default_language = s.Text(2);
  w.time_zone = s.Text(3);
  w.created_at = s.Int(4);
  w.updated_at = s.Int(5);
  w.version = s.Int(6);
  w.public_host = s.Text(7);
  return w;
}

constexpr const char* kAgentCols =
    "id, workspace_id, name, email, role, language, time_zone, active, password_hash, "
    "created_at, updated_at, version";

domain::Agent ReadAgent(const Stmt& s) {
  domain::Agent a;
  a.id = s.Int(0);
  a.workspace_id = s.Int(1);
  a.name = s.Text(2);
  a.email = s.Text(3);
  a.role = domain::ParseRole(s.Text(4)).value_or(domain::Role::kAgent);
  a.language = s.Text(5);
  a.time_zone = s.Text(6);
  a.active = s.Int(7) != 0;
  a.password_hash = s.Text(8);
  a.created_at = s.Int(9);
  a.updated_at = s.Int(10);
  a.version = s.Int(11);
  return a;
}

constexpr const char* kContactCols =
    "id, workspace_id, name, language, time_zone, organisation_id, created_at, updated_at, "
    "version, ticket_access";

domain::Contact ReadContact(const Stmt& s) {
  domain::Contact c;
  c.id = s.Int(0);
  c.workspace_id = s.Int(1);
  c.name = s.Text(2);
  c.language = s.Text(3);
  c.time_zone = s.Text(4);
  c.organisation_id = s.OptInt(5);
  c.created_at = s.Int(6);
  c.updated_at = s.Int(7);
  c.version = s.Int(8);
  c.ticket_access = s.Text(9);
  return c;
}

constexpr const char* kOrgCols =
    "id, workspace_id, name, tier, account_manager_id, notes, created_at, updated_at, version";

domain::Organisation ReadOrg(const Stmt& s) {
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
  return o;
}

}  // namespace

Result<services::Workspace> SqliteTx::GetWorkspace(Id ws) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kWorkspaceCols + " FROM workspaces WHERE id = ?";
  })));
  s.Bind(1, ws);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFoundIn("workspace", ws);
  return ReadWorkspace(s);
}

Result<std::vector<services::Workspace>> SqliteTx::ListWorkspaces() {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kWorkspaceCols + " FROM workspaces ORDER BY id";
  })));
  std::vector<services::Workspace> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(ReadWorkspace(s));
  }
  return out;
}

Status SqliteTx::InsertWorkspace(services::Workspace* w) {
  ASSIGN_OR_RETURN(Stmt s,
                   c_->Prepare("INSERT INTO workspaces (workspace_id, name, default_language, "
                               "time_zone, created_at, updated_at, version) "
                               "VALUES (0, ?, ?, ?, ?, ?, 1)"));
  s.Bind(1, w->name).Bind(2, w->default_language).Bind(3, w->time_zone);
  s.Bind(4, w->created_at).Bind(5, w->updated_at);
  RETURN_IF_ERROR(s.Exec());
  w->id = c_->LastInsertId();
  ASSIGN_OR_RETURN(Stmt u, c_->Prepare("UPDATE workspaces SET workspace_id = id WHERE id = ?"));
  u.Bind(1, w->id);
  return u.Exec();
}

Status SqliteTx::UpdateWorkspace(const services::Workspace& w) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("UPDATE workspaces SET name = ?, default_language = ?, "
                                       "time_zone = ?, updated_at = ?, version = ?, "
                                       "public_host = ? WHERE id = ?"));
  s.Bind(1, w.name).Bind(2, w.default_language).Bind(3, w.time_zone).Bind(4, w.updated_at);
  s.Bind(5, w.version).Bind(6, w.public_host).Bind(7, w.id);
  return s.Exec();
}

Result<int64_t> SqliteTx::NextTicketNumber(Id ws) {
  // An UPDATE and a SELECT, not UPDATE … RETURNING: RETURNING gives the statement a
  // statement journal, and closing one walks every page the write batch has changed so far
  // (bench/RESULTS.md, "Where the ingest's time goes"), which made each ticket the notifier
  // opened cost more the more events its batch held.
  ASSIGN_OR_RETURN(Stmt u, c_->Prepare("UPDATE workspaces SET ticket_seq = ticket_seq + 1 "
                                       "WHERE id = ?"));
  u.Bind(1, ws);
  RETURN_IF_ERROR(u.Exec());
  if (c_->Changes() == 0) return NotFoundIn("workspace", ws);
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("SELECT ticket_seq FROM workspaces WHERE id = ?"));
  s.Bind(1, ws);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFoundIn("workspace", ws);
  return s.Int(0);
}

// --- agents -------------------------------------------------------------------------------

Status SqliteTx::LoadGroupIdsOfAgent(domain::Agent* a) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("SELECT group_id FROM group_members WHERE agent_id = ? "
                                       "ORDER BY group_id"));
  s.Bind(1, a->id);
  a->group_ids.clear();
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    a->group_ids.push_back(s.Int(0));
  }
  return Status::Ok();
}

Status SqliteTx::WriteAgentGroups(const domain::Agent& a) {
  {
    ASSIGN_OR_RETURN(Stmt d, c_->Prepare("DELETE FROM group_members WHERE agent_id = ?"));
    d.Bind(1, a.id);
    RETURN_IF_ERROR(d.Exec());
  }
  for (Id g : a.group_ids) {
    ASSIGN_OR_RETURN(Stmt s, c_->Prepare("INSERT OR IGNORE INTO group_members (workspace_id, "
                                         "group_id, agent_id) VALUES (?, ?, ?)"));
    s.Bind(1, a.workspace_id).Bind(2, g).Bind(3, a.id);
    RETURN_IF_ERROR(s.Exec());
  }
  return Status::Ok();
}

Result<domain::Agent> SqliteTx::GetAgent(Id ws, Id id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kAgentCols + " FROM agents WHERE workspace_id = ? AND id = ?";
  })));
  s.Bind(1, ws).Bind(2, id);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFoundIn("agent", id);
  domain::Agent a = ReadAgent(s);
  RETURN_IF_ERROR(LoadGroupIdsOfAgent(&a));
  return a;
}

Result<domain::Agent> SqliteTx::FindAgentByEmail(Id ws, std::string_view email) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kAgentCols +
           " FROM agents WHERE workspace_id = ? AND email = ?";
  })));
  s.Bind(1, ws).Bind(2, email);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("no agent has that e-mail address");
  domain::Agent a = ReadAgent(s);
  RETURN_IF_ERROR(LoadGroupIdsOfAgent(&a));
  return a;
}

Result<Page<domain::Agent>> SqliteTx::ListAgents(Id ws, const PageRequest& page) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kAgentCols +
           " FROM agents WHERE workspace_id = ? AND id < ? "
           "ORDER BY id DESC LIMIT ?";
  })));
  s.Bind(1, ws).Bind(2, Before(page)).Bind(3, page.limit + 1);
  Page<domain::Agent> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.items.push_back(ReadAgent(s));
  }
  FinishPage(&out, page.limit);
  for (auto& a : out.items) RETURN_IF_ERROR(LoadGroupIdsOfAgent(&a));
  return out;
}

Status SqliteTx::InsertAgent(domain::Agent* a) {
  ASSIGN_OR_RETURN(Stmt s,
                   c_->Prepare("INSERT INTO agents (workspace_id, name, email, role, language, "
                               "time_zone, active, password_hash, created_at, updated_at, version)"
                               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  s.Bind(1, a->workspace_id).Bind(2, a->name).Bind(3, a->email).Bind(4, domain::Name(a->role));
  s.Bind(5, a->language).Bind(6, a->time_zone).Bind(7, a->active).Bind(8, a->password_hash);
  s.Bind(9, a->created_at).Bind(10, a->updated_at).Bind(11, a->version);
  Status st = s.Exec();
  if (st.code() == Code::kAlreadyExists) {
    return AlreadyExists("an agent with this e-mail address exists").WithField("email", "is taken");
  }
  RETURN_IF_ERROR(st);
  a->id = c_->LastInsertId();
  return WriteAgentGroups(*a);
}

Status SqliteTx::UpdateAgent(const domain::Agent& a) {
  ASSIGN_OR_RETURN(Stmt s,
                   c_->Prepare("UPDATE agents SET name = ?, email = ?, role = ?, language = ?, "
                               "time_zone = ?, active = ?, password_hash = ?, updated_at = ?, "
                               "version = ? WHERE workspace_id = ? AND id = ?"));
  s.Bind(1, a.name).Bind(2, a.email).Bind(3, domain::Name(a.role)).Bind(4, a.language);
  s.Bind(5, a.time_zone).Bind(6, a.active).Bind(7, a.password_hash).Bind(8, a.updated_at);
  s.Bind(9, a.version).Bind(10, a.workspace_id).Bind(11, a.id);
  Status st = s.Exec();
  if (st.code() == Code::kAlreadyExists) {
    return AlreadyExists("an agent with this e-mail address exists").WithField("email", "is taken");
  }
  RETURN_IF_ERROR(st);
  return WriteAgentGroups(a);
}

Result<services::LoginState> SqliteTx::GetLoginState(Id ws, Id agent_id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("SELECT failed_logins, first_failed_at, locked_until "
                                       "FROM agents WHERE workspace_id = ? AND id = ?"));
  s.Bind(1, ws).Bind(2, agent_id);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFoundIn("agent", agent_id);
  services::LoginState out;
  out.failed = static_cast<int>(s.Int(0));
  out.first_failed_at = s.OptInt(1);
  out.locked_until = s.OptInt(2);
  return out;
}

Status SqliteTx::SetLoginState(Id ws, Id agent_id, const services::LoginState& st) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("UPDATE agents SET failed_logins = ?, first_failed_at = ?,"
                                       " locked_until = ? WHERE workspace_id = ? AND id = ?"));
  s.Bind(1, st.failed).Bind(2, st.first_failed_at).Bind(3, st.locked_until);
  s.Bind(4, ws).Bind(5, agent_id);
  return s.Exec();
}

// --- groups -------------------------------------------------------------------------------

namespace {
constexpr const char* kGroupCols =
    "id, workspace_id, name, description, created_at, updated_at, version";

domain::Group ReadGroup(const Stmt& s) {
  domain::Group g;
  g.id = s.Int(0);
  g.workspace_id = s.Int(1);
  g.name = s.Text(2);
  g.description = s.Text(3);
  g.created_at = s.Int(4);
  g.updated_at = s.Int(5);
  g.version = s.Int(6);
  return g;
}
}  // namespace

Status SqliteTx::LoadAgentIdsOfGroup(domain::Group* g) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("SELECT agent_id FROM group_members WHERE group_id = ? "
                                       "ORDER BY agent_id"));
  s.Bind(1, g->id);
  g->agent_ids.clear();
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    g->agent_ids.push_back(s.Int(0));
  }
  return Status::Ok();
}

Status SqliteTx::WriteGroupMembers(const domain::Group& g) {
  {
    ASSIGN_OR_RETURN(Stmt d, c_->Prepare("DELETE FROM group_members WHERE group_id = ?"));
    d.Bind(1, g.id);
    RETURN_IF_ERROR(d.Exec());
  }
  for (Id a : g.agent_ids) {
    ASSIGN_OR_RETURN(Stmt s, c_->Prepare("INSERT OR IGNORE INTO group_members (workspace_id, "
                                         "group_id, agent_id) VALUES (?, ?, ?)"));
    s.Bind(1, g.workspace_id).Bind(2, g.id).Bind(3, a);
    RETURN_IF_ERROR(s.Exec());
  }
  return Status::Ok();
}

Result<domain::Group> SqliteTx::GetGroup(Id ws, Id id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kGroupCols +
           " FROM agent_groups WHERE workspace_id = ? AND id = ?";
  })));
  s.Bind(1, ws).Bind(2, id);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFoundIn("group", id);
  domain::Group g = ReadGroup(s);
  RETURN_IF_ERROR(LoadAgentIdsOfGroup(&g));
  return g;
}

Result<Page<domain::Group>> SqliteTx::ListGroups(Id ws, const PageRequest& page) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kGroupCols +
           " FROM agent_groups WHERE workspace_id = ? AND id < ? "
           "ORDER BY id DESC LIMIT ?";
  })));
  s.Bind(1, ws).Bind(2, Before(page)).Bind(3, page.limit + 1);
  Page<domain::Group> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.items.push_back(ReadGroup(s));
  }
  FinishPage(&out, page.limit);
  for (auto& g : out.items) RETURN_IF_ERROR(LoadAgentIdsOfGroup(&g));
  return out;
}

Status SqliteTx::InsertGroup(domain::Group* g) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("INSERT INTO agent_groups (workspace_id, name, "
                                       "description, created_at, updated_at, version) "
                                       "VALUES (?, ?, ?, ?, ?, ?)"));
  s.Bind(1, g->workspace_id).Bind(2, g->name).Bind(3, g->description).Bind(4, g->created_at);
  s.Bind(5, g->updated_at).Bind(6, g->version);
  Status st = s.Exec();
  if (st.code() == Code::kAlreadyExists) {
    return AlreadyExists("a group with this name exists").WithField("name", "is taken");
  }
  RETURN_IF_ERROR(st);
  g->id = c_->LastInsertId();
  return WriteGroupMembers(*g);
}

Status SqliteTx::UpdateGroup(const domain::Group& g) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("UPDATE agent_groups SET name = ?, description = ?, "
                                       "updated_at = ?, version = ? WHERE workspace_id = ? "
                                       "AND id = ?"));
  s.Bind(1, g.name).Bind(2, g.description).Bind(3, g.updated_at).Bind(4, g.version);
  s.Bind(5, g.workspace_id).Bind(6, g.id);
  Status st = s.Exec();
  if (st.code() == Code::kAlreadyExists) {
    return AlreadyExists("a group with this name exists").WithField("name", "is taken");
  }
  RETURN_IF_ERROR(st);
  return WriteGroupMembers(g);
}

Status SqliteTx::DeleteGroup(Id ws, Id id) {
  {
    ASSIGN_OR_RETURN(Stmt s, c_->Prepare("SELECT 1 FROM tickets WHERE workspace_id = ? AND "
                                         "group_id = ? LIMIT 1"));
    s.Bind(1, ws).Bind(2, id);
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (row) {
      return FailedPrecondition("the group still has tickets; move them to another group first")
          .WithKind("group-in-use");
    }
  }
  ASSIGN_OR_RETURN(Stmt d, c_->Prepare("DELETE FROM agent_groups WHERE workspace_id = ? AND "
                                       "id = ?"));
  d.Bind(1, ws).Bind(2, id);
  RETURN_IF_ERROR(d.Exec());
  if (c_->Changes() == 0) return NotFoundIn("group", id);
  return Status::Ok();
}

// --- contacts -----------------------------------------------------------------------------

Status SqliteTx::LoadIdentities(domain::Contact* c) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("SELECT kind, value FROM contact_identities WHERE "
                                       "contact_id = ? ORDER BY position, kind, value"));
  s.Bind(1, c->id);
  c->identities.clear();
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    c->identities.push_back(
        {domain::ParseIdentityKind(s.Text(0)).value_or(domain::Identity::Kind::kEmail), s.Text(1)});
  }
  return Status::Ok();
}

Status SqliteTx::WriteIdentities(const domain::Contact& c) {
  {
    ASSIGN_OR_RETURN(Stmt d, c_->Prepare("DELETE FROM contact_identities WHERE contact_id = ?"));
    d.Bind(1, c.id);
    RETURN_IF_ERROR(d.Exec());
  }
  int pos = 0;
  for (const auto& i : c.identities) {
    ASSIGN_OR_RETURN(Stmt s, c_->Prepare("INSERT INTO contact_identities (workspace_id, kind, "
                                         "value, contact_id, position) VALUES (?, ?, ?, ?, ?)"));
    s.Bind(1, c.workspace_id).Bind(2, domain::Name(i.kind)).Bind(3, i.value).Bind(4, c.id);
    s.Bind(5, pos++);
    Status st = s.Exec();
    if (st.code() == Code::kAlreadyExists) {
      return AlreadyExists("another contact already has " + i.value)
          .WithField(domain::Name(i.kind), "belongs to another contact");
    }
    RETURN_IF_ERROR(st);
  }
  return Status::Ok();
}

Result<domain::Contact> SqliteTx::GetContact(Id ws, Id id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kContactCols +
           " FROM contacts WHERE workspace_id = ? AND id = ?";
  })));
  s.Bind(1, ws).Bind(2, id);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFoundIn("contact", id);
  domain::Contact c = ReadContact(s);
  RETURN_IF_ERROR(LoadIdentities(&c));
  return c;
}

Result<services::ContactSummary> SqliteTx::GetContactSummary(Id ws, Id id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("SELECT c.name, (SELECT value FROM contact_identities i "
                                       "WHERE i.contact_id = c.id AND i.kind = 'email' ORDER BY "
                                       "i.position LIMIT 1) FROM contacts c WHERE "
                                       "c.workspace_id = ? AND c.id = ?"));
  s.Bind(1, ws).Bind(2, id);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFoundIn("contact", id);
  return services::ContactSummary{id, s.Text(0), s.Text(1)};
}

Result<domain::Contact> SqliteTx::FindContactByIdentity(Id ws, domain::Identity::Kind kind,
                                                        std::string_view value) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("SELECT contact_id FROM contact_identities WHERE "
                                       "workspace_id = ? AND kind = ? AND value = ?"));
  s.Bind(1, ws).Bind(2, domain::Name(kind)).Bind(3, value);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("no contact has " + std::string(value));
  Id id = s.Int(0);
  return GetContact(ws, id);
}

Result<Page<domain::Contact>> SqliteTx::ListContacts(Id ws, const services::ContactFilter& f,
                                                     const PageRequest& page) {
  Page<domain::Contact> out;
  if (f.email) {
    auto c = FindContactByIdentity(ws, domain::Identity::Kind::kEmail, *f.email);
    if (c.ok() && (!f.organisation_id || c->organisation_id == f.organisation_id) &&
        c->id < Before(page)) {
      out.items.push_back(std::move(c).value());
    } else if (!c.ok() && c.status().code() != Code::kNotFound) {
      return c.status();
    }
    return out;
  }
  std::string sql =
      std::string("SELECT ") + kContactCols + " FROM contacts WHERE workspace_id = ? AND id < ?";
  if (f.organisation_id) sql += " AND organisation_id = ?";
  sql += " ORDER BY id DESC LIMIT ?";
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(sql));
  int i = 1;
  s.Bind(i++, ws);
  s.Bind(i++, Before(page));
  if (f.organisation_id) s.Bind(i++, *f.organisation_id);
  s.Bind(i++, page.limit + 1);
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.items.push_back(ReadContact(s));
  }
  FinishPage(&out, page.limit);
  for (auto& c : out.items) RETURN_IF_ERROR(LoadIdentities(&c));
  return out;
}

Status SqliteTx::InsertContact(domain::Contact* c) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("INSERT INTO contacts (workspace_id, name, language, "
                                       "time_zone, organisation_id, created_at, updated_at, "
                                       "version, ticket_access) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                                       "?)"));
  s.Bind(1, c->workspace_id).Bind(2, c->name).Bind(3, c->language).Bind(4, c->time_zone);
  s.Bind(5, c->organisation_id).Bind(6, c->created_at).Bind(7, c->updated_at);
  s.Bind(8, c->version).Bind(9, c->ticket_access);
  RETURN_IF_ERROR(s.Exec());
  c->id = c_->LastInsertId();
  return WriteIdentities(*c);
}

Status SqliteTx::UpdateContact(const domain::Contact& c) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("UPDATE contacts SET name = ?, language = ?, "
                                       "time_zone = ?, organisation_id = ?, updated_at = ?, "
                                       "version = ?, ticket_access = ? WHERE workspace_id = ? "
                                       "AND id = ?"));
  s.Bind(1, c.name).Bind(2, c.language).Bind(3, c.time_zone).Bind(4, c.organisation_id);
  s.Bind(5, c.updated_at).Bind(6, c.version).Bind(7, c.ticket_access).Bind(8, c.workspace_id);
  s.Bind(9, c.id);
  RETURN_IF_ERROR(s.Exec());
  return WriteIdentities(c);
}

// --- organisations ------------------------------------------------------------------------

Status SqliteTx::LoadDomains(domain::Organisation* o) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("SELECT domain FROM organisation_domains WHERE "
                                       "organisation_id = ? ORDER BY domain"));
  s.Bind(1, o->id);
  o->domains.clear();
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    o->domains.push_back(s.Text(0));
  }
  return Status::Ok();
}

Status SqliteTx::WriteDomains(const domain::Organisation& o) {
  {
    ASSIGN_OR_RETURN(Stmt d,
                     c_->Prepare("DELETE FROM organisation_domains WHERE organisation_id = ?"));
    d.Bind(1, o.id);
    RETURN_IF_ERROR(d.Exec());
  }
  for (const auto& dom : o.domains) {
    ASSIGN_OR_RETURN(Stmt s, c_->Prepare("INSERT INTO organisation_domains (workspace_id, "
                                         "domain, organisation_id) VALUES (?, ?, ?)"));
    s.Bind(1, o.workspace_id).Bind(2, dom).Bind(3, o.id);
    Status st = s.Exec();
    if (st.code() == Code::kAlreadyExists) {
      return AlreadyExists("another organisation already has the domain " + dom)
          .WithField("domains", dom + " belongs to another organisation");
    }
    RETURN_IF_ERROR(st);
  }
  return Status::Ok();
}

Result<domain::Organisation> SqliteTx::GetOrganisation(Id ws, Id id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kOrgCols +
           " FROM organisations WHERE workspace_id = ? AND id = ?";
  })));
  s.Bind(1, ws).Bind(2, id);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFoundIn("organisation", id);
  domain::Organisation o = ReadOrg(s);
  RETURN_IF_ERROR(LoadDomains(&o));
  return o;
}

Result<domain::Organisation> SqliteTx::FindOrganisationByDomain(Id ws, std::string_view domain) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("SELECT organisation_id FROM organisation_domains "
                                       "WHERE workspace_id = ? AND domain = ?"));
  s.Bind(1, ws).Bind(2, domain);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("no organisation has the domain " + std::string(domain));
  Id id = s.Int(0);
  return GetOrganisation(ws, id);
}

Result<Page<domain::Organisation>> SqliteTx::ListOrganisations(Id ws, const PageRequest& page) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kOrgCols +
           " FROM organisations WHERE workspace_id = ? AND id < ? "
           "ORDER BY id DESC LIMIT ?";
  })));
  s.Bind(1, ws).Bind(2, Before(page)).Bind(3, page.limit + 1);
  Page<domain::Organisation> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.items.push_back(ReadOrg(s));
  }
  FinishPage(&out, page.limit);
  for (auto& o : out.items) RETURN_IF_ERROR(LoadDomains(&o));
  return out;
}

Status SqliteTx::InsertOrganisation(domain::Organisation* o) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("INSERT INTO organisations (workspace_id, name, tier, "
                                       "account_manager_id, notes, created_at, updated_at, "
                                       "version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  s.Bind(1, o->workspace_id).Bind(2, o->name).Bind(3, domain::Name(o->tier));
  s.Bind(4, o->account_manager_id).Bind(5, o->notes).Bind(6, o->created_at);
  s.Bind(7, o->updated_at).Bind(8, o->version);
  RETURN_IF_ERROR(s.Exec());
  o->id = c_->LastInsertId();
  return WriteDomains(*o);
}

Status SqliteTx::UpdateOrganisation(const domain::Organisation& o) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("UPDATE organisations SET name = ?, tier = ?, "
                                       "account_manager_id = ?, notes = ?, updated_at = ?, "
                                       "version = ? WHERE workspace_id = ? AND id = ?"));
  s.Bind(1, o.name).Bind(2, domain::Name(o.tier)).Bind(3, o.account_manager_id);
  s.Bind(4, o.notes).Bind(5, o.updated_at).Bind(6, o.version).Bind(7, o.workspace_id);
  s.Bind(8, o.id);
  RETURN_IF_ERROR(s.Exec());
  return WriteDomains(o);
}

}  // namespace sahayak::store
