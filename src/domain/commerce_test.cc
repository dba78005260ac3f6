// The pure rules of orders, invoices and contracts: numbers, rates, totals and the states
// derived from today's date.
#include "domain/commerce.h"

#include <gtest/gtest.h>

namespace sahayak::domain {
namespace {

TEST(Reference, NormalisesTheWaysPeopleWriteNumbers) {
  EXPECT_EQ(*NormaliseReference(" #od-1001 "), "OD-1001");
  EXPECT_EQ(*NormaliseReference("inv/2026-27/0042"), "INV/2026-27/0042");
  EXPECT_EQ(*NormaliseReference("MSA 2026 007"), "MSA2026007");
  EXPECT_FALSE(NormaliseReference("").ok());
  EXPECT_FALSE(NormaliseReference("#").ok());
  EXPECT_FALSE(NormaliseReference("---").ok());
  EXPECT_FALSE(NormaliseReference("OD<1001>").ok());
  EXPECT_FALSE(NormaliseReference("ऑर्डर1001").ok());
  EXPECT_FALSE(NormaliseReference(std::string(41, 'A')).ok());
  EXPECT_TRUE(NormaliseReference(std::string(40, 'A')).ok());
}

TEST(Rates, ParseAndFormatPercentages) {
  EXPECT_EQ(ParseRatePercent("18"), 1800);
  EXPECT_EQ(ParseRatePercent("18.5"), 1850);
  EXPECT_EQ(ParseRatePercent("0.25"), 25);
  EXPECT_EQ(ParseRatePercent("100"), 10000);
  EXPECT_FALSE(ParseRatePercent("100.01"));
  EXPECT_FALSE(ParseRatePercent("-5"));
  EXPECT_FALSE(ParseRatePercent("18%"));
  EXPECT_FALSE(ParseRatePercent("1.234"));
  EXPECT_FALSE(ParseRatePercent(""));
  EXPECT_EQ(FormatRatePercent(1800), "18");
  EXPECT_EQ(FormatRatePercent(1850), "18.5");
  EXPECT_EQ(FormatRatePercent(25), "0.25");
  EXPECT_EQ(FormatRatePercent(0), "0");
}

TEST(OrderTotals, AddItemsShippingAndTaxLessTheDiscount) {
  Order o;
  o.items = {{"TS-M", "T-shirt", 2, 49900, 0}, {"", "Socks", 3, 9950, 0}};
  o.shipping = 5000;
  o.discount = 10000;
  o.tax = 1800;
  ASSERT_TRUE(ComputeOrderTotals(&o));
  EXPECT_EQ(o.items[0].amount, 99800);
  EXPECT_EQ(o.items[1].amount, 29850);
  EXPECT_EQ(o.subtotal, 129650);
  EXPECT_EQ(o.total, 129650 + 5000 + 1800 - 10000);
}

TEST(OrderTotals, RefuseOverflow) {
  Order o;
  o.items = {{"", "x", 1'000'000, INT64_MAX / 10, 0}};
  EXPECT_FALSE(ComputeOrderTotals(&o));
}

TEST(InvoiceTotals, TaxFromRatesRoundsPerLine) {
  Invoice i;
  // 333.33 × 18 % = 59.9994 → 60.00; 0.05 × 18 % = 0.009 → 0.01.
  i.lines = {{"Express", "996812", 1, 33333, 1800, 0}, {"Fuel", "", 1, 5, 1800, 0}};
  ASSERT_TRUE(ComputeInvoiceTotals(&i));
  EXPECT_EQ(i.subtotal, 33338);
  EXPECT_EQ(i.tax, 6000 + 1);
  EXPECT_EQ(i.total, 33338 + 6001);
}

TEST(InvoiceTotals, GivenTaxStaysWhenNoLineHasARate) {
  Invoice i;
  i.lines = {{"Freight", "", 2, 50000, 0, 0}};
  i.tax = 12345;
  ASSERT_TRUE(ComputeInvoiceTotals(&i));
  EXPECT_EQ(i.subtotal, 100000);
  EXPECT_EQ(i.tax, 12345);
  EXPECT_EQ(i.total, 112345);
}

TEST(InvoiceState, FollowsStatusPaymentsAndTheDueDate) {
  Invoice i;
  i.total = 1000;
  i.due_on = "2026-12-15";
  EXPECT_EQ(InvoiceState(i, "2026-12-15"), "open");
  EXPECT_EQ(InvoiceState(i, "2026-12-16"), "overdue");
  i.amount_paid = 1000;
  EXPECT_EQ(InvoiceState(i, "2026-12-16"), "paid");
  i.amount_paid = 0;
  i.status = InvoiceStatus::kPaid;
  EXPECT_EQ(InvoiceState(i, "2027-01-01"), "paid");
  i.status = InvoiceStatus::kVoid;
  EXPECT_EQ(InvoiceState(i, "2027-01-01"), "void");
}

TEST(ContractState, UpcomingActiveExpiredAndOpenEnded) {
  Contract k;
  k.start_on = "2026-04-01";
  k.end_on = "2027-03-31";
  EXPECT_EQ(ContractState(k, "2026-03-31"), "upcoming");
  EXPECT_EQ(ContractState(k, "2026-04-01"), "active");
  EXPECT_EQ(ContractState(k, "2027-03-31"), "active");
  EXPECT_EQ(ContractState(k, "2027-04-01"), "expired");
  k.end_on.reset();
  EXPECT_EQ(ContractState(k, "2099-01-01"), "active");
}

TEST(StoredJson, ItemsAndLinesRoundTrip) {
  std::vector<OrderItem> items = {{"S1", "साड़ी", 2, 150000, 300000}};
  EXPECT_EQ(ItemsFromJsonText(ItemsToJsonText(items)), items);
  std::vector<InvoiceLine> lines = {{"ಪಾರ್ಸೆಲ್", "996812", 3, 1000, 1850, 3000}};
  EXPECT_EQ(LinesFromJsonText(LinesToJsonText(lines)), lines);
  EXPECT_TRUE(ItemsFromJsonText("not json").empty());
}

}  // namespace
}  // namespace sahayak::domain
