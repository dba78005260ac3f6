"""Idempotency, ETag/If-Match, merge, bulk update, attachments, audit history, metrics."""

import hashlib
import re
import http.client
import struct
import threading
import unittest
import zlib

import harness

S = {}


def setUpModule():
    server = harness.Server()
    server.start()
    S["server"] = server


def tearDownModule():
    if "server" in S:
        S["server"].cleanup()


def tiny_png(width=2, height=2):
    """A real PNG image (RGB, red pixels), built here so no binary file is needed."""
    def chunk(kind, data):
        c = struct.pack(">I", len(data)) + kind + data
        return c + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


def tiny_pdf(text="Invoice"):
    """A small well-formed PDF (one empty page) with a correct xref table."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>"]
    stream = ("BT /F1 12 Tf 20 100 Td (%s) Tj ET" % text).encode()
    objs.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for n, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return out


def data_of(body):
    """Lists come as {"data": [...]}; accept a bare list too for the audit history."""
    if isinstance(body, dict) and "data" in body:
        return body["data"]
    return body if isinstance(body, list) else []


class FeaturesTest(unittest.TestCase):
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        cls.server = S["server"]
        cls.admin = cls.server.login_admin()
        cls.agent = cls.server.login_agent()

    def ticket_body(self, tag, **extra):
        body = {"subject": "Feature " + tag, "message": {"body": "body " + tag},
                "requester": {"email": harness.unique_email("f")}, "tags": [tag]}
        body.update(extra)
        return body

    def count_tag(self, tag):
        return len(self.admin.list_all("/api/v1/tickets?tag=" + tag))

    # --- idempotency ----------------------------------------------------------------------
    def test_idempotent_create(self):
        tag = harness.unique("idem")
        key = "order-" + harness.unique("k")
        body = self.ticket_body(tag)
        first = self.agent.post("/api/v1/tickets", body, headers={"Idempotency-Key": key})
        self.assertEqual(first.status, 201, first.describe())
        self.assertIsNone(first.headers.get("Idempotent-Replayed"), first.describe())
        replay = self.agent.post("/api/v1/tickets", body, headers={"Idempotency-Key": key})
        self.assertEqual(replay.status, 201, replay.describe())
        self.assertEqual(replay.headers.get("Idempotent-Replayed"), "true", replay.describe())
        self.assertEqual(replay.json, first.json, "a replay returns the first body")
        self.assertEqual(replay.headers.get("Location"), first.headers.get("Location"))
        self.assertEqual(self.count_tag(tag), 1, "a replay must not create a second ticket")
        # same key, another body
        other = self.ticket_body(tag, subject="Something else")
        r = self.agent.post("/api/v1/tickets", other, headers={"Idempotency-Key": key})
        self.assertEqual(r.status, 422, r.describe())
        self.assertEqual(r.problem_type, "/problems/idempotency-key-reused", r.describe())
        self.assertEqual(self.count_tag(tag), 1)
        # a new key creates a new ticket
        r = self.agent.post("/api/v1/tickets", body, headers={"Idempotency-Key": key + "-2"})
        self.assertEqual(r.status, 201, r.describe())
        self.assertNotEqual(r.json["id"], first.json["id"])
        self.assertEqual(self.count_tag(tag), 2)
        # without a key, every POST creates
        r = self.agent.post("/api/v1/tickets", body)
        self.assertEqual(r.status, 201, r.describe())
        self.assertEqual(self.count_tag(tag), 3)

    def test_idempotent_contact_create(self):
        ckey = harness.unique("ck")
        email = harness.unique_email("idc")
        c1 = self.agent.post("/api/v1/contacts", {"name": "Idem Contact", "email": email},
                             headers={"Idempotency-Key": ckey})
        self.assertEqual(c1.status, 201, c1.describe())
        c2 = self.agent.post("/api/v1/contacts", {"name": "Idem Contact", "email": email},
                             headers={"Idempotency-Key": ckey})
        self.assertEqual(c2.status, 201, "a replay must not be a 409:\n" + c2.describe())
        self.assertEqual(c2.json["id"], c1.json["id"])
        self.assertEqual(c2.headers.get("Idempotent-Replayed"), "true")
        found = self.agent.get("/api/v1/contacts?email=" + email)
        self.assertEqual(len(found.json["data"]), 1, found.describe())

    def test_idempotency_keys_are_per_principal(self):
        key = harness.unique("shared-key")
        tag = harness.unique("pp")
        a = self.agent.post("/api/v1/tickets", self.ticket_body(tag), headers={"Idempotency-Key": key})
        self.assertEqual(a.status, 201, a.describe())
        b = self.admin.post("/api/v1/tickets", self.ticket_body(tag, subject="Admin's own"),
                            headers={"Idempotency-Key": key})
        self.assertEqual(b.status, 201, "another principal's key must not collide:\n" + b.describe())
        self.assertNotEqual(a.json["id"], b.json["id"])

    def test_idempotency_key_too_long(self):
        r = self.agent.post("/api/v1/tickets", self.ticket_body(harness.unique("long")),
                            headers={"Idempotency-Key": "k" * 256})
        self.assertIn(r.status, (400, 422), "keys are up to 255 characters:\n" + r.describe())

    # --- ETag / If-Match ------------------------------------------------------------------
    def test_etag_if_match(self):
        t = self.agent.create_ticket(subject="ETag")
        path = "/api/v1/tickets/%d" % t["id"]
        g = self.agent.get(path)
        self.assertEqual(g.headers.get("ETag"), '"1"', g.describe())
        p = self.agent.patch(path, {"priority": "high"}, headers={"If-Match": '"1"'})
        self.assertEqual(p.status, 200, p.describe())
        self.assertEqual(p.headers.get("ETag"), '"2"', p.describe())
        self.assertEqual(p.json["version"], 2)
        # a second writer still holding version 1 loses
        lost = self.admin.patch(path, {"priority": "low"}, headers={"If-Match": '"1"'})
        self.assertEqual(lost.status, 412, lost.describe())
        self.assertEqual(lost.problem_type, "/problems/precondition-failed")
        g = self.agent.get(path)
        self.assertEqual((g.json["priority"], g.json["version"]), ("high", 2))
        self.assertEqual(g.headers.get("ETag"), '"2"')
        # with the fresh ETag it succeeds; without If-Match the write is unconditional
        ok = self.admin.patch(path, {"priority": "low"}, headers={"If-Match": '"2"'})
        self.assertEqual(ok.status, 200, ok.describe())
        ok = self.admin.patch(path, {"priority": "urgent"})
        self.assertEqual(ok.status, 200, ok.describe())
        self.assertEqual(ok.json["version"], 4)
        # If-Match: * matches any current version
        ok = self.admin.patch(path, {"priority": "normal"}, headers={"If-Match": "*"})
        self.assertEqual(ok.status, 200, ok.describe())

    def test_etag_on_other_entities(self):
        c = self.agent.post("/api/v1/contacts", {"name": "ETag Contact",
                                                 "email": harness.unique_email("et")})
        self.assertEqual(c.status, 201, c.describe())
        path = "/api/v1/contacts/%d" % c.json["id"]
        self.assertEqual(self.agent.get(path).headers.get("ETag"), '"1"')
        self.assertEqual(self.agent.patch(path, {"name": "x"}, headers={"If-Match": '"7"'}).status,
                         412)
        r = self.agent.patch(path, {"name": "ETag Contact 2"}, headers={"If-Match": '"1"'})
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual(r.headers.get("ETag"), '"2"')
        ws = self.admin.get("/api/v1/workspace")
        self.assertIsNotNone(ws.headers.get("ETag"), ws.describe())
        stale = self.admin.patch("/api/v1/workspace", {"name": "x"},
                                 headers={"If-Match": '"999999"'})
        self.assertEqual(stale.status, 412, stale.describe())
        self.assertEqual(self.admin.get("/api/v1/workspace").json["name"], ws.json["name"])

    # --- merge ----------------------------------------------------------------------------
    def test_ticket_by_number(self):
        t = self.agent.create_ticket(subject="पार्सल नहीं मिला #by-number")
        r = self.agent.get("/api/v1/tickets/by-number/%d" % t["number"])
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual(r.json["id"], t["id"])
        self.assertEqual(r.json["subject"], "पार्सल नहीं मिला #by-number")
        self.assertEqual(r.header("ETag"), '"%d"' % t["version"])
        missing = self.agent.get("/api/v1/tickets/by-number/%d" % (t["number"] + 1000000))
        self.assertEqual(missing.status, 404, missing.describe())
        self.assertEqual(missing.problem_type, "/problems/not-found")
        for bad in ("abc", "0", "-1", "1.5"):
            r = self.agent.get("/api/v1/tickets/by-number/" + bad)
            self.assertEqual(r.status, 404, bad + ": " + r.describe())
            self.assertEqual(r.header("Content-Type"), "application/problem+json")

    def test_merge(self):
        email = harness.unique_email("merge")
        src = self.agent.create_ticket(subject="Duplicate: parcel late", body="Source first",
                                       email=email)
        tgt = self.agent.create_ticket(subject="Parcel late", body="Target first", email=email)
        r = self.agent.post("/api/v1/tickets/%d/messages" % src["id"],
                            {"body": "Source reply", "public": True})
        self.assertEqual(r.status, 201, r.describe())
        r = self.agent.post("/api/v1/tickets/%d/merge" % src["id"], {"target_id": tgt["id"]})
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual(r.json["id"], tgt["id"], "merge returns the surviving ticket")
        source = self.agent.get("/api/v1/tickets/%d" % src["id"])
        self.assertEqual(source.status, 200, source.describe())
        self.assertEqual(source.json["status"], "closed")
        self.assertEqual(source.json["merged_into_id"], tgt["id"])
        msgs = self.agent.list_all("/api/v1/tickets/%d/messages" % tgt["id"])
        bodies = [m["body"] for m in msgs]
        for b in ("Target first", "Source first", "Source reply"):
            self.assertIn(b, bodies, "the survivor must hold every message: %s" % bodies)
        self.assertTrue(all(m["ticket_id"] == tgt["id"] for m in msgs), msgs)
        left = [m["body"] for m in self.agent.list_all("/api/v1/tickets/%d/messages" % src["id"])]
        self.assertNotIn("Source reply", left, "messages move, they are not copied")
        self.assertNotIn("Source first", left, "messages move, they are not copied")
        # audit: both tickets' histories record the merge
        for tid in (src["id"], tgt["id"]):
            ev = self.admin.get("/api/v1/tickets/%d/events" % tid)
            self.assertEqual(ev.status, 200, ev.describe())
            actions = [e.get("action", "") for e in data_of(ev.json)]
            self.assertTrue(any("merge" in a for a in actions),
                            "ticket %d history lacks a merge event: %s" % (tid, actions))
        ev = self.admin.get("/api/v1/audit-events?entity_type=ticket&entity_id=%d" % src["id"])
        self.assertEqual(ev.status, 200, ev.describe())
        self.assertTrue(any("merge" in e.get("action", "") for e in data_of(ev.json)), ev.describe())
        # a merged (closed) ticket cannot be merged again, nor into itself
        again = self.agent.post("/api/v1/tickets/%d/merge" % src["id"], {"target_id": tgt["id"]})
        self.assertEqual(again.status, 422, again.describe())
        selfm = self.agent.post("/api/v1/tickets/%d/merge" % tgt["id"], {"target_id": tgt["id"]})
        self.assertEqual(selfm.status, 422, selfm.describe())
        into_closed = self.agent.create_ticket(subject="Into closed")
        r = self.agent.post("/api/v1/tickets/%d/merge" % into_closed["id"],
                            {"target_id": src["id"]})
        self.assertEqual(r.status, 422, "merging into a closed ticket:\n" + r.describe())
        self.assertEqual(self.agent.get("/api/v1/tickets/%d" % into_closed["id"]).json["status"],
                         "new")

    # --- bulk -----------------------------------------------------------------------------
    def test_bulk_update_all_or_nothing(self):
        tag = harness.unique("bulk")
        ids = [self.agent.post("/api/v1/tickets", self.ticket_body(tag)).json["id"]
               for _ in range(3)]
        r = self.agent.post("/api/v1/tickets/bulk", {
            "ids": ids, "changes": {"priority": "high", "assignee_id": self.server.agent_id,
                                    "add_tags": ["bulk_done"], "remove_tags": [tag]}})
        self.assertEqual(r.status, 200, r.describe())
        got = {t["id"]: t for t in r.json["data"]}
        self.assertEqual(sorted(got), sorted(ids))
        for tid in ids:
            t = self.agent.get("/api/v1/tickets/%d" % tid).json
            self.assertEqual(t["priority"], "high")
            self.assertEqual(t["assignee_id"], self.server.agent_id)
            self.assertIn("bulk_done", t["tags"])
            self.assertNotIn(tag, t["tags"])
        # close one, then a batch that would reopen all of them fails as a whole
        closed = ids[2]
        for st in ("solved", "closed"):
            self.assertEqual(self.agent.patch("/api/v1/tickets/%d" % closed,
                                              {"status": st}).status, 200)
        versions = {tid: self.agent.get("/api/v1/tickets/%d" % tid).json["version"]
                    for tid in ids}
        r = self.agent.post("/api/v1/tickets/bulk", {"ids": ids, "changes": {
            "status": "pending", "priority": "low"}})
        self.assertEqual(r.status, 422, r.describe())
        self.assertIn(str(closed), r.raw.decode(), "the 422 names the failing id:\n" + r.describe())
        for tid in ids:
            t = self.agent.get("/api/v1/tickets/%d" % tid).json
            self.assertEqual(t["priority"], "high", "all or nothing: ticket %d changed" % tid)
            self.assertEqual(t["version"], versions[tid])
        # an unknown id also fails the batch
        r = self.agent.post("/api/v1/tickets/bulk", {"ids": ids[:2] + [987654321],
                                                     "changes": {"priority": "urgent"}})
        self.assertIn(r.status, (404, 422), r.describe())
        self.assertIn("987654321", r.raw.decode(), r.describe())
        for tid in ids[:2]:
            self.assertEqual(self.agent.get("/api/v1/tickets/%d" % tid).json["priority"], "high")
        # more than 100 ids
        r = self.agent.post("/api/v1/tickets/bulk", {"ids": list(range(1, 102)),
                                                     "changes": {"priority": "low"}})
        self.assertEqual(r.status, 422, r.describe())
        r = self.agent.post("/api/v1/tickets/bulk", {"ids": ids[:2],
                                                     "changes": {"priority": "catastrophic"}})
        self.assertEqual(r.status, 422, r.describe())

    # --- attachments ----------------------------------------------------------------------
    def test_attachments(self):
        png = tiny_png()
        pdf = tiny_pdf()
        # PNG bytes under a misleading name and part type: the MIME type comes from the bytes
        r = self.agent.upload("not-an-image.txt", png, part_type="text/plain")
        self.assertEqual(r.status, 201, r.describe())
        a_png = r.json
        self.assertEqual(a_png["mime_type"], "image/png", r.describe())
        self.assertEqual(a_png["size"], len(png))
        self.assertEqual(a_png["sha256"], hashlib.sha256(png).hexdigest())
        self.assertEqual(a_png["filename"], "not-an-image.txt")
        kannada_name = "ಸರಕುಪಟ್ಟಿ-ಮಾರ್ಚ್.pdf"
        r = self.agent.upload(kannada_name, pdf, part_type="application/octet-stream")
        self.assertEqual(r.status, 201, r.describe())
        a_pdf = r.json
        self.assertEqual(a_pdf["mime_type"], "application/pdf", r.describe())
        self.assertEqual(a_pdf["filename"], kannada_name)
        self.assertEqual(a_pdf["sha256"], hashlib.sha256(pdf).hexdigest())
        # text named .png is not an image
        r = self.agent.upload("evil.png", b"<html><script>alert(1)</script></html>\n",
                              part_type="image/png")
        self.assertEqual(r.status, 201, r.describe())
        self.assertNotEqual(r.json["mime_type"], "image/png", r.describe())
        # metadata and bytes read back
        meta = self.agent.get("/api/v1/attachments/%d" % a_pdf["id"])
        self.assertEqual(meta.status, 200, meta.describe())
        self.assertEqual(meta.json["filename"], kannada_name)
        for att, data, mime in ((a_png, png, "image/png"), (a_pdf, pdf, "application/pdf")):
            c = self.agent.get("/api/v1/attachments/%d/content" % att["id"])
            self.assertEqual(c.status, 200, c.describe())
            self.assertEqual(c.raw, data, "downloaded bytes differ from the upload")
            self.assertTrue((c.headers.get("Content-Type") or "").startswith(mime), c.describe())
        # attach both to a reply and see them in the message list
        t = self.agent.create_ticket(subject="Damaged box photos")
        m = self.agent.post("/api/v1/tickets/%d/messages" % t["id"], {
            "body": "Photo and invoice attached", "public": True,
            "attachment_ids": [a_png["id"], a_pdf["id"]]})
        self.assertEqual(m.status, 201, m.describe())
        self.assertEqual(sorted(a["id"] for a in m.json["attachments"]),
                         sorted([a_png["id"], a_pdf["id"]]))
        msgs = self.agent.list_all("/api/v1/tickets/%d/messages" % t["id"])
        mine = [x for x in msgs if x["id"] == m.json["id"]]
        self.assertEqual(len(mine), 1)
        listed = {a["id"]: a for a in mine[0]["attachments"]}
        self.assertEqual(set(listed), {a_png["id"], a_pdf["id"]})
        self.assertEqual(listed[a_pdf["id"]]["filename"], kannada_name)
        self.assertEqual(listed[a_pdf["id"]]["mime_type"], "application/pdf")
        self.assertEqual(listed[a_png["id"]]["size"], len(png))
        # unknown attachment ids are refused
        r = self.agent.post("/api/v1/tickets/%d/messages" % t["id"], {
            "body": "again", "public": True, "attachment_ids": [987654321]})
        self.assertEqual(r.status, 422, r.describe())
        # a ticket created with an attachment on its first message
        r = self.agent.upload("receipt.png", tiny_png(3, 1), part_type="image/png")
        self.assertEqual(r.status, 201, r.describe())
        t2 = self.agent.post("/api/v1/tickets", {
            "subject": "With attachment", "requester": {"email": harness.unique_email("att")},
            "message": {"body": "see receipt", "attachment_ids": [r.json["id"]]}})
        self.assertEqual(t2.status, 201, t2.describe())
        first = self.agent.get("/api/v1/tickets/%d/messages" % t2.json["id"]).json["data"][0]
        self.assertEqual([a["id"] for a in first["attachments"]], [r.json["id"]])

    def test_attachment_upload_errors(self):
        # no file part
        r = self.agent.request("POST", "/api/v1/attachments", raw_body=b"--x\r\n\r\n--x--\r\n",
                               content_type="multipart/form-data; boundary=x")
        self.assertIn(r.status, (400, 422), r.describe())
        # not multipart at all
        r = self.agent.post("/api/v1/attachments", {"file": "abc"})
        self.assertEqual(r.status, 415, r.describe())
        # anonymous cannot download
        self.assertEqual(self.server.anonymous().get("/api/v1/attachments/1/content").status, 401)

    # --- audit ----------------------------------------------------------------------------
    def test_ticket_audit_history(self):
        t = self.agent.create_ticket(subject="Audited")
        path = "/api/v1/tickets/%d" % t["id"]
        self.assertEqual(self.agent.patch(path, {"status": "open"}).status, 200)
        self.assertEqual(self.admin.patch(path, {"priority": "urgent",
                                                 "subject": "Audited (urgent)"}).status, 200)
        ev = self.agent.get(path + "/events")
        self.assertEqual(ev.status, 200, ev.describe())
        events = data_of(ev.json)
        self.assertGreaterEqual(len(events), 3, ev.describe())
        actions = [e["action"] for e in events]
        self.assertIn("ticket.created", actions)
        for e in events:
            self.assertEqual(e["entity_type"], "ticket")
            self.assertEqual(e["entity_id"], t["id"])
            self.assertRegex(e["created_at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
        updates = [e for e in events if e["action"] != "ticket.created"]
        prio = [e for e in updates if "priority" in (e.get("changes") or {})]
        self.assertEqual(len(prio), 1, events)
        self.assertEqual(prio[0]["actor"]["type"], "agent")
        self.assertEqual(prio[0]["actor"]["id"], self.server.admin_id)
        change = prio[0]["changes"]["priority"]
        self.assertIn("urgent", str(change))
        self.assertIn("normal", str(change), "the change records the old value too")
        status = [e for e in updates if "status" in (e.get("changes") or {})]
        self.assertEqual(len(status), 1, events)
        self.assertEqual(status[0]["actor"]["id"], self.server.agent_id)
        self.assertIn("open", str(status[0]["changes"]["status"]))
        # a refused change leaves no event
        n = len(events)
        self.assertEqual(self.agent.patch(path, {"status": "closed"}).status, 422)
        self.assertEqual(len(data_of(self.agent.get(path + "/events").json)), n)
        # the admin-wide audit log has the same events
        glob = self.admin.get("/api/v1/audit-events?entity_type=ticket&entity_id=%d" % t["id"])
        self.assertEqual(glob.status, 200, glob.describe())
        self.assertEqual(sorted(e["id"] for e in data_of(glob.json)),
                         sorted(e["id"] for e in events))
        self.assertEqual(self.agent.get("/api/v1/audit-events").status, 403)

    # --- concurrency ----------------------------------------------------------------------
    def run_together(self, fns):
        """Runs the callables at the same moment from their own threads; returns results."""
        barrier = threading.Barrier(len(fns))
        results = [None] * len(fns)

        def go(k):
            barrier.wait()
            results[k] = fns[k]()
        threads = [threading.Thread(target=go, args=(k,)) for k in range(len(fns))]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        return results

    def test_concurrent_if_match_has_one_winner(self):
        t = self.agent.create_ticket(subject="Race")
        path = "/api/v1/tickets/%d" % t["id"]
        clients = [self.server.bearer(self.server.agent_token) for _ in range(8)]
        results = self.run_together([
            (lambda c=c, k=k: c.patch(path, {"subject": "winner %d" % k},
                                      headers={"If-Match": '"1"'}))
            for k, c in enumerate(clients)])
        statuses = sorted(r.status for r in results)
        self.assertEqual(statuses.count(200), 1, "exactly one writer wins: %s" % statuses)
        self.assertEqual(statuses.count(412), 7, statuses)
        winner = [r for r in results if r.status == 200][0]
        now = self.agent.get(path).json
        self.assertEqual(now["subject"], winner.json["subject"])
        self.assertEqual(now["version"], 2)

    def test_concurrent_replays_create_one_ticket(self):
        tag = harness.unique("race")
        key = harness.unique("race-key")
        body = self.ticket_body(tag)
        clients = [self.server.bearer(self.server.agent_token) for _ in range(8)]
        results = self.run_together([
            (lambda c=c: c.post("/api/v1/tickets", body, headers={"Idempotency-Key": key}))
            for c in clients])
        self.assertEqual(self.count_tag(tag), 1, "one key, one ticket: %s"
                         % [r.status for r in results])
        created = [r for r in results if r.status == 201]
        self.assertTrue(created, [r.describe() for r in results])
        self.assertEqual(len({r.json["id"] for r in created}), 1)
        for r in results:
            # a request racing the first one may be told to retry (409), never a 5xx
            self.assertIn(r.status, (201, 409), r.describe())

    def test_concurrent_messages_all_kept_in_order(self):
        t = self.agent.create_ticket(subject="Busy ticket", body="start")
        path = "/api/v1/tickets/%d/messages" % t["id"]
        clients = [self.server.bearer(self.server.agent_token) for _ in range(8)]
        results = self.run_together([
            (lambda c=c, k=k: c.post(path, {"body": "reply %d" % k, "public": k % 2 == 0}))
            for k, c in enumerate(clients)])
        self.assertEqual([r.status for r in results], [201] * 8,
                         [r.describe() for r in results if r.status != 201])
        msgs = self.agent.list_all(path)
        self.assertEqual(len(msgs), 9)
        ids = [m["id"] for m in msgs]
        self.assertEqual(ids, sorted(ids), "oldest first")
        self.assertEqual(sorted(m["body"] for m in msgs[1:]), sorted("reply %d" % k for k in range(8)))

    def test_keep_alive_connection_serves_many_requests(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=10)
        try:
            hdrs = {"Authorization": "Bearer " + self.server.agent_token}
            for k in range(20):
                path = "/api/v1/tickets/987654321" if k % 5 == 4 else "/api/v1/tickets?limit=1"
                conn.request("GET", path, headers=hdrs)
                r = conn.getresponse()
                r.read()
                self.assertEqual(r.status, 404 if k % 5 == 4 else 200)
            body = '{"subject": "ka", "message": {"body": "x"}, "requester": {"email": "ka@example.in"}}'
            conn.request("POST", "/api/v1/tickets", body=body.encode(),
                         headers=dict(hdrs, **{"Content-Type": "application/json"}))
            r = conn.getresponse()
            r.read()
            self.assertEqual(r.status, 201)
            conn.request("GET", "/healthz")
            r = conn.getresponse()
            r.read()
            self.assertEqual(r.status, 200)
        finally:
            conn.close()

    # --- operations -----------------------------------------------------------------------
    def test_metrics(self):
        t = self.agent.create_ticket(subject="Metrics")
        for _ in range(3):
            self.assertEqual(self.agent.get("/api/v1/tickets/%d" % t["id"]).status, 200)
        self.agent.get("/api/v1/tickets/987654321")
        r = self.server.anonymous().get("/metrics")
        self.assertEqual(r.status, 200, r.describe())
        self.assertTrue((r.headers.get("Content-Type") or "").startswith("text/plain"),
                        r.describe())
        text = r.raw.decode("utf-8")
        samples = [l for l in text.splitlines() if l and not l.startswith("#")]
        counters = [l for l in samples if re.match(r"^[a-zA-Z_:][\w:]*_total\{.*\} [0-9.e+]+$", l)]
        self.assertTrue(counters, "no request counter (*_total{...}) in /metrics:\n" + text[:3000])
        buckets = [l for l in samples if "_bucket{" in l and 'le="' in l]
        self.assertTrue(buckets, "no latency histogram (*_bucket{le=...}) in /metrics")
        self.assertTrue(any('le="+Inf"' in l for l in buckets), "histogram lacks le=\"+Inf\"")
        route_re = re.compile(r'\w+="(?:GET )?(/api/v1/tickets/[^"]*)"')
        routes = set(m.group(1) for l in counters + buckets for m in [route_re.search(l)] if m)
        self.assertTrue(any("{" in x for x in routes),
                        "metrics should be labelled by route template, got routes %s" % routes)
        self.assertNotIn("/api/v1/tickets/%d" % t["id"], routes,
                         "a raw id in a route label makes unbounded series")
        # the counter for GET /api/v1/tickets/{id} with 200 counts at least our three calls
        counted = 0
        for l in counters:
            if re.search(r'="(GET )?/api/v1/tickets/\{[^}]*\}"', l) and "GET" in l \
                    and re.search(r'="(200|2xx)"', l):
                counted += float(l.rsplit(" ", 1)[1])
        self.assertGreaterEqual(counted, 3, "GET ticket counter: %s" % counters[:20])
        for l in samples:
            self.assertRegex(l, r"^[a-zA-Z_:][\w:]*(\{.*\})? [-+0-9.eEInfNa]+$",
                             "malformed Prometheus line")

    def test_health_and_ready(self):
        anon = self.server.anonymous()
        for path in ("/healthz", "/readyz", "/ping"):
            r = anon.get(path)
            self.assertEqual(r.status, 200, r.describe())


if __name__ == "__main__":
    unittest.main()
