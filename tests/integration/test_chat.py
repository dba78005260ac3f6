"""Live chat (docs/chat.md) on the real server with real WebSocket clients (ws_client.py).

A visitor's widget and agents' consoles talk over /api/v1/chat/visitor and /api/v1/chat/agent:
a chat is offered to an online agent who speaks its language and has room, accepted, and
messages go both ways with sequence numbers and acks; a client that reconnects resumes without
losing or repeating anything, even across a server killed in the middle; transfers; the
socket's checks (Origin, tokens, malformed, oversized, floods); the HTTP routes of the widget
and of the admins; and the ticket that holds the transcript, in NFC."""

import base64
import hashlib
import hmac
import json
import time
import unicodedata
import unittest
import urllib.parse
import uuid

import harness
from ws_client import Closed, WebSocket

S = {}
ORIGIN = "https://shop.example.in"
# The server's secret key is set, so the tests can sign visitor links as the server does
# (services/chat/chat_links.h) and check what it refuses.
SECRET = bytes(range(32))


def setUpModule():
    server = harness.Server(env={"SAHAYAK_SECRET_KEY": base64.b64encode(SECRET).decode()})
    server.start()
    S["server"] = server
    admin = server.bearer(server.admin_token)
    S["admin"] = admin
    agents = {}
    for name, email, languages in (("Kavya", "kavya@chat.test", ["en"]),
                                   ("Ravi", "ravi@chat.test", ["hi", "en"])):
        r = admin.post("/api/v1/agents", {"name": name, "email": email, "role": "agent",
                                          "password": "Chat-Agent-Pass-1"})
        assert r.status == 201, r.describe()
        agent_id = r.json["id"]
        r = admin.patch("/api/v1/agents/%d/chat-profile" % agent_id,
                        {"capacity": 3, "languages": languages})
        assert r.status == 200, r.describe()
        agents[name] = {"id": agent_id, "email": email}
    S["agents"] = agents
    r = admin.patch("/api/v1/chat/settings", {"enabled": True, "allowed_origins": [ORIGIN],
                                              "prechat": False, "offer_timeout_seconds": 30,
                                              "agent_grace_seconds": 60})
    assert r.status == 200, r.describe()
    S["key"] = r.json["widget_key"]


def tearDownModule():
    if "server" in S:
        S["server"].cleanup()


def cid():
    return str(uuid.uuid4())


def sign_link(attachment_id, ws, conv, expires):
    """A visitor link as the server signs it (docs/chat.md, "Attachment links")."""
    key = hmac.new(SECRET, b"sahayak chat attachment links v1", hashlib.sha256).digest()
    msg = "chat-attachment/1|%d|%d|%d|%d" % (attachment_id, ws, conv, expires)
    sig = base64.urlsafe_b64encode(hmac.new(key, msg.encode(), hashlib.sha256).digest())
    return "/api/v1/chat/attachments/%d?w=%d&c=%d&e=%d&s=%s" % (
        attachment_id, ws, conv, expires, sig.decode().rstrip("="))


class ChatTest(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        self.server = S["server"]
        self.sockets = []
        self.started = []  # (visitor token, conversation id)

    def tearDown(self):
        for ws in self.sockets:
            ws.close()
        # End what the test left open, so no later test's agent is offered it.
        for token, conv in self.started:
            try:
                ws, _ = self.visitor(token=token, track=False)
                ws.send({"type": "end", "conversation_id": conv})
                ws.drain(0.2)
                ws.close()
            except (Closed, TimeoutError, OSError):
                pass
        time.sleep(0.1)

    # --- clients ---------------------------------------------------------------------------
    def visitor(self, token=None, resume=None, language="en", origin=ORIGIN, track=True,
                rcvbuf=None):
        ws = WebSocket(self.server.port, "/api/v1/chat/visitor?key=" + S["key"], origin=origin,
                       rcvbuf=rcvbuf)
        self.assertEqual(ws.status, 101, ws.body)
        if track:
            self.sockets.append(ws)
        hello = {"type": "hello", "language": language, "page": ORIGIN + "/track"}
        if token:
            hello["token"] = token
        if resume:
            hello["resume"] = {str(k): v for k, v in resume.items()}
        ws.send(hello)
        return ws, ws.expect("welcome")

    def agent(self, name):
        """An agent's console socket: logged in with the cookie, from the server's origin."""
        a = S["agents"][name]
        client = self.server.login(a["email"], "Chat-Agent-Pass-1")
        ws = WebSocket(self.server.port, "/api/v1/chat/agent",
                       origin="http://127.0.0.1:%d" % self.server.port,
                       headers={"Cookie": "sahayak_session=" + client.session_cookie})
        self.assertEqual(ws.status, 101, ws.body)
        self.sockets.append(ws)
        ws.send({"type": "hello"})
        welcome = ws.expect("welcome")
        self.assertEqual(welcome["agent_id"], a["id"])
        return ws

    def start(self, ws, welcome, text, token=None):
        """Starts a chat; returns (conversation id, client_id, ack)."""
        client_id = cid()
        ws.send({"type": "start", "client_id": client_id, "text": text})
        ack = ws.expect("ack", where=lambda f: f["client_id"] == client_id)
        self.started.append((token or welcome.get("token"), ack["conversation_id"]))
        return ack["conversation_id"], client_id, ack

    def accept(self, agent_ws, conv):
        agent_ws.expect("event", "offered", where=lambda f: f["conversation_id"] == conv)
        agent_ws.send({"type": "accept", "conversation_id": conv})
        agent_ws.expect("event", "joined", where=lambda f: f["conversation_id"] == conv)

    def messages_of(self, ticket_id):
        r = S["admin"].get("/api/v1/tickets/%d/messages?limit=100" % ticket_id)
        self.assertEqual(r.status, 200, r.describe())
        return r.json["data"]

    def ticket_of(self, conv, ws):
        """The ticket id, from the `ended` event after ending the chat on `ws`."""
        ws.send({"type": "end", "conversation_id": conv})
        ended = ws.expect("event", "ended", where=lambda f: f["conversation_id"] == conv)
        return ended["ticket_id"]

    # --- the conversation ------------------------------------------------------------------
    def test_visitor_and_agent_chat_both_ways_and_the_ticket_holds_the_transcript(self):
        kavya = self.agent("Kavya")
        v, welcome = self.visitor()
        self.assertTrue(welcome["token"].startswith("vt_"))
        self.assertTrue(welcome["online"], welcome)
        conv, client_id, ack = self.start(v, welcome, "Where is my parcel BD123?")
        self.assertEqual(ack["seq"], 1)
        first = v.skipped[-2:]
        self.assertEqual([f["kind"] for f in first], ["message", "queued"], v.skipped)
        self.accept(kavya, conv)
        v.expect("event", "joined")

        seqs = []
        for i, text in enumerate(["Hello! Let me check.", "It is out for delivery."]):
            k = cid()
            kavya.send({"type": "send", "conversation_id": conv, "client_id": k, "text": text})
            got = v.expect("event", "message")
            self.assertEqual(got["text"], text)
            self.assertEqual(got["author"]["kind"], "agent")
            self.assertEqual(got["author"]["name"], "Kavya")
            a = kavya.expect("ack", where=lambda f, k=k: f["client_id"] == k)
            self.assertEqual(a["seq"], got["seq"])
            seqs.append(got["seq"])
        k = cid()
        v.send({"type": "send", "conversation_id": conv, "client_id": k, "text": "Thank you!"})
        ack = v.expect("ack", where=lambda f: f["client_id"] == k)
        got = kavya.expect("event", "message", where=lambda f: f["client_id"] == k)
        self.assertEqual(got["seq"], ack["seq"])
        seqs.append(ack["seq"])
        self.assertEqual(seqs, sorted(seqs))
        self.assertEqual(len(set(seqs)), 3)

        ticket_id = self.ticket_of(conv, v)
        self.assertEqual(v.wait_closed(), 1000, "the end of the visitor's last chat closes")
        self.started.pop()
        t = S["admin"].get("/api/v1/tickets/%d" % ticket_id)
        self.assertEqual(t.json["channel"], "chat")
        self.assertEqual(t.json["assignee_id"], S["agents"]["Kavya"]["id"])
        self.assertEqual(t.json["status"], "open", "left open for the agent's follow-up")
        bodies = [m["body"] for m in self.messages_of(ticket_id)]
        self.assertEqual(bodies, ["Where is my parcel BD123?", "Hello! Let me check.",
                                  "It is out for delivery.", "Thank you!"])
        r = S["admin"].get("/api/v1/mail/outbox")
        self.assertEqual([m for m in r.json["data"] if m.get("ticket_id") == ticket_id], [],
                         "chat replies never go out by e-mail")

    def test_reconnect_resumes_without_loss_or_duplicates(self):
        kavya = self.agent("Kavya")
        v, welcome = self.visitor()
        token = welcome["token"]
        conv, _, _ = self.start(v, welcome, "Hello")
        self.accept(kavya, conv)
        seen = v.expect("event", "joined")["seq"]
        v.close()
        # While the visitor is away the agent writes three lines.
        sent = []
        for i in range(3):
            k = cid()
            kavya.send({"type": "send", "conversation_id": conv, "client_id": k,
                        "text": "Line %d" % i})
            sent.append(kavya.expect("ack", where=lambda f, k=k: f["client_id"] == k)["seq"])
        v2, welcome2 = self.visitor(token=token, resume={conv: seen})
        self.assertNotIn("token", welcome2)
        self.assertEqual([c["conversation_id"] for c in welcome2["conversations"]], [conv])
        got = [v2.expect("event", "message") for _ in range(3)]
        self.assertEqual([g["seq"] for g in got], sent)
        self.assertEqual([g["text"] for g in got], ["Line 0", "Line 1", "Line 2"])
        self.assertEqual(v2.drain(0.5), [], "nothing shown twice")

        # A message whose ack was lost is sent again after a reconnect: the same seq.
        k = cid()
        v2.send({"type": "send", "conversation_id": conv, "client_id": k, "text": "Once"})
        first = v2.expect("ack", where=lambda f: f["client_id"] == k)
        v2.close()
        v3, _ = self.visitor(token=token, resume={conv: first["seq"]})
        v3.send({"type": "send", "conversation_id": conv, "client_id": k, "text": "Once"})
        again = v3.expect("ack", where=lambda f: f["client_id"] == k)
        self.assertEqual(again["seq"], first["seq"])
        self.assertEqual([f for f in v3.skipped if f["type"] == "event"], [])
        ticket_id = self.ticket_of(conv, v3)
        self.started.pop()
        bodies = [m["body"] for m in self.messages_of(ticket_id)]
        self.assertEqual(bodies.count("Once"), 1)

    def test_a_server_killed_in_the_middle_loses_nothing(self):
        kavya = self.agent("Kavya")
        v, welcome = self.visitor()
        token = welcome["token"]
        conv, _, _ = self.start(v, welcome, "Before the restart")
        self.accept(kavya, conv)
        acked = []
        for i in range(5):
            k = cid()
            v.send({"type": "send", "conversation_id": conv, "client_id": k, "text": "v%d" % i})
            acked.append(v.expect("ack", where=lambda f, k=k: f["client_id"] == k)["seq"])
        # A graceful stop says goodbye with 1001.
        self.server.stop()
        self.assertEqual(v.wait_closed(), 1001)
        self.server.start()
        v2, welcome2 = self.visitor(token=token, resume={conv: 0})
        self.assertEqual(welcome2["conversations"][0]["status"], "active")
        k = cid()
        v2.send({"type": "send", "conversation_id": conv, "client_id": k, "text": "after"})
        acked.append(v2.expect("ack", where=lambda f: f["client_id"] == k)["seq"])
        self.server.kill9()
        self.server.start()
        kavya2 = self.agent("Kavya")  # back within the grace period: still hers
        v3, welcome3 = self.visitor(token=token, resume={conv: 0})
        events = [f for f in v3.drain(1.0) if f["type"] == "event"]
        seqs = [e["seq"] for e in events]
        self.assertEqual(seqs, sorted(set(seqs)), "in order, once each")
        for s in acked:
            self.assertIn(s, seqs, "every acknowledged message survived")
        k = cid()
        kavya2.send({"type": "send", "conversation_id": conv, "client_id": k, "text": "still here"})
        self.assertEqual(v3.expect("event", "message")["text"], "still here")

    def test_transfer_to_another_agent(self):
        kavya = self.agent("Kavya")
        ravi = self.agent("Ravi")
        kavya.send({"type": "presence", "state": "online"})
        ravi.send({"type": "presence", "state": "away"})
        # The echo says the hub has taken each state in; before it, the chat could be
        # offered to Ravi while he still counted as online.
        kavya.expect("presence", where=lambda f: f["state"] == "online")
        ravi.expect("presence", where=lambda f: f["state"] == "away")
        v, welcome = self.visitor()
        conv, _, _ = self.start(v, welcome, "Please help")
        self.accept(kavya, conv)
        kavya.send({"type": "transfer", "conversation_id": conv,
                    "agent_id": S["agents"]["Ravi"]["id"]})
        t = v.expect("event", "transferred")
        self.assertEqual(t["to"]["name"], "Ravi")
        offered = ravi.expect("event", "offered", where=lambda f: f["conversation_id"] == conv)
        self.assertEqual(offered["agent"]["id"], S["agents"]["Ravi"]["id"])
        k = cid()
        kavya.send({"type": "send", "conversation_id": conv, "client_id": k, "text": "x"})
        err = kavya.expect("error", where=lambda f: f["ref"] == k)
        self.assertEqual(err["code"], "forbidden")
        ravi.send({"type": "accept", "conversation_id": conv})
        joined = v.expect("event", "joined")
        self.assertEqual(joined["author"]["name"], "Ravi")
        ravi.send({"type": "presence", "state": "online"})
        ravi.expect("presence", where=lambda f: f["state"] == "online")

    def test_an_agent_at_capacity_is_not_offered_another_chat(self):
        admin = S["admin"]
        kavya_id = S["agents"]["Kavya"]["id"]
        admin.patch("/api/v1/agents/%d/chat-profile" % kavya_id, {"capacity": 1})
        try:
            kavya = self.agent("Kavya")
            v1, w1 = self.visitor()
            c1, _, _ = self.start(v1, w1, "First")
            self.accept(kavya, c1)
            v2, w2 = self.visitor()
            c2, _, _ = self.start(v2, w2, "Second")
            queue = kavya.expect("queue", where=lambda f: any(
                w["conversation_id"] == c2 for w in f["waiting"]))
            self.assertEqual([w["status"] for w in queue["waiting"]
                              if w["conversation_id"] == c2], ["queued"])
            later = kavya.drain(2.5)
            self.assertEqual([f for f in later if f.get("kind") == "offered"], [],
                             "Kavya has no room for a second chat")
        finally:
            admin.patch("/api/v1/agents/%d/chat-profile" % kavya_id, {"capacity": 3})

    def test_a_hindi_chat_goes_to_the_hindi_speaking_agent_and_stays_nfc(self):
        kavya = self.agent("Kavya")
        ravi = self.agent("Ravi")
        v, welcome = self.visitor(language="en")
        # न + nukta (NFD) must come back as ऩ (NFC); "é" as e + combining acute likewise.
        nfd = "मेरा पार्सल कहाँ है? \u0928\u093c e\u0301"
        conv, _, _ = self.start(v, welcome, nfd)
        offered = ravi.expect("event", "offered", where=lambda f: f["conversation_id"] == conv)
        self.assertEqual(offered["agent"]["id"], S["agents"]["Ravi"]["id"])
        self.assertEqual([f for f in kavya.drain(0.5) if f.get("kind") == "offered"], [])
        ravi.send({"type": "accept", "conversation_id": conv})
        message = [f for f in v.skipped if f.get("kind") == "message"][0]
        self.assertEqual(message["text"], unicodedata.normalize("NFC", nfd))
        self.assertNotEqual(message["text"], nfd)
        k = cid()
        reply = "नमस्ते! आपका पार्सल कल पहुँचेगा।"
        ravi.send({"type": "send", "conversation_id": conv, "client_id": k, "text": reply})
        self.assertEqual(v.expect("event", "message")["text"], reply)
        ticket_id = self.ticket_of(conv, v)
        self.started.pop()
        bodies = [m["body"] for m in self.messages_of(ticket_id)]
        self.assertEqual(bodies[0], unicodedata.normalize("NFC", nfd))
        self.assertEqual(bodies[1], reply)
        t = S["admin"].get("/api/v1/tickets/%d" % ticket_id).json
        self.assertEqual(t["language"], "hi")

    # --- the socket's checks ---------------------------------------------------------------
    def test_an_origin_that_is_not_allowed_gets_403_before_the_upgrade(self):
        port = self.server.port
        path = "/api/v1/chat/visitor?key=" + S["key"]
        for origin in ("https://evil.example", None, "https://shop.example.in.evil.example"):
            ws = WebSocket(port, path, origin=origin)
            self.assertEqual(ws.status, 403, origin)
            self.assertEqual(ws.problem["type"], "/problems/origin-not-allowed")
        ws = WebSocket(port, "/api/v1/chat/visitor?key=wk_nope", origin=ORIGIN)
        self.assertEqual(ws.status, 404)
        ws = WebSocket(port, "/api/v1/chat/agent", origin="http://127.0.0.1:%d" % port)
        self.assertEqual(ws.status, 401)
        client = self.server.login_agent()
        ws = WebSocket(port, "/api/v1/chat/agent", origin="https://evil.example",
                       headers={"Cookie": "sahayak_session=" + client.session_cookie})
        self.assertEqual(ws.status, 403, "a cookie from another site is refused")
        plain = S["admin"].get("/api/v1/chat/visitor")
        self.assertEqual(plain.status, 426)

    def test_another_visitors_conversation_is_not_found(self):
        v1, w1 = self.visitor()
        conv, _, _ = self.start(v1, w1, "Private matter")
        v2, _ = self.visitor()
        v2.send({"type": "resume", "conversation_id": conv, "after": 0})
        self.assertEqual(v2.expect("error")["code"], "not_found")
        v2.send({"type": "send", "conversation_id": conv, "client_id": cid(), "text": "hi"})
        self.assertEqual(v2.expect("error")["code"], "not_found")
        v2.send({"type": "resume", "conversation_id": 99999999, "after": 0})
        missing = v2.expect("error")
        self.assertEqual(missing["code"], "not_found", "the same answer as for none at all")
        bad = WebSocket(self.server.port, "/api/v1/chat/visitor?key=" + S["key"], origin=ORIGIN)
        bad.send({"type": "hello", "token": "vt_" + "x" * 43})
        self.assertEqual(bad.wait_closed(), 4401)

    def test_bad_frames_close_with_their_codes_and_leave_neighbours_alone(self):
        neighbour, nw = self.visitor()
        nconv, _, _ = self.start(neighbour, nw, "I am the neighbour")

        v, _ = self.visitor()
        v.send({"type": "dance"})
        err = v.expect("error")
        self.assertEqual((err["code"], err["ref"]), ("bad_request", "dance"))
        v.send({"type": "ping"})
        v.expect("pong")

        cases = [("not JSON", lambda ws: ws.send("{not json"), 4400),
                 ("an array", lambda ws: ws.send("[1,2]"), 4400),
                 ("binary", lambda ws: ws.send_frame(0x2, b"\x00\x01"), 4400),
                 ("over 16 KiB",
                  lambda ws: ws.send({"type": "ping", "pad": "x" * (17 * 1024)}), 1009)]
        for name, act, code in cases:
            with self.subTest(name):
                ws, _ = self.visitor()
                act(ws)
                self.assertEqual(ws.wait_closed(), code)

        flood, _ = self.visitor()
        for _ in range(150):  # 20 a second for 5 seconds is 100; these come at once
            flood.send({"type": "ping"})
        self.assertEqual(flood.wait_closed(), 4429)

        # The neighbour noticed nothing.
        neighbour.send({"type": "ping"})
        neighbour.expect("pong")
        k = cid()
        neighbour.send({"type": "send", "conversation_id": nconv, "client_id": k, "text": "ok?"})
        neighbour.expect("ack", where=lambda f: f["client_id"] == k)

    def test_a_client_that_does_not_read_is_closed_with_4408_and_stalls_nobody(self):
        v, welcome = self.visitor()
        token = welcome["token"]
        conv, _, _ = self.start(v, welcome, "A long story follows")
        slow, _ = self.visitor(token=token, rcvbuf=4096)  # watches the chat, then reads nothing
        writers = [v, self.visitor(token=token)[0], self.visitor(token=token)[0]]
        line = "पार्सल " * 570  # about 4,000 characters, 12 KB of UTF-8
        for n in range(240):
            ws = writers[n % 3]  # three sockets: each stays under its rate limit
            k = cid()
            ws.send({"type": "send", "conversation_id": conv, "client_id": k,
                     "text": "%d %s" % (n, line)})
            ws.expect("ack", where=lambda f, k=k: f["client_id"] == k)
            ws.skipped.clear()
        self.assertEqual(slow.wait_closed(timeout=20), 4408)
        # The writers were never held up, and a reconnect catches up from the store.
        again, _ = self.visitor(token=token, resume={conv: 0})
        events = [f for f in again.drain(3.0) if f["type"] == "event"]
        self.assertEqual(len([e for e in events if e["kind"] == "message"]), 241)

    def test_no_hello_within_ten_seconds_closes_with_4401(self):
        ws = WebSocket(self.server.port, "/api/v1/chat/visitor?key=" + S["key"], origin=ORIGIN,
                       timeout=15)
        t0 = time.monotonic()
        self.assertEqual(ws.wait_closed(timeout=15), 4401)
        self.assertGreater(time.monotonic() - t0, 8)

    # --- HTTP ------------------------------------------------------------------------------
    def test_the_widgets_http_routes(self):
        anon = self.server.anonymous()
        status = anon.get("/api/v1/chat/status?key=" + S["key"], headers={"Origin": ORIGIN})
        self.assertEqual(status.status, 200, status.describe())
        self.assertEqual(status.header("Access-Control-Allow-Origin"), ORIGIN)
        self.assertEqual(set(status.json),
                         {"online", "expected_wait_seconds", "prechat", "open", "opens_at"})
        refused = anon.get("/api/v1/chat/status?key=" + S["key"],
                           headers={"Origin": "https://evil.example"})
        self.assertEqual(refused.status, 403)
        pre = anon.request("OPTIONS", "/api/v1/chat/offline?key=" + S["key"],
                           headers={"Origin": ORIGIN})
        self.assertEqual(pre.status, 204, pre.describe())
        self.assertIn("POST", pre.header("Access-Control-Allow-Methods"))
        offline = anon.post("/api/v1/chat/offline?key=" + S["key"],
                            {"name": "आशा", "email": "asha@example.in",
                             "text": "कृपया मुझे वापस कॉल करें", "language": "hi"},
                            headers={"Origin": ORIGIN})
        self.assertEqual(offline.status, 201, offline.describe())
        t = S["admin"].get("/api/v1/tickets/%d" % offline.json["ticket_id"]).json
        self.assertEqual(t["channel"], "email")
        bad = anon.post("/api/v1/chat/offline?key=" + S["key"], {"email": "nope", "text": ""},
                        headers={"Origin": ORIGIN})
        self.assertEqual(bad.status, 422, bad.describe())

        # A visitor's file, then sent in the chat.
        v, welcome = self.visitor()
        boundary = "----chat" + uuid.uuid4().hex
        body = ("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"रसीद.txt\"\r\n"
                "Content-Type: text/plain\r\n\r\nreceipt 42\r\n--%s--\r\n"
                % (boundary, boundary)).encode("utf-8")
        up = anon.request("POST", "/api/v1/chat/attachments?key=" + S["key"], raw_body=body,
                          content_type="multipart/form-data; boundary=" + boundary,
                          headers={"Origin": ORIGIN,
                                   "Authorization": "Bearer " + welcome["token"]})
        self.assertEqual(up.status, 201, up.describe())
        self.assertEqual(up.json["name"], "रसीद.txt")
        k = cid()
        v.send({"type": "start", "client_id": k, "text": "See the receipt",
                "attachments": [up.json["id"]]})
        ack = v.expect("ack", where=lambda f: f["client_id"] == k)
        self.started.append((welcome["token"], ack["conversation_id"]))
        msg = [f for f in v.skipped if f.get("kind") == "message"][0]
        self.assertEqual(msg["attachments"][0]["id"], up.json["id"])
        other, _ = self.visitor()
        k2 = cid()
        other.send({"type": "start", "client_id": k2, "text": "not mine",
                    "attachments": [up.json["id"]]})
        self.assertEqual(other.expect("error")["code"], "bad_request")
        noauth = anon.request("POST", "/api/v1/chat/attachments?key=" + S["key"], raw_body=body,
                              content_type="multipart/form-data; boundary=" + boundary,
                              headers={"Origin": ORIGIN})
        self.assertEqual(noauth.status, 401)

    def test_outside_business_hours_the_widget_shows_the_team_away_and_when_it_is_back(self):
        kavya = self.agent("Kavya")
        admin, anon = S["admin"], self.server.anonymous()
        # Open only on the weekday after tomorrow, in UTC: closed now, whatever the time.
        day = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][(time.gmtime().tm_wday + 2) % 7]
        r = admin.post("/api/v1/business-hours", {
            "name": "Chat " + uuid.uuid4().hex[:8], "time_zone": "UTC",
            "periods": [{"day": day, "start": "09:00", "end": "17:00"}]})
        self.assertEqual(r.status, 201, r.describe())
        hours = r.json
        try:
            r = admin.patch("/api/v1/chat/settings", {"business_hours_id": hours["id"]})
            self.assertEqual(r.status, 200, r.describe())
            self.assertEqual(r.json["business_hours_id"], hours["id"])
            status = anon.get("/api/v1/chat/status?key=" + S["key"], headers={"Origin": ORIGIN})
            self.assertEqual(status.status, 200, status.describe())
            self.assertFalse(status.json["online"], "Kavya is signed in, but it is closed")
            self.assertFalse(status.json["open"])
            opens = time.strptime(status.json["opens_at"][:19], "%Y-%m-%dT%H:%M:%S")
            self.assertEqual((opens.tm_hour, opens.tm_min), (9, 0))
            self.assertEqual(opens.tm_wday, (time.gmtime().tm_wday + 2) % 7)
            v, welcome = self.visitor()
            self.assertFalse(welcome["online"])
            v.close()
            bad = admin.patch("/api/v1/chat/settings", {"business_hours_id": 999999})
            self.assertEqual(bad.status, 422, bad.describe())
            self.assertEqual([e["field"] for e in bad.json["errors"]], ["business_hours_id"])
        finally:
            r = admin.patch("/api/v1/chat/settings", {"business_hours_id": None})
            self.assertEqual(r.status, 200, r.describe())
            admin.delete("/api/v1/business-hours/%d" % hours["id"])
        status = anon.get("/api/v1/chat/status?key=" + S["key"], headers={"Origin": ORIGIN})
        self.assertTrue(status.json["online"], "no schedule: open whenever an agent is")
        self.assertTrue(status.json["open"])
        self.assertIsNone(status.json["opens_at"])
        kavya.close()

    # --- supervisors, summaries, errors, CORS, visitor files, presence ----------------------
    def start_named(self, ws, welcome, name, text="Hello"):
        k = cid()
        ws.send({"type": "start", "client_id": k, "text": text, "name": name})
        ack = ws.expect("ack", where=lambda f: f["client_id"] == k)
        self.started.append((welcome["token"], ack["conversation_id"]))
        return ack["conversation_id"]

    def test_supervisors_list_the_live_chats_agents_get_403(self):
        kavya = self.agent("Kavya")
        v1, w1 = self.visitor()
        c1 = self.start_named(v1, w1, "Asha Rao")
        self.accept(kavya, c1)
        v2, w2 = self.visitor()
        c2 = self.start_named(v2, w2, "ಸುಮಾ")
        admin = S["admin"]
        r = admin.get("/api/v1/chat/conversations?limit=100")
        self.assertEqual(r.status, 200, r.describe())
        rows = {c["conversation_id"]: c for c in r.json["data"]}
        self.assertIn(c1, rows)
        self.assertIn(c2, rows)
        one = rows[c1]
        self.assertEqual(one["status"], "active")
        self.assertEqual(one["visitor"]["name"], "Asha Rao")
        self.assertEqual(one["agent_id"], S["agents"]["Kavya"]["id"])
        self.assertGreater(one["ticket_id"], 0)
        self.assertEqual(one["language"], "en")
        self.assertIsNotNone(one["wait_ms"])
        self.assertIsNone(one["first_response_ms"], "no agent has written yet")
        self.assertGreater(one["created_at"], 0)
        self.assertIn(rows[c2]["status"], ("queued", "offered"))
        self.assertEqual(rows[c2]["visitor"]["name"], "ಸುಮಾ")
        # An ended chat leaves the list.
        v2.send({"type": "end", "conversation_id": c2})
        v2.expect("event", "ended")
        ids = [c["conversation_id"] for c in admin.get("/api/v1/chat/conversations").json["data"]]
        self.assertNotIn(c2, ids)
        self.assertIn(c1, ids)
        # Pages of one, with the usual cursor.
        seen, cursor = [], None
        for _ in range(50):
            page = admin.get("/api/v1/chat/conversations?limit=1" +
                             ("&cursor=" + cursor if cursor else ""))
            self.assertEqual(page.status, 200, page.describe())
            self.assertLessEqual(len(page.json["data"]), 1)
            seen += [c["conversation_id"] for c in page.json["data"]]
            cursor = page.json["next_cursor"]
            if not cursor:
                break
        self.assertEqual(seen, sorted(ids))
        agent = self.server.bearer(self.server.agent_token)
        denied = agent.get("/api/v1/chat/conversations")
        self.assertEqual(denied.status, 403)
        self.assertEqual(denied.header("Content-Type"), "application/problem+json")
        self.assertEqual(self.server.anonymous().get("/api/v1/chat/conversations").status, 401)

    def test_offers_and_summaries_carry_the_visitor_and_read_positions_across_reconnects(self):
        kavya = self.agent("Kavya")
        v, welcome = self.visitor()
        token = welcome["token"]
        conv = self.start_named(v, welcome, "Meera Iyer")
        queue = kavya.expect("queue", where=lambda f: any(
            w["conversation_id"] == conv for w in f["waiting"]))
        item = [w for w in queue["waiting"] if w["conversation_id"] == conv][0]
        self.assertEqual(item["visitor"]["name"], "Meera Iyer")
        self.assertGreater(item["ticket_id"], 0)
        early = [f for f in kavya.skipped if f.get("kind") == "offered" and
                 f["conversation_id"] == conv]
        offered = early[0] if early else kavya.expect(
            "event", "offered", where=lambda f: f["conversation_id"] == conv)
        self.assertEqual(offered["visitor"]["name"], "Meera Iyer")
        self.assertEqual(offered["ticket_id"], item["ticket_id"])
        self.assertEqual(offered["read_seq_visitor"], 0)
        kavya.send({"type": "accept", "conversation_id": conv})
        kavya.expect("event", "joined", where=lambda f: f["conversation_id"] == conv)
        k = cid()
        kavya.send({"type": "send", "conversation_id": conv, "client_id": k, "text": "Hi Meera"})
        agent_seq = kavya.expect("ack", where=lambda f: f["client_id"] == k)["seq"]
        v.expect("event", "message")
        v.send({"type": "read", "conversation_id": conv, "seq": agent_seq})
        kavya.expect("read", where=lambda f: f["conversation_id"] == conv)
        kavya.send({"type": "read", "conversation_id": conv, "seq": agent_seq})
        v.expect("read", where=lambda f: f["conversation_id"] == conv)
        kavya.close()
        v.close()
        # A reloaded console and widget see how far each side read.
        ws = WebSocket(self.server.port, "/api/v1/chat/agent",
                       origin="http://127.0.0.1:%d" % self.server.port,
                       headers={"Cookie": "sahayak_session=" + self.server.login(
                           S["agents"]["Kavya"]["email"], "Chat-Agent-Pass-1").session_cookie})
        self.sockets.append(ws)
        ws.send({"type": "hello"})
        welcome_agent = ws.expect("welcome")
        mine = [c for c in welcome_agent["conversations"] if c["conversation_id"] == conv][0]
        self.assertEqual(mine["visitor"]["name"], "Meera Iyer")
        self.assertEqual(mine["read_seq_visitor"], agent_seq)
        self.assertEqual(mine["read_seq_agent"], agent_seq)
        v2, welcome2 = self.visitor(token=token)
        theirs = [c for c in welcome2["conversations"] if c["conversation_id"] == conv][0]
        self.assertEqual(theirs["read_seq_visitor"], agent_seq)
        self.assertEqual(theirs["read_seq_agent"], agent_seq)
        self.assertEqual(theirs["visitor"]["name"], "Meera Iyer")
        self.assertGreater(theirs["ticket_id"], 0)

    def test_error_frames_name_their_conversation(self):
        v, welcome = self.visitor()
        conv = self.start_named(v, welcome, "Nila")
        missing = conv + 100000
        v.send({"type": "send", "conversation_id": missing, "client_id": cid(), "text": "x"})
        err = v.expect("error")
        self.assertEqual((err["code"], err["conversation_id"]), ("not_found", missing))
        v.send({"type": "typing", "conversation_id": missing, "active": True})
        err = v.expect("error")
        self.assertEqual((err["code"], err["conversation_id"]), ("not_found", missing))
        v.send({"type": "send", "conversation_id": conv, "client_id": cid(), "text": "x" * 4001})
        err = v.expect("error")
        self.assertEqual((err["code"], err["conversation_id"]), ("too_long", conv))
        v.send({"type": "accept", "conversation_id": conv})
        err = v.expect("error")
        self.assertEqual(err["code"], "bad_request")
        v.send({"type": "ping"})
        v.expect("pong")
        err_ping = [f for f in v.drain(0.1) if f.get("type") == "error"]
        self.assertEqual(err_ping, [])

    def test_widget_refusals_carry_cors_for_allowed_origins_only(self):
        anon = self.server.anonymous()
        key = S["key"]
        # A bad visitor token on an upload: 401 the widget can read.
        boundary = "----chat" + uuid.uuid4().hex
        body = ("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
                "Content-Type: text/plain\r\n\r\nx\r\n--%s--\r\n" % (boundary, boundary))
        bad = anon.request("POST", "/api/v1/chat/attachments?key=" + key, raw_body=body,
                           content_type="multipart/form-data; boundary=" + boundary,
                           headers={"Origin": ORIGIN, "Authorization": "Bearer vt_nope"})
        self.assertEqual(bad.status, 401, bad.describe())
        self.assertEqual(bad.header("Access-Control-Allow-Origin"), ORIGIN)
        self.assertEqual(bad.header("Content-Type"), "application/problem+json")
        # Chat switched off: the allowed origin still reads the problem.
        admin = S["admin"]
        self.assertEqual(admin.patch("/api/v1/chat/settings", {"enabled": False}).status, 200)
        try:
            off = anon.get("/api/v1/chat/status?key=" + key, headers={"Origin": ORIGIN})
            self.assertEqual(off.status, 403, off.describe())
            self.assertEqual(off.json["type"].rsplit("/", 1)[-1], "chat-disabled")
            self.assertEqual(off.header("Access-Control-Allow-Origin"), ORIGIN)
            self.assertIn("Origin", off.header("Vary") or "")
        finally:
            self.assertEqual(admin.patch("/api/v1/chat/settings", {"enabled": True}).status, 200)
        # A site that is not allowed gets no Access-Control-Allow-Origin, for status or upload.
        for method, path in (("GET", "/api/v1/chat/status"), ("POST", "/api/v1/chat/offline"),
                             ("OPTIONS", "/api/v1/chat/attachments")):
            r = anon.request(method, path + "?key=" + key, body={} if method == "POST" else None,
                             headers={"Origin": "https://evil.example"})
            self.assertEqual(r.status, 403, r.describe())
            self.assertIsNone(r.header("Access-Control-Allow-Origin"), r.describe())
            self.assertIn("Origin", r.header("Vary") or "")
        unknown = anon.get("/api/v1/chat/status?key=wk_unknown", headers={"Origin": ORIGIN})
        self.assertEqual(unknown.status, 404)
        self.assertIsNone(unknown.header("Access-Control-Allow-Origin"))

    def test_visitor_files_open_through_signed_links_only(self):
        kavya = self.agent("Kavya")
        anon = self.server.anonymous()
        v, welcome = self.visitor()
        token = welcome["token"]
        boundary = "----chat" + uuid.uuid4().hex
        body = ("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bill.txt\"\r\n"
                "Content-Type: text/plain\r\n\r\ninvoice 7\r\n--%s--\r\n" % (boundary, boundary))
        up = anon.request("POST", "/api/v1/chat/attachments?key=" + S["key"], raw_body=body,
                          content_type="multipart/form-data; boundary=" + boundary,
                          headers={"Origin": ORIGIN, "Authorization": "Bearer " + token})
        self.assertEqual(up.status, 201, up.describe())
        file_id = up.json["id"]
        k = cid()
        v.send({"type": "start", "client_id": k, "text": "my bill", "attachments": [file_id]})
        conv = v.expect("ack", where=lambda f: f["client_id"] == k)["conversation_id"]
        self.started.append((token, conv))
        msg = [f for f in v.skipped if f.get("kind") == "message"][0]
        url = msg["attachments"][0]["url"]
        self.assertTrue(url.startswith("/api/v1/chat/attachments/%d?" % file_id), url)
        got = anon.get(url, auth=False)
        self.assertEqual(got.status, 200, got.describe())
        self.assertEqual(got.raw, b"invoice 7")
        # The agent's copy of the event keeps the agents' URL.
        self.accept(kavya, conv)
        q = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))
        ws_id = int(q["w"])
        # Tampered: another conversation, a later expiry, a changed signature.
        for bad in (url.replace("&c=%d&" % conv, "&c=%d&" % (conv + 1)),
                    url.replace("&e=" + q["e"], "&e=" + str(int(q["e"]) + 3600)),
                    url[:-2] + ("AA" if not url.endswith("AA") else "BB")):
            r = anon.get(bad)
            self.assertEqual(r.status, 403, r.describe())
            self.assertEqual(r.header("Content-Type"), "application/problem+json")
        expired = anon.get(sign_link(file_id, ws_id, conv, int(time.time()) - 5))
        self.assertEqual(expired.status, 403)
        self.assertEqual(expired.json["type"].rsplit("/", 1)[-1], "link-expired")
        # Correctly signed, but the file is not in that conversation: 404.
        v2, w2 = self.visitor()
        other = self.start_named(v2, w2, "Other")
        r = anon.get(sign_link(file_id, ws_id, other, int(time.time()) + 600))
        self.assertEqual(r.status, 404, r.describe())
        # A file of an agent's internal note is never the visitor's.
        kv = [f for f in kavya.skipped if f.get("kind") == "message" and
              f["conversation_id"] == conv]
        if kv:
            self.assertTrue(kv[0]["attachments"][0]["url"].startswith("/api/v1/attachments/"))

    def test_an_agent_sends_a_file_the_visitor_opens_through_its_signed_link(self):
        kavya = self.agent("Kavya")
        v, welcome = self.visitor()
        conv, _, _ = self.start(v, welcome, "Please send me the invoice")
        self.accept(kavya, conv)
        client = self.server.login(S["agents"]["Kavya"]["email"], "Chat-Agent-Pass-1")
        boundary = "----agent" + uuid.uuid4().hex
        body = ("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"चालान.txt\"\r\n"
                "Content-Type: text/plain\r\n\r\ninvoice INV-42\r\n--%s--\r\n"
                % (boundary, boundary)).encode("utf-8")
        up = client.request("POST", "/api/v1/attachments", raw_body=body,
                            content_type="multipart/form-data; boundary=" + boundary)
        self.assertEqual(up.status, 201, up.describe())
        k = cid()
        kavya.send({"type": "send", "conversation_id": conv, "client_id": k, "text": "",
                    "attachments": [up.json["id"]]})
        kavya.expect("ack", where=lambda f: f["client_id"] == k)
        got = v.expect("event", "message", where=lambda f: f.get("attachments"))
        self.assertEqual(got["text"], "")
        a = got["attachments"][0]
        self.assertEqual(a["name"], "चालान.txt")
        self.assertTrue(a["url"].startswith("/api/v1/chat/attachments/%d?" % up.json["id"]), a)
        opened = self.server.anonymous().get(a["url"], auth=False)
        self.assertEqual(opened.status, 200, opened.describe())
        self.assertEqual(opened.raw, b"invoice INV-42")
        # The same file cannot go out twice (it belongs to its message now).
        k2 = cid()
        kavya.send({"type": "send", "conversation_id": conv, "client_id": k2, "text": "again",
                    "attachments": [up.json["id"]]})
        self.assertEqual(kavya.expect("error")["code"], "bad_request")

    def test_presence_is_in_welcome_and_echoed_to_every_tab(self):
        tab1 = self.agent("Ravi")
        tab2 = self.agent("Ravi")
        try:
            tab1.send({"type": "presence", "state": "away"})
            for tab in (tab1, tab2):
                p = tab.expect("presence")
                self.assertEqual((p["state"], p["agent_id"]), ("away", S["agents"]["Ravi"]["id"]))
            a = S["agents"]["Ravi"]
            client = self.server.login(a["email"], "Chat-Agent-Pass-1")
            tab3 = WebSocket(self.server.port, "/api/v1/chat/agent",
                             origin="http://127.0.0.1:%d" % self.server.port,
                             headers={"Cookie": "sahayak_session=" + client.session_cookie})
            self.sockets.append(tab3)
            tab3.send({"type": "hello"})
            self.assertEqual(tab3.expect("welcome")["presence"], "away")
            tab2.send({"type": "presence", "state": "online"})
            for tab in (tab1, tab2, tab3):
                self.assertEqual(tab.expect("presence")["state"], "online")
        finally:
            tab1.send({"type": "presence", "state": "online"})
            tab1.expect("presence", where=lambda f: f["state"] == "online")

    def test_admin_settings_and_key_rotation(self):
        admin = S["admin"]
        agent = self.server.bearer(self.server.agent_token)
        self.assertEqual(agent.get("/api/v1/chat/settings").status, 403)
        r = admin.get("/api/v1/chat/settings")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.json["allowed_origins"], [ORIGIN])
        bad = admin.patch("/api/v1/chat/settings",
                          {"allowed_origins": ["*", "https://ok.example.in/path"],
                           "routing": "random"})
        self.assertEqual(bad.status, 422, bad.describe())
        fields = {e["field"] for e in bad.json["errors"]}
        self.assertEqual(fields, {"allowed_origins[0]", "allowed_origins[1]", "routing"})
        stale = admin.patch("/api/v1/chat/settings", {"prechat": False},
                            headers={"If-Match": '"999"'})
        self.assertEqual(stale.status, 412)
        profile = agent.get("/api/v1/agents/%d/chat-profile" % S["agents"]["Ravi"]["id"])
        self.assertEqual(profile.json["languages"], ["hi", "en"])
        self.assertEqual(agent.patch("/api/v1/agents/%d/chat-profile" % S["agents"]["Ravi"]["id"],
                                     {"capacity": 9}).status, 403)
        old = S["key"]
        rotated = admin.post("/api/v1/chat/widget-key")
        self.assertEqual(rotated.status, 200, rotated.describe())
        S["key"] = rotated.json["widget_key"]
        self.assertNotEqual(S["key"], old)
        ws = WebSocket(self.server.port, "/api/v1/chat/visitor?key=" + old, origin=ORIGIN)
        self.assertEqual(ws.status, 404)
        v, _ = self.visitor()
        v.send({"type": "ping"})
        v.expect("pong")


if __name__ == "__main__":
    unittest.main()
