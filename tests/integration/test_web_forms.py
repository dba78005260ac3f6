"""Web forms on the real server (docs/web-forms.md): the admin API, the public form page, its
spam protection and the tickets it creates (channel web)."""

import re
import time
import unicodedata
import unittest

import harness
from webform_util import open_form, request_number, submit

S = {}
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082")
ORIGIN = "https://shop.example.in"


def setUpModule():
    server = harness.Server(env={"SAHAYAK_WEB_FORM_PER_MINUTE_PER_IP": "100",
                                 "SAHAYAK_WEB_FORM_PER_MINUTE_PER_EMAIL": "3"})
    server.start()
    S["server"] = server
    admin = server.bearer(server.admin_token)
    S["admin"] = admin
    g = admin.post("/api/v1/groups", {"name": "Shipping desk"})
    assert g.status == 201, g.describe()
    S["group"] = g.json["id"]
    f = admin.post("/api/v1/custom-fields", {"key": "order_id", "label": "Order id",
                                             "type": "text"})
    assert f.status == 201, f.describe()
    form = admin.post("/api/v1/web-forms", {
        "name": "Contact us", "group_id": S["group"], "allowed_origins": [ORIGIN],
        "fields": [{"key": "order_id", "required": True}], "min_fill_seconds": 1})
    assert form.status == 201, form.describe()
    S["form"] = form.json


def tearDownModule():
    if "server" in S:
        S["server"].cleanup()


def ticket_count():
    r = S["admin"].get("/api/v1/tickets/count")
    assert r.status == 200, r.describe()
    return r.json["count"]


class WebFormApiTest(unittest.TestCase):
    def test_create_returns_key_and_snippet(self):
        f = S["form"]
        self.assertRegex(f["key"], r"^[A-Za-z0-9_-]{20,}$")
        self.assertIn('data-sahayak-form="%s"' % f["key"], f["snippet"])
        self.assertIn("/forms/embed.js", f["snippet"])
        self.assertEqual(f["allowed_origins"], [ORIGIN])
        self.assertEqual(f["fields"], [{"key": "order_id", "required": True}])
        self.assertEqual(f["group_id"], S["group"])
        self.assertTrue(f["enabled"])
        got = S["admin"].get("/api/v1/web-forms/%d" % f["id"])
        self.assertEqual(got.status, 200, got.describe())
        self.assertEqual(got.json["key"], f["key"])
        listed = S["admin"].get("/api/v1/web-forms")
        self.assertIn(f["id"], [x["id"] for x in listed.json["data"]])

    def test_bad_input_names_each_field(self):
        cases = [
            ({"name": "x", "group_id": 99999}, "group_id"),
            ({"name": "x", "fields": [{"key": "no_such_field"}]}, "fields[0].key"),
            ({"name": "x", "allowed_origins": ["shop.example.in/contact"]}, "allowed_origins[0]"),
            ({"name": ""}, "name"),
            ({"name": "न" * 101}, "name"),
            ({"group_id": S["group"]}, "name"),
            ({"name": "x", "min_fill_seconds": 9999}, "min_fill_seconds"),
        ]
        for body, field in cases:
            with self.subTest(body=body):
                r = S["admin"].post("/api/v1/web-forms", body)
                self.assertEqual(r.status, 422, r.describe())
                self.assertEqual(r.problem_type, "/problems/validation")
                self.assertIn(field, [e["field"] for e in r.json["errors"]], r.describe())

    def test_only_admins_manage_forms(self):
        server = S["server"]
        agent = server.bearer(server.agent_token)
        self.assertEqual(agent.get("/api/v1/web-forms").status, 403)
        self.assertEqual(agent.post("/api/v1/web-forms", {"name": "x"}).status, 403)
        self.assertEqual(server.anonymous().get("/api/v1/web-forms").status, 401)

    def test_patch_with_if_match(self):
        r = S["admin"].post("/api/v1/web-forms", {"name": "Patch me"})
        self.assertEqual(r.status, 201, r.describe())
        stale = S["admin"].patch("/api/v1/web-forms/%d" % r.json["id"], {"name": "New"},
                                 headers={"If-Match": '"7"'})
        self.assertEqual(stale.status, 412, stale.describe())
        ok = S["admin"].patch("/api/v1/web-forms/%d" % r.json["id"], {"name": "ಸಂಪರ್ಕಿಸಿ"},
                              headers={"If-Match": '"1"'})
        self.assertEqual(ok.status, 200, ok.describe())
        self.assertEqual(ok.json["name"], "ಸಂಪರ್ಕಿಸಿ")
        self.assertEqual(ok.json["key"], r.json["key"])
        d = S["admin"].delete("/api/v1/web-forms/%d" % r.json["id"])
        self.assertEqual(d.status, 204, d.describe())
        self.assertEqual(S["server"].anonymous().get("/forms/" + r.json["key"]).status, 404)


class WebFormPageTest(unittest.TestCase):
    def setUp(self):
        self.anon = S["server"].anonymous()
        self.key = S["form"]["key"]

    def test_page_has_policy_fields_and_honeypot(self):
        r, text, token = open_form(self.anon, self.key)
        self.assertEqual(r.status, 200, r.describe())
        policy = r.header("Content-Security-Policy")
        self.assertIn("frame-ancestors 'self' %s" % ORIGIN, policy)
        self.assertNotIn("unsafe-inline", policy)
        self.assertIsNone(r.header("X-Frame-Options"))
        self.assertRegex(token, r"^\d+\.[A-Za-z0-9_-]+$")
        for needle in ('name="email"', 'name="subject"', 'data-deflect="web_form"',
                       'name="message"', 'name="custom.order_id"', 'type="file"',
                       'name="deflection"', "data-deflect-list", "/help/assets/deflect.js"):
            self.assertIn(needle, text)
        honeypot = re.search(r'<div class="hp" aria-hidden="true">.*?</div>', text)
        self.assertIsNotNone(honeypot)
        self.assertIn('tabindex="-1"', honeypot.group(0))
        self.assertIn('autocomplete="off"', honeypot.group(0))

    def test_page_speaks_the_visitors_language(self):
        _, text, _ = open_form(self.anon, self.key, "hi")
        self.assertIn('<html lang="hi">', text)
        self.assertIn("आपका ई-मेल पता", text)
        _, text, _ = open_form(self.anon, self.key, "kn")
        self.assertIn("ನಿಮ್ಮ ಇ-ಮೇಲ್ ವಿಳಾಸ", text)

    def test_unknown_form_is_a_friendly_404(self):
        r = self.anon.get("/forms/no-such-form-key", headers={"Accept": "text/html"})
        self.assertEqual(r.status, 404)
        self.assertIn("text/html", r.header("Content-Type"))
        self.assertIn("not available", r.raw.decode())

    def test_scripts_are_served(self):
        for path, needle in (("/forms/embed.js", "data-sahayak-form"),
                             ("/forms/assets/frame.js", "postMessage"),
                             ("/help/assets/deflect.js", "/help/suggest")):
            r = self.anon.get(path)
            self.assertEqual(r.status, 200, path)
            self.assertIn("javascript", r.header("Content-Type"))
            self.assertIn(needle, r.raw.decode())
        self.assertLess(len(self.anon.get("/help/assets/deflect.js").raw), 3000)


class WebFormSubmissionTest(unittest.TestCase):
    def setUp(self):
        self.anon = S["server"].anonymous()
        self.key = S["form"]["key"]

    def fields(self, token, email, subject="Parcel not delivered", message="Where is it?",
               **extra):
        out = [("start", token), ("name", "Priya Sharma"), ("email", email),
               ("subject", subject), ("message", message), ("custom.order_id", "ORD-42"),
               ("website", "")]
        out += list(extra.items())
        return out

    def test_a_valid_submission_creates_a_web_ticket(self):
        _, _, token = open_form(self.anon, self.key)
        time.sleep(1.1)
        email = harness.unique_email("webform")
        r, text = submit(self.anon, self.key, self.fields(token, email),
                         files=[("attachments", "label.png", PNG, "image/png")])
        self.assertEqual(r.status, 200, text)
        number = request_number(text)
        self.assertIsNotNone(number, text)
        t = S["admin"].get("/api/v1/tickets/by-number/%d" % number)
        self.assertEqual(t.status, 200, t.describe())
        self.assertEqual(t.json["channel"], "web")
        self.assertEqual(t.json["subject"], "Parcel not delivered")
        self.assertEqual(t.json["group_id"], S["group"])
        self.assertEqual(t.json["custom_fields"].get("order_id"), "ORD-42")
        listed = S["admin"].get("/api/v1/tickets?channel=web")
        self.assertIn(t.json["id"], [x["id"] for x in listed.json["data"]])
        c = S["admin"].get("/api/v1/contacts/%d" % t.json["requester_id"])
        self.assertEqual(c.json["name"], "Priya Sharma")
        msgs = S["admin"].get("/api/v1/tickets/%d/messages" % t.json["id"])
        first = msgs.json["data"][0]
        self.assertEqual(first["body"], "Where is it?")
        self.assertEqual([a["filename"] for a in first["attachments"]], ["label.png"])
        content = S["admin"].get("/api/v1/attachments/%d/content" % first["attachments"][0]["id"])
        self.assertEqual(content.raw, PNG)

    def test_honeypot_pretends_success_and_creates_nothing(self):
        _, _, token = open_form(self.anon, self.key)
        time.sleep(1.1)
        before = ticket_count()
        metric = self.spam_metric()
        r, text = submit(self.anon, self.key,
                         self.fields(token, harness.unique_email("bot"), website="http://spam"))
        self.assertEqual(r.status, 200, text)
        self.assertIn("Thank you", text)
        self.assertIsNotNone(request_number(text))
        self.assertEqual(ticket_count(), before)
        self.assertEqual(self.spam_metric(), metric + 1)

    def spam_metric(self):
        text = S["server"].anonymous().get("/metrics").raw.decode()
        m = re.search(r"^sahayak_web_form_spam_total (\S+)$", text, re.M)
        return float(m.group(1))

    def test_too_fast_asks_to_try_again(self):
        _, _, token = open_form(self.anon, self.key)
        before = ticket_count()
        r, text = submit(self.anon, self.key, self.fields(token, harness.unique_email("fast")))
        self.assertEqual(r.status, 400, text)
        self.assertIn("Please try again", text)
        self.assertIn('value="Parcel not delivered"', text)  # the visitor's text is kept
        self.assertRegex(re.search(r'name="start" value="([^"]+)"', text).group(1), r"^\d+\.")
        self.assertEqual(ticket_count(), before)

    def test_forged_or_missing_token_asks_to_try_again(self):
        before = ticket_count()
        old = "%d.%s" % (int(time.time() * 1000) - 60000, "A" * 43)
        for token in (old, "", "garbage"):
            with self.subTest(token=token):
                r, text = submit(self.anon, self.key,
                                 self.fields(token, harness.unique_email("forged")), lang="hi")
                self.assertEqual(r.status, 400, text)
                self.assertIn("कृपया फिर से कोशिश करें", text)
        self.assertEqual(ticket_count(), before)

    def test_invalid_fields_are_named_in_the_visitors_language(self):
        _, _, token = open_form(self.anon, self.key, "kn")
        time.sleep(1.1)
        before = ticket_count()
        fields = [f for f in self.fields(token, "not-an-address") if f[0] != "custom.order_id"]
        r, text = submit(self.anon, self.key, fields, lang="kn")
        self.assertEqual(r.status, 422, text)
        self.assertIn("ದಯವಿಟ್ಟು ಸರಿಯಾದ ಇ-ಮೇಲ್ ವಿಳಾಸ ಬರೆಯಿರಿ", text)
        self.assertIn('id="f-email-error"', text)
        self.assertIn('id="f-custom-order_id-error"', text)  # required by the form
        self.assertEqual(ticket_count(), before)

    def test_programs_cannot_be_attached(self):
        _, _, token = open_form(self.anon, self.key)
        time.sleep(1.1)
        before = ticket_count()
        r, text = submit(self.anon, self.key, self.fields(token, harness.unique_email("exe")),
                         files=[("attachments", "invoice.exe", b"MZ\x90\x00" + b"\x00" * 60,
                                 "application/octet-stream")])
        self.assertEqual(r.status, 422, text)
        self.assertIn('id="f-attachments-error"', text)
        self.assertEqual(ticket_count(), before)

    def test_hindi_and_kannada_text_is_stored_nfc(self):
        _, _, token = open_form(self.anon, self.key, "hi")
        time.sleep(1.1)
        subject = "पार्सल न\u093c नहीं आया ಕ\u0cbf\u0cd5"  # decomposed ऩ and ಕೀ
        message = "मेरा पार्सल कब आएगा? ನನ್ನ ಪಾರ್ಸೆಲ್ ಎಲ್ಲಿದೆ\u0cbf\u0cd5"
        r, text = submit(self.anon, self.key,
                         self.fields(token, harness.unique_email("nfc"), subject, message),
                         lang="hi")
        self.assertEqual(r.status, 200, text)
        self.assertIn("हमें आपका अनुरोध", text)
        t = S["admin"].get("/api/v1/tickets/by-number/%d" % request_number(text))
        self.assertEqual(t.json["subject"], unicodedata.normalize("NFC", subject))
        self.assertNotEqual(t.json["subject"], subject)
        self.assertEqual(t.json["language"], "hi")
        msgs = S["admin"].get("/api/v1/tickets/%d/messages" % t.json["id"])
        self.assertEqual(msgs.json["data"][0]["body"], unicodedata.normalize("NFC", message))

    def test_too_many_from_one_address_is_a_429_page(self):
        _, _, token = open_form(self.anon, self.key)
        time.sleep(1.1)
        email = harness.unique_email("many")
        statuses = []
        for _ in range(4):
            r, text = submit(self.anon, self.key, self.fields(token, email))
            statuses.append(r.status)
        self.assertEqual(statuses, [200, 200, 200, 429], text)
        self.assertIn("Too many requests", text)
        self.assertTrue(r.header("Retry-After"))

    def test_disabled_form_is_a_404(self):
        f = S["admin"].post("/api/v1/web-forms", {"name": "Soon off", "min_fill_seconds": 0})
        _, _, token = open_form(self.anon, f.json["key"])
        p = S["admin"].patch("/api/v1/web-forms/%d" % f.json["id"], {"enabled": False})
        self.assertEqual(p.status, 200, p.describe())
        r, _, _ = open_form(self.anon, f.json["key"])
        self.assertEqual(r.status, 404)
        before = ticket_count()
        r, text = submit(self.anon, f.json["key"], self.fields(token, harness.unique_email("off")))
        self.assertEqual(r.status, 404, text)
        self.assertEqual(ticket_count(), before)


class WebFormIpLimitTest(unittest.TestCase):
    def test_too_many_from_one_ip_is_a_429_page(self):
        server = harness.Server(env={"SAHAYAK_WEB_FORM_PER_MINUTE_PER_IP": "2"})
        try:
            server.start()
            admin = server.bearer(server.admin_token)
            key = admin.post("/api/v1/web-forms", {"name": "Limited"}).json["key"]
            anon = server.anonymous()
            statuses = []
            for _ in range(3):
                r, text = submit(anon, key, [("start", "x"), ("email", "a@b.in")], lang="hi")
                statuses.append(r.status)
            self.assertEqual(statuses, [400, 400, 429])
            self.assertIn("बहुत ज़्यादा अनुरोध", text)
        finally:
            server.cleanup()


if __name__ == "__main__":
    unittest.main()
