// The documents the indexer writes, checked term by term against search/schema.h.
#include "search/documents.h"

#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "base/text.h"
#include "search/schema.h"

namespace sahayak::search {
namespace {

using nlohmann::json;

bool Has(const Xapian::Document& doc, const std::string& term) {
  auto it = doc.termlist_begin();
  it.skip_to(term);
  return it != doc.termlist_end() && *it == term;
}

std::vector<Xapian::termpos> Positions(const Xapian::Document& doc, const std::string& term) {
  auto it = doc.termlist_begin();
  it.skip_to(term);
  if (it == doc.termlist_end() || *it != term) return {};
  return {it.positionlist_begin(), it.positionlist_end()};
}

Xapian::termcount Wdf(const Xapian::Document& doc, const std::string& term) {
  auto it = doc.termlist_begin();
  it.skip_to(term);
  return it != doc.termlist_end() && *it == term ? it.get_wdf() : 0;
}

services::TicketForIndex SampleTicket() {
  services::TicketForIndex t;
  t.ticket.id = 42;
  t.ticket.workspace_id = 1;
  t.ticket.number = 1001;
  t.ticket.subject = "Parcels delayed in Mysuru";
  t.ticket.status = domain::TicketStatus::kOpen;
  t.ticket.priority = domain::Priority::kHigh;
  t.ticket.type = domain::TicketType::kIncident;
  t.ticket.channel = domain::Channel::kEmail;
  t.ticket.requester_id = 5;
  t.ticket.group_id = 7;
  t.ticket.organisation_id = 3;
  t.ticket.tags = {"express_delivery", "vip"};
  t.ticket.custom_fields = {{"order_ref", "ORD-2231"}, {"weight_kg", 12}};
  t.ticket.language = "en-IN";
  t.ticket.created_at = 1'767'225'600'000;
  t.ticket.updated_at = 1'767'229'200'000;
  domain::Message public_reply;
  public_reply.id = 1;
  public_reply.body = "मेरा पार्सल अभी तक नहीं आया है, कृपया जल्दी से जल्दी बताइए कि वह कब पहुँचेगा।";
  domain::Message note;
  note.id = 2;
  note.is_public = false;
  note.body = "Courier partner confirms the consignment is stuck at the hub";
  t.messages = {public_reply, note};
  t.attachment_names = {"invoice_scan.pdf"};
  domain::Contact ravi;
  ravi.id = 5;
  ravi.workspace_id = 1;
  ravi.name = "Ravi Kumar";
  ravi.identities = {{domain::Identity::Kind::kEmail, "ravi@example.in"},
                     {domain::Identity::Kind::kPhone, "+919845012345"}};
  t.requester = ravi;
  domain::Organisation org;
  org.id = 3;
  org.workspace_id = 1;
  org.name = "Kaveri Traders";
  t.organisation = org;
  return t;
}

TEST(TicketDocumentTest, CarriesEveryFilterTermOfTheSchema) {
  Analyzer analyzer;
  Xapian::Document doc = TicketDocument(SampleTicket(), analyzer);
  for (const char* term : {"Qt42", "XTticket", "XW1", "XSopen", "XPRIhigh", "XTYincident",
                           "XCHemail", "XAnone", "XG7", "XKexpress_delivery", "XKvip", "XR5",
                           "XO3", "XN1001", "XLen", "XHattachment"}) {
    EXPECT_TRUE(Has(doc, term)) << term;
  }
  EXPECT_FALSE(Has(doc, "XAnone") && Has(doc, "XA0")) << "an unassigned ticket is XAnone only";
}

TEST(TicketDocumentTest, CarriesItsCreationMonth) {
  Analyzer analyzer;
  EXPECT_TRUE(Has(TicketDocument(SampleTicket(), analyzer), "XM2026-01"));  // 2026-01-01T00:00Z
  const Millis last_of_november = 1'796'083'199'999;  // 2026-11-30T23:59:59.999Z
  EXPECT_EQ(CreatedMonthTerm(MonthOf(last_of_november)), "XM2026-11");
  EXPECT_EQ(CreatedMonthTerm(MonthOf(last_of_november + 1)), "XM2026-12");
  EXPECT_EQ(CreatedMonthTerm(MonthOf(last_of_november + 1) + 1), "XM2027-01");
  EXPECT_EQ(CreatedMonthTerm(2027 * 12 - 12), "XM2026-01");
}

TEST(TicketDocumentTest, DetectsTheLanguageOfEachMessage) {
  Analyzer analyzer;
  Xapian::Document doc = TicketDocument(SampleTicket(), analyzer);
  EXPECT_TRUE(Has(doc, "XLhi")) << "the Hindi reply adds Hindi to the ticket's languages";
  EXPECT_TRUE(Has(doc, "XLen"));
}

TEST(TicketDocumentTest, TakesTheLanguageTheStoreNotedAndDetectsOnlyWhenThereIsNone) {
  Analyzer analyzer;
  services::TicketForIndex t = SampleTicket();
  t.ticket.language.clear();
  t.messages[0].language = "kn";  // as noted when written, whatever the body looks like now
  t.messages[1].language = "";    // noted: nothing could be said
  Xapian::Document doc = TicketDocument(t, analyzer);
  EXPECT_TRUE(Has(doc, "XLkn"));
  EXPECT_FALSE(Has(doc, "XLhi")) << "a noted language is not detected again";
  EXPECT_FALSE(Has(doc, "XLen"));
  t.messages[1].language.reset();  // a message of an older database: detected from its body
  doc = TicketDocument(t, analyzer);
  EXPECT_TRUE(Has(doc, "XLkn"));
  EXPECT_TRUE(Has(doc, "XLen"));
}

TEST(TicketDocumentTest, IndexesTextOfEveryFieldWithStemsAndWordPrefixes) {
  Analyzer analyzer;
  Xapian::Document doc = TicketDocument(SampleTicket(), analyzer);
  EXPECT_TRUE(Has(doc, "पार्सल")) << "a Devanagari word is one term, not broken into letters";
  EXPECT_FALSE(Positions(doc, "पार्सल").empty()) << "exact terms carry positions";
  EXPECT_TRUE(Has(doc, "consignment")) << "internal notes are searchable by agents";
  EXPECT_TRUE(Has(doc, "parcels"));
  EXPECT_FALSE(Has(doc, "Zparcel")) << "stems are the lexicon's keys, not terms of documents";
  EXPECT_FALSE(Has(doc, "XPprsl")) << "and so are sound keys";
  EXPECT_TRUE(Has(doc, "express_delivery")) << "tags are text too";
  EXPECT_TRUE(Has(doc, "delivery")) << "and so are their words";
  EXPECT_TRUE(Has(doc, "2231")) << "custom field values are text";
  EXPECT_TRUE(Has(doc, "invoice")) << "attachment names are text, word by word";
  EXPECT_TRUE(Has(doc, "XRWravi")) << "requester name words";
  EXPECT_TRUE(Has(doc, "kaveri"));
  EXPECT_TRUE(Has(doc, "XOWkaveri")) << "organisation name words";
  EXPECT_EQ(Wdf(doc, "mysuru"), 3u) << "the subject counts three times";
}

TEST(TicketDocumentTest, PhrasesCannotSpanTwoFields) {
  Analyzer analyzer;
  Xapian::Document doc = TicketDocument(SampleTicket(), analyzer);
  auto last_subject_word = Positions(doc, "mysuru");
  auto first_body_word = Positions(doc, "मेरा");
  ASSERT_FALSE(last_subject_word.empty());
  ASSERT_FALSE(first_body_word.empty());
  EXPECT_GE(first_body_word.front() - last_subject_word.back(), kFieldGap);
}

TEST(TicketDocumentTest, DataRendersAHitWithoutTheDatabase) {
  Analyzer analyzer;
  Xapian::Document doc = TicketDocument(SampleTicket(), analyzer);
  json data = json::parse(doc.get_data());
  EXPECT_EQ(data["number"], 1001);
  EXPECT_EQ(data["subject"], "Parcels delayed in Mysuru");
  EXPECT_EQ(data["status"], "open");
  EXPECT_EQ(data["priority"], "high");
  EXPECT_EQ(data["channel"], "email");
  EXPECT_EQ(data["group_id"], 7);
  EXPECT_TRUE(data["assignee_id"].is_null());
  EXPECT_EQ(data["requester"]["id"], 5);
  EXPECT_EQ(data["requester"]["name"], "Ravi Kumar");
  EXPECT_EQ(data["created_at"], 1'767'225'600'000);
  EXPECT_EQ(data["updated_at"], 1'767'229'200'000);
  EXPECT_EQ(data["ref"], "t42") << "a hit is known from its data, not its termlist";
  EXPECT_EQ(data["version"], 1);
  EXPECT_FALSE(data.contains("text"))
      << "the messages are in the database; the index does not keep a copy to compress";
}

TEST(TicketDocumentTest, SnippetTextKeepsTheFirstMessagesWithinItsLimit) {
  std::vector<std::string> many(kTicketSnippetMessages + 10);
  for (size_t i = 0; i < many.size(); ++i) many[i] = "m" + std::to_string(i);
  std::string text = TicketSnippetText(many);
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), kTicketSnippetMessages - 1);
  EXPECT_TRUE(text.starts_with("m0\nm1\n"));
  EXPECT_TRUE(text.ends_with("\nm" + std::to_string(kTicketSnippetMessages - 1)));

  // A long Hindi mail is cut at the limit on a character boundary, never inside a letter.
  std::vector<std::string> one(2);
  for (int i = 0; i < 3000; ++i) one[0] += "पार्सल ";
  one[1] = "second";
  ASSERT_GT(one[0].size(), kMaxTicketSnippetBytes);
  text = TicketSnippetText(one);
  EXPECT_LE(text.size(), kMaxTicketSnippetBytes);
  EXPECT_GT(text.size(), kMaxTicketSnippetBytes - 4);
  EXPECT_TRUE(IsValidUtf8(text));
  EXPECT_TRUE(one[0].starts_with(text)) << "the second message is past the limit";
  EXPECT_EQ(TicketSnippetText({}), "");
}

TEST(TicketDocumentTest, ValuesSortAndFacet) {
  Analyzer analyzer;
  Xapian::Document doc = TicketDocument(SampleTicket(), analyzer);
  EXPECT_EQ(Xapian::sortable_unserialise(doc.get_value(schema::kCreatedAt)), 1'767'225'600'000.0);
  EXPECT_LT(doc.get_value(schema::kCreatedAt), doc.get_value(schema::kUpdatedAt))
      << "serialised times sort as the times do";
  EXPECT_EQ(doc.get_value(schema::kStatusSlot), "open");
  EXPECT_EQ(doc.get_value(schema::kGroupSlot), "7");
  EXPECT_EQ(doc.get_value(schema::kChannelSlot), "email");
  EXPECT_EQ(doc.get_value(schema::kPrioritySlot), "high");
}

TEST(TicketDocumentTest, SkipsTermsXapianWouldRefuse) {
  Analyzer analyzer;
  services::TicketForIndex t = SampleTicket();
  t.messages[0].body = std::string(400, 'x') + " parcel";
  Xapian::Document doc = TicketDocument(t, analyzer);
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    EXPECT_LE((*it).size(), 245u);
  }
  EXPECT_TRUE(Has(doc, "parcel"));
}

TEST(ContactDocumentTest, NameAndIdentitiesAreSearchable) {
  Analyzer analyzer;
  domain::Contact c;
  c.id = 9;
  c.workspace_id = 1;
  c.name = "प्रिया शर्मा";
  c.organisation_id = 3;
  c.identities = {{domain::Identity::Kind::kEmail, "priya@kaveri.in"},
                  {domain::Identity::Kind::kPhone, "+919845012345"}};
  Xapian::Document doc = ContactDocument(c, analyzer);
  for (const char* term : {"Qc9", "XTcontact", "XW1", "XO3", "प्रिया", "XRWप्रिया"}) {
    EXPECT_TRUE(Has(doc, term)) << term;
  }
  json data = json::parse(doc.get_data());
  EXPECT_EQ(data["name"], "प्रिया शर्मा");
  EXPECT_EQ(data["email"], "priya@kaveri.in");
  EXPECT_EQ(data["organisation_id"], 3);
  EXPECT_EQ(data["ref"], "c9");
}

TEST(OrganisationDocumentTest, NameDomainsAndNotesAreSearchable) {
  Analyzer analyzer;
  domain::Organisation o;
  o.id = 3;
  o.workspace_id = 1;
  o.name = "Kaveri Traders";
  o.domains = {"kaveri.in"};
  o.notes = "Wholesale spices from Coorg";
  Xapian::Document doc = OrganisationDocument(o, analyzer);
  for (const char* term : {"Qo3", "XTorganization", "XW1", "kaveri", "XOWtraders", "coorg"}) {
    EXPECT_TRUE(Has(doc, term)) << term;
  }
  json data = json::parse(doc.get_data());
  EXPECT_EQ(data["name"], "Kaveri Traders");
  EXPECT_EQ(data["domains"], json::array({"kaveri.in"}));
  EXPECT_EQ(data["ref"], "o3");
}

}  // namespace
}  // namespace sahayak::search
