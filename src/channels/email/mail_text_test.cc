#include "channels/email/mail_text.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/clock.h"
#include "base/text.h"
#include "channels/email/mail_date.h"

namespace sahayak::channels {
namespace {

std::string Decode(std::string_view raw, std::vector<std::string>* problems = nullptr) {
  return DecodeHeaderText(raw, problems);
}

TEST(DecodeHeaderText, EncodedWordsBAndQ) {
  // "पार्सल" in B and in Q.
  EXPECT_EQ(Decode("=?UTF-8?B?4KSq4KS+4KSw4KWN4KS44KSy?="), "पार्सल");
  EXPECT_EQ(Decode("=?utf-8?q?=E0=A4=AA=E0=A4=BE=E0=A4=B0=E0=A5=8D=E0=A4=B8=E0=A4=B2?="), "पार्सल");
  EXPECT_EQ(Decode("=?ISO-8859-1?Q?Caf=E9_au_lait?="), "Café au lait");
}

TEST(DecodeHeaderText, WordsSplitAcrossFoldedLinesJoinWithoutSpace) {
  // Two words on two folded lines: the white space between them is not text (RFC 2047 6.2).
  EXPECT_EQ(Decode("=?UTF-8?B?4KSq4KS+?=\r\n =?UTF-8?B?4KSw4KWN4KS44KSy?= late"), "पार्सल late");
  EXPECT_EQ(Decode("Re: =?UTF-8?Q?a?= =?UTF-8?Q?b?= c"), "Re: ab c");
}

TEST(DecodeHeaderText, CharacterSplitBetweenWords) {
  // "ಪಾ" is E0 B2 AA E0 B2 BE; the first word ends in the middle of the second character.
  EXPECT_EQ(Decode("=?UTF-8?Q?=E0=B2=AA=E0?= =?UTF-8?Q?=B2=BE?="), "ಪಾ");
}

TEST(DecodeHeaderText, Raw8BitUtf8OrLatin1) {
  EXPECT_EQ(Decode("ऑर्डर रद्द"), "ऑर्डर रद्द");
  EXPECT_EQ(Decode("R\xE9\x63lamation"), "Réclamation");  // Latin-1 bytes
}

TEST(DecodeHeaderText, FoldsWhitespaceDropsControlsAndNormalises) {
  EXPECT_EQ(Decode("  a\t\tb \x01 c  "), "a b c");
  // NFD Kannada "ಕೀ" (ಕ + ಿ + ೕ) becomes NFC (ಕ + ೀ).
  EXPECT_EQ(Decode("\xE0\xB2\x95\xE0\xB2\xBF\xE0\xB3\x95"), "\xE0\xB2\x95\xE0\xB3\x80");
}

TEST(DecodeHeaderText, MalformedWordsStayAsText) {
  EXPECT_EQ(Decode("=?UTF-8?X?abc?="), "=?UTF-8?X?abc?=");
  EXPECT_EQ(Decode("=?UTF-8?B?unterminated"), "=?UTF-8?B?unterminated");
  std::vector<std::string> problems;
  EXPECT_EQ(Decode("=?x-no-such-charset?Q?abc?=", &problems), "abc");
  EXPECT_FALSE(problems.empty());
}

TEST(ConvertToUtf8, Charsets) {
  std::vector<std::string> problems;
  EXPECT_EQ(ConvertToUtf8("\x93Hi\x94 \x80", "windows-1252", &problems), "“Hi” €");
  EXPECT_EQ(ConvertToUtf8("\xF0\xD2\xC9\xD7\xC5\xD4", "KOI8-R", &problems), "Привет");
  EXPECT_EQ(ConvertToUtf8("\xBE\xE8", "iso-8859-2", &problems), "žč");
  EXPECT_TRUE(problems.empty());
}

TEST(ConvertToUtf8, Utf16WithBom) {
  std::vector<std::string> problems;
  const std::string le("\xFF\xFE\x28\x09\x2E\x09", 6);  // BOM, "नम" little-endian
  const std::string be("\xFE\xFF\x09\x28\x09\x2E", 6);
  EXPECT_EQ(ConvertToUtf8(le, "utf-16", &problems), "नम");
  EXPECT_EQ(ConvertToUtf8(be, "UTF-16", &problems), "नम");
  EXPECT_EQ(ConvertToUtf8(std::string("\x28\x09", 2), "utf-16le", &problems), "न");
  EXPECT_TRUE(problems.empty());
}

TEST(ConvertToUtf8, BadAndLyingCharsets) {
  std::vector<std::string> problems;
  EXPECT_EQ(ConvertToUtf8("ok \xFF", "x-unknown-thing", &problems), "ok \xEF\xBF\xBD");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("x-unknown-thing"), std::string::npos);

  problems.clear();
  EXPECT_EQ(ConvertToUtf8("पता", "iso-8859-1", &problems), "पता");  // UTF-8 labelled Latin-1
  EXPECT_EQ(problems.size(), 1u);

  problems.clear();
  EXPECT_EQ(ConvertToUtf8("a\xE0\xA4z", "utf-8", &problems), "a\xEF\xBF\xBDz");
  EXPECT_EQ(problems.size(), 1u);

  problems.clear();
  EXPECT_EQ(ConvertToUtf8("caf\xE9", "", &problems), "café");  // unlabelled 8-bit
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(ConvertToUtf8("x", "bad charset \"name\"", &problems), "x");
}

TEST(ParseMessageIds, TolerantOfBracketsAndJunk) {
  EXPECT_EQ(ParseMessageIds("<a@b>"), std::vector<std::string>{"a@b"});
  EXPECT_EQ(ParseMessageIds("a@b"), std::vector<std::string>{"a@b"});
  EXPECT_EQ(ParseMessageIds("<a@b> (Ravi's message of \"Mon\")"), std::vector<std::string>{"a@b"});
  EXPECT_EQ(ParseMessageIds("<a@b> junk\r\n\t<c@d>, <a@b>"),
            (std::vector<std::string>{"a@b", "c@d"}));
  EXPECT_EQ(ParseMessageIds("<x <y@z>"), std::vector<std::string>{"y@z"});
  EXPECT_TRUE(ParseMessageIds("no ids here").empty());
  EXPECT_TRUE(ParseMessageIds("").empty());
}

TEST(ParseMailDate, Rfc5322AndVariants) {
  EXPECT_EQ(FormatRfc3339(*ParseMailDate("Tue, 01 Dec 2026 10:15:00 +0530")),
            "2026-12-01T04:45:00.000Z");
  EXPECT_EQ(FormatRfc3339(*ParseMailDate("1 Dec 2026 10:15 -0000")), "2026-12-01T10:15:00.000Z");
  EXPECT_EQ(FormatRfc3339(*ParseMailDate("Tue, 1 Dec 26 10:15:00 EST")),
            "2026-12-01T15:15:00.000Z");
  EXPECT_EQ(FormatRfc3339(*ParseMailDate("Tue,  1 Dec 2026 09:00:01 +0530 (IST)")),
            "2026-12-01T03:30:01.000Z");
  EXPECT_EQ(FormatRfc3339(*ParseMailDate("Wed Dec  2 15:37:05 2026")), "2026-12-02T15:37:05.000Z");
  EXPECT_EQ(FormatRfc3339(*ParseMailDate("2026-12-01T10:00:00Z")), "2026-12-01T10:00:00.000Z");
  EXPECT_FALSE(ParseMailDate("sometime yesterday evening").has_value());
  EXPECT_FALSE(ParseMailDate("31 Feb 2026 10:00:00 +0000").has_value());
  EXPECT_FALSE(ParseMailDate("").has_value());
  EXPECT_FALSE(ParseMailDate("1 Dec 2026 25:00:00").has_value());
}

TEST(SafeFilename, StripsPathsControlsAndOverrides) {
  EXPECT_EQ(SafeFilename("इनवॉइस.pdf"), "इनवॉइस.pdf");
  EXPECT_EQ(SafeFilename("../../etc/passwd"), "passwd");
  EXPECT_EQ(SafeFilename("C:\\Users\\x\\a.txt"), "a.txt");
  EXPECT_EQ(SafeFilename("invoice\xE2\x80\xAE"
                         "fdp.exe"),
            "invoicefdp.exe");
  EXPECT_EQ(SafeFilename("a\x01"
                         "b?.txt"),
            "ab_.txt");
  EXPECT_EQ(SafeFilename(".."), "");
  EXPECT_EQ(SafeFilename("   "), "");
  const std::string long_name = std::string(300, 'x') + ".pdf";
  const std::string cut = SafeFilename(long_name);
  EXPECT_EQ(cut.size(), 200u);
  EXPECT_EQ(cut.substr(cut.size() - 4), ".pdf");
}

TEST(ScanHeaders, UnfoldsAndFindsBody) {
  size_t body = 0;
  bool missing = false;
  const std::string raw = "From x@y Tue Dec 1 2026\nSubject: a\n  b\r\nX-A: 1\r\n\r\nbody";
  const std::vector<RawHeader> headers = ScanHeaders(raw, &body, &missing);
  ASSERT_EQ(headers.size(), 2u);
  EXPECT_EQ(headers[0].name, "Subject");
  EXPECT_EQ(headers[0].value, "a b");
  EXPECT_EQ(raw.substr(body), "body");
  EXPECT_FALSE(missing);
  EXPECT_EQ(*FindHeader(headers, "x-a"), "1");

  const std::string glued = "Subject: a\nthis is body\n";
  ScanHeaders(glued, &body, &missing);
  EXPECT_TRUE(missing);
  EXPECT_EQ(glued.substr(body), "this is body\n");

  EXPECT_TRUE(ScanHeaders("no header here\n\nbody", &body, &missing).empty());
}

}  // namespace
}  // namespace sahayak::channels
