#include "api/html.h"

#include "base/text.h"

namespace sahayak::api::html {

std::string Escape(std::string_view text) {
  std::string repaired;
  if (!IsValidUtf8(text)) {
    repaired = RepairUtf8(text);
    text = repaired;
  }
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string Attr(std::string_view value) { return Escape(value); }

std::string UrlEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() * 3);
  for (unsigned char c : text) {
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                      (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string RenderPage(const Page& page) {
  std::string out;
  out.reserve(2048 + page.main_html.size());
  out += "<!doctype html>\n<html lang=\"";
  out += Attr(page.lang);
  out += "\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
  out += Escape(page.title);
  if (!page.site_name.empty() && page.site_name != page.title) {
    out += " · ";
    out += Escape(page.site_name);
  }
  out += "</title>\n<link rel=\"stylesheet\" href=\"";
  out += Attr(page.css_url);
  out += "\">\n</head>\n<body>\n<a class=\"skip\" href=\"#content\">";
  out += Escape(page.skip_label);
  out += "</a>\n<header class=\"top\">\n<div class=\"wrap\">\n<a class=\"brand\" href=\"";
  out += Attr(page.home_url);
  out += "\">";
  out += Escape(page.site_name);
  out += "</a>\n";
  out += page.languages_html;
  out += page.search_html;
  out += "</div>\n</header>\n<main id=\"content\" class=\"wrap\" tabindex=\"-1\">\n";
  out += page.main_html;
  out += "</main>\n<footer class=\"wrap\">\n";
  out += page.footer_html;
  out += "</footer>\n</body>\n</html>\n";
  return out;
}

}  // namespace sahayak::api::html
