// The input rules of orders, invoices and contracts without storage.
#include "services/commerce/commerce_input.h"

#include <gtest/gtest.h>

namespace sahayak::services::commerce_input {
namespace {

using nlohmann::json;

std::vector<std::string> Fields(const domain::JsonInput& in) {
  std::vector<std::string> out;
  const Status st = in.status();
  for (const auto& f : st.fields()) out.push_back(f.field);
  return out;
}

TEST(CommerceInput, AmountsAsStringsOrNumbersWithTwoDecimalsAtMost) {
  domain::Order o;
  json body = {{"number", "A1"},
               {"items", {{{"name", "x"}, {"unit_price", 499.5}}, {{"name", "y"}, {"unit_price", "0.05"}}}},
               {"shipping", 40}};
  domain::JsonInput in(body);
  ReadOrder(body, true, 0, &in, &o);
  ASSERT_TRUE(in.ok()) << in.status().ToString();
  EXPECT_EQ(o.items[0].unit_price, 49950);
  EXPECT_EQ(o.items[1].unit_price, 5);
  EXPECT_EQ(o.total, 49950 + 5 + 4000);

  json bad = {{"number", "A2"}, {"shipping", "4.005"}, {"tax", -1}, {"discount", "1e3"}};
  domain::JsonInput in2(bad);
  domain::Order o2;
  ReadOrder(bad, true, 0, &in2, &o2);
  EXPECT_EQ(Fields(in2), (std::vector<std::string>{"shipping", "discount", "tax"}));
}

TEST(CommerceInput, RoundTripMembersAreAcceptedAndIgnored) {
  // What GET returns can be sent back to PATCH.
  json body = {{"id", 7}, {"number", "A1"}, {"version", 3}, {"shipments", json::array()},
               {"created_at", "2026-12-01T00:00:00Z"}};
  domain::Order o;
  o.number = "A1";
  domain::JsonInput in(body);
  ReadOrder(body, false, 0, &in, &o);
  EXPECT_TRUE(in.ok()) << in.status().ToString();
}

TEST(CommerceInput, InvoiceLinesNameTheirBadMembers) {
  json body = {{"number", "I1"},
               {"issued_on", "2026-02-30"},
               {"lines", {{{"description", ""}, {"unit_price", "1"}, {"tax_rate", "101"}},
                          "not a line"}},
               {"bill_to", "Line one\nLine two"}};
  domain::Invoice i;
  domain::JsonInput in(body);
  ReadInvoice(body, true, &in, &i);
  EXPECT_EQ(Fields(in), (std::vector<std::string>{"lines[0].description", "lines[0].tax_rate",
                                                  "lines[1]", "issued_on"}));
}

TEST(CommerceInput, BillToKeepsLinesButNoOtherControlCharacters) {
  json body = {{"number", "I2"}, {"issued_on", "2026-12-01"}, {"bill_to", "Kaveri\r\nMG Road"}};
  domain::Invoice i;
  domain::JsonInput in(body);
  ReadInvoice(body, true, &in, &i);
  ASSERT_TRUE(in.ok()) << in.status().ToString();
  EXPECT_EQ(i.bill_to, "Kaveri\nMG Road");
  EXPECT_EQ(i.due_on, "2026-12-01");  // due when issued unless said
  json bell = {{"number", "I3"}, {"issued_on", "2026-12-01"}, {"bill_to", "a\x07"}};
  domain::JsonInput in2(bell);
  ReadInvoice(bell, true, &in2, &i);
  EXPECT_EQ(Fields(in2), (std::vector<std::string>{"bill_to"}));
}

TEST(CommerceInput, ContractsNeedANumberAnOrganisationAndAStart) {
  json body = json::object();
  domain::Contract k;
  std::optional<int64_t> org;
  std::optional<std::optional<int64_t>> manager;
  domain::JsonInput in(body);
  ReadContract(body, true, &in, &k, &org, &manager);
  EXPECT_EQ(Fields(in), (std::vector<std::string>{"number", "organisation_id", "start_on"}));
}

}  // namespace
}  // namespace sahayak::services::commerce_input
