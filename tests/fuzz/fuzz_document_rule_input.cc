// libFuzzer target for the body of a document rule (docs/shipments.md, "Documents for
// international shipments"): POST and PATCH /api/v1/shipment-document-rules
// (services::ReadDocumentRule).
//
// The input is one JSON document, read as a new rule and as a change to an existing one. Beyond
// "no crash, no leak, no undefined behaviour" it checks the contracts:
//  - a refusal is invalid-argument, names at least one member, and leaves the rule as it was;
//  - an accepted rule has an ISO country (or "*") as destination, "" or another ISO country as
//    origin, at most 20 documents whose codes are valid and unique, names of 1-100 and notes of
//    at most 500 characters in NFC, and positive article ids.

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/text.h"
#include "domain/shipment_documents.h"
#include "fuzz_assert.h"
#include "services/shipments/shipment_documents.h"

namespace {

using sahayak::domain::DocumentRule;

void CheckRule(const DocumentRule& r, std::string_view input) {
  FUZZ_ASSERT_FALSE(r.destination_country != "*" &&
                        !sahayak::domain::IsCountryCode(r.destination_country),
                    "destination is not a country", input);
  FUZZ_ASSERT_FALSE(!r.origin_country.empty() && !sahayak::domain::IsCountryCode(r.origin_country),
                    "origin is not a country", input);
  FUZZ_ASSERT_FALSE(!r.origin_country.empty() && r.origin_country == r.destination_country,
                    "origin equals destination", input);
  FUZZ_ASSERT_FALSE(r.documents.size() > sahayak::domain::kMaxRequiredDocuments,
                    "too many documents", input);
  std::set<std::string> codes;
  for (const auto& d : r.documents) {
    FUZZ_ASSERT_FALSE(!sahayak::domain::IsDocumentCode(d.code), "bad code", input);
    FUZZ_ASSERT_FALSE(!codes.insert(d.code).second, "code twice", input);
    const size_t name = sahayak::CodePointCount(d.name);
    FUZZ_ASSERT_FALSE(name == 0 || name > sahayak::domain::kMaxDocumentNameChars, "name length",
                      input);
    FUZZ_ASSERT_FALSE(sahayak::CodePointCount(d.note) > sahayak::domain::kMaxDocumentNoteChars,
                      "note length", input);
    FUZZ_ASSERT_FALSE(sahayak::ToNfc(d.name) != d.name || sahayak::ToNfc(d.note) != d.note,
                      "text not in NFC", input);
    FUZZ_ASSERT_FALSE(d.kb_article_id && *d.kb_article_id <= 0, "article id not positive", input);
  }
}

void Read(const nlohmann::json& body, bool creating, std::string_view input) {
  DocumentRule r;
  r.destination_country = "GB";
  r.documents.push_back({"kyc", "KYC", "", std::nullopt});
  const DocumentRule before = r;
  sahayak::Status st = sahayak::services::ReadDocumentRule(body, creating, &r);
  if (!st.ok()) {
    FUZZ_ASSERT_FALSE(st.code() != sahayak::Code::kInvalidArgument, "refusal not invalid-argument",
                      input);
    FUZZ_ASSERT_FALSE(body.is_object() && st.fields().empty(), "refusal names no member", input);
    FUZZ_ASSERT_FALSE(r.destination_country != before.destination_country ||
                          r.origin_country != before.origin_country ||
                          r.documents != before.documents,
                      "a refusal changed the rule", input);
    return;
  }
  CheckRule(r, input);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  if (!sahayak::IsValidUtf8(input)) return 0;  // json_body.cc refuses these before any handler
  nlohmann::json body = nlohmann::json::parse(input, nullptr, false);
  if (body.is_discarded()) return 0;
  Read(body, true, input);
  Read(body, false, input);
  return 0;
}
