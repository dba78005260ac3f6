"""Real mail servers: Postfix and Dovecot started by mailservers.py on loopback.

- SMTP into Postfix, LMTP into Dovecot, read back over IMAP with every header intact (RFC 2047
  Hindi and Kannada subjects, byte for byte);
- Postfix's pipe transport for the Sahayak domain: the command gets the message on stdin as an
  unprivileged user; its exit status decides delivered, deferred (75, retried) or bounced;
- the full path, when the binary under test has `sahayak mail-deliver`: a customer's mail sent
  through Postfix becomes a ticket visible through the REST API; the same mail delivered again
  adds nothing, and the customer's reply lands on the same ticket;
- STARTTLS (SMTP, IMAP) and IMAPS with a self-signed certificate.

Skipped, saying why, where Postfix/Dovecot are not installed or the tests do not run as root."""

import base64
import contextlib
import imaplib
import os
import re
import secrets
import smtplib
import ssl
import subprocess
import time
import unittest

import harness
import mailservers
from mailservers import PIPE_DOMAIN, MailServers

UNAVAILABLE = mailservers.unavailable_reason()
UNAVAILABLE_TLS = mailservers.unavailable_reason(tls=True)
CRLF = "\r\n"

_shared = {}


def shared_servers():
    """One Postfix + Dovecot pair for the plain (no TLS) tests of this module."""
    if "error" in _shared:
        raise _shared["error"]
    if "mail" not in _shared:
        try:
            _shared["mail"] = MailServers().start()
        except Exception as e:  # noqa: BLE001 - reported by every test that needs them
            _shared["error"] = e
            raise
    return _shared["mail"]


def tearDownModule():
    mail = _shared.pop("mail", None)
    if mail is not None:
        mail.stop()


def encoded_words(text, charset="UTF-8"):
    """`text` as RFC 2047 B-encoded words of at most 75 characters, folded with CRLF SP,
    each word holding whole characters."""
    words, chunk = [], ""
    for ch in text:
        if len((chunk + ch).encode(charset)) > 45:  # 45 bytes -> 60 base64 chars + 12
            words.append(chunk)
            chunk = ""
        chunk += ch
    if chunk:
        words.append(chunk)
    return (CRLF + " ").join("=?%s?B?%s?=" % (charset, base64.b64encode(w.encode(charset))
                                              .decode("ascii")) for w in words)


def token():
    return secrets.token_hex(6)


def build_message(from_, to, subject, body, message_id, extra=()):
    """A raw RFC 5322 message (CRLF), subject RFC 2047 encoded, body 8-bit UTF-8 text."""
    headers = [
        "From: " + from_,
        "To: " + to,
        "Subject: " + encoded_words(subject),
        "Date: " + time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime()),
        "Message-ID: " + message_id,
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=UTF-8; format=flowed",
        "Content-Transfer-Encoding: 8bit",
    ] + list(extra)
    text = CRLF.join(headers) + CRLF + CRLF + body.replace("\n", CRLF)
    return text.encode("utf-8")


def header_fields(raw):
    """The header section as a list of whole fields (with their folding), CRLF or LF."""
    head = re.split(rb"\r?\n\r?\n", raw, maxsplit=1)[0]
    fields = []
    for line in re.split(rb"\r?\n", head):
        if line[:1] in (b" ", b"\t") and fields:
            fields[-1] += b"\r\n" + line
        else:
            fields.append(line)
    return fields


def field(raw, name):
    """All occurrences of header `name` (bytes, folding kept)."""
    prefix = name.lower().encode("ascii") + b":"
    return [f for f in header_fields(raw) if f.lower().startswith(prefix)]


def display_name(name, address):
    return "%s <%s>" % (encoded_words(name), address)


@unittest.skipIf(UNAVAILABLE, UNAVAILABLE or "")
class PostfixDovecotTest(unittest.TestCase):
    """Mail into Postfix and Dovecot and back out over IMAP."""

    maxDiff = None

    @classmethod
    def setUpClass(cls):
        cls.mail = shared_servers()

    def assert_headers_kept(self, sent, received):
        got = header_fields(received)
        for f in header_fields(sent):
            self.assertIn(f, got, "header changed or lost on the way: %r" % f)

    def test_postfix_to_dovecot_keeps_headers_and_hindi_subject(self):
        t = token()
        subject = "आपका पार्सल कल सुबह तक पहुँच जाएगा — ऑर्डर %s" % t
        body = "नमस्ते प्रिया जी,\nआपका पार्सल कल सुबह तक पहुँच जाएगा।\n-- \nAcme Courier\n"
        mid = "<%s.reply@acme-courier.test>" % t
        raw = build_message(display_name("एक्मे सहायता", "support@acme-courier.test"),
                            display_name("प्रिया शर्मा", "customer@example.in"),
                            subject, body, mid, ["X-Sahayak-Test: " + t])
        refused = self.mail.send("support@acme-courier.test", "customer@example.in", raw)
        self.assertEqual(refused, {})
        msg = self.mail.wait_for_imap("customer@example.in",
                                      predicate=lambda m: m["Message-ID"] == mid)
        # Every header arrives byte for byte (the folded encoded words too) ...
        self.assert_headers_kept(raw, msg.raw)
        self.assertEqual(len(field(msg.raw, "Subject")), 1)
        # ... and decodes to the same Hindi text.
        self.assertEqual(str(msg["Subject"]), subject)
        self.assertEqual(msg["From"].addresses[0].display_name, "एक्मे सहायता")
        self.assertEqual(msg.get_content().replace("\r\n", "\n"), body)
        # It really went through both servers.
        received = [str(h) for h in msg.get_all("Received")]
        self.assertTrue(any("by mx.test (Postfix)" in r for r in received), received)
        self.assertEqual(str(msg["Return-Path"]), "<support@acme-courier.test>")
        self.assertEqual(str(msg["Delivered-To"]), "customer@example.in")
        self.mail.wait_for_queue_empty()

    def test_lmtp_straight_into_dovecot(self):
        t = token()
        subject = "ಪಾರ್ಸೆಲ್ ಇನ್ನೂ ಬಂದಿಲ್ಲ %s" % t
        mid = "<%s.lmtp@example.in>" % t
        raw = build_message(display_name("ರವಿ ಕುಮಾರ್", "ravi.kumar@example.in"),
                            "support@acme-courier.test", subject,
                            "ನಮಸ್ಕಾರ,\nನನ್ನ ಪಾರ್ಸೆಲ್ ಎಲ್ಲಿದೆ?\n", mid)
        refused = self.mail.lmtp_deliver("ravi.kumar@example.in", "support@acme-courier.test",
                                         raw)
        self.assertEqual(refused, {})
        msg = self.mail.wait_for_imap("support@acme-courier.test",
                                      predicate=lambda m: m["Message-ID"] == mid)
        self.assert_headers_kept(raw, msg.raw)
        self.assertEqual(str(msg["Subject"]), subject)
        received = " ".join(str(h) for h in msg.get_all("Received") or [])
        self.assertNotIn("(Postfix)", received, "LMTP delivery must not pass through Postfix")
        # Dovecot knows its users: an unknown one is refused at RCPT, nothing is stored.
        with self.assertRaises(smtplib.SMTPRecipientsRefused) as cm:
            self.mail.lmtp_deliver("ravi.kumar@example.in", "ghost@acme-courier.test", raw)
        code = list(cm.exception.recipients.values())[0][0]
        self.assertTrue(500 <= code < 600, cm.exception.recipients)

    def test_postfix_refuses_unknown_mailboxes_and_outside_relaying(self):
        raw = build_message("customer@example.in", "x", "x", "x\n", "<%s@example.in>" % token())
        for rcpt in ("ghost@example.in", "someone@gmail.example"):
            with self.subTest(rcpt=rcpt):
                with self.assertRaises(smtplib.SMTPRecipientsRefused) as cm:
                    self.mail.send("customer@example.in", rcpt, raw)
                code = cm.exception.recipients[rcpt][0]
                self.assertTrue(500 <= code < 600, cm.exception.recipients)

    def test_smtp_auth_checks_dovecot_users(self):
        mid = "<%s.auth@acme-courier.test>" % token()
        raw = build_message("support@acme-courier.test", "customer@example.in", "लॉग इन", "auth\n",
                            mid)
        with smtplib.SMTP("127.0.0.1", self.mail.smtp_port, local_hostname="client.test",
                          timeout=30) as s:
            s.login("support@acme-courier.test", self.mail.password("support@acme-courier.test"))
            self.assertEqual(s.sendmail("support@acme-courier.test", ["customer@example.in"],
                                        raw), {})
        with smtplib.SMTP("127.0.0.1", self.mail.smtp_port, local_hostname="client.test",
                          timeout=30) as s:
            s.ehlo()
            s.user, s.password = "support@acme-courier.test", "wrong-password"
            with self.assertRaises(smtplib.SMTPAuthenticationError) as cm:
                s.auth("PLAIN", s.auth_plain)
            self.assertEqual(cm.exception.smtp_code, 535)
        msg = self.mail.wait_for_imap("customer@example.in",
                                      predicate=lambda m: m["Message-ID"] == mid)
        received = [str(h) for h in msg.get_all("Received")]
        self.assertTrue(any("with ESMTPA" in r for r in received), received)

    def test_pipe_transport_runs_the_command_with_the_message_on_stdin(self):
        self.mail.set_pipe_command(self.mail.capture_command())
        t = token()
        subject = "पार्सल क्षतिग्रस्त मिला — AWB %s" % t
        mid = "<%s.pipe@example.in>" % t
        body = "नमस्ते,\nडिब्बा टूटा हुआ था। फ़ोटो संलग्न है।\n"
        raw = build_message(display_name("प्रिया शर्मा", "customer@example.in"),
                            "support@" + PIPE_DOMAIN, subject, body, mid)
        self.assertEqual(self.mail.send("customer@example.in", "support@" + PIPE_DOMAIN, raw), {})
        item = self.mail.wait_for_pipe(lambda it: it["message"]["Message-ID"] == mid)
        self.assertEqual(item["recipient"], "support@" + PIPE_DOMAIN)
        self.assertEqual(item["sender"], "customer@example.in")
        self.assertEqual(item["uid"], self.mail.pipe_user.pw_uid)
        self.assertNotEqual(item["uid"], 0, "Postfix must not run the command as root")
        msg = item["message"]
        self.assertEqual(str(msg["Return-Path"]), "<customer@example.in>")  # flags=R
        self.assertEqual(str(msg["Delivered-To"]), "support@" + PIPE_DOMAIN)  # flags=D
        self.assert_headers_kept(raw, item["raw"])
        self.assertEqual(str(msg["Subject"]), subject)
        self.assertEqual(msg.get_content().replace("\r\n", "\n"), body)
        d = self.mail.wait_for_delivery(mid, "support@" + PIPE_DOMAIN)
        self.assertEqual(d["status"], "sent", d["line"])
        self.assertEqual(d["relay"], "sahayak", d["line"])
        self.mail.wait_for_queue_empty()

    def test_pipe_exit_75_defers_and_postfix_retries(self):
        mid = "<%s.retry@example.in>" % token()
        raw = build_message("customer@example.in", "support@" + PIPE_DOMAIN, "फिर से कोशिश",
                            "retry me\n", mid)
        try:
            self.mail.set_pipe_command(["/bin/sh", "-c",
                                        "cat >/dev/null; echo 'database busy' >&2; exit 75"])
            self.mail.send("customer@example.in", "support@" + PIPE_DOMAIN, raw)
            deadline = time.monotonic() + 30
            while not any(d["status"] == "deferred" for d in self.mail.deliveries(mid)):
                self.assertLess(time.monotonic(), deadline,
                                "no deferral logged\n" + self.mail.diagnostics())
                time.sleep(0.1)
            self.assertFalse(self.mail.queue_is_empty(), "a deferred message stays queued")
            deferred = [d for d in self.mail.deliveries(mid) if d["status"] == "deferred"]
            self.assertIn("database busy", deferred[0]["text"])
        finally:
            self.mail.set_pipe_command(self.mail.capture_command())
        # The cause is fixed: retry now, as an operator would, rather than wait out Postfix's
        # back-off (a loaded machine made that longer than this test waits).
        self.mail.flush_queue()
        item = self.mail.wait_for_pipe(lambda it: it["message"]["Message-ID"] == mid)
        self.assertEqual(item["recipient"], "support@" + PIPE_DOMAIN)
        self.assertEqual(self.mail.wait_for_delivery(mid, "support@" + PIPE_DOMAIN)["status"],
                         "sent")
        self.mail.wait_for_queue_empty()

    def test_pipe_failure_bounces_to_the_sender(self):
        mid = "<%s.bounce@example.in>" % token()
        raw = build_message("customer@example.in", "nobody-here@" + PIPE_DOMAIN,
                            "यह वापस आएगा", "bounce me\n", mid)
        try:
            self.mail.set_pipe_command(["/bin/sh", "-c",
                                        "cat >/dev/null; echo 'no such mailbox' >&2; exit 67"])
            self.mail.send("customer@example.in", "nobody-here@" + PIPE_DOMAIN, raw)
            d = self.mail.wait_for_delivery(mid, "nobody-here@" + PIPE_DOMAIN)
        finally:
            self.mail.set_pipe_command(self.mail.capture_command())
        self.assertEqual(d["status"], "bounced", d["line"])
        self.assertIn("no such mailbox", d["text"])
        dsn = self.mail.wait_for_imap(
            "customer@example.in",
            predicate=lambda m: (m.get_content_type() == "multipart/report"
                                 and mid.encode() in m.raw))
        self.assertEqual(dsn.get_param("report-type"), "delivery-status")
        self.assertIn("MAILER-DAEMON@mx.test", str(dsn["From"]))
        self.mail.wait_for_queue_empty()


def mail_deliver_unavailable():
    """Why `sahayak mail-deliver` cannot be tested with this binary, or None."""
    binary = harness.binary_path()
    if not os.access(binary, os.X_OK):
        return "no sahayak binary at %s" % binary
    try:
        p = subprocess.run([binary, "mail-deliver", "--help"], capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as e:
        return "cannot run %s mail-deliver --help: %s" % (binary, e)
    out = p.stdout.decode("utf-8", "replace")
    # CLI11 answers `--help` after an unknown word with the top-level help and exit 0, so
    # the subcommand's own usage line is what shows that it exists.
    if p.returncode != 0 or "Usage: sahayak mail-deliver" not in out:
        why = (p.stderr.decode("utf-8", "replace") or out).strip().splitlines()
        return ("the binary under test has no `sahayak mail-deliver` yet (`%s mail-deliver "
                "--help` exited %d without its usage: %s)"
                % (binary, p.returncode, why[0] if why else "no output"))
    return None


@contextlib.contextmanager
def sahayak_binary(path):
    """Makes harness run `path` as the sahayak binary (CLI set-up and `serve`)."""
    old = os.environ.get("SAHAYAK_BIN")
    os.environ["SAHAYAK_BIN"] = path
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("SAHAYAK_BIN", None)
        else:
            os.environ["SAHAYAK_BIN"] = old


@unittest.skipIf(UNAVAILABLE, UNAVAILABLE or "")
class MailDeliverTest(unittest.TestCase):
    """Customer -> Postfix -> pipe -> `sahayak --data D mail-deliver` -> ticket in the API.

    Postfix runs pipe commands as an unprivileged user, so Sahayak (CLI set-up, `serve` and
    `mail-deliver`) runs as that same user here, on a data folder it owns: exactly how a
    deployment runs it (one `sahayak` user for the service and Postfix's pipe)."""

    maxDiff = None
    server = None

    @classmethod
    def setUpClass(cls):
        cls.skip_reason = mail_deliver_unavailable()
        if cls.skip_reason:
            return
        cls.mail = shared_servers()
        user = cls.mail.pipe_user
        home = os.path.join(cls.mail.root, "sahayak")
        data = os.path.join(home, "data")
        os.makedirs(data)
        for d in (home, data):
            os.chown(d, user.pw_uid, user.pw_gid)
        real = harness.binary_path()
        wrapper = mailservers.run_as(user.pw_name, real,
                                     os.path.join(cls.mail.root, "bin", "sahayak-as-pipe-user"))
        probe = subprocess.run([wrapper, "version"], capture_output=True, timeout=30)
        if probe.returncode != 0:
            cls.skip_reason = ("Postfix runs mail-deliver as %s, who cannot run %s (exit %d: %s); "
                               "build in a folder every user can read"
                               % (user.pw_name, real, probe.returncode,
                                  probe.stderr.decode("utf-8", "replace").strip()))
            return
        with sahayak_binary(wrapper):
            cls.server = harness.Server(data_dir=data, create_users=False)
            # `serve` (as that user) writes its port file there
            os.chown(cls.server.base_dir, user.pw_uid, user.pw_gid)
            try:
                cls.server._create_users()
                cls.server.start()
            except BaseException:
                cls.server.cleanup()
                cls.server = None
                raise
        cls.mail.set_pipe_command([real, "--data", data, "mail-deliver"])

    @classmethod
    def tearDownClass(cls):
        if cls.server is not None:
            cls.server.cleanup()
        mail = _shared.get("mail")
        if mail is not None and mail.root:
            mail.set_pipe_command(mail.capture_command())

    def setUp(self):
        if self.skip_reason:
            self.skipTest(self.skip_reason)

    def admin(self):
        return self.server.bearer(self.server.admin_token)

    def deliver(self, raw, message_id, rcpt="support@" + PIPE_DOMAIN):
        """Sends through Postfix and waits until the pipe command (mail-deliver) finished;
        fails with its output when Postfix did not count it as delivered."""
        self.assertEqual(self.mail.send("customer@example.in", rcpt, raw), {})
        d = self.mail.wait_for_delivery(message_id, rcpt, timeout=60)
        self.assertEqual(d["status"], "sent", "mail-deliver did not accept the message: %s\n%s"
                         % (d["line"], self.server.log_tail()))
        return d

    def tickets_with_subject(self, subject):
        return [t for t in self.admin().list_all("/api/v1/tickets") if t["subject"] == subject]

    def wait_for_ticket(self, subject, timeout=30):
        deadline = time.monotonic() + timeout
        while True:
            found = self.tickets_with_subject(subject)
            if found:
                return found
            if time.monotonic() > deadline:
                self.fail("no ticket with subject %r after %ss\n%s\n%s"
                          % (subject, timeout, self.mail.diagnostics(), self.server.log_tail()))
            time.sleep(0.2)

    def messages(self, ticket_id):
        return self.admin().list_all("/api/v1/tickets/%d/messages" % ticket_id)

    def customer_mail(self, subject, body, message_id, extra=()):
        return build_message(display_name("प्रिया शर्मा", "customer@example.in"),
                             "Acme Support <support@%s>" % PIPE_DOMAIN, subject, body,
                             message_id, extra)

    def test_customer_mail_through_postfix_becomes_a_ticket(self):
        t = token()
        subject = "डिलीवरी नहीं हुई — AWB %s" % t
        body = "नमस्ते,\nमेरा पार्सल AWB %s अभी तक नहीं आया। कृपया देखें।\nप्रिया\n" % t
        mid = "<%s.customer@example.in>" % t
        self.deliver(self.customer_mail(subject, body, mid), mid)
        tickets = self.wait_for_ticket(subject)
        self.assertEqual(len(tickets), 1, tickets)
        ticket = tickets[0]
        self.assertEqual(ticket["channel"], "email", ticket)
        self.assertEqual(ticket["requester"]["email"], "customer@example.in", ticket)
        messages = self.messages(ticket["id"])
        self.assertEqual(len(messages), 1, messages)
        self.assertIn("AWB %s" % t, str(messages[0]), "the mail's body is not on the ticket")
        self.mail.wait_for_queue_empty()

    def test_redelivery_and_reply_through_postfix_stay_on_one_ticket(self):
        t = token()
        subject = "बिल में गलती — चालान %s" % t
        mid = "<%s.first@example.in>" % t
        raw = self.customer_mail(subject, "चालान %s में राशि गलत है।\n" % t, mid)
        self.deliver(raw, mid)
        ticket = self.wait_for_ticket(subject)[0]
        # A mail server delivering the same mail again (a lost acknowledgement) adds nothing.
        self.deliver(raw, mid)
        self.assertEqual(len(self.tickets_with_subject(subject)), 1)
        self.assertEqual(len(self.messages(ticket["id"])), 1)
        # The customer's reply to their own mail lands on the same ticket.
        reply_mid = "<%s.second@example.in>" % t
        reply = self.customer_mail("Re: " + subject, "और GST नंबर भी गलत छपा है।\n", reply_mid,
                                   ["In-Reply-To: " + mid, "References: " + mid])
        self.deliver(reply, reply_mid)
        messages = self.messages(ticket["id"])
        self.assertEqual(len(messages), 2, messages)
        self.assertIn("GST", str(messages[-1]))
        self.assertEqual(self.tickets_with_subject("Re: " + subject), [])
        self.mail.wait_for_queue_empty()


@unittest.skipIf(UNAVAILABLE_TLS, UNAVAILABLE_TLS or "")
class TlsTest(unittest.TestCase):
    """STARTTLS on SMTP and IMAP, and IMAPS, with a self-signed certificate."""

    @classmethod
    def setUpClass(cls):
        cls.mail = MailServers(tls=True).start()

    @classmethod
    def tearDownClass(cls):
        cls.mail.stop()

    def test_imap_starttls_and_imaps(self):
        for mode in ("starttls", "ssl"):
            with self.subTest(mode=mode):
                conn = self.mail.imap("billing@acme-courier.test", tls=mode)
                try:
                    self.assertIsInstance(conn.sock, ssl.SSLSocket)
                    typ, _ = conn.select("INBOX")
                    self.assertEqual(typ, "OK")
                finally:
                    conn.logout()
        # A client that does not trust the test certificate refuses it.
        conn = imaplib.IMAP4("127.0.0.1", self.mail.imap_port, timeout=30)
        try:
            with self.assertRaises(ssl.SSLCertVerificationError):
                conn.starttls(ssl.create_default_context())
        finally:
            try:
                conn.shutdown()
            except OSError:
                pass

    def test_smtp_starttls_delivers(self):
        t = token()
        mid = "<%s.tls@acme-courier.test>" % t
        raw = build_message("support@acme-courier.test", "billing@acme-courier.test",
                            "चालान %s" % t, "TLS\n", mid)
        with smtplib.SMTP("127.0.0.1", self.mail.smtp_port, local_hostname="client.test",
                          timeout=30) as s:
            s.starttls(context=self.mail.ssl_context())
            self.assertEqual(s.sendmail("support@acme-courier.test",
                                        ["billing@acme-courier.test"], raw), {})
        msg = self.mail.wait_for_imap("billing@acme-courier.test",
                                      predicate=lambda m: m["Message-ID"] == mid)
        received = [str(h) for h in msg.get_all("Received")]
        self.assertTrue(any("by mx.test (Postfix) with ESMTPS" in r for r in received), received)


if __name__ == "__main__":
    unittest.main()
