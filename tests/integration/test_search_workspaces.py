"""Search never crosses workspaces: two workspaces in one server, the same words in both.

The second workspace is made through the CLI (`sahayak admin create-agent --workspace NAME`
creates the workspace when there is none of that name; `admin create-token --workspace NAME`
makes a token for an agent of it). Each workspace gets a ticket, a contact, an organisation
and a published public article holding the same marker word, in English, Hindi and Kannada.
Each workspace's agents must find exactly their own through /api/v1/search and
/api/v1/search/suggest, ticket numbers (#1 exists in both) must lead to their own ticket,
and the help centre (which serves the first workspace) must show only that workspace's
article.
"""

import time
import unittest
import urllib.parse

import harness

INDEX_WAIT = 15.0
SECOND = "Second brand"


def created(r):
    if r.status != 201:
        raise harness.HarnessError(r.describe())
    return r.json


class Workspace:
    """One workspace's content with the shared marker words; ids by kind."""

    def __init__(self, admin, agent, marker, label):
        self.admin = admin
        self.agent = agent
        self.org = created(admin.post("/api/v1/organisations",
                                      {"name": "Parcel House %s %s" % (marker, label)}))
        email = harness.unique_email("ws")
        self.ticket = agent.create_ticket(
            "पार्सल नहीं मिला %s" % marker,
            "ಪಾರ್ಸೆಲ್ ಇನ್ನೂ ಬಂದಿಲ್ಲ. Parcel still missing, reference %s (%s)" % (marker, label),
            email=email, requester={"email": email, "name": "Asha %s" % marker})
        self.contact_id = self.ticket["requester_id"] if "requester_id" in self.ticket else None
        cat = created(admin.post("/api/v1/kb/categories", {
            "titles": {"en": "Shipping " + label, "hi": "शिपिंग", "kn": "ಸಾಗಣೆ"}}))
        sec = created(admin.post("/api/v1/kb/sections", {
            "category_id": cat["id"], "titles": {"en": "Tracking", "hi": "ट्रैकिंग"}}))
        self.article = created(admin.post("/api/v1/kb/articles", {
            "section_id": sec["id"], "visibility": "public", "language": "en",
            "status": "published", "title": "Track a missing parcel %s" % marker,
            "body": "Enter the number %s on the tracking page (%s)." % (marker, label)}))
        r = admin.put("/api/v1/kb/articles/%d/translations/hi" % self.article["id"],
                      {"title": "गुम पार्सल ट्रैक करें", "status": "published",
                       "body": "ट्रैकिंग पेज पर नंबर %s डालें।" % marker})
        if r.status != 200:
            raise harness.HarnessError(r.describe())

    def expected(self):
        """(type, id) of what a search for the marker must find here."""
        out = {("ticket", self.ticket["id"]), ("organization", self.org["id"]),
               ("article", self.article["id"])}
        if self.contact_id is not None:
            out.add(("contact", self.contact_id))
        return out


class SearchWorkspaceIsolationTest(unittest.TestCase):
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        s = cls.server = harness.Server()
        s.cli("admin", "create-agent", "--workspace", SECOND, "--email", "admin2@second.test",
              "--name", "ದೀಪಾ Admin", "--role", "admin", "--password", s.admin_password)
        s.cli("admin", "create-agent", "--workspace", SECOND, "--email", "agent2@second.test",
              "--name", "Kiran Agent", "--role", "agent", "--password", s.agent_password)
        tok = lambda email: s.cli("admin", "create-token", "--workspace", SECOND, "--email",
                                  email).stdout.strip()
        s.start()
        cls.marker = harness.unique("iso")
        cls.one = Workspace(s.bearer(s.admin_token), s.bearer(s.agent_token), cls.marker, "one")
        cls.two = Workspace(s.bearer(tok("admin2@second.test")),
                            s.bearer(tok("agent2@second.test")), cls.marker, "two")
        cls.anon = s.anonymous()

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    def search(self, client, q, **params):
        params["q"] = q
        params.setdefault("type", "ticket,contact,organization,article")
        params.setdefault("limit", 100)
        r = client.get("/api/v1/search?" + urllib.parse.urlencode(params))
        self.assertEqual(r.status, 200, r.describe())
        return r

    def found(self, client, q, **params):
        return {(h["type"], h["id"]) for h in self.search(client, q, **params).json["data"]}

    def wait_all_indexed(self):
        deadline = time.monotonic() + INDEX_WAIT
        for ws in (self.one, self.two):
            want = ws.expected()
            while True:
                got = self.found(ws.agent, self.marker)
                if want <= got or time.monotonic() > deadline:
                    break
                time.sleep(0.1)

    def test_the_second_workspace_is_a_different_one(self):
        w1 = self.one.admin.get("/api/v1/workspace")
        w2 = self.two.admin.get("/api/v1/workspace")
        self.assertEqual((w1.status, w2.status), (200, 200), w2.describe())
        self.assertNotEqual(w1.json["id"], w2.json["id"])
        self.assertEqual(w2.json["name"], SECOND)
        # Both workspaces number their tickets from 1: the same number, two tickets.
        self.assertEqual(self.one.ticket["number"], self.two.ticket["number"])
        self.assertNotEqual(self.one.ticket["id"], self.two.ticket["id"])

    def test_search_finds_only_the_own_workspace(self):
        self.wait_all_indexed()
        both = self.one.expected() | self.two.expected()
        self.assertEqual(len(both), len(self.one.expected()) + len(self.two.expected()))
        for ws in (self.one, self.two):
            for client in (ws.agent, ws.admin):
                for q in (self.marker, "पार्सल " + self.marker, "ಪಾರ್ಸೆಲ್ " + self.marker,
                          "parcel " + self.marker):
                    with self.subTest(workspace=ws.ticket["id"], q=q):
                        got = self.found(client, q)
                        self.assertTrue(got, "%r found nothing" % q)
                        self.assertLessEqual(got, ws.expected(), "%r crossed workspaces" % q)
            self.assertEqual(self.found(ws.agent, self.marker), ws.expected())
            # Filters alone and negations alone are limited to the workspace as well.
            ids = {h["id"] for h in self.search(ws.agent, "-zzzz" + self.marker,
                                                type="ticket").json["data"]}
            self.assertIn(ws.ticket["id"], ids)
            other = self.two if ws is self.one else self.one
            self.assertNotIn(other.ticket["id"], ids)
            ids = {h["id"] for h in self.search(ws.agent, "status:new", type="ticket")
                   .json["data"]}
            self.assertNotIn(other.ticket["id"], ids)
            # Articles in one language only.
            got = self.search(ws.agent, self.marker, type="article", language="hi").json["data"]
            self.assertEqual([(h["id"], h["fields"]["language"]) for h in got],
                             [(ws.article["id"], "hi")])

    def test_suggest_finds_only_the_own_workspace(self):
        self.wait_all_indexed()
        for ws, other in ((self.one, self.two), (self.two, self.one)):
            r = ws.agent.get("/api/v1/search/suggest?" +
                             urllib.parse.urlencode({"q": self.marker, "limit": 20}))
            self.assertEqual(r.status, 200, r.describe())
            got = {(s["type"], s["id"]) for s in r.json["data"]}
            self.assertTrue(got, r.describe())
            self.assertLessEqual(got, ws.expected(), r.describe())
            self.assertIn(("ticket", ws.ticket["id"]), got)
            # The prefix of the marker as typed so far.
            r = ws.agent.get("/api/v1/search/suggest?" +
                             urllib.parse.urlencode({"q": self.marker[:-2]}))
            got = {(s["type"], s["id"]) for s in r.json["data"]}
            self.assertNotIn(("ticket", other.ticket["id"]), got, r.describe())
            self.assertNotIn(("article", other.article["id"]), got, r.describe())
            # "#1" is a ticket of each workspace: the agent gets their own.
            r = ws.agent.get("/api/v1/search/suggest?q=%23" + str(ws.ticket["number"]))
            tickets = [s["id"] for s in r.json["data"] if s["type"] == "ticket"]
            self.assertIn(ws.ticket["id"], tickets, r.describe())
            self.assertNotIn(other.ticket["id"], tickets, r.describe())

    def test_help_centre_search_shows_only_its_workspace(self):
        self.wait_all_indexed()
        own = 'href="/help/%%s/articles/%d"' % self.one.article["id"]
        foreign = 'href="/help/%%s/articles/%d"' % self.two.article["id"]
        for lang, q in (("en", self.marker), ("en", "parcel " + self.marker),
                        ("hi", self.marker), ("hi", "पार्सल " + self.marker)):
            with self.subTest(lang=lang, q=q):
                deadline = time.monotonic() + INDEX_WAIT
                while True:
                    r = self.anon.get("/help/%s/search?q=%s" % (lang, urllib.parse.quote(q)))
                    self.assertEqual(r.status, 200, r.describe())
                    text = r.raw.decode("utf-8")
                    if own % lang in text or time.monotonic() > deadline:
                        break
                    time.sleep(0.2)
                self.assertIn(own % lang, text)
                self.assertNotIn(foreign % lang, text)
        # The second workspace's article exists and is public: its own agents find it.
        got = self.found(self.two.agent, self.marker, type="article")
        self.assertIn(("article", self.two.article["id"]), got)


if __name__ == "__main__":
    unittest.main()
