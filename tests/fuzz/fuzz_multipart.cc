// libFuzzer target for MultipartBoundary and ParseMultipart. The first line of the input is the
// boundary (and, as a Content-Type parameter, the input of MultipartBoundary); the rest is the
// body. Beyond "no crash, no leak, no undefined behaviour" it checks the contract: part data
// lies inside the body, names are valid UTF-8, file names are safe, the part limit holds.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "api/multipart.h"
#include "base/status.h"
#include "base/text.h"
#include "fuzz_assert.h"

namespace {

constexpr size_t kMaxParts = 8;

void CheckFilename(const std::string& filename) {
  if (!sahayak::IsValidUtf8(filename)) {
    FUZZ_ASSERT_FAIL("filename is not UTF-8", filename);
  }
  if (filename.empty() || filename.size() > 255 || filename == "." || filename == "..") {
    FUZZ_ASSERT_FAIL("filename empty, too long or a directory", filename);
  }
  for (const char ch : filename) {
    const auto c = static_cast<unsigned char>(ch);
    if (ch == '/' || ch == '\\' || c < 0x20 || c == 0x7F) {
      FUZZ_ASSERT_FAIL("filename holds a separator or control character", filename);
    }
  }
  if (filename.find("\xE2\x80\xAE") != std::string::npos) {
    FUZZ_ASSERT_FAIL("filename holds a right-to-left override", filename);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t eol = input.find('\n');
  std::string_view boundary = input.substr(0, eol);
  if (!boundary.empty() && boundary.back() == '\r') {
    boundary.remove_suffix(1);
  }
  const std::string_view body =
      eol == std::string_view::npos ? std::string_view() : input.substr(eol + 1);

  const sahayak::Result<std::string> from_header =
      sahayak::api::MultipartBoundary("multipart/form-data; boundary=" + std::string(boundary));
  if (from_header.ok() && (from_header->empty() || from_header->size() > 70)) {
    FUZZ_ASSERT_FAIL("MultipartBoundary returned a bad boundary", *from_header);
  }
  const sahayak::Result<std::string> raw = sahayak::api::MultipartBoundary(boundary);
  if (!raw.ok() && raw.status().code() != sahayak::Code::kInvalidArgument) {
    FUZZ_ASSERT_FAIL("MultipartBoundary error is not InvalidArgument", raw.status().ToString());
  }

  const auto parts = sahayak::api::ParseMultipart(body, boundary, kMaxParts);
  if (!parts.ok()) {
    const sahayak::Code code = parts.status().code();
    if (code != sahayak::Code::kInvalidArgument && code != sahayak::Code::kResourceExhausted) {
      FUZZ_ASSERT_FAIL("unexpected error code", parts.status().ToString());
    }
    if (!sahayak::IsValidUtf8(parts.status().message())) {
      FUZZ_ASSERT_FAIL("error message is not UTF-8", parts.status().message());
    }
    return 0;
  }
  if (parts->size() > kMaxParts) {
    FUZZ_ASSERT_FAIL("more parts than allowed", body);
  }
  for (const sahayak::api::MultipartPart& part : *parts) {
    if (part.data.data() < body.data() ||
        part.data.data() + part.data.size() > body.data() + body.size()) {
      FUZZ_ASSERT_FAIL("part data outside the body", body);
    }
    if (!sahayak::IsValidUtf8(part.name) || !sahayak::IsValidUtf8(part.content_type) || part.content_type.empty()) {
      FUZZ_ASSERT_FAIL("part name or content type not UTF-8 or empty", part.name + part.content_type);
    }
    if (!part.filename.empty()) {
      CheckFilename(part.filename);
    }
  }
  return 0;
}
