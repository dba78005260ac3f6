#!/usr/bin/python3
"""bench/import_bench.py: how fast a CSV import runs, and what it costs other writers.

    python3 bench/import_bench.py [--bin build/release/sahayak] [--rows 50000]

Starts `sahayak serve` on loopback with a fresh data folder (the integration harness), then:
ceiling — ticket creations one after another with nothing else running (p50/p99/max ms);
figure — a shipments import of --rows rows (time from the 202 to `succeeded`, rows/s) while
the same ticket creations run beside it, whose p50/p99/max show how long other writers wait
(docs/decisions/0004: the import holds the store's writer). Figures, not tests.
"""

import argparse
import os
import secrets
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests",
                                "integration"))
import harness  # noqa: E402


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * p))] if xs else 0.0


def creations(client, stop, out):
    while not stop.is_set():
        t = time.perf_counter()
        r = client.post("/api/v1/tickets", {"subject": "bench", "message": {"body": "x"},
                                            "requester": {"email": "bench@example.in"}})
        out.append((time.perf_counter() - t) * 1000)
        if r.status != 201:
            raise SystemExit("ticket create failed: " + r.describe())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="build/release/sahayak")
    ap.add_argument("--rows", type=int, default=50000)
    args = ap.parse_args()
    os.environ.setdefault("SAHAYAK_BIN", os.path.abspath(args.bin))
    server = harness.Server()
    server.start()
    try:
        admin = server.bearer(server.admin_token)
        admin.post("/api/v1/carriers", {"code": "bluedart", "name": "Blue Dart"})
        base = []
        stop = threading.Event()
        th = threading.Thread(target=creations, args=(server.bearer(server.admin_token), stop,
                                                      base))
        th.start()
        time.sleep(3)
        stop.set()
        th.join()

        text = "carrier,tracking_number,destination.pin,destination.country,weight_grams\n" + \
            "".join("bluedart,%011d,560001,IN,%d\n" % (secrets.randbelow(10 ** 11), 500 + i % 900)
                    for i in range(args.rows))
        boundary = "----bench" + secrets.token_hex(8)
        body = ("--%s\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nshipments\r\n"
                "--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"s.csv\"\r\n"
                "Content-Type: text/csv\r\n\r\n" % (boundary, boundary)).encode() + \
            text.encode() + ("\r\n--%s--\r\n" % boundary).encode()
        during = []
        stop = threading.Event()
        th = threading.Thread(target=creations, args=(server.bearer(server.admin_token), stop,
                                                      during))
        th.start()
        time.sleep(0.5)
        r = admin.request("POST", "/api/v1/imports", raw_body=body,
                          content_type="multipart/form-data; boundary=" + boundary)
        t0 = time.perf_counter()
        if r.status != 202:
            raise SystemExit(r.describe())
        job = r.json
        while job["status"] in ("queued", "running"):
            time.sleep(0.05)
            job = admin.get("/api/v1/imports/%d" % job["id"]).json
        took = time.perf_counter() - t0
        time.sleep(0.5)
        stop.set()
        th.join()
        if job["status"] != "succeeded":
            raise SystemExit("import failed: %r" % job["errors"][:5])
        print("import of %d shipment rows: %.2f s, %.0f rows/s (created %d)"
              % (args.rows, took, args.rows / took, job["created"]))
        print("ticket create, nothing else running (ceiling): p50 %.1f ms, p99 %.1f ms, "
              "max %.1f ms, n=%d" % (pct(base, .5), pct(base, .99), max(base), len(base)))
        print("ticket create during the import:               p50 %.1f ms, p99 %.1f ms, "
              "max %.1f ms, n=%d" % (pct(during, .5), pct(during, .99), max(during),
                                     len(during)))
    finally:
        server.cleanup()


if __name__ == "__main__":
    main()
