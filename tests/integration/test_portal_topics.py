"""Portal requests by topic (docs/portal.md, "Topics and fields") on the real server.

The topics are the help centre's public categories. A new request starts with the topic; the
form then asks for the customer-visible custom fields of that topic only, and a customer cannot
set any other field, whatever they post. The definitions' new members (`customer_visible`,
`portal_topics`) round-trip through /api/v1/custom-fields.
"""

import re
import unittest

import harness
from test_portal import csrf_of, sign_in_on, text

S = {}


def created(r, what):
    if r.status != 201:
        raise harness.HarnessError("%s failed:\n%s" % (what, r.describe()))
    return r.json


def setUpModule():
    server = harness.Server(env={"SAHAYAK_PUBLIC_URL": "https://support.example.in"})
    server.start()
    S["server"] = server
    admin = server.bearer(server.admin_token)
    S["admin"] = admin

    def category(titles, public_langs, internal=False):
        cat = created(admin.post("/api/v1/kb/categories", {"titles": titles}), "category")
        sec = created(admin.post("/api/v1/kb/sections", {
            "category_id": cat["id"], "titles": {"en": "Questions"}}), "section")
        for lang in public_langs:
            created(admin.post("/api/v1/kb/articles", {
                "section_id": sec["id"], "visibility": "internal" if internal else "public",
                "language": lang, "title": "About " + titles["en"] + " " + lang,
                "body": "Some help.", "status": "published"}), "article")
        return cat["id"]

    S["shipping"] = category({"en": "Shipping", "hi": "शिपिंग"}, ["en", "hi"])
    S["invoices"] = category({"en": "Invoices", "hi": "बिल"}, ["en", "hi"])
    # A category with only internal articles is no topic of the portal.
    S["internal"] = category({"en": "Agent handbook"}, ["en"], internal=True)

    def field(body):
        return created(admin.post("/api/v1/custom-fields", body), "field " + body["key"])

    S["awb"] = field({"key": "awb_number", "label": "AWB number", "type": "text",
                      "required": True, "customer_visible": True,
                      "portal_topics": [S["shipping"]]})
    S["invoice"] = field({"key": "invoice_number", "label": "Invoice number", "type": "text",
                          "customer_visible": True, "portal_topics": [S["invoices"]]})
    S["phone"] = field({"key": "alt_phone", "label": "Other phone", "type": "text",
                        "customer_visible": True})
    # Agent-only and required: it must not block a customer's request.
    S["escalation"] = field({"key": "escalation_code", "label": "Escalation code",
                             "type": "text", "required": True})
    contact = created(admin.post("/api/v1/contacts", {
        "name": "Asha Rao", "email": harness.unique_email("asha"), "language": "en"}), "contact")
    S["asha"] = contact


def tearDownModule():
    if "server" in S:
        S["server"].cleanup()


def sign_in(email):
    return sign_in_on(S["server"], email)


def customer():
    if "browser" not in S:
        S["browser"] = sign_in(S["asha"]["email"])
    return S["browser"]


def field_names(page):
    return sorted(set(re.findall(r'name="cf_([a-z0-9_]+)"', page)))


def ticket_count():
    return len(S["admin"].get("/api/v1/contacts/%d/tickets?limit=100"
                              % S["asha"]["id"]).json["data"])


class PortalTopicsTest(unittest.TestCase):
    maxDiff = None

    def test_the_first_step_lists_the_public_topics(self):
        r = customer().get("/portal/new")
        self.assertEqual(r.status, 200, r.describe())
        page = text(r)
        links = re.findall(r'href="/portal/new\?topic=(\d+)">([^<]*)<', page)
        self.assertEqual(links, [(str(S["shipping"]), "Shipping"),
                                 (str(S["invoices"]), "Invoices"), ("0", "Something else")])
        self.assertNotIn("Agent handbook", page)
        self.assertEqual(field_names(page), [])  # no form yet
        hindi = text(customer().get("/portal/new?lang=hi"))
        self.assertIn(">शिपिंग</a>", hindi)
        self.assertIn("आपका अनुरोध किस बारे में है?", hindi)
        customer().get("/portal/new?lang=en")

    def test_a_topic_shows_exactly_its_customer_visible_fields(self):
        page = text(customer().get("/portal/new?topic=%d" % S["shipping"]))
        self.assertEqual(field_names(page), ["alt_phone", "awb_number"])
        self.assertIn('name="topic" value="%d"' % S["shipping"], page)
        self.assertIn("Topic: Shipping", page)
        self.assertIn('href="/portal/new">Change</a>', page)
        # Deflection keeps working on the form.
        self.assertIn("data-deflect", page)
        self.assertIn('src="/help/assets/deflect.js"', page)
        page = text(customer().get("/portal/new?topic=%d" % S["invoices"]))
        self.assertEqual(field_names(page), ["alt_phone", "invoice_number"])
        page = text(customer().get("/portal/new?topic=0"))
        self.assertEqual(field_names(page), ["alt_phone"])
        self.assertIn("Topic: Something else", page)

    def test_an_unknown_or_internal_topic_gets_the_topic_step_again(self):
        for topic in (str(S["internal"]), "999999", "abc", "-1", "1e3", ""):
            r = customer().get("/portal/new?topic=" + topic)
            self.assertEqual(r.status, 404, topic)
            page = text(r)
            self.assertIn("That topic is not available", page, topic)
            self.assertIn('href="/portal/new?topic=%d"' % S["shipping"], page)
            self.assertEqual(field_names(page), [])

    def post(self, fields, lang=None):
        b = customer()
        page = text(b.get("/portal/new?topic=%d" % S["shipping"] + ("&lang=" + lang if lang else "")))
        fields = dict(fields)
        fields["csrf"] = csrf_of(page)
        r = b.post_multipart("/portal/new", fields)
        if lang:
            b.get("/portal/new?lang=en")
        return r

    def test_a_missing_required_field_of_the_topic_is_named_and_nothing_is_made(self):
        before = ticket_count()
        subject = harness.unique("No AWB")
        r = self.post({"topic": str(S["shipping"]), "subject": subject, "body": "Where is it?"})
        self.assertEqual(r.status, 422, r.describe())
        page = text(r)
        self.assertIn("Fill in: AWB number.", page)
        self.assertIn('value="%s"' % subject, page)  # the form again, as typed
        self.assertIn("Where is it?</textarea>", page)
        self.assertEqual(field_names(page), ["alt_phone", "awb_number"])
        r = self.post({"topic": str(S["shipping"]), "subject": subject, "body": "कहाँ है?"},
                      lang="hi")
        self.assertEqual(r.status, 422, r.describe())
        self.assertIn("यह भरें: AWB number।", text(r))
        self.assertEqual(ticket_count(), before)

    def test_a_customer_cannot_set_an_agent_only_or_another_topics_field(self):
        subject = harness.unique("Parcel late")
        r = self.post({"topic": str(S["shipping"]), "subject": subject, "body": "Late again.",
                       "cf_awb_number": "SHY123456789IN", "cf_escalation_code": "VIP-NOW",
                       "cf_invoice_number": "INV-1", "cf_alt_phone": ""})
        self.assertEqual(r.status, 303, r.describe())
        number = int(re.search(r"/portal/tickets/(\d+)", r.header("Location")).group(1))
        t = S["admin"].get("/api/v1/tickets/by-number/%d" % number).json
        self.assertEqual(t["custom_fields"], {"awb_number": "SHY123456789IN"})
        msgs = S["admin"].get("/api/v1/tickets/%d/messages" % t["id"]).json["data"]
        self.assertEqual(msgs[0]["channel_meta"]["portal"],
                         {"topic": "Shipping", "topic_id": S["shipping"]})
        # Agents still have to fill in the required agent-only field.
        r = S["admin"].post("/api/v1/tickets", {
            "subject": "By phone", "requester_id": S["asha"]["id"],
            "message": {"body": "Called in."}, "custom_fields": {"awb_number": "X"}})
        self.assertEqual(r.status, 422, r.describe())
        self.assertIn("custom_fields.escalation_code", [e["field"] for e in r.json["errors"]])

    def test_something_else_asks_for_no_topic_field(self):
        r = self.post({"topic": "0", "subject": harness.unique("Other"), "body": "A question.",
                       "cf_awb_number": "SHY1"})
        self.assertEqual(r.status, 303, r.describe())
        number = int(re.search(r"/portal/tickets/(\d+)", r.header("Location")).group(1))
        t = S["admin"].get("/api/v1/tickets/by-number/%d" % number).json
        self.assertEqual(t["custom_fields"], {})
        msgs = S["admin"].get("/api/v1/tickets/%d/messages" % t["id"]).json["data"]
        self.assertNotIn("portal", msgs[0]["channel_meta"])

    def test_posting_a_topic_that_is_not_offered_changes_nothing(self):
        before = ticket_count()
        for topic in (str(S["internal"]), "999999", "x"):
            r = self.post({"topic": topic, "subject": "Sneaky", "body": "x",
                           "cf_escalation_code": "VIP"})
            self.assertEqual(r.status, 422, r.describe())
            self.assertIn("That topic is not available", text(r))
        self.assertEqual(ticket_count(), before)

    def test_api_round_trip_and_bad_topics(self):
        admin = S["admin"]
        f = admin.get("/api/v1/custom-fields/%d" % S["awb"]["id"]).json
        self.assertIs(f["customer_visible"], True)
        self.assertEqual(f["portal_topics"], [S["shipping"]])
        self.assertIs(S["escalation"]["customer_visible"], False)  # new fields: agent-only
        self.assertEqual(S["escalation"]["portal_topics"], [])
        r = admin.patch("/api/v1/custom-fields/%d" % S["invoice"]["id"],
                        {"portal_topics": [S["invoices"], S["internal"]]})
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual(r.json["portal_topics"], [S["invoices"], S["internal"]])
        r = admin.patch("/api/v1/custom-fields/%d" % S["invoice"]["id"],
                        {"portal_topics": [S["invoices"]]})
        self.assertEqual(r.status, 200, r.describe())
        for bad in ([999999], [S["invoices"], S["invoices"]], "all", [0], ["1"]):
            r = admin.patch("/api/v1/custom-fields/%d" % S["invoice"]["id"],
                            {"portal_topics": bad})
            self.assertIn(r.status, (400, 422), r.describe())
            self.assertTrue(r.header("Content-Type").startswith("application/problem+json"))
            self.assertEqual([e["field"] for e in r.json["errors"]], ["portal_topics"], bad)
        r = admin.post("/api/v1/custom-fields", {"key": "bad_topics", "label": "Bad",
                                                 "type": "text", "portal_topics": [999999]})
        self.assertEqual(r.status, 422, r.describe())
        self.assertEqual([e["field"] for e in r.json["errors"]], ["portal_topics"])
        r = admin.patch("/api/v1/custom-fields/%d" % S["invoice"]["id"],
                        {"customer_visible": "yes"})
        self.assertIn(r.status, (400, 422), r.describe())
        self.assertEqual([e["field"] for e in r.json["errors"]], ["customer_visible"])
        self.assertEqual(admin.get("/api/v1/custom-fields/%d" % S["invoice"]["id"])
                         .json["portal_topics"], [S["invoices"]])


if __name__ == "__main__":
    unittest.main()
