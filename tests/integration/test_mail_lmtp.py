"""The LMTP listener of `sahayak serve` (mail.lmtp_listen / SAHAYAK_LMTP_LISTEN): mail spoken
straight over LMTP becomes a ticket visible in the REST API, a re-delivery of the same
Message-ID is not duplicated, every accepted recipient gets its own reply after DATA, bad
input never brings the server down, and real Postfix delivers into it through a transport map
entry (`lmtp:inet:127.0.0.1:PORT`)."""

import secrets
import smtplib
import socket
import time
import unittest
from email import policy
from email.message import EmailMessage

import harness
import mailservers


def message_id():
    return "<%s@mail.example.in>" % secrets.token_hex(8)


def customer_mail(subject, mid, to="support@sahayak.test", sender="priya@example.in"):
    m = EmailMessage(policy=policy.SMTP)
    m["From"] = "Priya <%s>" % sender
    m["To"] = to
    m["Subject"] = subject
    m["Message-ID"] = mid
    m["Date"] = "Wed, 02 Dec 2026 10:00:00 +0530"
    m.set_content("मेरा पार्सल नहीं आया।\n.a line starting with a dot\n.\nend\n")
    return m.as_bytes()


class RawLmtp:
    """A bare LMTP client: send bytes, read whole replies (multi-line ones too)."""

    def __init__(self, port, timeout=20):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        self.buf = b""

    def line(self):
        while b"\n" not in self.buf:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("closed; had %r" % self.buf)
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return line.rstrip(b"\r").decode("utf-8", "replace")

    def reply(self):
        lines = [self.line()]
        while len(lines[-1]) > 3 and lines[-1][3] == "-":
            lines.append(self.line())
        return lines

    def send(self, data):
        self.sock.sendall(data if isinstance(data, bytes) else data.encode())

    def close(self):
        self.sock.close()


class LmtpDirectTest(unittest.TestCase):
    server = None

    @classmethod
    def setUpClass(cls):
        cls.port = mailservers.free_ports(1)[0]
        cls.server = harness.Server(env={"SAHAYAK_LMTP_LISTEN": "127.0.0.1:%d" % cls.port})
        cls.server.start()
        cls.api = cls.server.bearer(cls.server.admin_token)

    @classmethod
    def tearDownClass(cls):
        if cls.server is not None:
            cls.server.cleanup()

    def tickets_with_subject(self, subject):
        return [t for t in self.api.list_all("/api/v1/tickets") if t["subject"] == subject]

    def session(self):
        c = RawLmtp(self.port)
        self.assertTrue(c.reply()[0].startswith("220 "))
        c.send("LHLO client.test\r\n")
        caps = c.reply()
        self.assertEqual(caps[0][:4], "250-")
        return c, caps

    def test_smtplib_lmtp_creates_a_ticket_and_redelivery_is_not_duplicated(self):
        subject = "LMTP parcel %s" % secrets.token_hex(4)
        mid = message_id()
        raw = customer_mail(subject, mid)
        with smtplib.LMTP("127.0.0.1", self.port, local_hostname="client.test") as s:
            self.assertEqual(s.sendmail("priya@example.in", ["support@sahayak.test"], raw), {})
        found = self.tickets_with_subject(subject)
        self.assertEqual(len(found), 1, self.server.log_tail())
        msgs = self.api.list_all("/api/v1/tickets/%d/messages" % found[0]["id"])
        self.assertEqual(len(msgs), 1)
        # dot-unstuffed: the body's own ".a line" and "." lines arrive as the customer wrote
        self.assertIn(".a line starting with a dot", str(msgs[0]), msgs[0])
        # the same Message-ID again (as after a lost reply): acknowledged, not duplicated
        c, _ = self.session()
        c.send("MAIL FROM:<priya@example.in>\r\nRCPT TO:<support@sahayak.test>\r\nDATA\r\n")
        self.assertEqual(c.reply()[0][:3], "250")
        self.assertEqual(c.reply()[0][:3], "250")
        self.assertEqual(c.reply()[0][:3], "354")
        body = raw.replace(b"\n.", b"\n..")
        c.send(body + (b"" if body.endswith(b"\r\n") else b"\r\n") + b".\r\n")
        r = c.reply()[0]
        self.assertTrue(r.startswith("250 2.0.0 "), r)
        self.assertIn("duplicate", r)
        c.send("QUIT\r\n")
        self.assertTrue(c.reply()[0].startswith("221"))
        c.close()
        self.assertEqual(len(self.tickets_with_subject(subject)), 1)

    def test_capabilities_and_one_reply_per_recipient(self):
        c, caps = self.session()
        for cap in ("PIPELINING", "ENHANCEDSTATUSCODES", "8BITMIME"):
            self.assertIn("250-" + cap, caps)
        self.assertTrue(caps[-1].startswith("250 SIZE "), caps)
        subject = "Two recipients %s" % secrets.token_hex(4)
        raw = customer_mail(subject, message_id()).replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        # pipelined: everything in one write
        c.send(b"MAIL FROM:<priya@example.in> SIZE=%d\r\nRCPT TO:<support@sahayak.test>\r\n"
               b"RCPT TO:<billing@sahayak.test>\r\nDATA\r\n" % len(raw)
               + raw.replace(b"\r\n.", b"\r\n..") + b".\r\nNOOP\r\n")
        self.assertEqual([c.reply()[0][:3] for _ in range(4)], ["250", "250", "250", "354"])
        first, second = c.reply()[0], c.reply()[0]
        self.assertTrue(first.startswith("250 2.0.0 <support@sahayak.test> ticket #"), first)
        self.assertTrue(second.startswith("250 2.0.0 <billing@sahayak.test>"), second)
        self.assertEqual(c.reply()[0], "250 2.0.0 OK")
        c.close()
        self.assertEqual(len(self.tickets_with_subject(subject)), 1)

    def test_limits_and_sequence_errors(self):
        c, _ = self.session()
        c.send("RCPT TO:<a@b.c>\r\n")
        self.assertTrue(c.reply()[0].startswith("503 5.5.1"))
        c.send("MAIL FROM:<a@b.c> SIZE=999999999999\r\n")
        self.assertTrue(c.reply()[0].startswith("552 5.3.4"))
        c.send("X" * 5000 + "\r\n")
        self.assertTrue(c.reply()[0].startswith("500 5.5.2"))
        c.send("FROB\r\n")
        self.assertTrue(c.reply()[0].startswith("500 5.5.1"))
        c.send("VRFY someone\r\n")
        self.assertTrue(c.reply()[0].startswith("252"))
        c.send("RSET\r\nNOOP\r\nQUIT\r\n")
        self.assertEqual([c.reply()[0][:3] for _ in range(3)], ["250", "250", "221"])
        c.close()

    def test_malformed_sessions_never_crash_the_server(self):
        junk = [
            b"\x00\xff\xfe garbage\r\n" * 50,
            b"LHLO\r\nMAIL FROM:\r\nRCPT TO:<>\r\nDATA\r\n",
            b"LHLO x\r\nMAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\n" + b"\x00\x01" * 5000
            + b"\r\n.\r\n",
            b"LHLO x\r\nMAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\n" + b"y" * 300000,  # cut off
            b"LHLO x\r\nMAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\n\r\n.\r\n",  # empty mail
            b"LHLO x\r\nMAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\nnot: [mail\r\n\x80\r\n.\r\n",
            b"\r\n" * 1000,
            b"A" * 200000,
        ]
        for data in junk:
            c = RawLmtp(self.port, timeout=10)
            c.reply()
            try:
                c.send(data)
                c.sock.settimeout(0.5)
                try:
                    while c.sock.recv(65536):
                        pass
                except (socket.timeout, ConnectionError):
                    pass
            finally:
                c.close()
        # data that is mail-ish but broken is answered per recipient, never with a crash
        c, _ = self.session()
        c.send("MAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\n")
        self.assertEqual([c.reply()[0][:3] for _ in range(3)], ["250", "250", "354"])
        c.send("\x00\x00\r\n.\r\n")
        code = c.reply()[0][:1]
        self.assertIn(code, ("2", "5"))
        c.send("NOOP\r\n")
        self.assertEqual(c.reply()[0], "250 2.0.0 OK")
        c.close()
        self.assertIsNone(self.server.proc.poll(), self.server.log_tail())
        self.assertEqual(self.api.get("/api/v1/tickets?limit=1").status, 200)


POSTFIX_UNAVAILABLE = mailservers.unavailable_reason()
LMTP_DOMAIN = "lmtp.acme-courier.test"


@unittest.skipIf(POSTFIX_UNAVAILABLE, POSTFIX_UNAVAILABLE or "")
class LmtpThroughPostfixTest(unittest.TestCase):
    """Customer -> Postfix (transport map: LMTP_DOMAIN -> lmtp:inet:127.0.0.1:PORT) ->
    Sahayak's LMTP listener -> ticket in the API."""

    server = None
    mail = None

    @classmethod
    def setUpClass(cls):
        cls.port = mailservers.free_ports(1)[0]
        cls.server = harness.Server(env={"SAHAYAK_LMTP_LISTEN": "127.0.0.1:%d" % cls.port})
        try:
            cls.server.start()
            cls.mail = mailservers.MailServers(lmtp_transport=(LMTP_DOMAIN, cls.port)).start()
        except BaseException:
            cls.server.cleanup()
            raise

    @classmethod
    def tearDownClass(cls):
        if cls.mail is not None:
            cls.mail.stop()
        if cls.server is not None:
            cls.server.cleanup()

    def test_customer_mail_through_postfix_becomes_a_ticket(self):
        api = self.server.bearer(self.server.admin_token)
        subject = "Via Postfix LMTP %s" % secrets.token_hex(4)
        mid = message_id()
        rcpt = "support@" + LMTP_DOMAIN
        raw = customer_mail(subject, mid, to="Acme Support <%s>" % rcpt,
                            sender="customer@example.in")
        self.assertEqual(self.mail.send("customer@example.in", rcpt, raw), {})
        d = self.mail.wait_for_delivery(mid, rcpt, timeout=60)
        self.assertEqual(d["status"], "sent", "%s\n%s" % (d["line"], self.server.log_tail()))
        deadline = time.monotonic() + 20
        while True:
            found = [t for t in api.list_all("/api/v1/tickets") if t["subject"] == subject]
            if found or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        self.assertEqual(len(found), 1, self.server.log_tail())


if __name__ == "__main__":
    unittest.main()
