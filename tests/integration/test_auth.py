"""Logging in and out, cookies, CSRF, bearer tokens, lockout and deactivation."""

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


class AuthTest(unittest.TestCase):
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        cls.server = S["server"]
        cls.admin_token = cls.server.bearer(cls.server.admin_token)

    def assertProblem(self, r, status, ptype):
        self.assertEqual(r.status, status, r.describe())
        self.assertTrue((r.headers.get("Content-Type") or "").startswith("application/problem+json"),
                        "not problem+json:\n" + r.describe())
        self.assertEqual(r.problem_type, ptype, r.describe())

    def new_agent(self, role="agent", password="Pass-For-New-Agent-1"):
        email = harness.unique_email("ag")
        r = self.admin_token.post("/api/v1/agents", {"name": "Temp " + email, "email": email,
                                                     "role": role, "password": password})
        self.assertEqual(r.status, 201, r.describe())
        return r.json["id"], email, password

    def ticket_count(self):
        return len(self.admin_token.list_all("/api/v1/tickets"))

    # --- login / logout -------------------------------------------------------------------
    def test_login_me_logout(self):
        c = harness.Client(self.server)
        r = c.login(self.server.agent_email, self.server.agent_password)
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual(r.json["agent"]["email"], self.server.agent_email)
        self.assertEqual(r.json["agent"]["role"], "agent")
        self.assertNotIn("password_hash", r.json["agent"])
        self.assertIsInstance(r.json["csrf_token"], str)
        self.assertGreaterEqual(len(r.json["csrf_token"]), 16, "CSRF token too short to be secret")
        me = c.get("/api/v1/auth/me")
        self.assertEqual(me.status, 200, me.describe())
        self.assertEqual(me.json["agent"]["id"], r.json["agent"]["id"])
        self.assertEqual(me.json["csrf_token"], r.json["csrf_token"])
        out = c.post("/api/v1/auth/logout")
        self.assertEqual(out.status, 204, out.describe())
        after = c.get("/api/v1/auth/me")
        self.assertProblem(after, 401, "/problems/unauthenticated")
        after = c.get("/api/v1/tickets")
        self.assertProblem(after, 401, "/problems/unauthenticated")

    def test_login_email_is_case_insensitive_and_sessions_are_distinct(self):
        a = harness.Client(self.server)
        self.assertEqual(a.login(self.server.agent_email.upper(),
                                 self.server.agent_password).status, 200, a.last_login.describe())
        b = harness.Client(self.server)
        self.assertEqual(b.login(self.server.agent_email, self.server.agent_password).status, 200)
        self.assertNotEqual(a.session_cookie, b.session_cookie)
        self.assertNotEqual(a.csrf_token, b.csrf_token)
        self.assertEqual(a.post("/api/v1/auth/logout").status, 204)
        # logging out one session leaves the other working
        self.assertEqual(b.get("/api/v1/auth/me").status, 200)
        self.assertEqual(a.get("/api/v1/auth/me").status, 401)

    def test_wrong_password_and_unknown_email(self):
        for email, password in ((self.server.admin_email, "wrong-password"),
                                ("nobody@sahayak.test", "whatever-123"),
                                (self.server.admin_email.upper(), "Wrong-Password")):
            with self.subTest(email=email, password=password):
                c = harness.Client(self.server)
                r = c.request("POST", "/api/v1/auth/login", {"email": email, "password": password},
                              auth=False)
                self.assertProblem(r, 401, "/problems/invalid-credentials")
                self.assertIsNone(harness.session_cookie_from(r.headers),
                                  "a failed login must not set a session cookie")
        # the two kinds of failure must read the same (no account enumeration)
        a = harness.Client(self.server).request("POST", "/api/v1/auth/login",
                                                {"email": self.server.agent_email,
                                                 "password": "nope-nope"}, auth=False)
        b = harness.Client(self.server).request("POST", "/api/v1/auth/login",
                                                {"email": "ghost@sahayak.test",
                                                 "password": "nope-nope"}, auth=False)
        self.assertEqual((a.status, a.json.get("title"), a.json.get("detail")),
                         (b.status, b.json.get("title"), b.json.get("detail")))

    def test_lockout_after_ten_failures(self):
        agent_id, email, password = self.new_agent()
        for n in range(10):
            r = harness.Client(self.server).request(
                "POST", "/api/v1/auth/login", {"email": email, "password": "wrong-%d" % n},
                auth=False)
            self.assertProblem(r, 401, "/problems/invalid-credentials")
        # now even the right password is refused
        c = harness.Client(self.server)
        r = c.login(email, password)
        self.assertProblem(r, 423, "/problems/account-locked")
        self.assertIsNone(harness.session_cookie_from(r.headers))
        # Retry-After: whole seconds until the 15-minute lock ends
        retry = r.header("Retry-After")
        self.assertIsNotNone(retry, r.describe())
        self.assertTrue(retry.isdigit(), r.describe())
        self.assertTrue(880 <= int(retry) <= 900, r.describe())
        r = harness.Client(self.server).request("POST", "/api/v1/auth/login",
                                                {"email": email, "password": "wrong-again"},
                                                auth=False)
        self.assertProblem(r, 423, "/problems/account-locked")
        # other accounts are not affected
        self.assertEqual(harness.Client(self.server).login(
            self.server.agent_email, self.server.agent_password).status, 200)

    def test_nine_failures_do_not_lock(self):
        agent_id, email, password = self.new_agent()
        for n in range(9):
            r = harness.Client(self.server).request(
                "POST", "/api/v1/auth/login", {"email": email, "password": "bad-%d" % n},
                auth=False)
            self.assertEqual(r.status, 401, r.describe())
        self.assertEqual(harness.Client(self.server).login(email, password).status, 200,
                         "nine failures must not lock the account")

    # --- cookies --------------------------------------------------------------------------
    def test_cookie_flags(self):
        c = harness.Client(self.server)
        r = c.login(self.server.agent_email, self.server.agent_password, remember_me=False)
        self.assertEqual(r.status, 200, r.describe())
        sc = harness.set_cookie_header(r.headers)
        self.assertIsNotNone(sc, r.describe())
        attrs = harness.cookie_attributes(sc)
        self.assertIn("httponly", attrs, sc)
        self.assertEqual(str(attrs.get("samesite", "")).lower(), "lax", sc)
        self.assertEqual(attrs.get("path"), "/", sc)
        self.assertNotIn("max-age", attrs, "a session without remember_me ends with the browser")
        self.assertNotIn("expires", attrs, sc)
        self.assertGreaterEqual(len(c.session_cookie), 20, "session id too short: %s" % sc)

    def test_remember_me_sets_max_age(self):
        c = harness.Client(self.server)
        r = c.login(self.server.agent_email, self.server.agent_password, remember_me=True)
        self.assertEqual(r.status, 200, r.describe())
        sc = harness.set_cookie_header(r.headers)
        attrs = harness.cookie_attributes(sc)
        # 30 days, give or take the second the server spent between the clock reads
        self.assertRegex(attrs.get("max-age", ""), r"^\d+$", sc)
        self.assertLessEqual(abs(int(attrs["max-age"]) - 30 * 24 * 3600), 5, sc)
        self.assertIn("httponly", attrs, sc)
        self.assertEqual(str(attrs.get("samesite", "")).lower(), "lax", sc)
        self.assertEqual(c.get("/api/v1/auth/me").status, 200)

    def test_logout_clears_the_cookie(self):
        c = self.server.login_agent()
        r = c.post("/api/v1/auth/logout")
        self.assertEqual(r.status, 204, r.describe())
        sc = harness.set_cookie_header(r.headers)
        self.assertIsNotNone(sc, "logout should expire the cookie:\n" + r.describe())
        attrs = harness.cookie_attributes(sc)
        self.assertTrue(attrs.get("max-age") == "0" or "expires" in attrs, sc)

    # --- CSRF -----------------------------------------------------------------------------
    def test_csrf_required_for_cookie_sessions(self):
        c = self.server.login_agent()
        before = self.ticket_count()
        body = {"subject": "CSRF", "message": {"body": "x"},
                "requester": {"email": harness.unique_email("csrf")}}
        r = c.post("/api/v1/tickets", body, csrf=False)
        self.assertProblem(r, 403, "/problems/csrf")
        r = c.post("/api/v1/tickets", body, csrf=False, headers={"X-CSRF-Token": "forged-token"})
        self.assertProblem(r, 403, "/problems/csrf")
        # another session's token does not fit this session
        other = self.server.login_agent()
        r = c.post("/api/v1/tickets", body, csrf=False,
                   headers={"X-CSRF-Token": other.csrf_token})
        self.assertProblem(r, 403, "/problems/csrf")
        self.assertEqual(self.ticket_count(), before, "a refused POST created a ticket")
        r = c.post("/api/v1/tickets", body)
        self.assertEqual(r.status, 201, r.describe())
        tid = r.json["id"]
        for method, path, payload in (("PATCH", "/api/v1/tickets/%d" % tid, {"subject": "hijack"}),
                                      ("POST", "/api/v1/tickets/%d/messages" % tid,
                                       {"body": "x", "public": True}),
                                      ("POST", "/api/v1/auth/logout", None)):
            with self.subTest(method=method, path=path):
                r = c.request(method, path, payload, csrf=False)
                self.assertProblem(r, 403, "/problems/csrf")
        admin = self.server.login_admin()
        g = admin.post("/api/v1/groups", {"name": harness.unique("csrf-group")})
        self.assertEqual(g.status, 201, g.describe())
        r = admin.delete("/api/v1/groups/%d" % g.json["id"], csrf=False)
        self.assertProblem(r, 403, "/problems/csrf")
        self.assertEqual(admin.get("/api/v1/groups/%d" % g.json["id"]).status, 200)
        # nothing changed and the session still works; safe methods need no token
        t = c.get("/api/v1/tickets/%d" % tid)
        self.assertEqual(t.status, 200)
        self.assertEqual(t.json["subject"], "CSRF")
        self.assertEqual(t.json["version"], 1)
        self.assertEqual(c.get("/api/v1/auth/me").status, 200)

    def test_bearer_token_needs_no_csrf(self):
        b = self.server.bearer(self.server.agent_token)
        r = b.get("/api/v1/tickets")
        self.assertEqual(r.status, 200, r.describe())
        r = b.post("/api/v1/tickets", {"subject": "Bearer", "message": {"body": "x"},
                                       "requester": {"email": harness.unique_email("b")}})
        self.assertEqual(r.status, 201, r.describe())
        r2 = b.patch("/api/v1/tickets/%d" % r.json["id"], {"priority": "low"})
        self.assertEqual(r2.status, 200, r2.describe())
        self.assertEqual(r2.json["priority"], "low")
        # the ticket's author is the token's agent
        m = b.get("/api/v1/tickets/%d/messages" % r.json["id"])
        self.assertEqual(m.status, 200)
        msg = b.post("/api/v1/tickets/%d/messages" % r.json["id"], {"body": "hi", "public": True})
        self.assertEqual(msg.status, 201, msg.describe())
        self.assertEqual(msg.json["author"]["id"], self.server.agent_id)

    def test_bad_credentials_are_401(self):
        for hdrs in ({"Authorization": "Bearer not-a-real-token"},
                     {"Authorization": "Bearer "},
                     {"Authorization": "Basic YWRtaW46YWRtaW4="},
                     {"Authorization": "Bearer " + self.server.admin_token + "x"},
                     {"Cookie": "sahayak_session=forged"},
                     {}):
            with self.subTest(headers=hdrs):
                r = harness.Client(self.server).request("GET", "/api/v1/tickets", headers=hdrs)
                self.assertProblem(r, 401, "/problems/unauthenticated")

    def test_api_token_lifecycle(self):
        admin = self.server.login_admin()
        r = admin.post("/api/v1/api-tokens", {"name": "shipping-bot"})
        self.assertEqual(r.status, 201, r.describe())
        token = r.json.get("token")
        self.assertIsInstance(token, str, r.describe())
        self.assertEqual(r.json["name"], "shipping-bot")
        self.assertEqual(r.json["agent_id"], self.server.admin_id)
        tid = r.json["id"]
        bot = self.server.bearer(token)
        self.assertEqual(bot.get("/api/v1/tickets").status, 200)
        listed = admin.get("/api/v1/api-tokens")
        self.assertEqual(listed.status, 200, listed.describe())
        mine = [t for t in listed.json["data"] if t["id"] == tid]
        self.assertEqual(len(mine), 1, listed.describe())
        self.assertNotIn("token", mine[0], "the secret is shown only once")
        self.assertNotIn(token, listed.raw.decode("utf-8", "replace"))
        self.assertIsNotNone(mine[0].get("last_used_at"), "last_used_at after use")
        d = admin.delete("/api/v1/api-tokens/%d" % tid)
        self.assertEqual(d.status, 204, d.describe())
        self.assertProblem(bot.get("/api/v1/tickets"), 401, "/problems/unauthenticated")
        listed = admin.get("/api/v1/api-tokens")
        self.assertFalse([t for t in listed.json["data"] if t["id"] == tid])
        # the CLI token still works
        self.assertEqual(self.server.bearer(self.server.admin_token).get("/api/v1/tickets").status,
                         200)

    def test_cli_token_is_stored_hashed(self):
        token = self.server.create_token(self.server.agent_email, "restart-check")
        self.assertEqual(self.server.bearer(token).get("/api/v1/auth/me").status, 200)
        import glob
        import os
        for path in glob.glob(os.path.join(self.server.data_dir, "**"), recursive=True):
            if os.path.isfile(path):
                with open(path, "rb") as f:
                    self.assertNotIn(token.encode(), f.read(),
                                     "the raw token is stored in %s" % path)

    # --- deactivation ---------------------------------------------------------------------
    def test_deactivated_agent_is_locked_out(self):
        agent_id, email, password = self.new_agent()
        session = harness.Client(self.server)
        self.assertEqual(session.login(email, password).status, 200)
        token = self.server.create_token(email, "to-be-deactivated")
        self.assertEqual(self.server.bearer(token).get("/api/v1/tickets").status, 200)
        self.assertEqual(session.get("/api/v1/tickets").status, 200)
        r = self.admin_token.patch("/api/v1/agents/%d" % agent_id, {"active": False})
        self.assertEqual(r.status, 200, r.describe())
        self.assertIs(r.json["active"], False)
        self.assertProblem(session.get("/api/v1/tickets"), 401, "/problems/unauthenticated")
        self.assertProblem(self.server.bearer(token).get("/api/v1/tickets"), 401,
                           "/problems/unauthenticated")
        again = harness.Client(self.server)
        r = again.request("POST", "/api/v1/auth/login", {"email": email, "password": password},
                          auth=False)
        self.assertIn(r.status, (401, 403), r.describe())
        self.assertIsNone(harness.session_cookie_from(r.headers), r.describe())
        # reactivated, the agent can log in again
        r = self.admin_token.patch("/api/v1/agents/%d" % agent_id, {"active": True})
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual(harness.Client(self.server).login(email, password).status, 200)

    def test_reset_password_cli(self):
        agent_id, email, password = self.new_agent()
        self.server.cli("admin", "reset-password", "--email", email, "--password", "Other-Pass-77")
        self.assertEqual(harness.Client(self.server).login(email, password).status, 401)
        self.assertEqual(harness.Client(self.server).login(email, "Other-Pass-77").status, 200)


if __name__ == "__main__":
    unittest.main()
