"""SLA policies on the real server (docs/sla.md, issue 9 item 2): admins write policies and
every bad member is named (422), names are unique (409), versions are honoured (412), agents
read; a ticket's clocks from its history (first response met by a reply, resolution paused
while pending), the sweep's row on the ticket (`sla_due_at`) and the ticket list sorted and
filtered by it; the seeded demo's policies.

Breaches and warnings need a clock that moves faster than a test: they are tested on a fake
clock in services/sla/sla_service_test.cc."""

import time
import unittest
from datetime import datetime, timedelta

import harness

S = {}
PATH = "/api/v1/sla-policies"


def ok(r, status=200):
    if r.status != status:
        raise harness.HarnessError("expected %d:\n%s" % (status, r.describe()))
    return r.json


def ts(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def setUpModule():
    server = harness.Server()
    server.start()
    S["server"] = server
    S["admin"] = server.bearer(server.admin_token)
    S["agent"] = server.bearer(server.agent_token)


def tearDownModule():
    if "server" in S:
        S["server"].cleanup()


def fields(r):
    return [e.get("field") for e in (r.json or {}).get("errors", [])]


class SlaTest(unittest.TestCase):
    maxDiff = None

    def wait_for_row(self, ticket_id, check, what):
        """Polls the ticket until the sweep's row satisfies `check` (the sweep runs every
        second)."""
        deadline = time.monotonic() + 10
        while True:
            t = ok(S["admin"].get("/api/v1/tickets/%d" % ticket_id))
            if check(t):
                return t
            if time.monotonic() > deadline:
                self.fail("%s: not within 10 s; the ticket is %r" % (what, t))
            time.sleep(0.1)

    def test_policies_are_admin_written_and_bad_members_named(self):
        admin, agent = S["admin"], S["agent"]
        body = {"name": harness.unique("Chat"), "conditions": {"channels": ["chat"]},
                "targets": [{"metric": "first_response", "minutes": 1, "business_hours": False}]}
        r = agent.post(PATH, body)
        self.assertEqual(r.status, 403, r.describe())
        r = admin.post(PATH, {"name": "", "colour": "red",
                              "conditions": {"channels": ["chat", "fax"], "group_ids": [999999],
                                             "tiers": ["gold"]},
                              "targets": [{"metric": "soon", "minutes": 0}]})
        self.assertEqual(r.status, 422, r.describe())
        self.assertTrue(r.header("Content-Type").startswith("application/problem+json"))
        for field in ("name", "colour", "conditions.channels[1]", "conditions.tiers[0]",
                      "targets[0].metric", "targets[0].minutes"):
            self.assertIn(field, fields(r), r.describe())
        r = admin.post(PATH, dict(body, conditions={"group_ids": [999999]}))
        self.assertEqual(fields(r), ["conditions.group_ids[0]"], r.describe())
        r = admin.post(PATH, dict(body, targets=body["targets"] * 2))
        self.assertEqual(fields(r), ["targets[1].metric"], r.describe())

        made = ok(admin.post(PATH, body), 201)
        self.assertEqual(made["conditions"]["channels"], ["chat"])
        self.assertEqual(made["targets"], body["targets"])
        self.assertEqual(admin.post(PATH, body).status, 409)
        listed = ok(agent.get(PATH))["data"]
        self.assertIn(made["id"], [p["id"] for p in listed], "agents read the policies")
        stale = admin.patch("%s/%d" % (PATH, made["id"]), {"active": False},
                            headers={"If-Match": '"%d"' % (made["version"] + 1)})
        self.assertEqual(stale.status, 412, stale.describe())
        changed = ok(admin.patch("%s/%d" % (PATH, made["id"]), {"active": False},
                                 headers={"If-Match": '"%d"' % made["version"]}))
        self.assertFalse(changed["active"])
        self.assertEqual(agent.delete("%s/%d" % (PATH, made["id"])).status, 403)
        self.assertEqual(admin.delete("%s/%d" % (PATH, made["id"])).status, 204)
        self.assertEqual(admin.get("%s/%d" % (PATH, made["id"])).status, 404)

    def test_a_tickets_clocks_its_row_and_the_list_sorted_by_due_time(self):
        admin = S["admin"]
        tag = harness.unique("sla").lower()
        policy = ok(admin.post(PATH, {
            "name": harness.unique("Tagged"), "position": 0, "conditions": {"tags": [tag]},
            "targets": [{"metric": "first_response", "minutes": 30, "business_hours": False},
                        {"metric": "resolution", "minutes": 600, "business_hours": False}]}), 201)
        try:
            first = admin.create_ticket(subject="पार्सल कहाँ है?", tags=[tag])
            second = admin.create_ticket(subject="ಪಾರ್ಸೆಲ್ ಎಲ್ಲಿದೆ?", tags=[tag])
            t = self.wait_for_row(first["id"], lambda t: t["sla_due_at"], "the first row")
            self.assertEqual(ts(t["sla_due_at"]) - ts(first["created_at"]), timedelta(minutes=30))
            self.assertFalse(t["sla_breached"])

            sla = ok(admin.get("/api/v1/tickets/%d/sla" % first["id"]))
            self.assertEqual(sla["policy"], {"id": policy["id"], "name": policy["name"]})
            self.assertEqual([(c["metric"], c["state"]) for c in sla["clocks"]],
                             [("first_response", "active"), ("resolution", "active")])

            # The agent answers the first: its first response is met; the list sorted by due
            # time then puts the second first (its first response is due in 30 minutes, the
            # first's resolution in ten hours).
            r = admin.post("/api/v1/tickets/%d/messages" % first["id"],
                           {"body": "नमस्ते, हम देख रहे हैं।", "public": True})
            self.assertEqual(r.status, 201, r.describe())
            sla = ok(admin.get("/api/v1/tickets/%d/sla" % first["id"]))
            self.assertEqual(sla["clocks"][0]["state"], "achieved")
            self.assertIsNotNone(sla["clocks"][0]["fulfilled_at"])
            self.wait_for_row(first["id"], lambda t: t["sla_due_at"] and
                              ts(t["sla_due_at"]) - ts(first["created_at"]) == timedelta(hours=10),
                              "the row after the reply")
            self.wait_for_row(second["id"], lambda t: t["sla_due_at"], "the second row")
            listed = ok(admin.get("/api/v1/tickets?sort=sla_due_at&sla=due&tag=" + tag))
            self.assertEqual([t["id"] for t in listed["data"]], [second["id"], first["id"]])

            # Pending on the customer: the resolution clock pauses, and the list leaves it out.
            r = admin.patch("/api/v1/tickets/%d" % first["id"], {"status": "pending"})
            self.assertEqual(r.status, 200, r.describe())
            sla = ok(admin.get("/api/v1/tickets/%d/sla" % first["id"]))
            self.assertEqual(sla["clocks"][1]["state"], "paused")
            self.assertIsNone(sla["clocks"][1]["due_at"])
            self.wait_for_row(first["id"], lambda t: t["sla_due_at"] is None, "the paused row")
            listed = ok(admin.get("/api/v1/tickets?sort=sla_due_at&tag=" + tag))
            self.assertEqual([t["id"] for t in listed["data"]], [second["id"]])
            breached = ok(admin.get("/api/v1/tickets?sla=breached&tag=" + tag))
            self.assertEqual(breached["data"], [])
        finally:
            admin.delete("%s/%d" % (PATH, policy["id"]))

    def test_bad_list_parameters_are_named(self):
        r = S["admin"].get("/api/v1/tickets?sla=late")
        self.assertEqual(r.status, 422, r.describe())
        self.assertIn("sla", fields(r))
        r = S["admin"].get("/api/v1/tickets?sort=sla_due")
        self.assertIn("sort", fields(r))
        self.assertIn("sla_due_at", r.describe())
        r = S["admin"].get("/api/v1/tickets/99999999/sla")
        self.assertEqual(r.status, 404, r.describe())


class DemoSlaTest(unittest.TestCase):
    """The demo's policies (seed-demo): chat within a minute, enterprise tighter, e-mail in 24
    business hours."""

    def test_the_demo_has_its_policies(self):
        server = harness.Server(create_users=False)
        try:
            server.cli("seed-demo", "--tickets", "20")
            server.start()
            admin = server.login("admin@demo.sahayak.local", "sahayak-demo")
            policies = ok(admin.get(PATH))["data"]
            by_name = {p["name"]: p for p in policies}
            self.assertEqual([p["name"] for p in policies], ["Live chat", "Enterprise", "Standard"])
            chat = by_name["Live chat"]["targets"][0]
            self.assertEqual((chat["metric"], chat["minutes"], chat["business_hours"]),
                             ("first_response", 1, False))
            mail = by_name["Standard"]["targets"][0]
            self.assertEqual((mail["minutes"], mail["business_hours"]), (24 * 60, True))
            self.assertEqual(by_name["Enterprise"]["conditions"]["tiers"], ["enterprise"])
        finally:
            server.cleanup()


if __name__ == "__main__":
    unittest.main()
