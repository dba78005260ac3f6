#include "base/locale_format.h"

#include <gtest/gtest.h>

namespace sahayak {
namespace {

TEST(LocaleFormat, RupeesWithIndianGrouping) {
  EXPECT_EQ(FormatCurrency(11800000, "INR", "en"), "₹1,18,000.00");
  EXPECT_EQ(FormatCurrency(5, "INR", "en"), "₹0.05");
  // Hindi groups by lakh like Indian English; Kannada's CLDR data groups by thousands.
  EXPECT_EQ(FormatCurrency(11800000, "INR", "hi"), "₹1,18,000.00");
  EXPECT_EQ(FormatCurrency(11800000, "INR", "kn"), "₹118,000.00");
  EXPECT_NE(FormatCurrency(1999, "USD", "en").find("19.99"), std::string::npos);
  EXPECT_EQ(FormatCurrency(100, "X", "en"), "X 1.00");
}

TEST(LocaleFormat, DaysInEachLanguage) {
  EXPECT_EQ(FormatDay("2026-12-05", "en"), "5 December 2026");
  EXPECT_NE(FormatDay("2026-12-05", "hi").find("दिसंबर"), std::string::npos);
  EXPECT_NE(FormatDay("2026-12-05", "kn").find("ಡಿಸೆಂಬರ್"), std::string::npos);
  EXPECT_EQ(FormatDay("not a day", "en"), "not a day");
}

}  // namespace
}  // namespace sahayak
