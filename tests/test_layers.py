"""The layering check finds an include that points the wrong way, and passes the real tree."""
import pathlib
import subprocess
import sys
import tempfile
import unittest

ROOT = pathlib.Path(__file__).resolve().parent.parent
CHECK = ROOT / "scripts" / "check-layers"


def run(root):
    return subprocess.run([sys.executable, str(CHECK), str(root)], capture_output=True, text=True)


class LayeringTest(unittest.TestCase):
    def test_real_tree_is_clean(self):
        r = run(ROOT)
        self.assertEqual(r.returncode, 0, r.stdout)
        self.assertIn("0 violation", r.stdout)

    def test_domain_including_store_is_caught(self):
        with tempfile.TemporaryDirectory() as d:
            f = pathlib.Path(d, "src", "domain", "bad.h")
            f.parent.mkdir(parents=True)
            f.write_text('#pragma once\n#include "store/sqlite/connection.h"\n')
            r = run(d)
            self.assertEqual(r.returncode, 1)
            self.assertIn("domain/ may not include store/", r.stdout)

    def test_beast_outside_net_is_caught(self):
        with tempfile.TemporaryDirectory() as d:
            f = pathlib.Path(d, "src", "api", "x.cc")
            f.parent.mkdir(parents=True)
            f.write_text("#include <boost/beast/http.hpp>\n")
            r = run(d)
            self.assertEqual(r.returncode, 1)
            self.assertIn("only net/ may include", r.stdout)

    def test_services_may_include_domain(self):
        with tempfile.TemporaryDirectory() as d:
            f = pathlib.Path(d, "src", "services", "ok.h")
            f.parent.mkdir(parents=True)
            f.write_text('#include "domain/ticket.h"\n#include "base/status.h"\n')
            r = run(d)
            self.assertEqual(r.returncode, 0, r.stdout)


if __name__ == "__main__":
    unittest.main()
