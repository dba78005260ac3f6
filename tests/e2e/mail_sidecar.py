"""Real Postfix + Dovecot on loopback for an e2e test (tests/integration/mailservers.py).

    python3 tests/e2e/mail_sidecar.py

Prints one JSON line: {"smtp_port": N, "imap_port": N, "users": {address: password}}, or
{"skip": "reason"} when the servers cannot run here. Then reads commands, one a line, and
answers each with one JSON line:

    wait <address> <substring> [timeout]  -> {"text": "<decoded text of the first matching mail>"}
                                             or {"error": "..."}

Stops both servers and removes their folder when stdin closes.
"""

import email
import email.policy
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "integration"))

import mailservers  # noqa: E402


def say(obj):
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def text_of(raw):
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    body = msg.get_body(preferencelist=("plain", "html"))
    return "Subject: %s\n\n%s" % (msg["Subject"], body.get_content() if body else "")


def main():
    reason = mailservers.unavailable_reason()
    if reason:
        say({"skip": reason})
        return 0
    with mailservers.MailServers() as mail:
        say({"smtp_port": mail.smtp_port, "imap_port": mail.imap_port, "users": mail.users})
        for line in sys.stdin:
            parts = line.split()
            if len(parts) < 3 or parts[0] != "wait":
                say({"error": "unknown command %r" % line.strip()})
                continue
            address, needle = parts[1], parts[2]
            timeout = float(parts[3]) if len(parts) > 3 else 60.0
            deadline = time.monotonic() + timeout
            found = None
            while time.monotonic() < deadline and found is None:
                try:
                    for _uid, raw in mail.fetch_all(address):
                        t = text_of(raw)
                        if needle in t:
                            found = t
                except Exception as e:  # the mailbox may not exist until the first mail
                    last = str(e)
                if found is None:
                    time.sleep(0.5)
            say({"text": found} if found is not None else
                {"error": "no mail for %s containing %r after %ss" % (address, needle, timeout)})
    return 0


if __name__ == "__main__":
    sys.exit(main())
