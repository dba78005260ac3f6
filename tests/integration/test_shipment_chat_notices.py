"""Shipment notices by live chat (docs/shipments.md, "By live chat"; docs/chat.md, "Messages
from the team") on the real server with a real widget socket (ws_client.py).

- A visitor chats with their e-mail address; their contact prefers chat (in Hindi). A carrier
  reports the parcel out for delivery: the widget's open socket receives the notice live, as a
  message from the team (author system, the business's name) in Hindi with the tracking
  number; the shipment's notices say `chatted` by `chat` with the conversation and seq; a
  reconnecting widget finds it in the conversation's history; a replayed event posts nothing
  more; the chat's ticket shows it as a system line, and no mail is queued.
- The chat ended and the socket closed: the next notice goes into the ended conversation; the
  widget's next page (hello with its token) sees it in `welcome.conversations` and resumes the
  ended conversation from where it was, and the notice after that arrives live on that socket.
- A customer who prefers chat but never chatted is mailed (`fallback: no_conversation`); one
  who prefers SMS is mailed (`fallback: not_available`): nobody is skipped in silence.

No mail servers are needed: mail is checked in the outbox."""

import json
import time
import unicodedata
import unittest
import uuid
from datetime import datetime, timedelta, timezone

import harness
from ws_client import Closed, WebSocket

S = {}
ORIGIN = "https://shop.example.in"
IST = timezone(timedelta(hours=5, minutes=30))
BUSINESS = "Acme Couriers"


def setUpModule():
    server = harness.Server()
    server.start()
    S["server"] = server
    admin = server.bearer(server.admin_token)
    S["admin"] = admin
    r = admin.patch("/api/v1/chat/settings", {"enabled": True, "allowed_origins": [ORIGIN],
                                              "prechat": False})
    assert r.status == 200, r.describe()
    S["key"] = r.json["widget_key"]
    # Never quiet, so the notices go out while the test waits.
    r = admin.patch("/api/v1/workspace/shipment-notices",
                    {"quiet_from": "00:00", "quiet_until": "00:00"})
    assert r.status == 200, r.describe()
    r = admin.post("/api/v1/carriers", {"code": "bluedart", "name": "Blue Dart",
                                        "tracking_url": "https://track.example/{number}"})
    assert r.status == 201, r.describe()
    r = admin.patch("/api/v1/workspace", {"name": BUSINESS})
    assert r.status == 200, r.describe()
    S["business"] = BUSINESS


def tearDownModule():
    if "server" in S:
        S["server"].cleanup()


def ok(r, status=200):
    if r.status != status:
        raise harness.HarnessError("expected %d:\n%s" % (status, r.describe()))
    return r.json


def now_ist():
    return datetime.now(IST).replace(microsecond=0).isoformat()


def awb():
    return "BD%010dIN" % (uuid.uuid4().int % 10**10)


def has_devanagari(text):
    return any("\u0900" <= ch <= "\u097f" for ch in text)


class ChatNoticeTest(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        self.server = S["server"]
        self.admin = S["admin"]
        self.sockets = []

    def tearDown(self):
        for ws in self.sockets:
            ws.close()

    # --- helpers ---------------------------------------------------------------------------
    def visitor(self, token=None, resume=None):
        ws = WebSocket(self.server.port, "/api/v1/chat/visitor?key=" + S["key"], origin=ORIGIN)
        self.assertEqual(ws.status, 101, ws.body)
        self.sockets.append(ws)
        hello = {"type": "hello", "language": "hi", "page": ORIGIN + "/orders"}
        if token:
            hello["token"] = token
        if resume:
            hello["resume"] = {str(k): v for k, v in resume.items()}
        ws.send(hello)
        return ws, ws.expect("welcome")

    def customer(self, name, channel, language="hi"):
        """A contact with an e-mail address and their delivery preferences."""
        email = harness.unique_email("chatnotice")
        contact = ok(self.admin.post("/api/v1/contacts", {"name": name, "email": email}), 201)
        ok(self.admin.put("/api/v1/contacts/%d/delivery-preferences" % contact["id"],
                          {"preferred_channel": channel, "language": language}))
        return contact, email

    def chats(self, email, name, text="नमस्ते, मेरा ऑर्डर?"):
        """The customer opens the widget and starts a chat with their address."""
        ws, welcome = self.visitor()
        client_id = str(uuid.uuid4())
        ws.send({"type": "start", "client_id": client_id, "text": text, "name": name,
                 "email": email})
        ack = ws.expect("ack", where=lambda f: f["client_id"] == client_id)
        return ws, welcome["token"], ack["conversation_id"]

    def shipment(self, contact_id):
        body = {"carrier": "bluedart", "tracking_number": awb(), "contact_id": contact_id}
        return ok(self.admin.post("/api/v1/shipments", body), 201)

    def track(self, number, status, event_id=None):
        event = {"carrier": "bluedart", "tracking_number": number, "status": status,
                 "occurred_at": now_ist(), "place": "Bengaluru hub",
                 "event_id": event_id or harness.unique("ev")}
        return ok(self.admin.post("/api/v1/tracking-events", {"events": [event]}))

    def notices(self, shipment_id):
        return ok(self.admin.get("/api/v1/shipments/%d/notices" % shipment_id))["data"]

    def wait_notice(self, shipment_id, count, posted=True, timeout=10):
        """The shipment's notices once `count` exist (and the chat ones are posted)."""
        deadline = time.monotonic() + timeout
        while True:
            got = self.notices(shipment_id)
            if len(got) >= count and (not posted or all(
                    n["chat"] is None or n["chat"]["seq"] is not None for n in got)):
                return got
            if time.monotonic() > deadline:
                self.fail("notices of %d: %s\n%s" % (shipment_id, got, self.server.log_tail()))
            time.sleep(0.1)

    def outbox_to(self, email):
        return [m for m in self.admin.list_all("/api/v1/mail/outbox") if m["to"] == email]

    def expect_notice(self, ws, conversation_id, number):
        f = ws.expect("event", "message",
                      where=lambda e: e["conversation_id"] == conversation_id
                      and e["author"]["kind"] == "system")
        self.assertIn(number, f["text"])
        return f

    # --- tests -----------------------------------------------------------------------------
    def test_a_chatting_customer_gets_the_notice_live_in_their_language(self):
        contact, email = self.customer("प्रिया शर्मा", "chat", "hi")
        ws, token, conv = self.chats(email, "प्रिया शर्मा")
        ws.drain(0.3)
        s = self.shipment(contact["id"])
        number = s["tracking_number"]
        event_id = harness.unique("ofd")
        self.track(number, "out_for_delivery", event_id)

        live = self.expect_notice(ws, conv, number)
        self.assertEqual(live["author"]["kind"], "system", "from the team, not an agent")
        self.assertEqual(live["author"]["name"], S["business"])
        self.assertTrue(has_devanagari(live["text"]), live["text"])
        self.assertIn("Bengaluru hub", live["text"])
        self.assertIn("/notices/opt-out/", live["text"])
        self.assertEqual(unicodedata.normalize("NFC", live["text"]), live["text"])

        n = self.wait_notice(s["id"], 1)
        self.assertEqual(len(n), 1)
        self.assertEqual(n[0]["notice"], "out_for_delivery")
        self.assertEqual(n[0]["outcome"], "chatted")
        self.assertEqual(n[0]["channel"], "chat")
        self.assertEqual(n[0]["preferred_channel"], "chat")
        self.assertIsNone(n[0]["fallback"])
        self.assertEqual(n[0]["language"], "hi")
        self.assertEqual(n[0]["chat"], {"conversation_id": conv, "seq": live["seq"]})
        self.assertIsNone(n[0]["outbox_id"])
        self.assertEqual(self.outbox_to(email), [], "not mailed as well")

        # The widget on another page: the history has it.
        ws.close()
        ws2, welcome = self.visitor(token=token, resume={conv: live["seq"] - 1})
        again = self.expect_notice(ws2, conv, number)
        self.assertEqual(again["seq"], live["seq"])
        self.assertEqual(again["text"], live["text"])
        summary = [c for c in welcome["conversations"] if c["conversation_id"] == conv][0]
        self.assertEqual(summary["last_seq"], live["seq"])

        # The carrier sends the same event again: nothing new, anywhere.
        result = self.track(number, "out_for_delivery", event_id)
        self.assertEqual(result["duplicates"], 1)
        time.sleep(0.5)
        self.assertEqual([f for f in ws2.drain(0.5) if f.get("type") == "event"], [])
        self.assertEqual(len(self.notices(s["id"])), 1)

        # The chat's ticket shows what the customer was told, as the system.
        ws2.send({"type": "end", "conversation_id": conv})
        ended = ws2.expect("event", "ended")
        messages = ok(self.admin.get("/api/v1/tickets/%d/messages?limit=100"
                                     % ended["ticket_id"]))["data"]
        lines = [m for m in messages if m["body"] == live["text"]]
        self.assertEqual(len(lines), 1)
        self.assertEqual(lines[0]["author"]["type"], "system", lines[0]["author"])
        self.assertEqual(lines[0]["channel"], "chat")

    def test_an_ended_chat_gets_the_notice_and_the_widget_resumes_it(self):
        contact, email = self.customer("Meera Iyer", "chat", "en")
        ws, token, conv = self.chats(email, "Meera Iyer", "Hi, when does my order come?")
        ws.send({"type": "end", "conversation_id": conv})
        ended = ws.expect("event", "ended")
        self.assertEqual(ws.wait_closed(), 1000, "the end of the visitor's last chat closes")

        s = self.shipment(contact["id"])
        number = s["tracking_number"]
        self.track(number, "out_for_delivery")
        n = self.wait_notice(s["id"], 1)
        self.assertEqual(n[0]["outcome"], "chatted")
        self.assertEqual(n[0]["chat"]["conversation_id"], conv)
        self.assertGreater(n[0]["chat"]["seq"], ended["seq"], "after the end of the chat")

        # The widget's next page: the welcome lists the ended chat with more than the widget
        # saw; it resumes it from there, as web/widget/session.ts does.
        ws2, welcome = self.visitor(token=token)
        summary = [c for c in welcome["conversations"] if c["conversation_id"] == conv][0]
        self.assertIn(summary["status"], ("ended", "missed"))
        self.assertGreater(summary["last_seq"], ended["seq"])
        ws2.send({"type": "resume", "conversation_id": conv, "after": ended["seq"]})
        first = self.expect_notice(ws2, conv, number)
        self.assertEqual(first["seq"], n[0]["chat"]["seq"])
        self.assertNotIn("Hi, when", first["text"])

        # That socket now watches the ended chat: the next notice arrives live.
        self.track(number, "delivered")
        second = self.expect_notice(ws2, conv, number)
        self.assertGreater(second["seq"], first["seq"])
        self.assertNotEqual(second["text"], first["text"])
        self.assertEqual(len(self.wait_notice(s["id"], 2)), 2)
        # The chat stays ended: the visitor cannot write in it.
        client_id = str(uuid.uuid4())
        ws2.send({"type": "send", "conversation_id": conv, "client_id": client_id,
                  "text": "thanks"})
        err = ws2.expect("error", where=lambda f: f.get("ref") == client_id)
        self.assertEqual(err["code"], "ended")

    def test_customers_without_a_chat_channel_are_mailed_and_the_notice_says_why(self):
        for channel, fallback in (("chat", "no_conversation"), ("sms", "not_available"),
                                  ("whatsapp", "not_available"), ("phone", "not_available")):
            with self.subTest(channel=channel):
                contact, email = self.customer("Kiran " + channel, channel, "kn")
                s = self.shipment(contact["id"])
                self.track(s["tracking_number"], "out_for_delivery")
                n = self.wait_notice(s["id"], 1)
                self.assertEqual(n[0]["outcome"], "mailed", "never dropped in silence")
                self.assertEqual(n[0]["channel"], "email")
                self.assertEqual(n[0]["preferred_channel"], channel)
                self.assertEqual(n[0]["fallback"], fallback)
                self.assertIsNone(n[0]["chat"])
                mails = self.outbox_to(email)
                self.assertEqual([m["id"] for m in mails], [n[0]["outbox_id"]])

    def test_preferences_accept_chat_and_refuse_unknown_channels(self):
        contact, _ = self.customer("Ravi", "chat")
        prefs = ok(self.admin.get("/api/v1/contacts/%d/delivery-preferences" % contact["id"]))
        self.assertEqual(prefs["preferred_channel"], "chat")
        r = self.admin.put("/api/v1/contacts/%d/delivery-preferences" % contact["id"],
                           {"preferred_channel": "pigeon"})
        self.assertEqual(r.status, 422, r.describe())
        self.assertIn("chat", json.dumps(r.json))


if __name__ == "__main__":
    unittest.main()
