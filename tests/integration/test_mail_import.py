"""`sahayak mail-import`: a team moving to Sahayak imports its existing mailbox (a maildir, or a
folder of .eml files) beside a running server, and checks the result through the API as an
agent sees it: each conversation one ticket, customers' replies threaded onto it, a bounce as a
note, a file that is not mail named with exit status 65, nothing acknowledged (it is history),
and a second import adding nothing."""

import os
import subprocess
import tempfile
import unittest

import harness
from test_mail_deliver import bounce_of, customer_mail, message_id


class MailImportTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = harness.Server()
        cls.server.start()
        cls.api = cls.server.bearer(cls.server.admin_token)

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    def run_import(self, folder, *args):
        cmd = [harness.binary_path(), "--data", self.server.data_dir, "mail-import", folder]
        cmd += list(args)
        p = subprocess.run(cmd, capture_output=True, timeout=120)
        return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8",
                                                                                 "replace")

    def tickets_with(self, word):
        return [t for t in self.api.list_all("/api/v1/tickets?limit=100")
                if word in t["subject"]]

    def test_maildir_import_threads_and_is_idempotent(self):
        tag = harness.unique("imp")
        maildir = tempfile.mkdtemp(prefix="sahayak-maildir-")
        for sub in ("cur", "new", "tmp"):
            os.makedirs(os.path.join(maildir, sub))
        files = []
        # 30 conversations: a question, then the customer's follow-up by In-Reply-To.
        for i in range(30):
            first = message_id()
            sender = "imp%d-%s@example.in" % (i, tag.lower())
            files.append(customer_mail(sender, "पार्सल %s %d कहाँ है" % (tag, i),
                                       "मेरा पार्सल %d अभी तक नहीं आया।" % i, first))
            files.append(customer_mail(sender, "Re: पार्सल %s %d कहाँ है" % (tag, i),
                                       "कोई जवाब? (%d)" % i, message_id(), in_reply_to=first))
        # Conversation 0 goes on without In-Reply-To (same sender, same subject: threaded by
        # sender and subject), and a bounce of that mail arrives: a note, not a ticket.
        bounced = message_id()
        files.append(customer_mail("imp0-%s@example.in" % tag.lower(),
                                   "Re: पार्सल %s 0 कहाँ है" % tag, "और?", bounced,
                                   in_reply_to=None))
        files.append(bounce_of(bounced, "imp0-%s@example.in" % tag.lower()))
        for n, raw in enumerate(files):
            # Maildir names sort in delivery order; half in cur/ (seen), half in new/.
            sub = "cur" if n < len(files) // 2 else "new"
            name = "%010d.M%dP1.host" % (1764000000 + n, n) + (":2,S" if sub == "cur" else "")
            with open(os.path.join(maildir, sub, name), "wb") as f:
                f.write(raw)

        code, out, err = self.run_import(maildir, "--batch", "7")
        self.assertEqual(code, 0, "stdout: %s\nstderr: %s" % (out, err))
        self.assertIn("Imported %d files" % len(files), out)
        self.assertIn("created 30", out)
        self.assertIn("replied 31", out)
        self.assertIn("noted 1", out)

        tickets = self.tickets_with(tag)
        self.assertEqual(len(tickets), 30, [t["subject"] for t in tickets])
        for t in tickets:
            self.assertEqual(t["channel"], "email")
        t5 = [t for t in tickets if t["subject"] == "पार्सल %s 5 कहाँ है" % tag][0]
        msgs = self.api.list_all("/api/v1/tickets/%d/messages" % t5["id"])
        self.assertEqual([m["body"].strip() for m in msgs],
                         ["मेरा पार्सल 5 अभी तक नहीं आया।", "कोई जवाब? (5)"])
        # History is not acknowledged: nothing went to the outbox for these customers.
        outbox = self.api.list_all("/api/v1/mail/outbox")
        self.assertEqual([i for i in outbox if tag.lower() in i["to"]], [])

        # Again: every mail is a duplicate, nothing is added.
        code, out, err = self.run_import(maildir)
        self.assertEqual(code, 0, "stdout: %s\nstderr: %s" % (out, err))
        self.assertIn("duplicate %d" % len(files), out)
        self.assertEqual(len(self.tickets_with(tag)), 30)
        t0 = [t for t in tickets if t["subject"] == "पार्सल %s 0 कहाँ है" % tag][0]
        msgs = self.api.list_all("/api/v1/tickets/%d/messages" % t0["id"])
        self.assertEqual(len(msgs), 4, msgs)
        self.assertFalse(msgs[3]["public"], "the bounce is an internal note")

    def test_plain_folder_with_a_file_that_is_not_mail(self):
        tag = harness.unique("eml")
        folder = tempfile.mkdtemp(prefix="sahayak-eml-")
        with open(os.path.join(folder, "a.eml"), "wb") as f:
            f.write(customer_mail("eml-%s@example.in" % tag.lower(), "ಬಿಲ್ %s ತಪ್ಪಾಗಿದೆ" % tag,
                                  "ನನ್ನ ಬಿಲ್ ತಪ್ಪಾಗಿದೆ.", message_id(), name="ಅನಿತಾ"))
        with open(os.path.join(folder, "b.eml"), "wb") as f:
            f.write(b"\x00\x01 this is not an e-mail \xff\xfe")
        with open(os.path.join(folder, ".hidden"), "wb") as f:
            f.write(b"ignored")
        code, out, err = self.run_import(folder)
        self.assertEqual(code, 65, "stdout: %s\nstderr: %s" % (out, err))
        self.assertIn("b.eml", err)
        self.assertIn("Imported 2 files", out)
        self.assertIn("created 1", out)
        self.assertIn("not mail 1", out)
        tickets = self.tickets_with(tag)
        self.assertEqual(len(tickets), 1)
        self.assertEqual(tickets[0]["requester"]["name"], "ಅನಿತಾ")

    def test_unknown_folder_and_unknown_mailbox(self):
        code, out, err = self.run_import("/nonexistent/maildir")
        self.assertEqual(code, 66, err)
        self.assertIn("/nonexistent/maildir", err)
        folder = tempfile.mkdtemp(prefix="sahayak-eml-")
        with open(os.path.join(folder, "a.eml"), "wb") as f:
            f.write(customer_mail("x@example.in", "hello", "hi", message_id()))
        code, out, err = self.run_import(folder, "--mailbox", "no-such-box")
        self.assertEqual(code, 75, err)
        self.assertIn("no-such-box", err)


if __name__ == "__main__":
    unittest.main()
