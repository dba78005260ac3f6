"""Triggers and automations on the real server (docs/automation.md, issue 9 items 3, 4, 6, 7):
admins write rules and every bad member is named (422: unknown field, wrong type, a field the
events do not have, a time condition in a trigger, an automation without one, a loop between
triggers), names are unique (409), versions are honoured (412), agents may not see them (403);
a trigger acts on a ticket created through the API within a second or two, names itself in the
ticket's history and does not act on its own change; a customer's reply through the portal
path is an event; the preview counts the tickets that match now; an automation acts once when
its time has come (sweep every second here).

Time-based rules across hours and days, business-hours waits and the loop guard's hourly limit
run on a fake clock in services/rules/rule_engine_test.cc."""

import hashlib
import hmac
import http.server
import json
import threading
import time
import unittest

import harness

S = {}


def ok(r, status=200):
    if r.status != status:
        raise harness.HarnessError("expected %d:\n%s" % (status, r.describe()))
    return r.json


def errors(r):
    return {e.get("field"): e.get("message") for e in (r.json or {}).get("errors", [])}


def setUpModule():
    server = harness.Server(env={"SAHAYAK_AUTOMATIONS_SWEEP_SECONDS": "1",
                                 "SAHAYAK_RULE_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES": "1"})
    server.start()
    S["server"] = server
    S["admin"] = server.bearer(server.admin_token)
    S["agent"] = server.bearer(server.agent_token)
    org = ok(S["admin"].post("/api/v1/organisations", {
        "name": "Rules Enterprise Ltd", "tier": "enterprise", "domains": ["rules-ent.in"]}), 201)
    S["org"] = org["id"]


def tearDownModule():
    if "server" in S:
        S["server"].cleanup()


def wait_for(check, what, timeout=15):
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("%s: not within %d s" % (what, timeout))
        time.sleep(0.2)


class RulesApiTest(unittest.TestCase):
    maxDiff = None

    def test_bad_rules_are_refused_naming_the_member(self):
        admin = S["admin"]
        cases = [
            ({"name": "x", "events": ["ticket.created"],
              "conditions": {"all": [{"field": "colour", "operator": "is", "value": "red"}]},
              "actions": [{"type": "add_tags", "value": ["x"]}]},
             "conditions.all[0].field", "is not a field"),
            ({"name": "x", "events": ["ticket.created"],
              "conditions": {"all": [{"field": "priority", "operator": "greater_than",
                                      "value": 3}]},
              "actions": [{"type": "add_tags", "value": ["x"]}]},
             "conditions.all[0].value", "one of low, normal, high, urgent"),
            ({"name": "x", "events": ["ticket.created"],
              "conditions": {"any": [{"field": "hours_since_created", "operator": "greater_than",
                                      "value": 2}]},
              "actions": [{"type": "add_tags", "value": ["x"]}]},
             "conditions.any[0].field", "automation"),
            ({"name": "x", "events": ["ticket.created", "ticket.updated"],
              "conditions": {"all": [{"field": "message.body", "operator": "contains",
                                      "value": "refund"}]},
              "actions": [{"type": "add_tags", "value": ["x"]}]},
             "conditions.all[0].field", "ticket.updated"),
            ({"name": "x", "events": ["parcel.lost"], "actions": [{"type": "add_tags", "value": ["x"]}]},
             "events[0]", "is not an event"),
            ({"name": "x", "events": ["ticket.created"], "actions": [{"type": "set_group", "value": 999999}]},
             "actions[0].value", "is not a group"),
            ({"name": "x", "events": ["ticket.created"],
              "actions": [{"type": "webhook", "url": "ftp://crm.example.in"}]},
             "actions[0].url", "http or https"),
            ({"name": "", "events": ["ticket.created"], "actions": []}, "name", "required"),
        ]
        for body, field, words in cases:
            r = admin.post("/api/v1/triggers", body)
            self.assertEqual(r.status, 422, r.describe())
            self.assertEqual(r.problem_type, "/problems/validation")
            self.assertIn(field, errors(r), r.describe())
            self.assertIn(words, errors(r)[field], r.describe())
        r = admin.post("/api/v1/automations", {
            "name": "no time", "conditions": {"all": [{"field": "status", "operator": "is",
                                                       "value": "pending"}]},
            "actions": [{"type": "set_status", "value": "solved"}]})
        self.assertEqual(r.status, 422, r.describe())
        self.assertIn("time condition", errors(r)["conditions.all"])
        # Nothing refused was written.
        names = [t["name"] for t in ok(admin.get("/api/v1/triggers"))["data"]]
        self.assertNotIn("x", names)

    def test_loops_names_versions_and_roles(self):
        admin = S["admin"]
        park = ok(admin.post("/api/v1/triggers", {
            "name": "Park open tickets", "events": ["ticket.updated"],
            "conditions": {"all": [{"field": "tags", "operator": "contains_any",
                                    "value": ["park-me"]},
                                   {"field": "status", "operator": "is", "value": "open"}]},
            "actions": [{"type": "set_status", "value": "pending"}]}), 201)
        r = admin.post("/api/v1/triggers", {
            "name": "Reopen parked", "events": ["ticket.updated"],
            "conditions": {"all": [{"field": "status", "operator": "is", "value": "pending"}]},
            "actions": [{"type": "set_status", "value": "open"}]})
        self.assertEqual(r.status, 422, r.describe())
        self.assertIn("would loop with trigger \"Park open tickets\"", errors(r)["actions[0]"])

        r = admin.post("/api/v1/triggers", {"name": "Park open tickets",
                                            "events": ["ticket.created"],
                                            "actions": [{"type": "add_tags", "value": ["y"]}]})
        self.assertEqual(r.status, 409, r.describe())

        r = admin.patch("/api/v1/triggers/%d" % park["id"], {"active": False},
                        headers={"If-Match": '"%d"' % (park["version"] + 5)})
        self.assertEqual(r.status, 412, r.describe())
        off = ok(admin.patch("/api/v1/triggers/%d" % park["id"], {"active": False},
                             headers={"If-Match": '"%d"' % park["version"]}))
        self.assertFalse(off["active"])
        self.assertEqual(off["version"], park["version"] + 1)

        for path in ("/api/v1/triggers", "/api/v1/automations", "/api/v1/rules/fields",
                     "/api/v1/triggers/%d" % park["id"]):
            self.assertEqual(S["agent"].get(path).status, 403, path)
        ok(admin.delete("/api/v1/triggers/%d" % park["id"]), 204)
        self.assertEqual(admin.get("/api/v1/triggers/%d" % park["id"]).status, 404)

    def test_vocabulary_lists_fields_events_and_actions(self):
        v = ok(S["admin"].get("/api/v1/rules/fields"))
        names = {f["name"]: f for f in v["fields"]}
        self.assertEqual(names["priority"]["values"], ["low", "normal", "high", "urgent"])
        self.assertTrue(names["hours_since_status_changed"]["time"])
        self.assertEqual(names["shipment.status"]["events"], ["tracking.event"])
        self.assertIn("chat.started", v["events"])
        self.assertIn("round_robin", v["actions"])


class TriggersAtWorkTest(unittest.TestCase):
    maxDiff = None

    def test_enterprise_ticket_is_made_urgent_and_tagged_by_name(self):
        admin = S["admin"]
        trig = ok(admin.post("/api/v1/triggers", {
            "name": "Enterprise urgent", "events": ["ticket.created"],
            "conditions": {"all": [{"field": "tier", "operator": "is", "value": "enterprise"}]},
            "actions": [{"type": "set_priority", "value": "urgent"},
                        {"type": "add_tags", "value": ["vip", "ग्राहक"]},
                        {"type": "add_note",
                         "value": "{{ticket.requester.first_name}} है एंटरप्राइज़ ग्राहक"}]}), 201)
        vip = ok(admin.post("/api/v1/tickets", {
            "subject": "पार्सल कहाँ है?", "message": {"body": "मेरा पार्सल नहीं आया"},
            "requester": {"email": harness.unique_email("meera").replace("@example.in", "@rules-ent.in"),
                          "name": "Meera Rao"}}), 201)
        plain = ok(admin.post("/api/v1/tickets", {
            "subject": "Where is my parcel?", "message": {"body": "Not here yet"},
            "requester": {"email": harness.unique_email("ravi"), "name": "Ravi"}}), 201)

        def changed():
            t = ok(admin.get("/api/v1/tickets/%d" % vip["id"]))
            return t if t["priority"] == "urgent" else None
        t = wait_for(changed, "the trigger made the enterprise ticket urgent")
        self.assertEqual(sorted(t["tags"]), sorted(["vip", "ग्राहक"]))
        msgs = ok(admin.get("/api/v1/tickets/%d/messages" % vip["id"]))["data"]
        notes = [m["body"] for m in msgs if not m["public"]]
        self.assertEqual(notes, ["Meera है एंटरप्राइज़ ग्राहक"])
        audit = ok(admin.get("/api/v1/audit-events?entity_type=ticket&entity_id=%d" % vip["id"]))["data"]
        by_rule = [e for e in audit
                   if (e.get("changes") or {}).get("via", {}).get("trigger", {}).get("name")
                   == "Enterprise urgent"]
        self.assertTrue(any("priority" in e["changes"] for e in by_rule), audit)
        # The other ticket is untouched, and the trigger acted once.
        time.sleep(1.5)
        self.assertEqual(ok(admin.get("/api/v1/tickets/%d" % plain["id"]))["priority"], "normal")
        again = ok(admin.get("/api/v1/triggers/%d" % trig["id"]))
        self.assertEqual(again["run_count"], 1)
        self.assertIsNotNone(again["last_run_at"])
        ok(admin.delete("/api/v1/triggers/%d" % trig["id"]), 204)

    def test_changed_status_trigger_and_preview(self):
        admin = S["admin"]
        ok(admin.post("/api/v1/triggers", {
            "name": "Note on solve", "events": ["ticket.updated"],
            "conditions": {"all": [{"field": "status", "operator": "changed_to",
                                    "value": "solved"}]},
            "actions": [{"type": "add_note", "value": "Solved; the customer gets a survey."}]}), 201)
        t = ok(admin.post("/api/v1/tickets", {
            "subject": "Refund", "message": {"body": "ರಿಫಂಡ್ ಬೇಕು"},
            "requester": {"email": harness.unique_email("sita"), "name": "Sita"}}), 201)
        ok(admin.patch("/api/v1/tickets/%d" % t["id"], {"status": "solved"}))

        def noted():
            msgs = ok(admin.get("/api/v1/tickets/%d/messages" % t["id"]))["data"]
            return [m for m in msgs if not m["public"]]
        notes = wait_for(noted, "the trigger noted the solve")
        self.assertEqual(notes[0]["body"], "Solved; the customer gets a survey.")

        p = ok(admin.post("/api/v1/triggers/preview", {
            "events": ["ticket.updated"],
            "conditions": {"all": [{"field": "status", "operator": "is", "value": "solved"},
                                   {"field": "status", "operator": "changed", }]}}))
        self.assertGreaterEqual(p["count"], 1)
        self.assertIn(t["id"], [x["id"] for x in p["tickets"]])
        self.assertEqual(p["skipped"], ["conditions.all[1]"])
        r = admin.post("/api/v1/triggers/preview", {
            "events": ["ticket.created"],
            "conditions": {"all": [{"field": "status", "operator": "changed"}]}})
        self.assertEqual(r.status, 422, r.describe())


class Receiver(http.server.BaseHTTPRequestHandler):
    """Keeps every POST (headers and raw body); answers 503 to the first when told to."""
    got = []
    fail_first = False

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        Receiver.got.append((dict(self.headers), body))
        status = 503 if Receiver.fail_first and len(Receiver.got) == 1 else 200
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


class WebhookTest(unittest.TestCase):
    def test_trigger_posts_a_signed_webhook(self):
        admin = S["admin"]
        httpd = http.server.HTTPServer(("127.0.0.1", 0), Receiver)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        self.addCleanup(httpd.shutdown)
        Receiver.got = []
        secret = "whsec-rules-test-0123"
        url = "http://127.0.0.1:%d/hook" % httpd.server_port
        trig = ok(admin.post("/api/v1/triggers", {
            "name": "Tell the ERP", "events": ["ticket.created"],
            "conditions": {"all": [{"field": "subject", "operator": "contains",
                                    "value": "ERP-सूचना"}]},
            "actions": [{"type": "webhook", "url": url, "secret": secret}]}), 201)
        self.assertEqual(trig["actions"][0], {"type": "webhook", "url": url, "secret_set": True})
        # The admin edits the name: the secret stays.
        trig = ok(admin.patch("/api/v1/triggers/%d" % trig["id"], {
            "name": "Tell the ERP system",
            "actions": [{"type": "webhook", "url": url}]}))
        self.assertTrue(trig["actions"][0]["secret_set"])
        t = ok(admin.post("/api/v1/tickets", {
            "subject": "ERP-सूचना: बिल", "message": {"body": "invoice"},
            "requester": {"email": harness.unique_email("erp"), "name": "Kiran"}}), 201)
        wait_for(lambda: Receiver.got, "the webhook reached the receiver")
        headers, raw = Receiver.got[0]
        body = json.loads(raw.decode("utf-8"))
        self.assertEqual(body["event"], "ticket.created")
        self.assertEqual(body["rule"]["name"], "Tell the ERP system")
        self.assertEqual(body["ticket"]["id"], t["id"])
        self.assertEqual(body["ticket"]["subject"], "ERP-सूचना: बिल")
        ts = headers["X-Sahayak-Timestamp"]
        expected = "sha256=" + hmac.new(secret.encode(), ts.encode() + b"." + raw,
                                        hashlib.sha256).hexdigest()
        self.assertEqual(headers["X-Sahayak-Signature"], expected)
        deliveries = ok(admin.get("/api/v1/triggers/%d/webhook-deliveries" % trig["id"]))["data"]
        wait_for(lambda: ok(admin.get("/api/v1/triggers/%d/webhook-deliveries"
                                      % trig["id"]))["data"][0]["state"] == "sent",
                 "the delivery recorded as sent")
        self.assertEqual(len(deliveries), 1)
        # An address the server may not call is refused when the rule is saved.
        r = admin.post("/api/v1/triggers", {
            "name": "Bad hook", "events": ["ticket.created"],
            "actions": [{"type": "webhook", "url": "https://user:pw@example.in/x#frag"}]})
        self.assertEqual(r.status, 422, r.describe())
        self.assertIn("actions[0].url", errors(r))


class AutomationsAtWorkTest(unittest.TestCase):
    def test_automation_acts_once_when_its_time_has_come(self):
        admin = S["admin"]
        # "Created more than 0.0005 hours (1.8 s) ago and tagged": the sweep runs every second.
        auto = ok(admin.post("/api/v1/automations", {
            "name": "Follow up tagged",
            "conditions": {"all": [
                {"field": "hours_since_created", "operator": "greater_than", "value": 0.0005},
                {"field": "tags", "operator": "contains_any", "value": ["follow-up"]}]},
            "actions": [{"type": "add_note", "value": "Follow-up due for #{{ticket.number}}"},
                        {"type": "remove_tags", "value": ["follow-up"]},
                        {"type": "add_tags", "value": ["followed-up"]}]}), 201)
        t = ok(admin.post("/api/v1/tickets", {
            "subject": "Invoice copy", "message": {"body": "Please send the invoice"},
            "tags": ["follow-up"],
            "requester": {"email": harness.unique_email("anil"), "name": "Anil"}}), 201)

        def acted():
            x = ok(admin.get("/api/v1/tickets/%d" % t["id"]))
            return x if "followed-up" in x["tags"] else None
        x = wait_for(acted, "the automation acted")
        self.assertNotIn("follow-up", x["tags"])
        time.sleep(2.5)  # more sweeps: it acts once
        msgs = ok(admin.get("/api/v1/tickets/%d/messages" % t["id"]))["data"]
        notes = [m["body"] for m in msgs if not m["public"]]
        self.assertEqual(notes, ["Follow-up due for #%d" % t["number"]])
        self.assertEqual(ok(admin.get("/api/v1/automations/%d" % auto["id"]))["run_count"], 1)


if __name__ == "__main__":
    unittest.main()
