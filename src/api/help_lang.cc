// Language negotiation and the same-origin check of the help centre (api/help.h).
#include <cstdlib>
#include <cstring>

#include "api/help.h"
#include "base/text.h"
#include "domain/kb.h"

namespace sahayak::api::help {

std::string CookieValue(std::string_view header, std::string_view name) {
  size_t pos = 0;
  while (pos < header.size()) {
    while (pos < header.size() && (header[pos] == ' ' || header[pos] == ';')) ++pos;
    size_t end = header.find(';', pos);
    if (end == std::string_view::npos) end = header.size();
    std::string_view part = header.substr(pos, end - pos);
    size_t eq = part.find('=');
    if (eq != std::string_view::npos && Trim(part.substr(0, eq)) == name) {
      return Trim(part.substr(eq + 1));
    }
    pos = end + 1;
  }
  return "";
}

std::string PreferredLanguage(std::string_view header) {
  std::string best;
  double best_q = 0;
  size_t pos = 0;
  while (pos <= header.size()) {
    size_t end = header.find(',', pos);
    if (end == std::string_view::npos) end = header.size();
    std::string_view item = header.substr(pos, end - pos);
    pos = end + 1;
    size_t semi = item.find(';');
    std::string tag = AsciiLower(Trim(item.substr(0, semi)));
    double q = 1.0;
    if (semi != std::string_view::npos) {
      std::string params = AsciiLower(std::string(item.substr(semi + 1)));
      size_t qpos = params.find("q=");
      if (qpos != std::string::npos) {
        std::string value = Trim(params.substr(qpos + 2));
        char* stop = nullptr;
        q = std::strtod(value.c_str(), &stop);
        if (stop == value.c_str() || q < 0 || q > 1) q = 0;
      }
    }
    std::string primary = tag.substr(0, tag.find('-'));
    if (q <= 0 || !domain::IsKbLanguage(primary)) continue;
    if (q > best_q) {
      best = primary;
      best_q = q;
    }
  }
  return best;
}

std::string ChooseLanguage(std::string_view cookie_header, std::string_view accept_language,
                           std::string_view workspace_default) {
  std::string cookie = CookieValue(cookie_header, kLangCookie);
  if (domain::IsKbLanguage(cookie)) return cookie;
  std::string accepted = PreferredLanguage(accept_language);
  if (!accepted.empty()) return accepted;
  if (domain::IsKbLanguage(workspace_default)) return std::string(workspace_default);
  return "en";
}

namespace {

// "https://Example.com:8080/path" -> "example.com:8080"; "" when it is not an http(s) URL.
std::string HostOfUrl(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return "";
  std::string s = AsciiLower(url.substr(0, scheme));
  if (s != "http" && s != "https") return "";
  std::string_view rest = url.substr(scheme + 3);
  size_t end = rest.find_first_of("/?#");
  std::string host = AsciiLower(rest.substr(0, end));
  if (host.find('@') != std::string::npos) return "";
  // The default ports are the same host as without them.
  if (s == "http" && host.size() > 3 && host.ends_with(":80")) host.resize(host.size() - 3);
  if (s == "https" && host.size() > 4 && host.ends_with(":443")) host.resize(host.size() - 4);
  return host;
}

}  // namespace

bool SameOrigin(const Request& req) {
  std::string host = AsciiLower(Trim(req.Header("host")));
  if (host.empty()) return false;
  std::string_view origin = req.Header("origin");
  std::string from;
  if (!origin.empty() && origin != "null") {
    from = HostOfUrl(origin);
  } else if (origin.empty()) {
    from = HostOfUrl(req.Header("referer"));
  }
  if (from.empty()) return false;
  if (from == host) return true;
  // A Host header with a default port names the same origin as one without.
  for (const char* suffix : {":80", ":443"}) {
    if (host.ends_with(suffix) && from == host.substr(0, host.size() - std::strlen(suffix))) {
      return true;
    }
  }
  return false;
}

std::string_view LanguageName(std::string_view lang) {
  if (lang == "hi") return "हिन्दी";
  if (lang == "kn") return "ಕನ್ನಡ";
  return "English";
}

}  // namespace sahayak::api::help
