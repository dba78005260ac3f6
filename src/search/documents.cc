#include "search/documents.h"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "search/language.h"
#include "search/schema.h"

namespace sahayak::search {

namespace {

using nlohmann::json;
namespace schema = sahayak::search::schema;

// Xapian refuses terms over 245 bytes; a longer "word" (a base64 blob, a URL) is noise anyway.
constexpr size_t kMaxTermBytes = 240;

void AddBoolean(Xapian::Document* doc, std::string_view prefix, std::string_view value) {
  if (value.empty() || prefix.size() + value.size() > kMaxTermBytes) return;
  doc->add_boolean_term(schema::Term(prefix, value));
}

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

// Adds analysed free text field after field, leaving kFieldGap positions between them.
class TextWriter {
 public:
  TextWriter(Xapian::Document* doc, Analyzer& analyzer) : doc_(doc), analyzer_(analyzer) {}

  // Every token of `text` as its exact term at its position (wdf `wdf`), "Z" + stem when the
  // stem differs from the term (a query looks up its stem both as "Z" + stem and as an exact
  // term, so a word that is its own stem needs no second term: a third fewer postings), and
  // "XP" + phonetic key; with `word_prefix` also as that prefix + term (field words:
  // requester:, org:).
  void Add(std::string_view text, Xapian::termcount wdf = 1, std::string_view word_prefix = "") {
    if (text.empty()) return;
    std::vector<Token> tokens = analyzer_.Analyze(text, next_);
    if (tokens.empty()) return;
    uint32_t last = next_;
    for (const Token& t : tokens) {
      if (t.term.empty() || t.term.size() > kMaxTermBytes) continue;
      doc_->add_posting(t.term, t.position, wdf);
      last = std::max(last, t.position);
      if (!t.stem.empty() && t.stem.size() + schema::kStem.size() <= kMaxTermBytes) {
        doc_->add_term(schema::Term(schema::kStem, t.stem), wdf);
      }
      if (!t.phonetic.empty() && t.phonetic.size() + schema::kPhonetic.size() <= kMaxTermBytes) {
        doc_->add_term(schema::Term(schema::kPhonetic, t.phonetic), wdf);
      }
      if (!word_prefix.empty() && t.term.size() + word_prefix.size() <= kMaxTermBytes) {
        doc_->add_term(schema::Term(word_prefix, t.term));
      }
    }
    next_ = last + 1 + kFieldGap;
  }

 private:
  Xapian::Document* doc_;
  Analyzer& analyzer_;
  uint32_t next_ = 1;
};

void AddCommon(Xapian::Document* doc, std::string_view type, const std::string& id_term,
               domain::Id ws, Millis created_at, Millis updated_at) {
  doc->add_boolean_term(id_term);
  AddBoolean(doc, schema::kType, type);
  AddBoolean(doc, schema::kWorkspace, std::to_string(ws));
  doc->add_value(schema::kCreatedAt, Xapian::sortable_serialise(static_cast<double>(created_at)));
  doc->add_value(schema::kUpdatedAt, Xapian::sortable_serialise(static_cast<double>(updated_at)));
}

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

// Tags and file names join words with '_', '.' and '-' ("express_delivery",
// "invoice_scan.pdf"), which word breaking keeps together: index the whole and the parts, so
// both "express_delivery" and "delivery" find them.
void AddWithParts(TextWriter* text, const std::string& s) {
  text->Add(s);
  std::string parts = s;
  for (char& ch : parts) {
    if (ch == '_' || ch == '.' || ch == '-') ch = ' ';
  }
  if (parts != s) text->Add(parts);
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

Xapian::Document TicketDocument(const services::TicketForIndex& in, Analyzer& analyzer) {
  const domain::Ticket& t = in.ticket;
  Xapian::Document doc;
  AddCommon(&doc, "ticket", TicketIdTerm(t.id), t.workspace_id, t.created_at, t.updated_at);
  AddBoolean(&doc, schema::kStatus, domain::Name(t.status));
  AddBoolean(&doc, schema::kPriority, domain::Name(t.priority));
  AddBoolean(&doc, schema::kTicketType, domain::Name(t.type));
  AddBoolean(&doc, schema::kChannel, domain::Name(t.channel));
  AddBoolean(&doc, schema::kAssignee, IdOrNone(t.assignee_id));
  AddBoolean(&doc, schema::kGroup, IdOrNone(t.group_id));
  for (const auto& tag : t.tags) AddBoolean(&doc, schema::kTag, tag);
  AddBoolean(&doc, schema::kRequester, std::to_string(t.requester_id));
  if (t.organisation_id) AddBoolean(&doc, schema::kOrg, std::to_string(*t.organisation_id));
  AddBoolean(&doc, schema::kNumber, std::to_string(t.number));
  if (!in.attachment_names.empty()) AddBoolean(&doc, schema::kHas, "attachment");

  std::set<std::string> languages;
  if (!t.language.empty()) languages.insert(LanguageCode(t.language));

  TextWriter text(&doc, analyzer);
  text.Add(t.subject, 3);
  for (const auto& m : in.messages) {
    text.Add(m.body);
    std::string lang = DetectLanguage(m.body);
    if (!lang.empty()) languages.insert(std::move(lang));
  }
  for (const auto& lang : languages) AddBoolean(&doc, schema::kLanguage, lang);
  for (const auto& tag : t.tags) AddWithParts(&text, tag);
  std::string custom;
  if (t.custom_fields.is_object()) {
    for (const auto& [key, value] : t.custom_fields.items()) CollectCustomText(value, &custom);
  }
  text.Add(custom);
  for (const auto& name : in.attachment_names) AddWithParts(&text, name);
  if (in.requester) AddPersonText(&text, *in.requester);
  if (in.organisation) text.Add(in.organisation->name, 1, schema::kOrgWord);

  doc.add_value(schema::kStatusSlot, domain::Name(t.status));
  doc.add_value(schema::kGroupSlot, t.group_id ? std::to_string(*t.group_id) : "");
  doc.add_value(schema::kChannelSlot, domain::Name(t.channel));
  doc.add_value(schema::kPrioritySlot, domain::Name(t.priority));

  json data = {{"number", t.number},
               {"subject", t.subject},
               {"status", domain::Name(t.status)},
               {"priority", domain::Name(t.priority)},
               {"channel", domain::Name(t.channel)},
               {"group_id", OptId(t.group_id)},
               {"assignee_id", OptId(t.assignee_id)},
               {"requester",
                {{"id", t.requester_id}, {"name", in.requester ? in.requester->name : ""}}},
               {"created_at", t.created_at},
               {"updated_at", t.updated_at}};
  doc.set_data(data.dump(-1, ' ', false, json::error_handler_t::replace));
  return doc;
}

Xapian::Document ContactDocument(const domain::Contact& c, Analyzer& analyzer) {
  Xapian::Document doc;
  AddCommon(&doc, "contact", ContactIdTerm(c.id), c.workspace_id, c.created_at, c.updated_at);
  if (c.organisation_id) AddBoolean(&doc, schema::kOrg, std::to_string(*c.organisation_id));
  TextWriter text(&doc, analyzer);
  AddPersonText(&text, c);
  json data = {{"name", c.name},
               {"email", c.First(domain::Identity::Kind::kEmail)},
               {"organisation_id", OptId(c.organisation_id)}};
  doc.set_data(data.dump(-1, ' ', false, json::error_handler_t::replace));
  return doc;
}

Xapian::Document OrganisationDocument(const domain::Organisation& o, Analyzer& analyzer) {
  Xapian::Document doc;
  AddCommon(&doc, "organization", OrganisationIdTerm(o.id), o.workspace_id, o.created_at,
            o.updated_at);
  TextWriter text(&doc, analyzer);
  text.Add(o.name, 3, schema::kOrgWord);
  for (const auto& d : o.domains) text.Add(d);
  text.Add(o.notes);
  json data = {{"name", o.name}, {"domains", o.domains}};
  doc.set_data(data.dump(-1, ' ', false, json::error_handler_t::replace));
  return doc;
}

}  // namespace sahayak::search
