// libFuzzer target for a macro's actions and reply texts (docs/macros.md; domain/macro.h): the
// `actions` and `reply` members of POST/PATCH /api/v1/macros, and the templates rendered from
// them.
//
// The input is one JSON document: {"actions": […], "reply": {…}} or anything else. Beyond "no
// crash, no leak, no undefined behaviour" it checks the contracts:
//  - a refusal is invalid-argument and names at least one member;
//  - accepted actions written back and read again are the same, and read the same without a
//    vocabulary (ActionsFromJson);
//  - an accepted text renders with every placeholder replaced: no "{{" survives a rendering
//    whose values hold none;
//  - FirstName of any text is one of its words or empty.

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "base/text.h"
#include "domain/macro.h"
#include "fuzz_assert.h"

namespace {

using nlohmann::json;
namespace d = sahayak::domain;

d::ActionVocabulary Vocabulary() {
  d::ActionVocabulary v;
  v.group_ids = {1, 2, 3};
  v.active_agent_ids = {7, 9};
  d::CustomFieldDef awb;
  awb.key = "awb_number";
  d::CustomFieldDef reason;
  reason.key = "reason";
  reason.type = d::FieldType::kDropdown;
  reason.options = {"late", "damaged"};
  v.custom_fields = {awb, reason};
  return v;
}

void CheckRefusal(const sahayak::Status& st, std::string_view input) {
  FUZZ_ASSERT_FALSE(st.code() != sahayak::Code::kInvalidArgument,
                    "a refusal that is not invalid-argument", input);
  FUZZ_ASSERT_FALSE(st.fields().empty(), "a refusal naming no member", input);
}

void CheckText(const std::string& text, std::string_view input) {
  d::PlaceholderValues values;
  for (const auto& name : d::KnownPlaceholders()) values[name] = "x";
  values["ticket.custom_fields.awb_number"] = "x";
  values["ticket.custom_fields.reason"] = "x";
  std::string out = d::RenderTemplate(text, values);
  FUZZ_ASSERT_FALSE(out.find("{{") != std::string::npos, "a placeholder survived rendering", input);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  if (!sahayak::IsValidUtf8(input)) return 0;  // json_body refuses it before any of this
  const std::string first = d::FirstName(input);
  FUZZ_ASSERT_FALSE(!first.empty() && input.find(first) == std::string_view::npos,
                    "a first name that is not in the name", input);
  json doc = json::parse(input, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) return 0;
  const d::ActionVocabulary vocab = Vocabulary();
  if (doc.contains("actions")) {
    auto actions = d::ParseActions(doc["actions"], vocab);
    if (!actions.ok()) {
      CheckRefusal(actions.status(), input);
    } else {
      json written = d::ActionsToJson(*actions);
      auto again = d::ParseActions(written, vocab);
      FUZZ_ASSERT_FALSE(!again.ok() || d::ActionsToJson(*again) != written,
                        "accepted actions do not read back the same", input);
      FUZZ_ASSERT_FALSE(d::ActionsToJson(d::ActionsFromJson(written)) != written,
                        "stored actions do not read back the same", input);
      for (const auto& a : *actions) {
        if (a.type == d::ActionType::kAddNote) CheckText(a.text, input);
        for (const auto& [lang, text] : a.texts) CheckText(text, input);
      }
    }
  }
  if (doc.contains("reply")) {
    d::TextVariants reply;
    sahayak::Status st =
        d::ReadTextVariants(doc["reply"], "reply", {"awb_number", "reason"}, &reply);
    if (!st.ok()) {
      CheckRefusal(st, input);
    } else {
      for (const auto& [lang, text] : reply) {
        FUZZ_ASSERT_FALSE(!d::IsTextLanguage(lang), "a reply in an unknown language", input);
        FUZZ_ASSERT_FALSE(sahayak::ToNfc(text) != text, "a reply not in NFC", input);
        CheckText(text, input);
      }
    }
  }
  return 0;
}
