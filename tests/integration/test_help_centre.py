"""The public help centre at /help on the real server (docs/kb.md, "Help centre").

Articles are written through the knowledge-base API (/api/v1/kb/...) by an admin; the pages are
then read as an anonymous visitor would: server-rendered HTML in English, Hindi and Kannada,
with a language switch, search, "was this helpful?" and friendly error pages.
"""

import re
import time
import unittest
import urllib.parse

import harness

INDEX_WAIT = 10.0
S = {}

# Small PNG (1×1 pixel), to attach to an article.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082")


def create(admin, path, body):
    r = admin.post(path, body)
    if r.status != 201:
        raise harness.HarnessError("%s failed:\n%s" % (path, r.describe()))
    return r.json


def setUpModule():
    server = harness.Server()
    server.start()
    S["server"] = server
    admin = server.bearer(server.admin_token)
    S["admin"] = admin
    marker = harness.unique("zq")
    S["marker"] = marker
    cat = create(admin, "/api/v1/kb/categories", {
        "titles": {"en": "Shipping", "hi": "शिपिंग", "kn": "ಸಾಗಣೆ"},
        "descriptions": {"en": "Parcels and deliveries", "hi": "पार्सल और डिलीवरी"}})
    sec = create(admin, "/api/v1/kb/sections", {
        "category_id": cat["id"],
        "titles": {"en": "Tracking", "hi": "ट्रैकिंग", "kn": "ಟ್ರ್ಯಾಕಿಂಗ್"}})
    upload = admin.upload("map.png", PNG, "image/png")
    if upload.status != 201:
        raise harness.HarnessError(upload.describe())
    S["file_id"] = upload.json["id"]
    tracking = create(admin, "/api/v1/kb/articles", {
        "section_id": sec["id"], "visibility": "public", "language": "en",
        "title": "Track your parcel <script>alert(1)</script>",
        "body": "Open **Track** and enter the number %s.\n\n<script>alert(2)</script>" % marker,
        "status": "published", "attachment_ids": [S["file_id"]]})
    for lang, title, body in (
            ("hi", "अपना पार्सल ट्रैक करें", "अपने पार्सल की स्थिति देखने के लिए नंबर डालें। %s" % marker),
            ("kn", "ನಿಮ್ಮ ಪಾರ್ಸೆಲ್ ಟ್ರ್ಯಾಕ್ ಮಾಡಿ", "ನಿಮ್ಮ ಪಾರ್ಸೆಲ್ ಸ್ಥಿತಿ ನೋಡಲು ಸಂಖ್ಯೆ ನಮೂದಿಸಿ. %s" % marker)):
        r = admin.put("/api/v1/kb/articles/%d/translations/%s" % (tracking["id"], lang),
                      {"title": title, "body": body, "status": "published"})
        if r.status != 200:
            raise harness.HarnessError(r.describe())
    english_only = create(admin, "/api/v1/kb/articles", {
        "section_id": sec["id"], "visibility": "public", "language": "en",
        "title": "Delivery time windows", "body": "Choose a window.", "status": "published"})
    r = admin.put("/api/v1/kb/articles/%d/translations/hi" % english_only["id"],
                  {"title": "डिलीवरी का समय", "body": "मसौदा", "status": "draft"})
    if r.status != 200:
        raise harness.HarnessError(r.describe())
    secret = harness.unique("internalonly")
    S["secret"] = secret
    internal = create(admin, "/api/v1/kb/articles", {
        "section_id": sec["id"], "visibility": "internal", "language": "en",
        "title": "Refund override procedure", "body": "Agents only: %s" % secret,
        "status": "published"})
    S.update(category=cat, section=sec, tracking=tracking["id"], english_only=english_only["id"],
             internal=internal["id"])


def tearDownModule():
    if "server" in S:
        S["server"].cleanup()


class HelpCentreTest(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        self.anon = S["server"].anonymous()

    def page(self, path, status=200, **kw):
        r = self.anon.get(path, **kw)
        self.assertEqual(r.status, status, r.describe())
        self.assertTrue(r.header("Content-Type").startswith("text/html"), r.describe())
        return r, r.raw.decode("utf-8")

    def assertSafePage(self, r, text, lang):
        self.assertIn('<html lang="%s">' % lang, text)
        self.assertNotIn("<script", text.lower())
        policy = r.header("Content-Security-Policy") or ""
        self.assertIn("default-src 'self'", policy)
        self.assertNotIn("unsafe-inline", policy)
        self.assertEqual(r.header("X-Content-Type-Options"), "nosniff")
        for landmark in ('<main id="content"', "<header", "<footer", 'href="#content"'):
            self.assertIn(landmark, text)

    def feedback(self, lang, article_id, answer, origin="default", content_type=None):
        host = "127.0.0.1:%d" % S["server"].port
        headers = {"Origin": "http://" + host if origin == "default" else origin}
        return self.anon.request(
            "POST", "/help/%s/articles/%d/feedback" % (lang, article_id),
            raw_body="helpful=" + answer, headers=headers,
            content_type=content_type or "application/x-www-form-urlencoded")

    def counts(self, article_id, lang):
        r = S["admin"].get("/api/v1/kb/articles/%d" % article_id)
        self.assertEqual(r.status, 200, r.describe())
        t = [t for t in r.json["translations"] if t["language"] == lang][0]
        return t["helpful_yes"], t["helpful_no"], t["views"]

    # --- language choice ------------------------------------------------------------------
    def test_help_redirects_to_the_visitors_language(self):
        cases = [({"Accept-Language": "kn-IN,kn;q=0.9,en;q=0.5"}, "/help/kn"),
                 ({"Accept-Language": "fr, hi;q=0.4, en;q=0.3"}, "/help/hi"),
                 ({"Accept-Language": "hi", "Cookie": "sahayak_help_lang=kn"}, "/help/kn"),
                 ({"Accept-Language": "de"}, "/help/en"),
                 ({}, "/help/en")]
        for headers, want in cases:
            with self.subTest(headers=headers):
                r = self.anon.get("/help", headers=headers)
                self.assertEqual(r.status, 302, r.describe())
                self.assertEqual(r.header("Location"), want)

    def test_reading_in_a_language_remembers_it(self):
        r, _ = self.page("/help/hi")
        cookie = harness.set_cookie_header(r.headers, "sahayak_help_lang")
        self.assertIsNotNone(cookie, r.describe())
        self.assertTrue(cookie.startswith("sahayak_help_lang=hi;"), cookie)
        self.assertIn("Path=/help", cookie)
        r = self.anon.get("/help", headers={"Cookie": cookie.split(";")[0],
                                            "Accept-Language": "en"})
        self.assertEqual(r.header("Location"), "/help/hi")

    # --- pages ----------------------------------------------------------------------------
    def test_home_lists_topics_in_each_language(self):
        sec = "/sections/%d" % S["section"]["id"]
        for lang, category, section in (("en", "Shipping", "Tracking"),
                                        ("hi", "शिपिंग", "ट्रैकिंग"),
                                        ("kn", "ಸಾಗಣೆ", "ಟ್ರ್ಯಾಕಿಂಗ್")):
            with self.subTest(lang=lang):
                r, text = self.page("/help/" + lang)
                self.assertSafePage(r, text, lang)
                self.assertIn(category, text)
                self.assertIn('href="/help/%s%s">%s</a>' % (lang, sec, section), text)
                self.assertLess(len(r.raw), 20 * 1024)
                # the language switch: the same page in every language
                for other, name in (("en", "English"), ("hi", "हिन्दी"), ("kn", "ಕನ್ನಡ")):
                    self.assertIn('href="/help/%s"' % other, text)
                    self.assertIn(">%s</a>" % name, text)
                self.assertIn('href="/portal"', text)  # contact us
                self.assertIn('action="/help/%s/search"' % lang, text)
        _, en = self.page("/help/en")
        _, hi = self.page("/help/hi")
        self.assertIn("Articles: 2", en, "two articles are public in English")
        self.assertIn("लेख: 1", hi, "only one is public in Hindi")
        self.assertIn("How can we help you?", en)
        self.assertIn("हम आपकी क्या मदद कर सकते हैं?", hi)

    def test_section_lists_only_public_published_articles(self):
        path = "/sections/%d" % S["section"]["id"]
        r, en = self.page("/help/en" + path)
        self.assertSafePage(r, en, "en")
        self.assertIn("/help/en/articles/%d" % S["tracking"], en)
        self.assertIn("Delivery time windows", en)
        self.assertNotIn("Refund override", en)
        self.assertNotIn("/articles/%d" % S["internal"], en)
        _, hi = self.page("/help/hi" + path)
        self.assertIn("अपना पार्सल ट्रैक करें", hi)
        self.assertNotIn("डिलीवरी का समय", hi, "a draft translation is not shown")
        self.assertNotIn("Delivery time windows", hi)

    def test_article_page(self):
        before = self.counts(S["tracking"], "hi")[2]
        r, text = self.page("/help/hi/articles/%d" % S["tracking"])
        self.assertSafePage(r, text, "hi")
        self.assertIn("<h1>अपना पार्सल ट्रैक करें</h1>", text)
        self.assertIn("शिपिंग", text)  # breadcrumbs
        self.assertIn('href="/help/hi/sections/%d"' % S["section"]["id"], text)
        self.assertRegex(text, r"(जनवरी|फ़रवरी|मार्च|अप्रैल|मई|जून|जुलाई|अगस्त|सितंबर|अक्तूबर|नवंबर|दिसंबर)")
        self.assertIn('href="/help/en/articles/%d"' % S["tracking"], text)
        self.assertIn('href="/help/kn/articles/%d"' % S["tracking"], text)
        self.assertIn('action="/help/hi/articles/%d/feedback"' % S["tracking"], text)
        self.assertIn("क्या यह लेख उपयोगी था?", text)
        self.assertIn('href="/help/files/%d"' % S["file_id"], text)
        # English: the title and body are escaped, the Markdown rendered
        r, en = self.page("/help/en/articles/%d" % S["tracking"])
        self.assertIn("Track your parcel &lt;script&gt;alert(1)&lt;/script&gt;", en)
        self.assertIn("<strong>Track</strong>", en)
        self.assertNotIn("alert(2)</script>", en)
        self.assertTrue(r.header("ETag"))
        again = self.anon.get("/help/en/articles/%d" % S["tracking"],
                              headers={"If-None-Match": r.header("ETag")})
        self.assertIn(again.status, (200, 304))
        deadline = time.monotonic() + 12
        while self.counts(S["tracking"], "hi")[2] <= before and time.monotonic() < deadline:
            time.sleep(0.5)
            self.anon.get("/help/hi/articles/%d" % S["tracking"])
        self.assertGreater(self.counts(S["tracking"], "hi")[2], before, "views are counted")

    def test_article_not_in_this_language_offers_the_others(self):
        r, text = self.page("/help/hi/articles/%d" % S["english_only"], 404)
        self.assertSafePage(r, text, "hi")
        self.assertIn("यह लेख हिन्दी में उपलब्ध नहीं है", text)
        self.assertIn('href="/help/en/articles/%d"' % S["english_only"], text)
        self.assertNotIn("मसौदा", text)

    def test_internal_and_unknown_things_get_a_friendly_404(self):
        for path, lang in (("/help/en/articles/%d" % S["internal"], "en"),
                           ("/help/kn/articles/99999", "kn"),
                           ("/help/hi/sections/99999", "hi"),
                           ("/help/en/articles/abc", "en"),
                           ("/help/hi/no-such-page", "hi")):
            with self.subTest(path=path):
                r, text = self.page(path, 404)
                self.assertSafePage(r, text, lang)
                self.assertNotIn("Refund override", text)
                self.assertIn('href="/help/%s"' % lang, text)
        # an unknown language: a help centre page in the visitor's language, not the console
        r, text = self.page("/help/fr", 404, headers={"Accept-Language": "kn"})
        self.assertIn('<html lang="kn">', text)
        self.assertIn("ಪುಟ ಸಿಗಲಿಲ್ಲ", text)

    def test_stylesheet_is_small_and_cached_long(self):
        _, text = self.page("/help/en")
        m = re.search(r'<link rel="stylesheet" href="([^"]+)"', text)
        self.assertIsNotNone(m)
        href = m.group(1).replace("&amp;", "&")
        self.assertRegex(href, r"^/help/assets/help\.css\?v=[0-9a-f]{8,}$")
        r = self.anon.get(href)
        self.assertEqual(r.status, 200, r.describe())
        self.assertTrue(r.header("Content-Type").startswith("text/css"))
        self.assertIn("max-age=31536000", r.header("Cache-Control"))
        self.assertLess(len(r.raw), 8 * 1024)

    def test_files_of_public_articles_only(self):
        r = self.anon.get("/help/files/%d" % S["file_id"])
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual(r.raw, PNG)
        self.assertEqual(r.header("Content-Type"), "image/png")
        other = S["admin"].upload("secret.txt", b"not for visitors\n", "text/plain")
        self.assertEqual(other.status, 201, other.describe())
        r, _ = self.page("/help/files/%d" % other.json["id"], 404)

    # --- search ---------------------------------------------------------------------------
    def search(self, lang, q, status=200):
        return self.page("/help/%s/search?q=%s" % (lang, urllib.parse.quote(q)), status)

    def wait_for(self, lang, q, article_id):
        deadline = time.monotonic() + INDEX_WAIT
        want = 'href="/help/%s/articles/%d"' % (lang, article_id)
        while True:
            r, text = self.search(lang, q)
            if want in text or time.monotonic() > deadline:
                return r, text
            time.sleep(0.3)

    def test_search_finds_articles_in_every_script(self):
        for lang, q in (("en", "parcel"), ("hi", "पार्सल"), ("kn", "ಪಾರ್ಸೆಲ್")):
            with self.subTest(lang=lang):
                r, text = self.wait_for(lang, q, S["tracking"])
                self.assertSafePage(r, text, lang)
                self.assertIn('href="/help/%s/articles/%d"' % (lang, S["tracking"]), text)
                self.assertIn("<mark>", text)
                self.assertIn('value="%s"' % q, text)  # the search box keeps the query

    def test_search_never_shows_internal_articles(self):
        self.wait_for("en", S["marker"], S["tracking"])
        _, text = self.search("en", S["secret"])
        self.assertNotIn("/articles/%d" % S["internal"], text)
        self.assertNotIn("Refund override", text)
        self.assertIn("No articles match", text)

    def test_search_bad_input(self):
        r = self.anon.get("/help/hi/search?q=")
        self.assertEqual(r.status, 302, r.describe())
        self.assertEqual(r.header("Location"), "/help/hi")
        _, text = self.search("kn", "ಪ" * 201, 400)
        self.assertIn("ಗರಿಷ್ಠ 200 ಅಕ್ಷರಗಳನ್ನು", text)
        _, text = self.search("en", '<script>alert("q")</script> "unclosed AND (')
        self.assertNotIn("<script>alert", text)
        self.assertIn("&lt;script&gt;", text)

    # --- feedback -------------------------------------------------------------------------
    def test_feedback_is_recorded_and_thanked(self):
        yes, no, _ = self.counts(S["tracking"], "kn")
        r = self.feedback("kn", S["tracking"], "yes")
        self.assertEqual(r.status, 303, r.describe())
        location = r.header("Location")
        self.assertTrue(location.startswith("/help/kn/articles/%d?" % S["tracking"]), location)
        self.assertEqual(self.counts(S["tracking"], "kn")[:2], (yes + 1, no))
        self.assertEqual(self.feedback("kn", S["tracking"], "no").status, 303)
        self.assertEqual(self.counts(S["tracking"], "kn")[:2], (yes + 1, no + 1))
        _, text = self.page(location.split("#")[0])
        self.assertIn("ನಿಮ್ಮ ಪ್ರತಿಕ್ರಿಯೆಗೆ ಧನ್ಯವಾದಗಳು", text)

    def test_feedback_bad_input_changes_nothing(self):
        before = self.counts(S["tracking"], "en")
        r = self.feedback("en", S["tracking"], "yes", origin="https://evil.example")
        self.assertEqual(r.status, 403, r.describe())
        self.assertIn("Form not accepted", r.raw.decode())
        r = self.feedback("en", S["tracking"], "yes", origin=None)
        self.assertEqual(r.status, 403, "neither Origin nor Referer: " + r.describe())
        r = self.feedback("en", S["tracking"], "maybe")
        self.assertEqual(r.status, 400, r.describe())
        r = self.feedback("en", S["tracking"], "yes", content_type="text/plain")
        self.assertEqual(r.status, 415, r.describe())
        r = self.feedback("en", S["internal"], "yes")
        self.assertEqual(r.status, 404, r.describe())
        r = self.feedback("hi", S["english_only"], "yes")
        self.assertEqual(r.status, 404, r.describe())
        self.assertEqual(self.counts(S["tracking"], "en"), before)

    def test_zz_feedback_is_rate_limited_per_address(self):
        # Runs last (by name): it uses up this address's feedback allowance.
        statuses = [self.feedback("en", S["tracking"], "yes").status for _ in range(15)]
        self.assertIn(429, statuses)
        r = self.feedback("en", S["tracking"], "yes")
        self.assertEqual(r.status, 429, r.describe())
        self.assertTrue(r.header("Retry-After"))
        self.assertIn("Too many requests", r.raw.decode())


if __name__ == "__main__":
    unittest.main()
