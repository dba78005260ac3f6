// The portal's catalogues, panels and multipart form reading (api/portal.h).
#include "api/portal.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "base/text.h"
#include "testing/scripts.h"

namespace sahayak::api::portal {
namespace {

using sahayak::testing::HasCodePointIn;

TEST(PortalCatalog, EveryLanguageHasTheSameKeysAndPlaceholders) {
  const auto& langs = PortalCatalog().languages();
  ASSERT_EQ(langs.size(), 3u);
  const auto& en = langs.at("en");
  EXPECT_GT(en.size(), 50u);
  for (const auto& [lang, texts] : langs) {
    std::set<std::string> keys, want;
    for (const auto& [k, _] : texts) keys.insert(k);
    for (const auto& [k, _] : en) want.insert(k);
    EXPECT_EQ(keys, want) << lang;
    for (const auto& [k, text] : texts) {
      if (!en.count(k)) continue;
      auto a = Placeholders(en.at(k));
      auto b = Placeholders(text);
      std::sort(a.begin(), a.end());
      std::sort(b.begin(), b.end());
      EXPECT_EQ(a, b) << lang << " " << k;
      EXPECT_TRUE(IsValidUtf8(text) && ToNfc(text) == text) << lang << " " << k;
    }
  }
}

TEST(PortalCatalog, HindiAndKannadaAreTranslatedNotCopied) {
  const auto& langs = PortalCatalog().languages();
  for (const auto& [k, text] : langs.at("hi")) {
    EXPECT_TRUE(HasCodePointIn(text, 0x0900, 0x097F)) << "hi " << k << ": " << text;
    EXPECT_NE(text, langs.at("en").at(k)) << "hi " << k;
  }
  for (const auto& [k, text] : langs.at("kn")) {
    EXPECT_TRUE(HasCodePointIn(text, 0x0C80, 0x0CFF)) << "kn " << k << ": " << text;
    EXPECT_NE(text, langs.at("en").at(k)) << "kn " << k;
  }
  // Every status a ticket can have has a text of its own.
  for (const char* s : {"new", "open", "pending", "on_hold", "solved", "closed"}) {
    EXPECT_TRUE(langs.at("en").count(std::string("status.") + s)) << s;
  }
  ASSERT_NE(FindEmbeddedFile("assets/portal.css"), nullptr);
}

TEST(PortalForms, MultipartFieldsAndFiles) {
  Request req;
  req.headers.emplace_back("content-type", "multipart/form-data; boundary=XyZ");
  req.body =
      "--XyZ\r\nContent-Disposition: form-data; name=\"subject\"\r\n\r\nपार्सल\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"subject\"\r\n\r\nsecond\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.txt\"\r\n"
      "Content-Type: text/plain\r\n\r\nhello\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"files\"; filename=\"empty.txt\"\r\n\r\n\r\n"
      "--XyZ--\r\n";
  auto form = ReadMultipartForm(req);
  ASSERT_TRUE(form.ok()) << form.status().message();
  EXPECT_EQ(form->fields["subject"], "पार्सल");  // the first of a repeated name
  ASSERT_EQ(form->files.size(), 1u);            // an empty file input sends an empty part
  EXPECT_EQ(form->files[0].filename, "a.txt");
  EXPECT_EQ(form->files[0].data, "hello");

  Request bad = req;
  bad.body =
      "--XyZ\r\nContent-Disposition: form-data; name=\"subject\"\r\n\r\n\xff\xfe\r\n--XyZ--\r\n";
  EXPECT_FALSE(ReadMultipartForm(bad).ok());
  Request unclosed = req;
  unclosed.body = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n";
  EXPECT_FALSE(ReadMultipartForm(unclosed).ok());
}

}  // namespace
}  // namespace sahayak::api::portal
