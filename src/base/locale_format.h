#pragma once

#include <cstdint>
#include <string>
#include <string_view>

// Dates and money as people in India read them, through ICU: "5 Dec 2026", "₹1,18,000.00",
// in English, Hindi or Kannada (any other language reads as English).
namespace sahayak {

// `at` (ms since the epoch) at `offset_minutes` east of UTC, in the ICU skeleton's fields
// ("yMMMd", "EEEdMMM", "dMMMjmm"); RFC 3339 when ICU cannot.
std::string FormatDateSkeleton(int64_t at, int offset_minutes, std::string_view language,
                               const char* skeleton);
// "YYYY-MM-DD" → "5 December 2026" (skeleton "yMMMMd"); the text itself when it is no date.
std::string FormatDay(const std::string& date, std::string_view language,
                      const char* skeleton = "yMMMMd");
// `minor` units of ISO 4217 `currency` with its symbol, grouped as the language does (CLDR):
// 11800000 INR → "₹1,18,000.00" in English and Hindi, "₹118,000.00" in Kannada.
std::string FormatCurrency(int64_t minor, std::string_view currency, std::string_view language);

}  // namespace sahayak
