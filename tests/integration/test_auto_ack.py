"""The acknowledgement mail of tickets a customer opens through the web form or the portal
(services/mail/outbound_service.h), on the real server.

The workspace has a mailbox that can send (its SMTP server is a closed port: the mail stays in
the outbox, which is what is checked, in mail_outbox as the server's database holds it) and a
second mailbox, without acknowledgements, serving the "Accounts" group. Each check counts the
auto_ack rows queued to one fresh address.
"""

import json
import os
import re
import sqlite3
import subprocess
import time
import unittest
import urllib.parse
from email import policy
from email.message import EmailMessage

import harness
from test_portal import Browser, csrf_of
from webform_util import open_form, request_number, submit

S = {}
SITE = "https://support.example.in"
SUPPORT = "support@acme-ack.test"


def setUpModule():
    server = harness.Server(env={"SAHAYAK_WEB_FORM_PER_MINUTE_PER_EMAIL": "100",
                                 "SAHAYAK_WEB_FORM_PER_MINUTE_PER_IP": "100",
                                 "SAHAYAK_PUBLIC_URL": SITE,
                                 "SAHAYAK_MAIL_RETRY_BASE_MS": "600000"})
    server.start()
    S["server"] = server
    admin = server.bearer(server.admin_token)
    S["admin"] = admin

    def created(r):
        assert r.status == 201, r.describe()
        return r.json

    shipping = created(admin.post("/api/v1/groups", {"name": "Shipping"}))
    accounts = created(admin.post("/api/v1/groups", {"name": "Accounts"}))
    created(admin.post("/api/v1/mailboxes", {
        "name": "support", "address": SUPPORT, "from_name": "Acme Support",
        "smtp_host": "127.0.0.1", "smtp_port": 9, "smtp_security": "none", "auto_ack": True}))
    # Named to sort after "support", which stays the default mailbox (the first by name).
    created(admin.post("/api/v1/mailboxes", {
        "name": "web-billing", "address": "billing@acme-ack.test", "from_name": "Acme Accounts",
        "group_id": accounts["id"], "smtp_host": "127.0.0.1", "smtp_port": 9,
        "smtp_security": "none", "auto_ack": False}))
    S["form"] = created(admin.post("/api/v1/web-forms", {
        "name": "Contact us", "group_id": shipping["id"], "min_fill_seconds": 1}))
    S["quiet_form"] = created(admin.post("/api/v1/web-forms", {
        "name": "Billing question", "group_id": accounts["id"], "min_fill_seconds": 1}))


def tearDownModule():
    if "server" in S:
        S["server"].cleanup()


def acks_to(email):
    """The auto_ack rows queued to `email`: [(ticket_id, message_id, payload dict)]."""
    db = sqlite3.connect("file:%s?mode=ro" % os.path.join(S["server"].data_dir, "sahayak.db"),
                         uri=True, timeout=30)
    try:
        rows = db.execute("SELECT ticket_id, message_id, payload FROM mail_outbox WHERE "
                          "kind = 'auto_ack' AND to_email = ? ORDER BY id",
                          (email,)).fetchall()
    finally:
        db.close()
    return [(t, m, json.loads(p)) for t, m, p in rows]


def send_form(form, email, subject="Parcel not delivered", name="Priya Sharma", lang=None,
              honeypot="", wait=1.1):
    anon = S["server"].anonymous()
    _, _, token = open_form(anon, form["key"], lang)
    if wait:
        time.sleep(wait)
    r, page = submit(anon, form["key"], [
        ("start", token), ("name", name), ("email", email), ("subject", subject),
        ("message", "Where is my parcel?"), ("website", honeypot)], lang=lang)
    return r, page


def ticket(number):
    r = S["admin"].get("/api/v1/tickets/by-number/%d" % number)
    assert r.status == 200, r.describe()
    return r.json


class WebFormAckTest(unittest.TestCase):
    maxDiff = None

    def test_a_form_ticket_is_acknowledged_once_with_its_number_and_portal_link(self):
        email = harness.unique_email("ackweb")
        r, page = send_form(S["form"], email)
        self.assertEqual(r.status, 200, page)
        number = request_number(page)
        self.assertIsNotNone(number, page)
        acks = acks_to(email)
        self.assertEqual(len(acks), 1, acks)
        ticket_id, message_id, mail = acks[0]
        self.assertEqual(ticket_id, ticket(number)["id"])
        self.assertEqual(mail["to"][0]["email"], email)
        self.assertEqual(mail["from"]["email"], SUPPORT)
        self.assertEqual(mail["auto_submitted"], "auto-replied")
        self.assertEqual(mail["subject"], "Re: Parcel not delivered [#%d]" % number)
        self.assertIn("#%d" % number, mail["text"])
        self.assertIn("Hello Priya Sharma,", mail["text"])
        self.assertIn("%s/portal/tickets/%d" % (SITE, number), mail["text"])
        self.assertEqual(mail["message_id"], message_id)

    def test_the_customers_answer_to_the_acknowledgement_lands_on_the_ticket(self):
        email = harness.unique_email("ackthread")
        r, page = send_form(S["form"], email)
        number = request_number(page)
        self.assertIsNotNone(number, page)
        [(ticket_id, message_id, mail)] = acks_to(email)
        answer = EmailMessage(policy=policy.SMTP)
        answer["From"] = email
        answer["To"] = mail["reply_to"]["email"] if mail.get("reply_to") else SUPPORT
        answer["Subject"] = "Re: something else entirely"
        answer["Message-ID"] = "<%s@customer.example.in>" % harness.unique("m")
        answer["In-Reply-To"] = "<%s>" % message_id
        answer["References"] = "<%s>" % message_id
        answer.set_content("The AWB is 12345.")
        p = subprocess.run([harness.binary_path(), "--data", S["server"].data_dir,
                            "mail-deliver", "--mailbox", "support"],
                           input=answer.as_bytes(), capture_output=True, timeout=60)
        self.assertEqual(p.returncode, 0, p.stderr.decode("utf-8", "replace"))
        msgs = S["admin"].list_all("/api/v1/tickets/%d/messages" % ticket_id)
        self.assertEqual([m["body"].strip() for m in msgs][-1], "The AWB is 12345.")
        self.assertEqual(len(msgs), 2)
        self.assertEqual(len(acks_to(email)), 1, "a reply is not acknowledged again")

    def test_a_hindi_contact_gets_the_hindi_text(self):
        email = harness.unique_email("ackhi")
        r = S["admin"].post("/api/v1/contacts", {"name": "आशा राव", "email": email,
                                                 "language": "hi"})
        self.assertEqual(r.status, 201, r.describe())
        # The page is English; the contact's own language wins.
        r, page = send_form(S["form"], email, subject="पार्सल नहीं मिला", name="आशा राव",
                            lang="en")
        number = request_number(page)
        self.assertIsNotNone(number, page)
        [(_, _, mail)] = acks_to(email)
        self.assertTrue(mail["text"].startswith("नमस्ते "), mail["text"])
        self.assertIn("#%d" % number, mail["text"])
        self.assertIn("ग्राहक पोर्टल", mail["text"])
        self.assertIn("%s/portal/tickets/%d" % (SITE, number), mail["text"])
        self.assertEqual(mail["subject"], "Re: पार्सल नहीं मिला [#%d]" % number)

    def test_a_kannada_page_answers_a_new_visitor_in_kannada(self):
        email = harness.unique_email("ackkn")
        r, page = send_form(S["form"], email, lang="kn")
        self.assertEqual(r.status, 200, page)
        [(_, _, mail)] = acks_to(email)
        self.assertTrue(mail["text"].startswith("ನಮಸ್ಕಾರ "), mail["text"])
        self.assertIn("ಗ್ರಾಹಕ ಪೋರ್ಟಲ್‌ನಲ್ಲಿ", mail["text"])

    def test_the_groups_mailbox_without_auto_ack_sends_none(self):
        email = harness.unique_email("ackquiet")
        r, page = send_form(S["quiet_form"], email)
        self.assertEqual(r.status, 200, page)
        self.assertIsNotNone(request_number(page), page)
        self.assertEqual(acks_to(email), [])

    def test_at_most_three_an_hour_to_one_address(self):
        email = harness.unique_email("acklimit")
        numbers = []
        for i in range(4):
            r, page = send_form(S["form"], email, subject="Parcel %d" % i)
            self.assertEqual(r.status, 200, page)
            numbers.append(request_number(page))
        acks = acks_to(email)
        self.assertEqual(len(acks), 3, acks)
        self.assertEqual([a[0] for a in acks], [ticket(n)["id"] for n in numbers[:3]])
        # The fourth ticket says why it got none.
        fourth = ticket(numbers[3])["id"]
        r = S["admin"].get("/api/v1/audit-events?entity_type=ticket&entity_id=%d" % fourth)
        self.assertEqual(r.status, 200, r.describe())
        self.assertIn("ticket.auto_ack_skipped", [e["action"] for e in r.json["data"]])

    def test_bots_create_nothing_and_get_nothing(self):
        honey = harness.unique_email("ackbot")
        r, page = send_form(S["form"], honey, honeypot="http://spam.example")
        self.assertEqual(r.status, 200, page)
        fast = harness.unique_email("ackfast")
        r, page = send_form(S["form"], fast, wait=0)
        self.assertEqual(r.status, 400, page)
        self.assertEqual(acks_to(honey), [])
        self.assertEqual(acks_to(fast), [])

    def test_robot_and_own_addresses_get_none(self):
        for email in ("noreply-%s@shop.example.in" % harness.unique("r").lower(),
                      "support+%s@acme-ack.test" % harness.unique("o").lower()):
            with self.subTest(email=email):
                r, page = send_form(S["form"], email)
                self.assertEqual(r.status, 200, page)
                self.assertIsNotNone(request_number(page), page)
                self.assertEqual(acks_to(email), [])


class PortalAckTest(unittest.TestCase):
    def test_a_portal_request_is_acknowledged_once(self):
        email = harness.unique_email("ackportal")
        r = S["admin"].post("/api/v1/contacts", {"name": "Ravi Kumar", "email": email,
                                                 "language": "kn"})
        self.assertEqual(r.status, 201, r.describe())
        b = Browser(S["server"])
        r = b.post_form("/portal/sign-in/email", {"email": email})
        self.assertEqual(r.status, 200, r.describe())
        db = sqlite3.connect("file:%s?mode=ro" % os.path.join(S["server"].data_dir,
                                                                "sahayak.db"),
                             uri=True, timeout=30)
        try:
            payload = db.execute("SELECT payload FROM mail_outbox WHERE to_email = ? AND "
                                 "kind = 'notification' ORDER BY id DESC",
                                 (email,)).fetchone()[0]
        finally:
            db.close()
        m = re.search(r"(/portal/sign-in/[A-Za-z0-9_-]+)", json.loads(payload)["text"])
        self.assertTrue(m, payload)
        r = b.post_form(m.group(1), {})
        self.assertEqual(r.status, 303, r.describe())
        token = csrf_of(b.get("/portal/new").raw.decode("utf-8"))
        r = b.post_multipart("/portal/new", {"subject": "ಪಾರ್ಸೆಲ್ ಬಂದಿಲ್ಲ", "body": "AWB 777",
                                             "topic": "", "csrf": token})
        self.assertEqual(r.status, 303, r.describe())
        number = int(re.search(r"/portal/tickets/(\d+)", r.header("Location")).group(1))
        acks = acks_to(email)
        self.assertEqual(len(acks), 1, acks)
        ticket_id, _, mail = acks[0]
        self.assertEqual(ticket_id, ticket(number)["id"])
        self.assertEqual(mail["subject"], "Re: ಪಾರ್ಸೆಲ್ ಬಂದಿಲ್ಲ [#%d]" % number)
        self.assertTrue(mail["text"].startswith("ನಮಸ್ಕಾರ Ravi Kumar,"), mail["text"])
        self.assertIn("%s/portal/tickets/%d" % (SITE, number), mail["text"])
        # The link is the page the portal shows the request on.
        self.assertEqual(b.get("/portal/tickets/%d" % number).status, 200)


if __name__ == "__main__":
    unittest.main()
