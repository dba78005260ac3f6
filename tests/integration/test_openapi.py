"""Keeps docs/api/openapi.yaml true.

Two groups of checks:

* OpenApiDocumentTest: the document alone. It is OpenAPI 3.1, every $ref resolves, every
  operation has an operationId, responses and an x-roles list, security and x-roles agree,
  path templates use `{id}`, errors are problem+json, and every route and problem type that
  docs/api/README.md names is in it. Needs only PyYAML.
* RouterMatchesDocumentTest: runs `$SAHAYAK_BIN routes`, which prints one route a line as
  `METHOD /path/{id}` (an optional third column of roles, `admin,agent`, is compared with
  x-roles when present), and fails listing every route the router has that the document lacks
  and the reverse. Skipped, with the reason, when SAHAYAK_BIN is not set.

Run: SAHAYAK_BIN=build/sahayak /usr/bin/python3 tests/integration/test_openapi.py
"""

import json
import os
import re
import subprocess
import unittest
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DOC_PATH = ROOT / "docs" / "api" / "openapi.yaml"
README_PATH = ROOT / "docs" / "api" / "README.md"

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
UNSAFE_METHODS = {"post", "put", "patch", "delete"}
KNOWN_ROLES = {"admin", "agent"}
PROBLEM_MEDIA_TYPE = "application/problem+json"
ROUTES_TIMEOUT_SECONDS = 60

_doc_cache = None


def load_doc():
    global _doc_cache
    if _doc_cache is None:
        with open(DOC_PATH, encoding="utf-8") as f:
            _doc_cache = yaml.safe_load(f)
    return _doc_cache


def resolve_ref(doc, ref):
    """Returns (True, target) for a local JSON pointer that resolves, else (False, reason)."""
    if not isinstance(ref, str) or not ref.startswith("#/"):
        return False, "not a local reference"
    node = doc
    for raw in ref[2:].split("/"):
        key = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and key in node:
            node = node[key]
        elif isinstance(node, list) and key.isdigit() and int(key) < len(node):
            node = node[int(key)]
        else:
            return False, "no member %r" % key
    return True, node


def deref(doc, node):
    """Follows $ref chains (Reference Objects) to the object they name."""
    seen = set()
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        if ref in seen:
            raise AssertionError("reference cycle at " + ref)
        seen.add(ref)
        ok, target = resolve_ref(doc, ref)
        if not ok:
            raise AssertionError("unresolved $ref %s: %s" % (ref, target))
        node = target
    return node


def walk(node, where="#"):
    """Yields (json_pointer, node) for every node of the tree."""
    yield where, node
    if isinstance(node, dict):
        for key, value in node.items():
            escaped = str(key).replace("~", "~0").replace("/", "~1")
            yield from walk(value, where + "/" + escaped)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from walk(value, "%s/%d" % (where, i))


def operations(doc):
    """Yields (METHOD, path, operation, path_item) for every operation in the document."""
    for path, item in (doc.get("paths") or {}).items():
        for method in HTTP_METHODS:
            if isinstance(item, dict) and method in item:
                yield method.upper(), path, item[method], item


def documented_routes(doc):
    return {"%s %s" % (method, path) for method, path, _, _ in operations(doc)}


def route_sort_key(route):
    method, path = route.split(" ", 1)
    return (path, method)


def format_routes(routes):
    return "\n".join("  " + r for r in sorted(routes, key=route_sort_key)) or "  (none)"


def readme_routes():
    """The routes docs/api/README.md names, as "METHOD /path" (query strings dropped).

    Matches code spans that open with a method list, e.g. `GET/PATCH/DELETE /api/v1/groups/{id}`
    or `GET /api/v1/tickets?status=&…`.
    """
    text = README_PATH.read_text(encoding="utf-8")
    routes = set()
    pattern = r"`((?:GET|POST|PUT|PATCH|DELETE)(?:/(?:GET|POST|PUT|PATCH|DELETE))*) (/[^`\s?]*)"
    for methods, path in re.findall(pattern, text):
        for method in methods.split("/"):
            routes.add("%s %s" % (method, path))
    return routes


def readme_problem_types():
    """{"validation": 422, …} from the README's list of stable problem types."""
    text = README_PATH.read_text(encoding="utf-8")
    start = text.index("Stable types:")
    end = text.index("\n- ", start)
    return {name: int(status) for name, status in re.findall(r"`([a-z0-9-]+)` \((\d{3})", text[start:end])}


def parse_routes_output(text):
    """Parses `sahayak routes` output into ({route: roles or None}, [bad lines], [duplicates])."""
    routes, bad, duplicates = {}, [], []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split(None, 2)
        if len(parts) < 2 or not re.fullmatch(r"[A-Z]+", parts[0]) or not parts[1].startswith("/"):
            bad.append(line)
            continue
        route = "%s %s" % (parts[0], parts[1])
        roles = None
        if len(parts) == 3:
            words = [w for w in re.split(r"[\s,\[\]]+", parts[2]) if w]
            if words in (["-"], ["public"]):
                words = []
            roles = sorted(words)
        if route in routes:
            duplicates.append(route)
        routes[route] = roles
    return routes, bad, duplicates


class OpenApiDocumentTest(unittest.TestCase):
    longMessage = False  # the messages below list the differences; skip unittest's diffs
    @classmethod
    def setUpClass(cls):
        cls.doc = load_doc()

    def test_is_json_compatible(self):
        # YAML turns unquoted times into datetimes and unquoted status codes into ints; JSON
        # tools reading the document would then see something else than we wrote.
        problems = []
        for where, node in walk(self.doc):
            if isinstance(node, dict):
                problems += ["%s: key %r is not a string" % (where, k) for k in node if not isinstance(k, str)]
            elif not isinstance(node, (list, str, int, float, bool, type(None))):
                problems.append("%s: %s is not a JSON value (quote it)" % (where, type(node).__name__))
        self.assertEqual(problems, [], "\n".join(problems))
        json.dumps(self.doc)

    def test_header(self):
        self.assertIsInstance(self.doc.get("openapi"), str)
        self.assertTrue(self.doc["openapi"].startswith("3.1"), self.doc["openapi"])
        self.assertEqual(self.doc["info"]["title"], "Sahayak API")
        self.assertEqual(self.doc["info"]["version"], "1.0.0")
        self.assertIn("http://127.0.0.1:8080", [s.get("url") for s in self.doc.get("servers", [])])
        schemes = self.doc["components"]["securitySchemes"]
        self.assertEqual((schemes["sessionCookie"]["in"], schemes["sessionCookie"]["name"]), ("cookie", "sahayak_session"))
        self.assertEqual((schemes["csrfToken"]["in"], schemes["csrfToken"]["name"]), ("header", "X-CSRF-Token"))
        self.assertEqual((schemes["bearerAuth"]["type"], schemes["bearerAuth"]["scheme"]), ("http", "bearer"))

    def test_every_ref_resolves(self):
        unresolved = []
        count = 0
        for where, node in walk(self.doc):
            if isinstance(node, dict) and "$ref" in node:
                count += 1
                ok, reason = resolve_ref(self.doc, node["$ref"])
                if not ok:
                    unresolved.append("%s: %s (%s)" % (where, node["$ref"], reason))
        self.assertGreater(count, 0)
        self.assertEqual(unresolved, [], "unresolved $ref:\n" + "\n".join(unresolved))

    def test_every_operation_is_complete(self):
        problems = []
        seen_ids = {}
        ops = list(operations(self.doc))
        self.assertGreater(len(ops), 0)
        for method, path, op, _ in ops:
            name = "%s %s" % (method, path)
            op_id = op.get("operationId")
            if not isinstance(op_id, str) or not op_id:
                problems.append(name + ": no operationId")
            elif op_id in seen_ids:
                problems.append("%s: operationId %s also used by %s" % (name, op_id, seen_ids[op_id]))
            else:
                seen_ids[op_id] = name
            responses = op.get("responses")
            if not isinstance(responses, dict) or not responses:
                problems.append(name + ": no responses")
            else:
                for code in responses:
                    if not (code == "default" or re.fullmatch(r"[1-5](\d\d|XX)", str(code))):
                        problems.append("%s: response key %r" % (name, code))
                # A redirect is the success of some routes (GET /help, an HTML form's POST),
                # switching protocols that of the chat's WebSockets (docs/chat.md).
                if not any(str(c)[0] in "23" or str(c) == "101" for c in responses):
                    problems.append(name + ": no 2xx or 3xx response")
            roles = op.get("x-roles")
            if not isinstance(roles, list) or not set(roles) <= KNOWN_ROLES or len(set(roles)) != len(roles):
                problems.append("%s: x-roles %r is not a list of %s" % (name, roles, sorted(KNOWN_ROLES)))
        self.assertEqual(problems, [], "\n".join(problems))

    def test_security_agrees_with_roles(self):
        schemes = self.doc["components"]["securitySchemes"]
        default_security = self.doc.get("security")
        problems = []
        for method, path, op, _ in operations(self.doc):
            name = "%s %s" % (method, path)
            roles = op.get("x-roles") or []
            security = op.get("security", default_security)
            if not roles:
                if security != []:
                    problems.append(name + ": public (x-roles []) but security is not []")
                continue
            if "admin" not in roles:
                problems.append(name + ": admin may do everything, so x-roles must hold admin")
            if not security:
                problems.append(name + ": x-roles %r but no security requirement" % roles)
                continue
            for requirement in security:
                for scheme in requirement:
                    if scheme not in schemes:
                        problems.append("%s: unknown security scheme %s" % (name, scheme))
                if method.lower() in UNSAFE_METHODS and "sessionCookie" in requirement and "csrfToken" not in requirement:
                    problems.append(name + ": cookie authentication on an unsafe method must also require csrfToken")
        self.assertEqual(problems, [], "\n".join(problems))

    def test_role_matrix_follows_readme(self):
        # docs/api/README.md, "Roles": agents read and write tickets, messages, contacts,
        # organisations and attachments; they only read agents, groups, tags, custom fields
        # and the workspace; API tokens, the audit log, mailboxes and the mail outbox are admin
        # only.
        admin_only = ("/api/v1/api-tokens", "/api/v1/audit-events", "/api/v1/mailboxes",
                      "/api/v1/mail", "/api/v1/web-forms", "/api/v1/tracking-events",
                      "/api/v1/tracking-webhooks", "/api/v1/imports", "/api/v1/import-kinds",
                      "/api/v1/analytics", "/api/v1/triggers", "/api/v1/automations",
                      "/api/v1/rules")
        read_only_for_agents = ("/api/v1/agents", "/api/v1/groups", "/api/v1/tags",
                                "/api/v1/custom-fields", "/api/v1/workspace")
        problems = []
        for method, path, op, _ in operations(self.doc):
            if not path.startswith("/api/v1/") or path == "/api/v1/auth/login":
                continue
            base = "/" + "/".join(path.split("/")[1:4])
            if path == "/api/v1/kb/articles/{id}/feedback":
                want = []  # docs/kb.md: public, rate-limited per address
            elif path.startswith(("/api/v1/kb/categories", "/api/v1/kb/sections")) and method != "GET":
                want = ["admin"]  # docs/kb.md: admins change categories and sections
            elif path.startswith("/api/v1/kb/articles/") and method == "DELETE":
                want = ["admin"]  # docs/kb.md: admins delete articles and translations
            elif base in admin_only:
                want = ["admin"]
            elif base == "/api/v1/chat":
                # docs/chat.md: the widget's routes are public (its key and Origin are checked),
                # the console's socket is for agents, the settings for admins.
                # The supervisors' list of live chats is for admins too.
                if path in ("/api/v1/chat/settings", "/api/v1/chat/widget-key",
                            "/api/v1/chat/conversations"):
                    want = ["admin"]
                elif path == "/api/v1/chat/agent":
                    want = ["admin", "agent"]
                else:
                    want = []
            elif base == "/api/v1/carriers" and method != "GET":
                want = ["admin"]  # docs/shipments.md: admins change carriers
            elif path == "/api/v1/shipments/{id}/delivery-requests/{request_id}/retry":
                want = ["admin"]  # docs/shipments.md: admins send a dead request again
            elif base == "/api/v1/shipment-document-rules" and method != "GET":
                want = ["admin"]  # docs/shipments.md: admins change document rules
            elif base == "/api/v1/business-hours" and method != "GET":
                want = ["admin"]  # docs/business-hours.md: admins write, agents read
            elif base == "/api/v1/sla-policies" and method != "GET":
                want = ["admin"]  # docs/sla.md: admins write policies, agents read them
            elif base in ("/api/v1/orders", "/api/v1/invoices", "/api/v1/contracts",
                          "/api/v1/commerce") and method != "GET":
                want = ["admin"]  # docs/commerce.md: admins write orders, invoices, contracts
            elif base in read_only_for_agents and method != "GET":
                want = ["admin"]
            else:
                want = ["admin", "agent"]
            if sorted(op.get("x-roles") or []) != want:
                problems.append("%s %s: x-roles %r, README says %r" % (method, path, op.get("x-roles"), want))
        self.assertEqual(problems, [], "\n".join(problems))

    def test_path_templates_use_id(self):
        problems = []
        for path, item in self.doc["paths"].items():
            names = re.findall(r"{([^}]*)}", path)
            for n in names:
                # An id, or a ticket's number in its workspace (/tickets/by-number/{number}).
                # ({lang}: en, hi or kn, the router's language segment.)
                # ({n}: a knowledge-base translation's version number, /versions/{n}.)
                if n != "id" and n != "lang" and not (n == "number" and "/by-number/" in path) \
                        and not (n == "n" and "/versions/{n}" in path) \
                        and not (n == "key" and path == "/forms/{key}") \
                        and not (n == "key" and path == "/portal/sign-in/{key}") \
                        and not (n == "key" and path == "/hooks/tracking/{key}") \
                        and not (n == "key" and path == "/notices/opt-out/{key}") \
                        and not (n == "shipment_id"
                                 and path == "/api/v1/tickets/{id}/shipments/{shipment_id}") \
                        and not (n == "order_id"
                                 and path == "/api/v1/tickets/{id}/orders/{order_id}") \
                        and not (n == "invoice_id"
                                 and path == "/api/v1/tickets/{id}/invoices/{invoice_id}") \
                        and not (n == "delivery_id" and "/webhook-deliveries/" in path) \
                        and not (n == "macro_id"
                                 and path.startswith("/api/v1/tickets/{id}/macros/{macro_id}/")) \
                        and not (n == "request_id" and path
                                 == "/api/v1/shipments/{id}/delivery-requests/{request_id}/retry"):
                    problems.append("%s: path parameter {%s} (use {id})" % (path, n))
            for method in HTTP_METHODS:
                if method not in item:
                    continue
                declared = {}
                for p in list(item.get("parameters", [])) + list(item[method].get("parameters", [])):
                    p = deref(self.doc, p)
                    if p.get("in") == "path":
                        declared[p.get("name")] = p
                for n in names:
                    if n not in declared:
                        problems.append("%s %s: {%s} is not declared as a path parameter" % (method.upper(), path, n))
                    elif declared[n].get("required") is not True:
                        problems.append("%s %s: path parameter %s must be required" % (method.upper(), path, n))
                for n in declared:
                    if n not in names:
                        problems.append("%s %s: path parameter %s is not in the template" % (method.upper(), path, n))
        self.assertEqual(problems, [], "\n".join(problems))

    def test_errors_are_problems(self):
        problem_ref = "#/components/schemas/Problem"
        problems = []
        for method, path, op, _ in operations(self.doc):
            for code, response in op.get("responses", {}).items():
                code = str(code)
                if not (code == "default" or code[0] in "45"):
                    continue
                response = deref(self.doc, response)
                media = (response.get("content") or {}).get(PROBLEM_MEDIA_TYPE)
                if not media or (media.get("schema") or {}).get("$ref") != problem_ref:
                    problems.append("%s %s %s: not %s with the Problem schema" % (method, path, code, PROBLEM_MEDIA_TYPE))
        self.assertEqual(problems, [], "\n".join(problems))

    def test_readme_problem_types_are_documented(self):
        types = readme_problem_types()
        self.assertGreaterEqual(len(types), 15, "could not read the problem types from README.md")
        enum = set(self.doc["components"]["schemas"]["Problem"]["properties"]["type"]["enum"])
        want = {"/problems/" + t for t in types}
        self.assertEqual(enum, want, "Problem.type enum differs from README.md")
        # Each type has a reusable response whose example shows it with its status.
        examples = set()
        for response in self.doc["components"]["responses"].values():
            media = (response.get("content") or {}).get(PROBLEM_MEDIA_TYPE) or {}
            values = [media["example"]] if "example" in media else []
            values += [deref(self.doc, e).get("value") for e in (media.get("examples") or {}).values()]
            examples |= {(v.get("type"), v.get("status")) for v in values if isinstance(v, dict)}
        missing = sorted("/problems/%s (%d)" % (t, s) for t, s in types.items() if ("/problems/" + t, s) not in examples)
        self.assertEqual(missing, [], "no components/responses example shows: " + ", ".join(missing))

    def test_readme_routes_are_documented(self):
        wanted = readme_routes()
        self.assertGreaterEqual(len(wanted), 30, "could not read the routes from README.md")
        missing = wanted - documented_routes(self.doc)
        self.assertEqual(missing, set(), "routes README.md names but openapi.yaml lacks:\n" + format_routes(missing))

    def test_required_extra_routes_are_documented(self):
        wanted = {
            "GET /healthz", "GET /readyz", "GET /metrics", "GET /ping",
            "POST /api/v1/auth/login", "POST /api/v1/auth/logout", "GET /api/v1/auth/me",
            "POST /api/v1/tickets/bulk", "GET /api/v1/tickets/{id}/events",
            "GET /api/v1/contacts/{id}/tickets", "GET /api/v1/attachments/{id}/content",
        }
        missing = wanted - documented_routes(self.doc)
        self.assertEqual(missing, set(), "missing:\n" + format_routes(missing))

    def test_examples_cover_hindi_and_kannada(self):
        text = DOC_PATH.read_text(encoding="utf-8")
        self.assertIn("मेरा पार्सल कहाँ है?", text)
        self.assertIn("ನನ್ನ ಪಾರ್ಸೆಲ್ ಎಲ್ಲಿದೆ?", text)


@unittest.skipUnless(
    os.environ.get("SAHAYAK_BIN"),
    "SAHAYAK_BIN is not set: set it to the sahayak binary (e.g. build/sahayak) to compare "
    "`sahayak routes` with docs/api/openapi.yaml",
)
class RouterMatchesDocumentTest(unittest.TestCase):
    longMessage = False
    @classmethod
    def setUpClass(cls):
        cls.doc = load_doc()
        cls.binary = os.environ["SAHAYAK_BIN"]
        cls.run_error = None
        cls.router = {}
        cls.bad_lines = []
        cls.duplicates = []
        if not os.path.isfile(cls.binary) or not os.access(cls.binary, os.X_OK):
            cls.run_error = "SAHAYAK_BIN=%s is not an executable file" % cls.binary
            return
        try:
            proc = subprocess.run([cls.binary, "routes"], capture_output=True, text=True,
                                  encoding="utf-8", timeout=ROUTES_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            cls.run_error = "`%s routes` did not finish in %d s" % (cls.binary, ROUTES_TIMEOUT_SECONDS)
            return
        if proc.returncode != 0:
            cls.run_error = "`%s routes` exited %d:\n%s" % (cls.binary, proc.returncode, proc.stderr.strip())
            return
        cls.router, cls.bad_lines, cls.duplicates = parse_routes_output(proc.stdout)

    def setUp(self):
        if self.run_error:
            self.fail(self.run_error)

    def test_output_is_well_formed(self):
        self.assertEqual(self.bad_lines, [], "lines that are not `METHOD /path`:\n" + "\n".join(self.bad_lines))
        self.assertEqual(self.duplicates, [], "routes printed twice:\n" + format_routes(self.duplicates))
        self.assertTrue(self.router, "`routes` printed no routes")

    def test_router_and_document_have_the_same_routes(self):
        router = set(self.router)
        documented = documented_routes(self.doc)
        only_router = router - documented
        only_doc = documented - router
        message = []
        if only_router:
            message.append("in the router but not in docs/api/openapi.yaml:\n" + format_routes(only_router))
        if only_doc:
            message.append("in docs/api/openapi.yaml but not in the router:\n" + format_routes(only_doc))
        if message:
            self.fail("\n".join(message))

    def test_router_roles_match_x_roles(self):
        with_roles = {r: roles for r, roles in self.router.items() if roles is not None}
        if not with_roles:
            self.skipTest("`routes` prints no roles column; x-roles not compared")
        documented = {"%s %s" % (m, p): sorted(op.get("x-roles") or []) for m, p, op, _ in operations(self.doc)}
        differences = ["%s: router %r, x-roles %r" % (r, roles, documented[r])
                       for r, roles in sorted(with_roles.items(), key=lambda kv: route_sort_key(kv[0]))
                       if r in documented and roles != documented[r]]
        self.assertEqual(differences, [], "roles differ:\n" + "\n".join(differences))


if __name__ == "__main__":
    unittest.main()
