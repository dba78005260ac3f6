"""Runs the API behaviour written as data in cases/*.json against the real server.

One unittest per file; its steps run in order and stop at the first mismatch (the file's
"finally" steps always run). Format of a file:

    {"description": "...",
     "server": "shared" | "fresh",        optional; "fresh" starts a server for this file only
     "env": {"SAHAYAK_...": "..."},       optional, with "fresh"
     "steps": [STEP, ...],
     "finally": [STEP, ...]}              optional

    STEP = {"name": "...",
            "as": "admin" | "agent" | "anonymous" | "admin_token" | "agent_token",
            "repeat": N,                  optional; {{i}} is 0..N-1 in the step
            "request": {"method", "path", "headers"?, "body"? | "raw_body"? | "raw_body_hex"?},
            "expect": {"status": 201 | [400, 422],
                       "headers": {"Name": MATCHER | null},   null: must be absent
                       "json": MATCHER,                        subset match
                       "problem_type": "/problems/...",        problem+json with that type
                       "error_fields": ["subject", ...],       each named in errors[].field
                                                               ("tags" also accepts "tags[0]")
                       "body_contains": "text"},
            "capture": {"var": "$.data[0].id" | "header:ETag"}}

MATCHER: a dict matches a dict holding at least its keys; a list matches a list of the same
length element by element; a scalar must be equal (true is not 1). Operators, as a dict whose
keys all start with "$": $type (int|number|string|bool|null|list|object), $len, $contains
(list: each matcher matches some element; string: substring), $not_contains, $regex, $ne,
$gt/$gte/$lt/$lte, $any_of [MATCHER...], $eq (exact), $unordered [MATCHER...], $absent.

"{{var}}" alone in a string is replaced by the variable's value with its type, inside a longer
string by its text. Built in: run (unique lower-case token), admin_id, agent_id, admin_email,
agent_email, i (repeat index); captures add more.
"""

import glob
import json
import os
import re
import unittest

import harness

HERE = os.path.dirname(os.path.abspath(__file__))
CASES_DIR = os.path.join(HERE, "cases")

_shared = {}


def setUpModule():
    server = harness.Server()
    server.start()
    _shared["server"] = server
    _shared["sessions"] = {}


def tearDownModule():
    server = _shared.pop("server", None)
    if server:
        server.cleanup()


# --- matching -----------------------------------------------------------------------------

TYPE_CHECKS = {
    "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "string": lambda v: isinstance(v, str),
    "bool": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "list": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
}


def _is_operator(d):
    return isinstance(d, dict) and d and all(k.startswith("$") for k in d)


def _scalar_equal(exp, act):
    if isinstance(exp, bool) or isinstance(act, bool):
        return isinstance(exp, bool) and isinstance(act, bool) and exp == act
    if exp is None or act is None:
        return exp is None and act is None
    return type(exp) == type(act) and exp == act or (
        isinstance(exp, (int, float)) and isinstance(act, (int, float)) and exp == act)


def match(exp, act, path="$"):
    """Returns a list of human-readable mismatches (empty when `act` matches `exp`)."""
    errs = []
    if _is_operator(exp):
        for op, arg in exp.items():
            if op == "$absent":
                continue  # handled by the parent dict
            elif op == "$type":
                names = arg if isinstance(arg, list) else [arg]
                if not any(TYPE_CHECKS[n](act) for n in names):
                    errs.append("%s: expected type %s, got %r" % (path, arg, act))
            elif op == "$len":
                if not isinstance(act, (list, str, dict)) or len(act) != arg:
                    errs.append("%s: expected length %s, got %r" % (path, arg, act))
            elif op == "$contains":
                if isinstance(act, str):
                    for s in (arg if isinstance(arg, list) else [arg]):
                        if s not in act:
                            errs.append("%s: expected %r to contain %r" % (path, act, s))
                elif isinstance(act, list):
                    for item in (arg if isinstance(arg, list) else [arg]):
                        if not any(not match(item, a) for a in act):
                            errs.append("%s: no element matches %s in %s"
                                        % (path, json.dumps(item, ensure_ascii=False),
                                           json.dumps(act, ensure_ascii=False)[:600]))
                else:
                    errs.append("%s: expected a list or string, got %r" % (path, act))
            elif op == "$not_contains":
                items = arg if isinstance(arg, list) else [arg]
                if isinstance(act, str):
                    for s in items:
                        if s in act:
                            errs.append("%s: %r must not contain %r" % (path, act, s))
                elif isinstance(act, list):
                    for item in items:
                        if any(not match(item, a) for a in act):
                            errs.append("%s: an element matches %s but must not"
                                        % (path, json.dumps(item, ensure_ascii=False)))
                else:
                    errs.append("%s: expected a list or string, got %r" % (path, act))
            elif op == "$regex":
                if not isinstance(act, str) or not re.search(arg, act):
                    errs.append("%s: %r does not match /%s/" % (path, act, arg))
            elif op == "$ne":
                if not match(arg, act):
                    errs.append("%s: must not be %r" % (path, act))
            elif op in ("$gt", "$gte", "$lt", "$lte"):
                ok = isinstance(act, (int, float)) and not isinstance(act, bool) and {
                    "$gt": lambda: act > arg, "$gte": lambda: act >= arg,
                    "$lt": lambda: act < arg, "$lte": lambda: act <= arg}[op]()
                if not ok:
                    errs.append("%s: expected %s %s, got %r" % (path, op, arg, act))
            elif op == "$any_of":
                if all(match(alt, act, path) for alt in arg):
                    errs.append("%s: %r matches none of %s" % (path, act,
                                                              json.dumps(arg, ensure_ascii=False)))
            elif op == "$eq":
                if json.dumps(arg, sort_keys=True) != json.dumps(act, sort_keys=True):
                    errs.append("%s: expected exactly %s, got %s"
                                % (path, json.dumps(arg, ensure_ascii=False),
                                   json.dumps(act, ensure_ascii=False)))
            elif op == "$unordered":
                if not isinstance(act, list) or len(act) != len(arg):
                    errs.append("%s: expected %d elements in any order, got %r"
                                % (path, len(arg), act))
                else:
                    remaining = list(act)
                    for item in arg:
                        for k, a in enumerate(remaining):
                            if not match(item, a):
                                del remaining[k]
                                break
                        else:
                            errs.append("%s: no element left matching %s in %s"
                                        % (path, json.dumps(item, ensure_ascii=False),
                                           json.dumps(act, ensure_ascii=False)[:600]))
            else:
                errs.append("%s: unknown operator %s in the case file" % (path, op))
        return errs
    if isinstance(exp, dict):
        if not isinstance(act, dict):
            return ["%s: expected an object, got %s" % (path, json.dumps(act, ensure_ascii=False)[:300])]
        for k, v in exp.items():
            sub = "%s.%s" % (path, k)
            if isinstance(v, dict) and v.get("$absent"):
                if k in act:
                    errs.append("%s: must be absent, got %r" % (sub, act[k]))
                continue
            if k not in act:
                errs.append("%s: missing" % sub)
                continue
            errs.extend(match(v, act[k], sub))
        return errs
    if isinstance(exp, list):
        if not isinstance(act, list):
            return ["%s: expected a list, got %s" % (path, json.dumps(act, ensure_ascii=False)[:300])]
        if len(exp) != len(act):
            return ["%s: expected %d elements, got %d: %s"
                    % (path, len(exp), len(act), json.dumps(act, ensure_ascii=False)[:600])]
        for n, (e, a) in enumerate(zip(exp, act)):
            errs.extend(match(e, a, "%s[%d]" % (path, n)))
        return errs
    if not _scalar_equal(exp, act):
        errs.append("%s: expected %s, got %s" % (path, json.dumps(exp, ensure_ascii=False),
                                                  json.dumps(act, ensure_ascii=False)))
    return errs


# --- variables and captures ---------------------------------------------------------------

VAR_RE = re.compile(r"\{\{([A-Za-z0-9_.]+)\}\}")


def substitute(obj, env):
    if isinstance(obj, str):
        m = VAR_RE.fullmatch(obj)
        if m:
            name = m.group(1)
            if name not in env:
                raise KeyError("unknown variable {{%s}}" % name)
            return env[name]

        def rep(mm):
            name = mm.group(1)
            if name not in env:
                raise KeyError("unknown variable {{%s}}" % name)
            v = env[name]
            return v if isinstance(v, str) else json.dumps(v)
        return VAR_RE.sub(rep, obj)
    if isinstance(obj, list):
        return [substitute(x, env) for x in obj]
    if isinstance(obj, dict):
        return {substitute(k, env): substitute(v, env) for k, v in obj.items()}
    return obj


PATH_TOKEN = re.compile(r"\.([^.\[\]]+)|\[(-?\d+)\]")


def json_path(doc, path):
    if not path.startswith("$"):
        raise ValueError("a capture path starts with $: %r" % path)
    cur = doc
    pos = 1
    while pos < len(path):
        m = PATH_TOKEN.match(path, pos)
        if not m:
            raise ValueError("bad capture path %r" % path)
        if m.group(1) is not None:
            if not isinstance(cur, dict) or m.group(1) not in cur:
                raise KeyError("%s: no member %r" % (path, m.group(1)))
            cur = cur[m.group(1)]
        else:
            if not isinstance(cur, list):
                raise KeyError("%s: not a list" % path)
            cur = cur[int(m.group(2))]
        pos = m.end()
    return cur


# --- running ------------------------------------------------------------------------------


class CaseRun:
    def __init__(self, server, sessions):
        self.server = server
        self.sessions = sessions
        self.env = {
            "run": harness.unique("r"),
            "admin_id": server.admin_id,
            "agent_id": server.agent_id,
            "admin_email": server.admin_email,
            "agent_email": server.agent_email,
        }

    def client(self, who):
        s = self.server
        if who == "anonymous":
            return s.anonymous()
        if who == "admin_token":
            return s.bearer(s.admin_token)
        if who == "agent_token":
            return s.bearer(s.agent_token)
        if who not in ("admin", "agent"):
            raise ValueError("unknown 'as': %r" % who)
        if who not in self.sessions:
            self.sessions[who] = s.login_admin() if who == "admin" else s.login_agent()
        return self.sessions[who]

    def run_step(self, step, index):
        """Returns None or a failure description."""
        repeat = step.get("repeat", 1)
        for i in range(repeat):
            self.env["i"] = i
            try:
                st = substitute({k: v for k, v in step.items() if k != "repeat"}, self.env)
            except KeyError as e:
                return "step %d (%s): %s" % (index, step.get("name"), e)
            failure = self._one(st, index, i if repeat > 1 else None)
            if failure:
                return failure
        return None

    def _one(self, st, index, rep):
        req = st["request"]
        who = st.get("as", "admin")
        c = self.client(who)
        raw = None
        if "raw_body_hex" in req:
            raw = bytes.fromhex(req["raw_body_hex"])
        elif "raw_body" in req:
            raw = req["raw_body"]
        headers = req.get("headers") or {}
        content_type = None
        if raw is not None:
            content_type = headers.pop("Content-Type", "application/json")
        r = c.request(req["method"], req["path"], body=req.get("body"), raw_body=raw,
                      headers=headers, content_type=content_type)
        problems = check_expect(st.get("expect", {}), r)
        label = "step %d%s (%s, as %s)" % (index, "" if rep is None else "[i=%d]" % rep,
                                          st.get("name", "?"), who)
        if not problems:
            for var, where in (st.get("capture") or {}).items():
                try:
                    if where.startswith("header:"):
                        val = r.headers.get(where[len("header:"):])
                        if val is None:
                            raise KeyError("no header %s" % where)
                    else:
                        val = json_path(r.body, where)
                    self.env[var] = val
                except (KeyError, ValueError, IndexError) as e:
                    problems.append("capture %s from %s: %s" % (var, where, e))
        if problems:
            body = req.get("body")
            sent = json.dumps(body, ensure_ascii=False) if body is not None else repr(raw)
            return ("%s\n  request: %s %s\n  sent body: %s\n  mismatches:\n    %s\n  response: %s"
                    % (label, req["method"], req["path"], sent[:800],
                       "\n    ".join(problems), r.describe()))
        return None


def check_expect(exp, r):
    problems = []
    want = exp.get("status")
    if want is not None:
        allowed = want if isinstance(want, list) else [want]
        if r.status not in allowed:
            problems.append("status: expected %s, got %d" % (want, r.status))
    for name, m in (exp.get("headers") or {}).items():
        val = r.headers.get(name)
        if m is None:
            if val is not None:
                problems.append("header %s: must be absent, got %r" % (name, val))
        elif val is None:
            problems.append("header %s: missing" % name)
        else:
            problems.extend(match(m, val, "header " + name))
    if "problem_type" in exp:
        ctype = (r.headers.get("Content-Type") or "").lower()
        if not ctype.startswith("application/problem+json"):
            problems.append("Content-Type: expected application/problem+json, got %r" % ctype)
        body = r.json
        if not isinstance(body, dict):
            problems.append("body: expected a problem+json object")
        else:
            if body.get("type") != exp["problem_type"]:
                problems.append("problem type: expected %s, got %r"
                                % (exp["problem_type"], body.get("type")))
            if body.get("status") != r.status:
                problems.append("problem status member %r differs from HTTP status %d"
                                % (body.get("status"), r.status))
    for field in exp.get("error_fields") or []:
        body = r.json
        names = [e.get("field") for e in (body.get("errors") or [])
                 if isinstance(e, dict)] if isinstance(body, dict) else []
        if not any(n == field or (isinstance(n, str) and n.startswith((field + ".", field + "[")))
                   for n in names):
            problems.append("errors[] does not name field %r (named: %s)" % (field, names))
    if "json" in exp:
        if r.json is None:
            problems.append("body: expected JSON, got %r" % r.raw[:300])
        else:
            problems.extend(match(exp["json"], r.body))
    if "body_contains" in exp:
        text = r.raw.decode("utf-8", "replace")
        if exp["body_contains"] not in text:
            problems.append("body does not contain %r" % exp["body_contains"])
    return problems


class CaseFiles(unittest.TestCase):
    maxDiff = None


def _make_test(path):
    def test(self):
        with open(path, encoding="utf-8") as f:
            case = json.load(f)
        fresh = case.get("server") == "fresh"
        if fresh:
            server = harness.Server(env=case.get("env"))
            server.start()
            sessions = {}
        else:
            server = _shared["server"]
            sessions = _shared["sessions"]
        try:
            run = CaseRun(server, sessions)
            failure = None
            for n, step in enumerate(case["steps"], 1):
                failure = run.run_step(step, n)
                if failure:
                    break
            cleanup_failures = []
            for n, step in enumerate(case.get("finally") or [], 1):
                f = run.run_step(step, n)
                if f:
                    cleanup_failures.append("finally " + f)
            if not server.alive():
                failure = (failure or "") + "\nserver process died (exit %s)\n%s" % (
                    server.proc.returncode, server.log_tail())
            if failure:
                self.fail("%s: %s" % (os.path.basename(path), failure))
            if cleanup_failures:
                self.fail("\n".join(cleanup_failures))
        finally:
            if fresh:
                server.cleanup()
    test.__doc__ = None
    return test


for _path in sorted(glob.glob(os.path.join(CASES_DIR, "*.json"))):
    _name = "test_" + re.sub(r"\W", "_", os.path.splitext(os.path.basename(_path))[0])
    setattr(CaseFiles, _name, _make_test(_path))


if __name__ == "__main__":
    unittest.main()
