// The customer's parcels in the portal: the home page's panel, a parcel's page with its
// timeline, and the delivery choices the customer may still make — another day, a window on
// the delivery day, another address before it goes out for delivery, a safe place
// (docs/portal.md, docs/shipments.md). A customer sees only parcels that are theirs; any other
// id is the same 404 as one that does not exist.
#include <unicode/datefmt.h>
#include <unicode/locid.h>
#include <unicode/simpletz.h>
#include <unicode/smpdtfmt.h>

#include <memory>

#include "api/handlers.h"
#include "api/html.h"
#include "api/portal.h"
#include "base/locale_format.h"
#include "base/text.h"
#include "domain/delivery.h"
#include "services/shipments/delivery_input.h"
#include "services/shipments/shipment_documents.h"

namespace sahayak::api {

namespace {

using domain::Id;
using nlohmann::json;
using portal::DayText;
using portal::ShipmentStatusText;
using portal::Visit;

constexpr int kPanelShipments = 10;

// `skeleton` (ICU) of instant `at` shown at `offset_minutes` east of UTC, in the visit's
// language: "Mon 7 Dec", "3 Dec, 14:05".
std::string FormatAt(const Visit& v, Millis at, int offset_minutes, const char* skeleton) {
  return FormatDateSkeleton(at, offset_minutes, v.lang, skeleton);
}

std::string AddressText(const domain::PostalAddress& a) {
  std::string out;
  for (const std::string* part : {&a.name, &a.line1, &a.line2, &a.city}) {
    if (part->empty()) continue;
    if (!out.empty()) out += ", ";
    out += *part;
  }
  return out + " " + a.pin;
}

// The customer's parcel, or NotFound when it is not theirs (or does not exist).
Result<domain::Shipment> OwnShipment(const Visit& v, services::ReadTx& tx, Id id) {
  auto s = tx.shipments().GetShipment(v.customer->workspace_id, id);
  if (!s.ok()) return s.status();
  if (s->contact_id != v.customer->contact.id) return NotFound("no such parcel");
  return s;
}

std::string Options(const std::vector<int>& minutes, int selected) {
  std::string out;
  for (int m : minutes) {
    out += "<option value=\"" + domain::FormatClock(m) + "\"" +
           (m == selected ? " selected" : "") + ">" + domain::FormatClock(m) + "</option>";
  }
  return out;
}

std::string Form(const Visit& v, Id id, const char* kind, const std::string& inner,
                 const std::string& button) {
  return "<form class=\"stack\" method=\"post\" action=\"/portal/shipments/" + std::to_string(id) +
         "/delivery\">" + portal::CsrfInput(v) + "<input type=\"hidden\" name=\"kind\" value=\"" +
         kind + "\">" + inner + "<button type=\"submit\">" + html::Escape(button) +
         "</button></form>\n";
}

// The "Your delivery" section: what the customer chose, and the forms for what they may still
// change.
std::string DeliverySection(const Visit& v, const domain::Shipment& s,
                            const services::DeliveryOptions& o) {
  const std::string id = std::to_string(s.id);
  std::string out = "<section class=\"card\" aria-labelledby=\"h-delivery\"><h2 id=\"h-delivery\">" +
                    html::Escape(v.T("shipment.delivery.title")) + "</h2>\n<dl class=\"facts\">";
  auto fact = [&](const std::string& label, const std::string& value) {
    out += "<dt>" + html::Escape(label) + "</dt><dd>" + html::Escape(value) + "</dd>";
  };
  fact(v.T("shipment.delivery.date"),
       s.delivery.date ? DayText(v, *s.delivery.date) : v.T("shipment.delivery.as_planned"));
  fact(v.T("shipment.delivery.window"),
       s.delivery.window ? domain::FormatClock(s.delivery.window->from) + "–" +
                               domain::FormatClock(s.delivery.window->until)
                         : v.T("shipment.delivery.any_time"));
  fact(v.T("shipment.delivery.address"), s.delivery.address
                                             ? AddressText(*s.delivery.address)
                                             : v.T("shipment.delivery.booked_address"));
  fact(v.T("shipment.delivery.safe_place"), s.delivery.safe_place.empty()
                                                ? v.T("shipment.delivery.none")
                                                : s.delivery.safe_place);
  out += "</dl>\n";

  if (o.allowed.reschedule && !o.allowed_dates.empty()) {
    std::string select = "<label for=\"dd\">" + html::Escape(v.T("shipment.reschedule.label")) +
                         "</label><select id=\"dd\" name=\"date\" required>";
    for (const std::string& d : o.allowed_dates) {
      select += "<option value=\"" + d + "\"" + (s.delivery.date == d ? " selected" : "") + ">" +
                html::Escape(DayText(v, d)) + "</option>";
    }
    select += "</select>";
    out += Form(v, s.id, "reschedule", select, v.T("shipment.reschedule.button"));
  }
  if (o.allowed.window) {
    std::vector<int> starts, ends;
    for (int m = domain::kDeliveryDayStart; m + domain::kMinDeliveryWindowMinutes <=
                                            domain::kDeliveryDayEnd;
         m += 60) {
      starts.push_back(m);
    }
    for (int m = domain::kDeliveryDayStart + domain::kMinDeliveryWindowMinutes;
         m <= domain::kDeliveryDayEnd; m += 60) {
      ends.push_back(m);
    }
    const int from = s.delivery.window ? s.delivery.window->from : 10 * 60;
    const int until = s.delivery.window ? s.delivery.window->until : 14 * 60;
    std::string inner = "<fieldset><legend>" + html::Escape(v.T("shipment.window.label")) +
                        "</legend><label for=\"wf\">" + html::Escape(v.T("shipment.window.from")) +
                        "</label><select id=\"wf\" name=\"from\">" + Options(starts, from) +
                        "</select><label for=\"wu\">" + html::Escape(v.T("shipment.window.until")) +
                        "</label><select id=\"wu\" name=\"until\">" + Options(ends, until) +
                        "</select></fieldset>";
    out += Form(v, s.id, "window", inner, v.T("shipment.window.button"));
    if (s.delivery.window) {
      out += Form(v, s.id, "window", "<input type=\"hidden\" name=\"clear\" value=\"1\">",
                  v.T("shipment.window.clear"));
    }
  }
  if (o.allowed.address) {
    if (o.alternate_address && s.delivery.address != o.alternate_address) {
      out += Form(v, s.id, "address", "<input type=\"hidden\" name=\"use\" value=\"alternate\">",
                  v.F("shipment.address.use_alternate",
                      {{"address", AddressText(*o.alternate_address)}}));
    }
    if (s.delivery.address) {
      out += Form(v, s.id, "address", "<input type=\"hidden\" name=\"use\" value=\"booked\">",
                  v.T("shipment.address.use_booked"));
    }
    std::string inner = "<details><summary>" + html::Escape(v.T("shipment.address.other")) +
                        "</summary><input type=\"hidden\" name=\"use\" value=\"given\">";
    for (auto [name, key, required] :
         {std::tuple{"line1", "shipment.address.line1", true},
          std::tuple{"line2", "shipment.address.line2", false},
          std::tuple{"city", "shipment.address.city", true},
          std::tuple{"pin", "shipment.address.pin", true}}) {
      inner += std::string("<label for=\"a-") + name + "\">" + html::Escape(v.T(key)) +
               "</label><input id=\"a-" + name + "\" name=\"" + name + "\"" +
               (required ? " required" : "") + " maxlength=\"200\"" +
               (std::string_view(name) == "pin" ? " inputmode=\"numeric\"" : "") + ">";
    }
    inner += "</details>";
    out += Form(v, s.id, "address", inner, v.T("shipment.address.button"));
  } else if (!domain::IsFinal(s.status)) {
    out += "<p class=\"meta\">" + html::Escape(v.T("shipment.address.too_late")) + "</p>\n";
  }
  if (o.allowed.safe_place) {
    out += Form(v, s.id, "safe_place",
                "<label for=\"sp\">" + html::Escape(v.T("shipment.safe_place.label")) +
                    "</label><input id=\"sp\" name=\"safe_place\" maxlength=\"200\" value=\"" +
                    html::Attr(s.delivery.safe_place) + "\">",
                v.T("shipment.safe_place.button"));
  }
  out += "</section>\n";
  return out;
}

// "United States", "संयुक्त राज्य", "ಅಮೇರಿಕಾ ಸಂಯುಕ್ತ ಸಂಸ್ಥಾನ": a country's name in the visit's
// language (ICU), or the code when ICU has none.
std::string CountryName(const Visit& v, const std::string& code) {
  icu::UnicodeString name;
  icu::Locale("und", code.c_str()).getDisplayCountry(icu::Locale(v.lang.c_str()), name);
  std::string out;
  name.toUTF8String(out);
  return out.empty() ? code : out;
}

// "Documents required for <country>": what customs need for an international parcel, each with
// its note and, when the help centre shows one, the article that explains it. Never a link to
// an internal or unpublished article (DocumentRequirements with `customer`).
std::string DocumentsSection(const Visit& v, services::ReadTx& tx, const domain::Shipment& s) {
  auto docs = services::DocumentRequirements::Load(tx, s.workspace_id, v.lang, true);
  if (!docs.ok()) return "";
  const std::vector<services::ShownDocument> shown = docs->For(s);
  if (shown.empty()) return "";
  std::string out =
      "<section class=\"card documents\" aria-labelledby=\"h-docs\"><h2 id=\"h-docs\">" +
      html::Escape(v.F("shipment.documents.title",
                       {{"country", CountryName(v, s.destination.country)}})) +
      "</h2>\n<p class=\"meta\">" + html::Escape(v.T("shipment.documents.intro")) +
      "</p>\n<ul class=\"documents\">";
  for (const services::ShownDocument& d : shown) {
    out += "<li data-code=\"" + html::Attr(d.document->code) + "\"><strong>" +
           html::Escape(d.document->name) + "</strong>";
    if (!d.document->note.empty()) out += "<br>" + html::Escape(d.document->note);
    if (d.article) {
      // The title may be in another language than the page's (no translation here): it gets
      // its own `lang`, the sentence around it keeps the page's.
      std::string title = html::Escape(d.article->title);
      if (d.article->language != v.lang) {
        title = "<span lang=\"" + html::Attr(d.article->language) + "\">" + title + "</span>";
      }
      std::string link = html::Escape(v.F("shipment.documents.read", {{"title", "\x01"}}));
      if (const size_t at = link.find('\x01'); at != std::string::npos) link.replace(at, 1, title);
      out += "<br><a href=\"" + html::Attr(d.article->url) + "\" hreflang=\"" +
             html::Attr(d.article->language) + "\">" + link + "</a>";
    }
    out += "</li>";
  }
  return out + "</ul></section>\n";
}

Response ShipmentPage(const Visit& v, services::ReadTx& tx, const domain::Shipment& s,
                      int status, std::string_view message, bool warn) {
  auto options = v.ctx.delivery->Options(tx, s);
  auto events = tx.shipments().ListTrackingEvents(s.workspace_id, s.id, 100);
  if (!options.ok() || !events.ok()) return portal::ErrorPage(v, 503);
  const std::string title = v.F("shipment.title", {{"number", s.tracking_number}});
  std::string main = "<p class=\"crumbs\"><a href=\"/portal\">" +
                     html::Escape(v.T("nav.requests")) + "</a></p>\n<h1>" + html::Escape(title) +
                     "</h1>\n<p class=\"meta\"><span class=\"status shipment-status\">" +
                     html::Escape(ShipmentStatusText(v, s.status)) + "</span> · " +
                     html::Escape(s.carrier_name);
  if (const std::string url = domain::TrackingUrl(s.carrier_url, s.tracking_number);
      !url.empty()) {
    main += " · <a href=\"" + html::Attr(url) + "\" rel=\"noopener noreferrer\">" +
            html::Escape(v.T("shipment.carrier_page")) + "</a>";
  }
  main += "</p>\n" + portal::Notice(message, warn) + "<dl class=\"facts\">";
  auto fact = [&](const std::string& label, const std::string& value) {
    if (!value.empty()) main += "<dt>" + html::Escape(label) + "</dt><dd>" + html::Escape(value) +
                                "</dd>";
  };
  fact(v.T("shipment.from"), s.origin.city);
  fact(v.T("shipment.to"), s.destination.city + (s.destination.pin.empty()
                                                     ? ""
                                                     : " " + s.destination.pin));
  if (s.promised_date) fact(v.T("shipment.promised"), DayText(v, *s.promised_date));
  if (s.eta && !domain::IsFinal(s.status)) fact(v.T("shipment.eta"), DayText(v, *s.eta));
  if (!s.status_reason.empty()) fact(v.T("shipment.reason"), s.status_reason);
  main += "</dl>\n";
  main += DocumentsSection(v, tx, s);
  if (!domain::IsFinal(s.status)) main += DeliverySection(v, s, *options);
  main += "<section aria-labelledby=\"h-tl\"><h2 id=\"h-tl\">" +
          html::Escape(v.T("shipment.timeline")) + "</h2>\n";
  main += portal::TimelineHtml(v, *events, true);
  main += "</section>\n";
  return portal::RenderPage(v, status, title, std::move(main));
}

// The request body the form stands for.
json RequestBody(const json& fields) {
  const std::string kind = portal::StringField(fields, "kind");
  if (kind == "reschedule") return {{"kind", kind}, {"date", portal::StringField(fields, "date")}};
  if (kind == "window") {
    if (portal::StringField(fields, "clear") == "1") return {{"kind", kind}, {"window", nullptr}};
    return {{"kind", kind},
            {"window",
             {{"from", portal::StringField(fields, "from")},
              {"until", portal::StringField(fields, "until")}}}};
  }
  if (kind == "address") {
    const std::string use = portal::StringField(fields, "use");
    if (use == "alternate") return {{"kind", kind}, {"address", "alternate"}};
    if (use == "booked") return {{"kind", kind}, {"address", nullptr}};
    return {{"kind", kind},
            {"address",
             {{"line1", portal::StringField(fields, "line1")},
              {"line2", portal::StringField(fields, "line2")},
              {"city", portal::StringField(fields, "city")},
              {"pin", portal::StringField(fields, "pin")}}}};
  }
  if (kind == "safe_place") {
    return {{"kind", kind}, {"safe_place", portal::StringField(fields, "safe_place")}};
  }
  return {{"kind", kind}};
}

// The visit's words for a refused request: which member was wrong, or that it is too late.
std::string RefusalText(const Visit& v, const Status& st) {
  if (st.code() == Code::kAlreadyExists) return v.T("shipment.error.too_late");
  for (const auto& f : st.fields()) {
    if (f.field == "date") return v.T("shipment.error.date");
    if (f.field.rfind("window", 0) == 0) return v.T("shipment.error.window");
    if (f.field == "address.pin") return v.T("shipment.error.pin");
    if (f.field.rfind("address", 0) == 0) return v.T("shipment.error.address");
    if (f.field == "safe_place") return v.T("shipment.error.safe_place");
  }
  return v.T("shipment.error.generic");
}

}  // namespace

namespace portal {

std::string DayText(const Visit& v, const std::string& date) {
  return FormatDay(date, v.lang, "EEEdMMM");
}

std::string ShipmentStatusText(const Visit& v, domain::ShipmentStatus s) {
  return v.T(std::string("shipment.status.") + domain::ShipmentStatusName(s));
}

std::string TimelineHtml(const Visit& v, const std::vector<domain::TrackingEvent>& events,
                         bool with_descriptions) {
  if (events.empty()) {
    return "<p class=\"meta\">" + html::Escape(v.T("shipment.no_events")) + "</p>\n";
  }
  std::string out = "<ol class=\"timeline\">";
  for (const domain::TrackingEvent& e : events) {
    out += "<li><time datetime=\"" +
           html::Attr(FormatRfc3339Zoned(e.occurred_at, e.utc_offset_minutes)) + "\">" +
           html::Escape(FormatAt(v, e.occurred_at, e.utc_offset_minutes, "dMMMjmm")) +
           "</time> <strong>" + html::Escape(ShipmentStatusText(v, e.status)) + "</strong>";
    if (!e.place.empty()) out += " · " + html::Escape(e.place);
    if (with_descriptions && !e.description.empty()) {
      out += "<br><span class=\"meta\">" + html::Escape(e.description) + "</span>";
    }
    out += "</li>";
  }
  return out + "</ol>\n";
}

std::vector<Panel> HomePanels(const Visit& v) {
  Panel shipments{"shipments", {}};
  if (v.customer && v.ctx.shipments != nullptr) {
    services::ShipmentFilter f;
    f.contact_id = v.customer->contact.id;
    (void)v.ctx.store.Read([&](services::ReadTx& tx) -> Status {
      ASSIGN_OR_RETURN(auto all, tx.shipments().ListShipments(v.customer->workspace_id, f,
                                                               std::nullopt, kPanelShipments));
      for (const domain::Shipment& s : all) {
        std::string detail = ShipmentStatusText(v, s.status);
        const auto due = s.delivery.date ? s.delivery.date : s.eta ? s.eta : s.promised_date;
        if (due && !domain::IsFinal(s.status)) {
          detail += " · " + v.F("shipment.expected", {{"date", DayText(v, *due)}});
        }
        shipments.items.push_back({s.tracking_number + " · " + s.carrier_name, detail,
                                   "/portal/shipments/" + std::to_string(s.id)});
      }
      return Status::Ok();
    });
  }
  std::vector<Panel> panels;
  panels.push_back(std::move(shipments));
  CommercePanels(v, &panels);
  return panels;
}

}  // namespace portal

namespace handlers {

Response PortalShipment(ApiContext& ctx, Call& call) {
  bool ok = false;
  Visit v = portal::StartVisit(ctx, call.req, &ok);
  if (!ok || ctx.delivery == nullptr) return portal::ErrorPage(v, 503);
  if (!v.customer) return portal::ToSignIn(v);
  std::optional<Response> out;
  Status st = ctx.store.Read([&](services::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(domain::Shipment s, OwnShipment(v, tx, call.id()));
    std::string done;
    if (auto kind = call.req.Query("saved")) done = v.T("shipment.saved");
    out = ShipmentPage(v, tx, s, 200, done, false);
    return Status::Ok();
  });
  if (!st.ok()) return portal::ErrorPage(v, st.code() == Code::kNotFound ? 404 : 503);
  return std::move(*out);
}

Response PortalShipmentDelivery(ApiContext& ctx, Call& call) {
  bool ok = false;
  Visit v = portal::StartVisit(ctx, call.req, &ok);
  if (!ok || ctx.delivery == nullptr) return portal::ErrorPage(v, 503);
  if (!v.customer) return portal::ErrorPage(v, 403);
  if (!portal::FormAllowed(v, call.body, true)) return portal::ErrorPage(v, 403);
  const domain::Actor actor{domain::Actor::Kind::kContact, v.customer->contact.id,
                            v.customer->contact.name, call.req.remote_ip,
                            std::string(call.req.Header("user-agent"))};
  const Id id = call.id();
  Status refused;
  Status st = ctx.store.Write([&](services::WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(domain::Shipment s, OwnShipment(v, tx, id));
    auto done = ctx.delivery->Request(tx, v.customer->workspace_id, actor, "portal", s.id,
                                      RequestBody(call.body));
    if (!done.ok()) {
      const Code c = done.status().code();
      if (c != Code::kInvalidArgument && c != Code::kAlreadyExists) return done.status();
      refused = done.status();  // shown on the page; nothing was written
    }
    return Status::Ok();
  });
  if (!st.ok()) return portal::ErrorPage(v, st.code() == Code::kNotFound ? 404 : 503);
  if (refused.ok()) return portal::Redirect("/portal/shipments/" + std::to_string(id) + "?saved=1");
  std::optional<Response> out;
  Status read = ctx.store.Read([&](services::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(domain::Shipment s, OwnShipment(v, tx, id));
    out = ShipmentPage(v, tx, s, refused.code() == Code::kAlreadyExists ? 409 : 422,
                       RefusalText(v, refused), true);
    return Status::Ok();
  });
  if (!read.ok()) return portal::ErrorPage(v, 503);
  return std::move(*out);
}

}  // namespace handlers

}  // namespace sahayak::api
