// libFuzzer target for the threading helpers that read outside input (services/mail/threading.h):
// subjects, addresses, Message-IDs, body text and sanitised HTML with cid: links. The first line
// of the input is a mailbox address; the rest is used as each of the others. Beyond "no crash,
// no leak, no undefined behaviour" it checks the contracts: valid UTF-8 out, a normalised
// subject is stable under normalising again, ticket numbers are positive, cleaned Message-IDs
// hold no space, control character or angle bracket, and HTML without cid: passes unchanged.

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "base/text.h"
#include "fuzz_assert.h"
#include "services/mail/threading.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t eol = input.find('\n');
  const std::string_view mailbox = input.substr(0, eol);
  const std::string_view rest = eol == std::string_view::npos ? "" : input.substr(eol + 1);

  const std::string subject = sahayak::services::NormaliseSubject(rest);
  FUZZ_ASSERT_TRUE(sahayak::IsValidUtf8(subject), "normalised subject is not UTF-8");
  FUZZ_ASSERT_FALSE(!subject.empty() && (subject.front() == ' ' || subject.back() == ' '),
                    "normalised subject has spaces at an end", subject);
  FUZZ_ASSERT_FALSE(subject.find("  ") != std::string::npos,
                    "normalised subject has a double space", subject);
  FUZZ_ASSERT_FALSE(sahayak::services::NormaliseSubject(subject) != subject,
                    "normalising twice changes the subject", subject);

  const auto numbers = sahayak::services::SubjectTicketNumbers(rest);
  FUZZ_ASSERT_TRUE(numbers.size() <= 10, "more than 10 ticket numbers");
  for (int64_t n : numbers) FUZZ_ASSERT_TRUE(n > 0, "ticket number not positive");

  for (std::string_view box : {std::string_view(), mailbox}) {
    auto n = sahayak::services::PlusAddressTicketNumber(rest, box);
    FUZZ_ASSERT_TRUE(!n || *n > 0, "plus-address ticket number not positive");
  }

  const std::string id = sahayak::services::CleanMessageId(rest);
  FUZZ_ASSERT_TRUE(id.size() <= 998, "Message-ID too long");
  for (char ch : id) {
    const auto c = static_cast<unsigned char>(ch);
    FUZZ_ASSERT_FALSE(c <= 0x20 || c == 0x7F || c == '<' || c == '>',
                      "Message-ID holds a space, control character or bracket", id);
  }

  const std::string lang = sahayak::services::GuessLanguageByScript(rest);
  FUZZ_ASSERT_TRUE(lang.empty() || lang == "hi" || lang == "kn", "unknown language");

  const std::map<std::string, std::string> urls = {
      {std::string(mailbox), "/api/v1/attachments/1/content"}};
  const std::string html = sahayak::services::RewriteCidImages(rest, urls);
  if (sahayak::AsciiLower(rest).find("cid:") == std::string::npos) {
    FUZZ_ASSERT_FALSE(html != rest, "HTML without cid: changed", html);
  }
  return 0;
}
