// Tickets, tags, messages, attachments and custom-field definitions.
#include <algorithm>
#include <limits>

#include "base/language.h"
#include "store/sqlite/rows.h"
#include "store/sqlite/sqlite_tx.h"

namespace sahayak::store {

using nlohmann::json;
using services::Page;
using services::PageRequest;

namespace {

constexpr int64_t kNoCursor = std::numeric_limits<int64_t>::max();

constexpr const char* kTicketCols =
    "tickets.id, tickets.workspace_id, number, subject, status, priority, type, channel, "
    "requester_id, assignee_id, group_id, organisation_id, merged_into_id, tags, custom_fields, "
    "language, created_at, updated_at, first_response_at, solved_at, version, "
    "(SELECT next_due_at FROM ticket_sla WHERE ticket_sla.ticket_id = tickets.id), "
    "COALESCE((SELECT breached FROM ticket_sla WHERE ticket_sla.ticket_id = tickets.id), 0)";

domain::Ticket ReadTicket(const Stmt& s) {
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
  json tags = ParseJsonColumn(s.Text(13), json::array());
  for (const auto& tag : tags) {
    if (tag.is_string()) t.tags.push_back(tag.get<std::string>());
  }
  t.custom_fields = ParseJsonColumn(s.Text(14), json::object());
  t.language = s.Text(15);
  t.created_at = s.Int(16);
  t.updated_at = s.Int(17);
  t.first_response_at = s.OptInt(18);
  t.solved_at = s.OptInt(19);
  t.version = s.Int(20);
  t.sla_due_at = s.OptInt(21);
  t.sla_breached = s.Int(22) != 0;
  return t;
}

void BindTicket(Stmt& s, const domain::Ticket& t) {
  s.Bind(1, t.workspace_id).Bind(2, t.number).Bind(3, t.subject).Bind(4, domain::Name(t.status));
  s.Bind(5, domain::Name(t.priority)).Bind(6, domain::Name(t.type));
  s.Bind(7, domain::Name(t.channel)).Bind(8, t.requester_id).Bind(9, t.assignee_id);
  s.Bind(10, t.group_id).Bind(11, t.organisation_id).Bind(12, t.merged_into_id);
  s.Bind(13, json(t.tags).dump()).Bind(14, t.custom_fields.dump()).Bind(15, t.language);
  s.Bind(16, t.created_at).Bind(17, t.updated_at).Bind(18, t.first_response_at);
  s.Bind(19, t.solved_at).Bind(20, t.version);
}

}  // namespace

Result<domain::Ticket> SqliteTx::GetTicket(Id ws, Id id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kTicketCols + " FROM tickets WHERE workspace_id = ? AND id = ?";
  })));
  s.Bind(1, ws).Bind(2, id);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("ticket " + std::to_string(id) + " does not exist");
  return ReadTicket(s);
}

Result<domain::Ticket> SqliteTx::GetTicketByNumber(Id ws, int64_t number) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kTicketCols +
           " FROM tickets WHERE workspace_id = ? AND number = ?";
  })));
  s.Bind(1, ws).Bind(2, number);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("ticket #" + std::to_string(number) + " does not exist");
  return ReadTicket(s);
}

namespace {

// " AND <column> IN (?, …)" for `n` values; nothing when n is 0.
void AppendInList(std::string* sql, const char* column, size_t n) {
  if (n == 0) return;
  *sql += std::string(" AND ") + column + " IN (";
  for (size_t i = 0; i < n; ++i) *sql += i ? ", ?" : "?";
  *sql += ")";
}

// The SLA part of a filter (docs/sla.md): "" for any.
const char* SlaCondition(const services::TicketFilter& f) {
  switch (f.sla) {
    case services::TicketFilter::Sla::kAny: return "";
    case services::TicketFilter::Sla::kBreached:
      return " AND EXISTS (SELECT 1 FROM ticket_sla ts WHERE ts.ticket_id = tickets.id"
             " AND ts.breached = 1)";
    case services::TicketFilter::Sla::kDue:
      return " AND EXISTS (SELECT 1 FROM ticket_sla ts WHERE ts.ticket_id = tickets.id"
             " AND ts.next_due_at IS NOT NULL)";
  }
  return "";
}

// " FROM … WHERE …" for a ticket filter, shared by lists and counts. With a tag, rows come from
// ticket_tags' primary key (workspace, tag, ticket_id), already in id order; unfiltered lists
// walk the primary key backwards (the unary + keeps the planner from choosing a workspace_id
// index and then sorting the whole workspace); otherwise tickets' indexes serve.
std::string TicketFromWhere(const services::TicketFilter& f) {
  std::string sql;
  if (f.tag) {
    sql =
        " FROM ticket_tags tt CROSS JOIN tickets ON tickets.id = tt.ticket_id"
        " WHERE tt.workspace_id = ? AND tt.tag = ? AND tt.ticket_id < ?"
        " AND tickets.workspace_id = tt.workspace_id";
  } else if (f.statuses.empty() && !f.unassigned && !f.assignee_id && !f.group_id &&
             !f.requester_id && !f.organisation_id && f.priorities.empty() &&
             f.channels.empty() && f.sla == services::TicketFilter::Sla::kAny) {
    sql = " FROM tickets WHERE +workspace_id = ? AND id < ?";
  } else {
    sql = " FROM tickets WHERE workspace_id = ? AND id < ?";
  }
  if (!f.statuses.empty()) {
    sql += " AND status IN (";
    for (size_t i = 0; i < f.statuses.size(); ++i) sql += i ? ", ?" : "?";
    sql += ")";
  }
  if (f.unassigned) {
    sql += " AND assignee_id IS NULL";
  } else if (f.assignee_id) {
    sql += " AND assignee_id = ?";
  }
  if (f.group_id) sql += " AND group_id = ?";
  if (f.requester_id) sql += " AND requester_id = ?";
  if (f.organisation_id) sql += " AND organisation_id = ?";
  AppendInList(&sql, "priority", f.priorities.size());
  AppendInList(&sql, "channel", f.channels.size());
  sql += SlaCondition(f);
  return sql;
}

// Binds TicketFromWhere's parameters; returns the next parameter index.
int BindTicketFilter(Stmt& s, Id ws, const services::TicketFilter& f, int64_t before) {
  int i = 1;
  s.Bind(i++, ws);
  if (f.tag) s.Bind(i++, *f.tag);
  s.Bind(i++, before);
  for (auto st : f.statuses) s.Bind(i++, domain::Name(st));
  if (!f.unassigned && f.assignee_id) s.Bind(i++, *f.assignee_id);
  if (f.group_id) s.Bind(i++, *f.group_id);
  if (f.requester_id) s.Bind(i++, *f.requester_id);
  if (f.organisation_id) s.Bind(i++, *f.organisation_id);
  for (auto p : f.priorities) s.Bind(i++, domain::Name(p));
  for (auto c : f.channels) s.Bind(i++, domain::Name(c));
  return i;
}

}  // namespace

Result<Page<domain::Ticket>> SqliteTx::ListTickets(Id ws, const services::TicketFilter& f,
                                                   const PageRequest& page) {
  std::string sql = std::string("SELECT ") + kTicketCols + TicketFromWhere(f) +
                    (f.tag ? " ORDER BY tt.ticket_id DESC LIMIT ?" : " ORDER BY id DESC LIMIT ?");
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(sql));
  int i = BindTicketFilter(s, ws, f, page.cursor.value_or(kNoCursor));
  s.Bind(i, page.limit + 1);
  Page<domain::Ticket> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.items.push_back(ReadTicket(s));
  }
  if (static_cast<int>(out.items.size()) > page.limit) {
    out.items.resize(page.limit);
    out.next = out.items.back().id;
  }
  return out;
}

Result<int64_t> SqliteTx::CountMatchingTickets(Id ws, const services::TicketFilter& f,
                                               int64_t cap) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("SELECT count(*) FROM (SELECT 1" + TicketFromWhere(f) +
                                       " LIMIT ?)"));
  int i = BindTicketFilter(s, ws, f, kNoCursor);
  s.Bind(i, cap);
  ASSIGN_OR_RETURN(bool row, s.Step());
  return row ? s.Int(0) : 0;
}

namespace {

const char* SortColumn(domain::TicketSort sort) {
  switch (sort) {
    case domain::TicketSort::kUpdatedDesc:
    case domain::TicketSort::kUpdatedAsc: return "updated_at";
    case domain::TicketSort::kCreatedDesc:
    case domain::TicketSort::kCreatedAsc: return "created_at";
    case domain::TicketSort::kSolvedDesc: return "solved_at";
    case domain::TicketSort::kSlaDue: return "updated_at";  // listed by ListSlaDueTickets
  }
  return "updated_at";
}

bool Descending(domain::TicketSort sort) {
  return sort != domain::TicketSort::kUpdatedAsc && sort != domain::TicketSort::kCreatedAsc &&
         sort != domain::TicketSort::kSlaDue;
}

Millis SortKey(const domain::Ticket& t, domain::TicketSort sort) {
  switch (sort) {
    case domain::TicketSort::kUpdatedDesc:
    case domain::TicketSort::kUpdatedAsc: return t.updated_at;
    case domain::TicketSort::kCreatedDesc:
    case domain::TicketSort::kCreatedAsc: return t.created_at;
    case domain::TicketSort::kSolvedDesc: return t.solved_at.value_or(0);
    case domain::TicketSort::kSlaDue: return t.sla_due_at.value_or(0);
  }
  return t.updated_at;
}

}  // namespace

namespace {

// The index that walks tickets of one status in `sort` order with the filter's assignee or
// group prefix, or nullptr when the filter has no such index (several statuses in one query, a
// requester or an organisation).
const char* SortIndex(const services::TicketFilter& f, size_t status_count,
                      domain::TicketSort sort) {
  if (status_count != 1 || f.requester_id || f.organisation_id) return nullptr;
  static constexpr const char* kNames[3][3] = {
      {"tickets_assignee_updated", "tickets_assignee_created", "tickets_assignee_solved"},
      {"tickets_group_updated", "tickets_group_created", "tickets_group_solved"},
      {"tickets_status_updated", "tickets_status_created", "tickets_status_solved"}};
  const int prefix = (f.assignee_id || (f.unassigned && !f.group_id)) ? 0 : f.group_id ? 1 : 2;
  const int suffix = sort == domain::TicketSort::kSolvedDesc                   ? 2
                     : std::string_view(SortColumn(sort)) == "created_at" ? 1
                                                                          : 0;
  return kNames[prefix][suffix];
}

// The filter's conditions after the workspace (and tag), as bound by BindSortedFilter.
void AppendSortedFilter(std::string* sql, const services::TicketFilter& f, size_t status_count,
                        domain::TicketSort sort) {
  AppendInList(sql, "tickets.status", status_count);
  if (f.unassigned) {
    *sql += " AND tickets.assignee_id IS NULL";
  } else if (f.assignee_id) {
    *sql += " AND tickets.assignee_id = ?";
  }
  if (f.group_id) *sql += " AND tickets.group_id = ?";
  if (f.requester_id) *sql += " AND tickets.requester_id = ?";
  if (f.organisation_id) *sql += " AND tickets.organisation_id = ?";
  AppendInList(sql, "tickets.priority", f.priorities.size());
  AppendInList(sql, "tickets.channel", f.channels.size());
  *sql += SlaCondition(f);
  if (sort == domain::TicketSort::kSolvedDesc) *sql += " AND tickets.solved_at IS NOT NULL";
}

// Rows after a cursor: " AND (key, id) < (?, ?)" (> ascending); with `within`, rows from one
// key to another, both included: " AND (key, id) <= (?, ?) AND (key, id) >= (?, ?)".
void AppendKeyBound(std::string* sql, domain::TicketSort sort, bool within) {
  const std::string pair = std::string(" AND (tickets.") + SortColumn(sort) + ", tickets.id) ";
  const bool desc = Descending(sort);
  if (within) {
    *sql += pair + (desc ? "<=" : ">=") + " (?, ?)" + pair + (desc ? ">=" : "<=") + " (?, ?)";
  } else {
    *sql += pair + (desc ? "<" : ">") + " (?, ?)";
  }
}

// Binds AppendSortedFilter's parameters from index `i`; returns the next index.
int BindSortedFilter(Stmt& s, int i, const services::TicketFilter& f,
                     const std::vector<domain::TicketStatus>& statuses) {
  for (auto st : statuses) s.Bind(i++, domain::Name(st));
  if (!f.unassigned && f.assignee_id) s.Bind(i++, *f.assignee_id);
  if (f.group_id) s.Bind(i++, *f.group_id);
  if (f.requester_id) s.Bind(i++, *f.requester_id);
  if (f.organisation_id) s.Bind(i++, *f.organisation_id);
  for (auto p : f.priorities) s.Bind(i++, domain::Name(p));
  for (auto c : f.channels) s.Bind(i++, domain::Name(c));
  return i;
}

}  // namespace

std::string SortedTicketSql(const services::TicketFilter& f, size_t status_count,
                            domain::TicketSort sort, bool after, bool tag_as_filter, bool within,
                            bool skip_ids) {
  const std::string col = std::string("tickets.") + SortColumn(sort);
  const char* dir = Descending(sort) ? " DESC" : "";
  const char* index = SortIndex(f, status_count, sort);
  std::string sql = std::string("SELECT ") + kTicketCols;
  if (f.tag && tag_as_filter) {
    // Name the index so that the planner walks it in order (see below) and checks the tag on
    // each row before it reads the row itself.
    sql += " FROM tickets";
    if (index != nullptr) sql += std::string(" INDEXED BY ") + index;
    sql +=
        " WHERE tickets.workspace_id = ? AND EXISTS (SELECT 1 FROM ticket_tags tt"
        " WHERE tt.workspace_id = tickets.workspace_id AND tt.tag = ?"
        " AND tt.ticket_id = tickets.id)";
  } else if (f.tag) {
    sql +=
        " FROM ticket_tags tt CROSS JOIN tickets ON tickets.id = tt.ticket_id"
        " WHERE tt.workspace_id = ? AND tt.tag = ? AND tickets.workspace_id = tt.workspace_id";
  } else if (index != nullptr) {
    // One status, maybe an assignee or group: name the index that walks in sort order. The
    // planner otherwise sometimes prefers an (…, id) index and sorts every match, which at a
    // million tickets costs a hundred milliseconds instead of one.
    sql += std::string(" FROM tickets INDEXED BY ") + index + " WHERE tickets.workspace_id = ?";
  } else {
    sql += " FROM tickets WHERE tickets.workspace_id = ?";
  }
  AppendSortedFilter(&sql, f, status_count, sort);
  if (after) AppendKeyBound(&sql, sort, /*within=*/false);
  if (within) AppendKeyBound(&sql, sort, /*within=*/true);
  if (skip_ids) sql += " AND tickets.id NOT BETWEEN ? AND ?";
  sql += " ORDER BY " + col + dir + ", tickets.id" + dir + " LIMIT ?";
  return sql;
}

std::string SortedTicketWalkSql(const services::TicketFilter& f, domain::TicketSort sort,
                                bool after, bool skip_ids) {
  const std::string col = std::string("tickets.") + SortColumn(sort);
  const char* dir = Descending(sort) ? " DESC" : "";
  const char* index = SortIndex(f, 1, sort);  // ListTicketsSorted walks only with one
  std::string sql = "SELECT tickets.id, " + col + " FROM tickets";
  if (index != nullptr) sql += std::string(" INDEXED BY ") + index;
  sql += " WHERE tickets.workspace_id = ?";
  AppendSortedFilter(&sql, f, 1, sort);
  if (after) AppendKeyBound(&sql, sort, /*within=*/false);
  if (skip_ids) sql += " AND tickets.id NOT BETWEEN ? AND ?";
  sql += " ORDER BY " + col + dir + ", tickets.id" + dir + " LIMIT ?";
  return sql;
}

namespace {

// Past this many tickets a tag is cheaper as a check on an ordered walk than as the source of
// rows to sort (sorting 10,000 rows takes about as long as walking 6 × 50 pages through a tag
// on 1 % of a million tickets).
constexpr int64_t kSortTaggedTicketsUpTo = 10000;

// A walk reads the index in batches growing from kFirstWalkBatch to kMaxWalkBatch rows.
constexpr int kFirstWalkBatch = 64;
constexpr int kMaxWalkBatch = 4096;

// A batch whose ids span at most this many times its size (tickets created together: recent
// ones, an import) is checked against the tag's ids in that span, read in one range of
// ticket_tags' primary key, instead of once per row.
constexpr int64_t kRangeCheckSpan = 8;

}  // namespace

Result<std::vector<domain::Ticket>> SqliteTx::WalkTaggedStatus(
    Id ws, const services::TicketFilter& f, domain::TicketStatus status, domain::TicketSort sort,
    const std::optional<services::TicketKey>& after, int want, int64_t tag_count) {
  // Walks the status's (…, status, key, id) index in order, a batch at a time, without the
  // tag: an index-only read, cheap per row. The batch is then checked against the tag: when its
  // ids are close together (recent tickets are), by reading the tag's ids in that span once;
  // otherwise by walking the same rows again with a per-row EXISTS check, which stops at `want`
  // matches. Either way the batch's matches come out in order, so the first `want` of them are
  // exact, and the walk ends at `want` matches or at the end of the index.
  //
  // A batch without the tag at all widens its span to the widest run of ids without the tag
  // (two seeks in ticket_tags), and later batches leave those ids out inside SQLite: thousands
  // of just-created tickets without the tag then cost a tenth of a microsecond each instead of
  // being handed over and checked one by one.
  //
  // Checking row by row costs about half a microsecond a row; a status with few tagged tickets
  // among many untagged ones with scattered ids would have the walk check all of them. Once it
  // has checked rows worth reading the tag's own rows three times over, it stops and reads the
  // rest through ticket_tags: |tag| lookups and a sort of the matches in this status, exact too.
  const std::vector<domain::TicketStatus> one{status};
  std::vector<domain::Ticket> out;
  std::optional<services::TicketKey> pos = after;
  std::optional<std::pair<Id, Id>> skip;  // ids without the tag, left out of the walk
  int batch = kFirstWalkBatch;
  int64_t cost = 0;  // rows checked one by one, plus rows checked by range / 8
  const int64_t budget = 3 * tag_count;
  std::vector<services::TicketKey> rows;
  std::vector<Id> tagged;
  auto bind_walk = [&](Stmt& s, bool with_tag) {
    int i = 1;
    s.Bind(i++, ws);
    if (with_tag) s.Bind(i++, *f.tag);
    i = BindSortedFilter(s, i, f, one);
    if (pos) {
      s.Bind(i++, pos->key);
      s.Bind(i++, pos->id);
    }
    return i;
  };
  while (static_cast<int>(out.size()) < want) {
    if (cost > budget) {
      // Read the tag's own tickets in this status after where the walk stopped, and sort them.
      ASSIGN_OR_RETURN(Stmt s, c_->Prepare(SortedTicketSql(f, 1, sort, pos.has_value(), false)));
      s.Bind(bind_walk(s, true), want - static_cast<int>(out.size()));
      while (true) {
        ASSIGN_OR_RETURN(bool row, s.Step());
        if (!row) break;
        out.push_back(ReadTicket(s));
      }
      break;
    }
    rows.clear();
    {
      ASSIGN_OR_RETURN(Stmt s, c_->Prepare(SortedTicketWalkSql(f, sort, pos.has_value(),
                                                               skip.has_value())));
      int i = bind_walk(s, false);
      if (skip) {
        s.Bind(i++, skip->first);
        s.Bind(i++, skip->second);
      }
      s.Bind(i, batch);
      while (true) {
        ASSIGN_OR_RETURN(bool row, s.Step());
        if (!row) break;
        rows.push_back({s.Int(1), s.Int(0)});
      }
    }
    if (rows.empty()) break;
    Id lo = rows[0].id, hi = rows[0].id;
    for (const auto& r : rows) {
      lo = std::min(lo, r.id);
      hi = std::max(hi, r.id);
    }
    if (hi - lo < kRangeCheckSpan * static_cast<int64_t>(rows.size())) {
      tagged.clear();
      {
        ASSIGN_OR_RETURN(Stmt s, c_->Prepare("SELECT ticket_id FROM ticket_tags WHERE "
                                             "workspace_id = ? AND tag = ? AND ticket_id "
                                             "BETWEEN ? AND ?"));
        s.Bind(1, ws).Bind(2, *f.tag).Bind(3, lo).Bind(4, hi);
        while (true) {
          ASSIGN_OR_RETURN(bool row, s.Step());
          if (!row) break;
          tagged.push_back(s.Int(0));  // in id order: ticket_tags' key ends with ticket_id
        }
      }
      cost += static_cast<int64_t>(rows.size() + tagged.size()) / 8;
      for (const auto& r : rows) {
        if (static_cast<int>(out.size()) >= want) break;
        if (!std::binary_search(tagged.begin(), tagged.end(), r.id)) continue;
        ASSIGN_OR_RETURN(domain::Ticket t, GetTicket(ws, r.id));
        out.push_back(std::move(t));
      }
      if (tagged.empty()) {
        // No ticket from lo to hi has the tag: widen to the tagged ids on either side.
        Id from = 0, to = std::numeric_limits<Id>::max();
        ASSIGN_OR_RETURN(Stmt below, c_->Prepare("SELECT max(ticket_id) FROM ticket_tags WHERE "
                                                 "workspace_id = ? AND tag = ? AND ticket_id < ?"));
        below.Bind(1, ws).Bind(2, *f.tag).Bind(3, lo);
        ASSIGN_OR_RETURN(bool row, below.Step());
        if (row && !below.IsNull(0)) from = below.Int(0) + 1;
        ASSIGN_OR_RETURN(Stmt above, c_->Prepare("SELECT min(ticket_id) FROM ticket_tags WHERE "
                                                 "workspace_id = ? AND tag = ? AND ticket_id > ?"));
        above.Bind(1, ws).Bind(2, *f.tag).Bind(3, hi);
        ASSIGN_OR_RETURN(row, above.Step());
        if (row && !above.IsNull(0)) to = above.Int(0) - 1;
        skip = std::make_pair(from, to);
      }
    } else {
      // The same rows again, from the batch's first to its last, checked per row.
      ASSIGN_OR_RETURN(Stmt s, c_->Prepare(SortedTicketSql(f, 1, sort, false, true,
                                                             /*within=*/true, skip.has_value())));
      int i = 1;
      s.Bind(i++, ws);
      s.Bind(i++, *f.tag);
      i = BindSortedFilter(s, i, f, one);
      s.Bind(i++, rows.front().key);
      s.Bind(i++, rows.front().id);
      s.Bind(i++, rows.back().key);
      s.Bind(i++, rows.back().id);
      if (skip) {
        s.Bind(i++, skip->first);
        s.Bind(i++, skip->second);
      }
      s.Bind(i, want - static_cast<int>(out.size()));
      while (true) {
        ASSIGN_OR_RETURN(bool row, s.Step());
        if (!row) break;
        out.push_back(ReadTicket(s));
      }
      cost += static_cast<int64_t>(rows.size());
    }
    if (static_cast<int>(rows.size()) < batch) break;  // the end of the index
    pos = rows.back();
    batch = std::min(batch * 2, kMaxWalkBatch);
  }
  return out;
}

Result<services::TicketPage> SqliteTx::ListTicketsSorted(
    Id ws, const services::TicketFilter& f, domain::TicketSort sort,
    const std::optional<services::TicketKey>& after, int limit) {
  if (sort == domain::TicketSort::kSlaDue) return ListSlaDueTickets(ws, f, after, limit);
  // A status set and a sort do not fit one index walk (SQLite would sort every match), so
  // without a tag each status gets its own query, which walks (…, status, key, id) and stops
  // after a page; the pages are merged here. At most 6 × (limit + 1) rows are read.
  // A tag on few tickets: read them all through ticket_tags and sort them. A tag on many:
  // walk the status indexes in order like an untagged list, checking the tag on the way
  // (WalkTaggedStatus).
  bool tag_as_filter = false;
  int64_t tag_count = 0;
  if (f.tag) {
    ASSIGN_OR_RETURN(Stmt c, c_->Prepare("SELECT ticket_count FROM tags WHERE workspace_id = ? "
                                         "AND name = ?"));
    c.Bind(1, ws).Bind(2, *f.tag);
    ASSIGN_OR_RETURN(bool row, c.Step());
    if (row) tag_count = c.Int(0);
    tag_as_filter = tag_count > kSortTaggedTicketsUpTo;
  }
  std::vector<std::vector<domain::TicketStatus>> runs;
  if (f.tag && !tag_as_filter) {
    runs.push_back(f.statuses);
  } else {
    std::vector<domain::TicketStatus> statuses = f.statuses;
    if (statuses.empty()) {
      using S = domain::TicketStatus;
      statuses = {S::kNew, S::kOpen, S::kPending, S::kOnHold, S::kSolved, S::kClosed};
    }
    std::sort(statuses.begin(), statuses.end());
    statuses.erase(std::unique(statuses.begin(), statuses.end()), statuses.end());
    for (auto st : statuses) runs.push_back({st});
  }
  std::vector<domain::Ticket> rows;
  for (const auto& statuses : runs) {
    if (tag_as_filter && SortIndex(f, statuses.size(), sort) != nullptr) {
      ASSIGN_OR_RETURN(std::vector<domain::Ticket> found,
                       WalkTaggedStatus(ws, f, statuses[0], sort, after, limit + 1, tag_count));
      for (auto& t : found) rows.push_back(std::move(t));
      continue;
    }
    ASSIGN_OR_RETURN(Stmt s, c_->Prepare(SortedTicketSql(f, statuses.size(), sort,
                                                           after.has_value(), tag_as_filter)));
    int i = 1;
    s.Bind(i++, ws);
    if (f.tag) s.Bind(i++, *f.tag);
    i = BindSortedFilter(s, i, f, statuses);
    if (after) {
      s.Bind(i++, after->key);
      s.Bind(i++, after->id);
    }
    s.Bind(i, limit + 1);
    while (true) {
      ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      rows.push_back(ReadTicket(s));
    }
  }
  const bool desc = Descending(sort);
  std::sort(rows.begin(), rows.end(), [&](const domain::Ticket& a, const domain::Ticket& b) {
    Millis ka = SortKey(a, sort), kb = SortKey(b, sort);
    if (ka != kb) return desc ? ka > kb : ka < kb;
    return desc ? a.id > b.id : a.id < b.id;
  });
  services::TicketPage out;
  if (static_cast<int>(rows.size()) > limit) {
    rows.resize(limit);
    out.next = services::TicketKey{SortKey(rows.back(), sort), rows.back().id};
  }
  out.items = std::move(rows);
  return out;
}

// Tickets with a running SLA clock, the soonest due first: walks ticket_sla_due (migration
// 0024) and checks the filter on each ticket.
Result<services::TicketPage> SqliteTx::ListSlaDueTickets(
    Id ws, const services::TicketFilter& f, const std::optional<services::TicketKey>& after,
    int limit) {
  std::string sql = std::string("SELECT ") + kTicketCols +
                    " FROM ticket_sla s CROSS JOIN tickets ON tickets.id = s.ticket_id"
                    " WHERE s.workspace_id = ? AND s.next_due_at IS NOT NULL"
                    " AND tickets.workspace_id = s.workspace_id";
  if (f.tag) {
    sql += " AND EXISTS (SELECT 1 FROM ticket_tags tt WHERE tt.workspace_id = tickets.workspace_id"
           " AND tt.tag = ? AND tt.ticket_id = tickets.id)";
  }
  AppendSortedFilter(&sql, f, f.statuses.size(), domain::TicketSort::kSlaDue);
  if (after) sql += " AND (s.next_due_at, s.ticket_id) > (?, ?)";
  sql += " ORDER BY s.next_due_at, s.ticket_id LIMIT ?";
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(sql));
  int i = 1;
  s.Bind(i++, ws);
  if (f.tag) s.Bind(i++, *f.tag);
  i = BindSortedFilter(s, i, f, f.statuses);
  if (after) {
    s.Bind(i++, after->key);
    s.Bind(i++, after->id);
  }
  s.Bind(i, limit + 1);
  services::TicketPage out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.items.push_back(ReadTicket(s));
  }
  if (static_cast<int>(out.items.size()) > limit) {
    out.items.resize(limit);
    const domain::Ticket& last = out.items.back();
    out.next = services::TicketKey{last.sla_due_at.value_or(0), last.id};
  }
  return out;
}

Status SqliteTx::AdjustTagCount(Id ws, const std::string& tag, int delta) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("INSERT INTO tags (workspace_id, name, ticket_count) "
                                       "VALUES (?, ?, ?) ON CONFLICT (workspace_id, name) DO "
                                       "UPDATE SET ticket_count = ticket_count + excluded."
                                       "ticket_count"));
  s.Bind(1, ws).Bind(2, tag).Bind(3, delta);
  return s.Exec();
}

Status SqliteTx::InsertTicket(domain::Ticket* t) {
  {
    ASSIGN_OR_RETURN(Stmt s,
                     c_->Prepare("INSERT INTO tickets (workspace_id, number, subject, status, "
                                 "priority, type, channel, requester_id, assignee_id, group_id, "
                                 "organisation_id, merged_into_id, tags, custom_fields, language,"
                                 " created_at, updated_at, first_response_at, solved_at, version)"
                                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                                 "?, ?)"));
    BindTicket(s, *t);
    RETURN_IF_ERROR(s.Exec());
  }
  t->id = c_->LastInsertId();
  for (const auto& tag : t->tags) {
    ASSIGN_OR_RETURN(Stmt s, c_->Prepare("INSERT INTO ticket_tags (workspace_id, tag, ticket_id)"
                                         " VALUES (?, ?, ?)"));
    s.Bind(1, t->workspace_id).Bind(2, tag).Bind(3, t->id);
    RETURN_IF_ERROR(s.Exec());
    RETURN_IF_ERROR(AdjustTagCount(t->workspace_id, tag, 1));
  }
  return Status::Ok();
}

Status SqliteTx::UpdateTicket(const domain::Ticket& before, const domain::Ticket& t) {
  {
    ASSIGN_OR_RETURN(Stmt s,
                     c_->Prepare("UPDATE tickets SET workspace_id = ?, number = ?, subject = ?, "
                                 "status = ?, priority = ?, type = ?, channel = ?, "
                                 "requester_id = ?, assignee_id = ?, group_id = ?, "
                                 "organisation_id = ?, merged_into_id = ?, tags = ?, "
                                 "custom_fields = ?, language = ?, created_at = ?, "
                                 "updated_at = ?, first_response_at = ?, solved_at = ?, "
                                 "version = ? WHERE id = ?"));
    BindTicket(s, t);
    s.Bind(21, t.id);
    RETURN_IF_ERROR(s.Exec());
  }
  for (const auto& tag : before.tags) {
    if (std::find(t.tags.begin(), t.tags.end(), tag) != t.tags.end()) continue;
    ASSIGN_OR_RETURN(Stmt s, c_->Prepare("DELETE FROM ticket_tags WHERE workspace_id = ? AND "
                                         "tag = ? AND ticket_id = ?"));
    s.Bind(1, t.workspace_id).Bind(2, tag).Bind(3, t.id);
    RETURN_IF_ERROR(s.Exec());
    RETURN_IF_ERROR(AdjustTagCount(t.workspace_id, tag, -1));
  }
  for (const auto& tag : t.tags) {
    if (std::find(before.tags.begin(), before.tags.end(), tag) != before.tags.end()) continue;
    ASSIGN_OR_RETURN(Stmt s, c_->Prepare("INSERT INTO ticket_tags (workspace_id, tag, ticket_id)"
                                         " VALUES (?, ?, ?)"));
    s.Bind(1, t.workspace_id).Bind(2, tag).Bind(3, t.id);
    RETURN_IF_ERROR(s.Exec());
    RETURN_IF_ERROR(AdjustTagCount(t.workspace_id, tag, 1));
  }
  return Status::Ok();
}

Result<std::vector<services::TagCount>> SqliteTx::ListTags(Id ws, std::string_view after,
                                                           int limit) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("SELECT name, ticket_count FROM tags WHERE "
                                       "workspace_id = ? AND name > ? AND ticket_count > 0 "
                                       "ORDER BY name LIMIT ?"));
  s.Bind(1, ws).Bind(2, after).Bind(3, limit);
  std::vector<services::TagCount> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back({s.Text(0), s.Int(1)});
  }
  return out;
}

// --- messages and attachments -------------------------------------------------------------

namespace {

constexpr const char* kAttachmentCols =
    "id, workspace_id, message_id, filename, mime_type, size, sha256, uploaded_by, created_at";

domain::Attachment ReadAttachment(const Stmt& s) {
  domain::Attachment a;
  a.id = s.Int(0);
  a.workspace_id = s.Int(1);
  a.message_id = s.OptInt(2);
  a.filename = s.Text(3);
  a.mime_type = s.Text(4);
  a.size = s.Int(5);
  a.sha256 = s.Text(6);
  a.uploaded_by = s.Int(7);
  a.created_at = s.Int(8);
  return a;
}

domain::Actor::Kind ParseActorKind(const std::string& s) {
  if (s == "contact") return domain::Actor::Kind::kContact;
  if (s == "system") return domain::Actor::Kind::kSystem;
  return domain::Actor::Kind::kAgent;
}

}  // namespace

Result<Page<domain::Message>> SqliteTx::ListMessages(Id ws, Id ticket_id, const PageRequest& page) {
  ASSIGN_OR_RETURN(
      Stmt s,
      c_->Prepare("SELECT m.id, m.workspace_id, m.ticket_id, m.public, m.author_kind, "
                  "m.author_id, m.body, m.html, m.channel, m.channel_meta, m.created_at, "
                  "CASE m.author_kind WHEN 'agent' THEN (SELECT name FROM agents WHERE id = "
                  "m.author_id) WHEN 'contact' THEN (SELECT name FROM contacts WHERE id = "
                  "m.author_id) ELSE 'Sahayak' END, m.language "
                  "FROM messages m WHERE m.workspace_id = ? AND m.ticket_id = ? AND m.id > ? "
                  "ORDER BY m.id LIMIT ?"));
  s.Bind(1, ws).Bind(2, ticket_id).Bind(3, page.cursor.value_or(0)).Bind(4, page.limit + 1);
  Page<domain::Message> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    domain::Message m;
    m.id = s.Int(0);
    m.workspace_id = s.Int(1);
    m.ticket_id = s.Int(2);
    m.is_public = s.Int(3) != 0;
    m.author_kind = ParseActorKind(s.Text(4));
    m.author_id = s.Int(5);
    m.body = s.Text(6);
    m.html = s.Text(7);
    m.channel = domain::ParseChannel(s.Text(8)).value_or(domain::Channel::kApi);
    m.channel_meta = ParseJsonColumn(s.Text(9), json::object());
    m.created_at = s.Int(10);
    m.author_name = s.Text(11);
    m.language = s.OptText(12);
    out.items.push_back(std::move(m));
  }
  if (static_cast<int>(out.items.size()) > page.limit) {
    out.items.resize(page.limit);
    out.next = out.items.back().id;
  }
  for (auto& m : out.items) {
    ASSIGN_OR_RETURN(Stmt a, c_->Prepare(Sql([] {
      return std::string("SELECT ") + kAttachmentCols +
             " FROM attachments WHERE message_id = ? ORDER BY id";
    })));
    a.Bind(1, m.id);
    while (true) {
      ASSIGN_OR_RETURN(bool row, a.Step());
      if (!row) break;
      m.attachments.push_back(ReadAttachment(a));
    }
  }
  return out;
}

Status SqliteTx::InsertMessage(domain::Message* m) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("INSERT INTO messages (workspace_id, ticket_id, public, "
                                       "author_kind, author_id, body, html, channel, "
                                       "channel_meta, created_at, language) VALUES (?, ?, ?, ?, "
                                       "?, ?, ?, ?, ?, ?, ?)"));
  // Every message's language is noted as it is written (migration 0029), by whichever path
  // it came: the body is all the detector needs.
  if (!m->language) m->language = DetectLanguage(m->body);
  s.Bind(1, m->workspace_id).Bind(2, m->ticket_id).Bind(3, m->is_public);
  s.Bind(4, domain::ActorKindName(m->author_kind)).Bind(5, m->author_id).Bind(6, m->body);
  s.Bind(7, m->html).Bind(8, domain::Name(m->channel)).Bind(9, m->channel_meta.dump());
  s.Bind(10, m->created_at).Bind(11, *m->language);
  RETURN_IF_ERROR(s.Exec());
  m->id = c_->LastInsertId();
  return Status::Ok();
}

Status SqliteTx::MoveMessages(Id ws, Id from_ticket, Id to_ticket) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("UPDATE messages SET ticket_id = ? WHERE workspace_id = ?"
                                       " AND ticket_id = ?"));
  s.Bind(1, to_ticket).Bind(2, ws).Bind(3, from_ticket);
  return s.Exec();
}

Result<domain::Attachment> SqliteTx::GetAttachment(Id ws, Id id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kAttachmentCols +
           " FROM attachments WHERE workspace_id = ? AND id = ?";
  })));
  s.Bind(1, ws).Bind(2, id);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("attachment " + std::to_string(id) + " does not exist");
  return ReadAttachment(s);
}

Status SqliteTx::InsertAttachment(domain::Attachment* a) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("INSERT INTO attachments (workspace_id, message_id, "
                                       "filename, mime_type, size, sha256, uploaded_by, "
                                       "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  s.Bind(1, a->workspace_id).Bind(2, a->message_id).Bind(3, a->filename).Bind(4, a->mime_type);
  s.Bind(5, a->size).Bind(6, a->sha256).Bind(7, a->uploaded_by).Bind(8, a->created_at);
  RETURN_IF_ERROR(s.Exec());
  a->id = c_->LastInsertId();
  return Status::Ok();
}

Status SqliteTx::LinkAttachment(Id ws, Id attachment_id, Id message_id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("UPDATE attachments SET message_id = ? WHERE "
                                       "workspace_id = ? AND id = ? AND message_id IS NULL"));
  s.Bind(1, message_id).Bind(2, ws).Bind(3, attachment_id);
  RETURN_IF_ERROR(s.Exec());
  if (c_->Changes() == 0) {
    return FailedPrecondition("attachment " + std::to_string(attachment_id) +
                              " does not exist or belongs to another message")
        .WithField("attachment_ids", "unknown or already used");
  }
  return Status::Ok();
}

// --- custom fields ------------------------------------------------------------------------

namespace {

constexpr const char* kFieldCols =
    "id, workspace_id, key, label, type, options, required, active, created_at, updated_at, "
    "version, customer_visible, portal_topics";

domain::CustomFieldDef ReadField(const Stmt& s) {
  domain::CustomFieldDef f;
  f.id = s.Int(0);
  f.workspace_id = s.Int(1);
  f.key = s.Text(2);
  f.label = s.Text(3);
  f.type = domain::ParseFieldType(s.Text(4)).value_or(domain::FieldType::kText);
  json options = ParseJsonColumn(s.Text(5), json::array());
  for (const auto& o : options) {
    if (o.is_string()) f.options.push_back(o.get<std::string>());
  }
  f.required = s.Int(6) != 0;
  f.active = s.Int(7) != 0;
  f.created_at = s.Int(8);
  f.updated_at = s.Int(9);
  f.version = s.Int(10);
  f.customer_visible = s.Int(11) != 0;
  for (const auto& t : ParseJsonColumn(s.Text(12), json::array())) {
    if (t.is_number_integer()) f.portal_topics.push_back(t.get<Id>());
  }
  return f;
}

}  // namespace

Result<std::vector<domain::CustomFieldDef>> SqliteTx::ListCustomFields(Id ws) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kFieldCols +
           " FROM custom_fields WHERE workspace_id = ? ORDER BY id";
  })));
  s.Bind(1, ws);
  std::vector<domain::CustomFieldDef> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(ReadField(s));
  }
  return out;
}

Result<domain::CustomFieldDef> SqliteTx::GetCustomField(Id ws, Id id) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare(Sql([] {
    return std::string("SELECT ") + kFieldCols +
           " FROM custom_fields WHERE workspace_id = ? AND id = ?";
  })));
  s.Bind(1, ws).Bind(2, id);
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("custom field " + std::to_string(id) + " does not exist");
  return ReadField(s);
}

Status SqliteTx::InsertCustomField(domain::CustomFieldDef* f) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("INSERT INTO custom_fields (workspace_id, key, label, "
                                       "type, options, required, active, created_at, "
                                       "updated_at, version, customer_visible, portal_topics) "
                                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  s.Bind(1, f->workspace_id).Bind(2, f->key).Bind(3, f->label).Bind(4, domain::Name(f->type));
  s.Bind(5, json(f->options).dump()).Bind(6, f->required).Bind(7, f->active);
  s.Bind(8, f->created_at).Bind(9, f->updated_at).Bind(10, f->version);
  s.Bind(11, f->customer_visible).Bind(12, json(f->portal_topics).dump());
  Status st = s.Exec();
  if (st.code() == Code::kAlreadyExists) {
    return AlreadyExists("a custom field with this key exists").WithField("key", "is taken");
  }
  RETURN_IF_ERROR(st);
  f->id = c_->LastInsertId();
  return Status::Ok();
}

Status SqliteTx::UpdateCustomField(const domain::CustomFieldDef& f) {
  ASSIGN_OR_RETURN(Stmt s, c_->Prepare("UPDATE custom_fields SET label = ?, options = ?, "
                                       "required = ?, active = ?, updated_at = ?, version = ?, "
                                       "customer_visible = ?, portal_topics = ? "
                                       "WHERE workspace_id = ? AND id = ?"));
  s.Bind(1, f.label).Bind(2, json(f.options).dump()).Bind(3, f.required).Bind(4, f.active);
  s.Bind(5, f.updated_at).Bind(6, f.version).Bind(7, f.customer_visible);
  s.Bind(8, json(f.portal_topics).dump()).Bind(9, f.workspace_id).Bind(10, f.id);
  return s.Exec();
}

// For other tx_*.cc files that read whole tickets (store/sqlite/ticket_rows.h).
const char* TicketColumns() { return kTicketCols; }
domain::Ticket ReadTicketRow(const Stmt& s) { return ReadTicket(s); }

}  // namespace sahayak::store
