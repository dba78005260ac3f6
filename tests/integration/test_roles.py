"""The route x role matrix.

Every route printed by `sahayak routes` is called as anonymous, agent and admin:
- anonymous gets 401 unauthenticated, except on the public routes;
- an agent gets 403 forbidden on admin-only routes and neither 401 nor 403 elsewhere;
- an admin never gets 401 or 403;
- nobody ever gets a 5xx.

Admin-only routes come from `x-roles` in docs/api/openapi.yaml when that file exists and
PyYAML is importable; otherwise from the rule in docs/api/README.md (writes to agents, groups,
custom fields and the workspace; everything under api-tokens and audit-events)."""

import os
import re
import unittest

import harness

PUBLIC = {("GET", "/healthz"), ("GET", "/readyz"), ("GET", "/metrics"), ("GET", "/ping"),
          ("POST", "/api/v1/auth/login")}
# Public routes that carry their own credential in the URL (a signed link): without a good
# signature every caller, whatever their role, gets this 403 (docs/chat.md, "Attachment links").
SIGNED = {("GET", "/api/v1/chat/attachments/{id}"): "/problems/link-invalid"}
METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"}
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
OPENAPI = os.path.join(harness.REPO, "docs", "api", "openapi.yaml")

S = {}


def template_key(path):
    return re.sub(r"\{[^}]*\}", "{}", path.rstrip("/") or "/")


def parse_routes(text):
    """(METHOD, /path) pairs from `sahayak routes`, whatever the column layout: a line holds
    one or more methods (separated by , | / or spaces) and a path starting with '/'."""
    routes = []
    for line in text.splitlines():
        tokens = re.split(r"[\s,|]+", line.strip())
        methods = [t.upper() for t in tokens if t.upper() in METHODS]
        paths = [t for t in tokens if t.startswith("/")]
        if methods and paths:
            for m in methods:
                if m in ("HEAD", "OPTIONS"):
                    continue
                if (m, paths[0]) not in routes:
                    routes.append((m, paths[0]))
    return routes


def readme_admin_only(method, path):
    if path.startswith("/api/v1/api-tokens") or path.startswith("/api/v1/audit-events"):
        return True
    if method in UNSAFE:
        for prefix in ("/api/v1/agents", "/api/v1/groups", "/api/v1/custom-fields",
                       "/api/v1/workspace"):
            if path == prefix or path.startswith(prefix + "/"):
                return True
    return False


def load_openapi_roles():
    """{(METHOD, template_key): {"roles": [...] or None, "public": bool}} or None."""
    if not os.path.exists(OPENAPI):
        return None
    try:
        import yaml
    except ImportError:
        return None
    with open(OPENAPI, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    global_security = doc.get("security")
    out = {}
    for path, item in (doc.get("paths") or {}).items():
        for method, op in (item or {}).items():
            if method.upper() not in METHODS or not isinstance(op, dict):
                continue
            security = op.get("security", global_security)
            roles = op.get("x-roles")
            public = security == [] or (isinstance(roles, list) and
                                        any(r in ("anonymous", "public") for r in roles))
            out[(method.upper(), template_key(path))] = {"roles": roles, "public": public}
    return out


def setUpModule():
    server = harness.Server()
    server.start()
    S["server"] = server
    admin = server.bearer(server.admin_token)
    ids = {}
    t = admin.create_ticket(subject="Roles ticket")
    ids["tickets"] = t["id"]
    ids["contacts"] = t["requester_id"]
    m = admin.post("/api/v1/tickets/%d/messages" % t["id"], {"body": "note", "public": False})
    ids["messages"] = m.json["id"] if m.status == 201 else 1
    o = admin.post("/api/v1/organisations", {"name": "Roles Org"})
    ids["organisations"] = o.json["id"] if o.status == 201 else 1
    a = admin.post("/api/v1/agents", {"name": "Roles Target", "email": "roles-target@sahayak.test",
                                      "role": "agent", "password": "Roles-Target-Pass-1"})
    ids["agents"] = a.json["id"] if a.status == 201 else server.agent_id
    g = admin.post("/api/v1/groups", {"name": "Roles Group"})
    ids["groups"] = g.json["id"] if g.status == 201 else 1
    f = admin.post("/api/v1/custom-fields", {"key": "roles_field", "label": "Roles", "type": "text"})
    ids["custom-fields"] = f.json["id"] if f.status == 201 else 1
    k = admin.post("/api/v1/api-tokens", {"name": "roles-token"})
    ids["api-tokens"] = k.json["id"] if k.status == 201 else 1
    u = admin.upload("roles.txt", b"hello roles\n", "text/plain")
    ids["attachments"] = u.json["id"] if u.status == 201 else 1
    w = admin.post("/api/v1/web-forms", {"name": "Roles form"})
    ids["web-forms"] = w.json["id"] if w.status == 201 else 1
    ids["forms"] = w.json["key"] if w.status == 201 else "no-such-form"
    # The agent's own macro: agents change and apply it, an admin gets 404 (personal macros are
    # their owner's alone), never 401/403.
    mac = server.bearer(server.agent_token).post(
        "/api/v1/macros", {"name": "Roles macro", "reply": {"en": "Hi"}})
    ids["macros"] = mac.json["id"] if mac.status == 201 else 1
    bh = admin.post("/api/v1/business-hours", {
        "name": "Roles hours", "time_zone": "Asia/Kolkata",
        "periods": [{"day": "mon", "start": "09:00", "end": "17:00"}]})
    ids["business-hours"] = bh.json["id"] if bh.status == 201 else 1
    sla = admin.post("/api/v1/sla-policies", {
        "name": "Roles SLA", "targets": [{"metric": "first_response", "minutes": 60}]})
    ids["sla-policies"] = sla.json["id"] if sla.status == 201 else 1
    trig = admin.post("/api/v1/triggers", {
        "name": "Roles trigger", "events": ["ticket.created"],
        "actions": [{"type": "add_tags", "value": ["roles"]}]})
    ids["triggers"] = trig.json["id"] if trig.status == 201 else 1
    auto = admin.post("/api/v1/automations", {
        "name": "Roles automation",
        "conditions": {"all": [{"field": "hours_since_created", "operator": "greater_than",
                                "value": 9000}]},
        "actions": [{"type": "add_tags", "value": ["roles"]}]})
    ids["automations"] = auto.json["id"] if auto.status == 201 else 1
    e = admin.get("/api/v1/audit-events?limit=1")
    ids["audit-events"] = (e.json["data"][0]["id"]
                           if e.status == 200 and e.json and e.json.get("data") else 1)
    S["ids"] = ids


def tearDownModule():
    if "server" in S:
        S["server"].cleanup()


def fill_path(path, ids):
    """Replaces each {param} by the id of the collection named just before it."""
    parts = path.split("/")
    for n, part in enumerate(parts):
        if part == "{lang}":  # the router's language segment (en, hi, kn)
            parts[n] = "en"
        elif part.startswith("{") and part.endswith("}"):
            collection = parts[n - 1] if n > 0 else ""
            parts[n] = str(ids.get(collection, 1))
    return "/".join(parts)


class RoleMatrixTest(unittest.TestCase):
    maxDiff = None

    def test_route_role_matrix(self):
        server = S["server"]
        p = harness.run_cli(["routes"])
        routes = parse_routes(p.stdout)
        self.assertGreater(len(routes), 10, "`sahayak routes` printed too few routes:\n"
                           + p.stdout)
        for must in (("POST", "/api/v1/tickets"), ("GET", "/healthz"),
                     ("POST", "/api/v1/auth/login")):
            self.assertIn(must, routes, "`sahayak routes` lacks %s %s" % must)
        spec = load_openapi_roles()
        source = "openapi.yaml x-roles" if spec else "docs/api/README.md rule"

        def admin_only(method, path):
            if spec:
                entry = spec.get((method, template_key(path)))
                if entry and isinstance(entry["roles"], list):
                    return "agent" not in entry["roles"] and "admin" in entry["roles"]
            return readme_admin_only(method, path)

        def public(method, path):
            if (method, path) in PUBLIC:
                return True
            if spec:
                entry = spec.get((method, template_key(path)))
                return bool(entry and entry["public"])
            return False

        admin = server.login_admin()
        agent = server.login_agent()
        anon = server.anonymous()
        failures = []
        table = []
        # logout last: it ends the session used for the other routes
        routes.sort(key=lambda r: r[1] == "/api/v1/auth/logout")
        for method, tmpl in routes:
            path = fill_path(tmpl, S["ids"])
            body = {} if method in ("POST", "PUT", "PATCH") else None
            is_public = public(method, tmpl)
            is_admin_only = admin_only(method, tmpl)
            row = []
            for who in ("anonymous", "agent", "admin"):
                if tmpl == "/api/v1/auth/logout" and who != "anonymous":
                    client = server.login_admin() if who == "admin" else server.login_agent()
                else:
                    client = {"anonymous": anon, "agent": agent, "admin": admin}[who]
                r = client.request(method, path, body)
                row.append(r.status)
                problem = None
                if (method, tmpl) in SIGNED:
                    if r.status != 403 or r.problem_type != SIGNED[(method, tmpl)]:
                        problem = "signed link without a signature: expected 403 %s" % (
                            SIGNED[(method, tmpl)])
                elif r.status >= 500:
                    problem = "a %d" % r.status
                elif who == "anonymous":
                    if is_public and r.status in (401, 403):
                        problem = "public route refused anonymous"
                    elif not is_public and (r.status != 401 or
                                            r.problem_type != "/problems/unauthenticated"):
                        problem = "expected 401 /problems/unauthenticated"
                elif who == "agent":
                    if is_admin_only and (r.status != 403 or r.problem_type != "/problems/forbidden"):
                        problem = "admin-only route: expected 403 /problems/forbidden"
                    elif not is_admin_only and r.status in (401, 403):
                        problem = "agent must be allowed"
                else:
                    if r.status in (401, 403):
                        problem = "admin must be allowed"
                if problem:
                    failures.append("%s %s as %s: %s; got %s %s" % (
                        method, path, who, problem, r.status, r.raw[:200].decode("utf-8", "replace")))
            table.append("%-7s %-45s %s%s%s  anon=%d agent=%d admin=%d" % (
                method, tmpl, "public " if is_public else "", "admin-only " if is_admin_only else "",
                "", row[0], row[1], row[2]))
        self.assertTrue(server.alive(), server.log_tail())
        if os.environ.get("SAHAYAK_VERBOSE"):
            print("\nadmin-only set from %s\n%s" % (source, "\n".join(table)))
        self.assertEqual(failures, [], "role matrix (admin-only set from %s):\n%s"
                         % (source, "\n".join(table)))

    def test_public_routes_answer_anonymously(self):
        anon = S["server"].anonymous()
        for path in ("/healthz", "/readyz", "/metrics", "/ping"):
            with self.subTest(path=path):
                r = anon.get(path)
                self.assertEqual(r.status, 200, r.describe())

    def test_roles_are_enforced_on_the_data_too(self):
        """A 403 must also mean nothing happened."""
        server = S["server"]
        agent = server.login_agent()
        admin = server.bearer(server.admin_token)
        before = admin.get("/api/v1/groups/%d" % S["ids"]["groups"])
        r = agent.patch("/api/v1/groups/%d" % S["ids"]["groups"], {"name": "Renamed by agent"})
        self.assertEqual(r.status, 403, r.describe())
        after = admin.get("/api/v1/groups/%d" % S["ids"]["groups"])
        if before.status == 200:
            self.assertEqual(after.json.get("name"), before.json.get("name"))
        r = agent.post("/api/v1/api-tokens", {"name": "agent-made"})
        self.assertEqual(r.status, 403, r.describe())
        listed = admin.get("/api/v1/api-tokens")
        self.assertEqual(listed.status, 200, listed.describe())
        self.assertFalse([t for t in listed.json["data"] if t.get("name") == "agent-made"])
        r = agent.patch("/api/v1/agents/%d" % server.agent_id, {"role": "admin"})
        self.assertEqual(r.status, 403, "an agent must not promote itself:\n" + r.describe())
        me = agent.get("/api/v1/auth/me")
        self.assertEqual(me.json["agent"]["role"], "agent")


if __name__ == "__main__":
    unittest.main()
