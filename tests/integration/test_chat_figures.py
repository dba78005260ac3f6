"""Live chat figures on the real server (docs/analytics.md, "Live chat"; issue 8 item 5): a
Hindi chat answered by an agent and an English chat the visitor left before anyone took it,
counted for the team, the agent, the group and each language, with the wait, the first
response against the one-minute promise, the duration and how long the visitor gave up after;
the group filter, 422s naming the bad parameter, and admins only.

Its own server, so the workspace holds exactly the chats made here."""

import time
import unittest
import uuid

import harness
from ws_client import WebSocket

S = {}
ORIGIN = "https://shop.example.in"
PATH = "/api/v1/analytics/chats"
PASSWORD = "Chat-Agent-Pass-1"


def ok(r, status=200):
    if r.status != status:
        raise harness.HarnessError("expected %d:\n%s" % (status, r.describe()))
    return r.json


def setUpModule():
    server = harness.Server()
    server.start()
    S["server"] = server
    admin = server.bearer(server.admin_token)
    S["admin"] = admin
    S["parcels"] = ok(admin.post("/api/v1/groups", {"name": "पार्सल"}), 201)["id"]
    S["billing"] = ok(admin.post("/api/v1/groups", {"name": "Billing"}), 201)["id"]
    ravi = ok(admin.post("/api/v1/agents", {
        "name": "रवि", "email": "ravi@figures.test", "role": "agent", "password": PASSWORD,
        "group_ids": [S["parcels"]]}), 201)
    ok(admin.patch("/api/v1/agents/%d/chat-profile" % ravi["id"],
                   {"capacity": 3, "languages": ["hi", "en"]}))
    S["ravi"] = ravi
    settings = ok(admin.patch("/api/v1/chat/settings", {
        "enabled": True, "allowed_origins": [ORIGIN], "prechat": False,
        "default_group_id": S["parcels"]}))
    S["key"] = settings["widget_key"]


def tearDownModule():
    if "server" in S:
        S["server"].cleanup()


class ChatFiguresTest(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        self.server = S["server"]
        self.sockets = []

    def tearDown(self):
        for ws in self.sockets:
            ws.close()

    def visitor(self, language):
        ws = WebSocket(self.server.port, "/api/v1/chat/visitor?key=" + S["key"], origin=ORIGIN)
        self.assertEqual(ws.status, 101, ws.body)
        self.sockets.append(ws)
        ws.send({"type": "hello", "language": language, "page": ORIGIN + "/track"})
        ws.expect("welcome")
        return ws

    def agent(self):
        client = self.server.login("ravi@figures.test", PASSWORD)
        ws = WebSocket(self.server.port, "/api/v1/chat/agent",
                       origin="http://127.0.0.1:%d" % self.server.port,
                       headers={"Cookie": "sahayak_session=" + client.session_cookie})
        self.assertEqual(ws.status, 101, ws.body)
        self.sockets.append(ws)
        ws.send({"type": "hello"})
        ws.expect("welcome")
        return ws

    def start(self, ws, text):
        client_id = str(uuid.uuid4())
        ws.send({"type": "start", "client_id": client_id, "text": text})
        return ws.expect("ack", where=lambda f: f["client_id"] == client_id)["conversation_id"]

    def end(self, ws, conv):
        ws.send({"type": "end", "conversation_id": conv})
        ws.expect("event", "ended", where=lambda f: f["conversation_id"] == conv)

    def test_answered_and_missed_chats_by_agent_group_and_language(self):
        ravi = self.agent()

        # A Hindi chat: offered to Ravi, accepted, answered, ended by the visitor.
        hindi = self.visitor("hi")
        conv = self.start(hindi, "मेरा पार्सल कहाँ है?")
        ravi.expect("event", "offered", where=lambda f: f["conversation_id"] == conv)
        ravi.send({"type": "accept", "conversation_id": conv})
        ravi.expect("event", "joined", where=lambda f: f["conversation_id"] == conv)
        ravi.send({"type": "send", "conversation_id": conv, "client_id": str(uuid.uuid4()),
                   "text": "नमस्ते! मैं देखता हूँ।"})
        hindi.expect("event", "message", where=lambda f: f["author"]["kind"] == "agent")
        time.sleep(1.1)  # a duration of at least a second
        self.end(hindi, conv)

        # An English chat the visitor leaves while it is still offered: missed.
        english = self.visitor("en")
        missed = self.start(english, "Hello, anyone there?")
        ravi.expect("event", "offered", where=lambda f: f["conversation_id"] == missed)
        time.sleep(1.1)
        self.end(english, missed)

        f = ok(S["admin"].get(PATH))
        self.assertEqual(f["target_seconds"], 60)
        self.assertIsNone(f["group"])
        t = f["totals"]
        self.assertEqual((t["chats"], t["answered"], t["missed"], t["waiting"]), (2, 1, 1, 0), t)
        self.assertEqual(t["missed_rate"], 0.5)
        self.assertEqual((t["responded"], t["within_target"], t["within_target_rate"]),
                         (1, 1, 1.0))
        self.assertEqual(t["wait"]["count"], 1)
        self.assertLess(t["wait"]["median_seconds"], 60)
        self.assertEqual(t["first_response"]["count"], 1)
        self.assertLess(t["first_response"]["median_seconds"], 60)
        self.assertEqual(t["duration"]["count"], 1, "only the answered chat has a duration")
        self.assertGreaterEqual(t["duration"]["median_seconds"], 1)
        self.assertEqual(t["gave_up_after"]["count"], 1)
        self.assertGreaterEqual(t["gave_up_after"]["median_seconds"], 1)

        self.assertEqual([(a["agent"]["id"], a["agent"]["name"], a["chats"], a["answered"])
                          for a in f["by_agent"]], [(S["ravi"]["id"], "रवि", 1, 1)],
                         "the missed chat belongs to no agent")
        self.assertEqual([(g["group"]["name"], g["chats"], g["missed"]) for g in f["by_group"]],
                         [("पार्सल", 2, 1)])
        self.assertEqual(sorted((lang["language"], lang["chats"], lang["missed"])
                                for lang in f["by_language"]), [("en", 1, 1), ("hi", 1, 0)])
        self.assertEqual(len(f["days"]), 30)
        self.assertEqual(f["days"][-1]["date"], f["to"])
        self.assertEqual((f["days"][-1]["chats"], f["days"][-1]["answered"],
                          f["days"][-1]["missed"], f["days"][-1]["within_target"]), (2, 1, 1, 1))
        self.assertEqual(sum(d["chats"] for d in f["days"][:-1]), 0)

        # One group only: the chats of another group are none.
        only = ok(S["admin"].get(PATH + "?group=%d" % S["parcels"]))
        self.assertEqual(only["group"], S["parcels"])
        self.assertEqual(only["totals"]["chats"], 2)
        other = ok(S["admin"].get(PATH + "?group=%d" % S["billing"]))
        self.assertEqual(other["totals"]["chats"], 0)
        self.assertIsNone(other["totals"]["missed_rate"])
        self.assertIsNone(other["totals"]["wait"]["median_seconds"])
        self.assertEqual(other["by_agent"], [])

        # A period before the chats: nothing.
        before = ok(S["admin"].get(PATH + "?from=2025-01-01&to=2025-01-31"))
        self.assertEqual(before["totals"]["chats"], 0)
        self.assertEqual(len(before["days"]), 31)

    def test_bad_parameters_are_422_naming_them(self):
        for query, field in (("from=yesterday", "from"), ("to=2026-13-01", "to"),
                             ("from=2026-12-05&to=2026-12-01", "to"),
                             ("from=2024-01-01&to=2026-01-01", "to"),
                             ("group=999999", "group"), ("group=parcels", "group"),
                             ("group=-1", "group")):
            r = S["admin"].get(PATH + "?" + query)
            self.assertEqual(r.status, 422, query + "\n" + r.describe())
            self.assertTrue(r.header("Content-Type").startswith("application/problem+json"),
                            r.describe())
            self.assertIn(field, [e.get("field") for e in r.json.get("errors", [])],
                          query + "\n" + r.describe())

    def test_agents_may_not_read_the_figures(self):
        client = self.server.login("ravi@figures.test", PASSWORD)
        r = client.get(PATH)
        self.assertEqual(r.status, 403, r.describe())
        r = self.server.anonymous().get(PATH)
        self.assertEqual(r.status, 401, r.describe())


if __name__ == "__main__":
    unittest.main()
