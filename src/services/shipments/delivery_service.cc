#include "services/shipments/delivery_service.h"

#include <algorithm>

#include "domain/people.h"
#include "services/audit.h"
#include "services/errors.h"
#include "services/shipments/carrier_requests.h"
#include "services/shipments/delivery_input.h"

namespace sahayak::services {

using domain::DeliveryPreferences;
using domain::Shipment;
using nlohmann::json;

namespace {

bool IsOwnerType(const std::string& t) { return t == "contact" || t == "organisation"; }

// The stored row, or an empty set of preferences for that owner.
Result<DeliveryPreferences> Stored(ReadTx& tx, Id ws, const std::string& type, Id id) {
  ASSIGN_OR_RETURN(auto p, tx.shipments().GetDeliveryPreferences(ws, type, id));
  if (p) return *p;
  DeliveryPreferences empty;
  empty.workspace_id = ws;
  empty.owner_type = type;
  empty.owner_id = id;
  return empty;
}

json RequestDetails(const delivery_input::DeliveryRequestInput& in, const Shipment& after) {
  if (in.kind == "reschedule") return {{"date", in.date}};
  if (in.kind == "window") return {{"window", delivery_input::ClockRangeJson(in.window)}};
  if (in.kind == "address") return {{"address", delivery_input::AddressJson(after.delivery.address)}};
  return {{"safe_place", in.safe_place}};
}

}  // namespace

Result<PreferencesView> DeliveryService::GetPreferences(ReadTx& tx, Id ws,
                                                        const std::string& owner_type,
                                                        Id owner_id) const {
  if (!IsOwnerType(owner_type)) return InvalidArgument("unknown owner type " + owner_type);
  ASSIGN_OR_RETURN(Workspace w, tx.GetWorkspace(ws));
  PreferencesView v;
  ASSIGN_OR_RETURN(v.own, Stored(tx, ws, owner_type, owner_id));
  DeliveryPreferences fallback;
  if (owner_type == "contact") {
    ASSIGN_OR_RETURN(domain::Contact c, tx.GetContact(ws, owner_id));
    v.own.language = c.language;
    v.own.time_zone = c.time_zone;
    if (c.organisation_id) {
      ASSIGN_OR_RETURN(domain::Organisation o, tx.GetOrganisation(ws, *c.organisation_id));
      ASSIGN_OR_RETURN(fallback, Stored(tx, ws, "organisation", o.id));
      v.inherited_from = std::move(o);
    }
  } else {
    RETURN_IF_ERROR(tx.GetOrganisation(ws, owner_id).status());
  }
  DeliveryPreferences workspace;
  workspace.time_zone = w.time_zone;
  workspace.language = w.default_language;
  v.effective = domain::MergePreferences(domain::MergePreferences(v.own, fallback), workspace);
  return v;
}

Result<PreferencesView> DeliveryService::PutPreferences(WriteTx& tx, const Principal& who,
                                                        const std::string& owner_type,
                                                        Id owner_id, const json& body,
                                                        std::optional<int64_t> if_match) const {
  ASSIGN_OR_RETURN(PreferencesView before, GetPreferences(tx, who.workspace_id, owner_type,
                                                          owner_id));
  if (if_match && *if_match != before.own.version) {
    return Aborted("the delivery preferences changed since version " +
                   std::to_string(*if_match) + "; they are now at version " +
                   std::to_string(before.own.version))
        .WithKind("precondition-failed");
  }
  ASSIGN_OR_RETURN(DeliveryPreferences p, delivery_input::ReadPreferences(body));
  const Millis now = clock_.Now();
  p.id = before.own.id;
  p.workspace_id = who.workspace_id;
  p.owner_type = owner_type;
  p.owner_id = owner_id;
  p.updated_at = now;
  p.version = before.own.version + 1;
  if (owner_type == "contact") {
    // A contact's language and time zone live on the contact, where notices and the portal
    // read them.
    ASSIGN_OR_RETURN(domain::Contact c, tx.GetContact(who.workspace_id, owner_id));
    if (c.language != p.language || c.time_zone != p.time_zone) {
      c.language = p.language;
      c.time_zone = p.time_zone;
      c.updated_at = now;
      c.version += 1;
      RETURN_IF_ERROR(tx.UpdateContact(c));
    }
    DeliveryPreferences stored = p;
    stored.language.clear();
    stored.time_zone.clear();
    RETURN_IF_ERROR(tx.shipments().PutDeliveryPreferences(&stored));
    p.id = stored.id;
  } else {
    RETURN_IF_ERROR(tx.shipments().PutDeliveryPreferences(&p));
  }
  json changes = json::object();
  const json was = delivery_input::PreferencesMembers(before.own);
  const json is = delivery_input::PreferencesMembers(p);
  for (auto it = is.begin(); it != is.end(); ++it) {
    DiffField(&changes, it.key(), was[it.key()], it.value());
  }
  RETURN_IF_ERROR(RecordChange(tx, who.workspace_id, who.actor(), owner_type + ".delivery_preferences",
                               owner_type, owner_id, std::move(changes), now));
  return GetPreferences(tx, who.workspace_id, owner_type, owner_id);
}

Result<DeliveryPreferences> DeliveryService::ForContact(ReadTx& tx, Id ws,
                                                        std::optional<Id> contact_id) const {
  if (contact_id) {
    auto v = GetPreferences(tx, ws, "contact", *contact_id);
    if (v.ok()) return v->effective;
    if (v.status().code() != Code::kNotFound) return v.status();
  }
  ASSIGN_OR_RETURN(Workspace w, tx.GetWorkspace(ws));
  DeliveryPreferences p;
  p.time_zone = w.time_zone;
  p.language = w.default_language;
  return p;
}

Result<DeliveryPreferences> DeliveryService::ForContact(ReadTx& tx, const Workspace& w,
                                                        const domain::Contact& c) const {
  ASSIGN_OR_RETURN(DeliveryPreferences own, Stored(tx, w.id, "contact", c.id));
  own.language = c.language;
  own.time_zone = c.time_zone;
  DeliveryPreferences fallback;
  if (c.organisation_id) {
    ASSIGN_OR_RETURN(fallback, Stored(tx, w.id, "organisation", *c.organisation_id));
  }
  DeliveryPreferences workspace;
  workspace.time_zone = w.time_zone;
  workspace.language = w.default_language;
  return domain::MergePreferences(domain::MergePreferences(own, fallback), workspace);
}

Result<DeliveryOptions> DeliveryService::Options(ReadTx& tx, const Shipment& s) const {
  ASSIGN_OR_RETURN(DeliveryPreferences p, ForContact(tx, s.workspace_id, s.contact_id));
  DeliveryOptions o;
  o.time_zone = p.time_zone;
  o.windows = p.windows;
  o.alternate_address = p.alternate_address;
  o.allowed = domain::AllowedDeliveryActions(s.status);
  const Millis now = clock_.Now();
  const std::string today = DateAt(now, domain::ZoneOffsetMinutes(o.time_zone, now));
  o.allowed_dates = domain::AllowedDates(s, o.windows, today);
  if (o.allowed_dates.empty()) o.allowed.reschedule = false;
  return o;
}

Result<DeliveryRequestDone> DeliveryService::Request(WriteTx& tx, Id ws, const domain::Actor& actor,
                                                     const std::string& via, Id shipment_id,
                                                     const json& body) const {
  ASSIGN_OR_RETURN(Shipment s, tx.shipments().GetShipment(ws, shipment_id));
  ASSIGN_OR_RETURN(delivery_input::DeliveryRequestInput in,
                   delivery_input::ReadDeliveryRequest(body));
  ASSIGN_OR_RETURN(DeliveryOptions o, Options(tx, s));
  const std::string status = domain::ShipmentStatusName(s.status);
  using Choice = delivery_input::DeliveryRequestInput::AddressChoice;
  if (in.kind == "reschedule") {
    if (!domain::AllowedDeliveryActions(s.status).reschedule) {
      return Conflict("the parcel is " + status + "; it can no longer be rescheduled");
    }
    if (std::find(o.allowed_dates.begin(), o.allowed_dates.end(), in.date) ==
        o.allowed_dates.end()) {
      std::string list;
      for (const auto& d : o.allowed_dates) list += (list.empty() ? "" : ", ") + d;
      return InvalidArgument("the parcel cannot be delivered on " + in.date)
          .WithField("date", list.empty() ? "no date is open for this parcel"
                                          : "must be one of " + list);
    }
    s.delivery.date = in.date;
  } else if (in.kind == "window") {
    if (!o.allowed.window) {
      return Conflict("the parcel is " + status + "; its delivery window can no longer change");
    }
    s.delivery.window = in.window;
  } else if (in.kind == "address") {
    if (!o.allowed.address) {
      return Conflict(s.status == domain::ShipmentStatus::kOutForDelivery ||
                              s.status == domain::ShipmentStatus::kDeliveryFailed
                          ? "the parcel has gone out for delivery; its address can no longer "
                            "change"
                          : "the parcel is " + status + "; its address can no longer change");
    }
    if (in.address_choice == Choice::kBooked) {
      s.delivery.address.reset();
    } else {
      domain::PostalAddress a = in.address;
      if (in.address_choice == Choice::kAlternate) {
        if (!o.alternate_address) {
          return InvalidArgument("the customer has no alternate address")
              .WithField("address", "the customer has saved no alternate address");
        }
        a = *o.alternate_address;
      }
      if (!s.destination.country.empty() && a.country != s.destination.country) {
        return InvalidArgument("the parcel cannot change country")
            .WithField(in.address_choice == Choice::kGiven ? "address.country" : "address",
                       "must be in " + s.destination.country + ", the parcel's destination");
      }
      s.delivery.address = std::move(a);
    }
  } else {
    if (!o.allowed.safe_place) {
      return Conflict("the parcel is " + status + "; its safe place can no longer change");
    }
    s.delivery.safe_place = in.safe_place;
  }
  const Millis now = clock_.Now();
  s.updated_at = now;
  s.version += 1;
  RETURN_IF_ERROR(tx.shipments().UpdateShipment(s));

  DeliveryRequestRecord r;
  r.workspace_id = ws;
  r.shipment_id = s.id;
  r.contact_id = s.contact_id;
  r.kind = in.kind;
  r.details = RequestDetails(in, s).dump();
  r.actor = actor;
  r.via = via;
  r.created_at = now;
  RETURN_IF_ERROR(tx.shipments().InsertDeliveryRequest(&r));
  if (carrier_requests_ != nullptr) RETURN_IF_ERROR(carrier_requests_->Queue(tx, r, s));
  // On the customer's timeline when the parcel has a customer, else on the shipment's.
  json changes = {{"kind", {nullptr, r.kind}},
                  {"tracking_number", {nullptr, s.tracking_number}},
                  {"shipment_id", {nullptr, s.id}},
                  {"via", {nullptr, via}}};
  const json details = json::parse(r.details);
  for (auto it = details.begin(); it != details.end(); ++it) changes[it.key()] = {nullptr, *it};
  RETURN_IF_ERROR(RecordChange(tx, ws, actor, "shipment.delivery_request",
                               s.contact_id ? "contact" : "shipment",
                               s.contact_id.value_or(s.id), std::move(changes), now,
                               "shipment.delivery_request",
                               {{"shipment_id", s.id}, {"request_id", r.id}}));
  return DeliveryRequestDone{std::move(r), std::move(s)};
}

Result<std::vector<DeliveryRequestRecord>> DeliveryService::Requests(ReadTx& tx, Id ws,
                                                                     Id shipment_id) const {
  RETURN_IF_ERROR(tx.shipments().GetShipment(ws, shipment_id).status());
  return tx.shipments().ListDeliveryRequests(ws, shipment_id);
}

json DeliveryRequestJson(const DeliveryRequestRecord& r) {
  json details = json::parse(r.details, nullptr, false);
  if (details.is_discarded()) details = json::object();
  return {{"id", r.id},
          {"shipment_id", r.shipment_id},
          {"kind", r.kind},
          {"details", std::move(details)},
          {"by",
           {{"type", domain::ActorKindName(r.actor.kind)},
            {"id", r.actor.id},
            {"name", r.actor.name}}},
          {"via", r.via},
          {"created_at", FormatRfc3339(r.created_at)}};
}

}  // namespace sahayak::services
