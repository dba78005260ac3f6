#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "domain/mail.h"
#include "services/attachments/blob_store.h"
#include "services/store.h"
#include "services/tickets/ticket_service.h"

namespace sahayak::services {

// Where a mail arrived: a configured mailbox, or the default (no name, no address).
struct InboundMailbox {
  std::optional<Id> mailbox_id;  // the mailboxes row; none for the default
  std::string name;            // for logs and channel_meta; empty for the default
  std::string address;         // e.g. "support@example.in"; empty when unknown
  std::optional<Id> group_id;  // tickets opened from this mailbox go to this group
  bool acknowledge = true;     // false: no acknowledgement of new tickets (importing history)
};

struct MailIngestOptions {
  int64_t max_attachment_bytes = 25 << 20;  // larger parts stay only in original.eml
  size_t max_attachments = 100;             // parts beyond this stay only in original.eml
  Millis sender_subject_window = 7LL * 24 * 3600 * 1000;  // rule (d): ticket updated within
};

// What became of one inbound mail.
struct IngestResult {
  enum class Outcome {
    kCreated,    // a new ticket
    kReplied,    // a public message from the contact on an existing ticket
    kNoted,      // an internal note (a bounce, an auto-reply) on an existing ticket
    kDuplicate,  // its Message-ID was ingested before; nothing written
    kIgnored,    // deliberately not imported (an auto-reply that threads nowhere)
    kDropped,    // deliberately not imported (a bounce of a message Sahayak does not know)
  };
  Outcome outcome = Outcome::kCreated;
  std::optional<Id> ticket_id;
  int64_t ticket_number = 0;
  std::optional<Id> message_id;  // the ticket message written
  std::string mail_message_id;   // the Message-ID (synthetic when the mail had none)
  std::string threaded_by;       // "in-reply-to", "references", "subject-token",
                                 // "plus-address", "sender-subject", "delivery-status", "new"
  std::string reason;            // English, for agents and logs
  std::optional<int64_t> follow_up_of;  // number of the closed ticket a new one follows up
};

const char* Name(IngestResult::Outcome o);
// One line for a person or a mail server's log: "ticket #12 created", "reply added to ticket
// #12 (threaded by References <a@b>)", "duplicate of a mail already on ticket #12" …
std::string Describe(const IngestResult& r);

// A mail's files, already in the blob store (content-addressed, fsynced): its attachments and
// inline images, and the raw mail itself.
struct StoredPart {
  std::string filename;
  std::string mime_type;
  std::string content_id;  // without <>; cid: links match it case-insensitively
  bool is_inline = false;
  std::string sha256;
  int64_t size = 0;
};

struct StoredMail {
  std::string message_id;            // cleaned, or synthetic when the mail had none
  std::vector<StoredPart> parts;     // within the limits; the first is the raw mail
  std::vector<std::string> skipped;  // "big.zip (30 MB): larger than the limit" …
};

// Turns parsed e-mail into tickets, replies and notes, threading each onto the right ticket:
//   (a) In-Reply-To, then References, against Message-IDs received and sent;
//   (b) a "[#number]" token in the subject, (c) a plus-addressed recipient "local+t<number>@"
//       — (b) and (c) only when the sender is the ticket's requester or took part in its mail;
//   (d) the same sender and normalised subject as a ticket of theirs that is not closed and
//       was updated within the last 7 days — never two different senders by subject alone;
//   (e) otherwise a new ticket.
// A merged ticket is followed to the one it was merged into; a closed one gets a new follow-up
// ticket. Bounces become internal notes on the ticket of the bounced mail (never tickets);
// auto-replies become notes when they thread, and are ignored otherwise; bulk mail is tagged
// "bulk". A Message-ID seen before is a duplicate and nothing is written.
// Stateless apart from its collaborators; thread-safe.
class MailIngestService {
 public:
  MailIngestService(TicketService& tickets, BlobStore& blobs, const Clock& clock,
                    MailIngestOptions options = {})
      : tickets_(tickets), blobs_(blobs), clock_(clock), options_(options) {}

  // Step 1, outside any transaction (it writes files and flushes them): stores the raw mail
  // and its parts in the blob store. A crash after it leaves only unreferenced blobs. With
  // `sync` false the caller must call the blob store's Sync() before Ingest commits (an
  // import flushes a whole batch of mails at once).
  Result<StoredMail> StoreFiles(const domain::InboundMail& mail, std::string_view raw,
                                bool sync = true);

  // Step 2, in the caller's ONE write transaction, so a crash never half-imports: dedupes,
  // threads and writes the ticket or message, its attachments, the Message-ID record, the
  // audit events and the outbox rows. `files` comes from StoreFiles for the same mail.
  Result<IngestResult> Ingest(WriteTx& tx, Id workspace, const InboundMailbox& box,
                              const domain::InboundMail& mail, const StoredMail& files);

  // Both steps in one, inside `tx`. The writer waits for the file writes: fine for tests and
  // single deliveries, not for a busy server.
  Result<IngestResult> Ingest(WriteTx& tx, Id workspace, const InboundMailbox& box,
                              const domain::InboundMail& mail, std::string_view raw);

 private:
  TicketService& tickets_;
  BlobStore& blobs_;
  const Clock& clock_;
  MailIngestOptions options_;
};

}  // namespace sahayak::services
