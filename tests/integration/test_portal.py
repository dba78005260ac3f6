"""The customer portal at /portal on the real server (docs/portal.md).

Customers and tickets are made through the agent API; the portal is then used as a customer's
browser would: forms posted from the portal's own pages (Origin header), the session cookie
`sahayak_portal`, the CSRF token from the page's hidden field. Sign-in links are read from the
mail queued in the server's database (mail_outbox.payload), as the mail would carry them.
"""

import json
import os
import re
import secrets
import sqlite3
import time
import unittest
import urllib.parse

import harness

S = {}


def setUpModule():
    # Small attachments limit, so the oversized-file case stays small.
    server = harness.Server(env={"SAHAYAK_MAX_ATTACHMENT_BYTES": str(64 * 1024),
                                 "SAHAYAK_PUBLIC_URL": "https://support.example.in"})
    server.start()
    S["server"] = server
    admin = server.bearer(server.admin_token)
    S["admin"] = admin
    org = admin.post("/api/v1/organisations", {"name": "Acme Logistics",
                                               "domains": [harness.unique("acme") + ".in"]})
    assert org.status == 201, org.describe()
    S["org"] = org.json
    domain = org.json["domains"][0]

    def contact(name, email, **extra):
        body = {"name": name, "email": email}
        body.update(extra)
        r = admin.post("/api/v1/contacts", body)
        assert r.status == 201, r.describe()
        return r.json

    S["asha"] = contact("Asha Rao", "asha@" + domain, language="hi")
    S["ravi"] = contact("Ravi Kumar", "ravi@" + domain, language="kn")
    S["meera"] = contact("Meera Iyer", harness.unique_email("meera"))


def tearDownModule():
    if "server" in S:
        S["server"].cleanup()


class Browser:
    """A customer's browser: cookies for /portal, forms posted with Origin."""

    def __init__(self, server):
        self.server = server
        self.client = server.anonymous()
        self.cookies = {}

    def origin(self):
        return "http://127.0.0.1:%d" % self.server.port

    def _headers(self, extra=None):
        h = {"Accept": "text/html"}
        if self.cookies:
            h["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        h.update(extra or {})
        return h

    def _keep_cookies(self, r):
        for sc in r.headers.get_all("Set-Cookie") or []:
            name, _, rest = sc.partition("=")
            value = rest.split(";", 1)[0]
            if "max-age=0" in sc.lower():
                self.cookies.pop(name.strip(), None)
            else:
                self.cookies[name.strip()] = value
        return r

    def get(self, path, headers=None):
        return self._keep_cookies(self.client.request("GET", path, headers=self._headers(headers)))

    def post_form(self, path, fields, origin="default"):
        headers = {}
        if origin == "default":
            headers["Origin"] = self.origin()
        elif origin is not None:
            headers["Origin"] = origin
        return self._keep_cookies(self.client.request(
            "POST", path, raw_body=urllib.parse.urlencode(fields),
            content_type="application/x-www-form-urlencoded", headers=self._headers(headers)))

    def post_multipart(self, path, fields, files=(), origin="default"):
        boundary = "----portal" + secrets.token_hex(8)
        parts = []
        for k, v in fields.items():
            parts.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n"
                          % (boundary, k, v)).encode("utf-8"))
        for name, data in files:
            parts.append(("--%s\r\nContent-Disposition: form-data; name=\"files\"; "
                          "filename=\"%s\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                          % (boundary, name)).encode("utf-8") + data + b"\r\n")
        body = b"".join(parts) + ("--%s--\r\n" % boundary).encode()
        headers = {"Origin": self.origin()} if origin == "default" else {}
        return self._keep_cookies(self.client.request(
            "POST", path, raw_body=body, content_type="multipart/form-data; boundary=" + boundary,
            headers=self._headers(headers)))


def text(r):
    return r.raw.decode("utf-8", "replace")


def csrf_of(page):
    m = re.search(r'name="csrf" value="([^"]+)"', page)
    return m.group(1) if m else ""


def sign_in_on(server, email):
    """A Browser signed in as `email` on `server` (started with SAHAYAK_PUBLIC_URL
    https://support.example.in) through the link in the mail the portal queued."""
    b = Browser(server)
    r = b.post_form("/portal/sign-in/email", {"email": email})
    assert r.status == 200, r.describe()
    db = sqlite3.connect("file:%s?mode=ro" % os.path.join(server.data_dir, "sahayak.db"),
                         uri=True, timeout=30)
    try:
        rows = db.execute("SELECT payload FROM mail_outbox WHERE to_email = ? ORDER BY id",
                          (email,)).fetchall()
    finally:
        db.close()
    m = re.search(r"https://support\.example\.in(/portal/sign-in/[A-Za-z0-9_-]+)",
                  json.loads(rows[-1][0]).get("text", ""))
    assert m, "no sign-in link for %s" % email
    r = b.post_form(m.group(1), {})
    assert r.status == 303, r.describe()
    return b


def outbox_rows():
    db = sqlite3.connect("file:%s?mode=ro" % os.path.join(S["server"].data_dir, "sahayak.db"),
                         uri=True, timeout=30)
    try:
        return db.execute("SELECT id, kind, to_email, ticket_id, payload FROM mail_outbox "
                          "ORDER BY id").fetchall()
    finally:
        db.close()


def last_link_for(email):
    for _id, kind, to, _ticket, payload in reversed(outbox_rows()):
        if to == email:
            mail = json.loads(payload)
            m = re.search(r"https://support\.example\.in(/portal/sign-in/[A-Za-z0-9_-]+)",
                          mail.get("text", ""))
            return (m.group(1) if m else None), kind, mail
    return None, None, None


def sign_in(email):
    b = Browser(S["server"])
    r = b.post_form("/portal/sign-in/email", {"email": email})
    assert r.status == 200, r.describe()
    path, _, _ = last_link_for(email)
    assert path, "no sign-in mail for %s" % email
    r = b.post_form(path, {})
    assert r.status == 303, r.describe()
    return b


class PortalTest(unittest.TestCase):
    maxDiff = None

    # --- signing in ------------------------------------------------------------------------
    def test_magic_link_flow(self):
        email = S["ravi"]["email"]
        b = Browser(S["server"])
        r = b.get("/portal")
        self.assertEqual(r.status, 303)
        self.assertEqual(r.header("Location"), "/portal/sign-in")
        before = len(outbox_rows())
        r = b.post_form("/portal/sign-in/email", {"email": email.upper()})
        self.assertEqual(r.status, 200, r.describe())
        rows = outbox_rows()
        self.assertEqual(len(rows), before + 1)
        path, kind, mail = last_link_for(email)
        self.assertEqual(kind, "notification")
        self.assertIsNone(rows[-1][3])  # no ticket
        self.assertIsNotNone(path, mail)
        self.assertIn("ಸೈನ್ ಇನ್", mail["subject"])  # Ravi reads Kannada
        # Opening the link (as a mail scanner would) does not use it.
        for _ in range(2):
            r = b.get(path)
            self.assertEqual(r.status, 200, r.describe())
            self.assertIn('method="post"', text(r))
        r = b.post_form(path, {})
        self.assertEqual(r.status, 303, r.describe())
        self.assertEqual(r.header("Location"), "/portal")
        cookie = harness.set_cookie_header(r.headers, "sahayak_portal")
        attrs = harness.cookie_attributes(cookie)
        self.assertTrue(attrs.get("httponly"))
        self.assertEqual(attrs.get("samesite"), "Lax")
        self.assertEqual(attrs.get("path"), "/portal")
        r = b.get("/portal")
        self.assertEqual(r.status, 200, r.describe())
        self.assertIn("Ravi Kumar", text(r))
        for panel in ("panel-shipments", "panel-orders", "panel-invoices"):
            self.assertIn(panel, text(r))
        # Reused link: a page saying so, with a form for a new one.
        fresh = Browser(S["server"])
        r = fresh.post_form(path, {})
        self.assertEqual(r.status, 410, r.describe())
        self.assertIn('action="/portal/sign-in/email"', text(r))
        self.assertNotIn("sahayak_portal", fresh.cookies)
        # Signing out ends the session.
        page = text(b.get("/portal"))
        stolen = dict(b.cookies)
        r = b.post_form("/portal/sign-out", {"csrf": csrf_of(page)})
        self.assertEqual(r.status, 303, r.describe())
        self.assertEqual(b.get("/portal").status, 303)
        # The session row is gone: the old cookie no longer works either.
        old = Browser(S["server"])
        old.cookies = stolen
        self.assertEqual(old.get("/portal").status, 303)

    def test_forged_and_expired_links(self):
        b = Browser(S["server"])
        for token in ("forged" + secrets.token_urlsafe(30), "short", "bad$chars"):
            r = b.get("/portal/sign-in/" + urllib.parse.quote(token))
            self.assertIn(r.status, (410, 404), r.describe())
            r = b.post_form("/portal/sign-in/" + urllib.parse.quote(token), {})
            self.assertIn(r.status, (410, 404), r.describe())
            self.assertNotIn("sahayak_portal", b.cookies)
        # An expired link: its row is made to have expired 1 ms ago.
        email = S["meera"]["email"]
        b.post_form("/portal/sign-in/email", {"email": email})
        path, _, _ = last_link_for(email)
        db = sqlite3.connect(os.path.join(S["server"].data_dir, "sahayak.db"), timeout=30)
        db.execute("UPDATE portal_sign_in_tokens SET expires_at = ? WHERE used_at IS NULL",
                   (int(time.time() * 1000) - 1,))
        db.commit()
        db.close()
        r = b.post_form(path, {})
        self.assertEqual(r.status, 410, r.describe())
        self.assertIn("15", text(r))
        self.assertNotIn("sahayak_portal", b.cookies)

    def test_unknown_address_is_indistinguishable(self):
        known, unknown = S["asha"]["email"], harness.unique_email("ghost")
        pages, times = [], []
        before = len(outbox_rows())
        for email in (unknown, known):
            b = Browser(S["server"])
            t0 = time.monotonic()
            r = b.post_form("/portal/sign-in/email", {"email": email}, )
            times.append(time.monotonic() - t0)
            self.assertEqual(r.status, 200, r.describe())
            pages.append(text(r).replace(email, "EMAIL"))
        self.assertEqual(pages[0], pages[1])
        rows = outbox_rows()
        self.assertEqual(len(rows), before + 1)
        self.assertEqual(rows[-1][2], known)
        # Password attempts: the same page for an unknown address and a wrong password.
        answers = []
        for email in (unknown, known):
            b = Browser(S["server"])
            r = b.post_form("/portal/sign-in/password", {"email": email, "password": "nope-nope-nope"})
            self.assertEqual(r.status, 401, r.describe())
            answers.append(text(r).replace(email, "EMAIL"))
            self.assertNotIn("sahayak_portal", b.cookies)
        self.assertEqual(answers[0], answers[1])

    def test_password_sign_in(self):
        b = sign_in(S["asha"]["email"])
        page = text(b.get("/portal"))
        r = b.post_form("/portal/password", {"csrf": csrf_of(page), "password": "short"})
        self.assertEqual(r.status, 422, r.describe())
        r = b.post_form("/portal/password", {"csrf": csrf_of(page),
                                             "password": "parcel-kab-aayega"})
        self.assertEqual(r.status, 303, r.describe())
        other = Browser(S["server"])
        r = other.post_form("/portal/sign-in/password", {"email": S["asha"]["email"],
                                                         "password": "parcel-kab-aayega"})
        self.assertEqual(r.status, 303, r.describe())
        self.assertIn("sahayak_portal", other.cookies)
        self.assertEqual(other.get("/portal").status, 200)

    def test_csrf_and_origin_are_required(self):
        b = sign_in(S["meera"]["email"])
        page = text(b.get("/portal/new"))
        token = csrf_of(page)
        self.assertTrue(token)
        before = S["admin"].get("/api/v1/contacts/%d/tickets" % S["meera"]["id"]).json["data"]
        r = b.post_multipart("/portal/new", {"subject": "No token", "body": "x"})
        self.assertEqual(r.status, 403, r.describe())
        r = b.post_multipart("/portal/new", {"subject": "Wrong", "body": "x", "csrf": "wrong"})
        self.assertEqual(r.status, 403, r.describe())
        r = b.post_multipart("/portal/new", {"subject": "Elsewhere", "body": "x", "csrf": token},
                             origin=None)
        self.assertEqual(r.status, 403, r.describe())
        r = b.post_form("/portal/sign-out", {"csrf": token}, origin="https://evil.example")
        self.assertEqual(r.status, 403, r.describe())
        after = S["admin"].get("/api/v1/contacts/%d/tickets" % S["meera"]["id"]).json["data"]
        self.assertEqual(len(before), len(after))
        self.assertEqual(b.get("/portal").status, 200)  # still signed in

    # --- tickets ---------------------------------------------------------------------------
    def test_customers_see_only_their_tickets_and_public_messages(self):
        admin = S["admin"]
        secret = harness.unique("internalnote")
        asha_t = admin.create_ticket(subject="Parcel late " + harness.unique("p"),
                                     email=S["asha"]["email"])
        meera_t = admin.create_ticket(subject="Invoice copy " + harness.unique("i"),
                                      email=S["meera"]["email"])
        up = admin.upload("note.txt", b"internal file\n", "text/plain")
        self.assertEqual(up.status, 201, up.describe())
        r = admin.post("/api/v1/tickets/%d/messages" % asha_t["id"],
                       {"body": "Internal: " + secret, "public": False,
                        "attachment_ids": [up.json["id"]]})
        self.assertEqual(r.status, 201, r.describe())
        up2 = admin.upload("meera.txt", b"meera's file\n", "text/plain")
        r = admin.post("/api/v1/tickets/%d/messages" % meera_t["id"],
                       {"body": "Here is your invoice", "attachment_ids": [up2.json["id"]]})
        self.assertEqual(r.status, 201, r.describe())

        asha = sign_in(S["asha"]["email"])
        home = text(asha.get("/portal"))
        self.assertIn(asha_t["subject"], home)
        self.assertNotIn(meera_t["subject"], home)
        r = asha.get("/portal/tickets/%d" % asha_t["number"])
        self.assertEqual(r.status, 200, r.describe())
        self.assertNotIn(secret, text(r))
        self.assertNotIn("note.txt", text(r))
        # Another customer's ticket and file: 404, as for one that does not exist.
        missing = asha.get("/portal/tickets/999999")
        r = asha.get("/portal/tickets/%d" % meera_t["number"])
        self.assertEqual(r.status, 404)
        self.assertEqual(missing.status, 404)
        r = asha.get("/portal/files/%d" % up2.json["id"])
        self.assertEqual(r.status, 404)
        r = asha.get("/portal/files/%d" % up.json["id"])  # internal note's file
        self.assertEqual(r.status, 404)
        page = text(asha.get("/portal/tickets/%d" % asha_t["number"]))
        r = asha.post_multipart("/portal/tickets/%d/replies" % meera_t["number"],
                                {"body": "sneaky", "csrf": csrf_of(page)})
        self.assertEqual(r.status, 404, r.describe())
        msgs = admin.get("/api/v1/tickets/%d/messages" % meera_t["id"]).json["data"]
        self.assertNotIn("sneaky", json.dumps(msgs))
        # Meera can download her own file.
        meera = sign_in(S["meera"]["email"])
        r = meera.get("/portal/files/%d" % up2.json["id"])
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual(r.raw, b"meera's file\n")

    def test_organisation_access(self):
        admin = S["admin"]
        asha_t = admin.create_ticket(subject="Org shipment " + harness.unique("o"),
                                     email=S["asha"]["email"])
        ravi = sign_in(S["ravi"]["email"])
        self.assertNotIn(asha_t["subject"], text(ravi.get("/portal")))
        self.assertEqual(ravi.get("/portal/tickets/%d" % asha_t["number"]).status, 404)
        r = admin.patch("/api/v1/contacts/%d" % S["ravi"]["id"], {"ticket_access": "everything"})
        self.assertEqual(r.status, 422, r.describe())
        r = admin.patch("/api/v1/contacts/%d" % S["ravi"]["id"], {"ticket_access": "organization"})
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual(r.json["ticket_access"], "organization")
        self.assertEqual(admin.get("/api/v1/contacts/%d" % S["ravi"]["id"]).json["ticket_access"],
                         "organization")
        try:
            self.assertIn(asha_t["subject"], text(ravi.get("/portal")))
            r = ravi.get("/portal/tickets/%d" % asha_t["number"])
            self.assertEqual(r.status, 200, r.describe())
            self.assertIn("Asha Rao", text(r))
            meera_t = admin.create_ticket(subject="Not Acme " + harness.unique("n"),
                                          email=S["meera"]["email"])
            self.assertEqual(ravi.get("/portal/tickets/%d" % meera_t["number"]).status, 404)
        finally:
            admin.patch("/api/v1/contacts/%d" % S["ravi"]["id"], {"ticket_access": "own"})

    def test_reply_reaches_the_agent_as_a_public_message_from_the_contact(self):
        admin = S["admin"]
        t = admin.create_ticket(subject="Reply test " + harness.unique("r"),
                                email=S["meera"]["email"])
        b = sign_in(S["meera"]["email"])
        page = text(b.get("/portal/tickets/%d" % t["number"]))
        r = b.post_multipart("/portal/tickets/%d/replies" % t["number"],
                             {"body": "ಇನ್ನೂ ಬಂದಿಲ್ಲ — still waiting", "csrf": csrf_of(page)},
                             files=[("photo.txt", b"label photo\n")])
        self.assertEqual(r.status, 303, r.describe())
        msgs = admin.get("/api/v1/tickets/%d/messages" % t["id"]).json["data"]
        last = msgs[-1]
        self.assertEqual(last["body"], "ಇನ್ನೂ ಬಂದಿಲ್ಲ — still waiting")
        self.assertTrue(last["public"])
        self.assertEqual(last["author"]["type"] if "author" in last else last.get("author_kind"),
                         "contact")
        self.assertEqual(last["channel"], "portal")
        self.assertEqual([a["filename"] for a in last["attachments"]], ["photo.txt"])
        # The agent's answer shows up for the customer.
        answer = "Your parcel arrives tomorrow " + harness.unique("a")
        admin.post("/api/v1/tickets/%d/messages" % t["id"], {"body": answer})
        self.assertIn(answer, text(b.get("/portal/tickets/%d" % t["number"])))

    def test_new_request_with_attachment_and_oversized_or_executable_files(self):
        b = sign_in(S["asha"]["email"])
        page = text(b.get("/portal/new"))
        self.assertIn("data-deflect", page)
        self.assertIn("<div data-deflect-list></div>", page)
        self.assertIn('name="deflection"', page)
        self.assertIn('src="/help/assets/deflect.js"', page)
        token = csrf_of(page)
        count = lambda: len(S["admin"].get("/api/v1/contacts/%d/tickets?limit=100"
                                           % S["asha"]["id"]).json["data"])
        before = count()
        r = b.post_multipart("/portal/new", {"subject": "Too big", "body": "x", "csrf": token},
                             files=[("big.bin", b"a" * (64 * 1024 + 1))])
        self.assertEqual(r.status, 413, r.describe())
        self.assertIn("big.bin", text(r))
        self.assertIn('value="Too big"', text(r))  # the form again, as filled
        r = b.post_multipart("/portal/new", {"subject": "A program", "body": "x", "csrf": token},
                             files=[("setup.exe", b"MZ\x90\x00" + b"\x00" * 200)])
        self.assertEqual(r.status, 422, r.describe())
        self.assertIn("setup.exe", text(r))
        self.assertEqual(count(), before)
        subject = "पार्सल नहीं मिला " + harness.unique("n")
        r = b.post_multipart("/portal/new", {"subject": subject, "body": "AWB 12345",
                                             "topic": "", "csrf": token},
                             files=[("receipt.txt", b"receipt\n")])
        self.assertEqual(r.status, 303, r.describe())
        number = int(re.search(r"/portal/tickets/(\d+)", r.header("Location")).group(1))
        t = S["admin"].get("/api/v1/tickets/by-number/%d" % number).json
        self.assertEqual(t["subject"], subject)
        self.assertEqual(t["channel"], "portal")
        self.assertEqual(t["requester_id"] if "requester_id" in t else t["requester"]["id"],
                         S["asha"]["id"])
        msgs = S["admin"].get("/api/v1/tickets/%d/messages" % t["id"]).json["data"]
        self.assertEqual([a["filename"] for a in msgs[0]["attachments"]], ["receipt.txt"])
        self.assertIn(subject, text(b.get("/portal")))

    def test_languages(self):
        b = sign_in(S["meera"]["email"])
        r = b.get("/portal?lang=hi")
        self.assertIn('<html lang="hi">', text(r))
        self.assertIn("मेरे अनुरोध", text(r))
        r = b.get("/portal")  # the cookie remembers it
        self.assertIn('<html lang="hi">', text(r))
        r = b.get("/portal/new?lang=kn")
        self.assertIn("ಹೊಸ ವಿನಂತಿ", text(r))
        anon = Browser(S["server"])
        r = anon.get("/portal/sign-in", headers={"Accept-Language": "kn-IN,kn;q=0.9"})
        self.assertIn('<html lang="kn">', text(r))
        self.assertIn("ಸೈನ್ ಇನ್", text(r))
        self.assertLess(len(r.raw), 30 * 1024)
        r = anon.get("/portal/nowhere")
        self.assertEqual(r.status, 404)
        self.assertIn("<html", text(r))

    def test_rate_limits(self):
        email = harness.unique_email("limited")
        b = Browser(S["server"])
        statuses = [b.post_form("/portal/sign-in/email", {"email": email}).status
                    for _ in range(8)]
        self.assertIn(429, statuses)
        self.assertEqual(statuses[0], 200)

    def test_portal_invitation(self):
        admin = S["admin"]
        r = admin.post("/api/v1/contacts/%d/portal-invitation" % S["asha"]["id"])
        self.assertEqual(r.status, 202, r.describe())
        self.assertEqual(r.json, {"sent_to": S["asha"]["email"]})
        path, kind, mail = last_link_for(S["asha"]["email"])
        self.assertIsNotNone(path)
        self.assertIn("साइन इन", mail["subject"])
        phone = admin.post("/api/v1/contacts", {"name": "Phone only", "phone": "+919845012345"})
        self.assertEqual(phone.status, 201, phone.describe())
        r = admin.post("/api/v1/contacts/%d/portal-invitation" % phone.json["id"])
        self.assertEqual(r.status, 422, r.describe())
        self.assertIn("application/problem+json", r.header("Content-Type"))
        r = admin.post("/api/v1/contacts/999999/portal-invitation")
        self.assertEqual(r.status, 404, r.describe())


if __name__ == "__main__":
    unittest.main()
