"""Saved views, ticket-list sort and filters, presence, the agent's own profile and password."""

import time
import unittest

import harness


class InboxTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = harness.Server()
        cls.server.start()
        cls.admin = cls.server.bearer(cls.server.admin_token)
        cls.agent = cls.server.bearer(cls.server.agent_token)

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    def new_agent(self, password="Pass-For-New-Agent-1"):
        email = harness.unique_email("ag")
        r = self.admin.post("/api/v1/agents", {"name": "Temp " + email, "email": email,
                                               "role": "agent", "password": password})
        self.assertEqual(r.status, 201, r.describe())
        c = harness.Client(self.server)
        self.assertEqual(c.login(email, password).status, 200)
        return r.json["id"], email, c

    def assertProblem(self, r, status, fields=None, type_=None):
        self.assertEqual(r.status, status, r.describe())
        self.assertEqual(r.header("Content-Type"), "application/problem+json", r.describe())
        if type_:
            self.assertEqual(r.problem_type, type_, r.describe())
        if fields is not None:
            self.assertEqual({e["field"] for e in r.json.get("errors", [])}, set(fields),
                             r.describe())

    # --- saved views ----------------------------------------------------------------------
    def test_view_crud_and_defaults(self):
        _, _, a = self.new_agent()
        r = a.post("/api/v1/views", {"name": " Mine ", "filters": {"status": ["open", "new"],
                                                                   "assignee": "me"}},
                   headers={"Idempotency-Key": "view-1"})
        self.assertEqual(r.status, 201, r.describe())
        v = r.json
        self.assertEqual(v["name"], "Mine")
        self.assertFalse(v["shared"])
        self.assertEqual(v["owner_id"], a.agent["id"])
        self.assertEqual(v["sort"], "-updated_at")
        self.assertEqual(v["columns"], ["number", "subject", "requester", "status", "priority",
                                        "assignee", "updated_at"])
        self.assertEqual(v["filters"], {"status": ["open", "new"], "assignee": "me"})
        self.assertEqual(r.header("ETag"), '"1"')
        self.assertEqual(r.header("Location"), "/api/v1/views/%d" % v["id"])
        again = a.post("/api/v1/views", {"name": " Mine ", "filters": {"status": ["open", "new"],
                                                                       "assignee": "me"}},
                       headers={"Idempotency-Key": "view-1"})
        self.assertEqual(again.status, 201, again.describe())
        self.assertEqual(again.header("Idempotent-Replayed"), "true")
        self.assertEqual(again.json["id"], v["id"])

        r = a.get("/api/v1/views/%d" % v["id"])
        self.assertEqual(r.status, 200, r.describe())
        r = a.patch("/api/v1/views/%d" % v["id"], {"sort": "-solved_at", "columns": ["subject"]},
                    headers={"If-Match": '"1"'})
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual((r.json["sort"], r.json["columns"], r.json["version"]),
                         ("-solved_at", ["subject"], 2))
        r = a.patch("/api/v1/views/%d" % v["id"], {"name": "x"}, headers={"If-Match": '"1"'})
        self.assertProblem(r, 412, type_="/problems/precondition-failed")
        r = a.post("/api/v1/views", {"name": "Mine"})
        self.assertProblem(r, 409, type_="/problems/already-exists")

        r = a.get("/api/v1/views")
        self.assertEqual(r.status, 200, r.describe())
        self.assertIsNone(r.json["next_cursor"])
        self.assertIn(v["id"], [x["id"] for x in r.json["data"]])
        r = a.delete("/api/v1/views/%d" % v["id"])
        self.assertEqual(r.status, 204, r.describe())
        self.assertProblem(a.get("/api/v1/views/%d" % v["id"]), 404)

        r = self.admin.get("/api/v1/audit-events?entity_type=view&entity_id=%d" % v["id"])
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual(sorted(e["action"] for e in r.json["data"]),
                         ["view.created", "view.deleted", "view.updated"])

    def test_view_ownership_and_sharing(self):
        _, _, a = self.new_agent()
        _, _, b = self.new_agent()
        mine = a.post("/api/v1/views", {"name": "A only"})
        self.assertEqual(mine.status, 201, mine.describe())
        vid = mine.json["id"]
        for c in (b, self.admin):
            self.assertProblem(c.get("/api/v1/views/%d" % vid), 404)
            self.assertProblem(c.patch("/api/v1/views/%d" % vid, {"name": "taken"}), 404)
            self.assertProblem(c.delete("/api/v1/views/%d" % vid), 404)
        self.assertNotIn(vid, [x["id"] for x in b.get("/api/v1/views").json["data"]])

        r = a.post("/api/v1/views", {"name": "Team", "shared": True})
        self.assertProblem(r, 403, type_="/problems/forbidden")
        r = a.patch("/api/v1/views/%d" % vid, {"shared": True})
        self.assertProblem(r, 403, type_="/problems/forbidden")
        name = harness.unique("Team")
        r = self.admin.post("/api/v1/views", {"name": name, "shared": True,
                                              "filters": {"assignee": "none"}})
        self.assertEqual(r.status, 201, r.describe())
        shared = r.json
        self.assertTrue(shared["shared"])
        self.assertIsNone(shared["owner_id"])
        listed = [x["id"] for x in b.get("/api/v1/views").json["data"]]
        self.assertIn(shared["id"], listed)
        own_then_shared = [x["shared"] for x in a.get("/api/v1/views").json["data"]]
        self.assertEqual(own_then_shared, sorted(own_then_shared), "own views come first")
        self.assertEqual(b.get("/api/v1/views/%d" % shared["id"]).status, 200)
        self.assertProblem(b.patch("/api/v1/views/%d" % shared["id"], {"name": "x"}), 403)
        self.assertProblem(b.delete("/api/v1/views/%d" % shared["id"]), 403)
        self.assertEqual(self.admin.delete("/api/v1/views/%d" % shared["id"]).status, 204)

    def test_view_bad_input_names_every_member(self):
        r = self.agent.post("/api/v1/views", {
            "name": "   ",
            "filters": {"status": ["lost"], "colour": "red", "priority": "high",
                        "channel": ["fax"], "assignee": "someone", "group": 0},
            "sort": "subject",
            "columns": ["number", "number", "nope"],
            "position": -1})
        self.assertProblem(r, 422, {"name", "filters.status", "filters.colour",
                                    "filters.priority", "filters.channel", "filters.assignee",
                                    "filters.group", "sort", "columns", "position"})
        for body in ([], "x", {"name": 5}, {"name": "x" * 101}, {"name": "ok", "filters": []},
                     {"name": "ok", "columns": "number"}, {"name": "ok", "columns": []},
                     {"name": "ok", "shared": "yes"}):
            r = self.agent.post("/api/v1/views", body)
            self.assertEqual(r.status, 422, r.describe())
            self.assertEqual(r.header("Content-Type"), "application/problem+json")
        for path in ("/api/v1/views/0", "/api/v1/views/abc", "/api/v1/views/999999"):
            self.assertEqual(self.agent.get(path).status, 404)

    def test_too_many_views(self):
        _, _, a = self.new_agent()
        for i in range(100):
            r = a.post("/api/v1/views", {"name": "v%d" % i})
            self.assertEqual(r.status, 201, r.describe())
        self.assertProblem(a.post("/api/v1/views", {"name": "one more"}), 422, {"views"})

    # --- ticket list: sort, filters, paging -----------------------------------------------
    def test_sort_paging_and_filters(self):
        tag = harness.unique("srt").lower()
        made = []
        for i in range(9):
            t = self.admin.create_ticket(subject="sort %d" % i, tags=[tag],
                                         priority=["low", "high", "urgent"][i % 3],
                                         channel=["email", "chat"][i % 2])
            made.append(t["id"])
        # touch them in another order so updated_at differs from creation order
        for tid in (made[4], made[1], made[7]):
            time.sleep(0.003)
            r = self.admin.patch("/api/v1/tickets/%d" % tid, {"status": "solved"})
            self.assertEqual(r.status, 200, r.describe())
        for sort in ("-updated_at", "updated_at", "-created_at", "created_at", "-solved_at"):
            q = "/api/v1/tickets?tag=%s&sort=%s" % (tag, sort)
            paged = [t["id"] for t in self.admin.list_all(q, limit=2)]
            whole = [t["id"] for t in self.admin.list_all(q, limit=100)]
            self.assertEqual(paged, whole, sort)
            self.assertEqual(len(set(paged)), len(paged), sort)
            key = sort.lstrip("-")
            rows = self.admin.list_all(q, limit=100)
            keys = [(t[key], t["id"]) for t in rows]
            self.assertEqual(keys, sorted(keys, reverse=sort.startswith("-")), sort)
            if sort == "-solved_at":
                self.assertEqual(sorted(paged), sorted([made[4], made[1], made[7]]))
            else:
                self.assertEqual(sorted(paged), sorted(made))
        recent = [t["id"] for t in self.admin.list_all(
            "/api/v1/tickets?tag=%s&sort=-updated_at" % tag)]
        self.assertEqual(recent[:3], [made[7], made[1], made[4]])

        for query in ("priority=high", "priority=low,urgent", "channel=chat",
                      "channel=email&priority=urgent", "status=solved&channel=email",
                      "status=new&priority=low,high&channel=email,chat"):
            listed = self.admin.list_all("/api/v1/tickets?tag=%s&%s" % (tag, query))
            n = self.admin.get("/api/v1/tickets/count?tag=%s&%s" % (tag, query))
            self.assertEqual(n.status, 200, n.describe())
            self.assertEqual(n.json["count"], len(listed), query)
            # without the tag the list takes the per-status path; it must agree too
            everything = self.admin.list_all("/api/v1/tickets?%s" % query)
            self.assertEqual(len([t for t in everything if tag in t["tags"]]), len(listed),
                             query)
            for t in listed:
                for name in ("priority", "channel"):
                    wanted = dict(p.split("=") for p in query.split("&")).get(name)
                    if wanted:
                        self.assertIn(t[name], wanted.split(","), query)

    def test_cursor_is_bound_to_its_sort(self):
        for i in range(3):
            self.admin.create_ticket(subject="cursor %d" % i)
        r = self.admin.get("/api/v1/tickets?limit=1&sort=created_at")
        self.assertEqual(r.status, 200, r.describe())
        cursor = r.json["next_cursor"]
        self.assertTrue(cursor)
        ok = self.admin.get("/api/v1/tickets?limit=1&sort=created_at&cursor=" + cursor)
        self.assertEqual(ok.status, 200, ok.describe())
        for other in ("-created_at", "-updated_at"):
            r = self.admin.get("/api/v1/tickets?limit=1&sort=%s&cursor=%s" % (other, cursor))
            self.assertProblem(r, 422, {"cursor"})
        r = self.admin.get("/api/v1/tickets?limit=1&cursor=" + cursor)  # default sort
        self.assertProblem(r, 422, {"cursor"})
        for cur in ("garbage", "aTox", "czotdXBkYXRlZF9hdDp4OjE"):
            self.assertProblem(self.admin.get("/api/v1/tickets?cursor=" + cur), 422, {"cursor"})

    def test_bad_list_parameters_are_named(self):
        r = self.admin.get("/api/v1/tickets?sort=subject&priority=max&channel=fax&limit=0")
        self.assertProblem(r, 422, {"sort", "priority", "channel", "limit"})
        r = self.admin.get("/api/v1/tickets/count?priority=max&channel=email,fax")
        self.assertProblem(r, 422, {"priority", "channel"})

    # --- presence -------------------------------------------------------------------------
    def test_presence_between_two_agents(self):
        a_id, _, a = self.new_agent()
        b_id, _, b = self.new_agent()
        t = self.admin.create_ticket(subject="presence")
        path = "/api/v1/tickets/%d/presence" % t["id"]
        r = a.post(path, {"state": "viewing"})
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual(r.json["data"], [], "nobody else yet; the caller is not listed")
        r = b.post(path, {"state": "viewing"})
        self.assertEqual([p["agent_id"] for p in r.json["data"]], [a_id])
        r = a.post(path, {"state": "viewing"})
        seen = r.json["data"]
        self.assertEqual(len(seen), 1, r.describe())
        self.assertEqual((seen[0]["agent_id"], seen[0]["state"]), (b_id, "viewing"))
        self.assertTrue(seen[0]["name"].startswith("Temp "))
        for k in ("since", "last_seen_at"):
            self.assertTrue(seen[0][k].endswith("Z"), seen[0])
        r = b.post(path, {"state": "replying"})
        self.assertEqual([(p["agent_id"], p["state"]) for p in r.json["data"]], [(a_id, "viewing")])
        r = a.get(path)
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual([(p["agent_id"], p["state"]) for p in r.json["data"]],
                         [(b_id, "replying")])
        # the admin only looks (GET does not register); both agents show, most recent first
        r = self.admin.get(path)
        self.assertEqual([p["agent_id"] for p in r.json["data"]], [b_id, a_id])
        self.assertNotIn(self.server.admin_id, [p["agent_id"] for p in b.get(path).json["data"]])
        r = b.delete(path)
        self.assertEqual(r.status, 204, r.describe())
        self.assertEqual(a.get(path).json["data"], [])

    def test_presence_bad_input(self):
        t = self.admin.create_ticket(subject="presence bad")
        path = "/api/v1/tickets/%d/presence" % t["id"]
        for body in ({"state": "typing"}, {}, {"state": 1}, [], "viewing"):
            self.assertProblem(self.agent.post(path, body), 422)
        for method in ("GET", "DELETE"):
            self.assertProblem(self.agent.request(method, "/api/v1/tickets/99999999/presence"),
                               404)
        self.assertProblem(self.agent.post("/api/v1/tickets/99999999/presence",
                                           {"state": "viewing"}), 404)
        r = self.server.anonymous().post(path, {"state": "viewing"})
        self.assertEqual(r.status, 401)

    # --- bad input on every new route: a 4xx problem, never a 500 -------------------------
    def test_odd_input_on_every_new_route_is_a_4xx_problem(self):
        t = self.admin.create_ticket(subject="odd input")
        v = self.admin.post("/api/v1/views", {"name": harness.unique("odd")})
        self.assertEqual(v.status, 201, v.describe())
        targets = [("POST", "/api/v1/views"), ("PATCH", "/api/v1/views/%d" % v.json["id"]),
                   ("POST", "/api/v1/tickets/%d/presence" % t["id"]),
                   ("PATCH", "/api/v1/auth/me"), ("POST", "/api/v1/auth/password")]
        raws = ["[]", "null", "42", '"s"', "{", '{"name": NaN}', "{}" * 3,
                '{"name": "\\ud800"}', '{"filters": {"status": [[]]}}',
                '{"filters": {"assignee": 1e40, "group": -5, "tag": ["x"]}}',
                '{"columns": [1, null], "sort": ["-updated_at"], "position": 1e300}',
                '{"state": null, "language": {}, "time_zone": "' + "x" * 5000 + '"}',
                '{"current_password": [], "new_password": {}}',
                '{"name": "' + "\\u0000" + '"}']
        for method, path in targets:
            for raw in raws:
                with self.subTest(method=method, path=path, raw=raw[:40]):
                    r = self.admin.request(method, path, raw_body=raw,
                                           content_type="application/json")
                    # members a route does not read are ignored (a PATCH of a view with
                    # only presence members changes nothing); anything else is a 4xx problem
                    self.assertLess(r.status, 500, r.describe())
                    if r.status >= 300:
                        self.assertEqual(r.header("Content-Type"), "application/problem+json",
                                         r.describe())
            r = self.admin.request(method, path, raw_body="state=viewing",
                                   content_type="application/x-www-form-urlencoded")
            self.assertEqual(r.status, 415, r.describe())
        for q in ("sort=", "sort=-", "sort=%00", "priority=,", "channel=email,,chat",
                  "cursor=%%%", "cursor=" + "A" * 5000, "limit=1e3", "priority=" + "x" * 3000):
            for path in ("/api/v1/tickets?", "/api/v1/tickets/count?"):
                r = self.admin.get(path + q)
                self.assertLess(r.status, 500, r.describe())
                if r.status != 200:
                    self.assertEqual(r.status, 422, r.describe())

    # --- the agent's own profile and password ---------------------------------------------
    def test_patch_me(self):
        _, _, a = self.new_agent()
        r = a.patch("/api/v1/auth/me", {"language": "kn", "time_zone": "Europe/Berlin",
                                        "name": "  Kavya  "})
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual((r.json["agent"]["language"], r.json["agent"]["time_zone"],
                          r.json["agent"]["name"]), ("kn", "Europe/Berlin", "Kavya"))
        self.assertEqual(r.json["csrf_token"], a.csrf_token)
        me = a.get("/api/v1/auth/me")
        self.assertEqual(me.json["agent"]["language"], "kn")
        self.assertEqual(me.json["agent"]["name"], "Kavya")
        r = a.patch("/api/v1/auth/me", {"role": "admin", "active": False, "email": "x@y.in",
                                        "language": "fr", "time_zone": "Mars/Olympus",
                                        "nickname": "k", "name": ""})
        self.assertProblem(r, 422, {"role", "active", "email", "language", "time_zone",
                                    "nickname", "name"})
        self.assertEqual(a.get("/api/v1/auth/me").json["agent"]["role"], "agent")
        r = a.patch("/api/v1/auth/me", {"language": "hi"}, csrf=False)
        self.assertProblem(r, 403, type_="/problems/csrf")
        # a bearer token works too
        r = self.agent.patch("/api/v1/auth/me", {"language": "hi"})
        self.assertEqual(r.status, 200, r.describe())
        self.assertIsNone(r.json["csrf_token"])
        self.assertEqual(self.agent.get("/api/v1/auth/me").json["agent"]["language"], "hi")
        events = self.admin.get("/api/v1/audit-events?entity_type=agent&entity_id=%d"
                                % self.server.agent_id).json["data"]
        self.assertIn("agent.profile_updated", [e["action"] for e in events])

    def test_change_password_revokes_other_sessions(self):
        agent_id, email, first = self.new_agent("Old-Password-1")
        second = harness.Client(self.server)
        self.assertEqual(second.login(email, "Old-Password-1").status, 200)
        r = first.post("/api/v1/auth/password", {"current_password": "wrong-one",
                                                 "new_password": "New-Password-2"})
        self.assertProblem(r, 422, {"current_password"})
        r = first.post("/api/v1/auth/password", {"current_password": "Old-Password-1",
                                                 "new_password": "short"})
        self.assertProblem(r, 422, {"new_password"})
        r = first.post("/api/v1/auth/password", {"current_password": 5})
        self.assertProblem(r, 422, {"current_password", "new_password"})
        r = first.post("/api/v1/auth/password", {"current_password": "Old-Password-1",
                                                 "new_password": "New-Password-2"})
        self.assertEqual(r.status, 204, r.describe())
        self.assertEqual(first.get("/api/v1/auth/me").status, 200, "the current session stays")
        self.assertEqual(second.get("/api/v1/auth/me").status, 401, "other sessions end")
        self.assertEqual(harness.Client(self.server).login(email, "Old-Password-1").status, 401)
        self.assertEqual(harness.Client(self.server).login(email, "New-Password-2").status, 200)

    def test_wrong_current_passwords_lock_the_account(self):
        _, email, c = self.new_agent("Old-Password-1")
        for n in range(10):
            r = c.post("/api/v1/auth/password", {"current_password": "wrong-%d" % n,
                                                 "new_password": "New-Password-2"})
            self.assertProblem(r, 422, {"current_password"})
        r = c.post("/api/v1/auth/password", {"current_password": "Old-Password-1",
                                             "new_password": "New-Password-2"})
        self.assertProblem(r, 423, type_="/problems/account-locked")
        self.assertTrue(880 <= int(r.header("Retry-After")) <= 900, r.describe())
        r = harness.Client(self.server).login(email, "Old-Password-1")
        self.assertProblem(r, 423, type_="/problems/account-locked")
        self.assertTrue(r.header("Retry-After").isdigit(), r.describe())


if __name__ == "__main__":
    unittest.main()
