"""Mailboxes managed through the API (/api/v1/mailboxes), as an admin uses them.

- CRUD with PATCH semantics and If-Match, for admins only (agents get 403);
- bad input answers problem+json naming each field, a taken name or address 409 naming it;
- passwords are write-only: no response, no audit event and no byte of the database file (nor
  its WAL) holds the plaintext; "" clears, an absent one is kept;
- test-imap and test-smtp against real Dovecot and Postfix (mailservers.py): a good password
  answers ok (the pending count; the test mail arrives with Auto-Submitted: auto-generated), a
  wrong one or a closed port answers ok: false with the server's words, never a 5xx;
- fetch-now and the tests on a mailbox without that server answer problems in words."""

import glob
import os
import time
import unittest
from email import policy
from email.message import EmailMessage

import harness
import mailservers
from mailservers import MailServers

SUPPORT = "support@acme-courier.test"
BILLING = "billing@acme-courier.test"
CUSTOMER = "customer@example.in"
IMAP_SECRET = "Imap-Plaintext-7c41e9"
SMTP_SECRET = "Smtp-Plaintext-03bd52"


def mailbox_body(**over):
    body = {
        "name": harness.unique("Support"),
        "address": harness.unique("support") + "@acme-courier.test",
        "from_name": "Acme Support",
        "imap_host": "imap.acme-courier.test",
        "imap_username": "support",
        "imap_password": IMAP_SECRET,
        "smtp_host": "smtp.acme-courier.test",
        "smtp_password": SMTP_SECRET,
        "auto_ack_templates": {"hi": {"subject": "आपका टिकट", "body": "धन्यवाद"}},
    }
    body.update(over)
    return body


def fields_of(r):
    return sorted(e["field"] for e in (r.json or {}).get("errors", []))


class MailboxApiTest(unittest.TestCase):
    server = None

    @classmethod
    def setUpClass(cls):
        cls.server = harness.Server()
        cls.server.start()
        cls.admin = cls.server.bearer(cls.server.admin_token)
        cls.agent = cls.server.bearer(cls.server.agent_token)
        cls.responses = []  # every body the API sent, to check for passwords at the end

    @classmethod
    def tearDownClass(cls):
        if cls.server is not None:
            cls.server.cleanup()

    def call(self, method, path, body=None, client=None, **kw):
        r = (client or self.admin).request(method, path, body, **kw)
        self.responses.append(r.raw)
        self.assertLess(r.status, 500, r.describe())
        return r

    def create(self, **over):
        r = self.call("POST", "/api/v1/mailboxes", mailbox_body(**over))
        self.assertEqual(r.status, 201, r.describe())
        return r.json

    def assert_problem(self, r, status, fields=None, type_=None):
        self.assertEqual(r.status, status, r.describe())
        self.assertTrue(r.header("Content-Type").startswith("application/problem+json"),
                        r.describe())
        if fields is not None:
            self.assertEqual(fields_of(r), sorted(fields), r.describe())
        if type_ is not None:
            self.assertEqual(r.json["type"], "/problems/" + type_, r.describe())

    def test_create_get_list_patch_delete(self):
        m = self.create(address="Sales.Team@ACME-Courier.test")
        self.assertEqual(m["address"], "sales.team@acme-courier.test")
        self.assertTrue(m["imap_password_set"])
        self.assertTrue(m["smtp_password_set"])
        self.assertEqual(m["inbound"], "imap")
        self.assertEqual(m["auto_ack_templates"]["hi"], {"subject": "आपका टिकट", "body": "धन्यवाद"})
        self.assertNotIn("imap_password", m)
        r = self.call("GET", "/api/v1/mailboxes/%d" % m["id"])
        self.assertEqual(r.status, 200)
        self.assertEqual(r.json["name"], m["name"])
        self.assertEqual(r.header("ETag").strip('W/"'), "1")
        names = [x["name"] for x in self.call("GET", "/api/v1/mailboxes").json["data"]]
        self.assertIn(m["name"], names)

        # PATCH: only what is sent changes; an absent password stays, "" clears.
        r = self.call("PATCH", "/api/v1/mailboxes/%d" % m["id"],
                      {"imap_poll_seconds": 120, "smtp_password": ""},
                      headers={"If-Match": '"1"'})
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual(r.json["imap_poll_seconds"], 120)
        self.assertTrue(r.json["imap_password_set"])
        self.assertFalse(r.json["smtp_password_set"])
        self.assertEqual(r.json["version"], 2)
        stale = self.call("PATCH", "/api/v1/mailboxes/%d" % m["id"], {"from_name": "X"},
                          headers={"If-Match": '"1"'})
        self.assert_problem(stale, 412, type_="precondition-failed")

        r = self.call("DELETE", "/api/v1/mailboxes/%d" % m["id"])
        self.assertEqual(r.status, 204, r.describe())
        self.assert_problem(self.call("GET", "/api/v1/mailboxes/%d" % m["id"]), 404)

    def test_agents_are_refused(self):
        m = self.create()
        for method, path, body in (
                ("GET", "/api/v1/mailboxes", None),
                ("POST", "/api/v1/mailboxes", mailbox_body()),
                ("GET", "/api/v1/mailboxes/%d" % m["id"], None),
                ("PATCH", "/api/v1/mailboxes/%d" % m["id"], {"from_name": "Agent was here"}),
                ("DELETE", "/api/v1/mailboxes/%d" % m["id"], None),
                ("POST", "/api/v1/mailboxes/%d/test-imap" % m["id"], None),
                ("POST", "/api/v1/mailboxes/%d/test-smtp" % m["id"], {"to": CUSTOMER}),
                ("POST", "/api/v1/mailboxes/%d/fetch-now" % m["id"], None)):
            r = self.call(method, path, body, client=self.agent)
            self.assert_problem(r, 403, type_="forbidden")
        self.assertEqual(self.call("GET", "/api/v1/mailboxes/%d" % m["id"]).json["from_name"],
                         "Acme Support")

    def test_bad_input_names_the_field(self):
        cases = [
            ({"name": ""}, ["name"]),
            ({"name": "n" * 65}, ["name"]),
            ({"address": "not an address"}, ["address"]),
            ({"from_name": "f" * 101}, ["from_name"]),
            ({"group_id": 987654}, ["group_id"]),
            ({"imap_port": 0}, ["imap_port"]),
            ({"smtp_port": 65536}, ["smtp_port"]),
            ({"imap_security": "ssl"}, ["imap_security"]),
            ({"smtp_security": 3}, ["smtp_security"]),
            ({"imap_after": "move"}, ["imap_move_to"]),
            ({"imap_poll_seconds": 5}, ["imap_poll_seconds"]),
            ({"imap_poll_seconds": 3601}, ["imap_poll_seconds"]),
            ({"auto_ack_templates": {"ta": {"subject": "s", "body": "b"}}},
             ["auto_ack_templates.ta"]),
            ({"auto_ack_templates": {"kn": {"subject": "s" * 201, "body": "b"}}},
             ["auto_ack_templates.kn.subject"]),
            ({"auto_ack_templates": {"en": {"subject": "s", "body": "b" * 5001}}},
             ["auto_ack_templates.en.body"]),
            ({"password": "x"}, ["password"]),
            ({"imap_port": "993", "address": "x"}, ["address", "imap_port"]),
        ]
        for over, fields in cases:
            with self.subTest(over=str(over)[:80]):
                r = self.call("POST", "/api/v1/mailboxes", mailbox_body(**over))
                self.assert_problem(r, 422, fields)
        self.assert_problem(self.call("POST", "/api/v1/mailboxes", ["not", "an", "object"]), 422)
        r = self.call("POST", "/api/v1/mailboxes", raw_body=b'{"name": ',
                      content_type="application/json")
        self.assert_problem(r, 400, type_="malformed-json")

    def test_taken_name_or_address_is_409_naming_it(self):
        m = self.create()
        r = self.call("POST", "/api/v1/mailboxes", mailbox_body(name=m["name"]))
        self.assert_problem(r, 409, ["name"], "already-exists")
        r = self.call("POST", "/api/v1/mailboxes", mailbox_body(address=m["address"].upper()))
        self.assert_problem(r, 409, ["address"], "already-exists")
        other = self.create()
        r = self.call("PATCH", "/api/v1/mailboxes/%d" % other["id"], {"address": m["address"]})
        self.assert_problem(r, 409, ["address"])

    def test_tests_and_fetch_without_servers_answer_in_words(self):
        lmtp = self.create(imap_host="", smtp_host="")
        r = self.call("POST", "/api/v1/mailboxes/%d/test-imap" % lmtp["id"])
        self.assert_problem(r, 422, ["imap_host"], "no-imap-server")
        self.assertIn("LMTP", r.json["detail"])
        r = self.call("POST", "/api/v1/mailboxes/%d/test-smtp" % lmtp["id"], {"to": CUSTOMER})
        self.assert_problem(r, 422, ["smtp_host"], "no-smtp-server")
        r = self.call("POST", "/api/v1/mailboxes/%d/fetch-now" % lmtp["id"])
        self.assert_problem(r, 422, ["imap_host"], "no-imap-server")
        m = self.create()
        r = self.call("POST", "/api/v1/mailboxes/%d/test-smtp" % m["id"], {"to": "nobody"})
        self.assert_problem(r, 422, ["to"])
        r = self.call("POST", "/api/v1/mailboxes/%d/test-smtp" % m["id"], {})
        self.assert_problem(r, 422, ["to"])
        r = self.call("POST", "/api/v1/mailboxes/999999/test-imap")
        self.assert_problem(r, 404)
        r = self.call("POST", "/api/v1/mailboxes/%d/fetch-now" % m["id"])
        if r.status == 503:  # until the IMAP fetchers run in this server
            self.assert_problem(r, 503, type_="fetching-not-running")
            self.assertEqual(r.json["detail"], "IMAP fetching is not running")
        else:
            self.assertEqual(r.status, 202, r.describe())

    def test_closed_port_answers_in_words_within_the_deadline(self):
        port = mailservers.free_ports(1)[0]
        m = self.create(imap_host="127.0.0.1", imap_port=port, imap_security="none",
                        smtp_host="127.0.0.1", smtp_port=port, smtp_security="none")
        for action, body in (("test-imap", None), ("test-smtp", {"to": CUSTOMER})):
            started = time.monotonic()
            r = self.call("POST", "/api/v1/mailboxes/%d/%s" % (m["id"], action), body)
            self.assertLess(time.monotonic() - started, 25)
            self.assertEqual(r.status, 200, r.describe())
            self.assertFalse(r.json["ok"])
            self.assertIn("127.0.0.1:%d" % port, r.json["error"])

    def test_zz_no_password_anywhere(self):
        # Runs last (alphabetically): every response so far, the audit log and the database.
        m = self.create()
        self.call("PATCH", "/api/v1/mailboxes/%d" % m["id"], {"imap_password": IMAP_SECRET + "2"})
        audit = self.call("GET", "/api/v1/audit-events?entity_type=mailbox&limit=100")
        self.assertEqual(audit.status, 200, audit.describe())
        actions = [e["action"] for e in audit.json["data"]]
        self.assertIn("mailbox.created", actions)
        self.assertIn("mailbox.updated", actions)
        updated = [e for e in audit.json["data"]
                   if e["action"] == "mailbox.updated" and e["entity_id"] == m["id"]]
        self.assertEqual(updated[0]["changes"].get("imap_password"), "changed")
        for raw in self.responses:
            for secret in (IMAP_SECRET, SMTP_SECRET):
                self.assertNotIn(secret.encode(), raw)
        self.server.stop()
        try:
            files = glob.glob(os.path.join(self.server.data_dir, "sahayak.db*"))
            self.assertTrue(files)
            for path in files:
                with open(path, "rb") as f:
                    data = f.read()
                for secret in (IMAP_SECRET, SMTP_SECRET, IMAP_SECRET + "2"):
                    self.assertNotIn(secret.encode(), data, path)
        finally:
            self.server.start()


UNAVAILABLE = mailservers.unavailable_reason(tls=True)


@unittest.skipIf(UNAVAILABLE, UNAVAILABLE or "")
class MailboxServersTest(unittest.TestCase):
    """test-imap and test-smtp against real Dovecot and Postfix (STARTTLS, self-signed
    certificate, so tls_verify is off)."""

    server = None
    mail = None

    @classmethod
    def setUpClass(cls):
        cls.mail = MailServers(tls=True).start()
        cls.server = harness.Server()
        cls.server.start()
        cls.admin = cls.server.bearer(cls.server.admin_token)

    @classmethod
    def tearDownClass(cls):
        if cls.server is not None:
            cls.server.cleanup()
        if cls.mail is not None:
            cls.mail.stop()

    def create(self, address, password, **over):
        body = {
            "name": harness.unique("box"),
            "address": address,
            "imap_host": "127.0.0.1", "imap_port": self.mail.imap_port,
            "imap_security": "starttls", "imap_username": address, "imap_password": password,
            "smtp_host": "127.0.0.1", "smtp_port": self.mail.smtp_port,
            "smtp_security": "starttls", "smtp_username": address, "smtp_password": password,
            "tls_verify": False,
        }
        body.update(over)
        # One address per workspace: a test that reuses one first deletes the earlier mailbox.
        for old in self.admin.get("/api/v1/mailboxes").json["data"]:
            if old["address"] == address:
                self.admin.delete("/api/v1/mailboxes/%d" % old["id"])
        r = self.admin.post("/api/v1/mailboxes", body)
        self.assertEqual(r.status, 201, r.describe())
        return r.json

    def post(self, path, body=None):
        r = self.admin.post(path, body)
        self.assertEqual(r.status, 200, r.describe())
        self.assertNotIn(self.mail.password(SUPPORT).encode(), r.raw)
        return r.json

    def test_imap_good_and_wrong_password(self):
        for i in range(2):
            m = EmailMessage(policy=policy.SMTP)
            m["From"] = CUSTOMER
            m["To"] = BILLING
            m["Subject"] = "Invoice %d" % i
            m["Message-ID"] = "<%s@example.in>" % harness.unique("inv")
            m.set_content("Please send the invoice.\n")
            self.mail.lmtp_deliver(CUSTOMER, BILLING, m)
        box = self.create(BILLING, self.mail.password(BILLING))
        out = self.post("/api/v1/mailboxes/%d/test-imap" % box["id"])
        self.assertEqual(out, {"ok": True, "messages_pending": 2})
        self.admin.patch("/api/v1/mailboxes/%d" % box["id"], {"imap_password": "wrong-password"})
        out = self.post("/api/v1/mailboxes/%d/test-imap" % box["id"])
        self.assertFalse(out["ok"])
        self.assertRegex(out["error"].lower(), r"auth|login")
        self.admin.patch("/api/v1/mailboxes/%d" % box["id"],
                         {"imap_password": self.mail.password(BILLING),
                          "imap_folder": "No Such Folder"})
        out = self.post("/api/v1/mailboxes/%d/test-imap" % box["id"])
        self.assertFalse(out["ok"])
        self.assertIn("No Such Folder", out["error"])

    def test_smtp_sends_a_test_mail(self):
        box = self.create(SUPPORT, self.mail.password(SUPPORT), from_name="Acme Support")
        out = self.post("/api/v1/mailboxes/%d/test-smtp" % box["id"], {"to": CUSTOMER})
        self.assertTrue(out["ok"], out)
        self.assertRegex(out["server_reply"], r"^250")
        msg = self.mail.wait_for_imap(
            CUSTOMER, predicate=lambda m: m["X-Sahayak-Test"] == "mailbox %d" % box["id"])
        self.assertEqual(msg["Auto-Submitted"], "auto-generated")
        self.assertIn(SUPPORT, msg["From"])
        self.assertIn("Acme Support", msg["From"])
        self.assertIn(box["name"], msg["Subject"])
        audit = self.admin.get("/api/v1/audit-events?entity_type=mailbox&entity_id=%d" % box["id"])
        sent = [e for e in audit.json["data"] if e["action"] == "mailbox.test_sent"]
        self.assertEqual(sent[0]["changes"]["to"], CUSTOMER)
        self.assertNotIn(self.mail.password(SUPPORT).encode(), audit.raw)

    def test_smtp_wrong_password_and_unknown_recipient_answer_in_words(self):
        box = self.create(SUPPORT, "wrong-password")
        out = self.post("/api/v1/mailboxes/%d/test-smtp" % box["id"], {"to": CUSTOMER})
        self.assertFalse(out["ok"])
        self.assertIn("535", out["error"])
        self.admin.patch("/api/v1/mailboxes/%d" % box["id"],
                         {"smtp_password": self.mail.password(SUPPORT)})
        out = self.post("/api/v1/mailboxes/%d/test-smtp" % box["id"],
                        {"to": "nobody@example.in"})
        self.assertFalse(out["ok"])
        self.assertIn("550", out["error"])


if __name__ == "__main__":
    unittest.main()
