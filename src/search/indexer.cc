#include "search/indexer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <set>

#include "search/article_documents.h"
#include "search/documents.h"
#include "search/schema.h"

namespace sahayak::search {

namespace fs = std::filesystem;
using domain::Id;

namespace {

// At most this many ids per bulk read (ReadTx::GetTicketsForIndex allows 500).
constexpr size_t kLoadChunk = 500;

int64_t ParseInt(const std::string& s) {
  int64_t v = 0;
  for (char ch : s) {
    if (ch < '0' || ch > '9') return 0;
    v = v * 10 + (ch - '0');
  }
  return v;
}

int64_t DirectoryBytes(const std::string& path) {
  std::error_code ec;
  int64_t total = 0;
  for (const auto& e : fs::directory_iterator(path, ec)) {
    std::error_code size_ec;
    auto n = e.file_size(size_ec);
    if (!size_ec) total += static_cast<int64_t>(n);
  }
  return total;
}

// Which entities a run of outbox rows touched.
struct Touched {
  std::set<Id> tickets;
  std::set<Id> contacts;
  std::set<Id> organisations;
  std::set<std::pair<Id, Id>> contacts_of_ws;       // (workspace, contact): its tickets too
  std::set<std::pair<Id, Id>> organisations_of_ws;  // (workspace, org): its tickets too
  std::set<Id> articles;                            // knowledge-base articles
};

Id PayloadId(const nlohmann::json& payload, const char* key) {
  auto it = payload.find(key);
  return it != payload.end() && it->is_number_integer() ? it->get<Id>() : 0;
}

void Collect(const domain::OutboxItem& row, Touched* t) {
  const std::string& topic = row.topic;
  if (topic == "ticket.created" || topic == "ticket.updated" || topic == "message.created") {
    if (Id id = PayloadId(row.payload, "ticket_id")) t->tickets.insert(id);
  } else if (topic == "ticket.merged") {
    if (Id id = PayloadId(row.payload, "ticket_id")) t->tickets.insert(id);
    if (Id id = PayloadId(row.payload, "target_id")) t->tickets.insert(id);
  } else if (topic == "contact.created" || topic == "contact.updated") {
    if (Id id = PayloadId(row.payload, "contact_id")) {
      t->contacts.insert(id);
      // A new contact has no tickets yet but its own; they carry their own rows.
      if (topic == "contact.updated") t->contacts_of_ws.insert({row.workspace_id, id});
    }
  } else if (topic == "organisation.created" || topic == "organisation.updated") {
    if (Id id = PayloadId(row.payload, "organisation_id")) {
      t->organisations.insert(id);
      if (topic == "organisation.updated") t->organisations_of_ws.insert({row.workspace_id, id});
    }
  } else if (IsArticleTopic(topic)) {
    if (Id id = PayloadId(row.payload, "article_id")) t->articles.insert(id);
  }
  // Other topics (agents, views, mailboxes …) change nothing the index holds.
}

std::vector<std::vector<Id>> Chunks(const std::set<Id>& ids) {
  std::vector<std::vector<Id>> out;
  for (Id id : ids) {
    if (out.empty() || out.back().size() == kLoadChunk) out.emplace_back();
    out.back().push_back(id);
  }
  return out;
}

}  // namespace

std::string IndexPathFor(const std::string& data_dir) {
  return (fs::path(data_dir) / "search").string();
}

uint64_t IndexGeneration(const std::string& path) {
  struct statx stx {};
  if (statx(AT_FDCWD, path.c_str(), 0, STATX_INO | STATX_BTIME, &stx) != 0) return 0;
  uint64_t g = stx.stx_ino * 0x9E3779B97F4A7C15ULL;
  if (stx.stx_mask & STATX_BTIME) {
    g ^= static_cast<uint64_t>(stx.stx_btime.tv_sec) * 1000000000ULL + stx.stx_btime.tv_nsec;
  }
  return g == 0 ? 1 : g;
}

Result<IndexStats> ReadIndexStats(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return NotFound("there is no search index at " + path);
  try {
    Xapian::Database db(path);
    IndexStats s;
    s.path = path;
    s.documents = db.get_doccount();
    s.tickets = db.get_termfreq(schema::Term(schema::kType, "ticket"));
    s.contacts = db.get_termfreq(schema::Term(schema::kType, "contact"));
    s.organisations = db.get_termfreq(schema::Term(schema::kType, "organization"));
    s.outbox_cursor = ParseInt(db.get_metadata(std::string(schema::kMetaOutboxCursor)));
    s.schema_version =
        static_cast<int>(ParseInt(db.get_metadata(std::string(schema::kMetaSchema))));
    s.bytes = DirectoryBytes(path);
    return s;
  } catch (const Xapian::Error& e) {
    return Status(Code::kInternal, "cannot read the search index at " + path + ": " +
                                       e.get_description());
  }
}

Result<std::unique_ptr<Indexer>> Indexer::Open(const std::string& path, services::Store* store) {
  std::unique_ptr<Indexer> ix(new Indexer(path, store));
  RETURN_IF_ERROR(ix->OpenDatabase());
  // Only the holder of the write lock may touch the rebuild's folders: left over from a crash.
  std::error_code ec;
  fs::remove_all(path + ".new", ec);
  fs::remove_all(path + ".old", ec);
  fs::remove_all(path + ".parts", ec);
  try {
    std::string schema_text = ix->db_->get_metadata(std::string(schema::kMetaSchema));
    if (schema_text.empty()) {
      services::IndexableCounts counts;
      Id max_outbox = 0;
      RETURN_IF_ERROR(store->Read([&](services::ReadTx& tx) -> Status {
        ASSIGN_OR_RETURN(counts, tx.CountIndexable());
        ASSIGN_OR_RETURN(max_outbox, tx.MaxOutboxId());
        return Status::Ok();
      }));
      if (counts.tickets + counts.contacts + counts.organisations +
              counts.article_translations >
          0) {
        ix->needs_rebuild_ = true;
      } else {
        // Nothing to index yet: the empty index is current as of the newest outbox row.
        ix->db_->set_metadata(std::string(schema::kMetaSchema),
                              std::to_string(schema::kSchemaVersion));
        ix->db_->set_metadata(std::string(schema::kMetaOutboxCursor), std::to_string(max_outbox));
        ix->db_->commit();
      }
    } else if (ParseInt(schema_text) != schema::kSchemaVersion) {
      ix->needs_rebuild_ = true;
    }
  } catch (const Xapian::Error& e) {
    return Status(Code::kInternal, "cannot read the search index at " + path + ": " +
                                       e.get_description());
  }
  return ix;
}

Indexer::~Indexer() {
  if (db_) {
    try {
      db_->close();
    } catch (const Xapian::Error&) {
      // Nothing uncommitted matters: the outbox cursor says what to redo.
    }
  }
}

Status Indexer::OpenDatabase() {
  try {
    db_ = std::make_unique<Xapian::WritableDatabase>(path_, Xapian::DB_CREATE_OR_OPEN);
    return Status::Ok();
  } catch (const Xapian::DatabaseLockError& e) {
    return Unavailable("the search index at " + path_ +
                       " is in use by another process (a running server keeps it up to date)")
        .WithKind("index-locked");
  } catch (const Xapian::Error& e) {
    return Status(Code::kInternal, "cannot open the search index at " + path_ + ": " +
                                       e.get_description());
  }
}

// The cursor is an outbox id. SQLite has one writer, so outbox ids are assigned in commit
// order and a snapshot that sees row N sees every row below it: "id > cursor" never skips a
// row. PostgreSQL assigns sequence values before commit, so concurrent transactions can
// commit out of id order; there the cursor will need to be a commit-ordered one (e.g. a
// transaction id watermark, or re-reading a window below the cursor).
Result<int64_t> Indexer::CatchUp(int batch) {
  if (!db_) return Unavailable("the search index at " + path_ + " is not open");
  if (needs_rebuild_) {
    return FailedPrecondition("the search index needs a rebuild first").WithKind("index-stale");
  }
  int64_t applied = 0;
  if (!analyzer_) {
    analyzer_ = std::make_unique<Analyzer>();
    lexicon_ = std::make_unique<LexiconWriter>(kCatchUpSeenLimit);
  }
  Analyzer& analyzer = *analyzer_;
  LexiconWriter& lexicon = *lexicon_;
  // Each document's new stems and keys go to the lexicon with it (search/lexicon.h).
  auto put = [&](const std::string& id_term, const Xapian::Document& doc) {
    lexicon.Flush(*db_);
    db_->replace_document(id_term, doc);
  };
  try {
    while (true) {
      const Id cursor = ParseInt(db_->get_metadata(std::string(schema::kMetaOutboxCursor)));
      // The usual round finds nothing new: answer that without touching the index.
      Id newest = 0;
      RETURN_IF_ERROR(store_->Read([&](services::ReadTx& tx) -> Status {
        ASSIGN_OR_RETURN(newest, tx.MaxOutboxId());
        return Status::Ok();
      }));
      if (newest <= cursor) break;
      std::vector<domain::OutboxItem> rows;
      db_->begin_transaction(/*flushed=*/true);
      // Entities are read in the same snapshot as the rows that name them, so each is at
      // least as new as its rows. Documents go to the index chunk by chunk (a big
      // organisation's tickets need not fit in memory at once); only the commit below makes
      // them and the cursor visible.
      Status st = store_->Read([&](services::ReadTx& tx) -> Status {
        ASSIGN_OR_RETURN(rows, tx.ListOutboxAfter(cursor, batch));
        Touched t;
        for (const auto& row : rows) Collect(row, &t);
        for (const auto& [ws, id] : t.contacts_of_ws) {
          ASSIGN_OR_RETURN(std::vector<Id> ids, tx.ListTicketIdsOfContact(ws, id));
          t.tickets.insert(ids.begin(), ids.end());
        }
        for (const auto& [ws, id] : t.organisations_of_ws) {
          ASSIGN_OR_RETURN(std::vector<Id> ids, tx.ListTicketIdsOfOrganisation(ws, id));
          t.tickets.insert(ids.begin(), ids.end());
        }
        try {
          for (const auto& chunk : Chunks(t.tickets)) {
            ASSIGN_OR_RETURN(std::vector<services::TicketForIndex> found,
                             tx.GetTicketsForIndex(chunk));
            // Merged (or missing) tickets lose their document; deleting twice is harmless.
            std::set<Id> seen;
            for (const auto& f : found) {
              seen.insert(f.ticket.id);
              if (f.ticket.merged_into_id) {
                db_->delete_document(TicketIdTerm(f.ticket.id));
              } else {
                put(TicketIdTerm(f.ticket.id), TicketDocument(f, analyzer, &lexicon));
              }
            }
            for (Id id : chunk) {
              if (!seen.count(id)) db_->delete_document(TicketIdTerm(id));
            }
          }
          for (const auto& chunk : Chunks(t.contacts)) {
            ASSIGN_OR_RETURN(std::vector<domain::Contact> found, tx.GetContactsForIndex(chunk));
            for (const auto& c : found) {
              put(ContactIdTerm(c.id), ContactDocument(c, analyzer, &lexicon));
            }
          }
          for (const auto& chunk : Chunks(t.organisations)) {
            ASSIGN_OR_RETURN(std::vector<domain::Organisation> found,
                             tx.GetOrganisationsForIndex(chunk));
            for (const auto& o : found) {
              put(OrganisationIdTerm(o.id), OrganisationDocument(o, analyzer, &lexicon));
            }
          }
          for (const auto& chunk : Chunks(t.articles)) {
            ASSIGN_OR_RETURN(std::vector<domain::KbArticle> found,
                             tx.kb().GetKbArticlesForIndex(chunk));
            ReplaceArticleDocuments(*db_, chunk, found, analyzer, lexicon);
          }
        } catch (const Xapian::Error& e) {
          return Status(Code::kInternal, "cannot update the search index at " + path_ + ": " +
                                             e.get_description());
        }
        return Status::Ok();
      });
      if (!st.ok()) {
        // Drop what this round wrote, so the next round starts from the committed state; the
        // lexicon writer forgets the words whose synonyms went with it.
        db_->cancel_transaction();
        lexicon.Forget();
        return st;
      }
      if (!rows.empty()) {
        db_->set_metadata(std::string(schema::kMetaOutboxCursor),
                          std::to_string(rows.back().id));
      }
      db_->commit_transaction();
      if (rows.empty()) break;
      applied += static_cast<int64_t>(rows.size());
      if (static_cast<int>(rows.size()) < batch) break;
    }
  } catch (const Xapian::Error& e) {
    try {
      db_->cancel_transaction();
    } catch (const Xapian::Error&) {
      // No transaction was open.
    }
    lexicon.Forget();
    return Status(Code::kInternal, "cannot update the search index at " + path_ + ": " +
                                       e.get_description());
  }
  return applied;
}

}  // namespace sahayak::search
