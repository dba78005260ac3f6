// `sahayak seed-demo`: fills an empty data folder with the multilingual demo business.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <deque>
#include <map>

#include "app/app.h"
#include "app/commands.h"
#include "app/seed_macros.h"
#include "base/crypto.h"
#include "base/html_sanitizer.h"
#include "services/tickets/mentions.h"
#include "services/audit.h"
#include "services/demo/corpus.h"
#include "services/demo/holidays.h"
#include "services/demo/kb_corpus.h"
#include "services/shipments/shipment_service.h"

namespace sahayak::app {

using domain::Id;

namespace {

constexpr const char* kDemoPassword = "sahayak-demo";
constexpr int kTicketsPerWrite = 1000;

// A demo ticket about a parcel: its shipment is seeded after the tickets.
struct ParcelTicket {
  Id ticket_id = 0;
  Id contact_id = 0;
  std::string awb;
  std::string status;  // the ticket's
  Millis created_at = 0;
  std::string text;    // subject and first message
};

struct Seeded {
  std::vector<services::Id> group_ids, agent_ids, org_ids, contact_ids;
  std::vector<std::string> agent_names;
  std::deque<ParcelTicket> parcels;  // the newest kMaxDemoShipments
};

// Shipments for at most this many parcel tickets (the newest), so `make run` stays quick.
constexpr size_t kMaxDemoShipments = 400;

Status SeedPeople(App& app, const demo::Corpus& corpus, const std::string& password_hash,
                  Seeded* out) {
  const services::Principal who = app.SystemPrincipal();
  const Id ws = who.workspace_id;
  const Millis now = SystemClock::Get().Now();
  return app.store().Write([&](services::WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto agents, tx.ListAgents(ws, services::PageRequest{std::nullopt, 1}));
    if (!agents.items.empty()) {
      return FailedPrecondition("seed-demo fills only an empty data folder, and this one has "
                                "agents already; use a new --data folder");
    }
    for (const auto& g : corpus.groups()) {
      domain::Group group;
      group.workspace_id = ws;
      group.name = g.name;
      group.description = g.description;
      group.created_at = group.updated_at = now;
      RETURN_IF_ERROR(tx.InsertGroup(&group));
      out->group_ids.push_back(group.id);
    }
    for (const auto& a : corpus.agents()) {
      domain::Agent agent;
      agent.workspace_id = ws;
      agent.name = a.name;
      agent.email = a.email;
      agent.role = a.role == "admin" ? domain::Role::kAdmin : domain::Role::kAgent;
      agent.language = a.language;
      agent.time_zone = a.time_zone;
      agent.password_hash = password_hash;
      for (int g : a.groups) agent.group_ids.push_back(out->group_ids[g]);
      agent.created_at = agent.updated_at = now;
      RETURN_IF_ERROR(tx.InsertAgent(&agent));
      out->agent_ids.push_back(agent.id);
      out->agent_names.push_back(agent.name);
    }
    for (const auto& o : corpus.organisations()) {
      domain::Organisation org;
      org.workspace_id = ws;
      org.name = o.name;
      org.domains = o.domains;
      org.tier = domain::ParseTier(o.tier).value_or(domain::Tier::kStandard);
      org.notes = "Head office: " + o.city + ". GSTIN " + o.gstin + ".";
      org.created_at = org.updated_at = now;
      RETURN_IF_ERROR(tx.InsertOrganisation(&org));
      out->org_ids.push_back(org.id);
    }
    for (const auto& c : corpus.contacts()) {
      domain::Contact contact;
      contact.workspace_id = ws;
      contact.name = c.name;
      contact.identities.push_back({domain::Identity::Kind::kEmail, c.email});
      contact.identities.push_back({domain::Identity::Kind::kPhone, c.phone});
      if (!c.social.empty()) contact.identities.push_back({domain::Identity::Kind::kSocial, c.social});
      contact.language = c.language;
      contact.time_zone = c.time_zone;
      if (c.organisation >= 0) contact.organisation_id = out->org_ids[c.organisation];
      contact.created_at = contact.updated_at = now;
      RETURN_IF_ERROR(tx.InsertContact(&contact));
      out->contact_ids.push_back(contact.id);
    }
    struct FieldSpec {
      const char* key;
      const char* label;
      domain::FieldType type;
      bool customer_visible;  // topics: SeedPortalTopics, once the categories exist
    };
    for (const auto& f :
         {FieldSpec{"awb_number", "AWB number", domain::FieldType::kText, true},
          FieldSpec{"order_id", "Order id", domain::FieldType::kText, true},
          FieldSpec{"invoice_number", "Invoice number", domain::FieldType::kText, true},
          FieldSpec{"amount_inr", "Amount (₹)", domain::FieldType::kNumber, false},
          FieldSpec{"gstin", "GSTIN", domain::FieldType::kText, true}}) {
      domain::CustomFieldDef def;
      def.workspace_id = ws;
      def.key = f.key;
      def.label = f.label;
      def.type = f.type;
      def.customer_visible = f.customer_visible;
      def.created_at = def.updated_at = now;
      RETURN_IF_ERROR(tx.InsertCustomField(&def));
    }
    return services::RecordChange(tx, ws, who.actor(), "workspace.seeded", "workspace", ws,
                                  {{"demo", true}}, now);
  });
}

// One enabled contact form, "Contact us", sending its tickets to the Shipping group
// (docs/web-forms.md); any origin may not frame it until an admin adds the shop's site.
Status SeedWebForm(App& app, const demo::Corpus& corpus, const Seeded& seeded,
                   const services::Principal& who) {
  services::WebForm f;
  f.workspace_id = who.workspace_id;
  f.public_key = RandomToken(18);
  f.name = "Contact us";
  for (size_t i = 0; i < corpus.groups().size() && i < seeded.group_ids.size(); ++i) {
    if (corpus.groups()[i].name == "Shipping" || !f.group_id) f.group_id = seeded.group_ids[i];
  }
  f.created_at = f.updated_at = SystemClock::Get().Now();
  return app.store().Write([&](services::WriteTx& tx) -> Status {
    RETURN_IF_ERROR(tx.web_forms().InsertWebForm(&f));
    return services::RecordChange(tx, who.workspace_id, who.actor(), "web_form.created",
                                  "web_form", f.id, {{"name", {nullptr, f.name}}}, f.created_at);
  });
}

Status SeedTicket(services::WriteTx& tx, Seeded& s, const demo::DemoTicket& d, Id ws,
                  Millis now, const services::Principal& who) {
  domain::Ticket t;
  t.workspace_id = ws;
  ASSIGN_OR_RETURN(t.number, tx.NextTicketNumber(ws));
  t.subject = d.subject;
  t.status = domain::ParseStatus(d.status).value_or(domain::TicketStatus::kOpen);
  t.priority = domain::ParsePriority(d.priority).value_or(domain::Priority::kNormal);
  t.type = domain::ParseTicketType(d.type).value_or(domain::TicketType::kQuestion);
  t.channel = domain::ParseChannel(d.channel).value_or(domain::Channel::kEmail);
  t.requester_id = s.contact_ids[d.contact];
  if (d.organisation >= 0) t.organisation_id = s.org_ids[d.organisation];
  if (d.assignee >= 0) t.assignee_id = s.agent_ids[d.assignee];
  t.group_id = s.group_ids[d.group];
  t.tags = d.tags;
  for (const auto& [k, v] : d.custom_fields) {
    if (k == "amount_inr") {
      t.custom_fields[k] = std::stoll(v);
    } else {
      t.custom_fields[k] = v;
    }
  }
  t.language = d.language;
  t.created_at = now - d.created_minutes_ago * 60000;
  Millis last = t.created_at;
  for (const auto& m : d.messages) {
    Millis at = t.created_at + m.minutes_after_creation * 60000;
    last = std::max(last, at);
    if (m.author == demo::DemoMessage::Author::kAgent && m.is_public && !t.first_response_at) {
      t.first_response_at = at;
    }
  }
  t.updated_at = last;
  if (t.status == domain::TicketStatus::kSolved || t.status == domain::TicketStatus::kClosed) {
    t.solved_at = last;
  }
  RETURN_IF_ERROR(tx.InsertTicket(&t));
  for (const auto& [k, v] : d.custom_fields) {
    if (k != "awb_number") continue;
    s.parcels.push_back({t.id, t.requester_id, v, d.status, t.created_at,
                         t.subject + "\n" + (d.messages.empty() ? "" : d.messages[0].body)});
    if (s.parcels.size() > kMaxDemoShipments) s.parcels.pop_front();  // tickets come oldest first
  }
  for (const auto& m : d.messages) {
    domain::Message msg;
    msg.workspace_id = ws;
    msg.ticket_id = t.id;
    msg.is_public = m.is_public;
    switch (m.author) {
      case demo::DemoMessage::Author::kCustomer:
        msg.author_kind = domain::Actor::Kind::kContact;
        msg.author_id = t.requester_id;
        break;
      case demo::DemoMessage::Author::kAgent:
        msg.author_kind = domain::Actor::Kind::kAgent;
        msg.author_id = t.assignee_id.value_or(s.agent_ids[0]);
        break;
      case demo::DemoMessage::Author::kSystem:
        msg.author_kind = domain::Actor::Kind::kSystem;
        break;
    }
    msg.body = m.body;
    msg.html = PlainTextToHtml(m.body);
    msg.channel = t.channel;
    msg.created_at = t.created_at + m.minutes_after_creation * 60000;
    RETURN_IF_ERROR(tx.InsertMessage(&msg));
  }
  domain::AuditEvent e;
  e.workspace_id = ws;
  e.actor = who.actor();
  e.action = "ticket.created";
  e.entity_type = "ticket";
  e.entity_id = t.id;
  e.changes = {{"status", {nullptr, d.status}}, {"demo", true}};
  e.created_at = t.created_at;
  return tx.InsertAudit(&e);
}

// The demo knowledge base (services/demo/kb_corpus.h) through KbService, every translation
// published, in one transaction; positions follow the corpus order. Returns the article count;
// `ids` gets each article's id by its English title.
Result<int> SeedKnowledgeBase(App& app, const services::Principal& who,
                              std::map<std::string, Id>* ids) {
  using nlohmann::json;
  int articles = 0;
  RETURN_IF_ERROR(app.store().Write([&](services::WriteTx& tx) -> Status {
    const auto& kb = services::demo::DemoKnowledgeBase();
    for (size_t ci = 0; ci < kb.size(); ++ci) {
      const auto& c = kb[ci];
      ASSIGN_OR_RETURN(auto cat, app.kb().CreateCategory(
                                     tx, who,
                                     {{"titles", c.titles}, {"descriptions", c.descriptions},
                                      {"position", static_cast<int64_t>(ci)}}));
      for (size_t si = 0; si < c.sections.size(); ++si) {
        const auto& s = c.sections[si];
        ASSIGN_OR_RETURN(auto sec, app.kb().CreateSection(
                                       tx, who,
                                       {{"category_id", cat.category.id},
                                        {"titles", s.titles},
                                        {"descriptions", s.descriptions},
                                        {"position", static_cast<int64_t>(si)}}));
        for (size_t ai = 0; ai < s.articles.size(); ++ai) {
          const auto& a = s.articles[ai];
          if (a.translations.empty()) continue;
          const auto& first = a.translations.front();
          ASSIGN_OR_RETURN(auto art, app.kb().CreateArticle(
                                         tx, who,
                                         {{"section_id", sec.section.id},
                                          {"visibility", a.internal ? "internal" : "public"},
                                          {"tags", a.tags},
                                          {"position", static_cast<int64_t>(ai)},
                                          {"language", first.language},
                                          {"title", first.title},
                                          {"body", first.body},
                                          {"status", "published"}}));
          (*ids)[first.title] = art.id;
          for (size_t ti = 1; ti < a.translations.size(); ++ti) {
            const auto& t = a.translations[ti];
            RETURN_IF_ERROR(app.kb()
                                .PutTranslation(tx, who, art.id, t.language,
                                                {{"title", t.title},
                                                 {"body", t.body},
                                                 {"status", "published"}},
                                                std::nullopt)
                                .status());
          }
          ++articles;
        }
      }
    }
    return Status::Ok();
  }));
  return articles;
}

// The portal's topics of the demo fields (docs/portal.md, "Topics and fields"), by the demo
// categories' English titles: a tracking number for shipping and returns, invoice number and
// GSTIN for billing; the order id for every topic. amount_inr stays agent-only.
Status SeedPortalTopics(App& app, const services::Principal& who) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> topics = {
      {"awb_number", {"Shipping & tracking", "Returns & refunds"}},
      {"invoice_number", {"Billing & invoices"}},
      {"gstin", {"Billing & invoices", "Business accounts"}},
  };
  return app.store().Write([&](services::WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto categories, tx.kb().ListKbCategories(who.workspace_id));
    ASSIGN_OR_RETURN(auto fields, tx.ListCustomFields(who.workspace_id));
    for (auto& f : fields) {
      for (const auto& [key, titles] : topics) {
        if (f.key != key) continue;
        for (const auto& c : categories) {
          auto en = c.titles.find("en");
          if (en != c.titles.end() &&
              std::find(titles.begin(), titles.end(), en->second) != titles.end()) {
            f.portal_topics.push_back(c.id);
          }
        }
        RETURN_IF_ERROR(tx.UpdateCustomField(f));
      }
    }
    return Status::Ok();
  });
}

// Where the demo's international parcels go (one parcel in six): the countries of the document
// rules below.
struct AbroadPlace {
  const char* city;
  const char* pin;
  const char* country;
};
constexpr AbroadPlace kAbroad[] = {{"New York", "10001", "US"},
                                   {"London", "EC1A 1BB", "GB"},
                                   {"Dubai", "", "AE"},
                                   {"Singapore", "018989", "SG"},
                                   {"Berlin", "10115", "DE"}};

// The demo courier's carriers, and a shipment with its tracking events for each of the newest
// parcel tickets, through ShipmentService::Ingest like a carrier's feed; then each ticket is
// linked by the tracking number in its text, as a new ticket would be (docs/shipments.md).
Result<int> SeedShipments(App& app, const services::Principal& who, const Seeded& seeded) {
  using nlohmann::json;
  const Id ws = who.workspace_id;
  const Millis now = SystemClock::Get().Now();
  struct Place {
    const char* city;
    const char* hub;  // as the carrier's feed names it
  };
  static constexpr Place kPlaces[] = {
      {"Bengaluru", "Bengaluru Hub (ಬೆಂಗಳೂರು)"}, {"Mumbai", "Mumbai Bhiwandi Hub"},
      {"Delhi", "Delhi Gateway (दिल्ली)"},        {"Mysuru", "Mysuru Branch (ಮೈಸೂರು)"},
      {"Jaipur", "Jaipur Hub (जयपुर)"},          {"Hubballi", "Hubballi Branch"},
      {"Lucknow", "Lucknow Hub (लखनऊ)"},         {"Chennai", "Chennai Hub"},
  };
  constexpr int kPlaceCount = sizeof(kPlaces) / sizeof(kPlaces[0]);
  constexpr Millis kHour = 3600LL * 1000;
  constexpr Millis kDay = 24 * kHour;
  int count = 0;
  // The demo's parcels are history loaded at once, as a business's backfill would be: nobody
  // is notified and no trouble ticket opens (docs/shipments.md, "Telling customers first").
  app.shipments().set_notifier(nullptr);
  Status st = app.store().Write([&](services::WriteTx& tx) -> Status {
    for (const json& c : {json{{"code", "shy"}, {"name", "Sahayak Express"},
                               {"tracking_pattern", "\\bSHY\\d{9}IN\\b"},
                               {"tracking_url", "https://track.demo.sahayak.local/{number}"}},
                          json{{"code", "indiapost"}, {"name", "India Post"},
                               {"tracking_pattern", "\\b[A-Z]{2}\\d{9}IN\\b"},
                               {"tracking_url", ""}}}) {
      RETURN_IF_ERROR(app.shipments().CreateCarrier(tx, who, c).status());
    }
    for (size_t i = 0; i < seeded.parcels.size(); ++i) {
      const ParcelTicket& p = seeded.parcels[i];
      const Place& from = kPlaces[i % kPlaceCount];
      const Place& to = kPlaces[(i * 3 + 1) % kPlaceCount];
      // Booked four days before the customer wrote (two for every fourth parcel, not yet late
      // then); where it stands follows the ticket. Every fourth goes with India Post.
      const Millis booked = p.created_at - (i % 4 == 0 ? 2 : 4) * kDay;
      const char* carrier = i % 4 == 1 ? "indiapost" : "shy";
      json events = json::array();
      auto add = [&](const char* status, Millis at, const std::string& place,
                     const std::string& description, const std::string& reason = "") {
        at = std::min(at, now);
        json e = {{"carrier", carrier}, {"tracking_number", p.awb}, {"status", status},
                  {"occurred_at", FormatRfc3339Zoned(at, 330)}, {"place", place},
                  {"description", description}};
        if (!reason.empty()) e["reason"] = reason;
        events.push_back(std::move(e));
      };
      add("booked", booked, from.hub, "Shipment booked");
      add("picked_up", booked + 5 * kHour, from.hub, "Picked up from the sender");
      add("in_transit", booked + kDay, from.hub, "Departed from the origin hub");
      const bool resolved = p.status == "solved" || p.status == "closed";
      if (resolved && i % 5 == 0) {  // delivered; the customer wrote about what came
        add("out_for_delivery", p.created_at - 30 * kHour, to.hub, "Out for delivery");
        add("delivered", p.created_at - 26 * kHour, to.city, "Delivered");
      } else if (resolved) {
        add("in_transit", p.created_at + 6 * kHour, to.hub, "Arrived at the destination hub");
        add("out_for_delivery", p.created_at + kDay, to.hub, "Out for delivery");
        add("delivered", p.created_at + kDay + 4 * kHour, to.city, "Delivered");
      } else if (i % 3 == 1) {
        add("out_for_delivery", p.created_at - 20 * kHour, to.hub, "Out for delivery");
        add("delivery_failed", p.created_at - 14 * kHour, to.city, "Delivery attempted",
            i % 2 == 0 ? "Customer not available" : "पता अधूरा है (address incomplete)");
        if (i % 4 == 3 && p.created_at + 2 * kDay < now) {  // nobody could take it: sent back
          add("returned_to_origin", p.created_at + 2 * kDay, from.hub, "Returned to the sender",
              "Undeliverable");
        }
      }
      json batch = {{"events", std::move(events)}};
      ASSIGN_OR_RETURN(auto ingested, app.shipments().Ingest(tx, ws, who.actor(), batch));
      if (ingested.items.empty()) continue;
      ASSIGN_OR_RETURN(auto shipment, tx.shipments().GetShipment(ws, ingested.items[0].shipment_id));
      shipment.contact_id = p.contact_id;
      shipment.origin = {from.city, "", "IN"};
      shipment.destination = {to.city, "", "IN"};
      if (i % 6 == 5) {  // sent abroad: its card lists the documents customs need
        const AbroadPlace& abroad = kAbroad[(i / 6) % (sizeof(kAbroad) / sizeof(kAbroad[0]))];
        shipment.destination = {abroad.city, abroad.pin, abroad.country};
      }
      shipment.service = i % 4 == 0 ? "Express" : "Surface";
      shipment.weight_grams = 250 + static_cast<int64_t>(i % 12) * 250;
      if (i % 5 == 2) {
        shipment.cod_minor = 49900 + static_cast<int64_t>(i % 7) * 10000;
        shipment.cod_currency = "INR";
      }
      // Promised three days after booking: the parcels the customer still waits for are late.
      shipment.promised_date = DateAt(booked + 3 * kDay, 330);
      shipment.updated_at = now;
      RETURN_IF_ERROR(tx.shipments().UpdateShipment(shipment));
      RETURN_IF_ERROR(services::LinkMentionsInText(tx, ws, p.ticket_id, p.text, p.created_at));
      ++count;
    }
    // Most parcels never make a customer write: four quiet ones beside each parcel ticket,
    // delivered on time, a few after a failed attempt, a few sent back, so that the figures
    // (docs/analytics.md) read like a courier's: contacts per 1,000 shipments, NDR, RTO.
    char number[24];
    for (size_t i = 0; i < seeded.parcels.size(); ++i) {
      for (size_t k = 0; k < 4; ++k) {
        const size_t n = i * 4 + k;
        const Millis booked = seeded.parcels[i].created_at - static_cast<Millis>(k + 2) * 9 * kHour;
        if (booked + 4 * kDay > now) continue;  // quiet means finished before today
        const bool post = n % 4 == 1;
        const char* carrier = post ? "indiapost" : "shy";
        std::snprintf(number, sizeof number, post ? "EQ9%08zuIN" : "SHY9%08zuIN", n);
        const size_t f = (i + k) % kPlaceCount;
        const Place& from = kPlaces[f];
        const Place& to = kPlaces[(f + 1 + n % (kPlaceCount - 1)) % kPlaceCount];
        json events = json::array();
        auto add = [&](const char* status, Millis at, const std::string& place,
                       const std::string& reason = "") {
          json e = {{"carrier", carrier}, {"tracking_number", number}, {"status", status},
                    {"occurred_at", FormatRfc3339Zoned(at, 330)}, {"place", place}};
          if (!reason.empty()) e["reason"] = reason;
          events.push_back(std::move(e));
        };
        add("booked", booked, from.hub);
        add("in_transit", booked + kDay, from.hub);
        if (n % 23 == 7) {
          add("delivery_failed", booked + 2 * kDay, to.city, "Premises closed");
          add("returned_to_origin", booked + 3 * kDay, from.hub, "Undeliverable");
        } else if (n % 9 == 4) {
          add("delivery_failed", booked + 2 * kDay, to.city, "Customer not available");
          add("delivered", booked + 3 * kDay, to.city);
        } else {
          add("delivered", booked + 2 * kDay + (n % 5) * kHour, to.city);
        }
        json batch = {{"events", std::move(events)}};
        ASSIGN_OR_RETURN(auto ingested, app.shipments().Ingest(tx, ws, who.actor(), batch));
        if (ingested.items.empty()) continue;
        ASSIGN_OR_RETURN(auto shipment,
                         tx.shipments().GetShipment(ws, ingested.items[0].shipment_id));
        shipment.contact_id = seeded.contact_ids[(n * 37) % seeded.contact_ids.size()];
        shipment.origin = {from.city, "", "IN"};
        shipment.destination = {to.city, "", "IN"};
        shipment.service = n % 3 == 0 ? "Express" : "Surface";
        shipment.weight_grams = 250 + static_cast<int64_t>(n % 12) * 250;
        shipment.promised_date = DateAt(booked + 3 * kDay, 330);
        shipment.updated_at = now;
        RETURN_IF_ERROR(tx.shipments().UpdateShipment(shipment));
        ++count;
      }
    }
    return Status::Ok();
  });
  app.shipments().set_notifier(&app.notifier());
  if (!st.ok()) return st;
  return count;
}

// The documents international parcels need (docs/shipments.md, "Documents for international
// shipments") through ShipmentService, each pointing to the demo article that explains it: one
// rule for every international destination, and the five countries the demo ships to.
Status SeedDocumentRules(App& app, const services::Principal& who,
                         const std::map<std::string, Id>& articles) {
  using nlohmann::json;
  auto article = [&](const char* title) {
    auto it = articles.find(title);
    return it == articles.end() ? json(nullptr) : json(it->second);
  };
  const json customs = article("Customs and documents for international shipments");
  const json kyc = article("KYC for sending parcels abroad: Aadhaar, PAN, GSTIN and IEC");
  const json hs = article("HS codes: finding the right code for your goods");
  auto doc = [](const char* code, const char* name, const char* note, const json& kb) {
    return json{{"code", code}, {"name", name}, {"note", note}, {"kb_article_id", kb}};
  };
  const json invoice = doc("commercial_invoice", "Commercial invoice",
                           "Three signed copies: sender, receiver, description, quantity and "
                           "value in INR and the destination's currency.",
                           customs);
  const json packing = doc("packing_list", "Packing list",
                           "Contents and weight of each box; needed for more than one box.",
                           customs);
  const json exporter = doc("kyc", "Exporter's KYC",
                            "Aadhaar or PAN for individuals; GSTIN and IEC for businesses.", kyc);
  const json codes = doc("hs_codes", "HS codes", "Eight-digit ITC-HS code of every item.", hs);
  const std::vector<json> rules = {
      {{"destination_country", "*"}, {"documents", {invoice, exporter, codes}}},
      {{"destination_country", "US"},
       {"origin_country", "IN"},
       {"documents",
        {invoice, packing, exporter, codes,
         doc("fda_prior_notice", "FDA prior notice",
             "Food, spices and cosmetics only: we file it from the invoice.", nullptr)}}},
      {{"destination_country", "GB"},
       {"documents",
        {invoice, exporter, codes,
         doc("eori", "Receiver's EORI number", "Business receivers only.", nullptr)}}},
      {{"destination_country", "AE"},
       {"documents",
        {invoice, packing, exporter,
         doc("certificate_of_origin", "Certificate of origin",
             "For goods over AED 10,000, issued by the chamber of commerce.", customs)}}},
      {{"destination_country", "SG"}, {"documents", {invoice, exporter, codes}}},
      {{"destination_country", "DE"},
       {"documents",
        {invoice, packing, exporter, codes,
         doc("eori", "Receiver's EORI number", "Business receivers only.", nullptr)}}},
  };
  return app.store().Write([&](services::WriteTx& tx) -> Status {
    for (const json& r : rules) {
      RETURN_IF_ERROR(app.shipments().CreateDocumentRule(tx, who, r).status());
    }
    return Status::Ok();
  });
}

// Business hours (docs/business-hours.md): the Bengaluru desk's split shift, Monday to
// Saturday, closed on India's national and Karnataka's holidays (the workspace's default), and
// live chat around the clock.
Status SeedBusinessHours(App& app, const services::Principal& who) {
  using nlohmann::json;
  json periods = json::array();
  for (const char* day : {"mon", "tue", "wed", "thu", "fri", "sat"}) {
    periods.push_back({{"day", day}, {"start", "09:00"}, {"end", "13:00"}});
    periods.push_back({{"day", day}, {"start", "14:00"}, {"end", "18:00"}});
  }
  json holidays = json::array();
  for (const auto& h : services::demo::DemoHolidays()) {
    holidays.push_back({{"date", h.date}, {"name", h.name}, {"calendar", h.calendar}});
  }
  const json desk = {{"name", "Support desk, Bengaluru"}, {"time_zone", "Asia/Kolkata"},
                     {"is_default", true},                {"periods", periods},
                     {"holidays", holidays}};
  const json chat = {{"name", "Live chat, 24/7"}, {"time_zone", "Asia/Kolkata"},
                     {"always_open", true}};
  return app.store().Write([&](services::WriteTx& tx) -> Status {
    RETURN_IF_ERROR(app.hours().Create(tx, who, desk).status());
    ASSIGN_OR_RETURN(services::BusinessHoursRecord around_the_clock,
                     app.hours().Create(tx, who, chat));
    // The widget (off until an admin turns it on) follows the 24/7 schedule (docs/chat.md).
    return app.chat()
        .UpdateSettings(tx, who, {{"business_hours_id", around_the_clock.id}}, std::nullopt)
        .status();
  });
}

// SLA policies (docs/sla.md), first match wins: live chat answered within a minute (calendar
// time, as chat is open around the clock), enterprise customers' e-mail within four business
// hours, everyone else's within 24 business hours.
Status SeedSlaPolicies(App& app, const services::Principal& who) {
  using nlohmann::json;
  auto target = [](const char* metric, int64_t minutes, bool business) {
    return json{{"metric", metric}, {"minutes", minutes}, {"business_hours", business}};
  };
  const json policies[] = {
      {{"name", "Live chat"},
       {"description", "A person answers within a minute, and every next answer within two."},
       {"position", 0},
       {"conditions", {{"channels", {"chat"}}}},
       {"targets", {target("first_response", 1, false), target("next_response", 2, false),
                    target("resolution", 60, false)}}},
      {{"name", "Enterprise"},
       {"description", "Enterprise contracts: first answer within four business hours."},
       {"position", 1},
       {"conditions", {{"tiers", {"enterprise"}}}},
       {"targets", {target("first_response", 4 * 60, true), target("next_response", 8 * 60, true),
                    target("resolution", 16 * 60, true)}}},  // two 8-hour working days
      {{"name", "Standard"},
       {"description", "E-mail, web and portal: first answer within 24 business hours."},
       {"position", 2},
       {"conditions", {{"channels", {"email", "web", "portal", "social", "phone"}}}},
       {"targets", {target("first_response", 24 * 60, true),
                    target("next_response", 24 * 60, true),
                    target("resolution", 40 * 60, true)}}},  // five 8-hour working days
  };
  return app.store().Write([&](services::WriteTx& tx) -> Status {
    for (const json& p : policies) RETURN_IF_ERROR(app.sla().Create(tx, who, p).status());
    return Status::Ok();
  });
}

// Triggers and automations (docs/automation.md). The triggers act on what happens after the
// seed (the demo's history is a backfill: the runner starts after it). The automations and the
// SLA escalation are seeded off: switched on, they would act at once on months of demo
// history; the console's preview shows which tickets they would touch.
Status SeedRules(App& app, const services::Principal& who) {
  using nlohmann::json;
  return app.store().Write([&](services::WriteTx& tx) -> Status {
    std::optional<services::Id> shipping;
    services::PageRequest page;
    page.limit = 100;
    ASSIGN_OR_RETURN(auto groups, tx.ListGroups(who.workspace_id, page));
    for (const auto& g : groups.items) {
      if (g.name == "Shipping") shipping = g.id;
    }
    std::vector<json> triggers = {
        {{"name", "Enterprise customers first"},
         {"description", "Tickets from enterprise contracts start at high priority."},
         {"events", {"ticket.created"}},
         {"conditions", {{"all", {{{"field", "tier"}, {"operator", "is"}, {"value", "enterprise"}},
                                  {{"field", "priority"}, {"operator", "less_than"}, {"value", "high"}}}}}},
         {"actions", {{{"type", "set_priority"}, {"value", "high"}},
                      {{"type", "add_tags"}, {"value", {"enterprise"}}}}}},
        {{"name", "SLA breached: escalate"},
         {"description", "A missed target makes the ticket urgent and tells its agent in their "
                         "working hours."},
         // Off in the demo: the first SLA sweep finds months of backfilled tickets breached.
         {"active", false},
         {"events", {"sla.breached"}},
         {"actions",
          {{{"type", "set_priority"}, {"value", "urgent"}},
           {{"type", "add_tags"}, {"value", {"sla_breached"}}},
           {{"type", "notify"},
            {"target", "assignee"},
            {"subject", {{"en", "SLA missed on #{{ticket.number}}"},
                         {"hi", "#{{ticket.number}} पर SLA चूका"},
                         {"kn", "#{{ticket.number}} ರಲ್ಲಿ SLA ತಪ್ಪಿದೆ"}}},
            {"value", {{"en", "{{ticket.subject}} has missed its target. Please answer it first."},
                       {"hi", "{{ticket.subject}} अपने लक्ष्य से चूक गया है। कृपया इसे पहले देखें।"},
                       {"kn", "{{ticket.subject}} ತನ್ನ ಗುರಿ ತಪ್ಪಿದೆ. ದಯವಿಟ್ಟು ಮೊದಲು ಇದಕ್ಕೆ ಉತ್ತರಿಸಿ."}}},
            {"respect_business_hours", true}}}}},
    };
    if (shipping) {
      triggers.push_back(
          {{"name", "Lost or damaged parcel"},
           {"description", "A parcel reported lost or damaged makes its tickets urgent for "
                           "Shipping."},
           {"events", {"tracking.event"}},
           {"conditions", {{"all", {{{"field", "shipment.status"}, {"operator", "in"},
                                     {"value", {"lost", "damaged"}}}}}}},
           {"actions", {{{"type", "set_priority"}, {"value", "urgent"}},
                        {{"type", "set_group"}, {"value", *shipping}},
                        {{"type", "add_tags"}, {"value", {"parcel_lost"}}}}}});
    }
    for (const json& t : triggers) {
      RETURN_IF_ERROR(app.rules().Create(tx, who, domain::RuleKind::kTrigger, t).status());
    }
    const json automations[] = {
        {{"name", "Remind after 3 days pending"},
         {"description", "Asks the customer again when we have waited three days for them."},
         {"active", false},
         {"conditions", {{"all", {{{"field", "status"}, {"operator", "is"}, {"value", "pending"}},
                                  {{"field", "hours_since_status_changed"},
                                   {"operator", "greater_than"}, {"value", 72}}}}}},
         {"actions",
          {{{"type", "reply"},
            {"value", {{"en", "Hello {{ticket.requester.first_name}}, we are still waiting for "
                              "your answer on ticket #{{ticket.number}}. Reply to this message "
                              "and we will carry on."},
                       {"hi", "नमस्ते {{ticket.requester.first_name}}, टिकट #{{ticket.number}} "
                              "पर हम अभी भी आपके उत्तर की प्रतीक्षा कर रहे हैं। इस संदेश का "
                              "उत्तर दें, हम आगे बढ़ेंगे।"},
                       {"kn", "ನಮಸ್ಕಾರ {{ticket.requester.first_name}}, ಟಿಕೆಟ್ #{{ticket.number}} "
                              "ಕುರಿತು ನಿಮ್ಮ ಉತ್ತರಕ್ಕಾಗಿ ನಾವು ಇನ್ನೂ ಕಾಯುತ್ತಿದ್ದೇವೆ. ಈ ಸಂದೇಶಕ್ಕೆ "
                              "ಉತ್ತರಿಸಿ, ನಾವು ಮುಂದುವರಿಸುತ್ತೇವೆ."}}}},
           {{"type", "add_tags"}, {"value", {"reminded"}}}}}},
        {{"name", "Ask how we did"},
         {"description", "A day after solving, checks that the customer is satisfied."},
         {"active", false},
         {"conditions", {{"all", {{{"field", "status"}, {"operator", "is"}, {"value", "solved"}},
                                  {{"field", "hours_since_solved"}, {"operator", "greater_than"},
                                   {"value", 24}}}}}},
         {"actions",
          {{{"type", "reply"},
            {"value", {{"en", "Hello {{ticket.requester.first_name}}, did we solve your problem? "
                              "If not, just reply and we will reopen ticket #{{ticket.number}}."},
                       {"hi", "नमस्ते {{ticket.requester.first_name}}, क्या आपकी समस्या हल हो "
                              "गई? अगर नहीं, तो बस उत्तर दें, हम टिकट #{{ticket.number}} फिर से "
                              "खोलेंगे।"},
                       {"kn", "ನಮಸ್ಕಾರ {{ticket.requester.first_name}}, ನಿಮ್ಮ ಸಮಸ್ಯೆ "
                              "ಪರಿಹಾರವಾಯಿತೇ? ಇಲ್ಲದಿದ್ದರೆ ಉತ್ತರಿಸಿ, ನಾವು ಟಿಕೆಟ್ #{{ticket.number}} "
                              "ಮತ್ತೆ ತೆರೆಯುತ್ತೇವೆ."}}}}}}},
        {{"name", "Close 4 days after solved"},
         {"description", "Solved tickets close after four days; a new message opens a "
                         "follow-up."},
         {"active", false},
         {"conditions", {{"all", {{{"field", "status"}, {"operator", "is"}, {"value", "solved"}},
                                  {{"field", "hours_since_solved"}, {"operator", "greater_than"},
                                   {"value", 96}}}}}},
         {"actions", {{{"type", "set_status"}, {"value", "closed"}}}}},
    };
    for (const json& a : automations) {
      RETURN_IF_ERROR(app.rules().Create(tx, who, domain::RuleKind::kAutomation, a).status());
    }
    // The demo's history is a backfill: triggers start after it.
    ASSIGN_OR_RETURN(services::Id last, tx.MaxOutboxId());
    return tx.rules().SetRuleCursor(last);
  });
}

// Orders for the parcels (the newest 120), and for each organisation three invoices (paid,
// open, overdue) and a contract in force with an account manager (docs/commerce.md).
Result<int> SeedCommerce(App& app, const services::Principal& who, const Seeded& seeded) {
  using nlohmann::json;
  const Id ws = who.workspace_id;
  const Millis now = SystemClock::Get().Now();
  constexpr Millis kDay = 24LL * 3600 * 1000;
  static constexpr struct {
    const char* name;
    int64_t price;  // rupees
  } kGoods[] = {{"Silk saree (ರೇಷ್ಮೆ ಸೀರೆ)", 2499}, {"Cotton kurta (सूती कुर्ता)", 899},
                {"Steel tiffin box", 649},            {"Filter coffee, 500 g", 420},
                {"Brass diya set", 1150},             {"Jute shopping bag", 199}};
  constexpr int kGoodsCount = sizeof(kGoods) / sizeof(kGoods[0]);
  int count = 0;
  Status st = app.store().Write([&](services::WriteTx& tx) -> Status {
    services::CommerceService& commerce = app.commerce();
    for (size_t i = 0; i < seeded.parcels.size() && i < 120; ++i) {
      const ParcelTicket& p = seeded.parcels[i];
      const std::string number = "OD" + std::to_string(100000 + i);
      const auto& a = kGoods[i % kGoodsCount];
      const auto& b = kGoods[(i * 5 + 2) % kGoodsCount];
      json body = {{"number", number},
                   {"contact_id", p.contact_id},
                   {"status", p.status == "solved" || p.status == "closed" ? "delivered" : "shipped"},
                   {"payment_status", i % 5 == 2 ? "cod" : "paid"},
                   {"items", {{{"name", a.name}, {"quantity", 1 + i % 2}, {"unit_price", a.price}},
                              {{"name", b.name}, {"quantity", 1}, {"unit_price", b.price}}}},
                   {"shipping", i % 3 == 0 ? 0 : 49},
                   {"placed_at", FormatRfc3339Zoned(p.created_at - 5 * kDay, 330)}};
      RETURN_IF_ERROR(commerce.CreateOrder(tx, who, body).status());
      ASSIGN_OR_RETURN(auto shipments, tx.shipments().FindShipmentsByNumbers(ws, {p.awb}));
      for (domain::Shipment& s : shipments) {
        s.order_ref = number;
        RETURN_IF_ERROR(tx.shipments().UpdateShipment(s));
      }
      ++count;
    }
    for (size_t o = 0; o < seeded.org_ids.size(); ++o) {
      const Id org = seeded.org_ids[o];
      for (int k = 0; k < 3; ++k) {
        const Millis issued = now - (75 - 30 * k) * kDay;
        json body = {{"number", "INV/2026-27/" + std::to_string(1000 + o * 3 + k)},
                     {"organisation_id", org},
                     {"lines", {{{"description", "Express deliveries (एक्सप्रेस डिलीवरी)"},
                                 {"hsn", "996812"},
                                 {"quantity", 40 + static_cast<int>(o * 7 + k * 3) % 60},
                                 {"unit_price", "85.00"},
                                 {"tax_rate", "18"}},
                                {{"description", "Fuel surcharge"},
                                 {"hsn", "996812"},
                                 {"quantity", 1},
                                 {"unit_price", "450.00"},
                                 {"tax_rate", "18"}}}},
                     {"issued_on", DateAt(issued, 330)},
                     {"due_on", DateAt(issued + 15 * kDay, 330)},
                     {"status", k == 0 ? "paid" : "issued"}};
        RETURN_IF_ERROR(commerce.CreateInvoice(tx, who, body).status());
      }
      const char* tiers[] = {"standard", "premium", "enterprise", "basic"};
      json contract = {{"number", "MSA-2026-" + std::to_string(100 + o)},
                       {"organisation_id", org},
                       {"plan", o % 2 == 0 ? "Business Annual" : "Business Plus"},
                       {"tier", tiers[o % 4]},
                       {"start_on", DateAt(now - 200 * kDay, 330)},
                       {"end_on", DateAt(now + 165 * kDay, 330)},
                       {"renewal_on", DateAt(now + 135 * kDay, 330)}};
      if (!seeded.agent_ids.empty()) {
        contract["account_manager_id"] = seeded.agent_ids[o % seeded.agent_ids.size()];
      }
      RETURN_IF_ERROR(commerce.CreateContract(tx, who, contract).status());
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return count;
}

}  // namespace

int SeedDemo(const Config& base_config, int64_t tickets, uint64_t seed) {
  if (tickets < 0 || tickets > 100'000'000) {
    std::fprintf(stderr, "sahayak: --tickets must be 0 to 100000000\n");
    return 2;
  }
  Config config = base_config;
  config.db_synchronous = "normal";  // a crash mid-seed just means seeding a new folder again
  auto app_or = App::Open(config);
  if (!app_or.ok()) {
    std::fprintf(stderr, "sahayak: %s\n", app_or.status().message().c_str());
    return 1;
  }
  App& app = **app_or;
  auto hash = app.auth().HashNewPassword(kDemoPassword);
  if (!hash.ok()) return 1;
  demo::Corpus corpus(seed, std::max<int64_t>(tickets, 1));
  Seeded seeded;
  if (Status st = SeedPeople(app, corpus, *hash, &seeded); !st.ok()) {
    std::fprintf(stderr, "sahayak: %s\n", st.message().c_str());
    return 1;
  }
  const services::Principal who = app.SystemPrincipal();
  std::map<std::string, Id> article_ids;
  auto kb_articles = SeedKnowledgeBase(app, who, &article_ids);
  if (!kb_articles.ok()) {
    std::fprintf(stderr, "sahayak: seeding the knowledge base failed: %s\n",
                 kb_articles.status().ToString().c_str());
    return 1;
  }
  if (Status st = SeedDocumentRules(app, who, article_ids); !st.ok()) {
    std::fprintf(stderr, "sahayak: seeding the shipment document rules failed: %s\n",
                 st.ToString().c_str());
    return 1;
  }
  if (Status st = SeedBusinessHours(app, who); !st.ok()) {
    std::fprintf(stderr, "sahayak: seeding the business hours failed: %s\n",
                 st.ToString().c_str());
    return 1;
  }
  if (Status st = SeedSlaPolicies(app, who); !st.ok()) {
    std::fprintf(stderr, "sahayak: seeding the SLA policies failed: %s\n",
                 st.ToString().c_str());
    return 1;
  }
  if (Status st = SeedPortalTopics(app, who); !st.ok()) {
    std::fprintf(stderr, "sahayak: seeding the portal's topics failed: %s\n",
                 st.message().c_str());
    return 1;
  }
  if (Status st = SeedMacros(app, who); !st.ok()) {
    std::fprintf(stderr, "sahayak: seeding the macros failed: %s\n", st.ToString().c_str());
    return 1;
  }
  if (Status st = SeedWebForm(app, corpus, seeded, who); !st.ok()) {
    std::fprintf(stderr, "sahayak: seeding the web form failed: %s\n", st.message().c_str());
    return 1;
  }
  const Millis now = SystemClock::Get().Now();
  auto start = std::chrono::steady_clock::now();
  for (int64_t first = 0; first < tickets; first += kTicketsPerWrite) {
    int64_t last = std::min(tickets, first + kTicketsPerWrite);
    Status st = app.store().Write([&](services::WriteTx& tx) -> Status {
      for (int64_t i = first; i < last; ++i) {
        RETURN_IF_ERROR(SeedTicket(tx, seeded, corpus.Ticket(i), who.workspace_id, now, who));
      }
      return Status::Ok();
    });
    if (!st.ok()) {
      std::fprintf(stderr, "sahayak: seeding failed at ticket %lld: %s\n",
                   static_cast<long long>(first), st.message().c_str());
      return 1;
    }
    if (last % 100000 == 0) {
      double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::fprintf(stderr, "seeded %lld tickets in %.0f s\n", static_cast<long long>(last), secs);
    }
  }
  auto shipments = SeedShipments(app, who, seeded);
  if (!shipments.ok()) {
    std::fprintf(stderr, "sahayak: seeding the shipments failed: %s\n",
                 shipments.status().ToString().c_str());
    return 1;
  }
  if (auto orders = SeedCommerce(app, who, seeded); !orders.ok()) {
    std::fprintf(stderr, "sahayak: seeding orders, invoices and contracts failed: %s\n",
                 orders.status().ToString().c_str());
    return 1;
  }
  // Last: the triggers start after everything the seed wrote.
  if (Status st = SeedRules(app, who); !st.ok()) {
    std::fprintf(stderr, "sahayak: seeding the triggers and automations failed: %s\n",
                 st.ToString().c_str());
    return 1;
  }
  if (Status st = app.store().Optimize(); !st.ok()) {
    std::fprintf(stderr, "sahayak: analysing the seeded data failed: %s\n", st.message().c_str());
    return 1;
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("Seeded the demo: %zu agents, %zu organisations, %zu contacts, %lld tickets, "
              "%d knowledge-base articles, %d shipments (%.1f s).\n",
              corpus.agents().size(), corpus.organisations().size(), corpus.contacts().size(),
              static_cast<long long>(tickets), *kb_articles, *shipments, secs);
  std::printf("Demo admin login: %s / %s (every demo agent has the same password)\n",
              std::string(demo::kDemoAdminEmail).c_str(), kDemoPassword);
  return 0;
}

}  // namespace sahayak::app
