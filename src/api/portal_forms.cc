// The portal's forms with files, and the home page's panels (api/portal.h).
#include <algorithm>

#include "api/html.h"
#include "api/multipart.h"
#include "api/portal.h"
#include "base/text.h"
#include "services/attachments/attachment_service.h"

namespace sahayak::api::portal {

namespace {

// Programs a customer has no reason to send and an agent must not be tricked into running.
bool IsExecutable(std::string_view filename, std::string_view mime) {
  for (std::string_view t :
       {"application/x-dosexec", "application/x-executable", "application/x-sharedlib",
        "application/x-pie-executable", "application/x-mach-binary", "application/x-msi",
        "application/vnd.microsoft.portable-executable", "application/x-msdownload",
        "text/x-shellscript"}) {
    if (mime == t) return true;
  }
  const std::string name = AsciiLower(filename);
  const size_t dot = name.rfind('.');
  if (dot == std::string::npos) return false;
  const std::string ext = name.substr(dot + 1);
  for (std::string_view e : {"exe", "com", "bat", "cmd", "scr", "msi", "pif", "vbs", "vbe", "js",
                             "jse", "wsf", "ps1", "jar", "sh", "apk", "dll", "cpl"}) {
    if (ext == e) return true;
  }
  return false;
}

}  // namespace

std::string StringField(const nlohmann::json& body, const char* name) {
  if (!body.is_object() || !body.contains(name) || !body[name].is_string()) return "";
  return ToNfc(body[name].get<std::string>());
}

Result<MultipartForm> ReadMultipartForm(const Request& req) {
  ASSIGN_OR_RETURN(std::string boundary, MultipartBoundary(req.Header("content-type")));
  ASSIGN_OR_RETURN(std::vector<MultipartPart> parts, ParseMultipart(req.body, boundary, 40));
  MultipartForm out;
  for (const MultipartPart& p : parts) {
    if (!p.filename.empty()) {
      if (!p.data.empty()) out.files.push_back({p.filename, p.data});
      continue;
    }
    if (p.name.empty() || out.fields.contains(p.name)) continue;
    if (!IsValidUtf8(p.data)) return InvalidArgument("the form is not UTF-8");
    out.fields[p.name] = ToNfc(std::string(p.data));
  }
  return out;
}

Result<std::vector<domain::Attachment>> StoreUploads(const Visit& v,
                                                     const std::vector<UploadedFile>& files,
                                                     std::string* message) {
  const size_t max = v.ctx.limits.max_attachment_bytes;
  if (files.size() > domain::kMaxAttachmentsPerMessage) {
    *message = v.F("files.too_many", {{"max", std::to_string(domain::kMaxAttachmentsPerMessage)}});
    return InvalidArgument(*message);
  }
  // Every file is checked before any is stored.
  for (const UploadedFile& f : files) {
    if (f.data.size() > max) {
      *message = v.F("files.too_large",
                     {{"file", f.filename}, {"max", std::to_string(max / (1024 * 1024)) + " MB"}});
      return ResourceExhausted(*message);
    }
    if (IsExecutable(f.filename, services::DetectMimeType(f.data))) {
      *message = v.F("files.not_allowed", {{"file", f.filename}});
      return InvalidArgument(*message);
    }
  }
  services::Principal who;
  who.workspace_id = v.workspace.id;
  who.via = services::Principal::Via::kCli;
  std::vector<domain::Attachment> out;
  for (const UploadedFile& f : files) {
    auto a = v.ctx.attachments.StoreFile(who, f.filename, f.data);
    if (!a.ok()) {
      *message =
          a.status().code() == Code::kResourceExhausted
              ? v.F("files.too_large",
                    {{"file", f.filename}, {"max", std::to_string(max / (1024 * 1024)) + " MB"}})
              : v.F("files.bad", {{"file", f.filename}});
      return a.status();
    }
    out.push_back(std::move(a).value());
  }
  return out;
}

std::string RenderPanels(const Visit& v, const std::vector<Panel>& panels) {
  std::string out = "<div class=\"panels\">\n";
  for (const Panel& p : panels) {
    out += "<section class=\"card panel\" id=\"panel-" + html::Attr(p.key) +
           "\" aria-labelledby=\"h-" + html::Attr(p.key) + "\"><h2 id=\"h-" + html::Attr(p.key) +
           "\">" + html::Escape(v.T("panel." + p.key + ".title")) + "</h2>";
    if (p.items.empty()) {
      out += "<p class=\"meta\">" + html::Escape(v.T("panel." + p.key + ".empty")) + "</p>";
    } else {
      out += "<ul class=\"list\">";
      for (const PanelItem& i : p.items) {
        out += "<li>";
        out += i.url.empty()
                   ? html::Escape(i.title)
                   : "<a href=\"" + html::Attr(i.url) + "\">" + html::Escape(i.title) + "</a>";
        if (!i.detail.empty()) out += " <span class=\"meta\">" + html::Escape(i.detail) + "</span>";
        out += "</li>";
      }
      out += "</ul>";
    }
    out += "</section>\n";
  }
  out += "</div>\n";
  return out;
}

}  // namespace sahayak::api::portal
