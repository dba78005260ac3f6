"""Real Postfix and Dovecot on loopback for the mail tests, in a temp folder, without systemd.

    with MailServers() as mail:                 # or MailServers(tmpdir, tls=True, ...)
        mail.send("customer@example.in", "support@help.acme-courier.test", raw_bytes)
        msg = mail.wait_for_imap("customer@example.in", mail.password("customer@example.in"),
                                 lambda m: m["Message-ID"] == "<x@example.in>")
        mail.wait_for_queue_empty()

What runs (all bound to 127.0.0.1 on free ports, all files under one fresh temp folder):

- Dovecot (`dovecot -F -c <conf>`, a child process): IMAP (`imap_port`; with `tls=True` also
  STARTTLS there and IMAPS on `imaps_port`) and LMTP (`lmtp_port`). Users and passwords come
  from a passwd-file (`USERS`, plus any given); mail is kept in maildirs under `mail_dir`,
  owned by the unprivileged `mail_user` (Dovecot refuses to store mail as root).
- Postfix (`postfix -c <conf> start-fg`; the master runs in a session of its own, so a small
  watchdog process stops both servers and removes the folder if the test process is killed)
  with its own config_directory, queue_directory and data_directory, SMTP on `smtp_port`, no
  DNS and no outside mail:
  * mail to `MAILBOX_DOMAINS` (example.in, acme-courier.test) goes to Dovecot over LMTP;
    an address not in the users list is refused at RCPT time;
  * mail to `PIPE_DOMAIN` (help.acme-courier.test) goes to the pipe(8) transport `sahayak`,
    which runs the configured command as `pipe_user` (Postfix never runs pipe commands as
    root) with the message on stdin (Delivered-To and Return-Path prepended: flags=DRq) and
    RECIPIENT/SENDER in the environment, one recipient per run. The default
    command stores each message under `pipe_dir` (`piped()`, `wait_for_pipe()`);
    `set_pipe_command([...])` switches it, e.g. to `sahayak --data D mail-deliver`, without
    restarting Postfix. The command's exit status is Postfix's: 0 delivered, 75 deferred
    (retried every second or two here), anything else bounced to the sender;
  * every other domain bounces at once (`default_transport = error`);
  * SMTP AUTH (PLAIN, LOGIN) against Dovecot's users, as an SMTP client such as Sahayak's
    outbox would log in; loopback clients may also send without it (mynetworks).

Nothing under /etc/postfix or /etc/dovecot is written; of them only the package's shared
files (`postfix-files`, `dynamicmaps.cf`) are read. Needs root (Postfix's master and
Dovecot's master start as root and drop privileges) and the Debian packages postfix, dovecot-imapd and
dovecot-lmtpd, which scripts/install-deps installs; `unavailable_reason()` says what is
missing. With SAHAYAK_KEEP_DATA=1 the temp folder (with postfix.log and dovecot.log) is kept.
"""

import atexit
import email
import email.policy
import grp
import imaplib
import json
import os
import pwd
import re
import shlex
import shutil
import signal
import smtplib
import socket
import ssl
import subprocess
import sys
import tempfile
import time

POSTFIX = "/usr/sbin/postfix"
POSTCONF = "/usr/sbin/postconf"
POSTQUEUE = "/usr/sbin/postqueue"
POSTFIX_DAEMONS = "/usr/lib/postfix/sbin"
DOVECOT = "/usr/sbin/dovecot"
DOVECOT_LIBEXEC = "/usr/lib/dovecot"
OPENSSL = "/usr/bin/openssl"
# The default pipe command runs as pipe_user, who may not reach a Python under /root.
SYSTEM_PYTHON = "/usr/bin/python3"

HOSTNAME = "mx.test"
MAILBOX_DOMAINS = ("example.in", "acme-courier.test")
PIPE_DOMAIN = "help.acme-courier.test"

# Mailbox users: address -> password (ASCII: imaplib sends LOGIN arguments as ASCII).
USERS = {
    "customer@example.in": "customer-pass-1",
    "ravi.kumar@example.in": "ravi-pass-2",
    "support@acme-courier.test": "support-pass-3",
    "billing@acme-courier.test": "billing-pass-4",
}

QUEUE_SUBDIRS = ("maildrop", "incoming", "active", "deferred", "hold")
_SOCKET_PATH_MAX = 100  # sun_path is 108 bytes; Dovecot's longest name under base_dir is short


class MailServersError(Exception):
    pass


# Runs beside the servers in its own session, reading a pipe from the test process. When the
# pipe closes without "done" (the test process was killed), it stops this instance's Postfix
# master (which runs in its own session) and Dovecot, and removes the temp folder.
_WATCHDOG = r"""
import os, shutil, signal, sys, time
root, keep = sys.argv[1], sys.argv[2] == "1"
if sys.stdin.buffer.read() == b"done":
    sys.exit(0)
def pid_of(path, check):
    try:
        pid = int(open(path).read().split()[0])
        return pid if check(pid) else None
    except (OSError, ValueError, IndexError):
        return None
queue = os.path.join(root, "pf", "queue")
pids = [pid_of(os.path.join(queue, "pid", "master.pid"),
               lambda p: os.path.realpath("/proc/%d/cwd" % p) == os.path.realpath(queue)),
        pid_of(os.path.join(root, "dv", "run", "master.pid"),
               lambda p: root.encode() in open("/proc/%d/cmdline" % p, "rb").read())]
for pid in filter(None, pids):
    try:
        os.kill(pid, signal.SIGTERM)
    except OSError:
        pass
deadline = time.monotonic() + 10
for pid in filter(None, pids):
    while time.monotonic() < deadline and os.path.exists("/proc/%d" % pid):
        time.sleep(0.05)
    if os.path.exists("/proc/%d" % pid):
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
if not keep:
    shutil.rmtree(root, ignore_errors=True)
"""


def unavailable_reason(tls=False):
    """Why the real mail servers cannot run here, or None when they can."""
    if os.geteuid() != 0:
        return ("the Postfix and Dovecot tests start both servers as root (they drop privileges "
                "themselves); run them as root, e.g. in the project's container")
    needed = [POSTFIX, POSTCONF, os.path.join(POSTFIX_DAEMONS, "master"),
              os.path.join(POSTFIX_DAEMONS, "pipe"), os.path.join(POSTFIX_DAEMONS, "lmtp"),
              DOVECOT, os.path.join(DOVECOT_LIBEXEC, "imap"),
              os.path.join(DOVECOT_LIBEXEC, "lmtp"), SYSTEM_PYTHON]
    if tls:
        needed.append(OPENSSL)
    missing = [p for p in needed if not os.access(p, os.X_OK)]
    if missing:
        return ("Postfix/Dovecot are not installed (missing %s); scripts/install-deps installs "
                "postfix, dovecot-imapd and dovecot-lmtpd" % ", ".join(missing))
    for user in ("postfix", "dovecot", "dovenull"):
        try:
            pwd.getpwnam(user)
        except KeyError:
            return "the system user %r is missing (it comes with the Debian packages)" % user
    try:
        grp.getgrnam("postdrop")
    except KeyError:
        return "the group 'postdrop' is missing (it comes with the postfix package)"
    return None


def free_ports(n):
    """n distinct free TCP ports on 127.0.0.1 (held open together so they differ)."""
    socks = []
    try:
        for _ in range(n):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind(("127.0.0.1", 0))
            socks.append(s)
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


def _tail(path, n=3000):
    try:
        with open(path, "rb") as f:
            f.seek(0, os.SEEK_END)
            size = f.tell()
            f.seek(max(0, size - n))
            return f.read().decode("utf-8", "replace")
    except OSError:
        return "(no %s)" % path


def _write(path, text, mode=0o644):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    os.chmod(path, mode)


def _greeting(port, timeout=2.0):
    """The first line a server sends on connect, or None when nothing listens yet."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
            data = b""
            while b"\n" not in data:
                chunk = s.recv(512)
                if not chunk:
                    break
                data += chunk
            return data.decode("ascii", "replace").strip()
    except OSError:
        return None


class MailServers:
    """Postfix + Dovecot on loopback in a fresh temp folder; see the module docstring.

    tmpdir: where to make the temp folder (default: the system's); every ancestor must be
    searchable by the unprivileged users the servers switch to. users: extra mailbox users
    (address -> password). pipe_command: argv run for mail to PIPE_DOMAIN (default: store the
    message under pipe_dir). tls: also offer STARTTLS (SMTP, IMAP) and IMAPS with a
    self-signed certificate (`cert_path`, valid for 127.0.0.1 and mx.test)."""

    def __init__(self, tmpdir=None, users=None, pipe_command=None, pipe_user="nobody",
                 mail_user="nobody", tls=False, start_timeout=20.0, lmtp_transport=None):
        self.tmpdir = tmpdir
        # (domain, port): mail to that domain goes over LMTP to 127.0.0.1:port (e.g. Sahayak's
        # own LMTP listener) through a transport map entry.
        self.lmtp_transport = lmtp_transport
        self.users = dict(USERS)
        self.users.update(users or {})
        for addr, pw in self.users.items():
            if ":" in addr + pw or any(c.isspace() for c in addr + pw) or "@" not in addr:
                raise ValueError("unusable mail user %r / password %r" % (addr, pw))
            if addr.split("@", 1)[1] not in MAILBOX_DOMAINS:
                raise ValueError("%s is not in a mailbox domain %s" % (addr, MAILBOX_DOMAINS))
        self.tls = tls
        self.start_timeout = start_timeout
        self.pipe_user = pwd.getpwnam(pipe_user)
        self.mail_user = pwd.getpwnam(mail_user)
        if self.pipe_user.pw_uid == 0 or self.mail_user.pw_uid == 0:
            raise ValueError("Postfix and Dovecot refuse to deliver as root; pick another user")
        self._initial_pipe_command = pipe_command
        self.root = None
        self.smtp_port = self.imap_port = self.imaps_port = self.lmtp_port = None
        self.auth_port = None  # Dovecot's SASL service, which Postfix's SMTP AUTH asks
        self.cert_path = self.key_path = None
        self.dovecot = None
        self.postfix = None
        self._watchdog = None
        self.startup_seconds = None

    # --- paths -----------------------------------------------------------------------------
    def _p(self, *parts):
        return os.path.join(self.root, *parts)

    @property
    def postfix_config_dir(self):
        return self._p("pf", "etc")

    @property
    def queue_dir(self):
        return self._p("pf", "queue")

    @property
    def postfix_log(self):
        return self._p("pf", "postfix.log")

    @property
    def dovecot_config(self):
        return self._p("dv", "dovecot.conf")

    @property
    def dovecot_log(self):
        return self._p("dv", "dovecot.log")

    @property
    def mail_dir(self):
        return self._p("mail")

    @property
    def pipe_dir(self):
        return self._p("pipe")

    @property
    def pipe_script(self):
        """What Postfix's pipe transport runs: a wrapper that execs the configured command."""
        return self._p("bin", "pipe-deliver")

    def maildir(self, address):
        local, domain = address.split("@", 1)
        return os.path.join(self.mail_dir, domain, local, "Maildir")

    def password(self, address):
        return self.users[address]

    # --- life cycle ------------------------------------------------------------------------
    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
        return False

    def start(self):
        reason = unavailable_reason(self.tls)
        if reason:
            raise MailServersError(reason)
        t0 = time.monotonic()
        self.root = tempfile.mkdtemp(prefix="sahayak-mail-", dir=self.tmpdir)
        atexit.register(self.stop)
        self._watchdog = subprocess.Popen(
            [SYSTEM_PYTHON, "-c", _WATCHDOG, self.root,
             "1" if os.environ.get("SAHAYAK_KEEP_DATA") == "1" else "0"],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, start_new_session=True)
        try:
            # Postfix's and Dovecot's unprivileged processes must reach their folders.
            os.chmod(self.root, 0o755)
            self._check_path_searchable(self.root)
            for attempt in (1, 2):
                (self.smtp_port, self.imap_port, self.imaps_port, self.lmtp_port,
                 self.auth_port) = free_ports(5)
                self._prepare()
                try:
                    self._start_dovecot()
                    self._start_postfix()
                    break
                except MailServersError as e:
                    self._stop_processes()
                    if attempt == 2 or "in use" not in str(e):
                        raise
                    self._reset_folders()  # a port was taken meanwhile: once more, new ports
        except BaseException:
            self.stop()
            raise
        self.startup_seconds = time.monotonic() - t0
        return self

    def stop(self):
        """Stops both servers and removes the temp folder (kept with SAHAYAK_KEEP_DATA=1).
        Safe to call twice."""
        try:
            atexit.unregister(self.stop)
        except Exception:  # noqa: BLE001 - interpreter shutting down
            pass
        self._stop_processes()
        if self.root and os.environ.get("SAHAYAK_KEEP_DATA") != "1":
            shutil.rmtree(self.root, ignore_errors=True)
        elif self.root:
            sys.stderr.write("mailservers: kept %s\n" % self.root)
        self.root = None
        if self._watchdog is not None:
            try:
                self._watchdog.communicate(b"done", timeout=10)
            except (OSError, subprocess.SubprocessError):
                self._watchdog.kill()
            self._watchdog = None

    def _stop_processes(self):
        if self.postfix is not None:
            master_pid = self._postfix_master_pid()
            if master_pid:
                try:
                    os.kill(master_pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
            self._reap(self.postfix, "postfix")
            if master_pid:
                self._wait_pid_gone(master_pid)
            self.postfix = None
        if self.dovecot is not None:
            if self.dovecot.poll() is None:
                self.dovecot.send_signal(signal.SIGTERM)
            self._reap(self.dovecot, "dovecot")
            self.dovecot = None

    @staticmethod
    def _reap(proc, name, timeout=15):
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            sys.stderr.write("mailservers: %s did not stop in %ds; killing it\n" % (name, timeout))
            proc.kill()
            proc.wait()

    @staticmethod
    def _wait_pid_gone(pid, timeout=10):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.05)
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def _postfix_master_pid(self):
        try:
            with open(os.path.join(self.queue_dir, "pid", "master.pid")) as f:
                return int(f.read().strip())
        except (OSError, ValueError):
            return None

    @staticmethod
    def _check_path_searchable(path):
        p = os.path.abspath(path)
        while True:
            st = os.stat(p)
            if not st.st_mode & 0o001:
                raise MailServersError("%s is not searchable by other users, so Postfix and "
                                       "Dovecot cannot reach their files below it; give "
                                       "MailServers a tmpdir outside it" % p)
            parent = os.path.dirname(p)
            if parent == p:
                return
            p = parent

    def _reset_folders(self):
        for sub in ("pf", "dv", "mail", "pipe", "bin", "tls"):
            shutil.rmtree(self._p(sub), ignore_errors=True)

    # --- configuration ---------------------------------------------------------------------
    def _prepare(self):
        mu, pu = self.mail_user, self.pipe_user
        for sub in ("pf", "pf/etc", "pf/queue", "pf/data", "dv", "dv/run", "dv/state", "bin"):
            os.makedirs(self._p(sub), mode=0o755, exist_ok=True)
        os.chown(self._p("pf", "data"), pwd.getpwnam("postfix").pw_uid, 0)
        os.makedirs(self.mail_dir, exist_ok=True)
        os.chown(self.mail_dir, mu.pw_uid, mu.pw_gid)
        for addr in self.users:
            local, domain = addr.split("@", 1)
            for d in (os.path.join(self.mail_dir, domain),
                      os.path.join(self.mail_dir, domain, local)):
                os.makedirs(d, exist_ok=True)
                os.chown(d, mu.pw_uid, mu.pw_gid)
        for sub in ("", "tmp", "new"):
            d = os.path.join(self.pipe_dir, sub)
            os.makedirs(d, exist_ok=True)
            os.chown(d, pu.pw_uid, pu.pw_gid)
        if self.tls:
            self._make_certificate()
        self._write_capture_script()
        self.set_pipe_command(self._initial_pipe_command or self.capture_command())
        self._write_dovecot_config()
        self._write_postfix_config()
        if len(self._p("dv", "run", "login", "tokenlogin")) > _SOCKET_PATH_MAX:
            raise MailServersError("temp folder path %s is too long for unix sockets" % self.root)

    def _make_certificate(self):
        os.makedirs(self._p("tls"), mode=0o755, exist_ok=True)
        self.cert_path = self._p("tls", "cert.pem")
        self.key_path = self._p("tls", "key.pem")
        cmd = [OPENSSL, "req", "-x509", "-newkey", "ec", "-pkeyopt",
               "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj",
               "/CN=" + HOSTNAME, "-addext",
               "subjectAltName=DNS:%s,DNS:localhost,IP:127.0.0.1" % HOSTNAME,
               "-keyout", self.key_path, "-out", self.cert_path]
        p = subprocess.run(cmd, capture_output=True, timeout=60)
        if p.returncode != 0:
            raise MailServersError("openssl req failed (%d): %s"
                                   % (p.returncode, p.stderr.decode("utf-8", "replace")))
        os.chmod(self.key_path, 0o600)  # both servers read it as root before dropping privileges

    def ssl_context(self):
        """A client context that trusts only this instance's certificate (tls=True)."""
        if not self.cert_path:
            raise MailServersError("started without tls=True")
        return ssl.create_default_context(cafile=self.cert_path)

    def _write_dovecot_config(self):
        mu = self.mail_user
        users_file = self._p("dv", "users")
        lines = []
        for addr, pw in sorted(self.users.items()):
            local, domain = addr.split("@", 1)
            home = os.path.join(self.mail_dir, domain, local)
            lines.append("%s:{PLAIN}%s:%d:%d::%s::" % (addr, pw, mu.pw_uid, mu.pw_gid, home))
        _write(users_file, "\n".join(lines) + "\n", 0o644)  # read by the auth process (dovecot)
        ssl_lines = "ssl = no\n"
        imaps = "    port = 0\n"
        if self.tls:
            ssl_lines = ("ssl = yes\nssl_cert = <%s\nssl_key = <%s\nssl_min_protocol = TLSv1.2\n"
                         % (self.cert_path, self.key_path))
            imaps = "    address = 127.0.0.1\n    port = %d\n" % self.imaps_port
        conf = """# Written by tests/integration/mailservers.py for one test run.
instance_name = sahayak-test-{name}
base_dir = {run}
state_dir = {state}
log_path = {log}
protocols = imap lmtp
listen = 127.0.0.1
hostname = imap.{host}
{ssl}disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
default_login_user = dovenull
default_internal_user = dovecot
first_valid_uid = 1
mail_location = maildir:~/Maildir
postmaster_address = postmaster@acme-courier.test
mail_fsync = never
namespace inbox {{
  inbox = yes
  separator = /
}}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {users}
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {users}
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {imap}
  }}
  inet_listener imaps {{
{imaps}  }}
}}
service lmtp {{
  inet_listener lmtp {{
    address = 127.0.0.1
    port = {lmtp}
  }}
}}
# No growing login delay for 127.0.0.1 after a test's deliberate wrong password: the auth
# process cannot reach anvil's penalty socket.
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
service auth {{
  inet_listener sasl {{
    address = 127.0.0.1
    port = {auth}
  }}
}}
""".format(name=os.path.basename(self.root), run=self._p("dv", "run"),
           state=self._p("dv", "state"), log=self.dovecot_log, host=HOSTNAME, ssl=ssl_lines,
           users=users_file, imap=self.imap_port, imaps=imaps, lmtp=self.lmtp_port,
           auth=self.auth_port)
        _write(self.dovecot_config, conf, 0o644)

    def _write_postfix_config(self):
        mailbox_map = ", ".join("%s=ok" % a for a in sorted(self.users))
        tls = ""
        if self.tls:
            tls = ("smtpd_tls_cert_file = %s\nsmtpd_tls_key_file = %s\n"
                   "smtpd_tls_security_level = may\n" % (self.cert_path, self.key_path))
        extra_relay = transport_maps = ""
        if self.lmtp_transport:
            domain, port = self.lmtp_transport
            extra_relay = ", " + domain
            transport_maps = ("transport_maps = inline:{ %s=lmtp:inet:127.0.0.1:%d }\n"
                              % (domain, port))
        main_cf = """# Written by tests/integration/mailservers.py for one test run.
compatibility_level = 3.6
config_directory = {etc}
queue_directory = {queue}
data_directory = {data}
command_directory = /usr/sbin
daemon_directory = {daemons}
meta_directory = /etc/postfix
mail_owner = postfix
setgid_group = postdrop
myhostname = {host}
mydomain = {host}
myorigin = $myhostname
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
relayhost =
smtp_dns_support_level = disabled
lmtp_dns_support_level = disabled
smtpd_banner = $myhostname ESMTP Sahayak test MTA
biff = no
append_dot_mydomain = no
readme_directory = no
alias_maps =
alias_database =
local_recipient_maps =
local_transport = error:5.1.1 no local delivery in tests
default_transport = error:5.4.4 no outside mail in tests
virtual_mailbox_domains = {mailbox_domains}
virtual_mailbox_maps = inline:{{ {mailbox_map} }}
virtual_transport = lmtp:inet:127.0.0.1:{lmtp}
relay_domains = {pipe_domain}{extra_relay}
relay_transport = sahayak
{transport_maps}sahayak_destination_recipient_limit = 1
smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination
smtpd_sasl_auth_enable = yes
smtpd_sasl_type = dovecot
smtpd_sasl_path = inet:127.0.0.1:{auth}
smtpd_sasl_security_options = noanonymous
smtpd_error_sleep_time = 0s
maillog_file = {log}
maillog_file_prefixes = {root}
queue_run_delay = 1s
minimal_backoff_time = 1s
maximal_backoff_time = 2s
delay_warning_time = 0h
{tls}""".format(etc=self.postfix_config_dir, queue=self.queue_dir, data=self._p("pf", "data"),
                daemons=POSTFIX_DAEMONS, host=HOSTNAME,
                mailbox_domains=", ".join(MAILBOX_DOMAINS), mailbox_map=mailbox_map,
                lmtp=self.lmtp_port, auth=self.auth_port, pipe_domain=PIPE_DOMAIN,
                log=self.postfix_log,
                root=self.root, tls=tls, extra_relay=extra_relay, transport_maps=transport_maps)
        # The services of Debian's master.cf, none chrooted (the queue is in a temp folder),
        # smtpd only on our port, and the pipe transport to the configured command.
        master_cf = """# Written by tests/integration/mailservers.py for one test run.
127.0.0.1:{smtp} inet n - n - - smtpd
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
lmtp      unix  -       -       n       -       -       lmtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
sahayak   unix  -       n       n       -       -       pipe
  flags=DRq user={user} argv={script} ${{recipient}} ${{sender}}
""".format(smtp=self.smtp_port, user=self.pipe_user.pw_name, script=self.pipe_script)
        # Postfix waits (up to seconds) until a table file is older than the current second,
        # in case it is still being written: date both files back.
        past = time.time() - 5
        for name, text in (("main.cf", main_cf), ("master.cf", master_cf)):
            path = os.path.join(self.postfix_config_dir, name)
            _write(path, text, 0o644)
            os.utime(path, (past, past))

    # --- the pipe transport's command --------------------------------------------------------
    def capture_command(self):
        """The default pipe command: stores the message and its envelope under pipe_dir."""
        return [SYSTEM_PYTHON, self._p("bin", "capture"), self.pipe_dir]

    def _write_capture_script(self):
        _write(self._p("bin", "capture"), '''\
"""Written by mailservers.py: stores one message from stdin and its envelope in DIR/new."""
import json, os, sys, time
folder = sys.argv[1]
raw = sys.stdin.buffer.read()
name = "%d.%d" % (time.time_ns(), os.getpid())
meta = {"recipient": os.environ.get("RECIPIENT"), "sender": os.environ.get("SENDER"),
        "uid": os.getuid(), "gid": os.getgid(), "argv": sys.argv[2:], "size": len(raw)}
for suffix, data in ((".eml", raw), (".json", json.dumps(meta).encode())):
    tmp = os.path.join(folder, "tmp", name + suffix)
    with open(tmp, "wb") as f:
        f.write(data)
    os.rename(tmp, os.path.join(folder, "new", name + suffix))
''', 0o644)

    def set_pipe_command(self, argv):
        """Makes mail to PIPE_DOMAIN run `argv` (as pipe_user, message on stdin, RECIPIENT and
        SENDER in the environment). Takes effect for the next delivery; no restart."""
        argv = [str(a) for a in argv]
        if not argv:
            raise ValueError("empty pipe command")
        script = ("#!/bin/sh\n"
                  "# Written by mailservers.py. Postfix's pipe(8) runs this as %s with the\n"
                  "# message on stdin; $1 is the envelope recipient, $2 the sender.\n"
                  "RECIPIENT=\"$1\" SENDER=\"$2\"\nexport RECIPIENT SENDER\nexec %s\n"
                  % (self.pipe_user.pw_name, " ".join(shlex.quote(a) for a in argv)))
        tmp = self.pipe_script + ".tmp"
        _write(tmp, script, 0o755)
        os.replace(tmp, self.pipe_script)
        self.pipe_command = argv

    def piped(self):
        """Messages the default pipe command stored, oldest first: dicts with raw (bytes),
        message (email.message.EmailMessage), recipient, sender, uid, gid."""
        out = []
        new = os.path.join(self.pipe_dir, "new")
        for name in sorted(os.listdir(new)):
            if not name.endswith(".json"):
                continue
            stem = name[:-len(".json")]
            try:
                with open(os.path.join(new, name), encoding="utf-8") as f:
                    meta = json.load(f)
                with open(os.path.join(new, stem + ".eml"), "rb") as f:
                    raw = f.read()
            except (OSError, ValueError):
                continue
            meta["raw"] = raw
            meta["message"] = email.message_from_bytes(raw, policy=email.policy.default)
            out.append(meta)
        return out

    def wait_for_pipe(self, predicate=None, timeout=30.0):
        """The first stored pipe delivery for which predicate(dict) is true (see piped())."""
        deadline = time.monotonic() + timeout
        while True:
            for item in self.piped():
                if predicate is None or predicate(item):
                    return item
            if time.monotonic() > deadline:
                raise MailServersError("no matching message reached the pipe command in %ss\n%s"
                                       % (timeout, self.diagnostics()))
            time.sleep(0.1)

    # --- processes ---------------------------------------------------------------------------
    def _start_dovecot(self):
        out = open(self._p("dv", "stderr.log"), "wb")
        try:
            self.dovecot = subprocess.Popen([DOVECOT, "-F", "-c", self.dovecot_config],
                                            stdin=subprocess.DEVNULL, stdout=out,
                                            stderr=subprocess.STDOUT)
        finally:
            out.close()
        self._wait_ready("dovecot", self.dovecot, [(self.imap_port, "* OK"),
                                                    (self.lmtp_port, "220"),
                                                    (self.auth_port, "VERSION")],
                         [self._p("dv", "stderr.log"), self.dovecot_log])

    def _make_postfix_dirs(self):
        """Creates the queue and data folders as Postfix's own `postfix-files` list says (what
        `postfix check` does, in milliseconds instead of seconds)."""
        owners = {"$mail_owner": "postfix", "$setgid_group": "postdrop", "root": "root"}
        roots = {"$queue_directory": self.queue_dir, "$data_directory": self._p("pf", "data")}
        with open("/etc/postfix/postfix-files", encoding="utf-8") as f:
            for line in f:
                parts = line.strip().split(":")
                if len(parts) < 5 or parts[1] != "d" or parts[0].startswith("#"):
                    continue
                top, _, rest = parts[0].partition("/")
                if top not in roots:
                    continue
                path = os.path.join(roots[top], rest) if rest else roots[top]
                os.makedirs(path, exist_ok=True)
                uid = pwd.getpwnam(owners[parts[2]]).pw_uid
                gid = grp.getgrnam(owners[parts[3]]).gr_gid if parts[3] != "-" else 0
                os.chown(path, uid, gid)
                os.chmod(path, int(parts[4], 8))

    def _start_postfix(self):
        self._make_postfix_dirs()
        # With quick-start, `postfix start-fg` skips its integrity checks (seconds on a busy
        # machine) and runs the master in the foreground, our child, logging to postfix.log.
        with open(os.path.join(self.queue_dir, "quick-start"), "w"):
            pass
        out = open(self._p("pf", "stderr.log"), "wb")
        try:
            self.postfix = subprocess.Popen([POSTFIX, "-c", self.postfix_config_dir, "start-fg"],
                                            stdin=subprocess.DEVNULL, stdout=out,
                                            stderr=subprocess.STDOUT)
        finally:
            out.close()
        self._wait_ready("postfix", self.postfix, [(self.smtp_port, "220")],
                         [self._p("pf", "stderr.log"), self.postfix_log])

    def _wait_ready(self, name, proc, probes, logs):
        deadline = time.monotonic() + self.start_timeout
        pending = list(probes)
        while pending:
            if proc.poll() is not None:
                raise MailServersError("%s exited with %s while starting%s"
                                       % (name, proc.returncode, self._logs_text(logs)))
            port, expect = pending[0]
            line = _greeting(port)
            if line is not None and line.startswith(expect):
                pending.pop(0)
                continue
            if time.monotonic() > deadline:
                raise MailServersError("%s did not answer on 127.0.0.1:%d within %ss (got %r)%s"
                                       % (name, port, self.start_timeout, line,
                                          self._logs_text(logs)))
            time.sleep(0.05)

    @staticmethod
    def _logs_text(paths):
        return "".join("\n--- %s (tail) ---\n%s" % (p, _tail(p)) for p in paths)

    # --- using the servers -------------------------------------------------------------------
    def send(self, sender, recipients, message, timeout=30):
        """Submits `message` (bytes, or an email.message.Message) to Postfix over SMTP.
        Returns smtplib's refused-recipients dict (empty when all were accepted)."""
        if isinstance(recipients, str):
            recipients = [recipients]
        if not isinstance(message, (bytes, bytearray)):
            message = message.as_bytes(policy=email.policy.SMTP)
        with smtplib.SMTP("127.0.0.1", self.smtp_port, local_hostname="client.test",
                          timeout=timeout) as s:
            return s.sendmail(sender, list(recipients), message)

    def lmtp_deliver(self, sender, recipient, message, timeout=30):
        """Delivers `message` to one recipient straight into Dovecot over LMTP (no Postfix).
        Returns smtplib's refused dict; raises smtplib.SMTPRecipientsRefused when refused.
        (One recipient per session: LMTP answers DATA once per recipient, smtplib reads one.)"""
        if not isinstance(message, (bytes, bytearray)):
            message = message.as_bytes(policy=email.policy.SMTP)
        s = smtplib.LMTP("127.0.0.1", self.lmtp_port, local_hostname="client.test",
                         timeout=timeout)
        try:
            return s.sendmail(sender, [recipient], message)
        finally:
            try:
                s.quit()
            except (smtplib.SMTPException, OSError):
                s.close()

    def imap(self, address, password=None, tls=None):
        """A logged-in imaplib connection (tls: None plain, 'starttls' or 'ssl')."""
        password = self.password(address) if password is None else password
        if tls == "ssl":
            conn = imaplib.IMAP4_SSL("127.0.0.1", self.imaps_port, ssl_context=self.ssl_context(),
                                     timeout=30)
        else:
            conn = imaplib.IMAP4("127.0.0.1", self.imap_port, timeout=30)
            if tls == "starttls":
                conn.starttls(self.ssl_context())
        conn.login(address, password)
        return conn

    def fetch_all(self, address, password=None, mailbox="INBOX"):
        """Every message in a mailbox as (uid, raw bytes), without setting \\Seen."""
        conn = self.imap(address, password)
        try:
            typ, _ = conn.select(mailbox, readonly=True)
            if typ != "OK":
                raise MailServersError("cannot select %s of %s" % (mailbox, address))
            typ, data = conn.uid("SEARCH", None, "ALL")
            uids = data[0].split() if data and data[0] else []
            out = []
            for uid in uids:
                typ, parts = conn.uid("FETCH", uid, "(BODY.PEEK[])")
                for part in parts:
                    if isinstance(part, tuple):
                        out.append((int(uid), part[1]))
            return out
        finally:
            try:
                conn.logout()
            except (imaplib.IMAP4.error, OSError):
                pass

    def wait_for_imap(self, address, password=None, predicate=None, timeout=30.0,
                      mailbox="INBOX"):
        """Polls the mailbox over IMAP until a message matches predicate(msg), where msg is an
        email.message.EmailMessage (policy=default, so msg["Subject"] is decoded) with extra
        attributes raw (bytes) and uid. Returns msg; raises MailServersError with the servers'
        logs after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        last_error = None
        while True:
            try:
                for uid, raw in self.fetch_all(address, password, mailbox):
                    msg = email.message_from_bytes(raw, policy=email.policy.default)
                    msg.raw = raw
                    msg.uid = uid
                    if predicate is None or predicate(msg):
                        return msg
            except (imaplib.IMAP4.error, OSError) as e:
                last_error = e
            if time.monotonic() > deadline:
                raise MailServersError("no matching message for %s in %s after %ss (last IMAP "
                                       "error: %s)\n%s" % (address, mailbox, timeout, last_error,
                                                           self.diagnostics()))
            time.sleep(0.1)

    def deliveries(self, message_id):
        """Postfix's final word on each recipient of the message with this Message-ID (with
        <>), from its log: a list of dicts with recipient, relay, status ('sent', 'bounced',
        'deferred', …) and text (the reason, with a pipe command's own output)."""
        lines = self.log_lines()
        qids = set()
        for line in lines:
            m = re.search(r"\b(\w+): message-id=(<[^>]*>)", line)
            if m and m.group(2) == message_id:
                qids.add(m.group(1))
        out = []
        for line in lines:
            m = re.search(r"\b(\w+): to=<([^>]*)>,(?: orig_to=<[^>]*>,)? relay=([^,]*),.*"
                          r"status=(\w+) ?(.*)$", line)
            if m and m.group(1) in qids:
                out.append({"recipient": m.group(2), "relay": m.group(3),
                            "status": m.group(4), "text": m.group(5), "line": line})
        return out

    def wait_for_delivery(self, message_id, recipient, timeout=30.0):
        """Waits until Postfix delivered or bounced the message to `recipient` (deferrals are
        waited through) and returns that log entry (see deliveries())."""
        deadline = time.monotonic() + timeout
        while True:
            for d in self.deliveries(message_id):
                if d["recipient"] == recipient and d["status"] != "deferred":
                    return d
            if time.monotonic() > deadline:
                raise MailServersError("Postfix did not finish %s to %s in %ss\n%s"
                                       % (message_id, recipient, timeout, self.diagnostics()))
            time.sleep(0.1)

    def queue_files(self):
        """Paths of the messages still in Postfix's queue (maildrop, incoming, active,
        deferred, hold)."""
        found = []
        for sub in QUEUE_SUBDIRS:
            for dirpath, _, files in os.walk(os.path.join(self.queue_dir, sub)):
                found.extend(os.path.join(dirpath, f) for f in files)
        return found

    def queue_is_empty(self):
        return not self.queue_files()

    def wait_for_queue_empty(self, timeout=30.0):
        deadline = time.monotonic() + timeout
        while not self.queue_is_empty():
            if time.monotonic() > deadline:
                raise MailServersError("Postfix's queue is not empty after %ss\n%s"
                                       % (timeout, self.diagnostics()))
            time.sleep(0.1)

    def flush_queue(self):
        """`postqueue -f`: deliver the queued mail now, deferred mail too, and forget that a
        destination or transport failed (Postfix otherwise waits out its back-off and may
        keep a failed transport suspended for a while after a deferral)."""
        p = subprocess.run([POSTQUEUE, "-c", self.postfix_config_dir, "-f"],
                           capture_output=True, timeout=30)
        if p.returncode != 0:
            raise MailServersError("postqueue -f failed: %s"
                                   % (p.stdout + p.stderr).decode("utf-8", "replace"))

    def postqueue_listing(self):
        p = subprocess.run([POSTQUEUE, "-c", self.postfix_config_dir, "-p"],
                           capture_output=True, timeout=30)
        return (p.stdout + p.stderr).decode("utf-8", "replace")

    def log_lines(self, needle=""):
        """Postfix log lines containing `needle` (e.g. a queue id or 'status=bounced')."""
        try:
            with open(self.postfix_log, encoding="utf-8", errors="replace") as f:
                return [line.rstrip("\n") for line in f if needle in line]
        except OSError:
            return []

    def diagnostics(self):
        """The queue and both servers' log tails, for assertion messages."""
        try:
            queue = self.postqueue_listing()
        except (OSError, subprocess.SubprocessError) as e:
            queue = "(postqueue failed: %s)" % e
        return ("--- postqueue -p ---\n%s%s" % (queue, self._logs_text(
            [self.postfix_log, self.dovecot_log])))


def run_as(user, binary, wrapper_path):
    """Writes an executable wrapper that runs `binary` with its arguments as `user` (for
    running `sahayak` as the same unprivileged user Postfix's pipe transport uses, so both
    can write the same data folder). Returns wrapper_path."""
    pw = pwd.getpwnam(user)
    _write(wrapper_path, "#!/bin/sh\nexec setpriv --reuid=%d --regid=%d --clear-groups -- "
           "%s \"$@\"\n" % (pw.pw_uid, pw.pw_gid, shlex.quote(binary)), 0o755)
    return wrapper_path
