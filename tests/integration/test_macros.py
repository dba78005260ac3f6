"""Macros (docs/macros.md) against the real server: create, list, change and delete; 422s that
name each bad member; personal and shared visibility; preview writes nothing; apply changes the
ticket's fields through the usual paths (audit events name the macro), counts the use, renders
the reply in the ticket's language (Hindi, Kannada) and, with send, posts it."""

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


def field_errors(r):
    return {e["field"]: e["message"] for e in (r.json or {}).get("errors", [])}


class MacrosTest(unittest.TestCase):
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        cls.server = S["server"]
        cls.admin = cls.server.bearer(cls.server.admin_token)
        cls.agent = cls.server.bearer(cls.server.agent_token)
        r = cls.admin.post("/api/v1/groups", {"name": "Supervisors " + harness.unique()})
        assert r.status == 201, r.describe()
        cls.supervisors = r.json["id"]
        r = cls.admin.post("/api/v1/groups", {"name": "Shipping " + harness.unique()})
        assert r.status == 201, r.describe()
        cls.shipping = r.json["id"]
        email = harness.unique_email("second")
        r = cls.admin.post("/api/v1/agents", {"name": "ಸುಮಾ ಅಗೆಂಟ್", "email": email,
                                              "role": "agent", "password": "Second-Agent-Pass-1"})
        assert r.status == 201, r.describe()
        cls.other = cls.server.login(email, "Second-Agent-Pass-1")

    def ticket(self, language="hi", name="श्रीमती सुनीता शर्मा"):
        return self.agent.create_ticket(
            subject="पार्सल कहाँ है?", body="मेरा पार्सल कहाँ है?", language=language,
            requester={"email": harness.unique_email("sunita"), "name": name})

    def create(self, client, body, status=201):
        r = client.post("/api/v1/macros", body)
        self.assertEqual(r.status, status, r.describe())
        return r.json

    def escalate(self, **extra):
        body = {
            "name": "Escalate to supervisors " + harness.unique(),
            "shared": True,
            "actions": [
                {"type": "set_priority", "value": "urgent"},
                {"type": "set_group", "value": self.supervisors},
                {"type": "add_tags", "value": ["escalated", "पार्सल"]},
                {"type": "add_note", "value": "Escalated by {{agent.first_name}}"},
            ],
            "reply": {
                "en": "Hi {{ticket.requester.first_name | default: \"there\"}}, we escalated "
                      "ticket #{{ticket.number}}.",
                "hi": "नमस्ते {{ticket.requester.first_name}}, टिकट #{{ticket.number}} आगे "
                      "बढ़ाया गया है।",
                "kn": "ನಮಸ್ಕಾರ {{ticket.requester.first_name}}, ಟಿಕೆಟ್ #{{ticket.number}} "
                      "ಮೇಲಕ್ಕೆ ಕಳುಹಿಸಲಾಗಿದೆ.",
            },
        }
        body.update(extra)
        return self.create(self.admin, body)

    def test_crud_with_etag(self):
        m = self.escalate()
        self.assertTrue(m["shared"])
        self.assertIsNone(m["owner_agent_id"])
        self.assertEqual(m["usage_count"], 0)
        self.assertEqual(m["actions"][2], {"type": "add_tags", "value": ["escalated", "पार्सल"]})
        r = self.agent.get("/api/v1/macros/%d" % m["id"])
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual(r.header("ETag"), '"1"')
        r = self.admin.patch("/api/v1/macros/%d" % m["id"], {"description": "नया"},
                             headers={"If-Match": '"7"'})
        self.assertEqual(r.status, 412, r.describe())
        r = self.admin.patch("/api/v1/macros/%d" % m["id"], {"description": "नया", "active": False},
                             headers={"If-Match": '"1"'})
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual(r.json["version"], 2)
        self.assertFalse(r.json["active"])
        names = [x["name"] for x in self.agent.get("/api/v1/macros?active=true").json["data"]]
        self.assertNotIn(m["name"], names)
        r = self.admin.post("/api/v1/macros", {"name": m["name"], "shared": True,
                                               "reply": {"en": "x"}})
        self.assertEqual(r.status, 409, r.describe())
        r = self.admin.delete("/api/v1/macros/%d" % m["id"])
        self.assertEqual(r.status, 204, r.describe())
        self.assertEqual(self.admin.get("/api/v1/macros/%d" % m["id"]).status, 404)

    def test_bad_input_is_422_naming_each_member_and_writes_nothing(self):
        before = len(self.admin.get("/api/v1/macros").json["data"])
        r = self.admin.post("/api/v1/macros", {
            "name": " ",
            "shared": True,
            "default_language": "fr",
            "actions": [
                {"type": "set_group", "value": 99999},
                {"type": "set_status", "value": "archived"},
                {"type": "set_custom_field", "field": "no_such_field", "value": "x"},
                {"type": "fly"},
                {"type": "add_note", "value": "{{ticket.secret}}"},
            ],
            "reply": {"hi": "नमस्ते {{ticket.requester.nam}}", "ta": "வணக்கம்"},
        })
        self.assertEqual(r.status, 422, r.describe())
        self.assertEqual(r.problem_type, "/problems/validation")
        errors = field_errors(r)
        self.assertEqual(errors.get("name"), "is required")
        self.assertIn("default_language", errors)
        self.assertEqual(errors.get("actions[0].value"), "99999 is not a group of this workspace")
        self.assertIn("archived", errors.get("actions[1].value", ""))
        self.assertIn("no_such_field", errors.get("actions[2].field", ""))
        self.assertIn("fly", errors.get("actions[3].type", ""))
        self.assertEqual(errors.get("actions[4].value"),
                         "unknown placeholder {{ticket.secret}} at character 1")
        self.assertEqual(errors.get("reply.hi"),
                         "unknown placeholder {{ticket.requester.nam}} at character 8")
        self.assertIn("reply.ta", errors)
        self.assertEqual(len(self.admin.get("/api/v1/macros").json["data"]), before)
        # Wrong types.
        r = self.admin.post("/api/v1/macros", {"name": "x", "actions": "solve it"})
        self.assertEqual(r.status, 422, r.describe())
        self.assertIn("actions", field_errors(r))
        r = self.admin.post("/api/v1/macros", {"name": "Empty"})
        self.assertEqual(field_errors(r).get("actions"),
                         "a macro needs at least one action or a reply")
        r = self.admin.get("/api/v1/macros?sort=random")
        self.assertEqual(r.status, 422, r.describe())
        self.assertIn("sort", field_errors(r))

    def test_personal_and_shared_visibility(self):
        shared = self.escalate()
        limited = self.escalate(group_id=self.shipping)
        mine = self.create(self.agent, {"name": "मेरा जवाब " + harness.unique(),
                                        "reply": {"hi": "धन्यवाद {{ticket.requester.first_name}}"},
                                        "default_language": "hi"})
        self.assertFalse(mine["shared"])
        self.assertEqual(mine["owner_agent_id"], self.server.agent_id)
        listed = {m["id"] for m in self.agent.get("/api/v1/macros").json["data"]}
        self.assertIn(shared["id"], listed)
        self.assertIn(mine["id"], listed)
        self.assertNotIn(limited["id"], listed)  # not in the Shipping group
        other = {m["id"] for m in self.other.get("/api/v1/macros").json["data"]}
        self.assertNotIn(mine["id"], other)
        admin = {m["id"] for m in self.admin.get("/api/v1/macros").json["data"]}
        self.assertIn(limited["id"], admin)
        self.assertNotIn(mine["id"], admin)
        for client in (self.other, self.admin):
            self.assertEqual(client.get("/api/v1/macros/%d" % mine["id"]).status, 404)
        t = self.ticket()
        r = self.other.post("/api/v1/tickets/%d/macros/%d/apply" % (t["id"], mine["id"]), {})
        self.assertEqual(r.status, 404, r.describe())
        # Agents may not create or change shared macros; nothing changes.
        r = self.agent.post("/api/v1/macros", {"name": "x", "shared": True, "reply": {"en": "x"}})
        self.assertEqual(r.status, 403, r.describe())
        r = self.agent.patch("/api/v1/macros/%d" % shared["id"], {"name": "Renamed"})
        self.assertEqual(r.status, 403, r.describe())
        self.assertEqual(self.admin.get("/api/v1/macros/%d" % shared["id"]).json["name"],
                         shared["name"])
        self.assertEqual(self.agent.delete("/api/v1/macros/%d" % shared["id"]).status, 403)
        # The owner changes their own.
        r = self.agent.patch("/api/v1/macros/%d" % mine["id"], {"description": "मेरा"})
        self.assertEqual(r.status, 200, r.describe())
        # Search as you type, in Devanagari.
        found = self.agent.get("/api/v1/macros?q=" + "जवाब").json["data"]
        self.assertEqual([m["id"] for m in found], [mine["id"]])

    def test_preview_writes_nothing(self):
        m = self.escalate()
        t = self.ticket()
        r = self.agent.post("/api/v1/tickets/%d/macros/%d/preview" % (t["id"], m["id"]))
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual(r.json["changes"]["priority"], ["normal", "urgent"])
        self.assertEqual(r.json["changes"]["group_id"], [None, self.supervisors])
        self.assertEqual(r.json["reply"], "नमस्ते सुनीता, टिकट #%d आगे बढ़ाया गया है।" % t["number"])
        self.assertEqual(r.json["reply_language"], "hi")
        self.assertEqual(r.json["notes"], ["Escalated by ರವಿ"])
        after = self.agent.get("/api/v1/tickets/%d" % t["id"]).json
        self.assertEqual(after["version"], t["version"])
        self.assertEqual(after["priority"], "normal")
        self.assertEqual(self.agent.get("/api/v1/macros/%d" % m["id"]).json["usage_count"], 0)
        messages = self.agent.get("/api/v1/tickets/%d/messages" % t["id"]).json["data"]
        self.assertEqual(len(messages), 1)

    def test_apply_changes_fields_names_the_macro_and_counts(self):
        m = self.escalate()
        t = self.ticket(language="kn", name="ರಮೇಶ್ ಕುಮಾರ್")
        r = self.agent.post("/api/v1/tickets/%d/macros/%d/apply" % (t["id"], m["id"]), {})
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual(r.json["reply"],
                         "ನಮಸ್ಕಾರ ರಮೇಶ್, ಟಿಕೆಟ್ #%d ಮೇಲಕ್ಕೆ ಕಳುಹಿಸಲಾಗಿದೆ." % t["number"])
        self.assertIsNone(r.json["message"])
        self.assertEqual(r.json["macro"]["usage_count"], 1)
        after = self.agent.get("/api/v1/tickets/%d" % t["id"]).json
        self.assertEqual(after["priority"], "urgent")
        self.assertEqual(after["group_id"], self.supervisors)
        self.assertEqual(sorted(after["tags"]), sorted(["escalated", "पार्सल"]))
        messages = self.agent.get("/api/v1/tickets/%d/messages" % t["id"]).json["data"]
        notes = [x for x in messages if not x["public"]]
        self.assertEqual([x["body"] for x in notes], ["Escalated by ರವಿ"])
        self.assertEqual(len([x for x in messages if x["public"]]), 1)  # the reply was not sent
        events = self.admin.get("/api/v1/audit-events?entity_type=ticket&entity_id=%d"
                                % t["id"]).json["data"]
        updated = [e for e in events if e["action"] == "ticket.updated"]
        self.assertEqual(len(updated), 1)
        self.assertEqual(updated[0]["changes"]["via"]["macro"],
                         {"id": m["id"], "name": m["name"]})
        self.assertEqual(updated[0]["changes"]["priority"], ["normal", "urgent"])
        self.assertTrue([e for e in events if e["action"] == "ticket.macro_applied"])
        self.assertEqual(self.agent.get("/api/v1/macros/%d" % m["id"]).json["usage_count"], 1)
        # Sorted by usage, the used one comes first.
        top = self.agent.get("/api/v1/macros?sort=usage").json["data"][0]
        self.assertGreaterEqual(top["usage_count"], 1)

    def test_apply_with_send_posts_the_reply(self):
        m = self.create(self.admin, {
            "name": "Close: resolved " + harness.unique(), "shared": True,
            "actions": [{"type": "set_status", "value": "solved"}],
            "reply": {"en": "Glad we could help, {{ticket.requester.first_name}}.",
                      "hi": "खुशी हुई कि हम मदद कर सके, {{ticket.requester.first_name}}।"}})
        t = self.ticket(language="en", name="Dr. Anil Kumble")
        r = self.agent.post("/api/v1/tickets/%d/macros/%d/apply" % (t["id"], m["id"]),
                            {"send": True})
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual(r.json["message"]["body"], "Glad we could help, Anil.")
        self.assertEqual(self.agent.get("/api/v1/tickets/%d" % t["id"]).json["status"], "solved")
        messages = self.agent.get("/api/v1/tickets/%d/messages" % t["id"]).json["data"]
        self.assertEqual(messages[-1]["body"], "Glad we could help, Anil.")
        self.assertTrue(messages[-1]["public"])
        # Closed tickets take no macro: 422 and nothing written.
        self.assertEqual(self.agent.patch("/api/v1/tickets/%d" % t["id"],
                                          {"status": "closed"}).status, 200)
        r = self.agent.post("/api/v1/tickets/%d/macros/%d/apply" % (t["id"], m["id"]), {})
        self.assertEqual(r.status, 422, r.describe())
        self.assertEqual(self.agent.get("/api/v1/macros/%d" % m["id"]).json["usage_count"], 1)

    def test_apply_that_cannot_work_writes_nothing(self):
        r = self.admin.post("/api/v1/groups", {"name": "Short-lived " + harness.unique()})
        gone = r.json["id"]
        m = self.escalate(actions=[{"type": "add_tags", "value": ["x"]},
                                   {"type": "set_group", "value": gone}])
        self.assertEqual(self.admin.delete("/api/v1/groups/%d" % gone).status, 204)
        t = self.ticket()
        r = self.agent.post("/api/v1/tickets/%d/macros/%d/apply" % (t["id"], m["id"]), {})
        self.assertEqual(r.status, 422, r.describe())
        self.assertIn("no longer exists", field_errors(r).get("actions[1].value", ""))
        after = self.agent.get("/api/v1/tickets/%d" % t["id"]).json
        self.assertEqual(after["version"], t["version"])
        self.assertEqual(after["tags"], t["tags"])
        r = self.agent.post("/api/v1/tickets/%d/macros/%d/apply" % (t["id"], m["id"]),
                            {"send": "yes"})
        self.assertEqual(r.status, 422, r.describe())
        self.assertIn("send", field_errors(r))
        r = self.agent.post("/api/v1/tickets/999999/macros/%d/preview" % m["id"])
        self.assertEqual(r.status, 404, r.describe())


if __name__ == "__main__":
    unittest.main()
