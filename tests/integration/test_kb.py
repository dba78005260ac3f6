"""The knowledge base API (docs/kb.md) against the real server: categories, sections, articles in
Hindi and Kannada, translations, versions with diff and restore, publishing, public feedback
(rate-limited, 404 unless public), roles and bad input."""

import unittest

import harness

S = {}


def setUpModule():
    server = harness.Server()
    server.start()
    S["server"] = server


def tearDownModule():
    if "server" in S:
        S["server"].cleanup()


class KbTest(unittest.TestCase):
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        cls.server = S["server"]
        cls.admin = cls.server.bearer(cls.server.admin_token)
        cls.agent = cls.server.bearer(cls.server.agent_token)
        r = cls.admin.post("/api/v1/kb/categories", {
            "titles": {"en": "Shipping", "hi": "शिपिंग", "kn": "ಸಾಗಣೆ"},
            "descriptions": {"hi": "पार्सल के बारे में"}})
        assert r.status == 201, r.describe()
        cls.category = r.json
        r = cls.admin.post("/api/v1/kb/sections", {
            "category_id": cls.category["id"], "titles": {"en": "Tracking", "hi": "ट्रैकिंग"}})
        assert r.status == 201, r.describe()
        cls.section = r.json

    def create(self, language, title, body, status="draft", client=None, **extra):
        payload = {"section_id": self.section["id"], "language": language, "title": title,
                   "body": body, "status": status}
        payload.update(extra)
        r = (client or self.agent).post("/api/v1/kb/articles", payload)
        self.assertEqual(r.status, 201, r.describe())
        return r.json

    def test_categories_and_sections_have_localised_titles(self):
        self.assertEqual(self.category["titles"]["kn"], "ಸಾಗಣೆ")
        self.assertEqual(self.section["category_id"], self.category["id"])
        r = self.agent.get("/api/v1/kb/categories")
        self.assertEqual(r.status, 200, r.describe())
        cat = [c for c in r.json["items"] if c["id"] == self.category["id"]][0]
        self.assertEqual([s["id"] for s in cat["sections"]], [self.section["id"]])
        # A patch with a stale If-Match changes nothing.
        r = self.admin.patch("/api/v1/kb/categories/%d" % self.category["id"],
                             {"position": 3}, headers={"If-Match": '"99"'})
        self.assertEqual(r.status, 412, r.describe())
        r = self.admin.patch("/api/v1/kb/sections/%d" % self.section["id"],
                             {"descriptions": {"kn": "ಪಾರ್ಸೆಲ್ ಎಲ್ಲಿದೆ"}})
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual(r.json["descriptions"]["kn"], "ಪಾರ್ಸೆಲ್ ಎಲ್ಲಿದೆ")
        self.assertEqual(r.headers.get("ETag"), '"%d"' % r.json["version"])

    def test_translations_versions_diff_and_restore(self):
        a = self.create("hi", "पार्सल कैसे ट्रैक करें", "पहला चरण\nदूसरा चरण\n")
        aid = a["id"]
        self.assertEqual(a["translations"][0]["language"], "hi")
        self.assertEqual(a["translations"][0]["version_no"], 1)
        self.assertEqual(a["translations"][0]["status"], "draft")
        # The Kannada translation of the same article.
        r = self.agent.put("/api/v1/kb/articles/%d/translations/kn" % aid,
                           {"title": "ಪಾರ್ಸೆಲ್ ಟ್ರ್ಯಾಕ್ ಮಾಡುವುದು", "body": "ಮೊದಲ ಹಂತ\n"})
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual([t["language"] for t in r.json["translations"]], ["hi", "kn"])
        version = r.json["version"]
        # Saving the same text twice adds no version.
        same = self.agent.put("/api/v1/kb/articles/%d/translations/kn" % aid,
                              {"title": "ಪಾರ್ಸೆಲ್ ಟ್ರ್ಯಾಕ್ ಮಾಡುವುದು", "body": "ಮೊದಲ ಹಂತ\n"})
        self.assertEqual(same.json["version"], version)
        # A stale If-Match is refused.
        stale = self.agent.put("/api/v1/kb/articles/%d/translations/hi" % aid,
                               {"title": "x", "body": "y"},
                               headers={"If-Match": '"%d"' % (version - 1)})
        self.assertEqual(stale.status, 412, stale.describe())
        r = self.agent.put("/api/v1/kb/articles/%d/translations/hi" % aid,
                           {"title": "पार्सल ट्रैक करें", "body": "पहला चरण\nनया चरण\n",
                            "status": "published"}, headers={"If-Match": '"%d"' % version})
        self.assertEqual(r.status, 200, r.describe())
        hi = [t for t in r.json["translations"] if t["language"] == "hi"][0]
        self.assertEqual(hi["version_no"], 2)
        self.assertEqual(hi["status"], "published")
        self.assertIsNotNone(hi["published_at"])
        self.assertIn("नया चरण", hi["html"])
        versions = self.agent.get("/api/v1/kb/articles/%d/translations/hi/versions" % aid)
        self.assertEqual([v["version_no"] for v in versions.json["items"]], [2, 1])
        self.assertNotIn("body", versions.json["items"][0])
        v1 = self.agent.get("/api/v1/kb/articles/%d/translations/hi/versions/1" % aid)
        self.assertEqual(v1.json["body"], "पहला चरण\nदूसरा चरण\n")
        d = self.agent.get("/api/v1/kb/articles/%d/translations/hi/diff?from=1&to=2" % aid)
        self.assertEqual(d.status, 200, d.describe())
        self.assertEqual(d.json["title"], {"from": "पार्सल कैसे ट्रैक करें",
                                           "to": "पार्सल ट्रैक करें"})
        self.assertEqual(d.json["lines"], [{"op": "equal", "text": "पहला चरण"},
                                           {"op": "delete", "text": "दूसरा चरण"},
                                           {"op": "insert", "text": "नया चरण"}])
        bad = self.agent.get("/api/v1/kb/articles/%d/translations/hi/diff?from=1" % aid)
        self.assertEqual(bad.status, 422, bad.describe())
        r = self.agent.post("/api/v1/kb/articles/%d/translations/hi/versions/1/restore" % aid)
        self.assertEqual(r.status, 200, r.describe())
        hi = [t for t in r.json["translations"] if t["language"] == "hi"][0]
        self.assertEqual(hi["version_no"], 3)
        self.assertEqual(hi["body"], "पहला चरण\nदूसरा चरण\n")
        self.assertEqual(hi["status"], "published", "restoring keeps the status")
        versions = self.agent.get("/api/v1/kb/articles/%d/translations/hi/versions" % aid)
        self.assertEqual(versions.json["items"][0]["note"], "restored from version 1")
        self.assertEqual(len(versions.json["items"]), 3, "history is never rewritten")
        # The list filters by language and status.
        r = self.agent.get("/api/v1/kb/articles?language=kn&status=draft&section_id=%d"
                           % self.section["id"])
        self.assertIn(aid, [x["id"] for x in r.json["items"]])
        r = self.agent.get("/api/v1/kb/articles?language=kn&status=published")
        self.assertNotIn(aid, [x["id"] for x in r.json["items"]])
        # Translations: an agent may not delete one; the last one cannot go.
        r = self.agent.delete("/api/v1/kb/articles/%d/translations/kn" % aid)
        self.assertEqual(r.status, 403, r.describe())
        r = self.admin.delete("/api/v1/kb/articles/%d/translations/kn" % aid)
        self.assertEqual(r.status, 204, r.describe())
        r = self.admin.delete("/api/v1/kb/articles/%d/translations/hi" % aid)
        self.assertEqual(r.status, 409, r.describe())

    def test_feedback_is_public_and_only_for_public_articles(self):
        anon = self.server.anonymous()
        pub = self.create("kn", "ರಿಟರ್ನ್ ನೀತಿ", "ಏಳು ದಿನಗಳು", status="published")
        draft = self.create("kn", "ಕರಡು", "ಇನ್ನೂ ಬರೆಯುತ್ತಿದ್ದೇವೆ")
        internal = self.create("en", "Escalations", "Agents only", status="published",
                               visibility="internal")
        path = "/api/v1/kb/articles/%d/feedback"
        r = anon.post(path % pub["id"], {"language": "kn", "helpful": True})
        self.assertEqual(r.status, 204, r.describe())
        r = anon.post(path % pub["id"], {"language": "kn", "helpful": False})
        self.assertEqual(r.status, 204, r.describe())
        for aid, lang in ((draft["id"], "kn"), (internal["id"], "en"), (pub["id"], "hi"),
                          (987654, "kn")):
            r = anon.post(path % aid, {"language": lang, "helpful": True})
            self.assertEqual(r.status, 404, r.describe())
        r = anon.post(path % pub["id"], {"language": "fr", "helpful": "yes"})
        self.assertEqual(r.status, 422, r.describe())
        fields = {e["field"] for e in r.json["errors"]}
        self.assertEqual(fields, {"language", "helpful"})
        got = self.agent.get("/api/v1/kb/articles/%d" % pub["id"]).json
        kn = got["translations"][0]
        self.assertEqual((kn["helpful_yes"], kn["helpful_no"]), (1, 1))
        # Over the per-address limit (10 a minute, counted before anything else): 429.
        statuses = [anon.post(path % pub["id"], {"language": "kn", "helpful": True}).status
                    for _ in range(10)]
        self.assertIn(429, statuses, statuses)
        r = anon.post(path % pub["id"], {"language": "kn", "helpful": True})
        self.assertEqual(r.status, 429, r.describe())
        self.assertEqual(r.problem_type, "/problems/rate-limited")

    def test_roles(self):
        r = self.agent.post("/api/v1/kb/categories", {"titles": {"en": "Agents cannot"}})
        self.assertEqual(r.status, 403, r.describe())
        r = self.agent.post("/api/v1/kb/sections", {"category_id": self.category["id"],
                                                    "titles": {"en": "No"}})
        self.assertEqual(r.status, 403, r.describe())
        a = self.create("en", "Delete me", "soon")
        r = self.agent.delete("/api/v1/kb/articles/%d" % a["id"])
        self.assertEqual(r.status, 403, r.describe())
        r = self.server.anonymous().get("/api/v1/kb/articles/%d" % a["id"])
        self.assertEqual(r.status, 401, r.describe())
        r = self.admin.delete("/api/v1/kb/articles/%d" % a["id"])
        self.assertEqual(r.status, 204, r.describe())
        self.assertEqual(self.agent.get("/api/v1/kb/articles/%d" % a["id"]).status, 404)
        ids = [x["id"] for x in self.agent.get("/api/v1/kb/articles?limit=100").json["items"]]
        self.assertNotIn(a["id"], ids)
        # A category with sections cannot be deleted.
        r = self.admin.delete("/api/v1/kb/categories/%d" % self.category["id"])
        self.assertEqual(r.status, 409, r.describe())

    def test_bad_input(self):
        sid = self.section["id"]
        cases = [
            ({"section_id": sid, "language": "fr", "title": "t", "body": "b"}, "language"),
            ({"section_id": sid, "language": "hi", "title": "क" * 201, "body": "b"}, "title"),
            ({"section_id": sid, "language": "hi", "title": "", "body": "b"}, "title"),
            ({"section_id": sid, "language": "kn", "title": 7, "body": "b"}, "title"),
            ({"section_id": "x", "language": "kn", "title": "t", "body": "b"}, "section_id"),
            ({"section_id": 987654, "language": "kn", "title": "t", "body": "b"}, "section_id"),
            ({"section_id": sid, "language": "en", "title": "t", "body": ["b"]}, "body"),
            ({"section_id": sid, "language": "en", "title": "t", "body": "b",
              "visibility": "secret"}, "visibility"),
            ({"section_id": sid, "language": "en", "title": "t", "body": "b",
              "attachment_ids": [987654]}, "attachment_ids"),
            ({"section_id": sid, "language": "en", "title": "t", "body": "b" * (256 * 1024 + 1)},
             "body"),
        ]
        for body, field in cases:
            with self.subTest(field=field, body=str(body)[:80]):
                r = self.agent.post("/api/v1/kb/articles", body)
                self.assertEqual(r.status, 422, r.describe())
                self.assertEqual(r.problem_type, "/problems/validation")
                self.assertIn(field, {e["field"] for e in r.json["errors"]}, r.describe())
        r = self.admin.post("/api/v1/kb/sections", {"category_id": 987654, "titles": {"en": "x"}})
        self.assertEqual(r.status, 422, r.describe())
        r = self.admin.post("/api/v1/kb/categories", {"titles": {"xx": "Nope"}})
        self.assertEqual(r.status, 422, r.describe())
        r = self.agent.put("/api/v1/kb/articles/987654/translations/hi", {"title": "t", "body": "b"})
        self.assertEqual(r.status, 404, r.describe())
        r = self.agent.post("/api/v1/kb/articles", raw_body="{not json",
                            content_type="application/json")
        self.assertEqual(r.status, 400, r.describe())

    def test_preview_is_sanitised(self):
        r = self.agent.post("/api/v1/kb/preview",
                            {"body": "# ಶೀರ್ಷಿಕೆ\n\n<script>alert(1)</script>\n\n| a | b |\n|---|---|\n| 1 | 2 |"})
        self.assertEqual(r.status, 200, r.describe())
        self.assertIn("ಶೀರ್ಷಿಕೆ", r.json["html"])
        self.assertIn("<table>", r.json["html"])
        self.assertNotIn("<script", r.json["html"])


if __name__ == "__main__":
    unittest.main()
