"""Article deflection on the real server (docs/web-forms.md, "Deflection"): /help/suggest
finds public articles in Hindi, Kannada and English while a request is typed, opening one from
a suggestion and submitting the request anyway are recorded, and /api/v1/kb/deflection reports
exactly what this test did."""

import time
import unittest
import urllib.parse

import harness
from webform_util import open_form, request_number, submit

INDEX_WAIT = 15.0
S = {}


def create(admin, path, body):
    r = admin.post(path, body)
    if r.status != 201:
        raise harness.HarnessError("%s failed:\n%s" % (path, r.describe()))
    return r.json


def setUpModule():
    # Attempts count at once here; the 30-minute settling is checked by the unit tests.
    server = harness.Server(env={"SAHAYAK_DEFLECTION_SETTLE_SECONDS": "0"})
    server.start()
    S["server"] = server
    admin = server.bearer(server.admin_token)
    S["admin"] = admin
    marker = harness.unique("zq")
    S["marker"] = marker
    cat = create(admin, "/api/v1/kb/categories", {"titles": {"en": "Shipping"}})
    sec = create(admin, "/api/v1/kb/sections", {"category_id": cat["id"],
                                                "titles": {"en": "Tracking"}})

    def article(lang, title, body, visibility="public"):
        return create(admin, "/api/v1/kb/articles", {
            "section_id": sec["id"], "visibility": visibility, "language": lang,
            "title": title, "body": body, "status": "published"})["id"]

    S["hi"] = article("hi", "पार्सल देर से क्यों आता है", "पार्सल की स्थिति देखें। " + marker)
    S["kn"] = article("kn", "ಪಾರ್ಸೆಲ್ ತಡವಾಗಿದೆ", "ನಿಮ್ಮ ಪಾರ್ಸೆಲ್ ಸ್ಥಿತಿ ನೋಡಿ. " + marker)
    S["en"] = article("en", "Refund rules", "How a refund %s is paid." % marker)
    S["internal"] = article("en", "Refund override", "Agents only %s refund." % marker,
                            "internal")
    form = admin.post("/api/v1/web-forms", {"name": "Contact", "min_fill_seconds": 1})
    assert form.status == 201, form.describe()
    S["form"] = form.json
    # Wait for the search index to have the articles.
    deadline = time.monotonic() + INDEX_WAIT
    while time.monotonic() < deadline:
        r = server.anonymous().get("/help/%s/search?q=%s" % ("kn", urllib.parse.quote(marker)))
        if S["kn"] and ("/articles/%d" % S["kn"]) in r.raw.decode():
            break
        time.sleep(0.2)


def tearDownModule():
    if "server" in S:
        S["server"].cleanup()


def suggest(q, lang, d=None, source="web_form"):
    path = "/help/suggest?q=%s&lang=%s&source=%s" % (urllib.parse.quote(q), lang, source)
    if d:
        path += "&d=" + d
    return S["server"].anonymous().get(path)


def today():
    return time.strftime("%Y-%m-%d", time.gmtime())


def figures():
    r = S["server"].bearer(S["server"].agent_token).get(
        "/api/v1/kb/deflection?from=%s&to=%s" % (today(), today()))
    assert r.status == 200, r.describe()
    return r.json


class SuggestTest(unittest.TestCase):
    def test_finds_hindi_and_kannada_words(self):
        for q, lang, want in (("पार्सल", "hi", "hi"), ("ಪಾರ್ಸೆಲ್", "kn", "kn"),
                              ("refund", "en", "en")):
            with self.subTest(q=q):
                r = suggest(q, lang)
                self.assertEqual(r.status, 200, r.describe())
                ids = [a["id"] for a in r.json["articles"]]
                self.assertIn(S[want], ids, r.describe())
                self.assertNotIn(S["internal"], ids)
                token = r.json["deflection"]
                self.assertRegex(token, r"^[A-Za-z0-9_-]{16,}$")
                a = r.json["articles"][ids.index(S[want])]
                self.assertEqual(a["url"], "/help/%s/articles/%d?d=%s" % (lang, S[want], token))
                self.assertNotIn("<mark>", a["snippet"])
                self.assertLessEqual(len(ids), 5)

    def test_nothing_found_starts_no_attempt(self):
        r = suggest("xqzvyk" + S["marker"] + "nomatch", "en")
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual(r.json, {"deflection": "", "articles": []})

    def test_bad_input_is_422(self):
        for q, lang, source, field in (("x", "fr", "portal", "lang"),
                                       ("x", "en", "email", "source"),
                                       ("क" * 201, "hi", "portal", "q")):
            with self.subTest(field=field):
                r = suggest(q, lang, source=source)
                self.assertEqual(r.status, 422, r.describe())
                self.assertIn(field, [e["field"] for e in r.json["errors"]])

    def test_figures_need_an_agent_and_good_dates(self):
        anon = S["server"].anonymous()
        self.assertEqual(anon.get("/api/v1/kb/deflection").status, 401)
        agent = S["server"].bearer(S["server"].agent_token)
        for query in ("from=2026-13-01", "from=yesterday", "from=2026-12-05&to=2026-12-01",
                      "to=2026-02-30"):
            with self.subTest(query=query):
                r = agent.get("/api/v1/kb/deflection?" + query)
                self.assertEqual(r.status, 422, r.describe())
        self.assertEqual(agent.get("/api/v1/kb/deflection").status, 200)


class DeflectionFiguresTest(unittest.TestCase):
    def test_figures_follow_what_customers_did(self):
        before = figures()
        # 1. A Hindi customer types, refines, opens the suggested article and leaves.
        first = suggest("पार्सल", "hi").json
        token_a = first["deflection"]
        again = suggest("पार्सल देर", "hi", d=token_a).json
        self.assertEqual(again["deflection"], token_a)
        url = [a["url"] for a in first["articles"] if a["id"] == S["hi"]][0]
        page = S["server"].anonymous().get(url, headers={"Accept": "text/html"})
        self.assertEqual(page.status, 200, page.describe())
        # 2. A Kannada customer on the web form sees suggestions and sends the request anyway.
        anon = S["server"].anonymous()
        _, text, start = open_form(anon, S["form"]["key"], "kn")
        token_b = suggest("ಪಾರ್ಸೆಲ್", "kn").json["deflection"]
        time.sleep(1.1)
        r, text = submit(anon, S["form"]["key"], [
            ("start", start), ("email", harness.unique_email("kn")),
            ("subject", "ಪಾರ್ಸೆಲ್ ತಡವಾಗಿದೆ"), ("message", "ಎಲ್ಲಿದೆ?"), ("deflection", token_b)],
            lang="kn")
        self.assertEqual(r.status, 200, text)
        number = request_number(text)
        # 3. A portal visitor sees an English article and leaves without opening it.
        token_c = suggest("refund", "en", source="portal").json["deflection"]
        self.assertEqual(len({token_a, token_b, token_c}), 3)

        after = figures()
        delta = {k: after[k] - before[k]
                 for k in ("attempts", "clicked", "submitted", "deflected")}
        self.assertEqual(delta, {"attempts": 3, "clicked": 1, "submitted": 1, "deflected": 2},
                         after)
        self.assertAlmostEqual(after["deflection_rate"], after["deflected"] / after["attempts"])
        by_id = {a["id"]: a for a in after["articles"]}
        old = {a["id"]: a for a in before["articles"]}
        self.assertEqual(by_id[S["hi"]]["clicks"] - old.get(S["hi"], {"clicks": 0})["clicks"], 1)
        self.assertEqual(by_id[S["hi"]]["title"], "पार्सल देर से क्यों आता है")
        self.assertGreaterEqual(by_id[S["hi"]]["deflected"], 1)
        # The ticket of step 2 exists and is a web ticket.
        t = S["admin"].get("/api/v1/tickets/by-number/%d" % number)
        self.assertEqual(t.json["channel"], "web")


class SuggestLimitTest(unittest.TestCase):
    def test_suggest_is_rate_limited_per_address(self):
        server = harness.Server(env={"SAHAYAK_HELP_SUGGEST_PER_MINUTE_PER_IP": "3"})
        try:
            server.start()
            anon = server.anonymous()
            statuses = [anon.get("/help/suggest?q=abc&lang=en").status for _ in range(4)]
            self.assertEqual(statuses, [200, 200, 200, 429])
        finally:
            server.cleanup()


if __name__ == "__main__":
    unittest.main()
