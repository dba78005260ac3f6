#include "base/text.h"

#include <gtest/gtest.h>

#include "base/clock.h"

namespace sahayak {
namespace {

TEST(Utf8, AcceptsIndianScriptsAndRejectsMalformedBytes) {
  EXPECT_TRUE(IsValidUtf8("मेरा पार्सल कहाँ है? ನನ್ನ ಪಾರ್ಸೆಲ್ ಎಲ್ಲಿದೆ? ₹499"));
  EXPECT_FALSE(IsValidUtf8("\xC3\x28"));          // bad continuation
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // UTF-16 surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xE0\xA4"));          // truncated
  EXPECT_TRUE(IsValidUtf8(""));
}

TEST(Utf8, RepairReplacesEachIllFormedSequenceOnce) {
  EXPECT_EQ(RepairUtf8("ok पार्सल"), "ok पार्सल");
  EXPECT_EQ(RepairUtf8("a\xC3" "(b"), "a\xEF\xBF\xBD" "(b");
  EXPECT_EQ(RepairUtf8("\xE0\xA4"), "\xEF\xBF\xBD") << "a truncated sequence is one U+FFFD";
  EXPECT_EQ(RepairUtf8("\xF0\x80\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_TRUE(IsValidUtf8(RepairUtf8("\xFF\xFE\xED\xA0\x80 x")));
}

TEST(Nfc, ComposesDecomposedText) {
  EXPECT_EQ(ToNfc("e\xCC\x81"), "\xC3\xA9");  // e + combining acute -> é
  // DEVANAGARI KA + NUKTA composes to QA (U+0958 is a composition exclusion, so NFC keeps
  // KA + NUKTA); the already-NFC string must come back byte for byte.
  const std::string qa = "\xE0\xA4\x95\xE0\xA4\xBC";
  EXPECT_EQ(ToNfc(qa), qa);
  EXPECT_EQ(ToNfc("plain ascii"), "plain ascii");
  // KANNADA VOWEL SIGN II + LENGTH MARK compose: U+0CBF U+0CD5 -> U+0CC0.
  EXPECT_EQ(ToNfc("\xE0\xB2\xBF\xE0\xB3\x95"), "\xE0\xB3\x80");
}

TEST(FoldCase, FoldsLatinAndLeavesIndicScripts) {
  EXPECT_EQ(FoldCase("Ravi@Example.IN"), "ravi@example.in");
  EXPECT_EQ(FoldCase("STRASSE"), "strasse");
  EXPECT_EQ(FoldCase("पार्सल"), "पार्सल");
}

TEST(Trim, TrimsUnicodeSpace) {
  EXPECT_EQ(Trim("  hello\t\n"), "hello");
  EXPECT_EQ(Trim("\xE2\x80\x83नमस्ते\xE2\x80\x83"), "नमस्ते");  // EM SPACE around
  EXPECT_EQ(Trim("   "), "");
}

TEST(ControlChars, FindsC0AndC1ButNotNewlines) {
  EXPECT_FALSE(HasControlChars("line one\nline two\ttabbed\r\n"));
  EXPECT_TRUE(HasControlChars(std::string("nul\0here", 8)));
  EXPECT_TRUE(HasControlChars("bell\x07"));
  EXPECT_TRUE(HasControlChars("c1 \xC2\x85 next line"));
}

TEST(Email, LooksLikeEmail) {
  EXPECT_TRUE(LooksLikeEmail("asha.rao@kaveri-logistics.co.in"));
  EXPECT_FALSE(LooksLikeEmail("asha"));
  EXPECT_FALSE(LooksLikeEmail("asha@localhost"));
  EXPECT_FALSE(LooksLikeEmail("a b@x.in"));
  EXPECT_FALSE(LooksLikeEmail("a@@x.in"));
  EXPECT_FALSE(LooksLikeEmail("a@x..in"));
}

TEST(Base64Url, RoundTrips) {
  std::string out;
  EXPECT_TRUE(Base64UrlDecode(Base64UrlEncode("i:12345"), &out));
  EXPECT_EQ(out, "i:12345");
  EXPECT_FALSE(Base64UrlDecode("!!!", &out));
}

TEST(Rfc3339, FormatsAndParses) {
  EXPECT_EQ(FormatRfc3339(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatRfc3339(1'795'459'605'123), "2026-11-23T18:46:45.123Z");
  EXPECT_EQ(FormatRfc3339(951'782'400'000), "2000-02-29T00:00:00.000Z") << "leap day";
  EXPECT_EQ(FormatRfc3339(-1), "1969-12-31T23:59:59.999Z");
  for (Millis t : {0LL, 86'399'999LL, 1'709'164'800'000LL, 4'102'444'799'999LL}) {
    Millis back = 0;
    ASSERT_TRUE(ParseRfc3339(FormatRfc3339(t), &back)) << t;
    EXPECT_EQ(back, t);
  }
  Millis t = 0;
  ASSERT_TRUE(ParseRfc3339("2026-11-23T18:46:45.123Z", &t));
  EXPECT_EQ(t, 1'795'459'605'123);
  ASSERT_TRUE(ParseRfc3339("2026-11-24T00:16:45.123+05:30", &t));
  EXPECT_EQ(t, 1'795'459'605'123) << "IST offset";
  EXPECT_FALSE(ParseRfc3339("2026-02-30T00:00:00Z", &t));
  EXPECT_FALSE(ParseRfc3339("yesterday", &t));
  EXPECT_TRUE(IsValidDate("2024-02-29"));
  EXPECT_FALSE(IsValidDate("2023-02-29"));
  EXPECT_FALSE(IsValidDate("2023-13-01"));
}

TEST(Rfc3339, KeepsTheOffsetItWasWrittenIn) {
  Millis t = 0;
  int offset = -1;
  ASSERT_TRUE(ParseRfc3339Zoned("2026-11-24T00:16:45+05:30", &t, &offset));
  EXPECT_EQ(t, 1'795'459'605'000);
  EXPECT_EQ(offset, 330);
  EXPECT_EQ(FormatRfc3339Zoned(t, offset), "2026-11-24T00:16:45+05:30");
  EXPECT_EQ(FormatRfc3339Zoned(t, 0), "2026-11-23T18:46:45Z");
  EXPECT_EQ(FormatRfc3339Zoned(t, -300), "2026-11-23T13:46:45-05:00");
  ASSERT_TRUE(ParseRfc3339Zoned("2026-11-23T13:46:45-05:00", &t, &offset));
  EXPECT_EQ(offset, -300);
  EXPECT_EQ(t, 1'795'459'605'000);
  // The calendar day depends on where: 18:46 UTC is already the next day in India.
  EXPECT_EQ(DateAt(1'795'459'605'123, 0), "2026-11-23");
  EXPECT_EQ(DateAt(1'795'459'605'123, 330), "2026-11-24");
  EXPECT_FALSE(ParseRfc3339Zoned("2026-11-24T00:16:45", &t, &offset)) << "no offset";
}

TEST(JsonDepthTest, CountsNestingOutsideStringsOnly) {
  EXPECT_TRUE(JsonDepthWithin(R"({"a":[1,{"b":2}]})", 3));
  EXPECT_FALSE(JsonDepthWithin(R"({"a":[1,{"b":2}]})", 2));
  EXPECT_TRUE(JsonDepthWithin(R"({"text":"[[[[{{{{"})", 1)) << "brackets inside a string";
  EXPECT_TRUE(JsonDepthWithin(R"({"t":"a\"[[[["})", 1)) << "an escaped quote does not end it";
  EXPECT_FALSE(JsonDepthWithin(std::string(100, '['), 64));
}

}  // namespace
}  // namespace sahayak
