"""Search relevance and correctness as data: tests/data/search/relevance/*.json.

Each file is one theme (english, hindi, kannada, hinglish, mixed, syntax):

    {"about": "...",
     "documents": [{"key": "d1", "subject": "...", "messages": ["first", "second", ...],
                    "tags": [], "status": "open", "priority": "high", "channel": "email",
                    "language"?: "hi"}],
     "queries": [{"q": "...", "expect": ["d1", "d3"], "order"?: ["d3", "d1"],
                  "stretch"?: true, "note": "why"}]}

A file with `"demo_kb": true` (articles.json) has no `documents`: its server is filled by
`sahayak seed-demo --tickets 0` (the demo knowledge base of src/services/demo/kb_corpus_*.cc,
every article in English, Hindi and Kannada), `"articles": {"key": "English title", ...}`
names the articles its queries expect, and its queries search `type=article` (a query may add
`"language": "hi"` to keep one translation; hits are per translation, counted once per article).

`expect` is the exact set of the file's documents the query must find; `order`, when given,
is the relative order in which those documents must come (default sort, relevance). A query
marked `stretch` is a goal not yet required (Hinglish in Latin letters finding Devanagari...):
it is reported apart and never fails the run.

Isolation: every file runs in its own fresh server (temp data folder), so the documents of
one file never meet another file's queries and the words need not be unique across files.
The first message of a document is the ticket's first message (POST /api/v1/tickets), the
others are added as public replies (POST /api/v1/tickets/{id}/messages); a status other
than `new` is set on create. After loading, a sentinel ticket is created last and the runner
polls until it is searchable (the index applies changes in commit order); the sentinel is
left out of every result. A query whose result differs is asked again for a few seconds
before it counts as a mismatch, so a slow indexer shows as slowness, not as a wrong answer.

Output: per file a line per failing query (query, expected, got, missing, extra, note), then
one table over all files: queries, passed, failed, stretch passed, micro-averaged precision
and recall over the required queries. Python standard library only (harness.py).
"""

import glob
import json
import os
import re
import time
import unittest
import urllib.parse

import harness

DATA_DIR = os.path.join(harness.REPO, "tests", "data", "search", "relevance")
THEMES = ["english", "hindi", "kannada", "hinglish", "mixed", "syntax", "articles"]
INDEX_TIMEOUT = 30.0      # seconds for the sentinel to become searchable
SETTLE_SECONDS = 3.0      # a mismatching query is retried for this long
SENTINEL_TAG = "relevance-sentinel"
DOC_FIELDS = {"key", "subject", "messages", "tags", "status", "priority", "channel",
              "language"}
QUERY_FIELDS = {"q", "expect", "order", "stretch", "note", "language"}

# file name -> summary dict, filled by the tests and printed once at the end
SUMMARY = {}


def load_file(name):
    with open(os.path.join(DATA_DIR, name + ".json"), encoding="utf-8") as f:
        return json.load(f)


def check_file(data):
    """Problems with a data file's shape, as readable strings (empty when it is fine)."""
    problems = []
    docs = data.get("documents")
    queries = data.get("queries")
    if not isinstance(queries, list) or not queries:
        return ["no queries"]
    keys = set()
    if data.get("demo_kb"):
        articles = data.get("articles")
        if "documents" in data or not isinstance(articles, dict) or not articles:
            return ["a demo_kb file names its articles (key: English title), no documents"]
        keys = set(articles)
        docs = []
    elif not isinstance(docs, list) or not docs:
        return ["no documents"]
    for d in docs:
        key = d.get("key")
        if key in keys:
            problems.append("duplicate key %r" % key)
        keys.add(key)
        if set(d) - DOC_FIELDS:
            problems.append("%s: unknown fields %s" % (key, sorted(set(d) - DOC_FIELDS)))
        if not d.get("subject") or not d.get("messages"):
            problems.append("%s: needs a subject and at least one message" % key)
    for q in queries:
        if set(q) - QUERY_FIELDS:
            problems.append("%r: unknown fields %s" % (q.get("q"), sorted(set(q) - QUERY_FIELDS)))
        if not q.get("q") or not isinstance(q.get("expect"), list) or not q.get("note"):
            problems.append("%r: needs q, expect and note" % q.get("q"))
            continue
        for k in q["expect"] + q.get("order", []):
            if k not in keys:
                problems.append("%r names unknown document %r" % (q["q"], k))
        if not set(q.get("order", [])) <= set(q["expect"]):
            problems.append("%r: order names documents that are not expected" % q["q"])
        if "language" in q and (not data.get("demo_kb") or q["language"] not in KB_LANGUAGES):
            problems.append("%r: language is for article files: en, hi or kn" % q["q"])
    return problems


KB_LANGUAGES = ("en", "hi", "kn")


class LoadedDemoKb:
    """The demo knowledge base in a running server: key <-> article id (by English title)."""

    def __init__(self, server, client, data):
        self.server = server
        self.client = client
        r = client.get("/api/v1/kb/articles?limit=100")
        if r.status != 200:
            raise harness.HarnessError("listing articles failed:\n" + r.describe())
        by_title = {}
        for a in r.json["items"]:
            for t in a["translations"]:
                if t["language"] == "en":
                    by_title[t["title"]] = a["id"]
        self.id_of = {}
        for key, title in data["articles"].items():
            if title not in by_title:
                raise harness.HarnessError("no demo article titled %r; the demo has %s"
                                           % (title, sorted(by_title)))
            self.id_of[key] = by_title[title]
        self.key_of = {v: k for k, v in self.id_of.items()}
        self.count = len(r.json["items"])

    def search(self, q, language=None):
        """(article ids in result order, once each; the last response)."""
        ids = []
        cursor = ""
        for _ in range(50):
            params = {"type": "article", "limit": 100, "q": q}
            if language:
                params["language"] = language
            if cursor:
                params["cursor"] = cursor
            r = self.client.get("/api/v1/search?" + urllib.parse.urlencode(params))
            if r.status != 200 or not isinstance(r.json, dict) or "data" not in r.json:
                return None, r
            for hit in r.json["data"]:
                if hit.get("type") == "article" and hit["id"] not in ids:
                    ids.append(hit["id"])
            cursor = r.json.get("next_cursor") or ""
            if not cursor:
                return ids, r
        raise harness.HarnessError("search %r did not stop paging" % q)

    def wait_indexed(self):
        # A query of negations alone lists every article the agent may see.
        deadline = time.monotonic() + INDEX_TIMEOUT * 4
        last = None
        while time.monotonic() < deadline:
            ids, last = self.search("-zzqqxx")
            if ids is not None and len(ids) >= self.count:
                return
            time.sleep(0.2)
        raise harness.HarnessError("the demo articles were not searchable after %ss; last "
                                   "answer:\n%s\n%s" % (INDEX_TIMEOUT * 4,
                                                         last.describe() if last else "-",
                                                         self.server.log_tail()))

    def keys(self, ids):
        return [self.key_of.get(i, "#%d" % i) for i in ids]


def start_demo_kb_server():
    """A server on a folder filled by seed-demo (no tickets) and a token of its admin."""
    server = harness.Server(env={"SAHAYAK_RATE_LIMIT_PER_MINUTE": "0"}, create_users=False)
    p = server.cli("seed-demo", "--tickets", "0", "--seed", "1")
    m = re.search(r"login: ([\w.+-]+@[\w.-]+) /", p.stdout)
    if not m:
        raise harness.HarnessError("seed-demo printed no admin login:\n" + p.stdout)
    token = server.create_token(m.group(1), "relevance")
    server.start()
    return server, server.bearer(token)


class Loaded:
    """One file's documents in a running server: key <-> ticket id."""

    def __init__(self, server, client, data):
        self.server = server
        self.client = client
        self.key_of = {}
        self.id_of = {}
        for d in data["documents"]:
            body = {"subject": d["subject"], "message": {"body": d["messages"][0]},
                    "requester": {"email": harness.unique_email("rel")},
                    "tags": d.get("tags", []),
                    "priority": d.get("priority", "normal"),
                    "channel": d.get("channel", "api")}
            if d.get("status", "new") != "new":
                body["status"] = d["status"]
            if d.get("language"):
                body["language"] = d["language"]
            r = client.post("/api/v1/tickets", body)
            if r.status != 201:
                raise harness.HarnessError("creating %s failed:\n%s" % (d["key"], r.describe()))
            tid = r.json["id"]
            self.key_of[tid] = d["key"]
            self.id_of[d["key"]] = tid
            for text in d["messages"][1:]:
                r = client.post("/api/v1/tickets/%d/messages" % tid, {"body": text, "public": True})
                if r.status != 201:
                    raise harness.HarnessError("reply on %s failed:\n%s" % (d["key"], r.describe()))
        r = client.post("/api/v1/tickets", {
            "subject": "sentinel", "message": {"body": "sentinel"},
            "requester": {"email": harness.unique_email("rel")}, "tags": [SENTINEL_TAG]})
        if r.status != 201:
            raise harness.HarnessError("creating the sentinel failed:\n" + r.describe())
        self.sentinel_id = r.json["id"]

    def search(self, q):
        """(ids in result order, the response) over every page; ids of unknown tickets kept."""
        ids = []
        cursor = ""
        for _ in range(50):
            path = "/api/v1/search?type=ticket&limit=100&q=" + urllib.parse.quote(q, safe="")
            if cursor:
                path += "&cursor=" + urllib.parse.quote(cursor, safe="")
            r = self.client.get(path)
            if r.status != 200 or not isinstance(r.json, dict) or "data" not in r.json:
                return None, r
            ids += [hit["id"] for hit in r.json["data"] if hit.get("type", "ticket") == "ticket"]
            cursor = r.json.get("next_cursor") or ""
            if not cursor:
                return ids, r
        raise harness.HarnessError("search %r did not stop paging" % q)

    def wait_indexed(self):
        deadline = time.monotonic() + INDEX_TIMEOUT
        last = None
        while time.monotonic() < deadline:
            ids, last = self.search("tag:" + SENTINEL_TAG)
            if ids is not None and self.sentinel_id in ids:
                return
            time.sleep(0.1)
        raise harness.HarnessError("the sentinel ticket was not searchable after %ss; last "
                                   "answer:\n%s\n%s" % (INDEX_TIMEOUT,
                                                        last.describe() if last else "-",
                                                        self.server.log_tail()))

    def keys(self, ids):
        """Result ids as document keys (sentinel dropped; other unknown ids as '#id')."""
        return [self.key_of.get(i, "#%d" % i) for i in ids if i != self.sentinel_id]


def in_order(got, order):
    """True when the keys of `order` appear in `got` in that relative order."""
    positions = [got.index(k) for k in order if k in got]
    return len(positions) == len(order) and positions == sorted(positions)


def run_query(loaded, query):
    """Asks one query (again, for up to SETTLE_SECONDS, while it mismatches); returns a record."""
    expect = set(query["expect"])
    order = query.get("order", [])
    deadline = time.monotonic() + SETTLE_SECONDS
    while True:
        if "language" in query:
            ids, r = loaded.search(query["q"], query["language"])
        else:
            ids, r = loaded.search(query["q"])
        if ids is None:
            got, ok, error = [], False, r.describe()
        else:
            got = loaded.keys(ids)
            error = None
            ok = set(got) == expect and len(got) == len(set(got)) and in_order(got, order)
        if ok or time.monotonic() >= deadline:
            break
        time.sleep(0.3)
    problems = []
    if ids is not None and isinstance(r.json, dict):
        problems = [p.get("code", "?") for p in r.json.get("problems") or []]
    return {"q": query["q"], "note": query.get("note", ""), "stretch": bool(query.get("stretch")),
            "expect": sorted(expect), "order": order, "got": got, "ok": ok, "error": error,
            "problems": problems}


def describe(rec):
    got_set = set(rec["got"])
    lines = ["  q=%r  (%s)" % (rec["q"], rec["note"])]
    if rec["error"]:
        lines.append("    the search failed: " + rec["error"])
        return "\n".join(lines)
    lines.append("    expected %s, got %s" % (rec["expect"], rec["got"]))
    missing = sorted(set(rec["expect"]) - got_set)
    extra = sorted(got_set - set(rec["expect"]))
    if missing:
        lines.append("    missing: %s" % missing)
    if extra:
        lines.append("    extra: %s" % extra)
    if len(rec["got"]) != len(got_set):
        lines.append("    a document came twice")
    if rec["order"] and not in_order(rec["got"], rec["order"]):
        lines.append("    order: expected %s before one another, got %s"
                     % (rec["order"], [k for k in rec["got"] if k in rec["order"]]))
    if rec["problems"]:
        lines.append("    query problems reported: %s" % rec["problems"])
    return "\n".join(lines)


def summarise(name, records):
    required = [r for r in records if not r["stretch"]]
    stretch = [r for r in records if r["stretch"]]
    tp = sum(len(set(r["got"]) & set(r["expect"])) for r in required)
    got = sum(len(set(r["got"])) for r in required)
    exp = sum(len(r["expect"]) for r in required)
    s_tp = sum(len(set(r["got"]) & set(r["expect"])) for r in stretch)
    s_got = sum(len(set(r["got"])) for r in stretch)
    s_exp = sum(len(r["expect"]) for r in stretch)
    SUMMARY[name] = {
        "queries": len(required), "passed": sum(r["ok"] for r in required),
        "stretch": len(stretch), "stretch_passed": sum(r["ok"] for r in stretch),
        "precision": tp / got if got else 1.0, "recall": tp / exp if exp else 1.0,
        "stretch_precision": s_tp / s_got if s_got else 1.0,
        "stretch_recall": s_tp / s_exp if s_exp else 1.0}


def print_summary():
    if not SUMMARY:
        return
    print("\nsearch relevance (required queries; stretch apart):")
    print("  %-10s %7s %6s %6s %9s %9s %8s  %s" % ("file", "queries", "passed", "failed",
                                                   "precision", "recall", "stretch",
                                                   "stretch precision / recall"))
    tot = {"queries": 0, "passed": 0, "stretch": 0, "stretch_passed": 0}
    for name in THEMES:
        s = SUMMARY.get(name)
        if not s:
            continue
        for k in tot:
            tot[k] += s[k]
        print("  %-10s %7d %6d %6d %9.3f %9.3f %4d/%-3d  %s" % (
            name, s["queries"], s["passed"], s["queries"] - s["passed"], s["precision"],
            s["recall"], s["stretch_passed"], s["stretch"],
            "%.3f / %.3f" % (s["stretch_precision"], s["stretch_recall"]) if s["stretch"]
            else "-"))
    print("  %-10s %7d %6d %6d %9s %9s %4d/%-3d" % (
        "all", tot["queries"], tot["passed"], tot["queries"] - tot["passed"], "", "",
        tot["stretch_passed"], tot["stretch"]), flush=True)


class SearchRelevanceDataTest(unittest.TestCase):
    """The data files themselves: present, well formed, consistent (no server needed)."""

    def test_every_theme_has_a_well_formed_file(self):
        names = sorted(os.path.splitext(os.path.basename(p))[0]
                       for p in glob.glob(os.path.join(DATA_DIR, "*.json")))
        self.assertEqual(names, sorted(THEMES))
        for name in THEMES:
            with self.subTest(file=name):
                self.assertEqual(check_file(load_file(name)), [])


class SearchRelevanceTest(unittest.TestCase):
    """One test per data file, each against its own fresh server."""

    @classmethod
    def tearDownClass(cls):
        print_summary()

    def run_file(self, name):
        data = load_file(name)
        self.assertEqual(check_file(data), [], "the data file %s.json is malformed" % name)
        # The rate limiter is not what is tested here (a file makes a few hundred requests).
        server = None
        try:
            if data.get("demo_kb"):
                server, client = start_demo_kb_server()
            else:
                server = harness.Server(env={"SAHAYAK_RATE_LIMIT_PER_MINUTE": "0"})
                server.start()
                client = server.bearer(server.admin_token)
            probe = client.get("/api/v1/search?q=x")
            if probe.status == 404:
                self.skipTest("this binary has no /api/v1/search")
            if data.get("demo_kb"):
                loaded = LoadedDemoKb(server, client, data)
            else:
                loaded = Loaded(server, client, data)
            loaded.wait_indexed()
            records = [run_query(loaded, q) for q in data["queries"]]
        finally:
            if server is not None:
                server.cleanup()
        summarise(name, records)
        failed = [r for r in records if not r["ok"] and not r["stretch"]]
        stretch_failed = [r for r in records if not r["ok"] and r["stretch"]]
        if stretch_failed:
            print("%s.json: %d stretch queries not met (not a failure):\n%s"
                  % (name, len(stretch_failed), "\n".join(describe(r) for r in stretch_failed)))
        if failed:
            required = sum(1 for r in records if not r["stretch"])
            self.fail("%s.json: %d of %d required queries gave the wrong documents:\n%s"
                      % (name, len(failed), required, "\n".join(describe(r) for r in failed)))


def _add_file_test(name):
    def test(self):
        self.run_file(name)
    test.__name__ = "test_%s" % name
    test.__doc__ = "tests/data/search/relevance/%s.json" % name
    setattr(SearchRelevanceTest, test.__name__, test)


for _name in THEMES:
    _add_file_test(_name)


if __name__ == "__main__":
    unittest.main()
