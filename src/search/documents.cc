#include "search/documents.h"

#include <cstdio>
#include <set>

#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "base/language.h"
#include "search/schema.h"

namespace sahayak::search {

namespace {

using nlohmann::json;
namespace schema = sahayak::search::schema;

std::string IdOrNone(const std::optional<domain::Id>& id) {
  return id ? std::to_string(*id) : std::string("none");
}

// The primary language subtag, lower-case: "en-IN" → "en".
std::string LanguageCode(std::string_view tag) {
  std::string out;
  for (char ch : tag) {
    if (ch == '-' || ch == '_') break;
    out += static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
  }
  return out;
}

void AddCommon(Xapian::Document* doc, std::string_view type, const std::string& id_term,
               domain::Id ws, Millis created_at, Millis updated_at) {
  doc->add_boolean_term(id_term);
  AddBooleanTerm(doc, schema::kType, type);
  AddBooleanTerm(doc, schema::kWorkspace, std::to_string(ws));
  doc->add_boolean_term(CreatedMonthTerm(MonthOf(created_at)));
  doc->add_value(schema::kCreatedAt, Xapian::sortable_serialise(static_cast<double>(created_at)));
  doc->add_value(schema::kUpdatedAt, Xapian::sortable_serialise(static_cast<double>(updated_at)));
}

// The id term without its "Q": the data's "ref" (schema.h).
std::string Ref(const std::string& id_term) { return id_term.substr(schema::kIdTerm.size()); }

json OptId(const std::optional<domain::Id>& id) { return id ? json(*id) : json(nullptr); }

// The text of custom field values: strings, numbers and lists of them.
void CollectCustomText(const json& v, std::string* out) {
  if (v.is_string()) {
    *out += v.get_ref<const std::string&>();
    *out += '\n';
  } else if (v.is_number()) {
    *out += v.dump();
    *out += '\n';
  } else if (v.is_array()) {
    for (const auto& e : v) CollectCustomText(e, out);
  }
}

void AddPersonText(TextWriter* text, const domain::Contact& c) {
  text->Add(c.name, 1, schema::kRequesterWord);
  for (const auto& i : c.identities) {
    text->Add(i.value, 1, i.kind == domain::Identity::Kind::kEmail ? schema::kRequesterWord : "");
  }
}

}  // namespace

std::string TicketIdTerm(domain::Id id) {
  return schema::Term(schema::kIdTerm, "t" + std::to_string(id));
}
std::string ContactIdTerm(domain::Id id) {
  return schema::Term(schema::kIdTerm, "c" + std::to_string(id));
}
std::string OrganisationIdTerm(domain::Id id) {
  return schema::Term(schema::kIdTerm, "o" + std::to_string(id));
}

Xapian::Document TicketDocument(const services::TicketForIndex& in, Analyzer& analyzer,
                                LexiconWriter* lexicon) {
  const domain::Ticket& t = in.ticket;
  Xapian::Document doc;
  AddCommon(&doc, "ticket", TicketIdTerm(t.id), t.workspace_id, t.created_at, t.updated_at);
  AddBooleanTerm(&doc, schema::kStatus, domain::Name(t.status));
  AddBooleanTerm(&doc, schema::kPriority, domain::Name(t.priority));
  AddBooleanTerm(&doc, schema::kTicketType, domain::Name(t.type));
  AddBooleanTerm(&doc, schema::kChannel, domain::Name(t.channel));
  AddBooleanTerm(&doc, schema::kAssignee, IdOrNone(t.assignee_id));
  AddBooleanTerm(&doc, schema::kGroup, IdOrNone(t.group_id));
  for (const auto& tag : t.tags) AddBooleanTerm(&doc, schema::kTag, tag);
  AddBooleanTerm(&doc, schema::kRequester, std::to_string(t.requester_id));
  if (t.organisation_id) AddBooleanTerm(&doc, schema::kOrg, std::to_string(*t.organisation_id));
  AddBooleanTerm(&doc, schema::kNumber, std::to_string(t.number));
  if (!in.attachment_names.empty()) AddBooleanTerm(&doc, schema::kHas, "attachment");

  std::set<std::string> languages;
  if (!t.language.empty()) languages.insert(LanguageCode(t.language));

  TextWriter text(&doc, analyzer, lexicon);
  text.Add(t.subject, 3);
  for (const auto& m : in.messages) {
    text.Add(m.body);
    // As the store noted it; a message of an older database has none and is read here.
    std::string lang = m.language ? *m.language : DetectLanguage(m.body);
    if (!lang.empty()) languages.insert(std::move(lang));
  }
  for (const auto& lang : languages) AddBooleanTerm(&doc, schema::kLanguage, lang);
  for (const auto& tag : t.tags) text.AddWithParts(tag);
  std::string custom;
  if (t.custom_fields.is_object()) {
    for (const auto& [key, value] : t.custom_fields.items()) CollectCustomText(value, &custom);
  }
  text.Add(custom);
  for (const auto& name : in.attachment_names) text.AddWithParts(name);
  if (in.requester) AddPersonText(&text, *in.requester);
  if (in.organisation) text.Add(in.organisation->name, 1, schema::kOrgWord);

  doc.add_value(schema::kStatusSlot, domain::Name(t.status));
  doc.add_value(schema::kGroupSlot, t.group_id ? std::to_string(*t.group_id) : "");
  doc.add_value(schema::kChannelSlot, domain::Name(t.channel));
  doc.add_value(schema::kPrioritySlot, domain::Name(t.priority));

  json data = {{"ref", Ref(TicketIdTerm(t.id))},
               {"number", t.number},
               {"subject", t.subject},
               {"status", domain::Name(t.status)},
               {"priority", domain::Name(t.priority)},
               {"channel", domain::Name(t.channel)},
               {"group_id", OptId(t.group_id)},
               {"assignee_id", OptId(t.assignee_id)},
               {"requester",
                {{"id", t.requester_id}, {"name", in.requester ? in.requester->name : ""}}},
               {"created_at", t.created_at},
               {"updated_at", t.updated_at},
               {"version", t.version}};
  doc.set_data(data.dump(-1, ' ', false, json::error_handler_t::replace));
  return doc;
}

int MonthOf(Millis t) {
  const std::string date = FormatRfc3339(t);  // "2026-11-30T…"
  return std::stoi(date.substr(0, 4)) * 12 + std::stoi(date.substr(5, 2)) - 1;
}

std::string CreatedMonthTerm(int month) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", month / 12, month % 12 + 1);
  return schema::Term(schema::kCreatedMonth, buf);
}

std::string TicketSnippetText(const std::vector<std::string>& bodies) {
  std::string text;
  size_t n = 0;
  for (const auto& body : bodies) {
    if (n++ == kTicketSnippetMessages || text.size() >= kMaxTicketSnippetBytes) break;
    if (!text.empty()) text += '\n';
    text += body;
  }
  if (text.size() > kMaxTicketSnippetBytes) {
    size_t cut = kMaxTicketSnippetBytes;  // on a character boundary
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text.resize(cut);
  }
  return text;
}

Xapian::Document ContactDocument(const domain::Contact& c, Analyzer& analyzer,
                                 LexiconWriter* lexicon) {
  Xapian::Document doc;
  AddCommon(&doc, "contact", ContactIdTerm(c.id), c.workspace_id, c.created_at, c.updated_at);
  if (c.organisation_id) AddBooleanTerm(&doc, schema::kOrg, std::to_string(*c.organisation_id));
  TextWriter text(&doc, analyzer, lexicon);
  AddPersonText(&text, c);
  json data = {{"ref", Ref(ContactIdTerm(c.id))},
               {"name", c.name},
               {"email", c.First(domain::Identity::Kind::kEmail)},
               {"organisation_id", OptId(c.organisation_id)}};
  doc.set_data(data.dump(-1, ' ', false, json::error_handler_t::replace));
  return doc;
}

Xapian::Document OrganisationDocument(const domain::Organisation& o, Analyzer& analyzer,
                                      LexiconWriter* lexicon) {
  Xapian::Document doc;
  AddCommon(&doc, "organization", OrganisationIdTerm(o.id), o.workspace_id, o.created_at,
            o.updated_at);
  TextWriter text(&doc, analyzer, lexicon);
  text.Add(o.name, 3, schema::kOrgWord);
  for (const auto& d : o.domains) text.Add(d);
  text.Add(o.notes);
  json data = {{"ref", Ref(OrganisationIdTerm(o.id))}, {"name", o.name}, {"domains", o.domains}};
  doc.set_data(data.dump(-1, ' ', false, json::error_handler_t::replace));
  return doc;
}

}  // namespace sahayak::search
