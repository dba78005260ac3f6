"""The command line: version, migrate, seed-demo, admin subcommands, serve's exit paths."""

import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import unittest

import harness


class CliTest(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="sahayak-cli-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def data(self, name="d"):
        return os.path.join(self.tmp, name)

    def test_version(self):
        p = harness.run_cli(["version"])
        self.assertRegex(p.stdout.strip(), r"^sahayak \d+\.\d+\.\d+")

    def test_migrate_is_repeatable(self):
        d = self.data()
        harness.run_cli(["migrate"], data_dir=d)
        p = harness.run_cli(["migrate"], data_dir=d)
        self.assertEqual(p.returncode, 0)
        self.assertTrue(os.path.isdir(d))

    def test_seed_demo(self):
        d = self.data()
        p = harness.run_cli(["seed-demo", "--tickets", "30", "--seed", "7"], data_dir=d)
        m = re.search(r"([\w.+-]+@[\w.-]+)\s*/\s*(\S+)", p.stdout)
        self.assertIsNotNone(m, "seed-demo should print the demo admin login:\n" + p.stdout)
        email, password = m.group(1), m.group(2)
        server = harness.Server(data_dir=d, create_users=False)
        try:
            server.start()
            admin = server.login(email, password)
            self.assertEqual(admin.agent["role"], "admin")
            tickets = admin.list_all("/api/v1/tickets")
            self.assertEqual(len(tickets), 30)
            subjects = sorted(t["subject"] for t in tickets)
            # the demo speaks the users' languages
            text = " ".join(subjects)
            self.assertTrue(re.search("[\u0900-\u097f]", text) or re.search("[\u0c80-\u0cff]", text),
                            "no Hindi or Kannada in demo subjects: %s" % subjects[:10])
        finally:
            server.cleanup()
        # a second seed into the same folder is refused
        again = harness.run_cli(["seed-demo", "--tickets", "5", "--seed", "7"], data_dir=d,
                                check=False)
        self.assertNotEqual(again.returncode, 0)
        # the same seed gives the same data
        d2 = self.data("d2")
        harness.run_cli(["seed-demo", "--tickets", "30", "--seed", "7"], data_dir=d2)
        server2 = harness.Server(data_dir=d2, create_users=False)
        try:
            server2.start()
            admin2 = server2.login(email, password)
            subjects2 = sorted(t["subject"] for t in admin2.list_all("/api/v1/tickets"))
        finally:
            server2.cleanup()
        self.assertEqual(subjects, subjects2, "seed-demo with the same --seed differs")

    def test_admin_commands_refuse_bad_input(self):
        d = self.data()
        harness.run_cli(["migrate"], data_dir=d)
        ok = harness.run_cli(["admin", "create-agent", "--email", "ok@sahayak.test", "--name",
                              "Ok", "--role", "agent", "--password", "Long-enough-1"], data_dir=d)
        self.assertRegex(ok.stdout.strip(), r"^\d+$", "create-agent prints the agent id")
        for args in (["--email", "x@sahayak.test", "--name", "X", "--role", "boss",
                      "--password", "Long-enough-1"],
                     ["--email", "y@sahayak.test", "--name", "Y", "--role", "agent",
                      "--password", "short"],
                     ["--email", "not-an-email", "--name", "Z", "--role", "agent",
                      "--password", "Long-enough-1"],
                     ["--email", "ok@sahayak.test", "--name", "Dup", "--role", "agent",
                      "--password", "Long-enough-1"]):
            with self.subTest(args=args):
                p = harness.run_cli(["admin", "create-agent"] + args, data_dir=d, check=False)
                self.assertNotEqual(p.returncode, 0, p.stdout)
                self.assertTrue(p.stderr.strip(), "a refusal says why on stderr")
        p = harness.run_cli(["admin", "create-token", "--email", "ghost@sahayak.test"],
                            data_dir=d, check=False)
        self.assertNotEqual(p.returncode, 0)
        self.assertEqual(p.stdout.strip(), "", "no token for an unknown agent")
        p = harness.run_cli(["admin", "reset-password", "--email", "ghost@sahayak.test",
                             "--password", "Long-enough-2"], data_dir=d, check=False)
        self.assertNotEqual(p.returncode, 0)
        # exactly one agent exists, and it is the good one
        server = harness.Server(data_dir=d, create_users=False)
        try:
            server.start()
            token = server.create_token("ok@sahayak.test")
            agents = server.bearer(token).list_all("/api/v1/agents")
            self.assertEqual([a["email"] for a in agents], ["ok@sahayak.test"])
        finally:
            server.cleanup()

    def test_serve_exits_nonzero_when_the_port_is_taken(self):
        d = self.data()
        harness.run_cli(["migrate"], data_dir=d)
        blocker = socket.socket()
        blocker.bind(("127.0.0.1", 0))
        blocker.listen(1)
        port = blocker.getsockname()[1]
        try:
            p = subprocess.run([harness.binary_path(), "--data", d, "serve", "--listen",
                                "127.0.0.1:%d" % port], capture_output=True, timeout=20)
            self.assertNotEqual(p.returncode, 0, "serve must fail when it cannot listen")
        finally:
            blocker.close()

    def test_sigint_stops_gracefully(self):
        server = harness.Server()
        try:
            server.start()
            t = server.bearer(server.admin_token).create_ticket(subject="before SIGINT")
            server.proc.send_signal(signal.SIGINT)
            self.assertEqual(server.proc.wait(15), 0, server.log_tail())
            server.start()
            r = server.bearer(server.admin_token).get("/api/v1/tickets/%d" % t["id"])
            self.assertEqual(r.status, 200, r.describe())
        finally:
            server.cleanup()


if __name__ == "__main__":
    unittest.main()
