"""The mail outbox against real Postfix and Dovecot: acknowledgements, agents' replies with
their threading headers and attachments, the customer's answer back on the ticket, retries
while the SMTP server is unreachable, dead letters and their retry, and kill -9 between
queueing and sending.

Sahayak runs as Postfix's pipe user (as in test_mail_servers.MailDeliverTest), so the pipe
domain's `mail-deliver` writes the same data folder `serve` uses. The mailbox is created
through the mailbox API with Postfix as its SMTP server (no TLS, no login: loopback)."""

import json
import os
import socket
import subprocess
import time
import unittest

import harness
import mailservers
from mailservers import PIPE_DOMAIN
from test_mail_servers import (build_message, display_name, mail_deliver_unavailable,
                               shared_servers, token)

UNAVAILABLE = mailservers.unavailable_reason()
SUPPORT = "support@" + PIPE_DOMAIN
CUSTOMER = "customer@example.in"


def closed_port():
    """A loopback port nothing listens on (connection refused: a temporary failure)."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def tearDownModule():
    import test_mail_servers
    test_mail_servers.tearDownModule()


@unittest.skipIf(UNAVAILABLE, UNAVAILABLE or "")
class MailOutboxTest(unittest.TestCase):
    maxDiff = None
    server = None

    @classmethod
    def setUpClass(cls):
        cls.skip_reason = mail_deliver_unavailable()
        if cls.skip_reason:
            return
        cls.mail = shared_servers()
        user = cls.mail.pipe_user
        home = os.path.join(cls.mail.root, "sahayak-outbox")
        data = os.path.join(home, "data")
        os.makedirs(data)
        for d in (home, data):
            os.chown(d, user.pw_uid, user.pw_gid)
        real = harness.binary_path()
        wrapper = mailservers.run_as(user.pw_name, real,
                                     os.path.join(cls.mail.root, "bin", "sahayak-outbox-as-pipe"))
        cls.old_bin = os.environ.get("SAHAYAK_BIN")
        # For `serve` and its restarts after kill -9.
        os.environ["SAHAYAK_BIN"] = wrapper
        env = {"SAHAYAK_MAIL_RETRY_BASE_MS": "200", "SAHAYAK_MAIL_OUTBOX_POLL_MS": "200",
               "SAHAYAK_MAIL_MAX_ATTEMPTS": "50"}
        cls.server = harness.Server(env=env, data_dir=data, create_users=False)
        os.chown(cls.server.base_dir, user.pw_uid, user.pw_gid)
        try:
            cls.server._create_users()
            cls.server.start()
        except BaseException:
            cls.server.cleanup()
            cls.server = None
            raise
        cls.mail.set_pipe_command([real, "--data", data, "mail-deliver"])
        cls.db_path = os.path.join(data, "sahayak.db")
        admin = cls.server.bearer(cls.server.admin_token)
        r = admin.post("/api/v1/mailboxes", {
            "name": "support", "address": SUPPORT, "from_name": "Acme Support",
            "smtp_host": "127.0.0.1", "smtp_port": cls.mail.smtp_port, "smtp_security": "none",
            "auto_ack": True})
        cls.mailbox_api = r.status != 503
        if cls.mailbox_api:
            assert r.status == 201, r.describe()
            cls.mailbox_id = r.json["id"]
        else:
            # The mailbox API is not wired into this build yet: the row goes straight into the
            # database, written as the user that owns it (the server runs as that user too).
            now = int(time.time() * 1000)
            cls.sql("INSERT INTO mailboxes (workspace_id, name, address, from_name, smtp_host, "
                    "smtp_port, smtp_security, auto_ack, created_at, updated_at) SELECT id, "
                    "'support', ?, 'Acme Support', '127.0.0.1', ?, 'none', 1, ?, ? FROM "
                    "workspaces ORDER BY id LIMIT 1", [SUPPORT, cls.mail.smtp_port, now, now])
            cls.mailbox_id = int(cls.sql("SELECT id FROM mailboxes WHERE address = ?",
                                         [SUPPORT]))

    @classmethod
    def sql(cls, statement, params):
        """Runs one statement on the server's database as its owner; returns the first
        column of the first row as text (or "")."""
        user = cls.mail.pipe_user
        script = ("import json, sqlite3, sys\n"
                  "c = sqlite3.connect(sys.argv[1], timeout=30)\n"
                  "r = c.execute(sys.argv[2], json.loads(sys.argv[3])).fetchone()\n"
                  "c.commit()\n"
                  "print(r[0] if r else '')\n")
        p = subprocess.run(["setpriv", "--reuid=%d" % user.pw_uid, "--regid=%d" % user.pw_gid,
                            "--clear-groups", "--", mailservers.SYSTEM_PYTHON, "-c", script,
                            cls.db_path, statement, json.dumps(params)],
                           capture_output=True, timeout=60)
        assert p.returncode == 0, p.stderr.decode("utf-8", "replace")
        return p.stdout.decode().strip()

    @classmethod
    def tearDownClass(cls):
        if cls.server is not None:
            cls.server.cleanup()
        if getattr(cls, "old_bin", None) is None:
            os.environ.pop("SAHAYAK_BIN", None)
        else:
            os.environ["SAHAYAK_BIN"] = cls.old_bin
        mail = getattr(cls, "mail", None)
        if mail is not None and mail.root:
            mail.set_pipe_command(mail.capture_command())

    def setUp(self):
        if self.skip_reason:
            self.skipTest(self.skip_reason)

    # --- helpers --------------------------------------------------------------------------

    def admin(self):
        return self.server.bearer(self.server.admin_token)

    def agent(self):
        return self.server.bearer(self.server.agent_token)

    def set_smtp_port(self, port):
        if not self.mailbox_api:
            self.sql("UPDATE mailboxes SET smtp_port = ?, version = version + 1, updated_at = ? "
                     "WHERE id = ?", [port, int(time.time() * 1000), self.mailbox_id])
            return
        r = self.admin().patch("/api/v1/mailboxes/%d" % self.mailbox_id, {"smtp_port": port})
        self.assertEqual(r.status, 200, r.describe())

    def deliver(self, sender, raw, message_id, rcpt=SUPPORT):
        self.assertEqual(self.mail.send(sender, rcpt, raw), {})
        d = self.mail.wait_for_delivery(message_id, rcpt, timeout=60)
        self.assertEqual(d["status"], "sent", "mail-deliver refused the message: %s\n%s"
                         % (d["line"], self.server.log_tail()))

    def wait_for_ticket(self, subject, timeout=30):
        deadline = time.monotonic() + timeout
        while True:
            found = [t for t in self.admin().list_all("/api/v1/tickets")
                     if t["subject"] == subject]
            if found:
                return found[0]
            if time.monotonic() > deadline:
                self.fail("no ticket %r\n%s" % (subject, self.server.log_tail()))
            time.sleep(0.2)

    def outbox(self, state=""):
        path = "/api/v1/mail/outbox" + ("?state=" + state if state else "")
        return self.admin().list_all(path)

    def wait_for_outbox(self, predicate, what, timeout=60):
        deadline = time.monotonic() + timeout
        while True:
            items = [i for i in self.outbox() if predicate(i)]
            if items:
                return items[0]
            if time.monotonic() > deadline:
                self.fail("no outbox item: %s\n%s\n%s" % (what, self.outbox(),
                                                          self.server.log_tail()))
            time.sleep(0.2)

    def in_dovecot(self, address, message_id):
        return [raw for _, raw in self.mail.fetch_all(address)
                if ("<%s>" % message_id).encode() in raw.split(b"\r\n\r\n", 1)[0]]

    def wait_in_dovecot(self, address, message_id, timeout=60):
        mid = "<%s>" % message_id
        return self.mail.wait_for_imap(address, predicate=lambda m: m["Message-ID"] == mid,
                                       timeout=timeout)

    def customer_mail(self, subject, body, message_id, sender=CUSTOMER, name="प्रिया शर्मा",
                      to=SUPPORT, extra=()):
        return build_message(display_name(name, sender), "Acme Support <%s>" % to, subject,
                             body, message_id, extra)

    # --- tests ----------------------------------------------------------------------------

    def test_ack_reply_and_answer_round_trip(self):
        t = token()
        subject = "पार्सल नहीं मिला — AWB %s" % t
        mid = "%s.first@example.in" % t
        self.deliver(CUSTOMER, self.customer_mail(
            subject, "नमस्ते,\nमेरा पार्सल AWB %s अभी तक नहीं आया।\n" % t, "<%s>" % mid), "<%s>" % mid)
        ticket = self.wait_for_ticket(subject)
        n = ticket["number"]

        # The acknowledgement, in Hindi, threaded to the customer's mail.
        ack = self.wait_for_outbox(lambda i: i["ticket_id"] == ticket["id"] and
                                   i["kind"] == "auto_ack" and i["state"] == "sent",
                                   "the acknowledgement sent")
        msg = self.wait_in_dovecot(CUSTOMER, ack["message_id"])
        self.assertEqual(msg["Subject"], "Re: %s [#%d]" % (subject, n))
        self.assertEqual(msg["In-Reply-To"], "<%s>" % mid)
        self.assertEqual(msg["Auto-Submitted"], "auto-replied")
        self.assertIn("support+t%d@%s" % (n, PIPE_DOMAIN), msg["Reply-To"])
        text = msg.get_body(("plain",)).get_content()
        self.assertIn("नमस्ते प्रिया शर्मा", text)
        self.assertIn("#%d" % n, text)

        # An agent's reply with an attachment, through the API.
        up = self.agent().upload("रसीद.pdf", b"%PDF-1.4\n% receipt\n", "application/pdf")
        self.assertEqual(up.status, 201, up)
        r = self.agent().post("/api/v1/tickets/%d/messages" % ticket["id"], {
            "body": "आपका पार्सल आज पुणे से निकल गया है।", "attachment_ids": [up.json["id"]]})
        self.assertEqual(r.status, 201, r)
        reply = self.wait_for_outbox(lambda i: i["message_row_id"] == r.json["id"] and
                                     i["state"] == "sent", "the agent's reply sent")
        self.assertEqual(reply["kind"], "reply")
        self.assertEqual(reply["subject"], "Re: %s [#%d]" % (subject, n))
        msg = self.wait_in_dovecot(CUSTOMER, reply["message_id"])
        self.assertEqual(msg["Subject"], "Re: %s [#%d]" % (subject, n))
        self.assertIn("ರವಿ Agent", msg["From"])
        self.assertIn("Acme Support", msg["From"])
        self.assertIn(SUPPORT, msg["From"])
        self.assertIn("support+t%d@%s" % (n, PIPE_DOMAIN), msg["Reply-To"])
        self.assertEqual(msg["In-Reply-To"], "<%s>" % mid)
        self.assertEqual(msg["References"].split(), ["<%s>" % mid, "<%s>" % ack["message_id"]])
        self.assertIsNone(msg["Auto-Submitted"])
        names = [p.get_filename() for p in msg.iter_attachments()]
        self.assertEqual(names, ["रसीद.pdf"])
        self.assertIn("पुणे", msg.get_body(("plain",)).get_content())

        # The customer answers the reply: it lands on the same ticket.
        answer_mid = "%s.answer@example.in" % t
        self.deliver(CUSTOMER, self.customer_mail(
            "Re: Re: %s [#%d]" % (subject, n), "धन्यवाद!\n", "<%s>" % answer_mid,
            to="support+t%d@%s" % (n, PIPE_DOMAIN),
            extra=["In-Reply-To: <%s>" % reply["message_id"],
                   "References: <%s> <%s>" % (mid, reply["message_id"])]),
            "<%s>" % answer_mid, rcpt="support+t%d@%s" % (n, PIPE_DOMAIN))
        deadline = time.monotonic() + 30
        while True:
            msgs = self.admin().list_all("/api/v1/tickets/%d/messages" % ticket["id"])
            if any("धन्यवाद" in (m.get("body") or "") for m in msgs):
                break
            self.assertLess(time.monotonic(), deadline, msgs)
            time.sleep(0.2)
        # A reply on an existing ticket is not acknowledged again.
        acks = [i for i in self.outbox() if i["ticket_id"] == ticket["id"] and
                i["kind"] == "auto_ack"]
        self.assertEqual(len(acks), 1, acks)

    def test_smtp_down_then_back_and_kill9_sends_exactly_once(self):
        t = token()
        subject = "Wrong invoice %s" % t
        mid = "%s.inv@example.in" % t
        self.set_smtp_port(closed_port())
        try:
            self.deliver(CUSTOMER, self.customer_mail(subject, "Invoice %s is wrong.\n" % t,
                                                      "<%s>" % mid, name="Priya Sharma"),
                         "<%s>" % mid)
            ticket = self.wait_for_ticket(subject)
            r = self.agent().post("/api/v1/tickets/%d/messages" % ticket["id"],
                                  {"body": "We will correct invoice %s." % t})
            self.assertEqual(r.status, 201, r)
            # attempts counts claims, so a third try may be under way ("sending"); wait
            # until the mail is back in the queue after at least two failures.
            item = self.wait_for_outbox(
                lambda i: i["message_row_id"] == r.json["id"] and i["attempts"] >= 2 and
                i["state"] == "queued", "two failed attempts")
            self.assertIn("127.0.0.1", item["last_error"])
            # Killed while the mail waits; nothing is lost.
            self.server.kill9()
            self.server.start()
        finally:
            self.set_smtp_port(self.mail.smtp_port)
        sent = self.wait_for_outbox(lambda i: i["message_row_id"] == r.json["id"] and
                                    i["state"] == "sent", "the reply sent after SMTP came back")
        self.assertEqual(sent["message_id"], item["message_id"], "the same Message-ID")
        self.assertEqual(sent["last_error"], "")
        self.wait_in_dovecot(CUSTOMER, sent["message_id"])
        time.sleep(2)  # long enough for a duplicate to arrive, were one sent
        self.assertEqual(len(self.in_dovecot(CUSTOMER, sent["message_id"])), 1)

    def test_refused_recipient_is_a_dead_letter_admins_can_retry(self):
        t = token()
        ghost = "ghost-%s@example.in" % t  # Postfix refuses unknown mailboxes at RCPT
        subject = "Where is my order %s" % t
        mid = "%s.ghost@example.in" % t
        self.deliver(ghost, self.customer_mail(subject, "Order %s?\n" % t, "<%s>" % mid,
                                               sender=ghost, name="Ghost"), "<%s>" % mid)
        ticket = self.wait_for_ticket(subject)
        dead = self.wait_for_outbox(lambda i: i["ticket_id"] == ticket["id"] and
                                    i["state"] == "dead", "the acknowledgement dead")
        self.assertEqual(dead["to"], ghost)
        self.assertEqual(dead["attempts"], 1, "a permanent refusal is not retried")
        self.assertIn("550", dead["last_error"])
        self.assertIn(dead["id"], [i["id"] for i in self.outbox("dead")])
        self.assertNotIn(dead["id"], [i["id"] for i in self.outbox("sent")])
        # The contact shows the bounce.
        contact = self.admin().get("/api/v1/contacts/%d" % ticket["requester"]["id"]).json
        self.assertIn(ghost, contact.get("email_bouncing", {}), contact)
        # Only admins see or retry the outbox.
        self.assertEqual(self.agent().get("/api/v1/mail/outbox").status, 403)
        self.assertEqual(self.agent().post("/api/v1/mail/outbox/%d/retry" % dead["id"]).status,
                         403)
        r = self.admin().post("/api/v1/mail/outbox/%d/retry" % dead["id"])
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["state"], "queued")
        self.assertEqual(r.json["attempts"], 0)
        again = self.wait_for_outbox(lambda i: i["id"] == dead["id"] and i["state"] == "dead"
                                     and i["attempts"] == 1, "dead again after the retry")
        self.assertIn("550", again["last_error"])
        # A sent mail cannot be retried; an unknown one is 404; a bad state is 422.
        r = self.admin().post("/api/v1/mail/outbox/999999/retry")
        self.assertEqual(r.status, 404, r)
        self.assertIn("problem+json", r.headers.get("content-type") or "")
        r = self.admin().get("/api/v1/mail/outbox?state=lost")
        self.assertEqual(r.status, 422, r)
        sent = self.outbox("sent")
        if sent:
            r = self.admin().post("/api/v1/mail/outbox/%d/retry" % sent[0]["id"])
            self.assertEqual(r.status, 422, r)


if __name__ == "__main__":
    unittest.main()
