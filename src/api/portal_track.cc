// Track a parcel without signing in: /portal/track (docs/portal.md, "Track a parcel"). The
// visitor gives the tracking number and the destination's PIN code; only when both match a
// parcel of the workspace does the page show it, and then only what is safe for anyone holding
// those two: carrier, status, expected day, destination city and the scans' time, status and
// place — never the customer, the address, their delivery choices or the carriers' free text.
// An unknown number and a wrong PIN get the same page. Lookups are limited per IP address and
// per tracking number, so PIN codes cannot be tried one after another.
#include "api/handlers.h"
#include "api/html.h"
#include "api/portal.h"
#include "base/crypto.h"
#include "base/text.h"

namespace sahayak::api {

namespace {

using nlohmann::json;
using portal::Visit;

constexpr int kPublicEvents = 20;

// A postal code as compared: no spaces, ASCII upper case ("sw1a 2aa" = "SW1A2AA").
std::string PostalKey(std::string_view pin) {
  std::string out;
  for (char c : pin) {
    if (c == ' ') continue;
    out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  return out;
}

// The page: the form (filled with what was typed), and below it the result or a notice.
Response TrackPage(const Visit& v, int status, const std::string& number, const std::string& pin,
                   const std::string& notice, const std::string& result) {
  const std::string title = v.T("track.title");
  std::string main = "<h1>" + html::Escape(title) + "</h1>\n<p>" +
                     html::Escape(v.T("track.intro")) + "</p>\n";
  if (!notice.empty()) {
    main += "<p class=\"warn\" role=\"alert\">" + html::Escape(notice) + "</p>\n";
  }
  main += "<form class=\"stack\" method=\"post\" action=\"/portal/track\">"
          "<label for=\"tn\">" + html::Escape(v.T("track.number")) +
          "</label><input id=\"tn\" name=\"number\" required maxlength=\"40\" "
          "autocomplete=\"off\" autocapitalize=\"characters\" spellcheck=\"false\" value=\"" +
          html::Attr(number) + "\"><label for=\"tp\">" + html::Escape(v.T("track.pin")) +
          "</label><input id=\"tp\" name=\"pin\" required maxlength=\"10\" inputmode=\"numeric\" "
          "autocomplete=\"postal-code\" value=\"" + html::Attr(pin) + "\"><button type=\"submit\">" +
          html::Escape(v.T("track.button")) + "</button></form>\n" + result;
  Response r = portal::RenderPage(v, status, title, std::move(main));
  r.AddHeader("Cache-Control", "no-store");
  return r;
}

// What anyone holding the number and the PIN may see of `s`.
std::string ResultHtml(const Visit& v, const domain::Shipment& s,
                       const std::vector<domain::TrackingEvent>& events) {
  std::string out = "<section class=\"card\" aria-labelledby=\"h-result\"><h2 id=\"h-result\">" +
                    html::Escape(v.F("shipment.title", {{"number", s.tracking_number}})) +
                    "</h2>\n<p class=\"meta\"><span class=\"status shipment-status\">" +
                    html::Escape(portal::ShipmentStatusText(v, s.status)) + "</span> · " +
                    html::Escape(s.carrier_name) + "</p>\n<dl class=\"facts\">";
  auto fact = [&](const std::string& label, const std::string& value) {
    if (!value.empty()) {
      out += "<dt>" + html::Escape(label) + "</dt><dd>" + html::Escape(value) + "</dd>";
    }
  };
  fact(v.T("shipment.to"), s.destination.city);
  if (!domain::IsFinal(s.status)) {
    // The customer's own day when they chose one, else the carrier's latest estimate.
    const auto due = s.delivery.date ? s.delivery.date : s.eta ? s.eta : s.promised_date;
    if (due) fact(v.T("shipment.eta"), portal::DayText(v, *due));
  }
  out += "</dl>\n<h3>" + html::Escape(v.T("shipment.timeline")) + "</h3>\n" +
         portal::TimelineHtml(v, events, false);
  if (v.customer && s.contact_id == v.customer->contact.id) {
    out += "<p><a href=\"/portal/shipments/" + std::to_string(s.id) + "\">" +
           html::Escape(v.T("track.manage")) + "</a></p>\n";
  } else if (!v.customer && !domain::IsFinal(s.status)) {
    out += "<p class=\"meta\"><a href=\"/portal/sign-in\">" +
           html::Escape(v.T("track.sign_in_to_change")) + "</a></p>\n";
  }
  return out + "</section>\n";
}

}  // namespace

namespace handlers {

Response PortalTrackForm(ApiContext& ctx, Call& call) {
  bool ok = false;
  Visit v = portal::StartVisit(ctx, call.req, &ok);
  if (!ok || ctx.shipments == nullptr) return portal::ErrorPage(v, 503);
  // A link may carry the number (a notice's "track your parcel"); never the PIN.
  std::string number = ToNfc(call.req.Query("number").value_or(""));
  if (number.size() > 40) number.clear();
  return TrackPage(v, 200, number, "", "", "");
}

Response PortalTrack(ApiContext& ctx, Call& call) {
  bool ok = false;
  Visit v = portal::StartVisit(ctx, call.req, &ok);
  if (!ok || ctx.shipments == nullptr) return portal::ErrorPage(v, 503);
  if (!portal::FormAllowed(v, call.body, false)) return portal::ErrorPage(v, 403);
  const std::string typed_number = Trim(portal::StringField(call.body, "number"));
  const std::string typed_pin = Trim(portal::StringField(call.body, "pin"));
  if (auto r = portal::Limited(v, ctx.track_ip_limiter, "track-ip:" + call.req.remote_ip)) {
    return *r;
  }
  auto number = domain::NormaliseTrackingNumber(typed_number.substr(0, 64));
  const std::string pin = PostalKey(typed_pin.substr(0, 16));
  if (!number.ok() || pin.empty()) {
    return TrackPage(v, 422, typed_number, typed_pin, v.T("track.incomplete"), "");
  }
  // Per number: whoever asks, however many addresses they ask from.
  if (auto r = portal::Limited(v, ctx.track_number_limiter,
                               "track:" + std::to_string(v.workspace.id) + ":" + *number)) {
    return *r;
  }
  std::string result;
  Status st = ctx.store.Read([&](services::ReadTx& tx) -> Status {
    services::ShipmentFilter f;
    f.tracking_number = *number;
    ASSIGN_OR_RETURN(auto found, tx.shipments().ListShipments(v.workspace.id, f, std::nullopt, 10));
    for (const domain::Shipment& s : found) {
      // Only a parcel with a destination PIN can be tracked here, and only with that PIN.
      if (s.destination.pin.empty() || !SecureEquals(PostalKey(s.destination.pin), pin)) {
        continue;
      }
      ASSIGN_OR_RETURN(auto events,
                       tx.shipments().ListTrackingEvents(v.workspace.id, s.id, kPublicEvents));
      result += ResultHtml(v, s, events);
    }
    return Status::Ok();
  });
  if (!st.ok()) return portal::ErrorPage(v, 503);
  if (result.empty()) {
    // The same words for an unknown number and a wrong PIN.
    return TrackPage(v, 404, *number, typed_pin, v.T("track.not_found"), "");
  }
  return TrackPage(v, 200, *number, typed_pin, "", result);
}

}  // namespace handlers

}  // namespace sahayak::api
