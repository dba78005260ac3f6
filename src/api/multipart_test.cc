#include "api/multipart.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace sahayak::api {
namespace {

std::vector<MultipartPart> ParseOk(std::string_view body, std::string_view boundary,
                                   size_t max_parts = 100) {
  Result<std::vector<MultipartPart>> parts = ParseMultipart(body, boundary, max_parts);
  EXPECT_TRUE(parts.ok()) << parts.status().ToString();
  return parts.ok() ? parts.value() : std::vector<MultipartPart>();
}

Status ParseError(std::string_view body, std::string_view boundary, size_t max_parts = 100) {
  Result<std::vector<MultipartPart>> parts = ParseMultipart(body, boundary, max_parts);
  EXPECT_FALSE(parts.ok());
  return parts.status();
}

// What a browser sends for a form with one text field and one file.
const char kBrowserBody[] =
    "------WebKitFormBoundary7MA4YWxkTrZu0gW\r\n"
    "Content-Disposition: form-data; name=\"subject\"\r\n"
    "\r\n"
    "Parcel not delivered\r\n"
    "------WebKitFormBoundary7MA4YWxkTrZu0gW\r\n"
    "Content-Disposition: form-data; name=\"attachment\"; filename=\"photo.jpg\"\r\n"
    "Content-Type: image/jpeg\r\n"
    "\r\n"
    "\xFF\xD8\xFF\xE0\r\n\r\nbinary--not-a-boundary\r\n"
    "------WebKitFormBoundary7MA4YWxkTrZu0gW--\r\n";

TEST(Multipart, BoundaryFromContentType) {
  EXPECT_EQ(
      MultipartBoundary("multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxk").value(),
      "----WebKitFormBoundary7MA4YWxk");
  EXPECT_EQ(MultipartBoundary("Multipart/Form-Data;BOUNDARY=\"a b'(c)+_,-./:=?\"").value(),
            "a b'(c)+_,-./:=?");
  EXPECT_EQ(MultipartBoundary("multipart/form-data; charset=utf-8; boundary=xyz ; x=1").value(),
            "xyz");
}

TEST(Multipart, BoundaryErrorsNameTheProblem) {
  const struct {
    const char* content_type;
    const char* message;
  } kCases[] = {
      {"application/json", "Content-Type is not multipart/form-data"},
      {"multipart/form-data", "Content-Type has no boundary parameter"},
      {"multipart/form-data; boundary=", "multipart boundary is empty"},
      {"multipart/form-data; boundary=\"\"", "multipart boundary is empty"},
      {"multipart/form-data; boundary=\"abc", "unterminated quoted string"},
      {"multipart/form-data; boundary=\"abc \"", "multipart boundary ends with a space"},
      {"multipart/form-data; boundary=a<b", "character RFC 2046 does not allow"},
  };
  for (const auto& c : kCases) {
    Result<std::string> boundary = MultipartBoundary(c.content_type);
    ASSERT_FALSE(boundary.ok()) << c.content_type;
    EXPECT_EQ(boundary.status().code(), Code::kInvalidArgument);
    EXPECT_NE(boundary.status().message().find(c.message), std::string::npos)
        << c.content_type << ": " << boundary.status().message();
  }
  const Result<std::string> too_long =
      MultipartBoundary("multipart/form-data; boundary=" + std::string(71, 'a'));
  EXPECT_EQ(too_long.status().message(), "multipart boundary is longer than 70 characters");
  EXPECT_TRUE(MultipartBoundary("multipart/form-data; boundary=" + std::string(70, 'a')).ok());
}

TEST(Multipart, ParsesBrowserForm) {
  const std::vector<MultipartPart> parts =
      ParseOk(kBrowserBody, "----WebKitFormBoundary7MA4YWxkTrZu0gW");
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].name, "subject");
  EXPECT_EQ(parts[0].filename, "");
  EXPECT_EQ(parts[0].content_type, "text/plain");
  EXPECT_EQ(parts[0].data, "Parcel not delivered");
  EXPECT_EQ(parts[1].name, "attachment");
  EXPECT_EQ(parts[1].filename, "photo.jpg");
  EXPECT_EQ(parts[1].content_type, "image/jpeg");
  EXPECT_EQ(parts[1].data, std::string_view("\xFF\xD8\xFF\xE0\r\n\r\nbinary--not-a-boundary"));
  const std::string_view body = kBrowserBody;
  EXPECT_GE(parts[1].data.data(), body.data());
  EXPECT_LE(parts[1].data.data() + parts[1].data.size(), body.data() + body.size());
}

TEST(Multipart, AcceptsBareLfPreambleEpilogueAndPadding) {
  const std::string body =
      "This is a preamble.\n"
      "--xyz  \t\n"
      "content-disposition: form-data; name=a\n"
      "\n"
      "one\n"
      "--xyz\n"
      "CONTENT-DISPOSITION: form-data; name=b\r\n"
      "\r\n"
      "two\r\n"
      "--xyz--   \r\n"
      "epilogue --xyz\r\n";
  const std::vector<MultipartPart> parts = ParseOk(body, "xyz");
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].name, "a");
  EXPECT_EQ(parts[0].data, "one");
  EXPECT_EQ(parts[1].name, "b");
  EXPECT_EQ(parts[1].data, "two");
}

TEST(Multipart, EmptyPartsAndEmptyForm) {
  EXPECT_TRUE(ParseOk("--b--\r\n", "b").empty());
  const std::vector<MultipartPart> parts = ParseOk(
      "--b\r\nContent-Disposition: form-data; name=\"e\"\r\n\r\n\r\n--b\r\n"
      "Content-Disposition: form-data; name=\"f\"\r\n\r\n--b--",
      "b");
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].data, "");
  EXPECT_EQ(parts[1].data, "");
}

TEST(Multipart, FoldedHeadersAndEscapedQuotes) {
  const std::vector<MultipartPart> parts = ParseOk(
      "--b\r\n"
      "Content-Disposition: form-data;\r\n"
      "\tname=\"say \\\"hi\\\"\";\r\n"
      "  filename=\"my \\\"best\\\" file.txt\"\r\n"
      "Content-Type: text/plain;\r\n charset=utf-8\r\n"
      "\r\n"
      "x\r\n"
      "--b--\r\n",
      "b");
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0].name, "say \"hi\"");
  EXPECT_EQ(parts[0].filename, "my \"best\" file.txt");
  EXPECT_EQ(parts[0].content_type, "text/plain; charset=utf-8");
}

std::string FilenameOf(const std::string& disposition_params) {
  const std::string body = "--b\r\nContent-Disposition: form-data; name=\"f\"" +
                           disposition_params + "\r\n\r\ndata\r\n--b--\r\n";
  const std::vector<MultipartPart> parts = ParseOk(body, "b");
  return parts.empty() ? "<error>" : parts[0].filename;
}

TEST(Multipart, ExtendedFilenameTakesPrecedenceAndDecodesUtf8) {
  // "पार्सल.pdf" and "ರಸೀದಿ.pdf" percent-encoded, as browsers and curl send them.
  EXPECT_EQ(
      FilenameOf("; filename=\"parcel.pdf\"; "
                 "filename*=UTF-8''%E0%A4%AA%E0%A4%BE%E0%A4%B0%E0%A5%8D%E0%A4%B8%E0%A4%B2.pdf"),
      "पार्सल.pdf");
  EXPECT_EQ(FilenameOf("; filename*=utf-8'kn'%E0%B2%B0%E0%B2%B8%E0%B3%80%E0%B2%A6%E0%B2%BF.pdf; "
                       "filename=\"receipt.pdf\""),
            "ರಸೀದಿ.pdf");
  EXPECT_EQ(FilenameOf("; filename*=iso-8859-1'en'caf%E9.txt"), "café.txt");
  EXPECT_EQ(FilenameOf("; filename=\"fallback.txt\"; filename*=koi8-r''%C1.txt"), "fallback.txt");
  EXPECT_EQ(FilenameOf("; filename=\"fallback.txt\"; filename*=UTF-8''bad%zz.txt"), "fallback.txt");
  EXPECT_EQ(FilenameOf("; filename*=UTF-8''%2E%2E%2F%2E%2E%2Fetc%2Fpasswd"), "passwd");
  // Raw UTF-8 in filename= (what Chrome and Firefox send) passes through.
  EXPECT_EQ(FilenameOf("; filename=\"ನನ್ನ ಪಾರ್ಸೆಲ್.png\""), "ನನ್ನ ಪಾರ್ಸೆಲ್.png");
}

TEST(Multipart, FilenamesAreSanitised) {
  EXPECT_EQ(FilenameOf("; filename=\"C:\\Users\\asha\\Desktop\\bill.pdf\""), "bill.pdf");
  EXPECT_EQ(FilenameOf("; filename=\"../../etc/passwd\""), "passwd");
  EXPECT_EQ(FilenameOf("; filename=\"..\""), "attachment");
  EXPECT_EQ(FilenameOf("; filename=\"dir/\""), "attachment");
  EXPECT_EQ(FilenameOf("; filename=\"\""), "attachment");
  EXPECT_EQ(FilenameOf("; filename=\"  \""), "attachment");
  EXPECT_EQ(FilenameOf("; filename=\"a\x01\x7F\xC2\x85"
                       "b.txt\""),
            "ab.txt");
  EXPECT_EQ(FilenameOf("; filename=\"invoice\xE2\x80\xAE"
                       "fdp.exe\""),
            "invoicefdp.exe");
  EXPECT_EQ(FilenameOf("; filename=\"bad\xFF.txt\""), "bad\xEF\xBF\xBD.txt");
  // Zero-width joiner (क्‍ष) is part of the spelling and stays.
  EXPECT_EQ(FilenameOf("; filename=\"\xE0\xA4\x95\xE0\xA5\x8D\xE2\x80\x8D\xE0\xA4\xB7.txt\""),
            "\xE0\xA4\x95\xE0\xA5\x8D\xE2\x80\x8D\xE0\xA4\xB7.txt");
  const std::string long_name = FilenameOf("; filename=\"" + std::string(300, 'x') + ".pdf\"");
  EXPECT_EQ(long_name.size(), 255u);
  EXPECT_EQ(long_name.substr(251), ".pdf");
  std::string devanagari;
  for (int i = 0; i < 100; ++i) {
    devanagari += "\xE0\xA4\xAA";  // प, 3 bytes
  }
  const std::string cut = FilenameOf("; filename=\"" + devanagari + ".txt\"");
  EXPECT_LE(cut.size(), 255u);
  EXPECT_EQ(cut.substr(cut.size() - 4), ".txt");
  EXPECT_EQ((cut.size() - 4) % 3, 0u);
}

TEST(Multipart, InvalidUtf8InNamesBecomesReplacementCharacter) {
  const std::vector<MultipartPart> parts = ParseOk(
      "--b\r\nContent-Disposition: form-data; name=\"n\xC3\"\r\n"
      "Content-Type: text/\xFF\r\n\r\nd\xFF\r\n--b--",
      "b");
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0].name, "n\xEF\xBF\xBD");
  EXPECT_EQ(parts[0].content_type, "text/\xEF\xBF\xBD");
  EXPECT_EQ(parts[0].data, "d\xFF");
}

TEST(Multipart, MalformedBodiesAreInvalidArgument) {
  const struct {
    const char* body;
    const char* message;
  } kCases[] = {
      {"", "does not contain its boundary"},
      {"no boundary here", "does not contain its boundary"},
      {"--b\r\nContent-Disposition: form-data; name=a\r\n\r\ndata", "no closing boundary"},
      {"--b\r\nContent-Disposition: form-data; name=a\r\n\r\ndata\r\n--b", "no closing boundary"},
      {"--b\r\nContent-Disposition: form-data; name=a\r\n\r\ndata\r\n--bb--",
       "no closing boundary"},
      {"--b\r\nContent-Disposition: form-data; name=a", "not ended by a blank line"},
      {"--b\r\nContent-Disposition: form-data; name=a\r\n--b--\r\n", "no blank line after"},
      {"--b\r\nX-Nonsense\r\n\r\nd\r\n--b--", "header line without a colon"},
      {"--b\r\nContent-Type: text/plain\r\n\r\nd\r\n--b--", "no Content-Disposition header"},
      {"--b\r\nContent-Disposition: form-data; filename=x\r\n\r\nd\r\n--b--", "no name parameter"},
      {"--b\r\nContent-Disposition: form-data; name=\"a\r\n\r\nd\r\n--b--",
       "unterminated quoted string"},
  };
  for (const auto& c : kCases) {
    const Status status = ParseError(c.body, "b");
    EXPECT_EQ(status.code(), Code::kInvalidArgument) << c.body;
    EXPECT_NE(status.message().find(c.message), std::string::npos)
        << c.body << ": " << status.message();
  }
  EXPECT_EQ(ParseError("--\r\n", "").message(), "multipart boundary is empty");
}

TEST(Multipart, TooManyPartsIsResourceExhausted) {
  std::string body;
  for (int i = 0; i < 4; ++i) {
    body +=
        "--b\r\nContent-Disposition: form-data; name=\"f" + std::to_string(i) + "\"\r\n\r\nv\r\n";
  }
  body += "--b--\r\n";
  EXPECT_EQ(ParseOk(body, "b", 4).size(), 4u);
  const Status status = ParseError(body, "b", 3);
  EXPECT_EQ(status.code(), Code::kResourceExhausted);
  EXPECT_EQ(status.message(), "multipart body has more than 3 parts");
}

TEST(Multipart, BoundaryTextInsideDataIsNotADelimiter) {
  const std::vector<MultipartPart> parts = ParseOk(
      "--b\r\nContent-Disposition: form-data; name=a\r\n\r\n"
      "x--b\r\n--bc\r\n--b-\r\n --b\r\nend\r\n--b--",
      "b");
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0].data, "x--b\r\n--bc\r\n--b-\r\n --b\r\nend");
}

}  // namespace
}  // namespace sahayak::api
