#pragma once

#include <string>
#include <string_view>

#include "api/catalog.h"
#include "api/http.h"
#include "api/router.h"

// The customer's own opt-out from proactive shipment notices (docs/shipments.md, "Telling
// customers first"). Every notice mail carries the link <site>/notices/opt-out/<token> and the
// headers List-Unsubscribe: <that URL> and List-Unsubscribe-Post: List-Unsubscribe=One-Click
// (RFC 8058). Opening the link shows a page with one button; only a POST to the same URL —
// the button, or a mail client's one-click request without cookies — opts out, because link
// scanners follow links. The token (ShipmentNotifier::OptOutToken) is the authority: no
// session, no CSRF field. Pages are in the customer's language, with no script, not framed,
// not cached, and sending no Referer (the token must not leak). Thread-safe.
namespace sahayak::api::notices {

// The opt-out pages' catalogue (i18n/notices.<lang>.json), parsed once.
const Catalog& NoticesCatalog();

// The token of /notices/opt-out/<token> (trailing slashes ignored); "" for any other path.
// Not checked: ShipmentNotifier::ReadOptOutToken does that.
std::string TokenFromPath(std::string_view path);

// An e-mail address shown to whoever holds the link: the local part's first character, then
// "***", then the domain ("asha.rao@example.in" -> "a***@example.in"). "" when it is not an
// address.
std::string MaskEmail(std::string_view email);

// The page's language: ?lang= (en, hi, kn), else the help centre's language cookie (the
// visitor chose it on this site), else the contact's language (the notice was in it; a region
// subtag is dropped: "hi-IN" -> "hi"), else Accept-Language, else the workspace's default,
// else English. `contact_language` is "" when no contact is known (an invalid link).
std::string PageLanguage(const Request& req, std::string_view contact_language,
                         std::string_view workspace_default);

// The Content-Security-Policy of the pages: the stylesheet from here, no script, forms post
// only here, never framed.
inline constexpr const char* kPagePolicy =
    "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'none'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

}  // namespace sahayak::api::notices

namespace sahayak::api::handlers {

// GET /notices/opt-out/{key}: "Stop shipment updates for a***@example.in?" with one button
// that posts to the same URL; "already off" when the contact opted out before. Changes
// nothing. An invalid link (or a deleted contact, or no notifier) is a 404 page "This link is
// not valid" that does not say whether the contact exists; a store failure a 503 page.
Response NoticeOptOutPage(ApiContext& ctx, Call& call);

// POST /notices/opt-out/{key}: the page's button (application/x-www-form-urlencoded) or the
// RFC 8058 one-click request (body List-Unsubscribe=One-Click, urlencoded or multipart): opts
// the token's contact out (idempotent; ShipmentNotifier::OptOutByToken records it on their
// timeline) and answers 200 "You will get no more shipment updates". The body is not needed
// and not read. Invalid link: the 404 page.
Response NoticeOptOutSubmit(ApiContext& ctx, Call& call);

// The same 404 page for a path under /notices/ that no route matches, whatever the method: a
// link garbled on its way ("/notices/opt-out/", "/notices/opt-out/1.2.ab%2F..") must neither
// reach the web console nor answer problem+json. The router calls it, as HelpNotFound.
Response NoticesNotFound(ApiContext& ctx, const Request& req);

}  // namespace sahayak::api::handlers
