"""Sahayak's IMAP client (channels/email/imap_client.h) against real Dovecot.

mailservers.py starts Postfix and Dovecot with TLS (self-signed certificate); this module puts
messages into mailboxes (IMAP APPEND, or SMTP through Postfix) and runs the env-gated gtest
cases `ImapLive.*` of the `unit_tests` binary built beside `sahayak`, then checks the server's
side with imaplib:

- pending messages are listed in UID order and fetched byte for byte (8-bit UTF-8, a 300 KB
  attachment) without setting \\Seen; marking done sets $SahayakImported and \\Seen (STARTTLS,
  certificate checked against the test CA), moves them to another folder (IMAPS, certificate
  not checked), or deletes them (plain IMAP);
- a wrong password is an auth error with Dovecot's words; a closed port and an untrusted
  certificate are temporary errors; a missing move_to folder is refused;
- IDLE wakes within seconds when Postfix delivers a new mail; with idle = false a NOOP after
  the wait reports it; Interrupt() from another thread ends a wait at once either way;
- a message over max_message_bytes is refused (ResourceExhausted) without being read.

Skipped, saying why, without root, Postfix/Dovecot, or the unit_tests binary."""

import base64
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import unittest

import harness
import mailservers
from mailservers import MailServers

UNAVAILABLE = mailservers.unavailable_reason(tls=True)
UNIT_TESTS = os.path.join(os.path.dirname(harness.binary_path()), "unit_tests")
if not UNAVAILABLE and not os.path.exists(UNIT_TESTS):
    UNAVAILABLE = "no unit_tests binary beside the sahayak binary (%s)" % UNIT_TESTS
if not UNAVAILABLE:
    _listed = subprocess.run([UNIT_TESTS, "--gtest_list_tests", "--gtest_filter=ImapLive.*"],
                             capture_output=True, timeout=60).stdout
    if b"ImportsPendingMessages" not in _listed:
        UNAVAILABLE = "%s has no ImapLive cases (an older build?)" % UNIT_TESTS

USERS = {
    "imap-flag@example.in": "flag-pass-1",
    "imap-move@example.in": "move-pass-2",
    "imap-delete@example.in": "delete-pass-3",
    "imap-idle@acme-courier.test": "idle-pass-4",
    "imap-poll@acme-courier.test": "poll-pass-5",
    "imap-big@example.in": "big-pass-6",
}
CRLF = b"\r\n"


def message(n, subject, body, extra=b""):
    """A raw CRLF message with an 8-bit UTF-8 body."""
    head = [b"From: =?UTF-8?B?" + base64.b64encode("ग्राहक".encode()) + b"?= <customer@example.in>",
            b"To: support@acme-courier.test",
            b"Subject: " + subject.encode(),
            b"Message-ID: <imap-%d-%d@example.in>" % (n, time.time_ns()),
            b"Date: Wed, 02 Dec 2026 10:00:00 +0530",
            b"MIME-Version: 1.0"]
    if extra:
        head.append(b'Content-Type: multipart/mixed; boundary="b1"')
        text = (b"--b1" + CRLF + b"Content-Type: text/plain; charset=utf-8" + CRLF +
                b"Content-Transfer-Encoding: 8bit" + CRLF + CRLF + body.encode() + CRLF +
                b"--b1" + CRLF + b"Content-Type: application/octet-stream" + CRLF +
                b"Content-Transfer-Encoding: base64" + CRLF + CRLF + extra + CRLF +
                b"--b1--" + CRLF)
    else:
        head.append(b"Content-Type: text/plain; charset=utf-8")
        head.append(b"Content-Transfer-Encoding: 8bit")
        text = body.encode() + CRLF
    return CRLF.join(head) + CRLF + CRLF + text


def big_attachment():
    data = bytes(range(256)) * 1200  # 300 KB
    b64 = base64.b64encode(data)
    return CRLF.join(b64[i:i + 76] for i in range(0, len(b64), 76))


def mutf7(name):
    """An IMAP mailbox name in modified UTF-7 (RFC 3501 5.1.3), as imaplib does not encode."""
    out, run = [], []

    def flush():
        if run:
            b64 = base64.b64encode("".join(run).encode("utf-16-be")).rstrip(b"=")
            out.append("&" + b64.decode().replace("/", ",") + "-")
            run.clear()
    for ch in name:
        if 0x20 <= ord(ch) <= 0x7e:
            flush()
            out.append("&-" if ch == "&" else ch)
        else:
            run.append(ch)
    flush()
    return '"%s"' % "".join(out)


def closed_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


@unittest.skipIf(UNAVAILABLE, UNAVAILABLE or "")
class ImapClientTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.mail = MailServers(users=USERS, tls=True).start()

    @classmethod
    def tearDownClass(cls):
        cls.mail.stop()

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="sahayak-imap-")
        self.addCleanup(shutil.rmtree, self.tmp, True)

    # --- helpers -------------------------------------------------------------------------
    def env(self, user, security="none", **extra):
        port = {"none": self.mail.imap_port, "starttls": self.mail.imap_port,
                "tls": self.mail.imaps_port}[security]
        env = dict(os.environ)
        env.update({"SAHAYAK_IMAP_HOST": "127.0.0.1", "SAHAYAK_IMAP_PORT": str(port),
                    "SAHAYAK_IMAP_SECURITY": security, "SAHAYAK_IMAP_USER": user,
                    "SAHAYAK_IMAP_PASSWORD": self.mail.password(user),
                    "SAHAYAK_IMAP_VERIFY": "0", "SAHAYAK_IMAP_OUT": self.tmp})
        env.update({k: str(v) for k, v in extra.items()})
        return env

    def gtest(self, case, env, timeout=90):
        """Runs one ImapLive case; it must pass, not skip. Returns its output."""
        p = subprocess.run([UNIT_TESTS, "--gtest_filter=ImapLive." + case], env=env,
                           capture_output=True, timeout=timeout)
        out = (p.stdout + p.stderr).decode("utf-8", "replace")
        self.assertEqual(p.returncode, 0, out + self.mail.diagnostics())
        self.assertIn("[  PASSED  ] 1 test", out)
        self.assertNotIn("SKIPPED", out)
        return out

    def append(self, user, raws, mailbox="INBOX"):
        conn = self.mail.imap(user)
        try:
            for raw in raws:
                typ, data = conn.append(mailbox, None, None, raw)
                self.assertEqual(typ, "OK", data)
        finally:
            conn.logout()

    def folder(self, user, mailbox="INBOX"):
        """{uid: (flags as "\\Seen $Kw", raw)} of a folder, read without setting \\Seen."""
        conn = self.mail.imap(user)
        try:
            typ, _ = conn.select(mailbox, readonly=True)
            self.assertEqual(typ, "OK")
            typ, data = conn.uid("SEARCH", None, "ALL")
            out = {}
            for uid in (data[0].split() if data[0] else []):
                typ, parts = conn.uid("FETCH", uid, "(FLAGS BODY.PEEK[])")
                for part in parts:
                    if isinstance(part, tuple):
                        flags = re.search(r"FLAGS \(([^)]*)\)", part[0].decode())
                        out[int(uid)] = (flags.group(1) if flags else None, part[1])
            return out
        finally:
            conn.logout()

    def fetched(self):
        """{uid: raw} as the client fetched them (the case writes <uid>.eml)."""
        out = {}
        for name in os.listdir(self.tmp):
            if name.endswith(".eml"):
                with open(os.path.join(self.tmp, name), "rb") as f:
                    out[int(name[:-4])] = f.read()
        return out

    # --- tests ---------------------------------------------------------------------------
    def test_flag_over_starttls_checking_the_certificate(self):
        user = "imap-flag@example.in"
        raws = [message(1, "पार्सल कहाँ है?", "मेरा पार्सल अभी तक नहीं आया।"),
                message(2, "ಪಾರ್ಸೆಲ್", "ನನ್ನ ಪಾರ್ಸೆಲ್ ಎಲ್ಲಿದೆ?", big_attachment()),
                message(3, "plain", ".a line starting with a dot\r\n\r\nend")]
        self.append(user, raws)
        self.gtest("ImportsPendingMessages",
                   self.env(user, "starttls", SAHAYAK_IMAP_VERIFY=1,
                            SAHAYAK_IMAP_CA_FILE=self.mail.cert_path,
                            SAHAYAK_IMAP_EXPECT_PENDING=3))
        got = self.fetched()
        self.assertEqual(len(got), 3)
        self.assertEqual([got[uid] for uid in sorted(got)], raws)  # byte for byte, in UID order
        server = self.folder(user)
        self.assertEqual(sorted(server), sorted(got))
        for uid, (flags, raw) in server.items():
            self.assertIn("$SahayakImported", flags)
            self.assertIn("\\Seen", flags)
            self.assertNotIn("\\Deleted", flags)
            self.assertEqual(raw, got[uid])
        # A message arriving later is pending again; the imported ones are not.
        later = message(4, "later", "again")
        self.append(user, [later])
        shutil.rmtree(self.tmp)
        os.makedirs(self.tmp)
        self.gtest("ImportsPendingMessages",
                   self.env(user, "starttls", SAHAYAK_IMAP_VERIFY=1,
                            SAHAYAK_IMAP_CA_FILE=self.mail.cert_path,
                            SAHAYAK_IMAP_EXPECT_PENDING=1))
        self.assertEqual(list(self.fetched().values()), [later])

    def test_move_over_imaps_without_checking_the_certificate(self):
        user = "imap-move@example.in"
        target = "Imported/आयातित"  # a sub-folder with a Hindi name (modified UTF-7 on the wire)
        conn = self.mail.imap(user)
        self.assertEqual(conn.create(mutf7(target))[0], "OK")
        conn.logout()
        raws = [message(10, "move one", "पहला"), message(11, "move two", "दूसरा")]
        self.append(user, raws)
        # After moving both away, the same connection waits (IDLE) and must notice a third.
        third = message(12, "third", "तीसरा")
        self.wait_case("ImportsPendingMessages",
                       self.env(user, "tls", SAHAYAK_IMAP_AFTER="move",
                                SAHAYAK_IMAP_MOVE_TO=target, SAHAYAK_IMAP_EXPECT_PENDING=2),
                       lambda: self.append(user, [third]))
        self.assertEqual(sorted(self.fetched().values()), sorted(raws))
        self.assertEqual([raw for _, raw in self.folder(user).values()], [third])
        moved = self.folder(user, mutf7(target))
        self.assertEqual(sorted(raw for _, raw in moved.values()), sorted(raws))
        for flags, _ in moved.values():
            self.assertIn("$SahayakImported", flags)
            self.assertIn("\\Seen", flags)

    def test_delete_over_plain_imap(self):
        user = "imap-delete@example.in"
        raws = [message(20, "delete me", "हटाओ")]
        self.append(user, raws)
        # Fetching alone changes nothing on the server (BODY.PEEK[]).
        self.gtest("FetchSetsNoFlag", self.env(user, "none"))
        self.assertEqual(list(self.fetched().values()), raws)
        self.assertEqual([flags for flags, _ in self.folder(user).values()], [""])
        self.gtest("ImportsPendingMessages",
                   self.env(user, "none", SAHAYAK_IMAP_AFTER="delete",
                            SAHAYAK_IMAP_EXPECT_PENDING=1))
        self.assertEqual(list(self.fetched().values()), raws)
        self.assertEqual(self.folder(user), {})

    def test_connect_errors_name_the_problem(self):
        user = "imap-flag@example.in"
        cases = [
            ("wrong password", dict(SAHAYAK_IMAP_PASSWORD="not-the-password"),
             "starttls", "imap-auth-failed", ["refused the login", user, "Authentication failed"]),
            ("closed port", dict(SAHAYAK_IMAP_PORT=closed_port()), "none", "imap-temporary",
             ["cannot connect", "127.0.0.1:"]),
            ("untrusted certificate", dict(SAHAYAK_IMAP_VERIFY=1), "tls", "imap-temporary",
             ["cannot connect", "certificate"]),
            ("missing move_to", dict(SAHAYAK_IMAP_AFTER="move", SAHAYAK_IMAP_MOVE_TO="NoSuch"),
             "none", "imap-refused", ["NoSuch"]),
            ("missing folder", dict(SAHAYAK_IMAP_FOLDER="Nowhere"), "none", "imap-refused",
             ["Nowhere"]),
        ]
        for name, extra, security, kind, words in cases:
            with self.subTest(name):
                out = self.gtest("ConnectFails",
                                 self.env(user, security, SAHAYAK_IMAP_EXPECT_KIND=kind, **extra))
                line = [x for x in out.splitlines() if x.startswith("IMAP-ERROR: ")]
                self.assertEqual(len(line), 1, out)
                for w in words:
                    self.assertIn(w.lower(), line[0].lower(), out)

    def wait_case(self, case, env, deliver):
        """Runs an ImapLive case that writes SAHAYAK_IMAP_READY before waiting for news, and
        calls deliver() once it waits."""
        ready = os.path.join(self.tmp, "ready")
        env = dict(env, SAHAYAK_IMAP_READY=ready)
        proc = subprocess.Popen([UNIT_TESTS, "--gtest_filter=ImapLive." + case],
                                env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 30
            while not os.path.exists(ready) and proc.poll() is None:
                self.assertLess(time.monotonic(), deadline, "the wait case never got ready")
                time.sleep(0.05)
            time.sleep(0.3)  # into the wait
            deliver()
            out = proc.communicate(timeout=60)[0].decode("utf-8", "replace")
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        self.assertEqual(proc.returncode, 0, out + self.mail.diagnostics())
        self.assertIn("[  PASSED  ] 1 test", out)
        return out

    def test_idle_wakes_when_postfix_delivers(self):
        user = "imap-idle@acme-courier.test"
        out = self.wait_case("IdleWakesOnNewMail", self.env(user, "tls", SAHAYAK_IMAP_IDLE=1),
                             lambda: self.mail.send("customer@example.in", [user],
                                                    message(30, "new", "नया")))
        self.assertIn("IMAP-IDLE-WOKE-AFTER", out)

    def test_polling_sees_a_new_message_without_idle(self):
        user = "imap-poll@acme-courier.test"
        out = self.wait_case("IdleWakesOnNewMail", self.env(user, "tls", SAHAYAK_IMAP_IDLE=0),
                             lambda: self.append(user, [message(31, "poll", "नया")]))
        self.assertIn("IMAP-IDLE-WOKE-AFTER", out)

    def test_interrupt_ends_a_wait(self):
        for idle in (1, 0):
            with self.subTest(idle=idle):
                self.gtest("InterruptEndsTheWaitFromAnotherThread",
                           self.env("imap-idle@acme-courier.test", "starttls",
                                    SAHAYAK_IMAP_IDLE=idle))

    def test_oversized_message_is_refused_before_reading_it(self):
        user = "imap-big@example.in"
        raw = message(40, "big", "बड़ा", big_attachment())
        self.append(user, [raw])
        self.gtest("RefusesOversizedMessage",
                   self.env(user, "none", SAHAYAK_IMAP_MAX_BYTES=len(raw) - 1))
        flags, stored = self.folder(user)[1]
        self.assertEqual(stored, raw)
        self.assertNotIn("\\Seen", flags)


if __name__ == "__main__":
    unittest.main()
