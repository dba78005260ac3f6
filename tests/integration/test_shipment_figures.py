"""Operations figures on the real server (docs/analytics.md, issue 7 item 7): contacts per
1,000 shipments, contact reasons read from the shipment's state when the customer wrote, by
carrier and by route, failed-delivery (NDR) and return (RTO) rates, tickets the notifier opened
itself not counted as contacts, merged-away tickets counted once, notices told against not told
with the estimate of contacts saved, the carrier filter, 422s naming the bad parameter, admins
only, and a second workspace that sees none of it."""

import unittest
from datetime import datetime, timedelta, timezone

import harness

S = {}
IST = timezone(timedelta(hours=5, minutes=30))
SECOND = "Second Couriers"
NO_QUIET_HOURS = {"quiet_from": "00:00", "quiet_until": "00:00"}
PATH = "/api/v1/analytics/shipments"


def created(r):
    if r.status != 201:
        raise harness.HarnessError("expected 201:\n" + r.describe())
    return r.json


def ok(r):
    if r.status != 200:
        raise harness.HarnessError("expected 200:\n" + r.describe())
    return r.json


def at(hours_ago):
    return (datetime.now(IST) - timedelta(hours=hours_ago)).replace(microsecond=0).isoformat()


def today(delta_days=0):
    return (datetime.now(IST).date() + timedelta(days=delta_days)).isoformat()


def awb(prefix):
    return harness.unique(prefix).upper().replace("_", "").replace("-", "")[:30] + "9"


def contact(client, name, email=None, phone=None):
    body = {"name": name, "language": "hi"}
    if email:
        body["email"] = email
    if phone:
        body["phone"] = phone
    return created(client.post("/api/v1/contacts", body))


def shipment(client, carrier, origin, destination, contact_id, promised=None):
    body = {"carrier": carrier, "tracking_number": awb(carrier), "contact_id": contact_id,
            "origin": {"city": origin, "country": "IN"},
            "destination": {"city": destination, "country": "IN"},
            "promised_date": promised or today(3)}
    return created(client.post("/api/v1/shipments", body))


def events(client, s, *steps):
    """steps: (status, hours ago[, reason])."""
    batch = []
    for i, step in enumerate(steps):
        e = {"carrier": s["carrier"]["code"] if isinstance(s["carrier"], dict) else s["carrier"],
             "tracking_number": s["tracking_number"], "status": step[0],
             "occurred_at": at(step[1]), "event_id": "%s-%d" % (s["tracking_number"], i)}
        if len(step) > 2:
            e["reason"] = step[2]
        batch.append(e)
    return ok(client.post("/api/v1/tracking-events", {"events": batch}))


def customer_ticket(client, s, c, channel="email", body="Where is my parcel? पार्सल कहाँ है?"):
    """The customer writes about shipment `s` (a public message from the requester)."""
    payload = {"subject": "About my parcel", "message": {"body": body},
               "requester_id": c["id"], "channel": channel}
    t = created(client.post("/api/v1/tickets", payload))
    created(client.post("/api/v1/tickets/%d/shipments" % t["id"], {"shipment_id": s["id"]}))
    return t


def figures(client, query=""):
    return ok(client.get(PATH + ("?" + query if query else "")))


def reasons(counts):
    return {r["reason"]: r["contacts"] for r in counts["reasons"]}


def setUpModule():
    server = harness.Server()
    S["server"] = server
    try:
        server.cli("admin", "create-agent", "--workspace", SECOND, "--email",
                   "admin2@second.test", "--name", "Deepa Admin", "--role", "admin",
                   "--password", server.admin_password)
        server.start()
        S["admin"] = admin = server.bearer(server.admin_token)
        S["agent"] = server.bearer(server.agent_token)
        S["admin2"] = admin2 = server.bearer(server.cli(
            "admin", "create-token", "--workspace", SECOND, "--email",
            "admin2@second.test").stdout.strip())
        for client in (admin, admin2):
            ok(client.patch("/api/v1/workspace/shipment-notices", NO_QUIET_HOURS))
        created(admin.post("/api/v1/carriers", {"code": "bluedart", "name": "Blue Dart"}))
        created(admin.post("/api/v1/carriers", {"code": "delhivery", "name": "Delhivery"}))
        created(admin2.post("/api/v1/carriers", {"code": "ekart", "name": "Ekart"}))
        build_first_workspace(admin)
        build_second_workspace(admin2)
    except BaseException:
        tearDownModule()
        raise


def build_first_workspace(admin):
    told = contact(admin, "आशा राव", email=harness.unique_email("asha"))
    phone_only = contact(admin, "ರವಿ ಕುಮಾರ್", phone="+919845012345")
    # A: a failed attempt; the notifier mails her and opens a ticket of its own (a private
    # note: not a contact); she then writes, twice, and the second ticket is merged away.
    a = shipment(admin, "bluedart", "Bengaluru", "Delhi", told["id"])
    events(admin, a, ("picked_up", 30), ("delivery_failed", 1, "customer not at home"))
    first = customer_ticket(admin, a, told)
    second = customer_ticket(admin, a, told, body="Again: where is it?")
    ok(admin.post("/api/v1/tickets/%d/merge" % second["id"], {"target_id": first["id"]}))
    # B: promised yesterday, still in transit; the customer phones.
    b = shipment(admin, "bluedart", "bengaluru", "DELHI", phone_only["id"], promised=today(-1))
    events(admin, b, ("picked_up", 46), ("in_transit", 20))
    customer_ticket(admin, b, phone_only, channel="phone", body="Customer called: parcel late")
    # C: delivered; the customer writes after the delivered notice.
    c = shipment(admin, "delhivery", "Mumbai", "Hubballi", told["id"])
    events(admin, c, ("picked_up", 40), ("out_for_delivery", 6), ("delivered", 3))
    customer_ticket(admin, c, told, body="The box was open ಡಬ್ಬಿ ತೆರೆದಿತ್ತು")
    # D: returned to origin; nobody to mail (phone only); the notifier's own ticket only.
    d = shipment(admin, "delhivery", "Mumbai", "Hubballi", phone_only["id"])
    events(admin, d, ("picked_up", 44), ("returned_to_origin", 2, "refused"))
    # E: booked, nothing else.
    shipment(admin, "bluedart", "Bengaluru", "Chennai", told["id"])
    # A ticket an agent writes to a customer is not the customer getting in touch.
    outbound = created(admin.post("/api/v1/tickets", {
        "subject": "We have your parcel", "requester_id": told["id"],
        "message": {"body": "Internal: checked the hub", "public": False}}))
    created(admin.post("/api/v1/tickets/%d/shipments" % outbound["id"], {"shipment_id": c["id"]}))
    S["a"], S["d"] = a, d


def build_second_workspace(admin2):
    # 5 customers told of a failed attempt, 1 got in touch; 20 not told (no e-mail), 10 did.
    for i in range(5):
        c = contact(admin2, "Told %d" % i, email=harness.unique_email("told"))
        s = shipment(admin2, "ekart", "Pune", "Nagpur", c["id"])
        events(admin2, s, ("delivery_failed", 1, "address not found"))
        if i == 0:
            customer_ticket(admin2, s, c)
    for i in range(20):
        c = contact(admin2, "Untold %d" % i, phone="+9198450%05d" % i)
        s = shipment(admin2, "ekart", "Pune", "Nagpur", c["id"])
        events(admin2, s, ("delivery_failed", 1, "address not found"))
        if i < 10:
            customer_ticket(admin2, s, c, channel="phone", body="Customer called")


def tearDownModule():
    server = S.pop("server", None)
    if server is not None:
        server.cleanup()


class ShipmentFiguresTest(unittest.TestCase):
    maxDiff = None

    def assertProblem(self, r, status, field=None):
        self.assertEqual(r.status, status, r.describe())
        self.assertTrue(r.header("Content-Type").startswith("application/problem+json"),
                        r.describe())
        if field:
            fields = [e.get("field") for e in r.json.get("errors", [])]
            self.assertIn(field, fields, r.describe())

    def test_totals_rates_and_reasons(self):
        f = figures(S["admin"])
        self.assertEqual(f["to"], today())
        self.assertEqual(f["from"], today(-29))
        self.assertEqual(f["time_zone"], "Asia/Kolkata")
        t = f["totals"]
        self.assertEqual(t["shipments"], 5)
        # A (once: the merged ticket and the notifier's note do not count), B (phone), C.
        self.assertEqual(t["contacts"], 3)
        self.assertEqual(t["contacts_per_1000"], 600.0)
        self.assertEqual((t["ndr"], t["ndr_rate"]), (1, 0.2))
        self.assertEqual((t["rto"], t["rto_rate"]), (1, 0.2))
        self.assertEqual((t["delivered"], t["delivered_rate"]), (1, 0.2))
        self.assertEqual(t["lost_or_damaged"], 0)
        self.assertEqual(reasons(t), {"delivery_failed": 1, "late": 1, "after_delivery": 1})
        shares = {r["reason"]: r["share"] for r in t["reasons"]}
        self.assertEqual(shares["late"], 0.3333)
        # A shipment counts on the day it was booked: its first event, or its creation (E).
        self.assertEqual(len(f["days"]), 30)
        self.assertEqual(sum(d["shipments"] for d in f["days"]), 5)
        self.assertEqual(sum(d["contacts"] for d in f["days"]), 3)
        self.assertGreaterEqual(f["days"][-1]["shipments"], 1)
        self.assertTrue(all(d["shipments"] == 0 for d in f["days"][:-3]))

    def test_by_carrier_and_route(self):
        f = figures(S["admin"])
        carriers = {c["carrier"]["code"]: c for c in f["by_carrier"]}
        self.assertEqual(set(carriers), {"bluedart", "delhivery"})
        bd, dl = carriers["bluedart"], carriers["delhivery"]
        self.assertEqual(bd["carrier"]["name"], "Blue Dart")
        self.assertEqual((bd["shipments"], bd["contacts"], bd["ndr"]), (3, 2, 1))
        self.assertEqual(reasons(bd), {"delivery_failed": 1, "late": 1})
        self.assertEqual((dl["shipments"], dl["contacts"], dl["rto"]), (2, 1, 1))
        self.assertEqual(reasons(dl), {"after_delivery": 1})
        routes = [(r["origin"], r["destination"], r["shipments"], r["contacts"])
                  for r in f["by_route"]]
        # Routes group regardless of letter case; busiest first.
        self.assertEqual(routes[0][2:], (2, 2))
        self.assertEqual(routes[0][0].lower(), "bengaluru")
        self.assertIn(("Mumbai", "Hubballi", 2, 1), routes)
        self.assertIn(("Bengaluru", "Chennai", 1, 0), routes)
        self.assertEqual(len(routes), 3)

    def test_notices_told_and_not_told(self):
        kinds = {k["notice"]: k for k in figures(S["admin"])["notices"]["kinds"]}
        failed = kinds["delivery_failed"]
        self.assertEqual((failed["told"], failed["told_contacted"]), (1, 1))
        self.assertIsNone(failed["prevented"])  # too few customers not told to compare
        exception = kinds["exception"]
        self.assertEqual((exception["told"], exception["untold"]), (0, 1))
        self.assertEqual(exception["untold_contacted"], 0)
        self.assertEqual(kinds["delivered"]["told_contacted"], 1)

    def test_prevented_contacts_estimate(self):
        f = figures(S["admin2"])
        n = f["notices"]
        self.assertEqual(n["window_hours"], 72)
        failed = {k["notice"]: k for k in n["kinds"]}["delivery_failed"]
        self.assertEqual((failed["told"], failed["told_contacted"]), (5, 1))
        self.assertEqual((failed["untold"], failed["untold_contacted"]), (20, 10))
        self.assertEqual(failed["told_contact_rate"], 0.2)
        self.assertEqual(failed["untold_contact_rate"], 0.5)
        self.assertEqual(failed["prevented"], 2)  # (0.5 - 0.2) × 5 = 1.5, rounded
        self.assertEqual(n["prevented"], 2)
        self.assertEqual(f["totals"]["shipments"], 25)
        self.assertEqual(f["totals"]["ndr"], 25)
        self.assertEqual(f["totals"]["contacts"], 11)

    def test_carrier_filter_and_period(self):
        f = figures(S["admin"], "carrier=delhivery&from=%s&to=%s" % (today(-6), today()))
        self.assertEqual(f["carrier"], "delhivery")
        self.assertEqual(len(f["days"]), 7)
        self.assertEqual(f["totals"]["shipments"], 2)
        self.assertEqual([c["carrier"]["code"] for c in f["by_carrier"]], ["delhivery"])
        # The earliest event is 46 hours old: nothing was booked before the day before yesterday
        # (Indian time), whatever the hour the test runs at.
        before = figures(S["admin"], "from=%s&to=%s" % (today(-10), today(-3)))
        self.assertEqual(before["totals"]["shipments"], 0)
        self.assertIsNone(before["totals"]["contacts_per_1000"])
        self.assertIsNone(before["totals"]["ndr_rate"])

    def test_booked_at_is_the_first_event(self):
        # A was created after its events happened: it was booked when it was picked up.
        a = ok(S["admin"].get("/api/v1/shipments/%d" % S["a"]["id"]))
        booked = datetime.fromisoformat(a["booked_at"].replace("Z", "+00:00"))
        picked = datetime.fromisoformat(a["events"][-1]["occurred_at"].replace("Z", "+00:00"))
        self.assertEqual(a["events"][-1]["status"], "picked_up")  # newest first
        self.assertEqual(booked, picked)
        self.assertLess(booked, datetime.fromisoformat(a["created_at"].replace("Z", "+00:00")))

    def test_workspaces_do_not_mix(self):
        f = figures(S["admin2"])
        self.assertEqual([c["carrier"]["code"] for c in f["by_carrier"]], ["ekart"])
        r = S["admin2"].get(PATH + "?carrier=bluedart")
        self.assertProblem(r, 422, "carrier")

    def test_bad_parameters_are_named(self):
        cases = [("from=2026-13-01", "from"), ("from=yesterday", "from"), ("to=2026-02-30", "to"),
                 ("from=2026-11-10&to=2026-11-01", "to"), ("from=2025-01-01&to=2026-12-31", "to"),
                 ("carrier=nobody", "carrier")]
        for query, field in cases:
            with self.subTest(query=query):
                self.assertProblem(S["admin"].get(PATH + "?" + query), 422, field)

    def test_admins_only(self):
        self.assertProblem(S["agent"].get(PATH), 403)
        r = S["server"].anonymous().get(PATH)
        self.assertEqual(r.status, 401, r.describe())


if __name__ == "__main__":
    unittest.main()
