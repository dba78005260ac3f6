"""The server serves the built web console at /, and a real Chromium boots it.

Needs web/dist (scripts/build-web builds it; scripts/test does so before this suite). The
browser check also needs Debian's chromium; each part skips with its reason when a piece is
missing, so the API suites still run on a machine without node or a browser.
"""

import os
import re
import shutil
import subprocess
import tempfile
import unittest

import harness

DIST = os.path.join(harness.REPO, "web", "dist")
CHROMIUM = shutil.which("chromium")


@unittest.skipUnless(os.path.exists(os.path.join(DIST, "index.html")),
                     "web/dist is not built (run scripts/build-web)")
class WebConsoleTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = harness.Server(env={"SAHAYAK_WEB_ROOT": DIST})
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    def test_index_is_served_with_a_strict_policy(self):
        r = self.server.anonymous().get("/")
        self.assertEqual(r.status, 200)
        self.assertTrue(r.headers.get("Content-Type").startswith("text/html"))
        self.assertEqual(r.headers.get("Cache-Control"), "no-cache")
        csp = r.headers.get("Content-Security-Policy")
        self.assertIn("script-src 'self'", csp)
        self.assertIn("frame-ancestors 'none'", csp)
        self.assertIn(b'<div id="app">', r.raw)

    def test_app_routes_load_the_app_and_assets_are_cached_for_good(self):
        anon = self.server.anonymous()
        index = anon.get("/").raw.decode()
        page = anon.get("/tickets/42")
        self.assertEqual(page.status, 200)
        self.assertEqual(page.raw.decode(), index, "app routes get index.html")
        scripts = re.findall(r'src="(/assets/[^"]+\.js)"', index)
        self.assertTrue(scripts, index)
        js = anon.get(scripts[0])
        self.assertEqual(js.status, 200)
        self.assertTrue(js.headers.get("Content-Type").startswith("text/javascript"))
        self.assertEqual(js.headers.get("Cache-Control"), "public, max-age=31536000, immutable")
        self.assertEqual(anon.get("/assets/no-such-file.js").status, 404)

    def test_the_api_never_falls_back_to_the_app(self):
        r = self.server.anonymous().get("/api/v1/no-such-thing")
        self.assertEqual(r.status, 404)
        self.assertEqual(r.headers.get("Content-Type"), "application/problem+json")

    @unittest.skipUnless(CHROMIUM, "Debian's chromium is not installed")
    def test_chromium_boots_the_app_and_renders_the_sign_in_page(self):
        url = "http://127.0.0.1:%d/login" % self.server.port
        with tempfile.TemporaryDirectory() as profile:
            p = subprocess.run(
                [CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                 "--virtual-time-budget=5000", "--dump-dom", url],
                capture_output=True, text=True, timeout=60)
        dom = p.stdout
        # Only the JavaScript app puts the form into <div id="app">: the served HTML is empty.
        self.assertIn('id="login-email"', dom, p.stderr[-2000:])
        self.assertIn('type="password"', dom)
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", dom)
        self.assertIsNotNone(heading, dom[:2000])
        self.assertEqual(heading.group(1), "Sign in to the agent console")
        self.assertIn(">ಕನ್ನಡ</option>", dom, "the language switcher offers Kannada")
        self.assertIn(">हिन्दी</option>", dom, "and Hindi")


if __name__ == "__main__":
    unittest.main()
