#include "domain/shipment_documents.h"

#include <gtest/gtest.h>

namespace sahayak::domain {
namespace {

DocumentRule Rule(Id id, std::string destination, std::string origin = "") {
  DocumentRule r;
  r.id = id;
  r.destination_country = std::move(destination);
  r.origin_country = std::move(origin);
  r.documents.push_back({"commercial_invoice", "Commercial invoice", "", std::nullopt});
  return r;
}

Shipment From(std::string origin, std::string destination) {
  Shipment s;
  s.origin.country = std::move(origin);
  s.destination.country = std::move(destination);
  return s;
}

Id Matched(const std::vector<DocumentRule>& rules, const Shipment& s) {
  const DocumentRule* r = MatchDocumentRule(rules, s);
  return r == nullptr ? 0 : r->id;
}

TEST(ShipmentDocumentsTest, DocumentCodesAreShortLowerCaseWords) {
  EXPECT_TRUE(IsDocumentCode("commercial_invoice"));
  EXPECT_TRUE(IsDocumentCode("hs-codes"));
  EXPECT_TRUE(IsDocumentCode("kyc"));
  EXPECT_TRUE(IsDocumentCode("a"));
  EXPECT_TRUE(IsDocumentCode(std::string(40, 'x')));
  EXPECT_FALSE(IsDocumentCode(""));
  EXPECT_FALSE(IsDocumentCode(std::string(41, 'x')));
  EXPECT_FALSE(IsDocumentCode("Commercial_invoice"));
  EXPECT_FALSE(IsDocumentCode("packing list"));
  EXPECT_FALSE(IsDocumentCode("कागज़"));
}

TEST(ShipmentDocumentsTest, CountryCodesAreAssignedIsoCodesInUpperCase) {
  for (const char* c : {"IN", "US", "GB", "AE", "SG", "DE", "NP"}) EXPECT_TRUE(IsCountryCode(c)) << c;
  for (const char* c : {"", "I", "in", "Us", "USA", "ZZ", "XX", "1N", "*"}) {
    EXPECT_FALSE(IsCountryCode(c)) << c;
  }
}

TEST(ShipmentDocumentsTest, OnlyShipmentsBetweenTwoKnownCountriesAreInternational) {
  EXPECT_TRUE(IsInternational({"Bengaluru", "560001", "IN"}, {"Austin", "73301", "US"}));
  EXPECT_FALSE(IsInternational({"Mumbai", "", "IN"}, {"Delhi", "", "IN"}));
  EXPECT_FALSE(IsInternational({"", "", ""}, {"", "", ""}));
  EXPECT_FALSE(IsInternational({"", "", ""}, {"Dubai", "", "AE"}));
  EXPECT_FALSE(IsInternational({"Pune", "", "IN"}, {"", "", ""}));
}

TEST(ShipmentDocumentsTest, DomesticShipmentsNeedNoDocumentsWhateverTheRules) {
  const std::vector<DocumentRule> rules = {Rule(1, "*"), Rule(2, "IN"), Rule(3, "IN", "IN")};
  EXPECT_EQ(Matched(rules, From("IN", "IN")), 0);
  EXPECT_EQ(Matched(rules, From("", "")), 0);
  EXPECT_EQ(Matched(rules, From("", "IN")), 0);
}

TEST(ShipmentDocumentsTest, TheMostSpecificRuleWins) {
  const std::vector<DocumentRule> rules = {Rule(1, "*"), Rule(2, "*", "IN"), Rule(3, "US"),
                                           Rule(4, "US", "IN"), Rule(5, "GB", "CN")};
  // The destination's rule for this origin beats its rule for any origin…
  EXPECT_EQ(Matched(rules, From("IN", "US")), 4);
  EXPECT_EQ(Matched(rules, From("AE", "US")), 3);
  // …which beats "*" for this origin, which beats "*" for any origin.
  EXPECT_EQ(Matched(rules, From("IN", "GB")), 2);
  EXPECT_EQ(Matched(rules, From("SG", "GB")), 1);
  EXPECT_EQ(Matched(rules, From("CN", "GB")), 5);
  // The order of the list does not matter.
  const std::vector<DocumentRule> reversed(rules.rbegin(), rules.rend());
  EXPECT_EQ(Matched(reversed, From("IN", "US")), 4);
  EXPECT_EQ(Matched(reversed, From("SG", "GB")), 1);
}

TEST(ShipmentDocumentsTest, WithoutAStarRuleOtherDestinationsNeedNothing) {
  const std::vector<DocumentRule> rules = {Rule(3, "US"), Rule(4, "AE", "IN")};
  EXPECT_EQ(Matched(rules, From("IN", "DE")), 0);
  EXPECT_EQ(Matched(rules, From("SG", "AE")), 0) << "the AE rule is only for parcels from IN";
  EXPECT_EQ(Matched(rules, From("IN", "AE")), 4);
  EXPECT_EQ(Matched({}, From("IN", "US")), 0);
}

}  // namespace
}  // namespace sahayak::domain
