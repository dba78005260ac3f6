"""One public site per workspace (docs/portal.md, "One site per workspace").

Two workspaces on one server: the first (the harness's), the second made through the CLI
(`sahayak admin create-agent --workspace NAME`). The second's admin sets its public_host to
help.second.test through PATCH /api/v1/workspace and publishes an article. Requests whose
Host header names help.second.test (any port, any case) must get the second workspace's help
centre, /help/suggest and portal; any other host the first's. A portal session of one
workspace must not sign anyone in on the other's host.
"""

import os
import re
import sqlite3
import time
import unittest
import urllib.parse

import harness

SECOND = "Second Parcel Co"
HOST2 = "help.second.test"
INDEX_WAIT = 15.0
S = {}


def created(r):
    if r.status != 201:
        raise harness.HarnessError(r.describe())
    return r.json


def publish(admin, marker, label):
    cat = created(admin.post("/api/v1/kb/categories", {"titles": {"en": "Shipping " + label}}))
    sec = created(admin.post("/api/v1/kb/sections", {"category_id": cat["id"],
                                                     "titles": {"en": "Tracking " + label}}))
    return created(admin.post("/api/v1/kb/articles", {
        "section_id": sec["id"], "visibility": "public", "language": "en",
        "status": "published", "title": "Parcel %s guide %s" % (marker, label),
        "body": "Track the parcel %s from the %s desk." % (marker, label)}))


def setUpModule():
    s = harness.Server(env={"SAHAYAK_PUBLIC_URL": "https://support.example.in"})
    s.cli("admin", "create-agent", "--workspace", SECOND, "--email", "admin2@second.test",
          "--name", "Deepa Admin", "--role", "admin", "--password", s.admin_password)
    s.cli("admin", "create-agent", "--workspace", SECOND, "--email", "agent2@second.test",
          "--name", "Kiran Agent", "--role", "agent", "--password", s.agent_password)
    S["server"] = s
    tok = lambda email: s.cli("admin", "create-token", "--workspace", SECOND, "--email",
                              email).stdout.strip()
    s.start()
    S["admin1"] = s.bearer(s.admin_token)
    S["admin2"] = s.bearer(tok("admin2@second.test"))
    S["agent2"] = s.bearer(tok("agent2@second.test"))
    # A name no page has otherwise ("Sahayak" is in every page's branding).
    S["name1"] = "Alpha Couriers Desk"
    r = S["admin1"].patch("/api/v1/workspace", {"name": S["name1"]})
    assert r.status == 200, r.describe()
    S["marker"] = harness.unique("site")
    S["a1"] = publish(S["admin1"], S["marker"], "firstdesk")
    S["a2"] = publish(S["admin2"], S["marker"], "seconddesk")
    r = S["admin2"].patch("/api/v1/workspace", {"public_host": "Help.Second.Test"})
    assert r.status == 200, r.describe()


def tearDownModule():
    if "server" in S:
        S["server"].cleanup()


def get(path, host=None, headers=None):
    h = dict(headers or {})
    if host is not None:
        h["Host"] = host
    h.setdefault("Accept", "text/html")
    return S["server"].anonymous().request("GET", path, headers=h)


def text(r):
    return r.raw.decode("utf-8", "replace")


def outbox_rows():
    db = sqlite3.connect("file:%s?mode=ro" % os.path.join(S["server"].data_dir, "sahayak.db"),
                         uri=True, timeout=30)
    try:
        return db.execute("SELECT id, workspace_id, to_email, payload FROM mail_outbox "
                          "ORDER BY id").fetchall()
    finally:
        db.close()


def workspace_id(name):
    db = sqlite3.connect("file:%s?mode=ro" % os.path.join(S["server"].data_dir, "sahayak.db"),
                         uri=True, timeout=30)
    try:
        return db.execute("SELECT id FROM workspaces WHERE name = ?", (name,)).fetchone()[0]
    finally:
        db.close()


class Browser:
    """A customer's browser on one host: the portal cookie, forms posted with Origin."""

    def __init__(self, host):
        self.host = host
        self.cookies = {}

    def headers(self, extra=None):
        h = {"Accept": "text/html", "Host": self.host}
        if self.cookies:
            h["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        h.update(extra or {})
        return h

    def keep(self, r):
        for sc in r.headers.get_all("Set-Cookie") or []:
            name, _, rest = sc.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return r

    def get(self, path):
        return self.keep(S["server"].anonymous().request("GET", path, headers=self.headers()))

    def post(self, path, fields):
        return self.keep(S["server"].anonymous().request(
            "POST", path, raw_body=urllib.parse.urlencode(fields),
            content_type="application/x-www-form-urlencoded",
            headers=self.headers({"Origin": "http://" + self.host})))


def sign_in(host, email):
    """Signs `email` in on `host` by a mailed link; the browser and the outbox row."""
    b = Browser(host)
    before = len(outbox_rows())
    r = b.post("/portal/sign-in/email", {"email": email})
    assert r.status == 200, r.describe()
    rows = outbox_rows()
    assert len(rows) == before + 1, rows[before:]
    row = rows[-1]
    m = re.search(r"https?://[^/\s\"]+(/portal/sign-in/[A-Za-z0-9_-]+)", row[3])
    assert m, row[3]
    r = b.post(m.group(1), {})
    assert r.status == 303, r.describe()
    assert "sahayak_portal" in b.cookies
    return b, row


class PublicSitesTest(unittest.TestCase):
    maxDiff = None

    def test_workspace_shows_its_normalised_host(self):
        r = S["admin2"].get("/api/v1/workspace")
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual(r.json["public_host"], HOST2)
        self.assertEqual(r.json["name"], SECOND)
        r = S["admin1"].get("/api/v1/workspace")
        self.assertEqual(r.json["public_host"], "")

    def test_help_centre_by_host(self):
        for host in (HOST2, HOST2 + ":8443", "HELP.second.TEST"):
            with self.subTest(host=host):
                r = get("/help/en", host)
                self.assertEqual(r.status, 200, r.describe())
                page = text(r)
                self.assertIn(SECOND, page)
                self.assertIn("Shipping seconddesk", page)
                self.assertNotIn("Shipping firstdesk", page)
                self.assertNotIn(S["name1"], page)
        r = get("/help/en/articles/%d" % S["a2"]["id"], HOST2)
        self.assertEqual(r.status, 200, r.describe())
        self.assertIn("seconddesk", text(r))
        # The first workspace's article is not on the second's site, nor the reverse.
        self.assertEqual(get("/help/en/articles/%d" % S["a1"]["id"], HOST2).status, 404)
        self.assertEqual(get("/help/en/articles/%d" % S["a2"]["id"]).status, 404)
        # Any other host: the first (default) workspace.
        for host in (None, "other.example.in", "second.test"):
            with self.subTest(host=host):
                page = text(get("/help/en", host))
                self.assertIn(S["name1"], page)
                self.assertIn("Shipping firstdesk", page)
                self.assertNotIn("Shipping seconddesk", page)
                self.assertNotIn(SECOND, page)

    def suggested(self, host):
        q = urllib.parse.quote(S["marker"])
        deadline = time.monotonic() + INDEX_WAIT
        while True:
            h = {"Accept": "application/json"}
            r = get("/help/suggest?q=%s&lang=en&source=portal" % q, host, h)
            self.assertEqual(r.status, 200, r.describe())
            ids = [a["id"] for a in r.json["articles"]]
            if ids or time.monotonic() > deadline:
                return ids
            time.sleep(0.2)

    def test_suggest_by_host(self):
        self.assertEqual(self.suggested(HOST2), [S["a2"]["id"]])
        self.assertEqual(self.suggested(None), [S["a1"]["id"]])

    def test_portal_sign_in_uses_the_hosts_workspace(self):
        email = harness.unique_email("cust2")
        r = S["agent2"].post("/api/v1/contacts", {"name": "Second Customer", "email": email})
        self.assertEqual(r.status, 201, r.describe())
        page = text(Browser(HOST2).get("/portal/sign-in"))
        self.assertIn(SECOND, page)
        b, row = sign_in(HOST2, email)
        self.assertEqual(row[1], workspace_id(SECOND))
        self.assertEqual(row[2], email)
        # The link leads back to the workspace's own site.
        self.assertIn("https://%s/portal/sign-in/" % HOST2, row[3])
        r = b.get("/portal")
        self.assertEqual(r.status, 200, r.describe())
        self.assertIn("Second Customer", text(r))
        # On the default host the second workspace's customer is unknown: no mail goes out.
        before = len(outbox_rows())
        r = Browser("127.0.0.1:%d" % S["server"].port).post("/portal/sign-in/email",
                                                            {"email": email})
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual(len(outbox_rows()), before)

    def test_a_session_of_one_workspace_is_no_session_on_the_other(self):
        email = harness.unique_email("cust1")
        r = S["admin1"].post("/api/v1/contacts", {"name": "First Customer", "email": email})
        self.assertEqual(r.status, 201, r.describe())
        b, row = sign_in("127.0.0.1:%d" % S["server"].port, email)
        self.assertEqual(row[1], workspace_id(S["name1"]))
        r = b.get("/portal")
        self.assertEqual(r.status, 200, r.describe())
        self.assertIn("First Customer", text(r))
        # The same cookie presented on the second workspace's host.
        b.host = HOST2
        r = b.get("/portal")
        self.assertEqual(r.status, 303, r.describe())
        self.assertEqual(r.header("Location"), "/portal/sign-in")
        r = b.get("/portal/sign-in")
        self.assertEqual(r.status, 200, r.describe())
        self.assertNotIn("First Customer", text(r))

    def test_a_link_opened_on_the_other_workspaces_host_is_not_used_up(self):
        email = harness.unique_email("cust1link")
        r = S["admin1"].post("/api/v1/contacts", {"name": "Link Customer", "email": email})
        self.assertEqual(r.status, 201, r.describe())
        home = "127.0.0.1:%d" % S["server"].port
        before = len(outbox_rows())
        r = Browser(home).post("/portal/sign-in/email", {"email": email})
        self.assertEqual(r.status, 200, r.describe())
        rows = outbox_rows()
        self.assertEqual(len(rows), before + 1)
        m = re.search(r"(/portal/sign-in/[A-Za-z0-9_-]+)", rows[-1][3])
        self.assertTrue(m, rows[-1][3])
        path = m.group(1)
        # Opened on the second workspace's host by a Hindi reader: the usual "no longer works"
        # page in Hindi, no session, twice (looking and trying).
        stranger = Browser(HOST2)
        for attempt in ("look", "use"):
            with self.subTest(attempt=attempt):
                h = stranger.headers({"Accept-Language": "hi"})
                if attempt == "look":
                    r = S["server"].anonymous().request("GET", path, headers=h)
                else:
                    h["Origin"] = "http://" + HOST2
                    r = S["server"].anonymous().request(
                        "POST", path, raw_body="", headers=h,
                        content_type="application/x-www-form-urlencoded")
                stranger.keep(r)
                self.assertEqual(r.status, 410, r.describe())
                self.assertIn("यह लिंक अब काम नहीं करता", text(r))
                self.assertNotIn("sahayak_portal", stranger.cookies)
        # On its own workspace's host the link still signs the customer in, once.
        b = Browser(home)
        r = b.get(path)
        self.assertEqual(r.status, 200, r.describe())
        r = b.post(path, {})
        self.assertEqual(r.status, 303, r.describe())
        self.assertIn("sahayak_portal", b.cookies)
        r = b.get("/portal")
        self.assertEqual(r.status, 200, r.describe())
        self.assertIn("Link Customer", text(r))
        self.assertEqual(Browser(home).post(path, {}).status, 410)

    def test_patch_validation(self):
        for bad in ("https://help.x.test", "help.x.test:8080", "help.x.test/kb", "bad_host.test",
                    "a" * 64 + ".test", "x" * 254):
            with self.subTest(bad=bad):
                r = S["admin1"].patch("/api/v1/workspace", {"public_host": bad})
                self.assertEqual(r.status, 422, r.describe())
                self.assertIn("public_host", [e["field"] for e in r.json.get("errors", [])])
        r = S["admin1"].patch("/api/v1/workspace", {"public_host": 7})
        self.assertEqual(r.status, 422, r.describe())
        # Taken by the second workspace, in any case.
        r = S["admin1"].patch("/api/v1/workspace", {"public_host": "HELP.SECOND.TEST"})
        self.assertEqual(r.status, 409, r.describe())
        self.assertIn("public_host", [e["field"] for e in r.json.get("errors", [])])
        self.assertEqual(S["admin1"].get("/api/v1/workspace").json["public_host"], "")
        # Not an admin.
        r = S["agent2"].patch("/api/v1/workspace", {"public_host": "help.agent.test"})
        self.assertEqual(r.status, 403, r.describe())
        self.assertEqual(S["admin2"].get("/api/v1/workspace").json["public_host"], HOST2)

    def test_set_clear_and_audit(self):
        r = S["admin1"].patch("/api/v1/workspace", {"public_host": "hilfe.bücher.test"})
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual(r.json["public_host"], "hilfe.xn--bcher-kva.test")
        self.assertIn(S["name1"], text(get("/help/en", "hilfe.xn--bcher-kva.test")))
        r = S["admin1"].patch("/api/v1/workspace", {"public_host": ""})
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual(r.json["public_host"], "")
        r = S["admin1"].get("/api/v1/audit-events?entity_type=workspace&limit=100")
        self.assertEqual(r.status, 200, r.describe())
        changes = [e["changes"].get("public_host") for e in r.json["data"]
                   if e["action"] == "workspace.updated"]
        self.assertIn(["", "hilfe.xn--bcher-kva.test"], changes)
        self.assertIn(["hilfe.xn--bcher-kva.test", ""], changes)


if __name__ == "__main__":
    unittest.main()
