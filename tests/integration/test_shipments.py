"""Shipments and tracking on the real server (docs/shipments.md, issue 7 first slice): carriers
(admin writes, agents read, 422 naming each bad member, 409 in use), shipments (normalised
numbers, ETag/If-Match, PATCH refusing status/carrier/tracking_number, filters, a contact's
shipments, `late`), tracking events through the API (shipments made on the fly, status
following the newest event by occurred_at, replays as duplicates, all-or-nothing batches,
Hindi/Kannada text as NFC), shipments on tickets (automatic links from subjects and messages,
links and unlinks by hand), signed tracking webhooks (secret shown once, signature and
timestamp checks, rotation, disabled/deleted/unknown keys), the role matrix, and a second
workspace that sees none of it."""

import hashlib
import hmac
import json
import secrets
import threading
import time
import unicodedata
import unittest
import urllib.parse
from datetime import datetime, timedelta, timezone

import harness

S = {}
IST = timezone(timedelta(hours=5, minutes=30))
SECOND = "Second Couriers"
BLUEDART_URL = "https://www.bluedart.com/track?awb={number}"


# ---- helpers ----------------------------------------------------------------------------------

def created(r):
    if r.status != 201:
        raise harness.HarnessError("expected 201:\n" + r.describe())
    return r.json


def digits(n):
    """n random decimal digits, the first not 0."""
    return str(1 + secrets.randbelow(9)) + "".join(str(secrets.randbelow(10))
                                                   for _ in range(n - 1))


def bd_number():
    """A Blue Dart style number, unique per call: BD + 8 digits + IN (12 characters)."""
    return "BD%sIN" % digits(8)


def at(hours_ago, tz=IST):
    """An RFC 3339 time `hours_ago` hours before now, in `tz`, whole seconds."""
    return (datetime.now(tz) - timedelta(hours=hours_ago)).replace(microsecond=0).isoformat()


def day(delta_days):
    """A date `delta_days` from today in India (the workspace's default zone)."""
    return (datetime.now(IST).date() + timedelta(days=delta_days)).isoformat()


def event(number, status, occurred_at, carrier="bluedart", **extra):
    e = {"carrier": carrier, "tracking_number": number, "status": status,
         "occurred_at": occurred_at}
    e.update(extra)
    return e


def ingest(client, *events):
    return client.post("/api/v1/tracking-events", {"events": list(events)})


def by_number(client, number):
    """The shipments with this tracking number (every carrier) in the client's workspace."""
    r = client.get("/api/v1/shipments?tracking_number=" + urllib.parse.quote(number))
    if r.status != 200:
        raise harness.HarnessError(r.describe())
    return r.json["data"]


def get_shipment(client, sid):
    r = client.get("/api/v1/shipments/%d" % sid)
    if r.status != 200:
        raise harness.HarnessError(r.describe())
    return r.json


def new_shipment(client, carrier="bluedart", number=None, **extra):
    body = {"carrier": carrier, "tracking_number": number or bd_number()}
    body.update(extra)
    return created(client.post("/api/v1/shipments", body))


def sign(secret, timestamp, body):
    return "sha256=" + hmac.new(secret.encode("utf-8"), str(timestamp).encode("ascii") + b"." +
                                body, hashlib.sha256).hexdigest()


def body_bytes(events):
    return json.dumps({"events": events}, separators=(",", ":"),
                      ensure_ascii=False).encode("utf-8")


def deliver(key, body, secret=None, timestamp=None, signature=None,
            content_type="application/json", extra_headers=None):
    """POST /hooks/tracking/{key} as a carrier system: signed with `secret` unless a
    `signature` is given; a header given as None is left out."""
    ts = str(int(time.time())) if timestamp is None else timestamp
    if signature is None and secret is not None:
        signature = sign(secret, ts, body)
    headers = {"X-Sahayak-Timestamp": ts, "X-Sahayak-Signature": signature}
    headers.update(extra_headers or {})
    headers = {k: v for k, v in headers.items() if v is not None}
    return S["server"].anonymous().request("POST", "/hooks/tracking/" + key, raw_body=body,
                                           content_type=content_type, headers=headers)


def new_webhook(name=None):
    return created(S["admin"].post("/api/v1/tracking-webhooks",
                                   {"name": name or harness.unique("hook")}))


def setUpModule():
    server = harness.Server()
    # A second workspace on the same server, made through the CLI like test_public_sites.py.
    server.cli("admin", "create-agent", "--workspace", SECOND, "--email", "admin2@second.test",
               "--name", "Deepa Admin", "--role", "admin", "--password", server.admin_password)
    server.start()
    S["server"] = server
    S["admin"] = server.bearer(server.admin_token)
    S["agent"] = server.bearer(server.agent_token)
    S["anon"] = server.anonymous()
    S["admin2"] = server.bearer(server.cli("admin", "create-token", "--workspace", SECOND,
                                           "--email", "admin2@second.test").stdout.strip())
    admin = S["admin"]
    S["bluedart"] = created(admin.post("/api/v1/carriers", {
        "code": "bluedart", "name": "Blue Dart", "tracking_pattern": r"\b\d{11}\b",
        "tracking_url": BLUEDART_URL}))
    # Delhivery's numbers here are DL + 5 digits: 7 characters, too short for the word rule,
    # so only the carrier's pattern finds them in a ticket.
    S["delhivery"] = created(admin.post("/api/v1/carriers", {
        "code": "delhivery", "name": "Delhivery", "tracking_pattern": r"\bDL\d{5}\b",
        "tracking_url": "https://www.delhivery.com/track/package/{number}"}))


def tearDownModule():
    if "server" in S:
        S["server"].cleanup()


class Base(unittest.TestCase):
    maxDiff = None

    def assertProblem(self, r, status, kind=None, fields=()):
        self.assertEqual(r.status, status, r.describe())
        self.assertIn("application/problem+json", r.header("Content-Type") or "", r.describe())
        if kind is not None:
            self.assertEqual(r.problem_type, "/problems/" + kind, r.describe())
        named = [e.get("field") for e in (r.json or {}).get("errors", [])]
        for f in fields:
            self.assertIn(f, named, r.describe())
        return named


# ---- carriers ---------------------------------------------------------------------------------

class CarrierTest(Base):
    def test_admin_creates_a_carrier_and_agents_read_it(self):
        code = harness.unique("ec")
        r = S["admin"].post("/api/v1/carriers", {
            "code": code, "name": "  Ecom Express  ", "tracking_pattern": r"\bEC\d{9}\b",
            "tracking_url": "https://ecomexpress.in/tracking/?awb_field={number}"})
        self.assertEqual(r.status, 201, r.describe())
        c = r.json
        self.assertEqual(c["code"], code)
        self.assertEqual(c["name"], "Ecom Express")
        self.assertEqual(c["tracking_pattern"], r"\bEC\d{9}\b")
        self.assertEqual(c["tracking_url"], "https://ecomexpress.in/tracking/?awb_field={number}")
        self.assertEqual(r.header("Location"), "/api/v1/carriers/%d" % c["id"])
        self.assertEqual(r.header("ETag"), '"1"')
        agent = S["agent"]
        got = agent.get("/api/v1/carriers/%d" % c["id"])
        self.assertEqual(got.status, 200, got.describe())
        self.assertEqual(got.json["code"], code)
        self.assertEqual(got.header("ETag"), '"1"')
        listed = agent.get("/api/v1/carriers")
        self.assertEqual(listed.status, 200, listed.describe())
        codes = [x["code"] for x in listed.json["data"]]
        self.assertIn(code, codes)
        self.assertIn("bluedart", codes)
        names = [x["name"] for x in listed.json["data"]]
        self.assertEqual(names, sorted(names), "carriers are listed by name")
        self.assertIsNone(listed.json.get("next_cursor"))

    def test_bad_input_is_422_naming_the_member(self):
        cases = [
            ({"code": harness.unique("nn")}, "name"),
            ({"code": harness.unique("nn"), "name": ""}, "name"),
            ({"code": harness.unique("nn"), "name": "न" * 101}, "name"),
            ({"name": "No code"}, "code"),
            ({"code": "Blue Dart", "name": "x"}, "code"),
            ({"code": "b", "name": "x"}, "code"),
            ({"code": "x" * 33, "name": "x"}, "code"),
            ({"code": harness.unique("rx"), "name": "x", "tracking_pattern": "(\\d{11"},
             "tracking_pattern"),
            ({"code": harness.unique("rx"), "name": "x", "tracking_pattern": "[A-Z"},
             "tracking_pattern"),
            ({"code": harness.unique("ur"), "name": "x",
              "tracking_url": "https://track.example.in/awb"}, "tracking_url"),
            ({"code": harness.unique("ur"), "name": "x",
              "tracking_url": "ftp://track.example.in/{number}"}, "tracking_url"),
            ({"code": harness.unique("ur"), "name": "x", "tracking_url": "track/{number}"},
             "tracking_url"),
            ({"code": harness.unique("ur"), "name": "x", "colour": "blue"}, "colour"),
            ({"code": harness.unique("ty"), "name": 42}, "name"),
        ]
        before = len(S["admin"].get("/api/v1/carriers").json["data"])
        for body, field in cases:
            with self.subTest(body=body):
                r = S["admin"].post("/api/v1/carriers", body)
                self.assertProblem(r, 422, "validation", [field])
        self.assertEqual(len(S["admin"].get("/api/v1/carriers").json["data"]), before,
                         "a refused carrier must not be stored")

    def test_a_taken_code_is_409_naming_code(self):
        r = S["admin"].post("/api/v1/carriers", {"code": "bluedart", "name": "Blue Dart again"})
        self.assertProblem(r, 409, fields=["code"])
        listed = S["admin"].get("/api/v1/carriers").json["data"]
        self.assertEqual([c["name"] for c in listed if c["code"] == "bluedart"], ["Blue Dart"])

    def test_agents_and_strangers_cannot_write_carriers(self):
        agent, anon = S["agent"], S["anon"]
        code = harness.unique("ag")
        self.assertProblem(agent.post("/api/v1/carriers", {"code": code, "name": "By agent"}),
                           403, "forbidden")
        self.assertProblem(anon.post("/api/v1/carriers", {"code": code, "name": "Anon"}), 401)
        self.assertNotIn(code, [c["code"] for c in S["admin"].get("/api/v1/carriers").json["data"]])
        cid = S["bluedart"]["id"]
        self.assertProblem(agent.patch("/api/v1/carriers/%d" % cid, {"name": "Renamed"}), 403,
                           "forbidden")
        self.assertProblem(agent.delete("/api/v1/carriers/%d" % cid), 403, "forbidden")
        self.assertProblem(anon.get("/api/v1/carriers"), 401)
        self.assertProblem(anon.get("/api/v1/carriers/%d" % cid), 401)
        self.assertEqual(S["admin"].get("/api/v1/carriers/%d" % cid).json["name"], "Blue Dart")

    def test_patch_honours_if_match_and_checks_input(self):
        c = created(S["admin"].post("/api/v1/carriers", {"code": harness.unique("pt"),
                                                         "name": "Patch me"}))
        path = "/api/v1/carriers/%d" % c["id"]
        stale = S["admin"].patch(path, {"name": "Stale"}, headers={"If-Match": '"5"'})
        self.assertProblem(stale, 412, "precondition-failed")
        bad = S["admin"].patch(path, {"tracking_pattern": "(unclosed"})
        self.assertProblem(bad, 422, "validation", ["tracking_pattern"])
        bad = S["admin"].patch(path, {"tracking_url": "https://x.example.in/no-placeholder"})
        self.assertProblem(bad, 422, "validation", ["tracking_url"])
        self.assertEqual(S["admin"].get(path).json["version"], 1)
        ok = S["admin"].patch(path, {"name": "ಕರ್ನಾಟಕ ಕೊರಿಯರ್", "tracking_url":
                                     "https://kk.example.in/t/{number}"},
                              headers={"If-Match": '"1"'})
        self.assertEqual(ok.status, 200, ok.describe())
        self.assertEqual(ok.json["name"], "ಕರ್ನಾಟಕ ಕೊರಿಯರ್")
        self.assertEqual(ok.json["version"], 2)
        self.assertEqual(ok.header("ETag"), '"2"')
        self.assertEqual(S["admin"].get(path).json["tracking_url"],
                         "https://kk.example.in/t/{number}")

    def test_a_carrier_in_use_cannot_be_deleted(self):
        c = created(S["admin"].post("/api/v1/carriers", {"code": harness.unique("dl"),
                                                         "name": "In use"}))
        path = "/api/v1/carriers/%d" % c["id"]
        s = new_shipment(S["admin"], carrier=c["code"])
        self.assertProblem(S["admin"].delete(path), 409, "conflict")
        self.assertEqual(S["admin"].get(path).status, 200)
        self.assertEqual(get_shipment(S["admin"], s["id"])["carrier"]["code"], c["code"])
        unused = created(S["admin"].post("/api/v1/carriers", {"code": harness.unique("un"),
                                                              "name": "Unused"}))
        d = S["admin"].delete("/api/v1/carriers/%d" % unused["id"])
        self.assertEqual(d.status, 204, d.describe())
        self.assertProblem(S["admin"].get("/api/v1/carriers/%d" % unused["id"]), 404)
        self.assertProblem(S["admin"].delete("/api/v1/carriers/%d" % unused["id"]), 404)

    def test_idempotency_key_replays_the_creation(self):
        body = {"code": harness.unique("ik"), "name": "Idempotent"}
        key = {"Idempotency-Key": harness.unique("key")}
        first = S["admin"].post("/api/v1/carriers", body, headers=key)
        self.assertEqual(first.status, 201, first.describe())
        again = S["admin"].post("/api/v1/carriers", body, headers=key)
        self.assertEqual(again.status, 201, again.describe())
        self.assertEqual(again.json["id"], first.json["id"])
        self.assertEqual(again.header("Idempotent-Replayed"), "true")
        codes = [c["code"] for c in S["admin"].get("/api/v1/carriers").json["data"]]
        self.assertEqual(codes.count(body["code"]), 1)


# ---- shipments --------------------------------------------------------------------------------

class ShipmentTest(Base):
    def test_create_normalises_the_number_and_shows_everything(self):
        raw = bd_number()
        spaced = "%s %s %s %s" % (raw[:2].lower(), raw[2:6], raw[6:10], raw[10:].lower())
        email = harness.unique_email("ship")
        r = S["admin"].post("/api/v1/shipments", {
            "carrier": "bluedart", "tracking_number": spaced, "service": "Apex",
            "origin": {"city": "Pune", "pin": "411001", "country": "in"},
            "destination": {"city": "ಬೆಂಗಳೂರು", "pin": "560001", "country": "IN"},
            "weight_grams": 1250, "cod": {"amount": 499, "currency": "inr"},
            "promised_date": day(10), "order_ref": "ORD-7781",
            "contact": {"email": email, "name": "प्रिया शर्मा"}})
        self.assertEqual(r.status, 201, r.describe())
        s = r.json
        self.assertEqual(s["tracking_number"], raw)
        self.assertEqual(s["carrier"], {"code": "bluedart", "name": "Blue Dart"})
        self.assertEqual(s["status"], "booked")
        self.assertEqual(s["service"], "Apex")
        self.assertEqual(s["origin"], {"city": "Pune", "pin": "411001", "country": "IN"})
        self.assertEqual(s["destination"]["city"], "ಬೆಂಗಳೂರು")
        self.assertEqual(s["weight_grams"], 1250)
        self.assertEqual(s["cod"], {"amount": "499.00", "currency": "INR"})
        self.assertEqual(s["promised_date"], day(10))
        self.assertIsNone(s["eta"])
        self.assertFalse(s["late"])
        self.assertEqual(s["order_ref"], "ORD-7781")
        self.assertEqual(s["tracking_url"], BLUEDART_URL.replace("{number}", raw))
        self.assertIsNone(s["last_event_at"])
        self.assertEqual(s["events"], [])
        self.assertIsInstance(s["contact_id"], int)
        self.assertEqual(r.header("Location"), "/api/v1/shipments/%d" % s["id"])
        self.assertEqual(r.header("ETag"), '"1"')
        contact = S["admin"].get("/api/v1/contacts/%d" % s["contact_id"])
        self.assertEqual(contact.status, 200, contact.describe())
        self.assertEqual(contact.json["email"], email)
        got = get_shipment(S["agent"], s["id"])
        self.assertEqual(got["tracking_number"], raw)
        self.assertEqual(got["cod"], {"amount": "499.00", "currency": "INR"})

    def test_cod_amount_as_string_or_number(self):
        for amount, shown in (("1250.5", "1250.50"), (99.99, "99.99"), ("0", "0.00")):
            with self.subTest(amount=amount):
                s = new_shipment(S["admin"], cod={"amount": amount, "currency": "INR"})
                self.assertEqual(s["cod"], {"amount": shown, "currency": "INR"})

    def test_bad_input_is_422_naming_the_member(self):
        good = lambda **kw: dict({"carrier": "bluedart", "tracking_number": bd_number()}, **kw)
        cases = [
            (good(colour="red"), "colour"),
            (good(status="delivered"), "status"),
            ({"carrier": "nosuchcarrier", "tracking_number": bd_number()}, "carrier"),
            ({"tracking_number": bd_number()}, "carrier"),
            ({"carrier": "bluedart"}, "tracking_number"),
            (good(tracking_number="ab1"), "tracking_number"),
            (good(tracking_number="ABCDEFGH"), "tracking_number"),
            (good(tracking_number="BD#1234567"), "tracking_number"),
            (good(tracking_number="BD" + "1" * 40), "tracking_number"),
            (good(cod={"amount": "4.999", "currency": "INR"}), "cod.amount"),
            (good(cod={"amount": "499", "currency": "RUPEES"}), "cod.currency"),
            (good(promised_date="2026-13-01"), "promised_date"),
            (good(eta="tomorrow"), "eta"),
            (good(weight_grams=-5), "weight_grams"),
            (good(contact_id=99999999), "contact_id"),
            (good(origin={"city": "Pune", "country": "India"}), "origin.country"),
            (good(destination={"town": "Pune"}), "destination.town"),
            (good(contact={"name": "Only a name"}), "contact.email"),
        ]
        for body, field in cases:
            with self.subTest(body=body):
                r = S["admin"].post("/api/v1/shipments", body)
                self.assertProblem(r, 422, "validation", [field])
                if "tracking_number" in body and field != "tracking_number":
                    self.assertEqual(by_number(S["admin"], body["tracking_number"]), [],
                                     "a refused shipment must not be stored")

    def test_a_carrier_has_each_number_once(self):
        n = bd_number()
        new_shipment(S["admin"], number=n)
        r = S["admin"].post("/api/v1/shipments", {"carrier": "bluedart",
                                                  "tracking_number": n.lower()})
        self.assertProblem(r, 409, fields=["tracking_number"])
        # Another carrier may have the same number.
        other = new_shipment(S["admin"], carrier="delhivery", number=n)
        self.assertEqual(other["carrier"]["code"], "delhivery")
        self.assertEqual(sorted(x["carrier"]["code"] for x in by_number(S["admin"], n)),
                         ["bluedart", "delhivery"])

    def test_get_has_an_etag_and_patch_honours_if_match(self):
        s = new_shipment(S["admin"], service="Surface")
        path = "/api/v1/shipments/%d" % s["id"]
        got = S["agent"].get(path)
        self.assertEqual(got.header("ETag"), '"1"')
        stale = S["agent"].patch(path, {"service": "Air"}, headers={"If-Match": '"9"'})
        self.assertProblem(stale, 412, "precondition-failed")
        self.assertEqual(get_shipment(S["admin"], s["id"])["service"], "Surface")
        ok = S["agent"].patch(path, {"service": "Air", "order_ref": "ORD-55"},
                              headers={"If-Match": got.header("ETag")})
        self.assertEqual(ok.status, 200, ok.describe())
        self.assertEqual(ok.json["service"], "Air")
        self.assertEqual(ok.json["order_ref"], "ORD-55")
        self.assertEqual(ok.json["version"], 2)
        self.assertEqual(ok.header("ETag"), '"2"')
        again = S["agent"].patch(path, {"service": "Ground"}, headers={"If-Match": '"1"'})
        self.assertProblem(again, 412, "precondition-failed")

    def test_patch_refuses_status_carrier_and_tracking_number(self):
        s = new_shipment(S["admin"])
        path = "/api/v1/shipments/%d" % s["id"]
        for body, field in (({"status": "delivered"}, "status"),
                            ({"carrier": "delhivery"}, "carrier"),
                            ({"tracking_number": bd_number()}, "tracking_number"),
                            ({"status": "lost", "service": "Air"}, "status")):
            with self.subTest(body=body):
                r = S["admin"].patch(path, body)
                self.assertProblem(r, 422, "validation", [field])
        after = get_shipment(S["admin"], s["id"])
        self.assertEqual(after["status"], "booked")
        self.assertEqual(after["carrier"]["code"], "bluedart")
        self.assertEqual(after["tracking_number"], s["tracking_number"])
        self.assertEqual(after["service"], "")
        self.assertEqual(after["version"], 1)

    def test_patch_null_clears_optional_members(self):
        s = new_shipment(S["admin"], weight_grams=900, cod={"amount": "10", "currency": "INR"},
                         promised_date=day(-10), eta=day(-9), service="Apex")
        self.assertTrue(s["late"])
        r = S["admin"].patch("/api/v1/shipments/%d" % s["id"],
                             {"weight_grams": None, "cod": None, "promised_date": None,
                              "eta": None})
        self.assertEqual(r.status, 200, r.describe())
        for k in ("weight_grams", "cod", "promised_date", "eta"):
            self.assertIsNone(r.json[k], k)
        self.assertFalse(r.json["late"])
        self.assertEqual(r.json["service"], "Apex")

    def test_list_filters_and_pages(self):
        email = harness.unique_email("lister")
        a = new_shipment(S["admin"], contact={"email": email})
        b = new_shipment(S["admin"], contact_id=a["contact_id"])
        c = new_shipment(S["admin"], contact_id=a["contact_id"])
        ingest(S["admin"], event(c["tracking_number"], "lost", at(1)))
        mine = S["agent"].list_all("/api/v1/shipments?contact_id=%d" % a["contact_id"], limit=1)
        self.assertEqual([x["id"] for x in mine], [c["id"], b["id"], a["id"]],
                         "newest first, one a page")
        lost = S["agent"].get("/api/v1/shipments?status=lost&contact_id=%d" % a["contact_id"])
        self.assertEqual([x["id"] for x in lost.json["data"]], [c["id"]])
        self.assertEqual(lost.json["data"][0]["events"][0]["status"], "lost")
        spaced = " ".join([b["tracking_number"][:4].lower(), b["tracking_number"][4:]])
        found = by_number(S["agent"], spaced)
        self.assertEqual([x["id"] for x in found], [b["id"]])
        everything = S["agent"].list_all("/api/v1/shipments")
        ids = [x["id"] for x in everything]
        self.assertEqual(ids, sorted(ids, reverse=True))
        self.assertTrue({a["id"], b["id"], c["id"]} <= set(ids))
        first = S["agent"].get("/api/v1/shipments")
        self.assertEqual(len(first.json["data"]), min(25, len(everything)), "25 a page")
        self.assertEqual(first.json["next_cursor"] is not None, len(everything) > 25)
        for q, field in (("status=misplaced", "status"), ("tracking_number=a%23b", "tracking_number"),
                         ("contact_id=abc", "contact_id"), ("limit=0", "limit"),
                         ("limit=101", "limit")):
            with self.subTest(query=q):
                r = S["agent"].get("/api/v1/shipments?" + q)
                self.assertProblem(r, 422, fields=[field])

    def test_a_contacts_shipments(self):
        email = harness.unique_email("cust")
        a = new_shipment(S["agent"], contact={"email": email, "name": "ರವಿ ಕುಮಾರ್"})
        b = new_shipment(S["agent"], carrier="delhivery", number="DL%s" % digits(5),
                         contact={"email": email})
        self.assertEqual(a["contact_id"], b["contact_id"], "the contact is found, not made twice")
        new_shipment(S["agent"], contact={"email": harness.unique_email("other")})
        r = S["agent"].get("/api/v1/contacts/%d/shipments" % a["contact_id"])
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual([x["id"] for x in r.json["data"]], [b["id"], a["id"]])
        self.assertEqual(r.json["data"][0]["tracking_url"],
                         "https://www.delhivery.com/track/package/" + b["tracking_number"])
        self.assertProblem(S["agent"].get("/api/v1/contacts/99999999/shipments"), 404)

    def test_late(self):
        overdue = new_shipment(S["admin"], promised_date=day(-10))
        self.assertTrue(overdue["late"])
        on_time = new_shipment(S["admin"], promised_date=day(10))
        self.assertFalse(on_time["late"])
        self.assertFalse(new_shipment(S["admin"])["late"], "no promised date: never late")
        # The carrier says it will arrive after the promised date.
        r = ingest(S["admin"], event(on_time["tracking_number"], "in_transit", at(2),
                                     eta=day(12)))
        self.assertEqual(r.status, 200, r.describe())
        s = get_shipment(S["admin"], on_time["id"])
        self.assertEqual(s["eta"], day(12))
        self.assertTrue(s["late"])
        # Delivered (even after the promised date) is not late any more.
        ingest(S["admin"], event(overdue["tracking_number"], "delivered", at(1)))
        self.assertFalse(get_shipment(S["admin"], overdue["id"])["late"])
        ingest(S["admin"], event(on_time["tracking_number"], "returned_to_origin", at(1)))
        self.assertFalse(get_shipment(S["admin"], on_time["id"])["late"])

    def test_unknown_shipment_is_404(self):
        self.assertProblem(S["agent"].get("/api/v1/shipments/99999999"), 404, "not-found")
        self.assertProblem(S["agent"].patch("/api/v1/shipments/99999999", {"service": "x"}), 404)


# ---- tracking events through the API ----------------------------------------------------------

class TrackingEventsTest(Base):
    def test_a_batch_creates_the_shipment_and_the_newest_event_wins(self):
        n = bd_number()
        t1, t2, t3 = at(30), at(20), at(10)
        r = ingest(S["admin"],
                   event(n.lower(), "in_transit", t2, event_id="e-2", place="Pune hub",
                         eta=day(2)),
                   event(n, "picked_up", t1, event_id="e-1", place="Mumbai"),
                   event(n, "booked", at(40), event_id="e-0"))
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual(r.json["accepted"], 3)
        self.assertEqual(r.json["duplicates"], 0)
        self.assertEqual([x["event_id"] for x in r.json["results"]], ["e-2", "e-1", "e-0"])
        self.assertEqual({x["outcome"] for x in r.json["results"]}, {"recorded"})
        sid = r.json["results"][0]["shipment_id"]
        self.assertEqual({x["shipment_id"] for x in r.json["results"]}, {sid})
        found = by_number(S["admin"], n)
        self.assertEqual([x["id"] for x in found], [sid], "one shipment, made by the events")
        s = get_shipment(S["admin"], sid)
        self.assertEqual(s["carrier"]["code"], "bluedart")
        self.assertEqual(s["tracking_number"], n)
        self.assertEqual(s["status"], "in_transit", "the newest by occurred_at, not the last sent")
        self.assertEqual(s["last_event_at"], t2)
        self.assertEqual(s["eta"], day(2))
        self.assertEqual(s["tracking_url"], BLUEDART_URL.replace("{number}", n))
        self.assertEqual([e["event_id"] for e in s["events"]], ["e-2", "e-1", "e-0"])
        self.assertEqual(s["events"][0]["place"], "Pune hub")
        self.assertEqual(s["events"][0]["occurred_at"], t2, "the reported offset is kept")
        # A newer event moves it on; its reason becomes status_reason.
        r = ingest(S["admin"], event(n, "delivery_failed", t3, event_id="e-3",
                                     reason="customer not at home"))
        self.assertEqual(r.json["accepted"], 1, r.describe())
        s = get_shipment(S["admin"], sid)
        self.assertEqual(s["status"], "delivery_failed")
        self.assertEqual(s["status_reason"], "customer not at home")
        self.assertEqual(s["last_event_at"], t3)
        self.assertEqual(s["eta"], day(2), "an event without eta keeps the eta")

    def test_a_late_event_joins_the_timeline_without_changing_the_status(self):
        n = bd_number()
        newest = at(5)
        r = ingest(S["admin"], event(n, "out_for_delivery", newest, event_id="n-3",
                                     eta=day(0), place="Bengaluru"))
        self.assertEqual(r.status, 200, r.describe())
        sid = r.json["results"][0]["shipment_id"]
        before = get_shipment(S["admin"], sid)
        # Older events arrive afterwards, one with another eta and a reason.
        r = ingest(S["admin"],
                   event(n, "in_transit", at(30), event_id="n-2", eta=day(4),
                         reason="held at hub"),
                   event(n, "picked_up", at(50, timezone.utc), event_id="n-1"))
        self.assertEqual(r.json["accepted"], 2, r.describe())
        s = get_shipment(S["admin"], sid)
        self.assertEqual(s["status"], "out_for_delivery")
        self.assertEqual(s["status_reason"], "")
        self.assertEqual(s["last_event_at"], newest)
        self.assertEqual(s["eta"], day(0), "an older event's eta does not apply")
        self.assertEqual([e["event_id"] for e in s["events"]], ["n-3", "n-2", "n-1"])
        self.assertTrue(s["events"][2]["occurred_at"].endswith("Z"), s["events"][2])
        self.assertEqual(s["events"][0]["occurred_at"], before["last_event_at"])
        # An event at another offset but a later instant does move it.
        later_utc = (datetime.now(timezone(timedelta(hours=-4))) - timedelta(hours=1)).replace(
            microsecond=0).isoformat()
        ingest(S["admin"], event(n, "delivered", later_utc, event_id="n-4"))
        s = get_shipment(S["admin"], sid)
        self.assertEqual(s["status"], "delivered")
        self.assertEqual(s["last_event_at"], later_utc)
        self.assertTrue(s["last_event_at"].endswith("-04:00"))

    def test_replaying_a_batch_reports_duplicates_and_changes_nothing(self):
        n = bd_number()
        batch = [event(n, "picked_up", at(12), event_id="r-1"),
                 event(n, "in_transit", at(6), event_id="r-2", place="नागपुर"),
                 # no event_id: one is derived from the content
                 event(n, "out_for_delivery", at(2), place="Bengaluru")]
        first = ingest(S["admin"], *batch)
        self.assertEqual(first.status, 200, first.describe())
        self.assertEqual((first.json["accepted"], first.json["duplicates"]), (3, 0))
        derived = first.json["results"][2]["event_id"]
        self.assertTrue(derived, first.describe())
        sid = first.json["results"][0]["shipment_id"]
        before = S["admin"].get("/api/v1/shipments/%d" % sid)
        again = ingest(S["admin"], *batch)
        self.assertEqual(again.status, 200, again.describe())
        self.assertEqual((again.json["accepted"], again.json["duplicates"]), (0, 3))
        self.assertEqual([x["outcome"] for x in again.json["results"]], ["duplicate"] * 3)
        self.assertEqual([x["event_id"] for x in again.json["results"]], ["r-1", "r-2", derived])
        self.assertEqual({x["shipment_id"] for x in again.json["results"]}, {sid})
        after = S["admin"].get("/api/v1/shipments/%d" % sid)
        self.assertEqual(after.json, before.json, "a replay changes nothing")
        self.assertEqual(after.header("ETag"), before.header("ETag"))
        self.assertEqual(len(after.json["events"]), 3)
        # A partial replay: duplicates counted apart from the new event.
        mixed = ingest(S["admin"], batch[0], event(n, "delivered", at(1), event_id="r-4"))
        self.assertEqual((mixed.json["accepted"], mixed.json["duplicates"]), (1, 1))
        self.assertEqual([x["outcome"] for x in mixed.json["results"]], ["duplicate", "recorded"])
        self.assertEqual(get_shipment(S["admin"], sid)["status"], "delivered")

    def test_an_invalid_event_anywhere_writes_nothing(self):
        existing = bd_number()
        r = ingest(S["admin"], event(existing, "picked_up", at(20), event_id="x-1"))
        sid = r.json["results"][0]["shipment_id"]
        before = S["admin"].get("/api/v1/shipments/%d" % sid).json
        fresh = bd_number()
        bad = ingest(S["admin"],
                     event(fresh, "booked", at(10), event_id="x-2"),
                     event(existing, "in_transit", at(5), event_id="x-3"),
                     event(existing, "teleported", at(4), event_id="x-4"),
                     event(fresh, "in_transit", at(3), event_id="x-5", carrier="nosuchcarrier"),
                     event(existing, "delivered", "2026-12-03 14:05:00", event_id="x-6"))
        named = self.assertProblem(bad, 422, "validation",
                                   ["events[2].status", "events[3].carrier",
                                    "events[4].occurred_at"])
        self.assertFalse([f for f in named if f.startswith(("events[0]", "events[1]"))], named)
        self.assertEqual(by_number(S["admin"], fresh), [], "no shipment made by a refused batch")
        self.assertEqual(S["admin"].get("/api/v1/shipments/%d" % sid).json, before,
                         "the valid events of a refused batch are not written")

    def test_each_bad_member_is_named(self):
        n = bd_number()
        ok = event(n, "in_transit", at(1), event_id="ok-1")
        tomorrow = (datetime.now(IST) + timedelta(hours=26)).replace(microsecond=0).isoformat()
        cases = [
            ([ok, {"carrier": "bluedart", "status": "booked", "occurred_at": at(1)}],
             "events[1].tracking_number"),
            ([dict(ok, tracking_number="ab")], "events[0].tracking_number"),
            ([dict(ok, tracking_number="NODIGITS")], "events[0].tracking_number"),
            ([{"tracking_number": n, "status": "booked", "occurred_at": at(1)}],
             "events[0].carrier"),
            ([dict(ok, carrier="dhl")], "events[0].carrier"),
            ([ok, dict(ok, status=None)], "events[1].status"),
            ([dict(ok, status="Delivered")], "events[0].status"),
            ([dict(ok, occurred_at=None)], "events[0].occurred_at"),
            ([dict(ok, occurred_at="2026-12-03T14:05:00")], "events[0].occurred_at"),
            ([dict(ok, occurred_at="yesterday")], "events[0].occurred_at"),
            ([dict(ok, occurred_at=tomorrow)], "events[0].occurred_at"),
            ([dict(ok, event_id="e" * 101)], "events[0].event_id"),
            ([dict(ok, eta="05-12-2026")], "events[0].eta"),
            ([dict(ok, colour="red")], "events[0].colour"),
            ([dict(ok, place="x" * 501)], "events[0].place"),
            ([ok, "not an event"], "events[1]"),
            ([], "events"),
        ]
        for events, field in cases:
            with self.subTest(field=field, events=events):
                r = S["admin"].post("/api/v1/tracking-events", {"events": events})
                self.assertProblem(r, 422, "validation", [field])
        for body, field in (({}, "events"), ({"events": "x"}, "events"),
                            ({"events": [ok], "source": "x"}, "source")):
            with self.subTest(body=body):
                self.assertProblem(S["admin"].post("/api/v1/tracking-events", body), 422,
                                   "validation", [field])
        self.assertEqual(by_number(S["admin"], n), [], "nothing of a refused batch is written")

    def test_batch_size_limit(self):
        n = bd_number()
        many = [event(n, "in_transit", at(2), event_id="m-%d" % i) for i in range(1001)]
        r = S["admin"].post("/api/v1/tracking-events", {"events": many})
        self.assertProblem(r, 422, "validation", ["events"])
        self.assertEqual(by_number(S["admin"], n), [])
        r = S["admin"].post("/api/v1/tracking-events", {"events": many[:1000]})
        self.assertEqual(r.status, 200, r.describe(300))
        self.assertEqual(r.json["accepted"], 1000)
        self.assertEqual(len(get_shipment(S["admin"], r.json["results"][0]["shipment_id"])
                             ["events"]), 100, "the timeline shows the newest 100")

    def test_hindi_and_kannada_text_round_trips_as_nfc(self):
        n = bd_number()
        hindi_place = "ऩई दिल्ली हब"          # U+0929 decomposes under NFD
        kannada_desc = "ಪಾರ್ಸೆಲ್ ಕೀಲಿ ಹಬ್‌ನಲ್ಲಿ ಇದೆ"  # U+0CC0 (ೀ) decomposes too
        reason = "ग्राहक घर पर नहीं थे ಕೊಡಲಾಗಲಿಲ್ಲ"
        nfd = lambda s: unicodedata.normalize("NFD", s)
        nfc = lambda s: unicodedata.normalize("NFC", s)
        self.assertNotEqual(nfd(hindi_place), nfc(hindi_place))
        self.assertNotEqual(nfd(kannada_desc), nfc(kannada_desc))
        r = ingest(S["admin"], event(n, "delivery_failed", at(1), event_id="in-1",
                                     place=nfd(hindi_place), description=nfd(kannada_desc),
                                     reason=nfd(reason)))
        self.assertEqual(r.status, 200, r.describe())
        s = get_shipment(S["agent"], r.json["results"][0]["shipment_id"])
        e = s["events"][0]
        self.assertEqual(e["place"], nfc(hindi_place))
        self.assertEqual(e["description"], nfc(kannada_desc))
        self.assertEqual(e["reason"], nfc(reason))
        self.assertEqual(s["status_reason"], nfc(reason))
        raw = S["agent"].get("/api/v1/shipments/%d" % s["id"]).raw.decode("utf-8")
        self.assertNotIn(nfd(kannada_desc), raw)
        self.assertIn(nfc(kannada_desc), raw)

    def test_events_without_event_id_from_nfd_and_nfc_text_are_one_event(self):
        n = bd_number()
        place = "ಕೀಲಿ ಹಬ್"
        first = ingest(S["admin"], event(n, "in_transit", at(3),
                                         place=unicodedata.normalize("NFD", place)))
        self.assertEqual(first.status, 200, first.describe())
        occurred = get_shipment(S["admin"], first.json["results"][0]["shipment_id"])[
            "events"][0]["occurred_at"]
        second = ingest(S["admin"], event(n, "in_transit", occurred,
                                          place=unicodedata.normalize("NFC", place)))
        self.assertEqual(second.json["results"][0]["outcome"], "duplicate", second.describe())
        self.assertEqual(second.json["results"][0]["event_id"],
                         first.json["results"][0]["event_id"])

    def test_only_admins_post_events(self):
        n = bd_number()
        for client, status in ((S["agent"], 403), (S["anon"], 401)):
            r = ingest(client, event(n, "in_transit", at(1), event_id="a-1"))
            self.assertProblem(r, status)
        agent_session = S["server"].login_agent()
        r = ingest(agent_session, event(n, "in_transit", at(1), event_id="a-1"))
        self.assertProblem(r, 403, "forbidden")
        self.assertEqual(by_number(S["admin"], n), [])
        admin_session = S["server"].login_admin()
        r = ingest(admin_session, event(n, "in_transit", at(1), event_id="a-1"))
        self.assertEqual(r.status, 200, r.describe())

    def test_wrong_media_type_and_malformed_json(self):
        r = S["admin"].request("POST", "/api/v1/tracking-events", raw_body=b"events=1",
                               content_type="application/x-www-form-urlencoded")
        self.assertProblem(r, 415)
        r = S["admin"].request("POST", "/api/v1/tracking-events", raw_body=b'{"events": [',
                               content_type="application/json")
        self.assertProblem(r, 400)


# ---- shipments on tickets ---------------------------------------------------------------------

class TicketLinkTest(Base):
    def links(self, ticket_id, client=None):
        r = (client or S["agent"]).get("/api/v1/tickets/%d/shipments" % ticket_id)
        self.assertEqual(r.status, 200, r.describe())
        return r.json["data"]

    def test_a_subject_with_a_tracking_number_links_by_itself(self):
        eleven = digits(11)
        s = new_shipment(S["admin"], number=eleven)
        t = S["admin"].create_ticket(subject="Parcel %s not delivered" % eleven,
                                     body="Please help")
        got = self.links(t["id"])
        self.assertEqual([x["id"] for x in got], [s["id"]])
        self.assertEqual(got[0]["link"]["by"], "auto")
        self.assertTrue(got[0]["link"]["linked_at"])
        self.assertEqual(got[0]["tracking_number"], eleven)
        self.assertEqual(got[0]["carrier"]["code"], "bluedart")
        self.assertIn("events", got[0])

    def test_a_hindi_message_links_by_itself(self):
        n = bd_number()
        s = new_shipment(S["admin"], number=n)
        t = S["admin"].create_ticket(subject="मेरा पार्सल", body="मेरा पार्सल कहाँ है? AWB %s"
                                     % n.lower())
        self.assertEqual([(x["id"], x["link"]["by"]) for x in self.links(t["id"])],
                         [(s["id"], "auto")])
        # Devanagari right against the number still ends the word.
        n2 = bd_number()
        s2 = new_shipment(S["admin"], number=n2)
        t2 = S["admin"].create_ticket(subject="पार्सल", body="पार्सल%sकहाँ है" % n2)
        self.assertEqual([x["id"] for x in self.links(t2["id"])], [s2["id"]])

    def test_a_short_number_links_through_its_carriers_pattern(self):
        short = "DL%s" % digits(5)
        s = new_shipment(S["admin"], carrier="delhivery", number=short)
        t = S["admin"].create_ticket(subject="ಪಾರ್ಸೆಲ್ ಎಲ್ಲಿದೆ?",
                                     body="ನನ್ನ ಪಾರ್ಸೆಲ್ %s ಇನ್ನೂ ಬಂದಿಲ್ಲ" % short.lower())
        self.assertEqual([(x["id"], x["link"]["by"]) for x in self.links(t["id"])],
                         [(s["id"], "auto")])
        # A 7-character number no carrier pattern matches is not a candidate.
        other = "ZX%s" % digits(5)
        new_shipment(S["admin"], number=other)
        t2 = S["admin"].create_ticket(subject="Where is %s" % other, body="Order " + other)
        self.assertEqual(self.links(t2["id"]), [])

    def test_a_later_message_links_by_itself(self):
        t = S["admin"].create_ticket(subject="Delivery question", body="Not arrived yet")
        self.assertEqual(self.links(t["id"]), [])
        n = bd_number()
        s = new_shipment(S["admin"], number=n)
        r = S["agent"].post("/api/v1/tickets/%d/messages" % t["id"],
                            {"body": "Your AWB is %s, I am checking." % n, "public": True})
        self.assertEqual(r.status, 201, r.describe())
        got = self.links(t["id"])
        self.assertEqual([(x["id"], x["link"]["by"]) for x in got], [(s["id"], "auto")])

    def test_numbers_without_a_shipment_do_no_harm(self):
        s = new_shipment(S["admin"])
        t = S["admin"].create_ticket(
            subject="Order ORD-20261204-77 and phone 9876543210",
            body="Call me on 9876543210, order 12345678901, AWB %s" % bd_number())
        self.assertEqual(self.links(t["id"]), [])
        self.assertEqual(get_shipment(S["admin"], s["id"])["status"], "booked")

    def test_link_and_unlink_by_hand(self):
        t = S["admin"].create_ticket(subject="Two parcels", body="One of them is late")
        n = bd_number()
        s = new_shipment(S["admin"], number=n)
        path = "/api/v1/tickets/%d/shipments" % t["id"]
        r = S["agent"].post(path, {"tracking_number": " " + n[:6].lower() + " " + n[6:]})
        self.assertEqual(r.status, 201, r.describe())
        self.assertEqual(r.json["id"], s["id"])
        self.assertEqual(r.json["link"]["by"], "agent")
        again = S["agent"].post(path, {"shipment_id": s["id"]})
        self.assertEqual(again.status, 200, again.describe())
        self.assertEqual(again.json["link"]["by"], "agent")
        also = S["agent"].post(path, {"tracking_number": n, "carrier": "bluedart"})
        self.assertEqual(also.status, 200, also.describe())
        s2 = new_shipment(S["admin"], carrier="delhivery", number="DL%s" % digits(5))
        r2 = S["agent"].post(path, {"shipment_id": s2["id"]})
        self.assertEqual(r2.status, 201, r2.describe())
        self.assertEqual(sorted(x["id"] for x in self.links(t["id"])), sorted([s["id"], s2["id"]]))
        d = S["agent"].delete("%s/%d" % (path, s["id"]))
        self.assertEqual(d.status, 204, d.describe())
        self.assertEqual([x["id"] for x in self.links(t["id"])], [s2["id"]])
        self.assertProblem(S["agent"].delete("%s/%d" % (path, s["id"])), 404)
        self.assertEqual(get_shipment(S["agent"], s["id"])["tracking_number"], n,
                         "unlinking keeps the shipment")

    def test_an_auto_link_can_be_removed(self):
        n = bd_number()
        s = new_shipment(S["admin"], number=n)
        t = S["admin"].create_ticket(subject="AWB " + n, body="Late")
        self.assertEqual(len(self.links(t["id"])), 1)
        d = S["agent"].delete("/api/v1/tickets/%d/shipments/%d" % (t["id"], s["id"]))
        self.assertEqual(d.status, 204, d.describe())
        self.assertEqual(self.links(t["id"]), [])

    def test_linking_what_does_not_exist(self):
        t = S["admin"].create_ticket(subject="Unknown parcel", body="?")
        path = "/api/v1/tickets/%d/shipments" % t["id"]
        missing = bd_number()
        r = S["agent"].post(path, {"tracking_number": missing})
        self.assertProblem(r, 404, "not-found")
        self.assertIn(missing, r.json["detail"])
        self.assertProblem(S["agent"].post(path, {"shipment_id": 99999999}), 404)
        self.assertProblem(S["agent"].post(path, {"tracking_number": bd_number(),
                                                  "carrier": "delhivery"}), 404)
        s = new_shipment(S["admin"])
        self.assertProblem(S["agent"].post("/api/v1/tickets/99999999/shipments",
                                           {"shipment_id": s["id"]}), 404)
        self.assertProblem(S["agent"].get("/api/v1/tickets/99999999/shipments"), 404)
        self.assertProblem(S["agent"].delete("/api/v1/tickets/%d/shipments/99999999"
                                             % t["id"]), 404)
        self.assertEqual(self.links(t["id"]), [])

    def test_bad_link_bodies_are_422(self):
        t = S["admin"].create_ticket(subject="Bad links", body="x")
        path = "/api/v1/tickets/%d/shipments" % t["id"]
        for body, field in (({}, "tracking_number"), ({"tracking_number": "a!"}, "tracking_number"),
                            ({"tracking_number": bd_number(), "note": "x"}, "note"),
                            ({"shipment_id": "abc"}, "shipment_id")):
            with self.subTest(body=body):
                self.assertProblem(S["agent"].post(path, body), 422, "validation", [field])
        self.assertEqual(self.links(t["id"]), [])

    def test_a_number_two_carriers_have_needs_the_carrier(self):
        n = "CM%s" % digits(8)
        a = new_shipment(S["admin"], carrier="bluedart", number=n)
        b = new_shipment(S["admin"], carrier="delhivery", number=n)
        t = S["admin"].create_ticket(subject="Shared number", body="x")
        path = "/api/v1/tickets/%d/shipments" % t["id"]
        r = S["agent"].post(path, {"tracking_number": n})
        self.assertProblem(r, 422, "validation", ["carrier"])
        self.assertEqual(self.links(t["id"]), [])
        r = S["agent"].post(path, {"tracking_number": n, "carrier": "delhivery"})
        self.assertEqual(r.status, 201, r.describe())
        self.assertEqual(r.json["id"], b["id"])
        self.assertEqual([x["id"] for x in self.links(t["id"])], [b["id"]])
        self.assertNotEqual(a["id"], b["id"])


# ---- signed tracking webhooks -----------------------------------------------------------------

class WebhookTest(Base):
    def test_the_documented_example_signature(self):
        # docs/shipments.md's worked example: our signer is the documented one.
        body = (b'{"events":[{"carrier":"bluedart","tracking_number":"BD12345678IN",'
                b'"event_id":"bd-7781305","status":"out_for_delivery",'
                b'"occurred_at":"2026-12-05T08:10:00+05:30","place":"Bengaluru"}]}')
        self.assertEqual(sign("whsec_3pQ9nV1xT7bK2mR8cY5zL0aW", "1796292300", body),
                         "sha256=af4f31e6190fa027c66fb00bd2aad311c328b7dfff3e4a8cf68d58b3c8303126")

    def test_create_shows_the_secret_once(self):
        r = S["admin"].post("/api/v1/tracking-webhooks", {"name": "Blue Dart push"})
        self.assertEqual(r.status, 201, r.describe())
        w = r.json
        self.assertTrue(w["secret"].startswith("whsec_"), w)
        self.assertGreaterEqual(len(w["secret"]), 6 + 20)
        self.assertEqual(w["url"], "/hooks/tracking/" + w["key"])
        self.assertTrue(w["enabled"])
        self.assertIsNone(w["last_used_at"])
        self.assertEqual(w["name"], "Blue Dart push")
        self.assertEqual(r.header("Location"), "/api/v1/tracking-webhooks/%d" % w["id"])
        got = S["admin"].get("/api/v1/tracking-webhooks/%d" % w["id"])
        self.assertEqual(got.status, 200, got.describe())
        self.assertNotIn("secret", got.json)
        self.assertNotIn(w["secret"], got.raw.decode())
        self.assertEqual(got.json["key"], w["key"])
        listed = S["admin"].get("/api/v1/tracking-webhooks")
        self.assertEqual(listed.status, 200, listed.describe())
        self.assertIn(w["id"], [x["id"] for x in listed.json["data"]])
        self.assertNotIn(w["secret"], listed.raw.decode())
        self.assertFalse([x for x in listed.json["data"] if "secret" in x])
        other = new_webhook()
        self.assertNotEqual(other["secret"], w["secret"])
        self.assertNotEqual(other["key"], w["key"])

    def test_bad_webhook_input_is_422(self):
        for body, field in (({}, "name"), ({"name": ""}, "name"),
                            ({"name": "x", "secret": "whsec_mine"}, "secret"),
                            ({"name": "x", "enabled": "yes"}, "enabled")):
            with self.subTest(body=body):
                self.assertProblem(S["admin"].post("/api/v1/tracking-webhooks", body), 422,
                                   "validation", [field])

    def test_a_signed_delivery_is_accepted(self):
        w = new_webhook("Blue Dart push")
        n = bd_number()
        t = at(3)
        body = body_bytes([event(n, "out_for_delivery", t, event_id="wh-1", place="ಬೆಂಗಳೂರು",
                                 description=unicodedata.normalize(
                                     "NFD", "ಪಾರ್ಸೆಲ್ ಕೀಲಿ ವಾಹನದಲ್ಲಿದೆ"))])
        r = deliver(w["key"], body, w["secret"])
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual((r.json["accepted"], r.json["duplicates"]), (1, 0))
        self.assertEqual(r.json["results"][0]["outcome"], "recorded")
        found = by_number(S["admin"], n)
        self.assertEqual(len(found), 1)
        s = found[0]
        self.assertEqual(s["id"], r.json["results"][0]["shipment_id"])
        self.assertEqual(s["status"], "out_for_delivery")
        self.assertEqual(s["last_event_at"], t)
        self.assertEqual(s["events"][0]["place"], "ಬೆಂಗಳೂರು")
        self.assertEqual(s["events"][0]["description"],
                         unicodedata.normalize("NFC", "ಪಾರ್ಸೆಲ್ ಕೀಲಿ ವಾಹನದಲ್ಲಿದೆ"))
        used = S["admin"].get("/api/v1/tracking-webhooks/%d" % w["id"]).json
        self.assertIsNotNone(used["last_used_at"])
        # Upper-case hex and a Content-Type with a charset are fine too.
        n2 = bd_number()
        body2 = body_bytes([event(n2, "picked_up", at(2), event_id="wh-2")])
        ts = str(int(time.time()))
        sig = sign(w["secret"], ts, body2)
        r2 = deliver(w["key"], body2, timestamp=ts, signature="sha256=" + sig[7:].upper(),
                     content_type="application/json; charset=utf-8")
        self.assertEqual(r2.status, 200, r2.describe())
        self.assertEqual(len(by_number(S["admin"], n2)), 1)

    def test_a_replayed_delivery_is_harmless(self):
        w = new_webhook()
        n = bd_number()
        body = body_bytes([event(n, "in_transit", at(4), event_id="rp-1"),
                           event(n, "picked_up", at(8))])
        ts = str(int(time.time()))
        first = deliver(w["key"], body, w["secret"], timestamp=ts)
        self.assertEqual(first.status, 200, first.describe())
        before = get_shipment(S["admin"], first.json["results"][0]["shipment_id"])
        again = deliver(w["key"], body, w["secret"], timestamp=ts)
        self.assertEqual(again.status, 200, again.describe())
        self.assertEqual((again.json["accepted"], again.json["duplicates"]), (0, 2))
        self.assertEqual(get_shipment(S["admin"], before["id"]), before)

    def test_bad_signatures_are_refused_and_nothing_is_written(self):
        w = new_webhook()
        other = new_webhook()
        n = bd_number()
        body = body_bytes([event(n, "in_transit", at(1), event_id="bad-1")])
        now = int(time.time())
        cases = {
            "another hook's secret": dict(secret=other["secret"]),
            "a made-up secret": dict(secret="whsec_" + secrets.token_urlsafe(24)),
            "the body changed after signing": dict(
                signature=sign(w["secret"], str(now), body.replace(b"in_transit", b"delivered"))),
            "the timestamp changed after signing": dict(
                timestamp=str(now), signature=sign(w["secret"], str(now - 5), body)),
            "stale timestamp": dict(secret=w["secret"], timestamp=str(now - 400)),
            "timestamp from the future": dict(secret=w["secret"], timestamp=str(now + 400)),
            "timestamp in milliseconds": dict(secret=w["secret"], timestamp=str(now * 1000)),
            "timestamp not a number": dict(secret=w["secret"], timestamp="yesterday"),
            "no timestamp": dict(secret=w["secret"],
                                 extra_headers={"X-Sahayak-Timestamp": None}),
            "no signature": dict(secret=None),
            "no sha256= prefix": dict(signature=sign(w["secret"], str(now), body)[7:]),
            "another scheme": dict(signature="sha1=" + sign(w["secret"], str(now), body)[7:]),
            "empty signature": dict(signature="sha256="),
        }
        for why, kw in cases.items():
            with self.subTest(why=why):
                if "timestamp" not in kw and "extra_headers" not in kw:
                    kw = dict(kw, timestamp=str(now))
                r = deliver(w["key"], body, **kw)
                self.assertProblem(r, 401)
                self.assertTrue(r.problem_type.endswith("invalid-signature"), r.describe())
        self.assertEqual(by_number(S["admin"], n), [], "a refused delivery writes nothing")
        self.assertIsNone(S["admin"].get("/api/v1/tracking-webhooks/%d" % w["id"])
                          .json["last_used_at"], "a refused delivery is not a use")
        # Just inside the window is fine.
        ok = deliver(w["key"], body, w["secret"], timestamp=str(int(time.time()) - 250))
        self.assertEqual(ok.status, 200, ok.describe())
        self.assertEqual(len(by_number(S["admin"], n)), 1)

    def test_rotating_the_secret(self):
        w = new_webhook()
        r = S["admin"].post("/api/v1/tracking-webhooks/%d/rotate-secret" % w["id"])
        self.assertEqual(r.status, 200, r.describe())
        new_secret = r.json["secret"]
        self.assertTrue(new_secret.startswith("whsec_"))
        self.assertNotEqual(new_secret, w["secret"])
        self.assertEqual(r.json["key"], w["key"], "the endpoint stays")
        n = bd_number()
        body = body_bytes([event(n, "picked_up", at(1), event_id="rot-1")])
        old = deliver(w["key"], body, w["secret"])
        self.assertProblem(old, 401)
        self.assertTrue(old.problem_type.endswith("invalid-signature"), old.describe())
        self.assertEqual(by_number(S["admin"], n), [])
        new = deliver(w["key"], body, new_secret)
        self.assertEqual(new.status, 200, new.describe())
        self.assertEqual(len(by_number(S["admin"], n)), 1)
        # The rotated secret is not shown afterwards either.
        got = S["admin"].get("/api/v1/tracking-webhooks/%d" % w["id"])
        self.assertNotIn(new_secret, got.raw.decode())
        self.assertProblem(S["admin"].post("/api/v1/tracking-webhooks/99999999/rotate-secret"),
                           404)

    def test_an_admins_change_during_deliveries_sticks(self):
        """A delivery verified just before an admin rotates the secret or disables the hook
        must not write the hook's old state back when it records its use: after the
        deliveries end, the new secret works, the old one does not, and a disabled hook stays
        disabled. Big batches keep deliveries in flight while the admin acts."""
        w = new_webhook()
        path = "/api/v1/tracking-webhooks/%d" % w["id"]
        state = {"secret": w["secret"]}

        def race(tag, admin_action, pause):
            bodies = [body_bytes([event(bd_number(), "in_transit", at(2),
                                        event_id="%s-%d-%d" % (tag, k, i),
                                        description="पार्सल रास्ते में है " * 8)
                                  for i in range(1000)]) for k in range(6)]
            statuses = []
            barrier = threading.Barrier(len(bodies) + 1)
            secret = state["secret"]

            def send(body):
                barrier.wait()
                statuses.append(deliver(w["key"], body, secret).status)

            threads = [threading.Thread(target=send, args=(b,)) for b in bodies]
            for t in threads:
                t.start()
            barrier.wait()
            time.sleep(pause)
            r = admin_action()
            self.assertEqual(r.status, 200, r.describe())
            for t in threads:
                t.join(60)
            return r, statuses

        for round_no, pause in enumerate((0.01, 0.03, 0.05, 0.08)):
            r, statuses = race("rot%d" % round_no, lambda: S["admin"].post(
                path + "/rotate-secret"), pause)
            self.assertTrue(all(s < 500 for s in statuses), statuses)
            old, state["secret"] = state["secret"], r.json["secret"]
            probe = body_bytes([event(bd_number(), "picked_up", at(1))])
            stale = deliver(w["key"], probe, old)
            self.assertEqual(stale.status, 401, "round %d: the old secret works again after "
                             "the rotation (deliveries in flight: %s)\n%s"
                             % (round_no, statuses, stale.describe()))
            self.assertEqual(deliver(w["key"], probe, state["secret"]).status, 200)
            self.assertEqual(S["admin"].get(path).json["version"], r.json["version"])
        for round_no, pause in enumerate((0.01, 0.03, 0.06)):
            r, statuses = race("off%d" % round_no, lambda: S["admin"].patch(
                path, {"enabled": False}), pause)
            self.assertTrue(all(s < 500 for s in statuses), statuses)
            got = S["admin"].get(path).json
            self.assertFalse(got["enabled"], "round %d: a delivery in flight re-enabled the "
                             "hook (deliveries: %s): %s" % (round_no, statuses, got))
            self.assertProblem(deliver(w["key"], body_bytes([event(bd_number(), "picked_up",
                                                                   at(1))]), state["secret"]),
                               404)
            on = S["admin"].patch(path, {"enabled": True})
            self.assertEqual(on.status, 200, on.describe())

    def test_unknown_disabled_and_deleted_hooks_are_404(self):
        n = bd_number()
        body = body_bytes([event(n, "picked_up", at(1), event_id="dis-1")])
        self.assertProblem(deliver("no-such-key-" + secrets.token_hex(8), body,
                                   "whsec_" + secrets.token_urlsafe(24)), 404)
        self.assertProblem(deliver("no-such-key", body, signature=None, secret=None), 404)
        w = new_webhook()
        path = "/api/v1/tracking-webhooks/%d" % w["id"]
        off = S["admin"].patch(path, {"enabled": False}, headers={"If-Match": '"1"'})
        self.assertEqual(off.status, 200, off.describe())
        self.assertFalse(off.json["enabled"])
        self.assertProblem(deliver(w["key"], body, w["secret"]), 404)
        self.assertEqual(by_number(S["admin"], n), [])
        on = S["admin"].patch(path, {"enabled": True})
        self.assertEqual(on.status, 200, on.describe())
        r = deliver(w["key"], body, w["secret"])
        self.assertEqual(r.status, 200, r.describe())
        d = S["admin"].delete(path)
        self.assertEqual(d.status, 204, d.describe())
        self.assertProblem(S["admin"].get(path), 404)
        n2 = bd_number()
        self.assertProblem(deliver(w["key"], body_bytes([event(n2, "picked_up", at(1))]),
                                   w["secret"]), 404)
        self.assertEqual(by_number(S["admin"], n2), [])

    def test_patch_webhook_honours_if_match(self):
        w = new_webhook("Old name")
        path = "/api/v1/tracking-webhooks/%d" % w["id"]
        self.assertProblem(S["admin"].patch(path, {"name": "x"}, headers={"If-Match": '"4"'}),
                           412, "precondition-failed")
        ok = S["admin"].patch(path, {"name": "ಡೆಲ್ಹಿವೆರಿ ಪುಶ್"}, headers={"If-Match": '"1"'})
        self.assertEqual(ok.status, 200, ok.describe())
        self.assertEqual(ok.json["name"], "ಡೆಲ್ಹಿವೆರಿ ಪುಶ್")
        self.assertNotIn("secret", ok.json)
        # Renaming does not change the secret.
        r = deliver(w["key"], body_bytes([event(bd_number(), "picked_up", at(1))]), w["secret"])
        self.assertEqual(r.status, 200, r.describe())

    def test_a_body_that_is_not_json(self):
        w = new_webhook()
        for raw, ctype, status in ((b'{"events": [', "application/json", 400),
                                   (b"\xff\xfe not utf-8", "application/json", 400),
                                   (b"events=1", "application/x-www-form-urlencoded", 415),
                                   (b'{"events": []}', "text/plain", 415)):
            with self.subTest(raw=raw, ctype=ctype):
                r = deliver(w["key"], raw, w["secret"], content_type=ctype)
                self.assertProblem(r, status)
                self.assertTrue(r.json.get("detail"), r.describe())
        self.assertIsNone(S["admin"].get("/api/v1/tracking-webhooks/%d" % w["id"])
                          .json["last_used_at"])

    def test_invalid_events_through_the_webhook_are_422_and_write_nothing(self):
        w = new_webhook()
        n = bd_number()
        body = body_bytes([event(n, "picked_up", at(3), event_id="iv-1"),
                           event(n, "vanished", at(2), event_id="iv-2")])
        r = deliver(w["key"], body, w["secret"])
        self.assertProblem(r, 422, "validation", ["events[1].status"])
        self.assertEqual(by_number(S["admin"], n), [])

    def test_only_admins_manage_webhooks(self):
        w = new_webhook()
        path = "/api/v1/tracking-webhooks/%d" % w["id"]
        agent, anon = S["agent"], S["anon"]
        for client, status in ((agent, 403), (anon, 401)):
            with self.subTest(status=status):
                self.assertProblem(client.get("/api/v1/tracking-webhooks"), status)
                self.assertProblem(client.post("/api/v1/tracking-webhooks", {"name": "mine"}),
                                   status)
                self.assertProblem(client.get(path), status)
                self.assertProblem(client.patch(path, {"enabled": False}), status)
                self.assertProblem(client.post(path + "/rotate-secret"), status)
                self.assertProblem(client.delete(path), status)
        after = S["admin"].get(path)
        self.assertEqual(after.status, 200)
        self.assertTrue(after.json["enabled"])
        self.assertEqual(after.json["version"], 1)
        self.assertNotIn("mine", [x["name"] for x in
                                  S["admin"].get("/api/v1/tracking-webhooks").json["data"]])
        # The old secret still works: no rotation happened.
        r = deliver(w["key"], body_bytes([event(bd_number(), "picked_up", at(1))]), w["secret"])
        self.assertEqual(r.status, 200, r.describe())


# ---- who may do what --------------------------------------------------------------------------

class RoleMatrixTest(Base):
    def test_agents_read_and_load_shipments_but_manage_nothing_else(self):
        agent = S["agent"]
        s = new_shipment(agent)
        allowed = [agent.get("/api/v1/carriers"),
                   agent.get("/api/v1/carriers/%d" % S["bluedart"]["id"]),
                   agent.get("/api/v1/shipments"),
                   agent.get("/api/v1/shipments/%d" % s["id"]),
                   agent.patch("/api/v1/shipments/%d" % s["id"], {"service": "Agent set"})]
        for r in allowed:
            with self.subTest(path=r.path, method=r.method):
                self.assertEqual(r.status, 200, r.describe())
        forbidden = [agent.post("/api/v1/carriers", {"code": harness.unique("zz"), "name": "z"}),
                     agent.patch("/api/v1/carriers/%d" % S["bluedart"]["id"], {"name": "z"}),
                     agent.delete("/api/v1/carriers/%d" % S["delhivery"]["id"]),
                     ingest(agent, event(s["tracking_number"], "delivered", at(1))),
                     agent.get("/api/v1/tracking-webhooks"),
                     agent.post("/api/v1/tracking-webhooks", {"name": "agent hook"})]
        for r in forbidden:
            with self.subTest(path=r.path, method=r.method):
                self.assertProblem(r, 403, "forbidden")
        self.assertEqual(get_shipment(S["admin"], s["id"])["status"], "booked")
        self.assertEqual(S["admin"].get("/api/v1/carriers/%d" % S["delhivery"]["id"]).status, 200)

    def test_an_agent_session_is_refused_for_its_role_not_for_csrf(self):
        session = S["server"].login_agent()
        r = session.post("/api/v1/tracking-webhooks", {"name": "agent hook"})
        self.assertProblem(r, 403, "forbidden")
        r = session.post("/api/v1/carriers", {"code": harness.unique("ss"), "name": "x"})
        self.assertProblem(r, 403, "forbidden")
        ok = session.post("/api/v1/shipments", {"carrier": "bluedart",
                                                "tracking_number": bd_number()})
        self.assertEqual(ok.status, 201, ok.describe())

    def test_strangers_get_401_everywhere_but_the_hook(self):
        anon = S["anon"]
        s = new_shipment(S["admin"])
        t = S["admin"].create_ticket(subject="Anon", body="x")
        for r in (anon.get("/api/v1/shipments"),
                  anon.get("/api/v1/shipments/%d" % s["id"]),
                  anon.post("/api/v1/shipments", {"carrier": "bluedart",
                                                  "tracking_number": bd_number()}),
                  anon.patch("/api/v1/shipments/%d" % s["id"], {"service": "x"}),
                  anon.get("/api/v1/tickets/%d/shipments" % t["id"]),
                  anon.post("/api/v1/tickets/%d/shipments" % t["id"], {"shipment_id": s["id"]}),
                  anon.delete("/api/v1/tickets/%d/shipments/%d" % (t["id"], s["id"])),
                  anon.get("/api/v1/contacts/1/shipments")):
            with self.subTest(path=r.path, method=r.method):
                self.assertProblem(r, 401)


# ---- a second workspace -----------------------------------------------------------------------

class WorkspaceIsolationTest(Base):
    def test_the_second_workspace_sees_none_of_the_first(self):
        admin2 = S["admin2"]
        email = harness.unique_email("ws1")
        # A carrier only the first workspace has (the second may make its own "bluedart").
        own = created(S["admin"].post("/api/v1/carriers", {"code": harness.unique("ws1c"),
                                                           "name": "First only"}))
        s = new_shipment(S["admin"], carrier=own["code"], contact={"email": email})
        r = ingest(S["admin"], event(s["tracking_number"], "in_transit", at(1),
                                     carrier=own["code"], event_id="ws-1"))
        self.assertEqual(r.status, 200, r.describe())
        t = S["admin"].create_ticket(subject="AWB " + s["tracking_number"], body="x")
        self.assertEqual(len(S["agent"].get("/api/v1/tickets/%d/shipments" % t["id"])
                             .json["data"]), 1)
        self.assertProblem(admin2.get("/api/v1/shipments/%d" % s["id"]), 404)
        self.assertProblem(admin2.patch("/api/v1/shipments/%d" % s["id"], {"service": "x"}), 404)
        self.assertNotIn(s["id"], [x["id"] for x in admin2.list_all("/api/v1/shipments")])
        self.assertEqual(by_number(admin2, s["tracking_number"]), [])
        self.assertProblem(admin2.get("/api/v1/contacts/%d/shipments" % s["contact_id"]), 404)
        self.assertProblem(admin2.get("/api/v1/tickets/%d/shipments" % t["id"]), 404)
        self.assertProblem(admin2.get("/api/v1/carriers/%d" % own["id"]), 404)
        self.assertProblem(admin2.patch("/api/v1/carriers/%d" % own["id"], {"name": "x"}), 404)
        self.assertNotIn(own["code"], [c["code"] for c in
                                       admin2.get("/api/v1/carriers").json["data"]])
        self.assertProblem(admin2.delete("/api/v1/carriers/%d" % S["delhivery"]["id"]), 404)
        self.assertEqual(S["admin"].get("/api/v1/carriers/%d" % S["delhivery"]["id"]).status,
                         200)
        # Its events cannot name the first workspace's carriers.
        r = ingest(admin2, event(s["tracking_number"], "delivered", at(0.5), carrier=own["code"],
                                 event_id="ws-2"))
        self.assertProblem(r, 422, "validation", ["events[0].carrier"])
        self.assertEqual(by_number(admin2, s["tracking_number"]), [])
        self.assertEqual(get_shipment(S["admin"], s["id"])["status"], "in_transit")
        # Nor link the first workspace's shipment to its own ticket.
        t2 = admin2.create_ticket(subject="Other desk", body="x")
        self.assertProblem(admin2.post("/api/v1/tickets/%d/shipments" % t2["id"],
                                       {"shipment_id": s["id"]}), 404)
        self.assertProblem(admin2.post("/api/v1/tickets/%d/shipments" % t2["id"],
                                       {"tracking_number": s["tracking_number"]}), 404)
        # Nor get the first workspace's ticket linked.
        self.assertProblem(admin2.post("/api/v1/tickets/%d/shipments" % t["id"],
                                       {"shipment_id": s["id"]}), 404)
        # Nor see or use its webhooks.
        w = new_webhook()
        self.assertProblem(admin2.get("/api/v1/tracking-webhooks/%d" % w["id"]), 404)
        self.assertProblem(admin2.post("/api/v1/tracking-webhooks/%d/rotate-secret" % w["id"]),
                           404)
        self.assertNotIn(w["id"], [x["id"] for x in
                                   admin2.get("/api/v1/tracking-webhooks").json["data"]])

    def test_the_same_code_and_number_in_two_workspaces_stay_apart(self):
        admin2 = S["admin2"]
        code = "bluedart"
        c2 = admin2.post("/api/v1/carriers", {"code": code, "name": "Blue Dart (second)",
                                              "tracking_pattern": r"\b\d{11}\b"})
        self.assertEqual(c2.status, 201, c2.describe())
        n = bd_number()
        s1 = new_shipment(S["admin"], number=n)
        s2 = new_shipment(admin2, carrier=code, number=n)
        self.assertNotEqual(s1["id"], s2["id"])
        self.assertEqual(s2["carrier"]["name"], "Blue Dart (second)")
        self.assertEqual(s2["tracking_url"], None)
        r = ingest(admin2, event(n, "delivered", at(1), event_id="two-1"))
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual(r.json["results"][0]["shipment_id"], s2["id"])
        self.assertEqual(get_shipment(admin2, s2["id"])["status"], "delivered")
        self.assertEqual(get_shipment(S["admin"], s1["id"])["status"], "booked")
        # The same event id in the first workspace is a new event there.
        r = ingest(S["admin"], event(n, "picked_up", at(2), event_id="two-1"))
        self.assertEqual(r.json["results"][0]["outcome"], "recorded", r.describe())
        self.assertEqual(r.json["results"][0]["shipment_id"], s1["id"])
        # A ticket in the second workspace links only the second workspace's shipment.
        t2 = admin2.create_ticket(subject="Where is " + n, body="x")
        got = admin2.get("/api/v1/tickets/%d/shipments" % t2["id"])
        self.assertEqual([x["id"] for x in got.json["data"]], [s2["id"]])
        t1 = S["admin"].create_ticket(subject="Where is " + n, body="x")
        got = S["agent"].get("/api/v1/tickets/%d/shipments" % t1["id"])
        self.assertEqual([x["id"] for x in got.json["data"]], [s1["id"]])

    def test_a_webhook_feeds_only_its_own_workspace(self):
        w = new_webhook()
        n = bd_number()
        r = deliver(w["key"], body_bytes([event(n, "picked_up", at(1), event_id="own-1")]),
                    w["secret"])
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual(len(by_number(S["admin"], n)), 1)
        self.assertEqual(by_number(S["admin2"], n), [])
        w2 = created(S["admin2"].post("/api/v1/tracking-webhooks", {"name": "Second push"}))
        n2 = bd_number()
        r = deliver(w2["key"], body_bytes([event(n2, "picked_up", at(1), carrier="delhivery")]),
                    w2["secret"])
        # The second workspace has no carrier "delhivery".
        self.assertProblem(r, 422, "validation", ["events[0].carrier"])
        self.assertEqual(by_number(S["admin"], n2), [])


if __name__ == "__main__":
    unittest.main()
