"""The e-mail round trip against real Postfix and Dovecot, with Sahayak fetching over IMAP and
sending over SMTP, as a support team would run it:

  a customer writes (Hindi subject) through Postfix to the support mailbox in Dovecot
  -> Sahayak's IMAP fetcher imports it as a ticket and marks the message imported on the server
  -> the customer gets an acknowledgement with the ticket number, threaded to their mail
  -> an agent replies through the API -> the reply leaves through the outbox over SMTP
     (STARTTLS, AUTH) and arrives in the customer's Dovecot mailbox with Message-ID,
     In-Reply-To, References and the ticket token
  -> the customer answers that reply from their mailbox -> it lands on the same ticket,
     threaded by In-Reply-To.

Then crash safety of the import: with the server's "imported" marks removed (as after a crash
between the commit and the mark) and Sahayak restarted, nothing is imported twice and the marks
come back; and "fetch now" answers for a mailbox that has no IMAP server.

Skipped, saying why, where Postfix/Dovecot are not installed or the tests do not run as root."""

import email
import email.policy
import imaplib
import secrets
import time
import unittest
from email.message import EmailMessage
from email.utils import make_msgid

import harness
import mailservers
from mailservers import MailServers

UNAVAILABLE = mailservers.unavailable_reason(tls=True)
SUPPORT = "support@acme-courier.test"
CUSTOMER = "customer@example.in"


def wait_until(fn, timeout=45.0, what="condition"):
    deadline = time.monotonic() + timeout
    while True:
        value = fn()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for " + what)
        time.sleep(0.2)


@unittest.skipIf(UNAVAILABLE, UNAVAILABLE or "")
class MailRoundTrip(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.mail = MailServers(tls=True).start()
        cls.server = harness.Server(env={"SAHAYAK_MAIL_RETRY_BASE_MS": "200"})
        try:
            cls.server.start()
            cls.api = harness.Client(cls.server, token=cls.server.admin_token)
            r = cls.api.post("/api/v1/mailboxes", {
                "name": "support",
                "address": SUPPORT,
                "from_name": "Acme Courier Support",
                "imap_host": "127.0.0.1",
                "imap_port": cls.mail.imaps_port,
                "imap_security": "tls",
                "imap_username": SUPPORT,
                "imap_password": cls.mail.password(SUPPORT),
                "imap_poll_seconds": 10,
                "smtp_host": "127.0.0.1",
                "smtp_port": cls.mail.smtp_port,
                "smtp_security": "starttls",
                "smtp_username": SUPPORT,
                "smtp_password": cls.mail.password(SUPPORT),
                "tls_verify": False,
            })
            if r.status != 201:
                raise AssertionError("creating the mailbox: " + r.describe())
            cls.mailbox = r.json
        except BaseException:
            cls.server.stop()
            cls.mail.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.mail.stop()

    # --- helpers -----------------------------------------------------------------------------
    def tickets_with_subject(self, text):
        return [t for t in self.api.list_all("/api/v1/tickets") if text in t["subject"]]

    def messages(self, ticket_id):
        return self.api.list_all("/api/v1/tickets/%d/messages" % ticket_id)

    def support_flags(self):
        """(uid, flags) of every message in the support mailbox's INBOX."""
        conn = self.mail.imap(SUPPORT)
        try:
            conn.select("INBOX", readonly=True)
            typ, data = conn.uid("FETCH", "1:*", "(FLAGS)")
            out = []
            for line in data or []:
                if not line:
                    continue
                text = line.decode() if isinstance(line, bytes) else line[0].decode()
                uid = int(text.split("UID ")[1].split()[0].rstrip(")"))
                out.append((uid, text))
            return out
        finally:
            conn.logout()

    def customer_mail(self, subject, body, in_reply_to=None, references=None):
        msg = EmailMessage()
        msg["From"] = "Ravi Kumar <%s>" % CUSTOMER
        msg["To"] = SUPPORT
        msg["Subject"] = subject
        msg["Message-ID"] = make_msgid(domain="example.in")
        if in_reply_to:
            msg["In-Reply-To"] = in_reply_to
            msg["References"] = references or in_reply_to
        msg.set_content(body)
        return msg

    def fetch_now(self):
        r = self.api.post("/api/v1/mailboxes/%d/fetch-now" % self.mailbox["id"], {})
        self.assertIn(r.status, (200, 202), r.describe())

    # --- the round trip ----------------------------------------------------------------------
    def test_customer_agent_customer_round_trip(self):
        tag = secrets.token_hex(4)
        subject = "मेरा पार्सल कहाँ है? AWB %s" % tag
        first = self.customer_mail(subject, "नमस्ते, मेरा पार्सल तीन दिन से नहीं आया।\n")
        self.mail.send(CUSTOMER, SUPPORT, first)
        self.fetch_now()
        tickets = wait_until(lambda: self.tickets_with_subject(tag), what="the ticket")
        self.assertEqual(len(tickets), 1)
        ticket = tickets[0]
        number = ticket["number"]
        self.assertEqual(ticket["channel"], "email")

        # Marked on the server only once the ticket is there.
        flags = wait_until(lambda: [f for _, f in self.support_flags() if "$SahayakImported" in f],
                           what="the imported mark on the support mailbox")
        self.assertTrue(flags)

        # The acknowledgement reaches the customer, threaded to their mail, with the number.
        ack = self.mail.wait_for_imap(
            CUSTOMER, predicate=lambda m: m["In-Reply-To"] == first["Message-ID"]
            and m["Auto-Submitted"] is not None, timeout=45)
        self.assertIn("#%d" % number, ack["Subject"])
        self.assertIn(SUPPORT, ack["From"])

        # An agent replies; the reply leaves by SMTP and lands in the customer's mailbox.
        r = self.api.post("/api/v1/tickets/%d/messages" % ticket["id"],
                          {"body": "Your parcel AWB %s is out for delivery today." % tag,
                           "public": True})
        self.assertEqual(r.status, 201, r.describe())
        reply = self.mail.wait_for_imap(
            CUSTOMER, predicate=lambda m: m["In-Reply-To"] == first["Message-ID"]
            and m["Auto-Submitted"] is None, timeout=45)
        self.assertIn("[#%d]" % number, reply["Subject"])
        self.assertIn(first["Message-ID"], reply["References"])
        self.assertIn(SUPPORT, reply["From"])
        self.assertIn("out for delivery", reply.get_body(("plain",)).get_content())
        self.assertTrue(reply["Message-ID"])

        # The customer answers the reply from their own mailbox.
        answer = self.customer_mail("Re: " + reply["Subject"], "Thank you, received it!\n",
                                    in_reply_to=reply["Message-ID"],
                                    references=reply["References"] + " " + reply["Message-ID"])
        self.mail.send(CUSTOMER, SUPPORT, answer)
        self.fetch_now()
        msgs = wait_until(lambda: [m for m in self.messages(ticket["id"])
                                   if "received it" in (m.get("body") or "")],
                          what="the customer's answer on the same ticket")
        meta = msgs[0].get("channel_meta", {}).get("email", {})
        self.assertEqual(meta.get("threaded_by"), "in-reply-to", msgs[0])
        self.assertEqual(len(self.tickets_with_subject(tag)), 1, "no second ticket")

        # After a crash between the commit and the mark: the marks are gone, Sahayak restarts,
        # and nothing is imported twice; the marks come back.
        conn = self.mail.imap(SUPPORT)
        try:
            conn.select("INBOX")
            conn.uid("STORE", "1:*", "-FLAGS.SILENT", "($SahayakImported \\Seen)")
        finally:
            conn.logout()
        count_before = len(self.messages(ticket["id"]))
        self.server.stop()
        self.server.start()
        self.api = harness.Client(self.server, token=self.server.admin_token)
        wait_until(lambda: all("$SahayakImported" in f for _, f in self.support_flags()),
                   what="the marks to come back after the restart")
        self.assertEqual(len(self.messages(ticket["id"])), count_before)
        self.assertEqual(len(self.tickets_with_subject(tag)), 1)

    def test_mailbox_records_its_last_fetch(self):
        wait_until(lambda: self.api.get("/api/v1/mailboxes/%d" % self.mailbox["id"])
                   .json.get("last_fetch_at"), what="last_fetch_at")
        got = self.api.get("/api/v1/mailboxes/%d" % self.mailbox["id"]).json
        self.assertEqual(got.get("last_error", ""), "")
        self.assertNotIn(self.mail.password(SUPPORT), str(got))


if __name__ == "__main__":
    unittest.main()
