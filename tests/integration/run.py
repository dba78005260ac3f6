#!/usr/bin/python3
"""Runs the integration tests in this folder against the real `sahayak` binary.

    tests/integration/run.py [--bin PATH] [--jobs 2] [-k SUBSTRING] [test_x.py ...]

Every test_*.py module runs in its own process (two at a time by default); each failing test
is printed with its details, and the last line is exactly `N passed, N failed` (with
`, N skipped` when some were skipped). Exit code 0 only when nothing failed."""

import argparse
import glob
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
MODULE_TIMEOUT = 600
# Longest first so two workers finish close together.
ORDER = ["test_durability", "test_cases", "test_bad_input", "test_features", "test_auth",
         "test_conventions", "test_roles", "test_cli", "test_openapi"]


class RecordingResult(unittest.TestResult):
    """Collects one outcome per test method (sub-test failures count for their test)."""

    def __init__(self):
        super().__init__()
        self.outcomes = {}  # test id -> {"status", "details": [...], "seconds"}
        self.started = {}

    def _rec(self, test_id):
        return self.outcomes.setdefault(test_id, {"status": "passed", "details": [],
                                                  "seconds": 0.0})

    def startTest(self, test):
        super().startTest(test)
        self.started[test.id()] = time.monotonic()
        self._rec(test.id())

    def stopTest(self, test):
        super().stopTest(test)
        t0 = self.started.pop(test.id(), None)
        if t0 is not None:
            self._rec(test.id())["seconds"] = round(time.monotonic() - t0, 2)

    def _fail(self, test_id, kind, err):
        rec = self._rec(test_id)
        rec["status"] = "failed"
        rec["details"].append("%s: %s" % (kind, self._exc_info_to_string(err, None)
                                          if not isinstance(err, str) else err))

    def addError(self, test, err):
        super().addError(test, err)
        self._fail(test.id(), "ERROR", err)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._fail(test.id(), "FAIL", err)

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is not None:
            kind = "FAIL" if issubclass(err[0], test.failureException) else "ERROR"
            self._fail(test.id(), "%s in %s" % (kind, subtest._subDescription()), err)

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        rec = self._rec(test.id())
        rec["status"] = "skipped"
        rec["details"].append("skipped: " + reason)

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self._fail(test.id(), "UNEXPECTED SUCCESS", "the test was expected to fail")

    def _exc_info_to_string(self, err, test):
        exctype, value, tb = err
        # hide unittest's own frames
        while tb and "unittest" in tb.tb_frame.f_globals.get("__name__", "").split(".")[0:1]:
            tb = tb.tb_next
        return "".join(traceback.format_exception(exctype, value, tb))


def worker(module, out_path, pattern):
    sys.path.insert(0, HERE)
    loader = unittest.TestLoader()
    if pattern:
        loader.testNamePatterns = ["*%s*" % pattern]
    try:
        suite = loader.loadTestsFromName(module)
    except Exception:
        suite = None
        err = traceback.format_exc()
    result = RecordingResult()
    if suite is not None:
        suite.run(result)
    else:
        result.outcomes[module + ".<import>"] = {"status": "failed", "details": ["ERROR: " + err],
                                                 "seconds": 0}
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(result.outcomes, f)


def run_module(module, args, env):
    fd, out_path = tempfile.mkstemp(prefix="sahayak-it-result-", suffix=".json")
    os.close(fd)
    cmd = [sys.executable, os.path.abspath(__file__), "--worker", module, "--out", out_path]
    if args.k:
        cmd += ["-k", args.k]
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=HERE, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, start_new_session=True)
    try:
        output, _ = proc.communicate(timeout=MODULE_TIMEOUT)
        timed_out = False
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # the worker and the servers it started
        output, _ = proc.communicate()
        timed_out = True
    seconds = time.monotonic() - t0
    outcomes = {}
    try:
        with open(out_path, encoding="utf-8") as f:
            text = f.read()
        if text:
            outcomes = json.loads(text)
    finally:
        os.unlink(out_path)
    if timed_out or not outcomes:
        why = ("timed out after %ds" % MODULE_TIMEOUT if timed_out
               else "worker exited with %s and reported nothing" % proc.returncode)
        outcomes[module + ".<module>"] = {"status": "failed", "details": [
            "ERROR: %s\n%s" % (why, output.decode("utf-8", "replace")[-4000:])], "seconds": 0}
    return module, outcomes, output.decode("utf-8", "replace"), seconds


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", help="the sahayak binary (default: $SAHAYAK_BIN, then build/)")
    ap.add_argument("--jobs", "-j", type=int, default=2, help="modules run at once (2)")
    ap.add_argument("-k", help="only tests whose name contains this")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    ap.add_argument("modules", nargs="*", help="test_*.py files or module names")
    args = ap.parse_args()

    if args.worker:
        worker(args.worker, args.out, args.k)
        return 0

    sys.dont_write_bytecode = True
    env = dict(os.environ)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    if args.bin:
        env["SAHAYAK_BIN"] = os.path.abspath(args.bin)
    sys.path.insert(0, HERE)
    os.environ.update(env)
    import harness
    binary = harness.binary_path()
    env["SAHAYAK_BIN"] = binary
    if not os.access(binary, os.X_OK):
        print("no sahayak binary at %s (give --bin or set SAHAYAK_BIN)" % binary)
        print("0 passed, 1 failed")
        return 1

    if args.modules:
        modules = [os.path.splitext(os.path.basename(m))[0] for m in args.modules]
    else:
        modules = sorted(os.path.splitext(os.path.basename(p))[0]
                         for p in glob.glob(os.path.join(HERE, "test_*.py")))
    modules.sort(key=lambda m: ORDER.index(m) if m in ORDER else len(ORDER))
    print("sahayak integration tests: %s, %d modules, %d at a time"
          % (binary, len(modules), args.jobs), flush=True)

    results = []
    lock = threading.Lock()
    queue = list(modules)

    def pump():
        while True:
            with lock:
                if not queue:
                    return
                module = queue.pop(0)
            res = run_module(module, args, env)
            with lock:
                results.append(res)
                outcomes = res[1]
                counts = {s: sum(1 for o in outcomes.values() if o["status"] == s)
                          for s in ("passed", "failed", "skipped")}
                print("  %-16s %3d passed %3d failed %3d skipped  %5.1fs"
                      % (module, counts["passed"], counts["failed"], counts["skipped"], res[3]),
                      flush=True)

    threads = [threading.Thread(target=pump) for _ in range(max(1, args.jobs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    passed = failed = skipped = 0
    failures = []
    for module, outcomes, output, _ in sorted(results):
        for test_id, o in sorted(outcomes.items()):
            if o["status"] == "passed":
                passed += 1
            elif o["status"] == "skipped":
                skipped += 1
                print("SKIP %s: %s" % (test_id, "; ".join(o["details"])))
            else:
                failed += 1
                failures.append((test_id, o["details"]))
        extra = [l for l in output.splitlines() if l.strip()
                 and not l.startswith(("Ran ", "OK", "."))]
        if extra:
            print("\n--- output of %s ---\n%s" % (module, "\n".join(extra[-40:])))
    for test_id, details in failures:
        print("\n" + "=" * 78 + "\nFAILED %s\n" % test_id + "-" * 78)
        for d in details:
            print(d.rstrip())
    line = "%d passed, %d failed" % (passed, failed)
    if skipped:
        line += ", %d skipped" % skipped
    print()
    print(line)
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
