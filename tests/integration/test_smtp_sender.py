"""Outgoing mail against real Postfix + Dovecot (mailservers.py): ComposeMail and SmtpSender.

The C++ side runs as gtest cases of the `unit_tests` binary (SmtpSenderLive.* in
src/channels/email/smtp_sender_test.cc, which skip without SAHAYAK_TEST_SMTP_PORT); this
module starts the servers, runs each case with the environment that points it at them, and
then reads the customer's Dovecot mailbox over IMAP to check what arrived:

- plain SMTP: Message-ID, In-Reply-To, References, the Hindi subject decoded, the Kannada-named
  PDF; a second send on the same SMTP session with the null sender, bare LF line ends and
  lines that start with dots, which arrive intact;
- STARTTLS + AUTH, trusting the test CA file (Postfix records ESMTPSA), and with certificate
  checks turned off; with checks on and no CA file the self-signed certificate is refused
  (temporary);
- a wrong password: the login is refused (kSmtpAuthFailed, not the message's fault);
- an unknown mailbox at example.in: 550 5.1.1, permanent; with a known recipient beside it
  the mail is delivered to that one and the refusal reported;
- a closed port: temporary;
- implicit TLS (smtps): mailservers.py's Postfix has no wrapper-mode listener, so a small TLS
  front in this module (same certificate) relays to its plain port; reached by an address
  the certificate does not name, the connection is refused.

`unit_tests` is looked for beside the sahayak binary under test (both are built into the
build folder's top level), or at $SAHAYAK_UNIT_TESTS."""

import os
import re
import secrets
import select
import socket
import ssl
import subprocess
import threading
import time
import unittest

import harness
import mailservers
from mailservers import MailServers

UNAVAILABLE = mailservers.unavailable_reason(tls=True)
CUSTOMER = "customer@example.in"
SUPPORT = "support@acme-courier.test"
SUBJECT = "मेरा पार्सल कहाँ है [#1234]"


def unit_tests_binary():
    path = os.environ.get("SAHAYAK_UNIT_TESTS")
    if path:
        return os.path.abspath(path)
    return os.path.join(os.path.dirname(harness.binary_path()), "unit_tests")


UNIT_TESTS = unit_tests_binary()
NO_BINARY = None if os.access(UNIT_TESTS, os.X_OK) else (
    "no unit_tests binary at %s (build the unit_tests target beside sahayak, or set "
    "SAHAYAK_UNIT_TESTS)" % UNIT_TESTS)


def run_gtest(name, env_extra, timeout=120):
    """Runs one gtest case; returns its output. Fails unless it ran (not skipped) and passed."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SAHAYAK_TEST_SMTP_")}
    env.update({k: str(v) for k, v in env_extra.items()})
    p = subprocess.run([UNIT_TESTS, "--gtest_filter=" + name, "--gtest_color=no"], env=env,
                       capture_output=True, timeout=timeout)
    out = (p.stdout + p.stderr).decode("utf-8", "replace")
    if p.returncode != 0 or "[  PASSED  ] 1 test." not in out or "[  SKIPPED ]" in out:
        raise AssertionError("gtest %s did not pass (exit %s):\n%s" % (name, p.returncode,
                                                                      out[-6000:]))
    return out


def token():
    return secrets.token_hex(6)


@unittest.skipIf(UNAVAILABLE or NO_BINARY, UNAVAILABLE or NO_BINARY or "")
class SmtpSenderTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # tls=True: Postfix offers STARTTLS (security level "may"), so one instance serves the
        # plain and the STARTTLS cases.
        cls.mail = MailServers(tls=True).start()

    @classmethod
    def tearDownClass(cls):
        cls.mail.stop()

    def env(self, **extra):
        e = {"SAHAYAK_TEST_SMTP_HOST": "127.0.0.1",
             "SAHAYAK_TEST_SMTP_PORT": self.mail.smtp_port,
             "SAHAYAK_TEST_SMTP_SECURITY": "none",
             "SAHAYAK_TEST_SMTP_TO": CUSTOMER,
             "SAHAYAK_TEST_SMTP_UNKNOWN": "nobody@example.in"}
        e.update(extra)
        return e

    def tls_env(self, **extra):
        e = {"SAHAYAK_TEST_SMTP_SECURITY": "starttls",
             "SAHAYAK_TEST_SMTP_USER": SUPPORT,
             "SAHAYAK_TEST_SMTP_PASSWORD": self.mail.password(SUPPORT),
             "SAHAYAK_TEST_SMTP_CA_FILE": self.mail.cert_path}
        e.update(extra)
        return self.env(**e)

    def plain_sessions_with_two_mails(self):
        """Postfix's summaries of plain SMTP sessions that carried two messages (RSET before
        each, as SmtpSender checks a kept connection)."""
        return [l for l in self.mail.log_lines("disconnect from")
                if re.search(r" ehlo=1 mail=2 rcpt=2 data=2 rset=2 quit=1 commands=10$", l)]

    def wait_for(self, message_id):
        return self.mail.wait_for_imap(CUSTOMER, predicate=lambda m: m["Message-ID"] ==
                                       "<%s>" % message_id)

    def assert_reply(self, msg, mid):
        """What SmtpSenderLive's Compose() wrote, as the customer's mailbox has it."""
        self.assertEqual(msg["In-Reply-To"], "<q-%s>" % mid)
        self.assertEqual(" ".join(str(msg["References"]).split()),
                         "<first-%s> <q-%s>" % (mid, mid))
        self.assertEqual(str(msg["Subject"]), SUBJECT)
        self.assertEqual(msg["X-Sahayak-Ticket"], "1234")
        self.assertEqual(msg["From"].addresses[0].addr_spec, SUPPORT)
        self.assertEqual(msg["From"].addresses[0].display_name, "कव्या भट (Acme Support)")
        self.assertEqual(msg["Reply-To"].addresses[0].addr_spec, "support+t1234@acme-courier.test")
        attachments = list(msg.iter_attachments())
        self.assertEqual([a.get_filename() for a in attachments], ["ರಸೀದಿ.pdf"])
        self.assertEqual(attachments[0].get_content_type(), "application/pdf")
        self.assertEqual(attachments[0].get_content(), b"%PDF-1.4 sahayak test\n")
        text = msg.get_body(preferencelist=("plain",)).get_content()
        self.assertEqual(text.replace("\r\n", "\n"),
                         "नमस्ते,\nआपका पार्सल कल पहुँचेगा।\n.\n.a line that starts with a dot\n")
        html = msg.get_body(preferencelist=("html",)).get_content()
        self.assertIn("<p>नमस्ते</p>", html)

    def test_plain_smtp_delivers_threading_headers_and_attachment(self):
        mid = "plain-%s@acme-courier.test" % token()
        before = len(self.plain_sessions_with_two_mails())
        run_gtest("SmtpSenderLive.DeliversComposedMail",
                  self.env(SAHAYAK_TEST_SMTP_MESSAGE_ID=mid))
        msg = self.wait_for(mid)
        self.assert_reply(msg, mid)
        self.assertEqual(msg["Return-Path"], "<%s>" % SUPPORT)
        received = " ".join(str(v) for v in msg.get_all("Received"))
        self.assertIn("with ESMTP id", received)  # no TLS, no AUTH
        second = self.wait_for("second-" + mid)
        self.assertEqual(second["Return-Path"], "<>")  # the null sender
        body = second.raw.split(b"\r\n\r\n", 1)[1]
        self.assertEqual(body, b".\r\n..two\r\n.three\r\nlast\r\n")  # dots unstuffed
        # Check() and both sends used one SMTP session.
        deadline = time.monotonic() + 15
        while len(self.plain_sessions_with_two_mails()) == before:
            if time.monotonic() > deadline:
                self.fail("no SMTP session carried both messages:\n%s"
                          % "\n".join(self.mail.log_lines("disconnect from")))
            time.sleep(0.1)

    def test_starttls_with_auth(self):
        mid = "tls-%s@acme-courier.test" % token()
        run_gtest("SmtpSenderLive.DeliversComposedMail",
                  self.tls_env(SAHAYAK_TEST_SMTP_MESSAGE_ID=mid))
        msg = self.wait_for(mid)
        self.assert_reply(msg, mid)
        received = " ".join(str(v) for v in msg.get_all("Received"))
        self.assertIn("with ESMTPSA", received)  # S: STARTTLS, A: authenticated
        # Certificate checks off (unsafe, for such test servers): also delivered.
        mid2 = "noverify-%s@acme-courier.test" % token()
        run_gtest("SmtpSenderLive.DeliversComposedMail",
                  self.tls_env(SAHAYAK_TEST_SMTP_MESSAGE_ID=mid2, SAHAYAK_TEST_SMTP_CA_FILE="",
                               SAHAYAK_TEST_SMTP_TLS_VERIFY="0"))
        self.wait_for(mid2)

    def test_untrusted_certificate_is_temporary(self):
        run_gtest("SmtpSenderLive.UntrustedCertificateIsTemporary", self.tls_env())

    def test_wrong_password_is_auth_failure(self):
        run_gtest("SmtpSenderLive.WrongPasswordIsAuthFailure", self.tls_env())
        self.assertTrue(any("authentication failed" in l
                            for l in self.mail.log_lines("SASL")), "Postfix saw no failed AUTH")

    def test_unknown_recipient_is_permanent(self):
        mid = "unknown-%s@acme-courier.test" % token()
        run_gtest("SmtpSenderLive.UnknownRecipientIsPermanent",
                  self.env(SAHAYAK_TEST_SMTP_MESSAGE_ID=mid))
        # The mixed send reached the known recipient; the refused-only one reached nobody.
        self.assert_reply(self.wait_for("mixed-" + mid), "mixed-" + mid)
        ids = [m for _, m in self.mail.fetch_all(CUSTOMER) if b"<u-" + mid.encode() in m]
        self.assertEqual(ids, [])

    def test_server_down_is_temporary(self):
        run_gtest("SmtpSender.ServerDownIsTemporary", {})

    def test_implicit_tls_through_a_tls_front(self):
        # mailservers.py's Postfix has no implicit-TLS (smtps, wrapper mode) listener, so a
        # TLS front with the same certificate passes the bytes to its plain port: the client
        # side (vmime's smtps transport, the certificate checks) is what this exercises.
        with TlsFront(self.mail.cert_path, self.mail.key_path, self.mail.smtp_port) as front:
            mid = "smtps-%s@acme-courier.test" % token()
            run_gtest("SmtpSenderLive.DeliversComposedMail",
                      self.tls_env(SAHAYAK_TEST_SMTP_SECURITY="tls",
                                   SAHAYAK_TEST_SMTP_PORT=front.port,
                                   SAHAYAK_TEST_SMTP_MESSAGE_ID=mid))
            self.assert_reply(self.wait_for(mid), mid)
            self.assertGreaterEqual(front.handshakes, 1)
            run_gtest("SmtpSenderLive.UntrustedCertificateIsTemporary",
                      self.tls_env(SAHAYAK_TEST_SMTP_SECURITY="tls",
                                   SAHAYAK_TEST_SMTP_PORT=front.port))
        # The certificate names 127.0.0.1, localhost and mx.test; reached as 127.0.0.2 (also
        # loopback), it is refused even though its CA is trusted.
        with TlsFront(self.mail.cert_path, self.mail.key_path, self.mail.smtp_port,
                      address="127.0.0.2") as front:
            run_gtest("SmtpSenderLive.CertificateForAnotherHostIsRefused",
                      self.tls_env(SAHAYAK_TEST_SMTP_SECURITY="tls",
                                   SAHAYAK_TEST_SMTP_HOST="127.0.0.2",
                                   SAHAYAK_TEST_SMTP_PORT=front.port))


class TlsFront:
    """Accepts TLS on a free loopback port and relays the plain bytes to `target_port`."""

    def __init__(self, cert, key, target_port, address="127.0.0.1"):
        self.ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.ctx.load_cert_chain(cert, key)
        self.target_port = target_port
        self.handshakes = 0
        self.sock = socket.socket()
        self.sock.bind((address, 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.stopping = False

    def __enter__(self):
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.stopping = True
        self.sock.close()
        return False

    def _accept(self):
        while not self.stopping:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client):
        try:
            client.settimeout(30)
            tls = self.ctx.wrap_socket(client, server_side=True)
        except (OSError, ssl.SSLError):
            client.close()  # e.g. the client refused our certificate
            return
        self.handshakes += 1
        upstream = socket.create_connection(("127.0.0.1", self.target_port), timeout=30)
        # One thread per connection: an SSL socket must not be read and written by two
        # threads at once.
        try:
            while True:
                readable, _, _ = select.select([tls, upstream], [], [], 30)
                if not readable:
                    return
                for src in readable:
                    dst = upstream if src is tls else tls
                    data = src.recv(65536)
                    if not data:
                        return
                    while src is tls and tls.pending():
                        data += tls.recv(65536)
                    dst.sendall(data)
        except (OSError, ssl.SSLError):
            pass
        finally:
            for s in (tls, upstream):
                try:
                    s.close()
                except OSError:
                    pass


if __name__ == "__main__":
    unittest.main()
