"""Starts the real `sahayak` binary on loopback and talks to it over HTTP.

Only the Python standard library is used. The binary comes from the environment variable
SAHAYAK_BIN (run.py sets it from --bin); when unset, the usual build folders are tried.

    server = Server()            # temp data folder, admin + agent created with the CLI
    server.start()               # `serve --listen 127.0.0.1:0 --port-file F`, waits for /readyz
    admin = server.login_admin() # Client with a cookie session and its CSRF token
    status, headers, body = admin.post("/api/v1/tickets", {...})
    server.kill9(); server.restart()
    server.stop()                # SIGTERM, then waits
"""

import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

ADMIN_PASSWORD = "Admin-पासवर्ड-123"
AGENT_PASSWORD = "Agent-ಪಾಸ್ವರ್ಡ್-456"


def binary_path():
    """The server binary: $SAHAYAK_BIN, else build/release, else build/debug."""
    env = os.environ.get("SAHAYAK_BIN")
    if env:
        return os.path.abspath(env)
    for sub in ("build/release/sahayak", "build/debug/sahayak"):
        p = os.path.join(REPO, sub)
        if os.path.exists(p):
            return p
    return os.path.join(REPO, "build/release/sahayak")


class HarnessError(Exception):
    pass


def run_cli(args, data_dir=None, env=None, check=True, timeout=60):
    """Runs `sahayak [--data D] args...`; returns CompletedProcess with text output."""
    cmd = [binary_path()]
    if data_dir is not None:
        cmd += ["--data", data_dir]
    cmd += list(args)
    full_env = dict(os.environ)
    if env:
        full_env.update(env)
    p = subprocess.run(cmd, capture_output=True, timeout=timeout, env=full_env)
    p.stdout = p.stdout.decode("utf-8", "replace")
    p.stderr = p.stderr.decode("utf-8", "replace")
    if check and p.returncode != 0:
        raise HarnessError("command failed (exit %d): %s\nstdout: %s\nstderr: %s"
                           % (p.returncode, " ".join(cmd), p.stdout, p.stderr))
    return p


class Response:
    """status, headers (http.client.HTTPMessage, case-insensitive), body (parsed JSON when the
    response is JSON, else bytes) and raw (bytes). Unpacks as (status, headers, body)."""

    def __init__(self, status, headers, raw, method="", path=""):
        self.status = status
        self.headers = headers
        self.raw = raw
        self.method = method
        self.path = path
        self.body = raw
        ctype = (headers.get("Content-Type") or "").lower()
        if "json" in ctype and raw:
            try:
                self.body = json.loads(raw.decode("utf-8"))
            except (ValueError, UnicodeDecodeError):
                self.body = raw

    def __iter__(self):
        return iter((self.status, self.headers, self.body))

    @property
    def json(self):
        return self.body if isinstance(self.body, (dict, list)) else None

    @property
    def problem_type(self):
        b = self.json
        return b.get("type") if isinstance(b, dict) else None

    def header(self, name):
        return self.headers.get(name)

    def describe(self, limit=1500):
        """One readable paragraph for assertion messages."""
        hdrs = "; ".join("%s: %s" % (k, v) for k, v in self.headers.items())
        body = self.raw[:limit].decode("utf-8", "replace")
        return "%s %s -> %s\n  headers: %s\n  body: %s" % (self.method, self.path, self.status,
                                                          hdrs, body)

    def __repr__(self):
        return "<Response %s %s %s>" % (self.method, self.path, self.status)


def quote_path(path):
    """Percent-encodes non-ASCII and spaces in a path+query, leaving existing escapes alone."""
    return urllib.parse.quote(path, safe="/?&=%:,@+$!*'();[]~#")


class Client:
    """An HTTP client for one principal: anonymous, a cookie session (with CSRF token sent on
    unsafe methods) or a bearer token. Every request opens its own connection."""

    UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}

    def __init__(self, server, token=None, timeout=30):
        self.server = server
        self.token = token
        self.session_cookie = None
        self.csrf_token = None
        self.agent = None
        self.timeout = timeout
        self.last_login = None

    # --- authentication -------------------------------------------------------------------
    def login(self, email, password, remember_me=False):
        """Logs in; on 200 keeps the session cookie and CSRF token. Returns the Response."""
        r = self.request("POST", "/api/v1/auth/login",
                         {"email": email, "password": password, "remember_me": remember_me},
                         auth=False)
        self.last_login = r
        if r.status == 200:
            cookie = session_cookie_from(r.headers)
            if cookie is None:
                raise HarnessError("login returned 200 without a sahayak_session cookie:\n"
                                   + r.describe())
            self.session_cookie = cookie
            if isinstance(r.json, dict):
                self.csrf_token = r.json.get("csrf_token")
                self.agent = r.json.get("agent")
        return r

    # --- requests -------------------------------------------------------------------------
    def request(self, method, path, body=None, headers=None, raw_body=None, auth=True,
                csrf=True, content_type=None):
        """Sends one request. `body` is JSON-encoded (UTF-8, not ASCII-escaped, so NFD text
        stays NFD on the wire); `raw_body` (bytes or str) is sent as is."""
        method = method.upper()
        hdrs = {"Host": "127.0.0.1:%d" % self.server.port, "Accept": "application/json"}
        data = None
        if raw_body is not None:
            data = raw_body.encode("utf-8") if isinstance(raw_body, str) else raw_body
            if content_type is not None:
                hdrs["Content-Type"] = content_type
        elif body is not None:
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
            hdrs["Content-Type"] = content_type or "application/json"
        if auth:
            if self.token:
                hdrs["Authorization"] = "Bearer " + self.token
            if self.session_cookie:
                hdrs["Cookie"] = "sahayak_session=" + self.session_cookie
                if csrf and method in self.UNSAFE and self.csrf_token:
                    hdrs["X-CSRF-Token"] = self.csrf_token
        if headers:
            for k, v in headers.items():
                # a header given as None removes the default
                for existing in list(hdrs):
                    if existing.lower() == k.lower():
                        del hdrs[existing]
                if v is not None:
                    hdrs[k] = v
        if data is not None and not any(k.lower() == "content-length" for k in hdrs):
            hdrs["Content-Length"] = str(len(data))
        qpath = quote_path(path)
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=self.timeout)
        try:
            conn.putrequest(method, qpath, skip_host=True, skip_accept_encoding=True)
            for k, v in hdrs.items():
                conn.putheader(k, v)
            conn.endheaders()
            if data:
                try:
                    conn.send(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the server answered early (413 ...) and closed; read its answer
            resp = conn.getresponse()
            raw = resp.read()
            return Response(resp.status, resp.headers, raw, method, path)
        finally:
            conn.close()

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.request("POST", path, body, **kw)

    def patch(self, path, body=None, **kw):
        return self.request("PATCH", path, body, **kw)

    def put(self, path, body=None, **kw):
        return self.request("PUT", path, body, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)

    # --- helpers used by many tests -------------------------------------------------------
    def upload(self, filename, data, part_type="application/octet-stream", field="file",
               headers=None):
        """POST /api/v1/attachments as multipart/form-data with one file part."""
        boundary = "----sahayak" + secrets.token_hex(12)
        fname = filename.replace('"', "%22")
        head = ("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
                "Content-Type: %s\r\n\r\n" % (boundary, field, fname, part_type)).encode("utf-8")
        tail = ("\r\n--%s--\r\n" % boundary).encode("ascii")
        return self.request("POST", "/api/v1/attachments", raw_body=head + data + tail,
                            content_type="multipart/form-data; boundary=" + boundary,
                            headers=headers)

    def create_ticket(self, subject="Parcel late", body="Where is my parcel?", email=None,
                      **extra):
        """Creates a ticket and returns its JSON; raises when the status is not 201."""
        payload = {"subject": subject, "message": {"body": body},
                   "requester": {"email": email or unique_email("req")}}
        payload.update(extra)
        r = self.post("/api/v1/tickets", payload)
        if r.status != 201:
            raise HarnessError("ticket create failed:\n" + r.describe())
        return r.json

    def list_all(self, path, limit=100, max_pages=5000):
        """Follows next_cursor through every page; returns the items."""
        items = []
        seen_cursors = set()
        sep = "&" if "?" in path else "?"
        url = "%s%slimit=%d" % (path, sep, limit)
        for _ in range(max_pages):
            r = self.get(url)
            if r.status != 200 or not isinstance(r.json, dict) or "data" not in r.json:
                raise HarnessError("list failed:\n" + r.describe())
            items.extend(r.json["data"])
            cur = r.json.get("next_cursor")
            if not cur:
                return items
            if cur in seen_cursors:
                raise HarnessError("list cursor repeats (endless paging): %s" % url)
            seen_cursors.add(cur)
            url = "%s%slimit=%d&cursor=%s" % (path, sep, limit, urllib.parse.quote(cur, safe=""))
        raise HarnessError("list did not end after %d pages: %s" % (max_pages, path))


def session_cookie_from(headers):
    """The sahayak_session value from Set-Cookie headers, or None."""
    for sc in headers.get_all("Set-Cookie") or []:
        first = sc.split(";", 1)[0].strip()
        if first.startswith("sahayak_session="):
            return first[len("sahayak_session="):]
    return None


def set_cookie_header(headers, name="sahayak_session"):
    for sc in headers.get_all("Set-Cookie") or []:
        if sc.strip().startswith(name + "="):
            return sc
    return None


def cookie_attributes(set_cookie):
    """{'httponly': True, 'samesite': 'Lax', 'max-age': '2592000', ...} from one header."""
    attrs = {}
    for part in set_cookie.split(";")[1:]:
        part = part.strip()
        if not part:
            continue
        if "=" in part:
            k, v = part.split("=", 1)
            attrs[k.strip().lower()] = v.strip()
        else:
            attrs[part.lower()] = True
    return attrs


_counter = [0]


def unique(prefix="x"):
    """A short unique lower-case token (usable in e-mails, tags and custom-field keys)."""
    _counter[0] += 1
    return "%s%d%s" % (prefix, _counter[0], secrets.token_hex(3))


def unique_email(prefix="c"):
    return "%s@example.in" % unique(prefix)


class Server:
    """One `sahayak serve` process on a temp data folder.

    Before the first start it runs `migrate`, creates an admin and an agent with
    `admin create-agent` and an API token for each with `admin create-token`."""

    def __init__(self, env=None, data_dir=None, create_users=True):
        self.env = dict(env or {})
        self.own_dir = data_dir is None
        self.base_dir = tempfile.mkdtemp(prefix="sahayak-it-")
        self.data_dir = data_dir or os.path.join(self.base_dir, "data")
        os.makedirs(self.data_dir, exist_ok=True)
        self.port_file = os.path.join(self.base_dir, "port")
        self.log_path = os.path.join(self.base_dir, "server.log")
        self.proc = None
        self.port = None
        self.log_file = None
        self.starts = 0
        self.admin_email = "admin@sahayak.test"
        self.agent_email = "agent@sahayak.test"
        self.admin_password = ADMIN_PASSWORD
        self.agent_password = AGENT_PASSWORD
        self.admin_id = None
        self.agent_id = None
        self.admin_token = None
        self.agent_token = None
        if create_users:
            self._create_users()

    # --- CLI ------------------------------------------------------------------------------
    def cli(self, *args, check=True):
        return run_cli(args, data_dir=self.data_dir, env=self.env, check=check)

    def create_agent(self, email, name, role, password):
        p = self.cli("admin", "create-agent", "--email", email, "--name", name, "--role", role,
                     "--password", password)
        ids = [int(tok) for tok in p.stdout.split() if tok.isdigit()]
        return ids[-1] if ids else None

    def create_token(self, email, name=None):
        args = ["admin", "create-token", "--email", email]
        if name:
            args += ["--name", name]
        p = self.cli(*args)
        token = p.stdout.strip()
        if not token or len(token.split()) != 1:
            raise HarnessError("create-token must print only the token, printed: %r" % p.stdout)
        return token

    def _create_users(self):
        self.cli("migrate")
        self.admin_id = self.create_agent(self.admin_email, "Asha Admin", "admin",
                                          self.admin_password)
        self.agent_id = self.create_agent(self.agent_email, "ರವಿ Agent", "agent",
                                          self.agent_password)
        self.admin_token = self.create_token(self.admin_email, "it-admin")
        self.agent_token = self.create_token(self.agent_email, "it-agent")

    # --- process --------------------------------------------------------------------------
    def start(self, timeout=30):
        if self.proc is not None and self.proc.poll() is None:
            raise HarnessError("server already running")
        if os.path.exists(self.port_file):
            os.unlink(self.port_file)
        self._close_log()
        env = dict(os.environ)
        env.update(self.env)
        self.log_file = open(self.log_path, "ab")
        self.log_file.write(("\n==== start %d ====\n" % self.starts).encode())
        self.log_file.flush()
        self.proc = subprocess.Popen(
            [binary_path(), "--data", self.data_dir, "serve", "--listen", "127.0.0.1:0",
             "--port-file", self.port_file],
            stdout=self.log_file, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env)
        self.starts += 1
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise HarnessError("server exited with %s before listening\n%s"
                                   % (self.proc.returncode, self.log_tail()))
            try:
                with open(self.port_file) as f:
                    text = f.read().strip()
                if text:
                    self.port = int(text)
                    break
            except (FileNotFoundError, ValueError):
                pass
            time.sleep(0.02)
        else:
            self.kill9()
            raise HarnessError("no port file after %ss\n%s" % (timeout, self.log_tail()))
        while time.monotonic() < deadline:
            try:
                r = Client(self, timeout=5).get("/readyz")
                if r.status == 200:
                    self._fill_ids()
                    return self
            except OSError:
                pass
            if self.proc.poll() is not None:
                raise HarnessError("server exited with %s while starting\n%s"
                                   % (self.proc.returncode, self.log_tail()))
            time.sleep(0.05)
        self.kill9()
        raise HarnessError("/readyz not 200 after %ss\n%s" % (timeout, self.log_tail()))

    def _fill_ids(self):
        # When `create-agent` printed something other than a bare id, ask the API.
        for attr, token in (("admin_id", self.admin_token), ("agent_id", self.agent_token)):
            if getattr(self, attr) is None and token:
                r = Client(self, token=token).get("/api/v1/auth/me")
                if r.status == 200 and isinstance(r.json, dict):
                    agent = r.json.get("agent") or r.json
                    setattr(self, attr, agent.get("id"))

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def stop(self, timeout=15):
        """SIGTERM and wait; returns the exit code (SIGKILL after `timeout`)."""
        if self.proc is None:
            return None
        code = self.proc.poll()
        if code is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                code = self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                code = self.proc.wait()
        self._close_log()
        return code

    def kill9(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()
        self._close_log()

    def restart(self):
        if self.alive():
            self.stop()
        return self.start()

    def cleanup(self):
        """Stops the process and removes the temp folder (kept when SAHAYAK_KEEP_DATA=1)."""
        try:
            self.stop()
        finally:
            if os.environ.get("SAHAYAK_KEEP_DATA") != "1":
                shutil.rmtree(self.base_dir, ignore_errors=True)

    def _close_log(self):
        if self.log_file:
            self.log_file.close()
            self.log_file = None

    def log_tail(self, n=4000):
        try:
            with open(self.log_path, "rb") as f:
                data = f.read()
            return "server log (tail):\n" + data[-n:].decode("utf-8", "replace")
        except OSError:
            return "(no server log)"

    # --- clients --------------------------------------------------------------------------
    def anonymous(self):
        return Client(self)

    def bearer(self, token):
        return Client(self, token=token)

    def login(self, email, password, remember_me=False):
        c = Client(self)
        r = c.login(email, password, remember_me)
        if r.status != 200:
            raise HarnessError("login of %s failed:\n%s" % (email, r.describe()))
        return c

    def login_admin(self):
        return self.login(self.admin_email, self.admin_password)

    def login_agent(self):
        return self.login(self.agent_email, self.agent_password)

    def raw_exchange(self, data, timeout=3.0, read_limit=1 << 20, chunks=None):
        """Sends raw bytes on a fresh socket; returns whatever came back (b'' if closed)."""
        s = socket.create_connection(("127.0.0.1", self.port), timeout=timeout)
        out = b""
        try:
            try:
                for part in (chunks or [data]):
                    s.sendall(part)
                s.shutdown(socket.SHUT_WR)
            except OSError:
                pass
            deadline = time.monotonic() + timeout
            while len(out) < read_limit and time.monotonic() < deadline:
                try:
                    b = s.recv(65536)
                except socket.timeout:
                    break
                except OSError:
                    break
                if not b:
                    break
                out += b
        finally:
            s.close()
        return out

    def raw_headers_then_wait(self, head, wait=5.0):
        """Sends `head` (request line, headers, maybe the start of a body) and waits up to
        `wait` seconds for an answer without sending more; returns what came back."""
        s = socket.create_connection(("127.0.0.1", self.port), timeout=wait)
        out = b""
        try:
            s.sendall(head)
            deadline = time.monotonic() + wait
            while time.monotonic() < deadline:
                try:
                    b = s.recv(65536)
                except (socket.timeout, OSError):
                    break
                if not b:
                    break
                out += b
                if b"\r\n\r\n" in out:
                    # headers are in; read the rest of a short body if it is already there
                    s.settimeout(0.3)
        finally:
            s.close()
        return out
