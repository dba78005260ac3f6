"""Orders, invoices and contracts on the real server (docs/commerce.md).

Admins (here API tokens) write them, agents read them: amounts as decimal strings, totals that
must add up (422 naming the member), numbers normalised and unique (409), ETag/If-Match,
Idempotency-Key, an order's parcels by `order_ref`; invoices with tax from the lines' rates,
`state` from the due date in the workspace's zone, a generated or uploaded PDF; contracts that
set their organisation's tier and account manager while they are in force, with a signed copy.
Tickets link the numbers they mention (the workspace's patterns and the word rule) or an agent
links them by hand; a contact's and an organisation's summary. In the portal a customer sees
their own (and, with "organization" access, their organisation's) orders, invoices and
contracts, downloads an invoice, asks for a copy of a contract; anything else is the portal's
404 page."""

import re
import secrets
import unittest
import urllib.parse
from datetime import datetime, timedelta, timezone

import harness
from test_portal import Browser, csrf_of, sign_in_on, text
from test_shipments import Base, created

S = {}
IST = timezone(timedelta(hours=5, minutes=30))
# A small but well-formed PDF, as a billing system would upload it.
PDF = (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
       b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
       b"trailer\n<< /Root 1 0 R >>\n%%EOF\n")
TSHIRTS = [{"sku": "TSHIRT-M", "name": "T-shirt, medium", "quantity": 2, "unit_price": "499.00"}]


# ---- helpers ----------------------------------------------------------------------------------

def ok(r):
    if r.status != 200:
        raise harness.HarnessError("expected 200:\n" + r.describe())
    return r.json


def day(delta_days):
    """A date `delta_days` from today in India (the workspace's default zone)."""
    return (datetime.now(IST).date() + timedelta(days=delta_days)).isoformat()


def number(prefix):
    """A unique document number in its stored form (upper case)."""
    return "%s-%d%s" % (prefix, 1000 + secrets.randbelow(9000), secrets.token_hex(3).upper())


def new_order(client=None, **body):
    b = {"number": number("OD"), "items": TSHIRTS}
    b.update(body)
    return created((client or S["admin"]).post("/api/v1/orders", b))


def new_invoice(client=None, **body):
    b = {"number": number("INV"),
         "lines": [{"description": "Express delivery", "quantity": 1, "unit_price": "1000.00",
                    "tax_rate": "18"}],
         "issued_on": day(0), "due_on": day(15)}
    b.update(body)
    return created((client or S["admin"]).post("/api/v1/invoices", b))


def new_contract(client=None, **body):
    b = {"number": number("MSA"), "plan": "Business Annual", "tier": "premium",
         "start_on": day(-10), "end_on": day(355)}
    b.update(body)
    return created((client or S["admin"]).post("/api/v1/contracts", b))


def new_org(name):
    domain = harness.unique("org") + ".in"
    org = created(S["admin"].post("/api/v1/organisations", {"name": name, "domains": [domain]}))
    return org, domain


def new_contact(name, email, **extra):
    body = {"name": name, "email": email}
    body.update(extra)
    return created(S["admin"].post("/api/v1/contacts", body))


def multipart_file(data, filename="invoice.pdf", part_type="application/pdf", field="file"):
    """(body, content type) of a multipart/form-data body with one file part."""
    boundary = "----commerce" + secrets.token_hex(10)
    head = ("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
            "Content-Type: %s\r\n\r\n" % (boundary, field, filename, part_type)).encode("utf-8")
    tail = ("\r\n--%s--\r\n" % boundary).encode("ascii")
    return head + data + tail, "multipart/form-data; boundary=" + boundary


def put_file(client, path, data, **kw):
    body, ctype = multipart_file(data, **kw)
    return client.request("PUT", path, raw_body=body, content_type=ctype)


def activity(contact_id):
    return ok(S["agent"].get("/api/v1/contacts/%d/activity?limit=100" % contact_id))["data"]


def ticket_by_number(n):
    return ok(S["admin"].get("/api/v1/tickets/by-number/%d" % n))


def contact_tickets(contact_id):
    return ok(S["admin"].get("/api/v1/contacts/%d/tickets?limit=100" % contact_id))["data"]


def setUpModule():
    server = harness.Server(env={"SAHAYAK_PUBLIC_URL": "https://support.example.in"})
    server.start()
    S["server"] = server
    S["admin"] = server.bearer(server.admin_token)
    S["agent"] = server.bearer(server.agent_token)
    S["anon"] = server.anonymous()
    created(S["admin"].post("/api/v1/carriers", {
        "code": "bluedart", "name": "Blue Dart", "tracking_pattern": r"\b\d{11}\b",
        "tracking_url": "https://www.bluedart.com/track?awb={number}"}))
    # The portal's customers: Asha and Kiran work for Kaveri Textiles with access to their own
    # things only, Ravi too but with "organization" access (given in the tests, through the
    # API); Meera is a customer of her own.
    S["kaveri"], domain = new_org("Kaveri Textiles")
    S["asha"] = new_contact("Asha Rao", "asha@" + domain, language="en")
    S["kiran"] = new_contact("Kiran Shetty", "kiran@" + domain, language="en")
    S["ravi"] = new_contact("Ravi Kumar", "ravi@" + domain, language="en")
    S["meera"] = new_contact("Meera Iyer", harness.unique_email("meera"), language="en")
    S["asha_order"] = new_order(contact_id=S["asha"]["id"], status="shipped",
                                payment_status="cod", shipping="50.00")
    S["asha_invoice"] = new_invoice(contact_id=S["asha"]["id"], bill_to="Asha Rao\nBengaluru")
    S["kaveri_contract"] = new_contract(organisation_id=S["kaveri"]["id"], tier="enterprise",
                                        account_manager_id=server.agent_id)


def tearDownModule():
    if "server" in S:
        S["server"].cleanup()


def customer(name):
    """The signed-in browser of one of the portal's customers (signed in once per module)."""
    key = "browser-" + name
    if key not in S:
        S[key] = sign_in_on(S["server"], S[name]["email"])
    return S[key]


def same_page(r):
    """The page's HTML with the links to itself in other languages (which carry its path)
    made alike."""
    return re.sub(r'href="/portal/[^"?]*\?lang=', 'href="?lang=', text(r))


def give_organisation_access(contact):
    r = S["admin"].patch("/api/v1/contacts/%d" % contact["id"], {"ticket_access": "organization"})
    if r.status != 200 or r.json.get("ticket_access") != "organization":
        raise harness.HarnessError("ticket_access not set:\n" + r.describe())


# ---- orders -----------------------------------------------------------------------------------

class OrderTest(Base):
    def test_admin_creates_an_order_for_a_contact_given_by_email(self):
        org, domain = new_org("Dakshin Stores")
        email = harness.unique("buyer") + "@" + domain
        num = number("OD")
        r = S["admin"].post("/api/v1/orders", {
            "number": num.lower(), "contact": {"email": email, "name": "प्रिया शर्मा"},
            "status": "shipped", "payment_status": "cod", "items": TSHIRTS,
            "shipping": "50.00", "placed_at": "2026-12-01T15:30:00+05:30"})
        self.assertEqual(r.status, 201, r.describe())
        o = r.json
        self.assertEqual(r.header("Location"), "/api/v1/orders/%d" % o["id"])
        self.assertEqual(r.header("ETag"), '"1"')
        self.assertEqual(o["number"], num)
        self.assertEqual(o["status"], "shipped")
        self.assertEqual(o["payment_status"], "cod")
        self.assertEqual(o["currency"], "INR")
        self.assertEqual(o["items"], [{"sku": "TSHIRT-M", "name": "T-shirt, medium",
                                       "quantity": 2, "unit_price": "499.00",
                                       "amount": "998.00"}])
        self.assertEqual((o["subtotal"], o["shipping"], o["discount"], o["tax"], o["total"]),
                         ("998.00", "50.00", "0.00", "0.00", "1048.00"))
        self.assertEqual(o["placed_at"][:19], "2026-12-01T10:00:00", "stored as UTC")
        self.assertEqual(o["shipments"], [])
        self.assertEqual(o["version"], 1)
        # The contact was made from the e-mail, and joined the organisation by its domain;
        # the order belongs to that organisation too.
        c = ok(S["agent"].get("/api/v1/contacts/%d" % o["contact_id"]))
        self.assertEqual(c["email"], email)
        self.assertEqual(c["name"], "प्रिया शर्मा")
        self.assertEqual(o["organisation_id"], org["id"])
        # A second order for the same address finds the same contact; JSON numbers are amounts.
        again = new_order(contact={"email": email.upper()},
                          items=[{"name": "Saree", "quantity": 1, "unit_price": 1499}],
                          shipping=40.5, discount="100")
        self.assertEqual(again["contact_id"], o["contact_id"])
        self.assertEqual((again["subtotal"], again["shipping"], again["discount"],
                          again["total"]), ("1499.00", "40.50", "100.00", "1439.50"))
        got = S["agent"].get("/api/v1/orders/%d" % o["id"])
        self.assertEqual(got.status, 200, got.describe())
        self.assertEqual(got.header("ETag"), '"1"')
        self.assertEqual(got.json["total"], "1048.00")

    def test_a_given_total_must_add_up(self):
        r = S["admin"].post("/api/v1/orders", {"number": number("OD"), "items": TSHIRTS,
                                               "shipping": "50.00", "tax": "10.00",
                                               "discount": "8.00", "total": "1050.00"})
        self.assertEqual(r.status, 201, r.describe())
        self.assertEqual(r.json["total"], "1050.00")

    def test_lists_filter_by_contact_organisation_and_number(self):
        org, domain = new_org("Filter Traders")
        a = new_contact("Anil", "anil@" + domain)
        b = new_contact("Bina", harness.unique_email("bina"))
        first = new_order(contact_id=a["id"])
        second = new_order(contact_id=a["id"])
        other = new_order(contact_id=b["id"])
        got = ok(S["agent"].get("/api/v1/orders?contact_id=%d" % a["id"]))
        self.assertEqual([x["id"] for x in got["data"]], [second["id"], first["id"]],
                         "newest first")
        self.assertIsNone(got["next_cursor"])
        paged = S["agent"].list_all("/api/v1/orders?contact_id=%d" % a["id"], limit=1)
        self.assertEqual([x["id"] for x in paged], [second["id"], first["id"]])
        got = ok(S["agent"].get("/api/v1/orders?organisation_id=%d" % org["id"]))
        self.assertEqual([x["id"] for x in got["data"]], [second["id"], first["id"]])
        spelled = "#" + other["number"].lower()
        got = ok(S["agent"].get("/api/v1/orders?number=" + urllib.parse.quote(spelled)))
        self.assertEqual([x["id"] for x in got["data"]], [other["id"]])
        got = ok(S["agent"].get("/api/v1/orders?number=" + urllib.parse.quote(
            " " + other["number"][:3].lower() + " " + other["number"][3:])))
        self.assertEqual([x["id"] for x in got["data"]], [other["id"]])
        self.assertEqual(ok(S["agent"].get("/api/v1/orders?number=NOSUCH-1"))["data"], [])
        self.assertProblem(S["agent"].get("/api/v1/orders?number=" +
                                          urllib.parse.quote("OD 10;01")), 422, "validation",
                           ["number"])

    def test_patch_honours_if_match(self):
        o = new_order()
        path = "/api/v1/orders/%d" % o["id"]
        stale = S["admin"].patch(path, {"status": "delivered"}, headers={"If-Match": '"7"'})
        self.assertProblem(stale, 412, "precondition-failed")
        self.assertEqual(ok(S["admin"].get(path))["status"], "placed")
        r = S["admin"].patch(path, {"status": "delivered", "payment_status": "paid",
                                    "shipping": "60.00"}, headers={"If-Match": '"1"'})
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual(r.header("ETag"), '"2"')
        self.assertEqual((r.json["status"], r.json["payment_status"], r.json["total"],
                          r.json["version"]), ("delivered", "paid", "1058.00", 2))
        self.assertEqual(r.json["number"], o["number"])
        again = S["admin"].patch(path, {"status": "returned"}, headers={"If-Match": '"1"'})
        self.assertProblem(again, 412, "precondition-failed")
        self.assertEqual(ok(S["admin"].get(path))["status"], "delivered")

    def test_bad_input_is_422_naming_the_member_and_writes_nothing(self):
        cases = [
            ({"items": TSHIRTS}, "number"),
            ({"number": "OD 10;01", "items": TSHIRTS}, "number"),
            ({"number": "X" * 41, "items": TSHIRTS}, "number"),
            ({"number": number("OD"), "status": "teleported"}, "status"),
            ({"number": number("OD"), "payment_status": "maybe"}, "payment_status"),
            ({"number": number("OD"), "shipping": "-5.00"}, "shipping"),
            ({"number": number("OD"), "discount": -1}, "discount"),
            ({"number": number("OD"), "shipping": "12.345"}, "shipping"),
            ({"number": number("OD"), "shipping": 1.234}, "shipping"),
            ({"number": number("OD"), "items": TSHIRTS, "shipping": "50.00",
              "total": "1000.00"}, "total"),
            ({"number": number("OD"), "items": [{"name": "Pen", "quantity": 0,
                                                 "unit_price": "10.00"}]},
             "items[0].quantity"),
            ({"number": number("OD"), "items": [{"quantity": 1, "unit_price": "10.00"}]},
             "items[0].name"),
            ({"number": number("OD"), "items": [{"name": "Pen", "quantity": 1,
                                                 "unit_price": "-10.00"}]},
             "items[0].unit_price"),
            ({"number": number("OD"), "currency": "rupees"}, "currency"),
            ({"number": number("OD"), "placed_at": "yesterday"}, "placed_at"),
            ({"number": number("OD"), "contact_id": 999999}, "contact_id"),
            ({"number": number("OD"), "organisation_id": 999999}, "organisation_id"),
            ({"number": number("OD"), "colour": "blue"}, "colour"),
            ({"number": number("OD"), "items": [{"name": "x", "quantity": 1, "unit_price": "1",
                                                 "size": "L"}] * 201}, "items"),
        ]
        for body, field in cases:
            with self.subTest(body=str(body)[:120]):
                self.assertProblem(S["admin"].post("/api/v1/orders", body), 422, "validation",
                                   [field])
        for body, _ in cases:
            if isinstance(body.get("number"), str) and len(body["number"]) <= 40 \
                    and ";" not in body["number"]:
                got = ok(S["agent"].get("/api/v1/orders?number=" +
                                        urllib.parse.quote(body["number"])))
                self.assertEqual(got["data"], [], "a refused order must not be stored")

        o = new_order(shipping="50.00")
        path = "/api/v1/orders/%d" % o["id"]
        patches = [
            ({"status": "lost"}, "status"),
            ({"shipping": "-1.00"}, "shipping"),
            ({"total": "1.00"}, "total"),
            ({"number": number("OD")}, "number"),
            ({"colour": "blue"}, "colour"),
        ]
        for body, field in patches:
            with self.subTest(patch=body):
                self.assertProblem(S["admin"].patch(path, body), 422, "validation", [field])
        after = ok(S["admin"].get(path))
        self.assertEqual((after["version"], after["number"], after["total"]),
                         (1, o["number"], "1048.00"))
        # Sending the number it already has is not a change.
        same = S["admin"].patch(path, {"number": o["number"].lower(), "status": "confirmed"})
        self.assertEqual(same.status, 200, same.describe())
        self.assertEqual(same.json["status"], "confirmed")

    def test_a_taken_number_is_409(self):
        o = new_order()
        for spelled in (o["number"], "#" + o["number"].lower()):
            with self.subTest(number=spelled):
                r = S["admin"].post("/api/v1/orders", {"number": spelled, "items": TSHIRTS})
                self.assertProblem(r, 409, fields=["number"])
        got = ok(S["agent"].get("/api/v1/orders?number=" + urllib.parse.quote(o["number"])))
        self.assertEqual([x["id"] for x in got["data"]], [o["id"]])

    def test_idempotency_key_replays_the_creation(self):
        body = {"number": number("OD"), "items": TSHIRTS}
        key = {"Idempotency-Key": harness.unique("ord")}
        first = S["admin"].post("/api/v1/orders", body, headers=key)
        self.assertEqual(first.status, 201, first.describe())
        again = S["admin"].post("/api/v1/orders", body, headers=key)
        self.assertEqual(again.status, 201, again.describe())
        self.assertEqual(again.json["id"], first.json["id"])
        self.assertEqual(again.header("Idempotent-Replayed"), "true")
        got = ok(S["agent"].get("/api/v1/orders?number=" + body["number"]))
        self.assertEqual(len(got["data"]), 1)

    def test_agents_read_orders_but_cannot_change_them(self):
        o = new_order()
        path = "/api/v1/orders/%d" % o["id"]
        agent, anon = S["agent"], S["anon"]
        self.assertEqual(agent.get(path).status, 200)
        self.assertEqual(agent.get("/api/v1/orders").status, 200)
        num = number("OD")
        for r in (agent.post("/api/v1/orders", {"number": num, "items": TSHIRTS}),
                  agent.patch(path, {"status": "cancelled"}),
                  agent.delete(path)):
            with self.subTest(method=r.method):
                self.assertProblem(r, 403, "forbidden")
        # A signed-in agent is refused for the role, not for CSRF.
        session = S["server"].login_agent()
        self.assertProblem(session.post("/api/v1/orders", {"number": num, "items": TSHIRTS}),
                           403, "forbidden")
        for r in (anon.get(path), anon.get("/api/v1/orders"),
                  anon.post("/api/v1/orders", {"number": num})):
            with self.subTest(anon=r.method):
                self.assertProblem(r, 401)
        self.assertEqual(ok(S["admin"].get(path))["status"], "placed")
        self.assertEqual(ok(agent.get("/api/v1/orders?number=" + num))["data"], [])

    def test_delete_then_404(self):
        o = new_order()
        path = "/api/v1/orders/%d" % o["id"]
        d = S["admin"].delete(path)
        self.assertEqual(d.status, 204, d.describe())
        self.assertProblem(S["agent"].get(path), 404)
        self.assertProblem(S["admin"].delete(path), 404)
        self.assertProblem(S["admin"].patch(path, {"status": "placed"}), 404)
        self.assertEqual(ok(S["agent"].get("/api/v1/orders?number=" + o["number"]))["data"], [])

    def test_an_orders_shipments_are_those_with_its_number_as_order_ref(self):
        o = new_order(number="OD-1001")
        self.assertEqual(o["number"], "OD-1001")
        s = created(S["admin"].post("/api/v1/shipments", {
            "carrier": "bluedart", "tracking_number": "12345678901", "order_ref": "od-1001",
            "eta": day(3)}))
        created(S["admin"].post("/api/v1/shipments", {
            "carrier": "bluedart", "tracking_number": "BD%08dIN" % secrets.randbelow(10**8),
            "order_ref": "OD-1002"}))
        got = ok(S["agent"].get("/api/v1/orders/%d" % o["id"]))
        self.assertEqual(got["shipments"], [{"id": s["id"], "carrier": "bluedart",
                                             "tracking_number": "12345678901",
                                             "status": "booked", "eta": day(3)}])
        listed = ok(S["agent"].get("/api/v1/orders?number=%23od-1001"))["data"]
        self.assertEqual([x["id"] for x in listed], [o["id"]])
        self.assertEqual(listed[0]["shipments"][0]["id"], s["id"])


# ---- invoices ---------------------------------------------------------------------------------

class InvoiceTest(Base):
    def test_tax_and_total_come_from_the_lines_rates(self):
        num = number("INV") + "/2026-27"
        r = S["admin"].post("/api/v1/invoices", {
            "number": num.lower(), "contact": {"email": harness.unique_email("bill")},
            "order_number": "#od-77", "bill_to": "Kaveri Textiles\r\n12 MG Road\nBengaluru",
            "tax_id": "29abcde1234f1z5",
            "lines": [{"description": "Express delivery, November", "hsn": "996812",
                       "quantity": 1, "unit_price": "10000.00", "tax_rate": "18"},
                      {"description": "Packing", "quantity": 3, "unit_price": 33.33,
                       "tax_rate": 12.5}],
            "issued_on": day(-1), "due_on": day(14)})
        self.assertEqual(r.status, 201, r.describe())
        i = r.json
        self.assertEqual(r.header("Location"), "/api/v1/invoices/%d" % i["id"])
        self.assertEqual(r.header("ETag"), '"1"')
        self.assertEqual(i["number"], num)
        self.assertEqual(i["order_number"], "OD-77")
        self.assertEqual(i["bill_to"], "Kaveri Textiles\n12 MG Road\nBengaluru")
        self.assertEqual(i["tax_id"], "29ABCDE1234F1Z5")
        self.assertEqual([(l["amount"], l["tax_rate"]) for l in i["lines"]],
                         [("10000.00", "18"), ("99.99", "12.5")])
        # 1800.00 + 12.49875 → 12.50 (rounded to the paisa per line)
        self.assertEqual((i["subtotal"], i["tax"], i["total"], i["amount_paid"], i["balance"]),
                         ("10099.99", "1812.50", "11912.49", "0.00", "11912.49"))
        self.assertEqual((i["status"], i["state"]), ("issued", "open"))
        self.assertEqual(i["pdf"], {"source": "generated",
                                    "url": "/api/v1/invoices/%d/pdf" % i["id"]})
        self.assertEqual(i["currency"], "INR")

    def test_without_rates_the_tax_may_be_given(self):
        i = new_invoice(lines=[{"description": "Warehousing", "quantity": 2,
                                "unit_price": "2500.00"}], tax="450.00", total="5450.00")
        self.assertEqual((i["subtotal"], i["tax"], i["total"]), ("5000.00", "450.00", "5450.00"))

    def test_bad_invoices_are_422_naming_the_member(self):
        lines = [{"description": "Express delivery", "quantity": 1, "unit_price": "1000.00",
                  "tax_rate": "18"}]
        base = {"lines": lines, "issued_on": day(0), "due_on": day(10)}
        cases = [
            (dict(base, tax="100.00"), "tax"),
            (dict(base, total="1000.00"), "total"),
            (dict(base, issued_on=day(0), due_on=day(-1)), "due_on"),
            (dict(base, amount_paid="1180.01"), "amount_paid"),
            (dict(base, issued_on="2026-02-30"), "issued_on"),
            (dict(base, status="overdue"), "status"),
            (dict(base, lines=[dict(lines[0], tax_rate="eighteen")]), "lines[0].tax_rate"),
            (dict(base, lines=[dict(lines[0], tax_rate="101")]), "lines[0].tax_rate"),
            (dict(base, lines=[dict(lines[0], description="")]), "lines[0].description"),
            (dict(base, colour="blue"), "colour"),
            ({"lines": lines}, "issued_on"),
        ]
        for body, field in cases:
            body = dict(body, number=number("INV"))
            with self.subTest(body=body):
                self.assertProblem(S["admin"].post("/api/v1/invoices", body), 422, "validation",
                                   [field])
                got = ok(S["agent"].get("/api/v1/invoices?number=" + body["number"]))
                self.assertEqual(got["data"], [], "a refused invoice must not be stored")
        i = new_invoice()
        path = "/api/v1/invoices/%d" % i["id"]
        for body, field in (({"due_on": day(-30)}, "due_on"), ({"tax": "1.00"}, "tax"),
                            ({"number": number("INV")}, "number")):
            with self.subTest(patch=body):
                self.assertProblem(S["admin"].patch(path, body), 422, "validation", [field])
        self.assertEqual(ok(S["admin"].get(path))["version"], 1)
        self.assertProblem(S["admin"].post("/api/v1/invoices", dict(base, number=i["number"])),
                           409, fields=["number"])

    def test_state_follows_the_due_date_and_the_payment(self):
        overdue = new_invoice(issued_on=day(-30), due_on=day(-15))
        self.assertEqual((overdue["status"], overdue["state"]), ("issued", "overdue"))
        due_today = new_invoice(issued_on=day(-5), due_on=day(0))
        self.assertEqual(due_today["state"], "open", "due today is not yet overdue")
        upcoming = new_invoice(issued_on=day(0), due_on=day(20))
        self.assertEqual(upcoming["state"], "open")
        path = "/api/v1/invoices/%d" % overdue["id"]
        stale = S["admin"].patch(path, {"status": "paid"}, headers={"If-Match": '"3"'})
        self.assertProblem(stale, 412, "precondition-failed")
        r = S["admin"].patch(path, {"status": "paid", "amount_paid": "1180.00"},
                             headers={"If-Match": '"1"'})
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual((r.json["status"], r.json["state"], r.json["balance"], r.json["version"]),
                         ("paid", "paid", "0.00", 2))
        self.assertEqual(r.header("ETag"), '"2"')
        self.assertEqual(ok(S["agent"].get(path))["state"], "paid")
        void = S["admin"].patch("/api/v1/invoices/%d" % upcoming["id"], {"status": "void"})
        self.assertEqual(void.json["state"], "void", void.describe())

    def test_the_list_filters_by_state(self):
        c = new_contact("Stateful", harness.unique_email("state"))
        overdue = new_invoice(contact_id=c["id"], issued_on=day(-30), due_on=day(-15))
        open_ = new_invoice(contact_id=c["id"], issued_on=day(0), due_on=day(20))
        paid = new_invoice(contact_id=c["id"], issued_on=day(-3), due_on=day(-1), status="paid")
        path = "/api/v1/invoices?contact_id=%d" % c["id"]
        self.assertEqual([x["id"] for x in ok(S["agent"].get(path))["data"]],
                         [paid["id"], open_["id"], overdue["id"]], "newest first")
        for state, want in (("overdue", overdue), ("open", open_), ("paid", paid)):
            with self.subTest(state=state):
                got = ok(S["agent"].get(path + "&state=" + state))["data"]
                self.assertEqual([(x["id"], x["state"]) for x in got], [(want["id"], state)])

    def test_the_generated_pdf_downloads(self):
        i = new_invoice(number="INV/2026-27/" + secrets.token_hex(2).upper(),
                        contact={"email": harness.unique_email("pdf"), "name": "ಅನನ್ಯಾ ರಾವ್"},
                        bill_to="ಅನನ್ಯಾ ರಾವ್\nಬೆಂಗಳೂರು")
        r = S["agent"].get("/api/v1/invoices/%d/pdf" % i["id"])
        self.assertEqual(r.status, 200, r.describe(300))
        self.assertEqual(r.header("Content-Type"), "application/pdf")
        self.assertTrue(r.raw.startswith(b"%PDF-"), r.raw[:40])
        disposition = r.header("Content-Disposition") or ""
        self.assertTrue(disposition.startswith("attachment;"), disposition)
        self.assertIn('filename="invoice-%s.pdf"' % i["number"].replace("/", "_"), disposition)
        self.assertProblem(S["agent"].get("/api/v1/invoices/999999/pdf"), 404)

    def test_an_uploaded_pdf_replaces_the_generated_one_until_deleted(self):
        i = new_invoice()
        path = "/api/v1/invoices/%d/pdf" % i["id"]
        generated = S["agent"].get(path)
        self.assertEqual(generated.status, 200, generated.describe(300))
        bad = put_file(S["admin"], path, b"GIF89a\x01\x00\x01\x00not a pdf", filename="x.pdf")
        self.assertProblem(bad, 422, "validation", ["file"])
        wrong_part = put_file(S["admin"], path, PDF, field="document")
        self.assertProblem(wrong_part, 422, "validation", ["file"])
        self.assertProblem(S["admin"].put(path, {"file": "%PDF-1.4"}), 415)
        self.assertEqual(ok(S["agent"].get("/api/v1/invoices/%d" % i["id"]))["pdf"]["source"],
                         "generated")
        self.assertProblem(put_file(S["agent"], path, PDF), 403, "forbidden")
        r = put_file(S["admin"], path, PDF)
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual(r.json["pdf"]["source"], "uploaded")
        self.assertEqual(r.json["version"], 2)
        got = S["agent"].get(path)
        self.assertEqual(got.status, 200, got.describe(300))
        self.assertEqual(got.header("Content-Type"), "application/pdf")
        self.assertEqual(got.raw, PDF)
        self.assertProblem(S["agent"].delete(path), 403, "forbidden")
        d = S["admin"].delete(path)
        self.assertEqual(d.status, 200, d.describe())
        self.assertEqual(d.json["pdf"]["source"], "generated")
        back = S["agent"].get(path)
        self.assertEqual(back.status, 200, back.describe(300))
        self.assertNotEqual(back.raw, PDF)
        self.assertTrue(back.raw.startswith(b"%PDF-"))

    def test_agents_read_invoices_but_cannot_change_them(self):
        i = new_invoice()
        path = "/api/v1/invoices/%d" % i["id"]
        agent = S["agent"]
        self.assertEqual(agent.get(path).status, 200)
        self.assertEqual(agent.get("/api/v1/invoices").status, 200)
        for r in (agent.post("/api/v1/invoices", {"number": number("INV"), "issued_on": day(0)}),
                  agent.patch(path, {"status": "paid"}), agent.delete(path)):
            with self.subTest(method=r.method):
                self.assertProblem(r, 403, "forbidden")
        self.assertEqual(ok(agent.get(path))["status"], "issued")
        d = S["admin"].delete(path)
        self.assertEqual(d.status, 204, d.describe())
        self.assertProblem(agent.get(path), 404)
        self.assertProblem(agent.get(path + "/pdf"), 404)


# ---- contracts --------------------------------------------------------------------------------

class ContractTest(Base):
    def test_an_active_contract_sets_the_organisations_tier_and_manager(self):
        org, _ = new_org("Tier Mills")
        before = ok(S["agent"].get("/api/v1/organisations/%d" % org["id"]))
        self.assertNotEqual(before["tier"], "enterprise")
        r = S["admin"].post("/api/v1/contracts", {
            "number": "msa-2026-" + secrets.token_hex(2), "organisation_id": org["id"],
            "plan": "Business Annual", "tier": "enterprise", "start_on": day(-30),
            "end_on": day(335), "renewal_on": day(305),
            "account_manager_id": S["server"].agent_id})
        self.assertEqual(r.status, 201, r.describe())
        k = r.json
        self.assertEqual(r.header("Location"), "/api/v1/contracts/%d" % k["id"])
        self.assertEqual(r.header("ETag"), '"1"')
        self.assertTrue(k["number"].startswith("MSA-2026-"), k["number"])
        self.assertEqual((k["state"], k["tier"], k["sla_tier"]), ("active", "enterprise",
                                                                  "enterprise"))
        self.assertEqual(k["organisation_name"], "Tier Mills")
        self.assertEqual(k["account_manager"]["id"], S["server"].agent_id)
        self.assertEqual(k["account_manager"]["name"], "ರವಿ Agent")
        self.assertIsNone(k["document"])
        o = ok(S["agent"].get("/api/v1/organisations/%d" % org["id"]))
        self.assertEqual(o["tier"], "enterprise")
        self.assertEqual(o["account_manager_id"], S["server"].agent_id)
        # A contract that starts later changes nothing yet.
        later = new_contract(organisation_id=org["id"], tier="basic", start_on=day(40),
                             end_on=None)
        self.assertEqual(later["state"], "upcoming")
        self.assertIsNone(later["end_on"])
        self.assertEqual(ok(S["agent"].get("/api/v1/organisations/%d" % org["id"]))["tier"],
                         "enterprise")

    def test_an_upcoming_contract_leaves_the_tier_alone(self):
        org, _ = new_org("Future Fabrics")
        before = ok(S["agent"].get("/api/v1/organisations/%d" % org["id"]))
        k = new_contract(organisation_id=org["id"], tier="enterprise", start_on=day(30),
                         end_on=day(395), account_manager_id=S["server"].agent_id)
        self.assertEqual(k["state"], "upcoming")
        after = ok(S["agent"].get("/api/v1/organisations/%d" % org["id"]))
        self.assertEqual((after["tier"], after["account_manager_id"]),
                         (before["tier"], before["account_manager_id"]))
        expired = new_contract(organisation_id=org["id"], tier="premium", start_on=day(-400),
                               end_on=day(-35))
        self.assertEqual(expired["state"], "expired")
        self.assertEqual(ok(S["agent"].get("/api/v1/organisations/%d" % org["id"]))["tier"],
                         before["tier"])
        listed = ok(S["agent"].get("/api/v1/contracts?organisation_id=%d" % org["id"]))["data"]
        self.assertEqual([x["id"] for x in listed], [expired["id"], k["id"]], "newest first")

    def test_bad_contracts_are_422_naming_the_member(self):
        org = S["kaveri"]
        cases = [
            ({"organisation_id": org["id"], "start_on": day(0), "end_on": day(-1)}, "end_on"),
            ({"organisation_id": 999999, "start_on": day(0)}, "organisation_id"),
            ({"start_on": day(0)}, "organisation_id"),
            ({"organisation_id": org["id"]}, "start_on"),
            ({"organisation_id": org["id"], "start_on": day(0), "tier": "gold"}, "tier"),
            ({"organisation_id": org["id"], "start_on": day(0), "account_manager_id": 999999},
             "account_manager_id"),
            ({"organisation_id": org["id"], "start_on": day(0), "colour": "blue"}, "colour"),
        ]
        for body, field in cases:
            body = dict(body, number=number("MSA"))
            with self.subTest(body=body):
                self.assertProblem(S["admin"].post("/api/v1/contracts", body), 422, "validation",
                                   [field])
                self.assertEqual(ok(S["agent"].get("/api/v1/contracts?number=" +
                                                   body["number"]))["data"], [])
        k = new_contract(organisation_id=org["id"], tier="basic", start_on=day(100))
        path = "/api/v1/contracts/%d" % k["id"]
        self.assertProblem(S["admin"].patch(path, {"end_on": day(50)}), 422, "validation",
                           ["end_on"])
        self.assertProblem(S["admin"].patch(path, {"plan": "x"}, headers={"If-Match": '"9"'}),
                           412, "precondition-failed")
        self.assertProblem(S["admin"].post("/api/v1/contracts", {
            "number": k["number"], "organisation_id": org["id"], "start_on": day(0)}),
                           409, fields=["number"])
        agent = S["agent"]
        self.assertEqual(agent.get(path).status, 200)
        for r in (agent.post("/api/v1/contracts", {"number": number("MSA"),
                                                   "organisation_id": org["id"],
                                                   "start_on": day(0)}),
                  agent.patch(path, {"plan": "Agent's"}), agent.delete(path)):
            with self.subTest(method=r.method):
                self.assertProblem(r, 403, "forbidden")
        d = S["admin"].delete(path)
        self.assertEqual(d.status, 204, d.describe())
        self.assertProblem(agent.get(path), 404)

    def test_the_signed_copy_uploads_and_downloads(self):
        org, _ = new_org("Document Weavers")
        k = new_contract(organisation_id=org["id"])
        path = "/api/v1/contracts/%d/document" % k["id"]
        self.assertProblem(S["agent"].get(path), 404)
        self.assertProblem(put_file(S["admin"], path, b"PK\x03\x04 a zip", filename="c.pdf"),
                           422, "validation", ["file"])
        self.assertProblem(put_file(S["agent"], path, PDF), 403, "forbidden")
        r = put_file(S["admin"], path, PDF, filename="signed.pdf")
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual(r.json["document"], {"url": path})
        got = S["agent"].get(path)
        self.assertEqual(got.status, 200, got.describe(300))
        self.assertEqual(got.header("Content-Type"), "application/pdf")
        self.assertEqual(got.raw, PDF)
        self.assertIn('filename="contract-%s.pdf"' % k["number"],
                      got.header("Content-Disposition") or "")
        d = S["admin"].delete(path)
        self.assertEqual(d.status, 200, d.describe())
        self.assertIsNone(d.json["document"])
        self.assertProblem(S["agent"].get(path), 404)


# ---- tickets ----------------------------------------------------------------------------------

def set_order_pattern():
    r = S["admin"].put("/api/v1/commerce/settings", {"order_pattern": "#(\\d{4,})"})
    if r.status != 200:
        raise harness.HarnessError("settings not saved:\n" + r.describe())
    return r


class TicketLinkTest(Base):
    def test_settings_agents_read_admins_change_a_bad_pattern_is_422(self):
        r = set_order_pattern()
        self.assertEqual(r.json["order_pattern"], "#(\\d{4,})")
        self.assertGreaterEqual(r.json["version"], 1)
        got = ok(S["agent"].get("/api/v1/commerce/settings"))
        self.assertEqual(got["order_pattern"], "#(\\d{4,})")
        self.assertEqual(got["invoice_pattern"], "")
        self.assertProblem(S["admin"].put("/api/v1/commerce/settings", {"order_pattern": "("}),
                           422, "validation", ["order_pattern"])
        self.assertProblem(S["admin"].put("/api/v1/commerce/settings",
                                          {"invoice_pattern": "[A-Z"}),
                           422, "validation", ["invoice_pattern"])
        self.assertProblem(S["agent"].put("/api/v1/commerce/settings", {"order_pattern": ""}),
                           403, "forbidden")
        self.assertEqual(ok(S["agent"].get("/api/v1/commerce/settings"))["order_pattern"],
                         "#(\\d{4,})")

    def test_numbers_in_a_ticket_link_by_themselves(self):
        set_order_pattern()
        o = new_order(number="5501")
        i = new_invoice(number="INV/2026/77")
        t = S["admin"].create_ticket(subject="Refund please",
                                     body="Hello, my order #5501 and invoice INV/2026/77 — "
                                          "not 5502 or INV/2026/78.")
        orders = ok(S["agent"].get("/api/v1/tickets/%d/orders" % t["id"]))["data"]
        self.assertEqual([x["id"] for x in orders], [o["id"]])
        self.assertEqual(orders[0]["link"]["by"], "auto")
        self.assertTrue(orders[0]["link"]["linked_at"])
        invoices = ok(S["agent"].get("/api/v1/tickets/%d/invoices" % t["id"]))["data"]
        self.assertEqual([x["id"] for x in invoices], [i["id"]])
        self.assertEqual(invoices[0]["link"]["by"], "auto")
        # A later message links what it mentions (a long number by the word rule).
        o2 = new_order(number=number("OD"))
        r = S["admin"].post("/api/v1/tickets/%d/messages" % t["id"],
                            {"body": "और दूसरा ऑर्डर %s भी" % o2["number"].lower()})
        self.assertEqual(r.status, 201, r.describe())
        orders = ok(S["agent"].get("/api/v1/tickets/%d/orders" % t["id"]))["data"]
        self.assertEqual([x["id"] for x in orders], [o["id"], o2["id"]], "oldest link first")

    def test_agents_link_and_unlink_by_hand(self):
        agent = S["agent"]
        o = new_order()
        i = new_invoice()
        t = agent.create_ticket(subject="Question about a bill", body="Please check.")
        path = "/api/v1/tickets/%d/orders" % t["id"]
        r = agent.post(path, {"number": "#" + o["number"].lower()})
        self.assertEqual(r.status, 201, r.describe())
        self.assertEqual(r.json["id"], o["id"])
        self.assertEqual(r.json["link"]["by"], "agent")
        again = agent.post(path, {"order_id": o["id"]})
        self.assertEqual(again.status, 200, again.describe())
        self.assertEqual(again.json["link"], r.json["link"])
        missing = agent.post(path, {"number": "NOSUCH-42"})
        self.assertProblem(missing, 404, "not-found")
        self.assertIn("NOSUCH-42", missing.json.get("detail", ""), missing.describe())
        self.assertProblem(agent.post(path, {"order_id": 999999}), 404)
        self.assertProblem(agent.post(path, {"number": "a;b"}), 422, "validation", ["number"])
        self.assertProblem(agent.post(path, {}), 422, "validation", ["number"])
        self.assertProblem(agent.post("/api/v1/tickets/999999/orders", {"order_id": o["id"]}),
                           404)
        listed = ok(agent.get(path))["data"]
        self.assertEqual([(x["id"], x["link"]["by"]) for x in listed], [(o["id"], "agent")])
        d = agent.delete("%s/%d" % (path, o["id"]))
        self.assertEqual(d.status, 204, d.describe())
        self.assertEqual(ok(agent.get(path))["data"], [])
        self.assertProblem(agent.delete("%s/%d" % (path, o["id"])), 404)
        self.assertEqual(ok(agent.get("/api/v1/orders/%d" % o["id"]))["id"], o["id"],
                         "unlinking keeps the order")

        ipath = "/api/v1/tickets/%d/invoices" % t["id"]
        r = agent.post(ipath, {"number": i["number"].lower()})
        self.assertEqual(r.status, 201, r.describe())
        self.assertEqual(r.json["link"]["by"], "agent")
        self.assertEqual(agent.post(ipath, {"invoice_id": i["id"]}).status, 200)
        missing = agent.post(ipath, {"number": "INV/NONE/1"})
        self.assertProblem(missing, 404, "not-found")
        self.assertIn("INV/NONE/1", missing.json.get("detail", ""), missing.describe())
        self.assertEqual([x["id"] for x in ok(agent.get(ipath))["data"]], [i["id"]])
        d = agent.delete("%s/%d" % (ipath, i["id"]))
        self.assertEqual(d.status, 204, d.describe())
        self.assertEqual(ok(agent.get(ipath))["data"], [])
        anon = S["anon"]
        for r in (anon.get(path), anon.post(path, {"order_id": o["id"]}),
                  anon.delete("%s/%d" % (ipath, i["id"]))):
            self.assertProblem(r, 401)

    def test_a_portal_request_links_too(self):
        set_order_pattern()
        o = new_order(contact_id=S["asha"]["id"], number=str(60000 + secrets.randbelow(30000)))
        b = customer("asha")
        token = csrf_of(text(b.get("/portal/new")))
        r = b.post_multipart("/portal/new", {"subject": "Order not delivered",
                                             "body": "मेरा ऑर्डर #%s कहाँ है?" % o["number"],
                                             "topic": "", "csrf": token})
        self.assertEqual(r.status, 303, r.describe())
        n = int(re.search(r"/portal/tickets/(\d+)", r.header("Location")).group(1))
        t = ticket_by_number(n)
        self.assertEqual(t["channel"], "portal")
        orders = ok(S["agent"].get("/api/v1/tickets/%d/orders" % t["id"]))["data"]
        self.assertEqual([(x["id"], x["link"]["by"]) for x in orders], [(o["id"], "auto")])


# ---- beside the ticket ------------------------------------------------------------------------

class SummaryTest(Base):
    def test_contact_and_organisation_summaries(self):
        org, domain = new_org("Summary Silks")
        c = new_contact("Lakshmi", "lakshmi@" + domain)
        first = new_order(contact_id=c["id"])
        second = new_order(contact_id=c["id"])
        open_ = new_invoice(contact_id=c["id"], issued_on=day(-1), due_on=day(20))
        overdue = new_invoice(contact_id=c["id"], issued_on=day(-40), due_on=day(-10))
        paid = new_invoice(contact_id=c["id"], issued_on=day(-2), due_on=day(5), status="paid")
        old = new_contract(organisation_id=org["id"], tier="basic", start_on=day(-400),
                           end_on=day(-40))
        current = new_contract(organisation_id=org["id"], tier="premium", start_on=day(-20),
                               end_on=day(345))
        # Someone else's order in the same organisation, and a stranger's.
        colleague = new_contact("Gopal", "gopal@" + domain)
        theirs = new_order(contact_id=colleague["id"])
        new_order(contact={"email": harness.unique_email("stranger")})

        s = ok(S["agent"].get("/api/v1/contacts/%d/commerce" % c["id"]))
        self.assertEqual([x["id"] for x in s["orders"]], [second["id"], first["id"]])
        self.assertEqual([x["id"] for x in s["invoices"]], [overdue["id"], open_["id"],
                                                            paid["id"]],
                         "unpaid (overdue first), then the others")
        self.assertEqual([x["state"] for x in s["invoices"]], ["overdue", "open", "paid"])
        self.assertEqual([x["id"] for x in s["contracts"]], [current["id"], old["id"]],
                         "the organisation's contracts, active first")

        s = ok(S["agent"].get("/api/v1/organisations/%d/commerce" % org["id"]))
        self.assertEqual([x["id"] for x in s["orders"]], [theirs["id"], second["id"],
                                                          first["id"]])
        self.assertEqual([x["id"] for x in s["invoices"]], [overdue["id"], open_["id"],
                                                            paid["id"]])
        self.assertEqual([x["id"] for x in s["contracts"]], [current["id"], old["id"]])
        self.assertEqual(s["contracts"][0]["state"], "active")

        lone = new_contact("No Orders", harness.unique_email("lone"))
        self.assertEqual(ok(S["agent"].get("/api/v1/contacts/%d/commerce" % lone["id"])),
                         {"orders": [], "invoices": [], "contracts": []})
        self.assertProblem(S["agent"].get("/api/v1/contacts/999999/commerce"), 404)
        self.assertProblem(S["agent"].get("/api/v1/organisations/999999/commerce"), 404)
        self.assertProblem(S["anon"].get("/api/v1/contacts/%d/commerce" % c["id"]), 401)


# ---- the portal -------------------------------------------------------------------------------

class PortalTest(Base):
    def test_a_customer_sees_their_order_and_downloads_their_invoice(self):
        o, i = S["asha_order"], S["asha_invoice"]
        b = customer("asha")
        home = text(b.get("/portal"))
        self.assertIn('href="/portal/orders/%d"' % o["id"], home)
        self.assertIn(o["number"], home)
        self.assertIn('href="/portal/invoices/%d/pdf"' % i["id"], home)
        self.assertIn(i["number"], home)
        self.assertNotIn('href="/portal/contracts/', home, "Asha sees only her own things")

        page = b.get("/portal/orders/%d" % o["id"])
        self.assertEqual(page.status, 200, page.describe())
        html = text(page)
        self.assertIn(o["number"], html)
        self.assertIn("T-shirt, medium", html)
        self.assertIn("1,048.00", html)

        r = b.get("/portal/invoices/%d/pdf" % i["id"])
        self.assertEqual(r.status, 200, r.describe(300))
        self.assertEqual(r.header("Content-Type"), "application/pdf")
        self.assertTrue(r.raw.startswith(b"%PDF-"), r.raw[:40])
        self.assertTrue((r.header("Content-Disposition") or "").startswith("attachment;"))
        events = [e for e in activity(S["asha"]["id"]) if e["action"] == "invoice.downloaded"]
        self.assertTrue(events, "the download is on the customer's timeline")
        self.assertEqual(events[0]["changes"].get("invoice"), [None, i["number"]])
        self.assertEqual(events[0]["actor"]["kind"], "contact")

    def test_another_customer_gets_the_same_404_everywhere(self):
        o, i, k = S["asha_order"], S["asha_invoice"], S["kaveri_contract"]
        b = customer("meera")
        home = text(b.get("/portal"))
        self.assertNotIn(o["number"], home)
        self.assertNotIn(i["number"], home)
        csrf = csrf_of(home)
        self.assertTrue(csrf)
        before = len(contact_tickets(S["meera"]["id"]))
        pairs = [(b.get("/portal/orders/%d" % o["id"]), b.get("/portal/orders/99999999")),
                 (b.get("/portal/invoices/%d/pdf" % i["id"]),
                  b.get("/portal/invoices/99999999/pdf")),
                 (b.get("/portal/contracts/%d" % k["id"]), b.get("/portal/contracts/99999999")),
                 (b.post_form("/portal/contracts/%d/copy-request" % k["id"], {"csrf": csrf}),
                  b.post_form("/portal/contracts/99999999/copy-request", {"csrf": csrf}))]
        for theirs, missing in pairs:
            with self.subTest(path=theirs.path):
                self.assertEqual(theirs.status, 404, theirs.describe())
                self.assertEqual(missing.status, 404, missing.describe())
                self.assertIn("text/html", theirs.header("Content-Type") or "")
                # The same page, but for the language links, which carry the path.
                self.assertEqual(same_page(theirs), same_page(missing))
                for secret in (o["number"], i["number"], k["number"]):
                    self.assertNotIn(secret, text(theirs))
        self.assertEqual(len(contact_tickets(S["meera"]["id"])), before)
        self.assertNotIn("invoice.downloaded", [e["action"] for e in activity(S["meera"]["id"])])
        # A colleague in the same organisation with access to their own things only: 404 too.
        kiran = customer("kiran")
        for path in ("/portal/orders/%d" % o["id"], "/portal/invoices/%d/pdf" % i["id"],
                     "/portal/contracts/%d" % k["id"]):
            with self.subTest(colleague=path):
                self.assertEqual(kiran.get(path).status, 404)
        # Strangers are sent to sign in; their forms are refused.
        anon = Browser(S["server"])
        for path in ("/portal/orders/%d" % o["id"], "/portal/invoices/%d/pdf" % i["id"],
                     "/portal/contracts/%d" % k["id"]):
            with self.subTest(anonymous=path):
                r = anon.get(path)
                self.assertEqual(r.status, 303, r.describe())
                self.assertEqual(r.header("Location"), "/portal/sign-in")
        r = anon.post_form("/portal/contracts/%d/copy-request" % k["id"], {"csrf": "x"})
        self.assertEqual(r.status, 403, r.describe())

    def test_organisation_access_shows_the_organisations_invoice_and_contract(self):
        o, i, k = S["asha_order"], S["asha_invoice"], S["kaveri_contract"]
        give_organisation_access(S["ravi"])
        b = customer("ravi")
        home = text(b.get("/portal"))
        self.assertIn('href="/portal/invoices/%d/pdf"' % i["id"], home)
        self.assertIn('href="/portal/orders/%d"' % o["id"], home)
        self.assertIn('href="/portal/contracts/%d"' % k["id"], home)
        r = b.get("/portal/invoices/%d/pdf" % i["id"])
        self.assertEqual(r.status, 200, r.describe(300))
        self.assertTrue(r.raw.startswith(b"%PDF-"))
        page = b.get("/portal/contracts/%d" % k["id"])
        self.assertEqual(page.status, 200, page.describe())
        html = text(page)
        self.assertIn(k["number"], html)
        self.assertIn("ರವಿ Agent", html, "the account manager")
        self.assertIn('action="/portal/contracts/%d/copy-request"' % k["id"], html)
        self.assertIn("Ask for a copy", html)
        self.assertTrue(csrf_of(html))
        # Another organisation's contract stays hidden.
        other_org, _ = new_org("Elsewhere Exports")
        other = new_contract(organisation_id=other_org["id"])
        self.assertEqual(b.get("/portal/contracts/%d" % other["id"]).status, 404)

    def test_asking_for_a_copy_of_the_contract_opens_a_ticket(self):
        k = S["kaveri_contract"]
        give_organisation_access(S["ravi"])
        b = customer("ravi")
        path = "/portal/contracts/%d/copy-request" % k["id"]
        csrf = csrf_of(text(b.get("/portal/contracts/%d" % k["id"])))
        before = contact_tickets(S["ravi"]["id"])
        r = b.post_form(path, {})
        self.assertEqual(r.status, 403, "no CSRF token: " + r.describe())
        r = b.post_form(path, {"csrf": "wrong"})
        self.assertEqual(r.status, 403, "a wrong CSRF token: " + r.describe())
        r = b.post_form(path, {"csrf": csrf}, origin="https://evil.example")
        self.assertEqual(r.status, 403, "another origin: " + r.describe())
        self.assertEqual(len(contact_tickets(S["ravi"]["id"])), len(before))

        r = b.post_form(path, {"csrf": csrf})
        self.assertEqual(r.status, 303, r.describe())
        m = re.match(r"^/portal/tickets/(\d+)(\?.*)?$", r.header("Location") or "")
        self.assertTrue(m, r.describe())
        t = ticket_by_number(int(m.group(1)))
        self.assertEqual(t["subject"], "Copy of contract %s" % k["number"])
        self.assertIn("contract-copy", t["tags"])
        self.assertEqual(t["assignee_id"], S["server"].agent_id)
        self.assertEqual(t["requester_id"], S["ravi"]["id"])
        self.assertEqual(t["channel"], "portal")
        self.assertEqual(b.get(r.header("Location")).status, 200,
                         "the customer sees the new request")
        events = [e for e in activity(S["ravi"]["id"]) if e["action"] == "contract.copy_requested"]
        self.assertEqual(len(events), 1, events)
        self.assertEqual(events[0]["changes"].get("contract"), [None, k["number"]])
        self.assertEqual(events[0]["changes"].get("ticket_id"), [None, t["id"]])

    def test_the_order_page_speaks_hindi(self):
        o = S["asha_order"]
        b = customer("asha")
        try:
            r = b.get("/portal/orders/%d?lang=hi" % o["id"])
            self.assertEqual(r.status, 200, r.describe())
            html = text(r)
            self.assertIn('<html lang="hi">', html)
            self.assertIn("ऑर्डर", html)
            self.assertIn("ऑर्डर %s" % o["number"], html)
            self.assertIn("डिलीवरी पर नकद", html, "the payment status in Hindi")
        finally:
            b.get("/portal?lang=en")


if __name__ == "__main__":
    unittest.main()
