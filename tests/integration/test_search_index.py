"""The search index follows the database: through a crash, a restart and `sahayak reindex`.

(a) Changes committed while the server did not index (SAHAYAK_SEARCH_INDEX=0), ended by
    kill -9, become searchable when a server that indexes starts on the same data folder.
(b) `sahayak reindex` on a stopped server rebuilds the index with progress and a summary, and
    the tickets are found afterwards; `sahayak search-stats` reports the counts.
(c) `sahayak reindex` while the server runs refuses with exit code 75 and says why.
Each test uses marker words unique to the run (harness.unique).
"""

import json
import os
import re
import shutil
import subprocess
import time
import unittest
import urllib.parse

import harness
from harness import run_cli

INDEX_WAIT = 20.0


def mimalloc_installed():
    """Whether the loader's cache lists Debian's libmimalloc, which `sahayak reindex` preloads."""
    p = subprocess.run(["/sbin/ldconfig", "-p"], capture_output=True, text=True)
    return "libmimalloc.so.2 " in p.stdout


def hits(client, q, building_ok=False):
    """The ids of the tickets that searching `q` finds. With building_ok, a 503 "index-building"
    (a server that has just started may still be building its index, as documented) gives
    None instead of failing."""
    r = client.get("/api/v1/search?" + urllib.parse.urlencode({"q": q, "type": "ticket"}))
    if building_ok and r.status == 503 and (r.json or {}).get("type") == "/problems/index-building":
        return None
    if r.status != 200:
        raise AssertionError("search %r failed:\n%s" % (q, r.describe()))
    return {h["id"] for h in r.json["data"]}


def wait_for_ids(test, client, q, ids):
    """Polls until searching `q` finds exactly `ids`; an index still building is a "not yet",
    like a missing hit, and any other failure fails the test at once."""
    deadline = time.monotonic() + INDEX_WAIT
    while True:
        found = hits(client, q, building_ok=True)
        if found is None and time.monotonic() <= deadline:
            time.sleep(0.1)
            continue
        if found == set(ids) or time.monotonic() > deadline:
            test.assertEqual(found, set(ids), "%r: not indexed within %ss" % (q, INDEX_WAIT))
            return
        time.sleep(0.1)


def search_stats(server):
    p = server.cli("search-stats")
    return json.loads(p.stdout)


class SearchIndexTest(unittest.TestCase):
    def setUp(self):
        self.server = harness.Server()

    def tearDown(self):
        self.server.cleanup()

    def client(self):
        return self.server.bearer(self.server.agent_token)

    def test_changes_made_while_not_indexing_are_caught_up_after_kill9(self):
        s = self.server
        s.start()
        agent = self.client()
        before = harness.unique("pehle")
        a = agent.create_ticket("पार्सल नहीं मिला " + before, "मेरा पार्सल कहाँ है? " + before)
        wait_for_ids(self, agent, before, [a["id"]])
        s.stop()

        s.env["SAHAYAK_SEARCH_INDEX"] = "0"
        s.start()
        agent = self.client()
        during = harness.unique("baad")
        b = agent.create_ticket("ಪಾರ್ಸೆಲ್ ಬಂದಿಲ್ಲ " + during, "ಇನ್ನೂ ಬಂದಿಲ್ಲ " + during)
        reply = agent.post("/api/v1/tickets/%d/messages" % a["id"],
                           {"body": "courier called back " + during, "public": False})
        self.assertEqual(reply.status, 201, reply.describe())
        time.sleep(1.0)  # a server that indexed would have caught up by now
        self.assertEqual(hits(agent, during), set(), "a server with search.index off indexes")
        s.kill9()

        s.env["SAHAYAK_SEARCH_INDEX"] = "1"
        s.start()
        agent = self.client()
        wait_for_ids(self, agent, during, [a["id"], b["id"]])
        wait_for_ids(self, agent, before, [a["id"]])
        stats = search_stats(s)
        self.assertEqual(stats["tickets"], 2, stats)

    def test_reindex_on_a_stopped_server_rebuilds_with_progress_and_summary(self):
        s = self.server
        s.env["SAHAYAK_SEARCH_INDEX"] = "0"
        s.start()
        agent = self.client()
        m = harness.unique("reindex")
        ids = [agent.create_ticket("Parcel %d late %s" % (i, m), "Where is parcel %d? %s" % (i, m),
                                   email=harness.unique_email("ri"))["id"] for i in range(12)]
        s.stop()

        p = s.cli("reindex")
        self.assertEqual(p.returncode, 0, p.stderr)
        # On a pipe (no terminal) progress is a line per 10% step reached, ending at 100%.
        steps = [int(line.split()[1].rstrip("%")) for line in p.stderr.splitlines()
                 if line.startswith("indexing:")]
        self.assertTrue(steps and steps[-1] == 100, p.stderr)
        self.assertEqual(steps, sorted(set(steps)), p.stderr)
        self.assertNotIn("\r", p.stderr, "no in-place bar when stderr is not a terminal")
        self.assertRegex(p.stdout, r"indexed 24 documents in [0-9.]+ s \([0-9]+ documents/s; "
                                   r"merging the shards [0-9.]+ s of it; "
                                   r"allocator (mimalloc|glibc)\)")
        # A rebuild runs under mimalloc wherever Debian's library is installed (decision 0007;
        # the sanitizer suites keep their own allocator).
        if mimalloc_installed() and "ASAN_OPTIONS" not in os.environ:
            self.assertIn("allocator mimalloc", p.stdout)
        self.assertIn(os.path.join(s.data_dir, "search"), p.stdout)
        stats = search_stats(s)
        self.assertEqual((stats["tickets"], stats["contacts"]), (12, 12), stats)
        self.assertGreater(stats["bytes"], 0)

        # A lost index is rebuilt the same way, and the same under glibc's allocator for whoever
        # asks for it.
        shutil.rmtree(os.path.join(s.data_dir, "search"))
        p = run_cli(["reindex"], data_dir=s.data_dir,
                    env=dict(s.env, SAHAYAK_BATCH_ALLOCATOR="system"))
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("indexed 24 documents", p.stdout)
        self.assertIn("allocator glibc", p.stdout)
        self.assertEqual(search_stats(s)["tickets"], 12)

        s.env["SAHAYAK_SEARCH_INDEX"] = "1"
        s.start()
        wait_for_ids(self, self.client(), m, ids)

    def test_reindex_while_the_server_runs_explains_and_exits_75(self):
        s = self.server
        s.start()
        agent = self.client()
        m = harness.unique("busy")
        t = agent.create_ticket("Parcel late " + m, "Where is my parcel? " + m)
        wait_for_ids(self, agent, m, [t["id"]])
        p = s.cli("reindex", check=False)
        self.assertEqual(p.returncode, 75, p.stdout + p.stderr)
        self.assertIn("server is running", p.stderr)
        self.assertIn("stop the server", p.stderr)
        self.assertEqual(search_stats(s)["tickets"], 1, "search-stats works beside the server")
        wait_for_ids(self, agent, m, [t["id"]])  # the server's index is untouched

    def test_search_without_an_index_answers_503_with_retry_after(self):
        s = self.server
        s.env["SAHAYAK_SEARCH_INDEX"] = "0"  # no indexing thread: the folder has no index
        s.start()
        r = self.client().get("/api/v1/search?q=parcel")
        self.assertEqual(r.status, 503, r.describe())
        self.assertEqual(r.headers.get("Retry-After"), "1", r.describe())
        self.assertIn("problem+json", r.headers.get("Content-Type"))
        self.assertIn("not ready yet", r.json["detail"])

    def test_while_the_first_build_runs_search_says_how_far_it_has_come(self):
        self.server.cleanup()
        s = self.server = harness.Server(create_users=False)  # seed-demo wants an empty folder
        s.cli("migrate")
        s.cli("seed-demo", "--tickets", "3000", "--seed", "7")
        token = s.create_token("admin@demo.sahayak.local", "it-demo-admin")
        s.start()
        agent = s.bearer(token)
        building = []
        deadline = time.monotonic() + 120
        while True:
            r = agent.get("/api/v1/search?q=parcel&type=ticket")
            if r.status == 200:
                break
            self.assertEqual(r.status, 503, r.describe())
            building.append(r)
            self.assertLess(time.monotonic(), deadline, "the index was not built in 120 s")
            time.sleep(0.05)
        self.assertTrue(building, "a 3,000-ticket build takes longer than the server's start-up")
        for r in building:
            self.assertEqual(r.headers.get("Retry-After"), "5", r.describe())
            self.assertEqual(r.json["type"], "/problems/index-building", r.describe())
            self.assertRegex(r.json["detail"], r"^the search index is being built")
        counted = [r.json["detail"] for r in building if " of " in r.json["detail"]]
        self.assertTrue(counted, [r.json["detail"] for r in building])
        m = re.search(r"built: ([0-9]+) of ([0-9]+) documents", counted[-1])
        self.assertIsNotNone(m, counted[-1])
        self.assertLessEqual(int(m.group(1)), int(m.group(2)))
        self.assertGreaterEqual(int(m.group(2)), 3000, "tickets and their contacts")
        self.assertEqual(search_stats(s)["tickets"], 3000)


if __name__ == "__main__":
    unittest.main()
