"""Customers' delivery requests passed on to the carrier's own system (docs/shipments.md,
"Telling the carrier"), on the real server with a real HTTP receiver on 127.0.0.1.

An admin gives a carrier a requests endpoint; the server makes its signing secret and shows it
once. Every delivery request for that carrier's parcels is POSTed there, signed (HMAC-SHA256
of "<timestamp>.<body>") with the request's id as Idempotency-Key: retried after 5xx, dead at
once on a 4xx refusal (an admin may send it again), never sent to another workspace's carrier,
and still sent after the server was killed with it pending."""

import hashlib
import hmac
import http.server
import json
import os
import re
import shutil
import ssl
import subprocess
import tempfile
import threading
import time
import unittest

import harness
from test_portal import csrf_of, sign_in_on, text
from test_shipments import Base, bd_number, created

S = {}
SECOND = "Second Courier Co"
ENV = {"SAHAYAK_CARRIER_REQUESTS_RETRY_BASE_MS": "200",
       "SAHAYAK_CARRIER_REQUESTS_TIMEOUT_MS": "2000",
       "SAHAYAK_PUBLIC_URL": "https://support.example.in"}


class Receiver:
    """A carrier's system: answers each POST with the next scripted (status, body), then 200,
    and keeps what it was sent."""

    def __init__(self, tls=None):
        """`tls`: (certificate file, key file) to serve https."""
        self.lock = threading.Condition()
        self.received = []
        self.script = []
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                n = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(n)
                with receiver.lock:
                    receiver.received.append({"path": self.path, "headers": self.headers,
                                              "body": body})
                    status, text = receiver.script.pop(0) if receiver.script else (200, "ok")
                    receiver.lock.notify_all()
                data = text.encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        scheme = "http"
        if tls:
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(*tls)
            self.httpd.socket = ctx.wrap_socket(self.httpd.socket, server_side=True)
            scheme = "https"
        self.url = "%s://127.0.0.1:%d/sahayak/requests" % (scheme, self.httpd.server_address[1])
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def answer(self, *script):
        with self.lock:
            self.script = list(script)

    def for_request(self, request_id):
        with self.lock:
            return [r for r in self.received
                    if r["headers"].get("Idempotency-Key") == str(request_id)]

    def wait_for(self, request_id, count, timeout=20):
        deadline = time.monotonic() + timeout
        with self.lock:
            while True:
                got = [r for r in self.received
                       if r["headers"].get("Idempotency-Key") == str(request_id)]
                if len(got) >= count or time.monotonic() > deadline:
                    return got
                self.lock.wait(0.1)

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def verifies(received, secret):
    """The signature checks out as the carrier's own code would check it."""
    ts = received["headers"].get("X-Sahayak-Timestamp") or ""
    sig = received["headers"].get("X-Sahayak-Signature") or ""
    want = "sha256=" + hmac.new(secret.encode("utf-8"), ts.encode("ascii") + b"." + received["body"],
                                hashlib.sha256).hexdigest()
    return hmac.compare_digest(sig, want) and abs(int(ts) - time.time()) < 300


def new_carrier(admin, receiver, code=None):
    """A carrier with its endpoint on `receiver`; (carrier, secret)."""
    code = code or harness.unique("c").lower().replace("_", "-")[:30]
    c = created(admin.post("/api/v1/carriers", {"code": code, "name": "Blue Dart " + code}))
    r = admin.patch("/api/v1/carriers/%d" % c["id"], {"requests_url": receiver.url})
    assert r.status == 200, r.describe()
    return r.json, r.json["requests_secret"]


def reschedule(client, admin, carrier):
    """A parcel of `carrier` and a reschedule to its first allowed day; the request."""
    s = created(admin.post("/api/v1/shipments", {"carrier": carrier["code"],
                                                 "tracking_number": bd_number()}))
    full = admin.get("/api/v1/shipments/%d" % s["id"]).json
    day = full["delivery"]["allowed_dates"][0]
    r = client.post("/api/v1/shipments/%d/delivery-requests" % s["id"],
                    {"kind": "reschedule", "date": day})
    assert r.status == 201, r.describe()
    return r.json["request"]


def carrier_state(client, request):
    rows = client.get("/api/v1/shipments/%d/delivery-requests" % request["shipment_id"]).json
    return next(r for r in rows["data"] if r["id"] == request["id"])["carrier"]


def wait_state(client, request, state, timeout=20):
    deadline = time.monotonic() + timeout
    while True:
        got = carrier_state(client, request)
        if (got or {}).get("state") == state or time.monotonic() > deadline:
            return got
        time.sleep(0.1)


def make_certificates(folder):
    """A CA (given to the server as carrier_requests.ca_file) and three https certificates: one
    from the CA for 127.0.0.1, one from the CA for another host name, one self-signed."""
    def run(*args):
        subprocess.run(["openssl"] + list(args), cwd=folder, check=True, capture_output=True)

    key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    run("req", "-x509", *key, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
        "-subj", "/CN=Sahayak test carrier CA", "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    for name, san in (("good", "IP:127.0.0.1,DNS:localhost"), ("other", "DNS:carrier.example")):
        run("req", *key, "-keyout", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + name)
        with open(os.path.join(folder, name + ".ext"), "w") as f:
            f.write("subjectAltName=%s\nbasicConstraints=CA:FALSE\n" % san)
        run("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key",
            "-CAcreateserial", "-out", name + ".pem", "-days", "2", "-extfile", name + ".ext")
    run("req", "-x509", *key, "-keyout", "self.key", "-out", "self.pem", "-days", "2",
        "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1")
    return {n: (os.path.join(folder, n + ".pem"), os.path.join(folder, n + ".key"))
            for n in ("good", "other", "self")}


def setUpModule():
    S["certs_dir"] = tempfile.mkdtemp(prefix="sahayak-certs-")
    S["certs"] = make_certificates(S["certs_dir"])
    ENV["SAHAYAK_CARRIER_REQUESTS_CA_FILE"] = os.path.join(S["certs_dir"], "ca.pem")
    server = harness.Server(env=ENV)
    server.cli("admin", "create-agent", "--workspace", SECOND, "--email", "admin2@second.test",
               "--name", "Deepa Admin", "--role", "admin", "--password", server.admin_password)
    server.start()
    S["server"] = server
    S["admin"] = server.bearer(server.admin_token)
    S["agent"] = server.bearer(server.agent_token)
    S["admin2"] = server.bearer(server.cli("admin", "create-token", "--workspace", SECOND,
                                           "--email", "admin2@second.test").stdout.strip())
    S["receiver"] = Receiver()


def tearDownModule():
    if "receiver" in S:
        S["receiver"].close()
    if "server" in S:
        S["server"].cleanup()
    if "certs_dir" in S:
        shutil.rmtree(S["certs_dir"], ignore_errors=True)


class EndpointTest(Base):
    def test_the_secret_is_shown_once_and_never_again(self):
        admin, agent = S["admin"], S["agent"]
        c = created(admin.post("/api/v1/carriers", {"code": harness.unique("bd").lower()[:30],
                                                    "name": "Blue Dart"}))
        self.assertIsNone(c["requests_endpoint"])
        self.assertNotIn("requests_secret", c)
        path = "/api/v1/carriers/%d" % c["id"]
        r = admin.patch(path, {"requests_url": S["receiver"].url},
                        headers={"If-Match": '"%d"' % c["version"]})
        self.assertEqual(r.status, 200, r.describe())
        secret = r.json["requests_secret"]
        self.assertTrue(secret.startswith("crsec_"), secret)
        self.assertEqual(r.json["requests_endpoint"],
                         {"url": S["receiver"].url, "enabled": True,
                          "secret_hint": "…" + secret[-4:]})
        self.assertEqual(r.json["version"], c["version"] + 1)
        self.assertEqual(r.header("ETag"), '"%d"' % r.json["version"])
        # A stale If-Match changes nothing.
        stale = admin.patch(path, {"requests_enabled": False},
                            headers={"If-Match": '"%d"' % c["version"]})
        self.assertProblem(stale, 412, "precondition-failed")
        # Changing the address keeps the secret and does not show it.
        moved = admin.patch(path, {"requests_url": S["receiver"].url + "?v=2", "name": "BD"})
        self.assertEqual(moved.status, 200, moved.describe())
        self.assertNotIn("requests_secret", moved.json)
        self.assertEqual(moved.json["name"], "BD")
        self.assertEqual(moved.json["version"], c["version"] + 2)
        # Never in any later answer, to admins or agents.
        for client in (admin, agent):
            for p in (path, "/api/v1/carriers"):
                got = client.get(p)
                self.assertEqual(got.status, 200, got.describe())
                self.assertNotIn(secret.encode(), got.raw)
                self.assertNotIn(b"requests_secret", got.raw)
        self.assertNotIn(secret.encode(), admin.get("/api/v1/audit-events").raw)
        # Rotating shows a new one once.
        rot = admin.post(path + "/requests-secret")
        self.assertEqual(rot.status, 200, rot.describe())
        new_secret = rot.json["requests_secret"]
        self.assertNotEqual(new_secret, secret)
        self.assertEqual(rot.json["requests_endpoint"]["secret_hint"], "…" + new_secret[-4:])
        self.assertNotIn(new_secret.encode(), admin.get(path).raw)
        # Removing the address turns the endpoint off; rotating then has nothing to rotate.
        gone = admin.patch(path, {"requests_url": None})
        self.assertEqual(gone.status, 200, gone.describe())
        self.assertIsNone(gone.json["requests_endpoint"])
        self.assertProblem(admin.post(path + "/requests-secret"), 409, "conflict")

    def test_a_bad_address_is_422_naming_requests_url(self):
        admin = S["admin"]
        c = created(admin.post("/api/v1/carriers", {"code": harness.unique("bad").lower()[:30],
                                                    "name": "Bad"}))
        path = "/api/v1/carriers/%d" % c["id"]
        for bad in ("ftp://carrier.example/r", "carrier.example/r", "https://u:p@carrier.example/",
                    "https://carrier.example/#x", "https://carrier.example:70000/",
                    "https://carrier example/", "https://carrier.example/" + "a" * 2000, 42):
            r = admin.patch(path, {"requests_url": bad})
            self.assertProblem(r, 422, fields=["requests_url"])
        self.assertProblem(admin.patch(path, {"requests_enabled": "yes"}), 422,
                           fields=["requests_enabled"])
        self.assertProblem(admin.post("/api/v1/carriers", {
            "code": harness.unique("bad").lower()[:30], "name": "Bad",
            "requests_url": "gopher://x"}), 422, fields=["requests_url"])
        after = admin.get(path).json
        self.assertIsNone(after["requests_endpoint"])
        self.assertEqual(after["version"], c["version"])

    def test_agents_may_not_change_the_endpoint(self):
        admin, agent = S["admin"], S["agent"]
        carrier, _ = new_carrier(admin, S["receiver"])
        path = "/api/v1/carriers/%d" % carrier["id"]
        self.assertProblem(agent.patch(path, {"requests_url": "https://evil.example/"}), 403)
        self.assertProblem(agent.patch(path, {"requests_enabled": False}), 403)
        self.assertProblem(agent.post(path + "/requests-secret"), 403)
        self.assertProblem(agent.post("/api/v1/carriers", {
            "code": harness.unique("x").lower()[:30], "name": "X",
            "requests_url": "https://evil.example/"}), 403)
        self.assertEqual(admin.get(path).json["requests_endpoint"]["url"], S["receiver"].url)


class DeliveryTest(Base):
    def test_a_reschedule_reaches_the_carrier_once_signed(self):
        admin, agent, receiver = S["admin"], S["agent"], S["receiver"]
        carrier, secret = new_carrier(admin, receiver)
        request = reschedule(agent, admin, carrier)
        got = receiver.wait_for(request["id"], 1)
        self.assertEqual(len(got), 1)
        sent = got[0]
        self.assertEqual(sent["path"], "/sahayak/requests")
        self.assertTrue(verifies(sent, secret), sent["headers"])
        self.assertFalse(verifies(sent, secret + "x"))
        self.assertEqual(sent["headers"].get("Content-Type"), "application/json")
        body = json.loads(sent["body"])
        self.assertEqual(body["id"], request["id"])
        self.assertEqual(body["kind"], "reschedule")
        self.assertEqual(body["details"], request["details"])
        self.assertEqual(body["shipment"]["id"], request["shipment_id"])
        self.assertEqual(body["shipment"]["carrier"], carrier["code"])
        self.assertEqual(body["requested_by"], {"type": "agent", "name": "ರವಿ Agent"})
        self.assertEqual(body["via"], "api")
        self.assertEqual(body["created_at"], request["created_at"])
        state = wait_state(admin, request, "sent")
        self.assertEqual(state["state"], "sent", state)
        self.assertEqual(state["attempts"], 1)
        self.assertIsNotNone(state["sent_at"])
        self.assertIsNone(state["last_error"])
        # Once: nothing more arrives.
        time.sleep(1.0)
        self.assertEqual(len(receiver.for_request(request["id"])), 1)
        # Agents see the state too.
        self.assertEqual(carrier_state(agent, request)["state"], "sent")

    def test_a_customer_rescheduling_in_the_portal_reaches_the_carrier(self):
        admin, receiver = S["admin"], S["receiver"]
        carrier, secret = new_carrier(admin, receiver)
        email = harness.unique_email("asha")
        contact = created(admin.post("/api/v1/contacts", {"name": "आशा राव", "email": email}))
        s = created(admin.post("/api/v1/shipments", {
            "carrier": carrier["code"], "tracking_number": bd_number(),
            "contact_id": contact["id"],
            "destination": {"city": "Bengaluru", "pin": "560001", "country": "IN"}}))
        b = sign_in_on(S["server"], email)
        html = text(b.get("/portal/shipments/%d" % s["id"]))
        day = re.findall(r'<option value="(\d{4}-\d{2}-\d{2})"', html)[0]
        r = b.post_form("/portal/shipments/%d/delivery" % s["id"],
                        {"csrf": csrf_of(html), "kind": "reschedule", "date": day})
        self.assertEqual(r.status, 303, r.describe())
        request = admin.get("/api/v1/shipments/%d/delivery-requests" % s["id"]).json["data"][0]
        got = receiver.wait_for(request["id"], 1)
        self.assertEqual(len(got), 1)
        self.assertTrue(verifies(got[0], secret))
        body = json.loads(got[0]["body"])
        self.assertEqual(body["details"], {"date": day})
        self.assertEqual(body["requested_by"], {"type": "contact", "name": "आशा राव"})
        self.assertEqual(body["via"], "portal")
        self.assertEqual(body["shipment"]["tracking_number"], s["tracking_number"])
        self.assertEqual(wait_state(admin, request, "sent")["state"], "sent")

    def test_a_carrier_without_an_endpoint_gets_nothing_and_shows_null(self):
        admin = S["admin"]
        c = created(admin.post("/api/v1/carriers", {"code": harness.unique("no").lower()[:30],
                                                    "name": "No endpoint"}))
        request = reschedule(admin, admin, c)
        self.assertIsNone(carrier_state(admin, request))
        time.sleep(0.5)
        self.assertEqual(S["receiver"].for_request(request["id"]), [])

    def test_busy_twice_then_sent(self):
        admin, receiver = S["admin"], S["receiver"]
        carrier, secret = new_carrier(admin, receiver)
        receiver.answer((503, "busy"), (503, "still busy"))
        request = reschedule(admin, admin, carrier)
        got = receiver.wait_for(request["id"], 3)
        self.assertEqual(len(got), 3)
        self.assertEqual(len({g["body"] for g in got}), 1)  # the same request every time
        self.assertTrue(all(verifies(g, secret) for g in got))
        state = wait_state(admin, request, "sent")
        self.assertEqual(state["state"], "sent", state)
        self.assertEqual(state["attempts"], 3)
        self.assertEqual(state["response_status"], 200)

    def test_a_refusal_is_dead_and_an_admin_sends_it_again(self):
        admin, agent, receiver = S["admin"], S["agent"], S["receiver"]
        carrier, secret = new_carrier(admin, receiver)
        receiver.answer((400, '{"error": "unknown AWB"}'))
        request = reschedule(agent, admin, carrier)
        state = wait_state(admin, request, "dead")
        self.assertEqual(state["state"], "dead", state)
        self.assertEqual(state["attempts"], 1)
        self.assertEqual(state["response_status"], 400)
        self.assertIn("400", state["last_error"])
        self.assertIn("unknown AWB", state["last_error"])
        time.sleep(0.8)
        self.assertEqual(len(receiver.for_request(request["id"])), 1)  # not retried

        retry = "/api/v1/shipments/%d/delivery-requests/%d/retry" % (request["shipment_id"],
                                                                     request["id"])
        self.assertProblem(agent.post(retry), 403)
        # The carrier fixed its side; the admin sends it again.
        again = admin.post(retry)
        self.assertEqual(again.status, 200, again.describe())
        self.assertEqual(again.json["id"], request["id"])
        self.assertEqual(again.json["carrier"]["state"], "pending")
        state = wait_state(admin, request, "sent")
        self.assertEqual(state["state"], "sent", state)
        got = receiver.for_request(request["id"])
        self.assertEqual(len(got), 2)
        self.assertEqual(got[0]["body"], got[1]["body"])
        # Only a dead one goes again.
        self.assertProblem(admin.post(retry), 409, "conflict")
        self.assertProblem(admin.post("/api/v1/shipments/%d/delivery-requests/%d/retry"
                                      % (request["shipment_id"], request["id"] + 100000)), 404)

    def test_a_rotated_secret_signs_the_next_requests(self):
        admin, receiver = S["admin"], S["receiver"]
        carrier, old = new_carrier(admin, receiver)
        new = admin.post("/api/v1/carriers/%d/requests-secret" % carrier["id"]).json[
            "requests_secret"]
        request = reschedule(admin, admin, carrier)
        got = receiver.wait_for(request["id"], 1)
        self.assertTrue(verifies(got[0], new))
        self.assertFalse(verifies(got[0], old))

    def test_another_workspace_never_receives_these_requests(self):
        admin, admin2 = S["admin"], S["admin2"]
        theirs = Receiver()
        try:
            code = harness.unique("same").lower()[:30]
            mine, _ = new_carrier(admin, S["receiver"], code=code)
            other, _ = new_carrier(admin2, theirs, code=code)  # the same code, another workspace
            request = reschedule(admin, admin, mine)
            self.assertEqual(len(S["receiver"].wait_for(request["id"], 1)), 1)
            time.sleep(0.8)
            self.assertEqual(theirs.received, [])
            # Nor may the other workspace see, change or re-key the first one's carrier.
            path = "/api/v1/carriers/%d" % mine["id"]
            self.assertProblem(admin2.get(path), 404)
            self.assertProblem(admin2.patch(path, {"requests_url": theirs.url}), 404)
            self.assertProblem(admin2.post(path + "/requests-secret"), 404)
            self.assertProblem(admin2.get("/api/v1/shipments/%d/delivery-requests"
                                          % request["shipment_id"]), 404)
            self.assertEqual(admin.get(path).json["requests_endpoint"]["url"], S["receiver"].url)
            self.assertEqual(other["requests_endpoint"]["url"], theirs.url)
        finally:
            theirs.close()

    def test_a_disabled_endpoint_gets_nothing(self):
        admin, receiver = S["admin"], S["receiver"]
        carrier, _ = new_carrier(admin, receiver)
        r = admin.patch("/api/v1/carriers/%d" % carrier["id"], {"requests_enabled": False})
        self.assertEqual(r.status, 200, r.describe())
        self.assertFalse(r.json["requests_endpoint"]["enabled"])
        request = reschedule(admin, admin, carrier)
        self.assertIsNone(carrier_state(admin, request))
        time.sleep(0.5)
        self.assertEqual(receiver.for_request(request["id"]), [])


class HttpsTest(Base):
    """https endpoints: the carrier's certificate must be trusted and name the host."""

    def test_a_trusted_certificate_for_the_host_is_sent_to(self):
        admin = S["admin"]
        receiver = Receiver(tls=S["certs"]["good"])
        try:
            carrier, secret = new_carrier(admin, receiver)
            self.assertTrue(receiver.url.startswith("https://127.0.0.1:"))
            request = reschedule(admin, admin, carrier)
            got = receiver.wait_for(request["id"], 1)
            self.assertEqual(len(got), 1)
            self.assertTrue(verifies(got[0], secret))
            self.assertEqual(wait_state(admin, request, "sent")["state"], "sent")
        finally:
            receiver.close()

    def test_an_untrusted_or_misnamed_certificate_is_not_sent_to(self):
        admin = S["admin"]
        for cert in ("self", "other"):
            receiver = Receiver(tls=S["certs"][cert])
            try:
                carrier, _ = new_carrier(admin, receiver)
                request = reschedule(admin, admin, carrier)
                deadline = time.monotonic() + 20
                state = carrier_state(admin, request)
                while not (state or {}).get("last_error") and time.monotonic() < deadline:
                    time.sleep(0.1)
                    state = carrier_state(admin, request)
                self.assertEqual(state["state"], "pending", (cert, state))
                self.assertIn("certificate", state["last_error"], (cert, state))
                self.assertEqual(receiver.received, [], cert)  # nothing got through
            finally:
                receiver.close()


class RestartTest(Base):
    """A pending request survives kill -9 and goes out after the restart."""

    def test_a_pending_request_is_sent_after_a_kill(self):
        receiver = Receiver()
        server = harness.Server(env=ENV)
        try:
            server.start()
            admin = server.bearer(server.admin_token)
            carrier, secret = new_carrier(admin, receiver)
            receiver.answer(*[(503, "down")] * 1000)
            request = reschedule(admin, admin, carrier)
            receiver.wait_for(request["id"], 2)
            state = wait_state(admin, request, "pending")
            self.assertEqual(state["state"], "pending", state)
            self.assertIn("503", state["last_error"] or "")
            server.kill9()
            receiver.answer()  # the carrier is back: 200 from now on
            tried = len(receiver.for_request(request["id"]))
            server.start()
            admin = server.bearer(server.admin_token)
            state = wait_state(admin, request, "sent", timeout=40)
            self.assertEqual(state["state"], "sent", state)
            got = receiver.for_request(request["id"])
            self.assertGreater(len(got), tried)
            self.assertTrue(verifies(got[-1], secret))
            self.assertEqual(json.loads(got[-1]["body"])["id"], request["id"])
        finally:
            server.cleanup()
            receiver.close()


if __name__ == "__main__":
    unittest.main()
