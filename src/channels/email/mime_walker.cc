#include "channels/email/mime_walker.h"

#include <exception>
#include <memory>
#include <optional>
#include <vmime/vmime.hpp>

#include "base/text.h"
#include "channels/email/mail_text.h"

namespace sahayak::channels {
namespace {

struct PartInfo {
  std::string type;         // "text"
  std::string subtype;      // "plain"
  std::string charset;      // raw label, may be empty
  std::string disposition;  // "inline", "attachment" or ""
  std::string filename;     // decoded, safe, may be empty
  std::string content_id;
  std::string report_type;
  bool has_content_type = false;
};

std::string WordToUtf8(const vmime::word& w, std::vector<std::string>* problems) {
  // vmime labels text that was not an encoded word "us-ascii", whatever its bytes.
  std::string charset = w.getCharset().getName();
  if (EqualsIgnoreCase(charset, "us-ascii")) charset.clear();
  return ConvertToUtf8(w.getBuffer(), charset, problems);
}

// A parameter value: RFC 2231 (vmime decodes it and its charset), RFC 2047 words inside the
// quotes (Outlook, Gmail), or raw 8-bit text.
std::string ParameterText(const vmime::parameter& p, std::vector<std::string>* problems) {
  const vmime::word& w = p.getValue();
  const std::string& buffer = w.getBuffer();
  if (buffer.find("=?") != std::string::npos) return DecodeHeaderText(buffer, problems);
  return DecodeHeaderText(WordToUtf8(w, problems), problems);
}

std::shared_ptr<vmime::parameter> FindParam(const std::shared_ptr<vmime::headerField>& field,
                                            const char* name) {
  auto p = vmime::dynamicCast<vmime::parameterizedHeaderField>(field);
  if (!p) return nullptr;
  return p->findParameter(name);
}

PartInfo DescribePart(const vmime::bodyPart& part, std::vector<std::string>* problems) {
  PartInfo info;
  const auto header = part.getHeader();
  if (auto ct = header->findField(vmime::fields::CONTENT_TYPE)) {
    if (auto media = vmime::dynamicCast<const vmime::mediaType>(ct->getValue())) {
      info.type = RepairUtf8(AsciiLower(media->getType()));
      info.subtype = RepairUtf8(AsciiLower(media->getSubType()));
      info.has_content_type = !info.type.empty();
    }
    if (auto p = FindParam(ct, "charset")) info.charset = p->getValue().getBuffer();
    if (info.type == "multipart" && !FindParam(ct, "boundary")) {
      NoteProblem(problems, "multipart/" + info.subtype + " without a boundary parameter");
    }
    if (auto p = FindParam(ct, "report-type")) {
      info.report_type = AsciiLower(p->getValue().getBuffer());
    }
    if (auto p = FindParam(ct, "name")) info.filename = ParameterText(*p, problems);
  }
  if (auto cd = header->findField(vmime::fields::CONTENT_DISPOSITION)) {
    if (auto disp = vmime::dynamicCast<const vmime::contentDisposition>(cd->getValue())) {
      info.disposition = AsciiLower(disp->getName());
    }
    if (auto p = FindParam(cd, "filename")) {
      std::string name = ParameterText(*p, problems);
      if (!name.empty()) info.filename = std::move(name);
    }
  }
  if (auto cid = header->findField(vmime::fields::CONTENT_ID)) {
    if (auto value = cid->getValue()) {
      const std::string raw = value->generate();
      std::vector<std::string> ids = ParseMessageIds(raw);
      if (!ids.empty()) {
        info.content_id = ids.front();
      } else {
        std::string bare;
        for (char c : raw) {
          if (static_cast<unsigned char>(c) > 0x20 && c != '<' && c != '>' && c != 0x7F) {
            bare.push_back(c);
          }
        }
        info.content_id = RepairUtf8(bare.substr(0, 500));
      }
    }
  }
  info.filename = SafeFilename(info.filename);
  if (!info.has_content_type) {
    info.type = "text";
    info.subtype = "plain";
  }
  return info;
}

std::string Extension(const std::string& mime) {
  static const struct {
    const char* type;
    const char* ext;
  } kTypes[] = {{"image/png", "png"},           {"image/jpeg", "jpg"},
                {"image/jpg", "jpg"},           {"image/gif", "gif"},
                {"image/webp", "webp"},         {"image/bmp", "bmp"},
                {"image/tiff", "tif"},          {"application/pdf", "pdf"},
                {"text/calendar", "ics"},       {"text/plain", "txt"},
                {"text/html", "html"},          {"text/csv", "csv"},
                {"message/rfc822", "eml"},      {"application/zip", "zip"},
                {"application/ms-tnef", "dat"}, {"application/vnd.ms-tnef", "dat"},
                {"text/rfc822-headers", "txt"}, {"application/json", "json"}};
  for (const auto& t : kTypes) {
    if (mime == t.type) return t.ext;
  }
  return "bin";
}

std::string SniffHtmlCharset(std::string_view html) {
  const std::string head = AsciiLower(html.substr(0, 4096));
  size_t pos = head.find("charset=");
  if (pos == std::string::npos) return "";
  pos += 8;
  while (pos < head.size() && (head[pos] == '"' || head[pos] == '\'' || head[pos] == ' ')) ++pos;
  std::string label;
  while (pos < head.size() && label.size() < 40) {
    const char c = head[pos++];
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
          c == ':')) {
      break;
    }
    label.push_back(c);
  }
  return label;
}

// Joins two text bodies with exactly one blank line between them.
void AppendBlock(std::string* to, const std::string& text) {
  const size_t start = text.find_first_not_of('\n');
  if (start == std::string::npos) return;
  to->erase(to->find_last_not_of('\n') + 1);
  if (!to->empty()) to->append("\n\n");
  to->append(text, start);
}

class Walker {
 public:
  Walker(const WalkLimits& limits, int depth, const ForwardSummarizer& forward,
         std::vector<std::string>* problems, WalkResult* out)
      : limits_(limits), depth_(depth), forward_(forward), problems_(problems), out_(out) {}

  struct Bodies {
    std::string plain;
    std::string html;
  };

  Bodies Visit(const vmime::bodyPart& part, int level, const std::string& parent) {
    Bodies bodies;
    if (++nodes_ > 4 * static_cast<int>(limits_.max_parts) + 50 || level > limits_.max_depth) {
      NoteProblem(problems_, "MIME structure too large or too deep; the rest was dropped");
      return bodies;
    }
    const PartInfo info = DescribePart(part, problems_);
    const auto body = part.getBody();
    if (info.type == "multipart") {
      if (level == 0 && info.subtype == "report" && info.report_type == "delivery-status") {
        out_->is_delivery_report = true;
      }
      const size_t count = body->getPartCount();
      if (count == 0) {
        // A multipart without a (findable) boundary: read it as text.
        NoteProblem(problems_, "multipart/" + info.subtype + " without parts, read as text");
        bodies.plain =
            CleanBodyText(ConvertToUtf8(Contents(part).value_or(""), info.charset, problems_));
        return bodies;
      }
      if (info.subtype == "alternative") {
        for (size_t i = 0; i < count; ++i) {
          Bodies child = Visit(*body->getPartAt(i), level + 1, info.subtype);
          if (bodies.plain.empty()) bodies.plain = std::move(child.plain);
          if (!child.html.empty()) bodies.html = std::move(child.html);
        }
        return bodies;
      }
      for (size_t i = 0; i < count; ++i) {
        Bodies child = Visit(*body->getPartAt(i), level + 1, info.subtype);
        AppendBlock(&bodies.plain, child.plain);
        if (!child.html.empty()) bodies.html += child.html;
      }
      return bodies;
    }
    const std::string mime = info.type + "/" + info.subtype;
    const bool attachment = info.disposition == "attachment";
    if (!attachment && info.filename.empty() && info.type == "text" &&
        (info.subtype == "plain" || info.subtype == "html")) {
      const std::string bytes = Contents(part).value_or("");
      if (info.subtype == "plain") {
        bodies.plain = CleanBodyText(ConvertToUtf8(bytes, info.charset, problems_));
      } else {
        const std::string charset = info.charset.empty() ? SniffHtmlCharset(bytes) : info.charset;
        bodies.html = RepairUtf8(ConvertToUtf8(bytes, charset, problems_));
        if (!IsValidUtf8(bodies.html)) bodies.html = RepairUtf8(bodies.html);
        bodies.html = ToNfc(bodies.html);
      }
      return bodies;
    }
    if (mime == "message/delivery-status" || mime == "message/global-delivery-status") {
      out_->has_dsn_part = true;
      if (out_->dsn.empty()) out_->dsn = Contents(part).value_or("").substr(0, 64 * 1024);
      return bodies;
    }
    if (mime == "text/rfc822-headers" || mime == "message/global-headers") {
      if (out_->returned_headers.empty()) out_->returned_headers = Contents(part).value_or("");
      return bodies;
    }
    if (mime == "message/rfc822" || mime == "message/global") {
      std::optional<std::string> eml = Contents(part);
      if (!eml.has_value()) return bodies;
      if (parent == "report" && out_->returned_headers.empty()) out_->returned_headers = *eml;
      std::string summary;
      std::string subject;
      if (forward_) subject = forward_(*eml, depth_ + 1, &summary);
      if (!attachment && parent != "report") bodies.plain = summary;
      std::string name = info.filename;
      if (name.empty()) name = SafeFilename(subject.empty() ? "forwarded-message" : subject);
      if (name.size() < 4 || AsciiLower(name.substr(name.size() - 4)) != ".eml") name += ".eml";
      AddPart(std::move(name), "message/rfc822", info, std::move(eml));
      return bodies;
    }
    AddPart(info.filename, mime, info, Contents(part));
    return bodies;
  }

 private:
  // The decoded body of a leaf; nullopt (noted) when it is over the size limit.
  std::optional<std::string> Contents(const vmime::bodyPart& part) {
    std::string out;
    const auto contents = part.getBody()->getContents();
    if (!contents) return out;
    if (contents->getLength() > limits_.max_part_bytes * 4 / 3 + 4096) {
      NoteProblem(problems_, "a part over the size limit was dropped");
      return std::nullopt;
    }
    try {
      vmime::utility::outputStreamStringAdapter os(out);
      contents->extract(os);
    } catch (const std::exception&) {
      out.clear();
      try {
        vmime::utility::outputStreamStringAdapter os(out);
        contents->extractRaw(os);
        NoteProblem(problems_, "undecodable transfer encoding, kept as sent");
      } catch (const std::exception&) {
        out.clear();
      }
    }
    if (out.size() > limits_.max_part_bytes) {
      NoteProblem(problems_, "a part over the size limit was dropped");
      return std::nullopt;
    }
    return out;
  }

  void AddPart(std::string filename, const std::string& mime, const PartInfo& info,
               std::optional<std::string> content) {
    if (!content.has_value()) return;
    if (out_->parts.size() >= limits_.max_parts) {
      if (!out_->dropped_parts) {
        NoteProblem(problems_, "more than the allowed parts; the rest dropped");
      }
      out_->dropped_parts = true;
      return;
    }
    domain::MailPart part;
    part.mime_type = RepairUtf8(mime);
    part.content_id = info.content_id;
    part.is_inline = info.disposition == "inline";
    if (filename.empty()) {
      if (mime == "text/calendar") {
        filename = "invite.ics";
      } else {
        filename = std::string(info.type == "image" ? "image-" : "attachment-") +
                   std::to_string(out_->parts.size() + 1) + "." + Extension(mime);
      }
    }
    part.filename = std::move(filename);
    part.content = std::move(*content);
    out_->parts.push_back(std::move(part));
  }

  const WalkLimits& limits_;
  int depth_;
  const ForwardSummarizer& forward_;
  std::vector<std::string>* problems_;
  WalkResult* out_;
  int nodes_ = 0;
};

}  // namespace

WalkResult WalkMime(const std::string& mime, const WalkLimits& limits, int depth,
                    const ForwardSummarizer& forward, std::vector<std::string>* problems) {
  WalkResult result;
  try {
    vmime::message message;
    message.parse(mime);
    Walker walker(limits, depth, forward, problems, &result);
    Walker::Bodies bodies = walker.Visit(message, 0, "");
    result.plain = std::move(bodies.plain);
    result.html = std::move(bodies.html);
  } catch (const std::exception& e) {
    NoteProblem(problems, std::string("MIME structure unreadable: ") + RepairUtf8(e.what()));
  }
  // Fix up inline flags now that the HTML is known.
  for (domain::MailPart& part : result.parts) {
    const bool referenced =
        !part.content_id.empty() && result.html.find("cid:" + part.content_id) != std::string::npos;
    const bool image = part.mime_type.rfind("image/", 0) == 0;
    part.is_inline = referenced || (part.is_inline && image && result.html.empty());
  }
  return result;
}

}  // namespace sahayak::channels
