"""Telling customers first (docs/shipments.md, "Telling customers first") on the real server,
with the notices really mailed: Sahayak's outbox -> Postfix (SMTP on loopback) -> Dovecot
(LMTP) -> read back over IMAP from the customer's own mailbox, as the customer would see them.

- out_for_delivery to a Hindi customer: a booked event mails nothing; the notice arrives with
  a Hindi subject (RFC 2047), the tracking number, List-Unsubscribe (one-click, RFC 8058) and
  Auto-Submitted; replaying the batch mails nothing more (one notice, "mailed").
- delivery_failed with a Hindi reason: the reason in the mail, a high-priority ticket for the
  customer (in the settings' group) linked to the shipment; a later `lost`: the same ticket,
  urgent, an internal note; a customer without e-mail: "no_address", a ticket all the same
  (none with open_tickets: false).
- opting out: the link's page (Hindi, a form) changes nothing on GET; its button opts out; the
  next notice is "opted_out" and not mailed; RFC 8058 one-click POSTs (urlencoded, multipart)
  without cookies; forged links are a 404 page, never a 500; agents see and change it.
- stale events (two days old): "stale", no mail, no ticket.
- settings: agents read, admins change (If-Match), 422 naming each bad member, a template
  override used with its placeholders filled, a notice switched off ("off").
- quiet hours in the customer's own zone: the mail waits in the outbox until they end.
- the late sweep (SAHAYAK_MAINTENANCE_SECONDS=2) and a carrier ETA past the promise: one late
  notice per promised date, never repeated.
- a second workspace sees and changes none of it.

One server and one Postfix/Dovecot pair for the module; skipped, saying why, where Postfix and
Dovecot are not installed or the tests do not run as root."""

import email
import email.policy
import html
import re
import secrets
import subprocess
import time
import unittest
from datetime import datetime, timedelta, timezone

import harness
import mailservers
from mailservers import MailServers

UNAVAILABLE = mailservers.unavailable_reason()
IST = timezone(timedelta(hours=5, minutes=30))
SITE = "https://support.acme-courier.test"
SUPPORT = "support@acme-courier.test"
SECOND = "Second Couriers"
BLUEDART_URL = "https://www.bluedart.com/track?awb={number}"
ALL_NOTICES = ["out_for_delivery", "delivered", "delivery_failed", "exception", "late"]
BASE_SETTINGS = {"notices": ALL_NOTICES, "quiet_from": "00:00", "quiet_until": "00:00",
                 "templates": {}, "open_tickets": True, "ticket_group_id": None}

# One Dovecot mailbox per scenario, so each test counts only its own mail.
CUSTOMERS = {
    "asha.ofd@example.in": "asha-ofd-1",
    "meera.fail@example.in": "meera-fail-2",
    "optout.one@example.in": "optout-one-3",
    "optout.two@example.in": "optout-two-4",
    "optout.three@example.in": "optout-three-5",
    "stale.news@example.in": "stale-news-6",
    "tmpl.hi@example.in": "tmpl-hi-7",
    "late.kn@example.in": "late-kn-8",
    "late.eta@example.in": "late-eta-9",
    "quiet.hnl@example.in": "quiet-hnl-10",
    "quiet.ist@example.in": "quiet-ist-11",
    "iso.one@example.in": "iso-one-12",
    "forged.link@example.in": "forged-link-13",
}

MAIL_TIMEOUT = 15
SETTLE = 2.5  # how long a mail that should not come is given to arrive anyway

S = {}


# ---- helpers ----------------------------------------------------------------------------------

def at(hours_ago=0.0, tz=IST):
    """An RFC 3339 time `hours_ago` hours before now, in `tz` (India by default), whole
    seconds."""
    return (datetime.now(tz) - timedelta(hours=hours_ago)).replace(microsecond=0).isoformat()


def day(delta_days):
    """A date `delta_days` from today in India (the workspace's zone)."""
    return (datetime.now(IST).date() + timedelta(days=delta_days)).isoformat()


def parse_time(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def awb():
    return "BD%08dIN" % (10000000 + secrets.randbelow(89999999))


def created(r):
    if r.status != 201:
        raise harness.HarnessError("expected 201:\n" + r.describe())
    return r.json


def ok(r):
    if r.status != 200:
        raise harness.HarnessError("expected 200:\n" + r.describe())
    return r.json


def new_contact(email, name, language, time_zone=None, client=None, phone=None):
    body = {"name": name, "language": language}
    if email:
        body["email"] = email
    if phone:
        body["phone"] = phone
    if time_zone:
        body["time_zone"] = time_zone
    return created((client or S["admin"]).post("/api/v1/contacts", body))


def new_shipment(contact_id, promised=None, client=None, number=None):
    body = {"carrier": "bluedart", "tracking_number": number or awb(), "contact_id": contact_id,
            "promised_date": promised or day(3)}
    return created((client or S["agent"]).post("/api/v1/shipments", body))


def event(number, status, occurred_at=None, **extra):
    e = {"carrier": "bluedart", "tracking_number": number, "status": status,
         "occurred_at": occurred_at or at(), "event_id": harness.unique("ev")}
    e.update(extra)
    return e


def ingest(*events, client=None):
    return ok((client or S["admin"]).post("/api/v1/tracking-events", {"events": list(events)}))


def notices(shipment_id, client=None):
    return ok((client or S["agent"]).get("/api/v1/shipments/%d/notices" % shipment_id))["data"]


def outbox_item(outbox_id):
    for item in S["admin"].list_all("/api/v1/mail/outbox"):
        if item["id"] == outbox_id:
            return item
    return None


def outbox_to(address):
    return [i for i in S["admin"].list_all("/api/v1/mail/outbox") if i["to"] == address]


def mails(address):
    """The messages in the customer's Dovecot INBOX, oldest first, parsed (Subject decoded)."""
    out = []
    for uid, raw in sorted(S["mail"].fetch_all(address)):
        m = email.message_from_bytes(raw, policy=email.policy.default)
        m.raw = raw
        m.uid = uid
        out.append(m)
    return out


def wait_mails(address, count, timeout=MAIL_TIMEOUT):
    """Waits until the mailbox holds at least `count` messages; returns them all."""
    deadline = time.monotonic() + timeout
    while True:
        got = mails(address)
        if len(got) >= count:
            return got
        if time.monotonic() > deadline:
            raise AssertionError(
                "%s has %d message(s), expected %d after %ss\noutbox to it: %s\n%s\n%s"
                % (address, len(got), count, timeout, outbox_to(address),
                   S["server"].log_tail(), S["mail"].diagnostics()))
        time.sleep(0.2)


def raw_header(msg, name):
    """The header as it was on the wire (unfolded, not decoded)."""
    head = msg.raw.split(b"\r\n\r\n", 1)[0].decode("ascii", "replace")
    head = re.sub(r"\r\n[ \t]+", " ", head)
    for line in head.split("\r\n"):
        if line.lower().startswith(name.lower() + ":"):
            return line.split(":", 1)[1].strip()
    return None


def text_of(msg):
    """The plain text as the customer reads it (line ends as LF)."""
    return msg.get_body(("plain",)).get_content().replace("\r\n", "\n")


def opt_out_url(msg):
    value = re.sub(r"\s+", "", str(msg["List-Unsubscribe"] or ""))
    m = re.fullmatch(r"<([^>]+)>", value)
    assert m, "List-Unsubscribe is %r" % msg["List-Unsubscribe"]
    return m.group(1)


def site_path(url):
    assert url.startswith(SITE + "/notices/opt-out/"), url
    return url[len(SITE):]


def put_settings(body, client=None, if_match=None):
    headers = {"If-Match": if_match} if if_match else None
    return (client or S["admin"]).patch("/api/v1/workspace/shipment-notices", body,
                                        headers=headers)


def tickets_of(contact_id):
    return S["admin"].list_all("/api/v1/tickets?requester=%d" % contact_id)


def contact_audit(contact_id):
    return S["admin"].list_all("/api/v1/audit-events?entity_type=contact&entity_id=%d"
                               % contact_id)


def page(client, method, path, body=None, content_type=None, headers=None):
    hdrs = {"Accept": "text/html,application/xhtml+xml"}
    hdrs.update(headers or {})
    return client.request(method, path, raw_body=body, content_type=content_type,
                          headers=hdrs)


def page_text(r):
    return r.raw.decode("utf-8", "replace")


def binary_has_notices():
    try:
        p = subprocess.run([harness.binary_path(), "routes"], capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as e:
        return "cannot run `sahayak routes`: %s" % e
    out = p.stdout.decode("utf-8", "replace")
    if "/api/v1/workspace/shipment-notices" not in out or "/notices/opt-out/" not in out:
        return ("the binary under test has no shipment notices yet (`sahayak routes` lists no "
                "/api/v1/workspace/shipment-notices or /notices/opt-out/{key})")
    return None


SKIP = UNAVAILABLE or binary_has_notices()


def setUpModule():
    if SKIP:
        return
    mail = MailServers(users=CUSTOMERS).start()
    S["mail"] = mail
    server = harness.Server(env={"SAHAYAK_MAINTENANCE_SECONDS": "2",
                                 "SAHAYAK_PUBLIC_URL": SITE,
                                 "SAHAYAK_MAIL_RETRY_BASE_MS": "500"})
    S["server"] = server
    try:
        server.cli("admin", "create-agent", "--workspace", SECOND, "--email",
                   "admin2@second.test", "--name", "Deepa Admin", "--role", "admin",
                   "--password", server.admin_password)
        server.cli("admin", "create-agent", "--workspace", SECOND, "--email",
                   "agent2@second.test", "--name", "Kiran Agent", "--role", "agent",
                   "--password", server.agent_password)
        server.start()
        S["admin"] = server.bearer(server.admin_token)
        S["agent"] = server.bearer(server.agent_token)
        S["anon"] = server.anonymous()
        S["admin2"] = server.bearer(server.cli("admin", "create-token", "--workspace", SECOND,
                                               "--email", "admin2@second.test").stdout.strip())
        S["agent2"] = server.bearer(server.cli("admin", "create-token", "--workspace", SECOND,
                                               "--email", "agent2@second.test").stdout.strip())
        # What a workspace starts with, before anybody changed it.
        S["defaults"] = S["agent"].get("/api/v1/workspace/shipment-notices")
        created(S["admin"].post("/api/v1/carriers", {
            "code": "bluedart", "name": "Blue Dart", "tracking_pattern": r"\b\d{11}\b",
            "tracking_url": BLUEDART_URL}))
        created(S["admin"].post("/api/v1/mailboxes", {
            "name": "support", "address": SUPPORT, "from_name": "Acme Courier Support",
            "smtp_host": "127.0.0.1", "smtp_port": mail.smtp_port, "smtp_security": "none",
            "auto_ack": False}))
        # The default quiet hours (21:00-08:00 India) would hold mail depending on the clock.
        ok(put_settings(BASE_SETTINGS))
    except BaseException:
        tearDownModule()
        raise


def tearDownModule():
    server = S.pop("server", None)
    mail = S.pop("mail", None)
    try:
        if server is not None:
            server.cleanup()
    finally:
        if mail is not None:
            mail.stop()


@unittest.skipIf(SKIP, SKIP or "")
class Base(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        # Each test starts from the module's settings (a failed test may have left others).
        r = put_settings(BASE_SETTINGS)
        self.assertEqual(r.status, 200, r.describe())

    def assertProblem(self, r, status, fields=()):
        self.assertEqual(r.status, status, r.describe())
        self.assertIn("application/problem+json", r.header("Content-Type") or "", r.describe())
        named = [e.get("field") for e in (r.json or {}).get("errors", [])]
        for f in fields:
            self.assertIn(f, named, r.describe())
        return named

    def assertNoMoreMail(self, address, count):
        """Gives a mail that should not come time to arrive, then counts."""
        time.sleep(SETTLE)
        got = mails(address)
        self.assertEqual(len(got), count, [str(m["Subject"]) for m in got])

    def assertHeaderOnTheWire(self, msg, url):
        """List-Unsubscribe as a mail client reads it (RFC 2369, RFC 8058): the URL in angle
        brackets, plain ASCII; an RFC 2047 encoded word there is not a URL to any client."""
        with self.subTest(check="List-Unsubscribe on the wire"):
            self.assertEqual(raw_header(msg, "List-Unsubscribe"), "<%s>" % url,
                             msg.raw.split(b"\r\n\r\n", 1)[0].decode("ascii", "replace"))

    def assertNoticeMail(self, msg, address):
        """What every notice carries."""
        self.assertIn(address, msg["To"])
        self.assertIn(SUPPORT, msg["From"])
        self.assertEqual(msg["Auto-Submitted"], "auto-generated")
        self.assertEqual(msg["List-Unsubscribe-Post"], "List-Unsubscribe=One-Click")
        url = opt_out_url(msg)
        site_path(url)
        self.assertIn(url, text_of(msg), "the opt-out link is in the text too")
        self.assertIsNone(msg["Reply-To"], "no ticket Reply-To on a notice")
        self.assertTrue(msg["Message-ID"])
        return url


# ---- 1. out for delivery ----------------------------------------------------------------------

class OutForDeliveryTest(Base):
    def test_booked_mails_nothing_out_for_delivery_mails_once_in_hindi(self):
        address = "asha.ofd@example.in"
        c = new_contact(address, "आशा राव", "hi")
        s = new_shipment(c["id"])
        n = s["tracking_number"]

        booked = event(n, "booked", at(0.1), place="मुंबई")
        r = ingest(booked)
        self.assertEqual(r["accepted"], 1, r)
        self.assertEqual(notices(s["id"]), [])
        self.assertEqual(outbox_to(address), [])

        batch = [event(n, "in_transit", at(0.05), place="पुणे हब"),
                 event(n, "out_for_delivery", at(), place="पुणे")]
        r = ingest(*batch)
        self.assertEqual((r["accepted"], r["duplicates"]), (2, 0), r)
        [msg] = wait_mails(address, 1)

        self.assertEqual(str(msg["Subject"]),
                         "आपका पार्सल %s डिलीवरी के लिए निकल चुका है" % n)
        self.assertRegex(raw_header(msg, "Subject"), r"(?i)^=\?utf-8\?[bq]\?",
                         "the Hindi subject is RFC 2047 encoded on the wire")
        body = text_of(msg)
        self.assertTrue(body.startswith("नमस्ते आशा राव,"), body)
        self.assertIn("आपका Blue Dart पार्सल %s आज डिलीवरी के लिए निकल" % n, body)
        self.assertIn("वर्तमान स्थान: पुणे", body)
        self.assertIn(BLUEDART_URL.replace("{number}", n), body)
        url = self.assertNoticeMail(msg, address)
        self.assertIn("ये अपडेट बंद करने के लिए: " + url, body)

        [notice] = notices(s["id"])
        self.assertEqual(notice["notice"], "out_for_delivery")
        self.assertEqual(notice["outcome"], "mailed")
        self.assertEqual(notice["event_key"], batch[1]["event_id"])
        self.assertEqual(notice["contact_id"], c["id"])
        self.assertEqual(notice["language"], "hi")
        self.assertIsNone(notice["ticket_id"])
        item = outbox_item(notice["outbox_id"])
        self.assertIsNotNone(item, "the notice's outbox row")
        self.assertEqual((item["kind"], item["to"]), ("notification", address))
        self.assertEqual(item["message_id"], msg["Message-ID"].strip("<>"))

        # The carrier resends the whole batch after a timeout: nothing new, nothing mailed.
        r = ingest(*batch)
        self.assertEqual((r["accepted"], r["duplicates"]), (0, 2), r)
        self.assertNoMoreMail(address, 1)
        [again] = notices(s["id"])
        self.assertEqual(again["id"], notice["id"])
        self.assertEqual(len(outbox_to(address)), 1)
        self.assertEqual(msg["X-Sahayak-Shipment"], n)
        self.assertHeaderOnTheWire(msg, url)


# ---- 2. delivery failed, then lost ------------------------------------------------------------

class TroubleTicketTest(Base):
    def test_failed_delivery_mails_the_reason_and_opens_a_ticket_lost_raises_it(self):
        address = "meera.fail@example.in"
        group = created(S["admin"].post("/api/v1/groups", {"name": harness.unique("Shipping")}))
        r = put_settings({"ticket_group_id": group["id"]})
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual(r.json["ticket_group_id"], group["id"])
        c = new_contact(address, "मीरा जोशी", "hi")
        s = new_shipment(c["id"])
        n = s["tracking_number"]
        reason = "ग्राहक घर पर नहीं थे"
        ingest(event(n, "out_for_delivery", at(1), place="इंदौर"))
        wait_mails(address, 1)
        ingest(event(n, "delivery_failed", at(), place="इंदौर हब", reason=reason,
                     description="Delivery attempted"))
        msg = wait_mails(address, 2)[1]
        self.assertEqual(str(msg["Subject"]), "आपका पार्सल %s डिलीवर नहीं हो सका" % n)
        body = text_of(msg)
        self.assertIn("कारण: " + reason, body)
        self.assertIn("स्थान: इंदौर हब", body)
        self.assertIn(n, body)
        self.assertNoticeMail(msg, address)

        failed = [x for x in notices(s["id"]) if x["notice"] == "delivery_failed"]
        self.assertEqual(len(failed), 1, notices(s["id"]))
        self.assertEqual(failed[0]["outcome"], "mailed")
        ticket_id = failed[0]["ticket_id"]
        self.assertIsNotNone(ticket_id, failed)
        t = ok(S["agent"].get("/api/v1/tickets/%d" % ticket_id))
        self.assertEqual(t["priority"], "high")
        self.assertEqual(t["group_id"], group["id"], "in the settings' ticket group")
        self.assertIn("shipment", t["tags"])
        self.assertIn("delivery-failed", t["tags"])
        self.assertEqual(t["requester"]["id"], c["id"])
        self.assertEqual(t["requester"]["email"], address)
        self.assertIn(n, t["subject"])
        linked = ok(S["agent"].get("/api/v1/tickets/%d/shipments" % ticket_id))["data"]
        self.assertEqual([x["id"] for x in linked], [s["id"]])
        msgs = S["agent"].list_all("/api/v1/tickets/%d/messages" % ticket_id)
        self.assertEqual(len(msgs), 1, msgs)
        self.assertFalse(msgs[0]["public"], "the carrier's event is an internal message")
        self.assertIn(reason, msgs[0]["body"])
        self.assertIn("इंदौर हब", msgs[0]["body"])
        self.assertEqual([x["id"] for x in tickets_of(c["id"])], [ticket_id])

        # The carrier loses it: the same ticket, urgent, with a note; the customer is told.
        ingest(event(n, "lost", at(-0.01), reason="पार्सल नहीं मिल रहा", place="भोपाल"))
        msg = wait_mails(address, 3)[2]
        self.assertEqual(str(msg["Subject"]), "आपके पार्सल %s के बारे में ज़रूरी सूचना" % n)
        self.assertIn("स्थिति: खो गया", text_of(msg))
        self.assertIn("कारण: पार्सल नहीं मिल रहा", text_of(msg))
        exc = [x for x in notices(s["id"]) if x["notice"] == "exception"]
        self.assertEqual(len(exc), 1, notices(s["id"]))
        self.assertEqual(exc[0]["outcome"], "mailed")
        self.assertEqual(exc[0]["ticket_id"], ticket_id)
        t = ok(S["agent"].get("/api/v1/tickets/%d" % ticket_id))
        self.assertEqual(t["priority"], "urgent")
        msgs = S["agent"].list_all("/api/v1/tickets/%d/messages" % ticket_id)
        self.assertEqual(len(msgs), 2, msgs)
        self.assertFalse(msgs[1]["public"])
        self.assertIn("lost", msgs[1]["body"])
        self.assertIn("पार्सल नहीं मिल रहा", msgs[1]["body"])
        self.assertEqual([x["id"] for x in tickets_of(c["id"])], [ticket_id], "no second ticket")
        # Three notices, three mails: nothing else (no acknowledgement of the ticket) queued.
        self.assertEqual(len(outbox_to(address)), 3, outbox_to(address))
        self.assertEqual(len(mails(address)), 3)

    def test_a_customer_without_e_mail_is_no_address_and_still_gets_a_ticket(self):
        c = new_contact(None, "केवल फ़ोन", "hi", phone="98450%05d" % secrets.randbelow(100000))
        s = new_shipment(c["id"])
        ingest(event(s["tracking_number"], "delivery_failed", at(), reason="गलत पता"))
        [n] = notices(s["id"])
        self.assertEqual((n["notice"], n["outcome"]), ("delivery_failed", "no_address"))
        self.assertIsNone(n["outbox_id"])
        self.assertIsNotNone(n["ticket_id"], "an agent has to call this customer")
        self.assertEqual([t["id"] for t in tickets_of(c["id"])], [n["ticket_id"]])
        # open_tickets: false opens none.
        self.assertEqual(put_settings({"open_tickets": False}).status, 200)
        s2 = new_shipment(c["id"])
        ingest(event(s2["tracking_number"], "damaged", at()))
        [n2] = notices(s2["id"])
        self.assertEqual((n2["notice"], n2["outcome"], n2["ticket_id"]),
                         ("exception", "no_address", None))
        self.assertEqual(len(tickets_of(c["id"])), 1)


# ---- 3. opting out ----------------------------------------------------------------------------

class OptOutTest(Base):
    def notice_mail(self, address, name, language):
        c = new_contact(address, name, language)
        s = new_shipment(c["id"])
        ingest(event(s["tracking_number"], "out_for_delivery", at(), place="Mysuru"))
        [msg] = wait_mails(address, 1)
        return c, s, msg

    def enabled(self, contact_id):
        return ok(S["agent"].get("/api/v1/contacts/%d/shipment-updates" % contact_id))

    def test_the_link_asks_first_and_its_button_opts_out(self):
        address = "optout.one@example.in"
        c, s, msg = self.notice_mail(address, "ओम प्रकाश", "hi")
        url = opt_out_url(msg)
        path = site_path(url)
        anon = S["server"].anonymous()

        # A mail scanner (or the customer) opens the link: a question, nothing changed.
        for _ in range(2):
            r = page(anon, "GET", path)
            self.assertEqual(r.status, 200, r.describe())
            self.assertIn("text/html", r.header("Content-Type"))
            text = page_text(r)
            self.assertIn('lang="hi"', text)
            self.assertIn("o***@example.in के लिए शिपमेंट अपडेट बंद करें?", text)
            self.assertIn("अपडेट बंद करें", text)
            self.assertNotIn(address, text, "the address is masked")
            self.assertRegex(text, r'<form method="post"')
            self.assertEqual(r.header("Cache-Control"), "no-store")
            self.assertEqual(r.header("Referrer-Policy"), "no-referrer")
        self.assertEqual(self.enabled(c["id"]), {"contact_id": c["id"], "enabled": True})

        # The button: the form posts where its action says, as a browser would.
        action = html.unescape(re.search(r'<form method="post" action="([^"]+)"', text).group(1))
        self.assertTrue(action.startswith(path), action)
        r = page(anon, "POST", action, b"", "application/x-www-form-urlencoded",
                 headers={"Origin": "null"})
        self.assertEqual(r.status, 200, r.describe())
        self.assertIn("अब आपको शिपमेंट अपडेट नहीं मिलेंगे", page_text(r))
        self.assertEqual(self.enabled(c["id"]), {"contact_id": c["id"], "enabled": False})
        r = page(anon, "GET", path)
        self.assertEqual(r.status, 200, r.describe())
        self.assertIn("शिपमेंट अपडेट पहले से बंद हैं", page_text(r))

        # The customer's own change is on their timeline.
        changes = [e for e in contact_audit(c["id"]) if e["action"] == "contact.shipment_updates"]
        self.assertEqual(len(changes), 1, changes)
        self.assertEqual(changes[0]["actor"]["type"], "contact")

        # The next event: decided "opted_out", nothing queued, nothing mailed.
        ingest(event(s["tracking_number"], "delivered", at(-0.01), place="Mysuru"))
        delivered = [x for x in notices(s["id"]) if x["notice"] == "delivered"]
        self.assertEqual(len(delivered), 1, notices(s["id"]))
        self.assertEqual(delivered[0]["outcome"], "opted_out")
        self.assertIsNone(delivered[0]["outbox_id"])
        self.assertEqual(len(outbox_to(address)), 1)
        self.assertNoMoreMail(address, 1)

        # An agent turns them back on (bad bodies name `enabled`); the next notice is mailed.
        for bad in ({}, {"enabled": "yes"}, {"enabled": None}, {"enabled": 1}):
            with self.subTest(body=bad):
                r = S["agent"].put("/api/v1/contacts/%d/shipment-updates" % c["id"], bad)
                self.assertProblem(r, 422, ["enabled"])
        self.assertProblem(S["agent"].put("/api/v1/contacts/%d/shipment-updates" % c["id"],
                                          [True]), 422)
        self.assertEqual(self.enabled(c["id"])["enabled"], False, "bad bodies changed nothing")
        self.assertProblem(S["agent"].put("/api/v1/contacts/99999999/shipment-updates",
                                          {"enabled": True}), 404)
        r = S["agent"].put("/api/v1/contacts/%d/shipment-updates" % c["id"], {"enabled": True})
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual(r.json, {"contact_id": c["id"], "enabled": True})
        self.assertEqual(self.enabled(c["id"])["enabled"], True)
        changes = [e for e in contact_audit(c["id"]) if e["action"] == "contact.shipment_updates"]
        self.assertEqual(sorted(e["actor"]["type"] for e in changes), ["agent", "contact"])
        s2 = new_shipment(c["id"])
        ingest(event(s2["tracking_number"], "out_for_delivery", at()))
        msg2 = wait_mails(address, 2)[1]
        self.assertIn(s2["tracking_number"], str(msg2["Subject"]))
        self.assertEqual(notices(s2["id"])[0]["outcome"], "mailed")

    def test_one_click_unsubscribe_without_cookies(self):
        anon = S["server"].anonymous()
        # RFC 8058: the mail client POSTs List-Unsubscribe=One-Click, urlencoded ...
        c, s, msg = self.notice_mail("optout.two@example.in", "Ravi Kumar", "en")
        path = site_path(opt_out_url(msg))
        self.assertHeaderOnTheWire(msg, opt_out_url(msg))
        for _ in range(2):  # again: still fine
            r = anon.request("POST", path, raw_body=b"List-Unsubscribe=One-Click",
                             content_type="application/x-www-form-urlencoded",
                             headers={"Accept": "*/*"})
            self.assertEqual(r.status, 200, r.describe())
        self.assertEqual(self.enabled(c["id"])["enabled"], False)
        ingest(event(s["tracking_number"], "delivered", at(-0.01)))
        self.assertEqual([x["outcome"] for x in notices(s["id"])], ["mailed", "opted_out"])

        # ... or as multipart/form-data.
        c3, _, msg3 = self.notice_mail("optout.three@example.in", "ಸುಮಾ ಭಟ್", "kn")
        boundary = "----oneclick" + secrets.token_hex(6)
        body = ("--%s\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\n"
                "One-Click\r\n--%s--\r\n" % (boundary, boundary)).encode()
        r = anon.request("POST", site_path(opt_out_url(msg3)), raw_body=body,
                         content_type="multipart/form-data; boundary=" + boundary,
                         headers={"Accept": "*/*"})
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual(self.enabled(c3["id"])["enabled"], False)

    def test_forged_and_garbled_links_are_a_404_page(self):
        anon = S["server"].anonymous()
        c, _, msg = self.notice_mail("forged.link@example.in", "Forged Link", "en")
        real = site_path(opt_out_url(msg))[len("/notices/opt-out/"):]
        other = new_contact(harness.unique_email("forged"), "Someone Else", "en")
        self.assertRegex(real, r"^\d+\.\d+\.[0-9a-f]{32}$")
        ws, cid, mac = real.split(".")
        flipped = mac[:-1] + ("0" if mac[-1] != "0" else "1")
        forged = [
            "%s.%d.%s" % (ws, other["id"], mac),       # another contact, the same mac
            "%s.%s.%s" % (ws, cid, flipped),             # one hex digit changed
            "%s.%s.%s" % (ws, cid, mac.upper()),         # case changed
            "%s.%s.%s" % (ws, cid, mac[:-2]),            # shortened
            "%s.%s" % (ws, cid),
            "%s.%s." % (ws, cid),
            "%d.%s.%s" % (int(ws) + 1, cid, mac),        # another workspace
            "0.0." + mac, "-1.%s.%s" % (cid, mac),
            "99999999999999999999999.%s.%s" % (cid, mac),
            "%s.%s.%s.%s" % (ws, cid, mac, mac),
            "garbage", "..", "x" * 300, "%F0%9F%98%80", "%E0%A4%9F%E0%A5%8B%E0%A4%95%E0%A4%A8",
            "%00", "1.2.abc%2F..%2F..",
        ]
        for token in forged:
            for method in ("GET", "POST"):
                with self.subTest(token=token, method=method):
                    body = b"List-Unsubscribe=One-Click" if method == "POST" else None
                    r = page(anon, method, "/notices/opt-out/" + token, body,
                             "application/x-www-form-urlencoded" if body else None,
                             headers={"Accept-Language": "hi"})
                    self.assertEqual(r.status, 404, r.describe())
                    self.assertIn("text/html", r.header("Content-Type") or "", r.describe())
                    self.assertIn("यह लिंक मान्य नहीं है", page_text(r))
        for who in (c, other):
            self.assertEqual(self.enabled(who["id"])["enabled"], True, "nobody was opted out")


# ---- 4. old news ------------------------------------------------------------------------------

class StaleTest(Base):
    def test_an_event_two_days_old_is_stale_mails_nobody_and_opens_no_ticket(self):
        address = "stale.news@example.in"
        c = new_contact(address, "Old News", "en")
        s = new_shipment(c["id"])
        ingest(event(s["tracking_number"], "delivery_failed", at(48), place="Hubballi",
                     reason="address not found"))
        got = ok(S["agent"].get("/api/v1/shipments/%d" % s["id"]))
        self.assertEqual(got["status"], "delivery_failed", "the status follows the event")
        [n] = notices(s["id"])
        self.assertEqual((n["notice"], n["outcome"]), ("delivery_failed", "stale"))
        self.assertIsNone(n["outbox_id"])
        self.assertIsNone(n["ticket_id"])
        self.assertEqual(outbox_to(address), [])
        self.assertEqual(tickets_of(c["id"]), [])
        self.assertNoMoreMail(address, 0)


    def test_an_old_events_eta_past_the_promise_wakes_nobody_either(self):
        # A backfill of last month's history whose newest event carries an ETA after the
        # promised date: still old news ("Not for old news"), not a late notice mailed now.
        c = new_contact(harness.unique_email("staleeta"), "Backfill", "en")
        s = new_shipment(c["id"], promised=day(1))
        ingest(event(s["tracking_number"], "in_transit", at(24 * 10), eta=day(3)))
        [n] = notices(s["id"])
        self.assertEqual((n["notice"], n["event_key"]), ("late", "late:" + day(1)))
        self.assertEqual(n["outcome"], "stale", n)
        self.assertIsNone(n["outbox_id"], n)


# ---- 5. settings ------------------------------------------------------------------------------

class SettingsTest(Base):
    PATH = "/api/v1/workspace/shipment-notices"

    def test_defaults_and_who_may_read_and_change(self):
        d = S["defaults"]
        self.assertEqual(d.status, 200, d.describe())
        self.assertEqual(d.json, {"notices": ALL_NOTICES, "quiet_from": "21:00",
                                  "quiet_until": "08:00", "templates": {},
                                  "open_tickets": True, "ticket_group_id": None,
                                  "updated_at": None, "version": 1})
        r = S["agent"].get(self.PATH)
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual(r.header("ETag"), '"%d"' % r.json["version"])
        self.assertEqual((r.json["quiet_from"], r.json["quiet_until"]), ("00:00", "00:00"))
        self.assertIsNotNone(r.json["updated_at"])
        self.assertEqual(S["agent"].patch(self.PATH, {"open_tickets": False}).status, 403)
        self.assertEqual(S["anon"].get(self.PATH).status, 401)
        self.assertEqual(S["agent"].get(self.PATH).json["open_tickets"], True)
        # If-Match: a stale version is 412, the current one works.
        version = r.json["version"]
        self.assertProblem(put_settings({"open_tickets": False}, if_match='"%d"' % (version - 1)),
                           412)
        r = put_settings({"open_tickets": False}, if_match='"%d"' % version)
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual((r.json["open_tickets"], r.json["version"]), (False, version + 1))
        self.assertEqual(r.header("ETag"), '"%d"' % (version + 1))

    def test_bad_values_are_422_naming_each_member_and_change_nothing(self):
        before = ok(S["agent"].get(self.PATH))
        cases = [
            ({"notices": ["delivered", "sms"]}, "notices[1]"),
            ({"notices": "delivered"}, "notices"),
            ({"quiet_from": "25:00"}, "quiet_from"),
            ({"quiet_from": "9:00"}, "quiet_from"),
            ({"quiet_until": "8am"}, "quiet_until"),
            ({"quiet_until": 8}, "quiet_until"),
            ({"templates": {"delivered": {"fr": {"subject": "s", "body": "b"}}}}, "templates"),
            ({"templates": {"shipped": {"hi": {"subject": "s", "body": "b"}}}}, "templates"),
            ({"templates": {"delivered": {"hi": {"subject": "s"}}}}, "templates"),
            ({"templates": "none"}, "templates"),
            ({"templates": {"delivered": {"hi": {"subject": "s", "body": "क" * 30000}}}},
             "templates"),
            ({"open_tickets": "yes"}, "open_tickets"),
            ({"ticket_group_id": 99999999}, "ticket_group_id"),
            ({"colour": "blue"}, "colour"),
        ]
        for body, field in cases:
            with self.subTest(body=body):
                self.assertProblem(put_settings(body), 422, [field])
        everything = {}
        for body, _ in cases:
            everything.update(body)
        everything["notices"] = ["sms", "delivered"]
        named = self.assertProblem(put_settings(everything), 422,
                                   ["notices[0]", "quiet_from", "quiet_until", "templates",
                                    "open_tickets", "ticket_group_id", "colour"])
        self.assertNotIn("notices[1]", named)
        self.assertEqual(ok(S["agent"].get(self.PATH)), before, "nothing was changed")

    def test_a_template_override_is_used_and_a_notice_can_be_switched_off(self):
        address = "tmpl.hi@example.in"
        c = new_contact(address, "टीना शर्मा", "hi")
        template = {"subject": "डिलीवर हुआ: {{shipment.tracking_number}} ({{carrier.name}})",
                    "body": "नमस्ते {{customer.name}},\n"
                            "{{business.name}} की ओर से: {{shipment.tracking_number}} "
                            "{{shipment.place}} पर {{shipment.status}}।\n"
                            "कारण: {{shipment.reason}}\n"
                            "{{shipment.tracking_url}}"}
        r = put_settings({"templates": {"delivered": {"hi": template}}})
        self.assertEqual(r.status, 200, r.describe())
        self.assertEqual(r.json["templates"], {"delivered": {"hi": template}})
        s = new_shipment(c["id"])
        n = s["tracking_number"]
        ingest(event(n, "delivered", at(), place="जयपुर"))
        [msg] = wait_mails(address, 1)
        self.assertEqual(str(msg["Subject"]), "डिलीवर हुआ: %s (Blue Dart)" % n)
        body = text_of(msg)
        self.assertTrue(body.startswith("नमस्ते टीना शर्मा,\nSahayak की ओर से: "), body)
        self.assertIn("की ओर से: %s जयपुर पर डिलीवर हो गया।" % n, body)
        self.assertNotIn("कारण:", body, "a line whose value is empty is left out")
        self.assertIn(BLUEDART_URL.replace("{number}", n), body)
        self.assertNotIn("{{", body)
        url = self.assertNoticeMail(msg, address)  # the link is added though the template
        self.assertIn(url, body)                      # forgot it

        # Delivered switched off: decided "off", nothing queued.
        r = put_settings({"notices": ["out_for_delivery", "delivery_failed", "exception",
                                      "late"]})
        self.assertEqual(r.status, 200, r.describe())
        s2 = new_shipment(c["id"])
        ingest(event(s2["tracking_number"], "delivered", at()))
        [n2] = notices(s2["id"])
        self.assertEqual((n2["notice"], n2["outcome"]), ("delivered", "off"))
        self.assertIsNone(n2["outbox_id"])
        self.assertEqual(len(outbox_to(address)), 1)
        self.assertNoMoreMail(address, 1)


# ---- quiet hours ------------------------------------------------------------------------------

class QuietHoursTest(Base):
    def test_quiet_hours_in_the_customers_zone_hold_the_mail_until_they_end(self):
        # Quiet from an hour ago to an hour from now in Honolulu (UTC-10, no summer time):
        # for a customer there the mail waits; for one in India (the workspace's zone, 15.5
        # hours ahead) it is daytime outside those hours, and the mail goes at once.
        hnl = timezone(timedelta(hours=-10))
        now = datetime.now(hnl).replace(second=0, microsecond=0)
        start, end = now - timedelta(hours=1), now + timedelta(hours=1)
        r = put_settings({"quiet_from": start.strftime("%H:%M"),
                          "quiet_until": end.strftime("%H:%M")})
        self.assertEqual(r.status, 200, r.describe())
        far = new_contact("quiet.hnl@example.in", "Leilani", "en", time_zone="Pacific/Honolulu")
        near = new_contact("quiet.ist@example.in", "Neha", "en")
        s_far, s_near = new_shipment(far["id"]), new_shipment(near["id"])
        ingest(event(s_far["tracking_number"], "out_for_delivery", at()),
               event(s_near["tracking_number"], "out_for_delivery", at()))

        [held] = notices(s_far["id"])
        self.assertEqual(held["outcome"], "mailed")
        self.assertEqual(parse_time(held["send_after"]), end,
                         "send_after is the end of the quiet hours: %s" % held)
        item = outbox_item(held["outbox_id"])
        self.assertEqual(item["state"], "queued", item)
        self.assertEqual(parse_time(item["next_attempt_at"]), end, item)
        self.assertEqual(item["attempts"], 0, item)

        [now_n] = notices(s_near["id"])
        self.assertLessEqual(abs((parse_time(now_n["send_after"]) -
                                  datetime.now(timezone.utc)).total_seconds()), 120, now_n)
        wait_mails("quiet.ist@example.in", 1)
        self.assertNoMoreMail("quiet.hnl@example.in", 0)
        self.assertEqual(outbox_item(held["outbox_id"])["state"], "queued")


# ---- 6. late ----------------------------------------------------------------------------------

class LateTest(Base):
    def test_the_sweep_tells_a_late_customer_once(self):
        address = "late.kn@example.in"
        c = new_contact(address, "ಅನಿಲ್ ಕುಮಾರ್", "kn")
        promised = day(-1)
        s = new_shipment(c["id"], promised=promised)
        self.assertTrue(s["late"], s)
        ingest(event(s["tracking_number"], "in_transit", at(), place="ಹುಬ್ಬಳ್ಳಿ"))
        [msg] = wait_mails(address, 1, timeout=MAIL_TIMEOUT)  # a sweep every 2 s
        self.assertEqual(str(msg["Subject"]),
                         "ನಿಮ್ಮ ಪಾರ್ಸೆಲ್ %s ಡೆಲಿವರಿ ತಡವಾಗಿದೆ" % s["tracking_number"])
        months = ["ಜನವರಿ", "ಫೆಬ್ರವರಿ", "ಮಾರ್ಚ್", "ಏಪ್ರಿಲ್", "ಮೇ", "ಜೂನ್", "ಜುಲೈ", "ಆಗಸ್ಟ್",
                  "ಸೆಪ್ಟೆಂಬರ್", "ಅಕ್ಟೋಬರ್", "ನವೆಂಬರ್", "ಡಿಸೆಂಬರ್"]
        y, m, d = (int(x) for x in promised.split("-"))
        self.assertIn("ನಿಗದಿತ ಡೆಲಿವರಿ ದಿನಾಂಕ: %d %s %d" % (d, months[m - 1], y), text_of(msg))
        self.assertNoticeMail(msg, address)
        [n] = notices(s["id"])
        self.assertEqual((n["notice"], n["event_key"], n["outcome"]),
                         ("late", "late:" + promised, "mailed"))
        # Two more sweeps: never again.
        self.assertNoMoreMail(address, 1)
        time.sleep(2)
        self.assertEqual(len(mails(address)), 1)
        self.assertEqual(len(notices(s["id"])), 1, notices(s["id"]))

    def test_an_eta_past_the_promise_tells_the_customer_once_per_promised_date(self):
        address = "late.eta@example.in"
        c = new_contact(address, "Eta Customer", "en")
        promised = day(1)
        s = new_shipment(c["id"], promised=promised)
        ingest(event(s["tracking_number"], "in_transit", at(0.5), eta=day(3)))
        [msg] = wait_mails(address, 1)
        self.assertEqual(str(msg["Subject"]), "Your parcel %s is delayed" % s["tracking_number"])
        self.assertIn("Promised delivery date: ", text_of(msg))
        self.assertIn("New expected delivery date: ", text_of(msg))
        # The carrier moves the ETA again: still the same promise, no second mail.
        ingest(event(s["tracking_number"], "in_transit", at(), eta=day(4), place="Nagpur"))
        [n] = notices(s["id"])
        self.assertEqual((n["notice"], n["event_key"], n["outcome"]),
                         ("late", "late:" + promised, "mailed"))
        self.assertNoMoreMail(address, 1)


# ---- 7. a second workspace --------------------------------------------------------------------

class IsolationTest(Base):
    def test_a_second_workspace_reads_and_changes_none_of_it(self):
        address = "iso.one@example.in"
        c = new_contact(address, "Isolated", "en")
        s = new_shipment(c["id"])
        ingest(event(s["tracking_number"], "out_for_delivery", at()))
        wait_mails(address, 1)
        for client in (S["admin2"], S["agent2"]):
            with self.subTest(client=client.token[:6]):
                self.assertProblem(client.get("/api/v1/shipments/%d/notices" % s["id"]), 404)
                self.assertProblem(client.get("/api/v1/contacts/%d/shipment-updates" % c["id"]),
                                   404)
                self.assertProblem(client.put("/api/v1/contacts/%d/shipment-updates" % c["id"],
                                              {"enabled": False}), 404)
                # Its own settings: its defaults, not the first workspace's.
                own = ok(client.get("/api/v1/workspace/shipment-notices"))
                self.assertEqual((own["quiet_from"], own["quiet_until"]), ("21:00", "08:00"))
        self.assertProblem(S["agent"].get("/api/v1/shipments/99999999/notices"), 404)
        self.assertEqual(S["anon"].get("/api/v1/shipments/%d/notices" % s["id"]).status, 401)
        r = put_settings({"open_tickets": False, "quiet_from": "10:00"}, client=S["admin2"])
        self.assertEqual(r.status, 200, r.describe())
        mine = ok(S["agent"].get("/api/v1/workspace/shipment-notices"))
        self.assertEqual((mine["open_tickets"], mine["quiet_from"]), (True, "00:00"))
        self.assertEqual(ok(S["agent"].get("/api/v1/contacts/%d/shipment-updates" % c["id"]))
                         ["enabled"], True)
        self.assertEqual(len(notices(s["id"])), 1)


if __name__ == "__main__":
    unittest.main()
