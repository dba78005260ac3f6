#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "domain/people.h"
#include "search/analyzer.h"
#include "search/text_writer.h"
#include "services/store.h"

// Turns tickets, contacts and organisations into Xapian documents laid out as search/schema.h
// says. Pure functions of their input (plus the Analyzer's state): the same entity always
// gives the same terms, so a rebuild equals the incremental result.
namespace sahayak::search {

// The unique id term of a document: "Qt42", "Qc7", "Qo3" (schema::kIdTerm + type letter).
std::string TicketIdTerm(domain::Id id);
std::string ContactIdTerm(domain::Id id);
std::string OrganisationIdTerm(domain::Id id);

// Months as a count since year 0 (year × 12 + month − 1), UTC: MonthOf(2026-11-30T…) is
// 2026 × 12 + 10. Every document has the term of its creation month, CreatedMonthTerm(MonthOf(
// created_at)) = "XM2026-11", which lets a query of filters only read the newest months first.
int MonthOf(Millis t);
std::string CreatedMonthTerm(int month);

// A ticket's document. Filter terms: type, workspace, creation month, status, priority, ticket type, channel,
// assignee (id or "none"), group (id or "none"), tags, requester, organisation, number,
// languages (the ticket's and each message's detected one), has attachment. Free text, each
// token as its exact term with positions (its stem and sound key to `lexicon`): subject
// (wdf ×3), every message body (public replies and internal notes alike: only agents
// search), tag names, custom field values, attachment file names, requester name, e-mails and
// phones (also as "XRW" words), organisation name (also as "XOW" words). Values: created,
// updated, status, group, channel, priority. Data: compact JSON {"number", "subject",
// "status", "priority", "channel", "group_id", "assignee_id", "requester": {"id", "name"},
// "created_at", "updated_at", "version"} (ids
// null when unset; times in epoch milliseconds), and "ref" ("t42") like every document.
// REQUIRES: !t.ticket.merged_into_id (merged tickets are not indexed).
// Every document builder gives its words to `lexicon` when there is one (search/lexicon.h).
Xapian::Document TicketDocument(const services::TicketForIndex& t, Analyzer& analyzer,
                                LexiconWriter* lexicon = nullptr);

// The text a ticket hit's snippet is cut from: the bodies of its first
// kTicketSnippetMessages messages (oldest first, one per line), at most
// kMaxTicketSnippetBytes, cut on a character boundary. The searcher reads the bodies of a
// page's tickets from the database (ReadTx::GetFirstMessageBodies), so a snippet is always
// of the ticket as it is now; the index does not keep a copy.
inline constexpr size_t kTicketSnippetMessages = 30;
inline constexpr size_t kMaxTicketSnippetBytes = 16 * 1024;
std::string TicketSnippetText(const std::vector<std::string>& bodies);

// A contact: type, workspace, organisation filter term; text name + identities (e-mails,
// phones, social handles), also as "XRW" words; created/updated values; data {"name",
// "email" (first e-mail or ""), "organisation_id" (or null)}.
Xapian::Document ContactDocument(const domain::Contact& c, Analyzer& analyzer,
                                 LexiconWriter* lexicon = nullptr);

// An organisation: type, workspace; text name (also as "XOW" words), domains and notes;
// created/updated values; data {"name", "domains"}.
Xapian::Document OrganisationDocument(const domain::Organisation& o, Analyzer& analyzer,
                                      LexiconWriter* lexicon = nullptr);

}  // namespace sahayak::search
