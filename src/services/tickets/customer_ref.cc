#include "services/tickets/customer_ref.h"

#include "base/text.h"

namespace sahayak::services {

using nlohmann::json;

Status CustomerRef::Read(ReadTx& tx, Id ws, const json& body, domain::JsonInput* in) {
  if (in->Has("contact_id") && in->Has("contact")) {
    in->Error("contact", "give contact_id or contact, not both");
  }
  std::optional<std::optional<Id>> id;
  if (in->NullableId("contact_id", &id)) {
    if (*id) {
      auto c = tx.GetContact(ws, **id);
      if (!c.ok()) {
        if (c.status().code() != Code::kNotFound) return c.status();
        in->Error("contact_id", "is not a contact of this workspace");
      } else {
        contact_id_ = *id;
        contact_org_ = c->organisation_id;
      }
    } else {
      contact_id_ = std::optional<Id>();
    }
  }
  if (in->Has("contact") && !in->IsNull("contact") && !in->Has("contact_id")) {
    const json& c = body["contact"];
    if (!c.is_object()) {
      in->Error("contact", "must be {\"email\", \"phone\", \"name\"}");
    } else {
      domain::JsonInput sub(c, "contact");
      for (auto it = c.begin(); it != c.end(); ++it) {
        if (it.key() != "email" && it.key() != "phone" && it.key() != "name") {
          sub.Error(it.key(), "is not a member of a contact");
        }
      }
      RequesterInput r;
      sub.Str("email", &r.email, false, 320);
      sub.Str("phone", &r.phone, false, 40);
      sub.Str("name", &r.name, false, 200);
      if (Trim(r.email).empty() && Trim(r.phone).empty()) sub.Error("email", "or phone is required");
      if (!sub.ok()) {
        const Status bad = sub.status();  // by value: keep it alive for the loop
        for (const auto& e : bad.fields()) in->Error(e.field, e.message);
      } else {
        by_identity_ = std::move(r);
      }
    }
  }
  id.reset();
  if (in->NullableId("organisation_id", &id)) {
    if (*id) {
      auto o = tx.GetOrganisation(ws, **id);
      if (!o.ok()) {
        if (o.status().code() != Code::kNotFound) return o.status();
        in->Error("organisation_id", "is not an organisation of this workspace");
      } else {
        organisation_id_ = *id;
      }
    } else {
      organisation_id_ = std::optional<Id>();
    }
  }
  return Status::Ok();
}

Status CustomerRef::Apply(WriteTx& tx, TicketService& tickets, const Principal& who,
                          std::optional<Id>* contact_id,
                          std::optional<Id>* organisation_id) const {
  if (organisation_id_) *organisation_id = *organisation_id_;
  if (contact_id_) {
    *contact_id = *contact_id_;
    if (*contact_id && !organisation_id->has_value() && contact_org_) *organisation_id = contact_org_;
  }
  if (!by_identity_) return Status::Ok();
  auto c = tickets.ResolveRequester(tx, who, *by_identity_);
  if (!c.ok()) {
    const Status st = c.status();
    if (st.code() != Code::kInvalidArgument) return st;
    Status out = InvalidArgument(st.message());
    for (const auto& e : st.fields()) {
      // The ticket service names the requester's members; here they are the contact's.
      std::string_view f = e.field;
      if (f.rfind("requester.", 0) == 0) f.remove_prefix(10);
      if (f == "requester") f = "email";
      out.WithField("contact." + std::string(f), e.message);
    }
    return out;
  }
  *contact_id = c->id;
  if (!organisation_id->has_value() && c->organisation_id) *organisation_id = c->organisation_id;
  return Status::Ok();
}

}  // namespace sahayak::services
