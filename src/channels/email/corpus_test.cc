// Parses every message of tests/data/mail/ and checks it against its NAME.json: the expected
// parse outcome as data (see tests/data/mail/README.md for the keys).

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/text.h"
#include "channels/email/vmime_mail_parser.h"

namespace sahayak::channels {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// tests/data/mail, found from this source file's path or by walking up from the current
// folder (a build folder inside the source tree).
fs::path CorpusDir() {
  fs::path from_source =
      fs::path(__FILE__).parent_path() / ".." / ".." / ".." / "tests" / "data" / "mail";
  if (fs::is_directory(from_source)) return from_source;
  for (fs::path dir = fs::current_path(); !dir.empty(); dir = dir.parent_path()) {
    if (fs::is_directory(dir / "tests" / "data" / "mail")) return dir / "tests" / "data" / "mail";
    if (dir == dir.parent_path()) break;
  }
  return {};
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const char* KindName(domain::MailKind kind) {
  switch (kind) {
    case domain::MailKind::kNormal:
      return "normal";
    case domain::MailKind::kAutoReply:
      return "auto_reply";
    case domain::MailKind::kBulk:
      return "bulk";
    case domain::MailKind::kBounce:
      return "bounce";
  }
  return "?";
}

std::vector<std::string> Emails(const std::vector<domain::MailAddress>& list) {
  std::vector<std::string> out;
  for (const auto& a : list) out.push_back(a.email);
  return out;
}

void Check(const std::string& name, const domain::InboundMail& mail, const json& want) {
  SCOPED_TRACE(name);
  static const std::set<std::string> kKnown = {"subject",
                                               "from",
                                               "from_name",
                                               "kind",
                                               "attachments",
                                               "inline_images",
                                               "text_contains",
                                               "text_not_contains",
                                               "text",
                                               "html",
                                               "references",
                                               "in_reply_to",
                                               "message_id",
                                               "date",
                                               "to",
                                               "cc",
                                               "delivered_to",
                                               "reply_to",
                                               "auth_results_contains",
                                               "auth_results_not_contains",
                                               "bounce_recipient",
                                               "bounce_status",
                                               "bounce_action",
                                               "bounce_diagnostic_contains",
                                               "bounce_message_id",
                                               "problems",
                                               "content_ids",
                                               "mime_types",
                                               "part_count",
                                               "language",
                                               "outcome",
                                               "threaded_to",
                                               "threaded_by"};
  for (const auto& [key, value] : want.items()) {
    EXPECT_TRUE(kKnown.count(key)) << "unknown key " << key;
  }
  // The outcome is for the ingest; here it must agree with what the parser found.
  const std::string outcome = want.at("outcome").get<std::string>();
  const std::string kind = KindName(mail.kind);
  EXPECT_TRUE(outcome == "new_ticket" || outcome == "reply" || outcome == "bounce_note" ||
              outcome == "auto_reply")
      << outcome;
  EXPECT_EQ(outcome == "bounce_note", kind == "bounce");
  EXPECT_EQ(outcome == "auto_reply", kind == "auto_reply");

  EXPECT_TRUE(IsValidUtf8(mail.subject) && IsValidUtf8(mail.text) && IsValidUtf8(mail.html));
  if (want.contains("subject")) {
    EXPECT_EQ(mail.subject, want["subject"].get<std::string>());
  }
  if (want.contains("from")) {
    EXPECT_EQ(mail.from.email, want["from"].get<std::string>());
  }
  if (want.contains("from_name")) {
    EXPECT_EQ(mail.from.name, want["from_name"].get<std::string>());
  }
  if (want.contains("kind")) {
    EXPECT_EQ(kind, want["kind"].get<std::string>());
  }
  if (want.contains("message_id")) {
    EXPECT_EQ(mail.message_id, want["message_id"].get<std::string>());
  }
  if (want.contains("in_reply_to")) {
    EXPECT_EQ(mail.in_reply_to, want["in_reply_to"].get<std::string>());
  }
  if (want.contains("references")) {
    EXPECT_EQ(mail.references.size(), want["references"].get<size_t>());
  }
  if (want.contains("threaded_to")) {
    const std::string id = want["threaded_to"].get<std::string>();
    const bool found =
        mail.in_reply_to == id ||
        std::find(mail.references.begin(), mail.references.end(), id) != mail.references.end() ||
        (mail.delivery_status && mail.delivery_status->original_message_id == id);
    EXPECT_TRUE(found) << "no header names " << id;
  }
  if (want.contains("date")) {
    if (want["date"].is_null()) {
      EXPECT_FALSE(mail.date.has_value());
    } else {
      ASSERT_TRUE(mail.date.has_value());
      EXPECT_EQ(FormatRfc3339(*mail.date), want["date"].get<std::string>());
    }
  }
  if (want.contains("to")) {
    EXPECT_EQ(Emails(mail.to), want["to"].get<std::vector<std::string>>());
  }
  if (want.contains("cc")) {
    EXPECT_EQ(Emails(mail.cc), want["cc"].get<std::vector<std::string>>());
  }
  if (want.contains("delivered_to")) {
    EXPECT_EQ(Emails(mail.delivered_to), want["delivered_to"].get<std::vector<std::string>>());
  }
  if (want.contains("reply_to")) {
    ASSERT_TRUE(mail.reply_to.has_value());
    EXPECT_EQ(mail.reply_to->email, want["reply_to"].get<std::string>());
  }
  if (want.contains("text")) {
    EXPECT_EQ(mail.text, want["text"].get<std::string>());
  }
  for (const auto& s : want.value("text_contains", json::array())) {
    EXPECT_NE(mail.text.find(s.get<std::string>()), std::string::npos)
        << "text lacks " << s << "; text is:\n"
        << mail.text;
  }
  for (const auto& s : want.value("text_not_contains", json::array())) {
    EXPECT_EQ(mail.text.find(s.get<std::string>()), std::string::npos) << "text has " << s;
  }
  if (want.contains("html")) {
    EXPECT_EQ(!mail.html.empty(), want["html"].get<bool>());
  }
  for (const auto& s : want.value("auth_results_contains", json::array())) {
    EXPECT_NE(mail.authentication_results.find(s.get<std::string>()), std::string::npos) << s;
  }
  for (const auto& s : want.value("auth_results_not_contains", json::array())) {
    EXPECT_EQ(mail.authentication_results.find(s.get<std::string>()), std::string::npos) << s;
  }
  std::vector<std::string> attachments;
  std::vector<std::string> content_ids;
  std::vector<std::string> mime_types;
  size_t inline_images = 0;
  for (const auto& part : mail.parts) {
    if (part.is_inline) {
      ++inline_images;
    } else {
      attachments.push_back(part.filename);
    }
    if (!part.content_id.empty()) content_ids.push_back(part.content_id);
    mime_types.push_back(part.mime_type);
    EXPECT_FALSE(part.filename.empty());
  }
  if (want.contains("attachments")) {
    EXPECT_EQ(attachments, want["attachments"].get<std::vector<std::string>>());
  }
  if (want.contains("inline_images")) {
    EXPECT_EQ(inline_images, want["inline_images"].get<size_t>());
  }
  if (want.contains("content_ids")) {
    for (const auto& id : want["content_ids"]) {
      EXPECT_NE(std::find(content_ids.begin(), content_ids.end(), id.get<std::string>()),
                content_ids.end())
          << id;
    }
  }
  if (want.contains("mime_types")) {
    for (const auto& t : want["mime_types"]) {
      EXPECT_NE(std::find(mime_types.begin(), mime_types.end(), t.get<std::string>()),
                mime_types.end())
          << t;
    }
  }
  if (want.contains("part_count")) {
    EXPECT_EQ(mail.parts.size(), want["part_count"].get<size_t>());
  }
  if (want.contains("bounce_recipient") || want.contains("bounce_status") ||
      want.contains("bounce_message_id")) {
    ASSERT_TRUE(mail.delivery_status.has_value());
    const auto& ds = *mail.delivery_status;
    if (want.contains("bounce_recipient")) {
      EXPECT_EQ(ds.original_recipient, want["bounce_recipient"].get<std::string>());
    }
    if (want.contains("bounce_status")) {
      EXPECT_EQ(ds.status, want["bounce_status"].get<std::string>());
    }
    if (want.contains("bounce_action")) {
      EXPECT_EQ(ds.action, want["bounce_action"].get<std::string>());
    }
    if (want.contains("bounce_diagnostic_contains")) {
      EXPECT_NE(ds.diagnostic.find(want["bounce_diagnostic_contains"].get<std::string>()),
                std::string::npos)
          << ds.diagnostic;
    }
    if (want.contains("bounce_message_id")) {
      EXPECT_EQ(ds.original_message_id, want["bounce_message_id"].get<std::string>());
    }
  }
  if (want.contains("problems")) {
    std::string all;
    for (const auto& p : mail.problems) all += p + "; ";
    EXPECT_EQ(!mail.problems.empty(), want["problems"].get<bool>()) << all;
  }
}

TEST(MailCorpus, EveryMessageParsesAsExpected) {
  const fs::path dir = CorpusDir();
  ASSERT_FALSE(dir.empty()) << "tests/data/mail not found";
  std::vector<fs::path> emls;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".eml") emls.push_back(entry.path());
  }
  std::sort(emls.begin(), emls.end());
  EXPECT_GE(emls.size(), 60u) << "the corpus should hold at least 60 messages";
  const VmimeMailParser parser;
  for (const fs::path& eml : emls) {
    fs::path expected = eml;
    expected.replace_extension(".json");
    ASSERT_TRUE(fs::exists(expected)) << expected;
    const json want = json::parse(ReadFile(expected));
    Result<domain::InboundMail> mail = parser.Parse(ReadFile(eml));
    ASSERT_TRUE(mail.ok()) << eml << ": " << mail.status().ToString();
    Check(eml.filename().string(), *mail, want);
  }
}

}  // namespace
}  // namespace sahayak::channels
