"""The conventions of docs/api/README.md, checked on every resource rather than on tickets only:
Idempotency-Key on every creating POST, ETag/If-Match on every PATCH, lists newest first with
cursor paging and limit bounds, times as RFC 3339 UTC with milliseconds, problem+json errors."""

import re
import unittest

import harness

S = {}
TIME_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")


def setUpModule():
    server = harness.Server()
    server.start()
    S["server"] = server


def tearDownModule():
    if "server" in S:
        S["server"].cleanup()


class ConventionsTest(unittest.TestCase):
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        cls.server = S["server"]
        cls.admin = cls.server.bearer(cls.server.admin_token)
        cls.ticket = cls.admin.create_ticket(subject="Conventions")

    def creators(self):
        """(name, path, body factory) for every creating POST that takes JSON."""
        tid = self.ticket["id"]
        return [
            ("ticket", "/api/v1/tickets", lambda u: {
                "subject": "Idem " + u, "message": {"body": "x"},
                "requester": {"email": u + "@example.in"}}),
            ("message", "/api/v1/tickets/%d/messages" % tid,
             lambda u: {"body": "reply " + u, "public": False}),
            ("contact", "/api/v1/contacts", lambda u: {"name": "C " + u,
                                                       "email": u + "@example.in"}),
            ("organisation", "/api/v1/organisations", lambda u: {"name": "Org " + u}),
            ("agent", "/api/v1/agents", lambda u: {"name": "A " + u, "email": u + "@sahayak.test",
                                                   "role": "agent", "password": "Pass-" + u}),
            ("group", "/api/v1/groups", lambda u: {"name": "Group " + u}),
            ("custom field", "/api/v1/custom-fields", lambda u: {"key": "k_" + u, "label": "L " + u,
                                                                 "type": "text"}),
            ("api token", "/api/v1/api-tokens", lambda u: {"name": "tok " + u}),
        ]

    def test_idempotency_key_on_every_create(self):
        for name, path, make in self.creators():
            with self.subTest(resource=name):
                u = harness.unique("idem")
                body = make(u)
                key = "key-" + u
                first = self.admin.post(path, body, headers={"Idempotency-Key": key})
                self.assertEqual(first.status, 201, first.describe())
                again = self.admin.post(path, body, headers={"Idempotency-Key": key})
                self.assertEqual(again.status, 201, again.describe())
                self.assertEqual(again.headers.get("Idempotent-Replayed"), "true", again.describe())
                want = dict(first.json)
                if name == "api token":
                    # The token is shown once and not kept for replays (docs/api/README.md).
                    self.assertTrue(want.pop("token", "").startswith("shy_"), first.describe())
                    self.assertNotIn("token", again.json, "a replay shows the token again")
                self.assertEqual(again.json, want, "a replay returns the first body")
                other = self.admin.post(path, make(u + "x"), headers={"Idempotency-Key": key})
                self.assertEqual(other.status, 422, other.describe())
                self.assertEqual(other.problem_type, "/problems/idempotency-key-reused")

    def test_idempotency_key_on_upload(self):
        key = harness.unique("up")
        a = self.admin.upload("a.txt", b"first file\n", "text/plain",
                              headers={"Idempotency-Key": key})
        self.assertEqual(a.status, 201, a.describe())
        b = self.admin.upload("a.txt", b"first file\n", "text/plain",
                              headers={"Idempotency-Key": key})
        self.assertEqual(b.status, 201, b.describe())
        # The multipart boundary differs between the two requests; the same file under the
        # same name is still the same upload, so it is replayed.
        self.assertEqual(b.headers.get("Idempotent-Replayed"), "true", b.describe())
        self.assertEqual(b.json["id"], a.json["id"])
        c = self.admin.upload("a.txt", b"another file\n", "text/plain",
                              headers={"Idempotency-Key": key})
        self.assertEqual(c.status, 422, c.describe())
        self.assertEqual(c.json["type"], "/problems/idempotency-key-reused")

    def entities(self):
        """(name, path of one entity, a harmless PATCH) for every PATCHable entity."""
        admin = self.admin
        c = admin.post("/api/v1/contacts", {"name": "E", "email": harness.unique_email("e")}).json
        o = admin.post("/api/v1/organisations", {"name": harness.unique("org")}).json
        g = admin.post("/api/v1/groups", {"name": harness.unique("grp")}).json
        f = admin.post("/api/v1/custom-fields", {"key": harness.unique("f"), "label": "F",
                                                 "type": "text"}).json
        a = admin.post("/api/v1/agents", {"name": "Ag", "email": harness.unique_email("ag"),
                                          "role": "agent", "password": "Agent-Pass-123"}).json
        t = admin.create_ticket(subject="ETag entity")
        return [("ticket", "/api/v1/tickets/%d" % t["id"], {"priority": "low"}),
                ("contact", "/api/v1/contacts/%d" % c["id"], {"name": "E2"}),
                ("organisation", "/api/v1/organisations/%d" % o["id"], {"notes": "n"}),
                ("group", "/api/v1/groups/%d" % g["id"], {"description": "d"}),
                ("custom field", "/api/v1/custom-fields/%d" % f["id"], {"label": "F2"}),
                ("agent", "/api/v1/agents/%d" % a["id"], {"name": "Ag2"}),
                ("workspace", "/api/v1/workspace", {"name": "Conventions workspace"})]

    def test_etag_and_if_match_on_every_entity(self):
        for name, path, patch in self.entities():
            with self.subTest(entity=name):
                g = self.admin.get(path)
                self.assertEqual(g.status, 200, g.describe())
                version = g.json.get("version")
                self.assertIsInstance(version, int, "%s has no version" % name)
                self.assertEqual(g.headers.get("ETag"), '"%d"' % version, g.describe())
                stale = self.admin.patch(path, patch, headers={"If-Match": '"%d"' % (version + 9)})
                self.assertEqual(stale.status, 412, stale.describe())
                self.assertEqual(stale.problem_type, "/problems/precondition-failed")
                self.assertEqual(self.admin.get(path).json.get("version"), version,
                                 "a 412 changed the %s" % name)
                ok = self.admin.patch(path, patch, headers={"If-Match": '"%d"' % version})
                self.assertEqual(ok.status, 200, ok.describe())
                self.assertEqual(ok.json.get("version"), version + 1)
                self.assertEqual(ok.headers.get("ETag"), '"%d"' % (version + 1), ok.describe())
                for key in ("created_at", "updated_at"):
                    if key in ok.json:
                        self.assertRegex(ok.json[key], TIME_RE)

    def test_lists_are_newest_first_and_paged(self):
        admin = self.admin
        made = {
            "/api/v1/contacts": [admin.post("/api/v1/contacts", {
                "name": "L%d" % k, "email": harness.unique_email("l")}).json["id"]
                for k in range(3)],
            "/api/v1/organisations": [admin.post("/api/v1/organisations", {
                "name": harness.unique("lo")}).json["id"] for k in range(3)],
            "/api/v1/groups": [admin.post("/api/v1/groups", {
                "name": harness.unique("lg")}).json["id"] for k in range(3)],
            "/api/v1/agents": [admin.post("/api/v1/agents", {
                "name": "LA", "email": harness.unique_email("la"), "role": "agent",
                "password": "List-Agent-Pass-1"}).json["id"] for k in range(3)],
            "/api/v1/custom-fields": [admin.post("/api/v1/custom-fields", {
                "key": harness.unique("lf"), "label": "LF", "type": "text"}).json["id"]
                for k in range(3)],
            "/api/v1/api-tokens": [admin.post("/api/v1/api-tokens", {
                "name": harness.unique("lt")}).json["id"] for k in range(3)],
        }
        for path, ids in made.items():
            with self.subTest(list=path):
                first = admin.get(path + "?limit=2")
                self.assertEqual(first.status, 200, first.describe())
                self.assertEqual([x["id"] for x in first.json["data"]], ids[::-1][:2],
                                 "newest first, two per page")
                cursor = first.json.get("next_cursor")
                self.assertIsInstance(cursor, str, first.describe())
                second = admin.get(path + "?limit=2&cursor=" + cursor)
                self.assertEqual(second.status, 200, second.describe())
                self.assertEqual(second.json["data"][0]["id"], ids[0], second.describe())
                everything = admin.list_all(path, limit=1)
                seen = [x["id"] for x in everything]
                self.assertEqual(len(seen), len(set(seen)), "a page repeated an item")
                self.assertTrue(set(ids) <= set(seen))
                for bad in ("0", "101", "-1", "x"):
                    r = admin.get(path + "?limit=" + bad)
                    self.assertEqual(r.status, 422, r.describe())
                    self.assertEqual(r.problem_type, "/problems/validation")
                for item in first.json["data"]:
                    for key in ("created_at", "updated_at"):
                        if item.get(key) is not None:
                            self.assertRegex(item[key], TIME_RE)

    def test_audit_log_lists_newest_first(self):
        r = self.admin.get("/api/v1/audit-events?limit=5")
        self.assertEqual(r.status, 200, r.describe())
        ids = [e["id"] for e in r.json["data"]]
        self.assertEqual(ids, sorted(ids, reverse=True))
        self.assertIsInstance(r.json.get("next_cursor"), str)
        for e in r.json["data"]:
            self.assertRegex(e["created_at"], TIME_RE)
            self.assertIn(e["actor"]["type"], ("agent", "contact", "system"))

    def test_errors_are_problem_json_everywhere(self):
        anon = self.server.anonymous()
        checks = [(anon.get("/api/v1/tickets"), 401, "/problems/unauthenticated"),
                  (self.admin.get("/api/v1/contacts/987654321"), 404, "/problems/not-found"),
                  (self.admin.request("PUT", "/api/v1/workspace", {}), 405,
                   "/problems/method-not-allowed"),
                  (self.server.bearer(self.server.agent_token).get("/api/v1/audit-events"), 403,
                   "/problems/forbidden"),
                  (self.admin.post("/api/v1/groups", {"name": 5}), 422, "/problems/validation")]
        for r, status, ptype in checks:
            with self.subTest(request="%s %s" % (r.method, r.path)):
                self.assertEqual(r.status, status, r.describe())
                self.assertTrue(r.headers.get("Content-Type", "").startswith(
                    "application/problem+json"), r.describe())
                self.assertEqual(r.json["type"], ptype)
                self.assertEqual(r.json["status"], status)
                self.assertIsInstance(r.json.get("title"), str)


if __name__ == "__main__":
    unittest.main()
