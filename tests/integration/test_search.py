"""Search through the HTTP API on the real server: GET /api/v1/search and /search/suggest.

Tickets in Hindi, Kannada and English are created through the API; the server's indexing
thread makes them searchable within about a second, so each test polls (up to 10 s) for its
own marker word before it checks anything. Marker words are unique per run (harness.unique),
so tests never see each other's tickets.
"""

import time
import unittest
import urllib.parse

import harness

INDEX_WAIT = 10.0


class SearchTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = harness.Server()
        cls.server.start()
        cls.admin = cls.server.bearer(cls.server.admin_token)
        cls.agent = cls.server.bearer(cls.server.agent_token)

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    # --- helpers --------------------------------------------------------------------------
    def search(self, q, client=None, **params):
        params["q"] = q
        return (client or self.agent).get("/api/v1/search?" + urllib.parse.urlencode(params))

    def wait_for(self, q, count, **params):
        """Polls until `q` finds `count` hits; returns the last 200 response."""
        deadline = time.monotonic() + INDEX_WAIT
        while True:
            r = self.search(q, **params)
            self.assertEqual(r.status, 200, r.describe())
            if len(r.json["data"]) >= count or time.monotonic() > deadline:
                self.assertEqual(len(r.json["data"]), count,
                                 "%r: not indexed within %ss\n%s" % (q, INDEX_WAIT, r.describe()))
                return r
            time.sleep(0.1)

    def assertProblem(self, r, status, fields):
        self.assertEqual(r.status, status, r.describe())
        self.assertEqual(r.header("Content-Type"), "application/problem+json", r.describe())
        self.assertEqual({e["field"] for e in r.json.get("errors", [])}, set(fields),
                         r.describe())

    # --- tests ----------------------------------------------------------------------------
    def test_finds_hindi_kannada_and_english_with_snippets(self):
        m = harness.unique("mk")
        hi = self.agent.create_ticket("मेरा पार्सल कहाँ है? " + m, "तीन दिन से पार्सल नहीं आया " + m)
        kn = self.agent.create_ticket("ನನ್ನ ಪಾರ್ಸೆಲ್ ಎಲ್ಲಿದೆ? " + m, "ಇನ್ನೂ ಬಂದಿಲ್ಲ " + m)
        en = self.agent.create_ticket("Parcel late " + m,
                                      "<b>Hello</b> <script>x()</script> my parcels are late " + m)
        r = self.wait_for(m, 3, type="ticket")
        self.assertEqual({h["id"] for h in r.json["data"]}, {hi["id"], kn["id"], en["id"]})
        self.assertEqual(r.json["total"], 3)
        self.assertTrue(r.json["total_exact"])
        self.assertIsNone(r.json["next_cursor"])
        self.assertEqual(r.json["problems"], [])
        hit = r.json["data"][0]
        self.assertEqual(set(hit), {"type", "id", "title", "snippet", "score", "fields"})
        self.assertEqual(hit["type"], "ticket")
        for key in ("number", "status", "priority", "channel", "created_at", "updated_at"):
            self.assertIn(key, hit["fields"], hit)

        r = self.search("पार्सल " + m)
        self.assertEqual([h["id"] for h in r.json["data"]][:1], [hi["id"]], r.describe())
        self.assertIn("<mark>पार्सल</mark>", r.json["data"][0]["snippet"])
        r = self.search("ಪಾರ್ಸೆಲ್ " + m)
        self.assertEqual([h["id"] for h in r.json["data"]], [kn["id"]], r.describe())
        self.assertIn("<mark>ಪಾರ್ಸೆಲ್</mark>", r.json["data"][0]["snippet"])
        r = self.search("parcel " + m, type="ticket")
        ids = [h["id"] for h in r.json["data"]]
        self.assertIn(en["id"], ids, r.describe())
        snippet = next(h["snippet"] for h in r.json["data"] if h["id"] == en["id"])
        self.assertIn("<mark>parcels</mark>", snippet)
        self.assertIn("&lt;script&gt;", snippet)
        self.assertNotIn("<script", snippet)
        self.assertNotIn("<b>", snippet)

    def test_operators_fields_facets_and_sort(self):
        m = harness.unique("op")
        a = self.agent.create_ticket("Invoice copy " + m, "please send invoice " + m,
                                     priority="urgent", tags=["vip"])
        b = self.agent.create_ticket("Refund " + m, "refund please " + m, status="pending")
        c = self.agent.create_ticket("Refund again " + m, "refund please " + m, status="pending")
        self.wait_for(m, 3)
        self.assertEqual({h["id"] for h in self.search(m + " invoice OR refund").json["data"]},
                         {a["id"], b["id"], c["id"]})
        self.assertEqual([h["id"] for h in self.search(m + " -refund").json["data"]], [a["id"]])
        self.assertEqual([h["id"] for h in self.search(m + " tag:vip priority:urgent").json["data"]],
                         [a["id"]])
        self.assertEqual({h["id"] for h in self.search(m + " status:pending").json["data"]},
                         {b["id"], c["id"]})
        self.assertEqual([h["id"] for h in self.search("#%d" % a["number"]).json["data"]],
                         [a["id"]])
        newest = self.search(m, sort="-created_at").json["data"]
        self.assertEqual([h["id"] for h in newest], [c["id"], b["id"], a["id"]])
        oldest = self.search(m, sort="created_at").json["data"]
        self.assertEqual([h["id"] for h in oldest], [a["id"], b["id"], c["id"]])

        r = self.search(m, facets="1", limit="1")
        self.assertEqual(r.json["facets"]["status"], {"new": 1, "pending": 2}, r.describe())
        self.assertEqual(r.json["facets"]["priority"], {"urgent": 1, "normal": 2})
        self.assertEqual(set(r.json["facets"]), {"status", "group", "channel", "priority"})
        self.assertNotIn("facets", self.search(m).json)

        # Paging: three pages of one, no repeats, then no cursor.
        seen, cursor = [], None
        for _ in range(5):
            params = {"limit": "1", "sort": "created_at"}
            if cursor:
                params["cursor"] = cursor
            page = self.search(m, **params)
            self.assertEqual(page.status, 200, page.describe())
            seen += [h["id"] for h in page.json["data"]]
            cursor = page.json["next_cursor"]
            if not cursor:
                break
        self.assertEqual(seen, [a["id"], b["id"], c["id"]])

    def test_query_problems_and_bad_parameters(self):
        r = self.search("पार्सल status:opne")
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual(len(r.json["problems"]), 1, r.describe())
        p = r.json["problems"][0]
        self.assertEqual(p["code"], "unknown-value")
        # The span is the value "opne", in code points (पार्सल is 6 of them, 18 bytes).
        self.assertEqual((p["begin"], p["end"]), (14, 18), "code points, not bytes")
        self.assertIsInstance(p["message"], str)
        self.assertIsInstance(r.json["query"], str)
        r = self.search("")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.json["data"], [])
        self.assertProblem(self.search("x", type="ticket,spaceship"), 422, ["type"])
        self.assertProblem(self.search("x", sort="subject"), 422, ["sort"])
        self.assertProblem(self.search("x", limit="0"), 422, ["limit"])
        self.assertProblem(self.search("x", limit="101"), 422, ["limit"])
        self.assertProblem(self.search("x", cursor="not-a-cursor"), 422, ["cursor"])
        self.assertProblem(self.search("x", facets="maybe"), 422, ["facets"])
        first = self.search("refund", limit="1")
        if first.json["next_cursor"]:
            self.assertProblem(self.search("invoice", limit="1", cursor=first.json["next_cursor"]),
                               422, ["cursor"])

    def test_messages_keep_their_language_and_search_files_tickets_by_it(self):
        m = harness.unique("lg")
        t = self.agent.create_ticket("Parcel " + m, "मेरा पार्सल तीन दिन से नहीं आया है, कृपया बताइए " + m)
        r = self.agent.post("/api/v1/tickets/%d/messages" % t["id"],
                            {"body": "ನಿಮ್ಮ ಪಾರ್ಸೆಲ್ ನಾಳೆ ತಲುಪುತ್ತದೆ, ದಯವಿಟ್ಟು ಕಾಯಿರಿ " + m, "public": True})
        self.assertEqual(r.status, 201, r.describe())
        self.assertEqual(r.json["language"], "kn", "the reply as stored\n" + r.describe())
        other = self.agent.create_ticket("Parcel " + m, "My parcel has not arrived yet " + m)
        msgs = self.agent.list_all("/api/v1/tickets/%d/messages" % t["id"])
        self.assertEqual([x["language"] for x in msgs], ["hi", "kn"])
        self.wait_for(m, 2, type="ticket")
        for q, expected in ((m + " lang:kn", [t["id"]]), (m + " lang:hi", [t["id"]]),
                            (m + " lang:en", [other["id"]]), (m + " lang:fr", [])):
            r = self.search(q, type="ticket")
            self.assertEqual(sorted(h["id"] for h in r.json["data"]), expected, r.describe())

    def test_has_attachment(self):
        m = harness.unique("at")
        up = self.agent.upload("रसीद.pdf", b"%PDF-1.4 receipt", "application/pdf")
        self.assertEqual(up.status, 201, up.describe())
        with_file = self.agent.create_ticket("Receipt " + m, "attached " + m,
                                             message={"body": "attached " + m,
                                                      "attachment_ids": [up.json["id"]]})
        self.agent.create_ticket("No receipt " + m, "nothing attached " + m)
        self.wait_for(m, 2, type="ticket")
        r = self.search(m + " has:attachment")
        self.assertEqual([h["id"] for h in r.json["data"]], [with_file["id"]], r.describe())
        r = self.search(m + " रसीद")
        self.assertEqual([h["id"] for h in r.json["data"]], [with_file["id"]],
                         "attachment file names are searchable\n" + r.describe())

    def test_suggest(self):
        m = harness.unique("sg")
        email = m + "@suggest.example"
        t = self.agent.create_ticket("Damaged box " + m, "the box was damaged " + m, email=email,
                                     requester={"email": email, "name": "Suvarna " + m})
        self.wait_for(m, 1, type="ticket")
        r = self.agent.get("/api/v1/search/suggest?q=%23" + str(t["number"]))
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual(r.json["data"][0]["type"], "ticket")
        self.assertEqual(r.json["data"][0]["id"], t["id"])
        self.assertIn("#%d" % t["number"], r.json["data"][0]["detail"])
        r = self.agent.get("/api/v1/search/suggest?" + urllib.parse.urlencode({"q": m[:-2]}))
        self.assertEqual(r.status, 200, r.describe())
        self.assertIn(t["id"], [s["id"] for s in r.json["data"] if s["type"] == "ticket"],
                      r.describe())
        for s in r.json["data"]:
            self.assertEqual(set(s), {"type", "id", "title", "detail"})
        self.assertProblem(self.agent.get("/api/v1/search/suggest?q=a&limit=21"), 422, ["limit"])

    def test_permissions_and_internal_notes(self):
        self.assertEqual(self.server.anonymous().get("/api/v1/search?q=parcel").status, 401)
        self.assertEqual(self.server.anonymous().get("/api/v1/search/suggest?q=p").status, 401)
        m = harness.unique("nt")
        t = self.agent.create_ticket("Address change", "please deliver to the office")
        r = self.agent.post("/api/v1/tickets/%d/messages" % t["id"],
                            {"body": "internal: chargeback risk " + m, "public": False})
        self.assertIn(r.status, (200, 201), r.describe())
        r = self.wait_for(m, 1)
        self.assertEqual(r.json["data"][0]["id"], t["id"])
        # An admin finds it as well; both are agents of the one workspace.
        self.assertEqual(len(self.search(m, client=self.admin).json["data"]), 1)

    def test_saved_view_with_a_query(self):
        r = self.agent.post("/api/v1/views", {"name": harness.unique("v"),
                                              "filters": {"q": "पार्सल status:open"}},
                            headers={"Idempotency-Key": harness.unique("k")})
        self.assertEqual(r.status, 201, r.describe())
        self.assertEqual(r.json["filters"]["q"], "पार्सल status:open")
        r = self.agent.post("/api/v1/views", {"name": harness.unique("v"),
                                              "filters": {"q": "क" * 1001}},
                            headers={"Idempotency-Key": harness.unique("k")})
        self.assertProblem(r, 422, ["filters.q"])


if __name__ == "__main__":
    unittest.main()
