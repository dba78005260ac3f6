// Operations figures (shipment_figures.h): contact reasons, the cohort's local days across
// time zones and daylight-saving changes, counts by carrier and route, and the estimate of
// contacts the notices saved.
#include "services/analytics/shipment_figures.h"

#include <gtest/gtest.h>

#include <string>

namespace sahayak::services {
namespace {

Millis AtTime(const std::string& rfc3339) {
  Millis t = 0;
  EXPECT_TRUE(ParseRfc3339(rfc3339, &t)) << rfc3339;
  return t;
}

ShipmentOutcome Outcome(domain::Id id, domain::Id carrier, const std::string& origin,
                        const std::string& destination, const std::string& created,
                        const std::string& status) {
  ShipmentOutcome o;
  o.id = id;
  o.carrier_id = carrier;
  o.origin = origin;
  o.destination = destination;
  o.booked_at = AtTime(created);
  o.status = status;
  return o;
}

ShipmentContact Contact(domain::Id ticket, const ShipmentOutcome& s, const std::string& at,
                        const std::string& status, std::optional<std::string> promised = {}) {
  ShipmentContact c;
  c.ticket_id = ticket;
  c.shipment_id = s.id;
  c.carrier_id = s.carrier_id;
  c.origin = s.origin;
  c.destination = s.destination;
  c.shipment_booked_at = s.booked_at;
  c.contact_at = AtTime(at);
  c.status_at_contact = status;
  c.promised_date = std::move(promised);
  return c;
}

TEST(ContactReason, FollowsTheShipmentsStateWhenTheCustomerWrote) {
  EXPECT_EQ(ContactReason("booked", std::nullopt, "2026-11-05"), "not_picked_up");
  EXPECT_EQ(ContactReason("picked_up", std::nullopt, "2026-11-05"), "in_transit");
  EXPECT_EQ(ContactReason("in_transit", "2026-11-05", "2026-11-05"), "in_transit");
  EXPECT_EQ(ContactReason("in_transit", "2026-11-04", "2026-11-05"), "late");
  EXPECT_EQ(ContactReason("booked", "2026-11-04", "2026-11-05"), "late");
  EXPECT_EQ(ContactReason("out_for_delivery", "2026-11-01", "2026-11-05"), "out_for_delivery");
  EXPECT_EQ(ContactReason("delivery_failed", "2026-11-01", "2026-11-05"), "delivery_failed");
  EXPECT_EQ(ContactReason("delivered", "2026-11-01", "2026-11-05"), "after_delivery");
  EXPECT_EQ(ContactReason("returned_to_origin", std::nullopt, "2026-11-05"), "returned");
  EXPECT_EQ(ContactReason("lost", std::nullopt, "2026-11-05"), "lost_or_damaged");
  EXPECT_EQ(ContactReason("damaged", std::nullopt, "2026-11-05"), "lost_or_damaged");
}

TEST(ShipmentFigureBuilder, CohortRunsFromLocalMidnightToLocalMidnight) {
  ShipmentFigureBuilder b("2026-11-01", "2026-11-03", "Asia/Kolkata");
  EXPECT_EQ(b.start(), AtTime("2026-10-31T18:30:00Z"));
  EXPECT_EQ(b.end(), AtTime("2026-11-03T18:30:00Z"));
  b.AddOutcome(Outcome(1, 1, "Bengaluru", "Delhi", "2026-10-31T18:30:00Z", "booked"));
  b.AddOutcome(Outcome(2, 1, "Bengaluru", "Delhi", "2026-11-01T18:29:59Z", "booked"));
  b.AddOutcome(Outcome(3, 1, "Bengaluru", "Delhi", "2026-11-03T18:29:59Z", "booked"));
  ShipmentFigures f = b.Finish();
  ASSERT_EQ(f.days.size(), 3u);
  EXPECT_EQ(f.days[0].date, "2026-11-01");
  EXPECT_EQ(f.days[0].shipments, 2);
  EXPECT_EQ(f.days[1].shipments, 0);
  EXPECT_EQ(f.days[2].date, "2026-11-03");
  EXPECT_EQ(f.days[2].shipments, 1);
  EXPECT_EQ(f.totals.shipments, 3);
}

TEST(ShipmentFigureBuilder, DaysFollowDaylightSavingChanges) {
  // Britain leaves summer time on Sunday 25 October 2026 at 01:00 UTC: that day has 25 hours.
  ShipmentFigureBuilder b("2026-10-24", "2026-10-26", "Europe/London");
  EXPECT_EQ(b.start(), AtTime("2026-10-23T23:00:00Z"));
  EXPECT_EQ(b.end(), AtTime("2026-10-27T00:00:00Z"));
  b.AddOutcome(Outcome(1, 1, "London", "Leeds", "2026-10-25T23:30:00Z", "booked"));
  b.AddOutcome(Outcome(2, 1, "London", "Leeds", "2026-10-26T00:00:00Z", "booked"));
  ShipmentFigures f = b.Finish();
  ASSERT_EQ(f.days.size(), 3u);
  EXPECT_EQ(f.days[1].date, "2026-10-25");
  EXPECT_EQ(f.days[1].shipments, 1);  // 23:30 GMT is still the 25th
  EXPECT_EQ(f.days[2].shipments, 1);
}

TEST(ShipmentFigureBuilder, LatenessIsJudgedOnTheLocalDate) {
  ShipmentFigureBuilder b("2026-11-01", "2026-11-30", "Asia/Kolkata");
  ShipmentOutcome s = Outcome(1, 1, "Mysuru", "Pune", "2026-11-02T05:00:00Z", "delivered");
  b.AddOutcome(s);
  // 20:00 UTC on the 5th is 01:30 on the 6th in India: a day after the promised date.
  b.AddContact(Contact(10, s, "2026-11-05T20:00:00Z", "in_transit", "2026-11-05"));
  b.AddContact(Contact(11, s, "2026-11-05T18:00:00Z", "in_transit", "2026-11-05"));
  ShipmentFigures f = b.Finish();
  EXPECT_EQ(f.totals.contacts, 2);
  EXPECT_EQ(f.totals.reasons["late"], 1);
  EXPECT_EQ(f.totals.reasons["in_transit"], 1);
}

TEST(ShipmentFigureBuilder, CountsByCarrierAndRoute) {
  ShipmentFigureBuilder b("2026-11-01", "2026-11-30", "Asia/Kolkata");
  ShipmentOutcome a = Outcome(1, 7, "Bengaluru", "Delhi", "2026-11-02T05:00:00Z", "delivered");
  a.failed_attempt = true;
  ShipmentOutcome c = Outcome(2, 7, "BENGALURU", "delhi", "2026-11-02T06:00:00Z",
                              "returned_to_origin");
  c.failed_attempt = true;
  c.returned = true;
  ShipmentOutcome d = Outcome(3, 9, "Mumbai", "Hubballi", "2026-11-03T06:00:00Z", "lost");
  for (const auto& o : {a, c, d}) b.AddOutcome(o);
  b.AddContact(Contact(20, a, "2026-11-04T06:00:00Z", "delivery_failed"));
  b.AddContact(Contact(21, c, "2026-11-09T06:00:00Z", "returned_to_origin"));
  b.AddContact(Contact(22, d, "2026-11-05T06:00:00Z", "lost"));
  ShipmentFigures f = b.Finish();

  EXPECT_EQ(f.totals.shipments, 3);
  EXPECT_EQ(f.totals.contacts, 3);
  EXPECT_EQ(f.totals.delivered, 1);
  EXPECT_EQ(f.totals.failed_attempt, 2);
  EXPECT_EQ(f.totals.returned, 1);
  EXPECT_EQ(f.totals.lost_or_damaged, 1);

  ASSERT_EQ(f.by_carrier.size(), 2u);
  EXPECT_EQ(f.by_carrier[7].shipments, 2);
  EXPECT_EQ(f.by_carrier[7].contacts, 2);
  EXPECT_EQ(f.by_carrier[7].reasons["delivery_failed"], 1);
  EXPECT_EQ(f.by_carrier[7].reasons["returned"], 1);
  EXPECT_EQ(f.by_carrier[9].reasons["lost_or_damaged"], 1);

  // Routes group regardless of letter case and keep the first spelling seen.
  ASSERT_EQ(f.by_route.size(), 2u);
  EXPECT_EQ(f.by_route[0].origin, "Bengaluru");
  EXPECT_EQ(f.by_route[0].destination, "Delhi");
  EXPECT_EQ(f.by_route[0].counts.shipments, 2);
  EXPECT_EQ(f.by_route[0].counts.contacts, 2);
  EXPECT_EQ(f.by_route[1].origin, "Mumbai");

  // A contact is counted on the day its shipment was booked.
  EXPECT_EQ(f.days[1].date, "2026-11-02");
  EXPECT_EQ(f.days[1].shipments, 2);
  EXPECT_EQ(f.days[1].contacts, 2);
}

TEST(ShipmentFigureBuilder, KeepsTheBusiestRoutes) {
  ShipmentFigureBuilder b("2026-11-01", "2026-11-30", "Asia/Kolkata");
  domain::Id id = 1;
  for (int r = 0; r < 5; ++r) {
    for (int i = 0; i <= r; ++i) {
      b.AddOutcome(Outcome(id++, 1, "Origin" + std::to_string(r), "Dest",
                           "2026-11-02T05:00:00Z", "in_transit"));
    }
  }
  ShipmentFigures f = b.Finish(3);
  ASSERT_EQ(f.by_route.size(), 3u);
  EXPECT_EQ(f.by_route[0].origin, "Origin4");
  EXPECT_EQ(f.by_route[0].counts.shipments, 5);
  EXPECT_EQ(f.by_route[2].origin, "Origin2");
}

NoticeFollowUp Notice(domain::Id shipment, const std::string& kind, const std::string& outcome,
                      bool contacted) {
  NoticeFollowUp n;
  n.shipment_id = shipment;
  n.notice = kind;
  n.outcome = outcome;
  n.contacted_after = contacted;
  return n;
}

TEST(ShipmentFigureBuilder, EstimatesTheContactsNoticesSaved) {
  ShipmentFigureBuilder b("2026-11-01", "2026-11-30", "Asia/Kolkata");
  domain::Id id = 1;
  // Late: 100 told (80 by e-mail, 20 in their chat), 5 got in touch; 20 not told (opted out
  // or no address), 6 did.
  for (int i = 0; i < 100; ++i) {
    b.AddNotice(Notice(id++, "late", i < 80 ? "mailed" : "chatted", i < 5));
  }
  for (int i = 0; i < 10; ++i) b.AddNotice(Notice(id++, "late", "opted_out", i < 3));
  for (int i = 0; i < 10; ++i) b.AddNotice(Notice(id++, "late", "no_address", i < 3));
  b.AddNotice(Notice(id++, "late", "stale", true));  // neither group
  // Delivery failed: too few untold to compare.
  for (int i = 0; i < 30; ++i) b.AddNotice(Notice(id++, "delivery_failed", "mailed", i < 9));
  for (int i = 0; i < 19; ++i) b.AddNotice(Notice(id++, "delivery_failed", "off", i < 10));
  // Delivered: the told got in touch more than the untold; no negative saving.
  for (int i = 0; i < 40; ++i) b.AddNotice(Notice(id++, "delivered", "mailed", i < 8));
  for (int i = 0; i < 20; ++i) b.AddNotice(Notice(id++, "delivered", "off", i < 1));
  ShipmentFigures f = b.Finish();

  ASSERT_EQ(f.notices.size(), 3u);
  EXPECT_EQ(f.notices[0].notice, "delivered");
  EXPECT_EQ(f.notices[0].prevented, 0);
  EXPECT_EQ(f.notices[1].notice, "delivery_failed");
  EXPECT_EQ(f.notices[1].told, 30);
  EXPECT_EQ(f.notices[1].untold, 19);
  EXPECT_FALSE(f.notices[1].prevented.has_value());
  const NoticeFigure& late = f.notices[2];
  EXPECT_EQ(late.notice, "late");
  EXPECT_EQ(late.told, 100);
  EXPECT_EQ(late.told_contacted, 5);
  EXPECT_EQ(late.untold, 20);
  EXPECT_EQ(late.untold_contacted, 6);
  EXPECT_EQ(late.prevented, 25);  // (6/20 - 5/100) × 100
  EXPECT_EQ(f.prevented, 25);
}

TEST(ShipmentFigureBuilder, NoEstimateWithoutNotices) {
  ShipmentFigureBuilder b("2026-11-01", "2026-11-01", "Asia/Kolkata");
  ShipmentFigures f = b.Finish();
  EXPECT_TRUE(f.notices.empty());
  EXPECT_FALSE(f.prevented.has_value());
  ASSERT_EQ(f.days.size(), 1u);
  EXPECT_EQ(f.totals.shipments, 0);
}

}  // namespace
}  // namespace sahayak::services
