// The body of a document rule (docs/shipments.md, "Documents for international shipments"):
// pure, so tests/fuzz/fuzz_document_rule_input.cc can feed it anything.
#include <set>

#include "base/text.h"
#include "domain/json_input.h"
#include "services/shipments/shipment_documents.h"
#include "services/shipments/shipment_input.h"

namespace sahayak::services {

using domain::DocumentRule;
using domain::RequiredDocument;
using nlohmann::json;

namespace {

// A country member: trimmed and upper-cased; "" stays "" (only where `allow_empty`).
void ReadCountry(domain::JsonInput* in, std::string_view key, bool required, bool allow_star,
                 bool allow_empty, std::string* out) {
  if (in->IsNull(key)) {
    if (allow_empty) {
      *out = "";
    } else {
      in->Error(key, "is required");
    }
    return;
  }
  std::string raw;
  if (!in->Str(key, &raw, required, 100)) return;
  std::string code = shipment_input::AsciiUpper(Trim(raw));
  if (code.empty() && allow_empty) {
    *out = "";
    return;
  }
  if (allow_star && code == domain::kEveryDestination) {
    *out = code;
    return;
  }
  if (!domain::IsCountryCode(code)) {
    in->Error(key, allow_star ? "must be an ISO 3166-1 two-letter country code such as US, or *"
                              : "must be an ISO 3166-1 two-letter country code such as IN, or \"\"");
    return;
  }
  *out = code;
}

// One document of the list; errors named `documents[i].member`.
std::optional<RequiredDocument> ReadDocument(const json& item, const std::string& prefix,
                                             domain::JsonInput* outer) {
  if (!item.is_object()) {
    outer->Error(prefix, "must be an object with code, name, note and kb_article_id");
    return std::nullopt;
  }
  domain::JsonInput in(item);
  domain::OnlyMembers(item, {"code", "name", "note", "kb_article_id"}, "a document", &in);
  RequiredDocument d;
  std::string code;
  if (in.Str("code", &code, true, 1000)) {
    code = Trim(code);
    if (!domain::IsDocumentCode(code)) {
      in.Error("code", "must be 1-40 characters of a-z, 0-9, '_' and '-'");
    } else {
      d.code = code;
    }
  }
  shipment_input::Text(&in, "name", &d.name, domain::kMaxDocumentNameChars, true);
  shipment_input::Text(&in, "note", &d.note, domain::kMaxDocumentNoteChars);
  if (in.Has("kb_article_id") && !in.IsNull("kb_article_id")) {
    int64_t id = 0;
    if (in.Int("kb_article_id", &id)) {
      if (id <= 0) {
        in.Error("kb_article_id", "must be the id of an article of the knowledge base");
      } else {
        d.kb_article_id = id;
      }
    }
  }
  if (!in.ok()) {
    const Status bad = in.status();
    for (const auto& e : bad.fields()) outer->Error(prefix + "." + e.field, e.message);
    return std::nullopt;
  }
  return d;
}

}  // namespace

Status ReadDocumentRule(const json& body, bool creating, DocumentRule* r) {
  RETURN_IF_ERROR(domain::RequireObject(body));
  domain::JsonInput in(body);
  domain::OnlyMembers(body, {"destination_country", "origin_country", "documents"},
                      "a document rule", &in);
  DocumentRule out = *r;
  ReadCountry(&in, "destination_country", creating, true, false, &out.destination_country);
  ReadCountry(&in, "origin_country", false, false, true, &out.origin_country);
  if (in.Has("documents") || creating) {
    if (!in.Has("documents") || in.IsNull("documents")) {
      in.Error("documents", "is required (a list, which may be empty)");
    } else if (!body["documents"].is_array()) {
      in.Error("documents", "must be a list of documents");
    } else if (body["documents"].size() > domain::kMaxRequiredDocuments) {
      in.Error("documents", "has more than " + std::to_string(domain::kMaxRequiredDocuments) +
                                " documents");
    } else {
      std::vector<RequiredDocument> docs;
      std::set<std::string> codes;
      const json& list = body["documents"];
      for (size_t i = 0; i < list.size(); ++i) {
        const std::string prefix = "documents[" + std::to_string(i) + "]";
        auto d = ReadDocument(list[i], prefix, &in);
        if (!d) continue;
        if (!codes.insert(d->code).second) {
          in.Error(prefix + ".code", "appears twice in the list");
          continue;
        }
        docs.push_back(std::move(*d));
      }
      out.documents = std::move(docs);
    }
  }
  if (in.ok() && !out.origin_country.empty() && out.origin_country == out.destination_country) {
    in.Error("origin_country",
             "must differ from destination_country: a shipment within a country is domestic");
  }
  RETURN_IF_ERROR(in.status());
  *r = std::move(out);
  return Status::Ok();
}

}  // namespace sahayak::services
