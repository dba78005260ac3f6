"""Logs as JSON lines, configuration errors that name the problem, and /metrics gauges."""

import json
import os
import subprocess
import tempfile
import unittest

import harness


class JsonLogTest(unittest.TestCase):
    def test_every_log_line_is_a_json_object(self):
        server = harness.Server(env={"SAHAYAK_LOG_FORMAT": "json", "SAHAYAK_LOG_LEVEL": "debug"})
        try:
            server.start()
            admin = server.bearer(server.admin_token)
            # A message with quotes and a newline must still give valid JSON lines.
            r = admin.get('/api/v1/tickets/99999999?x="quoted"%0Anewline')
            self.assertEqual(r.status, 404)
            server.stop()
            with open(server.log_path, encoding="utf-8") as f:
                # The harness marks each start with a "==== start N ====" line of its own.
                lines = [l for l in f.read().splitlines()
                         if l.strip() and not l.startswith("==== start")]
            self.assertGreater(len(lines), 2)
            for line in lines:
                entry = json.loads(line)
                self.assertEqual(set(entry) >= {"time", "level", "message"}, True, line)
            messages = [json.loads(l)["message"] for l in lines]
            self.assertTrue(any("serving on http://127.0.0.1:" in m for m in messages), messages)
            self.assertTrue(any("/api/v1/tickets/99999999 -> 404" in m for m in messages),
                            messages)
        finally:
            server.cleanup()


class BadConfigTest(unittest.TestCase):
    def run_serve(self, env=None, config_text=None):
        with tempfile.TemporaryDirectory() as d:
            args = [harness.binary_path(), "--data", os.path.join(d, "data")]
            if config_text is not None:
                path = os.path.join(d, "sahayak.toml")
                with open(path, "w", encoding="utf-8") as f:
                    f.write(config_text)
                args += ["--config", path]
            full_env = dict(os.environ)
            full_env.update(env or {})
            return subprocess.run(args + ["serve", "--listen", "127.0.0.1:0"], env=full_env,
                                  capture_output=True, text=True, timeout=30)

    def test_bad_environment_value_is_named(self):
        p = self.run_serve(env={"SAHAYAK_LOG_FORMAT": "xml"})
        self.assertEqual(p.returncode, 2)
        self.assertIn("log.format", p.stderr)

    def test_bad_toml_is_named_with_its_line(self):
        p = self.run_serve(config_text='[server]\nlisten = "127.0.0.1:8080"\nworker_threads = "many"\n')
        self.assertEqual(p.returncode, 2)
        self.assertIn("server.worker_threads", p.stderr)
        p = self.run_serve(config_text="[server\nlisten=1\n")
        self.assertEqual(p.returncode, 2)
        self.assertIn("line", p.stderr)

    def test_out_of_range_values_are_refused(self):
        p = self.run_serve(env={"SAHAYAK_MAX_BODY_BYTES": "12"})
        self.assertEqual(p.returncode, 2)
        self.assertIn("max_body_bytes", p.stderr)
        p = self.run_serve(env={"SAHAYAK_SEARCH_SLICES": "-1"})
        self.assertEqual(p.returncode, 2)
        self.assertIn("search.slices", p.stderr)
        p = self.run_serve(config_text='[search]\nslices = 65\n')
        self.assertEqual(p.returncode, 2)
        self.assertIn("search.slices", p.stderr)
        p = self.run_serve(config_text='[server]\nlisten = "127.0.0.1:99999"\n')
        self.assertEqual(p.returncode, 2)
        self.assertIn("port", p.stderr)

    def test_missing_config_file_named_explicitly_is_an_error(self):
        p = subprocess.run([harness.binary_path(), "--config", "/nonexistent/sahayak.toml",
                            "migrate"], capture_output=True, text=True, timeout=30)
        self.assertEqual(p.returncode, 2)
        self.assertIn("/nonexistent/sahayak.toml", p.stderr)


class MetricsGaugesTest(unittest.TestCase):
    def test_database_gauges_follow_writes(self):
        server = harness.Server()
        try:
            server.start()
            admin = server.bearer(server.admin_token)
            for i in range(3):
                self.assertIn("id", admin.create_ticket(subject="gauge %d" % i))
            r = server.anonymous().get("/metrics")
            self.assertEqual(r.status, 200)
            text = r.raw.decode()
            values = {}
            for line in text.splitlines():
                if line and not line.startswith("#") and "{" not in line:
                    name, value = line.split()
                    values[name] = float(value)
            self.assertEqual(values["sahayak_write_queue_depth"], 0)
            self.assertGreater(values["sahayak_database_bytes"], 0)
            self.assertGreaterEqual(values["sahayak_writes_total"], 3)
            self.assertIn('sahayak_http_requests_total{route="/api/v1/tickets",method="POST",'
                          'status="201"} 3', text)
        finally:
            server.cleanup()


if __name__ == "__main__":
    unittest.main()
