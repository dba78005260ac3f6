#pragma once

#include <string>
#include <string_view>

#include <xapian.h>

// How Sahayak's documents are laid out in the Xapian index. The indexer writes this layout
// and the searcher reads it; change both together (and bump kSchemaVersion, which makes the
// next start rebuild the index from the database).
namespace sahayak::search::schema {

constexpr int kSchemaVersion = 8;  // 2: KB articles; 3: Kannada stems (Z); 4: article text;
                                   // 5: "ref" and ticket "text" in the data; 6: XM;
                                   // 7: stems and sound keys in the lexicon, not documents;
                                   // 8: parts of addresses and joined words (text_writer.h)

// Boolean (filter) term prefixes. Values follow the prefix directly: they are lowercase or
// digits, so no ':' separator is needed.
inline constexpr std::string_view kIdTerm = "Q";        // "Q" + type letter + id: "Qt42"
inline constexpr std::string_view kType = "XT";         // + "ticket" | "contact" | …
inline constexpr std::string_view kWorkspace = "XW";    // + workspace id
inline constexpr std::string_view kStatus = "XS";       // + status name
inline constexpr std::string_view kPriority = "XPRI";   // + priority name
inline constexpr std::string_view kTicketType = "XTY";  // + ticket type name
inline constexpr std::string_view kChannel = "XCH";     // + channel name
inline constexpr std::string_view kAssignee = "XA";     // + agent id, or "none"
inline constexpr std::string_view kGroup = "XG";        // + group id, or "none"
inline constexpr std::string_view kTag = "XK";          // + normalised tag
inline constexpr std::string_view kRequester = "XR";    // + contact id
inline constexpr std::string_view kOrg = "XO";          // + organisation id
inline constexpr std::string_view kLanguage = "XL";     // + ISO 639-1 code (ticket's and each
                                                        //   message's detected language)
inline constexpr std::string_view kHas = "XH";          // + "attachment"
inline constexpr std::string_view kNumber = "XN";       // + ticket number
inline constexpr std::string_view kInternal = "XI";     // + "1" on internal-only articles
inline constexpr std::string_view kArticle = "XART";    // + article id, on each translation
inline constexpr std::string_view kSection = "XSEC";    // + knowledge-base section id
inline constexpr std::string_view kCreatedMonth = "XM";  // + creation month, UTC: "XM2026-11"
                                                         //   (CreatedMonthTerm, documents.h)

// Free-text prefixes. Unprefixed terms are the Analyzer's exact terms (with positions);
// fields and messages are kFieldGap (search/text_writer.h) positions apart. The subject counts
// 3× (wdf), other text 1×. Stems and sound keys are not terms of documents: they are keys of
// the lexicon (search/lexicon.h), Xapian synonyms from "Z" + stem and "XP" + key to the words
// they stand for.
inline constexpr std::string_view kStem = "Z";          // + Snowball stem, only of words whose
                                                        //   stem differs from the word (a query
                                                        //   also looks the stem up as a word)
inline constexpr std::string_view kPhonetic = "XP";     // + phonetic key (Hinglish ↔ Devanagari)
inline constexpr std::string_view kRequesterWord = "XRW";  // + a word of requester name/e-mail
inline constexpr std::string_view kOrgWord = "XOW";        // + a word of organisation name

// Value slots.
enum Slot : Xapian::valueno {
  kCreatedAt = 0,  // Xapian::sortable_serialise(millis)
  kUpdatedAt = 1,  // Xapian::sortable_serialise(millis)
  kStatusSlot = 2,    // status name (facets)
  kGroupSlot = 3,     // group id as decimal, "" when none (facets)
  kChannelSlot = 4,   // channel name (facets)
  kPrioritySlot = 5,  // priority name (facets)
};

// Document data (set_data): compact JSON to render a hit without a database query. Every
// document's data has "ref": its id term without the "Q" ("t42", "c7", "o3", "a7-hi"), so a
// hit is known without reading its termlist (a random read per hit once the index outgrows
// the page cache).
//   ticket:       {"ref", "number", "subject", "status", "priority", "channel", "group_id",
//                  "assignee_id", "requester": {"id", "name"}, "created_at", "updated_at",
//                  "version"} (ids null when unset; times in epoch milliseconds; the
//                  snippet's text is read from the database, search/documents.h; indexes
//                  built before 2026-12 also hold it as "text", which is ignored)
//   contact:      {"ref", "name", "email", "organisation_id"}
//   organization: {"ref", "name", "domains"}
//   article:      {"ref", "name" (title), "language", "status", "visibility", "section_id",
//                  "help_url", "updated_at", "text", "text_of"}, one document per
//                  translation (search/article_documents.h), id term
//                  "Qa<id>-<lang>"; XS is the translation's
//                  status, XL its language
// Contacts also carry kOrg + organisation id; XRW words of their name and e-mails.
// Organisations carry XOW words of their name. Merged tickets have no document.
//
// Where the index lives and how a reader follows a rebuild: search/indexer.h
// (IndexPathFor, IndexGeneration).

// The index's metadata keys.
inline constexpr std::string_view kMetaSchema = "sahayak.schema";        // kSchemaVersion
inline constexpr std::string_view kMetaOutboxCursor = "sahayak.outbox";  // last outbox id applied

inline std::string Term(std::string_view prefix, std::string_view value) {
  std::string t(prefix);
  t += value;
  return t;
}

}  // namespace sahayak::search::schema
