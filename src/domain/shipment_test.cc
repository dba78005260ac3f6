#include "domain/shipment.h"

#include <gtest/gtest.h>

namespace sahayak::domain {
namespace {

TEST(ShipmentStatusTest, NamesRoundTripAndFinalOnes) {
  for (auto s : {ShipmentStatus::kBooked, ShipmentStatus::kPickedUp, ShipmentStatus::kInTransit,
                 ShipmentStatus::kOutForDelivery, ShipmentStatus::kDelivered,
                 ShipmentStatus::kDeliveryFailed, ShipmentStatus::kReturnedToOrigin,
                 ShipmentStatus::kLost, ShipmentStatus::kDamaged}) {
    EXPECT_EQ(ParseShipmentStatus(ShipmentStatusName(s)), s) << ShipmentStatusName(s);
  }
  EXPECT_FALSE(ParseShipmentStatus("Delivered").has_value());
  EXPECT_FALSE(ParseShipmentStatus("").has_value());
  EXPECT_TRUE(IsFinal(ShipmentStatus::kDelivered));
  EXPECT_TRUE(IsFinal(ShipmentStatus::kLost));
  EXPECT_FALSE(IsFinal(ShipmentStatus::kDeliveryFailed)) << "a failed attempt is retried";
  EXPECT_FALSE(IsFinal(ShipmentStatus::kOutForDelivery));
}

TEST(TrackingNumberTest, NormalisesAndRefusesWithTheReason) {
  EXPECT_EQ(NormaliseTrackingNumber(" bd 1234-5678 in ").value(), "BD1234-5678IN");
  EXPECT_EQ(NormaliseTrackingNumber("59012345678").value(), "59012345678");
  for (const char* bad : {"", "AB1", "ABCDEFGH", "BD12/34", "पार्सल123", "BD123'--",
                          "12345678901234567890123456789012345678901"}) {
    auto r = NormaliseTrackingNumber(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
    ASSERT_EQ(r.status().fields().size(), 1u);
    EXPECT_EQ(r.status().fields()[0].field, "tracking_number");
  }
  EXPECT_TRUE(IsValidCarrierCode("bluedart"));
  EXPECT_TRUE(IsValidCarrierCode("india_post-2"));
  EXPECT_FALSE(IsValidCarrierCode("Blue Dart"));
  EXPECT_FALSE(IsValidCarrierCode("x"));
}

TEST(MoneyTest, ParsesRupeesToPaiseAndBack) {
  EXPECT_EQ(ParseMoneyMinor("499"), 49900);
  EXPECT_EQ(ParseMoneyMinor("499.5"), 49950);
  EXPECT_EQ(ParseMoneyMinor("0.05"), 5);
  for (const char* bad : {"", ".5", "499.", "499.505", "-1", "1e3", "4 99", "१२"}) {
    EXPECT_FALSE(ParseMoneyMinor(bad).has_value()) << bad;
  }
  EXPECT_FALSE(ParseMoneyMinor("100000000000").has_value()) << "10^11 rupees is too much";
  EXPECT_EQ(FormatMoneyMinor(49950), "499.50");
  EXPECT_EQ(FormatMoneyMinor(5), "0.05");
  EXPECT_EQ(FormatMoneyMinor(0), "0.00");
}

TEST(LateTest, PromiseAgainstTodayAndEta) {
  Shipment s;
  s.status = ShipmentStatus::kInTransit;
  EXPECT_FALSE(IsLate(s, "2026-12-10")) << "nothing promised";
  s.promised_date = "2026-12-05";
  EXPECT_FALSE(IsLate(s, "2026-12-05")) << "the promised day itself is not late";
  EXPECT_TRUE(IsLate(s, "2026-12-06"));
  s.eta = "2026-12-07";
  EXPECT_TRUE(IsLate(s, "2026-12-03")) << "the carrier already expects it after the promise";
  s.eta = "2026-12-04";
  EXPECT_FALSE(IsLate(s, "2026-12-03"));
  s.status = ShipmentStatus::kDelivered;
  EXPECT_FALSE(IsLate(s, "2026-12-20")) << "delivered is never late any more";
  s.status = ShipmentStatus::kDeliveryFailed;
  EXPECT_TRUE(IsLate(s, "2026-12-06"));
}

TEST(TrackingUrlTest, FillsInTheNumber) {
  EXPECT_EQ(TrackingUrl("https://track.example/{number}?n={number}", "BD1"),
            "https://track.example/BD1?n=BD1");
  EXPECT_EQ(TrackingUrl("", "BD1"), "");
}

}  // namespace
}  // namespace sahayak::domain
