#pragma once

#include <string>
#include <string_view>

// Small helpers for server-rendered HTML pages (the help centre): escaping and the page
// layout. Pure functions; thread-safe.
namespace sahayak::api::html {

// Text made safe to place between tags: & < > " ' become character references. Invalid
// UTF-8 is repaired (U+FFFD) so a page never carries broken bytes.
std::string Escape(std::string_view text);

// A value made safe for a double-quoted attribute (the same rules as Escape; spelled apart so
// call sites say where the text goes).
std::string Attr(std::string_view value);

// Percent-encodes everything but unreserved characters (RFC 3986), for a query component.
std::string UrlEncode(std::string_view text);

// One page of the help centre. Every *_html member is trusted markup the caller has built
// from escaped parts; every other member is plain text and is escaped here.
struct Page {
  std::string lang = "en";      // the <html lang> and the language of every text below
  std::string title;            // the <title>, before " · " and the site name
  std::string site_name;        // shown in the header, linking to home_url
  std::string home_url;
  std::string css_url;          // the one stylesheet
  std::string skip_label;       // "Skip to content"
  std::string search_html;      // the search form in the header (may be empty)
  std::string languages_html;   // the language switch (a <nav>)
  std::string main_html;        // the page's content, inside <main id="content">
  std::string footer_html;      // inside <footer>
};

// The whole document: doctype, <head> (charset, viewport, title, stylesheet), a skip link,
// header (banner), main and footer landmarks. No script.
std::string RenderPage(const Page& page);

}  // namespace sahayak::api::html
