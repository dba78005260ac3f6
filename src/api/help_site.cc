// Which workspace a public page belongs to: the one whose public_host the request's Host
// header names, else the default (lowest id). See docs/portal.md, "One site per workspace".
#include "api/help.h"
#include "domain/public_host.h"

namespace sahayak::api::help {

const services::Workspace* ChooseWorkspace(const std::vector<services::Workspace>& all,
                                           std::string_view host_header) {
  if (all.empty()) return nullptr;
  const std::string host = domain::RequestHost(host_header);
  const services::Workspace* fallback = &all.front();
  for (const auto& w : all) {
    if (!host.empty() && w.public_host == host) return &w;
    if (w.id < fallback->id) fallback = &w;
  }
  return fallback;
}

Result<services::Workspace> HelpWorkspace(ApiContext& ctx, const Request& req) {
  services::Workspace ws;
  RETURN_IF_ERROR(ctx.store.Read([&](services::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto all, tx.ListWorkspaces());
    const services::Workspace* chosen = ChooseWorkspace(all, req.Header("host"));
    if (chosen == nullptr) return NotFound("no workspace");
    ws = *chosen;
    return Status::Ok();
  }));
  return ws;
}

std::string SiteUrl(std::string_view public_url, std::string_view public_host) {
  std::string url(public_url);
  if (public_host.empty()) return url;
  size_t start = url.find("://");
  if (start == std::string::npos) return "https://" + std::string(public_host);
  start += 3;
  size_t end = url.find_first_of("/?#", start);
  if (end == std::string::npos) end = url.size();
  std::string_view authority = std::string_view(url).substr(start, end - start);
  if (size_t at = authority.rfind('@'); at != std::string_view::npos) {
    start += at + 1;
    authority = authority.substr(at + 1);
  }
  size_t host_end = end;
  if (!authority.empty() && authority.front() == '[') {
    size_t close = authority.find(']');
    if (close != std::string_view::npos) host_end = start + close + 1;
  } else if (size_t colon = authority.rfind(':'); colon != std::string_view::npos) {
    host_end = start + colon;
  }
  url.replace(start, host_end - start, public_host);
  return url;
}

}  // namespace sahayak::api::help
