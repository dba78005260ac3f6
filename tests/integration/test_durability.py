"""Nothing acknowledged is lost: kill -9 while clients write, restart, look for every ticket.

Each round: 8 client threads POST tickets (each with a unique subject) as fast as they can for
a random 0.5-3 s, then the server gets SIGKILL. It restarts on the same data folder and every
ticket whose POST returned 201 must exist with the same id and subject. Five rounds."""

import http.client
import os
import random
import threading
import time
import unittest

import harness

ROUNDS = 5
THREADS = 8


class DurabilityTest(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        # The limiter is not under test here: every acknowledged write is.
        self.server = harness.Server(env={"SAHAYAK_RATE_LIMIT_PER_MINUTE": "0"})
        self.server.start()

    def tearDown(self):
        self.server.cleanup()

    def writer(self, round_no, thread_no, stop, acked, errors):
        client = self.server.bearer(self.server.admin_token)
        client.timeout = 10
        n = 0
        while not stop.is_set():
            subject = "kill9 r%d t%d n%d %s" % (round_no, thread_no, n, os.urandom(4).hex())
            n += 1
            try:
                r = client.post("/api/v1/tickets", {
                    "subject": subject, "message": {"body": "durability " + subject},
                    "requester": {"email": "k9-r%d-t%d@example.in" % (round_no, thread_no)}})
            except (OSError, http.client.HTTPException):
                continue  # the server died under us: not acknowledged
            if r.status == 201:
                acked.append((r.json["id"], subject))
            elif r.status >= 500 or r.status in (400, 401, 403, 404, 422):
                errors.append("%d %s" % (r.status, r.raw[:200]))

    def test_kill9_loses_no_acknowledged_ticket(self):
        rnd = random.Random()
        report = []
        all_acked = []
        for round_no in range(1, ROUNDS + 1):
            stop = threading.Event()
            acked, errors = [], []
            threads = [threading.Thread(target=self.writer,
                                        args=(round_no, k, stop, acked, errors), daemon=True)
                       for k in range(THREADS)]
            for t in threads:
                t.start()
            duration = rnd.uniform(0.5, 3.0)
            time.sleep(duration)
            self.server.kill9()
            stop.set()
            for t in threads:
                t.join(15)
            acked_now = list(acked)  # snapshot: nothing can be acknowledged after the kill
            self.assertEqual(errors, [], "writes failed before the kill (round %d)" % round_no)
            self.assertGreater(len(acked_now), 0, "round %d: no write was acknowledged before "
                               "the kill, so the round tested nothing" % round_no)
            self.server.start()
            all_acked.extend(acked_now)
            reader = self.server.bearer(self.server.admin_token)
            tickets = reader.list_all("/api/v1/tickets")
            stored = {t["id"]: t["subject"] for t in tickets}
            missing, wrong = [], []
            for tid, subject in all_acked:
                if tid not in stored:
                    missing.append((tid, subject))
                elif stored[tid] != subject:
                    wrong.append((tid, subject, stored[tid]))
            found = len(all_acked) - len(missing) - len(wrong)
            line = ("round %d: %.2fs, acknowledged %d this round, %d in all, found %d"
                    % (round_no, duration, len(acked_now), len(all_acked), found))
            report.append(line)
            self.assertFalse(missing, "%d acknowledged tickets lost after kill -9:\n%s\n"
                             "first missing (id, subject): %s"
                             % (len(missing), "\n".join(report), missing[:5]))
            self.assertFalse(wrong, "tickets changed after kill -9: %s" % wrong[:5])
            # the numbers shown to customers stay unique across crashes
            numbers = [t["number"] for t in tickets]
            self.assertEqual(len(numbers), len(set(numbers)), "duplicate ticket numbers")
        print("\n" + "\n".join(report), flush=True)

    def test_graceful_stop_and_restart(self):
        client = self.server.bearer(self.server.admin_token)
        t = client.create_ticket(subject="Survives SIGTERM ಕನ್ನಡ")
        code = self.server.stop()
        self.assertEqual(code, 0, "SIGTERM should end the server cleanly:\n"
                         + self.server.log_tail())
        self.server.start()
        r = self.server.bearer(self.server.admin_token).get("/api/v1/tickets/%d" % t["id"])
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual(r.json["subject"], "Survives SIGTERM ಕನ್ನಡ")
        # a cookie session made before a restart still works after it
        s = self.server.login_agent()
        self.server.restart()
        self.assertEqual(s.get("/api/v1/auth/me").status, 200)


if __name__ == "__main__":
    unittest.main()
