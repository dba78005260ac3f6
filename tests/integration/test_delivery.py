"""Delivery preferences and self-service on the real server (docs/shipments.md, "Delivery
preferences and self-service"; docs/portal.md, "Your parcels").

Agents set a contact's or an organisation's standing wishes (weekly windows, time zone,
language, safe place, alternate address, quiet hours) with ETag/If-Match; a contact's gaps fill
from its organisation. Requests for one parcel (another day, a window, another address, a safe
place) come through the API or the portal: 422 names the bad member, 409 says the parcel has
moved on, nothing refused is written, and each request lands on the shipment's list and the
customer's timeline. A customer sees and changes only their own parcels."""

import re
import secrets
import unicodedata
import unittest
from datetime import datetime, timedelta, timezone

import harness
from test_portal import Browser, csrf_of, sign_in_on, text
from test_shipments import Base, created

S = {}
IST = timezone(timedelta(hours=5, minutes=30))
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"]


def ok(r):
    if r.status != 200:
        raise harness.HarnessError("expected 200:\n" + r.describe())
    return r.json


def day(delta_days):
    return (datetime.now(IST).date() + timedelta(days=delta_days)).isoformat()


def now_ist(minus_hours=1):
    return (datetime.now(IST) - timedelta(hours=minus_hours)).replace(microsecond=0).isoformat()


def contact(name, email, **extra):
    body = {"name": name, "email": email}
    body.update(extra)
    return created(S["admin"].post("/api/v1/contacts", body))


def new_shipment(owner, promised=None, **extra):
    number = "BD%08dIN" % (10_000_000 + secrets.randbelow(90_000_000))
    body = {"carrier": "bluedart", "tracking_number": number, "contact_id": owner["id"],
            "destination": {"city": "Bengaluru", "pin": "560001", "country": "IN"}}
    if promised:
        body["promised_date"] = promised
    body.update(extra)
    return created(S["admin"].post("/api/v1/shipments", body))


def ingest(shipment, status, **extra):
    e = {"carrier": "bluedart", "tracking_number": shipment["tracking_number"],
         "status": status, "occurred_at": now_ist(), "event_id": harness.unique("ev")}
    e.update(extra)
    r = S["admin"].post("/api/v1/tracking-events", {"events": [e]})
    assert r.status in (200, 201, 202), r.describe()


def shipment(sid):
    return ok(S["admin"].get("/api/v1/shipments/%d" % sid))


def requests_of(sid):
    return ok(S["admin"].get("/api/v1/shipments/%d/delivery-requests" % sid))["data"]


def ask(client, sid, body, **kw):
    return client.post("/api/v1/shipments/%d/delivery-requests" % sid, body, **kw)


def setUpModule():
    server = harness.Server(env={"SAHAYAK_PUBLIC_URL": "https://support.example.in"})
    server.start()
    S["server"] = server
    S["admin"] = server.bearer(server.admin_token)
    S["agent"] = server.bearer(server.agent_token)
    created(S["admin"].post("/api/v1/carriers", {
        "code": "bluedart", "name": "Blue Dart",
        "tracking_url": "https://www.bluedart.com/track?awb={number}"}))
    org_domain = harness.unique("acme") + ".in"
    S["org"] = created(S["admin"].post("/api/v1/organisations", {
        "name": "Acme Logistics", "domains": [org_domain]}))
    S["asha"] = contact("Asha Rao", "asha@" + org_domain, language="hi")
    S["ravi"] = contact("Ravi Kumar", harness.unique_email("ravi"), language="en")
    S["meera"] = contact("Meera Iyer", harness.unique_email("meera"), language="en")


def tearDownModule():
    if "server" in S:
        S["server"].cleanup()


# ---- preferences ------------------------------------------------------------------------------

class PreferencesTest(Base):
    def test_a_contact_inherits_from_its_organisation_and_keeps_its_own(self):
        admin, agent = S["admin"], S["agent"]
        org_path = "/api/v1/organisations/%d/delivery-preferences" % S["org"]["id"]
        r = admin.put(org_path, {
            "windows": [{"days": WEEKDAYS, "from": "09:00", "until": "18:00"}],
            "time_zone": "Asia/Kolkata", "safe_place": "Reception, ground floor",
            "quiet_hours": {"from": "21:00", "until": "08:00"}})
        self.assertEqual(r.status, 200, r.describe())
        version = int(r.header("ETag").strip('"'))
        self.assertGreaterEqual(version, 1)

        path = "/api/v1/contacts/%d/delivery-preferences" % S["asha"]["id"]
        got = agent.get(path)
        self.assertEqual(got.status, 200, got.describe())
        mine = got.json
        self.assertEqual(mine["owner"], {"type": "contact", "id": S["asha"]["id"]})
        self.assertEqual(mine["inherited_from"]["name"], "Acme Logistics")
        self.assertEqual(mine["effective"]["windows"],
                         [{"days": WEEKDAYS, "from": "09:00", "until": "18:00"}])
        self.assertEqual(mine["effective"]["safe_place"], "Reception, ground floor")
        self.assertEqual(mine["language"], "hi", "the contact's own language")

        # Kannada in decomposed form is stored as NFC.
        place = unicodedata.normalize("NFD", "ಮನೆಯ ಹಿಂದಿನ ಬಾಗಿಲು")
        r = agent.put(path, {"language": "kn", "time_zone": "Asia/Kolkata", "safe_place": place,
                             "alternate_address": {"line1": "4th Cross, 12", "line2": "Jayanagar",
                                                   "city": "ಬೆಂಗಳೂರು", "pin": "560011"}},
                      headers={"If-Match": got.header("ETag")})
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual(r.json["safe_place"], unicodedata.normalize("NFC", place))
        self.assertEqual(r.json["alternate_address"]["country"], "IN")
        self.assertEqual(r.json["effective"]["safe_place"], unicodedata.normalize("NFC", place),
                         "the contact's own safe place wins")
        self.assertEqual(r.json["effective"]["windows"][0]["from"], "09:00",
                         "windows still come from the organisation")
        self.assertEqual(ok(agent.get("/api/v1/contacts/%d" % S["asha"]["id"]))["language"], "kn",
                         "the language is the contact's own")

        stale = agent.put(path, {"safe_place": "porch"}, headers={"If-Match": got.header("ETag")})
        self.assertProblem(stale, 412, "precondition-failed")
        self.assertEqual(ok(agent.get(path))["safe_place"], unicodedata.normalize("NFC", place),
                         "a stale write changes nothing")

        timeline = ok(agent.get("/api/v1/contacts/%d/activity" % S["asha"]["id"]))["data"]
        self.assertIn("contact.delivery_preferences", [e["action"] for e in timeline])

    def test_bad_preferences_are_422_naming_each_member_and_change_nothing(self):
        path = "/api/v1/contacts/%d/delivery-preferences" % S["meera"]["id"]
        before = ok(S["agent"].get(path))
        cases = [
            ({"windows": [{"days": ["funday"], "from": "09:00", "until": "12:00"}]},
             "windows[0].days"),
            ({"windows": [{"days": ["mon"], "from": "14:00", "until": "09:00"}]},
             "windows[0].until"),
            ({"windows": [{"days": ["mon"], "from": "09:00", "until": "12:00"},
                          {"days": ["mon"], "from": "11:00", "until": "13:00"}]}, "windows[1]"),
            ({"time_zone": "India/Bengaluru"}, "time_zone"),
            ({"alternate_address": {"line1": "1 MG Road", "city": "Bengaluru", "pin": "56001"}},
             "alternate_address.pin"),
            ({"alternate_address": {"city": "Bengaluru", "pin": "560001"}},
             "alternate_address.line1"),
            ({"preferred_channel": "pigeon"}, "preferred_channel"),
            ({"quiet_hours": {"from": "25:00", "until": "08:00"}}, "quiet_hours.from"),
            ({"safe_place": "x" * 201}, "safe_place"),
            ({"colour": "blue"}, "colour"),
        ]
        for body, field in cases:
            with self.subTest(body=body):
                self.assertProblem(S["agent"].put(path, body), 422, "validation", [field])
        after = ok(S["agent"].get(path))
        self.assertEqual(after["version"], before["version"])
        self.assertProblem(S["agent"].get("/api/v1/contacts/999999/delivery-preferences"), 404)
        self.assertProblem(S["agent"].put("/api/v1/organisations/999999/delivery-preferences",
                                          {}), 404)


# ---- requests through the API -----------------------------------------------------------------

class RequestsTest(Base):
    def test_an_agent_reschedules_for_the_customer(self):
        s = new_shipment(S["meera"], promised=day(-1))
        self.assertTrue(shipment(s["id"])["late"], "promised yesterday, not delivered")
        full = shipment(s["id"])
        dates = full["delivery"]["allowed_dates"]
        self.assertEqual(dates[0], day(1), "from tomorrow")
        self.assertEqual(dates[-1], day(7), "to a week after the latest of promise and today")
        self.assertEqual(full["delivery"]["allowed"],
                         {"reschedule": True, "window": True, "address": True,
                          "safe_place": True})

        r = ask(S["agent"], s["id"], {"kind": "reschedule", "date": day(3)})
        self.assertEqual(r.status, 201, r.describe())
        self.assertEqual(r.json["request"]["kind"], "reschedule")
        self.assertEqual(r.json["request"]["via"], "api")
        self.assertEqual(r.json["request"]["details"], {"date": day(3)})
        self.assertEqual(r.json["shipment"]["delivery"]["date"], day(3))
        self.assertFalse(r.json["shipment"]["late"], "the customer's day moves the due date")
        self.assertFalse(shipment(s["id"])["late"])

        r = ask(S["agent"], s["id"], {"kind": "window", "window": {"from": "17:00",
                                                                   "until": "20:00"}})
        self.assertEqual(r.status, 201, r.describe())
        self.assertEqual(r.json["shipment"]["delivery"]["window"],
                         {"from": "17:00", "until": "20:00"})
        listed = requests_of(s["id"])
        self.assertEqual([x["kind"] for x in listed], ["window", "reschedule"], "newest first")
        timeline = ok(S["agent"].get("/api/v1/contacts/%d/activity" % S["meera"]["id"]))["data"]
        mine = [e for e in timeline if e["action"] == "shipment.delivery_request"
                and e["changes"]["shipment_id"] == [None, s["id"]]]
        self.assertEqual(len(mine), 2)
        self.assertEqual(mine[-1]["changes"]["kind"], [None, "reschedule"])
        self.assertEqual(mine[-1]["changes"]["tracking_number"], [None, s["tracking_number"]])

    def test_refusals_name_the_member_or_the_conflict_and_write_nothing(self):
        s = new_shipment(S["meera"], promised=day(2))
        cases = [
            ({"kind": "reschedule", "date": day(0)}, "date"),
            ({"kind": "reschedule", "date": day(30)}, "date"),
            ({"kind": "reschedule", "date": "2026-02-30"}, "date"),
            ({"kind": "window", "window": {"from": "06:00", "until": "09:00"}}, "window"),
            ({"kind": "window", "window": {"from": "10:00", "until": "11:00"}}, "window"),
            ({"kind": "address", "address": {"line1": "1 Hill Rd", "city": "Pune",
                                             "pin": "41100"}}, "address.pin"),
            ({"kind": "address", "address": {"line1": "10 Downing St", "city": "London",
                                             "pin": "SW1A 2AA", "country": "GB"}},
             "address.country"),
            ({"kind": "address", "address": "alternate"}, "address"),
            ({"kind": "teleport"}, "kind"),
        ]
        for body, field in cases:
            with self.subTest(body=body):
                self.assertProblem(ask(S["agent"], s["id"], body), 422, "validation", [field])
        self.assertEqual(requests_of(s["id"]), [])
        self.assertIsNone(shipment(s["id"])["delivery"]["date"])

        ingest(s, "out_for_delivery")
        full = shipment(s["id"])
        self.assertFalse(full["delivery"]["allowed"]["address"])
        r = ask(S["agent"], s["id"], {"kind": "address", "address": None})
        self.assertProblem(r, 409, "conflict")
        self.assertIn("out for delivery", r.json["detail"])
        ingest(s, "delivered")
        for body in ({"kind": "reschedule", "date": day(3)},
                     {"kind": "safe_place", "safe_place": "porch"}):
            self.assertProblem(ask(S["agent"], s["id"], body), 409, "conflict")
        self.assertEqual(requests_of(s["id"]), [])
        self.assertProblem(ask(S["agent"], 999999, {"kind": "safe_place", "safe_place": ""}), 404)

    def test_attempts_outside_the_customers_hours_are_flagged(self):
        # A shop open Monday to Saturday 07:00-16:00 in Bengaluru; the courier came at 17:00.
        shop = contact("Kirana Stores", harness.unique_email("shop"), language="en")
        r = S["agent"].put("/api/v1/contacts/%d/delivery-preferences" % shop["id"], {
            "time_zone": "Asia/Kolkata",
            "windows": [{"days": ["mon", "tue", "wed", "thu", "fri", "sat"],
                         "from": "07:00", "until": "16:00"}]})
        self.assertEqual(r.status, 200, r.describe())
        s = new_shipment(shop, promised=day(2))
        last_monday = datetime.now(IST).date() - timedelta(days=datetime.now(IST).weekday() + 7)
        at = lambda hh: "%sT%s:00+05:30" % (last_monday.isoformat(), hh)
        ingest(s, "out_for_delivery", occurred_at=at("09:00"))
        ingest(s, "delivery_failed", occurred_at=at("17:00"), reason="Shop closed")
        got = shipment(s["id"])
        flags = {e["status"]: e["outside_hours"] for e in got["events"]}
        self.assertEqual(flags, {"out_for_delivery": False, "delivery_failed": True})
        self.assertEqual(got["delivery"]["attempts_outside_hours"], 1)
        ingest(s, "delivered", occurred_at=at("11:00").replace(
            last_monday.isoformat(), (last_monday + timedelta(days=1)).isoformat()))
        got = shipment(s["id"])
        self.assertEqual(got["delivery"]["attempts_outside_hours"], 1,
                         "Tuesday 11:00 is within the shop's hours")

    def test_a_retried_request_is_recorded_once(self):
        s = new_shipment(S["meera"], promised=day(2))
        key = harness.unique("idem")
        body = {"kind": "safe_place", "safe_place": "पड़ोसी के घर, फ्लैट 2B"}
        first = ask(S["agent"], s["id"], body, headers={"Idempotency-Key": key})
        second = ask(S["agent"], s["id"], body, headers={"Idempotency-Key": key})
        self.assertEqual(first.status, 201, first.describe())
        self.assertEqual(second.status, 201, second.describe())
        self.assertEqual(first.json["request"]["id"], second.json["request"]["id"])
        self.assertEqual(len(requests_of(s["id"])), 1)
        self.assertEqual(shipment(s["id"])["delivery"]["safe_place"], "पड़ोसी के घर, फ्लैट 2B")


# ---- the portal --------------------------------------------------------------------------------

def customer(name):
    key = "browser-" + name
    if key not in S:
        S[key] = sign_in_on(S["server"], S[name]["email"])
    return S[key]


class PortalTest(Base):
    def test_a_customer_sees_the_timeline_and_changes_the_delivery(self):
        s = new_shipment(S["ravi"], promised=day(2))
        ingest(s, "in_transit", place="ಮೈಸೂರು Hub", description="Arrived at hub")
        b = customer("ravi")
        home = text(b.get("/portal"))
        self.assertIn('href="/portal/shipments/%d"' % s["id"], home)
        self.assertIn(s["tracking_number"], home)

        page = b.get("/portal/shipments/%d" % s["id"])
        self.assertEqual(page.status, 200, page.describe())
        html = text(page)
        self.assertIn("ಮೈಸೂರು Hub", html)
        self.assertIn("Arrived at hub", html)
        offered = re.findall(r'<option value="(\d{4}-\d{2}-\d{2})"', html)
        self.assertEqual(offered[0], day(1))
        csrf = csrf_of(html)
        self.assertTrue(csrf)

        r = b.post_form("/portal/shipments/%d/delivery" % s["id"],
                        {"csrf": csrf, "kind": "reschedule", "date": offered[2]})
        self.assertEqual(r.status, 303, r.describe())
        self.assertEqual(r.header("Location"), "/portal/shipments/%d?saved=1" % s["id"])
        self.assertIn("your delivery choice is saved.", text(b.get(r.header("Location"))))
        r = b.post_form("/portal/shipments/%d/delivery" % s["id"],
                        {"csrf": csrf, "kind": "window", "from": "10:00", "until": "14:00"})
        self.assertEqual(r.status, 303, r.describe())
        r = b.post_form("/portal/shipments/%d/delivery" % s["id"],
                        {"csrf": csrf, "kind": "address", "use": "given", "line1": "12 MG Road",
                         "line2": "", "city": "Bengaluru", "pin": "560001"})
        self.assertEqual(r.status, 303, r.describe())

        after = shipment(s["id"])["delivery"]
        self.assertEqual(after["date"], offered[2])
        self.assertEqual(after["window"], {"from": "10:00", "until": "14:00"})
        self.assertEqual(after["address"]["line1"], "12 MG Road")
        listed = requests_of(s["id"])
        self.assertEqual(len(listed), 3)
        self.assertTrue(all(x["via"] == "portal" for x in listed))
        self.assertEqual({x["by"]["type"] for x in listed}, {"contact"})
        self.assertEqual(listed[0]["by"]["id"], S["ravi"]["id"])

    def test_refusals_show_on_the_page_and_change_nothing(self):
        s = new_shipment(S["ravi"], promised=day(2))
        b = customer("ravi")
        csrf = csrf_of(text(b.get("/portal/shipments/%d" % s["id"])))
        path = "/portal/shipments/%d/delivery" % s["id"]
        r = b.post_form(path, {"csrf": csrf, "kind": "address", "use": "given",
                               "line1": "12 MG Road", "city": "Bengaluru", "pin": "012345"})
        self.assertEqual(r.status, 422, r.describe())
        self.assertIn("six digits", text(r))
        r = b.post_form(path, {"csrf": csrf, "kind": "reschedule", "date": day(40)})
        self.assertEqual(r.status, 422, r.describe())
        self.assertIn("pick one of the days offered", text(r))
        r = b.post_form(path, {"kind": "reschedule", "date": day(1)})
        self.assertEqual(r.status, 403, "no CSRF token: " + r.describe())
        r = b.post_form(path, {"csrf": csrf, "kind": "reschedule", "date": day(1)},
                        origin="https://evil.example")
        self.assertEqual(r.status, 403, "another origin: " + r.describe())
        ingest(s, "out_for_delivery")
        page = text(b.get("/portal/shipments/%d" % s["id"]))
        self.assertNotIn('name="line1"', page, "no address form once it is out for delivery")
        r = b.post_form(path, {"csrf": csrf, "kind": "address", "use": "booked"})
        self.assertEqual(r.status, 409, r.describe())
        self.assertEqual(requests_of(s["id"]), [])
        ingest(s, "delivered")
        page = text(b.get("/portal/shipments/%d" % s["id"]))
        self.assertNotIn('name="kind"', page, "a delivered parcel offers no changes")

    def test_a_customer_cannot_see_or_change_another_customers_parcel(self):
        theirs = new_shipment(S["ravi"], promised=day(2))
        b = customer("meera")
        csrf = csrf_of(text(b.get("/portal")))
        missing = b.get("/portal/shipments/99999999")
        other = b.get("/portal/shipments/%d" % theirs["id"])
        self.assertEqual(other.status, 404, other.describe())
        self.assertEqual(missing.status, 404)
        self.assertNotIn(theirs["tracking_number"], text(other))
        self.assertNotIn(theirs["tracking_number"], text(b.get("/portal")))
        r = b.post_form("/portal/shipments/%d/delivery" % theirs["id"],
                        {"csrf": csrf, "kind": "safe_place", "safe_place": "my porch"})
        self.assertEqual(r.status, 404, r.describe())
        self.assertEqual(requests_of(theirs["id"]), [])
        anon = S["server"].anonymous()
        r = anon.request("GET", "/portal/shipments/%d" % theirs["id"],
                         headers={"Accept": "text/html"})
        self.assertEqual(r.status, 303, "a stranger is sent to sign in: " + r.describe())

    def test_the_page_speaks_hindi_and_kannada(self):
        s = new_shipment(S["ravi"], promised=day(2))
        b = customer("ravi")
        hi = text(b.get("/portal/shipments/%d?lang=hi" % s["id"]))
        self.assertIn('<html lang="hi">', hi)
        self.assertIn("आपकी डिलीवरी", hi)
        kn = text(b.get("/portal/shipments/%d?lang=kn" % s["id"]))
        self.assertIn("ನಿಮ್ಮ ವಿತರಣೆ", kn)
        b.get("/portal?lang=en")


# ---- the public tracking page ------------------------------------------------------------------

class TrackTest(Base):
    """/portal/track: number + destination PIN, nothing private, the same reply for an unknown
    number and a wrong PIN, limits per number and per address. Lookups from 127.0.0.1 share
    one per-address budget (20 a minute), so the tests here count theirs."""

    def track(self, number, pin, browser=None, lang=None):
        b = browser or Browser(S["server"])
        path = "/portal/track" + ("?lang=" + lang if lang else "")
        return b.post_form(path, {"number": number, "pin": pin})

    def test_the_number_and_pin_show_the_parcel_and_nothing_private(self):
        s = new_shipment(S["ravi"], promised=day(2))
        ingest(s, "in_transit", place="ಮೈಸೂರು Hub", description="Handed to Ravi Kumar at gate")
        ask(S["agent"], s["id"], {"kind": "safe_place", "safe_place": "Behind the blue gate"})
        form = Browser(S["server"]).get("/portal/track?number=" + s["tracking_number"])
        self.assertEqual(form.status, 200, form.describe())
        self.assertIn('value="%s"' % s["tracking_number"], text(form), "a link may carry the number")
        r = self.track(s["tracking_number"].lower()[:4] + " " + s["tracking_number"][4:].lower(),
                       "560 001")
        self.assertEqual(r.status, 200, r.describe())
        page = text(r)
        self.assertIn(s["tracking_number"], page)
        self.assertIn("In transit", page)
        self.assertIn("ಮೈಸೂರು Hub", page)
        self.assertIn("Bengaluru", page)
        for secret in ("Ravi", S["ravi"]["email"], "Handed to", "Behind the blue gate",
                       "/portal/shipments/"):
            self.assertNotIn(secret, page)
        self.assertEqual(r.header("Cache-Control"), "no-store")

    def test_an_unknown_number_and_a_wrong_pin_get_the_same_page(self):
        s = new_shipment(S["ravi"], promised=day(2))
        wrong_pin = self.track(s["tracking_number"], "110001")
        unknown = self.track("BD00000000IN", "560001")
        self.assertEqual(wrong_pin.status, 404, wrong_pin.describe())
        self.assertEqual(unknown.status, 404, unknown.describe())
        strip = lambda r: re.sub(r'value="[^"]*"', "", text(r))
        self.assertEqual(strip(wrong_pin), strip(unknown))
        self.assertIn("found no parcel", text(unknown))
        bad = self.track("BD12/34", "")
        self.assertEqual(bad.status, 422, bad.describe())

    def test_the_owner_signed_in_gets_a_link_to_change_the_delivery(self):
        s = new_shipment(S["ravi"], promised=day(2))
        page = text(self.track(s["tracking_number"], "560001", browser=customer("ravi")))
        self.assertIn('href="/portal/shipments/%d"' % s["id"], page)
        other = text(self.track(s["tracking_number"], "560001", browser=customer("meera")))
        self.assertIn(s["tracking_number"], other)
        self.assertNotIn("/portal/shipments/", other, "not Meera's parcel to change")

    def test_the_page_speaks_hindi(self):
        s = new_shipment(S["ravi"], promised=day(2))
        page = text(self.track(s["tracking_number"], "560001", lang="hi"))
        self.assertIn('<html lang="hi">', page)
        self.assertIn("पार्सल ट्रैक करें", page)
        self.assertIn("बुक हुआ", page, "the status in Hindi")

    def test_pins_cannot_be_tried_one_after_another(self):
        s = new_shipment(S["ravi"], promised=day(2))
        for pin in ("560002", "560003", "560004", "560005", "560006"):
            self.assertEqual(self.track(s["tracking_number"], pin).status, 404)
        r = self.track(s["tracking_number"], "560001")
        self.assertEqual(r.status, 429, "the right PIN after five wrong ones: " + r.describe())
        self.assertTrue(int(r.header("Retry-After")) >= 1)

    def test_zz_many_lookups_from_one_address_are_limited(self):
        # Runs last in the class (names sort): it spends the address's budget.
        statuses = []
        for i in range(25):
            statuses.append(self.track("BD%08dIN" % (20_000_000 + i), "560001").status)
            if statuses[-1] == 429:
                break
        self.assertEqual(statuses[-1], 429, statuses)
        self.assertLessEqual(len(statuses), 21, statuses)


if __name__ == "__main__":
    unittest.main()
