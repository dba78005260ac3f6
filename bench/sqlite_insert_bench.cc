// sqlite_insert_bench: the write ceiling for POST /api/v1/tickets.
//
// Applies the server's migration SQL to a fresh database file with the server's PRAGMAs
// (WAL, synchronous=FULL, foreign_keys=ON) and writes, straight through the SQLite C API with
// prepared statements, the rows one ticket create writes:
//
//   SELECT the requester by e-mail identity (the create looks the contact up)
//   UPDATE workspaces SET ticket_seq = ticket_seq + 1 ... RETURNING ticket_seq
//   INSERT INTO tickets
//   per tag: INSERT INTO ticket_tags, INSERT INTO tags ... ON CONFLICT DO UPDATE (the count)
//   INSERT INTO messages (body and its HTML)
//   INSERT INTO audit_events (the ticket's fields as the change set)
//   INSERT INTO outbox (ticket.created)
//
// in two modes: one transaction per ticket (what a server without group commit could do at
// best, one fsync per ticket) and N tickets per transaction (default 100). It prints one
// `RESULT` line per mode for bench/run.sh. This is a figure, not a test: nothing is asserted.
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "sqlite_insert_bench: %s\n", what.c_str());
  std::exit(1);
}

void Check(sqlite3* db, int rc, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    Die(std::string(what) + ": " + sqlite3_errmsg(db));
  }
}

void Exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    Die("executing SQL: " + msg);
  }
}

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) Die("cannot read " + p.string());
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int64_t NowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string JsonEscape(const std::string& s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out;
}

// Roughly what the server's plain-text-to-HTML step stores: escaped paragraphs in <p>.
std::string PlainToHtml(const std::string& body) {
  std::string out = "<p>";
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c == '\n' && i + 1 < body.size() && body[i + 1] == '\n') {
      out += "</p><p>";
      ++i;
    } else if (c == '\n') {
      out += "<br>";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else if (c == '&') {
      out += "&amp;";
    } else if (c == '"') {
      out += "&quot;";
    } else {
      out += c;
    }
  }
  return out + "</p>";
}

class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql) : db_(db) {
    Check(db, sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s_, nullptr),
          "preparing");
  }
  ~Stmt() { sqlite3_finalize(s_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  Stmt& Int(int i, int64_t v) {
    sqlite3_bind_int64(s_, i, v);
    return *this;
  }
  Stmt& Text(int i, const std::string& v) {
    sqlite3_bind_text64(s_, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    return *this;
  }
  Stmt& Null(int i) {
    sqlite3_bind_null(s_, i);
    return *this;
  }
  // Steps once; returns true on a row.
  bool Step() {
    int rc = sqlite3_step(s_);
    Check(db_, rc, "stepping");
    return rc == SQLITE_ROW;
  }
  int64_t Col(int i) const { return sqlite3_column_int64(s_, i); }
  bool ColNull(int i) const { return sqlite3_column_type(s_, i) == SQLITE_NULL; }
  std::string ColText(int i) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, i));
    return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(s_, i))) : std::string();
  }
  void Reset() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* s_ = nullptr;
};

struct Options {
  fs::path migrations;
  fs::path dir;
  fs::path body_file;
  int64_t single_max = 1000000;   // tickets in the one-per-transaction run (upper bound)
  int64_t batched_max = 5000000;  // tickets in the N-per-transaction run (upper bound)
  int batch = 100;
  double seconds = 10;            // each run stops after this many seconds
  int contacts = 200;             // requester pool, as in bench/post_ticket.lua
  std::vector<std::string> tags = {"bench", "api-load", "priority-check"};
  bool keep = false;
};

struct Writer {
  explicit Writer(sqlite3* db)
      : db(db),
        find_contact(db,
                     "SELECT c.id, c.organisation_id, c.language FROM contact_identities i "
                     "JOIN contacts c ON c.id = i.contact_id WHERE i.workspace_id = ? AND "
                     "i.kind = 'email' AND i.value = ?"),
        next_number(db,
                    "UPDATE workspaces SET ticket_seq = ticket_seq + 1 WHERE id = ? "
                    "RETURNING ticket_seq"),
        insert_ticket(db,
                      "INSERT INTO tickets (workspace_id, number, subject, status, priority, "
                      "type, channel, requester_id, assignee_id, group_id, organisation_id, "
                      "merged_into_id, tags, custom_fields, language, created_at, updated_at, "
                      "first_response_at, solved_at, version) VALUES (?, ?, ?, 'new', ?, "
                      "'question', 'api', ?, NULL, NULL, ?, NULL, ?, '{}', ?, ?, ?, NULL, NULL, "
                      "1)"),
        insert_ticket_tag(db,
                          "INSERT INTO ticket_tags (workspace_id, tag, ticket_id) VALUES (?, ?, ?)"),
        upsert_tag(db,
                   "INSERT INTO tags (workspace_id, name, ticket_count) VALUES (?, ?, 1) ON "
                   "CONFLICT (workspace_id, name) DO UPDATE SET ticket_count = ticket_count + "
                   "excluded.ticket_count"),
        insert_message(db,
                       "INSERT INTO messages (workspace_id, ticket_id, public, author_kind, "
                       "author_id, body, html, channel, channel_meta, created_at) VALUES (?, ?, "
                       "1, 'contact', ?, ?, ?, 'api', '{}', ?)"),
        insert_audit(db,
                     "INSERT INTO audit_events (workspace_id, actor_kind, actor_id, actor_name, "
                     "action, entity_type, entity_id, changes, ip, user_agent, created_at) "
                     "VALUES (?, 'agent', 1, 'Asha Rao', 'ticket.created', 'ticket', ?, ?, "
                     "'127.0.0.1', '', ?)"),
        insert_outbox(db,
                      "INSERT INTO outbox (workspace_id, topic, payload, created_at, "
                      "available_at) VALUES (?, 'ticket.created', ?, ?, ?)") {}

  // The rows of one POST /api/v1/tickets.
  void CreateTicket(const Options& o, int64_t n, const std::string& body, const std::string& html) {
    const int64_t ws = 1;
    const int64_t now = NowMillis();
    const std::string email =
        "bench-customer-" + std::to_string(1 + n % o.contacts) + "@bench.example";
    find_contact.Int(1, ws).Text(2, email);
    if (!find_contact.Step()) Die("no contact " + email);
    const int64_t contact = find_contact.Col(0);
    const bool has_org = !find_contact.ColNull(1);
    const int64_t org = find_contact.Col(1);
    const std::string language = find_contact.ColText(2);
    find_contact.Reset();

    next_number.Int(1, ws);
    if (!next_number.Step()) Die("no workspace");
    const int64_t number = next_number.Col(0);
    next_number.Reset();

    const std::string subject = "Bench ticket " + std::to_string(n) +
                                ": parcel SHY" + std::to_string(100000000 + n) +
                                "IN not delivered";
    const char* priority = (n % 4 == 0) ? "high" : "normal";
    std::string tags_json = "[";
    for (size_t i = 0; i < o.tags.size(); ++i) {
      tags_json += (i ? ",\"" : "\"") + JsonEscape(o.tags[i]) + "\"";
    }
    tags_json += "]";
    insert_ticket.Int(1, ws).Int(2, number).Text(3, subject).Text(4, priority).Int(5, contact);
    if (has_org) {
      insert_ticket.Int(6, org);
    } else {
      insert_ticket.Null(6);
    }
    insert_ticket.Text(7, tags_json).Text(8, language).Int(9, now).Int(10, now);
    insert_ticket.Step();
    insert_ticket.Reset();
    const int64_t ticket = sqlite3_last_insert_rowid(db);

    for (const auto& tag : o.tags) {
      insert_ticket_tag.Int(1, ws).Text(2, tag).Int(3, ticket);
      insert_ticket_tag.Step();
      insert_ticket_tag.Reset();
      upsert_tag.Int(1, ws).Text(2, tag);
      upsert_tag.Step();
      upsert_tag.Reset();
    }

    insert_message.Int(1, ws).Int(2, ticket).Int(3, contact).Text(4, body).Text(5, html);
    insert_message.Int(6, now);
    insert_message.Step();
    insert_message.Reset();
    const int64_t message = sqlite3_last_insert_rowid(db);

    std::string changes = "{\"custom_fields\":[null,{}],\"language\":[null,\"" +
                          JsonEscape(language) + "\"],\"organisation_id\":[null," +
                          (has_org ? std::to_string(org) : std::string("null")) +
                          "],\"priority\":[null,\"" + priority +
                          "\"],\"requester_id\":[null," + std::to_string(contact) +
                          "],\"status\":[null,\"new\"],\"subject\":[null,\"" +
                          JsonEscape(subject) + "\"],\"tags\":[null," + tags_json +
                          "],\"type\":[null,\"question\"]}";
    insert_audit.Int(1, ws).Int(2, ticket).Text(3, changes).Int(4, now);
    insert_audit.Step();
    insert_audit.Reset();
    const int64_t audit = sqlite3_last_insert_rowid(db);

    std::string payload = "{\"audit_event_id\":" + std::to_string(audit) +
                          ",\"message_id\":" + std::to_string(message) +
                          ",\"ticket_id\":" + std::to_string(ticket) + "}";
    insert_outbox.Int(1, ws).Text(2, payload).Int(3, now).Int(4, now);
    insert_outbox.Step();
    insert_outbox.Reset();
  }

  sqlite3* db;
  Stmt find_contact, next_number, insert_ticket, insert_ticket_tag, upsert_tag, insert_message,
      insert_audit, insert_outbox;
};

sqlite3* OpenDatabase(const Options& o, const fs::path& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                                             SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
    Die("opening " + path.string());
  }
  // The server's writer connection (src/store/sqlite/connection.cc).
  Exec(db, "PRAGMA foreign_keys=ON; PRAGMA cache_size=-16384; PRAGMA temp_store=MEMORY; "
           "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA wal_autocheckpoint=4000;");
  std::vector<fs::path> files;
  if (fs::is_directory(o.migrations)) {
    for (const auto& e : fs::directory_iterator(o.migrations)) {
      if (e.path().extension() == ".sql") files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
  } else {
    files.push_back(o.migrations);
  }
  if (files.empty()) Die("no .sql files in " + o.migrations.string());
  Exec(db, "BEGIN");
  for (const auto& f : files) Exec(db, ReadFile(f));
  const int64_t now = NowMillis();
  Exec(db, "INSERT INTO workspaces (id, workspace_id, name, created_at, updated_at) VALUES "
           "(1, 1, 'Bench', " + std::to_string(now) + ", " + std::to_string(now) + ")");
  Exec(db, "INSERT INTO organisations (id, workspace_id, name, created_at, updated_at) VALUES "
           "(1, 1, 'Bench Org', " + std::to_string(now) + ", " + std::to_string(now) + ")");
  {
    Stmt contact(db, "INSERT INTO contacts (workspace_id, name, language, organisation_id, "
                     "created_at, updated_at) VALUES (1, ?, 'en', ?, ?, ?)");
    Stmt identity(db, "INSERT INTO contact_identities (workspace_id, kind, value, contact_id) "
                      "VALUES (1, 'email', ?, ?)");
    for (int i = 1; i <= o.contacts; ++i) {
      contact.Text(1, "Bench customer " + std::to_string(i));
      if (i % 5 == 0) {
        contact.Int(2, 1);
      } else {
        contact.Null(2);
      }
      contact.Int(3, now).Int(4, now);
      contact.Step();
      contact.Reset();
      identity.Text(1, "bench-customer-" + std::to_string(i) + "@bench.example");
      identity.Int(2, sqlite3_last_insert_rowid(db));
      identity.Step();
      identity.Reset();
    }
  }
  Exec(db, "COMMIT");
  return db;
}

struct RunResult {
  int64_t tickets = 0;
  double seconds = 0;
  int64_t transactions = 0;
};

RunResult Run(const Options& o, const fs::path& path, int per_tx, int64_t max_tickets,
              const std::string& body, const std::string& html) {
  fs::remove(path);
  fs::remove(path.string() + "-wal");
  fs::remove(path.string() + "-shm");
  sqlite3* db = OpenDatabase(o, path);
  RunResult r;
  {
    Writer w(db);
    auto start = Clock::now();
    auto deadline = start + std::chrono::duration<double>(o.seconds);
    int64_t n = 0;
    while (n < max_tickets && Clock::now() < deadline) {
      Exec(db, "BEGIN IMMEDIATE");
      for (int i = 0; i < per_tx && n < max_tickets; ++i) w.CreateTicket(o, n++, body, html);
      Exec(db, "COMMIT");
      ++r.transactions;
    }
    r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    r.tickets = n;
  }
  sqlite3_close_v2(db);
  return r;
}

void Usage() {
  std::fprintf(stderr,
               "usage: sqlite_insert_bench [--migrations DIR|FILE] [--dir DIR] [--body-file F]\n"
               "       [--single-max N] [--batched-max N] [--batch N] [--seconds S]\n"
               "       [--contacts N] [--tags a,b,c] [--keep]\n");
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
#ifdef SAHAYAK_MIGRATIONS_DIR
  o.migrations = SAHAYAK_MIGRATIONS_DIR;
#endif
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        Usage();
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--migrations") {
      o.migrations = next();
    } else if (a == "--dir") {
      o.dir = next();
    } else if (a == "--body-file") {
      o.body_file = next();
    } else if (a == "--single-max") {
      o.single_max = std::atoll(next().c_str());
    } else if (a == "--batched-max") {
      o.batched_max = std::atoll(next().c_str());
    } else if (a == "--batch") {
      o.batch = std::max(1, std::atoi(next().c_str()));
    } else if (a == "--seconds") {
      o.seconds = std::atof(next().c_str());
    } else if (a == "--tags") {
      o.tags.clear();
      std::stringstream ss(next());
      std::string t;
      while (std::getline(ss, t, ',')) {
        if (!t.empty()) o.tags.push_back(t);
      }
    } else if (a == "--contacts") {
      o.contacts = std::max(1, std::atoi(next().c_str()));
    } else if (a == "--keep") {
      o.keep = true;
    } else {
      Usage();
      return 2;
    }
  }
  if (o.migrations.empty()) Die("--migrations is required");
  bool own_dir = false;
  if (o.dir.empty()) {
    char tmpl[] = "/tmp/sqlite_insert_bench.XXXXXX";
    if (mkdtemp(tmpl) == nullptr) Die("mkdtemp failed");
    o.dir = tmpl;
    own_dir = true;
  }
  fs::create_directories(o.dir);
  std::string body;
  if (!o.body_file.empty()) {
    body = ReadFile(o.body_file);
    while (!body.empty() && (body.back() == '\n' || body.back() == ' ')) body.pop_back();
  } else {
    body = std::string(1000, 'x');
  }
  const std::string html = PlainToHtml(body);

  std::printf("sqlite_insert_bench: SQLite %s, WAL, synchronous=FULL, foreign_keys=ON, in %s\n",
              sqlite3_libversion(), o.dir.c_str());
  std::printf("rows per ticket: 1 contact lookup, 1 UPDATE workspaces, 1 ticket, %zu ticket_tags "
              "+ %zu tag upserts, 1 message (body %zu B, html %zu B), 1 audit event, 1 outbox\n",
              o.tags.size(), o.tags.size(), body.size(), html.size());
  std::fflush(stdout);

  const fs::path path = o.dir / "raw.db";
  RunResult single = Run(o, path, 1, o.single_max, body, html);
  std::printf("RESULT mode=per_ticket batch=1 tickets=%lld transactions=%lld seconds=%.3f "
              "tickets_per_s=%.1f\n",
              static_cast<long long>(single.tickets), static_cast<long long>(single.transactions),
              single.seconds, single.tickets / single.seconds);
  std::fflush(stdout);
  RunResult batched = Run(o, path, o.batch, o.batched_max, body, html);
  std::printf("RESULT mode=batched batch=%d tickets=%lld transactions=%lld seconds=%.3f "
              "tickets_per_s=%.1f\n",
              o.batch, static_cast<long long>(batched.tickets),
              static_cast<long long>(batched.transactions), batched.seconds,
              batched.tickets / batched.seconds);
  if (!o.keep) {
    fs::remove(path);
    fs::remove(path.string() + "-wal");
    fs::remove(path.string() + "-shm");
    if (own_dir) fs::remove(o.dir);
  }
  return 0;
}
