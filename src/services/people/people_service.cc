#include "services/people/people_service.h"

#include <algorithm>

#include "base/text.h"
#include "domain/json_input.h"
#include "services/audit.h"
#include "services/errors.h"

namespace sahayak::services {

using domain::JsonInput;
using nlohmann::json;

namespace {

// Reads e-mail, phone, social and identities[] into normalised identities.
void ReadIdentities(JsonInput& in, const json& body, std::vector<domain::Identity>* out,
                    bool* present) {
  std::vector<domain::Identity> ids;
  *present = false;
  auto add = [&](domain::Identity::Kind kind, const std::string& raw, const std::string& field) {
    std::string v = Trim(raw);
    if (v.empty()) return;
    if (kind == domain::Identity::Kind::kEmail) {
      v = FoldCase(v);
      if (!LooksLikeEmail(v)) {
        in.Error(field, "is not an e-mail address");
        return;
      }
    } else if (kind == domain::Identity::Kind::kPhone) {
      auto p = domain::NormalisePhone(v);
      if (!p.ok()) {
        in.Error(field, "is not a phone number");
        return;
      }
      v = *p;
    }
    for (const auto& e : ids) {
      if (e.kind == kind && e.value == v) return;
    }
    ids.push_back({kind, v});
  };
  std::string s;
  if (in.Str("email", &s, false, 254)) {
    add(domain::Identity::Kind::kEmail, s, "email");
    *present = true;
  }
  if (in.Str("phone", &s, false, 32)) {
    add(domain::Identity::Kind::kPhone, s, "phone");
    *present = true;
  }
  if (body.contains("identities")) {
    *present = true;
    const json& arr = body["identities"];
    if (!arr.is_array() || arr.size() > 50) {
      in.Error("identities", "must be an array of {type, value} (at most 50)");
    } else {
      for (size_t i = 0; i < arr.size(); ++i) {
        const json& e = arr[i];
        std::string field = "identities[" + std::to_string(i) + "]";
        if (!e.is_object() || !e.contains("type") || !e.contains("value") ||
            !e["type"].is_string() || !e["value"].is_string()) {
          in.Error(field, "must be {\"type\": \"email|phone|social\", \"value\": \"…\"}");
          continue;
        }
        auto kind = domain::ParseIdentityKind(e["type"].get<std::string>());
        if (!kind) {
          in.Error(field + ".type", "must be one of email, phone, social");
          continue;
        }
        std::string value = e["value"].get<std::string>();
        if (HasControlChars(value) || CodePointCount(value) > 254) {
          in.Error(field + ".value", "is not valid");
          continue;
        }
        add(*kind, value, field + ".value");
      }
    }
  }
  *out = std::move(ids);
}

void ReadLanguageAndZone(JsonInput& in, std::string* language, std::string* zone,
                         bool ui_language) {
  std::string s;
  if (in.Str("language", &s, false, 35)) {
    if (!s.empty() && !(ui_language ? domain::IsSupportedLanguage(s)
                                    : domain::LooksLikeLanguageTag(s))) {
      in.Error("language", ui_language ? "must be one of en, hi, kn" : "is not a language tag");
    } else {
      *language = s;
    }
  }
  if (in.Str("time_zone", &s, false, 64)) {
    if (!s.empty() && !domain::IsValidTimeZone(s)) {
      in.Error("time_zone", "is not a time zone name such as Asia/Kolkata");
    } else {
      *zone = s;
    }
  }
}

}  // namespace

// --- contacts -----------------------------------------------------------------------------

namespace {

json ContactAuditView(const domain::Contact& c) {
  json ids = json::array();
  for (const auto& i : c.identities) ids.push_back(std::string(domain::Name(i.kind)) + ":" + i.value);
  return {{"name", c.name},
          {"identities", ids},
          {"language", c.language},
          {"time_zone", c.time_zone},
          {"organisation_id", c.organisation_id ? json(*c.organisation_id) : json(nullptr)},
          {"ticket_access", c.ticket_access}};
}

Status ApplyContact(WriteTx& tx, Id ws, const json& body, bool creating, domain::Contact* c) {
  RETURN_IF_ERROR(domain::RequireObject(body));
  JsonInput in(body);
  std::string name;
  if (in.Str("name", &name, creating, 200)) c->name = Trim(name);
  bool identities_present = false;
  std::vector<domain::Identity> ids;
  ReadIdentities(in, body, &ids, &identities_present);
  if (identities_present) {
    if (!body.contains("identities")) {
      // email/phone alone replace only identities of their own kind
      for (const auto& old : c->identities) {
        bool replaced = std::any_of(ids.begin(), ids.end(),
                                    [&](const domain::Identity& n) { return n.kind == old.kind; });
        bool duplicate = std::any_of(ids.begin(), ids.end(), [&](const domain::Identity& n) {
          return n.kind == old.kind && n.value == old.value;
        });
        if (!replaced && !duplicate) ids.push_back(old);
      }
    }
    c->identities = ids;
  }
  ReadLanguageAndZone(in, &c->language, &c->time_zone, /*ui_language=*/false);
  std::optional<std::optional<Id>> org;
  if (in.NullableId("organisation_id", &org)) {
    if (*org && !tx.GetOrganisation(ws, **org).ok()) {
      in.Error("organisation_id", "is not an organisation of this workspace");
    } else {
      c->organisation_id = *org;
    }
  }
  // Which tickets the customer portal shows (docs/portal.md).
  std::string access;
  if (in.Str("ticket_access", &access, false, 32)) {
    if (access == "own" || access == "organization") {
      c->ticket_access = access;
    } else {
      in.Error("ticket_access", "must be \"own\" or \"organization\"");
    }
  }
  if (creating && c->identities.empty() && in.ok()) {
    in.Error("email", "a contact needs an e-mail address, a phone number or an identity");
  }
  RETURN_IF_ERROR(in.status());
  if (creating && !body.contains("organisation_id")) {
    std::string email = c->First(domain::Identity::Kind::kEmail);
    if (!email.empty()) {
      auto o = tx.FindOrganisationByDomain(ws, domain::EmailDomain(email));
      if (o.ok()) c->organisation_id = o->id;
    }
  }
  return Status::Ok();
}

}  // namespace

Result<domain::Contact> PeopleService::CreateContact(WriteTx& tx, const Principal& who,
                                                     const json& body) {
  domain::Contact c;
  c.workspace_id = who.workspace_id;
  RETURN_IF_ERROR(ApplyContact(tx, who.workspace_id, body, true, &c));
  c.created_at = c.updated_at = clock_.Now();
  RETURN_IF_ERROR(tx.InsertContact(&c));
  json changes = json::object();
  json view = ContactAuditView(c);
  for (auto it = view.begin(); it != view.end(); ++it) changes[it.key()] = {nullptr, it.value()};
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), "contact.created", "contact",
                               c.id, changes, c.created_at, "contact.created",
                               {{"contact_id", c.id}}));
  return c;
}

Result<domain::Contact> PeopleService::UpdateContact(WriteTx& tx, const Principal& who, Id id,
                                                     const json& body,
                                                     std::optional<int64_t> if_match) {
  ASSIGN_OR_RETURN(domain::Contact before, tx.GetContact(who.workspace_id, id));
  if (if_match && *if_match != before.version) {
    return Stale("contact", id, *if_match, before.version);
  }
  domain::Contact c = before;
  RETURN_IF_ERROR(ApplyContact(tx, who.workspace_id, body, false, &c));
  json changes = json::object();
  json a = ContactAuditView(before), b = ContactAuditView(c);
  for (auto it = b.begin(); it != b.end(); ++it) DiffField(&changes, it.key(), a[it.key()], it.value());
  if (changes.empty()) return before;
  c.updated_at = clock_.Now();
  c.version = before.version + 1;
  RETURN_IF_ERROR(tx.UpdateContact(c));
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), "contact.updated", "contact",
                               c.id, changes, c.updated_at, "contact.updated",
                               {{"contact_id", c.id}}));
  return c;
}

// --- organisations ------------------------------------------------------------------------

namespace {

json OrgAuditView(const domain::Organisation& o) {
  return {{"name", o.name},
          {"domains", o.domains},
          {"tier", domain::Name(o.tier)},
          {"account_manager_id",
           o.account_manager_id ? json(*o.account_manager_id) : json(nullptr)},
          {"notes", o.notes}};
}

Status ApplyOrg(WriteTx& tx, Id ws, const json& body, bool creating, domain::Organisation* o) {
  RETURN_IF_ERROR(domain::RequireObject(body));
  JsonInput in(body);
  std::string s;
  if (in.Str("name", &s, creating, 200)) o->name = Trim(s);
  std::vector<std::string> domains;
  if (in.StrList("domains", &domains, 50)) {
    std::vector<std::string> out;
    for (const auto& d : domains) {
      auto n = domain::NormaliseDomain(d);
      if (!n.ok()) {
        in.Error("domains", "\"" + d + "\" is not a domain name");
        continue;
      }
      if (std::find(out.begin(), out.end(), *n) == out.end()) out.push_back(*n);
    }
    std::sort(out.begin(), out.end());
    o->domains = out;
  }
  std::optional<domain::Tier> tier;
  if (in.Enum("tier", &tier, domain::ParseTier, "basic, standard, premium, enterprise")) {
    o->tier = *tier;
  }
  std::optional<std::optional<Id>> manager;
  if (in.NullableId("account_manager_id", &manager)) {
    if (*manager && !tx.GetAgent(ws, **manager).ok()) {
      in.Error("account_manager_id", "is not an agent of this workspace");
    } else {
      o->account_manager_id = *manager;
    }
  }
  if (in.Str("notes", &s, false, 20000)) o->notes = s;
  return in.status();
}

}  // namespace

Result<domain::Organisation> PeopleService::CreateOrganisation(WriteTx& tx, const Principal& who,
                                                               const json& body) {
  domain::Organisation o;
  o.workspace_id = who.workspace_id;
  RETURN_IF_ERROR(ApplyOrg(tx, who.workspace_id, body, true, &o));
  o.created_at = o.updated_at = clock_.Now();
  RETURN_IF_ERROR(tx.InsertOrganisation(&o));
  json changes = json::object();
  json view = OrgAuditView(o);
  for (auto it = view.begin(); it != view.end(); ++it) changes[it.key()] = {nullptr, it.value()};
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), "organisation.created",
                               "organisation", o.id, changes, o.created_at,
                               "organisation.created", {{"organisation_id", o.id}}));
  return o;
}

Result<domain::Organisation> PeopleService::UpdateOrganisation(WriteTx& tx, const Principal& who,
                                                               Id id, const json& body,
                                                               std::optional<int64_t> if_match) {
  ASSIGN_OR_RETURN(domain::Organisation before, tx.GetOrganisation(who.workspace_id, id));
  if (if_match && *if_match != before.version) {
    return Stale("organisation", id, *if_match, before.version);
  }
  domain::Organisation o = before;
  RETURN_IF_ERROR(ApplyOrg(tx, who.workspace_id, body, false, &o));
  json changes = json::object();
  json a = OrgAuditView(before), b = OrgAuditView(o);
  for (auto it = b.begin(); it != b.end(); ++it) DiffField(&changes, it.key(), a[it.key()], it.value());
  if (changes.empty()) return before;
  o.updated_at = clock_.Now();
  o.version = before.version + 1;
  RETURN_IF_ERROR(tx.UpdateOrganisation(o));
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), "organisation.updated",
                               "organisation", o.id, changes, o.updated_at,
                               "organisation.updated", {{"organisation_id", o.id}}));
  return o;
}

}  // namespace sahayak::services
